import { describe, expect, test } from 'vitest';
import { worstCaseWalk } from '../../src/audit/worstCaseTimeline.js';
import { policies, ukCalendar } from '../../src/index.js';

describe('worstCaseWalk on a calendar with closures', () => {
  // Suffolk, raised Friday 20 December 2024: the Stage 1 discussion within 3 working days, then Stage 5
  // within 5 working days of it (the cap counts from the discussion). Counted by hand on England and
  // Wales' calendar (25 and 26 December and 1 January are bank holidays): the discussion by 27
  // December (23, 24, 27), Stage 5 by 6 January (30, 31 December, 2, 3, 6 January). With a local
  // closure on Monday 23 December every date moves a working day: the discussion by 30 December (24,
  // 27, 30), Stage 5 by 7 January (31 December, 2, 3, 6, 7 January).
  const raisedAt = '2024-12-20T10:00:00Z';

  test('without a calendar it counts on the policy division', () => {
    const { rows } = worstCaseWalk(policies.suffolk, raisedAt);
    expect(rows.at(-1)?.reachedOn).toBe('2025-01-06');
    expect(rows.at(-1)?.workingDays).toBe(8);
  });

  test('a closure day moves every deadline that spans it', () => {
    const calendar = ukCalendar('england-and-wales', { closures: ['2024-12-23'] });
    const { rows, escalation } = worstCaseWalk(policies.suffolk, raisedAt, { calendar });
    expect(rows.at(-1)?.reachedOn).toBe('2025-01-07');
    const cap = escalation.obligations.find((o) => o.rule === 'stage-5-cap');
    expect(cap?.dueDate).toBe('2025-01-07');
    expect(rows[0]?.workingDays).toBe(0);
    // 24, 27, 30, 31 December, 2, 3, 6, 7 January: 8 working days, the closure not among them.
    expect(rows.at(-1)?.workingDays).toBe(8);
  });
});
