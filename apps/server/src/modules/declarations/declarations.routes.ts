/** HTTP wiring of 职业病危害项目申报 (issue 17 item 2): the employer's declarations and the county's review. */
import { chinaDayOf } from '@ohp/reference';
import {
  DeclarationAcceptInput,
  DeclarationCreateInput,
  DeclarationDetail,
  DeclarationExportQuery,
  DeclarationListQuery,
  DeclarationMoved,
  DeclarationOptions,
  DeclarationReturnInput,
  DeclarationSummary,
  DeclarationUpdateInput,
  IdParams,
  Page,
  declarationStatusLabels,
  declarationTypeLabels,
  type DeclarationStatus,
  type DeclarationType,
} from '@ohp/contracts';
import { Type } from 'typebox';
import { writeAudit } from '../../platform/audit.js';
import { chinaDateStamp, sendDownload, XLSX_TYPE } from '../../platform/http/download.js';
import { actorOf, auditContext, type AppInstance, type Deps } from '../../platform/http/types.js';
import { buildWorkbook } from '../../platform/imports/sheet-write.js';
import { registerSheetImport } from '../imports/index.js';
import { declarationImportSpec, declarationImportTemplate } from './declarations.import.js';
import {
  acceptDeclaration,
  allDeclarationsFor,
  createDeclaration,
  declarationDetail,
  declarationOptions,
  deleteDraft,
  listDeclarationsFor,
  receiptOf,
  returnDeclaration,
  submitDeclaration,
  updateDraft,
} from './declarations.service.js';

const tags = ['declarations'];

/**
 * The demo declarations the examples act on (declarations.demo.ts seeds them first, in this order):
 * 1 demo-employer's accepted initial declaration (its annual update is due: POST creates it as the next
 * id, which PUT then edits); 2 and 3 submitted to demo-county (accept and return examples).
 */
export const DEMO_DECLARATION_IDS = {
  employerAccepted: 1,
  submittedAccept: 2,
  submittedReturn: 3,
  returned: 4,
  /** The 省属企业 unit of the demo county awaiting the demo city (4 + 30 employers, 12 of them with two, + 1). */
  provincial: 47,
  /**
   * Seeded in all: 47, then the depth (11: 变更 and 注销 accepted, awaiting, returned, drafts), then the
   * legacy import batch (17 rows accepted): the example of POST makes the next one.
   */
  seeded: 75,
} as const;

