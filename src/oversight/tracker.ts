import type { Policy } from '../policy/define.js';
import {
  activeInPeriod,
  calendarOfCase,
  highestStageEntered,
  londonPeriod,
  stageNumbering,
  workingDaysLate,
} from './common.js';
import {
  caseLabel,
  nowArgument,
  optionsArgument,
  periodArgument,
  policiesArgument,
  readCase,
  registerArgument,
} from './read.js';
import type { Escalation } from '../escalation/types.js';

/** One escalation on the tracker: references, categories and process dates only. */
export interface TrackerRow {
  readonly reference: string;
  readonly policy: string;
  readonly policyVersion: string;
  readonly raised: string;
  readonly agencyRaising: string;
  readonly agencyConcerned: string;
  readonly nature: string;
  readonly highestStage: number;
  readonly currentState: string;
  /** The soonest deadline still running, or empty. */
  readonly nextDeadline: string;
  readonly nextDeadlineLabel: string;
  /** Working days the most overdue running deadline is late by (0 when none is). */
  readonly lateBy: number;
}

/** What the tracker is made for: the moment it is as of, and optionally a period it is limited to. */
export interface TrackerOptions {
  readonly now: string;
  /**
   * The period, as London dates (`YYYY-MM-DD`, inclusive): with it, only escalations raised by its end
   * and not closed before it began are listed, as in `summarise`.
   */
  readonly from?: string;
  readonly to?: string;
  readonly policies?: Readonly<Record<string, Policy>>;
}

/**
 * The partnership's escalation tracker as rows, one per escalation (any mix of policies), as of
 * `now`, limited to a period when `from` and `to` are given. No free text: a case reference,
 * categories and process dates.
 *
 * @example
 * trackerRows(register, { now: '2026-01-05T09:00:00Z' })[0]; // { reference: 'SUF-2025-001', ... }
 * trackerRows(register, { now, from: '2025-04-01', to: '2026-03-31' }); // that year's escalations
 */
export function trackerRows(escalations: Iterable<unknown>, options: TrackerOptions): TrackerRow[] {
  const register = registerArgument(escalations, 'trackerRows');
  const given = optionsArgument(options, 'trackerRows');
  const nowIso = nowArgument(given.now, 'trackerRows: now');
  const known = policiesArgument(given.policies, 'trackerRows');
  const period = periodArgument(given.from ?? '1970-01-01', given.to ?? '2100-12-31', 'trackerRows');
  const { fromIso, toIso } = londonPeriod(period.from, period.to);
  const rows: TrackerRow[] = [];
  for (const value of register) {
    const e = readCase(value);
    // A record that cannot be read stays on the tracker, as unreadable, whatever the period (its dates
    // cannot be read either): nothing drops off unseen.
    if (!e) {
      rows.push({ ...UNREADABLE, reference: caseLabel(value) });
      continue;
    }
    if (!activeInPeriod(e, fromIso, toIso)) continue;
    const policy = known.get(e.policy.id);
    const number = stageNumbering(policy);
    const top = highestStageEntered(e, number);
    let next: Escalation['obligations'][number] | undefined;
    for (const o of e.obligations) if (o.status === 'running' && o.dueAt && (!next || o.dueAt < next.dueAt!)) next = o;
    const stage = policy?.stages.find((s) => s.id === e.stage);
    rows.push({
      reference: e.id,
      policy: e.policy.id,
      policyVersion: e.policy.version,
      raised: e.raisedOn,
      agencyRaising: e.concern?.agencyRaising ?? '',
      agencyConcerned: e.concern?.agencyConcerned ?? '',
      nature: e.concern?.nature ?? '',
      highestStage: top ? number(top.stage) : -1,
      currentState: e.status === 'open' ? `open at stage ${stage?.number ?? e.stage}` : e.status,
      nextDeadline: next?.dueDate ?? '',
      nextDeadlineLabel: next?.label ?? '',
      lateBy: workingDaysLate(e, nowIso, calendarOfCase(e)),
    });
  }
  return rows;
}

/** The row of a record that is not an escalation: its reference, if it has one, and the word. */
const UNREADABLE: TrackerRow = {
  reference: '',
  policy: '',
  policyVersion: '',
  raised: '',
  agencyRaising: '',
  agencyConcerned: '',
  nature: '',
  highestStage: -1,
  currentState: 'unreadable',
  nextDeadline: '',
  nextDeadlineLabel: '',
  lateBy: 0,
};

const HEADERS: Record<keyof TrackerRow, string> = {
  reference: 'Reference',
  policy: 'Policy',
  policyVersion: 'Policy version',
  raised: 'Raised',
  agencyRaising: 'Agency raising',
  agencyConcerned: 'Agency concerned',
  nature: 'Nature of disagreement',
  highestStage: 'Highest stage',
  currentState: 'Current state',
  nextDeadline: 'Next deadline',
  nextDeadlineLabel: 'Next deadline is for',
  lateBy: 'Late by (working days)',
};

/**
 * A CSV cell that a spreadsheet shows as written: quoted where needed, and never run as a formula (a
 * cell starting with =, +, -, @, a tab or a carriage return gets a leading apostrophe, as OWASP
 * advises against CSV injection). Dates stay `YYYY-MM-DD`, which spreadsheets read as dates.
 */
function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  let v = value;
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  // Quoted where it holds a quote, a comma, a line break, or a semicolon (the separator a spreadsheet
  // uses in some locales, after which a formula could otherwise start a cell of its own).
  return /[",;\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * The tracker as CSV text that opens cleanly in a spreadsheet: a UTF-8 byte-order mark (so Excel
 * reads the curly apostrophes of titles), a header row, CRLF line ends, ISO dates, and no cell a
 * spreadsheet would run as a formula.
 *
 * @example
 * fs.writeFileSync('tracker.csv', trackerCsv(register, { now: '2026-01-05T09:00:00Z', from: '2025-04-01', to: '2026-03-31' }));
 */
export function trackerCsv(escalations: Iterable<unknown>, options: TrackerOptions): string {
  const keys = Object.keys(HEADERS) as (keyof TrackerRow)[];
  const lines = [keys.map((k) => csvCell(HEADERS[k])).join(',')];
  for (const row of trackerRows(escalations, options)) lines.push(keys.map((k) => csvCell(row[k])).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
