/**
 * The sheet worker: one job per thread (read an upload, stream it in batches, or write a workbook), so
 * that a big or hostile file costs a worker's time and memory, never the HTTP thread's. Started by
 * sheet.ts — from the source tree through sheet-worker-dev.mjs (tsx), from the bundle as
 * dist/sheet-worker.js (scripts/build-server.mjs builds it as a second entry point).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SheetError, streamParseSheet, type SheetLimits, type SheetRow } from './sheet-parse.js';
import { buildWorkbook, type CellOut, type WorkbookOptions } from './sheet-write.js';

type ReadJob = { buffer: Uint8Array; fileName: string; limits: SheetLimits; deadline: number };

export type SheetJob =
  /** Rows go to the parent in batches of `batchRows`; the worker waits for an ack after each. */
  | ({ op: 'stream'; batchRows: number } & ReadJob)
  | { op: 'write'; sheetName: string; headers: string[]; rows: CellOut[][]; opts?: WorkbookOptions };

export type SheetReply =
  { ok: true; result: unknown } | { ok: false; reason: string } | { ok: false; crash: string };

/** A batch of a 'stream' job (the Sets of a SheetRow survive the structured clone). */
export type SheetBatch = { type: 'rows'; headers: string[]; rows: SheetRow[] };

/**
 * What the parent posts once it has dealt with a batch; the worker reads on only then. (A type, not a
 * constant: the main thread must import nothing but types from this file, which runs a job on import.)
 */
export type SheetAck = 'ack';

/**
 * A deadline inside the worker ends a slow read cleanly (exceljs removes its temporary files on exit);
 * the main thread's timer is the backstop. It counts the worker's own time only: paused while the
 * parent deals with a batch, it resumes with what is left.
 */
const startDeadline = (ms: number) => {
  let left = ms;
  let since = 0;
  let timer: NodeJS.Timeout | undefined;
  const resume = () => {
    since = performance.now();
    timer = setTimeout(
      () => {
        parentPort!.postMessage({ ok: false, reason: 'import_too_complex' } satisfies SheetReply);
        process.exit(0);
      },
      Math.max(left, 0),
    );
  };
  const pause = () => {
    clearTimeout(timer);
    left -= performance.now() - since;
  };
  resume();
  return { pause, resume };
};

const nextAck = (): Promise<void> =>
  new Promise((resolve) => {
    const onMessage = (m: unknown) => {
      if (m !== ('ack' satisfies SheetAck)) return;
      parentPort!.off('message', onMessage);
      resolve();
    };
    parentPort!.on('message', onMessage);
  });

const run = async (job: SheetJob): Promise<unknown> => {
  if (job.op === 'write') {
    const buf = await buildWorkbook(job.sheetName, job.headers, job.rows, job.opts);
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  const buf = Buffer.from(job.buffer.buffer, job.buffer.byteOffset, job.buffer.byteLength);
  const deadline = startDeadline(job.deadline);
  try {
    return await streamParseSheet(
      buf,
      job.fileName,
      job.limits,
      async (headers, rows) => {
        deadline.pause();
        const ack = nextAck();
        parentPort!.postMessage({ type: 'rows', headers, rows } satisfies SheetBatch);
        await ack;
        deadline.resume();
      },
      { batchRows: job.batchRows },
    );
  } finally {
    deadline.pause();
  }
};

const job = workerData as SheetJob;
run(job).then(
  (result) => {
    parentPort!.postMessage({ ok: true, result } satisfies SheetReply);
    process.exit(0);
  },
  (e: unknown) => {
    parentPort!.postMessage(
      (e instanceof SheetError
        ? { ok: false, reason: e.reason }
        : { ok: false, crash: String((e as Error)?.stack ?? e) }) satisfies SheetReply,
    );
    process.exit(0);
  },
);
