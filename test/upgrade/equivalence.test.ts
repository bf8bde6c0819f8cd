// Proof that stored 0.1 cases keep running as 0.1 ran them. The corpus (test/upgrade/*.jsonl) holds
// escalations made and stored by version 0.1.0 itself, with what 0.1's getStatus said of each at a
// few instants (scripts/generate-upgrade-corpus.mjs, run against a checkout of 0.1.0). Here the
// current code reads every case:
// - restored under `shippedPolicies` (or `previousPolicies`), as a host upgrading the package would,
//   every case gives 0.1's stage, status, due dates, overdue flags and required actions at every
//   instant, swept up to it or not: no difference is allowed;
// - made again from its facts (its start and the events 0.1 recorded) under its 0.1 definition by the
//   current engine, it gives 0.1's answers too, but for the differences listed in KINDS: the engine's
//   rules that 0.2 changed on purpose, and the one thing the current schema cannot say as 0.1 did.
//   Each difference must be explained by one of them, checked against the case's own history.
import { afterAll, describe, expect, it } from 'vitest';
import {
  advanceTo,
  applyEvent,
  EscalationError,
  getStatus,
  policies,
  previousPolicies,
  restoreEscalation,
  shippedPolicies,
  startEscalation,
  type Escalation,
  type EscalationEvent,
  type HistoryEntry,
  type ObligationState,
  type PolicyId,
  type StartInput,
} from '../../src/index.js';
import { corpus, instantsOf, statusRecord, type CorpusCase, type StatusRecord } from './corpus.js';

const IDS = Object.keys(policies) as PolicyId[];

/** The differences the replay allows, and why each is right. */
const KINDS = {
  'late-record':
    'A record learned late is judged by when it happened (0.2: `at`, and `recordedAt` for when it was learned). 0.1 judged it by when it was recorded, so it met duties that started after it happened and before it was recorded; now they stay owed.',
  'reminder-round':
    'A missed recurring duty stays owed at the round it missed, with the rounds missed counted (0.2). 0.1 moved its due date on to the next round as its timer ran (at the due instant itself, where 0.2 waits for the millisecond after), so it showed a later date, not overdue.',
  'stage-left':
    'A stage deadline met by a record (Suffolk’s Stage 1 discussion) ends when its stage is left (0.2: escalating meets it, late if its time had passed; a permitted jump closes it). 0.1 left it owed, and overdue, after the case had moved on.',
  'or-earlier':
    'The schema’s `orEarlier` counts a record made at any earlier point; 0.1’s `orBefore` counted one made in the stage just before only. Where the form was made two stages back, 0.1 asked for it again; the 0.1 definition in the current schema does not (its interpretations say so).',
  'closed-record':
    'After a case is closed, the current engine takes a record made after the closure only if it meets something still owed (CLOSED otherwise; one made before the closure and learned after it is a fact of the open case, and taken); 0.1 took any record while anything was owed. The replay goes on without it: 0.1 recorded that it met nothing, and no status differs.',
} as const;
type Kind = keyof typeof KINDS;

/** What each kind was found in: the differing items (a duty at an instant), the statuses, the cases. */
const found = new Map<Kind, { items: number; statuses: Set<string>; cases: Set<string> }>();
function count(kind: Kind, caseId: string, at: string | undefined): void {
  const entry = found.get(kind) ?? { items: 0, statuses: new Set<string>(), cases: new Set<string>() };
  entry.items++;
  if (at) entry.statuses.add(`${caseId} ${at}`);
  entry.cases.add(caseId);
  found.set(kind, entry);
}

/** At most 40 lines, then how many more. */
const shown = (list: string[]) =>
  list.length > 40 ? [...list.slice(0, 40), `... and ${list.length - 40} more`] : list;

/** The differences between a recorded status and another, in a line each. */
function differences(recorded: StatusRecord, now: StatusRecord): string[] {
  const out: string[] = [];
  for (const key of ['stage', 'status'] as const)
    if (recorded[key] !== now[key]) out.push(`${key} ${recorded[key]} → ${now[key]}`);
  for (const key of ['deadlines', 'actions'] as const) {
    const gone = recorded[key].filter((x) => !now[key].includes(x));
    const come = now[key].filter((x) => !recorded[key].includes(x));
    if (gone.length || come.length)
      out.push(`${key} ${[...gone.map((x) => `− ${x}`), ...come.map((x) => `+ ${x}`)].join('; ')}`);
  }
  return out;
}

const restored = (c: CorpusCase, source: Parameters<typeof restoreEscalation>[0] = shippedPolicies) =>
  restoreEscalation(source, JSON.stringify(c.escalation));

