import { describeValue } from '../calendar/errors.js';
import { instantArgument } from '../escalation/arguments.js';
import { isCanonicalEscalation } from '../escalation/canonical.js';
import { EscalationError } from '../escalation/errors.js';
import { escalationSchema, isCalendarDate, type Escalation } from '../escalation/types.js';
import { upgradeFormat1 } from '../escalation/upgrade.js';
import { parseWith } from '../shared/zod.js';
import { definePolicy, isPolicy, type Policy } from '../policy/define.js';
import { PolicyError } from '../policy/errors.js';
import { policies as builtIn } from '../policies/index.js';

// How the oversight functions read what they are given. A register is whatever a host's database
// holds: one damaged record is counted as unreadable, never allowed to sink the whole report.

/**
 * A stored escalation read for a report: the form this library writes (checked in one pass), or
 * anything else checked with the schema (a record written by version 0.1 is read too). Undefined
 * when it is not an escalation at all. Its policy is not needed: stages it does not know are
 * numbered from their ids.
 */
export function readCase(value: unknown): Escalation | undefined {
  if (isCanonicalEscalation(value)) return value;
  try {
    const data =
      typeof value === 'object' && value !== null && (value as { format?: unknown }).format === 1
        ? upgradeFormat1(value as Record<string, unknown>, undefined)
        : value;
    const parsed = parseWith(escalationSchema, data);
    return parsed.ok ? parsed.data : undefined;
  } catch (error) {
    if (error instanceof EscalationError) return undefined;
    throw error;
  }
}

/** The id a record gives itself, or a stand-in, for the list of unreadable ones. */
export function caseLabel(value: unknown): string {
  const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id.trim() !== '' ? id : '(no id)';
}

/** The register: anything iterable but text (a string is not a list of escalations). */
export function registerArgument(escalations: unknown, name: string): Iterable<unknown> {
  if (
    typeof escalations === 'object' &&
    escalations !== null &&
    typeof (escalations as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function'
  ) {
    return escalations as Iterable<unknown>;
  }
  throw new EscalationError(
    'INVALID_ARGUMENT',
    `${name}: expected a list (or any iterable) of stored escalations, not ${escalations === null ? 'null' : typeof escalations}`,
  );
}

/** The options object itself. */
export function optionsArgument(options: unknown, name: string): Record<string, unknown> {
  if (typeof options === 'object' && options !== null && !Array.isArray(options))
    return options as Record<string, unknown>;
  throw new EscalationError(
    'INVALID_ARGUMENT',
    `${name}: expected an options object such as { now: '2026-01-05T09:00:00Z' }`,
  );
}

/** `now`, as the one stored form of an instant. */
export function nowArgument(now: unknown, name: string): string {
  return new Date(instantArgument(now, name)).toISOString();
}

/** A period of London dates, `from` to `to` inclusive, inside the calendar's range. */
export function periodArgument(from: unknown, to: unknown, name: string): { from: string; to: string } {
  if (typeof from === 'string' && typeof to === 'string' && isCalendarDate(from) && isCalendarDate(to) && from <= to)
    return { from, to };
  throw new EscalationError(
    'INVALID_ARGUMENT',
    `${name}: Invalid period ${describeValue(from)} to ${describeValue(to)}: expected two YYYY-MM-DD dates from 1970-01-01 to 2100-12-31, the first not after the second`,
  );
}

/**
 * The policies a report knows, by the id a case names: the five built in and the caller's, each
 * checked (a plain definition is validated). A Map, so that an id such as 'constructor' finds
 * nothing rather than Object.prototype's.
 */
export function policiesArgument(extra: unknown, name: string): ReadonlyMap<string, Policy> {
  const known = new Map<string, Policy>(Object.entries(builtIn));
  if (extra === undefined) return known;
  for (const [id, value] of Object.entries(optionsArgument(extra, `${name}.policies`))) {
    try {
      known.set(id, isPolicy(value) ? value : definePolicy(value as never));
    } catch (error) {
      if (error instanceof PolicyError)
        throw new EscalationError('INVALID_POLICY', `${name}.policies.${id}: ${error.message}`, error.problems);
      throw error;
    }
  }
  return known;
}
