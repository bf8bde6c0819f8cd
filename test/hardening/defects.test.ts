// Issue 16, defect by defect: each test fails on what version 0.1 did, and holds today. The issue's
// list is a sample: the kin of each defect are tested beside it.
import { describe, expect, it } from 'vitest';
import {
  advanceTo,
  applyEvent,
  definePolicy,
  endOfLondonDay,
  getStatus,
  lintPolicy,
  loadPolicy,
  londonDate,
  policies,
  renderAnnualReport,
  restoreEscalation,
  startEscalation,
  summarise,
  trackerRows,
  ukCalendar,
  govUkCalendar,
  DIVISIONS,
  type Escalation,
  type PolicyDefinition,
} from '../../src/index.js';
import { londonShape, riverside } from '../fixtures/policies.js';
import { refused } from '../helpers.js';
import { isCoded, isDeepFrozen, resultOrCoded } from './coded.js';

const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const definition = (policy: unknown) => plain(policy) as PolicyDefinition & Record<string, unknown>;

/** Riverside with its recurring duty changed. */
function withReminderEvery(every: { value: number; unit: string }) {
  const d = definition(riverside);
  d.version = `every ${every.value} ${every.unit}`;
  const rule = (d.obligations as Record<string, unknown>[]).find((o) => o.id === 'manager-updates')!;
  rule.every = every;
  return d;
}

describe('a policy that lints clean can never make the runtime loop', () => {
  it('refuses a recurring duty whose interval is zero or less than one unit, at the door', () => {
    for (const every of [
      { value: 0, unit: 'working-days' },
      { value: 0, unit: 'hours' },
      { value: 0.0001, unit: 'hours' },
      { value: 0.5, unit: 'hours' },
    ]) {
      const problems = refused(
        () => startEscalation(withReminderEvery(every) as never, { id: 'X', raisedAt: '2025-01-06T10:00:00Z' }),
        'INVALID_POLICY',
      ).problems;
      expect(problems.map((p) => p.path)).toContain('obligations[7].every.value');
      expect(
        lintPolicy(withReminderEvery(every)).some(
          (f) => f.severity === 'error' && f.path === 'obligations[7].every.value',
        ),
      ).toBe(true);
    }
  });

  it('counts the rounds of an hourly duty missed over decades at once, and exactly', () => {
    const policy = definePolicy(withReminderEvery({ value: 1, unit: 'hours' }) as never);
    let e = startEscalation(policy, { id: 'H', raisedAt: '2025-01-06T10:00:00Z' });
    e = applyEvent(policy, e, { type: 'ESCALATE', at: '2025-01-06T11:00:00Z' }); // stage 2 arms the reminder: due in 5 working days
    const reminder = e.obligations.find((o) => o.rule === 'manager-updates')!;
    const now = '2095-06-01T00:00:00.000Z';
    const deadline = getStatus(policy, e, now).deadlines.find((d) => d.rule === 'manager-updates')!;
    const hours = (Date.parse(now) - Date.parse(reminder.dueAt!)) / 3_600_000;
    expect(deadline.roundsMissed).toBe(Math.ceil(hours));
    expect(Date.parse(deadline.nextRoundAt!)).toBe(Date.parse(reminder.dueAt!) + Math.ceil(hours) * 3_600_000);
    const swept = advanceTo(policy, e, now);
    expect(swept.history.length - e.history.length).toBeLessThan(10); // a sweep writes what passed once, not once per round
  });
});

describe('instants are stored and compared in one form', () => {
  it('reads an instant written with an offset as the instant it is, so a passed deadline is overdue and fires', () => {
    const e = plain(startEscalation(riverside, { id: 'O', raisedAt: '2024-12-19T10:00:00Z' }));
    const index = e.obligations.findIndex((o) => o.rule === 'stage-1-resolution');
    expect(e.obligations[index]!.dueAt).toBe('2024-12-23T23:59:59.999Z');
    // The same instant written an hour ahead: as text it sorts after the moment asked about below.
    e.obligations[index]!.dueAt = '2024-12-24T00:59:59.999+01:00';
    const restored = restoreEscalation(riverside, e);
    expect(restored.obligations[index]!.dueAt).toBe('2024-12-23T23:59:59.999Z');
    const now = '2024-12-24T00:30:00Z'; // after the deadline, before its offset text "sorts" after it
    expect(getStatus(riverside, restored, now).deadlines.find((d) => d.rule === 'stage-1-resolution')!.overdue).toBe(
      true,
    );
    expect(advanceTo(riverside, restored, now).history.some((h) => h.type === 'deadline-passed')).toBe(true);
  });
});

