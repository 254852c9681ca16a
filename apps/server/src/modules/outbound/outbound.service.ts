/**
 * 外出职业健康检查告知书 (outbound-exam notices, issue 16 item 4; R44, R47). A filed exam institution drafts
 * a notice from its filing (factors filed and not blocked, its personnel, vehicles and equipment) and
 * submits it; submission checks eligibility (filed, not cancelled; verification passed for a filing
 * made on the platform; the QC key-item rule for earlier filings is a seam until QC assessments exist)
 * and timing (N working days before the start on the working calendar, N and the convention per
 * province: outbound_setting), refusing with 422, the reason and the earliest allowed start date. It is
 * routed to the health commission of the employer's county, or of its city when the county's
 * supervision is delegated (outbound_delegation), which acknowledges it. The printable notice is issued
 * at submission (issueDocument, kind 'outbound_notice'). Every write is audited.
 *
 * No clock: neither the Jilin notice nor the national rules give the receiving department a time limit
 * to acknowledge (../shared/seeds 004 三; ../shared/NATIONAL-DATA-SETS.md §4.3), so none is opened.
 */
import {
  type Lang,
  type OutboundAcknowledgeInput,
  type OutboundDelegation,
  type OutboundDelegationInput,
  type OutboundSetting,
  type OutboundSettingInput,
  outboundConfidences,
  outboundConventions,
  type OutboundListQuery,
  type OutboundNoticeDetail,
  type OutboundNoticeInput,
  type OutboundNoticePatch,
  type OutboundNoticeSummary,
  type OutboundOptions,
  type OutboundTiming,
  type OutboundTimingQuery,
  type OutboundWithdrawInput,
  type FilingContent,
} from '@ohp/contracts';
import { chinaToday, getRegion } from '@ohp/reference';
import type { Kysely, Transaction } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { scopeOf } from '../../platform/authz/scope.js';
import type { DB } from '../../platform/db-types.js';
import { AppError, invalid } from '../../platform/errors.js';
import { workingCalendar } from '../calendar/index.js';
import { documentsAbout, issueDocument } from '../documents/index.js';
import {
  canConfigureOutbound,
  isOwner,
  isReceiver,
  noticeAbilities,
  withdrawableState,
} from './outbound.policy.js';
import {
  capabilityOf,
  countNotices,
  deleteDelegation,
  delegationOf,
  delegations,
  healthCommissionOf,
  insertDelegation,
  insertNotice,
  listNotices,
  liveFilingWithContent,
  lockNotice,
  lockSetting,
  noticeInScope,
  organisationById,
  searchEmployers,
  settingOf,
  updateNotice,
  upsertSetting,
  type NoticeRow,
  type NoticeValues,
} from './outbound.repository.js';
import { contentIssues, hazardName, noticeTiming, type FilingPicks } from './outbound.rules.js';
import { qcKeyItemsPassed, verificationPassed } from './outbound.eligibility.js';

type Db = Kysely<DB>;
type AnyDb = Kysely<DB> | Transaction<DB>;

const scope = (actor: Actor) => scopeOf(actor, 'business');
const userOf = (a: Actor): number | null => (a.userId > 0 ? a.userId : null);
const conflict = (reason: string) => new AppError('conflict', reason);
const unprocessable = (reason: string, details?: Array<{ path: string; reason: string; message?: string }>) =>
  new AppError(
    'unprocessable',
    reason,
    details?.map((d) => ({ path: d.path, reason: d.reason, message: d.message ?? '' })),
  );
const iso = (d: Date | string | null): string | null =>
  d === null ? null : typeof d === 'string' ? d : d.toISOString();
const day = (d: string | Date | null): string | null =>
  d === null ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);
const arr = <T>(v: unknown): T[] => (typeof v === 'string' ? (JSON.parse(v) as T[]) : ((v ?? []) as T[]));

/** The default when a province has no row: the Jilin rule (R47), marked uncertain. */
const DEFAULT_SETTING = {
  notice_working_days: 5,
  convention: 'clear_days' as const,
  legal_basis: '吉卫规〔2024〕2号 三（R47）',
  confidence: 'uncertain' as const,
};

