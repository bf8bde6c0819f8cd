import { tryParseCanonicalInstant } from '../calendar/dates.js';
import { DIVISIONS } from '../calendar/divisions.js';
import { OBLIGATION_KINDS, RECORD_KINDS, RISKS, STAGE_ID } from '../policy/schema.js';
import { iso } from './instants.js';
import { DEADLINE_RULES } from './migrationPlan.js';
import {
  FIRST_MS,
  isCalendarDate,
  isFieldValue,
  isTrimmedText,
  LAST_DUE_MS,
  LAST_MS,
  NATURES,
  STAGE_ENTRY_HOWS,
  type Escalation,
} from './types.js';

// The fast path for reading a stored escalation. A nightly sweep reads every open case from its JSON,
// and checking each one with the zod schema costs several times the JSON.parse itself. The library
// writes escalations in one canonical form (instants as toISOString writes them, text already
// trimmed, every key in the schema's order, no key it does not know), so this checker accepts exactly
// that form, in one pass, without copying; anything else at all (a missing key, a key out of order, an
// instant with an offset, a padded string, a value of the wrong type) returns false and the caller
// checks it with the full schema, which says precisely what is wrong and gives it back in the
// canonical form. Written by hand because it is the hot path; a test runs it beside the zod schema
// over generated and damaged escalations and fails if it ever accepts what the schema refuses or
// changes.

type Check = (value: unknown) => boolean;
/** A key that may be absent. */
interface Optional {
  readonly optional: Check;
}

// The schema's range, as stored instants, which compare as text.
const FIRST = iso(FIRST_MS);
const LAST = iso(LAST_MS);
const LAST_DUE = iso(LAST_DUE_MS);

/** A plain object, as JSON.parse makes them (a Date, a Map or a class instance is left to the schema). */
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

const text: Check = isTrimmedText;
const instant: Check = (value) =>
  typeof value === 'string' && value >= FIRST && value < LAST && !Number.isNaN(tryParseCanonicalInstant(value));
const dueInstant: Check = (value) =>
  typeof value === 'string' && value >= FIRST && value < LAST_DUE && !Number.isNaN(tryParseCanonicalInstant(value));
const isoDate: Check = (value) => typeof value === 'string' && isCalendarDate(value);
const stageId: Check = (value) => typeof value === 'string' && STAGE_ID.test(value);
const bool: Check = (value) => typeof value === 'boolean';
const seqNumber: Check = (value) => Number.isSafeInteger(value) && (value as number) >= 1;
const int: Check = (value) => Number.isSafeInteger(value);
const oneOf = (values: readonly unknown[]): Check => {
  const set = new Set(values);
  return (value) => set.has(value);
};
const literal =
  (expected: unknown): Check =>
  (value) =>
    value === expected;
const nullable =
  (check: Check): Check =>
  (value) =>
    value === null || check(value);
const list =
  (check: Check): Check =>
  (value) => {
    if (!Array.isArray(value)) return false;
    for (let i = 0; i < value.length; i++) if (!check(value[i])) return false;
    if (freezing) Object.freeze(value);
    return true;
  };
const opt = (check: Check): Optional => ({ optional: check });
/**
 * A record of the host's own keys (none named `__proto__`, which the schema refuses), each value valid,
 * and each key too where the schema checks keys.
 */
const record =
  (check: Check, key?: Check): Check =>
  (value) => {
    if (!isObject(value) || Object.hasOwn(value, '__proto__')) return false;
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i++) if (!check(value[keys[i]!]) || (key && !key(keys[i]))) return false;
    if (freezing) Object.freeze(value);
    return true;
  };

/**
 * An object with exactly these keys, in this order: each required one valid, each optional one absent
 * or valid, and no other key. The keys are compared with the object's own, in order, so that a key
 * out of place, an extra key, or one present as `undefined`, sends it to the schema.
 */
function shape(spec: Record<string, Check | Optional>): Check {
  const keys = Object.keys(spec);
  const checks = keys.map((key) => {
    const entry = spec[key]!;
    return typeof entry === 'function' ? entry : entry.optional;
  });
  const optional = keys.map((key) => typeof spec[key] !== 'function');
  return (value) => {
    if (!isObject(value)) return false;
    // The object's own keys in order (for…in on a plain object, without making a list of them), each
    // matched to the next key of the spec that it can be: a required key passed over, a key unknown or
    // out of place, sends it to the schema.
    let index = 0;
    for (const key in value) {
      while (index < keys.length && keys[index] !== key) {
        if (!optional[index]) return false;
        index++;
      }
      if (index === keys.length || !checks[index]!(value[key])) return false;
      index++;
    }
    for (; index < keys.length; index++) if (!optional[index]) return false;
    if (freezing) Object.freeze(value);
    return true;
  };
}

// Set while checking an object this library owns (just parsed): each part is frozen as it passes, in
// the same walk, so the escalation comes back frozen without a second one.
let freezing = false;

