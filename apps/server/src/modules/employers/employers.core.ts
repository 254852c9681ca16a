/**
 * What other modules call (through index.ts): land employers named by a door (exam card, diagnosis
 * report, declaration, registration, census, import) in the base database set-based, set an employer's
 * programme status, and classify profiles by industry risk at start-up.
 */
import { chinaToday, getRegion, normalizeIndustryCode } from '@ohp/reference';
import { computeEnterpriseSize } from '@ohp/standards';
import type { Kysely, Transaction } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { scopeOf } from '../../platform/authz/scope.js';
import type { DB } from '../../platform/db-types.js';
import { invalid, notFound } from '../../platform/errors.js';
import { levelOf } from '../organisations/index.js';
import { employerRiskOf } from './employers.classify.js';
import {
  backfillFirstVersions,
  backfillProfiles,
  bumpChangedVersions,
  insertEmployerOrganisations,
  insertProfiles,
  lockEmployer,
  setClassificationsByIndustry,
  snapshotVersions,
  industryCombinations,
  unsafeLockEmployer,
  unsafeOrganisationsByCreditCodes,
  updateOrganisationFields,
  updateProfile,
  type Db,
  type NewEmployerOrganisation,
  type ProfileValues,
} from './employers.repository.js';

export type EmployerSource =
  'exam_card' | 'diagnosis_report' | 'declaration' | 'registration' | 'census' | 'import';

export type EnsureEmployerRow = {
  creditCode: string;
  name: string;
  regionCode: string;
  industryCode?: string | null;
  employees?: number | null;
  address?: string | null;
  economicTypeCode?: string | null;
};

/** The reason a system-created first version carries (the web shows it translated). */
export const createdReason = (source: string) => `created:${source}`;

/** Enterprise size by the standards engine's calculator (null without industry or figures). */
export const enterpriseSizeOf = (
  industryCode: string | null | undefined,
  employees: number | null | undefined,
  revenue: number | null | undefined,
): string | null => {
  if (!industryCode) return null;
  try {
    return computeEnterpriseSize({
      industryCode,
      employees: employees ?? undefined,
      revenueWanYuan: revenue ?? undefined,
    }).size;
  } catch {
    return null;
  }
};

const profileOf = (
  id: number,
  industryCodes: Array<string | null | undefined>,
  economicTypeCode: string | null,
  source: string,
): ProfileValues => {
  const risk = employerRiskOf(industryCodes);
  return {
    organisation_id: id,
    economic_type_code: economicTypeCode,
    risk_class: risk.riskClass,
    risk_basis: risk.basis,
    industrial: risk.industrial,
    source,
  };
};

/** A region code an organisation may hold (6-digit county or 9-digit township, known to the catalogue). */
const regionOf = (code: string): string | null => {
  const c = code.trim();
  if (/^\d{9}$/.test(c) && getRegion(c)) return c;
  if (/^\d{9}$/.test(c) || /^\d{12}$/.test(c)) return getRegion(c.slice(0, 6)) ? c.slice(0, 6) : null;
  if (/^\d{6}$/.test(c) && getRegion(c)) return c;
  return null;
};

/**
 * Makes sure every employer named exists in the base database, set-based: one select for the credit
 * codes, one multi-row insert of the unknown ones as organisations of kind employer, one insert of their
 * profiles (classified) and one of their first versions. An organisation of kind employer that has no
 * profile yet gets one here too. Returns creditCode → organisation_id for every row whose credit code
 * a live organisation holds (any kind, as the doors matched before) or that could be created; a row
 * whose name or region cannot make an organisation (name under 2 characters, region unknown) is left
 * out and the caller keeps its employer unresolved.
 */
