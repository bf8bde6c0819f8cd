import { builtInPolicy } from './builtIn.js';
import definition from './suffolk.generated.js';

/**
 * Suffolk's policy on its own, checked when the package was built: a front end that imports it
 * from `safeguarding-escalation/policies/suffolk` brings this one policy, not all five. The same
 * object as `policies['suffolk']`.
 *
 * @example
 * import { suffolk } from 'safeguarding-escalation/policies/suffolk';
 * const e = startEscalation(suffolk, { id: 'ESC-1', raisedAt: '2025-04-15T09:00:00+01:00' });
 */
export const suffolk = /* @__PURE__ */ builtInPolicy(definition);
