import { builtInPolicy } from './builtIn.js';
import definition from './devon.generated.js';

/**
 * Devon's policy on its own, checked when the package was built: a front end that imports it
 * from `safeguarding-escalation/policies/devon` brings this one policy, not all five. The same
 * object as `policies['devon']`.
 *
 * @example
 * import { devon } from 'safeguarding-escalation/policies/devon';
 * const e = startEscalation(devon, { id: 'ESC-1', raisedAt: '2025-04-15T09:00:00+01:00' });
 */
export const devon = /* @__PURE__ */ builtInPolicy(definition);
