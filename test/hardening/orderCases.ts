// The cases the order test looks at, in a module of their own so that a child process can build them too.
import { applyEvent, policies, startEscalation, type Escalation, type Policy } from '../../src/index.js';

/** A case under each policy, climbed as far as it goes: dated and undated duties, some due the same day. */
export function cases(): [Policy, Escalation, string][] {
  const out: [Policy, Escalation, string][] = [];
  for (const policy of Object.values(policies)) {
    let e = startEscalation(policy, { id: 'O', raisedAt: '2024-12-20T10:00:00Z' });
    for (const at of ['2024-12-23T10:00:00Z', '2024-12-30T10:00:00Z', '2025-01-06T10:00:00Z']) {
      try {
        e = applyEvent(policy, e, { type: 'ESCALATE', at });
      } catch {
        break; // the top of the ladder
      }
    }
    out.push([policy, e, '2025-01-07T09:00:00Z']);
  }
  return out;
}
