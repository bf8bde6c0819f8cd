// Loads a TypeScript module of src/ into a build script, compiled by esbuild with what it imports:
// a generator that must agree with the package (the bank-holiday rules, the policy schema) runs the
// package's own code, not a copy of it, and before `dist/` is built.
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The exports of `src/<path>` (a path such as 'calendar/holidayRules.ts'). */
export function loadSource(path) {
  const { outputFiles } = esbuild.buildSync({
    entryPoints: [`${root}src/${path}`],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    write: false,
    logLevel: 'silent',
  });
  const module = { exports: {} };
  new Function('module', 'exports', outputFiles[0].text)(module, module.exports);
  return module.exports;
}
