-- 设备配置 (equipment compliance, issue 16 item 7; R21, R2). The required equipment per institution type
-- and level as data (equipment_requirement: entered, edited, deleted or imported by equipment:manage
-- holders), and each institution's equipment ledger (equipment_item). Compliance is computed from both
-- per request (modules/equipment). The building standards of seed 000's annexes (《吉林省加强职业病防治技术
-- 支撑体系建设实施意见》附件1–3) and the national notices' lists are not in the project's sources: no
-- catalogue row is shipped here; the demo province seeds rows whose source is '演示数据'.
CREATE TABLE equipment_requirement (
  equipment_requirement_id  bigserial PRIMARY KEY,
  -- The organisation kind it applies to, and the level of the institution's region (NULL: every level).
  institution_kind          text NOT NULL CHECK (institution_kind IN ('support_institution', 'qc_centre',
                              'service_institution', 'exam_institution', 'diagnosis_institution')),
  level                     text CHECK (level IN ('province', 'city', 'county')),
  domain                    text NOT NULL CHECK (domain IN ('hygiene', 'radiation', 'diagnosis', 'engineering')),
  item_name                 text NOT NULL CHECK (btrim(item_name) <> '' AND length(item_name) <= 100),
  min_quantity              integer NOT NULL CHECK (min_quantity BETWEEN 1 AND 1000),
  -- The standard or notice and its clause; '演示数据' for demo rows. Required, as for every rule's source.
  source                    text NOT NULL CHECK (btrim(source) <> '' AND length(source) <= 500),
  -- In force from this year on; a later row of the same item (same kind, level, domain, name) replaces it.
  effective_year            integer NOT NULL CHECK (effective_year BETWEEN 2000 AND 2100),
  note                      text CHECK (note IS NULL OR length(note) <= 500),
  import_batch_id           integer REFERENCES import_batch(import_batch_id) ON DELETE SET NULL,
  created_by                integer REFERENCES app_user(user_id),
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_by                integer REFERENCES app_user(user_id),
  updated_at                timestamptz NOT NULL DEFAULT now()
);
-- The natural key: an import of the same row again finds it (unchanged), never a duplicate.
CREATE UNIQUE INDEX equipment_requirement_key_idx
  ON equipment_requirement (institution_kind, (coalesce(level, '*')), domain, item_name, effective_year);

-- 设备台账: an institution's equipment, kept by the institution (equipment:record) or by the regulator or
-- QC centre for it. An item counts towards the requirement it is linked to while in service and with its
-- calibration (检定/校准) not expired on the evaluation date; no due date recorded = needs none.
CREATE TABLE equipment_item (
  equipment_item_id         bigserial PRIMARY KEY,
  institution_id            integer NOT NULL REFERENCES organisation(organisation_id) ON DELETE CASCADE,
  name                      text NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 100),
  model                     text CHECK (model IS NULL OR length(model) <= 100),
  serial_no                 text CHECK (serial_no IS NULL OR length(serial_no) <= 100),
  quantity                  integer NOT NULL CHECK (quantity BETWEEN 1 AND 10000),
  domain                    text NOT NULL CHECK (domain IN ('hygiene', 'radiation', 'diagnosis', 'engineering')),
  -- The requirement it satisfies; a deleted catalogue row unlinks it.
  equipment_requirement_id  bigint REFERENCES equipment_requirement(equipment_requirement_id) ON DELETE SET NULL,
  calibration_due_on        date,
  status                    text NOT NULL DEFAULT 'in_service' CHECK (status IN ('in_service', 'out_of_service')),
  note                      text CHECK (note IS NULL OR length(note) <= 500),
  created_by                integer REFERENCES app_user(user_id),
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_by                integer REFERENCES app_user(user_id),
  updated_at                timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX equipment_item_institution_idx ON equipment_item (institution_id, domain);
CREATE INDEX equipment_item_requirement_idx ON equipment_item (equipment_requirement_id);
