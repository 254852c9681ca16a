/**
 * bench:import-xlsx — a workbook of exam cards through the real spreadsheet door against exceljs
 * streaming the same file alone (issue 15 item 9).
 *
 *   npm run bench:import-xlsx     -- [--rows 100000]   PGlite (a fresh data directory)
 *   npm run bench:import-xlsx:pg  -- [--rows 100000]   PostgreSQL (scripts/with-postgres.sh)
 *
 * 1. Seeds the demo province (`--scale province`) and gives its first exam institution an account with
 *    the exam-staff role (bench/exam-harness.ts, as bench:ingest).
 * 2. Writes a workbook of at least `--rows` data rows (default 100,000) in the door's template layout
 *    (exam-reports.sheet.ts: the template's headers with their `*`, one card per run of rows with the same
 *    记录ID, the card's columns on its first row, one conclusion and one exam item per row) with exceljs's
 *    streaming WorkbookWriter, to a temporary file, before anything is timed. The cards are those of
 *    bench:ingest (bench/ingest-cards.ts: GB 11643 workers, 30 % of them examined before, registered
 *    employers, six exposure profiles with 12–18 items), all new and all valid: the sheet is one
 *    institution's upload, so none is a resend. Whole cards: the last one may end a few rows past
 *    `--rows`; `rows` is the data rows written. Codes are written as the template's dropdown shows them
 *    (`02 在岗期间`; `--codes bare` for bare codes), strings in a shared-string table as Excel saves a
 *    workbook (`--strings inline` for inline strings, as exceljs writes by default).
 * 3. Baselines, in this process, one after the other, before the server starts:
 *    - exceljs: `stream.xlsx.WorkbookReader` on the file, every row's values taken (run again once the
 *      pipeline is done: reader_rows_per_s is the mean rate of the two runs);
 *    - the platform's reader in this thread (sheet-parse.ts streamParseSheet: the zip opened by its
 *      central directory, exceljs's parsers, every cell to text) and through its sheet worker
 *      (sheet.ts streamSheet: the rows cloned to the calling thread, a batch at a time);
 *    - the door's read (readCardSheet: two passes through the worker, the rows grouped into staged
 *      cards) and the door's validation of those cards (schema and card rules; no database).
 * 4. Starts the server as `npm start` does (bench/exam-server.ts), signs the institution in and uploads
 *    the file as the web does: POST /api/v1/exam-reports/import (multipart, field `file`), then follows
 *    GET /api/v1/imports/{id} every `--poll-ms` (250) ms until done. Pipeline time = from the POST to the
 *    batch seen done: the upload received and stored, the job reading the sheet twice in its worker,
 *    staging the cards, the rules, the workers' keyed hash and encryption, the cards, conclusions and
 *    items stored, the report, the batch's audit entry and the ANALYZE after it. Meanwhile
 *    GET /api/health every `--probe-ms` (50) ms and a route doing one `select 1` every 100 ms.
 * 5. Checks the report (total = accepted = cards written, nothing rejected) and the tables (the cards
 *    stored under the batch, no staged row left, one audit entry); a mismatch fails the run.
 *
 * The door's default limits (OHP_IMPORT_MAX_ROWS 50,000, OHP_IMPORT_MAX_CELLS 1,000,000) refuse a
 * workbook of this size: the bench raises them for its server to what the file needs.
 *
 * rows = data rows of the sheet (not cards: a card is 12–18 rows). reader_rows_per_s = rows ÷ seconds
 * of exceljs alone (mean of the two runs); pipeline_rows_per_s = rows ÷ pipeline seconds; ratio = pipeline ÷ reader.
 * peak_rss_mb = the server's RSS sampled every 50 ms during the import (its sheet workers and PGlite's
 * worker are threads of that process); health_p99_ms = p99 of GET /api/health during the import. Also
 * in the JSON: cards, platform_reader_rows_per_s (streamParseSheet in this thread). The last line is
 * that JSON.
 *
 * Other options: --scale province|small, --probe-ms 50, --poll-ms 250, --keep. BENCH_CPU_PROF=<dir>
 * writes the server's V8 CPU profiles (its threads' too).
 */
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ExamCardInput } from '@ohp/contracts';
import ExcelJS from 'exceljs';
import {
  arg,
  countRows,
  int,
  load,
  mb,
  prepareRun,
  probe,
  round1,
  seconds,
  setUp,
  signIn,
  startServer,
  withDatabase,
  type BatchView,
  type Memory,
  type ProbeResult,
  type Session,
} from './exam-harness.js';
import { cardOf, type CardPlan } from './ingest-cards.js';

