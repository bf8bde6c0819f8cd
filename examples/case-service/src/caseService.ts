// The case service on PostgreSQL. The library is pure; this file owns the storage rules a host needs
// when several application servers share one database: one transaction per event with the event log
// and a revision check, a sweep that several workers run at once (FOR UPDATE SKIP LOCKED), timers put
// on a queue in the same transaction, and retries that make a restarted server harmless.
import type pg from 'pg';
import {
  advance,
  apply,
  firedBetween,
  restore,
  shippedPolicies,
  start,
  sweepColumns,
  timer,
  type Escalation,
  type EscalationEvent,
  type Fired,
  type Policy,
  type StartInput,
} from './library.js';
import { SCHEMA_SQL } from './schema.js';

/** A write that lost the race: someone else saved a newer revision first. Reload and try again. */
export class ConflictError extends Error {
  constructor(
    readonly id: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`Escalation ${id} is at revision ${actual}, not ${expected}: reload it and apply the event again`);
    this.name = 'ConflictError';
  }
}

export interface Stored {
  readonly escalation: Escalation;
  readonly revision: number;
}

/** A timer to put on the queue: wake for this escalation when this obligation falls due. */
export interface TimerRequest {
  readonly escalationId: string;
  readonly obligation: string;
  readonly dueAt: string;
  /** The millisecond after `dueAt`: when the deadline has passed and the timer should run. */
  readonly firesAt: string;
}

/** Where timers go: a queue in the same database, written inside the caller's transaction. */
export interface TimerQueue {
  schedule(client: pg.ClientBase, timers: readonly TimerRequest[]): Promise<void>;
}

export interface CaseServiceOptions {
  /** The policies cases may run under, by id. Each case keeps the version it started under. */
  readonly policies?: Readonly<Record<string, Policy>>;
  /** Names this process in the `fired` outbox. */
  readonly workerId?: string;
  /** The queue for timers; without one, only the sweep finds what fell due. */
  readonly timers?: TimerQueue;
  /** How long to keep retrying a transaction while the database is unreachable (restarting). */
  readonly retryForMs?: number;
  /** For tests: called inside the sweep's transaction once a batch is claimed, before it is written. */
  readonly afterClaim?: (ids: readonly string[]) => Promise<void>;
  /** Told of each failure that is tried again (the server restarting): for logs and tests. */
  readonly onRetry?: (error: Error) => void;
  /** For the benchmark: milliseconds spent in each phase of the sweep, added up. */
  readonly timings?: SweepTimings;
  /**
   * The host's clock for when it learns an event: with one, each event that has no `recordedAt` is
   * stamped inside its transaction, holding the case's row lock, never earlier than what the case
   * already knows nor than the event itself. Without one the library's default applies (the later of
   * the event's `at` and the case's `asOf`).
   */
  readonly clock?: () => Date;
}

/** Where a sweep's time goes, in milliseconds. */
export interface SweepTimings {
  claim: number;
  restore: number;
  advance: number;
  write: number;
  commit: number;
}

export interface Applied extends Stored {
  /** False when the event was already applied (a redelivery): nothing changed. */
  readonly applied: boolean;
  /** When the case learned the event (the history entry's `at`); its own `at` is when it happened. */
  readonly recordedAt?: string;
  /**
   * True when the event happened before the instant the case had already reached (another writer's
   * later event committed first, or it was written up late): the library applied it as of when it
   * happened.
   */
  readonly late?: boolean;
}

export interface SweepResult {
  /** The cases this call handled, each once. */
  readonly cases: string[];
  /** The timers that fired in them. */
  readonly fired: number;
  readonly batches: number;
}

interface Row {
  id: string;
  policy_id: string;
  policy_version: string;
  revision: number;
  json: unknown;
}

