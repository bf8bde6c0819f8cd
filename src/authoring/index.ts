export { loadPolicy } from './loadPolicy.js';
export {
  parsePolicyText,
  type ParsedPolicyText,
  type PolicyFormat,
  type PolicyTextOptions,
  type PositionedProblem,
} from './parsePolicyText.js';
export { policyTemplate, PLACEHOLDER_PATTERN, type PolicyTemplateOptions } from './template.js';
