import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CaseStore, ConflictError } from '../src/caseStore.js';
import { createServer } from '../src/server.js';

const here = path.dirname(fileURLToPath(import.meta.url));
let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sge-store-'));
  file = path.join(dir, 'cases.db');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const raisedAt = '2024-12-19T09:30:00Z';
const note = (id: string, at: string) => ({
  type: 'RECORD' as const,
  id,
  at,
  record: { kind: 'note' as const, summary: id },
});

describe('the case store on SQLite', () => {
  it('stores the escalation JSON and its event log together, revision by revision', () => {
    const store = new CaseStore(file);
    store.raise('derby-derbyshire', { id: 'C-1', raisedAt });
    const r = store.apply('C-1', { type: 'ESCALATE', id: 'ev-1', at: '2024-12-20T10:00:00Z' }, { expectedRevision: 1 });
    expect(r).toMatchObject({ revision: 2, applied: true });
    expect(store.load('C-1').escalation.stage).toBe('stage-2');
    expect(store.events('C-1').map((e) => e.id)).toEqual(['ev-1']);
    store.close();
    // A new connection reads exactly what was committed.
    const again = new CaseStore(file);
    expect(again.load('C-1')).toMatchObject({ revision: 2, escalation: { stage: 'stage-2' } });
    again.close();
  });

  it('ignores a redelivered event by its id', () => {
    const store = new CaseStore(file);
    store.raise('suffolk', { id: 'C-2', raisedAt });
    store.apply('C-2', note('ev-1', '2024-12-19T10:00:00Z'));
    const second = store.apply('C-2', note('ev-1', '2024-12-19T10:00:00Z'));
    expect(second).toMatchObject({ applied: false, revision: 2 });
    expect(store.events('C-2')).toHaveLength(1);
    store.close();
  });

  it('gives a stale writer a conflict, not a lost update', () => {
    const a = new CaseStore(file);
    const b = new CaseStore(file);
    a.raise('barnsley', { id: 'C-3', raisedAt });
    const seenByA = a.load('C-3').revision;
    const seenByB = b.load('C-3').revision;
    a.apply('C-3', note('from-a', '2024-12-19T10:00:00Z'), { expectedRevision: seenByA });
    expect(() => b.apply('C-3', note('from-b', '2024-12-19T10:05:00Z'), { expectedRevision: seenByB })).toThrow(
      ConflictError,
    );
    // B reloads and tries again: both updates are kept.
    b.apply('C-3', note('from-b', '2024-12-19T10:05:00Z'), { expectedRevision: b.load('C-3').revision });
    expect(
      a
        .load('C-3')
        .escalation.history.filter((h) => h.type === 'event')
        .map((h) => (h.event as { id: string }).id),
    ).toEqual(['from-a', 'from-b']);
    a.close();
    b.close();
  });

  it('loses nothing and doubles nothing when it crashes between the event and the snapshot', () => {
    let crash = true;
    const store = new CaseStore(file, {
      beforeSnapshotWrite: () => {
        if (crash) throw new Error('power cut');
      },
    });
    store.raise('devon', { id: 'C-4', raisedAt });
    const before = store.load('C-4');
    expect(() => store.apply('C-4', { type: 'ESCALATE', id: 'ev-1', at: '2024-12-20T10:00:00Z' })).toThrow('power cut');
    // The transaction rolled back: no event logged, the snapshot unchanged.
    expect(store.events('C-4')).toEqual([]);
    expect(store.load('C-4')).toEqual(before);
    crash = false;
    expect(store.apply('C-4', { type: 'ESCALATE', id: 'ev-1', at: '2024-12-20T10:00:00Z' })).toMatchObject({
      applied: true,
      revision: 2,
    });
    expect(store.apply('C-4', { type: 'ESCALATE', id: 'ev-1', at: '2024-12-20T10:00:00Z' })).toMatchObject({
      applied: false,
      revision: 2,
    });
    expect(store.load('C-4').escalation.stage).toBe('stage-2');
    store.close();
  });

  it('sweeps every case overdue or due on the next working day', () => {
    const store = new CaseStore(file);
    store.raise('derby-derbyshire', { id: 'LATE', raisedAt: '2024-12-16T10:00:00Z' }); // stage 1 due 18 December
    store.raise('derby-derbyshire', { id: 'SOON', raisedAt: '2024-12-18T10:00:00Z' }); // due 20 December
    store.raise('derby-derbyshire', { id: 'FINE', raisedAt: '2024-12-19T10:00:00Z' }); // due 23 December
    store.raise('somerset', { id: 'NO-DATES', raisedAt: '2024-12-01T10:00:00Z' }); // Somerset gives none
    const rows = store.sweep('2024-12-19T07:00:00Z');
    expect(rows.map((r) => r.id)).toEqual(['LATE', 'SOON']);
    expect(rows[0]!.overdue[0]).toEqual({
      label: 'Resolve the difference between the practitioners',
      dueDate: '2024-12-18',
    });
    expect(rows[1]!.dueNextWorkingDay[0]!.dueDate).toBe('2024-12-20');
    store.close();
  });

  it('sweeps on 24 December 2026 a case due on Tuesday 29th, the next working day (Boxing Day is substituted on Monday 28th)', () => {
    const store = new CaseStore(file);
    // Derby and Derbyshire: stage 1 within 2 working days. Raised Wednesday 23 December 2026: 24 and 29 December.
    store.raise('derby-derbyshire', { id: 'XMAS', raisedAt: '2026-12-23T10:00:00Z' });
    // Raised Thursday 24th: 29 and 30 December, two working days off on the 24th.
    store.raise('derby-derbyshire', { id: 'LATER', raisedAt: '2026-12-24T06:00:00Z' });
    const rows = store.sweep('2026-12-24T07:00:00Z');
    expect(rows.map((r) => r.id)).toEqual(['XMAS']);
    expect(rows[0]!.dueNextWorkingDay).toEqual([
      { label: 'Resolve the difference between the practitioners', dueDate: '2026-12-29' },
    ]);
    store.close();
  });

  it('keeps listing a case whose deadline passed while it is still owed, after later events', () => {
    const store = new CaseStore(file);
    store.raise('derby-derbyshire', { id: 'OWED', raisedAt: '2024-12-16T10:00:00Z' }); // stage 1 due 18 December
    store.apply('OWED', note('n1', '2024-12-19T10:00:00Z')); // the deadline is recorded as passed
    const row = store.db.prepare('SELECT next_due_at, overdue_since FROM escalations WHERE id = ?').get('OWED');
    expect(row).toEqual({ next_due_at: null, overdue_since: '2024-12-18T23:59:59.999Z' });
    expect(store.sweep('2025-01-06T07:00:00Z').map((r) => [r.id, r.overdue.map((d) => d.dueDate)])).toEqual([
      ['OWED', ['2024-12-18']],
    ]);
    store.close();
  });

  it('logs an event under the id the library keeps: " e1 " is a redelivery of "e1", an id of spaces is refused', () => {
    const store = new CaseStore(file);
    store.raise('suffolk', { id: 'IDS', raisedAt });
    expect(store.apply('IDS', note('e1', '2024-12-19T10:00:00Z'))).toMatchObject({ applied: true, revision: 2 });
    expect(store.apply('IDS', note(' e1 ', '2024-12-19T10:00:00Z'))).toMatchObject({ applied: false, revision: 2 });
    expect(() => store.apply('IDS', note('   ', '2024-12-19T10:00:00Z'))).toThrow(/id/);
    expect(store.events('IDS').map((e) => e.id)).toEqual(['e1']);
    store.close();
  });
});

