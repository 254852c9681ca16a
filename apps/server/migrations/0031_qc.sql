-- 质控评估 (issue 16 item 5; R50, R21, R22): the provincial QC centre (省职业病防治院) assesses every exam and
-- diagnosis institution at least once a year, province-wide, under 《职业健康检查质量控制规范》 and
-- 《职业病诊断质量控制规范》 (Jilin 吉卫规〔2024〕2号 五), more often for institutions with a high volume,
-- complaints, failures or slow rectification; results are 合格 / 基本合格 / 不合格, a failed key item (关键项)
-- means 不合格; 弄虚作假 or a 重大质量问题 goes to the provincial commission at once. Support institutions
-- self-assess against the building standards (R2) and rehabilitation stations against 九个一 (R22).

-- The forms as data, versioned. A version is edited as a draft, then published (immutable from then on: a
-- trigger below refuses changes) and later retired when a newer version is published; an assessment keeps
-- the version it was made with. The national QC specifications' items, points and grade thresholds are
-- NOT in the sources read, so the shipped versions are PROVISIONAL (provisional = true, shown on every
-- page that uses them; docs/STANDARDS.md, QC assessments) for the QC centre to replace.
CREATE TABLE qc_template (
  qc_template_id  serial PRIMARY KEY,
  code            text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  version         integer NOT NULL CHECK (version >= 1),
  -- Whose form: exam / diagnosis institutions (assessed by the QC centre; they may also self-check
  -- against it), support institutions and rehabilitation stations (self-assessment only).
  kind            text NOT NULL CHECK (kind IN ('exam', 'diagnosis', 'support', 'rehab')),
  mode            text NOT NULL CHECK (mode IN ('assessment', 'self')),
  name_zh         text NOT NULL,
  name_en         text NOT NULL,
  source          text NOT NULL,
  provisional     boolean NOT NULL DEFAULT true,
  note            text,
  -- Grade thresholds of this version (percent of the applicable points): 合格 ≥ pass, 基本合格 ≥ basic.
  pass_percent    numeric(5,2) NOT NULL CHECK (pass_percent > 0 AND pass_percent <= 100),
  basic_percent   numeric(5,2) NOT NULL CHECK (basic_percent > 0 AND basic_percent <= pass_percent),
  status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'retired')),
  published_at    timestamptz,
  published_by    integer REFERENCES app_user(user_id),
  created_by      integer REFERENCES app_user(user_id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (code, version),
  CHECK ((status = 'draft') = (published_at IS NULL))
);
-- One published and at most one draft version per form.
CREATE UNIQUE INDEX qc_template_published_idx ON qc_template (code) WHERE status = 'published';
CREATE UNIQUE INDEX qc_template_draft_idx ON qc_template (code) WHERE status = 'draft';

-- Sections; a per-hazard score sheet (粉尘 / 化学 / 物理 / 生物 / 放射) names its filing category and applies
-- only to an institution whose filed version includes that category.
CREATE TABLE qc_template_section (
  qc_template_id   integer NOT NULL REFERENCES qc_template(qc_template_id) ON DELETE CASCADE,
  section_code     text NOT NULL CHECK (section_code ~ '^[A-Z][A-Z0-9]{0,9}$'),
  title_zh         text NOT NULL,
  title_en         text NOT NULL,
  hazard_category  text CHECK (hazard_category IN ('dust', 'chemical', 'physical', 'biological', 'radiation')),
  sort             integer NOT NULL,
  PRIMARY KEY (qc_template_id, section_code)
);

