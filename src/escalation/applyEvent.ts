import { indexOf } from '../calendar/calendar.js';
import { londonDate } from '../calendar/london.js';
import { RISKS, type Risk } from '../policy/schema.js';
import { acceptEvent } from './acceptEvent.js';
import { withIsoInstants } from './arguments.js';
import {
  builtInCalendar,
  calendarFor,
  caseCalendar,
  givenCalendar,
  type EngineOptions,
  type PolicySource,
} from './compiled.js';
import {
  adoptCalendar,
  arm,
  extendDuty,
  Draft,
  fireTimers,
  happen,
  iso,
  meetDuty,
  ms,
  recomputeRunning,
  voidDuty,
} from './engine.js';
import { EscalationError, withCalendarCodes } from './errors.js';
import { caseIndex, eventEntry } from './caseIndex.js';
import { applyLate, closureOf, type AppliedAs } from './late.js';
import { move } from './movement.js';
import { checkedEscalation } from './restoreEscalation.js';
import { meets, onResolution, onWithdrawal, starts } from './semantics.js';
import {
  eventSchema,
  type Escalation,
  type EscalationEvent,
  type EscalationEventOf,
  type ObligationState,
} from './types.js';
import { validate } from './validate.js';

/**
 * Applies one event and returns a new escalation; the input is never changed. `at` is when the event
 * happened, and deadlines are judged by it; `recordedAt` (by default the later of `at` and the
 * escalation's `asOf`) is when the host learned of it, and the history is kept in that order. A fact
 * learned late, of any type, takes effect as of when it happened: it belongs to the stage the case was
 * at then, meets what was owed then (a deadline recorded as passed or missed that it met in time is
 * recorded met on time, the earlier entry left in place), and what it starts counts from then; a move
 * the case has already made since, by another writer's move, moves it no further (docs/engine.md,
 * "When things happened and when they were learned"). Nothing is refused for the order it arrives in;
 * only a `recordedAt` before `asOf` is (OUT_OF_ORDER). Timers that fell due before the event was
 * learned fire first. The same event again (by `id`, whenever learned) returns the escalation
 * unchanged; another event with a used id is refused. Refusals are `EscalationError`s with one code per
 * cause (see `EscalationErrorCode`).
 *
 * @example
 * const next = applyEvent(policy, e, { type: 'RECORD', at: '2024-12-20T11:00:00Z', record: { kind: 'discussion' } });
 * const up = applyEvent(policy, next, { type: 'ESCALATE', at: '2024-12-23T16:00:00Z' });
 */
export function applyEvent(
  policy: PolicySource,
  escalation: Escalation,
  event: EscalationEvent,
  options?: EngineOptions,
): Escalation {
  return withCalendarCodes(() => applyOne(policy, escalation, event, options));
}

function applyOne(
  policy: PolicySource,
  escalation: Escalation,
  event: EscalationEvent,
  options?: EngineOptions,
): Escalation {
  const { escalation: esc, c } = checkedEscalation(policy, escalation, options);
  const given = withIsoInstants(event, ['at', 'recordedAt']);
  const ev = acceptEvent(given) ?? validate(eventSchema, given, 'INVALID_EVENT', 'event');
  const canonical = canonicalEvent(ev);
  const known = caseIndex(esc);
  if (canonical.id !== undefined) {
    const earlier = eventEntry(esc, known, canonical.id);
    if (earlier?.type === 'event') {
      // Delivered again: at-least-once delivery is safe. The same fact learned again is the same event,
      // whenever the host learned it (a host that stamps recordedAt per delivery stamps it anew).
      if (sameJson({ ...earlier.event, recordedAt: undefined }, { ...canonical, recordedAt: undefined })) return esc;
      throw new EscalationError(
        'DUPLICATE_EVENT_ID',
        `Event id '${canonical.id}' was already used for a ${earlier.event.type} event at ${earlier.event.at} (history entry ${earlier.seq}): give this ${canonical.type} event its own id`,
      );
    }
  }
  const atMs = ms(canonical.at);
  const asOfMs = ms(esc.asOf);
  const learnedMs = canonical.recordedAt !== undefined ? ms(canonical.recordedAt) : Math.max(atMs, asOfMs);
  checkTimes(esc, canonical, atMs, learnedMs, asOfMs);

  const bound = canonical.type === 'CALENDAR' ? calendarBeforeChange(esc, options) : calendarFor(esc, options);
  const d = new Draft(c, bound.index, esc, learnedMs);
  if (bound.newEdition) adoptCalendar(d, caseCalendar(bound.calendar), asOfMs, 'a new edition of the bank holidays');
  fireTimers(d, learnedMs);
  // A fact learned late is applied as of when it happened (late.ts); one that happened before the
  // case closed is a fact of the open case, taken whatever its type.
  const late = atMs < asOfMs;
  const closure = esc.status === 'open' ? undefined : closureOf(d);
  if (esc.status !== 'open' && !(late && closure && atMs < closure.atMs)) refuseAfterClosure(d, canonical, atMs);
  const { seq } = d.log(learnedMs, { type: 'event', event: canonical });
  if (late) applyLate(d, canonical, atMs, seq, (event, at, as) => apply(d, event, at, options, as));
  else apply(d, canonical, atMs, options);
  // A limit the event shortened, or a duty it started in the past, may already have run out: it fires now.
  fireTimers(d, learnedMs);
  return d.finish(learnedMs);
}