// Every shape lists its keys in the order of the schema in types.ts, which is the order the engine
// writes them in.
const party = shape({ role: opt(text), agency: opt(text), name: opt(text), id: opt(text) });
const concern = shape({
  nature: opt(oneOf(NATURES)),
  agencyRaising: opt(text),
  agencyConcerned: opt(text),
  summary: opt(text),
  caseReference: opt(text),
});
const risk = oneOf(RISKS);
const fieldValue: Check = isFieldValue;
const recordShape = shape({
  kind: oneOf(RECORD_KINDS),
  form: opt(text),
  to: opt(text),
  summary: opt(text),
  outcome: opt(text),
  actions: opt(list(shape({ action: text, owner: opt(text), due: opt(isoDate) }))),
  fields: opt(record(fieldValue)),
});
const base = { at: instant, recordedAt: opt(instant), id: opt(text), by: opt(party), note: opt(text) };
const EVENTS = new Map<unknown, Check>([
  ['ESCALATE', shape({ type: literal('ESCALATE'), ...base, reason: opt(text) })],
  ['EXPEDITE', shape({ type: literal('EXPEDITE'), ...base, to: stageId, reason: opt(text) })],
  ['RECORD', shape({ type: literal('RECORD'), ...base, record: recordShape })],
  ['RESOLVE', shape({ type: literal('RESOLVE'), ...base, outcome: text })],
  ['WITHDRAW', shape({ type: literal('WITHDRAW'), ...base, reason: text })],
  ['EXTEND', shape({ type: literal('EXTEND'), ...base, obligation: text, to: isoDate, reason: text, agreedBy: text })],
  [
    'SET_TIMESCALE',
    shape({ type: literal('SET_TIMESCALE'), ...base, obligation: text, dueDate: isoDate, reason: text }),
  ],
  ['RISK', shape({ type: literal('RISK'), ...base, risk, reason: opt(text) })],
  ['FLAG', shape({ type: literal('FLAG'), ...base, flag: text, reason: opt(text) })],
  ['CALENDAR', shape({ type: literal('CALENDAR'), ...base, closures: opt(list(isoDate)), reason: text })],
]);
const byType =
  (checks: ReadonlyMap<unknown, Check>): Check =>
  (value) => {
    if (!isObject(value)) return false;
    const check = checks.get(value.type);
    return check !== undefined && check(value);
  };
const event = byType(EVENTS);

const caseCalendar = shape({
  division: oneOf(DIVISIONS),
  source: oneOf(['built-in', 'gov-uk-feed']),
  edition: text,
  closures: list(isoDate),
});
const kind = oneOf(OBLIGATION_KINDS);
const strength = oneOf(['maximum', 'guidance']);
const ref = { obligation: text, rule: text };
const stageOutcome = shape({
  ...ref,
  kind,
  strength,
  dueAt: nullable(dueInstant),
  outcome: oneOf(['met', 'missed', 'no-timescale', 'withdrawn', 'skipped', 'still-running', 'missed-still-running']),
  workingDaysLate: opt(int),
});
const policyRef = shape({ id: text, version: text });
// A migration's plan and what it did to each duty (migrationPlan.ts, types.ts): records keyed by the
// host's stage and rule ids, whose keys the schema checks as it checks the values.
const deadlineRule = oneOf(DEADLINE_RULES);
const dutyTo = shape({ to: opt(text), deadline: opt(deadlineRule) });
const dutyEnd = shape({ end: text });
const dutyPlan: Check = (value) => text(value) || dutyTo(value) || dutyEnd(value);
const migrationPlan = shape({
  stages: opt(record(stageId, stageId)),
  duties: opt(record(dutyPlan, text)),
  deadlines: opt(deadlineRule),
  start: opt(record(oneOf(['migration', 'anchor']), text)),
});
const migratedDuty = shape({
  obligation: text,
  from: opt(text),
  to: opt(text),
  outcome: oneOf(['kept', 'moved', 'ended', 'started']),
  deadline: opt(oneOf([...DEADLINE_RULES, 'migration', 'anchor'])),
  dueAt: opt(shape({ from: nullable(dueInstant), to: nullable(dueInstant) })),
  reason: opt(text),
});
const entry = (type: string, fields: Record<string, Check | Optional>) =>
  shape({ seq: seqNumber, at: instant, type: literal(type), ...fields });
