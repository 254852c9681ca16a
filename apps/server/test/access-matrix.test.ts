/**
 * The access matrix: every registered route × every demo role × a record in the role's scope and one
 * outside it. A route without a declared permission cannot be registered (the app refuses to start),
 * and a route missing from this table fails the test, so new routes join the matrix.
 *
 * Expected: no permission ⇒ 403 (before any lookup); permission and record in scope ⇒ success;
 * permission and record out of scope ⇒ 404, and the record appears in no list, count or export.
 */
import {
  builtInRoles,
  diagnosisReportExample,
  examCardExample,
  outboundNoticeExample,
  outboundSettingExample,
  qcTemplateUpdateExample,
  type RouteAccess,
} from '@ohp/contracts';
import { childrenOf } from '@ohp/reference';
import { calculators, chemicalImportTemplate, defaultAmendments } from '@ohp/standards';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyEmployers } from '../src/modules/employers/index.js';
import { scopeOf } from '../src/platform/authz/scope.js';
import { buildApp } from '../src/platform/http/app.js';
import { loadActor } from '../src/platform/authz/session.js';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import {
  buildApiToken,
  buildCensusEntry,
  buildCensusFollowUp,
  buildCensusSnapshot,
  buildDeclaration,
  buildDocument,
  buildFiling,
  buildVerification,
  buildPairing,
  buildRectification,
  buildRefusal,
  buildDiagnosisReport,
  buildDeclarationSampling,
  buildInspectionDraw,
  buildEmployer,
  buildEmployerRegistration,
  buildNotification,
  buildOrganisation,
  buildOutboundNotice,
  buildPublicList,
  buildQcAssessment,
  buildQcPlan,
  buildQcTemplate,
  buildSample,
  buildSession,
  buildStoredCard,
  buildUser,
  buildWorker,
} from './factories.js';
import type { Actor } from '../src/platform/authz/actor.js';
import { createTestContext, DEMO_PASSWORD, testDbKind, type Client, type TestContext } from './helpers.js';

const DEMO_USERS = [
  'demo-province',
  'demo-city',
  'demo-county',
  'demo-qc',
  'demo-cdc',
  'demo-exam',
  'demo-diag',
  'demo-service',
  'demo-employer',
  'demo-rehab',
  'demo-sysadmin',
  'demo-secadmin',
  'demo-auditor',
] as const;

/**
 * The route × role sweep is the longest test file (~2 min per database on 2 cores). `npm test` runs it
 * on PGlite and on PostgreSQL with OHP_ACCESS_MATRIX_SPLIT=1: each database then sweeps every other
 * role (the scope SQL is the same on both), so every route × role is still checked once per run, on
 * one database or the other. Unset (a developer's run of this file), every role is swept.
 */
const SWEPT_USERS =
  process.env.OHP_ACCESS_MATRIX_SPLIT === '1'
    ? DEMO_USERS.filter((_, i) => i % 2 === (testDbKind() === 'postgresql' ? 1 : 0))
    : DEMO_USERS;

type Fixture = {
  userId: number;
  scopeAll: boolean;
  inOrg: number;
  outOrg: number;
  inUser: number;
  outUser: number;
  inSession: string;
  outSession: string;
  inBatch: number;
  outBatch: number;
  /** Batches of the exam-card spreadsheet door (its errors route serves its own kind only). */
  inSheetBatch: number;
  outSheetBatch: number;
  inRegion: string;
  /**
   * The security administrator manages administrator accounts only, everyone else business accounts
   * only (users.policy.ts): the user fixtures are of the kind the actor may manage.
   */
  securityAdmin: boolean;
  /** A custom role no user holds (roles are not scoped: one per request so a delete never collides). */
  customRole: string;
  /** Organisations with no users, so that deleting them is allowed. */
  inEmptyOrg: number;
  outEmptyOrg: number;
  /** Exam cards: one the actor sees (awaiting its review level, for a reviewer) and one it does not. */
  inCard: number;
  outCard: number;
  /** Workers: one examined in the actor's scope (a card like inCard's) and one examined only outside it. */
  inWorker: number;
  outWorker: number;
  /** The suspected cases of those cards (the example card is a suspected silicosis), and the step the actor records. */
  inCase: number;
  outCase: number;
  /**
   * Diagnosis reports: one the actor sees (a diagnosis institution's own, an employer's worker's, a
   * regulator's region's) and one it does not (another institution's, in a region outside).
   */
  inReport: number;
  inReportRecord: string;
  outReport: number;
  caseEvent: string;
  /** API tokens: one of the actor's own organisation and one of an organisation outside its scope. */
  inToken: number;
  outToken: number;
  /** A scope the actor may give a token (its kind's first integration scope it holds). */
  tokenScope: string;
  /** Card samples: one drawn by the actor's organisation in its area (holding inCard), one drawn outside it. */
  inSample: number;
  outSample: number;
  /** Documents (文书): one issued by the actor's own organisation about itself, one about an organisation outside. */
  inDocument: number;
  outDocument: number;
  /** Notifications: one addressed to the actor's organisation, one to an organisation outside its scope. */
  inNotification: number;
  outNotification: number;
  /** Calendar import batches (kind calendar_day): the actor's own and another user's. */
  inCalendarBatch: number;
  outCalendarBatch: number;
  inFilingBatch: number;
  outFilingBatch: number;
  /**
   * 职业病危害项目申报: an employer's own draft, or for everyone else a submitted declaration of an employer
   * in the region; an accepted one with its receipt; the same outside; legacy-import batches.
   */
  inDeclaration: number;
  outDeclaration: number;
  inAcceptedDeclaration: number;
  outAcceptedDeclaration: number;
  inDeclarationBatch: number;
  outDeclarationBatch: number;
  /** A calendar day of its own per fixture (the calendar is national: no scope), for the delete. */
  calendarDay: string;
  /**
   * Filings (机构备案): an institution's own (a complete draft with its licences) or, for everyone else,
   * a submitted one of an institution in the region; a filed one with its receipt (an institution's own
   * cancelled after filing, as it has one live filing); one attachment of each; and the same outside.
   */
  inFiling: number;
  outFiling: number;
  inFiledFiling: number;
  outFiledFiling: number;
  inFilingAttachment: number;
  outFilingAttachment: number;
  /**
   * On-site verifications (现场核查): an institution's own (of a filed-then-cancelled filing, so its live
   * filing stays) or, for everyone else, an exam institution's in the region — scheduled, and one with
   * every result recorded (ready to complete); one outside.
   */
  inVerification: number;
  inReadyVerification: number;
  outVerification: number;
  /** An evidence file of each (checklist item P1). */
  inEvidence: number;
  outEvidence: number;
  /**
   * Outbound-exam notices (外出体检告知): an exam institution's own draft, or for everyone else a submitted
   * one for an employer in the region routed to the actor's organisation; one outside (another
   * institution's, an employer in the region outside). Fresh per route (a withdraw or acknowledge moves it).
   */
  inNotice: number;
  outNotice: number;
  /**
   * 外出体检设置: the actor's province and another (辽宁 21); a delegated county of the actor's province
   * (to remove) and a free one (to add), and a delegated county in 21 (never changed). Rebuilt after a
   * write by the one who may make it (outboundConfigurer: a provincial commission with outbound:configure).
   */
  province: string;
  outProvince: string;
  delegatedCounty: string;
  freeCounty: string;
  outDelegatedCounty: string;
  outboundConfigurer: boolean;
  /**
   * 设备配置: an institution keeping its own ledger (an institution, a support institution) or, for
   * everyone else, a support institution in the region — with one ledger item; the same outside. A
   * catalogue row of its own per fixture (the catalogue is not scoped), import batches of the actor and of
   * another user, and the region a region view (compliance, coverage) names in and out of scope.
   */
  inEquipmentOrg: number;
  outEquipmentOrg: number;
  inEquipmentItem: number;
  outEquipmentItem: number;
  equipmentRequirement: number;
  inEquipmentBatch: number;
  outEquipmentBatch: number;
  equipmentRegion: string;
  outRegion: string;
  /**
   * 用人单位数据库: an entry waiting for review in the actor's county (or the first county of its city /
   * province) and one in the region outside; an open follow-up assigned to the actor on a fresh entry; a
   * county staff user of the in-region to assign to; the actor's city snapshot and one of a city outside;
   * list-import batches of the actor and of a user outside.
   */
  inCensusEntry: number;
  outCensusEntry: number;
  /** Another entry of the same county, merged into the entry above by the merge route. */
  inCensusDuplicate: number;
  outCensusDuplicate: number;
  inCensusFollowUp: number;
  outCensusFollowUp: number;
  censusAssignee: number;
  inCensusSnapshot: number;
  outCensusSnapshot: number;
  inCensusBatch: number;
  outCensusBatch: number;
  /**
   * 用人单位库: an employer with its profile — an employer's own organisation, else one in the region —
   * and one outside; a pending self-registration in the actor's county (rebuilt after a review) and one
   * in the region outside.
   */
  inEmployer: number;
  outEmployer: number;
  inRegistration: number;
  outRegistration: number;
  /**
   * 申报调度: an employer in the region (list decisions; the drawn employer of a sampling of the actor's
   * province) and one outside; a sampling of province 21 with its drawn employer (never readable here).
   */
  inOversightEmployer: number;
  outOversightEmployer: number;
  inDeclSampling: number;
  outDeclSampling: number;
  outDeclSamplingEmployer: number;
  /** 双随机抽查: a draw of the actor's region (its employer drawn) and one of the region outside. */
  inInspectionDraw: number;
  outInspectionDraw: number;
  /**
   * 整改台账: items of an institution's own (one holding rectifications:respond) or, for everyone else, of
   * an exam institution in the region — open with evidence uploaded, submitted, closed — with the open
   * one's evidence and round; a standing 拒不整改 mark and a pairing there; institutions there to raise
   * findings against, mark, pair. The same outside (never changed). Rebuilt after a write.
   */
  inRectItem: number;
  inRectSubmitted: number;
  inRectClosed: number;
  inRectEvidence: number;
  inRectRound: number;
  inRefusal: number;
  inPairing: number;
  inRectInstitution: number;
  inRectInstitution2: number;
  outRectItem: number;
  outRectEvidence: number;
  outRectRound: number;
  outRefusal: number;
  outPairing: number;
  /**
   * Publications (信息公开): one of the actor's province (its region's first two digits; rebuilt after a
   * withdraw) and one of another province (辽宁 21), never changed.
   */
  inPublicList: number;
  outPublicList: number;
  /**
   * 质控评估: a plan of the actor's province (another province's outside: plans are province-wide) with
   * an unscheduled entry of an institution filed in the region (the actor's own for an institution);
   * an assessment there, scheduled (with an evidence file), and one ready to complete; a self-assessment
   * draft of the actor's own organisation when it self-assesses (else of an institution in the region)
   * and a submitted one in the region; the same outside (never changed). A draft and a published form
   * of their own (forms are not scoped). Rebuilt after a write that moves them.
   */
  inQcPlan: number;
  inQcEntry: number;
  inQcAssessment: number;
  inQcReady: number;
  inQcEvidence: number;
  inQcSelf: number;
  inQcSelfSubmitted: number;
  qcDraftTemplate: number;
  qcPublishedTemplate: number;
  qcSelfTemplate: string;
  /** Holds qc:manage: its writes move the fixtures (the others are refused before any change). */
  qcManager: boolean;
  outQcPlan: number;
  outQcEntry: number;
  outQcAssessment: number;
  outQcEvidence: number;
  outQcSelf: number;
};

type Case = {
  /** Builds the request for a record in scope ('in') or out of it ('out'); null when the route has no record. */
  request: (
    f: Fixture,
    where: 'in' | 'out',
    seq: number,
  ) => { url: string; body?: unknown; multipart?: string; xml?: string; headers?: Record<string, string> };
  hasRecord: boolean;
  /** Statuses that count as "allowed" for this route (a rule may answer 400 to a deliberately wrong input). */
  ok?: number[];
  freshSession?: boolean;
  /** Records that belong to one user (import batches): out of scope even for platform administrators. */
  ownerOnly?: boolean;
};

const nationalXml = readFileSync(
  new URL('../src/modules/exam-reports/fixtures/national-exam-cards.xml', import.meta.url),
  'utf8',
);

const pick = (f: Fixture, where: 'in' | 'out', a: keyof Fixture, b: keyof Fixture) =>
  String(where === 'in' ? f[a] : f[b]);

