/**
 * The standards engine on the server: runs @ohp/standards calculators with the administrator data kept
 * in the database (amendment effective dates, imported limit rows and GBZ 188 rows), and manages that
 * data. The engine itself is pure; everything stateful is here.
 */
import {
  amendmentsWith,
  chemicalImportTemplate,
  defaultAmendments,
  dustImportTemplate,
  getCalculator,
  importLimitRows,
  importSurveillanceRows,
  presentResult,
  surveillanceImportTemplate,
  type CalculatorContext,
  type Lang,
  type LimitRow,
  type SurveillanceRow,
} from '@ohp/standards';
import { messageFor, type ImportReport } from '@ohp/contracts';
import type { Kysely } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import type { Deps } from '../../platform/http/types.js';
import { registerImportJob } from '../../platform/imports/pipeline.js';
import type { Actor } from '../../platform/authz/actor.js';
import { sha256 } from '../../platform/crypto.js';
import type { DB } from '../../platform/db-types.js';
import { AppError, notFound } from '../../platform/errors.js';
import {
  findActiveImport,
  findActiveImports,
  findAmendmentSetting,
  findAmendmentSettings,
  replaceActiveImport,
  upsertAmendmentSetting,
} from './standards.repository.js';

export type StandardImportKind = 'oel_chemicals' | 'oel_dusts' | 'surveillance';

/** Everything an administrator has set, as the engine's context, read from the database. */
const readContext = async (db: Kysely<DB>): Promise<CalculatorContext> => {
  const [settings, imports] = await Promise.all([findAmendmentSettings(db), findActiveImports(db)]);
  const rowsOf = (kinds: StandardImportKind[]) =>
    imports.filter((i) => kinds.includes(i.kind as StandardImportKind)).flatMap((i) => i.rows as unknown[]);
  return {
    amendments: settings.map((s) => ({
      id: s.amendment_key,
      effectiveFrom: s.effective_from,
      confirmed: s.confirmed,
    })),
    importedLimitRows: rowsOf(['oel_chemicals', 'oel_dusts']) as LimitRow[],
    importedSurveillanceRows: rowsOf(['surveillance']) as SurveillanceRow[],
  };
};

/**
 * The context is cached per database (issue 14 item 4): it changes only when an administrator sets an
 * amendment date or imports rows, and both clear it once their transaction has committed
 * (`invalidateContext`), so the next calculation sees the change. Concurrent callers share one read;
 * a read that began before a clear is not kept. As a bound for changes made by another process, an
 * entry is re-read after CONTEXT_MAX_AGE_MS.
 */
export const CONTEXT_MAX_AGE_MS = 60_000;
const contexts = new WeakMap<object, { at: number; value: Promise<CalculatorContext> }>();
const generations = new WeakMap<object, number>();

export const invalidateContext = (db: Kysely<DB>): void => {
  generations.set(db, (generations.get(db) ?? 0) + 1);
  contexts.delete(db);
};

export const loadContext = async (db: Kysely<DB>, now = Date.now()): Promise<CalculatorContext> => {
  const hit = contexts.get(db);
  if (hit && now - hit.at < CONTEXT_MAX_AGE_MS) return hit.value;
  const generation = generations.get(db) ?? 0;
  const value = readContext(db);
  contexts.set(db, { at: now, value });
  const forget = () => {
    if (contexts.get(db)?.value === value) contexts.delete(db);
  };
  try {
    const context = await value;
    if ((generations.get(db) ?? 0) !== generation) forget();
    return context;
  } catch (err) {
    forget();
    throw err;
  }
};

/**
 * Runs a calculator with the administrator data in force and presents the result in `lang`: a refused
 * input (out of range, contradictory, a substance matching several rows) is a 400 `validation_failed`
 * naming each field, with the message in `lang`; a verdict or another real outcome (not_covered,
 * limit_not_loaded, date_not_covered, amendment_date_unset) is returned with each reason's text added.
 */
export const runCalculator = async (
  db: Kysely<DB>,
  id: string,
  input: unknown,
  lang: Lang,
): Promise<unknown> => {
  const calculator = getCalculator(id);
  if (!calculator) throw notFound();
  const presented = presentResult(calculator.run(input, await loadContext(db)), lang);
  if (presented.kind === 'refused') {
    throw new AppError(
      'validation_failed',
      'validation_failed',
      presented.issues.map((i) => ({ path: i.path || 'body', reason: i.reason, message: i.message })),
    );
  }
  return presented.body;
};

export const listAmendments = async (db: Kysely<DB>) => {
  const settings = await findAmendmentSettings(db);
  return amendmentsWith(
    settings.map((s) => ({ id: s.amendment_key, effectiveFrom: s.effective_from, confirmed: s.confirmed })),
  ).map((a) => {
    const s = settings.find((x) => x.amendment_key === a.id);
    return { ...a, updatedAt: s ? s.updated_at.toISOString() : null };
  });
};

