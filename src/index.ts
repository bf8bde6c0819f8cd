export * from './calendar/index.js';
export * from './policy/index.js';
export { createPolicyMachine, type PolicyMachine } from './machine/createPolicyMachine.js';
export * from './escalation/index.js';
export { policies, type PolicyId } from '../policies/index.js';
export { describeLimit, renderPoliciesOverview, renderPolicyMarkdown, renderStateDiagram, renderWorstCaseTable } from './render/policyMarkdown.js';
export { longestRaiseDate, worstCaseTimeline, type LongestRaise, type WorstCaseStage } from './audit/worstCaseTimeline.js';
export { lintPolicy, type Finding } from './lint/lintPolicy.js';
export { renderTimeline } from './render/renderTimeline.js';
