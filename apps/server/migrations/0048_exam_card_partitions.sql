-- Exam cards partitioned by the year of the exam (issue 18 item 6; docs/ARCHITECTURE.md § Partitions).
--
-- exam_card is the one fact table that grows by millions of rows a year in a province. It becomes a
-- PostgreSQL declarative partitioned table, PARTITION BY RANGE (exam_date), one partition per calendar
-- year (exam_card_y2026 …) and a DEFAULT partition (exam_card_default) for a date no year partition
-- covers. A year's cards then live in their own table and indexes: a year's figures and lists read one
-- partition (pruning), an old year can be detached and archived whole, and VACUUM / index builds work
-- a year at a time. The partitions of the current and the next year are created ahead by the job
-- exam_cards.partitions (daily; modules/exam-reports), which calls exam_card_ensure_year below.
--
-- A unique constraint of a partitioned table must include the partition key, and a foreign key can
-- only point at a unique constraint — so neither "one card per (institution, record ID)" nor the
-- references to a card by its id (versions, conclusions, reviews, suspected cases, sample draws,
-- re-exams) could stay on exam_card itself. They move to exam_card_key (exam_card_id, institution_id,
-- record_id), an ordinary table with one row per card:
--   * UNIQUE (institution_id, record_id) there is the national record's identity (the ingestion door
--     inserts the key first, ON CONFLICT DO NOTHING, then the card with that id);
--   * the dependants' foreign keys point at exam_card_key (ON DELETE CASCADE as before);
--   * statement-level triggers on exam_card keep it in step for every writer: an INSERT adds the keys
--     the writer did not add itself, a DELETE removes them (cascading to the dependants, as the delete of
--     a card did), a TRUNCATE empties it; institution_id and record_id cannot be updated;
--   * exam_card.exam_card_id references exam_card_key DEFERRABLE INITIALLY DEFERRED (checked at commit:
--     no card without its key) ON DELETE CASCADE (deleting a key deletes its card).
-- A correction that moves a card to another year (exam_date) is a cross-partition UPDATE: PostgreSQL
-- moves the row and reports it to the statement's UPDATE triggers (the summaries' transition tables),
-- not as a DELETE — the key and the dependants stay.
--
-- The copy below is a plain INSERT … SELECT before the new table has its triggers: the summaries
-- (0045, 0047) already count these cards.

-- 1. The key table, filled from the cards.
CREATE TABLE exam_card_key (
  exam_card_id    bigint  PRIMARY KEY,
  institution_id  integer NOT NULL,
  record_id       text    NOT NULL,
  UNIQUE (institution_id, record_id)
);
INSERT INTO exam_card_key (exam_card_id, institution_id, record_id)
SELECT exam_card_id, institution_id, record_id FROM exam_card;

-- 2. The dependants reference the key (same names, same actions).
ALTER TABLE exam_card_version DROP CONSTRAINT exam_card_version_exam_card_id_fkey,
  ADD CONSTRAINT exam_card_version_exam_card_id_fkey FOREIGN KEY (exam_card_id)
      REFERENCES exam_card_key (exam_card_id) ON DELETE CASCADE;
ALTER TABLE exam_conclusion DROP CONSTRAINT exam_conclusion_exam_card_id_fkey,
  ADD CONSTRAINT exam_conclusion_exam_card_id_fkey FOREIGN KEY (exam_card_id)
      REFERENCES exam_card_key (exam_card_id) ON DELETE CASCADE;
ALTER TABLE exam_card_review DROP CONSTRAINT exam_card_review_exam_card_id_fkey,
  ADD CONSTRAINT exam_card_review_exam_card_id_fkey FOREIGN KEY (exam_card_id)
      REFERENCES exam_card_key (exam_card_id) ON DELETE CASCADE;
ALTER TABLE suspected_case DROP CONSTRAINT suspected_case_exam_card_id_fkey,
  ADD CONSTRAINT suspected_case_exam_card_id_fkey FOREIGN KEY (exam_card_id)
      REFERENCES exam_card_key (exam_card_id) ON DELETE CASCADE;
ALTER TABLE exam_sample_card DROP CONSTRAINT exam_sample_card_exam_card_id_fkey,
  ADD CONSTRAINT exam_sample_card_exam_card_id_fkey FOREIGN KEY (exam_card_id)
      REFERENCES exam_card_key (exam_card_id);

