import type { WorkingDayIndex } from '../calendar/calendar.js';
import { parseInstant, tryParseDate } from '../calendar/dates.js';
import { londonDayNumber } from '../calendar/london.js';
import { citationText } from '../policy/citation.js';
import type { ObligationRule } from '../policy/schema.js';
import type { Compiled } from './compiled.js';
import { effectiveLimit, limitDue, roundsDue, type Due } from './due.js';
import { meets, onLeavingStage, outlivesClosure, recordMeets, starts, startsOnce, stageOf, type Happening, type StageEntryHow, type StageLeftHow } from './semantics.js';
import { obligationInOrder } from './order.js';
import type { Escalation, HistoryEntry, ObligationState, StageOutcome } from './types.js';

// The working core shared by every call that changes an escalation. A Draft is a private,
// copy-on-write working copy: the caller's escalation is never touched, and what it shares with the
// result (obligations and history entries it did not change) it never changes either.

export const iso = (ms: number): string => new Date(ms).toISOString();
export const ms = (instant: string): number => parseInstant(instant);

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A history entry as written: the draft numbers and times it. */
export type EntryInput = DistributiveOmit<HistoryEntry, 'seq' | 'at'>;

export class Draft {
  readonly c: Compiled;
  index: WorkingDayIndex;
  readonly esc: Escalation;
  readonly obligations: ObligationState[];
  readonly history: HistoryEntry[];
  /** When what this draft writes was learned: no entry is earlier. */
  readonly learnedMs: number;
  private readonly copied = new Set<ObligationState>();
  private readonly original: readonly ObligationState[];

  constructor(c: Compiled, index: WorkingDayIndex, esc: Escalation, learnedMs: number) {
    this.c = c;
    this.index = index;
    this.esc = { ...esc };
    this.obligations = [...esc.obligations];
    this.original = esc.obligations;
    this.history = [...esc.history];
    this.learnedMs = learnedMs;
  }

  /** A writable copy of an obligation, made once per draft. */
  edit(o: ObligationState): ObligationState {
    if (this.copied.has(o)) return o;
    const copy = { ...o };
    this.obligations[this.obligations.indexOf(o)] = copy;
    this.copied.add(copy);
    return copy;
  }

  /**
   * Appends a history entry. Entries stay in the order things were learned: an entry whose instant is
   * behind the last one (a late fact, or a timer whose due instant a shorter limit moved back) is
   * entered at the last entry's time, and says when it happened beside it.
   */
  log(atMs: number, entry: EntryInput): HistoryEntry {
    const last = this.history[this.history.length - 1];
    const at = last && Date.parse(last.at) > atMs ? last.at : iso(atMs);
    // seq and at first, as the schema lists them: the stored form is one order of keys.
    const written: HistoryEntry = { seq: this.history.length + 1, at, ...entry };
    this.history.push(written);
    return written;
  }

  finish(asOfMs: number): Escalation {
    const asOf = Math.max(asOfMs, ms(this.esc.asOf));
    // What this draft made or changed, with its keys in the stored order; the rest is as it was.
    const before = this.original;
    const obligations = this.obligations.map((o, i) => (o === before[i] ? o : obligationInOrder(o)));
    return { ...this.esc, asOf: iso(asOf), obligations, history: this.history };
  }

  running(): ObligationState[] {
    return this.obligations.filter((o) => o.status === 'running');
  }

  rule(o: ObligationState): ObligationRule {
    const rule = this.c.rules.get(o.rule);
    if (!rule) throw new Error(`No rule '${o.rule}' in policy ${this.c.policy.id}`); // restore has checked every rule
    return rule;
  }

  get imminentRisk(): boolean {
    return this.esc.risk === 'imminent-risk';
  }
}

// --- Due dates ------------------------------------------------------------------------------------

export function setDue(o: ObligationState, due: Due | null, rule: ObligationRule, imminentRisk: boolean): void {
  o.dueDate = due ? formatDay(due.day) : null;
  o.dueAt = due ? iso(due.ms) : null;
  if (imminentRisk && rule.imminentRisk && 'limit' in rule.imminentRisk) o.atImminentRisk = true;
  else delete o.atImminentRisk;
}

const formatDay = (day: number): string => iso(day * 86_400_000).slice(0, 10);

