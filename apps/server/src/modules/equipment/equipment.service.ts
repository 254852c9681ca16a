/**
 * 设备配置 (issue 16 item 7): the catalogue kept by equipment:manage holders (every write audited), the
 * institutions' ledgers (every write audited) and compliance computed per request from both.
 */
import {
  EQUIPMENT_DEMO_SOURCE,
  equipmentFormula,
  equipmentTargets,
  type ComplianceQuery,
  type ComplianceReport,
  type EquipmentDomain,
  type EquipmentInstitutionList,
  type EquipmentInstitutionQuery,
  type EquipmentItemInput,
  type EquipmentItemPatch,
  type EquipmentItemRecord,
  type EquipmentLedger,
  type EquipmentRequirementInput,
  type EquipmentRequirementList,
  type EquipmentRequirementPatch,
  type EquipmentRequirementQuery,
  type EquipmentRequirementRecord,
  type InstitutionCompliance,
  type RegionCompliance,
} from '@ohp/contracts';
import { childrenOf, chinaToday, isIsoDate } from '@ohp/reference';
import type { Kysely, Transaction } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { scopeOf } from '../../platform/authz/scope.js';
import type { DB } from '../../platform/db-types.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.js';
import {
  applicableRequirements,
  catalogueLevelOf,
  institutionCompliance,
  notCountingReason,
  pooledCompliance,
  type LedgerItem,
  type Requirement,
} from './equipment.compliance.js';
import {
  canManageCatalogue,
  canRecordFor,
  isEquipmentInstitution,
  regionName,
  requirementAbilities,
  resolveRegion,
} from './equipment.policy.js';
import {
  catalogueCounts,
  deleteItem,
  deleteRequirement,
  findRequirement,
  insertItem,
  insertRequirement,
  institutionsIn,
  itemsOfInstitutions,
  listRequirements,
  lockItemInScope,
  lockRequirement,
  organisationInScope,
  requirementsInForce,
  updateItem,
  updateRequirement,
  type InstitutionRow,
  type ItemRow,
  type ItemValues,
  type RequirementRow,
  type RequirementValues,
} from './equipment.repository.js';

type Db = Kysely<DB> | Transaction<DB>;
type Issue = { path: string; reason: string };

const iso = (d: Date | string): string => (typeof d === 'string' ? d : d.toISOString());

const dateOf = (date: string | undefined): string => {
  if (date === undefined) return chinaToday();
  if (!isIsoDate(date)) throw invalid([{ path: 'date', reason: 'date_format' }]);
  return date;
};

const targetsList = () =>
  (Object.entries(equipmentTargets) as Array<[EquipmentDomain, { rate: number; source: string }]>).map(
    ([domain, t]) => ({ domain, rate: t.rate, source: t.source }),
  );

// ---------------------------------------------------------------------------------------------------
// The catalogue.

const presentRequirement = (r: RequirementRow, actor: Actor): EquipmentRequirementRecord => ({
  id: r.equipment_requirement_id,
  institutionKind: r.institution_kind as EquipmentRequirementRecord['institutionKind'],
  level: r.level as EquipmentRequirementRecord['level'],
  domain: r.domain as EquipmentDomain,
  itemName: r.item_name,
  minQuantity: r.min_quantity,
  source: r.source,
  effectiveYear: r.effective_year,
  note: r.note,
  demo: r.source === EQUIPMENT_DEMO_SOURCE,
  linkedItems: Number(r.linked_items ?? 0),
  importBatchId: r.import_batch_id,
  updatedBy: r.updated_by_name,
  updatedAt: iso(r.updated_at),
  abilities: requirementAbilities(actor),
});

export const listRequirementsFor = async (
  db: Kysely<DB>,
  actor: Actor,
  q: EquipmentRequirementQuery,
): Promise<EquipmentRequirementList> => {
  const [rows, counts] = await Promise.all([
    listRequirements(db, q),
    catalogueCounts(db, EQUIPMENT_DEMO_SOURCE),
  ]);
  return {
    data: rows.map((r) => presentRequirement(r, actor)),
    total: rows.length,
    catalogueSize: counts.rows,
    demoRows: counts.demo,
    abilities: { manage: canManageCatalogue(actor) },
  };
};

