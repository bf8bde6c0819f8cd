// The "Try" pane: a simulated case on the policy being edited. The case is kept as the events that
// made it (and the simulated clock), and replayed on every change to the policy, so an author sees at
// once what an edit does to a case in flight.
import { errorText } from './errorText.js';
import { byId, formatDate, formatInstant, h } from './dom.js';
import {
  advanceCase,
  applyCaseEvent,
  caseCalendar,
  caseStatus,
  dateInLondon,
  EscalationError,
  londonMorning,
  RECORD_KINDS,
  RISKS,
  startCase,
  type AllowedEvent,
  type Deadline,
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
  /** The calendar a new case starts on (the timeline's closure days); the case keeps its own after. */
  readonly calendar: WorkingDayCalendar | null;
  /** Called with the case after a user action (null when cleared). */
  change(next: SimulatedCase | null): void;
}

/** Why a case, or an event, was refused: the library's error, and which event it was. */
interface Refusal {
  readonly error: unknown;
  /** 1-based, for an event already in the case that the edited policy no longer allows. */
  readonly event?: { readonly index: number; readonly type: string };
  readonly starting?: boolean;
}

type Replayed = { escalation: Escalation | null; refusal: Refusal | null };
/** An event as a control makes it: the pane adds when it happened. */
type NewEvent = EscalationEvent extends infer E ? (E extends EscalationEvent ? Omit<E, 'at'> : never) : never;

const CASE_ID = 'SIM-1';
const isRisk = (value: string | undefined): value is (typeof RISKS)[number] =>
  (RISKS as readonly string[]).includes(value ?? '');

function replay(policy: Policy, calendar: WorkingDayCalendar, sim: SimulatedCase): Replayed {
  // Links from the first studio kept the starting risk as `reason`.
  const risk = isRisk(sim.risk) ? sim.risk : isRisk(sim.reason) ? sim.reason : undefined;
  const reason = isRisk(sim.reason) ? undefined : sim.reason;
  let escalation: Escalation;
  try {
    escalation = startCase(
      policy,
      {
        id: CASE_ID,
        raisedAt: sim.raisedAt,
        ...(sim.startStage ? { startStage: sim.startStage } : {}),
        ...(risk && risk !== 'none' ? { risk } : {}),
        ...(reason ? { reason } : {}),
      },
      calendar,
    );
  } catch (error) {
    return { escalation: null, refusal: { error, starting: true } };
  }
  for (const [i, event] of sim.events.entries()) {
    try {
      escalation = applyCaseEvent(policy, escalation, event);
    } catch (error) {
      return { escalation, refusal: { error, event: { index: i + 1, type: event.type } } };
    }
  }
  const now = sim.now > escalation.asOf ? sim.now : escalation.asOf;
  return { escalation: advanceCase(policy, escalation, now), refusal: null };
}

/** Fills the start form's choices for this policy. */
export function prepareStartForm(policy: Policy | null): void {
  const stageSelect = byId<HTMLSelectElement>('sim-start-stage');
  const riskSelect = byId<HTMLSelectElement>('sim-start-risk');
  const keep = stageSelect.value;
  const stages = policy?.stages ?? [];
  const startable = new Set(policy?.movement.filter((m) => m.kind === 'start').flatMap((m) => [...m.to]) ?? []);
  stageSelect.replaceChildren(
    ...stages
      .filter((s, i) => i === 0 || startable.has(s.id))
      .map((s, i) => h('option', { value: i === 0 ? '' : s.id }, `${s.number}. ${s.title}`)),
  );
  if ([...stageSelect.options].some((o) => o.value === keep)) stageSelect.value = keep;
  const keepRisk = riskSelect.value;
  riskSelect.replaceChildren(...RISKS.map((r) => h('option', { value: r === 'none' ? '' : r }, riskWords(r))));
  riskSelect.value = keepRisk;
}

