import type { Policy } from '../policy/define.js';
import { attach, isAttached, policyFor, type EngineOptions } from './compiled.js';
import { EscalationError } from './errors.js';
import { escalationSchema, type Escalation } from './types.js';
import { validate } from './validate.js';

/**
 * Loads a stored escalation (a JSON string or the parsed object), validates all of it against the
 * format and against its policy, and returns it ready for `applyEvent`, `advanceTo` and `getStatus`.
 * Throws `INVALID_SNAPSHOT` (listing every problem by path), `POLICY_MISMATCH` or `UNKNOWN_STAGE`.
 *
 * @example
 * const e = restoreEscalation(row.json, policies['suffolk']);
 */
export function restoreEscalation(input: unknown, policy: Policy): Escalation {
  let data = input;
  if (typeof input === 'string') {
    try {
      data = JSON.parse(input);
    } catch (e) {
      throw new EscalationError('INVALID_SNAPSHOT', `Invalid escalation snapshot: not JSON (${(e as Error).message})`);
    }
  }
  const esc = validate(escalationSchema, data, 'INVALID_SNAPSHOT', 'escalation snapshot') as Escalation;
  const c = policyFor(esc, { policy });
  const problems: string[] = [];
  if (esc.division !== c.policy.division) problems.push(`division is ${esc.division}, the policy's is ${c.policy.division}`);
  if (!c.stages.has(esc.stage)) {
    throw new EscalationError('UNKNOWN_STAGE', `Escalation '${esc.id}' is at stage '${esc.stage}', which policy ${c.policy.id} does not have`);
  }
  const expectedState = esc.status === 'open' ? esc.stage : esc.status;
  if (esc.state !== expectedState) problems.push(`state is '${esc.state}' but status '${esc.status}' and stage '${esc.stage}' make it '${expectedState}'`);
  let last = -Infinity;
  esc.history.forEach((h, i) => {
    if (h.seq !== i + 1) problems.push(`history[${i}].seq is ${h.seq}, expected ${i + 1}`);
    const t = Date.parse(h.at);
    if (t < last) problems.push(`history[${i}].at ${h.at} is earlier than the entry before it`);
    last = Math.max(last, t);
  });
  if (esc.history[0]?.type !== 'raised') problems.push("history[0] must be the 'raised' entry");
  if (last > Date.parse(esc.asOf)) problems.push(`asOf ${esc.asOf} is earlier than the last history entry`);
  const ids = new Set<string>();
  esc.obligations.forEach((o, i) => {
    if (!c.rules.has(o.rule)) problems.push(`obligations[${i}].rule '${o.rule}' is not in policy ${c.policy.id}`);
    if (ids.has(o.id)) problems.push(`obligations[${i}].id '${o.id}' is repeated`);
    ids.add(o.id);
    if ((o.dueDate === null) !== (o.dueAt === null)) problems.push(`obligations[${i}] has one of dueDate and dueAt without the other`);
  });
  for (const key of Object.keys(esc.caseTimescales)) if (!c.rules.has(key)) problems.push(`caseTimescales.${key} is not an obligation of policy ${c.policy.id}`);
  if (problems.length > 0) {
    throw new EscalationError('INVALID_SNAPSHOT', `Invalid escalation snapshot '${esc.id}': ${problems.join('; ')}`, problems.map((message) => ({ path: '(root)', message })));
  }
  return attach(esc, c.policy);
}

/** The escalation as given when this library made it; otherwise validated in full first. */
export function checkedEscalation(escalation: Escalation, options: EngineOptions | undefined): Escalation {
  if (isAttached(escalation) && !options?.policy) return escalation;
  if (!options?.policy) {
    throw new EscalationError(
      'POLICY_MISMATCH',
      'This escalation is not linked to its policy: load stored JSON with restoreEscalation(json, policy), or pass { policy }',
    );
  }
  if (isAttached(escalation)) return escalation;
  return restoreEscalation(escalation, options.policy);
}
