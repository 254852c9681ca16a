/** Liveness and database check. */
import { HealthResponse } from '@ohp/contracts';
import { sql } from 'kysely';
import type { AppInstance, Deps } from '../../platform/http/types.js';

export const registerHealthRoutes = (app: AppInstance, deps: Deps) => {
  app.get('/api/health', {
    config: { access: 'public' },
    schema: { tags: ['health'], summary: '健康检查 Health', response: { 200: HealthResponse } },
    handler: async () => {
      await sql`select 1`.execute(deps.db);
      return { status: 'ok' as const, db: deps.database.kind, version: deps.version };
    },
  });
};
