// The fuzzers: fast-check properties over event sequences, policies changed at random within the
// schema, damaged snapshots and calendar calls. The same properties run in `npm test` (fixed seeds, a
// few thousand cases: fuzz.test.ts) and in `npm run fuzz` (a seed from the command line or the
// clock, 100,000 cases and more: scripts/fuzz.mjs). Each case records what it finds instead of
// stopping, so that a run says how many cases broke which promise:
// - `uncoded`: something thrown that is not one of the library's coded errors;
// - `budget`: a call that wrote more history entries than any call can (the sign of a loop);
// - `history`: history not numbered from 1 without a gap, or not in time order;
// - `anchor`: a deadline before the moment its clock started;
// - `round-trip`: JSON.stringify of restoreEscalation(its JSON) is not its JSON, byte for byte, or
//   its JSON is not in the one stored form the fast path reads (canonical.ts);
// - `refusal`: a damaged snapshot neither refused with INVALID_SNAPSHOT (or another code for a
//   snapshot) nor readable and usable.
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import * as lib from '../../src/index.js';
import { isCanonicalEscalation } from '../../src/escalation/canonical.js';
import {
  CalendarError,
  EscalationError,
  PolicyError,
  type Escalation,
  type EscalationEvent,
  type MigrationPlan,
  type Policy,
  type PolicyDefinition,
} from '../../src/index.js';
import { RECORD_KINDS } from '../../src/policy/schema.js';
import { arbitraries } from '../../src/testing/index.js';
import { fixtures } from '../fixtures/policies.js';

export type Finding = 'uncoded' | 'budget' | 'history' | 'anchor' | 'round-trip' | 'refusal';

/** What a run found: cases run, and the first example of each kind of finding. */
export interface Findings {
  cases: number;
  calls: number;
  counts: Record<Finding, number>;
  examples: Partial<Record<Finding, string>>;
}

export const newFindings = (): Findings => ({
  cases: 0,
  calls: 0,
  counts: { uncoded: 0, budget: 0, history: 0, anchor: 0, 'round-trip': 0, refusal: 0 },
  examples: {},
});

/** The most history entries one call may write: every obligation passing, a stage left and entered, with room to spare. */
export const STEP_BUDGET = 400;

const coded = (error: unknown) =>
  error instanceof EscalationError || error instanceof CalendarError || error instanceof PolicyError;

function note(findings: Findings, kind: Finding, detail: () => string): void {
  findings.counts[kind]++;
  findings.examples[kind] ??= detail().slice(0, 2000);
}

/** Runs a library call: its result, or undefined when it was refused with a code; anything else is noted. */
function call<T>(findings: Findings, what: () => string, fn: () => T): T | undefined {
  findings.calls++;
  try {
    return fn();
  } catch (error) {
    if (coded(error)) return undefined;
    note(
      findings,
      'uncoded',
      () =>
        `${what()}: ${error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error)}`,
    );
    return undefined;
  }
}

/** The promises every escalation the engine returns keeps. */
function checkEscalation(
  findings: Findings,
  policy: Policy,
  e: Escalation,
  before: Escalation | undefined,
  what: () => string,
  options: lib.EngineOptions,
): void {
  const history = e.history;
  if (before !== undefined && history.length - before.history.length > STEP_BUDGET)
    note(findings, 'budget', () => `${what()}: ${history.length - before.history.length} entries in one call`);
  for (let i = 0; i < history.length; i++) {
    if (history[i]!.seq !== i + 1 || (i > 0 && history[i]!.at < history[i - 1]!.at)) {
      note(findings, 'history', () => `${what()}: history[${i}] ${JSON.stringify(history[i])}`);
      break;
    }
  }
  for (const o of e.obligations) {
    if (o.dueAt !== null && o.dueAt < o.armedAt)
      note(findings, 'anchor', () => `${what()}: ${o.id} due ${o.dueAt}, armed ${o.armedAt}`);
  }
  const text = JSON.stringify(e);
  const restored = call(
    findings,
    () => `${what()}: restoring its JSON`,
    () => lib.restoreEscalation(policy, text, options),
  );
  if (!restored || JSON.stringify(restored) !== text)
    note(findings, 'round-trip', () => `${what()}: ${restored ? 'other text' : 'refused'}: ${text}`);
  else if (!isCanonicalEscalation(JSON.parse(text)))
    note(findings, 'round-trip', () => `${what()}: off the fast path (not in the stored form): ${text}`);
}