/** The door's default limits (config.ts): what an unconfigured server would take. */
const DEFAULT_MAX_ROWS = 50_000;
const DEFAULT_MAX_CELLS = 1_000_000;

const rate = (n: number, s: number) => Math.round(n / s);

// ---------------------------------------------------------------------------------------------------
// The workbook

type Written = { rows: number; cards: number; bytes: number; seconds: number; columns: number };

/**
 * Writes cards 0, 1, … of the plan in the template's layout until at least `rows` data rows are written.
 * Empty cells are left out (as a spreadsheet program saves them).
 */
const writeWorkbook = async (
  plan: CardPlan,
  file: string,
  rows: number,
  opts: { names: boolean; sharedStrings: boolean },
): Promise<Written> => {
  const { COLUMNS, cardSheetRows } =
    await import('../apps/server/src/modules/exam-reports/exam-reports.sheet.js');
  const t0 = performance.now();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useSharedStrings: opts.sharedStrings,
    useStyles: false,
  });
  const ws = wb.addWorksheet('个案卡');
  ws.addRow(COLUMNS.map((c) => (c.required ? `${c.header}*` : c.header))).commit();
  let written = 0;
  let cards = 0;
  while (written < rows) {
    const card: ExamCardInput = cardOf(plan, cards).card;
    for (const r of cardSheetRows(card, { names: opts.names })) {
      ws.addRow(r.map((v) => (v === '' ? null : v))).commit();
      written += 1;
    }
    cards += 1;
  }
  ws.commit();
  await wb.commit();
  return { rows: written, cards, bytes: statSync(file).size, seconds: seconds(t0), columns: COLUMNS.length };
};

// ---------------------------------------------------------------------------------------------------
// Baselines: the file read without the pipeline

type Baseline = { name: string; rows: number; seconds: number; note?: string };

/** exceljs's own streaming reader on the file, alone: every row of the first sheet, its values taken. */
const exceljsAlone = async (file: string): Promise<Baseline> => {
  const t0 = performance.now();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let rows = 0;
  let cells = 0;
  for await (const sheet of reader)
    for await (const row of sheet) {
      rows += 1;
      cells += (row.values as unknown[]).length;
    }
  // (The header row is a row of the file: counted out, as the data rows are the measure.)
  return {
    name: 'exceljs WorkbookReader',
    rows: rows - 1,
    seconds: seconds(t0),
    note: `${int(cells)} cells`,
  };
};

type Limits = { maxRows: number; maxCells: number; parseTimeoutSeconds: number };

const platformInThread = async (buf: Buffer, limits: Limits): Promise<Baseline> => {
  const { streamParseSheet } = await import('../apps/server/src/platform/imports/sheet-parse.js');
  const t0 = performance.now();
  let rows = 0;
  const read = await streamParseSheet(buf, 'bench.xlsx', limits, async (_h, batch) => {
    rows += batch.length;
  });
  return {
    name: 'platform reader, this thread',
    rows,
    seconds: seconds(t0),
    note: `streamParseSheet, ${int(read.stats.cells)} cells`,
  };
};

const platformInWorker = async (buf: Buffer, limits: Limits): Promise<Baseline> => {
  const { streamSheet } = await import('../apps/server/src/platform/imports/sheet.js');
  const t0 = performance.now();
  let rows = 0;
  await streamSheet(buf, 'bench.xlsx', limits, async (_h, batch) => {
    rows += batch.length;
  });
  return { name: 'platform reader, sheet worker', rows, seconds: seconds(t0), note: 'streamSheet, as a job' };
};

