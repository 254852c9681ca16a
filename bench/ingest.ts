/**
 * bench:ingest — exam cards through the real import pipeline against a raw COPY of the same rows
 * (issue 15 item 9).
 *
 *   npm run bench:ingest     -- [--rows 200000]    PGlite (a fresh data directory)
 *   npm run bench:ingest:pg  -- [--rows 1000000]   PostgreSQL (scripts/with-postgres.sh: a throw-away server)
 *
 * 1. Seeds the demo province (`--scale province`: 100,182 organisations, 40 exam institutions) and gives
 *    `--institutions` (8) of the exam institutions an account with the exam-staff role.
 * 2. Writes `--rows` realistic cards (bench/ingest-cards.ts: valid GB 11643 workers, a share of them
 *    examined before, registered employers, 12–18 item results, conclusions; corrected and identical
 *    resends, re-exams and a few invalid cards) as JSON batch bodies of `--batch` (10,000) cards to disk,
 *    before anything is timed.
 * 3. Starts the server as `npm start` does (bench/exam-server.ts: openAndPrepare, PGlite in its worker
 *    thread, the access log on, the job runner with its two workers) in a child process (the set-up,
 *    the server and the probes are shared with bench:import-xlsx in bench/exam-harness.ts), signs the
 *    institutions in, and sends
 *    the batches as their systems would: POST /api/v1/exam-reports/batches with an Idempotency-Key,
 *    `--in-flight` (2) batches at a time, each followed (200 with the report, or 202 and then
 *    GET /api/v1/imports/{id}) until it is done. Everything the door does is in the measure: the body
 *    parsed and stored, the job staging the cards, the schema and card rules, dedup by record ID and
 *    content hash, the workers' keyed hash and encryption, versions of changed cards, conclusions,
 *    re-exam links, the report and error workbook, the batch's one audit entry, the ANALYZE after it.
 *    Pipeline time = from the first POST to the last batch done. Meanwhile GET /api/health is sent
 *    every `--probe-ms` (50) ms and a route doing one `select 1` (the database's availability) every
 *    100 ms; their latencies are reported.
 * 4. Checks the outcome (per-batch reports against the plan, rows in the tables, no staged row left).
 * 5. The baseline (bench/ingest-copy.ts): the rows the pipeline stored for the cards (worker, exam_card,
 *    exam_card_version, exam_conclusion) copied out, then COPYed into identical empty tables (LIKE …
 *    INCLUDING ALL: every index; the same foreign keys) — only the COPY in is timed.
 *
 * rows = cards sent. pipeline_rows_per_s = rows ÷ pipeline seconds; copy_rows_per_s = rows ÷ seconds to
 * COPY everything those cards left in the four tables; ratio = pipeline ÷ copy. peak_rss_mb = the
 * server process's peak resident set (getrusage maxRSS: start-up and the whole ingest, PGlite's worker
 * included). health_p99_ms = p99 of GET /api/health during the ingest. The last line is that JSON.
 *
 * Other options: --scale province|small, --institutions 8, --in-flight 2, --batch 10000, --probe-ms 50,
 * --keep (keep the data directory and the PostgreSQL database). BENCH_CPU_PROF=<dir> writes the
 * server's V8 CPU profiles.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  arg,
  countRows,
  int,
  load,
  mb,
  prepareRun,
  probe,
  round1,
  setUp,
  signIn,
  startServer,
  withDatabase,
  type BatchView,
  type Memory,
  type ProbeResult,
  type Report,
  type Session,
} from './exam-harness.js';
import {
  batchCount,
  cardOf,
  DEFAULT_SHARES,
  institutionOfBatch,
  type CardKind,
  type CardPlan,
} from './ingest-cards.js';
import { copyBaselinePglite, copyBaselinePostgres, CARD_TABLES, type CopyResult } from './ingest-copy.js';

/** Writes the batch bodies; returns the cards of each kind and the bytes written. */
const writeBatches = (plan: CardPlan, dir: string) => {
  mkdirSync(dir, { recursive: true });
  const kinds: Record<CardKind, number> = { new: 0, invalid: 0, corrected: 0, identical: 0, reexam: 0 };
  let bytes = 0;
  for (let j = 0; j < batchCount(plan); j++) {
    const parts: string[] = [];
    for (let i = j * plan.batchSize; i < Math.min(plan.rows, (j + 1) * plan.batchSize); i++) {
      const { kind, card } = cardOf(plan, i);
      kinds[kind]++;
      parts.push(JSON.stringify(card));
    }
    const body = `{"cards":[${parts.join(',')}]}`;
    writeFileSync(join(dir, `batch-${j}.json`), body);
    bytes += Buffer.byteLength(body);
  }
  return { kinds, bytes };
};