export const settingFor = async (db: AnyDb, provinceCode: string) =>
  (await settingOf(db, provinceCode)) ?? { province_code: provinceCode, ...DEFAULT_SETTING, note: null };

// -------------------------------------------------------------------------------------------------
// Eligibility and the filing's picks.

type Eligibility = {
  eligible: boolean;
  reason: string | null;
  filing: Awaited<ReturnType<typeof liveFilingWithContent>>;
};

/**
 * 吉卫规〔2024〕2号 一(二): filed (and not cancelled); a filing made on the platform needs its on-site
 * verification passed; a filing made earlier by a city (imported) needs all key QC items passed.
 */
export const eligibilityOf = async (db: AnyDb, institutionId: number): Promise<Eligibility> => {
  const filing = await liveFilingWithContent(db, institutionId);
  if (!filing || filing.status !== 'filed') return { eligible: false, reason: 'outbound_not_filed', filing };
  if (filing.imported) {
    if (!(await qcKeyItemsPassed(db, institutionId)))
      return { eligible: false, reason: 'outbound_qc_key_items_not_passed', filing };
  } else if (!(await verificationPassed(db, institutionId))) {
    return { eligible: false, reason: 'outbound_verification_not_passed', filing };
  }
  return { eligible: true, reason: null, filing };
};

const picksOf = async (db: AnyDb, institutionId: number, content: unknown): Promise<FilingPicks> => {
  const c = (typeof content === 'string' ? JSON.parse(content) : (content ?? {})) as FilingContent;
  const cap = await capabilityOf(db, institutionId);
  return {
    filed: new Set(cap.filter((r) => r.status === 'filed').map((r) => r.hazard_code)),
    blocked: new Set(cap.filter((r) => r.status === 'blocked').map((r) => r.hazard_code)),
    staff: (c.personnel ?? []).map((p) => ({
      name: p.name,
      role: p.role,
      qualificationNo: p.qualificationNo ?? null,
    })),
    vehicles: (c.vehicles ?? []).map((v) => ({
      plateNo: v.plateNo,
      purpose: v.purpose ?? null,
      equipment: v.equipment ?? null,
    })),
    equipment: (c.equipment ?? []).map((e) => ({
      name: e.name,
      model: e.model ?? null,
      quantity: e.quantity,
    })),
  };
};

const assertInstitution = (actor: Actor) => {
  if (actor.organisationKind !== 'exam_institution')
    throw new AppError('forbidden', 'outbound_not_an_exam_institution');
};

export const optionsFor = async (db: Db, actor: Actor): Promise<OutboundOptions> => {
  assertInstitution(actor);
  const e = await eligibilityOf(db, actor.organisationId);
  const picks =
    e.filing?.status === 'filed' ? await picksOf(db, actor.organisationId, e.filing.content) : null;
  const named = (codes: Iterable<string>) =>
    [...codes].sort().map((code) => ({ code, name: hazardName(code) }));
  return {
    eligible: e.eligible,
    reason: e.reason,
    filingNo: e.filing?.filing_no ?? null,
    hazards: picks ? named(picks.filed) : [],
    blocked: picks ? named(picks.blocked) : [],
    staff: picks?.staff.map((s) => ({ ...s, role: s.role ?? undefined })) ?? [],
    vehicles: picks?.vehicles ?? [],
    equipment: picks?.equipment ?? [],
  };
};

// -------------------------------------------------------------------------------------------------
// Timing.

export const timingFor = async (db: Db, actor: Actor, q: OutboundTimingQuery): Promise<OutboundTiming> => {
  const province = actor.regionCode.slice(0, 2);
  const s = await settingFor(db, province);
  const noticeDate = q.noticeDate ?? chinaToday();
  const t = noticeTiming(
    await workingCalendar(db),
    s.notice_working_days,
    s.convention,
    noticeDate,
    q.startDate,
  );
  return {
    provinceCode: province,
    noticeWorkingDays: s.notice_working_days,
    convention: s.convention,
    legalBasis: s.legal_basis,
    confidence: s.confidence,
    noticeDate,
    earliestStartDate: t.earliestStartDate,
    startDate: q.startDate ?? null,
    workingDaysCounted: t.workingDaysCounted,
    allowed: t.allowed,
    latestNoticeDate: t.latestNoticeDate,
    provisional: t.provisional,
  };
};

