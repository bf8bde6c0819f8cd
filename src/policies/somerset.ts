import { builtInPolicy } from './builtIn.js';
import definition from './somerset.generated.js';

/**
 * Somerset's policy on its own, checked when the package was built: a front end that imports it
 * from `safeguarding-escalation/policies/somerset` brings this one policy, not all five. The same
 * object as `policies['somerset']`.
 *
 * @example
 * import { somerset } from 'safeguarding-escalation/policies/somerset';
 * const e = startEscalation(somerset, { id: 'ESC-1', raisedAt: '2025-04-15T09:00:00+01:00' });
 */
export const somerset = /* @__PURE__ */ builtInPolicy(definition);
