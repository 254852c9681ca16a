/**
 * The one import pipeline (issue 15 item 0), run as a job. A door (web upload, API, CLI) hands over a
 * file: `startImport` stores it once by its SHA-256, creates the batch and queues its job in one
 * transaction, and the request waits a few seconds for the job (`awaitBatch`) — a small file is
 * answered with its report as before, a big one with 202 and the batch, whose progress the UI polls.
 *
 * The job (`registerImport`):
 *   stage    the file is read as a stream in a sheet worker; each batch of rows is staged (import_row)
 *            in its own transaction together with the job's checkpoint;
 *   process  staged rows are taken a chunk at a time: the module validates the chunk, fetching the keys
 *            it needs once (`spec.validate`), and commits its valid rows through its repository
 *            (`spec.commit`, set-based) in the same transaction that records each row's outcome and
 *            the checkpoint — so a job stopped anywhere (error, SIGKILL, restart) resumes after its last
 *            committed chunk and never applies a chunk twice;
 *   report   counts come from the staged outcomes, the rejected rows (original cells plus a reason
 *            column) become the error workbook, and one audit entry records the batch with its counts
 *            and the file's hash. The staged rows are then deleted.
 * No lock is held across an import: the natural keys are unique indexes, each chunk takes its row
 * locks in key order, and a chunk that meets a deadlock is run again.
 *
 * A repeated upload of the same file by the same user returns the first batch (idempotency key = the
 * file's SHA-256), also when both arrive at once; a failed batch frees its key. A dry run validates
 * every row and writes nothing but its batch; each dry run is a new batch, so it never returns a stale
 * report.
 */
import { randomUUID, createHash } from 'node:crypto';
import {
  messageFor,
  type ImportBatch,
  type ImportKind,
  type ImportReport,
  type Lang,
  type PermissionKey,
} from '@ohp/contracts';
import type { Transaction } from 'kysely';
import { writeAudit, type AuditContext } from '../audit.js';
import type { Actor } from '../authz/actor.js';
import { apiTokenActorName } from '../authz/api-token.js';
import { loadActor } from '../authz/session.js';
import type { DB } from '../db-types.js';
import type { Deps } from '../http/types.js';
import { JobLostError } from '../jobs/jobs.repository.js';
import { JobInterrupted, type JobContext } from '../jobs/runner.js';
import { analyzeGrown } from '../statistics.js';
import {
  countOutcomes,
  deleteImportFileIfUnused,
  deleteStagedRows,
  failBatch,
  findBatch,
  findLiveBatch,
  findOwnBatch,
  finishBatch,
  insertBatch,
  markBatchRunning,
  nextStagedRows,
  readImportFile,
  rejectedRows,
  saveRowOutcomes,
  saveChunkResults,
  chunkResults,
  type ChunkEntry,
  stagedResults,
  warnedRows,
  setBatchJob,
  stageRows,
  storeImportFile,
  type BatchWithProgress,
  type ImportBatchRow,
  type RowResult,
} from './imports.repository.js';
import { SheetError, streamSheet, writeWorkbook, type ReadLimits, type SheetRow } from './sheet.js';

export type RowIssue = { column: string; reason: string };
/** A row's check: refused with its issues, or taken (with remarks to check, if any). */
export type RowOutcome<T> =
  { ok: true; record: T; warnings?: RowIssue[] } | { ok: false; issues: RowIssue[] };
/** What the commit made of one record (a record refused at commit time names its issues). */
export type CommitResult = {
  rowNo: number;
  outcome: 'accepted' | 'updated' | 'unchanged' | 'deleted' | 'rejected';
  issues?: RowIssue[];
};

/** The report as stored with its batch; the batch id is added when it is returned. */
export type StoredReport = Omit<ImportReport, 'batchId'>;

