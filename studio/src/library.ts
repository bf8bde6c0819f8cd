// The studio's one door into the library. Every call into safeguarding-escalation goes through this
// module, so that when the library's API changes only this file changes.
import {
  advanceTo,
  applyEvent,
  definePolicy,
  describeLimit,
  DIVISIONS,
  EscalationError,
  getStatus,
  lintPolicy,
  londonDate,
  endOfLondonDay,
  parsePolicyText,
  policyJsonSchema,
  renderStateDiagram,
  startEscalation,
  ukCalendar,
  type AllowedEvent,
  type Deadline,
  type Division,
  type Escalation,
  type EscalationEvent,
  type EscalationStatus,
  type Finding,
  type HistoryEntry,
  type ParsedPolicyText,
  type Policy,
  type PolicyFormat,
  type StartInput,
  type WorkingDayCalendar,
} from '../../src/index.js';
import { POLICY_FILES } from './policyFiles.generated.js';
import { worstCaseWalk, type WorstCaseStage } from '../../src/audit/worstCaseTimeline.js';
import { citationText } from '../../src/policy/citation.js';
import { stageObligations } from '../../src/policy/queries.js';
import { RECORD_KINDS, RISKS } from '../../src/policy/schema.js';

export { citationText, DIVISIONS, EscalationError, RECORD_KINDS, RISKS };
export type {
  AllowedEvent,
  Deadline,
  Division,
  Escalation,
  EscalationEvent,
  EscalationStatus,
  Finding,
  HistoryEntry,
  Policy,
  PolicyFormat,
  StartInput,
  WorkingDayCalendar,
  WorstCaseStage,
};

/**
 * The ids of the policies the package ships, from their files (the studio reads the texts, never the
 * compiled policy objects, which would double what the first load carries).
 */
export const SHIPPED_POLICY_IDS: readonly string[] = Object.keys(POLICY_FILES);

// --- Checking a policy text --------------------------------------------------------------------

/** What the library makes of a policy text: its data, the policy when it is valid, and every finding. */
export interface Checked {
  readonly format: PolicyFormat;
  /** The data, or undefined when the text has syntax errors. */
  readonly data: unknown;
  readonly policy: Policy | null;
  /** The linter's findings, each with its line and column in the text. */
  readonly findings: readonly Finding[];
}

/**
 * Reads, validates and lints the text of a policy file with the library's own `parsePolicyText` and
 * `lintPolicy`, which place every finding (syntax, schema, cross-reference, lint) at its line and
 * column. Never throws. `division`, when given, replaces the policy's own, so a timeline can be
 * counted on another division's bank holidays.
 */
export function checkPolicyText(text: string, format: PolicyFormat, division?: Division): Checked {
  const file = `policy.${format}`;
  const parsed: ParsedPolicyText = parsePolicyText(text, { format, file });
  // lintPolicy reads the text again: that is what gives its findings their line and column.
  const findings = lintPolicy(text, { format, file });
  if (parsed.data === undefined || findings.some((finding) => finding.severity === 'error')) {
    return { format, data: parsed.data, policy: null, findings };
  }
  return { format, data: parsed.data, policy: policyOn(parsed.data, division), findings };
}

/** The policy a valid definition makes, on another division when asked. */
export function policyOn(data: unknown, division?: Division): Policy | null {
  const definition = data as Record<string, unknown>;
  try {
    return definePolicy(
      (division && definition.division !== division ? { ...definition, division } : definition) as never,
    );
  } catch {
    return null; // lintPolicy has reported why, at its line
  }
}

/** The policy file's JSON Schema; given a policy, it lists that policy's own stage, form, recipient and flag ids. */
export function schemaFor(policy?: Policy): Record<string, unknown> {
  return policyJsonSchema(policy ? { policy } : {});
}

// --- Seeing a policy ---------------------------------------------------------------------------

/** The policy's state diagram, as Mermaid source. */
export function stateDiagram(policy: Policy): string {
  return renderStateDiagram(policy);
}

/** One row of the stage table. */
export interface StageRow {
  readonly id: string;
  readonly number: number;
  readonly title: string;
  readonly participants: readonly string[];
  readonly summary: string;
  readonly timescales: readonly {
    readonly rule: string;
    readonly label: string;
    readonly limit: string;
    readonly strength: string;
    readonly citation: string;
  }[];
  readonly citation: string;
}

