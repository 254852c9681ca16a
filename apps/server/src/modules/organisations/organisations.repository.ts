/**
 * Kysely queries on `organisation`; every read is scoped to the actor through scopeWhere. Every write
 * goes through here and stores the name's pinyin sort key (organisations.sort-key.ts) with the name.
 */
import type { OrganisationListQuery, OrganisationSortKey } from '@ohp/contracts';
import {
  sql,
  type Insertable,
  type Kysely,
  type Selectable,
  type Transaction,
  type Updateable,
} from 'kysely';
import { regionPrefixWhere, scopeWhere, type Scope } from '../../platform/authz/scope.js';
import type { DB, OrganisationTable } from '../../platform/db-types.js';
import { countMatches, type ListTotal, type TotalOptions } from '../../platform/list-total.js';
import { likeContains } from '../../platform/sql-text.js';
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

/** The list filters without paging (the list page, its total and the export select by them). */
export type OrganisationFilters = Omit<OrganisationListQuery, 'page' | 'pageSize' | 'exactTotal'>;

/** The live organisations in scope that match the filters. */
const filteredOrganisations = (db: Kysely<DB>, scope: Scope, q: OrganisationFilters) => {
  let base = scoped(db, scope);
  if (q.q) {
    const like = likeContains(q.q);
    base = base.where((eb) => eb.or([eb('o.name', 'like', like), eb('o.credit_code', 'like', like)]));
  }
  if (q.kind) base = base.where('o.kind', '=', q.kind);
  const region = q.regionCode;
  if (region) base = base.where((eb) => regionPrefixWhere(eb, eb.ref('o.region_code'), region));
  if (q.creditCode) base = base.where('o.credit_code', '=', q.creditCode.toUpperCase());
  return base;
};

/**
 * The list's order, with the id breaking ties in the same direction. Names sort by their pinyin key
 * (COLLATE "C"): the same order on PGlite and PostgreSQL, and the order of the per-level indexes
 * (left(region_code, 2|4|6), name_sort, organisation_id) of migration 0007, so a page by name (the
 * default) or by -name is read from the index of the scope's level, forwards or backwards. That needs
 * the index's NULLS placement: a row without a key yet (only between migration 0006 and the start-up
 * backfill) sorts last by name and first by -name. Region code and creation time are never NULL; credit
 * code and staff are, and their empty values sort last in both directions. These four are sorted after
 * reading the matches (a top-N sort over the scope).
 */
const ordered = (qb: ReturnType<typeof filteredOrganisations>, sort: string | undefined) => {
  const key = sort ?? 'name';
  const dir = key.startsWith('-') ? 'desc' : 'asc';
  const column = key.replace(/^-/, '') as OrganisationSortKey;
  switch (column) {
    case 'name':
      return qb.orderBy('o.name_sort', dir).orderBy('o.organisation_id', dir);
    case 'regionCode':
      return qb.orderBy('o.region_code', dir).orderBy('o.organisation_id', dir);
    case 'createdAt':
      return qb.orderBy('o.created_at', dir).orderBy('o.organisation_id', dir);
    case 'creditCode':
      return qb.orderBy('o.credit_code', (ob) => ob[dir]().nullsLast()).orderBy('o.organisation_id', dir);
    case 'employees':
      return qb.orderBy('o.employees', (ob) => ob[dir]().nullsLast()).orderBy('o.organisation_id', dir);
  }
};

/** The query of one page of the list (not run; organisations.list.test.ts explains it). */
export const organisationPageQuery = (
  db: Kysely<DB>,
  scope: Scope,
  q: OrganisationFilters,
  limit: { offset: number; limit: number },
) =>
  ordered(filteredOrganisations(db, scope, q), q.sort)
    .selectAll('o')
    .offset(limit.offset)
    .limit(limit.limit);

/** One page of the list. */
export const organisationPage = (
  db: Kysely<DB>,
  scope: Scope,
  q: OrganisationFilters,
  limit: { offset: number; limit: number },
): Promise<OrganisationRow[]> => organisationPageQuery(db, scope, q, limit).execute();

/**
 * The list's total. Filtered by nothing but scope, kind and region, it is the sum of the scope's rows
 * of organisation_region_count (kept by triggers, migration 0007): exact, and as cheap for a province as
 * for a county. Other filters (text, credit code) and organisation-only scopes count the matches up to
 * the limit (platform/list-total.ts).
 */
export const countOrganisations = async (
  db: Kysely<DB>,
  scope: Scope,
  q: OrganisationFilters,
  opts: TotalOptions,
): Promise<ListTotal> => {
  if (!q.q && !q.creditCode && (scope.kind === 'region' || scope.kind === 'all')) {
    let counts = db.selectFrom('organisation_region_count as c');
    if (scope.kind === 'region')
      counts = counts.where((eb) => regionPrefixWhere(eb, eb.ref('c.region_code'), scope.prefix));
    if (q.kind) counts = counts.where('c.kind', '=', q.kind);
    const region = q.regionCode;
    if (region) counts = counts.where((eb) => regionPrefixWhere(eb, eb.ref('c.region_code'), region));
    const r = await counts.select(sql<number>`coalesce(sum(c.n), 0)`.as('n')).executeTakeFirstOrThrow();
    return { total: Number(r.n), totalExact: true };
  }
  return countMatches(db, filteredOrganisations(db, scope, q), opts);
};

/**
 * A page in the list's order with the exact count of every match, in one call (tests compare the
 * export with it; the list route uses organisationPage + countOrganisations).
 */
