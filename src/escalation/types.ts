import { parseInstant, tryParseCanonicalInstant, tryParseDate } from '../calendar/dates.js';
import { DIVISIONS } from '../calendar/divisions.js';
import { DEADLINE_RULES, migrationPlanSchema } from './migrationPlan.js';
import { ownRecord } from './ownRecord.js';
import { OBLIGATION_KINDS, RECORD_KINDS, RISKS, stageIdSchema } from '../policy/schema.js';
import * as z from 'zod/mini';

// Everything that comes in is validated with these schemas; the types are inferred from them.

// The engine's range is the calendar's: 1970-01-01 to 2100-12-31. What happens (events, starts, `now`)
// is from 1970 to 2099, so that every deadline it starts falls inside the calendar: a policy's longest
// limit is a year (see the policy schema), and a due instant may reach the last millisecond of
// 2100-12-31. Everything outside is refused at the door, with a code.
/** The first instant the engine takes (1970-01-01 UTC). */
export const FIRST_MS = Date.UTC(1970, 0, 1);
/** The end of what happens: events, starts and `now` are before it. */
export const LAST_MS = Date.UTC(2100, 0, 1);
/** The end of a due instant: the calendar's last millisecond (2100-12-31) is before it. */
export const LAST_DUE_MS = Date.UTC(2101, 0, 1);
/** The last day number of the calendar (2100-12-31). */
export const LAST_DAY = 47_846;

/**
 * The epoch milliseconds of an instant the schema accepts (before `last`), or `NaN`: the schema's own
 * test, which calls that check a single instant (such as `now`) without zod.
 */
export function acceptedInstantMs(value: string, last = LAST_MS): number {
  let t = tryParseCanonicalInstant(value);
  if (t !== t) {
    try {
      t = parseInstant(value);
    } catch {
      return NaN;
    }
  }
  return t >= FIRST_MS && t < last ? t : NaN;
}

const inRange = (value: string, last: number): boolean => !Number.isNaN(acceptedInstantMs(value, last));
/** The one stored form (`toISOString`'s): an instant already written so is given back as it is. */
const canonicalInstant = (value: string): string =>
  tryParseCanonicalInstant(value) === tryParseCanonicalInstant(value)
    ? value
    : new Date(parseInstant(value)).toISOString();

/**
 * An ISO-8601 instant with `Z` or an offset, from 1970 to 2099, read into the one form the library
 * stores and compares (`2024-12-19T09:30:00.000Z`, as toISOString writes it): an instant written with
 * an offset is the same instant, stored the same way.
 */
export const instantSchema = z.pipe(
  z
    .string()
    .check(
      z.refine(
        (value) => inRange(value, LAST_MS),
        'expected an ISO-8601 instant with Z or an offset, from 1970 to 2099, such as "2024-12-19T09:30:00Z"',
      ),
    ),
  z.transform(canonicalInstant),
);
/** A due instant as stored: like `instantSchema`, up to the calendar's last millisecond (2100-12-31). */
export const dueInstantSchema = z.pipe(
  z
    .string()
    .check(
      z.refine(
        (value) => inRange(value, LAST_DUE_MS),
        'expected an ISO-8601 instant with Z or an offset, from 1970 to the end of 2100',
      ),
    ),
  z.transform(canonicalInstant),
);
/** Whether a string is a real `YYYY-MM-DD` date in the calendar's range, 1970-01-01 to 2100-12-31. */
export function isCalendarDate(value: string): boolean {
  const day = tryParseDate(value);
  return day >= 0 && day <= LAST_DAY;
}
export const isoDateSchema = z
  .string()
  .check(z.refine(isCalendarDate, 'expected a real calendar date written YYYY-MM-DD, from 1970-01-01 to 2100-12-31'));
const text = z.string().check(z.trim(), z.minLength(1, 'expected non-empty text'));

/**
 * Whether a value is text the schema's `text` gives back unchanged: not empty, no white space at either
 * end. The fast paths (canonical.ts, acceptEvent.ts) use it instead of the schema.
 */
export function isTrimmedText(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0) return false;
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  // Printable ASCII at both ends cannot be white space; anything else is asked of trim().
  return (first > 32 && first < 127 && last > 32 && last < 127) || value.trim() === value;
}

