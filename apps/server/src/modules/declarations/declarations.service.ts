/**
 * 职业病危害项目申报 (issue 17 item 2): the employer starts a declaration (初次 / 变更 / 年度更新 / 注销; a
 * change, an annual update and a cancellation are prefilled from the last accepted one), fills it in steps
 * and submits it; the receiving county health commission returns it with an opinion or accepts it and
 * issues the 申报回执 (a verifiable document). Every submission keeps the form as a version. Clocks
 * (deadline_rule, migration 0038): the employer's duty (初次 30 days after 竣工验收 or at once; 变更 and 注销
 * 15 days; 年度更新 window > 11 and < 13 months after the last accepted one) and the commission's 回执
 * (5 working days). Totals are computed from the rows and cross-checked. Every write is audited.
 */
import {
  computeDeclaration,
  legacyTotals,
  declarationCategories,
  declarationCategoryLabels,
  declarationTypeLabels,
  type DeclarationAcceptInput,
  type DeclarationCreateInput,
  type DeclarationDetail,
  type DeclarationForm,
  type DeclarationListQuery,
  type DeclarationOptions,
  type DeclarationReturnInput,
  type DeclarationSummary,
  type DeclarationType,
  type DeclarationUpdateInput,
} from '@ohp/contracts';
import { chinaDayOf, chinaToday, getIndustry } from '@ohp/reference';
import type { Kysely, Transaction } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { scopeOf } from '../../platform/authz/scope.js';
import type { DB } from '../../platform/db-types.js';
import { AppError, invalid } from '../../platform/errors.js';
import { workingCalendar } from '../calendar/index.js';
import {
  closeDeadlines,
  deadlineRules,
  dropDeadlines,
  dueDate,
  openDeadlines,
  overdueDays,
} from '../deadlines/index.js';
import { documentsAbout, issueDocument, revokeDocumentsAbout } from '../documents/index.js';
import {
  recordDeclaredFigures,
  setEmployerProgrammeStatus,
  type EmployerRegistered,
} from '../employers/index.js';
import {
  awaitingReview,
  declarationAbilities,
  editableState,
  isOwner,
  isReviewer,
  receivingLevelOf,
  receivingRegionOf,
} from './declarations.policy.js';
import {
  acceptedDeclarationsOf,
  commissionOf,
  countDeclarations,
  declarationInScope,
  decideVersion,
  deleteDeclaration,
  employerOf,
  formOfDeclaration,
  hasDeclarationOf,
  insertDeclaration,
  insertVersion,
  lastAcceptedOf,
  listDeclarations,
  lockDeclaration,
  openDeclarationOf,
  openVersionOf,
  openVersionsOf,
  returnedVersionIds,
  updateDeclaration,
  versionsOf,
  type DeclarationRow,
} from './declarations.repository.js';
import {
  annualLockIssues,
  annualWindow,
  fieldIssues,
  normaliseForm,
  receiptNumber,
  submitIssues,
} from './declarations.rules.js';

type Db = Kysely<DB>;
type Tx = Kysely<DB> | Transaction<DB>;

/** The clock kinds (deadline_rule, migration 0038). */
export const DECLARATION_CLOCKS = {
  initial: 'declaration_initial',
  change: 'declaration_change',
  cancel: 'declaration_cancel',
  annual: 'declaration_annual',
  receipt: 'declaration_receipt',
  returned: 'declaration_returned',
} as const;

/** Dates are China dates (UTC+8): a declaration submitted at 01:00 in Changchun is declared that day. */
const today = () => chinaToday();
const day = (d: string | Date | null): string | null => (d === null ? null : chinaDayOf(d));
/** The instant of an action on China day `on`: now, or noon China time of a back-dated day (demo history). */
const instantOn = (on: string): Date => (on === today() ? new Date() : new Date(`${on}T12:00:00+08:00`));
const iso = (d: Date | string | null): string | null =>
  d === null ? null : typeof d === 'string' ? d : d.toISOString();
const userOf = (a: Actor): number | null => (a.userId > 0 ? a.userId : null);
const conflict = (reason: string) => new AppError('conflict', reason);
const scope = (actor: Actor) => scopeOf(actor, 'business');
export const asForm = (v: unknown): DeclarationForm =>
  (typeof v === 'string' ? (JSON.parse(v) as unknown) : (v ?? {})) as DeclarationForm;

