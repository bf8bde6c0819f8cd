// The case service on a real PostgreSQL server, one process: transactions, revisions, redelivery,
// event ids as the library keeps them, the sweep across Christmas, and timers on pg-boss.
import pg from 'pg';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CaseService, ConflictError } from '../src/caseService.js';
import { bossTimers, createQueues, startBoss, TIMER_QUEUE, timerKey, work } from '../src/queue.js';
import { startPostgres, type TestServer } from './postgres.js';

let server: TestServer;
let pool: pg.Pool;
let boss: PgBoss;
let service: CaseService;

beforeAll(async () => {
  server = await startPostgres();
  pool = new pg.Pool({ connectionString: server.url, max: 4 });
  pool.on('error', () => undefined); // an idle connection the server dropped at the end: the pool replaces it
  boss = await startBoss(server.url);
  await createQueues(boss);
  service = new CaseService(pool, { workerId: 'test', timers: bossTimers(boss) });
  await service.migrate();
}, 60_000);

afterAll(async () => {
  await boss?.stop({ graceful: false, wait: true });
  await pool?.end();
  await server?.stop();
});

beforeEach(async () => {
  await pool.query('TRUNCATE fired, events, escalations');
  await pool.query(`DELETE FROM pgboss.job WHERE name = $1`, [TIMER_QUEUE]);
});

const raisedAt = '2024-12-19T09:30:00Z';
const note = (id: string, at: string) => ({
  type: 'RECORD' as const,
  id,
  at,
  record: { kind: 'note' as const, summary: id },
});

