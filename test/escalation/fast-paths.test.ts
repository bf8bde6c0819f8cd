// The engine's fast paths, each beside the straightforward way it replaces: an event accepted
// without zod is what zod gives back; a move decided from the memo is what XState's transition
// decides; the index of a case is what a scan of it gives; and over the benchmark's corpus, a stored
// string read back and run gives what the escalation in memory gives, byte for byte.
import fc from 'fast-check';
import { transition } from 'xstate';
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: the benchmark's corpus generator, plain JavaScript without declarations
import { benchCorpus } from '../../bench/corpus.mjs';
import * as api from '../../src/index.js';
import {
  applyEvent,
  EscalationError,
  getStatus,
  policies,
  restoreEscalation,
  startEscalation,
  type Escalation,
  type EscalationEvent,
  type Policy,
} from '../../src/index.js';
import { acceptEvent } from '../../src/escalation/acceptEvent.js';
import { caseIndex, eventEntry, perRule, runningObligations, stageEnteredMs } from '../../src/escalation/caseIndex.js';
import { compile } from '../../src/escalation/compiled.js';
import { decide } from '../../src/escalation/movement.js';
import { eventSchema, obligationStateSchema } from '../../src/escalation/types.js';
import { RISKS } from '../../src/policy/schema.js';
import { checkInvariants } from '../../src/testing/index.js';
import { arbitraries } from '../../src/testing/index.js';

const all: Policy[] = Object.values(policies);

/** What zod gives back for an event, with its instants in the stored form, or undefined when it refuses it. */
function throughSchema(event: unknown): string | undefined {
  const parsed = z.safeParse(eventSchema, event);
  return parsed.success ? JSON.stringify(parsed.data) : undefined;
}

const damage = fc.constantFrom(
  'none',
  'padded',
  'extra-key',
  'undefined-key',
  'offset',
  'no-seconds',
  'number',
  'missing-at',
  'nested-extra',
);
function damaged(event: Record<string, unknown>, how: string): unknown {
  const copy = JSON.parse(JSON.stringify(event)) as Record<string, unknown>;
  switch (how) {
    case 'padded':
      for (const key of Object.keys(copy))
        if (typeof copy[key] === 'string' && key !== 'type') copy[key] = ` ${copy[key] as string}`;
      break;
    case 'extra-key':
      copy.unexpected = 'x';
      break;
    case 'undefined-key':
      copy.reason = undefined;
      break;
    case 'offset':
      copy.at = (copy.at as string).replace(/\.\d+Z$|Z$/, '+01:00');
      break;
    case 'no-seconds':
      copy.at = (copy.at as string).slice(0, 16) + 'Z';
      break;
    case 'number':
      copy.at = 7;
      break;
    case 'missing-at':
      delete copy.at;
      break;
    case 'nested-extra':
      if (typeof copy.record === 'object' && copy.record !== null)
        (copy.record as Record<string, unknown>).extra = true;
      else copy.by = { role: 'Manager', extra: 1 };
      break;
  }
  return copy;
}

describe('an event accepted without zod', () => {
  it('is what the schema gives back, key for key, or left to the schema', () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...all).chain((policy) => arbitraries.eventSequence(policy, { maxEvents: 6 })),
        damage,
        ({ events }, how) => {
          for (const event of events) {
            const input = damaged(event as unknown as Record<string, unknown>, how);
            const fast = acceptEvent(input);
            if (fast === undefined) continue;
            accepted++;
            expect(JSON.stringify(fast)).toBe(throughSchema(input));
          }
        },
      ),
      { numRuns: 400 },
    );
    expect(accepted).toBeGreaterThan(100);
  });

  it('takes the forms hosts write, with every optional part', () => {
    const events: unknown[] = [
      {
        type: 'RECORD',
        at: '2024-12-20T10:00:00Z',
        record: { kind: 'discussion' },
      },
      {
        id: 'e-9',
        type: 'ESCALATE',
        at: '2024-12-20T10:00:00+00:00',
        reason: 'imminent-risk',
        by: { agency: 'Police', role: 'DS' },
        note: 'Agreed',
      },
      {
        type: 'RECORD',
        at: '2024-12-20T10:00:00.123456Z',
        recordedAt: '2024-12-21T09:00:00Z',
        record: {
          summary: 'Met',
          kind: 'meeting',
          actions: [{ due: '2025-01-06', action: 'Share the plan', owner: 'DSL' }],
          fields: { agreed: true, count: 2, note: null },
        },
      },
      {
        type: 'CALENDAR',
        reason: 'Office closed',
        at: '2024-12-20T10:00:00Z',
        closures: ['2024-12-27'],
      },
      {
        type: 'EXTEND',
        at: '2024-12-20T10:00:00Z',
        obligation: 'x#1',
        to: '2025-01-10',
        reason: 'Waiting',
        agreedBy: 'Both',
      },
    ];
    for (const event of events) {
      expect(acceptEvent(event), JSON.stringify(event)).toBeDefined();
      expect(JSON.stringify(acceptEvent(event))).toBe(throughSchema(event));
    }
  });
});

