import { CalendarError, describeValue } from './errors.js';

/**
 * A calendar date in ISO form, `YYYY-MM-DD`. Dates are days, not instants: `'2024-12-25'` is
 * Christmas Day wherever you are.
 */
export type IsoDate = string;

/** An instant as an ISO-8601 string with `Z` or a `±HH:MM` offset, or a valid `Date`. */
export type InstantInput = string | Date;

const MS_PER_DAY = 86_400_000;

/** Days in each month of a common year; February is adjusted for leap years. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
export function dayNumberOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

// The day number of the first of each month, 1970 to 2101: parsing a date in the calendar's years
// is then one lookup, with the month's length beside it.
const TABLE_FIRST_YEAR = 1970;
const TABLE_YEARS = 132;
const MONTH_START = new Int32Array(TABLE_YEARS * 12 + 1);
for (let i = 0; i <= TABLE_YEARS * 12; i++)
  MONTH_START[i] = dayNumberOf(TABLE_FIRST_YEAR + Math.floor(i / 12), (i % 12) + 1, 1);

/**
 * Reads a `YYYY-MM-DD` string as a day number (days since 1970-01-01), or `NaN` when the string is
 * not a real calendar date. Written by hand because it is on every hot path: a regular expression
 * plus `Date.parse` costs several times more, and `Date.parse` rolls 2024-02-30 over to 1 March
 * instead of refusing it.
 */
export function tryParseDate(value: string): number {
  return value.length === 10 ? dayNumberAt(value, 0) : NaN;
}

/** The day number of the `YYYY-MM-DD` date written at `offset` in a string, or `NaN`. */
function dayNumberAt(value: string, offset: number): number {
  if (value.charCodeAt(offset + 4) !== 45 || value.charCodeAt(offset + 7) !== 45) return NaN;
  const y0 = value.charCodeAt(offset) - 48,
    y1 = value.charCodeAt(offset + 1) - 48,
    y2 = value.charCodeAt(offset + 2) - 48,
    y3 = value.charCodeAt(offset + 3) - 48;
  const m0 = value.charCodeAt(offset + 5) - 48,
    m1 = value.charCodeAt(offset + 6) - 48,
    d0 = value.charCodeAt(offset + 8) - 48,
    d1 = value.charCodeAt(offset + 9) - 48;
  // A character that is not a digit gives a value outside 0..9, which the unsigned view makes > 9.
  if (
    y0 >>> 0 > 9 ||
    y1 >>> 0 > 9 ||
    y2 >>> 0 > 9 ||
    y3 >>> 0 > 9 ||
    m0 >>> 0 > 9 ||
    m1 >>> 0 > 9 ||
    d0 >>> 0 > 9 ||
    d1 >>> 0 > 9
  )
    return NaN;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month < 1 || month > 12 || day < 1) return NaN;
  const i = (year - TABLE_FIRST_YEAR) * 12 + month - 1;
  if (i >= 0 && i < TABLE_YEARS * 12) {
    const start = MONTH_START[i]!;
    return day <= MONTH_START[i + 1]! - start ? start + day - 1 : NaN;
  }
  return day <= daysInMonth(year, month) ? dayNumberOf(year, month, day) : NaN;
}