/** The door's read (both passes) and, on the cards it stages, the door's validation (no database). */
const doorAlone = async (buf: Buffer, limits: Limits, sheetRows: number): Promise<Baseline[]> => {
  const { examCardSheetSpec, readCardSheet } =
    await import('../apps/server/src/modules/exam-reports/exam-reports.sheet.js');
  type Staged = Parameters<ReturnType<typeof examCardSheetSpec>['validate']>[1];
  const staged: Staged = [];
  const t0 = performance.now();
  // The batch size the pipeline reads with (STAGE_BATCH_ROWS).
  const read = await readCardSheet()(
    buf,
    'bench.xlsx',
    limits,
    async (_h, batch) => {
      for (const r of batch) staged.push(r);
    },
    { batchRows: 1_000 },
  );
  const readSeconds = seconds(t0);
  // validate needs neither the transaction nor the dependencies (commit does): the rules alone.
  const spec = examCardSheetSpec({} as never);
  const actor = { organisationKind: 'exam_institution' } as never;
  const t1 = performance.now();
  let ok = 0;
  for (let i = 0; i < staged.length; i += 500)
    for (const o of await spec.validate(null as never, staged.slice(i, i + 500), actor)) if (o.ok) ok += 1;
  const validateSeconds = seconds(t1);
  return [
    {
      name: "door's read (2 passes)",
      rows: sheetRows,
      seconds: readSeconds,
      note: `readCardSheet via the worker: ${int(read.total)} cards staged`,
    },
    {
      name: "door's validation",
      rows: sheetRows,
      seconds: validateSeconds,
      note: `${int(ok)} of ${int(staged.length)} cards valid, ${int(rate(staged.length, validateSeconds))} cards/s`,
    },
  ];
};

// ---------------------------------------------------------------------------------------------------
// The upload

type Phase = { phase: string; at: number };

/** Uploads the file as the web does and follows its batch until it is done; the phases as seen. */
const upload = async (
  base: string,
  session: Session,
  file: Buffer,
  pollMs: number,
  onPoll: (b: BatchView, elapsed: number) => Promise<void>,
): Promise<{ batch: BatchView; phases: Phase[] }> => {
  const t0 = performance.now();
  const form = new FormData();
  form.append('file', new Blob([file]), 'bench-exam-cards.xlsx');
  const res = await fetch(`${base}/api/v1/exam-reports/import`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'accept-language': 'zh-CN' },
    body: form,
  });
  const answer = (await res.json()) as BatchView & NonNullable<BatchView['report']>;
  const phases: Phase[] = [{ phase: `answered ${res.status}`, at: seconds(t0) }];
  if (res.status === 200)
    return { batch: { batchId: answer.batchId, status: 'done', report: answer, error: null }, phases };
  if (res.status !== 202) throw new Error(`upload: ${res.status} ${JSON.stringify(answer).slice(0, 500)}`);
  for (;;) {
    await new Promise((r) => setTimeout(r, pollMs));
    const b = (await (
      await fetch(`${base}/api/v1/imports/${answer.batchId}`, { headers: { cookie: session.cookie } })
    ).json()) as BatchView;
    const phase = b.status === 'done' || b.status === 'failed' ? b.status : (b.progress?.phase ?? b.status);
    if (phases.at(-1)!.phase !== phase) phases.push({ phase, at: seconds(t0) });
    await onPoll(b, seconds(t0));
    if (b.status === 'done' && b.report) return { batch: b, phases };
    if (b.status === 'failed') throw new Error(`import failed: ${JSON.stringify(b.error)}`);
  }
};

// ---------------------------------------------------------------------------------------------------

