// Scenarios that follow the Devon text. It gives no numbers, so no deadline may appear.
import { describe, expect, it } from 'vitest';
import { applyEvent, getStatus, policies, startEscalation } from '../../src/index.js';
import { entered, refused } from '../helpers.js';

const policy = policies.devon;
const raisedAt = '2024-12-19T14:00:00Z';
const start = () => startEscalation(policy, { id: 'DEV-1', raisedAt });

describe('Devon', () => {
  it('starts with the professional’s own manager, and has no dated obligation', () => {
    const s = getStatus(policy, start(), raisedAt);
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
    refused(
      () =>
        applyEvent(policy, start(), {
          type: 'EXPEDITE',
          to: 'stage-5',
          reason: 'imminent-risk',
          at: '2024-12-20T09:00:00Z',
        }),
      'NOT_PERMITTED',
    );
  });

  it('logs a matter of potentially serious concern with the chair of the PDG once it is flagged, not because of the child’s risk', () => {
    expect(getStatus(policy, start(), raisedAt).requiredActions.map((a) => a.obligation)).not.toContain(
      'log-with-pdg-chair#1',
    );
    const urgent = startEscalation(policy, { id: 'D', raisedAt, risk: 'imminent-risk' });
    expect(getStatus(policy, urgent, raisedAt).requiredActions.map((a) => a.obligation)).not.toContain(
      'log-with-pdg-chair#1',
    );
    const flagged = applyEvent(policy, start(), {
      type: 'FLAG',
      flag: 'potentially-serious-concern',
      at: '2024-12-23T09:00:00Z',
    });
    expect(
      getStatus(policy, flagged, '2024-12-23T09:00:00Z').requiredActions.find(
        (a) => a.obligation === 'log-with-pdg-chair#1',
      ),
    ).toMatchObject({ to: 'The chair of the DCFP Practice Development Group', dueDate: null });
    // The log stays owed when the escalation is withdrawn: the concern reaches beyond the case.
    const withdrawn = applyEvent(policy, flagged, {
      type: 'WITHDRAW',
      at: '2024-12-23T10:00:00Z',
      reason: 'Resolved in supervision',
    });
    expect(getStatus(policy, withdrawn, '2024-12-23T10:00:00Z').requiredActions.map((a) => a.obligation)).toContain(
      'log-with-pdg-chair#1',
    );
    const logged = applyEvent(policy, withdrawn, {
      type: 'RECORD',
      at: '2024-12-23T11:00:00Z',
      record: { kind: 'notification', to: 'PDG chair' },
    });
    expect(getStatus(policy, logged, '2024-12-23T11:00:00Z').requiredActions.map((a) => a.obligation)).not.toContain(
      'log-with-pdg-chair#1',
    );
    refused(
      () => applyEvent(policy, start(), { type: 'FLAG', flag: 'serious', at: '2024-12-23T09:00:00Z' }),
      'UNKNOWN_FLAG',
    );
  });

  it('asks at Stage 5 for the Case Resolution form with evidence and a report to the PDG, and feedback to the raiser once the review has concluded', () => {
    let e = start();
    for (const at of ['2024-12-20T10:00:00Z', '2024-12-23T10:00:00Z', '2024-12-30T10:00:00Z', '2025-01-06T10:00:00Z'])
      e = applyEvent(policy, e, { type: 'ESCALATE', at });
    const owed = getStatus(policy, e, '2025-01-06T10:00:00Z').requiredActions.map((a) => a.obligation);
    expect(owed).toEqual(expect.arrayContaining(['case-resolution-form#1', 'report-to-pdg#1']));
    expect(owed).not.toContain('feedback-to-raiser#1');
    const resolved = applyEvent(policy, e, {
      type: 'RESOLVE',
      at: '2025-01-20T10:00:00Z',
      outcome: 'Review panel decision',
    });
    expect(getStatus(policy, resolved, '2025-01-20T10:00:00Z').requiredActions.map((a) => a.obligation)).toContain(
      'feedback-to-raiser#1',
    );
    expect(policy.forms![0]!.fields.map((f) => f.name)).toEqual([
      'Evidence of efforts to resolve the issues',
      'Reasons for a formal escalation',
    ]);
  });

  it('keeps mediation for stuck cases as a separate route, where the PDG never decides the case', () => {
    const mediation = policy.routes!.find((r) => r.id === 'mediation')!;
    expect(mediation.kind).toBe('separate-route');
    expect(mediation.summary).toContain('No one from the PDG, including the chair, can be a case decision-maker');
  });

  it('keeps the report to the PDG and the records owed after a withdrawal at Stage 5, and drops the form meant for the review', () => {
    let e = start();
    for (const at of ['2024-12-20T10:00:00Z', '2024-12-23T10:00:00Z', '2024-12-30T10:00:00Z', '2025-01-06T10:00:00Z'])
      e = applyEvent(policy, e, { type: 'ESCALATE', at });
    const w = applyEvent(policy, e, {
      type: 'WITHDRAW',
      at: '2025-01-07T10:00:00Z',
      reason: 'Agreed at the review panel',
    });
    const owed = getStatus(policy, w, '2025-01-07T10:00:00Z').requiredActions.map((a) => a.obligation);
    expect(owed).toContain('report-to-pdg#1');
    expect(owed).toContain('record-at-every-stage#5');
    expect(owed).not.toContain('case-resolution-form#1');
  });

  it('takes a Case Resolution form made before Stage 5 as submitted, and the form sent to the PDG as its report', () => {
    let e = applyEvent(policy, start(), {
      type: 'RECORD',
      at: '2024-12-20T10:00:00Z',
      record: { kind: 'form', form: 'case-resolution-form', to: 'PDG' },
    });
    for (const at of ['2024-12-23T10:00:00Z', '2024-12-30T10:00:00Z', '2025-01-02T10:00:00Z', '2025-01-06T10:00:00Z'])
      e = applyEvent(policy, e, { type: 'ESCALATE', at });
    const owed = getStatus(policy, e, '2025-01-06T10:00:00Z').requiredActions.map((a) => a.obligation);
    expect(owed).not.toContain('case-resolution-form#1');
    expect(owed).toContain('report-to-pdg#1'); // the earlier form went before there was anything to report
    const reported = applyEvent(policy, e, {
      type: 'RECORD',
      at: '2025-01-06T11:00:00Z',
      record: { kind: 'form', form: 'case-resolution-form', to: 'Devon Children and Families Partnership' },
    });
    expect(getStatus(policy, reported, '2025-01-06T11:00:00Z').requiredActions.map((a) => a.obligation)).not.toContain(
      'report-to-pdg#1',
    );
  });
});

describe('Devon across Easter', () => {
  it('never puts a date on a stage, whatever the calendar, and keeps what is owed', () => {
    let e = startEscalation(policy, { id: 'DEV-E', raisedAt: '2025-04-17T09:00:00+01:00', risk: 'imminent-risk' }); // Maundy Thursday
    e = applyEvent(policy, e, { type: 'ESCALATE', at: '2025-04-22T09:00:00+01:00' });
    const s = getStatus(policy, e, '2025-04-23T09:00:00+01:00');
    expect(s.deadlines).toEqual([]);
    expect(s.requiredActions.map((a) => a.obligation)).toEqual(
      expect.arrayContaining(['record-at-every-stage#1', 'record-at-every-stage#2']),
    );
  });
});
