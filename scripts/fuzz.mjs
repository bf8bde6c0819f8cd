// npm run fuzz [-- <seed>] [--cases <n>]: the fuzzers of test/fuzz/properties.ts (the same ones `npm
// test` runs with fixed seeds), 100,000 cases by default, from a seed given on the command line or
// taken from the clock. The properties run in worker threads, one per core; a worker that reports no
// progress for two minutes is a hang, and is reported as one. Prints, per property, the cases run, the
// library calls made, what was found and the time taken; exits 1 if anything was found.
import { build } from 'esbuild';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = path.join(root, '.tmp', 'fuzz', 'properties.mjs');
const HANG_MS = 120_000;

if (!isMainThread) {
  const { runProperty } = await import(pathToFileURL(bundle).href);
  const { name, runs, seed } = workerData;
  const started = performance.now();
  const findings = runProperty(name, runs, seed, (done) => parentPort.postMessage({ progress: done }));
  parentPort.postMessage({ done: { name, runs, seed, findings, ms: performance.now() - started } });
} else {
  const args = process.argv.slice(2);
  const at = args.indexOf('--cases');
  const total = at >= 0 ? Number(args[at + 1]) : 100_000;
  const given = args.find((arg, i) => /^\d+$/.test(arg) && args[i - 1] !== '--cases');
  const seed = given !== undefined ? Number(given) : Date.now() % 2_147_483_647;
  if (!Number.isSafeInteger(total) || total < 4)
    throw new Error(`--cases wants a whole number of cases, not ${args[at + 1]}`);

  await build({
    entryPoints: [path.join(root, 'test', 'fuzz', 'properties.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'error',
  });
  const { PROPERTIES } = await import(pathToFileURL(bundle).href);
  const jobs = Object.entries(PROPERTIES).map(([name, { share }], i) => ({
    name,
    runs: Math.round(total * share),
    seed: (seed + i) % 2_147_483_647,
  }));
  console.log(
    `Fuzzing with seed ${seed}: ${jobs.reduce((n, j) => n + j.runs, 0).toLocaleString('en-GB')} cases (${jobs.map((j) => `${j.name} ${j.runs.toLocaleString('en-GB')}`).join(', ')}), ${Math.min(jobs.length, os.availableParallelism())} at a time`,
  );

  const started = performance.now();
  const results = [];
  const queue = [...jobs].sort((a, b) => b.runs - a.runs);
  const runJob = (job) =>
    new Promise((resolve) => {
      const worker = new Worker(fileURLToPath(import.meta.url), { workerData: job });
      let last = Date.now();
      let progress = 0;
      const watchdog = setInterval(() => {
        if (Date.now() - last < HANG_MS) return;
        clearInterval(watchdog);
        void worker.terminate();
        resolve({ ...job, hang: `no progress for ${HANG_MS / 1000} s after ${progress} cases` });
      }, 1000);
      worker.on('message', (message) => {
        last = Date.now();
        if (message.progress) progress = message.progress;
        if (message.done) {
          clearInterval(watchdog);
          resolve(message.done);
        }
      });
      worker.on('error', (error) => {
        clearInterval(watchdog);
        resolve({ ...job, error: String(error?.stack ?? error) });
      });
    });
  const workers = Array.from({ length: Math.min(queue.length, os.availableParallelism()) }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) results.push(await runJob(job));
  });
  await Promise.all(workers);

  let found = 0;
  console.log('');
  console.log(
    'property    seed         cases      calls  uncoded  budget  history  anchor  round-trip  refusal   time',
  );
  for (const r of results.sort(
    (a, b) => jobs.findIndex((j) => j.name === a.name) - jobs.findIndex((j) => j.name === b.name),
  )) {
    if (!r.findings) {
      found++;
      console.log(
        `${r.name.padEnd(11)} ${String(r.seed).padEnd(10)} ${r.hang ? `HANG: ${r.hang}` : `FAILED: ${r.error}`}`,
      );
      continue;
    }
    const c = r.findings.counts;
    found += Object.values(c).reduce((a, b) => a + b, 0);
    const cells = [c.uncoded, c.budget, c.history, c.anchor, c['round-trip'], c.refusal].map((n, i) =>
      String(n).padStart([7, 7, 8, 7, 11, 8][i]),
    );
    console.log(
      `${r.name.padEnd(11)} ${String(r.seed).padEnd(10)} ${String(r.findings.cases).padStart(7)} ${String(r.findings.calls).padStart(10)} ${cells.join(' ')} ${(r.ms / 1000).toFixed(1).padStart(6)} s`,
    );
    for (const [kind, example] of Object.entries(r.findings.examples)) console.log(`  first ${kind}: ${example}`);
  }
  const cases = results.reduce((n, r) => n + (r.findings?.cases ?? 0), 0);
  const calls = results.reduce((n, r) => n + (r.findings?.calls ?? 0), 0);
  console.log(
    `\n${cases.toLocaleString('en-GB')} cases, ${calls.toLocaleString('en-GB')} library calls, ${found} finding(s), in ${((performance.now() - started) / 1000).toFixed(0)} s (seed ${seed}; run again with: npm run fuzz -- ${seed}${at >= 0 ? ` --cases ${total}` : ''})`,
  );
  process.exitCode = found ? 1 : 0;
}
