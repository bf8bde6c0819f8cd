import type { PolicyChange, PolicyDiff } from './diff.js';

// The diff as Markdown for a partnership board: what changes for cases first, then the wording.

const AREA_WORDS: Record<PolicyChange['area'], string> = {
  policy: 'Policy',
  source: 'Source',
  stage: 'Stage',
  recipient: 'Recipient',
  flag: 'Flag',
  obligation: 'Duty',
  movement: 'Move',
  form: 'Form',
  route: 'Route',
  interpretation: 'Interpretation',
};

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** A wording change whose summary does not show the words: the words before and after, in full. */
function wording(change: PolicyChange): string[] {
  if (change.kind !== 'changed' || change.rule) return [];
  const { before, after } = change;
  if ((before !== undefined && typeof before !== 'string') || (after !== undefined && typeof after !== 'string'))
    return [];
  if (after !== undefined && change.summary.includes(after)) return [];
  return [
    `  - was: ${before === undefined ? '(none)' : `“${oneLine(before)}”`}`,
    `  - now: ${after === undefined ? '(none)' : `“${oneLine(after)}”`}`,
  ];
}

const bullet = (change: PolicyChange) => [`- **${AREA_WORDS[change.area]}**: ${change.summary}`, ...wording(change)];

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * A policy diff as Markdown a partnership board can read: a heading naming the two versions, how many
 * changes change what the engine does and how many only the wording, then the changes to what the
 * engine does (dates, moves, duties), then the wording, with the words before and after in full.
 *
 * @example
 * fs.writeFileSync('changes.md', renderPolicyDiff(diffPolicies(policies.suffolk, suffolkV9)));
 */
export function renderPolicyDiff(diff: PolicyDiff): string {
  const { before, after } = diff;
  const name =
    before.id === after.id
      ? `${after.id}: version ${before.version} → version ${after.version}`
      : `${before.id} version ${before.version} → ${after.id} version ${after.version}`;
  const lines = [`### ${name}`, ''];
  if (diff.changes.length === 0) return [...lines, 'No differences.', ''].join('\n');
  lines.push(
    `${count(diff.ruleChanges, 'change', 'changes')} to what the engine does (dates, moves, duties); ${count(diff.textChanges, 'change', 'changes')} to the wording only.`,
    '',
  );
  const rules = diff.changes.filter((c) => c.rule);
  const texts = diff.changes.filter((c) => !c.rule);
  if (rules.length) lines.push('#### What changes for cases', '', ...rules.flatMap(bullet), '');
  if (texts.length) lines.push('#### Wording only', '', ...texts.flatMap(bullet), '');
  return lines.join('\n');
}
