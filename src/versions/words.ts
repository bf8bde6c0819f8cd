import type { Policy } from '../policy/define.js';
import type { Anchor, AnchorOrFirstOf, Meet, ObligationRule, Requirement } from '../policy/schema.js';
import { describeLimit } from '../render/policyMarkdown.js';

// A policy's rules in the words of the person who wrote it: stages by their number, limits in days,
// what a clock counts from and what meets a duty. Used by the diff's summaries and the migration's.

/** "Stage 2", or the id when the policy has no such stage. */
export function stageName(policy: Policy, id: string): string {
  if (id === 'raised') return 'the start';
  const stage = policy.stages.find((s) => s.id === id);
  return stage ? `Stage ${stage.number}` : id;
}

/** "Stage 3, 4 or 5". */
export function stageList(policy: Policy, ids: readonly string[], or = 'or'): string {
  const names = ids.map((id) => stageName(policy, id));
  if (names.length <= 1) return names.join('');
  const numbers = names.map((name) => name.replace(/^Stage /, ''));
  if (names.every((name) => name.startsWith('Stage '))) {
    return `Stage ${numbers.slice(0, -1).join(', ')} ${or} ${numbers.at(-1)}`;
  }
  return `${names.slice(0, -1).join(', ')} ${or} ${names.at(-1)}`;
}

const kinds = (kind: string | readonly string[]) => (typeof kind === 'string' ? kind : kind.join(' or '));

function recipientList(policy: Policy, to: string | readonly string[]): string {
  const ids = typeof to === 'string' ? [to] : to;
  return ids.map((id) => policy.recipients?.find((r) => r.id === id)?.title ?? id).join(' or ');
}

function oneAnchor(policy: Policy, anchor: Anchor): string {
  switch (anchor.on) {
    case 'raised':
      return 'the concern being raised';
    case 'stage-entered':
      return `${anchor.once ? 'the first of ' : ''}${stageList(policy, anchor.stages)} beginning${anchor.from ? ` (from ${stageList(policy, anchor.from)})` : ''}`;
    case 'record':
      return `a ${kinds(anchor.kind)}${anchor.form ? ` (${anchor.form})` : ''} record${anchor.stages ? ` at ${stageList(policy, anchor.stages)}` : ''}`;
    case 'resolved':
      return `resolution${anchor.stages ? ` at ${stageList(policy, anchor.stages)}` : ''}`;
    case 'concluded':
      return `the end of the process${anchor.stages ? ` at ${stageList(policy, anchor.stages)}` : ''}`;
    case 'flagged':
      return `the case being flagged '${anchor.flag}'`;
  }
}

/** What a duty's clock counts from, in words. */
export function anchorWords(policy: Policy, anchor: AnchorOrFirstOf): string {
  if ('firstOf' in anchor)
    return `whichever comes first of ${anchor.firstOf.map((a) => oneAnchor(policy, a)).join('; ')}`;
  return oneAnchor(policy, anchor);
}

/** What meets a duty, in words. */
export function meetWords(policy: Policy, meet: Meet): string {
  switch (meet.by) {
    case 'stage-exit':
      return 'leaving the stage';
    case 'stage-reached':
      return `reaching ${stageList(policy, meet.stages)}${meet.orResolution ? ', or resolution' : ''}`;
    case 'resolution':
      return 'resolution';
    case 'record':
      return `a ${kinds(meet.kind)}${meet.form ? ` (${meet.form})` : ''} record${meet.to ? ` to ${recipientList(policy, meet.to)}` : ''}${meet.orEarlier ? ' (one made earlier counts)' : ''}`;
  }
}

const RISK_WORDS: Record<string, string> = {
  none: 'nothing more',
  'imminent-risk': 'an imminent risk to the child',
  'significant-risk': 'significant concerns for the child',
  'immediate-harm': 'a risk of immediate harm',
};

/** What a move needs, in words. */
export function requirementWords(requires: Requirement): string {
  return typeof requires === 'string'
    ? (RISK_WORDS[requires] ?? requires)
    : `the reason '${requires.reason}': ${requires.description}`;
}

/** A limit in words: "2 working days", or "no timescale". */
export function limitWords(limit: ObligationRule['limit']): string {
  return limit ? describeLimit(limit) : 'no timescale';
}

/** What changes at imminent risk, in words. */
export function imminentRiskWords(rule: ObligationRule['imminentRisk']): string {
  if (!rule) return 'the same rule at imminent risk';
  if ('onlyThen' in rule) return 'only at imminent risk';
  if ('notApplicable' in rule) return 'not at imminent risk';
  return `${describeLimit(rule.limit)} at imminent risk`;
}

/**
 * The stage a stage deadline times: the stage that reaching meets it, or the one whose beginning
 * starts it. Suffolk's "Stage 2" deadline counts from the Stage 1 discussion and is met by reaching
 * Stage 2: it is Stage 2's.
 */
function timedStage(rule: ObligationRule): string | undefined {
  if (rule.kind !== 'stage') return undefined;
  if (rule.meet.by === 'stage-reached') return rule.meet.stages[0];
  if ('on' in rule.anchor && rule.anchor.on === 'stage-entered' && rule.anchor.stages.length === 1)
    return rule.anchor.stages[0];
  return undefined;
}

/** A duty's name for a sentence about one of its fields: "Stage 2's limit", "the limit of “Respond ...”". */
export function dutyField(policy: Policy, rule: ObligationRule, field: string): string {
  const stage = timedStage(rule);
  return stage ? `${stageName(policy, stage)}'s ${field}` : `the ${field} of “${rule.label}”`;
}

/** A duty's name: “Respond to the Stage 5 escalation”, or "Stage 2's deadline (“...”)". */
export function dutyName(policy: Policy, rule: ObligationRule): string {
  const stage = timedStage(rule);
  return stage ? `${stageName(policy, stage)}'s deadline (“${rule.label}”)` : `“${rule.label}”`;
}

/** A duty's short name: "Stage 2's deadline", or its label in quotes. */
export function dutyShortName(policy: Policy, rule: ObligationRule): string {
  const stage = timedStage(rule);
  return stage ? `${stageName(policy, stage)}'s deadline` : `“${rule.label}”`;
}

/** A sentence's first letter in capitals. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A long text cut to a readable length for a one-line summary. */
export function shorten(text: string, length = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= length ? flat : `${flat.slice(0, length - 1).replace(/\s+\S*$/, '')}…`;
}
