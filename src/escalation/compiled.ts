import { indexOf, ukCalendar, type WorkingDayCalendar, type WorkingDayIndex } from '../calendar/calendar.js';
import { createPolicyMachine, type PolicyMachine } from '../machine/createPolicyMachine.js';
import { definePolicy, isPolicy, type Policy } from '../policy/define.js';
import { citationText } from '../policy/citation.js';
import { PolicyError } from '../policy/errors.js';
import { movesFrom, type Move } from '../policy/moves.js';
import type {
  MovementRule,
  ObligationRule,
  PolicyDefinition,
  Recipient,
  Requirement,
  Stage,
} from '../policy/schema.js';
import { EscalationError } from './errors.js';
import type { Decision } from './movement.js';
import type { CaseCalendar, Escalation } from './types.js';

/** An event a user interface may offer next. */
export interface AllowedEvent {
  readonly type:
    | 'ESCALATE'
    | 'EXPEDITE'
    | 'RECORD'
    | 'RESOLVE'
    | 'WITHDRAW'
    | 'EXTEND'
    | 'SET_TIMESCALE'
    | 'RISK'
    | 'FLAG'
    | 'CALENDAR';
  /** The stage it moves to. */
  readonly to?: string;
  /** What the policy requires for it: a risk, or a reason. */
  readonly requires?: Requirement;
  /** The movement rule that allows it. */
  readonly rule?: string;
  /** For EXTEND and SET_TIMESCALE: the obligation it applies to. */
  readonly obligation?: string;
  /** For FLAG: the flag. */
  readonly flag?: string;
}

/**
 * Where the runtime finds the policy an escalation runs under: by id and version, among the versions
 * a host keeps (`policyRegistry`). Any object with this `get` will do, a database lookup included.
 */
export interface PolicyRegistry {
  /** The policy with this id and version, or undefined when the registry does not have it. */
  get(id: string, version: string): Policy | PolicyDefinition | undefined;
}

/** The policy argument of the runtime: a policy (or its plain definition), or a registry of versions. */
export type PolicySource = Policy | PolicyDefinition | PolicyRegistry;

/**
 * A registry of policies by id and version, for hosts whose open cases run under several versions:
 * each escalation is run under the version it names.
 *
 * @example
 * const registry = policyRegistry([suffolkV8, suffolkV9]);
 * getStatus(registry, escalation, now); // under the version the escalation names
 */
