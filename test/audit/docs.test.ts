import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { policies, renderWorstCaseTable } from '../../src/index.js';

describe('docs/auditing.md', () => {
  it('has the worst-case tables `npm run generate` makes today', () => {
    const doc = fs.readFileSync(new URL('../../docs/auditing.md', import.meta.url), 'utf8');
    const section = doc
      .split('<!-- generated:worst-case (by `npm run generate`; a test fails when it is stale) -->\n')[1]!
      .split('\n<!-- /generated:worst-case -->')[0];
    // When this fails, run `npm run generate` and review the diff.
    expect(section).toBe(renderWorstCaseTable(Object.values(policies), { year: 2025 }));
  });

  it('finds the longest raise dates around Easter and Christmas', () => {
    const doc = fs.readFileSync(new URL('../../docs/auditing.md', import.meta.url), 'utf8');
    expect(doc).toMatch(
      /Derby and Derbyshire Safeguarding Children Partnership \| 2025-04-11 \| 2025-05-06 \| 25 \| 14 \|/,
    );
    // 19 December 2025: 3 working days to the discussion (22, 23, 24), then 5 (29, 30, 31, 2, 5 January).
    expect(doc).toMatch(/Suffolk Safeguarding Partnership \| 2025-12-19 \| 2026-01-05 \| 17 \| 8 \|/);
  });

  it('takes its raise date and the year of it, not a year fixed in the code', () => {
    const table = renderWorstCaseTable([policies.suffolk], { raisedAt: '2026-04-02T08:00:00Z' });
    expect(table).toContain('| policy | stage | reached by, raised Thu 2 Apr 2026 |');
    expect(table).toContain('| policy | raise date in 2026 that takes longest to the top stage |');
    expect(table).not.toContain('2025');
  });
});