const main = async () => {
  const rows = Number(arg('rows', '100000'));
  const scale = arg('scale', 'province');
  const probeMs = Number(arg('probe-ms', '50'));
  const pollMs = Number(arg('poll-ms', '250'));
  const names = arg('codes', 'named') !== 'bare';
  const sharedStrings = arg('strings', 'shared') !== 'inline';
  const started = performance.now();

  const { COLUMNS } = await import('../apps/server/src/modules/exam-reports/exam-reports.sheet.js');
  // Whole cards: at most one card (≤ 18 rows) past --rows. Every data row holds an item, whose columns
  // are the last: a row counts COLUMNS.length cells.
  const limits: Limits = {
    maxRows: Math.max(DEFAULT_MAX_ROWS, rows + 100),
    maxCells: Math.max(DEFAULT_MAX_CELLS, (rows + 101) * COLUMNS.length),
    parseTimeoutSeconds: Number(process.env.OHP_IMPORT_PARSE_TIMEOUT_SECONDS ?? 120),
  };
  const run = await prepareRun('ohp-bench-xlsx', 'ohp_bench_import_xlsx', {
    OHP_IMPORT_MAX_ROWS: String(limits.maxRows),
    OHP_IMPORT_MAX_CELLS: String(limits.maxCells),
  });
  const { engine, env } = run;
  try {
    console.log(
      `bench:import-xlsx on ${engine}: ${int(rows)} rows, ${names ? 'named' : 'bare'} codes, ${sharedStrings ? 'shared' : 'inline'} strings; load average ${load()}`,
    );
    const setup = await setUp(env, scale, 1);
    const institution = setup.plan.institutions[0]!;
    const plan: CardPlan = {
      ...setup.plan,
      institutions: [institution],
      // One upload of one institution: every card new (no resends, re-exams or invalid cards), all in
      // the first "batch" of the generator.
      rows: Number.MAX_SAFE_INTEGER,
      batchSize: Number.MAX_SAFE_INTEGER,
      shares: { invalid: 0, corrected: 0, identical: 0, reexam: 0, repeatWorker: 0.3 },
      today: new Date().toISOString().slice(0, 10),
    };

    const file = join(run.dataDir, 'bench-exam-cards.xlsx');
    const w = await writeWorkbook(plan, file, rows, { names, sharedStrings });
    const fileMb = w.bytes / 1_048_576;
    const cells = (w.rows + 1) * w.columns;
    console.log(
      `wrote ${file}: ${int(w.rows)} data rows, ${int(w.cards)} cards (${(w.rows / w.cards).toFixed(1)} rows a card), ${w.columns} columns, ${fileMb.toFixed(1)} MB (${int(w.bytes / w.rows)} bytes a row) in ${w.seconds.toFixed(1)} s`,
    );
    if (w.rows > DEFAULT_MAX_ROWS || cells > DEFAULT_MAX_CELLS)
      console.log(
        `note: the door's default limits (${int(DEFAULT_MAX_ROWS)} rows, ${int(DEFAULT_MAX_CELLS)} cells) refuse this file (${int(w.rows)} rows, ${int(cells)} cells); this server runs with OHP_IMPORT_MAX_ROWS=${limits.maxRows} OHP_IMPORT_MAX_CELLS=${limits.maxCells}`,
      );

    const buf = await readFile(file);
    const baselines: Baseline[] = [];
    const show = (b: Baseline) => {
      baselines.push(b);
      console.log(
        `alone: ${b.name.padEnd(30)} ${int(b.rows).padStart(8)} rows in ${b.seconds.toFixed(2).padStart(6)} s = ${int(rate(b.rows, b.seconds)).padStart(7)} rows/s${b.note ? ` (${b.note})` : ''}`,
      );
    };
    const exceljs = await exceljsAlone(file);
    show(exceljs);
    const platform = await platformInThread(buf, limits);
    show(platform);
    show(await platformInWorker(buf, limits));
    for (const b of await doorAlone(buf, limits, w.rows)) show(b);
    if (exceljs.rows !== w.rows || platform.rows !== w.rows)
      throw new Error(`the readers found ${exceljs.rows} / ${platform.rows} data rows, ${w.rows} written`);

    const server = await startServer(env);
    let memoryAtStart: Memory;
    let memoryAtEnd: Memory;
    let pipelineSeconds: number;
    let health: ProbeResult;
    let dbProbe: ProbeResult;
    let result: Awaited<ReturnType<typeof upload>>;
    try {
      const session = await signIn(server.base, setup.usernames.get(institution.organisationId)!);
      memoryAtStart = await server.memory(true);
      console.log(`server ready: RSS ${mb(memoryAtStart.rss)} MB; load average ${load()}`);
      const healthProbe = probe(`${server.base}/api/health`, probeMs);
      const databaseProbe = probe(`${server.base}/api/bench/db`, 100);
      const t0 = performance.now();
      let lastLog = -Infinity;
      let lastPhase = '';
      result = await upload(server.base, session, buf, pollMs, async (b, elapsed) => {
        const phase = b.progress?.phase ?? b.status;
        if (elapsed - lastLog < 5 && phase === lastPhase && b.status !== 'done') return;
        lastLog = elapsed;
        lastPhase = phase;
        const m = await server.memory();
        const h = healthProbe.now();
        console.log(
          `${elapsed.toFixed(1).padStart(6)} s: ${b.status} ${phase} ${int(b.progress?.done ?? 0)}/${b.progress?.total === null || b.progress?.total === undefined ? '?' : int(b.progress.total)} | health p99 ${h.p99} ms, max ${h.max} ms | server RSS ${mb(m.rss)} MB, peak ${mb(m.peakRss)} MB, event loop max ${round1(m.loopMax)} ms`,
        );
      });
      pipelineSeconds = seconds(t0);
      health = await healthProbe.stop();
      dbProbe = await databaseProbe.stop();
      memoryAtEnd = await server.memory();
    } finally {
      await server.stop();
    }
    // exceljs again, now that the server has stopped: the reader's rate is the mean of the runs before and
    // after the pipeline, so that it saw about the load the pipeline saw (the machine is shared).
    const exceljsAfter = await exceljsAlone(file);
    show({ ...exceljsAfter, name: 'exceljs WorkbookReader, after' });

    const report = result.batch.report!;
    const counts = await withDatabase(run, async (db) => ({
      exam_card: await countRows(db, 'exam_card', `import_batch_id = ${Number(result.batch.batchId)}`),
      import_row: await countRows(db, 'import_row'),
      audit: await countRows(db, 'audit_log', `action = 'exam_card_sheet.import'`),
    }));
    const ok =
      report.total === w.cards &&
      report.accepted === w.cards &&
      report.rejected === 0 &&
      report.updated === 0 &&
      report.unchanged === 0 &&
      counts.exam_card === w.cards &&
      counts.import_row === 0 &&
      counts.audit === 1;
    console.log(
      `pipeline: ${int(w.rows)} rows (${int(w.cards)} cards) in ${pipelineSeconds.toFixed(1)} s = ${int(rate(w.rows, pipelineSeconds))} rows/s, ${int(rate(w.cards, pipelineSeconds))} cards/s; phases ${result.phases.map((p) => `${p.phase} at ${p.at.toFixed(1)} s`).join(', ')}`,
    );
    console.log(
      `report: total ${report.total}, accepted ${report.accepted}, updated ${report.updated}, unchanged ${report.unchanged}, rejected ${report.rejected}${report.errors?.length ? `, first errors ${JSON.stringify(report.errors.slice(0, 3))}` : ''}; stored: ${Object.entries(
        counts,
      )
        .map(([t, n]) => `${t} ${int(n)}`)
        .join(
          ', ',
        )} — ${ok ? 'as planned' : `NOT AS PLANNED (expected ${int(w.cards)} cards accepted and stored)`}`,
    );
    console.log(
      `during the import: GET /api/health p50 ${health.p50} / p99 ${health.p99} / max ${health.max} ms (${health.n} calls, ${health.failures} failed); one select 1 p50 ${dbProbe.p50} / p99 ${dbProbe.p99} / max ${dbProbe.max} ms (${dbProbe.n} calls, ${dbProbe.failures} failed)`,
    );
    console.log(
      `server: RSS ${mb(memoryAtStart.rss)} MB before, ${mb(memoryAtEnd.rss)} MB after, sampled peak ${mb(memoryAtEnd.peakRss)} MB, maxRSS (since start-up) ${mb(memoryAtEnd.maxRss)} MB; event-loop delay p99 ${round1(memoryAtEnd.loopP99)} / max ${round1(memoryAtEnd.loopMax)} ms; load average ${load()}`,
    );
    console.log(
      `client: peak RSS ${mb(process.resourceUsage().maxRSS * 1024)} MB; total run ${seconds(started).toFixed(0)} s`,
    );

    const readerRate = (exceljs.rows / exceljs.seconds + exceljsAfter.rows / exceljsAfter.seconds) / 2;
    const pipelineRate = w.rows / pipelineSeconds;
    console.log(
      JSON.stringify({
        db: engine,
        rows: w.rows,
        file_mb: round1(fileMb),
        reader_rows_per_s: Math.round(readerRate),
        pipeline_rows_per_s: Math.round(pipelineRate),
        ratio: Math.round((pipelineRate / readerRate) * 1000) / 1000,
        peak_rss_mb: mb(memoryAtEnd.peakRss),
        health_p99_ms: health.p99,
        cards: w.cards,
        platform_reader_rows_per_s: Math.round(platform.rows / platform.seconds),
      }),
    );
    if (!ok) process.exitCode = 1;
  } finally {
    await run.cleanUp();
  }
};

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
