import { transition } from 'xstate';
import type { Stage } from '../policy/schema.js';
import type { Compiled } from './compiled.js';
import { enterStage, exitStage, type Draft } from './engine.js';
import { citationText } from '../policy/citation.js';
import { EscalationError } from './errors.js';
import { transitionsOf } from '../policy/define.js';
import type { MachineEvent } from '../machine/createPolicyMachine.js';

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
  const candidates = transitionsOf(c.policy.machine.states[from]?.on?.[event.type]).filter((t) => to === undefined || t.target === to);
  for (const t of candidates) {
    if (t.guard?.type !== 'movementAllowed') continue;
    const r = c.movement.get(String((t.guard.params as { rule?: string } | undefined)?.rule));
    if (!r) continue;
    const needs = r.requires === 'none' ? '' : ` without ${RISK_WORDS[r.requires]} (give reason '${r.requires}'${r.requires === 'imminent-risk' ? '' : " or 'imminent-risk'"})`;
    const cite = citationText(r.citation.quote ? r.citation : { ref: r.citation.ref, quote: r.quote });
    return new EscalationError('NOT_PERMITTED', `${verb} is not permitted${needs} (${policyName(c)}, ${cite})`);
  }
  if (event.type === 'START') {
    return new EscalationError('NOT_PERMITTED', `${policyName(c)} has no rule for starting at ${to}: an escalation starts at ${c.policy.stages[0]!.id}`);
  }
  if (event.type === 'ESCALATE') return new EscalationError('NOT_PERMITTED', `${c.policy.id}: there is no stage to escalate to from ${from}`);
  const next = transitionsOf(c.policy.machine.states[from]?.on?.ESCALATE)[0]?.target;
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
  for (const a of actions) {
    const params = (a as { params?: Record<string, unknown> }).params ?? {};
    if (a.type === 'note') d.log(atMs, 'note', { text: params.text, ...(params.citation ? { citation: params.citation } : {}) });
    if (a.type === 'handOff') d.log(atMs, 'hand-off', { route: params.route, to: params.to });
  }
}

/** The movement rule whose guard let the event through, if any. */
function ruleUsed(c: Compiled, from: string, event: MachineEvent, landed: string) {
  const state = c.policy.machine.states[from];
  const on = state?.on?.[event.type];
  const list = on === undefined ? [] : typeof on === 'string' ? [{ target: on }] : Array.isArray(on) ? on : [on];
  for (const t of list as { target: string; guard?: { type: string; params?: Record<string, unknown> } }[]) {
    if (t.target === landed && t.guard?.type === 'movementAllowed') return c.movement.get(String(t.guard.params?.rule));
  }
  return undefined;
}

export function stageSummary(stage: Stage): { id: string; number: number; title: string } {
  return { id: stage.id, number: stage.number, title: stage.title };
}

