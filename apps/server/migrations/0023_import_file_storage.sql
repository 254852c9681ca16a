-- An uploaded file is kept as received (import_file.content): PostgreSQL tried to compress every one
-- (pglz, the default EXTENDED storage), which for a 35 MB JSON batch of 10,000 exam cards cost most of
-- the time its INSERT took. EXTERNAL keeps it out of line in TOAST without compressing it: the bytes
-- stay a little larger for the minutes or hours a batch lives (the row is deleted when its batch ends).
ALTER TABLE import_file ALTER COLUMN content SET STORAGE EXTERNAL;
