-- 双随机抽查 (issue 17 item 5: the white and black lists' effect on inspection frequency): a health
-- commission draws employers of its region for supervision inspection at random from a recorded seed,
-- each employer weighted by its list (declarationListRules.inspectionMultiplier in @ohp/contracts:
-- white 0.5, black 2, neither 1 — PROVISIONAL, no source states the weights). The population is frozen
-- with its lists and the weights used, so the draw can be replayed and verified
-- (declaration-oversight.draw.ts drawWeighted, method sha256-weighted-v1).
CREATE TABLE inspection_draw (
  draw_id            serial PRIMARY KEY,
  -- The region drawn from (province, city or county code) and the commission that drew.
  region_code        text NOT NULL CHECK (region_code ~ '^[0-9]{2}([0-9]{2}){0,2}$'),
  year               integer NOT NULL CHECK (year BETWEEN 2020 AND 2100),
  title              text CHECK (title IS NULL OR length(title) <= 200),
  planned            integer NOT NULL CHECK (planned BETWEEN 1 AND 2000),
  -- Only employers of these risk classes ('{}' = all).
  risk_classes       text[] NOT NULL DEFAULT '{}',
  seed               text NOT NULL CHECK (seed ~ '^[A-Za-z0-9_-]{1,64}$'),
  method             text NOT NULL DEFAULT 'sha256-weighted-v1',
  -- {"white": 0.5, "black": 2, "none": 1}: the weights the draw used.
  weights            jsonb NOT NULL,
  weights_provisional boolean NOT NULL DEFAULT true,
  -- [[employer id, region code, natural key, list], …] ordered by employer id; its size and the SHA-256
  -- of its "natural key|list" lines sorted bytewise and joined by newlines.
  population         jsonb NOT NULL,
  population_count   integer NOT NULL CHECK (population_count >= 0),
  population_digest  text NOT NULL,
  organisation_id    integer NOT NULL REFERENCES organisation(organisation_id),
  drawn_by           integer NOT NULL REFERENCES app_user(user_id),
  drawn_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inspection_draw_region_idx ON inspection_draw (region_code, year DESC, draw_id DESC);

CREATE TABLE inspection_draw_unit (
  draw_id      integer NOT NULL REFERENCES inspection_draw(draw_id),
  employer_id  integer NOT NULL REFERENCES organisation(organisation_id),
  rank         integer NOT NULL CHECK (rank >= 1),
  list         text NOT NULL CHECK (list IN ('white', 'black', 'none')),
  weight       double precision NOT NULL CHECK (weight > 0),
  score        double precision NOT NULL,
  PRIMARY KEY (draw_id, employer_id),
  UNIQUE (draw_id, rank)
);
CREATE INDEX inspection_draw_unit_employer_idx ON inspection_draw_unit (employer_id);
