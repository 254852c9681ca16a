-- 现场核查 (issue 16 item 3, R45): a newly filed exam or diagnosis institution is verified on site within
-- 3 months of its filing (国卫办职健函〔2023〕241号; Jilin 吉卫规〔2024〕2号 一(三): 对新备案的职业健康检查
-- 机构要在备案后3个月内组织开展现场核查, by the provincial 职业病防治院 — the QC centre); the items it lacks
-- capability for (不具备能力的服务项目) are published and may not be reported (institution_capability
-- 'blocked'), and a passed verification lets a new filing do outbound exams (一(二)).

-- The verification form (核查表) as data, versioned: sections, items, key items (关键项). The QC centre's
-- own form is not in the sources read (seed 004 names only the areas to check), so version 1 below is a
-- PROVISIONAL checklist derived from those areas and from the conditions of 《职业健康检查管理办法》第五条
-- (the facts a filing must prove); confidence 'uncertain' until the province loads its form as a new
-- version (docs/STANDARDS.md, On-site verification).
CREATE TABLE verification_template (
  verification_template_id  serial PRIMARY KEY,
  code                      text NOT NULL,
  version                   integer NOT NULL CHECK (version >= 1),
  name_zh                   text NOT NULL,
  name_en                   text NOT NULL,
  source                    text NOT NULL,
  confidence                text NOT NULL CHECK (confidence IN ('verified', 'reported', 'uncertain')),
  note                      text,
  active                    boolean NOT NULL DEFAULT true,
  created_at                timestamptz NOT NULL DEFAULT now(),
  UNIQUE (code, version)
);
-- One active version of a form at a time: a new task takes it.
CREATE UNIQUE INDEX verification_template_active_idx ON verification_template (code) WHERE active;

CREATE TABLE verification_template_item (
  verification_template_item_id  serial PRIMARY KEY,
  verification_template_id       integer NOT NULL REFERENCES verification_template(verification_template_id),
  section_code                   text NOT NULL,
  section_zh                     text NOT NULL,
  section_en                     text NOT NULL,
  item_code                      text NOT NULL,
  text_zh                        text NOT NULL,
  text_en                        text NOT NULL,
  key_item                       boolean NOT NULL DEFAULT false,
  basis                          text NOT NULL,
  sort                           integer NOT NULL,
  UNIQUE (verification_template_id, item_code)
);

-- One verification per filing filed for the first time (a change does not start one; a new filing after
-- 注销 does). The institution's region scopes it; the QC centre of the province (else the provincial
-- commission) is responsible; its clock is deadline kind 'onsite_verification'.
CREATE TABLE verification (
  verification_id              bigserial PRIMARY KEY,
  filing_id                    bigint NOT NULL UNIQUE REFERENCES filing(filing_id),
  institution_id               integer NOT NULL REFERENCES organisation(organisation_id),
  region_code                  text NOT NULL CHECK (region_code ~ '^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9})$'),
  responsible_organisation_id  integer REFERENCES organisation(organisation_id),
  verification_template_id     integer NOT NULL REFERENCES verification_template(verification_template_id),
  status                       text NOT NULL DEFAULT 'pending'
                               CHECK (status IN ('pending', 'scheduled', 'completed')),
  result                       text CHECK (result IN ('passed', 'failed')),
  filed_on                     date NOT NULL,
  due_on                       date NOT NULL,
  scheduled_on                 date,
  assessors                    jsonb NOT NULL DEFAULT '[]'::jsonb,
  completed_on                 date,
  completed_by                 integer REFERENCES app_user(user_id),
  conclusion                   text,
  created_at                   timestamptz NOT NULL DEFAULT now(),
  updated_at                   timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'completed') = (result IS NOT NULL AND completed_on IS NOT NULL)),
  CHECK (status = 'pending' OR scheduled_on IS NOT NULL)
);
CREATE INDEX verification_region_idx ON verification (region_code text_pattern_ops, status);
CREATE INDEX verification_institution_idx ON verification (institution_id, status);

