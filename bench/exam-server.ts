/**
 * The server that the exam-card benchmarks (bench/ingest.ts, bench/import-xlsx.ts) measure, started by
 * bench/exam-harness.ts `startServer` as a child process, bundled as the server is for `npm start`
 * (esbuild, into apps/server/dist/bench/): the production start-up as main.ts does it
 * (openAndPrepare, PGlite in its worker thread, the access log on — the parent sends stdout to
 * /dev/null —, the job runner started once the server listens), plus a route doing one `select 1`
 * (the database's availability: /api/health reuses its check for a second). It reports its port over
 * IPC and answers memory questions: RSS now, the peak of RSS sampled every 50 ms, getrusage maxRSS, the
 * heap and the event-loop delay since the last reset. It stops when the parent disconnects.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sql } from 'kysely';
import { registerModules } from '../apps/server/src/modules/index.js';
import { loadConfig } from '../apps/server/src/platform/config.js';
import { buildApp } from '../apps/server/src/platform/http/app.js';
import { openAndPrepare } from '../apps/server/src/server.js';
import type { ServerMessage } from './exam-harness.js';

const serve = async () => {
  const config = loadConfig(process.env, { dotenv: false });
  // As main.ts: PGlite in its worker thread, so that database work never blocks the HTTP thread.
  const deps = await openAndPrepare(config, { thread: 'worker' });
  const { app } = await buildApp({
    deps,
    webDist: null,
    // The access log is on, as in production (written to /dev/null by the parent).
    logger: true,
    registerModules: async (a, d) => {
      await registerModules(a, d);
      // One database round trip per call (/api/health reuses its check for a second).
      a.get('/api/bench/db', { config: { access: 'public' } }, async () => {
        await sql`select 1`.execute(d.db);
        return { ok: true };
      });
    },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  // As main.ts does: jobs (imports) run once the server listens.
  await deps.jobs.start();

  let peakRss = process.memoryUsage.rss();
  setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 50).unref();
  // How long the HTTP thread was kept from answering (every request waits at least that long).
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  process.on('message', (m: { id: number; reset?: boolean }) => {
    const rss = process.memoryUsage.rss();
    peakRss = Math.max(peakRss, rss);
    // The parent may have disconnected meanwhile (it stops the server after its last question).
    if (!process.connected) return;
    process.send!(
      {
        kind: 'memory',
        id: m.id,
        rss,
        peakRss,
        maxRss: process.resourceUsage().maxRSS * 1024,
        heap: process.memoryUsage().heapUsed,
        loopP99: loop.percentile(99) / 1e6,
        loopMax: loop.max / 1e6,
      } satisfies ServerMessage,
      undefined,
      undefined,
      () => undefined,
    );
    if (m.reset) {
      loop.reset();
      peakRss = rss;
    }
  });
  process.on('disconnect', () => {
    void deps.jobs
      .stop()
      .then(() => app.close())
      .then(() => deps.database.close())
      .finally(() => process.exit(0));
  });
  process.send!({
    kind: 'ready',
    port: (app.server.address() as { port: number }).port,
  } satisfies ServerMessage);
};

serve().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
