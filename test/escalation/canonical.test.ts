// The fast path for stored escalations must never accept what the schema refuses, nor anything the
// schema would give back changed: run beside the schema over generated escalations and damaged ones.
import fc from 'fast-check';
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import {
  EscalationError,
  migrateEscalation,
  policies,
  restoreEscalation,
  startEscalation,
  applyEvent,
  DEADLINE_RULES,
  type Escalation,
  type MigrationPlan,
  type PolicyId,
} from '../../src/index.js';
import { isCanonicalEscalation } from '../../src/escalation/canonical.js';
import { escalationSchema } from '../../src/escalation/types.js';
import { arbitraries } from '../../src/testing/index.js';
import { revisions } from '../fixtures/versions/index.js';

const all = Object.values(policies);

/** Escalations the engine wrote, across the five policies. */
const written: fc.Arbitrary<Escalation> = fc
  .constantFrom(...all)
  .chain((policy) => arbitraries.eventSequence(policy, { maxEvents: 10 }).map((sequence) => ({ policy, sequence })))
  .map(({ policy, sequence }) => {
    let e: Escalation;
    try {
      e = startEscalation(policy, sequence.start);
    } catch (error) {
      if (error instanceof EscalationError)
        return startEscalation(policy, { id: 'fallback', raisedAt: '2025-01-06T10:00:00Z' });
      throw error;
    }
    for (const event of sequence.events) {
      try {
        e = applyEvent(policy, e, event);
      } catch (error) {
        if (!(error instanceof EscalationError)) throw error;
      }
    }
    return JSON.parse(JSON.stringify(e)) as Escalation;
  });

/** The plans that carry each policy's cases to its revision (as test/versions/properties.test.ts). */
const PLANS: Record<PolicyId, (deadlines: (typeof DEADLINE_RULES)[number]) => MigrationPlan> = {
  suffolk: (deadlines) => ({ deadlines }),
  barnsley: (deadlines) => ({ deadlines }),
  'derby-derbyshire': (deadlines) => ({
    deadlines,
    duties: { 'template-update-stage-3': { end: 'No longer asked for' } },
  }),
  somerset: (deadlines) => ({ deadlines, stages: { 'stage-5': 'stage-4' } }),
  devon: (deadlines) => ({ deadlines }),
};

/** Escalations the engine wrote, moved to the revision of their policy by migrateEscalation, then taken further there. */
const migrated: fc.Arbitrary<Escalation | undefined> = fc
  .tuple(written, fc.constantFrom(...DEADLINE_RULES), fc.integer({ min: 0, max: 20 }))
  .map(([e, deadlines, days]) => {
    const id = e.policy.id as PolicyId;
    const [from, to] = [policies[id], revisions[id]];
    const at = new Date(Date.parse(e.asOf) + days * 86_400_000).toISOString();
    try {
      let m = migrateEscalation(e, { from, to, plan: PLANS[id](deadlines), at, reason: 'Adopted' }).escalation;
      for (const [i, event] of [
        { type: 'ESCALATE', at: new Date(Date.parse(at) + 3_600_000).toISOString() },
        { type: 'RECORD', at: e.asOf, record: { kind: 'discussion' } }, // learned late, across the migration
      ].entries()) {
        try {
          m = applyEvent(to, m, { ...event, id: `after-${i}` } as never);
        } catch (error) {
          if (!(error instanceof EscalationError)) throw error;
        }
      }
      return JSON.parse(JSON.stringify(m)) as Escalation;
    } catch (error) {
      if (error instanceof EscalationError) return undefined; // a plan that does not fit the case
      throw error;
    }
  });

type Json = Record<string, unknown> | unknown[];
/** Every path to an object or array in a JSON value. */
function containers(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [];
  const here = [path];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return here.concat(...entries.map(([k, v]) => containers(v, [...path, k])));
}
const at = (root: unknown, path: (string | number)[]) =>
  path.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k as string], root);

const damage = fc.constantFrom(
  'drop-key',
  'extra-key',
  'offset-instant',
  'padded-text',
  'wrong-type',
  'undefined-key',
  'nan',
);

function damaged(e: Escalation, how: string, pick: number): unknown {
  const copy = JSON.parse(JSON.stringify(e)) as Json;
  const objects = containers(copy)
    .map((p) => [p, at(copy, p)] as const)
    .filter(([, v]) => !Array.isArray(v));
  const [, target] = objects[pick % objects.length]! as [unknown, Record<string, unknown>];
  const keys = Object.keys(target);
  const key = keys[pick % Math.max(1, keys.length)];
  switch (how) {
    case 'drop-key':
      if (key) delete target[key];
      break;
    case 'extra-key':
      target.unexpected = 'x';
      break;
    case 'offset-instant':
      for (const k of keys)
        if (typeof target[k] === 'string' && /T.*Z$/.test(target[k] as string))
          target[k] = (target[k] as string).replace('Z', '+00:00');
      break;
    case 'padded-text':
      for (const k of keys) if (typeof target[k] === 'string') target[k] = ` ${target[k] as string}`;
      break;
    case 'wrong-type':
      if (key) target[key] = typeof target[key] === 'number' ? String(target[key]) : 7;
      break;
    case 'undefined-key':
      target.ghost = undefined;
      break;
    case 'nan':
      if (key) target[key] = Number.NaN;
      break;
  }
  return copy;
}

describe('the canonical fast path for stored escalations', () => {
  it('accepts every escalation the engine writes, as the schema does, unchanged', () => {
    fc.assert(
      fc.property(written, (e) => {
        expect(isCanonicalEscalation(e)).toBe(true);
        const parsed = z.safeParse(escalationSchema, e);
        expect(parsed.success).toBe(true);
        expect(JSON.stringify(parsed.data)).toBe(JSON.stringify(e));
      }),
      { numRuns: 300 },
    );
  });

  it('accepts every escalation migrateEscalation writes, and the engine after it, as the schema does, byte for byte', () => {
    let count = 0;
    fc.assert(
      fc.property(migrated, (e) => {
        if (e === undefined) return;
        count++;
        expect(isCanonicalEscalation(e)).toBe(true);
        const parsed = z.safeParse(escalationSchema, e);
        expect(parsed.success).toBe(true);
        expect(JSON.stringify(parsed.data)).toBe(JSON.stringify(e));
      }),
      { numRuns: 150, seed: 17 },
    );
    expect(count).toBeGreaterThan(100);
  });

  it('accepts a damaged escalation only when the schema accepts it and gives it back unchanged', () => {
    fc.assert(
      fc.property(written, damage, fc.nat(), (e, how, pick) => {
        const x = damaged(e, how, pick);
        if (!isCanonicalEscalation(x)) return; // the schema decides, with its messages
        const parsed = z.safeParse(escalationSchema, x);
        expect(parsed.success).toBe(true);
        expect(parsed.data).toEqual(x);
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves every other form to the schema: an instant with an offset is read, and refused only if out of range', () => {
    const e = JSON.parse(
      JSON.stringify(startEscalation(policies.suffolk, { id: 'O', raisedAt: '2024-12-20T10:00:00Z' })),
    ) as Escalation;
    const withOffset = { ...e, asOf: '2024-12-20T10:00:00+00:00' };
    expect(isCanonicalEscalation(withOffset)).toBe(false);
    // Read into the one stored form: compared as the instant it is, not as the text it was written in.
    expect(restoreEscalation(policies.suffolk, withOffset).asOf).toBe('2024-12-20T10:00:00.000Z');
  });
});
