/**
 * The verification of the indicator summaries (platform administrator): run one (recount from the
 * facts, report the drift, optionally repair) and list the latest runs.
 */
import { IndicatorVerification, IndicatorVerificationBody } from '@ohp/contracts';
import { Type } from 'typebox';
import { auditContext, type AppInstance, type Deps } from '../../platform/http/types.js';
import { listVerifications, mergeDeltas, runVerification } from './indicator-summaries.service.js';

const tags = ['indicator-summaries'];

export const MERGE_JOB = 'indicator_summaries.merge';

/** Registers the merge job's handler (with the routes, so every server process can run it). */
export const registerIndicatorSummaryJobs = (deps: Deps): void => {
  deps.jobs.register(MERGE_JOB, async (ctx) => mergeDeltas(ctx.db));
};

export const registerIndicatorSummaryRoutes = (app: AppInstance, deps: Deps) => {
  registerIndicatorSummaryJobs(deps);

  app.post('/api/v1/indicator-summaries/verifications', {
    config: { access: 'indicators:verify', example: { as: 'demo-sysadmin' } },
    schema: {
      tags,
      summary: '核对指标汇总 Recount the indicator summaries from the facts and report the drift',
      body: IndicatorVerificationBody,
      response: { 200: IndicatorVerification },
    },
    handler: async (req) => {
      const r = await runVerification(deps.db, auditContext(req), { repair: req.body.repair ?? false });
      return {
        id: r.id,
        at: r.at,
        repaired: r.repaired,
        totalAbsDrift: r.totalAbsDrift,
        checkedMeasures: r.checkedMeasures,
        driftRowCount: r.driftRows.length,
        driftRows: r.driftRows.slice(0, 100),
      };
    },
  });

  app.get('/api/v1/indicator-summaries/verifications', {
    config: { access: 'indicators:verify' },
    schema: {
      tags,
      summary: '指标汇总核对记录 The latest verification runs',
      querystring: Type.Object(
        { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })) },
        { additionalProperties: false },
      ),
      response: { 200: Type.Object({ data: Type.Array(IndicatorVerification) }) },
    },
    handler: async (req) => ({ data: await listVerifications(deps.db, req.query.limit ?? 20) }),
  });
};
