-- What an exam institution may report (issue 15 item 3: "only for the items it has filed capability
-- for — a seam for the institution module"). Per institution and national hazard-factor code (cdc2021):
-- 'filed' — within its filing (备案); 'blocked' — a service item found 不具备能力 at on-site verification
-- (issue 16 item 3), which blocks case reporting for it. The institution module (issue 16) writes these
-- rows from filings and verifications; until an institution has a 'filed' row its filing is not on the
-- platform and its factors are not restricted, while 'blocked' rows always apply. Every card door checks
-- a chunk's cards against them with one query (exam-reports.capability.ts).
CREATE TABLE institution_capability (
  institution_id  integer NOT NULL REFERENCES organisation(organisation_id) ON DELETE CASCADE,
  hazard_code     text NOT NULL,
  status          text NOT NULL CHECK (status IN ('filed', 'blocked')),
  source          text NOT NULL CHECK (source IN ('filing', 'verification', 'import', 'demo')),
  since           date NOT NULL DEFAULT CURRENT_DATE,
  note            text,
  PRIMARY KEY (institution_id, hazard_code)
);
