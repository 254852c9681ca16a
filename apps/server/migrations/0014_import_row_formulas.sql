-- A spreadsheet cell holding a formula (=HYPERLINK(…), =CONCATENATE(…)) is refused with its column, not
-- imported as its cached result (issue 15 item 10): the staged row names such columns.
ALTER TABLE import_row ADD COLUMN formula_columns text[] NOT NULL DEFAULT '{}';
