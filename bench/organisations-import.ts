/**
 * bench:organisations-import — a workbook of employers through the real 单位管理 import door
 * (POST /api/v1/organisations/import, the job-based pipeline) against a raw COPY of the rows it stored
 * and exceljs reading the file alone, measured in the same run (issue 17: the per-chunk refresh of the
 * employers' base records the import now does).
 *
 *   npm run bench:organisations-import     -- [--rows 50000] [--updates 0.5]   PGlite
 *   npm run bench:organisations-import:pg  -- [--rows 50000] [--updates 0.5]   PostgreSQL
 *
 * 1. Seeds the demo province (`--scale province`: ~100,000 organisations) in a fresh data directory or
 *    database (bench/exam-harness.ts) and signs in as its provincial administrator (demo-province,
 *    regulator_admin: organisations:import over the province).
 * 2. Writes a workbook of `--rows` data rows (default 50,000, the door's default limit) in the import
 *    template's layout (headers read from the template the web offers): `--updates` of them (default
 *    half) are existing employers of the seed, named by credit code, with their industry changed
 *    (GB/T 4754 codes of different risk classes in turn: the import updates the organisation, and the
 *    employers listener recomputes the risk class and writes a version); the rest are new employers with
 *    valid credit codes in the seed's counties.
 * 3. Uploads the file as the web does and follows GET /api/v1/imports/{id} every `--poll-ms` (250) ms
 *    until done. Pipeline time = from the POST to the batch seen done: upload stored, the sheet read,
 *    rows staged and validated per chunk, each chunk committed (organisations inserted or updated, the
 *    region counters, the employers' profiles, risk classes and versions), the report and the batch's
 *    audit entry. Meanwhile GET /api/health every `--probe-ms` (50) ms.
 * 4. Checks the report (accepted = new rows, updated = changed rows, nothing rejected) and the tables
 *    (the new organisations stored, one employer version with reason organisations:import for each
 *    changed employer that had a base record before, one audit entry for the batch); a mismatch fails.
 * 5. Baselines, after the server has stopped: exceljs's streaming reader on the file alone, and the
 *    organisation rows the file named COPYed into an empty copy of the organisation table
 *    (`LIKE … INCLUDING ALL`: every index; bench/ingest-copy.ts), timed alone.
 *
 * The last line is JSON: rows, pipeline_rows_per_s, copy_rows_per_s, ratio_to_copy (pipeline ÷ COPY
 * rate), reader_rows_per_s, ratio_to_reader, health_p99_ms, peak_rss_mb.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
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
  type Session,
} from './exam-harness.js';
import { copyBaselinePglite, copyBaselinePostgres } from './ingest-copy.js';

/** Industries of different risk classes (2021 catalogue): a changed row moves to the next one. */
const INDUSTRIES = ['0610', '3011', '2614', '7211', '1713', '3130'];
const nextIndustry = (code: string | null) =>
  INDUSTRIES[(INDUSTRIES.indexOf(code ?? '') + 1) % INDUSTRIES.length]!;

type Existing = {
  organisation_id: number;
  name: string;
  region_code: string;
  credit_code: string;
  industry_code: string | null;
  employees: number | null;
  revenue_wan_yuan: number | null;
};

const rate = (n: number, s: number) => Math.round(n / s);

