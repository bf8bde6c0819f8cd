import type { ObligationRule } from '../policy/schema.js';
import {
  arm,
  dueOf,
  enterStage,
  extendDuty,
  iso,
  leaveStage,
  meetDuty,
  ms,
  setDue,
  voidDuty,
  type Draft,
} from './engine.js';
import { judgeMove, leftHow, riskReliedOn, type Judged } from './movement.js';
import {
  countsEarlier,
  meets,
  onLeavingStage,
  onResolution,
  onWithdrawal,
  starts,
  startsOnce,
  stageOf,
  type Happening,
  type StageEntryHow,
  type StageLeftHow,
} from './semantics.js';
import type { EscalationEvent, EscalationEventOf, HistoryEntry, ObligationState } from './types.js';

// A fact learned late: one that happened before the instant the case had already been brought up to
// (another writer's later event, or a sweep, got there first). The rule is the same for every type of
// event: it is applied once, when it is learned, and takes effect as of when it happened. It belongs
// to the stage the case was at then; it meets what was owed then (a deadline since recorded as passed,
// missed or met late, that it met in time, is recorded met on time, naming the entry it corrects);
// what it starts counts from then, and the facts already learned that happened after it meet what it
// started. It adds to what the case knows and corrects what it changes; it never takes back what a
// fact learned earlier did. docs/engine.md ("When things happened and when they were learned") has
// the contract and worked examples.

/**
 * How an event is applied: the stage a record belongs to, the state a move is judged from, and whether
 * the case was open when it happened.
 */
export interface AppliedAs {
  readonly stage: string;
  readonly judgedAt: string;
  readonly open: boolean;
}

/** Applies an event as it would be on time; `as` says which stage and state it happened at. */
export type ApplyOnTime = (event: EscalationEvent, atMs: number, as?: AppliedAs) => void;

/** The case's closure: the first closing event learned, and the instant it took effect. */
interface Closure {
  readonly seq: number;
  readonly atMs: number;
  readonly how: 'resolved' | 'withdrawn';
}

/** The stage the case was at at an instant, as far as it knows, and the entry that recorded it moving on. */
interface StageThen {
  readonly stage: string;
  readonly leftBy: number | undefined;
}

const isClosing = (entry: HistoryEntry): entry is Extract<HistoryEntry, { type: 'event' }> =>
  entry.type === 'event' && (entry.event.type === 'RESOLVE' || entry.event.type === 'WITHDRAW');

/**
 * When a closed case closed: its first closing event (a case closes once), at the instant it took
 * effect (never before the stage it closed at began). Undefined for an open case. Only the landmarks
 * of the history are read (the stages entered, and the closing events among them).
 */
export function closureOf(d: Draft, beforeSeq = Infinity): Closure | undefined {
  let enteredMs = ms(d.esc.raisedAt);
  for (const position of d.landmarks()) {
    const entry = d.entry(position);
    if (entry.seq >= beforeSeq) break;
    if (entry.type === 'stage-entered') enteredMs = ms(entry.happenedAt ?? entry.at);
    if (isClosing(entry)) {
      return {
        seq: entry.seq,
        atMs: Math.max(ms(entry.event.at), enteredMs),
        how: entry.event.type === 'RESOLVE' ? 'resolved' : 'withdrawn',
      };
    }
  }
  return undefined;
}

/** The stage the case was at at `atMs`: the last stage entered at or before it. */
function stageAt(d: Draft, atMs: number): StageThen {
  let leftBy: number | undefined;
  const marks = d.landmarks();
  for (let i = marks.length - 1; i >= 0; i--) {
    const entry = d.entry(marks[i]!);
    if (entry.type !== 'stage-entered') continue;
    if (ms(entry.happenedAt ?? entry.at) <= atMs)
      return { stage: currentVersionStage(d, entry.stage, marks[i]!), leftBy };
    leftBy = entry.seq;
  }
  const raised = d.historyLength > 0 ? d.entry(0) : undefined;
  return {
    stage: currentVersionStage(d, (raised?.type === 'raised' && raised.startStage) || d.c.policy.stages[0]!.id, 0),
    leftBy,
  };
}

/** When the current stage was entered (or, before any, when the escalation was raised). */
function currentStageEnteredMs(d: Draft): number {
  const marks = d.landmarks();
  for (let i = marks.length - 1; i >= 0; i--) {
    const entry = d.entry(marks[i]!);
    if (entry.type === 'stage-entered') return ms(entry.happenedAt ?? entry.at);
  }
  return ms(d.esc.raisedAt);
}

