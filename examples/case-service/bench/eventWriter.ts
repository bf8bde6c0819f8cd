// One writer process for the event benchmark: applies one event to each of the cases FROM..TO-1
// (distinct cases: no conflicts), or does the same database work without the library, and prints how
// long it took. MODE: service | transaction (read for update, log, write back) | select (read the row).
import pg from 'pg';
import { CaseService } from '../src/caseService.js';

async function main(): Promise<void> {
  const mode = process.env.MODE ?? 'service';
  const from = Number(process.env.FROM);
  const to = Number(process.env.TO);
  const at = process.env.AT!;
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
  const service = new CaseService(pool, { workerId: 'bench' });
  // Cases are B-0000000 onwards; a run longer than the table wraps round.
  const stored = Number(process.env.STORED ?? Number.MAX_SAFE_INTEGER);
  const id = (i: number) => `B-${String(i % stored).padStart(7, '0')}`;
  await pool.query('SELECT 1');
  const started = performance.now();
  for (let i = from; i < to; i++) {
    if (mode === 'service') {
      await service.apply(id(i), { type: 'RECORD', id: `note-${i}`, at, record: { kind: 'note', summary: 'Bench' } });
    } else if (mode === 'transaction') {
      await service.transaction(async (client) => {
        const { rows } = await client.query('SELECT revision, json FROM escalations WHERE id = $1 FOR UPDATE', [id(i)]);
        const event = { type: 'RECORD', id: `raw-${i}`, at, record: { kind: 'note', summary: 'Bench' } };
        await client.query('INSERT INTO events (escalation_id, event_id, revision, event) VALUES ($1, $2, $3, $4)', [
          id(i),
          event.id,
          rows[0].revision + 1,
          JSON.stringify(event),
        ]);
        await client.query('UPDATE escalations SET revision = revision + 1, json = $2 WHERE id = $1', [
          id(i),
          JSON.stringify(rows[0].json),
        ]);
      });
    } else {
      await pool.query('SELECT revision, json FROM escalations WHERE id = $1', [id(i)]);
    }
  }
  const ms = performance.now() - started;
  await pool.end();
  process.stdout.write(
    `${JSON.stringify({ type: 'done', ms, events: to - from, maxRssKb: process.resourceUsage().maxRSS })}\n`,
  );
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