// --- Event sequences --------------------------------------------------------------------------------

const POLICIES: readonly Policy[] = [...Object.values(lib.policies), ...Object.values(fixtures)];
const DAY = 86_400_000;
const FIRST = Date.UTC(1970, 0, 1);
const LAST = Date.UTC(2100, 0, 1);

/** Junk to put in an event's fields: prototype names, other types, out-of-range values. */
const junk = fc.constantFrom<unknown>(
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '',
  ' ',
  null,
  0,
  -1,
  Number.NaN,
  1e308,
  [],
  {},
  '9999-12-31',
  '1969-12-31',
  '2100-12-31',
  '2099-12-31T23:59:59.999Z',
  '2025-01-06T10:00:00+14:00',
);

/** Events the auditor's arbitrary does not make: case timescales, calendar changes, extensions to nearby dates. */
function extraEvent(policy: Policy) {
  const rules = policy.obligations.map((o) => o.id);
  const near = fc.integer({ min: -20, max: 60 });
  return fc.oneof(
    fc.record({
      type: fc.constant('SET_TIMESCALE'),
      obligation: fc.constantFrom(...rules, 'no-such'),
      days: near,
      reason: fc.constant('Agreed for this child'),
    }),
    fc.record({
      type: fc.constant('EXTEND'),
      obligation: fc.constantFrom(...rules),
      days: near,
      reason: fc.constant('Agreed'),
      agreedBy: fc.constant('Both managers'),
    }),
    fc.record({
      type: fc.constant('CALENDAR'),
      closureDays: fc.array(near, { maxLength: 4 }),
      reason: fc.constant('Office closed'),
    }),
  );
}

/** An event sequence for a policy, sometimes moved to the edges of the calendar, with fields sometimes replaced by junk. */
function sequenceFor(policy: Policy) {
  return fc
    .record({
      sequence: arbitraries.eventSequence(policy, { maxEvents: 14 }),
      // Moved (the whole sequence, in order) to 1970 or to the end of 2099, or left in 2012–2028.
      shift: fc.oneof(
        { arbitrary: fc.constant(0), weight: 6 },
        { arbitrary: fc.constantFrom('start', 'end'), weight: 1 },
      ),
      extras: fc.array(fc.tuple(fc.nat(), extraEvent(policy)), { maxLength: 3 }),
      damage: fc.option(
        fc.array(
          fc.record({
            event: fc.nat(),
            key: fc.constantFrom('type', 'to', 'flag', 'obligation', 'reason', 'at', 'id', 'risk', 'dueDate', 'record'),
            value: junk,
          }),
          { minLength: 1, maxLength: 2 },
        ),
        { nil: [], freq: 3 },
      ),
      closures: fc.option(fc.array(arbitraries.date(), { maxLength: 6 }), { nil: undefined, freq: 4 }),
      // Ids unique to each event mostly, so that events are not refused as duplicates; sometimes the arbitrary's own, repeated.
      uniqueIds: fc.boolean(),
      keepStartStage: fc.nat({ max: 2 }),
    })
    .map(({ sequence, shift, extras, damage, closures, uniqueIds, keepStartStage }) => {
      const times = [sequence.start.raisedAt, ...sequence.events.map((e) => e.at), sequence.now].map((t) =>
        Date.parse(t),
      );
      const by =
        shift === 'start'
          ? FIRST + DAY - Math.min(...times)
          : shift === 'end'
            ? LAST - 40 * DAY - Math.min(...times)
            : 0;
      const move = (t: string) => new Date(Date.parse(t) + by).toISOString();
      const events = sequence.events.map((e, i) => {
        const { id, ...rest } = e;
        return {
          ...rest,
          at: move(e.at),
          ...(e.recordedAt ? { recordedAt: move(e.recordedAt) } : {}),
          ...(uniqueIds ? { id: `event-${i}` } : id ? { id } : {}),
        } as Record<string, unknown>;
      });
      for (const [where, extra] of extras) {
        const at = events.length ? (events[where % events.length]!.at as string) : move(sequence.start.raisedAt);
        const day = (offset: number) => new Date(Date.parse(at) + offset * DAY).toISOString().slice(0, 10);
        const { days, closureDays, ...rest } = extra as Record<string, unknown> & {
          days?: number;
          closureDays?: number[];
        };
        const event: Record<string, unknown> = { ...rest, at };
        if (extra.type === 'SET_TIMESCALE') event.dueDate = day(days!);
        if (extra.type === 'EXTEND') event.to = day(days!);
        if (extra.type === 'CALENDAR') event.closures = closureDays!.map(day);
        events.splice((where % (events.length + 1)) + 1, 0, event);
      }
      for (const d of damage) if (events.length) events[d.event % events.length]![d.key] = d.value;
      const { startStage, ...start } = sequence.start;
      return {
        start: {
          ...start,
          ...(startStage && keepStartStage === 0 ? { startStage } : {}),
          raisedAt: move(sequence.start.raisedAt),
        },
        events: events as unknown as EscalationEvent[],
        now: new Date(Math.min(Date.parse(sequence.now) + by, LAST - 1)).toISOString(),
        closures: closures && shift === 0 ? closures : undefined,
      };
    });
}