// Errors that mean the server went away or is starting up, not that the transaction was wrong: the
// whole transaction is tried again (idempotent by event id and by the revision check).
const TRANSIENT_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
  '40001',
  '40P01',
]);
function isTransient(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | undefined;
  if (!err) return false;
  if (
    err.code &&
    (TRANSIENT_CODES.has(err.code) || ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(err.code))
  )
    return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error|not queryable/i.test(
    err.message ?? '',
  );
}

export class CaseService {
  private readonly policies: Readonly<Record<string, Policy>>;
  private readonly workerId: string;
  private readonly timers: TimerQueue | undefined;
  private readonly retryForMs: number;
  private readonly afterClaim: CaseServiceOptions['afterClaim'];
  private readonly onRetry: CaseServiceOptions['onRetry'];
  private readonly timings: SweepTimings | undefined;
  private readonly clock: (() => Date) | undefined;

  constructor(
    readonly pool: pg.Pool,
    options: CaseServiceOptions = {},
  ) {
    this.policies = options.policies ?? shippedPolicies;
    this.workerId = options.workerId ?? `pid-${process.pid}`;
    this.timers = options.timers;
    this.retryForMs = options.retryForMs ?? 60_000;
    this.afterClaim = options.afterClaim;
    this.onRetry = options.onRetry;
    this.timings = options.timings;
    this.clock = options.clock;
  }

  /** Creates the service's tables (idempotent). */
  async migrate(): Promise<void> {
    await this.pool.query(SCHEMA_SQL);
  }

  private policy(id: string, version: string): Policy {
    const policy = this.policies[id];
    if (!policy || policy.version !== version)
      throw new Error(`No policy ${id} version ${version} is loaded: a case keeps the version it started under`);
    return policy;
  }