/** The checks a catalogue row must pass beyond its schema, for the API and the import alike. */
export const checkRequirement = (v: RequirementValues): Issue[] => {
  const issues: Issue[] = [];
  if (!v.item_name.trim()) issues.push({ path: 'itemName', reason: 'value_blank' });
  if (!v.source.trim()) issues.push({ path: 'source', reason: 'value_blank' });
  return issues;
};

const requirementValues = (v: {
  institutionKind: string;
  level: string | null;
  domain: string;
  itemName: string;
  minQuantity: number;
  source: string;
  effectiveYear: number;
  note?: string | null;
}): RequirementValues => ({
  institution_kind: v.institutionKind,
  level: v.level,
  domain: v.domain,
  item_name: v.itemName.trim(),
  min_quantity: v.minQuantity,
  source: v.source.trim(),
  effective_year: v.effectiveYear,
  note: v.note?.trim() || null,
});

const requirementAudit = (v: RequirementValues) => ({
  institutionKind: v.institution_kind,
  level: v.level,
  domain: v.domain,
  itemName: v.item_name,
  minQuantity: v.min_quantity,
  source: v.source,
  effectiveYear: v.effective_year,
  note: v.note,
});

const taken = () =>
  new AppError('conflict', 'equipment_requirement_exists', [
    { path: 'itemName', reason: 'equipment_requirement_exists', message: '' },
  ]);

const reloadRequirement = async (db: Kysely<DB>, actor: Actor, id: number) => {
  const row = await findRequirement(db, id);
  if (!row) throw notFound();
  return presentRequirement(row, actor);
};

export const createRequirement = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  input: EquipmentRequirementInput,
): Promise<EquipmentRequirementRecord> => {
  const v = requirementValues(input);
  const issues = checkRequirement(v);
  if (issues.length) throw invalid(issues);
  const id = await db.transaction().execute(async (trx) => {
    const id = await insertRequirement(trx, v, { userId: actor.userId });
    if (id === null) throw taken();
    await writeAudit(trx, ctx, {
      action: 'equipment_requirement.create',
      entityType: 'equipment_requirement',
      entityId: id,
      after: requirementAudit(v),
    });
    return id;
  });
  return reloadRequirement(db, actor, id);
};

export const updateRequirementFor = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  patch: EquipmentRequirementPatch,
): Promise<EquipmentRequirementRecord> => {
  await db.transaction().execute(async (trx) => {
    const before = await lockRequirement(trx, id);
    if (!before) throw notFound();
    const v = requirementValues({
      institutionKind: patch.institutionKind ?? before.institution_kind,
      level: patch.level !== undefined ? patch.level : before.level,
      domain: patch.domain ?? before.domain,
      itemName: patch.itemName ?? before.item_name,
      minQuantity: patch.minQuantity ?? before.min_quantity,
      source: patch.source ?? before.source,
      effectiveYear: patch.effectiveYear ?? before.effective_year,
      note: patch.note !== undefined ? patch.note : before.note,
    });
    const issues = checkRequirement(v);
    if (issues.length) throw invalid(issues);
    const same = (Object.keys(v) as Array<keyof RequirementValues>).every((k) => before[k] === v[k]);
    if (same) return;
    try {
      await updateRequirement(trx, id, v, { userId: actor.userId });
    } catch (e) {
      // The natural key of another row (23505): the same entry already exists.
      if ((e as { code?: string }).code === '23505') throw taken();
      throw e;
    }
    await writeAudit(trx, ctx, {
      action: 'equipment_requirement.update',
      entityType: 'equipment_requirement',
      entityId: id,
      before: requirementAudit(before),
      after: requirementAudit(v),
    });
  });
  return reloadRequirement(db, actor, id);
};

export const deleteRequirementFor = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  _actor: Actor,
  id: number,
): Promise<void> => {
  await db.transaction().execute(async (trx) => {
    const before = await lockRequirement(trx, id);
    if (!before) throw notFound();
    // Linked ledger items are unlinked (ON DELETE SET NULL): they no longer count towards anything.
    await deleteRequirement(trx, id);
    await writeAudit(trx, ctx, {
      action: 'equipment_requirement.delete',
      entityType: 'equipment_requirement',
      entityId: id,
      before: requirementAudit(before),
    });
  });
};

// ---------------------------------------------------------------------------------------------------
// Compliance of institutions.

