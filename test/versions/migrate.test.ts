// migrateEscalation: an open case of each of the five policies moved to a revised version (the
// fixtures in test/fixtures/versions/), with the dates worked by hand; then the refusals, the dry run,
// the registry, and what a migration never does.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  advanceTo,
  applyEvent,
  definePolicy,
  getStatus,
  migrateEscalation,
  policies,
  policyRegistry,
  renderTimeline,
  restoreEscalation,
  startEscalation,
  type Escalation,
  type EscalationEvent,
  type MigrateOptions,
  type MigrationPlan,
  type Policy,
  type PolicyDefinition,
  type PolicyId,
} from '../../src/index.js';
import { refused } from '../helpers.js';
import { riverside } from '../fixtures/policies.js';
import { revisions } from '../fixtures/versions/index.js';

function run(policy: Policy, start: Parameters<typeof startEscalation>[1], events: EscalationEvent[]): Escalation {
  return events.reduce((e, event) => applyEvent(policy, e, event), startEscalation(policy, start));
}

const obligation = (e: Escalation, id: string) => e.obligations.find((o) => o.id === id);
const dueOf = (policy: Policy, e: Escalation, rule: string, now: string) =>
  getStatus(policy, e, now).deadlines.find((d) => d.rule === rule);

/** What every migration keeps: the whole history before it, one entry for it, and a case that restores under the new version only. */
function expectSound(before: Escalation, after: Escalation, from: Policy, to: Policy): void {
  expect(after.history.slice(0, before.history.length)).toEqual(before.history);
  const migrated = after.history.filter((h) => h.type === 'migrated');
  expect(migrated).toHaveLength(1);
  expect(after.policy).toEqual({ id: to.id, version: to.version });
  expect(restoreEscalation(to, JSON.stringify(after))).toEqual(after);
  refused(() => restoreEscalation(from, JSON.stringify(after)), 'POLICY_MISMATCH');
  // Nothing already done is redone: every duty met or ended before is still met or ended, at the same time.
  for (const o of before.obligations.filter((x) => x.status !== 'running')) {
    expect(obligation(after, o.id)).toMatchObject({
      status: o.status,
      dueAt: o.dueAt,
      ...(o.metAt ? { metAt: o.metAt } : {}),
    });
  }
  // Nothing owed is lost: every duty running before is running after, or the migration entry says it ended.
  const ended =
    migrated[0]?.type === 'migrated'
      ? migrated[0].duties.filter((d) => d.outcome === 'ended').map((d) => d.obligation)
      : [];
  for (const o of before.obligations.filter((x) => x.status === 'running')) {
    expect(obligation(after, o.id)?.status === 'running' || ended.includes(o.id)).toBe(true);
  }
}

