import type { WorkingDayCalendar } from '../calendar/calendar.js';
import { endOfLondonDay, londonDate } from '../calendar/london.js';
import { requirementMet } from '../machine/createPolicyMachine.js';
import { builtInCalendar, givenCalendar } from '../escalation/compiled.js';
import { policyArgument, type Policy } from '../policy/define.js';
import { restoreEscalation } from '../escalation/restoreEscalation.js';
import { EscalationError } from '../escalation/errors.js';
import { validate } from '../escalation/validate.js';
import { getStatus } from '../escalation/getStatus.js';
import { escalationSchema, type Escalation } from '../escalation/types.js';

/**
 * Thrown by `checkInvariants`: `promise` names the broken one.
 *
 * @example
 * try { checkInvariants(policy, e, now) } catch (err) { if (err instanceof InvariantError) console.log(err.promise) }
 */
export class InvariantError extends Error {
  readonly promise: string;
  constructor(promise: string, detail: string) {
    super(`Broken promise "${promise}": ${detail}`);
    this.name = 'InvariantError';
    this.promise = promise;
  }
}

function check(ok: boolean, promise: string, detail: () => string): void {
  if (!ok) throw new InvariantError(promise, detail());
}

/** Structural equality of JSON values; key order does not matter. */
function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    ka.length === kb.length &&
    ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/**
 * Asserts every promise the library makes about an escalation, throwing an `InvariantError` that
 * names the broken one:
 *
 * - `deadline-on-working-day`: each working-day deadline falls on a working day of the policy's calendar;
 * - `deadline-at-end-of-day`: each deadline counted in days falls at the end of its London day;
 * - `history-append-only`: the history is numbered from 1, in time order, and (given `previous`)
 *   begins with the previous version's history unchanged;
 * - `deadline-after-anchor`: no deadline falls before the moment its clock started;
 * - `json-round-trip`: restoring its JSON gives it back byte for byte (`JSON.stringify` of the
 *   restored escalation is the same text);
 * - `nothing-after-closure`: after resolution or withdrawal only records and calendar changes were
 *   accepted, and facts that happened before the closure took effect (learned late);
 * - `skip-only-where-allowed`: every jump ahead or later start names a movement rule that allows it
 *   from the stage it was made at (for a move overtaken by another writer's, the stage its
 *   `move-overtaken` entry names), with a reason that meets the rule's risk;
 * - `cap-within-text`: a cumulative cap falls exactly where its limit puts it, never later;
 * - `status-consistent`: `getStatus` agrees with the escalation at `now`.
 *
 * @example
 * import { checkInvariants } from 'safeguarding-escalation/testing';
 * checkInvariants(policies.suffolk, escalation, '2025-01-06T09:00:00Z');
 */
