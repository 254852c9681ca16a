-- 整改台账 (issue 16 item 6, R25): every finding — from a QC assessment, an on-site verification, the card
-- sampling or an inspection — becomes an item with an owner (the institution and the person it names), a
-- due date, evidence, verification by the QC centre or a regulator, closing item by item (动态销号),
-- re-opening and follow-up re-checks (回头看). Sources: 吉卫规〔2024〕2号 五 (抽查 … 建立问题清单和整改台账),
-- 六 (拒不整改或整改不到位 … 名单以及存在的主要问题); 黑卫 2024 质量提升行动 三(四)3 (建立质控工作整改台账，
-- 紧盯不合格项目整改进度，实行动态销号管理，并联合疾控部门定期开展“回头看”), 三(四)2 (对口帮扶).

-- The default time to rectify, by severity, as clocks of the deadlines engine. No policy read gives a
-- number: the days are the platform's placeholders (confidence 'uncertain'), used when the raiser gives
-- no due date; the province should set them (docs/STANDARDS.md, Rectification).
INSERT INTO deadline_rule (kind, name_zh, name_en, days, day_type, legal_basis, confidence, note) VALUES
  ('rectification_major', '整改期限（重大问题）', 'Rectification due (major finding)', 30, 'calendar',
   '吉卫规〔2024〕2号 五：建立问题清单和整改台账，并及时进行处置；黑卫 2024 职业病防治技术支撑能力提升行动 三(四)3：建立质控工作整改台账，实行动态销号管理',
   'uncertain',
   'The policies require rectification and a ledger but give no number of days; 30 calendar days for a major finding is the platform''s placeholder (used when the raiser gives no due date), to be set by the province. Opened per round of an item (raised or reopened), closed when the item is verified and closed (销号). Responsible: the institution; the commission of its region is warned when it runs late.'),
  ('rectification_general', '整改期限（一般问题）', 'Rectification due (general finding)', 60, 'calendar',
   '吉卫规〔2024〕2号 五：建立问题清单和整改台账，并及时进行处置；黑卫 2024 职业病防治技术支撑能力提升行动 三(四)3：建立质控工作整改台账，实行动态销号管理',
   'uncertain',
   'The policies give no number of days; 60 calendar days for a general finding is the platform''s placeholder (used when the raiser gives no due date), to be set by the province.');

CREATE TABLE rectification_item (
  rectification_item_id     bigserial PRIMARY KEY,
  source                    text NOT NULL CHECK (source IN ('qc', 'verification', 'card_sampling', 'inspection')),
  -- What raised it in its source (an assessment item, a checklist item, a sampled card …): raising the
  -- same finding again returns the same item.
  source_ref                text NOT NULL CHECK (length(source_ref) BETWEEN 1 AND 200),
  institution_id            integer NOT NULL REFERENCES organisation(organisation_id),
  -- The institution's region when raised (scope, rates by region).
  region_code               text NOT NULL CHECK (region_code ~ '^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9})$'),
  title                     text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  detail                    text,
  severity                  text NOT NULL CHECK (severity IN ('major', 'general')),
  status                    text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'submitted', 'closed')),
  raised_on                 date NOT NULL,
  raised_by                 integer REFERENCES app_user(user_id),
  raised_by_organisation_id integer REFERENCES organisation(organisation_id),
  -- The current round's due date (a reopened item has a new round and due date).
  due_on                    date NOT NULL,
  round_no                  integer NOT NULL DEFAULT 1 CHECK (round_no >= 1),
  -- The person the institution names as responsible (整改责任人).
  responsible_person        text,
  submitted_at              timestamptz,
  closed_on                 date,
  closed_by                 integer REFERENCES app_user(user_id),
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  UNIQUE (source, source_ref),
  CHECK ((status = 'closed') = (closed_on IS NOT NULL))
);
CREATE INDEX rectification_item_region_idx ON rectification_item (region_code text_pattern_ops, status, due_on);
CREATE INDEX rectification_item_institution_idx ON rectification_item (institution_id, status, due_on);

-- Each round of an item (raised = round 1, each reopening another): its own due date and its own clock
-- (deadline subject 'rectification_round'), so a reopened item starts a new clock and the closed one
-- keeps when it was done.
CREATE TABLE rectification_round (
  rectification_round_id  bigserial PRIMARY KEY,
  rectification_item_id   bigint NOT NULL REFERENCES rectification_item(rectification_item_id) ON DELETE CASCADE,
  round_no                integer NOT NULL CHECK (round_no >= 1),
  opened_on               date NOT NULL,
  due_on                  date NOT NULL,
  closed_on               date,
  UNIQUE (rectification_item_id, round_no)
);

-- The item's history: raised, responded (with evidence), rejected (with the opinion), closed (销号),
-- reopened, follow-up re-checks (回头看: date, who, ok or relapse), responsible person named.
CREATE TABLE rectification_event (
  rectification_event_id  bigserial PRIMARY KEY,
  rectification_item_id   bigint NOT NULL REFERENCES rectification_item(rectification_item_id) ON DELETE CASCADE,
  round_no                integer NOT NULL,
  kind                    text NOT NULL
                          CHECK (kind IN ('raised', 'responded', 'rejected', 'closed', 'reopened', 'follow_up')),
  note                    text,
  -- A follow-up re-check: the day of the check, who checked (names), ok or relapse.
  checked_on              date,
  checkers                text,
  result                  text CHECK (result IN ('ok', 'relapse')),
  due_on                  date,
  user_id                 integer REFERENCES app_user(user_id),
  organisation_id         integer REFERENCES organisation(organisation_id),
  at                      timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'follow_up') = (result IS NOT NULL AND checked_on IS NOT NULL))
);
CREATE INDEX rectification_event_item_idx ON rectification_event (rectification_item_id, rectification_event_id);