const riskWords = (risk: string) => (risk === 'none' ? 'none recorded' : risk.replace(/-/g, ' '));

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
  const { escalation, refusal } = replay(policy, calendar, sim);
  const refusalBox = h('div', { id: 'sim-refusal', role: 'alert' }, refusal ? refusalView(refusal, policy) : []);
  if (!escalation) {
    root.replaceChildren(refusalBox);
    return;
  }
  const now = sim.now > escalation.asOf ? sim.now : escalation.asOf;
  const status = caseStatus(policy, escalation, now);
  const act = (event: NewEvent) => {
    const when = whenItHappened(now);
    if ('problem' in when) {
      byId('sim-refusal').replaceChildren(h('p', {}, when.problem));
      return;
    }
    const next = { ...sim, events: [...sim.events, { ...event, ...when } as EscalationEvent] };
    // A refused event is shown, not kept: the case stays as it was.
    const tried = replay(policy, calendar, next);
    if (tried.refusal) {
      byId('sim-refusal').replaceChildren(...refusalView({ error: tried.refusal.error }, policy));
      return;
    }
    host.change(next);
  };
  // The pane is drawn afresh after each action: keep the keyboard where it was, or on the status.
  const focused = root.contains(document.activeElement) ? document.activeElement?.id : undefined;
  root.replaceChildren(
    refusalBox,
    clock(sim, escalation, now, host),
    statusSection(status, escalation, policy),
    eventsSection(status, escalation, policy, now, act),
    deadlinesSection(status),
    owedSection(status, escalation, policy),
    historySection(escalation, policy),
  );
  if (focused !== undefined) (document.getElementById(focused) ?? byId('sim-status')).focus();
}

// --- Refusals ----------------------------------------------------------------------------------

const stageName = (policy: Policy, id: string | undefined) => {
  const stage = policy.stages.find((s) => s.id === id);
  return stage ? `Stage ${stage.number} (${stage.title})` : String(id);
};

/** A refusal in words: the library's code and message, and for a refused move its rule, citation and requirement. */
function refusalView(refusal: Refusal, policy: Policy): HTMLElement[] {
  const { error } = refusal;
  const what = refusal.starting
    ? 'The case cannot start under this policy'
    : refusal.event
      ? `Event ${refusal.event.index} (${refusal.event.type}) no longer applies under this policy`
      : 'Refused';
  if (!(error instanceof EscalationError)) {
    return [h('p', {}, h('strong', {}, `${what}: `), errorText(error))];
  }
  const requires =
    error.requires === undefined
      ? undefined
      : typeof error.requires === 'string'
        ? error.requires
        : `${error.requires.reason} (${error.requires.description})`;
  const fields: [string, string, string | undefined][] = [
    ['code', 'Code', error.code],
    ['rule', 'Rule', error.rule],
    ['citation', 'The policy says', error.citation],
    ['from', 'From', error.from && stageName(policy, error.from)],
    ['to', 'To', error.to && stageName(policy, error.to)],
    ['requires', 'Requires', requires],
  ];
  return [
    h('p', { 'data-code': error.code }, h('strong', {}, `${what}: `), error.message),
    h(
      'dl',
      { className: 'refusal' },
      fields
        .filter(([, , value]) => value !== undefined)
        .flatMap(([key, label, value]) => [h('dt', {}, label), h('dd', { 'data-field': key }, value)]),
    ),
    h('p', {}, refusal.event ? 'The case is shown up to the event before.' : 'The case is as it was.'),
  ];
}

// --- The clock, and when an event happened ----------------------------------------------------

function clock(sim: SimulatedCase, escalation: Escalation, now: string, host: SimulationHost): HTMLElement {
  const days = h('input', { id: 'sim-days', type: 'number', min: 1, max: 60, value: 1, inputmode: 'numeric' });
  const advance = () => {
    const n = Math.max(1, Math.min(60, Math.trunc(Number(days.value) || 1)));
    const date = caseCalendar(escalation).addWorkingDays(dateInLondon(now), n);
    host.change({ ...sim, now: londonMorning(date) });
  };
  const closures = escalation.calendar.closures;
  return h(
    'section',
    { 'aria-labelledby': 'sim-clock-heading' },
    h('h3', { id: 'sim-clock-heading' }, 'Clock'),
    h(
      'p',
      { id: 'sim-clock' },
      `Case ${escalation.id}, raised ${formatInstant(escalation.raisedAt)}. `,
      h('strong', { id: 'sim-now', 'data-now': now }, `Now: ${formatInstant(now)}`),
      ' (London time). ',
      `Counted on the ${escalation.calendar.division} bank holidays`,
      closures.length ? `, with closure days ${closures.map(formatDate).join(', ')}.` : ', with no closure days.',
    ),
    h(
      'div',
      { className: 'controls' },
      h('label', {}, 'Move the clock forward by ', days, ' working day(s)'),
      h('button', { type: 'button', id: 'sim-advance', onclick: advance }, 'Move clock forward'),
    ),
  );
}

