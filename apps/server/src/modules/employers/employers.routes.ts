/** HTTP wiring of 用人单位库 (employer base database) and employer self-registration (issue 17 items 1, 3). */
import {
  EmployerDetail,
  EmployerListQuery,
  EmployerPatch,
  EmployerRegistrationInput,
  EmployerRegistrationSubmitted,
  EmployerStatusInput,
  EmployerSummary,
  EmployerVersionDetail,
  EmployerVersionParams,
  EmployerVersionsExportQuery,
  IdParams,
  Page,
  RegistrationDecision,
  RegistrationExportQuery,
  RegistrationListQuery,
  RegistrationPublicStatus,
  RegistrationRejectInput,
  RegistrationStatusQuery,
  RegistrationSummary,
} from '@ohp/contracts';
import { childrenOf } from '@ohp/reference';
import { Type } from 'typebox';
import { sendDownload, XLSX_TYPE } from '../../platform/http/download.js';
import { actorOf, auditContext, type AppInstance, type Deps } from '../../platform/http/types.js';
import {
  approveRegistration,
  exportRegistrations,
  listRegistrationsFor,
  registrationDetail,
  registrationStatus,
  rejectRegistration,
  submitRegistration,
} from './employers.registrations.js';
import {
  employerDetail,
  employerVersion,
  exportEmployers,
  exportEmployerVersions,
  listEmployersFor,
  setEmployerStatus,
  updateEmployer,
} from './employers.service.js';

const tags = ['employers'];

/**
 * Demo records the examples act on (employers.demo.ts; employers.test.ts checks them): the demo
 * employer (demo-employer's organisation, in demo-county's county) and the demo registrations — 1 and 2
 * pending in the demo county (approve, reject).
 */
export const DEMO_EMPLOYER_EXAMPLES = {
  employer: 93,
  registrationToApprove: 1,
  registrationToReject: 2,
} as const;

