import * as z from 'zod/mini';
import { validate } from '../escalation/validate.js';
import { markdownText } from '../render/escape.js';
import type { PolicyChange, PolicyDiff } from './diff.js';

// The diff as Markdown for a partnership board: what changes for cases first, then the wording. The
// summaries quote the policy's own words (titles, quotes, citations): every piece of text is escaped
// for Markdown, like the policy pages, so that a `|`, a link or HTML in a policy comes out as text.

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

const oneLine = (text: string) => markdownText(text.replace(/\s+/g, ' ').trim());

const text = z.string();
const versionRef = z.object({ id: text, version: text });
/** What `renderPolicyDiff` reads of a diff: a diff from `diffPolicies`, or its JSON (`diff --json`). */
const diffSchema = z.object({
  before: versionRef,
  after: versionRef,
  changes: z.array(
    z.object({
      kind: z.enum(['added', 'removed', 'changed']),
      area: z.enum(Object.keys(AREA_WORDS) as [PolicyChange['area'], ...PolicyChange['area'][]]),
      rule: z.boolean(),
      summary: text,
      before: z.optional(z.unknown()),
      after: z.optional(z.unknown()),
    }),
  ),
  ruleChanges: z.int().check(z.nonnegative()),
  textChanges: z.int().check(z.nonnegative()),
});

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

const bullet = (change: PolicyChange) => [
  `- **${AREA_WORDS[change.area]}**: ${markdownText(change.summary)}`,
  ...wording(change),
];

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
  validate(diffSchema, diff, 'INVALID_ARGUMENT', 'renderPolicyDiff: diff');
  const [before, after] = [diff.before, diff.after].map((v) => ({
    id: markdownText(v.id),
    version: markdownText(v.version),
  })) as [PolicyDiff['before'], PolicyDiff['after']];
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
