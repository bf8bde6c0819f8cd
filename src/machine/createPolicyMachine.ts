import { setup } from 'xstate';
import type { ACTION_PARAMS, GUARD_PARAMS } from '../policy/behaviours.js';
import type { Policy } from '../policy/define.js';
import type { MovementRule, Risk } from '../policy/schema.js';

/** The events the compiled machine takes: movement only. Records and the rest never change state. */
export interface MachineEvent {
  type: 'START' | 'ESCALATE' | 'EXPEDITE' | 'RESOLVE' | 'WITHDRAW';
  /** The stage asked for (START, EXPEDITE). */
  to?: string;
  /** The risk given for the move, such as 'imminent-risk'. */
  reason?: string;
}

/** Whether the reason given meets the risk a rule requires. `imminent-risk` meets every rule. */
export function riskSatisfied(requires: Risk, reason: string | undefined): boolean {
  return requires === 'none' || reason === 'imminent-risk' || reason === requires;
}

// The implementations behind the names a policy's machine may use (src/policy/behaviours.ts lists
// them with their params). Actions do nothing inside XState: the escalation engine reads the actions
// that the pure `transition` returns and writes them into the history.
function implementations(rules: ReadonlyMap<string, MovementRule>) {
  const guards = {
    movementAllowed: ({ event }: { event: MachineEvent }, params: { rule: string; to: string }) => {
      const rule = rules.get(params.rule);
      return rule !== undefined && event.to === params.to && riskSatisfied(rule.requires, event.reason);
    },
    riskIs: ({ event }: { event: MachineEvent }, params: { risk: Risk }) => riskSatisfied(params.risk, event.reason),
  } satisfies Record<keyof typeof GUARD_PARAMS, unknown>;
  const actions = {
    note: () => undefined,
    handOff: () => undefined,
  } satisfies Record<keyof typeof ACTION_PARAMS, unknown>;
  return { guards, actions };
}

/** The names implemented here, for the test that keeps them in step with the policy schema. */
export const IMPLEMENTED = {
  guards: Object.keys(implementations(new Map()).guards),
  actions: Object.keys(implementations(new Map()).actions),
  delays: [] as string[],
};

function build(policy: Policy) {
  const rules = new Map(policy.movement.map((m) => [m.id, m as MovementRule] as const));
  const { guards, actions } = implementations(rules);
  return setup({
    types: {} as { events: MachineEvent },
    guards,
    actions,
  }).createMachine({
    id: policy.id,
    // A fresh copy: the policy is frozen and XState keeps its own config objects.
    ...(JSON.parse(JSON.stringify(policy.machine)) as object),
  } as never);
}

/** The XState machine compiled from a policy. */
export type PolicyMachine = ReturnType<typeof build>;

const machines = new WeakMap<Policy, PolicyMachine>();

/**
 * Compiles a policy into a real XState v5 machine: its states are 'raised', the stages, 'resolved'
 * and 'withdrawn'; its guards and actions are the named implementations in this package. Use it with
 * `createActor`, with the path utilities of `xstate/graph`, or export its `config` for Stately's
 * visualiser. Compiled once per policy.
 *
 * @example
 * import { createActor } from 'xstate';
 * const actor = createActor(createPolicyMachine(policy)).start();
 * actor.send({ type: 'START' });
 * actor.getSnapshot().value; // 'stage-1'
 */
export function createPolicyMachine(policy: Policy): PolicyMachine {
  let machine = machines.get(policy);
  if (!machine) machines.set(policy, (machine = build(policy)));
  return machine;
}
