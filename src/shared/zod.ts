// zod/mini: zod v4's validators at a quarter of the classic API's bundle size. English messages are
// passed to each parse: the library never changes zod's global configuration. Each module imports
// `* as z from 'zod/mini'` itself: re-exporting the namespace as a value would defeat tree-shaking
// and bring all of zod, every locale included, into a browser bundle.
import * as z from 'zod/mini';
import { en } from 'zod/v4/locales';
import { didYouMean } from './suggest.js';

/** One problem with an input: where it is (a dotted path) and what was wrong. */
export interface Problem {
  readonly path: string;
  readonly message: string;
}

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;
type Key = PropertyKey;

let english: z.core.$ZodErrorMap | undefined;

/** The keys an object schema knows, read from the schema that raised the issue. */
function knownKeys(issue: RawIssue): string[] {
  const shape = (issue.inst as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def?.shape;
  return shape ? Object.keys(shape) : [];
}

const quoteAll = (values: readonly unknown[]) => values.map((value) => JSON.stringify(value)).join(', ');

// Messages that say what to write instead. zod's own English covers the rest; this map improves the
// cases an author meets most: a misspelt key, a value outside a list, a missing key.
function errorMap(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeys(issue);
      // One message per key, split again in `problemsOf` so each key gets its own path.
      return issue.keys
        .map((key) =>
          key === 'machine' && known.includes('movement')
            ? 'unknown key "machine": the state machine is derived from `stages` and `movement`, so it is not written in a policy: remove it'
            : `unknown key ${JSON.stringify(key)}${didYouMean(key, known)}${known.length ? ` (allowed here: ${known.join(', ')})` : ''}`,
        )
        .join('\u0000');
    }
    case 'invalid_value':
      if (issue.values.length > 1 && typeof issue.input === 'string') {
        return `expected one of ${quoteAll(issue.values)}, not ${JSON.stringify(issue.input)}${didYouMean(issue.input, issue.values.map(String))}`;
      }
      if (issue.input === undefined) return `required: expected one of ${quoteAll(issue.values)}`;
      if (issue.values.length === 1)
        return `expected ${JSON.stringify(issue.values[0])}, not ${JSON.stringify(issue.input)}`;
      return undefined;
    case 'invalid_union': {
      const discriminator = (issue as { discriminator?: string }).discriminator;
      const options = (issue as { options?: unknown[] }).options;
      if (discriminator === undefined || !options) return undefined;
      const input = issue.input;
      const value =
        typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[discriminator] : undefined;
      const got =
        typeof value === 'string'
          ? `, not ${JSON.stringify(value)}${didYouMean(value, options.map(String))}`
          : value === undefined
            ? ` (${discriminator} is missing)`
            : `, not ${describeInput(value)}`;
      return `expected ${discriminator} to be one of ${quoteAll(options)}${got}`;
    }
    case 'invalid_type':
      if (issue.input === undefined) return `required: expected ${article(issue.expected)}`;
      // YAML reads `version: 8` as a number: say how to write it as text.
      if (issue.expected === 'string' && (typeof issue.input === 'number' || typeof issue.input === 'boolean')) {
        return `expected text, not ${describeInput(issue.input)}: put it in quotes, "${String(issue.input)}"`;
      }
      return `expected ${article(issue.expected)}, not ${describeInput(issue.input)}`;
    default:
      return undefined;
  }
}

function article(expected: string): string {
  const words: Record<string, string> = {
    string: 'text',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    object: 'an object (key: value pairs)',
    array: 'a list',
    nan: 'a number',
  };
  return words[expected] ?? expected;
}

function describeInput(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'an object';
  if (typeof input === 'string') return `text ${JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input)}`;
  return `${typeof input} ${String(input)}`;
}

/** Parses with English messages and returns the data or every problem with its path. */
export function parseWith<T extends z.ZodMiniType>(
  schema: T,
  input: unknown,
): { ok: true; data: z.infer<T> } | { ok: false; problems: Problem[] } {
  const fallback = (english ??= en().localeError);
  let result: ReturnType<typeof z.safeParse<T>>;
  try {
    result = z.safeParse(schema, input, { error: (issue) => errorMap(issue) ?? fallback(issue) });
  } catch (error) {
    // zod gathers every issue, spreading each list into its parent's: some hundred thousand issues
    // (a list of as many wrong items) overflow the stack. Only an input that far from its shape
    // has so many, so it is refused as a whole.
    if (!(error instanceof RangeError)) throw error;
    return {
      ok: false,
      problems: [
        { path: '(root)', message: 'too many problems to list: far too many items are not what is expected here' },
      ],
    };
  }
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, problems: withoutEchoes(problemsOf(result.error.issues, [])) };
}

/** A key reported missing beside an unknown key that is its misspelling is one mistake: keep the latter. */
function withoutEchoes(problems: Problem[]): Problem[] {
  const suggested = new Set(
    problems.flatMap((problem) => {
      const match = /^unknown key .* \(did you mean "([^"]+)"\?\)/.exec(problem.message);
      const parent = problem.path.replace(/(\.[^.[]+|\[[^\]]+\])$/, '');
      return match ? [parent === problem.path ? match[1]! : `${parent}.${match[1]}`] : [];
    }),
  );
  return problems.filter((problem) => !(problem.message.startsWith('missing ') && suggested.has(problem.path)));
}

/**
 * zod's issues as problems: an unknown key gets its own path (so an editor can point at it), and a
 * union that matched no branch reports the branch the input came closest to, not "Invalid input".
 */
function problemsOf(issues: readonly Issue[], prefix: readonly Key[]): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      const messages = issue.message.split('\u0000');
      issue.keys.forEach((key, index) =>
        problems.push({
          path: formatPath([...path, key]),
          message: messages[index] ?? `unknown key ${JSON.stringify(key)}`,
        }),
      );
    } else if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      for (const problem of problemsOf(closestBranch(issue.errors), path)) problems.push(problem); // a spread of many would overflow the stack
    } else {
      const message = issue.message.startsWith('required: ')
        ? `missing ${JSON.stringify(String(path.at(-1)))}: ${issue.message.slice(10)}`
        : issue.message;
      problems.push({ path: formatPath(path), message });
    }
  }
  return problems;
}

/** The branch of a failed union the input came closest to: fewest problems, and not the wrong type. */
function closestBranch(branches: readonly (readonly Issue[])[]): readonly Issue[] {
  const score = (issues: readonly Issue[]) =>
    issues.length +
    10 *
      issues.filter(
        (issue) => issue.path.length === 0 && (issue.code === 'invalid_type' || issue.code === 'unrecognized_keys'),
      ).length;
  return branches.reduce((best, branch) => (score(branch) < score(best) ? branch : best));
}

function formatPath(path: readonly Key[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$-]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out === '' ? '(root)' : out;
}

/** Every problem as `path: message`, separated by semicolons, for an error message. */
export function describeProblems(problems: readonly Problem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('; ');
}
