// When things happened and when they were learned: every type of event learned late, worked by hand.
// The contract is in docs/engine.md ("When things happened and when they were learned").
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  EscalationError,
  getStatus,
  policies,
  startEscalation,
  type Escalation,
  type EscalationEvent,
  type HistoryEntry,
  type Policy,
} from '../../src/index.js';
import { checkInvariants } from '../../src/testing/index.js';
import { due } from '../helpers.js';

const suffolk = policies.suffolk;
const barnsley = policies.barnsley;

const entries = <T extends HistoryEntry['type']>(e: Escalation, type: T) =>
  e.history.filter((h): h is Extract<HistoryEntry, { type: T }> => h.type === type);
const newEntries = (before: Escalation, after: Escalation) => after.history.slice(before.history.length);
const obligation = (e: Escalation, id: string) => e.obligations.find((o) => o.id === id);

// Suffolk, raised Friday 20 December 2024: the Stage 1 discussion is due in 3 working days (23, 24, 27).
const suffolkCase = () => startEscalation(suffolk, { id: 'SUF-L', raisedAt: '2024-12-20T10:00:00Z' });
// Barnsley, Stage One from Thursday 19 December 2024: 5 working days, 20, 23, 24, 27, 30 December.
const barnsleyStageOne = () =>
  applyEvent(barnsley, startEscalation(barnsley, { id: 'BAR-L', raisedAt: '2024-12-18T10:00:00Z' }), {
    type: 'ESCALATE',
    at: '2024-12-19T10:00:00Z',
  });

describe('a move learned after a later fact, made at the stage the case is still at', () => {
  it('escalates as of when it happened, and keeps the record learned first where it was applied', () => {
    // Two writers on Monday 23 December: a note at 10:00:03 commits first; the escalation made at 10:00:00 is retried.
    const noted = applyEvent(suffolk, suffolkCase(), {
      type: 'RECORD',
      id: 'b-1',
      at: '2024-12-23T10:00:03Z',
      record: { kind: 'note' },
    });
    const e = applyEvent(suffolk, noted, {
      type: 'ESCALATE',
      id: 'a-1',
      at: '2024-12-23T10:00:00Z',
      recordedAt: '2024-12-23T10:00:05Z',
    });
    expect(e.stage).toBe('stage-2');
    expect(entries(e, 'stage-entered').at(-1)).toMatchObject({
      stage: 'stage-2',
      at: '2024-12-23T10:00:05.000Z',
      happenedAt: '2024-12-23T10:00:00.000Z',
    });
    expect(entries(e, 'event').map((h) => h.event.id)).toEqual(['b-1', 'a-1']);
    expect(entries(e, 'move-overtaken')).toEqual([]);
  });

  it('lets a response recorded before the Stage 5 escalation was learned meet the response it owes', () => {
    // Expedited to Stage 5 on Monday 23 December at 11:00, logged on Tuesday; the Scrutineer's
    // response at 15:00 on Monday was logged at once. The response is due in 2 working days (24, 27).
    const responded = applyEvent(suffolk, suffolkCase(), {
      type: 'RECORD',
      at: '2024-12-23T15:00:00Z',
      record: { kind: 'response' },
    });
    const e = applyEvent(suffolk, responded, {
      type: 'EXPEDITE',
      to: 'stage-5',
      at: '2024-12-23T11:00:00Z',
      recordedAt: '2024-12-24T09:00:00Z',
    });
    expect(obligation(e, 'stage-5-response#1')).toMatchObject({
      status: 'met',
      metAt: '2024-12-23T15:00:00.000Z',
      dueDate: '2024-12-27',
    });
    expect(entries(e, 'obligation-met').find((h) => h.rule === 'stage-5-response')).toMatchObject({
      onTime: true,
      at: '2024-12-24T09:00:00.000Z',
    });
    expect(getStatus(suffolk, e, '2024-12-24T09:00:00Z').requiredActions.map((a) => a.obligation)).not.toContain(
      'stage-5-response#1',
    );
  });

  it('lets a written confirmation sent before the resolution was learned meet the confirmation owed after it', () => {
    // Barnsley: resolved at Stage One on Tuesday 24 December, logged Monday 30th; the written
    // confirmation, sent Friday 27th, was logged that day. Due 5 working days after: 27, 30, 31, 2, 3.
    const confirmed = applyEvent(barnsley, barnsleyStageOne(), {
      type: 'RECORD',
      at: '2024-12-27T10:00:00Z',
      record: { kind: 'written-confirmation', to: 'their counterpart' },
    });
    const e = applyEvent(barnsley, confirmed, {
      type: 'RESOLVE',
      at: '2024-12-24T12:00:00Z',
      recordedAt: '2024-12-30T09:00:00Z',
      outcome: 'Plan amended',
    });
    expect(e.status).toBe('resolved');
    expect(obligation(e, 'written-confirmation#1')).toMatchObject({
      status: 'met',
      dueDate: '2025-01-03',
      metAt: '2024-12-27T10:00:00.000Z',
    });
    expect(getStatus(barnsley, e, '2025-01-06T09:00:00Z').deadlines.map((d) => d.rule)).not.toContain(
      'written-confirmation',
    );
  });
});

