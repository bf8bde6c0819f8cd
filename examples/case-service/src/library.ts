// Every call this example makes into safeguarding-escalation, in one place. Each function takes the
// policy first, as the library's runtime functions do: when the library's API changes, this
// file changes and the service, the queue and the workers do not.
import {
  advanceTo,
  applyEvent,
  nextTimer,
  getStatus,
  nextDueAt,
  overdueSince,
  policies,
  restoreEscalation,
  startEscalation,
  sweepHorizon,
  type Escalation,
  type EscalationEvent,
  type EscalationStatus,
  type HistoryEntry,
  type Policy,
  type StartInput,
  type WorkingDayCalendar,
} from 'safeguarding-escalation';

export { EscalationError } from 'safeguarding-escalation';
export type { Escalation, EscalationEvent, EscalationStatus, Policy, StartInput, WorkingDayCalendar };

/** The policies shipped with the library, by id. */
export const shippedPolicies: Readonly<Record<string, Policy>> = policies;

export function start(policy: Policy, input: StartInput): Escalation {
  return startEscalation(policy, input);
}

export function restore(policy: Policy, json: unknown): Escalation {
  return restoreEscalation(policy, json);
}

export function status(
  policy: Policy,
  escalation: Escalation,
  now: string,
  calendar?: WorkingDayCalendar,
): EscalationStatus {
  return getStatus(policy, escalation, now, calendar ? { calendar } : undefined);
}

/**
 * Applies an event and returns the new escalation with the event exactly as the library logged it and
 * the instant the library learned it (later than the event's `at` for a late fact):
 * the library validates and normalises it (it trims ids, and refuses an id that is only spaces), so the
 * host's event log keys on the same id the library recognises a redelivery by. `logged` is null when
 * the library found the id already in the history and changed nothing.
 */
export function apply(
  policy: Policy,
  escalation: Escalation,
  event: EscalationEvent,
): { escalation: Escalation; logged: EscalationEvent | null; recordedAt: string } {
  const next = applyEvent(policy, escalation, event);
  if (next !== escalation) {
    for (let i = next.history.length - 1; i >= 0; i--) {
      const entry = next.history[i]!;
      if (entry.type === 'event') return { escalation: next, logged: entry.event, recordedAt: entry.at };
    }
  }
  return { escalation, logged: null, recordedAt: escalation.asOf };
}

/** The columns the sweep reads: the next due instant and since when something owed is overdue. */
export function sweepColumns(escalation: Escalation): { nextDueAt: string | null; overdueSince: string | null } {
  return { nextDueAt: nextDueAt(escalation), overdueSince: overdueSince(escalation) };
}

/** The instant up to which a sweep looks to see everything due within `workingDays` working days. */
export function horizon(now: string, workingDays: number, calendar?: WorkingDayCalendar): string {
  return sweepHorizon(now, calendar ? { workingDays, calendar } : { workingDays });
}

/** Brings an escalation up to `now`: every timer due by then fires once, each leaving a history entry. */
export function advance(policy: Policy, escalation: Escalation, now: string): Escalation {
  return advanceTo(policy, escalation, now);
}

/** The next timer to schedule: which obligation, and the instant it falls due; null when none. */
export function timer(
  policy: Policy,
  escalation: Escalation,
  now: string,
): { obligation: string; dueAt: string; firesAt: string } | null {
  const next = nextTimer(policy, escalation, now);
  return next && { obligation: next.obligation, dueAt: next.dueAt, firesAt: next.firesAt };
}

/** A timer that fired between two versions of an escalation: a deadline passed, a cap breached, a reminder due. */
export interface Fired {
  readonly obligation: string;
  readonly dueAt: string;
  readonly kind: 'deadline-passed' | 'cap-breached' | 'reminder-due';
}

/** The timers that fired from `before` to `after` (the history is append-only: the new entries are at the end). */
export function firedBetween(before: Escalation, after: Escalation): Fired[] {
  const fired: Fired[] = [];
  for (const entry of after.history.slice(before.history.length) as readonly HistoryEntry[]) {
    if (entry.type === 'deadline-passed' || entry.type === 'cap-breached' || entry.type === 'reminder-due')
      fired.push({ obligation: entry.obligation, dueAt: entry.dueAt, kind: entry.type });
  }
  return fired;
}
