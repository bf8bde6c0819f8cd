import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintPolicy, loadPolicy, PolicyError } from '../../src/index.js';

// Each file in test/fixtures/broken-policies/ is the worked example of docs/authoring.md, as it was
// before the guide's version added a flag, a stage 2 deadline and routes (docs/examples/riverbank.yaml),
// with one mistake an author makes. The first finding must name the
// line and column of the mistake, as an editor counts them, and say what to write instead.
const dir = new URL('../fixtures/broken-policies/', import.meta.url);
const read = (name: string) => fs.readFileSync(new URL(name, dir), 'utf8');

const cases: [file: string, line: number, column: number, code: string, says: string][] = [
  ['misspelt-key.yaml', 83, 5, 'INVALID_DEFINITION', 'did you mean "survivesWithdrawal"?'],
  ['misspelt-key.json', 7, 3, 'INVALID_DEFINITION', 'did you mean "division"?'],
  ['wrong-unit.yaml', 61, 30, 'INVALID_DEFINITION', 'not "working-day" (did you mean "working-days"?)'],
  [
    'unknown-stage.yaml',
    79,
    44,
    'INVALID_DEFINITION',
    "unknown stage 'stage-4' (this policy's stages: stage-1, stage-2, stage-3)",
  ],
  [
    'unknown-form.yaml',
    80,
    43,
    'INVALID_DEFINITION',
    'unknown form \'diference-form\' (did you mean "difference-form"?)',
  ],
  ['unknown-risk.yaml', 113, 15, 'INVALID_DEFINITION', 'not "imminent" (did you mean "imminent-risk"?)'],
  ['version-number.yaml', 9, 10, 'INVALID_DEFINITION', 'put it in quotes, "1"'],
  ['comma-in-flow.yaml', 38, 73, 'INVALID_DEFINITION', 'put text that has a comma in quotes'],
  ['machine-block.yaml', 20, 1, 'INVALID_DEFINITION', 'the state machine is derived from `stages` and `movement`'],
  ['duplicate-key.yaml', 8, 1, 'SYNTAX_ERROR', 'each key may appear once'],
  ['tab-indent.yaml', 25, 1, 'SYNTAX_ERROR', 'indent with spaces, not tabs'],
  ['unclosed-bracket.yaml', 68, 5, 'SYNTAX_ERROR', 'end with a ]'],
  ['comment.json', 3, 3, 'SYNTAX_ERROR', 'JSON has no comments: delete it, or write the policy in YAML'],
  ['trailing-comma.json', 5, 1, 'SYNTAX_ERROR', 'a comma after the last item is not allowed in JSON'],
  ['bom.yaml', 1, 1, 'BYTE_ORDER_MARK', 'save it as UTF-8 without one'],
];

describe('a broken policy file', () => {
  it('has a fixture for each case, and the worked example it is made from lints without an error', () => {
    expect(fs.readdirSync(dir).sort()).toEqual(cases.map(([file]) => file).sort());
    const example = fs.readFileSync(new URL('../../docs/examples/riverbank.yaml', import.meta.url), 'utf8');
    expect(lintPolicy(example, { file: 'riverbank.yaml' }).filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it.each(cases)('%s: line %i, column %i, %s, saying %j', (file, line, column, code, says) => {
    const [first] = lintPolicy(read(file), { file }).filter((f) => f.severity !== 'info');
    expect(first).toMatchObject({ line, column, code });
    expect(first!.message).toContain(says);
  });

  it.each(cases.filter(([file]) => file !== 'bom.yaml'))(
    '%s is refused by loadPolicy, every problem placed in the file',
    (file) => {
      let error: unknown;
      try {
        loadPolicy(read(file), { file });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(PolicyError);
      const problems = (error as PolicyError).problems;
      expect(problems.length).toBeGreaterThan(0);
      for (const problem of problems) expect(problem.line, JSON.stringify(problem)).toBeGreaterThan(0);
      expect((error as Error).message).toContain(`${file}:`);
    },
  );

  it('with a byte-order mark loads as if it had none', () => {
    expect(loadPolicy(read('bom.yaml'))).toEqual(loadPolicy(read('bom.yaml').slice(1)));
  });

  it('with text that starts with * unquoted is refused at its place, not with an exception', () => {
    // YAML reads *name as a reference to an anchor &name; with no such anchor the data cannot be built.
    const findings = lintPolicy('id: x\ntitle: *Important\n', { file: 'star.yaml' });
    expect(findings).toEqual([
      expect.objectContaining({
        code: 'SYNTAX_ERROR',
        line: 2,
        column: 8,
        message: expect.stringContaining('goes in quotes'),
      }),
    ]);
    expect(lintPolicy('*!')).toEqual([expect.objectContaining({ code: 'SYNTAX_ERROR', line: 1, column: 1 })]);
    expect(() => loadPolicy('*!')).toThrow(PolicyError);
  });
});
