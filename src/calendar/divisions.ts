import { CalendarError, describeValue } from './errors.js';

/**
 * The three UK bank-holiday divisions, named as the GOV.UK `bank-holidays.json` feed names them.
 *
 * @example
 * DIVISIONS.map((d) => ukCalendar(d).isWorkingDay('2025-01-02')); // [true, false, true]
 */
export const DIVISIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;

/** A UK bank-holiday division. */
export type Division = (typeof DIVISIONS)[number];

export function assertDivision(value: unknown): Division {
  if ((DIVISIONS as readonly unknown[]).includes(value)) return value as Division;
  throw new CalendarError(
    'UNKNOWN_DIVISION',
    `Unknown division ${describeValue(value)}: expected one of ${DIVISIONS.map((d) => `'${d}'`).join(', ')}`,
    value,
  );
}
