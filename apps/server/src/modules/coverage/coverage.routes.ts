/** HTTP wiring for 规划目标 (coverage targets). */
import { CoverageQuery, CoverageReport } from '@ohp/contracts';
import { actorOf, type AppInstance, type Deps } from '../../platform/http/types.js';
import { coverageReport } from './coverage.service.js';

export const registerCoverageRoutes = (app: AppInstance, deps: Deps) => {
  app.get('/api/v1/coverage', {
    config: { access: 'coverage:read' },
    schema: {
      tags: ['coverage'],
      summary:
        '规划目标 Coverage targets within the user’s region, computed now: each city ≥ 1 public filed diagnosis institution, each county ≥ 1 public filed exam institution with a dust factor; the gaps and the institutions that count (R40, R46)',
      querystring: CoverageQuery,
      response: { 200: CoverageReport },
    },
    handler: async (req) => coverageReport(deps.db, actorOf(req), req.query),
  });
};
