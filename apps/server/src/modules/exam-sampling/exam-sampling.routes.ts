/** HTTP wiring of 个案卡抽查 (card sampling, issue 15 item 8). */
import {
  ExamSampleCandidates,
  ExamSampleCandidatesQuery,
  ExamSampleCheckInput,
  ExamSampleCheckResult,
  ExamSampleDetail,
  ExamSampleDrawInput,
  ExamSampleListQuery,
  ExamSampleReplay,
  ExamSampleSummary,
  IdParams,
  Page,
} from '@ohp/contracts';
import { sendDownload, XLSX_TYPE } from '../../platform/http/download.js';
import { actorOf, auditContext, type AppInstance, type Deps } from '../../platform/http/types.js';
import {
  candidatesFor,
  drawSampleFor,
  getSampleFor,
  listSamplesFor,
  recordSampleCheck,
  replaySampleFor,
  sampleWorkbook,
} from './exam-sampling.service.js';

const tags = ['exam-sampling'];

export const registerExamSamplingRoutes = (app: AppInstance, deps: Deps) => {
  app.post('/api/v1/exam-samples', {
    config: { access: 'exam_sampling:manage', example: { as: 'demo-county' } },
    schema: {
      tags,
      summary: '抽取个案卡 Draw N cards per exam institution at random, with a recorded seed',
      description:
        'Candidates: the cards of employers in the caller’s area (a regulator’s region; the QC centre’s province) with an exam date in the period, of the institutions named (or all), optionally only cards approved at least by the county and not returned since (reviewedOnly). Method sha256-v1: per institution the candidates are ordered by SHA-256 of “seed|institution credit code|record ID” and the first perInstitution taken — the same seed, parameters and candidate set always give the same cards. The seed is generated when not given; both are recorded with the candidate count and digest. 400 sample_no_candidates when nothing matches. Audited (exam_sample.draw).',
      body: {
        ...ExamSampleDrawInput,
        examples: [
          {
            from: '2025-01-01',
            to: '2027-12-31',
            perInstitution: 3,
            seed: 'QC-2026-demo',
            reviewedOnly: false,
            title: '年度个案卡与纸质报告一致性抽查',
          },
        ],
      },
      response: { 201: ExamSampleDetail },
    },
    handler: async (req, reply) => {
      const detail = await drawSampleFor(deps.db, auditContext(req), actorOf(req), req.body, req.lang);
      return reply.code(201).send(detail);
    },
  });

  app.get('/api/v1/exam-samples', {
    config: { access: 'exam_sampling:manage' },
    schema: {
      tags,
      summary: '抽查记录 Samples drawn in the caller’s area, newest first, with their progress',
      querystring: ExamSampleListQuery,
      response: { 200: Page(ExamSampleSummary) },
    },
    handler: async (req) => listSamplesFor(deps.db, actorOf(req), req.query),
  });

  app.get('/api/v1/exam-samples/candidates', {
    config: { access: 'exam_sampling:manage' },
    schema: {
      tags,
      summary:
        '候选个案卡 Cards a draw over this period would choose from, per exam institution, in the caller’s area',
      querystring: ExamSampleCandidatesQuery,
      response: { 200: ExamSampleCandidates },
    },
    handler: async (req) => candidatesFor(deps.db, actorOf(req), req.query),
  });

  app.get('/api/v1/exam-samples/:id', {
    config: { access: 'exam_sampling:manage' },
    schema: {
      tags,
      summary:
        '抽查详情 A sample: parameters, drawn cards (personal data masked) with their checks, per-institution summary',
      params: IdParams,
      response: { 200: ExamSampleDetail },
    },
    handler: async (req) => getSampleFor(deps.db, actorOf(req), Number(req.params.id), req.lang),
  });

  app.post('/api/v1/exam-samples/:id/checks', {
    config: { access: 'exam_sampling:manage', example: { as: 'demo-county', params: { id: '2' } } },
    schema: {
      tags,
      summary: '登记抽查结果 Record whether a drawn card matches the paper report',
      description:
        'By the organisation that drew the sample (others in scope: 403 sample_not_yours). matches=false names the fields that differ (conclusion, suspected disease, items, personal data …); matches=true names none. Recording again corrects the earlier check. Audited (exam_sample.record) with the earlier check as “before”.',
      params: IdParams,
      body: {
        ...ExamSampleCheckInput,
        examples: [
          {
            cardId: 1,
            matches: false,
            differingFields: ['conclusion', 'suspected_disease'],
            note: '纸质报告结论为“复查”，网络直报为“疑似职业病”',
          },
        ],
      },
      response: { 200: ExamSampleCheckResult },
    },
    handler: async (req) =>
      recordSampleCheck(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.get('/api/v1/exam-samples/:id/replay', {
    config: { access: 'exam_sampling:manage' },
    schema: {
      tags,
      summary: '重新抽取核验 Draw again now with the recorded seed and parameters, and compare',
      description:
        'sameCards: the same cards come out; sameCandidates: the candidate set is unchanged (same digest). A difference means cards were reported, corrected or reviewed after the draw — the seed and method are not in question.',
      params: IdParams,
      response: { 200: ExamSampleReplay },
    },
    handler: async (req) => replaySampleFor(deps.db, actorOf(req), Number(req.params.id)),
  });

  app.get('/api/v1/exam-samples/:id/export', {
    config: { access: 'exam_sampling:manage' },
    schema: {
      tags,
      summary:
        '导出抽查结果 The sample’s results as xlsx (cards and checks, per-institution summary, parameters)',
      params: IdParams,
    },
    handler: async (req, reply) => {
      const file = await sampleWorkbook(deps.db, actorOf(req), Number(req.params.id), req.lang);
      return sendDownload(reply, req.lang, { ...file, type: XLSX_TYPE });
    },
  });
};
