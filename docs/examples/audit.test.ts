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

  it('never lets Stage 5 come later than 5 working days after the concerns were raised', () => {
    fc.assert(
      fc.property(arbitraries.londonInstant(), (raisedAt) => {
        const top = worstCaseTimeline(policy, raisedAt).at(-1)!;
        expect(top.workingDays).toBeLessThanOrEqual(5);
      }),
      { numRuns: 50 },
    );
  });

  it('finds where the text contradicts itself', () => {
    const conflicts = lintPolicy(policy).filter((f) => f.code === 'TIMESCALE_CONFLICT');
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.message).toContain('stage-5-cap');
  });

  it('answers what is due at any moment', () => {
    fc.assert(
      fc.property(arbitraries.eventSequence(policy, { maxEvents: 6 }), (sequence) => {
        const run = runSequence(policy, sequence);
        if (!run) return;
        const status = getStatus(run.versions.at(-1)!, sequence.now);
        for (const d of status.deadlines) expect(d.overdue).toBe(sequence.now > d.dueAt);
      }),
      { numRuns: 100 },
    );
  });
});
