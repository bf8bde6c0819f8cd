// Moving the stored 0.1 cases to the revised definitions with the shipped plans (`upgradePlans`): every
// case of the 0.1 corpus that still owes something, open or closed, migrates (a dry run first, as the
// integration guide says), restores under the revision afterwards and only under it, keeps its whole
// history, redoes nothing done and loses nothing owed, and no due date moves earlier unless the plan
// says so, for the reason given below.
import { afterAll, describe, expect, it } from 'vitest';
import {
  advanceTo,
  applyEvent,
  getStatus,
  migrateEscalation,
  policies,
  previousPolicies,
  restoreEscalation,
  shippedPolicies,
  upgradePlans,
  type Escalation,
  type HistoryEntryOf,
  type PolicyId,
} from '../../src/index.js';
import { corpus } from './corpus.js';

const IDS = Object.keys(policies) as PolicyId[];
const DAY = 86_400_000;

/**
 * Where a plan moves a due date earlier, or drops it, on purpose (see `upgradePlans`):
 * - Barnsley's progress updates: 0.1 moved a missed update's due date on round by round; counted again
 *   from the last update, it is owed from the round first missed, with the rounds missed since.
 * - Suffolk's Stage 5 notice: "8 r2" gives it no date of its own (0.1 gave it 0 working days); it stays owed.
 */
const EARLIER: Partial<Record<PolicyId, readonly string[]>> = { barnsley: ['progress-updates'] };
const DROPPED: Partial<Record<PolicyId, readonly string[]>> = { suffolk: ['stage-5-via-representative'] };

const tally = new Map<string, number>();
const add = (key: string, n = 1) => tally.set(key, (tally.get(key) ?? 0) + n);

/** Every case of the corpus that still owes something (open, or closed with a duty running), restored. */
function owing(id: PolicyId): Escalation[] {
  return corpus(id)
    .map((c) => restoreEscalation(shippedPolicies, JSON.stringify(c.escalation)))
    .filter((e) => e.status === 'open' || e.obligations.some((o) => o.status === 'running'));
}

function migrate(id: PolicyId, e: Escalation) {
  const at = new Date(Date.parse(e.asOf) + DAY).toISOString();
  const options = {
    from: shippedPolicies,
    to: policies[id].version,
    plan: upgradePlans[id],
    at,
    by: { role: 'Business Manager' },
    reason: 'Open cases follow the revised definition',
  };
  const dry = migrateEscalation(e, { ...options, dryRun: true });
  const done = migrateEscalation(e, options);
  expect(dry.escalation).toBe(e);
  expect(dry.entry).toEqual(done.entry);
  return { at, ...done };
}

describe.each(IDS)('%s: every 0.1 case that owes something moves to the revision with upgradePlans', (id) => {
  const cases = owing(id);

  it('each restores under the revision afterwards, and only under it, with its whole history', () => {
    expect(cases.length).toBeGreaterThan(20);
    for (const e of cases) {
      const { at, escalation: m } = migrate(id, e);
      // What fell due under 0.1 is recorded under it first; then one `migrated` entry.
      const before = advanceTo(previousPolicies[id], e, at);
      expect(m.history.slice(0, before.history.length)).toEqual(before.history);
      expect(m.history.slice(before.history.length).map((h) => h.type)).toEqual(['migrated']);
      expect(m.policy).toEqual({ id, version: policies[id].version });
      expect(restoreEscalation(policies[id], JSON.stringify(m))).toEqual(m);
      expect(restoreEscalation(shippedPolicies, JSON.stringify(m))).toEqual(m);
      expect(() => restoreEscalation(previousPolicies[id], JSON.stringify(m))).toThrow(
        expect.objectContaining({ code: 'POLICY_MISMATCH' }),
      );
      expect(getStatus(policies[id], m, at).stage.id).toBe(e.stage);
      // The same migration again changes nothing.
      expect(
        migrateEscalation(m, {
          from: shippedPolicies,
          to: policies[id].version,
          plan: upgradePlans[id],
          at,
          reason: 'Again',
        }).applied,
      ).toBe(false);
      add(`${id} cases`);
    }
  });

  it('redoes nothing done, loses nothing owed, and moves no due date earlier unless the plan says so', () => {
    for (const e of cases) {
      const { at, escalation: m, entry } = migrate(id, e);
      const before = advanceTo(previousPolicies[id], e, at);
      for (const o of before.obligations.filter((x) => x.status !== 'running')) {
        expect(m.obligations.find((x) => x.id === o.id)).toMatchObject({ status: o.status, dueAt: o.dueAt });
      }
      for (const duty of entry.duties) add(`${id} ${duty.outcome}`);
      for (const o of before.obligations.filter((x) => x.status === 'running')) {
        const after = m.obligations.find((x) => x.id === o.id)!;
        const ended = entry.duties.find((d) => d.obligation === o.id && d.outcome === 'ended');
        if (ended) {
          expect(after.status).toBe('void');
          expectReplaced(id, m, entry, o.rule);
          continue;
        }
        expect(after.status).toBe('running');
        if (after.dueAt === o.dueAt) continue;
        if (after.dueAt === null) {
          expect(DROPPED[id], `${e.id}: ${o.id} lost its due date`).toContain(o.rule);
          add(`${id} date dropped`);
        } else if (o.dueAt !== null && after.dueAt < o.dueAt) {
          expect(EARLIER[id], `${e.id}: ${o.id} moved from ${o.dueAt} to ${after.dueAt}`).toContain(o.rule);
          add(`${id} moved earlier`);
        } else {
          add(`${id} moved later`);
        }
      }
    }
  });
});

