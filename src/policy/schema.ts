import { DIVISIONS } from '../calendar/divisions.js';
import * as z from 'zod/mini';
import { crossCheck } from './crossCheck.js';
import { LIMIT_UNITS, MAX_DURATION, MAX_STAGE_NUMBER } from './limits.js';

// The schema is the single source of truth for a policy definition: the TypeScript types below are
// inferred from it, definePolicy() validates with it (cross-references included, as a refinement),
// and the JSON Schema that editors complete and validate with is generated from it, descriptions and
// all. Every object refuses keys it does not know, so a misspelt key is an error, never a silent
// default.

const described = <T extends z.ZodMiniType>(schema: T, description: string): T =>
  schema.check(z.describe(description)) as T;

const text = (description: string) =>
  described(z.string().check(z.trim(), z.minLength(1, 'expected non-empty text')), description);

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const id = (description: string) =>
  described(
    z
      .string()
      .check(
        z.regex(
          ID_PATTERN,
          'expected a lower-case id of letters, digits and single hyphens, such as "stage-1-resolution"',
        ),
      ),
    description,
  );

/** Where a rule comes from in the source document: a section, stage or page, and a short quote. */
export const citationSchema = z
  .strictObject({
    ref: text('The section, stage, paragraph or appendix, as the document numbers it: "section 3", "Stage 2".'),
    quote: z.optional(text('A short verbatim quote of the rule, in the document’s own words.')),
  })
  .check(z.describe('Where this comes from in the source document.'));

const STAGE_ID = /^stage-(0|[1-9]\d*)$/;
const STAGE_ID_MESSAGE = 'expected a stage id such as "stage-1"';

/** A stage id: `stage-N`, N being the number the source document gives (0 for a step before stage 1). */
export const stageIdSchema = z.string().check(z.regex(STAGE_ID, STAGE_ID_MESSAGE));

// References to a policy's own stages and forms are named in the JSON Schema ($defs.StageRef and
// $defs.FormRef), so that a schema for one policy can list its ids for an editor's completion.
const stageRef = z
  .string()
  .check(
    z.regex(STAGE_ID, STAGE_ID_MESSAGE),
    z.meta({ id: 'StageRef', description: 'One of this policy’s stages, by id: "stage-2".' }),
  );

const stageList = (description: string) =>
  described(z.array(stageRef).check(z.minLength(1, 'expected at least one stage')), description);

/** Who takes part: a role in an agency, or a pair of roles that talk to each other. */
export const participantSchema = z.strictObject({
  role: text('The role, as the document names it: "Front line operational manager".'),
  agency: z.optional(text('The agency the role belongs to, where the document names one.')),
  counterpart: z.optional(text('The role in the other agency this one talks to, where the document pairs them.')),
});

export const stageSchema = z.strictObject({
  id: described(
    z.string().check(z.regex(STAGE_ID, STAGE_ID_MESSAGE)),
    'The stage id: "stage-" and its number, such as "stage-2".',
  ),
  number: described(
    z
      .int()
      .check(z.minimum(0, 'expected 0 or more'), z.maximum(MAX_STAGE_NUMBER, `expected at most ${MAX_STAGE_NUMBER}`)),
    'The number the document gives the stage (0 for a step before Stage 1).',
  ),
  title: text('The stage’s title, as the document gives it.'),
  participants: described(z.array(participantSchema), 'Who takes part at this stage.'),
  summary: z.optional(text('What happens at this stage, in a sentence.')),
  citation: citationSchema,
});

/** Units a limit can be counted in. */
export const UNITS = LIMIT_UNITS;

/** A fixed length of time. */
export const durationSchema = z.strictObject({
  value: described(
    z
      .number()
      .check(
        z.minimum(0, 'expected 0 or more'),
        z.maximum(MAX_DURATION.hours, `expected at most ${MAX_DURATION.hours} (a year in hours)`),
      ),
    'How many units, at most a year: 250 working days, 50 working weeks, 365 calendar days or 8760 hours. Days and weeks are whole numbers; hours may be fractional.',
  ),
  unit: described(
    z.enum(UNITS),
    'working-days and working-weeks skip weekends, bank holidays and closures; calendar-days count every day; hours count from the exact instant.',
  ),
});

/** A timescale agreed case by case ("a timescale that protects the child"): set with SET_TIMESCALE. */
export const perCaseSchema = z.strictObject({
  perCase: text(
    'The words of the document for a timescale agreed case by case; set for a case with a SET_TIMESCALE event.',
  ),
});

