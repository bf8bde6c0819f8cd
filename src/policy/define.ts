import type * as z from 'zod/mini';
import { parseWith, type Problem } from '../shared/zod.js';
import { ACTION_PARAMS, GUARD_PARAMS } from './behaviours.js';
import { PolicyError } from './errors.js';
import {
  MOVEMENT_EVENTS,
  policySchema,
  type MovementEventType,
  type PolicyDefinition,
  type StageId,
  type TransitionConfig,
} from './schema.js';

type Parsed = z.infer<typeof policySchema>;

type DeepReadonly<T> = T extends (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

/** A policy definition that `definePolicy` has checked: deeply frozen, plain JSON-serialisable data. */
export type Policy = DeepReadonly<Parsed>;

const checked = new WeakSet<object>();

/**
 * Whether a value is a policy returned by `definePolicy` or `loadPolicy`.
 *
 * @example
 * isPolicy(policies.suffolk); // true
 */
export function isPolicy(value: unknown): value is Policy {
  return typeof value === 'object' && value !== null && checked.has(value);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const CLOSED_STATES = ['resolved', 'withdrawn'] as const;

/** The transitions of one event in a state config, as a list. */
export function transitionsOf(on: unknown): TransitionConfig[] {
  if (on === undefined) return [];
  if (typeof on === 'string') return [{ target: on }];
  return Array.isArray(on) ? (on as TransitionConfig[]) : [on as TransitionConfig];
}

/** The checks the schema alone cannot make: every reference resolves and the machine is sound. */
function crossCheck(p: Parsed): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });

  const stageIds = new Set<string>();
  p.stages.forEach((s, i) => {
    if (s.id !== `stage-${s.number}`) add(`stages[${i}].id`, `expected 'stage-${s.number}' for a stage numbered ${s.number}`);
    if (stageIds.has(s.id)) add(`stages[${i}].id`, `duplicate stage id '${s.id}'`);
    stageIds.add(s.id);
    if (i > 0 && s.number <= p.stages[i - 1]!.number) add(`stages[${i}].number`, 'stages must be listed in ascending order of number');
  });
  const stageIndex = new Map(p.stages.map((s, i) => [s.id, i] as const));
  const checkStage = (path: string, id: string) => {
    if (!stageIds.has(id)) add(path, `unknown stage '${id}' (stages: ${[...stageIds].join(', ')})`);
  };
  const formIds = new Set((p.forms ?? []).map((f) => f.id));
  const routeIds = new Set((p.routes ?? []).map((r) => r.id));
  const unique = (list: readonly { id: string }[], where: string) => {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      if (seen.has(x.id)) add(`${where}[${i}].id`, `duplicate id '${x.id}'`);
      seen.add(x.id);
    });
  };
  unique(p.obligations, 'obligations');
  unique(p.movement, 'movement');
  unique(p.forms ?? [], 'forms');
  unique(p.routes ?? [], 'routes');

  p.obligations.forEach((o, i) => {
    const at = `obligations[${i}]`;
    if (o.anchor.on === 'stage-entered') o.anchor.stages.forEach((s, j) => checkStage(`${at}.anchor.stages[${j}]`, s));
    if (o.anchor.on === 'record') {
      o.anchor.stages?.forEach((s, j) => checkStage(`${at}.anchor.stages[${j}]`, s));
      if (o.anchor.form && !formIds.has(o.anchor.form)) add(`${at}.anchor.form`, `unknown form '${o.anchor.form}'`);
    }
    if (o.meet.by === 'stage-reached') o.meet.stages.forEach((s, j) => checkStage(`${at}.meet.stages[${j}]`, s));
    if (o.meet.by === 'record' && o.meet.form && !formIds.has(o.meet.form)) add(`${at}.meet.form`, `unknown form '${o.meet.form}'`);
    if (o.meet.by === 'stage-exit' && o.anchor.on !== 'stage-entered') add(`${at}.meet`, "'stage-exit' needs an anchor on 'stage-entered'");
    if (o.kind === 'reminder' && !o.every) add(`${at}.every`, 'a reminder needs `every`: how often it recurs');
    if (o.kind === 'reminder' && !o.limit) add(`${at}.limit`, 'a reminder needs a `limit`: when it first falls due');
    if (o.kind !== 'reminder' && o.every) add(`${at}.every`, 'only a reminder recurs');
    if (o.anchor.on === 'resolved' && o.meet.by === 'resolution') add(`${at}.meet`, 'an obligation armed by resolution cannot be met by it');
    // Days and weeks are whole: "1.5 working days" has no date. Hours may be fractional.
    const durations: [string, { value: number; unit: string }][] = [];
    const collect = (where: string, l: unknown) => {
      if (!l || typeof l !== 'object') return;
      if ('unit' in l) durations.push([where, l as { value: number; unit: string }]);
      if ('whicheverIsLess' in l) (l as { whicheverIsLess: unknown[] }).whicheverIsLess.forEach((p, j) => collect(`${where}.whicheverIsLess[${j}]`, p));
    };
    collect(`${at}.limit`, o.limit);
    collect(`${at}.every`, o.every);
    if (o.imminentRisk && 'limit' in o.imminentRisk) collect(`${at}.imminentRisk.limit`, o.imminentRisk.limit);
    for (const [where, d] of durations) {
      if (d.unit !== 'hours' && !Number.isInteger(d.value)) add(`${where}.value`, `${d.value} ${d.unit} is not a whole number: only hours may be fractional`);
    }
    if (o.every && o.every.value === 0) add(`${at}.every.value`, 'a reminder cannot recur every 0');
  });

  p.movement.forEach((m, i) => {
    m.to.forEach((s, j) => checkStage(`movement[${i}].to[${j}]`, s));
    m.from?.forEach((s, j) => checkStage(`movement[${i}].from[${j}]`, s));
  });
  const rules = new Map(p.movement.map((m) => [m.id, m] as const));

  // The machine: one state per stage, 'raised' first, 'resolved' and 'withdrawn' final.
  const states = p.machine.states;
  if (!states.raised) add('machine.states', "expected a 'raised' state: the escalation before its first stage");
  for (const s of p.stages) if (!states[s.id]) add('machine.states', `no state for stage '${s.id}'`);
  for (const c of CLOSED_STATES) {
    if (!states[c]) add('machine.states', `expected a final '${c}' state`);
    else if (states[c]!.type !== 'final') add(`machine.states.${c}.type`, "expected 'final'");
  }
  for (const [name, state] of Object.entries(states)) {
    const at = `machine.states.${name}`;
    const isStage = stageIds.has(name);
    if (!isStage && name !== 'raised' && !(CLOSED_STATES as readonly string[]).includes(name)) {
      add(at, `unknown state '${name}': states are 'raised', the stages (${[...stageIds].join(', ')}), 'resolved' and 'withdrawn'`);
      continue;
    }
    if (isStage && state.type === 'final') add(`${at}.type`, 'a stage is never final: the escalation can always be resolved or withdrawn');
    const checkActions = (list: readonly { type: string; params?: Record<string, unknown> }[] | undefined, where: string) =>
      list?.forEach((a, k) => checkNamed('action', ACTION_PARAMS, a, `${where}[${k}]`));
    checkActions(state.entry, `${at}.entry`);
    checkActions(state.exit, `${at}.exit`);
    for (const [event, config] of Object.entries(state.on ?? {})) {
      transitionsOf(config).forEach((t, k) => {
        const where = `${at}.on.${event}${Array.isArray(config) ? `[${k}]` : ''}`;
        checkTransition(name, event as MovementEventType, t, where);
        checkActions(t.actions, `${where}.actions`);
      });
    }
  }
  if (states.raised && !states.raised.on?.START) add('machine.states.raised.on.START', 'expected START transitions to the first stage');
  if (states.raised?.on) {
    for (const event of Object.keys(states.raised.on)) if (event !== 'START') add(`machine.states.raised.on.${event}`, "only START leaves 'raised'");
  }
  for (const s of p.stages) {
    const on = states[s.id]?.on;
    if (on && !on.RESOLVE) add(`machine.states.${s.id}.on.RESOLVE`, 'every stage must allow RESOLVE');
    if (on && !on.WITHDRAW) add(`machine.states.${s.id}.on.WITHDRAW`, 'every stage must allow WITHDRAW');
    if (!on) add(`machine.states.${s.id}.on`, 'every stage must allow RESOLVE and WITHDRAW');
  }

  function checkNamed(
    what: 'guard' | 'action',
    registry: Record<string, z.ZodMiniType>,
    ref: { type: string; params?: Record<string, unknown> },
    where: string,
  ): boolean {
    const schema = registry[ref.type];
    if (!schema) {
      add(`${where}.type`, `unknown ${what} '${ref.type}' (known: ${Object.keys(registry).join(', ')})`);
      return false;
    }
    const r = parseWith(schema, ref.params ?? {});
    if (!r.ok) for (const pr of r.problems) add(`${where}.params${pr.path === '(root)' ? '' : `.${pr.path}`}`, pr.message);
    if (what === 'action' && ref.type === 'handOff' && r.ok) {
      const route = (ref.params as { route: string }).route;
      if (!routeIds.has(route)) add(`${where}.params.route`, `unknown route '${route}'`);
    }
    return r.ok;
  }

  function checkTransition(from: string, event: MovementEventType, t: TransitionConfig, where: string) {
    if (!(MOVEMENT_EVENTS as readonly string[]).includes(event)) return; // the schema reports it
    const target = t.target;
    const expected = event === 'RESOLVE' ? 'resolved' : event === 'WITHDRAW' ? 'withdrawn' : undefined;
    if (expected && target !== expected) add(`${where}.target`, `${event} must go to '${expected}'`);
    if (!expected) {
      if (!stageIds.has(target)) {
        add(`${where}.target`, `unknown stage '${target}'`);
        return;
      }
      if (event === 'START' && from !== 'raised') add(where, "START only leaves 'raised'");
      if ((event === 'ESCALATE' || event === 'EXPEDITE') && stageIds.has(from) && stageIndex.get(target)! <= stageIndex.get(from)!) {
        add(`${where}.target`, `${event} must move to a later stage than '${from}'`);
      }
    }
    if (t.guard && checkNamed('guard', GUARD_PARAMS, t.guard, `${where}.guard`) && t.guard.type === 'movementAllowed') {
      const { rule: ruleId, to } = t.guard.params as { rule: string; to: StageId };
      const rule = rules.get(ruleId);
      if (to !== target) add(`${where}.guard.params.to`, `'${to}' is not this transition's target '${target}'`);
      if (!rule) add(`${where}.guard.params.rule`, `unknown movement rule '${ruleId}'`);
      else {
        if (!rule.to.includes(to as never)) add(`${where}.guard.params.rule`, `rule '${ruleId}' does not allow a move to '${to}'`);
        if (rule.from && stageIds.has(from) && !rule.from.includes(from as never)) add(`${where}.guard.params.rule`, `rule '${ruleId}' does not allow a move from '${from}'`);
        if (event === 'START' && rule.kind !== 'start') add(`${where}.guard.params.rule`, `START needs a rule of kind 'start', '${ruleId}' is '${rule.kind}'`);
        if (event === 'EXPEDITE' && rule.kind === 'start') add(`${where}.guard.params.rule`, `EXPEDITE needs a rule of kind 'expedite' or 'skip', '${ruleId}' is 'start'`);
      }
    }
    if (event === 'EXPEDITE' && t.guard?.type !== 'movementAllowed') {
      add(`${where}.guard`, "an EXPEDITE transition needs a 'movementAllowed' guard naming its movement rule");
    }
    if (event === 'START' && stageIds.has(target) && stageIndex.get(target)! > 0 && t.guard?.type !== 'movementAllowed') {
      add(`${where}.guard`, `starting at '${target}' needs a 'movementAllowed' guard naming a 'start' rule`);
    }
  }
  return problems;
}

