import { indexOf, ukCalendar, type WorkingDayCalendar } from '../calendar/calendar.js';
import { CalendarError, describeValue } from '../calendar/errors.js';
import { endOfLondonDayMs, londonDayNumber } from '../calendar/london.js';
import { iso, ms } from './engine.js';
import { instantSchema } from './types.js';
import { validate } from './validate.js';

/** What `sweepHorizon` looks ahead by. */
export interface SweepHorizonOptions {
  /**
   * How many working days ahead the sweep must see: 0 for what is overdue or due today, 1 to add
   * what is due on the next working day (as `getStatus` warns), and so on.
   */
  readonly workingDays: number;
  /**
   * The calendar the deadlines are counted on: the policy's division, with the host's closures.
   * Defaults to `ukCalendar()` (England and Wales, no closures). A sweep over partnerships in several
   * divisions or with different closures takes the latest horizon of their calendars.
   */
  readonly calendar?: WorkingDayCalendar;
}

/**
 * The instant up to which a sweep must look to catch every deadline due within `workingDays` working
 * days of `now`: the last millisecond (London time) before the next working day after that, so it
 * takes in the weekend, bank holidays and closures that follow the last working day counted.
 * Everything overdue is before it too. Use it inclusively: `WHERE next_due_at <= :horizon`. A deadline
 * `getStatus` reports with `workingDaysRemaining <= workingDays` always falls at or before it.
 *
 * @example
 * // Friday 20 December 2024, 5 working days: 23, 24, 27, 30 and 31 December; 1 January is a bank
 * // holiday, so the sweep reaches the end of New Year's Day and stops short of Thursday 2 January.
 * sweepHorizon('2024-12-20T07:00:00Z', { workingDays: 5 }); // '2025-01-01T23:59:59.999Z'
 * sweepHorizon('2024-12-20T07:00:00Z', { workingDays: 5, calendar: ukCalendar('england-and-wales', { closures: ['2024-12-27'] }) }); // '2025-01-02T23:59:59.999Z'
 */
export function sweepHorizon(now: string | Date, options: SweepHorizonOptions): string {
  const at = validate(
    instantSchema,
    now instanceof Date && !Number.isNaN(now.getTime()) ? now.toISOString() : now,
    'INVALID_ARGUMENT',
    'now',
  );
  const workingDays: unknown = options?.workingDays;
  if (typeof workingDays !== 'number' || !Number.isSafeInteger(workingDays) || workingDays < 0) {
    throw new CalendarError(
      'INVALID_COUNT',
      `Invalid workingDays ${describeValue(workingDays)}: expected a whole number of working days, 0 or more (1 catches what is due on the next working day)`,
      workingDays,
    );
  }
  const index = indexOf(options.calendar ?? ukCalendar());
  const today = index.checkRange(londonDayNumber(ms(at)), at);
  // The (N+1)th working day after today is the first day a deadline is more than N working days off;
  // the horizon is the end of the day before it.
  const firstBeyond = index.add(today, workingDays + 1);
  return iso(endOfLondonDayMs(firstBeyond - 1));
}