-- Evidence of rectification (photos, scanned records): PDF / JPEG / PNG checked by content and size like
-- the filing attachments; uploaded by the institution while the item is open and attached to the
-- response that submits it (event), kept in the database.
CREATE TABLE rectification_evidence (
  rectification_evidence_id  bigserial PRIMARY KEY,
  rectification_item_id      bigint NOT NULL REFERENCES rectification_item(rectification_item_id) ON DELETE CASCADE,
  round_no                   integer NOT NULL,
  rectification_event_id     bigint REFERENCES rectification_event(rectification_event_id),
  file_name                  text NOT NULL,
  media_type                 text NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes                 integer NOT NULL CHECK (size_bytes > 0),
  sha256                     text NOT NULL,
  content                    bytea NOT NULL,
  uploaded_by                integer REFERENCES app_user(user_id),
  uploaded_at                timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE rectification_evidence ALTER COLUMN content SET STORAGE EXTERNAL;
CREATE INDEX rectification_evidence_item_idx ON rectification_evidence (rectification_item_id, rectification_evidence_id);

-- 拒不整改或整改不到位 (吉卫规〔2024〕2号 六): a regulator marks an institution, with the reason, the date
-- and the items concerned (its main problems, published on the public list); lifted when it rectifies.
CREATE TABLE rectification_refusal (
  rectification_refusal_id  bigserial PRIMARY KEY,
  institution_id            integer NOT NULL REFERENCES organisation(organisation_id),
  region_code               text NOT NULL CHECK (region_code ~ '^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9})$'),
  kind                      text NOT NULL CHECK (kind IN ('refusing', 'inadequate')),
  reason                    text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  marked_on                 date NOT NULL,
  marked_by                 integer REFERENCES app_user(user_id),
  marked_by_organisation_id integer REFERENCES organisation(organisation_id),
  lifted_on                 date,
  lifted_by                 integer REFERENCES app_user(user_id),
  lift_note                 text,
  created_at                timestamptz NOT NULL DEFAULT now()
);
-- One standing mark per institution.
CREATE UNIQUE INDEX rectification_refusal_active_idx ON rectification_refusal (institution_id) WHERE lifted_on IS NULL;
CREATE INDEX rectification_refusal_region_idx ON rectification_refusal (region_code text_pattern_ops);

CREATE TABLE rectification_refusal_item (
  rectification_refusal_id  bigint NOT NULL REFERENCES rectification_refusal(rectification_refusal_id) ON DELETE CASCADE,
  rectification_item_id     bigint NOT NULL REFERENCES rectification_item(rectification_item_id),
  PRIMARY KEY (rectification_refusal_id, rectification_item_id)
);

-- 对口帮扶 (黑卫 2024 三(四)2): a lead (支援) institution helps an assisted (受援) one — guidance on its
-- organisation, quality management system, information reporting, QC rectification, training — over a
-- period; activities are recorded and a yearly report submitted (各市(地)卫生健康委要于每年11月15日前报送
-- 帮扶工作开展情况报告). Scoped by the assisted institution's region.
CREATE TABLE assistance_pairing (
  assistance_pairing_id      bigserial PRIMARY KEY,
  lead_institution_id        integer NOT NULL REFERENCES organisation(organisation_id),
  assisted_institution_id    integer NOT NULL REFERENCES organisation(organisation_id),
  region_code                text NOT NULL CHECK (region_code ~ '^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9})$'),
  kind                       text NOT NULL CHECK (kind IN ('diagnosis', 'exam', 'rehab')),
  starts_on                  date NOT NULL,
  ends_on                    date,
  focus                      text[] NOT NULL DEFAULT '{}',
  note                       text,
  status                     text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
  created_by                 integer REFERENCES app_user(user_id),
  created_by_organisation_id integer REFERENCES organisation(organisation_id),
  created_at                 timestamptz NOT NULL DEFAULT now(),
  updated_at                 timestamptz NOT NULL DEFAULT now(),
  CHECK (lead_institution_id <> assisted_institution_id),
  CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX assistance_pairing_region_idx ON assistance_pairing (region_code text_pattern_ops);

CREATE TABLE assistance_activity (
  assistance_activity_id  bigserial PRIMARY KEY,
  assistance_pairing_id   bigint NOT NULL REFERENCES assistance_pairing(assistance_pairing_id) ON DELETE CASCADE,
  activity_on             date NOT NULL,
  kind                    text NOT NULL
                          CHECK (kind IN ('guidance', 'qms', 'reporting', 'qc_rectification', 'training', 'other')),
  summary                 text NOT NULL CHECK (length(summary) BETWEEN 1 AND 2000),
  created_by              integer REFERENCES app_user(user_id),
  created_at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assistance_activity_pairing_idx ON assistance_activity (assistance_pairing_id, activity_on);

CREATE TABLE assistance_report (
  assistance_pairing_id  bigint NOT NULL REFERENCES assistance_pairing(assistance_pairing_id) ON DELETE CASCADE,
  year                   integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  summary                text NOT NULL CHECK (length(summary) BETWEEN 1 AND 5000),
  submitted_on           date NOT NULL,
  submitted_by           integer REFERENCES app_user(user_id),
  PRIMARY KEY (assistance_pairing_id, year)
);
