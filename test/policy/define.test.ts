import { describe, expect, it } from 'vitest';
import { definePolicy, loadPolicy, PolicyError, policySchema, type PolicyDefinition } from '../../src/index.js';
import * as z from 'zod/mini';
import { riverside } from '../fixtures/policies.js';

const clone = (): PolicyDefinition => JSON.parse(JSON.stringify(riverside));

function problems(def: unknown): { path: string; message: string }[] {
  try {
    definePolicy(def as PolicyDefinition);
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyError);
    return [...(e as PolicyError).problems];
  }
  throw new Error('expected a PolicyError');
}

describe('definePolicy', () => {
  it('returns a deeply frozen policy that survives a JSON round trip', () => {
    expect(Object.isFrozen(riverside)).toBe(true);
    expect(Object.isFrozen(riverside.stages[0]!.participants)).toBe(true);
    expect(loadPolicy(JSON.stringify(riverside))).toEqual(riverside);
  });

  it('accepts a structurally equal copy of a policy as the policy itself', () => {
    expect(definePolicy(clone())).toEqual(riverside);
  });

  it('lists every schema problem by its path, not just the first', () => {
    const def = clone() as unknown as Record<string, unknown>;
    delete def.title;
    (def.stages as Record<string, unknown>[])[1]!.number = 'two';
    (def.obligations as Record<string, unknown>[])[0]!.strength = 'strict';
    const found = problems(def).map((p) => p.path);
    expect(found).toEqual(expect.arrayContaining(['title', 'stages[1].number', 'obligations[0].strength']));
  });

  it('refuses an unknown key anywhere, pointing at the key and naming the one meant', () => {
    const def = clone() as unknown as { obligations: Record<string, unknown>[]; divison?: string };
    def.obligations[3]!.survivesWithdrawl = true;
    def.divison = 'scotland';
    expect(problems(def)).toEqual(
      expect.arrayContaining([
        {
          path: 'obligations[3].survivesWithdrawl',
          message: expect.stringContaining('did you mean "survivesWithdrawal"?'),
        },
        { path: 'divison', message: expect.stringContaining('did you mean "division"?') },
      ]),
    );
  });

  it('says which values are allowed when a value is wrong, with the closest one', () => {
    const def = clone() as unknown as {
      obligations: { limit: Record<string, unknown>; anchor: Record<string, unknown> }[];
    };
    def.obligations[0]!.limit.unit = 'workingdays';
    def.obligations[1]!.anchor.on = 'stage-entred';
    const found = problems(def);
    expect(found).toContainEqual({
      path: 'obligations[0].limit.unit',
      message: expect.stringMatching(/expected one of .*"working-days".*did you mean "working-days"\?/),
    });
    expect(found).toContainEqual({
      path: 'obligations[1].anchor.on',
      message: expect.stringMatching(/one of "raised", "stage-entered".*did you mean "stage-entered"\?/),
    });
  });

  it('refuses a machine block: the machine is derived from the stages and movement rules', () => {
    const def = { ...clone(), machine: { initial: 'raised', states: {} } };
    expect(problems(def)).toContainEqual({
      path: 'machine',
      message: expect.stringContaining('unknown key "machine"'),
    });
  });

  it('checks references between the parts', () => {
    const def = clone();
    def.obligations[0]!.anchor = { on: 'stage-entered', stages: ['stage-7'] };
    def.obligations[3]!.meet = { by: 'record', kind: 'form', form: 'no-such-form' };
    def.movement[0]!.to = ['stage-9'];
    const found = problems(def).map((p) => `${p.path}: ${p.message}`);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^obligations\[0\]\.anchor\.stages\[0\]: unknown stage 'stage-7'/),
        expect.stringMatching(
          /^obligations\[3\]\.meet\.form: unknown form 'no-such-form' \(this policy's forms: escalation-template\)/,
        ),
        expect.stringMatching(/^movement\[0\]\.to\[0\]: unknown stage 'stage-9'/),
      ]),
    );
  });

  it('policySchema refuses exactly what definePolicy refuses, cross-references included', () => {
    const def = clone();
    def.obligations[0]!.anchor = { on: 'stage-entered', stages: ['stage-7'] };
    expect(z.safeParse(policySchema, def).success).toBe(false);
    expect(z.safeParse(policySchema, clone()).success).toBe(true);
  });

  it('insists on stage ids that match their numbers, listed in order', () => {
    const wrongId = clone();
    wrongId.stages[2]!.id = 'stage-4';
    expect(problems(wrongId).map((p) => p.path)).toContain('stages[2].id');
    const order = clone();
    order.stages = [order.stages[1]!, order.stages[0]!, order.stages[2]!];
    expect(problems(order).map((p) => p.path)).toContain('stages[1].number');
  });

  it('refuses a fractional number of days, which has no date', () => {
    const def = clone();
    def.obligations[0]!.limit = { value: 1.5, unit: 'working-days' };
    expect(problems(def)).toContainEqual({
      path: 'obligations[0].limit.value',
      message: expect.stringContaining('not a whole number'),
    });
    def.obligations[0]!.limit = { value: 1.5, unit: 'hours' };
    expect(() => definePolicy(def)).not.toThrow();
  });

  it('refuses a hand-off to a stage the policy does not have', () => {
    const def = clone();
    def.routes = [
      {
        id: 'board',
        title: 'Board',
        kind: 'hand-off',
        summary: 'To the board',
        handOff: { onEntering: ['stage-8'], to: 'the board' },
        citation: { ref: 'x' },
      },
    ];
    expect(problems(def)).toContainEqual({
      path: 'routes[0].handOff.onEntering[0]',
      message: expect.stringContaining("unknown stage 'stage-8'"),
    });
  });

  it('loadPolicy refuses text that is not a policy file, saying where', () => {
    expect(() => loadPolicy('{"id":')).toThrow(PolicyError);
    try {
      loadPolicy('{"id":', { file: 'broken.json' });
    } catch (e) {
      expect((e as PolicyError).problems[0]).toMatchObject({ line: 1, column: 7 });
      expect((e as Error).message).toContain('broken.json:1:7');
    }
  });
});
