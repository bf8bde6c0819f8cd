import { applyEvent } from '../escalation/applyEvent.js';
import { getStatus } from '../escalation/getStatus.js';
import { startEscalation } from '../escalation/startEscalation.js';
import { londonDate } from '../calendar/london.js';
import { ukCalendar, type WorkingDayCalendar } from '../calendar/calendar.js';
import { policyArgument, type Policy } from '../policy/define.js';
import { EscalationError } from '../escalation/errors.js';
import { describeValue } from '../calendar/errors.js';
import { movesFrom } from '../policy/moves.js';
import type { Escalation } from '../escalation/types.js';

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
 * uses its full allowance and no limit is broken: each stage is left at the last moment its own
 * limits allow, records that start the next clock are made as late as they may be, and a limit on
 * reaching a later stage (a cumulative cap) brings forward every step before it, since the ladder
 * passes through them first. Where a stage has no timescale the walk notes it and moves on at once,
 * so the figures after it are the least that the limits still add. The dates are the engine's own:
 * each row is when the walked escalation entered that stage.
 *
 * @example
 * worstCaseTimeline(policies.suffolk, '2024-12-20T10:00:00Z').at(-1); // Stage 5 by 31 December (the cap governs)
 */
export function worstCaseTimeline(policy: Policy, raisedAt: string): WorstCaseStage[] {
  return worstCaseWalk(policyArgument(policy), raisedAt).rows;
}

/**
 * The walk behind `worstCaseTimeline`, with the escalation it leaves: every obligation it armed, with
 * its due date, and the history of the stages it entered. `uncappedWorkingDays` comes from a second
 * walk in which each move looks only at its own limits (`eachStageOnItsOwn`).
 */
export function worstCaseWalk(
  policy: Policy,
  raisedAt: string,
  options: WalkOptions = {},
): { rows: WorstCaseStage[]; escalation: Escalation } {
  const capped = walk(policy, raisedAt, true, options);
  const uncapped = walk(policy, raisedAt, false, options).rows;
  return {
    rows: capped.rows.map((row, i) => ({ ...row, uncappedWorkingDays: uncapped[i]?.workingDays ?? row.workingDays })),
    escalation: capped.escalation,
  };
}

/**
 * The same climb, each move looking only at the limits on that move (the stage's own, and any on
 * reaching the next stage), never at a cap further up: what the stage limits alone add up to, for
 * the lint that compares them with a cap (`TIMESCALE_CONFLICT`).
 */
export function eachStageOnItsOwn(policy: Policy, raisedAt: string): WorstCaseStage[] {
  return walk(policy, raisedAt, false).rows;
}

/** The walk behind `eachStageOnItsOwn`, with the escalation it leaves (when each cap started). */
export function eachStageOnItsOwnWalk(
  policy: Policy,
  raisedAt: string,
): { rows: WorstCaseStage[]; escalation: Escalation } {
  return walk(policy, raisedAt, false);
}

/** The stage an ESCALATE from `state` leads to, on the ladder the walk climbs. */
function nextOnLadder(policy: Policy, state: string): string | undefined {
  return movesFrom(policy, state).find((move) => move.event === 'ESCALATE')?.to;
}

/** Options for the worst-case walk. */
export interface WalkOptions {
  /** The calendar to count on: the policy's division with local closure days. */
  readonly calendar?: WorkingDayCalendar;
}

