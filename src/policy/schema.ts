import { DIVISIONS } from '../calendar/divisions.js';
import * as z from 'zod/mini';
import { crossCheck } from './crossCheck.js';
import { LIMIT_UNITS, MAX_DURATION, MAX_STAGE_NUMBER } from './limits.js';

// The schema is the single source of truth for a policy definition: the TypeScript types below are
// inferred from it, definePolicy() validates with it (cross-references included, as a refinement),
// and the JSON Schema that editors complete and validate with is generated from it. Every object
// refuses keys it does not know, so a misspelt key is an error, never a silent default.
//
// The description of every field (an editor's hover text) is in descriptions.ts, attached by
// policyJsonSchema() only: a front end that validates policies does not download them. So that each
// use of a field can have its own description, the helpers below make a new schema on every call,
// and `distinct` gives one use of a shared schema an instance of its own.

/** A new instance of a schema (a clone, with the same checks), to describe apart from the others. */
const distinct = <T extends z.ZodMiniType>(schema: T): T => schema.check() as T;

const text = () => z.string().check(z.trim(), z.minLength(1, 'expected non-empty text'));

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const id = () =>
  z
    .string()
    .check(
      z.regex(
        ID_PATTERN,
        'expected a lower-case id of letters, digits and single hyphens, such as "stage-1-resolution"',
      ),
    );

/** Where a rule comes from in the source document: a section, stage or page, and a short quote. */
export const citationSchema = z.strictObject({
  ref: text(),
  quote: z.optional(text()),
});

/** A stage id: `stage-` and a number without leading zeros. */
export const STAGE_ID = /^stage-(0|[1-9]\d*)$/;
const STAGE_ID_MESSAGE = 'expected a stage id such as "stage-1"';

/** A stage id: `stage-N`, N being the number the source document gives (0 for a step before stage 1). */
export const stageIdSchema = z.string().check(z.regex(STAGE_ID, STAGE_ID_MESSAGE));

// References to a policy's own stages and forms are named in the JSON Schema ($defs.StageRef and
// $defs.FormRef; the names are given in descriptions.ts), so that a schema for one policy can list its
// ids for an editor's completion.
const stageRef = z.string().check(z.regex(STAGE_ID, STAGE_ID_MESSAGE));

const stageList = () => z.array(stageRef).check(z.minLength(1, 'expected at least one stage'));

/** Who takes part: a role in an agency, or a pair of roles that talk to each other. */
export const participantSchema = z.strictObject({
  role: text(),
  agency: z.optional(text()),
  counterpart: z.optional(text()),
});

export const stageSchema = z.strictObject({
  id: z.string().check(z.regex(STAGE_ID, STAGE_ID_MESSAGE)),
  number: z
    .int()
    .check(z.minimum(0, 'expected 0 or more'), z.maximum(MAX_STAGE_NUMBER, `expected at most ${MAX_STAGE_NUMBER}`)),
  title: text(),
  participants: z.array(participantSchema),
  summary: z.optional(text()),
  citation: citationSchema,
});

/** Units a limit can be counted in. */
export const UNITS = LIMIT_UNITS;

/** A fixed length of time. */
export const durationSchema = z.strictObject({
  value: z
    .number()
    .check(
      z.minimum(0, 'expected 0 or more'),
      z.maximum(MAX_DURATION.hours, `expected at most ${MAX_DURATION.hours} (a year in hours)`),
    ),
  unit: z.enum(UNITS),
});

/** A timescale agreed case by case ("a timescale that protects the child"): set with SET_TIMESCALE. */
export const perCaseSchema = z.strictObject({
  perCase: text(),
});

const whicheverIsLessSchema = z.strictObject({
  whicheverIsLess: z
    .array(z.union([durationSchema, perCaseSchema]))
    .check(z.minLength(2, 'expected at least two limits to compare')),
});

/** How long an obligation allows: a duration, or the least of several ("whichever is less"). */
export const limitSchema = z.union([durationSchema, whicheverIsLessSchema]);

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
const recordKinds = z.union([
  z.enum(RECORD_KINDS),
  z.array(z.enum(RECORD_KINDS)).check(z.minLength(1, 'expected at least one record kind')),
]);

const recipientRef = z.string().check(z.regex(ID_PATTERN, 'expected a recipient id such as "partnership-manager"'));
const flagRef = z.string().check(z.regex(ID_PATTERN, 'expected a flag id such as "potentially-serious-concern"'));
const formRef = z.string().check(z.regex(ID_PATTERN, 'expected a form id such as "escalation-template"'));