/** The stages, each with who takes part, its timescales in words and its citation. */
export function stageTable(policy: Policy): StageRow[] {
  return policy.stages.map((stage) => ({
    id: stage.id,
    number: stage.number,
    title: stage.title,
    participants: (stage.participants ?? []).map((p) =>
      [p.role, p.agency ? `(${p.agency})` : '', p.counterpart ? `with ${p.counterpart}` : ''].filter(Boolean).join(' '),
    ),
    summary: stage.summary ?? '',
    timescales: stageObligations(policy, stage.id).map((o) => ({
      rule: o.id,
      label: o.label,
      limit: describeLimit(o.limit as never),
      strength: o.strength,
      citation: citationText(o.citation),
    })),
    citation: citationText(stage.citation),
  }));
}

/** A working-day calendar for a division, less any closure days. */
export function calendarFor(division: Division, closures: readonly string[] = []): WorkingDayCalendar {
  return ukCalendar(division, { closures: [...closures].sort() });
}

/** 10:00 London time on a date, as an instant (no clock change falls between 10:00 and midnight). */
export function londonMorning(date: string, hour = 10): string {
  return new Date(Date.parse(endOfLondonDay(date)) + 1 - (24 - hour) * 3_600_000).toISOString();
}

/** The London date of an instant. */
export function dateInLondon(instant: string): string {
  return londonDate(instant);
}

/** One deadline of the worst case: when each party uses its full allowance. */
export interface TimelineDeadline {
  readonly rule: string;
  readonly label: string;
  readonly dueDate: string;
  readonly strength: string;
  readonly stage?: string;
  readonly citation: string;
}

/** Every deadline of a case raised at `raisedAt` that climbs the ladder as late as the policy allows. */
export function worstCase(
  policy: Policy,
  raisedAt: string,
  calendar: WorkingDayCalendar,
): { stages: WorstCaseStage[]; deadlines: TimelineDeadline[] } {
  const { rows, escalation } = worstCaseWalk(policy, raisedAt, { calendar });
  const rules = new Map(policy.obligations.map((o) => [o.id, o] as const));
  const deadlines = escalation.obligations
    .filter((o) => o.dueDate !== null)
    .map((o) => ({
      rule: o.rule,
      label: o.label,
      dueDate: o.dueDate!,
      strength: o.strength,
      ...(o.stage ? { stage: o.stage } : {}),
      citation: citationText(rules.get(o.rule)!.citation),
    }))
    // Code units, not a collator: the same order in every browser and locale (the sort is stable, so
    // deadlines due the same day stay in the order the walk started them).
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
  return { stages: rows, deadlines };
}

/** The bank holidays between two dates (inclusive), with their names. */
export function bankHolidaysBetween(calendar: WorkingDayCalendar, first: string, last: string): Map<string, string> {
  const found = new Map<string, string>();
  for (let year = Number(first.slice(0, 4)); year <= Number(last.slice(0, 4)); year++) {
    for (const h of calendar.bankHolidays(year)) if (h.date >= first && h.date <= last) found.set(h.date, h.title);
  }
  return found;
}

// --- Trying a policy: a simulated case ---------------------------------------------------------
// The calendar is given once, when the case starts: the case records it (division and closure days),
// and every later call counts on the case's own calendar, which a CALENDAR event changes.

/** Starts a case on a calendar. */
export function startCase(policy: Policy, input: StartInput, calendar: WorkingDayCalendar): Escalation {
  return startEscalation(policy, input, { calendar });
}

/** Applies one event to a case. Throws the library's EscalationError when the policy refuses it. */
export function applyCaseEvent(policy: Policy, escalation: Escalation, event: EscalationEvent): Escalation {
  return applyEvent(policy, escalation, event);
}

/** Brings a case up to `now`: the deadlines that passed on the way are recorded in its history. */
export function advanceCase(policy: Policy, escalation: Escalation, now: string): Escalation {
  return advanceTo(policy, escalation, now);
}

/** What is due, overdue and owed at `now`, and which events the policy allows next. */
export function caseStatus(policy: Policy, escalation: Escalation, now: string): EscalationStatus {
  return getStatus(policy, escalation, now);
}

/** The calendar a case counts on (its division and closure days). */
export function caseCalendar(escalation: Escalation): WorkingDayCalendar {
  return calendarFor(escalation.calendar.division, escalation.calendar.closures);
}

// --- Comparing policies ------------------------------------------------------------------------
export { diffPolicies, renderPolicyDiff, type PolicyChange, type PolicyDiff } from '../../src/index.js';