describe('a move overtaken by another writer’s move, learned first though it happened later', () => {
  it('two escalations from Stage 1 a moment apart take the case to Stage 2 once, not to Stage 3', () => {
    const first = applyEvent(suffolk, suffolkCase(), { type: 'ESCALATE', id: 'a', at: '2024-12-23T10:00:02Z' });
    const e = applyEvent(suffolk, first, {
      type: 'ESCALATE',
      id: 'b',
      at: '2024-12-23T10:00:01Z',
      recordedAt: '2024-12-23T10:00:03Z',
    });
    expect(e.stage).toBe('stage-2');
    expect(entries(e, 'move-overtaken')).toEqual([
      expect.objectContaining({
        stage: 'stage-1',
        effect: 'none',
        by: entries(first, 'stage-entered').at(-1)!.seq,
        event: entries(e, 'event').at(-1)!.seq,
      }),
    ]);
    expect(entries(e, 'event').map((h) => h.event.id)).toEqual(['a', 'b']);
  });

  it('judges the deadlines by when the case really moved: Suffolk escalated by phone on Friday 27 December, logged Monday 30th after a colleague’s escalation that morning', () => {
    // The colleague's escalation at 08:30 on Monday 30 December met the Stage 1 discussion deadline
    // (due 27 December) one working day late, and started Stage 2's clocks from Monday.
    const colleague = applyEvent(suffolk, suffolkCase(), { type: 'ESCALATE', at: '2024-12-30T08:30:00Z' });
    expect(entries(colleague, 'stage-ended')[0]!.deadlines).toEqual([
      expect.objectContaining({ rule: 'stage-1-discussion', outcome: 'missed', workingDaysLate: 1 }),
    ]);
    const passed = entries(colleague, 'deadline-passed')[0]!; // the timer fired before the escalation was applied
    expect(due(suffolk, colleague, 'stage-3-liaison', '2024-12-30T08:30:00Z')).toBe('2024-12-31');
    expect(due(suffolk, colleague, 'stage-5-cap', '2024-12-30T08:30:00Z')).toBe('2025-01-07'); // 31, 2, 3, 6, 7
    const e = applyEvent(suffolk, colleague, {
      type: 'ESCALATE',
      at: '2024-12-27T16:00:00Z',
      recordedAt: '2024-12-30T09:30:00Z',
    });
    // Still Stage 2: the move was already made. Escalating on the 27th met the discussion deadline in time.
    expect(e.stage).toBe('stage-2');
    const added = newEntries(colleague, e);
    expect(added).toContainEqual(
      expect.objectContaining({
        type: 'obligation-met',
        rule: 'stage-1-discussion',
        onTime: true,
        metAt: '2024-12-27T16:00:00.000Z',
        corrects: passed.seq,
      }),
    );
    // Stage 2 began on Friday 27th: liaison within 1 working day is due Monday 30th; the cap, 5 working
    // days from Friday, Monday 6 January (30, 31, 2, 3, 6).
    expect(added).toContainEqual(
      expect.objectContaining({
        type: 'started-earlier',
        rule: 'stage-3-liaison',
        armedAt: '2024-12-27T16:00:00.000Z',
        was: '2024-12-30T08:30:00.000Z',
      }),
    );
    expect(due(suffolk, e, 'stage-3-liaison', '2024-12-30T09:30:00Z')).toBe('2024-12-30');
    expect(due(suffolk, e, 'stage-5-cap', '2024-12-30T09:30:00Z')).toBe('2025-01-06');
    // The history is append-only: what was written stays as it was; every promise holds.
    expect(e.history.slice(0, colleague.history.length)).toEqual(colleague.history);
    checkInvariants(suffolk, e, '2024-12-30T09:30:00Z', { previous: colleague });
  });

  it('takes the case on to the stage a jump was made to, judged by the rules of the stage it was made at', () => {
    // Barnsley, Friday 20 December at Stage One: one manager expedites to Stage 3 for significant
    // concerns at 10:00:00; another's escalation to Stage 2 at 10:00:02 commits first. From Stage 2,
    // Stage 3 is the next stage (an EXPEDITE there is refused: use ESCALATE); from Stage One the jump is allowed.
    const escalated = applyEvent(barnsley, barnsleyStageOne(), { type: 'ESCALATE', at: '2024-12-20T10:00:02Z' });
    const e = applyEvent(barnsley, escalated, {
      type: 'EXPEDITE',
      to: 'stage-3',
      reason: 'significant-risk',
      at: '2024-12-20T10:00:00Z',
      recordedAt: '2024-12-20T10:00:04Z',
    });
    expect(e.stage).toBe('stage-3');
    expect(entries(e, 'move-overtaken')).toEqual([expect.objectContaining({ stage: 'stage-1', effect: 'moved' })]);
    expect(entries(e, 'stage-entered').at(-1)).toMatchObject({
      stage: 'stage-3',
      from: 'stage-2',
      how: 'expedited',
      rule: 'significant-concerns',
      happenedAt: '2024-12-20T10:00:02.000Z',
    });
    // It keeps every promise: the jump names a rule that allows it from the stage it was made at.
    checkInvariants(barnsley, e, '2024-12-20T10:00:04Z', { previous: escalated });
  });

  it('closes an open case that a resolution learned late had closed before another writer escalated it', () => {
    // Barnsley: agreed at Stage One on Monday 23 December at 15:00, logged Tuesday 09:00; a colleague's
    // escalation to Stage 2 at 08:45 on Tuesday was learned first. The case closes, from Stage 2, as
    // of when Stage 2 began.
    const escalated = applyEvent(barnsley, barnsleyStageOne(), { type: 'ESCALATE', at: '2024-12-24T08:45:00Z' });
    const e = applyEvent(barnsley, escalated, {
      type: 'RESOLVE',
      at: '2024-12-23T15:00:00Z',
      recordedAt: '2024-12-24T09:00:00Z',
      outcome: 'Agreed a plan',
    });
    expect(e).toMatchObject({ status: 'resolved', stage: 'stage-2' });
    expect(entries(e, 'move-overtaken')).toEqual([expect.objectContaining({ stage: 'stage-1', effect: 'moved' })]);
    // The written confirmation counts from the closure, Tuesday 24th: 27, 30, 31 December, 2, 3 January.
    expect(due(barnsley, e, 'written-confirmation', '2024-12-24T09:00:00Z')).toBe('2025-01-03');
  });

  it('takes an escalation that happened before the resolution learned first: the case escalated, then closed at the stage it reached', () => {
    // Barnsley at Stage One: resolved at 15:00 on Monday 23 December 2024 (learned first); escalated
    // to Stage Two at 14:00 that day, logged at 16:00. Resolved at Stage Two, the case also owes the
    // Partnership Representative word of the resolution.
    const resolved = applyEvent(barnsley, barnsleyStageOne(), {
      type: 'RESOLVE',
      at: '2024-12-23T15:00:00Z',
      outcome: 'Agreed',
    });
    expect(
      getStatus(barnsley, resolved, '2024-12-23T15:00:00Z').requiredActions.map((a) => a.obligation),
    ).not.toContain('representative-told-of-resolution#1');
    const e = applyEvent(barnsley, resolved, {
      type: 'ESCALATE',
      at: '2024-12-23T14:00:00Z',
      recordedAt: '2024-12-23T16:00:00Z',
    });
    expect(e).toMatchObject({ status: 'resolved', state: 'resolved', stage: 'stage-2', outcome: 'Agreed' });
    expect(entries(e, 'stage-entered').at(-1)).toMatchObject({
      stage: 'stage-2',
      from: 'stage-1',
      happenedAt: '2024-12-23T14:00:00.000Z',
    });
    // Stage Two's own deadline ended with the resolution, an hour after it began.
    expect(obligation(e, 'stage-2-resolution#1')).toMatchObject({ status: 'met', metAt: '2024-12-23T15:00:00.000Z' });
    const owed = getStatus(barnsley, e, '2024-12-23T16:00:00Z').requiredActions.map((a) => a.obligation);
    expect(owed).toEqual(expect.arrayContaining(['written-confirmation#1', 'representative-told-of-resolution#1']));
    // A withdrawal that happened at 14:30, logged after, changes nothing: a case closes once.
    const withdrawn = applyEvent(barnsley, e, {
      type: 'WITHDRAW',
      at: '2024-12-23T14:30:00Z',
      recordedAt: '2024-12-23T16:05:00Z',
      reason: 'Plan changed',
    });
    expect(withdrawn).toMatchObject({ status: 'resolved', stage: 'stage-2' });
    checkInvariants(barnsley, withdrawn, '2024-12-23T16:05:00Z', { previous: resolved });
    expect(entries(withdrawn, 'move-overtaken')).toEqual([
      expect.objectContaining({ stage: 'stage-2', by: entries(resolved, 'event').at(-1)!.seq, effect: 'none' }),
    ]);
  });
});