// -------------------------------------------------------------------------------------------------
// Drafting.

/** The employer picker: registered employers of the institution's province, by name or credit code. */
export const employerChoices = async (db: Db, actor: Actor, q: string) => {
  assertInstitution(actor);
  const text = q.trim();
  if (text.length < 2) return [];
  return (await searchEmployers(db, actor.regionCode.slice(0, 2), text, 20)).map((o) => ({
    id: o.organisation_id,
    name: o.name,
    creditCode: o.credit_code,
    regionCode: o.region_code,
    address: o.address,
  }));
};

const employerOf = async (
  db: AnyDb,
  actor: Actor,
  c: Pick<OutboundNoticePatch, 'employerId' | 'employerName' | 'employerCreditCode' | 'employerRegionCode'>,
) => {
  let name: string;
  let credit: string | null;
  let region: string;
  let id: number | null = null;
  if (c.employerId) {
    const o = await organisationById(db, c.employerId);
    if (!o || o.kind !== 'employer')
      throw invalid([{ path: 'employerId', reason: 'outbound_employer_not_found' }]);
    id = o.organisation_id;
    name = o.name;
    credit = o.credit_code;
    region = o.region_code;
  } else {
    if (!c.employerName?.trim() || !c.employerRegionCode)
      throw invalid([
        {
          path: c.employerName?.trim() ? 'employerRegionCode' : 'employerName',
          reason: 'outbound_employer_required',
        },
      ]);
    name = c.employerName.trim();
    credit = c.employerCreditCode?.trim() || null;
    region = c.employerRegionCode;
  }
  const path = c.employerId ? 'employerId' : 'employerRegionCode';
  const county = getRegion(region.slice(0, 6));
  if (region.length < 6 || !county || county.level !== 'county')
    throw invalid([{ path, reason: 'outbound_region_not_county' }]);
  if (region.slice(0, 2) !== actor.regionCode.slice(0, 2))
    throw invalid([{ path, reason: 'outbound_region_other_province' }]);
  return { employer_id: id, employer_name: name, employer_credit_code: credit, employer_region_code: region };
};

const valuesOf = async (
  db: AnyDb,
  actor: Actor,
  c: OutboundNoticeInput,
  picks: FilingPicks,
): Promise<NoticeValues> => {
  const issues = contentIssues(c, picks);
  if (issues.length) throw invalid(issues);
  const employer = await employerOf(db, actor, c);
  // The staff, vehicles and equipment as filed (role and details from the filing, not from the request).
  const staff = c.staff.map((p) => picks.staff.find((x) => x.name === p.name)!);
  const vehicles = c.vehicles.map((v) => picks.vehicles.find((x) => x.plateNo === v.plateNo)!);
  const equipment = c.equipment.map((e) => ({
    name: e.name,
    model: picks.equipment.find((x) => x.name === e.name)?.model ?? null,
    quantity: e.quantity,
  }));
  return {
    ...employer,
    site_address: c.siteAddress.trim(),
    start_date: c.startDate,
    end_date: c.endDate,
    hazard_codes: JSON.stringify(c.hazardCodes),
    exam_items: c.examItems?.trim() || null,
    staff: JSON.stringify(staff),
    vehicles: JSON.stringify(vehicles),
    equipment: JSON.stringify(equipment),
    expected_count: c.expectedCount,
    contact_name: c.contactName?.trim() || null,
    contact_phone: c.contactPhone?.trim() || null,
    note: c.note?.trim() || null,
  };
};

