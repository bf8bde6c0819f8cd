import type { WorkingDayIndex } from '../calendar/calendar.js';
import { tryParseDate } from '../calendar/dates.js';
import { endOfLondonDayMs, londonDayNumber } from '../calendar/london.js';
import { citationText } from '../policy/citation.js';
import type { ObligationRule } from '../policy/schema.js';
import type { Compiled } from './compiled.js';
import { effectiveLimit, limitDue, roundsDue, type Due } from './due.js';
import {
  meets,
  onLeavingStage,
  outlivesClosure,
  recordMeets,
  starts,
  startsOnce,
  stageOf,
  type Happening,
  type StageEntryHow,
  type StageLeftHow,
} from './semantics.js';
import { changedList } from './backing.js';
import {
  caseIndex,
  isLandmark,
  isMetLate,
  landmarks,
  metLate,
  noteEventId,
  perRule,
  type CaseIndex,
} from './caseIndex.js';
import { iso, ms } from './instants.js';
import { deepFreeze, trust } from './trusted.js';
import { obligationInOrder } from './order.js';
import { EscalationError } from './errors.js';
import type { Escalation, EscalationEventOf, HistoryEntry, ObligationState, StageOutcome } from './types.js';

// The working core shared by every call that changes an escalation. A Draft is a private,
// copy-on-write working copy: the caller's escalation is never touched, and what it shares with the
// result (obligations and history entries it did not change) it never changes either.

/** An instant in the one stored form. The last one written is remembered: a call writes the same instant many times. */
export { iso, ms } from './instants.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A history entry as written: the draft numbers and times it. */
export type EntryInput = DistributiveOmit<HistoryEntry, 'seq' | 'at'>;

export class Draft {
  readonly c: Compiled;
  index: WorkingDayIndex;
  readonly esc: Escalation;
  /** When what this draft writes was learned: no entry is earlier. */
  readonly learnedMs: number;
  // The escalation's lists are not copied while the draft works: it keeps what it adds and changes
  // beside them, and writes each list once, when it finishes (copying a case's thousands of entries
  // and then growing the copy was most of the cost of an event on a long case).
  private readonly pastObligations: ObligationState[];
  private readonly addedObligations: ObligationState[] = [];
  /** Writable copies of obligations of the escalation, by position. */
  private readonly replaced = new Map<number, ObligationState>();
  /** The obligations this draft made or copied, by position. */
  private readonly mine = new Map<ObligationState, number>();
  /** The copy made of each obligation of the escalation this draft changed. */
  private readonly copies = new Map<ObligationState, ObligationState>();
  /** Positions of the obligations that were running, and of those started since (some may have ended). */
  private readonly runningAt: number[];
  private readonly pastHistory: HistoryEntry[];
  private readonly written: HistoryEntry[] = [];
  private readonly known: CaseIndex;
  private perRule: Map<string, number> | undefined;
  /** The duties a migration ended (`endedByMigration`), once asked. */
  private ended: ReadonlySet<string> | undefined;
  private obligationsView: ObligationState[] | undefined;
  private historyView: HistoryEntry[] | undefined;

  constructor(c: Compiled, index: WorkingDayIndex, esc: Escalation, learnedMs: number) {
    this.c = c;
    this.index = index;
    this.esc = { ...esc };
    this.pastObligations = esc.obligations;
    this.pastHistory = esc.history;
    this.learnedMs = learnedMs;
    this.known = caseIndex(esc);
    this.runningAt = [...this.known.running];
  }

  /**
   * The obligations as this draft has them, in order, with those it changed and started: a list made
   * when asked and kept until the draft changes (the common paths ask for what they need instead).
   */
  get obligations(): readonly ObligationState[] {
    if (this.obligationsView === undefined) {
      const view = Array.from(this.pastObligations);
      for (const [position, o] of this.replaced) view[position] = o;
      for (const o of this.addedObligations) view.push(o);
      this.obligationsView = view;
    }
    return this.obligationsView;
  }

  /** The history so far, with the entries this draft wrote: made when asked, kept until the next entry. */
  get history(): readonly HistoryEntry[] {
    return (this.historyView ??= extended(this.pastHistory, this.written));
  }

  /** How many obligations the escalation has, with those this draft started. */
  get obligationCount(): number {
    return this.pastObligations.length + this.addedObligations.length;
  }

