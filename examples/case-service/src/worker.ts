// A worker process: the case service with pg-boss workers for sweeps and timers. Started with
// DATABASE_URL (and optionally WORKER_ID, QUEUES=sweep|timers|both); prints one JSON line per sweep it ran, and exits on SIGTERM
// after finishing the job in hand.
import pg from 'pg';
import { CaseService } from './caseService.js';
import { bossTimers, startBoss, work } from './queue.js';

// For the tests: CRASH_AFTER_CLAIM=1 makes the worker announce its first claimed batch and then hang,
// holding the rows' locks inside an open transaction, until it is killed.
const crashAfterClaim = process.env.CRASH_AFTER_CLAIM === '1';

function say(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error('Set DATABASE_URL to the service database, e.g. postgres://user:password@127.0.0.1:5432/cases');
  const workerId = process.env.WORKER_ID ?? `worker-${process.pid}`;
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', () => undefined); // an idle connection the server dropped: the pool replaces it
  const boss = await startBoss(
    url,
    { maintenanceIntervalSeconds: Number(process.env.MAINTENANCE_SECONDS ?? 60) },
    (e) => say({ type: 'queue-error', message: e.message }),
  );
  const service = new CaseService(pool, {
    workerId,
    timers: bossTimers(boss),
    ...(crashAfterClaim
      ? {
          afterClaim: async (ids: readonly string[]) => {
            say({ type: 'claimed', cases: ids });
            await new Promise(() => undefined);
          },
        }
      : {}),
  });
  const stop = await work(boss, service, {
    pollingIntervalSeconds: Number(process.env.POLLING_SECONDS ?? 0.5),
    onSwept: (cases, startedMs, endedMs) => say({ type: 'swept', cases, startedMs, endedMs }),
    queues: (process.env.QUEUES ?? 'both') as 'sweep' | 'timers' | 'both',
  });
  say({ type: 'ready', workerId });
  process.once('SIGTERM', () => {
    void (async () => {
      await stop();
      await boss.stop({ graceful: true, wait: true });
      await pool.end();
      say({ type: 'stopped', maxRssKb: process.resourceUsage().maxRSS });
      process.exit(0);
    })();
  });
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