export const createNotice = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  input: OutboundNoticeInput,
): Promise<{ id: number }> => {
  assertInstitution(actor);
  return db.transaction().execute(async (trx) => {
    const filing = await liveFilingWithContent(trx, actor.organisationId);
    if (!filing || filing.status !== 'filed') throw unprocessable('outbound_not_filed');
    const values = await valuesOf(
      trx,
      actor,
      input,
      await picksOf(trx, actor.organisationId, filing.content),
    );
    const id = await insertNotice(trx, {
      ...values,
      institution_id: actor.organisationId,
      filing_id: filing.filing_id,
      created_by: userOf(actor),
    });
    await writeAudit(trx, ctx, {
      action: 'outbound_notice.create',
      entityType: 'outbound_notice',
      entityId: id,
      after: {
        ...input,
        employerName: values.employer_name,
        employerRegionCode: values.employer_region_code,
      },
    });
    return { id };
  });
};

const inputOf = (r: NoticeRow): OutboundNoticeInput => ({
  employerId: r.employer_id,
  employerName: r.employer_name,
  employerCreditCode: r.employer_credit_code,
  employerRegionCode: r.employer_region_code,
  siteAddress: r.site_address,
  startDate: day(r.start_date)!,
  endDate: day(r.end_date)!,
  hazardCodes: arr<string>(r.hazard_codes),
  examItems: r.exam_items,
  staff: arr(r.staff),
  vehicles: arr(r.vehicles),
  equipment: arr(r.equipment),
  expectedCount: r.expected_count,
  contactName: r.contact_name,
  contactPhone: r.contact_phone,
  note: r.note,
});

const lockOwn = async (trx: Transaction<DB>, actor: Actor, id: number) => {
  const r = await lockNotice(trx, scope(actor), id);
  if (!r) throw new AppError('not_found', 'not_found');
  if (!isOwner(actor, r)) throw new AppError('forbidden', 'forbidden');
  return r;
};

export const updateNoticeContent = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  patch: OutboundNoticePatch,
): Promise<{ id: number }> =>
  db.transaction().execute(async (trx) => {
    const r = await lockOwn(trx, actor, id);
    if (r.status !== 'draft') throw conflict('outbound_not_editable');
    const before = inputOf(r);
    const merged: OutboundNoticeInput = { ...before, ...patch };
    // A newly picked registered employer replaces the typed one, and a typed one drops the registered.
    if (patch.employerName !== undefined && patch.employerId === undefined) merged.employerId = null;
    const filing = await liveFilingWithContent(trx, r.institution_id);
    if (!filing || filing.status !== 'filed') throw unprocessable('outbound_not_filed');
    const values = await valuesOf(trx, actor, merged, await picksOf(trx, r.institution_id, filing.content));
    await updateNotice(trx, id, { ...values, filing_id: filing.filing_id });
    await writeAudit(trx, ctx, {
      action: 'outbound_notice.update',
      entityType: 'outbound_notice',
      entityId: id,
      before,
      after: patch,
    });
    return { id };
  });

// -------------------------------------------------------------------------------------------------
// Submission, withdrawal, acknowledgement.

/** Where the notice goes: the employer's county, or its city when the county's supervision is delegated. */
export const routeOf = async (db: AnyDb, employerRegionCode: string) => {
  const county = employerRegionCode.slice(0, 6);
  const delegation = await delegationOf(db, county);
  const region = delegation ? delegation.city_code : county;
  const department = await healthCommissionOf(db, region);
  return { region, delegated: !!delegation, department };
};

