// The timescale shapes of other partnerships' procedures, expressed in the schema and run.
import { describe, expect, it } from 'vitest';
import { advanceTo, applyEvent, getStatus, startEscalation } from '../../src/index.js';
import { iroShape, londonShape, seftonShape, southAyrshireShape, westYorkshireShape } from '../fixtures/policies.js';

describe('"a working week or a timescale that protects the child, whichever is less" (London)', () => {
  it('is a working week until a shorter timescale is agreed for the child', () => {
    const e = startEscalation(londonShape, { id: 'L', raisedAt: '2025-04-14T09:00:00+01:00' }); // Monday 14 April 2025
    // A working week from Monday 14 April crosses Good Friday and Easter Monday: 15, 16, 17, 22, 23.
    expect(getStatus(londonShape, e, '2025-04-14T09:00:00Z').stageDeadline?.dueDate).toBe('2025-04-23');
    const set = applyEvent(londonShape, e, {
      type: 'SET_TIMESCALE',
      at: '2025-04-14T10:00:00Z',
      obligation: 'practitioners',
      dueDate: '2025-04-16',
      reason: 'Child discharged from hospital on 17 April',
    });
    expect(getStatus(londonShape, set, '2025-04-14T10:00:00Z').stageDeadline?.dueDate).toBe('2025-04-16');
    // A later date than the working week changes nothing: the lesser governs.
    const later = applyEvent(londonShape, e, {
      type: 'SET_TIMESCALE',
      at: '2025-04-14T10:00:00Z',
      obligation: 'practitioners',
      dueDate: '2025-05-30',
      reason: 'x',
    });
    expect(getStatus(londonShape, later, '2025-04-14T10:00:00Z').stageDeadline?.dueDate).toBe('2025-04-23');
  });
});

describe('steps 1 to 5 within 5 working days, and a 24-hour route (West Yorkshire)', () => {
  it('caps the first five steps together, met by reaching step 6', () => {
    let e = startEscalation(westYorkshireShape, { id: 'W', raisedAt: '2025-05-01T09:00:00Z' }); // Thursday
    // 5 working days from Thursday 1 May 2025, across the Early May bank holiday (Monday 5th): 2, 6, 7, 8, 9.
    expect(
      getStatus(westYorkshireShape, e, '2025-05-01T09:00:00Z').deadlines.find((d) => d.kind === 'cap')?.dueDate,
    ).toBe('2025-05-09');
    for (const at of [
      '2025-05-02T09:00:00Z',
      '2025-05-06T09:00:00Z',
      '2025-05-07T09:00:00Z',
      '2025-05-08T09:00:00Z',
      '2025-05-08T10:00:00Z',
    ]) {
      e = applyEvent(westYorkshireShape, e, { type: 'ESCALATE', at });
    }
    expect(e.stage).toBe('stage-6');
    expect(e.history.find((h) => h.type === 'obligation-met' && h.rule === 'steps-1-to-5')).toMatchObject({
      onTime: true,
    });
    // Step 6: 14 working days from Thursday 8 May, across the Spring bank holiday (26 May).
    expect(getStatus(westYorkshireShape, e, '2025-05-08T10:00:00Z').stageDeadline?.dueDate).toBe('2025-05-29');
  });

  it('runs the cap in hours when the child is at imminent risk, and expedites for significant risk', () => {
    const e = startEscalation(westYorkshireShape, {
      id: 'W',
      raisedAt: '2025-05-02T16:30:00+01:00',
      risk: 'imminent-risk',
    });
    expect(
      getStatus(westYorkshireShape, e, '2025-05-02T16:30:00Z').deadlines.find((d) => d.kind === 'cap'),
    ).toMatchObject({ dueAt: '2025-05-03T15:30:00.000Z', dueDate: '2025-05-03' });
    const urgent = applyEvent(
      westYorkshireShape,
      startEscalation(westYorkshireShape, { id: 'W2', raisedAt: '2025-05-02T09:00:00Z' }),
      { type: 'EXPEDITE', to: 'stage-6', reason: 'significant-risk', at: '2025-05-02T10:00:00Z' },
    );
    expect(urgent.stage).toBe('stage-6');
    expect(urgent.history.find((h) => h.type === 'stage-entered' && h.stage === 'stage-6')).toMatchObject({
      how: 'expedited',
      rule: 'urgent',
    });
  });
});