const summaryOf = (actor: Actor, r: DeclarationRow, now: string): DeclarationSummary => ({
  id: r.declaration_id,
  employerId: r.employer_id,
  employerName: r.employer_name,
  creditCode: r.credit_code,
  regionCode: r.region_code,
  type: r.declaration_type,
  status: r.status,
  triggerDate: day(r.trigger_date),
  dueOn: day(r.due_on),
  late: r.late,
  submittedAt: iso(r.submitted_at),
  receiptDueOn: day(r.receipt_due_on),
  receiptOverdueDays:
    r.status === 'submitted' && r.receipt_due_on ? overdueDays(day(r.receipt_due_on)!, null, now) : 0,
  acceptedAt: iso(r.accepted_at),
  employees: r.employees,
  exposedDistinct: r.exposed_distinct,
  source: r.source,
  version: r.version,
  receivingLevel: r.receiving_level === 'city' ? 'city' : 'county',
  abilities: declarationAbilities(actor, r),
});

/**
 * The list's filters; `receivedBy=me` keeps those the actor's commission receives (第四条: its county's
 * at county level, its city's at city level) — the reviewer's own queue, without the declarations of its
 * region another level receives (a county reads its 省属企业's, the city decides them).
 */
const filtersOf = (actor: Actor, q: DeclarationListQuery) => ({
  type: q.type,
  status: q.status,
  late: q.late,
  regionCode: q.regionCode,
  year: q.year,
  q: q.q?.trim() || undefined,
  ...(q.receivedBy === 'me' && {
    receivedBy: actor.organisationKind === 'health_commission' ? actor.regionCode : '-',
  }),
});

export const listDeclarationsFor = async (
  db: Db,
  actor: Actor,
  q: DeclarationListQuery,
  exactCountLimit: number,
) => {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const f = filtersOf(actor, q);
  const [rows, { total, totalExact }] = await Promise.all([
    listDeclarations(db, scope(actor), f, { offset: (page - 1) * pageSize, limit: pageSize }),
    countDeclarations(db, scope(actor), f, { limit: exactCountLimit, exact: q.exactTotal === true }),
  ]);
  const now = today();
  return { data: rows.map((r) => summaryOf(actor, r, now)), total, totalExact, page, pageSize };
};

/** Every declaration in scope matching the filters (the xlsx export), in pages of 2,000. */
export const allDeclarationsFor = async (db: Db, actor: Actor, q: DeclarationListQuery) => {
  const out: DeclarationSummary[] = [];
  const now = today();
  for (let offset = 0; ; offset += 2000) {
    const rows = await listDeclarations(db, scope(actor), filtersOf(actor, q), { offset, limit: 2000 });
    out.push(...rows.map((r) => summaryOf(actor, r, now)));
    if (rows.length < 2000 || out.length >= 50_000) return out;
  }
};

export const declarationDetail = async (db: Db, actor: Actor, id: number): Promise<DeclarationDetail> => {
  const r = await declarationInScope(db, scope(actor), id);
  if (!r) throw new AppError('not_found', 'not_found');
  const form = asForm(r.form);
  const [versions, previous, docs] = await Promise.all([
    versionsOf(db, id),
    r.previous_id ? declarationInScope(db, scope(actor), r.previous_id) : Promise.resolve(undefined),
    documentsAbout(db, 'declaration', id),
  ]);
  // A legacy declaration (imported) has no workplace rows: its totals are the figures it was imported
  // with, not sums of rows it never had.
  const { totals, issues } = form.legacy
    ? {
        totals: legacyTotals(form, {
          employees: r.employees,
          exposedDistinct: r.exposed_distinct,
          exposedRepeated: r.exposed_repeated,
        }),
        issues: [],
      }
    : computeDeclaration(form);
  const lastDecided = versions.find((v) => v.decision !== null);
  const receipt = docs
    .filter((d) => d.kind === 'declaration_receipt')
    .sort((a, b) => b.issuedAt.localeCompare(a.issuedAt))[0];
  return {
    ...summaryOf(actor, r, today()),
    changeReason: r.change_reason,
    form,
    totals,
    issues: [...fieldIssues(form), ...issues],
    missing: editableState(r)
      ? submitIssues(
          r.declaration_type as DeclarationType,
          form,
          previous ? asForm(previous.form) : null,
        ).filter((i) => i.reason === 'value_required' || i.reason === 'declaration_no_workplace')
      : [],
    returnedOpinion:
      r.status === 'returned' && lastDecided?.decision === 'returned' ? lastDecided.opinion : null,
    previousId: r.previous_id,
    versions: versions.map((v) => ({
      versionNo: v.version_no,
      submittedAt: iso(v.submitted_at)!,
      decision: v.decision,
      opinion: v.opinion,
      decidedAt: iso(v.decided_at),
    })),
    receipt: receipt
      ? {
          documentId: receipt.documentId,
          code: receipt.code,
          verifyPath: receipt.verifyPath,
          revoked: receipt.revoked,
        }
      : null,
  };
};

