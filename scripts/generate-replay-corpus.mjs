// The replay corpus (run by `npm run generate`, after the build; or alone, after `npx tsup`): stored
// escalations of the five policies and what getStatus says of each at fixed instants, in
// test/replay/. test/replay/replay.test.ts replays every case against the current code and fails on
// any change in a due date, an overdue flag or an owed duty, until the corpus is regenerated on
// purpose: then `git diff test/replay/*.statuses.jsonl` shows which cases moved, one line a status.
//
// The cases are the shapes of the policies' scenario tests, written out below, and cases made by a
// seeded random generator (the same seed, the same cases) that picks, at each step, among the events
// getStatus allows and the records that meet what is owed, with late facts now and then.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  applyEvent,
  EscalationError,
  getStatus,
  movesFrom,
  NATURES,
  policies,
  startEscalation,
} from 'safeguarding-escalation';
import { generator, prng, seedOf } from './seeded.mjs';

export const CORPUS_DIR = fileURLToPath(new URL('../test/replay/', import.meta.url));
const RANDOM_CASES = 80;
const DAY = 86_400_000;
const HOUR = 3_600_000;

// --- Stable JSON: keys sorted, one value a line ---------------------------------------------------

function sorted(value) {
  if (Array.isArray(value)) return value.map(sorted);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort()
      .map((key) => [key, sorted(value[key])]),
  );
}

/** One JSON Lines line: keys sorted, so that the same value is always the same text. */
export const line = (value) => JSON.stringify(sorted(value));

// --- What the corpus records of a status ----------------------------------------------------------

/**
 * What the corpus keeps of a status: the stage and status, every dated deadline as one readable line
 * (its due date, whether it is overdue, rounds missed), and the duties owed without a date.
 */
export function statusRecord(caseId, at, status) {
  return {
    case: caseId,
    at,
    stage: status.stage.id,
    status: status.status,
    deadlines: status.deadlines.map(
      (d) =>
        `${d.id}: ${d.dueDate}${d.overdue ? ', overdue' : ''}${d.roundsMissed ? `, ${d.roundsMissed} round(s) missed` : ''}`,
    ),
    owed: status.requiredActions.filter((a) => a.obligation !== null && a.dueDate === null).map((a) => a.obligation),
  };
}

/** The instants a case's status is recorded at: when it was last brought up to, 3 days and 30 days later. */
export function instantsOf(escalation) {
  const asOf = Date.parse(escalation.asOf);
  return [asOf, asOf + 3 * DAY, asOf + 30 * DAY].map((ms) => new Date(ms).toISOString());
}

/** How to make a stored escalation again: its start and its events, as the history recorded them. */
export function replayInputs(escalation) {
  const raised = escalation.history[0];
  const start = {
    id: escalation.id,
    raisedAt: escalation.raisedAt,
    ...(raised.risk !== 'none' ? { risk: raised.risk } : {}),
    ...(raised.startStage ? { startStage: raised.startStage } : {}),
    ...(raised.reason ? { reason: raised.reason } : {}),
    ...(escalation.raisedBy ? { raisedBy: escalation.raisedBy } : {}),
    ...(escalation.concern ? { concern: escalation.concern } : {}),
  };
  return { start, events: escalation.history.filter((h) => h.type === 'event').map((h) => h.event) };
}

// --- The scenario tests' shapes -------------------------------------------------------------------

