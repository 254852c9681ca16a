/**
 * 用人单位自主注册 (issue 17 item 3, first part): an employer applies for an account with its credit code
 * (GB 32100 check character), region to county or township, industry and contact; the password it chose
 * follows the users module's policy and is stored hashed, the phone encrypted. The county health
 * commission of the region (any regulator whose region subtree holds it, with employers:manage) approves
 * — the organisation with that credit code is created, or the base-database record that already holds it
 * is linked, and the account gets the role employer_staff — or returns it with an opinion. The applicant
 * follows it with the lookup code shown after submitting. No captcha: the login asks for one only after
 * failed attempts; the public routes are rate limited instead.
 */
import { randomInt } from 'node:crypto';
import {
  registrationStatusLabels,
  type EmployerRegistrationInput,
  type Lang,
  type RegistrationExportQuery,
  type RegistrationStatus,
  type RegistrationListQuery,
  type RegistrationPublicStatus,
  type RegistrationSummary,
} from '@ohp/contracts';
import { getIndustry, getRegion, normalizeIndustryCode } from '@ohp/reference';
import { validateCreditCode } from '@ohp/standards';
import type { Kysely } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { scopeOf } from '../../platform/authz/scope.js';
import { maskPhone, type Crypto } from '../../platform/crypto.js';
import type { DB } from '../../platform/db-types.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.js';
import { chinaDateTime, streamListExport, type ExportColumn } from '../../platform/http/download.js';
import { checkPasswordPolicy, hashPassword } from '../auth/index.js';
import { ensureEmployers } from './employers.core.js';
import { employerRegistered } from './employers.events.js';
import { canManageEmployer, canReviewRegistration } from './employers.policy.js';
import {
  activeOrganisationByCreditCode,
  countRegistrations,
  decideRegistration,
  findRegistration,
  insertEmployerUser,
  insertRegistration,
  lockRegistration,
  registrationExportPage,
  registrationPage,
  type RegistrationRow,
  setEmployerContact,
  unsafePendingRegistrationFor,
  unsafeRegistrationByLookup,
  unsafeUsernameTaken,
} from './employers.repository.js';

const LOOKUP_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const lookupCode = () =>
  Array.from({ length: 12 }, () => LOOKUP_ALPHABET[randomInt(LOOKUP_ALPHABET.length)]).join('');

type Deps = { db: Kysely<DB>; crypto: Crypto };

/** Field checks of an application; every problem, not just the first. */
export const checkRegistration = (input: EmployerRegistrationInput) => {
  const details: Array<{ path: string; reason: string }> = [];
  const cc = validateCreditCode(input.creditCode);
  if (!cc.ok)
    details.push({
      path: 'creditCode',
      reason: cc.reasons.some((r) => r.reason === 'check_digit_mismatch')
        ? 'credit_code_invalid'
        : 'credit_code_format',
    });
  const region = getRegion(input.regionCode);
  if (!region) details.push({ path: 'regionCode', reason: 'region_unknown' });
  else if (!/^(\d{6}|\d{9})$/.test(input.regionCode) || !getRegion(input.regionCode.slice(0, 6)))
    details.push({ path: 'regionCode', reason: 'employer_region_not_county' });
  const industry = normalizeIndustryCode(input.industryCode);
  if (!industry || !getIndustry(industry)) details.push({ path: 'industryCode', reason: 'industry_unknown' });
  for (const [path, value] of [
    ['name', input.name],
    ['address', input.address],
    ['contactName', input.contactName],
  ] as const)
    if (!value.trim()) details.push({ path, reason: 'value_blank' });
  for (const problem of checkPasswordPolicy(input.password, {
    username: input.username,
    displayName: input.contactName,
  }))
    details.push({ path: 'password', reason: problem });
  return { details, creditCode: cc.normalized, industry };
};

