import { transition } from 'xstate';
import {
  reasonClass,
  requirementMet,
  riskSatisfied,
  type HandOffAction,
  type MachineEvent,
} from '../machine/createPolicyMachine.js';
import { citationText } from '../policy/citation.js';
import { movesFrom, type Move } from '../policy/moves.js';
import type { MovementRule, Requirement, Stage } from '../policy/schema.js';
import type { Compiled } from './compiled.js';
import { enterStage, leaveStage, type Draft } from './engine.js';
import { EscalationError } from './errors.js';
import type { StageEntryHow, StageLeftHow } from './semantics.js';
import type { Escalation } from './types.js';

const policyName = (c: Compiled) => `${c.policy.partnership} policy`;

const RISK_WORDS: Record<string, string> = {
  'imminent-risk': 'an imminent safeguarding concern',
  'significant-risk': 'significant concerns for the child',
  'immediate-harm': 'a risk of immediate harm',
};

/** What a requirement asks for, in words, and how to give it. */
function needs(requires: Requirement): string {
  if (typeof requires === 'object') return ` without the reason '${requires.reason}' (${requires.description})`;
  if (requires === 'none') return '';
  const or = requires === 'imminent-risk' ? '' : " or 'imminent-risk'";
  return ` without ${RISK_WORDS[requires]} (give reason '${requires}'${or}, or record the risk with a RISK event)`;
}

