/**
 * The sheet worker: one job per thread (read an upload, or write a workbook), so that a big or hostile
 * file costs a worker's time and memory, never the HTTP thread's. Started by sheet.ts — from the
 * source tree through sheet-worker-dev.mjs (tsx), from the bundle as dist/sheet-worker.js
 * (scripts/build-server.mjs builds it as a second entry point).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseSheet, SheetError, type SheetLimits } from './sheet-parse.js';
import { buildWorkbook, type CellOut, type WorkbookOptions } from './sheet-write.js';

export type SheetJob =
  | { op: 'read'; buffer: Uint8Array; fileName: string; limits: SheetLimits; deadline: number }
  | { op: 'write'; sheetName: string; headers: string[]; rows: CellOut[][]; opts?: WorkbookOptions };

export type SheetReply =
  { ok: true; result: unknown } | { ok: false; reason: string } | { ok: false; crash: string };

const run = async (job: SheetJob): Promise<unknown> => {
  if (job.op === 'write') {
    const buf = await buildWorkbook(job.sheetName, job.headers, job.rows, job.opts);
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  const buf = Buffer.from(job.buffer.buffer, job.buffer.byteOffset, job.buffer.byteLength);
  // A deadline inside the worker ends a slow read cleanly (exceljs removes its temporary files on
  // exit); the main thread's timer is the backstop.
  const timer = setTimeout(() => {
    parentPort!.postMessage({ ok: false, reason: 'import_too_complex' } satisfies SheetReply);
    process.exit(0);
  }, job.deadline);
  try {
    return await parseSheet(buf, job.fileName, job.limits);
  } finally {
    clearTimeout(timer);
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