/** The event as stored: instants in one form (UTC, milliseconds), so that equal events compare equal. */
function canonicalEvent(event: EscalationEvent): EscalationEvent {
  return {
    ...event,
    at: iso(ms(event.at)),
    ...(event.recordedAt !== undefined ? { recordedAt: iso(ms(event.recordedAt)) } : {}),
  };
}

/** Structural equality of JSON values; key order does not matter. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (
    typeof a !== 'object' ||
    typeof b !== 'object' ||
    a === null ||
    b === null ||
    Array.isArray(a) !== Array.isArray(b)
  )
    return false;
  const keysA = Object.keys(a).filter((key) => (a as Record<string, unknown>)[key] !== undefined);
  const keysB = Object.keys(b).filter((key) => (b as Record<string, unknown>)[key] !== undefined);
  return (
    keysA.length === keysB.length &&
    keysA.every((key) => sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  );
}

/**
 * The calendar a CALENDAR event is applied on until it changes it: the case's own; for a case on a
 * GOV.UK feed, whose earlier feed is not at hand, the new one given with the event.
 */
function calendarBeforeChange(esc: Escalation, options: EngineOptions | undefined): ReturnType<typeof calendarFor> {
  const given = givenCalendar(options);
  if (esc.calendar.source === 'gov-uk-feed' && given) return { ...given, newEdition: false };
  return calendarFor(esc, undefined);
}

function checkTimes(esc: Escalation, event: EscalationEvent, atMs: number, learnedMs: number, asOfMs: number): void {
  if (event.recordedAt !== undefined && learnedMs < asOfMs) {
    throw new EscalationError(
      'OUT_OF_ORDER',
      `Event recordedAt ${event.recordedAt} is earlier than ${esc.asOf}, when escalation '${esc.id}' was last brought up to: the host's clock for learning facts must not go back`,
    );
  }
  if (learnedMs < atMs)
    throw new EscalationError(
      'INVALID_EVENT',
      `Event recordedAt ${event.recordedAt} is before its at ${event.at}: a fact cannot be learned before it happened`,
    );
  if (atMs < ms(esc.raisedAt))
    throw new EscalationError(
      'INVALID_EVENT',
      `Event at ${event.at} is before escalation '${esc.id}' was raised at ${esc.raisedAt}`,
    );
}

/** After closure, only a fact that meets something still owed is taken, and a calendar change. */
function refuseAfterClosure(d: Draft, event: EscalationEvent, atMs: number): void {
  const owed = d.running();
  if (event.type === 'CALENDAR' && owed.length > 0) return;
  if (event.type === 'RECORD') {
    const happening = { kind: 'record', record: event.record, stage: d.esc.stage, atMs } as const;
    if (owed.some((o) => meets(d.rule(o).meet, { armedAtMs: ms(o.armedAt) }, happening, d.c.recipients))) return;
  }
  const still = owed.length
    ? `; it takes only a record that meets what is still owed (${owed.map((o) => o.label).join('; ')})`
    : ' and nothing is owed on it';
  throw new EscalationError('CLOSED', `Escalation '${d.esc.id}' was ${d.esc.status}${still}: ${event.type} refused`);
}

