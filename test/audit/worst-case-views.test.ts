// The worst case is told three ways (the auditor's `worstCaseTimeline`, the `timeline` command's
// tables and its Mermaid chart), and all three must tell the engine's story: for every shipped policy
// and raise dates across Christmas, Easter and the clock changes, they give the same dates, and the
// walk they come from breaks no limit.
import { describe, expect, it } from 'vitest';
import { policies, worstCaseTimeline } from '../../src/index.js';
import { run } from '../../src/cli/main.js';
import { worstCaseWalk } from '../../src/audit/worstCaseTimeline.js';
import { londonDate } from '../../src/calendar/london.js';

const RAISED = [
  '2024-12-20T10:00:00Z',
  '2025-04-16T10:00:00+01:00',
  '2025-03-28T16:00:00Z',
  '2025-10-24T09:00:00+01:00',
  '2025-12-24T10:00:00Z',
];

async function cli(...argv: string[]): Promise<string> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, {
    out: (t) => out.push(t),
    write: (t) => out.push(t),
    err: (t) => err.push(t),
    columns: 100,
  });
  // Nothing on stderr but the warning that a policy's document may have been replaced (`--mermaid`
  // keeps stdout for the chart alone).
  expect(err.filter((line) => !/^(warning|note): The document/.test(line))).toEqual([]);
  expect(code).toBe(0);
  return out.join('\n');
}

interface TimelineJson {
  stages: { number: number; reachedOn: string }[];
  deadlines: { label: string; dueDate: string; outcome: string; stageNumber: number | null }[];
}

/** The chart's stage bars (number → start date) and deadline milestones (label, date, missed). */
function parseMermaid(chart: string) {
  const stages = new Map<number, string>();
  const deadlines: { label: string; date: string; missed: boolean }[] = [];
  for (const line of chart.split('\n')) {
    const bar = /:(?:done|active), stage(\d+), (\d{4}-\d{2}-\d{2}), (\d{4}-\d{2}-\d{2})$/.exec(line);
    if (bar) stages.set(Number(bar[1]), bar[2]!);
    const milestone = /^ {2}(.*?)(?: \(no longer applies\))? :(.*)milestone, (\d{4}-\d{2}-\d{2}), 0d$/.exec(line);
    if (milestone)
      deadlines.push({ label: milestone[1]!, date: milestone[3]!, missed: milestone[2]!.includes('crit') });
  }
  return { stages, deadlines };
}

/** The `reached by` column of the stages table, by stage number. */
function tableStages(text: string): Map<number, string> {
  const section = text.split('\nStages, at the latest\n')[1]!.split('\nDeadlines\n')[0]!;
  const reached = new Map<number, string>();
  for (const line of section.split('\n')) {
    const cells = line.split('│').map((c) => c.trim());
    const number = /^(\d+)\. /.exec(cells[1] ?? '');
    if (number) reached.set(Number(number[1]), cells[2]!.replace('*', ''));
  }
  return reached;
}

/** The `due date` column of the deadlines table, in order. */
function tableDueDates(text: string): string[] {
  const section = text.split('\nDeadlines\n')[1]!;
  return section
    .split('\n')
    .map((line) => /^│ (\d{4}-\d{2}-\d{2}) │/.exec(line)?.[1])
    .filter((d): d is string => d !== undefined);
}

describe('the worst-case views agree with each other and with the engine', () => {
  for (const id of Object.keys(policies) as (keyof typeof policies)[]) {
    it(`${id}: worstCaseTimeline, the timeline tables, its JSON and its Mermaid chart give the same dates`, async () => {
      for (const raisedAt of RAISED) {
        const rows = worstCaseTimeline(policies[id], raisedAt);
        const { escalation } = worstCaseWalk(policies[id], raisedAt);
        const json = JSON.parse(await cli('timeline', id, '--raised', raisedAt, '--json')) as TimelineJson;
        const chart = parseMermaid(await cli('timeline', id, '--raised', raisedAt, '--mermaid'));
        const table = await cli('timeline', id, '--raised', raisedAt);

        // The engine: the stages the walked escalation entered, and when.
        const entered = escalation.history.filter((h) => h.type === 'stage-entered').map((h) => londonDate(h.at));
        expect(rows.map((r) => r.reachedOn)).toEqual(entered);
        // Each stage no earlier than the one before it.
        expect(rows.map((r) => r.reachedOn)).toEqual([...rows.map((r) => r.reachedOn)].sort());
        // The same dates in the JSON, the chart's bars and the table.
        const byNumber = new Map(rows.map((r) => [r.number, r.reachedOn] as const));
        expect(new Map(json.stages.map((s) => [s.number, s.reachedOn] as const))).toEqual(byNumber);
        expect(chart.stages).toEqual(byNumber);
        expect(tableStages(table)).toEqual(byNumber);
        // Every dated deadline: the same due dates in the JSON, the table and the chart, in the engine's order.
        const dated = escalation.obligations.filter((o) => o.dueDate !== null).map((o) => o.dueDate!);
        expect(json.deadlines.map((d) => d.dueDate)).toEqual([...dated].sort());
        expect(tableDueDates(table)).toEqual(json.deadlines.map((d) => d.dueDate));
        expect(chart.deadlines.map((d) => d.date).sort()).toEqual(json.deadlines.map((d) => d.dueDate));
        // The worst case keeps within every limit: nothing missed, in the JSON or in the chart.
        expect(json.deadlines.filter((d) => d.outcome === 'missed')).toEqual([]);
        expect(chart.deadlines.filter((d) => d.missed)).toEqual([]);
      }
    });
  }

  it('fits Suffolk’s stages within its 5-working-day cap from the Stage 1 discussion, raised on 20 December 2024', () => {
    const rows = worstCaseTimeline(policies.suffolk, '2024-12-20T10:00:00Z');
    // The Stage 1 discussion by 27 December (23, 24, 27), the manager by the 30th, Stage 3 by the
    // 31st, Stage 4 three working days later (2, 3, 6 January), and the cap, 5 working days from the
    // discussion (30, 31, 2, 3, 6), lets Stage 5 come the same day.
    expect(rows.map((r) => [r.number, r.reachedOn])).toEqual([
      [1, '2024-12-20'],
      [2, '2024-12-30'],
      [3, '2024-12-31'],
      [4, '2025-01-06'],
      [5, '2025-01-06'],
    ]);
    expect(rows.at(-1)!.governedBy).toEqual(['stage-5-cap']);
    // Each stage on its own allowance reaches Stage 4 on 6 January too: the limits agree with the cap.
    expect(rows.at(-2)!.uncappedWorkingDays).toBe(8);
  });
});