/** What an obligation's clock counts from. */
export const anchorSchema = z.discriminatedUnion('on', [
  z.strictObject({ on: z.literal('raised') }),
  z.strictObject({
    on: z.literal('stage-entered'),
    stages: stageList(),
    once: z.optional(z.boolean()),
    from: z.optional(stageList()),
  }),
  z.strictObject({
    on: z.literal('record'),
    kind: recordKinds,
    form: z.optional(formRef),
    stages: z.optional(stageList()),
  }),
  z.strictObject({
    on: z.literal('resolved'),
    stages: z.optional(stageList()),
  }),
  z.strictObject({
    on: z.literal('concluded'),
    stages: z.optional(stageList()),
  }),
  z.strictObject({
    on: z.literal('flagged'),
    flag: flagRef,
  }),
]);

/** What an obligation's clock counts from, or the first of several ("from the day of Stage 1, or the day the case moved on without one"). */
const anchorOrFirstOfSchema = z.union([
  anchorSchema,
  z.strictObject({
    firstOf: z.array(anchorSchema).check(z.minLength(2, 'expected at least two anchors')),
  }),
]);

/** What satisfies an obligation. */
export const meetSchema = z.discriminatedUnion('by', [
  z.strictObject({
    by: z.literal('stage-exit'),
  }),
  z.strictObject({
    by: z.literal('stage-reached'),
    stages: stageList(),
    orResolution: z.optional(z.boolean()),
  }),
  z.strictObject({ by: z.literal('resolution') }),
  z.strictObject({
    by: z.literal('record'),
    kind: recordKinds,
    form: z.optional(formRef),
    to: z.optional(
      z.union([recipientRef, z.array(recipientRef).check(z.minLength(1, 'expected at least one recipient'))]),
    ),
    orEarlier: z.optional(z.boolean()),
  }),
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

const imminentRiskSchema = z.union([
  z.strictObject({
    limit: distinct(limitSchema),
    citation: z.optional(citationSchema),
  }),
  z.strictObject({
    notApplicable: z.literal(true),
    citation: z.optional(citationSchema),
  }),
  z.strictObject({
    onlyThen: z.literal(true),
    citation: z.optional(citationSchema),
  }),
]);

export const obligationSchema = z.strictObject({
  id: id(),
  kind: z.enum(OBLIGATION_KINDS),
  label: text(),
  who: z.optional(text()),
  to: z.optional(recipientRef), // described by $defs.RecipientRef: who must be told or answered
  anchor: anchorOrFirstOfSchema,
  meet: meetSchema,
  limit: z.optional(limitSchema),
  strength: z.enum(['maximum', 'guidance']),
  every: z.optional(distinct(durationSchema)),
  imminentRisk: z.optional(imminentRiskSchema),
  survivesWithdrawal: z.optional(z.boolean()),
  citation: citationSchema,
});

/** The risk a movement rule requires. `imminent-risk` satisfies every one of them. */
export const RISKS = ['none', 'imminent-risk', 'significant-risk', 'immediate-harm'] as const;

export const movementRuleSchema = z.strictObject({
  id: id(),
  kind: z.enum(['start', 'expedite', 'skip']),
  from: z.optional(stageList()),
  to: stageList(),
  requires: z.union([
    z.enum(RISKS),
    z.strictObject({
      reason: id(),
      description: text(),
    }),
  ]),
  quote: text(),
  citation: citationSchema,
});

export const formSchema = z.strictObject({
  id: id(),
  title: text(),
  fields: z.array(
    z.strictObject({
      name: text(),
      description: z.optional(text()),
    }),
  ),
  when: z.optional(text()),
  citation: citationSchema,
});

export const routeSchema = z.strictObject({
  id: id(),
  title: text(),
  kind: z.enum(['separate-route', 'hand-off', 'note']),
  summary: text(),
  handOff: z.optional(
    z.strictObject({
      onEntering: stageList(),
      to: text(),
    }),
  ),
  citation: citationSchema,
});

export const recipientSchema = z.strictObject({
  id: id(),
  title: text(),
  aliases: z.optional(z.array(text())),
  addresses: z.optional(z.array(text())),
});

export const flagSchema = z.strictObject({
  id: id(),
  title: text(),
  citation: citationSchema,
});

export const interpretationSchema = z.strictObject({
  issue: text(),
  reading: text(),
  reason: text(),
  citation: z.optional(citationSchema),
});

const PARTIAL_DATE = /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/;
const partialDate = () => z.string().check(z.regex(PARTIAL_DATE, 'expected a date written YYYY-MM or YYYY-MM-DD'));

export const sourceSchema = z.strictObject({
  document: text(),
  publisher: z.optional(text()),
  version: z.optional(text()),
  date: z.optional(text()),
  issued: z.optional(partialDate()),
  reviewDue: z.optional(partialDate()),
  url: z.optional(text()),
  notes: z.optional(text()),
});

/** The top-level keys of a policy file, in the order a policy file lists them. */
export const POLICY_KEYS = [
  'id',
  'title',
  'partnership',
  'version',
  'source',
  'division',
  'stages',
  'recipients',
  'flags',
  'obligations',
  'movement',
  'forms',
  'routes',
  'interpretations',
] as const;

const policyObject = z.strictObject({
  id: id(),
  title: text(),
  partnership: text(),
  version: text(),
  source: distinct(sourceSchema),
  division: z.enum(DIVISIONS),
  stages: z.array(stageSchema).check(z.minLength(1, 'expected at least one stage')),
  recipients: z.optional(z.array(recipientSchema)),
  flags: z.optional(z.array(flagSchema)),
  obligations: z.array(obligationSchema),
  movement: z.array(movementRuleSchema),
  forms: z.optional(z.array(formSchema)),
  routes: z.optional(z.array(routeSchema)),
  interpretations: z.optional(z.array(interpretationSchema)),
});

/**
 * The zod schema of a policy definition: the single source of truth for its types, its validation
 * (every cross-reference included) and its JSON Schema.
 *
 * @example
 * import * as z from 'zod/mini';
 * z.safeParse(policySchema, draft).success;
 */
export const policySchema = policyObject.check(
  z.superRefine((policy, context) => {
    for (const problem of crossCheck(policy))
      context.addIssue({ code: 'custom', message: problem.message, path: problem.path, input: undefined });
  }),
);

/** A type with every property and list, at every depth, read-only: how a checked policy is typed. */
export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** Where a rule comes from in its source document: a section reference and a short quote. */
export type Citation = DeepReadonly<z.infer<typeof citationSchema>>;
/** A stage id, `stage-N`, N being the number the source document gives (0 for a step before stage 1). */
export type StageId = `stage-${number}`;
/** Who takes part in a stage: a role, its agency, and the role it talks to in the other agency. */
export type Participant = DeepReadonly<z.infer<typeof participantSchema>>;
/** One stage of a policy: its number as the text gives it, title, participants and citation. */
export type Stage = DeepReadonly<z.infer<typeof stageSchema>>;
/** A fixed length of time in working days, working weeks, calendar days or hours. */
export type Duration = DeepReadonly<z.infer<typeof durationSchema>>;
/** How long an obligation allows: a duration, or the least of several ("whichever is less"). */
export type Limit = DeepReadonly<z.infer<typeof limitSchema>>;
/** What an obligation's clock counts from: the raising, a stage entered, a record made, the resolution, the conclusion or a flag. */
export type Anchor = DeepReadonly<z.infer<typeof anchorSchema>>;
/** An anchor, or the first of several. */
export type AnchorOrFirstOf = DeepReadonly<z.infer<typeof anchorOrFirstOfSchema>>;
/** Someone a policy's notices and answers go to, with the names and addresses the document gives. */
export type Recipient = DeepReadonly<z.infer<typeof recipientSchema>>;
/** Something a host may flag on a case that starts a duty. */
export type Flag = DeepReadonly<z.infer<typeof flagSchema>>;
/** What a movement rule needs: a risk, or a reason that is not a risk. */
export type Requirement = MovementRule['requires'];
/** What satisfies an obligation: leaving the stage, reaching a stage, resolution, or a record. */
export type Meet = DeepReadonly<z.infer<typeof meetSchema>>;
/** The kinds of record an escalation can hold. */
export type RecordKind = (typeof RECORD_KINDS)[number];
/** What an obligation is for: a stage deadline, a cap, a response, something owed after resolution, a reminder, a record or a notification. */
export type ObligationKind = (typeof OBLIGATION_KINDS)[number];
/** An obligation as the policy defines it: kind, anchor, limit, what meets it, maximum or guidance, and citation. */
export type ObligationRule = DeepReadonly<z.infer<typeof obligationSchema>>;
/** The risk a movement rule requires; `imminent-risk` satisfies every one. */
export type Risk = (typeof RISKS)[number];
/** When a stage may be skipped, expedited or started later, and with what risk, in the policy's words. */
export type MovementRule = DeepReadonly<z.infer<typeof movementRuleSchema>>;
/** A form a policy asks for, with its fields and when it must be completed. */
export type Form = DeepReadonly<z.infer<typeof formSchema>>;
/** A route beside the ladder: a separate process, a hand-off out of this one, or a note. */
export type Route = DeepReadonly<z.infer<typeof routeSchema>>;
/** Where the text is silent, ambiguous or contradicts itself: the reading taken and why. */
export type Interpretation = DeepReadonly<z.infer<typeof interpretationSchema>>;
/** The published document a policy encodes, with its version, dates and where it is published. */
export type SourceDocument = DeepReadonly<z.infer<typeof sourceSchema>>;
/** A policy definition as written: plain, JSON-serialisable data. */
export type PolicyDefinition = z.input<typeof policySchema>;
/** A policy definition as validated: the schema's output. */
export type ParsedPolicy = z.output<typeof policyObject>;
