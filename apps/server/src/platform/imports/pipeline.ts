/**
 * The one import pipeline (ROADMAP seam): parse (in a worker, within the configured row, cell and time
 * limits) → validate every row → commit valid rows in chunks → report accepted / updated / unchanged /
 * rejected with row, column and reason, and keep the rejected rows as a downloadable workbook with an
 * error column. A retried upload of the same file by the same user returns the first report and writes
 * nothing (idempotency key = SHA-256 of the file), also when the two uploads run at the same time.
 */
import { messageFor, type ImportKind, type ImportReport, type Lang } from '@ohp/contracts';
import { sql, type Kysely, type Transaction } from 'kysely';
import { analyzeTables } from '../statistics.js';
import { writeAudit, type AuditContext } from '../audit.js';
import { sha256 } from '../crypto.js';
import type { DB } from '../db-types.js';
import { readSheet, writeWorkbook, type ReadLimits, type SheetRow } from './sheet.js';

/** The report as stored with its batch; the batch id is added when it is returned. */
type StoredReport = Omit<ImportReport, 'batchId'>;

export type RowIssue = { column: string; reason: string };
export type RowOutcome<T> = { ok: true; record: T } | { ok: false; issues: RowIssue[] };
export type CommitCounts = {
  accepted: number;
  updated: number;
  unchanged: number;
  /** Rows refused at commit time (e.g. a key taken meanwhile by a record outside the importer's scope). */
  rejected?: Array<{ rowNo: number; issues: RowIssue[] }>;
};

export type ImportSpec<T> = {
  /** Also the audit action `<kind>.import`: a new kind joins importKinds in @ohp/contracts with its label. */
  kind: ImportKind;
  /** Columns of the template, in order; `required` ones must be present in the header. */
  columns: Array<{ header: string; required?: boolean }>;
  validate: (row: SheetRow) => RowOutcome<T> | Promise<RowOutcome<T>>;
  commit: (trx: Transaction<DB>, records: Array<{ rowNo: number; record: T }>) => Promise<CommitCounts>;
  /** The record's natural key: records are committed in key order, so row locks are taken in one order. */
  orderKey?: (record: T) => string;
  chunkSize?: number;
  /** Tables the commit writes: analysed after rows went in, so the planner sees the new data. */
  analyze?: ReadonlyArray<keyof DB>;
};

export type ImportInput = {
  fileName: string;
  buffer: Buffer;
  dryRun: boolean;
  lang: Lang;
  organisationId: number | null;
  limits: ReadLimits;
};

const findBatch = (db: Kysely<DB>, kind: string, userId: number | null, key: string) =>
  db
    .selectFrom('import_batch')
    .select(['import_batch_id', 'report'])
    .where('kind', '=', kind)
    .where((eb) => (userId === null ? eb('user_id', 'is', null) : eb('user_id', '=', userId)))
    .where('idempotency_key', '=', key)
    .where('status', '=', 'done')
    .executeTakeFirst();

