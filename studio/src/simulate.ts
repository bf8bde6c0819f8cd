// The "Try" pane: a simulated case on the policy being edited. The case is kept as the events that
// made it (and the simulated clock), and replayed on every change to the policy, so an author sees at
// once what an edit does to a case in flight.
import { byId, formatDate, formatInstant, h } from './dom.js';
import {
  advanceCase,
  applyCaseEvent,
  caseStatus,
  dateInLondon,
  londonMorning,
  RECORD_KINDS,
  RISKS,
  startCase,
  type AllowedEvent,
  type Escalation,
  type EscalationEvent,
  type EscalationStatus,
  type HistoryEntry,
  type Policy,
  type WorkingDayCalendar,
} from './library.js';
import type { SimulatedCase } from './share.js';

/** What the pane needs from the page. */
export interface SimulationHost {
  readonly policy: Policy | null;
  readonly calendar: WorkingDayCalendar | null;
  /** Called with the case after a user action (null when cleared). */
  change(next: SimulatedCase | null): void;
}

type Replayed = { escalation: Escalation | null; error: string | null };

const CASE_ID = 'SIM-1';

function replay(policy: Policy, calendar: WorkingDayCalendar, sim: SimulatedCase): Replayed {
  let escalation: Escalation;
  try {
    escalation = startCase(
      policy,
      {
        id: CASE_ID,
        raisedAt: sim.raisedAt,
        ...(sim.startStage ? { startStage: sim.startStage } : {}),
        ...(sim.reason ? (sim.reason === 'imminent-risk' ? { imminentRisk: true } : { reason: sim.reason }) : {}),
      },
      calendar,
    );
  } catch (error) {
    return { escalation: null, error: `The case cannot start under this policy: ${message(error)}` };
  }
  for (const [i, event] of sim.events.entries()) {
    try {
      escalation = applyCaseEvent(policy, escalation, event, calendar);
    } catch (error) {
      return {
        escalation,
        error: `Event ${i + 1} (${event.type}) no longer applies under this policy: ${message(error)}`,
      };
    }
  }
  return {
    escalation: advanceCase(policy, escalation, sim.now > escalation.asOf ? sim.now : escalation.asOf, calendar),
    error: null,
  };
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Fills the start form's choices for this policy. */
export function prepareStartForm(policy: Policy | null): void {
  const stageSelect = byId<HTMLSelectElement>('sim-start-stage');
  const reasonSelect = byId<HTMLSelectElement>('sim-start-reason');
  const keep = stageSelect.value;
  const stages = policy?.stages ?? [];
  const startable = new Set(policy?.movement.filter((m) => m.kind === 'start').flatMap((m) => [...m.to]) ?? []);
  stageSelect.replaceChildren(
    ...stages
      .filter((s, i) => i === 0 || startable.has(s.id))
      .map((s, i) => h('option', { value: i === 0 ? '' : s.id }, `${s.number}. ${s.title}`)),
  );
  if ([...stageSelect.options].some((o) => o.value === keep)) stageSelect.value = keep;
  const keepReason = reasonSelect.value;
  reasonSelect.replaceChildren(
    ...RISKS.map((r) => h('option', { value: r === 'none' ? '' : r }, r === 'none' ? 'no particular risk' : r)),
  );
  reasonSelect.value = keepReason;
}

/** Draws the pane for a case (or the invitation to start one). */
export function showSimulation(host: SimulationHost, sim: SimulatedCase | null): void {
  const root = byId('sim');
  if (!host.policy || !host.calendar) {
    root.replaceChildren(h('p', {}, 'Fix the errors in the policy to try a case on it.'));
    return;
  }
  if (!sim) {
    root.replaceChildren(
      h('p', {}, 'Start a case to see its deadlines, what is owed, and the moves the policy allows.'),
    );
    return;
  }
  const { policy, calendar } = host;
  const { escalation, error } = replay(policy, calendar, sim);
  const errorBox = h('div', { id: 'sim-error', role: 'alert' }, error ?? '');
  if (!escalation) {
    root.replaceChildren(errorBox);
    return;
  }
  const now = sim.now > escalation.asOf ? sim.now : escalation.asOf;
  const status = caseStatus(policy, escalation, now, calendar);
  const act = (event: Omit<EscalationEvent, 'at'> & { at?: string }) => {
    const next = { ...sim, events: [...sim.events, { ...event, at: now } as EscalationEvent] };
    // Refused moves are shown, not kept: the case stays as it was.
    const tried = replay(policy, calendar, next);
    if (tried.error) {
      byId('sim-error').textContent = tried.error;
      return;
    }
    host.change(next);
  };
  root.replaceChildren(
    errorBox,
    clock(sim, escalation, now, calendar, host),
    statusSection(status, policy),
    eventsSection(status, policy, act),
    deadlinesSection(status),
    owedSection(status, escalation, policy),
    historySection(escalation, policy),
  );
}

function clock(
  sim: SimulatedCase,
  escalation: Escalation,
  now: string,
  calendar: WorkingDayCalendar,
  host: SimulationHost,
): HTMLElement {
  const days = h('input', { id: 'sim-days', type: 'number', min: 1, max: 60, value: 1, inputmode: 'numeric' });
  const advance = () => {
    const n = Math.max(1, Math.min(60, Math.trunc(Number(days.value) || 1)));
    const date = calendar.addWorkingDays(dateInLondon(now), n);
    host.change({ ...sim, now: londonMorning(date) });
  };
  return h(
    'section',
    { 'aria-labelledby': 'sim-clock-heading' },
    h('h3', { id: 'sim-clock-heading' }, 'Clock'),
    h(
      'p',
      {},
      `Case ${escalation.id}, raised ${formatInstant(escalation.raisedAt)}. `,
      h('strong', { id: 'sim-now', 'data-now': now }, `Now: ${formatInstant(now)}`),
      ' (London time).',
    ),
    h(
      'div',
      { className: 'controls' },
      h('label', {}, 'Move the clock forward by ', days, ' working day(s)'),
      h('button', { type: 'button', id: 'sim-advance', onclick: advance }, 'Move clock forward'),
    ),
  );
}

function statusSection(status: EscalationStatus, policy: Policy): HTMLElement {
  const stage = `Stage ${status.stage.number}: ${status.stage.title}`;
  const deadline = status.stageDeadline;
  return h(
    'section',
    { 'aria-labelledby': 'sim-status-heading' },
    h('h3', { id: 'sim-status-heading' }, 'Status'),
    h(
      'p',
      { id: 'sim-status', 'data-status': status.status, 'data-stage': status.stage.id },
      status.open ? `Open, at ${stage}.` : `${status.status === 'resolved' ? 'Resolved' : 'Withdrawn'} at ${stage}.`,
      deadline
        ? h(
            'span',
            { className: deadline.overdue ? 'overdue' : '' },
            ` This stage is due by ${formatDate(deadline.dueDate)}`,
            deadline.overdue ? ' and is overdue.' : ` (${deadline.workingDaysRemaining} working day(s) left).`,
          )
        : status.open
          ? ' This stage has no deadline of its own.'
          : '',
    ),
    h('p', { className: 'cite' }, `Policy: ${policy.partnership}, ${policy.title}, version ${policy.version}.`),
  );
}

function eventLabel(event: AllowedEvent, policy: Policy): string {
  const stage = policy.stages.find((s) => s.id === event.to);
  const to = stage ? `Stage ${stage.number}` : event.to;
  switch (event.type) {
    case 'ESCALATE':
      return `Escalate to ${to}`;
    case 'EXPEDITE':
      return `Expedite to ${to}`;
    case 'RESOLVE':
      return 'Resolve';
    case 'WITHDRAW':
      return 'Withdraw';
    default:
      return event.type;
  }
}

function eventsSection(status: EscalationStatus, policy: Policy, act: (event: never) => void): HTMLElement {
  const moves = status.allowedEvents.filter((e) => e.type === 'ESCALATE' || e.type === 'EXPEDITE');
  const controls: HTMLElement[] = moves.map((event) => {
    const label = eventLabel(event, policy);
    const id = `sim-${event.type.toLowerCase()}-${event.to}`;
    if (event.type === 'ESCALATE')
      return h('button', { type: 'button', id, onclick: () => act({ type: 'ESCALATE' } as never) }, label);
    // A rule may ask for a reason that is not a risk (Somerset's significant policy issues).
    const reasons: string[] = typeof event.requires === 'object' ? [...RISKS, event.requires.reason] : [...RISKS];
    const reason = h(
      'select',
      { id: `${id}-reason` },
      reasons.map((r) => h('option', { value: r }, r)),
    );
    reason.value = typeof event.requires === 'object' ? event.requires.reason : (event.requires ?? 'none');
    return h(
      'fieldset',
      {},
      h('legend', {}, label),
      h('label', {}, 'Reason ', reason),
      event.rule
        ? h(
            'span',
            { className: 'cite' },
            `rule ${event.rule}${event.requires && event.requires !== 'none' ? `, requires ${event.requires}` : ''}`,
          )
        : null,
      h(
        'button',
        {
          type: 'button',
          id,
          onclick: () =>
            act({
              type: 'EXPEDITE',
              to: event.to,
              ...(reason.value !== 'none' ? { reason: reason.value } : {}),
            } as never),
        },
        label,
      ),
    );
  });
  if (status.allowedEvents.some((e) => e.type === 'RECORD')) controls.push(recordControls(policy, act));
  if (status.allowedEvents.some((e) => e.type === 'RESOLVE')) {
    const outcome = h('input', { id: 'sim-outcome', value: 'Agreed a way forward', size: 22 });
    controls.push(
      h(
        'fieldset',
        {},
        h('legend', {}, 'Resolve'),
        h('label', {}, 'Outcome ', outcome),
        h(
          'button',
          {
            type: 'button',
            id: 'sim-resolve',
            onclick: () => act({ type: 'RESOLVE', outcome: outcome.value.trim() || 'Resolved' } as never),
          },
          'Resolve',
        ),
      ),
    );
  }
  if (status.allowedEvents.some((e) => e.type === 'WITHDRAW')) {
    const reason = h('input', { id: 'sim-withdraw-reason', value: 'No longer needed', size: 18 });
    controls.push(
      h(
        'fieldset',
        {},
        h('legend', {}, 'Withdraw'),
        h('label', {}, 'Reason ', reason),
        h(
          'button',
          {
            type: 'button',
            id: 'sim-withdraw',
            onclick: () => act({ type: 'WITHDRAW', reason: reason.value.trim() || 'Withdrawn' } as never),
          },
          'Withdraw',
        ),
      ),
    );
  }
  return h(
    'section',
    { 'aria-labelledby': 'sim-events-heading' },
    h('h3', { id: 'sim-events-heading' }, 'What can happen now'),
    controls.length
      ? h('div', { className: 'events' }, controls)
      : h('p', {}, 'Nothing: the case is closed and nothing is owed.'),
  );
}

function recordControls(policy: Policy, act: (event: never) => void): HTMLElement {
  const kind = h(
    'select',
    { id: 'sim-record-kind' },
    RECORD_KINDS.map((k) => h('option', { value: k }, k)),
  );
  kind.value = 'meeting';
  const forms = policy.forms ?? [];
  const form = h(
    'select',
    { id: 'sim-record-form' },
    forms.length
      ? forms.map((f) => h('option', { value: f.id }, f.title))
      : h('option', { value: '' }, 'no forms in this policy'),
  );
  const to = h('input', { id: 'sim-record-to', size: 18, placeholder: 'who was told or answered' });
  return h(
    'fieldset',
    {},
    h('legend', {}, 'Record'),
    h('label', {}, 'Kind ', kind),
    h('label', {}, 'Form ', form),
    h('label', {}, 'To ', to),
    h(
      'button',
      {
        type: 'button',
        id: 'sim-record',
        onclick: () =>
          act({
            type: 'RECORD',
            record: {
              kind: kind.value,
              ...(kind.value === 'form' && form.value ? { form: form.value } : {}),
              ...(to.value.trim() ? { to: to.value.trim() } : {}),
            },
          } as never),
      },
      'Record',
    ),
  );
}

const STATE_WORDS: Record<string, string> = {
  running: 'running',
  'due-next-working-day': 'due next working day',
  'due-today': 'due today',
  overdue: 'OVERDUE',
};

function deadlinesSection(status: EscalationStatus): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'sim-deadlines-heading' },
    h('h3', { id: 'sim-deadlines-heading' }, 'Deadlines'),
    status.deadlines.length
      ? h(
          'div',
          { className: 'table-wrap' },
          h(
            'table',
            { id: 'sim-deadlines' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'col' }, 'What'),
                h('th', { scope: 'col' }, 'Due'),
                h('th', { scope: 'col' }, 'State'),
                h('th', { scope: 'col' }, 'Rule'),
              ),
            ),
            h(
              'tbody',
              {},
              status.deadlines.map((d) =>
                h(
                  'tr',
                  { 'data-rule': d.rule, 'data-due': d.dueDate },
                  h('td', {}, d.label, d.strength === 'guidance' ? ' (guidance)' : ''),
                  h('td', {}, formatDate(d.dueDate)),
                  h('td', { className: d.overdue ? 'overdue' : '' }, STATE_WORDS[d.state] ?? d.state),
                  h('td', { className: 'cite' }, d.citation),
                ),
              ),
            ),
          ),
        )
      : h('p', {}, 'No deadline is running.'),
  );
}

