// docs/authoring.md, checked against the library: its worked example loads and lints clean, the
// scenario it works by hand gives the dates it states, every lint finding is explained, the messages
// it quotes are the ones lint gives, and its YAML snippets are YAML.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { timelineOf } from '../../src/cli/runtime.js';
import { POLICY_SCHEMA_ID } from '../../src/policy/jsonSchema.js';
import { POLICY_KEYS } from '../../src/policy/schema.js';
import { lintPolicy, loadPolicy, renderStateDiagramSvg } from '../../src/index.js';

const file = (name: string) => fs.readFileSync(new URL(`../../${name}`, import.meta.url), 'utf8');
const guide = file('docs/authoring.md');
const exampleText = file('docs/examples/riverbank.yaml');
const example = loadPolicy(exampleText, { file: 'riverbank.yaml' });
/** The guide's words with line breaks as spaces, as a reader sees them. */
const prose = guide.replace(/\s+/g, ' ');
const section = (heading: string) => guide.split(`\n## ${heading}\n`)[1]!.split('\n## ')[0]!;

describe('the worked example of docs/authoring.md', () => {
  it('loads, and lints with no error or warning: only the note the guide mentions', () => {
    const findings = lintPolicy(exampleText, { file: 'riverbank.yaml' });
    expect(findings.map((f) => `${f.severity} ${f.code} ${f.path}`)).toEqual([
      'info STAGE_WITHOUT_TIMESCALE stages[2]',
    ]);
    expect(section('A worked example: Riverbank')).toContain('Stage 3 has no timescale of its own');
  });

  it('has each part the guide describes', () => {
    for (const key of POLICY_KEYS) expect(exampleText, key).toMatch(new RegExp(`^${key}:`, 'm'));
    expect(example.obligations).toHaveLength(7);
    expect(example.obligations.some((o) => o.survivesWithdrawal)).toBe(true);
    expect(example.obligations.some((o) => o.imminentRisk)).toBe(true);
    expect(example.routes?.some((r) => r.handOff)).toBe(true);
  });

  it('gives the dates the guide works by hand for a concern raised on Thursday 17 April 2025', () => {
    const worked = section('A worked example: Riverbank');
    const rows = [...worked.matchAll(/^\| ([^|]+) \| (\d{4}-\d{2}-\d{2}) \| [^|]+ \|$/gm)].map((m) => [m[1]!, m[2]!]);
    expect(rows).toHaveLength(6);
    // `--raised 2025-04-17` means 09:00 London time (BST) that day.
    const view = timelineOf(example, '2025-04-17T08:00:00Z');
    expect(view.deadlines.map((d) => [d.label, d.dueDate])).toEqual(rows);
    expect(view.stages.map((s) => s.reachedOn)).toEqual(['2025-04-17', '2025-04-23', '2025-04-30']);
    expect(worked).toMatch(
      /reached by 17, 23 and 30 April at the latest, and the whole difference must be\s+resolved by Tuesday 6 May/,
    );
  });

  it('and a week later, as the guide says, the 10 working days end on Friday 9 May', () => {
    const later = timelineOf(example, '2025-04-24T08:00:00Z');
    expect(later.deadlines.find((d) => d.obligation.startsWith('whole-process'))!.dueDate).toBe('2025-05-09');
    expect(prose).toContain('on Thursday 24 April, the same 10 working days would end on Friday 9 May');
  });

  it('is drawn in docs/examples/riverbank.svg as `npm run generate` draws it today', () => {
    expect(file('docs/examples/riverbank.svg')).toBe(renderStateDiagramSvg(example));
    expect(guide).toContain('](examples/riverbank.svg)');
  });
});

describe('docs/authoring.md', () => {
  it('explains every finding lint can report', () => {
    const source = file('src/lint/lintPolicy.ts');
    const codes = new Set([...source.matchAll(/code: '([A-Z_]+)'/g)].map((m) => m[1]!));
    expect(codes.size).toBeGreaterThan(8);
    const table = section('Check it: lint');
    const explained = [...table.matchAll(/^\| `([A-Z_]+)` \| (error|warning|note) \|/gm)].map((m) => m[1]!);
    expect(new Set(explained)).toEqual(codes);
  });

  it('quotes the messages lint gives for the YAML mistakes it lists', () => {
    const say = (fixture: string) =>
      lintPolicy(file(`test/fixtures/broken-policies/${fixture}`), { file: fixture }).find(
        (f) => f.severity === 'error',
      )!.message;
    expect(prose).toContain(say('comma-in-flow.yaml'));
    expect(prose).toContain(say('version-number.yaml'));
    expect(prose).toContain(say('tab-indent.yaml'));
    expect(prose).toContain(say('misspelt-key.yaml').split(' (allowed here')[0]);
    expect(prose).toContain(say('wrong-unit.yaml').replace(/^.*?(not "working-day")/, '$1'));
  });

  it('shows YAML that is YAML, and the wrong examples it marks wrong are refused as it says', () => {
    const blocks = [...guide.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThan(10);
    for (const block of blocks) expect(parseDocument(block).errors, block).toEqual([]);
    const wrong = blocks.filter((block) => block.startsWith('# wrong'));
    expect(wrong).toHaveLength(2);
    expect(parseDocument(wrong[0]!).toJS().citation).toHaveProperty(['their managers meet.']);
    expect(typeof parseDocument(wrong[1]!).toJS().version).toBe('number');
  });

  it('names the published schema as it is published, and both schema lines init can write', () => {
    expect(guide).toContain(`# yaml-language-server: $schema=${POLICY_SCHEMA_ID}`);
    expect(guide).toContain(
      '# yaml-language-server: $schema=./node_modules/safeguarding-escalation/policies/policy.schema.json',
    );
  });

  it('describes each part of a policy file and each field of an obligation', () => {
    const parts = section('The parts of a policy file');
    for (const key of POLICY_KEYS) expect(parts, key).toContain(`\`${key}\``);
    for (const field of [
      'kind',
      'label',
      'who',
      'to',
      'anchor',
      'meet',
      'limit',
      'strength',
      'every',
      'imminentRisk',
      'survivesWithdrawal',
      'citation',
    ])
      expect(parts, field).toContain(`\`${field}\``);
    for (const field of ['document', 'publisher', 'version', 'issued', 'reviewDue', 'date', 'url', 'notes'])
      expect(parts).toMatch(new RegExp(`^  ${field}: `, 'm'));
  });

  it('leaves room for comparing versions', () => {
    expect(guide).toMatch(/\n## Comparing versions\n/);
  });
});
