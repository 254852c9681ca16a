/**
 * The import pipeline's queries (migrations 0001, 0009): the stored upload (import_file), the batch
 * (import_batch) and its staged rows (import_row). Staged rows are written and updated a chunk at a
 * time — one statement per chunk, never one per row.
 */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, ImportBatchTable } from '../db-types.js';
import type { SheetRow } from './sheet.js';

type Db = Kysely<DB> | Transaction<DB>;
export type ImportBatchRow = Selectable<ImportBatchTable>;
export type BatchWithProgress = Omit<ImportBatchRow, 'error_file'> & {
  has_error_file: boolean;
  progress: unknown;
  job_error: string | null;
};

/** Stores an upload once per content (its SHA-256); a second upload of the same bytes reuses it. */
export const storeImportFile = async (db: Db, sha256: string, content: Buffer): Promise<void> => {
  await db
    .insertInto('import_file')
    .values({ file_sha256: sha256, content, byte_size: content.length })
    .onConflict((oc) => oc.column('file_sha256').doNothing())
    .execute();
};

/** Deletes a stored upload once no queued or running batch reads it. */
export const deleteImportFileIfUnused = async (db: Db, sha256: string): Promise<void> => {
  await db
    .deleteFrom('import_file')
    .where('file_sha256', '=', sha256)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('import_batch')
            .select('import_batch_id')
            .where('file_sha256', '=', sha256)
            .where('status', 'in', ['queued', 'running']),
        ),
      ),
    )
    .execute();
};

export const readImportFile = async (db: Db, sha256: string): Promise<Buffer | null> => {
  const r = await db
    .selectFrom('import_file')
    .select('content')
    .where('file_sha256', '=', sha256)
    .executeTakeFirst();
  return r?.content ?? null;
};

/** The live (not failed) batch of this kind, user and key: a repeated upload finds the first one. */
export const findLiveBatch = (db: Db, kind: string, userId: number, key: string) =>
  db
    .selectFrom('import_batch')
    .selectAll()
    .where('kind', '=', kind)
    .where('user_id', '=', userId)
    .where('idempotency_key', '=', key)
    .where('status', '!=', 'failed')
    .executeTakeFirst();

export type NewBatch = {
  kind: string;
  key: string;
  organisationId: number | null;
  userId: number;
  fileName: string;
  sha256: string;
  dryRun: boolean;
  lang: string;
  options: unknown;
  /** An upload with an API token: the token, and how the audit trail names it. */
  apiToken?: { id: number; actorName: string } | null;
};

