-- Background jobs (issue 15 item 0): imports and other long work run outside the HTTP request, claimed
-- with FOR UPDATE SKIP LOCKED by the server's job runner (platform/jobs), with progress, attempts and a
-- heartbeat, so a job survives a restart: a running job whose heartbeat stopped is queued again and its
-- handler resumes from the checkpoint it committed.
CREATE TABLE job (
  job_id           bigserial PRIMARY KEY,
  kind             text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.:-]{1,63}$'),
  status           text NOT NULL DEFAULT 'queued'
                   CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  payload          jsonb NOT NULL DEFAULT '{}',
  -- Where the handler stands, written in the same transaction as the work it describes.
  checkpoint       jsonb NOT NULL DEFAULT '{}',
  -- What the UI shows: { phase, done, total }.
  progress         jsonb NOT NULL DEFAULT '{}',
  result           jsonb,
  error            text,
  attempts         integer NOT NULL DEFAULT 0,
  max_attempts     integer NOT NULL DEFAULT 3 CHECK (max_attempts >= 1),
  run_after        timestamptz NOT NULL DEFAULT now(),
  locked_by        text,
  heartbeat_at     timestamptz,
  organisation_id  integer REFERENCES organisation(organisation_id),
  user_id          integer REFERENCES app_user(user_id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  started_at       timestamptz,
  finished_at      timestamptz
);
CREATE INDEX job_queue_idx ON job (run_after, job_id) WHERE status = 'queued';
CREATE INDEX job_running_idx ON job (heartbeat_at) WHERE status = 'running';
CREATE INDEX job_user_idx ON job (user_id, created_at DESC);
