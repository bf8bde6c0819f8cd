import type { Arbitrary } from 'fast-check';
import { fc } from './fastCheck.js';
import { DIVISIONS, type Division } from '../calendar/divisions.js';
import type { WorkingDayCalendar } from '../calendar/calendar.js';
import { indexOf, ukCalendar } from '../calendar/calendar.js';
import { policyArgument, type Policy } from '../policy/define.js';
import { EscalationError } from '../escalation/errors.js';
import type { EscalationEvent, StartInput } from '../escalation/types.js';
import { RECORD_KINDS } from '../policy/schema.js';

const DAY = 86_400_000;
const FIRST = Date.UTC(2012, 0, 1);
const LAST = Date.UTC(2028, 11, 31);

/** Last Sunday of a month, as epoch ms at 01:00 UTC (when the UK clocks change). */
function lastSunday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
}

/** A UK division. */
const division = (): Arbitrary<Division> => fc.constantFrom(...DIVISIONS);

/** A date, `YYYY-MM-DD`, from 2012 to 2028, with extra weight around Christmas, Easter and bank holidays. */
function date(): Arbitrary<string> {
  const holidays = ukCalendar('england-and-wales');
  const nearHoliday = fc
    .record({ year: fc.integer({ min: 2012, max: 2028 }), pick: fc.nat(), offset: fc.integer({ min: -3, max: 3 }) })
    .map(({ year, pick, offset }) => {
      const list = holidays.bankHolidays(year);
      const h = list[pick % list.length]!;
      return new Date(Date.parse(`${h.date}T00:00:00Z`) + offset * DAY).toISOString().slice(0, 10);
    });
  const any = fc
    .integer({ min: FIRST / DAY, max: LAST / DAY })
    .map((d) => new Date(d * DAY).toISOString().slice(0, 10));
  return fc.oneof({ arbitrary: any, weight: 2 }, { arbitrary: nearHoliday, weight: 1 });
}

/** An instant (ISO, `Z`) that favours the edges: clock changes, London midnight, bank holidays. */
function londonInstant(): Arbitrary<string> {
  const clockChange = fc
    .record({
      year: fc.integer({ min: 2012, max: 2028 }),
      autumn: fc.boolean(),
      minutes: fc.integer({ min: -120, max: 120 }),
    })
    .map(({ year, autumn, minutes }) => new Date(lastSunday(year, autumn ? 9 : 2) + minutes * 60_000).toISOString());
  const midnight = fc
    .record({ d: date(), ms: fc.constantFrom(-1, 0, 1, -3_600_000 - 1, -3_600_000, 3_600_000) })
    .map(({ d, ms }) => new Date(Date.parse(`${d}T00:00:00Z`) + ms).toISOString());
  const working = fc
    .record({ d: date(), minutes: fc.integer({ min: 7 * 60, max: 19 * 60 }) })
    .map(({ d, minutes }) => new Date(Date.parse(`${d}T00:00:00Z`) + minutes * 60_000).toISOString());
  return fc.oneof(working, clockChange, midnight);
}

/** One event for a policy, valid or not (random stages, kinds, reasons and junk). */
function eventBody(policy: Policy): Arbitrary<Record<string, unknown>> {
  const stages = [...policy.stages.map((s) => s.id), 'stage-99'];
  const forms = [...(policy.forms ?? []).map((f) => f.id), 'no-such-form'];
  const obligations = [...policy.obligations.map((o) => o.id), 'no-such-obligation'];
  const addressees = [
    ...new Set((policy.recipients ?? []).flatMap((r) => [r.id, r.title, ...(r.aliases ?? []), ...(r.addresses ?? [])])),
    'someone else',
  ];
  const flags = (policy.flags ?? []).map((f) => f.id);
  const reasons = [
    'imminent-risk',
    'significant-risk',
    'immediate-harm',
    'other',
    ...policy.movement.flatMap((m) => (typeof m.requires === 'object' ? [m.requires.reason] : [])),
  ];
  return fc.oneof(
    { arbitrary: fc.constant({ type: 'ESCALATE' }), weight: 4 },
    {
      arbitrary: fc.record({
        type: fc.constant('EXPEDITE'),
        to: fc.constantFrom(...stages),
        reason: fc.constantFrom(...reasons),
      }),
      weight: 2,
    },
    {
      arbitrary: fc.record({
        type: fc.constant('RECORD'),
        record: fc.record(
          {
            kind: fc.constantFrom(...RECORD_KINDS),
            form: fc.constantFrom(...forms),
            to: fc.constantFrom(...addressees),
          },
          { requiredKeys: ['kind'] },
        ),
      }),
      weight: 5,
    },
    { arbitrary: fc.record({ type: fc.constant('RESOLVE'), outcome: fc.constant('Agreed way forward') }), weight: 1 },
    { arbitrary: fc.record({ type: fc.constant('WITHDRAW'), reason: fc.constant('No longer needed') }), weight: 1 },
    {
      arbitrary: fc.record({
        type: fc.constant('EXTEND'),
        obligation: fc.constantFrom(...obligations),
        to: date(),
        reason: fc.constant('Agreed'),
        agreedBy: fc.constant('Both managers'),
      }),
      weight: 1,
    },
    {
      arbitrary: fc.record({
        type: fc.constant('RISK'),
        risk: fc.constantFrom('none', 'imminent-risk', 'significant-risk'),
      }),
      weight: 1,
    },
    {
      arbitrary: fc.record({ type: fc.constant('FLAG'), flag: fc.constantFrom(...flags, 'no-such-flag') }),
      weight: flags.length ? 1 : 0,
    },
    { arbitrary: fc.record({ type: fc.constantFrom('PAUSE', 'escalate', 7), to: fc.anything() }), weight: 1 },
  );
}