/**
 * A stage named by the history entry at `index`, as the version the case runs under names it. An
 * entry written before a migration (`migrateEscalation`) names a stage of an earlier version, which
 * this one may not have; a fact learned late that happened then is applied under this version (the
 * only one at hand), at the stage the migration took that one to: the plan's map of each migration
 * since, or the same id; failing both (a stage the new version dropped and the plan did not need to
 * map, as the case had left it), the last stage of this version numbered below it, which the case had
 * reached by then (stage ids carry their numbers).
 */
function currentVersionStage(d: Draft, stage: string, index: number): string {
  let mapped = stage;
  for (const position of d.landmarks()) {
    if (position <= index) continue;
    const entry = d.entry(position);
    if (entry.type !== 'migrated') continue;
    const stages = entry.plan.stages;
    if (stages !== undefined && Object.hasOwn(stages, mapped)) mapped = stages[mapped]!;
  }
  if (d.c.stages.has(mapped)) return mapped;
  const number = Number(mapped.slice('stage-'.length));
  const below = d.c.policy.stages.filter((s) => s.number < number);
  return (below.at(-1) ?? d.c.policy.stages[0]!).id;
}

/**
 * Applies a fact learned late (its `at` is before the case's `asOf`), as of when it happened. The
 * event's own history entry is `eventSeq`, already written.
 */
export function applyLate(
  d: Draft,
  event: EscalationEvent,
  atMs: number,
  eventSeq: number,
  applyOnTime: ApplyOnTime,
): void {
  const closure = d.esc.status === 'open' ? undefined : closureOf(d, eventSeq);
  const then = stageAt(d, atMs);
  const open = closure === undefined ? d.esc.status === 'open' : atMs < closure.atMs; // the case was open when it happened
  const mark = d.obligationCount;
  const started = new Set<string>();
  let from = atMs;
  switch (event.type) {
    case 'ESCALATE':
    case 'EXPEDITE':
    case 'RESOLVE':
    case 'WITHDRAW':
      from = lateMove(d, event, atMs, eventSeq, then, closure, applyOnTime, started);
      break;
    case 'RECORD':
      applyOnTime(event, atMs, { stage: then.stage, judgedAt: d.esc.state, open });
      lateRecord(d, event, atMs, then.stage, started);
      break;
    case 'FLAG':
      applyOnTime(event, atMs, { stage: then.stage, judgedAt: d.esc.state, open });
      startEarlier(d, { kind: 'flagged', flag: event.flag, atMs }, started);
      break;
    case 'EXTEND':
      if (!extendEnded(d, event, atMs)) applyOnTime(event, atMs);
      break;
    default:
      applyOnTime(event, atMs);
  }
  for (let i = mark; i < d.obligationCount; i++) started.add(d.obligationAt(i).id);
  catchUp(d, from, started, eventSeq, closure);
}

/**
 * What a record learned late met and started, beyond what applying it did (applying it met the duties
 * still running that it meets, those started after it included where they count earlier records): a
 * duty since recorded late that it met in time, a duty a later fact started first.
 */
function lateRecord(
  d: Draft,
  event: EscalationEventOf<'RECORD'>,
  atMs: number,
  stage: string,
  started: Set<string>,
): void {
  const happening: Happening = { kind: 'record', record: event.record, stage, atMs };
  correctLateOutcomes(d, atMs, (o, rule) =>
    meets(rule.meet, { armedAtMs: ms(o.armedAt) }, happening, d.c.recipients) ? describe(happening) : undefined,
  );
  startEarlier(d, happening, started);
}

/**
 * A move learned late. Made at the stage the case was at when it happened: if the case is still
 * there, it moves as it would have then. If the case has left that stage since (a move, or the
 * closure, learned first though it happened later), the move is overtaken: where the case has already
 * made it or gone beyond, it moves the case no further; otherwise (a jump beyond the stage the case
 * is at, or a closure of an open case) it takes the case on from where it is, as of when that stage
 * began, the earliest instant the case could leave it. Either way the deadlines it met are judged at
 * the instant it happened. Returns the instant from which it started what it started.
 */