export const submitRegistration = async (
  deps: Deps,
  ctx: AuditContext,
  input: EmployerRegistrationInput,
): Promise<{ lookupCode: string; status: 'pending' }> => {
  const { details, creditCode, industry } = checkRegistration(input);
  if (details.length) throw invalid(details);
  const passwordHash = await hashPassword(input.password);
  const code = lookupCode();
  await deps.db.transaction().execute(async (trx) => {
    if (await unsafePendingRegistrationFor(trx, creditCode!))
      throw new AppError('conflict', 'registration_duplicate_pending');
    if (await unsafeUsernameTaken(trx, input.username))
      throw new AppError('conflict', 'registration_username_taken');
    const { registration_id } = await insertRegistration(trx, {
      lookup_code: code,
      credit_code: creditCode!,
      name: input.name.trim(),
      region_code: input.regionCode,
      address: input.address.trim(),
      industry_code: industry!,
      contact_name: input.contactName.trim(),
      contact_phone_enc: deps.crypto.encrypt(input.contactPhone.trim()),
      username: input.username,
      password_hash: passwordHash,
    });
    await writeAudit(trx, ctx, {
      action: 'employer_registration.submit',
      entityType: 'employer_registration',
      entityId: registration_id,
      after: {
        creditCode,
        name: input.name.trim(),
        regionCode: input.regionCode,
        industryCode: industry,
        contactName: input.contactName.trim(),
        contactPhone: maskPhone(input.contactPhone.trim()),
        username: input.username,
      },
    });
  });
  return { lookupCode: code, status: 'pending' };
};

export const registrationStatus = async (db: Kysely<DB>, code: string): Promise<RegistrationPublicStatus> => {
  const r = await unsafeRegistrationByLookup(db, code.trim().toUpperCase());
  if (!r) throw new AppError('not_found', 'registration_lookup_unknown');
  return {
    status: r.status as RegistrationPublicStatus['status'],
    name: r.name,
    submittedAt: new Date(r.submitted_at as unknown as string).toISOString(),
    reviewedAt: r.reviewed_at ? new Date(r.reviewed_at).toISOString() : null,
    opinion: r.opinion,
    username: r.username,
  };
};

const present = (deps: Deps, actor: Actor, r: RegistrationRow): RegistrationSummary => ({
  id: r.registration_id,
  creditCode: r.credit_code,
  name: r.name,
  regionCode: r.region_code,
  regionName: getRegion(r.region_code)?.name ?? r.region_code,
  address: r.address,
  industryCode: r.industry_code,
  industryName: getIndustry(r.industry_code)?.name ?? null,
  contactName: r.contact_name,
  contactPhone: maskPhone(deps.crypto.decrypt(r.contact_phone_enc)) ?? '',
  username: r.username,
  status: r.status as RegistrationSummary['status'],
  opinion: r.opinion,
  submittedAt: new Date(r.submitted_at as unknown as string).toISOString(),
  reviewedAt: r.reviewed_at ? new Date(r.reviewed_at).toISOString() : null,
  reviewedByName: r.reviewed_by_name,
  organisationId: r.organisation_id,
  existingEmployerId: r.existing_id,
  existingEmployerName: r.existing_name,
  linkedExisting: r.linked_existing,
  abilities: { review: canReviewRegistration(actor, r) },
});

export const listRegistrationsFor = async (deps: Deps, actor: Actor, q: RegistrationListQuery) => {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const f = { status: q.status, q: q.q?.trim() || undefined };
  const scope = scopeOf(actor, 'business');
  const [rows, total] = await Promise.all([
    registrationPage(deps.db, scope, f, { offset: (page - 1) * pageSize, limit: pageSize }),
    countRegistrations(deps.db, scope, f),
  ]);
  return { data: rows.map((r) => present(deps, actor, r)), total, page, pageSize };
};

/** The most rows one registrations export writes (the filter sheet says when it was cut). */
export const REGISTRATION_EXPORT_MAX_ROWS = 50_000;

