import type { Escalation } from './types.js';

// Escalations this library returned: deeply frozen, so nothing can have changed them since, and
// checked when they were made. Passing one back skips checking it again. This is a cache, not a
// source of truth: a structurally equal copy (a spread, structuredClone, a JSON round trip, a Proxy,
// the other module format's copy) is checked in full and gives exactly the same answers.
const trusted = new WeakSet<object>();

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const item of Object.values(value)) deepFreeze(item);
}

/** Freezes an escalation the library made (what it shares with earlier versions is frozen already). */
export function release(escalation: Escalation): Escalation {
  deepFreeze(escalation);
  trusted.add(escalation);
  return escalation;
}

/** Whether the library made this very object. */
export function isTrusted(value: unknown): value is Escalation {
  return typeof value === 'object' && value !== null && trusted.has(value);
}
