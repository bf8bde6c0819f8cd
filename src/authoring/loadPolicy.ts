import { definePolicy, type Policy } from '../policy/define.js';
import { PolicyError } from '../policy/errors.js';
import type { PolicyDefinition } from '../policy/schema.js';
import type { Problem } from '../shared/zod.js';
import {
  parsePolicyText,
  type ParsedPolicyText,
  type PolicyTextOptions,
  type PositionedProblem,
} from './parsePolicyText.js';

/** A problem found in a parsed file, placed at its line and column (at the key, for a key that is wrong). */
export function placeProblem<T extends Problem & { line?: number }>(
  parsed: ParsedPolicyText,
  problem: T,
): T & PositionedProblem {
  if (problem.line !== undefined) return problem;
  const key = /^(unknown|duplicate) key/.test(problem.message);
  const at = parsed.locate(problem.path, { key });
  // In YAML's { } mappings a comma ends the value, so "quote: a, b" becomes a key "b": say so.
  const split = key && parsed.format === 'yaml' && / /.test(problem.path.split('[').at(-1) ?? '');
  const message = split
    ? `${problem.message}. In a { } mapping a comma ends the value: put text that has a comma in quotes`
    : problem.message;
  return { ...problem, message, ...(at ?? {}) };
}

/**
 * Loads a policy from the text of a policy file (YAML or JSON) or from data already parsed, with the
 * same validation as `definePolicy`. Every problem in a file is reported with its line and column
 * and what to write instead: a misspelt key with the key meant, a value outside a list with the
 * values allowed, a syntax error where it is. A byte-order mark is ignored.
 *
 * @example
 * const policy = loadPolicy(fs.readFileSync('my-policy.yaml', 'utf8'), { file: 'my-policy.yaml' });
 */
export function loadPolicy(input: unknown, options: PolicyTextOptions = {}): Policy {
  if (typeof options !== 'object' || options === null)
    throw new PolicyError(undefined, [{ path: '(options)', message: 'expected options { format?, file? }' }]);
  if (typeof input !== 'string') return definePolicy(input as PolicyDefinition);
  const parsed = parsePolicyText(input, options);
  if (parsed.errors.length > 0) throw new PolicyError(undefined, parsed.errors, options.file);
  try {
    return definePolicy(parsed.data as PolicyDefinition);
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    const id = (parsed.data as { id?: unknown } | null)?.id;
    throw new PolicyError(
      typeof id === 'string' ? id : undefined,
      error.problems.map((problem) => placeProblem(parsed, problem)),
      options.file,
    );
  }
}
