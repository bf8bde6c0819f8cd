// The README's examples, run as they are written: a test fails when the README and the code disagree.
// Each ```ts block that imports the package is compiled (esbuild) and run against the built package
// (`npm test` builds dist first); the comment after an expression, where it is a literal, is checked.
import { transformSync } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)]
  .map((match) => match[1]!)
  .filter((code) => code.includes("from 'safeguarding-escalation'"));

/** `expression; // literal` lines: the expression's value must equal the literal. */
function withChecks(code: string): string {
  return code
    .split('\n')
    .map((line) => {
      const match = /^(\S.*?);\s*\/\/\s*(\{.*\}|'[^']*'|true|false|\d+)(?::.*)?$/.exec(line);
      if (!match) return line;
      return `__checks.push([${JSON.stringify(match[1])}, ${match[1]}, ${match[2]}]);`;
    })
    .join('\n');
}

async function run(code: string, index: number): Promise<[string, unknown, unknown][]> {
  const module = transformSync(`export const __checks = [];\n${withChecks(code)}`, {
    loader: 'ts',
    format: 'esm',
  }).code;
  // Inside the package, so `safeguarding-escalation` resolves to the package itself (its built dist).
  const file = path.join(root, '.tmp', `readme-block-${index}.mjs`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, module);
  const loaded = (await import(pathToFileURL(file).href)) as { __checks: [string, unknown, unknown][] };
  return loaded.__checks;
}

describe('README', () => {
  it('has code examples that import the package', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(2);
  });

  blocks.forEach((code, index) => {
    const first = code.split('\n').find((line) => line.startsWith('import'))!;
    it(`runs example ${index + 1} (${first.slice(0, 60)}…) and every value its comments give`, async () => {
      const checks = await run(code, index);
      for (const [expression, actual, expected] of checks) expect(actual, expression).toEqual(expected);
    });
  });

  it('gives the values of the escalation example that a reader checks by hand', async () => {
    const checks = await run(blocks[0]!, 0);
    expect(checks.map(([expression]) => expression)).toContain('s.stage');
  });
});