// Separate Node processes writing to one database file, each with its own clock: the host recipe
// (docs/integration.md) of stamping `at` when a request arrives, reloading and retrying on a revision
// conflict, and letting the library apply an event that lost the race as a late fact.
describe('writers in separate processes, with their own clocks', () => {
  let writerBundle: string;
  beforeAll(async () => {
    const outdir = path.join(here, '..', '.tmp');
    fs.mkdirSync(outdir, { recursive: true });
    writerBundle = path.join(outdir, `writer-${process.pid}.mjs`);
    await esbuild.build({
      entryPoints: [path.join(here, 'fixtures', 'writer.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: writerBundle,
      external: ['better-sqlite3', 'safeguarding-escalation'],
      logLevel: 'silent',
    });
  });
  afterAll(() => fs.rmSync(writerBundle, { force: true }));

  interface Counts {
    sent: number;
    conflicts: number;
    late: number;
    redelivered: number;
    redeliveriesApplied: number;
    ids: string[];
  }
  const writer = (env: Record<string, string>) =>
    new Promise<Counts>((resolve, reject) => {
      const child = spawn(process.execPath, [writerBundle], {
        cwd: path.join(here, '..'),
        env: { ...process.env, DB_FILE: file, ...env },
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      child.on('exit', (code) =>
        code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`writer ${env.WRITER} failed: ${err}`)),
      );
    });

  /**
   * Races `writers` processes, each sending `count` events (one an ESCALATE) over `cases`, and checks
   * every event is kept exactly once, in the history and the event log alike, none refused.
   */
  async function race(writers: number, count: number, cases: string[]) {
    const store = new CaseStore(file);
    for (const id of cases) store.raise('suffolk', { id, raisedAt: new Date(Date.now() - 60_000).toISOString() });
    store.close();
    const names = ['a', 'b', 'c', 'd'].slice(0, writers);
    const results = await Promise.all(
      names.map((name, i) =>
        writer({
          WRITER: name,
          CASES: cases.join(','),
          COUNT: String(count),
          REDELIVER: '10',
          ESCALATE_AT: String(count / 2 + i),
        }),
      ),
    );
    const check = new CaseStore(file);
    let events = 0;
    let lateInLog = 0;
    for (const id of cases) {
      const { escalation, revision } = check.load(id);
      const inHistory = escalation.history.flatMap((h) => (h.type === 'event' ? [h.event.id!] : []));
      const log = check.events(id);
      expect(new Set(inHistory).size).toBe(inHistory.length); // once each
      expect(log.map((e) => e.id)).toEqual(inHistory); // the log and the history agree, in the same order
      expect(revision).toBe(inHistory.length + 1);
      // A late fact: it happened before the instant the case had learned its last fact.
      log.forEach((e, i) => i > 0 && Date.parse(e.at) < Date.parse(log[i - 1]!.recordedAt) && lateInLog++);
      for (const [i, e] of log.entries()) if (i > 0) expect(e.recordedAt >= log[i - 1]!.recordedAt).toBe(true); // learned in order
      events += inHistory.length;
    }
    const sent = results.flatMap((r) => r.ids.map((x) => x.split('/')[1]!));
    expect(events).toBe(writers * count);
    expect(sent).toHaveLength(writers * count);
    expect(results.reduce((n, r) => n + r.redeliveriesApplied, 0)).toBe(0);
    const late = results.reduce((n, r) => n + r.late, 0);
    expect(late).toBe(lateInLog);
    const conflicts = results.reduce((n, r) => n + r.conflicts, 0);
    const redelivered = results.reduce((n, r) => n + r.redelivered, 0);
    console.info(
      `${writers} processes, ${cases.length} case(s): ${events} events kept once each, ${redelivered} redeliveries ignored, ${conflicts} conflicts retried, ${late} late facts (stamped before the last fact the case had learned)`,
    );
    check.close();
    return { conflicts, late, events };
  }

  it('two processes on one case: all 300 events kept once each, none refused for its order', async () => {
    await race(2, 150, ['RACE-2']);
  }, 60_000);

  it('four processes on one case: all 400 events kept once each, none refused for its order', async () => {
    const { conflicts } = await race(4, 100, ['RACE-4']);
    expect(conflicts).toBeGreaterThan(0); // they did race
  }, 60_000);

  it('four processes over 20 cases: all 600 events kept once each, none refused for its order', async () => {
    await race(
      4,
      150,
      Array.from({ length: 20 }, (_, i) => `MANY-${i}`),
    );
  }, 60_000);
});

describe('the HTTP service', () => {
  it('raises, applies, refuses a stale revision with 409, and reports status', async () => {
    const store = new CaseStore(file);
    const server = createServer(store, () => new Date('2024-12-20T09:00:00Z'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const post = (p: string, data: unknown) => fetch(`${base}${p}`, { method: 'POST', body: JSON.stringify(data) });
    expect((await post('/escalations', { policy: 'barnsley', start: { id: 'H-1', raisedAt } })).status).toBe(201);
    const ok = await post('/escalations/H-1/events', {
      event: { type: 'ESCALATE', id: 'e1', at: '2024-12-19T12:00:00Z' },
      revision: 1,
    });
    expect(ok.status).toBe(200);
    expect(
      (
        await post('/escalations/H-1/events', {
          event: { type: 'ESCALATE', id: 'e2', at: '2024-12-19T13:00:00Z' },
          revision: 1,
        })
      ).status,
    ).toBe(409);
    const bad = await post('/escalations/H-1/events', {
      event: { type: 'EXPEDITE', id: 'e3', to: 'stage-3', at: '2024-12-19T13:00:00Z' },
    });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { code: string }).code).toBe('NOT_PERMITTED');
    const status = (await (await fetch(`${base}/escalations/H-1/status`)).json()) as { stage: { id: string } };
    expect(status.stage.id).toBe('stage-1');
    await new Promise((r) => server.close(r));
    store.close();
  });
});