export type RowImportSpec<T, P = unknown> = {
  /** Also the audit action `<kind>.import`: a new kind joins importKinds in @ohp/contracts with its label. */
  kind: ImportKind;
  /** Held by the uploader when the job runs, not only when the file was uploaded. */
  permission: PermissionKey;
  /** Columns of the template, in order; `required` ones must be present in the header. */
  columns: Array<{ header: string; required?: boolean }>;
  /**
   * Validates a chunk of rows, one outcome per row in the same order. Whatever the chunk needs from the
   * database (existing keys, scope) is read with `trx` in a few statements for the whole chunk.
   */
  validate: (trx: Transaction<DB>, rows: SheetRow[], actor: Actor) => Promise<Array<RowOutcome<T>>>;
  /**
   * Writes a chunk's valid records (set-based, through the module's repository); one result each.
   * `batchId` is the import batch, for records that keep where they came from.
   */
  commit: (
    trx: Transaction<DB>,
    records: Array<{ rowNo: number; record: T }>,
    actor: Actor,
    batchId: number,
    prepared: P | undefined,
  ) => Promise<CommitResult[]>;
  /**
   * Writes what a chunk's valid records share with other chunks — rows another job may insert at the
   * same moment (the worker registry) — in a short transaction of its own before the chunk's (not on a
   * dry run). So the chunk's transaction, which holds its rows until it commits, takes no lock another
   * job's chunk waits for. Its answer is handed to `commit`. A job stopped between the two transactions
   * leaves only what `prepare` wrote, which the resumed chunk finds again.
   */
  prepare?: (trx: Transaction<DB>, records: Array<{ rowNo: number; record: T }>, actor: Actor) => Promise<P>;
  /** The record's natural key: a chunk is committed in key order, so row locks are taken in one order. */
  orderKey?: (record: T) => string;
  /**
   * Reads the stored file into batches of rows (default: a sheet, xlsx or csv, in the sheet worker,
   * staged in import_row). A door whose file is a list of records (JSON, the national XML) hands them
   * over as rows whose `values` are the records; with `direct` such rows are not staged but committed
   * straight from the file a chunk at a time (see `directImport`), so they must be what jsonb can store
   * (no NUL, no lone surrogate: mark such a record's field in `undecodableColumns`, as `jsonbSafe`
   * does). A door
   * that knows its number of records early says so with `onTotal` (the progress bar's total). `parsed`
   * is what the door parsed the same file into when its job runs in the process that received it (the
   * JSON body the route already holds): a reader may take it instead of parsing the bytes again.
   */
  read?: (
    file: Buffer,
    fileName: string,
    limits: ReadLimits,
    onBatch: (headers: string[], rows: SheetRow[]) => Promise<void>,
    opts: { batchRows: number; onTotal?: (total: number) => void; parsed?: unknown },
  ) => Promise<{ headers: string[]; total: number }>;
  /**
   * The file is a list of records (a JSON batch, the national XML) that `read` hands over whole: commit
   * them straight from the stored file a chunk at a time, without staging (see `directImport`). Doors
   * whose rows need the staged cells (a sheet, its error workbook) leave it unset.
   */
  direct?: boolean;
  chunkSize?: number;
  /**
   * The top-level field of a staged record that is its own ID: when set, the report lists every
   * record's outcome under `results` (the per-record answer the doors of other systems give).
   */
  resultKey?: string;
  /** Tables the commit writes: analysed after rows went in, so the planner sees the new data. */
  analyze?: ReadonlyArray<keyof DB>;
};

/** ANALYZE sample after an import on PGlite (PostgreSQL's default is 100: 30,000 rows a table). */
const PGLITE_IMPORT_STATISTICS_TARGET = 10;

/** Errors listed in a report (all of them are in the error workbook). */
export const REPORT_MAX_ERRORS = 1_000;
/** Rows staged per transaction while the file is read. */
export const STAGE_BATCH_ROWS = 1_000;
const DEFAULT_CHUNK_ROWS = 500;

/** Deadlocks and serialization failures are transient: the chunk's transaction is run again. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 3;
const retrying = async <T>(work: () => Promise<T>): Promise<T> => {
  for (let n = 1; ; n++) {
    try {
      return await work();
    } catch (e) {
      if (n >= ATTEMPTS || !RETRYABLE.has(String((e as { code?: unknown }).code))) throw e;
    }
  }
};

const jobKind = (kind: string) => `import.${kind}`;

/**
 * Files this process received, kept for its own job so that the job does not read back what the door
 * has just stored (35 MB of JSON for a batch of 10,000 cards: a second of the database's time), with
 * what the door parsed them into (the route's JSON body: the job does not parse and hold a second copy
 * while the request still holds the first). Taken by the first attempt; bounded in bytes, and dropped
 * after a while if another process ran the job — import_file stays the record every later attempt, and
 * a restart, reads.
 */
type Received = { buffer: Buffer; parsed?: unknown };
const received = new Map<string, Received & { timer: NodeJS.Timeout }>();
let receivedBytes = 0;
const RECEIVED_MAX_BYTES = 256 * 1024 * 1024;
const RECEIVED_KEEP_MS = 10 * 60 * 1000;
const dropReceived = (sha: string): Received | undefined => {
  const r = received.get(sha);
  if (!r) return undefined;
  received.delete(sha);
  clearTimeout(r.timer);
  receivedBytes -= r.buffer.length;
  return { buffer: r.buffer, parsed: r.parsed };
};
const keepReceived = (sha: string, file: Received) => {
  if (received.has(sha) || receivedBytes + file.buffer.length > RECEIVED_MAX_BYTES) return;
  const timer = setTimeout(() => dropReceived(sha), RECEIVED_KEEP_MS);
  timer.unref();
  received.set(sha, { ...file, timer });
  receivedBytes += file.buffer.length;
};

