// The 0.1 corpus (test/upgrade/*.jsonl): escalations made by version 0.1.0 of this package, stored as
// 0.1 stored them (format 1), with what 0.1's getStatus said of each at a few instants. The tests in
// test/upgrade/ restore every case with the current code and compare its answers with 0.1's.
//
// It needs 0.1.0 itself, built, outside this repository:
//
//   git worktree add --detach /tmp/safeguarding-escalation-0.1 4a5ef7b
//   (cd /tmp/safeguarding-escalation-0.1 && npm ci && npx tsup)
//   node scripts/generate-upgrade-corpus.mjs /tmp/safeguarding-escalation-0.1
//   git worktree remove --force /tmp/safeguarding-escalation-0.1
//
// The cases, per policy: the shapes of 0.1's own scenario tests; cases made by a seeded generator that
// picks, at each step, among the events 0.1's getStatus allows and the records that meet what is owed,
// with records learned late (0.1's `occurredAt`), changes of risk, extensions, and now and then an
// event at a deadline's very due instant; and sequences from 0.1's own fast-check arbitraries
// (`safeguarding-escalation/testing`), with a fixed seed, valid and invalid events mixed. The same
// checkout gives the same files.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generator, prng, seedOf } from './seeded.mjs';

export const CORPUS_DIR = fileURLToPath(new URL('../test/upgrade/', import.meta.url));
const GUIDED_CASES = 33;
const ARBITRARY_CASES = 6;
const DAY = 86_400_000;
const HOUR = 3_600_000;

// --- Stable JSON ----------------------------------------------------------------------------------

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

// --- What the corpus records of a status ----------------------------------------------------------

/**
 * What the corpus keeps of a status, in the same words for 0.1's answers and the current code's: the
 * stage and status, each dated deadline (`id: due date`, and whether it is overdue), and every
 * required action by its obligation (`-` for the stage's own "resolve or escalate").
 */
export function statusRecord(at, status) {
  return {
    at,
    stage: status.stage.id,
    status: status.status,
    deadlines: status.deadlines.map((d) => `${d.id}: ${d.dueDate}${d.overdue ? ', overdue' : ''}`).sort(),
    actions: status.requiredActions.map((a) => a.obligation ?? '-').sort(),
  };
}

/**
 * The instants a case's status is recorded at: when it was last brought up to, 3 days and 30 days
 * later, and the first due instant still to come then, if any (exactly: not yet overdue).
 */
export function instantsOf(escalation) {
  const asOf = Date.parse(escalation.asOf);
  const list = [asOf, asOf + 3 * DAY, asOf + 30 * DAY];
  const next = escalation.obligations
    .filter((o) => o.status === 'running' && o.dueAt !== null && Date.parse(o.dueAt) > asOf)
    .map((o) => Date.parse(o.dueAt))
    .sort((a, b) => a - b)[0];
  if (next !== undefined && !list.includes(next)) list.push(next);
  return list.sort((a, b) => a - b).map((ms) => new Date(ms).toISOString());
}

// --- The seeded generator -------------------------------------------------------------------------

const kindsOf = (kind) => (typeof kind === 'string' ? [kind] : kind);

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

/** A record that meets a 0.1 duty's `record` meet: its kind, form, and its addressee's words in some case. */
function recordFor(rule, g) {
  const meet = rule.meet;
  const to = meet.to === undefined ? undefined : g.pick([meet.to, meet.to.toUpperCase(), titleCase(meet.to)]);
  return { kind: g.pick(kindsOf(meet.kind)), ...(meet.form ? { form: meet.form } : {}), ...(to ? { to } : {}) };
}

const titleCase = (words) => words.replace(/\b[a-z]/g, (c) => c.toUpperCase());

