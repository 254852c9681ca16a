/** HTTP wiring of 质控评估 (issue 16 item 5; R50, R21, R22): forms, yearly plans, assessments, self-assessments. */
import {
  IdParams,
  Page,
  QcAssessmentDetail,
  QcAssessmentListQuery,
  QcAssessmentSummary,
  QcCompleteInput,
  QcComplaintInput,
  QcConsistencyFinding,
  QcConsistencyInput,
  QcEmptyInput,
  QcEvidenceParams,
  QcEvidenceQuery,
  QcExtraVisitInput,
  QcPlanCreateInput,
  QcPlanDetail,
  QcPlanSummary,
  QcReportMajorInput,
  QcReviewInput,
  QcScheduleInput,
  QcScoresInput,
  QcSelfCreateInput,
  QcTemplateCreateInput,
  QcTemplateDetail,
  QcTemplateListQuery,
  QcTemplateSummary,
  QcTemplateUpdateInput,
  qcTemplateUpdateExample,
} from '@ohp/contracts';
import { Type } from 'typebox';
import { sendStoredFile } from '../../platform/http/download.js';
import { actorOf, auditContext, type AppInstance, type Deps } from '../../platform/http/types.js';
import { readUpload } from '../imports/index.js';
import {
  addEvidence,
  addExtraVisit,
  assessmentDetail,
  completeAssessment,
  createPlan,
  createSelfAssessment,
  createTemplateVersion,
  evidenceFile,
  listAssessmentsFor,
  listPlansFor,
  listTemplatesFor,
  planDetail,
  publishTemplate,
  recordComplaints,
  recordConsistency,
  recordScores,
  recordSelfScores,
  refreshPlan,
  reportMajor,
  retireTemplate,
  reviewSelfAssessment,
  scheduleAssessment,
  submitSelfAssessment,
  templateDetail,
  updateTemplateDraft,
} from './qc.service.js';

const tags = ['qc'];

/**
 * The demo records the examples act on (qc.demo.ts): the shipped forms are templates 1–6 (support_
 * engineering v1 is 4), the demo's draft of the diagnosis form is 7; the demo plan is 1, whose first entry
 * is left unscheduled; assessments 1–3 completed (合格, 基本合格, 不合格), 4 scored and checked (ready to
 * complete), 5 scheduled; self-assessments 6 (support institution, submitted) and 7 (rehabilitation
 * station, a draft).
 */
export const DEMO_QC_IDS = {
  retireTemplate: 4,
  draftTemplate: 7,
  plan: 1,
  unscheduledEntry: 1,
  qualified: 1,
  basic: 2,
  failed: 3,
  ready: 4,
  scheduled: 5,
  selfSubmitted: 6,
  selfDraft: 7,
} as const;

const Ok = Type.Object({ id: Type.Integer() }, { additionalProperties: true });