const SCENARIOS = {
  suffolk: [
    // Across Christmas to its Stage 5 response (the chart in docs/engine.md).
    {
      raisedAt: '2024-12-20T10:00:00Z',
      events: [
        { type: 'RECORD', at: '2024-12-24T16:00:00Z', record: { kind: 'meeting' } },
        { type: 'ESCALATE', at: '2024-12-27T09:00:00Z' },
        { type: 'RECORD', at: '2024-12-27T15:00:00Z', record: { kind: 'form', form: 'escalation-record-form' } },
        { type: 'ESCALATE', at: '2024-12-30T10:00:00Z' },
        { type: 'ESCALATE', at: '2025-01-06T10:00:00Z' },
        { type: 'ESCALATE', at: '2025-01-07T10:00:00Z' },
      ],
    },
    // Straight to the final stage, then its notice and response.
    {
      raisedAt: '2024-12-20T10:00:00Z',
      events: [
        { type: 'EXPEDITE', to: 'stage-5', at: '2024-12-20T11:00:00Z' },
        { type: 'RECORD', at: '2024-12-23T09:00:00Z', record: { kind: 'notification', to: 'agency representative' } },
      ],
    },
    // A discussion learned late, and Stage 1 left late.
    {
      raisedAt: '2025-04-16T09:00:00Z',
      events: [
        { type: 'ESCALATE', at: '2025-04-24T10:00:00Z' },
        {
          type: 'RECORD',
          at: '2025-04-17T11:00:00Z',
          recordedAt: '2025-04-24T12:00:00Z',
          record: { kind: 'discussion' },
        },
      ],
    },
  ],
  barnsley: [
    // Stage One across Christmas, the Partnership Manager told once, then no update.
    {
      raisedAt: '2024-12-18T10:00:00Z',
      events: [
        { type: 'ESCALATE', at: '2024-12-19T10:00:00Z' },
        {
          type: 'RECORD',
          at: '2024-12-19T11:00:00Z',
          record: { kind: 'notification', to: 'SafeguardingUnit@barnsley.gov.uk' },
        },
      ],
    },
    // Straight to Stage 3 for significant concerns, resolved, the conclusion owed.
    {
      raisedAt: '2025-03-03T09:00:00Z',
      events: [
        { type: 'ESCALATE', at: '2025-03-03T10:00:00Z' },
        { type: 'EXPEDITE', to: 'stage-3', reason: 'significant-risk', at: '2025-03-04T10:00:00Z' },
        { type: 'RESOLVE', outcome: 'Plan agreed by the Safeguarding Partners', at: '2025-03-10T10:00:00Z' },
      ],
    },
    // Resolved at Stage Two across Easter, the written confirmation owed.
    {
      raisedAt: '2025-04-14T09:00:00Z',
      events: [
        { type: 'ESCALATE', at: '2025-04-14T10:00:00Z' },
        { type: 'ESCALATE', at: '2025-04-16T10:00:00Z' },
        { type: 'RESOLVE', outcome: 'Agreed', at: '2025-04-24T15:00:00Z' },
      ],
    },
  ],
  'derby-derbyshire': [
    // Stage 1 to 3 across Christmas and New Year.
    {
      raisedAt: '2024-12-19T10:00:00Z',
      events: [
        { type: 'ESCALATE', at: '2024-12-23T10:00:00Z' },
        { type: 'ESCALATE', at: '2024-12-30T10:00:00Z' },
      ],
    },
    // An imminent concern straight to Stage 4; the template owed.
    {
      raisedAt: '2025-02-03T09:00:00Z',
      events: [{ type: 'EXPEDITE', to: 'stage-4', reason: 'imminent-risk', at: '2025-02-03T10:00:00Z' }],
    },
    // Withdrawn at Stage 3: feedback still owed.
    {
      raisedAt: '2025-04-17T09:00:00Z',
      events: [
        { type: 'ESCALATE', at: '2025-04-22T10:00:00Z' },
        { type: 'ESCALATE', at: '2025-04-23T10:00:00Z' },
        { type: 'WITHDRAW', reason: 'Resolved outside the process', at: '2025-04-30T10:00:00Z' },
      ],
    },
  ],
  somerset: [
    // Significant policy issues straight to the Board Coordinator.
    {
      raisedAt: '2025-01-06T09:00:00Z',
      events: [{ type: 'EXPEDITE', to: 'stage-5', reason: 'significant-policy-issue', at: '2025-01-07T09:00:00Z' }],
    },
    // Resolved at Stage 2: the written confirmation owed.
    {
      raisedAt: '2025-05-01T09:00:00Z',
      events: [
        { type: 'ESCALATE', at: '2025-05-02T09:00:00Z' },
        { type: 'RESOLVE', outcome: 'Agreed', at: '2025-05-09T09:00:00Z' },
      ],
    },
  ],
  devon: [
    // Flagged, logged with the PDG chair late.
    {
      raisedAt: '2025-01-13T09:00:00Z',
      events: [
        { type: 'FLAG', flag: 'potentially-serious-concern', at: '2025-01-13T10:00:00Z' },
        { type: 'RECORD', at: '2025-01-20T10:00:00Z', record: { kind: 'notification', to: 'PDG chair' } },
      ],
    },
    // Started at Stage 5 for a risk of immediate harm.
    { raisedAt: '2025-06-02T09:00:00Z', startStage: 'stage-5', risk: 'immediate-harm', events: [] },
  ],
};