/**
 * Validates a policy definition and returns it deeply frozen, or throws a `PolicyError` listing every
 * problem by its path. A policy is plain data: an XState machine configuration (behaviour referred to
 * by name) plus its stages, obligations, movement rules, forms, side routes and interpretations.
 *
 * @example
 * export default definePolicy({ id: 'my-partnership', title: '...', stages: [...], machine: {...}, ... });
 */
export function definePolicy(definition: PolicyDefinition): Policy {
  if (isPolicy(definition)) return definition;
  const parsed = parseWith(policySchema, definition);
  const id = typeof (definition as { id?: unknown })?.id === 'string' ? (definition as { id: string }).id : undefined;
  if (!parsed.ok) throw new PolicyError(id, parsed.problems);
  const problems = crossCheck(parsed.data);
  if (problems.length > 0) throw new PolicyError(id, problems);
  const policy = deepFreeze(parsed.data) as Policy;
  checked.add(policy);
  return policy;
}

/**
 * Loads a policy from JSON text or parsed JSON (a policy definition file), with the same validation as
 * `definePolicy`.
 *
 * @example
 * const policy = loadPolicy(fs.readFileSync('my-policy.json', 'utf8'));
 */
export function loadPolicy(json: string | unknown): Policy {
  let data = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json);
    } catch (e) {
      throw new PolicyError(undefined, [{ path: '(root)', message: `not JSON: ${(e as Error).message}` }]);
    }
  }
  return definePolicy(data as PolicyDefinition);
}