describe.each(IDS)('the 0.1 corpus of %s', (id) => {
  const cases = corpus(id);

  it('holds cases 0.1 stored (format 1, its version of the policy), each with 0.1’s statuses at its instants', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    for (const c of cases) {
      expect(c.escalation).toMatchObject({ format: 1, policy: { id, version: previousPolicies[id].version } });
      expect(c.statuses.map((s) => s.at)).toEqual(instantsOf(c.escalation));
    }
    // What the corpus was made to hold: open and closed cases, deadlines passed, records owed after closure.
    expect(cases.some((c) => c.escalation.status === 'open')).toBe(true);
    expect(
      cases.some((c) => c.escalation.status !== 'open' && c.escalation.obligations.some((o) => o.status === 'running')),
    ).toBe(true);
    const dated = previousPolicies[id].obligations.some((rule) => rule.limit !== undefined);
    expect(cases.some((c) => c.statuses.some((s) => s.deadlines.some((d) => d.endsWith('overdue'))))).toBe(dated);
  });

  it('is refused by the current definition alone, as a host that upgrades finds: POLICY_MISMATCH', () => {
    for (const c of cases) {
      expect(() => restored(c, policies[id])).toThrow(expect.objectContaining({ code: 'POLICY_MISMATCH' }));
    }
  });

  it('restored under shippedPolicies or previousPolicies, every case gives 0.1’s answers at every instant, swept up to it or not', () => {
    const found: string[] = [];
    for (const c of cases) {
      const e = restored(c);
      expect(restored(c, previousPolicies[id])).toEqual(e);
      expect(e).toMatchObject({ format: 2, policy: { id, version: previousPolicies[id].version } });
      for (const recorded of c.statuses) {
        const read = statusRecord(recorded.at, getStatus(shippedPolicies, e, recorded.at));
        const swept = advanceTo(shippedPolicies, e, recorded.at);
        const advanced = statusRecord(recorded.at, getStatus(shippedPolicies, swept, recorded.at));
        for (const line of [...differences(recorded, read), ...differences(recorded, advanced)])
          found.push(`${c.case} at ${recorded.at}: ${line}`);
      }
    }
    expect(shown(found)).toEqual([]);
  });

  it('made again from its facts under the 0.1 definition, every case gives 0.1’s answers but for the differences 0.2 made on purpose', () => {
    const unexplained: string[] = [];
    for (const c of cases) {
      const stored = restored(c);
      const { made, refused } = replay(id, stored);
      for (const { event, error } of refused) {
        if (refusalExplained(stored, event, error)) count('closed-record', c.case, undefined);
        else unexplained.push(`${c.case}: ${event.type} at ${event.at} refused: ${error.code} ${error.message}`);
      }
      for (const recorded of c.statuses) {
        const now = statusRecord(recorded.at, getStatus(previousPolicies[id], made, recorded.at));
        for (const line of explain(id, stored, made, recorded, now))
          unexplained.push(`${c.case} at ${recorded.at}: ${line}`);
      }
    }
    expect(shown(unexplained)).toEqual([]);
  });
});

describe('the differences the replay allows', () => {
  it('each occurs in the corpus (so each allowance is tested), and each says why', () => {
    for (const kind of Object.keys(KINDS) as Kind[]) expect(found.get(kind)?.items ?? 0, kind).toBeGreaterThan(0);
  });

  afterAll(() => {
    const lines = (Object.keys(KINDS) as Kind[]).map((kind) => {
      const f = found.get(kind);
      return `  ${kind}: ${f?.cases.size ?? 0} cases, ${f?.statuses.size ?? 0} statuses, ${f?.items ?? 0} items`;
    });
    console.info(`The 0.1 corpus made again from its facts, differences by kind:\n${lines.join('\n')}`);
  });
});

// --- Making a case again from its facts -----------------------------------------------------------

/** The start and events of a stored case, applied again under its 0.1 definition; the events refused. */
function replay(
  id: PolicyId,
  stored: Escalation,
): { made: Escalation; refused: { event: EscalationEvent; error: EscalationError }[] } {
  const raised = stored.history[0];
  if (raised?.type !== 'raised') throw new Error(`${stored.id}: no raised entry`);
  const start: StartInput = {
    id: stored.id,
    raisedAt: stored.raisedAt,
    ...(raised.risk !== 'none' ? { risk: raised.risk } : {}),
    ...(raised.startStage ? { startStage: raised.startStage } : {}),
    ...(raised.reason ? { reason: raised.reason } : {}),
    ...(stored.raisedBy ? { raisedBy: stored.raisedBy } : {}),
    ...(stored.concern ? { concern: stored.concern } : {}),
  };
  let made = startEscalation(previousPolicies[id], start);
  const refused: { event: EscalationEvent; error: EscalationError }[] = [];
  for (const entry of stored.history) {
    if (entry.type !== 'event') continue;
    try {
      made = applyEvent(previousPolicies[id], made, entry.event);
    } catch (error) {
      if (!(error instanceof EscalationError)) throw error;
      refused.push({ event: entry.event, error });
    }
  }
  return { made, refused };
}

/** A record made after the closure and refused that, in 0.1, met nothing: no duty was met when 0.1 took it. */
function refusalExplained(stored: Escalation, event: EscalationEvent, error: EscalationError): boolean {
  if (error.code !== 'CLOSED' || event.type !== 'RECORD' || stored.status === 'open') return false;
  const closing = stored.history.find(
    (entry) => entry.type === 'event' && (entry.event.type === 'RESOLVE' || entry.event.type === 'WITHDRAW'),
  );
  if (closing?.type !== 'event' || event.at < closing.event.at) return false;
  const index = stored.history.findIndex(
    (entry) => entry.type === 'event' && JSON.stringify(entry.event) === JSON.stringify(event),
  );
  const after = stored.history.slice(index + 1);
  const next = after.findIndex((entry) => entry.type === 'event');
  return !(next < 0 ? after : after.slice(0, next)).some((entry) => entry.type === 'obligation-met');
}

