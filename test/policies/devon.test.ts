// Scenarios that follow the Devon text. It gives no numbers, so no deadline may appear.
import { describe, expect, it } from 'vitest';
import { applyEvent, getStatus, policies, startEscalation } from '../../src/index.js';
import { entered, refused } from '../helpers.js';

const policy = policies.devon;
const raisedAt = '2024-12-19T14:00:00Z';
const start = () => startEscalation(policy, { id: 'DEV-1', raisedAt });

describe('Devon', () => {
  it('starts with the professional’s own manager, and has no dated obligation', () => {
    const s = getStatus(start(), raisedAt);
    expect(s.stage.title).toBe('Discuss with own manager or named lead');
    expect(s.stageDeadline).toBeNull();
    expect(policy.obligations.filter((o) => o.limit)).toEqual([]);
  });

  it('names the Area Manager for MASH at Stage 4', () => {
    expect(policy.stages[3]!.participants[0]!.agency).toContain('for MASH, the Area Manager');
  });

  it('lets risk of immediate harm decide which stage is initiated', () => {
    const e = startEscalation(policy, { id: 'D', raisedAt, startStage: 'stage-4', reason: 'immediate-harm' });
    expect(entered(e, 'stage-4')).toMatchObject({ how: 'started-later', rule: 'start-by-risk' });
  });

  it('refuses a later start without that risk', () => {
    const err = refused(() => startEscalation(policy, { id: 'D', raisedAt, startStage: 'stage-3' }), 'NOT_PERMITTED');
    expect(err.message).toContain('risk of immediate harm');
  });

  it('does not let a running escalation jump stages', () => {
    refused(() => applyEvent(start(), { type: 'EXPEDITE', to: 'stage-5', reason: 'imminent-risk', at: '2024-12-20T09:00:00Z' }), 'NOT_PERMITTED');
  });

  it('logs the most serious concerns with the chair of the PDG as soon as the risk is known', () => {
    expect(getStatus(start(), raisedAt).requiredActions.map((a) => a.obligation)).not.toContain('log-with-pdg-chair#1');
    const urgent = startEscalation(policy, { id: 'D', raisedAt, imminentRisk: true });
    expect(getStatus(urgent, raisedAt).requiredActions.find((a) => a.obligation === 'log-with-pdg-chair#1')).toMatchObject({ to: 'chair of the practice development group' });
    const later = applyEvent(start(), { type: 'RISK', imminent: true, at: '2024-12-23T09:00:00Z' });
    expect(getStatus(later, '2024-12-23T09:00:00Z').requiredActions.map((a) => a.obligation)).toContain('log-with-pdg-chair#1');
  });

  it('asks at Stage 5 for the Case Resolution form with evidence, a report to the PDG and feedback to the raiser', () => {
    let e = start();
    for (const at of ['2024-12-20T10:00:00Z', '2024-12-23T10:00:00Z', '2024-12-30T10:00:00Z', '2025-01-06T10:00:00Z']) e = applyEvent(e, { type: 'ESCALATE', at });
    const owed = getStatus(e, '2025-01-06T10:00:00Z').requiredActions.map((a) => a.obligation);
    expect(owed).toEqual(expect.arrayContaining(['case-resolution-form#1', 'report-to-pdg#1', 'feedback-to-raiser#1']));
    expect(policy.forms![0]!.fields.map((f) => f.name)).toEqual(['Evidence of efforts to resolve the issues', 'Reasons for a formal escalation']);
  });

  it('keeps mediation for stuck cases as a separate route, where the PDG never decides the case', () => {
    const mediation = policy.routes!.find((r) => r.id === 'mediation')!;
    expect(mediation.kind).toBe('separate-route');
    expect(mediation.summary).toContain('No one from the PDG, including the chair, can be a case decision-maker');
  });

  it('keeps the form owed after a withdrawal at Stage 5', () => {
    let e = start();
    for (const at of ['2024-12-20T10:00:00Z', '2024-12-23T10:00:00Z', '2024-12-30T10:00:00Z', '2025-01-06T10:00:00Z']) e = applyEvent(e, { type: 'ESCALATE', at });
    const w = applyEvent(e, { type: 'WITHDRAW', at: '2025-01-07T10:00:00Z', reason: 'Agreed at the review panel' });
    const owed = getStatus(w, '2025-01-07T10:00:00Z').requiredActions.map((a) => a.obligation);
    expect(owed).toContain('case-resolution-form#1');
    expect(owed).toContain('record-at-every-stage#5');
    expect(owed).not.toContain('report-to-pdg#1');
  });
});

describe('Devon across Easter', () => {
  it('never puts a date on a stage, whatever the calendar, and keeps what is owed', () => {
    let e = startEscalation(policy, { id: 'DEV-E', raisedAt: '2025-04-17T09:00:00+01:00', imminentRisk: true }); // Maundy Thursday
    e = applyEvent(e, { type: 'ESCALATE', at: '2025-04-22T09:00:00+01:00' });
    const s = getStatus(e, '2025-04-23T09:00:00+01:00');
    expect(s.deadlines).toEqual([]);
    expect(s.requiredActions.map((a) => a.obligation)).toEqual(expect.arrayContaining(['log-with-pdg-chair#1', 'record-at-every-stage#2']));
  });
});