/** Applies an event at `atMs`; `as` gives the stage a record belongs to and the state a move is judged from. */
function apply(
  d: Draft,
  event: EscalationEvent,
  atMs: number,
  options: EngineOptions | undefined,
  as: AppliedAs = { stage: d.esc.stage, judgedAt: d.esc.state, open: d.esc.status === 'open' },
): void {
  switch (event.type) {
    case 'ESCALATE':
      return move(d, { type: 'ESCALATE', ...(event.reason ? { reason: event.reason } : {}) }, atMs, as.judgedAt);
    case 'EXPEDITE':
      move(d, { type: 'EXPEDITE', to: event.to, ...(event.reason ? { reason: event.reason } : {}) }, atMs, as.judgedAt);
      // A risk given as the reason for a jump is the child's risk from then on, where it is higher.
      if (isRisk(event.reason) && rank(event.reason) > rank(d.esc.risk)) setRisk(d, event.reason, atMs);
      return;
    case 'RESOLVE':
      return resolve(d, event, atMs);
    case 'WITHDRAW':
      return withdraw(d, atMs);
    case 'RECORD':
      return record(d, event, atMs, as);
    case 'EXTEND':
      return extend(d, event, atMs);
    case 'SET_TIMESCALE':
      return setTimescale(d, event, atMs);
    case 'RISK':
      return setRisk(d, event.risk, atMs);
    case 'FLAG':
      if (!d.c.flags.has(event.flag)) {
        throw new EscalationError(
          'UNKNOWN_FLAG',
          `Unknown flag '${event.flag}' in ${d.c.policy.id} (flags: ${[...d.c.flags].join(', ') || 'none'})`,
        );
      }
      return happen(d, { kind: 'flagged', flag: event.flag, atMs }, as.open);
    case 'CALENDAR':
      return changeCalendar(d, event, atMs, options);
    default:
      return unknownEvent(event);
  }
}

function unknownEvent(event: never): never {
  throw new EscalationError('INVALID_EVENT', `Unknown event ${JSON.stringify(event)}`);
}

function resolve(d: Draft, event: EscalationEventOf<'RESOLVE'>, atMs: number): void {
  const stage = d.esc.stage;
  d.esc.status = 'resolved';
  d.esc.outcome = event.outcome;
  move(d, { type: 'RESOLVE' }, atMs);
  for (const o of d.running()) {
    const effect = onResolution(d.rule(o));
    if (effect === 'meet') meetDuty(d, o, atMs, 'resolved');
    else if (effect === 'void') voidDuty(d, o, atMs, 'resolved');
  }
  happen(d, { kind: 'resolved', stage, atMs });
}

function withdraw(d: Draft, atMs: number): void {
  const stage = d.esc.stage;
  d.esc.status = 'withdrawn';
  move(d, { type: 'WITHDRAW' }, atMs);
  for (const o of d.running()) if (onWithdrawal(d.rule(o)) === 'void') voidDuty(d, o, atMs, 'withdrawn');
  happen(d, { kind: 'withdrawn', stage, atMs });
}

function record(d: Draft, event: EscalationEventOf<'RECORD'>, atMs: number, as: AppliedAs): void {
  const forms = d.c.policy.forms ?? [];
  if (event.record.form !== undefined && !forms.some((form) => form.id === event.record.form)) {
    throw new EscalationError(
      'UNKNOWN_FORM',
      `Unknown form '${event.record.form}' in ${d.c.policy.id} (forms: ${forms.map((form) => form.id).join(', ') || 'none'})`,
    );
  }
  happen(d, { kind: 'record', record: event.record, stage: as.stage, atMs }, as.open);
}

function findRunning(d: Draft, ref: string): ObligationState {
  const o = d.running().find((x) => x.id === ref) ?? d.running().find((x) => x.rule === ref);
  if (!o) {
    const ids = d.running().map((x) => x.id);
    throw new EscalationError(
      'UNKNOWN_OBLIGATION',
      `No running obligation '${ref}' (running: ${ids.join(', ') || 'none'})`,
    );
  }
  return o;
}