/** The employer's 基本信息 from its base record (what an initial declaration starts with). */
const basicFromEmployer = (e: NonNullable<Awaited<ReturnType<typeof employerOf>>>): DeclarationForm => ({
  basic: {
    name: e.name,
    ...(e.credit_code && { creditCode: e.credit_code }),
    ...(e.address && { registeredAddress: e.address, workplaceAddress: e.address }),
    ...(e.industry_code && { industryCode: e.industry_code }),
    ...(e.economic_type_code && { economicTypeCode: e.economic_type_code }),
    ...(e.legal_representative && { legalRepresentative: e.legal_representative }),
    ...(e.employees !== null && { employees: e.employees }),
    ...(e.revenue_wan_yuan !== null && { revenueWanYuan: Number(e.revenue_wan_yuan) }),
  },
});

/**
 * Steps given replace the steps of the base (a step not given is kept); 基本信息 is merged field by field
 * (a field given replaces the prefilled one).
 */
const mergeForm = (base: DeclarationForm, patch: DeclarationForm | undefined): DeclarationForm => {
  const out: DeclarationForm = { ...base };
  for (const k of Object.keys(patch ?? {}) as Array<keyof DeclarationForm>)
    if (patch![k] !== undefined) (out as Record<string, unknown>)[k] = patch![k];
  if (patch?.basic) out.basic = { ...base.basic, ...patch.basic };
  return out;
};

/** What the employer may start now and when it is due (the 新建申报 dialog). */
export const declarationOptions = async (
  db: Db,
  actor: Actor,
  on: string = today(),
): Promise<DeclarationOptions> => {
  if (actor.organisationKind !== 'employer') throw new AppError('forbidden', 'declaration_not_an_employer');
  const [last, open, rules] = await Promise.all([
    lastAcceptedOf(db, actor.organisationId),
    openDeclarationOf(db, actor.organisationId),
    deadlineRules(db),
  ]);
  const lastOn = last ? day(last.accepted_at)! : null;
  const live = last && last.declaration_type !== 'cancel';
  const rule = (k: string) => rules.find((r) => r.kind === k)!;
  const calendar = await workingCalendar(db);
  const win = lastOn ? annualWindow(lastOn) : null;
  const refuse = (reason: string | null) => (open ? 'declaration_open_exists' : reason);
  return {
    lastAcceptedId: last?.declaration_id ?? null,
    lastAcceptedOn: lastOn,
    openId: open?.declaration_id ?? null,
    types: [
      {
        type: 'initial',
        allowed: !open && !live,
        reason: refuse(live ? 'declaration_initial_exists' : null),
        windowOpensOn: null,
        dueOn: null,
      },
      {
        type: 'change',
        allowed: !open && !!live,
        reason: refuse(live ? null : 'declaration_first_must_be_initial'),
        windowOpensOn: null,
        dueOn: dueDate(rule('declaration_change'), on, calendar),
      },
      {
        type: 'annual',
        allowed: !open && !!live && !!win && on >= win.opensOn,
        reason: refuse(
          !live
            ? 'declaration_first_must_be_initial'
            : win && on < win.opensOn
              ? 'declaration_annual_too_early'
              : null,
        ),
        windowOpensOn: win?.opensOn ?? null,
        dueOn: win?.dueOn ?? null,
      },
      {
        type: 'cancel',
        allowed: !open && !!live,
        reason: refuse(live ? null : 'declaration_first_must_be_initial'),
        windowOpensOn: null,
        dueOn: dueDate(rule('declaration_cancel'), on, calendar),
      },
    ],
  };
};

