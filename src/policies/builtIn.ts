import { shippedPolicy, type Policy } from '../policy/define.js';
import type { PolicyDefinition } from '../policy/schema.js';

/** The id of one of the five built-in policies. */
export type PolicyId = 'derby-derbyshire' | 'somerset' | 'suffolk' | 'devon' | 'barnsley';

// Each built-in policy is made the first time it is asked for, once: by the `policies` record when one
// of its keys is read, by its own module (`policies/<id>`) when that is loaded. It is not checked
// again: it was checked when it was generated (see `shippedPolicy`). Nothing is done when the package
// is imported, so an application pays only for the policies it uses, and a bundler drops the policies
// nobody imports.
const checked = new Map<PolicyDefinition, Policy>();

/**
 * A policy the package ships (a current or an earlier version), made (frozen, known to `isPolicy`) the
 * first time it is asked for: one object per compiled definition.
 */
export function builtInPolicy(definition: PolicyDefinition): Policy {
  let policy = checked.get(definition);
  if (!policy) checked.set(definition, (policy = shippedPolicy(definition)));
  return policy;
}
