// What "a coded error" means in these tests: one of the library's own errors, with a code a host can
// branch on. Anything else thrown (a TypeError, a RangeError, a stack overflow) is a bug.
import { CalendarError, EscalationError, PolicyError } from '../../src/index.js';
import { InvariantError } from '../../src/testing/index.js';

/** The library's own error classes, each with its `code`. */
export function isCoded(error: unknown): error is { code: string; message: string } {
  if (error instanceof EscalationError || error instanceof CalendarError || error instanceof PolicyError)
    return typeof error.code === 'string' && error.code.length > 0;
  return error instanceof InvariantError;
}

/** Runs `fn`: its result, or the coded error it threw; anything else thrown is rethrown, named. */
export function resultOrCoded<T>(
  fn: () => T,
): { ok: true; value: T } | { ok: false; error: { code: string; message: string } } {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    if (isCoded(error)) return { ok: false, error };
    throw new Error(
      `an uncoded ${error instanceof Error ? error.name : typeof error}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

/** A deep copy of plain data, every object and array frozen: the library must not write to what it is given. */
export function deepFrozen<T>(value: T): T {
  const copy = structuredClone(value);
  const freeze = (v: unknown): void => {
    if (typeof v !== 'object' || v === null || Object.isFrozen(v)) return;
    Object.freeze(v);
    for (const item of Object.values(v)) freeze(item);
  };
  freeze(copy);
  return copy;
}

/** Whether every object and array reachable from a value is frozen. */
export function isDeepFrozen(value: unknown, seen = new Set<object>()): boolean {
  if (typeof value !== 'object' || value === null || seen.has(value)) return true;
  seen.add(value);
  return Object.isFrozen(value) && Object.values(value).every((item) => isDeepFrozen(item, seen));
}
