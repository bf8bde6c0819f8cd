import { dayNumberOf, weekdayOf } from './dates.js';
import type { Division } from './divisions.js';

// The rules most UK bank holidays follow, year after year. The built-in table
// (bank-holidays.generated.ts) lists only where a year departs from them (a jubilee, a royal
// wedding, a moved May holiday, the years before a holiday began, a substitute day named the other
// way): written out in full it was the largest part of a calendar-only browser bundle. The generator
// (scripts/generate-holidays.mjs) computes the departures with these same rules, and the calendar
// tests check the result against GOV.UK's own list.

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm), as a day number. */
function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const h = (19 * a + b - Math.floor(b / 4) - Math.floor((b - Math.floor((b + 8) / 25) + 1) / 3) + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const n = h + l - 7 * m + 114;
  return dayNumberOf(year, Math.floor(n / 31), (n % 31) + 1);
}

/** The first Monday of a month. */
function firstMonday(year: number, month: number): number {
  const first = dayNumberOf(year, month, 1);
  return first + ((8 - weekdayOf(first)) % 7);
}

/** The last Monday of a month. */
function lastMonday(year: number, month: number): number {
  const last = dayNumberOf(year, month + 1, 1) - 1;
  return last - ((weekdayOf(last) + 6) % 7);
}

const isWeekend = (day: number) => weekdayOf(day) % 6 === 0;

/**
 * The bank holidays a division's rules give for a year, as a day number → title map: the Easter and
 * Monday holidays, and the fixed dates, each moved from a weekend to the next weekday that is not
 * already a holiday (those on a weekday keep theirs first, as GOV.UK lists them).
 */
export function ruleHolidays(division: Division, year: number): Map<number, string> {
  const scotland = division === 'scotland';
  const holidays = new Map<number, string>();
  const easter = easterSunday(year);
  holidays.set(easter - 2, 'Good Friday');
  if (!scotland) holidays.set(easter + 1, 'Easter Monday');
  if (year >= 1978) holidays.set(firstMonday(year, 5), 'Early May bank holiday');
  holidays.set(lastMonday(year, 5), 'Spring bank holiday');
  holidays.set(scotland ? firstMonday(year, 8) : lastMonday(year, 8), 'Summer bank holiday');
  const fixed: [number, number, string][] = [[12, 25, 'Christmas Day']];
  if (scotland || year >= 1974) fixed.push([1, 1, 'New Year’s Day']);
  if (!scotland || year >= 1974) fixed.push([12, 26, 'Boxing Day']);
  if (scotland) fixed.push([1, 2, '2nd January']);
  if (scotland && year >= 2007) fixed.push([11, 30, 'St Andrew’s Day']);
  if (division === 'northern-ireland')
    fixed.push([3, 17, 'St Patrick’s Day'], [7, 12, 'Battle of the Boyne (Orangemen’s Day)']);
  const days = fixed.map(([month, day, title]) => [dayNumberOf(year, month, day), title] as const);
  days.sort((x, y) => x[0] - y[0]);
  for (const [day, title] of days) if (!isWeekend(day)) holidays.set(day, title);
  for (const [day, title] of days) {
    if (!isWeekend(day)) continue;
    let moved = day;
    while (isWeekend(moved) || holidays.has(moved)) moved++;
    holidays.set(moved, title);
  }
  return holidays;
}
