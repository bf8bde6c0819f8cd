// Property tests of migrateEscalation: for escalations generated in every stage of a version, the
// migration to the next restores under the new version, keeps the whole history, changes nothing more
// when made twice, and never moves a due date earlier unless the plan says so (by recounting under a
// shorter limit).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  advanceTo,
  applyEvent,
  definePolicy,
  EscalationError,
  getStatus,
  migrateEscalation,
  policies,
  restoreEscalation,
  startEscalation,
  type DeadlineRule,
  type Escalation,
  type EscalationEvent,
  type MigrationPlan,
  type Policy,
  type PolicyDefinition,
} from '../../src/index.js';
import { isCanonicalEscalation } from '../../src/escalation/canonical.js';
import { RECORD_KINDS } from '../../src/policy/schema.js';
import { checkInvariants } from '../../src/testing/index.js';
import { riverside } from '../fixtures/policies.js';
import { revisions } from '../fixtures/versions/index.js';

const DAY = 86_400_000;
const RULES: readonly DeadlineRule[] = ['keep-date', 'keep-remaining', 'recount'];

/** Any event but a move: records of every kind to every recipient, a risk, a flag, an extension. */
function sideEvent(policy: Policy): fc.Arbitrary<Record<string, unknown>> {
  const forms = (policy.forms ?? []).map((f) => f.id);
  const addressees = (policy.recipients ?? []).flatMap((r) => [r.id, r.title]);
  const flags = (policy.flags ?? []).map((f) => f.id);
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record(
        {
          type: fc.constant('RECORD'),
          record: fc.record(
            {
              kind: fc.constantFrom(...RECORD_KINDS),
              form: fc.constantFrom(...forms, 'none'),
              to: fc.constantFrom(...addressees, 'someone'),
            },
            { requiredKeys: ['kind'] },
          ),
        },
        { requiredKeys: ['type', 'record'] },
      ),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('RISK'),
        risk: fc.constantFrom('none', 'imminent-risk', 'significant-risk'),
      }),
    },
    {
      weight: flags.length ? 1 : 0,
      arbitrary: fc.record({ type: fc.constant('FLAG'), flag: fc.constantFrom(...flags, 'none') }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('EXTEND'),
        obligation: fc.constantFrom(...policy.obligations.map((o) => o.id)),
        days: fc.integer({ min: 1, max: 30 }),
        reason: fc.constant('Agreed'),
        agreedBy: fc.constant('Both managers'),
      }),
    },
  );
}

/** An escalation brought to a stage of the policy by escalating (every stage is reached), with other events between, sometimes closed. */
function escalationIn(policy: Policy): fc.Arbitrary<{ escalation: Escalation; extraDays: number; rule: DeadlineRule }> {
  const stages = policy.stages.length;
  return fc
    .record({
      raisedAt: fc
        .integer({ min: Date.UTC(2024, 0, 1, 7) / 60_000, max: Date.UTC(2026, 11, 31, 18) / 60_000 })
        .map((m) => m * 60_000),
      target: fc.integer({ min: 0, max: stages - 1 }),
      side: fc.array(fc.tuple(fc.integer({ min: 0, max: stages - 1 }), sideEvent(policy)), { maxLength: 8 }),
      gaps: fc.array(
        fc.oneof(
          fc.integer({ min: 10, max: 600 }).map((m) => m * 60_000),
          fc.integer({ min: 1, max: 4 }).map((d) => d * DAY),
        ),
        { minLength: 16, maxLength: 16 },
      ),
      close: fc.constantFrom(undefined, undefined, undefined, 'RESOLVE', 'WITHDRAW'),
      extraDays: fc.integer({ min: 0, max: 20 }),
      rule: fc.constantFrom(...RULES),
    })
    .map(({ raisedAt, target, side, gaps, close, extraDays, rule }) => {
      let e = startEscalation(policy, { id: `${policy.id}-p`, raisedAt: new Date(raisedAt).toISOString() });
      let t = raisedAt;
      let step = 0;
      const apply = (body: Record<string, unknown>) => {
        t += gaps[step++ % gaps.length]!;
        const { days, ...rest } = body as { days?: number };
        const event = {
          ...rest,
          at: new Date(t).toISOString(),
          ...(days ? { to: new Date(t + days * DAY).toISOString().slice(0, 10) } : {}),
        } as unknown as EscalationEvent;
        try {
          e = applyEvent(policy, e, event);
        } catch (error) {
          if (!(error instanceof EscalationError)) throw error; // an extension of a maximum, a record after closure...
        }
      };
      for (let k = 0; k <= target; k++) {
        for (const [slot, body] of side) if (slot === k) apply(body);
        if (k < target) apply({ type: 'ESCALATE' });
      }
      if (close === 'RESOLVE') apply({ type: 'RESOLVE', outcome: 'Agreed' });
      if (close === 'WITHDRAW') apply({ type: 'WITHDRAW', reason: 'No longer needed' });
      return { escalation: e, extraDays, rule };
    });
}

