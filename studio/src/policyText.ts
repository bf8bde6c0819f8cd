// Where a shipped policy's text comes from: the policy file itself, comments and all (compiled into
// the studio by `npm run generate`). As JSON it is the same data, without the comments JSON cannot hold.
import { parse } from 'yaml';
import { POLICY_FILES } from './policyFiles.generated.js';

import type { PolicyFormat } from './library.js';

export type { PolicyFormat };

/** The text of a shipped policy, as an author would open it. */
export function shippedPolicyText(id: string, format: PolicyFormat = 'yaml'): string {
  // Own keys only: an id such as 'constructor' must not find Object.prototype's.
  const text = typeof id === 'string' && Object.hasOwn(POLICY_FILES, id) ? POLICY_FILES[id] : undefined;
  if (text === undefined)
    throw new Error(`no shipped policy '${id}' (shipped: ${Object.keys(POLICY_FILES).join(', ')})`);
  return format === 'json' ? `${JSON.stringify(parse(text), null, 2)}\n` : text;
}
