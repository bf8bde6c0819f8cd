import { tryParseDate } from '../calendar/dates.js';
import { londonDayNumber } from '../calendar/london.js';
import type { ObligationKind, ObligationRule } from '../policy/schema.js';
import { instantArgument } from './arguments.js';
import {
  calendarFor,
  caseCalendar,
  type AllowedEvent,
  type Compiled,
  type EngineOptions,
  type PolicySource,
  type RuleFacts,
} from './compiled.js';
import { roundsDue } from './due.js';
import { Draft, iso, ms, recomputeRunning } from './engine.js';
import { EscalationError, withCalendarCodes } from './errors.js';
import { stageSummary } from './movement.js';
import { runningObligations } from './caseIndex.js';
import { checkedEscalation } from './restoreEscalation.js';
import type { Escalation, ObligationState } from './types.js';
import type { WorkingDayIndex } from '../calendar/calendar.js';

/** How close a deadline is: it warns before it bites. */
export type DeadlineState = 'running' | 'due-next-working-day' | 'due-today' | 'overdue';

/** A deadline still running. */
export interface Deadline {
  /** The obligation's id in this escalation. */
  readonly id: string;
  /** Its rule in the policy. */
  readonly rule: string;
  readonly kind: ObligationKind;
  readonly label: string;
  readonly strength: 'maximum' | 'guidance';
  readonly dueDate: string;
  /** The last millisecond of the due date in London, or the exact instant for a limit in hours. */
  readonly dueAt: string;
  readonly overdue: boolean;
  /**
   * Working days from today (London) to the due date; once overdue, minus the working days it is late
   * by, counting the first working day after the due date as 1 (so -1 on the weekend after a missed
   * Friday).
   */
  readonly workingDaysRemaining: number;
  readonly state: DeadlineState;
  readonly stage?: string;
  /** For a recurring duty that is overdue: how many rounds have fallen due without an update. */
  readonly roundsMissed?: number;
  /** For a recurring duty: when its next round falls due. */
  readonly nextRoundAt?: string;
  readonly citation: string;
}

/** Something someone must do now. */
export interface RequiredAction {
  readonly obligation: string | null;
  readonly kind: ObligationKind | 'stage';
  readonly action: string;
  readonly who?: string;
  /** Who must be told or answered, as the policy names them. */
  readonly to?: string;
  readonly dueDate: string | null;
  readonly dueAt: string | null;
  readonly overdue: boolean;
  readonly citation?: string;
}

/** What is due, what is overdue, and what may happen next. */
export interface EscalationStatus {
  readonly open: boolean;
  readonly status: Escalation['status'];
  readonly stage: { readonly id: string; readonly number: number; readonly title: string };
  /** The current stage's own deadline, or null when the stage has no timescale (or it has closed). */
  readonly stageDeadline: Pick<Deadline, 'dueDate' | 'dueAt' | 'overdue' | 'workingDaysRemaining'> | null;
  /** Every obligation still running that has a date, soonest first, including those that outlive resolution. */
  readonly deadlines: readonly Deadline[];
  /** What someone must do: dated actions soonest first, then those the policy gives no date. */
  readonly requiredActions: readonly RequiredAction[];
  /** What a user interface may offer next. */
  readonly allowedEvents: readonly AllowedEvent[];
}

/**
 * What is due and what is overdue at `now`, what someone must do, and what may happen next. Pure and
 * cheap: it reads the escalation and never changes it (a nightly sweep calls it for every open case).
 * The answer at an instant is the same whether or not the escalation was advanced (swept) before it.
 * `now` may not be before the last thing the escalation knows (`OUT_OF_ORDER`): its history would
 * contradict the answer.
 *
 * @example
 * const s = getStatus(policy, e, '2024-12-23T09:00:00Z');
 * s.stageDeadline; // { dueDate: '2024-12-23', dueAt: '2024-12-23T23:59:59.999Z', overdue: false, workingDaysRemaining: 0 }
 */
export function getStatus(
  policy: PolicySource,
  escalation: Escalation,
  now: string | Date,
  options?: EngineOptions,
): EscalationStatus {
  return withCalendarCodes(() => statusAt(policy, escalation, now, options));
}

