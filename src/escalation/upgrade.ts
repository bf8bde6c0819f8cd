import { ukCalendar } from '../calendar/calendar.js';
import { DIVISIONS, type Division } from '../calendar/divisions.js';
import { caseCalendar, givenCalendar, type EngineOptions } from './compiled.js';
import { EscalationError } from './errors.js';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * An escalation stored by version 0.1 (format 1), in the format this version reads (format 2), with
 * nothing lost:
 * - `division` becomes `calendar`: the built-in table of that division, or the calendar passed in the
 *   options (format 1 did not record the closures a host passed on each call);
 * - `imminentRisk` becomes `risk`; a RISK event's `imminent` becomes its `risk`;
 * - a record's `occurredAt` becomes its event's `at` (when it happened), the event's old `at` its
 *   `recordedAt` (when it was learned);
 * - an `obligation-met` entry gains `metAt`.
 * Entries format 1 wrote and format 2 no longer writes (`reminder-due`, `note`) stay as they were.
 */
export function upgradeFormat1(data: Json, options: EngineOptions | undefined): Json {
  const division = data.division;
  if (typeof division !== 'string' || !(DIVISIONS as readonly string[]).includes(division)) {
    throw new EscalationError(
      'INVALID_SNAPSHOT',
      `Invalid escalation snapshot: a format 1 escalation needs its division (got ${JSON.stringify(division)})`,
      [{ path: 'division', message: `expected one of ${DIVISIONS.join(', ')}` }],
    );
  }
  const given = givenCalendar(options)?.calendar;
  const calendar = caseCalendar(given && given.division === division ? given : ukCalendar(division as Division));
  const { division: _division, imminentRisk, format: _format, ...rest } = data;
  return {
    ...rest,
    format: 2,
    calendar,
    risk: imminentRisk === true ? 'imminent-risk' : 'none',
    history: Array.isArray(data.history) ? data.history.map(upgradeEntry) : data.history,
  };
}

function upgradeEntry(entry: unknown): unknown {
  if (!isObject(entry)) return entry;
  switch (entry.type) {
    case 'raised': {
      const { imminentRisk, ...rest } = entry;
      return { ...rest, risk: imminentRisk === true ? 'imminent-risk' : 'none' };
    }
    case 'event':
      return isObject(entry.event) ? { ...entry, event: upgradeEvent(entry.event) } : entry;
    case 'obligation-met':
      return { ...entry, metAt: entry.at };
    default:
      return entry;
  }
}

function upgradeEvent(event: Json): Json {
  if (event.type === 'RISK' && typeof event.imminent === 'boolean') {
    const { imminent, ...rest } = event;
    return { ...rest, risk: imminent ? 'imminent-risk' : 'none' };
  }
  if (event.type === 'RECORD' && isObject(event.record) && typeof event.record.occurredAt === 'string') {
    const { occurredAt, ...record } = event.record;
    // 0.1 kept occurredAt as given; instants are stored in one form (UTC, milliseconds).
    const at = Number.isNaN(Date.parse(occurredAt)) ? occurredAt : new Date(Date.parse(occurredAt)).toISOString();
    return { ...event, at, recordedAt: event.at, record };
  }
  return event;
}
