// The service's tables. pg-boss keeps its own, in the schema `pgboss`, and creates them on start.

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS escalations (
  id text PRIMARY KEY,
  policy_id text NOT NULL,
  policy_version text NOT NULL,
  revision integer NOT NULL,
  status text NOT NULL,
  -- nextDueAt(e): the next due instant still to come (null: nothing dated); the sweep claims on it
  next_due_at timestamptz,
  -- overdueSince(e): set while a deadline that passed is still owed (for the overdue list)
  overdue_since timestamptz,
  json jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS escalations_next_due ON escalations (next_due_at) WHERE next_due_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS escalations_overdue ON escalations (overdue_since) WHERE overdue_since IS NOT NULL;

-- Every event applied, under the id the library keeps (trimmed), in the transaction that applied it.
CREATE TABLE IF NOT EXISTS events (
  escalation_id text NOT NULL REFERENCES escalations (id),
  event_id text NOT NULL,
  revision integer NOT NULL,
  -- when the case learned it: later than the event's own 'at' when another writer's later event got
  -- there first (the library applies such a late fact as it happened)
  recorded_at timestamptz NOT NULL,
  event jsonb NOT NULL,
  PRIMARY KEY (escalation_id, event_id)
);

-- One row per timer that fired (a deadline passed, a cap breached, a reminder due), written in the
-- transaction that recorded it: the outbox a notifier reads. The key makes a second handling an error,
-- never a second message.
CREATE TABLE IF NOT EXISTS fired (
  escalation_id text NOT NULL REFERENCES escalations (id),
  obligation text NOT NULL,
  due_at timestamptz NOT NULL,
  kind text NOT NULL,
  handled_by text NOT NULL,
  revision integer NOT NULL,
  PRIMARY KEY (escalation_id, obligation, due_at)
);
`;