  /**
   * The positions of the obligations this draft changed or started, in order: with those of
   * `pastMetLate`, the only ones that can have been met late.
   */
  changedPositions(): number[] {
    const positions = [...this.replaced.keys()].sort((a, b) => a - b);
    for (let i = 0; i < this.addedObligations.length; i++) positions.push(this.pastObligations.length + i);
    return positions;
  }

  /** The positions of the obligations of the escalation this draft started from that were met late. */
  pastMetLate(): readonly number[] {
    return metLate(this.esc, this.known);
  }

  /** The history entry at a position (from 0), with those this draft wrote. */
  entry(position: number): HistoryEntry {
    const past = this.pastHistory.length;
    return position < past ? this.pastHistory[position]! : this.written[position - past]!;
  }

  /** The positions of the landmarks in the history, with those this draft wrote (see `isLandmark`). */
  landmarks(): readonly number[] {
    const past = landmarks(this.esc, this.known);
    let positions: number[] | undefined;
    for (let i = 0; i < this.written.length; i++)
      if (isLandmark(this.written[i]!)) (positions ??= [...past]).push(this.pastHistory.length + i);
    return positions ?? past;
  }

  /** The obligation at a position, as this draft has it. */
  obligationAt(position: number): ObligationState {
    const past = this.pastObligations.length;
    if (position >= past) return this.addedObligations[position - past]!;
    return (this.replaced.size > 0 && this.replaced.get(position)) || this.pastObligations[position]!;
  }

  /** A writable copy of an obligation, made once per draft. */
  edit(o: ObligationState): ObligationState {
    if (this.mine.has(o)) return o;
    const made = this.copies.get(o);
    if (made) return made;
    const copy = { ...o };
    const position = this.pastObligations.lastIndexOf(o); // the running ones, which change, are mostly the latest
    this.replaced.set(position, copy);
    this.obligationsView = undefined;
    this.mine.set(copy, position);
    this.copies.set(o, copy);
    return copy;
  }

  /** Adds an obligation this draft started. */
  add(o: ObligationState): void {
    const position = this.pastObligations.length + this.addedObligations.push(o) - 1;
    this.obligationsView = undefined;
    this.mine.set(o, position);
    if (o.status === 'running') this.runningAt.push(position);
    const counts = (this.perRule ??= new Map(perRule(this.esc, this.known)));
    counts.set(o.rule, (counts.get(o.rule) ?? 0) + 1);
  }

  /** How many obligations a rule has started in this escalation. */
  started(rule: string): number {
    return (this.perRule ?? perRule(this.esc, this.known)).get(rule) ?? 0;
  }

  /**
   * Whether a rule has started a duty in this case. A duty a migration ended does not count: the new
   * version's rule of the same id, which may mean something else (a record owed at Stage 5 that became
   * feedback owed after resolution), starts afresh when its anchor next happens. The count answers it
   * unless a migration ended some duty, which only then asks the obligations.
   */
  hasStarted(rule: string): boolean {
    if (this.started(rule) === 0) return false;
    const ended = this.endedByMigration();
    if (ended.size === 0) return true;
    return this.obligations.some((o) => o.rule === rule && (o.status !== 'void' || !ended.has(o.id)));
  }

  /** The duties a migration ended, by obligation id: read from the landmarks, kept until the next migration. */
  endedByMigration(): ReadonlySet<string> {
    if (this.ended) return this.ended;
    if (this.written.some((entry) => entry.type === 'migrated'))
      return (this.ended = endedByMigration(this.landmarks().map((position) => this.entry(position))));
    // Before this draft migrates, it is the escalation's own, kept in its index for the next version.
    const past = this.pastHistory;
    return (this.ended = this.known.endedByMigration ??=
      endedByMigration(landmarks(this.esc, this.known).map((position) => past[position]!)));
  }

  /** How many entries the history has, with those this draft wrote. */
  get historyLength(): number {
    return this.pastHistory.length + this.written.length;
  }

  /** The latest history entry that passes a test. */
  findEntry(test: (entry: HistoryEntry) => boolean): HistoryEntry | undefined {
    for (let i = this.written.length - 1; i >= 0; i--) if (test(this.written[i]!)) return this.written[i];
    for (let i = this.pastHistory.length - 1; i >= 0; i--) if (test(this.pastHistory[i]!)) return this.pastHistory[i];
    return undefined;
  }

  /** Every history entry so far, in order. */
  eachEntry(visit: (entry: HistoryEntry) => void): void {
    for (const entry of this.pastHistory) visit(entry);
    for (const entry of this.written) visit(entry);
  }