CREATE TABLE qc_template_item (
  qc_template_item_id  serial PRIMARY KEY,
  qc_template_id       integer NOT NULL REFERENCES qc_template(qc_template_id) ON DELETE CASCADE,
  section_code         text NOT NULL,
  item_code            text NOT NULL CHECK (item_code ~ '^[A-Z][A-Z0-9]{0,9}$'),
  text_zh              text NOT NULL,
  text_en              text NOT NULL,
  points               numeric(6,2) NOT NULL CHECK (points > 0 AND points <= 1000),
  key_item             boolean NOT NULL DEFAULT false,
  evidence_required    boolean NOT NULL DEFAULT false,
  basis                text NOT NULL,
  sort                 integer NOT NULL,
  UNIQUE (qc_template_id, item_code),
  FOREIGN KEY (qc_template_id, section_code) REFERENCES qc_template_section(qc_template_id, section_code)
    ON DELETE CASCADE
);

-- A published (or retired) version never changes: only its status moves on (published → retired).
CREATE FUNCTION qc_template_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tid integer;
BEGIN
  IF TG_TABLE_NAME = 'qc_template' THEN
    IF OLD.status <> 'draft' AND (
         (NEW.code, NEW.version, NEW.kind, NEW.mode, NEW.name_zh, NEW.name_en, NEW.source, NEW.provisional,
          NEW.note, NEW.pass_percent, NEW.basic_percent)
         IS DISTINCT FROM
         (OLD.code, OLD.version, OLD.kind, OLD.mode, OLD.name_zh, OLD.name_en, OLD.source, OLD.provisional,
          OLD.note, OLD.pass_percent, OLD.basic_percent)
         OR NEW.status = 'draft'
         OR (OLD.status = 'retired' AND NEW.status <> 'retired')) THEN
      RAISE EXCEPTION 'qc_template % v% is published: it cannot change', OLD.code, OLD.version
        USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' THEN
    tid := OLD.qc_template_id;
  ELSE
    tid := NEW.qc_template_id;
  END IF;
  IF EXISTS (SELECT 1 FROM qc_template WHERE qc_template_id = tid AND status <> 'draft')
     OR (TG_OP = 'UPDATE' AND EXISTS (
           SELECT 1 FROM qc_template WHERE qc_template_id = OLD.qc_template_id AND status <> 'draft')) THEN
    RAISE EXCEPTION 'qc_template % is published: its sections and items cannot change', tid
      USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER qc_template_frozen BEFORE UPDATE ON qc_template
  FOR EACH ROW EXECUTE FUNCTION qc_template_frozen();
CREATE TRIGGER qc_template_section_frozen BEFORE INSERT OR UPDATE OR DELETE ON qc_template_section
  FOR EACH ROW EXECUTE FUNCTION qc_template_frozen();
CREATE TRIGGER qc_template_item_frozen BEFORE INSERT OR UPDATE OR DELETE ON qc_template_item
  FOR EACH ROW EXECUTE FUNCTION qc_template_frozen();