const toRequirement = (r: Awaited<ReturnType<typeof requirementsInForce>>[number]): Requirement => ({
  id: r.equipment_requirement_id,
  institutionKind: r.institution_kind,
  level: r.level,
  domain: r.domain as EquipmentDomain,
  itemName: r.item_name,
  minQuantity: r.min_quantity,
  source: r.source,
  effectiveYear: r.effective_year,
});

const toLedgerItem = (i: ItemRow): LedgerItem => ({
  id: i.equipment_item_id,
  quantity: i.quantity,
  domain: i.domain,
  requirementId: i.equipment_requirement_id,
  calibrationDueOn: i.calibration_due_on,
  status: i.status,
});

type Evaluated = InstitutionCompliance & { checks: ReturnType<typeof institutionCompliance>['checks'] };

/** Every institution's compliance on `date`, from one read of the catalogue and of their ledgers. */
const evaluate = async (db: Db, institutions: InstitutionRow[], date: string) => {
  const catalogue = (await requirementsInForce(db, Number(date.slice(0, 4)))).map(toRequirement);
  const items = await itemsOfInstitutions(
    db,
    institutions.map((i) => i.organisation_id),
  );
  const byInstitution = new Map<number, ItemRow[]>();
  for (const i of items)
    byInstitution.set(i.institution_id, [...(byInstitution.get(i.institution_id) ?? []), i]);
  const evaluated: Evaluated[] = institutions.map((inst) => {
    const mine = byInstitution.get(inst.organisation_id) ?? [];
    const applicable = applicableRequirements(catalogue, inst, date);
    const r = institutionCompliance(applicable, mine.map(toLedgerItem), date);
    return {
      institutionId: inst.organisation_id,
      name: inst.name,
      kind: inst.kind,
      level: inst.level,
      regionCode: inst.region_code,
      regionName: regionName(inst.region_code),
      items: mine.length,
      domains: r.domains,
      belowTarget: r.belowTarget,
      checks: r.checks,
    };
  });
  return { catalogue, items: byInstitution, evaluated };
};

const summary = ({ checks: _checks, ...rest }: Evaluated): InstitutionCompliance => rest;

export const listEquipmentInstitutions = async (
  db: Kysely<DB>,
  actor: Actor,
  q: EquipmentInstitutionQuery,
): Promise<EquipmentInstitutionList> => {
  const date = dateOf(q.date);
  const region = resolveRegion(actor, q.region);
  const rows = await institutionsIn(db, region.scope, region.code, { q: q.q, kind: q.kind });
  const { evaluated } = await evaluate(db, rows, date);
  const data = evaluated.filter((e) => !q.belowTarget || e.belowTarget).map(summary);
  return { date, data, total: data.length, abilities: { record: actor.permissions.has('equipment:record') } };
};

const regionRow = (
  code: string,
  own: boolean,
  institutions: Evaluated[],
  hasChildren: boolean,
): RegionCompliance => ({
  regionCode: code,
  regionName: regionName(code),
  own,
  institutions: institutions.length,
  domains: pooledCompliance(institutions),
  hasChildren,
});

export const complianceReport = async (
  db: Kysely<DB>,
  actor: Actor,
  q: ComplianceQuery,
): Promise<ComplianceReport> => {
  const date = dateOf(q.date);
  const region = resolveRegion(actor, q.region);
  const rows = await institutionsIn(db, region.scope, region.code);
  const { catalogue, evaluated: all } = await evaluate(db, rows, date);
  // Only institutions some catalogue row applies to are evaluated (a rate of nothing is no rate).
  const evaluated = all.filter((e) => e.domains.length > 0);
  const children: RegionCompliance[] = [];
  const here = evaluated.filter((e) => e.regionCode === region.code);
  if (region.code.length < 6) {
    if (here.length) children.push(regionRow(region.code, true, here, false));
    for (const c of childrenOf(region.code).filter(
      (r) => !r.statisticalOnly || evaluated.some((e) => e.regionCode.startsWith(r.code)),
    ))
      children.push(
        regionRow(
          c.code,
          false,
          evaluated.filter((e) => e.regionCode.startsWith(c.code)),
          c.code.length < 6,
        ),
      );
  }
  return {
    date,
    regionCode: region.code,
    regionName: regionName(region.code),
    path: region.path,
    formula: equipmentFormula,
    uncertain: true,
    targets: targetsList(),
    total: regionRow(region.code, false, evaluated, region.code.length < 6),
    children,
    institutions: evaluated.map(summary),
    catalogueRows: catalogue.length,
    demoRows: catalogue.filter((r) => r.source === EQUIPMENT_DEMO_SOURCE).length,
  };
};

