-- Read replica (issue 18 item 6, platform/read-replica.ts): a server configured with DATABASE_READ_URL
-- upserts this one row on the primary every few seconds; a streaming-replication standby replays it, so
-- `now() - at` read on the standby is an upper bound of its replay lag that stays meaningful when the
-- primary is otherwise idle (unlike now() - pg_last_xact_replay_timestamp()). Never read on the primary
-- for anything else; unused on PGlite.
CREATE TABLE replication_heartbeat (
  id smallint PRIMARY KEY CHECK (id = 1),
  at timestamptz NOT NULL
);
