import { expect } from 'vitest';
import { EscalationError, getStatus, type Escalation, type Policy } from '../src/index.js';

export function refused(fn: () => unknown, code: string): EscalationError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(EscalationError);
    expect((e as EscalationError).code).toBe(code);
    return e as EscalationError;
  }
  throw new Error(`expected ${code}, but nothing was thrown`);
}

/** The due date of the obligation with this rule id, at `now`. */
export function due(policy: Policy, e: Escalation, rule: string, now: string): string | null | undefined {
  const s = getStatus(policy, e, now);
  return (
    s.deadlines.find((d) => d.rule === rule)?.dueDate ??
    (s.requiredActions.some((a) => a.obligation?.startsWith(`${rule}#`)) ? null : undefined)
  );
}

export const entered = (e: Escalation, stage: string) =>
  e.history.find((h) => h.type === 'stage-entered' && h.stage === stage);
