import { describe, expect, it } from 'vitest';
import { CalendarError, endOfLondonDay, govUkCalendar, londonDate, ukCalendar } from '../../src/index.js';

const cal = ukCalendar();

function thrown(fn: () => unknown): CalendarError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CalendarError);
    return e as CalendarError;
  }
  throw new Error('expected a CalendarError, but nothing was thrown');
}

describe('bad input is refused with an error naming the value', () => {
  it.each([
    ['2024-02-30'],
    ['30/01/2024'],
    ['2023-02-29'],
    ['2024-13-01'],
    ['2024-1-5'],
    [''],
    ['2024-01-01T00:00:00Z'],
    [' 2024-01-01'],
  ])('date %j', (bad) => {
    const e = thrown(() => cal.addWorkingDays(bad, 1));
    expect(e.code).toBe('INVALID_DATE');
    expect(e.message).toContain(JSON.stringify(bad));
    expect(e.value).toBe(bad);
  });

  it('points a dd/mm/yyyy date at the right format', () => {
    expect(thrown(() => cal.isWorkingDay('30/01/2024')).message).toMatch(/YYYY-MM-DD/);
  });

  it('refuses a Date where a date is wanted, rather than guessing its zone', () => {
    const e = thrown(() => cal.isWorkingDay(new Date('2024-06-01T00:30:00+01:00') as unknown as string));
    expect(e.code).toBe('INVALID_DATE');
    expect(e.message).toMatch(/londonDate/);
  });

  it.each([[1.5], [Number.NaN], [Number.POSITIVE_INFINITY], ['2'], [null]])('count %s', (bad) => {
    const e = thrown(() => cal.addWorkingDays('2024-01-01', bad as number));
    expect(e.code).toBe('INVALID_COUNT');
    expect(e.message).toContain(String(bad));
  });

  it('an unknown division', () => {
    const e = thrown(() => ukCalendar('wales' as never));
    expect(e.code).toBe('UNKNOWN_DIVISION');
    expect(e.message).toContain('"wales"');
    expect(e.message).toContain("'england-and-wales'");
  });

  it.each([
    ['2024-12-19 09:00'],
    ['2024-12-19T09:00:00'],
    ['yesterday'],
    ['2024-02-30T10:00:00Z'],
    ['2024-12-19T24:00:00Z'],
    ['2024-12-19T09:60:00Z'],
  ])('instant %j', (bad) => {
    const e = thrown(() => londonDate(bad));
    expect(e.code).toBe('INVALID_INSTANT');
    expect(e.message).toContain(JSON.stringify(bad));
  });

  it('an Invalid Date instant', () => {
    expect(thrown(() => londonDate(new Date(Number.NaN))).code).toBe('INVALID_INSTANT');
  });

  it('dates and results outside 1970 to 2100', () => {
    expect(thrown(() => cal.isWorkingDay('1969-12-31')).code).toBe('OUT_OF_RANGE');
    expect(thrown(() => cal.addWorkingDays('2100-12-30', 5)).code).toBe('OUT_OF_RANGE');
    expect(thrown(() => cal.addWorkingDays('1970-01-02', -5)).code).toBe('OUT_OF_RANGE');
    expect(thrown(() => cal.bankHolidays(2101)).code).toBe('OUT_OF_RANGE');
    expect(thrown(() => cal.bankHolidays(2024.5)).code).toBe('INVALID_COUNT');
  });

  it('bad closures', () => {
    expect(thrown(() => ukCalendar('scotland', { closures: ['2025-02-29'] })).message).toContain(
      'closure date "2025-02-29"',
    );
    expect(thrown(() => ukCalendar('scotland', { closures: '2025-01-02' as never })).code).toBe('INVALID_OPTIONS');
  });

  it('endOfLondonDay of a bad date', () => {
    expect(thrown(() => endOfLondonDay('2024-04-31')).code).toBe('INVALID_DATE');
  });
});

describe('a malformed GOV.UK feed', () => {
  const good = {
    'england-and-wales': {
      division: 'england-and-wales',
      events: [{ title: 'Christmas Day', date: '2024-12-25', notes: '', bunting: true }],
    },
  };

  it('accepts a minimal well-formed feed', () => {
    expect(govUkCalendar(good, 'england-and-wales').isWorkingDay('2024-12-25')).toBe(false);
  });

  it('names the path and the problem of every bad field', () => {
    const bad = {
      'england-and-wales': { division: 'england-and-wales', events: [{ title: '', date: '2024-02-30' }, { date: 5 }] },
    };
    const e = thrown(() => govUkCalendar(bad, 'england-and-wales'));
    expect(e.code).toBe('INVALID_FEED');
    expect(e.message).toContain('england-and-wales.events[0].date');
    expect(e.message).toContain('england-and-wales.events[0].title');
    expect(e.message).toContain('england-and-wales.events[1].date');
    expect(e.message).toContain('england-and-wales.events[1].title');
  });

  it.each([
    ['not JSON', '{"england-and-wales":'],
    ['no such division', { scotland: { division: 'scotland', events: [] } }],
    [
      'a mislabelled division',
      { 'england-and-wales': { division: 'scotland', events: good['england-and-wales'].events } },
    ],
    ['no events', { 'england-and-wales': { division: 'england-and-wales', events: [] } }],
    ['an array', []],
    ['null', null],
  ])('%s', (_label, feed) => {
    expect(thrown(() => govUkCalendar(feed, 'england-and-wales')).code).toBe('INVALID_FEED');
  });

  it("with outsideFeed: 'error', refuses dates the feed does not cover", () => {
    const strict = govUkCalendar(good, 'england-and-wales', { outsideFeed: 'error' });
    expect(strict.isWorkingDay('2024-12-24')).toBe(true);
    expect(thrown(() => strict.isWorkingDay('2025-01-02')).code).toBe('OUT_OF_RANGE');
    // With the default, other years come from the built-in table.
    expect(govUkCalendar(good, 'england-and-wales').isWorkingDay('2025-01-01')).toBe(false);
  });
});