/** `at` (and `recordedAt` for a late fact) from the "when it happened" fields: now when they are empty. */
function whenItHappened(now: string): { at: string; recordedAt?: string } | { problem: string } {
  const date = byId<HTMLInputElement>('sim-when-date').value;
  const time = byId<HTMLInputElement>('sim-when-time').value || '10:00';
  if (!date) return { at: now };
  const [hours, minutes] = time.split(':').map(Number);
  const at = new Date(
    Date.parse(londonMorning(date, 10)) + ((hours ?? 10) - 10) * 3_600_000 + (minutes ?? 0) * 60_000,
  ).toISOString();
  if (at > now)
    return { problem: `It cannot have happened after the clock (${formatInstant(now)}): move the clock forward.` };
  // A fact that happened before the clock: learned now, judged by when it happened.
  return at === now ? { at } : { at, recordedAt: now };
}

// --- Status ------------------------------------------------------------------------------------

function statusSection(status: EscalationStatus, escalation: Escalation, policy: Policy): HTMLElement {
  const stage = `Stage ${status.stage.number}: ${status.stage.title}`;
  const deadline = status.stageDeadline;
  return h(
    'section',
    { 'aria-labelledby': 'sim-status-heading' },
    h('h3', { id: 'sim-status-heading' }, 'Status'),
    h(
      'p',
      {
        id: 'sim-status',
        tabindex: -1,
        'data-status': status.status,
        'data-stage': status.stage.id,
        'data-risk': escalation.risk,
      },
      status.open ? `Open, at ${stage}.` : `${status.status === 'resolved' ? 'Resolved' : 'Withdrawn'} at ${stage}.`,
      deadline
        ? h(
            'span',
            { className: deadline.overdue ? 'overdue' : '' },
            ` This stage is due by ${formatDate(deadline.dueDate)}`,
            deadline.overdue ? ' and is OVERDUE.' : ` (${deadline.workingDaysRemaining} working day(s) left).`,
          )
        : status.open
          ? ' This stage has no deadline of its own.'
          : '',
      ` Risk recorded: ${riskWords(escalation.risk)}.`,
    ),
    h('p', { className: 'cite' }, `Policy: ${policy.partnership}, ${policy.title}, version ${policy.version}.`),
  );
}

// --- What can happen now ----------------------------------------------------------------------

type Act = (event: NewEvent) => void;

function eventsSection(
  status: EscalationStatus,
  escalation: Escalation,
  policy: Policy,
  now: string,
  act: Act,
): HTMLElement {
  const allowed = (type: AllowedEvent['type']) => status.allowedEvents.filter((e) => e.type === type);
  const controls: HTMLElement[] = [
    ...allowed('ESCALATE').map((event) => escalateControl(event, policy, act)),
    ...allowed('EXPEDITE').map((event) => expediteControl(event, policy, act)),
  ];
  if (allowed('RECORD').length) controls.push(recordControl(policy, act));
  if (allowed('RESOLVE').length)
    controls.push(textControl('resolve', 'Resolve', 'Outcome', 'Agreed a way forward', act));
  if (allowed('WITHDRAW').length) controls.push(textControl('withdraw', 'Withdraw', 'Reason', 'No longer needed', act));
  if (allowed('RISK').length) controls.push(riskControl(escalation, act));
  for (const event of allowed('FLAG')) controls.push(flagControl(event, policy, act));
  for (const event of allowed('EXTEND')) controls.push(extendControl(event, status, act));
  for (const event of allowed('SET_TIMESCALE')) controls.push(timescaleControl(event, status, act));
  if (allowed('CALENDAR').length) controls.push(calendarControl(escalation, act));
  return h(
    'section',
    { 'aria-labelledby': 'sim-events-heading' },
    h('h3', { id: 'sim-events-heading' }, 'What can happen now'),
    controls.length ? whenControl(now) : null,
    controls.length
      ? h('div', { className: 'events' }, controls)
      : h('p', {}, 'Nothing: the case is closed and nothing is owed.'),
  );
}

