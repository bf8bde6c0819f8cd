// Whether a policy's document may have been replaced, from its own currency fields.
import { describe, expect, it } from 'vitest';
import { policies, policyCurrency, type SourceDocument } from '../../src/index.js';

const codes = (source: SourceDocument, asOf?: string) => policyCurrency({ source }, asOf).map((w) => w.code);
const dated = { document: 'A procedure', publisher: 'Anytown Safeguarding Children Partnership', issued: '2023-05' };

describe('policyCurrency', () => {
  it('the shipped policies, judged on 1 June 2025', () => {
    const asOf = '2025-06-01';
    expect(policyCurrency(policies['derby-derbyshire'], asOf)).toEqual([
      expect.objectContaining({ code: 'REVIEW_PASSED', severity: 'warning', summary: 'review was due November 2021' }),
    ]);
    expect(policyCurrency(policies.barnsley, asOf).map((w) => w.summary)).toEqual(['review was due November 2022']);
    // Somerset's is a Board's document of March 2013.
    expect(policyCurrency(policies.somerset, asOf)).toEqual([
      expect.objectContaining({
        code: 'BEFORE_PARTNERSHIP_ARRANGEMENTS',
        summary: "a Safeguarding Children Board's document, issued March 2013",
      }),
    ]);
    expect(policyCurrency(policies.devon, asOf)).toEqual([
      expect.objectContaining({ code: 'UNDATED', summary: 'undated' }),
    ]);
    expect(policyCurrency(policies.suffolk, asOf)).toEqual([]);
  });

  it('says what to do, naming the publisher', () => {
    const [warning] = policyCurrency(policies['derby-derbyshire'], '2025-06-01');
    expect(warning!.message).toBe(
      "The document's review was due November 2021, and that has passed (as of 2025-06-01): check with Derby and Derbyshire Safeguarding Children Partnership whether a newer version replaces it.",
    );
  });

  it('a review due in a month is overdue once the month has ended; one due on a day, the day after', () => {
    expect(codes({ ...dated, reviewDue: '2021-11' }, '2021-11-30')).toEqual([]);
    expect(codes({ ...dated, reviewDue: '2021-11' }, '2021-12-01')).toEqual(['REVIEW_PASSED']);
    expect(codes({ ...dated, reviewDue: '2024-02' }, '2024-02-29')).toEqual([]); // a leap year's February
    expect(codes({ ...dated, reviewDue: '2024-02' }, '2024-03-01')).toEqual(['REVIEW_PASSED']);
    expect(codes({ ...dated, reviewDue: '2025-04-15' }, '2025-04-15')).toEqual([]);
    expect(codes({ ...dated, reviewDue: '2025-04-15' }, '2025-04-16')).toEqual(['REVIEW_PASSED']);
  });

  it('judges an instant by its London day', () => {
    // 23:30 UTC on 30 November 2021 is still 30 November in London (GMT): a review due in November has not passed.
    expect(codes({ ...dated, reviewDue: '2021-11' }, '2021-11-30T23:30:00Z')).toEqual([]);
    // 23:30 UTC on 31 May 2025 is 00:30 on 1 June in London (BST): a review due in May has passed.
    expect(codes({ ...dated, reviewDue: '2025-05' }, '2025-05-31T23:30:00Z')).toEqual(['REVIEW_PASSED']);
  });

  it('without a day to judge by, gives the review date as the document states it, on any day alike', () => {
    expect(policyCurrency({ source: { ...dated, reviewDue: '2027-04' } })).toEqual([
      {
        code: 'REVIEW_DATE',
        severity: 'note',
        summary: 'review due April 2027',
        message:
          'The document set its review for April 2027: once that has passed, check with Anytown Safeguarding Children Partnership whether a newer version replaces it.',
      },
    ]);
  });

  it('a document issued before 29 September 2019, or by a Board, predates the partnership arrangements', () => {
    expect(codes({ ...dated, issued: '2019-08' })).toEqual(['BEFORE_PARTNERSHIP_ARRANGEMENTS']);
    // A month alone counts from its first day: September 2019 may be before the 29th.
    expect(codes({ ...dated, issued: '2019-09' })).toEqual(['BEFORE_PARTNERSHIP_ARRANGEMENTS']);
    expect(codes({ ...dated, issued: '2019-09-28' })).toEqual(['BEFORE_PARTNERSHIP_ARRANGEMENTS']);
    expect(codes({ ...dated, issued: '2019-09-29' })).toEqual([]);
    expect(codes({ ...dated, issued: '2019-10' })).toEqual([]);
    expect(codes({ ...dated, publisher: 'Anytown LSCB', issued: '2020-01' })).toEqual([
      'BEFORE_PARTNERSHIP_ARRANGEMENTS',
    ]);
    expect(codes({ ...dated, publisher: 'Anytown Local Safeguarding Children Board', issued: '2020-01' })).toEqual([
      'BEFORE_PARTNERSHIP_ARRANGEMENTS',
    ]);
  });

  it('a document with no issue date is undated, whether or not it gives a date in words', () => {
    const undated = { document: 'A procedure', publisher: 'Anytown Safeguarding Children Partnership' };
    expect(policyCurrency({ source: undated })[0]!.message).toContain('is undated');
    const inWords = policyCurrency({ source: { ...undated, date: 'Spring 2022' } })[0]!;
    expect(inWords.code).toBe('UNDATED');
    expect(inWords.message).toContain('given only in words ("Spring 2022")');
    // Without a publisher it says whom to ask all the same.
    expect(policyCurrency({ source: { document: 'A procedure' } })[0]!.message).toContain('check with the publisher');
  });
});
