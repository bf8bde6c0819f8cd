// The due-date arithmetic, worked by hand: every unit, across weekends, bank holidays and the clock
// changes, "whichever is less", a timescale set for the case, and the limits for imminent risk.
import { describe, expect, it } from 'vitest';
import { indexOf, ukCalendar } from '../../src/calendar/calendar.js';
import { parseInstant } from '../../src/calendar/dates.js';
import { durationDue, effectiveLimit, limitDue, roundsDue } from '../../src/escalation/due.js';
import type { Limit, ObligationRule } from '../../src/policy/schema.js';

const index = indexOf(ukCalendar('england-and-wales'));
const scotland = indexOf(ukCalendar('scotland'));
const iso = (ms: number) => new Date(ms).toISOString();
const due = (limit: Limit, anchor: string, perCase?: string, idx = index) => {
  const d = limitDue(limit, parseInstant(anchor), idx, perCase);
  return d && iso(d.ms);
};

describe('limitDue', () => {
  it.each([
    // [limit, anchor, due instant, how it is counted]
    [
      { value: 2, unit: 'working-days' },
      '2024-12-19T10:00:00Z',
      '2024-12-23T23:59:59.999Z',
      'Thu 19 Dec: Fri 20, Mon 23',
    ],
    [
      { value: 2, unit: 'working-days' },
      '2024-12-23T10:00:00Z',
      '2024-12-27T23:59:59.999Z',
      'Mon 23: Tue 24, then 25 and 26 are bank holidays, Fri 27',
    ],
    [
      { value: 0, unit: 'working-days' },
      '2024-12-25T10:00:00Z',
      '2024-12-27T23:59:59.999Z',
      '0 days on Christmas Day: the next working day',
    ],
    [
      { value: 0, unit: 'working-days' },
      '2024-12-24T10:00:00Z',
      '2024-12-24T23:59:59.999Z',
      '0 days on a working day: that day',
    ],
    [
      { value: 1, unit: 'working-weeks' },
      '2025-04-14T08:00:00Z',
      '2025-04-23T22:59:59.999Z',
      'a working week from Mon 14 Apr 2025 across Good Friday and Easter Monday: 15, 16, 17, 22, 23 (BST)',
    ],
    [
      { value: 3, unit: 'working-days' },
      '2025-03-28T10:00:00Z',
      '2025-04-02T22:59:59.999Z',
      'Fri 28 Mar 2025 across the clock change on Sunday 30 Mar: 31, 1, 2, ending at 23:59:59.999 BST',
    ],
    [
      { value: 3, unit: 'working-days' },
      '2025-10-23T09:00:00Z',
      '2025-10-28T23:59:59.999Z',
      'Thu 23 Oct 2025 across the clock change on Sunday 26 Oct: 24, 27, 28, ending at 23:59:59.999 GMT',
    ],
    [
      { value: 24, unit: 'hours' },
      '2025-03-29T12:00:00Z',
      '2025-03-30T12:00:00.000Z',
      '24 hours are 24 hours, even across the clock change (1 pm BST on the 30th)',
    ],
    [{ value: 48, unit: 'hours' }, '2024-12-24T10:00:00Z', '2024-12-26T10:00:00.000Z', 'hours ignore bank holidays'],
    [{ value: 1.5, unit: 'hours' }, '2025-01-06T09:00:00Z', '2025-01-06T10:30:00.000Z', 'hours may be fractional'],
    [
      { value: 28, unit: 'calendar-days' },
      '2025-03-10T10:00:00Z',
      '2025-04-07T22:59:59.999Z',
      '28 calendar days from 10 Mar 2025: 7 Apr, in BST',
    ],
    [
      { value: 3, unit: 'calendar-days' },
      '2024-12-24T10:00:00Z',
      '2024-12-27T23:59:59.999Z',
      'calendar days count bank holidays',
    ],
    [
      { value: 5, unit: 'working-days' },
      '2024-12-23T23:30:00Z',
      '2025-01-02T23:59:59.999Z',
      'an anchor late on Mon 23 Dec is still 23 Dec in London: 24, 27, 30, 31, 2',
    ],
    [
      { value: 2, unit: 'working-days' },
      '2025-04-28T23:30:00Z',
      '2025-05-01T22:59:59.999Z',
      '00:30 BST on Tue 29 Apr 2025 counts from the 29th: Wed 30, Thu 1 May',
    ],
  ] as [Limit, string, string, string][])('%j from %s is due %s (%s)', (limit, anchor, expected) => {
    expect(due(limit, anchor)).toBe(expected);
  });

  it('counts working days on the division’s own bank holidays: Scotland’s 2 January', () => {
    // Mon 30 Dec 2024: Tue 31, then 1 and 2 January are Scottish bank holidays, Fri 3 January.
    expect(due({ value: 2, unit: 'working-days' }, '2024-12-30T10:00:00Z', undefined, scotland)).toBe(
      '2025-01-03T23:59:59.999Z',
    );
    expect(due({ value: 2, unit: 'working-days' }, '2024-12-30T10:00:00Z')).toBe('2025-01-02T23:59:59.999Z'); // England: 31, 2
  });

  it('takes the earlier of "a working week or a timescale that protects the child, whichever is less"', () => {
    const limit: Limit = {
      whicheverIsLess: [{ value: 1, unit: 'working-weeks' }, { perCase: 'a timescale that protects the child' }],
    };
    // Monday 14 April 2025: a working week is 23 April (Easter); until a date is set for the case, that governs.
    expect(due(limit, '2025-04-14T08:00:00Z')).toBe('2025-04-23T22:59:59.999Z');
    expect(due(limit, '2025-04-14T08:00:00Z', '2025-04-16')).toBe('2025-04-16T22:59:59.999Z');
    expect(due(limit, '2025-04-14T08:00:00Z', '2025-05-30')).toBe('2025-04-23T22:59:59.999Z');
    const both: Limit = {
      whicheverIsLess: [
        { value: 5, unit: 'working-days' },
        { value: 48, unit: 'hours' },
      ],
    };
    expect(due(both, '2024-12-23T10:00:00Z')).toBe('2024-12-25T10:00:00.000Z');
  });

  it('is null for a limit that is only a timescale for the case, not yet set', () => {
    expect(
      due({ whicheverIsLess: [{ perCase: 'agreed' }, { perCase: 'also agreed' }] }, '2025-01-06T10:00:00Z'),
    ).toBeNull();
  });
});

