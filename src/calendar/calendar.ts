import { DEPARTURES, FIRST_YEAR, LAST_YEAR, TITLES } from './bank-holidays.generated.js';
import { dayNumberOf, formatDayNumber, parseDate, tryParseDate, weekdayOf, type IsoDate } from './dates.js';
import { assertDivision, type Division } from './divisions.js';
import { CalendarError, describeValue } from './errors.js';
import { ruleHolidays } from './holidayRules.js';

/** A day offices close: a bank holiday of the division, substitute days included. */
export interface BankHoliday {
  readonly date: IsoDate;
  readonly title: string;
}

/** Options shared by every calendar. */
export interface CalendarOptions {
  /**
   * Extra non-working dates (`YYYY-MM-DD`) for this calendar only: a local closure day, or a one-off
   * bank holiday announced after this package was built.
   */
  readonly closures?: readonly IsoDate[];
}

/**
 * A UK working-day calendar: Monday to Friday, less the bank holidays of one division, less any
 * closures. All dates are `YYYY-MM-DD` strings.
 */
export interface WorkingDayCalendar {
  readonly division: Division;
  /** The extra closure dates this calendar was built with, sorted. */
  readonly closures: readonly IsoDate[];
  /** The first and last dates this calendar can answer for. */
  readonly range: { readonly first: IsoDate; readonly last: IsoDate };
  /** Where its bank holidays come from: the built-in table or a GOV.UK feed. */
  readonly source: 'built-in' | 'gov-uk-feed';
  /**
   * Which edition of its bank holidays it has: a short fingerprint of every holiday it knows (not of
   * its closures). A new one-off bank holiday gives a new edition; an escalation records the edition
   * its deadlines were counted on.
   */
  readonly edition: string;
  /**
   * Whether a date is a working day.
   * @example ukCalendar().isWorkingDay('2024-12-26') // false (Boxing Day)
   */
  isWorkingDay(date: IsoDate): boolean;
  /**
   * The Nth working day after `date` ("within N working days of date"): the first working day after
   * it counts as 1 and `date` itself never counts. N = 0 gives `date` when it is a working day, else
   * the next working day; a negative N counts backwards the same way.
   * @example ukCalendar().addWorkingDays('2024-12-19', 2) // '2024-12-23'
   */
  addWorkingDays(date: IsoDate, n: number): IsoDate;
  /**
   * The number of working days d with `from` < d ≤ `to`; negative when `to` is before `from`.
   * @example ukCalendar().workingDaysBetween('2024-12-19', '2024-12-27') // 4
   */
  workingDaysBetween(from: IsoDate, to: IsoDate): number;
  /**
   * The first working day strictly after `date`.
   * @example ukCalendar().nextWorkingDay('2024-12-24') // '2024-12-27'
   */
  nextWorkingDay(date: IsoDate): IsoDate;
  /**
   * The bank holidays of a year: the weekdays offices close, substitute days included, observances
   * (Mother's Day, Easter Sunday) excluded. Closures are not bank holidays and are not listed.
   * @example ukCalendar('scotland').bankHolidays(2024).map((h) => h.date)
   */
  bankHolidays(year: number): BankHoliday[];
}

/** The holidays of one division, as a day number → title map, with the years it covers. */
export interface HolidaySource {
  readonly holidays: ReadonlyMap<number, string>;
  readonly firstYear: number;
  readonly lastYear: number;
  readonly source: WorkingDayCalendar['source'];
}

const builtInSources = new Map<Division, HolidaySource>();

/** The built-in table of one division, decoded on first use: the rules of each year, then its departures from them. */
export function builtInHolidays(division: Division): HolidaySource {
  let source = builtInSources.get(division);
  if (!source) {
    const holidays = new Map<number, string>();
    for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
      for (const [day, title] of ruleHolidays(division, year)) holidays.set(day, title);
      const yearStart = dayNumberOf(year, 1, 1);
      for (const change of DEPARTURES[division][year]?.split(' ') ?? []) {
        const day = yearStart + parseInt(change.slice(1, 3), 36);
        if (change[0] === '-') holidays.delete(day);
        else holidays.set(day, TITLES[parseInt(change.slice(3), 36)]!);
      }
    }
    source = { holidays, firstYear: FIRST_YEAR, lastYear: LAST_YEAR, source: 'built-in' };
    builtInSources.set(division, source);
  }
  return source;
}

