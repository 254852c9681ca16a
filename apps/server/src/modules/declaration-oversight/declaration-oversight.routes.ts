/** HTTP wiring of 申报调度 (issue 17 item 5): rates, gap lists, the quarterly dispatch, sampling check, lists. */
import {
  DeclarationRateEmployer,
  DeclarationRateEmployersQuery,
  DeclarationRatesQuery,
  DeclarationRatesReport,
  DeclarationSamplingCheckInput,
  DeclarationSamplingDetail,
  DeclarationSamplingDrawInput,
  DeclarationSamplingSummary,
  DeclarationSamplingVerify,
  DispatchQuery,
  DispatchReport,
  OversightListDecisionInput,
  OversightListEntry,
  OversightListExportQuery,
  OversightListPage,
  OversightListQuery,
  SamplingExportQuery,
  IdParams,
  Page,
  declarationSamplingDrawExample,
  InspectionDrawDetail,
  InspectionDrawInput,
  InspectionDrawPage,
  InspectionDrawQuery,
  InspectionDrawVerify,
  inspectionDrawExample,
} from '@ohp/contracts';
import { sendDownload, XLSX_TYPE } from '../../platform/http/download.js';
import { actorOf, auditContext, type AppInstance, type Deps } from '../../platform/http/types.js';
import { READ_SOURCE_HEADER } from '../../platform/read-replica.js';
import type { FastifyReply } from 'fastify';
import {
  decideListEntry,
  dispatchReport,
  dispatchWorkbook,
  drawSamplingFor,
  employerListFor,
  exportEmployerLists,
  exportSamplings,
  exportSamplingUnits,
  getSamplingFor,
  listSamplingsFor,
  rateEmployersPage,
  rateEmployersWorkbook,
  ratesReport,
  recordSamplingCheck,
  verifySamplingFor,
} from './declaration-oversight.service.js';
import {
  drawInspectionsFor,
  getInspectionDrawFor,
  listInspectionDrawsFor,
  verifyInspectionDrawFor,
} from './declaration-oversight.inspections.js';

const tags = ['declaration-oversight'];
const base = '/api/v1/declaration-oversight';

/**
 * The OpenAPI examples' ids in the demo province: the demo's sampling (1) and an employer it draws first
 * in 长春市 (95); the demo employer (93, in the demo county) for a list decision. The draw follows from the
 * demo's fixed seed and the demo employers: a demo that adds employers before this one may change it.
 */
export const DEMO_SAMPLING_EXAMPLE = { samplingId: 1, employerId: 95, listEmployerId: 93 };

