import { isIsoDate, parseInstant } from '../calendar/dates.js';
import { DIVISIONS } from '../calendar/divisions.js';
import { OBLIGATION_KINDS, RECORD_KINDS, stageIdSchema } from '../policy/schema.js';
import * as z from 'zod/mini';

// Everything that comes in is validated with these schemas; the types are inferred from them.

const FIRST_MS = Date.UTC(1970, 0, 1);
const LAST_MS = Date.UTC(2100, 0, 1); // deadlines need room after an event inside the calendar's years

function instantOk(value: string): boolean {
  try {
    const t = parseInstant(value);
    return t >= FIRST_MS && t < LAST_MS;
  } catch {
    return false;
  }
}

/** An ISO-8601 instant with `Z` or an offset, from 1970 to 2099. */
export const instantSchema = z.string().check(
  z.refine(instantOk, 'expected an ISO-8601 instant with Z or an offset, from 1970 to 2099, such as "2024-12-19T09:30:00Z"'),
);
export const isoDateSchema = z.string().check(z.refine(isIsoDate, 'expected a real calendar date written YYYY-MM-DD'));
const text = z.string().check(z.trim(), z.minLength(1, 'expected non-empty text'));

/** Who did something: a role and agency are enough; a name only if the host wants it kept. */
export const partySchema = z.object({
  role: z.optional(text),
  agency: z.optional(text),
  name: z.optional(text),
  id: z.optional(text),
});

/**
 * The nature of the disagreement, as Suffolk's Escalation Record Form categorises it.
 *
 * @example
 * startEscalation(policy, { id: 'X', raisedAt, concern: { nature: NATURES[0] } }); // 'referral-decision'
 */
export const NATURES = [
  'referral-decision',
  'assessment',
  'plan-implementation',
  'plan-effectiveness',
  'information-sharing',
  'child-protection-conference',
  'other',
] as const;

export const concernSchema = z.object({
  nature: z.optional(z.enum(NATURES)),
  agencyRaising: z.optional(text),
  agencyConcerned: z.optional(text),
  /** Free text. Keep personal data out: a case reference, never a child's name or date of birth. */
  summary: z.optional(text),
  caseReference: z.optional(text),
});

export const recordSchema = z.object({
  kind: z.enum(RECORD_KINDS),
  /** For kind 'form': the policy's form id. */
  form: z.optional(text),
  /** For notifications and responses: who was told or answered. */
  to: z.optional(text),
  /** When it happened, if earlier than the event's `at` (a meeting written up the next day). */
  occurredAt: z.optional(instantSchema),
  summary: z.optional(text),
  outcome: z.optional(text),
  /** Agreed actions, each with who and by when. */
  actions: z.optional(z.array(z.object({ action: text, owner: z.optional(text), due: z.optional(isoDateSchema) }))),
  /** A form's fields. */
  fields: z.optional(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))),
});

const base = {
  at: instantSchema,
  /** An id makes the event idempotent: one already in the history is ignored. */
  id: z.optional(text),
  by: z.optional(partySchema),
  note: z.optional(text),
};

export const eventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ESCALATE'), ...base, reason: z.optional(text) }),
  z.strictObject({ type: z.literal('EXPEDITE'), ...base, to: stageIdSchema, reason: z.optional(text) }),
  z.strictObject({ type: z.literal('RECORD'), ...base, record: recordSchema }),
  z.strictObject({ type: z.literal('RESOLVE'), ...base, outcome: text }),
  z.strictObject({ type: z.literal('WITHDRAW'), ...base, reason: text }),
  z.strictObject({
    type: z.literal('EXTEND'),
    ...base,
    /** The obligation (its id in the escalation, or its rule id in the policy). */
    obligation: text,
    to: isoDateSchema,
    reason: text,
    agreedBy: text,
  }),
  z.strictObject({ type: z.literal('SET_TIMESCALE'), ...base, obligation: text, dueDate: isoDateSchema, reason: text }),
  z.strictObject({ type: z.literal('RISK'), ...base, imminent: z.boolean(), reason: z.optional(text) }),
]);

/** Who did something: a role and agency (a name only if the host wants one kept). */
export type Party = z.infer<typeof partySchema>;
/** The nature of a disagreement, as Suffolk's Escalation Record Form categorises it. */
export type Nature = (typeof NATURES)[number];
/** What the disagreement is about, by category and agencies; free text is optional and should hold no personal data. */
export type Concern = z.infer<typeof concernSchema>;
/** A record made in an escalation: a discussion, meeting, form, notification, feedback and so on. */
export type EscalationRecord = z.infer<typeof recordSchema>;
/** An event a host feeds to `applyEvent`. */
export type EscalationEvent = z.infer<typeof eventSchema>;
/** The type of an event a host may apply. */
export type EscalationEventType = EscalationEvent['type'];

export const startSchema = z.strictObject({
  id: text,
  raisedAt: instantSchema,
  imminentRisk: z.optional(z.boolean()),
  startStage: z.optional(stageIdSchema),
  /** The risk given for starting above the first stage, when it is not imminent risk. */
  reason: z.optional(text),
  raisedBy: z.optional(partySchema),
  concern: z.optional(concernSchema),
});
/** The input of `startEscalation`: an id, when it was raised, and optionally a later stage, the risk, who raised it and the concern. */
export type StartInput = z.infer<typeof startSchema>;

// --- The escalation: plain JSON ----------------------------------------------------------------

export const ESCALATION_FORMAT = 1;

