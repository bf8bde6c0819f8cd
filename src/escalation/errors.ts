import { CalendarError } from '../calendar/errors.js';
import type { Requirement } from '../policy/schema.js';

/**
 * Why the engine refused a call: one code per cause, so a host can branch on it.
 *
 * | code | cause |
 * | --- | --- |
 * | `INVALID_ARGUMENT` | a bad `now`, option or period: not an instant, not an object |
 * | `INVALID_START` | the input of `startEscalation` is malformed (every problem listed) |
 * | `INVALID_EVENT` | the event is malformed or contradicts itself (every problem listed) |
 * | `INVALID_POLICY` | the policy given is not a valid policy definition |
 * | `INVALID_SNAPSHOT` | a stored escalation is damaged (every problem listed, with its path) |
 * | `INVALID_CALENDAR` | `options.calendar` was not made by `ukCalendar` or `govUkCalendar` |
 * | `POLICY_MISMATCH` | the escalation runs under another policy id or version than the one given |
 * | `CALENDAR_MISMATCH` | the calendar given is not the one the escalation counts on |
 * | `CALENDAR_REQUIRED` | the escalation counts on a GOV.UK feed: pass that calendar |
 * | `NOT_PERMITTED` | the policy forbids the move or extension; `rule` and `citation` say which rule |
 * | `OUT_OF_ORDER` | learned before what the escalation already knows (`recordedAt`, `now`), or a move before the stage it leaves began |
 * | `OUT_OF_RANGE` | a deadline the call would set falls after the calendar's last day (2100-12-31, or the last year of a GOV.UK feed calendar made with `outsideFeed: 'error'`), or a day it must count is outside the calendar |
 * | `CLOSED` | the escalation is resolved or withdrawn and the event meets nothing still owed |
 * | `DUPLICATE_EVENT_ID` | an event id already used for a different event |
 * | `UNKNOWN_STAGE`, `UNKNOWN_FORM`, `UNKNOWN_OBLIGATION`, `UNKNOWN_FLAG` | the event names something the policy or the escalation does not have |
 * | `INVALID_MIGRATION` | the options of `migrateEscalation` are malformed: its plan, `at`, `by` or `reason` (every problem listed) |
 * | `MIGRATION_REFUSED` | the plan does not carry this case to the new version: a stage or duty left unmapped or mapped to what the new version does not have, a duty whose kind changed (every problem listed) |
 */
export type EscalationErrorCode =
  | 'INVALID_ARGUMENT'
  | 'INVALID_START'
  | 'INVALID_EVENT'
  | 'INVALID_POLICY'
  | 'INVALID_SNAPSHOT'
  | 'INVALID_CALENDAR'
  | 'POLICY_MISMATCH'
  | 'CALENDAR_MISMATCH'
  | 'CALENDAR_REQUIRED'
  | 'NOT_PERMITTED'
  | 'OUT_OF_ORDER'
  | 'OUT_OF_RANGE'
  | 'CLOSED'
  | 'DUPLICATE_EVENT_ID'
  | 'UNKNOWN_STAGE'
  | 'UNKNOWN_FORM'
  | 'UNKNOWN_OBLIGATION'
  | 'UNKNOWN_FLAG'
  | 'INVALID_MIGRATION'
  | 'MIGRATION_REFUSED';

/** What a refusal is about, for a host to show or branch on without reading the message. */
export interface EscalationErrorDetails {
  /** For NOT_PERMITTED: the movement rule or obligation rule that decides, and its citation. */
  readonly rule?: string;
  readonly citation?: string;
  /** For a refused move: where from and where to, and what the rule requires. */
  readonly from?: string;
  readonly to?: string;
  readonly requires?: Requirement;
  /** For POLICY_MISMATCH: the policy the escalation runs under. */
  readonly expected?: { readonly id: string; readonly version: string };
}

/**
 * The only error the escalation API throws. `code` says what kind of refusal it is (one code per
 * cause); the message names the bad value and, for `NOT_PERMITTED`, cites the policy's rule, which
 * `rule`, `citation`, `from`, `to` and `requires` also give as fields. `problems` lists every problem
 * of an invalid input with its path. Nothing changes when it is thrown.
 *
 * @example
 * try { applyEvent(policy, escalation, { type: 'EXPEDITE', to: 'stage-3', at }) }
 * catch (e) { if (e instanceof EscalationError && e.code === 'NOT_PERMITTED') showRule(e.rule, e.citation) }
 */
export class EscalationError extends Error implements EscalationErrorDetails {
  readonly code: EscalationErrorCode;
  /** For validation failures: every problem, by its path in the input. */
  readonly problems: readonly { path: string; message: string }[];
  readonly rule?: string;
  readonly citation?: string;
  readonly from?: string;
  readonly to?: string;
  readonly requires?: Requirement;
  readonly expected?: { readonly id: string; readonly version: string };
  constructor(
    code: EscalationErrorCode,
    message: string,
    problems: readonly { path: string; message: string }[] = [],
    details: EscalationErrorDetails = {},
  ) {
    super(message);
    this.name = 'EscalationError';
    this.code = code;
    this.problems = problems;
    Object.assign(this, details);
  }
}

/**
 * Runs an escalation call, giving a calendar's refusal met on the way (a deadline that would fall
 * after the calendar's last day, a day outside a GOV.UK feed calendar's years) as the
 * `EscalationError` the escalation API promises. Nothing was changed: the call is refused whole.
 */
export function withCalendarCodes<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof CalendarError)) throw error;
    throw new EscalationError(error.code === 'OUT_OF_RANGE' ? 'OUT_OF_RANGE' : 'INVALID_ARGUMENT', error.message);
  }
}
