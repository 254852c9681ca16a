/**
 * Sheets for the import pipeline and the exports: reading an upload and writing a workbook both run in
 * a worker thread (sheet-worker.ts), at most SHEET_WORKERS at a time, each with a memory ceiling and a
 * deadline, so the HTTP thread keeps answering while a big file is parsed or written.
 */
import { Worker } from 'node:worker_threads';
import type { Sheet, SheetLimits, SheetStats } from './sheet-parse.js';
import { SheetError, type SheetErrorReason } from './sheet-parse.js';
import type { SheetJob, SheetReply } from './sheet-worker.js';
import type { CellOut, WorkbookOptions } from './sheet-write.js';

export { normaliseText, SheetError, toHalfWidth } from './sheet-parse.js';
export type { Sheet, SheetErrorReason, SheetLimits, SheetRow, SheetStats } from './sheet-parse.js';
export {
  buildCsv,
  neutraliseCell,
  type CellOut,
  type SheetOut,
  type WorkbookOptions,
} from './sheet-write.js';

/** Sheet jobs that run at once; more wait their turn (the server has few cores). */
export const SHEET_WORKERS = 2;
/** Heap ceiling of one sheet worker; a file that needs more is refused as too complex. */
export const SHEET_WORKER_HEAP_MB = 512;

export type ReadLimits = SheetLimits & { parseTimeoutSeconds: number };

let running = 0;
const waiting: Array<() => void> = [];
const acquire = async (): Promise<void> => {
  if (running < SHEET_WORKERS) {
    running += 1;
    return;
  }
  await new Promise<void>((resolve) => waiting.push(resolve));
};
const release = (): void => {
  const next = waiting.shift();
  if (next) next();
  else running -= 1;
};

/**
 * From the source tree (tsx, vitest) this file is TypeScript and the worker starts through a tiny
 * loader that registers tsx; in the bundle (dist/main.js) the worker is dist/sheet-worker.js.
 */
const workerUrl = (): URL =>
  new URL(import.meta.url).pathname.endsWith('.ts')
    ? new URL('./sheet-worker-dev.mjs', import.meta.url)
    : new URL('./sheet-worker.js', import.meta.url);

const runJob = async (job: SheetJob, timeoutMs: number, transfer: ArrayBuffer[] = []): Promise<unknown> => {
  await acquire();
  try {
    return await new Promise<unknown>((resolve, reject) => {
      const worker = new Worker(workerUrl(), {
        workerData: job,
        transferList: transfer,
        resourceLimits: { maxOldGenerationSizeMb: SHEET_WORKER_HEAP_MB },
      });
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        void worker.terminate();
        fn();
      };
      // The backstop: a little after the worker's own deadline.
      const timer = setTimeout(
        () => settle(() => reject(new SheetError('import_too_complex'))),
        timeoutMs + 5_000,
      );
      worker.on('message', (m: SheetReply) =>
        settle(() => {
          if (m.ok) resolve(m.result);
          else if ('reason' in m) reject(new SheetError(m.reason as SheetErrorReason));
          else reject(new Error(`sheet worker failed: ${m.crash}`));
        }),
      );
      worker.on('error', (e: Error & { code?: string }) =>
        settle(() =>
          reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new SheetError('import_too_complex') : e),
        ),
      );
      worker.on('exit', (code) =>
        settle(() => reject(new Error(`sheet worker exited (${code}) without an answer`))),
      );
    });
  } finally {
    release();
  }
};

/** Reads an upload (xlsx, or csv in UTF-8 or GB18030) in a worker; throws SheetError for a refused file. */
export const readSheet = async (
  buf: Buffer,
  fileName: string,
  limits: ReadLimits,
): Promise<Sheet & { stats: SheetStats }> => {
  // A copy the worker owns: the upload's buffer may be a slice of a shared pool.
  const copy = new Uint8Array(buf);
  const deadline = limits.parseTimeoutSeconds * 1000;
  return (await runJob(
    {
      op: 'read',
      buffer: copy,
      fileName,
      limits: { maxRows: limits.maxRows, maxCells: limits.maxCells },
      deadline,
    },
    deadline,
    [copy.buffer],
  )) as Sheet & { stats: SheetStats };
};

/**
 * Writes an xlsx in a worker (one sheet, plus `opts.extra` sheets after it); text cells that would run
 * as formulas are neutralised.
 */
export const writeWorkbook = async (
  sheetName: string,
  headers: string[],
  rows: CellOut[][],
  timeoutSeconds = 300,
  opts?: WorkbookOptions,
): Promise<Buffer> => {
  const out = (await runJob(
    { op: 'write', sheetName, headers, rows, ...(opts && { opts }) },
    timeoutSeconds * 1000,
  )) as Uint8Array;
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
};
