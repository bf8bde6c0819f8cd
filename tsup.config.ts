import path from 'node:path';
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', testing: 'src/testing/index.ts', cli: 'src/cli/bin.ts' },
  format: ['esm', 'cjs'],
  // Declarations for the two library entries only: the CLI is an executable, not an import.
  dts: { entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' } },
  clean: true,
  // No source maps in the package. `dist` is not minified, so a stack trace already points at
  // readable code with the source's own names; maps without their sources would point at `src/`,
  // which is not shipped, and maps with them were 2.0 MB of the 3.1 MB unpacked (zod's source
  // included). Tests and the demo run on `src/` or on this readable build.
  sourcemap: false,
  target: 'node20',
  // One shared copy of the engine behind both entries: an escalation made through one is known to the
  // other (the link to its policy lives in module state).
  splitting: true,
  // zod's runtime is bundled in, tree-shaken to the validators we use: in Node, loading zod's own
  // module graph (every locale included) takes about 55 ms, the bundled part about 5 ms. zod stays a
  // dependency for the types in our declarations. xstate stays external, so a host's createActor and
  // xstate/graph work on the machines we build with the same xstate they use.
  noExternal: [/^zod(\/|$)/],
  treeshake: true,
  esbuildPlugins: [
    {
      // The testing entry loads fast-check with a clear error when it is missing: by a top-level
      // `await import()` in ES modules, by `require` in CommonJS, which cannot await at top level.
      name: 'fast-check-loader-per-format',
      setup(build) {
        // tsup builds CommonJS with splitting as ES modules first, then converts them: the format it
        // is building for is in the TSUP_FORMAT it defines.
        if (build.initialOptions.define?.TSUP_FORMAT !== JSON.stringify('cjs')) return;
        build.onResolve({ filter: /^\.\/fastCheck\.js$/ }, (args) => ({
          path: path.join(args.resolveDir, 'fastCheck.cjs.ts'),
        }));
      },
    },
  ],
});
