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

const FIRST_MS = Date.UTC(1970, 0, 1);
const LAST_MS = Date.UTC(2100, 0, 1);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Non-empty text without white space at either end (what the schema's trimmed text gives back unchanged). */
const text: Check = (value) => {
  if (typeof value !== 'string' || value.length === 0) return false;
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  // Printable ASCII at both ends cannot be white space; anything else is asked of trim().
  return (first > 32 && first < 127 && last > 32 && last < 127) || value.trim() === value;
};
const instant: Check = (value) => {
  if (typeof value !== 'string') return false;
  const ms = tryParseCanonicalInstant(value);
  return ms >= FIRST_MS && ms < LAST_MS; // false for NaN
};
const isoDate: Check = (value) => {
  if (typeof value !== 'string') return false;
  const day = tryParseDate(value);
  return day === day; // not NaN
};
/** `stage-` and a number without leading zeros (the schema's /^stage-(0|[1-9]\d*)$/, without the regular expression). */
const stageId: Check = (value) => {
  if (typeof value !== 'string' || value.length < 7 || !value.startsWith('stage-')) return false;
  const first = value.charCodeAt(6);
  if (first === 48) return value.length === 7; // 'stage-0'
  for (let i = 6; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
};
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

interface Field {
  readonly check: Check;
  readonly required: boolean;
}

/**
 * An object with exactly these keys: each optional one absent or valid, and no other key (one that is
 * unknown, or present as `undefined`, sends it to the schema). Only the keys the object has are read,
 * each once: looking up keys an object does not have is the slow case of a property read.
 */
function shape(required: Record<string, Check>, optional: Record<string, Check> = {}): Check {
  const fields = new Map<string, Field>();
  for (const [key, check] of Object.entries(required)) fields.set(key, { check, required: true });
  for (const [key, check] of Object.entries(optional)) fields.set(key, { check, required: false });
  const requiredCount = Object.keys(required).length;
  return (value) => {
    if (!isObject(value)) return false;
    let found = 0;
    for (const key in value) {
      const field = fields.get(key);
      if (field === undefined || !field.check(value[key])) return false;
      if (field.required) found++;
    }
    if (found !== requiredCount) return false;
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
const recordKind = oneOf(RECORD_KINDS);
const actions = list(shape({ action: text }, { owner: text, due: isoDate }));
const fields: Check = (value) => isObject(value) && Object.values(value).every(fieldValue) && (!freezing || Object.isFrozen(Object.freeze(value)));
const record: Check = (value) => {
  if (!isObject(value) || !recordKind(value.kind)) return false;
  const optional = opt(value.form, text) + opt(value.to, text) + opt(value.summary, text) + opt(value.outcome, text) + opt(value.actions, actions) + opt(value.fields, fields);
  return done(value, 1 + optional);
};
// The objects an escalation has many of (events, history entries, obligations) are checked by
// functions written out for each shape, reading each key by name: one generic checker for every
// shape sees every shape at each of its property reads and calls, which makes them all slow. `opt`
// counts an optional key: 0 when absent, 1 when valid, NaN (which fails the key count) when not.
const opt = (value: unknown, check: Check): number => (value === undefined ? 0 : check(value) ? 1 : NaN);

/** The number of keys of an object, without making a list of them. */
function keyCount(value: object): number {
  let count = 0;
  for (const key in value) if (key !== undefined) count++;
  return count;
}

/** The keys every event has, and the optional ones every event may have, counted. */
function eventBase(value: Record<string, unknown>): number {
  if (!instant(value.at)) return NaN;
  return 2 + opt(value.recordedAt, instant) + opt(value.id, text) + opt(value.by, party) + opt(value.note, text);
}

const event: Check = (value) => {
  if (!isObject(value)) return false;
  let count = eventBase(value);
  switch (value.type) {
    case 'ESCALATE':
      count += opt(value.reason, text);
      break;
    case 'EXPEDITE':
      count += stageId(value.to) ? 1 + opt(value.reason, text) : NaN;
      break;
    case 'RECORD':
      count += record(value.record) ? 1 : NaN;
      break;
    case 'RESOLVE':
      count += text(value.outcome) ? 1 : NaN;
      break;
    case 'WITHDRAW':
      count += text(value.reason) ? 1 : NaN;
      break;
    case 'EXTEND':
      count += text(value.obligation) && isoDate(value.to) && text(value.reason) && text(value.agreedBy) ? 4 : NaN;
      break;
    case 'SET_TIMESCALE':
      count += text(value.obligation) && isoDate(value.dueDate) && text(value.reason) ? 3 : NaN;
      break;
    case 'RISK':
      count += risk(value.risk) ? 1 + opt(value.reason, text) : NaN;
      break;
    case 'FLAG':
      count += text(value.flag) ? 1 + opt(value.reason, text) : NaN;
      break;
    case 'CALENDAR':
      count += text(value.reason) ? 1 + opt(value.closures, list(isoDate)) : NaN;
      break;
    default:
      return false;
  }
  return done(value, count);
};

/** Whether an object has exactly the keys counted (NaN never matches), frozen as it passes when freezing. */
function done(value: Record<string, unknown>, count: number): boolean {
  if (keyCount(value) !== count) return false;
  if (freezing) Object.freeze(value);
  return true;
}

const caseCalendar = shape({ division: oneOf(DIVISIONS), source: oneOf(['built-in', 'gov-uk-feed']), edition: text, closures: list(isoDate) });
const kind = oneOf(OBLIGATION_KINDS);
const strength = oneOf(['maximum', 'guidance']);
const outcome = oneOf(['met', 'missed', 'no-timescale', 'withdrawn', 'skipped', 'still-running', 'missed-still-running']);
const stageOutcome: Check = (value) =>
  isObject(value) &&
  text(value.obligation) &&
  text(value.rule) &&
  kind(value.kind) &&
  strength(value.strength) &&
  (value.dueAt === null || instant(value.dueAt)) &&
  outcome(value.outcome) &&
  done(value, 6 + opt(value.workingDaysLate, int));
const stageOutcomes = list(stageOutcome);
const how = oneOf(STAGE_ENTRY_HOWS);
const riskReliedOn = shape({ risk, recordedIn: seqNumber });
const calendars = list(text);
const overtakenEffect = oneOf(['none', 'moved']);

/** The keys of a history entry of each type beyond seq, at and type, counted; NaN when one is wrong. */
function entryKeys(value: Record<string, unknown>): number {
  switch (value.type) {
    case 'raised':
      return risk(value.risk) ? 1 + opt(value.by, party) + opt(value.startStage, stageId) + opt(value.reason, text) : NaN;
    case 'event':
      return event(value.event) ? 1 : NaN;
    case 'stage-entered':
      if (!stageId(value.stage) || !how(value.how)) return NaN;
      return 2 + opt(value.happenedAt, instant) + opt(value.from, stageId) + opt(value.rule, text) + opt(value.reason, text) + opt(value.riskReliedOn, riskReliedOn);
    case 'stage-ended':
      return stageId(value.stage) && stageOutcomes(value.deadlines) ? 2 : NaN;
    case 'obligation-met':
      if (!text(value.obligation) || !text(value.rule) || !kind(value.kind) || !(value.dueAt === null || instant(value.dueAt))) return NaN;
      if (!instant(value.metAt) || !bool(value.onTime) || !text(value.how)) return NaN;
      return 7 + opt(value.roundsMissed, seqNumber) + opt(value.corrects, seqNumber);
    case 'obligation-void':
      return text(value.rule) && text(value.reason) ? 2 + opt(value.obligation, text) + opt(value.kind, kind) + opt(value.citation, text) : NaN;
    case 'deadline-passed':
    case 'cap-breached':
      return text(value.obligation) && text(value.rule) && kind(value.kind) && strength(value.strength) && instant(value.dueAt) ? 5 : NaN;
    case 'extended':
      return text(value.obligation) && text(value.rule) && isoDate(value.from) && isoDate(value.to) && text(value.reason) && text(value.agreedBy) ? 6 : NaN;
    case 'risk-changed':
      return risk(value.from) && risk(value.to) ? 2 : NaN;
    case 'calendar-changed':
      return caseCalendar(value.from) && caseCalendar(value.to) && text(value.reason) && calendars(value.moved) ? 4 : NaN;
    case 'hand-off':
      return text(value.route) && text(value.to) ? 2 : NaN;
    case 'started-earlier':
      if (!text(value.obligation) || !text(value.rule) || !instant(value.armedAt) || !instant(value.was)) return NaN;
      return (value.dueAt === null || instant(value.dueAt)) && (value.wasDueAt === null || instant(value.wasDueAt)) ? 6 : NaN;
    case 'move-overtaken':
      return seqNumber(value.event) && stageId(value.stage) && seqNumber(value.by) && overtakenEffect(value.effect) ? 4 : NaN;
    case 'reminder-due':
      return text(value.obligation) && text(value.rule) && instant(value.dueAt) && seqNumber(value.missedOccurrences) && instant(value.nextDueAt) ? 5 : NaN;
    case 'note':
      return text(value.text) ? 1 + opt(value.citation, text) : NaN;
    default:
      return NaN;
  }
}

const historyEntry: Check = (value) => isObject(value) && seqNumber(value.seq) && instant(value.at) && done(value, 3 + entryKeys(value));

const status = oneOf(['running', 'met', 'void']);
const extended = shape({ from: isoDate, reason: text, agreedBy: text });
const imminent = literal(true);
const obligation: Check = (value) => {
  if (!isObject(value)) return false;
  let required = 0;
  for (const key in value) {
    const item = value[key];
    switch (key) {
      case 'id':
      case 'rule':
      case 'label':
        if (!text(item)) return false;
        required++;
        break;
      case 'kind':
        if (!kind(item)) return false;
        required++;
        break;
      case 'strength':
        if (!strength(item)) return false;
        required++;
        break;
      case 'armedAt':
        if (!instant(item)) return false;
        required++;
        break;
      case 'status':
        if (!status(item)) return false;
        required++;
        break;
      case 'dueDate':
        if (!(item === null || isoDate(item))) return false;
        required++;
        break;
      case 'dueAt':
        if (!(item === null || instant(item))) return false;
        required++;
        break;
      case 'stage':
        if (!stageId(item)) return false;
        break;
      case 'passedAt':
      case 'metAt':
        if (!instant(item)) return false;
        break;
      case 'occurrence':
        if (!seqNumber(item)) return false;
        break;
      case 'extended':
        if (!extended(item)) return false;
        break;
      case 'atImminentRisk':
        if (item !== true) return false;
        break;
      default:
        return false;
    }
  }
  if (required !== 9) return false;
  if (freezing) Object.freeze(value);
  return true;
};

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