export const fileSha256 = (buf: Buffer): string => createHash('sha256').update(buf).digest('hex');

// ---------------------------------------------------------------------------------------------------
// The door: store, queue, wait
// ---------------------------------------------------------------------------------------------------

export type ImportUpload = {
  kind: ImportKind;
  fileName: string;
  buffer: Buffer;
  dryRun: boolean;
  lang: Lang;
  /** Kind-specific options kept with the batch (a standards import's table and edition). */
  options?: unknown;
  /** File types this kind takes (lower-case extensions); refused at once otherwise. */
  extensions?: readonly string[];
  /** The client's Idempotency-Key (an API door): the batch's key instead of the file's hash. */
  idempotencyKey?: string;
  /** What the door parsed the file into (a JSON body), handed to the kind's reader (`read`'s `parsed`). */
  parsed?: unknown;
};

/**
 * Stores the upload and queues its batch, or returns the live batch of the same file by the same user
 * (not for dry runs). A file type the kind does not take is refused at once (SheetError).
 */
export const startImport = async (
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
  upload: ImportUpload,
): Promise<ImportBatchRow & { existing: boolean }> => {
  const extensions = upload.extensions ?? ['.csv', '.xlsx'];
  if (!extensions.some((e) => upload.fileName.toLowerCase().endsWith(e)))
    throw new SheetError('unsupported_file_type');
  const sha = fileSha256(upload.buffer);
  const options = upload.options ?? {};
  // The same file with other options (another standards edition) is another import.
  const key = upload.idempotencyKey
    ? `idem:${upload.idempotencyKey}`
    : upload.dryRun
      ? `dry:${randomUUID()}`
      : Object.keys(options).length
        ? `${sha}:${fileSha256(Buffer.from(JSON.stringify(options)))}`
        : sha;
  if (!upload.dryRun || upload.idempotencyKey) {
    const live = await findLiveBatch(deps.db, upload.kind, actor.userId, key);
    if (live) return { ...live, existing: true };
  }
  const batch = await deps.db.transaction().execute(async (trx) => {
    await storeImportFile(trx, sha, upload.buffer);
    const inserted = await insertBatch(trx, {
      kind: upload.kind,
      key,
      organisationId: actor.organisationId,
      userId: actor.userId,
      fileName: upload.fileName,
      sha256: sha,
      dryRun: upload.dryRun,
      lang: upload.lang,
      options,
      apiToken: actor.apiToken
        ? { id: actor.apiToken.id, actorName: apiTokenActorName(actor.apiToken) }
        : null,
    });
    if (!inserted) return null;
    const job = await deps.jobs.enqueue(trx, {
      kind: jobKind(upload.kind),
      payload: { batchId: inserted.import_batch_id, ip: ctx.ip, requestId: ctx.requestId },
      organisationId: actor.organisationId,
      userId: actor.userId,
    });
    await setBatchJob(trx, inserted.import_batch_id, job.job_id);
    return { ...inserted, job_id: job.job_id, existing: false };
  });
  if (batch) keepReceived(sha, { buffer: upload.buffer, parsed: upload.parsed });
  // Another upload of the same file took the key meanwhile: that one is this one.
  return batch ?? { ...(await findLiveBatch(deps.db, upload.kind, actor.userId, key))!, existing: true };
};

const finished = (b: { status: string }) => b.status === 'done' || b.status === 'failed';

/** Waits up to `seconds` for the batch's job, then returns the batch as it stands (with progress). */
export const awaitBatch = async (
  deps: Deps,
  batch: ImportBatchRow,
  userId: number,
  seconds: number,
): Promise<BatchWithProgress> => {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    const left = until - Date.now();
    const settled = batch.job_id !== null && left > 0 ? deps.jobs.whenSettled(batch.job_id, left) : null;
    const now = (await findOwnBatch(deps.db, batch.import_batch_id, userId))!;
    if (finished(now) || !settled) return now;
    await settled;
  }
};

