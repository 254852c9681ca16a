-- A door may delete records (the national exchange XML's Delete operation, issue 15 item 4): the staged
-- row's outcome can say so.
ALTER TABLE import_row DROP CONSTRAINT import_row_outcome_check;
ALTER TABLE import_row ADD CONSTRAINT import_row_outcome_check
  CHECK (outcome IN ('accepted', 'updated', 'unchanged', 'valid', 'rejected', 'deleted'));