/** Parses a `YYYY-MM-DD` date to its day number, or throws a `CalendarError` naming the value. */
export function parseDate(value: unknown, what = 'date'): number {
  if (typeof value === 'string') {
    const n = tryParseDate(value);
    if (n === n) return n; // not NaN
  }
  const hint =
    value instanceof Date
      ? ' (a Date is an instant, not a day: take its London date with londonDate() first)'
      : typeof value === 'string' && /^\d{1,2}\/\d{1,2}\/\d{2,4}$/.test(value)
        ? ' (write dates as YYYY-MM-DD)'
        : '';
  throw new CalendarError(
    'INVALID_DATE',
    `Invalid ${what} ${describeValue(value)}: expected a real calendar date written YYYY-MM-DD${hint}`,
    value,
  );
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/** Writes a day number (days since 1970-01-01) as `YYYY-MM-DD` (Hinnant's civil_from_days). */
function writeDayNumber(dayNumber: number): IsoDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${year < 1000 ? String(year).padStart(4, '0') : year}-${pad2(month)}-${pad2(day)}`;
}

// Deadlines cluster on the same few thousand dates, so each date string is written once and kept:
// the table spans the calendar's years and fills as dates are asked for (a pure memo).
const CACHE_FIRST = 0; // 1970-01-01
const CACHE_LAST = 47_846; // 2100-12-31
const written: (string | undefined)[] = new Array<string | undefined>(CACHE_LAST + 1).fill(undefined);

/** Writes a day number (days since 1970-01-01) as `YYYY-MM-DD`. */
export function formatDayNumber(dayNumber: number): IsoDate {
  if (dayNumber < CACHE_FIRST || dayNumber > CACHE_LAST) return writeDayNumber(dayNumber);
  return (written[dayNumber] ??= writeDayNumber(dayNumber));
}

/** Day of the week of a day number: 0 is Sunday, 6 is Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(dayNumber: number): number {
  const w = (dayNumber + 4) % 7;
  return w < 0 ? w + 7 : w;
}

/**
 * Checks a string is a real `YYYY-MM-DD` date.
 *
 * @example
 * isIsoDate('2024-02-29'); // true
 * isIsoDate('2023-02-29'); // false
 */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && !Number.isNaN(tryParseDate(value));
}

/**
 * Reads an instant written exactly as `Date.prototype.toISOString` writes it in the calendar's years
 * (`2024-12-19T09:30:00.000Z`) as epoch milliseconds, or `NaN` for anything else. The library stores
 * every instant in this one form, so reading stored escalations takes no regular expression and no
 * `Date.parse`; anything else goes the slow, general way.
 */
export function tryParseCanonicalInstant(value: string): number {
  // An escalation repeats its instants: an event's entry, the event and what it did share one. The
  // last instant read is remembered (a memo: the same text always reads the same).
  if (value === lastText) return lastMs;
  if (value.length !== 24 || value.charCodeAt(10) !== 84 || value.charCodeAt(23) !== 90) return NaN; // 'T', 'Z'
  if (value.charCodeAt(13) !== 58 || value.charCodeAt(16) !== 58 || value.charCodeAt(19) !== 46) return NaN; // ':', ':', '.'
  const day = dayNumberAt(value, 0);
  if (day !== day) return NaN;
  // Unrolled: this reads every instant of every stored escalation.
  const h0 = value.charCodeAt(11) - 48,
    h1 = value.charCodeAt(12) - 48,
    n0 = value.charCodeAt(14) - 48,
    n1 = value.charCodeAt(15) - 48;
  const s0 = value.charCodeAt(17) - 48,
    s1 = value.charCodeAt(18) - 48,
    m0 = value.charCodeAt(20) - 48,
    m1 = value.charCodeAt(21) - 48,
    m2 = value.charCodeAt(22) - 48;
  if (
    h0 >>> 0 > 9 ||
    h1 >>> 0 > 9 ||
    n0 >>> 0 > 9 ||
    n1 >>> 0 > 9 ||
    s0 >>> 0 > 9 ||
    s1 >>> 0 > 9 ||
    m0 >>> 0 > 9 ||
    m1 >>> 0 > 9 ||
    m2 >>> 0 > 9
  )
    return NaN;
  const hours = h0 * 10 + h1,
    minutes = n0 * 10 + n1,
    seconds = s0 * 10 + s1;
  if (hours > 23 || minutes > 59 || seconds > 59) return NaN;
  lastText = value;
  return (lastMs = day * MS_PER_DAY + ((hours * 60 + minutes) * 60 + seconds) * 1000 + m0 * 100 + m1 * 10 + m2);
}

let lastText = '';
let lastMs = NaN;

// Z or ±HH:MM. A time without an offset is refused: it would be read in the host's own zone, a
// guess that differs between a server in UTC and a laptop in London.
const INSTANT_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/**
 * Parses an instant (ISO-8601 with `Z` or an offset, or a valid `Date`) to epoch milliseconds, or
 * throws a `CalendarError` naming the value.
 */
export function parseInstant(value: unknown, what = 'instant'): number {
  if (value instanceof Date) {
    const t = value.getTime();
    if (!Number.isNaN(t)) return t;
  } else if (typeof value === 'string') {
    const canonical = tryParseCanonicalInstant(value);
    if (canonical === canonical) return canonical; // not NaN: the one form the library writes
    const m = INSTANT_RE.exec(value);
    if (
      m &&
      !Number.isNaN(tryParseDate(m[1]!)) &&
      Number(m[2]) < 24 &&
      Number(m[3]) < 60 &&
      (m[4] === undefined || Number(m[4]) < 60) &&
      (m[7] === undefined || (Number(m[7]) < 24 && Number(m[8]) < 60))
    ) {
      // Beyond milliseconds the digits are dropped, as Date would.
      const normalised = m[5] && m[5].length > 4 ? value.replace(m[5], m[5].slice(0, 4)) : value;
      const t = Date.parse(normalised);
      if (!Number.isNaN(t)) return t;
    }
  }
  throw new CalendarError(
    'INVALID_INSTANT',
    `Invalid ${what} ${describeValue(value)}: expected an ISO-8601 instant with Z or an offset, such as "2024-12-19T09:30:00Z" or "2024-06-03T10:00:00+01:00"`,
    value,
  );
}

export const MS_IN_DAY = MS_PER_DAY;

/** The months' names in English, January first: for dates written out in words. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
