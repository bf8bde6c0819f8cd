// Worked examples a reader can check with a paper calendar. docs/working-days.md explains each one.
import { describe, expect, it } from 'vitest';
import { ukCalendar } from '../../src/index.js';

const ew = ukCalendar('england-and-wales');
const scot = ukCalendar('scotland');
const ni = ukCalendar('northern-ireland');

describe('"within N working days of D": the first working day after D counts as 1', () => {
  it('counts 2, 2 and 10 working days from Thursday 19 December 2024 across Christmas and New Year', () => {
    // Fri 20 (1), Mon 23 (2); Tue 24 (3); 25, 26 bank holidays; Fri 27 (4), Mon 30 (5), Tue 31 (6);
    // 1 Jan bank holiday; Thu 2 (7), Fri 3 (8), Mon 6 (9), Tue 7 (10).
    expect(ew.addWorkingDays('2024-12-19', 2)).toBe('2024-12-23');
    expect(ew.addWorkingDays('2024-12-23', 2)).toBe('2024-12-27');
    expect(ew.addWorkingDays('2024-12-19', 10)).toBe('2025-01-07');
  });

  it('never counts D itself, whatever kind of day it is', () => {
    expect(ew.addWorkingDays('2024-12-20', 1)).toBe('2024-12-23'); // Friday → Monday
    expect(ew.addWorkingDays('2024-12-21', 1)).toBe('2024-12-23'); // Saturday → Monday
    expect(ew.addWorkingDays('2024-12-25', 1)).toBe('2024-12-27'); // Christmas Day → Friday 27th
  });

  it('gives D for N = 0 when D is a working day, else the next working day', () => {
    expect(ew.addWorkingDays('2024-12-24', 0)).toBe('2024-12-24');
    expect(ew.addWorkingDays('2024-12-25', 0)).toBe('2024-12-27');
    expect(ew.addWorkingDays('2024-12-28', 0)).toBe('2024-12-30');
  });

  it('counts backwards the same way for a negative N', () => {
    expect(ew.addWorkingDays('2024-12-27', -1)).toBe('2024-12-24');
    expect(ew.addWorkingDays('2024-12-28', -1)).toBe('2024-12-27'); // from a Saturday
    expect(ew.addWorkingDays('2025-01-02', -3)).toBe('2024-12-27');
  });

  it('counts working days d with from < d ≤ to, negative when to is before from', () => {
    expect(ew.workingDaysBetween('2024-12-19', '2024-12-27')).toBe(4); // 20, 23, 24, 27
    expect(ew.workingDaysBetween('2024-12-27', '2024-12-19')).toBe(-4);
    expect(ew.workingDaysBetween('2024-12-24', '2024-12-26')).toBe(0);
    expect(ew.workingDaysBetween('2024-12-24', '2024-12-24')).toBe(0);
  });

  it('nextWorkingDay is strictly after the date', () => {
    expect(ew.nextWorkingDay('2024-12-24')).toBe('2024-12-27');
    expect(ew.nextWorkingDay('2024-12-31')).toBe('2025-01-02');
    expect(ew.nextWorkingDay('2025-01-03')).toBe('2025-01-06');
  });
});

describe('Easter', () => {
  it('skips Good Friday and Easter Monday in England and Wales (2025: 18 and 21 April)', () => {
    // Thu 17 April 2025: Tue 22 (1), Wed 23 (2), ... Fri 25 (4), Mon 28 (5)
    expect(ew.addWorkingDays('2025-04-17', 1)).toBe('2025-04-22');
    expect(ew.addWorkingDays('2025-04-17', 5)).toBe('2025-04-28');
    expect(ew.isWorkingDay('2025-04-20')).toBe(false); // Easter Sunday: a Sunday, not a bank holiday
  });

  it('keeps Easter Monday a working day in Scotland, where it is not a bank holiday', () => {
    expect(scot.isWorkingDay('2025-04-21')).toBe(true);
    expect(scot.addWorkingDays('2025-04-17', 1)).toBe('2025-04-21');
  });

  it('crosses a March Easter (2024: Good Friday 29 March, Easter Monday 1 April)', () => {
    expect(ew.addWorkingDays('2024-03-27', 2)).toBe('2024-04-02');
    expect(ni.addWorkingDays('2024-03-27', 2)).toBe('2024-04-02');
  });
});

