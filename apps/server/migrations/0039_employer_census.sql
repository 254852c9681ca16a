-- 用人单位数据库 (the coverage database of potential employers, issue 17 item 4; R28, R29; seed 002,
-- 黑龙江省职业病危害项目申报扩面行动 (2024-2025年) 三(一)). Regulators import lists of employers that may
-- have hazards from other departments (each list with its source label); every listed employer becomes
-- one census_entry (an employer listed by several departments keeps one entry with several sources),
-- matched to the known employers (organisation kind 'employer') by credit code, then by normalised name
-- within its county; uncertain matches wait for review. The entry's status: declared / not declared are
-- derived from accepted declarations; not applicable / closed / relocated are set (through the employers
-- module for a linked entry). Half-yearly snapshots freeze a city's entries; door-to-door follow-ups
-- (入户指导) are assigned to county staff.

-- One uploaded list (one import batch that was not a dry run).
CREATE TABLE census_list (
  census_list_id   serial PRIMARY KEY,
  import_batch_id  integer NOT NULL UNIQUE REFERENCES import_batch(import_batch_id),
  -- The uploader's region (scope of the list itself).
  region_code      text NOT NULL CHECK (region_code ~ '^[0-9]{2}([0-9]{2}([0-9]{2}([0-9]{3})?)?)?$'),
  source           text NOT NULL CHECK (source IN ('market_regulation', 'emergency_management',
                                                   'human_resources', 'tax', 'industrial_park', 'township',
                                                   'inspection', 'other')),
  title            text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  uploaded_by      integer REFERENCES app_user(user_id),
  uploaded_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX census_list_region_idx ON census_list (region_code text_pattern_ops, census_list_id DESC);

CREATE TABLE census_entry (
  census_entry_id        serial PRIMARY KEY,
  -- County (6 digits) or township (9 digits) of the listed employer; county_code is its first six.
  region_code            text NOT NULL CHECK (region_code ~ '^([0-9]{6}|[0-9]{9})$'),
  county_code            text NOT NULL CHECK (county_code = left(region_code, 6)),
  name                   text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- The matcher's normalised name (employer-census.matcher.ts normaliseName): one entry per county and key.
  name_key               text NOT NULL,
  credit_code            text CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  address                text,
  industry_code          text,
  industry_text          text,
  staff                  integer CHECK (staff >= 0),
  contact_name           text,
  -- The contact's phone, encrypted (platform/crypto.ts) and masked for lists.
  contact_phone_enc      text,
  contact_phone_masked   text,
  -- The known employer this entry is (set by a certain match or by review).
  employer_id            integer REFERENCES organisation(organisation_id),
  match_state            text NOT NULL CHECK (match_state IN ('matched', 'uncertain', 'unmatched')),
  match_method           text CHECK (match_method IN ('credit_code', 'name', 'review', 'confirmed_new')),
  -- Candidates of an uncertain match, best first: [{employerId, name, score, editDistance}].
  candidates             jsonb NOT NULL DEFAULT '[]'::jsonb,
  -- Employers a reviewer said this entry is not (never proposed again).
  rejected_employer_ids  integer[] NOT NULL DEFAULT '{}',
  status                 text NOT NULL DEFAULT 'open'
                           CHECK (status IN ('open', 'not_applicable', 'closed', 'relocated')),
  status_reason          text,
  status_on              date,
  CHECK (status = 'open' OR length(trim(status_reason)) > 0),
  CHECK ((match_state = 'matched') = (employer_id IS NOT NULL)),
  first_list_id          integer NOT NULL REFERENCES census_list(census_list_id),
  version                integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX census_entry_credit_key ON census_entry (credit_code) WHERE credit_code IS NOT NULL;
CREATE UNIQUE INDEX census_entry_name_key ON census_entry (county_code, name_key);
CREATE INDEX census_entry_region_idx ON census_entry (region_code text_pattern_ops, census_entry_id);
CREATE INDEX census_entry_employer_idx ON census_entry (employer_id) WHERE employer_id IS NOT NULL;
CREATE INDEX census_entry_uncertain_idx ON census_entry (county_code) WHERE match_state = 'uncertain';

-- Which lists named an entry (an entry named by several departments has several rows).
CREATE TABLE census_entry_source (
  census_entry_id  integer NOT NULL REFERENCES census_entry(census_entry_id),
  census_list_id   integer NOT NULL REFERENCES census_list(census_list_id),
  row_no           integer NOT NULL,
  listed_name      text NOT NULL,
  PRIMARY KEY (census_entry_id, census_list_id)
);
CREATE INDEX census_entry_source_list_idx ON census_entry_source (census_list_id);

-- 入户指导: an undeclared entry assigned to a county staff user, with a due date and the visit's outcome.
CREATE TABLE census_follow_up (
  census_follow_up_id  serial PRIMARY KEY,
  census_entry_id      integer NOT NULL REFERENCES census_entry(census_entry_id),
  region_code          text NOT NULL,
  assignee_user_id     integer NOT NULL REFERENCES app_user(user_id),
  assigned_by          integer REFERENCES app_user(user_id),
  assigned_at          timestamptz NOT NULL DEFAULT now(),
  due_on               date NOT NULL,
  status               text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  outcome              text CHECK (outcome IN ('declared', 'will_declare', 'not_applicable', 'closed', 'not_found')),
  outcome_note         text,
  will_declare_by      date,
  visited_on           date,
  recorded_by          integer REFERENCES app_user(user_id),
  recorded_at          timestamptz,
  CHECK ((status = 'done') = (outcome IS NOT NULL)),
  CHECK (outcome IS DISTINCT FROM 'will_declare' OR will_declare_by IS NOT NULL)
);
-- One open task per entry.
CREATE UNIQUE INDEX census_follow_up_open_key ON census_follow_up (census_entry_id) WHERE status = 'open';
CREATE INDEX census_follow_up_assignee_idx ON census_follow_up (assignee_user_id, status, due_on);
CREATE INDEX census_follow_up_region_idx ON census_follow_up (region_code text_pattern_ops, status, due_on);

-- 半年报送: a city's database frozen at a date (counts and rows).
CREATE TABLE census_snapshot (
  census_snapshot_id  serial PRIMARY KEY,
  region_code         text NOT NULL CHECK (region_code ~ '^[0-9]{4}$'),
  period              text NOT NULL CHECK (period ~ '^[0-9]{4}-H[12]$'),
  taken_on            date NOT NULL,
  counts              jsonb NOT NULL,
  taken_by            integer REFERENCES app_user(user_id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region_code, period)
);
CREATE TABLE census_snapshot_row (
  census_snapshot_id  integer NOT NULL REFERENCES census_snapshot(census_snapshot_id),
  census_entry_id     integer NOT NULL REFERENCES census_entry(census_entry_id),
  region_code         text NOT NULL,
  name                text NOT NULL,
  credit_code         text,
  employer_id         integer,
  status              text NOT NULL,
  status_reason       text,
  sources             text[] NOT NULL,
  risk_class          text,
  PRIMARY KEY (census_snapshot_id, census_entry_id)
);
