import { definePolicy, type Policy } from '../policy/define.js';
import type { PolicyDefinition } from '../policy/schema.js';
import barnsley from './barnsley.generated.js';
import derbyDerbyshire from './derby-derbyshire.generated.js';
import devon from './devon.generated.js';
import somerset from './somerset.generated.js';
import suffolk from './suffolk.generated.js';

/** The id of one of the five built-in policies. */
export type PolicyId = 'derby-derbyshire' | 'somerset' | 'suffolk' | 'devon' | 'barnsley';

const definitions: Readonly<Record<PolicyId, PolicyDefinition>> = {
  'derby-derbyshire': derbyDerbyshire,
  somerset,
  suffolk,
  devon,
  barnsley,
};

const checked = new Map<PolicyId, Policy>();

// Each policy is checked the first time it is read, not at import: an application that uses one
// partnership's policy does not pay for validating all five when it starts.
function lazily(id: PolicyId): PropertyDescriptor {
  return { enumerable: true, get: () => checked.get(id) ?? checked.set(id, definePolicy(definitions[id])).get(id) };
}

/**
 * The five partnerships' policies, keyed by id, each compiled from its file in `policies/` and
 * checked on first use. Read-only.
 *
 * @example
 * startEscalation(policies.barnsley, { id: 'BAR-1', raisedAt: '2025-04-15T09:00:00+01:00' });
 */
export const policies: Readonly<Record<PolicyId, Policy>> = Object.freeze(
  Object.defineProperties({} as Record<PolicyId, Policy>, {
    'derby-derbyshire': lazily('derby-derbyshire'),
    somerset: lazily('somerset'),
    suffolk: lazily('suffolk'),
    devon: lazily('devon'),
    barnsley: lazily('barnsley'),
  }),
);
