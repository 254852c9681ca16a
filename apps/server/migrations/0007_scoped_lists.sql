-- Lists whose cost does not grow with the user's scope (issue 14, items 3 and 8).

-- 1. A page from an index that matches scope and order.
-- A region scope is a GB/T 2260 code prefix of 2 (province), 4 (city), 6 (county) or 9 (township)
-- digits. It used to be `region_code LIKE 'prefix%'`: a range over region_code, which an index can only
-- combine with the list's order when one code fills the range, so a county page walked the whole name
-- index filtering other counties out, or read the county and sorted it. The scope helper now writes it
-- as an equality on the prefix level, `left(region_code, n) = prefix` (the same rows for digit codes;
-- a 9-digit prefix is `region_code = code`), and each level has an index led by that equality and
-- followed by the default order (names by pinyin, then id), so a page of any scope is the first rows of
-- one index range, read forwards (name) or backwards (-name). The planner keeps statistics of index
-- expressions, so its estimate of a scope's size is right as well.
CREATE INDEX organisation_province_name_idx ON organisation (left(region_code, 2), name_sort, organisation_id);
CREATE INDEX organisation_city_name_idx ON organisation (left(region_code, 4), name_sort, organisation_id);
CREATE INDEX organisation_county_name_idx ON organisation (left(region_code, 6), name_sort, organisation_id);
-- (region_code text_pattern_ops, name_sort) of 0006 served the LIKE scope and is superseded; a township
-- (region_code = code) is found by organisation_region_idx and its few rows sorted.
DROP INDEX IF EXISTS organisation_region_name_sort_idx;

-- 2. Totals without counting the scope. The number of live organisations per region code and kind,
-- kept in the transaction that writes the rows by statement-level triggers (one per INSERT, UPDATE and
-- DELETE, each seeing the statement's rows as transition tables): a list filtered only by scope, kind and
-- region sums the few rows of its scope here instead of counting its organisations. Each statement adds
-- its per-(region, kind) differences in key order, so two writers lock counter rows in the same order
-- and cannot deadlock; writers of the same region and kind wait for each other's commit.
CREATE TABLE organisation_region_count (
  region_code  text NOT NULL,
  kind         text NOT NULL,
  n            bigint NOT NULL,
  PRIMARY KEY (region_code, kind)
);

CREATE FUNCTION organisation_region_count_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only the transition tables of the firing event exist: each branch names only those.
  IF TG_OP = 'INSERT' THEN
    INSERT INTO organisation_region_count AS c (region_code, kind, n)
    SELECT region_code, kind, count(*) FROM new_rows WHERE status = 'active'
     GROUP BY region_code, kind ORDER BY region_code, kind
    ON CONFLICT (region_code, kind) DO UPDATE SET n = c.n + excluded.n;
  ELSIF TG_OP = 'UPDATE' THEN
    -- Most updates move nothing (same region, kind and status): no counter row is touched then.
    INSERT INTO organisation_region_count AS c (region_code, kind, n)
    SELECT region_code, kind, sum(d) FROM (
             SELECT region_code, kind, 1 AS d FROM new_rows WHERE status = 'active'
             UNION ALL
             SELECT region_code, kind, -1 AS d FROM old_rows WHERE status = 'active') AS x
     GROUP BY region_code, kind HAVING sum(d) <> 0 ORDER BY region_code, kind
    ON CONFLICT (region_code, kind) DO UPDATE SET n = c.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO organisation_region_count AS c (region_code, kind, n)
    SELECT region_code, kind, -count(*) FROM old_rows WHERE status = 'active'
     GROUP BY region_code, kind ORDER BY region_code, kind
    ON CONFLICT (region_code, kind) DO UPDATE SET n = c.n + excluded.n;
  ELSIF TG_OP = 'TRUNCATE' THEN
    DELETE FROM organisation_region_count;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER organisation_region_count_insert AFTER INSERT ON organisation
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION organisation_region_count_apply();
CREATE TRIGGER organisation_region_count_update AFTER UPDATE ON organisation
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION organisation_region_count_apply();
CREATE TRIGGER organisation_region_count_delete AFTER DELETE ON organisation
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION organisation_region_count_apply();
CREATE TRIGGER organisation_region_count_truncate AFTER TRUNCATE ON organisation
  FOR EACH STATEMENT EXECUTE FUNCTION organisation_region_count_apply();

-- The triggers exist (and CREATE TRIGGER holds off other writers until this migration commits), so the
-- counts taken now stay right.
INSERT INTO organisation_region_count (region_code, kind, n)
SELECT region_code, kind, count(*) FROM organisation WHERE status = 'active' GROUP BY region_code, kind;

-- 3. The audit trail and the login log list newest first by time, then id. A date filter is then a
-- range of the time index read in the page's order; by id, the planner walked the primary key from the
-- newest entry back to an old date (it cannot know that ids and times rise together). The action and
-- actor filters of the audit trail read (action, at) and (actor_username, at) of 0001, the username
-- filter of the login log (lower(username), created_at) of 0001, each in order.
CREATE INDEX audit_log_at_idx ON audit_log (at, audit_log_id);
-- Replaces (created_at DESC): the same order with the id that breaks ties, read backwards.
CREATE INDEX login_log_created_id_idx ON login_log (created_at, login_log_id);
DROP INDEX IF EXISTS login_log_created_idx;
