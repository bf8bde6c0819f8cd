// Persistence for escalations on SQLite. The library is pure: this file owns the clock-free storage
// rules a host needs (one transaction per event, revisions, idempotency, a sweep).
import Database from 'better-sqlite3';
import {
  applyEvent,
  getStatus,
  policies,
  restoreEscalation,
  startEscalation,
  type Escalation,
  type EscalationEvent,
  type EscalationStatus,
  type Policy,
  type StartInput,
} from 'safeguarding-escalation';

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
  /** The policy version the case runs under. */
  readonly policy: Policy;
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
  -- the earliest due instant of anything still owed (null: nothing dated is owed); the sweep's index
  next_due_at TEXT,
  json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS escalations_next_due ON escalations (next_due_at) WHERE next_due_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS events (
  escalation_id TEXT NOT NULL REFERENCES escalations (id),
  event_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (escalation_id, event_id)
);`;

function nextDue(e: Escalation): string | null {
  let next: string | null = null;
  for (const o of e.obligations) if (o.status === 'running' && o.dueAt && (next === null || o.dueAt < next)) next = o.dueAt;
  return next;
}

export interface CaseStoreOptions {
  /** The policies cases may run under, by id. Each case keeps the version it started under. */
  readonly policies?: Readonly<Record<string, Policy>>;
  /** For tests: called inside the transaction after the event is logged, before the snapshot is written. */
  readonly beforeSnapshotWrite?: (id: string) => void;
}

export class CaseStore {
  readonly db: Database.Database;
  private readonly policies: Readonly<Record<string, Policy>>;
  private readonly beforeSnapshotWrite: ((id: string) => void) | undefined;

  constructor(filename: string, options: CaseStoreOptions = {}) {
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.policies = options.policies ?? policies;
    this.beforeSnapshotWrite = options.beforeSnapshotWrite;
  }

  close(): void {
    this.db.close();
  }

  private policy(id: string, version: string): Policy {
    const p = this.policies[id];
    if (!p || p.version !== version) throw new Error(`No policy ${id} version ${version} is loaded: a case keeps the version it started under`);
    return p;
  }

  /** Raises a new escalation under a policy and stores it at revision 1. */
  raise(policyId: string, input: StartInput): Stored {
    const policy = this.policies[policyId];
    if (!policy) throw new Error(`Unknown policy '${policyId}'`);
    const escalation = startEscalation(policy, input);
    this.db
      .prepare('INSERT INTO escalations (id, policy_id, policy_version, revision, status, next_due_at, json) VALUES (?, ?, ?, 1, ?, ?, ?)')
      .run(escalation.id, policy.id, policy.version, escalation.status, nextDue(escalation), JSON.stringify(escalation));
    return { escalation, revision: 1, policy };
  }

  /** Loads a case, validated against the policy version it runs under. */
  load(id: string): Stored {
    const row = this.db.prepare('SELECT policy_id, policy_version, revision, json FROM escalations WHERE id = ?').get(id) as
      | { policy_id: string; policy_version: string; revision: number; json: string }
      | undefined;
    if (!row) throw new Error(`No escalation '${id}'`);
    const policy = this.policy(row.policy_id, row.policy_version);
    return { escalation: restoreEscalation(policy, row.json), revision: row.revision, policy };
  }

  /**
   * Applies an event and saves the result in one transaction: the event log row and the new snapshot
   * together, or neither. With `expectedRevision`, a stale writer gets a ConflictError. An event whose
   * id is already logged for the case is ignored (at-least-once delivery is safe).
   */
  apply(id: string, event: EscalationEvent, options: { expectedRevision?: number } = {}): Stored & { applied: boolean } {
    if (!event.id) throw new Error('Give every event an id: it is how a redelivery is recognised');
    const run = this.db.transaction((): Stored & { applied: boolean } => {
      const current = this.load(id);
      if (options.expectedRevision !== undefined && options.expectedRevision !== current.revision) {
        throw new ConflictError(id, options.expectedRevision, current.revision);
      }
      const seen = this.db.prepare('SELECT 1 FROM events WHERE escalation_id = ? AND event_id = ?').get(id, event.id);
      if (seen) return { ...current, applied: false };
      const next = applyEvent(current.policy, current.escalation, event);
      const revision = current.revision + 1;
      this.db.prepare('INSERT INTO events (escalation_id, event_id, revision, json) VALUES (?, ?, ?, ?)').run(id, event.id, revision, JSON.stringify(event));
      this.beforeSnapshotWrite?.(id);
      const written = this.db
        .prepare('UPDATE escalations SET revision = ?, status = ?, next_due_at = ?, json = ? WHERE id = ? AND revision = ?')
        .run(revision, next.status, nextDue(next), JSON.stringify(next), id, current.revision);
      if (written.changes !== 1) throw new ConflictError(id, current.revision, -1);
      return { escalation: next, revision, policy: current.policy, applied: true };
    });
    // IMMEDIATE: take the write lock before reading, so two writers cannot both read revision N.
    return run.immediate();
  }

  /** Every event logged for a case, oldest first. */
  events(id: string): EscalationEvent[] {
    return (this.db.prepare('SELECT json FROM events WHERE escalation_id = ? ORDER BY revision').all(id) as { json: string }[]).map((r) => JSON.parse(r.json));
  }

  /**
   * The nightly sweep: every case with something overdue, due today or due on the next working day at
   * `now`. The index narrows the candidates to cases with a due instant before the day after next;
   * getStatus (pure, cheap) decides.
   */
  sweep(now: string): SweepRow[] {
    const horizon = new Date(Date.parse(now) + 5 * 86_400_000).toISOString(); // covers any next working day
    const rows = this.db.prepare('SELECT id FROM escalations WHERE next_due_at IS NOT NULL AND next_due_at <= ? ORDER BY next_due_at').all(horizon) as { id: string }[];
    const out: SweepRow[] = [];
    for (const { id } of rows) {
      const { escalation, policy } = this.load(id);
      // A case changed after the sweep's instant (raised or updated since) is the next sweep's.
      if (escalation.history.at(-1)!.at > now) continue;
      const s: EscalationStatus = getStatus(policy, escalation, now);
      const pick = (state: string) => s.deadlines.filter((d) => d.state === state).map((d) => ({ label: d.label, dueDate: d.dueDate }));
      const row = { id, policy: escalation.policy.id, stage: s.stage.id, status: escalation.status, overdue: pick('overdue'), dueToday: pick('due-today'), dueNextWorkingDay: pick('due-next-working-day') };
      if (row.overdue.length || row.dueToday.length || row.dueNextWorkingDay.length) out.push(row);
    }
    return out;
  }
}
