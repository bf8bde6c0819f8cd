import * as z from 'zod/mini';
import { describeProblems, parseWith } from '../shared/zod.js';
import { buildCalendar, builtInHolidays, type CalendarOptions, type WorkingDayCalendar } from './calendar.js';
import { isIsoDate, tryParseDate } from './dates.js';
import { assertDivision, type Division } from './divisions.js';
import { CalendarError } from './errors.js';
import { FIRST_YEAR, LAST_YEAR } from './bank-holidays.generated.js';

const eventSchema = z.object({
  title: z.string().check(z.minLength(1, 'expected a non-empty title')),
  date: z.string().check(z.refine(isIsoDate, 'expected a real calendar date written YYYY-MM-DD')),
  notes: z.optional(z.string()),
  bunting: z.optional(z.boolean()),
});

const divisionSchema = z.object({
  division: z.string(),
  events: z.array(eventSchema),
});

/**
 * The shape of GOV.UK's `bank-holidays.json`: one entry per division, each a list of events.
 *
 * @example
 * import * as z from 'zod/mini';
 * z.safeParse(govUkFeedSchema, await (await fetch('https://www.gov.uk/bank-holidays.json')).json()).success;
 */
export const govUkFeedSchema = z.record(z.string(), divisionSchema);

/** A document in the format of the GOV.UK `bank-holidays.json` feed. */
export type GovUkFeed = z.infer<typeof govUkFeedSchema>;

/** Options for a calendar built from a GOV.UK feed. */
export interface GovUkCalendarOptions extends CalendarOptions {
  /**
   * What to do for years the feed does not cover (before its first event's year or after its last):
   * `'built-in'` (the default) falls back to the package's own table; `'error'` refuses such dates
   * with an `OUT_OF_RANGE` error.
   */
  readonly outsideFeed?: 'built-in' | 'error';
}

function feedError(detail: string, value: unknown): never {
  throw new CalendarError('INVALID_FEED', `Invalid GOV.UK bank-holidays feed: ${detail}`, value);
}

/**
 * The same calendar as `ukCalendar`, built from a document in the format of the official GOV.UK
 * `bank-holidays.json` feed (an object, or its JSON text), so a host can use the live government
 * data. For every year from the feed's first event to its last, the feed's list is the whole truth;
 * other years come from the built-in table unless `outsideFeed: 'error'`.
 *
 * @example
 * const feed = await (await fetch('https://www.gov.uk/bank-holidays.json')).json();
 * const cal = govUkCalendar(feed, 'scotland');
 * cal.isWorkingDay('2024-01-02'); // false
 */
export function govUkCalendar(feed: unknown, division: Division, options?: GovUkCalendarOptions): WorkingDayCalendar {
  const d = assertDivision(division);
  let doc = feed;
  if (typeof feed === 'string') {
    try {
      doc = JSON.parse(feed);
    } catch (e) {
      feedError(`not JSON (${(e as Error).message})`, feed);
    }
  }
  const parsed = parseWith(govUkFeedSchema, doc);
  if (!parsed.ok) feedError(describeProblems(parsed.problems), feed);
  const entry = parsed.data[d];
  if (!entry)
    feedError(
      `it has no '${d}' division (it has ${
        Object.keys(parsed.data)
          .map((k) => `'${k}'`)
          .join(', ') || 'none'
      })`,
      feed,
    );
  if (entry.division !== d) feedError(`${d}.division is '${entry.division}', expected '${d}'`, feed);
  if (entry.events.length === 0) feedError(`${d}.events is empty`, feed);

  // A loop, not Math.min(...years): a feed of a few hundred thousand events would overflow the stack.
  let feedFirst = Infinity;
  let feedLast = -Infinity;
  for (const e of entry.events) {
    const year = Number(e.date.slice(0, 4));
    if (year < feedFirst) feedFirst = year;
    if (year > feedLast) feedLast = year;
  }
  if (feedFirst < FIRST_YEAR || feedLast > LAST_YEAR) {
    feedError(
      `its events run from ${feedFirst} to ${feedLast}; this calendar covers ${FIRST_YEAR} to ${LAST_YEAR}`,
      feed,
    );
  }
  const outside = options?.outsideFeed ?? 'built-in';
  if (outside !== 'built-in' && outside !== 'error') {
    throw new CalendarError(
      'INVALID_OPTIONS',
      `Invalid outsideFeed '${String(outside)}': expected 'built-in' or 'error'`,
      outside,
    );
  }

  const holidays = new Map<number, string>();
  if (outside === 'built-in') {
    for (const [day, title] of builtInHolidays(d).holidays) {
      const year = new Date(day * 86_400_000).getUTCFullYear();
      if (year < feedFirst || year > feedLast) holidays.set(day, title);
    }
  }
  for (const e of entry.events) holidays.set(tryParseDate(e.date), e.title);
  const [firstYear, lastYear] = outside === 'built-in' ? [FIRST_YEAR, LAST_YEAR] : [feedFirst, feedLast];
  return buildCalendar(d, { holidays, firstYear, lastYear, source: 'gov-uk-feed' }, options);
}
