export { startEscalation } from './startEscalation.js';
export { applyEvent } from './applyEvent.js';
export { advanceTo } from './advanceTo.js';
export {
  getStatus,
  type Deadline,
  type DeadlineState,
  type EscalationStatus,
  type RequiredAction,
} from './getStatus.js';
export { restoreEscalation } from './restoreEscalation.js';
export { MAX_TIMEOUT_MS, nextTimer, type NextTimer } from './nextTimer.js';
export { EscalationError, type EscalationErrorCode, type EscalationErrorDetails } from './errors.js';
export {
  policyRegistry,
  type AllowedEvent,
  type EngineOptions,
  type PolicyRegistry,
  type PolicySource,
} from './compiled.js';
export { DEADLINE_RULES, type DeadlineRule, type DutyPlan, type MigrationPlan } from './migrationPlan.js';
export {
  ESCALATION_FORMAT,
  NATURES,
  type CaseCalendar,
  type Concern,
  type Escalation,
  type EscalationEvent,
  type EscalationEventOf,
  type EscalationEventType,
  type EscalationRecord,
  type HistoryEntry,
  type HistoryEntryOf,
  type HistoryEntryType,
  type MigratedDuty,
  type Nature,
  type ObligationState,
  type Party,
  type StageOutcome,
  type StartInput,
} from './types.js';
export { nextDueAt, overdueSince } from './nextDueAt.js';
export { sweepHorizon, type SweepHorizonOptions } from './sweepHorizon.js';