function whenControl(now: string): HTMLElement {
  return h(
    'fieldset',
    { className: 'when', 'aria-describedby': 'sim-when-help' },
    h('legend', {}, 'When it happened'),
    h('label', {}, 'Date ', h('input', { id: 'sim-when-date', type: 'date', max: dateInLondon(now) })),
    h('label', {}, 'Time ', h('input', { id: 'sim-when-time', type: 'time', value: '10:00' })),
    h(
      'p',
      { id: 'sim-when-help', className: 'help' },
      'Leave the date empty for now. An earlier date enters a late fact: it is judged by when it happened, and the history keeps when it was entered.',
    ),
  );
}

const stageLabel = (policy: Policy, to: string | undefined) => {
  const stage = policy.stages.find((s) => s.id === to);
  return stage ? `Stage ${stage.number}` : String(to);
};

function escalateControl(event: AllowedEvent, policy: Policy, act: Act): HTMLElement {
  return h(
    'button',
    { type: 'button', id: `sim-escalate-${event.to}`, onclick: () => act({ type: 'ESCALATE' }) },
    `Escalate to ${stageLabel(policy, event.to)}`,
  );
}

function expediteControl(event: AllowedEvent, policy: Policy, act: Act): HTMLElement {
  const id = `sim-expedite-${event.to}`;
  const label = `Expedite to ${stageLabel(policy, event.to)}`;
  // A rule may ask for a reason that is not a risk (Somerset's significant policy issues).
  const reasons: string[] = typeof event.requires === 'object' ? [...RISKS, event.requires.reason] : [...RISKS];
  const reason = h(
    'select',
    { id: `${id}-reason` },
    reasons.map((r) => h('option', { value: r }, r === 'none' ? 'no reason given' : r)),
  );
  const rule = policy.movement.find((m) => m.id === event.rule);
  const requires = typeof event.requires === 'object' ? event.requires.reason : event.requires;
  return h(
    'fieldset',
    {},
    h('legend', {}, label),
    h('label', {}, 'Reason ', reason),
    rule
      ? h(
          'p',
          { className: 'cite' },
          `Rule ${rule.id}${requires && requires !== 'none' ? `, requires ${requires}` : ''}: “${rule.quote}”`,
        )
      : null,
    h(
      'button',
      {
        type: 'button',
        id,
        onclick: () =>
          act({ type: 'EXPEDITE', to: event.to!, ...(reason.value !== 'none' ? { reason: reason.value } : {}) }),
      },
      label,
    ),
  );
}

function recordControl(policy: Policy, act: Act): HTMLElement {
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
    h('option', { value: '' }, forms.length ? 'none' : 'no forms in this policy'),
    forms.map((f) => h('option', { value: f.id }, f.title)),
  );
  const recipients = policy.recipients ?? [];
  const to = h(
    'select',
    { id: 'sim-record-to' },
    h('option', { value: '' }, recipients.length ? 'nobody in particular' : 'no recipients in this policy'),
    recipients.map((r) => h('option', { value: r.id }, r.title)),
  );
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
              kind: kind.value as (typeof RECORD_KINDS)[number],
              ...(form.value ? { form: form.value } : {}),
              ...(to.value ? { to: to.value } : {}),
            },
          }),
      },
      'Record',
    ),
  );
}

