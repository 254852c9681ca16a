/**
 * The one import pipeline (ROADMAP seam): parse → validate every row → commit valid rows in chunks →
 * report accepted / updated / unchanged / rejected with row, column and reason, and keep the rejected
 * rows as a downloadable workbook with an error column. A retried upload of the same file by the same
 * user returns the first report and writes nothing (idempotency key = SHA-256 of the file).
 */
import { messageFor, type ImportReport, type Lang } from '@ohp/contracts';
import type { Kysely, Transaction } from 'kysely';
import { writeAudit, type AuditContext } from '../audit.js';
import { sha256 } from '../crypto.js';
import type { DB } from '../db-types.js';
import { readSheet, writeWorkbook, type SheetRow } from './sheet.js';

/** The report as stored with its batch; the batch id is added when it is returned. */
type StoredReport = Omit<ImportReport, 'batchId'>;

export type RowIssue = { column: string; reason: string };
export type RowOutcome<T> = { ok: true; record: T } | { ok: false; issues: RowIssue[] };
export type CommitCounts = { accepted: number; updated: number; unchanged: number };

export type ImportSpec<T> = {
  kind: string;
  /** Columns of the template, in order; `required` ones must be present in the header. */
  columns: Array<{ header: string; required?: boolean }>;
  validate: (row: SheetRow) => RowOutcome<T> | Promise<RowOutcome<T>>;
  commit: (trx: Transaction<DB>, records: Array<{ rowNo: number; record: T }>) => Promise<CommitCounts>;
  chunkSize?: number;
};

export type ImportInput = {
  fileName: string;
  buffer: Buffer;
  dryRun: boolean;
  lang: Lang;
  organisationId: number | null;
};

export const runImport = async <T>(
  db: Kysely<DB>,
  ctx: AuditContext,
  spec: ImportSpec<T>,
  input: ImportInput,
): Promise<ImportReport> => {
  const key = `${input.dryRun ? 'dry:' : ''}${sha256(input.buffer.toString('base64'))}`;
  const previous = await db
    .selectFrom('import_batch')
    .select(['import_batch_id', 'report'])
    .where('kind', '=', spec.kind)
    .where('user_id', '=', ctx.userId)
    .where('idempotency_key', '=', key)
    .where('status', '=', 'done')
    .executeTakeFirst();
  if (previous) return { ...(previous.report as StoredReport), batchId: previous.import_batch_id };

  const sheet = await readSheet(input.buffer, input.fileName);
  const errors: ImportReport['errors'] = [];
  const missing = spec.columns.filter((c) => c.required && !sheet.headers.includes(c.header));
  for (const m of missing)
    errors.push({
      row: 1,
      column: m.header,
      reason: 'column_missing',
      message: messageFor('column_missing', input.lang),
    });

  const good: Array<{ rowNo: number; record: T }> = [];
  const badRows: Array<{ row: SheetRow; issues: RowIssue[] }> = [];
  if (!missing.length) {
    for (const row of sheet.rows) {
      const outcome = await spec.validate(row);
      if (outcome.ok) good.push({ rowNo: row.rowNo, record: outcome.record });
      else {
        badRows.push({ row, issues: outcome.issues });
        for (const i of outcome.issues)
          errors.push({
            row: row.rowNo,
            column: i.column,
            reason: i.reason,
            message: messageFor(i.reason, input.lang),
          });
      }
    }
  }

  let counts: CommitCounts = { accepted: 0, updated: 0, unchanged: 0 };
  const errorFile = badRows.length
    ? await writeWorkbook(
        'errors',
        ['行号 Row', ...sheet.headers, '错误原因 Errors'],
        badRows.map(({ row, issues }) => [
          row.rowNo,
          ...sheet.headers.map((h) => row.values[h] ?? ''),
          issues.map((i) => `${i.column}: ${messageFor(i.reason, input.lang)}`).join('; '),
        ]),
      )
    : null;

  const batchId = await db.transaction().execute(async (trx) => {
    if (!input.dryRun && good.length) {
      const size = spec.chunkSize ?? 500;
      for (let i = 0; i < good.length; i += size) {
        const c = await spec.commit(trx, good.slice(i, i + size));
        counts = {
          accepted: counts.accepted + c.accepted,
          updated: counts.updated + c.updated,
          unchanged: counts.unchanged + c.unchanged,
        };
      }
    }
    const report: StoredReport = {
      dryRun: input.dryRun,
      total: sheet.rows.length,
      accepted: input.dryRun ? good.length : counts.accepted,
      updated: counts.updated,
      unchanged: counts.unchanged,
      rejected: badRows.length + (missing.length ? sheet.rows.length : 0),
      errors,
      errorFileId: null,
    };
    const inserted = await trx
      .insertInto('import_batch')
      .values({
        kind: spec.kind,
        idempotency_key: key,
        organisation_id: input.organisationId,
        user_id: ctx.userId,
        file_name: input.fileName,
        status: 'done',
        report: JSON.stringify(report),
        error_file: errorFile,
      })
      .returning('import_batch_id')
      .executeTakeFirstOrThrow();
    report.errorFileId = errorFile ? String(inserted.import_batch_id) : null;
    await trx
      .updateTable('import_batch')
      .set({ report: JSON.stringify(report) })
      .where('import_batch_id', '=', inserted.import_batch_id)
      .execute();
    if (!input.dryRun) {
      await writeAudit(trx, ctx, {
        action: `${spec.kind}.import`,
        entityType: 'import_batch',
        entityId: inserted.import_batch_id,
        after: { fileName: input.fileName, ...report, errors: report.errors.length },
      });
    }
    return inserted.import_batch_id;
  });
  const stored = await db
    .selectFrom('import_batch')
    .select('report')
    .where('import_batch_id', '=', batchId)
    .executeTakeFirstOrThrow();
  return { ...(stored.report as StoredReport), batchId };
};
