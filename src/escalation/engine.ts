import type { WorkingDayIndex } from '../calendar/calendar.js';
import { formatDayNumber, parseInstant, tryParseDate } from '../calendar/dates.js';
import { endOfLondonDayMs, londonDayNumber } from '../calendar/london.js';
import type { Duration, Limit, ObligationRule, RecordKind } from '../policy/schema.js';
import type { Compiled } from './compiled.js';
import { citationText } from '../policy/citation.js';
import type { Escalation, EscalationRecord, HistoryEntry, ObligationState, StageOutcome, STAGE_ENTRY_HOWS } from './types.js';

type StageEntryHow = (typeof STAGE_ENTRY_HOWS)[number];

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A history entry as written: the draft numbers and times it. */
export type EntryInput = DistributiveOmit<HistoryEntry, 'seq' | 'at'>;

// The working core shared by startEscalation, applyEvent and advanceTo. A Draft is a private,
// copy-on-write working copy: the caller's escalation is never touched.

export const iso = (ms: number): string => new Date(ms).toISOString();
export const ms = (instant: string): number => parseInstant(instant);

export class Draft {
  readonly c: Compiled;
  readonly index: WorkingDayIndex;
  esc: Escalation;
  obligations: ObligationState[];
  history: HistoryEntry[];
  private copied = new Set<ObligationState>();

