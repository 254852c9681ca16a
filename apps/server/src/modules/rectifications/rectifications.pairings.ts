/**
 * 对口帮扶 (pairing assistance; 黑卫 2024 职业病防治技术支撑能力提升行动 三(四)2): the provincial institute and
 * experts help the other diagnosis institutions; the cities, the QC centre and the QC experts pick 2–3
 * well-performing public exam institutions to help the local others, and 1–2 hospitals to help the
 * pneumoconiosis rehabilitation stations — guidance on the organisation, the quality management system,
 * information reporting, QC rectification, training. The city commissions report every year by 15
 * November. A pairing is recorded by the QC centre or a regulator of the assisted institution's area,
 * with its activities and yearly reports; every write is audited.
 */
import { chinaToday } from '@ohp/reference';
import {
  assistanceReportDueMonthDay,
  type PairingActivityInput,
  type PairingCreateInput,
  type PairingDetail,
  type PairingListQuery,
  type PairingReportInput,
  type PairingSummary,
  type PairingUpdateInput,
} from '@ohp/contracts';
import type { Kysely } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { DB } from '../../platform/db-types.js';
import { AppError, invalid } from '../../platform/errors.js';
import { isSupervisor, rectificationScope } from './rectifications.policy.js';
import {
  activitiesOf,
  countPairings,
  insertActivity,
  insertPairing,
  institutionsById,
  institutionInScope,
  listPairings,
  lockPairing,
  pairingCounts,
  pairingInScope,
  reportsOf,
  updatePairing,
  upsertReport,
  type PairingRow,
} from './rectifications.repository.js';
import { regionFullName } from './rectifications.service.js';

type Db = Kysely<DB>;
const userOf = (a: Actor): number | null => (a.userId > 0 ? a.userId : null);

/** The assisted institution's kind for each kind of pairing. */
const ASSISTED_KIND = {
  diagnosis: 'diagnosis_institution',
  exam: 'exam_institution',
  rehab: 'rehab_station',
} as const;
/** Who can lead: the provincial institute and CDCs, hospitals (exam / diagnosis institutions). */
const LEAD_KINDS = ['diagnosis_institution', 'exam_institution', 'support_institution', 'qc_centre'];

/** The QC centre or a regulator whose area holds the pairing (the rows read are in the actor's scope). */
const canManage = (actor: Actor): boolean =>
  isSupervisor(actor) && rectificationScope(actor).kind === 'region';

const summaryOf = (
  actor: Actor,
  r: PairingRow,
  counts: Awaited<ReturnType<typeof pairingCounts>>,
): PairingSummary => ({
  id: r.assistance_pairing_id,
  kind: r.kind,
  leadInstitutionId: r.lead_institution_id,
  leadInstitutionName: r.lead_name,
  assistedInstitutionId: r.assisted_institution_id,
  assistedInstitutionName: r.assisted_name,
  regionCode: r.region_code,
  regionName: regionFullName(r.region_code),
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  status: r.status,
  focus: r.focus as PairingSummary['focus'],
  note: r.note,
  activities: counts.activities.get(r.assistance_pairing_id) ?? 0,
  reportYears: counts.years.get(r.assistance_pairing_id) ?? [],
  abilities: { manage: canManage(actor) },
});

export const listPairingsFor = async (db: Db, actor: Actor, q: PairingListQuery) => {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const scope = rectificationScope(actor);
  const f = { kind: q.kind, year: q.year };
  const [rows, total] = await Promise.all([
    listPairings(db, scope, f, { offset: (page - 1) * pageSize, limit: pageSize }),
    countPairings(db, scope, f),
  ]);
  const counts = await pairingCounts(
    db,
    rows.map((r) => r.assistance_pairing_id),
  );
  return { data: rows.map((r) => summaryOf(actor, r, counts)), total, page, pageSize };
};

export const pairingDetail = async (db: Db, actor: Actor, id: number): Promise<PairingDetail> => {
  const r = await pairingInScope(db, rectificationScope(actor), id);
  if (!r) throw new AppError('not_found', 'not_found');
  const [counts, activities, reports] = await Promise.all([
    pairingCounts(db, [id]),
    activitiesOf(db, id),
    reportsOf(db, id),
  ]);
  return {
    ...summaryOf(actor, r, counts),
    activityList: activities.map((a) => ({
      id: a.assistance_activity_id,
      activityOn: a.activity_on,
      kind: a.kind,
      summary: a.summary,
    })),
    reports: reports.map((x) => ({ year: x.year, summary: x.summary, submittedOn: x.submitted_on })),
    reportDueOn: `${chinaToday().slice(0, 4)}-${assistanceReportDueMonthDay}`,
  };
};

