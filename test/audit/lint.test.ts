import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintPolicy, policies, type PolicyDefinition } from '../../src/index.js';
import { riverside, seftonShape } from '../fixtures/policies.js';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));
const codes = (input: unknown) => lintPolicy(input).map((f) => f.code);

describe('lintPolicy', () => {
  it('finds that Suffolk’s limits agree, and the contradiction of reading its cap from the raising, saying which stage loses time', () => {
    expect(lintPolicy(policies.suffolk).filter((f) => f.code === 'TIMESCALE_CONFLICT')).toEqual([]);
    const fromRaising = clone(policies.suffolk) as PolicyDefinition;
    fromRaising.obligations[4]!.anchor = { on: 'raised' };
    const [conflict, ...more] = lintPolicy(fromRaising).filter((f) => f.code === 'TIMESCALE_CONFLICT');
    expect(more).toEqual([]);
    expect(conflict).toMatchObject({ severity: 'warning', path: 'obligations[4]' });
    expect(conflict!.message).toContain('add up to 8');
    expect(conflict!.message).toContain('stage-4');
    expect(conflict!.source).toContain('5 working days from the day of Stage 1');
  });

  it('reports no error for the five policies', () => {
    for (const p of Object.values(policies)) expect(lintPolicy(p).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('notes the stages that have no timescale, as the texts give none', () => {
    expect(lintPolicy(policies.devon).filter((f) => f.code === 'STAGE_WITHOUT_TIMESCALE')).toHaveLength(5);
  });

  it('turns a definition that fails the schema into error findings, never throwing', () => {
    const findings = lintPolicy({ id: 'x', stages: 'none' });
    expect(findings.length).toBeGreaterThan(3);
    expect(findings.every((f) => f.severity === 'error' && f.code === 'INVALID_DEFINITION')).toBe(true);
    fc.assert(fc.property(fc.anything(), (x) => Array.isArray(lintPolicy(x))));
  });

  it('finds a movement rule that allows no move, saying why', () => {
    const def = clone(riverside) as PolicyDefinition;
    def.movement.push({
      id: 'next-only',
      kind: 'expedite',
      from: ['stage-2'],
      to: ['stage-3'],
      requires: 'imminent-risk',
      quote: 'managers may expedite to senior managers',
      citation: { ref: 'x' },
    });
    const [finding] = lintPolicy(def).filter((f) => f.code === 'UNUSED_MOVEMENT_RULE');
    expect(finding).toMatchObject({
      path: 'movement[2]',
      message: expect.stringContaining('the next stage is reached by ESCALATE'),
    });
  });

  it('places every finding at its line and column when given the text of a file', () => {
    const text = fs.readFileSync(new URL('../../policies/suffolk.yaml', import.meta.url), 'utf8');
    const findings = lintPolicy(text, { file: 'suffolk.yaml' });
    expect(findings.map((f) => f.code)).toEqual(lintPolicy(policies.suffolk).map((f) => f.code));
    const note = findings.find((f) => f.code === 'STAGE_WITHOUT_TIMESCALE')!;
    expect(text.split('\n')[note.line! - 1]).toContain(
      `- id: ${policies.suffolk.stages[Number(note.path.slice(7, -1))]!.id}`,
    );
  });

  it('finds a clock that waits for a record nobody is asked to make', () => {
    const def = clone(seftonShape) as PolicyDefinition;
    def.obligations = def.obligations.filter((o) => o.id !== 'stage-1-response');
    expect(lintPolicy(def)).toContainEqual(
      expect.objectContaining({ code: 'UNPRODUCED_RECORD_ANCHOR', path: 'obligations[0].anchor' }),
    );
  });

  it('finds rules that disagree about a skip, and a rule nothing uses', () => {
    const def = clone(riverside) as PolicyDefinition;
    def.movement.push({
      id: 'free-skip',
      kind: 'skip',
      from: ['stage-1'],
      to: ['stage-3'],
      requires: 'none',
      quote: 'stages may be skipped freely',
      citation: { ref: 'x' },
    });
    def.movement.push({
      id: 'start-at-one',
      kind: 'start',
      to: ['stage-1'],
      requires: 'none',
      quote: 'every escalation starts at stage 1',
      citation: { ref: 'x' },
    });
    expect(codes(def)).toEqual(expect.arrayContaining(['SKIP_RISK_DISAGREEMENT', 'UNUSED_MOVEMENT_RULE']));
  });

  it('asks for a quote where a timescale is cited only by section', () => {
    expect(lintPolicy(riverside)).toContainEqual(
      expect.objectContaining({ code: 'CITATION_WITHOUT_QUOTE', path: 'obligations[1].citation' }),
    );
  });
});
