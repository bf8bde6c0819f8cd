// npm run demo: a worked working-day schedule. The escalation engine will take this over.
import { endOfLondonDay, londonDate, ukCalendar } from 'safeguarding-escalation';

const raisedAt = '2024-12-19T15:40:00Z';
const cal = ukCalendar('england-and-wales');
const raisedOn = londonDate(raisedAt);

const steps = [
  { step: 'Practitioners discuss and try to resolve', days: 2 },
  { step: 'Line managers / safeguarding leads resolve', days: 2 },
  { step: 'Senior managers resolve', days: 10 },
];

console.log(`A concern raised at ${raisedAt} (London date ${raisedOn}), England and Wales calendar.`);
console.log('Each step counts from the deadline of the one before: the first working day after it is day 1.\n');

const rows = [];
let from = raisedOn;
for (const { step, days } of steps) {
  const due = cal.addWorkingDays(from, days);
  const year = Number(from.slice(0, 4));
  const closed = [...cal.bankHolidays(year), ...cal.bankHolidays(year + 1)]
    .filter((h) => h.date > from && h.date < due)
    .map((h) => `${h.date.slice(5)} ${h.title}`);
  rows.push({ step, 'working days': days, 'counted from': from, 'due date': due, 'due by (UTC)': endOfLondonDay(due), 'bank holidays crossed': closed.join(', ') || '—' });
  from = due;
}
const columns = Object.keys(rows[0]);
const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
const line = (cells) => cells.map((cell, i) => String(cell).padEnd(widths[i])).join('  ');
console.log(line(columns));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const row of rows) console.log(line(columns.map((c) => row[c])));

const total = cal.workingDaysBetween(raisedOn, from);
console.log(`\nFrom ${raisedOn} to ${from}: ${total} working days, ${(Date.parse(from) - Date.parse(raisedOn)) / 86_400_000} calendar days.`);
for (const division of ['scotland', 'northern-ireland']) {
  const other = ukCalendar(division);
  let d = raisedOn;
  for (const { days } of steps) d = other.addWorkingDays(d, days);
  console.log(`The same steps in ${division}: the last falls due on ${d}.`);
}
