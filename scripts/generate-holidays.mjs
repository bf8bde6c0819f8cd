// Compiles the UK bank holidays of date-holidays, with the documented corrections in
// src/calendar/bank-holiday-corrections.json, into the compact table the calendar ships with
// (src/calendar/bank-holidays.generated.ts). Run `npm run generate` after changing either.
// test/calendar/generated-table.test.ts regenerates the table and fails when the file is stale.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Holidays from 'date-holidays';
import { loadSource } from './loadSource.mjs';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
export const TABLE_PATH = `${root}src/calendar/bank-holidays.generated.ts`;
export const CORRECTIONS_PATH = `${root}src/calendar/bank-holiday-corrections.json`;
export const FIRST_YEAR = 1970;
export const LAST_YEAR = 2100;

const STATES = { 'england-and-wales': 'ENG', scotland: 'SCT', 'northern-ireland': 'NIR' };

// date-holidays' names, as the GOV.UK feed titles the same days.
const TITLES = {
  "New Year's Day": 'New Year’s Day',
  'January 2nd': '2nd January',
  'Queen’s Platinum Jubilee': 'Platinum Jubilee bank holiday',
  "Queen Elizabeth's Funeral Day": 'Bank Holiday for the State Funeral of Queen Elizabeth II',
  "King Charles III's Coronation": 'Bank holiday for the coronation of King Charles III',
};
const SUBSTITUTE = ' (substitute day)';

function isWeekend(date) {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

function inRange(correction, year) {
  if (correction.date) return Number(correction.date.slice(0, 4)) === year;
  return year >= correction.years[0] && year <= correction.years[1];
}

/** The bank holidays of one division and year: weekdays only, substitutes included, observances out. */
function holidaysOf(hd, division, year, corrections) {
  const all = hd.getHolidays(year).filter((h) => h.type === 'public' || h.type === 'bank');
  const days = [];
  for (const h of all) {
    const date = h.date.slice(0, 10);
    const name = h.name.endsWith(SUBSTITUTE) ? h.name.slice(0, -SUBSTITUTE.length) : h.name;
    if (!isWeekend(date)) days.push({ date, title: TITLES[name] ?? name });
  }
  // Titles follow date-holidays. Where Scotland's 1 and 2 January both move, GOV.UK itself names
  // the two substitute days one way in 2012 and 2017 and the other way in 2022 and 2023; the dates
  // agree, so the oracle test compares each year's titles as a set.
  for (const c of corrections) {
    if (!c.divisions.includes(division) || !inRange(c, year)) continue;
    if (c.action === 'add') {
      if (days.some((d) => d.date === c.date))
        throw new Error(`correction adds ${c.date}, already a holiday in ${division}`);
      days.push({ date: c.date, title: c.title });
    } else if (c.action === 'remove') {
      const matches = days.filter((d) => (c.date ? d.date === c.date : d.title === c.title));
      if (matches.length === 0)
        throw new Error(`correction removes ${c.date ?? c.title} in ${division} ${year}: not there`);
      for (const m of matches) days.splice(days.indexOf(m), 1);
    } else {
      throw new Error(`unknown correction action ${c.action}`);
    }
  }
  return days.sort((a, b) => a.date.localeCompare(b.date));
}

/** Every division's bank holidays, year by year, as `{ division: [[{ date, title }] per year] }`. */
export function buildHolidayTable() {
  const { corrections } = JSON.parse(fs.readFileSync(CORRECTIONS_PATH, 'utf8'));
  const table = {};
  for (const [division, state] of Object.entries(STATES)) {
    const hd = new Holidays('GB', state);
    table[division] = [];
    for (let year = FIRST_YEAR; year <= LAST_YEAR; year++)
      table[division].push(holidaysOf(hd, division, year, corrections));
  }
  return table;
}

const dayNumber = (date) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/** Where one year's holidays depart from the rules: `-` and the day of the year, or `+`, the day and the title's index. */
function departures(days, rules, titles) {
  const yearStart = dayNumber(`${days[0]?.date.slice(0, 4)}-01-01`);
  const at = (day) => (day - yearStart).toString(36).padStart(2, '0');
  const actual = new Map(days.map((h) => [dayNumber(h.date), h.title]));
  const changes = [];
  for (const day of [...new Set([...actual.keys(), ...rules.keys()])].sort((a, b) => a - b)) {
    if (!actual.has(day)) changes.push(`-${at(day)}`);
    else if (rules.get(day) !== actual.get(day))
      changes.push(`+${at(day)}${titles.indexOf(actual.get(day)).toString(36)}`);
  }
  return changes.join(' ');
}

/** The TypeScript source of the generated table. */
export function renderHolidayModule(table = buildHolidayTable()) {
  const version = require('date-holidays/package.json').version;
  const titles = [
    ...new Set(
      Object.values(table)
        .flat(2)
        .map((h) => h.title),
    ),
  ].sort();
  if (titles.length > 36) throw new Error('more than 36 titles: widen the title index');
  // The table lists where a year departs from the calendar's rules: the very rules the calendar applies.
  const { ruleHolidays } = loadSource('calendar/holidayRules.ts');
  const lines = [
    `// Generated by \`npm run generate\` (scripts/generate-holidays.mjs) from date-holidays ${version} and`,
    '// src/calendar/bank-holiday-corrections.json. Do not edit by hand: a test fails when this file is stale.',
    "import type { Division } from './divisions.js';",
    '',
    `export const FIRST_YEAR = ${FIRST_YEAR};`,
    `export const LAST_YEAR = ${LAST_YEAR};`,
    '',
    '/** Bank-holiday titles, indexed by the last character (base 36) of each change below. */',
    `export const TITLES: readonly string[] = ${JSON.stringify(titles, null, 2)};`,
    '',
    '/**',
    ' * For each division, the years whose bank holidays depart from the rules of holidayRules.ts, each with',
    ' * its changes separated by spaces: `-` and the day of the year (from 0, two base-36 digits) that is',
    ' * not a holiday; `+`, the day and its title (an index into TITLES, one base-36 digit) for a holiday',
    ' * the rules do not give or give another title.',
    ' */',
    'export const DEPARTURES: Readonly<Record<Division, Readonly<Record<number, string>>>> = {',
  ];
  for (const [division, years] of Object.entries(table)) {
    lines.push(`  '${division}': {`);
    years.forEach((days, i) => {
      const year = FIRST_YEAR + i;
      if (days.length === 0) throw new Error(`${division} ${year} has no bank holidays`);
      const changes = departures(days, ruleHolidays(division, year), titles);
      if (changes) lines.push(`    ${year}: '${changes}',`);
    });
    lines.push('  },');
  }
  lines.push('};', '');
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1])) {
  fs.writeFileSync(TABLE_PATH, renderHolidayModule());
  console.log(`wrote ${TABLE_PATH.slice(root.length)}`);
}