function walk(
  policy: Policy,
  raisedAt: string,
  lookAhead: boolean,
  options: WalkOptions = {},
): { rows: WorstCaseStage[]; escalation: Escalation } {
  const cal = options.calendar ?? ukCalendar(policy.division);
  const ruleOf = (id: string) => policy.obligations.find((o) => o.id === id)!;
  let e: Escalation = startEscalation(
    policy,
    { id: 'worst-case', raisedAt },
    options.calendar ? { calendar: options.calendar } : undefined,
  );
  const raisedOn = londonDate(raisedAt);
  let at = e.raisedAt;
  let unbounded = false;
  const rows: WorstCaseStage[] = [row(e, ['raised'], false)];
  for (let step = 0; step < policy.stages.length; step++) {
    const next = nextOnLadder(policy, e.state);
    if (!next) break;
    // The stages this move leads towards: reaching any of them by a date means reaching `next` by
    // then too. Without look-ahead, only `next`.
    const ahead = new Set<string>([next]);
    for (let s = nextOnLadder(policy, next); lookAhead && s && !ahead.has(s); s = nextOnLadder(policy, s)) ahead.add(s);
    const binding = () =>
      getStatus(policy, e, at).deadlines.filter((d) => {
        const rule = ruleOf(d.rule);
        if (d.kind === 'stage' && d.stage === e.stage && rule.meet.by !== 'record') return true;
        return rule.meet.by === 'stage-reached' && rule.meet.stages.some((s) => ahead.has(s));
      });
    const earliest = () =>
      binding().reduce<string | undefined>((a, d) => (a === undefined || d.dueAt < a ? d.dueAt : a), undefined);
    // Make, as late as allowed, every record with a date due before the move (a form, a
    // notification), and the records this stage's clocks wait for (a discussion that starts the next
    // stage's count): each at its own due moment, never after a limit on the move itself.
    for (let i = 0; i < 50; i++) {
      const bound = earliest();
      const owed = getStatus(policy, e, at)
        .deadlines.filter((d) => {
          if (ruleOf(d.rule).meet.by !== 'record') return false;
          const startsTheNextClock = d.kind === 'stage' && d.stage === e.stage;
          return startsTheNextClock || (bound !== undefined && d.dueAt <= bound);
        })
        .sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0))[0];
      if (!owed) break;
      const meet = ruleOf(owed.rule).meet;
      if (meet.by !== 'record') break;
      const kind = typeof meet.kind === 'string' ? meet.kind : meet.kind[0]!;
      const to = typeof meet.to === 'string' ? meet.to : meet.to?.[0];
      const latest = bound !== undefined && bound < owed.dueAt ? bound : owed.dueAt;
      if (latest > at) at = latest;
      e = applyEvent(policy, e, {
        type: 'RECORD',
        at,
        record: { kind, ...(meet.form ? { form: meet.form } : {}), ...(to ? { to } : {}) },
      });
    }
    // Leave at the earliest of the limits that bind the move. A limit already passed cannot be met
    // (the walk cannot go back in time): the move is made at once, and the row says when it was.
    const limits = binding();
    let governedBy: string[];
    if (limits.length === 0) {
      unbounded = true;
      governedBy = [`no timescale at ${e.stage}`];
    } else {
      const first = earliest()!;
      // The stage's own limit first, then a cap further up that falls on the same day.
      governedBy = limits
        .filter((d) => d.dueAt === first)
        .sort((a, b) => Number(b.stage === e.stage) - Number(a.stage === e.stage))
        .map((d) => d.rule);
      if (first > at) at = first;
    }
    e = applyEvent(policy, e, { type: 'ESCALATE', at });
    rows.push(row(e, governedBy, unbounded));
  }
  return { rows, escalation: e };

  function row(esc: Escalation, governedBy: string[], open: boolean): WorstCaseStage {
    const stage = policy.stages.find((s) => s.id === esc.stage)!;
    const on = londonDate(esc.asOf);
    const workingDays = cal.workingDaysBetween(raisedOn, on);
    return {
      stage: stage.id,
      number: stage.number,
      title: stage.title,
      reachedOn: on,
      workingDays,
      governedBy,
      unbounded: open,
      uncappedWorkingDays: workingDays,
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
  policy = policyArgument(policy);
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1970 || year > 2099) {
    throw new EscalationError(
      'INVALID_ARGUMENT',
      `longestRaiseDate: the year must be a whole year from 1970 to 2099, not ${describeValue(year)}`,
    );
  }
  let best: LongestRaise | null = null;
  for (let t = Date.UTC(year, 0, 1, 10); t < Date.UTC(year + 1, 0, 1, 10); t += 86_400_000) {
    const raisedAt = new Date(t).toISOString();
    const rows = worstCaseTimeline(policy, raisedAt);
    const top = rows.at(-1)!;
    const raisedOn = londonDate(raisedAt);
    const calendarDays = Math.round((Date.parse(top.reachedOn) - Date.parse(raisedOn)) / 86_400_000);
    if (!best || calendarDays > best.calendarDays) {
      best = {
        raisedOn,
        topStage: top.stage,
        reachedOn: top.reachedOn,
        calendarDays,
        workingDays: top.workingDays,
        unbounded: top.unbounded,
      };
    }
  }
  return best && best.workingDays > 0 ? best : null;
}