describe('clock changes do not move a working-day count', () => {
  it('counts across the spring change (Sunday 30 March 2025)', () => {
    expect(ew.addWorkingDays('2025-03-28', 1)).toBe('2025-03-31');
    expect(ew.workingDaysBetween('2025-03-27', '2025-04-02')).toBe(4);
  });

  it('counts across the autumn change (Sunday 26 October 2025)', () => {
    expect(ew.addWorkingDays('2025-10-24', 1)).toBe('2025-10-27');
    expect(ew.workingDaysBetween('2025-10-23', '2025-10-29')).toBe(4);
  });
});

describe("the nations' own bank holidays", () => {
  it("Scotland's 2 January, and its substitutes when New Year falls at a weekend", () => {
    expect(scot.isWorkingDay('2025-01-02')).toBe(false);
    expect(ew.isWorkingDay('2025-01-02')).toBe(true);
    expect(scot.addWorkingDays('2024-12-31', 1)).toBe('2025-01-03');
    // 2022: 1 Jan a Saturday, 2 Jan a Sunday, so Monday 3 and Tuesday 4 January.
    expect(scot.isWorkingDay('2022-01-04')).toBe(false);
    expect(ew.isWorkingDay('2022-01-04')).toBe(true);
  });

  it("Scotland's St Andrew's Day, moved to Monday when 30 November is at a weekend", () => {
    expect(scot.isWorkingDay('2023-11-30')).toBe(false);
    expect(scot.isWorkingDay('2025-12-01')).toBe(false); // 30 Nov 2025 is a Sunday
    expect(ew.isWorkingDay('2025-12-01')).toBe(true);
    expect(scot.addWorkingDays('2025-11-28', 1)).toBe('2025-12-02');
  });

  it("Northern Ireland's St Patrick's Day and 12 July", () => {
    expect(ni.isWorkingDay('2025-03-17')).toBe(false);
    expect(ew.isWorkingDay('2025-03-17')).toBe(true);
    expect(ni.addWorkingDays('2025-03-14', 1)).toBe('2025-03-18');
    expect(ni.isWorkingDay('2025-07-14')).toBe(false); // 12 July 2025 is a Saturday: Monday 14th
    expect(ni.isWorkingDay('2024-07-12')).toBe(false);
    expect(ni.addWorkingDays('2024-07-11', 1)).toBe('2024-07-15');
  });
});

