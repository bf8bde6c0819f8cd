// What a host's sweep indexes on (nextDueAt, overdueSince) and how far it must look (sweepHorizon),
// worked by hand across Christmas, a closure day and the clocks going forward.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  advanceTo,
  applyEvent,
  CalendarError,
  endOfLondonDay,
  EscalationError,
  getStatus,
  londonDate,
  nextDueAt,
  nextTimer,
  overdueSince,
  policies,
  restoreEscalation,
  startEscalation,
  sweepHorizon,
  ukCalendar,
} from '../../src/index.js';
import { arbitraries, runSequence } from '../../src/testing/index.js';

describe('sweepHorizon', () => {
  it('reaches through New Year’s Day and stops short of Thursday 2 January: 5 working days from Friday 20 December 2024 are 23, 24, 27, 30 and 31 December', () => {
    expect(sweepHorizon('2024-12-20T07:00:00Z', { workingDays: 5 })).toBe('2025-01-01T23:59:59.999Z');
    // "now + 5 days", as the example once had it, stopped on Christmas Day.
    expect(new Date(Date.parse('2024-12-20T07:00:00Z') + 5 * 86_400_000).toISOString()).toBe(
      '2024-12-25T07:00:00.000Z',
    );
  });

  it('goes one working day further for a closure on Friday 27 December 2024: 23, 24, 30, 31 December and 2 January', () => {
    const calendar = ukCalendar('england-and-wales', { closures: ['2024-12-27'] });
    expect(sweepHorizon('2024-12-20T07:00:00Z', { workingDays: 5, calendar })).toBe('2025-01-02T23:59:59.999Z');
  });

  it('counts Scotland’s 2 January: 5 working days from 20 December 2024 end on 31 December, the next is Friday 3 January', () => {
    expect(sweepHorizon('2024-12-20T07:00:00Z', { workingDays: 5, calendar: ukCalendar('scotland') })).toBe(
      '2025-01-02T23:59:59.999Z',
    );
  });

  it('catches the next working day after Christmas 2026: from Thursday 24 December it is Tuesday 29 December (Boxing Day is substituted on Monday 28th)', () => {
    expect(sweepHorizon('2026-12-24T07:00:00Z', { workingDays: 1 })).toBe('2026-12-29T23:59:59.999Z');
    // "now + 5 days" ends at 07:00 on the 29th, before a deadline at the end of that day.
    expect(
      new Date(Date.parse('2026-12-24T07:00:00Z') + 5 * 86_400_000).toISOString() < '2026-12-29T23:59:59.999Z',
    ).toBe(true);
  });

  it('with 0 working days takes in today and the days off that follow: Friday 6 June 2025 reaches the end of Sunday in British Summer Time', () => {
    expect(sweepHorizon('2025-06-06T12:00:00Z', { workingDays: 0 })).toBe('2025-06-08T22:59:59.999Z');
    // 23:30Z on Friday is 00:30 on Saturday in London: today is Saturday, Monday is a working day away, so the horizon is the same.
    expect(sweepHorizon('2025-06-06T23:30:00Z', { workingDays: 0 })).toBe('2025-06-08T22:59:59.999Z');
    expect(sweepHorizon('2025-06-06T23:30:00Z', { workingDays: 1 })).toBe('2025-06-09T22:59:59.999Z');
  });

  it('crosses the clocks going forward: 1 working day from Friday 28 March 2025 is Monday 31st, in BST', () => {
    expect(sweepHorizon('2025-03-28T09:00:00Z', { workingDays: 1 })).toBe('2025-03-31T22:59:59.999Z');
    expect(sweepHorizon(new Date('2025-03-28T09:00:00Z'), { workingDays: 1 })).toBe('2025-03-31T22:59:59.999Z');
  });

  it('refuses what it cannot count, saying what to write', () => {
    expect(() => sweepHorizon('2024-12-20T07:00:00Z', { workingDays: -1 })).toThrow(/workingDays -1.*0 or more/);
    expect(() => sweepHorizon('2024-12-20T07:00:00Z', { workingDays: 1.5 })).toThrow(CalendarError);
    expect(() => sweepHorizon('2024-12-20T07:00:00Z', {} as never)).toThrow(/workingDays undefined/);
    expect(() => sweepHorizon('2024-12-20 07:00', { workingDays: 1 })).toThrow(EscalationError);
    expect(() => sweepHorizon('2024-12-20T07:00:00Z', { workingDays: 1, calendar: {} as never })).toThrow(
      /Not a calendar/,
    );
  });

  it('falls at or after the end of every day within the working days, and before the end of every day beyond them', () => {
    const division = fc.constantFrom('england-and-wales', 'scotland', 'northern-ireland') as fc.Arbitrary<
      'england-and-wales' | 'scotland' | 'northern-ireland'
    >;
    fc.assert(
      fc.property(
        arbitraries.londonInstant(),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 40 }),
        division,
        (now, workingDays, ahead, div) => {
          const calendar = ukCalendar(div);
          const horizon = sweepHorizon(now, { workingDays, calendar });
          const today = londonDate(now);
          const due = new Date(Date.parse(`${today}T12:00:00Z`) + ahead * 86_400_000).toISOString().slice(0, 10);
          const within = calendar.workingDaysBetween(today, due) <= workingDays;
          expect(endOfLondonDay(due) <= horizon).toBe(within);
        },
      ),
    );
  });
});

