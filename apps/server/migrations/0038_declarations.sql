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

-- Every submission keeps the form as submitted (the versions of a declaration) and the reviewer's decision
-- on it (returned with the opinion, or accepted). The 回执 clock hangs on the submission (deadline subject
-- 'declaration_version'), so a resubmission after a return runs a new clock.
CREATE TABLE declaration_version (
  declaration_version_id  serial PRIMARY KEY,
  declaration_id          integer NOT NULL REFERENCES declaration(declaration_id) ON DELETE CASCADE,
  version_no              integer NOT NULL CHECK (version_no >= 1),
  form                    jsonb NOT NULL,
  totals                  jsonb NOT NULL,
  submitted_at            timestamptz NOT NULL DEFAULT now(),
  submitted_by            integer REFERENCES app_user(user_id),
  decision                text CHECK (decision IN ('returned', 'accepted')),
  opinion                 text,
  decided_at              timestamptz,
  decided_by              integer REFERENCES app_user(user_id),
  CHECK ((decision IS NULL) = (decided_at IS NULL)),
  CHECK (decision IS DISTINCT FROM 'returned' OR length(trim(opinion)) > 0),
  UNIQUE (declaration_id, version_no)
);

-- The declaration clocks (《职业病危害项目申报办法》国家安监总局令第48号 第八条、第九条; the 回执 rule; the annual
-- window from the Tianjin 静海 FAQ). The service sets due_on itself where the rule is not a plain day count
-- (never-declared employer: due at once; annual window: 13 calendar months).
INSERT INTO deadline_rule (kind, name_zh, name_en, days, day_type, legal_basis, confidence, note) VALUES
  ('declaration_initial', '职业病危害项目初次申报', 'Hazard-project declaration: initial', 30, 'calendar',
   '《职业病危害项目申报办法》（国家安监总局令第48号）第八条：新建、改建、扩建、技术改造、技术引进建设项目，自建设项目竣工验收之日起30日内进行申报',
   'verified',
   'Starts on the 竣工验收 date given with the declaration. An existing employer that never declared is due at once (Tianjin 静海 FAQ 2022-06-30: 未申报的立即申报): the clock then starts and is due on the day it is opened.'),
  ('declaration_change', '职业病危害项目变更申报', 'Hazard-project declaration: change', 15, 'calendar',
   '《职业病危害项目申报办法》第八条：因技术、工艺、设备或材料等发生变化导致原申报的职业病危害因素及其相关内容发生重大变化的，自发生变化之日起15日内；工作场所、名称、法定代表人或主要负责人发生变化的，自发生变化之日起15日内；经检测、评价发现原申报内容发生变化的，自收到有关检测、评价结果之日起15日内',
   'verified',
   'Starts on the date of the change the employer gives with the change declaration.'),
  ('declaration_cancel', '职业病危害项目注销申报', 'Hazard-project declaration: cancellation', 15, 'calendar',
   '《职业病危害项目申报办法》第九条：用人单位终止生产经营活动的，应当自生产经营活动终止之日起15日内向原申报机关报告并办理注销手续',
   'verified',
   'Starts on the termination date given with the cancellation.'),
  ('declaration_receipt', '申报回执出具', 'Declaration: receipt issued', 5, 'working',
   '《职业病危害项目申报办法》：受理申报的卫生健康主管部门应当自收到申报材料之日起5个工作日内出具《职业病危害项目申报回执》',
   'verified',
   'Five working days as in the order''s text (the article number is not recorded in the sources read); counted on the working calendar. Opened on each submission, closed when the declaration is returned or accepted.'),
  ('declaration_annual', '职业病危害项目年度更新', 'Hazard-project declaration: annual update', 61, 'calendar',
   '天津市静海区卫生健康委《职业病危害项目申报系统》问答（2022-06-30）：年度更新每年进行，与上次申报间隔大于11个月、小于13个月，超过13个月视为逾期',
   'reported',
   'A provincial system''s rule, not the order''s text (the order has no annual update). The clock starts 11 calendar months after the last accepted declaration and is due 13 calendar months after it (the service sets both dates; the 61 days are only nominal). Which declarations restart the cycle (any accepted one, here) is the platform''s reading.');

-- A returned declaration waits on the employer: a to-do with a placeholder period (no source sets one).
INSERT INTO deadline_rule (kind, name_zh, name_en, days, day_type, legal_basis, confidence, note) VALUES
  ('declaration_returned', '退回的申报修改后重新提交', 'Returned declaration: correct and resubmit', 15, 'calendar',
   '无（平台占位）', 'uncertain',
   'PLACEHOLDER: no source gives a period for resubmitting a returned declaration; 15 calendar days mirror the change clock so the returned declaration shows in the employer''s to-dos. A province should set it.');
