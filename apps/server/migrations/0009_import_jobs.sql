-- Imports as jobs (issue 15 item 0). An upload is stored once by its SHA-256 (import_file), its batch
-- (import_batch) is queued as a job (0008) and the request returns; the job reads the file as a stream
-- and stages its rows (import_row), validates and commits them chunk by chunk, each chunk in its own
-- transaction with the job's checkpoint, and builds the report and the error workbook from the staged
-- rows. Nothing holds a lock across the import, and a job stopped halfway resumes after its last chunk.

-- The file is kept while a batch that reads it is queued or running, then deleted (the batch keeps the
-- hash: the idempotency key and the audit entry name the file by it; its rejected rows are kept as the
-- error workbook).
CREATE TABLE import_file (
  file_sha256  text PRIMARY KEY CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
  content      bytea NOT NULL,
  byte_size    integer NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE import_batch
  ADD COLUMN job_id        bigint REFERENCES job(job_id),
  ADD COLUMN file_sha256   text CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
  ADD COLUMN dry_run       boolean NOT NULL DEFAULT false,
  -- The language the report's messages and the error workbook are written in (the uploader's).
  ADD COLUMN lang          text NOT NULL DEFAULT 'zh-CN' CHECK (lang IN ('zh-CN', 'en')),
  -- Kind-specific options of the upload (a standards import's table and edition).
  ADD COLUMN options       jsonb NOT NULL DEFAULT '{}',
  ADD COLUMN finished_at   timestamptz;
-- Batches before this migration ran in their request and are all 'done'. From now on:
-- queued → running → done | failed.
ALTER TABLE import_batch
  ADD CONSTRAINT import_batch_status_check CHECK (status IN ('queued', 'running', 'done', 'failed'));
CREATE INDEX import_batch_user_idx ON import_batch (user_id, created_at DESC);

-- One staged row of an upload: its cells by header as read, then what validation and the commit made
-- of it. Kept until the batch is done (the report and the error workbook are built from it).
CREATE TABLE import_row (
  import_batch_id  integer NOT NULL REFERENCES import_batch(import_batch_id) ON DELETE CASCADE,
  row_no           integer NOT NULL,
  cells            jsonb NOT NULL,
  -- Columns whose cell held a number (digits may be lost) or bytes no encoding decodes.
  numeric_columns  text[] NOT NULL DEFAULT '{}',
  undecodable_columns text[] NOT NULL DEFAULT '{}',
  outcome          text CHECK (outcome IN ('accepted', 'updated', 'unchanged', 'valid', 'rejected')),
  issues           jsonb,
  PRIMARY KEY (import_batch_id, row_no)
);
CREATE INDEX import_row_rejected_idx ON import_row (import_batch_id, row_no) WHERE outcome = 'rejected';
