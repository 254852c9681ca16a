/**
 * Kysely queries on `organisation`; every read is scoped to the actor through scopeWhere. Every write
 * goes through here and stores the name's pinyin sort key (organisations.sort-key.ts) with the name.
 */
import type { OrganisationListQuery, OrganisationSortKey } from '@ohp/contracts';
import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import { scopeWhere, type Scope } from '../../platform/authz/scope.js';
import type { DB, OrganisationTable } from '../../platform/db-types.js';
import { likeContains, likePrefix } from '../../platform/sql-text.js';
import { organisationSortKey } from './organisations.sort-key.js';

export type OrganisationRow = Selectable<OrganisationTable>;

const scoped = (db: Kysely<DB>, scope: Scope) =>
  db
    .selectFrom('organisation as o')
    .where('o.status', '=', 'active')
    .where((eb) =>
      scopeWhere(eb, scope, { region: eb.ref('o.region_code'), organisation: eb.ref('o.organisation_id') }),
    );

export const findOrganisation = (
  db: Kysely<DB>,
  scope: Scope,
  id: number,
): Promise<OrganisationRow | undefined> =>
  scoped(db, scope).selectAll('o').where('o.organisation_id', '=', id).executeTakeFirst();

/** Names sort by their pinyin key (COLLATE "C", indexed): the same order on PGlite and PostgreSQL. */
const sortColumns = {
  name: 'o.name_sort',
  creditCode: 'o.credit_code',
  regionCode: 'o.region_code',
  employees: 'o.employees',
  createdAt: 'o.created_at',
} as const satisfies Record<OrganisationSortKey, string>;