/** The batch as the API shows it. */
export const presentBatch = (b: BatchWithProgress): ImportBatch => {
  const stored = (b.report ?? null) as (StoredReport & { error?: { reason: string } }) | null;
  const error = b.status === 'failed' ? (stored?.error ?? { reason: 'import_failed' }) : null;
  const lang = b.lang === 'en' ? 'en' : 'zh-CN';
  const progress = (b.progress ?? {}) as { phase?: string; done?: number; total?: number | null };
  return {
    batchId: b.import_batch_id,
    kind: b.kind,
    fileName: b.file_name,
    dryRun: b.dry_run,
    status: b.status as ImportBatch['status'],
    progress: {
      phase: progress.phase ?? (b.status === 'queued' ? 'queued' : b.status),
      done: progress.done ?? 0,
      total: progress.total ?? null,
    },
    createdAt: b.created_at.toISOString(),
    finishedAt: b.finished_at ? b.finished_at.toISOString() : null,
    // (A batch without a whole report — none from before reports were stored — shows none.)
    report:
      b.status === 'done' && stored && typeof stored.total === 'number' && Array.isArray(stored.errors)
        ? { ...stored, batchId: b.import_batch_id }
        : null,
    error: error ? { reason: error.reason, message: messageFor(error.reason, lang) } : null,
  };
};

// ---------------------------------------------------------------------------------------------------
// The job
// ---------------------------------------------------------------------------------------------------

/** What an import's body hands back: the report, its error workbook, and what to do at the end. */
export type ImportOutcome = {
  report: Record<string, unknown>;
  errorFile: Buffer | null;
  /**
   * Runs in the transaction that marks the batch done, before the report is stored (it may complete
   * it); writes the batch's audit entry, if any, with the uploader's context.
   */
  finish?: (trx: Transaction<DB>, audit: AuditContext) => Promise<void>;
  /** After that transaction has committed (statistics, caches). */
  after?: () => Promise<void> | void;
};

export type ImportBody = (run: {
  ctx: JobContext;
  batch: ImportBatchRow;
  actor: Actor;
  file: Buffer;
  /** What the door parsed the file into, when the job runs where the file was received (see Received). */
  parsed?: unknown;
  limits: ReadLimits;
}) => Promise<ImportOutcome>;

/**
 * Registers the job of an import kind: loads the batch and the uploader (who must still hold
 * `permission`), runs the body, and records the outcome. A file refused as a whole (SheetError) fails
 * the batch with its reason and is not retried; any other error is retried by the runner and, after the
 * last attempt, fails the batch (`import_failed`).
 */
export const registerImportJob = (
  deps: Deps,
  kind: ImportKind,
  permission: PermissionKey,
  body: ImportBody,
): void => {
  deps.jobs.register(jobKind(kind), async (ctx) => {
    const { batchId, ip, requestId } = ctx.job.payload as {
      batchId: number;
      ip: string | null;
      requestId: string | null;
    };
    const batch = await findBatch(ctx.db, batchId);
    if (!batch || finished(batch)) return { batchId, skipped: true };
    const fail = async (reason: string) => {
      await ctx.transaction(async (trx) => {
        await failBatch(trx, batchId, { reason });
        await deleteStagedRows(trx, batchId);
        if (batch.file_sha256) await deleteImportFileIfUnused(trx, batch.file_sha256);
      });
      return { batchId, failed: reason };
    };
    const loaded = batch.user_id === null ? null : await loadActor(ctx.db, batch.user_id);
    if (!loaded || loaded.status !== 'active' || !loaded.actor.permissions.has(permission))
      return fail('import_permission_lost');
    const sha = batch.file_sha256;
    const held = sha ? dropReceived(sha) : undefined;
    const file = held?.buffer ?? (sha ? await readImportFile(ctx.db, sha) : null);
    if (!file) return fail('unreadable_file');
    await markBatchRunning(ctx.db, batchId);
    const audit: AuditContext = {
      userId: loaded.actor.userId,
      // An upload with an API token is audited in the token's name, as its request was.
      username: batch.actor_name ?? loaded.actor.username,
      organisationId: loaded.actor.organisationId,
      ip,
      requestId,
    };
    let outcome: ImportOutcome;
    try {
      outcome = await body({
        ctx,
        batch,
        actor: loaded.actor,
        file,
        parsed: held?.parsed,
        limits: deps.config.imports,
      });
    } catch (e) {
      if (e instanceof SheetError) return fail(e.reason);
      const stopped = e instanceof JobInterrupted || e instanceof JobLostError;
      if (!stopped && ctx.job.attempts >= ctx.job.max_attempts) {
        await fail('import_failed');
      }
      throw e;
    }
    await ctx.transaction(async (trx) => {
      // The finishing step may complete the report (a standards file found unchanged) before it is stored.
      await outcome.finish?.(trx, audit);
      await finishBatch(trx, batchId, outcome.report, outcome.errorFile);
      await deleteStagedRows(trx, batchId);
      if (batch.file_sha256) await deleteImportFileIfUnused(trx, batch.file_sha256);
      await ctx.saveCheckpoint(trx, { phase: 'done' }, { phase: 'done', done: 1, total: 1 });
    });
    await outcome.after?.();
    return { batchId };
  });
};

