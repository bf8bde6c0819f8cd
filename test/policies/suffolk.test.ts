// Scenarios that follow the Suffolk text with concrete dates.
import { describe, expect, it } from 'vitest';
import { advanceTo, applyEvent, getStatus, policies, startEscalation } from '../../src/index.js';
import { due, entered } from '../helpers.js';

const policy = policies.suffolk;
// Friday 20 December 2024: the example of the CLI's timeline too.
const raisedAt = '2024-12-20T10:00:00Z';
const start = () => startEscalation(policy, { id: 'SUF-1', raisedAt, concern: { nature: 'plan-effectiveness' } });

describe('Suffolk', () => {
  it('wants the Stage 1 discussion within 3 working days of the concerns: 20 → 27 December 2024', () => {
    expect(due(start(), 'stage-1-discussion', raisedAt)).toBe('2024-12-27');
  });

  it('caps Stage 5 at 5 working days from the day of Stage 1: 20 December → 31 December', () => {
    expect(due(start(), 'stage-5-cap', raisedAt)).toBe('2024-12-31');
  });

  it('counts Stage 2 from the Stage 1 discussion: no longer than one working day later', () => {
    const e = applyEvent(start(), { type: 'RECORD', at: '2024-12-24T16:00:00Z', record: { kind: 'meeting', occurredAt: '2024-12-24T11:00:00Z' } });
    expect(due(e, 'stage-2-manager', '2024-12-24T16:00:00Z')).toBe('2024-12-27');
    expect(e.history.find((h) => h.type === 'obligation-met' && h.rule === 'stage-1-discussion')).toMatchObject({ onTime: true });
  });

  it('gives Stage 4 three working days of Stage 3, across New Year', () => {
    let e = applyEvent(start(), { type: 'ESCALATE', at: '2024-12-23T10:00:00Z' });
    e = applyEvent(e, { type: 'ESCALATE', at: '2024-12-30T10:00:00Z' });
    // 31 Dec, 2 Jan, 3 Jan.
    expect(due(e, 'stage-4-head-of-safeguarding', '2024-12-30T10:00:00Z')).toBe('2025-01-03');
    // The Escalation Record Form is due by Stage 3.
    expect(due(e, 'escalation-record-form', '2024-12-30T10:00:00Z')).toBe('2024-12-30');
  });

  it('lets stages be skipped freely, straight to the final stage', () => {
    const e = applyEvent(start(), { type: 'EXPEDITE', to: 'stage-5', at: '2024-12-20T11:00:00Z' });
    expect(entered(e, 'stage-5')).toMatchObject({ how: 'skipped', rule: 'flexible-stages' });
    expect(startEscalation(policy, { id: 'S2', raisedAt, startStage: 'stage-5' }).stage).toBe('stage-5');
  });

  it('answers a Stage 5 escalation within 2 working days, raised through the agency representative', () => {
    const e = applyEvent(start(), { type: 'EXPEDITE', to: 'stage-5', at: '2024-12-23T11:00:00Z' });
    expect(due(e, 'stage-5-response', '2024-12-23T11:00:00Z')).toBe('2024-12-27');
    expect(due(e, 'stage-5-via-representative', '2024-12-23T11:00:00Z')).toBe('2024-12-23');
    expect(e.history.find((h) => h.type === 'obligation-met' && h.rule === 'stage-5-cap')).toMatchObject({ onTime: true });
  });

  it('records the cap as breached when Stage 5 comes late, whatever the per-stage limits allowed', () => {
    let e = start();
    for (const at of ['2024-12-23T10:00:00Z', '2024-12-24T10:00:00Z', '2024-12-27T10:00:00Z', '2025-01-02T10:00:00Z']) e = applyEvent(e, { type: 'ESCALATE', at });
    expect(e.stage).toBe('stage-5');
    expect(e.history.find((h) => h.type === 'cap-breached')).toMatchObject({ rule: 'stage-5-cap', at: '2024-12-31T23:59:59.999Z' });
    expect(e.history.find((h) => h.type === 'obligation-met' && h.rule === 'stage-5-cap')).toMatchObject({ onTime: false });
  });

  it('keeps the form owed after resolution, and drops the Stage 5 response', () => {
    let e = applyEvent(start(), { type: 'EXPEDITE', to: 'stage-3', at: '2024-12-20T12:00:00Z' });
    e = applyEvent(e, { type: 'RESOLVE', at: '2024-12-23T12:00:00Z', outcome: 'Plan revised' });
    const s = getStatus(advanceTo(e, '2024-12-24T00:00:00Z'), '2024-12-24T00:00:00Z');
    expect(s.requiredActions.map((a) => a.obligation)).toContain('escalation-record-form#1');
    expect(s.deadlines.map((d) => d.rule)).not.toContain('stage-5-cap');
  });

  it('counts across Easter 2025: raised on Maundy Thursday, Stage 1 by 24 April, Stage 5 by 28 April', () => {
    const e = startEscalation(policy, { id: 'SUF-E', raisedAt: '2025-04-17T09:00:00Z' });
    expect(due(e, 'stage-1-discussion', '2025-04-17T09:00:00Z')).toBe('2025-04-24');
    expect(due(e, 'stage-5-cap', '2025-04-17T09:00:00Z')).toBe('2025-04-28');
  });
});