/** Inserts a queued batch, or nothing when another upload took the key meanwhile (null). */
export const insertBatch = async (db: Db, b: NewBatch): Promise<ImportBatchRow | null> => {
  const r = await db
    .insertInto('import_batch')
    .values({
      kind: b.kind,
      idempotency_key: b.key,
      organisation_id: b.organisationId,
      user_id: b.userId,
      file_name: b.fileName,
      status: 'queued',
      report: null,
      file_sha256: b.sha256,
      dry_run: b.dryRun,
      lang: b.lang,
      options: JSON.stringify(b.options ?? {}),
      api_token_id: b.apiToken?.id ?? null,
      actor_name: b.apiToken?.actorName ?? null,
    })
    .onConflict((oc) => oc.columns(['kind', 'user_id', 'idempotency_key']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return r ?? null;
};

export const setBatchJob = async (db: Db, batchId: number, jobId: number): Promise<void> => {
  await db
    .updateTable('import_batch')
    .set({ job_id: jobId })
    .where('import_batch_id', '=', batchId)
    .execute();
};

export const findBatch = (db: Db, batchId: number) =>
  db.selectFrom('import_batch').selectAll().where('import_batch_id', '=', batchId).executeTakeFirst();

const batchColumns = [
  'b.import_batch_id',
  'b.kind',
  'b.idempotency_key',
  'b.organisation_id',
  'b.user_id',
  'b.file_name',
  'b.status',
  'b.report',
  'b.created_at',
  'b.job_id',
  'b.file_sha256',
  'b.dry_run',
  'b.lang',
  'b.options',
  'b.finished_at',
  'b.api_token_id',
  'b.actor_name',
] as const;

/** A user's own batch with its job's progress (the uploader is the only one who sees it). */
export const findOwnBatch = (
  db: Db,
  batchId: number,
  userId: number,
): Promise<BatchWithProgress | undefined> =>
  db
    .selectFrom('import_batch as b')
    .leftJoin('job as j', 'j.job_id', 'b.job_id')
    .select([...batchColumns, 'j.progress', 'j.error as job_error'])
    .select(sql<boolean>`b.error_file IS NOT NULL`.as('has_error_file'))
    .where('b.import_batch_id', '=', batchId)
    .where('b.user_id', '=', userId)
    .executeTakeFirst();

/** A user's batches, newest first (optionally of one kind). */
export const listOwnBatches = (
  db: Db,
  userId: number,
  opts: { kind?: string; limit: number; offset: number },
): Promise<BatchWithProgress[]> => {
  let q = db
    .selectFrom('import_batch as b')
    .leftJoin('job as j', 'j.job_id', 'b.job_id')
    .select([...batchColumns, 'j.progress', 'j.error as job_error'])
    .select(sql<boolean>`b.error_file IS NOT NULL`.as('has_error_file'))
    .where('b.user_id', '=', userId);
  if (opts.kind) q = q.where('b.kind', '=', opts.kind);
  return q
    .orderBy('b.created_at', 'desc')
    .orderBy('b.import_batch_id', 'desc')
    .limit(opts.limit)
    .offset(opts.offset)
    .execute();
};

export const countOwnBatches = async (db: Db, userId: number, kind?: string): Promise<number> => {
  let q = db
    .selectFrom('import_batch')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId);
  if (kind) q = q.where('kind', '=', kind);
  return Number((await q.executeTakeFirstOrThrow()).n);
};

export const findOwnErrorFile = (db: Db, batchId: number, userId: number) =>
  db
    .selectFrom('import_batch')
    .select(['error_file', 'kind'])
    .where('import_batch_id', '=', batchId)
    .where('user_id', '=', userId)
    .executeTakeFirst();

export const markBatchRunning = async (db: Db, batchId: number): Promise<void> => {
  await db
    .updateTable('import_batch')
    .set({ status: 'running' })
    .where('import_batch_id', '=', batchId)
    .where('status', '=', 'queued')
    .execute();
};

/** Done: the report and the rejected rows' workbook, stored with the batch. */
export const finishBatch = async (
  db: Db,
  batchId: number,
  report: unknown,
  errorFile: Buffer | null,
): Promise<void> => {
  await db
    .updateTable('import_batch')
    .set({ status: 'done', report: JSON.stringify(report), error_file: errorFile, finished_at: sql`now()` })
    .where('import_batch_id', '=', batchId)
    .execute();
};

/**
 * Failed: the reason is kept in the report, and the idempotency key is freed (renamed) so that the
 * same file can be uploaded again.
 */
export const failBatch = async (db: Db, batchId: number, error: { reason: string }): Promise<void> => {
  await db
    .updateTable('import_batch')
    .set({
      status: 'failed',
      report: JSON.stringify({ error }),
      finished_at: sql`now()`,
      idempotency_key: sql`'failed:' || import_batch_id || ':' || idempotency_key`,
    })
    .where('import_batch_id', '=', batchId)
    .where('status', 'in', ['queued', 'running'])
    .execute();
};

// ---------- staged rows ----------

/** What jsonb cannot hold: NUL, and a UTF-16 surrogate without its pair (as JSON.stringify escapes them). */
const JSONB_UNSAFE = /\\u0000|\\ud[89a-f]/i;
// eslint-disable-next-line no-control-regex -- NUL is exactly what must be found
const UNSAFE_CHARS = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A record as jsonb can store it: a string holding NUL or a lone surrogate (binary content, a broken
 * client) gets U+FFFD in their place, and its field path is returned, for the row to be refused as
 * undecodable text rather than fail the whole batch. Records without them (all but broken ones) pass
 * after one regular-expression test of their JSON.
 */
export const jsonbSafe = (values: unknown): { json: string; unsafe: string[] } => {
  const json = JSON.stringify(values);
  if (!JSONB_UNSAFE.test(json)) return { json, unsafe: [] };
  const unsafe: string[] = [];
  const walk = (v: unknown, path: string): unknown => {
    if (typeof v === 'string') {
      if (!UNSAFE_CHARS.test(v)) return v;
      UNSAFE_CHARS.lastIndex = 0;
      unsafe.push(path);
      return v.replace(UNSAFE_CHARS, '\uFFFD');
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, path ? `${path}.${i}` : String(i)));
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, walk(x, path ? `${path}.${k}` : k)]),
      );
    return v;
  };
  const clean = walk(values, '');
  return { json: JSON.stringify(clean), unsafe };
};

/** Stages parsed rows (a resumed job may hand some again: they are kept as first staged). */
export const stageRows = async (db: Db, batchId: number, rows: SheetRow[]): Promise<void> => {
  if (!rows.length) return;
  await db
    .insertInto('import_row')
    .values(
      rows.map((r) => {
        const { json, unsafe } = jsonbSafe(r.values);
        return {
          import_batch_id: batchId,
          row_no: r.rowNo,
          cells: json,
          numeric_columns: [...r.numericColumns],
          undecodable_columns: [...new Set([...r.undecodableColumns, ...unsafe])],
          formula_columns: [...(r.formulaColumns ?? [])],
        };
      }),
    )
    .onConflict((oc) => oc.columns(['import_batch_id', 'row_no']).doNothing())
    .execute();
};

export const countStagedRows = async (db: Db, batchId: number): Promise<number> => {
  const r = await db
    .selectFrom('import_row')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('import_batch_id', '=', batchId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
};

/** The next chunk of staged rows after `afterRowNo`, in row order, as the sheet reader gave them. */
export const nextStagedRows = async (
  db: Db,
  batchId: number,
  afterRowNo: number,
  limit: number,
): Promise<SheetRow[]> => {
  const rows = await db
    .selectFrom('import_row')
    .select(['row_no', 'cells', 'numeric_columns', 'undecodable_columns', 'formula_columns'])
    .where('import_batch_id', '=', batchId)
    .where('row_no', '>', afterRowNo)
    .orderBy('row_no')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    rowNo: r.row_no,
    values: r.cells,
    numericColumns: new Set(r.numeric_columns),
    undecodableColumns: new Set(r.undecodable_columns),
    formulaColumns: new Set(r.formula_columns),
  }));
};

