-- Level-by-level review of health-exam case cards (逐级审核, issue 15 item 5): county → city → province,
-- each decision with its opinion, date and reviewer, kept for every version of the card. The card's
-- audit_status (national 审核状态 codes, see reviewSteps in @ohp/contracts) says where it stands.
CREATE TABLE exam_card_review (
  exam_card_review_id  bigserial PRIMARY KEY,
  exam_card_id         bigint NOT NULL REFERENCES exam_card(exam_card_id) ON DELETE CASCADE,
  card_version         integer NOT NULL,
  level                text NOT NULL CHECK (level IN ('county', 'city', 'province')),
  decision             text NOT NULL CHECK (decision IN ('approved', 'returned')),
  opinion              text,
  reviewer_id          integer NOT NULL REFERENCES app_user(user_id),
  organisation_id      integer NOT NULL REFERENCES organisation(organisation_id),
  reviewed_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (decision = 'approved' OR coalesce(length(btrim(opinion)), 0) > 0)
);
CREATE INDEX exam_card_review_card_idx ON exam_card_review (exam_card_id, reviewed_at);

-- The review queues: the cards at one status in a county, city or the province, oldest exam first.
CREATE INDEX exam_card_status_county_idx ON exam_card (audit_status, region_code, exam_date, exam_card_id);
CREATE INDEX exam_card_status_city_idx ON exam_card (audit_status, left(region_code, 4), exam_date, exam_card_id);
CREATE INDEX exam_card_status_province_idx ON exam_card (audit_status, left(region_code, 2), exam_date, exam_card_id);
