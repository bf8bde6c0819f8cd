import { endOfLondonDayMs } from '../calendar/london.js';
import { tryParseDate } from '../calendar/dates.js';
import type { ObligationRule } from '../policy/schema.js';
import { attach, calendarFor, policyFor, type EngineOptions } from './compiled.js';
import { arm, Draft, fireTimers, iso, meet, ms, recomputeRunning, recordMade, voidObligation } from './engine.js';
import { EscalationError } from './errors.js';
import { citationText } from '../policy/citation.js';
import { move } from './movement.js';
import { eventSchema, type Escalation, type EscalationEvent, type ObligationState } from './types.js';
import { validate } from './validate.js';
import { checkedEscalation } from './restoreEscalation.js';

// Obligations that lose their purpose when the disagreement is resolved. Records, notifications and
// what is owed after resolution outlive it: the library never forgets paperwork, it reports it.
const VOID_ON_RESOLUTION = new Set<ObligationState['kind']>(['stage', 'cap', 'reminder', 'response']);

/**
 * Applies one event and returns a new escalation; the input is never changed. Timers that fell due
 * before the event fire first, in time order. An event whose `id` is already in the history is a
 * no-op. Refusals are `EscalationError`s: `INVALID_EVENT`, `NOT_PERMITTED` (citing the rule),
 * `OUT_OF_ORDER`, `CLOSED`, `UNKNOWN_STAGE`.
 *
 * @example
 * const next = applyEvent(e, { type: 'RECORD', at: '2024-12-20T11:00:00Z', record: { kind: 'discussion' } });
 * const up = applyEvent(next, { type: 'ESCALATE', at: '2024-12-23T16:00:00Z' });
 */