/** A policy, a start, events in the order a host learns them, a moment to ask about, and closure days perhaps. */
export interface EventRun {
  readonly policy: Policy;
  readonly start: lib.StartInput;
  readonly events: readonly EscalationEvent[];
  readonly now: string;
  readonly closures: string[] | undefined;
}

export const eventsArbitrary: fc.Arbitrary<EventRun> = fc
  .constantFrom(...POLICIES)
  .chain((policy) => sequenceFor(policy).map((run) => ({ policy, ...run })));

/** One event sequence, played through the engine as a host would, every promise checked after every call. */
export function playEvents(findings: Findings, input: EventRun): void {
  findings.cases++;
  const { policy, start, events, now, closures } = input;
  const options: lib.EngineOptions = closures ? { calendar: lib.ukCalendar(policy.division, { closures }) } : {};
  const what = (step: string) => () => `${policy.id} ${step} of ${JSON.stringify({ start, events, now, closures })}`;
  let e = call(findings, what('start'), () => lib.startEscalation(policy, start, options));
  if (!e) return;
  checkEscalation(findings, policy, e, undefined, what('start'), options);
  for (let i = 0; i < events.length; i++) {
    const next = call(findings, what(`event ${i}`), () => lib.applyEvent(policy, e!, events[i]!, options));
    if (!next) continue;
    checkEscalation(findings, policy, next, e, what(`event ${i}`), options);
    e = next;
  }
  call(findings, what('getStatus'), () => lib.getStatus(policy, e!, now, options));
  call(findings, what('nextTimer'), () => lib.nextTimer(policy, e!, now, options));
  call(findings, what('renderTimeline'), () => lib.renderTimeline(policy, e!, now, options));
  const swept = call(findings, what('advanceTo'), () => lib.advanceTo(policy, e!, now, options));
  if (swept) checkEscalation(findings, policy, swept, e, what('advanceTo'), options);
}

// --- Policies changed at random, within the schema ---------------------------------------------------

const UNITS = ['working-days', 'working-weeks', 'calendar-days', 'hours'] as const;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One change to a policy definition: the kind of change, where, and a value. */
const mutation = fc.record({
  kind: fc.nat({ max: 13 }),
  pick: fc.nat(),
  other: fc.nat(),
  value: fc.oneof(
    fc.integer({ min: 0, max: 260 }),
    fc.double({ min: 0, max: 9000, noNaN: true }),
    fc.constantFrom(0, 1, 250, 251, 365, 8760, 8761, 0.25, 1e-9),
  ),
});

