-- Audit tamper-evidence (issue 11, item 5): a keyed chain with a gap-free sequence number.
--
-- chain_version 1 = the original unkeyed chain (SHA-256 of the previous hash and the row), kept for the
-- rows written before this migration: they are not touched (the table stays append-only; rewriting
-- them would need the trigger off) and keep verifying with the old rule. Their seq stays NULL; the
-- verifier numbers them 1..L in id order.
-- chain_version 2 = HMAC-SHA-256 with the audit key held outside the database (platform/audit.ts), over
-- the sequence number, the previous hash and the row. seq continues at L + 1 and is assigned as the
-- previous seq + 1 under the chain lock, so it has no gaps (bigserial ids do, on rollback): a missing
-- seq is a removed row.
ALTER TABLE audit_log ADD COLUMN seq bigint;
-- The default only labels the rows that exist now; every new row states its version.
ALTER TABLE audit_log ADD COLUMN chain_version smallint NOT NULL DEFAULT 1;
ALTER TABLE audit_log ALTER COLUMN chain_version DROP DEFAULT;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_chain_version_check
  CHECK ((chain_version = 1 AND seq IS NULL) OR (chain_version = 2 AND seq IS NOT NULL));
-- No index on seq: ids are drawn under the same lock, so the head is the row with the highest id (the
-- primary key probe the chain always used) and a write maintains no more indexes than before.
