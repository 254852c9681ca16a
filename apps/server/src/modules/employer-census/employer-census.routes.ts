/** HTTP wiring of 用人单位数据库 (issue 17 item 4): lists import, entries, review, status, follow-ups, snapshots. */
import {
  CensusAssignee,
  CensusAssignInput,
  CensusEntryQuery,
  CensusEntrySummary,
  CensusFollowUpExportQuery,
  CensusFollowUpQuery,
  CensusFollowUpSummary,
  CensusImportQuery,
  CensusListExportQuery,
  CensusListQuery,
  CensusListSummary,
  CensusMergeInput,
  CensusMergeResult,
  CensusOutcomeInput,
  CensusReasonInput,
  CensusReviewInput,
  CensusSnapshotInput,
  CensusSnapshotSummary,
  CensusStatusInput,
  CensusWriteResult,
  IdParams,
  ImportBatch,
  ImportReport,
  Page,
  RegionCode,
} from '@ohp/contracts';
import { Type } from 'typebox';
import { sendDownload, XLSX_TYPE } from '../../platform/http/download.js';
import { actorOf, auditContext, type AppInstance, type Deps } from '../../platform/http/types.js';
import { registerRowImport, startImport } from '../../platform/imports/pipeline.js';
import { SheetError } from '../../platform/imports/sheet.js';
import { AppError } from '../../platform/errors.js';
import { answerUpload, fileRefusal, myImportErrorFile, readUpload } from '../imports/index.js';
import { censusListSpec, censusListTemplate } from './employer-census.import.js';
import { canManage } from './employer-census.policy.js';
import {
  assignFollowUps,
  assigneesFor,
  exportEntries,
  exportFollowUps,
  exportLists,
  listEntriesFor,
  listFollowUpsFor,
  listListsFor,
  listSnapshotsFor,
  mergeEntries,
  recordOutcome,
  reviewEntry,
  setEntryStatus,
  snapshotWorkbook,
  takeSnapshot,
  unlinkEntry,
  unmergeEntry,
} from './employer-census.service.js';

const tags = ['employer-census'];
const access = 'employer_census:manage' as const;
const P = '/api/v1/employer-census';

/**
 * The demo rows the examples act on (employer-census.demo.ts seeds them in this order in the demo
 * county, 长春市南关区): entry 2 waits for review (rejected as a whole by the example); entry 4 is an
 * unmatched potential employer (marked not applicable); entry 5 is undeclared without a task (assigned
 * to the caller); follow-up 1, on entry 3, is open and assigned to demo-county; entry 10 is the same
 * factory as entry 11 (merged into it); entry 12 was merged into 13 by the demo (unmerged); entry 14 is
 * linked by name to the wrong employer (unlinked).
 */
export const DEMO_CENSUS = {
  uncertainEntry: 2,
  openEntry: 3,
  statusEntry: 4,
  assignEntry: 5,
  followUp: 1,
  mergeEntry: 10,
  mergeSurvivor: 11,
  mergedEntry: 12,
  mergedSurvivor: 13,
  unlinkEntry: 14,
} as const;

