import { calendarFor, policyFor, type EngineOptions } from './compiled.js';
import { checkedEscalation } from './restoreEscalation.js';
import { instantSchema, type Escalation } from './types.js';
import { validate } from './validate.js';
import { ms } from './engine.js';

/**
 * setTimeout's longest delay: 2^31 - 1 ms, about 24.8 days. A longer one fires after about 1 ms.
 *
 * @example
 * setTimeout(wake, Math.min(delayMs, MAX_TIMEOUT_MS));
 */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/** When a live process should next wake for an escalation. */
export interface NextTimer {
  /** The obligation whose timer is next. */
  readonly obligation: string;
  /** When it falls due. */
  readonly dueAt: string;
  /** How long to wait from `now`: never more than setTimeout can hold. */
  readonly delayMs: number;
  /** True when the wait is only a hop towards a due instant further off: wake, and ask again. */
  readonly hop: boolean;
}

/**
 * For a host that keeps a live process rather than a sweep: the next timer of an escalation and how
 * long to wait for it, in a delay setTimeout can hold. A due instant more than 24.8 days away is
 * reached in safe hops (`hop: true`): wake, call `nextTimer` again, and only when `hop` is false call
 * `advanceTo(escalation, dueAt)`. Null when nothing dated is still to fire. Pure: the caller sets the
 * timer.
 *
 * @example
 * const t = nextTimer(e, new Date().toISOString());
 * if (t) setTimeout(() => (t.hop ? reschedule() : save(advanceTo(e, t.dueAt))), t.delayMs);
 */
export function nextTimer(escalation: Escalation, now: string, options?: EngineOptions): NextTimer | null {
  const esc = checkedEscalation(escalation, options);
  const c = policyFor(esc, options);
  calendarFor(c, options);
  const nowMs = ms(validate(instantSchema, now, 'INVALID_EVENT', 'now'));
  let next: { id: string; dueAt: string } | undefined;
  for (const o of esc.obligations) {
    if (o.status !== 'running' || o.passedAt || o.dueAt === null) continue;
    if (!next || o.dueAt < next.dueAt) next = { id: o.id, dueAt: o.dueAt };
  }
  if (!next) return null;
  const wait = Math.max(0, ms(next.dueAt) - nowMs);
  return { obligation: next.id, dueAt: next.dueAt, delayMs: Math.min(wait, MAX_TIMEOUT_MS), hop: wait > MAX_TIMEOUT_MS };
}
