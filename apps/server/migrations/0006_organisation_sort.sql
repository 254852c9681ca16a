-- Organisation list sorted by pinyin, and the exposed-staff count of 本单位信息 (issue 13).

-- Chinese names sort by their reading (阿 a, 北 bei, 长 chang, 重 chong), not by code point. PGlite has
-- no ICU, and a libc collation differs between servers, so the application computes a sort key
-- (modules/organisations/organisations.sort-key.ts: full pinyin, lower case, tone-less, syllables
-- separated by one space, two spaces, then the original name to break ties) and every writer stores it.
-- COLLATE "C" compares it byte by byte: the same order on PGlite and on every PostgreSQL server.
-- SQL cannot compute pinyin, so rows written before this migration keep NULL here until the server's
-- start-up backfills them (backfillOrganisationSortKeys, in batches, right after the migrations).
ALTER TABLE organisation ADD COLUMN name_sort text COLLATE "C";

-- A page by name: over a province the planner walks name_sort and filters; inside a county or city
-- prefix it reads the region range and sorts the few rows found.
CREATE INDEX organisation_name_sort_idx ON organisation (name_sort);
CREATE INDEX organisation_region_name_sort_idx ON organisation (region_code text_pattern_ops, name_sort);

-- Staff exposed to occupational-disease hazards (接害人数), kept by the organisation itself. The services
-- refuse more exposed staff than staff with a field reason; the constraint holds it against races.
ALTER TABLE organisation ADD COLUMN IF NOT EXISTS exposed_employees integer;
ALTER TABLE organisation ADD CONSTRAINT organisation_exposed_employees_check
  CHECK (exposed_employees >= 0 AND exposed_employees <= employees);
