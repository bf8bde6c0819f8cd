import type { WorkingDayIndex } from '../calendar/calendar.js';
import { formatDayNumber, tryParseDate } from '../calendar/dates.js';
import { CalendarError } from '../calendar/errors.js';
import { endOfLondonDayMs, londonDayNumber } from '../calendar/london.js';
import type { Duration, Limit, ObligationRule } from '../policy/schema.js';

// The due-date arithmetic, in one place: a limit counted from an anchor on a working-day calendar.
// Days are London days; a deadline counted in days falls at the last millisecond of its London day,
// so it moves with British Summer Time; a deadline in hours falls at the exact instant.

const HOUR = 3_600_000;

/**
 * A due day, refused when it falls beyond the calendar (2100-12-31, or the last year of a GOV.UK feed
 * calendar made with `outsideFeed: 'error'`): working days are not known there, and nothing is
 * written that could not be read back. The policy schema bounds every limit to a year, so this is
 * reached only from the calendar's last year.
 */
function inCalendar(day: number, index: WorkingDayIndex): number {
  if (day <= index.last) return day;
  throw new CalendarError(
    'OUT_OF_RANGE',
    `A deadline on ${formatDayNumber(day)} falls after the calendar's last day, ${formatDayNumber(index.last)}`,
    day,
  );
}

/** A due date: its London day number and the instant it falls at. */
export interface Due {
  readonly day: number;
  readonly ms: number;
}

/**
 * The due date of a fixed duration counted from an anchor. Working days count the first working day
 * after the anchor's day as 1 (the anchor's day never counts); 0 working days is the anchor's day when
 * it is a working day, else the next one. Working weeks are five working days.
 */
export function durationDue(duration: Duration, anchorMs: number, anchorDay: number, index: WorkingDayIndex): Due {
  switch (duration.unit) {
    case 'hours': {
      // Whole milliseconds: a fractional hour (0.1 of an hour is 360,000 ms) never gives a fraction.
      const at = anchorMs + Math.round(duration.value * HOUR);
      return { day: inCalendar(londonDayNumber(at), index), ms: at };
    }
    case 'calendar-days': {
      const day = inCalendar(anchorDay + duration.value, index);
      return { day, ms: endOfLondonDayMs(day) };
    }
    case 'working-weeks':
    case 'working-days': {
      const day = index.add(anchorDay, duration.unit === 'working-weeks' ? duration.value * 5 : duration.value);
      return { day, ms: endOfLondonDayMs(day) };
    }
  }
}

/**
 * The due date of a limit counted from an anchor: a duration, or the earliest of several ("whichever
 * is less"), whose per-case part counts only once it is set for the case. Null when nothing is set.
 */
export function limitDue(
  limit: Limit,
  anchorMs: number,
  index: WorkingDayIndex,
  perCase: string | undefined,
): Due | null {
  const anchorDay = londonDayNumber(anchorMs);
  if ('unit' in limit) return durationDue(limit, anchorMs, anchorDay, index);
  let best: Due | null = null;
  for (const part of limit.whicheverIsLess) {
    let due: Due | null = null;
    if ('unit' in part) due = durationDue(part, anchorMs, anchorDay, index);
    else if (perCase !== undefined) {
      // A timescale agreed for the case counts for a duty that started on or before its date: a duty
      // that starts again later (its stage entered anew) is not held to a date already behind it,
      // which would put its deadline before its anchor; its fixed limits govern it.
      const day = tryParseDate(perCase);
      if (day >= anchorDay) due = { day, ms: endOfLondonDayMs(day) };
    }
    if (due && (!best || due.ms < best.ms)) best = due;
  }
  return best;
}

/** The limit an obligation runs on: its own, the one for imminent risk, none ('none'), or not at all. */
export type EffectiveLimit = Limit | 'none' | 'not-applicable';

/** The limit an obligation runs on while the child is, or is not, at imminent risk. */
export function effectiveLimit(rule: ObligationRule, imminentRisk: boolean): EffectiveLimit {
  const risk = rule.imminentRisk;
  if (risk && 'onlyThen' in risk) return imminentRisk ? (rule.limit ?? 'none') : 'not-applicable';
  if (imminentRisk && risk) return 'notApplicable' in risk ? 'not-applicable' : risk.limit;
  return rule.limit ?? 'none';
}

/**
 * The rounds of a recurring duty that have fallen due by `nowMs`, counting from the round owed at
 * `dueMs` (itself one round when due), and when the next round falls. Worked out, never stored: a
 * duty missed several times stays overdue, with how many rounds, whether or not a sweep ran.
 */
export function roundsDue(
  every: Duration,
  dueMs: number,
  dueDay: number,
  nowMs: number,
  index: WorkingDayIndex,
  limit = 100_000,
): { rounds: number; next: Due } {
  if (every.unit === 'hours') {
    // Counted, not walked: an hourly round over decades would be a long walk. The schema makes every
    // interval at least one unit, so the step is never zero.
    const step = Math.max(1, Math.round(every.value * HOUR));
    const rounds = nowMs > dueMs ? Math.ceil((nowMs - dueMs) / step) : 0;
    if (rounds === 0) return { rounds, next: { day: dueDay, ms: dueMs } };
    const at = dueMs + rounds * step;
    return { rounds, next: { day: inCalendar(londonDayNumber(at), index), ms: at } };
  }
  // Days and weeks: at most one round a day over the calendar's 47,847 days, below `limit`.
  let rounds = 0;
  let next: Due = { day: dueDay, ms: dueMs };
  while (next.ms < nowMs && rounds < limit) {
    rounds++;
    const after = durationDue(every, next.ms, next.day, index);
    if (after.ms <= next.ms) break; // a cadence that does not advance cannot be counted on
    next = after;
  }
  return { rounds, next };
}
