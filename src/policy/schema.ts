import { DIVISIONS } from '../calendar/divisions.js';
import * as z from 'zod/mini';

// The schema is the single source of truth for a policy definition: the TypeScript types below are
// inferred from it, definePolicy() validates with it, and the JSON Schema for editors is generated
// from it.

const text = z.string().check(z.trim(), z.minLength(1, 'expected non-empty text'));

/** Where a rule comes from in the source document: a section, stage or page, and a short quote. */
export const citationSchema = z.object({
  /** The section, stage, paragraph or appendix, as the document numbers it: "section 3", "Stage 2". */
  ref: text,
  /** A short verbatim quote of the rule. */
  quote: z.optional(text),
});

/** A stage id: `stage-N`, N being the number the source document gives (0 for a step before stage 1). */
export const stageIdSchema = z.string().check(z.regex(/^stage-(0|[1-9]\d*)$/, 'expected a stage id such as "stage-1"'));

const idSchema = z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a lower-case id such as "stage-1-resolution"'));

/** Who takes part: a role in an agency, or a pair of roles that talk to each other. */
export const participantSchema = z.object({
  role: text,
  agency: z.optional(text),
  /** The role in the other agency this one talks to, where the text pairs them. */
  counterpart: z.optional(text),
});

export const stageSchema = z.object({
  id: stageIdSchema,
  number: z.int().check(z.minimum(0)),
  title: text,
  participants: z.array(participantSchema),
  /** What happens at this stage, in a sentence. */
  summary: z.optional(text),
  citation: citationSchema,
});

/** Units a limit can be counted in. */
export const UNITS = ['working-days', 'working-weeks', 'calendar-days', 'hours'] as const;

/** A fixed length of time. */
export const durationSchema = z.object({
  value: z.number().check(z.minimum(0)),
  unit: z.enum(UNITS),
});

/** A timescale agreed case by case ("a timescale that protects the child"): set with SET_TIMESCALE. */
export const perCaseSchema = z.object({ perCase: text });

/** How long an obligation allows: a duration, or the least of several ("whichever is less"). */
export const limitSchema = z.union([
  durationSchema,
  z.object({ whicheverIsLess: z.array(z.union([durationSchema, perCaseSchema])).check(z.minLength(2, 'expected at least two limits to compare')) }),
]);

/** The record kinds the engine knows. A policy's forms are records of kind `form` with a `form` id. */
export const RECORD_KINDS = [
  'discussion',
  'meeting',
  'form',
  'notification',
  'feedback',
  'response',
  'written-confirmation',
  'decision',
  'learning',
  'note',
] as const;

/** One record kind, or any of several ("by phone, email or in a meeting"). */
const recordKinds = z.union([z.enum(RECORD_KINDS), z.array(z.enum(RECORD_KINDS)).check(z.minLength(1))]);

/** What an obligation's clock counts from. */
export const anchorSchema = z.discriminatedUnion('on', [
  z.object({ on: z.literal('raised') }),
  /** Entry into any of these stages (armed afresh each time one is entered). */
  /** With `once`, only the first of these stages to be entered arms it. */
  z.object({ on: z.literal('stage-entered'), stages: z.array(stageIdSchema).check(z.minLength(1)), once: z.optional(z.boolean()) }),
  /** A record of this kind (and form), made in one of these stages if given. */
  z.object({
    on: z.literal('record'),
    kind: recordKinds,
    form: z.optional(idSchema),
    stages: z.optional(z.array(stageIdSchema).check(z.minLength(1))),
  }),
  /** Resolution; with `stages`, only a resolution reached at one of them. */
  z.object({ on: z.literal('resolved'), stages: z.optional(z.array(stageIdSchema).check(z.minLength(1))) }),
]);

/** What satisfies an obligation. */
export const meetSchema = z.discriminatedUnion('by', [
  /** Leaving the stage it was armed in (escalated, expedited or resolved). */
  z.object({ by: z.literal('stage-exit') }),
  /** Reaching one of these stages; with `orResolution`, resolving also meets it. */
  z.object({ by: z.literal('stage-reached'), stages: z.array(stageIdSchema).check(z.minLength(1)), orResolution: z.optional(z.boolean()) }),
  z.object({ by: z.literal('resolution') }),
  /**
   * A record of this kind (and form, and addressee) made after the obligation was armed; with
   * `orBefore`, one made in the stage just before counts too (a form completed before escalating).
   */
  z.object({ by: z.literal('record'), kind: recordKinds, form: z.optional(idSchema), to: z.optional(text), orBefore: z.optional(z.boolean()) }),
]);