const main = async () => {
  const rows = Number(arg('rows', '50000'));
  const updateShare = Number(arg('updates', '0.5'));
  const scale = arg('scale', 'province');
  const probeMs = Number(arg('probe-ms', '50'));
  const pollMs = Number(arg('poll-ms', '250'));
  const started = performance.now();
  const run = await prepareRun('ohp-bench-orgs', 'ohp_bench_organisations_import', {
    OHP_IMPORT_MAX_ROWS: String(Math.max(50_000, rows + 10)),
  });
  const { engine, env } = run;
  try {
    console.log(
      `bench:organisations-import on ${engine}: ${int(rows)} rows, ${Math.round(updateShare * 100)} % changes of existing employers; load average ${load()}`,
    );
    await setUp(env, scale, 0);
    const { makeCreditCode } = await import('../apps/server/src/demo/seed.js');
    const { importTemplate } =
      await import('../apps/server/src/modules/organisations/organisations.import.js');

    const updates = Math.min(Math.round(rows * updateShare), rows);
    const existing = await withDatabase(
      run,
      async (db) =>
        (
          await sql<Existing>`
            SELECT o.organisation_id, o.name, o.region_code, o.credit_code, o.industry_code, o.employees,
                   o.revenue_wan_yuan::float8 AS revenue_wan_yuan
              FROM organisation o
             WHERE o.kind = 'employer' AND o.status = 'active' AND o.credit_code IS NOT NULL
               AND (o.exposed_employees IS NULL OR o.employees IS NOT NULL)
             ORDER BY o.organisation_id
             LIMIT ${updates}`.execute(db)
        ).rows,
    );
    if (existing.length < updates)
      throw new Error(`the seed has ${existing.length} employers with a credit code; ${updates} asked`);
    const counties = [...new Set(existing.map((e) => e.region_code.slice(0, 6)))].sort();

    // The workbook: the template's header row, then the rows (empty cells left out).
    const template = new ExcelJS.Workbook();
    await template.xlsx.load((await importTemplate()) as unknown as ArrayBuffer);
    const headers = (template.worksheets[0]!.getRow(1).values as unknown[]).slice(1).map(String);
    const file = join(run.dataDir, 'bench-organisations.xlsx');
    const t0w = performance.now();
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: file,
      useSharedStrings: true,
      useStyles: false,
    });
    const ws = wb.addWorksheet('单位');
    ws.addRow(headers).commit();
    const written: string[] = [];
    for (let i = 0; i < rows; i++) {
      let r: Array<string | number | null>;
      if (i < updates) {
        const e = existing[i]!;
        r = [
          e.name,
          '用人单位',
          e.region_code,
          e.credit_code,
          '否',
          nextIndustry(e.industry_code),
          e.employees,
          e.revenue_wan_yuan,
          null,
          null,
          null,
        ];
        written.push(e.credit_code);
      } else {
        const county = counties[i % counties.length]!;
        const code = makeCreditCode(county, 70_000_000 + i);
        r = [
          `压测导入单位${i + 1}有限公司`,
          '用人单位',
          county,
          code,
          '否',
          INDUSTRIES[i % INDUSTRIES.length]!,
          20 + (i % 480),
          500 + (i % 20_000),
          `压测路${i + 1}号`,
          '职业卫生管理员',
          '0431-80000000',
        ];
        written.push(code);
      }
      ws.addRow(r).commit();
    }
    ws.commit();
    await wb.commit();
    console.log(
      `wrote ${file}: ${int(rows)} rows (${int(updates)} changed employers, ${int(rows - updates)} new) in ${seconds(t0w).toFixed(1)} s`,
    );

    const server = await startServer(env);
    let pipelineSeconds: number;
    let health: Awaited<ReturnType<ReturnType<typeof probe>['stop']>>;
    let batch: BatchView | undefined;
    let peakRss: number;
    try {
      const session: Session = await signIn(server.base, 'demo-province');
      await server.memory(true);
      const healthProbe = probe(`${server.base}/api/health`, probeMs);
      const t0 = performance.now();
      const form = new FormData();
      form.append('file', new Blob([await readFile(file)]), 'bench.xlsx');
      const res = await fetch(`${server.base}/api/v1/organisations/import`, {
        method: 'POST',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'accept-language': 'zh-CN' },
        body: form,
      });
      const answer = (await res.json()) as BatchView & NonNullable<BatchView['report']>;
      // A small file is imported in the request (200, the report); a larger one as a job (202).
      if (res.status === 200)
        batch = { batchId: answer.batchId, status: 'done', report: answer, error: null };
      else if (res.status !== 202)
        throw new Error(`upload: ${res.status} ${JSON.stringify(answer).slice(0, 500)}`);
      let lastLog = 0;
      for (; res.status === 202;) {
        await new Promise((r) => setTimeout(r, pollMs));
        batch = (await (
          await fetch(`${server.base}/api/v1/imports/${answer.batchId}`, {
            headers: { cookie: session.cookie },
          })
        ).json()) as BatchView;
        if (batch.status === 'done' && batch.report) break;
        if (batch.status === 'failed') throw new Error(`import failed: ${JSON.stringify(batch.error)}`);
        if (seconds(t0) - lastLog >= 5) {
          lastLog = seconds(t0);
          console.log(
            `${lastLog.toFixed(1).padStart(6)} s: ${batch.status} ${batch.progress?.phase ?? ''} ${int(batch.progress?.done ?? 0)} | health p99 ${healthProbe.now().p99} ms`,
          );
        }
      }
      pipelineSeconds = seconds(t0);
      health = await healthProbe.stop();
      peakRss = (await server.memory()).peakRss;
    } finally {
      await server.stop();
    }

    const report = batch!.report!;
    // Every changed employer has its base record by then (the server gives each employer without one its
    // profile and first version at start: classifyEmployers), and its industry changed: one new
    // version each.
    const expectedVersions = updates;
    const counts = await withDatabase(run, async (db) => ({
      new_organisations: await countRows(db, 'organisation', `name LIKE '压测导入单位%'`),
      import_versions: await countRows(db, 'employer_version', `reason = 'organisations:import'`),
      audit: await countRows(db, 'audit_log', `action = 'organisation.import'`),
    }));
    const ok =
      report.total === rows &&
      report.accepted === rows - updates &&
      report.updated === updates &&
      report.rejected === 0 &&
      counts.new_organisations === rows - updates &&
      counts.import_versions === expectedVersions &&
      counts.audit === 1;
    console.log(
      `pipeline: ${int(rows)} rows in ${pipelineSeconds.toFixed(1)} s = ${int(rate(rows, pipelineSeconds))} rows/s; report: total ${report.total}, accepted ${report.accepted}, updated ${report.updated}, unchanged ${report.unchanged}, rejected ${report.rejected}; stored: ${Object.entries(
        counts,
      )
        .map(([t, n]) => `${t} ${int(n)}`)
        .join(
          ', ',
        )} — ${ok ? 'as planned' : `NOT AS PLANNED (expected ${int(rows - updates)} new, ${int(updates)} updated, ${int(expectedVersions)} versions, 1 audit entry)`}`,
    );
    console.log(
      `during the import: GET /api/health p50 ${health.p50} / p99 ${health.p99} / max ${health.max} ms (${health.n} calls, ${health.failures} failed); server peak RSS ${mb(peakRss)} MB`,
    );

    // Baselines, with the server stopped: the file read alone, and the rows it named COPYed.
    const t1 = performance.now();
    let read = 0;
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    for await (const sheet of reader)
      for await (const row of sheet) read += (row.values as unknown[]).length ? 1 : 0;
    const readerSeconds = seconds(t1);
    const set = {
      // The rows the file named, by credit code.
      tables: [
        {
          table: 'organisation',
          where: `credit_code IN (${written.map((c) => `'${c}'`).join(',')})`,
        },
      ],
      retarget: false,
    };
    const copy =
      engine === 'postgresql'
        ? await copyBaselinePostgres(env.DATABASE_URL!, run.dataDir, set)
        : await copyBaselinePglite(join(run.dataDir, 'pglite'), set);
    const copied = copy.tables[0]!;
    console.log(
      `alone: exceljs WorkbookReader ${int(read - 1)} rows in ${readerSeconds.toFixed(2)} s = ${int(rate(read - 1, readerSeconds))} rows/s`,
    );
    console.log(
      `alone: COPY organisation       ${int(copied.rows)} rows in ${copied.seconds.toFixed(2)} s = ${int(rate(copied.rows, copied.seconds))} rows/s (${mb(copied.bytes)} MB)`,
    );
    if (copied.rows !== rows)
      throw new Error(`the COPY baseline copied ${copied.rows} rows, ${rows} written`);
    const pipelineRate = rows / pipelineSeconds;
    const copyRate = copied.rows / copied.seconds;
    const readerRate = (read - 1) / readerSeconds;
    console.log(`load average ${load()}; total run ${seconds(started).toFixed(0)} s`);
    console.log(
      JSON.stringify({
        db: engine,
        rows,
        updates,
        pipeline_rows_per_s: Math.round(pipelineRate),
        copy_rows_per_s: Math.round(copyRate),
        ratio_to_copy: Math.round((pipelineRate / copyRate) * 1000) / 1000,
        reader_rows_per_s: Math.round(readerRate),
        ratio_to_reader: Math.round((pipelineRate / readerRate) * 1000) / 1000,
        health_p99_ms: health.p99,
        peak_rss_mb: mb(peakRss),
        elapsed_s: round1(pipelineSeconds),
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
