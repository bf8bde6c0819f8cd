import { parseInstant, tryParseDate } from '../calendar/dates.js';
import { londonDate, londonDayNumber } from '../calendar/london.js';
import { calendarFor, policyFor, type Compiled, type EngineOptions, type PolicySource } from './compiled.js';
import { EscalationError, withCalendarCodes } from './errors.js';
import { isTrusted, release } from './trusted.js';
import { escalationSchema, type Escalation } from './types.js';
import { upgradeFormat1 } from './upgrade.js';
import { freezeIfCanonical, isCanonicalEscalation } from './canonical.js';
import { validate } from './validate.js';

/**
 * Loads a stored escalation (a JSON string or the parsed object), checks all of it against the format
 * and against its policy, and returns it, deeply frozen, ready for `applyEvent`, `advanceTo` and
 * `getStatus`. An escalation stored by version 0.1 is read too. Throws `INVALID_SNAPSHOT` (listing
 * every problem with its path), `POLICY_MISMATCH`, `INVALID_POLICY`, `CALENDAR_MISMATCH` or
 * `CALENDAR_REQUIRED`.
 *
 * @example
 * const e = restoreEscalation(policies.suffolk, row.json);
 * const e2 = restoreEscalation(registry, row.json); // under the version it names
 */
export function restoreEscalation(source: PolicySource, input: unknown, options?: EngineOptions): Escalation {
  return withCalendarCodes(() => restore(source, input, options));
}

function restore(source: PolicySource, input: unknown, options?: EngineOptions): Escalation {
  const { escalation } = checkSnapshot(source, input, options);
  calendarFor(escalation, options);
  return escalation;
}

/**
 * An escalation and the policy it runs under: trusted when this library made it, else checked in full.
 * The calendar is the caller's to bind (a CALENDAR event brings a new one).
 */
export function checkedEscalation(
  source: PolicySource,
  escalation: unknown,
  options: EngineOptions | undefined,
): { escalation: Escalation; c: Compiled } {
  if (isTrusted(escalation)) return { escalation, c: policyFor(source, escalation) };
  return checkSnapshot(source, escalation, options);
}