function textControl(name: 'resolve' | 'withdraw', title: string, field: string, value: string, act: Act): HTMLElement {
  const input = h('input', { id: `sim-${name}-text`, value, size: 22 });
  const event = (): NewEvent =>
    name === 'resolve'
      ? { type: 'RESOLVE', outcome: input.value.trim() || 'Resolved' }
      : { type: 'WITHDRAW', reason: input.value.trim() || 'Withdrawn' };
  return h(
    'fieldset',
    {},
    h('legend', {}, title),
    h('label', {}, `${field} `, input),
    h('button', { type: 'button', id: `sim-${name}`, onclick: () => act(event()) }, title),
  );
}

function riskControl(escalation: Escalation, act: Act): HTMLElement {
  const risk = h(
    'select',
    { id: 'sim-risk' },
    RISKS.map((r) => h('option', { value: r }, riskWords(r))),
  );
  risk.value = escalation.risk;
  const reason = h('input', { id: 'sim-risk-reason', size: 18 });
  return h(
    'fieldset',
    {},
    h('legend', {}, 'Record the risk to the child'),
    h('label', {}, 'Risk ', risk),
    h('label', {}, 'Why (optional) ', reason),
    h(
      'button',
      {
        type: 'button',
        id: 'sim-set-risk',
        onclick: () =>
          act({
            type: 'RISK',
            risk: risk.value as (typeof RISKS)[number],
            ...(reason.value.trim() ? { reason: reason.value.trim() } : {}),
          }),
      },
      'Record risk',
    ),
  );
}

function flagControl(event: AllowedEvent, policy: Policy, act: Act): HTMLElement {
  const flag = policy.flags?.find((f) => f.id === event.flag);
  return h(
    'fieldset',
    {},
    h('legend', {}, `Flag: ${flag?.title ?? String(event.flag)}`),
    flag
      ? h('p', { className: 'cite' }, `${flag.citation.ref}${flag.citation.quote ? `: “${flag.citation.quote}”` : ''}`)
      : null,
    h(
      'button',
      { type: 'button', id: `sim-flag-${event.flag}`, onclick: () => act({ type: 'FLAG', flag: event.flag! }) },
      `Flag ${event.flag}`,
    ),
  );
}

/** An obligation id ('stage-1-resolution#1') as an element id: letters, digits and hyphens. */
const domId = (text: string | undefined) => String(text).replace(/[^\w-]/g, '-');

const deadlineOf = (status: EscalationStatus, obligation: string | undefined): Deadline | undefined =>
  status.deadlines.find((d) => d.id === obligation);

function extendControl(event: AllowedEvent, status: EscalationStatus, act: Act): HTMLElement {
  const deadline = deadlineOf(status, event.obligation);
  const id = `sim-extend-${domId(event.obligation)}`;
  const to = h('input', { id: `${id}-to`, type: 'date', min: deadline?.dueDate ?? '', required: true });
  const reason = h('input', { id: `${id}-reason`, value: 'More time agreed', size: 16 });
  const agreedBy = h('input', { id: `${id}-agreed-by`, value: 'Both managers', size: 14 });
  return h(
    'fieldset',
    {},
    h('legend', {}, `Extend (guidance): ${deadline?.label ?? event.obligation}`),
    deadline ? h('p', { className: 'help' }, `Due ${formatDate(deadline.dueDate)}.`) : null,
    h('label', {}, 'To ', to),
    h('label', {}, 'Reason ', reason),
    h('label', {}, 'Agreed by ', agreedBy),
    h(
      'button',
      {
        type: 'button',
        id,
        onclick: () =>
          act({
            type: 'EXTEND',
            obligation: event.obligation!,
            to: to.value,
            reason: reason.value.trim() || 'Extended',
            agreedBy: agreedBy.value.trim() || 'Not said',
          }),
      },
      'Extend',
    ),
  );
}

function timescaleControl(event: AllowedEvent, status: EscalationStatus, act: Act): HTMLElement {
  const deadline = deadlineOf(status, event.obligation);
  const id = `sim-timescale-${domId(event.obligation)}`;
  const due = h('input', { id: `${id}-date`, type: 'date', required: true });
  const reason = h('input', { id: `${id}-reason`, value: 'Agreed for this case', size: 16 });
  return h(
    'fieldset',
    {},
    h('legend', {}, `Set the timescale for this case: ${deadline?.label ?? event.obligation}`),
    h('label', {}, 'Due ', due),
    h('label', {}, 'Reason ', reason),
    h(
      'button',
      {
        type: 'button',
        id,
        onclick: () =>
          act({
            type: 'SET_TIMESCALE',
            obligation: event.obligation!,
            dueDate: due.value,
            reason: reason.value.trim() || 'Agreed',
          }),
      },
      'Set timescale',
    ),
  );
}

