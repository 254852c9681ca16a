/**
 * Liveness and database check. The database answer is reused for OHP_HEALTH_CHECK_MS (default
 * 1,000 ms) and concurrent calls share one check in flight: a probe polled by a load balancer, or hit
 * by many clients at once, costs at most one `select 1` a second, and never queues behind itself
 * (docs/PERFORMANCE.md, Request path). `checkedAt` says how old the database answer is; a failed
 * check is never reused (the next call checks again) and answers 500 `internal`.
 */
import { HealthResponse } from '@ohp/contracts';
import { sql } from 'kysely';
import type { AppInstance, Deps } from '../../platform/http/types.js';

export const healthProbe = (deps: Deps) => {
  let last: { at: number; checkedAt: string } | null = null;
  let inFlight: Promise<{ at: number; checkedAt: string }> | null = null;
  return async (): Promise<string> => {
    const now = Date.now();
    if (last && now - last.at < deps.config.http.healthCheckMs) return last.checkedAt;
    inFlight ??= sql`select 1`
      .execute(deps.db)
      .then(() => {
        last = { at: Date.now(), checkedAt: new Date().toISOString() };
        return last;
      })
      .finally(() => {
        inFlight = null;
      });
    return (await inFlight).checkedAt;
  };
};

export const registerHealthRoutes = (app: AppInstance, deps: Deps) => {
  const probe = healthProbe(deps);
  app.get('/api/health', {
    config: { access: 'public' },
    schema: { tags: ['health'], summary: '健康检查 Health', response: { 200: HealthResponse } },
    handler: async () => {
      const checkedAt = await probe();
      return { status: 'ok' as const, db: deps.database.kind, version: deps.version, checkedAt };
    },
  });
};

export { registerReadSourceRoutes } from './read-source.routes.js';