function checkSnapshot(
  source: PolicySource,
  input: unknown,
  options: EngineOptions | undefined,
): { escalation: Escalation; c: Compiled } {
  let data = input;
  // Whether `data` is this call's own object (parsed here), which may be frozen and kept as it is; the
  // caller's objects are never frozen or kept.
  let own = false;
  if (typeof input === 'string') {
    try {
      data = JSON.parse(input);
      own = true;
    } catch (error) {
      throw new EscalationError(
        'INVALID_SNAPSHOT',
        `Invalid escalation snapshot: not JSON (${(error as Error).message})`,
      );
    }
  }
  if (typeof data === 'object' && data !== null && (data as { format?: unknown }).format === 1) {
    data = upgradeFormat1(data as Record<string, unknown>, options);
    own = false;
  }
  // The fast path: the exact form this library writes. A parsed string is checked and frozen in one
  // walk; a caller's object is copied first, and the copy checked, as the library never freezes or
  // keeps what it was given. Anything else goes to the schema, which gives it back in the canonical
  // form (instants as toISOString writes them, keys in the schema's order).
  let escalation: Escalation;
  if (own)
    escalation = freezeIfCanonical(data)
      ? data
      : validate(escalationSchema, JSON.parse(input as string), 'INVALID_SNAPSHOT', 'escalation snapshot');
  else {
    const copy = isCanonicalEscalation(data) ? JSON.parse(JSON.stringify(data)) : undefined;
    escalation =
      copy !== undefined && freezeIfCanonical(copy)
        ? copy
        : validate(escalationSchema, data, 'INVALID_SNAPSHOT', 'escalation snapshot');
  }
  const c = policyFor(source, escalation);
  const problems = snapshotProblems(escalation, c);
  if (problems.length > 0) {
    throw new EscalationError(
      'INVALID_SNAPSHOT',
      `Invalid escalation snapshot '${escalation.id}': ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      problems,
    );
  }
  return { escalation: release(escalation), c };
}

/**
 * What the schema alone cannot see: the escalation agrees with its policy and with itself, in every way
 * the readers and the engine rely on (each check says what would go wrong without it). Stored instants
 * are canonical by now (toISOString's form), so they compare as strings. One pass over the history and
 * one over the obligations: the sweep reads every open case through here.
 */
function snapshotProblems(escalation: Escalation, c: Compiled): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const policy = `policy ${c.policy.id}`;
  // Deadlines are counted on the policy's division.
  if (escalation.calendar.division !== c.policy.division)
    add('calendar.division', `is ${escalation.calendar.division}, the policy's is ${c.policy.division}`);
  // The machine runs from the state; getStatus reads the stage's title.
  if (!c.stages.has(escalation.stage)) add('stage', `'${escalation.stage}' is not a stage of ${policy}`);
  const expectedState = escalation.status === 'open' ? escalation.stage : escalation.status;
  if (escalation.state !== expectedState)
    add(
      'state',
      `is '${escalation.state}', but status '${escalation.status}' and stage '${escalation.stage}' make it '${expectedState}'`,
    );
  const onDay = (instant: string, date: string) => londonDayNumber(parseInstant(instant)) === tryParseDate(date);
  if (!onDay(escalation.raisedAt, escalation.raisedOn))
    add(
      'raisedOn',
      `is ${escalation.raisedOn}, but raisedAt ${escalation.raisedAt} is on ${londonDate(escalation.raisedAt)} in London`,
    );
  historyProblems(escalation, c, add);
  obligationProblems(escalation, c, add);
  // A case timescale counts only for an obligation of the policy.
  for (const key of Object.keys(escalation.caseTimescales))
    if (!c.rules.has(key)) add(`caseTimescales.${key}`, `is not an obligation of ${policy}`);
  return problems;
}

type Add = (path: string, message: string) => void;

/**
 * The history is the record of what happened, and later calls read it: numbered from 1 without a gap
 * (entries refer to each other by number), in time order (`getStatus` refuses a `now` before the last
 * entry; a move may not come before the stage it leaves began), raised first, at the raising; every
 * stage it names is one of the policy's (the timeline draws them); the stage and the status are those
 * its entries say.
 */
function historyProblems(escalation: Escalation, c: Compiled, add: Add): void {
  const history = escalation.history;
  const first = history[0];
  if (first?.type !== 'raised') add('history[0]', "must be the 'raised' entry");
  else if (first.at !== escalation.raisedAt) add('history[0].at', `${first.at} is not raisedAt ${escalation.raisedAt}`);
  const stage = (value: string | undefined, path: string) => {
    if (value !== undefined && !c.stages.has(value)) add(path, `'${value}' is not a stage of policy ${c.policy.id}`);
  };
  let last = '';
  let entered: string | undefined;
  let closing: { index: number; type: 'RESOLVE' | 'WITHDRAW'; outcome?: string } | undefined;
  for (let index = 0; index < history.length; index++) {
    const entry = history[index]!;
    const path = `history[${index}]`;
    if (entry.seq !== index + 1) add(`${path}.seq`, `is ${entry.seq}, expected ${index + 1}`);
    if (entry.at < last) add(`${path}.at`, `${entry.at} is earlier than the entry before it`);
    else last = entry.at;
    switch (entry.type) {
      case 'raised':
        if (index > 0) add(path, "only the first entry is 'raised'");
        stage(entry.startStage, `${path}.startStage`);
        break;
      case 'stage-entered':
        stage(entry.stage, `${path}.stage`);
        stage(entry.from, `${path}.from`);
        if (entry.happenedAt !== undefined && entry.happenedAt > entry.at)
          add(`${path}.happenedAt`, `${entry.happenedAt} is after the entry's own time ${entry.at}`);
        if (entry.riskReliedOn && entry.riskReliedOn.recordedIn >= entry.seq)
          add(`${path}.riskReliedOn.recordedIn`, `${entry.riskReliedOn.recordedIn} is not an earlier entry`);
        entered = entry.stage;
        break;
      case 'stage-ended':
        stage(entry.stage, `${path}.stage`);
        break;
      case 'obligation-met':
        if (entry.corrects !== undefined && entry.corrects >= entry.seq)
          add(`${path}.corrects`, `${entry.corrects} is not an earlier entry`);
        break;
      case 'event':
        if (entry.event.type === 'RESOLVE' || entry.event.type === 'WITHDRAW') {
          if (closing)
            add(path, `a second ${entry.event.type}: the escalation was closed at history[${closing.index}]`);
          else
            closing = {
              index,
              type: entry.event.type,
              ...(entry.event.type === 'RESOLVE' ? { outcome: entry.event.outcome } : {}),
            };
        }
        break;
    }
  }
  if (last > escalation.asOf) add('asOf', `${escalation.asOf} is earlier than the last history entry`);
  if (entered === undefined)
    add('history', 'has no stage-entered entry: every escalation enters a stage when it starts');
  else if (entered !== escalation.stage)
    add('stage', `is '${escalation.stage}', but the last stage entered is '${entered}'`);
  const status = closing === undefined ? 'open' : closing.type === 'RESOLVE' ? 'resolved' : 'withdrawn';
  if (escalation.status !== status)
    add(
      'status',
      `is '${escalation.status}', but the history ${closing ? `closes it with ${closing.type} at history[${closing.index}]` : 'has no RESOLVE or WITHDRAW'}`,
    );
  if (escalation.outcome !== closing?.outcome)
    add(
      'outcome',
      closing?.outcome === undefined
        ? 'is given, but the escalation was not resolved'
        : `is not the outcome its RESOLVE gave`,
    );
}

/**
 * Each obligation is the policy's (the engine runs its rule), numbered as the engine numbers them
 * (`rule#n`, the n-th of its rule: a new one takes the next number, so a gap or a repeat would give
 * two the same id), of its rule's kind and strength (a maximum may not be extended), with a due date
 * and instant that agree, and no deadline before the moment its clock started.
 */
function obligationProblems(escalation: Escalation, c: Compiled, add: Add): void {
  const counts = new Map<string, number>();
  const obligations = escalation.obligations;
  for (let index = 0; index < obligations.length; index++) {
    const o = obligations[index]!;
    const path = `obligations[${index}]`;
    const rule = c.rules.get(o.rule);
    if (!rule) {
      add(`${path}.rule`, `'${o.rule}' is not an obligation of policy ${c.policy.id}`);
      continue;
    }
    const n = (counts.get(o.rule) ?? 0) + 1;
    counts.set(o.rule, n);
    if (o.id !== `${o.rule}#${n}`)
      add(`${path}.id`, `is '${o.id}', expected '${o.rule}#${n}' (the ${n}th of rule ${o.rule})`);
    if (o.kind !== rule.kind) add(`${path}.kind`, `is '${o.kind}', rule ${rule.id} is '${rule.kind}'`);
    if (o.strength !== rule.strength)
      add(`${path}.strength`, `is '${o.strength}', rule ${rule.id} is '${rule.strength}'`);
    if (o.stage !== undefined && !c.stages.has(o.stage))
      add(`${path}.stage`, `'${o.stage}' is not a stage of policy ${c.policy.id}`);
    if (o.armedAt > escalation.asOf) add(`${path}.armedAt`, `${o.armedAt} is after asOf ${escalation.asOf}`);
    if ((o.dueDate === null) !== (o.dueAt === null)) add(path, 'has one of dueDate and dueAt without the other');
    else if (o.dueAt !== null && o.dueDate !== null) {
      if (londonDayNumber(parseInstant(o.dueAt)) !== tryParseDate(o.dueDate))
        add(`${path}.dueAt`, `${o.dueAt} is not on its due date ${o.dueDate} in London`);
      if (o.dueAt < o.armedAt) add(`${path}.dueAt`, `${o.dueAt} is before ${o.armedAt}, when its clock started`);
    }
    if (o.status === 'met' && o.metAt === undefined) add(`${path}.metAt`, 'a met obligation says when it was met');
  }
}