const fieldsOf = (
  r: NoticeRow,
  institutionName: string,
  filingNo: string | null,
  department: string,
  submittedOn: string,
) => {
  const staff = arr<{ name: string; role?: string }>(r.staff);
  const vehicles = arr<{ plateNo: string; purpose?: string | null }>(r.vehicles);
  const equipment = arr<{ name: string; model?: string | null; quantity: number }>(r.equipment);
  const region = (code: string) => {
    const parts: string[] = [];
    for (let len = 4; len <= code.length && len <= 6; len += 2) {
      const g = getRegion(code.slice(0, len));
      if (g) parts.push(g.name);
    }
    return parts.join('') || code;
  };
  return [
    { label: { zh: '告知对象', en: 'To' }, value: department },
    { label: { zh: '外出检查机构', en: 'Exam institution' }, value: institutionName },
    { label: { zh: '备案编号', en: 'Filing number' }, value: filingNo ?? '' },
    { label: { zh: '用人单位', en: 'Employer' }, value: r.employer_name },
    { label: { zh: '统一社会信用代码', en: 'Credit code' }, value: r.employer_credit_code ?? '' },
    { label: { zh: '用人单位所在地', en: 'Employer’s place' }, value: region(r.employer_region_code) },
    { label: { zh: '检查地点', en: 'Exam site' }, value: r.site_address },
    {
      label: { zh: '检查时间', en: 'Dates' },
      value: `${day(r.start_date)} 至 ${day(r.end_date)}`,
    },
    {
      label: { zh: '检查危害因素', en: 'Hazard factors' },
      value: arr<string>(r.hazard_codes)
        .map((c) => `${c} ${hazardName(c)}`)
        .join('；'),
    },
    { label: { zh: '检查项目', en: 'Exam items' }, value: r.exam_items ?? '' },
    { label: { zh: '预计检查人数', en: 'Expected number examined' }, value: String(r.expected_count) },
    {
      label: { zh: '外出人员', en: 'Staff' },
      value: staff.map((s) => s.name).join('、'),
    },
    {
      label: { zh: '车辆', en: 'Vehicles' },
      value: vehicles.map((v) => `${v.plateNo}${v.purpose ? `（${v.purpose}）` : ''}`).join('、') || '无',
    },
    {
      label: { zh: '仪器设备', en: 'Equipment' },
      value:
        equipment.map((e) => `${e.name}${e.model ? ` ${e.model}` : ''} × ${e.quantity}`).join('；') || '无',
    },
    {
      label: { zh: '现场联系人', en: 'Contact' },
      value: [r.contact_name, r.contact_phone].filter(Boolean).join(' '),
    },
    { label: { zh: '告知日期', en: 'Notified on' }, value: submittedOn },
  ];
};

export const submitNotice = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  lang: Lang,
  on: string = chinaToday(),
): Promise<{
  id: number;
  status: string;
  receivingOrganisationId: number;
  delegated: boolean;
  document: { documentId: number; code: string; verifyPath: string };
}> => {
  const calendar = await workingCalendar(db);
  return db.transaction().execute(async (trx) => {
    const r = await lockOwn(trx, actor, id);
    if (r.status !== 'draft') throw conflict('outbound_not_editable');
    const e = await eligibilityOf(trx, r.institution_id);
    if (!e.eligible) throw unprocessable(e.reason!, [{ path: 'institution', reason: e.reason! }]);
    const s = await settingFor(trx, r.employer_region_code.slice(0, 2));
    const t = noticeTiming(calendar, s.notice_working_days, s.convention, on, day(r.start_date));
    if (!t.allowed)
      throw unprocessable('outbound_too_late', [
        { path: 'startDate', reason: 'outbound_too_late' },
        {
          path: 'earliestStartDate',
          reason: 'outbound_earliest_start',
          message:
            lang === 'en'
              ? `Submitted on ${on}, the earliest allowed start date is ${t.earliestStartDate} (${s.notice_working_days} working days' notice, holidays excluded)`
              : `${on} 提交，最早可开始日期为 ${t.earliestStartDate}（须提前 ${s.notice_working_days} 个工作日告知，节假日不计）`,
        },
      ]);
    const route = await routeOf(trx, r.employer_region_code);
    if (!route.department)
      throw unprocessable('outbound_no_department', [
        { path: 'employerRegionCode', reason: 'outbound_no_department' },
      ]);
    const institution = (await organisationById(trx, r.institution_id))!;
    const row: NoticeRow = { ...r, receiving_region_code: route.region };
    const document = await issueDocument(trx, ctx, {
      kind: 'outbound_notice',
      organisationId: route.department.organisation_id,
      issuerOrganisationId: r.institution_id,
      subjectType: 'outbound_notice',
      subjectId: id,
      title: { zh: '外出职业健康检查告知书', en: 'Outbound occupational health examination notice' },
      number: `WC-${on.replace(/-/g, '')}-${String(id).padStart(5, '0')}`,
      fields: fieldsOf(row, institution.name, e.filing?.filing_no ?? null, route.department.name, on),
    });
    const submittedAt = new Date();
    await updateNotice(trx, id, {
      status: 'submitted',
      receiving_region_code: route.region,
      receiving_organisation_id: route.department.organisation_id,
      delegated: route.delegated,
      notice_working_days: s.notice_working_days,
      convention: s.convention,
      calendar_provisional: t.provisional,
      submitted_at: submittedAt,
      submitted_on: on,
      submitted_by: userOf(actor),
      document_id: document.documentId,
      filing_id: e.filing!.filing_id,
    });
    await writeAudit(trx, ctx, {
      action: 'outbound_notice.submit',
      entityType: 'outbound_notice',
      entityId: id,
      before: { status: r.status },
      after: {
        status: 'submitted',
        submittedOn: on,
        startDate: day(r.start_date),
        workingDaysCounted: t.workingDaysCounted,
        noticeWorkingDays: s.notice_working_days,
        convention: s.convention,
        receivingOrganisationId: route.department.organisation_id,
        receivingRegionCode: route.region,
        delegated: route.delegated,
        document: document.code,
      },
    });
    return {
      id,
      status: 'submitted',
      receivingOrganisationId: route.department.organisation_id,
      delegated: route.delegated,
      document,
    };
  });
};

