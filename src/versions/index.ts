export { diffPolicies, type PolicyChange, type PolicyDiff } from './diff.js';
export { renderPolicyDiff } from './render.js';
export { migrateEscalation, type MigrateOptions, type Migration } from './migrate.js';
