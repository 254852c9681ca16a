-- Indicator summaries, coarse level (issue 18 item 7; docs/ARCHITECTURE.md § Indicator summaries).
--
-- indicator_count keeps one row per (measure, county, month, institution, dim): at 5,000,000 exam cards
-- ~65,000 rows for the three measures of the overview, and a province's overview summed them in
-- ~120 ms (docs/PERFORMANCE.md). indicator_rollup keeps the same counts without institution and dim —
-- (measure, county, month), ~4,300 rows for the same overview — and is read when a question groups by
-- region or month and filters on no dim (every figure of the dashboard).
--
-- * The triggers of 0045 are unchanged: a delta in indicator_delta counts for both levels. The merge job
--   (mergeDeltaRows) folds the same deleted deltas into indicator_count AND indicator_rollup in one
--   statement, so at every commit rollup = Σ count over (institution, dim), and a read of
--   rollup ∪ delta in one statement is as exact and fresh as a read of count ∪ delta.
-- * The verifier compares both levels with the facts (drift rows carry level 'rollup'); a repair
--   rebuilds both.

CREATE TABLE indicator_rollup (
  measure      text   NOT NULL,
  region_code  text   NOT NULL,          -- the county (6 digits), as in indicator_count
  month        date   NOT NULL,
  n            bigint NOT NULL,
  PRIMARY KEY (measure, region_code, month)
);
-- A city's and the province's rows (the scope helper's left(region_code, n) = prefix, as in 0045).
CREATE INDEX indicator_rollup_city_idx ON indicator_rollup (measure, left(region_code, 4), month);
CREATE INDEX indicator_rollup_province_idx ON indicator_rollup (measure, left(region_code, 2), month);

INSERT INTO indicator_rollup (measure, region_code, month, n)
SELECT measure, region_code, month, sum(n)
  FROM indicator_count
 GROUP BY 1, 2, 3
HAVING sum(n) <> 0;

-- A TRUNCATE of a fact table (0045's triggers drop that table's measures from count and delta) drops
-- them from the rollup too. TG_ARGV[0] = the measures' prefix.
CREATE FUNCTION indicator_rollup_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM indicator_rollup WHERE measure LIKE TG_ARGV[0] || '%';
  RETURN NULL;
END;
$$;

CREATE TRIGGER indicator_exam_card_rollup_truncate AFTER TRUNCATE ON exam_card
  FOR EACH STATEMENT EXECUTE FUNCTION indicator_rollup_truncate('exam.');
CREATE TRIGGER indicator_suspected_case_rollup_truncate AFTER TRUNCATE ON suspected_case
  FOR EACH STATEMENT EXECUTE FUNCTION indicator_rollup_truncate('suspected.');
CREATE TRIGGER indicator_diagnosis_report_rollup_truncate AFTER TRUNCATE ON diagnosis_report
  FOR EACH STATEMENT EXECUTE FUNCTION indicator_rollup_truncate('diagnosis.');
CREATE TRIGGER indicator_deadline_rollup_truncate AFTER TRUNCATE ON deadline
  FOR EACH STATEMENT EXECUTE FUNCTION indicator_rollup_truncate('deadline.');
