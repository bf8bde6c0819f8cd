import type { Policy } from './define.js';

/**
 * The obligations that time a stage: of kind `stage`, armed when the stage begins or by a record made
 * at it (Suffolk's Stage 2 counts from the Stage 1 discussion).
 */
export function stageObligations(policy: Policy, stageId: string): Policy['obligations'][number][] {
  return policy.obligations.filter(
    (o) =>
      o.kind === 'stage' &&
      ((o.anchor.on === 'stage-entered' && (o.anchor.stages as readonly string[]).includes(stageId)) ||
        (o.anchor.on === 'record' && (o.anchor.stages as readonly string[] | undefined)?.includes(stageId) === true)),
  );
}
