import { londonDate } from '../calendar/london.js';
import { mermaidText } from './escape.js';
import { instantArgument } from '../escalation/arguments.js';
import { calendarFor, type EngineOptions, type PolicySource } from '../escalation/compiled.js';
import { withCalendarCodes } from '../escalation/errors.js';
import { checkedEscalation } from '../escalation/restoreEscalation.js';
import type { Escalation, ObligationState } from '../escalation/types.js';

/**
 * The engine's verdict on a deadline: met after its due instant, still running past it at `now`
 * (as `getStatus` says overdue), or passed before it stopped applying. A deadline met at its due
 * instant itself is met in time, even though its timer fired at that instant.
 */
export function isMissed(o: ObligationState, nowIso: string): boolean {
  if (o.dueAt === null) return false;
  if (o.status === 'met') return o.metAt !== undefined && o.metAt > o.dueAt;
  if (o.status === 'running') return nowIso > o.dueAt;
  return o.passedAt !== undefined;
}

// Labels from the policy and the case, as Mermaid reads them: no character that is Mermaid's syntax.
const text = mermaidText;

/**
 * An escalation's stages and deadlines as a Mermaid Gantt chart: a bar for each stage it has been
 * at, a milestone for each deadline (done when met, critical when missed or overdue at `now`), and
 * weekends and bank holidays shaded as excluded days.
 *
 * @example
 * console.log(renderTimeline(policies.suffolk, escalation, '2025-01-06T09:00:00Z')); // paste into a ```mermaid block
 */
export function renderTimeline(
  policy: PolicySource,
  escalation: Escalation,
  now: string | Date,
  options?: EngineOptions,
): string {
  return withCalendarCodes(() => timeline(policy, escalation, now, options));
}

function timeline(policy: PolicySource, escalation: Escalation, now: string | Date, options?: EngineOptions): string {
  const { escalation: esc, c } = checkedEscalation(policy, escalation, options);
  const { calendar: cal } = calendarFor(esc, options);
  const nowIso = new Date(instantArgument(now, 'now')).toISOString();
  const today = londonDate(nowIso);
  const lines = [
    'gantt',
    `  title ${text(`${esc.id}: ${c.policy.partnership}`)}`,
    '  dateFormat YYYY-MM-DD',
    '  axisFormat %d %b',
  ];

  const entered = esc.history.filter((h) => h.type === 'stage-entered');
  const closedAt = esc.history.find(
    (h) => h.type === 'event' && (h.event.type === 'RESOLVE' || h.event.type === 'WITHDRAW'),
  )?.at;
  const dates = [esc.raisedOn, today, ...esc.obligations.flatMap((o) => (o.dueDate ? [o.dueDate] : []))].sort();
  const first = dates[0]!;
  const last = dates.at(-1)!;
  const closed: string[] = [];
  for (let y = Number(first.slice(0, 4)); y <= Number(last.slice(0, 4)); y++) {
    for (const h of cal.bankHolidays(y)) if (h.date >= first && h.date <= last) closed.push(h.date);
  }
  lines.push(`  excludes weekends${closed.map((d) => `, ${d}`).join('')}`);

  lines.push('  section Stages');
  entered.forEach((h, i) => {
    // A stage of an earlier version, for a case migrated since, is shown by its id.
    const stage = c.stages.get(h.stage) ?? {
      number: h.stage.replace(/^stage-/, ''),
      title: `(${h.stage} of an earlier version)`,
    };
    const start = londonDate(h.happenedAt ?? h.at);
    const endAt = entered[i + 1]?.at ?? closedAt;
    const end = endAt ? londonDate(endAt) : today;
    const state = endAt ? 'done, ' : 'active, ';
    // An end date, not a length: Mermaid stretches a length over the excluded days, but not an end
    // date, so the bar ends on the day the next stage began. A stage left the day it began shows
    // as one day.
    const until = end > start ? end : new Date(Date.parse(start) + 86_400_000).toISOString().slice(0, 10);
    lines.push(`  ${text(`${stage.number}. ${stage.title}`)} :${state}stage${stage.number}, ${start}, ${until}`);
  });

  lines.push('  section Deadlines');
  for (const o of esc.obligations) {
    if (!o.dueDate || !o.dueAt) continue;
    const missed = isMissed(o, nowIso);
    const tags = [
      o.status === 'met' && !missed ? 'done' : missed ? 'crit' : o.status === 'void' ? 'done' : undefined,
      'milestone',
    ]
      .filter(Boolean)
      .join(', ');
    lines.push(`  ${text(o.label)}${o.status === 'void' ? ' (no longer applies)' : ''} :${tags}, ${o.dueDate}, 0d`);
  }
  return lines.join('\n');
}