type RegistrationExportRow = Awaited<ReturnType<typeof registrationExportPage>>[number];

const registrationColumns = (deps: Deps): Array<ExportColumn<RegistrationExportRow>> => [
  { zh: '申请编号', en: 'Application no.', width: 10, cell: (r) => r.registration_id },
  { zh: '单位名称', en: 'Name', width: 36, cell: (r) => r.name },
  { zh: '统一社会信用代码', en: 'Credit code', width: 22, cell: (r) => r.credit_code },
  { zh: '地区代码', en: 'Region code', width: 12, cell: (r) => r.region_code },
  { zh: '地区', en: 'Region', width: 16, cell: (r) => getRegion(r.region_code)?.name ?? '' },
  { zh: '地址', en: 'Address', width: 36, cell: (r) => r.address },
  {
    zh: '行业',
    en: 'Industry',
    width: 28,
    cell: (r) => `${r.industry_code} ${getIndustry(r.industry_code)?.name ?? ''}`.trim(),
  },
  { zh: '联系人', en: 'Contact', width: 12, cell: (r) => r.contact_name },
  // Masked as in the list: the full number is never exported.
  {
    zh: '联系电话',
    en: 'Phone',
    width: 14,
    cell: (r) => maskPhone(deps.crypto.decrypt(r.contact_phone_enc)) ?? '',
  },
  { zh: '申请账号', en: 'Username', width: 16, cell: (r) => r.username },
  {
    zh: '状态',
    en: 'Status',
    width: 10,
    cell: (r, en) => registrationStatusLabels[r.status as RegistrationStatus]?.[en ? 'en' : 'zh'] ?? r.status,
  },
  {
    zh: '提交时间',
    en: 'Submitted',
    width: 20,
    cell: (r) => chinaDateTime(new Date(r.submitted_at as unknown as string)),
  },
  {
    zh: '审核时间',
    en: 'Reviewed',
    width: 20,
    cell: (r) => (r.reviewed_at ? chinaDateTime(new Date(r.reviewed_at)) : ''),
  },
  { zh: '审核人', en: 'Reviewed by', width: 12, cell: (r) => r.reviewed_by_name ?? '' },
  { zh: '退回意见', en: 'Opinion', width: 36, cell: (r) => r.opinion ?? '' },
  {
    zh: '库中同代码单位',
    en: 'Employer already in the database',
    width: 30,
    cell: (r) => r.existing_name ?? '',
  },
];

/**
 * 注册审核 as a file: the registrations the list shows for the same filter (the actor's region only), in
 * its order (pending first, newest first), phones masked; audited (`employer_registration.export`).
 */
export const exportRegistrations = async (
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
  lang: Lang,
  q: RegistrationExportQuery,
  opts: { maxRows?: number; pageSize?: number } = {},
) => {
  const en = lang === 'en';
  const { format, ...filters } = q;
  const f = { status: q.status, q: q.q?.trim() || undefined };
  const scope = scopeOf(actor, 'business');
  const any = en ? 'All' : '全部';
  return streamListExport<RegistrationExportRow>({
    db: deps.db,
    ctx,
    lang,
    format,
    audit: { action: 'employer_registration.export', entityType: 'employer_registration', filters },
    sheet: { zh: '注册申请', en: 'Registrations' },
    file: { zh: '用人单位注册申请', en: 'employer-registrations' },
    columns: registrationColumns(deps),
    count: () => countRegistrations(deps.db, scope, f),
    page: (after, limit) => registrationExportPage(deps.db, scope, f, after?.cursor ?? null, limit),
    filter: [
      [en ? 'Contents' : '导出内容', en ? 'Employer registrations' : '用人单位注册审核'],
      [en ? 'Status' : '状态', q.status ? registrationStatusLabels[q.status][en ? 'en' : 'zh'] : any],
      [en ? 'Search' : '名称或代码', f.q ?? any],
      [
        en ? 'Scope' : '数据范围',
        en ? "Registrations within the exporter's region" : '导出人管辖地区内的注册申请',
      ],
    ],
    order: { zh: '待审核在前，按提交时间由新到旧排列', en: 'pending first, newest first' },
    maxRows: opts.maxRows ?? REGISTRATION_EXPORT_MAX_ROWS,
    pageSize: opts.pageSize,
  });
};