/** Why a move was refused, citing the rule that would have allowed it, with the rule as fields. */
function refusal(c: Compiled, from: string, event: MachineEvent): EscalationError {
  const to = event.to;
  const verb = event.type === 'START' ? `Starting at ${to}` : `${event.type}${to ? ` to ${to}` : ''} from ${from}`;
  const moves = movesFrom(c.policy, from);
  const candidate = moves.find(
    (move) => move.event === event.type && move.rule && (to === undefined || move.to === to),
  );
  if (candidate?.rule) {
    const rule = candidate.rule;
    const citation = citationText(rule.citation.quote ? rule.citation : { ref: rule.citation.ref, quote: rule.quote });
    return new EscalationError(
      'NOT_PERMITTED',
      `${verb} is not permitted${needs(rule.requires)} (${policyName(c)}, ${citation})`,
      [],
      {
        rule: rule.id,
        citation,
        from,
        ...(to ? { to } : {}),
        requires: rule.requires,
      },
    );
  }
  const fields = { from, ...(to ? { to } : {}) };
  if (event.type === 'START') {
    return new EscalationError(
      'NOT_PERMITTED',
      `${policyName(c)} has no rule for starting at ${to}: an escalation starts at ${c.policy.stages[0]!.id}`,
      [],
      fields,
    );
  }
  if (event.type === 'ESCALATE')
    return new EscalationError(
      'NOT_PERMITTED',
      `${c.policy.id}: there is no stage to escalate to from ${from}`,
      [],
      fields,
    );
  const next = moves.find((move) => move.event === 'ESCALATE')?.to;
  if (next !== undefined && next === to)
    return new EscalationError(
      'NOT_PERMITTED',
      `${verb}: ${to} is the next stage, so use ESCALATE (${c.policy.id})`,
      [],
      fields,
    );
  return new EscalationError('NOT_PERMITTED', `${verb} is not a move ${policyName(c)} provides`, [], fields);
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
function ruleUsed(moves: readonly Move[], event: MachineEvent, landed: string): MovementRule | undefined {
  for (const move of moves) {
    if (
      move.event === event.type &&
      move.to === landed &&
      move.rule &&
      requirementMet(move.rule.requires, event.reason, event.risk)
    )
      return move.rule;
  }
  return undefined;
}

/**
 * The risk a move relied on, where its rule asks for a risk that its reason does not give: the case's
 * risk, and the history entry that recorded it.
 */
export function riskReliedOn(
  d: Draft,
  rule: MovementRule | undefined,
  reason: string | undefined,
): { risk: Escalation['risk']; recordedIn: number } | undefined {
  const reliedOn =
    rule && typeof rule.requires === 'string' && rule.requires !== 'none' && !riskSatisfied(rule.requires, reason);
  return reliedOn ? { risk: d.esc.risk, recordedIn: riskEntry(d) } : undefined;
}

/**
 * The history entry that recorded the risk now on the escalation: the last change to it, or the
 * raising. Both are landmarks, so only the landmarks are read.
 */
function riskEntry(d: Draft): number {
  const marks = d.landmarks();
  for (let i = marks.length - 1; i >= 0; i--) {
    const entry = d.entry(marks[i]!);
    if (entry.type === 'risk-changed' || entry.type === 'raised') return entry.seq;
  }
  return 1;
}

export function leftHow(event: MachineEvent, rule: MovementRule | undefined): StageLeftHow {
  switch (event.type) {
    case 'ESCALATE':
      return 'escalated';
    case 'EXPEDITE':
      return rule?.kind === 'skip' ? 'skipped' : 'expedited';
    case 'RESOLVE':
      return 'resolved';
    case 'WITHDRAW':
      return 'withdrawn';
    case 'START':
      return 'escalated'; // never asked: START leaves no stage
  }
}

function enteredHow(event: MachineEvent, rule: MovementRule | undefined): StageEntryHow {
  if (event.type === 'START') return rule ? 'started-later' : 'start';
  if (event.type === 'ESCALATE') return 'escalated';
  return rule?.kind === 'skip' ? 'skipped' : 'expedited';
}

/** Where a movement event leads from a state, and the rule that allowed it; refused as the move would be. */
export interface Judged {
  readonly landed: string;
  readonly rule: MovementRule | undefined;
  readonly machineEvent: MachineEvent;
  readonly handOffs: readonly HandOffAction['params'][];
}

/**
 * Runs a movement event through the compiled XState machine (its pure `transition`) from `from`, with
 * the case's risk: where it lands, under which movement rule, and the hand-offs it makes. Throws the
 * refusal the move would get (NOT_PERMITTED, UNKNOWN_STAGE).
 */
export function judgeMove(
  c: Compiled,
  from: string,
  event: Omit<MachineEvent, 'risk'>,
  risk: Escalation['risk'],
): Judged {
  if (event.to !== undefined && !c.stages.has(event.to)) {
    throw new EscalationError(
      'UNKNOWN_STAGE',
      `Unknown stage '${event.to}' in ${c.policy.id} (stages: ${[...c.stages.keys()].join(', ')})`,
      [],
      { to: event.to },
    );
  }
  const machineEvent: MachineEvent = { ...event, risk };
  const decision = decide(c, from, machineEvent);
  if (decision === 'refused') throw refusal(c, from, machineEvent);
  return { landed: decision.landed, rule: decision.rule, machineEvent, handOffs: decision.handOffs };
}

/**
 * Runs a movement event through the compiled XState machine, then writes what happened into the
 * draft, at the instant the move happened: the stage left and what that did to its deadlines, the
 * stage entered and what that met and started, the hand-offs the policy makes there. `judgedAt` is
 * the state whose rules allow the move, when that is not the one the case is in (a move learned
 * after another writer's move that happened later: see applyLate).
 */
export function move(d: Draft, event: Omit<MachineEvent, 'risk'>, atMs: number, judgedAt: string = d.esc.state): void {
  const c = d.c;
  const from = d.esc.state;
  const { landed, rule, machineEvent, handOffs } = judgeMove(c, judgedAt, event, d.esc.risk);
  if (c.stages.has(from)) leaveStage(d, leftHow(machineEvent, rule), atMs);
  if (c.stages.has(landed)) {
    const reliedOn = riskReliedOn(d, rule, event.reason);
    enterStage(d, landed, atMs, enteredHow(machineEvent, rule), {
      ...(c.stages.has(from) ? { from } : {}),
      ...(rule ? { rule: rule.id } : {}),
      ...(event.reason ? { reason: event.reason } : {}),
      ...(reliedOn ? { riskReliedOn: reliedOn } : {}),
    });
  } else {
    d.esc.state = landed;
  }
  for (const handOff of handOffs) d.log(atMs, { type: 'hand-off', route: handOff.route, to: handOff.to });
}

/** What the machine decided for a move: where it lands, by which movement rule, and the hand-offs made on entry. */
export type Decision =
  | 'refused'
  | {
      readonly landed: string;
      readonly rule: MovementRule | undefined;
      readonly handOffs: readonly HandOffAction['params'][];
    };

/**
 * XState's decision for a move, asked of the machine once per policy, state, event type, target,
 * reason and recorded risk, then remembered with the compiled policy: `transition` builds a
 * throwaway actor on every call, and its answer depends on nothing else. The reason is remembered by
 * what the guards can tell apart (`reasonClass`), so free-text reasons do not grow the memo.
 */
export function decide(c: Compiled, from: string, event: MachineEvent): Decision {
  const key = `${from}\u0000${event.type}\u0000${event.to ?? ''}\u0000${reasonClass(c.policy, event.reason)}\u0000${event.risk ?? ''}`;
  let decision = c.decisions.get(key);
  if (decision === undefined) {
    decision = askMachine(c, from, event);
    c.decisions.set(key, decision);
  }
  return decision;
}

/** XState's pure `transition` on the compiled machine, from `from`, for one event. */
function askMachine(c: Compiled, from: string, event: MachineEvent): Decision {
  const snapshot = c.machine.resolveState({ value: from, context: undefined as never });
  const [next, actions] = transition(c.machine, snapshot, event as never);
  const landed = String(next.value);
  if (next === snapshot || landed === from || (event.to !== undefined && landed !== event.to)) return 'refused';
  const handOffs: HandOffAction['params'][] = [];
  for (const action of actions) {
    const handOff = handOffOf(action);
    if (handOff) handOffs.push(handOff);
  }
  return { landed, rule: ruleUsed(movesFrom(c.policy, from), event, landed), handOffs };
}

export function stageSummary(stage: Stage): { id: string; number: number; title: string } {
  return { id: stage.id, number: stage.number, title: stage.title };
}
