/** Kysely queries on `organisation`; every read is scoped to the actor through scopeWhere. */
import type { OrganisationListQuery } from '@ohp/contracts';
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import { scopeWhere, type Scope } from '../../platform/authz/scope.js';
import type { DB, OrganisationTable } from '../../platform/db-types.js';
import { likeContains, likePrefix } from '../../platform/sql-text.js';

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
  const column = sort.replace('-', '') === 'createdAt' ? 'o.created_at' : 'o.name';
  const direction = sort.startsWith('-') ? 'desc' : 'asc';
  const [rows, count] = await Promise.all([
    base
      .selectAll('o')
      .orderBy(column, direction)
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
  values: OrganisationValues,
): Promise<OrganisationRow | undefined> =>
  db
    .insertInto('organisation')
    .values(values)
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();

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
  const json = JSON.stringify(rows.map((r, ord) => ({ ...r, ord })));
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
    ])
    .expression(
      sql`SELECT name, kind, level, region_code, credit_code, is_public, industry_code, employees,
                 revenue_wan_yuan, enterprise_size, address, contact_name, contact_phone
            FROM jsonb_to_recordset(${json}::jsonb) AS x(${IMPORTED_COLUMNS}, ord integer)
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
  const json = JSON.stringify(rows.map((r) => ({ ...r.values, id: r.id })));
  await sql`
    UPDATE organisation o
       SET name = x.name, kind = x.kind, level = x.level, region_code = x.region_code,
           credit_code = x.credit_code, is_public = x.is_public, industry_code = x.industry_code,
           employees = x.employees, revenue_wan_yuan = x.revenue_wan_yuan,
           enterprise_size = x.enterprise_size, address = x.address, contact_name = x.contact_name,
           contact_phone = x.contact_phone, updated_at = now()
      FROM jsonb_to_recordset(${json}::jsonb) AS x(${IMPORTED_COLUMNS}, id integer)
     WHERE o.organisation_id = x.id`.execute(db);
};
