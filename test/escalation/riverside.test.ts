import { describe, expect, it } from 'vitest';
import {
  advanceTo,
  applyEvent,
  getStatus,
  restoreEscalation,
  startEscalation,
  ukCalendar,
  type Escalation,
} from '../../src/index.js';
import { riverside, seftonShape } from '../fixtures/policies.js';
import { refused } from '../helpers.js';

const raisedAt = '2024-12-19T10:00:00Z'; // Thursday 19 December 2024
const start = () =>
  startEscalation(riverside, { id: 'ESC-1', raisedAt, raisedBy: { role: 'Health visitor', agency: 'Health' } });

describe('a Riverside escalation across Christmas', () => {
  it('starts at stage 1 with its deadline 2 working days on', () => {
    const e = start();
    const s = getStatus(riverside, e, raisedAt);
    expect(s.open).toBe(true);
    expect(s.stage).toEqual({ id: 'stage-1', number: 1, title: 'Practitioners' });
    expect(s.stageDeadline).toEqual({
      dueDate: '2024-12-23',
      dueAt: '2024-12-23T23:59:59.999Z',
      overdue: false,
      workingDaysRemaining: 2,
    });
    // The whole process: 10 working days from 19 December is 7 January.
    expect(s.deadlines.find((d) => d.rule === 'whole-process')?.dueDate).toBe('2025-01-07');
    expect(s.allowedEvents).toContainEqual({ type: 'ESCALATE', to: 'stage-2' });
    expect(s.allowedEvents).toContainEqual({
      type: 'EXPEDITE',
      to: 'stage-3',
      requires: 'imminent-risk',
      rule: 'expedite-imminent',
    });
  });

  it('warns before the deadline bites', () => {
    const e = start();
    expect(getStatus(riverside, e, '2024-12-20T09:00:00Z').deadlines[0]).toMatchObject({
      dueDate: '2024-12-23',
      state: 'due-next-working-day',
      workingDaysRemaining: 1,
    });
    expect(getStatus(riverside, e, '2024-12-23T09:00:00Z').deadlines[0]).toMatchObject({
      state: 'due-today',
      workingDaysRemaining: 0,
      overdue: false,
    });
    expect(getStatus(riverside, e, '2024-12-24T00:00:00Z').deadlines[0]).toMatchObject({
      state: 'overdue',
      overdue: true,
      workingDaysRemaining: -1,
    });
  });

  it('escalates to stage 2 and records the stage 1 deadline as met', () => {
    const e = applyEvent(riverside, start(), { type: 'ESCALATE', at: '2024-12-23T15:00:00Z', id: 'ev-1' });
    const ended = e.history.find((h) => h.type === 'stage-ended')!;
    expect(ended).toMatchObject({ stage: 'stage-1', deadlines: [{ rule: 'stage-1-resolution', outcome: 'met' }] });
    // Stage 2: 2 working days from Monday 23 December: Tuesday 24, Friday 27.
    expect(getStatus(riverside, e, '2024-12-23T15:00:00Z').stageDeadline?.dueDate).toBe('2024-12-27');
  });

  it('records a stage deadline missed when the stage ends late, with how late', () => {
    const e = applyEvent(riverside, start(), { type: 'ESCALATE', at: '2024-12-27T10:00:00Z' });
    expect(e.history.find((h) => h.type === 'deadline-passed')).toMatchObject({
      rule: 'stage-1-resolution',
      at: '2024-12-23T23:59:59.999Z',
    });
    expect(e.history.find((h) => h.type === 'stage-ended')).toMatchObject({
      deadlines: [{ outcome: 'missed', workingDaysLate: 2 }],
    });
  });

  it('expedites to stage 3 only for imminent risk, citing the rule otherwise', () => {
    const err = refused(
      () => applyEvent(riverside, start(), { type: 'EXPEDITE', to: 'stage-3', at: '2024-12-20T10:00:00Z' }),
      'NOT_PERMITTED',
    );
    expect(err.message).toContain('stage-3');
    expect(err.message).toContain('section 3');
    expect(err.message).toContain('imminent');
    const e = applyEvent(riverside, start(), {
      type: 'EXPEDITE',
      to: 'stage-3',
      reason: 'imminent-risk',
      at: '2024-12-20T10:00:00Z',
    });
    expect(e.stage).toBe('stage-3');
    expect(e.risk).toBe('imminent-risk');
    expect(e.history.find((h) => h.type === 'stage-entered' && h.stage === 'stage-3')).toMatchObject({
      how: 'expedited',
      rule: 'expedite-imminent',
      reason: 'imminent-risk',
      from: 'stage-1',
    });
  });

  it('reports the missing template as a required action, due the day stage 3 began, and never refuses for it', () => {
    let e = applyEvent(riverside, start(), { type: 'ESCALATE', at: '2024-12-20T10:00:00Z' });
    e = applyEvent(riverside, e, { type: 'ESCALATE', at: '2024-12-24T10:00:00Z' });
    const s = getStatus(riverside, e, '2024-12-27T10:00:00Z');
    expect(s.requiredActions.find((a) => a.obligation === 'template#1')).toMatchObject({
      dueDate: '2024-12-24',
      overdue: true,
      who: 'Stage 2 managers',
    });
    // Stage 3: 10 working days from Tuesday 24 December: 27, 30, 31, 2, 3, 6, 7, 8, 9, 10 January.
    expect(s.stageDeadline?.dueDate).toBe('2025-01-10');
    const resolved = applyEvent(riverside, e, {
      type: 'RESOLVE',
      at: '2024-12-30T10:00:00Z',
      outcome: 'Assessment agreed',
    });
    expect(getStatus(riverside, resolved, '2024-12-30T10:00:00Z').requiredActions.map((a) => a.obligation)).toContain(
      'template#1',
    );
  });

  it('keeps obligations that outlive resolution, and accepts only the records that meet them', () => {
    const r = applyEvent(riverside, start(), {
      type: 'RESOLVE',
      at: '2024-12-20T16:00:00Z',
      outcome: 'Referral accepted',
    });
    const s = getStatus(riverside, r, '2024-12-20T16:00:00Z');
    expect(s.open).toBe(false);
    // 5 working days from Friday 20 December: 23, 24, 27, 30, 31.
    expect(s.deadlines).toEqual([
      expect.objectContaining({ rule: 'confirm-outcome', dueDate: '2024-12-31', kind: 'after-resolution' }),
    ]);
    expect(s.allowedEvents).toEqual([{ type: 'RECORD' }]);
    refused(() => applyEvent(riverside, r, { type: 'ESCALATE', at: '2024-12-23T10:00:00Z' }), 'CLOSED');
    const done = applyEvent(riverside, r, {
      type: 'RECORD',
      at: '2024-12-23T10:00:00Z',
      record: { kind: 'written-confirmation' },
    });
    expect(getStatus(riverside, done, '2024-12-23T10:00:00Z').deadlines).toEqual([]);
    refused(
      () =>
        applyEvent(riverside, done, {
          type: 'RECORD',
          at: '2024-12-23T11:00:00Z',
          record: { kind: 'note', summary: 'x' },
        }),
      'CLOSED',
    );
  });

  it('extends a guidance timescale with a reason and who agreed, but never a maximum', () => {
    const e = applyEvent(riverside, start(), { type: 'ESCALATE', at: '2024-12-20T10:00:00Z' });
    const err = refused(
      () =>
        applyEvent(riverside, e, {
          type: 'EXTEND',
          at: '2024-12-20T11:00:00Z',
          obligation: 'whole-process',
          to: '2025-01-20',
          reason: 'x',
          agreedBy: 'y',
        }),
      'NOT_PERMITTED',
    );
    expect(err.message).toMatch(/maximum/);
    const x = applyEvent(riverside, e, {
      type: 'EXTEND',
      at: '2024-12-20T11:00:00Z',
      obligation: 'stage-2-resolution',
      to: '2025-01-03',
      reason: 'Key worker on leave',
      agreedBy: 'Both team managers',
    });
    expect(getStatus(riverside, x, '2024-12-20T11:00:00Z').stageDeadline?.dueDate).toBe('2025-01-03');
    expect(x.history.at(-1)).toMatchObject({
      type: 'extended',
      from: '2024-12-24',
      to: '2025-01-03',
      agreedBy: 'Both team managers',
    });
  });

  it('starts at a later stage only for the risk its rule names', () => {
    const err = refused(
      () => startEscalation(riverside, { id: 'E', raisedAt, startStage: 'stage-2' }),
      'NOT_PERMITTED',
    );
    expect(err.message).toContain('section 4');
    expect(
      startEscalation(riverside, { id: 'E', raisedAt, startStage: 'stage-2', reason: 'immediate-harm' }).stage,
    ).toBe('stage-2');
    expect(startEscalation(riverside, { id: 'E', raisedAt, startStage: 'stage-2', risk: 'imminent-risk' }).stage).toBe(
      'stage-2',
    );
    refused(
      () => startEscalation(riverside, { id: 'E', raisedAt, startStage: 'stage-3', risk: 'imminent-risk' }),
      'NOT_PERMITTED',
    );
    refused(() => startEscalation(riverside, { id: 'E', raisedAt, startStage: 'stage-9' }), 'UNKNOWN_STAGE');
  });

  it('keeps a recurring update overdue until it is made, with how many rounds were missed, swept or not', () => {
    const e = applyEvent(riverside, start(), { type: 'ESCALATE', at: '2024-12-20T10:00:00Z' });
    // Updates from Friday 20 December every 5 working days: 31 Dec, 8 Jan, 15 Jan, 22 Jan.
    const now = '2025-01-20T12:00:00Z';
    const reminder = (x: Escalation) =>
      getStatus(riverside, x, now).deadlines.find((d) => d.rule === 'manager-updates');
    const expected = { dueDate: '2024-12-31', overdue: true, roundsMissed: 3, nextRoundAt: '2025-01-22T23:59:59.999Z' };
    expect(reminder(e)).toMatchObject(expected);
    // A sweep writes it down once, and changes nothing the status says.
    const swept = advanceTo(riverside, advanceTo(riverside, e, '2025-01-02T00:00:00Z'), now);
    expect(swept.history.filter((h) => h.type === 'deadline-passed' && h.rule === 'manager-updates')).toHaveLength(1);
    expect(reminder(swept)).toMatchObject(expected);
    // The update, made late, meets it, says how many rounds it missed, and starts the next round.
    const updated = applyEvent(riverside, swept, {
      type: 'RECORD',
      at: '2025-01-21T09:00:00Z',
      record: { kind: 'notification', to: 'Partnership Manager' },
    });
    expect(updated.history.find((h) => h.type === 'obligation-met' && h.rule === 'manager-updates')).toMatchObject({
      onTime: false,
      roundsMissed: 3,
    });
    expect(
      getStatus(riverside, updated, '2025-01-21T09:00:00Z').deadlines.find((d) => d.rule === 'manager-updates'),
    ).toMatchObject({ dueDate: '2025-01-28', overdue: false });
  });

  it('fires each timer exactly once, in time order', () => {
    const e = advanceTo(riverside, start(), '2025-02-01T00:00:00Z');
    const fired = e.history.filter((h) => h.type === 'deadline-passed' || h.type === 'cap-breached');
    expect(fired.map((h) => [h.type, h.rule, h.at])).toEqual([
      ['deadline-passed', 'stage-1-resolution', '2024-12-23T23:59:59.999Z'],
      ['cap-breached', 'whole-process', '2025-01-07T23:59:59.999Z'],
    ]);
    const again = advanceTo(riverside, e, '2025-03-01T00:00:00Z');
    expect(again.history.filter((h) => h.type === 'deadline-passed' || h.type === 'cap-breached')).toHaveLength(2);
  });

  it('moves running deadlines when the case’s calendar gains a closure, and keeps the ones already settled', () => {
    const e = applyEvent(riverside, start(), { type: 'ESCALATE', at: '2024-12-20T10:00:00Z' });
    const closed = ukCalendar('england-and-wales', { closures: ['2024-12-24'] });
    // Stage 2 from Friday 20 December: 23, 24 → with 24 closed: 23, 27.
    expect(getStatus(riverside, e, '2024-12-20T10:00:00Z').stageDeadline?.dueDate).toBe('2024-12-24');
    // Another calendar cannot be slipped in on one call: the case records the calendar it counts on.
    refused(() => getStatus(riverside, e, '2024-12-20T10:00:00Z', { calendar: closed }), 'CALENDAR_MISMATCH');
    const moved = applyEvent(riverside, e, {
      type: 'CALENDAR',
      at: '2024-12-20T12:00:00Z',
      closures: ['2024-12-24'],
      reason: 'Office closed on Christmas Eve',
    });
    expect(moved.calendar.closures).toEqual(['2024-12-24']);
    expect(moved.obligations.find((o) => o.id === 'stage-2-resolution#1')?.dueDate).toBe('2024-12-27');
    expect(moved.obligations.find((o) => o.id === 'stage-1-resolution#1')).toMatchObject({
      status: 'met',
      dueDate: '2024-12-23',
    });
    expect(moved.history.at(-1)).toMatchObject({
      type: 'calendar-changed',
      moved: expect.arrayContaining(['stage-2-resolution#1']),
    });
    // From then on every call counts on it, given or not; given, it must be that calendar.
    expect(getStatus(riverside, moved, '2024-12-20T12:00:00Z').stageDeadline?.dueDate).toBe('2024-12-27');
    expect(getStatus(riverside, moved, '2024-12-20T12:00:00Z', { calendar: closed }).stageDeadline?.dueDate).toBe(
      '2024-12-27',
    );
  });

  it('ignores a redelivered event, refuses a reused id and what is learned out of order, and never changes its input', () => {
    const e = start();
    const frozen = JSON.stringify(e);
    const once = applyEvent(riverside, e, {
      type: 'RECORD',
      id: 'rec-1',
      at: '2024-12-20T10:00:00Z',
      record: { kind: 'discussion' },
    });
    expect(
      applyEvent(riverside, once, {
        type: 'RECORD',
        id: 'rec-1',
        at: '2024-12-20T10:00:00Z',
        record: { kind: 'discussion' },
      }),
    ).toBe(once);
    refused(
      () => applyEvent(riverside, once, { type: 'ESCALATE', id: 'rec-1', at: '2024-12-20T11:00:00Z' }),
      'DUPLICATE_EVENT_ID',
    );
    refused(
      () =>
        applyEvent(riverside, once, {
          type: 'ESCALATE',
          at: '2024-12-20T09:00:00Z',
          recordedAt: '2024-12-20T09:30:00Z',
        }),
      'OUT_OF_ORDER',
    );
    refused(() => applyEvent(riverside, once, { type: 'ESCALATE', at: '2024-12-19T09:00:00Z' }), 'INVALID_EVENT'); // before the raising
    expect(JSON.stringify(e)).toBe(frozen);
  });

  it('survives the JSON round trip', () => {
    let e: Escalation = applyEvent(riverside, start(), { type: 'ESCALATE', at: '2024-12-20T10:00:00Z' });
    const json = JSON.stringify(e);
    const back = restoreEscalation(riverside, json);
    expect(back).toEqual(e);
    e = applyEvent(riverside, back, { type: 'RESOLVE', at: '2024-12-23T10:00:00Z', outcome: 'Agreed' });
    expect(e.status).toBe('resolved');
    // Any copy is the escalation: the answer depends on its value, not on which object was passed.
    const resolve = { type: 'RESOLVE', at: '2024-12-23T10:00:00Z', outcome: 'Agreed' } as const;
    for (const copy of [JSON.parse(json), structuredClone(back), { ...back }, new Proxy(back, {})])
      expect(applyEvent(riverside, copy, resolve)).toEqual(e);
    refused(() => applyEvent(seftonShape, JSON.parse(json), resolve), 'POLICY_MISMATCH');
  });
});

