import fc from 'fast-check';
import { getSimplePaths } from 'xstate/graph';
import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  createPolicyMachine,
  policies,
  startEscalation,
  ukCalendar,
  type Escalation,
  type EscalationEvent,
  type HistoryEntryOf,
  type Policy,
} from '../../src/index.js';
import { arbitraries, checkInvariants, InvariantError, runSequence } from '../../src/testing/index.js';
import { fixtures } from '../fixtures/policies.js';

const all: Policy[] = [...Object.values(policies), ...Object.values(fixtures)];

describe('checkInvariants on random event sequences, for every policy', () => {
  it.each(all.map((p) => [p.id, p] as const))('%s', (_id, policy) => {
    fc.assert(
      fc.property(arbitraries.eventSequence(policy), (seq) => {
        const run = runSequence(policy, seq);
        if (!run) return;
        let previous: Escalation | undefined;
        for (const e of run.versions) {
          checkInvariants(policy, e, seq.now, previous ? { previous } : {});
          previous = e;
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('checkInvariants names the promise that breaks', () => {
  const policy = policies['derby-derbyshire'];
  const e = applyEvent(policy, startEscalation(policy, { id: 'T', raisedAt: '2024-12-19T09:00:00Z' }), {
    type: 'ESCALATE',
    at: '2024-12-20T09:00:00Z',
  });
  const broken = (mutate: (x: Escalation) => void, withPrevious = false) => {
    const copy = JSON.parse(JSON.stringify(e)) as Escalation;
    mutate(copy);
    try {
      checkInvariants(policy, copy, '2024-12-20T10:00:00Z', withPrevious ? { previous: e } : {});
    } catch (err) {
      expect(err).toBeInstanceOf(InvariantError);
      return (err as InvariantError).promise;
    }
    return 'nothing broke';
  };

  it('passes an escalation the engine made', () => {
    expect(() => checkInvariants(policy, e, '2024-12-20T10:00:00Z')).not.toThrow();
  });
  it('a deadline moved onto Christmas Day', () => {
    expect(
      broken((x) => {
        const o = x.obligations.find((y) => y.rule === 'stage-2-resolution')!;
        o.dueDate = '2024-12-25';
        o.dueAt = '2024-12-25T23:59:59.999Z';
      }),
    ).toBe('deadline-on-working-day');
  });
  it('a deadline at noon', () => {
    expect(
      broken((x) => {
        x.obligations[0]!.dueAt = x.obligations[0]!.dueAt!.replace('23:59:59.999', '12:00:00.000');
      }),
    ).toBe('deadline-at-end-of-day');
  });
  it('a rewritten history', () => {
    expect(
      broken((x) => {
        const h = x.history[1]!;
        if (h.type === 'stage-entered') h.stage = 'stage-3';
      }, true),
    ).toBe('history-append-only');
    expect(
      broken((x) => {
        x.history[2]!.seq = 7;
      }),
    ).toBe('history-append-only');
  });
  it('a skip with no rule', () => {
    expect(
      broken((x) => {
        const h = x.history.find(
          (y): y is HistoryEntryOf<'stage-entered'> => y.type === 'stage-entered' && y.stage === 'stage-2',
        )!;
        h.how = 'expedited';
        h.rule = 'expedite-imminent';
        h.reason = 'other';
      }),
    ).toBe('skip-only-where-allowed');
  });
});

describe('model-based coverage: every simple path of every policy machine', () => {
  // Dates that cross bank holidays: a path's events fall on the working days after a start in
  // Christmas week, or in Easter week 2025.
  const starts = ['2024-12-20T10:00:00Z', '2025-04-16T09:00:00+01:00'];
  const moves = (p: Policy) => [
    { type: 'START' as const },
    ...p.stages.flatMap((s) => [
      { type: 'START' as const, to: s.id, reason: 'imminent-risk' },
      { type: 'EXPEDITE' as const, to: s.id, reason: 'imminent-risk' },
    ]),
    { type: 'ESCALATE' as const },
    { type: 'RESOLVE' as const },
    { type: 'WITHDRAW' as const },
  ];

  it.each(Object.values(policies).map((p) => [p.id, p] as const))('%s', (_id, policy) => {
    const paths = getSimplePaths(createPolicyMachine(policy), { events: moves(policy) as never });
    expect(paths.length).toBeGreaterThan(policy.stages.length);
    let checked = 0;
    for (const raisedAt of starts) {
      for (const path of paths) {
        const moves = path.steps.filter((s) =>
          ['START', 'ESCALATE', 'EXPEDITE', 'RESOLVE', 'WITHDRAW'].includes((s.event as { type: string }).type),
        );
        const startStep = moves.find((s) => (s.event as { type: string }).type === 'START');
        if (!startStep) continue;
        // The stage the machine's START actually led to on this path.
        const startStage = String(startStep.state.value);
        const steps = moves
          .filter((s) => s !== startStep)
          .map((s) => s.event as { type: string; to?: string; reason?: string });
        let e = startEscalation(policy, {
          id: 'P',
          raisedAt,
          ...(startStage !== policy.stages[0]!.id ? { startStage, risk: 'imminent-risk' } : {}),
        });
        let t = Date.parse(raisedAt);
        for (const step of steps) {
          t += 2 * 86_400_000; // every other day: across Christmas, New Year and Easter
          const event = { ...step, at: new Date(t).toISOString() } as EscalationEvent;
          if (step.type === 'RESOLVE') Object.assign(event, { outcome: 'Agreed' });
          if (step.type === 'WITHDRAW') Object.assign(event, { reason: 'Withdrawn' });
          const previous = e;
          e = applyEvent(policy, e, event);
          checkInvariants(policy, e, new Date(t + 86_400_000).toISOString(), { previous });
          checked++;
        }
        expect(String(e.state)).toBe(String(path.state.value));
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe('the arbitraries favour the edges', () => {
  const lastSunday = (y: number, m: number) => {
    const last = new Date(Date.UTC(y, m + 1, 0));
    return Date.UTC(y, m, last.getUTCDate() - last.getUTCDay(), 1);
  };
  it('londonInstant lands near a clock change or London midnight far more often than chance', () => {
    const sample = fc.sample(arbitraries.londonInstant(), { numRuns: 2000, seed: 42 }).map((s) => Date.parse(s));
    const nearChange = sample.filter((t) => {
      const y = new Date(t).getUTCFullYear();
      return [lastSunday(y, 2), lastSunday(y, 9)].some((c) => Math.abs(t - c) <= 2 * 3_600_000);
    }).length;
    const nearMidnight = sample.filter((t) => {
      const m = ((t % 86_400_000) + 86_400_000) % 86_400_000;
      return m <= 3_600_000 || m >= 82_800_000 - 1;
    }).length;
    // By chance: about 0.05% within two hours of a change, about 8% within an hour of a UTC midnight.
    expect(nearChange / sample.length).toBeGreaterThan(0.2);
    expect(nearMidnight / sample.length).toBeGreaterThan(0.3);
  });

  it('date lands within three days of a bank holiday far more often than chance', () => {
    const cal = ukCalendar('england-and-wales');
    const sample = fc.sample(arbitraries.date(), { numRuns: 2000, seed: 42 });
    const near = sample.filter((d) => {
      const t = Date.parse(`${d}T00:00:00Z`);
      return [-3, -2, -1, 0, 1, 2, 3].some(
        (k) =>
          !cal.isWorkingDay(new Date(t + k * 86_400_000).toISOString().slice(0, 10)) &&
          new Date(t + k * 86_400_000).getUTCDay() % 6 !== 0,
      );
    }).length;
    // By chance about 13% of dates are within three days of a bank holiday.
    expect(near / sample.length).toBeGreaterThan(0.3);
  });
});