export const createPairing = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  input: PairingCreateInput,
): Promise<PairingDetail> => {
  if (!isSupervisor(actor)) throw new AppError('forbidden', 'rectification_supervisor_only');
  const issues: Array<{ path: string; reason: string }> = [];
  const assisted = await institutionInScope(db, rectificationScope(actor), input.assistedInstitutionId);
  if (!assisted) issues.push({ path: 'assistedInstitutionId', reason: 'rectification_institution_unknown' });
  else if (assisted.kind !== ASSISTED_KIND[input.kind])
    issues.push({ path: 'assistedInstitutionId', reason: 'pairing_kind_mismatch' });
  // The lead may be outside the actor's area (the provincial institute helps a city's institutions),
  // but within the province.
  const [lead] = await institutionsById(db, [input.leadInstitutionId]);
  if (
    !lead ||
    !LEAD_KINDS.includes(lead.kind) ||
    lead.region_code.slice(0, 2) !== actor.regionCode.slice(0, 2)
  )
    issues.push({ path: 'leadInstitutionId', reason: 'pairing_lead_unknown' });
  else if (lead.organisation_id === input.assistedInstitutionId)
    issues.push({ path: 'leadInstitutionId', reason: 'pairing_same_institution' });
  if (input.endsOn && input.endsOn < input.startsOn)
    issues.push({ path: 'endsOn', reason: 'pairing_period_reversed' });
  if (issues.length) throw invalid(issues);
  const focus = [...new Set(input.focus)];
  const id = await db.transaction().execute(async (trx) => {
    const pairingId = await insertPairing(trx, {
      lead_institution_id: input.leadInstitutionId,
      assisted_institution_id: input.assistedInstitutionId,
      region_code: assisted!.region_code,
      kind: input.kind,
      starts_on: input.startsOn,
      ends_on: input.endsOn ?? null,
      focus,
      note: input.note?.trim() || null,
      created_by: userOf(actor),
      created_by_organisation_id: actor.organisationId,
    });
    await writeAudit(trx, ctx, {
      action: 'assistance_pairing.create',
      entityType: 'assistance_pairing',
      entityId: pairingId,
      after: {
        kind: input.kind,
        leadInstitutionId: input.leadInstitutionId,
        assistedInstitutionId: input.assistedInstitutionId,
        startsOn: input.startsOn,
        endsOn: input.endsOn ?? null,
        focus,
      },
    });
    return pairingId;
  });
  return pairingDetail(db, actor, id);
};

/** The pairing locked for a write: in scope (404), the actor may manage it (403). */
const lockFor = async (trx: Parameters<typeof lockPairing>[0], actor: Actor, id: number) => {
  const r = await lockPairing(trx, rectificationScope(actor), id);
  if (!r) throw new AppError('not_found', 'not_found');
  if (!canManage(actor)) throw new AppError('forbidden', 'rectification_supervisor_only');
  return r;
};

export const updatePairingFor = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: PairingUpdateInput,
): Promise<PairingDetail> => {
  await db.transaction().execute(async (trx) => {
    const r = await lockFor(trx, actor, id);
    const endsOn = input.endsOn === undefined ? r.ends_on : input.endsOn;
    if (endsOn && endsOn < r.starts_on)
      throw invalid([{ path: 'endsOn', reason: 'pairing_period_reversed' }]);
    const patch = {
      ...(input.endsOn !== undefined ? { ends_on: input.endsOn } : {}),
      ...(input.status ? { status: input.status } : {}),
      ...(input.focus ? { focus: [...new Set(input.focus)] } : {}),
      ...(input.note !== undefined ? { note: input.note?.trim() || null } : {}),
    };
    await updatePairing(trx, id, patch);
    await writeAudit(trx, ctx, {
      action: 'assistance_pairing.update',
      entityType: 'assistance_pairing',
      entityId: id,
      before: { endsOn: r.ends_on, status: r.status, focus: r.focus, note: r.note },
      after: patch,
    });
  });
  return pairingDetail(db, actor, id);
};

export const addPairingActivity = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: PairingActivityInput,
  today: string = chinaToday(),
): Promise<PairingDetail> => {
  await db.transaction().execute(async (trx) => {
    const r = await lockFor(trx, actor, id);
    if (
      input.activityOn > today ||
      input.activityOn < r.starts_on ||
      (r.ends_on && input.activityOn > r.ends_on)
    )
      throw invalid([{ path: 'activityOn', reason: 'pairing_activity_outside' }]);
    const summary = input.summary.trim();
    if (!summary) throw invalid([{ path: 'summary', reason: 'value_required' }]);
    const activityId = await insertActivity(trx, {
      assistance_pairing_id: id,
      activity_on: input.activityOn,
      kind: input.kind,
      summary,
      created_by: userOf(actor),
    });
    await writeAudit(trx, ctx, {
      action: 'assistance_pairing.update',
      entityType: 'assistance_pairing',
      entityId: id,
      after: { activityId, activityOn: input.activityOn, kind: input.kind, summary },
    });
  });
  return pairingDetail(db, actor, id);
};

/** The yearly report (帮扶工作开展情况报告, due by 15 November); submitting the year again replaces it. */
export const submitPairingReport = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: PairingReportInput,
  today: string = chinaToday(),
): Promise<PairingDetail> => {
  await db.transaction().execute(async (trx) => {
    const r = await lockFor(trx, actor, id);
    const issues: Array<{ path: string; reason: string }> = [];
    if (
      input.year > Number(today.slice(0, 4)) ||
      input.year < Number(r.starts_on.slice(0, 4)) ||
      (r.ends_on && input.year > Number(r.ends_on.slice(0, 4)))
    )
      issues.push({ path: 'year', reason: 'pairing_report_year' });
    const submittedOn = input.submittedOn ?? today;
    if (submittedOn > today) issues.push({ path: 'submittedOn', reason: 'rectification_date_future' });
    const summary = input.summary.trim();
    if (!summary) issues.push({ path: 'summary', reason: 'value_required' });
    if (issues.length) throw invalid(issues);
    const before = await upsertReport(trx, {
      assistance_pairing_id: id,
      year: input.year,
      summary,
      submitted_on: submittedOn,
      submitted_by: userOf(actor),
    });
    await writeAudit(trx, ctx, {
      action: 'assistance_pairing.report',
      entityType: 'assistance_pairing',
      entityId: id,
      before: before ? { year: input.year, submittedOn: before.submitted_on } : null,
      after: { year: input.year, submittedOn, summary },
    });
  });
  return pairingDetail(db, actor, id);
};
