/**
 * The server that `npm run bench:http` measures: the production start-up (main.ts — the database
 * opened and prepared the same way, PGlite in its worker thread, the access log on at LOG_LEVEL), plus
 * two baselines in the same process:
 *   GET /api/bench/bare  a route of the same Fastify instance that does nothing (every global hook runs)
 *   GET /api/bench/db    the same plus one `select 1` (what /api/health cost before it reused its check)
 *   POST /api/bench/calculator-bound  what the calculator route pays besides the engine: the same route
 *                     options (signed in, CSRF, rate limit), the same body parsed, and the same answer
 *                     (computed once at start-up) serialised and sent — an upper bound for the calculator
 *   GET /  on a second port: a plain Fastify instance with one route and no plugins ("hello")
 * Started by bench/http.ts as a child process; it reports its ports over IPC.
 */
import Fastify from 'fastify';
import { sql } from 'kysely';
import { registerModules } from '../apps/server/src/modules/index.js';
import { loadConfig } from '../apps/server/src/platform/config.js';
import { buildApp } from '../apps/server/src/platform/http/app.js';
import { openAndPrepare } from '../apps/server/src/server.js';
import { runCalculator } from '../apps/server/src/modules/standards/standards.service.js';
import { getCalculator } from '@ohp/standards';

const main = async () => {
  const config = loadConfig();
  const deps = await openAndPrepare(config, { thread: 'worker' });
  const { app } = await buildApp({
    deps,
    webDist: null,
    logger: true,
    registerModules: async (a, d) => {
      await registerModules(a, d);
      a.get('/api/bench/bare', { config: { access: 'public' } }, async () => ({ ok: true }));
      // What /api/health cost before it reused its check: the same instance plus one database round trip.
      a.get('/api/bench/db', { config: { access: 'public' } }, async () => {
        await sql`select 1`.execute(d.db);
        return { ok: true };
      });
      const calculator = getCalculator('air-judgement')!;
      const answers = {
        'zh-CN': await runCalculator(d.db, calculator.id, calculator.example, 'zh-CN'),
        en: await runCalculator(d.db, calculator.id, calculator.example, 'en'),
      };
      a.post(
        '/api/bench/calculator-bound',
        {
          config: {
            access: 'authenticated',
            rateLimit: { max: d.config.security.calculatorRateLimitPerMinute, timeWindow: '1 minute' },
            sessionNeutral: true,
          },
          schema: { body: calculator.inputSchema },
          validatorCompiler: () => (data: unknown) => ({ value: data }),
        },
        async (req) => answers[req.lang],
      );
    },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  // As main.ts does: jobs (imports) run once the server listens.
  await deps.jobs.start();
  const hello = Fastify();
  hello.get('/', async () => ({ hello: 'world' }));
  await hello.listen({ host: '127.0.0.1', port: 0 });
  const portOf = (s: ReturnType<typeof app.server.address>) => (typeof s === 'object' && s ? s.port : 0);
  process.send!({ port: portOf(app.server.address()), helloPort: portOf(hello.server.address()) });
  process.on('disconnect', () => {
    void Promise.all([app.close(), hello.close()])
      .then(() => deps.database.close())
      .finally(() => process.exit(0));
  });
};

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