-- The result of each checklist item: 符合 / 不符合 / 不适用, with a note.
CREATE TABLE verification_item_result (
  verification_id                bigint NOT NULL REFERENCES verification(verification_id) ON DELETE CASCADE,
  verification_template_item_id  integer NOT NULL REFERENCES verification_template_item(verification_template_item_id),
  result                         text NOT NULL CHECK (result IN ('conform', 'nonconform', 'not_applicable')),
  note                           text,
  recorded_by                    integer REFERENCES app_user(user_id),
  recorded_at                    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (verification_id, verification_template_item_id)
);

-- Evidence per checklist item (photos, scanned certificates): PDF / JPEG / PNG checked by content and size
-- like the filing attachments (filings.rules.ts attachmentTypeOf), kept in the database.
CREATE TABLE verification_evidence (
  verification_evidence_id  bigserial PRIMARY KEY,
  verification_id           bigint NOT NULL REFERENCES verification(verification_id) ON DELETE CASCADE,
  item_code                 text NOT NULL,
  file_name                 text NOT NULL,
  media_type                text NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes                integer NOT NULL CHECK (size_bytes > 0),
  sha256                    text NOT NULL,
  content                   bytea NOT NULL,
  uploaded_by               integer REFERENCES app_user(user_id),
  uploaded_at               timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE verification_evidence ALTER COLUMN content SET STORAGE EXTERNAL;
CREATE INDEX verification_evidence_idx ON verification_evidence (verification_id, item_code);

-- Each filed hazard factor (national code, cdc2021) and whether the institution was found capable of it;
-- a factor found not capable becomes a 'blocked' institution_capability row when the verification is
-- completed.
CREATE TABLE verification_factor (
  verification_id  bigint NOT NULL REFERENCES verification(verification_id) ON DELETE CASCADE,
  hazard_code      text NOT NULL CHECK (hazard_code ~ '^[0-9]{4}$'),
  capable          boolean,
  note             text,
  PRIMARY KEY (verification_id, hazard_code)
);

-- The clock: 3 months after filing. The engine counts days, so 3 months is written as 90 calendar days
-- (a calendar quarter is 89–92 days); the text itself says 3个月.
INSERT INTO deadline_rule (kind, name_zh, name_en, days, day_type, legal_basis, confidence, note) VALUES
  ('onsite_verification', '备案后现场核查', 'On-site verification after filing', 90, 'calendar',
   '国卫办职健函〔2023〕241号：新备案的职业健康检查机构、职业病诊断机构在备案后3个月内开展现场核查；吉卫规〔2024〕2号 一(三)：对新备案的职业健康检查机构要在备案后3个月内组织开展现场核查',
   'verified',
   'The Jilin notice says 3个月 (3 months); the clock counts 90 calendar days. Opened when a filing is filed for the first time, closed when the verification is completed. Responsible: the provincial QC centre (省职业病防治院), else the provincial commission; the provincial commission is warned when it runs late.');

INSERT INTO verification_template (code, version, name_zh, name_en, source, confidence, note) VALUES
  ('onsite', 1, '职业健康检查机构备案后现场核查表（暂行）', 'On-site verification checklist after filing (provisional)',
   '吉卫规〔2024〕2号 一(三)（核查重点：主检医师与职业病诊断医师培训考核、设备设施配备、工作场所条件、质量管理体系与制度、信息报告）；《职业健康检查管理办法》第五条（备案条件）',
   'uncertain',
   'PROVISIONAL: the QC centre''s verification form was not found in the sources. Sections are the areas the Jilin notice names; items restate the filing conditions of 第五条 and what the filing declares; the key items (关键项) are the platform''s choice of the statutory conditions. Replace with the province''s form as version 2.');

INSERT INTO verification_template_item
  (verification_template_id, section_code, section_zh, section_en, item_code, text_zh, text_en, key_item, basis, sort)
SELECT t.verification_template_id, v.section_code, v.section_zh, v.section_en, v.item_code, v.text_zh, v.text_en,
       v.key_item, v.basis, v.sort
  FROM verification_template t,
       (VALUES
  ('personnel', '人员与培训考核', 'Personnel, training and assessment', 'P1',
   '备案的主检医师在岗，职业病诊断资格证书与培训合格证书与备案一致、在有效期内',
   'The filed chief examiners are on duty; their diagnosis qualification and training certificates match the filing and are valid',
   true, '吉卫规〔2024〕2号 一(三)；《职业健康检查管理办法》第五条(四)', 10),
  ('personnel', '人员与培训考核', 'Personnel, training and assessment', 'P2',
   '至少有 1 名取得职业病诊断资格的执业医师',
   'At least one licensed physician qualified for occupational-disease diagnosis',
   true, '《职业健康检查管理办法》第五条(四)', 20),
  ('personnel', '人员与培训考核', 'Personnel, training and assessment', 'P3',
   '医师、护士、技师等人员与备案的检查类别和项目相适应，名单与备案一致',
   'Physicians, nurses and technicians match the filed categories and items and the filed list',
   false, '《职业健康检查管理办法》第五条(三)', 30),
  ('equipment', '设备设施配备', 'Equipment and facilities', 'E1',
   '备案的仪器设备在位，型号、数量与备案一致，与备案的检查项目相适应',
   'The filed instruments are present, model and quantity as filed, matching the filed items',
   true, '《职业健康检查管理办法》第五条(五)', 40),
  ('equipment', '设备设施配备', 'Equipment and facilities', 'E2',
   '仪器设备经检定或校准且在有效期内',
   'Instruments are verified or calibrated and within their validity',
   false, '《职业健康检查管理办法》第五条(五)（由备案的检定/校准有效期推出）', 50),
  ('equipment', '设备设施配备', 'Equipment and facilities', 'E3',
   '开展放射因素类检查的，放射诊疗许可证有效，放射设备与许可一致',
   'For radiation items: a valid radiation diagnosis-and-treatment licence; radiation equipment as licensed',
   false, '《职业健康检查管理办法》第五条(一)', 60),
  ('equipment', '设备设施配备', 'Equipment and facilities', 'E4',
   '拟外出检查的，专用车辆及车载设备与备案一致，满足放射防护和生物安全要求',
   'For outbound exams: the dedicated vehicles and on-board equipment as filed, meeting radiation protection and biosafety',
   false, '《职业健康检查管理办法》第五条(五)；吉卫规〔2024〕2号 一(二)', 70),
  ('venue', '工作场所条件', 'Workplace conditions', 'V1',
   '医疗机构执业许可证有效，执业地址与备案一致',
   'A valid medical institution practice licence; the practice address as filed',
   true, '《职业健康检查管理办法》第五条(一)', 80),
  ('venue', '工作场所条件', 'Workplace conditions', 'V2',
   '检查用房、候检场所和检验室建筑总面积不少于 400 平方米',
   'Exam rooms, waiting area and laboratory total at least 400 m²',
   true, '《职业健康检查管理办法》第五条(二)', 90),
  ('venue', '工作场所条件', 'Workplace conditions', 'V3',
   '每个独立检查室使用面积不少于 6 平方米',
   'Each exam room at least 6 m²',
   false, '《职业健康检查管理办法》第五条(二)', 100),
  ('quality', '质量管理体系与制度', 'Quality management system', 'Q1',
   '建立职业健康检查质量管理制度并实际运行（质量负责人、技术负责人、记录）',
   'A quality management system for exams is in place and operating (quality and technical leads, records)',
   false, '《职业健康检查管理办法》第五条(六)；吉卫规〔2024〕2号 一(三)', 110),
  ('reporting', '信息报告', 'Information reporting', 'R1',
   '具备职业健康检查信息报告条件（专人、平台账号、个案卡按规定报送）',
   'Able to report exam information (a named person, a platform account, case cards reported as required)',
   false, '《职业健康检查管理办法》第五条(七)、第七条；吉卫规〔2024〕2号 一(三)', 120)
       ) AS v(section_code, section_zh, section_en, item_code, text_zh, text_en, key_item, basis, sort)
 WHERE t.code = 'onsite' AND t.version = 1;