describe('what the runtime writes always restores, byte for byte', () => {
  it('writes deadlines in 2100 and reads them back', () => {
    let in2100 = 0;
    for (const policy of Object.values(policies)) {
      const e = startEscalation(policy, { id: 'Late', raisedAt: '2099-12-31T16:00:00Z' });
      expect(JSON.stringify(restoreEscalation(policy, JSON.stringify(e)))).toBe(JSON.stringify(e));
      in2100 += e.obligations.filter((o) => o.dueDate !== null && o.dueDate >= '2100-01-01').length;
      const swept = advanceTo(policy, e, '2099-12-31T23:59:59.999Z');
      expect(JSON.stringify(restoreEscalation(policy, JSON.stringify(swept)))).toBe(JSON.stringify(swept));
    }
    expect(in2100).toBeGreaterThan(0);
  });

  it('refuses an extension or a case timescale outside the calendar, and takes one on its last day', () => {
    let e = startEscalation(riverside, { id: 'X', raisedAt: '2025-01-06T10:00:00Z' });
    e = applyEvent(riverside, e, { type: 'ESCALATE', at: '2025-01-06T11:00:00Z' });
    const extend = (to: string) =>
      applyEvent(riverside, e, {
        type: 'EXTEND',
        at: '2025-01-06T12:00:00Z',
        obligation: 'stage-2-resolution',
        to,
        reason: 'Agreed',
        agreedBy: 'Both managers',
      });
    expect(refused(() => extend('9999-12-31'), 'INVALID_EVENT').problems[0]!.path).toBe('to');
    refused(() => extend('1969-12-31'), 'INVALID_EVENT');
    const extended = extend('2100-12-31');
    expect(JSON.stringify(restoreEscalation(riverside, JSON.stringify(extended)))).toBe(JSON.stringify(extended));
    const london = startEscalation(londonShape, { id: 'L', raisedAt: '2025-01-06T10:00:00Z' });
    const set = (dueDate: string) =>
      applyEvent(londonShape, london, {
        type: 'SET_TIMESCALE',
        at: '2025-01-06T11:00:00Z',
        obligation: 'practitioners',
        dueDate,
        reason: 'Agreed',
      });
    refused(() => set('2101-01-01'), 'INVALID_EVENT');
    expect(set('2025-01-08').obligations[0]!.dueDate).toBe('2025-01-08');
  });

  it('refuses a case timescale before the duty was armed: a deadline is never before its anchor', () => {
    const london = startEscalation(londonShape, { id: 'L', raisedAt: '2025-01-06T10:00:00Z' });
    const err = refused(
      () =>
        applyEvent(londonShape, london, {
          type: 'SET_TIMESCALE',
          at: '2025-01-07T11:00:00Z',
          obligation: 'practitioners',
          dueDate: '2025-01-03',
          reason: 'Agreed',
        }),
      'INVALID_EVENT',
    );
    expect(err.message).toContain('before 2025-01-06');
    // A duty armed again after an earlier case timescale is not held to a date already behind it.
    let e = applyEvent(londonShape, london, {
      type: 'SET_TIMESCALE',
      at: '2025-01-06T11:00:00Z',
      obligation: 'practitioners',
      dueDate: '2025-01-07',
      reason: 'Agreed',
    });
    e = applyEvent(londonShape, e, { type: 'ESCALATE', at: '2025-01-07T10:00:00Z' });
    for (const o of e.obligations) if (o.dueAt !== null) expect(o.dueAt >= o.armedAt).toBe(true);
  });

  it('refuses a limit longer than a year at the door; at a year, from the last moment events may happen, it writes what it reads back', () => {
    const at = (unit: string, value: number) => {
      const d = definition(riverside);
      d.version = `${value} ${unit}`;
      (d.obligations as Record<string, unknown>[])[0]!.limit = { value, unit };
      return d;
    };
    for (const [unit, most] of [
      ['working-days', 250],
      ['working-weeks', 50],
      ['calendar-days', 365],
      ['hours', 8760],
    ] as const) {
      refused(
        () => startEscalation(at(unit, most + 1) as never, { id: 'X', raisedAt: '2025-01-06T10:00:00Z' }),
        'INVALID_POLICY',
      );
      for (const division of DIVISIONS) {
        const policy = definePolicy({ ...at(unit, most), division } as never);
        const e = startEscalation(policy, { id: 'X', raisedAt: '2099-12-31T23:59:59.999Z' });
        expect(e.obligations[0]!.dueDate! <= '2100-12-31').toBe(true);
        expect(JSON.stringify(restoreEscalation(policy, JSON.stringify(e)))).toBe(JSON.stringify(e));
      }
    }
    const huge = {
      ...definition(riverside),
      stages: [{ ...definition(riverside).stages[0], id: 'stage-1000', number: 1000 }],
    };
    expect((resultOrCoded(() => definePolicy(huge as never)) as { error: { code: string } }).error.code).toBe(
      'INVALID_POLICY',
    );
  });

  it('refuses with OUT_OF_RANGE a deadline that closures push past the calendar, and changes nothing', () => {
    const closures: string[] = [];
    for (let day = Date.UTC(2100, 0, 1); day <= Date.UTC(2100, 11, 31); day += 86_400_000)
      closures.push(new Date(day).toISOString().slice(0, 10));
    const calendar = ukCalendar('england-and-wales', { closures });
    refused(
      () => startEscalation(riverside, { id: 'X', raisedAt: '2099-12-31T10:00:00Z' }, { calendar }),
      'OUT_OF_RANGE',
    );
  });

  it('refuses with OUT_OF_RANGE a day outside a GOV.UK feed calendar that covers only its own years', () => {
    const feed = {
      'england-and-wales': {
        division: 'england-and-wales',
        events: [
          { title: 'New Year’s Day', date: '2025-01-01' },
          { title: 'Christmas Day', date: '2025-12-25' },
        ],
      },
    };
    const calendar = govUkCalendar(feed, 'england-and-wales', { outsideFeed: 'error' });
    const e = startEscalation(riverside, { id: 'F', raisedAt: '2025-06-02T10:00:00Z' }, { calendar });
    refused(() => getStatus(riverside, e, '2026-03-01T10:00:00Z', { calendar }), 'OUT_OF_RANGE');
    refused(
      () => startEscalation(riverside, { id: 'G', raisedAt: '2025-12-30T10:00:00Z' }, { calendar }),
      'OUT_OF_RANGE',
    );
  });
});

