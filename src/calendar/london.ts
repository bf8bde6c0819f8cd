import { tzOffset } from '@date-fns/tz/tzOffset';
import { formatDayNumber, MS_IN_DAY, parseDate, parseInstant, type InstantInput, type IsoDate } from './dates.js';
import { CalendarError, describeValue } from './errors.js';
import { CHANGE_GAPS, INITIAL_OFFSET, OFFSETS_AFTER, TABLE_END_MS } from './london-changes.generated.js';

const LONDON = 'Europe/London';
const HOUR = 3_600_000;

// London's offset is read from a table of its clock changes from 1970 to 2100, generated from Intl's
// time zone data (scripts/generate-london.mjs) and checked against it by a test: asking Intl costs
// tens of milliseconds the first time (the start-up of a command or a serverless function) and
// microseconds each time after. Outside the table, Intl is asked (through @date-fns/tz). The period
// between two changes last found is remembered: most questions in a run fall in it (a memo: the
// table never changes).
let changeHours: number[] | undefined; // the hours of the changes, added up from the gaps when first needed
let periodStart = 0;
let periodEnd = -1;
let periodOffset = 0;

function londonOffsetMinutes(epochMs: number): number {
  if (epochMs >= periodStart && epochMs < periodEnd) return periodOffset;
  if (!(epochMs >= 0 && epochMs <= TABLE_END_MS)) return tzOffset(LONDON, new Date(epochMs));
  const hours = (changeHours ??= sums(CHANGE_GAPS));
  // The number of changes at or before the instant.
  let low = 0;
  let high = hours.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (hours[mid]! * HOUR <= epochMs) low = mid + 1;
    else high = mid;
  }
  periodStart = low === 0 ? 0 : hours[low - 1]! * HOUR;
  periodEnd = low === hours.length ? TABLE_END_MS + 1 : hours[low]! * HOUR;
  periodOffset = low === 0 ? INITIAL_OFFSET : OFFSETS_AFTER[low - 1]!;
  return periodOffset;
}

/** Running totals of a list of numbers. */
function sums(gaps: readonly number[]): number[] {
  let total = 0;
  return gaps.map((gap) => (total += gap));
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
  throw new CalendarError(
    'OUT_OF_RANGE',
    `${describeValue(value)} is outside the calendar's range, 1970-01-01 to 2100-12-31 in London`,
    value,
  );
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
