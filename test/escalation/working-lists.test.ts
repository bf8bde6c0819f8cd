// The versions of a case share plain working lists (src/escalation/backing.ts) and carry an index of
// the entries a late fact looks back for (caseIndex.ts). Neither may change an answer: an event applied
// to any version, the latest, an earlier one or the same one twice, gives what it gives applied to a
// JSON copy of that version (which the library checks and indexes afresh), and no version it returned
// before changes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEvent, policies, startEscalation, type Escalation, type EscalationEvent } from '../../src/index.js';
import { caseIndex, isLandmark, isMetLate, landmarks, metLate } from '../../src/escalation/caseIndex.js';

const HOUR = 3_600_000;

const step = fc.record({
  /** Which version the event is applied to: 0 the latest, 1 the one before, and so on. */
  back: fc.oneof(fc.constant(0), fc.constant(0), fc.constant(1), fc.nat(40)),
  /** Hours after the version's asOf (negative: a fact learned late). */
  hours: fc.integer({ min: -72, max: 60 }),
  kind: fc.constantFrom('notification', 'note', 'discussion', 'written-confirmation', 'escalate', 'resolve'),
});

function eventOf(s: { hours: number; kind: string }, base: Escalation, i: number): EscalationEvent {
  const at = new Date(Math.max(Date.parse(base.asOf) + s.hours * HOUR, Date.parse(base.raisedAt))).toISOString();
  if (s.kind === 'escalate') return { type: 'ESCALATE', id: `m${i}`, at };
  if (s.kind === 'resolve') return { type: 'RESOLVE', id: `r${i}`, at, outcome: 'agreed' };
  const to = s.kind === 'note' ? {} : { to: 'partnership manager' };
  return { type: 'RECORD', id: `e${i}`, at, record: { kind: s.kind, ...to } } as EscalationEvent;
}

function outcome(run: () => Escalation): string {
  try {
    return JSON.stringify(run());
  } catch (error) {
    return `refused: ${(error as { code?: string }).code}`;
  }
}

/** The index's lists checked against a scan of the escalation. */
function expectIndexAsScanned(e: Escalation): void {
  const index = caseIndex(e);
  expect(landmarks(e, index)).toEqual(e.history.flatMap((entry, position) => (isLandmark(entry) ? [position] : [])));
  expect(metLate(e, index)).toEqual(e.obligations.flatMap((o, position) => (isMetLate(o) ? [position] : [])));
}

describe('the versions of a case', () => {
  for (const id of ['barnsley', 'suffolk'] as const) {
    it(`in ${id}, answer as a JSON copy of each does, whichever is applied to, and never change`, () => {
      const policy = policies[id];
      fc.assert(
        fc.property(fc.array(step, { minLength: 20, maxLength: 60 }), (steps) => {
          let first = startEscalation(policy, { id: 'LISTS', raisedAt: '2025-01-06T09:00:00Z' });
          first = applyEvent(policy, first, { type: 'ESCALATE', at: '2025-01-06T10:00:00Z' });
          const versions: { e: Escalation; json: string }[] = [{ e: first, json: JSON.stringify(first) }];
          steps.forEach((s, i) => {
            const base = versions[Math.max(0, versions.length - 1 - s.back)]!.e;
            expectIndexAsScanned(base); // asked for first, so the next version carries them on
            const event = eventOf(s, base, i);
            const copy = JSON.parse(JSON.stringify(base)) as Escalation;
            const got = outcome(() => applyEvent(policy, base, event));
            expect(got).toBe(outcome(() => applyEvent(policy, copy, event)));
            if (!got.startsWith('refused')) {
              const e = applyEvent(policy, base, event); // the same event again: the same answer
              expect(JSON.stringify(e)).toBe(got);
              versions.push({ e, json: got });
            }
          });
          for (const { e, json } of versions) {
            expect(JSON.stringify(e)).toBe(json);
            expectIndexAsScanned(e);
          }
        }),
        { numRuns: 60, seed: 18 },
      );
    });
  }
});
