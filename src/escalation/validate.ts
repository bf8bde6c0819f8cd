import { describeProblems, parseWith } from '../shared/zod.js';
import { EscalationError, type EscalationErrorCode } from './errors.js';
import type * as z from 'zod/mini';

/** Validates input with a schema, or throws an EscalationError listing every problem by its path. */
export function validate<T extends z.ZodMiniType>(
  schema: T,
  input: unknown,
  code: EscalationErrorCode,
  what: string,
): z.infer<T> {
  const r = parseWith(schema, input);
  if (r.ok) return r.data;
  const list = describeProblems(r.problems);
  throw new EscalationError(code, `Invalid ${what}: ${list}`, r.problems);
}
