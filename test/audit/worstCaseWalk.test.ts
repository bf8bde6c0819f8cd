import { describe, expect, test } from 'vitest';
import { worstCaseWalk } from '../../src/audit/worstCaseTimeline.js';
import { policies, ukCalendar } from '../../src/index.js';

describe('worstCaseWalk on a calendar with closures', () => {
  // Suffolk, raised Friday 20 December 2024: Stage 5 within 5 working days of the raising. Counted by
  // hand on England and Wales' calendar (25 and 26 December are bank holidays): 23, 24, 27, 30, 31
  // December, so 31 December. With a local closure on Monday 23 December the fifth working day is
  // 2 January 2025 (24, 27, 30, 31 December, 2 January; 1 January is a bank holiday).
  const raisedAt = '2024-12-20T10:00:00Z';

  test('without a calendar it counts on the policy division', () => {
    expect(worstCaseWalk(policies.suffolk, raisedAt).rows.at(-1)?.reachedOn).toBe('2024-12-31');
  });

  test('a closure day moves every deadline that spans it', () => {
    const calendar = ukCalendar('england-and-wales', { closures: ['2024-12-23'] });
    const { rows, escalation } = worstCaseWalk(policies.suffolk, raisedAt, { calendar });
    expect(rows.at(-1)?.reachedOn).toBe('2025-01-02');
    const cap = escalation.obligations.find((o) => o.rule === 'stage-5-cap');
    expect(cap?.dueDate).toBe('2025-01-02');
    expect(rows[0]?.workingDays).toBe(0);
    expect(rows.at(-1)?.workingDays).toBe(5);
  });
});
