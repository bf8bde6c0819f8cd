// An auditor's own suite: property tests for a partnership's policy, run with vitest.
// (This project's `npm test` runs this file too.)
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getStatus, lintPolicy, policies, worstCaseTimeline } from 'safeguarding-escalation';
import { arbitraries, checkInvariants, runSequence } from 'safeguarding-escalation/testing';

const policy = policies.suffolk;

describe('Suffolk escalation process: the promises hold on every path and calendar', () => {
  it('keeps every invariant for any sequence of events, valid or not', () => {
    fc.assert(
      fc.property(arbitraries.eventSequence(policy), (sequence) => {
        const run = runSequence(policy, sequence);
        if (!run) return; // a start the policy refuses
        let previous;
        for (const escalation of run.versions) {
          checkInvariants(policy, escalation, sequence.now, { previous });
          previous = escalation;
        }
      }),
      { numRuns: 150 },
    );
  });

  it('never lets Stage 5 come later than 8 working days after the concerns were raised: 3 to the Stage 1 discussion, then 5', () => {
    fc.assert(
      fc.property(arbitraries.londonInstant(), (raisedAt) => {
        const top = worstCaseTimeline(policy, raisedAt).at(-1)!;
        expect(top.workingDays).toBeLessThanOrEqual(8);
      }),
      { numRuns: 50 },
    );
  });

  it('finds the limits agree, and would find the contradiction under the other reading of the cap', () => {
    expect(lintPolicy(policy).filter((f) => f.code === 'TIMESCALE_CONFLICT')).toEqual([]);
    // Counted from the raising instead of the Stage 1 discussion, the cap cannot hold the stage limits.
    const fromRaising = JSON.parse(JSON.stringify(policy));
    fromRaising.obligations.find((o: { id: string }) => o.id === 'stage-5-cap').anchor = { on: 'raised' };
    const [conflict] = lintPolicy(fromRaising).filter((f) => f.code === 'TIMESCALE_CONFLICT');
    expect(conflict!.message).toContain('add up to 8');
  });

  it('answers what is due at any moment', () => {
    fc.assert(
      fc.property(arbitraries.eventSequence(policy, { maxEvents: 6 }), (sequence) => {
        const run = runSequence(policy, sequence);
        if (!run) return;
        const status = getStatus(policy, run.versions.at(-1)!, sequence.now);
        for (const d of status.deadlines) expect(d.overdue).toBe(sequence.now > d.dueAt);
      }),
      { numRuns: 100 },
    );
  });
});
