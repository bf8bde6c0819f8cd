import { transition } from 'xstate';
import type { Stage } from '../policy/schema.js';
import type { Compiled } from './compiled.js';
import { enterStage, exitStage, type Draft } from './engine.js';
import { citationText } from '../policy/citation.js';
import { EscalationError } from './errors.js';
import { movesFrom } from '../policy/moves.js';
import type { HandOffAction, MachineEvent } from '../machine/createPolicyMachine.js';

const policyName = (c: Compiled) => `${c.policy.partnership} policy`;

const RISK_WORDS: Record<string, string> = {
  'imminent-risk': 'an imminent safeguarding concern',
  'significant-risk': 'significant concerns for the child',
  'immediate-harm': 'a risk of immediate harm',
};

/** Why a move was refused, citing the rule that would have allowed it. */
function refusal(c: Compiled, from: string, event: MachineEvent): EscalationError {
  const to = event.to;
  const verb = event.type === 'START' ? `Starting at ${to}` : `${event.type}${to ? ` to ${to}` : ''} from ${from}`;
  const moves = movesFrom(c.policy, from);
  const candidate = moves.find((move) => move.event === event.type && move.rule && (to === undefined || move.to === to));
  if (candidate?.rule) {
    const rule = candidate.rule;
    const needs =
      rule.requires === 'none'
        ? ''
        : ` without ${RISK_WORDS[rule.requires]} (give reason '${rule.requires}'${rule.requires === 'imminent-risk' ? '' : " or 'imminent-risk'"})`;
    const cite = citationText(rule.citation.quote ? rule.citation : { ref: rule.citation.ref, quote: rule.quote });
    return new EscalationError('NOT_PERMITTED', `${verb} is not permitted${needs} (${policyName(c)}, ${cite})`);
  }
  if (event.type === 'START') {
    return new EscalationError('NOT_PERMITTED', `${policyName(c)} has no rule for starting at ${to}: an escalation starts at ${c.policy.stages[0]!.id}`);
  }
  if (event.type === 'ESCALATE') return new EscalationError('NOT_PERMITTED', `${c.policy.id}: there is no stage to escalate to from ${from}`);
  const next = moves.find((move) => move.event === 'ESCALATE')?.to;
  if (next !== undefined && next === to) return new EscalationError('NOT_PERMITTED', `${verb}: ${to} is the next stage, so use ESCALATE (${c.policy.id})`);
  return new EscalationError('NOT_PERMITTED', `${verb} is not a move ${policyName(c)} provides`);
}

/**
 * Runs a movement event through the compiled XState machine (its pure `transition`), then writes what
 * happened into the draft: the stage left and its deadlines, the stage entered, the actions taken.
 */
export function move(d: Draft, event: MachineEvent, atMs: number, extra: Record<string, unknown> = {}): void {
  const c = d.c;
  const from = d.esc.state;
  if (event.to !== undefined && !c.stages.has(event.to)) {
    throw new EscalationError('UNKNOWN_STAGE', `Unknown stage '${event.to}' in ${c.policy.id} (stages: ${[...c.stages.keys()].join(', ')})`);
  }
  const snapshot = c.machine.resolveState({ value: from, context: undefined as never });
  const [next, actions] = transition(c.machine, snapshot, event as never);
  const landed = String(next.value);
  if (next === snapshot || landed === from || (event.to !== undefined && landed !== event.to)) throw refusal(c, from, event);

  if (c.stages.has(from)) exitStage(d, atMs, event.type === 'WITHDRAW');
  if (c.stages.has(landed)) {
    const rule = ruleUsed(c, from, event, landed);
    const how = event.type === 'START' ? (rule ? 'started-later' : 'start') : event.type === 'ESCALATE' ? 'escalated' : rule?.kind === 'skip' ? 'skipped' : 'expedited';
    enterStage(d, landed, atMs, how, {
      ...(from !== 'raised' ? { from } : {}),
      ...(rule ? { rule: rule.id } : {}),
      ...(event.reason ? { reason: event.reason } : {}),
      ...extra,
    });
  } else {
    d.esc.state = landed;
  }
  for (const action of actions) {
    const handOff = handOffOf(action);
    if (handOff) d.log(atMs, { type: 'hand-off', route: handOff.route, to: handOff.to });
  }
}

/** The hand-off an action names, read from the action XState returns (whose params it types as unknown). */
function handOffOf(action: { type: string; params?: unknown }): HandOffAction['params'] | undefined {
  if (action.type !== 'handOff' || typeof action.params !== 'object' || action.params === null) return undefined;
  const params: object = action.params;
  const route = 'route' in params ? params.route : undefined;
  const to = 'to' in params ? params.to : undefined;
  return typeof route === 'string' && typeof to === 'string' ? { route, to } : undefined;
}

/** The movement rule whose guard let the event through, if any. */
function ruleUsed(c: Compiled, from: string, event: MachineEvent, landed: string) {
  return movesFrom(c.policy, from).find((move) => move.event === event.type && move.to === landed && move.rule)?.rule;
}

export function stageSummary(stage: Stage): { id: string; number: number; title: string } {
  return { id: stage.id, number: stage.number, title: stage.title };
}

