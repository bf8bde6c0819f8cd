import { indexOf, ukCalendar } from '../calendar/calendar.js';
import { londonDate } from '../calendar/london.js';
import type { Policy } from '../policy/define.js';
import type { PolicyDefinition } from '../policy/schema.js';
import { withIsoInstants } from './arguments.js';
import { caseCalendar, givenCalendar, startPolicy, type EngineOptions } from './compiled.js';
import { Draft, fireTimers, happen, iso, ms } from './engine.js';
import { EscalationError, withCalendarCodes } from './errors.js';
import { move } from './movement.js';
import { ESCALATION_FORMAT, startSchema, type Escalation, type StartInput } from './types.js';
import { validate } from './validate.js';

/**
 * Starts an escalation under a policy: the disagreement is raised at `raisedAt` and enters the first
 * stage, or a later one where the policy allows it (Devon: by risk of immediate harm). A start the
 * policy forbids is refused with `NOT_PERMITTED`, citing the rule. The escalation records the
 * calendar its deadlines are counted on (the policy's division, or `options.calendar`): every later
 * call counts on it. Returns plain JSON, deeply frozen.
 *
 * @example
 * const e = startEscalation(policy, { id: 'ESC-1', raisedAt: '2024-12-19T10:00:00Z' });
 * getStatus(policy, e, '2024-12-19T10:00:00Z').stageDeadline?.dueDate; // '2024-12-23' for 2 working days
 */
export function startEscalation(
  policy: Policy | PolicyDefinition,
  input: StartInput,
  options?: EngineOptions,
): Escalation {
  return withCalendarCodes(() => start(policy, input, options));
}

function start(policy: Policy | PolicyDefinition, input: StartInput, options?: EngineOptions): Escalation {
  const c = startPolicy(policy);
  const start = validate(startSchema, withIsoInstants(input, ['raisedAt']), 'INVALID_START', 'start');
  const given = givenCalendar(options);
  if (given && given.calendar.division !== c.policy.division) {
    throw new EscalationError(
      'CALENDAR_MISMATCH',
      `options.calendar is for ${given.calendar.division}; policy ${c.policy.id} counts working days in ${c.policy.division}`,
    );
  }
  const calendar = given?.calendar ?? ukCalendar(c.policy.division);
  const raisedMs = ms(start.raisedAt);
  const risk = start.risk ?? 'none';
  const first = c.policy.stages[0]!.id;
  const blank: Escalation = {
    format: ESCALATION_FORMAT,
    id: start.id,
    policy: { id: c.policy.id, version: c.policy.version },
    calendar: caseCalendar(calendar),
    raisedAt: iso(raisedMs),
    raisedOn: londonDate(start.raisedAt),
    ...(start.raisedBy ? { raisedBy: start.raisedBy } : {}),
    ...(start.concern ? { concern: start.concern } : {}),
    risk,
    status: 'open',
    state: 'raised',
    stage: first,
    asOf: iso(raisedMs),
    caseTimescales: {},
    obligations: [],
    history: [],
  };
  const d = new Draft(c, given?.index ?? indexOf(calendar), blank, raisedMs);
  d.log(raisedMs, {
    type: 'raised',
    ...(start.raisedBy ? { by: start.raisedBy } : {}),
    risk,
    ...(start.startStage ? { startStage: start.startStage } : {}),
    ...(start.reason ? { reason: start.reason } : {}),
  });
  happen(d, { kind: 'raised', atMs: raisedMs });
  move(
    d,
    { type: 'START', to: start.startStage ?? first, ...(start.reason ? { reason: start.reason } : {}) },
    raisedMs,
  );
  fireTimers(d, raisedMs);
  return d.finish(raisedMs);
}
