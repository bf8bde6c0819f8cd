// The built command-line tool, run as a user would (npm test builds first).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = new URL('../dist/cli.js', import.meta.url).pathname;
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

describe('safeguarding-escalation lint', () => {
  it('lints the five policies with no error or warning, noting the stages without a timescale', () => {
    const r = run('lint');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('suffolk: 0 error(s), 0 warning(s), 2 note(s)');
    expect(r.stdout).toContain('STAGE_WITHOUT_TIMESCALE');
  });

  it('exits 1 on a definition with errors, and prints them as JSON when asked', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sge-cli-'));
    const file = path.join(dir, 'draft.json');
    fs.writeFileSync(file, JSON.stringify({ id: 'draft', stages: [] }));
    const r = run('lint', file, '--json');
    expect(r.status).toBe(1);
    const [result] = JSON.parse(r.stdout) as { findings: { severity: string; path: string }[] }[];
    expect(result!.findings.some((f) => f.severity === 'error' && f.path === 'title')).toBe(true);
    fs.writeFileSync(file, '{ not json');
    expect(run('lint', file).status).toBe(1);
    fs.rmSync(dir, { recursive: true });
  });

  it('says clearly what is wrong with its arguments, with exit code 2', () => {
    const unknown = run('lint', 'no-such-policy');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("No policy id or file 'no-such-policy'");
    expect(run('frobnicate').status).toBe(2);
    expect(run('lint', '--frob').status).toBe(2);
  });

  it('has help for each command', () => {
    expect(run('help', 'lint').stdout).toContain('Exit codes');
    expect(run('lint', '--help').stdout).toContain('TIMESCALE_CONFLICT');
    expect(run().stdout).toContain('Commands:');
  });
});

describe('safeguarding-escalation timeline, status, schema and docs', () => {
  it('prints every deadline of a Suffolk escalation raised on 20 December 2024', () => {
    const r = run('timeline', 'suffolk', '--raised', '2024-12-20T10:00:00Z');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Discuss the concerns by phone, email or in a meeting\s.*2024-12-27\s+2024-12-20 \(3 working days\)/);
    // The worst case: the discussion on 27 December, then 5 working days (30, 31, 2, 3, 6 January).
    expect(r.stdout).toMatch(/Any Stage 5 escalation within 5 working days.*2025-01-06/);
  });

  it('counts on another division when asked, and draws a Gantt chart', () => {
    const scot = run('timeline', 'derby-derbyshire', '--raised', '2024-12-30T10:00:00Z', '--division', 'scotland');
    // 2 working days from 30 December: 31 December, then 3 January in Scotland (1 and 2 January are holidays).
    expect(scot.stdout).toMatch(/Resolve the difference between the practitioners.*2025-01-03/);
    const chart = run('timeline', 'barnsley', '--raised', '2024-12-20T10:00:00Z', '--mermaid').stdout;
    expect(chart.startsWith('gantt')).toBe(true);
    expect(chart).toContain('excludes weekends, 2024-12-25, 2024-12-26, 2025-01-01');
  });

  it('refuses a missing or bad --raised, and an unknown division', () => {
    expect(run('timeline', 'suffolk').status).toBe(2);
    const bad = run('timeline', 'suffolk', '--raised', '20/12/2024');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('"20/12/2024"');
    expect(run('timeline', 'suffolk', '--raised', '2024-12-20T10:00:00Z', '--division', 'wales').status).toBe(2);
  });

  it('shows what is due and overdue for a stored escalation', async () => {
    const { startEscalation, applyEvent, policies } = await import('safeguarding-escalation');
    let e = startEscalation(policies.barnsley, { id: 'BAR-9', raisedAt: '2024-12-18T10:00:00Z' });
    e = applyEvent(policies.barnsley, e, { type: 'ESCALATE', at: '2024-12-19T10:00:00Z' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sge-cli-'));
    const file = path.join(dir, 'e.json');
    fs.writeFileSync(file, JSON.stringify(e));
    const r = run('status', file, '--at', '2025-01-02T09:00:00Z');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('BAR-9 (Barnsley Safeguarding Children Partnership)');
    expect(r.stdout).toMatch(/Overdue:\n\s+2024-12-19\s+Notify the Partnership Manager/);
    expect(r.stdout).toContain('Stage deadline: 2024-12-30 — OVERDUE');
    fs.writeFileSync(file, JSON.stringify({ ...e, history: [] }));
    const broken = run('status', file, '--at', '2025-01-02T09:00:00Z');
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('INVALID_SNAPSHOT');
    fs.rmSync(dir, { recursive: true });
  });

  it('prints the JSON Schema and writes the docs', () => {
    const schema = JSON.parse(run('schema').stdout) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['stages', 'obligations', 'movement']));
    expect(Object.keys(schema.properties)).not.toContain('machine');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sge-docs-'));
    expect(run('docs', 'devon', '--out', dir).status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'devon.md'), 'utf8')).toContain('```mermaid');
    fs.rmSync(dir, { recursive: true });
  });
});
