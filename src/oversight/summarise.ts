import { londonDate } from '../calendar/london.js';
import type { Policy } from '../policy/define.js';
import {
  activeInPeriod,
  calendarOfCase,
  closingEntry,
  highestStageEntered,
  londonPeriod,
  stageNumbering,
  workingDaysLate,
} from './common.js';
import { EscalationError } from '../escalation/errors.js';
import type { HistoryEntryOf } from '../escalation/types.js';
import {
  caseLabel,
  nowArgument,
  optionsArgument,
  periodArgument,
  policiesArgument,
  readCase,
  registerArgument,
} from './read.js';

// Partnership oversight: counts from the escalations case-management systems already hold. Only
// references, categories and process dates come out; free text only when asked for by name.

/** Free-text fields a caller may ask to include by name. Left out otherwise. */
export type TextField = 'outcome' | 'learning' | 'summary';

/** The period and moment of a summary, and what free text it may include. */
export interface OversightOptions {
  /** The period, as dates (`YYYY-MM-DD`, inclusive) in London. */
  readonly from: string;
  readonly to: string;
  /** When the report is made: lateness is measured at the earlier of `now` and the end of `to`. */
  readonly now: string;
  /** Policies by id beyond the five built in (a case keeps the version it started under). */
  readonly policies?: Readonly<Record<string, Policy>>;
  /** Free-text fields to include, by name. */
  readonly includeText?: readonly TextField[];
}

/** Deadlines met and missed. */
export interface Count {
  readonly met: number;
  readonly missed: number;
}

/** The figures for a partnership board. */
export interface OversightSummary {
  readonly period: { readonly from: string; readonly to: string };
  /** Raised within the period. */
  readonly raised: number;
  /** Still open at the end of the period. */
  readonly open: number;
  /** Resolved within the period. */
  readonly resolved: number;
  /** Withdrawn within the period. */
  readonly withdrawn: number;
  /** Escalations active in the period whose JSON could not be read (by id where it has one). */
  readonly unreadable: readonly string[];
  /** The highest stage each escalation reached by the end of the period, by policy and stage number. */
  readonly highestStage: readonly { policy: string; stage: number; title: string; count: number }[];
  /** How escalations reached their highest stage. */
  readonly reachedBy: Readonly<Record<'start' | 'escalated' | 'expedited' | 'skipped' | 'started-later', number>>;
  /** Deadlines settled in the period, by stage number and by kind. */
  readonly deadlines: {
    readonly byStage: Readonly<Record<string, Count>>;
    readonly byKind: Readonly<Record<string, Count>>;
  };
  /** Working days from raising to resolution, for escalations resolved in the period. */
  readonly workingDaysToResolution: {
    readonly count: number;
    readonly median: number | null;
    readonly slowest: { id: string; workingDays: number } | null;
  };
  readonly byNature: Readonly<Record<string, number>>;
  readonly byAgencyRaising: Readonly<Record<string, number>>;
  readonly byAgencyConcerned: Readonly<Record<string, number>>;
  /** How escalations active in the period ended: resolved or withdrawn in it, or still open. */
  readonly byOutcome: Readonly<Record<'resolved' | 'withdrawn' | 'open', number>>;
  /** Learning recorded in the period; the text only when asked for. */
  readonly learning: { readonly count: number; readonly items: readonly { id: string; at: string; text?: string }[] };
  /** Escalations open at the end of the period, with how late their latest-running deadline is. */
  readonly openCases: readonly {
    id: string;
    policy: string;
    stage: number;
    lateByWorkingDays: number;
    outcome?: string;
  }[];
  /** Outcomes of resolutions in the period, only when `includeText` names 'outcome'. */
  readonly outcomes?: readonly { id: string; outcome: string }[];
}