const cases: Record<string, Case> = {
  'GET /api/v1/auth/me': { hasRecord: false, request: () => ({ url: '/api/v1/auth/me' }) },
  // Where reports are read (platform/read-replica.ts): the same answer for every signed-in user.
  'GET /api/v1/read-source': { hasRecord: false, request: () => ({ url: '/api/v1/read-source' }) },
  'POST /api/v1/auth/logout': {
    hasRecord: false,
    freshSession: true,
    request: () => ({ url: '/api/v1/auth/logout', body: {} }),
  },
  'POST /api/v1/auth/password': {
    hasRecord: false,
    ok: [400],
    request: () => ({
      url: '/api/v1/auth/password',
      body: { currentPassword: 'not-the-password', newPassword: 'Another#Pass1' },
    }),
  },
  'POST /api/v1/auth/totp/setup': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/auth/totp/setup', body: {} }),
  },
  'POST /api/v1/auth/totp/confirm': {
    hasRecord: false,
    ok: [400],
    request: () => ({ url: '/api/v1/auth/totp/confirm', body: { code: '000000' } }),
  },
  // The demo users have no TOTP bound: removal needs the password only (and is a no-op).
  'DELETE /api/v1/auth/totp': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/auth/totp', body: { currentPassword: DEMO_PASSWORD } }),
  },
  'POST /api/v1/users/:id/reset-totp': {
    hasRecord: true,
    request: (f, w) => ({ url: `/api/v1/users/${pick(f, w, 'inUser', 'outUser')}/reset-totp` }),
  },
  'GET /api/v1/catalogues': { hasRecord: false, request: () => ({ url: '/api/v1/catalogues' }) },
  'GET /api/v1/catalogues/:id': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/catalogues/hazard-factors?pageSize=5' }),
  },
  'GET /api/v1/regions': { hasRecord: false, request: () => ({ url: '/api/v1/regions?parent=22' }) },
  'GET /api/v1/regions/:code': { hasRecord: false, request: () => ({ url: '/api/v1/regions/220102' }) },
  // 地图边界: the matrix installs no boundary file (OHP_GEOJSON_DIR unset), so a signed-in user's answer
  // is the route's 404 geo_boundary_missing; an anonymous one is 401 (geo.routes.test.ts serves a file).
  'GET /api/v1/geo/:regionCode': { hasRecord: false, ok: [404], request: () => ({ url: '/api/v1/geo/22' }) },
  'GET /api/v1/organisations': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/organisations?pageSize=5' }),
  },
  'GET /api/v1/organisations/:id': {
    hasRecord: true,
    request: (f, w) => ({ url: `/api/v1/organisations/${pick(f, w, 'inOrg', 'outOrg')}` }),
  },
  'GET /api/v1/organisations/:id/history': {
    hasRecord: true,
    request: (f, w) => ({ url: `/api/v1/organisations/${pick(f, w, 'inOrg', 'outOrg')}/history` }),
  },
  // 本单位信息: no id, so nothing out of scope to name; the caller's own organisation only.
  'GET /api/v1/my-organisation': { hasRecord: false, request: () => ({ url: '/api/v1/my-organisation' }) },
  'PATCH /api/v1/my-organisation': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/my-organisation', body: { contactName: '矩阵联系人' } }),
  },
  'POST /api/v1/organisations': {
    hasRecord: false,
    request: (f, _w, seq) => ({
      url: '/api/v1/organisations',
      body: { name: `矩阵新增单位${seq}`, kind: 'employer', regionCode: f.inRegion },
    }),
  },
  'PATCH /api/v1/organisations/:id': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/organisations/${pick(f, w, 'inOrg', 'outOrg')}`,
      body: { contactName: '矩阵' },
    }),
  },
  'DELETE /api/v1/organisations/:id': {
    hasRecord: true,
    request: (f, w) => ({ url: `/api/v1/organisations/${pick(f, w, 'inEmptyOrg', 'outEmptyOrg')}` }),
  },
  'GET /api/v1/organisations/export': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/organisations/export?kind=qc_centre' }),
  },
  'GET /api/v1/organisations/import/template': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/organisations/import/template' }),
  },
  'POST /api/v1/organisations/import': {
    hasRecord: false,
    request: (f, _w, seq) => ({
      url: '/api/v1/organisations/import?dryRun=true',
      multipart: `单位名称,单位类型,行政区划代码\r\n矩阵导入${seq},用人单位,${f.inRegion}\r\n`,
    }),
  },
  'GET /api/v1/organisations/import/:batchId/errors': {
    hasRecord: true,
    ownerOnly: true,
    request: (f, w) => ({ url: `/api/v1/organisations/import/${pick(f, w, 'inBatch', 'outBatch')}/errors` }),
  },
  // An exam institution reports its own cards; nobody else holds the permission.
  'POST /api/v1/exam-reports/batches': {
    hasRecord: false,
    request: (_f, _w, seq) => ({
      url: '/api/v1/exam-reports/batches',
      body: { cards: [{ ...examCardExample, recordId: `matrix-${seq}` }] },
      headers: { 'idempotency-key': `matrix-batch-${seq}` },
    }),
  },
  // The spreadsheet door: an exam institution's template, upload (a dry run) and rejected rows.
  'GET /api/v1/exam-reports/import/template': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/exam-reports/import/template' }),
  },
  'POST /api/v1/exam-reports/import': {
    hasRecord: false,
    request: (_f, _w, seq) => ({
      url: '/api/v1/exam-reports/import?dryRun=true',
      multipart: `记录ID,姓名\r\nmatrix-sheet-${seq},矩阵\r\n`,
    }),
  },
  'GET /api/v1/exam-reports/import/:batchId/errors': {
    hasRecord: true,
    ownerOnly: true,
    request: (f, w) => ({
      url: `/api/v1/exam-reports/import/${pick(f, w, 'inSheetBatch', 'outSheetBatch')}/errors`,
    }),
  },
  // The national exchange XML: the institution's document in; the province's approved cards out (none
  // approved in the matrix's database: 404 is the allowed answer).
  'POST /api/v1/exam-reports/national-xml': {
    hasRecord: false,
    request: (_f, _w, seq) => ({
      url: '/api/v1/exam-reports/national-xml',
      xml: nationalXml
        .replace('ID="TJ2026-000123"', `ID="matrix-xml-${seq}"`)
        .replace(/<DocumentId>[^<]*</, `<DocumentId>matrix-${seq}<`),
    }),
  },
  'GET /api/v1/exam-cards/national-xml': {
    hasRecord: false,
    ok: [404],
    request: () => ({ url: '/api/v1/exam-cards/national-xml?from=2026-01-01&to=2026-01-31' }),
  },
  // Stored cards: a regulator's region, an institution's own, an employer's workers'.
  'GET /api/v1/exam-cards': { hasRecord: false, request: () => ({ url: '/api/v1/exam-cards?pageSize=5' }) },
  'GET /api/v1/exam-cards/:id': {
    hasRecord: true,
    request: (f, w) => ({ url: `/api/v1/exam-cards/${pick(f, w, 'inCard', 'outCard')}` }),
  },
  'POST /api/v1/exam-cards/reviews': {
    hasRecord: true,
    request: (f, w) => ({
      url: '/api/v1/exam-cards/reviews',
      body: { cardIds: [Number(pick(f, w, 'inCard', 'outCard'))], decision: 'approved' },
    }),
  },
  // The suspected-case tracker: the institution tells the employer, the employer refers, the regulator
  // records the outcome (each on a fresh case in or out of scope).
  'GET /api/v1/suspected-cases': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/suspected-cases?pageSize=5' }),
  },
  'POST /api/v1/suspected-cases/:id/events': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/suspected-cases/${pick(f, w, 'inCase', 'outCase')}/events`,
      body: { event: f.caseEvent },
    }),
  },
  // API tokens: an organisation manages its own only (a regulator never sees an institution's).
  'GET /api/v1/api-tokens': { hasRecord: false, request: () => ({ url: '/api/v1/api-tokens' }) },
  'POST /api/v1/api-tokens': {
    hasRecord: false,
    request: (f, _w, seq) => ({
      url: '/api/v1/api-tokens',
      body: { name: `矩阵令牌${seq}`, scopes: [f.tokenScope] },
    }),
  },
  'POST /api/v1/api-tokens/:id/revoke': {
    hasRecord: true,
    request: (f, w) => ({ url: `/api/v1/api-tokens/${pick(f, w, 'inToken', 'outToken')}/revoke` }),
  },
  // 职业病诊断报告: a diagnosis institution reports and corrects its own; the others read them in scope.
  'POST /api/v1/diagnosis-reports': {
    hasRecord: false,
    request: (_f, _w, seq) => ({
      url: '/api/v1/diagnosis-reports',
      body: { ...diagnosisReportExample, recordId: `matrix-zd-${seq}` },
    }),
  },
  'PUT /api/v1/diagnosis-reports/:id': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/diagnosis-reports/${pick(f, w, 'inReport', 'outReport')}`,
      body: {
        ...diagnosisReportExample,
        recordId: f.inReportRecord,
        employer: { ...diagnosisReportExample.employer!, regionCode: f.inRegion },
        remark: '矩阵更正',
      },
    }),
  },
  'GET /api/v1/diagnosis-reports': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/diagnosis-reports?pageSize=5' }),
  },
  'GET /api/v1/diagnosis-reports/referrals': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/diagnosis-reports/referrals' }),
  },
  'GET /api/v1/diagnosis-reports/:id': {
    hasRecord: true,
    request: (f, w) => ({ url: `/api/v1/diagnosis-reports/${pick(f, w, 'inReport', 'outReport')}` }),
  },
  // 劳动者档案: a worker examined in scope and one examined only outside it (sibling county / city).
  'GET /api/v1/workers': { hasRecord: false, request: () => ({ url: '/api/v1/workers?pageSize=5' }) },
  'GET /api/v1/workers/:id': {
    hasRecord: true,
    request: (f, w) => ({ url: `/api/v1/workers/${pick(f, w, 'inWorker', 'outWorker')}` }),
  },
  'POST /api/v1/workers/:id/reveal': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/workers/${pick(f, w, 'inWorker', 'outWorker')}/reveal`,
      body: { reason: '矩阵核对身份信息' },
    }),
  },
  'GET /api/v1/workers/:id/history.xlsx': {
    hasRecord: true,
    request: (f, w) => ({ url: `/api/v1/workers/${pick(f, w, 'inWorker', 'outWorker')}/history.xlsx` }),
  },
  // 个案卡抽查: a regulator draws in its region, the QC centre in the province; the drawing organisation
  // records the checks; a sample drawn outside the scope does not exist for the caller.
  'POST /api/v1/exam-samples': {
    hasRecord: false,
    request: (_f, _w, seq) => ({
      url: '/api/v1/exam-samples',
      body: { from: '2025-01-01', to: '2027-12-30', perInstitution: 1, seed: `matrix-${seq}` },
    }),
  },
  'GET /api/v1/exam-samples': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/exam-samples?pageSize=5' }),
  },
  'GET /api/v1/exam-samples/candidates': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/exam-samples/candidates?from=2025-01-01&to=2027-12-30' }),
  },
  'GET /api/v1/documents/:id': {
    hasRecord: true,
    ownerOnly: true,
    request: (f, w) => ({ url: `/api/v1/documents/${pick(f, w, 'inDocument', 'outDocument')}` }),
  },
  'GET /api/v1/documents/:id/print': {
    hasRecord: true,
    ownerOnly: true,
    request: (f, w) => ({ url: `/api/v1/documents/${pick(f, w, 'inDocument', 'outDocument')}/print` }),
  },
  'GET /api/v1/documents/:id/pdf': {
    hasRecord: true,
    ownerOnly: true,
    request: (f, w) => ({ url: `/api/v1/documents/${pick(f, w, 'inDocument', 'outDocument')}/pdf` }),
  },
  // Any signed-in user may call it; only the issuer with the kind's permission (filings:review for a
  // filing receipt: the regulators) revokes — everyone else is refused 403 on a document in scope.
  'POST /api/v1/documents/:id/revoke': {
    hasRecord: true,
    ownerOnly: true,
    ok: [403],
    request: (f, w) => ({
      url: `/api/v1/documents/${pick(f, w, 'inDocument', 'outDocument')}/revoke`,
      body: { reason: '矩阵测试作废' },
    }),
  },
  'GET /api/v1/exam-samples/:id': {
    hasRecord: true,
    request: (f, w) => ({ url: `/api/v1/exam-samples/${pick(f, w, 'inSample', 'outSample')}` }),
  },
  'POST /api/v1/exam-samples/:id/checks': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/exam-samples/${pick(f, w, 'inSample', 'outSample')}/checks`,
      body: { cardId: Number(pick(f, w, 'inCard', 'outCard')), matches: true },
    }),
  },
  'GET /api/v1/exam-samples/:id/replay': {
    hasRecord: true,
    request: (f, w) => ({ url: `/api/v1/exam-samples/${pick(f, w, 'inSample', 'outSample')}/replay` }),
  },
  'GET /api/v1/exam-samples/:id/export': {
    hasRecord: true,
    request: (f, w) => ({ url: `/api/v1/exam-samples/${pick(f, w, 'inSample', 'outSample')}/export` }),
  },
  // 体检到期提醒: an employer's workers, a regulator's region, the workers an institution examined.
  'GET /api/v1/periodic-exams/due': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/periodic-exams/due?pageSize=5' }),
  },
  'GET /api/v1/periodic-exams/due.xlsx': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/periodic-exams/due.xlsx?status=overdue' }),
  },
  // 待办事项 and 通知: every signed-in user's own inbox (the organisation's clocks; a regulator's region's
  // overdue ones); notifications are the organisation's own, out of reach even of platform administrators.
  'GET /api/v1/todos': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/todos?pageSize=5&state=overdue' }),
  },
  'GET /api/v1/todos/summary': { hasRecord: false, request: () => ({ url: '/api/v1/todos/summary' }) },
  'GET /api/v1/notifications': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/notifications?pageSize=5' }),
  },
  'GET /api/v1/notifications/unread-count': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/notifications/unread-count' }),
  },
  'POST /api/v1/notifications/:id/read': {
    hasRecord: true,
    ownerOnly: true,
    request: (f, w) => ({
      url: `/api/v1/notifications/${pick(f, w, 'inNotification', 'outNotification')}/read`,
    }),
  },
  'POST /api/v1/notifications/read': {
    hasRecord: true,
    ownerOnly: true,
    request: (f, w) => ({
      url: '/api/v1/notifications/read',
      body: { ids: [Number(pick(f, w, 'inNotification', 'outNotification'))] },
    }),
  },
  // The uploader's imports: every user sees only their own batches, whatever their scope.
  'GET /api/v1/imports': { hasRecord: false, request: () => ({ url: '/api/v1/imports?pageSize=5' }) },
  'GET /api/v1/imports/:batchId': {
    hasRecord: true,
    ownerOnly: true,
    request: (f, w) => ({ url: `/api/v1/imports/${pick(f, w, 'inBatch', 'outBatch')}` }),
  },
  'GET /api/v1/imports/:batchId/errors': {
    hasRecord: true,
    ownerOnly: true,
    request: (f, w) => ({ url: `/api/v1/imports/${pick(f, w, 'inBatch', 'outBatch')}/errors` }),
  },
  'GET /api/v1/users': { hasRecord: false, request: () => ({ url: '/api/v1/users?pageSize=5' }) },
  'GET /api/v1/users/:id': {
    hasRecord: true,
    request: (f, w) => ({ url: `/api/v1/users/${pick(f, w, 'inUser', 'outUser')}` }),
  },
  'POST /api/v1/users': {
    hasRecord: false,
    request: (f, _w, seq) => ({
      url: '/api/v1/users',
      body: {
        username: `matrix.${seq}`,
        displayName: '矩阵用户',
        organisationId: f.inOrg,
        roleKeys: [f.securityAdmin ? 'audit_admin' : 'employer_staff'],
      },
    }),
  },
  'PATCH /api/v1/users/:id': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/users/${pick(f, w, 'inUser', 'outUser')}`,
      body: { displayName: '改名' },
    }),
  },
  'POST /api/v1/users/:id/reset-password': {
    hasRecord: true,
    request: (f, w) => ({ url: `/api/v1/users/${pick(f, w, 'inUser', 'outUser')}/reset-password`, body: {} }),
  },
  'POST /api/v1/users/:id/reveal-phone': {
    hasRecord: true,
    request: (f, w) => ({ url: `/api/v1/users/${pick(f, w, 'inUser', 'outUser')}/reveal-phone`, body: {} }),
  },
  'POST /api/v1/users/:id/unlock': {
    hasRecord: true,
    request: (f, w) => ({ url: `/api/v1/users/${pick(f, w, 'inUser', 'outUser')}/unlock`, body: {} }),
  },
  'PUT /api/v1/users/:id/roles': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/users/${pick(f, w, 'inUser', 'outUser')}/roles`,
      body: { roleKeys: ['employer_staff'] },
    }),
  },
  'GET /api/v1/roles': { hasRecord: false, request: () => ({ url: '/api/v1/roles' }) },
  'POST /api/v1/roles': {
    hasRecord: false,
    request: (_f, _w, n) => ({
      url: '/api/v1/roles',
      body: { key: `new_role_${n}`, nameZh: '新角色', nameEn: 'New role', permissions: ['catalogues:read'] },
    }),
  },
  'PATCH /api/v1/roles/:key': {
    hasRecord: false,
    request: (f) => ({ url: `/api/v1/roles/${f.customRole}`, body: { nameZh: '改名角色' } }),
  },
  'DELETE /api/v1/roles/:key': {
    hasRecord: false,
    request: (f) => ({ url: `/api/v1/roles/${f.customRole}` }),
  },
  'GET /api/v1/sessions': { hasRecord: false, request: () => ({ url: '/api/v1/sessions' }) },
  'DELETE /api/v1/sessions/:sessionId': {
    hasRecord: true,
    request: (f, w) => ({ url: `/api/v1/sessions/${pick(f, w, 'inSession', 'outSession')}` }),
  },
  'GET /api/v1/login-logs': { hasRecord: false, request: () => ({ url: '/api/v1/login-logs?pageSize=5' }) },
  'GET /api/v1/login-logs/export': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/login-logs/export?outcome=success&from=2020-01-01' }),
  },
  'GET /api/v1/audit': { hasRecord: false, request: () => ({ url: '/api/v1/audit?pageSize=5' }) },
  'GET /api/v1/audit/export': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/audit/export?action=auth.login&from=2020-01-01' }),
  },
  'GET /api/v1/audit/actors': { hasRecord: false, request: () => ({ url: '/api/v1/audit/actors?q=demo' }) },
  'POST /api/v1/audit/verify': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/audit/verify', body: {} }),
  },
  'GET /api/v1/standards': { hasRecord: false, request: () => ({ url: '/api/v1/standards' }) },
  'GET /api/v1/standards/limit-rows': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/standards/limit-rows?q=yyht' }),
  },
  'GET /api/v1/standards/amendments': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/standards/amendments' }),
  },
  'PUT /api/v1/standards/amendments': {
    hasRecord: false,
    request: () => ({
      url: '/api/v1/standards/amendments',
      body: { id: defaultAmendments[0]!.id, effectiveFrom: null, confirmed: false },
    }),
  },
  'GET /api/v1/standards/imports/template': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/standards/imports/template?kind=oel_chemicals' }),
  },
  'POST /api/v1/standards/imports': {
    hasRecord: false,
    request: () => ({
      url: '/api/v1/standards/imports?kind=oel_chemicals&dryRun=true',
      multipart: `${chemicalImportTemplate.join(',')}\r\n`,
    }),
  },
  // 工作日历: national, no record scope; reads for every signed-in user, writes with calendar:manage.
  'GET /api/v1/calendar/years': { hasRecord: false, request: () => ({ url: '/api/v1/calendar/years' }) },
  'GET /api/v1/calendar/years/:year': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/calendar/years/2026' }),
  },
  'GET /api/v1/calendar/working-days': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/calendar/working-days?from=2026-09-30&n=5' }),
  },
  'GET /api/v1/calendar/days/:date': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/calendar/days/2026-10-10' }),
  },
  'POST /api/v1/calendar/days': {
    hasRecord: false,
    request: () => ({
      url: '/api/v1/calendar/days',
      body: { date: matrixDate(), kind: 'holiday', name: '矩阵', source: '矩阵测试' },
    }),
  },
  'PATCH /api/v1/calendar/days/:date': {
    hasRecord: false,
    request: () => ({
      url: '/api/v1/calendar/days/2026-10-01',
      body: { source: 'https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm' },
    }),
  },
  'DELETE /api/v1/calendar/days/:date': {
    hasRecord: false,
    request: (f) => ({ url: `/api/v1/calendar/days/${f.calendarDay}` }),
  },
  'GET /api/v1/calendar/import/template': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/calendar/import/template' }),
  },
  'POST /api/v1/calendar/import': {
    hasRecord: false,
    request: () => ({
      url: '/api/v1/calendar/import?dryRun=true',
      multipart: `日期,类型,名称,依据\r\n${matrixDate()},放假,矩阵,矩阵测试\r\n`,
    }),
  },
  'GET /api/v1/calendar/import/:batchId/errors': {
    hasRecord: true,
    ownerOnly: true,
    request: (f, w) => ({
      url: `/api/v1/calendar/import/${pick(f, w, 'inCalendarBatch', 'outCalendarBatch')}/errors`,
    }),
  },
  // 机构备案: an institution's own filing (a complete draft), the region's for regulators and the QC
  // centre. Deciding is the provincial commission's: a city or county commission holds filings:review
  // but answers 403 filing_authority_province in scope (and 404 outside). An institution already has a
  // live filing (409 on create) and its draft cannot be changed (409 on change: only a filed one can).
  // 职业病危害项目申报: an employer's own draft; the region's submitted declaration for regulators. Deciding
  // is the employer's county's: a city or provincial commission holds declarations:review but answers 403
  // declaration_reviewer_county in scope (404 outside). The employer's draft is incomplete (400 on submit)
  // and blocks a second one (409 on create).
  'GET /api/v1/declarations': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/declarations?pageSize=5' }),
  },
  'GET /api/v1/declarations/options': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/declarations/options' }),
  },
  'GET /api/v1/declarations/export': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/declarations/export' }),
  },
  'POST /api/v1/declarations': {
    hasRecord: false,
    ok: [409],
    request: () => ({ url: '/api/v1/declarations', body: { type: 'initial' } }),
  },
  'GET /api/v1/declarations/:id': {
    hasRecord: true,
    request: (f, w) => ({ url: `/api/v1/declarations/${pick(f, w, 'inDeclaration', 'outDeclaration')}` }),
  },
  'PUT /api/v1/declarations/:id': {
    hasRecord: true,
    ok: [409],
    request: (f, w) => ({
      url: `/api/v1/declarations/${pick(f, w, 'inDeclaration', 'outDeclaration')}`,
      body: { form: { training: { principalTrained: true } } },
    }),
  },
  'DELETE /api/v1/declarations/:id': {
    hasRecord: true,
    ok: [409],
    request: (f, w) => (
      movedDeclaration(f),
      { url: `/api/v1/declarations/${pick(f, w, 'inDeclaration', 'outDeclaration')}` }
    ),
  },
  'POST /api/v1/declarations/:id/submit': {
    hasRecord: true,
    ok: [400, 409],
    request: (f, w) => (
      movedDeclaration(f),
      { url: `/api/v1/declarations/${pick(f, w, 'inDeclaration', 'outDeclaration')}/submit`, body: {} }
    ),
  },
  'POST /api/v1/declarations/:id/return': {
    hasRecord: true,
    ok: [403],
    request: (f, w) => (
      movedDeclaration(f),
      {
        url: `/api/v1/declarations/${pick(f, w, 'inDeclaration', 'outDeclaration')}/return`,
        body: { opinion: '矩阵退回意见' },
      }
    ),
  },
  'POST /api/v1/declarations/:id/accept': {
    hasRecord: true,
    ok: [403],
    request: (f, w) => (
      movedDeclaration(f),
      { url: `/api/v1/declarations/${pick(f, w, 'inDeclaration', 'outDeclaration')}/accept`, body: {} }
    ),
  },
  'GET /api/v1/declarations/:id/receipt': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/declarations/${pick(f, w, 'inAcceptedDeclaration', 'outAcceptedDeclaration')}/receipt`,
    }),
  },
  'GET /api/v1/declarations/import/template': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/declarations/import/template' }),
  },
  'POST /api/v1/declarations/import': {
    hasRecord: false,
    request: () => ({
      url: '/api/v1/declarations/import?dryRun=true',
      multipart: `原申报编号,统一社会信用代码,单位名称,所在地区编码,申报类型,申报日期,受理日期,在册职工总数,接害总人数\r\nM-1,91220000MA00000000,矩阵,220102,初次申报,2020-01-01,2020-01-05,10,5\r\n`,
    }),
  },
  'GET /api/v1/declarations/import/:batchId/errors': {
    hasRecord: true,
    ownerOnly: true,
    request: (f, w) => ({
      url: `/api/v1/declarations/import/${pick(f, w, 'inDeclarationBatch', 'outDeclarationBatch')}/errors`,
    }),
  },
  'GET /api/v1/filings': { hasRecord: false, request: () => ({ url: '/api/v1/filings?pageSize=5' }) },
  'POST /api/v1/filings': {
    hasRecord: false,
    ok: [409],
    request: () => ({ url: '/api/v1/filings', body: {} }),
  },
  'GET /api/v1/filings/:id': {
    hasRecord: true,
    request: (f, w) => ({ url: `/api/v1/filings/${pick(f, w, 'inFiling', 'outFiling')}` }),
  },
  'PUT /api/v1/filings/:id/content': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/filings/${pick(f, w, 'inFiling', 'outFiling')}/content`,
      body: { vehicles: [] },
    }),
  },
  // The matrix uploads a CSV: refused by content (400) in scope, 404 outside (scope is checked first).
  'POST /api/v1/filings/:id/attachments': {
    hasRecord: true,
    ok: [400],
    request: (f, w) => ({
      url: `/api/v1/filings/${pick(f, w, 'inFiling', 'outFiling')}/attachments?kind=other`,
      multipart: 'a,b\r\n',
    }),
  },
  'GET /api/v1/filings/:id/attachments/:attachmentId': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/filings/${pick(f, w, 'inFiling', 'outFiling')}/attachments/${pick(f, w, 'inFilingAttachment', 'outFilingAttachment')}`,
    }),
  },
  'DELETE /api/v1/filings/:id/attachments/:attachmentId': {
    hasRecord: true,
    request: (f, w) => (
      moved(f),
      {
        url: `/api/v1/filings/${pick(f, w, 'inFiling', 'outFiling')}/attachments/${pick(f, w, 'inFilingAttachment', 'outFilingAttachment')}`,
      }
    ),
  },
  'POST /api/v1/filings/:id/submit': {
    hasRecord: true,
    request: (f, w) => (
      moved(f),
      { url: `/api/v1/filings/${pick(f, w, 'inFiling', 'outFiling')}/submit`, body: {} }
    ),
  },
  'POST /api/v1/filings/:id/change': {
    hasRecord: true,
    ok: [409],
    request: (f, w) => ({
      url: `/api/v1/filings/${pick(f, w, 'inFiling', 'outFiling')}/change`,
      body: { reason: '矩阵变更' },
    }),
  },
  'POST /api/v1/filings/:id/cancel': {
    hasRecord: true,
    request: (f, w) => (
      moved(f),
      { url: `/api/v1/filings/${pick(f, w, 'inFiling', 'outFiling')}/cancel`, body: { reason: '矩阵注销' } }
    ),
  },
  'POST /api/v1/filings/:id/return': {
    hasRecord: true,
    ok: [403],
    request: (f, w) => (
      moved(f),
      {
        url: `/api/v1/filings/${pick(f, w, 'inFiling', 'outFiling')}/return`,
        body: { opinion: '矩阵退回意见' },
      }
    ),
  },
  'POST /api/v1/filings/:id/file': {
    hasRecord: true,
    ok: [403],
    request: (f, w) => (
      moved(f),
      { url: `/api/v1/filings/${pick(f, w, 'inFiling', 'outFiling')}/file`, body: {} }
    ),
  },
  'GET /api/v1/filings/:id/receipt': {
    hasRecord: true,
    request: (f, w) => ({ url: `/api/v1/filings/${pick(f, w, 'inFiledFiling', 'outFiledFiling')}/receipt` }),
  },
  // 历史备案导入: the provincial commission imports; a city or county commission holds filings:review
  // and is refused as a whole (403 filing_import_province_only).
  'GET /api/v1/filings/import/template': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/filings/import/template' }),
  },
  'POST /api/v1/filings/import': {
    hasRecord: false,
    ok: [403],
    request: () => ({
      url: '/api/v1/filings/import?dryRun=true',
      multipart: `机构统一社会信用代码,机构名称,备案类型,原备案编号,备案日期\r\n91220000MA00000000,矩阵,职业病诊断,M-1,2020-01-01\r\n`,
    }),
  },
  'GET /api/v1/filings/import/:batchId/errors': {
    hasRecord: true,
    ownerOnly: true,
    request: (f, w) => ({
      url: `/api/v1/filings/import/${pick(f, w, 'inFilingBatch', 'outFilingBatch')}/errors`,
    }),
  },
  // 现场核查: the QC centre or the commission of the institution's province acts; a city or county
  // commission holds verifications:manage but answers 403 verification_province_only in scope (404
  // outside). Completing takes the ready one, rebuilt afterwards.
  'GET /api/v1/verifications': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/verifications?pageSize=5' }),
  },
  'GET /api/v1/verifications/:id': {
    hasRecord: true,
    request: (f, w) => ({ url: `/api/v1/verifications/${pick(f, w, 'inVerification', 'outVerification')}` }),
  },
  'PATCH /api/v1/verifications/:id': {
    hasRecord: true,
    ok: [403],
    request: (f, w) => ({
      url: `/api/v1/verifications/${pick(f, w, 'inVerification', 'outVerification')}`,
      body: { scheduledOn: '2026-02-02', assessors: ['矩阵核查员'] },
    }),
  },
  'PUT /api/v1/verifications/:id/results': {
    hasRecord: true,
    ok: [403],
    request: (f, w) => ({
      url: `/api/v1/verifications/${pick(f, w, 'inVerification', 'outVerification')}/results`,
      body: { items: [{ code: 'P1', result: 'conform' }] },
    }),
  },
  // The matrix uploads a CSV: refused by content (400) in scope for the province, 404 outside.
  'POST /api/v1/verifications/:id/evidence': {
    hasRecord: true,
    ok: [400, 403],
    request: (f, w) => ({
      url: `/api/v1/verifications/${pick(f, w, 'inVerification', 'outVerification')}/evidence?item=P1`,
      multipart: 'a,b\r\n',
    }),
  },
  'GET /api/v1/verifications/:id/evidence/:evidenceId': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/verifications/${pick(f, w, 'inVerification', 'outVerification')}/evidence/${pick(f, w, 'inEvidence', 'outEvidence')}`,
    }),
  },
  'POST /api/v1/verifications/:id/complete': {
    hasRecord: true,
    ok: [403],
    request: (f, w) => (
      staleVerifications.add(f.userId),
      {
        url: `/api/v1/verifications/${pick(f, w, 'inReadyVerification', 'outVerification')}/complete`,
        body: {},
      }
    ),
  },
  // 整改台账: the owning institution answers; the QC centre and the regulators in scope raise, verify,
  // close, reopen and re-check; only a regulator marks 拒不整改 (the QC centre answers 403). A write
  // marks the user's fixtures stale so the next route gets fresh ones. Raising, marking and pairing name
  // an institution in the body (no record in the path): out of scope is a 400 there, covered by the
  // service tests.
  // 用人单位数据库 (employer_census:manage: regulators and support institutions of a region).
  // 用人单位库 (employers:read: an employer itself, regulators and support institutions their region).
  'GET /api/v1/employers': { hasRecord: false, request: () => ({ url: '/api/v1/employers?severe=true' }) },
  'GET /api/v1/employers/export': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/employers/export?tenPlus=true' }),
  },
  'GET /api/v1/employers/:id': {
    hasRecord: true,
    request: (f, w) => ({ url: `/api/v1/employers/${pick(f, w, 'inEmployer', 'outEmployer')}` }),
  },
  'GET /api/v1/employers/:id/versions/export': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/employers/${pick(f, w, 'inEmployer', 'outEmployer')}/versions/export`,
    }),
  },
  'GET /api/v1/employers/:id/versions/:version': {
    hasRecord: true,
    request: (f, w) => ({ url: `/api/v1/employers/${pick(f, w, 'inEmployer', 'outEmployer')}/versions/1` }),
  },
  'PATCH /api/v1/employers/:id': {
    hasRecord: true,
    request: (f, w, n) => ({
      url: `/api/v1/employers/${pick(f, w, 'inEmployer', 'outEmployer')}`,
      body: { reason: '矩阵更正', address: `矩阵路 ${n} 号` },
    }),
  },
  'POST /api/v1/employers/:id/status': {
    hasRecord: true,
    request: (f, w, n) => ({
      url: `/api/v1/employers/${pick(f, w, 'inEmployer', 'outEmployer')}/status`,
      body: { status: 'active', reason: `矩阵 ${n}` },
    }),
  },
  'GET /api/v1/employer-registrations': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/employer-registrations?status=pending' }),
  },
  'GET /api/v1/employer-registrations/export': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/employer-registrations/export?status=pending' }),
  },
  'GET /api/v1/employer-registrations/:id': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/employer-registrations/${pick(f, w, 'inRegistration', 'outRegistration')}`,
    }),
  },
  'POST /api/v1/employer-registrations/:id/approve': {
    hasRecord: true,
    request: (f, w) => (
      employersStale.add(f.userId),
      {
        url: `/api/v1/employer-registrations/${pick(f, w, 'inRegistration', 'outRegistration')}/approve`,
        body: {},
      }
    ),
  },
  'POST /api/v1/employer-registrations/:id/reject': {
    hasRecord: true,
    request: (f, w) => (
      employersStale.add(f.userId),
      {
        url: `/api/v1/employer-registrations/${pick(f, w, 'inRegistration', 'outRegistration')}/reject`,
        body: { opinion: '矩阵退回' },
      }
    ),
  },
  'GET /api/v1/employer-census/lists': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/employer-census/lists' }),
  },
  'GET /api/v1/employer-census/lists/export': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/employer-census/lists/export?format=csv' }),
  },
  'GET /api/v1/employer-census/lists/import/template': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/employer-census/lists/import/template' }),
  },
  'POST /api/v1/employer-census/lists/import': {
    hasRecord: false,
    request: (f, _w, seq) => ({
      url: '/api/v1/employer-census/lists/import?source=other&dryRun=true',
      multipart: `单位名称,所在地区\r\n矩阵名单单位${seq},${f.inRegion}\r\n`,
    }),
  },
  'GET /api/v1/employer-census/lists/import/:batchId/errors': {
    hasRecord: true,
    ownerOnly: true,
    request: (f, w) => ({
      url: `/api/v1/employer-census/lists/import/${pick(f, w, 'inCensusBatch', 'outCensusBatch')}/errors`,
    }),
  },
  'GET /api/v1/employer-census/entries': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/employer-census/entries?pageSize=5' }),
  },
  'GET /api/v1/employer-census/entries/export': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/employer-census/entries/export?status=not_declared' }),
  },
  'POST /api/v1/employer-census/entries/:id/review': {
    hasRecord: true,
    request: (f, w) => (
      censusStale.add(f.userId),
      {
        url: `/api/v1/employer-census/entries/${pick(f, w, 'inCensusEntry', 'outCensusEntry')}/review`,
        body: { decision: 'reject' },
      }
    ),
  },
  'POST /api/v1/employer-census/entries/:id/status': {
    hasRecord: true,
    request: (f, w) => (
      censusStale.add(f.userId),
      {
        url: `/api/v1/employer-census/entries/${pick(f, w, 'inCensusEntry', 'outCensusEntry')}/status`,
        body: { status: 'not_applicable', reason: '矩阵核实无危害' },
      }
    ),
  },
  // The duplicate is merged into the entry (which stays live for the routes after). A merge a role
  // with the whole province in scope already made on the shared out-of-scope records answers 409
  // (census_entry_merged) for the next such role.
  'POST /api/v1/employer-census/entries/:id/merge': {
    hasRecord: true,
    ok: [409],
    request: (f, w) => (
      censusStale.add(f.userId),
      {
        url: `/api/v1/employer-census/entries/${pick(f, w, 'inCensusDuplicate', 'outCensusDuplicate')}/merge`,
        body: { into: Number(pick(f, w, 'inCensusEntry', 'outCensusEntry')) },
      }
    ),
  },
  // The fixture entries are neither merged nor matched: in scope the service answers 409
  // (census_entry_not_merged / census_entry_not_matched) after the access and scope checks this matrix
  // is about; the successful paths are in employer-census.merge.test.ts.
  'POST /api/v1/employer-census/entries/:id/unmerge': {
    hasRecord: true,
    ok: [409],
    request: (f, w) => ({
      url: `/api/v1/employer-census/entries/${pick(f, w, 'inCensusEntry', 'outCensusEntry')}/unmerge`,
      body: { reason: '矩阵拆分' },
    }),
  },
  'POST /api/v1/employer-census/entries/:id/unlink': {
    hasRecord: true,
    ok: [409],
    request: (f, w) => ({
      url: `/api/v1/employer-census/entries/${pick(f, w, 'inCensusEntry', 'outCensusEntry')}/unlink`,
      body: { reason: '矩阵取消关联' },
    }),
  },
  'GET /api/v1/employer-census/follow-ups': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/employer-census/follow-ups?status=overdue' }),
  },
  'GET /api/v1/employer-census/follow-ups/export': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/employer-census/follow-ups/export?status=overdue' }),
  },
  'GET /api/v1/employer-census/follow-ups/assignees': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/employer-census/follow-ups/assignees' }),
  },
  'POST /api/v1/employer-census/follow-ups': {
    hasRecord: true,
    request: (f, w) => (
      censusStale.add(f.userId),
      {
        url: '/api/v1/employer-census/follow-ups',
        body: {
          entryIds: [Number(pick(f, w, 'inCensusEntry', 'outCensusEntry'))],
          assigneeUserId: f.censusAssignee,
          dueOn: '2099-06-30',
        },
      }
    ),
  },
  'POST /api/v1/employer-census/follow-ups/:id/outcome': {
    hasRecord: true,
    request: (f, w) => (
      censusStale.add(f.userId),
      {
        url: `/api/v1/employer-census/follow-ups/${pick(f, w, 'inCensusFollowUp', 'outCensusFollowUp')}/outcome`,
        body: { outcome: 'not_found' },
      }
    ),
  },
  'GET /api/v1/employer-census/snapshots': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/employer-census/snapshots' }),
  },
  // A county may not take one (403 census_snapshot_city_only); a period taken before answers 409.
  'POST /api/v1/employer-census/snapshots': {
    hasRecord: false,
    ok: [403, 409],
    request: () => ({ url: '/api/v1/employer-census/snapshots', body: { period: '2098-H2' } }),
  },
  // A county has no snapshot of its own (snapshots are a city's submission): 404 in scope too.
  'GET /api/v1/employer-census/snapshots/:id/download': {
    hasRecord: true,
    ok: [404],
    request: (f, w) => ({
      url: `/api/v1/employer-census/snapshots/${pick(f, w, 'inCensusSnapshot', 'outCensusSnapshot')}/download`,
    }),
  },
  'GET /api/v1/rectifications/items': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/rectifications/items?pageSize=5' }),
  },
  'GET /api/v1/rectifications/items/:id': {
    hasRecord: true,
    request: (f, w) => ({ url: `/api/v1/rectifications/items/${pick(f, w, 'inRectItem', 'outRectItem')}` }),
  },
  'GET /api/v1/rectifications/rounds/:id': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/rectifications/rounds/${pick(f, w, 'inRectRound', 'outRectRound')}`,
    }),
  },
  'POST /api/v1/rectifications/items': {
    hasRecord: false,
    request: (f) => ({
      url: '/api/v1/rectifications/items',
      body: { institutionId: f.inRectInstitution, title: '矩阵检查发现问题', severity: 'general' },
    }),
  },
  // The matrix uploads a CSV: refused by content (400) for the owner, 403 for anyone else.
  'POST /api/v1/rectifications/items/:id/evidence': {
    hasRecord: true,
    ok: [400, 403],
    request: (f, w) => ({
      url: `/api/v1/rectifications/items/${pick(f, w, 'inRectItem', 'outRectItem')}/evidence`,
      multipart: 'a,b\r\n',
    }),
  },
  'GET /api/v1/rectifications/items/:id/evidence/:evidenceId': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/rectifications/items/${pick(f, w, 'inRectItem', 'outRectItem')}/evidence/${pick(f, w, 'inRectEvidence', 'outRectEvidence')}`,
    }),
  },
  'POST /api/v1/rectifications/items/:id/respond': {
    hasRecord: true,
    ok: [403],
    request: (f, w) => (
      rectStale.add(f.userId),
      {
        url: `/api/v1/rectifications/items/${pick(f, w, 'inRectItem', 'outRectItem')}/respond`,
        body: { statement: '矩阵整改说明' },
      }
    ),
  },
  'POST /api/v1/rectifications/items/:id/verify': {
    hasRecord: true,
    request: (f, w) => (
      rectStale.add(f.userId),
      { url: `/api/v1/rectifications/items/${pick(f, w, 'inRectSubmitted', 'outRectItem')}/verify`, body: {} }
    ),
  },
  'POST /api/v1/rectifications/items/:id/reject': {
    hasRecord: true,
    request: (f, w) => (
      rectStale.add(f.userId),
      {
        url: `/api/v1/rectifications/items/${pick(f, w, 'inRectSubmitted', 'outRectItem')}/reject`,
        body: { opinion: '矩阵退回' },
      }
    ),
  },
  'POST /api/v1/rectifications/items/:id/reopen': {
    hasRecord: true,
    request: (f, w) => (
      rectStale.add(f.userId),
      {
        url: `/api/v1/rectifications/items/${pick(f, w, 'inRectClosed', 'outRectItem')}/reopen`,
        body: { reason: '矩阵重新打开' },
      }
    ),
  },
  'POST /api/v1/rectifications/items/:id/follow-ups': {
    hasRecord: true,
    request: (f, w) => (
      rectStale.add(f.userId),
      {
        url: `/api/v1/rectifications/items/${pick(f, w, 'inRectClosed', 'outRectItem')}/follow-ups`,
        body: { checkedOn: '2026-02-01', checkers: '矩阵检查员', result: 'ok' },
      }
    ),
  },
  'GET /api/v1/rectifications/rates': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/rectifications/rates' }),
  },
  'GET /api/v1/rectifications/refusals': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/rectifications/refusals?all=true' }),
  },
  'POST /api/v1/rectifications/refusals': {
    hasRecord: false,
    ok: [403],
    request: (f) => (
      rectStale.add(f.userId),
      {
        url: '/api/v1/rectifications/refusals',
        body: {
          institutionId: f.inRectInstitution2,
          kind: 'refusing',
          reason: '矩阵认定',
          itemIds: [f.inRectClosed],
        },
      }
    ),
  },
  'POST /api/v1/rectifications/refusals/:id/lift': {
    hasRecord: true,
    ok: [403],
    request: (f, w) => (
      rectStale.add(f.userId),
      {
        url: `/api/v1/rectifications/refusals/${pick(f, w, 'inRefusal', 'outRefusal')}/lift`,
        body: { note: '矩阵解除' },
      }
    ),
  },
  'GET /api/v1/rectifications/pairings': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/rectifications/pairings' }),
  },
  'GET /api/v1/rectifications/pairings/:id': {
    hasRecord: true,
    request: (f, w) => ({ url: `/api/v1/rectifications/pairings/${pick(f, w, 'inPairing', 'outPairing')}` }),
  },
  'POST /api/v1/rectifications/pairings': {
    hasRecord: false,
    request: (f) => ({
      url: '/api/v1/rectifications/pairings',
      body: {
        kind: 'exam',
        leadInstitutionId: f.inRectInstitution,
        assistedInstitutionId: f.inRectInstitution2,
        startsOn: '2026-01-01',
        focus: ['qms'],
      },
    }),
  },
  'PATCH /api/v1/rectifications/pairings/:id': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/rectifications/pairings/${pick(f, w, 'inPairing', 'outPairing')}`,
      body: { note: '矩阵修改' },
    }),
  },
  'POST /api/v1/rectifications/pairings/:id/activities': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/rectifications/pairings/${pick(f, w, 'inPairing', 'outPairing')}/activities`,
      body: { activityOn: '2026-02-01', kind: 'qms', summary: '矩阵帮扶活动' },
    }),
  },
  'POST /api/v1/rectifications/pairings/:id/reports': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/rectifications/pairings/${pick(f, w, 'inPairing', 'outPairing')}/reports`,
      body: { year: 2026, summary: '矩阵年度报告' },
    }),
  },
  // 外出体检告知: only exam institutions draft; the matrix's demo exam institution is not filed, so
  // drafting and submitting answer 422 outbound_not_filed (the service tests cover a filed one). The
  // receiving department acknowledges the notices routed to it.
  'GET /api/v1/outbound-notices': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/outbound-notices?pageSize=5' }),
  },
  'GET /api/v1/outbound-notices/options': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/outbound-notices/options' }),
  },
  'GET /api/v1/outbound-notices/employers': {
    hasRecord: false,
    request: () => ({ url: `/api/v1/outbound-notices/employers?q=${encodeURIComponent('有限公司')}` }),
  },
  'GET /api/v1/outbound-notices/timing': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/outbound-notices/timing?startDate=2026-10-13&noticeDate=2026-09-29' }),
  },
  'POST /api/v1/outbound-notices': {
    hasRecord: false,
    ok: [422],
    request: () => ({ url: '/api/v1/outbound-notices', body: outboundNoticeExample }),
  },
  'GET /api/v1/outbound-notices/:id': {
    hasRecord: true,
    request: (f, w) => ({ url: `/api/v1/outbound-notices/${pick(f, w, 'inNotice', 'outNotice')}` }),
  },
  'PUT /api/v1/outbound-notices/:id': {
    hasRecord: true,
    ok: [422],
    request: (f, w) => ({
      url: `/api/v1/outbound-notices/${pick(f, w, 'inNotice', 'outNotice')}`,
      body: { expectedCount: 20 },
    }),
  },
  'POST /api/v1/outbound-notices/:id/submit': {
    hasRecord: true,
    ok: [422],
    request: (f, w) => ({
      url: `/api/v1/outbound-notices/${pick(f, w, 'inNotice', 'outNotice')}/submit`,
      body: {},
    }),
  },
  'POST /api/v1/outbound-notices/:id/withdraw': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/outbound-notices/${pick(f, w, 'inNotice', 'outNotice')}/withdraw`,
      body: { reason: '矩阵撤回' },
    }),
  },
  'POST /api/v1/outbound-notices/:id/acknowledge': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/outbound-notices/${pick(f, w, 'inNotice', 'outNotice')}/acknowledge`,
      body: { note: '矩阵签收' },
    }),
  },
  // 外出体检设置: whoever reads notices reads its province's setting and delegations (another province:
  // 404); the provincial commission changes them (a city or county regulator_admin: 403, service tests).
  'GET /api/v1/outbound-settings/:province': {
    hasRecord: true,
    request: (f, w) => ({ url: `/api/v1/outbound-settings/${pick(f, w, 'province', 'outProvince')}` }),
  },
  'PUT /api/v1/outbound-settings/:province': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/outbound-settings/${pick(f, w, 'province', 'outProvince')}`,
      body: { ...outboundSettingExample, confidence: 'uncertain' },
    }),
  },
  'GET /api/v1/outbound-settings/:province/delegations': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/outbound-settings/${pick(f, w, 'province', 'outProvince')}/delegations`,
    }),
  },
  'POST /api/v1/outbound-settings/:province/delegations': {
    hasRecord: true,
    request: (f, w) => (
      w === 'in' && f.outboundConfigurer && (delegationFixture = undefined),
      {
        url: `/api/v1/outbound-settings/${pick(f, w, 'province', 'outProvince')}/delegations`,
        body: { countyCode: w === 'in' ? f.freeCounty : '210103', note: '矩阵代管' },
      }
    ),
  },
  'DELETE /api/v1/outbound-settings/:province/delegations/:county': {
    hasRecord: true,
    request: (f, w) => (
      w === 'in' && f.outboundConfigurer && (delegationFixture = undefined),
      {
        url: `/api/v1/outbound-settings/${pick(f, w, 'province', 'outProvince')}/delegations/${pick(f, w, 'delegatedCounty', 'outDelegatedCounty')}`,
      }
    ),
  },
  // 信息公开: only the provincial commission; a city or county commission holds public_lists:publish
  // but answers 403 public_list_province_only (its province's publication) and 404 (another province's).
  // Publishing freezes the filed list the fixtures' filed filings make.
  'GET /api/v1/public-lists': {
    hasRecord: false,
    ok: [403],
    request: () => ({ url: '/api/v1/public-lists' }),
  },
  'GET /api/v1/public-lists/preview/:kind': {
    hasRecord: false,
    ok: [403],
    request: () => ({ url: '/api/v1/public-lists/preview/filed_institutions' }),
  },
  'GET /api/v1/public-lists/publications': {
    hasRecord: false,
    ok: [403],
    request: () => ({ url: '/api/v1/public-lists/publications?pageSize=5' }),
  },
  'POST /api/v1/public-lists/publications': {
    hasRecord: false,
    ok: [403],
    request: () => ({ url: '/api/v1/public-lists/publications', body: { kind: 'filed_institutions' } }),
  },
  'GET /api/v1/public-lists/publications/:id': {
    hasRecord: true,
    ok: [403],
    request: (f, w) => ({
      url: `/api/v1/public-lists/publications/${pick(f, w, 'inPublicList', 'outPublicList')}`,
    }),
  },
  'POST /api/v1/public-lists/publications/:id/withdraw': {
    hasRecord: true,
    ok: [403],
    request: (f, w) => (
      stalePublicLists.add(f.userId),
      {
        url: `/api/v1/public-lists/publications/${pick(f, w, 'inPublicList', 'outPublicList')}/withdraw`,
        body: { reason: '矩阵撤回' },
      }
    ),
  },
  // 质控评估: forms are not scoped (qc:read reads, the provincial QC centre writes); plans are the
  // province's (another province's answers 404); assessments and self-assessments follow the region /
  // organisation scope. Only the QC centre holds qc:manage; an institution fills its own self-assessment.
  'GET /api/v1/qc/templates': { hasRecord: false, request: () => ({ url: '/api/v1/qc/templates' }) },
  'GET /api/v1/qc/templates/:id': { hasRecord: false, request: () => ({ url: '/api/v1/qc/templates/1' }) },
  'POST /api/v1/qc/templates': {
    hasRecord: false,
    request: (_f, _w, seq) => ({
      url: '/api/v1/qc/templates',
      body: { code: `matrix_${seq}`, kind: 'exam', nameZh: '矩阵模板' },
    }),
  },
  'PUT /api/v1/qc/templates/:id': {
    hasRecord: false,
    request: (f) => ({ url: `/api/v1/qc/templates/${f.qcDraftTemplate}`, body: qcTemplateUpdateExample }),
  },
  'POST /api/v1/qc/templates/:id/publish': {
    hasRecord: false,
    request: (f) => (
      f.qcManager && staleQc.add(f.userId),
      { url: `/api/v1/qc/templates/${f.qcDraftTemplate}/publish`, body: {} }
    ),
  },
  'POST /api/v1/qc/templates/:id/retire': {
    hasRecord: false,
    request: (f) => (
      f.qcManager && staleQc.add(f.userId),
      { url: `/api/v1/qc/templates/${f.qcPublishedTemplate}/retire`, body: {} }
    ),
  },
  'GET /api/v1/qc/plans': { hasRecord: false, request: () => ({ url: '/api/v1/qc/plans' }) },
  'POST /api/v1/qc/plans': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/qc/plans', body: { year: 2099 } }),
  },
  'GET /api/v1/qc/plans/:id': {
    hasRecord: true,
    request: (f, w) => ({ url: `/api/v1/qc/plans/${pick(f, w, 'inQcPlan', 'outQcPlan')}` }),
  },
  'POST /api/v1/qc/plans/:id/refresh': {
    hasRecord: true,
    request: (f, w) => ({ url: `/api/v1/qc/plans/${pick(f, w, 'inQcPlan', 'outQcPlan')}/refresh`, body: {} }),
  },
  'POST /api/v1/qc/plans/:id/extra-visits': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/qc/plans/${pick(f, w, 'inQcPlan', 'outQcPlan')}/extra-visits`,
      body: { entryId: Number(pick(f, w, 'inQcEntry', 'outQcEntry')), reason: '矩阵加密' },
    }),
  },
  'PUT /api/v1/qc/plans/:id/complaints': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/qc/plans/${pick(f, w, 'inQcPlan', 'outQcPlan')}/complaints`,
      body: { entryId: Number(pick(f, w, 'inQcEntry', 'outQcEntry')), complaints: 1 },
    }),
  },
  'GET /api/v1/qc/assessments': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/qc/assessments?pageSize=5' }),
  },
  'POST /api/v1/qc/assessments': {
    hasRecord: true,
    request: (f, w) => (
      w === 'in' && f.qcManager && staleQc.add(f.userId),
      {
        url: '/api/v1/qc/assessments',
        body: {
          planEntryId: Number(pick(f, w, 'inQcEntry', 'outQcEntry')),
          scheduledOn: '2026-06-01',
          assessors: ['矩阵专家'],
        },
      }
    ),
  },
  'GET /api/v1/qc/assessments/:id': {
    hasRecord: true,
    request: (f, w) => ({ url: `/api/v1/qc/assessments/${pick(f, w, 'inQcAssessment', 'outQcAssessment')}` }),
  },
  'PUT /api/v1/qc/assessments/:id/scores': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/qc/assessments/${pick(f, w, 'inQcAssessment', 'outQcAssessment')}/scores`,
      body: { items: [{ code: 'Q1', result: 'passed' }] },
    }),
  },
  'PUT /api/v1/qc/assessments/:id/consistency': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/qc/assessments/${pick(f, w, 'inQcAssessment', 'outQcAssessment')}/consistency`,
      body: { staffCount: 3, equipment: [], hazardCodes: ['1038'], venueAreaM2: 580 },
    }),
  },
  'POST /api/v1/qc/assessments/:id/complete': {
    hasRecord: true,
    request: (f, w) => (
      w === 'in' && f.qcManager && staleQc.add(f.userId),
      { url: `/api/v1/qc/assessments/${pick(f, w, 'inQcReady', 'outQcAssessment')}/complete`, body: {} }
    ),
  },
  'POST /api/v1/qc/assessments/:id/report-major': {
    hasRecord: true,
    request: (f, w) => (
      w === 'in' && f.qcManager && staleQc.add(f.userId),
      {
        url: `/api/v1/qc/assessments/${pick(f, w, 'inQcAssessment', 'outQcAssessment')}/report-major`,
        body: { note: '矩阵重大问题' },
      }
    ),
  },
  // The matrix uploads a CSV: refused by content (400) in scope, 404 outside.
  'POST /api/v1/qc/assessments/:id/evidence': {
    hasRecord: true,
    ok: [400],
    request: (f, w) => ({
      url: `/api/v1/qc/assessments/${pick(f, w, 'inQcAssessment', 'outQcAssessment')}/evidence?item=Q1`,
      multipart: 'a,b\r\n',
    }),
  },
  'GET /api/v1/qc/assessments/:id/evidence/:evidenceId': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/qc/assessments/${pick(f, w, 'inQcAssessment', 'outQcAssessment')}/evidence/${pick(f, w, 'inQcEvidence', 'outQcEvidence')}`,
    }),
  },
  // A technical-service institution has no self-assessment form (400 qc_template_not_for_you).
  'POST /api/v1/qc/self-assessments': {
    hasRecord: false,
    ok: [400],
    request: (f) => ({
      url: '/api/v1/qc/self-assessments',
      body: { templateCode: f.qcSelfTemplate, year: 2098 },
    }),
  },
  'PUT /api/v1/qc/self-assessments/:id/scores': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/qc/self-assessments/${pick(f, w, 'inQcSelf', 'outQcSelf')}/scores`,
      body: { items: [{ code: 'G1', result: 'passed' }] },
    }),
  },
  'POST /api/v1/qc/self-assessments/:id/evidence': {
    hasRecord: true,
    ok: [400],
    request: (f, w) => ({
      url: `/api/v1/qc/self-assessments/${pick(f, w, 'inQcSelf', 'outQcSelf')}/evidence?item=G1`,
      multipart: 'a,b\r\n',
    }),
  },
  // The draft has items unanswered: refused naming them (400) in scope.
  'POST /api/v1/qc/self-assessments/:id/submit': {
    hasRecord: true,
    ok: [400],
    request: (f, w) => ({
      url: `/api/v1/qc/self-assessments/${pick(f, w, 'inQcSelf', 'outQcSelf')}/submit`,
      body: {},
    }),
  },
  'POST /api/v1/qc/self-assessments/:id/review': {
    hasRecord: true,
    request: (f, w) => (
      w === 'in' && f.qcManager && staleQc.add(f.userId),
      {
        url: `/api/v1/qc/self-assessments/${pick(f, w, 'inQcSelfSubmitted', 'outQcSelf')}/review`,
        body: { note: '矩阵审阅' },
      }
    ),
  },
  // 设备配置: the catalogue is not scoped (equipment:manage writes, equipment:read reads); a ledger is the
  // institution's own or, for a regulator or the QC centre, an institution's in the region; the region
  // views name a region in scope (an institution: its own region) or one outside it.
  'GET /api/v1/equipment/requirements': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/equipment/requirements?domain=hygiene' }),
  },
  'POST /api/v1/equipment/requirements': {
    hasRecord: false,
    request: (_f, _w, seq) => ({
      url: '/api/v1/equipment/requirements',
      body: {
        institutionKind: 'support_institution',
        level: 'county',
        domain: 'hygiene',
        itemName: `矩阵设备新增${seq}`,
        minQuantity: 1,
        source: '矩阵依据',
        effectiveYear: 2026,
      },
    }),
  },
  'PATCH /api/v1/equipment/requirements/:id': {
    hasRecord: false,
    request: (f) => ({
      url: `/api/v1/equipment/requirements/${f.equipmentRequirement}`,
      body: { minQuantity: 2 },
    }),
  },
  'DELETE /api/v1/equipment/requirements/:id': {
    hasRecord: false,
    request: (f) => ({ url: `/api/v1/equipment/requirements/${f.equipmentRequirement}` }),
  },
  'GET /api/v1/equipment/requirements/import/template': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/equipment/requirements/import/template' }),
  },
  'POST /api/v1/equipment/requirements/import': {
    hasRecord: false,
    request: (_f, _w, seq) => ({
      url: '/api/v1/equipment/requirements/import?dryRun=true',
      multipart: `机构类型,级别,领域,设备名称,最低数量,依据,起始年份\r\n技术支撑机构,县级,职业卫生检测,矩阵导入${seq},1,矩阵依据,2026\r\n`,
    }),
  },
  'GET /api/v1/equipment/requirements/import/:batchId/errors': {
    hasRecord: true,
    ownerOnly: true,
    request: (f, w) => ({
      url: `/api/v1/equipment/requirements/import/${pick(f, w, 'inEquipmentBatch', 'outEquipmentBatch')}/errors`,
    }),
  },
  'GET /api/v1/equipment/institutions': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/equipment/institutions?region=${pick(f, w, 'equipmentRegion', 'outRegion')}`,
    }),
  },
  'GET /api/v1/equipment/institutions/:id': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/equipment/institutions/${pick(f, w, 'inEquipmentOrg', 'outEquipmentOrg')}`,
    }),
  },
  'POST /api/v1/equipment/items': {
    hasRecord: true,
    request: (f, w) => ({
      url: '/api/v1/equipment/items',
      body: {
        institutionId: Number(pick(f, w, 'inEquipmentOrg', 'outEquipmentOrg')),
        name: '矩阵设备',
        quantity: 1,
        domain: 'hygiene',
        status: 'in_service',
      },
    }),
  },
  'PATCH /api/v1/equipment/items/:id': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/equipment/items/${pick(f, w, 'inEquipmentItem', 'outEquipmentItem')}`,
      body: { quantity: 2 },
    }),
  },
  'DELETE /api/v1/equipment/items/:id': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/equipment/items/${pick(f, w, 'inEquipmentItem', 'outEquipmentItem')}`,
    }),
  },
  'GET /api/v1/equipment/compliance': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/equipment/compliance?region=${pick(f, w, 'equipmentRegion', 'outRegion')}`,
    }),
  },
  // 规划目标: regulators and the QC centre, their region (a county regulator its county only).
  'GET /api/v1/coverage': {
    hasRecord: true,
    request: (f, w) => ({ url: `/api/v1/coverage?region=${pick(f, w, 'equipmentRegion', 'outRegion')}` }),
  },
  // 指标与驾驶舱: the regulators' roles, their region (a county regulator its county only).
  ...Object.fromEntries(
    ['overview', 'overview.xlsx', 'todos'].map((p): [string, Case] => [
      `GET /api/v1/indicators/${p}`,
      {
        hasRecord: true,
        request: (f, w) => ({
          url: `/api/v1/indicators/${p}?region=${pick(f, w, 'equipmentRegion', 'outRegion')}`,
        }),
      },
    ]),
  ),
  ...Object.fromEntries(
    ['reports', 'reports.xlsx', 'reports.pdf'].map((p): [string, Case] => [
      `GET /api/v1/indicators/${p}`,
      {
        hasRecord: true,
        request: (f, w) => ({
          url: `/api/v1/indicators/${p}?kind=annual&region=${pick(f, w, 'equipmentRegion', 'outRegion')}`,
        }),
      },
    ]),
  ),
  'GET /api/v1/indicators/catalogue': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/indicators/catalogue' }),
  },
  // 申报调度: read by regulators, the QC centre and the support institution in their region (a county its
  // county only); samplings are the province's (another province's answers 404); drawing and recording
  // are the provincial commission's (a city or county commission: 403 declaration_sampling_province_only);
  // list decisions by any commission for employers in its region.
  ...Object.fromEntries(
    [
      'rates',
      'rates/employers',
      'rates/employers/export',
      'dispatch',
      'dispatch/export',
      'lists',
      'lists/export',
    ].map((p): [string, Case] => [
      `GET /api/v1/declaration-oversight/${p}`,
      {
        hasRecord: true,
        request: (f, w) => ({
          url: `/api/v1/declaration-oversight/${p}?region=${pick(f, w, 'equipmentRegion', 'outRegion')}`,
        }),
      },
    ]),
  ),
  'GET /api/v1/declaration-oversight/samplings': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/declaration-oversight/samplings' }),
  },
  'GET /api/v1/declaration-oversight/samplings/export': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/declaration-oversight/samplings/export' }),
  },
  'POST /api/v1/declaration-oversight/samplings': {
    hasRecord: false,
    ok: [403],
    request: () => ({
      url: '/api/v1/declaration-oversight/samplings',
      body: { year: 2025, perCity: 1, measure: 'all', seed: 'MATRIX' },
    }),
  },
  'GET /api/v1/declaration-oversight/samplings/:id': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/declaration-oversight/samplings/${pick(f, w, 'inDeclSampling', 'outDeclSampling')}`,
    }),
  },
  'GET /api/v1/declaration-oversight/samplings/:id/export': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/declaration-oversight/samplings/${pick(f, w, 'inDeclSampling', 'outDeclSampling')}/export`,
    }),
  },
  'GET /api/v1/declaration-oversight/samplings/:id/verify': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/declaration-oversight/samplings/${pick(f, w, 'inDeclSampling', 'outDeclSampling')}/verify`,
    }),
  },
  'POST /api/v1/declaration-oversight/samplings/:id/checks': {
    hasRecord: true,
    ok: [403],
    request: (f, w) => ({
      url: `/api/v1/declaration-oversight/samplings/${pick(f, w, 'inDeclSampling', 'outDeclSampling')}/checks`,
      body: {
        employerId: Number(pick(f, w, 'inOversightEmployer', 'outDeclSamplingEmployer')),
        declared: false,
        industryAccurate: null,
        sizeAccurate: null,
        factorsAccurate: null,
        note: '矩阵',
      },
    }),
  },
  'POST /api/v1/declaration-oversight/lists/decisions': {
    hasRecord: true,
    request: (f, w) => ({
      url: '/api/v1/declaration-oversight/lists/decisions',
      body: {
        employerId: Number(pick(f, w, 'inOversightEmployer', 'outOversightEmployer')),
        list: 'white',
        action: 'remove',
        reason: '矩阵',
      },
    }),
  },
  // 双随机抽查: read by regulators, the QC centre and the support institution — the draws of their region
  // and of regions containing it (a sibling's answers 404); drawn by any health commission in its region.
  'GET /api/v1/declaration-oversight/inspection-draws': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/declaration-oversight/inspection-draws' }),
  },
  'POST /api/v1/declaration-oversight/inspection-draws': {
    hasRecord: false,
    ok: [403, 422],
    request: () => ({
      url: '/api/v1/declaration-oversight/inspection-draws',
      body: { year: 2026, planned: 1, seed: 'MATRIX' },
    }),
  },
  'GET /api/v1/declaration-oversight/inspection-draws/:id': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/declaration-oversight/inspection-draws/${pick(f, w, 'inInspectionDraw', 'outInspectionDraw')}`,
    }),
  },
  'GET /api/v1/declaration-oversight/inspection-draws/:id/verify': {
    hasRecord: true,
    request: (f, w) => ({
      url: `/api/v1/declaration-oversight/inspection-draws/${pick(f, w, 'inInspectionDraw', 'outInspectionDraw')}/verify`,
    }),
  },
  // The verification of the indicator summaries: platform-wide (no record, no scope).
  'POST /api/v1/indicator-summaries/verifications': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/indicator-summaries/verifications', body: {} }),
  },
  'GET /api/v1/indicator-summaries/verifications': {
    hasRecord: false,
    request: () => ({ url: '/api/v1/indicator-summaries/verifications' }),
  },
  // Every calculator, with its own documented example.
  ...Object.fromEntries(
    calculators.map((c): [string, Case] => [
      `POST /api/v1/standards/${c.id}`,
      { hasRecord: false, request: () => ({ url: `/api/v1/standards/${c.id}`, body: c.example }) },
    ]),
  ),
};

let t: TestContext;
const clients = new Map<string, Client>();
beforeAll(async () => {
  t = await createTestContext();
  // As at start-up (server.ts): every employer organisation's base-database profile (modules/employers).
  await classifyEmployers(t.deps.db);
  for (const u of DEMO_USERS) clients.set(u, await t.login(u));
});
afterAll(async () => t.close());

let seq = 0;
/** A date of its own for each calendar request, far from the real years (a counter of its own: seq grows fast). */
let calendarSeq = 0;
const matrixDate = () =>
  new Date(Date.UTC(2040, 0, 1) + ++calendarSeq * 86_400_000).toISOString().slice(0, 10);
const insertCalendarDay = async () => {
  const day = matrixDate();
  await t.deps.db
    .insertInto('working_calendar_day')
    .values({ day, kind: 'holiday', name: '矩阵', source: '矩阵测试', origin: 'admin' })
    .execute();
  return day;
};
/**
 * 外出体检设置 fixtures, shared by all users (only the provincial commission changes them, and then they
 * are rebuilt): a delegated county of 吉林 to remove, a free one to add, and one delegated in 辽宁.
 */
let delegationFixture: { delegatedCounty: string; freeCounty: string } | undefined;
const delegationsIn = async () => {
  if (delegationFixture) return delegationFixture;
  const taken = new Set(
    (await t.deps.db.selectFrom('outbound_delegation').select('county_code').execute()).map(
      (r) => r.county_code,
    ),
  );
  const free = childrenOf('22')
    .flatMap((city) => childrenOf(city.code))
    .filter((k) => k.level === 'county' && !taken.has(k.code))
    .map((k) => k.code);
  const [delegatedCounty, freeCounty] = [free[0]!, free[1]!];
  await t.deps.db
    .insertInto('outbound_delegation')
    .values([
      { county_code: delegatedCounty, city_code: delegatedCounty.slice(0, 4), note: '矩阵代管' },
      { county_code: '210102', city_code: '2101', note: '矩阵代管（省外）' },
    ])
    .onConflict((oc) => oc.column('county_code').doNothing())
    .execute();
  return (delegationFixture = { delegatedCounty, freeCounty });
};
const insertOrg = (region: string) =>
  buildOrganisation(t.deps, { regionCode: region, name: `矩阵单位${++seq}` });
const insertUser = async (orgIdValue: number, roleKey?: string) =>
  (
    await buildUser(t.deps, {
      organisationId: orgIdValue,
      roleKeys: roleKey ? [roleKey] : [],
      passwordHash: 'x',
    })
  ).id;
const insertBatch = async (userId: number, kind = 'organisation') =>
  (
    await t.deps.db
      .insertInto('import_batch')
      .values({
        kind,
        idempotency_key: `matrix-${++seq}`,
        user_id: userId,
        status: 'done',
        report: '{}',
        error_file: Buffer.from('x'),
      })
      .returning('import_batch_id')
      .executeTakeFirstOrThrow()
  ).import_batch_id;

const insertRole = async () => {
  const key = `matrix_role_${++seq}`;
  await t.deps.db
    .insertInto('role')
    .values({
      role_key: key,
      name_zh: '矩阵角色',
      name_en: 'Matrix role',
      duty: 'business',
      built_in: false,
      permissions: ['catalogues:read'],
    })
    .execute();
  return key;
};

/**
 * The regions just outside an actor's scope, nearest first: a sibling county of the same city and a
 * sibling city of the same province (another province for province-wide scopes); for an
 * organisation-only scope, another organisation in its own county, then one in a sibling city.
 */
const outsideRegions = (region: string, scopeKind: string): string[] => {
  const siblingCity = (code: string) => (code.startsWith('2202') ? '220102' : '220202');
  if (scopeKind === 'organisation') {
    const county = region.length >= 6 ? region.slice(0, 6) : region.length === 4 ? `${region}02` : '220102';
    return [county, siblingCity(county)];
  }
  if (region.length === 2) return ['210102'];
  if (region.length === 4) return [siblingCity(region), '210102'];
  const county = region.slice(0, 6);
  return [county === '220103' ? '220102' : '220103', siblingCity(county)];
};

/**
 * A card in `region`: for an exam institution its own (in) or another institution's (out); for an
 * employer one naming it (in) or another employer (out); for everyone else a card of a demo
 * institution, awaiting the actor's review level.
 */
const cardFor = async (
  actor: Actor,
  region: string,
  mine: boolean,
  worker?: ReturnType<typeof buildWorker>,
): Promise<number> => {
  const other = await t.deps.db
    .selectFrom('organisation')
    .select('organisation_id')
    .where('kind', '=', 'exam_institution')
    .where('organisation_id', '<>', actor.organisationId)
    .orderBy('organisation_id')
    .executeTakeFirstOrThrow();
  const own = await t.deps.db
    .selectFrom('organisation')
    .select('credit_code')
    .where('organisation_id', '=', actor.organisationId)
    .executeTakeFirstOrThrow();
  return buildStoredCard(t.deps, {
    institutionId:
      actor.organisationKind === 'exam_institution' && mine ? actor.organisationId : other.organisation_id,
    regionCode: region,
    employerCreditCode: actor.organisationKind === 'employer' && mine ? own.credit_code! : undefined,
    auditStatus: awaitingStatus(actor.regionCode),
    worker,
  });
};

/** The worker of a card of its own, in or out of the actor's scope (see cardFor). */
const workerFor = async (actor: Actor, region: string, mine: boolean): Promise<number> => {
  const cardId = await cardFor(actor, region, mine, buildWorker());
  return (
    await t.deps.db
      .selectFrom('exam_card')
      .select('worker_id')
      .where('exam_card_id', '=', cardId)
      .executeTakeFirstOrThrow()
  ).worker_id;
};

/**
 * One token of the actor's own organisation per actor (the revoke case revokes it once), so that the
 * organisation stays under its cap of live tokens for the create case.
 */
const ownTokens = new Map<number, number>();
const ownToken = async (organisationId: number, userId: number): Promise<number> => {
  if (!ownTokens.has(userId))
    ownTokens.set(userId, (await buildApiToken(t.deps, { organisationId, createdBy: userId })).id);
  return ownTokens.get(userId)!;
};

/**
 * Documents, one per actor and place (each fixture building three would slow every route's case): the
 * GET routes only read them and the revoke case revokes the in-scope one once per actor; the
 * out-of-scope ones are never revoked (404).
 */
const documents = new Map<string, number>();
const documentOf = async (key: string, organisationId: number, userId: number): Promise<number> => {
  if (!documents.has(key)) documents.set(key, (await buildDocument(t.deps, { organisationId, userId })).id);
  return documents.get(key)!;
};

type Outside = Pick<
  Fixture,
  | 'outOrg'
  | 'outUser'
  | 'outSession'
  | 'outBatch'
  | 'outSheetBatch'
  | 'outEmptyOrg'
  | 'outCard'
  | 'outWorker'
  | 'outCase'
  | 'outReport'
  | 'outToken'
  | 'outSample'
  | 'outDocument'
  | 'outNotification'
  | 'outCalendarBatch'
  | 'outFilingBatch'
  | 'outDeclaration'
  | 'outAcceptedDeclaration'
  | 'outDeclarationBatch'
  | 'outFiling'
  | 'outFiledFiling'
  | 'outFilingAttachment'
  | 'outVerification'
  | 'outEvidence'
  | 'outNotice'
  | 'outEquipmentOrg'
  | 'outEquipmentItem'
  | 'outEquipmentBatch'
  | 'outRegion'
  | 'outOversightEmployer'
  | 'outDeclSampling'
  | 'outDeclSamplingEmployer'
  | 'outInspectionDraw'
  | 'outRectItem'
  | 'outRectEvidence'
  | 'outRectRound'
  | 'outRefusal'
  | 'outPairing'
  | 'outQcPlan'
  | 'outQcEntry'
  | 'outQcAssessment'
  | 'outQcEvidence'
  | 'outQcSelf'
  | 'outCensusEntry'
  | 'outCensusDuplicate'
  | 'outCensusFollowUp'
  | 'outCensusSnapshot'
  | 'outCensusBatch'
  | 'outEmployer'
  | 'outRegistration'
>;

const caseOfCard = async (cardId: number): Promise<number> =>
  (
    await t.deps.db
      .selectFrom('suspected_case')
      .select('suspected_case_id')
      .where('exam_card_id', '=', cardId)
      .executeTakeFirstOrThrow()
  ).suspected_case_id;

/**
 * A diagnosis report in `region`: for a diagnosis institution its own (in) or another institution's
 * (out); for an employer one naming it (in) or another employer (out); for everyone else one of a
 * diagnosis institution of the demo province.
 */
const reportFor = async (actor: Actor, region: string, mine: boolean) => {
  const own = await t.deps.db
    .selectFrom('organisation')
    .select('credit_code')
    .where('organisation_id', '=', actor.organisationId)
    .executeTakeFirstOrThrow();
  const institutionId =
    actor.organisationKind === 'diagnosis_institution' && mine
      ? actor.organisationId
      : await buildOrganisation(t.deps, { kind: 'diagnosis_institution', regionCode: region });
  const recordId = `matrix-report-${++seq}`;
  const id = await buildDiagnosisReport(t.deps, {
    institutionId,
    regionCode: region,
    employerCreditCode: actor.organisationKind === 'employer' && mine ? own.credit_code! : undefined,
    patch: (r) => (r.recordId = recordId),
  });
  return { id, recordId };
};

const caseEventOf = (actor: Actor): string =>
  actor.organisationKind === 'exam_institution'
    ? 'employer_notified'
    : actor.organisationKind === 'employer'
      ? 'referred'
      : 'excluded';

/** The area a sample drawn by this actor covers: its business region scope, else its own region. */
const sampleRegionOf = (actor: Actor): string => {
  const scope = scopeOf(actor, 'business');
  return scope.kind === 'region' ? scope.prefix : actor.regionCode;
};

/** The review state a card awaiting this actor's level has (county 02, city 03, province 05). */
const awaitingStatus = (region: string) => (region.length === 2 ? '05' : region.length === 4 ? '03' : '02');

/**
 * Filing fixtures, built once per user and rebuilt after a filings write moved them (the write cases mark
 * the user's as stale): an institution's own filing (it has one live filing), or a submitted one of an
 * institution in the region for everyone else; a filed one with its receipt. The ones outside are never
 * changed (their requests answer 404) and are kept per region.
 */
const filingCache = new Map<number, Pick<Fixture, 'inFiling' | 'inFiledFiling' | 'inFilingAttachment'>>();
const staleFilings = new Set<number>();
const filingsIn = async (actor: Actor, region: string, userId: number) => {
  const cached = filingCache.get(userId);
  if (cached && !staleFilings.has(userId)) return cached;
  staleFilings.delete(userId);
  const own = ['exam_institution', 'diagnosis_institution', 'service_institution'].includes(
    actor.organisationKind,
  );
  const institutionId = own
    ? actor.organisationId
    : await buildOrganisation(t.deps, { kind: 'exam_institution', regionCode: region });
  const filed = await buildFiling(t.deps, { institutionId, status: own ? 'cancelled' : 'filed' });
  const live = await buildFiling(t.deps, {
    institutionId: own
      ? institutionId
      : await buildOrganisation(t.deps, { kind: 'exam_institution', regionCode: region }),
    status: own ? 'draft' : 'submitted',
  });
  const f = { inFiling: live.id, inFilingAttachment: live.attachmentId, inFiledFiling: filed.id };
  filingCache.set(userId, f);
  return f;
};
const filingOutCache = new Map<
  string,
  Pick<Fixture, 'outFiling' | 'outFiledFiling' | 'outFilingAttachment'>
>();
const filingsOut = async (region: string) => {
  const cached = filingOutCache.get(region);
  if (cached) return cached;
  const live = await buildFiling(t.deps, {
    institutionId: await buildOrganisation(t.deps, { kind: 'exam_institution', regionCode: region }),
    status: 'submitted',
  });
  const filed = await buildFiling(t.deps, {
    institutionId: await buildOrganisation(t.deps, { kind: 'exam_institution', regionCode: region }),
    status: 'filed',
  });
  const f = { outFiling: live.id, outFilingAttachment: live.attachmentId, outFiledFiling: filed.id };
  filingOutCache.set(region, f);
  return f;
};
/** A filings write moves the user's in-scope filing: rebuild it for the next route. */
const moved = (f: Fixture) => {
  staleFilings.add(f.userId);
};

/**
 * Declaration fixtures per user (rebuilt after a write moved them) and per outside region (never changed):
 * an employer's own draft and accepted declaration, or for everyone else an employer of the region's.
 */
const declarationCache = new Map<number, Pick<Fixture, 'inDeclaration' | 'inAcceptedDeclaration'>>();
const staleDeclarations = new Set<number>();
const declarationsIn = async (actor: Actor, region: string, userId: number) => {
  const cached = declarationCache.get(userId);
  if (cached && !staleDeclarations.has(userId)) return cached;
  staleDeclarations.delete(userId);
  const own = actor.organisationKind === 'employer';
  const employer = own
    ? actor.organisationId
    : await buildOrganisation(t.deps, { kind: 'employer', regionCode: region });
  const f = {
    inAcceptedDeclaration: await buildDeclaration(t.deps, { employerId: employer, status: 'accepted' }),
    inDeclaration: await buildDeclaration(t.deps, {
      employerId: employer,
      status: own ? 'draft' : 'submitted',
    }),
  };
  declarationCache.set(userId, f);
  return f;
};
const declarationOutCache = new Map<string, Pick<Fixture, 'outDeclaration' | 'outAcceptedDeclaration'>>();
const declarationsOut = async (region: string) => {
  const cached = declarationOutCache.get(region);
  if (cached) return cached;
  const employer = await buildOrganisation(t.deps, { kind: 'employer', regionCode: region });
  const f = {
    outAcceptedDeclaration: await buildDeclaration(t.deps, { employerId: employer, status: 'accepted' }),
    outDeclaration: await buildDeclaration(t.deps, { employerId: employer, status: 'submitted' }),
  };
  declarationOutCache.set(region, f);
  return f;
};
const movedDeclaration = (f: Fixture) => {
  staleDeclarations.add(f.userId);
};

/** Verification fixtures per user (rebuilt after a complete) and per outside region (never changed). */
const verificationCache = new Map<
  number,
  Pick<Fixture, 'inVerification' | 'inReadyVerification' | 'inEvidence'>
>();
const staleVerifications = new Set<number>();
const verificationsIn = async (actor: Actor, region: string, userId: number) => {
  const cached = verificationCache.get(userId);
  if (cached && !staleVerifications.has(userId)) return cached;
  staleVerifications.delete(userId);
  const own = scopeOf(actor, 'business').kind === 'organisation';
  const institution = async () =>
    own
      ? actor.organisationId
      : await buildOrganisation(t.deps, { kind: 'exam_institution', regionCode: region });
  const scheduled = cached
    ? { id: cached.inVerification, evidenceId: cached.inEvidence }
    : await buildVerification(t.deps, {
        institutionId: await institution(),
        filing: 'cancelled',
        scheduled: true,
      });
  const f = {
    inVerification: scheduled.id,
    inEvidence: scheduled.evidenceId,
    inReadyVerification: (
      await buildVerification(t.deps, {
        institutionId: await institution(),
        filing: 'cancelled',
        recorded: true,
      })
    ).id,
  };
  verificationCache.set(userId, f);
  return f;
};
const verificationOutCache = new Map<string, Pick<Fixture, 'outVerification' | 'outEvidence'>>();
const verificationOut = async (region: string) => {
  if (!verificationOutCache.has(region)) {
    const v = await buildVerification(t.deps, {
      institutionId: await buildOrganisation(t.deps, { kind: 'exam_institution', regionCode: region }),
      scheduled: true,
    });
    verificationOutCache.set(region, { outVerification: v.id, outEvidence: v.evidenceId });
  }
  return verificationOutCache.get(region)!;
};

/** 质控评估 fixtures per user (rebuilt after a write that moves them) and per outside region (never changed). */
type QcIn = Pick<
  Fixture,
  | 'inQcPlan'
  | 'inQcEntry'
  | 'inQcAssessment'
  | 'inQcReady'
  | 'inQcEvidence'
  | 'inQcSelf'
  | 'inQcSelfSubmitted'
  | 'qcDraftTemplate'
  | 'qcPublishedTemplate'
  | 'qcSelfTemplate'
  | 'qcManager'
>;
const qcCache = new Map<number, QcIn>();
const staleQc = new Set<number>();
const qcSelfTemplates: Record<string, string> = {
  exam_institution: 'exam',
  diagnosis_institution: 'diagnosis',
  support_institution: 'support_monitoring',
  rehab_station: 'rehab_nine',
};
const qcIn = async (actor: Actor, region: string, userId: number): Promise<QcIn> => {
  const cached = qcCache.get(userId);
  if (cached && !staleQc.has(userId)) return cached;
  staleQc.delete(userId);
  const own = scopeOf(actor, 'business').kind === 'organisation';
  const institution = async () =>
    own
      ? actor.organisationId
      : await buildOrganisation(t.deps, { kind: 'exam_institution', regionCode: region });
  // The entry to schedule: an institution with a live filed filing (an institution's own is never
  // scheduled in the matrix: it holds no qc:manage).
  const entryInstitution = await institution();
  if (!own) await buildFiling(t.deps, { institutionId: entryInstitution, status: 'filed' });
  const plan = await buildQcPlan(t.deps, {
    provinceCode: actor.regionCode.slice(0, 2),
    institutionIds: [entryInstitution],
  });
  const scheduled = await buildQcAssessment(t.deps, {
    institutionId: await institution(),
    state: 'scheduled',
  });
  const f: QcIn = {
    inQcPlan: plan.id,
    inQcEntry: plan.entryIds[0]!,
    inQcAssessment: scheduled.id,
    inQcEvidence: scheduled.evidenceId,
    inQcReady: (await buildQcAssessment(t.deps, { institutionId: await institution(), state: 'ready' })).id,
    inQcSelf: (
      await buildQcAssessment(t.deps, {
        institutionId: actor.permissions.has('qc:self_assess') ? actor.organisationId : await institution(),
        state: 'draft',
      })
    ).id,
    inQcSelfSubmitted: (
      await buildQcAssessment(t.deps, { institutionId: await institution(), state: 'submitted' })
    ).id,
    qcDraftTemplate: await buildQcTemplate(t.deps),
    qcPublishedTemplate: await buildQcTemplate(t.deps, { published: true }),
    qcSelfTemplate: qcSelfTemplates[actor.organisationKind] ?? 'exam',
    qcManager: actor.permissions.has('qc:manage'),
  };
  qcCache.set(userId, f);
  return f;
};
type QcOut = Pick<Fixture, 'outQcPlan' | 'outQcEntry' | 'outQcAssessment' | 'outQcEvidence' | 'outQcSelf'>;
const qcOutCache = new Map<string, QcOut>();
let otherProvinceQcPlan: number | undefined;
const qcOut = async (region: string): Promise<QcOut> => {
  otherProvinceQcPlan ??= (await buildQcPlan(t.deps, { provinceCode: '21' })).id;
  if (!qcOutCache.has(region)) {
    const institution = () => buildOrganisation(t.deps, { kind: 'exam_institution', regionCode: region });
    const entry = (await buildQcPlan(t.deps, { provinceCode: '21', institutionIds: [await institution()] }))
      .entryIds[0]!;
    const a = await buildQcAssessment(t.deps, { institutionId: await institution(), state: 'scheduled' });
    qcOutCache.set(region, {
      outQcPlan: otherProvinceQcPlan,
      outQcEntry: entry,
      outQcAssessment: a.id,
      outQcEvidence: a.evidenceId,
      outQcSelf: (await buildQcAssessment(t.deps, { institutionId: await institution(), state: 'draft' })).id,
    });
  }
  return qcOutCache.get(region)!;
};

/** Publications per user (rebuilt after a withdraw) and one of another province (never changed). */
const publicListCache = new Map<number, number>();
const stalePublicLists = new Set<number>();
let otherProvincePublicList: number | undefined;
const publicListsOf = async (actor: Actor, userId: number) => {
  if (!publicListCache.has(userId) || stalePublicLists.has(userId)) {
    stalePublicLists.delete(userId);
    publicListCache.set(
      userId,
      await buildPublicList(t.deps, {
        provinceCode: actor.regionCode.slice(0, 2) || '22',
        publisherOrganisationId: actor.organisationId,
      }),
    );
  }
  otherProvincePublicList ??= await buildPublicList(t.deps, {
    provinceCode: '21',
    publisherOrganisationId: await buildOrganisation(t.deps, { kind: 'health_commission', regionCode: '21' }),
  });
  return { inPublicList: publicListCache.get(userId)!, outPublicList: otherProvincePublicList };
};

/** 整改台账 fixtures per user (rebuilt after a write) and per outside region (never changed). */
type RectIn = Pick<
  Fixture,
  | 'inRectItem'
  | 'inRectSubmitted'
  | 'inRectClosed'
  | 'inRectEvidence'
  | 'inRectRound'
  | 'inRefusal'
  | 'inPairing'
  | 'inRectInstitution'
  | 'inRectInstitution2'
>;
const rectCache = new Map<number, RectIn>();
const rectStale = new Set<number>();
/** Kinds whose staff answer their own items (rectifications:respond). */
const RECT_OWN_KINDS = [
  'exam_institution',
  'diagnosis_institution',
  'service_institution',
  'rehab_station',
  'support_institution',
];
const rectificationsIn = async (actor: Actor, region: string, userId: number): Promise<RectIn> => {
  const cached = rectCache.get(userId);
  if (cached && !rectStale.has(userId)) return cached;
  rectStale.delete(userId);
  const own = RECT_OWN_KINDS.includes(actor.organisationKind);
  const exam = () => buildOrganisation(t.deps, { kind: 'exam_institution', regionCode: region });
  // The items' institution: the actor's own, else an exam institution of the region (the one the
  // refusal case marks, naming its closed item: it has no standing mark).
  const institution = own ? actor.organisationId : await exam();
  const open = await buildRectification(t.deps, { institutionId: institution });
  const closed = await buildRectification(t.deps, { institutionId: institution, status: 'closed' });
  // The standing mark the lift case lifts: of another institution of the region, or the actor's own
  // (one standing mark per institution: an earlier one is lifted first).
  const marked = own ? actor.organisationId : await exam();
  await t.deps.db
    .updateTable('rectification_refusal')
    .set({ lifted_on: '2026-01-21', lift_note: 'matrix' })
    .where('institution_id', '=', marked)
    .where('lifted_on', 'is', null)
    .execute();
  const markedItem = await buildRectification(t.deps, { institutionId: marked, status: 'closed' });
  const f: RectIn = {
    inRectItem: open.id,
    inRectEvidence: open.evidenceId,
    inRectRound: open.roundId,
    inRectSubmitted: (await buildRectification(t.deps, { institutionId: institution, status: 'submitted' }))
      .id,
    inRectClosed: closed.id,
    inRefusal: await buildRefusal(t.deps, { institutionId: marked, itemId: markedItem.id }),
    inPairing: await buildPairing(t.deps, {
      leadInstitutionId: await exam(),
      assistedInstitutionId: institution,
    }),
    inRectInstitution: await exam(),
    inRectInstitution2: institution,
  };
  rectCache.set(userId, f);
  return f;
};
const rectOutCache = new Map<
  string,
  Pick<Fixture, 'outRectItem' | 'outRectEvidence' | 'outRectRound' | 'outRefusal' | 'outPairing'>
>();
const rectificationsOut = async (region: string) => {
  if (!rectOutCache.has(region)) {
    const exam = () => buildOrganisation(t.deps, { kind: 'exam_institution', regionCode: region });
    const institution = await exam();
    const item = await buildRectification(t.deps, { institutionId: institution });
    rectOutCache.set(region, {
      outRectItem: item.id,
      outRectEvidence: item.evidenceId,
      outRectRound: item.roundId,
      outRefusal: await buildRefusal(t.deps, { institutionId: institution, itemId: item.id }),
      outPairing: await buildPairing(t.deps, {
        leadInstitutionId: await exam(),
        assistedInstitutionId: institution,
      }),
    });
  }
  return rectOutCache.get(region)!;
};

/** A ledger item of the institution (inserted as the ledger's writes insert it). */
const insertEquipmentItem = async (institutionId: number) =>
  (
    await t.deps.db
      .insertInto('equipment_item')
      .values({ institution_id: institutionId, name: '矩阵设备', quantity: 1, domain: 'hygiene' })
      .returning('equipment_item_id')
      .executeTakeFirstOrThrow()
  ).equipment_item_id;

/** 设备配置 fixtures in scope: the institution whose ledger the actor keeps or reads, its item, a catalogue row. */
const equipmentIn = async (actor: Actor, inRegion: string, userId: number) => {
  const scope = scopeOf(actor, 'business');
  const own =
    scope.kind === 'organisation' ||
    ['support_institution', 'service_institution'].includes(actor.organisationKind);
  const inEquipmentOrg = own
    ? actor.organisationId
    : await buildOrganisation(t.deps, { kind: 'support_institution', regionCode: inRegion });
  return {
    inEquipmentOrg,
    inEquipmentItem: await insertEquipmentItem(inEquipmentOrg),
    equipmentRequirement: (
      await t.deps.db
        .insertInto('equipment_requirement')
        .values({
          institution_kind: 'support_institution',
          level: 'county',
          domain: 'hygiene',
          item_name: `矩阵设备${++seq}`,
          min_quantity: 1,
          source: '矩阵依据',
          effective_year: 2026,
          note: null,
        })
        .returning('equipment_requirement_id')
        .executeTakeFirstOrThrow()
    ).equipment_requirement_id,
    inEquipmentBatch: await insertBatch(userId, 'equipment_requirement'),
    equipmentRegion: scope.kind === 'organisation' ? actor.regionCode.slice(0, 6) : inRegion,
  };
};

/** 用人单位数据库 fixtures per user (rebuilt after a write) and per outside region. */
type CensusIn = Pick<
  Fixture,
  | 'inCensusEntry'
  | 'inCensusDuplicate'
  | 'inCensusFollowUp'
  | 'censusAssignee'
  | 'inCensusSnapshot'
  | 'inCensusBatch'
>;
const censusCache = new Map<number, CensusIn>();
const censusStale = new Set<number>();
const censusCounty = (r: string) => (r.length === 2 ? `${r}0102` : r.length === 4 ? `${r}02` : r.slice(0, 6));
const censusAssigneeOf = new Map<string, number>();
const censusIn = async (inRegion: string, userId: number): Promise<CensusIn> => {
  const cached = censusCache.get(userId);
  if (cached && !censusStale.has(userId)) return cached;
  censusStale.delete(userId);
  const county = censusCounty(inRegion);
  if (!censusAssigneeOf.has(county)) {
    const org = await buildOrganisation(t.deps, { kind: 'health_commission', regionCode: county });
    const assignee = await buildUser(t.deps, { organisationId: org, roleKeys: ['regulator'] });
    censusAssigneeOf.set(county, assignee.id);
  }
  const followed = await buildCensusEntry(t.deps, { regionCode: county, userId });
  const f: CensusIn = {
    inCensusEntry: await buildCensusEntry(t.deps, { regionCode: county, userId }),
    inCensusDuplicate: await buildCensusEntry(t.deps, { regionCode: county, userId }),
    inCensusFollowUp: await buildCensusFollowUp(t.deps, {
      entryId: followed,
      regionCode: county,
      assigneeUserId: userId,
    }),
    censusAssignee: censusAssigneeOf.get(county)!,
    inCensusSnapshot: await buildCensusSnapshot(t.deps, { cityCode: county.slice(0, 4) }),
    inCensusBatch: await insertBatch(userId, 'census_list'),
  };
  censusCache.set(userId, f);
  return f;
};
const censusOutCache = new Map<
  string,
  Pick<Fixture, 'outCensusEntry' | 'outCensusDuplicate' | 'outCensusFollowUp' | 'outCensusSnapshot'>
>();
const censusOut = async (r: string, outUser: number) => {
  if (!censusOutCache.has(r)) {
    const county = censusCounty(r);
    const entry = await buildCensusEntry(t.deps, { regionCode: county, userId: outUser });
    censusOutCache.set(r, {
      outCensusEntry: entry,
      outCensusDuplicate: await buildCensusEntry(t.deps, { regionCode: county, userId: outUser }),
      outCensusFollowUp: await buildCensusFollowUp(t.deps, {
        entryId: entry,
        regionCode: county,
        assigneeUserId: outUser,
      }),
      outCensusSnapshot: await buildCensusSnapshot(t.deps, {
        cityCode: r.length >= 4 ? r.slice(0, 4) : `${r}01`,
      }),
    });
  }
  return { ...censusOutCache.get(r)!, outCensusBatch: await insertBatch(outUser, 'census_list') };
};

/** 用人单位库 fixtures per user (the registration rebuilt after a review) and per outside region. */
const employersCache = new Map<number, Pick<Fixture, 'inEmployer' | 'inRegistration'>>();
const employersStale = new Set<number>();
const employersIn = async (actor: Actor, inRegion: string, userId: number) => {
  const cached = employersCache.get(userId);
  if (cached && !employersStale.has(userId)) return cached;
  employersStale.delete(userId);
  const f = {
    inEmployer:
      cached?.inEmployer ??
      (actor.organisationKind === 'employer'
        ? actor.organisationId
        : await buildEmployer(t.deps, { regionCode: inRegion })),
    inRegistration: await buildEmployerRegistration(t.deps, { regionCode: censusCounty(inRegion) }),
  };
  employersCache.set(userId, f);
  return f;
};
const employersOutCache = new Map<string, Pick<Fixture, 'outEmployer' | 'outRegistration'>>();
const employersOut = async (r: string) => {
  if (!employersOutCache.has(r))
    employersOutCache.set(r, {
      outEmployer: await buildEmployer(t.deps, { regionCode: censusCounty(r) }),
      outRegistration: await buildEmployerRegistration(t.deps, { regionCode: censusCounty(r) }),
    });
  // A review moves the outside registration only when it was refused; rebuilt if it was not pending.
  return employersOutCache.get(r)!;
};

/**
 * Fresh records per request, so a delete or a role change never affects the next case: one fixture per
 * region just outside the scope, sharing the in-scope records.
 */
/** 申报调度 fixtures, once per actor and region (the routes only read them or write idempotently). */
const oversightFixtures = new Map<string, Record<string, number>>();
const oversightIn = async (actor: Actor, region: string, userId: number) => {
  const key = `in:${userId}:${region}`;
  if (!oversightFixtures.has(key)) {
    const employer = await buildOrganisation(t.deps, { kind: 'employer', regionCode: region });
    oversightFixtures.set(key, {
      inOversightEmployer: employer,
      inDeclSampling: await buildDeclarationSampling(t.deps, {
        provinceCode: actor.regionCode.slice(0, 2),
        organisationId: actor.organisationId,
        userId,
        employerId: employer,
        cityCode: region.slice(0, 4),
      }),
      inInspectionDraw: await buildInspectionDraw(t.deps, {
        regionCode: region.slice(0, 6),
        organisationId: actor.organisationId,
        userId,
        employerId: employer,
      }),
    });
  }
  return oversightFixtures.get(key) as Pick<
    Fixture,
    'inOversightEmployer' | 'inDeclSampling' | 'inInspectionDraw'
  >;
};
const oversightOut = async (r: string) => {
  const key = `out:${r}`;
  if (!oversightFixtures.has(key)) {
    const employer = await buildOrganisation(t.deps, { kind: 'employer', regionCode: r });
    const other = await buildOrganisation(t.deps, { kind: 'employer', regionCode: '210102' });
    const commission = await buildOrganisation(t.deps, { kind: 'health_commission', regionCode: '21' });
    const user = await buildUser(t.deps, { organisationId: commission });
    oversightFixtures.set(key, {
      outOversightEmployer: employer,
      outDeclSamplingEmployer: other,
      outDeclSampling: await buildDeclarationSampling(t.deps, {
        provinceCode: '21',
        organisationId: commission,
        userId: user.id,
        employerId: other,
        cityCode: '2101',
      }),
      // A draw of the region just outside (a sibling county or city): neither inside the actor's scope
      // nor containing it.
      outInspectionDraw: await buildInspectionDraw(t.deps, {
        regionCode: r.slice(0, 6),
        organisationId: commission,
        userId: user.id,
        employerId: employer,
      }),
    });
  }
  return oversightFixtures.get(key) as Pick<
    Fixture,
    'outOversightEmployer' | 'outDeclSampling' | 'outDeclSamplingEmployer' | 'outInspectionDraw'
  >;
};

const fixturesFor = async (username: string): Promise<Fixture[]> => {
  const u = await t.deps.db
    .selectFrom('app_user')
    .select(['user_id'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const loaded = (await loadActor(t.deps.db, u.user_id))!;
  const scope = scopeOf(loaded.actor, 'administration');
  const region = loaded.actor.regionCode;
  const inRegion = region.length === 2 ? '220102' : region.length === 4 ? `${region}02` : region.slice(0, 6);
  const inOrg = scope.kind === 'organisation' ? loaded.actor.organisationId : await insertOrg(inRegion);
  const securityAdmin = loaded.actor.duties.has('security_admin');
  const userRole = securityAdmin ? 'audit_admin' : undefined;
  const inUser = await insertUser(inOrg, userRole);
  const base = {
    userId: u.user_id,
    scopeAll: scope.kind === 'all',
    inOrg,
    inUser,
    inSession: await buildSession(t.deps, inUser),
    inBatch: await insertBatch(u.user_id),
    inSheetBatch: await insertBatch(u.user_id, 'exam_card_sheet'),
    inCalendarBatch: await insertBatch(u.user_id, 'calendar_day'),
    inFilingBatch: await insertBatch(u.user_id, 'filing'),
    inDeclarationBatch: await insertBatch(u.user_id, 'declaration'),
    calendarDay: await insertCalendarDay(),
    inRegion,
    securityAdmin,
    inEmptyOrg: scope.kind === 'organisation' ? loaded.actor.organisationId : await insertOrg(inRegion),
    customRole: await insertRole(),
    inCard: await cardFor(loaded.actor, inRegion, true),
    inWorker: await workerFor(loaded.actor, inRegion, true),
    caseEvent: caseEventOf(loaded.actor),
    inToken: await ownToken(loaded.actor.organisationId, u.user_id),
    tokenScope:
      loaded.actor.organisationKind === 'diagnosis_institution'
        ? 'diagnosis_reports:read'
        : 'exam_reports:read',
  };
  const inCase = await caseOfCard(base.inCard);
  const inSample = await buildSample(t.deps, {
    organisationId: loaded.actor.organisationId,
    userId: u.user_id,
    regionCode: sampleRegionOf(loaded.actor),
    cardIds: [base.inCard],
  });
  const inReport = await reportFor(loaded.actor, inRegion, true);
  const inNotification = await buildNotification(t.deps, { organisationId: loaded.actor.organisationId });
  const filings = await filingsIn(loaded.actor, inRegion, u.user_id);
  const ownNotices = loaded.actor.organisationKind === 'exam_institution';
  const inNotice = await buildOutboundNotice(t.deps, {
    institutionId: ownNotices ? loaded.actor.organisationId : inOrg,
    employerRegionCode: inRegion,
    status: ownNotices ? 'draft' : 'submitted',
    receivingOrganisationId: loaded.actor.organisationId,
  });
  const outside = async (r: string): Promise<Outside> => {
    const outCard = await cardFor(loaded.actor, r, false);
    const outOrg = await insertOrg(r);
    const outUser = await insertUser(outOrg, userRole);
    return {
      outOrg,
      outUser,
      outSession: await buildSession(t.deps, outUser),
      outBatch: await insertBatch(outUser),
      outSheetBatch: await insertBatch(outUser, 'exam_card_sheet'),
      outCalendarBatch: await insertBatch(outUser, 'calendar_day'),
      outFilingBatch: await insertBatch(outUser, 'filing'),
      outDeclarationBatch: await insertBatch(outUser, 'declaration'),
      ...(await declarationsOut(r)),
      outEmptyOrg: await insertOrg(r),
      outCard,
      outCase: await caseOfCard(outCard),
      outWorker: await workerFor(loaded.actor, r, false),
      outReport: (await reportFor(loaded.actor, r, false)).id,
      outToken: (await buildApiToken(t.deps, { organisationId: outOrg, createdBy: outUser })).id,
      outSample: await buildSample(t.deps, {
        organisationId: outOrg,
        userId: outUser,
        regionCode: r,
        cardIds: [outCard],
      }),
      outDocument: await documentOf(`${u.user_id}:${r}`, outOrg, outUser),
      outNotification: await buildNotification(t.deps, { organisationId: outOrg }),
      ...(await filingsOut(r)),
      ...(await verificationOut(r)),
      ...(await rectificationsOut(r)),
      ...(await qcOut(r)),
      ...(await censusOut(r, outUser)),
      ...(await employersOut(r)),
      ...(await oversightOut(r)),
      ...(await (async () => {
        const outEquipmentOrg = await buildOrganisation(t.deps, {
          kind: 'support_institution',
          regionCode: r,
        });
        return {
          outEquipmentOrg,
          outEquipmentItem: await insertEquipmentItem(outEquipmentOrg),
          outEquipmentBatch: await insertBatch(outUser, 'equipment_requirement'),
          outRegion: r,
        };
      })()),
      outNotice: await buildOutboundNotice(t.deps, {
        institutionId: outOrg,
        employerRegionCode: r,
        receivingOrganisationId: outOrg,
      }),
    };
  };
  const outboundSettings = {
    province: region.slice(0, 2),
    outProvince: '21',
    outDelegatedCounty: '210102',
    outboundConfigurer: loaded.actor.permissions.has('outbound:configure') && region.length === 2,
    ...(await delegationsIn()),
  };
  const result: Fixture[] = [];
  for (const r of outsideRegions(region, scope.kind))
    result.push({
      ...base,
      ...outboundSettings,
      inCase,
      inSample,
      inNotification,
      inReport: inReport.id,
      inReportRecord: inReport.recordId,
      inDocument: await documentOf(`${u.user_id}`, loaded.actor.organisationId, u.user_id),
      ...filings,
      ...(await declarationsIn(loaded.actor, inRegion, u.user_id)),
      ...(await verificationsIn(loaded.actor, inRegion, u.user_id)),
      ...(await rectificationsIn(loaded.actor, inRegion, u.user_id)),
      inNotice,
      ...(await equipmentIn(loaded.actor, inRegion, u.user_id)),
      ...(await publicListsOf(loaded.actor, u.user_id)),
      ...(await qcIn(loaded.actor, inRegion, u.user_id)),
      ...(await oversightIn(loaded.actor, inRegion, u.user_id)),
      ...(await censusIn(inRegion, u.user_id)),
      ...(await employersIn(loaded.actor, inRegion, u.user_id)),
      ...(await outside(r)),
    });
  return result;
};

const send = async (
  c: Client,
  method: string,
  req: { url: string; body?: unknown; multipart?: string; xml?: string; headers?: Record<string, string> },
) => {
  if (req.xml !== undefined)
    return (
      await t.app.inject({
        method: 'POST',
        url: req.url,
        payload: Buffer.from(req.xml),
        headers: { 'content-type': 'application/xml', 'x-csrf-token': c.csrfToken! },
        cookies: { ohp_sid: c.sessionToken! },
      })
    ).statusCode;
  if (req.multipart !== undefined) {
    const boundary = '----matrix';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="m.csv"\r\nContent-Type: text/csv\r\n\r\n${req.multipart}\r\n--${boundary}--\r\n`;
    const res = await t.app.inject({
      method: 'POST',
      url: req.url,
      payload,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-csrf-token': c.csrfToken! },
      cookies: { ohp_sid: c.sessionToken! },
    });
    return res.statusCode;
  }
  return (
    await c.request(
      method as 'GET',
      req.url,
      method === 'GET' || (method === 'DELETE' && req.body === undefined) ? undefined : (req.body ?? {}),
      req.headers,
    )
  ).status;
};