function mutate(definition: Json, change: { kind: number; pick: number; other: number; value: number }): void {
  const obligations = definition.obligations as Json[];
  const stages = (definition.stages as Json[]).map((s) => s.id as string);
  const rule = obligations.length ? obligations[change.pick % obligations.length]! : undefined;
  const stage = stages[change.other % stages.length]!;
  const unit = UNITS[change.other % UNITS.length]!;
  switch (change.kind) {
    case 0:
      if (rule) rule.limit = { value: change.value, unit };
      break;
    case 1:
      if (rule)
        rule.limit = {
          whicheverIsLess: [{ value: change.value, unit }, { perCase: 'a timescale that protects the child' }],
        };
      break;
    case 2:
      if (rule)
        ((rule.kind = 'reminder'),
          (rule.every = { value: change.value, unit }),
          (rule.limit ??= { value: 1, unit: 'working-days' }));
      break;
    case 3:
      if (rule) rule.anchor = { on: 'stage-entered', stages: [stage], ...(change.value % 2 ? { once: true } : {}) };
      break;
    case 4:
      if (rule) rule.anchor = { firstOf: [{ on: 'raised' }, { on: 'stage-entered', stages: [stage] }] };
      break;
    case 5:
      if (rule)
        rule.meet =
          change.value % 3 === 0
            ? { by: 'resolution' }
            : change.value % 3 === 1
              ? { by: 'stage-reached', stages: [stage], orResolution: true }
              : { by: 'record', kind: ['discussion', 'note'], orEarlier: true };
      break;
    case 6:
      if (rule)
        rule.imminentRisk =
          change.value % 3 === 0
            ? { onlyThen: true }
            : change.value % 3 === 1
              ? { notApplicable: true }
              : { limit: { value: change.value, unit: 'hours' } };
      break;
    case 7:
      if (rule) rule.strength = rule.strength === 'maximum' ? 'guidance' : 'maximum';
      break;
    case 8:
      // A prototype name as an id, everywhere the id is used.
      if (rule) {
        const name = ['constructor', 'hasownproperty', 'tostring', 'valueof'][change.other % 4]!;
        const text = JSON.stringify(definition).replaceAll(`"${rule.id as string}"`, `"${name}"`);
        Object.assign(definition, JSON.parse(text));
      }
      break;
    case 9:
      definition.movement = [
        ...(definition.movement as Json[]),
        {
          id: `m${change.pick % 100}`,
          kind: 'expedite',
          to: [stage],
          requires: change.value % 2 ? 'imminent-risk' : 'none',
          quote: 'a quote long enough to pass',
          citation: { ref: 'x' },
        },
      ];
      break;
    case 10:
      definition.division = lib.DIVISIONS[change.other % 3];
      break;
    case 11:
      if (rule) rule.survivesWithdrawal = change.value % 2 === 0;
      break;
    case 12:
      if (rule && obligations.length > 1) obligations.splice(obligations.indexOf(rule), 1);
      break;
    case 13:
      if (rule) rule.anchor = { on: 'concluded' };
      break;
  }
}

export const policiesArbitrary = fc.record({
  base: fc.constantFrom(...POLICIES),
  changes: fc.array(mutation, { minLength: 1, maxLength: 4 }),
  seed: fc.nat(),
});

/** A policy changed at random: refused by definePolicy with a code, or accepted and then run like any other. */
export function playPolicy(
  findings: Findings,
  input: { base: Policy; changes: { kind: number; pick: number; other: number; value: number }[]; seed: number },
): { accepted: boolean } {
  const definition = JSON.parse(JSON.stringify(input.base)) as Json;
  definition.version = `fuzz ${input.seed}`;
  for (const change of input.changes) mutate(definition, change);
  const policy = call(
    findings,
    () => `definePolicy ${JSON.stringify(definition)}`,
    () => lib.definePolicy(definition as never),
  );
  call(
    findings,
    () => `lintPolicy ${JSON.stringify(definition)}`,
    () => lib.lintPolicy(definition),
  );
  findings.cases++;
  if (!policy) return { accepted: false };
  const [run] = fc.sample(sequenceFor(policy), { numRuns: 1, seed: input.seed });
  findings.cases--; // playEvents counts the case
  playEvents(findings, { policy, ...run! });
  return { accepted: true };
}

// --- Damaged snapshots ------------------------------------------------------------------------------

/** Every path in a JSON value. */
function paths(value: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(path);
  if (typeof value === 'object' && value !== null)
    for (const [key, child] of Object.entries(value))
      paths(child, [...path, Array.isArray(value) ? Number(key) : key], out);
  return out;
}

const DAMAGES = [
  'drop',
  'type',
  'prototype-name',
  'offset',
  'shift',
  'duplicate',
  'remove',
  'swap',
  'number',
  'huge',
  'key',
] as const;

