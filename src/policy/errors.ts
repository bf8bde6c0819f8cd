import type { Problem } from '../shared/zod.js';

export type { Problem };

/**
 * Thrown by `definePolicy` and `loadPolicy` for a definition that is not valid. `problems` lists every
 * problem found, each with its path in the definition.
 *
 * @example
 * try { definePolicy(draft) } catch (e) { if (e instanceof PolicyError) console.table(e.problems) }
 */
export class PolicyError extends Error {
  readonly code = 'INVALID_POLICY';
  readonly problems: readonly Problem[];
  constructor(id: string | undefined, problems: readonly Problem[]) {
    const list = problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n');
    super(`Invalid policy definition${id ? ` '${id}'` : ''} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${list}`);
    this.name = 'PolicyError';
    this.problems = problems;
  }
}
