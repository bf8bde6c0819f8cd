// Names of Object.prototype's members (constructor, toString, __proto__, hasOwnProperty) used as ids
// anywhere a host or an author may name something: handled as any other name, or refused with a code.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  getStatus,
  loadPolicy,
  policies,
  policyRegistry,
  restoreEscalation,
  startEscalation,
  summarise,
  trackerRows,
  type EscalationEvent,
  type Policy,
} from '../../src/index.js';
import { arbitraries, checkInvariants, runSequence } from '../../src/testing/index.js';
import { resultOrCoded } from './coded.js';

const NAMES = [
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
  'isPrototypeOf',
];

/** A policy with the first id of each kind (obligation, form, recipient, flag, movement rule, route) renamed 'constructor', everywhere it is used. */
function renamed(policy: Policy): Policy {
  let text = JSON.stringify({ ...policy, version: `${policy.version} constructor` });
  const lists = [policy.obligations, policy.forms, policy.recipients, policy.flags, policy.movement, policy.routes].map(
    (list) => (list ?? []).map((item) => item.id),
  );
  for (const [index, ids] of lists.entries()) {
    // An id no other kind of thing shares, so that renaming it renames only it.
    const id = ids.find((candidate) => lists.every((other, j) => j === index || !other.includes(candidate)));
    if (id) text = text.replaceAll(`"${id}"`, '"constructor"');
  }
  return loadPolicy(text);
}

describe('prototype names as ids', () => {
  it.each(Object.keys(policies))(
    '%s, with an obligation, form, recipient, flag, movement rule and route named "constructor": runs and restores like any other',
    (id) => {
      const policy = renamed(policies[id as keyof typeof policies]);
      fc.assert(
        fc.property(arbitraries.eventSequence(policy, { maxEvents: 10 }), (sequence) => {
          const run = runSequence(policy, sequence);
          if (!run) return;
          for (const e of run.versions) checkInvariants(policy, e, sequence.now);
        }),
        { numRuns: 40, seed: 1616 },
      );
    },
  );

  it('events naming a prototype member as a stage, form, flag, obligation, recipient, risk or field: refused with a code, or taken as written', () => {
    const policy = policies.barnsley;
    const e = startEscalation(policy, { id: 'P', raisedAt: '2025-01-06T10:00:00Z' });
    const at = '2025-01-06T11:00:00Z';
    for (const name of NAMES) {
      const events = [
        { type: 'EXPEDITE', at, to: name },
        { type: 'RECORD', at, record: { kind: 'form', form: name } },
        { type: 'RECORD', at, record: { kind: 'notification', to: name } },
        { type: 'RECORD', at, record: { kind: 'note', fields: JSON.parse(`{${JSON.stringify(name)}: "x"}`) } },
        { type: 'FLAG', at, flag: name },
        { type: 'EXTEND', at, obligation: name, to: '2025-02-03', reason: 'r', agreedBy: 'a' },
        { type: 'SET_TIMESCALE', at, obligation: name, dueDate: '2025-02-03', reason: 'r' },
        { type: 'RISK', at, risk: name },
        { type: name, at },
        { type: 'ESCALATE', at, id: name },
      ];
      for (const event of events) {
        const result = resultOrCoded(() => applyEvent(policy, e, event as EscalationEvent));
        if (result.ok)
          expect(JSON.stringify(restoreEscalation(policy, JSON.stringify(result.value)))).toBe(
            JSON.stringify(result.value),
          );
      }
    }
    // A field named like a prototype member is kept as written; __proto__ is refused, not dropped.
    const kept = applyEvent(policy, e, {
      type: 'RECORD',
      at,
      record: { kind: 'note', fields: { constructor: 'x', toString: 'y' } },
    });
    const entry = kept.history.at(-1)!;
    expect(entry.type === 'event' && entry.event.type === 'RECORD' ? entry.event.record.fields : undefined).toEqual({
      constructor: 'x',
      toString: 'y',
    });
    expect(
      (
        resultOrCoded(() =>
          applyEvent(policy, e, {
            type: 'RECORD',
            at,
            record: { kind: 'note', fields: JSON.parse('{"__proto__":"x"}') },
          }),
        ) as { error: { code: string } }
      ).error.code,
    ).toBe('INVALID_EVENT');
  });

  it('a registry asked for a prototype name finds nothing, and says so with a code', () => {
    const registry = policyRegistry(Object.values(policies));
    const e = JSON.parse(
      JSON.stringify(startEscalation(policies.suffolk, { id: 'R', raisedAt: '2025-01-06T10:00:00Z' })),
    );
    for (const name of NAMES) {
      expect(registry.get(name, name)).toBeUndefined();
      const result = resultOrCoded(() =>
        getStatus(registry, { ...e, policy: { id: name, version: '8 r2' } }, '2025-01-07T10:00:00Z'),
      );
      expect(result.ok).toBe(false);
    }
  });

  it('a register holding prototype names as policy ids, agencies and references: each counted once, nothing sunk', () => {
    const base = JSON.parse(
      JSON.stringify(startEscalation(policies.suffolk, { id: 'R', raisedAt: '2025-01-06T10:00:00Z' })),
    );
    const register = NAMES.map((name) => ({
      ...base,
      id: name,
      policy: { id: name, version: name },
      concern: { agencyRaising: name, agencyConcerned: name },
    }));
    const s = summarise(register, { from: '2025-01-01', to: '2025-12-31', now: '2026-01-05T09:00:00Z' });
    expect(s.raised).toBe(NAMES.length);
    expect(Object.getOwnPropertyNames(s.byAgencyRaising).sort()).toEqual([...NAMES].sort());
    for (const name of NAMES) expect(Object.getOwnPropertyDescriptor(s.byAgencyRaising, name)?.value).toBe(1);
    expect(trackerRows(register, { now: '2026-01-05T09:00:00Z' }).map((row) => row.reference)).toEqual(NAMES);
    // A policy given under the key '__proto__' is found by that id, like any other.
    const withProto = summarise(register, {
      from: '2025-01-01',
      to: '2025-12-31',
      now: '2026-01-05T09:00:00Z',
      policies: { ['__proto__']: policies.suffolk },
    });
    expect(withProto.highestStage.find((row) => row.policy === '__proto__')?.title).toBe(
      policies.suffolk.stages[0]!.title,
    );
  });
});