type Checkpoint = {
  phase?: 'stage' | 'process';
  /** Last row number staged / processed. */
  staged?: number;
  processed?: number;
  /** Rows staged / processed so far. */
  stagedCount?: number;
  processedCount?: number;
  headers?: string[];
  total?: number;
  missing?: string[];
};

/** The job of a row import: stage, validate and commit chunk by chunk, report from the staged rows. */
export const registerRowImport = <T, P>(deps: Deps, spec: RowImportSpec<T, P>): void =>
  registerImportJob(deps, spec.kind, spec.permission, async (run) => {
    const { ctx, batch, actor, file, limits } = run;
    if (spec.direct && spec.read) return directImport(deps, spec, run);
    const batchId = batch.import_batch_id;
    const lang = batch.lang === 'en' ? 'en' : 'zh-CN';
    let cp = ctx.checkpoint as Checkpoint;
    const stop = () => {
      if (ctx.signal.aborted) throw new JobInterrupted();
    };

    if (cp.phase !== 'process') {
      const read = await (spec.read ?? streamSheet)(
        file,
        batch.file_name ?? '',
        limits,
        async (headers, rows) => {
          stop();
          const fresh = rows.filter((r) => r.rowNo > (cp.staged ?? 0));
          if (!fresh.length) return;
          const next: Checkpoint = {
            phase: 'stage',
            staged: fresh.at(-1)!.rowNo,
            stagedCount: (cp.stagedCount ?? 0) + fresh.length,
            headers,
          };
          await ctx.transaction(async (trx) => {
            await stageRows(trx, batchId, fresh);
            await ctx.saveCheckpoint(trx, next, { phase: 'stage', done: next.stagedCount!, total: null });
          });
          cp = next;
        },
        { batchRows: STAGE_BATCH_ROWS },
      );
      const missing = spec.columns.filter((c) => c.required && !read.headers.includes(c.header));
      cp = {
        phase: 'process',
        processed: 0,
        processedCount: 0,
        headers: read.headers,
        total: read.total,
        missing: missing.map((m) => m.header),
      };
      const next = cp;
      await ctx.transaction((trx) =>
        ctx.saveCheckpoint(trx, next, { phase: 'process', done: 0, total: read.total }),
      );
    }

    // A required column missing from the header refuses every row (said once, on the header row).
    if (!cp.missing?.length) {
      const size = spec.chunkSize ?? DEFAULT_CHUNK_ROWS;
      for (;;) {
        stop();
        const rows = await nextStagedRows(ctx.db, batchId, cp.processed ?? 0, size);
        if (!rows.length) break;
        const next: Checkpoint = {
          ...cp,
          processed: rows.at(-1)!.rowNo,
          processedCount: (cp.processedCount ?? 0) + rows.length,
        };
        await processChunk(
          ctx,
          spec,
          actor,
          rows,
          { id: batchId, dryRun: batch.dry_run },
          async (trx, results) => {
            await saveRowOutcomes(trx, batchId, results);
            await ctx.saveCheckpoint(trx, next, {
              phase: 'process',
              done: next.processedCount!,
              total: cp.total ?? null,
            });
          },
        );
        cp = next;
      }
    }

    // The report, from the staged rows.
    const headers = cp.headers ?? [];
    const total = cp.total ?? 0;
    const counts = await countOutcomes(ctx.db, batchId);
    const errors: ImportReport['errors'] = [];
    const errorRows: Array<Array<string | number>> = [];
    for (const m of cp.missing ?? [])
      errors.push({
        row: 1,
        column: m,
        reason: 'column_missing',
        message: messageFor('column_missing', lang),
      });
    for (let after = 0; ;) {
      const page = await rejectedRows(ctx.db, batchId, after, 1_000);
      if (!page.length) break;
      for (const r of page) {
        const issues = (r.issues ?? []) as RowIssue[];
        for (const i of issues)
          if (errors.length < REPORT_MAX_ERRORS)
            errors.push({
              row: r.row_no,
              column: i.column,
              reason: i.reason,
              message: messageFor(i.reason, lang),
            });
        errorRows.push([
          r.row_no,
          ...headers.map((h) => r.cells[h] ?? ''),
          issues.map((i) => `${i.column}: ${messageFor(i.reason, lang)}`).join('; '),
        ]);
      }
      after = page.at(-1)!.row_no;
    }
    const warnings: NonNullable<ImportReport['warnings']> = [];
    for (const r of await warnedRows(ctx.db, batchId, REPORT_MAX_ERRORS))
      for (const i of (r.issues ?? []) as RowIssue[])
        if (warnings.length < REPORT_MAX_ERRORS)
          warnings.push({
            row: r.row_no,
            column: i.column,
            reason: i.reason,
            message: messageFor(i.reason, lang),
          });
    const errorFile = errorRows.length
      ? await writeWorkbook('errors', ['行号 Row', ...headers, '错误原因 Errors'], errorRows)
      : null;
    const accepted = batch.dry_run ? (counts.valid ?? 0) : (counts.accepted ?? 0);
    const results: NonNullable<ImportReport['results']> = [];
    if (spec.resultKey)
      for (let after = 0; ;) {
        const page = await stagedResults(ctx.db, batchId, spec.resultKey, after, 5_000);
        if (!page.length) break;
        for (const r of page)
          results.push({
            row: r.row_no,
            key: r.key,
            outcome: (r.outcome ?? 'rejected') as NonNullable<ImportReport['results']>[number]['outcome'],
          });
        after = page.at(-1)!.row_no;
      }
    const report: StoredReport = {
      dryRun: batch.dry_run,
      total,
      accepted,
      updated: counts.updated ?? 0,
      unchanged: counts.unchanged ?? 0,
      rejected: cp.missing?.length ? total : (counts.rejected ?? 0),
      errors,
      errorFileId: errorFile ? String(batchId) : null,
      ...(counts.deleted && { deleted: counts.deleted }),
      ...(spec.resultKey && { results }),
      ...(warnings.length && { warnings }),
    };
    return batchOutcome(deps, spec, batch, report, errorFile);
  });

