-- 个案卡抽查 (issue 15 item 8): a regulator or the provincial QC centre draws N cards per exam institution
-- at random with a recorded seed and records, per drawn card, whether the online card matches the paper
-- report. Published audits found a quarter of online conclusions disagreeing with the paper reports;
-- this is the check.
--
-- The draw is reproducible by anyone holding the seed and the candidate cards: each candidate's draw key
-- is SHA-256 over the UTF-8 text `seed|institution key|record ID` (institution key: its unified social
-- credit code, or `org:<id>` when it has none), candidates are ordered by that key per institution and
-- the first N taken (method sha256-v1, docs/ARCHITECTURE.md "Card sampling"). The candidate set is kept
-- as a digest so that a later replay can show whether the set itself changed.
CREATE TABLE exam_sample (
  exam_sample_id      bigserial PRIMARY KEY,
  method              text NOT NULL DEFAULT 'sha256-v1' CHECK (method IN ('sha256-v1')),
  seed                text NOT NULL CHECK (seed ~ '^[A-Za-z0-9_-]{1,64}$'),
  period_from         date NOT NULL,
  period_to           date NOT NULL,
  per_institution     integer NOT NULL CHECK (per_institution BETWEEN 1 AND 200),
  reviewed_only       boolean NOT NULL DEFAULT false,
  -- The institutions asked for; empty = every exam institution with cards in the scope.
  institution_ids     integer[] NOT NULL DEFAULT '{}',
  -- Where the draw looked: the drawer's scope at the time (a region prefix; the QC centre's province).
  scope_region_code   text NOT NULL CHECK (scope_region_code ~ '^\d{2,9}$'),
  organisation_id     integer NOT NULL REFERENCES organisation(organisation_id),
  drawn_by            integer NOT NULL REFERENCES app_user(user_id),
  drawn_at            timestamptz NOT NULL DEFAULT now(),
  title               text,
  candidate_count     integer NOT NULL,
  -- SHA-256 (hex) over the candidates' natural keys, sorted, one per line.
  candidate_digest    text NOT NULL CHECK (candidate_digest ~ '^[0-9a-f]{64}$'),
  -- Per institution: {institutionId, candidates, drawn}, as drawn.
  institutions        jsonb NOT NULL,
  CHECK (period_from <= period_to)
);
CREATE INDEX exam_sample_scope_idx ON exam_sample (scope_region_code, drawn_at DESC);

CREATE TABLE exam_sample_card (
  exam_sample_id      bigint NOT NULL REFERENCES exam_sample(exam_sample_id) ON DELETE CASCADE,
  exam_card_id        bigint NOT NULL REFERENCES exam_card(exam_card_id),
  institution_id      integer NOT NULL REFERENCES organisation(organisation_id),
  -- 1 … N within the institution, by draw key.
  draw_rank           integer NOT NULL CHECK (draw_rank >= 1),
  draw_key            text NOT NULL CHECK (draw_key ~ '^[0-9a-f]{64}$'),
  -- The card's version when drawn (a later resend is compared against the paper report anyway).
  card_version        integer NOT NULL,
  -- The check against the paper report: null until recorded; a mismatch names the fields that differ.
  matches             boolean,
  differing_fields    text[] NOT NULL DEFAULT '{}',
  note                text,
  checked_by          integer REFERENCES app_user(user_id),
  checked_at          timestamptz,
  PRIMARY KEY (exam_sample_id, exam_card_id),
  UNIQUE (exam_sample_id, institution_id, draw_rank),
  CHECK (matches IS NOT false OR cardinality(differing_fields) > 0),
  CHECK (matches IS NOT true OR cardinality(differing_fields) = 0),
  CHECK ((matches IS NULL) = (checked_at IS NULL))
);
