// The fuzzers of test/fuzz/properties.ts in every `npm test`: fixed seeds, a few thousand cases in all.
// `npm run fuzz` runs the same properties with 100,000 cases and more, from a seed of its own.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newFindings, PROPERTIES, runProperty, type PropertyName } from './properties.js';

/** Cases per property in `npm test`, and the seed of each: docs/testing.md gives the total. */
export const TEST_RUNS: Readonly<Record<PropertyName, { runs: number; seed: number }>> = {
  events: { runs: 600, seed: 1601 },
  policies: { runs: 300, seed: 1602 },
  snapshots: { runs: 1200, seed: 1603 },
  calendar: { runs: 2000, seed: 1604 },
  migrations: { runs: 300, seed: 1605 },
};

describe('fuzzing (fixed seeds)', () => {
  it.each(Object.keys(PROPERTIES) as PropertyName[])(
    '%s: no uncoded throw, no runaway call, history in order, no deadline before its anchor, byte-identical round trip',
    (name) => {
      const { runs, seed } = TEST_RUNS[name];
      const findings = runProperty(name, runs, seed);
      expect(findings.cases).toBe(runs);
      expect(findings.examples).toEqual({});
      expect(findings.counts).toEqual(newFindings().counts);
    },
  );
});

const DOC = new URL('../../docs/testing.md', import.meta.url);
const START = '<!-- fuzz cases in npm test: begin -->';
const END = '<!-- fuzz cases in npm test: end -->';

describe('docs/testing.md', () => {
  it('gives the fuzz cases `npm test` runs, by property (UPDATE_TESTING_DOC=1 rewrites it)', () => {
    const rows = (Object.keys(TEST_RUNS) as PropertyName[]).map(
      (name) => `| ${name} | ${TEST_RUNS[name].runs.toLocaleString('en-GB')} | ${TEST_RUNS[name].seed} |`,
    );
    const total = Object.values(TEST_RUNS).reduce((n, { runs }) => n + runs, 0);
    const table = [
      START,
      '',
      '| property | cases in `npm test` | seed |',
      '| --- | ---: | ---: |',
      ...rows,
      `| **all** | **${total.toLocaleString('en-GB')}** | |`,
      '',
      END,
    ].join('\n');
    const text = fs.readFileSync(DOC, 'utf8');
    const current = text.slice(text.indexOf(START), text.indexOf(END) + END.length);
    if (process.env.UPDATE_TESTING_DOC) fs.writeFileSync(DOC, text.replace(current, table));
    else expect(current, 'run UPDATE_TESTING_DOC=1 npx vitest run test/fuzz').toBe(table);
  });
});
