import { trust, trustedIndex } from './trusted.js';
import type { Escalation, ObligationState } from './types.js';

/** Where an escalation's running obligations are, and (once asked) how many obligations each rule has started. */
export interface ObligationIndex {
  /** Positions in `obligations` of those running, in order. */
  readonly running: readonly number[];
  perRule?: ReadonlyMap<string, number>;
}

// Worked out from an escalation's obligations, and kept beside the escalations this library made:
// they are frozen, so it cannot go stale. A cache: a copy is scanned and gives the same index. It
// spares a case with thousands of obligations, nearly all met long ago, a walk over all of them on
// every call.

function scan(obligations: readonly ObligationState[]): ObligationIndex {
  const running: number[] = [];
  for (let position = 0; position < obligations.length; position++) if (obligations[position]!.status === 'running') running.push(position);
  return { running };
}

/** The index of an escalation's obligations. */
export function obligationIndex(escalation: Escalation): ObligationIndex {
  const known = trustedIndex(escalation);
  if (known) return known;
  const index = scan(escalation.obligations);
  // Kept only where a scan costs more than keeping it: most cases have a handful of obligations.
  if (known === null && escalation.obligations.length > 16) trust(escalation, index);
  return index;
}

/** How many obligations each rule has started in an escalation. */
export function perRule(escalation: Escalation, index: ObligationIndex): ReadonlyMap<string, number> {
  if (index.perRule) return index.perRule;
  const counts = new Map<string, number>();
  for (const o of escalation.obligations) counts.set(o.rule, (counts.get(o.rule) ?? 0) + 1);
  index.perRule = counts;
  return counts;
}

/** The obligations still running, in order. */
export function runningObligations(escalation: Escalation): ObligationState[] {
  const obligations = escalation.obligations;
  const running: ObligationState[] = [];
  for (const position of obligationIndex(escalation).running) running.push(obligations[position]!);
  return running;
}