-- 3. The old table steps aside (its triggers go with it when it is dropped below); the sequence stays.
ALTER TABLE exam_card RENAME TO exam_card_unpartitioned;
ALTER INDEX exam_card_pkey RENAME TO exam_card_unpartitioned_pkey;
ALTER SEQUENCE exam_card_exam_card_id_seq OWNED BY NONE;

-- The partitioned table (the columns of 0010, in the same order).
CREATE TABLE exam_card (
  exam_card_id           bigint NOT NULL DEFAULT nextval('exam_card_exam_card_id_seq'),
  institution_id         integer NOT NULL REFERENCES organisation(organisation_id),
  record_id              text NOT NULL,
  exam_no                text,
  version                integer NOT NULL DEFAULT 1,
  content_hash           text NOT NULL,
  audit_status           text NOT NULL DEFAULT '02',
  worker_id              bigint NOT NULL REFERENCES worker(worker_id),
  employer_id            integer REFERENCES organisation(organisation_id),
  employer_credit_code   text NOT NULL,
  employer_name          text NOT NULL,
  employing_credit_code  text NOT NULL,
  employing_name         text NOT NULL,
  region_code            text NOT NULL CHECK (region_code ~ '^\d{6}$'),
  exam_date              date NOT NULL,
  exam_type_code         text NOT NULL,
  monitoring_type_code   text NOT NULL,
  is_reexam              boolean NOT NULL DEFAULT false,
  reexam_of_card_id      bigint REFERENCES exam_card_key(exam_card_id),
  work_type_code         text NOT NULL,
  contact_factor_codes   text[] NOT NULL,
  has_suspected          boolean NOT NULL DEFAULT false,
  has_contraindication   boolean NOT NULL DEFAULT false,
  report_date            date NOT NULL,
  chief_physician        text,
  card                   jsonb NOT NULL,
  import_batch_id        integer REFERENCES import_batch(import_batch_id),
  source                 text NOT NULL CHECK (source IN ('xml', 'api', 'upload', 'cli', 'demo')),
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (exam_card_id, exam_date),
  CONSTRAINT exam_card_key_fkey FOREIGN KEY (exam_card_id) REFERENCES exam_card_key (exam_card_id)
    ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
) PARTITION BY RANGE (exam_date);
ALTER SEQUENCE exam_card_exam_card_id_seq OWNED BY exam_card.exam_card_id;

CREATE TABLE exam_card_default PARTITION OF exam_card DEFAULT;

-- 4. A year's partition: created once; the default partition's cards of that year move into it (a
-- DELETE / INSERT on the partitions themselves, so no statement trigger of exam_card fires: the facts
-- do not change). Returns whether it created the partition. Called here and by the job.
CREATE FUNCTION exam_card_ensure_year(y integer) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  part text := format('exam_card_y%s', y);
  lo date;
  hi date;
