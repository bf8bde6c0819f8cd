import fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { policies } from '../../src/index.js';
import { placeOf } from '../../studio/src/document.js';
import { checkPolicyText, SHIPPED_POLICY_IDS } from '../../studio/src/library.js';
import { shippedPolicyText } from '../../studio/src/policyText.js';

describe("the studio's policy texts", () => {
  test.each(SHIPPED_POLICY_IDS)('%s in YAML and in JSON reads back as the shipped policy', (id) => {
    for (const format of ['yaml', 'json'] as const) {
      const { policy, findings } = checkPolicyText(shippedPolicyText(id, format), format);
      expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(policy).toEqual(policies[id as keyof typeof policies]);
    }
  });

  test('the studio offers exactly the policies the package ships', () => {
    expect([...SHIPPED_POLICY_IDS].sort()).toEqual(Object.keys(policies).sort());
  });

  test('the YAML is the policy file itself, comments and all', () => {
    for (const id of SHIPPED_POLICY_IDS) {
      expect(shippedPolicyText(id)).toBe(
        fs.readFileSync(new URL(`../../policies/${id}.yaml`, import.meta.url), 'utf8'),
      );
    }
  });
});

// The library places each finding at its line and column; the studio only turns that into the range
// the editor marks. These check the two together on texts whose lines a reader can count.
describe("findings at their place: the library's line and column, the editor's range", () => {
  const suffolk = shippedPolicyText('suffolk');
  const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
  const marked = (text: string, finding: { line?: number; column?: number }) => {
    const place = placeOf(text, finding);
    return text.slice(place.from, place.to);
  };

  test('a misspelt value in YAML: the library finds its line, the editor marks the word', () => {
    const text = suffolk.replace('strength: maximum', 'strength: maximal');
    const { findings, policy } = checkPolicyText(text, 'yaml');
    expect(policy).toBeNull();
    const finding = findings.find((f) => f.code === 'INVALID_DEFINITION');
    expect(finding?.line).toBe(lineOf(text, 'strength: maximal'));
    expect(marked(text, finding!)).toBe('maximal');
    expect(placeOf(text, finding!).line).toBe(finding!.line);
  });

  test('the same in JSON marks the quoted value', () => {
    const json = shippedPolicyText('suffolk', 'json').replace('"strength": "maximum"', '"strength": "maximal"');
    const finding = checkPolicyText(json, 'json').findings.find((f) => f.code === 'INVALID_DEFINITION');
    expect(finding?.line).toBe(lineOf(json, '"strength": "maximal"'));
    expect(marked(json, finding!)).toBe('"maximal"');
  });

  test('a value inside a { } mapping is marked alone', () => {
    const text = suffolk.replace('limit: { value: 5, unit: working-days }', 'limit: { value: 5, unit: working-dayz }');
    const finding = checkPolicyText(text, 'yaml').findings.find((f) => f.severity === 'error');
    expect(finding?.line).toBe(lineOf(text, 'working-dayz'));
    expect(marked(text, finding!)).toBe('working-dayz');
  });

  test('syntax errors come from the library with their line', () => {
    const yaml = checkPolicyText('id: x\nstages: [\n', 'yaml');
    expect(yaml.data).toBeUndefined();
    expect(yaml.findings.map((f) => f.code)).toContain('SYNTAX_ERROR');
    expect(yaml.findings[0]!.line).toBeGreaterThanOrEqual(2);
    const json = checkPolicyText('{\n  "id": "x",\n  oops\n}', 'json');
    expect(json.findings[0]!.code).toBe('SYNTAX_ERROR');
    expect(json.findings[0]!.line).toBe(3);
    expect(marked('{\n  "id": "x",\n  oops\n}', json.findings[0]!)).toBe('oops');
  });

  test('a finding without a place, or past the end, marks something inside the text', () => {
    expect(placeOf('abc def', {})).toEqual({ from: 0, to: 3, line: 1, column: 1 });
    expect(placeOf('a\nb', { line: 9, column: 9 })).toEqual({ from: 3, to: 3, line: 2, column: 2 });
  });
});
