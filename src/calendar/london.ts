import { tzOffset } from '@date-fns/tz/tzOffset';
import { formatDayNumber, MS_IN_DAY, parseDate, parseInstant, type InstantInput, type IsoDate } from './dates.js';
import { CalendarError, describeValue } from './errors.js';

const LONDON = 'Europe/London';

// The London offset is asked of Intl (through @date-fns/tz), which knows every historical rule,
// British Standard Time of 1968-71 included. Intl costs microseconds a call, so the answer is
// remembered per UTC day: a day whose midnight and last minute share an offset has it throughout,
// as London changes its clocks at most once a day. Memoising keeps the functions pure.
const dayOffsetCache = new Map<number, number>();

function londonOffsetMinutes(epochMs: number): number {
  const utcDay = Math.floor(epochMs / MS_IN_DAY);
  let cached = dayOffsetCache.get(utcDay);
  if (cached === undefined) {
    const start = tzOffset(LONDON, new Date(utcDay * MS_IN_DAY));
    const end = tzOffset(LONDON, new Date(utcDay * MS_IN_DAY + MS_IN_DAY - 1));
    cached = start === end ? start : NaN; // NaN marks a clock-change day: ask Intl each time
    dayOffsetCache.set(utcDay, cached);
  }
  return Number.isNaN(cached) ? tzOffset(LONDON, new Date(epochMs)) : cached;
}

/** Day number (days since 1970-01-01) of the London calendar date of an epoch-millisecond instant. */
export function londonDayNumber(epochMs: number): number {
  return Math.floor((epochMs + londonOffsetMinutes(epochMs) * 60_000) / MS_IN_DAY);
}

/** Epoch milliseconds of the last millisecond of a London day, given as a day number. */
export function endOfLondonDayMs(dayNumber: number): number {
  const utcEnd = dayNumber * MS_IN_DAY + MS_IN_DAY - 1;
  // The offset in force at the end of the London day is the one at (UTC end − offset); London's
  // changes fall at 01:00 UTC, so one correction settles it.
  const first = londonOffsetMinutes(utcEnd);
  const second = londonOffsetMinutes(utcEnd - first * 60_000);
  return utcEnd - second * 60_000;
}

/**
 * The Europe/London calendar date of an instant.
 *
 * @example
 * londonDate('2025-04-28T23:30:00Z') // '2025-04-29' (00:30 BST)
 * londonDate('2024-12-23T23:30:00Z') // '2024-12-23' (GMT)
 */
export function londonDate(instant: InstantInput): IsoDate {
  return formatDayNumber(inRange(londonDayNumber(parseInstant(instant)), instant));
}

// The calendar's years, 1970 to 2100: outside them a London date would be answered with offsets
// nobody checked (London kept local mean time before 1847) and dates the calendar cannot count on.
const FIRST_DAY = 0; // 1970-01-01
const LAST_DAY = 47_846; // 2100-12-31

function inRange(day: number, value: unknown): number {
  if (day >= FIRST_DAY && day <= LAST_DAY) return day;
  throw new CalendarError('OUT_OF_RANGE', `${describeValue(value)} is outside the calendar's range, 1970-01-01 to 2100-12-31 in London`, value);
}

/**
 * The ISO instant (`Z`) of the last millisecond of a London day: where a deadline on that date
 * falls. It moves with British Summer Time.
 *
 * @example
 * endOfLondonDay('2025-04-28') // '2025-04-28T22:59:59.999Z' (BST)
 * endOfLondonDay('2024-12-23') // '2024-12-23T23:59:59.999Z' (GMT)
 */
export function endOfLondonDay(date: IsoDate): string {
  return new Date(endOfLondonDayMs(inRange(parseDate(date), date))).toISOString();
}