/**
 * Opens the 初次申报 clock of employers that never declared (due at once, Tianjin 静海 FAQ), as a set:
 * subject 'employer', the employer responsible, its region warned. One clock per employer; the clock of
 * an employer that has one already (open or done) stays. For the employers module and the demo.
 */
export const openNeverDeclaredClocks = async (
  trx: Tx,
  employers: Array<{ organisationId: number; regionCode: string }>,
  on: string = today(),
): Promise<void> =>
  openDeadlines(
    trx,
    employers.map((e) => ({
      kind: DECLARATION_CLOCKS.initial,
      subject_type: 'employer',
      subject_id: e.organisationId,
      starts_on: on,
      due_on: on,
      responsible_organisation_id: e.organisationId,
      regulator_region_code: e.regionCode,
    })),
  );

/**
 * The clocks a legacy import leaves (历史申报导入, per chunk, in its transaction; idempotent): each employer
 * it names owes its next 年度更新 from its newest accepted declaration — whatever its source; none after a
 * 注销 —, the annual clocks of its older declarations close, and so does a never-declared 初次申报 clock.
 */
export const settleClocksOfImported = async (trx: Tx, employerIds: number[]): Promise<void> => {
  if (!employerIds.length) return;
  const rows = await acceptedDeclarationsOf(trx, employerIds);
  const newest = new Map<number, (typeof rows)[number]>();
  for (const r of rows) if (!newest.has(r.employer_id)) newest.set(r.employer_id, r);
  const by = { userId: null, note: 'imported' };
  const older = rows.filter((r) => newest.get(r.employer_id) !== r).map((r) => r.declaration_id);
  await closeDeadlines(trx, [DECLARATION_CLOCKS.annual], 'declaration', older, by);
  await closeDeadlines(trx, [DECLARATION_CLOCKS.initial], 'employer', [...newest.keys()], by);
  await openDeadlines(
    trx,
    [...newest.values()]
      .filter((r) => r.declaration_type !== 'cancel')
      .map((r) => {
        const win = annualWindow(day(r.accepted_at)!);
        return {
          kind: DECLARATION_CLOCKS.annual,
          subject_type: 'declaration',
          subject_id: r.declaration_id,
          starts_on: win.opensOn,
          due_on: win.dueOn,
          responsible_organisation_id: r.employer_id,
          regulator_region_code: r.region_code,
        };
      }),
  );
};

/**
 * An employer approved through self-registration that has never declared owes its 初次申报 at once
 * (the clock its to-dos and the county's overdue list read); one with a declaration already — an
 * existing record the registration was linked to — keeps the clocks it has.
 */
export const openClockOfRegisteredEmployer = async (trx: Tx, e: EmployerRegistered): Promise<void> => {
  if (await hasDeclarationOf(trx, e.organisationId)) return;
  await openNeverDeclaredClocks(trx, [{ organisationId: e.organisationId, regionCode: e.regionCode }]);
};

