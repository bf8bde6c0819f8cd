import { isIsoDate, MONTH_NAMES } from '../calendar/dates.js';
import { londonDate } from '../calendar/london.js';
import { parseWith } from '../shared/zod.js';
import * as z from 'zod/mini';
import { isPolicy } from './define.js';
import { PolicyError } from './errors.js';
import { sourceSchema, type SourceDocument } from './schema.js';

// Whether the document a policy encodes may have been replaced: judged from the currency fields of
// its `source` (issued, reviewDue, publisher), never from the network. Pure: the day to judge by
// comes from the caller.

/** What kind of doubt a currency warning raises. */
export type CurrencyCode = 'REVIEW_PASSED' | 'REVIEW_DATE' | 'BEFORE_PARTNERSHIP_ARRANGEMENTS' | 'UNDATED';

/** One reason to check whether a policy's document is still the current one. */
export interface CurrencyWarning {
  readonly code: CurrencyCode;
  /**
   * `warning` when the document may well have been replaced; `note` for a review date that cannot be
   * judged because no day was given to judge it by.
   */
  readonly severity: 'warning' | 'note';
  /** The whole reason, with what to do. */
  readonly message: string;
  /** The reason in a few words, for a table: "review was due November 2021". */
  readonly summary: string;
}

/**
 * The day Local Safeguarding Children Boards gave way to the local safeguarding partnership
 * arrangements of the Children and Social Work Act 2017 in every area of England: the last day of
 * the transition Working Together 2018 allowed was 29 September 2019.
 *
 * @example
 * policy.source.issued && policy.source.issued < PARTNERSHIP_ARRANGEMENTS_DATE; // a Board-era document
 */
export const PARTNERSHIP_ARRANGEMENTS_DATE = '2019-09-29';

/** "2021-11" as "November 2021", "2021-11-03" as "3 November 2021". */
function inWords(partialDate: string): string {
  const [year, month, day] = partialDate.split('-');
  const monthName = MONTH_NAMES[Number(month) - 1]!;
  return day ? `${Number(day)} ${monthName} ${year}` : `${monthName} ${year}`;
}

/** The first day a YYYY-MM or YYYY-MM-DD date can mean. */
function firstDay(partialDate: string): string {
  return partialDate.length === 7 ? `${partialDate}-01` : partialDate;
}

/** The last day a YYYY-MM or YYYY-MM-DD date can mean. */
function lastDay(partialDate: string): string {
  if (partialDate.length !== 7) return partialDate;
  const [year, month] = partialDate.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${partialDate}-${String(days).padStart(2, '0')}`;
}

/** The day to judge by: a date as given, or the London date of an instant. */
function judgingDay(asOf: string): string {
  return isIsoDate(asOf) ? asOf : londonDate(asOf);
}

/**
 * Why a policy's source document may no longer be the current one: its own review date has passed
 * (`REVIEW_PASSED`, judged on `asOf`), it predates the 2019 safeguarding partnership arrangements
 * (`BEFORE_PARTNERSHIP_ARRANGEMENTS`: issued before 29 September 2019, or published by a Local
 * Safeguarding Children Board), or it is undated (`UNDATED`: no `issued` date to check). Without
 * `asOf`, a review date is reported as a note (`REVIEW_DATE`) in words that stay true on any day, so
 * generated pages do not change with the day they are made. An empty list means nothing in the
 * source gives a reason to doubt it; it does not prove that no newer version exists.
 *
 * @param asOf The day to judge a review date by: a date (`YYYY-MM-DD`) or an ISO instant (its London date).
 * @example
 * policyCurrency(policies['derby-derbyshire'], '2025-06-01');
 * // [{ code: 'REVIEW_PASSED', severity: 'warning', summary: 'review was due November 2021', message: '...' }]
 * policyCurrency(policies.somerset).map((w) => w.code); // ['BEFORE_PARTNERSHIP_ARRANGEMENTS']
 */
export function policyCurrency(policy: { readonly source: SourceDocument }, asOf?: string): CurrencyWarning[] {
  const source = sourceOf(policy);
  const publisher = source.publisher ?? 'the publisher';
  const warnings: CurrencyWarning[] = [];
  const today = asOf === undefined ? undefined : judgingDay(asOf);

  if (source.reviewDue) {
    const due = inWords(source.reviewDue);
    // A review due in a month is overdue once that month has ended: the document does not say which day.
    if (today !== undefined && today > lastDay(source.reviewDue)) {
      warnings.push({
        code: 'REVIEW_PASSED',
        severity: 'warning',
        summary: `review was due ${due}`,
        message: `The document's review was due ${due}, and that has passed (as of ${today}): check with ${publisher} whether a newer version replaces it.`,
      });
    } else if (today === undefined) {
      warnings.push({
        code: 'REVIEW_DATE',
        severity: 'note',
        summary: `review due ${due}`,
        message: `The document set its review for ${due}: once that has passed, check with ${publisher} whether a newer version replaces it.`,
      });
    }
  }

  // A Board's document is from before the arrangements whatever date it gives. A date given only to
  // the month counts from the month's first day: a document of September 2019 may predate the
  // change, and a warning costs a reader one check.
  const byBoard = source.publisher !== undefined && /\bboard\b|\bLSCB\b/i.test(source.publisher);
  const issuedBefore = source.issued !== undefined && firstDay(source.issued) < PARTNERSHIP_ARRANGEMENTS_DATE;
  if (byBoard || issuedBefore) {
    const who = byBoard ? `published by ${source.publisher}` : `issued ${inWords(source.issued!)}`;
    const when = byBoard && source.issued ? `, issued ${inWords(source.issued)}` : '';
    warnings.push({
      code: 'BEFORE_PARTNERSHIP_ARRANGEMENTS',
      severity: 'warning',
      summary: byBoard
        ? `a Safeguarding Children Board's document${when}`
        : `issued ${inWords(source.issued!)}, before 2019`,
      message: `The document was ${who}${when}, before the safeguarding partnership arrangements replaced Local Safeguarding Children Boards (by 29 September 2019): check whether the partnership that took over has published its own.`,
    });
  }

  if (!source.issued) {
    warnings.push({
      code: 'UNDATED',
      severity: 'warning',
      summary: 'undated',
      message: source.date
        ? `The document's date is given only in words ("${source.date}"), not as issued: YYYY-MM, so its currency cannot be checked: find its issue date, or check with ${publisher} for a dated version.`
        : `The document is undated, so nothing shows whether it is the current version: check with ${publisher} for a dated one.`,
    });
  }
  return warnings;
}

const withSource = z.object({ source: sourceSchema });

/** The source of a policy, or of anything with a `source` block, checked; anything else is a PolicyError. */
function sourceOf(policy: unknown): SourceDocument {
  if (isPolicy(policy)) return policy.source;
  const checked = parseWith(withSource, policy);
  if (!checked.ok) throw new PolicyError(undefined, checked.problems);
  return checked.data.source;
}