const permissionsOf = (username: string): Promise<Set<string>> =>
  t.deps.db
    .selectFrom('user_role as ur')
    .innerJoin('app_user as u', 'u.user_id', 'ur.user_id')
    .innerJoin('role as r', 'r.role_key', 'ur.role_key')
    .select('r.permissions')
    .where('u.username', '=', username)
    .execute()
    .then((rows) => new Set(rows.flatMap((r) => r.permissions)));

describe('access matrix', () => {
  it('has a case for every registered route, and every route declares its access', () => {
    const api = t.routes.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
    const unknown = api
      .filter((r) => r.access !== 'public' && !cases[`${r.method} ${r.url}`])
      .map((r) => `${r.method} ${r.url}`);
    expect(unknown).toEqual([]);
    const stale = Object.keys(cases).filter((k) => !api.some((r) => `${r.method} ${r.url}` === k));
    expect(stale).toEqual([]);
    const publicRoutes = api
      .filter((r) => r.access === 'public')
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(publicRoutes).toEqual([
      'GET /api/health',
      'GET /api/v1/auth/captcha',
      'GET /api/v1/employer-registrations/regions',
      'GET /api/v1/employer-registrations/status',
      'GET /api/v1/public/documents/:code',
      'GET /api/v1/public/lists',
      'GET /api/v1/public/lists/:province/:kind',
      'POST /api/v1/auth/login',
      'POST /api/v1/employer-registrations',
    ]);
  });

  // 信息公开: the public lists answer every role exactly as they answer without login.
  it('answers the public-list routes the same to every demo user and to anonymous', async () => {
    const commission = await t.deps.db
      .selectFrom('organisation')
      .select('organisation_id')
      .where('kind', '=', 'health_commission')
      .where('region_code', '=', '22')
      .executeTakeFirstOrThrow();
    await buildPublicList(t.deps, {
      provinceCode: '22',
      publisherOrganisationId: commission.organisation_id,
    });
    for (const url of ['/api/v1/public/lists?province=22', '/api/v1/public/lists/22/filed_institutions']) {
      const anonymous = await t.anonymous().get(url);
      expect(anonymous.status, url).toBe(200);
      for (const username of DEMO_USERS) {
        const res = await clients.get(username)!.get(url);
        expect(res.status, `${username} ${url}`).toBe(200);
        expect(res.raw.body, `${username} ${url}`).toBe(anonymous.raw.body);
      }
    }
  });

  it('refuses to start an app with a route that declares no access', async () => {
    await expect(
      buildApp({
        deps: t.deps,
        registerModules: (app) => {
          app.get('/api/v1/forgotten', async () => ({ ok: true }));
        },
      }),
    ).rejects.toThrow(/declares no access/);
  });

  it('covers every built-in role with a demo user', async () => {
    const held = await t.deps.db
      .selectFrom('user_role as ur')
      .innerJoin('app_user as u', 'u.user_id', 'ur.user_id')
      .select('ur.role_key')
      .where('u.username', 'in', [...DEMO_USERS])
      .execute();
    const covered = new Set(held.map((h) => h.role_key));
    expect(builtInRoles.map((r) => r.key).filter((k) => !covered.has(k))).toEqual([]);
  });

  for (const username of SWEPT_USERS) {
    it(`answers ${username} with 403 without permission, success in scope and 404 out of scope on every route`, async () => {
      const perms = await permissionsOf(username);
      const failures: string[] = [];
      const api = t.routes.filter((r) => r.url.startsWith('/api/v1/') && r.access !== 'public');
      // The fixtures are built afresh only after a request that may have changed them: a write that
      // succeeded. A refused write (403/404/4xx) writes nothing — that is what the matrix asserts of
      // every route — and a read changes no fixture; rebuilding them for each of the few hundred
      // routes was most of this test's time.
      let fixtures: Fixture[] | null = null;
      const sendTracked = async (client: Client, method: string, req: Parameters<typeof send>[2]) => {
        const status = await send(client, method, req);
        if (method !== 'GET' && status < 400) fixtures = null;
        return status;
      };
      for (const route of api) {
        const key = `${route.method} ${route.url}`;
        const c = cases[key]!;
        const access: RouteAccess = route.access;
        const allowed = access === 'authenticated' || perms.has(access);
        // This route's requests use one set, as before (a successful write in scope does not change
        // the out-of-scope records it is then tried on); the next route gets a fresh set if needed.
        const current = (fixtures ??= await fixturesFor(username));
        const f = current[0]!;
        const client = c.freshSession ? await t.login(username) : clients.get(username)!;
        const okStatuses = [200, 201, 204, ...(c.ok ?? [])];
        const inStatus = await sendTracked(client, route.method, c.request(f, 'in', ++seq));
        if (!allowed && inStatus !== 403) failures.push(`${key} in-scope: expected 403, got ${inStatus}`);
        if (allowed && !okStatuses.includes(inStatus))
          failures.push(`${key} in-scope: expected success, got ${inStatus}`);
        // Out of scope: the nearest sibling region first, then the next (see outsideRegions).
        if (c.hasRecord)
          for (const fo of current) {
            const outStatus = await sendTracked(client, route.method, c.request(fo, 'out', ++seq));
            const expected = !allowed ? [403] : fo.scopeAll && !c.ownerOnly ? okStatuses : [404];
            if (!expected.includes(outStatus))
              failures.push(
                `${key} out-of-scope (organisation ${fo.outOrg}): expected ${expected.join('/')}, got ${outStatus}`,
              );
          }
      }
      expect(failures).toEqual([]);
      // Every route in and out of scope for one role: a few hundred requests, over a minute on a loaded
      // 2-core machine.
    }, 300_000);
  }

  it('never shows an out-of-scope organisation in lists, counts or exports', async () => {
    /** The names in an export, read from the parsed workbook (its bytes are compressed). */
    const exportedNames = async (c: Client, q: string): Promise<string[]> => {
      const exp = await c.get(`/api/v1/organisations/export?q=${encodeURIComponent(q)}`);
      expect(exp.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(exp.raw.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      let nameCol = 0;
      ws.getRow(1).eachCell((cell, col) => {
        if (cell.text === '单位名称') nameCol = col;
      });
      expect(nameCol).toBeGreaterThan(0);
      const names: string[] = [];
      ws.eachRow((row, n) => {
        if (n > 1) names.push(row.getCell(nameCol).text);
      });
      return names;
    };
    for (const username of DEMO_USERS) {
      const c = clients.get(username)!;
      const perms = await permissionsOf(username);
      if (!perms.has('organisations:read')) continue;
      const u = await t.deps.db
        .selectFrom('app_user')
        .select('user_id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow();
      const { actor } = (await loadActor(t.deps.db, u.user_id))!;
      const scope = scopeOf(actor, 'administration');
      const marker = `列表越权${++seq}`;
      // One organisation just inside (where the scope holds more than the actor's own) and one in
      // each region just outside it.
      const region = actor.regionCode;
      const inRegion =
        region.length === 2 ? '220102' : region.length === 4 ? `${region}02` : region.slice(0, 6);
      const inside = scope.kind !== 'organisation';
      if (inside) await buildOrganisation(t.deps, { regionCode: inRegion, name: `${marker}内` });
      const outs = outsideRegions(region, scope.kind);
      for (const [i, r] of outs.entries())
        await buildOrganisation(t.deps, { regionCode: r, name: `${marker}外${i}` });
      const expected = [
        ...(inside ? [`${marker}内`] : []),
        ...(scope.kind === 'all' ? outs.map((_r, i) => `${marker}外${i}`) : []),
      ].sort();
      const res = await c.get(`/api/v1/organisations?q=${encodeURIComponent(marker)}&pageSize=50`);
      expect(res.status).toBe(200);
      expect(res.body.total, username).toBe(expected.length);
      expect((res.body.data as { name: string }[]).map((o) => o.name).sort(), username).toEqual(expected);
      if (perms.has('organisations:export'))
        expect((await exportedNames(c, marker)).sort(), `${username} export`).toEqual(expected);
    }
  });
});
