export { definePolicy, isPolicy, type Policy } from './define.js';
export { PolicyError, type Problem } from './errors.js';
export { policySchema } from './schema.js';
export { policyJsonSchema } from './jsonSchema.js';
export { policyCurrency, PARTNERSHIP_ARRANGEMENTS_DATE, type CurrencyCode, type CurrencyWarning } from './currency.js';
export { movesFrom, policyMoves, MOVEMENT_EVENTS, type Move, type MovementEventType } from './moves.js';
export type {
  Anchor,
  Citation,
  DeepReadonly,
  Duration,
  Form,
  Interpretation,
  Limit,
  Meet,
  MovementRule,
  ObligationKind,
  ObligationRule,
  Participant,
  PolicyDefinition,
  SourceDocument,
  RecordKind,
  Risk,
  Route,
  Stage,
  StageId,
} from './schema.js';
