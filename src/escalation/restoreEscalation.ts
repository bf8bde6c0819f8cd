import { parseInstant, tryParseDate } from '../calendar/dates.js';
import { londonDate, londonDayNumber } from '../calendar/london.js';
import { calendarFor, policyFor, type Compiled, type EngineOptions, type PolicySource } from './compiled.js';
import { EscalationError } from './errors.js';
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
  const { escalation } = checkSnapshot(source, input, options);
  calendarFor(escalation, options);
  return escalation;
}

/**
 * An escalation and the policy it runs under: trusted when this library made it, else checked in full.
 * The calendar is the caller's to bind (a CALENDAR event brings a new one).
 */
export function checkedEscalation(source: PolicySource, escalation: unknown, options: EngineOptions | undefined): { escalation: Escalation; c: Compiled } {
  if (isTrusted(escalation)) return { escalation, c: policyFor(source, escalation) };
  return checkSnapshot(source, escalation, options);
}

function checkSnapshot(source: PolicySource, input: unknown, options: EngineOptions | undefined): { escalation: Escalation; c: Compiled } {
  let data = input;
  // Whether `data` is this call's own object (parsed here), which may be frozen and kept as it is; the
  // caller's objects are never frozen or kept.
  let own = false;
  if (typeof input === 'string') {
    try {
      data = JSON.parse(input);
      own = true;
    } catch (error) {
      throw new EscalationError('INVALID_SNAPSHOT', `Invalid escalation snapshot: not JSON (${(error as Error).message})`);
    }
  }
  if (typeof data === 'object' && data !== null && (data as { format?: unknown }).format === 1) {
    data = upgradeFormat1(data as Record<string, unknown>, options);
    own = false;
  }
  // The fast path: the exact form this library writes. A parsed string is checked and frozen in one
  // walk; a caller's object is copied first, as the library never freezes what it was given.
  let escalation: Escalation;
  if (own && freezeIfCanonical(data)) escalation = data;
  else {
    const copy = own ? JSON.parse(input as string) : data;
    escalation = !own && isCanonicalEscalation(copy) ? (JSON.parse(JSON.stringify(copy)) as Escalation) : validate(escalationSchema, copy, 'INVALID_SNAPSHOT', 'escalation snapshot');
  }
  const c = policyFor(source, escalation);
  const problems = snapshotProblems(escalation, c);
  if (problems.length > 0) {
    throw new EscalationError('INVALID_SNAPSHOT', `Invalid escalation snapshot '${escalation.id}': ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
  }
  return { escalation: release(escalation), c };
}

/** What the schema alone cannot see: the escalation agrees with its policy and with itself. */
function snapshotProblems(escalation: Escalation, c: Compiled): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  if (escalation.calendar.division !== c.policy.division) add('calendar.division', `is ${escalation.calendar.division}, the policy's is ${c.policy.division}`);
  if (!c.stages.has(escalation.stage)) add('stage', `'${escalation.stage}' is not a stage of policy ${c.policy.id}`);
  const expectedState = escalation.status === 'open' ? escalation.stage : escalation.status;
  if (escalation.state !== expectedState) add('state', `is '${escalation.state}', but status '${escalation.status}' and stage '${escalation.stage}' make it '${expectedState}'`);
  const onDay = (instant: string, date: string) => londonDayNumber(parseInstant(instant)) === tryParseDate(date);
  if (!onDay(escalation.raisedAt, escalation.raisedOn)) add('raisedOn', `is ${escalation.raisedOn}, but raisedAt ${escalation.raisedAt} is on ${londonDate(escalation.raisedAt)} in London`);
  // Instants are in the one stored form by now (the schema writes any other form in it), so they
  // compare as text, in time order.
  const history = escalation.history;
  let last = '';
  let migrated = false;
  for (let index = 0; index < history.length; index++) {
    const entry = history[index]!;
    if (entry.seq !== index + 1) add(`history[${index}].seq`, `is ${entry.seq}, expected ${index + 1}`);
    if (entry.at < last) add(`history[${index}].at`, `${entry.at} is earlier than the entry before it`);
    else last = entry.at;
    if (entry.type === 'migrated') migrated = true;
  }
  if (history[0]?.type !== 'raised') add('history[0]', "must be the 'raised' entry");
  if (last > escalation.asOf) add('asOf', `${escalation.asOf} is earlier than the last history entry`);
  const obligations = escalation.obligations;
  // Repeated ids: compared pairwise in a short list, by a set in a long one.
  const ids = obligations.length > 16 ? new Set<string>() : undefined;
  for (let index = 0; index < obligations.length; index++) {
    const o = obligations[index]!;
    // A case moved to a new version (a `migrated` entry) keeps the duties it met or ended under the
    // earlier one as they were: such a duty may name a rule or a stage the new version no longer has.
    const earlier = migrated && o.status !== 'running';
    if (!c.rules.has(o.rule) && !earlier) add(`obligations[${index}].rule`, `'${o.rule}' is not an obligation of policy ${c.policy.id}`);
    if (ids ? ids.has(o.id) : repeated(obligations, index)) add(`obligations[${index}].id`, `'${o.id}' is repeated`);
    ids?.add(o.id);
    if ((o.dueDate === null) !== (o.dueAt === null)) add(`obligations[${index}]`, 'has one of dueDate and dueAt without the other');
    if (o.dueAt !== null && o.dueDate !== null && !onDay(o.dueAt, o.dueDate)) add(`obligations[${index}].dueAt`, `${o.dueAt} is not on its due date ${o.dueDate} in London`);
    if (o.status === 'met' && o.metAt === undefined) add(`obligations[${index}].metAt`, 'a met obligation says when it was met');
    if (o.stage !== undefined && !c.stages.has(o.stage) && !earlier) add(`obligations[${index}].stage`, `'${o.stage}' is not a stage of policy ${c.policy.id}`);
  }
  for (const key of Object.keys(escalation.caseTimescales)) if (!c.rules.has(key)) add(`caseTimescales.${key}`, `is not an obligation of policy ${c.policy.id}`);
  return problems;
}

/** Whether an obligation's id is used by one before it. */
function repeated(obligations: readonly { id: string }[], index: number): boolean {
  const id = obligations[index]!.id;
  for (let earlier = 0; earlier < index; earlier++) if (obligations[earlier]!.id === id) return true;
  return false;
}
