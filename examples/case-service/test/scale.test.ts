// The service across processes on a real PostgreSQL server: several workers sweeping the same 10,000
// cases, a worker killed in the middle of a job, two and four writers racing on one case and on many
// with their own clocks, and the server crashing and restarting in the middle of a run. After each: every event and every
// fired timer is stored exactly once, and the outbox agrees with the escalations' own histories.
import pg from 'pg';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CaseService, ConflictError } from '../src/caseService.js';
import { createQueues, requestSweep, startBoss, SWEEP_QUEUE } from '../src/queue.js';
import { bundle, run, type Running } from './processes.js';
import { startPostgres, type TestServer } from './postgres.js';

let server: TestServer;
let pool: pg.Pool;
let boss: PgBoss;
let service: CaseService;
let workerFile: string;
let writerFile: string;
const running: Running[] = [];

beforeAll(async () => {
  [server, workerFile, writerFile] = await Promise.all([
    startPostgres(),
    bundle('src/worker.ts'),
    bundle('test/fixtures/writer.ts'),
  ]);
  pool = new pg.Pool({ connectionString: server.url, max: 8 });
  pool.on('error', () => undefined);
  boss = await startBoss(server.url, { maintenanceIntervalSeconds: 1 });
  await createQueues(boss);
  service = new CaseService(pool, { workerId: 'test' });
  await service.migrate();
}, 60_000);

afterAll(async () => {
  for (const r of running) r.child.kill('SIGKILL');
  await boss?.stop({ graceful: false, wait: true });
  await pool?.end();
  await server?.stop();
});

beforeEach(async () => {
  await pool.query('TRUNCATE fired, events, escalations');
  await pool.query('DELETE FROM pgboss.job');
});

function startWorker(name: string, env: Record<string, string> = {}): Running {
  const worker = run(workerFile, {
    DATABASE_URL: server.url,
    WORKER_ID: name,
    QUEUES: 'sweep',
    POLLING_SECONDS: '0.5',
    MAINTENANCE_SECONDS: '1',
    ...env,
  });
  running.push(worker);
  return worker;
}

const POLICIES = ['derby-derbyshire', 'barnsley', 'suffolk', 'devon'] as const;

/** `count` cases across four policies, raised on the working mornings of 2 to 19 December 2024. */
async function seed(count: number, prefix: string): Promise<void> {
  const days = ['02', '03', '04', '05', '06', '09', '10', '11', '12', '13', '16', '17', '18', '19'];
  for (const policy of POLICIES) {
    const inputs = [];
    for (let i = POLICIES.indexOf(policy); i < count; i += POLICIES.length) {
      inputs.push({
        id: `${prefix}-${String(i).padStart(5, '0')}`,
        raisedAt: `2024-12-${days[i % days.length]}T09:${String(i % 60).padStart(2, '0')}:00Z`,
      });
    }
    for (let i = 0; i < inputs.length; i += 1000) await service.raiseMany(policy, inputs.slice(i, i + 1000));
  }
}

async function dueAt(now: string): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>('SELECT id FROM escalations WHERE next_due_at <= $1 ORDER BY id', [
    now,
  ]);
  return rows.map((r) => r.id);
}

async function until(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const giveUp = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > giveUp) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function sweepsDone(): Promise<boolean> {
  const { rows } = await pool.query(
    `SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state <> 'completed'`,
    [SWEEP_QUEUE],
  );
  return rows[0].n === 0;
}

/** The outbox holds one row per timer entry in each escalation's history: none lost, none doubled. */
async function expectOutboxMatchesHistories(): Promise<void> {
  const { rows } = await pool.query<{ id: string; in_history: number; in_outbox: number }>(`
    SELECT e.id,
           (SELECT count(*)::int FROM jsonb_array_elements(e.json->'history') h
             WHERE h->>'type' IN ('deadline-passed', 'cap-breached', 'reminder-due')) AS in_history,
           (SELECT count(*)::int FROM fired f WHERE f.escalation_id = e.id) AS in_outbox
      FROM escalations e`);
  expect(rows.filter((r) => r.in_history !== r.in_outbox)).toEqual([]);
}

/** The event log holds one row per event in each escalation's history, and the revision counts them. */
async function expectEventLogMatchesHistories(): Promise<void> {
  const { rows } = await pool.query(`
    SELECT e.id, e.revision,
           (SELECT count(*)::int FROM jsonb_array_elements(e.json->'history') h WHERE h->>'type' = 'event') AS in_history,
           (SELECT count(*)::int FROM events v WHERE v.escalation_id = e.id) AS in_log
      FROM escalations e`);
  expect(rows.filter((r) => r.in_history !== r.in_log)).toEqual([]);
}

