import type { Problem } from '../shared/zod.js';

export type { Problem };

/** A problem with a policy definition: its path, what is wrong, and, for a file, where it is (from 1). */
export interface PolicyProblem extends Problem {
  readonly line?: number;
  readonly column?: number;
}

function place(problem: PolicyProblem, file: string | undefined): string {
  const where =
    problem.line !== undefined ? `${file ? `${file}:` : 'line '}${problem.line}:${problem.column ?? 1}` : undefined;
  if (where && problem.path !== '(root)') return `${where} ${problem.path}`;
  return where ?? problem.path;
}

/**
 * Thrown by `definePolicy` and `loadPolicy` for a definition that is not valid. `problems` lists every
 * problem found, each with its path in the definition and, for a file, its line and column.
 *
 * @example
 * try { definePolicy(draft) } catch (e) { if (e instanceof PolicyError) console.table(e.problems) }
 */
export class PolicyError extends Error {
  readonly code = 'INVALID_POLICY';
  readonly problems: readonly PolicyProblem[];
  /** The file the definition was read from, when it was. */
  readonly file: string | undefined;
  constructor(id: string | undefined, problems: readonly PolicyProblem[], file?: string) {
    const list = problems.map((problem) => `  - ${place(problem, file)}: ${problem.message}`).join('\n');
    const name = id ? ` '${id}'` : file ? ` in ${file}` : '';
    super(`Invalid policy definition${name} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${list}`);
    this.name = 'PolicyError';
    this.problems = problems;
    this.file = file;
  }
}
