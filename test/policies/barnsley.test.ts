// Scenarios that follow the Barnsley text with concrete dates.
import { describe, expect, it } from 'vitest';
import { advanceTo, applyEvent, getStatus, policies, startEscalation } from '../../src/index.js';
import { due, entered, refused } from '../helpers.js';

const policy = policies.barnsley;
const raisedAt = '2024-12-18T10:00:00Z'; // Wednesday
const start = () => startEscalation(policy, { id: 'BAR-1', raisedAt });
const stageOne = () => applyEvent(policy, start(), { type: 'ESCALATE', at: '2024-12-19T10:00:00Z' });
/** Raised the day before `at`, at Stage One from `at`. */
const stageOneOn = (at: string) =>
  applyEvent(
    policy,
    startEscalation(policy, { id: 'BAR-2', raisedAt: new Date(Date.parse(at) - 86_400_000).toISOString() }),
    { type: 'ESCALATE', at },
  );

describe('Barnsley', () => {
  it('begins professional to professional, stage 0, "as soon as possible", with no deadline', () => {
    const s = getStatus(policy, start(), raisedAt);
    expect(s.stage).toMatchObject({ id: 'stage-0', number: 0 });
    expect(s.stageDeadline).toBeNull();
  });

  it('gives Stage One 5 working days as guidance, across Christmas: 19 December → 30 December 2024', () => {
    const s = getStatus(policy, stageOne(), '2024-12-19T10:00:00Z');
    expect(s.stageDeadline?.dueDate).toBe('2024-12-30');
    expect(s.deadlines.find((d) => d.rule === 'stage-1-resolution')?.strength).toBe('guidance');
  });

  it('lets the guidance be extended by agreement, with a reason', () => {
    const x = applyEvent(policy, stageOne(), {
      type: 'EXTEND',
      at: '2024-12-20T10:00:00Z',
      obligation: 'stage-1-resolution',
      to: '2025-01-08',
      reason: 'Named nurse on leave',
      agreedBy: 'Both safeguarding leads',
    });
    expect(getStatus(policy, x, '2024-12-20T10:00:00Z').stageDeadline?.dueDate).toBe('2025-01-08');
  });

  it('owes the Partnership Manager a notice at commencement, then an update every 5 working days', () => {
    let e = stageOne();
    expect(due(policy, e, 'notify-at-commencement', '2024-12-19T10:00:00Z')).toBe('2024-12-19');
    expect(due(policy, e, 'progress-updates', '2024-12-19T10:00:00Z')).toBe('2024-12-30');
    e = applyEvent(policy, e, {
      type: 'RECORD',
      at: '2024-12-19T11:00:00Z',
      record: { kind: 'notification', to: 'Partnership Manager' },
    });
    // The notice restarts the 5-day clock: 20, 23, 24, 27, 30 December.
    expect(due(policy, e, 'notify-at-commencement', '2024-12-19T11:00:00Z')).toBeUndefined();
    expect(due(policy, e, 'progress-updates', '2024-12-19T11:00:00Z')).toBe('2024-12-30');
    // No update after that: due 30 December, then every 5 working days: 7 January (31, 2, 3, 6, 7),
    // 14 January (8, 9, 10, 13, 14), 21 January. On 20 January three rounds have fallen due unmet.
    const updates = (x: typeof e) =>
      getStatus(policy, x, '2025-01-20T10:00:00Z').deadlines.find((d) => d.rule === 'progress-updates');
    const expected = { dueDate: '2024-12-30', overdue: true, roundsMissed: 3, nextRoundAt: '2025-01-21T23:59:59.999Z' };
    expect(updates(e)).toMatchObject(expected);
    expect(updates(advanceTo(policy, e, '2025-01-20T10:00:00Z'))).toMatchObject(expected);
  });

  it('tells the Partnership Manager, and after Stage Two the Partnership Representative, of the resolution', () => {
    const one = applyEvent(policy, stageOne(), { type: 'RESOLVE', at: '2024-12-20T12:00:00Z', outcome: 'Agreed' });
    const owedOne = getStatus(policy, one, '2024-12-20T12:00:00Z').requiredActions.map((a) => a.obligation);
    expect(owedOne).toContain('partnership-manager-told-of-resolution#1');
    expect(owedOne).not.toContain('representative-told-of-resolution#1');
    const two = applyEvent(policy, applyEvent(policy, stageOne(), { type: 'ESCALATE', at: '2024-12-20T10:00:00Z' }), {
      type: 'RESOLVE',
      at: '2024-12-23T12:00:00Z',
      outcome: 'Agreed',
    });
    expect(getStatus(policy, two, '2024-12-23T12:00:00Z').requiredActions.map((a) => a.obligation)).toEqual(
      expect.arrayContaining(['partnership-manager-told-of-resolution#1', 'representative-told-of-resolution#1']),
    );
    // The escalation record sent to the Partnership Manager's mailbox tells them.
    const sent = applyEvent(policy, one, {
      type: 'RECORD',
      at: '2024-12-20T13:00:00Z',
      record: { kind: 'form', form: 'escalation-record', to: 'SafeguardingUnit@barnsley.gov.uk' },
    });
    expect(getStatus(policy, sent, '2024-12-20T13:00:00Z').requiredActions.map((a) => a.obligation)).not.toEqual(
      expect.arrayContaining(['partnership-manager-told-of-resolution#1']),
    );
  });

  it('keeps the commencement notice, the escalation record and the record to the Partnership Manager owed when the escalation is withdrawn', () => {
    const w = applyEvent(policy, stageOne(), {
      type: 'WITHDRAW',
      at: '2024-12-20T12:00:00Z',
      reason: 'The plan was changed',
    });
    const owed = getStatus(policy, w, '2024-12-20T12:00:00Z').requiredActions.map((a) => a.obligation);
    expect(owed).toEqual(
      expect.arrayContaining(['notify-at-commencement#1', 'escalation-record#1', 'record-to-partnership-manager#1']),
    );
    expect(owed).not.toContain('progress-updates#1');
    expect(owed).not.toContain('stage-1-resolution#1');
  });

  it('lets a significant risk recorded on the case take it straight to Stage 3', () => {
    const risky = applyEvent(policy, stageOne(), {
      type: 'RISK',
      risk: 'significant-risk',
      at: '2024-12-19T12:00:00Z',
    });
    const jumped = applyEvent(policy, risky, { type: 'EXPEDITE', to: 'stage-3', at: '2024-12-20T10:00:00Z' });
    expect(entered(jumped, 'stage-3')).toMatchObject({
      rule: 'significant-concerns',
      riskReliedOn: { risk: 'significant-risk' },
    });
  });

  it('takes a written confirmation sent on Friday 3 January 2025 and logged on Monday 6th as on time (due 3 January: 27, 30, 31 December, 2, 3 January, across New Year’s Day)', () => {
    const r = applyEvent(policy, stageOne(), {
      type: 'RESOLVE',
      at: '2024-12-24T12:00:00Z',
      outcome: 'Child in need plan amended',
    });
    const swept = advanceTo(policy, r, '2025-01-04T01:00:00Z'); // the Saturday night sweep
    const passed = swept.history.find((h) => h.type === 'deadline-passed' && h.rule === 'written-confirmation')!;
    const logged = applyEvent(policy, swept, {
      type: 'RECORD',
      at: '2025-01-03T16:00:00Z',
      recordedAt: '2025-01-06T09:00:00Z',
      record: { kind: 'written-confirmation', to: 'their counterpart' },
    });
    expect(logged.history).toContainEqual(passed);
    expect(logged.history.find((h) => h.type === 'obligation-met' && h.rule === 'written-confirmation')).toMatchObject({
      onTime: true,
      corrects: passed.seq,
      metAt: '2025-01-03T16:00:00.000Z',
    });
    expect(getStatus(policy, logged, '2025-01-06T09:00:00Z').deadlines.map((d) => d.rule)).not.toContain(
      'written-confirmation',
    );
  });

  it('goes straight to Stage 3 for significant concerns, and not otherwise', () => {
    const direct = startEscalation(policy, { id: 'B', raisedAt, startStage: 'stage-3', reason: 'significant-risk' });
    expect(direct.stage).toBe('stage-3');
    const jumped = applyEvent(policy, stageOne(), {
      type: 'EXPEDITE',
      to: 'stage-3',
      reason: 'significant-risk',
      at: '2024-12-20T10:00:00Z',
    });
    expect(entered(jumped, 'stage-3')).toMatchObject({ how: 'expedited', rule: 'significant-concerns' });
    const err = refused(
      () => applyEvent(policy, stageOne(), { type: 'EXPEDITE', to: 'stage-3', at: '2024-12-20T10:00:00Z' }),
      'NOT_PERMITTED',
    );
    expect(err.message).toContain('significant concerns');
  });

  it('confirms the agreed outcome in writing within a further 5 working days after resolution, across New Year', () => {
    const r = applyEvent(policy, stageOne(), {
      type: 'RESOLVE',
      at: '2024-12-24T12:00:00Z',
      outcome: 'Child in need plan amended',
    });
    // 27, 30, 31 December, 2, 3 January.
    expect(due(policy, r, 'written-confirmation', '2024-12-24T12:00:00Z')).toBe('2025-01-03');
    expect(getStatus(policy, r, '2024-12-24T12:00:00Z').requiredActions.map((a) => a.obligation)).toEqual(
      expect.arrayContaining(['tell-the-raiser#1', 'record-to-partnership-manager#1', 'escalation-record#1']),
    );
    const late = advanceTo(policy, r, '2025-01-06T09:00:00Z');
    expect(late.history.find((h) => h.type === 'deadline-passed' && h.rule === 'written-confirmation')).toMatchObject({
      kind: 'after-resolution',
      dueAt: '2025-01-03T23:59:59.999Z',
    });
  });

  it('after a Stage 3 resolution, the Partnership Manager informs all involved; no written confirmation is due', () => {
    const e = startEscalation(policy, { id: 'B', raisedAt, startStage: 'stage-3', risk: 'imminent-risk' });
    const r = applyEvent(policy, e, {
      type: 'RESOLVE',
      at: '2024-12-20T12:00:00Z',
      outcome: 'Executives agreed a plan',
    });
    const owed = getStatus(policy, r, '2024-12-20T12:00:00Z').requiredActions.map((a) => a.obligation);
    expect(owed).toContain('inform-all-of-conclusion#1');
    expect(owed).not.toContain('written-confirmation#1');
  });

  it('counts Stage Two across Easter 2025 and tells the Partnership representative', () => {
    let e = startEscalation(policy, { id: 'B', raisedAt: '2025-04-10T09:00:00Z' });
    e = applyEvent(policy, e, { type: 'ESCALATE', at: '2025-04-10T10:00:00Z' });
    e = applyEvent(policy, e, { type: 'ESCALATE', at: '2025-04-16T10:00:00Z' });
    // 17, 22, 23, 24, 25 April (18 and 21 are Good Friday and Easter Monday).
    expect(getStatus(policy, e, '2025-04-16T10:00:00Z').stageDeadline?.dueDate).toBe('2025-04-25');
    expect(getStatus(policy, e, '2025-04-16T10:00:00Z').requiredActions.map((a) => a.obligation)).toContain(
      'partnership-representative#1',
    );
  });

  it('takes a written confirmation sent on Friday 23 May 2025 and logged on Tuesday 27th, after the weekend and the Spring bank holiday, as on time (resolved 16 May; due 23 May: 19, 20, 21, 22, 23)', () => {
    const r = applyEvent(policy, stageOneOn('2025-05-13T09:00:00Z'), {
      type: 'RESOLVE',
      at: '2025-05-16T11:00:00+01:00',
      outcome: 'Child in need plan amended',
    });
    expect(due(policy, r, 'written-confirmation', '2025-05-16T10:00:00Z')).toBe('2025-05-23');
    const swept = advanceTo(policy, r, '2025-05-24T01:00:00Z');
    const passed = swept.history.find((h) => h.type === 'deadline-passed' && h.rule === 'written-confirmation')!;
    const logged = applyEvent(policy, swept, {
      type: 'RECORD',
      at: '2025-05-23T16:00:00+01:00',
      recordedAt: '2025-05-27T09:00:00+01:00',
      record: { kind: 'written-confirmation', to: 'their counterpart' },
    });
    expect(logged.history.find((h) => h.type === 'obligation-met' && h.rule === 'written-confirmation')).toMatchObject({
      onTime: true,
      corrects: passed.seq,
      metAt: '2025-05-23T15:00:00.000Z',
      at: '2025-05-27T08:00:00.000Z',
    });
    expect(getStatus(policy, logged, '2025-05-27T08:00:00Z').deadlines.map((d) => d.rule)).not.toContain(
      'written-confirmation',
    );
  });

  it('takes a written confirmation sent on Maundy Thursday 2025 and logged on Tuesday 22 April, after Good Friday, the weekend and Easter Monday, as on time (resolved 10 April; due 17 April: 11, 14, 15, 16, 17)', () => {
    const r = applyEvent(policy, stageOneOn('2025-04-08T09:00:00Z'), {
      type: 'RESOLVE',
      at: '2025-04-10T15:00:00+01:00',
      outcome: 'Agreed',
    });
    expect(due(policy, r, 'written-confirmation', '2025-04-10T14:00:00Z')).toBe('2025-04-17');
    const logged = applyEvent(policy, r, {
      type: 'RECORD',
      at: '2025-04-17T17:00:00+01:00',
      recordedAt: '2025-04-22T09:00:00+01:00',
      record: { kind: 'form', form: 'escalation-record', to: 'their counterpart' },
    });
    // No sweep ran over Easter: the deadline is recorded as passed when the record is learned, and met on time.
    const passed = logged.history.find((h) => h.type === 'deadline-passed' && h.rule === 'written-confirmation')!;
    expect(passed).toMatchObject({ dueAt: '2025-04-17T22:59:59.999Z' });
    expect(logged.history.find((h) => h.type === 'obligation-met' && h.rule === 'written-confirmation')).toMatchObject({
      onTime: true,
      corrects: passed.seq,
      metAt: '2025-04-17T16:00:00.000Z',
    });
  });

  it('counts the written confirmation from a resolution on Maundy Thursday 2025 logged on Tuesday 22 April, and takes the confirmation sent that morning and logged first (due 28 April: 22, 23, 24, 25, 28)', () => {
    const confirmed = applyEvent(policy, stageOneOn('2025-04-14T09:00:00Z'), {
      type: 'RECORD',
      at: '2025-04-22T08:30:00+01:00',
      record: { kind: 'written-confirmation', to: 'their counterpart' },
    });
    const r = applyEvent(policy, confirmed, {
      type: 'RESOLVE',
      at: '2025-04-17T12:00:00+01:00',
      recordedAt: '2025-04-22T09:00:00+01:00',
      outcome: 'Agreed',
    });
    expect(r.obligations.find((o) => o.rule === 'written-confirmation')).toMatchObject({
      dueDate: '2025-04-28',
      status: 'met',
      metAt: '2025-04-22T07:30:00.000Z',
    });
    expect(getStatus(policy, r, '2025-04-22T08:00:00Z').requiredActions.map((a) => a.obligation)).not.toContain(
      'written-confirmation#1',
    );
  });
});
