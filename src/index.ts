export * from './calendar/index.js';
export * from './policy/index.js';
export { createPolicyMachine, type PolicyMachine } from './machine/createPolicyMachine.js';
export * from './escalation/index.js';
export { policies, type PolicyId } from '../policies/index.js';
export { renderPolicyMarkdown, renderPoliciesOverview, renderStateDiagram, describeLimit } from './render/policyMarkdown.js';
export { worstCaseTimeline, type WorstCaseStage } from './audit/worstCaseTimeline.js';
