import type { Policy } from '../policy/define.js';
import type { PolicyDefinition } from '../policy/schema.js';
import barnsley from './barnsley.generated.js';
import { builtInPolicy, type PolicyId } from './builtIn.js';
import derbyDerbyshire from './derby-derbyshire.generated.js';
import devon from './devon.generated.js';
import somerset from './somerset.generated.js';
import suffolk from './suffolk.generated.js';

export type { PolicyId } from './builtIn.js';

const definitions: Readonly<Record<PolicyId, PolicyDefinition>> = {
  'derby-derbyshire': derbyDerbyshire,
  somerset,
  suffolk,
  devon,
  barnsley,
};

// Each policy is made the first time it is read, not at import (see builtIn.ts).
function lazily(id: PolicyId): PropertyDescriptor {
  return { enumerable: true, get: () => builtInPolicy(definitions[id]) };
}

/**
 * The five partnerships' policies, keyed by id, each compiled from its file in `policies/` and
 * checked when the package was built. Read-only. A front end that needs one partnership's policy imports it alone
 * (`import { suffolk } from 'safeguarding-escalation/policies/suffolk'`) and brings only that one.
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
