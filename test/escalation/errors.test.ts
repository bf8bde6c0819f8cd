// One code per cause, with the fields a host branches on; instants as ISO strings or Dates everywhere.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  advanceTo,
  applyEvent,
  definePolicy,
  getStatus,
  nextTimer,
  policies,
  policyRegistry,
  restoreEscalation,
  startEscalation,
  type Escalation,
  type PolicyDefinition,
} from '../../src/index.js';
import { riverside } from '../fixtures/policies.js';
import { refused } from '../helpers.js';

const raisedAt = '2024-12-19T10:00:00Z';
const start = () => startEscalation(riverside, { id: 'E', raisedAt });

describe('refusals', () => {
  it('INVALID_ARGUMENT for a bad now, and a Date is accepted wherever an instant is', () => {
    const e = start();
    refused(() => getStatus(riverside, e, 'yesterday'), 'INVALID_ARGUMENT');
    refused(() => advanceTo(riverside, e, 42 as never), 'INVALID_ARGUMENT');
    refused(() => nextTimer(riverside, e, new Date(Number.NaN)), 'INVALID_ARGUMENT');
    refused(() => startEscalation(null as never, { id: 'X', raisedAt }), 'INVALID_ARGUMENT');
    const withDate = startEscalation(riverside, { id: 'D', raisedAt: new Date(raisedAt) as never });
    expect(withDate.raisedAt).toBe('2024-12-19T10:00:00.000Z');
    const escalated = applyEvent(riverside, withDate, {
      type: 'ESCALATE',
      at: new Date('2024-12-20T10:00:00Z') as never,
    });
    expect(escalated.stage).toBe('stage-2');
    expect(getStatus(riverside, escalated, new Date('2024-12-20T10:00:00Z')).stage.id).toBe('stage-2');
    expect(advanceTo(riverside, escalated, new Date('2025-01-20T10:00:00Z')).asOf).toBe('2025-01-20T10:00:00.000Z');
  });

  it('INVALID_START, INVALID_EVENT and INVALID_POLICY, each listing every problem with its path', () => {
    const start = refused(() => startEscalation(riverside, { id: '', raisedAt: 'soon' }), 'INVALID_START');
    expect(start.problems.map((p) => p.path)).toEqual(['id', 'raisedAt']);
    const event = refused(
      () =>
        applyEvent(riverside, startEscalation(riverside, { id: 'E', raisedAt }), {
          type: 'RECORD',
          at: raisedAt,
          record: { kind: 'letter' },
        } as never),
      'INVALID_EVENT',
    );
    expect(event.problems[0]).toMatchObject({ path: 'record.kind' });
    const policy = refused(
      () => getStatus({ id: 'half-a-policy' } as never, startEscalation(riverside, { id: 'E', raisedAt }), raisedAt),
      'INVALID_POLICY',
    );
    expect(policy.problems.length).toBeGreaterThan(3);
  });

  it('NOT_PERMITTED with the rule, its citation, where from, where to and what it requires', () => {
    const err = refused(
      () => applyEvent(riverside, start(), { type: 'EXPEDITE', to: 'stage-3', at: '2024-12-20T10:00:00Z' }),
      'NOT_PERMITTED',
    );
    expect(err).toMatchObject({ rule: 'expedite-imminent', from: 'stage-1', to: 'stage-3', requires: 'imminent-risk' });
    expect(err.citation).toContain('section 3');
  });

  it('UNKNOWN_STAGE, UNKNOWN_FORM and UNKNOWN_OBLIGATION name what the policy has', () => {
    expect(
      refused(
        () => applyEvent(riverside, start(), { type: 'EXPEDITE', to: 'stage-9', at: '2024-12-20T10:00:00Z' }),
        'UNKNOWN_STAGE',
      ).message,
    ).toContain('stage-1, stage-2, stage-3');
    expect(
      refused(
        () =>
          applyEvent(riverside, start(), {
            type: 'RECORD',
            at: '2024-12-20T10:00:00Z',
            record: { kind: 'form', form: 'nope' },
          }),
        'UNKNOWN_FORM',
      ).message,
    ).toContain('escalation-template');
    refused(
      () =>
        applyEvent(riverside, start(), {
          type: 'EXTEND',
          at: '2024-12-20T10:00:00Z',
          obligation: 'nope',
          to: '2025-02-01',
          reason: 'r',
          agreedBy: 'a',
        }),
      'UNKNOWN_OBLIGATION',
    );
  });

  it('OUT_OF_ORDER for a status asked of a moment before the escalation’s last entry', () => {
    const e = applyEvent(riverside, start(), { type: 'ESCALATE', at: '2024-12-20T10:00:00Z' });
    expect(refused(() => getStatus(riverside, e, '2024-12-20T09:00:00Z'), 'OUT_OF_ORDER').message).toContain(
      '2024-12-20T10:00:00.000Z',
    );
  });

  it('CLOSED for anything after closure but a record that meets what is still owed', () => {
    const resolved = applyEvent(riverside, start(), { type: 'RESOLVE', at: '2024-12-20T10:00:00Z', outcome: 'Agreed' });
    refused(() => applyEvent(riverside, resolved, { type: 'ESCALATE', at: '2024-12-21T10:00:00Z' }), 'CLOSED');
    const err = refused(
      () =>
        applyEvent(riverside, resolved, { type: 'RECORD', at: '2024-12-21T10:00:00Z', record: { kind: 'learning' } }),
      'CLOSED',
    );
    expect(err.message).toContain('Confirm the agreed outcome in writing');
    const confirmed = applyEvent(riverside, resolved, {
      type: 'RECORD',
      at: '2024-12-21T10:00:00Z',
      record: { kind: 'written-confirmation' },
    });
    expect(confirmed.obligations.find((o) => o.rule === 'confirm-outcome')?.status).toBe('met');
  });

  it('INVALID_SNAPSHOT with the real path of each problem', () => {
    const e = JSON.parse(
      JSON.stringify(applyEvent(riverside, start(), { type: 'ESCALATE', at: '2024-12-20T10:00:00Z' })),
    ) as Escalation & { history: { seq: number }[] };
    e.history[2]!.seq = 9;
    e.stage = 'stage-7';
    const err = refused(() => restoreEscalation(riverside, e), 'INVALID_SNAPSHOT');
    expect(err.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['history[2].seq', 'stage']));
  });
});

