// The bounds a policy's numbers keep to, shared by the schema and its cross-checks.

/** The highest stage number a policy may give: no ladder has more than a handful of rungs. */
export const MAX_STAGE_NUMBER = 999;

/** Units a limit can be counted in. */
export const LIMIT_UNITS = ['working-days', 'working-weeks', 'calendar-days', 'hours'] as const;

/**
 * The longest duration in each unit: a year. No policy text sets a longer limit, and the bound keeps
 * every deadline inside the calendar: an event is from 1970 to 2099, and a year after the last day of
 * 2099 is still in 2100, the calendar's last year (250 working days is within each division's 2100).
 */
export const MAX_DURATION: Readonly<Record<(typeof LIMIT_UNITS)[number], number>> = {
  'working-days': 250,
  'working-weeks': 50,
  'calendar-days': 365,
  hours: 8760,
};
