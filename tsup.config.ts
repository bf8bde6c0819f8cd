import { createRequire } from "node:module";
import path from "node:path";
import { defineConfig, type Options } from "tsup";

const require = createRequire(import.meta.url);

/** The public entries, by their path under `dist/node/`. */
const ENTRIES = {
  index: "src/index.ts",
  testing: "src/testing/index.ts",
  "policies/barnsley": "src/policies/barnsley.ts",
  "policies/derby-derbyshire": "src/policies/derby-derbyshire.ts",
  "policies/devon": "src/policies/devon.ts",
  "policies/somerset": "src/policies/somerset.ts",
  "policies/suffolk": "src/policies/suffolk.ts",
};

const common: Options = {
  // No source maps in the package. `dist` is not minified, so a stack trace already points at
  // readable code with the source's own names; maps without their sources would point at `src/`,
  // which is not shipped, and maps with them were 2.0 MB of the 3.1 MB unpacked (zod's source
  // included). Tests and the demo run on `src/` or on this readable build.
  sourcemap: false,
  target: "node20",
  // The entries share one copy of each module: an escalation made through one entry is known to the
  // others (the link to its policy lives in module state).
  splitting: true,
  treeshake: true,
};

// Two builds, chosen by package.json's export conditions (see "exports"):
export default defineConfig([
  {
    // For bundlers (every condition but "node"): one ES module per source module, dependencies left
    // to the bundler, so that with `"sideEffects": false` a browser app takes only the modules its
    // imports reach, as it would from `src/`. Bundled into a few chunks, one function used brought in
    // every module of its chunk (`ukCalendar` alone cost 15 KB gzipped against 4 KB from `src`).
    ...common,
    entry: ["src/**/*.ts", "!src/cli/**", "!src/testing/fastCheck.ts", "!src/testing/fastCheck.cjs.ts"],
    format: ["esm"],
    outDir: "dist",
    // The Node build is written beside, into dist/node: cleaned by its own build.
    clean: ["!node/**"],
  },
  {
    // For Node ("node" condition, and every `require`): the public entries and the command line
    // bundled, sharing chunks. Loading a hundred small modules costs Node more than loading one
    // large one (resolving each import reads package.json files and stats paths), and it is start-up
    // time that a command or a serverless function pays on every run. zod's runtime, the YAML parser
    // and jsonc-parser are bundled in, tree-shaken to what is used: loading zod's own module graph
    // (every locale included) took about 55 ms, yaml's about 70 ms and jsonc-parser's about 20 ms,
    // the bundled parts a few. xstate stays external, so a host's createActor and xstate/graph work
    // on the machines we build with the same xstate they use.
    ...common,
    entry: { ...ENTRIES, cli: "src/cli/bin.ts" },
    format: ["esm", "cjs"],
    outDir: "dist/node",
    clean: true,
    // Declarations for the public entries only: the CLI is an executable, not an import.
    dts: { entry: ENTRIES },
    noExternal: [/^zod(\/|$)/, /^yaml$/, /^jsonc-parser$/],
    esbuildOptions(options) {
      // jsonc-parser's ES module build, not its UMD one (which esbuild cannot turn into ES modules).
      options.mainFields = ["module", "main"];
    },
    esbuildPlugins: [
      {
        // yaml's ES module build (its "default" export) is the same parser without Node's `process`
        // (for warnings); its "node" build is CommonJS, which an ES module bundle cannot require.
        name: "yaml-as-es-module",
        setup(build) {
          build.onResolve({ filter: /^yaml$/ }, () => ({
            path: path.join(path.dirname(require.resolve("yaml/package.json")), "browser", "index.js"),
          }));
        },
      },
      {
        // The testing entry loads fast-check with a clear error when it is missing: by a top-level
        // `await import()` in ES modules, by `require` in CommonJS, which cannot await at top level.
        name: "fast-check-loader-per-format",
        setup(build) {
          // tsup builds CommonJS with splitting as ES modules first, then converts them: the format it
          // is building for is in the TSUP_FORMAT it defines.
          if (build.initialOptions.define?.TSUP_FORMAT !== JSON.stringify("cjs")) return;
          build.onResolve({ filter: /^\.\/fastCheck\.js$/ }, (args) => ({
            path: path.join(args.resolveDir, "fastCheck.cjs.ts"),
          }));
        },
      },
    ],
  },
]);
