import { ukCalendar, indexOf, type WorkingDayCalendar, type WorkingDayIndex } from '../calendar/calendar.js';
import { createPolicyMachine, type PolicyMachine } from '../machine/createPolicyMachine.js';
import { definePolicy, isPolicy, type Policy } from '../policy/define.js';
import { movesFrom, type Move } from '../policy/moves.js';
import { PolicyError } from '../policy/errors.js';
import type { MovementRule, ObligationRule, Risk, Stage } from '../policy/schema.js';
import { EscalationError } from './errors.js';
import type { Escalation } from './types.js';

/** An event a user interface may offer next. */
export interface AllowedEvent {
  readonly type: 'ESCALATE' | 'EXPEDITE' | 'RECORD' | 'RESOLVE' | 'WITHDRAW' | 'EXTEND' | 'SET_TIMESCALE' | 'RISK';
  /** The stage it moves to. */
  readonly to?: string;
  /** The risk the policy requires for it. */
  readonly requires?: Risk;
  /** The movement rule that allows it. */
  readonly rule?: string;
  /** For EXTEND and SET_TIMESCALE: the obligation it applies to. */
  readonly obligation?: string;
}

/** Everything the engine needs about a policy, worked out once. */
export interface Compiled {
  readonly policy: Policy;
  readonly machine: PolicyMachine;
  readonly stages: ReadonlyMap<string, Stage>;
  readonly stageOrder: ReadonlyMap<string, number>;
  readonly rules: ReadonlyMap<string, ObligationRule>;
  readonly movement: ReadonlyMap<string, MovementRule>;
  /** Movement events each state offers, read from the machine configuration. */
  readonly moves: ReadonlyMap<string, readonly AllowedEvent[]>;
  readonly calendar: WorkingDayCalendar;
  readonly index: WorkingDayIndex;
}

const compiledPolicies = new WeakMap<Policy, Compiled>();

/** A move as a user interface offers it; START is not offered once the escalation has begun. */
function allowedEvents(move: Move): AllowedEvent[] {
  if (move.event === 'START') return [];
  const to = move.event === 'ESCALATE' || move.event === 'EXPEDITE' ? { to: move.to } : {};
  return [{ type: move.event, ...to, ...(move.rule ? { requires: move.rule.requires, rule: move.rule.id } : {}) }];
}

export function compile(policy: Policy): Compiled {
  let c = compiledPolicies.get(policy);
  if (c) return c;
  const movement = new Map(policy.movement.map((m) => [m.id, m] as const));
  const moves = new Map<string, AllowedEvent[]>();
  for (const state of ['raised', ...policy.stages.map((stage) => stage.id)]) {
    moves.set(state, movesFrom(policy, state).flatMap(allowedEvents));
  }
  const calendar = ukCalendar(policy.division);
  c = {
    policy,
    machine: createPolicyMachine(policy),
    stages: new Map(policy.stages.map((s) => [s.id, s] as const)),
    stageOrder: new Map(policy.stages.map((s, i) => [s.id, i] as const)),
    rules: new Map(policy.obligations.map((o) => [o.id, o] as const)),
    movement,
    moves,
    calendar,
    index: indexOf(calendar),
  };
  compiledPolicies.set(policy, c);
  return c;
}

// Each escalation object the engine returns remembers the policy it runs under, so applyEvent,
// advanceTo and getStatus need only the escalation. A parsed copy from storage has lost that link:
// restoreEscalation(json, policy) makes it again. The link lives here, not on the object, so the
// escalation stays plain JSON.
const attached = new WeakMap<object, Policy>();

export function isAttached(escalation: unknown): boolean {
  return typeof escalation === 'object' && escalation !== null && attached.has(escalation);
}

export function attach<T extends object>(escalation: T, policy: Policy): T {
  attached.set(escalation, policy);
  return escalation;
}

/** Options every escalation call accepts. */
export interface EngineOptions {
  /** The policy to run under, when the escalation object did not come from this library's calls. */
  readonly policy?: Policy;
  /**
   * The calendar to count on: the policy's division with local closures or a GOV.UK feed. Deadlines
   * still running are worked out again on it; those already met or missed stay as recorded.
   */
  readonly calendar?: WorkingDayCalendar;
}

export function policyFor(escalation: Escalation, options: EngineOptions | undefined): Compiled {
  const given = options?.policy;
  let policy = given ?? attached.get(escalation);
  if (!policy) {
    throw new EscalationError(
      'POLICY_MISMATCH',
      `Escalation '${String(escalation?.id)}' is not linked to its policy: load it with restoreEscalation(json, policy), or pass { policy }`,
    );
  }
  if (!isPolicy(policy)) {
    try {
      policy = definePolicy(policy);
    } catch (e) {
      if (e instanceof PolicyError) throw new EscalationError('POLICY_MISMATCH', e.message, e.problems);
      throw e;
    }
  }
  if (escalation.policy.id !== policy.id || escalation.policy.version !== policy.version) {
    throw new EscalationError(
      'POLICY_MISMATCH',
      `Escalation '${escalation.id}' runs under policy ${escalation.policy.id} version ${escalation.policy.version}, not ${policy.id} version ${policy.version}`,
    );
  }
  return compile(policy);
}

export function calendarFor(c: Compiled, options: EngineOptions | undefined): { calendar: WorkingDayCalendar; index: WorkingDayIndex; custom: boolean } {
  const cal = options?.calendar;
  if (!cal) return { calendar: c.calendar, index: c.index, custom: false };
  let index: WorkingDayIndex;
  try {
    index = indexOf(cal);
  } catch {
    throw new EscalationError('POLICY_MISMATCH', 'options.calendar is not a calendar made by ukCalendar() or govUkCalendar()');
  }
  if (cal.division !== c.policy.division) {
    throw new EscalationError('POLICY_MISMATCH', `options.calendar is for ${cal.division}; policy ${c.policy.id} counts working days in ${c.policy.division}`);
  }
  return { calendar: cal, index, custom: cal !== c.calendar };
}
