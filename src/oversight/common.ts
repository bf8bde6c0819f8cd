import type { WorkingDayCalendar } from '../calendar/calendar.js';
import { builtInCalendar } from '../escalation/compiled.js';
import { endOfLondonDayMs, londonDate } from '../calendar/london.js';
import { parseDate } from '../calendar/dates.js';
import type { Policy } from '../policy/define.js';
import type { Escalation, HistoryEntryOf } from '../escalation/types.js';

// What the summary, the tracker and the report share.

/** A stage id's number in its policy (or from the id itself, `stage-N`, for a policy not loaded). */
export function stageNumbering(policy: Policy | undefined): (stageId: string) => number {
  return (id) => policy?.stages.find((s) => s.id === id)?.number ?? Number(id.slice(6));
}

/** The entry of the highest stage an escalation entered up to `untilIso` (inclusive). */
export function highestStageEntered(
  e: Escalation,
  number: (stageId: string) => number,
  untilIso = '\uffff',
): HistoryEntryOf<'stage-entered'> | undefined {
  let top: HistoryEntryOf<'stage-entered'> | undefined;
  for (const h of e.history) {
    if (h.at > untilIso) break;
    if (h.type === 'stage-entered' && (!top || number(h.stage) > number(top.stage))) top = h;
  }
  return top;
}

/** Working days the most overdue deadline still running at `atIso` is late by; 0 when none is. */
export function workingDaysLate(e: Escalation, atIso: string, calendar: WorkingDayCalendar): number {
  const today = londonDate(atIso);
  let late = 0;
  for (const o of e.obligations) {
    const runningAt = o.status === 'running' || (o.metAt !== undefined && o.metAt > atIso);
    if (runningAt && o.dueAt !== null && o.dueDate !== null && o.dueAt < atIso)
      late = Math.max(late, calendar.workingDaysBetween(o.dueDate, today));
  }
  return late;
}

/** The entry of the event that closed an escalation (resolved or withdrawn), if it is closed. */
export function closingEntry(e: Escalation): HistoryEntryOf<'event'> | undefined {
  return e.history.find(
    (h): h is HistoryEntryOf<'event'> =>
      h.type === 'event' && (h.event.type === 'RESOLVE' || h.event.type === 'WITHDRAW'),
  );
}

/**
 * Whether an escalation belongs to a period (instants from `londonPeriod`): raised by its end and not
 * closed before it began. One rule for every report: the summary, the tracker and the analysis.
 */
export function activeInPeriod(e: Escalation, fromIso: string, toIso: string): boolean {
  if (e.raisedAt > toIso) return false;
  const closedAt = closingEntry(e)?.at;
  return closedAt === undefined || closedAt >= fromIso;
}

/** The first and last instants of a period of London dates, `from` and `to` inclusive. */
export function londonPeriod(from: string, to: string): { fromIso: string; toIso: string } {
  return {
    fromIso: new Date(endOfLondonDayMs(parseDate(from) - 1) + 1).toISOString(),
    toIso: new Date(endOfLondonDayMs(parseDate(to))).toISOString(),
  };
}

/**
 * The calendar a stored escalation counts on, read without its policy: its own (a record of version
 * 0.1 is read into this form). A GOV.UK feed's extra holidays are not at hand here, so such a case is
 * counted on the built-in table with its closures.
 */
export function calendarOfCase(e: Escalation): WorkingDayCalendar {
  return builtInCalendar(e.calendar.division, e.calendar.closures);
}