export const createDeclaration = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  input: DeclarationCreateInput,
  on: string = today(),
): Promise<{ id: number; dueOn: string | null }> => {
  if (actor.organisationKind !== 'employer' || !actor.permissions.has('declarations:submit'))
    throw new AppError('forbidden', 'declaration_not_an_employer');
  const type = input.type;
  const trigger = input.triggerDate ?? null;
  const reason = input.changeReason?.trim() || null;
  const bad: Array<{ path: string; reason: string }> = [];
  if ((type === 'change' || type === 'cancel') && !trigger)
    bad.push({ path: 'triggerDate', reason: 'declaration_trigger_date_required' });
  if (trigger && trigger > on) bad.push({ path: 'triggerDate', reason: 'declaration_trigger_date_future' });
  if ((type === 'change' || type === 'cancel') && !reason)
    bad.push({ path: 'changeReason', reason: 'declaration_change_reason_required' });
  if (bad.length) throw invalid(bad);
  return db.transaction().execute(async (trx) => {
    const employer = await employerOf(trx, actor.organisationId);
    if (!employer || employer.kind !== 'employer')
      throw new AppError('forbidden', 'declaration_not_an_employer');
    if (await openDeclarationOf(trx, employer.organisation_id)) throw conflict('declaration_open_exists');
    const last = await lastAcceptedOf(trx, employer.organisation_id);
    const live = last && last.declaration_type !== 'cancel';
    if (type === 'initial' && live) throw conflict('declaration_initial_exists');
    if (type !== 'initial' && !live) throw conflict('declaration_first_must_be_initial');
    const lastOn = last ? day(last.accepted_at)! : null;
    if (type === 'annual' && on < annualWindow(lastOn!).opensOn)
      throw conflict('declaration_annual_too_early');

    // Prefilled: from the last accepted declaration (变更 / 年度更新 / 注销), else from the base record.
    const base = live ? asForm(last.form) : basicFromEmployer(employer);
    const form = normaliseForm(mergeForm(base, input.form));
    const issues = [
      ...fieldIssues(form),
      ...(type === 'annual' && live ? annualLockIssues(form, asForm(last.form)) : []),
    ];
    if (issues.length) throw invalid(issues.map((i) => ({ ...i, path: `form.${i.path}` })));

    const rules = new Map((await deadlineRules(trx)).map((r) => [r.kind, r]));
    const calendar = await workingCalendar(trx);
    let dueOn: string | null;
    if (type === 'annual') dueOn = annualWindow(lastOn!).dueOn;
    else if (type === 'initial' && !trigger) dueOn = on;
    else dueOn = dueDate(rules.get(DECLARATION_CLOCKS[type])!, trigger!, calendar);
    const { totals } = computeDeclaration(form);
    const id = await insertDeclaration(trx, {
      employer_id: employer.organisation_id,
      region_code: employer.region_code,
      receiving_level: receivingLevelOf(employer.affiliation),
      declaration_type: type,
      change_reason: reason,
      trigger_date: trigger,
      form,
      employees: totals.employees,
      exposed_distinct: totals.exposedDistinct,
      exposed_repeated: totals.exposedRepeated,
      due_on: dueOn,
      previous_id: live ? last.declaration_id : null,
      created_by: userOf(actor),
    });
    // The employer's duty: a clock on this declaration (initial with 竣工验收, change, cancel); the annual
    // clock already hangs on the last accepted one; a never-declared employer's clock on the employer.
    if (type === 'initial' && !trigger)
      await openNeverDeclaredClocks(
        trx,
        [{ organisationId: employer.organisation_id, regionCode: employer.region_code }],
        on,
      );
    else if (type !== 'annual')
      await openDeadlines(trx, [
        {
          kind: DECLARATION_CLOCKS[type],
          subject_type: 'declaration',
          subject_id: id,
          starts_on: trigger!,
          due_on: dueOn,
          responsible_organisation_id: employer.organisation_id,
          regulator_region_code: employer.region_code,
        },
      ]);
    await writeAudit(trx, ctx, {
      action: 'declaration.create',
      entityType: 'declaration',
      entityId: id,
      after: { type, triggerDate: trigger, dueOn, previousId: live ? last.declaration_id : null },
    });
    return { id, dueOn };
  });
};

const lockFor = async (trx: Transaction<DB>, actor: Actor, id: number, as: 'owner' | 'reviewer') => {
  const r = await lockDeclaration(trx, scope(actor), id);
  if (!r) throw new AppError('not_found', 'not_found');
  if (as === 'owner' && !isOwner(actor, r)) throw new AppError('forbidden', 'forbidden');
  if (as === 'reviewer' && !isReviewer(actor, r))
    throw new AppError('forbidden', 'declaration_reviewer_county');
  return r;
};

const previousForm = async (trx: Transaction<DB>, r: DeclarationRow) => {
  if (!r.previous_id) return null;
  const p = await formOfDeclaration(trx, r.previous_id);
  return p ? asForm(p.form) : null;
};

export const updateDraft = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: DeclarationUpdateInput,
): Promise<{ id: number; issues: Array<{ path: string; reason: string }> }> =>
  db.transaction().execute(async (trx) => {
    const r = await lockFor(trx, actor, id, 'owner');
    if (!editableState(r)) throw conflict('declaration_not_editable');
    const form = normaliseForm(mergeForm(asForm(r.form), input.form));
    const prev = await previousForm(trx, r);
    const issues = [
      ...fieldIssues(form),
      ...(r.declaration_type === 'annual' ? annualLockIssues(form, prev) : []),
    ];
    if (issues.length) throw invalid(issues.map((i) => ({ ...i, path: `form.${i.path}` })));
    const { totals, issues: cross } = computeDeclaration(form);
    await updateDeclaration(trx, id, {
      form,
      employees: totals.employees,
      exposed_distinct: totals.exposedDistinct,
      exposed_repeated: totals.exposedRepeated,
      ...(input.changeReason !== undefined && { change_reason: input.changeReason.trim() || null }),
    });
    await writeAudit(trx, ctx, {
      action: 'declaration.update',
      entityType: 'declaration',
      entityId: id,
      after: { steps: Object.keys(input.form), exposedDistinct: totals.exposedDistinct },
    });
    return { id, issues: cross };
  });