function owedSection(status: EscalationStatus, escalation: Escalation, policy: Policy): HTMLElement {
  // A duty armed once per stage (case records at each stage) is told apart by its stage.
  const stageOf = new Map(escalation.obligations.map((o) => [o.id, o.stage] as const));
  const stageNumber = (obligation: string | null) =>
    policy.stages.find((s) => s.id === (obligation ? stageOf.get(obligation) : undefined))?.number;
  return h(
    'section',
    { 'aria-labelledby': 'sim-owed-heading' },
    h('h3', { id: 'sim-owed-heading' }, 'What is owed, and by whom'),
    status.requiredActions.length
      ? h(
          'ul',
          { id: 'sim-owed' },
          status.requiredActions.map((a) =>
            h(
              'li',
              { 'data-obligation': a.obligation ?? '' },
              h('strong', { className: a.overdue ? 'overdue' : '' }, a.action),
              stageNumber(a.obligation) !== undefined ? ` [Stage ${stageNumber(a.obligation)}]` : '',
              a.who ? ` (by ${a.who}${a.to ? `, to ${a.to}` : ''})` : '',
              a.dueDate ? `, due ${formatDate(a.dueDate)}` : ', no date',
              a.overdue ? ': overdue' : '',
              a.citation ? h('div', { className: 'cite' }, a.citation) : null,
            ),
          ),
        )
      : h('p', {}, 'Nothing is owed.'),
  );
}