/** The due date of an obligation's current round, on the draft's calendar, from when it started. */
export function dueOf(d: Draft, rule: ObligationRule, armedAtMs: number): Due | null | 'not-applicable' {
  const limit = effectiveLimit(rule, d.imminentRisk);
  if (limit === 'not-applicable') return 'not-applicable';
  // Own keys only: a rule id such as 'constructor' must not find Object.prototype's.
  const timescales = d.esc.caseTimescales;
  return limit === 'none' ? null : limitDue(limit, armedAtMs, d.index, Object.hasOwn(timescales, rule.id) ? timescales[rule.id] : undefined);
}

// --- Starting, meeting, ending --------------------------------------------------------------------

/** Starts a duty at `anchorMs` (when its anchor happened). */
export function arm(d: Draft, rule: ObligationRule, anchorMs: number, stage: string | undefined, occurrence?: number): ObligationState | undefined {
  const due = dueOf(d, rule, anchorMs);
  if (due === 'not-applicable') {
    // A duty only for imminent risk stays silent until the risk is; one that imminent risk suspends
    // says so in the history.
    if (!(rule.imminentRisk && 'onlyThen' in rule.imminentRisk)) {
      d.log(anchorMs, { type: 'obligation-void', rule: rule.id, reason: 'not applicable when the child is at imminent risk', citation: citationText(rule.citation) });
    }
    return undefined;
  }
  const n = d.obligations.filter((o) => o.rule === rule.id).length + 1;
  const o: ObligationState = {
    id: `${rule.id}#${n}`,
    rule: rule.id,
    kind: rule.kind,
    label: rule.label,
    strength: rule.strength,
    ...(stage ? { stage } : {}),
    armedAt: iso(anchorMs),
    status: 'running',
    dueDate: null,
    dueAt: null,
    ...(rule.kind === 'reminder' ? { occurrence: occurrence ?? 1 } : {}),
  };
  setDue(o, due, rule, d.imminentRisk);
  d.obligations.push(o);
  // Where the policy says so (`orEarlier`), a record made earlier in the escalation counts ("completed
  // by Stage 3": a form made at Stage 1 is not owed again because the case moved on).
  if (rule.meet.by === 'record' && rule.meet.orEarlier === true) {
    const earlier = earlierRecord(d, rule.meet);
    if (earlier !== undefined) meetDuty(d, o, earlier, EARLIER_RECORD);
  }
  return o;
}

/** How a duty met by a record made before it started is described. */
const EARLIER_RECORD = 'recorded earlier in the escalation';

/** When the first record that meets this spec happened, among the records made so far. */
function earlierRecord(d: Draft, meet: Extract<ObligationRule['meet'], { by: 'record' }>): number | undefined {
  let first: number | undefined;
  for (const h of d.history) {
    if (h.type !== 'event' || h.event.type !== 'RECORD' || !recordMeets(meet, h.event.record, d.c.recipients)) continue;
    const at = ms(h.event.at);
    if (first === undefined || at < first) first = at;
  }
  return first;
}

/** Marks a duty met by a fact that happened at `atMs`, and logs whether that was on time. */
export function meetDuty(d: Draft, o: ObligationState, atMs: number, how: string): void {
  const w = d.edit(o);
  const rule = d.rule(w);
  w.status = 'met';
  w.metAt = iso(atMs);
  const onTime = w.dueAt === null || atMs <= ms(w.dueAt);
  let roundsMissed: number | undefined;
  if (rule.every && w.dueAt !== null && !onTime) roundsMissed = roundsDue(rule.every, ms(w.dueAt), tryParseDate(w.dueDate!), atMs, d.index).rounds;
  // A fact learned after its deadline was logged as passed, that happened in time: the passed entry
  // stays, and this one says it is corrected.
  const passed = onTime && w.passedAt ? lastEntry(d.history, (h) => (h.type === 'deadline-passed' || h.type === 'cap-breached') && h.obligation === w.id) : undefined;
  d.log(atMs, {
    type: 'obligation-met',
    obligation: w.id,
    rule: w.rule,
    kind: w.kind,
    dueAt: w.dueAt,
    metAt: w.metAt,
    onTime,
    how,
    ...(roundsMissed ? { roundsMissed } : {}),
    ...(passed ? { corrects: passed.seq } : {}),
  });
}