function damage(root: Json, path: (string | number)[], how: (typeof DAMAGES)[number], n: number): void {
  if (path.length === 0) return;
  const parent = path.slice(0, -1).reduce<any>((v, k) => v[k], root); // eslint-disable-line @typescript-eslint/no-explicit-any
  const key = path.at(-1)!;
  const value = parent[key];
  switch (how) {
    case 'drop':
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      break;
    case 'type':
      parent[key] = [null, 0, '', [], {}, true, 'x'][n % 7];
      break;
    case 'prototype-name':
      parent[key] = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'][n % 4];
      break;
    case 'offset':
      if (typeof value === 'string' && /T.*Z$/.test(value) && !Number.isNaN(Date.parse(value)))
        parent[key] = new Date(Date.parse(value)).toISOString().replace('Z', '+00:00');
      break;
    case 'shift':
      if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
        const shifted = new Date(Date.parse(value) + ((n % 2 ? 1 : -1) * (1 + (n % 400)) * DAY) / (n % 3 ? 1 : 24));
        if (!Number.isNaN(shifted.getTime()))
          parent[key] = /T/.test(value) ? shifted.toISOString() : shifted.toISOString().slice(0, 10);
      }
      break;
    case 'duplicate':
      if (Array.isArray(parent)) parent.splice(Number(key), 0, JSON.parse(JSON.stringify(value)));
      break;
    case 'remove':
      if (Array.isArray(value) && value.length) value.splice(n % value.length, 1);
      break;
    case 'swap':
      if (Array.isArray(value) && value.length > 1) {
        const i = n % value.length;
        const j = (i + 1) % value.length;
        [value[i], value[j]] = [value[j], value[i]];
      }
      break;
    case 'number':
      if (typeof value === 'number') parent[key] = value + [1, -1, 1000, -1000][n % 4]!;
      break;
    case 'huge':
      parent[key] = typeof value === 'string' ? value.repeat(1000) : 1e21;
      break;
    case 'key':
      if (typeof value === 'object' && value !== null && !Array.isArray(value))
        value[['__proto__', 'extra', 'constructor'][n % 3]!] = 'x';
      break;
  }
}

export const snapshotsArbitrary = fc.record({
  run: eventsArbitrary,
  damages: fc.array(fc.record({ pick: fc.nat(), how: fc.constantFrom(...DAMAGES), n: fc.nat() }), {
    minLength: 1,
    maxLength: 3,
  }),
  asText: fc.boolean(),
});

/** A real escalation damaged: refused with a code for a snapshot, or read and then usable, keeping every promise. */
export function playSnapshot(
  findings: Findings,
  input: { run: EventRun; damages: { pick: number; how: (typeof DAMAGES)[number]; n: number }[]; asText: boolean },
): { refused: boolean } {
  findings.cases++;
  const { policy, start, events, now, closures } = input.run;
  const options: lib.EngineOptions = closures ? { calendar: lib.ukCalendar(policy.division, { closures }) } : {};
  let e: Escalation | undefined;
  try {
    e = lib.startEscalation(policy, start, options);
    for (const event of events) {
      try {
        e = lib.applyEvent(policy, e, event, options);
      } catch (error) {
        if (!coded(error)) throw error;
      }
    }
  } catch (error) {
    if (!coded(error)) note(findings, 'uncoded', () => `building a snapshot: ${String(error)}`);
    return { refused: true };
  }
  const damaged = JSON.parse(JSON.stringify(e)) as Json;
  for (const d of input.damages) {
    const all = paths(damaged);
    damage(damaged, all[d.pick % all.length]!, d.how, d.n);
  }
  const what = () => `${policy.id}: ${JSON.stringify(input.damages)} of ${JSON.stringify(e)}`;
  let restored: Escalation;
  try {
    restored = lib.restoreEscalation(policy, input.asText ? JSON.stringify(damaged) : damaged, options);
  } catch (error) {
    if (!coded(error)) note(findings, 'uncoded', () => `${what()}: ${String(error)}`);
    else if (
      !(error instanceof EscalationError) ||
      !['INVALID_SNAPSHOT', 'POLICY_MISMATCH', 'CALENDAR_MISMATCH', 'CALENDAR_REQUIRED', 'INVALID_CALENDAR'].includes(
        error.code,
      )
    ) {
      note(findings, 'refusal', () => `${what()}: refused with ${(error as { code: string }).code}`);
    }
    return { refused: true };
  }
  checkEscalation(findings, policy, restored, undefined, what, options);
  const later = new Date(Math.min(Math.max(Date.parse(now), Date.parse(restored.asOf)) + DAY, LAST - 1)).toISOString();
  call(findings, what, () => lib.getStatus(policy, restored, later, options));
  call(findings, what, () => lib.nextDueAt(restored));
  call(findings, what, () => lib.overdueSince(restored));
  const swept = call(findings, what, () => lib.advanceTo(policy, restored, later, options));
  if (swept) checkEscalation(findings, policy, swept, restored, what, options);
  for (const event of [
    { type: 'ESCALATE', at: later },
    { type: 'RECORD', at: later, record: { kind: 'discussion' } },
    { type: 'RESOLVE', at: later, outcome: 'Agreed' },
  ] as EscalationEvent[]) {
    const next = call(findings, what, () => lib.applyEvent(policy, restored, event, options));
    if (next) checkEscalation(findings, policy, next, restored, what, options);
  }
  call(findings, what, () => lib.summarise([damaged, restored], { from: '1970-01-01', to: '2100-12-31', now: later }));
  call(findings, what, () => lib.trackerCsv([damaged, restored], { now: later }));
  return { refused: false };
}