export const deleteDraft = async (db: Db, ctx: AuditContext, actor: Actor, id: number) =>
  db.transaction().execute(async (trx) => {
    const r = await lockFor(trx, actor, id, 'owner');
    if (r.status !== 'draft' || r.version > 1) throw conflict('declaration_not_deletable');
    await dropDeadlines(trx, Object.values(DECLARATION_CLOCKS), 'declaration', [id]);
    await deleteDeclaration(trx, id);
    await writeAudit(trx, ctx, {
      action: 'declaration.delete',
      entityType: 'declaration',
      entityId: id,
      before: { type: r.declaration_type, status: r.status },
    });
    return { id };
  });

export const submitDeclaration = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  on: string = today(),
): Promise<{ id: number; status: string; late: boolean }> =>
  db.transaction().execute(async (trx) => {
    const r = await lockFor(trx, actor, id, 'owner');
    if (!editableState(r)) throw conflict('declaration_not_submittable');
    const form = asForm(r.form);
    const type = r.declaration_type as DeclarationType;
    const issues = submitIssues(type, form, await previousForm(trx, r));
    if (issues.length)
      throw new AppError(
        'validation_failed',
        'declaration_incomplete',
        issues.map((i) => ({ path: `form.${i.path}`, reason: i.reason, message: '' })),
      );
    const { totals } = computeDeclaration(form);
    const first = r.status === 'draft' && r.submitted_at === null;
    const versionNo = first ? 1 : r.version + 1;
    const versionId = await insertVersion(trx, {
      declaration_id: id,
      version_no: versionNo,
      form,
      totals,
      submitted_by: userOf(actor),
      submitted_at: instantOn(on),
    });
    // Late is judged by the first submission (the duty was met or not then).
    const late = first ? (r.due_on ? on > day(r.due_on)! : false) : r.late;
    // The receiving department as the employer's 隶属关系 stands now (a correction since the draft counts).
    const receivingLevel = receivingLevelOf((await employerOf(trx, r.employer_id))?.affiliation);
    const receivingRegion = receivingRegionOf({
      region_code: r.region_code,
      receiving_level: receivingLevel,
    });
    const commission = await commissionOf(trx, receivingRegion);
    const rules = new Map((await deadlineRules(trx)).map((x) => [x.kind, x]));
    const receiptDue = dueDate(rules.get(DECLARATION_CLOCKS.receipt)!, on, await workingCalendar(trx));
    await updateDeclaration(trx, id, {
      status: 'submitted',
      receiving_level: receivingLevel,
      version: versionNo,
      late,
      receipt_due_on: receiptDue,
      employees: totals.employees,
      exposed_distinct: totals.exposedDistinct,
      exposed_repeated: totals.exposedRepeated,
      ...(first && { submitted_at: instantOn(on) }),
    });
    const by = { userId: userOf(actor), note: 'submitted' };
    await closeDeadlines(
      trx,
      [DECLARATION_CLOCKS.initial, DECLARATION_CLOCKS.change, DECLARATION_CLOCKS.cancel],
      'declaration',
      [id],
      by,
    );
    if (type === 'initial')
      await closeDeadlines(trx, [DECLARATION_CLOCKS.initial], 'employer', [r.employer_id], by);
    if (type === 'annual' && r.previous_id)
      await closeDeadlines(trx, [DECLARATION_CLOCKS.annual], 'declaration', [r.previous_id], by);
    const returned = await returnedVersionIds(trx, id);
    await closeDeadlines(trx, [DECLARATION_CLOCKS.returned], 'declaration_version', returned, by);
    await openDeadlines(trx, [
      {
        kind: DECLARATION_CLOCKS.receipt,
        subject_type: 'declaration_version',
        subject_id: versionId,
        starts_on: on,
        due_on: receiptDue,
        responsible_organisation_id: commission?.organisation_id ?? null,
        regulator_region_code: r.region_code,
      },
    ]);
    await writeAudit(trx, ctx, {
      action: 'declaration.submit',
      entityType: 'declaration',
      entityId: id,
      before: { status: r.status },
      after: { status: 'submitted', versionNo, late, dueOn: day(r.due_on), receiptDueOn: receiptDue, totals },
    });
    return { id, status: 'submitted', late };
  });

