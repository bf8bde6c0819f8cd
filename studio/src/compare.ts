// The "Compare" pane: the policy in the editor against a shipped policy or the text as it was when it
// was opened, by the library's diffPolicies. Rule changes (what the policy requires) are listed apart
// from wording changes. Where this build has no diffPolicies the pane says so and shows nothing else.
import { byId, h } from './dom.js';
import { diffPolicies, renderPolicyDiff, type Policy, type PolicyChange } from './library.js';

/** What the editor's policy is compared with. */
export interface Baseline {
  /** In words: "the text as it was when opened", "the shipped suffolk policy". */
  readonly description: string;
  readonly policy: Policy | null;
}

const value = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

function changeItem(change: PolicyChange): HTMLElement {
  const shown = change.kind === 'changed' && (change.before !== undefined || change.after !== undefined);
  return h(
    'li',
    {
      'data-kind': change.kind,
      'data-area': change.area,
      'data-id': change.id,
      'data-field': change.field ?? '',
    },
    h('strong', {}, `${change.kind} ${change.area} ${change.id}${change.field ? `, ${change.field}` : ''}: `),
    change.summary,
    shown
      ? h(
          'div',
          { className: 'before-after' },
          h('span', {}, 'Before: '),
          h('code', {}, value(change.before)),
          h('span', {}, ' After: '),
          h('code', {}, value(change.after)),
        )
      : null,
  );
}

function changeList(id: string, title: string, changes: readonly PolicyChange[]): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': `${id}-heading` },
    h('h3', { id: `${id}-heading` }, `${title} (${changes.length})`),
    changes.length ? h('ul', { id }, changes.map(changeItem)) : h('p', { id }, 'None.'),
  );
}

/** Fills the Compare pane. */
export function showComparison(after: Policy | null, baseline: Baseline): void {
  const slot = byId('diff-slot');
  if (!after || !baseline.policy) {
    slot.replaceChildren(
      h(
        'p',
        {},
        !after
          ? 'Fix the errors in the policy to compare it.'
          : `${baseline.description} has errors: it cannot be compared.`,
      ),
    );
    return;
  }
  const diff = diffPolicies(baseline.policy, after);
  const rules = diff.changes.filter((change) => change.rule);
  const wording = diff.changes.filter((change) => !change.rule);
  slot.replaceChildren(
    h(
      'p',
      { id: 'diff-summary', 'data-rule-changes': diff.ruleChanges, 'data-text-changes': diff.textChanges },
      `The editor's policy (${diff.after.id} version ${diff.after.version}) against ${baseline.description} (${diff.before.id} version ${diff.before.version}): `,
      diff.changes.length
        ? `${diff.ruleChanges} rule change(s), ${diff.textChanges} wording change(s).`
        : 'no differences.',
    ),
    changeList('diff-rules', 'Rule changes: what the policy requires', rules),
    changeList('diff-wording', 'Wording changes', wording),
    h(
      'details',
      {},
      h('summary', {}, 'The comparison as Markdown'),
      h('pre', { id: 'diff-markdown' }, renderPolicyDiff(diff)),
    ),
  );
}
