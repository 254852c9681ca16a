-- Health-exam case cards (职业健康检查个案卡), after the national exchange specification's
-- HEALTH_EXAM_RECORD (issue 15 item 2; ../shared/NATIONAL-DATA-SETS.md §2.2). Diagnosis reports and the
-- review follow with the code that writes them. Codes are stored as the national tables' strings (code
-- system cdc2021, version 1.0).

-- The worker registry (劳动者, item 6). A worker is found by a keyed hash (HMAC-SHA-256 with the data key)
-- of the document type and the normalised number, never by the number itself; number, name and phone are
-- stored encrypted (AES-256-GCM; the ciphertext names its key version), and masked copies serve lists.
CREATE TABLE worker (
  worker_id        bigserial PRIMARY KEY,
  id_type_code     text NOT NULL,
  id_hash          text NOT NULL CHECK (id_hash ~ '^[0-9a-f]{64}$'),
  id_number_enc    text NOT NULL,
  name_enc         text NOT NULL,
  phone_enc        text,
  id_masked        text NOT NULL,
  name_masked      text NOT NULL,
  gender_code      text NOT NULL,
  birth_date       date NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (id_type_code, id_hash)
);

-- One card per institution and record ID (the national record's ID attribute): a resend of a changed
-- card updates it (version + 1, the previous content kept in exam_card_version); an identical resend
-- (same content hash) is counted as unchanged.
CREATE TABLE exam_card (
  exam_card_id           bigserial PRIMARY KEY,
  institution_id         integer NOT NULL REFERENCES organisation(organisation_id),
  record_id              text NOT NULL,
  exam_no                text,
  version                integer NOT NULL DEFAULT 1,
  content_hash           text NOT NULL,
  -- The national audit status (审核状态): 02 区县待审核 on arrival … 07 省级审核通过 (only those are
  -- exported to the national system).
  audit_status           text NOT NULL DEFAULT '02',
  worker_id              bigint NOT NULL REFERENCES worker(worker_id),
  -- The employer (用人单位) as reported, and the registered organisation with that credit code, if any.
  employer_id            integer REFERENCES organisation(organisation_id),
  employer_credit_code   text NOT NULL,
  employer_name          text NOT NULL,
  employing_credit_code  text NOT NULL,
  employing_name         text NOT NULL,
  -- The employer's region (ADDRESS_CODE, county level kept): the regulators who see and review the card.
  region_code            text NOT NULL CHECK (region_code ~ '^\d{6}$'),
  exam_date              date NOT NULL,
  exam_type_code         text NOT NULL,
  monitoring_type_code   text NOT NULL,
  is_reexam              boolean NOT NULL DEFAULT false,
  reexam_of_card_id      bigint REFERENCES exam_card(exam_card_id),
  work_type_code         text NOT NULL,
  contact_factor_codes   text[] NOT NULL,
  -- Summary of the conclusions, for lists and the suspected-case chain.
  has_suspected          boolean NOT NULL DEFAULT false,
  has_contraindication   boolean NOT NULL DEFAULT false,
  report_date            date NOT NULL,
  chief_physician        text,
  -- The card as received, the worker's personal fields removed (they are in worker, encrypted); the
  -- item results live here (read with the card, not searched one by one).
  card                   jsonb NOT NULL,
  import_batch_id        integer REFERENCES import_batch(import_batch_id),
  source                 text NOT NULL CHECK (source IN ('xml', 'api', 'upload', 'cli', 'demo')),
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  UNIQUE (institution_id, record_id)
);
-- Lists by scope and exam date (the pattern of 0007: the scope's equality first, then the order).
CREATE INDEX exam_card_province_date_idx ON exam_card (left(region_code, 2), exam_date DESC, exam_card_id DESC);
CREATE INDEX exam_card_city_date_idx ON exam_card (left(region_code, 4), exam_date DESC, exam_card_id DESC);
CREATE INDEX exam_card_county_date_idx ON exam_card (region_code, exam_date DESC, exam_card_id DESC);
CREATE INDEX exam_card_institution_date_idx ON exam_card (institution_id, exam_date DESC, exam_card_id DESC);
CREATE INDEX exam_card_worker_idx ON exam_card (worker_id, exam_date DESC);
CREATE INDEX exam_card_employer_idx ON exam_card (employer_credit_code, exam_date DESC);
CREATE INDEX exam_card_suspected_idx ON exam_card (region_code, exam_date) WHERE has_suspected;

CREATE TABLE exam_card_version (
  exam_card_id     bigint NOT NULL REFERENCES exam_card(exam_card_id) ON DELETE CASCADE,
  version          integer NOT NULL,
  content_hash     text NOT NULL,
  card             jsonb NOT NULL,
  import_batch_id  integer REFERENCES import_batch(import_batch_id),
  replaced_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (exam_card_id, version)
);

-- One conclusion per hazard factor (all dusts of a card share one: factor_codes holds them).
CREATE TABLE exam_conclusion (
  exam_card_id            bigint NOT NULL REFERENCES exam_card(exam_card_id) ON DELETE CASCADE,
  seq                     smallint NOT NULL,
  factor_codes            text[] NOT NULL,
  factor_other            text,
  conclusion_code         text NOT NULL,
  suspected_disease_code  text,
  contraindication        text,
  other_abnormality       text,
  harm_start_date         date,
  harm_years              smallint,
  harm_months             smallint,
  PRIMARY KEY (exam_card_id, seq)
);
CREATE INDEX exam_conclusion_code_idx ON exam_conclusion (conclusion_code);