export const registerDeclarationOversightRoutes = (app: AppInstance, deps: Deps) => {
  /**
   * The reports, gap lists and exports below only read (their audit entries go to `deps.db`): they read
   * the read replica when one is configured and fresh (platform/read-replica.ts), and say which.
   */
  const readDb = async (reply: FastifyReply) => {
    const read = await deps.reads.pick();
    reply.header(READ_SOURCE_HEADER, read.source);
    return read.db;
  };

  app.get(`${base}/rates`, {
    config: { access: 'declaration_oversight:read' },
    schema: {
      tags,
      summary:
        '申报率 Declaration rates of the region and its cities or counties, by risk class, with both policy denominators and the targets',
      description:
        'a: employers in the programme in 严重 industries that are industrial (GB/T 4754 B/C/D) — 2024 target; b: employers in the programme in 严重 industries with ≥ 10 staff — 2025 target; industrial; all. Declared: the latest accepted declaration (by asOf) is not a cancellation. Annual update overdue: older than 13 months. Computed per request (no cache). The verified rate of the latest sampling check is shown per city (provisional formula).',
      querystring: DeclarationRatesQuery,
      response: { 200: DeclarationRatesReport },
    },
    handler: async (req, reply) => ratesReport(await readDb(reply), actorOf(req), req.query),
  });

  app.get(`${base}/rates/employers`, {
    config: { access: 'declaration_oversight:read' },
    schema: {
      tags,
      summary: '申报缺口名单 Employers of a denominator by status (undeclared by default): the gap list',
      querystring: DeclarationRateEmployersQuery,
      response: { 200: Page(DeclarationRateEmployer) },
    },
    handler: async (req, reply) => rateEmployersPage(await readDb(reply), actorOf(req), req.query),
  });

  app.get(`${base}/rates/employers/export`, {
    config: { access: 'declaration_oversight:read' },
    schema: {
      tags,
      summary: '导出申报缺口名单 The same list as xlsx (every row)',
      querystring: DeclarationRateEmployersQuery,
    },
    handler: async (req, reply) => {
      const file = await rateEmployersWorkbook(await readDb(reply), actorOf(req), req.query, req.lang);
      return sendDownload(reply, req.lang, { ...file, type: XLSX_TYPE });
    },
  });

  app.get(`${base}/dispatch`, {
    config: { access: 'declaration_oversight:read' },
    schema: {
      tags,
      summary:
        '季调度 The quarterly dispatch report (职业病危害项目申报进展季调度表) per region for a quarter',
      querystring: DispatchQuery,
      response: { 200: DispatchReport },
    },
    handler: async (req, reply) => dispatchReport(await readDb(reply), actorOf(req), req.query),
  });

  app.get(`${base}/dispatch/export`, {
    config: { access: 'declaration_oversight:read' },
    schema: {
      tags,
      summary: '导出季调度表 The quarterly dispatch report as xlsx. Audited (dispatch_report.export).',
      querystring: DispatchQuery,
    },
    handler: async (req, reply) => {
      const file = await dispatchWorkbook(
        deps.db,
        auditContext(req),
        actorOf(req),
        req.query,
        req.lang,
        await readDb(reply),
      );
      return sendDownload(reply, req.lang, { ...file, type: XLSX_TYPE });
    },
  });

  app.get(`${base}/samplings`, {
    config: { access: 'declaration_oversight:read' },
    schema: {
      tags,
      summary: '申报抽查 The province’s sampling checks, newest first',
      response: { 200: Page(DeclarationSamplingSummary) },
    },
    handler: async (req) => listSamplingsFor(deps.db, actorOf(req)),
  });

  app.get(`${base}/samplings/export`, {
    config: { access: 'declaration_oversight:read' },
    schema: {
      tags,
      summary:
        '导出申报抽查 The province’s sampling checks as xlsx (with the filter sheet) or csv; audited (declaration_sampling.export)',
      querystring: SamplingExportQuery,
    },
    handler: async (req, reply) =>
      sendDownload(
        reply,
        req.lang,
        await exportSamplings(deps.db, auditContext(req), actorOf(req), req.query, req.lang),
      ),
  });

  app.post(`${base}/samplings`, {
    config: { access: 'declaration_oversight:manage', example: { as: 'demo-province' } },
    schema: {
      tags,
      summary:
        '抽取 Draw N listed employers per city at random from a recorded seed (provincial commission only)',
      description:
        'The population (the employers of the measure in the province, b by default: 严重 industries, ≥ 10 staff) is frozen with the draw. Method sha256-v1: per city, ordered by SHA-256 of “seed|credit code”, the first perCity taken. 403 declaration_sampling_province_only for a city or county commission; 422 declaration_sampling_empty when the list is empty. Audited (declaration_sampling.draw).',
      body: {
        ...DeclarationSamplingDrawInput,
        examples: [{ ...declarationSamplingDrawExample, measure: 'all' }],
      },
      response: { 201: DeclarationSamplingDetail },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await drawSamplingFor(deps.db, auditContext(req), actorOf(req), req.body)),
  });

  app.get(`${base}/samplings/:id`, {
    config: { access: 'declaration_oversight:read' },
    schema: {
      tags,
      summary:
        '抽查详情 A sampling check: drawn employers (a city sees its own), results, per-city assessment',
      params: IdParams,
      response: { 200: DeclarationSamplingDetail },
    },
    handler: async (req) => getSamplingFor(deps.db, actorOf(req), Number(req.params.id)),
  });

  app.get(`${base}/samplings/:id/export`, {
    config: { access: 'declaration_oversight:read' },
    schema: {
      tags,
      summary:
        '导出抽中单位及结果 A sampling check’s drawn employers (a city or county its own) with the recorded results, as xlsx or csv; audited (declaration_sampling_unit.export)',
      params: IdParams,
      querystring: SamplingExportQuery,
    },
    handler: async (req, reply) =>
      sendDownload(
        reply,
        req.lang,
        await exportSamplingUnits(
          deps.db,
          auditContext(req),
          actorOf(req),
          Number(req.params.id),
          req.query,
          req.lang,
        ),
      ),
  });

  app.get(`${base}/samplings/:id/verify`, {
    config: { access: 'declaration_oversight:read' },
    schema: {
      tags,
      summary: '核验抽样 Draw again from the frozen population with the recorded seed and compare',
      params: IdParams,
      response: { 200: DeclarationSamplingVerify },
    },
    handler: async (req) => verifySamplingFor(deps.db, actorOf(req), Number(req.params.id)),
  });

  app.post(`${base}/samplings/:id/checks`, {
    config: {
      access: 'declaration_oversight:manage',
      example: { as: 'demo-province', params: { id: String(DEMO_SAMPLING_EXAMPLE.samplingId) } },
    },
    schema: {
      tags,
      summary:
        '登记抽查结果 Record whether a drawn employer declared and whether industry, size and factors are accurate',
      description:
        'Provincial commission only (403 declaration_sampling_province_only). A declared employer needs the three accuracy answers; an undeclared one none. Recording again corrects the earlier result. Audited (declaration_sampling.record).',
      params: IdParams,
      body: {
        ...DeclarationSamplingCheckInput,
        examples: [
          {
            employerId: DEMO_SAMPLING_EXAMPLE.employerId,
            declared: true,
            industryAccurate: true,
            sizeAccurate: false,
            factorsAccurate: true,
            note: '在册职工数与申报不符（申报45人，现场核实62人）',
          },
        ],
      },
      response: { 200: DeclarationSamplingDetail },
    },
    handler: async (req) =>
      recordSamplingCheck(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.get(`${base}/lists`, {
    config: { access: 'declaration_oversight:read' },
    schema: {
      tags,
      summary:
        '白名单/黑名单 The white and black lists computed from the stated (provisional) rules, with decisions',
      querystring: OversightListQuery,
      response: { 200: OversightListPage },
    },
    handler: async (req) => employerListFor(deps.db, actorOf(req), req.query),
  });

  app.get(`${base}/lists/export`, {
    config: { access: 'declaration_oversight:read' },
    schema: {
      tags,
      summary:
        '导出白名单/黑名单 The lists of the region and filters with rules, state, reason and inspection multiplier, as xlsx (with the filter sheet) or csv; audited (employer_list.export)',
      querystring: OversightListExportQuery,
    },
    handler: async (req, reply) =>
      sendDownload(
        reply,
        req.lang,
        await exportEmployerLists(deps.db, auditContext(req), actorOf(req), req.query, req.lang, {
          readDb: await readDb(reply),
        }),
      ),
  });

  app.post(`${base}/lists/decisions`, {
    config: { access: 'declaration_oversight:manage', example: { as: 'demo-county' } },
    schema: {
      tags,
      summary:
        '确认或移出 Confirm an employer on a list (it must meet the rules) or remove it, with the reason',
      description:
        '422 employer_list_rule_not_met when confirming an employer the rules do not put on the list; 404 outside the region. Audited (employer_list.update).',
      body: {
        ...OversightListDecisionInput,
        examples: [
          {
            employerId: DEMO_SAMPLING_EXAMPLE.listEmployerId,
            list: 'white',
            action: 'remove',
            reason: '近期投诉举报较多，暂不列入白名单',
          },
        ],
      },
      response: { 200: OversightListEntry },
    },
    handler: async (req) => decideListEntry(deps.db, auditContext(req), actorOf(req), req.body),
  });

  app.get(`${base}/inspection-draws`, {
    config: { access: 'declaration_oversight:read' },
    schema: {
      tags,
      summary:
        '双随机抽查 Inspection draws of the reader’s region and of the regions containing it, newest first',
      querystring: InspectionDrawQuery,
      response: { 200: InspectionDrawPage },
    },
    handler: async (req) => listInspectionDrawsFor(deps.db, actorOf(req), req.query),
  });

  app.post(`${base}/inspection-draws`, {
    config: { access: 'declaration_oversight:manage', example: { as: 'demo-county' } },
    schema: {
      tags,
      summary:
        '抽取检查对象 Draw employers of the region for inspection, weighted by the white/black lists, from a recorded seed',
      description:
        'The population (employers in the programme in the region, optionally of some risk classes) is frozen with each employer’s list. Method sha256-weighted-v1: score = ln(u) ÷ weight with u from SHA-256 of “seed|credit code”, the `planned` highest drawn; weights white 0.5, black 2, neither 1 (provisional). Any health commission, in its own region (400 inspection_draw_region_outside); 403 inspection_draw_commission_only for others; 422 inspection_draw_empty when no employer is in the population. Audited (inspection_draw.create).',
      body: { ...InspectionDrawInput, examples: [inspectionDrawExample] },
      response: { 201: InspectionDrawDetail },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await drawInspectionsFor(deps.db, auditContext(req), actorOf(req), req.body)),
  });

  app.get(`${base}/inspection-draws/:id`, {
    config: { access: 'declaration_oversight:read' },
    schema: {
      tags,
      summary:
        '抽查名单 An inspection draw: the drawn employers in the reader’s scope, and per list the population, drawn and rate',
      params: IdParams,
      response: { 200: InspectionDrawDetail },
    },
    handler: async (req) => getInspectionDrawFor(deps.db, actorOf(req), Number(req.params.id)),
  });

  app.get(`${base}/inspection-draws/:id/verify`, {
    config: { access: 'declaration_oversight:read' },
    schema: {
      tags,
      summary:
        '核验抽取 Draw again from the frozen population with the recorded seed and weights, and compare',
      params: IdParams,
      response: { 200: InspectionDrawVerify },
    },
    handler: async (req) => verifyInspectionDrawFor(deps.db, actorOf(req), Number(req.params.id)),
  });
};
