// Scenarios that follow the Somerset text. It gives no timescales, so none may appear.
import { describe, expect, it } from 'vitest';
import { advanceTo, applyEvent, getStatus, policies, startEscalation } from '../../src/index.js';
import { entered, refused } from '../helpers.js';

const policy = policies.somerset;
const raisedAt = '2024-12-19T09:30:00Z';
const start = () => startEscalation(policy, { id: 'SOM-1', raisedAt });

describe('Somerset', () => {
  it('starts between the people who disagree, with no deadline', () => {
    const s = getStatus(policy, start(), raisedAt);
    expect(s.stage).toEqual({ id: 'stage-1', number: 1, title: 'Between the people who disagree' });
    expect(s.stageDeadline).toBeNull();
    expect(s.deadlines).toEqual([]);
  });

  it('has no dated obligation anywhere in its definition', () => {
    expect(policy.obligations.filter((o) => o.limit)).toEqual([]);
  });

  it('lists the line managers of 2.3, each talking to their opposite number in the other agency', () => {
    const stage = policy.stages.find((s) => s.id === 'stage-2')!;
    expect(stage.participants[0]).toEqual({
      role: 'The worker’s own line manager',
      counterpart: 'Their opposite number in the other agency',
    });
    expect(stage.participants.map((p) => p.role)).toContain('Team Leader (for a Social Worker)');
    expect(stage.participants.length).toBe(9);
  });

  it('bypasses only the first conversation when the child is at immediate risk: it starts with the line managers', () => {
    expect(startEscalation(policy, { id: 'S', raisedAt, startStage: 'stage-2', risk: 'imminent-risk' }).stage).toBe(
      'stage-2',
    );
    refused(
      () => startEscalation(policy, { id: 'S', raisedAt, startStage: 'stage-4', risk: 'imminent-risk' }),
      'NOT_PERMITTED',
    );
    refused(
      () =>
        applyEvent(policy, start(), {
          type: 'EXPEDITE',
          to: 'stage-4',
          reason: 'imminent-risk',
          at: '2024-12-20T09:00:00Z',
        }),
      'NOT_PERMITTED',
    );
  });

  it('sends significant policy issues to the Board Coordinator from any stage, and not for risk (3.2)', () => {
    const e = applyEvent(policy, start(), {
      type: 'EXPEDITE',
      to: 'stage-5',
      reason: 'significant-policy-issue',
      at: '2024-12-20T09:00:00Z',
    });
    expect(entered(e, 'stage-5')).toMatchObject({
      how: 'expedited',
      rule: 'policy-issues-to-coordinator',
      reason: 'significant-policy-issue',
    });
    const err = refused(
      () =>
        applyEvent(policy, start(), {
          type: 'EXPEDITE',
          to: 'stage-5',
          reason: 'imminent-risk',
          at: '2024-12-20T09:00:00Z',
        }),
      'NOT_PERMITTED',
    );
    expect(err).toMatchObject({
      rule: 'policy-issues-to-coordinator',
      requires: { reason: 'significant-policy-issue' },
      from: 'stage-1',
      to: 'stage-5',
    });
    expect(err.message).toContain("without the reason 'significant-policy-issue'");
  });

  it('refuses the bypass without immediate risk, quoting 2.1', () => {
    const err = refused(() => startEscalation(policy, { id: 'S', raisedAt, startStage: 'stage-2' }), 'NOT_PERMITTED');
    expect(err.message).toContain('2.1');
    expect(err.message).toContain('unless the child is at immediate risk');
  });

  it('climbs up the line to the Board Coordinator across Christmas and New Year, never overdue', () => {
    let e = start();
    for (const at of ['2024-12-23T10:00:00Z', '2024-12-30T10:00:00Z', '2025-01-02T10:00:00Z', '2025-01-06T10:00:00Z'])
      e = applyEvent(policy, e, { type: 'ESCALATE', at });
    expect(e.stage).toBe('stage-5');
    const later = advanceTo(policy, e, '2025-03-01T00:00:00Z');
    expect(later.history.filter((h) => h.type === 'deadline-passed')).toEqual([]);
  });

  it('owes written confirmation of the agreed outcome after resolution, without a date', () => {
    const r = applyEvent(policy, start(), {
      type: 'RESOLVE',
      at: '2024-12-20T15:00:00Z',
      outcome: 'Assessment to proceed',
    });
    const s = getStatus(policy, r, '2024-12-20T15:00:00Z');
    expect(s.requiredActions.find((a) => a.obligation === 'written-confirmation#1')).toMatchObject({
      dueDate: null,
      kind: 'after-resolution',
    });
    const done = applyEvent(policy, r, {
      type: 'RECORD',
      at: '2024-12-23T09:00:00Z',
      record: { kind: 'written-confirmation' },
    });
    expect(getStatus(policy, done, '2024-12-23T09:00:00Z').requiredActions.map((a) => a.obligation)).not.toContain(
      'written-confirmation#1',
    );
  });

  it('keeps debrief, learning and management review as steps after resolution', () => {
    expect(policy.routes!.map((r) => r.id)).toEqual(
      expect.arrayContaining(['debrief', 'learning', 'management-review']),
    );
  });

  it('refuses to move after withdrawal', () => {
    const w = applyEvent(policy, start(), {
      type: 'WITHDRAW',
      at: '2024-12-20T10:00:00Z',
      reason: 'Resolved informally',
    });
    refused(() => applyEvent(policy, w, { type: 'ESCALATE', at: '2024-12-21T10:00:00Z' }), 'CLOSED');
  });
});

describe('Somerset across Easter', () => {
  it('bypasses to the line managers over Easter 2025 with no deadline to miss', () => {
    const e = startEscalation(policy, {
      id: 'SOM-E',
      raisedAt: '2025-04-18T10:00:00+01:00',
      startStage: 'stage-2',
      risk: 'imminent-risk',
    }); // Good Friday
    const later = advanceTo(policy, e, '2025-05-30T09:00:00+01:00');
    expect(later.history.filter((h) => h.type === 'deadline-passed')).toEqual([]);
    expect(getStatus(policy, later, '2025-05-30T09:00:00+01:00').requiredActions.map((a) => a.action)).toContain(
      'Keep a clear record: actions and decisions in writing, shared with relevant personnel',
    );
  });
});
