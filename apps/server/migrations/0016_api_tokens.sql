-- API tokens (接口令牌, issue 15 items 4 and 8): an institution's own software posts its cards (and later
-- its diagnosis reports) with `Authorization: Bearer ohp_…` instead of a browser session. Only the
-- SHA-256 of the secret is stored (the secret is shown once, at creation); the prefix identifies a token
-- on screen. Scopes are a subset of the integration permissions (packages/contracts/src/api-tokens.ts).
-- A token is never deleted: revoked ones stay listed, and audit entries keep naming them.
CREATE TABLE api_token (
  api_token_id     serial PRIMARY KEY,
  organisation_id  integer NOT NULL REFERENCES organisation(organisation_id),
  name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  scopes           text[] NOT NULL CHECK (cardinality(scopes) >= 1),
  -- 'ohp_' and the first characters of the secret: shown in the list, never enough to use the token.
  token_prefix     text NOT NULL,
  -- hex SHA-256 of the whole secret; the lookup key of every bearer request.
  secret_sha256    text NOT NULL UNIQUE CHECK (secret_sha256 ~ '^[0-9a-f]{64}$'),
  created_by       integer NOT NULL REFERENCES app_user(user_id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  expires_at       timestamptz NOT NULL,
  -- Written at most once a minute per token (platform/authz/api-token.ts), never once per request.
  last_used_at     timestamptz,
  last_used_ip     text,
  revoked_at       timestamptz,
  revoked_by       integer REFERENCES app_user(user_id),
  CHECK (expires_at > created_at),
  CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);
CREATE INDEX api_token_organisation_idx ON api_token (organisation_id, created_at DESC);