/** The next event for a 0.1 case at `t`, among what 0.1's getStatus allows and what meets what is owed. */
function nextEvent(policy, getStatus, e, t, g) {
  const status = getStatus(e, new Date(t).toISOString());
  const rules = new Map(policy.obligations.map((o) => [o.id, o]));
  const options = [];
  for (const action of status.requiredActions) {
    const rule = action.obligation && rules.get(action.obligation.split('#')[0]);
    if (rule?.meet.by === 'record')
      options.push([4 / status.requiredActions.length + 0.5, () => ({ type: 'RECORD', record: recordFor(rule, g) })]);
  }
  const addressees = policy.obligations.flatMap((o) => (o.to ? [o.to] : []));
  options.push([
    1.5,
    () => ({
      type: 'RECORD',
      record: {
        kind: g.pick(RECORD_KINDS),
        ...(g.rand() < 0.3 && policy.forms?.length ? { form: g.pick(policy.forms).id } : {}),
        ...(g.rand() < 0.2 && addressees.length ? { to: g.pick([...addressees, 'someone else']) } : {}),
      },
    }),
  ]);
  for (const allowed of status.allowedEvents) {
    switch (allowed.type) {
      case 'ESCALATE':
        options.push([3, () => ({ type: 'ESCALATE' })]);
        break;
      case 'EXPEDITE':
        options.push([
          0.8,
          () => ({
            type: 'EXPEDITE',
            to: allowed.to,
            ...(allowed.requires && allowed.requires !== 'none' ? { reason: allowed.requires } : {}),
          }),
        ]);
        break;
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
        options.push([0.4, () => ({ type: 'RISK', imminent: g.rand() < 0.6 })]);
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
  const start = { id, raisedAt, ...(g.rand() < 0.5 ? { concern: { nature: 'other' } } : {}) };
  const later = policy.movement.filter((rule) => rule.kind === 'start');
  if (later.length && g.rand() < 0.15) {
    const rule = g.pick(later);
    return { ...start, startStage: g.pick(rule.to), ...(rule.requires !== 'none' ? { reason: rule.requires } : {}) };
  }
  return g.rand() < 0.1 ? { ...start, imminentRisk: true } : start;
}

/** The earliest due instant after `t` of a running duty, within two weeks. */
function nextDueAfter(e, t) {
  const next = e.obligations
    .filter((o) => o.status === 'running' && o.dueAt !== null && Date.parse(o.dueAt) > t)
    .map((o) => Date.parse(o.dueAt))
    .sort((a, b) => a - b)[0];
  return next !== undefined && next - t < 14 * DAY ? next : undefined;
}

function guidedCase(v01, policy, n) {
  const { startEscalation, applyEvent, getStatus, EscalationError } = v01;
  const id = `${policy.id}-g${String(n).padStart(3, '0')}`;
  const g = generator(prng(seedOf(id)));
  let e = startEscalation(policy, randomStart(policy, id, g));
  let t = Date.parse(e.raisedAt);
  const steps = g.int(0, 10);
  for (let i = 0; i < steps; i++) {
    // Now and then at a deadline's very due instant: 0.1 ran a timer at it, the current code just after.
    const due = g.rand() < 0.12 ? nextDueAfter(e, t) : undefined;
    t =
      due ??
      t +
        g.weighted([
          [3, g.int(10, 600) * 60_000],
          [3, g.int(1, 4) * DAY + g.int(0, 8) * HOUR],
          [1, g.int(5, 15) * DAY],
        ]);
    const body = nextEvent(policy, getStatus, e, t, g);
    // Now and then a record learned late: it happened up to two days before it was recorded.
    if (body.type === 'RECORD' && g.rand() < 0.15) {
      const late = Math.min(g.int(1, 48) * HOUR, t - Date.parse(e.raisedAt));
      if (late > 0) body.record.occurredAt = new Date(t - late).toISOString();
    }
    try {
      e = applyEvent(e, { ...body, at: new Date(t).toISOString() });
    } catch (error) {
      if (!(error instanceof EscalationError)) throw error; // refused: the case goes on without it
    }
  }
  return e;
}

/** Sequences from 0.1's own arbitraries (valid and invalid events), played through 0.1's runSequence. */
function arbitraryCases(v01, testing, fc, policy) {
  const sequences = fc.sample(testing.arbitraries.eventSequence(policy, { maxEvents: 10 }), {
    seed: seedOf(policy.id),
    numRuns: ARBITRARY_CASES * 3,
  });
  const cases = [];
  for (const sequence of sequences) {
    if (cases.length === ARBITRARY_CASES) break;
    const id = `${policy.id}-a${String(cases.length + 1).padStart(2, '0')}`;
    const played = testing.runSequence(policy, { ...sequence, start: { ...sequence.start, id } });
    if (played) cases.push(played.versions.at(-1));
  }
  return cases;
}

// --- 0.1's scenario tests, as shapes --------------------------------------------------------------

const SCENARIOS = {
  suffolk: [
    // Across Christmas: the meeting learned late, then Stage 2 and 3.
    {
      raisedAt: '2024-12-20T10:00:00Z',
      events: [
        {
          type: 'RECORD',
          at: '2024-12-24T16:00:00Z',
          record: { kind: 'meeting', occurredAt: '2024-12-24T11:00:00Z' },
        },
        { type: 'ESCALATE', at: '2024-12-27T09:00:00Z' },
        { type: 'ESCALATE', at: '2024-12-30T10:00:00Z' },
      ],
    },
    // Stage 5 reached late: the cap breached.
    {
      raisedAt: '2024-12-20T10:00:00Z',
      events: ['2024-12-23T10:00:00Z', '2024-12-24T10:00:00Z', '2024-12-27T10:00:00Z', '2025-01-02T10:00:00Z'].map(
        (at) => ({ type: 'ESCALATE', at }),
      ),
    },
    // Straight to Stage 3, resolved: the form still owed.
    {
      raisedAt: '2024-12-20T10:00:00Z',
      events: [
        { type: 'EXPEDITE', to: 'stage-3', at: '2024-12-20T12:00:00Z' },
        { type: 'RESOLVE', at: '2024-12-23T12:00:00Z', outcome: 'Plan revised' },
      ],
    },
    // Straight to Stage 5: its notice and response.
    {
      raisedAt: '2024-12-20T10:00:00Z',
      events: [
        { type: 'EXPEDITE', to: 'stage-5', at: '2024-12-23T11:00:00Z' },
        { type: 'RECORD', at: '2024-12-23T15:00:00Z', record: { kind: 'notification', to: 'Independent Scrutineer' } },
      ],
    },
    // Raised on Maundy Thursday 2025, nothing since.
    { raisedAt: '2025-04-17T09:00:00Z', events: [] },
    // The worked example of docs/integration.md ("Upgrading from 0.1"): raised on Thursday 3 April 2025,
    // discussed on Friday 4, at Stage 2 from Monday 7.
    {
      raisedAt: '2025-04-03T09:00:00Z',
      events: [
        { type: 'RECORD', at: '2025-04-04T10:00:00Z', record: { kind: 'discussion' } },
        { type: 'ESCALATE', at: '2025-04-07T09:00:00Z' },
      ],
    },
    // The form completed at Stage 1, then Stage 2 and 3: 0.1 counted only a form of the stage just before.
    {
      raisedAt: '2025-03-03T09:00:00Z',
      events: [
        { type: 'RECORD', at: '2025-03-03T11:00:00Z', record: { kind: 'discussion' } },
        { type: 'RECORD', at: '2025-03-03T12:00:00Z', record: { kind: 'form', form: 'escalation-record-form' } },
        { type: 'ESCALATE', at: '2025-03-03T15:00:00Z' },
        { type: 'ESCALATE', at: '2025-03-04T10:00:00Z' },
      ],
    },
  ],
  barnsley: [
    // Stage One across Christmas: the Partnership Manager told once, then no update for weeks.
    {
      raisedAt: '2024-12-18T10:00:00Z',
      events: [
        { type: 'ESCALATE', at: '2024-12-19T10:00:00Z' },
        { type: 'RECORD', at: '2024-12-19T11:00:00Z', record: { kind: 'notification', to: 'Partnership Manager' } },
        { type: 'RECORD', at: '2025-01-20T10:00:00Z', record: { kind: 'note' } },
      ],
    },
    // Stage One extended by agreement.
    {
      raisedAt: '2024-12-18T10:00:00Z',
      events: [
        { type: 'ESCALATE', at: '2024-12-19T10:00:00Z' },
        {
          type: 'EXTEND',
          at: '2024-12-20T10:00:00Z',
          obligation: 'stage-1-resolution',
          to: '2025-01-08',
          reason: 'Named nurse on leave',
          agreedBy: 'Both safeguarding leads',
        },
      ],
    },
    // Resolved at Stage One across New Year: written confirmation owed.
    {
      raisedAt: '2024-12-18T10:00:00Z',
      events: [
        { type: 'ESCALATE', at: '2024-12-19T10:00:00Z' },
        { type: 'RESOLVE', at: '2024-12-24T12:00:00Z', outcome: 'Child in need plan amended' },
      ],
    },
    // Straight to Stage 3 at imminent risk, resolved there.
    {
      raisedAt: '2024-12-18T10:00:00Z',
      startStage: 'stage-3',
      imminentRisk: true,
      events: [{ type: 'RESOLVE', at: '2024-12-20T12:00:00Z', outcome: 'Executives agreed a plan' }],
    },
    // Stage Two across Easter 2025.
    {
      raisedAt: '2025-04-10T09:00:00Z',
      events: [
        { type: 'ESCALATE', at: '2025-04-10T10:00:00Z' },
        { type: 'ESCALATE', at: '2025-04-16T10:00:00Z' },
      ],
    },
  ],
  'derby-derbyshire': [
    // Stage 3 without the template, across Christmas.
    {
      raisedAt: '2024-12-19T09:30:00Z',
      events: [
        { type: 'ESCALATE', at: '2024-12-20T10:00:00Z' },
        { type: 'ESCALATE', at: '2024-12-24T10:00:00Z' },
      ],
    },
    // The template completed at Stage 2, before Stage 3.
    {
      raisedAt: '2024-12-19T09:30:00Z',
      events: [
        { type: 'ESCALATE', at: '2024-12-20T10:00:00Z' },
        { type: 'RECORD', at: '2024-12-23T15:00:00Z', record: { kind: 'form', form: 'escalation-template' } },
        { type: 'ESCALATE', at: '2024-12-24T10:00:00Z' },
      ],
    },
    // To Stage 4: the hand-off to the Partnership.
    {
      raisedAt: '2024-12-19T09:30:00Z',
      events: ['2024-12-20T10:00:00Z', '2024-12-23T10:00:00Z', '2025-01-06T10:00:00Z'].map((at) => ({
        type: 'ESCALATE',
        at,
      })),
    },
    // Stage 1 missed, resolved at Stage 3: feedback and the template owed.
    {
      raisedAt: '2024-12-19T09:30:00Z',
      events: [
        { type: 'ESCALATE', at: '2024-12-27T10:00:00Z' },
        { type: 'ESCALATE', at: '2024-12-30T10:00:00Z' },
        { type: 'RESOLVE', at: '2025-01-06T10:00:00Z', outcome: 'Single assessment to proceed' },
      ],
    },
    // An imminent concern straight to Stage 3.
    {
      raisedAt: '2024-12-19T09:30:00Z',
      events: [{ type: 'EXPEDITE', to: 'stage-3', reason: 'imminent-risk', at: '2024-12-19T11:00:00Z' }],
    },
    // The template completed at Stage 1, then Stage 2 and 3: 0.1 counted only a template of Stage 2.
    {
      raisedAt: '2025-03-03T09:00:00Z',
      events: [
        { type: 'RECORD', at: '2025-03-03T11:00:00Z', record: { kind: 'form', form: 'escalation-template' } },
        { type: 'ESCALATE', at: '2025-03-04T10:00:00Z' },
        { type: 'ESCALATE', at: '2025-03-05T10:00:00Z' },
      ],
    },
  ],
  devon: [
    // To Stage 5 across Christmas and New Year, then withdrawn: the form still owed.
    {
      raisedAt: '2024-12-19T09:00:00Z',
      events: [
        ...['2024-12-20T10:00:00Z', '2024-12-23T10:00:00Z', '2024-12-30T10:00:00Z', '2025-01-06T10:00:00Z'].map(
          (at) => ({ type: 'ESCALATE', at }),
        ),
        { type: 'WITHDRAW', at: '2025-01-07T10:00:00Z', reason: 'Agreed at the review panel' },
      ],
    },
    // To Stage 5 and resolved there: the form and the feedback to the raiser still owed.
    {
      raisedAt: '2025-01-13T09:00:00Z',
      events: [
        ...['2025-01-14T10:00:00Z', '2025-01-16T10:00:00Z', '2025-01-20T10:00:00Z', '2025-01-22T10:00:00Z'].map(
          (at) => ({ type: 'ESCALATE', at }),
        ),
        { type: 'RESOLVE', at: '2025-01-29T10:00:00Z', outcome: 'Resolved by the review' },
      ],
    },
    // The risk becomes imminent: logged with the PDG chair.
    { raisedAt: '2024-12-19T09:00:00Z', events: [{ type: 'RISK', imminent: true, at: '2024-12-23T09:00:00Z' }] },
    // Started at Stage 4 for a risk of immediate harm.
    { raisedAt: '2024-12-19T09:00:00Z', startStage: 'stage-4', reason: 'immediate-harm', events: [] },
    // Across Easter 2025 at imminent risk.
    {
      raisedAt: '2025-04-17T09:00:00+01:00',
      imminentRisk: true,
      events: [{ type: 'ESCALATE', at: '2025-04-22T09:00:00+01:00' }],
    },
  ],
  somerset: [
    // Up the line to the Board Coordinator across Christmas and New Year.
    {
      raisedAt: '2024-12-19T09:00:00Z',
      events: ['2024-12-20T10:00:00Z', '2024-12-23T10:00:00Z', '2024-12-30T10:00:00Z', '2025-01-06T10:00:00Z'].map(
        (at) => ({ type: 'ESCALATE', at }),
      ),
    },
    // The first conversation bypassed for immediate risk.
    { raisedAt: '2024-12-19T09:00:00Z', startStage: 'stage-2', imminentRisk: true, events: [] },
    // Resolved at Stage 2: written confirmation owed.
    {
      raisedAt: '2025-04-16T09:00:00Z',
      events: [
        { type: 'ESCALATE', at: '2025-04-17T09:00:00Z' },
        { type: 'RESOLVE', at: '2025-04-22T09:00:00Z', outcome: 'Agreed' },
      ],
    },
  ],
};

function scenarioCase(v01, policy, n, scenario) {
  const id = `${policy.id}-s${String(n).padStart(2, '0')}`;
  const { events, ...start } = scenario;
  return events.reduce((e, event) => v01.applyEvent(e, event), v01.startEscalation(policy, { id, ...start }));
}

/** Every case of a policy: 0.1's scenarios, the guided ones, then 0.1's arbitraries. */
function corpusCases(v01, testing, fc, policy) {
  const scenarios = (SCENARIOS[policy.id] ?? []).map((scenario, i) => scenarioCase(v01, policy, i + 1, scenario));
  const guided = Array.from({ length: GUIDED_CASES }, (_, i) => guidedCase(v01, policy, i + 1));
  return [...scenarios, ...guided, ...arbitraryCases(v01, testing, fc, policy)];
}

/** One line a case: the escalation as 0.1 stored it (JSON.stringify), and 0.1's status at each instant. */
function corpusFile(v01, testing, fc, policy) {
  return `${corpusCases(v01, testing, fc, policy)
    .map((e) => {
      const stored = JSON.parse(JSON.stringify(e));
      const statuses = instantsOf(stored).map((at) => statusRecord(at, v01.getStatus(e, at)));
      return JSON.stringify(sorted({ case: stored.id, escalation: stored, statuses }));
    })
    .join('\n')}\n`;
}

async function main(checkout) {
  if (!checkout)
    throw new Error('usage: node scripts/generate-upgrade-corpus.mjs <a built checkout of 0.1.0 (4a5ef7b)>');
  const root = path.resolve(checkout);
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  if (manifest.name !== 'safeguarding-escalation' || manifest.version !== '0.1.0')
    throw new Error(`${root} is ${manifest.name} ${manifest.version}, not safeguarding-escalation 0.1.0`);
  const dist = (file) => pathToFileURL(path.join(root, 'dist', file)).href;
  if (!fs.existsSync(path.join(root, 'dist', 'index.js'))) throw new Error(`${root} is not built: run npx tsup in it`);
  const v01 = await import(dist('index.js'));
  const testing = await import(dist('testing.js'));
  const fc = (await import(pathToFileURL(path.join(root, 'node_modules', 'fast-check', 'lib', 'fast-check.js')).href))
    .default;
  fs.mkdirSync(CORPUS_DIR, { recursive: true });
  for (const policy of Object.values(v01.policies)) {
    fs.writeFileSync(`${CORPUS_DIR}${policy.id}.jsonl`, corpusFile(v01, testing, fc, policy));
  }
  console.log(`wrote the 0.1 corpus in test/upgrade/: ${Object.keys(v01.policies).length} policies`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1])) await main(process.argv[2]);