describe('Suffolk 8 r2 to 9 (a fixture)', () => {
  const v8 = policies.suffolk;
  const v9 = revisions.suffolk;
  const raisedAt = '2025-09-22T09:00:00Z'; // Monday 22 September 2025

  it('a case at Stage 2, past its Stage 5 cap anchor: the cap keeps its anchor, where a restart would count it again from zero', () => {
    const e = run(v8, { id: 'SUF-1', raisedAt }, [
      { type: 'RECORD', at: '2025-09-23T10:00:00Z', record: { kind: 'discussion' } }, // the day of Stage 1: the cap's anchor
      { type: 'ESCALATE', at: '2025-09-24T10:00:00Z' },
    ]);
    // 5 working days from Tuesday 23 September: 24, 25, 26, 29, 30.
    expect(obligation(e, 'stage-5-cap#1')).toMatchObject({
      armedAt: '2025-09-23T10:00:00.000Z',
      dueDate: '2025-09-30',
    });
    const { escalation: m, entry } = migrateEscalation(e, {
      from: v8,
      to: v9,
      plan: { deadlines: 'recount' },
      at: '2025-09-25T12:00:00Z',
      by: { role: 'Business Manager', agency: 'Suffolk Safeguarding Partnership' },
      reason: 'The partnership adopted version 9 for open cases',
    });
    expectSound(e, m, v8, v9);
    expect(obligation(m, 'stage-5-cap#1')).toMatchObject({
      armedAt: '2025-09-23T10:00:00.000Z',
      dueDate: '2025-09-30',
      status: 'running',
    });
    expect(entry).toMatchObject({
      type: 'migrated',
      by: { role: 'Business Manager' },
      from: { id: 'suffolk', version: '8 r2' },
      to: { id: 'suffolk', version: '9' },
      plan: { deadlines: 'recount' },
      stage: { from: 'stage-2', to: 'stage-2' },
    });
    expect(entry.duties.find((d) => d.obligation === 'stage-5-cap#1')).toEqual({
      obligation: 'stage-5-cap#1',
      from: 'stage-5-cap',
      to: 'stage-5-cap',
      outcome: 'kept',
      deadline: 'recount',
      dueAt: { from: '2025-09-30T22:59:59.999Z', to: '2025-09-30T22:59:59.999Z' },
    });
    // The old way, withdrawing and starting again at Stage 2, counted the cap from the restart: 26,
    // 29, 30 September, 1 and 2 October.
    const restarted = startEscalation(v9, { id: 'SUF-1b', raisedAt: '2025-09-25T12:00:00Z', startStage: 'stage-2' });
    expect(obligation(restarted, 'stage-5-cap#1')?.dueDate).toBe('2025-10-02');
    // The case goes on under version 9: reaching Stage 3 starts its new duty, 1 working day.
    const on = applyEvent(v9, m, { type: 'ESCALATE', at: '2025-09-26T09:00:00Z' });
    expect(dueOf(v9, on, 'tracker-notice', '2025-09-26T09:00:00Z')?.dueDate).toBe('2025-09-29');
    expect(dueOf(v9, on, 'stage-5-cap', '2025-09-26T09:00:00Z')?.dueDate).toBe('2025-09-30');
  });

  it("a case at Stage 1 after its discussion: Stage 2's limit of 2 working days, where the plan says to recount", () => {
    const e = run(v8, { id: 'SUF-2', raisedAt }, [
      { type: 'RECORD', at: '2025-09-23T10:00:00Z', record: { kind: 'meeting' } },
    ]);
    expect(obligation(e, 'stage-2-manager#1')?.dueDate).toBe('2025-09-24'); // 1 working day
    const options = { from: v8, to: v9, at: '2025-09-23T12:00:00Z', reason: 'Version 9' };
    const kept = migrateEscalation(e, { ...options, plan: { deadlines: 'keep-date' } }).escalation;
    expect(obligation(kept, 'stage-2-manager#1')?.dueDate).toBe('2025-09-24');
    const recounted = migrateEscalation(e, {
      ...options,
      plan: { deadlines: 'keep-date', duties: { 'stage-2-manager': { deadline: 'recount' } } },
    });
    // 2 working days from Tuesday 23 September: 24, 25.
    expect(obligation(recounted.escalation, 'stage-2-manager#1')?.dueDate).toBe('2025-09-25');
    expect(recounted.entry.duties.find((d) => d.obligation === 'stage-2-manager#1')).toMatchObject({
      outcome: 'moved',
      deadline: 'recount',
    });
    expect(obligation(recounted.escalation, 'stage-5-cap#1')?.dueDate).toBe('2025-09-30');
    expectSound(e, recounted.escalation, v8, v9);
  });

  it('a case at Stage 3 starts the new duty from when it reached Stage 3, where the plan asks', () => {
    const e = run(v8, { id: 'SUF-3', raisedAt }, [
      { type: 'RECORD', at: '2025-09-23T10:00:00Z', record: { kind: 'discussion' } },
      { type: 'ESCALATE', at: '2025-09-24T10:00:00Z' },
      { type: 'ESCALATE', at: '2025-09-25T10:00:00Z' },
    ]);
    const { escalation: m, entry } = migrateEscalation(e, {
      from: v8,
      to: v9,
      plan: { deadlines: 'keep-date', start: { 'tracker-notice': 'anchor' } },
      at: '2025-09-26T12:00:00Z',
      reason: 'Version 9',
    });
    // 1 working day from Thursday 25 September, when Stage 3 began: Friday 26.
    expect(obligation(m, 'tracker-notice#1')).toMatchObject({
      armedAt: '2025-09-25T10:00:00.000Z',
      dueDate: '2025-09-26',
      stage: 'stage-3',
      status: 'running',
    });
    expect(entry.duties.at(-1)).toEqual({
      obligation: 'tracker-notice#1',
      to: 'tracker-notice',
      outcome: 'started',
      deadline: 'anchor',
      dueAt: { from: null, to: '2025-09-26T22:59:59.999Z' },
    });
    // Counted from the migration instead: Monday 29 September.
    const fromNow = migrateEscalation(e, {
      from: v8,
      to: v9,
      plan: { deadlines: 'keep-date', start: { 'tracker-notice': 'migration' } },
      at: '2025-09-26T12:00:00Z',
      reason: 'Version 9',
    });
    expect(obligation(fromNow.escalation, 'tracker-notice#1')?.dueDate).toBe('2025-09-29');
    // A plan serves every open case: where the duty would already be met, or what it counts from has
    // not happened yet, it is not started.
    const told = applyEvent(v8, e, {
      type: 'RECORD',
      at: '2025-09-25T11:00:00Z',
      record: { kind: 'notification', to: 'Business Manager' },
    });
    const plan = { deadlines: 'keep-date', start: { 'tracker-notice': 'anchor' } } as const;
    expect(
      migrateEscalation(told, {
        from: v8,
        to: v9,
        plan,
        at: '2025-09-26T12:00:00Z',
        reason: 'Version 9',
      }).escalation.obligations.some((o) => o.rule === 'tracker-notice'),
    ).toBe(false);
    const early = run(v8, { id: 'SUF-4', raisedAt }, []);
    expect(
      migrateEscalation(early, {
        from: v8,
        to: v9,
        plan,
        at: '2025-09-26T12:00:00Z',
        reason: 'Version 9',
      }).entry.duties.some((d) => d.outcome === 'started'),
    ).toBe(false);
    // Naming a rule that is not new is a mistake in the plan.
    const error = refused(
      () =>
        migrateEscalation(e, {
          from: v8,
          to: v9,
          plan: { deadlines: 'keep-date', start: { 'stage-5-cap': 'anchor', nothing: 'migration' } },
          at: '2025-09-26T12:00:00Z',
          reason: 'Version 9',
        }),
      'MIGRATION_REFUSED',
    );
    expect(error.problems).toEqual([
      {
        path: 'plan.start.stage-5-cap',
        message: 'stage-5-cap is not new in version 9: its duties run on from version 8 r2',
      },
      { path: 'plan.start.nothing', message: "version 9 has no rule 'nothing'" },
    ]);
  });
});

