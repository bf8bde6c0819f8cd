// The definitions version 0.1.0 shipped, as the package keeps them (policies/previous/*.yaml), and what
// it exports for them: `previousPolicies`, the registry `shippedPolicies` and the plans `upgradePlans`.
import fs from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  diffPolicies,
  lintPolicy,
  policies,
  policyMachineConfig,
  policyMoves,
  previousPolicies,
  shippedPolicies,
  startEscalation,
  upgradePlans,
  type PolicyId,
} from '../../src/index.js';

const IDS = Object.keys(policies) as PolicyId[];

/** The versions 0.1.0 shipped (`git show 4a5ef7b:policies/<id>.ts`). */
const VERSIONS_0_1: Record<PolicyId, string> = {
  suffolk: '8',
  barnsley: 'V4',
  'derby-derbyshire': '1',
  somerset: 'March 2013 review',
  devon: 'web page (undated)',
};

describe('previousPolicies', () => {
  it.each(IDS)('%s is the definition 0.1.0 shipped: its version, and a valid policy in the current schema', (id) => {
    expect(previousPolicies[id]).toMatchObject({ id, version: VERSIONS_0_1[id] });
    expect(policies[id].version).toBe(`${VERSIONS_0_1[id]} r2`);
    expect(previousPolicies[id]).toBe(previousPolicies[id]); // checked once, then kept
    // Its machine: exactly the moves 0.1's hand-written machine allowed (test/fixtures/machines-0.1.json).
    const before = JSON.parse(
      fs.readFileSync(new URL('../fixtures/machines-0.1.json', import.meta.url), 'utf8'),
    ) as Record<string, string[]>;
    const derived = policyMoves(previousPolicies[id]).map((m) =>
      `${m.from} ${m.event} ${m.to} ${m.rule?.id ?? ''}`.trim(),
    );
    expect(derived.sort()).toEqual([...before[id]!].sort());
  });

  it('hands off as 0.1 did, but on entering Derby and Derbyshire’s Stage 4 however it is reached (its interpretations say so)', () => {
    const handOffs = IDS.flatMap((id) =>
      Object.entries(policyMachineConfig(previousPolicies[id]).states).flatMap(([state, s]) =>
        (s.entry ?? []).map((a) => `${id} ${state} ${a.params.route}`),
      ),
    );
    expect(handOffs).toEqual(['derby-derbyshire stage-4 partnership-themes']);
  });

  it.each(IDS)('%s lints without an error, and says in its interpretations where it cannot be exactly 0.1', (id) => {
    expect(lintPolicy(JSON.parse(JSON.stringify(previousPolicies[id]))).filter((f) => f.severity === 'error')).toEqual(
      [],
    );
    const notExactly = (previousPolicies[id].interpretations ?? []).filter(
      (i) => i.reading.includes('Not exactly 0.1') || i.reading.includes('not exactly 0.1'),
    );
    // Recipients everywhere; `orBefore` in Suffolk and Derby and Derbyshire; Suffolk's Stage 1; Derby and Derbyshire's hand-off.
    const expected = { suffolk: 3, barnsley: 1, 'derby-derbyshire': 3, somerset: 1, devon: 1 }[id];
    expect(notExactly).toHaveLength(expected);
  });

  it('are files an editor checks with the JSON Schema, as the current ones are', () => {
    const schema = JSON.parse(
      fs.readFileSync(new URL('../../policies/policy.schema.json', import.meta.url), 'utf8'),
    ) as Record<string, unknown>;
    const validate = new Ajv2020.default({ allErrors: true, strict: false }).compile(schema);
    const folder = new URL('../../policies/previous/', import.meta.url);
    const files = fs.readdirSync(folder).filter((name) => name.endsWith('.yaml'));
    expect(files).toHaveLength(IDS.length);
    for (const name of files)
      expect(
        validate(parse(fs.readFileSync(new URL(name, folder), 'utf8'))),
        `${name}: ${JSON.stringify(validate.errors)}`,
      ).toBe(true);
  });

  it('a case started under a previous definition names its 0.1 version (new cases start under policies)', () => {
    const e = startEscalation(previousPolicies.suffolk, { id: 'OLD-1', raisedAt: '2025-04-03T09:00:00Z' });
    expect(e.policy).toEqual({ id: 'suffolk', version: '8' });
  });
});

describe('shippedPolicies', () => {
  it('has every version the package shipped, current and 0.1, and nothing else', () => {
    for (const id of IDS) {
      expect(shippedPolicies.get(id, policies[id].version)).toBe(policies[id]);
      expect(shippedPolicies.get(id, VERSIONS_0_1[id])).toBe(previousPolicies[id]);
      expect(shippedPolicies.get(id, '9')).toBeUndefined();
    }
    expect(shippedPolicies.get('riverside', '1')).toBeUndefined();
    expect(shippedPolicies.get('toString', '1')).toBeUndefined();
    expect(shippedPolicies.policies.map((p) => `${p.id} ${p.version}`).sort()).toEqual(
      IDS.flatMap((id) => [`${id} ${VERSIONS_0_1[id]}`, `${id} ${VERSIONS_0_1[id]} r2`]).sort(),
    );
  });
});

describe('upgradePlans', () => {
  // Each plan is worked out from diffPolicies(previous, current): it must answer every change of a
  // duty that a running case could hold.
  it.each(IDS)('%s answers every duty the revision removes, adds or changes the kind of', (id) => {
    const diff = diffPolicies(previousPolicies[id], policies[id]);
    const plan = upgradePlans[id];
    const duties = diff.changes.filter((c) => c.rule && c.area === 'obligation');
    for (const change of duties.filter((c) => c.kind === 'removed'))
      expect(plan.duties?.[change.id], change.summary).toBeDefined();
    for (const change of duties.filter((c) => c.kind === 'added'))
      expect(plan.start?.[change.id], change.summary).toBe('anchor');
    for (const change of duties.filter((c) => c.kind === 'changed' && c.field === 'kind')) {
      expect(plan.duties?.[change.id], change.summary).toMatchObject({ end: expect.any(String) });
      expect(plan.start?.[change.id], change.summary).toBe('anchor');
    }
    // A deadline rule for every running deadline.
    expect(plan.deadlines).toBe('keep-date');
  });
});
