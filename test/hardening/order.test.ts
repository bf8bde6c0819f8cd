// requiredActions and deadlines come in one order on every machine: dated actions soonest first, then
// the undated ones, ties broken by a fixed key compared code unit by code unit (no collator, so the
// locale and the time zone of the host change nothing).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { getStatus, type EscalationStatus } from '../../src/index.js';
import { cases } from './orderCases.js';

const codeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('the order of what must be done', () => {
  it('is dated actions by due instant, then undated ones, each tie by its obligation in code-unit order', () => {
    let undated = 0;
    for (const [policy, e, now] of cases()) {
      const actions = getStatus(policy, e, now).requiredActions;
      const expected = [...actions].sort(
        (a, b) =>
          Number(a.dueAt === null) - Number(b.dueAt === null) ||
          codeUnits(a.dueAt ?? '', b.dueAt ?? '') ||
          codeUnits(a.obligation ?? '', b.obligation ?? ''),
      );
      expect(actions).toEqual(expected);
      const firstUndated = actions.findIndex((a) => a.dueAt === null);
      if (firstUndated >= 0) expect(actions.slice(firstUndated).every((a) => a.dueAt === null)).toBe(true);
      undated += actions.filter((a) => a.dueAt === null).length;
    }
    expect(undated).toBeGreaterThan(0);
  });

  it('is the same under other locales and time zones (a child process each)', async () => {
    // Inside the repository, so that the bundle finds the package's dependencies in node_modules.
    fs.mkdirSync('.tmp', { recursive: true });
    const dir = fs.mkdtempSync(path.join('.tmp', 'order-'));
    try {
      const entry = path.join(dir, 'entry.ts');
      const imports = `import { getStatus } from ${JSON.stringify(path.resolve('src/index.ts'))};\nimport { cases } from ${JSON.stringify(path.resolve('test/hardening/orderCases.ts'))};\n`;
      fs.writeFileSync(
        entry,
        `${imports}console.log(JSON.stringify(cases().map(([p, e, now]) => getStatus(p, e, now))));\n`,
      );
      const bundle = path.join(dir, 'entry.mjs');
      await build({
        entryPoints: [entry],
        outfile: bundle,
        bundle: true,
        platform: 'node',
        format: 'esm',
        packages: 'external',
        logLevel: 'error',
        absWorkingDir: process.cwd(),
      });
      const here: EscalationStatus[] = cases().map(([p, e, now]) => getStatus(p, e, now));
      for (const env of [
        { LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8', TZ: 'Pacific/Chatham' },
        { LANG: 'sv_SE.UTF-8', LC_ALL: 'sv_SE.UTF-8', TZ: 'America/St_Johns' },
        { LANG: 'ja_JP.UTF-8', LC_ALL: 'ja_JP.UTF-8', TZ: 'Asia/Kolkata' },
        { LANG: 'C', LC_ALL: 'C', TZ: 'UTC' },
      ]) {
        const child = spawnSync(process.execPath, [bundle], {
          encoding: 'utf8',
          env: { ...process.env, ...env },
          cwd: process.cwd(),
        });
        expect(child.status, child.stderr).toBe(0);
        expect(JSON.parse(child.stdout)).toEqual(JSON.parse(JSON.stringify(here)));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