describe('Barnsley V4 r2 to V5 (a fixture)', () => {
  const v4 = policies.barnsley;
  const v5 = revisions.barnsley;
  // Raised on Monday 1 September 2025, at Stage One the same morning; the Partnership Manager told at
  // once (which is the first update), then nothing: the next update was due on Monday 8 September.
  const e = run(v4, { id: 'BAR-1', raisedAt: '2025-09-01T09:00:00Z' }, [
    { type: 'ESCALATE', at: '2025-09-01T10:00:00Z' },
    { type: 'RECORD', at: '2025-09-01T11:00:00Z', record: { kind: 'notification', to: 'Partnership Manager' } },
    { type: 'RECORD', at: '2025-09-01T12:00:00Z', record: { kind: 'form', form: 'escalation-record' } },
  ]);
  const at = '2025-09-12T09:00:00Z'; // Friday 12 September: the update is overdue

  it('the update overdue keeps its date and stays overdue, counted in rounds of 10 working days from then on', () => {
    expect(dueOf(v4, e, 'progress-updates', at)).toMatchObject({
      id: 'progress-updates#2',
      dueDate: '2025-09-08',
      overdue: true,
      nextRoundAt: '2025-09-15T22:59:59.999Z',
    });
    const { escalation: m } = migrateEscalation(e, {
      from: v4,
      to: v5,
      plan: { deadlines: 'keep-date' },
      at,
      reason: 'V5 adopted',
    });
    expectSound(e, m, v4, v5);
    // Recorded as passed under V4 before the migration, and still overdue.
    const passed = m.history.find((h) => h.type === 'deadline-passed' && h.obligation === 'progress-updates#2');
    const migratedAt = m.history.findIndex((h) => h.type === 'migrated');
    expect(passed && passed.seq - 1).toBeLessThan(migratedAt);
    // The next round is 10 working days after 8 September: 22 September.
    expect(dueOf(v5, m, 'progress-updates', at)).toMatchObject({
      dueDate: '2025-09-08',
      overdue: true,
      roundsMissed: 1,
      nextRoundAt: '2025-09-22T22:59:59.999Z',
    });
  });

  it('recounted from its anchor under the new limit of 10 working days, it is no longer overdue', () => {
    const { escalation: m, entry } = migrateEscalation(e, {
      from: v4,
      to: v5,
      plan: { deadlines: 'keep-date', duties: { 'progress-updates': { deadline: 'recount' } } },
      at,
      reason: 'V5 adopted',
    });
    expectSound(e, m, v4, v5);
    // 10 working days from the update on Monday 1 September: 2, 3, 4, 5, 8, 9, 10, 11, 12, 15.
    expect(obligation(m, 'progress-updates#2')).toMatchObject({
      armedAt: '2025-09-01T11:00:00.000Z',
      dueDate: '2025-09-15',
      status: 'running',
    });
    expect(obligation(m, 'progress-updates#2')).not.toHaveProperty('passedAt');
    expect(dueOf(v5, m, 'progress-updates', at)).toMatchObject({ overdue: false, workingDaysRemaining: 1 });
    // The history still says it passed under V4; the migration says it moved.
    expect(m.history.some((h) => h.type === 'deadline-passed' && h.obligation === 'progress-updates#2')).toBe(true);
    expect(entry.duties.find((d) => d.obligation === 'progress-updates#2')).toMatchObject({
      outcome: 'moved',
      dueAt: { from: '2025-09-08T22:59:59.999Z', to: '2025-09-15T22:59:59.999Z' },
    });
    // Stage One's own 5 working days are the same in V5: still overdue since Monday 8 September.
    expect(dueOf(v5, m, 'stage-1-resolution', at)).toMatchObject({ dueDate: '2025-09-08', overdue: true });
  });
});

