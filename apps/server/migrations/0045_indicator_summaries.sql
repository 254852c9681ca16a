-- Indicator summaries (issue 18 item 2; docs/ARCHITECTURE.md § Indicator summaries): counts of the
-- high-volume facts (exam cards, suspected cases, diagnosis reports) per measure, county, month,
-- institution and one dimension, kept in the transaction that writes the facts, without a global lock.
--
-- * Every INSERT / UPDATE / DELETE statement on a fact table fires one statement-level AFTER trigger
--   that sees the statement's rows as transition tables (the pattern of 0007_scoped_lists.sql) and
--   APPENDS its per-key differences (Σ new − Σ old, zero differences left out) to indicator_delta.
--   Appending takes no row lock that another writer could hold: two batches of the same county and
--   month never wait for each other.
-- * The merge job (modules/indicator-summaries, mergeDeltas) folds the committed deltas into
--   indicator_count in one transaction: DELETE … RETURNING, then one INSERT … ON CONFLICT DO UPDATE in
--   key order. A delta is either in indicator_delta or in indicator_count, never both and never neither,
--   so a read that sums indicator_count UNION ALL indicator_delta in ONE statement is exact and fresh at
--   the writer's commit.
-- * The key of every fact is computed by one SQL function per fact table (indicator_*_keys), used by
--   the triggers, by the backfill below and by the verifier's recount from the facts (factCounts).

