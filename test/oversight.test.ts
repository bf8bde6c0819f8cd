import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: build scripts in plain JavaScript, without declarations
import { CHART_DIR, DOC, renderOversightDoc } from '../scripts/generate-oversight.mjs';
import {
  applyEvent,
  policies,
  startEscalation,
  summarise,
  trackerCsv,
  trackerRows,
  type Escalation,
  type EscalationEvent,
} from '../src/index.js';

function run(
  policy: keyof typeof policies,
  id: string,
  raisedAt: string,
  events: EscalationEvent[],
  concern = {},
): Escalation {
  let e = startEscalation(policies[policy], { id, raisedAt, concern });
  for (const ev of events) e = applyEvent(policies[policy], e, ev as EscalationEvent);
  return e;
}

// A small register a reader can check by hand.
const register = [
  // Raised and resolved in 2025 at Stage 2, Stage 1 on time (2 working days: 7 → 9 January), Stage 2 late.
  run(
    'derby-derbyshire',
    'A',
    '2025-01-07T10:00:00Z',
    [
      { type: 'ESCALATE', at: '2025-01-08T10:00:00Z' },
      { type: 'RESOLVE', at: '2025-01-15T10:00:00Z', outcome: 'SECRET-OUTCOME' },
    ],
    { nature: 'referral-decision', agencyRaising: 'Education', agencyConcerned: 'Children’s Social Care' },
  ),
  // Expedited for imminent risk to Stage 3, still open at the end of the period.
  run(
    'barnsley',
    'B',
    '2025-12-01T10:00:00Z',
    [
      { type: 'ESCALATE', at: '2025-12-02T10:00:00Z' },
      { type: 'EXPEDITE', to: 'stage-3', reason: 'imminent-risk', at: '2025-12-03T10:00:00Z' },
      { type: 'RECORD', at: '2025-12-03T11:00:00Z', record: { kind: 'learning', summary: 'SECRET-LEARNING' } },
    ],
    { nature: 'plan-effectiveness', agencyRaising: 'Health', agencyConcerned: 'Police' },
  ),
  // Withdrawn in 2025.
  run(
    'suffolk',
    'C',
    '2025-03-03T10:00:00Z',
    [{ type: 'WITHDRAW', at: '2025-03-04T10:00:00Z', reason: 'SECRET-REASON' }],
    { nature: 'information-sharing' },
  ),
  // Closed before the period: left out.
  run('devon', 'D', '2024-06-03T10:00:00Z', [{ type: 'RESOLVE', at: '2024-06-10T10:00:00Z', outcome: 'x' }]),
  // Resolved after the period: open at its end.
  run('somerset', 'E', '2025-12-22T10:00:00Z', [{ type: 'RESOLVE', at: '2026-01-08T10:00:00Z', outcome: 'y' }]),
];
const period = { from: '2025-01-01', to: '2025-12-31', now: '2026-02-01T09:00:00Z' };