describe('a jump that relies on the risk, learned after the closure', () => {
  it('names the risk it relied on, as a jump learned in time does', () => {
    // Barnsley at Stage One (from Thursday 19 December 2024): withdrawn at 11:00 on Friday 20th (learned
    // first); significant risk recorded at 10:00, and the jump to Stage 3 made at 10:30 without a reason,
    // both logged after. The jump is allowed for significant risk: the case's, recorded in the RISK entry.
    const withdrawn = applyEvent(barnsley, barnsleyStageOne(), {
      type: 'WITHDRAW',
      at: '2024-12-20T11:00:00Z',
      reason: 'Plan changed',
    });
    const risky = applyEvent(barnsley, withdrawn, {
      type: 'RISK',
      risk: 'significant-risk',
      at: '2024-12-20T10:00:00Z',
      recordedAt: '2024-12-20T12:00:00Z',
    });
    const e = applyEvent(barnsley, risky, {
      type: 'EXPEDITE',
      to: 'stage-3',
      at: '2024-12-20T10:30:00Z',
      recordedAt: '2024-12-20T12:05:00Z',
    });
    expect(e).toMatchObject({ status: 'withdrawn', stage: 'stage-3' });
    expect(entries(e, 'stage-entered').at(-1)).toMatchObject({
      stage: 'stage-3',
      how: 'expedited',
      rule: 'significant-concerns',
      riskReliedOn: { risk: 'significant-risk', recordedIn: entries(risky, 'risk-changed').at(-1)!.seq },
    });
    checkInvariants(barnsley, e, '2024-12-20T12:05:00Z', { previous: risky });
  });
});

