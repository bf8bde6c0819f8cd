import { builtInPolicy } from './builtIn.js';
import definition from './barnsley.generated.js';

/**
 * Barnsley's policy on its own, checked when the package was built: a front end that imports it
 * from `safeguarding-escalation/policies/barnsley` brings this one policy, not all five. The same
 * object as `policies['barnsley']`.
 *
 * @example
 * import { barnsley } from 'safeguarding-escalation/policies/barnsley';
 * const e = startEscalation(barnsley, { id: 'ESC-1', raisedAt: '2025-04-15T09:00:00+01:00' });
 */
export const barnsley = /* @__PURE__ */ builtInPolicy(definition);
