import { instantArgument } from './arguments.js';
import { calendarFor, type EngineOptions, type PolicySource } from './compiled.js';
import { iso, ms } from './engine.js';
import { withCalendarCodes } from './errors.js';
import { checkedEscalation } from './restoreEscalation.js';
import type { Escalation } from './types.js';

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
  /** When it falls due: its last moment. */
  readonly dueAt: string;
  /** When it has passed (the millisecond after `dueAt`): advance the escalation to this instant. */
  readonly firesAt: string;
  /** How long to wait from `now`: never more than setTimeout can hold. */
  readonly delayMs: number;
  /** True when the wait is only a hop towards a due instant further off: wake, and ask again. */
  readonly hop: boolean;
}

/**
 * For a host that keeps a live process rather than a sweep: the next timer of an escalation and how
 * long to wait for it, in a delay setTimeout can hold. A due instant more than 24.8 days away is
 * reached in safe hops (`hop: true`): wake, call `nextTimer` again, and only when `hop` is false call
 * `advanceTo(policy, escalation, firesAt)`. Null when nothing dated is still to fire. Pure: the caller
 * sets the timer.
 *
 * @example
 * const t = nextTimer(policy, e, new Date());
 * if (t) setTimeout(() => (t.hop ? reschedule() : save(advanceTo(policy, e, t.firesAt))), t.delayMs);
 */
export function nextTimer(
  policy: PolicySource,
  escalation: Escalation,
  now: string | Date,
  options?: EngineOptions,
): NextTimer | null {
  return withCalendarCodes(() => timerOf(policy, escalation, now, options));
}

function timerOf(
  policy: PolicySource,
  escalation: Escalation,
  now: string | Date,
  options?: EngineOptions,
): NextTimer | null {
  const { escalation: esc } = checkedEscalation(policy, escalation, options);
  calendarFor(esc, options);
  const nowMs = instantArgument(now, 'now');
  let next: { id: string; dueAt: string } | undefined;
  for (const o of esc.obligations) {
    if (o.status !== 'running' || o.passedAt || o.dueAt === null) continue;
    if (!next || o.dueAt < next.dueAt || (o.dueAt === next.dueAt && o.id < next.id))
      next = { id: o.id, dueAt: o.dueAt };
  }
  if (!next) return null;
  const firesMs = ms(next.dueAt) + 1;
  const wait = Math.max(0, firesMs - nowMs);
  return {
    obligation: next.id,
    dueAt: next.dueAt,
    firesAt: iso(firesMs),
    delayMs: Math.min(wait, MAX_TIMEOUT_MS),
    hop: wait > MAX_TIMEOUT_MS,
  };
}
