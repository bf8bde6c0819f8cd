// Runs one long step of `npm test`, `npm run demo` or `npm run bench`, saying what it is doing first
// and how long it took after, so that a build of half a minute is not half a minute of silence.
// Usage: node scripts/step.mjs "<what it does>" <command> [arguments...]
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [what, command, ...args] = process.argv.slice(2);
if (!what || !command) {
  console.error('usage: node scripts/step.mjs "<what it does>" <command> [arguments...]');
  process.exit(2);
}
const bin = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '.bin', command);
const started = performance.now();
process.stderr.write(`▶ ${what}…\n`);
const result = spawnSync(bin, args, { stdio: 'inherit', shell: process.platform === 'win32' });
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (result.status === 0) process.stderr.write(`✓ ${what} (${seconds} s)\n`);
else process.stderr.write(`✗ ${what} failed (${seconds} s)${result.error ? `: ${result.error.message}` : ''}\n`);
process.exit(result.status ?? 1);