const whicheverIsLessSchema = z.strictObject({
  whicheverIsLess: described(
    z.array(z.union([durationSchema, perCaseSchema])).check(z.minLength(2, 'expected at least two limits to compare')),
    'Two or more limits; the earliest date they give is the deadline ("a working week or a timescale that protects the child, whichever is less").',
  ),
});

/** How long an obligation allows: a duration, or the least of several ("whichever is less"). */
export const limitSchema = described(
  z.union([durationSchema, whicheverIsLessSchema]),
  'A duration { value, unit }, or { whicheverIsLess: [...] }.',
);

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
const recordKinds = described(
  z.union([
    z.enum(RECORD_KINDS),
    z.array(z.enum(RECORD_KINDS)).check(z.minLength(1, 'expected at least one record kind')),
  ]),
  `A record kind, or a list of them (any one will do): ${RECORD_KINDS.join(', ')}.`,
);

const recipientRef = z.string().check(
  z.regex(ID_PATTERN, 'expected a recipient id such as "partnership-manager"'),
  z.meta({
    id: 'RecipientRef',
    description: 'One of this policy’s recipients, by id: who must be told or answered.',
  }),
);
const flagRef = z
  .string()
  .check(
    z.regex(ID_PATTERN, 'expected a flag id such as "potentially-serious-concern"'),
    z.meta({ id: 'FlagRef', description: 'One of this policy’s flags, by id.' }),
  );

const formRef = z
  .string()
  .check(
    z.regex(ID_PATTERN, 'expected a form id such as "escalation-template"'),
    z.meta({ id: 'FormRef', description: 'One of this policy’s forms, by id.' }),
  );

/** What an obligation's clock counts from. */
export const anchorSchema = described(
  z.discriminatedUnion('on', [
    z.strictObject({ on: described(z.literal('raised'), 'The clock starts when the disagreement is raised.') }),
    z.strictObject({
      on: described(z.literal('stage-entered'), 'The clock starts when one of `stages` is entered.'),
      stages: stageList('The stages whose entry starts the clock, afresh each time one is entered.'),
      once: z.optional(described(z.boolean(), 'Only the first of these stages to be entered starts it.')),
      from: z.optional(
        stageList('Only an entry from one of these stages starts it (not a start there, nor a jump from elsewhere).'),
      ),
    }),
    z.strictObject({
      on: described(z.literal('record'), 'The clock starts with a record of `kind` (and `form`).'),
      kind: recordKinds,
      form: z.optional(formRef),
      stages: z.optional(stageList('Only a record made at one of these stages starts the clock.')),
    }),
    z.strictObject({
      on: described(z.literal('resolved'), 'The clock starts when the disagreement is resolved.'),
      stages: z.optional(stageList('Only a resolution reached at one of these stages starts the clock.')),
    }),
    z.strictObject({
      on: described(
        z.literal('concluded'),
        'The clock starts when the process ends, resolved or withdrawn ("at conclusion of the process").',
      ),
      stages: z.optional(stageList('Only a conclusion reached at one of these stages starts the clock.')),
    }),
    z.strictObject({
      on: described(
        z.literal('flagged'),
        'The clock starts when the case is flagged (a FLAG event), such as a matter of potentially serious concern.',
      ),
      flag: flagRef,
    }),
  ]),
  'What the clock counts from: "raised", "stage-entered" (with stages), "record" (with kind), "resolved", "concluded" or "flagged".',
);

/** What an obligation's clock counts from, or the first of several ("from the day of Stage 1, or the day the case moved on without one"). */
const anchorOrFirstOfSchema = described(
  z.union([
    anchorSchema,
    z.strictObject({
      firstOf: described(
        z.array(anchorSchema).check(z.minLength(2, 'expected at least two anchors')),
        'Two or more anchors: the clock starts at whichever happens first, once.',
      ),
    }),
  ]),
  'What the clock counts from: an anchor { on: ... }, or { firstOf: [ ... ] }.',
);

