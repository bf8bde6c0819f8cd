// The auditor's kit: a separate entry point, so fast-check never reaches a production bundle.
export { arbitraries, type EventSequence } from './arbitraries.js';
export { checkInvariants, InvariantError } from './checkInvariants.js';
export { runSequence } from './runSequence.js';
