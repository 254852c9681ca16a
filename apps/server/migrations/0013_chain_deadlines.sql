-- Clocks shared by every module (issue 15 item 7; issues 16 and 17 reuse them): the rules as data, each
-- with its legal basis and how sure we are of it, and the open clocks — what is due when, who must act
-- (responsible organisation), and which regulators are warned when it runs late (a region).
CREATE TABLE deadline_rule (
  kind          text PRIMARY KEY,
  name_zh       text NOT NULL,
  name_en       text NOT NULL,
  days          integer NOT NULL CHECK (days >= 0),
  day_type      text NOT NULL CHECK (day_type IN ('calendar', 'working')),
  legal_basis   text NOT NULL,
  -- verified: the text was read; reported: quoted by secondary sources; uncertain: no national figure
  -- was found and the days are a placeholder a province should set (docs/STANDARDS.md, Clocks).
  confidence    text NOT NULL CHECK (confidence IN ('verified', 'reported', 'uncertain')),
  note          text
);

INSERT INTO deadline_rule (kind, name_zh, name_en, days, day_type, legal_basis, confidence, note) VALUES
  ('suspected_case_notify', '疑似职业病告知与报告', 'Suspected case: tell the employer and report', 15, 'calendar',
   '《职业健康检查管理办法》第七条（告知和报告疑似职业病）；《职业病防治法》：发现疑似职业病应当告知劳动者本人、及时通知用人单位并报告（../shared/NATIONAL-DATA-SETS.md §4.1–4.2）',
   'uncertain',
   'The law says “及时” (as soon as possible); no national day count was found. 15 days is one institution''s rule for non-acute cards (../shared/NATIONAL-DATA-SETS.md §4.2), used as a placeholder the province should set.'),
  ('suspected_case_diagnosis', '疑似职业病进入诊断', 'Suspected case: diagnosis reached', 90, 'calendar',
   '《职业病防治法》：用人单位应当及时安排对疑似职业病病人进行诊断；《职业病诊断与鉴定管理办法》第六条（用人单位安排诊断、提供材料）（../shared/NATIONAL-DATA-SETS.md §4.2）',
   'uncertain',
   'No national day count for a suspected case to reach a diagnosis; 90 days is the platform''s placeholder for the regulator''s follow-up (R48), to be set by the province.'),
  ('contraindication_followup', '职业禁忌证调离或调整岗位', 'Contraindication: worker moved off the hazard', 30, 'calendar',
   '《职业病防治法》：不得安排有职业禁忌的劳动者从事其所禁忌的作业（../shared/DOMAIN.md §6.2）',
   'uncertain',
   'The law forbids the assignment but sets no day count; 30 days is the platform''s placeholder for the employer''s follow-up, to be set by the province.'),
  ('exam_results_to_employer', '体检结果书面告知用人单位', 'Exam results to the employer in writing', 30, 'working',
   '《职业健康检查管理办法》第十五条：体检工作结束之日起 30 个工作日内将结果书面告知用人单位（../shared/NATIONAL-DATA-SETS.md §4.1）',
   'reported',
   'Quoted by secondary sources (../shared/NATIONAL-DATA-SETS.md §4.1); not yet opened by the platform.');

CREATE TABLE deadline (
  deadline_id                  bigserial PRIMARY KEY,
  kind                         text NOT NULL REFERENCES deadline_rule(kind),
  subject_type                 text NOT NULL,
  subject_id                   bigint NOT NULL,
  starts_on                    date NOT NULL,
  due_on                       date NOT NULL,
  responsible_organisation_id  integer REFERENCES organisation(organisation_id),
  regulator_region_code        text NOT NULL CHECK (regulator_region_code ~ '^\d{2,9}$'),
  done_at                      timestamptz,
  done_by                      integer REFERENCES app_user(user_id),
  done_note                    text,
  created_at                   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, subject_type, subject_id)
);
CREATE INDEX deadline_open_organisation_idx ON deadline (responsible_organisation_id, due_on) WHERE done_at IS NULL;
CREATE INDEX deadline_open_region_idx ON deadline (regulator_region_code, due_on) WHERE done_at IS NULL;

-- The suspected-case chain (疑似职业病, R48): found on an exam card, the employer told, the worker referred
-- to diagnosis, then diagnosed or excluded (or withdrawn when the institution corrects the card).
CREATE TABLE suspected_case (
  suspected_case_id      bigserial PRIMARY KEY,
  exam_card_id           bigint NOT NULL UNIQUE REFERENCES exam_card(exam_card_id) ON DELETE CASCADE,
  worker_id              bigint NOT NULL REFERENCES worker(worker_id),
  institution_id         integer NOT NULL REFERENCES organisation(organisation_id),
  employer_id            integer REFERENCES organisation(organisation_id),
  employer_name          text NOT NULL,
  region_code            text NOT NULL CHECK (region_code ~ '^\d{6}$'),
  disease_code           text NOT NULL,
  found_on               date NOT NULL,
  status                 text NOT NULL DEFAULT 'open'
                         CHECK (status IN ('open', 'employer_notified', 'referred', 'diagnosed', 'excluded', 'withdrawn')),
  employer_notified_on   date,
  referred_on            date,
  referred_to            text,
  outcome_on             date,
  diagnosed_disease_code text,
  stage                  text,
  note                   text,
  updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX suspected_case_region_idx ON suspected_case (region_code, found_on DESC);
CREATE INDEX suspected_case_institution_idx ON suspected_case (institution_id, found_on DESC);
CREATE INDEX suspected_case_employer_idx ON suspected_case (employer_id, found_on DESC);
