-- 用人单位数据库 (migration 0039), continued: merging two entries that are the same unit, unlinking a wrong
-- match, and the clock of a door-to-door follow-up (入户指导) on the deadlines engine (migration 0013).

-- An entry merged into another (the survivor) is kept, frozen, with a pointer to the survivor; a later
-- list naming it by its name or credit code is linked to the survivor. A survivor is never itself merged
-- while entries are merged into it, so the pointer is one hop (the service refuses the chains).
ALTER TABLE census_entry ADD COLUMN merged_into_id integer REFERENCES census_entry(census_entry_id);
ALTER TABLE census_entry
  ADD CONSTRAINT census_entry_merged_not_self CHECK (merged_into_id IS DISTINCT FROM census_entry_id);
CREATE INDEX census_entry_merged_idx ON census_entry (merged_into_id) WHERE merged_into_id IS NOT NULL;

-- Provenance of a source row: NULL = the list named this entry itself; else the list named the entry
-- given here (merged into this one), under `listed_name`. Unmerging moves these rows back.
ALTER TABLE census_entry_source ADD COLUMN merged_from_id integer REFERENCES census_entry(census_entry_id);

-- One merge (and its undoing): what the merge changed on the survivor, so an unmerge gives back exactly
-- what the survivor still holds from it.
CREATE TABLE census_merge (
  census_merge_id      serial PRIMARY KEY,
  merged_entry_id      integer NOT NULL REFERENCES census_entry(census_entry_id),
  survivor_entry_id    integer NOT NULL REFERENCES census_entry(census_entry_id),
  reason               text,
  -- The survivor's credit code, match and status before the merge, and what the merge set.
  survivor_before      jsonb NOT NULL,
  survivor_after       jsonb NOT NULL,
  -- Lists whose rows moved from the merged entry to the survivor.
  moved_list_ids       integer[] NOT NULL DEFAULT '{}',
  -- Open follow-ups moved to the survivor, and those closed as duplicates (outcome 'merged').
  moved_follow_up_ids  integer[] NOT NULL DEFAULT '{}',
  closed_follow_up_ids integer[] NOT NULL DEFAULT '{}',
  merged_by            integer REFERENCES app_user(user_id),
  merged_at            timestamptz NOT NULL DEFAULT now(),
  unmerged_by          integer REFERENCES app_user(user_id),
  unmerged_at          timestamptz,
  unmerge_reason       text,
  CHECK (merged_entry_id <> survivor_entry_id),
  CHECK ((unmerged_at IS NULL) = (unmerge_reason IS NULL))
);
CREATE UNIQUE INDEX census_merge_open_key ON census_merge (merged_entry_id) WHERE unmerged_at IS NULL;
CREATE INDEX census_merge_survivor_idx ON census_merge (survivor_entry_id);

-- A follow-up closed because its entry was merged into one that already had an open follow-up.
ALTER TABLE census_follow_up DROP CONSTRAINT census_follow_up_outcome_check;
ALTER TABLE census_follow_up
  ADD CONSTRAINT census_follow_up_outcome_check
  CHECK (outcome IN ('declared', 'will_declare', 'not_applicable', 'closed', 'not_found', 'merged'));

-- The follow-up's clock: due on the date the assigner sets. No source gives a period for the visit
-- (seed 002 三(二)3 逐户督促指导 sets none): the rule's 14 days are only the form's proposal.
INSERT INTO deadline_rule (kind, name_zh, name_en, days, day_type, legal_basis, confidence, note) VALUES
  ('census_follow_up', '入户指导（督促未申报单位申报）', 'Door-to-door guidance of an undeclared employer', 14, 'calendar',
   '《黑龙江省职业病危害项目申报扩面行动(2024-2025年)工作方案》三(二)3：逐户督促指导未申报用人单位进行职业病危害项目申报（未规定完成期限）',
   'uncertain',
   'PLACEHOLDER: no source gives a period for the visit. The due date is the one the assigner sets with the task (the form proposes 14 calendar days). Responsible: the assignee''s organisation (county health commission or disease-control bureau); the county''s regulators and those above are warned when it runs late. Closed when the assignee records the outcome, or when the entry is merged into one that already has an open follow-up.');

-- Clocks of the follow-ups already open.
INSERT INTO deadline (kind, subject_type, subject_id, starts_on, due_on, responsible_organisation_id,
                      regulator_region_code)
SELECT 'census_follow_up', 'census_follow_up', f.census_follow_up_id,
       least(((f.assigned_at AT TIME ZONE 'UTC') + interval '8 hours')::date, f.due_on), f.due_on, u.organisation_id,
       left(f.region_code, 6)
  FROM census_follow_up f
  JOIN app_user u ON u.user_id = f.assignee_user_id
 WHERE f.status = 'open'
ON CONFLICT (kind, subject_type, subject_id) DO NOTHING;