describe('Derby and Derbyshire 1 r2 to 2 (a fixture)', () => {
  const v1 = policies['derby-derbyshire'];
  const v2 = revisions['derby-derbyshire'];

  it('a case at Stage 3 owes a duty version 2 no longer has: refused until the plan ends it, listing every problem', () => {
    const e = run(v1, { id: 'DD-1', raisedAt: '2025-10-06T09:00:00Z' }, [
      { type: 'ESCALATE', at: '2025-10-07T09:00:00Z' },
      { type: 'ESCALATE', at: '2025-10-08T09:00:00Z' },
    ]);
    const at = '2025-10-09T09:00:00Z';
    const error = refused(
      () => migrateEscalation(e, { from: v1, to: v2, plan: {}, at, reason: 'Version 2' }),
      'MIGRATION_REFUSED',
    );
    expect(error.problems.map((p) => p.path)).toEqual([
      'plan.duties.stage-3-resolution',
      'plan.duties.template-on-escalation',
      'plan.duties.template-update-stage-3',
    ]);
    expect(error.problems[2]!.message).toBe(
      "template-update-stage-3#1 (Update / submit the Escalation Template) is running and version 2 has no rule 'template-update-stage-3': map it to a rule of version 2, or end it with { end: 'why' }",
    );
    expect(error.message).toMatch(
      /^Migrating escalation 'DD-1' from derby-derbyshire version 1 r2 to version 2 is refused: plan\.duties\.stage-3-resolution: stage-3-resolution#1 /,
    );
    const reason = 'Version 2 no longer asks senior managers to update the template at Stage 3';
    const { escalation: m, entry } = migrateEscalation(e, {
      from: v1,
      to: v2,
      plan: { deadlines: 'keep-date', duties: { 'template-update-stage-3': { end: reason } } },
      at,
      reason: 'Version 2',
    });
    expectSound(e, m, v1, v2);
    expect(obligation(m, 'template-update-stage-3#1')?.status).toBe('void');
    expect(entry.duties.find((d) => d.obligation === 'template-update-stage-3#1')).toEqual({
      obligation: 'template-update-stage-3#1',
      from: 'template-update-stage-3',
      outcome: 'ended',
      reason,
    });
    // 10 working days from Wednesday 8 October: 9, 10, 13, 14, 15, 16, 17, 20, 21, 22.
    expect(dueOf(v2, m, 'stage-3-resolution', at)?.dueDate).toBe('2025-10-22');
    expect(getStatus(v2, m, at).requiredActions.some((a) => a.obligation === 'template-update-stage-3#1')).toBe(false);
  });

  it('a case at Stage 2: 3 working days recounted from when Stage 2 began', () => {
    const e = run(v1, { id: 'DD-2', raisedAt: '2025-10-06T09:00:00Z' }, [
      { type: 'ESCALATE', at: '2025-10-07T09:00:00Z' },
    ]);
    expect(obligation(e, 'stage-2-resolution#1')?.dueDate).toBe('2025-10-09');
    const { escalation: m } = migrateEscalation(e, {
      from: v1,
      to: v2,
      plan: { deadlines: 'recount' },
      at: '2025-10-07T12:00:00Z',
      reason: 'Version 2',
    });
    // 3 working days from Tuesday 7 October: 8, 9, 10.
    expect(obligation(m, 'stage-2-resolution#1')?.dueDate).toBe('2025-10-10');
    expectSound(e, m, v1, v2);
  });
});