function assertCount(n: unknown): number {
  if (typeof n === 'number' && Number.isSafeInteger(n)) return n;
  throw new CalendarError('INVALID_COUNT', `Invalid working-day count ${describeValue(n)}: expected a whole number`, n);
}

/**
 * The working-day arithmetic, on day numbers (days since 1970-01-01). `count[i]` is the number of
 * working days from the first day of the range up to and including day `first + i`, and `days[k]`
 * is the k-th working day (from 0): every operation is then an array lookup.
 */
export class WorkingDayIndex {
  readonly first: number;
  readonly last: number;
  private readonly count: Int32Array;
  private readonly days: Int32Array;

  constructor(first: number, last: number, closed: (day: number) => boolean) {
    this.first = first;
    this.last = last;
    const length = last - first + 1;
    this.count = new Int32Array(length);
    const days = new Int32Array(length);
    let k = 0;
    for (let i = 0; i < length; i++) {
      const day = first + i;
      const w = weekdayOf(day);
      if (w !== 0 && w !== 6 && !closed(day)) days[k++] = day;
      this.count[i] = k;
    }
    this.days = days.slice(0, k);
  }

  checkRange(day: number, value: unknown): number {
    if (day >= this.first && day <= this.last) return day;
    throw new CalendarError(
      'OUT_OF_RANGE',
      `Date ${describeValue(value)} is outside the calendar's range ${formatDayNumber(this.first)} to ${formatDayNumber(this.last)}`,
      value,
    );
  }

  /** Working days up to and including `day`, counted from the start of the range. */
  private upTo(day: number): number {
    return day < this.first ? 0 : this.count[day - this.first]!;
  }

  /** A day number in range, or an OUT_OF_RANGE error: the tables answer nothing outside it. */
  private inRange(day: number): number {
    return day >= this.first && day <= this.last ? day : this.checkRange(day, formatDayNumber(day));
  }

  isWorking(day: number): boolean {
    this.inRange(day);
    return this.upTo(day) - this.upTo(day - 1) === 1;
  }

  add(day: number, n: number): number {
    this.inRange(day);
    let index: number;
    if (n > 0)
      index = this.count[day - this.first]! + n - 1; // callers pass a day in range
    else if (n < 0) index = this.upTo(day - 1) + n;
    else if (this.isWorking(day)) return day;
    else index = this.upTo(day);
    if (index < 0 || index >= this.days.length) {
      throw new CalendarError(
        'OUT_OF_RANGE',
        `${n} working days from ${formatDayNumber(day)} falls outside the calendar's range ${formatDayNumber(this.first)} to ${formatDayNumber(this.last)}`,
        n,
      );
    }
    return this.days[index]!;
  }

  between(from: number, to: number): number {
    return this.upTo(this.inRange(to)) - this.upTo(this.inRange(from));
  }
}

const INTERNAL = Symbol('working-day-index');

/** The day-number index behind a calendar, for the engine's hot paths. Not part of the public API. */
export function indexOf(calendar: WorkingDayCalendar): WorkingDayIndex {
  const index = (calendar as unknown as { [INTERNAL]?: WorkingDayIndex })[INTERNAL];
  if (!index) throw new CalendarError('INVALID_OPTIONS', 'Not a calendar made by ukCalendar() or govUkCalendar()');
  return index;
}