function calendarControl(escalation: Escalation, act: Act): HTMLElement {
  const day = h('input', { id: 'sim-closure-date', type: 'date', required: true });
  const reason = h('input', { id: 'sim-closure-reason', value: 'Office closed', size: 16 });
  return h(
    'fieldset',
    {},
    h('legend', {}, 'Close a day for this case'),
    h('label', {}, 'Closure day ', day),
    h('label', {}, 'Reason ', reason),
    h(
      'button',
      {
        type: 'button',
        id: 'sim-add-closure',
        onclick: () =>
          act({
            type: 'CALENDAR',
            closures: [...new Set([...escalation.calendar.closures, day.value])].sort(),
            reason: reason.value.trim() || 'Closure day',
          }),
      },
      'Add closure day',
    ),
  );
}

// --- Deadlines, what is owed, history -----------------------------------------------------------

const STATE_WORDS: Record<string, string> = {
  running: 'running',
  'due-next-working-day': 'due next working day',
  'due-today': 'due today',
  overdue: 'OVERDUE',
};

function roundsWords(deadline: Deadline): string {
  if (!deadline.nextRoundAt) return '';
  const next = `next round due ${formatDate(dateInLondon(deadline.nextRoundAt))}`;
  return deadline.roundsMissed ? `${deadline.roundsMissed} round(s) missed; ${next}` : `recurring; ${next}`;
}

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
                  { 'data-rule': d.rule, 'data-due': d.dueDate, 'data-rounds-missed': d.roundsMissed ?? 0 },
                  h('td', {}, d.label, d.strength === 'guidance' ? ' (guidance)' : ''),
                  h('td', {}, formatDate(d.dueDate)),
                  h(
                    'td',
                    { className: d.overdue ? 'overdue' : '' },
                    STATE_WORDS[d.state] ?? d.state,
                    d.nextRoundAt ? h('div', { className: 'rounds' }, roundsWords(d)) : null,
                  ),
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
              a.who ? ` (by ${a.who}${a.to ? `, to ${a.to}` : ''})` : a.to ? ` (to ${a.to})` : '',
              a.dueDate ? `, due ${formatDate(a.dueDate)}` : ', no date',
              a.overdue ? ': OVERDUE' : '',
              a.citation ? h('div', { className: 'cite' }, a.citation) : null,
            ),
          ),
        )
      : h('p', {}, 'Nothing is owed.'),
  );
}

const due = (dueAt: string | null) => (dueAt ? `due ${formatDate(dateInLondon(dueAt))}` : 'no date');

function describeEvent(event: EscalationEvent, policy: Policy): string {
  const late = event.recordedAt && event.recordedAt !== event.at ? ` (happened ${formatInstant(event.at)})` : '';
  switch (event.type) {
    case 'ESCALATE':
      return `ESCALATE${event.reason ? `: reason ${event.reason}` : ''}${late}`;
    case 'EXPEDITE':
      return `EXPEDITE to ${stageName(policy, event.to)}${event.reason ? `, reason ${event.reason}` : ''}${late}`;
    case 'RECORD': {
      const { kind, form, to } = event.record;
      return `RECORD: ${kind}${form ? ` (${form})` : ''}${to ? ` to ${to}` : ''}${late}`;
    }
    case 'RESOLVE':
      return `RESOLVE: outcome ${event.outcome}${late}`;
    case 'WITHDRAW':
      return `WITHDRAW: reason ${event.reason}${late}`;
    case 'EXTEND':
      return `EXTEND ${event.obligation} to ${formatDate(event.to)} (${event.reason}; agreed by ${event.agreedBy})${late}`;
    case 'SET_TIMESCALE':
      return `SET_TIMESCALE ${event.obligation}: due ${formatDate(event.dueDate)} (${event.reason})${late}`;
    case 'RISK':
      return `RISK: ${riskWords(event.risk)}${event.reason ? ` (${event.reason})` : ''}${late}`;
    case 'FLAG':
      return `FLAG: ${event.flag}${event.reason ? ` (${event.reason})` : ''}${late}`;
    case 'CALENDAR':
      return `CALENDAR: closures ${(event.closures ?? []).map(formatDate).join(', ') || 'none'} (${event.reason})${late}`;
  }
}

