-- Natural keys of organisations (issue 11): among live organisations without a credit code, the
-- normalised name + region is unique, so concurrent imports and creates cannot duplicate them (the
-- credit code is already unique among live rows, 0001). Writers use INSERT … ON CONFLICT.

-- The one name normalisation, in SQL so the database enforces it; platform/imports/sheet-parse.ts
-- normaliseText is the same function (a test compares them on both databases): full-width ASCII and
-- the ideographic space to half-width, every run of white space (the JavaScript \s set) to one space,
-- trimmed.
CREATE FUNCTION organisation_name_key(name text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
    SELECT btrim(
      regexp_replace(
        translate(
          name,
          '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　',
          '!"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~ '
        ),
        '[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+',
        ' ',
        'g'
      ),
      ' '
    )
  $$;

-- Kept by the database itself, so no writer (create, update, import, seed) can leave it stale.
ALTER TABLE organisation
  ADD COLUMN name_key text GENERATED ALWAYS AS (organisation_name_key(name)) STORED;

-- Databases from before this migration may already hold duplicates (the select-then-insert import
-- raced). The oldest row of each group keeps the key; the others are marked with the row they
-- duplicate and stay out of the unique index, so this migration never fails on old data and nothing
-- is deleted: an administrator merges or deletes them (the import matches the kept row first).
ALTER TABLE organisation ADD COLUMN duplicate_of integer REFERENCES organisation(organisation_id);

UPDATE organisation o
   SET duplicate_of = g.keep
  FROM (SELECT organisation_id,
               min(organisation_id) OVER (PARTITION BY name_key, region_code) AS keep
          FROM organisation
         WHERE credit_code IS NULL AND status = 'active') g
 WHERE o.organisation_id = g.organisation_id
   AND g.keep <> g.organisation_id;

CREATE UNIQUE INDEX organisation_name_key_key ON organisation (name_key, region_code)
  WHERE credit_code IS NULL AND status = 'active' AND duplicate_of IS NULL;
-- The lookup by key (imports lock the holders of a chunk's keys), kept rows and marked duplicates alike.
CREATE INDEX organisation_name_key_idx ON organisation (name_key, region_code)
  WHERE credit_code IS NULL AND status = 'active';