function lateMove(
  d: Draft,
  event: EscalationEventOf<'ESCALATE' | 'EXPEDITE' | 'RESOLVE' | 'WITHDRAW'>,
  atMs: number,
  eventSeq: number,
  then: StageThen,
  closure: Closure | undefined,
  applyOnTime: ApplyOnTime,
  started: Set<string>,
): number {
  const lead = leadOf(d, event, then.stage);
  // Made at the stage the case later closed at: the case moved, then closed.
  const beforeClosure = closure !== undefined && lead.kind === 'stage' && then.stage === d.esc.stage;
  const overtaken = !beforeClosure && (closure !== undefined || then.stage !== d.esc.stage);
  const alreadyMade =
    closure !== undefined ||
    (lead.kind === 'stage' && d.c.stageOrder.get(lead.landed)! <= d.c.stageOrder.get(d.esc.stage)!);
  const left = d.esc.stage;
  let from = atMs;
  if (beforeClosure && lead.kind === 'stage') moveBeforeClosure(d, lead, atMs, then.stage, closure!, started);
  else if (!overtaken) applyOnTime(event, atMs);
  else {
    const by = then.leftBy ?? closure!.seq;
    d.log(atMs, {
      type: 'move-overtaken',
      event: eventSeq,
      stage: then.stage,
      by,
      effect: alreadyMade ? 'none' : 'moved',
    });
    if (!alreadyMade) {
      from = currentStageEnteredMs(d);
      applyOnTime(event, from, { stage: d.esc.stage, judgedAt: then.stage, open: true });
    }
  }
  // What the move met when it happened: the deadlines of the stage it was made at that leaving meets,
  // and those that reaching where it leads meets.
  const reached: Happening =
    lead.kind === 'stage'
      ? { kind: 'stage-entered', stage: lead.landed, from: then.stage, how: lead.entered, atMs }
      : lead.how === 'resolved'
        ? { kind: 'resolved', stage: then.stage, atMs }
        : { kind: 'withdrawn', stage: then.stage, atMs };
  correctLateOutcomes(d, atMs, (o, rule) => {
    if (o.stage === then.stage && onLeavingStage(rule, lead.how) === 'meet') return `left ${then.stage} (${lead.how})`;
    return meets(rule.meet, { armedAtMs: ms(o.armedAt) }, reached, d.c.recipients) ? describe(reached) : undefined;
  });
  // Reaching a stage starts what it starts from when it was reached, if a later fact started it first.
  if (lead.kind === 'stage')
    startEarlier(
      d,
      alreadyMade ? reached : { kind: 'stage-entered', stage: lead.landed, from: left, how: lead.entered, atMs: from },
      started,
    );
  return from;
}

/**
 * A move made at the stage the case later closed at, learned after the closure: the case moved, then
 * closed where the move took it. It leaves the stage and enters the next as of when it happened; the
 * closure then ends what entering started, as it ends every duty it ends; what the closure started
 * only at the stage left gives way to what it starts at the stage reached. The case stays closed.
 */
function moveBeforeClosure(
  d: Draft,
  lead: Extract<Lead, { kind: 'stage' }>,
  atMs: number,
  stage: string,
  closure: Closure,
  started: Set<string>,
): void {
  const status = d.esc.status;
  const judged = lead.judged;
  leaveStage(d, lead.how, atMs);
  const before = d.obligationCount;
  const reason = judged.machineEvent.reason;
  const reliedOn = riskReliedOn(d, judged.rule, reason);
  enterStage(d, lead.landed, atMs, lead.entered, {
    from: stage,
    ...(judged.rule ? { rule: judged.rule.id } : {}),
    ...(reason ? { reason } : {}),
    ...(reliedOn ? { riskReliedOn: reliedOn } : {}),
  });
  for (const handOff of judged.handOffs) d.log(atMs, { type: 'hand-off', route: handOff.route, to: handOff.to });
  d.esc.state = status;
  for (let i = before; i < d.obligationCount; i++) started.add(d.obligationAt(i).id);
  // What the closure starts depends on the stage it closed at: it closed at the stage reached.
  const closedAt: Happening =
    closure.how === 'resolved'
      ? { kind: 'resolved', stage: lead.landed, atMs: closure.atMs }
      : { kind: 'withdrawn', stage: lead.landed, atMs: closure.atMs };
  const wasClosedAt: Happening = { ...closedAt, stage };
  for (const o of d.running()) {
    const rule = d.rule(o);
    if (
      o.stage === stage &&
      ms(o.armedAt) === closure.atMs &&
      starts(rule.anchor, wasClosedAt) &&
      !starts(rule.anchor, closedAt)
    ) {
      voidDuty(d, o, atMs, `the case closed at ${lead.landed}, not ${stage}`);
    }
  }
  const mark = d.obligationCount;
  for (const rule of d.c.rules.values()) {
    if (!starts(rule.anchor, closedAt) || starts(rule.anchor, wasClosedAt)) continue;
    if (startsOnce(rule.anchor) && d.hasStarted(rule.id)) continue;
    arm(d, rule, closure.atMs, lead.landed);
  }
  for (let i = mark; i < d.obligationCount; i++) started.add(d.obligationAt(i).id);
}

