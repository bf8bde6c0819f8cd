import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  splitting: false,
  // zod's runtime is bundled in, tree-shaken to the validators we use: in Node, loading zod's own
  // module graph (every locale included) takes about 55 ms, the bundled part about 5 ms. zod stays a
  // dependency for the types in our declarations. xstate stays external, so a host's createActor and
  // xstate/graph work on the machines we build with the same xstate they use.
  noExternal: [/^zod(\/|$)/],
  treeshake: true,
});
