// Where a policy comes from: a built-in policy id or a file, read by the loader for its kind.
import fs from 'node:fs';
import path from 'node:path';
import { loadPolicy } from '../authoring/loadPolicy.js';
import { policies } from '../policies/index.js';
import { shippedPolicies } from '../policies/previous.js';
import type { Policy } from '../policy/define.js';
import { didYouMean } from './arguments.js';
import { UsageError } from './exitCodes.js';
import { policyFileLoaders, type PolicyInput } from './policyFiles/index.js';

/** The built-in policy ids. */
export const builtInIds = Object.keys(policies) as (keyof typeof policies)[];

/** The built-in policy with this id, if there is one. */
export function builtInPolicy(id: string): Policy | undefined {
  return Object.hasOwn(policies, id) ? policies[id as keyof typeof policies] : undefined;
}

/** The version of a built-in policy that an escalation names, where the package shipped it (0.1's too). */
export function shippedPolicy(id: string, version: string): Policy | undefined {
  return shippedPolicies.get(id, version);
}

/** The built-in policies. */
export function builtInPolicies(): Policy[] {
  return Object.values(policies);
}

/** What a policy argument may be, for the help texts. */
export const POLICY_ARGUMENT_HELP = `a built-in policy id (${builtInIds.join(', ')}) or a file: ${policyFileLoaders
  .map((l) => `${l.extensions.join('/')} (${l.describe})`)
  .join(', ')}`;

/**
 * Reads a policy argument, unvalidated: a built-in policy, or what a file holds with the options that
 * place its problems. Throws a `UsageError` when it is neither a built-in id nor an existing file of a
 * known kind.
 */
export async function readPolicyInput(target: string): Promise<PolicyInput> {
  const builtIn = builtInPolicy(target);
  if (builtIn) return { input: builtIn, options: {} };
  const file = path.resolve(target);
  if (!fs.existsSync(file)) {
    const looksLikeFile = /[./\\]/.test(target);
    throw new UsageError(
      looksLikeFile
        ? `No such file: ${target}`
        : `'${target}' is neither a built-in policy id nor a file${didYouMean(target, builtInIds)}. Built-in ids: ${builtInIds.join(', ')}`,
    );
  }
  if (fs.statSync(file).isDirectory())
    throw new UsageError(`${target} is a folder: give a policy file or a built-in policy id`);
  const extension = path.extname(file).toLowerCase();
  const loader = policyFileLoaders.find((l) => l.extensions.includes(extension));
  if (!loader) {
    throw new UsageError(
      `Cannot read ${target}: a policy file is ${policyFileLoaders.map((l) => `${l.describe} (${l.extensions.join(', ')})`).join(', or ')}`,
    );
  }
  return loader.load(file, target);
}

/** Reads and validates a policy argument. Throws a `PolicyError` listing every problem, placed by line and column in a file. */
export async function readPolicy(target: string): Promise<Policy> {
  const { input, options } = await readPolicyInput(target);
  return loadPolicy(input, options);
}
