/** Queries of 设备配置 (migration 0033): the required-equipment catalogue and the institutions' ledgers. */
import { equipmentInstitutionKinds } from '@ohp/contracts';
import { sql, type Kysely, type Transaction } from 'kysely';
import { regionPrefixWhere, scopeWhere, type Scope } from '../../platform/authz/scope.js';
import type { DB } from '../../platform/db-types.js';
import { likeContains } from '../../platform/sql-text.js';

type Db = Kysely<DB> | Transaction<DB>;

// ---------------------------------------------------------------------------------------------------
// The catalogue (national/provincial data: not scoped, like the working calendar).

export type RequirementValues = {
  institution_kind: string;
  level: string | null;
  domain: string;
  item_name: string;
  min_quantity: number;
  source: string;
  effective_year: number;
  note: string | null;
};

export type RequirementFilters = { institutionKind?: string; level?: string; domain?: string; q?: string };

const requirementColumns = [
  'r.equipment_requirement_id',
  'r.institution_kind',
  'r.level',
  'r.domain',
  'r.item_name',
  'r.min_quantity',
  'r.source',
  'r.effective_year',
  'r.note',
  'r.import_batch_id',
  'r.updated_at',
] as const;

export const listRequirements = (db: Db, f: RequirementFilters) => {
  let q = db
    .selectFrom('equipment_requirement as r')
    .leftJoin('app_user as u', 'u.user_id', 'r.updated_by')
    .select(requirementColumns)
    .select((eb) => [
      'u.display_name as updated_by_name',
      eb
        .selectFrom('equipment_item as i')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('i.equipment_requirement_id', '=', 'r.equipment_requirement_id')
        .as('linked_items'),
    ]);
  if (f.institutionKind) q = q.where('r.institution_kind', '=', f.institutionKind);
  if (f.level) q = q.where((eb) => eb.or([eb('r.level', '=', f.level!), eb('r.level', 'is', null)]));
  if (f.domain) q = q.where('r.domain', '=', f.domain);
  if (f.q) {
    const like = likeContains(f.q);
    q = q.where((eb) => eb.or([eb('r.item_name', 'like', like), eb('r.source', 'like', like)]));
  }
  return q
    .orderBy('r.institution_kind')
    .orderBy(sql`coalesce(r.level, '*')`)
    .orderBy('r.domain')
    .orderBy('r.equipment_requirement_id')
    .execute();
};
export type RequirementRow = Awaited<ReturnType<typeof listRequirements>>[number];

export const findRequirement = async (db: Db, id: number): Promise<RequirementRow | undefined> =>
  db
    .selectFrom('equipment_requirement as r')
    .leftJoin('app_user as u', 'u.user_id', 'r.updated_by')
    .select(requirementColumns)
    .select((eb) => [
      'u.display_name as updated_by_name',
      eb
        .selectFrom('equipment_item as i')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('i.equipment_requirement_id', '=', 'r.equipment_requirement_id')
        .as('linked_items'),
    ])
    .where('r.equipment_requirement_id', '=', id)
    .executeTakeFirst();

export const lockRequirement = (trx: Transaction<DB>, id: number) =>
  trx
    .selectFrom('equipment_requirement')
    .selectAll()
    .where('equipment_requirement_id', '=', id)
    .forUpdate()
    .executeTakeFirst();

export const catalogueCounts = async (db: Db, demoSource: string) => {
  const r = await db
    .selectFrom('equipment_requirement')
    .select((eb) => [
      eb.fn.countAll<number>().as('rows'),
      eb.fn.count<number>(sql`case when source = ${demoSource} then 1 end`).as('demo'),
    ])
    .executeTakeFirstOrThrow();
  return { rows: Number(r.rows), demo: Number(r.demo) };
};

