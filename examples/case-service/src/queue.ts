// Timers and sweeps on pg-boss: a job queue kept in the same PostgreSQL, so a timer is written in the
// transaction that made it due (it cannot be lost or orphaned), and any worker can take any job.
//
// pg-boss over graphile-worker: both are well kept and both run on PostgreSQL alone. pg-boss has the
// singleton key this service needs built in (one queued job per key: `short` queues), takes the
// caller's transaction for an insert (`db`), schedules with cron, has a smaller dependency tree (pg,
// cron-parser, serialize-error) and is tested by its authors on PostgreSQL and PGlite. graphile-worker
// dedupes with `job_key` too, but replaces the pending job by default and brings yargs, cosmiconfig and
// a beta graphile-config. Version 10 is the last line that runs on Node 20 (11 and 12 need Node 22).
import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { CaseService, TimerQueue, TimerRequest } from './caseService.js';

export const TIMER_QUEUE = 'escalation-timer';
export const SWEEP_QUEUE = 'escalation-sweep';

export interface QueueOptions {
  /** How long a job may stay active before pg-boss takes it as lost (its worker died) and retries it. */
  readonly expireInSeconds?: number;
  /** How often pg-boss looks for expired jobs. */
  readonly maintenanceIntervalSeconds?: number;
  readonly pollingIntervalSeconds?: number;
}

/** A started pg-boss on the service's database, with errors reported rather than thrown at the process. */
export async function startBoss(
  connectionString: string,
  options: QueueOptions = {},
  onError: (e: Error) => void = () => undefined,
): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString,
    max: 3,
    supervise: true,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
    // Nothing here is scheduled by cron in the tests; a host adds `boss.schedule(SWEEP_QUEUE, '0 2 * * *', ...)`.
    schedule: true,
  });
  boss.on('error', onError);
  await boss.start();
  return boss;
}

/** Creates the two queues (once, by whoever deploys: not by every worker at start). */
export async function createQueues(boss: PgBoss, options: QueueOptions = {}): Promise<void> {
  const expireInSeconds = options.expireInSeconds ?? 15 * 60;
  // `short`: at most one queued job per singleton key, so scheduling the same timer again is a no-op.
  await boss.createQueue(TIMER_QUEUE, {
    name: TIMER_QUEUE,
    policy: 'short',
    retryLimit: 10,
    retryDelay: 5,
    retryBackoff: true,
    expireInSeconds,
  });
  await boss.createQueue(SWEEP_QUEUE, {
    name: SWEEP_QUEUE,
    policy: 'standard',
    retryLimit: 10,
    retryDelay: 1,
    expireInSeconds,
  });
}

/** The singleton key of a timer: the escalation, the duty and its due instant. */
export function timerKey(timer: Pick<TimerRequest, 'escalationId' | 'obligation' | 'dueAt'>): string {
  return `${timer.escalationId}|${timer.obligation}|${timer.dueAt}`;
}

/** Timers as pg-boss jobs, inserted inside the caller's transaction. */
export function bossTimers(boss: PgBoss): TimerQueue {
  return {
    async schedule(client: pg.ClientBase, timers: readonly TimerRequest[]): Promise<void> {
      const jobs = timers.map((t) => ({
        name: TIMER_QUEUE,
        data: { escalationId: t.escalationId },
        startAfter: t.firesAt, // the millisecond after the due instant: the deadline has passed
        singletonKey: timerKey(t),
      }));
      await boss.insert(jobs, { db: { executeSql: (text: string, values: unknown[]) => client.query(text, values) } });
    },
  };
}

/**
 * Asks for a sweep at `now` in `parts` jobs: each worker that takes one sweeps until nothing due is
 * left that another worker does not hold. One job per worker you want sweeping.
 */
export async function requestSweep(
  boss: PgBoss,
  now: string,
  parts: number,
  options: { partnerships?: readonly string[]; expireInSeconds?: number } = {},
): Promise<void> {
  for (let part = 0; part < parts; part++) {
    const data = { now, ...(options.partnerships ? { partnerships: options.partnerships } : {}) };
    await boss.send(SWEEP_QUEUE, data, {
      singletonKey: `${now}|${part}`,
      ...(options.expireInSeconds ? { expireInSeconds: options.expireInSeconds } : {}),
    });
  }
}

/** Makes this process a worker: it takes sweep jobs and timer jobs. Returns a function that stops it. */
export async function work(
  boss: PgBoss,
  service: CaseService,
  options: {
    clock?: () => string;
    pollingIntervalSeconds?: number;
    onSwept?: (cases: string[], startedMs: number, endedMs: number) => void;
    queues?: 'sweep' | 'timers' | 'both';
  } = {},
): Promise<() => Promise<void>> {
  const clock = options.clock ?? (() => new Date().toISOString());
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
  const queues = options.queues ?? 'both';
  if (queues !== 'timers') {
    await boss.work<{ now?: string; partnerships?: string[] }>(
      SWEEP_QUEUE,
      { batchSize: 1, pollingIntervalSeconds },
      async ([job]) => {
        const startedMs = Date.now();
        const { cases } = await service.sweep(
          job!.data.now ?? clock(),
          job!.data.partnerships ? { partnerships: job!.data.partnerships } : {},
        );
        options.onSwept?.(cases, startedMs, Date.now());
        return { cases: cases.length };
      },
    );
  }
  if (queues !== 'sweep') {
    await boss.work<{ escalationId: string }>(TIMER_QUEUE, { batchSize: 20, pollingIntervalSeconds }, async (jobs) => {
      for (const job of jobs) await service.handleTimer(job.data.escalationId, clock());
    });
  }
  return async () => {
    if (queues !== 'timers') await boss.offWork(SWEEP_QUEUE);
    if (queues !== 'sweep') await boss.offWork(TIMER_QUEUE);
  };
}
