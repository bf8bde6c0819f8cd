// The official GOV.UK record (2012–2028, all three divisions) is the oracle for the built-in table.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIVISIONS, govUkCalendar, ukCalendar } from '../../src/index.js';

const feedPath = new URL('../fixtures/govuk-bank-holidays.json', import.meta.url);
const feed = JSON.parse(fs.readFileSync(feedPath, 'utf8')) as Record<
  string,
  { events: { date: string; title: string }[] }
>;

function* days(from: string, to: string): Generator<string> {
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    yield new Date(t).toISOString().slice(0, 10);
  }
}

/**
 * Bank holidays proclaimed after the GOV.UK snapshot in test/fixtures was taken. The built-in table
 * has them (src/calendar/bank-holiday-corrections.json gives the sources); the snapshot cannot.
 */
const LATER_THAN_SNAPSHOT: Record<string, string[]> = { scotland: ['2026-06-15'] };

describe.each(DIVISIONS)('built-in calendar of %s against the GOV.UK record', (division) => {
  const events = feed[division]!.events;
  const official = new Set(events.map((e) => e.date));
  const later = LATER_THAN_SNAPSHOT[division] ?? [];
  const cal = ukCalendar(division);

  it('has the holidays proclaimed after the snapshot, which the snapshot lacks', () => {
    for (const date of later) {
      expect(official.has(date)).toBe(false);
      expect(cal.isWorkingDay(date)).toBe(false);
    }
  });

  it('agrees on every weekday from 2012 to 2028', () => {
    const disagreements: string[] = [];
    let weekdays = 0;
    for (const date of days('2012-01-01', '2028-12-31')) {
      const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
      if (weekday === 0 || weekday === 6) {
        if (cal.isWorkingDay(date)) disagreements.push(`${date} is a weekend day`);
        continue;
      }
      weekdays++;
      if (cal.isWorkingDay(date) === (official.has(date) || later.includes(date)))
        disagreements.push(`${date}: GOV.UK says ${official.has(date) ? 'bank holiday' : 'working day'}`);
    }
    expect(weekdays).toBeGreaterThan(17 * 250); // every weekday of the 17 years was compared
    expect(disagreements).toEqual([]);
  });

  it('lists the same bank holidays each year, with the same titles', () => {
    for (let year = 2012; year <= 2028; year++) {
      const ours = cal.bankHolidays(year).filter((h) => !later.includes(h.date));
      const theirs = events.filter((e) => e.date.startsWith(`${year}-`));
      expect(ours.map((h) => h.date)).toEqual(theirs.map((e) => e.date));
      // GOV.UK names Scotland's two January substitute days one way in 2012 and 2017 and the other
      // in 2022 and 2023, so titles are compared as each year's set.
      expect(ours.map((h) => h.title).sort()).toEqual(theirs.map((e) => e.title).sort());
    }
  });

  it('is the calendar govUkCalendar builds from the same feed, 1970 to 2100', () => {
    const fromFeed = govUkCalendar(feed, division);
    expect(fromFeed.source).toBe('gov-uk-feed');
    for (let year = 1970; year <= 2100; year++) {
      const ours = cal.bankHolidays(year).filter((h) => !later.includes(h.date));
      const theirs = fromFeed.bankHolidays(year);
      expect(theirs.map((h) => h.date)).toEqual(ours.map((h) => h.date));
      expect(theirs.map((h) => h.title).sort()).toEqual(ours.map((h) => h.title).sort());
    }
  });
});
