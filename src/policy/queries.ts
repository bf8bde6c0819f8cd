import type { Policy } from './define.js';
import type { Anchor, AnchorOrFirstOf, ObligationRule } from './schema.js';

/** The anchors of an obligation: its one anchor, or each of a `firstOf`. */
export function anchorsOf(anchor: AnchorOrFirstOf): readonly Anchor[] {
  return 'firstOf' in anchor ? anchor.firstOf : [anchor];
}

/**
 * The obligations that time a stage: of kind `stage`, armed when the stage begins or by a record made
 * at it (Suffolk's Stage 2 counts from the Stage 1 discussion).
 */
export function stageObligations(policy: Policy, stageId: string): ObligationRule[] {
  return policy.obligations.filter(
    (o) =>
      o.kind === 'stage' &&
      anchorsOf(o.anchor).some(
        (a) =>
          (a.on === 'stage-entered' && a.stages.includes(stageId)) ||
          (a.on === 'record' && a.stages?.includes(stageId) === true),
      ),
  );
}