// --- Explaining each difference -------------------------------------------------------------------

const obligationOf = (e: Escalation, id: string): ObligationState | undefined => e.obligations.find((o) => o.id === id);
const idOf = (item: string) => item.split(': ')[0]!;
const dateOf = (item: string) => item.split(': ')[1]!.slice(0, 10);

/** Each difference between 0.1's status and the replay's, explained by a kind (counted) or returned. */
function explain(
  id: PolicyId,
  stored: Escalation,
  made: Escalation,
  recorded: StatusRecord,
  now: StatusRecord,
): string[] {
  const unexplained: string[] = [];
  for (const key of ['stage', 'status'] as const)
    if (recorded[key] !== now[key]) unexplained.push(`${key} ${recorded[key]} → ${now[key]}`);
  const duties = new Set<string>();
  for (const key of ['deadlines', 'actions'] as const) {
    for (const item of recorded[key]) if (!now[key].includes(item)) duties.add(idOf(item));
    for (const item of now[key]) if (!recorded[key].includes(item)) duties.add(idOf(item));
  }
  for (const duty of duties) {
    const before = recorded.deadlines.find((d) => idOf(d) === duty);
    const after = now.deadlines.find((d) => idOf(d) === duty);
    const owedBefore = recorded.actions.includes(duty);
    const owedNow = now.actions.includes(duty);
    const kind = kindOf(id, stored, made, duty, { at: recorded.at, before, after, owedBefore, owedNow });
    if (kind) count(kind, stored.id, recorded.at);
    else
      unexplained.push(
        `${duty}: 0.1 ${before ?? (owedBefore ? 'owed, no date' : 'not owed')}; now ${after ?? (owedNow ? 'owed, no date' : 'not owed')}`,
      );
  }
  return unexplained;
}

interface Sides {
  /** The instant of the status. */
  readonly at: string;
  readonly before: string | undefined;
  readonly after: string | undefined;
  readonly owedBefore: boolean;
  readonly owedNow: boolean;
}

function kindOf(id: PolicyId, stored: Escalation, made: Escalation, duty: string, sides: Sides): Kind | undefined {
  const rule = previousPolicies[id].obligations.find((o) => o.id === duty.split('#')[0]);
  const was = obligationOf(stored, duty);
  const is = obligationOf(made, duty);
  if (!rule) return undefined;
  // Owed now, not in 0.1: 0.1 met it with a record that happened before it started, learned after.
  if (sides.owedNow && !sides.owedBefore && was?.status === 'met' && metByLateRecord(stored, duty, was))
    return 'late-record';
  // Owed in 0.1, not now: a stage deadline met by a record, left running by 0.1 when its stage ended.
  if (
    sides.owedBefore &&
    !sides.owedNow &&
    rule.kind === 'stage' &&
    rule.meet.by === 'record' &&
    is?.status !== 'running' &&
    leftRunning(stored, duty)
  )
    return 'stage-left';
  // Owed in 0.1, not now: met now by a record made before it started, further back than 0.1 looked.
  if (
    sides.owedBefore &&
    !sides.owedNow &&
    rule.meet.by === 'record' &&
    rule.meet.orEarlier === true &&
    is?.status === 'met' &&
    is.metAt! < is.armedAt
  )
    return 'or-earlier';
  // Owed in both, at an earlier round now, due by then: 0.1 moved the round on as its timer ran.
  if (
    sides.owedBefore &&
    sides.owedNow &&
    rule.kind === 'reminder' &&
    sides.before &&
    sides.after &&
    dateOf(sides.after) < dateOf(sides.before) &&
    is?.dueAt !== null &&
    is?.dueAt !== undefined &&
    is.dueAt <= sides.at &&
    stored.history.some((entry) => entry.type === 'reminder-due' && entry.obligation === duty)
  )
    return 'reminder-round';
  return undefined;
}

/** Whether 0.1 met a duty with a record learned after it started that had happened before it started. */
function metByLateRecord(stored: Escalation, duty: string, was: ObligationState): boolean {
  const met = stored.history.find((entry) => entry.type === 'obligation-met' && entry.obligation === duty);
  if (!met) return false;
  return stored.history.some(
    (entry: HistoryEntry) =>
      entry.type === 'event' &&
      entry.event.type === 'RECORD' &&
      entry.event.recordedAt === met.at &&
      entry.event.at < was.armedAt,
  );
}

/** Whether 0.1 ended the duty's stage with the duty still running. */
function leftRunning(stored: Escalation, duty: string): boolean {
  return stored.history.some(
    (entry) =>
      entry.type === 'stage-ended' &&
      entry.deadlines.some(
        (d) => d.obligation === duty && (d.outcome === 'still-running' || d.outcome === 'missed-still-running'),
      ),
  );
}