describe('a record learned after the case moved on', () => {
  it('belongs to the stage the case was at when it happened, and meets what was owed then', () => {
    // Suffolk: the Stage 1 discussion held on Friday 27 December at 16:00, written up on Monday 30th
    // at 09:00, after a colleague's escalation to Stage 2 at 08:30 recorded the discussion deadline as
    // missed. It was on time; and Stage 2 counts from the discussion (1 working day: Monday 30th),
    // which the escalation at 08:30 met; the cap counts from it too: 30, 31, 2, 3, 6 January.
    const colleague = applyEvent(suffolk, suffolkCase(), { type: 'ESCALATE', at: '2024-12-30T08:30:00Z' });
    const e = applyEvent(suffolk, colleague, {
      type: 'RECORD',
      at: '2024-12-27T16:00:00Z',
      recordedAt: '2024-12-30T09:00:00Z',
      record: { kind: 'meeting' },
    });
    const added = newEntries(colleague, e);
    const passed = entries(colleague, 'deadline-passed')[0]!;
    expect(added).toContainEqual(
      expect.objectContaining({
        type: 'obligation-met',
        rule: 'stage-1-discussion',
        onTime: true,
        corrects: passed.seq,
      }),
    );
    expect(obligation(e, 'stage-2-manager#1')).toMatchObject({
      stage: 'stage-1',
      status: 'met',
      dueDate: '2024-12-30',
      metAt: '2024-12-30T08:30:00.000Z',
    });
    expect(added).toContainEqual(
      expect.objectContaining({
        type: 'started-earlier',
        rule: 'stage-5-cap',
        armedAt: '2024-12-27T16:00:00.000Z',
        wasDueAt: '2025-01-07T23:59:59.999Z',
        dueAt: '2025-01-06T23:59:59.999Z',
      }),
    );
    for (const h of added) expect(h.at).toBe('2024-12-30T09:00:00.000Z');
  });

  it('after the case closed, meets and starts only as the open case would have, then the closure ends what it started', () => {
    // Suffolk resolved at Stage 1 on Monday 23 December; the discussion of that morning is logged after.
    const resolved = applyEvent(suffolk, suffolkCase(), {
      type: 'RESOLVE',
      at: '2024-12-23T15:00:00Z',
      outcome: 'Agreed',
    });
    const e = applyEvent(suffolk, resolved, {
      type: 'RECORD',
      at: '2024-12-23T09:00:00Z',
      recordedAt: '2024-12-23T16:00:00Z',
      record: { kind: 'discussion' },
    });
    expect(obligation(e, 'stage-2-manager#1')).toMatchObject({ status: 'met', metAt: '2024-12-23T15:00:00.000Z' }); // by resolution
    expect(obligation(e, 'stage-5-cap#1')).toMatchObject({ status: 'void' });
    expect(getStatus(suffolk, e, '2024-12-23T16:00:00Z').deadlines.map((d) => d.rule)).not.toContain('stage-5-cap');
  });
});

