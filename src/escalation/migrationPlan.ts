import * as z from 'zod/mini';
import { stageIdSchema } from '../policy/schema.js';
import { ownRecord } from './ownRecord.js';

// The vocabulary of a migration from one version of a policy to another: the plan a host gives
// `migrateEscalation`, and what the `migrated` history entry records. Here, beside the history's
// other schemas, because the history keeps the plan; the migration itself is in src/versions/.

const text = z.string().check(z.trim(), z.minLength(1, 'expected non-empty text'));

/**
 * What holds for a running deadline when its case moves to a new version of the policy:
 * - `keep-date`: the due date stays as it is;
 * - `keep-remaining`: the working days still to run at the migration are counted again from it, on
 *   the calendar of the new version: where that calendar is the case's own, the same date; where the
 *   new version counts in another division, the date those working days reach there. A deadline
 *   already passed, or extended by agreement, keeps its date;
 * - `recount`: counted again from its original anchor (when its clock started) under the new
 *   version's limit. An extension agreed for the case stands.
 * Whichever holds, a duty's clock keeps its anchor: a cap counted from the raising is still counted
 * from the raising.
 *
 * @example
 * migrateEscalation(e, { from: v8, to: v9, plan: { deadlines: DEADLINE_RULES[2] }, at, reason }); // 'recount'
 */
export const DEADLINE_RULES = ['keep-date', 'keep-remaining', 'recount'] as const;

/** Which rule holds for a running deadline when its case moves to a new version: see `DEADLINE_RULES`. */
export type DeadlineRule = (typeof DEADLINE_RULES)[number];

const deadlineRule = z.enum(DEADLINE_RULES);

/** What becomes of a running duty: its rule in the new version and which rule holds for its deadline, or its end. */
export const dutyPlanSchema = z.union([
  text,
  z.strictObject({
    /** Its rule in the new version; by default the rule with the same id. */
    to: z.optional(text),
    /** Which rule holds for its deadline; by default the plan's `deadlines`. */
    deadline: z.optional(deadlineRule),
  }),
  z.strictObject({
    /** The duty ends with the migration, for this reason: the new version no longer asks for it. */
    end: text,
  }),
]);

/**
 * The plan of a migration: how the case's current stage and each running duty map to the new
 * version, and which rule holds for each running deadline. `migrateEscalation` checks it against
 * the case and both versions before it changes anything, and refuses it listing every problem.
 */
export const migrationPlanSchema = z.strictObject({
  /**
   * Stage ids of the version the case runs under, mapped to stage ids of the new one. The current
   * stage must be mapped unless the new version has a stage of the same id (which it then maps to);
   * so must the stage of every running duty.
   */
  stages: z.optional(ownRecord(stageIdSchema, stageIdSchema)),
  /**
   * By rule id of the version the case runs under, or by the id of one running obligation (`rule#n`):
   * the rule in the new version (a string, or `{ to, deadline }`), or `{ end: reason }`. A running
   * duty left out keeps its rule id, which the new version must have.
   */
  duties: z.optional(ownRecord(text, dutyPlanSchema)),
  /** Which rule holds for every running deadline the plan does not give one. */
  deadlines: z.optional(deadlineRule),
  /**
   * Duties the new version adds whose anchor has already happened in this case: start them now,
   * counted from the migration (`migration`) or from when their anchor happened (`anchor`). A new duty
   * left out starts when its anchor next happens.
   */
  start: z.optional(ownRecord(text, z.enum(['migration', 'anchor']))),
});

/** The plan of a migration: stages and duties mapped to the new version, and which rule holds for each running deadline. */
export type MigrationPlan = z.infer<typeof migrationPlanSchema>;
/** What becomes of one running duty in a migration. */
export type DutyPlan = z.infer<typeof dutyPlanSchema>;