describe('deadlines that follow a record (Sefton)', () => {
  it('counts the outcome letter from the response, and a 48-hour letter from the meeting', () => {
    let e = startEscalation(seftonShape, { id: 'S', raisedAt: '2024-12-19T09:00:00Z' });
    // The receiving agency responds within 3 working days: 20, 23, 24 December.
    expect(getStatus(seftonShape, e, '2024-12-19T09:00:00Z').deadlines.map((d) => [d.rule, d.dueDate])).toEqual([
      ['stage-1-response', '2024-12-24'],
    ]);
    e = applyEvent(seftonShape, e, {
      type: 'RECORD',
      at: '2024-12-24T12:00:00Z',
      record: { kind: 'response', to: 'raising agency' },
    });
    // The outcome letter within a further 2: 27 and 30 December.
    expect(getStatus(seftonShape, e, '2024-12-24T12:00:00Z').deadlines.map((d) => [d.rule, d.dueDate])).toEqual([
      ['stage-1-letter', '2024-12-30'],
    ]);
    e = applyEvent(seftonShape, e, { type: 'ESCALATE', at: '2024-12-30T12:00:00Z' });
    e = applyEvent(seftonShape, e, {
      type: 'RECORD',
      at: '2025-01-02T10:00:00Z',
      recordedAt: '2025-01-02T15:00:00Z',
      record: { kind: 'meeting' },
    });
    const letter = getStatus(seftonShape, e, '2025-01-02T15:00:00Z').deadlines.find((d) => d.rule === 'stage-2-letter');
    expect(letter).toMatchObject({ dueAt: '2025-01-04T10:00:00.000Z', dueDate: '2025-01-04' }); // 48 hours, from when it met
    // The Board Business Manager's copy has no number: a required action without a date.
    expect(
      getStatus(seftonShape, e, '2025-01-02T15:00:00Z').requiredActions.find((a) => a.obligation === 'board-copy#1'),
    ).toMatchObject({ dueDate: null, to: 'Board Business Manager' });
  });
});

describe('any stage may be bypassed; no more than 20 working days in all (IRO Handbook)', () => {
  it('skips freely, recording the rule, and caps the whole process', () => {
    const e = startEscalation(iroShape, { id: 'I', raisedAt: '2025-03-27T09:00:00Z' }); // Thursday before the clocks change
    // 20 working days from 27 March 2025 cross the clock change and Easter (18 and 21 April): 28 April.
    expect(getStatus(iroShape, e, '2025-03-27T09:00:00Z').deadlines[0]).toMatchObject({
      dueDate: '2025-04-28',
      dueAt: '2025-04-28T22:59:59.999Z',
    });
    const skipped = applyEvent(iroShape, e, { type: 'EXPEDITE', to: 'stage-4', at: '2025-03-28T09:00:00Z' });
    expect(skipped.history.find((h) => h.type === 'stage-entered' && h.stage === 'stage-4')).toMatchObject({
      how: 'skipped',
      rule: 'bypass',
    });
    const late = advanceTo(iroShape, skipped, '2025-05-01T00:00:00Z');
    expect(late.history.filter((h) => h.type === 'cap-breached')).toHaveLength(1);
  });
});

describe('a written reply within 28 calendar days, in Scotland (South Ayrshire)', () => {
  it('counts calendar days and lands on whatever day that is', () => {
    const e = startEscalation(southAyrshireShape, { id: 'A', raisedAt: '2025-11-03T11:00:00Z' });
    // 28 days from Monday 3 November 2025 is Monday 1 December, St Andrew's Day's substitute: calendar days count it.
    expect(getStatus(southAyrshireShape, e, '2025-11-03T11:00:00Z').deadlines[0]).toMatchObject({
      dueDate: '2025-12-01',
      dueAt: '2025-12-01T23:59:59.999Z',
    });
  });
});
