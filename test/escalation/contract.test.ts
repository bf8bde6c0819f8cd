// The runtime contract: an escalation's answers depend only on its value, on the calendar it records,
// and on the instant asked about; not on which copy was passed, nor on whether or when it was swept.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  advanceTo,
  applyEvent,
  EscalationError,
  getStatus,
  policies,
  restoreEscalation,
  startEscalation,
  ukCalendar,
  type Escalation,
  type EscalationEvent,
  type EscalationStatus,
  type Policy,
  type WorkingDayCalendar,
} from '../../src/index.js';
import { arbitraries } from '../../src/testing/index.js';
import { fixtures } from '../fixtures/policies.js';

const all: [string, Policy][] = [...Object.entries(policies), ...Object.entries(fixtures)];
const RUNS = 150; // per policy: 10 policies and fixtures, about 1,500 sequences per property

/** What a status says a host must act on: the same facts must give the same answer. */
function essence(status: EscalationStatus) {
  return {
    open: status.open,
    stage: status.stage.id,
    stageDeadline: status.stageDeadline,
    deadlines: status.deadlines.map((d) => [
      d.id,
      d.dueDate,
      d.dueAt,
      d.overdue,
      d.workingDaysRemaining,
      d.roundsMissed ?? 0,
      d.nextRoundAt ?? null,
    ]),
    owed: status.requiredActions.map((a) => [a.obligation, a.dueAt, a.overdue]),
    allowed: status.allowedEvents,
  };
}

/** Applies the events a host learned, in order, keeping each version; refused events are skipped. */
function play(
  policy: Policy,
  start: Escalation,
  events: readonly EscalationEvent[],
  before?: (e: Escalation, event: EscalationEvent) => Escalation,
  options = {},
): Escalation {
  let e = start;
  for (const event of events) {
    if (before) e = before(e, event);
    try {
      e = applyEvent(policy, e, event, options);
    } catch (error) {
      if (!(error instanceof EscalationError)) throw error;
    }
  }
  return e;
}

const learnedAt = (event: EscalationEvent) => Date.parse(event.recordedAt ?? event.at);
const latest = (e: Escalation) => Math.max(Date.parse(e.asOf), Date.parse(e.history.at(-1)!.at));

describe.each(all)('%s', (_name, policy) => {
  it('gives the same answers for any structurally equal copy of an escalation', () => {
    fc.assert(
      fc.property(
        arbitraries.eventSequence(policy, { maxEvents: 8 }),
        fc.constantFrom('json', 'clone', 'spread', 'proxy'),
        ({ start, events, now }, how) => {
          let original: Escalation;
          try {
            original = startEscalation(policy, start);
          } catch (error) {
            if (error instanceof EscalationError) return;
            throw error;
          }
          const copy = (e: Escalation): Escalation =>
            how === 'json'
              ? JSON.parse(JSON.stringify(e))
              : how === 'clone'
                ? structuredClone(e)
                : how === 'spread'
                  ? { ...e }
                  : new Proxy(e, {});
          const a = play(policy, original, events);
          const b = play(policy, copy(original), events, (e) => copy(e));
          expect(b).toEqual(a);
          const at = new Date(Math.max(Date.parse(now), latest(a))).toISOString();
          expect(essence(getStatus(policy, copy(a), at))).toEqual(essence(getStatus(policy, a, at)));
          expect(restoreEscalation(policy, JSON.stringify(a))).toEqual(a);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('gives the same deadlines, overdue flags and owed duties at an instant whether or not, and whenever, it was swept', () => {
    fc.assert(
      fc.property(
        arbitraries.eventSequence(policy, { maxEvents: 8 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 }),
        ({ start, events, now }, sweeps) => {
          let raised: Escalation;
          try {
            raised = startEscalation(policy, start);
          } catch (error) {
            if (error instanceof EscalationError) return;
            throw error;
          }
          const unswept = play(policy, raised, events);
          // A host sweeps at any moment between the facts it learns: never after one it has not yet learned.
          let i = 0;
          const swept = play(policy, raised, events, (e, event) => {
            const from = latest(e);
            const to = learnedAt(event);
            const share = sweeps[i++ % Math.max(1, sweeps.length)];
            return share === undefined || to <= from
              ? e
              : advanceTo(policy, e, new Date(from + Math.floor((to - from) * share)).toISOString());
          });
          const end = Math.max(Date.parse(now), latest(unswept), latest(swept));
          const at = new Date(end).toISOString();
          const finalSweep = advanceTo(policy, swept, at);
          expect(essence(getStatus(policy, swept, at))).toEqual(essence(getStatus(policy, unswept, at)));
          expect(essence(getStatus(policy, finalSweep, at))).toEqual(essence(getStatus(policy, unswept, at)));
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('the calendar bound to the case', () => {
  const closures = ['2024-12-23', '2024-12-24', '2024-12-27'];
  const withClosures = (policy: Policy): WorkingDayCalendar => ukCalendar(policy.division, { closures });

  it.each(all)(
    '%s: the same answers whether the calendar is passed on every call or left to the escalation',
    (_name, policy) => {
      const calendar = withClosures(policy);
      fc.assert(
        fc.property(arbitraries.eventSequence(policy, { maxEvents: 8, calendar }), ({ start, events, now }) => {
          let raised: Escalation;
          try {
            raised = startEscalation(policy, start, { calendar });
          } catch (error) {
            if (error instanceof EscalationError) return;
            throw error;
          }
          expect(raised.calendar.closures).toEqual(closures);
          const given = play(policy, raised, events, undefined, { calendar });
          const recorded = play(policy, raised, events);
          expect(given).toEqual(recorded);
          const at = new Date(Math.max(Date.parse(now), latest(given))).toISOString();
          expect(essence(getStatus(policy, recorded, at))).toEqual(essence(getStatus(policy, given, at, { calendar })));
        }),
        { numRuns: 40 },
      );
    },
  );

  it('refuses another calendar slipped in on one call, and counts on the case’s own', () => {
    const policy = policies['derby-derbyshire'];
    const e = startEscalation(
      policy,
      { id: 'C', raisedAt: '2024-12-19T09:30:00Z' },
      { calendar: withClosures(policy) },
    );
    // Stage 1: 2 working days from Thursday 19 December, with the 23rd, 24th and 27th closed and
    // Christmas and Boxing Day bank holidays: Friday 20, then Monday 30.
    expect(getStatus(policy, e, '2024-12-19T10:00:00Z').stageDeadline?.dueDate).toBe('2024-12-30');
    const err = (() => {
      try {
        getStatus(policy, e, '2024-12-19T10:00:00Z', { calendar: ukCalendar(policy.division) });
      } catch (error) {
        return error as EscalationError;
      }
      return undefined;
    })();
    expect(err?.code).toBe('CALENDAR_MISMATCH');
    expect(err?.message).toContain('with closures 2024-12-23, 2024-12-24, 2024-12-27');
    expect(() => getStatus(policy, e, '2024-12-19T10:00:00Z', { calendar: ukCalendar('scotland') })).toThrow(
      /CALENDAR|counts on/,
    );
    expect(() => getStatus(policy, e, '2024-12-19T10:00:00Z', { calendar: {} as never })).toThrow(
      expect.objectContaining({ code: 'INVALID_CALENDAR' }),
    );
  });
});
