// restoreEscalation refuses what cannot be, with INVALID_SNAPSHOT and the path of each problem; what
// the engine writes it reads back byte for byte.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  getStatus,
  migrateEscalation,
  policies,
  restoreEscalation,
  startEscalation,
  type Escalation,
  type Policy,
} from '../../src/index.js';
import { isCanonicalEscalation } from '../../src/escalation/canonical.js';
import { arbitraries, runSequence } from '../../src/testing/index.js';
import { riverside } from '../fixtures/policies.js';
import { revisions } from '../fixtures/versions/index.js';
import { refused } from '../helpers.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A Riverside case with a bit of everything: stages entered and ended, records, a reminder, a deadline passed, a resolution. */
function sample(): Escalation {
  let e = startEscalation(riverside, { id: 'S', raisedAt: '2025-01-06T10:00:00Z' });
  e = applyEvent(riverside, e, { type: 'RECORD', at: '2025-01-06T11:00:00Z', record: { kind: 'discussion' } });
  e = applyEvent(riverside, e, { type: 'ESCALATE', at: '2025-01-07T10:00:00Z', id: 'ev-1' });
  e = applyEvent(riverside, e, {
    type: 'RECORD',
    at: '2025-01-20T10:00:00Z',
    record: { kind: 'notification', to: 'partnership-manager' },
  });
  e = applyEvent(riverside, e, { type: 'RESOLVE', at: '2025-01-21T10:00:00Z', outcome: 'Agreed' });
  return e;
}

const base = sample();
const copy = (): Json => JSON.parse(JSON.stringify(base)) as Json;
const index = (e: Json, test: (entry: Json) => boolean) => (e.history as Json[]).findIndex(test);

/** Each damage, and a path the refusal must name. */
const impossible: [string, (e: Json) => void, string][] = [
  ['history numbered with a gap', (e) => (e.history[3].seq = 5), 'history[3].seq'],
  ['history numbered from 0', (e) => e.history.forEach((h: Json, i: number) => (h.seq = i)), 'history[0].seq'],
  ['history going back in time', (e) => (e.history[4].at = '2025-01-06T09:00:00.000Z'), 'history[4].at'],
  ['no raised entry first', (e) => e.history.shift(), 'history[0]'],
  ['a second raised entry', (e) => e.history.splice(1, 0, { ...e.history[0], seq: 2 }), 'history[1]'],
  ['raised entry not at raisedAt', (e) => (e.history[0].at = '2025-01-06T09:00:00.000Z'), 'history[0].at'],
  ['asOf before the last entry', (e) => (e.asOf = '2025-01-06T10:00:00.000Z'), 'asOf'],
  ['a stage the policy lacks', (e) => ((e.stage = 'stage-7'), (e.state = 'stage-7')), 'stage'],
  [
    'a stage entered that the policy lacks',
    (e) => (e.history[index(e, (h) => h.type === 'stage-entered')].stage = 'stage-9'),
    `history[${index(copy(), (h) => h.type === 'stage-entered')}].stage`,
  ],
  [
    'a stage ended that the policy lacks',
    (e) => (e.history[index(e, (h) => h.type === 'stage-ended')].stage = 'stage-9'),
    `history[${index(copy(), (h) => h.type === 'stage-ended')}].stage`,
  ],
  ['stage not the last one entered', (e) => (e.stage = 'stage-1'), 'stage'],
  ['state inconsistent with status', (e) => (e.state = 'stage-2'), 'state'],
  [
    'status open, but the history resolves it',
    (e) => ((e.status = 'open'), (e.state = e.stage), delete e.outcome),
    'status',
  ],
  [
    'status withdrawn, but the history resolves it',
    (e) => ((e.status = 'withdrawn'), (e.state = 'withdrawn'), delete e.outcome),
    'status',
  ],
  ['an outcome that is not the resolution’s', (e) => (e.outcome = 'Something else'), 'outcome'],
  ['obligation of a rule the policy lacks', (e) => (e.obligations[0].rule = 'no-such-rule'), 'obligations[0].rule'],
  ['obligation ids repeated', (e) => (e.obligations[1].id = e.obligations[0].id), 'obligations[1].id'],
  ['obligation numbered out of turn', (e) => (e.obligations[0].id = `${e.obligations[0].rule}#2`), 'obligations[0].id'],
  ['obligation of another kind than its rule', (e) => (e.obligations[0].kind = 'record'), 'obligations[0].kind'],
  [
    'a maximum made guidance',
    (e) => (e.obligations[0].strength = e.obligations[0].strength === 'maximum' ? 'guidance' : 'maximum'),
    'obligations[0].strength',
  ],
  ['obligation at a stage the policy lacks', (e) => (e.obligations[1].stage = 'stage-8'), 'obligations[1].stage'],
  [
    'deadline before its armedAt anchor',
    (e) => ((e.obligations[1].dueAt = '2025-01-05T23:59:59.999Z'), (e.obligations[1].dueDate = '2025-01-05')),
    'obligations[1].dueAt',
  ],
  [
    'armed after what the escalation knows',
    (e) => (e.obligations[0].armedAt = '2026-01-01T00:00:00.000Z'),
    'obligations[0].armedAt',
  ],
  ['due instant not on its due date', (e) => (e.obligations[1].dueDate = '2025-02-03'), 'obligations[1].dueAt'],
  ['due date without a due instant', (e) => (e.obligations[1].dueAt = null), 'obligations[1]'],
  [
    'met without saying when',
    (e) => delete e.obligations[e.obligations.findIndex((o: Json) => o.status === 'met')].metAt,
    `obligations[${copy().obligations.findIndex((o: Json) => o.status === 'met')}].metAt`,
  ],
  [
    'a case timescale for a rule the policy lacks',
    (e) => (e.caseTimescales = { 'no-such-rule': '2025-02-01' }),
    'caseTimescales.no-such-rule',
  ],
  [
    'a correction of a later entry',
    (e) => (e.history[index(e, (h) => h.type === 'obligation-met')].corrects = 99),
    `history[${index(copy(), (h) => h.type === 'obligation-met')}].corrects`,
  ],
  ['raisedOn not the London day of raisedAt', (e) => (e.raisedOn = '2025-01-07'), 'raisedOn'],
  ['a calendar of another division', (e) => (e.calendar.division = 'scotland'), 'calendar.division'],
  [
    'a due instant beyond the calendar',
    (e) => (e.obligations[1].dueAt = '2101-01-01T23:59:59.999Z'),
    'obligations[1].dueAt',
  ],
  ['a date beyond the calendar', (e) => (e.obligations[1].dueDate = '2101-01-01'), 'obligations[1].dueDate'],
  ['an instant before 1970', (e) => (e.history[0].at = '1969-12-31T23:00:00.000Z'), 'history[0].at'],
  ['a key named __proto__', (e) => (e.caseTimescales = JSON.parse('{"__proto__":"2025-02-01"}')), 'caseTimescales'],
];