describe('effectiveLimit', () => {
  const base = {
    id: 'x',
    kind: 'stage',
    label: 'x',
    anchor: { on: 'raised' },
    meet: { by: 'resolution' },
    strength: 'maximum',
    citation: { ref: 'x' },
  } as const;
  const rule = (extra: Partial<ObligationRule>): ObligationRule =>
    ({ ...base, limit: { value: 5, unit: 'working-days' }, ...extra }) as ObligationRule;

  it('uses the shorter limit for imminent risk where the policy gives one', () => {
    const r = rule({ imminentRisk: { limit: { value: 24, unit: 'hours' } } });
    expect(effectiveLimit(r, false)).toEqual({ value: 5, unit: 'working-days' });
    expect(effectiveLimit(r, true)).toEqual({ value: 24, unit: 'hours' });
  });

  it('says when a duty does not apply at imminent risk, or applies only then', () => {
    expect(effectiveLimit(rule({ imminentRisk: { notApplicable: true } }), true)).toBe('not-applicable');
    expect(effectiveLimit(rule({ imminentRisk: { onlyThen: true } }), false)).toBe('not-applicable');
    expect(effectiveLimit(rule({ imminentRisk: { onlyThen: true } }), true)).toEqual({
      value: 5,
      unit: 'working-days',
    });
    expect(effectiveLimit({ ...base } as ObligationRule, false)).toBe('none');
  });
});

describe('roundsDue and durationDue', () => {
  it('counts the rounds of a recurring duty that fell due, and the next one', () => {
    // Due Tue 31 Dec 2024, every 5 working days: 8, 15, 22 January.
    const dueMs = parseInstant('2024-12-31T23:59:59.999Z');
    const day = Math.floor(dueMs / 86_400_000);
    const { rounds, next } = roundsDue(
      { value: 5, unit: 'working-days' },
      dueMs,
      day,
      parseInstant('2025-01-20T12:00:00Z'),
      index,
    );
    expect(rounds).toBe(3);
    expect(iso(next.ms)).toBe('2025-01-22T23:59:59.999Z');
    expect(roundsDue({ value: 5, unit: 'working-days' }, dueMs, day, dueMs, index).rounds).toBe(0); // not yet past
  });

  it('is counted from a London day, whatever the hour of the anchor', () => {
    const at = parseInstant('2024-12-20T23:30:00Z'); // still Friday 20 December in London
    expect(iso(durationDue({ value: 1, unit: 'working-days' }, at, Math.floor(at / 86_400_000), index).ms)).toBe(
      '2024-12-23T23:59:59.999Z',
    );
  });
});
