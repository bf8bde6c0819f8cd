// Scenarios that follow the Derby and Derbyshire text with concrete dates.
import { describe, expect, it } from 'vitest';
import { advanceTo, applyEvent, getStatus, policies, startEscalation } from '../../src/index.js';
import { due, entered, refused } from '../helpers.js';

const policy = policies['derby-derbyshire'];
const start = (raisedAt = '2024-12-19T09:30:00Z') =>
  startEscalation(policy, { id: 'DD-1', raisedAt, concern: { nature: 'referral-decision' } });

describe('Derby and Derbyshire', () => {
  it('gives Stage 1 2 working days across Christmas (19 → 23 December 2024)', () => {
    expect(getStatus(policy, start(), '2024-12-19T09:30:00Z').stageDeadline?.dueDate).toBe('2024-12-23');
  });

  it('gives Stage 2 2 working days from its start, skipping Christmas and Boxing Day', () => {
    const e = applyEvent(policy, start(), { type: 'ESCALATE', at: '2024-12-23T16:00:00Z' });
    expect(getStatus(policy, e, '2024-12-23T16:00:00Z').stageDeadline?.dueDate).toBe('2024-12-27');
  });

  it('gives Stage 3 10 working days "from escalation to them", across New Year', () => {
    let e = applyEvent(policy, start(), { type: 'ESCALATE', at: '2024-12-20T10:00:00Z' });
    e = applyEvent(policy, e, { type: 'ESCALATE', at: '2024-12-24T10:00:00Z' });
    // 27, 30, 31 Dec; 2, 3, 6, 7, 8, 9, 10 Jan.
    expect(getStatus(policy, e, '2024-12-24T10:00:00Z').stageDeadline?.dueDate).toBe('2025-01-10');
    expect(due(policy, e, 'stage-3-resolution', '2024-12-24T10:00:00Z')).toBe('2025-01-10');
  });

  it('expedites to Stage 3 for an imminent concern, and refuses it otherwise citing section 3', () => {
    const err = refused(
      () => applyEvent(policy, start(), { type: 'EXPEDITE', to: 'stage-3', at: '2024-12-19T11:00:00Z' }),
      'NOT_PERMITTED',
    );
    expect(err.message).toContain('imminent safeguarding concern');
    expect(err.message).toContain('3 Key Principles');
    const e = applyEvent(policy, start(), {
      type: 'EXPEDITE',
      to: 'stage-3',
      reason: 'imminent-risk',
      at: '2024-12-19T11:00:00Z',
    });
    expect(entered(e, 'stage-3')).toMatchObject({ how: 'expedited', rule: 'expedite-imminent' });
  });

  it('starts above Stage 1 only for an imminent concern: the pathway is otherwise followed', () => {
    refused(
      () => startEscalation(policy, { id: 'X', raisedAt: '2024-12-19T09:30:00Z', startStage: 'stage-3' }),
      'NOT_PERMITTED',
    );
    const e = startEscalation(policy, {
      id: 'X',
      raisedAt: '2024-12-19T09:30:00Z',
      startStage: 'stage-3',
      risk: 'imminent-risk',
    });
    expect(entered(e, 'stage-3')).toMatchObject({
      how: 'started-later',
      rule: 'start-imminent',
      riskReliedOn: { risk: 'imminent-risk', recordedIn: 1 },
    });
  });

  it('lets an imminent risk recorded earlier allow the jump, and says which record it relied on', () => {
    let e = applyEvent(policy, start(), { type: 'RISK', risk: 'imminent-risk', at: '2024-12-19T10:00:00Z' });
    const riskEntry = e.history.find((h) => h.type === 'risk-changed')!;
    e = applyEvent(policy, e, { type: 'EXPEDITE', to: 'stage-4', at: '2024-12-19T11:00:00Z' });
    expect(entered(e, 'stage-4')).toMatchObject({
      how: 'expedited',
      rule: 'expedite-imminent',
      riskReliedOn: { risk: 'imminent-risk', recordedIn: riskEntry.seq },
    });
    // A risk lowered since no longer allows it.
    const lowered = applyEvent(
      policy,
      applyEvent(policy, start(), { type: 'RISK', risk: 'imminent-risk', at: '2024-12-19T10:00:00Z' }),
      { type: 'RISK', risk: 'none', at: '2024-12-19T10:30:00Z' },
    );
    refused(
      () => applyEvent(policy, lowered, { type: 'EXPEDITE', to: 'stage-4', at: '2024-12-19T11:00:00Z' }),
      'NOT_PERMITTED',
    );
  });

  it('reports the missing Escalation Template from the day Stage 3 begins, and accepts one completed at Stage 2', () => {
    let e = applyEvent(policy, start(), { type: 'ESCALATE', at: '2024-12-20T10:00:00Z' });
    const without = applyEvent(policy, e, { type: 'ESCALATE', at: '2024-12-24T10:00:00Z' });
    expect(
      getStatus(policy, without, '2024-12-27T09:00:00Z').requiredActions.find(
        (a) => a.obligation === 'template-on-escalation#1',
      ),
    ).toMatchObject({ dueDate: '2024-12-24', overdue: true });
    e = applyEvent(policy, e, {
      type: 'RECORD',
      at: '2024-12-23T15:00:00Z',
      record: { kind: 'form', form: 'escalation-template', summary: 'Presenting and underlying issues' },
    });
    const withT = applyEvent(policy, e, { type: 'ESCALATE', at: '2024-12-24T10:00:00Z' });
    expect(getStatus(policy, withT, '2024-12-24T10:00:00Z').requiredActions.map((a) => a.obligation)).not.toContain(
      'template-on-escalation#1',
    );
  });

  it('owes the Escalation Template when an imminent concern expedites straight to Stage 4, and hands themes to the Partnership however Stage 4 is reached', () => {
    const e = applyEvent(policy, start(), {
      type: 'EXPEDITE',
      to: 'stage-4',
      reason: 'imminent-risk',
      at: '2024-12-19T11:00:00Z',
    });
    expect(
      getStatus(policy, e, '2024-12-19T11:00:00Z').requiredActions.find(
        (a) => a.obligation === 'template-on-escalation#1',
      ),
    ).toMatchObject({ dueDate: '2024-12-19' });
    expect(e.history.find((h) => h.type === 'hand-off')).toMatchObject({ route: 'partnership-themes' });
    // Stage 2 was passed over: its managers owe no feedback.
    expect(e.obligations.map((o) => o.rule)).not.toContain('feedback-after-stage-2');
  });

  it('hands themes to the Partnership at Stage 4, which has no timescale', () => {
    let e = applyEvent(policy, start(), { type: 'ESCALATE', at: '2024-12-20T10:00:00Z' });
    e = applyEvent(policy, e, { type: 'ESCALATE', at: '2024-12-23T10:00:00Z' });
    e = applyEvent(policy, e, { type: 'ESCALATE', at: '2025-01-06T10:00:00Z' });
    expect(e.history.find((h) => h.type === 'hand-off')).toMatchObject({ route: 'partnership-themes' });
    expect(getStatus(policy, e, '2025-01-06T10:00:00Z').stageDeadline).toBeNull();
    expect(getStatus(policy, e, '2025-01-06T10:00:00Z').requiredActions.map((a) => a.obligation)).toContain(
      'template-to-partnership#1',
    );
  });

  it('counts across Easter 2025 (Good Friday 18, Easter Monday 21 April)', () => {
    const e = start('2025-04-17T08:00:00Z');
    expect(getStatus(policy, e, '2025-04-17T08:00:00Z').stageDeadline?.dueDate).toBe('2025-04-23');
  });

  it('records a missed Stage 1 deadline and keeps the feedback owed after a Stage 3 resolution', () => {
    let e = applyEvent(policy, start(), { type: 'ESCALATE', at: '2024-12-27T10:00:00Z' });
    expect(e.history.find((h) => h.type === 'stage-ended')).toMatchObject({
      deadlines: [expect.objectContaining({ rule: 'stage-1-resolution', outcome: 'missed', workingDaysLate: 2 })],
    });
    e = applyEvent(policy, e, { type: 'ESCALATE', at: '2024-12-30T10:00:00Z' });
    e = applyEvent(policy, e, { type: 'RESOLVE', at: '2025-01-06T10:00:00Z', outcome: 'Single assessment to proceed' });
    const s = getStatus(policy, advanceTo(policy, e, '2025-01-07T10:00:00Z'), '2025-01-07T10:00:00Z');
    expect(s.open).toBe(false);
    expect(s.requiredActions.map((a) => a.obligation)).toEqual(
      expect.arrayContaining(['feedback-at-conclusion#1', 'template-on-escalation#1', 'feedback-after-stage-2#1']),
    );
  });

  it('keeps the feedback to all parties owed when the escalation is withdrawn at Stage 3, as the text owes it at the end of the process', () => {
    let e = applyEvent(policy, start(), { type: 'ESCALATE', at: '2024-12-20T10:00:00Z' });
    e = applyEvent(policy, e, { type: 'ESCALATE', at: '2024-12-23T10:00:00Z' });
    e = applyEvent(policy, e, { type: 'WITHDRAW', at: '2024-12-30T10:00:00Z', reason: 'The referral was accepted' });
    const owed = getStatus(policy, e, '2024-12-30T10:00:00Z').requiredActions.map((a) => a.obligation);
    expect(owed).toEqual(
      expect.arrayContaining(['feedback-at-conclusion#1', 'feedback-after-stage-2#1', 'template-on-escalation#1']),
    );
    expect(owed).not.toContain('stage-3-resolution#1');
  });
});