describe('Somerset March 2013 r2 to 2025 (a fixture): Stage 5 is gone', () => {
  const v1 = policies.somerset;
  const v2 = revisions.somerset;
  const e = run(
    v1,
    { id: 'SOM-1', raisedAt: '2025-11-03T09:00:00Z' },
    ['04', '05', '06', '07'].map((day) => ({ type: 'ESCALATE', at: `2025-11-${day}T09:00:00Z` })),
  );
  const at = '2025-11-10T09:00:00Z';

  it('refuses a plan that leaves the case at a stage version 2025 does not have', () => {
    expect(e.stage).toBe('stage-5');
    const error = refused(
      () => migrateEscalation(e, { from: v1, to: v2, plan: {}, at, reason: 'The partnership’s new policy' }),
      'MIGRATION_REFUSED',
    );
    expect(error.problems).toEqual([
      {
        path: 'plan.stages.stage-5',
        message:
          'the case is at stage-5, which version 2025 does not have: map it to one of stage-1, stage-2, stage-3, stage-4',
      },
      {
        path: 'plan.stages.stage-5',
        message:
          'record-at-every-stage#5 (Keep a clear record: actions and decisions in writing, shared with relevant personnel) is still owed at stage-5, which version 2025 does not have: map the stage, or end the duty',
      },
    ]);
    const wrong = refused(
      () =>
        migrateEscalation(e, {
          from: v1,
          to: v2,
          plan: { stages: { 'stage-5': 'stage-6', 'stage-9': 'stage-4' } },
          at,
          reason: 'x',
        }),
      'MIGRATION_REFUSED',
    );
    expect(wrong.problems.map((p) => p.message)).toEqual([
      'maps to stage-6, which version 2025 does not have (its stages: stage-1, stage-2, stage-3, stage-4)',
      'stage-9 is not a stage of version March 2013 review r2 (its stages: stage-1, stage-2, stage-3, stage-4, stage-5)',
    ]);
  });

  it('maps Stage 5 to the new Stage 4, starts the new stage timescale from when the case got there, and goes on under 2025', () => {
    const { escalation: m, entry } = migrateEscalation(e, {
      from: v1,
      to: v2,
      plan: { stages: { 'stage-5': 'stage-4' }, start: { 'stage-timescale': 'anchor' } },
      at,
      reason: 'The partnership’s new policy',
    });
    expectSound(e, m, v1, v2);
    expect(m).toMatchObject({ stage: 'stage-4', state: 'stage-4', status: 'open' });
    expect(entry.stage).toEqual({ from: 'stage-5', to: 'stage-4' });
    expect(obligation(m, 'record-at-every-stage#5')).toMatchObject({ stage: 'stage-4', status: 'running' });
    // 10 working days from Friday 7 November: 10, 11, 12, 13, 14, 17, 18, 19, 20, 21.
    expect(obligation(m, 'stage-timescale#1')).toMatchObject({
      stage: 'stage-4',
      armedAt: '2025-11-07T09:00:00.000Z',
      dueDate: '2025-11-21',
    });
    expect(getStatus(v2, m, at).allowedEvents.filter((a) => a.type === 'ESCALATE')).toEqual([]);
    refused(() => applyEvent(v2, m, { type: 'ESCALATE', at: '2025-11-11T09:00:00Z' }), 'NOT_PERMITTED');
    const resolved = applyEvent(v2, m, { type: 'RESOLVE', at: '2025-11-12T09:00:00Z', outcome: 'Agreed' });
    expect(resolved.status).toBe('resolved');
    // Its chart still shows the stage it reached under the earlier version.
    expect(renderTimeline(v2, resolved, '2025-11-12T09:00:00Z')).toContain('5. (stage-5 of an earlier version)');
  });
});

