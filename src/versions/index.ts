export { diffPolicies, type PolicyChange, type PolicyDiff } from './diff.js';
export { renderPolicyDiff } from './render.js';
