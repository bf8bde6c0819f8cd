import { TZDate } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { endOfLondonDay, londonDate } from '../../src/index.js';

describe('endOfLondonDay', () => {
  it('is the last millisecond of the London day, in summer and in winter', () => {
    expect(endOfLondonDay('2025-04-28')).toBe('2025-04-28T22:59:59.999Z');
    expect(endOfLondonDay('2024-12-23')).toBe('2024-12-23T23:59:59.999Z');
  });

  it('follows the clocks on the days they change', () => {
    expect(endOfLondonDay('2025-03-29')).toBe('2025-03-29T23:59:59.999Z'); // Saturday, GMT
    expect(endOfLondonDay('2025-03-30')).toBe('2025-03-30T22:59:59.999Z'); // clocks forward at 01:00 GMT
    expect(endOfLondonDay('2025-10-25')).toBe('2025-10-25T22:59:59.999Z'); // Saturday, BST
    expect(endOfLondonDay('2025-10-26')).toBe('2025-10-26T23:59:59.999Z'); // clocks back at 01:00 GMT
  });

  it('knows British Standard Time (GMT+1 all year, 1968 to 1971)', () => {
    expect(endOfLondonDay('1970-01-15')).toBe('1970-01-15T22:59:59.999Z');
  });
});

describe('londonDate', () => {
  it('is the London calendar date of an instant', () => {
    expect(londonDate('2025-04-28T23:30:00Z')).toBe('2025-04-29'); // 00:30 BST
    expect(londonDate('2025-04-28T22:59:59.999Z')).toBe('2025-04-28');
    expect(londonDate('2024-12-23T23:30:00Z')).toBe('2024-12-23');
    expect(londonDate('2025-06-01T00:30:00+01:00')).toBe('2025-06-01');
    expect(londonDate('2025-06-01T08:00:00+09:00')).toBe('2025-06-01');
    expect(londonDate(new Date('2025-10-26T00:30:00Z'))).toBe('2025-10-26'); // 01:30 BST
    expect(londonDate('2025-10-26T01:30:00Z')).toBe('2025-10-26'); // 01:30 GMT, the second time round
  });

  it('agrees with @date-fns/tz on any instant from 1970 to 2100', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-12-31T12:00:00Z'), noInvalidDate: true }),
        (d) => {
          const expected = new TZDate(d.getTime(), 'Europe/London');
          const iso = `${expected.getFullYear()}-${String(expected.getMonth() + 1).padStart(2, '0')}-${String(expected.getDate()).padStart(2, '0')}`;
          expect(londonDate(d)).toBe(iso);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('puts endOfLondonDay on its own date and the next millisecond on the next date', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 47_480 }), (dayNumber) => {
        const date = new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
        const end = endOfLondonDay(date);
        expect(londonDate(end)).toBe(date);
        const next = new Date(Date.parse(end) + 1);
        expect(londonDate(next)).toBe(new Date((dayNumber + 1) * 86_400_000).toISOString().slice(0, 10));
      }),
      { numRuns: 2000 },
    );
  });
});
