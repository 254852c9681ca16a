/**
 * `npm run cli -- import exam-reports FILE [--dry-run] [--as USERNAME] [--errors OUT.xlsx] [--lang zh-CN|en]`:
 * the spreadsheet door (exam-reports.sheet.ts) from the command line. The file (xlsx, or csv in UTF-8 or
 * GB18030) goes through the same import job as a web upload — `startImport` as the given user, who must
 * be an active user of an exam institution holding exam_reports:submit (default: the demo exam account
 * `demo-exam`) — and the cards are stored with source `cli`. A file already imported by the same user
 * is not imported again: its first report is printed.
 *
 * Prints the report's counts (the web report's: accepted, updated, unchanged, rejected, warnings — of
 * cards), then each error and warning with its row and column; writes the error workbook (the rejected
 * cards' original rows plus a reason column) to --errors, by default FILE's name with `.errors.xlsx`.
 * Exit code: 0 when no card was rejected, 1 when some were (or the file was refused as a whole), 2 on a
 * usage error (arguments, an unreadable FILE, a user who cannot report cards).
 *
 * With the embedded database (PGlite in OHP_DATA_DIR) the server must not be running; with PostgreSQL
 * it may be (its job runner may then run the import, with the same handler).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { messageFor, type ImportReport, type Lang } from '@ohp/contracts';
import { loadActor } from '../../platform/authz/session.js';
import type { Deps } from '../../platform/http/types.js';
import { awaitBatch, presentBatch, startImport } from '../../platform/imports/pipeline.js';
import { SheetError } from '../../platform/imports/sheet.js';
import { myImportErrorFile } from '../imports/index.js';
import { userIdByUsername } from '../users/index.js';
import {
  EXAM_CARD_SHEET_KIND,
  examCardErrorWorkbook,
  registerExamCardSheetImport,
} from './exam-reports.sheet.js';

export const EXAM_CARD_IMPORT_USAGE =
  'usage: npm run cli -- import exam-reports FILE [--dry-run] [--as USERNAME] [--errors OUT.xlsx] [--lang zh-CN|en]';
/** The account the CLI imports as unless --as names another. */
export const DEFAULT_CLI_USER = 'demo-exam';

export type ExamCardImportArgs = {
  file: string;
  dryRun: boolean;
  as: string;
  errors: string;
  lang: Lang;
};

/** The arguments after `import`, or the reason they are not usable. */
export const parseExamCardImportArgs = (
  args: readonly string[],
): { ok: true; args: ExamCardImportArgs } | { ok: false; reason: string } => {
  if (args[0] !== 'exam-reports') return { ok: false, reason: 'the only import is "exam-reports"' };
  const files: string[] = [];
  let dryRun = false;
  let as = DEFAULT_CLI_USER;
  let errors: string | undefined;
  let lang: Lang = 'zh-CN';
  for (let i = 1; i < args.length; i++) {
    const a = args[i]!;
    const value = () => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      if (a === '--dry-run') dryRun = true;
      else if (a === '--as') as = value();
      else if (a === '--errors') errors = value();
      else if (a === '--lang') {
        const l = value();
        if (l !== 'zh-CN' && l !== 'en') return { ok: false, reason: '--lang must be zh-CN or en' };
        lang = l;
      } else if (a.startsWith('--')) return { ok: false, reason: `unknown option ${a}` };
      else files.push(a);
    } catch (e) {
      return { ok: false, reason: (e as Error).message };
    }
  }
  if (files.length !== 1) return { ok: false, reason: 'name one FILE (.xlsx or .csv)' };
  const file = resolve(files[0]!);
  const ext = extname(file).toLowerCase();
  if (ext !== '.xlsx' && ext !== '.csv') return { ok: false, reason: 'FILE must be .xlsx or .csv' };
  return {
    ok: true,
    args: { file, dryRun, as, lang, errors: resolve(errors ?? `${file.slice(0, -ext.length)}.errors.xlsx`) },
  };
};

