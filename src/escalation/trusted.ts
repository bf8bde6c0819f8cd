import type { CaseIndex } from './caseIndex.js';
import type { Escalation } from './types.js';

// Escalations this library returned: deeply frozen, so nothing can have changed them since, and
// checked when they were made. Passing one back skips checking it again. This is a cache, not a
// source of truth: a structurally equal copy (a spread, structuredClone, a JSON round trip, a Proxy,
// the other module format's copy) is checked in full and gives exactly the same answers.
// Beside each, the index of its obligations once worked out (null until then): one table, so that
// trusting an escalation costs one entry.
const trusted = new WeakMap<object, CaseIndex | null>();

/** Freezes a value and everything in it, stopping at what is frozen already (shared with an earlier version). */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key in value) deepFreeze(value[key]);
  return value;
}

/** Marks a deeply frozen escalation as made by the library, with the index of its obligations if known. */
export function trust(escalation: Escalation, index: CaseIndex | null = null): Escalation {
  trusted.set(escalation, index);
  return escalation;
}

/** The index kept for an escalation the library made: null when not yet worked out, undefined when not one of its own. */
export function trustedIndex(escalation: Escalation): CaseIndex | null | undefined {
  return trusted.get(escalation);
}

/** Freezes an escalation the library made (what it shares with earlier versions is frozen already). */
export function release(escalation: Escalation): Escalation {
  return trust(deepFreeze(escalation));
}

/** Whether the library made this very object. */
export function isTrusted(value: unknown): value is Escalation {
  return typeof value === 'object' && value !== null && trusted.has(value);
}