export const registerEmployerCensusRoutes = (app: AppInstance, deps: Deps) => {
  const spec = censusListSpec(deps);
  registerRowImport(deps, spec);

  app.get(`${P}/lists/import/template`, {
    config: { access },
    schema: { tags, summary: '名单导入模板 List template (xlsx)' },
    handler: async (req, reply) =>
      sendDownload(reply, req.lang, {
        body: await censusListTemplate(),
        type: XLSX_TYPE,
        names: { zh: '潜在用人单位名单模板.xlsx', en: 'census-list-template.xlsx' },
      }),
  });

  app.post(`${P}/lists/import`, {
    config: { access },
    schema: {
      tags,
      summary:
        '导入潜在用人单位名单 Import a list of potential employers with its source label (multipart field "file"; ?source=…; ?dryRun=true writes nothing). 200 with the report when done within the wait, else 202 with the batch (GET /api/v1/imports/{batchId})',
      description:
        'Columns 单位名称* 统一社会信用代码 所在地区* (county or township, code or name) 地址 行业 职工人数 联系人 联系电话. Each row becomes one entry of the database (an employer already listed gains this list as a further source) and is matched: a valid credit code or the same normalised name in the county links it to the known employer; a similar name waits for review; otherwise it stays a potential employer. The same file again returns the first batch; the same rows in another file add sources, never entries.',
      consumes: ['multipart/form-data'],
      querystring: CensusImportQuery,
      response: { 200: ImportReport, 202: ImportBatch },
    },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      if (!canManage(actor)) throw new AppError('forbidden', 'census_not_regulator');
      const upload = await readUpload(req);
      try {
        const batch = await startImport(deps, auditContext(req), actor, {
          kind: 'census_list',
          ...upload,
          dryRun: Boolean(req.query.dryRun),
          lang: req.lang,
          options: { source: req.query.source, ...(req.query.title && { title: req.query.title }) },
        });
        return await answerUpload(deps, req, reply, batch);
      } catch (e) {
        if (e instanceof SheetError) throw fileRefusal(e.reason, deps.config.imports, req.lang);
        throw e;
      }
    },
  });

  app.get(`${P}/lists/import/:batchId/errors`, {
    config: { access },
    schema: {
      tags,
      summary: '导入错误文件 Rows rejected by a list import, as the original workbook plus an error column',
      params: Type.Object({ batchId: Type.String({ pattern: '^[1-9][0-9]{0,9}$' }) }),
    },
    handler: async (req, reply) => {
      const buf = await myImportErrorFile(deps.db, actorOf(req), Number(req.params.batchId), 'census_list');
      return sendDownload(reply, req.lang, {
        body: buf,
        type: XLSX_TYPE,
        names: {
          zh: `名单导入错误-${req.params.batchId}.xlsx`,
          en: `census-list-errors-${req.params.batchId}.xlsx`,
        },
      });
    },
  });

  app.get(`${P}/lists`, {
    config: { access },
    schema: {
      tags,
      summary:
        '已导入名单 Uploaded lists in scope with their counts (matched / to review / unmatched / rejected rows)',
      querystring: CensusListQuery,
      response: { 200: Page(CensusListSummary) },
    },
    handler: async (req) => listListsFor(deps.db, actorOf(req), req.query),
  });

  app.get(`${P}/lists/export`, {
    config: { access },
    schema: {
      tags,
      summary:
        '导出已导入名单 The uploaded lists in scope with their counts as xlsx (with the filter sheet) or csv; audited',
      querystring: CensusListExportQuery,
    },
    handler: async (req, reply) =>
      sendDownload(
        reply,
        req.lang,
        await exportLists(deps.db, auditContext(req), actorOf(req), req.query, req.lang),
      ),
  });

  app.get(`${P}/entries`, {
    config: { access },
    schema: {
      tags,
      summary: '用人单位数据库 Entries in scope',
      description:
        'Filters: source, matchState (uncertain = the review queue), status (declared / not_declared derived from accepted declarations; not_applicable / closed / relocated as set), regionCode, riskClass (of the linked employer), listId, q (name or credit code).',
      querystring: CensusEntryQuery,
      response: { 200: Page(CensusEntrySummary) },
    },
    handler: async (req) => listEntriesFor(deps.db, actorOf(req), req.query, deps.config.listExactCountLimit),
  });

  app.get(`${P}/entries/export`, {
    config: { access },
    schema: {
      tags,
      summary:
        '导出数据库 The filtered entries as xlsx, streamed (≤ 200,000 rows), with the filter sheet; audited',
      querystring: CensusEntryQuery,
    },
    handler: async (req, reply) => {
      const file = await exportEntries(deps.db, auditContext(req), actorOf(req), req.query, req.lang);
      return sendDownload(reply, req.lang, { body: file.body, type: XLSX_TYPE, names: file.names });
    },
  });

  app.post(`${P}/entries/:id/review`, {
    config: { access, example: { as: 'demo-county', params: { id: DEMO_CENSUS.uncertainEntry } } },
    schema: {
      tags,
      summary:
        '匹配复核 Resolve an uncertain match: confirm the candidate, reject it, or register a new employer',
      description:
        'confirm/reject name one of the entry’s candidates (400 census_not_a_candidate); a rejected candidate is never proposed again. new registers the entry as an employer through the employers module (credit code required: 400 census_new_needs_credit_code). An already matched entry: 409. Audited.',
      params: IdParams,
      body: { ...CensusReviewInput, examples: [{ decision: 'reject' }] },
      response: { 200: CensusWriteResult },
    },
    handler: async (req) =>
      reviewEntry(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.post(`${P}/entries/:id/status`, {
    config: { access, example: { as: 'demo-county', params: { id: DEMO_CENSUS.statusEntry } } },
    schema: {
      tags,
      summary:
        '标记状态 Mark an entry not applicable / closed / relocated (reason required) or back in the programme',
      description:
        'For an entry linked to an employer the employer’s programme status is set too (employers module, versioned and audited). Audited.',
      params: IdParams,
      body: {
        ...CensusStatusInput,
        examples: [
          { status: 'not_applicable', reason: '现场核实：仅从事商品批发，无生产作业，不存在职业病危害因素' },
        ],
      },
      response: { 200: CensusWriteResult },
    },
    handler: async (req) =>
      setEntryStatus(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.post(`${P}/entries/:id/merge`, {
    config: { access, example: { as: 'demo-county', params: { id: DEMO_CENSUS.mergeEntry } } },
    schema: {
      tags,
      summary: '合并 Merge this entry into another entry of the same unit (the survivor, `into`)',
      description:
        'Both in scope (404) and in the same county. The survivor keeps its identity and gains this entry’s list rows (recorded as merged from it), its credit code and employer link when it had none, and its not applicable / closed / relocated mark when the survivor is open. An open follow-up moves to the survivor, or is closed as a duplicate (outcome merged) when the survivor has its own. This entry is kept, frozen, pointing to the survivor. 409: into itself (census_merge_self), into a merged entry (census_merge_into_merged), an entry already merged (census_entry_merged) or with entries merged into it (census_merge_has_merged), different counties (census_merge_other_county), different employers (census_merge_different_employers) or credit codes (census_merge_different_credit_codes). Audited once.',
      params: IdParams,
      body: {
        ...CensusMergeInput,
        examples: [{ into: DEMO_CENSUS.mergeSurvivor, reason: '同一地址同一负责人，金鼎机械厂为旧登记名称' }],
      },
      response: { 200: CensusMergeResult },
    },
    handler: async (req) =>
      mergeEntries(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.post(`${P}/entries/:id/unmerge`, {
    config: { access, example: { as: 'demo-county', params: { id: DEMO_CENSUS.mergedEntry } } },
    schema: {
      tags,
      summary: '拆分 Undo the merge of this entry (it was merged into another by mistake)',
      description:
        'The entry is live again with its list rows (and those naming it since), its credit code and its moved follow-ups still open. On the survivor, what the merge gave it goes back where the survivor still holds it unchanged; changes made since stay. Follow-ups closed as duplicates stay closed. Not merged: 409 census_entry_not_merged. Audited.',
      params: IdParams,
      body: { ...CensusReasonInput, examples: [{ reason: '核实为两家不同单位：经营者与生产地址均不同' }] },
      response: { 200: CensusWriteResult },
    },
    handler: async (req) =>
      unmergeEntry(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.post(`${P}/entries/:id/unlink`, {
    config: { access, example: { as: 'demo-county', params: { id: DEMO_CENSUS.unlinkEntry } } },
    schema: {
      tags,
      summary: '取消关联 Unlink a matched entry from an employer that is not this unit',
      description:
        'The employer is never proposed again; the entry goes back to the review queue when other candidates are found in the county, else it is unmatched. Not matched: 409 census_entry_not_matched; the same credit code as the employer: 409 census_unlink_same_credit_code. The employer’s programme status is not reverted. Audited.',
      params: IdParams,
      body: {
        ...CensusReasonInput,
        examples: [{ reason: '现场核实：该作坊为个体机修点，与宏远机械配件有限公司无关' }],
      },
      response: { 200: CensusWriteResult },
    },
    handler: async (req) =>
      unlinkEntry(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.get(`${P}/follow-ups`, {
    config: { access },
    schema: {
      tags,
      summary: '入户指导 Door-to-door follow-ups in scope (mine=true: assigned to me; status=overdue)',
      querystring: CensusFollowUpQuery,
      response: { 200: Page(CensusFollowUpSummary) },
    },
    handler: async (req) => listFollowUpsFor(deps.db, actorOf(req), req.query),
  });

  app.get(`${P}/follow-ups/export`, {
    config: { access },
    schema: {
      tags,
      summary:
        '导出入户指导 The follow-ups of the list’s filter (mine, status) as xlsx (with the filter sheet) or csv; audited',
      querystring: CensusFollowUpExportQuery,
    },
    handler: async (req, reply) =>
      sendDownload(
        reply,
        req.lang,
        await exportFollowUps(deps.db, auditContext(req), actorOf(req), req.query, req.lang),
      ),
  });

  app.get(`${P}/follow-ups/assignees`, {
    config: { access },
    schema: {
      tags,
      summary: '可派发人员 County staff in scope who can take follow-ups',
      querystring: Type.Object({ regionCode: Type.Optional(RegionCode) }, { additionalProperties: false }),
      response: { 200: Type.Object({ data: Type.Array(CensusAssignee) }) },
    },
    handler: async (req) => ({ data: await assigneesFor(deps.db, actorOf(req), req.query.regionCode) }),
  });

  app.post(`${P}/follow-ups`, {
    config: { access, example: { as: 'demo-county' } },
    schema: {
      tags,
      summary: '派发入户指导 Assign undeclared entries to a county staff user with a due date',
      description:
        'Every entry must be in scope (404), not declared and without an open task, and in the assignee’s county (400 naming the entry). Audited once for the batch.',
      body: {
        ...CensusAssignInput,
        examples: [{ entryIds: [DEMO_CENSUS.assignEntry], dueOn: '2099-12-31' }],
      },
      response: { 201: Type.Object({ assigned: Type.Integer(), ids: Type.Array(Type.Integer()) }) },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await assignFollowUps(deps.db, auditContext(req), actorOf(req), req.body)),
  });

  app.post(`${P}/follow-ups/:id/outcome`, {
    config: { access, example: { as: 'demo-county', params: { id: DEMO_CENSUS.followUp } } },
    schema: {
      tags,
      summary: '登记入户指导结果 The assignee records the visit',
      description:
        'declared / will_declare (willDeclareBy) / not_applicable (note) / closed (note) / not_found. not_applicable and closed set the entry’s status (and the employer’s). Only the assignee (403); a done task: 409. Audited.',
      params: IdParams,
      body: {
        ...CensusOutcomeInput,
        examples: [
          { outcome: 'will_declare', willDeclareBy: '2099-12-31', note: '负责人承诺月底前完成网上申报' },
        ],
      },
      response: { 200: Type.Object({ id: Type.Integer(), entryStatus: Type.String() }) },
    },
    handler: async (req) =>
      recordOutcome(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.get(`${P}/snapshots`, {
    config: { access },
    schema: {
      tags,
      summary: '半年报送 Snapshots: the city’s own, the province every city’s (a county has none)',
      response: { 200: Type.Object({ data: Type.Array(CensusSnapshotSummary) }) },
    },
    handler: async (req) => ({ data: await listSnapshotsFor(deps.db, actorOf(req)) }),
  });

  app.post(`${P}/snapshots`, {
    config: { access, example: { as: 'demo-city' } },
    schema: {
      tags,
      summary:
        '生成半年报送 Freeze the database (counts and rows) of the city, or of every city for the province',
      description: 'A county cannot (403 census_snapshot_city_only); a period already frozen: 409. Audited.',
      body: { ...CensusSnapshotInput, examples: [{ period: '2099-H1' }] },
      response: { 201: Type.Object({ created: Type.Integer(), ids: Type.Array(Type.Integer()) }) },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await takeSnapshot(deps.db, auditContext(req), actorOf(req), req.body)),
  });

  app.get(`${P}/snapshots/:id/download`, {
    config: { access },
    schema: {
      tags,
      summary: '下载半年报送 A snapshot’s rows as xlsx (rows in the reader’s scope)',
      params: IdParams,
    },
    handler: async (req, reply) => {
      const s = await snapshotWorkbook(deps.db, actorOf(req), Number(req.params.id), req.lang);
      return sendDownload(reply, req.lang, {
        body: s.body,
        type: XLSX_TYPE,
        names: {
          zh: `用人单位数据库-${s.regionCode}-${s.period}.xlsx`,
          en: `employer-database-${s.regionCode}-${s.period}.xlsx`,
        },
      });
    },
  });
};