export function policyRegistry(
  list: Iterable<Policy | PolicyDefinition>,
): PolicyRegistry & { readonly policies: readonly Policy[] } {
  if (
    typeof list !== 'object' ||
    list === null ||
    typeof (list as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function'
  ) {
    throw new EscalationError('INVALID_ARGUMENT', 'policyRegistry: expected a list of policies');
  }
  const policies = [...list].map((policy) => checkedPolicy(policy));
  const byKey = new Map(policies.map((policy) => [`${policy.id}\u0000${policy.version}`, policy] as const));
  if (byKey.size !== policies.length)
    throw new EscalationError('INVALID_ARGUMENT', 'policyRegistry: the same policy id and version is listed twice');
  return { policies, get: (id, version) => byKey.get(`${id}\u0000${version}`) };
}

/** Everything the engine needs about a policy, worked out once. */
export interface Compiled {
  readonly policy: Policy;
  readonly machine: PolicyMachine;
  readonly stages: ReadonlyMap<string, Stage>;
  readonly stageOrder: ReadonlyMap<string, number>;
  readonly rules: ReadonlyMap<string, ObligationRule>;
  readonly movement: ReadonlyMap<string, MovementRule>;
  readonly recipients: ReadonlyMap<string, Recipient>;
  readonly flags: ReadonlySet<string>;
  /** Movement events each state offers, derived from the stages and movement rules. */
  readonly moves: ReadonlyMap<string, readonly AllowedEvent[]>;
  /** What `getStatus` reports of each obligation rule, worked out once. */
  readonly ruleFacts: ReadonlyMap<string, RuleFacts>;
  /** The machine's decisions for moves, filled as they are asked (see `decide`). */
  readonly decisions: Map<string, Decision>;
}

/** What the status of an obligation says of its rule. */
export interface RuleFacts {
  readonly rule: ObligationRule;
  readonly citation: string;
  /** Who must act, where the policy says. */
  readonly who: string | undefined;
  /** Who must be told or answered, by the recipient's title. */
  readonly to: string | undefined;
  /** Whether a record meets it. */
  readonly metByRecord: boolean;
  /** Whether its limit has a part set case by case (SET_TIMESCALE). */
  readonly perCase: boolean;
}

function ruleFacts(rule: ObligationRule, recipients: ReadonlyMap<string, Recipient>): RuleFacts {
  const limit = rule.limit;
  return {
    rule,
    citation: citationText(rule.citation),
    who: rule.who || undefined,
    to: (rule.to ? (recipients.get(rule.to)?.title ?? rule.to) : undefined) || undefined,
    metByRecord: rule.meet.by === 'record',
    perCase:
      limit !== undefined && 'whicheverIsLess' in limit && limit.whicheverIsLess.some((part) => 'perCase' in part),
  };
}

// A cache: compiling depends only on the policy's value, so keeping it by the policy object changes
// no answer; a structurally equal copy is checked and compiled afresh and behaves the same.
const compiledPolicies = new WeakMap<Policy, Compiled>();

/** A move as a user interface offers it; START is not offered once the escalation has begun. */
function allowedEvents(move: Move): AllowedEvent[] {
  if (move.event === 'START') return [];
  const to = move.event === 'ESCALATE' || move.event === 'EXPEDITE' ? { to: move.to } : {};
  return [{ type: move.event, ...to, ...(move.rule ? { requires: move.rule.requires, rule: move.rule.id } : {}) }];
}

export function compile(policy: Policy): Compiled {
  let compiled = compiledPolicies.get(policy);
  if (compiled) return compiled;
  const moves = new Map<string, AllowedEvent[]>();
  for (const state of ['raised', ...policy.stages.map((stage) => stage.id)])
    moves.set(state, movesFrom(policy, state).flatMap(allowedEvents));
  const recipients = new Map((policy.recipients ?? []).map((recipient) => [recipient.id, recipient] as const));
  compiled = {
    policy,
    machine: createPolicyMachine(policy),
    stages: new Map(policy.stages.map((stage) => [stage.id, stage] as const)),
    stageOrder: new Map(policy.stages.map((stage, index) => [stage.id, index] as const)),
    rules: new Map(policy.obligations.map((rule) => [rule.id, rule] as const)),
    movement: new Map(policy.movement.map((rule) => [rule.id, rule] as const)),
    recipients,
    flags: new Set((policy.flags ?? []).map((flag) => flag.id)),
    moves,
    ruleFacts: new Map(policy.obligations.map((rule) => [rule.id, ruleFacts(rule, recipients)] as const)),
    decisions: new Map(),
  };
  compiledPolicies.set(policy, compiled);
  return compiled;
}

function isRegistry(value: object): value is PolicyRegistry {
  return typeof (value as { get?: unknown }).get === 'function' && !('stages' in value);
}

/** A policy checked by `definePolicy`, or a refusal with every problem. */
function checkedPolicy(value: unknown): Policy {
  if (isPolicy(value)) return value;
  if (typeof value !== 'object' || value === null) {
    throw new EscalationError(
      'INVALID_ARGUMENT',
      `Expected a policy (from definePolicy, loadPolicy or policies) or a policy registry, not ${value === null ? 'null' : typeof value}`,
    );
  }
  try {
    return definePolicy(value as PolicyDefinition);
  } catch (error) {
    if (error instanceof PolicyError) throw new EscalationError('INVALID_POLICY', error.message, error.problems);
    throw error;
  }
}

/**
 * The compiled policy an escalation runs under, from the policy given or a registry: refused with
 * `POLICY_MISMATCH` when the escalation names another id or version, `INVALID_POLICY` when the
 * policy given is not valid.
 */
export function policyFor(source: PolicySource, escalation: Pick<Escalation, 'id' | 'policy'>): Compiled {
  if (typeof source === 'object' && source !== null && isRegistry(source)) {
    const found = source.get(escalation.policy.id, escalation.policy.version);
    if (found === undefined) {
      throw new EscalationError(
        'POLICY_MISMATCH',
        `Escalation '${escalation.id}' runs under policy ${escalation.policy.id} version ${escalation.policy.version}, which the registry does not have`,
        [],
        {
          expected: escalation.policy,
        },
      );
    }
    return compileChecked(checkedPolicy(found), escalation);
  }
  return compileChecked(checkedPolicy(source), escalation);
}

function compileChecked(policy: Policy, escalation: Pick<Escalation, 'id' | 'policy'>): Compiled {
  if (escalation.policy.id !== policy.id || escalation.policy.version !== policy.version) {
    throw new EscalationError(
      'POLICY_MISMATCH',
      `Escalation '${escalation.id}' runs under policy ${escalation.policy.id} version ${escalation.policy.version}, not ${policy.id} version ${policy.version}: pass that version (a policy registry keeps several), or migrate the escalation`,
      [],
      { expected: escalation.policy },
    );
  }
  return compile(policy);
}

/** The policy given to `startEscalation`: a policy, never a registry (which version would it be?). */
export function startPolicy(source: Policy | PolicyDefinition): Compiled {
  if (typeof source === 'object' && source !== null && isRegistry(source)) {
    throw new EscalationError('INVALID_ARGUMENT', 'startEscalation needs the policy to start under, not a registry');
  }
  return compile(checkedPolicy(source));
}

// --- The calendar bound to the case ---------------------------------------------------------------

/** Options every escalation call accepts. */
export interface EngineOptions {
  /**
   * The calendar the escalation counts on, when it is not the built-in table with the closures the
   * escalation records: a GOV.UK feed calendar must be passed on every call. A calendar that differs
   * from the escalation's in division, source or closures is refused (`CALENDAR_MISMATCH`): change a
   * case's calendar with a CALENDAR event. A newer edition of the same calendar (a bank holiday added)
   * is taken up: deadlines still to come move with it.
   */
  readonly calendar?: WorkingDayCalendar;
}

/** The calendar as an escalation records it. */
export function caseCalendar(calendar: WorkingDayCalendar): CaseCalendar {
  return {
    division: calendar.division,
    source: calendar.source,
    edition: calendar.edition,
    closures: [...calendar.closures],
  };
}

const builtIn = new Map<string, WorkingDayCalendar>();
const plain: Partial<Record<CaseCalendar['division'], WorkingDayCalendar>> = {};

/** The built-in calendar of a division with some closures; built once per distinct list. */
export function builtInCalendar(division: CaseCalendar['division'], closures: readonly string[]): WorkingDayCalendar {
  if (closures.length === 0) return (plain[division] ??= ukCalendar(division)); // nearly every case
  const key = `${division} ${closures.join(' ')}`;
  let calendar = builtIn.get(key);
  if (!calendar) {
    if (builtIn.size > 256) builtIn.clear(); // a bound, not a policy: rebuilding costs a few milliseconds
    builtIn.set(key, (calendar = ukCalendar(division, { closures })));
  }
  return calendar;
}

/** A calendar given in the options, checked to be one of ours. */
export function givenCalendar(
  options: EngineOptions | undefined,
): { calendar: WorkingDayCalendar; index: WorkingDayIndex } | undefined {
  if (options === undefined) return undefined;
  if (typeof options !== 'object' || options === null)
    throw new EscalationError('INVALID_ARGUMENT', 'options must be an object, such as { calendar }');
  const calendar = options.calendar;
  if (calendar === undefined) return undefined;
  try {
    return { calendar, index: indexOf(calendar) };
  } catch {
    throw new EscalationError(
      'INVALID_CALENDAR',
      'options.calendar is not a calendar made by ukCalendar() or govUkCalendar()',
    );
  }
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item, index) => item === b[index]);