describe('the case service on PostgreSQL', () => {
  it('writes the snapshot, the event log and the next timer in one transaction, revision by revision', async () => {
    await service.raise('derby-derbyshire', { id: 'C-1', raisedAt });
    const r = await service.apply(
      'C-1',
      { type: 'ESCALATE', id: 'ev-1', at: '2024-12-20T10:00:00Z' },
      { expectedRevision: 1 },
    );
    expect(r).toMatchObject({ revision: 2, applied: true });
    expect((await service.load('C-1')).escalation.stage).toBe('stage-2');
    expect((await service.events('C-1')).map((e) => e.id)).toEqual(['ev-1']);
    const { rows } = await pool.query('SELECT revision, status, next_due_at FROM escalations WHERE id = $1', ['C-1']);
    expect(rows[0]).toMatchObject({ revision: 2, status: 'open' });
    // Stage 2: 2 working days from Friday 20 December 2024 (23 and 24 December).
    expect(rows[0].next_due_at.toISOString()).toBe('2024-12-24T23:59:59.999Z');
  });

  it('ignores a redelivered event, " e1 " included (the library trims ids), and refuses an id of spaces as the library does', async () => {
    await service.raise('suffolk', { id: 'C-2', raisedAt });
    expect(await service.apply('C-2', note('e1', '2024-12-19T10:00:00Z'))).toMatchObject({
      applied: true,
      revision: 2,
    });
    expect(await service.apply('C-2', note('e1', '2024-12-19T10:00:00Z'))).toMatchObject({
      applied: false,
      revision: 2,
    });
    expect(await service.apply('C-2', note(' e1 ', '2024-12-19T10:00:00Z'))).toMatchObject({
      applied: false,
      revision: 2,
    });
    await expect(service.apply('C-2', note('  ', '2024-12-19T10:00:00Z'))).rejects.toThrow(/id/);
    expect((await service.events('C-2')).map((e) => e.id)).toEqual(['e1']);
  });

  it('gives a stale writer a conflict, and keeps a retried event stamped before the other writer’s as a late fact', async () => {
    await service.raise('barnsley', { id: 'C-3', raisedAt });
    const seen = (await service.load('C-3')).revision;
    await service.apply('C-3', note('from-a', '2024-12-19T10:05:00Z'), { expectedRevision: seen });
    await expect(
      service.apply('C-3', note('from-b', '2024-12-19T10:00:00Z'), { expectedRevision: seen }),
    ).rejects.toThrow(ConflictError);
    // B reloads and tries again: its event happened at 10:00, before A's 10:05, and is learned at 10:05.
    const retried = await service.apply('C-3', note('from-b', '2024-12-19T10:00:00Z'), {
      expectedRevision: (await service.load('C-3')).revision,
    });
    expect(retried).toMatchObject({ applied: true, recordedAt: '2024-12-19T10:05:00.000Z' });
    const events = await service.events('C-3');
    expect(events.map((e) => [e.id, e.at, e.recordedAt])).toEqual([
      ['from-a', '2024-12-19T10:05:00.000Z', undefined],
      ['from-b', '2024-12-19T10:00:00.000Z', '2024-12-19T10:05:00.000Z'],
    ]);
    const entries = retried.escalation.history.filter((h) => h.type === 'event');
    expect(entries.map((h) => [h.event.id, h.event.at, h.at])).toEqual([
      ['from-a', '2024-12-19T10:05:00.000Z', '2024-12-19T10:05:00.000Z'],
      ['from-b', '2024-12-19T10:00:00.000Z', '2024-12-19T10:05:00.000Z'],
    ]);
  });

  it('rolls back everything when the transaction fails after the event is logged', async () => {
    await service.raise('derby-derbyshire', { id: 'C-4', raisedAt });
    const before = await service.load('C-4');
    const failing = new CaseService(pool, {
      timers: {
        schedule: async () => {
          throw new Error('power cut');
        },
      },
    });
    await expect(failing.apply('C-4', { type: 'ESCALATE', id: 'ev-1', at: '2024-12-20T10:00:00Z' })).rejects.toThrow(
      'power cut',
    );
    expect(await service.events('C-4')).toEqual([]);
    expect(await service.load('C-4')).toEqual(before);
    expect(await service.apply('C-4', { type: 'ESCALATE', id: 'ev-1', at: '2024-12-20T10:00:00Z' })).toMatchObject({
      applied: true,
      revision: 2,
    });
  });

  it('sweeps the cases due by now, each deadline into the outbox once, and moves each case to its next due instant', async () => {
    await service.raise('derby-derbyshire', { id: 'LATE', raisedAt: '2024-12-16T10:00:00Z' }); // stage 1 due 18 December
    await service.raise('derby-derbyshire', { id: 'SOON', raisedAt: '2024-12-18T10:00:00Z' }); // due 20 December
    await service.raise('somerset', { id: 'NO-DATES', raisedAt: '2024-12-01T10:00:00Z' });
    const first = await service.sweep('2024-12-19T07:00:00Z');
    expect(first.cases).toEqual(['LATE']);
    expect(await service.sweep('2024-12-19T07:00:00Z')).toMatchObject({ cases: [], fired: 0 });
    const { rows } = await pool.query('SELECT escalation_id, obligation, kind, handled_by FROM fired');
    expect(rows).toEqual([
      { escalation_id: 'LATE', obligation: 'stage-1-resolution#1', kind: 'deadline-passed', handled_by: 'test' },
    ]);
    const late = await pool.query('SELECT next_due_at, overdue_since FROM escalations WHERE id = $1', ['LATE']);
    expect(late.rows[0]).toEqual({ next_due_at: null, overdue_since: new Date('2024-12-18T23:59:59.999Z') });
  });

  it('schedules each timer once under its singleton key (escalation, duty, due instant), and a timer delivered twice changes nothing', async () => {
    await service.raise('derby-derbyshire', { id: 'T-1', raisedAt });
    await service.apply('T-1', note('n1', '2024-12-19T10:00:00Z'));
    await service.apply('T-1', note('n2', '2024-12-19T11:00:00Z'));
    const key = timerKey({
      escalationId: 'T-1',
      obligation: 'stage-1-resolution#1',
      dueAt: '2024-12-23T23:59:59.999Z',
    });
    const jobs = await pool.query('SELECT singleton_key, start_after FROM pgboss.job WHERE name = $1', [TIMER_QUEUE]);
    // It starts the millisecond after the due instant, when the deadline has passed.
    expect(jobs.rows).toEqual([{ singleton_key: key, start_after: new Date('2024-12-24T00:00:00.000Z') }]);
    // The job fires (twice: at-least-once delivery); the deadline is recorded once.
    expect(await service.handleTimer('T-1', '2024-12-24T00:00:00Z')).toHaveLength(1);
    expect(await service.handleTimer('T-1', '2024-12-24T00:00:05Z')).toEqual([]);
    expect((await pool.query('SELECT count(*)::int AS n FROM fired')).rows[0].n).toBe(1);
  });

  it('fires due timers through a pg-boss worker', async () => {
    await service.raise('derby-derbyshire', { id: 'T-2', raisedAt: '2024-12-16T10:00:00Z' }); // due 18 December: long past
    const stop = await work(boss, service, { clock: () => '2024-12-19T07:00:00Z', pollingIntervalSeconds: 0.5 });
    try {
      for (let i = 0; i < 100; i++) {
        if ((await pool.query('SELECT 1 FROM fired WHERE escalation_id = $1', ['T-2'])).rowCount) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await stop();
    }
    expect((await pool.query('SELECT obligation, kind FROM fired WHERE escalation_id = $1', ['T-2'])).rows).toEqual([
      { obligation: 'stage-1-resolution#1', kind: 'deadline-passed' },
    ]);
  });
});