-- The yearly plan of a province: every exam and diagnosis institution with a filed filing is due once
-- (routine); extra visits (extra) are added from the risk ranking with their reason and the risk parts
-- they were added on.
CREATE TABLE qc_plan (
  qc_plan_id     bigserial PRIMARY KEY,
  province_code  text NOT NULL CHECK (province_code ~ '^[0-9]{2}$'),
  year           integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  note           text,
  created_by     integer REFERENCES app_user(user_id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (province_code, year)
);

CREATE TABLE qc_plan_entry (
  qc_plan_entry_id  bigserial PRIMARY KEY,
  qc_plan_id        bigint NOT NULL REFERENCES qc_plan(qc_plan_id) ON DELETE CASCADE,
  institution_id    integer NOT NULL REFERENCES organisation(organisation_id),
  region_code       text NOT NULL CHECK (region_code ~ '^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9})$'),
  institution_kind  text NOT NULL CHECK (institution_kind IN ('exam', 'diagnosis')),
  kind              text NOT NULL CHECK (kind IN ('routine', 'extra')),
  reason            text,
  risk              jsonb,
  created_by        integer REFERENCES app_user(user_id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (kind = 'routine' OR length(trim(reason)) > 0)
);
CREATE UNIQUE INDEX qc_plan_entry_routine_idx ON qc_plan_entry (qc_plan_id, institution_id) WHERE kind = 'routine';
CREATE INDEX qc_plan_entry_region_idx ON qc_plan_entry (qc_plan_id, region_code text_pattern_ops);

-- Complaints received about an institution in a year (投诉数), entered by the QC centre: a risk input.
CREATE TABLE qc_complaint (
  institution_id  integer NOT NULL REFERENCES organisation(organisation_id),
  year            integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  complaints      integer NOT NULL CHECK (complaints >= 0 AND complaints <= 100000),
  note            text,
  recorded_by     integer REFERENCES app_user(user_id),
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (institution_id, year)
);

-- An assessment by the QC centre's assessors (mode assessment: scheduled → in_progress → completed, from a
-- plan entry, against the filed version of the institution's filing) or an institution's self-assessment
-- (mode self: draft → submitted → reviewed). The grade is computed when completed, never typed.
CREATE TABLE qc_assessment (
  qc_assessment_id      bigserial PRIMARY KEY,
  mode                  text NOT NULL CHECK (mode IN ('assessment', 'self')),
  qc_template_id        integer NOT NULL REFERENCES qc_template(qc_template_id),
  institution_id        integer NOT NULL REFERENCES organisation(organisation_id),
  region_code           text NOT NULL CHECK (region_code ~ '^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9})$'),
  year                  integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  qc_plan_entry_id      bigint UNIQUE REFERENCES qc_plan_entry(qc_plan_entry_id),
  filing_id             bigint REFERENCES filing(filing_id),
  filing_version_id     bigint REFERENCES filing_version(filing_version_id),
  -- The filed categories the per-hazard sheets apply to (taken from the filed version when scheduled).
  hazard_categories     jsonb NOT NULL DEFAULT '[]'::jsonb,
  status                text NOT NULL CHECK (status IN ('scheduled', 'in_progress', 'completed',
                                                        'draft', 'submitted', 'reviewed')),
  scheduled_on          date,
  assessors             jsonb NOT NULL DEFAULT '[]'::jsonb,
  score                 numeric(8,2),
  max_score             numeric(8,2),
  percent               numeric(5,2),
  grade                 text CHECK (grade IN ('qualified', 'basic', 'failed')),
  failed_key_items      jsonb NOT NULL DEFAULT '[]'::jsonb,
  completed_on          date,
  completed_by          integer REFERENCES app_user(user_id),
  conclusion            text,
  -- 备案信息一致性核查: what the assessors found and the mismatches with the filed version.
  consistency_found     jsonb,
  consistency_findings  jsonb,
  consistency_checked_at timestamptz,
  -- 重大质量问题 / 弄虚作假: reported to the provincial commission (and the disease-control bureau) at once.
  major_problem         boolean NOT NULL DEFAULT false,
  major_note            text,
  major_reported_at     timestamptz,
  submitted_at          timestamptz,
  submitted_by          integer REFERENCES app_user(user_id),
  reviewed_at           timestamptz,
  reviewed_by           integer REFERENCES app_user(user_id),
  review_note           text,
  created_by            integer REFERENCES app_user(user_id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CHECK ((mode = 'assessment') = (status IN ('scheduled', 'in_progress', 'completed'))),
  CHECK (mode = 'self' OR (qc_plan_entry_id IS NOT NULL AND scheduled_on IS NOT NULL)),
  CHECK (status <> 'completed' OR (grade IS NOT NULL AND completed_on IS NOT NULL)),
  CHECK (NOT major_problem OR length(trim(major_note)) > 0)
);
CREATE INDEX qc_assessment_region_idx ON qc_assessment (region_code text_pattern_ops, status);
CREATE INDEX qc_assessment_institution_idx ON qc_assessment (institution_id, mode, completed_on DESC);
CREATE UNIQUE INDEX qc_assessment_self_idx ON qc_assessment (institution_id, qc_template_id, year) WHERE mode = 'self';

-- The score of each item: 符合 (passed, points ≤ the item's), 不符合 (failed) or 不适用 (not counted), a note
-- (required for a failed or deducted item), and a major-problem flag.
CREATE TABLE qc_item_score (
  qc_assessment_id     bigint NOT NULL REFERENCES qc_assessment(qc_assessment_id) ON DELETE CASCADE,
  qc_template_item_id  integer NOT NULL REFERENCES qc_template_item(qc_template_item_id),
  result               text NOT NULL CHECK (result IN ('passed', 'failed', 'not_applicable')),
  points               numeric(6,2) CHECK (points >= 0),
  note                 text,
  major                boolean NOT NULL DEFAULT false,
  recorded_by          integer REFERENCES app_user(user_id),
  recorded_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (qc_assessment_id, qc_template_item_id),
  CHECK ((result = 'not_applicable') = (points IS NULL))
);

-- Evidence per item (PDF / JPEG / PNG checked by content, filings.rules.ts attachmentTypeOf).
CREATE TABLE qc_evidence (
  qc_evidence_id    bigserial PRIMARY KEY,
  qc_assessment_id  bigint NOT NULL REFERENCES qc_assessment(qc_assessment_id) ON DELETE CASCADE,
  item_code         text NOT NULL,
  file_name         text NOT NULL,
  media_type        text NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes        integer NOT NULL CHECK (size_bytes > 0),
  sha256            text NOT NULL,
  content           bytea NOT NULL,
  uploaded_by       integer REFERENCES app_user(user_id),
  uploaded_at       timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE qc_evidence ALTER COLUMN content SET STORAGE EXTERNAL;
CREATE INDEX qc_evidence_idx ON qc_evidence (qc_assessment_id, item_code);

-- ---------------------------------------------------------------------------------------------------
-- The shipped forms (all PROVISIONAL). Points: 10 an item; thresholds 合格 ≥ 85 %, 基本合格 ≥ 70 % — the
-- platform's placeholders, not a source's. What the seed says and is used: the QC focus (质量管理体系、
-- 质量管理制度的建立健全及实际运行), the key indicators (职业禁忌证判定与告知、疑似职业病界定与报告、职业病诊断
-- 的准确率与报告及时率: the key items), the areas of 一(三) (人员培训考核、设备设施、信息报告).
INSERT INTO qc_template (code, version, kind, mode, name_zh, name_en, source, provisional, note,
                         pass_percent, basic_percent) VALUES
  ('exam', 1, 'exam', 'assessment', '职业健康检查机构质量考核表（暂定）',
   'Occupational-health exam institution QC assessment form (provisional)',
   '吉卫规〔2024〕2号 五（质控重点与关键指标）、一(三)（人员、设备设施、信息报告）；《职业健康检查质量控制规范》（条目未见于资料）',
   true,
   '暂定 PROVISIONAL: the items, points and grade thresholds of 《职业健康检查质量控制规范》 are not in the sources. Sections follow the QC focus and key indicators of 吉卫规〔2024〕2号 五; one score sheet per filed category (粉尘/化学/物理/生物/放射) applies only when the filing includes it. Thresholds 85 % / 70 % are placeholders. Replace with the province''s form as a new version.',
   85, 70),
  ('diagnosis', 1, 'diagnosis', 'assessment', '职业病诊断机构质量控制评估表（暂定）',
   'Occupational-disease diagnosis institution QC evaluation form (provisional)',
   '吉卫规〔2024〕2号 五（质控重点与关键指标：职业病诊断的准确率与报告及时率）；《职业病诊断质量控制规范》（条目未见于资料）',
   true,
   '暂定 PROVISIONAL: the items, points and grade thresholds of 《职业病诊断质量控制规范》 are not in the sources. Key items are the key indicators the Jilin notice names. Thresholds 85 % / 70 % are placeholders.',
   85, 70),
  ('support_monitoring', 1, 'support', 'self', '职业病监测评估技术支撑机构建设推荐标准 自查表（暂定框架）',
   'Self-assessment: building standard for monitoring-and-assessment support institutions (provisional skeleton)',
   '吉卫职健发〔2021〕3号 附件1《职业病监测评估技术支撑机构建设推荐标准》（仅标题见于资料）；黑卫职健函〔2024〕68号 附件1 三(一)1（自查重点）',
   true,
   '暂定框架 PROVISIONAL SKELETON: only the annex title is in the sources, not its contents. The items are the self-check focus seed 002 names for every institution (专业人才队伍建设、场所建设、仪器设备配置、支撑能力建设), generic, not the annex''s clauses. The province enters the annex''s items as a new version.',
   85, 70),
  ('support_engineering', 1, 'support', 'self', '职业病危害工程防护技术支撑机构建设推荐标准 自查表（暂定框架）',
   'Self-assessment: building standard for engineering-protection support institutions (provisional skeleton)',
   '吉卫职健发〔2021〕3号 附件2《省级技术指导中心职业病危害工程防护技术支撑机构建设推荐标准》（仅标题见于资料）；黑卫职健函〔2024〕68号 附件1 三(一)1（自查重点）',
   true,
   '暂定框架 PROVISIONAL SKELETON: only the annex title is in the sources. Generic items from the self-check focus of seed 002; the province enters the annex''s items as a new version.',
   85, 70),
  ('support_diagnosis', 1, 'support', 'self', '职业病诊断救治技术支撑机构建设推荐标准 自查表（暂定框架）',
   'Self-assessment: building standard for diagnosis-and-treatment support institutions (provisional skeleton)',
   '吉卫职健发〔2021〕3号 附件3《职业病诊断救治技术支撑机构建设推荐标准》（仅标题见于资料）；黑卫职健函〔2024〕68号 附件1 三(一)1（自查重点）',
   true,
   '暂定框架 PROVISIONAL SKELETON: only the annex title is in the sources. Generic items from the self-check focus of seed 002; the province enters the annex''s items as a new version.',
   85, 70),
  ('rehab_nine', 1, 'rehab', 'self', '尘肺病康复站“九个一”建设规范 自查表（通用项，待省级录入九项内容）',
   'Rehabilitation station self-assessment against the "nine ones" (generic items; the nine items to be entered by the province)',
   '黑卫职健函〔2024〕68号 附件1 三(一)1（尘肺病康复站对照“九个一”建设规范要求和评估技术规范细则开展自查；自查重点）；“九个一”的具体内容未见于资料',
   true,
   '通用项 GENERIC ITEMS: the contents of the 九个一 standard are NOT in the sources and are not invented here. The items are the generic self-check focus seed 002 names (专业人才队伍建设、场所建设、仪器设备配置、支撑能力建设). The province enters the nine items of its 九个一 standard as a new version (质控模板 → 新版本) and publishes it.',
   85, 70);

INSERT INTO qc_template_section (qc_template_id, section_code, title_zh, title_en, hazard_category, sort)
SELECT t.qc_template_id, s.section_code, s.title_zh, s.title_en, s.hazard_category, s.sort
  FROM qc_template t
  JOIN (VALUES
    ('exam', 'Q', '质量管理体系与制度', 'Quality management system and rules', NULL, 10),
    ('exam', 'P', '人员与培训考核', 'Personnel, training and assessment', NULL, 20),
    ('exam', 'E', '仪器设备与设施', 'Equipment and facilities', NULL, 30),
    ('exam', 'K', '关键指标', 'Key indicators', NULL, 40),
    ('exam', 'R', '信息报告', 'Information reporting', NULL, 50),
    ('exam', 'HD', '粉尘类评分表', 'Score sheet: dust', 'dust', 60),
    ('exam', 'HC', '化学因素类评分表', 'Score sheet: chemical factors', 'chemical', 70),
    ('exam', 'HP', '物理因素类评分表', 'Score sheet: physical factors', 'physical', 80),
    ('exam', 'HB', '生物因素类评分表', 'Score sheet: biological factors', 'biological', 90),
    ('exam', 'HR', '放射因素类评分表', 'Score sheet: radiation', 'radiation', 100),
    ('diagnosis', 'Q', '质量管理体系与制度', 'Quality management system and rules', NULL, 10),
    ('diagnosis', 'P', '人员与培训考核', 'Personnel, training and assessment', NULL, 20),
    ('diagnosis', 'K', '关键指标', 'Key indicators', NULL, 30),
    ('diagnosis', 'R', '信息报告', 'Information reporting', NULL, 40),
    ('support_monitoring', 'G', '自查重点（通用项）', 'Self-check focus (generic items)', NULL, 10),
    ('support_engineering', 'G', '自查重点（通用项）', 'Self-check focus (generic items)', NULL, 10),
    ('support_diagnosis', 'G', '自查重点（通用项）', 'Self-check focus (generic items)', NULL, 10),
    ('rehab_nine', 'G', '自查重点（通用项；九个一内容待省级录入）', 'Self-check focus (generic; the nine items to be entered)', NULL, 10)
  ) AS s(code, section_code, title_zh, title_en, hazard_category, sort) ON s.code = t.code
 WHERE t.version = 1;

INSERT INTO qc_template_item (qc_template_id, section_code, item_code, text_zh, text_en, points, key_item,
                              evidence_required, basis, sort)
SELECT t.qc_template_id, i.section_code, i.item_code, i.text_zh, i.text_en, 10, i.key_item, i.evidence_required,
       i.basis, i.sort
  FROM qc_template t
  JOIN (VALUES
    ('exam', 'Q', 'Q1', '建立职业健康检查质量管理体系（质量负责人、技术负责人明确），质量管理制度健全',
     'A quality management system for exams (named quality and technical leads) with complete written rules',
     false, true, '吉卫规〔2024〕2号 五（质量管理体系、质量管理制度的建立健全）', 10),
    ('exam', 'Q', 'Q2', '质量管理制度实际运行，有内部质控与持续改进记录',
     'The rules operate in practice: internal QC and improvement records',
     false, false, '吉卫规〔2024〕2号 五（实际运行状况为质控重点）', 20),
    ('exam', 'P', 'P1', '主检医师具备资格并经培训考核合格，与备案一致',
     'Chief examiners qualified, trained and assessed, as filed',
     false, true, '吉卫规〔2024〕2号 一(三)、三（主检医师培训考核）', 30),
    ('exam', 'E', 'E1', '仪器设备与备案一致，检定或校准在有效期内',
     'Equipment as filed, verified or calibrated and valid',
     false, false, '吉卫规〔2024〕2号 一(三)（设备设施配备）', 40),
    ('exam', 'K', 'K1', '职业禁忌证判定准确并按规定告知',
     'Contraindications determined correctly and notified as required',
     true, false, '吉卫规〔2024〕2号 五（关键指标：职业禁忌证判定与告知）', 50),
    ('exam', 'K', 'K2', '疑似职业病界定准确并按规定报告',
     'Suspected occupational diseases identified correctly and reported as required',
     true, false, '吉卫规〔2024〕2号 五（关键指标：疑似职业病界定与报告）', 60),
    ('exam', 'R', 'R1', '职业健康检查个案卡按规定及时、准确报送',
     'Exam case cards reported on time and correctly',
     false, false, '吉卫规〔2024〕2号 一(三)（信息报告）、四', 70),
    ('exam', 'HD', 'HD1', '粉尘类检查项目与备案一致并按职业健康监护技术规范开展',
     'Dust exam items as filed and carried out per the health-surveillance specification',
     false, false, '暂定通用项（备案类别：接触粉尘类）', 80),
    ('exam', 'HC', 'HC1', '化学因素类检查项目与备案一致并按职业健康监护技术规范开展',
     'Chemical-factor exam items as filed and carried out per the health-surveillance specification',
     false, false, '暂定通用项（备案类别：接触化学因素类）', 90),
    ('exam', 'HP', 'HP1', '物理因素类检查项目与备案一致并按职业健康监护技术规范开展',
     'Physical-factor exam items as filed and carried out per the health-surveillance specification',
     false, false, '暂定通用项（备案类别：接触物理因素类）', 100),
    ('exam', 'HB', 'HB1', '生物因素类检查项目与备案一致并按职业健康监护技术规范开展',
     'Biological-factor exam items as filed and carried out per the health-surveillance specification',
     false, false, '暂定通用项（备案类别：接触生物因素类）', 110),
    ('exam', 'HR', 'HR1', '放射因素类检查项目与备案一致，放射诊疗许可有效',
     'Radiation exam items as filed; a valid radiation diagnosis-and-treatment licence',
     false, true, '暂定通用项（备案类别：接触放射因素类）', 120),
    ('diagnosis', 'Q', 'Q1', '建立职业病诊断质量管理体系，质量管理制度健全',
     'A quality management system for diagnosis with complete written rules',
     false, true, '吉卫规〔2024〕2号 五（质量管理体系、质量管理制度的建立健全）', 10),
    ('diagnosis', 'Q', 'Q2', '质量管理制度实际运行，诊断档案完整',
     'The rules operate in practice; diagnosis files complete',
     false, false, '吉卫规〔2024〕2号 五（实际运行状况为质控重点）', 20),
    ('diagnosis', 'P', 'P1', '职业病诊断医师具备资格并经培训考核合格，与备案一致',
     'Diagnosis physicians qualified, trained and assessed, as filed',
     false, true, '吉卫规〔2024〕2号 三（职业病诊断医师培训考核）', 30),
    ('diagnosis', 'K', 'K1', '职业病诊断准确（抽查病例诊断结论正确）',
     'Diagnoses accurate (sampled cases correctly concluded)',
     true, false, '吉卫规〔2024〕2号 五（关键指标：职业病诊断的准确率）', 40),
    ('diagnosis', 'K', 'K2', '职业病诊断报告及时',
     'Diagnosis reports made on time',
     true, false, '吉卫规〔2024〕2号 五（关键指标：职业病诊断的报告及时率）', 50),
    ('diagnosis', 'R', 'R1', '职业病诊断信息按规定报送',
     'Diagnosis information reported as required',
     false, false, '吉卫规〔2024〕2号 四', 60)
  ) AS i(code, section_code, item_code, text_zh, text_en, key_item, evidence_required, basis, sort)
    ON i.code = t.code
 WHERE t.version = 1;

-- The generic self-check items (seed 002 三(一)1: 自查的重点是本机构在专业人才队伍建设、场所建设、仪器设备配置、
-- 支撑能力建设等方面存在的差距), the same for each self-assessment form until the province enters its own.
INSERT INTO qc_template_item (qc_template_id, section_code, item_code, text_zh, text_en, points, key_item,
                              evidence_required, basis, sort)
SELECT t.qc_template_id, 'G', g.item_code, g.text_zh, g.text_en, 10, false, false,
       '黑卫职健函〔2024〕68号 附件1 三(一)1（自查重点，通用项）', g.sort
  FROM qc_template t
 CROSS JOIN (VALUES
    ('G1', '专业人才队伍建设（通用项）', 'Professional staff (generic item)', 10),
    ('G2', '场所建设（通用项）', 'Premises (generic item)', 20),
    ('G3', '仪器设备配置（通用项）', 'Equipment (generic item)', 30),
    ('G4', '支撑能力建设（通用项）', 'Support capability (generic item)', 40)
  ) AS g(item_code, text_zh, text_en, sort)
 WHERE t.version = 1 AND t.mode = 'self';

-- Published once their sections and items are in (from here on the trigger keeps them as they are).
UPDATE qc_template SET status = 'published', published_at = now() WHERE version = 1;