/** What satisfies an obligation. */
export const meetSchema = described(
  z.discriminatedUnion('by', [
    z.strictObject({
      by: described(z.literal('stage-exit'), 'Met by leaving the stage it began in: escalated, expedited or resolved.'),
    }),
    z.strictObject({
      by: described(z.literal('stage-reached'), 'Met by reaching one of `stages`.'),
      stages: stageList('Reaching any of these stages meets it.'),
      orResolution: z.optional(described(z.boolean(), 'Resolving the disagreement meets it too.')),
    }),
    z.strictObject({ by: described(z.literal('resolution'), 'Met by resolving the disagreement.') }),
    z.strictObject({
      by: described(z.literal('record'), 'Met by a record of `kind` (and `form`, and `to`).'),
      kind: recordKinds,
      form: z.optional(formRef),
      to: z.optional(
        described(
          z.union([recipientRef, z.array(recipientRef).check(z.minLength(1, 'expected at least one recipient'))]),
          'For a notification or response: the recipient (by id) it must go to, or a list of them (any one will do).',
        ),
      ),
      orEarlier: z.optional(
        described(
          z.boolean(),
          'A record of this kind made at any earlier point of the escalation counts too ("completed by Stage 3": a form made at Stage 1 or 2).',
        ),
      ),
    }),
  ]),
  'What meets it: "stage-exit" (leaving the stage), "stage-reached" (with stages), "resolution" or "record" (with kind).',
);

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

const imminentRiskSchema = described(
  z.union([
    z.strictObject({
      limit: described(limitSchema, 'The limit that applies instead when the child is at imminent risk.'),
      citation: z.optional(citationSchema),
    }),
    z.strictObject({
      notApplicable: described(z.literal(true), 'It does not apply when the child is at imminent risk.'),
      citation: z.optional(citationSchema),
    }),
    z.strictObject({
      onlyThen: described(z.literal(true), 'It applies only when the child is at imminent risk.'),
      citation: z.optional(citationSchema),
    }),
  ]),
  'What changes when the child is at imminent risk: { limit } (a shorter one), { notApplicable: true } or { onlyThen: true } (it applies only then).',
);

export const obligationSchema = z.strictObject({
  id: id('The obligation’s id, unique in the policy: "stage-1-resolution".'),
  kind: described(
    z.enum(OBLIGATION_KINDS),
    'stage (resolve or move on), cap (over several stages), response, after-resolution, reminder (recurring), record, notification.',
  ),
  label: text('What must be done, in a few words a practitioner understands.'),
  who: z.optional(text('Who must act.')),
  to: z.optional(recipientRef), // described by $defs.RecipientRef: who must be told or answered
  anchor: anchorOrFirstOfSchema,
  meet: meetSchema,
  limit: z.optional(limitSchema),
  strength: described(
    z.enum(['maximum', 'guidance']),
    '"maximum" cannot be extended; "guidance" can, by an EXTEND event with a reason and who agreed.',
  ),
  every: z.optional(
    described(
      durationSchema,
      'For a reminder: how often it recurs after the first one falls due; at least 1 (one hour, day or week).',
    ),
  ),
  imminentRisk: z.optional(imminentRiskSchema),
  survivesWithdrawal: z.optional(
    described(
      z.boolean(),
      'Whether it is still owed after the escalation is withdrawn (a notice owed at commencement, a record for the tracker). Default false: say why in an interpretation.',
    ),
  ),
  citation: citationSchema,
});

/** The risk a movement rule requires. `imminent-risk` satisfies every one of them. */
export const RISKS = ['none', 'imminent-risk', 'significant-risk', 'immediate-harm'] as const;

export const movementRuleSchema = z.strictObject({
  id: id('The rule’s id, unique in the policy.'),
  kind: described(
    z.enum(['start', 'expedite', 'skip']),
    '"start": begin above the first stage; "expedite": jump ahead for a risk; "skip": pass over stages when the text allows it.',
  ),
  from: z.optional(stageList('The stages the jump may be made from; every stage when left out.')),
  to: stageList('The stages it allows the case to start at or jump to.'),
  requires: described(
    z.union([
      z.enum(RISKS),
      z.strictObject({
        reason: id('The reason the event must give, such as "significant-policy-issue".'),
        description: text('What the reason means, in the document’s words.'),
      }),
    ]),
    'What the move needs: "none"; a risk, given with the event or recorded on the case ("imminent-risk" satisfies every risk); or { reason, description }, a reason that is not a risk and that the event must give.',
  ),
  quote: text('The rule in the document’s own words.'),
  citation: citationSchema,
});

export const formSchema = z.strictObject({
  id: id('The form’s id, unique in the policy; RECORD events of kind "form" name it.'),
  title: text('The form’s title, as the document gives it.'),
  fields: described(
    z.array(
      z.strictObject({
        name: text('The field’s name on the form.'),
        description: z.optional(text('What goes in it.')),
      }),
    ),
    'The fields of the form.',
  ),
  when: z.optional(text('When it must be completed, in the document’s words.')),
  citation: citationSchema,
});