// --- The seeded generator -------------------------------------------------------------------------

const kindsOf = (kind) => (typeof kind === 'string' ? [kind] : kind);

/** A record that meets a duty's `record` meet. */
function recordFor(policy, rule, g) {
  const meet = rule.meet;
  const to = meet.to === undefined ? undefined : g.pick(typeof meet.to === 'string' ? [meet.to] : meet.to);
  const recipient = to && policy.recipients?.find((r) => r.id === to);
  const name = recipient
    ? g.pick([recipient.id, recipient.title, ...(recipient.aliases ?? []), ...(recipient.addresses ?? [])])
    : undefined;
  return { kind: g.pick(kindsOf(meet.kind)), ...(meet.form ? { form: meet.form } : {}), ...(name ? { to: name } : {}) };
}

const RECORD_KINDS = [
  'discussion',
  'meeting',
  'form',
  'notification',
  'feedback',
  'response',
  'written-confirmation',
  'decision',
  'learning',
  'note',
];

/** The next event for a case at `t`, among what getStatus allows and what meets what is owed. */
function nextEvent(policy, e, t, g) {
  const status = getStatus(policy, e, new Date(t).toISOString());
  const rules = new Map(policy.obligations.map((o) => [o.id, o]));
  const options = [];
  for (const action of status.requiredActions) {
    const rule = action.obligation && rules.get(action.obligation.split('#')[0]);
    if (rule?.meet.by === 'record')
      options.push([
        4 / status.requiredActions.length + 0.5,
        () => ({ type: 'RECORD', record: recordFor(policy, rule, g) }),
      ]);
  }
  options.push([
    1.5,
    () => ({
      type: 'RECORD',
      record: {
        kind: g.pick(RECORD_KINDS),
        ...(g.rand() < 0.3 && policy.forms?.length ? { form: g.pick(policy.forms).id } : {}),
      },
    }),
  ]);
  for (const allowed of status.allowedEvents) {
    switch (allowed.type) {
      case 'ESCALATE':
        options.push([3, () => ({ type: 'ESCALATE' })]);
        break;
      case 'EXPEDITE': {
        const requires = allowed.requires;
        const reason = typeof requires === 'object' ? requires.reason : requires !== 'none' ? requires : undefined;
        options.push([0.8, () => ({ type: 'EXPEDITE', to: allowed.to, ...(reason ? { reason } : {}) })]);
        break;
      }
      case 'RESOLVE':
        options.push([
          0.8,
          () => ({ type: 'RESOLVE', outcome: g.pick(['Agreed', 'Plan reviewed', 'Referral accepted']) }),
        ]);
        break;
      case 'WITHDRAW':
        options.push([0.3, () => ({ type: 'WITHDRAW', reason: 'No longer needed' })]);
        break;
      case 'RISK':
        options.push([0.4, () => ({ type: 'RISK', risk: g.pick(['none', 'significant-risk', 'imminent-risk']) })]);
        break;
      case 'FLAG':
        options.push([0.5, () => ({ type: 'FLAG', flag: allowed.flag })]);
        break;
      case 'EXTEND': {
        const deadline = status.deadlines.find((d) => d.id === allowed.obligation);
        if (deadline) {
          const to = new Date(Date.parse(`${deadline.dueDate}T12:00:00Z`) + g.int(1, 10) * DAY)
            .toISOString()
            .slice(0, 10);
          options.push([
            0.3,
            () => ({
              type: 'EXTEND',
              obligation: allowed.obligation,
              to,
              reason: 'Agreed at the meeting',
              agreedBy: 'Both managers',
            }),
          ]);
        }
        break;
      }
      case 'CALENDAR': {
        const day = new Date(t + g.int(1, 15) * DAY).toISOString().slice(0, 10);
        options.push([
          0.1,
          () => ({
            type: 'CALENDAR',
            closures: [...new Set([...e.calendar.closures, day])].sort(),
            reason: 'An office closure day',
          }),
        ]);
        break;
      }
      default:
        break;
    }
  }
  return g.weighted(options)();
}

