-- 申报调度 (declaration oversight, issue 17 item 5; R30, R31; seed 002 附件2 《黑龙江省职业病危害项目申报扩面
-- 行动(2024-2025年)工作方案》 and the national 扩面行动 plan of 2024-04-30). Reads organisation,
-- employer_profile (0037) and declaration (0038) READ-ONLY; owns the tables below.

-- Declaration-rate targets per province, as data with their source. province_code '00' is the national
-- plan, used for every province without its own row. measure: a = 工业领域严重行业 employers in the programme
-- (2024 target), b = 严重行业 employers with ≥ 10 staff (2025 target), industrial = all industrial employers
-- (Guizhou's 工业企业职业病危害项目申报率), all = every employer in the programme.
CREATE TABLE declaration_target (
  province_code  text NOT NULL CHECK (province_code ~ '^[0-9]{2}$'),
  measure        text NOT NULL CHECK (measure IN ('a', 'b', 'industrial', 'all')),
  target_rate    numeric(5, 4) NOT NULL CHECK (target_rate > 0 AND target_rate <= 1),
  due_on         date NOT NULL,
  source_zh      text NOT NULL,
  source_en      text NOT NULL,
  -- 'stated': the source states the figure; 'uncertain': inferred or applied from another source.
  confidence     text NOT NULL CHECK (confidence IN ('stated', 'uncertain')),
  PRIMARY KEY (province_code, measure)
);

INSERT INTO declaration_target (province_code, measure, target_rate, due_on, source_zh, source_en, confidence) VALUES
  ('00', 'a', 1, '2024-12-31',
   '国家卫生健康委办公厅、国家疾控局综合司《职业病危害项目申报扩面行动(2024-2025年)工作方案》(2024-04-30)：2024年底工业领域职业病危害严重行业用人单位申报全覆盖',
   'NHC/NDCPA national declaration-expansion plan 2024–2025 (2024-04-30): all industrial severe-hazard employers declared by end 2024', 'stated'),
  ('00', 'b', 1, '2025-12-31',
   '国家卫生健康委办公厅、国家疾控局综合司《职业病危害项目申报扩面行动(2024-2025年)工作方案》(2024-04-30)：2025年底严重行业10人及以上用人单位应报尽报',
   'NHC/NDCPA national declaration-expansion plan 2024–2025 (2024-04-30): all severe-hazard employers with ≥ 10 staff declared by end 2025', 'stated'),
  ('23', 'a', 1, '2024-12-31',
   '黑卫职健函〔2024〕68号 附件2《黑龙江省职业病危害项目申报扩面行动(2024-2025年)工作方案》一',
   'Heilongjiang 黑卫职健函〔2024〕68号, annex 2, section 1', 'stated'),
  ('23', 'b', 1, '2025-12-31',
   '黑卫职健函〔2024〕68号 附件2《黑龙江省职业病危害项目申报扩面行动(2024-2025年)工作方案》一',
   'Heilongjiang 黑卫职健函〔2024〕68号, annex 2, section 1', 'stated'),
  ('52', 'industrial', 0.9, '2025-12-31',
   '《贵州省“十四五”职业病防治规划（2021-2025年）》(征求意见稿) 主要指标：工业企业职业病危害项目申报率≥90%（预期性）',
   'Guizhou 14th five-year occupational-disease plan (draft): industrial employers'' declaration rate ≥ 90 % by 2025 (expected)', 'stated');

-- 申报扩面抽查 (seed 002 附件2 三(三)2): the provincial commission draws listed employers per city at random
-- from a recorded seed; the population is frozen with the draw so the draw can be replayed and verified.
CREATE TABLE declaration_sampling (
  sampling_id        serial PRIMARY KEY,
  province_code      text NOT NULL CHECK (province_code ~ '^[0-9]{2}$'),
  year               integer NOT NULL CHECK (year BETWEEN 2020 AND 2100),
  title              text CHECK (title IS NULL OR length(title) <= 200),
  -- The list drawn from: a measure of declaration_target (b = the plan's 工作范围 by default).
  measure            text NOT NULL CHECK (measure IN ('a', 'b', 'industrial', 'all')),
  per_city           integer NOT NULL CHECK (per_city BETWEEN 1 AND 500),
  seed               text NOT NULL CHECK (seed ~ '^[A-Za-z0-9_-]{1,64}$'),
  method             text NOT NULL DEFAULT 'sha256-v1',
  -- The frozen population: [[employer id, city code, natural key], …] ordered by employer id, its size
  -- and the SHA-256 of its natural keys (sorted bytewise, joined by newlines).
  population         jsonb NOT NULL,
  population_count   integer NOT NULL CHECK (population_count >= 0),
  population_digest  text NOT NULL,
  -- The assessment formula used (provisional: no source states it).
  assessment_formula text NOT NULL DEFAULT 'declared_and_accurate_v0',
  formula_provisional boolean NOT NULL DEFAULT true,
  organisation_id    integer NOT NULL REFERENCES organisation(organisation_id),
  drawn_by           integer NOT NULL REFERENCES app_user(user_id),
  drawn_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX declaration_sampling_province_idx ON declaration_sampling (province_code, year DESC);

CREATE TABLE declaration_sampling_unit (
  sampling_id        integer NOT NULL REFERENCES declaration_sampling(sampling_id),
  employer_id        integer NOT NULL REFERENCES organisation(organisation_id),
  city_code          text NOT NULL CHECK (city_code ~ '^[0-9]{4}$'),
  rank               integer NOT NULL CHECK (rank >= 1),
  draw_key           text NOT NULL,
  -- Whether the system counted the employer as declared when drawn.
  declared_in_system boolean NOT NULL,
  -- The on-site check: declared? industry, size, hazard factors accurate? (null until checked / not applicable)
  declared           boolean,
  industry_accurate  boolean,
  size_accurate      boolean,
  factors_accurate   boolean,
  note               text CHECK (note IS NULL OR length(note) <= 500),
  checked_by         integer REFERENCES app_user(user_id),
  checked_at         timestamptz,
  PRIMARY KEY (sampling_id, employer_id),
  CHECK ((checked_at IS NULL) = (declared IS NULL))
);
CREATE INDEX declaration_sampling_unit_employer_idx ON declaration_sampling_unit (employer_id, checked_at DESC);

-- 白名单 / 黑名单: a regulator's decision on a computed entry (confirm or remove, with the reason). The
-- computed lists come from the rules in @ohp/contracts (declarationListRules); history is in the audit log.
CREATE TABLE employer_list_decision (
  employer_id   integer NOT NULL REFERENCES organisation(organisation_id),
  list          text NOT NULL CHECK (list IN ('white', 'black')),
  action        text NOT NULL CHECK (action IN ('confirm', 'remove')),
  reason        text NOT NULL CHECK (length(trim(reason)) > 0 AND length(reason) <= 500),
  -- The rules the employer met when decided.
  rules         text[] NOT NULL DEFAULT '{}',
  decided_by    integer NOT NULL REFERENCES app_user(user_id),
  organisation_id integer NOT NULL REFERENCES organisation(organisation_id),
  decided_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (employer_id, list)
);