export const obligationStateSchema = z.object({
  /** Unique in the escalation: the rule id and a sequence number. */
  id: text,
  rule: text,
  kind: z.enum(OBLIGATION_KINDS),
  label: text,
  strength: z.enum(['maximum', 'guidance']),
  stage: z.optional(stageIdSchema),
  armedAt: instantSchema,
  status: z.enum(['running', 'met', 'void']),
  dueDate: z.nullable(isoDateSchema),
  dueAt: z.nullable(instantSchema),
  /** Set when the due instant has passed while running (the timer has fired). */
  passedAt: z.optional(instantSchema),
  metAt: z.optional(instantSchema),
  /** For a reminder: the occurrence now running (1 is the first). */
  occurrence: z.optional(z.int().check(z.minimum(1))),
  extended: z.optional(z.object({ from: isoDateSchema, reason: text, agreedBy: text })),
  /** Set when the due date was worked out on the policy's limit for a child at imminent risk. */
  atImminentRisk: z.optional(z.literal(true)),
});
/** An obligation as an escalation holds it: its due date and instant, and whether it is running, met or void. */
export type ObligationState = z.infer<typeof obligationStateSchema>;

const entry = <T extends string, S extends z.core.$ZodLooseShape>(type: T, shape: S) =>
  z.strictObject({ seq: z.int().check(z.minimum(1)), at: instantSchema, type: z.literal(type), ...shape });

const obligationRef = { obligation: text, rule: text };
const kind = z.enum(OBLIGATION_KINDS);
const strength = z.enum(['maximum', 'guidance']);

/** What happened to one deadline when its stage ended. */
export const stageOutcomeSchema = z.strictObject({
  ...obligationRef,
  kind,
  strength,
  dueAt: z.nullable(instantSchema),
  outcome: z.enum(['met', 'missed', 'no-timescale', 'withdrawn', 'still-running', 'missed-still-running']),
  workingDaysLate: z.optional(z.int()),
});

/** How a stage was entered. */
export const STAGE_ENTRY_HOWS = ['start', 'started-later', 'escalated', 'expedited', 'skipped'] as const;

/**
 * One entry of an escalation's history, by `type`: the union is the whole vocabulary of the history,
 * so a reader switches on `type` and gets the fields of that entry, and a stored history with an
 * entry of another shape is refused when restored.
 */
export const historyEntrySchema = z.discriminatedUnion('type', [
  entry('raised', { by: z.optional(partySchema), imminentRisk: z.boolean(), startStage: z.optional(stageIdSchema), reason: z.optional(text) }),
  entry('event', { event: eventSchema }),
  entry('stage-entered', {
    stage: stageIdSchema,
    how: z.enum(STAGE_ENTRY_HOWS),
    from: z.optional(stageIdSchema),
    rule: z.optional(text),
    reason: z.optional(text),
  }),
  entry('stage-ended', { stage: stageIdSchema, deadlines: z.array(stageOutcomeSchema) }),
  entry('obligation-met', { ...obligationRef, kind, dueAt: z.nullable(instantSchema), onTime: z.boolean(), how: text }),
  entry('obligation-void', { obligation: z.optional(text), rule: text, kind: z.optional(kind), reason: text, citation: z.optional(text) }),
  entry('deadline-passed', { ...obligationRef, kind, strength, dueAt: instantSchema }),
  entry('cap-breached', { ...obligationRef, kind, strength, dueAt: instantSchema }),
  entry('reminder-due', { ...obligationRef, dueAt: instantSchema, missedOccurrences: z.int().check(z.minimum(1)), nextDueAt: instantSchema }),
  entry('extended', { ...obligationRef, from: isoDateSchema, to: isoDateSchema, reason: text, agreedBy: text }),
  entry('hand-off', { route: text, to: text }),
]);
/** One entry of an escalation's append-only history, numbered by `seq`; its fields depend on its `type`. */
export type HistoryEntry = z.infer<typeof historyEntrySchema>;
/** The type of a history entry. */
export type HistoryEntryType = HistoryEntry['type'];
/** The history entry of one type. */
export type HistoryEntryOf<T extends HistoryEntryType> = Extract<HistoryEntry, { type: T }>;
/** What happened to one deadline when its stage ended. */
export type StageOutcome = z.infer<typeof stageOutcomeSchema>;

export const escalationSchema = z.strictObject({
  format: z.literal(ESCALATION_FORMAT),
  id: text,
  policy: z.strictObject({ id: text, version: text }),
  division: z.enum(DIVISIONS),
  raisedAt: instantSchema,
  raisedOn: isoDateSchema,
  raisedBy: z.optional(partySchema),
  concern: z.optional(concernSchema),
  imminentRisk: z.boolean(),
  status: z.enum(['open', 'resolved', 'withdrawn']),
  /** The machine state: a stage id, 'resolved' or 'withdrawn'. */
  state: text,
  /** The stage it is at, or was at when it closed. */
  stage: stageIdSchema,
  /** The latest instant applied: no event may come before it. */
  asOf: instantSchema,
  /** Timescales agreed case by case (SET_TIMESCALE), by obligation rule id. */
  caseTimescales: z.record(z.string(), isoDateSchema),
  obligations: z.array(obligationStateSchema),
  history: z.array(historyEntrySchema),
  outcome: z.optional(text),
});

/** An escalation: plain JSON. `JSON.stringify` is its storage format. */
export type Escalation = z.infer<typeof escalationSchema>;