type Lead =
  | { kind: 'stage'; landed: string; how: StageLeftHow; entered: StageEntryHow; judged: Judged }
  | { kind: 'closure'; how: 'resolved' | 'withdrawn' };

/** Where a move leads from a stage, judged by the policy's rules there (refused as the move would be). */
function leadOf(
  d: Draft,
  event: EscalationEventOf<'ESCALATE' | 'EXPEDITE' | 'RESOLVE' | 'WITHDRAW'>,
  from: string,
): Lead {
  if (event.type === 'RESOLVE') return { kind: 'closure', how: 'resolved' };
  if (event.type === 'WITHDRAW') return { kind: 'closure', how: 'withdrawn' };
  const moved = event.type === 'EXPEDITE' ? { type: event.type, to: event.to } : { type: event.type };
  const judged = judgeMove(d.c, from, { ...moved, ...(event.reason ? { reason: event.reason } : {}) }, d.esc.risk);
  const how = leftHow(judged.machineEvent, judged.rule);
  const entered: StageEntryHow =
    event.type === 'ESCALATE' ? 'escalated' : judged.rule?.kind === 'skip' ? 'skipped' : 'expedited';
  return { kind: 'stage', landed: judged.landed, how, entered, judged };
}

/**
 * A fact that happened at `atMs` met, in time, a duty since recorded as met late or missed (met by a
 * later fact, or by leaving its stage after its date): it is recorded met on time, naming the entry
 * it corrects, which stays. `meetsIt` says whether the fact meets the duty, and how.
 */
function correctLateOutcomes(
  d: Draft,
  atMs: number,
  meetsIt: (o: ObligationState, rule: ObligationRule) => string | undefined,
): void {
  // Only a duty met late can be corrected: those the case had (kept in its index), and those this
  // draft changed or started. Read in order, as a walk over every obligation would.
  const positions = mergedPositions(d.pastMetLate(), d.changedPositions());
  for (const position of positions) {
    const o = d.obligationAt(position);
    if (o.status !== 'met' || o.dueAt === null || o.metAt === undefined) continue;
    const dueMs = ms(o.dueAt);
    if (ms(o.metAt) <= dueMs || atMs > dueMs) continue;
    // A duty met under an earlier version whose rule this one dropped (the case was migrated) stays
    // as it was recorded: there is no rule left to judge the late fact against it.
    const rule = d.c.rules.get(o.rule);
    if (rule === undefined) continue;
    // A fact before the duty started meets it only where the duty counts earlier records.
    if (ms(o.armedAt) > atMs && !countsEarlier(rule.meet)) continue;
    const how = meetsIt(o, rule);
    if (how === undefined) continue;
    const recorded = failureEntry(d, o);
    const w = d.edit(o);
    w.metAt = iso(atMs);
    d.log(atMs, {
      type: 'obligation-met',
      obligation: w.id,
      rule: w.rule,
      kind: w.kind,
      dueAt: w.dueAt,
      metAt: w.metAt,
      onTime: true,
      how,
      ...(recorded ? { corrects: recorded.seq } : {}),
    });
  }
}

/** Two ascending lists of positions as one, each position once. */
function mergedPositions(a: readonly number[], b: readonly number[]): number[] {
  if (b.length === 0) return [...a];
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
    if (merged.length === 0 || merged[merged.length - 1]! !== next) merged.push(next);
  }
  return merged;
}

/**
 * The entry that recorded a duty as passed (or, failing that, as met late or missed). Entries are in
 * the order learned, and nothing about a duty is learned before it started: only the entries since are read.
 */
