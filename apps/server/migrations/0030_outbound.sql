-- 外出职业健康检查告知书 (outbound-exam notices, issue 16 item 4; R44, R47). Source: Jilin 吉卫规〔2024〕2号
-- (../shared/seeds 004): 一(二) an institution filed on the provincial platform may examine outside its site
-- only after its on-site verification passed (new filings) or all key QC items passed (earlier filings);
-- 三 it fills in the 《外出职业健康检查告知书》 and notifies in writing, "在开展工作前5个工作日内", the
-- county (市、区) health department where the employer is, or the city (州) department when the county's
-- occupational-health supervision is delegated upward (代管).

-- The notice period per province. The source's "在开展工作前5个工作日内" is ambiguous about whether the
-- notice day counts (../shared/DOMAIN.md §11): the stricter reading 'clear_days' (5 working days lie
-- strictly between the notice day and the start day) is the default and marked uncertain.
CREATE TABLE outbound_setting (
  province_code        text PRIMARY KEY CHECK (province_code ~ '^[0-9]{2}$'),
  notice_working_days  integer NOT NULL CHECK (notice_working_days BETWEEN 1 AND 60),
  convention           text NOT NULL DEFAULT 'clear_days'
                       CHECK (convention IN ('clear_days', 'notice_day_counts')),
  legal_basis          text NOT NULL,
  confidence           text NOT NULL CHECK (confidence IN ('verified', 'uncertain')),
  note                 text,
  updated_at           timestamptz NOT NULL DEFAULT now()
);
INSERT INTO outbound_setting (province_code, notice_working_days, convention, legal_basis, confidence, note) VALUES
  ('22', 5, 'clear_days',
   '吉卫规〔2024〕2号 三：“在开展工作前5个工作日内以书面形式告知用人单位所在地的县(市、区)级卫生健康行政部门”（../shared/seeds 004; R47）',
   'uncertain',
   'The number (5) is from the source. Whether the notice day counts is not said: the stricter clear_days reading (5 working days strictly between the notice day and the start day) is used until the province says otherwise.');

-- Counties whose occupational-health supervision is delegated to their city (代管): notices for employers
-- there go to the city's health commission. A row per delegated county; no row = the county's own.
CREATE TABLE outbound_delegation (
  county_code  text PRIMARY KEY CHECK (county_code ~ '^[0-9]{6}$'),
  city_code    text NOT NULL CHECK (city_code ~ '^[0-9]{4}$'),
  note         text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (left(county_code, 4) = city_code)
);

CREATE TABLE outbound_notice (
  outbound_notice_id        serial PRIMARY KEY,
  institution_id            integer NOT NULL REFERENCES organisation(organisation_id),
  filing_id                 bigint REFERENCES filing(filing_id),
  status                    text NOT NULL DEFAULT 'draft'
                            CHECK (status IN ('draft', 'submitted', 'acknowledged', 'withdrawn')),
  -- The employer: a registered organisation, or a name with its county (and credit code when known).
  employer_id               integer REFERENCES organisation(organisation_id),
  employer_name             text NOT NULL,
  employer_credit_code      text,
  employer_region_code      text NOT NULL CHECK (employer_region_code ~ '^[0-9]{6}([0-9]{3})?$'),
  site_address              text NOT NULL,
  start_date                date NOT NULL,
  end_date                  date NOT NULL,
  CHECK (end_date >= start_date),
  -- National hazard-factor codes (cdc2021) from the institution's filed, not blocked, capability.
  hazard_codes              jsonb NOT NULL DEFAULT '[]'::jsonb,
  exam_items                text,
  -- From the filing's personnel, equipment and vehicles (copied as they were chosen).
  staff                     jsonb NOT NULL DEFAULT '[]'::jsonb,
  vehicles                  jsonb NOT NULL DEFAULT '[]'::jsonb,
  equipment                 jsonb NOT NULL DEFAULT '[]'::jsonb,
  expected_count            integer NOT NULL CHECK (expected_count BETWEEN 1 AND 100000),
  contact_name              text,
  contact_phone             text,
  note                      text,
  -- Routing, fixed at submission: the employer's county, or its city when delegated.
  receiving_region_code     text CHECK (receiving_region_code ~ '^([0-9]{4}|[0-9]{6})$'),
  receiving_organisation_id integer REFERENCES organisation(organisation_id),
  delegated                 boolean NOT NULL DEFAULT false,
  -- The timing checked at submission (the rule's numbers kept with the notice).
  notice_working_days       integer,
  convention                text,
  calendar_provisional      boolean NOT NULL DEFAULT false,
  submitted_at              timestamptz,
  submitted_on              date,
  submitted_by              integer REFERENCES app_user(user_id),
  acknowledged_at           timestamptz,
  acknowledged_by           integer REFERENCES app_user(user_id),
  acknowledge_note          text,
  withdrawn_at              timestamptz,
  withdraw_reason           text,
  document_id               integer REFERENCES issued_document(document_id),
  created_by                integer REFERENCES app_user(user_id),
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  CHECK ((status IN ('submitted', 'acknowledged')) <= (submitted_at IS NOT NULL AND receiving_organisation_id IS NOT NULL)),
  CHECK ((status = 'acknowledged') = (acknowledged_at IS NOT NULL))
);
CREATE INDEX outbound_notice_institution_idx ON outbound_notice (institution_id, start_date DESC);
CREATE INDEX outbound_notice_receiving_idx ON outbound_notice (receiving_organisation_id, status);
CREATE INDEX outbound_notice_employer_region_idx ON outbound_notice (employer_region_code text_pattern_ops);
