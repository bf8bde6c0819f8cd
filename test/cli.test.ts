// The built command-line tool, run as a user would (npm test builds first): what it does, and the
// conventions of the command lines people like, one by one.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEvent, policies, startEscalation } from '../src/index.js';

const root = new URL('..', import.meta.url).pathname;
const cli = path.join(root, 'dist', 'node', 'cli.js');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, COLUMNS: '' } });
const runWith = (env: Record<string, string>, ...args: string[]) =>
  spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
const COMMANDS = ['timeline', 'status', 'lint', 'diff', 'report', 'docs', 'init', 'export', 'schema'];
const suffolkV9 = path.join(root, 'test', 'fixtures', 'versions', 'suffolk-v9.yaml');

let dir: string;
let escalationFile: string;
let registerDir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sge-cli-'));
  let e = startEscalation(policies.barnsley, { id: 'BAR-9', raisedAt: '2024-12-18T10:00:00Z' });
  e = applyEvent(policies.barnsley, e, { type: 'ESCALATE', at: '2024-12-19T10:00:00Z' });
  escalationFile = path.join(dir, 'e.json');
  fs.writeFileSync(escalationFile, JSON.stringify(e));
  // A register big enough that `report --csv | head` closes the pipe while the tool is still writing.
  registerDir = path.join(dir, 'register');
  fs.mkdirSync(registerDir);
  const register = Array.from({ length: 4000 }, (_, i) => ({ ...e, id: `BAR-${String(i).padStart(5, '0')}` }));
  fs.writeFileSync(path.join(registerDir, 'all.json'), JSON.stringify(register));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('what the commands do', () => {
  it('lint: the five policies with no error or warning, noting the stages without a timescale', () => {
    const r = run('lint');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('suffolk: 0 error(s), 0 warning(s), 2 note(s)');
    expect(r.stdout).toContain('STAGE_WITHOUT_TIMESCALE');
  });

  it('lint: exits 1 on a definition with errors, and on a file that is not JSON', () => {
    const file = path.join(dir, 'draft.json');
    fs.writeFileSync(file, JSON.stringify({ id: 'draft', stages: [] }));
    const r = run('lint', file, '--json');
    expect(r.status).toBe(1);
    const [result] = JSON.parse(r.stdout) as { findings: { severity: string; path: string }[] }[];
    expect(result!.findings.some((f) => f.severity === 'error' && f.path === 'title')).toBe(true);
    fs.writeFileSync(file, '{ not json');
    const notJson = run('lint', file);
    expect(notJson.status).toBe(1);
    expect(notJson.stdout).toMatch(/SYNTAX_ERROR\s+.*draft\.json:1:\d+/);
  });

  it('timeline: every deadline of a Suffolk escalation raised on 20 December 2024', () => {
    const r = run('timeline', 'suffolk', '--raised', '2024-12-20T10:00:00Z');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/│ 2024-12-27 │ Discuss the concerns /);
    expect(r.stdout).toMatch(/│ 2024-12-20,/);
    // The cap: 5 working days from the discussion on 27 December (30, 31, 2, 3, 6 January).
    expect(r.stdout).toMatch(/│ 2025-01-06 │ Any Stage 5 /);
  });

  it('timeline: counts on another division when asked, and draws a Gantt chart', () => {
    const scot = JSON.parse(
      run('timeline', 'derby-derbyshire', '--raised', '2024-12-30T10:00:00Z', '--division', 'scotland', '--json')
        .stdout,
    ) as {
      deadlines: { label: string; dueDate: string }[];
    };
    // 2 working days from 30 December: 31 December, then 3 January in Scotland (1 and 2 January are holidays).
    expect(
      scot.deadlines.find((d) => d.label.startsWith('Resolve the difference between the practitioners'))!.dueDate,
    ).toBe('2025-01-03');
    const chart = run('timeline', 'barnsley', '--raised', '2024-12-20T10:00:00Z', '--mermaid').stdout;
    expect(chart.startsWith('gantt')).toBe(true);
    expect(chart).toContain('excludes weekends, 2024-12-25, 2024-12-26, 2025-01-01');
  });

  it('status: what is due and overdue for a stored escalation; exit 1 when it is not valid', () => {
    const r = run('status', escalationFile, '--at', '2025-01-02T09:00:00Z');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('BAR-9 (Barnsley Safeguarding Children Partnership)');
    expect(r.stdout).toMatch(/Overdue:\n\s+2024-12-19\s+Notify the Partnership Manager/);
    expect(r.stdout).toContain('Stage deadline: 2024-12-30 — OVERDUE');
    const broken = path.join(dir, 'broken.json');
    fs.writeFileSync(broken, JSON.stringify({ ...JSON.parse(fs.readFileSync(escalationFile, 'utf8')), history: [] }));
    const refused = run('status', broken, '--at', '2025-01-02T09:00:00Z');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('INVALID_SNAPSHOT');
    expect(refused.stdout).toBe('');
  });

  it('status: lists every problem of an invalid escalation, one a line, with its path', () => {
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(
      bad,
      JSON.stringify({ ...JSON.parse(fs.readFileSync(escalationFile, 'utf8')), raisedAt: 'yesterday', stage: 7 }),
    );
    const r = run('status', bad);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/INVALID_SNAPSHOT: Invalid escalation snapshot \(\d+ problems\):/);
    expect(r.stderr).toMatch(/ {2}✖ .+\n {4}→ at raisedAt/);
    expect(r.stderr).toMatch(/→ at stage/);
  });

  it('diff: what changed between two versions, as Markdown by default or as JSON; exit 1 on an invalid version', () => {
    const markdown = run('diff', 'suffolk', suffolkV9);
    expect(markdown.status).toBe(0);
    expect(markdown.stdout).toMatch(/^### suffolk: version 8 r2 → version 9\n/);
    expect(markdown.stdout).toContain("- **Duty**: Stage 2's limit changed from 1 working day to 2 working days");
    expect(run('diff', 'suffolk', suffolkV9, '--md').stdout).toBe(markdown.stdout);
    const json = JSON.parse(run('diff', path.join(root, 'policies', 'suffolk.yaml'), suffolkV9, '--json').stdout);
    expect(json).toMatchObject({
      before: { version: '8 r2' },
      after: { version: '9' },
      ruleChanges: 2,
      textChanges: 6,
    });
    expect(run('diff', 'suffolk', suffolkV9, '--json', '--md').status).toBe(2);
    const broken = path.join(dir, 'broken-v9.yaml');
    fs.writeFileSync(broken, fs.readFileSync(suffolkV9, 'utf8').replace('number: 2', 'number: two'));
    const refused = run('diff', 'suffolk', broken);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/broken-v9\.yaml:\d+:\d+ stages\[1\]\.number/);
  });

  it('schema and docs', () => {
    const schema = JSON.parse(run('schema').stdout) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['stages', 'obligations', 'movement']));
    expect(Object.keys(schema.properties)).not.toContain('machine');
    const out = path.join(dir, 'docs');
    const r = run('docs', 'devon', '--out', out);
    expect(r.status).toBe(0);
    expect(fs.readFileSync(path.join(out, 'devon.md'), 'utf8')).toContain('```mermaid');
  });
});