  /**
   * Appends a history entry. Entries stay in the order things were learned: an entry whose instant is
   * behind the last one (a late fact, or a timer whose due instant a shorter limit moved back) is
   * entered at the last entry's time, and says when it happened beside it.
   */
  log(atMs: number, entry: EntryInput): HistoryEntry {
    const last =
      this.written.length > 0 ? this.written[this.written.length - 1] : this.pastHistory[this.pastHistory.length - 1];
    const instant = iso(atMs);
    const at = last && last.at > instant ? last.at : instant; // stored instants compare as text
    // seq and at first, as the schema lists them: the stored form is one order of keys.
    const written: HistoryEntry = { seq: this.historyLength + 1, at, ...entry };
    this.written.push(written);
    this.historyView = undefined;
    if (written.type === 'migrated') this.ended = undefined;
    return written;
  }

  /**
   * The escalation this draft wrote, deeply frozen and known to the library. What it shares with the
   * escalation it started from is frozen already: only what this draft made is frozen here, so a long
   * case costs little more to write than a short one.
   */
  finish(asOfMs: number): Escalation {
    const asOf = Math.max(asOfMs, ms(this.esc.asOf));
    let obligations = this.pastObligations;
    let obligationsHeld = this.known.obligationsHeld;
    if (this.addedObligations.length > 0 || this.replaced.size > 0) {
      // Obligations this draft made or changed are written again with their keys in the one order.
      const replaced = new Map<number, ObligationState>();
      for (const [position, o] of this.replaced) replaced.set(position, deepFreeze(obligationInOrder(o)));
      const added = this.addedObligations.map((o) => deepFreeze(obligationInOrder(o)));
      ({ list: obligations, held: obligationsHeld } = changedList(obligationsHeld, obligations, replaced, added));
    }
    for (const entry of this.written) deepFreeze(entry);
    let history = this.pastHistory;
    let historyHeld = this.known.historyHeld;
    if (this.written.length > 0)
      ({ list: history, held: historyHeld } = changedList(historyHeld, history, NOTHING_REPLACED, this.written));
    const running = this.runningAt.filter((position) => obligations[position]!.status === 'running');
    const escalation: Escalation = deepFreeze({ ...this.esc, asOf: iso(asOf), obligations, history });
    const index = this.indexOf(running, obligations);
    if (historyHeld) index.historyHeld = historyHeld;
    if (obligationsHeld) index.obligationsHeld = obligationsHeld;
    return trust(escalation, index);
  }

  /** The index of the escalation this draft wrote, carried on from the one it started from. */
  private indexOf(running: number[], obligations: readonly ObligationState[]): CaseIndex {
    const index: CaseIndex = { running };
    const counts = this.perRule ?? this.known.perRule;
    if (counts) index.perRule = counts;
    const ids = this.known.eventIds;
    if (ids) {
      this.written.forEach((entry, i) => {
        if (entry.type === 'event' && entry.event.id !== undefined)
          noteEventId(ids, entry.event.id, this.pastHistory.length + i);
      });
      index.eventIds = ids;
    }
    const entered = this.written.findLast((entry) => entry.type === 'stage-entered');
    if (entered?.type === 'stage-entered') index.stageEnteredMs = ms(entered.happenedAt ?? entered.at);
    else if (this.known.stageEnteredMs !== undefined) index.stageEnteredMs = this.known.stageEnteredMs;
    if (this.known.landmarks) index.landmarks = this.landmarks();
    if (this.known.endedByMigration && !this.written.some((entry) => entry.type === 'migrated'))
      index.endedByMigration = this.known.endedByMigration;
    if (this.known.metLate) index.metLate = this.metLateAfter(obligations);
    return index;
  }

  /** The positions of the obligations met late in the escalation written (`obligations`), from those before. */
  private metLateAfter(obligations: readonly ObligationState[]): readonly number[] {
    const past = this.known.metLate!;
    const changed = this.changedPositions();
    if (changed.every((position) => isMetLate(obligations[position]!) === past.includes(position))) return past;
    const positions = past.filter((position) => !this.replaced.has(position));
    for (const position of changed) if (isMetLate(obligations[position]!)) positions.push(position);
    return positions.sort((a, b) => a - b);
  }