describe('summarise', () => {
  const s = summarise(register, period);

  it('counts raised, open, resolved and withdrawn in the period', () => {
    expect([s.raised, s.open, s.resolved, s.withdrawn]).toEqual([4, 2, 1, 1]);
    expect(s.byOutcome).toEqual({ resolved: 1, withdrawn: 1, open: 2 });
  });

  it('finds the highest stage each reached, and how', () => {
    expect(s.highestStage).toEqual(
      expect.arrayContaining([
        { policy: 'derby-derbyshire', stage: 2, title: expect.any(String), count: 1 },
        { policy: 'barnsley', stage: 3, title: 'Stage Three: the Safeguarding Partners', count: 1 },
      ]),
    );
    expect(s.reachedBy).toMatchObject({ escalated: 1, expedited: 1, start: 2 });
  });

  it('counts deadlines met and missed by stage and kind', () => {
    // A's Stage 1 was met (left on 8 January, due 9th); its Stage 2 (due 10 January) ended on the 15th, missed.
    const a = summarise([register[0]!], period);
    expect(a.deadlines.byStage).toEqual({ '1': { met: 1, missed: 0 }, '2': { met: 0, missed: 1 } });
    expect(a.deadlines.byKind).toEqual({ stage: { met: 1, missed: 1 } });
    // Over the whole register, B's notices missed at commencement count as missed notifications.
    expect(s.deadlines.byKind.notification!.missed).toBeGreaterThanOrEqual(1);
  });

  it('measures working days from raising to resolution', () => {
    expect(s.workingDaysToResolution).toEqual({ count: 1, median: 6, slowest: { id: 'A', workingDays: 6 } });
  });

  it('counts by nature and agency, and lists the cases open at the end with how late they are', () => {
    expect(s.byNature).toMatchObject({ 'referral-decision': 1, 'plan-effectiveness': 1, 'information-sharing': 1 });
    expect(s.byAgencyRaising).toMatchObject({ Education: 1, Health: 1 });
    expect(s.openCases.map((o) => o.id).sort()).toEqual(['B', 'E']);
    expect(s.openCases.find((o) => o.id === 'B')!.lateByWorkingDays).toBeGreaterThan(0);
  });

  it('keeps free text out unless it is asked for by name', () => {
    const text =
      JSON.stringify(s) +
      JSON.stringify(trackerRows(register, { now: period.now })) +
      trackerCsv(register, { now: period.now });
    expect(text).not.toMatch(/SECRET/);
    expect(s.learning).toEqual({ count: 1, items: [{ id: 'B', at: '2025-12-03T11:00:00.000Z' }] });
    const asked = summarise(register, { ...period, includeText: ['learning', 'outcome'] });
    expect(asked.learning.items[0]!.text).toBe('SECRET-LEARNING');
    expect(asked.outcomes).toEqual([{ id: 'A', outcome: 'SECRET-OUTCOME' }]);
  });

  it('counts what it cannot read, and refuses a bad period', () => {
    expect(summarise([...register, { id: 'junk' }, 42], period).unreadable).toEqual(['junk', '(no id)']);
    expect(() => summarise(register, { ...period, from: '2025-13-01' })).toThrow(/Invalid period/);
  });
});