export const approveRegistration = async (deps: Deps, ctx: AuditContext, actor: Actor, id: number) => {
  if (!canManageEmployer(actor)) throw forbidden();
  return deps.db.transaction().execute(async (trx) => {
    const r = await lockRegistration(trx, scopeOf(actor, 'business'), id);
    if (!r) throw notFound();
    if (r.status !== 'pending') throw new AppError('conflict', 'registration_not_pending');
    if (await unsafeUsernameTaken(trx, r.username, id))
      throw new AppError('conflict', 'registration_username_taken');
    const existing = await activeOrganisationByCreditCode(trx, r.credit_code);
    if (existing && existing.kind !== 'employer')
      throw new AppError('conflict', 'registration_credit_code_other_kind');
    // Created, or (already in the base database) linked — and its profile ensured either way.
    const ids = await ensureEmployers(
      trx,
      [
        {
          creditCode: r.credit_code,
          name: r.name,
          regionCode: r.region_code,
          industryCode: r.industry_code,
          address: r.address,
        },
      ],
      'registration',
    );
    const organisationId = ids.get(r.credit_code);
    if (!organisationId) throw invalid([{ path: 'regionCode', reason: 'region_unknown' }]);
    await setEmployerContact(trx, organisationId, r.contact_name);
    const userId = await insertEmployerUser(trx, {
      username: r.username,
      display_name: r.contact_name,
      organisation_id: organisationId,
      password_hash: r.password_hash,
      phone_enc: r.contact_phone_enc,
    });
    const linkedExisting = !!existing;
    await decideRegistration(trx, id, {
      status: 'approved',
      opinion: null,
      organisation_id: organisationId,
      user_id: userId,
      linked_existing: linkedExisting,
      reviewed_by: actor.userId,
    });
    await employerRegistered(trx, { organisationId, regionCode: r.region_code, linkedExisting: !!existing });
    await writeAudit(trx, ctx, {
      action: 'employer_registration.approve',
      entityType: 'employer_registration',
      entityId: id,
      before: { status: 'pending' },
      after: {
        status: 'approved',
        organisationId,
        userId,
        username: r.username,
        linkedExisting,
        creditCode: r.credit_code,
      },
    });
    return { id, status: 'approved' as const, organisationId, userId, linkedExisting };
  });
};

export const rejectRegistration = async (
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  opinion: string,
) => {
  if (!canManageEmployer(actor)) throw forbidden();
  const text = opinion.trim();
  if (!text) throw invalid([{ path: 'opinion', reason: 'registration_opinion_required' }]);
  return deps.db.transaction().execute(async (trx) => {
    const r = await lockRegistration(trx, scopeOf(actor, 'business'), id);
    if (!r) throw notFound();
    if (r.status !== 'pending') throw new AppError('conflict', 'registration_not_pending');
    await decideRegistration(trx, id, {
      status: 'rejected',
      opinion: text,
      organisation_id: null,
      user_id: null,
      linked_existing: null,
      reviewed_by: actor.userId,
    });
    await writeAudit(trx, ctx, {
      action: 'employer_registration.reject',
      entityType: 'employer_registration',
      entityId: id,
      before: { status: 'pending' },
      after: { status: 'rejected', opinion: text },
    });
    return { id, status: 'rejected' as const, organisationId: null, userId: null, linkedExisting: null };
  });
};

export const registrationDetail = async (deps: Deps, actor: Actor, id: number) => {
  const r = await findRegistration(deps.db, scopeOf(actor, 'business'), id);
  if (!r) throw notFound();
  return present(deps, actor, r);
};
