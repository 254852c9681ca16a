-- An upload made with an API token (migration 0016) is audited in the token's name, also by its job:
-- the job runs later, outside the request, and reloads the uploader (the token's creator) by id.
ALTER TABLE import_batch ADD COLUMN api_token_id integer REFERENCES api_token(api_token_id) ON DELETE SET NULL;
ALTER TABLE import_batch ADD COLUMN actor_name text;
