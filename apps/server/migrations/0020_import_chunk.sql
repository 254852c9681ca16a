-- Ingest speed (issue 15 item 9): a door whose file is a list of records (the JSON batch, the national
-- XML) is no longer staged row by row in import_row (each card was written three times: the body,
-- import_row.cells, exam_card.card). The job reads the stored body and commits it a chunk at a time;
-- each chunk's transaction records, in one row here, what became of its records — outcome, the record's
-- key, the issues of refused or remarked ones, and the cells of refused ones for the error workbook —
-- together with the job's checkpoint. The report is built from these rows, which go with the batch.
CREATE TABLE import_chunk (
  import_batch_id  integer NOT NULL REFERENCES import_batch(import_batch_id) ON DELETE CASCADE,
  first_row        integer NOT NULL,
  last_row         integer NOT NULL,
  results          jsonb NOT NULL,
  PRIMARY KEY (import_batch_id, first_row)
);
