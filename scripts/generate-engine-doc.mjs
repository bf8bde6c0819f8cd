// Fills the generated chart in docs/engine.md (run by `npm run generate`, after the build):
// a Suffolk escalation across Christmas, drawn by renderTimeline. test/render.test.ts fails when the
// doc is stale.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { applyEvent, policies, renderTimeline, startEscalation } from 'safeguarding-escalation';

export const ENGINE_DOC = fileURLToPath(new URL('../docs/engine.md', import.meta.url));
export const START = '<!-- generated:timeline (by `npm run generate`; a test fails when it is stale) -->';
export const END = '<!-- /generated:timeline -->';

export function exampleTimelineMarkdown() {
  let e = startEscalation(policies.suffolk, { id: 'SUF-2024-288', raisedAt: '2024-12-20T10:00:00Z' });
  for (const event of [
    { type: 'RECORD', at: '2024-12-24T16:00:00Z', record: { kind: 'meeting' } },
    { type: 'ESCALATE', at: '2024-12-27T09:00:00Z' },
    { type: 'RECORD', at: '2024-12-27T15:00:00Z', record: { kind: 'form', form: 'escalation-record-form' } },
    { type: 'ESCALATE', at: '2024-12-30T10:00:00Z' },
    { type: 'ESCALATE', at: '2025-01-06T10:00:00Z' },
    { type: 'ESCALATE', at: '2025-01-07T10:00:00Z' },
    { type: 'RECORD', at: '2025-01-09T12:00:00Z', record: { kind: 'response' } },
    { type: 'RESOLVE', at: '2025-01-10T15:00:00Z', outcome: 'Plan reviewed' },
  ]) {
    e = applyEvent(policies.suffolk, e, event);
  }
  return `\`\`\`mermaid\n${renderTimeline(policies.suffolk, e, '2025-01-10T15:00:00Z')}\n\`\`\``;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1])) {
  const doc = fs.readFileSync(ENGINE_DOC, 'utf8');
  fs.writeFileSync(
    ENGINE_DOC,
    `${doc.slice(0, doc.indexOf(START) + START.length)}\n${exampleTimelineMarkdown()}\n${doc.slice(doc.indexOf(END))}`,
  );
  console.log('wrote the chart in docs/engine.md');
}
