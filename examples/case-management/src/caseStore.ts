// Persistence for escalations on SQLite. The library is pure: this file owns the clock-free storage
// rules a host needs (one transaction per event, revisions, idempotency, a sweep).
import Database from 'better-sqlite3';
import {
  apply,
  horizon,
  restore,
  shippedPolicies,
  start,
  status,
  sweepColumns,
  type Escalation,
  type EscalationEvent,
  type EscalationStatus,
  type Policy,
  type StartInput,
  type WorkingDayCalendar,
} from './library.js';

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

export interface SweepRow {
  readonly id: string;
  readonly policy: string;
  readonly stage: string;
  readonly status: Escalation['status'];
  readonly overdue: { label: string; dueDate: string }[];
  readonly dueNextWorkingDay: { label: string; dueDate: string }[];
  readonly dueToday: { label: string; dueDate: string }[];
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS escalations (
  id TEXT PRIMARY KEY,
  policy_id TEXT NOT NULL,
  policy_version TEXT NOT NULL,
  revision INTEGER NOT NULL,
  status TEXT NOT NULL,
  -- nextDueAt(e): the next due instant still to come (null: nothing dated); the sweep's index
  next_due_at TEXT,
  -- overdueSince(e): set while a deadline that has passed is still owed, so the case stays listed
  overdue_since TEXT,
  json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS escalations_next_due ON escalations (next_due_at) WHERE next_due_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS escalations_overdue ON escalations (overdue_since) WHERE overdue_since IS NOT NULL;
-- Every event applied, under the id the library keeps (trimmed), with when the case learned it (the
-- event's own 'at' is when it happened: earlier for a late fact).
CREATE TABLE IF NOT EXISTS events (
  escalation_id TEXT NOT NULL REFERENCES escalations (id),
  event_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  recorded_at TEXT NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (escalation_id, event_id)
);`;

export interface CaseStoreOptions {
  /** The policies cases may run under, by id. Each case keeps the version it started under. */
  readonly policies?: Readonly<Record<string, Policy>>;
  /** For tests: called inside the transaction after the event is logged, before the snapshot is written. */
  readonly beforeSnapshotWrite?: (id: string) => void;
  /** The calendar the sweep counts working days on (a division's, with local closures). */
  readonly calendar?: WorkingDayCalendar;
  /**
   * The host's clock for when it learns an event: with one, each event that has no `recordedAt` is
   * stamped inside its transaction, never earlier than what the case already knows nor than the event
   * itself, so the instants a case learns things never go back. Without one the library's default
   * applies (the later of the event's `at` and the case's `asOf`).
   */
  readonly clock?: () => Date;
}

/** What `apply` did. */
export interface Applied extends Stored {
  /** False when the event was already applied (a redelivery): nothing changed. */
  readonly applied: boolean;
  /**
   * True when the event happened before something the case already knew (another writer's later
   * event got there first, or it was written up late): the library applied it as of when it happened.
   */
  readonly late?: boolean;
}

export class CaseStore {
  readonly db: Database.Database;
  private readonly policies: Readonly<Record<string, Policy>>;
  private readonly beforeSnapshotWrite: ((id: string) => void) | undefined;
  private readonly calendar: WorkingDayCalendar | undefined;
  private readonly clock: (() => Date) | undefined;

  constructor(filename: string, options: CaseStoreOptions = {}) {
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.policies = options.policies ?? shippedPolicies;
    this.beforeSnapshotWrite = options.beforeSnapshotWrite;
    this.calendar = options.calendar;
    this.clock = options.clock;
  }

  close(): void {
    this.db.close();
  }

  private policy(id: string, version: string): Policy {
    const p = this.policies[id];
    if (!p || p.version !== version)
      throw new Error(`No policy ${id} version ${version} is loaded: a case keeps the version it started under`);
    return p;
  }

  /** Raises a new escalation under a policy and stores it at revision 1. */
  raise(policyId: string, input: StartInput): Stored {
    const policy = this.policies[policyId];
    if (!policy) throw new Error(`Unknown policy '${policyId}'`);
    const escalation = start(policy, input);
    const due = sweepColumns(escalation);
    this.db
      .prepare(
        'INSERT INTO escalations (id, policy_id, policy_version, revision, status, next_due_at, overdue_since, json) VALUES (?, ?, ?, 1, ?, ?, ?, ?)',
      )
      .run(
        escalation.id,
        policy.id,
        policy.version,
        escalation.status,
        due.nextDueAt,
        due.overdueSince,
        JSON.stringify(escalation),
      );
    return { escalation, revision: 1 };
  }

  /** Loads a case, validated against the policy version it runs under. */
  load(id: string): Stored {
    const row = this.db
      .prepare('SELECT policy_id, policy_version, revision, json FROM escalations WHERE id = ?')
      .get(id) as { policy_id: string; policy_version: string; revision: number; json: string } | undefined;
    if (!row) throw new Error(`No escalation '${id}'`);
    return { escalation: restore(this.policy(row.policy_id, row.policy_version), row.json), revision: row.revision };
  }

  /**
   * Applies an event and saves the result in one transaction: the event log row and the new snapshot
   * together, or neither. With `expectedRevision`, a stale writer gets a ConflictError: reload and apply
   * the same event again (its `at` unchanged: when it happened). An event whose id is already logged
   * for the case is ignored (at-least-once delivery is safe). The id is the one the library logged: it
   * trims ids, so ' e1 ' is a redelivery of 'e1', and refuses one of spaces only. With a clock, the event
   * is stamped with when the case learned it (`recordedAt`), inside the transaction.
   */
  apply(id: string, event: EscalationEvent, options: { expectedRevision?: number } = {}): Applied {
    if (typeof event?.id !== 'string') throw new Error('Give every event an id: it is how a redelivery is recognised');
    const run = this.db.transaction((): Applied => {
      const current = this.load(id);
      if (options.expectedRevision !== undefined && options.expectedRevision !== current.revision) {
        throw new ConflictError(id, options.expectedRevision, current.revision);
      }
      const policy = this.policy(current.escalation.policy.id, current.escalation.policy.version);
      const {
        escalation: next,
        logged,
        recordedAt,
      } = apply(policy, current.escalation, this.stamped(current.escalation, event));
      if (logged === null) return { ...current, applied: false }; // the library already has this id
      const seen = this.db.prepare('SELECT 1 FROM events WHERE escalation_id = ? AND event_id = ?').get(id, logged.id);
      if (seen) return { ...current, applied: false };
      const revision = current.revision + 1;
      this.db
        .prepare('INSERT INTO events (escalation_id, event_id, revision, recorded_at, json) VALUES (?, ?, ?, ?, ?)')
        .run(id, logged.id, revision, recordedAt, JSON.stringify(logged));
      this.beforeSnapshotWrite?.(id);
      const due = sweepColumns(next);
      const written = this.db
        .prepare(
          'UPDATE escalations SET revision = ?, status = ?, next_due_at = ?, overdue_since = ?, json = ? WHERE id = ? AND revision = ?',
        )
        .run(revision, next.status, due.nextDueAt, due.overdueSince, JSON.stringify(next), id, current.revision);
      if (written.changes !== 1) throw new ConflictError(id, current.revision, -1);
      return {
        escalation: next,
        revision,
        applied: true,
        late: Date.parse(logged.at) < Date.parse(current.escalation.asOf),
      };
    });
    // IMMEDIATE: take the write lock before reading, so two writers cannot both read revision N.
    return run.immediate();
  }

  /**
   * The event with when the case learned it, from the host's clock, read inside the transaction: never
   * before the case's `asOf` (the last thing it learned, from whichever process) nor the event's `at`.
   */
  private stamped(escalation: Escalation, event: EscalationEvent): EscalationEvent {
    if (!this.clock || event.recordedAt !== undefined) return event;
    const learned = Math.max(this.clock().getTime(), Date.parse(escalation.asOf), Date.parse(event.at));
    return { ...event, recordedAt: new Date(learned).toISOString() };
  }

  /** What is due and overdue on a case at `now`. */
  status(id: string, now: string): EscalationStatus {
    const { escalation } = this.load(id);
    return status(this.policy(escalation.policy.id, escalation.policy.version), escalation, now, this.calendar);
  }

  /** Every event logged for a case, in the order the case learned them, each with when it learned it. */
  events(id: string): (EscalationEvent & { recordedAt: string })[] {
    const rows = this.db
      .prepare('SELECT json, recorded_at FROM events WHERE escalation_id = ? ORDER BY revision')
      .all(id) as { json: string; recorded_at: string }[];
    return rows.map((r) => ({ ...JSON.parse(r.json), recordedAt: r.recorded_at }));
  }

  /**
   * The nightly sweep: every case with something overdue, due today or due on the next working day at
   * `now`. The indexes narrow the candidates to cases with a deadline still to come before the sweep
   * horizon (the end of the day before the second working day from today, on the store's calendar:
   * right across Christmas) and cases still owing something overdue; getStatus (pure, cheap) decides.
   */
  sweep(now: string): SweepRow[] {
    const until = horizon(now, 1, this.calendar);
    const rows = this.db
      .prepare(
        'SELECT id FROM escalations WHERE (next_due_at IS NOT NULL AND next_due_at <= ?) OR overdue_since IS NOT NULL ORDER BY coalesce(overdue_since, next_due_at), id',
      )
      .all(until) as { id: string }[];
    const out: SweepRow[] = [];
    for (const { id } of rows) {
      const { escalation } = this.load(id);
      const policy = this.policy(escalation.policy.id, escalation.policy.version);
      const s = status(policy, escalation, now, this.calendar);
      const pick = (state: string) =>
        s.deadlines.filter((d) => d.state === state).map((d) => ({ label: d.label, dueDate: d.dueDate }));
      const row = {
        id,
        policy: escalation.policy.id,
        stage: s.stage.id,
        status: escalation.status,
        overdue: pick('overdue'),
        dueToday: pick('due-today'),
        dueNextWorkingDay: pick('due-next-working-day'),
      };
      if (row.overdue.length || row.dueToday.length || row.dueNextWorkingDay.length) out.push(row);
    }
    return out;
  }
}