// ---------------------------------------------------------------------------------------------------
// The ledger.

const presentItem = (i: ItemRow, actor: Actor, date: string): EquipmentItemRecord => {
  const reason = notCountingReason(toLedgerItem(i), date);
  const record = canRecordFor(actor, i.institution_id);
  return {
    id: i.equipment_item_id,
    institutionId: i.institution_id,
    name: i.name,
    model: i.model,
    serialNo: i.serial_no,
    quantity: i.quantity,
    domain: i.domain as EquipmentDomain,
    requirementId: i.equipment_requirement_id,
    requirementName: i.requirement_name,
    calibrationDueOn: i.calibration_due_on,
    status: i.status as EquipmentItemRecord['status'],
    note: i.note,
    counts: reason === null,
    notCountingReason: reason,
    updatedBy: i.updated_by_name,
    updatedAt: iso(i.updated_at),
    abilities: { update: record, delete: record },
  };
};

/** An institution that keeps a ledger, in the actor's scope (else 404). */
const institutionFor = async (db: Db, actor: Actor, id: number) => {
  const inst = await organisationInScope(db, scopeOf(actor, 'business'), id);
  if (!inst || !isEquipmentInstitution(inst.kind)) throw notFound();
  return inst;
};

export const getLedger = async (
  db: Kysely<DB>,
  actor: Actor,
  institutionId: number,
  dateParam?: string,
): Promise<EquipmentLedger> => {
  const date = dateOf(dateParam);
  const inst = await institutionFor(db, actor, institutionId);
  const { catalogue, items, evaluated } = await evaluate(db, [inst], date);
  const e = evaluated[0]!;
  return {
    date,
    institution: summary(e),
    items: (items.get(inst.organisation_id) ?? []).map((i) => presentItem(i, actor, date)),
    requirements: e.checks,
    linkable: applicableRequirements(catalogue, inst, date).map((r) => ({
      id: r.id,
      domain: r.domain,
      itemName: r.itemName,
      minQuantity: r.minQuantity,
      demo: r.source === EQUIPMENT_DEMO_SOURCE,
    })),
    formula: equipmentFormula,
    targets: targetsList(),
    abilities: { record: canRecordFor(actor, inst.organisation_id) },
  };
};

const itemValues = (v: {
  name: string;
  model?: string | null;
  serialNo?: string | null;
  quantity: number;
  domain: string;
  requirementId?: number | null;
  calibrationDueOn?: string | null;
  status: string;
  note?: string | null;
}): ItemValues => ({
  name: v.name.trim(),
  model: v.model?.trim() || null,
  serial_no: v.serialNo?.trim() || null,
  quantity: v.quantity,
  domain: v.domain,
  equipment_requirement_id: v.requirementId ?? null,
  calibration_due_on: v.calibrationDueOn ?? null,
  status: v.status,
  note: v.note?.trim() || null,
});

/** The item's own rules: a name, and a linked requirement that exists, applies and shares the domain. */
const checkItem = async (db: Db, inst: { kind: string; level: string }, v: ItemValues): Promise<Issue[]> => {
  const issues: Issue[] = [];
  if (!v.name) issues.push({ path: 'name', reason: 'value_blank' });
  if (v.calibration_due_on !== null && !isIsoDate(v.calibration_due_on))
    issues.push({ path: 'calibrationDueOn', reason: 'date_format' });
  if (v.equipment_requirement_id !== null) {
    const r = await findRequirement(db, v.equipment_requirement_id);
    if (!r) issues.push({ path: 'requirementId', reason: 'equipment_requirement_unknown' });
    else if (
      r.institution_kind !== inst.kind ||
      (r.level !== null && r.level !== catalogueLevelOf(inst.level))
    )
      issues.push({ path: 'requirementId', reason: 'equipment_requirement_not_applicable' });
    else if (r.domain !== v.domain) issues.push({ path: 'domain', reason: 'equipment_domain_mismatch' });
  }
  return issues;
};

const itemAudit = (institutionId: number, v: ItemValues) => ({
  institutionId,
  name: v.name,
  model: v.model,
  serialNo: v.serial_no,
  quantity: v.quantity,
  domain: v.domain,
  requirementId: v.equipment_requirement_id,
  calibrationDueOn: v.calibration_due_on,
  status: v.status,
  note: v.note,
});