// ---------------------------------------------------------------------------------------------------
// The client

/** Sends batch j as its institution's system would and follows it until it is done. */
const sendBatch = async (base: string, session: Session, body: Buffer, key: string): Promise<Report> => {
  const res = await fetch(`${base}/api/v1/exam-reports/batches`, {
    method: 'POST',
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
      'content-type': 'application/json',
      'idempotency-key': key,
    },
    body,
  });
  const answer = (await res.json()) as Report | BatchView;
  if (res.status === 200) return answer as Report;
  if (res.status !== 202)
    throw new Error(`batch ${key}: ${res.status} ${JSON.stringify(answer).slice(0, 500)}`);
  const batchId = (answer as BatchView).batchId;
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    const b = (await (
      await fetch(`${base}/api/v1/imports/${batchId}`, { headers: { cookie: session.cookie } })
    ).json()) as BatchView;
    if (b.status === 'done' && b.report) return b.report;
    if (b.status === 'failed') throw new Error(`batch ${key} failed: ${JSON.stringify(b.error)}`);
  }
};

// ---------------------------------------------------------------------------------------------------
// The checks and the baseline: the database opened again once the server has stopped

const verify = (run: Parameters<typeof withDatabase>[0]) =>
  withDatabase(run, async (db) => {
    const counts: Record<string, number> = {};
    for (const t of CARD_TABLES) counts[t] = await countRows(db, t);
    counts.import_row = await countRows(db, 'import_row');
    counts.import_file = await countRows(db, 'import_file');
    counts.audit = await countRows(db, 'audit_log', `action = 'exam_card.import'`);
    counts.linked_reexams = await countRows(db, 'exam_card', 'reexam_of_card_id is not null');
    return counts;
  });

// ---------------------------------------------------------------------------------------------------