const swept = (worker: Running) => worker.lines.filter((l) => l.type === 'swept').flatMap((l) => l.cases as string[]);
const now = '2024-12-20T07:00:00Z';

describe('the case service across processes, on a real PostgreSQL server', () => {
  it('three workers sweep the same 10,000 cases: every due case handled exactly once', async () => {
    await seed(10_000, 'S');
    const due = await dueAt(now);
    expect(due.length).toBeGreaterThan(4_000);
    expect(due.length).toBeLessThan(10_000);
    const workers = ['w1', 'w2', 'w3'].map((name) => startWorker(name));
    await Promise.all(workers.map((w) => w.waitFor((l) => l.type === 'ready')));
    await requestSweep(boss, now, workers.length);
    await until(async () => (await dueAt(now)).length === 0 && (await sweepsDone()));
    const handled = workers.map(swept);
    const all = handled.flat();
    expect(all.length).toBe(due.length); // nothing twice
    expect([...new Set(all)].sort()).toEqual(due); // nothing missed
    expect(handled.filter((cases) => cases.length > 0).length).toBeGreaterThanOrEqual(2); // the work was shared
    const fired = await pool.query(
      'SELECT count(DISTINCT escalation_id)::int AS cases, count(DISTINCT handled_by)::int AS workers FROM fired',
    );
    expect(fired.rows[0]).toEqual({ cases: due.length, workers: handled.filter((cases) => cases.length > 0).length });
    await expectOutboxMatchesHistories();
    for (const w of workers) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.exited));
  }, 120_000);

  it('a worker killed in the middle of a sweep: another takes its cases, nothing doubled', async () => {
    await seed(2_000, 'K');
    const due = await dueAt(now);
    const doomed = startWorker('doomed', { CRASH_AFTER_CLAIM: '1' });
    await doomed.waitFor((l) => l.type === 'ready');
    // pg-boss takes the job as lost 3 s after it started, and hands it to a worker again.
    await requestSweep(boss, now, 1, { expireInSeconds: 3 });
    const claimed = (await doomed.waitFor((l) => l.type === 'claimed')).cases as string[];
    expect(claimed.length).toBeGreaterThan(0);
    doomed.child.kill('SIGKILL'); // its transaction dies with its connection; the rows' locks go with it
    await doomed.exited;
    const rescuer = startWorker('rescuer');
    await until(async () => (await dueAt(now)).length === 0 && (await sweepsDone()));
    const handled = swept(rescuer);
    expect(handled.length).toBe(due.length);
    expect([...new Set(handled)].sort()).toEqual(due);
    expect(claimed.every((id) => handled.includes(id))).toBe(true);
    const byWorker = await pool.query(
      'SELECT handled_by, count(DISTINCT escalation_id)::int AS cases FROM fired GROUP BY handled_by',
    );
    expect(byWorker.rows).toEqual([{ handled_by: 'rescuer', cases: due.length }]);
    await expectOutboxMatchesHistories();
    rescuer.child.kill('SIGTERM');
    await rescuer.exited;
  }, 120_000);

  /**
   * Races `writers` processes, each sending `count` events (one an ESCALATE, every tenth delivered
   * twice) over `cases`, each stamping `at` from its own clock and retrying on conflict: every event is
   * kept once, in the history and the event log alike, and none is refused for its order.
   */
  async function race(writers: number, count: number, cases: string[]) {
    const raisedAt = new Date(Date.now() - 60_000).toISOString();
    for (const id of cases) await service.raise('suffolk', { id, raisedAt });
    const procs = ['a', 'b', 'c', 'd'].slice(0, writers).map((name, i) =>
      run(writerFile, {
        DATABASE_URL: server.url,
        CASE_ID: cases.join(','),
        WRITER: name,
        COUNT: String(count),
        REDELIVER: '10',
        ESCALATE_AT: String(count / 2 + i),
      }),
    );
    running.push(...procs);
    const results = await Promise.all(procs.map((w) => w.waitFor(() => true, 60_000)));
    let events = 0;
    for (const id of cases) {
      const { escalation, revision } = await service.load(id);
      const ids = escalation.history.flatMap((h) => (h.type === 'event' ? [h.event.id!] : []));
      expect(new Set(ids).size).toBe(ids.length);
      expect((await service.events(id)).map((e) => e.id)).toEqual(ids); // the log and the history agree, in order
      expect(revision).toBe(ids.length + 1);
      events += ids.length;
    }
    expect(events).toBe(writers * count);
    const sum = (key: string) => results.reduce((n, r) => n + (r[key] as number), 0);
    expect(sum('redeliveriesApplied')).toBe(0);
    // A late fact happened before the instant its case had learned the event logged before it.
    const { rows } = await pool.query<{ late: number }>(`
      SELECT count(*) FILTER (WHERE late)::int AS late FROM (
        SELECT (event->>'at')::timestamptz < lag(recorded_at) OVER (PARTITION BY escalation_id ORDER BY revision) AS late
          FROM events) v`);
    expect(rows[0]!.late).toBe(sum('late'));
    // The case learned its events in order: recorded_at never goes back.
    const back = await pool.query(`
      SELECT count(*)::int AS n FROM (
        SELECT recorded_at < lag(recorded_at) OVER (PARTITION BY escalation_id ORDER BY revision) AS back FROM events) v WHERE back`);
    expect(back.rows[0].n).toBe(0);
    console.info(
      `${writers} writers, ${cases.length} case(s): ${events} events kept once each, ${sum('redelivered')} redeliveries ignored, ${sum('conflicts')} conflicts retried, ${sum('late')} late facts (stamped before the last fact the case had learned)`,
    );
    await expectEventLogMatchesHistories();
    return { conflicts: sum('conflicts'), late: sum('late') };
  }

  it('two writers on one case, each stamping its events from its own clock and retrying on conflict: all 200 events kept, once each', async () => {
    await race(2, 100, ['RACE-2']);
  }, 120_000);

  it('four writers on one case: all 400 events kept, once each, none refused for its order', async () => {
    const { conflicts } = await race(4, 100, ['RACE-4']);
    expect(conflicts).toBeGreaterThan(0); // they did race
  }, 120_000);

  it('four writers over 20 cases: all 400 events kept, once each, none refused for its order', async () => {
    await race(
      4,
      100,
      Array.from({ length: 20 }, (_, i) => `MANY-${i}`),
    );
  }, 120_000);

  it('PostgreSQL crashes and restarts in the middle of a run: the service recovers and loses nothing', async () => {
    const cases = Array.from({ length: 20 }, (_, i) => `R-${i}`);
    const raisedAt = new Date(Date.now() - 60_000).toISOString();
    for (const id of cases) await service.raise('derby-derbyshire', { id, raisedAt }); // stage 1 due in 2 working days
    const worker = startWorker('survivor');
    await worker.waitFor((l) => l.type === 'ready');
    let retries = 0;
    const writerService = new CaseService(pool, { workerId: 'writers', onRetry: () => retries++ });
    const sent: string[] = [];
    let conflicts = 0;
    const writer = async (name: string) => {
      for (let i = 0; i < 40; i++) {
        const caseId = cases[(i * 7 + name.charCodeAt(0)) % cases.length]!;
        const event = {
          type: 'RECORD' as const,
          id: `${name}-${i}`,
          at: new Date().toISOString(),
          record: { kind: 'note' as const },
        };
        for (;;) {
          try {
            await writerService.apply(caseId, event, { expectedRevision: (await writerService.load(caseId)).revision });
            break;
          } catch (e) {
            if (!(e instanceof ConflictError)) throw e; // the service itself rides out the restart
            conflicts++;
          }
        }
        sent.push(event.id);
      }
    };
    const writing = Promise.all(['a', 'b', 'c', 'd'].map(writer));
    await until(async () => sent.length >= 40);
    await server.crashAndRestart(1_000);
    await writing;
    expect(sent).toHaveLength(160);
    expect(retries).toBeGreaterThan(0); // the crash cut the writers off, and the service rode it out
    const { rows } = await pool.query<{ event_id: string }>('SELECT event_id FROM events');
    expect(rows.map((r) => r.event_id).sort()).toEqual([...sent].sort());
    await expectEventLogMatchesHistories();
    // The worker that was running through the crash takes a sweep afterwards: every stage deadline passes, once.
    await requestSweep(boss, '2030-01-01T00:00:00Z', 1);
    await until(sweepsDone);
    expect(swept(worker).sort()).toEqual([...cases].sort());
    await expectOutboxMatchesHistories();
    console.info(
      `crash and restart during 160 events from 4 writers: ${retries} calls tried again, ${conflicts} conflicts, every event stored once`,
    );
    worker.child.kill('SIGTERM');
    await worker.exited;
  }, 120_000);
});
