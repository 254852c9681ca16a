-- Standards engine administrator data (issue 8): amendment effective dates and imported rule rows.
-- The rules themselves ship with @ohp/standards; these tables hold what an administrator adds.

CREATE TABLE standard_amendment (
  amendment_key   text PRIMARY KEY,
  effective_from  date,
  confirmed       boolean NOT NULL DEFAULT false,
  updated_by      integer REFERENCES app_user(user_id),
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- One row per accepted import. A newer import of the same kind and edition replaces the older one
-- (active = false), so an administrator can correct a transcription by importing it again.
CREATE TABLE standard_import (
  standard_import_id  serial PRIMARY KEY,
  kind                text NOT NULL CHECK (kind IN ('oel_chemicals', 'oel_dusts', 'surveillance')),
  edition             text NOT NULL,
  rows                jsonb NOT NULL,
  row_count           integer NOT NULL,
  rejected_count      integer NOT NULL,
  file_sha256         text NOT NULL,
  active              boolean NOT NULL DEFAULT true,
  imported_by         integer REFERENCES app_user(user_id),
  created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX standard_import_active_idx ON standard_import (kind, edition) WHERE active;