// --- Calendar calls ---------------------------------------------------------------------------------

const anyDate = fc.oneof(
  arbitraries.date(),
  fc.integer({ min: -800_000, max: 3_000_000 }).map((d) => new Date(d * DAY).toISOString().slice(0, 10)),
  fc.constantFrom(
    '1970-01-01',
    '2100-12-31',
    '1969-12-31',
    '2101-01-01',
    '2024-02-29',
    '2023-02-29',
    '2025-13-01',
    '',
    'x',
    '__proto__',
  ),
);
const anyInstant = fc.oneof(
  arbitraries.londonInstant(),
  fc.integer({ min: -8.64e15, max: 8.64e15 }).map((t) => new Date(t).toISOString()),
  fc.constantFrom(
    '1970-01-01T00:00:00Z',
    '2099-12-31T23:59:59.999Z',
    '2100-01-01T00:00:00Z',
    '1969-12-31T23:00:00Z',
    '2025-03-30T01:00:00+01:00',
    'soon',
    '',
  ),
);
const anyCount = fc.oneof(
  fc.integer({ min: -300, max: 300 }),
  fc.constantFrom(0, 1e9, -1e9, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER),
);

export const calendarArbitrary = fc.record({
  division: fc.constantFrom(...lib.DIVISIONS, 'wales'),
  closures: fc.option(fc.array(anyDate, { maxLength: 4 }), { nil: undefined }),
  date: anyDate,
  other: anyDate,
  count: anyCount,
  instant: anyInstant,
  year: fc.oneof(fc.integer({ min: 1960, max: 2110 }), fc.constantFrom(2025.5, Number.NaN)),
});

/** Calendar calls with any dates, counts and instants: an answer that holds together, or a CalendarError. */
export function playCalendar(
  findings: Findings,
  input: {
    division: string;
    closures: string[] | undefined;
    date: string;
    other: string;
    count: number;
    instant: string;
    year: number;
  },
): void {
  findings.cases++;
  const what = () => JSON.stringify(input);
  const calendar = call(findings, what, () =>
    lib.ukCalendar(input.division as never, input.closures ? { closures: input.closures } : undefined),
  );
  if (calendar) {
    const added = call(findings, what, () => calendar.addWorkingDays(input.date, input.count));
    if (added !== undefined && input.count > 0 && calendar.workingDaysBetween(input.date, added) !== input.count)
      note(findings, 'uncoded', () => `${what()}: addWorkingDays and workingDaysBetween disagree`);
    call(findings, what, () => calendar.isWorkingDay(input.date));
    call(findings, what, () => calendar.workingDaysBetween(input.date, input.other));
    call(findings, what, () => calendar.nextWorkingDay(input.date));
    call(findings, what, () => calendar.bankHolidays(input.year));
    call(findings, what, () => lib.sweepHorizon(input.instant, { workingDays: Math.abs(input.count), calendar }));
  }
  const day = call(findings, what, () => lib.londonDate(input.instant));
  const end = call(findings, what, () => lib.endOfLondonDay(input.date));
  if (end !== undefined && lib.londonDate(end) !== input.date)
    note(findings, 'uncoded', () => `${what()}: londonDate(endOfLondonDay(d)) is not d`);
  if (day !== undefined && !lib.isIsoDate(day)) note(findings, 'uncoded', () => `${what()}: londonDate gave ${day}`);
}

// --- Migrations ------------------------------------------------------------------------------------

/** A policy, a later version of it, and the plan that carries its cases over, given the rule for deadlines. */
interface Revision {
  readonly from: Policy;
  readonly to: Policy;
  readonly plan: (deadlines: lib.DeadlineRule) => MigrationPlan;
}

/**
 * The revised versions of the five policies (test/fixtures/versions, read from the working directory,
 * which `npm test` and `npm run fuzz` both run in), with the plans the migration tests use: a stage
 * merged into another (Somerset), a duty ended (Derby and Derbyshire). And a version of Riverside with
 * a duty renamed and every limit halved, so that a duty keeps its id under another rule and dates move.
 */
