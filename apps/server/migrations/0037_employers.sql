-- 用人单位职业健康基础数据库 (employer base database, issue 17 item 1; R28, R41). An employer is an
-- `organisation` of kind 'employer' (scope, credit code, name, region, industry, staff, revenue and size
-- stay there, as every module already reads them); this table holds what the national 用人单位信息 record
-- (CDC exchange spec 2021, ENTERPRISE_INFO) and the declaration programme add: economic type, the risk class
-- from the 2021 catalogue (建设项目职业病危害风险分类管理目录, 国卫办职健发〔2021〕5号), the two policy flags,
-- whether the employer is still in the programme, and where the record came from.
-- Every change of an employer's base record (organisation fields included) is kept in employer_version.
CREATE TABLE employer_profile (
  organisation_id          integer PRIMARY KEY REFERENCES organisation(organisation_id),
  -- 经济类型 (GB/T 12402-2000 code as the exchange spec's ECONOMY code table), null when unknown.
  economic_type_code       text CHECK (economic_type_code ~ '^[0-9]{2,3}$'),
  -- Further GB/T 4754-2017 industries beyond organisation.industry_code (several industries → the highest class).
  extra_industry_codes     text[] NOT NULL DEFAULT '{}',
  -- 风险类别 from the industries via the 2021 catalogue: 严重 / 一般, or 待评价 (unlisted or unknown industry).
  -- NULL only until the start-up classification reaches a row written without it.
  risk_class               text CHECK (risk_class IN ('严重', '一般', '待评价')),
  -- The catalogue rows that decided the class (printed no., code, name, class), as shown on the record.
  risk_basis               jsonb NOT NULL DEFAULT '[]'::jsonb,
  -- 工业领域: GB/T 4754-2017 门类 B 采矿业, C 制造业, D 电力、热力、燃气及水生产和供应业 (国家统计局's 工业).
  industrial               boolean NOT NULL DEFAULT false,
  legal_representative     text CHECK (legal_representative IS NULL OR length(legal_representative) <= 50),
  -- Still in the declaration programme? not_applicable needs a reason (no hazards confirmed on site, …);
  -- closed / relocated keep the record for history (停产停业, 迁出本辖区).
  programme_status         text NOT NULL DEFAULT 'active'
                             CHECK (programme_status IN ('active', 'not_applicable', 'closed', 'relocated')),
  programme_status_reason  text,
  programme_status_on      date,
  CHECK (programme_status = 'active' OR length(trim(programme_status_reason)) > 0),
  -- Where the record first came from.
  source                   text NOT NULL DEFAULT 'organisation'
                             CHECK (source IN ('organisation', 'exam_card', 'diagnosis_report', 'declaration',
                                               'registration', 'census', 'import')),
  version                  integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  updated_at               timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX employer_profile_risk_idx ON employer_profile (risk_class, programme_status);

-- One row per version of an employer's base record: the whole record as it was after the change.
CREATE TABLE employer_version (
  organisation_id  integer NOT NULL REFERENCES organisation(organisation_id),
  version          integer NOT NULL CHECK (version >= 1),
  record           jsonb NOT NULL,
  reason           text,
  changed_by       integer REFERENCES app_user(user_id),
  changed_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, version)
);

-- Every employer organisation that exists now gets its profile; the start-up classification fills the class.
INSERT INTO employer_profile (organisation_id, industrial, source)
SELECT organisation_id, coalesce(left(industry_code, 1) IN ('B', 'C', 'D')
                                 OR left(industry_code, 2) BETWEEN '06' AND '46', false), 'organisation'
  FROM organisation
 WHERE kind = 'employer';

-- 用人单位注册 (issue 17 item 3): an employer applies for an account with its credit code; the county
-- health commission of its region approves (the organisation is created or, when the base database
-- already holds the credit code, linked; the account gets the role employer_staff) or returns it with an
-- opinion. The applicant follows it with the lookup code shown after submitting.
CREATE TABLE employer_registration (
  registration_id  serial PRIMARY KEY,
  -- Shown once to the applicant; 12 characters of an unambiguous alphabet.
  lookup_code      text NOT NULL UNIQUE CHECK (lookup_code ~ '^[0-9A-Z]{12}$'),
  credit_code      text NOT NULL CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  name             text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  -- County (6 digits) or township (9 digits); the county commission of its first 6 digits reviews it.
  region_code      text NOT NULL CHECK (region_code ~ '^([0-9]{6}|[0-9]{9})$'),
  address          text NOT NULL CHECK (length(address) BETWEEN 2 AND 200),
  industry_code    text NOT NULL,
  contact_name     text NOT NULL CHECK (length(contact_name) BETWEEN 1 AND 50),
  -- Encrypted (platform/crypto.ts); answers show it masked.
  contact_phone_enc text NOT NULL,
  username         text NOT NULL CHECK (username ~ '^[a-zA-Z0-9_.-]{3,64}$'),
  password_hash    text NOT NULL,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  opinion          text CHECK (opinion IS NULL OR length(opinion) <= 500),
  CHECK (status <> 'rejected' OR length(trim(opinion)) > 0),
  organisation_id  integer REFERENCES organisation(organisation_id),
  user_id          integer REFERENCES app_user(user_id),
  -- Whether approval linked a record the base database already held (rather than creating one).
  linked_existing  boolean,
  submitted_at     timestamptz NOT NULL DEFAULT now(),
  reviewed_by      integer REFERENCES app_user(user_id),
  reviewed_at      timestamptz,
  CHECK (status = 'pending' OR reviewed_at IS NOT NULL),
  CHECK (status <> 'approved' OR (organisation_id IS NOT NULL AND user_id IS NOT NULL))
);
-- One pending application per credit code and per requested username.
CREATE UNIQUE INDEX employer_registration_pending_credit_key ON employer_registration (credit_code)
  WHERE status = 'pending';
CREATE UNIQUE INDEX employer_registration_pending_username_key ON employer_registration (lower(username))
  WHERE status = 'pending';
CREATE INDEX employer_registration_queue_idx ON employer_registration (region_code text_pattern_ops, status);
