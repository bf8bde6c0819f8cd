// Scenarios that follow the Suffolk text with concrete dates, worked by hand.
import { describe, expect, it } from 'vitest';
import { advanceTo, applyEvent, getStatus, policies, startEscalation } from '../../src/index.js';
import { due, entered } from '../helpers.js';

const policy = policies.suffolk;
// Friday 20 December 2024: the example of the CLI's timeline too.
const raisedAt = '2024-12-20T10:00:00Z';
const start = () => startEscalation(policy, { id: 'SUF-1', raisedAt, concern: { nature: 'plan-effectiveness' } });
const discussed = (at: string, recordedAt?: string) =>
  applyEvent(policy, start(), {
    type: 'RECORD',
    at,
    ...(recordedAt ? { recordedAt } : {}),
    record: { kind: 'meeting' },
  });

describe('Suffolk', () => {
  it('wants the Stage 1 discussion within 3 working days of the concerns: 20 → 27 December 2024 (23, 24, 27)', () => {
    expect(due(policy, start(), 'stage-1-discussion', raisedAt)).toBe('2024-12-27');
  });

  it('counts the Stage 5 cap from the day of Stage 1, the discussion: held 24 December, Stage 5 by 3 January (27, 30, 31, 2, 3)', () => {
    // Before the discussion there is no cap yet.
    expect(due(policy, start(), 'stage-5-cap', raisedAt)).toBeUndefined();
    expect(due(policy, discussed('2024-12-24T11:00:00Z'), 'stage-5-cap', '2024-12-24T11:00:00Z')).toBe('2025-01-03');
  });

  it('counts the cap from Stage 2 when the case moved on without a recorded discussion: 23 December → 2 January (24, 27, 30, 31, 2)', () => {
    const e = applyEvent(policy, start(), { type: 'ESCALATE', at: '2024-12-23T10:00:00Z' });
    expect(due(policy, e, 'stage-5-cap', '2024-12-23T10:00:00Z')).toBe('2025-01-02');
  });

  it('counts Stage 2 from the Stage 1 discussion: no longer than one working day later', () => {
    const e = discussed('2024-12-24T11:00:00Z', '2024-12-24T16:00:00Z');
    expect(due(policy, e, 'stage-2-manager', '2024-12-24T16:00:00Z')).toBe('2024-12-27');
    expect(e.history.find((h) => h.type === 'obligation-met' && h.rule === 'stage-1-discussion')).toMatchObject({
      onTime: true,
      metAt: '2024-12-24T11:00:00.000Z',
    });
  });

  it('gives Stage 4 three working days of Stage 3, across New Year (31, 2, 3)', () => {
    let e = applyEvent(policy, start(), { type: 'ESCALATE', at: '2024-12-23T10:00:00Z' });
    e = applyEvent(policy, e, { type: 'ESCALATE', at: '2024-12-30T10:00:00Z' });
    expect(due(policy, e, 'stage-4-head-of-safeguarding', '2024-12-30T10:00:00Z')).toBe('2025-01-03');
    // The Escalation Record Form is due by Stage 3.
    expect(due(policy, e, 'escalation-record-form', '2024-12-30T10:00:00Z')).toBe('2024-12-30');
  });

  it('lets stages be skipped freely, straight to the final stage, owing nothing more of the stage left', () => {
    const e = applyEvent(policy, start(), { type: 'EXPEDITE', to: 'stage-5', at: '2024-12-20T11:00:00Z' });
    expect(entered(e, 'stage-5')).toMatchObject({ how: 'skipped', rule: 'flexible-stages' });
    expect(e.history.find((h) => h.type === 'stage-ended')).toMatchObject({
      deadlines: [expect.objectContaining({ rule: 'stage-1-discussion', outcome: 'skipped' })],
    });
    // Weeks later nothing of Stage 1 is overdue: only what Stage 5 owes, and the records.
    const s = getStatus(policy, e, '2025-01-20T10:00:00Z');
    expect(s.deadlines.map((d) => d.rule)).not.toContain('stage-1-discussion');
    expect(startEscalation(policy, { id: 'S2', raisedAt, startStage: 'stage-5' }).stage).toBe('stage-5');
  });

  it('meets the Stage 1 deadline by escalating, late when past its 3 days: due 27 December, escalated 30 December, 1 working day late', () => {
    const e = applyEvent(policy, start(), { type: 'ESCALATE', at: '2024-12-30T10:00:00Z' });
    expect(e.history.find((h) => h.type === 'stage-ended')).toMatchObject({
      deadlines: [expect.objectContaining({ rule: 'stage-1-discussion', outcome: 'missed', workingDaysLate: 1 })],
    });
  });

  it('counts an Escalation Record Form completed at Stage 1 for Stage 3, however many moves later', () => {
    let e = applyEvent(policy, start(), {
      type: 'RECORD',
      at: '2024-12-20T12:00:00Z',
      record: { kind: 'form', form: 'escalation-record-form' },
    });
    e = applyEvent(policy, e, { type: 'ESCALATE', at: '2024-12-23T10:00:00Z' });
    e = applyEvent(policy, e, { type: 'ESCALATE', at: '2024-12-24T10:00:00Z' });
    expect(e.history.find((h) => h.type === 'obligation-met' && h.rule === 'escalation-record-form')).toMatchObject({
      onTime: true,
      metAt: '2024-12-20T12:00:00.000Z',
    });
  });

  it('answers a Stage 5 escalation within 2 working days (24, 27), raised through the agency representative without a date of its own', () => {
    const e = applyEvent(policy, start(), { type: 'EXPEDITE', to: 'stage-5', at: '2024-12-23T11:00:00Z' });
    expect(due(policy, e, 'stage-5-response', '2024-12-23T11:00:00Z')).toBe('2024-12-27');
    expect(due(policy, e, 'stage-5-via-representative', '2024-12-23T11:00:00Z')).toBeNull();
    // A notice to the agency representative, by the text's own words, meets it.
    const told = applyEvent(policy, e, {
      type: 'RECORD',
      at: '2024-12-23T12:00:00Z',
      record: { kind: 'notification', to: 'The agency representative for the Partnership' },
    });
    expect(
      told.history.find((h) => h.type === 'obligation-met' && h.rule === 'stage-5-via-representative'),
    ).toBeDefined();
  });

  it('records the cap as breached when Stage 5 comes late: from Stage 2 on 23 December, due 2 January, reached 3 January', () => {
    let e = start();
    for (const at of ['2024-12-23T10:00:00Z', '2024-12-24T10:00:00Z', '2024-12-27T10:00:00Z', '2025-01-03T10:00:00Z'])
      e = applyEvent(policy, e, { type: 'ESCALATE', at });
    expect(e.stage).toBe('stage-5');
    expect(e.history.find((h) => h.type === 'cap-breached')).toMatchObject({
      rule: 'stage-5-cap',
      at: '2025-01-02T23:59:59.999Z',
    });
    expect(e.history.find((h) => h.type === 'obligation-met' && h.rule === 'stage-5-cap')).toMatchObject({
      onTime: false,
    });
  });

  it('keeps the form owed after resolution, and ends the cap, which resolution does not meet', () => {
    let e = applyEvent(policy, start(), { type: 'ESCALATE', at: '2024-12-20T12:00:00Z' });
    e = applyEvent(policy, e, { type: 'ESCALATE', at: '2024-12-20T13:00:00Z' });
    e = applyEvent(policy, e, { type: 'RESOLVE', at: '2024-12-23T12:00:00Z', outcome: 'Plan revised' });
    const s = getStatus(policy, advanceTo(policy, e, '2024-12-24T00:00:00Z'), '2024-12-24T00:00:00Z');
    expect(s.requiredActions.map((a) => a.obligation)).toContain('escalation-record-form#1');
    expect(s.deadlines.map((d) => d.rule)).not.toContain('stage-5-cap');
    expect(e.history.find((h) => h.type === 'obligation-void' && h.rule === 'stage-5-cap')).toMatchObject({
      reason: 'resolved',
    });
  });

  it('counts across Easter 2025: raised Maundy Thursday, discussion by 24 April (22, 23, 24), then Stage 5 by 1 May (25, 28, 29, 30, 1)', () => {
    const e = startEscalation(policy, { id: 'SUF-E', raisedAt: '2025-04-17T09:00:00Z' });
    expect(due(policy, e, 'stage-1-discussion', '2025-04-17T09:00:00Z')).toBe('2025-04-24');
    const met = applyEvent(policy, e, {
      type: 'RECORD',
      at: '2025-04-24T15:00:00+01:00',
      record: { kind: 'discussion' },
    });
    expect(due(policy, met, 'stage-5-cap', '2025-04-24T15:00:00Z')).toBe('2025-05-01');
  });

  it('takes a Stage 1 discussion held on Friday 27 December and written up on Monday 30th as on time, though a sweep on the Saturday logged it passed', () => {
    const swept = advanceTo(policy, start(), '2024-12-28T02:00:00Z');
    const passed = swept.history.find((h) => h.type === 'deadline-passed' && h.rule === 'stage-1-discussion');
    expect(passed).toMatchObject({ dueAt: '2024-12-27T23:59:59.999Z' });
    const late = applyEvent(policy, swept, {
      type: 'RECORD',
      at: '2024-12-27T16:00:00Z',
      recordedAt: '2024-12-30T09:00:00Z',
      record: { kind: 'meeting' },
    });
    // The passed entry stays; the met entry says it was on time, and which entry it corrects.
    expect(late.history).toContainEqual(passed);
    expect(late.history.find((h) => h.type === 'obligation-met' && h.rule === 'stage-1-discussion')).toMatchObject({
      onTime: true,
      metAt: '2024-12-27T16:00:00.000Z',
      corrects: passed!.seq,
      at: '2024-12-30T09:00:00.000Z',
    });
    // Stage 2 counts from the day the discussion was held: one working day later is Monday 30 December.
    expect(due(policy, late, 'stage-2-manager', '2024-12-30T09:00:00Z')).toBe('2024-12-30');
  });

  it('takes a Stage 1 discussion held on Friday 23 May 2025 and written up on Tuesday 27th, after the weekend and the Spring bank holiday, as on time (due 23 May: 21, 22, 23)', () => {
    const e = startEscalation(policy, { id: 'SUF-MAY', raisedAt: '2025-05-20T09:00:00Z' }); // Tuesday 20 May, 10:00 BST
    expect(due(policy, e, 'stage-1-discussion', '2025-05-20T09:00:00Z')).toBe('2025-05-23');
    const swept = advanceTo(policy, e, '2025-05-24T01:00:00Z'); // the Saturday night sweep logs it passed
    const passed = swept.history.find((h) => h.type === 'deadline-passed' && h.rule === 'stage-1-discussion')!;
    const late = applyEvent(policy, swept, {
      type: 'RECORD',
      at: '2025-05-23T15:00:00+01:00',
      recordedAt: '2025-05-27T09:00:00+01:00',
      record: { kind: 'meeting' },
    });
    expect(late.history.find((h) => h.type === 'obligation-met' && h.rule === 'stage-1-discussion')).toMatchObject({
      onTime: true,
      corrects: passed.seq,
      metAt: '2025-05-23T14:00:00.000Z',
      at: '2025-05-27T08:00:00.000Z',
    });
    // Stage 2 no longer than one working day after the discussion: Monday 26 May is a bank holiday, so
    // Tuesday 27th, the day it was written up. The cap: 27, 28, 29, 30 May, 2 June.
    expect(due(policy, late, 'stage-2-manager', '2025-05-27T08:00:00Z')).toBe('2025-05-27');
    expect(
      getStatus(policy, late, '2025-05-27T08:00:00Z').deadlines.find((d) => d.rule === 'stage-2-manager')?.state,
    ).toBe('due-today');
    expect(due(policy, late, 'stage-5-cap', '2025-05-27T08:00:00Z')).toBe('2025-06-02');
  });

  it('takes a Stage 1 discussion held on Christmas Eve 2025 and written up on Monday 29 December, after a colleague’s escalation that morning was logged first, as on time (due 24 December: 22, 23, 24)', () => {
    const e = startEscalation(policy, { id: 'SUF-XMAS', raisedAt: '2025-12-19T10:00:00Z' }); // Friday 19 December 2025
    expect(due(policy, e, 'stage-1-discussion', '2025-12-19T10:00:00Z')).toBe('2025-12-24');
    // The colleague escalates at 08:30 on Monday 29th: the discussion deadline is recorded as passed on
    // the 24th and met late by the escalation; Stage 2's cap counts from the 29th (30, 31, 2, 5, 6).
    const colleague = applyEvent(policy, e, { type: 'ESCALATE', at: '2025-12-29T08:30:00Z' });
    expect(colleague.history.find((h) => h.type === 'stage-ended')).toMatchObject({
      deadlines: [expect.objectContaining({ rule: 'stage-1-discussion', outcome: 'missed', workingDaysLate: 1 })],
    });
    expect(due(policy, colleague, 'stage-5-cap', '2025-12-29T08:30:00Z')).toBe('2026-01-06');
    const passed = colleague.history.find((h) => h.type === 'deadline-passed' && h.rule === 'stage-1-discussion')!;
    // The discussion, held at 11:00 on the 24th at Stage 1, is logged at 09:00 on the 29th.
    const late = applyEvent(policy, colleague, {
      type: 'RECORD',
      at: '2025-12-24T11:00:00Z',
      recordedAt: '2025-12-29T09:00:00Z',
      record: { kind: 'discussion' },
    });
    expect(late.stage).toBe('stage-2');
    expect(
      late.history.find(
        (h) => h.type === 'obligation-met' && h.rule === 'stage-1-discussion' && h.seq > colleague.history.length,
      ),
    ).toMatchObject({ onTime: true, corrects: passed.seq });
    // Stage 2 within one working day of the discussion: 25 and 26 December are bank holidays and 27, 28
    // a weekend, so Monday 29th, which the escalation at 08:30 met.
    expect(late.obligations.find((o) => o.rule === 'stage-2-manager')).toMatchObject({
      dueDate: '2025-12-29',
      status: 'met',
      metAt: '2025-12-29T08:30:00.000Z',
    });
    // The cap counts from the discussion: 29, 30, 31 December, 2 January (New Year’s Day is a bank holiday), 5 January.
    expect(late.history.find((h) => h.type === 'started-earlier' && h.rule === 'stage-5-cap')).toMatchObject({
      wasDueAt: '2026-01-06T23:59:59.999Z',
      dueAt: '2026-01-05T23:59:59.999Z',
    });
    expect(due(policy, late, 'stage-5-cap', '2025-12-29T09:00:00Z')).toBe('2026-01-05');
  });

  it('records a discussion held after its deadline as late however it is logged: due Friday 23 May 2025, held Tuesday 27th after the bank holiday, logged Wednesday', () => {
    const e = startEscalation(policy, { id: 'SUF-LATE', raisedAt: '2025-05-20T09:00:00Z' });
    const late = applyEvent(policy, e, {
      type: 'RECORD',
      at: '2025-05-27T10:00:00+01:00',
      recordedAt: '2025-05-28T09:00:00+01:00',
      record: { kind: 'meeting' },
    });
    const met = late.history.find((h) => h.type === 'obligation-met' && h.rule === 'stage-1-discussion');
    expect(met).toMatchObject({ onTime: false, metAt: '2025-05-27T09:00:00.000Z' });
    expect(met).not.toHaveProperty('corrects');
  });
});