export const listOrganisations = async (
  db: Kysely<DB>,
  scope: Scope,
  q: OrganisationListQuery,
  limit: { offset: number; limit: number },
): Promise<{ rows: OrganisationRow[]; total: number }> => {
  let base = scoped(db, scope);
  if (q.q) {
    const like = likeContains(q.q);
    base = base.where((eb) => eb.or([eb('o.name', 'like', like), eb('o.credit_code', 'like', like)]));
  }
  if (q.kind) base = base.where('o.kind', '=', q.kind);
  if (q.regionCode) base = base.where('o.region_code', 'like', likePrefix(q.regionCode));
  if (q.creditCode) base = base.where('o.credit_code', '=', q.creditCode.toUpperCase());
  const sort = q.sort ?? 'name';
  const descending = sort.startsWith('-');
  const column = sortColumns[(descending ? sort.slice(1) : sort) as OrganisationSortKey];
  const [rows, count] = await Promise.all([
    base
      .selectAll('o')
      // Empty values (no credit code, staff unknown) last in both directions.
      .orderBy(column, (ob) => (descending ? ob.desc() : ob.asc()).nullsLast())
      .orderBy('o.organisation_id')
      .offset(limit.offset)
      .limit(limit.limit)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
};

/** Unscoped lookup by credit code, for uniqueness checks: the caller reports only "duplicate". */
export const unsafeFindByCreditCode = (db: Kysely<DB>, creditCode: string) =>
  db
    .selectFrom('organisation')
    .select(['organisation_id'])
    .where('credit_code', '=', creditCode)
    .where('status', '=', 'active')
    .executeTakeFirst();

/** The organisation and its parents up the parent chain (bounded, so a corrupt cycle cannot loop). */
export const ancestorIds = async (db: Kysely<DB>, id: number): Promise<number[]> => {
  const r = await sql<{ organisation_id: number }>`
    WITH RECURSIVE up(organisation_id, parent_id, depth) AS (
      SELECT organisation_id, parent_id, 0 FROM organisation WHERE organisation_id = ${id}
      UNION ALL
      SELECT o.organisation_id, o.parent_id, up.depth + 1
        FROM organisation o JOIN up ON o.organisation_id = up.parent_id
       WHERE up.depth < 64
    )
    SELECT organisation_id FROM up`.execute(db);
  return r.rows.map((x) => x.organisation_id);
};

/**
 * An organisation's natural key: its credit code where it has one, else its name + region (compared
 * through organisation_name_key, the normalisation the unique index of migration 0003 uses).
 */
export type NaturalKey = { creditCode: string } | { creditCode: null; name: string; regionCode: string };

/**
 * The live organisations holding these natural keys, locked for update, each with the index of the
 * key it holds (unscoped: callers check the scope and report only "duplicate"). Where migration 0003
 * found duplicates, the kept row comes first. Keys travel as one jsonb parameter, the same on PGlite
 * and node-postgres.
 */
export const unsafeLockByNaturalKeys = async (
  db: Kysely<DB>,
  keys: NaturalKey[],
): Promise<Array<OrganisationRow & { key_index: number }>> => {
  type Found = OrganisationRow & { key_index: number };
  const codes = keys.flatMap((k, i) => (k.creditCode !== null ? [{ i, code: k.creditCode }] : []));
  const names = keys.flatMap((k, i) =>
    k.creditCode === null ? [{ i, name: k.name, region: k.regionCode }] : [],
  );
  const found: Found[] = [];
  if (codes.length)
    found.push(
      ...(
        await sql<Found>`
          SELECT o.*, k.i AS key_index
            FROM jsonb_to_recordset(${JSON.stringify(codes)}::jsonb) AS k(i integer, code text)
            JOIN organisation o ON o.credit_code = k.code AND o.status = 'active'
           ORDER BY o.credit_code, o.organisation_id
             FOR UPDATE OF o`.execute(db)
      ).rows,
    );
  if (names.length)
    found.push(
      ...(
        await sql<Found>`
          SELECT o.*, k.i AS key_index
            FROM jsonb_to_recordset(${JSON.stringify(names)}::jsonb) AS k(i integer, name text, region text)
            JOIN organisation o
              ON o.credit_code IS NULL AND o.status = 'active'
             AND o.name_key = organisation_name_key(k.name) AND o.region_code = k.region
           ORDER BY o.name_key, o.region_code, o.duplicate_of NULLS FIRST, o.organisation_id
             FOR UPDATE OF o`.execute(db)
      ).rows,
    );
  return found;
};

export type OrganisationValues = Insertable<OrganisationTable>;

/**
 * Inserts unless a live organisation already holds the credit code or (without a credit code) the
 * normalised name + region: undefined then, and nothing is written. A concurrent insert of the same
 * key waits for the other transaction and then yields to it.
 */
export const insertOrganisationIfAbsent = (
  db: Kysely<DB>,
  values: Omit<OrganisationValues, 'name_sort'>,
): Promise<OrganisationRow | undefined> =>
  db
    .insertInto('organisation')
    .values({ ...values, name_sort: organisationSortKey(values.name) })
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();

/** Sets columns of one organisation (and the sort key with a new name); returns the row as stored. */
export const updateOrganisationRow = (
  db: Kysely<DB>,
  id: number,
  values: Omit<Updateable<OrganisationTable>, 'name_sort' | 'updated_at'>,
): Promise<OrganisationRow> =>
  db
    .updateTable('organisation')
    .set({
      ...values,
      ...(values.name !== undefined && { name_sort: organisationSortKey(values.name) }),
      updated_at: new Date(),
    })
    .where('organisation_id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

/** The columns an import writes, as stored. */
export type ImportedValues = {
  name: string;
  kind: string;
  level: string;
  region_code: string;
  credit_code: string | null;
  is_public: boolean;
  industry_code: string | null;
  employees: number | null;
  revenue_wan_yuan: number | null;
  enterprise_size: string | null;
  address: string | null;
  contact_name: string | null;
  contact_phone: string | null;
};

const IMPORTED_COLUMNS = sql.raw(`name text, kind text, level text, region_code text, credit_code text,
  is_public boolean, industry_code text, employees integer, revenue_wan_yuan numeric, enterprise_size text,
  address text, contact_name text, contact_phone text`);

/**
 * Inserts many organisations in one statement, in the given order, skipping (ON CONFLICT DO NOTHING)
 * every one whose natural key a live organisation holds — including one inserted earlier in the same
 * list. Returns the rows inserted.
 */
export const insertOrganisationsIfAbsent = async (
  db: Kysely<DB>,
  rows: ImportedValues[],
): Promise<OrganisationRow[]> => {
  if (!rows.length) return [];
  const json = JSON.stringify(rows.map((r, ord) => ({ ...r, name_sort: organisationSortKey(r.name), ord })));
  return db
    .insertInto('organisation')
    .columns([
      'name',
      'kind',
      'level',
      'region_code',
      'credit_code',
      'is_public',
      'industry_code',
      'employees',
      'revenue_wan_yuan',
      'enterprise_size',
      'address',
      'contact_name',
      'contact_phone',
      'name_sort',
    ])
    .expression(
      sql`SELECT name, kind, level, region_code, credit_code, is_public, industry_code, employees,
                 revenue_wan_yuan, enterprise_size, address, contact_name, contact_phone, name_sort
            FROM jsonb_to_recordset(${json}::jsonb) AS x(${IMPORTED_COLUMNS}, name_sort text, ord integer)
           ORDER BY ord`,
    )
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .execute();
};

/** Sets the imported columns of many organisations (by id) in one statement. */
export const updateOrganisationsValues = async (
  db: Kysely<DB>,
  rows: Array<{ id: number; values: ImportedValues }>,
): Promise<void> => {
  if (!rows.length) return;
  const json = JSON.stringify(
    rows.map((r) => ({ ...r.values, name_sort: organisationSortKey(r.values.name), id: r.id })),
  );
  await sql`
    UPDATE organisation o
       SET name = x.name, name_sort = x.name_sort, kind = x.kind, level = x.level, region_code = x.region_code,
           credit_code = x.credit_code, is_public = x.is_public, industry_code = x.industry_code,
           employees = x.employees, revenue_wan_yuan = x.revenue_wan_yuan,
           enterprise_size = x.enterprise_size, address = x.address, contact_name = x.contact_name,
           contact_phone = x.contact_phone, updated_at = now()
      FROM jsonb_to_recordset(${json}::jsonb) AS x(${IMPORTED_COLUMNS}, name_sort text, id integer)
     WHERE o.organisation_id = x.id`.execute(db);
};

// ---------------------------------------------------------------------------------------------------
// Names for the detail and the history: the parent, the supervising organisation, organisations a past
// change referred to (deleted ones included), each only when it lies in the actor's scope.

export const organisationNamesInScope = async (
  db: Kysely<DB>,
  scope: Scope,
  ids: number[],
): Promise<Map<number, string>> => {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('organisation as o')
    .select(['o.organisation_id', 'o.name'])
    .where('o.organisation_id', 'in', [...new Set(ids)])
    .where((eb) =>
      scopeWhere(eb, scope, { region: eb.ref('o.region_code'), organisation: eb.ref('o.organisation_id') }),
    )
    .execute();
  return new Map(rows.map((r) => [r.organisation_id, r.name]));
};

/**
 * The audit entries about one organisation, newest first. Unscoped by itself: the caller
 * (getOrganisationHistory) answers only for an organisation it found in the actor's scope.
 */
export const unsafeOrganisationAuditEntries = async (
  db: Kysely<DB>,
  organisationId: number,
  limit: { offset: number; limit: number },
) => {
  // audit_log_entity_idx (entity_type, entity_id) finds them.
  const base = db
    .selectFrom('audit_log')
    .where('entity_type', '=', 'organisation')
    .where('entity_id', '=', String(organisationId));
  const [rows, count] = await Promise.all([
    base
      .select(['audit_log_id', 'at', 'actor_username', 'action', 'before', 'after'])
      .orderBy('audit_log_id', 'desc')
      .offset(limit.offset)
      .limit(limit.limit)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
};

// ---------------------------------------------------------------------------------------------------
// The sort-key backfill (organisations.service.ts backfillOrganisationSortKeys): platform-wide and
// run at start-up, before any request, so unscoped by design.

const SORT_KEY_SETTING = 'organisation_name_sort_version';

/** The next organisations (by id, after `afterId`) stored without a sort key. */
export const unsafeOrganisationsWithoutSortKey = (db: Kysely<DB>, afterId: number, limit: number) =>
  db
    .selectFrom('organisation')
    .select(['organisation_id', 'name'])
    .where('name_sort', 'is', null)
    .where('organisation_id', '>', afterId)
    .orderBy('organisation_id')
    .limit(limit)
    .execute();

/** Stores sort keys in one statement; a row a writer has keyed meanwhile keeps its own key. */
export const setOrganisationSortKeys = async (
  db: Kysely<DB>,
  keys: Array<{ id: number; nameSort: string }>,
): Promise<void> => {
  if (!keys.length) return;
  await sql`
    UPDATE organisation o
       SET name_sort = x.name_sort
      FROM jsonb_to_recordset(${JSON.stringify(keys.map((k) => ({ id: k.id, name_sort: k.nameSort })))}::jsonb)
           AS x(id integer, name_sort text)
     WHERE o.organisation_id = x.id AND o.name_sort IS NULL`.execute(db);
};

/** Forgets every stored key (the key's rule changed); the backfill then recomputes them. */
export const clearOrganisationSortKeys = async (db: Kysely<DB>): Promise<void> => {
  await db.updateTable('organisation').set({ name_sort: null }).where('name_sort', 'is not', null).execute();
};

export const storedSortKeyVersion = async (db: Kysely<DB>): Promise<number | null> => {
  const row = await db
    .selectFrom('app_setting')
    .select('value')
    .where('setting_key', '=', SORT_KEY_SETTING)
    .executeTakeFirst();
  return typeof row?.value === 'number' ? row.value : null;
};

export const storeSortKeyVersion = async (db: Kysely<DB>, version: number): Promise<void> => {
  await db
    .insertInto('app_setting')
    .values({ setting_key: SORT_KEY_SETTING, value: JSON.stringify(version) })
    .onConflict((oc) =>
      oc.column('setting_key').doUpdateSet({ value: JSON.stringify(version), updated_at: new Date() }),
    )
    .execute();
};

/** Whether an organisation still has live users or live child organisations (which block deleting it). */
export const dependentsOf = async (
  db: Kysely<DB>,
  id: number,
): Promise<{ hasUsers: boolean; hasChildren: boolean }> => {
  const user = await db
    .selectFrom('app_user')
    .select('user_id')
    .where('organisation_id', '=', id)
    .where('status', '=', 'active')
    .limit(1)
    .executeTakeFirst();
  const child = await db
    .selectFrom('organisation')
    .select('organisation_id')
    .where('parent_id', '=', id)
    .where('status', '=', 'active')
    .limit(1)
    .executeTakeFirst();
  return { hasUsers: Boolean(user), hasChildren: Boolean(child) };
};

/** The rejected-rows workbook of an organisation import batch, only for the user who uploaded it. */
export const findOwnImportErrorFile = (db: Kysely<DB>, batchId: number, userId: number) =>
  db
    .selectFrom('import_batch')
    .select('error_file')
    .where('import_batch_id', '=', batchId)
    .where('user_id', '=', userId)
    .where('kind', '=', 'organisation')
    .executeTakeFirst();