describe('nextDueAt and overdueSince', () => {
  const raisedAt = '2024-12-19T09:30:00Z'; // Thursday

  it('is the stage deadline for a new Derby and Derbyshire case: 2 working days from Thursday 19 December 2024 is Monday 23rd', () => {
    const e = startEscalation(policies['derby-derbyshire'], { id: 'D-1', raisedAt });
    expect(nextDueAt(e)).toBe('2024-12-23T23:59:59.999Z');
    expect(nextDueAt(e)).toBe(nextTimer(policies['derby-derbyshire'], e, raisedAt)?.dueAt);
    expect(overdueSince(e)).toBeNull();
  });

  it('moves on once the deadline has passed, which overdueSince then reports until it is met', () => {
    const e = startEscalation(policies['derby-derbyshire'], { id: 'D-2', raisedAt });
    const swept = advanceTo(policies['derby-derbyshire'], e, '2024-12-24T09:00:00Z');
    expect(nextDueAt(swept)).toBeNull();
    expect(overdueSince(swept)).toBe('2024-12-23T23:59:59.999Z');
    expect(getStatus(policies['derby-derbyshire'], swept, '2024-12-24T09:00:00Z').deadlines[0]).toMatchObject({
      overdue: true,
      dueAt: '2024-12-23T23:59:59.999Z',
    });
    // Escalating meets the stage-1 deadline (late) and starts stage 2's.
    const up = applyEvent(policies['derby-derbyshire'], swept, { type: 'ESCALATE', at: '2024-12-24T10:00:00Z' });
    expect(overdueSince(up)).toBeNull();
    expect(nextDueAt(up)).toBe(
      getStatus(policies['derby-derbyshire'], up, '2024-12-24T10:00:00Z').stageDeadline?.dueAt,
    );
  });

  it('includes a duty that outlives resolution: Barnsley’s written confirmation, 5 working days from Friday 20 December 2024 is Tuesday 31st', () => {
    let e = startEscalation(policies.barnsley, { id: 'B-1', raisedAt });
    e = applyEvent(policies.barnsley, e, { type: 'ESCALATE', at: '2024-12-19T10:00:00Z' });
    e = applyEvent(policies.barnsley, e, { type: 'RESOLVE', at: '2024-12-20T11:00:00Z', outcome: 'Agreed' });
    expect(e.status).toBe('resolved');
    // 5 working days after Friday 20 December 2024: 23, 24, 27, 30 and 31 December.
    expect(nextDueAt(e)).toBe('2024-12-31T23:59:59.999Z');
    const written = applyEvent(policies.barnsley, e, {
      type: 'RECORD',
      at: '2024-12-30T10:00:00Z',
      record: { kind: 'written-confirmation' },
    });
    expect(nextDueAt(written)).toBeNull();
  });

  it('is null when nothing dated is owed (Somerset gives no timescales)', () => {
    const e = startEscalation(policies.somerset, { id: 'S-1', raisedAt });
    expect(nextDueAt(e)).toBeNull();
    expect(overdueSince(e)).toBeNull();
  });

  it('reads a parsed copy from storage without its policy, and refuses a damaged one', () => {
    const e = startEscalation(policies['derby-derbyshire'], { id: 'D-3', raisedAt });
    const parsed = JSON.parse(JSON.stringify(e));
    expect(nextDueAt(parsed)).toBe('2024-12-23T23:59:59.999Z');
    expect(nextDueAt(restoreEscalation(policies['derby-derbyshire'], parsed))).toBe('2024-12-23T23:59:59.999Z');
    expect(() => nextDueAt({ ...parsed, obligations: [{ id: 'x' }] })).toThrow(/INVALID_SNAPSHOT|obligations\[0\]/);
  });

  it('agrees with nextTimer for any sequence of events, and a sweep at nextDueAt handles the deadline once', () => {
    const policy = policies.barnsley;
    fc.assert(
      fc.property(arbitraries.eventSequence(policy, { maxEvents: 8 }), ({ start, events, now }) => {
        const run = runSequence(policy, { start, events, now });
        if (!run) return;
        const e = run.versions.at(-1)!;
        const due = nextDueAt(e);
        expect(due).toBe(nextTimer(policy, e, e.asOf)?.dueAt ?? null);
        if (due === null || due < e.asOf || Date.parse(due) >= Date.parse(now) + 400 * 86_400_000) return;
        // At its due instant a deadline has not yet passed; a millisecond later it has.
        const atDue = advanceTo(policy, e, due);
        expect(atDue.history).toHaveLength(e.history.length);
        expect(nextDueAt(atDue)).toBe(due);
        const passes = new Date(Date.parse(due) + 1).toISOString();
        const swept = advanceTo(policy, e, passes);
        expect(nextDueAt(swept) === null || nextDueAt(swept)! > due).toBe(true);
        expect(advanceTo(policy, swept, passes)).toBe(swept);
      }),
      { numRuns: 200 },
    );
  });
});