  running(): ObligationState[] {
    const out: ObligationState[] = [];
    for (const position of this.runningAt) {
      const o = this.obligationAt(position);
      if (o.status === 'running') out.push(o);
    }
    return out;
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

/**
 * A new list: a frozen one and more. `Array.from` copies a frozen array as fast as a plain one;
 * `concat`, `slice` and spreading take a slow path for frozen arrays, in V8 several times slower.
 */
function extended<T>(frozen: readonly T[], more: readonly T[]): T[] {
  const list = Array.from(frozen);
  for (const item of more) list.push(item);
  return list;
}

const NOTHING_REPLACED: ReadonlyMap<number, HistoryEntry> = new Map();

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
  return limit === 'none'
    ? null
    : limitDue(limit, armedAtMs, d.index, Object.hasOwn(timescales, rule.id) ? timescales[rule.id] : undefined);
}

// --- Starting, meeting, ending --------------------------------------------------------------------

/** Starts a duty at `anchorMs` (when its anchor happened). */
export function arm(
  d: Draft,
  rule: ObligationRule,
  anchorMs: number,
  stage: string | undefined,
  occurrence?: number,
): ObligationState | undefined {
  const due = dueOf(d, rule, anchorMs);
  if (due === 'not-applicable') {
    // A duty only for imminent risk stays silent until the risk is; one that imminent risk suspends
    // says so in the history.
    if (!(rule.imminentRisk && 'onlyThen' in rule.imminentRisk)) {
      d.log(anchorMs, {
        type: 'obligation-void',
        rule: rule.id,
        reason: 'not applicable when the child is at imminent risk',
        citation: citationText(rule.citation),
      });
    }
    return undefined;
  }
  const o = obligationInOrder({
    id: `${rule.id}#${d.started(rule.id) + 1}`,
    rule: rule.id,
    kind: rule.kind,
    label: rule.label,
    strength: rule.strength,
    ...(stage ? { stage } : {}),
    armedAt: iso(anchorMs),
    status: 'running',
    dueDate: due ? formatDay(due.day) : null,
    dueAt: due ? iso(due.ms) : null,
    ...(rule.kind === 'reminder' ? { occurrence: occurrence ?? 1 } : {}),
    ...(d.imminentRisk && rule.imminentRisk && 'limit' in rule.imminentRisk ? { atImminentRisk: true as const } : {}),
  });
  d.add(o);
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
  d.eachEntry((h) => {
    if (h.type !== 'event' || h.event.type !== 'RECORD' || !recordMeets(meet, h.event.record, d.c.recipients)) return;
    const at = ms(h.event.at);
    if (first === undefined || at < first) first = at;
  });
  return first;
}

/**
 * Moves a duty's due date to the later date agreed (EXTEND), once the policy allows it: a maximum may
 * not be extended, a duty without a timescale has nothing to extend, and the date agreed is later than
 * the one it replaces. Logs the `extended` entry and returns the draft's copy of the duty. Used for a
 * running duty and for one an extension learned late reaches after it ended.
 */
export function extendDuty(
  d: Draft,
  o: ObligationState,
  event: EscalationEventOf<'EXTEND'>,
  atMs: number,
): ObligationState {
  if (o.strength === 'maximum') {
    // A duty of an earlier version whose rule this one dropped (the case was migrated) is judged by
    // what it recorded: its strength. The citation is the rule's, where this version still has it.
    const rule = d.c.rules.get(o.rule);
    const citation = rule ? citationText(rule.citation) : undefined;
    throw new EscalationError(
      'NOT_PERMITTED',
      `${o.label} is a maximum and cannot be extended (${d.c.policy.partnership} policy${citation ? `, ${citation}` : ''})`,
      [],
      { rule: o.rule, ...(citation ? { citation } : {}) },
    );
  }
  if (o.dueDate === null || o.dueAt === null)
    throw new EscalationError('INVALID_EVENT', `${o.label} has no timescale to extend`);
  if (event.to <= o.dueDate)
    throw new EscalationError(
      'INVALID_EVENT',
      `An extension of ${o.label} must be later than its due date ${o.dueDate}, not ${event.to}`,
    );
  const w = d.edit(o);
  const from = o.dueDate;
  w.extended = { from, reason: event.reason, agreedBy: event.agreedBy };
  w.dueDate = event.to;
  w.dueAt = iso(endOfLondonDayMs(tryParseDate(event.to)));
  d.log(atMs, {
    type: 'extended',
    obligation: w.id,
    rule: w.rule,
    from,
    to: event.to,
    reason: event.reason,
    agreedBy: event.agreedBy,
  });
  return w;
}

/** Marks a duty met by a fact that happened at `atMs`, and logs whether that was on time. */
export function meetDuty(d: Draft, o: ObligationState, atMs: number, how: string): void {
  const w = d.edit(o);
  const rule = d.rule(w);
  w.status = 'met';
  w.metAt = iso(atMs);
  const onTime = w.dueAt === null || atMs <= ms(w.dueAt);
  let roundsMissed: number | undefined;
  if (rule.every && w.dueAt !== null && !onTime)
    roundsMissed = roundsDue(rule.every, ms(w.dueAt), tryParseDate(w.dueDate!), atMs, d.index).rounds;
  // A fact learned after its deadline was logged as passed, that happened in time: the passed entry
  // stays, and this one says it is corrected.
  const passed =
    onTime && w.passedAt
      ? d.findEntry((h) => (h.type === 'deadline-passed' || h.type === 'cap-breached') && h.obligation === w.id)
      : undefined;
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
    if (rule.kind === 'reminder' && d.esc.status === 'open')
      arm(d, rule, happening.atMs, o.stage, (o.occurrence ?? 1) + 1);
  }
  for (const rule of d.c.rules.values()) {
    if (!starts(rule.anchor, happening)) continue;
    if (startsOnce(rule.anchor) && d.hasStarted(rule.id)) continue;
    if (rule.imminentRisk && 'onlyThen' in rule.imminentRisk && !d.imminentRisk) continue;
    if (
      !open &&
      (happening.kind === 'record' || happening.kind === 'flagged') &&
      d.esc.status !== 'open' &&
      !outlivesClosure(rule, d.esc.status)
    )
      continue;
    arm(d, rule, happening.atMs, stageOf(happening, d.esc.stage));
  }
}

