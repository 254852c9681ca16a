-- The national working-day calendar as data (issue 16 item 1): statutory holidays and 调休 make-up
-- workdays, one row per date. The shipped arrangement (@ohp/reference, State Council notices) is copied in
-- at start-up, once per year (working_calendar_shipped_year), so an administrator's change or deletion of
-- a shipped day is never undone by a later start; administrators add later years (2027 …) by hand or by
-- import. A year with at least one holiday row counts as entered; other years fall back to Monday–Friday
-- and every answer about them says `provisional` (modules/calendar).
CREATE TABLE working_calendar_day (
  day             date PRIMARY KEY,
  kind            text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name            text NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 50),
  name_en         text CHECK (name_en IS NULL OR length(name_en) <= 100),
  -- The notice the entry comes from (URL or document number); required, as for every rule's source.
  source          text NOT NULL CHECK (btrim(source) <> '' AND length(source) <= 500),
  note            text CHECK (note IS NULL OR length(note) <= 500),
  origin          text NOT NULL CHECK (origin IN ('shipped', 'admin')),
  import_batch_id integer REFERENCES import_batch(import_batch_id) ON DELETE SET NULL,
  created_by      integer REFERENCES app_user(user_id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_by      integer REFERENCES app_user(user_id),
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Years whose shipped arrangement has been copied into working_calendar_day (never copied twice).
CREATE TABLE working_calendar_shipped_year (
  year       integer PRIMARY KEY CHECK (year BETWEEN 1949 AND 2200),
  source     text NOT NULL,
  loaded_at  timestamptz NOT NULL DEFAULT now()
);