/** Deadlocks and serialization failures are transient: the transaction is run again. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 3;

export const runImport = async <T>(
  db: Kysely<DB>,
  ctx: AuditContext,
  spec: ImportSpec<T>,
  input: ImportInput,
): Promise<ImportReport> => {
  const key = `${input.dryRun ? 'dry:' : ''}${sha256(input.buffer.toString('base64'))}`;
  const previous = await findBatch(db, spec.kind, ctx.userId, key);
  if (previous) return { ...(previous.report as StoredReport), batchId: previous.import_batch_id };

  const sheet = await readSheet(input.buffer, input.fileName, input.limits);
  const errors: ImportReport['errors'] = [];
  const issue = (row: number, i: RowIssue) =>
    errors.push({ row, column: i.column, reason: i.reason, message: messageFor(i.reason, input.lang) });
  const missing = spec.columns.filter((c) => c.required && !sheet.headers.includes(c.header));
  for (const m of missing) issue(1, { column: m.header, reason: 'column_missing' });

  const good: Array<{ rowNo: number; record: T }> = [];
  const badRows: Array<{ row: SheetRow; issues: RowIssue[] }> = [];
  if (!missing.length) {
    for (const row of sheet.rows) {
      // Bytes no encoding decodes are refused with their cell, never stored as "�".
      const undecodable = [...row.undecodableColumns].map((column) => ({
        column,
        reason: 'text_undecodable',
      }));
      const outcome = await spec.validate(row);
      const issues = [...undecodable, ...(outcome.ok ? [] : outcome.issues)];
      if (outcome.ok && !issues.length) good.push({ rowNo: row.rowNo, record: outcome.record });
      else {
        badRows.push({ row, issues });
        for (const i of issues) issue(row.rowNo, i);
      }
    }
  }
  if (spec.orderKey) {
    const k = spec.orderKey;
    good.sort((a, b) => {
      const ka = k(a.record);
      const kb = k(b.record);
      return ka < kb ? -1 : ka > kb ? 1 : a.rowNo - b.rowNo;
    });
  }

  const errorWorkbook = (bad: typeof badRows) =>
    writeWorkbook(
      'errors',
      ['行号 Row', ...sheet.headers, '错误原因 Errors'],
      bad.map(({ row, issues }) => [
        row.rowNo,
        ...sheet.headers.map((h) => row.values[h] ?? ''),
        issues.map((i) => `${i.column}: ${messageFor(i.reason, input.lang)}`).join('; '),
      ]),
    );
  // Written before the transaction, so the (single PGlite) connection is not held while it is built.
  const errorFile = badRows.length ? await errorWorkbook(badRows) : null;

  const attempt = () =>
    db.transaction().execute(async (trx): Promise<ImportReport> => {
      // Imports of one kind commit one at a time (their parsing and validation still run side by side):
      // a second upload of the same file by the same user then finds the first batch here and returns
      // its report instead of colliding on the batch's unique key, and two imports never deadlock on
      // each other's rows. Correctness does not rest on this lock: the natural keys are unique indexes.
      await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`import:${spec.kind}`}, 0))`.execute(trx);
      const first = await findBatch(trx, spec.kind, ctx.userId, key);
      if (first) return { ...(first.report as StoredReport), batchId: first.import_batch_id };

      let counts = { accepted: 0, updated: 0, unchanged: 0 };
      const late: typeof badRows = [];
      if (!input.dryRun && good.length) {
        const byRowNo = new Map(sheet.rows.map((r) => [r.rowNo, r]));
        const size = spec.chunkSize ?? 500;
        for (let i = 0; i < good.length; i += size) {
          const c = await spec.commit(trx, good.slice(i, i + size));
          counts = {
            accepted: counts.accepted + c.accepted,
            updated: counts.updated + c.updated,
            unchanged: counts.unchanged + c.unchanged,
          };
          for (const r of c.rejected ?? []) late.push({ row: byRowNo.get(r.rowNo)!, issues: r.issues });
        }
      }
      const allErrors = [...errors];
      for (const { row, issues } of late)
        for (const i of issues)
          allErrors.push({
            row: row.rowNo,
            column: i.column,
            reason: i.reason,
            message: messageFor(i.reason, input.lang),
          });
      allErrors.sort((a, b) => a.row - b.row);
      const file = late.length
        ? await errorWorkbook([...badRows, ...late].sort((a, b) => a.row.rowNo - b.row.rowNo))
        : errorFile;
      const report: StoredReport = {
        dryRun: input.dryRun,
        total: sheet.rows.length,
        accepted: input.dryRun ? good.length : counts.accepted,
        updated: counts.updated,
        unchanged: counts.unchanged,
        rejected: badRows.length + late.length + (missing.length ? sheet.rows.length : 0),
        errors: allErrors,
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
          error_file: file,
        })
        .returning('import_batch_id')
        .executeTakeFirstOrThrow();
      report.errorFileId = file ? String(inserted.import_batch_id) : null;
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
      return { ...report, batchId: inserted.import_batch_id };
    });

  for (let n = 1; ; n++) {
    try {
      const report = await attempt();
      if (!input.dryRun && report.accepted + report.updated > 0 && spec.analyze)
        await analyzeTables(db, spec.analyze);
      return report;
    } catch (e) {
      if (n >= ATTEMPTS || !RETRYABLE.has(String((e as { code?: unknown }).code))) throw e;
    }
  }
};
