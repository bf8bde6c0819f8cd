import { attach, calendarFor, policyFor, type EngineOptions } from './compiled.js';
import { Draft, fireTimers, ms, recomputeRunning } from './engine.js';
import { instantSchema, type Escalation } from './types.js';
import { validate } from './validate.js';
import { checkedEscalation } from './restoreEscalation.js';

/**
 * Brings an escalation up to `now`: every timer due by then fires, in time order, each leaving one
 * entry in the history (`deadline-passed`, `cap-breached`, `reminder-due`). A timer fires exactly
 * once. A recurring reminder missed several times fires once, with `missedOccurrences`, and its next
 * round is the first still to come. Afterwards no event earlier than `now` is accepted. Advancing to
 * a time already reached changes nothing.
 *
 * @example
 * const swept = advanceTo(e, '2025-01-08T00:00:00Z');
 * swept.history.filter((h) => h.type === 'deadline-passed');
 */
export function advanceTo(escalation: Escalation, now: string | Date, options?: EngineOptions): Escalation {
  const esc = checkedEscalation(escalation, options);
  const c = policyFor(esc, options);
  const at = validate(instantSchema, now instanceof Date && !Number.isNaN(now.getTime()) ? now.toISOString() : now, 'INVALID_EVENT', 'now');
  const nowMs = ms(at);
  const { index, custom } = calendarFor(c, options);
  if (nowMs <= ms(esc.asOf) && !custom) return esc;
  const d = new Draft(c, index, esc);
  if (custom) recomputeRunning(d);
  fireTimers(d, nowMs);
  return attach(d.finish(nowMs), c.policy);
}
