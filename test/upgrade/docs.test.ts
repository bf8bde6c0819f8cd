// docs/integration.md, "Upgrading from 0.1": its worked example, run as it is written against the built
// package, on the case of the 0.1 corpus it describes (a Suffolk case 0.1 stored at Stage 2); every
// value its comments give is checked, and the dates its prose gives too.
import { transformSync } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyEvent, policies, startEscalation } from '../../src/index.js';
import { corpus } from './corpus.js';

const root = path.resolve(__dirname, '../..');
const guide = fs.readFileSync(path.join(root, 'docs', 'integration.md'), 'utf8');
const section = guide.slice(
  guide.indexOf('## Upgrading from 0.1'),
  guide.indexOf('\n## ', guide.indexOf('## Upgrading from 0.1') + 1),
);
const example = [...section.matchAll(/```ts\n([\s\S]*?)```/g)]
  .map((m) => m[1]!)
  .find((code) => code.includes("from 'safeguarding-escalation'"));

/** `expression; // literal` lines: the expression's value must equal the literal. */
function withChecks(code: string): string {
  return code
    .split('\n')
    .map((line) => {
      const match = /^(\S.*?);\s*\/\/\s*(\{.*\}|'[^']*'|true|false|\d+)(?::.*)?$/.exec(line);
      return match ? `__checks.push([${JSON.stringify(match[1])}, ${match[1]}, ${match[2]}]);` : line;
    })
    .join('\n');
}

describe('docs/integration.md, Upgrading from 0.1', () => {
  const stored = corpus('suffolk').find((c) => c.escalation.raisedAt === '2025-04-03T09:00:00.000Z');

  it('has a worked example, on a case of the 0.1 corpus', () => {
    expect(example).toBeDefined();
    expect(stored?.escalation).toMatchObject({ format: 1, policy: { id: 'suffolk', version: '8' }, stage: 'stage-2' });
  });

  it('runs its worked example as written, and every value its comments give', async () => {
    const prelude = `export const __checks = [];\nconst row = { json: ${JSON.stringify(JSON.stringify(stored!.escalation))} };\n`;
    const code = transformSync(prelude + withChecks(example!), { loader: 'ts', format: 'esm' }).code;
    // Inside the package, so `safeguarding-escalation` resolves to the package itself (its built dist).
    const file = path.join(root, '.tmp', 'integration-upgrading-example.mjs');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, code);
    const { __checks: checks } = (await import(pathToFileURL(file).href)) as { __checks: [string, unknown, unknown][] };
    expect(checks.map(([expression]) => expression)).toEqual([
      'e.policy.version',
      "due(e, 'stage-3-liaison')",
      "due(e, 'stage-5-cap')",
      'check.entry.duties.length',
      'moved.policy.version',
      "due(moved, 'stage-3-liaison')",
      "due(moved, 'stage-5-cap')",
    ]);
    for (const [expression, actual, expected] of checks) expect(actual, expression).toEqual(expected);
  });

  it('says rightly that a new case under 8 r2, on the same facts, counts its cap from the discussion: 11 April', () => {
    let e = startEscalation(policies.suffolk, { id: 'SUF-NEW', raisedAt: '2025-04-03T09:00:00Z' });
    e = applyEvent(policies.suffolk, e, { type: 'RECORD', at: '2025-04-04T10:00:00Z', record: { kind: 'discussion' } });
    e = applyEvent(policies.suffolk, e, { type: 'ESCALATE', at: '2025-04-07T09:00:00Z' });
    expect(e.obligations.find((o) => o.rule === 'stage-5-cap')?.dueDate).toBe('2025-04-11');
    expect(section).toContain('11 April');
  });
});
