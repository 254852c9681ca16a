-- 机构备案 (issue 16 item 2, R43): exam and diagnosis institutions file with the provincial health
-- commission (《职业健康检查管理办法》第四条; 《职业病诊断与鉴定管理办法》; Jilin 吉卫规〔2024〕2号 一(一):
-- filed online on the provincial platform, managed by the 省卫生健康委), and technical-service
-- institutions keep their qualification record the same way. One filing per institution (a cancelled
-- one stays as history and a new one may start); its content lives in versions — the first filing and
-- every change (变更) — each submitted, returned with an opinion or filed; the filed version is what the
-- institution may do (institution_capability, migration 0021).
CREATE TABLE filing (
  filing_id              bigserial PRIMARY KEY,
  institution_id         integer NOT NULL REFERENCES organisation(organisation_id),
  kind                   text NOT NULL CHECK (kind IN ('exam', 'diagnosis', 'service')),
  -- The institution's region (scope: regulators see their region's filings) and the region of the
  -- commission that files it (the province: docs/STANDARDS.md, Filings).
  region_code            text NOT NULL CHECK (region_code ~ '^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9})$'),
  authority_region_code  text NOT NULL CHECK (authority_region_code ~ '^[0-9]{2,9}$'),
  -- draft / submitted / returned: the first filing on its way; filed: on the platform (a change may be
  -- under way: change_status); cancelled: 注销 (or a first draft withdrawn).
  status                 text NOT NULL DEFAULT 'draft'
                         CHECK (status IN ('draft', 'submitted', 'returned', 'filed', 'cancelled')),
  change_status          text CHECK (change_status IN ('draft', 'submitted', 'returned')),
  filing_no              text UNIQUE,
  filed_on               date,
  filed_version_id       bigint,
  working_version_id     bigint,
  cancelled_on           date,
  cancel_reason          text,
  -- Set for filings imported from the cities' earlier records (counted as filed).
  imported               boolean NOT NULL DEFAULT false,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'filed') = (filing_no IS NOT NULL AND filed_version_id IS NOT NULL) OR status = 'cancelled'),
  CHECK (change_status IS NULL OR status = 'filed')
);
CREATE UNIQUE INDEX filing_one_live_idx ON filing (institution_id) WHERE status <> 'cancelled';
CREATE INDEX filing_region_idx ON filing (region_code text_pattern_ops, status);
CREATE INDEX filing_authority_idx ON filing (authority_region_code, status);

CREATE TABLE filing_version (
  filing_version_id  bigserial PRIMARY KEY,
  filing_id          bigint NOT NULL REFERENCES filing(filing_id) ON DELETE CASCADE,
  version_no         integer NOT NULL CHECK (version_no >= 1),
  purpose            text NOT NULL CHECK (purpose IN ('initial', 'change', 'import')),
  status             text NOT NULL DEFAULT 'draft'
                     CHECK (status IN ('draft', 'submitted', 'returned', 'filed', 'superseded', 'discarded')),
  -- The steps (FilingContent in packages/contracts/src/filings.ts): institution, personnel, equipment,
  -- vehicles, venues, categories with their national hazard codes.
  content            jsonb NOT NULL DEFAULT '{}'::jsonb,
  change_reason      text,
  filed_on           date,
  created_by         integer REFERENCES app_user(user_id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (filing_id, version_no)
);
ALTER TABLE filing ADD FOREIGN KEY (filed_version_id) REFERENCES filing_version(filing_version_id);
ALTER TABLE filing ADD FOREIGN KEY (working_version_id) REFERENCES filing_version(filing_version_id);

-- Each submission of a version and the commission's decision on it (the history the institution and
-- the reviewer see; the statutory clock 'filing_review' runs per submission).
CREATE TABLE filing_review (
  filing_review_id   bigserial PRIMARY KEY,
  filing_version_id  bigint NOT NULL REFERENCES filing_version(filing_version_id) ON DELETE CASCADE,
  submitted_at       timestamptz NOT NULL DEFAULT now(),
  submitted_by       integer REFERENCES app_user(user_id),
  decision           text CHECK (decision IN ('returned', 'filed')),
  opinion            text,
  decided_at         timestamptz,
  decided_by         integer REFERENCES app_user(user_id),
  decided_by_organisation_id integer REFERENCES organisation(organisation_id),
  CHECK ((decision IS NULL) = (decided_at IS NULL)),
  CHECK (decision IS DISTINCT FROM 'returned' OR length(trim(opinion)) > 0)
);
CREATE INDEX filing_review_version_idx ON filing_review (filing_version_id, submitted_at);

-- Attachments (licences, certificates, floor plans …), checked by content (PDF / JPEG / PNG magic bytes)
-- and size before they are stored, kept in the database as the import files are (migration 0023).
CREATE TABLE filing_attachment (
  filing_attachment_id  bigserial PRIMARY KEY,
  filing_version_id     bigint NOT NULL REFERENCES filing_version(filing_version_id) ON DELETE CASCADE,
  kind                  text NOT NULL CHECK (kind IN ('practice_licence', 'radiation_licence', 'qualification',
                          'training', 'floor_plan', 'quality_manual', 'equipment_list', 'other')),
  file_name             text NOT NULL,
  media_type            text NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes            integer NOT NULL CHECK (size_bytes > 0),
  sha256                text NOT NULL,
  content               bytea NOT NULL,
  uploaded_by           integer REFERENCES app_user(user_id),
  uploaded_at           timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE filing_attachment ALTER COLUMN content SET STORAGE EXTERNAL;
CREATE INDEX filing_attachment_version_idx ON filing_attachment (filing_version_id);

-- The commission's clock on a submitted filing. Neither the national rules nor the Jilin notice give
-- the commission a day count for deciding a filing (../shared/NATIONAL-DATA-SETS.md §4.1–4.2: the 15
-- working days there are the institution's time to file after it starts work); the placeholder below
-- mirrors that period and is marked uncertain for the province to set (docs/STANDARDS.md, Filings).
INSERT INTO deadline_rule (kind, name_zh, name_en, days, day_type, legal_basis, confidence, note) VALUES
  ('filing_review', '备案材料审核', 'Filing: decide a submitted filing', 15, 'working',
   '《职业健康检查管理办法》第四条（开展之日起15个工作日内向省级卫生健康主管部门备案）；《职业病诊断与鉴定管理办法》（同上）；吉卫规〔2024〕2号 一(一)（由省卫生健康委进行网上备案管理）（../shared/NATIONAL-DATA-SETS.md §4.1–4.2; ../shared/seeds 004）',
   'uncertain',
   'No time limit for the commission to decide a filing was found in the national rules or the Jilin notice; the 15 working days are the institution''s period to file after starting work, used here as a placeholder the province should set. Closed when the filing is filed or returned.');