describe('Devon web page r2 to 2025-10 (a fixture): timescales where there were none', () => {
  const v1 = policies.devon;
  const v2 = revisions.devon;
  // Started at Stage 5 for a risk of immediate harm on Monday 1 December 2025; flagged the next day.
  const e = run(v1, { id: 'DEV-1', raisedAt: '2025-12-01T09:00:00Z', startStage: 'stage-5', risk: 'immediate-harm' }, [
    { type: 'FLAG', flag: 'potentially-serious-concern', at: '2025-12-02T10:00:00Z' },
  ]);
  const at = '2025-12-03T09:00:00Z';

  it('asks which rule holds for a duty that version 2025-10 dates', () => {
    const error = refused(
      () => migrateEscalation(e, { from: v1, to: v2, plan: {}, at, reason: 'The dated revision' }),
      'MIGRATION_REFUSED',
    );
    expect(error.problems.map((p) => p.path)).toEqual(['plan.duties.report-to-pdg', 'plan.duties.log-with-pdg-chair']);
  });

  it('recounted, the report to the PDG is due 5 working days after Stage 5 began, and the log 1 working day after the flag', () => {
    const { escalation: m } = migrateEscalation(e, {
      from: v1,
      to: v2,
      plan: { deadlines: 'recount' },
      at,
      reason: 'The dated revision',
    });
    expectSound(e, m, v1, v2);
    // 5 working days from Monday 1 December: 2, 3, 4, 5, 8.
    expect(obligation(m, 'report-to-pdg#1')).toMatchObject({ dueDate: '2025-12-08', strength: 'guidance' });
    // 1 working day from Tuesday 2 December: Wednesday 3, now a maximum.
    expect(obligation(m, 'log-with-pdg-chair#1')).toMatchObject({ dueDate: '2025-12-03', strength: 'maximum' });
    // Kept as they were, they stay without a date.
    const kept = migrateEscalation(e, {
      from: v1,
      to: v2,
      plan: { deadlines: 'keep-date' },
      at,
      reason: 'The dated revision',
    });
    expect(obligation(kept.escalation, 'report-to-pdg#1')?.dueDate).toBeNull();
    expect(kept.entry.duties.find((d) => d.obligation === 'report-to-pdg#1')).toMatchObject({
      outcome: 'kept',
      deadline: 'keep-date',
      dueAt: { from: null, to: null },
    });
  });
});

