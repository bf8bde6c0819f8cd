import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  advanceTo,
  applyEvent,
  endOfLondonDay,
  EscalationError,
  getStatus,
  restoreEscalation,
  startEscalation,
  ukCalendar,
  type Escalation,
  type EscalationEvent,
} from '../../src/index.js';
import { fixtures, riverside } from '../fixtures/policies.js';

const deepFreeze = <T>(v: T): T => {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
};

const policy = riverside;
const stages = ['stage-1', 'stage-2', 'stage-3', 'stage-7'];
const reasons = [undefined, 'imminent-risk', 'significant-risk', 'immediate-harm', 'other'];
const kinds = [
  'discussion',
  'meeting',
  'form',
  'notification',
  'feedback',
  'response',
  'written-confirmation',
  'note',
  'letter',
];

/** An event shape, valid or not, without its time. */
const eventBody = fc.oneof(
  fc.record({ type: fc.constant('ESCALATE') }),
  fc.record(
    { type: fc.constant('EXPEDITE'), to: fc.constantFrom(...stages), reason: fc.constantFrom(...reasons) },
    { requiredKeys: ['type', 'to'] },
  ),
  fc.record({
    type: fc.constant('RECORD'),
    record: fc.record(
      {
        kind: fc.constantFrom(...kinds),
        form: fc.constantFrom('escalation-template', 'nope'),
        to: fc.constantFrom('partnership manager', 'someone'),
      },
      { requiredKeys: ['kind'] },
    ),
  }),
  fc.record({ type: fc.constant('RESOLVE'), outcome: fc.constantFrom('Agreed', '') }),
  fc.record({ type: fc.constant('WITHDRAW'), reason: fc.constant('No longer needed') }),
  fc.record({
    type: fc.constant('EXTEND'),
    obligation: fc.constantFrom('stage-2-resolution', 'whole-process', 'confirm-outcome', 'x'),
    to: fc.constantFrom('2025-03-01', '2024-02-30'),
    reason: fc.constant('r'),
    agreedBy: fc.constant('a'),
  }),
  fc.record({ type: fc.constant('RISK'), risk: fc.constantFrom('none', 'imminent-risk', 'significant-risk') }),
  fc.record({ type: fc.constantFrom('PAUSE', 'escalate', 42) }),
  fc.anything().map((x) => ({ junk: x })),
);

const START = Date.UTC(2024, 11, 16, 9); // the week before Christmas 2024
/** Steps forward in time: minutes, hours or days, sometimes backwards (a fact learned late). */
const step = fc.oneof(
  fc.integer({ min: 1, max: 600 }).map((m) => m * 60_000),
  fc.integer({ min: 1, max: 9 }).map((d) => d * 86_400_000),
  fc.constant(-3_600_000),
);

const eventSequence = fc.array(
  fc.tuple(eventBody, step, fc.option(fc.constantFrom('id-1', 'id-2', 'id-3'), { nil: undefined })),
  { maxLength: 14 },
);

function run(seq: [Record<string, unknown>, number, string | undefined][]) {
  let e: Escalation = startEscalation(policy, { id: 'P', raisedAt: new Date(START).toISOString() });
  let t = START;
  const snapshots: Escalation[] = [e];
  for (const [body, dt, id] of seq) {
    t += dt;
    const event = { ...body, at: new Date(t).toISOString(), ...(id ? { id } : {}) } as unknown as EscalationEvent;
    try {
      e = applyEvent(policy, deepFreeze(e), event);
      snapshots.push(e);
    } catch (err) {
      if (!(err instanceof EscalationError)) throw err;
    }
  }
  return { e, t, snapshots };
}