describe('one-off and moved bank holidays in England and Wales since 1995 (docs/working-days.md lists the sources)', () => {
  // [date, what it was, the date it replaced (a working day again that year) or null for an extra day]
  const SINCE_1995: [string, string, string | null][] = [
    ['1995-05-08', 'Early May bank holiday moved for the 50th anniversary of VE Day', '1995-05-01'],
    ['1999-12-31', 'Millennium bank holiday', null],
    ['2002-06-03', 'Golden Jubilee bank holiday', null],
    ['2002-06-04', 'Spring bank holiday moved for the Golden Jubilee', '2002-05-27'],
    ['2011-04-29', 'Royal wedding', null],
    ['2012-06-04', 'Spring bank holiday moved for the Diamond Jubilee', '2012-05-28'],
    ['2012-06-05', "Queen's Diamond Jubilee", null],
    ['2020-05-08', 'Early May bank holiday moved to VE Day', '2020-05-04'],
    ['2022-06-02', 'Spring bank holiday moved for the Platinum Jubilee', '2022-05-30'],
    ['2022-06-03', 'Platinum Jubilee bank holiday', null],
    ['2022-09-19', 'State Funeral of Queen Elizabeth II', null],
    ['2023-05-08', 'Coronation of King Charles III', null],
  ];

  it.each(SINCE_1995)('%s (%s) is not a working day, and the day it replaced is', (date, _what, replaced) => {
    expect(ew.isWorkingDay(date)).toBe(false);
    expect(ew.bankHolidays(Number(date.slice(0, 4))).map((h) => h.date)).toContain(date);
    if (replaced) expect(ew.isWorkingDay(replaced)).toBe(true);
  });

  it('moves a deadline that crosses one: 2 working days from Thursday 15 September 2022', () => {
    // Fri 16 (1); Mon 19 the State Funeral; Tue 20 (2).
    expect(ew.addWorkingDays('2022-09-15', 2)).toBe('2022-09-20');
  });

  it('Scotland kept 1 May 1995 and had 8 May as well; it has 15 June 2026 alone', () => {
    expect(scot.isWorkingDay('1995-05-01')).toBe(false);
    expect(scot.isWorkingDay('1995-05-08')).toBe(false);
    expect(scot.isWorkingDay('2026-06-15')).toBe(false);
    expect(ew.isWorkingDay('2026-06-15')).toBe(true);
    expect(ni.isWorkingDay('2026-06-15')).toBe(true);
  });

  it('earlier one-offs and the years holidays began', () => {
    expect(ew.isWorkingDay('1977-05-30')).toBe(true); // Spring bank holiday moved to 6 June
    expect(ew.isWorkingDay('1977-06-06')).toBe(false);
    expect(ew.isWorkingDay('1977-06-07')).toBe(false); // Silver Jubilee
    expect(scot.isWorkingDay('1977-06-07')).toBe(true); // local holidays only in Scotland
    expect(ew.isWorkingDay('1981-07-29')).toBe(false); // Royal wedding
    expect(ew.isWorkingDay('1977-05-02')).toBe(true); // no Early May bank holiday before 1978
    expect(ew.isWorkingDay('1978-05-01')).toBe(false);
    expect(scot.isWorkingDay('1977-05-02')).toBe(false); // statutory in Scotland
    expect(ew.isWorkingDay('1973-01-01')).toBe(true); // New Year's Day from 1974
    expect(ew.isWorkingDay('1974-01-01')).toBe(false);
    expect(scot.isWorkingDay('2006-11-30')).toBe(true); // St Andrew's Day from 2007
    expect(scot.isWorkingDay('2007-11-30')).toBe(false);
  });
});

describe('closures', () => {
  it('adds non-working days to that calendar only', () => {
    const closed = ukCalendar('england-and-wales', { closures: ['2025-01-02'] });
    expect(closed.isWorkingDay('2025-01-02')).toBe(false);
    expect(closed.addWorkingDays('2024-12-31', 1)).toBe('2025-01-03');
    expect(ukCalendar('england-and-wales').isWorkingDay('2025-01-02')).toBe(true);
    expect(closed.closures).toEqual(['2025-01-02']);
    expect(closed.bankHolidays(2025).map((h) => h.date)).not.toContain('2025-01-02');
  });
});

describe('bankHolidays(year)', () => {
  it('lists the days offices close, substitutes included, observances excluded', () => {
    expect(ew.bankHolidays(2027).map((h) => h.date)).toEqual([
      '2027-01-01',
      '2027-03-26',
      '2027-03-29',
      '2027-05-03',
      '2027-05-31',
      '2027-08-30',
      '2027-12-27',
      '2027-12-28',
    ]);
    const titles = new Set(
      [1970, 1999, 2024, 2050, 2100].flatMap((y) =>
        [ew, scot, ni].flatMap((c) => c.bankHolidays(y).map((h) => h.title)),
      ),
    );
    for (const observance of ["Mother's Day", 'Easter Sunday', "Father's Day", 'Christmas Eve'])
      expect(titles).not.toContain(observance);
  });

  it('covers 1970 to 2100', () => {
    expect(ew.range).toEqual({ first: '1970-01-01', last: '2100-12-31' });
    expect(ew.bankHolidays(1970).length).toBeGreaterThan(5);
    expect(ew.bankHolidays(2100).map((h) => h.title)).toContain('Christmas Day');
  });
});