describe('a registry of policy versions', () => {
  const v2 = definePolicy({ ...(JSON.parse(JSON.stringify(riverside)) as PolicyDefinition), version: '2' });
  it('runs each escalation under the version it names, and refuses one it does not have', () => {
    const registry = policyRegistry([riverside, v2]);
    const old = start();
    const current = startEscalation(v2, { id: 'N', raisedAt });
    expect(getStatus(registry, old, raisedAt).stage.id).toBe('stage-1');
    expect(applyEvent(registry, current, { type: 'ESCALATE', at: '2024-12-20T10:00:00Z' }).policy.version).toBe('2');
    const err = refused(() => getStatus(policyRegistry([v2]), old, raisedAt), 'POLICY_MISMATCH');
    expect(err.expected).toEqual({ id: 'riverside', version: '1' });
    refused(() => getStatus(v2, old, raisedAt), 'POLICY_MISMATCH');
  });
});

describe('workingDaysRemaining', () => {
  it('is negative on the weekend after a deadline missed on Friday', () => {
    // Stage 1 from Wednesday 15 January 2025: 2 working days, due Friday 17th.
    const e = startEscalation(riverside, { id: 'W', raisedAt: '2025-01-15T10:00:00Z' });
    const saturday = getStatus(riverside, e, '2025-01-18T10:00:00Z').stageDeadline!;
    expect(saturday).toMatchObject({ dueDate: '2025-01-17', overdue: true, workingDaysRemaining: -1 });
    expect(getStatus(riverside, e, '2025-01-20T10:00:00Z').stageDeadline!.workingDaysRemaining).toBe(-1); // Monday: 1 late
    expect(getStatus(riverside, e, '2025-01-21T10:00:00Z').stageDeadline!.workingDaysRemaining).toBe(-2);
  });
});

describe('an escalation stored by version 0.1 (format 1)', () => {
  const stored = JSON.parse(
    fs.readFileSync(new URL('../fixtures/format-1-riverside.json', import.meta.url), 'utf8'),
  ) as Record<string, { history: unknown[] }>;

  it('restores with nothing lost: the calendar, the risk, and when each record happened', () => {
    const open = restoreEscalation(riverside, JSON.stringify(stored.open));
    expect(open.format).toBe(2);
    expect(open.calendar).toMatchObject({ division: 'england-and-wales', source: 'built-in', closures: [] });
    expect(open.history).toHaveLength(stored.open!.history.length);
    // 0.1's record.occurredAt is now the event's at; the event's old at, when it was learned.
    const record = open.history.find((h) => h.type === 'event' && h.event.type === 'RECORD');
    expect(record).toMatchObject({ event: { at: '2024-12-20T11:00:00.000Z', recordedAt: '2024-12-20T15:00:00.000Z' } });
    expect(open.history.some((h) => h.type === 'reminder-due')).toBe(true); // kept as 0.1 wrote it
    const resolved = restoreEscalation(riverside, stored.resolved);
    expect(resolved.risk).toBe('imminent-risk');
    expect(resolved.history.find((h) => h.type === 'event' && h.event.type === 'RISK')).toMatchObject({
      event: { risk: 'imminent-risk' },
    });
    // And it goes on under this version.
    const next = applyEvent(riverside, open, { type: 'RESOLVE', at: '2025-01-21T10:00:00Z', outcome: 'Agreed' });
    expect(getStatus(riverside, next, '2025-01-21T10:00:00Z').open).toBe(false);
  });

  it('is refused under a shipped policy whose definition changed since: it names the version it ran under', () => {
    const suffolk01 = { ...stored.open, id: 'S', policy: { id: 'suffolk', version: '8' } };
    const err = refused(() => restoreEscalation(policies.suffolk, suffolk01), 'POLICY_MISMATCH');
    expect(err.expected).toEqual({ id: 'suffolk', version: '8' });
  });
});