export const registerEmployerRoutes = (app: AppInstance, deps: Deps) => {
  app.get('/api/v1/employers', {
    config: { access: 'employers:read' },
    schema: {
      tags,
      summary: '用人单位库 Employers in scope',
      description:
        'The employer base database: an employer sees only itself, a regulator its region subtree. Filters: region, risk class (严重 / 一般 / 待评价 from the 2021 catalogue), severe industry, ≥ 10 staff, industrial (GB/T 4754 门类 B/C/D), programme status, size, name or credit code. By name.',
      querystring: EmployerListQuery,
      response: { 200: Page(EmployerSummary) },
    },
    handler: async (req) => listEmployersFor(deps.db, actorOf(req), req.query),
  });

  app.get('/api/v1/employers/export', {
    config: { access: 'employers:read' },
    schema: {
      tags,
      summary:
        '导出用人单位库 The filtered list as xlsx (at most 100,000 rows; a second sheet records the filter; audited)',
      querystring: EmployerListQuery,
    },
    handler: async (req, reply) => {
      const file = await exportEmployers(deps.db, auditContext(req), actorOf(req), req.lang, req.query);
      return sendDownload(reply, req.lang, { body: file.body, type: XLSX_TYPE, names: file.names });
    },
  });

  app.get('/api/v1/employers/:id', {
    config: { access: 'employers:read' },
    schema: {
      tags,
      summary: '用人单位基础信息 A record with its flags, computed size, risk basis and versions',
      params: IdParams,
      response: { 200: EmployerDetail },
    },
    handler: async (req) => employerDetail(deps.db, actorOf(req), Number(req.params.id)),
  });

  app.get('/api/v1/employers/:id/versions/export', {
    config: { access: 'employers:read' },
    schema: {
      tags,
      summary:
        '导出版本记录 The employer’s versions as xlsx (with the filter sheet) or csv: when, by whom, why, what changed; audited',
      params: IdParams,
      querystring: EmployerVersionsExportQuery,
    },
    handler: async (req, reply) =>
      sendDownload(
        reply,
        req.lang,
        await exportEmployerVersions(
          deps.db,
          auditContext(req),
          actorOf(req),
          req.lang,
          Number(req.params.id),
          req.query,
        ),
      ),
  });

  app.get('/api/v1/employers/:id/versions/:version', {
    config: { access: 'employers:read' },
    schema: {
      tags,
      summary: '历史版本 The whole record as it was at a version',
      params: EmployerVersionParams,
      response: { 200: EmployerVersionDetail },
    },
    handler: async (req) =>
      employerVersion(deps.db, actorOf(req), Number(req.params.id), Number(req.params.version)),
  });

  app.patch('/api/v1/employers/:id', {
    config: {
      access: 'employers:manage',
      example: { as: 'demo-county', params: { id: DEMO_EMPLOYER_EXAMPLES.employer } },
    },
    schema: {
      tags,
      summary: '更正基础信息 Correct an employer base record',
      description:
        'A regulator in scope corrects name, region, address, industries, economic type, staff, revenue, legal representative or contact. The size (standards engine) and the risk class are recomputed; the record gets a new version with the reason. Nothing changed: 400 `employer_no_change`. Audited (employer.update).',
      params: IdParams,
      body: {
        ...EmployerPatch,
        examples: [
          { reason: '核实营业执照后更正法定代表人', legalRepresentative: '王建国', economicTypeCode: '173' },
        ],
      },
      response: { 200: EmployerDetail },
    },
    handler: async (req) =>
      updateEmployer(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.post('/api/v1/employers/:id/status', {
    config: {
      access: 'employers:manage',
      example: { as: 'demo-county', params: { id: DEMO_EMPLOYER_EXAMPLES.employer } },
    },
    schema: {
      tags,
      summary: '标记状态 Not applicable (with reason), closed, relocated, or back to active',
      description:
        'Whether the employer is still in the declaration programme. Not active needs a reason (400 `employer_status_reason_required`). A new version; audited (employer.set_status).',
      params: IdParams,
      body: { ...EmployerStatusInput, examples: [{ status: 'active', reason: '复核后恢复正常' }] },
      response: { 200: EmployerDetail },
    },
    handler: async (req) =>
      setEmployerStatus(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  // ---------- self-registration ----------

  app.post('/api/v1/employer-registrations', {
    config: {
      access: 'public',
      rateLimit: { max: deps.config.security.loginRateLimitPerMinute, timeWindow: '1 minute' },
      example: { as: null },
    },
    schema: {
      tags,
      summary: '用人单位注册 An employer applies for an account (public)',
      description:
        'Credit code with its GB 32100 check character, region to county or township, address, industry (GB/T 4754-2017), contact, and the account (the password follows the platform policy). Lands in the queue of the county health commission of the region. A second pending application for the same credit code: 409 `registration_duplicate_pending`; a username in use: 409 `registration_username_taken`. Returns the lookup code for the status page. Rate limited; audited.',
      body: {
        ...EmployerRegistrationInput,
        examples: [
          {
            creditCode: '91220102MA0EXAMPL8',
            name: '长春示例精密机械有限公司',
            regionCode: '220102',
            address: '长春市南关区示例路 8 号',
            industryCode: '3311',
            contactName: '赵示例',
            contactPhone: '13900000001',
            username: 'example-employer',
            password: 'Lathe#Spindle-2026',
          },
        ],
      },
      response: { 201: EmployerRegistrationSubmitted },
    },
    handler: async (req, reply) => {
      const r = await submitRegistration(deps, auditContext(req), req.body);
      return reply.code(201).send(r);
    },
  });

  app.get('/api/v1/employer-registrations/status', {
    config: {
      access: 'public',
      rateLimit: { max: deps.config.security.publicListRateLimitPerMinute, timeWindow: '1 minute' },
    },
    schema: {
      tags,
      summary: '注册进度查询 The status of an application by its lookup code (public)',
      querystring: RegistrationStatusQuery,
      response: { 200: RegistrationPublicStatus },
    },
    handler: async (req) => registrationStatus(deps.db, req.query.code),
  });

  app.get('/api/v1/employer-registrations/regions', {
    config: {
      access: 'public',
      rateLimit: { max: deps.config.security.publicListRateLimitPerMinute, timeWindow: '1 minute' },
    },
    schema: {
      tags,
      summary:
        '注册用地区选择 Regions under a code, for the public registration form (provinces without `parent`)',
      querystring: Type.Object(
        { parent: Type.Optional(Type.String({ pattern: '^(\\d{2}|\\d{4}|\\d{6})$' })) },
        { additionalProperties: false },
      ),
      response: {
        200: Type.Object({
          data: Type.Array(
            Type.Object({ code: Type.String(), name: Type.String(), hasChildren: Type.Boolean() }),
          ),
        }),
      },
    },
    handler: async (req) => ({
      data: childrenOf(req.query.parent ?? null)
        .filter((r) => !r.statisticalOnly)
        .map((r) => ({
          code: r.code,
          name: r.name,
          hasChildren: r.code.length < 9 && childrenOf(r.code).length > 0,
        })),
    }),
  });

  app.get('/api/v1/employer-registrations', {
    config: { access: 'employers:manage' },
    schema: {
      tags,
      summary: '注册审核 Registrations in the region (pending first)',
      querystring: RegistrationListQuery,
      response: { 200: Page(RegistrationSummary) },
    },
    handler: async (req) => listRegistrationsFor(deps, actorOf(req), req.query),
  });

  app.get('/api/v1/employer-registrations/export', {
    config: { access: 'employers:manage' },
    schema: {
      tags,
      summary:
        '导出注册审核 The registrations of the list’s filter as xlsx (with the filter sheet) or csv, streamed, at most 50,000 rows, phones masked; audited',
      querystring: RegistrationExportQuery,
    },
    handler: async (req, reply) =>
      sendDownload(
        reply,
        req.lang,
        await exportRegistrations(deps, auditContext(req), actorOf(req), req.lang, req.query),
      ),
  });

  app.get('/api/v1/employer-registrations/:id', {
    config: { access: 'employers:manage' },
    schema: {
      tags,
      summary: '注册申请 One registration',
      params: IdParams,
      response: { 200: RegistrationSummary },
    },
    handler: async (req) => registrationDetail(deps, actorOf(req), Number(req.params.id)),
  });

  app.post('/api/v1/employer-registrations/:id/approve', {
    config: {
      access: 'employers:manage',
      example: { as: 'demo-county', params: { id: DEMO_EMPLOYER_EXAMPLES.registrationToApprove } },
    },
    schema: {
      tags,
      summary:
        '通过注册 Approve: the employer record is created or linked by credit code, the account created',
      description:
        'An existing base-database record with the credit code is linked, not duplicated. The account gets the role employer_staff with the password the applicant chose. Already reviewed: 409 `registration_not_pending`. Audited.',
      params: IdParams,
      response: { 200: RegistrationDecision },
    },
    handler: async (req) => approveRegistration(deps, auditContext(req), actorOf(req), Number(req.params.id)),
  });

  app.post('/api/v1/employer-registrations/:id/reject', {
    config: {
      access: 'employers:manage',
      example: { as: 'demo-county', params: { id: DEMO_EMPLOYER_EXAMPLES.registrationToReject } },
    },
    schema: {
      tags,
      summary: '退回注册 Return with an opinion the applicant sees',
      params: IdParams,
      body: {
        ...RegistrationRejectInput,
        examples: [{ opinion: '营业执照名称与填写的单位名称不一致，请核对后重新申请。' }],
      },
      response: { 200: RegistrationDecision },
    },
    handler: async (req) =>
      rejectRegistration(deps, auditContext(req), actorOf(req), Number(req.params.id), req.body.opinion),
  });
};