describe('the rules of a migration', () => {
  const v2 = definePolicy({ ...(JSON.parse(JSON.stringify(riverside)) as PolicyDefinition), version: '2' });
  const e = run(riverside, { id: 'R-1', raisedAt: '2025-04-14T09:00:00Z' }, [
    { type: 'ESCALATE', at: '2025-04-15T09:00:00Z' },
  ]);
  const options: MigrateOptions = {
    from: riverside,
    to: v2,
    plan: { deadlines: 'keep-date' },
    at: '2025-04-15T12:00:00Z',
    reason: 'Version 2',
  };

  it('the same migration again changes nothing', () => {
    const once = migrateEscalation(e, options);
    expect(once.applied).toBe(true);
    const twice = migrateEscalation(once.escalation, options);
    expect(twice).toMatchObject({ applied: false, dryRun: false });
    expect(twice.escalation).toBe(once.escalation);
    expect(twice.entry).toEqual(once.entry);
    // Even from its JSON, and with events applied since.
    const later = applyEvent(v2, once.escalation, {
      type: 'RECORD',
      at: '2025-04-16T09:00:00Z',
      record: { kind: 'note' },
    });
    const copy = JSON.parse(JSON.stringify(later)) as Escalation;
    expect(migrateEscalation(copy, options).escalation).toBe(copy);
    // Another plan is another migration: the case is no longer under version 1.
    refused(
      () => migrateEscalation(once.escalation, { ...options, plan: { deadlines: 'recount' } }),
      'POLICY_MISMATCH',
    );
  });

  it('a dry run changes nothing and says what would happen', () => {
    const dry = migrateEscalation(e, { ...options, dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, applied: false });
    expect(dry.escalation).toBe(e);
    expect(dry.preview.policy.version).toBe('2');
    expect(dry.entry).toEqual(migrateEscalation(e, options).entry);
    refused(
      () => migrateEscalation(e, { ...options, plan: { stages: { 'stage-2': 'stage-9' } }, dryRun: true }),
      'MIGRATION_REFUSED',
    );
  });

  it('takes the versions from a registry, by the version the case names and the one asked for', () => {
    const registry = policyRegistry([riverside, v2]);
    const m = migrateEscalation(e, { ...options, from: registry, to: '2' });
    expect(m.escalation.policy.version).toBe('2');
    expect(getStatus(registry, m.escalation, '2025-04-15T12:00:00Z').stage.id).toBe('stage-2');
    expect(() => migrateEscalation(e, { ...options, from: registry, to: '3' })).toThrow(
      /The registry has no version '3' of policy riverside/,
    );
    expect(() => migrateEscalation(e, { ...options, to: '2' })).toThrow(/give options.from as a registry/);
  });

  it('refuses a duty whose kind changed, a target of another policy, and a malformed plan', () => {
    const changed = definePolicy({
      ...(JSON.parse(JSON.stringify(riverside)) as PolicyDefinition),
      version: '3',
      obligations: riverside.obligations.map((o) =>
        o.id === 'stage-2-resolution'
          ? { ...JSON.parse(JSON.stringify(o)), kind: 'response' }
          : JSON.parse(JSON.stringify(o)),
      ),
    });
    const error = refused(() => migrateEscalation(e, { ...options, to: changed }), 'MIGRATION_REFUSED');
    expect(error.problems).toEqual([
      {
        path: 'plan.duties.stage-2-resolution',
        message:
          "stage-2-resolution#1 is a stage duty; stage-2-resolution of version 3 is a response: map it to a duty of the same kind, or end it with { end: 'why' }",
      },
    ]);
    expect(
      refused(() => migrateEscalation(e, { ...options, to: policies.suffolk }), 'MIGRATION_REFUSED').problems[0],
    ).toEqual({
      path: 'to',
      message:
        'is policy suffolk; the case runs under riverside: a migration moves a case between versions of its own policy',
    });
    const malformed = refused(
      () => migrateEscalation(e, { ...options, reason: ' ', plan: { deadlines: 'later', stagez: {} } as never }),
      'INVALID_MIGRATION',
    );
    expect(malformed.problems.map((p) => p.path)).toEqual(['plan.deadlines', 'plan.stagez', 'reason']);
    refused(() => migrateEscalation(e, { ...options, at: '2025-04-15T08:00:00Z' }), 'OUT_OF_ORDER');
    refused(() => migrateEscalation(e, { ...options, from: v2 }), 'POLICY_MISMATCH');
    refused(() => migrateEscalation(e, { ...options, at: 'tomorrow' }), 'INVALID_ARGUMENT');
  });

  it('keeps the remaining working days on the calendar of a version that counts in Scotland', () => {
    const scottish = definePolicy({
      ...(JSON.parse(JSON.stringify(riverside)) as PolicyDefinition),
      version: 'scotland',
      division: 'scotland',
    });
    // Raised on Thursday 17 April 2025: 2 working days in England skip Good Friday and Easter Monday (22, 23).
    const before = startEscalation(riverside, { id: 'R-2', raisedAt: '2025-04-17T09:00:00Z' });
    expect(obligation(before, 'stage-1-resolution#1')?.dueDate).toBe('2025-04-23');
    const at = '2025-04-17T12:00:00Z';
    const plan = (deadline: 'keep-date' | 'keep-remaining' | 'recount') =>
      migrateEscalation(before, {
        from: riverside,
        to: scottish,
        plan: { deadlines: deadline },
        at,
        reason: 'Moving to Scotland',
      });
    // In Scotland Easter Monday is a working day: 2 working days from the 17th are the 21st and 22nd.
    expect(obligation(plan('keep-date').escalation, 'stage-1-resolution#1')?.dueDate).toBe('2025-04-23');
    expect(obligation(plan('keep-remaining').escalation, 'stage-1-resolution#1')?.dueDate).toBe('2025-04-22');
    expect(obligation(plan('recount').escalation, 'stage-1-resolution#1')?.dueDate).toBe('2025-04-22');
    const { escalation: m, entry } = plan('keep-remaining');
    expect(m.calendar.division).toBe('scotland');
    expect(entry.calendar).toMatchObject({ from: { division: 'england-and-wales' }, to: { division: 'scotland' } });
  });

  it('an agreed extension stands when a deadline is recounted, or its remaining working days kept', () => {
    const extended = applyEvent(riverside, e, {
      type: 'EXTEND',
      obligation: 'stage-2-resolution',
      to: '2025-04-30',
      reason: 'Holidays',
      agreedBy: 'Both managers',
      at: '2025-04-15T10:00:00Z',
    });
    const shorter = definePolicy({
      ...(JSON.parse(JSON.stringify(riverside)) as PolicyDefinition),
      version: '4',
      obligations: riverside.obligations.map((o) =>
        o.id === 'stage-2-resolution'
          ? { ...JSON.parse(JSON.stringify(o)), limit: { value: 1, unit: 'working-days' } }
          : JSON.parse(JSON.stringify(o)),
      ),
    });
    const { escalation: m } = migrateEscalation(extended, { ...options, to: shorter, plan: { deadlines: 'recount' } });
    expect(obligation(m, 'stage-2-resolution#1')).toMatchObject({
      dueDate: '2025-04-30',
      extended: { from: '2025-04-17' },
    });
    // Extended to Saturday 26 April: keeping the remaining working days keeps it too, not Friday.
    const weekend = applyEvent(riverside, e, {
      type: 'EXTEND',
      obligation: 'stage-2-resolution',
      to: '2025-04-26',
      reason: 'Holidays',
      agreedBy: 'Both managers',
      at: '2025-04-15T10:00:00Z',
    });
    const kept = migrateEscalation(weekend, { ...options, plan: { deadlines: 'keep-remaining' } }).escalation;
    expect(obligation(kept, 'stage-2-resolution#1')?.dueDate).toBe('2025-04-26');
  });
});