function failureEntry(d: Draft, o: ObligationState): HistoryEntry | undefined {
  const armedMs = ms(o.armedAt);
  let other: HistoryEntry | undefined;
  for (let i = d.historyLength - 1; i >= 0; i--) {
    const entry = d.entry(i);
    if (ms(entry.at) < armedMs) break;
    if ((entry.type === 'deadline-passed' || entry.type === 'cap-breached') && entry.obligation === o.id) return entry;
    if (other) continue;
    if (entry.type === 'obligation-met' && entry.obligation === o.id && !entry.onTime) other = entry;
    if (entry.type === 'stage-ended' && entry.deadlines.some((x) => x.obligation === o.id && x.outcome === 'missed'))
      other = entry;
  }
  return other;
}

/**
 * What a fact learned late starts that a later fact already started (a duty that starts once, at the
 * first of its anchors, or a stage's duty from a stage reached earlier than recorded): its clock now
 * counts from the earlier fact. Only a duty still running and not extended moves.
 */
function startEarlier(d: Draft, happening: Happening, started: Set<string>): void {
  let ended: ReadonlySet<string> | undefined; // the duties a migration ended: the rule started afresh after them
  for (const rule of d.c.rules.values()) {
    if (!starts(rule.anchor, happening)) continue;
    if (rule.imminentRisk && 'onlyThen' in rule.imminentRisk && !d.imminentRisk) continue;
    const once = startsOnce(rule.anchor);
    const stage = stageOf(happening, d.esc.stage);
    const endedIds = (ended ??= d.endedByMigration());
    // The duty its anchor started (a reminder's later rounds are started by the updates that met it).
    const first = firstObligation(d, (o) => o.rule === rule.id && (once || o.stage === stage) && !endedIds.has(o.id));
    if (!first || first.status !== 'running' || first.extended || ms(first.armedAt) <= happening.atMs) continue;
    const due = dueOf(d, rule, happening.atMs);
    if (due === 'not-applicable') continue;
    const w = d.edit(first);
    const was = w.armedAt;
    const wasDueAt = w.dueAt;
    w.armedAt = iso(happening.atMs);
    setDue(w, due, rule, d.imminentRisk);
    delete w.passedAt; // passed already, it passes again at its earlier date (the entry for the later one stays)
    d.log(happening.atMs, {
      type: 'started-earlier',
      obligation: w.id,
      rule: w.rule,
      armedAt: w.armedAt,
      was,
      dueAt: w.dueAt,
      wasDueAt,
    });
    started.add(w.id);
  }
}

/** The first obligation that passes a test. */
function firstObligation(d: Draft, test: (o: ObligationState) => boolean): ObligationState | undefined {
  const count = d.obligationCount;
  for (let position = 0; position < count; position++) {
    const o = d.obligationAt(position);
    if (test(o)) return o;
  }
  return undefined;
}

/**
 * An extension agreed before its duty ended, learned after: the due date is moved as agreed, and a
 * duty recorded as met late that was met by the new date is recorded met on time. Returns false when
 * the duty named is still running (the ordinary extension applies).
 */
function extendEnded(d: Draft, event: EscalationEventOf<'EXTEND'>, atMs: number): boolean {
  if (d.running().some((o) => o.id === event.obligation || o.rule === event.obligation)) return false;
  let ended: ObligationState | undefined;
  for (let position = d.obligationCount - 1; position >= 0 && ended === undefined; position--) {
    const o = d.obligationAt(position);
    if ((o.id === event.obligation || o.rule === event.obligation) && ms(o.armedAt) <= atMs) ended = o;
  }
  if (!ended) return false; // refused as it would be on time
  const wasDueAt = ended.dueAt;
  const w = extendDuty(d, ended, event, atMs);
  if (
    w.status === 'met' &&
    w.metAt !== undefined &&
    wasDueAt !== null &&
    ms(w.metAt) > ms(wasDueAt) &&
    ms(w.metAt) <= ms(w.dueAt!)
  ) {
    const recorded = failureEntry(d, w);
    d.log(atMs, {
      type: 'obligation-met',
      obligation: w.id,
      rule: w.rule,
      kind: w.kind,
      dueAt: w.dueAt,
      metAt: w.metAt,
      onTime: true,
      how: `extended to ${event.to} before it was met`,
      ...(recorded ? { corrects: recorded.seq } : {}),
    });
  }
  return true;
}

/** A happening learned before the late fact, that happened after it. */
interface Later {
  readonly atMs: number;
  readonly seq: number;
  readonly happening: Happening;
  /** The stage it left, and how. */
  readonly left?: { readonly stage: string; readonly how: StageLeftHow };
  readonly closure?: 'resolved' | 'withdrawn';
}