CREATE TABLE indicator_count (
  measure         text    NOT NULL,
  region_code     text    NOT NULL,          -- the employer's county (6 digits)
  month           date    NOT NULL,          -- first day of the month of the fact's period date
  institution_id  integer NOT NULL DEFAULT 0,
  dim             text    NOT NULL DEFAULT '',
  n               bigint  NOT NULL,
  PRIMARY KEY (measure, region_code, month, institution_id, dim)
);
-- A city's and the province's rows by month (the scope helper's left(region_code, n) = prefix); a
-- county is the primary key's (measure, region_code, month).
CREATE INDEX indicator_count_city_idx ON indicator_count (measure, left(region_code, 4), month);
CREATE INDEX indicator_count_province_idx ON indicator_count (measure, left(region_code, 2), month);

-- Insert-only: a statement's differences. Small (merged every minute): read by a sequential scan.
CREATE TABLE indicator_delta (
  delta_id        bigserial PRIMARY KEY,
  measure         text    NOT NULL,
  region_code     text    NOT NULL,
  month           date    NOT NULL,
  institution_id  integer NOT NULL DEFAULT 0,
  dim             text    NOT NULL DEFAULT '',
  d               bigint  NOT NULL
);

-- The verification runs (verifySummaries): the drift found (first 100 rows) and the total |drift|.
CREATE TABLE indicator_verification (
  indicator_verification_id  bigserial PRIMARY KEY,
  at                         timestamptz NOT NULL DEFAULT now(),
  repaired                   boolean NOT NULL DEFAULT false,
  total_abs_drift            bigint NOT NULL,
  result                     jsonb NOT NULL
);
CREATE INDEX indicator_verification_at_idx ON indicator_verification (at DESC);

-- Exposed-worker coverage (exam.workers): the distinct workers examined per employer, county and year
-- (pre-employment 01 and in-service 02 exams only), counted by reference: `cards` is the number of such
-- cards of the worker; the measure moves only when a count crosses 0 ↔ 1. The employer key is the
-- registered employer's id, or the card's credit code when it names no registered employer. Rows back at
-- 0 are harmless (0 and no row mean the same) and dropped by the merge job.
CREATE TABLE exam_worker_year (
  region_code   text     NOT NULL,
  employer_key  text     NOT NULL,
  year          smallint NOT NULL,
  worker_id     bigint   NOT NULL,
  cards         integer  NOT NULL,
  PRIMARY KEY (region_code, employer_key, year, worker_id)
);

-- Rule placeholders (docs/STANDARDS.md § Indicator summaries). No national day count exists for the
-- receipt of an exam card: a card is "on time" when received (created_at, China day) at most 15 days
-- after its report date — the province's setting to come. Changing a day count means rebuilding the
-- measure (verifySummaries with repair).
CREATE FUNCTION indicator_exam_on_time(created_at timestamptz, report_date date) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN (created_at AT TIME ZONE 'Asia/Shanghai')::date - report_date <= 15;
-- A suspected case resolved (diagnosed or excluded) at most 90 days after it was found (placeholder of
-- the deadline rule suspected_case_diagnosis).
CREATE FUNCTION indicator_suspected_in_time(found_on date, outcome_on date) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN outcome_on IS NOT NULL AND outcome_on - found_on <= 90;
-- A diagnosis report made at most 15 days after the diagnosis (deadline rule diagnosis_report_due).
CREATE FUNCTION indicator_diagnosis_on_time(diagnosis_date date, report_date date) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN report_date - diagnosis_date <= 15;

-- The keys one fact counts under (one row per measure it counts for).
CREATE FUNCTION indicator_exam_card_keys(
  p_region_code text, p_exam_date date, p_institution_id integer, p_exam_type_code text,
  p_created_at timestamptz, p_report_date date, p_has_suspected boolean)
  RETURNS TABLE (measure text, region_code text, month date, institution_id integer, dim text)
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT m.measure, $1, date_trunc('month', $2::timestamp)::date, $3, $4
    FROM (VALUES ('exam.cards', true),
                 ('exam.on_time', indicator_exam_on_time($5, $6)),
                 ('exam.suspected', $7)) AS m(measure, hit)
   WHERE m.hit
$$;

CREATE FUNCTION indicator_suspected_case_keys(
  p_region_code text, p_found_on date, p_institution_id integer, p_status text, p_outcome_on date)
  RETURNS TABLE (measure text, region_code text, month date, institution_id integer, dim text)
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT m.measure, $1, date_trunc('month', $2::timestamp)::date, $3, ''
    FROM (VALUES ('suspected.found', $4 <> 'withdrawn'),
                 ('suspected.resolved', $4 IN ('diagnosed', 'excluded')),
                 ('suspected.resolved_90d', $4 IN ('diagnosed', 'excluded')
                                            AND indicator_suspected_in_time($2, $5))) AS m(measure, hit)
   WHERE m.hit
$$;

CREATE FUNCTION indicator_diagnosis_report_keys(
  p_region_code text, p_diagnosis_date date, p_institution_id integer, p_conclusion text, p_report_date date)
  RETURNS TABLE (measure text, region_code text, month date, institution_id integer, dim text)
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT m.measure, $1, date_trunc('month', $2::timestamp)::date, $3, $4
    FROM (VALUES ('diagnosis.reports', true),
                 ('diagnosis.on_time', indicator_diagnosis_on_time($2, $5))) AS m(measure, hit)
   WHERE m.hit
$$;

-- The triggers. Only the transition tables of the firing event exist: each branch names only those.
-- An UPDATE that moves nothing (a review decision, a link) adds no delta row (HAVING sum <> 0); a
-- correction that moves a card (exam date, county, report date) adds −1 at the old key and +1 at the
-- new one. A TRUNCATE (no transition tables; takes the table exclusively) drops the measures' rows.
-- exam.workers: each statement's change of the (county, employer, year, worker) card counts is applied
-- to exam_worker_year in key order (two writers lock refcount rows in the same order); a count that
-- crosses 0 ↔ 1 moves the measure by ±1.
CREATE FUNCTION indicator_exam_card_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO indicator_delta (measure, region_code, month, institution_id, dim, d)
    SELECT k.measure, k.region_code, k.month, k.institution_id, k.dim, count(*)
      FROM new_rows r
     CROSS JOIN LATERAL indicator_exam_card_keys(r.region_code, r.exam_date, r.institution_id,
                          r.exam_type_code, r.created_at, r.report_date, r.has_suspected) k
     GROUP BY 1, 2, 3, 4, 5;
    WITH x AS (
      SELECT w.region_code, w.employer_key, w.year, w.worker_id, sum(w.s)::integer AS d
        FROM (SELECT r.region_code, coalesce(r.employer_id::text, r.employer_credit_code) AS employer_key,
                       extract(year FROM r.exam_date)::smallint AS year, r.worker_id, 1 AS s
                  FROM new_rows r WHERE r.exam_type_code IN ('01', '02')) AS w
       GROUP BY 1, 2, 3, 4 HAVING sum(w.s) <> 0),
    up AS (
      INSERT INTO exam_worker_year AS c (region_code, employer_key, year, worker_id, cards)
      SELECT region_code, employer_key, year, worker_id, d FROM x
       ORDER BY region_code, employer_key, year, worker_id
      ON CONFLICT (region_code, employer_key, year, worker_id) DO UPDATE SET cards = c.cards + excluded.cards
      RETURNING c.region_code, c.employer_key, c.year, c.worker_id, c.cards)
    INSERT INTO indicator_delta (measure, region_code, month, institution_id, dim, d)
    SELECT 'exam.workers', region_code, make_date(year, 1, 1), 0, employer_key, sum(step)
      FROM (SELECT up.region_code, up.employer_key, up.year,
                   CASE WHEN up.cards > 0 AND up.cards - x.d <= 0 THEN 1
                        WHEN up.cards <= 0 AND up.cards - x.d > 0 THEN -1 ELSE 0 END AS step
              FROM up JOIN x USING (region_code, employer_key, year, worker_id)) AS crossed
     GROUP BY 1, 2, 3, 4, 5 HAVING sum(step) <> 0;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO indicator_delta (measure, region_code, month, institution_id, dim, d)
    SELECT x.measure, x.region_code, x.month, x.institution_id, x.dim, sum(x.s)
      FROM (SELECT k.*, 1 AS s FROM new_rows r CROSS JOIN LATERAL indicator_exam_card_keys(
                   r.region_code, r.exam_date, r.institution_id, r.exam_type_code, r.created_at,
                   r.report_date, r.has_suspected) k
            UNION ALL
            SELECT k.*, -1 AS s FROM old_rows o CROSS JOIN LATERAL indicator_exam_card_keys(
                   o.region_code, o.exam_date, o.institution_id, o.exam_type_code, o.created_at,
                   o.report_date, o.has_suspected) k) AS x
     GROUP BY 1, 2, 3, 4, 5 HAVING sum(x.s) <> 0;
    WITH x AS (
      SELECT w.region_code, w.employer_key, w.year, w.worker_id, sum(w.s)::integer AS d
        FROM (SELECT r.region_code, coalesce(r.employer_id::text, r.employer_credit_code) AS employer_key,
                       extract(year FROM r.exam_date)::smallint AS year, r.worker_id, 1 AS s
                  FROM new_rows r WHERE r.exam_type_code IN ('01', '02')
                UNION ALL
                SELECT o.region_code, coalesce(o.employer_id::text, o.employer_credit_code) AS employer_key,
                       extract(year FROM o.exam_date)::smallint AS year, o.worker_id, -1 AS s
                  FROM old_rows o WHERE o.exam_type_code IN ('01', '02')) AS w
       GROUP BY 1, 2, 3, 4 HAVING sum(w.s) <> 0),
    up AS (
      INSERT INTO exam_worker_year AS c (region_code, employer_key, year, worker_id, cards)
      SELECT region_code, employer_key, year, worker_id, d FROM x
       ORDER BY region_code, employer_key, year, worker_id
      ON CONFLICT (region_code, employer_key, year, worker_id) DO UPDATE SET cards = c.cards + excluded.cards
      RETURNING c.region_code, c.employer_key, c.year, c.worker_id, c.cards)
    INSERT INTO indicator_delta (measure, region_code, month, institution_id, dim, d)
    SELECT 'exam.workers', region_code, make_date(year, 1, 1), 0, employer_key, sum(step)
      FROM (SELECT up.region_code, up.employer_key, up.year,
                   CASE WHEN up.cards > 0 AND up.cards - x.d <= 0 THEN 1
                        WHEN up.cards <= 0 AND up.cards - x.d > 0 THEN -1 ELSE 0 END AS step
              FROM up JOIN x USING (region_code, employer_key, year, worker_id)) AS crossed
     GROUP BY 1, 2, 3, 4, 5 HAVING sum(step) <> 0;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO indicator_delta (measure, region_code, month, institution_id, dim, d)
    SELECT k.measure, k.region_code, k.month, k.institution_id, k.dim, -count(*)
      FROM old_rows r
     CROSS JOIN LATERAL indicator_exam_card_keys(r.region_code, r.exam_date, r.institution_id,
                          r.exam_type_code, r.created_at, r.report_date, r.has_suspected) k
     GROUP BY 1, 2, 3, 4, 5;
    WITH x AS (
      SELECT w.region_code, w.employer_key, w.year, w.worker_id, sum(w.s)::integer AS d
        FROM (SELECT o.region_code, coalesce(o.employer_id::text, o.employer_credit_code) AS employer_key,
                       extract(year FROM o.exam_date)::smallint AS year, o.worker_id, -1 AS s
                  FROM old_rows o WHERE o.exam_type_code IN ('01', '02')) AS w
       GROUP BY 1, 2, 3, 4 HAVING sum(w.s) <> 0),
    up AS (
      INSERT INTO exam_worker_year AS c (region_code, employer_key, year, worker_id, cards)
      SELECT region_code, employer_key, year, worker_id, d FROM x
       ORDER BY region_code, employer_key, year, worker_id
      ON CONFLICT (region_code, employer_key, year, worker_id) DO UPDATE SET cards = c.cards + excluded.cards
      RETURNING c.region_code, c.employer_key, c.year, c.worker_id, c.cards)
    INSERT INTO indicator_delta (measure, region_code, month, institution_id, dim, d)
    SELECT 'exam.workers', region_code, make_date(year, 1, 1), 0, employer_key, sum(step)
      FROM (SELECT up.region_code, up.employer_key, up.year,
                   CASE WHEN up.cards > 0 AND up.cards - x.d <= 0 THEN 1
                        WHEN up.cards <= 0 AND up.cards - x.d > 0 THEN -1 ELSE 0 END AS step
              FROM up JOIN x USING (region_code, employer_key, year, worker_id)) AS crossed
     GROUP BY 1, 2, 3, 4, 5 HAVING sum(step) <> 0;
  ELSIF TG_OP = 'TRUNCATE' THEN
    DELETE FROM indicator_count WHERE measure LIKE 'exam.%';
    DELETE FROM indicator_delta WHERE measure LIKE 'exam.%';
    DELETE FROM exam_worker_year;
  END IF;
  RETURN NULL;
END;
$$;

CREATE FUNCTION indicator_suspected_case_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO indicator_delta (measure, region_code, month, institution_id, dim, d)
    SELECT k.measure, k.region_code, k.month, k.institution_id, k.dim, count(*)
      FROM new_rows r
     CROSS JOIN LATERAL indicator_suspected_case_keys(r.region_code, r.found_on, r.institution_id,
                          r.status, r.outcome_on) k
     GROUP BY 1, 2, 3, 4, 5;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO indicator_delta (measure, region_code, month, institution_id, dim, d)
    SELECT x.measure, x.region_code, x.month, x.institution_id, x.dim, sum(x.s)
      FROM (SELECT k.*, 1 AS s FROM new_rows r CROSS JOIN LATERAL indicator_suspected_case_keys(
                   r.region_code, r.found_on, r.institution_id, r.status, r.outcome_on) k
            UNION ALL
            SELECT k.*, -1 AS s FROM old_rows o CROSS JOIN LATERAL indicator_suspected_case_keys(
                   o.region_code, o.found_on, o.institution_id, o.status, o.outcome_on) k) AS x
     GROUP BY 1, 2, 3, 4, 5 HAVING sum(x.s) <> 0;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO indicator_delta (measure, region_code, month, institution_id, dim, d)
    SELECT k.measure, k.region_code, k.month, k.institution_id, k.dim, -count(*)
      FROM old_rows r
     CROSS JOIN LATERAL indicator_suspected_case_keys(r.region_code, r.found_on, r.institution_id,
                          r.status, r.outcome_on) k
     GROUP BY 1, 2, 3, 4, 5;
  ELSIF TG_OP = 'TRUNCATE' THEN
    DELETE FROM indicator_count WHERE measure LIKE 'suspected.%';
    DELETE FROM indicator_delta WHERE measure LIKE 'suspected.%';
  END IF;
  RETURN NULL;
END;
$$;

CREATE FUNCTION indicator_diagnosis_report_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO indicator_delta (measure, region_code, month, institution_id, dim, d)
    SELECT k.measure, k.region_code, k.month, k.institution_id, k.dim, count(*)
      FROM new_rows r
     CROSS JOIN LATERAL indicator_diagnosis_report_keys(r.region_code, r.diagnosis_date,
                          r.institution_id, r.conclusion, r.report_date) k
     GROUP BY 1, 2, 3, 4, 5;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO indicator_delta (measure, region_code, month, institution_id, dim, d)
    SELECT x.measure, x.region_code, x.month, x.institution_id, x.dim, sum(x.s)
      FROM (SELECT k.*, 1 AS s FROM new_rows r CROSS JOIN LATERAL indicator_diagnosis_report_keys(
                   r.region_code, r.diagnosis_date, r.institution_id, r.conclusion, r.report_date) k
            UNION ALL
            SELECT k.*, -1 AS s FROM old_rows o CROSS JOIN LATERAL indicator_diagnosis_report_keys(
                   o.region_code, o.diagnosis_date, o.institution_id, o.conclusion, o.report_date) k) AS x
     GROUP BY 1, 2, 3, 4, 5 HAVING sum(x.s) <> 0;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO indicator_delta (measure, region_code, month, institution_id, dim, d)
    SELECT k.measure, k.region_code, k.month, k.institution_id, k.dim, -count(*)
      FROM old_rows r
     CROSS JOIN LATERAL indicator_diagnosis_report_keys(r.region_code, r.diagnosis_date,
                          r.institution_id, r.conclusion, r.report_date) k
     GROUP BY 1, 2, 3, 4, 5;
  ELSIF TG_OP = 'TRUNCATE' THEN
    DELETE FROM indicator_count WHERE measure LIKE 'diagnosis.%';
    DELETE FROM indicator_delta WHERE measure LIKE 'diagnosis.%';
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER indicator_exam_card_insert AFTER INSERT ON exam_card
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_exam_card_apply();
CREATE TRIGGER indicator_exam_card_update AFTER UPDATE ON exam_card
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION indicator_exam_card_apply();
CREATE TRIGGER indicator_exam_card_delete AFTER DELETE ON exam_card
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_exam_card_apply();
CREATE TRIGGER indicator_exam_card_truncate AFTER TRUNCATE ON exam_card
  FOR EACH STATEMENT EXECUTE FUNCTION indicator_exam_card_apply();

CREATE TRIGGER indicator_suspected_case_insert AFTER INSERT ON suspected_case
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_suspected_case_apply();
CREATE TRIGGER indicator_suspected_case_update AFTER UPDATE ON suspected_case
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION indicator_suspected_case_apply();
-- Also fired by the cascade from a deleted exam card (the XML Delete of a card with a suspected case).
CREATE TRIGGER indicator_suspected_case_delete AFTER DELETE ON suspected_case
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_suspected_case_apply();
CREATE TRIGGER indicator_suspected_case_truncate AFTER TRUNCATE ON suspected_case
  FOR EACH STATEMENT EXECUTE FUNCTION indicator_suspected_case_apply();

CREATE TRIGGER indicator_diagnosis_report_insert AFTER INSERT ON diagnosis_report
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_diagnosis_report_apply();
CREATE TRIGGER indicator_diagnosis_report_update AFTER UPDATE ON diagnosis_report
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION indicator_diagnosis_report_apply();
CREATE TRIGGER indicator_diagnosis_report_delete AFTER DELETE ON diagnosis_report
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_diagnosis_report_apply();
CREATE TRIGGER indicator_diagnosis_report_truncate AFTER TRUNCATE ON diagnosis_report
  FOR EACH STATEMENT EXECUTE FUNCTION indicator_diagnosis_report_apply();

-- Backfill: the triggers exist (CREATE TRIGGER holds off other writers of the table until this
-- migration commits), so the counts taken now stay right.
INSERT INTO indicator_count (measure, region_code, month, institution_id, dim, n)
SELECT k.measure, k.region_code, k.month, k.institution_id, k.dim, count(*)
  FROM exam_card r
 CROSS JOIN LATERAL indicator_exam_card_keys(r.region_code, r.exam_date, r.institution_id,
                      r.exam_type_code, r.created_at, r.report_date, r.has_suspected) k
 GROUP BY 1, 2, 3, 4, 5;
INSERT INTO exam_worker_year (region_code, employer_key, year, worker_id, cards)
SELECT region_code, coalesce(employer_id::text, employer_credit_code), extract(year FROM exam_date)::smallint,
       worker_id, count(*)
  FROM exam_card WHERE exam_type_code IN ('01', '02')
 GROUP BY 1, 2, 3, 4;
INSERT INTO indicator_count (measure, region_code, month, institution_id, dim, n)
SELECT 'exam.workers', region_code, make_date(year, 1, 1), 0, employer_key, count(*)
  FROM exam_worker_year GROUP BY 1, 2, 3, 4, 5;
INSERT INTO indicator_count (measure, region_code, month, institution_id, dim, n)
SELECT k.measure, k.region_code, k.month, k.institution_id, k.dim, count(*)
  FROM suspected_case r
 CROSS JOIN LATERAL indicator_suspected_case_keys(r.region_code, r.found_on, r.institution_id,
                      r.status, r.outcome_on) k
 GROUP BY 1, 2, 3, 4, 5;
INSERT INTO indicator_count (measure, region_code, month, institution_id, dim, n)
SELECT k.measure, k.region_code, k.month, k.institution_id, k.dim, count(*)
  FROM diagnosis_report r
 CROSS JOIN LATERAL indicator_diagnosis_report_keys(r.region_code, r.diagnosis_date,
                      r.institution_id, r.conclusion, r.report_date) k
 GROUP BY 1, 2, 3, 4, 5;

-- Open clocks per regulator region, kind and due day (issue 18 item 4, to-dos and warnings per region),
-- measure deadline.open: open = done_at IS NULL (modules/deadlines); region_code = the regulator region
-- (2–9 digits), month = the DUE DAY (not a first of month), dim = the kind. Overdue on day D = Σ due_on
-- < D, due soon = Σ D ≤ due_on ≤ D + n: time-driven states need no write. Appended to indicator_delta
-- like the other measures, so a batch that opens clocks never waits for another batch of its county.
CREATE FUNCTION indicator_deadline_keys(p_region_code text, p_kind text, p_due_on date, p_done_at timestamptz)
  RETURNS TABLE (measure text, region_code text, month date, institution_id integer, dim text)
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT 'deadline.open', $1, $3, 0, $2 WHERE $4 IS NULL
$$;

CREATE FUNCTION indicator_deadline_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO indicator_delta (measure, region_code, month, institution_id, dim, d)
    SELECT k.measure, k.region_code, k.month, k.institution_id, k.dim, count(*)
      FROM new_rows r
     CROSS JOIN LATERAL indicator_deadline_keys(r.regulator_region_code, r.kind, r.due_on, r.done_at) k
     GROUP BY 1, 2, 3, 4, 5;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO indicator_delta (measure, region_code, month, institution_id, dim, d)
    SELECT x.measure, x.region_code, x.month, x.institution_id, x.dim, sum(x.s)
      FROM (SELECT k.*, 1 AS s FROM new_rows r
             CROSS JOIN LATERAL indicator_deadline_keys(r.regulator_region_code, r.kind, r.due_on, r.done_at) k
            UNION ALL
            SELECT k.*, -1 AS s FROM old_rows o
             CROSS JOIN LATERAL indicator_deadline_keys(o.regulator_region_code, o.kind, o.due_on, o.done_at) k) AS x
     GROUP BY 1, 2, 3, 4, 5 HAVING sum(x.s) <> 0;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO indicator_delta (measure, region_code, month, institution_id, dim, d)
    SELECT k.measure, k.region_code, k.month, k.institution_id, k.dim, -count(*)
      FROM old_rows r
     CROSS JOIN LATERAL indicator_deadline_keys(r.regulator_region_code, r.kind, r.due_on, r.done_at) k
     GROUP BY 1, 2, 3, 4, 5;
  ELSIF TG_OP = 'TRUNCATE' THEN
    DELETE FROM indicator_count WHERE measure LIKE 'deadline.%';
    DELETE FROM indicator_delta WHERE measure LIKE 'deadline.%';
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER indicator_deadline_insert AFTER INSERT ON deadline
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_deadline_apply();
CREATE TRIGGER indicator_deadline_update AFTER UPDATE ON deadline
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION indicator_deadline_apply();
CREATE TRIGGER indicator_deadline_delete AFTER DELETE ON deadline
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_deadline_apply();
CREATE TRIGGER indicator_deadline_truncate AFTER TRUNCATE ON deadline
  FOR EACH STATEMENT EXECUTE FUNCTION indicator_deadline_apply();

INSERT INTO indicator_count (measure, region_code, month, institution_id, dim, n)
SELECT k.measure, k.region_code, k.month, k.institution_id, k.dim, count(*)
  FROM deadline r
 CROSS JOIN LATERAL indicator_deadline_keys(r.regulator_region_code, r.kind, r.due_on, r.done_at) k
 GROUP BY 1, 2, 3, 4, 5;