describe('a batch: every stored case of the replay corpus, with one plan per policy', () => {
  // The plans of the integration guide's kind: one per policy, for every case, dry run first.
  const plans: Record<string, MigrationPlan> = {
    suffolk: {
      deadlines: 'keep-date',
      duties: { 'stage-2-manager': { deadline: 'recount' } },
      start: { 'tracker-notice': 'anchor' },
    },
    barnsley: { deadlines: 'recount' },
    'derby-derbyshire': {
      deadlines: 'keep-date',
      duties: { 'template-update-stage-3': { end: 'Version 2 no longer asks for it' } },
    },
    somerset: { stages: { 'stage-5': 'stage-4' }, start: { 'stage-timescale': 'anchor' } },
    devon: { deadlines: 'recount' },
  };

  it.each(Object.keys(plans) as PolicyId[])('%s', (id) => {
    const lines = fs
      .readFileSync(new URL(`../replay/${id}.escalations.jsonl`, import.meta.url), 'utf8')
      .trim()
      .split('\n');
    const registry = policyRegistry([policies[id], revisions[id]]);
    let started = 0;
    for (const text of lines) {
      const stored = (JSON.parse(text) as { escalation: Escalation }).escalation;
      const at = new Date(Date.parse(stored.asOf) + 86_400_000).toISOString();
      const options = {
        from: registry,
        to: revisions[id].version,
        plan: plans[id]!,
        at,
        by: { role: 'Business Manager' },
        reason: 'The new version, for every case',
      };
      const dry = migrateEscalation(stored, { ...options, dryRun: true });
      const { escalation: m, entry } = migrateEscalation(stored, options);
      expect(dry.entry).toEqual(entry);
      expectSound(advanceTo(policies[id], stored, at), m, policies[id], revisions[id]);
      started += entry.duties.filter((d) => d.outcome === 'started').length;
    }
    // Where the plan starts a new duty, some cases had reached the point it counts from.
    if (plans[id]!.start) expect(started).toBeGreaterThan(0);
  });
});
