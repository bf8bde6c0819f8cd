import { describe, expect, test } from 'vitest';
import { worstCaseWalk } from '../../src/audit/worstCaseTimeline.js';
import { policies, ukCalendar } from '../../src/index.js';

describe('worstCaseWalk on a calendar with closures', () => {
  // Suffolk, raised Friday 20 December 2024: the Stage 1 discussion within 3 working days, then Stage 5
  // within 5 working days of it. On England and Wales' calendar (25 and 26 December are bank holidays)
  // the discussion is due 27 December (23, 24, 27) and Stage 5 on 6 January (30, 31, 2, 3, 6).
  // With a local closure on Monday 23 December the discussion is due 30 December (24, 27, 30) and
  // Stage 5 on 7 January (31, 2, 3, 6, 7; 1 January is a bank holiday).
  const raisedAt = '2024-12-20T10:00:00Z';

  test('without a calendar it counts on the policy division', () => {
    expect(worstCaseWalk(policies.suffolk, raisedAt).rows.at(-1)?.reachedOn).toBe('2025-01-06');
  });

  test('a closure day moves every deadline that spans it', () => {
    const calendar = ukCalendar('england-and-wales', { closures: ['2024-12-23'] });
    const { rows, escalation } = worstCaseWalk(policies.suffolk, raisedAt, { calendar });
    expect(rows.at(-1)?.reachedOn).toBe('2025-01-07');
    expect(escalation.obligations.find((o) => o.rule === 'stage-1-discussion')?.dueDate).toBe('2024-12-30');
    expect(escalation.obligations.find((o) => o.rule === 'stage-5-cap')?.dueDate).toBe('2025-01-07');
    expect(rows[0]?.workingDays).toBe(0);
    expect(rows.at(-1)?.workingDays).toBe(8); // 24, 27, 30, 31, 2, 3, 6, 7
  });
});
