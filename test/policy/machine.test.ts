import { createActor } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { describe, expect, it } from 'vitest';
import { createPolicyMachine } from '../../src/index.js';
import { riverside } from '../fixtures/policies.js';

describe('createPolicyMachine', () => {
  const machine = createPolicyMachine(riverside);

  it('is a real XState machine that runs in an actor', () => {
    const actor = createActor(machine).start();
    actor.send({ type: 'START' });
    expect(actor.getSnapshot().value).toBe('stage-1');
    actor.send({ type: 'EXPEDITE', to: 'stage-3' });
    expect(actor.getSnapshot().value).toBe('stage-1'); // no imminent risk given
    actor.send({ type: 'EXPEDITE', to: 'stage-3', reason: 'imminent-risk' });
    expect(actor.getSnapshot().value).toBe('stage-3');
    actor.send({ type: 'RESOLVE' });
    expect(actor.getSnapshot().status).toBe('done');
    actor.stop();
  });

  it('works with the xstate/graph path utilities', () => {
    const events = [
      { type: 'START' as const },
      { type: 'START' as const, to: 'stage-2', reason: 'immediate-harm' },
      { type: 'ESCALATE' as const },
      { type: 'EXPEDITE' as const, to: 'stage-3', reason: 'imminent-risk' },
      { type: 'RESOLVE' as const },
      { type: 'WITHDRAW' as const },
    ];
    const shortest = getShortestPaths(machine, { events });
    const reached = new Set(shortest.map((p) => String(p.state.value)));
    expect([...reached].sort()).toEqual(['raised', 'resolved', 'stage-1', 'stage-2', 'stage-3', 'withdrawn']);
    const toStage3 = shortest.find((p) => p.state.value === 'stage-3')!;
    expect(toStage3.steps.length).toBe(3); // raised → START → stage-1 → EXPEDITE → stage-3 (or via stage-2)
    expect(getSimplePaths(machine, { events }).length).toBeGreaterThan(shortest.length);
  });

  it('exports a JSON configuration for Stately’s visualiser, with behaviour by name only', () => {
    const config = JSON.parse(JSON.stringify(machine.config));
    expect(config.id).toBe('riverside');
    expect(config.states['stage-1'].on.EXPEDITE[0].guard).toEqual({ type: 'movementAllowed', params: { rule: 'expedite-imminent', to: 'stage-3' } });
    expect(machine.config).toMatchObject(JSON.parse(JSON.stringify(riverside.machine)));
  });

  it('is compiled once per policy', () => {
    expect(createPolicyMachine(riverside)).toBe(machine);
  });
});
