// The command line for a policy author, run as a user would (npm test builds first): a new policy
// from the template, filled in, linted and timed; a shipped policy exported; an author's own pages.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy, policies, renderStateDiagram } from '../src/index.js';

const root = new URL('..', import.meta.url).pathname;
const cli = path.join(root, 'dist', 'node', 'cli.js');
const SCHEMA_URL = 'https://unpkg.com/safeguarding-escalation/policies/policy.schema.json';
let dir: string;
const run = (...args: string[]) =>
  spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, COLUMNS: '' } });
const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sge-author-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * The template filled in as an author would: each placeholder replaced by a value of its kind, the
 * stages' working days 2, 3 and 5 in order.
 */
function fillIn(template: string): string {
  const days = [2, 3, 5];
  const values: Record<string, () => string> = {
    version: () => '"2"',
    issued: () => '"2025-03"',
    reviewDue: () => '"2027-03"',
    value: () => String(days.shift()),
    quote: () => 'The words of the procedure that set this out.',
  };
  return template.replace(/^(\s*(?:- )?)(\w+): <[^<>\n]+>$/gm, (_line, indent: string, key: string) => {
    const value = values[key]?.() ?? `The ${key} the procedure gives`;
    return `${indent}${key}: ${value}`;
  });
}

describe('init → fill in → lint → timeline', () => {
  it('writes the template, which lint refuses until every placeholder is filled in, then accepts', () => {
    const made = run('init', 'anytown', '--partnership', 'Anytown & District Safeguarding Children Partnership');
    expect(made.status).toBe(0);
    expect(made.stdout).toBe('');
    const template = read('anytown.yaml');
    expect(made.stderr).toMatch(
      /^wrote anytown\.yaml: fill in its (\d+) placeholders, then run: safeguarding-escalation lint anytown\.yaml/,
    );
    const placeholders = Number(/fill in its (\d+) placeholders/.exec(made.stderr)![1]);
    expect(template.split('\n')[0]).toBe(`# yaml-language-server: $schema=${SCHEMA_URL}`);
    expect(template).toContain('id: anytown\n');
    expect(template).toContain('partnership: "Anytown & District Safeguarding Children Partnership"');

    const unfilled = run('lint', 'anytown.yaml', '--json');
    expect(unfilled.status).toBe(1);
    const [result] = JSON.parse(unfilled.stdout) as { findings: { code: string; line: number; path: string }[] }[];
    // Each placeholder is found, at its line, as what it is: not as a number or a date written wrong.
    expect(result!.findings.every((f) => f.code === 'PLACEHOLDER')).toBe(true);
    expect(result!.findings).toHaveLength(placeholders);
    const lines = template.split('\n');
    for (const finding of result!.findings) expect(lines[finding.line - 1]).toMatch(/: <[^<>]+>$/);
    expect(result!.findings.map((f) => f.path)).toContain('obligations[0].limit.value');

    fs.writeFileSync(path.join(dir, 'anytown.yaml'), fillIn(template));
    const filled = run('lint', 'anytown.yaml');
    expect(filled.stdout).toBe('anytown.yaml: 0 error(s), 0 warning(s), 0 note(s)\n');
    expect(filled.status).toBe(0);
  });

  it('the filled-in policy runs: every deadline of a concern raised before Easter 2025, worked by hand', () => {
    const r = run('timeline', 'anytown.yaml', '--raised', '2025-04-17', '--as-of', '2025-06-01', '--json');
    expect(r.status).toBe(0);
    const view = JSON.parse(r.stdout) as {
      stages: { number: number; reachedOn: string }[];
      deadlines: { obligation: string; dueDate: string }[];
      currency: unknown[];
    };
    // Raised Thursday 17 April 2025; Good Friday (18th) and Easter Monday (21st) are bank holidays,
    // and so is Monday 5 May. Stage 1, 2 working days: 22, 23 April. Stage 2, 3: 24, 25, 28 April.
    // Stage 3, 5: 29, 30 April, 1, 2, 6 May.
    expect(view.deadlines.map((d) => [d.obligation, d.dueDate])).toEqual([
      ['stage-1-resolution#1', '2025-04-23'],
      ['stage-2-resolution#1', '2025-04-28'],
      ['stage-3-resolution#1', '2025-05-06'],
    ]);
    expect(view.stages.map((s) => s.reachedOn)).toEqual(['2025-04-17', '2025-04-23', '2025-04-28']);
    expect(view.currency).toEqual([]);
  });

  it('timeline warns once the filled-in document is past its review date', () => {
    const r = run('timeline', 'anytown.yaml', '--raised', '2028-01-10', '--as-of', '2028-01-10');
    expect(r.status).toBe(0);
    const [heading, warning] = r.stdout.split('\n');
    expect(heading).toContain('Anytown & District Safeguarding Children Partnership');
    expect(warning).toMatch(
      /^warning: The document's review was due March 2027, and that has passed \(as of 2028-01-10\)/,
    );
  });

  it('refuses to replace a file without --force, and a malformed id', () => {
    const before = read('anytown.yaml');
    const again = run('init', 'anytown');
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('anytown.yaml exists already: give --force to replace it');
    expect(read('anytown.yaml')).toBe(before);
    expect(run('init', 'anytown', '--force').status).toBe(0);
    expect(read('anytown.yaml')).not.toBe(before);
    const bad = run('init', 'Anytown Partnership');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("'Anytown Partnership' is not a policy id");
  });

  it('points the schema line at the schema installed in the project when there is one', () => {
    const project = path.join(dir, 'project');
    const installed = path.join(project, 'node_modules', 'safeguarding-escalation', 'policies');
    fs.mkdirSync(installed, { recursive: true });
    fs.copyFileSync(path.join(root, 'policies', 'policy.schema.json'), path.join(installed, 'policy.schema.json'));
    expect(run('init', 'anytown', '--out', path.join(project, 'policies', 'anytown.yaml')).status).toBe(0);
    expect(fs.readFileSync(path.join(project, 'policies', 'anytown.yaml'), 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../node_modules/safeguarding-escalation/policies/policy.schema.json',
    );
    expect(run('export', 'barnsley', '--out', path.join(project, 'barnsley.yaml')).status).toBe(0);
    expect(fs.readFileSync(path.join(project, 'barnsley.yaml'), 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=./node_modules/safeguarding-escalation/policies/policy.schema.json',
    );
  });
});

describe('export', () => {
  it.each(Object.keys(policies))('writes %s as the package ships it, pointing at a schema it can reach', (id) => {
    const r = run('export', id, '--out', `exported-${id}.yaml`);
    expect(r.status).toBe(0);
    const shipped = fs.readFileSync(path.join(root, 'policies', `${id}.yaml`), 'utf8').split('\n');
    const copy = read(`exported-${id}.yaml`).split('\n');
    expect(copy[0]).toBe(`# yaml-language-server: $schema=${SCHEMA_URL}`);
    expect(copy.slice(1)).toEqual(shipped.slice(1));
    expect(loadPolicy(read(`exported-${id}.yaml`))).toEqual(policies[id as keyof typeof policies]);
  });

  it('writes to stdout with --out -, refuses to replace a file without --force, and names the ids it knows', () => {
    const stdout = run('export', 'suffolk', '--out', '-');
    expect(stdout.stdout).toBe(read('exported-suffolk.yaml'));
    expect(stdout.stderr).toBe('');
    const again = run('export', 'suffolk', '--out', 'exported-suffolk.yaml');
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('exists already');
    expect(run('export', 'suffolk', '--out', 'exported-suffolk.yaml', '--force').status).toBe(0);
    const unknown = run('export', 'sufolk');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("'sufolk' is not a built-in policy (Did you mean suffolk?)");
  });
});

describe("docs for an author's own policy", () => {
  beforeAll(() => {
    fs.copyFileSync(path.join(root, 'docs', 'examples', 'riverbank.yaml'), path.join(dir, 'riverbank.yaml'));
  });

  it('names its file and command, uses its title, its raise date and that year, and judges its currency on --as-of', () => {
    const r = run(
      'docs',
      'riverbank.yaml',
      '--out',
      'site',
      '--raised',
      '2026-04-02',
      '--as-of',
      '2028-01-10',
      '--json',
    );
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ files: ['site/riverbank.md', 'site/riverbank.svg', 'site/riverbank.mmd'] });
    const page = read('site/riverbank.md');
    const [first] = page.split('\n');
    expect(first).toBe(
      '<!-- Generated by `safeguarding-escalation docs riverbank.yaml --raised 2026-04-02` from riverbank.yaml. Do not edit this page by hand: run that again after changing the policy. -->',
    );
    expect(page).not.toContain('policies/riverbank.yaml');
    expect(page).not.toContain('a test fails');
    expect(page).toContain(
      '# Riverbank Safeguarding Children Partnership\n\n**Resolving Professional Differences**, version 1',
    );
    expect(page).toContain('for a concern raised on Thursday 2 April 2026, every party');
    expect(page).toMatch(/Of every day in 2026, a concern raised on 2026-\d\d-\d\d takes longest/);
    expect(page).not.toContain('2024');
    expect(page).toContain("> **Check that this is the current version.** The document's review was due April 2027");
    expect(page).toContain('[riverbank.svg](riverbank.svg)');
    expect(read('site/riverbank.mmd')).toBe(`${renderStateDiagram(loadPolicy(read('riverbank.yaml')))}\n`);
    expect(read('site/riverbank.svg')).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });

  it('by default works the worst case out for Friday 20 December 2024 and judges currency on today', () => {
    expect(run('docs', 'riverbank.yaml', '--out', 'site-default').status).toBe(0);
    const page = read('site-default/riverbank.md');
    expect(page).toContain('for a concern raised on Friday 20 December 2024');
    expect(page).toContain('Of every day in 2024');
  });

  it('compares several policies in README.md, under a heading of its own', () => {
    const r = run('docs', 'riverbank.yaml', 'suffolk', '--out', 'site-two');
    expect(r.status).toBe(0);
    const overview = read('site-two/README.md');
    expect(overview.split('\n')[0]).toContain('from riverbank.yaml, policies/suffolk.yaml');
    expect(overview).toContain('# The policies side by side');
    expect(overview).toContain('## Is a policy the current version?');
    expect(read('site-two/suffolk.md').split('\n')[0]).toContain('from policies/suffolk.yaml');
  });

  it('refuses two policies with one id, whose pages would overwrite each other', () => {
    const r = run(
      'docs',
      'riverbank.yaml',
      path.join(root, 'docs', 'examples', 'riverbank.yaml'),
      '--out',
      'site-clash',
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("both have the id 'riverbank'");
  });
});
