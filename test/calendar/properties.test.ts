import { addDays, format, isWeekend } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIVISIONS, ukCalendar, type WorkingDayCalendar } from '../../src/index.js';

const FIRST = Date.UTC(1971, 0, 1);
const LAST = Date.UTC(2099, 11, 1);
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Any date from 1971 to 2099, with extra weight on the days around Christmas and Easter. */
const date = fc.oneof(
  fc.integer({ min: FIRST, max: LAST }).map((t) => iso(t - (t % 86_400_000))),
  fc
    .record({ y: fc.integer({ min: 1971, max: 2099 }), d: fc.integer({ min: 18, max: 31 }) })
    .map(({ y, d }) => `${y}-12-${d}`),
  fc
    .record({ y: fc.integer({ min: 1971, max: 2099 }), d: fc.integer({ min: 1, max: 30 }) })
    .map(({ y, d }) => `${y}-04-${String(d).padStart(2, '0')}`),
);
const division = fc.constantFrom(...DIVISIONS);
const count = fc.integer({ min: 1, max: 60 });

/** A day-by-day walk with date-fns: slow and obviously right, given isWorkingDay. */
function walk(cal: WorkingDayCalendar, from: string, n: number): string {
  let d = new Date(`${from}T12:00:00`);
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    const s = format(d, 'yyyy-MM-dd');
    if (!isWeekend(d) && cal.isWorkingDay(s)) left--;
  }
  return format(d, 'yyyy-MM-dd');
}

describe('working-day properties, any division and date from 1971 to 2099', () => {
  it('addWorkingDays agrees with a day-by-day walk', () => {
    fc.assert(
      fc.property(division, date, count, (div, d, n) => {
        expect(ukCalendar(div).addWorkingDays(d, n)).toBe(walk(ukCalendar(div), d, n));
      }),
    );
  });

  it('workingDaysBetween(d, addWorkingDays(d, n)) === n for n ≥ 1', () => {
    fc.assert(
      fc.property(division, date, count, (div, d, n) => {
        const cal = ukCalendar(div);
        expect(cal.workingDaysBetween(d, cal.addWorkingDays(d, n))).toBe(n);
      }),
    );
  });

  it('is strictly increasing in n, and every result is a working day after d', () => {
    fc.assert(
      fc.property(division, date, count, count, (div, d, a, b) => {
        fc.pre(a !== b);
        const cal = ukCalendar(div);
        const [lo, hi] = a < b ? [a, b] : [b, a];
        const x = cal.addWorkingDays(d, lo);
        const y = cal.addWorkingDays(d, hi);
        expect(x < y).toBe(true);
        expect(x > d).toBe(true);
        expect(cal.isWorkingDay(x) && cal.isWorkingDay(y)).toBe(true);
      }),
    );
  });

  it('counts backwards as the mirror of forwards from a working day', () => {
    fc.assert(
      fc.property(division, date, count, (div, d, n) => {
        const cal = ukCalendar(div);
        const start = cal.addWorkingDays(d, 0);
        expect(cal.addWorkingDays(cal.addWorkingDays(start, n), -n)).toBe(start);
        expect(cal.workingDaysBetween(start, cal.addWorkingDays(start, -n))).toBe(-n);
      }),
    );
  });

  it('workingDaysBetween is antisymmetric and additive', () => {
    fc.assert(
      fc.property(division, date, date, date, (div, a, b, c) => {
        const cal = ukCalendar(div);
        expect(cal.workingDaysBetween(a, b) + cal.workingDaysBetween(b, a)).toBe(0);
        expect(cal.workingDaysBetween(a, b) + cal.workingDaysBetween(b, c)).toBe(cal.workingDaysBetween(a, c));
      }),
    );
  });

  it('nextWorkingDay(d) is addWorkingDays(d, 1); addWorkingDays(d, 0) is d or the day after it', () => {
    fc.assert(
      fc.property(division, date, (div, d) => {
        const cal = ukCalendar(div);
        expect(cal.nextWorkingDay(d)).toBe(cal.addWorkingDays(d, 1));
        expect(cal.addWorkingDays(d, 0)).toBe(cal.isWorkingDay(d) ? d : cal.nextWorkingDay(d));
      }),
    );
  });

  it('closures only ever remove working days, and never move a deadline earlier', () => {
    fc.assert(
      fc.property(division, date, count, fc.array(date, { maxLength: 8 }), (div, d, n, closures) => {
        const plain = ukCalendar(div);
        const closed = ukCalendar(div, { closures });
        for (const c of closures) expect(closed.isWorkingDay(c)).toBe(false);
        for (let i = -3; i <= 10; i++) {
          const probe = new Date(Date.parse(`${d}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);
          if (closed.isWorkingDay(probe)) expect(plain.isWorkingDay(probe)).toBe(true);
        }
        expect(closed.addWorkingDays(d, n) >= plain.addWorkingDays(d, n)).toBe(true);
      }),
    );
  });
});
