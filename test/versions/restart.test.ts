// A rule whose meaning changed between versions (Devon's feedback to the raising professionals: owed
// at Stage 5 in 0.1's definition, after a resolution at Stage 5 in "web page (undated) r2"): a plan
// ends its duties and starts it afresh (`start`), and the new version's rule starts when its anchor
// next happens, since a duty a migration ended does not count as the rule's start. A duty done under
// the earlier version is not redone.
import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  EscalationError,
  migrateEscalation,
  policies,
  previousPolicies,
  shippedPolicies,
  startEscalation,
  type Escalation,
  type EscalationEvent,
  type MigrationPlan,
} from '../../src/index.js';

const before = previousPolicies.devon;
const after = policies.devon;
const toStage5: EscalationEvent[] = ['2025-01-14', '2025-01-16', '2025-01-20', '2025-01-22'].map((day) => ({
  type: 'ESCALATE',
  at: `${day}T10:00:00Z`,
}));
const run = (events: EscalationEvent[]): Escalation =>
  events.reduce(
    (e, event) => applyEvent(before, e, event),
    startEscalation(before, { id: 'DEV-1', raisedAt: '2025-01-13T09:00:00Z' }),
  );
const plan: MigrationPlan = {
  deadlines: 'keep-date',
  duties: { 'feedback-to-raiser': { end: 'Owed after the resolution in the new version' } },
  start: { 'feedback-to-raiser': 'anchor' },
};
const migrate = (e: Escalation, given: MigrationPlan = plan) =>
  migrateEscalation(e, {
    from: shippedPolicies,
    to: after.version,
    plan: given,
    at: '2025-02-03T09:00:00Z',
    reason: 'Revised definition',
  });
const feedback = (e: Escalation) =>
  e.obligations.filter((o) => o.rule === 'feedback-to-raiser').map((o) => `${o.id} ${o.kind} ${o.status}`);

describe('a rule whose duties the plan ends, started afresh', () => {
  it('at Stage 5, open: ended now, owed again once the case is resolved at Stage 5', () => {
    const { escalation: m, entry } = migrate(run(toStage5));
    expect(entry.duties.filter((d) => d.obligation.startsWith('feedback'))).toEqual([
      {
        obligation: 'feedback-to-raiser#1',
        from: 'feedback-to-raiser',
        outcome: 'ended',
        reason: 'Owed after the resolution in the new version',
      },
    ]);
    const resolved = applyEvent(after, m, { type: 'RESOLVE', outcome: 'Agreed', at: '2025-02-04T09:00:00Z' });
    expect(feedback(resolved)).toEqual([
      'feedback-to-raiser#1 record void',
      'feedback-to-raiser#2 after-resolution running',
    ]);
  });

  it('resolved at Stage 5 already: owed at once, from the resolution', () => {
    const e = run([...toStage5, { type: 'RESOLVE', outcome: 'Agreed', at: '2025-01-29T10:00:00Z' }]);
    const { escalation: m } = migrate(e);
    expect(feedback(m)).toEqual(['feedback-to-raiser#1 record void', 'feedback-to-raiser#2 after-resolution running']);
    expect(m.obligations.find((o) => o.id === 'feedback-to-raiser#2')?.armedAt).toBe('2025-01-29T10:00:00.000Z');
  });

  it('resolved after the migration, learned late: owed from the resolution, and met by the feedback learned first', () => {
    const { escalation: m } = migrate(run(toStage5));
    // Feedback given on Wednesday 5 February, learned first; the resolution on Tuesday 4th, logged after it.
    const fed = applyEvent(after, m, { type: 'RECORD', at: '2025-02-05T10:00:00Z', record: { kind: 'feedback' } });
    expect(feedback(fed)).toEqual(['feedback-to-raiser#1 record void']);
    const resolved = applyEvent(after, fed, {
      type: 'RESOLVE',
      outcome: 'Agreed',
      at: '2025-02-04T09:00:00Z',
      recordedAt: '2025-02-05T12:00:00Z',
    });
    expect(feedback(resolved)).toEqual([
      'feedback-to-raiser#1 record void',
      'feedback-to-raiser#2 after-resolution met',
    ]);
    expect(resolved.obligations.find((o) => o.id === 'feedback-to-raiser#2')).toMatchObject({
      armedAt: '2025-02-04T09:00:00.000Z',
      metAt: '2025-02-05T10:00:00.000Z',
    });
  });

  it('given under the earlier version already: not redone, then or on resolution', () => {
    const e = run([...toStage5, { type: 'RECORD', at: '2025-01-23T10:00:00Z', record: { kind: 'feedback' } }]);
    const { escalation: m } = migrate(e);
    const resolved = applyEvent(after, m, { type: 'RESOLVE', outcome: 'Agreed', at: '2025-02-04T09:00:00Z' });
    expect(feedback(resolved)).toEqual(['feedback-to-raiser#1 record met']);
  });

  it('is refused when the plan starts a rule of both versions without ending its duties', () => {
    const { duties: _duties, ...withoutEnd } = plan;
    try {
      migrate(run(toStage5), withoutEnd);
      expect.unreachable('the plan should be refused');
    } catch (error) {
      expect(error).toBeInstanceOf(EscalationError);
      expect((error as EscalationError).problems).toContainEqual({
        path: 'plan.start.feedback-to-raiser',
        message:
          'feedback-to-raiser is not new in version web page (undated) r2: its duties run on from version web page (undated)',
      });
    }
  });
});
