import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a build script in plain JavaScript, without declarations
import * as compilePolicies from '../../scripts/compile-policies.mjs';
import { definePolicy, isPolicy, policies, previousPolicies } from '../../src/index.js';

const {
  MODULE_DIR,
  POLICY_DIR,
  policyFileIds,
  PREVIOUS_MODULE_DIR,
  PREVIOUS_POLICY_DIR,
  previousPolicyFiles,
  renderPolicyModule,
  renderPreviousPolicyModule,
  renderStudioTexts,
  STUDIO_TEXTS,
} = compilePolicies;

describe('the policy files', () => {
  it('are the five shipped policies, as YAML data: no policy file contains code', () => {
    expect(policyFileIds()).toEqual(Object.keys(policies).sort());
    const other = fs
      .readdirSync(POLICY_DIR)
      .filter(
        (name: string) =>
          !name.endsWith('.yaml') && name !== 'policy.schema.json' && name !== 'README.md' && name !== 'previous',
      );
    expect(other).toEqual([]);
  });

  it('keep, in policies/previous/, the definitions 0.1.0 shipped, one per policy, as YAML data named by id and version', () => {
    const slug = (version: string) =>
      version
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '');
    expect(previousPolicyFiles()).toEqual(
      Object.values(previousPolicies)
        .map((p) => `${p.id}-${slug(p.version)}`)
        .sort(),
    );
    expect(fs.readdirSync(PREVIOUS_POLICY_DIR).filter((name: string) => !name.endsWith('.yaml'))).toEqual([]);
    for (const name of previousPolicyFiles()) {
      expect(fs.readFileSync(`${PREVIOUS_POLICY_DIR}${name}.yaml`, 'utf8').split('\n')[0]).toBe(
        '# yaml-language-server: $schema=../policy.schema.json',
      );
    }
  });

  it('src/policies/previous/*.generated.ts are what `npm run generate` makes from policies/previous/ today', () => {
    // When this fails, run `npm run generate` and review the diff.
    const modules = fs.readdirSync(PREVIOUS_MODULE_DIR).filter((name: string) => name.endsWith('.generated.ts'));
    expect(modules).toEqual(previousPolicyFiles().map((name: string) => `${name}.generated.ts`));
    for (const name of previousPolicyFiles())
      expect(fs.readFileSync(`${PREVIOUS_MODULE_DIR}${name}.generated.ts`, 'utf8')).toBe(
        renderPreviousPolicyModule(name),
      );
  });

  it.each(Object.keys(policies))('policies/%s.yaml names the JSON Schema on its first line, for editors', (id) => {
    expect(fs.readFileSync(`${POLICY_DIR}${id}.yaml`, 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=./policy.schema.json',
    );
  });

  it.each(Object.keys(policies))(
    'src/policies/%s.generated.ts is what `npm run generate` makes from the YAML today',
    (id) => {
      // When this fails, run `npm run generate` and review the diff.
      expect(fs.readFileSync(`${MODULE_DIR}${id}.generated.ts`, 'utf8')).toBe(renderPolicyModule(id));
    },
  );

  // The shipped policies are taken as checked at run time, not checked again (shippedPolicy): that is
  // sound only while each module is exactly what the check gives back for it, keys in the same order.
  it('each shipped policy module is what definePolicy gives back for it, so it can be taken as checked', async () => {
    const modules = [
      ...policyFileIds().map((id: string) => `${MODULE_DIR}${id}.generated.ts`),
      ...previousPolicyFiles().map((name: string) => `${PREVIOUS_MODULE_DIR}${name}.generated.ts`),
    ];
    for (const path of modules) {
      const data = ((await import(path)) as { default: unknown }).default;
      const copy = JSON.parse(JSON.stringify(data)) as Parameters<typeof definePolicy>[0];
      expect(JSON.stringify(definePolicy(copy)), path).toBe(JSON.stringify(data));
    }
    for (const policy of [...Object.values(policies), ...Object.values(previousPolicies)]) {
      expect(isPolicy(policy)).toBe(true);
      expect(Object.isFrozen(policy.stages[0]!.citation)).toBe(true);
    }
  });

  it('the studio’s copy of the files is what `npm run generate` makes today', () => {
    expect(fs.readFileSync(STUDIO_TEXTS, 'utf8')).toBe(renderStudioTexts());
  });
});