/** The duties a migration ended, by obligation id, from history entries (the whole history, or its landmarks). */
export function endedByMigration(entries: Iterable<HistoryEntry>): Set<string> {
  const ended = new Set<string>();
  for (const entry of entries) {
    if (entry.type === 'migrated')
      for (const duty of entry.duties) if (duty.outcome === 'ended') ended.add(duty.obligation);
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
        ...(late && o.dueDate
          ? { workingDaysLate: d.index.between(tryParseDate(o.dueDate), londonDayNumber(atMs)) }
          : {}),
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
  extra: {
    from?: string;
    rule?: string;
    reason?: string;
    riskReliedOn?: { risk: Escalation['risk']; recordedIn: number };
  },
): void {
  const from = d.esc.state === 'raised' ? undefined : d.esc.stage;
  d.esc.state = stage;
  d.esc.stage = stage;
  d.log(atMs, {
    type: 'stage-entered',
    stage,
    how,
    ...(atMs < d.learnedMs ? { happenedAt: iso(atMs) } : {}),
    ...extra,
  });
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
    for (const o of d.running()) {
      // Passed once its last millisecond is over: a deadline met at its due instant is met in time.
      if (o.status !== 'running' || o.passedAt || o.dueAt === null || o.dueAt >= until) continue;
      if (!next || o.dueAt < next.dueAt! || (o.dueAt === next.dueAt && o.id < next.id)) next = o;
    }
    if (!next) return;
    const w = d.edit(next);
    w.passedAt = w.dueAt!;
    d.log(ms(w.dueAt!), {
      type: w.kind === 'cap' ? 'cap-breached' : 'deadline-passed',
      obligation: w.id,
      rule: w.rule,
      kind: w.kind,
      strength: w.strength,
      dueAt: w.dueAt!,
    });
  }
}

/**
 * Works out again the due dates of duties still running whose deadline is still to come at `fromMs`
 * (the calendar or the child's risk changed, or a case timescale was set). What had fallen due by then
 * stays as it was; agreed extensions stand. Returns the ids of the duties whose date moved.
 */
export function recomputeRunning(d: Draft, fromMs: number): string[] {
  const moved: string[] = [];
  for (const o of d.running()) {
    if (o.extended || (o.dueAt !== null && ms(o.dueAt) <= fromMs)) continue;
    const rule = d.rule(o);
    const due = dueOf(d, rule, ms(o.armedAt));
    if (due === 'not-applicable') continue;
    const dueAt = due ? iso(due.ms) : null;
    if (
      dueAt !== o.dueAt ||
      Boolean(o.atImminentRisk) !== Boolean(d.imminentRisk && rule.imminentRisk && 'limit' in rule.imminentRisk)
    ) {
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