BEGIN
  IF y < 1900 OR y > 9998 THEN
    RAISE EXCEPTION 'exam_card_ensure_year: year % out of range', y;
  END IF;
  IF to_regclass(part) IS NOT NULL THEN
    RETURN false;
  END IF;
  lo := make_date(y, 1, 1);
  hi := make_date(y + 1, 1, 1);
  EXECUTE format('CREATE TABLE %I (LIKE exam_card INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part);
  EXECUTE format('WITH moved AS (DELETE FROM exam_card_default WHERE exam_date >= %L AND exam_date < %L RETURNING *)
                  INSERT INTO %I SELECT * FROM moved', lo, hi, part);
  EXECUTE format('ALTER TABLE exam_card ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', part, lo, hi);
  RETURN true;
END;
$$;

-- The years of the cards held today (2000 on; an earlier date stays in the default partition), and the
-- current and next year (China).
SELECT exam_card_ensure_year(y)
  FROM generate_series(
         least(coalesce((SELECT extract(year FROM min(exam_date))::int FROM exam_card_unpartitioned
                          WHERE exam_date >= '2000-01-01'),
                        extract(year FROM now() AT TIME ZONE 'Asia/Shanghai')::int),
               extract(year FROM now() AT TIME ZONE 'Asia/Shanghai')::int),
         greatest(coalesce((SELECT extract(year FROM max(exam_date))::int FROM exam_card_unpartitioned
                             WHERE exam_date < '2200-01-01'), 0),
                  extract(year FROM now() AT TIME ZONE 'Asia/Shanghai')::int + 1)) AS y;

-- Before the triggers: the summaries already count these cards, the keys are in exam_card_key.
INSERT INTO exam_card SELECT * FROM exam_card_unpartitioned;
DROP TABLE exam_card_unpartitioned;

-- 5. The indexes of 0010 and 0011, on every partition; and the record's lookup (lockCards, re-exam
-- links), unique on exam_card_key.
CREATE INDEX exam_card_record_idx ON exam_card (institution_id, record_id);
CREATE INDEX exam_card_province_date_idx ON exam_card (left(region_code, 2), exam_date DESC, exam_card_id DESC);
CREATE INDEX exam_card_city_date_idx ON exam_card (left(region_code, 4), exam_date DESC, exam_card_id DESC);
CREATE INDEX exam_card_county_date_idx ON exam_card (region_code, exam_date DESC, exam_card_id DESC);
CREATE INDEX exam_card_institution_date_idx ON exam_card (institution_id, exam_date DESC, exam_card_id DESC);
CREATE INDEX exam_card_worker_idx ON exam_card (worker_id, exam_date DESC);
CREATE INDEX exam_card_employer_idx ON exam_card (employer_credit_code, exam_date DESC);
CREATE INDEX exam_card_suspected_idx ON exam_card (region_code, exam_date) WHERE has_suspected;
CREATE INDEX exam_card_status_county_idx ON exam_card (audit_status, region_code, exam_date, exam_card_id);
CREATE INDEX exam_card_status_city_idx ON exam_card (audit_status, left(region_code, 4), exam_date, exam_card_id);
CREATE INDEX exam_card_status_province_idx ON exam_card (audit_status, left(region_code, 2), exam_date, exam_card_id);

-- 6. The key's triggers.
CREATE FUNCTION exam_card_key_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- The ingestion door inserted its keys already (no-op for those); a raw INSERT gets them here. A
    -- second card of an existing (institution, record ID) fails on the key's unique constraint.
    INSERT INTO exam_card_key (exam_card_id, institution_id, record_id)
    SELECT exam_card_id, institution_id, record_id FROM new_rows
    ON CONFLICT (exam_card_id) DO NOTHING;
  ELSIF TG_OP = 'DELETE' THEN
    DELETE FROM exam_card_key k USING old_rows o WHERE k.exam_card_id = o.exam_card_id;
  ELSIF TG_OP = 'TRUNCATE' THEN
    DELETE FROM exam_card_key;
  END IF;
  RETURN NULL;
END;
$$;

CREATE FUNCTION exam_card_key_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'exam_card: institution_id and record_id identify the card and cannot change'
    USING ERRCODE = 'check_violation';
END;
$$;

CREATE TRIGGER exam_card_key_insert AFTER INSERT ON exam_card
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exam_card_key_apply();
CREATE TRIGGER exam_card_key_delete AFTER DELETE ON exam_card
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION exam_card_key_apply();
CREATE TRIGGER exam_card_key_truncate AFTER TRUNCATE ON exam_card
  FOR EACH STATEMENT EXECUTE FUNCTION exam_card_key_apply();
CREATE TRIGGER exam_card_key_frozen BEFORE UPDATE OF institution_id, record_id ON exam_card
  FOR EACH ROW WHEN (OLD.institution_id IS DISTINCT FROM NEW.institution_id OR OLD.record_id IS DISTINCT FROM NEW.record_id)
  EXECUTE FUNCTION exam_card_key_frozen();

-- 7. The summaries' triggers (0045, 0047), as they were on the old table.
CREATE TRIGGER indicator_exam_card_insert AFTER INSERT ON exam_card
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_exam_card_apply();
CREATE TRIGGER indicator_exam_card_update AFTER UPDATE ON exam_card
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION indicator_exam_card_apply();
CREATE TRIGGER indicator_exam_card_delete AFTER DELETE ON exam_card
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_exam_card_apply();
CREATE TRIGGER indicator_exam_card_truncate AFTER TRUNCATE ON exam_card
  FOR EACH STATEMENT EXECUTE FUNCTION indicator_exam_card_apply();
CREATE TRIGGER indicator_exam_card_rollup_truncate AFTER TRUNCATE ON exam_card
  FOR EACH STATEMENT EXECUTE FUNCTION indicator_rollup_truncate('exam.');
