import { parseWith } from '../shared/zod.js';
import { PolicyError } from './errors.js';
import { policySchema, type DeepReadonly, type ParsedPolicy, type PolicyDefinition } from './schema.js';

/** A policy definition that `definePolicy` has checked: deeply frozen, plain JSON-serialisable data. */
export type Policy = DeepReadonly<ParsedPolicy>;

// Policies already checked, so that passing the same object again costs nothing. This is a cache,
// not a source of truth: a structurally equal copy is checked afresh and behaves the same.
const checked = new WeakSet<object>();

/**
 * Whether a value is a policy this library has already checked (returned by `definePolicy`,
 * `loadPolicy` or the `policies` record). A plain copy of one is not, but `definePolicy` accepts it.
 *
 * @example
 * isPolicy(policies.suffolk); // true
 */
export function isPolicy(value: unknown): value is Policy {
  return typeof value === 'object' && value !== null && checked.has(value);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/**
 * Validates a policy definition and returns it deeply frozen, or throws a `PolicyError` listing every
 * problem by its path, each saying what to write instead. A policy is plain data: its stages,
 * obligations, movement rules, forms, side routes and interpretations. Its XState machine is derived
 * from the stages and movement rules (`createPolicyMachine`), so nothing is written twice.
 *
 * @example
 * const policy = definePolicy({ id: 'my-partnership', title: '...', stages: [...], obligations: [...], movement: [], ... });
 */
export function definePolicy(definition: PolicyDefinition): Policy {
  if (isPolicy(definition)) return definition;
  const parsed = parseWith(policySchema, definition);
  const id =
    typeof (definition as { id?: unknown } | null)?.id === 'string' ? (definition as { id: string }).id : undefined;
  if (!parsed.ok) throw new PolicyError(id, parsed.problems);
  const policy: Policy = deepFreeze(parsed.data);
  checked.add(policy);
  return policy;
}

/**
 * A policy the package ships (src/policies/*.generated.ts), taken as checked without checking it
 * again: `npm run generate` wrote it as `definePolicy` returned it from its policy file (keys in the
 * schema's order, text trimmed), and a test checks that `definePolicy` still gives it back unchanged.
 * So a front end that shows a built-in policy does not bundle the schema for it, and nothing is
 * checked on first use. Not for anything that comes from outside the package.
 */
export function shippedPolicy(definition: PolicyDefinition): Policy {
  const policy = deepFreeze(definition) as Policy;
  checked.add(policy);
  return policy;
}

/**
 * A policy argument: one this library has checked, or a plain definition, checked now (a
 * `PolicyError` lists its problems). Every function that takes a policy reads it through here, so
 * that anything else is refused with a code rather than met with a TypeError half way.
 */
export function policyArgument(value: unknown): Policy {
  return isPolicy(value) ? value : definePolicy(value as PolicyDefinition);
}
