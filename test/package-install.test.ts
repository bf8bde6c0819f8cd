// The package as a user gets it: packed, installed into an empty project, and used every way it can
// be (ESM, CommonJS, the testing entry, the CLI, a TypeScript consumer with nodenext), then checked by
// publint and @arethetypeswrong/cli. `npm test` builds first.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
let project: string;
let installed: string;

function sh(cmd: string, args: string[], cwd: string) {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
}

beforeAll(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'sge-consumer-'));
  const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', project], {
    cwd: root,
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .at(-1)!;
  fs.writeFileSync(
    path.join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, version: '1.0.0' }),
  );
  const install = sh(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--ignore-scripts',
      path.join(project, packed),
      `fast-check@${JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).devDependencies['fast-check']}`,
    ],
    project,
  );
  if (install.status !== 0) throw new Error(`npm install of the packed package failed:\n${install.stderr}`);
  installed = path.join(project, 'node_modules', 'safeguarding-escalation');
}, 240_000);

afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

describe('the packed package, installed into an empty project', () => {
  it('imports as ESM', () => {
    fs.writeFileSync(
      path.join(project, 'esm.mjs'),
      `import { ukCalendar, policies, startEscalation, getStatus } from 'safeguarding-escalation';
const e = startEscalation(policies.suffolk, { id: 'X', raisedAt: '2024-12-20T10:00:00Z' });
console.log(ukCalendar().addWorkingDays('2024-12-19', 2), getStatus(policies.suffolk, e, '2024-12-20T10:00:00Z').stage.id);`,
    );
    expect(sh(process.execPath, ['esm.mjs'], project).stdout.trim()).toBe('2024-12-23 stage-1');
  });

  it('requires as CommonJS', () => {
    fs.writeFileSync(
      path.join(project, 'cjs.cjs'),
      `const { ukCalendar, policies, lintPolicy } = require('safeguarding-escalation');
console.log(ukCalendar('scotland').isWorkingDay('2025-01-02'), Object.keys(policies).length, lintPolicy(policies.devon).length > 0);`,
    );
    expect(sh(process.execPath, ['cjs.cjs'], project).stdout.trim()).toBe('false 5 true');
  });

  it('loads the testing entry, which shares the engine with the main one', () => {
    fs.writeFileSync(
      path.join(project, 'testing.mjs'),
      `import { policies, startEscalation } from 'safeguarding-escalation';
import { arbitraries, checkInvariants } from 'safeguarding-escalation/testing';
import fc from 'fast-check';
const e = startEscalation(policies.barnsley, { id: 'X', raisedAt: '2024-12-20T10:00:00Z' });
checkInvariants(policies.barnsley, e, '2024-12-21T10:00:00Z');
console.log(fc.sample(arbitraries.division(), 3).length);`,
    );
    const r = sh(process.execPath, ['testing.mjs'], project);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('3');
    const cjs = sh(
      process.execPath,
      ['-e', "console.log(typeof require('safeguarding-escalation/testing').checkInvariants)"],
      project,
    );
    expect(cjs.stdout.trim()).toBe('function');
  });

  it("imports one partnership's policy alone, as ESM and as CommonJS: the same object as in `policies`", () => {
    fs.writeFileSync(
      path.join(project, 'one-policy.mjs'),
      `import { suffolk } from 'safeguarding-escalation/policies/suffolk';
import { derbyDerbyshire } from 'safeguarding-escalation/policies/derby-derbyshire';
import { policies, startEscalation } from 'safeguarding-escalation';
const e = startEscalation(suffolk, { id: 'X', raisedAt: '2024-12-20T10:00:00Z' });
console.log(suffolk === policies.suffolk, derbyDerbyshire === policies['derby-derbyshire'], e.policy.id);`,
    );
    const esm = sh(process.execPath, ['one-policy.mjs'], project);
    expect(esm.stderr).toBe('');
    expect(esm.stdout.trim()).toBe('true true suffolk');
    const cjs = sh(
      process.execPath,
      [
        '-e',
        "const { devon } = require('safeguarding-escalation/policies/devon'); console.log(devon === require('safeguarding-escalation').policies.devon, devon.id)",
      ],
      project,
    );
    expect(cjs.stdout.trim()).toBe('true devon');
  });

  it('lets a bundler take only what is imported: the calendar alone, or one policy', async () => {
    const esbuild = await import('esbuild');
    const inputs = async (code: string) => {
      const out = await esbuild.build({
        stdin: { contents: code, resolveDir: project, loader: 'js' },
        bundle: true,
        format: 'esm',
        platform: 'browser',
        write: false,
        metafile: true,
        logLevel: 'silent',
      });
      // The files whose code is in the bundle (the metafile lists every file read, shaken off or not).
      const [output] = Object.values(out.metafile.outputs);
      return Object.entries(output!.inputs)
        .filter(([, input]) => input.bytesInOutput > 0)
        .map(([file]) => file)
        .join('\n');
    };
    const calendar = await inputs("import { ukCalendar } from 'safeguarding-escalation'; console.log(ukCalendar);");
    expect(calendar).toContain('safeguarding-escalation/dist/');
    expect(calendar).not.toMatch(/xstate|zod|yaml|node_modules\/(?!safeguarding-escalation)/);
    const policiesIn = async (code: string) => {
      const out = await esbuild.build({
        stdin: { contents: code, resolveDir: project, loader: 'js' },
        bundle: true,
        format: 'esm',
        platform: 'browser',
        write: false,
        logLevel: 'silent',
      });
      const text = out.outputFiles[0]!.text;
      return [
        'Suffolk Safeguarding Partnership',
        'Barnsley Safeguarding Children Partnership',
        'Devon Children and Families Partnership',
        'Somerset Local Safeguarding Children Board',
        'Derby and Derbyshire Safeguarding Children Partnership',
      ].filter((name) => text.includes(name));
    };
    expect(await policiesIn("import { policies } from 'safeguarding-escalation'; console.log(policies);")).toHaveLength(
      5,
    );
    const one = await policiesIn(
      "import { getStatus } from 'safeguarding-escalation'; import { somerset } from 'safeguarding-escalation/policies/somerset'; console.log(getStatus, somerset);",
    );
    expect(one).toEqual(['Somerset Local Safeguarding Children Board']);
  });

  it('runs the CLI from node_modules/.bin', () => {
    const r = sh(path.join(project, 'node_modules', '.bin', 'safeguarding-escalation'), ['lint', 'barnsley'], project);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('barnsley: 0 error(s)');
  });

  it('exports a shipped policy file from the package, and starts a new one whose schema line finds the installed schema', () => {
    const bin = path.join(project, 'node_modules', '.bin', 'safeguarding-escalation');
    const exported = sh(bin, ['export', 'suffolk', '--out', 'suffolk.yaml'], project);
    expect(exported.status).toBe(0);
    const text = fs.readFileSync(path.join(project, 'suffolk.yaml'), 'utf8');
    expect(text.split('\n')[0]).toBe(
      '# yaml-language-server: $schema=./node_modules/safeguarding-escalation/policies/policy.schema.json',
    );
    expect(text.split('\n').slice(1)).toEqual(
      fs
        .readFileSync(path.join(root, 'policies', 'suffolk.yaml'), 'utf8')
        .split('\n')
        .slice(1),
    );
    expect(sh(bin, ['init', 'anytown'], project).status).toBe(0);
    expect(fs.readFileSync(path.join(project, 'anytown.yaml'), 'utf8')).toContain(
      '$schema=./node_modules/safeguarding-escalation/policies/policy.schema.json',
    );
    expect(fs.existsSync(path.join(installed, 'policies', 'policy.schema.json'))).toBe(true);
    // The guide's worked example ships, and its own schema line reaches the shipped schema.
    const example = path.join(installed, 'docs', 'examples', 'riverbank.yaml');
    expect(sh(bin, ['lint', example], project).status).toBe(0);
    const schemaPath = /\$schema=(\S+)/.exec(fs.readFileSync(example, 'utf8'))![1]!;
    expect(fs.existsSync(path.resolve(path.dirname(example), schemaPath))).toBe(true);
  });

  it('ships the JSON Schema', () => {
    const r = sh(
      process.execPath,
      ['-e', "console.log(require('safeguarding-escalation/policy.schema.json').title)"],
      project,
    );
    expect(r.stdout.trim()).toBe('Safeguarding escalation policy definition');
  });

  it('type-checks a TypeScript consumer (TypeScript 5, moduleResolution nodenext)', () => {
    fs.writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        files: ['consumer.mts', 'consumer.cts'],
      }),
    );
    const body = `
const e: Escalation = startEscalation(policies['derby-derbyshire'], { id: 'T', raisedAt: '2024-12-19T09:30:00Z' });
const event: EscalationEvent = { type: 'ESCALATE', at: '2024-12-20T10:00:00Z' };
const status: EscalationStatus = getStatus(policies['derby-derbyshire'], applyEvent(policies['derby-derbyshire'], e, event), '2024-12-20T10:00:00Z');
const d: Deadline | undefined = status.deadlines[0];
const p: Policy = policies.suffolk;
const due: string = ukCalendar().addWorkingDays('2024-12-19', 2);
export { d, p, due };`;
    fs.writeFileSync(
      path.join(project, 'consumer.mts'),
      `import { applyEvent, getStatus, policies, startEscalation, ukCalendar, type Deadline, type Escalation, type EscalationEvent, type EscalationStatus, type Policy } from 'safeguarding-escalation';
import { checkInvariants } from 'safeguarding-escalation/testing';\n${body}\ncheckInvariants(p, e, '2025-01-01T00:00:00Z');`,
    );
    fs.writeFileSync(
      path.join(project, 'consumer.cts'),
      `import { applyEvent, getStatus, policies, startEscalation, ukCalendar, type Deadline, type Escalation, type EscalationEvent, type EscalationStatus, type Policy } from 'safeguarding-escalation';\n${body}`,
    );
    const r = sh(
      process.execPath,
      [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project],
      project,
    );
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('what ships', () => {
  const shipped = () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(path.join(dir, entry.name));
        else files.push(path.relative(installed, path.join(dir, entry.name)).split(path.sep).join('/'));
      }
    };
    walk(installed);
    return files.sort();
  };

  it('follows every relative link in every shipped Markdown file to a shipped file', () => {
    const broken: string[] = [];
    const markdown = shipped().filter((f) => f.endsWith('.md'));
    expect(markdown).toEqual(
      expect.arrayContaining(['README.md', 'CHANGELOG.md', 'docs/engine.md', 'docs/policies/README.md']),
    );
    for (const file of markdown) {
      const text = fs.readFileSync(path.join(installed, file), 'utf8');
      // Inline links and images, [text](target) and ![alt](target), outside code spans.
      for (const match of text.replace(/`[^`\n]*`/g, '').matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
        const target = match[1]!;
        if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) continue;
        const resolved = path.join(path.dirname(path.join(installed, file)), decodeURIComponent(target.split('#')[0]!));
        if (!fs.existsSync(resolved)) broken.push(`${file} -> ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('ships the licence, the changelog and no stale or empty files, source maps or declarations for the CLI', () => {
    const files = shipped();
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'CHANGELOG.md', 'README.md', 'dist/node/cli.js']));
    expect(fs.readFileSync(path.join(installed, 'LICENSE'), 'utf8')).toMatch(
      /^MIT License[\s\S]*safeguarding-escalation contributors/,
    );
    expect(
      files.filter((f) => f.endsWith('.map') || /^dist\/cli\.(d\.c?ts|cjs)$/.test(f) || f === 'policies/README.md'),
    ).toEqual([]);
    // The modular build keeps one file per source module: a small module is small, but not empty;
    // esbuild writes an empty chunk where split code shared nothing but types, and imports it.
    const module = (f: string) =>
      /^dist\/chunk-\w+\.js$/.test(f) ||
      (f.endsWith('.js') && /\b(export|import)\b/.test(fs.readFileSync(path.join(installed, f), 'utf8')));
    const tiny = files.filter((f) => fs.statSync(path.join(installed, f)).size < 100 && !module(f));
    expect(tiny).toEqual([]);
    const pkg = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')) as Record<
      string,
      { url?: string } | string
    >;
    expect(pkg.repository).toMatchObject({ url: expect.stringContaining('github.com/') });
    expect(pkg.bugs).toMatchObject({ url: expect.stringMatching(/\/issues$/) });
    expect(typeof pkg.homepage).toBe('string');
  });

  it('says what to install when the testing entry is used without fast-check', () => {
    const fastCheck = path.join(project, 'node_modules', 'fast-check');
    const aside = path.join(project, 'fast-check-aside');
    fs.renameSync(fastCheck, aside);
    try {
      const esm = sh(
        process.execPath,
        ['--input-type=module', '-e', "await import('safeguarding-escalation/testing')"],
        project,
      );
      expect(esm.status).not.toBe(0);
      expect(esm.stderr).toContain('safeguarding-escalation/testing needs fast-check');
      expect(esm.stderr).toContain('npm install --save-dev fast-check@^4');
      const cjs = sh(process.execPath, ['-e', "require('safeguarding-escalation/testing')"], project);
      expect(cjs.status).not.toBe(0);
      expect(cjs.stderr).toContain('npm install --save-dev fast-check@^4');
      // The main entry never needs it.
      const main = sh(
        process.execPath,
        ['-e', "console.log(Object.keys(require('safeguarding-escalation').policies).length)"],
        project,
      );
      expect(main.stdout.trim()).toBe('5');
    } finally {
      fs.renameSync(aside, fastCheck);
    }
  });
});

describe('package checks', () => {
  it('publint reports nothing', () => {
    const r = sh(bin('publint'), ['--strict'], root);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('All good!');
  });

  it('@arethetypeswrong/cli reports nothing (Node 16+ resolution: the package needs Node 20)', () => {
    const r = sh(bin('attw'), ['--pack', '.', '--profile', 'node16', '--format', 'json'], root);
    const report = JSON.parse(r.stdout) as { analysis: { problems: { resolutionKind?: string }[] } };
    // The node16 profile ignores node10 resolution, which the JSON report still lists.
    expect(report.analysis.problems.filter((p) => p.resolutionKind !== 'node10')).toEqual([]);
    expect(r.status).toBe(0);
  });
});
