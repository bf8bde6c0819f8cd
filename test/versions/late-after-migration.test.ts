// Facts that happened under the earlier version of a policy, learned after the case was migrated to a
// later one. The history before the migration names the earlier version's stages and rules, which the
// later one may not have; a late fact is applied under the later version (the only one at hand) at the
// stage the migration took the earlier one to, and a duty whose rule the later version dropped stays as
// it was recorded. Each of these threw a bare Error or TypeError before, or wrote a case that did not
// restore (found by the migrations fuzzer, test/fuzz/properties.ts).
import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  definePolicy,
  migrateEscalation,
  policies,
  restoreEscalation,
  startEscalation,
  type Escalation,
  type EscalationEvent,
  type Policy,
  type PolicyDefinition,
} from '../../src/index.js';
import { checkInvariants } from '../../src/testing/index.js';
import { riverside } from '../fixtures/policies.js';
import { revisions } from '../fixtures/versions/index.js';
import { refused } from '../helpers.js';

function run(policy: Policy, start: Parameters<typeof startEscalation>[1], events: EscalationEvent[]): Escalation {
  return events.reduce((e, event) => applyEvent(policy, e, event), startEscalation(policy, start));
}

/** Every promise kept, the JSON round trip byte for byte among them. */
function expectSound(policy: Policy, e: Escalation): void {
  checkInvariants(policy, e, e.asOf);
  expect(JSON.stringify(restoreEscalation(policy, JSON.stringify(e)))).toBe(JSON.stringify(e));
}

describe('a fact learned after a migration that happened before it', () => {
  // Riverside without its senior manager's response: a response met late under the earlier version
  // names a rule the later one does not have.
  const withoutResponse = definePolicy({
    ...(JSON.parse(JSON.stringify(riverside)) as PolicyDefinition),
    version: 'without the response',
    obligations: (JSON.parse(JSON.stringify(riverside)) as PolicyDefinition).obligations.filter(
      (o) => o.id !== 'senior-response',
    ),
  });
  // Monday 2 June 2025: raised, at Stage 3 by 11:00; the response, due by Wednesday 4 June, came on Tuesday 10 June.
  const before = run(riverside, { id: 'R', raisedAt: '2025-06-02T09:00:00Z' }, [
    { type: 'ESCALATE', at: '2025-06-02T10:00:00Z' },
    { type: 'ESCALATE', at: '2025-06-02T11:00:00Z' },
    { type: 'RECORD', at: '2025-06-10T11:00:00Z', record: { kind: 'response' } },
  ]);
  const migrated = migrateEscalation(before, {
    from: riverside,
    to: withoutResponse,
    plan: { deadlines: 'keep-date' },
    at: '2025-06-11T09:00:00Z',
    reason: 'The partnership dropped the response',
  }).escalation;

  it('leaves a duty whose rule the later version dropped as it was recorded, met late', () => {
    expect(migrated.obligations.find((o) => o.id === 'senior-response#1')).toMatchObject({
      status: 'met',
      metAt: '2025-06-10T11:00:00.000Z',
    });
    // A response on Tuesday 3 June, learned now, would have met it in time; its rule is gone, so it is not judged again.
    const late = applyEvent(withoutResponse, migrated, {
      type: 'RECORD',
      at: '2025-06-03T11:00:00Z',
      record: { kind: 'response' },
    });
    expect(late.obligations.find((o) => o.id === 'senior-response#1')).toEqual(
      migrated.obligations.find((o) => o.id === 'senior-response#1'),
    );
    expect(
      late.history.filter((h) => h.type === 'obligation-met' && h.obligation === 'senior-response#1'),
    ).toHaveLength(1);
    expectSound(withoutResponse, late);
    expectSound(
      withoutResponse,
      applyEvent(withoutResponse, migrated, { type: 'RESOLVE', at: '2025-06-03T11:00:00Z', outcome: 'Agreed' }),
    );
  });

  it('refuses an extension of a dropped maximum with its code, not a bare error', () => {
    refused(
      () =>
        applyEvent(withoutResponse, migrated, {
          type: 'EXTEND',
          at: '2025-06-03T11:00:00Z',
          obligation: 'senior-response#1',
          to: '2025-06-20',
          reason: 'Agreed',
          agreedBy: 'Both managers',
        }),
      'NOT_PERMITTED',
    );
  });

  // Somerset's revision merges its last two stages: a case at Stage 5 moves to Stage 4.
  const somerset = run(policies.somerset, { id: 'S', raisedAt: '2025-06-02T09:00:00Z' }, [
    { type: 'ESCALATE', at: '2025-06-03T10:00:00Z' },
    { type: 'ESCALATE', at: '2025-06-04T10:00:00Z' },
    { type: 'ESCALATE', at: '2025-06-05T10:00:00Z' },
    { type: 'ESCALATE', at: '2025-06-06T10:00:00Z' },
  ]);
  const merged = migrateEscalation(somerset, {
    from: policies.somerset,
    to: revisions.somerset,
    plan: { deadlines: 'keep-date', stages: { 'stage-5': 'stage-4' } },
    at: '2025-06-09T09:00:00Z',
    reason: 'The partnership adopted its 2025 policy',
  }).escalation;

  it('belongs to the stage the migration took the earlier stage to', () => {
    expect(somerset.stage).toBe('stage-5');
    expect(merged.stage).toBe('stage-4');
    // A resolution on Friday 6 June, at the earlier version's Stage 5: the case closes at Stage 4, as of then.
    const resolved = applyEvent(revisions.somerset, merged, {
      type: 'RESOLVE',
      at: '2025-06-06T11:00:00Z',
      outcome: 'Agreed',
    });
    expect(resolved).toMatchObject({ status: 'resolved', stage: 'stage-4' });
    expect(resolved.history.at(-1)).toMatchObject({ type: 'stage-ended', stage: 'stage-4' });
    expectSound(revisions.somerset, resolved);
    const withdrawn = applyEvent(revisions.somerset, merged, {
      type: 'WITHDRAW',
      at: '2025-06-06T11:00:00Z',
      reason: 'Agreed',
    });
    expectSound(revisions.somerset, withdrawn);
    // A record made then starts and meets only what the later version has, at its stages.
    for (const kind of ['discussion', 'response', 'meeting', 'form'] as const) {
      const recorded = applyEvent(revisions.somerset, merged, {
        type: 'RECORD',
        at: '2025-06-06T11:00:00Z',
        record: { kind },
      });
      for (const o of recorded.obligations)
        if (o.status === 'running' && o.stage) expect(['stage-1', 'stage-2', 'stage-3', 'stage-4']).toContain(o.stage);
      expectSound(revisions.somerset, recorded);
    }
  });

  it('refuses a move from the merged stage with its code: there is no stage above Stage 4', () => {
    refused(
      () => applyEvent(revisions.somerset, merged, { type: 'ESCALATE', at: '2025-06-06T11:00:00Z' }),
      'NOT_PERMITTED',
    );
  });
});
