// The README's examples, run: a test fails when the README and the code disagree.
import { describe, expect, it } from 'vitest';
import { applyEvent, endOfLondonDay, getStatus, policies, restoreEscalation, startEscalation, ukCalendar } from '../src/index.js';

describe('README', () => {
  it('the escalation example', () => {
    let e = startEscalation(policies.suffolk, { id: 'SUF-2024-288', raisedAt: '2024-12-20T10:00:00Z' });
    e = applyEvent(policies.suffolk, e, { type: 'RECORD', id: 'evt-1', at: '2024-12-24T16:00:00Z', record: { kind: 'meeting' } });
    e = applyEvent(policies.suffolk, e, { type: 'ESCALATE', id: 'evt-2', at: '2024-12-27T09:00:00Z' });
    const s = getStatus(policies.suffolk, e, '2024-12-27T09:00:00Z');
    expect(s.stage).toEqual({ id: 'stage-2', number: 2, title: 'Discuss with manager and/or named or designated safeguarding lead' });
    expect(s.deadlines.length).toBeGreaterThan(0);
    expect(restoreEscalation(policies.suffolk, JSON.stringify(e))).toEqual(e);
  });

  it('the calendar example', () => {
    expect(ukCalendar('england-and-wales').addWorkingDays('2024-12-23', 2)).toBe('2024-12-27');
    expect(ukCalendar('scotland').isWorkingDay('2025-01-02')).toBe(false);
    expect(endOfLondonDay('2025-04-28')).toBe('2025-04-28T22:59:59.999Z');
  });
});
