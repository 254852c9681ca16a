-- Ingest speed (issue 15 item 9): a keyed hash of the worker's details as last stored (name, phone,
-- sex, birth date), so that a card of a known worker with the same details is a read of the registry,
-- not a rewrite of the row (held locked until the chunk commits, which the other import jobs waited
-- for). Rows stored before this column have none: their first card refreshes them and sets it.
ALTER TABLE worker ADD COLUMN details_hash text;
