import type { ObligationState } from './types.js';

// The order of an obligation's keys as the schema lists them (types.ts), which is the order the
// library stores them in: the same case is the same JSON on every host, byte for byte, and the fast
// path for stored escalations (canonical.ts) reads exactly this form.

/**
 * An obligation with its keys in the stored order, the optional ones only when set. Built one way,
 * obligations share a few hidden classes (a copy made with a spread and given a new key gets its own,
 * which made an event on a case of thousands of obligations many times slower).
 */
export function obligationInOrder(o: ObligationState): ObligationState {
  const built: ObligationState =
    o.stage === undefined
      ? {
          id: o.id,
          rule: o.rule,
          kind: o.kind,
          label: o.label,
          strength: o.strength,
          armedAt: o.armedAt,
          status: o.status,
          dueDate: o.dueDate,
          dueAt: o.dueAt,
        }
      : {
          id: o.id,
          rule: o.rule,
          kind: o.kind,
          label: o.label,
          strength: o.strength,
          stage: o.stage,
          armedAt: o.armedAt,
          status: o.status,
          dueDate: o.dueDate,
          dueAt: o.dueAt,
        };
  if (o.passedAt !== undefined) built.passedAt = o.passedAt;
  if (o.metAt !== undefined) built.metAt = o.metAt;
  if (o.occurrence !== undefined) built.occurrence = o.occurrence;
  if (o.extended !== undefined) built.extended = o.extended;
  if (o.atImminentRisk !== undefined) built.atImminentRisk = o.atImminentRisk;
  return built;
}