export const withdrawNotice = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: OutboundWithdrawInput,
): Promise<{ id: number; status: string }> =>
  db.transaction().execute(async (trx) => {
    const r = await lockOwn(trx, actor, id);
    if (!withdrawableState(r)) throw conflict('outbound_not_withdrawable');
    const reason = input.reason.trim();
    await updateNotice(trx, id, { status: 'withdrawn', withdrawn_at: new Date(), withdraw_reason: reason });
    await writeAudit(trx, ctx, {
      action: 'outbound_notice.withdraw',
      entityType: 'outbound_notice',
      entityId: id,
      before: { status: r.status },
      after: { status: 'withdrawn', reason },
    });
    return { id, status: 'withdrawn' };
  });

export const acknowledgeNotice = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: OutboundAcknowledgeInput,
): Promise<{ id: number; status: string }> =>
  db.transaction().execute(async (trx) => {
    const r = await lockNotice(trx, scope(actor), id);
    if (!r) throw new AppError('not_found', 'not_found');
    if (!isReceiver(actor, r)) throw new AppError('forbidden', 'outbound_not_receiving_department');
    if (r.status !== 'submitted') throw conflict('outbound_not_awaiting_acknowledgement');
    const note = input.note?.trim() || null;
    await updateNotice(trx, id, {
      status: 'acknowledged',
      acknowledged_at: new Date(),
      acknowledged_by: userOf(actor),
      acknowledge_note: note,
    });
    await writeAudit(trx, ctx, {
      action: 'outbound_notice.acknowledge',
      entityType: 'outbound_notice',
      entityId: id,
      before: { status: r.status },
      after: { status: 'acknowledged', note, by: actor.organisationId },
    });
    return { id, status: 'acknowledged' };
  });

// -------------------------------------------------------------------------------------------------
// Reading.

const summaryOf = (actor: Actor, r: NoticeRow): OutboundNoticeSummary => ({
  id: r.outbound_notice_id,
  status: r.status,
  institutionId: r.institution_id,
  institutionName: r.institution_name,
  employerId: r.employer_id,
  employerName: r.employer_name,
  employerRegionCode: r.employer_region_code,
  siteAddress: r.site_address,
  startDate: day(r.start_date)!,
  endDate: day(r.end_date)!,
  expectedCount: r.expected_count,
  receivingRegionCode: r.receiving_region_code,
  receivingOrganisationName: r.receiving_organisation_name ?? null,
  delegated: r.delegated,
  submittedAt: iso(r.submitted_at),
  acknowledgedAt: iso(r.acknowledged_at),
  abilities: noticeAbilities(actor, r),
});

export const listNoticesFor = async (db: Db, actor: Actor, q: OutboundListQuery) => {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const f = {
    status: q.status,
    receivingOrganisationId: q.queue ? actor.organisationId : undefined,
    q: q.q?.trim() || undefined,
  };
  const [rows, total] = await Promise.all([
    listNotices(db, scope(actor), f, { offset: (page - 1) * pageSize, limit: pageSize }),
    countNotices(db, scope(actor), f),
  ]);
  return { data: rows.map((r) => summaryOf(actor, r)), total, page, pageSize };
};