function lastEntry(history: readonly HistoryEntry[], test: (entry: HistoryEntry) => boolean): HistoryEntry | undefined {
  for (let i = history.length - 1; i >= 0; i--) if (test(history[i]!)) return history[i];
  return undefined;
}

export function voidDuty(d: Draft, o: ObligationState, atMs: number, reason: string): void {
  const w = d.edit(o);
  w.status = 'void';
  d.log(atMs, { type: 'obligation-void', obligation: w.id, rule: w.rule, kind: w.kind, reason });
}

/**
 * Something happened: every running duty it meets is met, then every duty it starts is started. A
 * reminder met by an update starts its next round from that update. After the case closed (`open`
 * false for something that happened after the closure), a record or a flag starts only what outlives
 * the closure.
 */
export function happen(d: Draft, happening: Happening, open = d.esc.status === 'open'): void {
  for (const o of d.running()) {
    const rule = d.rule(o);
    if (!meets(rule.meet, { armedAtMs: ms(o.armedAt) }, happening, d.c.recipients)) continue;
    // A record learned late that happened before the duty started (it counts earlier records) is
    // described as `arm` describes one already known when the duty started.
    const earlier = happening.kind === 'record' && happening.atMs < ms(o.armedAt);
    meetDuty(d, o, happening.atMs, earlier ? EARLIER_RECORD : describe(happening));
    if (rule.kind === 'reminder' && d.esc.status === 'open') arm(d, rule, happening.atMs, o.stage, (o.occurrence ?? 1) + 1);
  }
  for (const rule of d.c.rules.values()) {
    if (!starts(rule.anchor, happening)) continue;
    if (startsOnce(rule.anchor) && hasStarted(d, rule.id)) continue;
    if (rule.imminentRisk && 'onlyThen' in rule.imminentRisk && !d.imminentRisk) continue;
    if (!open && (happening.kind === 'record' || happening.kind === 'flagged') && d.esc.status !== 'open' && !outlivesClosure(rule, d.esc.status)) continue;
    arm(d, rule, happening.atMs, stageOf(happening, d.esc.stage));
  }
}

/**
 * Whether a duty of this rule has started in the escalation. A duty that a migration ended (`migrated`
 * entry, outcome `ended`) does not count: the new version's rule of the same id, which may mean
 * something else (a record owed at Stage 5 that became feedback owed after resolution), starts
 * afresh when its anchor next happens.
 */
export function hasStarted(escalation: Pick<Escalation, 'obligations' | 'history'>, rule: string): boolean {
  const duties = escalation.obligations.filter((o) => o.rule === rule);
  if (duties.length === 0) return false;
  if (duties.some((o) => o.status !== 'void')) return true; // only an ended duty asks for the history
  const ended = endedByMigration(escalation.history);
  return duties.some((o) => !ended.has(o.id));
}

/** The duties a migration ended, by obligation id. */
export function endedByMigration(history: readonly HistoryEntry[]): Set<string> {
  const ended = new Set<string>();
  for (const entry of history) {
    if (entry.type === 'migrated') for (const duty of entry.duties) if (duty.outcome === 'ended') ended.add(duty.obligation);
  }
  return ended;
}

function describe(happening: Happening): string {
  switch (happening.kind) {
    case 'record':
      return `${happening.record.kind}${happening.record.form ? ` ${happening.record.form}` : ''}${happening.record.to ? ` to ${happening.record.to}` : ''}`;
    case 'stage-entered':
      return `reached ${happening.stage}`;
    case 'resolved':
      return 'resolved';
    default:
      return happening.kind;
  }
}

