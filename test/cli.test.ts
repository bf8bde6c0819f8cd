// The built command-line tool, run as a user would (npm test builds first).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = new URL('../dist/cli.js', import.meta.url).pathname;
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

describe('safeguarding-escalation lint', () => {
  it('lints the five policies with no error, reporting Suffolk’s timescale conflict', () => {
    const r = run('lint');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('suffolk: 0 error(s), 1 warning(s)');
    expect(r.stdout).toContain('TIMESCALE_CONFLICT');
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
