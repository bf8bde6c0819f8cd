// Where a shipped policy's text comes from. Today the policies are TypeScript objects, dumped here to
// YAML (or JSON); once they are YAML files (issue 10) this returns the file's own text, comments and
// all, and nothing else in the studio changes.
import { stringify } from 'yaml';
import { shippedPolicyDefinition } from './library.js';

/** A policy file's format. */
export type PolicyFormat = 'yaml' | 'json';

/** The text of a shipped policy, as an author would open it. */
export function shippedPolicyText(id: string, format: PolicyFormat = 'yaml'): string {
  const definition = shippedPolicyDefinition(id);
  if (format === 'json') return `${JSON.stringify(definition, null, 2)}\n`;
  // Long quotes stay on one line each: the editor wraps them to its width, where text folded at a
  // fixed column would wrap twice.
  return stringify(definition, { lineWidth: 0 });
}
