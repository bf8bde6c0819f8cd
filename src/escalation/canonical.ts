import { tryParseCanonicalInstant, tryParseDate } from '../calendar/dates.js';
import { DIVISIONS } from '../calendar/divisions.js';
import { OBLIGATION_KINDS, RECORD_KINDS, RISKS } from '../policy/schema.js';
import { NATURES, STAGE_ENTRY_HOWS, type Escalation } from './types.js';

// The fast path for reading a stored escalation. A nightly sweep reads every open case from its JSON,
// and checking each one with the zod schema costs several times the JSON.parse itself. The library
// writes escalations in one canonical form (instants as toISOString writes them, text already
// trimmed, no key it does not know), so this checker accepts exactly that form, in one pass, without
// copying; anything else at all (a missing key, an instant with an offset, a padded string, a value of
// the wrong type) returns false and the caller checks it with the full schema, which says precisely
// what is wrong. Written by hand because it is the hot path; a test runs it beside the zod schema over
// generated and damaged escalations and fails if it ever accepts what the schema refuses or changes.

type Check = (value: unknown) => boolean;

const FIRST = '1970-01-01T00:00:00.000Z';
const LAST = '2100-01-01T00:00:00.000Z';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Non-empty text without white space at either end (what the schema's trimmed text gives back unchanged). */
const text: Check = (value) => {
  if (typeof value !== 'string' || value.length === 0) return false;
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  // Printable ASCII at both ends cannot be white space; anything else is asked of trim().
  return (first > 32 && first < 127 && last > 32 && last < 127) || value.trim() === value;
};
const instant: Check = (value) => typeof value === 'string' && value >= FIRST && value < LAST && !Number.isNaN(tryParseCanonicalInstant(value));
const isoDate: Check = (value) => typeof value === 'string' && tryParseDate(value) === tryParseDate(value);
const STAGE_ID = /^stage-(0|[1-9]\d*)$/;
const stageId: Check = (value) => typeof value === 'string' && STAGE_ID.test(value);
const bool: Check = (value) => typeof value === 'boolean';
const seqNumber: Check = (value) => Number.isSafeInteger(value) && (value as number) >= 1;
const int: Check = (value) => Number.isSafeInteger(value);
const oneOf = (values: readonly unknown[]): Check => {
  const set = new Set(values);
  return (value) => set.has(value);
};
const literal = (expected: unknown): Check => (value) => value === expected;
const nullable = (check: Check): Check => (value) => value === null || check(value);
const list = (check: Check): Check => (value) => {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (!check(value[i])) return false;
  if (freezing) Object.freeze(value);
  return true;
};

/**
 * An object with exactly these keys: each optional one absent or valid, and no other key (counted, so
 * that an extra key, or one present as `undefined`, sends it to the schema).
 */
function shape(required: Record<string, Check>, optional: Record<string, Check> = {}): Check {
  const requiredKeys = Object.keys(required);
  const requiredChecks = Object.values(required);
  const optionalKeys = Object.keys(optional);
  const optionalChecks = Object.values(optional);
  return (value) => {
    if (!isObject(value)) return false;
    let expected = requiredKeys.length;
    for (let i = 0; i < requiredKeys.length; i++) if (!requiredChecks[i]!(value[requiredKeys[i]!])) return false;
    for (let i = 0; i < optionalKeys.length; i++) {
      const item = value[optionalKeys[i]!];
      if (item === undefined) continue;
      if (!optionalChecks[i]!(item)) return false;
      expected++;
    }
    if (Object.keys(value).length !== expected) return false;
    if (freezing) Object.freeze(value);
    return true;
  };
}

// Set while checking an object this library owns (just parsed): each part is frozen as it passes, in
// the same walk, so the escalation comes back frozen without a second one.
let freezing = false;

const party = shape({}, { role: text, agency: text, name: text, id: text });
const concern = shape({}, { nature: oneOf(NATURES), agencyRaising: text, agencyConcerned: text, summary: text, caseReference: text });
const risk = oneOf(RISKS);
const fieldValue: Check = (value) => value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
const record = shape(
  { kind: oneOf(RECORD_KINDS) },
  {
    form: text,
    to: text,
    summary: text,
    outcome: text,
    actions: list(shape({ action: text }, { owner: text, due: isoDate })),
    fields: (value) => isObject(value) && Object.values(value).every(fieldValue) && (!freezing || Object.isFrozen(Object.freeze(value))),
  },
);
const eventId: Check = (value) => text(value);
const eventBase = { at: instant };
const eventOptional = { recordedAt: instant, id: eventId, by: party, note: text };
const EVENTS: Record<string, Check> = {
  ESCALATE: shape({ type: literal('ESCALATE'), ...eventBase }, { ...eventOptional, reason: text }),
  EXPEDITE: shape({ type: literal('EXPEDITE'), ...eventBase, to: stageId }, { ...eventOptional, reason: text }),
  RECORD: shape({ type: literal('RECORD'), ...eventBase, record }, eventOptional),
  RESOLVE: shape({ type: literal('RESOLVE'), ...eventBase, outcome: text }, eventOptional),
  WITHDRAW: shape({ type: literal('WITHDRAW'), ...eventBase, reason: text }, eventOptional),
  EXTEND: shape({ type: literal('EXTEND'), ...eventBase, obligation: text, to: isoDate, reason: text, agreedBy: text }, eventOptional),
  SET_TIMESCALE: shape({ type: literal('SET_TIMESCALE'), ...eventBase, obligation: text, dueDate: isoDate, reason: text }, eventOptional),
  RISK: shape({ type: literal('RISK'), ...eventBase, risk }, { ...eventOptional, reason: text }),
  FLAG: shape({ type: literal('FLAG'), ...eventBase, flag: text }, { ...eventOptional, reason: text }),
  CALENDAR: shape({ type: literal('CALENDAR'), ...eventBase, reason: text }, { ...eventOptional, closures: list(isoDate) }),
};
const event: Check = (value) => isObject(value) && typeof value.type === 'string' && EVENTS[value.type]?.(value) === true;

const caseCalendar = shape({ division: oneOf(DIVISIONS), source: oneOf(['built-in', 'gov-uk-feed']), edition: text, closures: list(isoDate) });
const kind = oneOf(OBLIGATION_KINDS);
const strength = oneOf(['maximum', 'guidance']);
const ref = { obligation: text, rule: text };
const stageOutcome = shape(
  { ...ref, kind, strength, dueAt: nullable(instant), outcome: oneOf(['met', 'missed', 'no-timescale', 'withdrawn', 'skipped', 'still-running', 'missed-still-running']) },
  { workingDaysLate: int },
);
const entry = (required: Record<string, Check>, optional: Record<string, Check> = {}) => shape({ seq: seqNumber, at: instant, type: text, ...required }, optional);
const ENTRIES: Record<string, Check> = {
  raised: entry({ risk }, { by: party, startStage: stageId, reason: text }),
  event: entry({ event }),
  'stage-entered': entry(
    { stage: stageId, how: oneOf(STAGE_ENTRY_HOWS) },
    { happenedAt: instant, from: stageId, rule: text, reason: text, riskReliedOn: shape({ risk, recordedIn: seqNumber }) },
  ),
  'stage-ended': entry({ stage: stageId, deadlines: list(stageOutcome) }),
  'obligation-met': entry({ ...ref, kind, dueAt: nullable(instant), metAt: instant, onTime: bool, how: text }, { roundsMissed: seqNumber, corrects: seqNumber }),
  'obligation-void': entry({ rule: text, reason: text }, { obligation: text, kind, citation: text }),
  'deadline-passed': entry({ ...ref, kind, strength, dueAt: instant }),
  'cap-breached': entry({ ...ref, kind, strength, dueAt: instant }),
  extended: entry({ ...ref, from: isoDate, to: isoDate, reason: text, agreedBy: text }),
  'risk-changed': entry({ from: risk, to: risk }),
  'calendar-changed': entry({ from: caseCalendar, to: caseCalendar, reason: text, moved: list(text) }),
  'hand-off': entry({ route: text, to: text }),
  'started-earlier': entry({ ...ref, armedAt: instant, was: instant, dueAt: nullable(instant), wasDueAt: nullable(instant) }),
  'move-overtaken': entry({ event: seqNumber, stage: stageId, by: seqNumber, effect: oneOf(['none', 'moved']) }),
  'reminder-due': entry({ ...ref, dueAt: instant, missedOccurrences: seqNumber, nextDueAt: instant }),
  note: entry({ text }, { citation: text }),
};
const historyEntry: Check = (value) => isObject(value) && typeof value.type === 'string' && ENTRIES[value.type]?.(value) === true;

const obligation = shape(
  { id: text, rule: text, kind, label: text, strength, armedAt: instant, status: oneOf(['running', 'met', 'void']), dueDate: nullable(isoDate), dueAt: nullable(instant) },
  {
    stage: stageId,
    passedAt: instant,
    metAt: instant,
    occurrence: seqNumber,
    extended: shape({ from: isoDate, reason: text, agreedBy: text }),
    atImminentRisk: literal(true),
  },
);

const escalation = shape(
  {
    format: literal(2),
    id: text,
    policy: shape({ id: text, version: text }),
    calendar: caseCalendar,
    raisedAt: instant,
    raisedOn: isoDate,
    risk,
    status: oneOf(['open', 'resolved', 'withdrawn']),
    state: text,
    stage: stageId,
    asOf: instant,
    caseTimescales: (value) => isObject(value) && Object.values(value).every(isoDate) && (!freezing || Object.isFrozen(Object.freeze(value))),
    obligations: list(obligation),
    history: list(historyEntry),
  },
  { raisedBy: party, concern, outcome: text },
);

/**
 * Whether a value is an escalation in the exact form this library writes: when true, the schema would
 * accept it and give it back unchanged, so it can be used as it is. False means nothing but "check it
 * with the schema".
 */
export function isCanonicalEscalation(value: unknown): value is Escalation {
  return escalation(value);
}

/**
 * Like `isCanonicalEscalation`, for an object the caller owns outright (it has just parsed it): when
 * true, the escalation is also deeply frozen. When false, some of it may be frozen already: check a
 * fresh copy with the schema, never this object.
 */
export function freezeIfCanonical(value: unknown): value is Escalation {
  freezing = true;
  try {
    return escalation(value);
  } finally {
    freezing = false;
  }
}
