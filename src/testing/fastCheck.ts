// fast-check is an optional peer dependency: loaded here, so that an auditor who imports
// `safeguarding-escalation/testing` without it is told what to install instead of Node's bare
// "Cannot find package 'fast-check'". This is the ES module build; the CommonJS build swaps in
// fastCheck.cjs.ts (see tsup.config.ts), because a CommonJS module cannot await at its top level.
import type FastCheck from 'fast-check';
import { missingFastCheck } from './missingFastCheck.js';

let loaded: typeof FastCheck;
try {
  loaded = (await import('fast-check')).default;
} catch (error) {
  throw missingFastCheck(error);
}

/** fast-check, as the auditor's project installed it. */
export const fc = loaded;