/** A report as its batch's audit entry records it: the counts, the errors and warnings counted. */
const auditCounts = ({ results: _results, warnings, errors, ...counts }: StoredReport) => ({
  ...counts,
  errors: errors.length,
  ...(warnings?.length && { warnings: warnings.length }),
});

/** The job's outcome: the report and its workbook, the batch's one audit entry, the statistics after. */
const batchOutcome = <T, P>(
  deps: Deps,
  spec: RowImportSpec<T, P>,
  batch: ImportBatchRow,
  report: StoredReport,
  errorFile: Buffer | null,
): ImportOutcome => ({
  report,
  errorFile,
  // One audit entry per batch, with its counts and the file's hash (not one per row).
  finish: async (trx, audit) => {
    if (batch.dry_run) return;
    await writeAudit(trx, audit, {
      action: `${spec.kind}.import`,
      entityType: 'import_batch',
      entityId: batch.import_batch_id,
      // Counts and the file's hash, not the per-record results (10,000 of them: half a megabyte hashed
      // under the chain's lock) nor the listed errors and warnings (they are in the batch's report).
      after: {
        fileName: batch.file_name,
        fileSha256: batch.file_sha256,
        ...auditCounts(report),
      },
    });
  },
  after: async () => {
    // Statistics for the planner once the tables grew by a tenth (see analyzeGrown). On PGlite an
    // ANALYZE holds the one connection (about 1 s for 120,000 organisations at the default
    // sample): a smaller sample keeps the planner informed at a tenth of the cost.
    const written = report.accepted + report.updated;
    if (!batch.dry_run && written > 0 && spec.analyze)
      await analyzeGrown(deps.db, spec.analyze, written, {
        statisticsTarget: deps.database.kind === 'pglite' ? PGLITE_IMPORT_STATISTICS_TARGET : undefined,
      });
  },
});

/** A cell of a record as the error workbook shows it. */
const cellText = (row: SheetRow, header: string): string => {
  const v = (row.values as Record<string, unknown> | null)?.[header];
  return v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
};

/**
 * The job of a door whose file is a list of records (`spec.read`): no staging. The stored body is read
 * again by the job (also when it resumes: rows up to the checkpoint are skipped) and committed a chunk
 * at a time; each chunk's transaction writes its records through the module, one import_chunk row with
 * what became of them, and the checkpoint — so a job stopped anywhere resumes after its last committed
 * chunk and never applies a chunk twice. The report is built from the import_chunk rows.
 */
