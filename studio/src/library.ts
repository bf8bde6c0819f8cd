// The studio's one door into the library. Every call into safeguarding-escalation goes through this
// module, so that when the library's API changes only this file changes.
import {
  advanceTo,
  applyEvent,
  definePolicy,
  describeLimit,
  DIVISIONS,
  getStatus,
  lintPolicy,
  londonDate,
  endOfLondonDay,
  policies,
  renderStateDiagram,
  startEscalation,
  ukCalendar,
  type AllowedEvent,
  type Division,
  type Escalation,
  type EscalationEvent,
  type EscalationStatus,
  type Finding,
  type HistoryEntry,
  type Policy,
  type StartInput,
  type WorkingDayCalendar,
} from '../../src/index.js';
import { worstCaseWalk, type WorstCaseStage } from '../../src/audit/worstCaseTimeline.js';
import { citationText } from '../../src/policy/citation.js';
import { stageObligations } from '../../src/policy/queries.js';
import { RECORD_KINDS, RISKS } from '../../src/policy/schema.js';

export { DIVISIONS, RECORD_KINDS, RISKS };
export type {
  AllowedEvent,
  Division,
  Escalation,
  EscalationEvent,
  EscalationStatus,
  Finding,
  HistoryEntry,
  Policy,
  StartInput,
  WorkingDayCalendar,
  WorstCaseStage,
};

/** The ids of the policies the package ships. */
export const SHIPPED_POLICY_IDS = Object.keys(policies) as (keyof typeof policies)[];

type Definition = Record<string, unknown>;

/** A shipped policy as plain data. */
export function shippedPolicyDefinition(id: string): Definition {
  const policy = policies[id as keyof typeof policies];
  if (!policy) throw new Error(`no shipped policy '${id}' (shipped: ${SHIPPED_POLICY_IDS.join(', ')})`);
  return JSON.parse(JSON.stringify(policy)) as Definition;
}

// --- Checking a policy -------------------------------------------------------------------------

/** What the library makes of a policy text's data: the policy when it is valid, and every finding. */
export interface Checked {
  readonly policy: Policy | null;
  readonly findings: readonly Finding[];
}

/**
 * Validates and lints a policy definition (parsed YAML or JSON). Never throws.
 * `division`, when given, replaces the policy's own, so a timeline can be counted on another
 * division's bank holidays.
 */
export function checkPolicy(data: unknown, division?: Division): Checked {
  const definition = data;
  const findings = lintPolicy(definition);
  if (findings.some((f) => f.severity === 'error')) return { policy: null, findings };
  try {
    const policy = definePolicy(
      (division && (definition as Definition).division !== division
        ? { ...(definition as Definition), division }
        : definition) as never,
    );
    return { policy, findings };
  } catch (error) {
    return {
      policy: null,
      findings: [
        ...findings,
        { severity: 'error', code: 'INVALID_DEFINITION', message: String(error), path: '(root)' },
      ],
    };
  }
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
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate));
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

/** Starts a case. */
export function startCase(policy: Policy, input: StartInput, calendar: WorkingDayCalendar): Escalation {
  return startEscalation(policy, input, { calendar });
}

/** Applies one event to a case. Throws the library's EscalationError when the policy refuses it. */
export function applyCaseEvent(
  policy: Policy,
  escalation: Escalation,
  event: EscalationEvent,
  calendar: WorkingDayCalendar,
): Escalation {
  return applyEvent(policy, escalation, event, { calendar });
}

/** Brings a case up to `now`: the deadlines that passed on the way are recorded in its history. */
export function advanceCase(
  policy: Policy,
  escalation: Escalation,
  now: string,
  calendar: WorkingDayCalendar,
): Escalation {
  return advanceTo(policy, escalation, now, { calendar });
}

/** What is due, overdue and owed at `now`, and which events the policy allows next. */
export function caseStatus(
  policy: Policy,
  escalation: Escalation,
  now: string,
  calendar: WorkingDayCalendar,
): EscalationStatus {
  return getStatus(policy, escalation, now, { calendar });
}

// --- Comparing policies ------------------------------------------------------------------------

/**
 * The slot for the diff view. `diffPolicies(a, b)` comes from issue 12; until it lands the studio
 * shows that the comparison is not available rather than a home-made diff.
 */
export const diffPolicies: ((before: Policy, after: Policy) => unknown) | undefined = undefined;