export const routeSchema = z.strictObject({
  id: id('The route’s id, unique in the policy.'),
  title: text('The route’s title.'),
  kind: described(
    z.enum(['separate-route', 'hand-off', 'note']),
    '"separate-route": a different process; "hand-off": something passed out of this process; "note": guidance only.',
  ),
  summary: text('What the route is, in a sentence or two.'),
  handOff: z.optional(
    described(
      z.strictObject({
        onEntering: stageList('The stages whose entry hands the matter on, however the stage is reached.'),
        to: text('Who it is handed to, with the address the document gives.'),
      }),
      'For a hand-off: when it happens and to whom; the escalation’s history records it.',
    ),
  ),
  citation: citationSchema,
});

export const recipientSchema = z.strictObject({
  id: id('The recipient’s id, which obligations and notices name: "partnership-manager".'),
  title: text('Who it is, as the document names them.'),
  aliases: z.optional(
    described(
      z.array(text('Another name the document uses.')),
      'Other names the document uses: a notice to any of them reaches this recipient.',
    ),
  ),
  addresses: z.optional(
    described(
      z.array(text('An address the document gives.')),
      'Mailboxes and other addresses the document gives: a notice to one reaches this recipient.',
    ),
  ),
});

export const flagSchema = z.strictObject({
  id: id('The flag’s id, which FLAG events name.'),
  title: text('What the flag means, in a few words.'),
  citation: citationSchema,
});

export const interpretationSchema = z.strictObject({
  issue: text('What the text leaves open, contradicts or is silent on.'),
  reading: text('The reading this definition takes.'),
  reason: text('Why.'),
  citation: z.optional(citationSchema),
});

const PARTIAL_DATE = /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/;
const partialDate = (description: string) =>
  described(z.string().check(z.regex(PARTIAL_DATE, 'expected a date written YYYY-MM or YYYY-MM-DD')), description);

export const sourceSchema = z.strictObject({
  document: text('The title of the published document.'),
  publisher: z.optional(text('Who published it: the partnership or board, as the document names itself.')),
  version: z.optional(text('The document’s own version label.')),
  date: z.optional(text('The date of this version as the document gives it, in its words.')),
  issued: z.optional(
    partialDate(
      'When this version was issued (YYYY-MM or YYYY-MM-DD): checked against the 2019 partnership arrangements.',
    ),
  ),
  reviewDue: z.optional(
    partialDate(
      'When the document says it is to be reviewed (YYYY-MM or YYYY-MM-DD): a warning is shown once it has passed.',
    ),
  ),
  url: z.optional(text('Where the document is published.')),
  notes: z.optional(text('Anything else a reader should know about the document’s currency.')),
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
  id: id('The policy’s id: lower case, such as "suffolk".'),
  title: text('The policy’s title.'),
  partnership: text('The safeguarding partnership (or board) whose policy it is.'),
  version: text(
    'This definition’s version. Escalations record it; a migration moves a case from one version to another.',
  ),
  source: described(sourceSchema, 'The published document this definition encodes, and its currency.'),
  division: described(z.enum(DIVISIONS), 'Whose bank holidays count: england-and-wales, scotland or northern-ireland.'),
  stages: described(
    z.array(stageSchema).check(z.minLength(1, 'expected at least one stage')),
    'The stages in order. Each may escalate to the next; the last is the top of the ladder.',
  ),
  recipients: z.optional(
    described(z.array(recipientSchema), 'Who may be told or answered: obligations and notices name them by id.'),
  ),
  flags: z.optional(
    described(z.array(flagSchema), 'Things a host may flag on a case (a FLAG event) that start a duty.'),
  ),
  obligations: described(
    z.array(obligationSchema),
    'Every timescale and duty the document sets: what starts it, what meets it, how long it allows.',
  ),
  movement: described(
    z.array(movementRuleSchema),
    'When a case may start above the first stage, or jump over stages. Escalating to the next stage, resolving and withdrawing are always allowed.',
  ),
  forms: z.optional(described(z.array(formSchema), 'The forms the document asks for.')),
  routes: z.optional(
    described(z.array(routeSchema), 'Routes beside the ladder: separate processes, hand-offs, notes.'),
  ),
  interpretations: z.optional(
    described(
      z.array(interpretationSchema),
      'Where the text is silent or contradicts itself: the reading taken and why.',
    ),
  ),
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
  z.describe('A safeguarding escalation policy: its stages, timescales and duties, each cited to the text.'),
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