const directImport = async <T, P>(
  deps: Deps,
  spec: RowImportSpec<T, P>,
  run: Parameters<ImportBody>[0],
): Promise<ImportOutcome> => {
  const { ctx, batch, actor, file, limits, parsed } = run;
  const batchId = batch.import_batch_id;
  const lang = batch.lang === 'en' ? 'en' : 'zh-CN';
  if (spec.columns.some((c) => c.required))
    throw new Error(`${spec.kind}: a record door has no required columns`);
  let cp = ctx.checkpoint as Checkpoint;
  const size = spec.chunkSize ?? DEFAULT_CHUNK_ROWS;
  const keyOf = (row: SheetRow): string | null => {
    // (A record may be anything a client sent: null, a number, an array.)
    const values = row.values as unknown;
    if (!spec.resultKey || !values || typeof values !== 'object' || Array.isArray(values)) return null;
    const v = (values as Record<string, unknown>)[spec.resultKey];
    if (v === null || v === undefined) return null;
    return typeof v === 'string' ? v : JSON.stringify(v);
  };
  const read = await spec.read!(
    file,
    batch.file_name ?? '',
    limits,
    async (headers, rows) => {
      const fresh = rows.filter((r) => r.rowNo > (cp.processed ?? 0));
      for (let i = 0; i < fresh.length; i += size) {
        if (ctx.signal.aborted) throw new JobInterrupted();
        const chunk = fresh.slice(i, i + size);
        const next: Checkpoint = {
          ...cp,
          phase: 'process',
          headers,
          processed: chunk.at(-1)!.rowNo,
          processedCount: (cp.processedCount ?? 0) + chunk.length,
        };
        await processChunk(
          ctx,
          spec,
          actor,
          chunk,
          { id: batchId, dryRun: batch.dry_run },
          async (trx, results) => {
            const byRow = new Map(chunk.map((r) => [r.rowNo, r]));
            await saveChunkResults(
              trx,
              batchId,
              results.map((x) => {
                const row = byRow.get(x.rowNo)!;
                const e: ChunkEntry = { r: x.rowNo, o: x.outcome };
                const key = keyOf(row);
                if (key !== null) e.k = key;
                if (x.issues?.length) e.i = x.issues;
                if (x.outcome === 'rejected' && headers.length)
                  e.c = Object.fromEntries(headers.map((h) => [h, cellText(row, h)]));
                return e;
              }),
            );
            await ctx.saveCheckpoint(trx, next, {
              phase: 'process',
              done: next.processedCount!,
              total: cp.total ?? null,
            });
          },
        );
        cp = next;
      }
    },
    { batchRows: size, onTotal: (total) => (cp = { ...cp, total }), parsed },
  );

  // The report, from the chunks' results.
  const headers = read.headers;
  const counts: Record<string, number> = {};
  const errors: ImportReport['errors'] = [];
  const errorRows: Array<Array<string | number>> = [];
  const warnings: NonNullable<ImportReport['warnings']> = [];
  const results: NonNullable<ImportReport['results']> = [];
  for (let after = 0; ;) {
    const page = await chunkResults(ctx.db, batchId, after, 50);
    if (!page.length) break;
    for (const chunk of page)
      for (const e of chunk.entries) {
        counts[e.o] = (counts[e.o] ?? 0) + 1;
        const issues = (e.i ?? []) as RowIssue[];
        if (e.o === 'rejected') {
          for (const i of issues)
            if (errors.length < REPORT_MAX_ERRORS)
              errors.push({
                row: e.r,
                column: i.column,
                reason: i.reason,
                message: messageFor(i.reason, lang),
              });
          errorRows.push([
            e.r,
            ...headers.map((h) => e.c?.[h] ?? ''),
            issues.map((i) => `${i.column}: ${messageFor(i.reason, lang)}`).join('; '),
          ]);
        } else
          for (const i of issues)
            if (warnings.length < REPORT_MAX_ERRORS)
              warnings.push({
                row: e.r,
                column: i.column,
                reason: i.reason,
                message: messageFor(i.reason, lang),
              });
        if (spec.resultKey)
          results.push({
            row: e.r,
            key: e.k ?? null,
            outcome: e.o as NonNullable<ImportReport['results']>[number]['outcome'],
          });
      }
    after = page.at(-1)!.last_row;
  }
  const errorFile = errorRows.length
    ? await writeWorkbook('errors', ['行号 Row', ...headers, '错误原因 Errors'], errorRows)
    : null;
  const report: StoredReport = {
    dryRun: batch.dry_run,
    total: read.total,
    accepted: batch.dry_run ? (counts.valid ?? 0) : (counts.accepted ?? 0),
    updated: counts.updated ?? 0,
    unchanged: counts.unchanged ?? 0,
    rejected: counts.rejected ?? 0,
    errors,
    errorFileId: errorFile ? String(batchId) : null,
    ...(counts.deleted && { deleted: counts.deleted }),
    ...(spec.resultKey && { results }),
    ...(warnings.length && { warnings }),
  };
  return batchOutcome(deps, spec, batch, report, errorFile);
};

