/**
 * Sheets for the import pipeline and the exports: reading an upload (whole, or streamed in batches)
 * and writing a workbook run in a worker thread (sheet-worker.ts), at most SHEET_WORKERS at a time,
 * each with a memory ceiling and a deadline, so the HTTP thread keeps answering while a big file is
 * parsed or written.
 */
import { Worker } from 'node:worker_threads';
import type { BatchSink, Sheet, SheetLimits, SheetRow, SheetStats } from './sheet-parse.js';
import { DEFAULT_BATCH_ROWS, SheetError, type SheetErrorReason } from './sheet-parse.js';
import type { SheetAck, SheetBatch, SheetJob, SheetReply } from './sheet-worker.js';
import { buildWorkbook, type CellOut, type WorkbookOptions } from './sheet-write.js';

export { normaliseText, SheetError, toHalfWidth } from './sheet-parse.js';
export type { BatchSink, Sheet, SheetErrorReason, SheetLimits, SheetRow, SheetStats } from './sheet-parse.js';
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

/** Sheet workers started and not yet exited (tests check that a failed job leaves none behind). */
const alive = new Set<Worker>();
export const liveSheetWorkers = (): number => alive.size;

/**
 * Runs one job in a worker and settles once the worker is gone (so the next job's worker does not
 * share the memory with it). For a 'stream' job, `onBatch` gets each batch the worker posts; the
 * worker waits for it (the ack) before reading on. The backstop timer counts only the worker's time,
 * not the time spent in `onBatch`. An error of `onBatch` ends the job with that error; the job settles
 * only after an `onBatch` under way has finished.
 */
const runJob = async (
  job: SheetJob,
  timeoutMs: number,
  transfer: ArrayBuffer[] = [],
  onBatch?: BatchSink,
): Promise<unknown> => {
  await acquire();
  try {
    return await new Promise<unknown>((resolve, reject) => {
      const worker = new Worker(workerUrl(), {
        workerData: job,
        transferList: transfer,
        resourceLimits: { maxOldGenerationSizeMb: SHEET_WORKER_HEAP_MB },
      });
      alive.add(worker);
      worker.once('exit', () => alive.delete(worker));
      let settled = false;
      let inBatch: Promise<unknown> = Promise.resolve();
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        const gone = worker.terminate().catch(() => undefined);
        void Promise.all([inBatch.catch(() => undefined), gone]).then(fn);
      };
      // The backstop: a little after the worker's own deadline, paused while `onBatch` runs.
      let left = timeoutMs + 5_000;
      let since = 0;
      let timer: NodeJS.Timeout | undefined;
      const arm = () => {
        since = performance.now();
        timer = setTimeout(
          () => settle(() => reject(new SheetError('import_too_complex'))),
          Math.max(left, 0),
        );
      };
      arm();
      const batch = (m: SheetBatch) => {
        clearTimeout(timer);
        left -= performance.now() - since;
        if (!onBatch) {
          settle(() => reject(new Error('sheet worker sent rows to a job that reads no batches')));
          return;
        }
        const done = (async () => onBatch(m.headers, m.rows))();
        inBatch = done;
        done.then(
          () => {
            if (settled) return;
            arm();
            worker.postMessage('ack' satisfies SheetAck);
          },
          // The caller's own error, as it is (whatever it threw).
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
          (e: unknown) => settle(() => reject(e)),
        );
      };
      worker.on('message', (m: SheetReply | SheetBatch) => {
        if ('type' in m) batch(m);
        else
          settle(() => {
            if (m.ok) resolve(m.result);
            else if ('reason' in m) reject(new SheetError(m.reason as SheetErrorReason));
            else reject(new Error(`sheet worker failed: ${m.crash}`));
          });
      });
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

/**
 * Reads a whole upload (xlsx, or csv in UTF-8 or GB18030) in a worker: streamSheet with every batch
 * kept. Throws SheetError for a refused file.
 */
export const readSheet = async (
  buf: Buffer,
  fileName: string,
  limits: ReadLimits,
): Promise<Sheet & { stats: SheetStats }> => {
  const rows: SheetRow[] = [];
  const read = await streamSheet(buf, fileName, limits, async (_headers, batch) => {
    for (const r of batch) rows.push(r);
  });
  return { headers: read.headers, rows, stats: read.stats };
};

/**
 * Reads an upload in a worker and hands the data rows to `onBatch` in batches of
 * `opts.batchRows` (default 1000; the last may be shorter) instead of returning them, and the worker
 * waits for each `onBatch` before it reads on: an import can stage the rows as they are parsed, in flat
 * memory. The parse deadline counts the worker's time only, not the time `onBatch` takes. Resolves with
 * the header and the number of data rows; throws SheetError for a refused file (after the batches
 * before the refusal were delivered), or the error `onBatch` threw (the worker is ended). Settles only
 * once no `onBatch` is running.
 */
export const streamSheet = async (
  buf: Buffer,
  fileName: string,
  limits: ReadLimits,
  onBatch: BatchSink,
  opts: { batchRows?: number } = {},
): Promise<{ headers: string[]; total: number; stats: SheetStats }> => {
  const copy = new Uint8Array(buf);
  const deadline = limits.parseTimeoutSeconds * 1000;
  return (await runJob(
    {
      op: 'stream',
      buffer: copy,
      fileName,
      limits: { maxRows: limits.maxRows, maxCells: limits.maxCells },
      deadline,
      batchRows: opts.batchRows ?? DEFAULT_BATCH_ROWS,
    },
    deadline,
    [copy.buffer],
    onBatch,
  )) as { headers: string[]; total: number; stats: SheetStats };
};

/**
 * Rows up to which a workbook is written on the calling thread: 2,000 short rows take 30–70 ms, less
 * than starting a worker and loading exceljs in it (≈ 0.4 s, what every small error workbook paid).
 */
export const INLINE_WRITE_ROWS = 2_000;

/**
 * Writes an xlsx (one sheet, plus `opts.extra` sheets after it) — a small one here, a bigger one in a
 * worker; text cells that would run as formulas are neutralised.
 */
export const writeWorkbook = async (
  sheetName: string,
  headers: string[],
  rows: CellOut[][],
  timeoutSeconds = 300,
  opts?: WorkbookOptions,
): Promise<Buffer> => {
  const extraRows = (opts?.extra ?? []).reduce((n, x) => n + x.rows.length, 0);
  if (rows.length + extraRows <= INLINE_WRITE_ROWS) return buildWorkbook(sheetName, headers, rows, opts);
  const out = (await runJob(
    { op: 'write', sheetName, headers, rows, ...(opts && { opts }) },
    timeoutSeconds * 1000,
  )) as Uint8Array;
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
};