function statusAt(
  policy: PolicySource,
  escalation: Escalation,
  now: string | Date,
  options?: EngineOptions,
): EscalationStatus {
  const { escalation: esc, c } = checkedEscalation(policy, escalation, options);
  const nowMs = instantArgument(now, 'now');
  const last = esc.history[esc.history.length - 1];
  if (last && nowMs < ms(last.at)) {
    throw new EscalationError(
      'OUT_OF_ORDER',
      `now ${iso(nowMs)} is before ${last.at}, the last entry of escalation '${esc.id}': its history would contradict a status then`,
    );
  }
  const { calendar, index, newEdition } = calendarFor(esc, options);
  let running: readonly ObligationState[];
  if (newEdition) {
    // A new edition of the bank holidays: deadlines still to come are counted on it, as the next
    // write will record.
    const d = new Draft(c, index, { ...esc, calendar: caseCalendar(calendar) }, ms(esc.asOf));
    recomputeRunning(d, ms(esc.asOf));
    running = d.running();
  } else {
    running = runningObligations(esc);
  }
  const today = londonDayNumber(nowMs);
  const open = esc.status === 'open';
  const deadlines: Deadline[] = [];
  const actions: RequiredAction[] = [];
  let stageHasObligation = false;
  for (const o of running) {
    const facts = c.ruleFacts.get(o.rule)!;
    const deadline = deadlineOf(o, facts.rule, facts, nowMs, today, index);
    if (deadline) deadlines.push(deadline);
    if (o.kind === 'stage' && o.stage === esc.stage) stageHasObligation = true;
    actions.push(actionFor(o, facts, deadline?.overdue ?? false));
  }
  if (open && !stageHasObligation) {
    const stage = c.stages.get(esc.stage)!;
    actions.push({
      obligation: null,
      kind: 'stage',
      action: `Resolve at ${stage.title}, or escalate`,
      dueDate: null,
      dueAt: null,
      overdue: false,
    });
  }
  sortSmall(deadlines, (a, b) => compare(a.dueAt, b.dueAt) || compare(a.id, b.id));
  // Dated actions soonest first, then undated ones, each in a fixed order: no collator, so every
  // machine sorts them alike.
  sortSmall(actions, (a, b) =>
    (a.dueAt === null) !== (b.dueAt === null)
      ? a.dueAt === null
        ? 1
        : -1
      : compare(a.dueAt ?? '', b.dueAt ?? '') || compare(a.obligation ?? '', b.obligation ?? ''),
  );
  const first = open ? deadlines.find((d) => d.kind === 'stage' && d.stage === esc.stage) : undefined;
  return {
    open,
    status: esc.status,
    stage: stageSummary(c.stages.get(esc.stage)!),
    stageDeadline: first
      ? {
          dueDate: first.dueDate,
          dueAt: first.dueAt,
          overdue: first.overdue,
          workingDaysRemaining: first.workingDaysRemaining,
        }
      : null,
    deadlines,
    requiredActions: actions,
    allowedEvents: allowedEvents(c, esc, running),
  };
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Sorts in place, stably, as `Array.prototype.sort` does: by insertion when short (a status has a few items), where the built-in sort's setup costs more than the sorting. */
function sortSmall<T>(items: T[], order: (a: T, b: T) => number): void {
  if (items.length > 16) {
    items.sort(order);
    return;
  }
  for (let i = 1; i < items.length; i++) {
    const item = items[i]!;
    let j = i - 1;
    for (; j >= 0 && order(items[j]!, item) > 0; j--) items[j + 1] = items[j]!;
    items[j + 1] = item;
  }
}

function deadlineOf(
  o: ObligationState,
  rule: ObligationRule,
  facts: RuleFacts,
  nowMs: number,
  today: number,
  index: WorkingDayIndex,
): Deadline | undefined {
  if (o.dueDate === null || o.dueAt === null) return undefined;
  const dueMs = ms(o.dueAt);
  const due = tryParseDate(o.dueDate);
  const overdue = nowMs > dueMs;
  const rounds = rule.every && overdue ? roundsDue(rule.every, dueMs, due, nowMs, index) : undefined;
  const tomorrow = index.add(today, 1);
  // Built key by key in one order, the optional ones in their places, the citation last.
  const deadline: Mutable<Omit<Deadline, 'citation'>> & { citation?: string } = {
    id: o.id,
    rule: o.rule,
    kind: o.kind,
    label: o.label,
    strength: o.strength,
    dueDate: o.dueDate,
    dueAt: o.dueAt,
    overdue,
    workingDaysRemaining: overdue ? -Math.max(1, index.between(due, today)) : index.between(today, due),
    state: overdue ? 'overdue' : due <= today ? 'due-today' : due === tomorrow ? 'due-next-working-day' : 'running',
  };
  if (o.stage) deadline.stage = o.stage;
  if (rounds) deadline.roundsMissed = rounds.rounds;
  if (rule.every) deadline.nextRoundAt = iso(rounds ? rounds.next.ms : dueMs);
  deadline.citation = facts.citation;
  return deadline as Deadline;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function actionFor(o: ObligationState, facts: RuleFacts, overdue: boolean): RequiredAction {
  const { who, to, citation } = facts;
  if (who !== undefined && to !== undefined)
    return {
      obligation: o.id,
      kind: o.kind,
      action: o.label,
      who,
      to,
      dueDate: o.dueDate,
      dueAt: o.dueAt,
      overdue,
      citation,
    };
  if (who !== undefined)
    return {
      obligation: o.id,
      kind: o.kind,
      action: o.label,
      who,
      dueDate: o.dueDate,
      dueAt: o.dueAt,
      overdue,
      citation,
    };
  if (to !== undefined)
    return {
      obligation: o.id,
      kind: o.kind,
      action: o.label,
      to,
      dueDate: o.dueDate,
      dueAt: o.dueAt,
      overdue,
      citation,
    };
  return { obligation: o.id, kind: o.kind, action: o.label, dueDate: o.dueDate, dueAt: o.dueAt, overdue, citation };
}

function allowedEvents(c: Compiled, esc: Escalation, running: readonly ObligationState[]): AllowedEvent[] {
  if (esc.status !== 'open')
    return running.some((o) => c.ruleFacts.get(o.rule)!.metByRecord) ? [{ type: 'RECORD' }] : [];
  const events: AllowedEvent[] = [...(c.moves.get(esc.state) ?? []), { type: 'RECORD' }, { type: 'RISK' }];
  for (const flag of c.flags) events.push({ type: 'FLAG', flag });
  for (const o of running) {
    if (o.strength === 'guidance' && o.dueDate !== null) events.push({ type: 'EXTEND', obligation: o.id });
    if (c.ruleFacts.get(o.rule)!.perCase) events.push({ type: 'SET_TIMESCALE', obligation: o.id });
  }
  events.push({ type: 'CALENDAR' });
  return events;
}
