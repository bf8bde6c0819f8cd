// The examples install their own dependencies: `npm test` runs npm ci in an example whose
// node_modules is missing or older than its lockfile, and fails naming the command when it cannot.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script, without declarations
import { examplesWithDependencies, installExamples, installNeeded } from '../scripts/install-examples.mjs';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'sge-examples-'));
  fs.mkdirSync(path.join(root, 'examples', 'plain'), { recursive: true }); // no package.json: nothing to install
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** An example depending on a package in its own folder (installed as a link: no network). */
function example(name: string, dependencies: Record<string, string>, locked: Record<string, string>): string {
  const dir = path.join(root, 'examples', name);
  fs.mkdirSync(path.join(dir, 'local'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'local', 'package.json'), JSON.stringify({ name: 'local', version: '1.0.0' }));
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name, private: true, dependencies: { local: 'file:local', ...dependencies } }),
  );
  const packages = {
    '': { name, dependencies: { local: 'file:local', ...locked } },
    local: { name: 'local', version: '1.0.0' },
    'node_modules/local': { resolved: 'local', link: true },
  };
  fs.writeFileSync(
    path.join(dir, 'package-lock.json'),
    JSON.stringify({ name, lockfileVersion: 3, requires: true, packages }),
  );
  return path.join('examples', name);
}

describe('installing the examples’ own dependencies', () => {
  it('finds the examples with a package.json and says why each needs installing', () => {
    const empty = example('empty', {}, {});
    expect(examplesWithDependencies(root)).toEqual([empty]);
    expect(installNeeded(empty, root)).toBe('not installed');
  });

  it('installs an example with npm ci, saying what it is doing, and then leaves it alone', async () => {
    const empty = example('empty', {}, {});
    const said: string[] = [];
    await installExamples({ root, log: (line: string) => said.push(line) });
    expect(said[0]).toMatch(
      /^examples\/empty: not installed; installing its own dependencies with npm ci in examples\/empty/,
    );
    expect(said[1]).toMatch(/^examples\/empty: installed in \d+ s$/);
    expect(installNeeded(empty, root)).toBeNull();
    said.length = 0;
    await installExamples({ root, log: (line: string) => said.push(line) });
    expect(said).toEqual([]);
  }, 60_000);

  it('fails naming the command to run by hand when npm ci fails', async () => {
    // A package.json out of step with its lockfile: npm ci refuses it at once, without the network.
    example('broken', { 'left-pad': '1.3.0' }, {});
    await expect(installExamples({ root, log: () => undefined })).rejects.toThrow(
      /npm ci in examples\/broken failed[\s\S]*\(cd examples\/broken && npm ci\)/,
    );
  }, 60_000);
});