/** A random start: a date from 2019 to 2027 (a quarter of them around Christmas), sometimes above the first stage. */
function randomStart(policy, id, g) {
  const year = g.int(2019, 2027);
  const day = g.rand() < 0.25 ? Date.UTC(year, 11, g.int(15, 30)) : Date.UTC(year, 0, 1) + g.int(0, 360) * DAY;
  const raisedAt = new Date(day + g.int(7 * 60, 18 * 60) * 60_000).toISOString();
  const later = movesFrom(policy, 'raised').filter((m) => m.rule);
  const start = { id, raisedAt, ...(g.rand() < 0.5 ? { concern: { nature: g.pick(NATURES) } } : {}) };
  if (later.length && g.rand() < 0.15) {
    const move = g.pick(later);
    const requires = move.rule.requires;
    return {
      ...start,
      startStage: move.to,
      ...(typeof requires === 'object' ? { reason: requires.reason } : requires !== 'none' ? { risk: requires } : {}),
    };
  }
  return g.rand() < 0.1 ? { ...start, risk: g.pick(['significant-risk', 'imminent-risk']) } : start;
}

function randomCase(policy, n) {
  const id = `${policy.id}-r${String(n).padStart(3, '0')}`;
  const g = generator(prng(seedOf(id)));
  let e = startEscalation(policy, randomStart(policy, id, g));
  let t = Date.parse(e.raisedAt);
  const steps = g.int(0, 10);
  for (let i = 0; i < steps; i++) {
    t += g.weighted([
      [3, g.int(10, 600) * 60_000],
      [3, g.int(1, 4) * DAY + g.int(0, 8) * HOUR],
      [1, g.int(5, 15) * DAY],
    ]);
    const body = nextEvent(policy, e, t, g);
    // Now and then a record learned late: it happened up to two days before it was learned.
    const late =
      body.type === 'RECORD' && g.rand() < 0.15 ? Math.min(g.int(1, 48) * HOUR, t - Date.parse(e.raisedAt)) : 0;
    const times =
      late > 0
        ? { at: new Date(t - late).toISOString(), recordedAt: new Date(t).toISOString() }
        : { at: new Date(t).toISOString() };
    try {
      e = applyEvent(policy, e, { ...body, ...times });
    } catch (error) {
      if (!(error instanceof EscalationError)) throw error; // refused: the case goes on without it
    }
  }
  return e;
}

function scenarioCase(policy, n, scenario) {
  const id = `${policy.id}-s${String(n).padStart(2, '0')}`;
  const { events, ...start } = scenario;
  return events.reduce((e, event) => applyEvent(policy, e, event), startEscalation(policy, { id, ...start }));
}

/** Every case of a policy: the scenarios, then the seeded random ones. */
export function corpusCases(policy) {
  const scenarios = (SCENARIOS[policy.id] ?? []).map((scenario, i) => scenarioCase(policy, i + 1, scenario));
  const generated = Array.from({ length: RANDOM_CASES }, (_, i) => randomCase(policy, i + 1));
  return [...scenarios, ...generated];
}

/** The two files of a policy's corpus, as text. */
export function corpusFiles(policy) {
  const cases = corpusCases(policy);
  const escalations = cases.map((e) => line({ case: e.id, escalation: e }));
  const statuses = cases.flatMap((e) =>
    instantsOf(e).map((at) => line(statusRecord(e.id, at, getStatus(policy, e, at)))),
  );
  return { escalations: `${escalations.join('\n')}\n`, statuses: `${statuses.join('\n')}\n` };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1])) {
  fs.mkdirSync(CORPUS_DIR, { recursive: true });
  for (const policy of Object.values(policies)) {
    const { escalations, statuses } = corpusFiles(policy);
    fs.writeFileSync(`${CORPUS_DIR}${policy.id}.escalations.jsonl`, escalations);
    fs.writeFileSync(`${CORPUS_DIR}${policy.id}.statuses.jsonl`, statuses);
  }
  console.log(`wrote the replay corpus in test/replay/: ${Object.keys(policies).length} policies`);
}
