-- The partitions job runs as the server's database role. With two roles (README § PostgreSQL: an owner
-- that migrates, a runtime role that owns nothing) only the owner may create a partition of exam_card
-- and attach it, so exam_card_ensure_year (0048) runs with its owner's rights (SECURITY DEFINER), with
-- a fixed search path so that no object of the caller's choosing is found first. It does one thing —
-- create a calendar year's partition and move that year's cards out of the default partition — and
-- checks its only argument; the partitions it creates belong to the owner, as every table does, and
-- the runtime role reaches them through exam_card (its grants on the parent apply to the partitions).
-- On PGlite (one role) nothing changes.
ALTER FUNCTION exam_card_ensure_year(integer) SECURITY DEFINER SET search_path = public, pg_temp;