describe('returned escalations are deep-frozen, and the library trusts only its own', () => {
  it('freezes every part of what it returns, and checks in full what it did not make', () => {
    const e = applyEvent(riverside, startEscalation(riverside, { id: 'F', raisedAt: '2025-01-06T10:00:00Z' }), {
      type: 'ESCALATE',
      at: '2025-01-06T11:00:00Z',
    });
    expect(isDeepFrozen(e)).toBe(true);
    expect(isDeepFrozen(restoreEscalation(riverside, JSON.stringify(e)))).toBe(true);
    const tampered = {
      ...e,
      obligations: [{ ...e.obligations[0]!, strength: 'guidance' as const }, ...e.obligations.slice(1)],
    };
    expect(
      refused(() => getStatus(riverside, tampered, '2025-01-07T10:00:00Z'), 'INVALID_SNAPSHOT').problems.map(
        (p) => p.path,
      ),
    ).toContain('obligations[0].strength');
  });
});

describe('bare errors become coded ones', () => {
  it('refuses a policy that is not one, and ids named after Object.prototype work', () => {
    for (const notAPolicy of [42, 'suffolk', [], () => undefined, { get: 7 }]) {
      const result = resultOrCoded(() =>
        getStatus(
          notAPolicy as never,
          startEscalation(riverside, { id: 'X', raisedAt: '2025-01-06T10:00:00Z' }),
          '2025-01-06T10:00:00Z',
        ),
      );
      expect(result.ok).toBe(false);
    }
    const d = definition(riverside);
    d.version = 'prototype names';
    const json = JSON.stringify(d)
      .replaceAll('"stage-2-resolution"', '"constructor"')
      .replaceAll('"expedite-imminent"', '"constructor"');
    const policy = loadPolicy(json);
    let e = startEscalation(policy, { id: 'P', raisedAt: '2025-01-06T10:00:00Z' });
    e = applyEvent(policy, e, { type: 'ESCALATE', at: '2025-01-06T11:00:00Z' });
    e = applyEvent(policy, e, {
      type: 'EXTEND',
      at: '2025-01-06T12:00:00Z',
      obligation: 'constructor',
      to: '2025-02-03',
      reason: 'Agreed',
      agreedBy: 'Both',
    });
    expect(getStatus(policy, e, '2025-01-07T10:00:00Z').deadlines.find((x) => x.rule === 'constructor')!.dueDate).toBe(
      '2025-02-03',
    );
    expect(JSON.stringify(restoreEscalation(policy, JSON.stringify(e)))).toBe(JSON.stringify(e));
  });

  it('refuses an invalid now in the oversight functions with a code, and one record whose policy id is a prototype name does not sink the register', () => {
    const e = startEscalation(riverside, {
      id: 'R',
      raisedAt: '2025-01-06T10:00:00Z',
      concern: { agencyRaising: 'constructor', agencyConcerned: '__proto__' },
    });
    const stray = { ...plain(e), id: 'S', policy: { id: 'constructor', version: '1' } };
    const period = { from: '2025-01-01', to: '2025-12-31' };
    for (const now of ['soon', '', 'NaN', '9999-01-01T00:00:00Z']) {
      expect(
        isCoded(
          resultOrCoded(() => summarise([e], { ...period, now })).ok
            ? null
            : (resultOrCoded(() => summarise([e], { ...period, now })) as { error: unknown }).error,
        ),
      ).toBe(true);
      expect(resultOrCoded(() => trackerRows([e], { now })).ok).toBe(false);
      expect(resultOrCoded(() => renderAnnualReport([e], { ...period, now })).ok).toBe(false);
    }
    const s = summarise([e, stray, null, 'junk'], { ...period, now: '2026-01-05T09:00:00Z' });
    expect(s.raised).toBe(2);
    expect(s.unreadable).toEqual(['(no id)', '(no id)']);
    expect(s.byAgencyRaising).toEqual({ constructor: 2 });
    expect(Object.getOwnPropertyNames(s.byAgencyConcerned)).toEqual(['__proto__']);
    expect(s.byAgencyConcerned['__proto__']).toBe(2);
    expect(trackerRows([stray, null], { now: '2026-01-05T09:00:00Z' }).map((row) => row.currentState)).toEqual([
      'open at stage stage-1',
      'unreadable',
    ]);
  });

  it('answers London dates only inside the calendar, 1970 to 2100', () => {
    for (const instant of [
      '1800-01-01T00:00:00Z',
      '1969-12-31T22:59:59Z',
      '2101-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
    ]) {
      expect((resultOrCoded(() => londonDate(instant)) as { error: { code: string } }).error.code).toBe('OUT_OF_RANGE');
    }
    for (const date of ['0001-01-01', '1846-12-01', '1969-12-31', '2101-01-01']) {
      expect((resultOrCoded(() => endOfLondonDay(date)) as { error: { code: string } }).error.code).toBe(
        'OUT_OF_RANGE',
      );
    }
    expect(londonDate('1969-12-31T23:00:00Z')).toBe('1970-01-01'); // British Standard Time, 1968 to 1971
    expect(endOfLondonDay('2100-12-31')).toBe('2100-12-31T23:59:59.999Z');
  });

  it('refuses very large invalid inputs with a code, never a stack overflow', () => {
    const e = plain(startEscalation(riverside, { id: 'X', raisedAt: '2025-01-06T10:00:00Z' })) as unknown as Record<
      string,
      unknown
    >;
    const many = { ...e, history: Array.from({ length: 300_000 }, () => ({ type: 'nope' })) };
    refused(() => restoreEscalation(riverside, many), 'INVALID_SNAPSHOT');
    refused(() => restoreEscalation(riverside, JSON.stringify(many)), 'INVALID_SNAPSHOT');
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    for (const format of ['json', 'yaml'] as const) {
      expect(resultOrCoded(() => loadPolicy(deep, { format })).ok).toBe(false);
      expect(lintPolicy(deep, { format })[0]).toMatchObject({ severity: 'error', code: 'SYNTAX_ERROR' });
    }
    const kinds = definition(riverside);
    (kinds.obligations as Record<string, unknown>[])[0]!.meet = { by: 'record', kind: Array(300_000).fill('letter') };
    expect(resultOrCoded(() => definePolicy(kinds as never)).ok).toBe(false);
  });
});