describe('an extension learned after its stage ended', () => {
  it('moves the due date as agreed, and a stage left by it is on time', () => {
    // Barnsley Stage One, due Monday 30 December. Extended on Friday 27th to Friday 3 January, logged
    // on Monday 6th; escalated on Thursday 2 January, learned first (2 working days late: 31, 2).
    const escalated = applyEvent(barnsley, barnsleyStageOne(), { type: 'ESCALATE', at: '2025-01-02T10:00:00Z' });
    expect(entries(escalated, 'stage-ended').at(-1)!.deadlines[0]).toMatchObject({
      rule: 'stage-1-resolution',
      outcome: 'missed',
      workingDaysLate: 2,
    });
    const passed = entries(escalated, 'deadline-passed').find((h) => h.rule === 'stage-1-resolution')!;
    const e = applyEvent(barnsley, escalated, {
      type: 'EXTEND',
      at: '2024-12-27T12:00:00Z',
      recordedAt: '2025-01-06T09:00:00Z',
      obligation: 'stage-1-resolution',
      to: '2025-01-03',
      reason: 'Named nurse on leave',
      agreedBy: 'Both safeguarding leads',
    });
    expect(obligation(e, 'stage-1-resolution#1')).toMatchObject({
      dueDate: '2025-01-03',
      extended: { from: '2024-12-30' },
    });
    expect(newEntries(escalated, e)).toContainEqual(
      expect.objectContaining({
        type: 'obligation-met',
        rule: 'stage-1-resolution',
        onTime: true,
        corrects: passed.seq,
      }),
    );
  });
});

describe('a redelivery', () => {
  it('is the same event when only the instant the host learned it differs', () => {
    const once = applyEvent(suffolk, suffolkCase(), {
      type: 'RECORD',
      id: 'n-1',
      at: '2024-12-23T10:00:00Z',
      recordedAt: '2024-12-23T10:00:01Z',
      record: { kind: 'note' },
    });
    expect(
      applyEvent(suffolk, once, {
        type: 'RECORD',
        id: 'n-1',
        at: '2024-12-23T10:00:00Z',
        recordedAt: '2024-12-23T11:00:00Z',
        record: { kind: 'note' },
      }),
    ).toBe(once);
  });
});

