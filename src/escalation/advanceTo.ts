import { instantArgument } from './arguments.js';
import { calendarFor, caseCalendar, type EngineOptions, type PolicySource } from './compiled.js';
import { adoptCalendar, Draft, fireTimers, ms } from './engine.js';
import { withCalendarCodes } from './errors.js';
import { checkedEscalation } from './restoreEscalation.js';
import type { Escalation } from './types.js';

/**
 * Brings an escalation up to `now` (a sweep): every deadline due by then is marked passed, in time
 * order, each once, leaving one entry in the history (`deadline-passed` or `cap-breached`). What
 * `getStatus` reports at a given instant does not depend on whether, or when, a sweep ran: a sweep
 * writes down what the status already says. Advancing to a time already reached changes nothing.
 *
 * @example
 * const swept = advanceTo(policy, e, '2025-01-08T00:00:00Z');
 * swept.history.filter((h) => h.type === 'deadline-passed');
 */
export function advanceTo(
  policy: PolicySource,
  escalation: Escalation,
  now: string | Date,
  options?: EngineOptions,
): Escalation {
  return withCalendarCodes(() => advance(policy, escalation, now, options));
}

function advance(
  policy: PolicySource,
  escalation: Escalation,
  now: string | Date,
  options?: EngineOptions,
): Escalation {
  const { escalation: esc, c } = checkedEscalation(policy, escalation, options);
  const nowMs = instantArgument(now, 'now');
  const { calendar, index, newEdition } = calendarFor(esc, options);
  const asOfMs = ms(esc.asOf);
  if (nowMs <= asOfMs && !newEdition) return esc;
  const d = new Draft(c, index, esc, Math.max(nowMs, asOfMs));
  if (newEdition) adoptCalendar(d, caseCalendar(calendar), asOfMs, 'a new edition of the bank holidays');
  fireTimers(d, nowMs);
  return d.finish(Math.max(nowMs, asOfMs));
}
