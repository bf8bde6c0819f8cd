export { startEscalation } from './startEscalation.js';
export { applyEvent } from './applyEvent.js';
export { advanceTo } from './advanceTo.js';
export { getStatus, type Deadline, type DeadlineState, type EscalationStatus, type RequiredAction } from './getStatus.js';
export { restoreEscalation } from './restoreEscalation.js';
export { MAX_TIMEOUT_MS, nextTimer, type NextTimer } from './nextTimer.js';
export { EscalationError, type EscalationErrorCode } from './errors.js';
export type { AllowedEvent, EngineOptions } from './compiled.js';
export {
  NATURES,
  type Concern,
  type Escalation,
  type EscalationEvent,
  type EscalationEventType,
  type EscalationRecord,
  type HistoryEntry,
  type Nature,
  type ObligationState,
  type Party,
  type StartInput,
} from './types.js';
export { nextDueAt, overdueSince } from './nextDueAt.js';
export { sweepHorizon, type SweepHorizonOptions } from './sweepHorizon.js';
