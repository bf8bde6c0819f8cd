import { describe, expect, test } from 'vitest';
import { worstCaseWalk } from '../../src/audit/worstCaseTimeline.js';
import { policies, ukCalendar } from '../../src/index.js';

describe('worstCaseWalk on a calendar with closures', () => {
  // Suffolk, raised Friday 20 December 2024: the Stage 1 discussion at the latest 3 working days
  // later, then Stage 5 within 5 working days of the day of Stage 1 (the discussion). Counted by hand
  // on England and Wales' calendar (25 and 26 December and 1 January are bank holidays): the
  // discussion on 27 December (23, 24, 27), Stage 5 by 6 January 2025 (30, 31 December, 2, 3, 6
  // January). With a local closure on Monday 23 December the discussion is on 30 December (24, 27,
  // 30) and Stage 5 is reached by 7 January (31 December, 2, 3, 6, 7 January): 8 working days either way.
  const raisedAt = '2024-12-20T10:00:00Z';

  test('without a calendar it counts on the policy division', () => {
    expect(worstCaseWalk(policies.suffolk, raisedAt).rows.at(-1)?.reachedOn).toBe('2025-01-06');
  });

  test('a closure day moves every deadline that spans it', () => {
    const calendar = ukCalendar('england-and-wales', { closures: ['2024-12-23'] });
    const { rows, escalation } = worstCaseWalk(policies.suffolk, raisedAt, { calendar });
    expect(rows.at(-1)?.reachedOn).toBe('2025-01-07');
    const cap = escalation.obligations.find((o) => o.rule === 'stage-5-cap');
    expect(cap).toMatchObject({ armedAt: expect.stringMatching(/^2024-12-30T/), dueDate: '2025-01-07' });
    expect(rows[0]?.workingDays).toBe(0);
    expect(rows.at(-1)?.workingDays).toBe(8);
  });
});
