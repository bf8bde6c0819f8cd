import { RECORD_KINDS, RISKS, STAGE_ID } from '../policy/schema.js';
import { iso } from './instants.js';
import {
  acceptedInstantMs,
  isCalendarDate,
  isFieldValue,
  isTrimmedText as isText,
  type EscalationEvent,
} from './types.js';

// The fast path for an event a host applies. Checking it with the zod schema was about a third of
// the cost of `applyEvent`. This accepts an event only where the schema would accept it and give
// back the same content (text already trimmed, no key it does not know, none present as undefined),
// and writes it as the schema would: its keys in the schema's order, its instants in the one stored
// form. Anything else returns undefined, and the caller checks the event with the schema, which says
// exactly what is wrong. A test runs it beside the schema over generated and damaged events.

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A real date in the calendar's range (1970-01-01 to 2100-12-31), as the schema's. */
const isDate = (value: unknown): value is string => typeof value === 'string' && isCalendarDate(value);

/** `stage-` and a number without leading zeros. */
const isStageId = (value: unknown): value is string => typeof value === 'string' && STAGE_ID.test(value);

/** The instant in the stored form, or undefined when the schema would refuse it. */
function instant(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const accepted = acceptedInstantMs(value);
  return accepted === accepted ? iso(accepted) : undefined;
}

/** The number of own keys, each with a value that is not undefined; -1 when one is undefined. */
function definedKeys(value: Json): number {
  let count = 0;
  for (const key in value) {
    if (value[key] === undefined) return -1;
    count++;
  }
  return count;
}

// Each builder returns the object as the schema writes it, or undefined. `counted` adds a key when
// present, so that the total can be compared with the keys the input has.

function party(value: unknown): Json | undefined {
  if (!isObject(value)) return undefined;
  const out: Json = {};
  for (const key of ['role', 'agency', 'name', 'id']) {
    const item = value[key];
    if (item === undefined) continue;
    if (!isText(item)) return undefined;
    out[key] = item;
  }
  return definedKeys(value) === Object.keys(out).length ? out : undefined;
}

function record(value: unknown): Json | undefined {
  if (!isObject(value) || !(RECORD_KINDS as readonly unknown[]).includes(value.kind)) return undefined;
  const out: Json = { kind: value.kind };
  for (const key of ['form', 'to', 'summary', 'outcome']) {
    const item = value[key];
    if (item === undefined) continue;
    if (!isText(item)) return undefined;
    out[key] = item;
  }
  if (value.actions !== undefined) {
    if (!Array.isArray(value.actions)) return undefined;
    const actions: Json[] = [];
    for (const action of value.actions) {
      if (!isObject(action) || !isText(action.action)) return undefined;
      const item: Json = { action: action.action };
      if (action.owner !== undefined) {
        if (!isText(action.owner)) return undefined;
        item.owner = action.owner;
      }
      if (action.due !== undefined) {
        if (!isDate(action.due)) return undefined;
        item.due = action.due;
      }
      if (definedKeys(action) !== Object.keys(item).length) return undefined;
      actions.push(item);
    }
    out.actions = actions;
  }
  if (value.fields !== undefined) {
    const fields = value.fields;
    // A key named __proto__ is the schema's to refuse (copied here, it would set a prototype).
    if (!isObject(fields) || Object.getPrototypeOf(fields) !== Object.prototype || Object.hasOwn(fields, '__proto__'))
      return undefined;
    const copy: Json = {};
    for (const key of Object.keys(fields)) {
      if (!isFieldValue(fields[key])) return undefined;
      copy[key] = fields[key];
    }
    out.fields = copy;
  }
  return definedKeys(value) === Object.keys(out).length ? out : undefined;
}

/** The keys each event type has after the common ones, in the schema's order, each with its check. */
const SPECIFIC: Record<
  string,
  readonly (readonly [key: string, required: boolean, check: (value: unknown) => unknown])[]
> = {
  ESCALATE: [['reason', false, isText]],
  EXPEDITE: [
    ['to', true, isStageId],
    ['reason', false, isText],
  ],
  RECORD: [['record', true, record]],
  RESOLVE: [['outcome', true, isText]],
  WITHDRAW: [['reason', true, isText]],
  EXTEND: [
    ['obligation', true, isText],
    ['to', true, isDate],
    ['reason', true, isText],
    ['agreedBy', true, isText],
  ],
  SET_TIMESCALE: [
    ['obligation', true, isText],
    ['dueDate', true, isDate],
    ['reason', true, isText],
  ],
  RISK: [
    ['risk', true, (value) => (RISKS as readonly unknown[]).includes(value)],
    ['reason', false, isText],
  ],
  FLAG: [
    ['flag', true, isText],
    ['reason', false, isText],
  ],
  CALENDAR: [
    ['closures', false, (value) => Array.isArray(value) && value.every(isDate) && [...value]],
    ['reason', true, isText],
  ],
};

/**
 * The event as the schema would give it back, with its instants in the stored form; undefined when
 * the schema must decide (and say what is wrong).
 */
export function acceptEvent(value: unknown): EscalationEvent | undefined {
  if (!isObject(value) || typeof value.type !== 'string') return undefined;
  // Own keys only: a type named after a prototype member is the schema's to refuse.
  const specific = Object.hasOwn(SPECIFIC, value.type) ? SPECIFIC[value.type] : undefined;
  if (specific === undefined) return undefined;
  const at = instant(value.at);
  if (at === undefined) return undefined;
  const out: Json = { type: value.type, at };
  if (value.recordedAt !== undefined) {
    const recordedAt = instant(value.recordedAt);
    if (recordedAt === undefined) return undefined;
    out.recordedAt = recordedAt;
  }
  if (value.id !== undefined) {
    if (!isText(value.id)) return undefined;
    out.id = value.id;
  }
  if (value.by !== undefined) {
    const by = party(value.by);
    if (by === undefined) return undefined;
    out.by = by;
  }
  if (value.note !== undefined) {
    if (!isText(value.note)) return undefined;
    out.note = value.note;
  }
  for (const [key, required, check] of specific) {
    const item = value[key];
    if (item === undefined) {
      if (required) return undefined;
      continue;
    }
    const checked = check(item);
    if (checked === false || checked === undefined) return undefined;
    out[key] = checked === true ? item : checked;
  }
  if (definedKeys(value) !== Object.keys(out).length) return undefined;
  // Built key by key from the lists above: the compiler cannot follow it to the union, so the
  // equivalence with the schema is a test's to keep (test/escalation/fast-paths.test.ts).
  return out as EscalationEvent;
}
