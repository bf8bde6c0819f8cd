import fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { policies } from '../../src/index.js';
import { parsePolicyText, pathSegments } from '../../studio/src/document.js';
import { checkPolicy, SHIPPED_POLICY_IDS } from '../../studio/src/library.js';
import { shippedPolicyText } from '../../studio/src/policyText.js';

describe("the studio's policy texts", () => {
  test.each(SHIPPED_POLICY_IDS)('%s in YAML and in JSON reads back as the shipped policy', (id) => {
    for (const format of ['yaml', 'json'] as const) {
      const text = shippedPolicyText(id, format);
      const data = format === 'yaml' ? parse(text) : JSON.parse(text);
      const { policy, findings } = checkPolicy(data);
      expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(policy).toEqual(policies[id]);
    }
  });

  test('the YAML is the policy file itself, comments and all', () => {
    for (const id of SHIPPED_POLICY_IDS) {
      expect(shippedPolicyText(id)).toBe(fs.readFileSync(new URL(`../../policies/${id}.yaml`, import.meta.url), 'utf8'));
    }
  });
});

describe('finding paths to lines', () => {
  const text = shippedPolicyText('suffolk');
  const lines = text.split('\n');
  const lineOf = (needle: string, from = 0) => text.slice(0, text.indexOf(needle, from)).split('\n').length;

  test('path segments', () => {
    expect(pathSegments('obligations[3].limit.value')).toEqual(['obligations', 3, 'limit', 'value']);
    expect(pathSegments('machine.states.stage-1.on.ESCALATE[0]')).toEqual([
      'machine',
      'states',
      'stage-1',
      'on',
      'ESCALATE',
      0,
    ]);
    expect(pathSegments('(root)')).toEqual([]);
  });

  test('a scalar is found at its own line and column', () => {
    const parsed = parsePolicyText(text, 'yaml');
    const cap = text.indexOf('- id: stage-5-cap');
    const place = parsed.locate('obligations[4].limit.value');
    expect(place.line).toBe(lineOf('value: 5', cap));
    expect(lines[place.line - 1]!.slice(place.column - 1)).toBe('5');
  });

  test('a collection is marked at its first line, a missing key at its parent', () => {
    const parsed = parsePolicyText(text, 'yaml');
    expect(parsed.locate('obligations[4]').line).toBe(lineOf('- id: stage-5-cap'));
    expect(parsed.locate('movement[0].quote').line).toBe(lineOf('quote: These stages are not fixed'));
    expect(parsed.locate('obligations[4].every').line).toBe(lineOf('- id: stage-5-cap'));
    expect(parsed.locate('(root)').line).toBe(1);
  });

  test('the same paths in JSON', () => {
    const json = shippedPolicyText('suffolk', 'json');
    const parsed = parsePolicyText(json, 'json');
    const at = json.indexOf('"id": "stage-5-cap"');
    const place = parsed.locate('obligations[4].limit.value');
    expect(json.split('\n')[place.line - 1]).toMatch(/"value": 5/);
    expect(json.indexOf('"value": 5', at)).toBeLessThan(place.from);
  });

  test('syntax errors come with their line', () => {
    const parsed = parsePolicyText('id: x\nstages: [\n', 'yaml');
    expect(parsed.data).toBeUndefined();
    expect(parsed.syntax[0]?.line).toBeGreaterThanOrEqual(2);
    const json = parsePolicyText('{\n  "id": "x",\n  oops\n}', 'json');
    expect(json.syntax[0]?.line).toBe(3);
  });
});
