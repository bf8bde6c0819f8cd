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
  // The last migration, if any: what came before it may name an earlier version's stages and rules.
  const lastMigration = escalation.history.findLastIndex((entry) => entry.type === 'migrated');
  historyProblems(escalation, c, add, lastMigration);
  obligationProblems(escalation, c, add, lastMigration >= 0);
  // A case timescale counts only for an obligation of the policy.
  for (const key of Object.keys(escalation.caseTimescales))
    if (!c.rules.has(key)) add(`caseTimescales.${key}`, `is not an obligation of ${policy}`);
  return problems;
}

type Add = (path: string, message: string) => void;

/**
 * The history is the record of what happened, and later calls read it: numbered from 1 without a gap
 * (entries refer to each other by number, and only to earlier ones), in time order (`getStatus`
 * refuses a `now` before the last entry; a move may not come before the stage it leaves began), raised
 * first, at the raising; every stage it names is one of the policy's (the timeline draws them); the
 * stage and the status are those its entries say.
 *
 * A case moved to another version of its policy (`migrated` entries) keeps its history whole: what
 * came before its last migration names the stages of an earlier version, which this one need not have,
 * so those names are not checked; the last migration says which stage the case moved to, and under
 * which version it runs since.
 */
function historyProblems(escalation: Escalation, c: Compiled, add: Add, lastMigration: number): void {
  const history = escalation.history;
  const first = history[0];
  if (first?.type !== 'raised') add('history[0]', "must be the 'raised' entry");
  else if (first.at !== escalation.raisedAt) add('history[0].at', `${first.at} is not raisedAt ${escalation.raisedAt}`);
  let index = 0;
  // Paths are written only for a problem found: the sweep reads every open case through here.
  const stage = (value: string | undefined, key: string) => {
    if (value !== undefined && index > lastMigration && !c.stages.has(value))
      add(`history[${index}].${key}`, `'${value}' is not a stage of policy ${c.policy.id}`);
  };
  const earlier = (seq: number, key: string) => {
    if (seq >= history[index]!.seq) add(`history[${index}].${key}`, `${seq} is not an earlier entry`);
  };
  let last = '';
  let entered: string | undefined;
  let closing: { index: number; type: 'RESOLVE' | 'WITHDRAW'; outcome?: string } | undefined;
  // Closing events learned after the case had closed: each must be a late fact the engine recorded as
  // overtaken by the closure (a move-overtaken entry names it), never a second closure.
  const closedAgain = new Map<number, { index: number; type: string }>();
  for (; index < history.length; index++) {
    const entry = history[index]!;
    if (entry.seq !== index + 1) add(`history[${index}].seq`, `is ${entry.seq}, expected ${index + 1}`);
    if (entry.at < last) add(`history[${index}].at`, `${entry.at} is earlier than the entry before it`);
    else last = entry.at;
    switch (entry.type) {
      case 'raised':
        if (index > 0) add(`history[${index}]`, "only the first entry is 'raised'");
        stage(entry.startStage, 'startStage');
        break;
      case 'stage-entered':
        stage(entry.stage, 'stage');
        stage(entry.from, 'from');
        if (entry.happenedAt !== undefined && entry.happenedAt > entry.at)
          add(`history[${index}].happenedAt`, `${entry.happenedAt} is after the entry's own time ${entry.at}`);
        if (entry.riskReliedOn) earlier(entry.riskReliedOn.recordedIn, 'riskReliedOn.recordedIn');
        entered = entry.stage;
        break;
      case 'stage-ended':
        stage(entry.stage, 'stage');
        break;
      case 'obligation-met':
        if (entry.corrects !== undefined) earlier(entry.corrects, 'corrects');
        break;
      case 'started-earlier':
        // A late fact moves a duty's clock back, never forward.
        if (entry.armedAt > entry.was)
          add(`history[${index}].armedAt`, `${entry.armedAt} is after ${entry.was}: a clock only starts earlier`);
        break;
      case 'move-overtaken':
        earlier(entry.event, 'event');
        earlier(entry.by, 'by');
        stage(entry.stage, 'stage');
        closedAgain.delete(entry.event);
        break;
      case 'migrated':
        if (entered !== undefined) entered = entry.stage.to;
        // The last migration moved the case to a stage of this version.
        if (index === lastMigration && !c.stages.has(entry.stage.to))
          add(`history[${index}].stage.to`, `'${entry.stage.to}' is not a stage of policy ${c.policy.id}`);
        if (
          index === lastMigration &&
          (entry.to.id !== escalation.policy.id || entry.to.version !== escalation.policy.version)
        )
          add(
            `history[${index}].to`,
            `is ${entry.to.id} version ${entry.to.version}, but the case runs under ${escalation.policy.id} version ${escalation.policy.version}`,
          );
        break;
      case 'event':
        if (entry.event.type === 'RESOLVE' || entry.event.type === 'WITHDRAW') {
          if (closing) closedAgain.set(entry.seq, { index, type: entry.event.type });
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
  for (const again of closedAgain.values())
    add(`history[${again.index}]`, `a second ${again.type}: the escalation was closed at history[${closing!.index}]`);
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
 *
 * A migrated case (`migrateEscalation`) keeps the duties it met or ended under an earlier version as
 * they were: they may name a rule or a stage this version does not have, or a rule whose kind or
 * strength it changed, and a running duty moved to a renamed rule keeps its id. There, ids need only
 * be unique and leave free the id the engine gives the next duty of each rule.
 */
/** Whether an id is `rule#n`, read without making the string. */
function isNumbered(id: string, rule: string, n: number): boolean {
  const length = rule.length;
  if (id.length <= length + 1 || id.charCodeAt(length) !== 35 || !id.startsWith(rule)) return false; // '#'
  let value = 0;
  for (let i = length + 1; i < id.length; i++) {
    const digit = id.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9 || (digit === 0 && value === 0)) return false;
    value = value * 10 + digit;
  }
  return value === n;
}

function obligationProblems(escalation: Escalation, c: Compiled, add: Add, migrated: boolean): void {
  const counts = new Map<string, number>();
  // Every id is checked to be `rule#n`, which no two obligations share: the table of ids, to find a
  // repeat, is kept from the first id that is not (made then from those before it), or throughout in
  // a migrated case, whose kept duties may be numbered otherwise.
  const ids = new Map<string, number>();
  let tracking = migrated;
  const obligations = escalation.obligations;
  const asOf = escalation.asOf;
  for (let index = 0; index < obligations.length; index++) {
    const o = obligations[index]!;
    const earlierVersion = migrated && o.status !== 'running';
    const rule = c.rules.get(o.rule);
    if (!rule && !earlierVersion) {
      add(`obligations[${index}].rule`, `'${o.rule}' is not an obligation of policy ${c.policy.id}`);
      continue;
    }
    const n = (counts.get(o.rule) ?? 0) + 1;
    counts.set(o.rule, n);
    const numbered = migrated || isNumbered(o.id, o.rule, n);
    if (!numbered && !tracking) {
      for (let earlier = 0; earlier < index; earlier++) ids.set(obligations[earlier]!.id, earlier);
      tracking = true;
    }
    if (tracking) {
      const repeated = ids.get(o.id);
      if (repeated !== undefined) add(`obligations[${index}].id`, `'${o.id}' is repeated (obligations[${repeated}])`);
      ids.set(o.id, index);
    }
    if (!numbered)
      add(`obligations[${index}].id`, `is '${o.id}', expected '${o.rule}#${n}' (the ${n}th of rule ${o.rule})`);
    if (rule && !earlierVersion) {
      if (o.kind !== rule.kind) add(`obligations[${index}].kind`, `is '${o.kind}', rule ${rule.id} is '${rule.kind}'`);
      if (o.strength !== rule.strength)
        add(`obligations[${index}].strength`, `is '${o.strength}', rule ${rule.id} is '${rule.strength}'`);
      if (o.stage !== undefined && !c.stages.has(o.stage))
        add(`obligations[${index}].stage`, `'${o.stage}' is not a stage of policy ${c.policy.id}`);
    }
    if (o.armedAt > asOf) add(`obligations[${index}].armedAt`, `${o.armedAt} is after asOf ${asOf}`);
    if ((o.dueDate === null) !== (o.dueAt === null))
      add(`obligations[${index}]`, 'has one of dueDate and dueAt without the other');
    else if (o.dueAt !== null && o.dueDate !== null) {
      if (londonDayNumber(parseInstant(o.dueAt)) !== tryParseDate(o.dueDate))
        add(`obligations[${index}].dueAt`, `${o.dueAt} is not on its due date ${o.dueDate} in London`);
      if (o.dueAt < o.armedAt)
        add(`obligations[${index}].dueAt`, `${o.dueAt} is before ${o.armedAt}, when its clock started`);
    }
    if (o.status === 'met' && o.metAt === undefined)
      add(`obligations[${index}].metAt`, 'a met obligation says when it was met');
  }
  // The id the engine gives the next duty of each rule must be free (after a migration, a kept id
  // could otherwise be given twice).
  if (migrated)
    for (const id of c.rules.keys()) {
      const next = `${id}#${(counts.get(id) ?? 0) + 1}`;
      const taken = ids.get(next);
      if (taken !== undefined)
        add(`obligations[${taken}].id`, `is '${next}', the id the next duty of rule ${id} would take`);
    }
}
