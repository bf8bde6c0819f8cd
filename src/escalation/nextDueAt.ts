import { isCanonicalEscalation } from './canonical.js';
import { isTrusted } from './trusted.js';
import { escalationSchema, type Escalation } from './types.js';
import { validate } from './validate.js';

/** The escalation as given when this library made it; a parsed copy from storage is validated first. */
function checked(escalation: Escalation): Escalation {
  return isTrusted(escalation) || isCanonicalEscalation(escalation)
    ? escalation
    : (validate(escalationSchema, escalation, 'INVALID_SNAPSHOT', 'escalation snapshot') as Escalation);
}

/**
 * The instant a host indexes its sweep on: the earliest `dueAt` of every obligation still running
 * whose due instant has not yet passed, including the duties that outlive resolution (a written
 * confirmation, feedback); null when nothing dated is still to come. Once a sweep (or an event) has
 * advanced the escalation past that instant, the deadline is recorded as passed and `nextDueAt`
 * moves on to the next one, so a sweep that claims `next_due_at < now` handles each deadline once (a deadline passes
 * strictly after its `dueAt`, its last millisecond).
 * A deadline passed but still owed is `overdueSince`'s. Needs no policy: it reads the obligations.
 *
 * @example
 * db.run('UPDATE escalations SET json = ?, next_due_at = ? WHERE id = ?', [JSON.stringify(e), nextDueAt(e), e.id]);
 * nextDueAt(startEscalation(policies['derby-derbyshire'], { id: 'C-1', raisedAt: '2024-12-19T09:30:00Z' })); // '2024-12-23T23:59:59.999Z'
 */
export function nextDueAt(escalation: Escalation): string | null {
  let next: string | null = null;
  // Stored instants are all written by toISOString, so they compare as strings.
  for (const obligation of checked(escalation).obligations) {
    if (obligation.status !== 'running' || obligation.passedAt || obligation.dueAt === null) continue;
    if (next === null || obligation.dueAt < next) next = obligation.dueAt;
  }
  return next;
}

/**
 * Since when an escalation has owed something overdue: the earliest `dueAt` of every obligation still
 * running whose due instant has already passed (as recorded by `advanceTo` or a later event); null
 * when nothing owed is overdue. `nextDueAt` leaves such a deadline behind once it has passed, so a
 * host that lists overdue cases every night indexes this too, and a case stays on that list until
 * what it owes is done.
 *
 * @example
 * const swept = advanceTo(e, '2025-01-06T09:00:00Z');
 * overdueSince(swept); // '2024-12-23T23:59:59.999Z': the stage deadline passed and is still owed
 */
export function overdueSince(escalation: Escalation): string | null {
  let since: string | null = null;
  for (const obligation of checked(escalation).obligations) {
    if (obligation.status !== 'running' || !obligation.passedAt || obligation.dueAt === null) continue;
    if (since === null || obligation.dueAt < since) since = obligation.dueAt;
  }
  return since;
}
