// Scenarios that follow the Somerset text. It gives no timescales, so none may appear.
import { describe, expect, it } from 'vitest';
import { advanceTo, applyEvent, getStatus, policies, startEscalation } from '../../src/index.js';
import { entered, refused } from '../helpers.js';

const policy = policies.somerset;
const raisedAt = '2024-12-19T09:30:00Z';
const start = () => startEscalation(policy, { id: 'SOM-1', raisedAt });

describe('Somerset', () => {
  it('starts between the people who disagree, with no deadline', () => {
    const s = getStatus(start(), raisedAt);
    expect(s.stage).toEqual({ id: 'stage-1', number: 1, title: 'Between the people who disagree' });
    expect(s.stageDeadline).toBeNull();
    expect(s.deadlines).toEqual([]);
  });

  it('has no dated obligation anywhere in its definition', () => {
    expect(policy.obligations.filter((o) => o.limit)).toEqual([]);
  });

  it('lists the role pairs of 2.3 at the line-manager stage', () => {
    const stage = policy.stages.find((s) => s.id === 'stage-2')!;
    expect(stage.participants).toContainEqual({ role: 'Health Visitor', counterpart: 'Locality Safeguarding Children Nurse and the Locality Lead for the HV’s geographical area' });
    expect(stage.participants.length).toBe(8);
  });

  it('bypasses the first conversation when the child is at immediate risk', () => {
    expect(startEscalation(policy, { id: 'S', raisedAt, startStage: 'stage-2', imminentRisk: true }).stage).toBe('stage-2');
    const e = applyEvent(start(), { type: 'EXPEDITE', to: 'stage-4', reason: 'imminent-risk', at: '2024-12-20T09:00:00Z' });
    expect(entered(e, 'stage-4')).toMatchObject({ how: 'expedited', rule: 'bypass-immediate-risk-later' });
  });

  it('refuses the bypass without immediate risk, quoting 2.1', () => {
    const err = refused(() => startEscalation(policy, { id: 'S', raisedAt, startStage: 'stage-2' }), 'NOT_PERMITTED');
    expect(err.message).toContain('2.1');
    expect(err.message).toContain('unless the child is at immediate risk');
  });

  it('climbs up the line to the Board Coordinator across Christmas and New Year, never overdue', () => {
    let e = start();
    for (const at of ['2024-12-23T10:00:00Z', '2024-12-30T10:00:00Z', '2025-01-02T10:00:00Z', '2025-01-06T10:00:00Z']) e = applyEvent(e, { type: 'ESCALATE', at });
    expect(e.stage).toBe('stage-5');
    const later = advanceTo(e, '2025-03-01T00:00:00Z');
    expect(later.history.filter((h) => h.type === 'deadline-passed')).toEqual([]);
  });

  it('owes written confirmation of the agreed outcome after resolution, without a date', () => {
    const r = applyEvent(start(), { type: 'RESOLVE', at: '2024-12-20T15:00:00Z', outcome: 'Assessment to proceed' });
    const s = getStatus(r, '2024-12-20T15:00:00Z');
    expect(s.requiredActions.find((a) => a.obligation === 'written-confirmation#1')).toMatchObject({ dueDate: null, kind: 'after-resolution' });
    const done = applyEvent(r, { type: 'RECORD', at: '2024-12-23T09:00:00Z', record: { kind: 'written-confirmation' } });
    expect(getStatus(done, '2024-12-23T09:00:00Z').requiredActions.map((a) => a.obligation)).not.toContain('written-confirmation#1');
  });

  it('keeps debrief, learning and management review as steps after resolution', () => {
    expect(policy.routes!.map((r) => r.id)).toEqual(expect.arrayContaining(['debrief', 'learning', 'management-review']));
  });

  it('refuses to move after withdrawal', () => {
    const w = applyEvent(start(), { type: 'WITHDRAW', at: '2024-12-20T10:00:00Z', reason: 'Resolved informally' });
    refused(() => applyEvent(w, { type: 'ESCALATE', at: '2024-12-21T10:00:00Z' }), 'CLOSED');
  });
});

describe('Somerset across Easter', () => {
  it('bypasses to the line managers over Easter 2025 with no deadline to miss', () => {
    const e = startEscalation(policy, { id: 'SOM-E', raisedAt: '2025-04-18T10:00:00+01:00', startStage: 'stage-2', imminentRisk: true }); // Good Friday
    const later = advanceTo(e, '2025-05-30T09:00:00+01:00');
    expect(later.history.filter((h) => h.type === 'deadline-passed')).toEqual([]);
    expect(getStatus(later, '2025-05-30T09:00:00+01:00').requiredActions.map((a) => a.action)).toContain('Keep a clear record: actions and decisions in writing, shared with relevant personnel');
  });
});