/** The purposes an obligation can serve; reports count deadlines met and missed by kind. */
export const OBLIGATION_KINDS = [
  'stage', // a stage deadline: resolve or move on within the limit
  'cap', // a cumulative cap over several stages or the whole process
  'response', // an answer owed to an escalation
  'after-resolution', // something owed once the disagreement is resolved
  'reminder', // a recurring update
  'record', // a record or form that must exist
  'notification', // someone who must be told
] as const;

export const obligationSchema = z.object({
  id: idSchema,
  kind: z.enum(OBLIGATION_KINDS),
  label: text,
  /** Who must act. */
  who: z.optional(text),
  /** Who must be told or answered, for notifications, reminders and responses. */
  to: z.optional(text),
  anchor: anchorSchema,
  meet: meetSchema,
  /** No limit: the text gives no number. The obligation is still a required action, without a date. */
  limit: z.optional(limitSchema),
  /** `maximum` cannot be extended; `guidance` can, by an EXTEND event with a reason and who agreed. */
  strength: z.enum(['maximum', 'guidance']),
  /** For a reminder: how often it recurs after the first one falls due. */
  every: z.optional(durationSchema),
  /** What changes when the child is at imminent risk. */
  imminentRisk: z.optional(
    z.union([
      z.object({ limit: limitSchema, citation: z.optional(citationSchema) }),
      z.object({ notApplicable: z.literal(true), citation: z.optional(citationSchema) }),
      /** Applies only when the child is at imminent risk (armed when the risk is, if its anchor has passed). */
      z.object({ onlyThen: z.literal(true), citation: z.optional(citationSchema) }),
    ]),
  ),
  /** Whether it still applies after the escalation is withdrawn (records usually do). Default false. */
  survivesWithdrawal: z.optional(z.boolean()),
  citation: citationSchema,
});

/** The risk a movement rule requires. `imminent-risk` satisfies every one of them. */
export const RISKS = ['none', 'imminent-risk', 'significant-risk', 'immediate-harm'] as const;

export const movementRuleSchema = z.object({
  id: idSchema,
  /** `start`: beginning above the first stage; `expedite`: jumping ahead; `skip`: passing over a stage. */
  kind: z.enum(['start', 'expedite', 'skip']),
  from: z.optional(z.array(stageIdSchema)),
  to: z.array(stageIdSchema).check(z.minLength(1)),
  requires: z.enum(RISKS),
  /** The rule in the policy's words. */
  quote: text,
  citation: citationSchema,
});

export const formSchema = z.object({
  id: idSchema,
  title: text,
  fields: z.array(z.object({ name: text, description: z.optional(text) })),
  /** When it must be completed, in the policy's words. */
  when: z.optional(text),
  citation: citationSchema,
});

export const routeSchema = z.object({
  id: idSchema,
  title: text,
  /** `separate-route`: a different process; `hand-off`: leaves this process; `note`: guidance only. */
  kind: z.enum(['separate-route', 'hand-off', 'note']),
  summary: text,
  citation: citationSchema,
});

export const interpretationSchema = z.object({
  /** What the text leaves open, contradicts or is silent on. */
  issue: text,
  /** The reading this definition takes. */
  reading: text,
  /** Why. */
  reason: text,
  citation: z.optional(citationSchema),
});

// --- The XState machine configuration: JSON, behaviour referred to by name ----------------------

/** Events that move an escalation between states. RECORD, EXTEND and the rest never change state. */
export const MOVEMENT_EVENTS = ['START', 'ESCALATE', 'EXPEDITE', 'RESOLVE', 'WITHDRAW'] as const;

const namedRef = z.object({ type: z.string(), params: z.optional(z.record(z.string(), z.unknown())) });

export const transitionConfigSchema = z.strictObject({
  target: z.string(),
  guard: z.optional(namedRef),
  actions: z.optional(z.array(namedRef)),
  description: z.optional(z.string()),
});

