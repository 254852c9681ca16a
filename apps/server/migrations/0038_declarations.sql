-- 职业病危害项目申报 (hazard-project declarations, issue 17 item 2; 《职业病危害项目申报办法》国家安监总局令
-- 第48号, 2012-06-01, still in force; ../shared NATIONAL-DATA-SETS §3). An employer declares 初次 / 变更 /
-- 年度更新 / 注销; the receiving health department (county; city for 中央企业 and 省属企业, 第四条) returns it
-- with an opinion or accepts it and issues the 申报回执 (a verifiable document, modules/documents).
-- This migration holds the shared core other modules read (oversight counts accepted declarations);
-- the declarations module owns it and adds its own tables after it.
CREATE TABLE declaration (
  declaration_id       serial PRIMARY KEY,
  employer_id          integer NOT NULL REFERENCES organisation(organisation_id),
  -- The employer's region when the declaration was started (the receiving department's scope).
  region_code          text NOT NULL CHECK (region_code ~ '^([0-9]{6}|[0-9]{9})$'),
  receiving_level      text NOT NULL DEFAULT 'county' CHECK (receiving_level IN ('county', 'city')),
  declaration_type     text NOT NULL CHECK (declaration_type IN ('initial', 'change', 'annual', 'cancel')),
  -- 变更原因 (第八条) for a change; the reason for a 注销.
  change_reason        text,
  -- The event that starts the clock: 竣工验收 (initial, new project), the change, the detection result,
  -- the termination. Null for a never-declared employer's initial declaration (due at once) and annual ones.
  trigger_date         date,
  status               text NOT NULL DEFAULT 'draft'
                         CHECK (status IN ('draft', 'submitted', 'returned', 'accepted')),
  -- The whole form (基本信息, 主要产品, 危害因素, 分布, 检测, 培训, 体检, 职业病累计) as the contracts define it.
  form                 jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- Totals computed from the form (never typed): 在册职工总数, 接害总人数 (不重复) and 接害人次 (可重复).
  employees            integer CHECK (employees >= 0),
  exposed_distinct     integer CHECK (exposed_distinct >= 0),
  exposed_repeated     integer CHECK (exposed_repeated >= 0),
  -- The legal due date of this declaration (null when none applies) and whether it was submitted after it.
  due_on               date,
  late                 boolean NOT NULL DEFAULT false,
  submitted_at         timestamptz,
  -- 回执 within 5 working days of submission.
  receipt_due_on       date,
  accepted_at          timestamptz,
  accepted_by          integer REFERENCES app_user(user_id),
  receipt_document_id  integer REFERENCES issued_document(document_id),
  -- The declaration this one follows (the last accepted one, for 变更 / 年度更新 / 注销).
  previous_id          integer REFERENCES declaration(declaration_id),
  source               text NOT NULL DEFAULT 'online' CHECK (source IN ('online', 'import')),
  -- Legacy imports: the old system's declaration number (a retried import finds it and changes nothing).
  import_key           text UNIQUE,
  version              integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_by           integer REFERENCES app_user(user_id),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'accepted') = (accepted_at IS NOT NULL)),
  CHECK (status = 'draft' OR submitted_at IS NOT NULL OR source = 'import')
);
-- At most one declaration in progress per employer.
CREATE UNIQUE INDEX declaration_open_key ON declaration (employer_id) WHERE status IN ('draft', 'submitted', 'returned');
-- The employer's declarations, newest first; the regulator's queue by region.
CREATE INDEX declaration_employer_idx ON declaration (employer_id, accepted_at DESC NULLS LAST);
CREATE INDEX declaration_region_idx ON declaration (region_code text_pattern_ops, status);