export const ensureEmployers = async (
  trx: Db,
  rows: EnsureEmployerRow[],
  source: EmployerSource,
): Promise<Map<string, number>> => {
  const byCode = new Map<string, EnsureEmployerRow>();
  for (const r of rows) if (r.creditCode && !byCode.has(r.creditCode)) byCode.set(r.creditCode, r);
  const result = new Map<string, number>();
  if (!byCode.size) return result;

  const known = await unsafeOrganisationsByCreditCodes(trx, [...byCode.keys()]);
  const missingProfiles: ProfileValues[] = [];
  for (const k of known) {
    result.set(k.credit_code, k.organisation_id);
    if (k.kind === 'employer' && !k.has_profile)
      missingProfiles.push(
        profileOf(
          k.organisation_id,
          [k.industry_code],
          byCode.get(k.credit_code)?.economicTypeCode ?? null,
          'organisation',
        ),
      );
  }

  const fresh: NewEmployerOrganisation[] = [];
  const economic = new Map<string, string | null>();
  for (const [code, r] of byCode) {
    if (result.has(code)) continue;
    const region = regionOf(r.regionCode);
    const name = r.name.trim();
    if (!region || name.length < 2 || name.length > 200 || !/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) continue;
    const industry = r.industryCode ? normalizeIndustryCode(r.industryCode) : null;
    const employees = r.employees != null && r.employees >= 0 ? Math.floor(r.employees) : null;
    economic.set(
      code,
      r.economicTypeCode && /^\d{2,3}$/.test(r.economicTypeCode) ? r.economicTypeCode : null,
    );
    fresh.push({
      name,
      level: levelOf(region),
      region_code: region,
      credit_code: code,
      industry_code: industry,
      employees,
      enterprise_size: enterpriseSizeOf(industry, employees, null),
      address: r.address?.trim() || null,
    });
  }
  const created: number[] = [];
  if (fresh.length) {
    const inserted = await insertEmployerOrganisations(trx, fresh);
    const industryOf = new Map(fresh.map((f) => [f.credit_code, f.industry_code]));
    for (const r of inserted) {
      result.set(r.credit_code, r.organisation_id);
      created.push(r.organisation_id);
      missingProfiles.push(
        profileOf(
          r.organisation_id,
          [industryOf.get(r.credit_code)],
          economic.get(r.credit_code) ?? null,
          source,
        ),
      );
    }
    // Inserted meanwhile by another transaction (ON CONFLICT DO NOTHING skipped them): read them now.
    if (inserted.length < fresh.length) {
      const late = fresh.map((f) => f.credit_code).filter((c) => !result.has(c));
      for (const k of await unsafeOrganisationsByCreditCodes(trx, late))
        result.set(k.credit_code, k.organisation_id);
    }
  }
  if (missingProfiles.length) {
    const profiled = new Set(await insertProfiles(trx, missingProfiles));
    const createdNow = created.filter((id) => profiled.has(id));
    const others = [...profiled].filter((id) => !createdNow.includes(id));
    if (createdNow.length) await snapshotVersions(trx, createdNow, createdReason(source), null);
    if (others.length) await snapshotVersions(trx, others, null, null);
  }
  return result;
};

export const PROGRAMME_STATUSES = ['active', 'not_applicable', 'closed', 'relocated'] as const;
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number];

export type ProgrammeStatusInput = { status: ProgrammeStatus; reason?: string | null; on?: string | null };

/**
 * Sets whether an employer is still in the declaration programme (not applicable with a reason, closed,
 * relocated, or back to active): a new version and an audit entry 'employer.set_status', in `trx`.
 * The employer must lie in the actor's scope (else 404).
 */
export const setEmployerProgrammeStatus = async (
  trx: Transaction<DB>,
  ctx: AuditContext,
  actor: Actor,
  organisationId: number,
  input: ProgrammeStatusInput,
): Promise<{ version: number }> => {
  const reason = input.reason?.trim() || null;
  const details: Array<{ path: string; reason: string }> = [];
  if (!(PROGRAMME_STATUSES as readonly string[]).includes(input.status))
    details.push({ path: 'status', reason: 'employer_status_unknown' });
  if (input.status !== 'active' && !reason)
    details.push({ path: 'reason', reason: 'employer_status_reason_required' });
  if (reason && reason.length > 500)
    details.push({ path: 'reason', reason: 'employer_status_reason_too_long' });
  if (input.on && !/^\d{4}-\d{2}-\d{2}$/.test(input.on))
    details.push({ path: 'on', reason: 'employer_status_date_invalid' });
  if (details.length) throw invalid(details);
  const before = await lockEmployer(trx, scopeOf(actor, 'business'), organisationId);
  if (!before) throw notFound();
  const on = input.status === 'active' ? null : (input.on ?? chinaToday());
  const { version } = await updateProfile(trx, organisationId, {
    programme_status: input.status,
    programme_status_reason: reason,
    programme_status_on: on,
  });
  // A seeded or system actor (no user) leaves the version's author empty, as recordDeclaredFigures does.
  await snapshotVersions(
    trx,
    [organisationId],
    reason ?? `status:${input.status}`,
    actor.userId > 0 ? actor.userId : null,
  );
  await writeAudit(trx, ctx, {
    action: 'employer.set_status',
    entityType: 'employer',
    entityId: organisationId,
    before: {
      programmeStatus: before.programme_status,
      reason: before.programme_status_reason,
      on: before.programme_status_on,
    },
    after: { programmeStatus: input.status, reason, on, version },
  });
  return { version };
};

/**
 * An accepted declaration is the employer's latest statement of its staff (在册职工总数) and of the workers
 * exposed to hazards (接害总人数): the base record takes them as a new version (reason
 * `declaration:<id>`), the size recomputed. Nothing is written when both figures are already the record's.
 * Called by the declarations module inside its acceptance transaction, after its scoped checks.
 */