describe('the tracker', () => {
  it('has one row per escalation with references, categories and process dates', () => {
    const rows = trackerRows(register, { now: '2025-12-05T09:00:00Z' });
    expect(rows.find((r) => r.reference === 'B')).toMatchObject({
      policy: 'barnsley',
      raised: '2025-12-01',
      agencyRaising: 'Health',
      highestStage: 3,
      currentState: 'open at stage 3',
    });
  });

  it('writes CSV a spreadsheet opens cleanly, with no cell run as a formula', () => {
    const hostile = run('suffolk', '=HYPERLINK("http://x","y")', '2025-05-01T10:00:00Z', [], {
      agencyRaising: '+44 Health, "North"',
      agencyConcerned: '@SUM(A1)',
    });
    const csv = trackerCsv([hostile], { now: '2025-05-02T09:00:00Z' });
    expect(csv.startsWith('\uFEFFReference,Policy,')).toBe(true);
    const line = csv.split('\r\n')[1]!;
    expect(line.startsWith(`"'=HYPERLINK(""http://x"",""y"")"`)).toBe(true);
    expect(line).toContain(`"'+44 Health, ""North"""`);
    expect(line).toContain(`'@SUM(A1)`);
    expect(line).toContain(',2025-05-01,');
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});

describe('docs/oversight.md', () => {
  it('is the report `npm run generate` makes from the seeded synthetic year today', () => {
    const { markdown, charts } = renderOversightDoc() as { markdown: string; charts: Record<string, string> };
    expect(fs.readFileSync(DOC, 'utf8')).toBe(markdown);
    for (const [name, svg] of Object.entries(charts))
      expect(fs.readFileSync(path.join(CHART_DIR, name), 'utf8')).toBe(svg);
    expect(markdown).toContain('| raised | resolved | withdrawn | open at the end |');
  });
});

describe('safeguarding-escalation report', () => {
  const cli = new URL('../dist/node/cli.js', import.meta.url).pathname;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sge-report-'));
  register.forEach((e) => fs.writeFileSync(path.join(dir, `${e.id}.json`), JSON.stringify(e)));
  const cmd = (...args: string[]) => spawnSync(process.execPath, [cli, 'report', dir, ...args], { encoding: 'utf8' });

  it('prints the summary, the tracker CSV and the Markdown analysis with its charts', () => {
    expect(JSON.parse(cmd('--from', '2025-01-01', '--to', '2025-12-31').stdout)).toMatchObject({ raised: 4, open: 2 });
    // The tracker lists the four escalations of 2025 (D closed in 2024), a header, and ends with a line end.
    expect(cmd('--from', '2025-01-01', '--to', '2025-12-31', '--csv').stdout.split('\r\n')).toHaveLength(6);
    const charts = path.join(dir, 'charts');
    const md = cmd('--from', '2025-01-01', '--to', '2025-12-31', '--md', '--charts', charts);
    expect(md.stdout).toContain('# Escalations: annual analysis');
    expect(fs.readFileSync(path.join(charts, 'escalations-by-quarter.svg'), 'utf8')).toContain('<svg');
  });

  it('refuses a missing period or two formats', () => {
    expect(cmd('--to', '2025-12-31').status).toBe(2);
    expect(cmd('--from', '2025-01-01', '--to', '2025-12-31', '--csv', '--md').status).toBe(2);
  });
});

describe('report --from and --to, in every format', () => {
  // A 2024 window over a register of three: one raised and resolved in 2019, one raised in 2024 and
  // still open, one raised in 2027. Only the 2024 one belongs to it.
  const cli = new URL('../dist/node/cli.js', import.meta.url).pathname;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sge-window-'));
  const cases = [
    run('suffolk', 'CASE-2019', '2019-05-13T09:00:00Z', [
      { type: 'RESOLVE', at: '2019-05-20T09:00:00Z', outcome: 'Agreed' },
    ]),
    run('suffolk', 'CASE-2024', '2024-05-13T09:00:00Z', [{ type: 'ESCALATE', at: '2024-05-14T09:00:00Z' }]),
    run('suffolk', 'CASE-2027', '2027-05-13T09:00:00Z', []),
  ];
  fs.writeFileSync(path.join(dir, 'register.json'), JSON.stringify(cases));
  const report = (...args: string[]) => {
    const out = spawnSync(
      process.execPath,
      [cli, 'report', dir, '--from', '2024-01-01', '--to', '2024-12-31', ...args],
      { encoding: 'utf8' },
    );
    expect(out.status).toBe(0);
    return out.stdout;
  };

  it('the summary (JSON, the default and --json) counts only the 2024 escalation', () => {
    for (const out of [report(), report('--json')]) {
      const s = JSON.parse(out);
      expect(s).toMatchObject({ period: { from: '2024-01-01', to: '2024-12-31' }, raised: 1, resolved: 0, open: 1 });
      expect(s.openCases.map((o: { id: string }) => o.id)).toEqual(['CASE-2024']);
      expect(out).not.toContain('CASE-2019');
      expect(out).not.toContain('CASE-2027');
    }
  });

  it('the tracker (--csv) lists only the 2024 escalation', () => {
    const lines = report('--csv')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]!.startsWith('CASE-2024,suffolk,')).toBe(true);
  });

  it('the annual analysis (--md) counts and lists only the 2024 escalation', () => {
    const md = report('--md');
    expect(md).toContain('Period: 2024-01-01 to 2024-12-31.');
    expect(md).toMatch(/\| 1 \| 0 \| 0 \| 1 \|/); // raised, resolved, withdrawn, open at the end
    expect(md).toContain('| CASE-2024 | suffolk | 2 |');
    expect(md).not.toContain('CASE-2019');
    expect(md).not.toContain('CASE-2027');
  });
});

describe('the period is counted in London dates', () => {
  it('leaves out an escalation raised at 00:30 BST on the day after the period ends', () => {
    const late = run('suffolk', 'JULY', '2025-06-30T23:30:00Z', []); // 1 July 2025, 00:30 in London
    const june = run('suffolk', 'JUNE', '2025-06-30T22:30:00Z', []); // 30 June 2025, 23:30 in London
    const s = summarise([late, june], { from: '2025-06-01', to: '2025-06-30', now: '2025-07-15T09:00:00Z' });
    expect(s.raised).toBe(1);
    expect(s.openCases.map((o) => o.id)).toEqual(['JUNE']);
  });
});