export const registerQcRoutes = (app: AppInstance, deps: Deps) => {
  // ---------- templates ----------
  app.get('/api/v1/qc/templates', {
    config: { access: 'qc:read' },
    schema: {
      tags,
      summary: '质控模板 QC forms and their versions',
      description:
        'Every version of every form (draft, published, retired). `forSelf=true`: the published forms the signed-in institution may self-assess against. The shipped versions are provisional (`provisional`).',
      querystring: QcTemplateListQuery,
      response: { 200: Type.Array(QcTemplateSummary) },
    },
    handler: async (req) => listTemplatesFor(deps.db, actorOf(req), req.query, req.lang),
  });

  app.get('/api/v1/qc/templates/:id', {
    config: { access: 'qc:read' },
    schema: {
      tags,
      summary: '质控模板详情 A form version: sections, items, points, key items, evidence required',
      params: IdParams,
      response: { 200: QcTemplateDetail },
    },
    handler: async (req) => templateDetail(deps.db, actorOf(req), Number(req.params.id), req.lang),
  });

  app.post('/api/v1/qc/templates', {
    config: { access: 'qc:manage', example: { as: 'demo-qc' } },
    schema: {
      tags,
      summary: '新建模板版本 A new draft version (copies the latest) or a new form',
      description:
        'An existing code: the next version, a draft copied from the latest version (409 `qc_template_draft_exists` when a draft is open). A new code needs `kind` and `nameZh`. Audited.',
      body: { ...QcTemplateCreateInput, examples: [{ code: 'exam' }] },
      response: { 201: Type.Object({ id: Type.Integer(), version: Type.Integer() }) },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await createTemplateVersion(deps.db, auditContext(req), actorOf(req), req.body)),
  });

  app.put('/api/v1/qc/templates/:id', {
    config: { access: 'qc:manage', example: { as: 'demo-qc', params: { id: DEMO_QC_IDS.draftTemplate } } },
    schema: {
      tags,
      summary: '编辑模板草稿 Replace a draft version’s content',
      description:
        'Name, source, provisional flag, grade thresholds (合格 ≥ passPercent, 基本合格 ≥ basicPercent), sections (a per-hazard score sheet names its category) with items (points, key item, evidence required, basis). Only a draft (409 `qc_template_published`: a published version never changes). Audited.',
      params: IdParams,
      body: { ...QcTemplateUpdateInput, examples: [qcTemplateUpdateExample] },
      response: { 200: Type.Object({ id: Type.Integer(), items: Type.Integer() }) },
    },
    handler: async (req) =>
      updateTemplateDraft(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.post('/api/v1/qc/templates/:id/publish', {
    config: { access: 'qc:manage', example: { as: 'demo-qc', params: { id: DEMO_QC_IDS.draftTemplate } } },
    schema: {
      tags,
      summary: '发布模板版本 Publish a draft (the previous version retires)',
      description:
        'From now on the version is immutable (a database trigger refuses changes); assessments scheduled later use it, earlier ones keep theirs. Audited.',
      params: IdParams,
      body: QcEmptyInput,
      response: { 200: Ok },
    },
    handler: async (req) => publishTemplate(deps.db, auditContext(req), actorOf(req), Number(req.params.id)),
  });

  app.post('/api/v1/qc/templates/:id/retire', {
    config: { access: 'qc:manage', example: { as: 'demo-qc', params: { id: DEMO_QC_IDS.retireTemplate } } },
    schema: {
      tags,
      summary: '停用模板 Retire a published version (no replacement)',
      params: IdParams,
      body: QcEmptyInput,
      response: { 200: Ok },
    },
    handler: async (req) => retireTemplate(deps.db, auditContext(req), actorOf(req), Number(req.params.id)),
  });

  // ---------- plans ----------
  app.get('/api/v1/qc/plans', {
    config: { access: 'qc:read' },
    schema: {
      tags,
      summary: '年度质控计划 The province’s yearly plans with their coverage',
      description:
        'Coverage over the two-year cycle: institutions assessed in the plan year or the year before / institutions due (target 100 %, R21). Figures follow the reader’s scope.',
      response: { 200: Type.Array(QcPlanSummary) },
    },
    handler: async (req) => listPlansFor(deps.db, actorOf(req)),
  });

  app.post('/api/v1/qc/plans', {
    config: { access: 'qc:manage', example: { as: 'demo-qc' } },
    schema: {
      tags,
      summary: '制定年度质控计划 Make the plan of a year',
      description:
        'Lists every exam and diagnosis institution of the province with a filed filing once (routine). 409 `qc_plan_exists`. Audited.',
      body: {
        ...QcPlanCreateInput,
        examples: [{ year: 2030, note: '全省职业健康检查质量考核与职业病诊断质量控制评估' }],
      },
      response: { 201: Type.Object({ id: Type.Integer(), year: Type.Integer(), entries: Type.Integer() }) },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await createPlan(deps.db, auditContext(req), actorOf(req), req.body)),
  });

  app.get('/api/v1/qc/plans/:id', {
    config: { access: 'qc:read' },
    schema: {
      tags,
      summary: '质控计划详情 Entries, coverage and the risk ranking with its parts',
      description:
        'Each entry carries its risk parts (card volume of the plan year and the year before, complaints, past 不合格, rectification items past due) and score (weights in `weights`, provisional); `proposeExtra` marks the ones to visit more often.',
      params: IdParams,
      response: { 200: QcPlanDetail },
    },
    handler: async (req) => planDetail(deps.db, actorOf(req), Number(req.params.id)),
  });

  app.post('/api/v1/qc/plans/:id/refresh', {
    config: { access: 'qc:manage', example: { as: 'demo-qc', params: { id: DEMO_QC_IDS.plan } } },
    schema: {
      tags,
      summary: '补充计划 Add the institutions filed since the plan was made',
      params: IdParams,
      body: QcEmptyInput,
      response: { 200: Type.Object({ id: Type.Integer(), added: Type.Integer() }) },
    },
    handler: async (req) => refreshPlan(deps.db, auditContext(req), actorOf(req), Number(req.params.id)),
  });

  app.post('/api/v1/qc/plans/:id/extra-visits', {
    config: { access: 'qc:manage', example: { as: 'demo-qc', params: { id: DEMO_QC_IDS.plan } } },
    schema: {
      tags,
      summary: '加密考核 An extra visit for a plan entry’s institution',
      description: 'With its reason; the risk parts at this moment are kept with it. Audited.',
      params: IdParams,
      body: {
        ...QcExtraVisitInput,
        examples: [{ entryId: DEMO_QC_IDS.unscheduledEntry, reason: '服务量大且投诉较多，加大考核频次' }],
      },
      response: { 200: Type.Object({ id: Type.Integer(), entryId: Type.Integer() }) },
    },
    handler: async (req) =>
      addExtraVisit(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.put('/api/v1/qc/plans/:id/complaints', {
    config: { access: 'qc:manage', example: { as: 'demo-qc', params: { id: DEMO_QC_IDS.plan } } },
    schema: {
      tags,
      summary: '登记投诉数 Complaints about an entry’s institution in the plan year',
      params: IdParams,
      body: {
        ...QcComplaintInput,
        examples: [{ entryId: DEMO_QC_IDS.unscheduledEntry, complaints: 3, note: '12345 热线转办 3 件' }],
      },
      response: {
        200: Type.Object({ id: Type.Integer(), institutionId: Type.Integer(), complaints: Type.Integer() }),
      },
    },
    handler: async (req) =>
      recordComplaints(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  // ---------- assessments ----------
  app.get('/api/v1/qc/assessments', {
    config: { access: 'qc:read' },
    schema: {
      tags,
      summary: '质控评估列表 Assessments and self-assessments in scope',
      description:
        'The QC centre sees its province’s, a commission its region’s, an institution its own (its results and its self-assessments). Open ones first.',
      querystring: QcAssessmentListQuery,
      response: { 200: Page(QcAssessmentSummary) },
    },
    handler: async (req) =>
      listAssessmentsFor(deps.db, actorOf(req), req.query, req.lang, deps.config.listExactCountLimit),
  });

  app.post('/api/v1/qc/assessments', {
    config: { access: 'qc:manage', example: { as: 'demo-qc' } },
    schema: {
      tags,
      summary: '安排质控评估 Schedule the assessment of a plan entry',
      description:
        'The published form of the institution’s kind, the filed version of its filing (for the consistency check) and its filed categories (which per-hazard score sheets apply) are fixed now. 409 `qc_entry_scheduled`, `qc_not_filed`, `qc_no_published_template`. Audited.',
      body: {
        ...QcScheduleInput,
        examples: [
          {
            planEntryId: DEMO_QC_IDS.unscheduledEntry,
            scheduledOn: '2030-06-16',
            assessors: ['张伟', '李娜'],
          },
        ],
      },
      response: { 201: Type.Object({ id: Type.Integer(), status: Type.String() }) },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await scheduleAssessment(deps.db, auditContext(req), actorOf(req), req.body)),
  });

  app.get('/api/v1/qc/assessments/:id', {
    config: { access: 'qc:read' },
    schema: {
      tags,
      summary: '质控评估详情 The scored form, the consistency check, the result',
      description:
        '`preview` says what completing would decide now (grade, failed key items, what is missing); `findings` are the rectification items it raises.',
      params: IdParams,
      response: { 200: QcAssessmentDetail },
    },
    handler: async (req) => assessmentDetail(deps.db, actorOf(req), Number(req.params.id), req.lang),
  });

  app.put('/api/v1/qc/assessments/:id/scores', {
    config: { access: 'qc:manage', example: { as: 'demo-qc', params: { id: DEMO_QC_IDS.scheduled } } },
    schema: {
      tags,
      summary: '评分 Score items',
      description:
        'Each item by its code: passed (points ≤ the item’s; full points when left out), failed (0 when left out) or not_applicable; a note for a failed or deducted item; `major` flags a major problem. Items left out keep their scores. Audited.',
      params: IdParams,
      body: {
        ...QcScoresInput,
        examples: [
          {
            items: [
              { code: 'Q1', result: 'passed', points: 8, note: '质量管理制度缺少内部审核记录' },
              { code: 'K1', result: 'passed' },
            ],
          },
        ],
      },
      response: { 200: Type.Object({ id: Type.Integer(), items: Type.Integer() }) },
    },
    handler: async (req) =>
      recordScores(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.put('/api/v1/qc/assessments/:id/consistency', {
    config: { access: 'qc:manage', example: { as: 'demo-qc', params: { id: DEMO_QC_IDS.scheduled } } },
    schema: {
      tags,
      summary: '备案信息一致性核查 What the assessors found against the filed version',
      description:
        'Staff count, equipment (name and quantity), the hazard factors actually examined, the venue area; each difference from the filed version is a finding (a rectification item when completed). Audited.',
      params: IdParams,
      body: {
        ...QcConsistencyInput,
        examples: [
          {
            staffCount: 3,
            equipment: [{ name: '纯音听力计', quantity: 1 }],
            hazardCodes: ['1038', '3008'],
            venueAreaM2: 560,
            note: '现场核实',
          },
        ],
      },
      response: { 200: Type.Object({ id: Type.Integer(), findings: Type.Array(QcConsistencyFinding) }) },
    },
    handler: async (req) =>
      recordConsistency(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.post('/api/v1/qc/assessments/:id/complete', {
    config: { access: 'qc:manage', example: { as: 'demo-qc', params: { id: DEMO_QC_IDS.ready } } },
    schema: {
      tags,
      summary: '完成质控评估 Complete: the grade is computed',
      description:
        'Every applicable item scored, the required evidence attached, the consistency check done (400 naming what is missing). 合格 / 基本合格 / 不合格 by the version’s thresholds; a failed key item is 不合格 whatever the score. Failed and deducted items and mismatches become rectification items; a major problem is reported to the provincial commission at once. Audited.',
      params: IdParams,
      body: {
        ...QcCompleteInput,
        examples: [{ conclusion: '质量管理体系基本健全，关键指标符合要求', majorProblem: false }],
      },
      response: {
        200: Type.Object({
          id: Type.Integer(),
          grade: Type.String(),
          percent: Type.Union([Type.Number(), Type.Null()]),
          rectificationItems: Type.Array(Type.Integer()),
          reported: Type.Boolean(),
        }),
      },
    },
    handler: async (req) =>
      completeAssessment(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.post('/api/v1/qc/assessments/:id/report-major', {
    config: { access: 'qc:manage', example: { as: 'demo-qc', params: { id: DEMO_QC_IDS.scheduled } } },
    schema: {
      tags,
      summary: '报告重大质量问题 Report a major problem to the provincial commission at once',
      description:
        '弄虚作假 or 重大质量问题 (吉卫规〔2024〕2号 五): the provincial health commission and disease-control bureau are notified now. Once per assessment (409 `qc_major_reported`). Audited.',
      params: IdParams,
      body: { ...QcReportMajorInput, examples: [{ note: '发现体检报告存在代签主检医师姓名情况' }] },
      response: { 200: Type.Object({ id: Type.Integer(), notified: Type.Integer() }) },
    },
    handler: async (req) =>
      reportMajor(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  // The same upload for the assessors' scoring and the institution's self-assessment.
  const evidenceUpload = (
    url: string,
    access: 'qc:manage' | 'qc:self_assess',
    mode: 'assessment' | 'self',
    summary: string,
    description?: string,
  ) =>
    app.post(url, {
      config: { access },
      schema: {
        tags,
        summary,
        ...(description ? { description } : {}),
        consumes: ['multipart/form-data'],
        params: IdParams,
        querystring: QcEvidenceQuery,
        response: { 201: Type.Object({ id: Type.Integer() }) },
      },
      handler: async (req, reply) => {
        const upload = await readUpload(req);
        const r = await addEvidence(
          deps.db,
          auditContext(req),
          actorOf(req),
          Number(req.params.id),
          mode,
          req.query.item,
          upload,
        );
        return reply.code(201).send(r);
      },
    });
  evidenceUpload(
    '/api/v1/qc/assessments/:id/evidence',
    'qc:manage',
    'assessment',
    '上传评分佐证 Evidence for an item (multipart "file"; ?item=)',
    'PDF / JPG / PNG, the type read from the content and matching the extension (400 `filing_attachment_type`), at most 10 MB. Only while open. Audited.',
  );

  app.get('/api/v1/qc/assessments/:id/evidence/:evidenceId', {
    config: { access: 'qc:read' },
    schema: {
      tags,
      summary: '下载佐证 Download evidence',
      params: QcEvidenceParams,
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

  // ---------- self-assessments ----------
  app.post('/api/v1/qc/self-assessments', {
    config: { access: 'qc:self_assess', example: { as: 'demo-exam' } },
    schema: {
      tags,
      summary: '新建机构自评 Start a self-assessment against a published form for the institution’s kind',
      description:
        'Support institutions: the building standards (R2); rehabilitation stations: 九个一 (R22); exam and diagnosis institutions may self-check against their QC form. One per form version and year (409 `qc_self_exists`). Audited.',
      body: { ...QcSelfCreateInput, examples: [{ templateCode: 'exam', year: 2030 }] },
      response: { 201: Type.Object({ id: Type.Integer(), status: Type.String() }) },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await createSelfAssessment(deps.db, auditContext(req), actorOf(req), req.body)),
  });

  app.put('/api/v1/qc/self-assessments/:id/scores', {
    config: {
      access: 'qc:self_assess',
      example: { as: 'demo-rehab', params: { id: DEMO_QC_IDS.selfDraft } },
    },
    schema: {
      tags,
      summary: '填写自评 Answer items of the institution’s own self-assessment (a draft)',
      params: IdParams,
      body: {
        ...QcScoresInput,
        examples: [
          {
            items: [
              { code: 'G1', result: 'passed', points: 8, note: '康复医师 1 名，康复治疗师不足' },
              { code: 'G2', result: 'passed' },
              { code: 'G3', result: 'passed', points: 6, note: '缺少肺功能康复训练设备' },
              { code: 'G4', result: 'passed' },
            ],
          },
        ],
      },
      response: { 200: Type.Object({ id: Type.Integer(), items: Type.Integer() }) },
    },
    handler: async (req) =>
      recordSelfScores(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  evidenceUpload(
    '/api/v1/qc/self-assessments/:id/evidence',
    'qc:self_assess',
    'self',
    '上传自评佐证 Evidence for an item of the institution’s own draft (multipart "file"; ?item=)',
  );

  app.post('/api/v1/qc/self-assessments/:id/submit', {
    config: {
      access: 'qc:self_assess',
      example: { as: 'demo-rehab', params: { id: DEMO_QC_IDS.selfDraft } },
    },
    schema: {
      tags,
      summary: '提交自评 Submit (every item answered, the required evidence attached)',
      params: IdParams,
      body: QcEmptyInput,
      response: {
        200: Type.Object({
          id: Type.Integer(),
          status: Type.String(),
          grade: Type.Union([Type.String(), Type.Null()]),
          percent: Type.Union([Type.Number(), Type.Null()]),
        }),
      },
    },
    handler: async (req) =>
      submitSelfAssessment(deps.db, auditContext(req), actorOf(req), Number(req.params.id)),
  });

  app.post('/api/v1/qc/self-assessments/:id/review', {
    config: { access: 'qc:manage', example: { as: 'demo-qc', params: { id: DEMO_QC_IDS.selfSubmitted } } },
    schema: {
      tags,
      summary: '审阅自评 The QC centre reviews a submitted self-assessment',
      params: IdParams,
      body: { ...QcReviewInput, examples: [{ note: '已审阅：请按自查问题清单制定能力提升计划' }] },
      response: { 200: Type.Object({ id: Type.Integer(), status: Type.String() }) },
    },
    handler: async (req) =>
      reviewSelfAssessment(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });
};