function describeEntry(entry: HistoryEntry, policy: Policy): string {
  switch (entry.type) {
    case 'raised':
      return `Raised${entry.risk !== 'none' ? `, risk ${riskWords(entry.risk)}` : ''}${entry.startStage ? ` at ${stageName(policy, entry.startStage)}` : ''}`;
    case 'event':
      return describeEvent(entry.event, policy);
    case 'stage-entered':
      return `Entered ${stageName(policy, entry.stage)} (${entry.how}${entry.rule ? `, rule ${entry.rule}` : ''})${entry.happenedAt ? `, happened ${formatInstant(entry.happenedAt)}` : ''}`;
    case 'stage-ended':
      return `Left ${stageName(policy, entry.stage)}: ${entry.deadlines.map((d) => `${d.rule} ${d.outcome}`).join(', ') || 'no deadlines'}`;
    case 'obligation-met':
      return `obligation-met: ${entry.obligation}, ${entry.onTime ? 'on time' : 'late'} (${entry.how}; happened ${formatInstant(entry.metAt)})${entry.roundsMissed ? `, ${entry.roundsMissed} round(s) missed` : ''}${entry.corrects ? `; corrects #${entry.corrects}` : ''}`;
    case 'obligation-void':
      return `obligation-void: ${entry.obligation ?? entry.rule}: ${entry.reason}`;
    case 'deadline-passed':
      return `deadline-passed: ${entry.obligation}, ${due(entry.dueAt)}`;
    case 'cap-breached':
      return `cap-breached: ${entry.obligation}, ${due(entry.dueAt)}`;
    case 'extended':
      return `extended: ${entry.obligation} from ${formatDate(entry.from)} to ${formatDate(entry.to)}, agreed by ${entry.agreedBy}`;
    case 'risk-changed':
      return `risk-changed: ${riskWords(entry.from)} to ${riskWords(entry.to)}`;
    case 'calendar-changed':
      return `calendar-changed: closure days ${entry.to.closures.map(formatDate).join(', ') || 'none'} (${entry.reason})${entry.moved.length ? `; moved ${entry.moved.join(', ')}` : ''}`;
    case 'hand-off':
      return `hand-off: ${entry.route} to ${entry.to}`;
    case 'started-earlier':
      return `started-earlier: ${entry.obligation} counts from ${formatInstant(entry.armedAt)} (was ${formatInstant(entry.was)}), ${due(entry.dueAt)}`;
    case 'move-overtaken':
      return `move-overtaken: #${entry.event}, made at ${stageName(policy, entry.stage)}, which #${entry.by} had left; ${entry.effect === 'none' ? 'moves the case no further' : 'takes the case on from where it is'}`;
    case 'reminder-due':
      return `reminder-due: ${entry.obligation}, ${entry.missedOccurrences} missed`;
    case 'note':
      return `note: ${entry.text}`;
    case 'migrated':
      return `migrated: version ${entry.from.version} to ${entry.to.version}, ${stageName(policy, entry.stage.to)} (${entry.reason})`;
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
          { 'data-type': entry.type, 'data-seq': entry.seq, value: entry.seq },
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
  const risk = byId<HTMLSelectElement>('sim-start-risk').value;
  const reason = byId<HTMLInputElement>('sim-start-reason').value.trim();
  return {
    raisedAt,
    ...(startStage ? { startStage } : {}),
    ...(isRisk(risk) && risk !== 'none' ? { risk } : {}),
    ...(reason ? { reason } : {}),
    events: [],
    now: raisedAt,
  };
}
