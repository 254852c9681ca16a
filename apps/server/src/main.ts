/**
 * `npm start`: open the database (PGlite in OHP_DATA_DIR, or DATABASE_URL), migrate, seed the demo
 * province on first start (unless OHP_DEMO=0), serve the API and the web app.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { queueDemoImports } from './demo/imports.js';
import { isEmpty, seedDemoProvince } from './demo/seed.js';
import { seedDemoExamCards } from './demo/exam-cards.js';
import { seedDemoModules } from './demo/modules.js';
import { scheduleDeadlineSweep } from './modules/deadlines/index.js';
import { scheduleSummaryMerge } from './modules/indicator-summaries/index.js';
import { scheduleExamCardPartitions } from './modules/exam-reports/index.js';
import { loadConfig } from './platform/config.js';
import { analyzeStale, scheduleAnalyze } from './platform/statistics.js';
import { createHttpApp, openAndPrepare } from './server.js';

const webDist = (): string | null => {
  const candidates = [
    process.env.OHP_WEB_DIST,
    fileURLToPath(new URL('../../web/dist/', import.meta.url)),
  ].filter((p): p is string => Boolean(p));
  return candidates.find((p) => existsSync(p)) ?? null;
};

const main = async () => {
  const config = loadConfig();
  // PGlite runs in a worker thread so that database work never blocks HTTP requests.
  const deps = await openAndPrepare(config, { thread: 'worker' });
  const seeding = config.demo && (await isEmpty(deps.db));
  if (seeding) {
    console.log('Seeding the demo province (吉林省, scale small) …');
    const { accounts, organisations } = await seedDemoProvince(deps.db, {
      scale: 'small',
      password: config.demoPassword,
    });
    console.log(
      `Demo province ready: ${organisations} organisations. Demo accounts (password from OHP_DEMO_PASSWORD, default "Demo@2026!"):`,
    );
    for (const a of accounts)
      console.log(`  ${a.username.padEnd(16)} ${a.role.padEnd(16)} ${a.organisation}`);
    const t = Date.now();
    const exams = await seedDemoExamCards(deps, { scale: 'small' });
    console.log(
      `Demo exam cards: ${exams.cards} cards of the last twelve months, ${exams.reviews} review decisions (${((Date.now() - t) / 1000).toFixed(1)} s)`,
    );
    for (const s of exams.skipped) console.warn(`  demo card not stored (generator bug): ${s}`);
    for (const line of await seedDemoModules(deps, { scale: 'small' })) console.log(`Demo ${line}`);
    // The seeded tables' planner statistics now, not at the next start (PGlite has no autovacuum).
    if (deps.database.kind === 'pglite') await analyzeStale(deps.db);
  }
  const dist = webDist();
  const { app } = await createHttpApp(deps, { webDist: dist, logger: true });
  // The demo upload goes through the real import job (its handler is registered with the routes).
  if (seeding) await queueDemoImports(deps);
  await app.listen({ host: config.host, port: config.port });
  // Jobs run once the handlers are registered (with the routes) and the server answers.
  await deps.jobs.start();
  // Overdue clocks are warned about by a sweep queued now and every hour.
  const stopSweep = scheduleDeadlineSweep(deps);
  // With DATABASE_READ_URL: the heartbeat the standby's lag is read from (platform/read-replica.ts).
  const stopHeartbeat = deps.reads.startHeartbeat();
  // The indicator summaries' deltas are folded into their totals every minute.
  const stopMerge = scheduleSummaryMerge(deps);
  // The exam cards' partitions of this year and the next exist ahead of the cards (checked daily).
  const stopPartitions = scheduleExamCardPartitions(deps);
  console.log(
    `\n职业健康管理信息平台 running at http://${config.host}:${config.port} (database: ${deps.database.kind}${dist ? '' : '; web app not built'})`,
  );
  const stopAnalyze = scheduleAnalyze(deps.database, config.pgliteAnalyzeMinutes);
  const stop = async () => {
    stopAnalyze();
    stopSweep();
    stopHeartbeat();
    stopMerge();
    stopPartitions();
    await deps.jobs.stop();
    await app.close();
    await deps.database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
};

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
