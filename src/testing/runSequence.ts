import { applyEvent } from '../escalation/applyEvent.js';
import { EscalationError } from '../escalation/errors.js';
import { startEscalation } from '../escalation/startEscalation.js';
import type { Escalation } from '../escalation/types.js';
import { policyArgument, type Policy } from '../policy/define.js';
import type { WorkingDayCalendar } from '../calendar/calendar.js';
import type { EventSequence } from './arbitraries.js';

/**
 * Plays an event sequence through the engine: a start the policy refuses gives `null`; events it
 * refuses (with an `EscalationError`) are skipped and counted. Anything else thrown is a bug and
 * propagates. Returns every accepted version, oldest first.
 *
 * @example
 * const { versions } = runSequence(policy, sequence);
 * runSequence(policy, sequence, { calendar: ukCalendar('england-and-wales', { closures: ['2025-12-29'] }) });
 */
export function runSequence(
  policy: Policy,
  seq: EventSequence,
  options: { calendar?: WorkingDayCalendar } = {},
): { versions: Escalation[]; refused: number } | null {
  policy = policyArgument(policy);
  if (typeof seq !== 'object' || seq === null || !Array.isArray(seq.events))
    throw new EscalationError('INVALID_ARGUMENT', 'runSequence: expected a sequence { start, events: [...], now }');
  if (typeof options !== 'object' || options === null)
    throw new EscalationError('INVALID_ARGUMENT', 'runSequence: options must be an object, such as { calendar }');
  const engineOptions = options.calendar ? { calendar: options.calendar } : {};
  let e: Escalation;
  try {
    e = startEscalation(policy, seq.start, engineOptions);
  } catch (err) {
    if (err instanceof EscalationError) return null;
    throw err;
  }
  const versions = [e];
  let refused = 0;
  for (const event of seq.events) {
    try {
      e = applyEvent(policy, e, event, engineOptions);
      versions.push(e);
    } catch (err) {
      if (!(err instanceof EscalationError)) throw err;
      refused++;
    }
  }
  return { versions, refused };
}