export const returnDeclaration = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: DeclarationReturnInput,
  on: string = today(),
): Promise<{ id: number; status: string }> => {
  const opinion = input.opinion.trim();
  if (opinion.length < 2) throw invalid([{ path: 'opinion', reason: 'review_opinion_required' }]);
  return db.transaction().execute(async (trx) => {
    const r = await lockFor(trx, actor, id, 'reviewer');
    if (!awaitingReview(r)) throw conflict('declaration_not_awaiting_review');
    const v = (await openVersionOf(trx, id))!;
    await decideVersion(trx, v.declaration_version_id, {
      decision: 'returned',
      opinion,
      decided_by: userOf(actor),
    });
    await updateDeclaration(trx, id, { status: 'returned', receipt_due_on: null });
    await closeDeadlines(
      trx,
      [DECLARATION_CLOCKS.receipt],
      'declaration_version',
      [v.declaration_version_id],
      {
        userId: userOf(actor),
        note: 'returned',
      },
    );
    await openDeadlines(trx, [
      {
        kind: DECLARATION_CLOCKS.returned,
        subject_type: 'declaration_version',
        subject_id: v.declaration_version_id,
        starts_on: on,
        responsible_organisation_id: r.employer_id,
        regulator_region_code: r.region_code,
      },
    ]);
    await writeAudit(trx, ctx, {
      action: 'declaration.return',
      entityType: 'declaration',
      entityId: id,
      before: { status: r.status },
      after: { status: 'returned', versionNo: v.version_no, opinion },
    });
    return { id, status: 'returned' };
  });
};

/** What the receipt confirms (shown on the public verification page: no personal data). */
const receiptFields = (
  r: DeclarationRow,
  form: DeclarationForm,
  number: string,
  submittedOn: string,
  acceptedOn: string,
  authority: string,
) => {
  const { totals } = computeDeclaration(form);
  const b = form.basic ?? {};
  const cats = declarationCategories.filter((c) => totals.categories[c]?.present);
  const industry = b.industryCode ? getIndustry(b.industryCode) : undefined;
  return [
    { label: { zh: '用人单位名称', en: 'Employer' }, value: b.name ?? r.employer_name },
    { label: { zh: '统一社会信用代码', en: 'Credit code' }, value: b.creditCode ?? r.credit_code ?? '' },
    {
      label: { zh: '申报类别', en: 'Type' },
      value: declarationTypeLabels[r.declaration_type as DeclarationType].zh,
    },
    { label: { zh: '作业场所地址', en: 'Workplace address' }, value: b.workplaceAddress ?? '' },
    { label: { zh: '行业分类', en: 'Industry' }, value: industry ? `${industry.code} ${industry.name}` : '' },
    {
      label: { zh: '在册职工总数', en: 'Staff' },
      value: totals.employees === null ? '' : String(totals.employees),
    },
    { label: { zh: '接触职业病危害总人数', en: 'Exposed workers' }, value: String(totals.exposedDistinct) },
    {
      label: { zh: '职业病危害因素种类', en: 'Hazard categories' },
      value: cats.map((c) => declarationCategoryLabels[c].zh).join('、') || '无',
    },
    { label: { zh: '申报日期', en: 'Declared on' }, value: submittedOn },
    { label: { zh: '受理日期', en: 'Accepted on' }, value: acceptedOn },
    { label: { zh: '受理机关', en: 'Accepted by' }, value: authority },
    { label: { zh: '回执编号', en: 'Receipt number' }, value: number },
  ].filter((f) => f.value.trim());
};

