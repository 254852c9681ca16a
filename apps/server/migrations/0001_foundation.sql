-- Foundation: organisations, roles, users, sessions, login log, captcha, audit trail.
-- Citus note: these are small administrative tables (reference tables in a distributed deployment).

CREATE TABLE organisation (
  organisation_id   serial PRIMARY KEY,
  name              text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  kind              text NOT NULL CHECK (kind IN ('health_commission','disease_control_bureau','qc_centre',
                      'support_institution','exam_institution','diagnosis_institution','service_institution',
                      'rehab_station','employer','platform_operator')),
  level             text NOT NULL CHECK (level IN ('province','city','county','township')),
  region_code       text NOT NULL CHECK (region_code ~ '^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9})$'),
  credit_code       text CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  is_public         boolean NOT NULL DEFAULT false,
  parent_id         integer REFERENCES organisation(organisation_id),
  supervisor_id     integer REFERENCES organisation(organisation_id),
  industry_code     text,
  employees         integer CHECK (employees >= 0),
  revenue_wan_yuan  numeric(16,2) CHECK (revenue_wan_yuan >= 0),
  enterprise_size   text,
  address           text,
  contact_name      text,
  contact_phone     text,
  status            text NOT NULL DEFAULT 'active' CHECK (status IN ('active','deleted')),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
-- One live organisation per credit code; deleted ones keep theirs for history.
CREATE UNIQUE INDEX organisation_credit_code_key ON organisation (credit_code) WHERE status = 'active';
-- Region-subtree scope is a prefix match: text_pattern_ops lets LIKE 'xx%' use the index.
CREATE INDEX organisation_region_idx ON organisation (region_code text_pattern_ops, kind);
CREATE INDEX organisation_name_idx ON organisation (name text_pattern_ops);
CREATE INDEX organisation_parent_idx ON organisation (parent_id);

CREATE TABLE role (
  role_key     text PRIMARY KEY CHECK (role_key ~ '^[a-z][a-z0-9_]{1,63}$'),
  name_zh      text NOT NULL,
  name_en      text NOT NULL,
  duty         text NOT NULL CHECK (duty IN ('business','system_admin','security_admin','audit_admin')),
  built_in     boolean NOT NULL DEFAULT false,
  permissions  text[] NOT NULL DEFAULT '{}',
  updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE app_user (
  user_id               serial PRIMARY KEY,
  username              text NOT NULL CHECK (username ~ '^[a-zA-Z0-9_.-]{3,64}$'),
  display_name          text NOT NULL,
  organisation_id       integer NOT NULL REFERENCES organisation(organisation_id),
  password_hash         text NOT NULL,
  password_changed_at   timestamptz NOT NULL DEFAULT now(),
  must_change_password  boolean NOT NULL DEFAULT true,
  status                text NOT NULL DEFAULT 'active' CHECK (status IN ('active','disabled')),
  totp_secret_enc       text,
  totp_enabled          boolean NOT NULL DEFAULT false,
  phone_enc             text,          -- AES-256-GCM (platform/crypto.ts); shown masked, revealed with audit
  email                 text,
  last_login_at         timestamptz,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX app_user_username_key ON app_user (lower(username));
CREATE INDEX app_user_organisation_idx ON app_user (organisation_id);

CREATE TABLE user_role (
  user_id   integer NOT NULL REFERENCES app_user(user_id),
  role_key  text NOT NULL REFERENCES role(role_key),
  PRIMARY KEY (user_id, role_key)
);

CREATE TABLE password_history (
  password_history_id  serial PRIMARY KEY,
  user_id              integer NOT NULL REFERENCES app_user(user_id),
  password_hash        text NOT NULL,
  created_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX password_history_user_idx ON password_history (user_id, created_at DESC);

-- Sessions: the cookie carries a random token; only its SHA-256 is stored.
CREATE TABLE user_session (
  session_id      text PRIMARY KEY,
  user_id         integer NOT NULL REFERENCES app_user(user_id),
  csrf_token      text NOT NULL,
  ip              text,
  user_agent      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  last_seen_at    timestamptz NOT NULL DEFAULT now(),
  revoked_at      timestamptz,
  revoked_reason  text
);
CREATE INDEX user_session_user_idx ON user_session (user_id) WHERE revoked_at IS NULL;

-- Every login attempt. Lockout and captcha thresholds are counted from here, per username, so an
-- unknown username behaves exactly like a known one (no account enumeration).
CREATE TABLE login_log (
  login_log_id  serial PRIMARY KEY,
  username      text NOT NULL,
  user_id       integer REFERENCES app_user(user_id),
  outcome       text NOT NULL,
  ip            text,
  user_agent    text,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_log_username_idx ON login_log (lower(username), created_at DESC);
CREATE INDEX login_log_created_idx ON login_log (created_at DESC);

CREATE TABLE captcha (
  captcha_id   text PRIMARY KEY,
  answer_hash  text NOT NULL,
  expires_at   timestamptz NOT NULL
);

-- The audit trail is append-only: a trigger refuses UPDATE, DELETE and TRUNCATE for every role,
-- including the application's. Each row carries the SHA-256 of its content and of the previous row.
CREATE TABLE audit_log (
  audit_log_id           bigserial PRIMARY KEY,
  at                     timestamptz NOT NULL DEFAULT now(),
  actor_user_id          integer,
  actor_username         text,
  actor_organisation_id  integer,
  ip                     text,
  request_id             text,
  action                 text NOT NULL,
  entity_type            text,
  entity_id              text,
  before                 jsonb,
  after                  jsonb,
  prev_hash              text NOT NULL,
  hash                   text NOT NULL
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id);
CREATE INDEX audit_log_action_idx ON audit_log (action, at DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_username, at DESC);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = '42501';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Settings an administrator may change at run time (seam for later modules).
CREATE TABLE app_setting (
  setting_key  text PRIMARY KEY,
  value        jsonb NOT NULL,
  updated_at   timestamptz NOT NULL DEFAULT now()
);

-- Imports: one row per uploaded batch; the idempotency key makes a retried upload a no-op.
CREATE TABLE import_batch (
  import_batch_id   serial PRIMARY KEY,
  kind              text NOT NULL,
  idempotency_key   text NOT NULL,
  organisation_id   integer REFERENCES organisation(organisation_id),
  user_id           integer REFERENCES app_user(user_id),
  file_name         text,
  status            text NOT NULL,
  report            jsonb,
  error_file        bytea,
  created_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, user_id, idempotency_key)
);
