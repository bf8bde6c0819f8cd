import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The examples install their own dependencies (better-sqlite3, pg, a PostgreSQL server).
    globalSetup: ['test/setup/examples.ts'],
    include: ['test/**/*.test.ts', 'docs/examples/**/*.test.ts', 'examples/**/test/**/*.test.ts'],
    // Property tests run many cases; none is timed, so a slow machine only makes them slower.
    testTimeout: 60_000,
    // The JSON report gives .ci/run the counts for its closing line.
    reporters: ['default', 'json'],
    outputFile: { json: '.tmp/vitest-results.json' },
  },
});