/** Inserts a row; null when its natural key is taken (the unique index decides, not a prior read). */
export const insertRequirement = async (
  trx: Transaction<DB>,
  v: RequirementValues,
  meta: { userId: number | null; importBatchId?: number },
): Promise<number | null> => {
  const row = await trx
    .insertInto('equipment_requirement')
    .values({
      ...v,
      import_batch_id: meta.importBatchId ?? null,
      created_by: meta.userId,
      updated_by: meta.userId,
    })
    .onConflict((oc) =>
      oc
        .expression(sql`institution_kind, (coalesce(level, '*')), domain, item_name, effective_year`)
        .doNothing(),
    )
    .returning('equipment_requirement_id')
    .executeTakeFirst();
  return row?.equipment_requirement_id ?? null;
};

export const updateRequirement = async (
  trx: Transaction<DB>,
  id: number,
  v: Partial<RequirementValues>,
  meta: { userId: number | null; importBatchId?: number },
): Promise<void> => {
  await trx
    .updateTable('equipment_requirement')
    .set({
      ...v,
      ...(meta.importBatchId !== undefined && { import_batch_id: meta.importBatchId }),
      updated_by: meta.userId,
      updated_at: new Date(),
    })
    .where('equipment_requirement_id', '=', id)
    .execute();
};

export const deleteRequirement = async (trx: Transaction<DB>, id: number): Promise<void> => {
  await trx.deleteFrom('equipment_requirement').where('equipment_requirement_id', '=', id).execute();
};

/** The rows with these natural keys (an import chunk), locked in key order. */
export const lockRequirementsByKey = async (
  trx: Transaction<DB>,
  keys: Array<{
    institution_kind: string;
    level: string | null;
    domain: string;
    item_name: string;
    effective_year: number;
  }>,
) => {
  if (!keys.length) return [];
  return trx
    .selectFrom('equipment_requirement')
    .selectAll()
    .where((eb) =>
      eb.or(
        keys.map((k) =>
          eb.and([
            eb('institution_kind', '=', k.institution_kind),
            eb(sql`coalesce(level, '*')`, '=', k.level ?? '*'),
            eb('domain', '=', k.domain),
            eb('item_name', '=', k.item_name),
            eb('effective_year', '=', k.effective_year),
          ]),
        ),
      ),
    )
    .orderBy('equipment_requirement_id')
    .forUpdate()
    .execute();
};

/** Every catalogue row in force in `year` (the rows are few: a catalogue, not a register). */
export const requirementsInForce = (db: Db, year: number) =>
  db
    .selectFrom('equipment_requirement')
    .select([
      'equipment_requirement_id',
      'institution_kind',
      'level',
      'domain',
      'item_name',
      'min_quantity',
      'source',
      'effective_year',
    ])
    .where('effective_year', '<=', year)
    .orderBy('equipment_requirement_id')
    .execute();

// ---------------------------------------------------------------------------------------------------
// Institutions and their ledgers (scoped through the institution's organisation row).

const institutionColumns = ['o.organisation_id', 'o.name', 'o.kind', 'o.level', 'o.region_code'] as const;

/** Institutions that keep a ledger, in scope and in the region (prefix), optionally filtered. */
export const institutionsIn = (
  db: Db,
  scope: Scope,
  regionPrefix: string,
  f: { q?: string; kind?: string } = {},
) => {
  let q = db
    .selectFrom('organisation as o')
    .select(institutionColumns)
    .where('o.kind', 'in', [...equipmentInstitutionKinds])
    .where((eb) =>
      scopeWhere(eb, scope, { region: eb.ref('o.region_code'), organisation: eb.ref('o.organisation_id') }),
    )
    .where((eb) => regionPrefixWhere(eb, eb.ref('o.region_code'), regionPrefix));
  if (f.kind) q = q.where('o.kind', '=', f.kind);
  if (f.q) q = q.where('o.name', 'like', likeContains(f.q));
  return q.orderBy('o.region_code').orderBy('o.organisation_id').execute();
};
export type InstitutionRow = Awaited<ReturnType<typeof institutionsIn>>[number];

/** One organisation in scope (any kind: the service tells a non-institution apart). */
export const organisationInScope = (db: Db, scope: Scope, id: number) =>
  db
    .selectFrom('organisation as o')
    .select(institutionColumns)
    .where('o.organisation_id', '=', id)
    .where((eb) =>
      scopeWhere(eb, scope, { region: eb.ref('o.region_code'), organisation: eb.ref('o.organisation_id') }),
    )
    .executeTakeFirst();