const reloadItem = async (db: Kysely<DB>, actor: Actor, institutionId: number, id: number) => {
  const row = (await itemsOfInstitutions(db, [institutionId])).find((i) => i.equipment_item_id === id);
  if (!row) throw notFound();
  return presentItem(row, actor, chinaToday());
};

export const createItem = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  input: EquipmentItemInput,
): Promise<EquipmentItemRecord> => {
  const institutionId = input.institutionId ?? actor.organisationId;
  const v = itemValues(input);
  const id = await db.transaction().execute(async (trx) => {
    const inst = await organisationInScope(trx, scopeOf(actor, 'business'), institutionId);
    if (!inst) throw notFound();
    if (!isEquipmentInstitution(inst.kind))
      throw invalid([{ path: 'institutionId', reason: 'equipment_not_an_institution' }]);
    if (!canRecordFor(actor, institutionId)) throw forbidden('equipment_record_own_only');
    const issues = await checkItem(trx, inst, v);
    if (issues.length) throw invalid(issues);
    const id = await insertItem(trx, institutionId, v, actor.userId);
    await writeAudit(trx, ctx, {
      action: 'equipment_item.create',
      entityType: 'equipment_item',
      entityId: id,
      after: itemAudit(institutionId, v),
    });
    return id;
  });
  return reloadItem(db, actor, institutionId, id);
};

export const updateItemFor = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  patch: EquipmentItemPatch,
): Promise<EquipmentItemRecord> => {
  const institutionId = await db.transaction().execute(async (trx) => {
    const before = await lockItemInScope(trx, scopeOf(actor, 'business'), id);
    if (!before) throw notFound();
    if (!canRecordFor(actor, before.institution_id)) throw forbidden('equipment_record_own_only');
    const pick = <K extends keyof EquipmentItemPatch>(
      k: K,
      fallback: NonNullable<EquipmentItemPatch[K]> | null,
    ) => (patch[k] !== undefined ? patch[k] : fallback);
    const v = itemValues({
      name: patch.name ?? before.name,
      model: pick('model', before.model),
      serialNo: pick('serialNo', before.serial_no),
      quantity: patch.quantity ?? before.quantity,
      domain: patch.domain ?? before.domain,
      requirementId: pick('requirementId', before.equipment_requirement_id),
      calibrationDueOn: pick('calibrationDueOn', before.calibration_due_on),
      status: patch.status ?? before.status,
      note: pick('note', before.note),
    });
    const issues = await checkItem(
      trx,
      { kind: before.institution_kind, level: before.institution_level },
      v,
    );
    if (issues.length) throw invalid(issues);
    const old: ItemValues = {
      name: before.name,
      model: before.model,
      serial_no: before.serial_no,
      quantity: before.quantity,
      domain: before.domain,
      equipment_requirement_id: before.equipment_requirement_id,
      calibration_due_on: before.calibration_due_on,
      status: before.status,
      note: before.note,
    };
    if ((Object.keys(v) as Array<keyof ItemValues>).every((k) => old[k] === v[k]))
      return before.institution_id;
    await updateItem(trx, id, v, actor.userId);
    await writeAudit(trx, ctx, {
      action: 'equipment_item.update',
      entityType: 'equipment_item',
      entityId: id,
      before: itemAudit(before.institution_id, old),
      after: itemAudit(before.institution_id, v),
    });
    return before.institution_id;
  });
  return reloadItem(db, actor, institutionId, id);
};

export const deleteItemFor = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  id: number,
): Promise<void> => {
  await db.transaction().execute(async (trx) => {
    const before = await lockItemInScope(trx, scopeOf(actor, 'business'), id);
    if (!before) throw notFound();
    if (!canRecordFor(actor, before.institution_id)) throw forbidden('equipment_record_own_only');
    await deleteItem(trx, id);
    await writeAudit(trx, ctx, {
      action: 'equipment_item.delete',
      entityType: 'equipment_item',
      entityId: id,
      before: {
        institutionId: before.institution_id,
        name: before.name,
        model: before.model,
        quantity: before.quantity,
        domain: before.domain,
        requirementId: before.equipment_requirement_id,
        status: before.status,
      },
    });
  });
};