export const noticeDetail = async (db: Db, actor: Actor, id: number): Promise<OutboundNoticeDetail> => {
  const r = await noticeInScope(db, scope(actor), id);
  if (!r) throw new AppError('not_found', 'not_found');
  const doc = r.document_id
    ? (await documentsAbout(db, 'outbound_notice', id)).find((d) => d.documentId === r.document_id)
    : undefined;
  return {
    ...summaryOf(actor, r),
    employerCreditCode: r.employer_credit_code,
    hazards: arr<string>(r.hazard_codes).map((code) => ({ code, name: hazardName(code) })),
    examItems: r.exam_items,
    staff: arr(r.staff),
    vehicles: arr(r.vehicles),
    equipment: arr(r.equipment),
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    note: r.note,
    filingNo: r.filing_no ?? null,
    noticeWorkingDays: r.notice_working_days,
    convention: r.convention,
    calendarProvisional: r.calendar_provisional,
    acknowledgeNote: r.acknowledge_note,
    withdrawnAt: iso(r.withdrawn_at),
    withdrawReason: r.withdraw_reason,
    document: doc ? { documentId: doc.documentId, code: doc.code, verifyPath: doc.verifyPath } : null,
  };
};

// -------------------------------------------------------------------------------------------------
// 外出体检设置: the province's notice period and its delegated counties (issue 16 item 4, "configurable
// per province / per county"). Read from the tables at every use (timingFor, submitNotice, routeOf): a
// change applies to the next notice at once, nothing is cached. Notices already submitted keep the
// period and the route they were checked against (kept on the notice).

const provinceName = (code: string): string => getRegion(code)?.name ?? code;
const chinaDay = (d: Date | string): string =>
  typeof d === 'string' ? d.slice(0, 10) : new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** A province the actor may read the settings of: its own (by its region); 404 for another. */
const assertReadable = (actor: Actor, provinceCode: string) => {
  if (scope(actor).kind === 'none' || actor.regionCode.slice(0, 2) !== provinceCode)
    throw new AppError('not_found', 'not_found');
};

/** Writes: another province is not found (404); in the province, only the provincial commission (403). */
const assertConfigurable = (actor: Actor, provinceCode: string) => {
  assertReadable(actor, provinceCode);
  if (!canConfigureOutbound(actor, provinceCode))
    throw new AppError('forbidden', 'outbound_configure_province_only');
};

export const outboundSetting = async (
  db: AnyDb,
  actor: Actor,
  provinceCode: string,
): Promise<OutboundSetting> => {
  assertReadable(actor, provinceCode);
  const row = await settingOf(db, provinceCode);
  const s = row ?? { ...DEFAULT_SETTING, note: null, updated_at: null };
  return {
    provinceCode,
    provinceName: provinceName(provinceCode),
    noticeWorkingDays: s.notice_working_days,
    convention: s.convention,
    legalBasis: s.legal_basis,
    confidence: s.confidence,
    note: s.note,
    updatedAt: iso(s.updated_at),
    isDefault: !row,
    canConfigure: canConfigureOutbound(actor, provinceCode),
  };
};

/** The service's own checks (the route's schema says the same; a direct caller gets field reasons too). */
const settingIssues = (input: OutboundSettingInput) => {
  const issues: Array<{ path: string; reason: string }> = [];
  const n = input.noticeWorkingDays;
  if (!Number.isInteger(n) || n < 1 || n > 30)
    issues.push({ path: 'noticeWorkingDays', reason: 'outbound_days_range' });
  if (!(outboundConventions as readonly string[]).includes(input.convention))
    issues.push({ path: 'convention', reason: 'outbound_convention_invalid' });
  if (!(outboundConfidences as readonly string[]).includes(input.confidence))
    issues.push({ path: 'confidence', reason: 'outbound_confidence_invalid' });
  if (!input.legalBasis?.trim()) issues.push({ path: 'legalBasis', reason: 'outbound_legal_basis_required' });
  return issues;
};