/** A duty the plan ended is replaced by the revision's own where the revision still owes it. */
function expectReplaced(id: PolicyId, m: Escalation, entry: HistoryEntryOf<'migrated'>, rule: string): void {
  if (id === 'derby-derbyshire') {
    expect(rule).toBe('template-at-stage-3');
    // The template owed on reaching Stage 3 or 4, unless one was made earlier (then it is not owed).
    const started = entry.duties.find((d) => d.to === 'template-on-escalation' && d.outcome === 'started');
    const made = m.history.some(
      (h) => h.type === 'event' && h.event.type === 'RECORD' && h.event.record.form === 'escalation-template',
    );
    expect(started !== undefined || made).toBe(true);
    add(`${id} replaced: ${started ? 'started' : 'made earlier'}`);
    return;
  }
  expect(id).toBe('devon');
  expect(rule).toBe('feedback-to-raiser');
  // Owed after a resolution at Stage 5: now, in a case already resolved there; else when it is.
  const resolvedAtFive = m.status === 'resolved' && m.stage === 'stage-5';
  expect(entry.duties.some((d) => d.to === 'feedback-to-raiser' && d.outcome === 'started')).toBe(resolvedAtFive);
  add(`${id} replaced: ${resolvedAtFive ? 'started' : 'on resolution'}`);
}

describe('Devon: a case at Stage 5 whose 0.1 feedback the plan ended', () => {
  it('owes the revision’s feedback once it is resolved at Stage 5 after the migration', () => {
    const open = owing('devon').filter(
      (e) =>
        e.status === 'open' &&
        e.stage === 'stage-5' &&
        e.obligations.some((o) => o.rule === 'feedback-to-raiser' && o.status === 'running'),
    );
    expect(open.length).toBeGreaterThan(0);
    for (const e of open) {
      const { at, escalation: m } = migrate('devon', e);
      const resolved = applyEvent(policies.devon, m, { type: 'RESOLVE', outcome: 'Resolved by the review', at });
      const feedback = resolved.obligations.filter((o) => o.rule === 'feedback-to-raiser');
      expect(feedback.map((o) => `${o.id} ${o.kind} ${o.status}`)).toEqual([
        'feedback-to-raiser#1 record void',
        'feedback-to-raiser#2 after-resolution running',
      ]);
      expect(getStatus(policies.devon, resolved, at).requiredActions.map((a) => a.obligation)).toContain(
        'feedback-to-raiser#2',
      );
    }
  });
});

afterAll(() => {
  console.info(
    `The 0.1 corpus migrated with upgradePlans:\n${[...tally].map(([key, n]) => `  ${key}: ${n}`).join('\n')}`,
  );
});
