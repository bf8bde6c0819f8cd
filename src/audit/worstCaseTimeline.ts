import { applyEvent } from '../escalation/applyEvent.js';
import { getStatus } from '../escalation/getStatus.js';
import { startEscalation } from '../escalation/startEscalation.js';
import { londonDate } from '../calendar/london.js';
import { ukCalendar, type WorkingDayCalendar } from '../calendar/calendar.js';
import type { Policy } from '../policy/define.js';
import { transitionsOf } from '../policy/define.js';
import type { Escalation, EscalationRecord } from '../escalation/types.js';

/** One stage of a worst-case timeline. */
export interface WorstCaseStage {
  readonly stage: string;
  readonly number: number;
  readonly title: string;
  /** The latest date the stage can be reached when every party uses its full allowance. */
  readonly reachedOn: string;
  /** Working days from the raising. */
  readonly workingDays: number;
  /** The obligations that set the moment it was reached, or why nothing did. */
  readonly governedBy: readonly string[];
  /** True when the stage before it has no timescale: it could be reached any time later. */
  readonly unbounded: boolean;
  /** Working days from the raising if every stage used its own allowance, ignoring caps. */
  readonly uncappedWorkingDays: number;
}

/**
 * The latest each stage can be reached, climbing the ladder one ESCALATE at a time, when every party
 * uses its full allowance: each stage is left at the last moment its own limits allow, records that
 * start the next clock are made as late as they may be, and a cumulative cap cuts the climb short
 * where it is tighter. Where a stage has no timescale the walk notes it and moves on at once, so the
 * figures after it are the least that the limits still add.
 *
 * @example
 * worstCaseTimeline(policies.suffolk, '2024-12-20T10:00:00Z').at(-1); // Stage 5 by 31 December (the cap governs)
 */
export function worstCaseTimeline(policy: Policy, raisedAt: string): WorstCaseStage[] {
  return worstCaseWalk(policy, raisedAt).rows;
}

/**
 * The walk behind `worstCaseTimeline`, with the escalation it leaves: every obligation it armed, with
 * its due date. A `calendar` (the policy's division with local closures) counts the walk on it.
 */
export function worstCaseWalk(
  policy: Policy,
  raisedAt: string,
  options: { calendar?: WorkingDayCalendar } = {},
): { rows: WorstCaseStage[]; escalation: Escalation } {
  const cal = options.calendar ?? ukCalendar(policy.division);
  const engine = options.calendar ? { calendar: options.calendar } : undefined;
  let e: Escalation = startEscalation(policy, { id: 'worst-case', raisedAt }, engine);
  const raisedOn = londonDate(raisedAt);
  let at = e.raisedAt;
  let unbounded = false;
  const rows: WorstCaseStage[] = [row(e, raisedOn, ['raised'], false)];
  for (let guard = 0; guard < policy.stages.length; guard++) {
    const next = transitionsOf(policy.machine.states[e.state]?.on?.ESCALATE)[0]?.target;
    if (!next) break;
    // Make, as late as allowed, the records this stage's clocks wait for (a discussion that starts
    // the next stage's count).
    for (let i = 0; i < 4; i++) {
      const waiting = getStatus(e, at, engine).deadlines.find(
        (d) => d.kind === 'stage' && d.stage === e.stage && policy.obligations.find((o) => o.id === d.rule)?.meet.by === 'record',
      );
      if (!waiting) break;
      const meet = policy.obligations.find((o) => o.id === waiting.rule)!.meet as { kind: EscalationRecord['kind'] | readonly EscalationRecord['kind'][] };
      const kind = typeof meet.kind === 'string' ? meet.kind : meet.kind[0]!;
      at = waiting.dueAt > at ? waiting.dueAt : at;
      e = applyEvent(e, { type: 'RECORD', at, record: { kind } }, engine);
    }
    // Leave at the earliest of the limits that bind the move to the next stage.
    const binding = getStatus(e, at, engine).deadlines.filter((d) => {
      const rule = policy.obligations.find((o) => o.id === d.rule)!;
      if (d.kind === 'stage' && d.stage === e.stage && rule.meet.by !== 'record') return true;
      return rule.meet.by === 'stage-reached' && (rule.meet.stages as readonly string[]).includes(next);
    });
    let governedBy: string[];
    let reachedAt = at;
    if (binding.length === 0) {
      unbounded = true;
      governedBy = [`no timescale at ${e.stage}`];
    } else {
      const earliest = binding.reduce((a, b) => (b.dueAt < a.dueAt ? b : a));
      governedBy = binding.filter((d) => d.dueAt === earliest.dueAt).map((d) => d.rule);
      // A cap already passed governs: the stage had to be reached by then, whatever the stage
      // limits before it allowed (the walk itself cannot go back in time).
      reachedAt = earliest.dueAt;
      if (earliest.dueAt > at) at = earliest.dueAt;
    }
    e = applyEvent(e, { type: 'ESCALATE', at }, engine);
    rows.push(row(e, londonDate(reachedAt), governedBy, unbounded, londonDate(at)));
  }
  return { rows, escalation: e };

  function row(esc: Escalation, on: string, governedBy: string[], open: boolean, uncappedOn = on): WorstCaseStage {
    const stage = policy.stages.find((s) => s.id === esc.stage)!;
    return {
      stage: stage.id,
      number: stage.number,
      title: stage.title,
      reachedOn: on,
      workingDays: cal.workingDaysBetween(raisedOn, on),
      governedBy,
      unbounded: open,
      uncappedWorkingDays: cal.workingDaysBetween(raisedOn, uncappedOn),
    };
  }
}


/** The raise date of a year that gives the longest calendar time to the top stage. */
export interface LongestRaise {
  readonly raisedOn: string;
  readonly topStage: string;
  readonly reachedOn: string;
  readonly calendarDays: number;
  readonly workingDays: number;
  /** A stage on the way has no timescale: the figures are what the limits alone add up to. */
  readonly unbounded: boolean;
}

/**
 * Tries every day of a year as the raise date (at 10:00 London time) and returns the one whose
 * worst-case timeline takes longest, in calendar days, to reach the top stage: where Christmas and
 * Easter stretch a policy most. Where a stage has no timescale the figures are what the limits alone
 * add up to (`unbounded`); null when no stage has a timescale at all.
 *
 * @example
 * longestRaiseDate(policies['derby-derbyshire'], 2025); // raised 2025-12-12, Stage 4 by 2026-01-05
 */
export function longestRaiseDate(policy: Policy, year: number): LongestRaise | null {
  let best: LongestRaise | null = null;
  for (let t = Date.UTC(year, 0, 1, 10); t < Date.UTC(year + 1, 0, 1, 10); t += 86_400_000) {
    const raisedAt = new Date(t).toISOString();
    const rows = worstCaseTimeline(policy, raisedAt);
    const top = rows.at(-1)!;
    const raisedOn = londonDate(raisedAt);
    const calendarDays = Math.round((Date.parse(top.reachedOn) - Date.parse(raisedOn)) / 86_400_000);
    if (!best || calendarDays > best.calendarDays) {
      best = { raisedOn, topStage: top.stage, reachedOn: top.reachedOn, calendarDays, workingDays: top.workingDays, unbounded: top.unbounded };
    }
  }
  return best && best.workingDays > 0 ? best : null;
}
