export * from './calendar/index.js';
export * from './policy/index.js';
export * from './authoring/index.js';
export {
  createPolicyMachine,
  policyMachineConfig,
  type PolicyMachine,
  type PolicyMachineConfig,
} from './machine/createPolicyMachine.js';
export * from './escalation/index.js';
export { policies, type PolicyId } from './policies/index.js';
export { previousPolicies, shippedPolicies, upgradePlans } from './policies/previous.js';
export {
  DEFAULT_RAISED_AT,
  describeLimit,
  renderPoliciesOverview,
  renderPolicyMarkdown,
  renderStateDiagram,
  renderWorstCaseTable,
  type PoliciesOverviewOptions,
  type PolicyMarkdownOptions,
  type WorstCaseTableOptions,
} from './render/policyMarkdown.js';
export { escapeXml, renderStateDiagramSvg } from './render/stateDiagramSvg.js';
export {
  longestRaiseDate,
  worstCaseTimeline,
  type LongestRaise,
  type WorstCaseStage,
} from './audit/worstCaseTimeline.js';
export { lintPolicy, type Finding } from './lint/lintPolicy.js';
export { renderTimeline } from './render/renderTimeline.js';
export {
  summarise,
  type OversightOptions,
  type OversightSummary,
  type TextField,
  type Count,
} from './oversight/summarise.js';
export { trackerCsv, trackerRows, type TrackerOptions, type TrackerRow } from './oversight/tracker.js';
export { renderAnnualReport, type AnnualReport } from './oversight/report.js';
export { stackedBarChart, type Series } from './oversight/charts.js';
export * from './versions/index.js';