function extend(d: Draft, event: EscalationEventOf<'EXTEND'>, atMs: number): void {
  const w = extendDuty(d, findRunning(d, event.obligation), event, atMs);
  delete w.passedAt; // running again until its new date
}

function setTimescale(d: Draft, event: EscalationEventOf<'SET_TIMESCALE'>, atMs: number): void {
  const rule = d.c.rules.get(event.obligation) ?? d.rule(findRunning(d, event.obligation));
  const limit = rule.limit;
  if (!limit || !('whicheverIsLess' in limit) || !limit.whicheverIsLess.some((part) => 'perCase' in part)) {
    throw new EscalationError('INVALID_EVENT', `${rule.label} has no timescale set case by case`);
  }
  // Refused, not moved: a timescale agreed for the case runs from when the duty started, so a date
  // before that day would put the deadline before the anchor it counts from. No reading of "a
  // timescale that protects the child" gives that, and moving the date silently would record a
  // timescale nobody agreed; the host corrects the date it meant.
  for (const o of d.running()) {
    if (o.rule === rule.id && event.dueDate < londonDate(o.armedAt)) {
      throw new EscalationError(
        'INVALID_EVENT',
        `A timescale for ${rule.label} of ${event.dueDate} is before ${londonDate(o.armedAt)}, the day its clock started (${o.id})`,
      );
    }
  }
  d.esc.caseTimescales = { ...d.esc.caseTimescales, [rule.id]: event.dueDate };
  recomputeRunning(d, atMs);
}

const isRisk = (value: string | undefined): value is Risk =>
  value !== undefined && (RISKS as readonly string[]).includes(value);
const rank = (risk: Risk): number => (risk === 'imminent-risk' ? 2 : risk === 'none' ? 0 : 1);

/** The child's risk changed: duties with an imminent-risk rule follow it, from when it changed. */
function setRisk(d: Draft, risk: Risk, atMs: number): void {
  const from = d.esc.risk;
  if (from === risk) return;
  d.esc.risk = risk;
  d.log(atMs, { type: 'risk-changed', from, to: risk });
  if (d.imminentRisk) {
    for (const o of d.running()) {
      const rule = d.rule(o);
      if (rule.imminentRisk && 'notApplicable' in rule.imminentRisk && !o.extended)
        voidDuty(d, o, atMs, 'not applicable when the child is at imminent risk');
    }
    // What applies only at imminent risk starts now, where what it counts from has already happened.
    if (d.esc.status === 'open') {
      for (const rule of d.c.rules.values()) {
        if (!rule.imminentRisk || !('onlyThen' in rule.imminentRisk) || d.hasStarted(rule.id)) continue;
        const anchorPassed =
          starts(rule.anchor, { kind: 'raised', atMs }) ||
          starts(rule.anchor, { kind: 'stage-entered', stage: d.esc.stage, from: undefined, how: 'start', atMs });
        if (anchorPassed) arm(d, rule, atMs, d.esc.stage);
      }
    }
  }
  recomputeRunning(d, atMs);
}

function changeCalendar(
  d: Draft,
  event: EscalationEventOf<'CALENDAR'>,
  atMs: number,
  options: EngineOptions | undefined,
): void {
  const given = givenCalendar(options);
  const division = d.esc.calendar.division;
  if (given && given.calendar.division !== division) {
    throw new EscalationError(
      'CALENDAR_MISMATCH',
      `options.calendar is for ${given.calendar.division}; escalation '${d.esc.id}' counts working days in ${division}`,
    );
  }
  const calendar =
    given?.calendar ?? builtInCalendar(division, [...new Set(event.closures ?? d.esc.calendar.closures)].sort());
  if (given && event.closures && !event.closures.every((day) => given.calendar.closures.includes(day))) {
    throw new EscalationError(
      'INVALID_EVENT',
      'CALENDAR gives closures that options.calendar does not have: give one or the other',
    );
  }
  d.index = given?.index ?? indexOf(calendar);
  adoptCalendar(d, caseCalendar(calendar), atMs, event.reason);
}