/** Where the CLI writes: the report on stdout, progress and refusals on stderr. */
export type CliOut = { out: (line: string) => void; err: (line: string) => void };
const console_: CliOut = { out: (l) => console.log(l), err: (l) => console.error(l) };

/** The report as the CLI prints it: one line of counts, then the errors and warnings. */
export const reportLines = (r: ImportReport): string[] => [
  `cards=${r.total} accepted=${r.accepted} updated=${r.updated} unchanged=${r.unchanged} rejected=${r.rejected} warnings=${r.warnings?.length ?? 0}${r.dryRun ? ' (dry run: nothing written)' : ''}`,
  ...r.errors.map((e) => `error   row ${e.row}  ${e.column}  ${e.message} [${e.reason}]`),
  ...(r.warnings ?? []).map((w) => `warning row ${w.row}  ${w.column}  ${w.message} [${w.reason}]`),
];

/**
 * Runs the import on an opened database (its job runner is started and stopped here); returns the exit
 * code.
 */
export const runExamCardImport = async (
  deps: Deps,
  args: ExamCardImportArgs,
  io: CliOut = console_,
): Promise<number> => {
  let buffer: Buffer;
  try {
    buffer = readFileSync(args.file);
  } catch (e) {
    io.err(`cannot read ${args.file}: ${(e as Error).message}`);
    return 2;
  }
  const userId = await userIdByUsername(deps.db, args.as);
  const loaded = userId === undefined ? null : await loadActor(deps.db, userId);
  if (
    !loaded ||
    loaded.status !== 'active' ||
    !loaded.actor.permissions.has('exam_reports:submit') ||
    loaded.actor.organisationKind !== 'exam_institution'
  ) {
    io.err(
      `user "${args.as}" cannot report exam cards: an active user of an exam institution with exam_reports:submit is needed (--as USERNAME)`,
    );
    return 2;
  }
  const actor = loaded.actor;
  registerExamCardSheetImport(deps);
  await deps.jobs.start();
  try {
    const started = await startImport(
      deps,
      {
        userId: actor.userId,
        username: actor.username,
        organisationId: actor.organisationId,
        ip: null,
        requestId: 'cli',
      },
      actor,
      {
        kind: EXAM_CARD_SHEET_KIND,
        fileName: basename(args.file),
        buffer,
        dryRun: args.dryRun,
        lang: args.lang,
        options: { source: 'cli' },
      },
    );
    if (started.existing)
      io.err(`this file was imported before (batch ${started.import_batch_id}): its report`);
    let lastProgress = '';
    for (;;) {
      const batch = presentBatch(await awaitBatch(deps, started, actor.userId, 2));
      if (batch.status === 'failed') {
        const reason = batch.error?.reason ?? 'import_failed';
        io.err(`batch ${batch.batchId} failed: ${messageFor(reason, args.lang)} [${reason}]`);
        return 1;
      }
      if (batch.status === 'done' && batch.report) {
        io.out(`batch ${batch.batchId} ${basename(args.file)}`);
        for (const line of reportLines(batch.report)) io.out(line);
        if (batch.report.errorFileId) {
          const stored = await myImportErrorFile(deps.db, actor, batch.batchId, EXAM_CARD_SHEET_KIND);
          writeFileSync(
            args.errors,
            await examCardErrorWorkbook(stored, started.lang === 'en' ? 'en' : 'zh-CN'),
          );
          io.out(`error workbook: ${args.errors}`);
        }
        return batch.report.rejected === 0 ? 0 : 1;
      }
      const p = batch.progress;
      const progress = `${p.phase} ${p.done}${p.total === null ? '' : `/${p.total}`}`;
      if (progress !== lastProgress) io.err(progress);
      lastProgress = progress;
    }
  } catch (e) {
    if (e instanceof SheetError) {
      io.err(`${basename(args.file)}: ${messageFor(e.reason, args.lang)} [${e.reason}]`);
      return e.reason === 'unsupported_file_type' ? 2 : 1;
    }
    throw e;
  } finally {
    await deps.jobs.stop();
  }
};
