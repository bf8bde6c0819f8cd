// The examples install their own dependencies (better-sqlite3, pg, pg-boss, a PostgreSQL server), so a
// plain `npm ci` at the root stays quick. `npm test` runs this first: it installs each example from its
// own lockfile with `npm ci` when its dependencies are missing or older than its lockfile, and says so.
// If an install fails, it exits non-zero naming what to run by hand.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

/** Examples with their own package.json, as paths relative to the repository root. */
export function examplesWithDependencies(root = repositoryRoot) {
  const examplesDir = path.join(root, 'examples');
  return fs
    .readdirSync(examplesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(examplesDir, d.name, 'package.json')))
    .map((d) => path.join('examples', d.name));
}

/** Why an example needs installing, or null when its node_modules matches its lockfile. */
export function installNeeded(example, root = repositoryRoot) {
  const dir = path.join(root, example);
  const lock = path.join(dir, 'package-lock.json');
  // npm writes node_modules/.package-lock.json at the end of every install: its absence means no
  // install finished, and a lockfile newer than it means the dependencies changed since.
  const installed = path.join(dir, 'node_modules', '.package-lock.json');
  if (!fs.existsSync(lock))
    throw new Error(
      `${example} has a package.json but no package-lock.json: run (cd ${example} && npm install) and commit the lockfile`,
    );
  if (!fs.existsSync(installed)) return 'not installed';
  if (fs.statSync(lock).mtimeMs > fs.statSync(installed).mtimeMs) return 'its lockfile changed';
  return null;
}

function npmCi(example, root) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn('npm', ['ci', '--no-audit', '--no-fund'], {
      cwd: path.join(root, example),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (e) => resolve({ example, ok: false, output: String(e), seconds: 0 }));
    child.on('exit', (code) => resolve({ example, ok: code === 0, output, seconds: (Date.now() - started) / 1000 }));
  });
}

/** Installs every example that needs it, in parallel; throws with what to run by hand if one fails. */
export async function installExamples({
  root = repositoryRoot,
  log = (line) => process.stderr.write(`${line}\n`),
} = {}) {
  const pending = examplesWithDependencies(root)
    .map((example) => ({ example, why: installNeeded(example, root) }))
    .filter((x) => x.why !== null);
  if (pending.length === 0) return;
  for (const { example, why } of pending) {
    log(
      `${example}: ${why}; installing its own dependencies with npm ci in ${example} (a native module may build from source: a minute or two)…`,
    );
  }
  const results = await Promise.all(pending.map(({ example }) => npmCi(example, root)));
  const failed = results.filter((r) => !r.ok);
  for (const r of results) if (r.ok) log(`${r.example}: installed in ${r.seconds.toFixed(0)} s`);
  if (failed.length > 0) {
    const detail = failed
      .map((r) => `--- npm ci in ${r.example} failed:\n${r.output.trim().split('\n').slice(-25).join('\n')}`)
      .join('\n');
    throw new Error(
      `${detail}\nThe example tests need these dependencies. Install them by hand and run the tests again:\n` +
        failed.map((r) => `  (cd ${r.example} && npm ci)`).join('\n'),
    );
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  installExamples().catch((e) => {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  });
}
