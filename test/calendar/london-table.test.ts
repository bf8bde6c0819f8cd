// London's offset comes from a generated table of its clock changes, not from Intl: checked here
// against Intl (through @date-fns/tz, as the library asked before) at every change, either side of
// it, and at instants across the whole range.
import fs from 'node:fs';
import { tzOffset } from '@date-fns/tz/tzOffset';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a build script in plain JavaScript, without declarations
import { LONDON_TABLE_PATH, londonTableSource } from '../../scripts/generate-london.mjs';
import {
  CHANGE_GAPS,
  INITIAL_OFFSET,
  OFFSETS_AFTER,
  TABLE_END_MS,
} from '../../src/calendar/london-changes.generated.js';
import { endOfLondonDayMs, londonDayNumber } from '../../src/calendar/london.js';

const HOUR = 3_600_000;
let sum = 0;
const CHANGE_HOURS = CHANGE_GAPS.map((gap) => (sum += gap));
const DAY = 86_400_000;
const intlOffset = (ms: number) => tzOffset('Europe/London', new Date(ms));
/** The London day number of an instant, worked out with Intl's offset. */
const intlDay = (ms: number) => Math.floor((ms + intlOffset(ms) * 60_000) / DAY);

describe("the table of London's clock changes", () => {
  it('is what `npm run generate` makes from Intl today', () => {
    // When this fails, run `npm run generate` and review the diff (new time zone data, or a new rule).
    expect(londonTableSource()).toBe(fs.readFileSync(LONDON_TABLE_PATH, 'utf8'));
  });

  it('has two changes a year from 1972 (British Standard Time ended in 1971), in time order, alternating', () => {
    expect(INITIAL_OFFSET).toBe(60);
    expect(CHANGE_HOURS.length).toBe(OFFSETS_AFTER.length);
    for (let i = 1; i < CHANGE_HOURS.length; i++) {
      expect(CHANGE_GAPS[i]!).toBeGreaterThanOrEqual(24 * 7 * 20); // twenty weeks apart or more
      expect(OFFSETS_AFTER[i]).not.toBe(OFFSETS_AFTER[i - 1]);
    }
    expect(new Date(CHANGE_HOURS[0]! * HOUR).toISOString()).toBe('1971-10-31T02:00:00.000Z');
    expect(CHANGE_HOURS.length).toBe(1 + 2 * (2100 - 1972 + 1));
  });

  it('gives the day Intl gives either side of every change, to the millisecond', () => {
    for (const hour of CHANGE_HOURS) {
      const at = hour * HOUR;
      for (const ms of [at - HOUR - 1, at - HOUR, at - 1, at, at + 1, at + HOUR - 1, at + HOUR, at + 2 * HOUR]) {
        expect(londonDayNumber(ms), new Date(ms).toISOString()).toBe(intlDay(ms));
      }
    }
  });

  it('gives the day Intl gives at instants across 1970 to 2100, and at the ends of every London day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: TABLE_END_MS }), (ms) => {
        expect(londonDayNumber(ms)).toBe(intlDay(ms));
      }),
      { numRuns: 20_000 },
    );
    for (let day = 0; day * DAY <= TABLE_END_MS - DAY; day += 1) {
      const end = endOfLondonDayMs(day);
      expect(intlDay(end)).toBe(day);
      expect(intlDay(end + 1)).toBe(day + 1);
    }
  });

  it('asks Intl outside its range', () => {
    for (const ms of [-1, -DAY * 400, Date.UTC(1968, 5, 1), TABLE_END_MS + 1, Date.UTC(2150, 6, 1, 12)]) {
      expect(londonDayNumber(ms)).toBe(intlDay(ms));
    }
  });
});