/** Whether a value is one a form's field may hold (the schema's `fields` values). */
export function isFieldValue(value: unknown): value is string | number | boolean | null {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

/** Who did something: a role and agency are enough; a name only if the host wants it kept. */
export const partySchema = z.strictObject({
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

export const concernSchema = z.strictObject({
  nature: z.optional(z.enum(NATURES)),
  agencyRaising: z.optional(text),
  agencyConcerned: z.optional(text),
  /** Free text. Keep personal data out: a case reference, never a child's name or date of birth. */
  summary: z.optional(text),
  caseReference: z.optional(text),
});

export const recordSchema = z.strictObject({
  kind: z.enum(RECORD_KINDS),
  /** For kind 'form': the policy's form id. */
  form: z.optional(text),
  /** For notifications and responses: who was told or answered, by the policy's recipient id (or a name or address the policy gives for one). */
  to: z.optional(text),
  summary: z.optional(text),
  outcome: z.optional(text),
  /** Agreed actions, each with who and by when. */
  actions: z.optional(
    z.array(z.strictObject({ action: text, owner: z.optional(text), due: z.optional(isoDateSchema) })),
  ),
  /** A form's fields. */
  fields: z.optional(ownRecord(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))), // isFieldValue
});

const base = {
  /** When it happened: deadlines are judged by it. It may be earlier than facts already applied (a late fact). */
  at: instantSchema,
  /**
   * When the host learned of it, from its own clock inside its transaction; the history is kept in
   * this order. By default the later of `at` and the escalation's `asOf`.
   */
  recordedAt: z.optional(instantSchema),
  /** An id makes the event idempotent: the same event again is ignored; another event with the same id is refused. */
  id: z.optional(text),
  by: z.optional(partySchema),
  note: z.optional(text),
};

/** The risk to the child a host records: `imminent-risk` satisfies every rule that asks for a risk. */
export const riskSchema = z.enum(RISKS);

const calendarClosures = z.array(isoDateSchema);

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
  z.strictObject({ type: z.literal('RISK'), ...base, risk: riskSchema, reason: z.optional(text) }),
  z.strictObject({ type: z.literal('FLAG'), ...base, flag: text, reason: z.optional(text) }),
  /** The case's calendar changes: new closures, or (with `options.calendar`) a new GOV.UK feed. */
  z.strictObject({ type: z.literal('CALENDAR'), ...base, closures: z.optional(calendarClosures), reason: text }),
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
/** The event of one type. */
export type EscalationEventOf<T extends EscalationEventType> = Extract<EscalationEvent, { type: T }>;

export const startSchema = z.strictObject({
  id: text,
  raisedAt: instantSchema,
  /** The risk to the child when the concern is raised; 'none' when left out. */
  risk: z.optional(riskSchema),
  startStage: z.optional(stageIdSchema),
  /** The reason given for starting above the first stage, when it is not the recorded risk. */
  reason: z.optional(text),
  raisedBy: z.optional(partySchema),
  concern: z.optional(concernSchema),
});
/** The input of `startEscalation`: an id, when it was raised, and optionally a later stage, the risk, who raised it and the concern. */
export type StartInput = z.infer<typeof startSchema>;

// --- The escalation: plain JSON ----------------------------------------------------------------

/**
 * The format version an escalation carries (`format`): 2 since version 0.2. `restoreEscalation` also
 * reads format 1, written by version 0.1.
 *
 * @example
 * escalation.format === ESCALATION_FORMAT; // true for one this version wrote
 */
export const ESCALATION_FORMAT = 2;

/** The calendar an escalation's deadlines are counted on: part of the case, so every call counts on it. */
export const caseCalendarSchema = z.strictObject({
  division: z.enum(DIVISIONS),
  /** Where its bank holidays come from: the package's built-in table or a GOV.UK feed. */
  source: z.enum(['built-in', 'gov-uk-feed']),
  /** Which edition of that source: changes when a bank holiday is added (a new package version, a new feed). */
  edition: text,
  /** Local closure days, sorted. */
  closures: calendarClosures,
});
/** The calendar an escalation counts on: division, source, edition and closures. */
export type CaseCalendar = z.infer<typeof caseCalendarSchema>;

export const obligationStateSchema = z.strictObject({
  /** Unique in the escalation: the rule id and a sequence number. */
  id: text,
  rule: text,
  kind: z.enum(OBLIGATION_KINDS),
  label: text,
  strength: z.enum(['maximum', 'guidance']),
  stage: z.optional(stageIdSchema),
  /** When its clock started (the instant its anchor happened). */
  armedAt: instantSchema,
  status: z.enum(['running', 'met', 'void']),
  dueDate: z.nullable(isoDateSchema),
  dueAt: z.nullable(dueInstantSchema),
  /** Set when the due instant was found passed while it was running (the timer fired). */
  passedAt: z.optional(instantSchema),
  /** When it was met: when the fact that met it happened. */
  metAt: z.optional(instantSchema),
  /** For a reminder: the round now owed (1 is the first). Rounds missed since are worked out from `every`. */
  occurrence: z.optional(z.int().check(z.minimum(1))),
  extended: z.optional(z.strictObject({ from: isoDateSchema, reason: text, agreedBy: text })),
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
  dueAt: z.nullable(dueInstantSchema),
  outcome: z.enum(['met', 'missed', 'no-timescale', 'withdrawn', 'skipped', 'still-running', 'missed-still-running']),
  workingDaysLate: z.optional(z.int()),
});

/** What a migration did to one duty. */
export const migratedDutySchema = z.strictObject({
  obligation: text,
  /** Its rule in the version the case ran under; absent for a duty the migration started. */
  from: z.optional(text),
  /** Its rule in the new version; absent for a duty the migration ended. */
  to: z.optional(text),
  /** kept: its due date as it was; moved: a new due date; ended: no longer owed; started: owed from the migration. */
  outcome: z.enum(['kept', 'moved', 'ended', 'started']),
  /** The rule that held for its deadline, or what a started duty counts from. */
  deadline: z.optional(z.enum([...DEADLINE_RULES, 'migration', 'anchor'])),
  dueAt: z.optional(z.strictObject({ from: z.nullable(dueInstantSchema), to: z.nullable(dueInstantSchema) })),
  /** Why it ended. */
  reason: z.optional(text),
});

const policyRef = z.strictObject({ id: text, version: text });

/** How a stage was entered. */
export const STAGE_ENTRY_HOWS = ['start', 'started-later', 'escalated', 'expedited', 'skipped'] as const;

/**
 * One entry of an escalation's history, by `type`: the union is the whole vocabulary of the history,
 * so a reader switches on `type` and gets the fields of that entry, and a stored history with an
 * entry of another shape is refused when restored. Entries are in the order things were learned;
 * `at` never goes back. Where a fact happened earlier than it was learned, the entry says when it
 * happened beside it.
 */
export const historyEntrySchema = z.discriminatedUnion('type', [
  entry('raised', {
    by: z.optional(partySchema),
    risk: riskSchema,
    startStage: z.optional(stageIdSchema),
    reason: z.optional(text),
  }),
  entry('event', { event: eventSchema }),
  entry('stage-entered', {
    stage: stageIdSchema,
    how: z.enum(STAGE_ENTRY_HOWS),
    /** When the move happened, where that is earlier than the entry (a move learned late). */
    happenedAt: z.optional(instantSchema),
    from: z.optional(stageIdSchema),
    rule: z.optional(text),
    reason: z.optional(text),
    /** The recorded risk that allowed the move, when the event gave no reason that did. */
    riskReliedOn: z.optional(z.strictObject({ risk: riskSchema, recordedIn: z.int().check(z.minimum(1)) })),
  }),
  entry('stage-ended', { stage: stageIdSchema, deadlines: z.array(stageOutcomeSchema) }),
  entry('obligation-met', {
    ...obligationRef,
    kind,
    dueAt: z.nullable(dueInstantSchema),
    /** When the fact that met it happened. */
    metAt: instantSchema,
    onTime: z.boolean(),
    how: text,
    /** For a reminder: rounds that fell due before it was met. */
    roundsMissed: z.optional(z.int().check(z.minimum(1))),
    /**
     * When a fact learned later met it on time: the entry that recorded the deadline as passed (or, where
     * none did, the one that recorded it met late or missed). That entry stays; this one corrects it.
     */
    corrects: z.optional(z.int().check(z.minimum(1))),
  }),
  entry('obligation-void', {
    obligation: z.optional(text),
    rule: text,
    kind: z.optional(kind),
    reason: text,
    citation: z.optional(text),
  }),
  entry('deadline-passed', { ...obligationRef, kind, strength, dueAt: dueInstantSchema }),
  entry('cap-breached', { ...obligationRef, kind, strength, dueAt: dueInstantSchema }),
  entry('extended', { ...obligationRef, from: isoDateSchema, to: isoDateSchema, reason: text, agreedBy: text }),
  entry('risk-changed', { from: riskSchema, to: riskSchema }),
  entry('calendar-changed', { from: caseCalendarSchema, to: caseCalendarSchema, reason: text, moved: z.array(text) }),
  entry('hand-off', { route: text, to: text }),
  /**
   * A duty's clock now starts earlier: a fact learned late started it before the fact that first did
   * (Suffolk's Stage 5 cap from a Stage 1 discussion written up after the escalation to Stage 2).
   */
  entry('started-earlier', {
    ...obligationRef,
    armedAt: instantSchema,
    /** When it had been counted from. */
    was: instantSchema,
    dueAt: z.nullable(dueInstantSchema),
    wasDueAt: z.nullable(dueInstantSchema),
  }),
  /**
   * A move learned after the case had left the stage it was made at (another writer's move, or the
   * closure, learned first though it happened later). `effect` says what it still did: nothing, where
   * the case had already made it or gone beyond ('none'), or took the case on from where it was
   * ('moved'). Either way the deadlines it met are judged at the instant it happened.
   */
  entry('move-overtaken', {
    /** The history entry of the move's event. */
    event: z.int().check(z.minimum(1)),
    /** The stage the case was at when the move happened. */
    stage: stageIdSchema,
    /** The entry, learned first, that recorded the case leaving that stage (a move or the closure). */
    by: z.int().check(z.minimum(1)),
    effect: z.enum(['none', 'moved']),
  }),
  /**
   * The case moved to another version of its policy (`migrateEscalation`): who decided it and why, the
   * two versions, the plan, the stage it maps to, and what became of each duty still running. What the
   * history says before it was done under the earlier version, and stays as it was.
   */
  entry('migrated', {
    by: z.optional(partySchema),
    reason: text,
    from: policyRef,
    to: policyRef,
    plan: migrationPlanSchema,
    stage: z.strictObject({ from: stageIdSchema, to: stageIdSchema }),
    duties: z.array(migratedDutySchema),
    /** When the new version counts working days in another division: the case's calendar before and after. */
    calendar: z.optional(z.strictObject({ from: caseCalendarSchema, to: caseCalendarSchema })),
    /** Case timescales set for rules the new version does not have, which no longer apply. */
    timescalesDropped: z.optional(z.array(text)),
  }),
  /** Written by version 0.1 only (format 1): a reminder that fell due, with how many rounds were missed. */
  entry('reminder-due', {
    ...obligationRef,
    dueAt: dueInstantSchema,
    missedOccurrences: z.int().check(z.minimum(1)),
    nextDueAt: dueInstantSchema,
  }),
  /** Written by version 0.1 only (format 1): a note a policy's machine attached to a move. */
  entry('note', { text, citation: z.optional(text) }),
]);
/** One entry of an escalation's append-only history, numbered by `seq`; its fields depend on its `type`. */
export type HistoryEntry = z.infer<typeof historyEntrySchema>;
/** The type of a history entry. */
export type HistoryEntryType = HistoryEntry['type'];
/** The history entry of one type. */
export type HistoryEntryOf<T extends HistoryEntryType> = Extract<HistoryEntry, { type: T }>;
/** What a migration did to one duty: kept, moved, ended or started, with its due instant before and after. */
export type MigratedDuty = z.infer<typeof migratedDutySchema>;
/** What happened to one deadline when its stage ended. */
export type StageOutcome = z.infer<typeof stageOutcomeSchema>;

export const escalationSchema = z.strictObject({
  format: z.literal(ESCALATION_FORMAT),
  id: text,
  policy: z.strictObject({ id: text, version: text }),
  calendar: caseCalendarSchema,
  raisedAt: instantSchema,
  raisedOn: isoDateSchema,
  raisedBy: z.optional(partySchema),
  concern: z.optional(concernSchema),
  /** The risk to the child as last recorded. */
  risk: riskSchema,
  status: z.enum(['open', 'resolved', 'withdrawn']),
  /** The machine state: a stage id, 'resolved' or 'withdrawn'. */
  state: text,
  /** The stage it is at, or was at when it closed. */
  stage: stageIdSchema,
  /** The latest instant the escalation was brought up to: when its last fact was learned, or the last sweep. */
  asOf: instantSchema,
  /** Timescales agreed case by case (SET_TIMESCALE), by obligation rule id. */
  caseTimescales: ownRecord(z.string(), isoDateSchema),
  obligations: z.array(obligationStateSchema),
  history: z.array(historyEntrySchema),
  outcome: z.optional(text),
});

/** An escalation: plain JSON. `JSON.stringify` is its storage format. */
export type Escalation = z.infer<typeof escalationSchema>;
