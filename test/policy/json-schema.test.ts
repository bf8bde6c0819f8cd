import fs from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { policies, policyJsonSchema } from '../../src/index.js';
import { fixtures } from '../fixtures/policies.js';

// The JSON Schema is checked here by a standard validator (ajv), as an editor would use it, not by zod.
const schema = JSON.parse(
  fs.readFileSync(new URL('../../policies/policy.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const ajv = new Ajv2020.default({ allErrors: true, strict: false });
const validate = ajv.compile(schema);
const policyFile = (id: string) =>
  parse(fs.readFileSync(new URL(`../../policies/${id}.yaml`, import.meta.url), 'utf8')) as Record<string, unknown>;

describe('policies/policy.schema.json', () => {
  it.each(Object.keys(policies))('validates policies/%s.yaml', (id) => {
    expect(validate(policyFile(id)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('validates the fixture policies and the worked example', () => {
    for (const policy of Object.values(fixtures))
      expect(validate(JSON.parse(JSON.stringify(policy))), JSON.stringify(validate.errors)).toBe(true);
    const example = parse(fs.readFileSync(new URL('../../docs/examples/riverbank.yaml', import.meta.url), 'utf8'));
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
  });

  it('refuses an unknown key at any depth', () => {
    const top = { ...policyFile('suffolk'), divison: 'scotland' };
    expect(validate(top)).toBe(false);
    expect(validate.errors).toContainEqual(
      expect.objectContaining({ keyword: 'additionalProperties', params: { additionalProperty: 'divison' } }),
    );
    const deep = policyFile('suffolk') as { obligations: Record<string, unknown>[] };
    deep.obligations[7]!.survivesWithdrawl = true;
    expect(validate(deep)).toBe(false);
    expect(validate.errors).toContainEqual(
      expect.objectContaining({ instancePath: '/obligations/7', params: { additionalProperty: 'survivesWithdrawl' } }),
    );
  });

  it('refuses a wrong unit, listing the units', () => {
    const wrong = policyFile('suffolk') as { obligations: { limit: Record<string, unknown> }[] };
    wrong.obligations[0]!.limit.unit = 'working-day';
    expect(validate(wrong)).toBe(false);
  });

  it('closes every object and describes every field, for an editor’s hover text', () => {
    const open: string[] = [];
    const undescribed: string[] = [];
    const walk = (node: unknown, where: string) => {
      if (!node || typeof node !== 'object') return;
      if (Array.isArray(node)) return node.forEach((item, index) => walk(item, `${where}[${index}]`));
      const record = node as Record<string, unknown>;
      if (record.type === 'object' && record.additionalProperties !== false) open.push(where);
      for (const [key, value] of Object.entries((record.properties as Record<string, Record<string, unknown>>) ?? {})) {
        if (!value.description && !value.$ref) undescribed.push(`${where}.${key}`);
      }
      for (const [key, value] of Object.entries(record)) walk(value, `${where}/${key}`);
    };
    walk(schema, '#');
    expect(open).toEqual([]);
    expect(undescribed).toEqual([]);
    expect(schema.$id).toMatch(/^https:\/\/.+\/policy\.schema\.json$/);
  });

  it('lists one policy’s stage and form ids for completion, when given the policy', () => {
    const own = policyJsonSchema({ policy: policies['derby-derbyshire'] });
    expect(own.$defs.StageRef!.enum).toEqual(['stage-1', 'stage-2', 'stage-3', 'stage-4']);
    expect(own.$defs.FormRef!.enum).toEqual(['escalation-template']);
    const narrow = new Ajv2020.default({ strict: false }).compile(own);
    const file = policyFile('derby-derbyshire') as { obligations: { anchor: Record<string, unknown> }[] };
    expect(narrow(file)).toBe(true);
    file.obligations[0]!.anchor.stages = ['stage-5'];
    expect(narrow(file)).toBe(false);
  });
});