const itemColumns = [
  'i.equipment_item_id',
  'i.institution_id',
  'i.name',
  'i.model',
  'i.serial_no',
  'i.quantity',
  'i.domain',
  'i.equipment_requirement_id',
  'i.calibration_due_on',
  'i.status',
  'i.note',
  'i.updated_at',
] as const;

/** The ledger items of these institutions (already found in scope by the caller), in id chunks. */
export const itemsOfInstitutions = async (db: Db, institutionIds: number[]) => {
  const out = [];
  for (let k = 0; k < institutionIds.length; k += 1000) {
    const chunk = institutionIds.slice(k, k + 1000);
    out.push(
      ...(await db
        .selectFrom('equipment_item as i')
        .leftJoin('equipment_requirement as r', 'r.equipment_requirement_id', 'i.equipment_requirement_id')
        .leftJoin('app_user as u', 'u.user_id', 'i.updated_by')
        .select(itemColumns)
        .select(['r.item_name as requirement_name', 'u.display_name as updated_by_name'])
        .where('i.institution_id', 'in', chunk)
        .orderBy('i.institution_id')
        .orderBy('i.domain')
        .orderBy('i.equipment_item_id')
        .execute()),
    );
  }
  return out;
};
export type ItemRow = Awaited<ReturnType<typeof itemsOfInstitutions>>[number];

/** An item whose institution is in scope, locked for a write. */
export const lockItemInScope = (trx: Transaction<DB>, scope: Scope, id: number) =>
  trx
    .selectFrom('equipment_item as i')
    .innerJoin('organisation as o', 'o.organisation_id', 'i.institution_id')
    .select(itemColumns)
    .select(['o.kind as institution_kind', 'o.level as institution_level', 'o.region_code'])
    .where('i.equipment_item_id', '=', id)
    .where((eb) =>
      scopeWhere(eb, scope, { region: eb.ref('o.region_code'), organisation: eb.ref('o.organisation_id') }),
    )
    .forUpdate(['i'])
    .executeTakeFirst();

export type ItemValues = {
  name: string;
  model: string | null;
  serial_no: string | null;
  quantity: number;
  domain: string;
  equipment_requirement_id: number | null;
  calibration_due_on: string | null;
  status: string;
  note: string | null;
};

export const insertItem = async (
  trx: Transaction<DB>,
  institutionId: number,
  v: ItemValues,
  userId: number,
): Promise<number> =>
  (
    await trx
      .insertInto('equipment_item')
      .values({ ...v, institution_id: institutionId, created_by: userId, updated_by: userId })
      .returning('equipment_item_id')
      .executeTakeFirstOrThrow()
  ).equipment_item_id;

export const updateItem = async (
  trx: Transaction<DB>,
  id: number,
  v: ItemValues,
  userId: number,
): Promise<void> => {
  await trx
    .updateTable('equipment_item')
    .set({ ...v, updated_by: userId, updated_at: new Date() })
    .where('equipment_item_id', '=', id)
    .execute();
};

export const deleteItem = async (trx: Transaction<DB>, id: number): Promise<void> => {
  await trx.deleteFrom('equipment_item').where('equipment_item_id', '=', id).execute();
};

/** Whether the demo catalogue or ledgers were seeded (the demo runs once). */
export const anyEquipmentData = async (db: Db): Promise<boolean> =>
  (await db
    .selectFrom('equipment_requirement')
    .select('equipment_requirement_id')
    .limit(1)
    .executeTakeFirst()) !== undefined ||
  (await db.selectFrom('equipment_item').select('equipment_item_id').limit(1).executeTakeFirst()) !==
    undefined;

/** Demo seeding: organisations of a kind in a region, by id (the demo picks the city CDCs). */
export const organisationsOfKind = (db: Db, kind: string, regionPrefix: string) =>
  db
    .selectFrom('organisation as o')
    .select(institutionColumns)
    .where('o.kind', '=', kind)
    .where((eb) => regionPrefixWhere(eb, eb.ref('o.region_code'), regionPrefix))
    .orderBy('o.organisation_id')
    .execute();