function describeEntry(entry: HistoryEntry, policy: Policy): string {
  const stageName = (id: unknown) => {
    const stage = policy.stages.find((s) => s.id === id);
    return stage ? `Stage ${stage.number} (${stage.title})` : String(id);
  };
  const e = entry as HistoryEntry & Record<string, unknown>;
  switch (entry.type) {
    case 'raised':
      return `Raised${e.imminentRisk ? ', with imminent risk' : ''}`;
    case 'event': {
      const event = e.event as Record<string, unknown>;
      const record = event.record as Record<string, unknown> | undefined;
      const details = [
        event.to && `to ${String(event.to)}`,
        event.reason && `reason: ${String(event.reason)}`,
        event.outcome && `outcome: ${String(event.outcome)}`,
        record &&
          `${String(record.kind)}${record.form ? ` (${String(record.form)})` : ''}${record.to ? ` to ${String(record.to)}` : ''}`,
      ]
        .filter(Boolean)
        .join(', ');
      return `${String(event.type)}${details ? `: ${details}` : ''}`;
    }
    case 'stage-entered':
      return `Entered ${stageName(e.stage)}${e.how ? ` (${String(e.how)})` : ''}`;
    case 'stage-ended':
      return `Left ${stageName(e.stage)}`;
    default: {
      const what = [
        e.obligation ?? e.rule,
        e.onTime === true ? 'on time' : e.onTime === false ? 'late' : '',
        typeof e.dueAt === 'string' ? `due ${formatDate(dateInLondon(e.dueAt))}` : '',
        e.reason,
      ]
        .filter(Boolean)
        .map(String);
      return `${entry.type}${what.length ? `: ${what.join(', ')}` : ''}`;
    }
  }
}

function historySection(escalation: Escalation, policy: Policy): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'sim-history-heading' },
    h('h3', { id: 'sim-history-heading' }, `History (${escalation.history.length} entries)`),
    h(
      'ol',
      { id: 'sim-history' },
      escalation.history.map((entry) =>
        h(
          'li',
          { 'data-type': entry.type },
          h('time', { datetime: entry.at }, formatInstant(entry.at)),
          ' — ',
          describeEntry(entry, policy),
        ),
      ),
    ),
  );
}

/** A new case from the start form. */
export function startFromForm(): SimulatedCase {
  const date = byId<HTMLInputElement>('sim-raised-on').value;
  const [hours, minutes] = byId<HTMLInputElement>('sim-raised-time').value.split(':').map(Number);
  const raisedAt = new Date(
    Date.parse(londonMorning(date, 10)) + ((hours ?? 10) - 10) * 3_600_000 + (minutes ?? 0) * 60_000,
  ).toISOString();
  const startStage = byId<HTMLSelectElement>('sim-start-stage').value;
  const reason = byId<HTMLSelectElement>('sim-start-reason').value;
  return { raisedAt, ...(startStage ? { startStage } : {}), ...(reason ? { reason } : {}), events: [], now: raisedAt };
}
