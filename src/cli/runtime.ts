// Every call the command line makes into the escalation runtime and what is built on it (the
// worst-case walk, the Gantt chart, the oversight reports), in one module: when the runtime's
// signatures change, this is the file that follows them.
import { worstCaseWalk, type WorstCaseStage } from '../audit/worstCaseTimeline.js';
import { londonDate } from '../calendar/london.js';
import { getStatus, type EscalationStatus } from '../escalation/getStatus.js';
import { restoreEscalation } from '../escalation/restoreEscalation.js';
import type { Escalation, ObligationState } from '../escalation/types.js';
import { renderAnnualReport, type AnnualReport } from '../oversight/report.js';
import { summarise, type OversightOptions, type OversightSummary } from '../oversight/summarise.js';
import { trackerCsv } from '../oversight/tracker.js';
import type { Policy } from '../policy/define.js';
import { describeLimit } from '../render/policyMarkdown.js';
import { isMissed, renderTimeline } from '../render/renderTimeline.js';

/** A stored escalation, checked against its policy, and its status at an instant. */
export function statusAt(
  escalationJson: string,
  policy: Policy,
  at: string,
): { escalation: Escalation; status: EscalationStatus } {
  const escalation = restoreEscalation(policy, escalationJson);
  return { escalation, status: getStatus(policy, escalation, at) };
}

/** One deadline of the worst case, as the `timeline` command shows it. */
export interface TimelineDeadline {
  readonly obligation: string;
  readonly rule: string;
  readonly label: string;
  /** The stage it belongs to, as `number. title`; null for a limit on the whole process. */
  readonly stage: string | null;
  readonly stageNumber: number | null;
  readonly who: string | null;
  readonly dueDate: string;
  readonly dueAt: string;
  readonly countedFrom: string;
  readonly limit: string;
  /** The engine's word on it when the top stage is reached: met (in time), missed, still running, or no longer applying. */
  readonly outcome: 'met' | 'missed' | 'running' | 'void';
  readonly metOn: string | null;
}

/** The worst case of an escalation raised at an instant, as the `timeline` command shows it. */
export interface Timeline {
  readonly stages: readonly WorstCaseStage[];
  readonly deadlines: readonly TimelineDeadline[];
  /** Obligations the policy gives no date for. */
  readonly withoutDate: readonly string[];
  /** The same walk as a Mermaid Gantt chart, at the moment the top stage is reached. */
  readonly mermaid: string;
}

/**
 * The worst case of an escalation raised at `raisedAt`: the stages at the latest, every deadline with
 * the engine's word on it, and the Gantt chart, all from one walk of the engine, so they agree.
 */
export function timelineOf(policy: Policy, raisedAt: string): Timeline {
  const { rows, escalation } = worstCaseWalk(policy, raisedAt);
  const now = escalation.asOf;
  const rules = new Map(policy.obligations.map((o) => [o.id, o] as const));
  const dated = escalation.obligations.filter(
    (o): o is ObligationState & { dueDate: string; dueAt: string } => o.dueDate !== null && o.dueAt !== null,
  );
  const deadlines = dated
    .map((o, index) => ({ o, index }))
    .sort((a, b) => (a.o.dueAt < b.o.dueAt ? -1 : a.o.dueAt > b.o.dueAt ? 1 : a.index - b.index))
    .map(({ o }): TimelineDeadline => {
      const rule = rules.get(o.rule)!;
      const stage = policy.stages.find((s) => s.id === o.stage);
      return {
        obligation: o.id,
        rule: o.rule,
        label: o.label,
        stage: stage ? `${stage.number}. ${stage.title}` : null,
        stageNumber: stage ? stage.number : null,
        who: [rule.who, rule.to ? `to ${rule.to}` : undefined].filter(Boolean).join(', ') || null,
        dueDate: o.dueDate,
        dueAt: o.dueAt,
        countedFrom: londonDate(o.armedAt),
        limit: describeLimit(rule.limit),
        outcome: isMissed(o, now) ? 'missed' : o.status,
        metOn: o.status === 'met' && o.metAt ? londonDate(o.metAt) : null,
      };
    });
  const withoutDate = [...new Set(escalation.obligations.filter((o) => o.dueDate === null).map((o) => o.label))];
  return { stages: rows, deadlines, withoutDate, mermaid: renderTimeline(policy, escalation, now) };
}

/** The oversight summary of stored escalations (unreadable ones are counted, not refused). */
export function oversightSummary(escalations: readonly unknown[], options: OversightOptions): OversightSummary {
  return summarise(escalations, options);
}

/** The tracker, one CSV row per escalation active in the period (an unreadable one is a row that says so). */
export function oversightTrackerCsv(
  escalations: readonly unknown[],
  options: { now: string; from: string; to: string },
): string {
  return trackerCsv(escalations, options);
}

/** The annual analysis in Markdown, with its charts. */
export function oversightAnnualReport(
  escalations: readonly unknown[],
  options: OversightOptions & { chartPath: string },
): AnnualReport {
  return renderAnnualReport(escalations, options);
}