/** An input for `startEscalation`, events in time order (valid and invalid mixed), and a moment to ask for status. */
export interface EventSequence {
  readonly start: StartInput;
  readonly events: readonly EscalationEvent[];
  readonly now: string;
}

/** Options for `arbitraries.eventSequence`. */
export interface EventSequenceOptions {
  readonly maxEvents?: number;
  /** The calendar the escalation counts on: its closures are favoured as dates, as its bank holidays are. */
  readonly calendar?: WorkingDayCalendar;
}

/**
 * `{ start, events, now }` for a policy: a start (sometimes at a later stage, sometimes with a risk
 * recorded), up to `maxEvents` events in the order a host learns them, mixing valid and invalid ones,
 * with gaps from minutes to weeks; some are late facts (they happened before the event learned just
 * before them, and carry `recordedAt`); and a moment after the last one.
 */
function eventSequence(policy: Policy, options: EventSequenceOptions = {}): Arbitrary<EventSequence> {
  policy = policyArgument(policy);
  if (typeof options !== 'object' || options === null)
    throw new EscalationError('INVALID_ARGUMENT', 'eventSequence: options must be an object { maxEvents?, calendar? }');
  const { maxEvents = 12, calendar } = options;
  if (!Number.isSafeInteger(maxEvents) || maxEvents < 0 || maxEvents > 1000)
    throw new EscalationError(
      'INVALID_ARGUMENT',
      `eventSequence: maxEvents must be a whole number from 0 to 1000, not ${String(maxEvents)}`,
    );
  if (calendar !== undefined) indexOf(calendar); // a calendar made by ukCalendar or govUkCalendar, or a CalendarError
  const gap = fc.oneof(
    fc.integer({ min: 1, max: 600 }).map((m) => m * 60_000),
    fc.integer({ min: 1, max: 15 }).map((d) => d * DAY),
  );
  const lateBy = fc.oneof(
    { arbitrary: fc.constant(0), weight: 4 },
    { arbitrary: fc.integer({ min: 1, max: 4 * 24 * 60 }).map((m) => m * 60_000), weight: 1 },
  );
  const closures = calendar?.closures ?? [];
  const raisedAt = closures.length
    ? fc.oneof(
        londonInstant(),
        fc
          .record({ day: fc.constantFrom(...closures), back: fc.integer({ min: 0, max: 10 }) })
          .map(({ day, back }) => new Date(Date.parse(`${day}T10:00:00Z`) - back * DAY).toISOString()),
      )
    : londonInstant();
  return fc
    .record({
      raisedAt,
      risk: fc.constantFrom('none', 'none', 'imminent-risk', 'significant-risk', 'immediate-harm'),
      startStage: fc.option(fc.constantFrom(...policy.stages.map((s) => s.id)), { nil: undefined }),
      reason: fc.option(fc.constantFrom('imminent-risk', 'significant-risk', 'immediate-harm'), { nil: undefined }),
      steps: fc.array(
        fc.tuple(eventBody(policy), gap, fc.option(fc.constantFrom('e1', 'e2', 'e3'), { nil: undefined }), lateBy),
        { maxLength: maxEvents },
      ),
      tail: fc.integer({ min: 0, max: 40 }),
    })
    .map(({ raisedAt, risk, startStage, reason, steps, tail }) => {
      const raisedMs = Date.parse(raisedAt);
      let t = raisedMs;
      const events = steps.map(([body, dt, id, late]) => {
        t += dt;
        const at = Math.max(raisedMs, t - late);
        const times =
          at < t
            ? { at: new Date(at).toISOString(), recordedAt: new Date(t).toISOString() }
            : { at: new Date(t).toISOString() };
        return { ...body, ...times, ...(id ? { id } : {}) } as unknown as EscalationEvent;
      });
      const start: StartInput = {
        id: `${policy.id}-case`,
        raisedAt,
        ...(risk !== 'none' ? { risk } : {}),
        ...(startStage ? { startStage } : {}),
        ...(reason ? { reason } : {}),
      };
      return { start, events, now: new Date(t + tail * DAY).toISOString() };
    });
}

/**
 * fast-check arbitraries for auditors, to compose in their own property tests.
 *
 * @example
 * fc.assert(fc.property(arbitraries.eventSequence(policies.barnsley), ({ start, events, now }) => { ... }));
 */
export const arbitraries = {
  /** `{ start, events, now }` for a policy: valid and invalid events in time order. */
  eventSequence,
  /** Instants that favour clock changes, London midnight and bank holidays. */
  londonInstant,
  /** Dates from 2012 to 2028, weighted towards bank holidays. */
  date,
  /** One of the three UK divisions. */
  division,
};