describe('unsafe or unstable output', () => {
  it('writes the same JSON for the same case whatever order its keys were read in', () => {
    const e = applyEvent(riverside, startEscalation(riverside, { id: 'K', raisedAt: '2025-01-06T10:00:00Z' }), {
      type: 'RECORD',
      at: '2025-01-06T11:00:00Z',
      record: { kind: 'discussion', summary: 'Spoke' },
    });
    const reversed = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reversed)
        : typeof value === 'object' && value !== null
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([k, v]) => [k, reversed(v)]),
            )
          : value;
    const restored = restoreEscalation(riverside, JSON.stringify(reversed(e)));
    expect(JSON.stringify(restored)).toBe(JSON.stringify(e));
    const next = (x: Escalation) => applyEvent(riverside, x, { type: 'ESCALATE', at: '2025-01-07T10:00:00Z' });
    expect(JSON.stringify(next(restored))).toBe(JSON.stringify(next(e)));
  });

  it('refuses a record dated before the escalation was raised', () => {
    const e = startEscalation(riverside, { id: 'D', raisedAt: '2025-01-06T10:00:00Z' });
    refused(
      () =>
        applyEvent(riverside, e, {
          type: 'RECORD',
          at: '1995-01-06T10:00:00Z',
          recordedAt: '2025-01-06T11:00:00Z',
          record: { kind: 'discussion' },
        }),
      'INVALID_EVENT',
    );
  });
});
