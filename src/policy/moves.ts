import { policyArgument, type Policy } from './define.js';
import type { MovementRule } from './schema.js';

/**
 * The events that move an escalation between states. RECORD, EXTEND and the rest never change state.
 *
 * @example
 * MOVEMENT_EVENTS.includes(event.type); // true for ESCALATE, false for RECORD
 */
export const MOVEMENT_EVENTS = ['START', 'ESCALATE', 'EXPEDITE', 'RESOLVE', 'WITHDRAW'] as const;

/** An event that moves an escalation between states. */
export type MovementEventType = (typeof MOVEMENT_EVENTS)[number];

/** One move a policy allows: from a state, on an event, to a state, and the movement rule it needs. */
export interface Move {
  readonly event: MovementEventType;
  /** 'raised' or a stage id. */
  readonly from: string;
  /** A stage id, 'resolved' or 'withdrawn'. */
  readonly to: string;
  /** The movement rule that allows it; absent for the moves every policy allows. */
  readonly rule?: MovementRule;
}

/**
 * Every move the policy allows from one state, derived from its stages and movement rules: the one
 * place the ladder is worked out. From 'raised', START goes to the first stage, or to a later one a
 * 'start' rule names. From a stage, ESCALATE goes to the next stage, EXPEDITE to any stage after the
 * next that an 'expedite' or 'skip' rule allows from here, and RESOLVE and WITHDRAW close the case.
 * Moves that need a rule come first, in the order of the stages and then of the rules.
 *
 * @example
 * movesFrom(policies.suffolk, 'stage-3').map((m) => `${m.event} ${m.to}`);
 * // ['ESCALATE stage-4', 'EXPEDITE stage-5', 'RESOLVE resolved', 'WITHDRAW withdrawn']
 */
export function movesFrom(policy: Policy, state: string): Move[] {
  policy = policyArgument(policy);
  const stages = policy.stages;
  const rules = policy.movement as readonly MovementRule[];
  if (state === 'raised') {
    const later = stages
      .slice(1)
      .flatMap((stage) =>
        rules
          .filter((rule) => rule.kind === 'start' && rule.to.includes(stage.id))
          .map((rule) => ({ event: 'START' as const, from: state, to: stage.id, rule })),
      );
    return [...later, { event: 'START', from: state, to: stages[0]!.id }];
  }
  const index = stages.findIndex((stage) => stage.id === state);
  if (index < 0) return [];
  const next = stages[index + 1];
  const jumps = stages
    .slice(index + 2)
    .flatMap((stage) =>
      rules
        .filter(
          (rule) =>
            rule.kind !== 'start' &&
            rule.to.includes(stage.id) &&
            (rule.from === undefined || rule.from.includes(state)),
        )
        .map((rule) => ({ event: 'EXPEDITE' as const, from: state, to: stage.id, rule })),
    );
  return [
    ...(next ? [{ event: 'ESCALATE' as const, from: state, to: next.id }] : []),
    ...jumps,
    { event: 'RESOLVE', from: state, to: 'resolved' },
    { event: 'WITHDRAW', from: state, to: 'withdrawn' },
  ];
}

/**
 * Every move of the policy, state by state ('raised' first, then the stages in order).
 *
 * @example
 * policyMoves(policies.barnsley).filter((m) => m.rule).length; // the moves a risk or a rule allows
 */
export function policyMoves(policy: Policy): Move[] {
  policy = policyArgument(policy);
  return ['raised', ...policy.stages.map((stage) => stage.id)].flatMap((state) => movesFrom(policy, state));
}