  constructor(c: Compiled, index: WorkingDayIndex, esc: Escalation) {
    this.c = c;
    this.index = index;
    this.esc = { ...esc };
    this.obligations = [...esc.obligations];
    this.history = [...esc.history];
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
   * Appends a history entry. Entries stay in time order: a timer whose due instant moved behind the
   * last entry (the child's risk changed and a shorter limit now applies) is entered at the time it
   * was found, with its own `dueAt` beside it.
   */
  log(atMs: number, entry: EntryInput): void {
    const last = this.history[this.history.length - 1];
    const at = last && Date.parse(last.at) > atMs ? last.at : iso(atMs);
    this.history.push({ ...entry, seq: this.history.length + 1, at });
  }

  finish(asOfMs: number): Escalation {
    const asOf = Math.max(asOfMs, ms(this.esc.asOf));
    return { ...this.esc, asOf: iso(asOf), obligations: this.obligations, history: this.history };
  }

  running(): ObligationState[] {
    return this.obligations.filter((o) => o.status === 'running');
  }
}

// --- Working out a due date ---------------------------------------------------------------------

interface Due {
  day: number;
  ms: number;
}

function durationDue(d: Duration, anchorMs: number, anchorDay: number, index: WorkingDayIndex): Due {
  switch (d.unit) {
    case 'hours': {
      const at = anchorMs + d.value * 3_600_000;
      return { day: londonDayNumber(at), ms: at };
    }
    case 'calendar-days': {
      const day = anchorDay + d.value;
      return { day, ms: endOfLondonDayMs(day) };
    }
    case 'working-weeks':
    case 'working-days': {
      const day = index.add(anchorDay, d.unit === 'working-weeks' ? d.value * 5 : d.value);
      return { day, ms: endOfLondonDayMs(day) };
    }
  }
}

/** The due date of a limit counted from an anchor, or null for a limit not yet set for the case. */
export function limitDue(limit: Limit, anchorMs: number, index: WorkingDayIndex, perCase: string | undefined): Due | null {
  const anchorDay = londonDayNumber(anchorMs);
  if ('unit' in limit) return durationDue(limit, anchorMs, anchorDay, index);
  let best: Due | null = null;
  for (const part of limit.whicheverIsLess) {
    let due: Due | null;
    if ('unit' in part) due = durationDue(part, anchorMs, anchorDay, index);
    else if (perCase) {
      const day = tryParseDate(perCase);
      due = { day, ms: endOfLondonDayMs(day) };
    } else due = null;
    if (due && (!best || due.ms < best.ms)) best = due;
  }
  return best;
}

/** The limit an obligation runs on now: its own, or the one for imminent risk. `undefined`: none. */
function effectiveLimit(rule: ObligationRule, imminentRisk: boolean): Limit | undefined | 'not-applicable' {
  const r = rule.imminentRisk;
  if (r && 'onlyThen' in r) return imminentRisk ? rule.limit : 'not-applicable';
  if (imminentRisk && r) return 'notApplicable' in r ? 'not-applicable' : r.limit;
  return rule.limit;
}

function setDue(o: ObligationState, due: Due | null, rule?: ObligationRule, imminentRisk?: boolean): void {
  o.dueDate = due ? formatDayNumber(due.day) : null;
  o.dueAt = due ? iso(due.ms) : null;
  if (rule) {
    if (imminentRisk && rule.imminentRisk && 'limit' in rule.imminentRisk) o.atImminentRisk = true;
    else delete o.atImminentRisk;
  }
}

// --- Arming, meeting, voiding -------------------------------------------------------------------

export function arm(d: Draft, rule: ObligationRule, anchorMs: number, stage: string | undefined): void {
  const limit = effectiveLimit(rule, d.esc.imminentRisk);
  if (limit === 'not-applicable') {
    // An obligation only for imminent risk stays silent until the risk is; one that imminent risk
    // suspends says so in the history.
    if (!(rule.imminentRisk && 'onlyThen' in rule.imminentRisk)) {
      d.log(anchorMs, { type: 'obligation-void', rule: rule.id, reason: 'not applicable when the child is at imminent risk', citation: citationText(rule.citation) });
    }
    return;
  }
  const n = d.obligations.filter((o) => o.rule === rule.id).length + 1;
  const o: ObligationState = {
    id: `${rule.id}#${n}`,
    rule: rule.id,
    kind: rule.kind,
    label: rule.label,
    strength: rule.strength,
    ...(stage ? { stage: stage as ObligationState['stage'] } : {}),
    armedAt: iso(anchorMs),
    status: 'running',
    dueDate: null,
    dueAt: null,
    ...(rule.kind === 'reminder' ? { occurrence: 1 } : {}),
  };
  setDue(o, limit ? limitDue(limit, anchorMs, d.index, d.esc.caseTimescales[rule.id]) : null, rule, d.esc.imminentRisk);
  d.obligations.push(o);
  // Where the policy says so (`orBefore`), a record made in the stage just left counts for one the new
  // stage asks for: a template filled in before escalating (as Derby and Derbyshire's Stage 2
  // managers do) is not owed again because the escalation arrived.
  if (rule.meet.by === 'record' && rule.meet.orBefore && rule.anchor.on === 'stage-entered') {
    const spec = rule.meet;
    if (recordsOfPreviousStage(d).some((r) => recordMatches(spec, r))) meet(d, o, anchorMs, 'recorded before the stage began');
  }
}

/** The records made between the last two stage entries (or since the raising). */
function recordsOfPreviousStage(d: Draft): EscalationRecord[] {
  const found: EscalationRecord[] = [];
  let entries = 0;
  for (let i = d.history.length - 1; i >= 0; i--) {
    const h = d.history[i]!;
    if (h.type === 'stage-entered' || h.type === 'raised') {
      if (++entries === 2 || h.type === 'raised') break;
      continue;
    }
    if (entries === 1 && h.type === 'event' && h.event.type === 'RECORD') found.push(h.event.record);
  }
  return found;
}

/** Marks an obligation met at `atMs` and logs whether that was on time. */
export function meet(d: Draft, o: ObligationState, atMs: number, how: string): void {
  const w = d.edit(o);
  w.status = 'met';
  w.metAt = iso(atMs);
  const onTime = w.dueAt === null || iso(atMs) <= w.dueAt;
  d.log(atMs, { type: 'obligation-met', obligation: w.id, rule: w.rule, kind: w.kind, dueAt: w.dueAt, onTime, how });
}

export function voidObligation(d: Draft, o: ObligationState, atMs: number, reason: string): void {
  const w = d.edit(o);
  w.status = 'void';
  d.log(atMs, { type: 'obligation-void', obligation: w.id, rule: w.rule, kind: w.kind, reason });
}

/** Arms the obligations anchored on entering `stage`. */
export function armOnStage(d: Draft, stage: string, atMs: number): void {
  for (const rule of d.c.rules.values()) {
    if (rule.anchor.on !== 'stage-entered' || !(rule.anchor.stages as readonly string[]).includes(stage)) continue;
    if (rule.anchor.once && d.obligations.some((o) => o.rule === rule.id)) continue;
    arm(d, rule, atMs, stage);
  }
}

/** Leaves the current stage: its stage-exit obligations are met (or were missed), and that is logged. */
export function exitStage(d: Draft, atMs: number, withdrawing = false): void {
  const stage = d.esc.stage;
  const outcomes: StageOutcome[] = [];
  for (const o of d.running()) {
    if (o.stage !== stage) continue;
    const rule = d.c.rules.get(o.rule);
    if (rule?.meet.by !== 'stage-exit') continue;
    const w = d.edit(o);
    const onTime = w.dueAt === null || iso(atMs) <= w.dueAt;
    if (withdrawing) {
      w.status = 'void';
      outcomes.push({ obligation: w.id, rule: w.rule, kind: w.kind, strength: w.strength, dueAt: w.dueAt, outcome: onTime ? 'withdrawn' : 'missed' });
      continue;
    }
    w.status = 'met';
    w.metAt = iso(atMs);
    outcomes.push({
      obligation: w.id,
      rule: w.rule,
      kind: w.kind,
      strength: w.strength,
      dueAt: w.dueAt,
      outcome: w.dueAt === null ? 'no-timescale' : onTime ? 'met' : 'missed',
      ...(w.dueDate && !onTime ? { workingDaysLate: d.index.between(tryParseDate(w.dueDate), londonDayNumber(atMs)) } : {}),
    });
  }
  // Every other deadline that ran in this stage, for the record: caps and responses still running.
  for (const o of d.obligations) {
    if (o.stage === stage && o.status === 'running' && o.dueAt && d.c.rules.get(o.rule)?.meet.by !== 'stage-exit') {
      outcomes.push({ obligation: o.id, rule: o.rule, kind: o.kind, strength: o.strength, dueAt: o.dueAt, outcome: o.passedAt ? 'missed-still-running' : 'still-running' });
    }
  }
  d.log(atMs, { type: 'stage-ended', stage, deadlines: outcomes });
}

/** Enters a stage: logs it and meets every obligation that was waiting for it. */
export function enterStage(d: Draft, stage: string, atMs: number, how: StageEntryHow, extra: { from?: string; rule?: string; reason?: string }): void {
  d.esc.state = stage;
  d.esc.stage = stage as Escalation['stage'];
  d.log(atMs, { type: 'stage-entered', stage, how, ...extra });
  for (const o of d.running()) {
    const rule = d.c.rules.get(o.rule);
    if (rule?.meet.by === 'stage-reached' && (rule.meet.stages as readonly string[]).includes(stage)) meet(d, o, atMs, `reached ${stage}`);
  }
  armOnStage(d, stage, atMs);
}

/** A record was made: meet what it satisfies, arm what it starts. */
export function recordMade(d: Draft, record: EscalationRecord, atMs: number): void {
  const anchorMs = record.occurredAt ? ms(record.occurredAt) : atMs;
  for (const o of d.running()) {
    const rule = d.c.rules.get(o.rule);
    if (!rule || rule.meet.by !== 'record' || !recordMatches(rule.meet, record)) continue;
    if (iso(atMs) < o.armedAt) continue;
    meet(d, o, atMs, `${record.kind}${record.form ? ` ${record.form}` : ''}`);
    // A reminder starts its next round from the update that met it.
    if (rule.kind === 'reminder' && d.esc.status === 'open') {
      const next = d.obligations.length;
      arm(d, rule, anchorMs, o.stage);
      const armed = d.obligations[next];
      if (armed) armed.occurrence = (o.occurrence ?? 1) + 1;
    }
  }
  for (const rule of d.c.rules.values()) {
    if (rule.anchor.on !== 'record' || !recordMatches(rule.anchor, record)) continue;
    if (rule.anchor.stages && !(rule.anchor.stages as readonly string[]).includes(d.esc.stage)) continue;
    // A record-anchored obligation starts from the first such record only: a second discussion does
    // not restart a clock the first one started.
    if (d.obligations.some((o) => o.rule === rule.id)) continue;
    arm(d, rule, anchorMs, d.esc.stage);
  }
}

function recordMatches(spec: { kind: RecordKind | readonly RecordKind[]; form?: string | undefined; to?: string | undefined }, record: EscalationRecord): boolean {
  if (typeof spec.kind === 'string' ? spec.kind !== record.kind : !spec.kind.includes(record.kind)) return false;
  if (spec.form && spec.form !== record.form) return false;
  if (spec.to && spec.to.toLowerCase() !== (record.to ?? '').toLowerCase()) return false;
  return true;
}

// --- Timers -------------------------------------------------------------------------------------

/**
 * Fires every timer due by `untilMs`, in time order, each leaving one entry in the history. A timer
 * that fell due while nobody asked fires once, when time is next advanced. A recurring reminder that
 * fell due several times meanwhile fires once too, saying how many rounds were missed, and its next
 * round is the first one still in the future, on the reminder's own cadence.
 */
export function fireTimers(d: Draft, untilMs: number): void {
  // Stored instants are all written by toISOString, so they compare as strings: no parsing in the scan.
  const until = iso(untilMs);
  for (;;) {
    let next: ObligationState | undefined;
    for (const o of d.obligations) {
      if (o.status !== 'running' || o.passedAt || o.dueAt === null || o.dueAt > until) continue;
      if (!next || o.dueAt < next.dueAt! || (o.dueAt === next.dueAt && o.id < next.id)) next = o;
    }
    if (!next) return;
    const nextMs = Date.parse(next.dueAt!);
    const w = d.edit(next);
    const rule = d.c.rules.get(w.rule)!;
    if (w.kind === 'reminder' && rule.every) {
      let missed = 0;
      let due: Due = { day: tryParseDate(w.dueDate!), ms: nextMs };
      while (due.ms <= untilMs) {
        missed++;
        due = durationDue(rule.every, due.ms, due.day, d.index);
      }
      d.log(nextMs, { type: 'reminder-due', obligation: w.id, rule: w.rule, dueAt: w.dueAt!, missedOccurrences: missed, nextDueAt: iso(due.ms) });
      w.occurrence = (w.occurrence ?? 1) + missed;
      setDue(w, due);
      continue;
    }
    w.passedAt = w.dueAt!;
    d.log(nextMs, { type: w.kind === 'cap' ? 'cap-breached' : 'deadline-passed', obligation: w.id, rule: w.rule, kind: w.kind, strength: w.strength, dueAt: w.dueAt! });
  }
}

/**
 * Works out again the due dates of obligations still running and not yet passed, on the calendar
 * given (a closure added, a new one-off bank holiday). Agreed extensions and per-case dates stand.
 */
export function recomputeRunning(d: Draft): void {
  for (const o of d.obligations) {
    if (o.status !== 'running' || o.passedAt || o.extended) continue;
    const rule = d.c.rules.get(o.rule);
    if (!rule || rule.kind === 'reminder') continue;
    const limit = effectiveLimit(rule, d.esc.imminentRisk);
    if (!limit || limit === 'not-applicable') continue;
    const due = limitDue(limit, ms(o.armedAt), d.index, d.esc.caseTimescales[rule.id]);
    const dueAt = due ? iso(due.ms) : null;
    if (dueAt !== o.dueAt) setDue(d.edit(o), due, rule, d.esc.imminentRisk);
  }
}