/** Each policy and its revision, with the plan that carries any of its cases over. */
const PAIRS: {
  name: string;
  from: Policy;
  to: Policy;
  plan: (rule: DeadlineRule) => MigrationPlan;
  invariants: boolean;
}[] = [
  {
    name: 'Suffolk 8 r2 to 9',
    from: policies.suffolk,
    to: revisions.suffolk,
    plan: (deadlines) => ({ deadlines }),
    invariants: true,
  },
  {
    name: 'Barnsley V4 r2 to V5',
    from: policies.barnsley,
    to: revisions.barnsley,
    plan: (deadlines) => ({ deadlines }),
    invariants: true,
  },
  {
    name: 'Derby and Derbyshire 1 r2 to 2',
    from: policies['derby-derbyshire'],
    to: revisions['derby-derbyshire'],
    plan: (deadlines) => ({
      deadlines,
      duties: { 'template-update-stage-3': { end: 'Version 2 no longer asks for it' } },
    }),
    invariants: true,
  },
  {
    name: 'Somerset to 2025',
    from: policies.somerset,
    to: revisions.somerset,
    plan: (deadlines) => ({ deadlines, stages: { 'stage-5': 'stage-4' } }),
    invariants: true,
  },
  {
    name: 'Devon to 2025-10',
    from: policies.devon,
    to: revisions.devon,
    plan: (deadlines) => ({ deadlines }),
    invariants: true,
  },
  {
    // Every limit shorter: recounting may bring a date forward, as the plan then says it may.
    name: 'Riverside to a version with every limit shorter',
    from: riverside,
    to: definePolicy({
      ...(JSON.parse(JSON.stringify(riverside)) as PolicyDefinition),
      version: 'shorter',
      obligations: riverside.obligations.map((o) => ({
        ...JSON.parse(JSON.stringify(o)),
        ...(o.limit && 'unit' in o.limit ? { limit: { ...o.limit, value: Math.floor(o.limit.value / 2) } } : {}),
      })),
    }),
    plan: (deadlines) => ({ deadlines }),
    invariants: false, // a cap whose date was kept is not the new limit from its anchor
  },
];

describe.each(PAIRS)('migrating $name', ({ from, to, plan, invariants }) => {
  it('restores under the new version only, keeps the whole history, changes nothing when made twice, and brings no date forward unless recounted', () => {
    const reached = new Set<string>();
    fc.assert(
      fc.property(escalationIn(from), ({ escalation: e, extraDays, rule }) => {
        reached.add(e.stage);
        const at = new Date(Date.parse(e.asOf) + extraDays * DAY).toISOString();
        const options = { from, to, plan: plan(rule), at, reason: 'The partnership adopted the new version' };
        const { escalation: m, entry } = migrateEscalation(e, options);
        // Restores under the new version, and under no other; byte for byte, on the fast path.
        expect(JSON.stringify(restoreEscalation(to, JSON.stringify(m)))).toBe(JSON.stringify(m));
        expect(isCanonicalEscalation(JSON.parse(JSON.stringify(m)))).toBe(true);
        expect(() => restoreEscalation(from, JSON.stringify(m))).toThrow(
          expect.objectContaining({ code: 'POLICY_MISMATCH' }),
        );
        // The whole history, then what fell due before the migration, then the migration, last.
        const swept = advanceTo(from, e, at);
        expect(m.history.slice(0, swept.history.length)).toEqual(swept.history);
        expect(m.history).toHaveLength(swept.history.length + 1);
        expect(m.history.at(-1)).toEqual(entry);
        // Idempotent: the same migration again changes nothing, from the object or from its JSON.
        const again = migrateEscalation(m, options);
        expect(again.applied).toBe(false);
        expect(again.escalation).toBe(m);
        expect(migrateEscalation(JSON.parse(JSON.stringify(m)) as Escalation, options).escalation).toEqual(m);
        // No due date earlier unless recounted; kept dates are kept to the millisecond.
        for (const o of swept.obligations) {
          const after = m.obligations.find((x) => x.id === o.id)!;
          expect(after).toBeDefined();
          if (o.status !== 'running') {
            expect(after).toMatchObject({ status: o.status, dueAt: o.dueAt });
            continue;
          }
          if (after.status !== 'running' || o.dueAt === null || after.dueAt === null) continue;
          if (rule === 'keep-date') expect(after.dueAt).toBe(o.dueAt);
          if (rule !== 'recount') expect(after.dueAt >= o.dueAt).toBe(true);
        }
        // The case goes on under the new version.
        const later = new Date(Date.parse(at) + 30 * DAY).toISOString();
        expect(getStatus(to, advanceTo(to, m, later), later).open).toBe(m.status === 'open');
        if (invariants) checkInvariants(to, m, at);
      }),
      { numRuns: 60 },
    );
    // Cases in every stage of the earlier version were migrated.
    expect([...reached].sort()).toEqual(from.stages.map((stage) => stage.id).sort());
  });
});

describe('recounting under a shorter limit', () => {
  it('is the one rule that brings a date forward, and the migration entry says which moved', () => {
    const shorter = PAIRS.at(-1)!;
    const e = startEscalation(riverside, { id: 'R', raisedAt: '2025-06-02T09:00:00Z' }); // Monday
    const at = '2025-06-02T12:00:00Z';
    const moved = (rule: DeadlineRule) =>
      migrateEscalation(e, {
        from: riverside,
        to: shorter.to,
        plan: { deadlines: rule },
        at,
        reason: 'Shorter limits',
      });
    // Stage 1: 2 working days (Wednesday 4 June), recounted as 1 (Tuesday 3 June).
    expect(moved('keep-date').escalation.obligations.find((o) => o.rule === 'stage-1-resolution')?.dueDate).toBe(
      '2025-06-04',
    );
    expect(moved('keep-remaining').escalation.obligations.find((o) => o.rule === 'stage-1-resolution')?.dueDate).toBe(
      '2025-06-04',
    );
    const recounted = moved('recount');
    expect(recounted.escalation.obligations.find((o) => o.rule === 'stage-1-resolution')?.dueDate).toBe('2025-06-03');
    expect(recounted.entry.duties.filter((d) => d.outcome === 'moved').map((d) => d.obligation)).toEqual([
      'whole-process#1',
      'stage-1-resolution#1',
    ]);
  });
});