export const registerDeclarationRoutes = (app: AppInstance, deps: Deps) => {
  registerSheetImport(app, deps, {
    spec: declarationImportSpec,
    path: '/api/v1/declarations/import',
    tags,
    summary:
      '导入历史申报 Import legacy declarations from xlsx/csv (one row per declaration; unknown employers created)',
    template: declarationImportTemplate,
    refuse: (actor) =>
      actor.organisationKind === 'health_commission' ? null : 'declaration_import_region_outside',
    templateNames: { zh: '历史申报导入模板.xlsx', en: 'legacy-declarations-import-template.xlsx' },
    errorNames: (b) => ({
      zh: `历史申报导入错误-批次${b}.xlsx`,
      en: `declaration-import-errors-batch-${b}.xlsx`,
    }),
  });

  app.get('/api/v1/declarations', {
    config: { access: 'declarations:read' },
    schema: {
      tags,
      summary: '申报列表 Declarations in scope (the review queue with status=submitted)',
      description:
        'An employer sees its own; a health commission its region’s. Filters: type, status, late, regionCode, year (of acceptance, else submission, else creation), q (name or credit code). Each row carries its abilities and, while awaiting acceptance, the 回执 clock (5 working days) with its overdue days.',
      querystring: DeclarationListQuery,
      response: { 200: Page(DeclarationSummary) },
    },
    handler: async (req) =>
      listDeclarationsFor(deps.db, actorOf(req), req.query, deps.config.listExactCountLimit),
  });

  app.get('/api/v1/declarations/options', {
    config: { access: 'declarations:submit' },
    schema: {
      tags,
      summary: '可办理的申报 What the employer may declare now, with the due dates (新建申报)',
      response: { 200: DeclarationOptions },
    },
    handler: async (req) => declarationOptions(deps.db, actorOf(req)),
  });

  app.get('/api/v1/declarations/export', {
    config: { access: 'declarations:read' },
    schema: {
      tags,
      summary: '导出申报 The declarations in scope matching the filters as xlsx (at most 50,000 rows)',
      querystring: DeclarationExportQuery,
      produces: [XLSX_TYPE],
    },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      const rows = await allDeclarationsFor(deps.db, actor, req.query);
      const en = req.lang === 'en';
      const body = await buildWorkbook(
        en ? 'Declarations' : '申报',
        en
          ? [
              'No.',
              'Employer',
              'Credit code',
              'Region',
              'Type',
              'Status',
              'Due on',
              'Late',
              'Submitted',
              'Accepted',
              'Staff',
              'Exposed (distinct)',
              'Source',
            ]
          : [
              '编号',
              '用人单位',
              '统一社会信用代码',
              '地区',
              '申报类别',
              '状态',
              '应申报日期',
              '逾期',
              '提交时间',
              '受理时间',
              '在册职工',
              '接害人数(不重复)',
              '来源',
            ],
        rows.map((r) => [
          r.id,
          r.employerName,
          r.creditCode,
          r.regionCode,
          declarationTypeLabels[r.type as DeclarationType]?.[en ? 'en' : 'zh'] ?? r.type,
          declarationStatusLabels[r.status as DeclarationStatus]?.[en ? 'en' : 'zh'] ?? r.status,
          r.dueOn,
          r.late ? (en ? 'yes' : '是') : en ? 'no' : '否',
          r.submittedAt ? chinaDayOf(r.submittedAt) : null,
          r.acceptedAt ? chinaDayOf(r.acceptedAt) : null,
          r.employees,
          r.exposedDistinct,
          r.source === 'import' ? (en ? 'import' : '导入') : en ? 'online' : '网上申报',
        ]),
        { widths: [8, 36, 22, 10, 12, 12, 12, 6, 12, 12, 10, 14, 10] },
      );
      await writeAudit(deps.db, auditContext(req), {
        action: 'declaration.export',
        entityType: 'declaration',
        entityId: null,
        after: { filters: req.query, rows: rows.length },
      });
      return sendDownload(reply, req.lang, {
        body,
        type: XLSX_TYPE,
        names: {
          zh: `职业病危害项目申报-${chinaDateStamp()}.xlsx`,
          en: `declarations-${chinaDateStamp()}.xlsx`,
        },
      });
    },
  });

  app.post('/api/v1/declarations', {
    config: { access: 'declarations:submit', example: { as: 'demo-employer' } },
    schema: {
      tags,
      summary: '新建申报 Start a declaration (初次 / 变更 / 年度更新 / 注销) as a draft',
      description:
        'Employers only (403). One declaration in progress per employer (409 `declaration_open_exists`). The first one is 初次 (409 otherwise); 年度更新 only more than 11 months after the last accepted one (409 `declaration_annual_too_early`). 变更 and 注销 need the date of the change or termination and a reason (400). Prefilled from the last accepted declaration (变更 / 年度更新 / 注销) or the base record (初次); the due date comes from the deadline rules (30 days after 竣工验收 or at once, 15 days, the 13-month window). Audited.',
      body: { ...DeclarationCreateInput, examples: [{ type: 'annual' }] },
      response: { 201: Type.Object({ id: Type.Integer(), dueOn: Type.Union([Type.String(), Type.Null()]) }) },
    },
    handler: async (req, reply) => {
      const r = await createDeclaration(deps.db, auditContext(req), actorOf(req), req.body);
      return reply.code(201).send(r);
    },
  });

  app.get('/api/v1/declarations/:id', {
    config: { access: 'declarations:read' },
    schema: {
      tags,
      summary: '申报详情 A declaration: form, computed totals and cross-checks, versions, opinion, receipt',
      params: IdParams,
      response: { 200: DeclarationDetail },
    },
    handler: async (req) => declarationDetail(deps.db, actorOf(req), Number(req.params.id)),
  });

  app.put('/api/v1/declarations/:id', {
    config: {
      access: 'declarations:submit',
      example: { as: 'demo-employer', params: { id: DEMO_DECLARATION_IDS.seeded + 1 } },
    },
    schema: {
      tags,
      summary: '保存申报步骤 Save steps of a draft or returned declaration',
      description:
        'Each step given (basic, products, hazards, workplaces, detection, training, surveillance) replaces that step. Codes are checked against the national tables (400 with the field); 企业规模 is computed from staff and revenue. The answer lists the cross-checks that still fail (they block the submission, not the save). An annual update cannot change 规模 / 经济类型 / 行业 (400). 409 when not editable. Audited.',
      params: IdParams,
      body: {
        ...DeclarationUpdateInput,
        examples: [{ form: { training: { principalTrained: true, managersTrained: 1, workersTrained: 3 } } }],
      },
      response: {
        200: Type.Object({
          id: Type.Integer(),
          issues: Type.Array(Type.Object({ path: Type.String(), reason: Type.String() })),
        }),
      },
    },
    handler: async (req) =>
      updateDraft(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.delete('/api/v1/declarations/:id', {
    config: { access: 'declarations:submit' },
    schema: {
      tags,
      summary: '删除草稿 Delete a draft never submitted',
      params: IdParams,
      response: { 200: Type.Object({ id: Type.Integer() }) },
    },
    handler: async (req) => deleteDraft(deps.db, auditContext(req), actorOf(req), Number(req.params.id)),
  });

  app.post('/api/v1/declarations/:id/submit', {
    config: { access: 'declarations:submit' },
    schema: {
      tags,
      summary: '提交申报 Submit (or resubmit) the declaration to the receiving county',
      description:
        'From draft or returned. Refused with every failing field (400 `declaration_incomplete`: missing fields, codes, the cross-checks — distinct exposed ≤ staff, category ≤ distinct total, sub-factor ≤ category, exceedances ≤ points …). Keeps the form as a version, flags it late when first submitted after its due date, closes the employer’s clock and opens the county’s 回执 clock (5 working days). Audited.',
      params: IdParams,
      response: { 200: DeclarationMoved },
    },
    handler: async (req) =>
      submitDeclaration(deps.db, auditContext(req), actorOf(req), Number(req.params.id)),
  });

  app.post('/api/v1/declarations/:id/return', {
    config: {
      access: 'declarations:review',
      example: { as: 'demo-county', params: { id: DEMO_DECLARATION_IDS.submittedReturn } },
    },
    schema: {
      tags,
      summary: '退回申报 Return a submitted declaration with the opinion',
      description:
        'The county health commission of the employer’s county only (403 `declaration_reviewer_county`). The opinion is required. Closes the 回执 clock; the employer sees the opinion and a to-do. Audited.',
      params: IdParams,
      body: {
        ...DeclarationReturnInput,
        examples: [{ opinion: '作业场所分布中噪声接触人数与检测报告不一致，请核实后重新提交' }],
      },
      response: { 200: DeclarationMoved },
    },
    handler: async (req) =>
      returnDeclaration(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.post('/api/v1/declarations/:id/accept', {
    config: {
      access: 'declarations:review',
      example: { as: 'demo-county', params: { id: DEMO_DECLARATION_IDS.submittedAccept } },
    },
    schema: {
      tags,
      summary: '受理申报 Accept a submitted declaration and issue the 申报回执',
      description:
        'Issues the receipt (a printable document with a verification code, checkable at /verify/<code>), revokes the receipt of the declaration it follows, opens the annual-update clock (> 11 and < 13 months) — or, for a 注销, closes the employer in the programme. Audited.',
      params: IdParams,
      body: { ...DeclarationAcceptInput, examples: [{ opinion: '材料齐全，予以受理' }] },
      response: { 200: DeclarationMoved },
    },
    handler: async (req) =>
      acceptDeclaration(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.get('/api/v1/declarations/:id/receipt', {
    config: { access: 'declarations:read' },
    schema: {
      tags,
      summary: '申报回执 The receipt (print it at /api/v1/documents/{documentId}/pdf or /print)',
      params: IdParams,
      response: {
        200: Type.Object({
          documentId: Type.Integer(),
          code: Type.String(),
          verifyPath: Type.String(),
          issuedAt: Type.String(),
          revoked: Type.Boolean(),
        }),
      },
    },
    handler: async (req) => receiptOf(deps.db, actorOf(req), Number(req.params.id)),
  });
};
