import { setup } from 'xstate';
import { policyArgument, type Policy } from '../policy/define.js';
import { movesFrom, type Move, type MovementEventType } from '../policy/moves.js';
import { RISKS, type Requirement, type Risk } from '../policy/schema.js';

/** The events the compiled machine takes: movement only. Records and the rest never change state. */
export interface MachineEvent {
  readonly type: MovementEventType;
  /** The stage asked for (START, EXPEDITE). */
  readonly to?: string;
  /** The reason given for the move: a risk such as 'imminent-risk', or a policy's own reason. */
  readonly reason?: string;
  /** The risk to the child recorded on the escalation: it satisfies a rule that asks for it. */
  readonly risk?: Risk;
}

/** The guard a derived transition names: the movement rule that allows it, and the stage it is for. */
export interface MovementGuard {
  readonly type: 'movementAllowed';
  readonly params: { readonly rule: string; readonly to: string };
}

/** The action a derived state names on entry: a hand-off to one of the policy's routes. */
export interface HandOffAction {
  readonly type: 'handOff';
  readonly params: { readonly route: string; readonly to: string };
}

/** One transition of a derived machine configuration. */
export interface PolicyTransition {
  readonly target: string;
  readonly guard?: MovementGuard;
}

/** One state of a derived machine configuration. */
export interface PolicyStateConfig {
  readonly type?: 'final';
  readonly entry?: readonly HandOffAction[];
  readonly on?: Partial<Record<MovementEventType, readonly PolicyTransition[]>>;
}

/** The XState machine configuration derived from a policy: plain JSON, behaviour referred to by name. */
export interface PolicyMachineConfig {
  readonly id: string;
  readonly initial: 'raised';
  readonly states: Readonly<Record<string, PolicyStateConfig>>;
}

/** Whether a risk (given or recorded) meets the risk a rule requires. `imminent-risk` meets every risk. */
export function riskSatisfied(requires: Risk, risk: string | undefined): boolean {
  return requires === 'none' || risk === 'imminent-risk' || risk === requires;
}

/**
 * Whether a move meets what its rule requires: a risk, given as the event's reason or recorded on the
 * escalation (the child's situation, not the words used with the move); or a reason that is not a
 * risk, which only the event can give.
 */
export function requirementMet(
  requires: Requirement,
  reason: string | undefined,
  recordedRisk: Risk | undefined,
): boolean {
  if (typeof requires === 'object') return reason === requires.reason;
  return riskSatisfied(requires, reason) || riskSatisfied(requires, recordedRisk);
}

/**
 * What the guards can tell of a move's reason: the reason itself where it is a risk or a reason one of
 * the policy's movement rules asks for, and one class for any other reason or none, which no guard
 * tells apart (each compares the reason with those words only). Moves whose reasons fall in the same
 * class get the same decision from the machine.
 */
export function reasonClass(policy: Policy, reason: string | undefined): string {
  if (reason === undefined) return '';
  let words = reasonWords.get(policy);
  if (!words) {
    words = new Set<string>(RISKS);
    for (const rule of policy.movement) if (typeof rule.requires === 'object') words.add(rule.requires.reason);
    reasonWords.set(policy, words);
  }
  return words.has(reason) ? reason : '';
}

const reasonWords = new WeakMap<Policy, Set<string>>();

function transition(move: Move): PolicyTransition {
  return move.rule
    ? { target: move.to, guard: { type: 'movementAllowed', params: { rule: move.rule.id, to: move.to } } }
    : { target: move.to };
}

/**
 * The XState machine configuration of a policy, derived from its stages and movement rules (the only
 * place they are written): 'raised', one state per stage, and the final 'resolved' and 'withdrawn'.
 * Guards and actions are referred to by name, so the configuration is JSON that Stately's visualiser
 * and `xstate/graph` read as it is.
 *
 * @example
 * policyMachineConfig(policies.suffolk).states['stage-4'].on.ESCALATE; // [{ target: 'stage-5' }]
 */
export function policyMachineConfig(policy: Policy): PolicyMachineConfig {
  policy = policyArgument(policy);
  const states: Record<string, PolicyStateConfig> = {};
  for (const state of ['raised', ...policy.stages.map((stage) => stage.id)]) {
    const on: Partial<Record<MovementEventType, PolicyTransition[]>> = {};
    for (const move of movesFrom(policy, state)) (on[move.event] ??= []).push(transition(move));
    const entry = (policy.routes ?? []).flatMap((route): HandOffAction[] =>
      route.handOff?.onEntering.includes(state)
        ? [{ type: 'handOff', params: { route: route.id, to: route.handOff.to } }]
        : [],
    );
    states[state] = { ...(entry.length ? { entry } : {}), on };
  }
  states.resolved = { type: 'final' };
  states.withdrawn = { type: 'final' };
  return { id: policy.id, initial: 'raised', states };
}

// The implementations behind the names a derived machine uses. Actions do nothing inside XState: the
// escalation engine reads the actions that the pure `transition` returns and writes them into the
// history.
function implementations(policy: Policy) {
  const rules = new Map(policy.movement.map((rule) => [rule.id, rule] as const));
  return {
    guards: {
      movementAllowed: ({ event }: { event: MachineEvent }, params: MovementGuard['params']) => {
        const rule = rules.get(params.rule);
        return rule !== undefined && event.to === params.to && requirementMet(rule.requires, event.reason, event.risk);
      },
    },
    actions: {
      handOff: () => undefined,
    },
  };
}

function build(policy: Policy) {
  const { guards, actions } = implementations(policy);
  const config = policyMachineConfig(policy);
  return setup({
    types: {} as { events: MachineEvent },
    guards,
    actions,
  }).createMachine(
    // XState keeps its own config objects, and its config type wants mutable arrays: a fresh copy.
    structuredClone(config) as never,
  );
}

/** The XState machine compiled from a policy. */
export type PolicyMachine = ReturnType<typeof build>;

// A cache of compiled machines: the machine depends only on the policy's value, so caching it by the
// policy object changes no answer.
const machines = new WeakMap<Policy, PolicyMachine>();

/**
 * Compiles a policy into a real XState v5 machine: its states are 'raised', the stages, 'resolved'
 * and 'withdrawn'; its transitions are derived from the stages and movement rules; its guards and
 * actions are named implementations set up with `setup()`. Use it with `createActor`, with the path
 * utilities of `xstate/graph`, or give `policyMachineConfig(policy)` to Stately's visualiser.
 *
 * @example
 * import { createActor } from 'xstate';
 * const actor = createActor(createPolicyMachine(policy)).start();
 * actor.send({ type: 'START' });
 * actor.getSnapshot().value; // 'stage-1'
 */
export function createPolicyMachine(policy: Policy): PolicyMachine {
  policy = policyArgument(policy);
  let machine = machines.get(policy);
  if (!machine) machines.set(policy, (machine = build(policy)));
  return machine;
}