function revisions(): Revision[] {
  const load = (file: string) => {
    const where = path.join('test', 'fixtures', 'versions', file);
    return lib.loadPolicy(fs.readFileSync(where, 'utf8'), { file: where });
  };
  const plain = (deadlines: lib.DeadlineRule): MigrationPlan => ({ deadlines });
  const riverside = fixtures.riverside;
  const renamed = JSON.parse(JSON.stringify(riverside)) as PolicyDefinition & { obligations: Json[] };
  renamed.version = 'renamed and shorter';
  renamed.obligations = renamed.obligations.map((o) => ({
    ...o,
    ...(o.id === 'stage-2-resolution' ? { id: 'stage-2-resolved' } : {}),
    ...(o.limit && 'unit' in o.limit ? { limit: { ...o.limit, value: Math.floor(o.limit.value / 2) } } : {}),
  }));
  return [
    { from: lib.policies.suffolk, to: load('suffolk-v9.yaml'), plan: plain },
    { from: lib.policies.barnsley, to: load('barnsley-v5.yaml'), plan: plain },
    {
      from: lib.policies['derby-derbyshire'],
      to: load('derby-derbyshire-v2.yaml'),
      plan: (deadlines) => ({
        deadlines,
        duties: { 'template-update-stage-3': { end: 'Version 2 no longer asks for it' } },
      }),
    },
    {
      from: lib.policies.somerset,
      to: load('somerset-v2.yaml'),
      plan: (deadlines) => ({ deadlines, stages: { 'stage-5': 'stage-4' } }),
    },
    { from: lib.policies.devon, to: load('devon-v2.yaml'), plan: plain },
    {
      from: riverside,
      to: lib.definePolicy(renamed),
      plan: (deadlines) => ({ deadlines, duties: { 'stage-2-resolution': 'stage-2-resolved' } }),
    },
  ];
}

let loadedRevisions: Revision[] | undefined;
const REVISIONS = () => (loadedRevisions ??= revisions());

export const migrationsArbitrary = fc.nat({ max: 5 }).chain((which) => {
  const { from, to } = REVISIONS()[which]!;
  return fc.record({
    which: fc.constant(which),
    before: sequenceFor(from),
    after: sequenceFor(to),
    rule: fc.constantFrom(...lib.DEADLINE_RULES),
    // Escalations made first, a working day apart, so that cases reach every stage.
    climb: fc.nat({ max: 6 }),
    // When the migration is made, after the last thing the case knows; and when the events played
    // after it happened, from three days before the migration (facts learned late, across it) on.
    delayMinutes: fc.integer({ min: 0, max: 30 * 24 * 60 }),
    afterOffsetMinutes: fc.integer({ min: -3 * 24 * 60, max: 10 * 24 * 60 }),
    // Facts that happened under the earlier version, learned after the migration: where in the case's
    // life they happened (0 its raising, 1 the migration), and what they were.
    lateFacts: fc.array(
      fc.record({
        when: fc.double({ min: 0, max: 1, noNaN: true }),
        body: fc.oneof(
          fc.record({ type: fc.constant('RECORD'), record: fc.record({ kind: fc.constantFrom(...RECORD_KINDS) }) }),
          fc.constantFrom(
            { type: 'ESCALATE' },
            { type: 'RESOLVE', outcome: 'Agreed' },
            { type: 'WITHDRAW', reason: 'No longer needed' },
            { type: 'RISK', risk: 'imminent-risk' },
          ),
        ),
      }),
      { maxLength: 3 },
    ),
  });
});

/**
 * A case played under one version, migrated to the next, then played on under it: the migration
 * refused with a code or made, and every promise kept by the migrated case and by every call after.
 */