export function checkInvariants(
  policy: Policy,
  escalation: Escalation,
  now: string,
  options: { previous?: Escalation; calendar?: WorkingDayCalendar } = {},
): void {
  policy = policyArgument(policy);
  if (typeof options !== 'object' || options === null)
    throw new EscalationError(
      'INVALID_ARGUMENT',
      'checkInvariants: options must be an object { previous?, calendar? }',
    );
  const engineOptions = options.calendar ? { calendar: options.calendar } : {};
  // What is checked must have an escalation's shape (and `previous` too): anything else is refused
  // with a code here, not met with a TypeError below. Whether it keeps its promises is what follows.
  validate(escalationSchema, escalation, 'INVALID_SNAPSHOT', 'escalation');
  if (options.previous !== undefined)
    validate(escalationSchema, options.previous, 'INVALID_SNAPSHOT', 'options.previous');
  if (options.calendar !== undefined) givenCalendar({ calendar: options.calendar });
  const cal = options.calendar ?? builtInCalendar(escalation.calendar.division, escalation.calendar.closures);
  const rules = new Map(policy.obligations.map((o) => [o.id, o] as const));

  // A duty met or ended before a migration may name a rule of the earlier version.
  const migrated = escalation.history.some((h) => h.type === 'migrated');
  for (const o of escalation.obligations) {
    if (o.dueDate === null || o.dueAt === null) continue;
    check(
      o.dueAt >= o.armedAt,
      'deadline-after-anchor',
      () => `${o.id} is due at ${o.dueAt}, before its clock started at ${o.armedAt}`,
    );
    if (migrated && o.status !== 'running' && !rules.has(o.rule)) continue;
    const rule = rules.get(o.rule);
    check(
      rule !== undefined,
      'json-round-trip',
      () => `obligation ${o.id} names rule ${o.rule}, which the policy does not have`,
    );
    const limit =
      o.atImminentRisk && rule!.imminentRisk && 'limit' in rule!.imminentRisk ? rule!.imminentRisk.limit : rule!.limit;
    const units = !limit
      ? []
      : 'unit' in limit
        ? [limit.unit]
        : limit.whicheverIsLess.map((p) => ('unit' in p ? p.unit : 'per-case'));
    const inHours = units.includes('hours');
    if (
      !o.extended &&
      units.length > 0 &&
      units.every((u) => u === 'working-days' || u === 'working-weeks') &&
      o.kind !== 'reminder'
    ) {
      check(
        cal.isWorkingDay(o.dueDate),
        'deadline-on-working-day',
        () => `${o.id} is due on ${o.dueDate}, not a working day in ${policy.division}`,
      );
    }
    if (!inHours)
      check(
        o.dueAt === endOfLondonDay(o.dueDate),
        'deadline-at-end-of-day',
        () => `${o.id} is due at ${o.dueAt}, not the end of ${o.dueDate} in London`,
      );
    if (
      o.kind === 'cap' &&
      limit &&
      'unit' in limit &&
      (limit.unit === 'working-days' || limit.unit === 'working-weeks') &&
      !o.extended
    ) {
      const expected = cal.addWorkingDays(
        londonDate(o.armedAt),
        limit.unit === 'working-weeks' ? limit.value * 5 : limit.value,
      );
      check(
        o.dueDate <= expected,
        'cap-within-text',
        () =>
          `cap ${o.id} is due ${o.dueDate}; the text allows ${limit.value} ${limit.unit} from ${londonDate(o.armedAt)}, so ${expected}`,
      );
    }
  }

  const h = escalation.history;
  h.forEach((entry, i) => {
    check(entry.seq === i + 1, 'history-append-only', () => `history[${i}] is numbered ${entry.seq}`);
    check(
      i === 0 || entry.at >= h[i - 1]!.at,
      'history-append-only',
      () => `history[${i}] at ${entry.at} comes before the entry above it`,
    );
  });
  if (options.previous) {
    const before = options.previous.history;
    check(
      h.length >= before.length && deepEqual(h.slice(0, before.length), before),
      'history-append-only',
      () => 'the history does not begin with the previous version’s history',
    );
  }

  let restored: Escalation;
  try {
    restored = restoreEscalation(policy, JSON.stringify(escalation), engineOptions);
  } catch (e) {
    throw new InvariantError('json-round-trip', `its JSON does not restore: ${(e as Error).message}`);
  }
  check(deepEqual(restored, escalation), 'json-round-trip', () => 'restoring its JSON changed it');
  check(
    JSON.stringify(restored) === JSON.stringify(escalation),
    'json-round-trip',
    () => 'restoring its JSON gives other text (its keys in another order)',
  );

  const closedAt = h.findIndex(
    (x) => x.type === 'event' && (x.event.type === 'RESOLVE' || x.event.type === 'WITHDRAW'),
  );
  const closing = h[closedAt];
  if (closing?.type === 'event') {
    // The closure took effect when it happened, or when the stage it closed at began if that was later.
    const stageBegan = h.slice(0, closedAt).findLast((x) => x.type === 'stage-entered');
    const began = stageBegan?.type === 'stage-entered' ? (stageBegan.happenedAt ?? stageBegan.at) : closing.event.at;
    const tookEffect = closing.event.at > began ? closing.event.at : began;
    for (const x of h.slice(closedAt + 1)) {
      if (x.type !== 'event' || x.event.type === 'RECORD' || x.event.type === 'CALENDAR') continue;
      const event = x.event;
      check(
        event.at < tookEffect,
        'nothing-after-closure',
        () => `a ${event.type} event (#${x.seq}) that happened at ${event.at}, after the closure, was accepted`,
      );
    }
  }

  const movement = new Map(policy.movement.map((m) => [m.id, m] as const));
  // Moves made under an earlier version (before a migration) were checked against that version's rules.
  const lastMigration = h.findLastIndex((x) => x.type === 'migrated');
  const migration = h[lastMigration];
  let previousStage: string | undefined = migration?.type === 'migrated' ? migration.stage.to : undefined;
  let madeAt: string | undefined; // the stage a move overtaken by another writer's was made at
  for (const x of h.slice(lastMigration + 1)) {
    if (x.type === 'move-overtaken' && x.effect === 'moved') madeAt = x.stage;
    if (x.type !== 'stage-entered') continue;
    const stage = x.stage;
    const from = madeAt ?? previousStage;
    madeAt = undefined;
    if (x.how === 'expedited' || x.how === 'skipped' || x.how === 'started-later') {
      const rule = x.rule === undefined ? undefined : movement.get(x.rule);
      check(
        rule !== undefined,
        'skip-only-where-allowed',
        () => `${stage} was reached (${String(x.how)}) without a movement rule`,
      );
      check(
        (rule!.to as readonly string[]).includes(stage),
        'skip-only-where-allowed',
        () => `rule ${rule!.id} does not allow a move to ${stage}`,
      );
      check(
        !rule!.from || from === undefined || (rule!.from as readonly string[]).includes(from),
        'skip-only-where-allowed',
        () => `rule ${rule!.id} does not allow a move from ${from}`,
      );
      check(
        requirementMet(rule!.requires, x.reason, x.riskReliedOn?.risk),
        'skip-only-where-allowed',
        () =>
          `rule ${rule!.id} needs ${JSON.stringify(rule!.requires)}; the reason given was ${String(x.reason)}, the risk relied on ${String(x.riskReliedOn?.risk)}`,
      );
    } else if (x.how === 'escalated' && previousStage) {
      const order = policy.stages.map((s) => s.id);
      check(
        order.indexOf(stage) > order.indexOf(previousStage),
        'skip-only-where-allowed',
        () => `escalated from ${previousStage} back to ${stage}`,
      );
    }
    previousStage = stage;
  }

  const status = getStatus(policy, escalation, now, engineOptions);
  check(
    status.open === (escalation.status === 'open'),
    'status-consistent',
    () => `getStatus says open=${status.open}, the escalation is ${escalation.status}`,
  );
  for (const d of status.deadlines)
    check(
      d.overdue === new Date(now).toISOString() > d.dueAt,
      'status-consistent',
      () => `${d.id} overdue=${d.overdue} at ${now}, due ${d.dueAt}`,
    );
}