export const acceptDeclaration = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: DeclarationAcceptInput,
  on: string = today(),
): Promise<{
  id: number;
  status: string;
  receipt: { documentId: number; code: string; verifyPath: string };
}> =>
  db.transaction().execute(async (trx) => {
    const r = await lockFor(trx, actor, id, 'reviewer');
    if (!awaitingReview(r)) throw conflict('declaration_not_awaiting_review');
    const v = (await openVersionOf(trx, id))!;
    const opinion = input.opinion?.trim() || null;
    const acceptedAt = instantOn(on);
    await decideVersion(trx, v.declaration_version_id, {
      decision: 'accepted',
      opinion,
      decided_by: userOf(actor),
      decided_at: acceptedAt.toISOString(),
    });
    const by = { userId: userOf(actor), note: 'accepted' };
    await closeDeadlines(
      trx,
      [DECLARATION_CLOCKS.receipt],
      'declaration_version',
      [v.declaration_version_id],
      by,
    );
    const form = asForm(r.form);
    const authority = await commissionOf(trx, actor.regionCode);
    const number = receiptNumber(receivingRegionOf(r), on, id);
    // A later accepted declaration replaces the receipt of the one before (as filings do for a change).
    if (r.previous_id) {
      await revokeDocumentsAbout(trx, ctx, {
        subjectType: 'declaration',
        subjectId: r.previous_id,
        kind: 'declaration_receipt',
        reason:
          r.declaration_type === 'cancel'
            ? `申报已注销 (declaration cancelled): ${r.change_reason ?? ''}`.trim()
            : '已有新的申报回执 (superseded by a later accepted declaration)',
        userId: userOf(actor),
      });
      await closeDeadlines(trx, [DECLARATION_CLOCKS.annual], 'declaration', [r.previous_id], by);
    }
    const receipt = await issueDocument(trx, ctx, {
      kind: 'declaration_receipt',
      organisationId: r.employer_id,
      issuerOrganisationId: actor.organisationId,
      subjectType: 'declaration',
      subjectId: id,
      title: { zh: '职业病危害项目申报回执', en: 'Hazard-project declaration: receipt' },
      number,
      fields: receiptFields(r, form, number, day(r.submitted_at)!, on, authority?.name ?? ''),
    });
    await updateDeclaration(trx, id, {
      status: 'accepted',
      accepted_at: acceptedAt,
      accepted_by: userOf(actor),
      receipt_document_id: receipt.documentId,
    });
    if (r.declaration_type === 'cancel') {
      // The employer leaves the programme (employers module: a new version of its base record).
      await setEmployerProgrammeStatus(trx, ctx, actor, r.employer_id, {
        status: 'closed',
        reason: `注销申报 ${number}${r.change_reason ? `：${r.change_reason}` : ''}`,
        on: day(r.trigger_date) ?? on,
      });
    } else {
      const win = annualWindow(on);
      await openDeadlines(trx, [
        {
          kind: DECLARATION_CLOCKS.annual,
          subject_type: 'declaration',
          subject_id: id,
          starts_on: win.opensOn,
          due_on: win.dueOn,
          responsible_organisation_id: r.employer_id,
          regulator_region_code: r.region_code,
        },
      ]);
    }
    // The base record takes the declared staff and exposed workers (a version of its own, audited there).
    if (r.declaration_type !== 'cancel')
      await recordDeclaredFigures(trx, ctx, actor, r.employer_id, {
        employees: r.employees,
        exposedEmployees: r.exposed_distinct,
        declarationId: id,
      });
    await writeAudit(trx, ctx, {
      action: 'declaration.accept',
      entityType: 'declaration',
      entityId: id,
      before: { status: r.status },
      after: { status: 'accepted', versionNo: v.version_no, opinion, receipt: receipt.code, number },
    });
    return { id, status: 'accepted', receipt };
  });

export const receiptOf = async (db: Db, actor: Actor, id: number) => {
  const r = await declarationInScope(db, scope(actor), id);
  if (!r) throw new AppError('not_found', 'not_found');
  const d = (await documentsAbout(db, 'declaration', id))
    .filter((x) => x.kind === 'declaration_receipt')
    .sort((a, b) => b.issuedAt.localeCompare(a.issuedAt))[0];
  if (!d) throw new AppError('not_found', 'declaration_no_receipt');
  return {
    documentId: d.documentId,
    code: d.code,
    verifyPath: d.verifyPath,
    issuedAt: d.issuedAt,
    revoked: d.revoked,
  };
};

/** The open submissions of these declarations (their 回执 clock subjects), for other readers. */
export { openVersionsOf };