describe('the conventions of a good command line', () => {
  it('--version and -v print the version, exit 0', () => {
    for (const flag of ['--version', '-v']) {
      const r = run(flag);
      expect(r.status).toBe(0);
      expect(r.stdout.trim()).toBe(version);
    }
  });

  it('--help on every command and `help <command>` print that command’s help on stdout and exit 0', () => {
    for (const command of COMMANDS) {
      const flag = run(command, '--help');
      expect(flag.status).toBe(0);
      expect(flag.stdout).toMatch(new RegExp(`^Usage: safeguarding-escalation ${command} `));
      expect(flag.stdout).toContain('Exit codes:');
      expect(flag.stderr).toBe('');
      const help = run('help', command);
      expect(help.status).toBe(0);
      expect(help.stdout).toBe(flag.stdout);
    }
    const main = run('--help');
    expect(main.status).toBe(0);
    for (const command of COMMANDS) expect(main.stdout).toMatch(new RegExp(`^ {2}${command}\\b`, 'm'));
    expect(run().stdout).toBe(main.stdout);
  });

  it('`schema --help` prints help, not the schema', () => {
    const r = run('schema', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: safeguarding-escalation schema');
    expect(r.stdout).not.toContain('"$schema"');
  });

  it('--json on every command that prints data', () => {
    const report = run('report', registerDir, '--from', '2024-01-01', '--to', '2024-12-31', '--json');
    const outputs = {
      timeline: run('timeline', 'suffolk', '--raised', '2024-12-20', '--json'),
      status: run('status', escalationFile, '--at', '2025-01-02', '--json'),
      lint: run('lint', 'devon', '--json'),
      diff: run('diff', 'suffolk', suffolkV9, '--json'),
      report,
      docs: run('docs', 'devon', '--out', path.join(dir, 'json-docs'), '--json'),
      init: run('init', 'json-policy', '--out', path.join(dir, 'json-init.yaml'), '--json'),
      export: run('export', 'devon', '--out', path.join(dir, 'json-export.yaml'), '--json'),
      schema: run('schema', '--json'),
    };
    expect(Object.keys(outputs).sort()).toEqual([...COMMANDS].sort());
    for (const [command, r] of Object.entries(outputs)) {
      expect(r.status, command).toBe(0);
      expect(() => JSON.parse(r.stdout), command).not.toThrow();
    }
    expect(JSON.parse(outputs.status.stdout)).toMatchObject({
      escalation: 'BAR-9',
      policy: 'barnsley',
      stage: { number: 1 },
    });
    // One policy: its page and its diagram as SVG and Mermaid source; no overview to compare it with.
    expect(JSON.parse(outputs.docs.stdout).files).toHaveLength(3);
    expect(JSON.parse(outputs.init.stdout)).toMatchObject({ id: 'json-policy', placeholders: expect.any(Number) });
    expect(JSON.parse(outputs.export.stdout)).toMatchObject({ policy: 'devon', version: policies.devon.version });
  });

  it('data on stdout, messages on stderr', () => {
    const docs = run('docs', 'devon', '--out', path.join(dir, 'quiet-docs'));
    expect(docs.stdout).toBe('');
    expect(docs.stderr).toContain('wrote 1 policy page(s) with their diagrams to');
    const report = run('report', registerDir, '--from', '2024-01-01', '--to', '2024-12-31');
    expect(report.stderr).toContain('read 4000 escalation(s) from 1 file(s)');
    expect(JSON.parse(report.stdout)).toHaveProperty('period');
    const refused = run('timeline', 'nowhere.json');
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('No such file: nowhere.json');
  });

  it('documents its exit codes in the help and in docs/cli.md, and uses them', () => {
    const help = run('--help').stdout;
    const doc = fs.readFileSync(path.join(root, 'docs', 'cli.md'), 'utf8');
    for (const code of ['0', '1', '2', '3']) {
      expect(help).toMatch(new RegExp(`^ {2}${code} {2}\\S`, 'm'));
      expect(doc).toMatch(new RegExp(`^\\| ${code} \\|`, 'm'));
    }
    expect(run('lint', 'devon').status).toBe(0);
    expect(run('frobnicate').status).toBe(2);
    expect(run('lint', '--frob').status).toBe(2);
    expect(run('timeline').status).toBe(2);
  });

  it('exits cleanly when the reader closes the pipe (`report --csv | head`)', () => {
    const r = spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" "${cli}" report "${registerDir}" --from 2024-01-01 --to 2024-12-31 --csv | head -n 2; echo "exit \${PIPESTATUS[0]}"`,
      ],
      {
        encoding: 'utf8',
      },
    );
    expect(r.stdout).toMatch(/^\uFEFFReference,/);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('exit 0');
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
  });

  it('says "did you mean" for a mistyped command, option or policy id', () => {
    const command = run('timline', 'suffolk');
    expect(command.status).toBe(2);
    expect(command.stderr).toContain("unknown command 'timline'");
    expect(command.stderr).toContain('Did you mean timeline?');
    const option = run('timeline', 'suffolk', '--rased', '2024-12-20');
    expect(option.status).toBe(2);
    expect(option.stderr).toContain('Did you mean --raised?');
    const policy = run('timeline', 'sufolk');
    expect(policy.status).toBe(2);
    expect(policy.stderr).toContain("'sufolk' is neither a built-in policy id nor a file (Did you mean suffolk?)");
    expect(policy.stderr).toContain("run 'safeguarding-escalation timeline --help'");
    const named = path.join(dir, 'named.json');
    fs.writeFileSync(
      named,
      JSON.stringify({
        ...JSON.parse(fs.readFileSync(escalationFile, 'utf8')),
        policy: { id: 'barnsly', version: 'V4' },
      }),
    );
    expect(run('status', named).stderr).toContain('Did you mean barnsley?');
  });

  it('takes a plain date where a day is meant: 09:00 London time, in GMT and in BST', () => {
    const winter = JSON.parse(run('timeline', 'suffolk', '--raised', '2025-12-22', '--json').stdout) as {
      raisedAt: string;
    };
    expect(winter.raisedAt).toBe('2025-12-22T09:00:00.000Z');
    const summer = JSON.parse(run('timeline', 'suffolk', '--raised', '2025-06-02', '--json').stdout) as {
      raisedAt: string;
    };
    expect(summer.raisedAt).toBe('2025-06-02T08:00:00.000Z');
    const status = JSON.parse(run('status', escalationFile, '--at', '2024-12-30', '--json').stdout) as {
      at: string;
      stageDeadline: { overdue: boolean };
    };
    expect(status.at).toBe('2024-12-30T09:00:00.000Z');
    // At 09:00 on the day a deadline falls it is due today, not yet overdue.
    expect(status.stageDeadline).toMatchObject({ dueDate: '2024-12-30', overdue: false });
    expect(run('report', registerDir, '--from', '2024-01-01', '--to', '2024-12-31', '--now', '2025-01-02').status).toBe(
      0,
    );
    const bad = run('timeline', 'suffolk', '--raised', '20/12/2024');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('"20/12/2024" is not a date or an instant');
  });

  it('takes now as the default instant for status and timeline', () => {
    const before = Date.now();
    const status = JSON.parse(run('status', escalationFile, '--json').stdout) as { at: string };
    const timeline = JSON.parse(run('timeline', 'devon', '--json').stdout) as { raisedAt: string };
    const after = Date.now();
    for (const instant of [status.at, timeline.raisedAt]) {
      expect(Date.parse(instant)).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(instant)).toBeLessThanOrEqual(after);
    }
  });

  it('says clearly that a file is missing', () => {
    for (const args of [
      ['status', 'missing.json'],
      ['timeline', './missing.json'],
      ['lint', 'policies/missing.json'],
      ['report', 'missing/', '--from', '2025-01-01', '--to', '2025-12-31'],
    ]) {
      const r = run(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/^error: No such file( or folder)?: .*missing/);
    }
  });

  it('fits its tables in 100 columns, or in a narrower terminal, switching to a list when they cannot fit', () => {
    for (const id of Object.keys(policies)) {
      const lines = run('timeline', id, '--raised', '2024-12-20').stdout.split('\n');
      expect(Math.max(...lines.map((l) => l.length)), id).toBeLessThanOrEqual(100);
      expect(lines.some((l) => l.startsWith('┌'))).toBe(true);
    }
    const narrow = runWith({ COLUMNS: '50' }, 'timeline', 'suffolk', '--raised', '2024-12-20').stdout;
    expect(Math.max(...narrow.split('\n').map((l) => l.length))).toBeLessThanOrEqual(50);
    expect(narrow).not.toContain('┌');
    expect(narrow).toContain('reached by: 2024-12-31');
    const lint = run('lint').stdout.split('\n');
    expect(Math.max(...lint.map((l) => l.length))).toBeLessThanOrEqual(100);
  });
});
