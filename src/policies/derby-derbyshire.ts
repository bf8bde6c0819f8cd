import { builtInPolicy } from './builtIn.js';
import definition from './derby-derbyshire.generated.js';

/**
 * Derby and Derbyshire's policy on its own, checked when the package was built: a front end that imports it
 * from `safeguarding-escalation/policies/derby-derbyshire` brings this one policy, not all five. The same
 * object as `policies['derby-derbyshire']`.
 *
 * @example
 * import { derbyDerbyshire } from 'safeguarding-escalation/policies/derby-derbyshire';
 * const e = startEscalation(derbyDerbyshire, { id: 'ESC-1', raisedAt: '2025-04-15T09:00:00+01:00' });
 */
export const derbyDerbyshire = /* @__PURE__ */ builtInPolicy(definition);
