export { definePolicy, isPolicy, loadPolicy, type Policy } from './define.js';
export { PolicyError, type Problem } from './errors.js';
export { policySchema } from './schema.js';
export { policyJsonSchema } from './jsonSchema.js';
export type {
  Anchor,
  Citation,
  Duration,
  Form,
  Interpretation,
  Limit,
  MachineConfig,
  Meet,
  MovementRule,
  ObligationKind,
  ObligationRule,
  Participant,
  PolicyDefinition,
  RecordKind,
  Risk,
  Route,
  Stage,
  StageId,
} from './schema.js';
