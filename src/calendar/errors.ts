/** What was wrong with a value given to the calendar. */
export type CalendarErrorCode =
  | 'INVALID_DATE'
  | 'INVALID_INSTANT'
  | 'INVALID_COUNT'
  | 'UNKNOWN_DIVISION'
  | 'OUT_OF_RANGE'
  | 'INVALID_FEED'
  | 'INVALID_OPTIONS';

/**
 * Thrown for every bad input to the calendar. The message names the bad value and the rule it broke;
 * `code` says which kind of problem it was and `value` carries the offending input.
 *
 * @example
 * try { ukCalendar().addWorkingDays('2024-02-30', 2) }
 * catch (e) { if (e instanceof CalendarError) console.log(e.code) } // 'INVALID_DATE'
 */
export class CalendarError extends Error {
  readonly code: CalendarErrorCode;
  readonly value: unknown;
  constructor(code: CalendarErrorCode, message: string, value?: unknown) {
    super(message);
    this.name = 'CalendarError';
    this.code = code;
    this.value = value;
  }
}

/** A short, safe rendering of a bad value for an error message. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()})`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined)
    return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  return Object.prototype.toString.call(value);
}
