// The CommonJS build's fastCheck.ts (tsup.config.ts swaps it in): the same clear error when
// fast-check is not installed, with `require` in place of a top-level `await import()`.
import type FastCheck from 'fast-check';
import { missingFastCheck } from './missingFastCheck.js';

let loaded: typeof FastCheck;
try {
  loaded = require('fast-check') as typeof FastCheck;
} catch (error) {
  throw missingFastCheck(error);
}

/** fast-check, as the auditor's project installed it. */
export const fc = loaded;
