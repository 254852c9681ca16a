/** HTTP wiring of the diagnosis reports (职业病诊断报告, issue 15 items 2 and 7). */
import {
  DiagnosisReferral,
  DiagnosisReportDetail,
  DiagnosisReportInput,
  DiagnosisReportListQuery,
  DiagnosisReportResult,
  DiagnosisReportSummary,
  diagnosisReportExample,
  IdParams,
  Page,
} from '@ohp/contracts';
import { Type } from 'typebox';
import { actorOf, auditContext, type AppInstance, type Deps } from '../../platform/http/types.js';
import {
  correctReport,
  getReportFor,
  listReferralsFor,
  listReportsFor,
  submitReport,
} from './diagnosis-reports.service.js';

const tags = ['diagnosis-reports'];

const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9._:-]+$' }),
  ),
});

export const registerDiagnosisReportRoutes = (app: AppInstance, deps: Deps) => {
  app.post('/api/v1/diagnosis-reports', {
    config: {
      access: 'diagnosis_reports:submit',
      example: { as: 'demo-diag', headers: { 'idempotency-key': 'demo-diag-2026-07-0001' } },
    },
    schema: {
      tags,
      summary: '上报职业病诊断报告 Report one occupational-disease diagnosis (or its exclusion)',
      description:
        'A diagnosis institution reports for itself (DiagnosisReportInput follows the national DIAGNOSE_OCPD; each field names its element). The disease must be in the 《职业病分类和目录》 in force on the diagnosis date (2013 edition, 2024 edition from 2025-08-01); a pneumoconiosis needs its case type, stage and stage dates (首次晋期 two dates, 再次晋期 three), other diseases none. A report naming a suspected case (suspectedCaseId) — or, unnamed, the worker’s case referred to this institution — records the case’s diagnosed / excluded step in the same transaction and closes its clocks; the worker and employer may then be left out (the case’s are taken). The same report number again: unchanged when identical, else a new version. Warnings (fewer than three physicians, a disease other than the suspected one, an exposure the hazard–disease map cannot confirm) are stored and answered, never refused. Optional Idempotency-Key: a retry returns the first answer, the same key with another body 422, a concurrent duplicate 409. Audited.',
      headers: IdempotencyHeaders,
      body: { ...DiagnosisReportInput, examples: [diagnosisReportExample] },
      response: { 200: DiagnosisReportResult },
    },
    handler: async (req) =>
      submitReport(deps.db, deps.crypto, auditContext(req), actorOf(req), req.body, {
        lang: req.lang,
        idempotencyKey: req.headers['idempotency-key'],
        source: req.headers['x-ohp-client'] === 'web' ? 'web' : 'api',
      }),
  });

  app.put('/api/v1/diagnosis-reports/:id', {
    config: {
      access: 'diagnosis_reports:submit',
      example: { as: 'demo-diag', params: { id: '1' } },
    },
    schema: {
      tags,
      summary: '更正职业病诊断报告 Correct a diagnosis report (a new version; the old one kept)',
      description:
        'The whole report again, with the same report number. Only the institution that made it (else 404 out of scope, 403 without the right). A changed conclusion, disease or stage is written to the suspected case it resolved. Audited.',
      params: IdParams,
      body: {
        ...DiagnosisReportInput,
        examples: [{ ...diagnosisReportExample, recordId: 'ZD2026-DEMO-0001', remark: '更正：补充合并症' }],
      },
      response: { 200: DiagnosisReportResult },
    },
    handler: async (req) =>
      correctReport(
        deps.db,
        deps.crypto,
        auditContext(req),
        actorOf(req),
        Number(req.params.id),
        req.body,
        req.lang,
      ),
  });

  app.get('/api/v1/diagnosis-reports', {
    config: { access: 'diagnosis_reports:read' },
    schema: {
      tags,
      summary: '职业病诊断报告查询 Diagnosis reports in scope (personal data masked)',
      description:
        'A regulator sees the reports of employers in its region, a diagnosis institution its own, an employer its workers’. Filters: disease (code or category), stage, conclusion, diagnosis period, institution, region, the suspected case. lateDays: how long after the due date (diagnosis date + the rule’s days) the report was dated.',
      querystring: DiagnosisReportListQuery,
      response: { 200: Page(DiagnosisReportSummary) },
    },
    handler: async (req) => listReportsFor(deps.db, actorOf(req), req.query, deps.config.listExactCountLimit),
  });

  app.get('/api/v1/diagnosis-reports/referrals', {
    config: { access: 'diagnosis_reports:submit' },
    schema: {
      tags,
      summary:
        '转诊至本机构的疑似职业病 Suspected cases referred to the caller’s institution, to prefill a report',
      description:
        'The cases whose referral names this institution and that no report resolved yet, with the exam card’s employer, work type and exposure (the worker masked: a report naming the case may leave the worker out).',
      response: { 200: Type.Array(DiagnosisReferral) },
    },
    handler: async (req) => listReferralsFor(deps.db, actorOf(req)),
  });

  app.get('/api/v1/diagnosis-reports/:id', {
    config: { access: 'diagnosis_reports:read' },
    schema: {
      tags,
      summary:
        '职业病诊断报告详情 One report with its versions, the suspected case it resolved and the exam card that raised it',
      params: IdParams,
      response: { 200: DiagnosisReportDetail },
    },
    handler: async (req) => getReportFor(deps.db, actorOf(req), Number(req.params.id), req.lang),
  });
};