  /** Runs `work`, trying it all again while the server is unreachable or restarting. */
  private async retrying<T>(work: () => Promise<T>): Promise<T> {
    const giveUpAt = Date.now() + this.retryForMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return await work();
      } catch (e) {
        if (!isTransient(e) || Date.now() > giveUpAt) throw e;
        this.onRetry?.(e as Error);
        await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 50 * 2 ** attempt)));
      }
    }
  }

  /** Runs `work` in one transaction; tries it all again while the server is unreachable or restarting. */
  async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.retrying(async () => {
      const client = await this.pool.connect();
      // A connection cut while the client is checked out is reported here and by the query in hand.
      const onError = () => undefined;
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        client.off('error', onError);
        client.release();
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        client.off('error', onError);
        // A client whose connection broke is destroyed rather than returned to the pool.
        client.release(isTransient(e) ? (e as Error) : undefined);
        throw e;
      }
    });
  }

  /** Raises a new escalation under a policy, stores it at revision 1 and schedules its first timer. */
  async raise(policyId: string, input: StartInput): Promise<Stored> {
    const policy = this.policies[policyId];
    if (!policy) throw new Error(`Unknown policy '${policyId}'`);
    const escalation = start(policy, input);
    const due = sweepColumns(escalation);
    await this.transaction(async (client) => {
      await client.query(
        'INSERT INTO escalations (id, policy_id, policy_version, revision, status, next_due_at, overdue_since, json) VALUES ($1, $2, $3, 1, $4, $5, $6, $7)',
        [
          escalation.id,
          policy.id,
          policy.version,
          escalation.status,
          due.nextDueAt,
          due.overdueSince,
          JSON.stringify(escalation),
        ],
      );
      await this.scheduleNext(client, policy, escalation, input.raisedAt);
    });
    return { escalation, revision: 1 };
  }

  /**
   * Raises many escalations under one policy in one transaction (an import, or a benchmark's seed):
   * one statement for the rows and one for their first timers.
   */
  async raiseMany(policyId: string, inputs: readonly StartInput[]): Promise<number> {
    const policy = this.policies[policyId];
    if (!policy) throw new Error(`Unknown policy '${policyId}'`);
    const escalations = inputs.map((input) => start(policy, input));
    await this.transaction(async (client) => {
      const columns = escalations.map((e) => sweepColumns(e));
      await client.query(
        `INSERT INTO escalations (id, policy_id, policy_version, revision, status, next_due_at, overdue_since, json)
         SELECT id, $2, $3, 1, status, next_due_at, overdue_since, json
           FROM unnest($1::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::jsonb[]) AS v(id, status, next_due_at, overdue_since, json)`,
        [
          escalations.map((e) => e.id),
          policy.id,
          policy.version,
          escalations.map((e) => e.status),
          columns.map((c) => c.nextDueAt),
          columns.map((c) => c.overdueSince),
          escalations.map((e) => JSON.stringify(e)),
        ],
      );
      if (!this.timers) return;
      const timers: TimerRequest[] = [];
      escalations.forEach((e, i) => {
        const next = timer(policy, e, inputs[i]!.raisedAt);
        if (next) timers.push({ escalationId: e.id, ...next });
      });
      if (timers.length > 0) await this.timers.schedule(client, timers);
    });
    return escalations.length;
  }

  /** Loads a case, validated against the policy version it runs under. */
  async load(id: string): Promise<Stored> {
    const { rows } = await this.retrying(() =>
      this.pool.query<Row>('SELECT id, policy_id, policy_version, revision, json FROM escalations WHERE id = $1', [id]),
    );
    if (!rows[0]) throw new Error(`No escalation '${id}'`);
    return this.restoreRow(rows[0]);
  }

  private restoreRow(row: Row): Stored {
    return { escalation: restore(this.policy(row.policy_id, row.policy_version), row.json), revision: row.revision };
  }

  /**
   * Applies an event in one transaction with its event-log row, the timers it fired and its next timer,
   * holding the case's row lock. With `expectedRevision`, a stale writer gets a ConflictError. An event
   * whose id the case already has is ignored (at-least-once delivery is safe); the id is the one the
   * library keeps (trimmed), and one the library refuses is refused here. An event stamped earlier than
   * the instant the case has reached (another writer committed a later one first) is a late fact: the
   * library applies it as of when it happened, and the log keeps both instants. With a clock, the event
   * is stamped with when the case learned it (`recordedAt`) here, under the row lock.
   */
  async apply(id: string, event: EscalationEvent, options: { expectedRevision?: number } = {}): Promise<Applied> {
    if (typeof event?.id !== 'string') throw new Error('Give every event an id: it is how a redelivery is recognised');
    const outcome = await this.transaction(async (client): Promise<Applied | 'rollback'> => {
      const { rows } = await client.query<Row>(
        'SELECT id, policy_id, policy_version, revision, json FROM escalations WHERE id = $1 FOR UPDATE',
        [id],
      );
      if (!rows[0]) throw new Error(`No escalation '${id}'`);
      const current = this.restoreRow(rows[0]);
      if (options.expectedRevision !== undefined && options.expectedRevision !== current.revision) {
        throw new ConflictError(id, options.expectedRevision, current.revision);
      }
      const policy = this.policy(rows[0].policy_id, rows[0].policy_version);
      const {
        escalation: next,
        logged,
        recordedAt,
      } = apply(policy, current.escalation, this.stamped(current.escalation, event));
      if (logged === null) return { ...current, applied: false };
      const late = Date.parse(logged.at) < Date.parse(current.escalation.asOf);
      const inserted = await client.query(
        'INSERT INTO events (escalation_id, event_id, revision, recorded_at, event) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
        [id, logged.id, current.revision + 1, recordedAt, JSON.stringify(logged)],
      );
      if (inserted.rowCount !== 1) return 'rollback'; // logged but not in the history: keep the log's word
      await this.write(
        client,
        policy,
        [{ id, before: current.escalation, after: next, revision: current.revision }],
        recordedAt,
      );
      return { escalation: next, revision: current.revision + 1, applied: true, recordedAt, late };
    });
    if (outcome === 'rollback') return { ...(await this.load(id)), applied: false };
    return outcome;
  }

  /**
   * The event with when the case learned it, from the host's clock, read under the row lock: never
   * before the case's `asOf` (the last thing it learned, from whichever server) nor the event's `at`.
   */
  private stamped(escalation: Escalation, event: EscalationEvent): EscalationEvent {
    if (!this.clock || event.recordedAt !== undefined) return event;
    const learned = Math.max(this.clock().getTime(), Date.parse(escalation.asOf), Date.parse(event.at));
    return { ...event, recordedAt: new Date(learned).toISOString() };
  }

  /** Saves new versions of cases whose row locks the transaction holds: snapshot, outbox, next timers. */
  private async write(
    client: pg.ClientBase,
    policyOf: Policy | ((id: string) => Policy),
    changes: readonly { id: string; before: Escalation; after: Escalation; revision: number }[],
    now: string,
  ): Promise<Fired[]> {
    if (changes.length === 0) return [];
    const ids: string[] = [];
    const revisions: number[] = [];
    const statuses: string[] = [];
    const nextDue: (string | null)[] = [];
    const overdue: (string | null)[] = [];
    const json: string[] = [];
    const fired: { id: string; fired: Fired; revision: number }[] = [];
    const timers: TimerRequest[] = [];
    for (const change of changes) {
      const policy = typeof policyOf === 'function' ? policyOf(change.id) : policyOf;
      const due = sweepColumns(change.after);
      ids.push(change.id);
      revisions.push(change.revision);
      statuses.push(change.after.status);
      nextDue.push(due.nextDueAt);
      overdue.push(due.overdueSince);
      json.push(JSON.stringify(change.after));
      for (const f of firedBetween(change.before, change.after))
        fired.push({ id: change.id, fired: f, revision: change.revision + 1 });
      const next = timer(policy, change.after, now);
      if (next) timers.push({ escalationId: change.id, ...next });
    }
    // One statement for the batch: the revision check is in the WHERE clause, row by row.
    const updated = await client.query(
      `UPDATE escalations AS e SET revision = e.revision + 1, status = v.status, next_due_at = v.next_due_at, overdue_since = v.overdue_since, json = v.json
         FROM unnest($1::text[], $2::int[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::jsonb[]) AS v(id, revision, status, next_due_at, overdue_since, json)
        WHERE e.id = v.id AND e.revision = v.revision`,
      [ids, revisions, statuses, nextDue, overdue, json],
    );
    if (updated.rowCount !== changes.length) throw new ConflictError(ids.join(', '), revisions[0]!, -1);
    if (fired.length > 0) {
      await client.query(
        `INSERT INTO fired (escalation_id, obligation, due_at, kind, handled_by, revision)
         SELECT id, obligation, due_at, kind, $6, revision FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::int[]) AS f(id, obligation, due_at, kind, revision)`,
        [
          fired.map((f) => f.id),
          fired.map((f) => f.fired.obligation),
          fired.map((f) => f.fired.dueAt),
          fired.map((f) => f.fired.kind),
          fired.map((f) => f.revision),
          this.workerId,
        ],
      );
    }
    if (this.timers && timers.length > 0) await this.timers.schedule(client, timers);
    return fired.map((f) => f.fired);
  }

  private async scheduleNext(
    client: pg.ClientBase,
    policy: Policy,
    escalation: Escalation,
    now: string,
  ): Promise<void> {
    const next = timer(policy, escalation, now);
    if (this.timers && next) await this.timers.schedule(client, [{ escalationId: escalation.id, ...next }]);
  }

  /**
   * Every event logged for a case, in the order applied; one learned after it happened carries
   * `recordedAt`, when the case learned it.
   */
  async events(id: string): Promise<EscalationEvent[]> {
    const { rows } = await this.retrying(() =>
      this.pool.query<{ event: EscalationEvent; recorded_at: Date }>(
        'SELECT event, recorded_at FROM events WHERE escalation_id = $1 ORDER BY revision',
        [id],
      ),
    );
    return rows.map(({ event, recorded_at }) =>
      recorded_at.getTime() > Date.parse(event.at) ? { ...event, recordedAt: recorded_at.toISOString() } : event,
    );
  }

  /**
   * One batch of the sweep: claims up to `limit` cases with a due instant at or before `now` that no
   * other worker holds (FOR UPDATE SKIP LOCKED), brings each up to `now` (every timer due fires once,
   * into the `fired` outbox), saves them and schedules their next timers, all in one transaction. A
   * worker that dies mid-batch holds its locks only until the server sees its connection close; the
   * transaction rolls back and the cases are claimed again.
   */
  async sweepBatch(
    now: string,
    options: { limit?: number; partnerships?: readonly string[] } = {},
  ): Promise<{ cases: string[]; fired: number }> {
    const limit = options.limit ?? 200;
    const t = this.timings;
    let mark = performance.now();
    const lap = (phase: keyof SweepTimings) => {
      if (!t) return;
      const time = performance.now();
      t[phase] += time - mark;
      mark = time;
    };
    const result = await this.transaction(async (client) => {
      const filter = options.partnerships ? 'AND policy_id = ANY($3)' : '';
      const params: unknown[] = [now, limit, ...(options.partnerships ? [options.partnerships] : [])];
      const { rows } = await client.query<Row>(
        `SELECT id, policy_id, policy_version, revision, json FROM escalations
          WHERE next_due_at < $1 ${filter} ORDER BY next_due_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        params,
      );
      lap('claim');
      if (rows.length === 0) return { cases: [], fired: 0 };
      const restored = rows.map((row) => ({ row, escalation: this.restoreRow(row).escalation }));
      lap('restore');
      const changes = restored.map(({ row, escalation }) => ({
        id: row.id,
        before: escalation,
        after: advance(this.policy(row.policy_id, row.policy_version), escalation, now),
        revision: row.revision,
      }));
      lap('advance');
      await this.afterClaim?.(rows.map((r) => r.id));
      const byId = new Map(rows.map((row) => [row.id, row]));
      const policyOf = (id: string) => this.policy(byId.get(id)!.policy_id, byId.get(id)!.policy_version);
      const fired = await this.write(client, policyOf, changes, now);
      lap('write');
      return { cases: rows.map((r) => r.id), fired: fired.length };
    });
    lap('commit');
    return result;
  }

  /** The sweep: batches until no case is due at `now` that another worker does not hold. */
  async sweep(now: string, options: { limit?: number; partnerships?: readonly string[] } = {}): Promise<SweepResult> {
    const cases: string[] = [];
    let fired = 0;
    let batches = 0;
    for (;;) {
      const batch = await this.sweepBatch(now, options);
      if (batch.cases.length === 0) return { cases, fired, batches };
      cases.push(...batch.cases);
      fired += batch.fired;
      batches++;
    }
  }

  /**
   * A timer's job: brings one case up to `now` if something on it is due. A job delivered twice, early,
   * or for a timer an event has since met changes nothing: the case's own due instant decides.
   */
  async handleTimer(id: string, now: string): Promise<Fired[]> {
    return this.transaction(async (client) => {
      const { rows } = await client.query<Row>(
        'SELECT id, policy_id, policy_version, revision, json FROM escalations WHERE id = $1 AND next_due_at < $2 FOR UPDATE',
        [id, now],
      );
      if (!rows[0]) return [];
      const policy = this.policy(rows[0].policy_id, rows[0].policy_version);
      const { escalation } = this.restoreRow(rows[0]);
      return this.write(
        client,
        policy,
        [{ id, before: escalation, after: advance(policy, escalation, now), revision: rows[0].revision }],
        now,
      );
    });
  }
}
