import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a build script in plain JavaScript, without declarations
import { END, ENGINE_DOC, exampleTimelineMarkdown, START } from '../scripts/generate-engine-doc.mjs';
import { applyEvent, policies, renderTimeline, startEscalation } from '../src/index.js';

describe('renderTimeline', () => {
  it('draws stages, deadlines and shaded bank holidays as a Mermaid Gantt chart', () => {
    let e = startEscalation(policies['derby-derbyshire'], { id: 'G-1', raisedAt: '2024-12-19T09:30:00Z' });
    e = applyEvent(policies['derby-derbyshire'], e, { type: 'ESCALATE', at: '2024-12-27T10:00:00Z' });
    const chart = renderTimeline(policies['derby-derbyshire'], e, '2024-12-30T09:00:00Z');
    expect(chart.split('\n')[0]).toBe('gantt');
    expect(chart).toContain('excludes weekends, 2024-12-25, 2024-12-26');
    // An end date, not a length: Mermaid would stretch a length over the excluded Christmas days.
    expect(chart).toContain('1. Discussion between frontline practitioners :done, stage1, 2024-12-19, 2024-12-27');
    expect(chart).toContain(
      '2. Discussion between front line operational manager or named / designated lead :active, stage2, 2024-12-27',
    );
    // Stage 1 was due on 23 December and left on the 27th: missed, so critical.
    expect(chart).toContain('Resolve the difference between the practitioners :crit, milestone, 2024-12-23, 0d');
  });

  it('is the chart in docs/engine.md (`npm run generate` refreshes it)', () => {
    const doc = fs.readFileSync(ENGINE_DOC, 'utf8');
    expect(doc.slice(doc.indexOf(START) + START.length + 1, doc.indexOf(END) - 1)).toBe(exampleTimelineMarkdown());
  });
});