describe('the order facts are learned in', () => {
  // Records of every kind the five policies meet, to every recipient they name, and at most one move;
  // each at a random minute over four working weeks from Monday 2 December 2024.
  const recordArb = fc.record({
    kind: fc.constantFrom(
      'discussion',
      'meeting',
      'notification',
      'written-confirmation',
      'response',
      'feedback',
      'form',
      'note',
    ),
    to: fc.constantFrom(
      undefined,
      'partnership manager',
      'their counterpart',
      'Partnership Representative',
      'Scrutineer',
      'the agency representative',
    ),
    form: fc.constantFrom(undefined, 'escalation-record', 'escalation-record-form', 'escalation-template'),
  });
  const START = Date.UTC(2024, 11, 2, 9);
  const minute = fc.integer({ min: 1, max: 28 * 24 * 60 });
  const facts = fc.record({
    records: fc.array(fc.tuple(recordArb, minute), { minLength: 1, maxLength: 8 }),
    move: fc.option(fc.tuple(fc.constantFrom('ESCALATE', 'EXPEDITE', 'RESOLVE', 'WITHDRAW'), minute), {
      nil: undefined,
    }),
    risk: fc.option(fc.tuple(fc.constantFrom('imminent-risk', 'significant-risk'), minute), { nil: undefined }),
    flag: fc.option(minute, { nil: undefined }),
    // A closure after the move (a move to a stage) and after every record: the case moved, then closed.
    // (A record made after the closure that met nothing owed when it came is refused, CLOSED, and would
    // have to be sent again once a move learned later showed the case closed at a stage that owes it.)
    closeAfter: fc.option(fc.tuple(fc.constantFrom('RESOLVE', 'WITHDRAW'), minute), { nil: undefined }),
    order: fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
  });
  const toEvents = (f: {
    records: [{ kind: string; to: string | undefined; form: string | undefined }, number][];
    move: [string, number] | undefined;
    risk: [string, number] | undefined;
    flag: number | undefined;
    closeAfter: [string, number] | undefined;
  }) => {
    const events: EscalationEvent[] = f.records.map(
      ([r, m], i) =>
        ({
          type: 'RECORD',
          id: `r${i}`,
          at: new Date(START + m * 60_000).toISOString(),
          record: {
            kind: r.kind,
            ...(r.to ? { to: r.to } : {}),
            ...(r.kind === 'form' && r.form ? { form: r.form } : {}),
          },
        }) as EscalationEvent,
    );
    const details: Record<string, object> = {
      RESOLVE: { outcome: 'Agreed' },
      WITHDRAW: { reason: 'Plan changed' },
      EXPEDITE: { to: 'stage-3', reason: 'imminent-risk' },
    };
    if (f.move)
      events.push({
        type: f.move[0],
        id: 'move',
        at: new Date(START + f.move[1] * 60_000 + 1).toISOString(),
        ...details[f.move[0]],
      } as EscalationEvent);
    if (f.move && f.closeAfter && (f.move[0] === 'ESCALATE' || f.move[0] === 'EXPEDITE'))
      events.push({
        type: f.closeAfter[0],
        id: 'close',
        at: new Date(
          START + (Math.max(f.move[1], ...f.records.map(([, m]) => m)) + f.closeAfter[1]) * 60_000 + 1,
        ).toISOString(),
        ...details[f.closeAfter[0]],
      } as EscalationEvent);
    if (f.risk)
      events.push({
        type: 'RISK',
        id: 'risk',
        risk: f.risk[0],
        at: new Date(START + f.risk[1] * 60_000 + 2).toISOString(),
      } as EscalationEvent);
    if (f.flag)
      events.push({
        type: 'FLAG',
        id: 'flag',
        flag: 'potentially-serious-concern',
        at: new Date(START + f.flag * 60_000 + 3).toISOString(),
      });
    return events;
  };
  const play = (policy: Policy, events: readonly EscalationEvent[]) => {
    let e = startEscalation(policy, { id: 'ORDER', raisedAt: new Date(START).toISOString() });
    for (const event of events) {
      try {
        e = applyEvent(policy, e, event);
      } catch (error) {
        if (!(error instanceof EscalationError)) throw error;
      }
    }
    return e;
  };
  /** What the case still owes, and by when: the same facts must owe the same, however they were learned. */
  const owed = (policy: Policy, e: Escalation) => {
    const s = getStatus(policy, e, '2025-03-03T09:00:00Z');
    return { stage: s.stage.id, status: s.status, deadlines: s.deadlines.map((d) => `${d.rule} ${d.dueDate}`).sort() };
  };

  it.each(Object.entries(policies))(
    '%s: the same records, risk, flag and move (then perhaps the closure) owe the same deadlines, in whatever order they were learned',
    (_name, policy) => {
      fc.assert(
        fc.property(facts, (f) => {
          const events = toEvents(f);
          const inOrder = [...events].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
          const learned = events
            .map((event, i) => [f.order[i]!, event] as const)
            .sort((a, b) => a[0] - b[0])
            .map(([, event]) => event);
          expect(owed(policy, play(policy, learned))).toEqual(owed(policy, play(policy, inOrder)));
        }),
        { numRuns: Number(process.env.LATE_RUNS ?? 200) },
      );
    },
  );
});