const ENTRIES = new Map<unknown, Check>([
  ['raised', entry('raised', { by: opt(party), risk, startStage: opt(stageId), reason: opt(text) })],
  ['event', entry('event', { event })],
  [
    'stage-entered',
    entry('stage-entered', {
      stage: stageId,
      how: oneOf(STAGE_ENTRY_HOWS),
      happenedAt: opt(instant),
      from: opt(stageId),
      rule: opt(text),
      reason: opt(text),
      riskReliedOn: opt(shape({ risk, recordedIn: seqNumber })),
    }),
  ],
  ['stage-ended', entry('stage-ended', { stage: stageId, deadlines: list(stageOutcome) })],
  [
    'obligation-met',
    entry('obligation-met', {
      ...ref,
      kind,
      dueAt: nullable(dueInstant),
      metAt: instant,
      onTime: bool,
      how: text,
      roundsMissed: opt(seqNumber),
      corrects: opt(seqNumber),
    }),
  ],
  [
    'obligation-void',
    entry('obligation-void', { obligation: opt(text), rule: text, kind: opt(kind), reason: text, citation: opt(text) }),
  ],
  ['deadline-passed', entry('deadline-passed', { ...ref, kind, strength, dueAt: dueInstant })],
  ['cap-breached', entry('cap-breached', { ...ref, kind, strength, dueAt: dueInstant })],
  ['extended', entry('extended', { ...ref, from: isoDate, to: isoDate, reason: text, agreedBy: text })],
  ['risk-changed', entry('risk-changed', { from: risk, to: risk })],
  [
    'calendar-changed',
    entry('calendar-changed', { from: caseCalendar, to: caseCalendar, reason: text, moved: list(text) }),
  ],
  ['hand-off', entry('hand-off', { route: text, to: text })],
  [
    'started-earlier',
    entry('started-earlier', {
      ...ref,
      armedAt: instant,
      was: instant,
      dueAt: nullable(dueInstant),
      wasDueAt: nullable(dueInstant),
    }),
  ],
  [
    'move-overtaken',
    entry('move-overtaken', { event: seqNumber, stage: stageId, by: seqNumber, effect: oneOf(['none', 'moved']) }),
  ],
  [
    'migrated',
    entry('migrated', {
      by: opt(party),
      reason: text,
      from: policyRef,
      to: policyRef,
      plan: migrationPlan,
      stage: shape({ from: stageId, to: stageId }),
      duties: list(migratedDuty),
      calendar: opt(shape({ from: caseCalendar, to: caseCalendar })),
      timescalesDropped: opt(list(text)),
    }),
  ],
  [
    'reminder-due',
    entry('reminder-due', { ...ref, dueAt: dueInstant, missedOccurrences: seqNumber, nextDueAt: dueInstant }),
  ],
  ['note', entry('note', { text, citation: opt(text) })],
]);
const historyEntry = byType(ENTRIES);

// Obligations are most of a stored case: checked by a function written out for their shape, reading
// each key once in a switch (a generic checker shared by every shape is slow at each of its reads).
// Each key's place in the stored order must come after the one before it.
const obligationKind = oneOf(OBLIGATION_KINDS);
const obligationStrength = oneOf(['maximum', 'guidance']);
const obligationStatus = oneOf(['running', 'met', 'void']);
const extension = shape({ from: isoDate, reason: text, agreedBy: text });
const obligation: Check = (value) => {
  if (!isObject(value)) return false;
  let place = -1;
  let required = 0;
  for (const key in value) {
    const item = value[key];
    let at: number;
    switch (key) {
      case 'id':
        at = 0;
        if (!text(item)) return false;
        required++;
        break;
      case 'rule':
        at = 1;
        if (!text(item)) return false;
        required++;
        break;
      case 'kind':
        at = 2;
        if (!obligationKind(item)) return false;
        required++;
        break;
      case 'label':
        at = 3;
        if (!text(item)) return false;
        required++;
        break;
      case 'strength':
        at = 4;
        if (!obligationStrength(item)) return false;
        required++;
        break;
      case 'stage':
        at = 5;
        if (!stageId(item)) return false;
        break;
      case 'armedAt':
        at = 6;
        if (!instant(item)) return false;
        required++;
        break;
      case 'status':
        at = 7;
        if (!obligationStatus(item)) return false;
        required++;
        break;
      case 'dueDate':
        at = 8;
        if (!(item === null || isoDate(item))) return false;
        required++;
        break;
      case 'dueAt':
        at = 9;
        if (!(item === null || dueInstant(item))) return false;
        required++;
        break;
      case 'passedAt':
        at = 10;
        if (!instant(item)) return false;
        break;
      case 'metAt':
        at = 11;
        if (!instant(item)) return false;
        break;
      case 'occurrence':
        at = 12;
        if (!seqNumber(item)) return false;
        break;
      case 'extended':
        at = 13;
        if (!extension(item)) return false;
        break;
      case 'atImminentRisk':
        at = 14;
        if (item !== true) return false;
        break;
      default:
        return false;
    }
    if (at <= place) return false;
    place = at;
  }
  if (required !== 9) return false;
  if (freezing) Object.freeze(value);
  return true;
};

const escalation = shape({
  format: literal(2),
  id: text,
  policy: shape({ id: text, version: text }),
  calendar: caseCalendar,
  raisedAt: instant,
  raisedOn: isoDate,
  raisedBy: opt(party),
  concern: opt(concern),
  risk,
  status: oneOf(['open', 'resolved', 'withdrawn']),
  state: text,
  stage: stageId,
  asOf: instant,
  caseTimescales: record(isoDate),
  obligations: list(obligation),
  history: list(historyEntry),
  outcome: opt(text),
});

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