/**
 * A Suffolk case with facts learned late: an escalation by phone on Friday 27 December logged after a
 * colleague's on Monday 30th (a move overtaken, clocks started earlier), then a resolution, then a
 * withdrawal that happened before it, logged after (a second closing event, overtaken by the first).
 */
function lateSample(): Escalation {
  const suffolk = policies.suffolk;
  let e = startEscalation(suffolk, { id: 'L', raisedAt: '2024-12-20T10:00:00Z' });
  e = applyEvent(suffolk, e, { type: 'ESCALATE', at: '2024-12-30T08:30:00Z' });
  e = applyEvent(suffolk, e, { type: 'ESCALATE', at: '2024-12-27T16:00:00Z', recordedAt: '2024-12-30T09:30:00Z' });
  e = applyEvent(suffolk, e, { type: 'RESOLVE', at: '2024-12-31T10:00:00Z', outcome: 'Agreed' });
  return applyEvent(suffolk, e, {
    type: 'WITHDRAW',
    at: '2024-12-30T10:00:00Z',
    recordedAt: '2024-12-31T11:00:00Z',
    reason: 'Plan changed',
  });
}

/** A Somerset case at Stage 5, migrated to the 2025 revision, whose Stage 5 is merged into Stage 4. */
function migratedSample(): Escalation {
  const somerset = policies.somerset;
  let e = startEscalation(somerset, { id: 'M', raisedAt: '2025-06-02T09:00:00Z' });
  for (const day of [3, 4, 5, 6]) e = applyEvent(somerset, e, { type: 'ESCALATE', at: `2025-06-0${day}T10:00:00Z` });
  return migrateEscalation(e, {
    from: somerset,
    to: revisions.somerset,
    plan: { deadlines: 'keep-date', stages: { 'stage-5': 'stage-4' } },
    at: '2025-06-09T09:00:00Z',
    reason: 'The partnership adopted its 2025 policy',
  }).escalation;
}

const late = lateSample();
const migrated = migratedSample();
const lateCopy = (): Json => JSON.parse(JSON.stringify(late)) as Json;
const migratedCopy = (): Json => JSON.parse(JSON.stringify(migrated)) as Json;
const overtaken = (e: Json) => (e.history as Json[]).filter((h) => h.type === 'move-overtaken');
const lastOvertaken = late.history.findLastIndex((h) => h.type === 'move-overtaken');

