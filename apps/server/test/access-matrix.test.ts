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
  type RouteAccess,
} from '@ohp/contracts';
import { calculators, chemicalImportTemplate, defaultAmendments } from '@ohp/standards';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopeOf } from '../src/platform/authz/scope.js';
import { buildApp } from '../src/platform/http/app.js';
import { loadActor } from '../src/platform/authz/session.js';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import {
  buildApiToken,
  buildDocument,
  buildFiling,
  buildVerification,
  buildDiagnosisReport,
  buildNotification,
  buildOrganisation,
  buildOutboundNotice,
  buildSample,
  buildSession,
  buildStoredCard,
  buildUser,
  buildWorker,
} from './factories.js';
import type { Actor } from '../src/platform/authz/actor.js';
import { createTestContext, DEMO_PASSWORD, type Client, type TestContext } from './helpers.js';

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
  | 'outFiling'
  | 'outFiledFiling'
  | 'outFilingAttachment'
  | 'outVerification'
  | 'outEvidence'
  | 'outNotice'
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

/**
 * Fresh records per request, so a delete or a role change never affects the next case: one fixture per
 * region just outside the scope, sharing the in-scope records.
 */
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
      outNotice: await buildOutboundNotice(t.deps, {
        institutionId: outOrg,
        employerRegionCode: r,
        receivingOrganisationId: outOrg,
      }),
    };
  };
  const result: Fixture[] = [];
  for (const r of outsideRegions(region, scope.kind))
    result.push({
      ...base,
      inCase,
      inSample,
      inNotification,
      inReport: inReport.id,
      inReportRecord: inReport.recordId,
      inDocument: await documentOf(`${u.user_id}`, loaded.actor.organisationId, u.user_id),
      ...filings,
      ...(await verificationsIn(loaded.actor, inRegion, u.user_id)),
      inNotice,
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
      'GET /api/v1/public/documents/:code',
      'POST /api/v1/auth/login',
    ]);
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

  for (const username of DEMO_USERS) {
    it(`answers ${username} with 403 without permission, success in scope and 404 out of scope on every route`, async () => {
      const perms = await permissionsOf(username);
      const failures: string[] = [];
      const api = t.routes.filter((r) => r.url.startsWith('/api/v1/') && r.access !== 'public');
      for (const route of api) {
        const key = `${route.method} ${route.url}`;
        const c = cases[key]!;
        const access: RouteAccess = route.access;
        const allowed = access === 'authenticated' || perms.has(access);
        const fixtures = await fixturesFor(username);
        const f = fixtures[0]!;
        const client = c.freshSession ? await t.login(username) : clients.get(username)!;
        const okStatuses = [200, 201, 204, ...(c.ok ?? [])];
        const inStatus = await send(client, route.method, c.request(f, 'in', ++seq));
        if (!allowed && inStatus !== 403) failures.push(`${key} in-scope: expected 403, got ${inStatus}`);
        if (allowed && !okStatuses.includes(inStatus))
          failures.push(`${key} in-scope: expected success, got ${inStatus}`);
        // Out of scope: the nearest sibling region first, then the next (see outsideRegions).
        if (c.hasRecord)
          for (const fo of fixtures) {
            const outStatus = await send(client, route.method, c.request(fo, 'out', ++seq));
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