export const stateConfigSchema = z.strictObject({
  type: z.optional(z.literal('final')),
  description: z.optional(z.string()),
  entry: z.optional(z.array(namedRef)),
  exit: z.optional(z.array(namedRef)),
  on: z.optional(
    z.partialRecord(z.enum(MOVEMENT_EVENTS), z.union([z.string(), transitionConfigSchema, z.array(transitionConfigSchema)])),
  ),
});

export const machineConfigSchema = z.strictObject({
  initial: z.literal('raised'),
  description: z.optional(z.string()),
  states: z.record(z.string(), stateConfigSchema),
});

/**
 * The zod schema of a policy definition: the single source of truth for its types, validation and JSON Schema.
 *
 * @example
 * import * as z from 'zod/mini';
 * z.safeParse(policySchema, draft).success;
 */
export const policySchema = z.object({
  id: idSchema,
  title: text,
  partnership: text,
  version: text,
  source: z.object({
    document: text,
    date: z.optional(text),
    url: z.optional(text),
  }),
  division: z.enum(DIVISIONS),
  stages: z.array(stageSchema).check(z.minLength(1, 'expected at least one stage')),
  obligations: z.array(obligationSchema),
  movement: z.array(movementRuleSchema),
  forms: z.optional(z.array(formSchema)),
  routes: z.optional(z.array(routeSchema)),
  interpretations: z.optional(z.array(interpretationSchema)),
  machine: machineConfigSchema,
});

/** Where a rule comes from in its source document: a section reference and a short quote. */
export type Citation = z.infer<typeof citationSchema>;
/** A stage id, `stage-N`, N being the number the source document gives (0 for a step before stage 1). */
export type StageId = `stage-${number}`;
/** Who takes part in a stage: a role, its agency, and the role it talks to in the other agency. */
export type Participant = z.infer<typeof participantSchema>;
/** One stage of a policy: its number as the text gives it, title, participants and citation. */
export type Stage = z.infer<typeof stageSchema>;
/** A fixed length of time in working days, working weeks, calendar days or hours. */
export type Duration = z.infer<typeof durationSchema>;
/** How long an obligation allows: a duration, or the least of several ("whichever is less"). */
export type Limit = z.infer<typeof limitSchema>;
/** What an obligation's clock counts from: the raising, a stage entered, a record made, or the resolution. */
export type Anchor = z.infer<typeof anchorSchema>;
/** What satisfies an obligation: leaving the stage, reaching a stage, resolution, or a record. */
export type Meet = z.infer<typeof meetSchema>;
/** The kinds of record an escalation can hold. */
export type RecordKind = (typeof RECORD_KINDS)[number];
/** What an obligation is for: a stage deadline, a cap, a response, something owed after resolution, a reminder, a record or a notification. */
export type ObligationKind = (typeof OBLIGATION_KINDS)[number];
/** An obligation as the policy defines it: kind, anchor, limit, what meets it, maximum or guidance, and citation. */
export type ObligationRule = z.infer<typeof obligationSchema>;
/** The risk a movement rule requires; `imminent-risk` satisfies every one. */
export type Risk = (typeof RISKS)[number];
/** When a stage may be skipped, expedited or started later, and with what risk, in the policy's words. */
export type MovementRule = z.infer<typeof movementRuleSchema>;
/** A form a policy asks for, with its fields and when it must be completed. */
export type Form = z.infer<typeof formSchema>;
/** A route beside the ladder: a separate process, a hand-off out of this one, or a note. */
export type Route = z.infer<typeof routeSchema>;
/** Where the text is silent, ambiguous or contradicts itself: the reading taken and why. */
export type Interpretation = z.infer<typeof interpretationSchema>;
/** The policy's XState machine configuration: JSON, with behaviour referred to by name. */
export type MachineConfig = z.infer<typeof machineConfigSchema>;
/** One state of the machine configuration. */
export type StateConfig = z.infer<typeof stateConfigSchema>;
/** One transition of the machine configuration. */
export type TransitionConfig = z.infer<typeof transitionConfigSchema>;
/** The events that move an escalation between states. */
export type MovementEventType = (typeof MOVEMENT_EVENTS)[number];
/** A policy definition as written: plain, JSON-serialisable data. */
export type PolicyDefinition = z.input<typeof policySchema>;
