import type { Policy } from '../src/policy/define.js';
import barnsley from './barnsley.js';
import derbyDerbyshire from './derby-derbyshire.js';
import devon from './devon.js';
import somerset from './somerset.js';
import suffolk from './suffolk.js';

/**
 * The five partnerships' policies, keyed by id. Read-only.
 *
 * @example
 * startEscalation(policies.barnsley, { id: 'BAR-1', raisedAt: '2025-04-15T09:00:00+01:00' });
 */
export const policies: Readonly<Record<'derby-derbyshire' | 'somerset' | 'suffolk' | 'devon' | 'barnsley', Policy>> = Object.freeze({
  'derby-derbyshire': derbyDerbyshire,
  somerset,
  suffolk,
  devon,
  barnsley,
});

/** The id of one of the five built-in policies. */
export type PolicyId = keyof typeof policies;
