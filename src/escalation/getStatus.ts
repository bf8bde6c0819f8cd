import { tryParseDate } from '../calendar/dates.js';
import { londonDayNumber } from '../calendar/london.js';
import type { ObligationKind } from '../policy/schema.js';
import { calendarFor, policyFor, type AllowedEvent, type EngineOptions } from './compiled.js';
import { Draft, iso, ms, recomputeRunning } from './engine.js';
import { stageSummary } from './movement.js';
import { checkedEscalation } from './restoreEscalation.js';
import { citationText } from '../policy/citation.js';
import { instantSchema, type Escalation, type ObligationState } from './types.js';
import { validate } from './validate.js';

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
  /** Working days from today (London) to the due date; negative when overdue. */
  readonly workingDaysRemaining: number;
  readonly state: DeadlineState;
  readonly stage?: string;
  readonly citation: string;
}

/** Something someone must do now. */
export interface RequiredAction {
  readonly obligation: string | null;
  readonly kind: ObligationKind | 'stage';
  readonly action: string;
  readonly who?: string;
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
  readonly requiredActions: readonly RequiredAction[];
  /** What a user interface may offer next. */
  readonly allowedEvents: readonly AllowedEvent[];
}

/**
 * What is due and what is overdue at `now`, what someone must do, and what may happen next. Pure and
 * cheap: it reads the escalation and never changes it (a nightly sweep calls it for every open case).
 *
 * @example
 * const s = getStatus(e, '2024-12-23T09:00:00Z');
 * s.stageDeadline; // { dueDate: '2024-12-23', dueAt: '2024-12-23T23:59:59.999Z', overdue: false, workingDaysRemaining: 0 }
 */
export function getStatus(escalation: Escalation, now: string | Date, options?: EngineOptions): EscalationStatus {
  const esc = checkedEscalation(escalation, options);
  const c = policyFor(esc, options);
  const nowMs = ms(validate(instantSchema, now instanceof Date && !Number.isNaN(now.getTime()) ? now.toISOString() : now, 'INVALID_EVENT', 'now'));
  // Stored instants are all written by toISOString, so they compare as strings.
  const nowIso = iso(nowMs);
  const { index, custom } = calendarFor(c, options);
  let obligations = esc.obligations;
  if (custom) {
    const d = new Draft(c, index, esc);
    recomputeRunning(d);
    obligations = d.obligations;
  }
  const today = londonDayNumber(nowMs);
  const tomorrow = index.add(today, 1);
  const open = esc.status === 'open';

  const deadlines: Deadline[] = [];
  const actions: RequiredAction[] = [];
  let stageDeadline: EscalationStatus['stageDeadline'] = null;
  let stageHasObligation = false;
  for (const o of obligations) {
    if (o.status !== 'running') continue;
    const rule = c.rules.get(o.rule)!;
    const overdue = o.dueAt !== null && nowIso > o.dueAt;
    if (o.dueDate !== null && o.dueAt !== null) {
      const due = tryParseDate(o.dueDate);
      const d: Deadline = {
        id: o.id,
        rule: o.rule,
        kind: o.kind,
        label: o.label,
        strength: o.strength,
        dueDate: o.dueDate,
        dueAt: o.dueAt,
        overdue,
        workingDaysRemaining: index.between(today, due),
        state: overdue ? 'overdue' : due <= today ? 'due-today' : due === tomorrow ? 'due-next-working-day' : 'running',
        ...(o.stage ? { stage: o.stage } : {}),
        citation: citationText(rule.citation),
      };
      deadlines.push(d);
      if (open && o.kind === 'stage' && o.stage === esc.stage && (!stageDeadline || d.dueAt < stageDeadline.dueAt)) {
        stageDeadline = { dueDate: d.dueDate, dueAt: d.dueAt, overdue: d.overdue, workingDaysRemaining: d.workingDaysRemaining };
      }
    }
    if (o.kind === 'stage' && o.stage === esc.stage) stageHasObligation = true;
    actions.push(actionFor(o, rule.who, rule.to, overdue, citationText(rule.citation)));
  }
  if (open && !stageHasObligation) {
    const stage = c.stages.get(esc.stage)!;
    actions.push({ obligation: null, kind: 'stage', action: `Resolve at ${stage.title}, or escalate`, dueDate: null, dueAt: null, overdue: false });
  }
  deadlines.sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0));
  actions.sort((a, b) => (a.dueAt ?? '~').localeCompare(b.dueAt ?? '~'));

  let allowedEvents: AllowedEvent[];
  if (open) {
    allowedEvents = [...(c.moves.get(esc.state) ?? []), { type: 'RECORD' }, { type: 'RISK' }];
    for (const o of obligations) {
      if (o.status !== 'running') continue;
      if (o.strength === 'guidance' && o.dueDate !== null) allowedEvents.push({ type: 'EXTEND', obligation: o.id });
      const limit = c.rules.get(o.rule)!.limit;
      if (limit && 'whicheverIsLess' in limit && limit.whicheverIsLess.some((p) => 'perCase' in p)) allowedEvents.push({ type: 'SET_TIMESCALE', obligation: o.id });
    }
  } else {
    allowedEvents = obligations.some((o) => o.status === 'running' && c.rules.get(o.rule)!.meet.by === 'record') ? [{ type: 'RECORD' }] : [];
  }
  return {
    open,
    status: esc.status,
    stage: stageSummary(c.stages.get(esc.stage)!),
    stageDeadline,
    deadlines,
    requiredActions: actions,
    allowedEvents,
  };
}

function actionFor(o: ObligationState, who: string | undefined, to: string | undefined, overdue: boolean, citation: string): RequiredAction {
  return {
    obligation: o.id,
    kind: o.kind,
    action: o.label,
    ...(who ? { who } : {}),
    ...(to ? { to } : {}),
    dueDate: o.dueDate,
    dueAt: o.dueAt,
    overdue,
    citation,
  };
}
