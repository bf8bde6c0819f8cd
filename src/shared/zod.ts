// zod/mini: zod v4's validators at a quarter of the classic API's bundle size. English messages are
// passed to each parse: the library never changes zod's global configuration. Each module imports
// `* as z from 'zod/mini'` itself: re-exporting the namespace as a value would defeat tree-shaking
// and bring all of zod, every locale included, into a browser bundle.
import * as z from 'zod/mini';
import { en } from 'zod/v4/locales';

let english: ReturnType<typeof en>['localeError'] | undefined;

/** One problem with an input: where it is (a dotted path) and what was wrong. */
export interface Problem {
  readonly path: string;
  readonly message: string;
}

/** Parses with English messages and returns the data or every problem with its path. */
export function parseWith<T extends z.ZodMiniType>(
  schema: T,
  input: unknown,
): { ok: true; data: z.infer<T> } | { ok: false; problems: Problem[] } {
  const result = z.safeParse(schema, input, { error: (english ??= en().localeError) });
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, problems: result.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/** Every problem as `path: message`, separated by semicolons, for an error message. */
export function describeProblems(problems: readonly Problem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('; ');
}
