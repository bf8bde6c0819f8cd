import type { ObligationState } from './types.js';

// The order of an obligation's keys as the schema lists them (types.ts), which is the order the
// library stores them in: the same case is the same JSON on every host, byte for byte, and the fast
// path for stored escalations (canonical.ts) reads exactly this form.

/** An obligation with its keys in the stored order (the engine adds some as a duty runs). */
export function obligationInOrder(o: ObligationState): ObligationState {
  return {
    id: o.id,
    rule: o.rule,
    kind: o.kind,
    label: o.label,
    strength: o.strength,
    ...(o.stage !== undefined ? { stage: o.stage } : {}),
    armedAt: o.armedAt,
    status: o.status,
    dueDate: o.dueDate,
    dueAt: o.dueAt,
    ...(o.passedAt !== undefined ? { passedAt: o.passedAt } : {}),
    ...(o.metAt !== undefined ? { metAt: o.metAt } : {}),
    ...(o.occurrence !== undefined ? { occurrence: o.occurrence } : {}),
    ...(o.extended !== undefined ? { extended: o.extended } : {}),
    ...(o.atImminentRisk !== undefined ? { atImminentRisk: o.atImminentRisk } : {}),
  };
}