export const updateOutboundSetting = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  provinceCode: string,
  input: OutboundSettingInput,
): Promise<OutboundSetting> => {
  assertConfigurable(actor, provinceCode);
  const issues = settingIssues(input);
  if (issues.length) throw invalid(issues);
  const values = {
    notice_working_days: input.noticeWorkingDays,
    convention: input.convention,
    legal_basis: input.legalBasis.trim(),
    confidence: input.confidence,
    note: input.note?.trim() || null,
  };
  await db.transaction().execute(async (trx) => {
    const before = await lockSetting(trx, provinceCode);
    await upsertSetting(trx, provinceCode, values);
    await writeAudit(trx, ctx, {
      action: 'outbound_setting.update',
      entityType: 'outbound_setting',
      entityId: provinceCode,
      before: before
        ? {
            noticeWorkingDays: before.notice_working_days,
            convention: before.convention,
            legalBasis: before.legal_basis,
            confidence: before.confidence,
            note: before.note,
          }
        : null,
      after: {
        noticeWorkingDays: values.notice_working_days,
        convention: values.convention,
        legalBasis: values.legal_basis,
        confidence: values.confidence,
        note: values.note,
      },
    });
  });
  return outboundSetting(db, actor, provinceCode);
};

export const outboundDelegations = async (
  db: AnyDb,
  actor: Actor,
  provinceCode: string,
): Promise<OutboundDelegation[]> => {
  assertReadable(actor, provinceCode);
  return (await delegations(db, provinceCode)).map((d) => ({
    countyCode: d.county_code,
    countyName: getRegion(d.county_code)?.name ?? d.county_code,
    cityCode: d.city_code,
    cityName: getRegion(d.city_code)?.name ?? d.city_code,
    cityDepartment: d.city_department ?? null,
    since: chinaDay(d.created_at),
    note: d.note,
  }));
};

export const createOutboundDelegation = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  provinceCode: string,
  input: OutboundDelegationInput,
): Promise<OutboundDelegation> => {
  assertConfigurable(actor, provinceCode);
  const code = input.countyCode;
  const county = /^[0-9]{6}$/.test(code) ? getRegion(code) : undefined;
  if (!county || county.level !== 'county')
    throw invalid([{ path: 'countyCode', reason: 'outbound_delegation_not_county' }]);
  if (code.slice(0, 2) !== provinceCode)
    throw invalid([{ path: 'countyCode', reason: 'outbound_delegation_other_province' }]);
  // Its city is its parent; the city's health commission must exist, or notices there could not be routed.
  const city = getRegion(code.slice(0, 4));
  if (!city || city.level !== 'city' || !(await healthCommissionOf(db, city.code)))
    throw invalid([{ path: 'countyCode', reason: 'outbound_delegation_no_city_department' }]);
  const note = input.note?.trim() || null;
  await db.transaction().execute(async (trx) => {
    if (!(await insertDelegation(trx, code, note))) throw conflict('outbound_delegation_exists');
    await writeAudit(trx, ctx, {
      action: 'outbound_delegation.create',
      entityType: 'outbound_delegation',
      entityId: code,
      after: { countyCode: code, countyName: county.name, cityCode: city.code, cityName: city.name, note },
    });
  });
  return (await outboundDelegations(db, actor, provinceCode)).find((d) => d.countyCode === code)!;
};

export const deleteOutboundDelegation = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  provinceCode: string,
  countyCode: string,
): Promise<void> => {
  assertConfigurable(actor, provinceCode);
  if (countyCode.slice(0, 2) !== provinceCode) throw new AppError('not_found', 'not_found');
  await db.transaction().execute(async (trx) => {
    const removed = await deleteDelegation(trx, countyCode);
    if (!removed) throw new AppError('not_found', 'not_found');
    await writeAudit(trx, ctx, {
      action: 'outbound_delegation.delete',
      entityType: 'outbound_delegation',
      entityId: countyCode,
      before: {
        countyCode: removed.county_code,
        countyName: getRegion(removed.county_code)?.name ?? removed.county_code,
        cityCode: removed.city_code,
        note: removed.note,
        since: chinaDay(removed.created_at),
      },
    });
  });
};
