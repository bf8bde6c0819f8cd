// A case open for years: the history grows with the facts learned, never with the time that passes.
import { describe, expect, it } from 'vitest';
import { advanceTo, applyEvent, getStatus, policies, startEscalation, ukCalendar } from '../../src/index.js';

const policy = policies.barnsley;
const DAY = 86_400_000;

describe('a case open for years', () => {
  it('with no updates for three years and a sweep every night, keeps the history it had after the first fortnight: the missed progress update stays one entry, its rounds counted when asked', () => {
    // Stage One from Monday 6 January 2025, the Partnership Manager told at once. The next progress
    // update is due 5 working days later, Monday 13 January (7, 8, 9, 10, 13), then every 5 working
    // days; Stage One's 5 working days end the same day.
    let e = startEscalation(policy, { id: 'BAR-YEARS', raisedAt: '2025-01-03T10:00:00Z' });
    e = applyEvent(policy, e, { type: 'ESCALATE', at: '2025-01-06T10:00:00Z' });
    e = applyEvent(policy, e, {
      type: 'RECORD',
      at: '2025-01-06T11:00:00Z',
      record: { kind: 'notification', to: 'partnership manager' },
    });
    expect(getStatus(policy, e, '2025-01-06T11:00:00Z').deadlines.map((d) => [d.rule, d.dueDate])).toEqual([
      ['progress-updates', '2025-01-13'],
      ['stage-1-resolution', '2025-01-13'],
    ]);
    let t = Date.parse('2025-01-07T01:00:00Z');
    for (; t < Date.parse('2025-01-21T01:00:00Z'); t += DAY) e = advanceTo(policy, e, new Date(t).toISOString());
    const afterFortnight = e.history.length;
    expect(
      e.history
        .filter((h) => h.type === 'deadline-passed')
        .map((h) => h.rule)
        .sort(),
    ).toEqual(['progress-updates', 'stage-1-resolution']);
    // Three years of nightly sweeps, about 1,100 of them, write nothing more.
    for (; t < Date.parse('2028-01-06T01:00:00Z'); t += DAY) e = advanceTo(policy, e, new Date(t).toISOString());
    expect(e.history.length).toBe(afterFortnight);
    expect(e.asOf).toBe('2028-01-05T01:00:00.000Z');
    // What was missed is worked out when asked: a round every 5 working days from 13 January 2025, each
    // due at the end of its day, up to now (01:00 on Thursday 6 January 2028: rounds due by the 5th).
    const now = new Date(t).toISOString();
    const cal = ukCalendar('england-and-wales');
    let rounds = 0;
    while (cal.addWorkingDays('2025-01-13', 5 * rounds) <= '2028-01-05') rounds++;
    const reminder = getStatus(policy, e, now).deadlines.find((d) => d.rule === 'progress-updates')!;
    expect(reminder).toMatchObject({ overdue: true, dueDate: '2025-01-13', roundsMissed: rounds });
    expect(rounds).toBeGreaterThan(150); // about 52 a year
    expect(Date.parse(reminder.nextRoundAt!)).toBeGreaterThan(Date.parse(now));
  });
});