export function playMigration(
  findings: Findings,
  input: {
    which: number;
    before: Omit<EventRun, 'policy'>;
    after: Omit<EventRun, 'policy'>;
    rule: lib.DeadlineRule;
    climb: number;
    delayMinutes: number;
    afterOffsetMinutes: number;
    lateFacts: { when: number; body: Record<string, unknown> }[];
  },
): { migrated: boolean } {
  findings.cases++;
  const { from, to, plan } = REVISIONS()[input.which]!;
  const what = (step: string) => () => `${from.id} to ${to.version}, ${step} of ${JSON.stringify(input)}`;
  const started = call(findings, what('start'), () => lib.startEscalation(from, input.before.start));
  if (!started) return { migrated: false };
  let e: Escalation = started;
  const raised = Date.parse(e.raisedAt);
  for (let k = 1; k <= input.climb; k++) {
    const event: EscalationEvent = { type: 'ESCALATE', at: new Date(raised + k * DAY).toISOString() };
    e = call(findings, what('climb'), () => lib.applyEvent(from, e, event)) ?? e;
  }
  for (const event of input.before.events) e = call(findings, what('event'), () => lib.applyEvent(from, e, event)) ?? e;
  const at = new Date(Math.min(Date.parse(e.asOf) + input.delayMinutes * 60_000, LAST - DAY)).toISOString();
  const migration = call(findings, what('migrateEscalation'), () =>
    lib.migrateEscalation(e, { from, to, plan: plan(input.rule), at, reason: 'The partnership adopted it' }),
  );
  if (!migration) return { migrated: false };
  let m = migration.escalation;
  checkEscalation(findings, to, m, e, what('migrateEscalation'), {});
  if (JSON.stringify(m.history.slice(0, e.history.length)) !== JSON.stringify(e.history.slice(0, e.history.length)))
    note(findings, 'history', what('migrateEscalation: the history before it changed'));
  const raisedMs = Date.parse(m.raisedAt);
  for (const [i, fact] of input.lateFacts.entries()) {
    const happened = new Date(raisedMs + Math.floor(fact.when * (Date.parse(at) - raisedMs))).toISOString();
    const event = { ...fact.body, at: happened, id: `late-${i}` } as unknown as EscalationEvent;
    const next = call(findings, what(`late fact ${i}`), () => lib.applyEvent(to, m, event));
    if (!next) continue;
    checkEscalation(findings, to, next, m, what(`late fact ${i}`), {});
    m = next;
  }
  // Played on under the new version, the whole sequence moved to start near the migration.
  const shift = Date.parse(at) + input.afterOffsetMinutes * 60_000 - Date.parse(input.after.start.raisedAt);
  const moved = (t: string) => new Date(Math.min(Date.parse(t) + shift, LAST - 1)).toISOString();
  for (const event of input.after.events) {
    const body = event as Record<string, unknown>;
    const shifted = {
      ...body,
      ...(typeof body.at === 'string' && !Number.isNaN(Date.parse(body.at)) ? { at: moved(body.at) } : {}),
      ...(typeof body.recordedAt === 'string' && !Number.isNaN(Date.parse(body.recordedAt))
        ? { recordedAt: moved(body.recordedAt) }
        : {}),
    } as unknown as EscalationEvent;
    const next = call(findings, what('event after'), () => lib.applyEvent(to, m, shifted));
    if (!next) continue;
    checkEscalation(findings, to, next, m, what('event after'), {});
    m = next;
  }
  const later = moved(input.after.now);
  call(findings, what('getStatus after'), () => lib.getStatus(to, m, later > m.asOf ? later : m.asOf));
  const swept = call(findings, what('advanceTo after'), () => lib.advanceTo(to, m, later > m.asOf ? later : m.asOf));
  if (swept) checkEscalation(findings, to, swept, m, what('advanceTo after'), {});
  return { migrated: true };
}

/** The five properties, by name, with their arbitraries and their share of a run. */
export const PROPERTIES = {
  events: { arbitrary: eventsArbitrary, play: playEvents, share: 0.3 },
  policies: { arbitrary: policiesArbitrary, play: playPolicy, share: 0.1 },
  snapshots: { arbitrary: snapshotsArbitrary, play: playSnapshot, share: 0.25 },
  calendar: { arbitrary: calendarArbitrary, play: playCalendar, share: 0.25 },
  migrations: { arbitrary: migrationsArbitrary, play: playMigration, share: 0.1 },
} as const;

export type PropertyName = keyof typeof PROPERTIES;

/** Runs one property for `numRuns` cases from `seed`: every case is played, whatever it finds. */
export function runProperty(
  name: PropertyName,
  numRuns: number,
  seed: number,
  onProgress?: (done: number) => void,
): Findings {
  const findings = newFindings();
  const { arbitrary, play } = PROPERTIES[name];
  let done = 0;
  fc.assert(
    fc.property(arbitrary as fc.Arbitrary<never>, (input) => {
      (play as (f: Findings, i: never) => unknown)(findings, input);
      if (onProgress && ++done % 100 === 0) onProgress(done);
    }),
    { numRuns, seed, endOnFailure: true },
  );
  return findings;
}