describe('a move decided from the memo', () => {
  it("is XState's transition on the compiled machine, for every state, event, target, reason and risk", () => {
    for (const policy of all) {
      const c = compile(policy);
      const stages = policy.stages.map((stage) => stage.id);
      const reasons = [
        undefined,
        ...RISKS,
        'something else',
        ...policy.movement.flatMap((rule) => (typeof rule.requires === 'object' ? [rule.requires.reason] : [])),
      ];
      for (const from of ['raised', ...stages, 'resolved', 'withdrawn']) {
        for (const type of ['START', 'ESCALATE', 'EXPEDITE', 'RESOLVE', 'WITHDRAW'] as const) {
          for (const to of [undefined, ...stages]) {
            for (const reason of reasons) {
              for (const risk of RISKS) {
                const event = {
                  type,
                  ...(to ? { to } : {}),
                  ...(reason ? { reason } : {}),
                  risk,
                };
                const snapshot = c.machine.resolveState({
                  value: from,
                  context: undefined as never,
                });
                const [next, actions] = transition(c.machine, snapshot, event as never);
                const landed = String(next.value);
                const refused = next === snapshot || landed === from || (to !== undefined && landed !== to);
                const decision = decide(c, from, event);
                if (refused) {
                  expect(decision, JSON.stringify({ policy: policy.id, from, event })).toBe('refused');
                  continue;
                }
                expect(decision).not.toBe('refused');
                if (decision === 'refused') continue;
                expect(decision.landed).toBe(landed);
                expect(decision.handOffs).toEqual(
                  actions.filter((action) => action.type === 'handOff').map((action) => action.params),
                );
              }
            }
          }
        }
      }
    }
  });
});

// --- The benchmark's corpus, made through the library's source ---------------------------------

const corpus = benchCorpus(api, { seed: 18, count: 250 }) as {
  now: string;
  cases: {
    policyId: keyof typeof policies;
    start: Parameters<typeof startEscalation>[1];
    events: EscalationEvent[];
    escalation: Escalation;
    json: string;
  }[];
};

/** Every version of every case of the corpus, replayed from its start. */
function versions(): {
  policy: Policy;
  escalation: Escalation;
  next?: EscalationEvent;
}[] {
  const out: {
    policy: Policy;
    escalation: Escalation;
    next?: EscalationEvent;
  }[] = [];
  for (const c of corpus.cases) {
    const policy = policies[c.policyId];
    let e = startEscalation(policy, c.start);
    for (const event of c.events) {
      out.push({ policy, escalation: e, next: event });
      e = applyEvent(policy, e, event);
    }
    out.push({ policy, escalation: e });
  }
  return out;
}

const ORDER = Object.keys(obligationStateSchema.def.shape);

describe("the benchmark's corpus", () => {
  const all = versions();

  it('has thousands of versions across the five policies', () => {
    expect(all.length).toBeGreaterThan(1000);
    expect(new Set(corpus.cases.map((c) => c.policyId)).size).toBe(5);
  });

  it('reads back from its stored string byte for byte, and answers as in memory', () => {
    for (const { policy, escalation, next } of all) {
      const json = JSON.stringify(escalation);
      const restored = restoreEscalation(policy, json);
      expect(JSON.stringify(restored)).toBe(json);
      const now = corpus.now;
      expect(getStatus(policy, restored, now)).toEqual(getStatus(policy, escalation, now));
      if (next) {
        const fromString = applyEvent(policy, restoreEscalation(policy, json), next);
        expect(JSON.stringify(fromString)).toBe(JSON.stringify(applyEvent(policy, escalation, next)));
        // The same event again (by id) changes nothing; another event with its id is refused.
        if (next.id !== undefined) {
          expect(applyEvent(policy, fromString, next)).toBe(fromString);
          const other = {
            type: 'RECORD',
            at: next.at,
            id: next.id,
            record: { kind: 'learning' },
          } as const;
          expect(() => applyEvent(policy, fromString, other)).toThrow(EscalationError);
        }
      }
    }
  });

  it('writes every obligation with its keys in the order of the schema, none undefined', () => {
    for (const { escalation } of all) {
      for (const o of escalation.obligations) {
        const keys = Object.keys(o);
        expect(keys).toEqual(ORDER.filter((key) => key in o));
        expect(Object.values(o)).not.toContain(undefined);
        expect(JSON.stringify(z.parse(obligationStateSchema, o))).toBe(JSON.stringify(o));
      }
    }
  });

  it('keeps an index of each version that is what a scan of it gives', () => {
    for (const { escalation } of all) {
      const copy = JSON.parse(JSON.stringify(escalation)) as Escalation; // not the library's own: scanned afresh
      expect(runningObligations(escalation)).toEqual(escalation.obligations.filter((o) => o.status === 'running'));
      const counts = new Map<string, number>();
      for (const o of escalation.obligations) counts.set(o.rule, (counts.get(o.rule) ?? 0) + 1);
      expect(perRule(escalation, caseIndex(escalation))).toEqual(counts);
      expect(stageEnteredMs(escalation, caseIndex(escalation))).toBe(stageEnteredMs(copy));
      for (const entry of escalation.history) {
        if (entry.type !== 'event' || entry.event.id === undefined) continue;
        const first = escalation.history.find((h) => h.type === 'event' && h.event.id === entry.event.id);
        expect(eventEntry(escalation, caseIndex(escalation), entry.event.id)).toBe(first);
        expect(eventEntry(copy, caseIndex(copy), entry.event.id)).toEqual(first);
      }
    }
  });

  it('keeps the invariants at every version', () => {
    for (const { policy, escalation } of all) checkInvariants(policy, escalation, corpus.now);
  });
});
