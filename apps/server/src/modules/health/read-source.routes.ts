/**
 * `GET /api/v1/read-source`: where reports, dashboards and list exports are being read — the read
 * replica (with its lag) or the primary (with the reason when a replica is configured). The dashboard
 * shows “数据来自只读副本，延迟约 N 秒” from it (platform/read-replica.ts).
 */
import { ReadSourceResponse } from '@ohp/contracts';
import type { AppInstance, Deps } from '../../platform/http/types.js';

export const registerReadSourceRoutes = (app: AppInstance, deps: Deps) => {
  app.get('/api/v1/read-source', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['health'],
      summary:
        '数据读取来源 Where reports and dashboards are read: the read replica (and its lag) or the primary',
      description:
        'With DATABASE_READ_URL set, reports, dashboards and list exports read from that streaming-replication standby while it is reachable, still a standby and no further behind than OHP_READ_MAX_LAG_SECONDS; otherwise from the primary, with the reason. The answer is reused for about 1.5 s. lagSeconds is an upper bound (within the 5 s heartbeat).',
      response: { 200: ReadSourceResponse },
    },
    handler: async () => {
      const { source, lagSeconds, fallbackReason } = await deps.reads.pick();
      return { source, lagSeconds, fallbackReason };
    },
  });
};