export const listOrganisations = async (
  db: Kysely<DB>,
  scope: Scope,
  q: OrganisationFilters,
  limit: { offset: number; limit: number },
): Promise<{ rows: OrganisationRow[]; total: number }> => {
  const [rows, count] = await Promise.all([
    organisationPage(db, scope, q, limit),
    filteredOrganisations(db, scope, q)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
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

/**
 * The live organisations holding any of these credit codes, whatever the caller's scope (an import
 * chunk's keys, fetched once; the caller decides with regionInScope what it may say about them).
 */
export const unsafeFindByCreditCodes = (db: Kysely<DB> | Transaction<DB>, creditCodes: string[]) =>
  creditCodes.length
    ? db
        .selectFrom('organisation')
        .select(['organisation_id', 'region_code', 'credit_code'])
        .where('credit_code', 'in', creditCodes)
        .where('status', '=', 'active')
        .execute()
    : Promise.resolve([]);

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

// ---------------------------------------------------------------------------------------------------
// The export (organisations.import.ts exportOrganisations): the list's filters (filteredOrganisations)
// and the list's order (`ordered`), read in keyset pages. A page is one short statement that starts
// where the previous one ended, whatever the export's size: memory holds one page, and on PGlite's
// single connection other requests' queries run between two pages.

/** How many live organisations in scope match the filters, counted exactly (the export's "matched"). */
export const countOrganisationsForExport = async (
  db: Kysely<DB>,
  scope: Scope,
  q: OrganisationFilters,
): Promise<number> => {
  const r = await filteredOrganisations(db, scope, q)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
};

/**
 * Where a page ended: the last row's sort value as PostgreSQL writes it as text (so a timestamp keeps
 * its microseconds, which a JavaScript Date would drop), null for an empty value, and its id.
 */
export type OrganisationCursor = { value: string | null; id: number };

/** A row of an export page, with its cursor. */
export type OrganisationExportRow = OrganisationRow & { cursor: OrganisationCursor };

/**
 * The list's order as the keyset walks it: the column, its type (to compare the cursor's text as the
 * column's value) and where its empty values go — after the others in both directions (`last`), or
 * where PostgreSQL puts them by default, last ascending and first descending (`default`, the names: the
 * order of the per-level indexes). The id breaks ties in the same direction. It must be the order of
 * `ordered` above: organisations.export.test.ts walks every sort key both ways against the list.
 */
const keysetOrder = {
  name: { column: 'o.name_sort', type: 'text', nulls: 'default', nullable: true },
  regionCode: { column: 'o.region_code', type: 'text', nulls: 'default', nullable: false },
  createdAt: { column: 'o.created_at', type: 'timestamptz', nulls: 'default', nullable: false },
  creditCode: { column: 'o.credit_code', type: 'text', nulls: 'last', nullable: true },
  employees: { column: 'o.employees', type: 'integer', nulls: 'last', nullable: true },
} as const satisfies Record<
  OrganisationSortKey,
  { column: string; type: string; nulls: 'default' | 'last'; nullable: boolean }
>;

/**
 * The next at most `limit` organisations in scope matching the filters, in the list's order, after
 * `after` (from the start when null). Rows with a value come as one keyset range, `(column, id) > (v,
 * id)` (`<` descending), which the indexes that serve the list's order (e.g. the per-level name
 * indexes) can start at; rows without one as another, `column IS NULL AND id > id`; a page that ends
 * the first range continues into the second. Every matching row comes exactly once over the pages,
 * as long as it does not change meanwhile (no snapshot is held between pages: a row inserted or
 * changed during an export may or may not be in it).
 */
export const organisationExportPage = async (
  db: Kysely<DB>,
  scope: Scope,
  q: OrganisationFilters,
  after: OrganisationCursor | null,
  limit: number,
): Promise<OrganisationExportRow[]> => {
  const key = q.sort ?? 'name';
  const desc = key.startsWith('-');
  const dir = desc ? 'desc' : 'asc';
  const cmp = sql.raw(desc ? '<' : '>');
  const o = keysetOrder[key.replace(/^-/, '') as OrganisationSortKey];
  const column = sql.ref(o.column);
  const nullsFirst = o.nulls === 'default' && desc;

  const withValues = async (from: OrganisationCursor | null, n: number) => {
    let qb = filteredOrganisations(db, scope, q).where(o.column, 'is not', null);
    if (from)
      qb = qb.where(
        sql<boolean>`(${column}, o.organisation_id) ${cmp} (cast(${from.value} as ${sql.raw(o.type)}), ${from.id})`,
      );
    const rows = await qb
      .selectAll('o')
      .select(sql<string>`${column}::text`.as('keyset_value'))
      .orderBy(o.column, dir)
      .orderBy('o.organisation_id', dir)
      .limit(n)
      .execute();
    return rows.map(({ keyset_value, ...r }) => ({
      ...r,
      cursor: { value: keyset_value, id: r.organisation_id },
    }));
  };
  const withoutValues = async (from: OrganisationCursor | null, n: number) => {
    if (!o.nullable) return [];
    let qb = filteredOrganisations(db, scope, q).where(o.column, 'is', null);
    if (from) qb = qb.where('o.organisation_id', desc ? '<' : '>', from.id);
    const rows = await qb.selectAll('o').orderBy('o.organisation_id', dir).limit(n).execute();
    return rows.map((r) => ({ ...r, cursor: { value: null, id: r.organisation_id } }));
  };

  const [firstRange, secondRange] = nullsFirst ? [withoutValues, withValues] : [withValues, withoutValues];
  const inFirst = after === null || (after.value === null) === nullsFirst;
  if (!inFirst) return secondRange(after, limit);
  const rows: OrganisationExportRow[] = await firstRange(after, limit);
  if (rows.length < limit) rows.push(...(await secondRange(null, limit - rows.length)));
  return rows;
};