/** A count by a key the data gives (free text included): a Map, so no key can be Object.prototype's. */
const inc = (m: Map<string, number>, k: string | undefined) => {
  const key = k ?? 'not recorded';
  m.set(key, (m.get(key) ?? 0) + 1);
};
/**
 * Summarises escalations (any mix of policies) for a period: how many were raised, are open, were
 * resolved or withdrawn; the highest stage each reached and how; deadlines met and missed by stage
 * and kind; working days to resolution; counts by nature, agency and outcome; the learning recorded;
 * and every case still open at the end, with how late it is. References, categories and process dates
 * only: free text comes out only when named in `includeText`.
 *
 * @example
 * const s = summarise(register, { from: '2025-01-01', to: '2025-12-31', now: '2026-01-05T09:00:00Z' });
 * s.raised; s.deadlines.byStage['1']; // { met, missed }
 */
export function summarise(escalations: Iterable<unknown>, options: OversightOptions): OversightSummary {
  const register = registerArgument(escalations, 'summarise');
  const given = optionsArgument(options, 'summarise');
  const period = periodArgument(given.from, given.to, 'summarise');
  const { fromIso, toIso } = londonPeriod(period.from, period.to);
  const nowIso = nowArgument(given.now, 'summarise: now');
  const at = nowIso < toIso ? nowIso : toIso;
  const text = new Set(textFields(given.includeText));
  const known = policiesArgument(given.policies, 'summarise');
  const inPeriod = (iso: string) => {
    const d = londonDate(iso);
    return d >= period.from && d <= period.to;
  };

  let raised = 0,
    open = 0,
    resolved = 0,
    withdrawn = 0;
  const unreadable: string[] = [];
  const highest = new Map<string, { policy: string; stage: number; title: string; count: number }>();
  const reachedBy = { start: 0, escalated: 0, expedited: 0, skipped: 0, 'started-later': 0 };
  const byStage = new Map<string, { met: number; missed: number }>();
  const byKind = new Map<string, { met: number; missed: number }>();
  const tally = (m: Map<string, { met: number; missed: number }>, key: string) => {
    let count = m.get(key);
    if (!count) m.set(key, (count = { met: 0, missed: 0 }));
    return count;
  };
  const settle = (stage: string | undefined, kind: string, met: boolean) => {
    const s = tally(byStage, stage ?? 'whole process');
    const k = tally(byKind, kind);
    if (met) (s.met++, k.met++);
    else (s.missed++, k.missed++);
  };
  const durations: { id: string; workingDays: number }[] = [];
  const byNature = new Map<string, number>(),
    byAgencyRaising = new Map<string, number>(),
    byAgencyConcerned = new Map<string, number>();
  const byOutcome = { resolved: 0, withdrawn: 0, open: 0 };
  const learning: { id: string; at: string; text?: string }[] = [];
  const openCases: { id: string; policy: string; stage: number; lateByWorkingDays: number }[] = [];
  const outcomes: { id: string; outcome: string }[] = [];

  for (const value of register) {
    const e = readCase(value);
    if (!e) {
      unreadable.push(caseLabel(value));
      continue;
    }
    if (!activeInPeriod(e, fromIso, toIso)) continue; // raised after the period, or closed before it
    const closing = closingEntry(e);
    const closedAt = closing?.at;
    const policy = known.get(e.policy.id);
    const stageOf = (id: string) => policy?.stages.find((s) => s.id === id);
    const stageNumber = stageNumbering(policy);

    if (inPeriod(e.raisedAt)) raised++;
    inc(byNature, e.concern?.nature);
    inc(byAgencyRaising, e.concern?.agencyRaising);
    inc(byAgencyConcerned, e.concern?.agencyConcerned);

    // The highest stage reached by the end of the period, and how.
    const top = highestStageEntered(e, stageNumber, toIso);
    for (const h of e.history) {
      if (h.at > toIso) break;
      if (h.type === 'stage-ended' && inPeriod(h.at)) {
        for (const d of h.deadlines) {
          if (d.outcome === 'met' || d.outcome === 'missed')
            settle(String(stageNumber(h.stage)), d.kind, d.outcome === 'met');
        }
      }
      if (h.type === 'obligation-met' && inPeriod(h.at) && h.dueAt && h.kind !== 'stage') {
        const o = e.obligations.find((x) => x.id === h.obligation);
        settle(o?.stage ? String(stageNumber(o.stage)) : undefined, h.kind, h.onTime);
      }
      if (h.type === 'event' && h.event.type === 'RECORD' && inPeriod(h.at)) {
        const r = h.event.record;
        if (r.kind === 'learning')
          learning.push({ id: e.id, at: h.at, ...(text.has('learning') && r.summary ? { text: r.summary } : {}) });
      }
    }
    // Deadlines that passed in the period and were never met count as missed too.
    for (const o of e.obligations) {
      // (a stage deadline that ended is counted by its stage-ended entry, whether met or missed)
      if (
        o.passedAt &&
        inPeriod(o.passedAt) &&
        (o.status === 'running' || (o.status === 'void' && o.kind !== 'stage'))
      ) {
        settle(o.stage ? String(stageNumber(o.stage)) : undefined, o.kind, false);
      }
    }
    if (top) {
      const n = stageNumber(top.stage);
      const key = `${e.policy.id}#${n}`;
      const row = highest.get(key) ?? {
        policy: e.policy.id,
        stage: n,
        title: stageOf(top.stage)?.title ?? top.stage,
        count: 0,
      };
      row.count++;
      highest.set(key, row);
      const how = top.how;
      if (Object.hasOwn(reachedBy, how)) reachedBy[how as keyof typeof reachedBy]++;
    }

    const closedInPeriod = closedAt !== undefined && closedAt <= toIso;
    if (closedInPeriod && closing?.event.type === 'RESOLVE') {
      resolved++;
      byOutcome.resolved++;
      const cal = calendarOfCase(e);
      durations.push({ id: e.id, workingDays: cal.workingDaysBetween(e.raisedOn, londonDate(closedAt)) });
      if (text.has('outcome')) outcomes.push({ id: e.id, outcome: closing.event.outcome });
    } else if (closedInPeriod) {
      withdrawn++;
      byOutcome.withdrawn++;
    } else {
      open++;
      byOutcome.open++;
      // How late: the oldest deadline still running at `at`, in working days.
      const late = workingDaysLate(e, at, calendarOfCase(e));
      const current = [...e.history]
        .reverse()
        .find((h): h is HistoryEntryOf<'stage-entered'> => h.type === 'stage-entered' && h.at <= toIso);
      openCases.push({
        id: e.id,
        policy: e.policy.id,
        stage: current ? stageNumber(current.stage) : 0,
        lateByWorkingDays: late,
      });
    }
  }
  durations.sort((a, b) => a.workingDays - b.workingDays);
  const median =
    durations.length === 0
      ? null
      : durations.length % 2
        ? durations[durations.length >> 1]!.workingDays
        : (durations[durations.length / 2 - 1]!.workingDays + durations[durations.length / 2]!.workingDays) / 2;
  openCases.sort((a, b) => b.lateByWorkingDays - a.lateByWorkingDays || (a.id < b.id ? -1 : 1));
  return {
    period,
    raised,
    open,
    resolved,
    withdrawn,
    unreadable,
    highestStage: [...highest.values()].sort((a, b) =>
      a.policy < b.policy ? -1 : a.policy > b.policy ? 1 : a.stage - b.stage,
    ),
    reachedBy,
    deadlines: { byStage: Object.fromEntries(byStage), byKind: Object.fromEntries(byKind) },
    workingDaysToResolution: { count: durations.length, median, slowest: durations.at(-1) ?? null },
    byNature: Object.fromEntries(byNature),
    byAgencyRaising: Object.fromEntries(byAgencyRaising),
    byAgencyConcerned: Object.fromEntries(byAgencyConcerned),
    byOutcome,
    learning: { count: learning.length, items: learning },
    openCases,
    ...(text.has('outcome') ? { outcomes } : {}),
  };
}

const TEXT_FIELDS: readonly TextField[] = ['outcome', 'learning', 'summary'];

/** The free-text fields asked for, each one of those a summary knows. */
function textFields(value: unknown): TextField[] {
  if (value === undefined) return [];
  if (Array.isArray(value) && value.every((field) => TEXT_FIELDS.includes(field))) return value as TextField[];
  throw new EscalationError('INVALID_ARGUMENT', `summarise: includeText must list some of ${TEXT_FIELDS.join(', ')}`);
}
