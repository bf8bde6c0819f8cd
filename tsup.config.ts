import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig, type Options } from 'tsup';

const require = createRequire(import.meta.url);

/** The public entries of the Node build, by their path under `dist/node/`. */
const ENTRIES = {
  index: 'src/index.ts',
  testing: 'src/testing/index.ts',
  'policies/barnsley': 'src/policies/barnsley.ts',
  'policies/derby-derbyshire': 'src/policies/derby-derbyshire.ts',
  'policies/devon': 'src/policies/devon.ts',
  'policies/somerset': 'src/policies/somerset.ts',
  'policies/suffolk': 'src/policies/suffolk.ts',
};

const common: Options = {
  // No source maps in the package. `dist` is not minified, so a stack trace already points at
  // readable code with the source's own names; maps without their sources would point at `src/`,
  // which is not shipped, and maps with them were 2.0 MB of the 3.1 MB unpacked (zod's source
  // included). Tests and the demo run on `src/` or on this readable build.
  sourcemap: false,
  target: 'node20',
  treeshake: true,
};

// What Node loads has zod's runtime, the YAML parser and jsonc-parser bundled in, tree-shaken to what
// is used: loading zod's own module graph (every locale included) took about 55 ms, yaml's about
// 70 ms and jsonc-parser's about 20 ms, the bundled parts a few. xstate stays external, so a host's
// createActor and xstate/graph work on the machines we build with the same xstate they use.
const bundled: Options = {
  noExternal: [/^zod(\/|$)/, /^yaml$/, /^jsonc-parser$/],
  esbuildOptions(options) {
    // jsonc-parser's ES module build, not its UMD one (which esbuild cannot turn into ES modules).
    options.mainFields = ['module', 'main'];
  },
};

/** yaml's ES module build (its "default" export): the same parser, without Node's `process`; its "node" build is CommonJS, which an ES module bundle cannot require. */
const yamlAsEsModule: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'yaml-as-es-module',
  setup(build) {
    build.onResolve({ filter: /^yaml$/ }, () => ({
      path: path.join(path.dirname(require.resolve('yaml/package.json')), 'browser', 'index.js'),
    }));
  },
};

// Two builds of the library, chosen by package.json's export conditions (see "exports"); the command
// line is in the Node one.
export default defineConfig([
  {
    // For bundlers (every condition but "node"): one ES module per source module, dependencies left
    // to the bundler, so that with `"sideEffects": false` a browser app takes only the modules its
    // imports reach, as it would from `src/`. Bundled into a few chunks, one function used brought in
    // every module of its chunk (`ukCalendar` alone cost 15 KB gzipped against 4 KB from `src`).
    // Every module is an entry, and the entries share one copy of each.
    ...common,
    entry: ['src/**/*.ts', '!src/cli/**', '!src/testing/fastCheck.ts', '!src/testing/fastCheck.cjs.ts'],
    format: ['esm'],
    outDir: 'dist',
    splitting: true,
    // The Node build, with the command line, is written beside it into dist/node, and cleaned by its
    // own build.
    clean: ['!node/**'],
  },
  {
    // For Node ("node" condition, and every `require`): the public entries bundled, sharing chunks,
    // so that an escalation made through one entry is known to the others (module state). Loading a
    // hundred small modules costs Node more than loading a few large ones (resolving each import
    // reads package.json files and stats paths), and start-up is what a command or a serverless
    // function pays on every run.
    ...common,
    ...bundled,
    // The command line is an entry of the ES module build (dist/node/cli.js), sharing its chunks with
    // the library's: built on its own it repeated the whole library in one 860 KB file.
    entry: { ...ENTRIES, cli: 'src/cli/bin.ts' },
    format: ['esm', 'cjs'],
    outDir: 'dist/node',
    splitting: true,
    clean: true,
    dts: { entry: ENTRIES },
    // The command line is an ES module only: the CommonJS copy the shared build also writes is removed.
    async onSuccess() {
      await rm('dist/node/cli.cjs', { force: true });
    },
    esbuildPlugins: [
      yamlAsEsModule,
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
  },
]);
