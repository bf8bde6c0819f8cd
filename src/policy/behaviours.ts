import * as z from 'zod/mini';
import { RISKS, stageIdSchema } from './schema.js';

// The names a machine configuration may use, with the shape of their params. XState itself checks
// none of these at run time (an unknown action is skipped, an unknown guard fails only when it is
// evaluated), so definePolicy checks every reference against this list. src/machine implements each
// one; a test fails when the two lists differ.

const id = z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a lower-case id'));

export const GUARD_PARAMS = {
  /** The move is to `to` and the policy's movement rule `rule` allows it for the risk given. */
  movementAllowed: z.strictObject({ rule: id, to: stageIdSchema }),
  /** The risk given with the event satisfies `risk` (`imminent-risk` satisfies every risk). */
  riskIs: z.strictObject({ risk: z.enum(RISKS) }),
} as const;

export const ACTION_PARAMS = {
  /** Writes a note into the history when the transition is taken: guidance the text attaches to it. */
  note: z.strictObject({ text: z.string().check(z.minLength(1)), citation: z.optional(z.string()) }),
  /** Records a hand-off out of this process to one of the policy's side routes. */
  handOff: z.strictObject({ route: id, to: z.string().check(z.minLength(1)) }),
} as const;

/**
 * Delays: none. Every timescale is declared in the policy's `obligations` and the escalation owns its
 * timers as dates, so a machine configuration has no `after` transitions for XState to schedule.
 */
export const DELAY_NAMES: readonly string[] = [];

export type GuardName = keyof typeof GUARD_PARAMS;
export type ActionName = keyof typeof ACTION_PARAMS;