/** Leaves the current stage: what leaving does to each of its duties, logged as the stage's end. */
export function leaveStage(d: Draft, how: StageLeftHow, atMs: number): void {
  const stage = d.esc.stage;
  const outcomes: StageOutcome[] = [];
  for (const o of d.running()) {
    if (o.stage !== stage) continue;
    const rule = d.rule(o);
    const effect = onLeavingStage(rule, how);
    const late = o.dueAt !== null && atMs > ms(o.dueAt);
    const summary = { obligation: o.id, rule: o.rule, kind: o.kind, strength: o.strength, dueAt: o.dueAt };
    if (effect === 'meet') {
      const w = d.edit(o);
      w.status = 'met';
      w.metAt = iso(atMs);
      outcomes.push({
        ...summary,
        outcome: o.dueAt === null ? 'no-timescale' : late ? 'missed' : 'met',
        ...(late && o.dueDate ? { workingDaysLate: d.index.between(tryParseDate(o.dueDate), londonDayNumber(atMs)) } : {}),
      });
    } else if (effect === 'close' || effect === 'void') {
      d.edit(o).status = 'void';
      outcomes.push({ ...summary, outcome: effect === 'close' ? 'skipped' : late ? 'missed' : 'withdrawn' });
    } else if (o.dueAt !== null) {
      outcomes.push({ ...summary, outcome: late ? 'missed-still-running' : 'still-running' });
    }
  }
  d.log(atMs, { type: 'stage-ended', stage, deadlines: outcomes });
}

/** Enters a stage: logs it, then what entering it meets and starts. */
export function enterStage(
  d: Draft,
  stage: string,
  atMs: number,
  how: StageEntryHow,
  extra: { from?: string; rule?: string; reason?: string; riskReliedOn?: { risk: Escalation['risk']; recordedIn: number } },
): void {
  const from = d.esc.state === 'raised' ? undefined : d.esc.stage;
  d.esc.state = stage;
  d.esc.stage = stage;
  d.log(atMs, { type: 'stage-entered', stage, how, ...(atMs < d.learnedMs ? { happenedAt: iso(atMs) } : {}), ...extra });
  happen(d, { kind: 'stage-entered', stage, from, how, atMs });
}

// --- Timers ---------------------------------------------------------------------------------------

/**
 * Marks every deadline due before `untilMs` as passed, in time order, each once, with one entry in the
 * history. A recurring duty stays owed at the round it missed: the rounds missed since are worked out
 * when asked, never written one by one, so a case open for years keeps a short history.
 */
export function fireTimers(d: Draft, untilMs: number): void {
  const until = iso(untilMs);
  for (;;) {
    let next: ObligationState | undefined;
    for (const o of d.obligations) {
      // Passed once its last millisecond is over: a deadline met at its due instant is met in time.
      if (o.status !== 'running' || o.passedAt || o.dueAt === null || o.dueAt >= until) continue;
      if (!next || o.dueAt < next.dueAt! || (o.dueAt === next.dueAt && o.id < next.id)) next = o;
    }
    if (!next) return;
    const w = d.edit(next);
    w.passedAt = w.dueAt!;
    d.log(ms(w.dueAt!), { type: w.kind === 'cap' ? 'cap-breached' : 'deadline-passed', obligation: w.id, rule: w.rule, kind: w.kind, strength: w.strength, dueAt: w.dueAt! });
  }
}

/**
 * Works out again the due dates of duties still running whose deadline is still to come at `fromMs`
 * (the calendar or the child's risk changed, or a case timescale was set). What had fallen due by then
 * stays as it was; agreed extensions stand. Returns the ids of the duties whose date moved.
 */
export function recomputeRunning(d: Draft, fromMs: number): string[] {
  const moved: string[] = [];
  for (const o of d.obligations) {
    if (o.status !== 'running' || o.extended || (o.dueAt !== null && ms(o.dueAt) <= fromMs)) continue;
    const rule = d.rule(o);
    const due = dueOf(d, rule, ms(o.armedAt));
    if (due === 'not-applicable') continue;
    const dueAt = due ? iso(due.ms) : null;
    if (dueAt !== o.dueAt || Boolean(o.atImminentRisk) !== Boolean(d.imminentRisk && rule.imminentRisk && 'limit' in rule.imminentRisk)) {
      setDue(d.edit(o), due, rule, d.imminentRisk);
      moved.push(o.id);
    }
  }
  return moved;
}

/** Adopts a calendar for the case from `fromMs`: deadlines still to come then are counted on it. */
export function adoptCalendar(d: Draft, to: Escalation['calendar'], fromMs: number, reason: string): void {
  const from = d.esc.calendar;
  d.esc.calendar = to;
  const moved = recomputeRunning(d, fromMs);
  d.log(fromMs, { type: 'calendar-changed', from, to, reason, moved });
}