/** Builds a calendar from a holiday source and the caller's closures. */
export function buildCalendar(
  division: Division,
  source: HolidaySource,
  options: CalendarOptions | undefined,
): WorkingDayCalendar {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new CalendarError(
      'INVALID_OPTIONS',
      `Invalid calendar options ${describeValue(options)}: expected an object`,
      options,
    );
  }
  const rawClosures = options?.closures ?? [];
  if (!Array.isArray(rawClosures)) {
    throw new CalendarError(
      'INVALID_OPTIONS',
      `Invalid closures ${describeValue(rawClosures)}: expected an array of YYYY-MM-DD dates`,
      rawClosures,
    );
  }
  const first = dayNumberOf(source.firstYear, 1, 1);
  const last = dayNumberOf(source.lastYear, 12, 31);
  const closed = new Set<number>();
  for (const c of rawClosures) {
    const day = parseDate(c, 'closure date');
    if (day < first || day > last) {
      throw new CalendarError(
        'OUT_OF_RANGE',
        `Closure date ${describeValue(c)} is outside the calendar's years ${source.firstYear} to ${source.lastYear}`,
        c,
      );
    }
    closed.add(day);
  }
  const { holidays } = source;
  const index = new WorkingDayIndex(first, last, (day) => holidays.has(day) || closed.has(day));
  // The hot path: a well-formed date in range is one parse; anything else goes the slow way, which
  // throws the right error.
  const check = (date: IsoDate, what: string): number => {
    const day = typeof date === 'string' ? tryParseDate(date) : NaN;
    return day >= first && day <= last ? day : index.checkRange(parseDate(date, what), date);
  };

  const calendar: WorkingDayCalendar = {
    division,
    edition: editionOf(holidays),
    closures: Object.freeze([...closed].sort((a, b) => a - b).map(formatDayNumber)),
    range: Object.freeze({ first: formatDayNumber(first), last: formatDayNumber(last) }),
    source: source.source,
    isWorkingDay: (date) => index.isWorking(check(date, 'date')),
    addWorkingDays: (date, n) =>
      formatDayNumber(index.add(check(date, 'date'), Number.isSafeInteger(n) ? n : assertCount(n))),
    workingDaysBetween: (from, to) => index.between(check(from, 'from date'), check(to, 'to date')),
    nextWorkingDay: (date) => formatDayNumber(index.add(check(date, 'date'), 1)),
    bankHolidays(year) {
      if (typeof year !== 'number' || !Number.isInteger(year) || year < source.firstYear || year > source.lastYear) {
        throw new CalendarError(
          year === year && typeof year === 'number' && Number.isInteger(year) ? 'OUT_OF_RANGE' : 'INVALID_COUNT',
          `Invalid year ${describeValue(year)}: expected a whole year from ${source.firstYear} to ${source.lastYear}`,
          year,
        );
      }
      const out: BankHoliday[] = [];
      for (let day = dayNumberOf(year, 1, 1), end = dayNumberOf(year, 12, 31); day <= end; day++) {
        const title = holidays.get(day);
        if (title !== undefined) out.push({ date: formatDayNumber(day), title });
      }
      return out;
    },
  };
  Object.defineProperty(calendar, INTERNAL, { value: index, enumerable: false });
  return Object.freeze(calendar);
}

const editions = new WeakMap<ReadonlyMap<number, string>, string>();

/** FNV-1a over the holidays' day numbers, in order: the same holidays give the same edition everywhere. */
function editionOf(holidays: ReadonlyMap<number, string>): string {
  let edition = editions.get(holidays);
  if (edition === undefined) {
    let hash = 0x811c9dc5;
    for (const day of [...holidays.keys()].sort((a, b) => a - b)) {
      for (let shift = 0; shift < 32; shift += 8) hash = Math.imul(hash ^ ((day >>> shift) & 0xff), 0x01000193);
    }
    edition = `${holidays.size}-${(hash >>> 0).toString(16).padStart(8, '0')}`;
    editions.set(holidays, edition);
  }
  return edition;
}

const plainCalendars = new Map<Division, WorkingDayCalendar>();

/**
 * The working-day calendar of a UK division, from the bank-holiday table built into the package
 * (1970 to 2100, checked against GOV.UK's record). Calendars without closures are built once and
 * shared.
 *
 * @example
 * const cal = ukCalendar('england-and-wales');
 * cal.addWorkingDays('2024-12-19', 10); // '2025-01-07'
 * ukCalendar('scotland', { closures: ['2025-07-14'] }).isWorkingDay('2025-07-14'); // false
 */
export function ukCalendar(division: Division = 'england-and-wales', options?: CalendarOptions): WorkingDayCalendar {
  const d = assertDivision(division);
  const closures = typeof options === 'object' && options !== null ? options.closures : undefined;
  if (
    options === undefined ||
    (typeof options === 'object' &&
      options !== null &&
      (closures === undefined || (Array.isArray(closures) && closures.length === 0)))
  ) {
    let cal = plainCalendars.get(d);
    if (!cal) plainCalendars.set(d, (cal = buildCalendar(d, builtInHolidays(d), undefined)));
    return cal;
  }
  return buildCalendar(d, builtInHolidays(d), options);
}
