-- Occupational-disease diagnosis reports (职业病诊断报告, issue 15 items 2 and 7), after the national
-- exchange specification's DIAGNOSE_OCPD (职业病报告卡 and 尘肺病报告卡; ../shared/NATIONAL-DATA-SETS.md
-- §2.4), from diagnosis institutions. One report per institution and report number (its natural key); a
-- resend of a changed report or a correction keeps the previous content in diagnosis_report_version.
-- A report may resolve a suspected case found at an exam: its diagnosis or exclusion is recorded on the
-- case (suspected_case) in the same transaction.
CREATE TABLE diagnosis_report (
  diagnosis_report_id    bigserial PRIMARY KEY,
  institution_id         integer NOT NULL REFERENCES organisation(organisation_id),
  record_id              text NOT NULL,
  version                integer NOT NULL DEFAULT 1,
  content_hash           text NOT NULL,
  worker_id              bigint NOT NULL REFERENCES worker(worker_id),
  -- The employer (用人单位) as reported, and the registered organisation with that credit code, if any.
  employer_id            integer REFERENCES organisation(organisation_id),
  employer_credit_code   text NOT NULL,
  employer_name          text NOT NULL,
  employing_credit_code  text NOT NULL,
  employing_name         text NOT NULL,
  -- The employer's county: the regulators who see the report.
  region_code            text NOT NULL CHECK (region_code ~ '^\d{6}$'),
  -- diagnosed: an occupational disease (disease_code of the national table cdc2021-diseases);
  -- excluded: not an occupational disease (诊断排除; the national table's 0 无职业病).
  conclusion             text NOT NULL CHECK (conclusion IN ('diagnosed', 'excluded')),
  disease_code           text,
  -- The catalogue edition the disease was checked against (by diagnosis date: 2013, or 2024 from 2025-08-01).
  disease_edition        text CHECK (disease_edition IN ('2013', '2024')),
  -- 尘肺病: the case type (CASETYPE 01–05), the stage (implied in the specification by the latest stage
  -- date set; kept explicitly) and the date each stage was diagnosed (晋期).
  case_type_code         text,
  stage                  text CHECK (stage IN ('壹期', '贰期', '叁期')),
  stage_one_date         date,
  stage_two_date         date,
  stage_three_date       date,
  complication_codes     text[] NOT NULL DEFAULT '{}',
  apply_date             date NOT NULL,
  diagnosis_date         date NOT NULL,
  report_date            date NOT NULL,
  physicians             text[] NOT NULL CHECK (cardinality(physicians) >= 1),
  factor_codes           text[] NOT NULL,
  suspected_case_id      bigint REFERENCES suspected_case(suspected_case_id),
  -- Whether the diagnosed disease is the one suspected at the exam (noted, never refused); null without a
  -- case and for an exclusion.
  matches_suspected      boolean,
  -- The report as received, the worker's personal fields removed (they are in worker, encrypted).
  report                 jsonb NOT NULL,
  import_batch_id        integer REFERENCES import_batch(import_batch_id),
  source                 text NOT NULL CHECK (source IN ('api', 'web', 'batch', 'demo')),
  created_by             integer REFERENCES app_user(user_id),
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  UNIQUE (institution_id, record_id),
  CHECK ((conclusion = 'diagnosed') = (disease_code IS NOT NULL)),
  CHECK (stage IS NULL OR conclusion = 'diagnosed'),
  CHECK (report_date >= diagnosis_date)
);
-- Lists by scope and diagnosis date (the pattern of 0007 / 0010).
CREATE INDEX diagnosis_report_city_date_idx ON diagnosis_report (left(region_code, 4), diagnosis_date DESC, diagnosis_report_id DESC);
CREATE INDEX diagnosis_report_county_date_idx ON diagnosis_report (region_code, diagnosis_date DESC, diagnosis_report_id DESC);
CREATE INDEX diagnosis_report_institution_date_idx ON diagnosis_report (institution_id, diagnosis_date DESC, diagnosis_report_id DESC);
CREATE INDEX diagnosis_report_employer_idx ON diagnosis_report (employer_id, diagnosis_date DESC);
CREATE INDEX diagnosis_report_worker_idx ON diagnosis_report (worker_id);
-- A suspected case is resolved by one report.
CREATE UNIQUE INDEX diagnosis_report_suspected_case_idx ON diagnosis_report (suspected_case_id) WHERE suspected_case_id IS NOT NULL;

CREATE TABLE diagnosis_report_version (
  diagnosis_report_id  bigint NOT NULL REFERENCES diagnosis_report(diagnosis_report_id) ON DELETE CASCADE,
  version              integer NOT NULL,
  content_hash         text NOT NULL,
  report               jsonb NOT NULL,
  replaced_by          integer REFERENCES app_user(user_id),
  replaced_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (diagnosis_report_id, version)
);

-- The Idempotency-Key of the single-report door: a retry with the same key and body returns the first
-- answer; the same key with another body is refused (422); a concurrent duplicate waits on the key and
-- then finds it taken (409).
CREATE TABLE diagnosis_report_request (
  institution_id       integer NOT NULL REFERENCES organisation(organisation_id),
  idempotency_key      text NOT NULL,
  body_hash            text NOT NULL,
  diagnosis_report_id  bigint NOT NULL REFERENCES diagnosis_report(diagnosis_report_id) ON DELETE CASCADE,
  outcome              text NOT NULL,
  created_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (institution_id, idempotency_key)
);

-- The diagnosis institution reports each diagnosis to the regulator's system. The day count is quoted by
-- secondary sources only (the 2021 text was not retrieved): 'reported', not 'verified'.
INSERT INTO deadline_rule (kind, name_zh, name_en, days, day_type, legal_basis, confidence, note) VALUES
  ('diagnosis_report_due', '职业病诊断报告上报', 'Diagnosis reported to the regulator', 15, 'calendar',
   '《职业病诊断与鉴定管理办法》（国家卫生健康委令第6号，2021）：确诊后通过职业病及健康危害因素监测信息系统报告（NATIONAL-DATA-SETS.md §4.2）',
   'reported',
   'The 15 days are quoted by secondary sources and agree with the older rules (各类职业病病例均在确诊后15天之内; 1988《职业病报告办法》: 尘肺/慢性 15 days, acute 24 hours); the 2021 text itself was not read. The clock starts on the diagnosis date and is closed when the report arrives; its lateness is judged by the report date.');
