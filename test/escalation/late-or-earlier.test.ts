// A record learned late that happened before a duty started meets it where the policy counts earlier
// records (`orEarlier`), as it would have when the duty started had the record been known then; where
// the policy does not, it does not. Found by the 0.1 corpus (test/upgrade/), where 0.1 met such a duty.
import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  getStatus,
  policies,
  startEscalation,
  type Escalation,
  type EscalationEvent,
} from '../../src/index.js';

const policy = policies.suffolk;
// Monday 3 March 2025: raised, straight to Stage 3 at 14:00; the form was completed at 11:00 that
// morning, at Stage 1, and the host learned of it on Wednesday 5 March.
const raisedAt = '2025-03-03T09:00:00Z';
const jump: EscalationEvent = { type: 'EXPEDITE', to: 'stage-3', at: '2025-03-03T14:00:00Z' };
const form: EscalationEvent = {
  type: 'RECORD',
  at: '2025-03-03T11:00:00Z',
  record: { kind: 'form', form: 'escalation-record-form' },
};
const run = (events: EscalationEvent[]): Escalation =>
  events.reduce((e, event) => applyEvent(policy, e, event), startEscalation(policy, { id: 'SUF-L', raisedAt }));
const obligation = (e: Escalation, id: string) => e.obligations.find((o) => o.id === id);

describe('a late record, and a duty that counts earlier records', () => {
  it('meets the Escalation Record Form, due the day Stage 3 began, on time: as if it had been known then', () => {
    const late = run([jump, { ...form, recordedAt: '2025-03-05T09:00:00Z' }]);
    expect(obligation(late, 'escalation-record-form#1')).toMatchObject({
      status: 'met',
      metAt: '2025-03-03T11:00:00.000Z',
      dueDate: '2025-03-03',
    });
    // The deadline had been recorded as passed (on 3 March) before the record was learned: corrected.
    const met = late.history.find((h) => h.type === 'obligation-met' && h.obligation === 'escalation-record-form#1');
    const passed = late.history.find(
      (h) => h.type === 'deadline-passed' && h.obligation === 'escalation-record-form#1',
    );
    expect(met).toMatchObject({ onTime: true, corrects: passed?.seq });
    // The same facts learned in time give the same status.
    const inTime = run([form, jump]);
    const now = '2025-03-06T09:00:00Z';
    expect(getStatus(policy, late, now).requiredActions).toEqual(getStatus(policy, inTime, now).requiredActions);
  });

  it('does not meet a duty that counts only what is done once it has started (the Stage 5 response)', () => {
    const e = run([
      { type: 'EXPEDITE', to: 'stage-5', at: '2025-03-03T14:00:00Z' },
      { type: 'RECORD', at: '2025-03-03T12:00:00Z', recordedAt: '2025-03-04T09:00:00Z', record: { kind: 'response' } },
    ]);
    expect(obligation(e, 'stage-5-response#1')).toMatchObject({ status: 'running' });
  });
});
