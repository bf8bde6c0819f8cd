// Scenarios that follow the Barnsley text with concrete dates.
import { describe, expect, it } from 'vitest';
import { advanceTo, applyEvent, getStatus, policies, startEscalation } from '../../src/index.js';
import { due, entered, refused } from '../helpers.js';

const policy = policies.barnsley;
const raisedAt = '2024-12-18T10:00:00Z'; // Wednesday
const start = () => startEscalation(policy, { id: 'BAR-1', raisedAt });
const stageOne = () => applyEvent(start(), { type: 'ESCALATE', at: '2024-12-19T10:00:00Z' });

describe('Barnsley', () => {
  it('begins professional to professional, stage 0, "as soon as possible", with no deadline', () => {
    const s = getStatus(start(), raisedAt);
    expect(s.stage).toMatchObject({ id: 'stage-0', number: 0 });
    expect(s.stageDeadline).toBeNull();
  });

  it('gives Stage One 5 working days as guidance, across Christmas: 19 December → 30 December 2024', () => {
    const s = getStatus(stageOne(), '2024-12-19T10:00:00Z');
    expect(s.stageDeadline?.dueDate).toBe('2024-12-30');
    expect(s.deadlines.find((d) => d.rule === 'stage-1-resolution')?.strength).toBe('guidance');
  });

  it('lets the guidance be extended by agreement, with a reason', () => {
    const x = applyEvent(stageOne(), { type: 'EXTEND', at: '2024-12-20T10:00:00Z', obligation: 'stage-1-resolution', to: '2025-01-08', reason: 'Named nurse on leave', agreedBy: 'Both safeguarding leads' });
    expect(getStatus(x, '2024-12-20T10:00:00Z').stageDeadline?.dueDate).toBe('2025-01-08');
  });

  it('owes the Partnership Manager a notice at commencement, then an update every 5 working days', () => {
    let e = stageOne();
    expect(due(e, 'notify-at-commencement', '2024-12-19T10:00:00Z')).toBe('2024-12-19');
    expect(due(e, 'progress-updates', '2024-12-19T10:00:00Z')).toBe('2024-12-30');
    e = applyEvent(e, { type: 'RECORD', at: '2024-12-19T11:00:00Z', record: { kind: 'notification', to: 'Partnership Manager' } });
    // The notice restarts the 5-day clock: 20, 23, 24, 27, 30 December.
    expect(due(e, 'notify-at-commencement', '2024-12-19T11:00:00Z')).toBeUndefined();
    expect(due(e, 'progress-updates', '2024-12-19T11:00:00Z')).toBe('2024-12-30');
    const quiet = advanceTo(e, '2025-01-20T10:00:00Z');
    expect(quiet.history.filter((h) => h.type === 'reminder-due')).toEqual([expect.objectContaining({ missedOccurrences: 3 })]);
  });

  it('goes straight to Stage 3 for significant concerns, and not otherwise', () => {
    const direct = startEscalation(policy, { id: 'B', raisedAt, startStage: 'stage-3', reason: 'significant-risk' });
    expect(direct.stage).toBe('stage-3');
    const jumped = applyEvent(stageOne(), { type: 'EXPEDITE', to: 'stage-3', reason: 'significant-risk', at: '2024-12-20T10:00:00Z' });
    expect(entered(jumped, 'stage-3')).toMatchObject({ how: 'expedited', rule: 'significant-concerns' });
    const err = refused(() => applyEvent(stageOne(), { type: 'EXPEDITE', to: 'stage-3', at: '2024-12-20T10:00:00Z' }), 'NOT_PERMITTED');
    expect(err.message).toContain('significant concerns');
  });

  it('confirms the agreed outcome in writing within a further 5 working days after resolution, across New Year', () => {
    const r = applyEvent(stageOne(), { type: 'RESOLVE', at: '2024-12-24T12:00:00Z', outcome: 'Child in need plan amended' });
    // 27, 30, 31 December, 2, 3 January.
    expect(due(r, 'written-confirmation', '2024-12-24T12:00:00Z')).toBe('2025-01-03');
    expect(getStatus(r, '2024-12-24T12:00:00Z').requiredActions.map((a) => a.obligation)).toEqual(
      expect.arrayContaining(['tell-the-raiser#1', 'record-to-partnership-manager#1', 'escalation-record#1']),
    );
    const late = advanceTo(r, '2025-01-06T09:00:00Z');
    expect(late.history.find((h) => h.type === 'deadline-passed' && h.rule === 'written-confirmation')).toMatchObject({ kind: 'after-resolution', dueAt: '2025-01-03T23:59:59.999Z' });
  });

  it('after a Stage 3 resolution, the Partnership Manager informs all involved; no written confirmation is due', () => {
    const e = startEscalation(policy, { id: 'B', raisedAt, startStage: 'stage-3', imminentRisk: true });
    const r = applyEvent(e, { type: 'RESOLVE', at: '2024-12-20T12:00:00Z', outcome: 'Executives agreed a plan' });
    const owed = getStatus(r, '2024-12-20T12:00:00Z').requiredActions.map((a) => a.obligation);
    expect(owed).toContain('inform-all-of-conclusion#1');
    expect(owed).not.toContain('written-confirmation#1');
  });

  it('counts Stage Two across Easter 2025 and tells the Partnership representative', () => {
    let e = startEscalation(policy, { id: 'B', raisedAt: '2025-04-10T09:00:00Z' });
    e = applyEvent(e, { type: 'ESCALATE', at: '2025-04-10T10:00:00Z' });
    e = applyEvent(e, { type: 'ESCALATE', at: '2025-04-16T10:00:00Z' });
    // 17, 22, 23, 24, 25 April (18 and 21 are Good Friday and Easter Monday).
    expect(getStatus(e, '2025-04-16T10:00:00Z').stageDeadline?.dueDate).toBe('2025-04-25');
    expect(getStatus(e, '2025-04-16T10:00:00Z').requiredActions.map((a) => a.obligation)).toContain('partnership-representative#1');
  });
});