export function applyEvent(escalation: Escalation, event: EscalationEvent, options?: EngineOptions): Escalation {
  const esc = checkedEscalation(escalation, options);
  const c = policyFor(esc, options);
  const ev = validate(eventSchema, event, 'INVALID_EVENT', 'event');
  if (ev.id !== undefined && esc.history.some((h) => h.type === 'event' && h.event.id === ev.id)) {
    return esc; // already applied: at-least-once delivery is safe
  }
  const atMs = ms(ev.at);
  if (atMs < ms(esc.asOf)) {
    throw new EscalationError('OUT_OF_ORDER', `Event at ${ev.at} is earlier than ${esc.asOf}, the last time escalation '${esc.id}' was brought up to`);
  }
  const { index, custom } = calendarFor(c, options);
  const d = new Draft(c, index, esc);
  if (custom) recomputeRunning(d);
  fireTimers(d, atMs);

  if (esc.status !== 'open') {
    const outstanding = d.running().filter((o) => c.rules.get(o.rule)?.meet.by === 'record');
    if (ev.type !== 'RECORD' || outstanding.length === 0) {
      throw new EscalationError(
        'CLOSED',
        `Escalation '${esc.id}' was ${esc.status}${outstanding.length ? `; only records that meet what is still owed are accepted (${outstanding.map((o) => o.label).join('; ')})` : ' and nothing is owed on it'}: ${ev.type} refused`,
      );
    }
  }

  d.log(atMs, { type: 'event', event: { ...ev, at: iso(atMs) } });
  switch (ev.type) {
    case 'ESCALATE':
      move(d, { type: 'ESCALATE', ...(ev.reason ? { reason: ev.reason } : {}) }, atMs);
      break;
    case 'EXPEDITE':
      move(d, { type: 'EXPEDITE', to: ev.to, ...(ev.reason ? { reason: ev.reason } : {}) }, atMs);
      if (ev.reason === 'imminent-risk' && !d.esc.imminentRisk) setRisk(d, true, atMs);
      break;
    case 'RESOLVE':
      d.esc.status = 'resolved';
      d.esc.outcome = ev.outcome;
      move(d, { type: 'RESOLVE' }, atMs);
      for (const o of d.running()) {
        const rule = c.rules.get(o.rule)!;
        if (rule.meet.by === 'resolution' || (rule.meet.by === 'stage-reached' && rule.meet.orResolution)) meet(d, o, atMs, 'resolved');
        else if (VOID_ON_RESOLUTION.has(o.kind)) voidObligation(d, o, atMs, 'resolved');
      }
      for (const rule of c.rules.values()) {
        if (rule.anchor.on !== 'resolved') continue;
        if (rule.anchor.stages && !(rule.anchor.stages as readonly string[]).includes(d.esc.stage)) continue;
        arm(d, rule, atMs, d.esc.stage);
      }
      break;
    case 'WITHDRAW':
      d.esc.status = 'withdrawn';
      move(d, { type: 'WITHDRAW' }, atMs);
      for (const o of d.running()) if (!c.rules.get(o.rule)!.survivesWithdrawal) voidObligation(d, o, atMs, 'withdrawn');
      break;
    case 'RECORD': {
      const forms = c.policy.forms ?? [];
      if (ev.record.form !== undefined && !forms.some((f) => f.id === ev.record.form)) {
        throw new EscalationError('INVALID_EVENT', `Unknown form '${ev.record.form}' in ${c.policy.id} (forms: ${forms.map((f) => f.id).join(', ') || 'none'})`);
      }
      if (ev.record.occurredAt && ms(ev.record.occurredAt) > atMs) {
        throw new EscalationError('INVALID_EVENT', `record.occurredAt ${ev.record.occurredAt} is after the event's at ${ev.at}`);
      }
      recordMade(d, ev.record, atMs);
      break;
    }
    case 'EXTEND': {
      const o = findRunning(d, ev.obligation);
      const rule = c.rules.get(o.rule)!;
      if (o.strength === 'maximum') {
        throw new EscalationError('NOT_PERMITTED', `${o.label} is a maximum and cannot be extended (${c.policy.partnership} policy, ${citationText(rule.citation)})`);
      }
      if (o.dueDate === null) throw new EscalationError('INVALID_EVENT', `${o.label} has no timescale to extend`);
      if (ev.to <= o.dueDate) throw new EscalationError('INVALID_EVENT', `An extension of ${o.label} must be later than its due date ${o.dueDate}, not ${ev.to}`);
      const w = d.edit(o);
      const from = o.dueDate;
      w.extended = { from, reason: ev.reason, agreedBy: ev.agreedBy };
      w.dueDate = ev.to;
      w.dueAt = iso(endOfLondonDayMs(tryParseDate(ev.to)));
      delete w.passedAt;
      d.log(atMs, { type: 'extended', obligation: o.id, rule: o.rule, from, to: ev.to, reason: ev.reason, agreedBy: ev.agreedBy });
      break;
    }
    case 'SET_TIMESCALE': {
      const rule = c.rules.get(ev.obligation) ?? c.rules.get(findRunning(d, ev.obligation).rule)!;
      const limit = rule.limit;
      if (!limit || !('whicheverIsLess' in limit) || !limit.whicheverIsLess.some((p) => 'perCase' in p)) {
        throw new EscalationError('INVALID_EVENT', `${rule.label} has no timescale set case by case`);
      }
      d.esc.caseTimescales = { ...d.esc.caseTimescales, [rule.id]: ev.dueDate };
      recomputeRunning(d);
      break;
    }
    case 'RISK':
      setRisk(d, ev.imminent, atMs);
      break;
  }
  // A limit the event shortened may already have run out: it fires now.
  fireTimers(d, atMs);
  return attach(d.finish(atMs), c.policy);
}

function findRunning(d: Draft, ref: string): ObligationState {
  const o = d.running().find((x) => x.id === ref) ?? d.running().find((x) => x.rule === ref);
  if (!o) {
    const ids = d.running().map((x) => x.id);
    throw new EscalationError('INVALID_EVENT', `No running obligation '${ref}' (running: ${ids.join(', ') || 'none'})`);
  }
  return o;
}

/** The child's risk changed: obligations with an imminent-risk rule follow it. */
function setRisk(d: Draft, imminent: boolean, atMs: number): void {
  d.esc.imminentRisk = imminent;
  for (const o of d.running()) {
    const rule: ObligationRule | undefined = d.c.rules.get(o.rule);
    if (!rule?.imminentRisk || o.extended) continue;
    if (imminent && 'notApplicable' in rule.imminentRisk) voidObligation(d, o, atMs, 'not applicable when the child is at imminent risk');
  }
  // What applies only at imminent risk starts now, when its anchor (the raising, or the stage the
  // escalation is at) has already passed.
  if (imminent && d.esc.status === 'open') {
    for (const rule of d.c.rules.values()) {
      if (!rule.imminentRisk || !('onlyThen' in rule.imminentRisk) || d.obligations.some((o) => o.rule === rule.id)) continue;
      const a = rule.anchor;
      if (a.on === 'raised' || (a.on === 'stage-entered' && (a.stages as readonly string[]).includes(d.esc.stage))) arm(d, rule, atMs, d.esc.stage);
    }
  }
  recomputeRunning(d);
}