export const recordDeclaredFigures = async (
  trx: Transaction<DB>,
  ctx: AuditContext,
  actor: Actor,
  organisationId: number,
  figures: { employees: number | null; exposedEmployees: number | null; declarationId: number },
): Promise<{ version: number } | null> => {
  // The caller decided in its own scope (the declaration was locked through the reviewer's scope): the
  // employer it names is locked by id.
  // An employer organisation has its profile from the start-up backfill or from the moment it was written
  // (ensureProfilesOf, on the organisations module's event). One written by a path that emits no event
  // (data seeded straight into the tables) gets it here: set-based, a no-op otherwise.
  let before = await unsafeLockEmployer(trx, organisationId);
  if (!before) {
    await classifyEmployers(trx);
    before = await unsafeLockEmployer(trx, organisationId);
  }
  if (!before) throw notFound();
  const employees = figures.employees ?? before.employees;
  const exposed = figures.exposedEmployees ?? before.exposed_employees;
  if (employees === before.employees && exposed === before.exposed_employees) return null;
  // The declaration's own cross-check keeps exposed ≤ staff; an old record may not: keep the record valid.
  const exposedKept = employees != null && exposed != null && exposed > employees ? employees : exposed;
  const revenue = before.revenue_wan_yuan == null ? null : Number(before.revenue_wan_yuan);
  await updateOrganisationFields(trx, organisationId, {
    employees,
    exposed_employees: exposedKept,
    enterprise_size: enterpriseSizeOf(before.industry_code, employees, revenue),
  });
  const { version } = await updateProfile(trx, organisationId, {});
  const reason = `declaration:${figures.declarationId}`;
  await snapshotVersions(trx, [organisationId], reason, actor.userId > 0 ? actor.userId : null);
  await writeAudit(trx, ctx, {
    action: 'employer.update',
    entityType: 'employer',
    entityId: organisationId,
    before: { employees: before.employees, exposedEmployees: before.exposed_employees },
    after: { employees, exposedEmployees: exposedKept, version, reason },
  });
  return { version };
};

/**
 * Start-up (after the migrations) and after demo seeding: every employer organisation gets a profile
 * (an INSERT … WHERE NOT EXISTS backfill, so employers created by the organisations module or its import
 * are covered), every profile without a risk class is classified (by distinct industry combination, one UPDATE),
 * and every profile without a version gets its first. A no-op once all are done.
 */
export const classifyEmployers = async (
  db: Kysely<DB> | Transaction<DB>,
): Promise<{ classified: number }> => {
  await backfillProfiles(db);
  const classified = await classifyUnclassified(db);
  await backfillFirstVersions(db);
  return { classified };
};

/**
 * One classification per industry combination, then one UPDATE: of the profiles without a risk class,
 * or of the given employers (written only where their class changed).
 */
const classify = async (db: Kysely<DB> | Transaction<DB>, ids?: number[]): Promise<number> => {
  const combinations = await industryCombinations(db, ids);
  return setClassificationsByIndustry(
    db,
    combinations.map((c) => {
      const risk = employerRiskOf([c.industry_code, ...(c.extras ? c.extras.split(',') : [])]);
      return { ...c, risk_class: risk.riskClass, risk_basis: risk.basis, industrial: risk.industrial };
    }),
    ids,
  );
};
const classifyUnclassified = (db: Kysely<DB> | Transaction<DB>) => classify(db);

/**
 * The base record of employer organisations just written through 单位管理 or its import (the
 * organisations module's event, in its transaction): a profile where there is none, its risk class and
 * its first version — so a new employer is in 用人单位数据库 at once. Others are left as they are.
 */
export const ensureProfilesOf = async (trx: Transaction<DB>, ids: number[]): Promise<void> => {
  if (!(await backfillProfiles(trx, ids))) return;
  await classifyUnclassified(trx);
  await backfillFirstVersions(trx, ids);
};

/** Why 单位管理 changed an employer's record, as its version's reason (the web app names it). */
export type OrganisationWrite = 'organisations:update' | 'organisations:import';

/**
 * Employers whose organisation 单位管理 (or its import) has just changed, in its transaction: the risk
 * class follows the industry written there (with the profile's extra industries), and each record
 * that changed gets a new version with the reason and who made it — as a correction in 用人单位数据库
 * would. Employers whose record is unchanged are left alone.
 */
export const refreshProfilesOf = async (
  trx: Transaction<DB>,
  ids: number[],
  reason: OrganisationWrite,
  changedBy: number | null,
): Promise<number[]> => {
  if (!ids.length) return [];
  await classify(trx, ids);
  const changed = await bumpChangedVersions(trx, ids);
  await snapshotVersions(trx, changed, reason, changedBy);
  return changed;
};