/** Damage to what late facts and migrations write, each with the policy, the sample and a path the refusal must name. */
const impossibleLate: [string, Policy, () => Json, (e: Json) => void, string][] = [
  [
    'a move overtaken by a later entry',
    policies.suffolk,
    lateCopy,
    (e) => (overtaken(e)[0]!.by = 99),
    `history[${index(lateCopy(), (h) => h.type === 'move-overtaken')}].by`,
  ],
  [
    'a move overtaken naming a later event',
    policies.suffolk,
    lateCopy,
    (e) => (overtaken(e)[0]!.event = 99),
    `history[${index(lateCopy(), (h) => h.type === 'move-overtaken')}].event`,
  ],
  [
    'a move overtaken at a stage the policy lacks',
    policies.suffolk,
    lateCopy,
    (e) => (overtaken(e)[0]!.stage = 'stage-9'),
    `history[${index(lateCopy(), (h) => h.type === 'move-overtaken')}].stage`,
  ],
  [
    'a second closing event that no overtaken move names',
    policies.suffolk,
    lateCopy,
    (e) => (overtaken(e).at(-1)!.event = 1),
    `history[${lateCopy().history[lastOvertaken].event - 1}]`,
  ],
  [
    'a clock started later, not earlier',
    policies.suffolk,
    lateCopy,
    (e) => {
      const entry = (e.history as Json[]).find((h) => h.type === 'started-earlier')!;
      [entry.armedAt, entry.was] = [entry.was, entry.armedAt];
    },
    `history[${index(lateCopy(), (h) => h.type === 'started-earlier')}].armedAt`,
  ],
  [
    'a migration to another version than the case names',
    revisions.somerset,
    migratedCopy,
    (e) => (e.history.at(-1).to.version = '2030'),
    `history[${migrated.history.length - 1}].to`,
  ],
  [
    'a migration to a stage the policy lacks',
    revisions.somerset,
    migratedCopy,
    (e) => (e.history.at(-1).stage.to = 'stage-5'),
    `history[${migrated.history.length - 1}].stage.to`,
  ],
  [
    'a migrated case holding the id the next duty of a rule would take',
    revisions.somerset,
    migratedCopy,
    (e) => {
      const rule = e.obligations[0].rule;
      e.obligations[0].id = `${rule}#${(e.obligations as Json[]).filter((o) => o.rule === rule).length + 1}`;
    },
    'obligations[0].id',
  ],
  [
    'a migrated case running a duty of a rule the policy lacks',
    revisions.somerset,
    migratedCopy,
    (e) => (e.obligations[(e.obligations as Json[]).findIndex((o) => o.status === 'running')].rule = 'no-such-rule'),
    `obligations[${migrated.obligations.findIndex((o) => o.status === 'running')}].rule`,
  ],
];

describe('restoreEscalation refuses impossible snapshots', () => {
  it('restores what late facts and migrations write, byte for byte and on the fast path', () => {
    expect(late.history.filter((h) => h.type === 'move-overtaken')).toHaveLength(2);
    expect(late.history.some((h) => h.type === 'started-earlier')).toBe(true);
    expect(migrated.history.at(-1)?.type).toBe('migrated');
    for (const [policy, e] of [
      [policies.suffolk, late],
      [revisions.somerset, migrated],
    ] as const) {
      const text = JSON.stringify(e);
      expect(isCanonicalEscalation(JSON.parse(text))).toBe(true);
      expect(JSON.stringify(restoreEscalation(policy, text))).toBe(text);
    }
  });

  it.each(impossibleLate)('%s: INVALID_SNAPSHOT at its path', (_name, policy, sample, damage, path) => {
    const e = sample();
    damage(e);
    for (const input of [e, JSON.stringify(e)]) {
      const error = refused(() => restoreEscalation(policy, input), 'INVALID_SNAPSHOT');
      expect(error.problems.map((p) => p.path)).toContain(path);
    }
  });

  it('restores the sample unchanged', () => {
    expect(JSON.stringify(restoreEscalation(riverside, JSON.stringify(base)))).toBe(JSON.stringify(base));
  });

  it.each(impossible)(
    '%s: INVALID_SNAPSHOT at its path, from the parsed object and from its JSON',
    (_name, damage, path) => {
      const e = copy();
      damage(e);
      for (const input of [e, JSON.stringify(e)]) {
        const error = refused(() => restoreEscalation(riverside, input), 'INVALID_SNAPSHOT');
        expect(error.problems.map((p) => p.path)).toContain(path);
      }
      // …and every call that takes an escalation refuses it the same way.
      refused(() => getStatus(riverside, e as Escalation, '2025-02-01T10:00:00Z'), 'INVALID_SNAPSHOT');
    },
  );
});

describe('what the engine returns restores byte for byte', () => {
  it('for every escalation along any sequence of events, under each of the five policies', () => {
    const all = Object.values(policies);
    let checked = 0;
    fc.assert(
      fc.property(
        fc
          .constantFrom(...all)
          .chain((policy) =>
            arbitraries.eventSequence(policy, { maxEvents: 10 }).map((sequence) => ({ policy, sequence })),
          ),
        ({ policy, sequence }) => {
          const run = runSequence(policy, sequence);
          if (!run) return;
          for (const e of run.versions) {
            const text = JSON.stringify(e);
            expect(JSON.stringify(restoreEscalation(policy, text))).toBe(text);
            // …and through the schema, from a copy whose keys are in another order.
            const shuffled = JSON.parse(text, (_key, value) =>
              typeof value === 'object' && value !== null && !Array.isArray(value)
                ? Object.fromEntries(Object.entries(value).reverse())
                : value,
            );
            expect(JSON.stringify(restoreEscalation(policy, shuffled))).toBe(text);
            checked++;
          }
        },
      ),
      { numRuns: 200, seed: 16 },
    );
    expect(checked).toBeGreaterThan(300);
  });
});