export const setAmendment = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  input: { id: string; effectiveFrom: string | null; confirmed: boolean },
) => {
  if (!defaultAmendments.some((a) => a.id === input.id)) {
    throw new AppError('validation_failed', 'validation_failed', [
      { path: 'id', reason: 'amendment_unknown', message: '' },
    ]);
  }
  await db.transaction().execute(async (trx) => {
    const before = await findAmendmentSetting(trx, input.id);
    await upsertAmendmentSetting(trx, { ...input, userId: actor.userId });
    await writeAudit(trx, ctx, {
      action: 'standards.amendment_set',
      entityType: 'standard_amendment',
      entityId: input.id,
      before,
      after: input,
    });
  });
  invalidateContext(db);
  return listAmendments(db);
};

export const importTemplates: Record<StandardImportKind, readonly string[]> = {
  oel_chemicals: chemicalImportTemplate,
  oel_dusts: dustImportTemplate,
  surveillance: surveillanceImportTemplate,
};

/** The report of a standards import as the standards page reads it (the shape it always had). */
export type StandardImportReport = {
  batchId: number;
  kind: StandardImportKind;
  edition: string;
  dryRun: boolean;
  accepted: number;
  rejected: number;
  errors: Array<{ row: number; column: string; reason: string }>;
  unchanged: boolean;
};

export const standardImportReport = (r: ImportReport): StandardImportReport => {
  const x = r as ImportReport & { kind: StandardImportKind; edition: string; sameFile: boolean };
  return {
    batchId: x.batchId,
    kind: x.kind,
    edition: x.edition,
    dryRun: x.dryRun,
    accepted: x.accepted,
    rejected: x.rejected,
    errors: x.errors.map((e) => ({ row: e.row, column: e.column, reason: e.reason })),
    unchanged: x.sameFile,
  };
};

/**
 * The job of an administrator's standards CSV (a GBZ 2.1 table's missing rows or a GBZ 188 table):
 * validated as a whole by the engine's own validator — its rows form one set that replaces the previous
 * import of the same kind and edition, so it is applied in one step, not in chunks (a few hundred rows).
 * Every rejected row is reported with its row, column and reason; the same file imported twice changes
 * nothing. The calculators see the new set once the step has committed.
 */
export const registerStandardsImport = (deps: Deps): void =>
  registerImportJob(deps, 'standards', 'standards:manage', async ({ batch, actor, file }) => {
    const { kind, edition } = batch.options as { kind: StandardImportKind; edition: string };
    const csv = file.toString('utf8').replace(/^\uFEFF/, '');
    const lang = batch.lang === 'en' ? 'en' : 'zh-CN';
    const result =
      kind === 'surveillance'
        ? importSurveillanceRows(csv, { edition })
        : importLimitRows(csv, { table: kind === 'oel_chemicals' ? 'chemicals' : 'dusts', edition });
    const fileHash = sha256(csv);
    const report = {
      kind,
      edition: result.edition,
      dryRun: batch.dry_run,
      total: result.rows.length + result.errors.length,
      accepted: result.rows.length,
      updated: 0,
      unchanged: 0,
      rejected: result.errors.length,
      errors: result.errors.map((e) => ({
        row: e.row,
        column: e.column ?? '',
        reason: e.reason,
        message: messageFor(e.reason, lang),
      })),
      errorFileId: null,
      sameFile: false,
    };
    if (batch.dry_run || result.rows.length === 0) return { report, errorFile: null };
    let changed = false;
    return {
      report,
      errorFile: null,
      finish: async (trx, audit) => {
        const current = await findActiveImport(trx, kind, result.edition);
        if (current?.file_sha256 === fileHash) {
          report.sameFile = true;
          return;
        }
        changed = true;
        const row = await replaceActiveImport(trx, {
          kind,
          edition: result.edition,
          rows: JSON.stringify(result.rows),
          row_count: result.rows.length,
          rejected_count: result.errors.length,
          file_sha256: fileHash,
          imported_by: actor.userId,
        });
        await writeAudit(trx, audit, {
          action: 'standards.import',
          entityType: 'standard_import',
          entityId: row.standard_import_id,
          after: {
            kind,
            edition: result.edition,
            accepted: result.rows.length,
            rejected: result.errors.length,
            replaced: current?.standard_import_id ?? null,
            batchId: batch.import_batch_id,
            fileSha256: fileHash,
          },
        });
      },
      after: () => {
        if (changed) invalidateContext(deps.db);
      },
    };
  });