const main = async () => {
  const run = await prepareRun('ohp-bench-ingest', 'ohp_bench_ingest');
  const { engine, dataDir, env } = run;
  const rows = Number(arg('rows', engine === 'postgresql' ? '1000000' : '200000'));
  const batchSize = Number(arg('batch', '10000'));
  const scale = arg('scale', 'province');
  const institutionsN = Number(arg('institutions', '8'));
  const inFlight = Number(arg('in-flight', '2'));
  const probeMs = Number(arg('probe-ms', '50'));
  const started = performance.now();

  try {
    console.log(
      `bench:ingest on ${engine}: ${int(rows)} cards in batches of ${int(batchSize)}, ${inFlight} in flight`,
    );
    const setup = await setUp(env, scale, institutionsN);
    const plan: CardPlan = {
      ...setup.plan,
      rows,
      batchSize,
      shares: DEFAULT_SHARES,
      today: new Date().toISOString().slice(0, 10),
    };

    const t0 = performance.now();
    const batchDir = join(dataDir, 'batches');
    const written = writeBatches(plan, batchDir);
    const batches = batchCount(plan);
    console.log(
      `wrote ${batches} batch bodies in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${mb(written.bytes)} MB (${int(written.bytes / rows)} bytes a card); ${Object.entries(
        written.kinds,
      )
        .map(([k, n]) => `${k} ${int(n)}`)
        .join(', ')}`,
    );

    const server = await startServer(env);
    let memoryAtStart: Memory;
    let memoryAtEnd: Memory;
    const totals: Report = { total: 0, accepted: 0, updated: 0, unchanged: 0, rejected: 0 };
    let pipelineSeconds: number;
    let health: ProbeResult;
    let dbProbe: ProbeResult;
    try {
      const sessions = new Map<number, Session>();
      for (const [orgId, username] of setup.usernames)
        sessions.set(orgId, await signIn(server.base, username));
      memoryAtStart = await server.memory(true);
      console.log(`server ready: RSS ${mb(memoryAtStart.rss)} MB; load average ${load()}`);

      const healthProbe = probe(`${server.base}/api/health`, probeMs);
      const databaseProbe = probe(`${server.base}/api/bench/db`, 100);
      const runStart = performance.now();
      let next = 0;
      let done = 0;
      const runKey = Date.now().toString(36);
      const worker = async () => {
        for (;;) {
          const j = next++;
          if (j >= batches) return;
          const inst = institutionOfBatch(plan, j);
          const body = await readFile(join(batchDir, `batch-${j}.json`));
          const sent = performance.now();
          const r = await sendBatch(
            server.base,
            sessions.get(inst.organisationId)!,
            body,
            `bench-${runKey}-${j}`,
          );
          for (const k of Object.keys(totals) as Array<keyof Report>) totals[k] += r[k];
          done++;
          const elapsed = (performance.now() - runStart) / 1000;
          const m = await server.memory();
          const h = healthProbe.now();
          console.log(
            `batch ${String(j + 1).padStart(4)}/${batches} (institution ${inst.organisationId}): ${int(r.accepted)} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected} rejected in ${((performance.now() - sent) / 1000).toFixed(1)} s | ${done} done, ${int(totals.total)} cards in ${elapsed.toFixed(1)} s = ${int(totals.total / elapsed)}/s | health p99 ${h.p99} ms, max ${h.max} ms | server RSS ${mb(m.rss)} MB, peak ${mb(m.peakRss)} MB, event loop max ${round1(m.loopMax)} ms`,
          );
        }
      };
      await Promise.all(Array.from({ length: inFlight }, () => worker()));
      pipelineSeconds = (performance.now() - runStart) / 1000;
      health = await healthProbe.stop();
      dbProbe = await databaseProbe.stop();
      memoryAtEnd = await server.memory();
    } finally {
      await server.stop();
    }

    // The outcome against the plan.
    const k = written.kinds;
    const expected: Report = {
      total: rows,
      accepted: k.new + k.reexam,
      updated: k.corrected,
      unchanged: k.identical,
      rejected: k.invalid,
    };
    const counts = await verify(run);
    const ok =
      JSON.stringify(totals) === JSON.stringify(expected) &&
      counts.exam_card === expected.accepted &&
      counts.exam_card_version === expected.updated &&
      counts.import_row === 0 &&
      counts.audit === batches;
    console.log(
      `pipeline: ${int(rows)} cards in ${pipelineSeconds.toFixed(1)} s = ${int(rows / pipelineSeconds)} cards/s; reports ${JSON.stringify(totals)}`,
    );
    console.log(
      `stored: ${Object.entries(counts)
        .map(([t, n]) => `${t} ${int(n)}`)
        .join(', ')} — ${ok ? 'as planned' : `NOT AS PLANNED (expected ${JSON.stringify(expected)})`}`,
    );
    console.log(
      `during the ingest: GET /api/health p50 ${health.p50} / p99 ${health.p99} / max ${health.max} ms (${health.n} calls, ${health.failures} failed); one select 1 p50 ${dbProbe.p50} / p99 ${dbProbe.p99} / max ${dbProbe.max} ms (${dbProbe.n} calls, ${dbProbe.failures} failed)`,
    );
    console.log(
      `server: RSS ${mb(memoryAtStart.rss)} MB before, ${mb(memoryAtEnd.rss)} MB after, sampled peak ${mb(memoryAtEnd.peakRss)} MB, maxRSS ${mb(memoryAtEnd.maxRss)} MB; event-loop delay p99 ${round1(memoryAtEnd.loopP99)} / max ${round1(memoryAtEnd.loopMax)} ms; load average ${load()}`,
    );

    const copyDir = join(dataDir, 'copy');
    mkdirSync(copyDir, { recursive: true });
    const copy: CopyResult =
      engine === 'postgresql'
        ? await copyBaselinePostgres(env.DATABASE_URL!, copyDir)
        : await copyBaselinePglite(join(dataDir, 'pglite'));
    for (const t of copy.tables)
      console.log(
        `COPY ${t.table.padEnd(17)} ${int(t.rows).padStart(10)} rows ${String(mb(t.bytes)).padStart(6)} MB in ${t.seconds.toFixed(2)} s = ${int(t.rows / t.seconds)} rows/s`,
      );
    console.log(`COPY all four tables: ${copy.seconds.toFixed(1)} s = ${int(rows / copy.seconds)} cards/s`);
    console.log(
      `client: peak RSS ${mb(process.resourceUsage().maxRSS * 1024)} MB; total run ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );

    const pipelineRate = rows / pipelineSeconds;
    const copyRate = rows / copy.seconds;
    console.log(
      JSON.stringify({
        db: engine,
        rows,
        pipeline_rows_per_s: Math.round(pipelineRate),
        copy_rows_per_s: Math.round(copyRate),
        ratio: Math.round((pipelineRate / copyRate) * 1000) / 1000,
        peak_rss_mb: mb(memoryAtEnd.maxRss),
        health_p99_ms: health.p99,
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