const LEFT_BY_ENTRY: Partial<Record<StageEntryHow, StageLeftHow>> = {
  escalated: 'escalated',
  expedited: 'expedited',
  skipped: 'skipped',
};

/**
 * The facts already learned that happened after `fromMs`, in the order they happened: records, stages
 * reached, the closure. Entries are in the order learned, and nothing is learned before it happens,
 * so only the entries learned after `fromMs` are read.
 */
function laterHappenings(d: Draft, fromMs: number, eventSeq: number, closure: Closure | undefined): Later[] {
  const later: Later[] = [];
  for (let i = eventSeq - 2; i >= 0; i--) {
    const entry = d.entry(i);
    if (ms(entry.at) <= fromMs) break;
    if (entry.type === 'stage-entered') {
      const atMs = ms(entry.happenedAt ?? entry.at);
      const how = LEFT_BY_ENTRY[entry.how];
      if (atMs <= fromMs || entry.from === undefined || how === undefined) continue;
      const [stage, from] = [currentVersionStage(d, entry.stage, i), currentVersionStage(d, entry.from, i)];
      later.push({
        atMs,
        seq: entry.seq,
        happening: { kind: 'stage-entered', stage, from, how: entry.how, atMs },
        left: { stage: from, how },
      });
    } else if (entry.type === 'event' && entry.event.type === 'RECORD') {
      const atMs = ms(entry.event.at);
      if (atMs > fromMs)
        later.push({
          atMs,
          seq: entry.seq,
          happening: { kind: 'record', record: entry.event.record, stage: d.esc.stage, atMs },
        });
    } else if (closure && entry.seq === closure.seq && closure.atMs > fromMs) {
      const happening: Happening =
        closure.how === 'resolved'
          ? { kind: 'resolved', stage: d.esc.stage, atMs: closure.atMs }
          : { kind: 'withdrawn', stage: d.esc.stage, atMs: closure.atMs };
      later.push({
        atMs: closure.atMs,
        seq: entry.seq,
        happening,
        left: { stage: d.esc.stage, how: closure.how },
        closure: closure.how,
      });
    }
  }
  return later.sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
}

/**
 * The facts already learned that happened after a late fact act on what it started, in the order they
 * happened: a record meets it, a stage left or reached ends or meets it, the closure ends it.
 */
function catchUp(d: Draft, fromMs: number, started: Set<string>, eventSeq: number, closure: Closure | undefined): void {
  if (started.size === 0) return;
  for (const h of laterHappenings(d, fromMs, eventSeq, closure)) {
    const count = d.obligationCount; // a round started here is met only by what happens after it
    // What the late fact started is among what this draft changed or started.
    for (const i of d.changedPositions()) {
      if (i >= count) break;
      const o = d.obligationAt(i);
      if (!started.has(o.id) || o.status !== 'running') continue;
      const rule = d.rule(o);
      // What a stage left, or the closure, does to a duty: not to one it started itself.
      const ends = ms(o.armedAt) < h.atMs;
      const left = ends && h.left && o.stage === h.left.stage ? onLeavingStage(rule, h.left.how) : 'keep';
      if (left === 'meet') meetDuty(d, o, h.atMs, `left ${h.left!.stage} (${h.left!.how})`);
      else if (left === 'close' || left === 'void') voidDuty(d, o, h.atMs, `left ${h.left!.stage} (${h.left!.how})`);
      else if (meets(rule.meet, { armedAtMs: ms(o.armedAt) }, h.happening, d.c.recipients)) {
        meetDuty(d, o, h.atMs, describe(h.happening));
        const open = !closure || h.atMs < closure.atMs;
        if (rule.kind === 'reminder' && open) {
          const next = arm(d, rule, h.atMs, o.stage, (o.occurrence ?? 1) + 1);
          if (next) started.add(next.id);
        }
      } else if (h.closure && ends) {
        const effect = h.closure === 'resolved' ? onResolution(rule) : onWithdrawal(rule);
        if (effect === 'meet') meetDuty(d, o, h.atMs, h.closure);
        else if (effect === 'void') voidDuty(d, o, h.atMs, h.closure);
      }
    }
  }
}

function describe(happening: Happening): string {
  switch (happening.kind) {
    case 'record':
      return `${happening.record.kind}${happening.record.form ? ` ${happening.record.form}` : ''}${happening.record.to ? ` to ${happening.record.to}` : ''}`;
    case 'stage-entered':
      return `reached ${happening.stage}`;
    default:
      return happening.kind;
  }
}
