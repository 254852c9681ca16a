-- Printable documents (文书, issue 16 item 1): receipts (回执), notices (告知书) and forms issued by one
-- organisation about another. A row is what the document says, frozen when it is issued: the fields
-- shown on the page are stored as they were printed (fields jsonb, with their labels), and content_hash
-- is SHA-256 of the canonical JSON of everything printed, so the public verification page
-- (/verify/<code>) confirms exactly the printed text. A document is never edited or deleted; it is
-- revoked (作废) with a reason, and the verification page then says so.
--
-- verification_code: 12 characters of an alphabet without look-alikes (no 0/O, 1/I/L), drawn from a
-- CSPRNG (≈ 59 bits): unguessable, short enough to type from paper. Stored upper case; unique.
CREATE TABLE issued_document (
  document_id             serial PRIMARY KEY,
  verification_code       text NOT NULL UNIQUE CHECK (verification_code ~ '^[0-9A-Z]{12}$'),
  kind                    text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_]{1,63}$'),
  title_zh                text NOT NULL,
  title_en                text NOT NULL,
  number                  text,
  organisation_id         integer NOT NULL REFERENCES organisation(organisation_id),
  -- The organisation's name and region when the document was issued (what the paper says).
  organisation_name       text NOT NULL,
  region_code             text NOT NULL,
  issuer_organisation_id  integer NOT NULL REFERENCES organisation(organisation_id),
  issuer_name             text NOT NULL,
  subject_type            text NOT NULL,
  subject_id              integer NOT NULL,
  fields                  jsonb NOT NULL DEFAULT '[]'::jsonb,
  content_hash            text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  issued_by               integer REFERENCES app_user(user_id),
  issued_at               timestamptz NOT NULL DEFAULT now(),
  revoked_at              timestamptz,
  revoked_by              integer REFERENCES app_user(user_id),
  revoke_reason           text,
  CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL))
);

CREATE INDEX issued_document_subject_idx ON issued_document (subject_type, subject_id, issued_at DESC);
CREATE INDEX issued_document_organisation_idx ON issued_document (organisation_id, issued_at DESC);
CREATE INDEX issued_document_issuer_idx ON issued_document (issuer_organisation_id, issued_at DESC);
CREATE INDEX issued_document_region_idx ON issued_document (region_code, issued_at DESC);
