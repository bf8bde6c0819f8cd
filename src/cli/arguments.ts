// Reading option values the way a person types them: a day or an instant, a date, a name that is
// nearly right.
import { endOfLondonDayMs } from '../calendar/london.js';
import { isIsoDate, parseDate, parseInstant } from '../calendar/dates.js';
import { closestWord } from '../shared/suggest.js';
import { UsageError } from './exitCodes.js';

const HOUR = 3_600_000;

/** What a plain date means where an instant is asked for, as the help texts say it. */
export const PLAIN_DATE_MEANS = 'a date alone (2025-12-22) means 09:00 London time that day';

/**
 * An instant option: `now`, an ISO instant with `Z` or an offset, or a plain date, read as 09:00
 * London time that day. 09:00 rather than midnight, because a day given alone is a working day's
 * event (a concern raised, a status asked for in the morning): a deadline due that day is then due
 * today, not already past, and an instant at midnight would fall on the day before in some readings.
 */
export function instantOption(value: string, name: string, now: () => Date = () => new Date()): string {
  if (value === 'now') return now().toISOString();
  if (isIsoDate(value)) return new Date(endOfLondonDayMs(parseDate(value)) + 1 - 15 * HOUR).toISOString();
  try {
    return new Date(parseInstant(value, `--${name}`)).toISOString();
  } catch {
    throw new UsageError(
      `--${name} ${JSON.stringify(value)} is not a date or an instant: write 2025-12-22 (09:00 London time), 2025-12-22T14:30:00Z, 2025-12-22T14:30:00+01:00 or now`,
    );
  }
}

/** A date option, YYYY-MM-DD. */
export function dateOption(value: string, name: string): string {
  if (isIsoDate(value)) return value;
  throw new UsageError(`--${name} ${JSON.stringify(value)} is not a date: write it as YYYY-MM-DD, such as 2025-12-22`);
}

/** ` (Did you mean x?)`, or nothing when no candidate is close: the library's own measure of close. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const best = closestWord(word, candidates);
  return best ? ` (Did you mean ${best}?)` : '';
}