/** The calendar a call counts on: the escalation's own, checked against any calendar given. */
export function calendarFor(
  escalation: Pick<Escalation, 'id' | 'calendar'>,
  options: EngineOptions | undefined,
): { calendar: WorkingDayCalendar; index: WorkingDayIndex; newEdition: boolean } {
  const recorded = escalation.calendar;
  const given = givenCalendar(options);
  if (given) {
    const { calendar } = given;
    if (
      calendar.division !== recorded.division ||
      calendar.source !== recorded.source ||
      !sameList(calendar.closures, recorded.closures)
    ) {
      throw new EscalationError(
        'CALENDAR_MISMATCH',
        `Escalation '${escalation.id}' counts on ${describeCalendar(recorded)}, not ${describeCalendar(caseCalendar(calendar))}: change a case's calendar with a CALENDAR event`,
      );
    }
    return { ...given, newEdition: calendar.edition !== recorded.edition };
  }
  if (recorded.source === 'gov-uk-feed') {
    throw new EscalationError(
      'CALENDAR_REQUIRED',
      `Escalation '${escalation.id}' counts on a GOV.UK feed calendar (${recorded.division}): pass it as { calendar: govUkCalendar(feed, '${recorded.division}') }`,
    );
  }
  const calendar = builtInCalendar(recorded.division, recorded.closures);
  return { calendar, index: indexOf(calendar), newEdition: calendar.edition !== recorded.edition };
}

export function describeCalendar(calendar: CaseCalendar): string {
  const closures = calendar.closures.length ? ` with closures ${calendar.closures.join(', ')}` : ' without closures';
  return `the ${calendar.source === 'built-in' ? 'built-in' : 'GOV.UK feed'} ${calendar.division} calendar${closures}`;
}