/** A chunk's rows checked: the refused ones with their issues, the taken ones (in key order) to commit. */
type CheckedChunk<T> = {
  refused: RowResult[];
  good: Array<{ rowNo: number; record: T }>;
  /** A taken row's remarks, kept with its outcome for the report's warnings. */
  warned: Map<number, RowIssue[]>;
};

/** Validates a chunk (one outcome per row), adding the cells no encoding decodes and the formulas. */
const checkChunk = async <T, P>(
  trx: Transaction<DB>,
  spec: RowImportSpec<T, P>,
  actor: Actor,
  rows: SheetRow[],
): Promise<CheckedChunk<T>> => {
  const outcomes = await spec.validate(trx, rows, actor);
  const refused: RowResult[] = [];
  const good: Array<{ rowNo: number; record: T }> = [];
  const warned = new Map<number, RowIssue[]>();
  rows.forEach((row, i) => {
    // Bytes no encoding decodes are refused with their cell, never stored as "�".
    const undecodable = [
      ...[...row.undecodableColumns].map((column) => ({ column, reason: 'text_undecodable' })),
      // A formula is refused, never imported as its cached result (OWASP formula injection; a cell
      // whose value depends on other cells is not what the row says).
      ...[...(row.formulaColumns ?? [])].map((column) => ({ column, reason: 'formula_cell' })),
    ];
    const o = outcomes[i]!;
    // (A door that names undecodable cells itself is not reported twice for them.)
    const own = o.ok ? [] : o.issues;
    const issues = [
      ...undecodable.filter((u) => !own.some((i) => i.column === u.column && i.reason === u.reason)),
      ...own,
    ];
    if (o.ok && !issues.length) {
      good.push({ rowNo: row.rowNo, record: o.record });
      if (o.warnings?.length) warned.set(row.rowNo, o.warnings);
    } else refused.push({ rowNo: row.rowNo, outcome: 'rejected', issues });
  });
  if (spec.orderKey) {
    const k = spec.orderKey;
    good.sort((a, b) => {
      const ka = k(a.record);
      const kb = k(b.record);
      return ka < kb ? -1 : ka > kb ? 1 : a.rowNo - b.rowNo;
    });
  }
  return { refused, good, warned };
};

/**
 * Validates a chunk and, unless it is a dry run, commits its valid rows; `save` records the results
 * (one per row) and the checkpoint in the chunk's transaction. A spec with `prepare` has the chunk
 * checked and prepared in a short transaction first, then committed in its own; a deadlock or
 * serialization failure runs the failed transaction again.
 */
const processChunk = async <T, P>(
  ctx: JobContext,
  spec: RowImportSpec<T, P>,
  actor: Actor,
  rows: SheetRow[],
  batch: { id: number; dryRun: boolean },
  save: (trx: Transaction<DB>, results: RowResult[]) => Promise<void>,
): Promise<void> => {
  const commit = async (trx: Transaction<DB>, checked: CheckedChunk<T>, prepared: P | undefined) => {
    const results = [...checked.refused];
    if (batch.dryRun)
      for (const g of checked.good)
        results.push({ rowNo: g.rowNo, outcome: 'valid', issues: checked.warned.get(g.rowNo) ?? null });
    else
      for (const c of await spec.commit(trx, checked.good, actor, batch.id, prepared))
        results.push({
          rowNo: c.rowNo,
          outcome: c.outcome,
          issues: c.issues?.length
            ? c.issues
            : c.outcome !== 'rejected'
              ? (checked.warned.get(c.rowNo) ?? null)
              : null,
        });
    await save(trx, results);
  };
  const prepare = spec.prepare;
  if (!prepare || batch.dryRun) {
    await retrying(() =>
      ctx.transaction(async (trx) => commit(trx, await checkChunk(trx, spec, actor, rows), undefined)),
    );
    return;
  }
  const { checked, prepared } = await retrying(() =>
    ctx.transaction(async (trx) => {
      const checked = await checkChunk(trx, spec, actor, rows);
      return {
        checked,
        prepared: checked.good.length ? await prepare(trx, checked.good, actor) : undefined,
      };
    }),
  );
  await retrying(() => ctx.transaction((trx) => commit(trx, checked, prepared)));
};
