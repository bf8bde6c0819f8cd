// Fills the generated section of docs/authoring.md on comparing two versions of a policy (run by
// `npm run generate`, after the build): what `safeguarding-escalation diff` prints for Suffolk's
// policy and its fixture revision. test/versions/docs.test.ts fails when the section is stale. The
// script owns only what lies between the two markers; where the file or the markers are missing, it
// adds them at the end.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { diffPolicies, lintPolicy, loadPolicy, policies, renderPolicyDiff } from 'safeguarding-escalation';

export const AUTHORING_DOC = fileURLToPath(new URL('../docs/authoring.md', import.meta.url));
export const START = '<!-- generated:diff (by npm run generate) -->';
export const END = '<!-- /generated:diff -->';
const FIXTURE = 'test/fixtures/versions/suffolk-v9.yaml';

/** The section between the markers. */
export function diffSectionMarkdown() {
  const text = fs.readFileSync(fileURLToPath(new URL(`../${FIXTURE}`, import.meta.url)), 'utf8');
  const diff = diffPolicies(policies.suffolk, loadPolicy(text, { file: FIXTURE }));
  const findings = lintPolicy(text, { file: FIXTURE }).filter((f) => f.severity !== 'info');
  const lint = findings.length
    ? `\n\nA diff says what changed, not whether the result holds together: run \`lint\` on the revision too. On this
one it finds ${findings.map((f) => `${f.code} (${f.severity}): ${f.message}`).join('; ')}`
    : '';
  return `Before a partnership adopts a revision, \`diff\` shows what it changes, keyed by the ids of stages,
duties, moves, forms, routes, recipients and flags, in the policy's own terms. Changes to what the
engine does for a case (a date, a move, a duty) are listed apart from changes to the wording alone.
Moves are compared as the two ladders allow them, not as the movement rules are written.

The pair below is Suffolk's policy as this package ships it and a revision made up for the tests,
\`${FIXTURE}\` in the repository (one stage's limit changed, one duty
added, the changed limit's citation reworded):

\`\`\`sh
npx safeguarding-escalation diff suffolk ${FIXTURE}          # Markdown, as below
npx safeguarding-escalation diff suffolk ${FIXTURE} --json   # the same changes as data
\`\`\`

${renderPolicyDiff(diff).trimEnd()}${lint}

In code, \`diffPolicies(before, after)\` returns the changes, each with its \`kind\` (added, removed,
changed), \`area\`, \`id\`, \`field\`, \`before\` and \`after\` values, \`rule\` (true when it changes what
the engine does) and a one-line \`summary\`; \`renderPolicyDiff\` renders them as above. A new version
changes nothing for cases already open: each keeps the version it started under until it is moved on
purpose, with a plan, by \`migrateEscalation\` ([integration.md](integration.md#a-new-version-of-a-policy)).`;
}

/** The document with its section filled in. */
export function withDiffSection(doc) {
  const section = `${START}\n${diffSectionMarkdown()}\n${END}`;
  if (doc.includes(START) && doc.includes(END))
    return `${doc.slice(0, doc.indexOf(START))}${section}${doc.slice(doc.indexOf(END) + END.length)}`;
  return `${doc.trimEnd()}${doc.trim() ? '\n\n' : ''}${section}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1])) {
  const doc = fs.existsSync(AUTHORING_DOC)
    ? fs.readFileSync(AUTHORING_DOC, 'utf8')
    : '# Writing and revising a policy\n';
  fs.writeFileSync(AUTHORING_DOC, withDiffSection(doc));
  console.log('wrote the diff section of docs/authoring.md');
}
