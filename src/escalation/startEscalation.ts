import { londonDate } from '../calendar/london.js';
import type { Policy } from '../policy/define.js';
import { attach, calendarFor, policyFor, type EngineOptions } from './compiled.js';
import { arm, Draft, iso, ms } from './engine.js';
import { EscalationError } from './errors.js';
import { move } from './movement.js';
import { ESCALATION_FORMAT, startSchema, type Escalation, type StartInput } from './types.js';
import { validate } from './validate.js';

/**
 * Starts an escalation under a policy: the disagreement is raised at `raisedAt` and enters the first
 * stage, or a later one where the policy allows it (Devon: by risk of immediate harm). A start the
 * policy forbids is refused with `NOT_PERMITTED`, citing the rule. Returns plain JSON.
 *
 * @example
 * const e = startEscalation(policy, { id: 'ESC-1', raisedAt: '2024-12-19T10:00:00Z' });
 * getStatus(e, '2024-12-19T10:00:00Z').stageDeadline?.dueDate; // '2024-12-23' for 2 working days
 */
export function startEscalation(policy: Policy, input: StartInput, options?: Omit<EngineOptions, 'policy'>): Escalation {
  if (typeof policy !== 'object' || policy === null) throw new EscalationError('POLICY_MISMATCH', 'startEscalation needs a policy from definePolicy() or the policies record');
  const start = validate(startSchema, input, 'INVALID_EVENT', 'start');
  const raisedMs = ms(start.raisedAt);
  const first = policy.stages[0]!.id;
  const blank: Escalation = {
    format: ESCALATION_FORMAT,
    id: start.id,
    policy: { id: policy.id, version: policy.version },
    division: policy.division,
    raisedAt: iso(raisedMs),
    raisedOn: londonDate(start.raisedAt),
    ...(start.raisedBy ? { raisedBy: start.raisedBy } : {}),
    ...(start.concern ? { concern: start.concern } : {}),
    imminentRisk: start.imminentRisk ?? false,
    status: 'open',
    state: 'raised',
    stage: first as Escalation['stage'],
    asOf: iso(raisedMs),
    caseTimescales: {},
    obligations: [],
    history: [],
  };
  const c = policyFor(blank, { policy });
  const { index } = calendarFor(c, options);
  const d = new Draft(c, index, blank);
  d.log(raisedMs, {
    type: 'raised',
    ...(start.raisedBy ? { by: start.raisedBy } : {}),
    imminentRisk: d.esc.imminentRisk,
    ...(start.startStage ? { startStage: start.startStage } : {}),
    ...(start.reason ? { reason: start.reason } : {}),
  });
  for (const rule of c.rules.values()) if (rule.anchor.on === 'raised') arm(d, rule, raisedMs, undefined);
  const reason = start.imminentRisk ? 'imminent-risk' : start.reason;
  move(d, { type: 'START', to: start.startStage ?? first, ...(reason ? { reason } : {}) }, raisedMs);
  return attach(d.finish(raisedMs), c.policy);
}
