import { describe, expect, it } from 'vitest';
import { ACTION_PARAMS, DELAY_NAMES, GUARD_PARAMS } from '../../src/policy/behaviours.js';
import { IMPLEMENTED } from '../../src/machine/createPolicyMachine.js';
import { definePolicy, loadPolicy, PolicyError, type PolicyDefinition } from '../../src/index.js';
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

  it('lists every schema problem by its path, not just the first', () => {
    const def = clone() as unknown as Record<string, unknown>;
    delete def.title;
    (def.stages as Record<string, unknown>[])[1]!.number = 'two';
    (def.obligations as Record<string, unknown>[])[0]!.strength = 'strict';
    const found = problems(def).map((p) => p.path);
    expect(found).toEqual(expect.arrayContaining(['title', 'stages[1].number', 'obligations[0].strength']));
  });

  it('refuses unknown guard and action names, and bad params, which XState would not check', () => {
    const def = clone();
    const s1 = def.machine.states['stage-1']!;
    (s1.on!.EXPEDITE as { guard: { type: string } }[])[0]!.guard.type = 'riskIsImminnent';
    s1.entry = [{ type: 'sendEmail' }, { type: 'note', params: { txt: 'x' } }];
    const found = problems(def);
    expect(found).toContainEqual(expect.objectContaining({ path: 'machine.states.stage-1.on.EXPEDITE[0].guard.type', message: expect.stringContaining("unknown guard 'riskIsImminnent'") }));
    expect(found).toContainEqual(expect.objectContaining({ path: 'machine.states.stage-1.entry[0].type', message: expect.stringContaining("unknown action 'sendEmail'") }));
    expect(found.some((p) => p.path.startsWith('machine.states.stage-1.entry[1].params'))).toBe(true);
  });

  it('refuses delays: timescales belong in obligations, where the escalation owns its timers', () => {
    const def = clone() as unknown as { machine: { states: Record<string, Record<string, unknown>> } };
    def.machine.states['stage-1']!.after = { stageDeadline: 'stage-2' };
    expect(problems(def).some((p) => p.path === 'machine.states.stage-1' && /after/.test(p.message))).toBe(true);
  });

  it('checks references between the parts', () => {
    const def = clone();
    def.obligations[0]!.anchor = { on: 'stage-entered', stages: ['stage-7'] };
    def.obligations[3]!.meet = { by: 'record', kind: 'form', form: 'no-such-form' };
    (def.machine.states['stage-2']!.on!.EXPEDITE as unknown as { guard: { params: { rule: string } } }[])[0]!.guard.params.rule = 'no-such-rule';
    def.machine.states['stage-2']!.on!.ESCALATE = 'stage-1';
    delete def.machine.states['stage-3']!.on!.RESOLVE;
    const found = problems(def).map((p) => `${p.path}: ${p.message}`);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^obligations\[0\]\.anchor\.stages\[0\]: unknown stage 'stage-7'/),
        expect.stringMatching(/^obligations\[3\]\.meet\.form: unknown form 'no-such-form'/),
        expect.stringMatching(/guard\.params\.rule: unknown movement rule 'no-such-rule'/),
        expect.stringMatching(/^machine\.states\.stage-2\.on\.ESCALATE\.target: ESCALATE must move to a later stage/),
        expect.stringMatching(/^machine\.states\.stage-3\.on\.RESOLVE: every stage must allow RESOLVE/),
      ]),
    );
  });

  it('insists on stage ids that match their numbers, and an EXPEDITE guarded by a movement rule', () => {
    const wrongId = clone();
    wrongId.stages[2]!.id = 'stage-4' as never;
    expect(problems(wrongId).map((p) => p.path)).toContain('stages[2].id');
    const unguarded = clone();
    (unguarded.machine.states['stage-1']!.on!.EXPEDITE as { guard?: unknown }[])[0]!.guard = undefined;
    expect(problems(unguarded).map((p) => p.path)).toContain('machine.states.stage-1.on.EXPEDITE[0].guard');
  });

  it('refuses a fractional number of days, which has no date', () => {
    const def = clone();
    def.obligations[0]!.limit = { value: 1.5, unit: 'working-days' };
    expect(problems(def)).toContainEqual({ path: 'obligations[0].limit.value', message: expect.stringContaining('not a whole number') });
    def.obligations[0]!.limit = { value: 1.5, unit: 'hours' };
    expect(() => definePolicy(def)).not.toThrow();
  });

  it('implements exactly the names the schema allows', () => {
    expect(IMPLEMENTED.guards.sort()).toEqual(Object.keys(GUARD_PARAMS).sort());
    expect(IMPLEMENTED.actions.sort()).toEqual(Object.keys(ACTION_PARAMS).sort());
    expect(IMPLEMENTED.delays).toEqual([...DELAY_NAMES]);
    expect(DELAY_NAMES).toEqual([]); // timers are the escalation's own, never XState delays
  });

  it('loadPolicy refuses text that is not JSON', () => {
    expect(problems('{"id":')).toBeDefined();
    expect(() => loadPolicy('{"id":')).toThrow(PolicyError);
  });
});
