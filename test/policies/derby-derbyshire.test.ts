// Scenarios that follow the Derby and Derbyshire text with concrete dates.
import { describe, expect, it } from 'vitest';
import { advanceTo, applyEvent, getStatus, policies, startEscalation } from '../../src/index.js';
import { due, entered, refused } from '../helpers.js';

const policy = policies['derby-derbyshire'];
const start = (raisedAt = '2024-12-19T09:30:00Z') => startEscalation(policy, { id: 'DD-1', raisedAt, concern: { nature: 'referral-decision' } });

describe('Derby and Derbyshire', () => {
  it('gives Stage 1 2 working days across Christmas (19 → 23 December 2024)', () => {
    expect(getStatus(start(), '2024-12-19T09:30:00Z').stageDeadline?.dueDate).toBe('2024-12-23');
  });

  it('gives Stage 2 2 working days from its start, skipping Christmas and Boxing Day', () => {
    const e = applyEvent(start(), { type: 'ESCALATE', at: '2024-12-23T16:00:00Z' });
    expect(getStatus(e, '2024-12-23T16:00:00Z').stageDeadline?.dueDate).toBe('2024-12-27');
  });

  it('gives Stage 3 10 working days "from escalation to them", across New Year', () => {
    let e = applyEvent(start(), { type: 'ESCALATE', at: '2024-12-20T10:00:00Z' });
    e = applyEvent(e, { type: 'ESCALATE', at: '2024-12-24T10:00:00Z' });
    // 27, 30, 31 Dec; 2, 3, 6, 7, 8, 9, 10 Jan.
    expect(getStatus(e, '2024-12-24T10:00:00Z').stageDeadline?.dueDate).toBe('2025-01-10');
    expect(due(e, 'stage-3-resolution', '2024-12-24T10:00:00Z')).toBe('2025-01-10');
  });

  it('expedites to Stage 3 for an imminent concern, and refuses it otherwise citing section 3', () => {
    const err = refused(() => applyEvent(start(), { type: 'EXPEDITE', to: 'stage-3', at: '2024-12-19T11:00:00Z' }), 'NOT_PERMITTED');
    expect(err.message).toContain('imminent safeguarding concern');
    expect(err.message).toContain('3 Key Principles');
    const e = applyEvent(start(), { type: 'EXPEDITE', to: 'stage-3', reason: 'imminent-risk', at: '2024-12-19T11:00:00Z' });
    expect(entered(e, 'stage-3')).toMatchObject({ how: 'expedited', rule: 'expedite-imminent' });
  });

  it('never starts above Stage 1: the pathway is followed', () => {
    refused(() => startEscalation(policy, { id: 'X', raisedAt: '2024-12-19T09:30:00Z', startStage: 'stage-3', imminentRisk: true }), 'NOT_PERMITTED');
  });

  it('reports the missing Escalation Template from the day Stage 3 begins, and accepts one completed at Stage 2', () => {
    let e = applyEvent(start(), { type: 'ESCALATE', at: '2024-12-20T10:00:00Z' });
    const without = applyEvent(e, { type: 'ESCALATE', at: '2024-12-24T10:00:00Z' });
    expect(getStatus(without, '2024-12-27T09:00:00Z').requiredActions.find((a) => a.obligation === 'template-at-stage-3#1')).toMatchObject({ dueDate: '2024-12-24', overdue: true });
    e = applyEvent(e, { type: 'RECORD', at: '2024-12-23T15:00:00Z', record: { kind: 'form', form: 'escalation-template', summary: 'Presenting and underlying issues' } });
    const withT = applyEvent(e, { type: 'ESCALATE', at: '2024-12-24T10:00:00Z' });
    expect(getStatus(withT, '2024-12-24T10:00:00Z').requiredActions.map((a) => a.obligation)).not.toContain('template-at-stage-3#1');
  });

  it('hands themes to the Partnership at Stage 4, which has no timescale', () => {
    let e = applyEvent(start(), { type: 'ESCALATE', at: '2024-12-20T10:00:00Z' });
    e = applyEvent(e, { type: 'ESCALATE', at: '2024-12-23T10:00:00Z' });
    e = applyEvent(e, { type: 'ESCALATE', at: '2025-01-06T10:00:00Z' });
    expect(e.history.find((h) => h.type === 'hand-off')).toMatchObject({ route: 'partnership-themes' });
    expect(getStatus(e, '2025-01-06T10:00:00Z').stageDeadline).toBeNull();
    expect(getStatus(e, '2025-01-06T10:00:00Z').requiredActions.map((a) => a.obligation)).toContain('template-to-partnership#1');
  });

  it('counts across Easter 2025 (Good Friday 18, Easter Monday 21 April)', () => {
    const e = start('2025-04-17T08:00:00Z');
    expect(getStatus(e, '2025-04-17T08:00:00Z').stageDeadline?.dueDate).toBe('2025-04-23');
  });

  it('records a missed Stage 1 deadline and keeps the feedback owed after a Stage 3 resolution', () => {
    let e = applyEvent(start(), { type: 'ESCALATE', at: '2024-12-27T10:00:00Z' });
    expect(e.history.find((h) => h.type === 'stage-ended')).toMatchObject({ deadlines: [{ rule: 'stage-1-resolution', outcome: 'missed', workingDaysLate: 2 }] });
    e = applyEvent(e, { type: 'ESCALATE', at: '2024-12-30T10:00:00Z' });
    e = applyEvent(e, { type: 'RESOLVE', at: '2025-01-06T10:00:00Z', outcome: 'Single assessment to proceed' });
    const s = getStatus(advanceTo(e, '2025-01-07T10:00:00Z'), '2025-01-07T10:00:00Z');
    expect(s.open).toBe(false);
    expect(s.requiredActions.map((a) => a.obligation)).toEqual(expect.arrayContaining(['feedback-at-conclusion#1', 'template-at-stage-3#1']));
  });
});