export type RowResult = { rowNo: number; outcome: string; issues: unknown[] | null };

/** Records what became of a chunk's rows, in one statement. */
export const saveRowOutcomes = async (db: Db, batchId: number, results: RowResult[]): Promise<void> => {
  if (!results.length) return;
  await sql`
    UPDATE import_row AS r
       SET outcome = v.outcome, issues = v.issues
      FROM (SELECT unnest(${sql.val(results.map((x) => x.rowNo))}::int[]) AS row_no,
                   unnest(${sql.val(results.map((x) => x.outcome))}::text[]) AS outcome,
                   unnest(${sql.val(results.map((x) => (x.issues ? JSON.stringify(x.issues) : null)))}::jsonb[]) AS issues) AS v
     WHERE r.import_batch_id = ${batchId} AND r.row_no = v.row_no`.execute(db);
};

/** Rows per outcome. */
export const countOutcomes = async (db: Db, batchId: number): Promise<Record<string, number>> => {
  const rows = await db
    .selectFrom('import_row')
    .select(['outcome', (eb) => eb.fn.countAll<string>().as('n')])
    .where('import_batch_id', '=', batchId)
    .groupBy('outcome')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.outcome ?? 'pending', Number(r.n)]));
};

/** Rejected rows in row order, from `afterRowNo` (pages of the error list and workbook). */
export const rejectedRows = async (db: Db, batchId: number, afterRowNo: number, limit: number) =>
  db
    .selectFrom('import_row')
    .select(['row_no', 'cells', 'issues'])
    .where('import_batch_id', '=', batchId)
    .where('outcome', '=', 'rejected')
    .where('row_no', '>', afterRowNo)
    .orderBy('row_no')
    .limit(limit)
    .execute();

/** Rows taken with remarks (warnings), in row order, at most `limit`. */
export const warnedRows = (db: Db, batchId: number, limit: number) =>
  db
    .selectFrom('import_row')
    .select(['row_no', 'issues'])
    .where('import_batch_id', '=', batchId)
    .where('outcome', '!=', 'rejected')
    .where('issues', 'is not', null)
    .orderBy('row_no')
    .limit(limit)
    .execute();

/**
 * Each row's outcome and the record's own ID (the top-level field `keyField` of the staged record), in
 * row order from `afterRowNo`: the per-record results of the doors of other systems.
 */
export const stagedResults = (db: Db, batchId: number, keyField: string, afterRowNo: number, limit: number) =>
  db
    .selectFrom('import_row')
    .select(['row_no', 'outcome', sql<string | null>`cells->>${keyField}`.as('key')])
    .where('import_batch_id', '=', batchId)
    .where('row_no', '>', afterRowNo)
    .orderBy('row_no')
    .limit(limit)
    .execute();

export const deleteStagedRows = async (db: Db, batchId: number): Promise<void> => {
  await db.deleteFrom('import_row').where('import_batch_id', '=', batchId).execute();
  await db.deleteFrom('import_chunk').where('import_batch_id', '=', batchId).execute();
};

/** One record's outcome as a chunk of a record door keeps it (import_chunk.results). */
export type ChunkEntry = {
  /** Row (record) number, 1-based. */
  r: number;
  /** Outcome. */
  o: string;
  /** The record's own ID (the door's resultKey), if any. */
  k?: string | null;
  /** Issues: the reasons of a refused record, the remarks of a taken one. */
  i?: unknown[];
  /** The cells of a refused record, for the error workbook (doors with columns only). */
  c?: Record<string, string>;
};

/** Records what became of a chunk of a record door's batch, in one row. */
export const saveChunkResults = async (db: Db, batchId: number, entries: ChunkEntry[]): Promise<void> => {
  if (!entries.length) return;
  const sorted = [...entries].sort((a, b) => a.r - b.r);
  await db
    .insertInto('import_chunk')
    .values({
      import_batch_id: batchId,
      first_row: sorted[0]!.r,
      last_row: sorted.at(-1)!.r,
      results: JSON.stringify(sorted),
    })
    .onConflict((oc) => oc.columns(['import_batch_id', 'first_row']).doNothing())
    .execute();
};

/** The chunks of a record door's batch after `afterRow`, in row order. */
export const chunkResults = async (
  db: Db,
  batchId: number,
  afterRow: number,
  limit: number,
): Promise<Array<{ last_row: number; entries: ChunkEntry[] }>> =>
  (
    await db
      .selectFrom('import_chunk')
      .select(['last_row', 'results'])
      .where('import_batch_id', '=', batchId)
      .where('first_row', '>', afterRow)
      .orderBy('first_row')
      .limit(limit)
      .execute()
  ).map((r) => ({ last_row: r.last_row, entries: r.results as ChunkEntry[] }));
