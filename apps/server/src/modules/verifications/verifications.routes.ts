/** HTTP wiring of 现场核查 (issue 16 item 3, R45): the QC centre's on-site verification of a new filing. */
import {
  IdParams,
  Page,
  VerificationCompleteInput,
  VerificationDetail,
  VerificationEvidenceParams,
  VerificationEvidenceQuery,
  VerificationListQuery,
  VerificationResultsInput,
  VerificationScheduleInput,
  VerificationSummary,
  verificationResultsExample,
} from '@ohp/contracts';
import { Type } from 'typebox';
import { sendStoredFile } from '../../platform/http/download.js';
import { actorOf, auditContext, type AppInstance, type Deps } from '../../platform/http/types.js';
import { readUpload } from '../imports/index.js';
import {
  addEvidence,
  completeVerification,
  evidenceFile,
  listVerificationsFor,
  recordResults,
  scheduleVerification,
  verificationDetail,
} from './verifications.service.js';

const tags = ['verifications'];

/**
 * The demo verifications the examples act on (verifications.demo.ts): the demo filings filed in the
 * order 1 (demo-diag, completed passed), 5 (completed, radiation factor blocked), 6 (scheduled, every
 * result recorded: the complete example), 7 (pending and overdue), 8 (scheduled, nothing recorded: the
 * schedule and results examples).
 */
export const DEMO_VERIFICATION_IDS = {
  passed: 1,
  blocked: 2,
  readyToComplete: 3,
  overdue: 4,
  scheduled: 5,
} as const;

export const registerVerificationRoutes = (app: AppInstance, deps: Deps) => {
  app.get('/api/v1/verifications', {
    config: { access: 'verifications:read' },
    schema: {
      tags,
      summary: '现场核查列表 On-site verifications in scope',
      description:
        'The QC centre sees its province’s, a health commission its region’s, an institution its own. Open ones first, by due date (3 months after filing); `overdue=true` lists the open ones past it. Each row carries its abilities (schedule, record, complete: the QC centre or the commission of the institution’s province).',
      querystring: VerificationListQuery,
      response: { 200: Page(VerificationSummary) },
    },
    handler: async (req) =>
      listVerificationsFor(deps.db, actorOf(req), req.query, deps.config.listExactCountLimit),
  });

  app.get('/api/v1/verifications/:id', {
    config: { access: 'verifications:read' },
    schema: {
      tags,
      summary: '现场核查详情 A verification: checklist with results, filed hazard factors, clock',
      description:
        'The checklist is the active version of the verification form when the task opened (version 1 is provisional: `template.confidence` = uncertain). `preview` says what completing would decide now.',
      params: IdParams,
      response: { 200: VerificationDetail },
    },
    handler: async (req) => verificationDetail(deps.db, actorOf(req), Number(req.params.id), req.lang),
  });

  app.patch('/api/v1/verifications/:id', {
    config: {
      access: 'verifications:manage',
      example: { as: 'demo-qc', params: { id: DEMO_VERIFICATION_IDS.scheduled } },
    },
    schema: {
      tags,
      summary: '安排现场核查 Schedule the date and the assessors',
      description:
        'Sets (or moves) the date and the assessors; a pending task becomes scheduled. 403 `verification_province_only` for a city or county commission; 409 once completed. Audited.',
      params: IdParams,
      body: {
        ...VerificationScheduleInput,
        examples: [{ scheduledOn: '2030-03-16', assessors: ['张伟', '李娜'] }],
      },
      response: {
        200: Type.Object({ id: Type.Integer(), status: Type.String(), scheduledOn: Type.String() }),
      },
    },
    handler: async (req) =>
      scheduleVerification(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.put('/api/v1/verifications/:id/results', {
    config: {
      access: 'verifications:manage',
      example: { as: 'demo-qc', params: { id: DEMO_VERIFICATION_IDS.scheduled } },
    },
    schema: {
      tags,
      summary: '登记核查结果 Record results of checklist items and hazard factors',
      description:
        'Each item given by its code (符合 conform / 不符合 nonconform / 不适用 not_applicable, a note required for 不符合); each filed hazard factor capable or not (a note required when not). Items and factors left out keep their results. Only once scheduled (409). Audited.',
      params: IdParams,
      body: { ...VerificationResultsInput, examples: [verificationResultsExample] },
      response: {
        200: Type.Object({ id: Type.Integer(), items: Type.Integer(), factors: Type.Integer() }),
      },
    },
    handler: async (req) =>
      recordResults(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.post('/api/v1/verifications/:id/complete', {
    config: {
      access: 'verifications:manage',
      example: { as: 'demo-qc', params: { id: DEMO_VERIFICATION_IDS.readyToComplete } },
    },
    schema: {
      tags,
      summary: '完成现场核查 Complete: passed or failed, factors not capable blocked',
      description:
        'Every item and factor must have a result (400 `verification_incomplete` naming them). A key item 不符合 fails the verification; the factors found not capable become 不具备能力的服务项目 (institution_capability `blocked`: the exam-card doors refuse them with `factor_capability_blocked`); the clock closes. Audited.',
      params: IdParams,
      body: {
        ...VerificationCompleteInput,
        examples: [{ conclusion: '人员、设备、场所与备案一致，具备备案项目的检查能力' }],
      },
      response: {
        200: Type.Object({
          id: Type.Integer(),
          status: Type.String(),
          result: Type.String(),
          blocked: Type.Array(Type.String()),
        }),
      },
    },
    handler: async (req) =>
      completeVerification(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.post('/api/v1/verifications/:id/evidence', {
    config: { access: 'verifications:manage' },
    schema: {
      tags,
      summary: '上传核查佐证 Attach evidence to a checklist item (multipart "file"; ?item=)',
      description:
        'PDF / JPG / PNG, the type read from the content and matching the extension (400 `filing_attachment_type`), at most 10 MB. Only while the verification is open (409). Audited.',
      consumes: ['multipart/form-data'],
      params: IdParams,
      querystring: VerificationEvidenceQuery,
      response: { 201: Type.Object({ id: Type.Integer() }) },
    },
    handler: async (req, reply) => {
      const upload = await readUpload(req);
      const r = await addEvidence(
        deps.db,
        auditContext(req),
        actorOf(req),
        Number(req.params.id),
        req.query.item,
        upload,
      );
      return reply.code(201).send(r);
    },
  });

  app.get('/api/v1/verifications/:id/evidence/:evidenceId', {
    config: { access: 'verifications:read' },
    schema: {
      tags,
      summary: '下载核查佐证 Download evidence',
      params: VerificationEvidenceParams,
      produces: ['application/pdf', 'image/jpeg', 'image/png'],
    },
    handler: async (req, reply) => {
      const f = await evidenceFile(
        deps.db,
        actorOf(req),
        Number(req.params.id),
        Number(req.params.evidenceId),
      );
      return sendStoredFile(reply, f, `evidence-${req.params.evidenceId}`);
    },
  });
};
