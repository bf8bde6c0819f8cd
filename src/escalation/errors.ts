/** Why the engine refused a call. */
export type EscalationErrorCode =
  | 'INVALID_EVENT' // malformed event or start input
  | 'NOT_PERMITTED' // the policy forbids it; the message cites the rule
  | 'OUT_OF_ORDER' // earlier than the escalation's last event or time it was advanced to
  | 'CLOSED' // after resolution or withdrawal
  | 'UNKNOWN_STAGE'
  | 'INVALID_SNAPSHOT'
  | 'POLICY_MISMATCH';

/**
 * The only error the escalation API throws. `code` says what kind of refusal it is; the message names
 * the bad value and, for `NOT_PERMITTED`, cites the policy's rule. Nothing changes when it is thrown.
 *
 * @example
 * try { applyEvent(escalation, { type: 'EXPEDITE', to: 'stage-3', at }) }
 * catch (e) { if (e instanceof EscalationError && e.code === 'NOT_PERMITTED') showRule(e.message) }
 */
export class EscalationError extends Error {
  readonly code: EscalationErrorCode;
  /** For validation failures: every problem, by its path in the input. */
  readonly problems: readonly { path: string; message: string }[];
  constructor(code: EscalationErrorCode, message: string, problems: readonly { path: string; message: string }[] = []) {
    super(message);
    this.name = 'EscalationError';
    this.code = code;
    this.problems = problems;
  }
}