describe('nextTimer, for a host that keeps a live process', () => {
  it('says when to wake next, in delays setTimeout can hold', async () => {
    const { nextTimer, MAX_TIMEOUT_MS } = await import('../../src/index.js');
    const e = startEscalation(riverside, { id: 'T', raisedAt: '2024-12-19T10:00:00Z' });
    const t = nextTimer(riverside, e, '2024-12-19T10:00:00Z')!;
    expect(t).toMatchObject({ obligation: 'stage-1-resolution#1', dueAt: '2024-12-23T23:59:59.999Z', hop: false });
    expect(t.delayMs).toBe(Date.parse('2024-12-24T00:00:00.000Z') - Date.parse('2024-12-19T10:00:00Z'));
    expect(t.firesAt).toBe('2024-12-24T00:00:00.000Z');
    // A deadline more than 24.8 days off is reached in hops.
    const resolved = applyEvent(riverside, e, { type: 'RESOLVE', at: '2024-12-19T11:00:00Z', outcome: 'Agreed' });
    const hop = nextTimer(riverside, e, '2024-11-01T00:00:00Z');
    expect(hop).toMatchObject({ hop: true, delayMs: MAX_TIMEOUT_MS });
    // Once everything has fired or been met, there is nothing to wait for.
    const done = applyEvent(riverside, resolved, {
      type: 'RECORD',
      at: '2024-12-20T10:00:00Z',
      record: { kind: 'written-confirmation' },
    });
    expect(nextTimer(riverside, done, '2024-12-20T10:00:00Z')).toBeNull();
  });
});
