import { parseInstant } from '../calendar/dates.js';
import { EscalationError } from './errors.js';
import { acceptedInstantMs, instantSchema } from './types.js';
import { validate } from './validate.js';

/** An instant argument (`now`): an ISO string with `Z` or an offset, or a valid Date, as epoch ms. */
export function instantArgument(value: unknown, name: string): number {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new EscalationError('INVALID_ARGUMENT', `${name} is an invalid Date`);
    return validInstant(value.toISOString(), name);
  }
  if (typeof value !== 'string') {
    throw new EscalationError(
      'INVALID_ARGUMENT',
      `${name} must be an ISO instant such as "2024-12-19T09:30:00Z", or a Date, not ${value === null ? 'null' : typeof value}`,
    );
  }
  return validInstant(value, name);
}

function validInstant(value: string, name: string): number {
  // The schema's own test, without zod: it is asked only for its message when the instant is refused.
  const accepted = acceptedInstantMs(value);
  return accepted === accepted ? accepted : parseInstant(validate(instantSchema, value, 'INVALID_ARGUMENT', name));
}

/** A copy of a plain object with any Date in the named keys written as an ISO instant. */
export function withIsoInstants<T>(input: T, keys: readonly string[]): T {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  let copy: Record<string, unknown> | undefined;
  for (const key of keys) {
    const value = (input as Record<string, unknown>)[key];
    if (value instanceof Date && !Number.isNaN(value.getTime()))
      (copy ??= { ...(input as Record<string, unknown>) })[key] = value.toISOString();
  }
  return (copy ?? input) as T;
}