describe('the engine under random input', () => {
  it('only ever throws EscalationError, and never changes its input', () => {
    fc.assert(
      fc.property(eventSequence, (seq) => {
        run(seq);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps its promises along any sequence of events', () => {
    const cal = ukCalendar(policy.division);
    fc.assert(
      fc.property(eventSequence, fc.integer({ min: 0, max: 40 }), (seq, extraDays) => {
        const { e, t, snapshots } = run(seq);
        // A step back in time makes a late fact, learned when the escalation was last brought up to.
        const now = new Date(Math.max(t, Date.parse(e.asOf)) + extraDays * 86_400_000).toISOString();
        const advanced = advanceTo(policy, e, now);
        // History is append-only and in time order, numbered from 1.
        for (let i = 1; i < snapshots.length; i++) {
          expect(snapshots[i]!.history.slice(0, snapshots[i - 1]!.history.length)).toEqual(snapshots[i - 1]!.history);
        }
        expect(advanced.history.slice(0, e.history.length)).toEqual(e.history);
        advanced.history.forEach((h, i) => {
          expect(h.seq).toBe(i + 1);
          if (i > 0) expect(h.at >= advanced.history[i - 1]!.at).toBe(true);
        });
        // Every working-day deadline falls on a working day, at the end of its London day.
        for (const o of advanced.obligations) {
          if (o.dueDate === null) continue;
          expect(cal.isWorkingDay(o.dueDate) || o.extended !== undefined).toBe(true);
          expect(o.dueAt).toBe(endOfLondonDay(o.dueDate));
        }
        // The JSON round trip changes nothing.
        expect(restoreEscalation(policy, JSON.stringify(advanced))).toEqual(advanced);
        // Stages only move forward, and a jump past a stage happens only for imminent risk.
        const entered = advanced.history.filter((h) => h.type === 'stage-entered');
        for (const h of entered)
          if (h.how === 'expedited')
            expect(h.reason === 'imminent-risk' || h.riskReliedOn?.risk === 'imminent-risk').toBe(true);
        // After closure nothing is accepted but a record that meets an outstanding obligation, or a fact
        // that happened before the closure took effect (learned late).
        const closedAt = advanced.history.find(
          (h) => h.type === 'event' && (h.event.type === 'RESOLVE' || h.event.type === 'WITHDRAW'),
        );
        if (closedAt?.type === 'event') {
          const stageBegan = advanced.history
            .filter((h) => h.type === 'stage-entered' && h.seq < closedAt.seq)
            .map((h) => (h.type === 'stage-entered' ? (h.happenedAt ?? h.at) : ''));
          const tookEffect = [closedAt.event.at, ...stageBegan].sort().at(-1)!;
          const after = advanced.history.filter((h) => h.type === 'event' && h.seq > closedAt.seq);
          for (const h of after)
            if (h.type === 'event' && h.event.type !== 'RECORD') expect(h.event.at < tookEffect).toBe(true);
        }
        // getStatus answers for any time.
        const s = getStatus(policy, advanced, now);
        expect(s.open).toBe(advanced.status === 'open');
        for (const d of s.deadlines) expect(d.overdue).toBe(now > d.dueAt);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses random JSON and truncated snapshots with INVALID_SNAPSHOT or POLICY_MISMATCH only', () => {
    const good = JSON.stringify(run([[{ type: 'ESCALATE' }, 86_400_000, undefined]]).e);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.integer({ min: 0, max: good.length - 1 }).map((n) => good.slice(0, n)),
        ),
        (input) => {
          const frozen = deepFreeze(input);
          try {
            restoreEscalation(policy, frozen);
          } catch (e) {
            expect(e).toBeInstanceOf(EscalationError);
            expect(['INVALID_SNAPSHOT', 'POLICY_MISMATCH', 'UNKNOWN_STAGE']).toContain((e as EscalationError).code);
            return;
          }
          expect(typeof input === 'string' && input === good).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a random object passed as an escalation with an EscalationError', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom('apply', 'advance', 'status'), (input, which) => {
        const at = '2025-01-01T00:00:00Z';
        const call = () =>
          which === 'apply'
            ? applyEvent(policy, input as never, { type: 'ESCALATE', at })
            : which === 'advance'
              ? advanceTo(policy, input as never, at)
              : getStatus(policy, input as never, at);
        expect(call).toThrow(EscalationError);
      }),
      { numRuns: 200 },
    );
  });

  it('runs every fixture policy without surprises', () => {
    for (const p of Object.values(fixtures)) {
      const e = startEscalation(p, { id: p.id, raisedAt: '2024-12-20T15:00:00Z' });
      const later = advanceTo(p, e, '2025-03-01T00:00:00Z');
      expect(restoreEscalation(p, JSON.stringify(later))).toEqual(later);
      expect(getStatus(p, later, '2025-03-01T00:00:00Z').stage.id).toBe(p.stages[0]!.id);
    }
  });
});
