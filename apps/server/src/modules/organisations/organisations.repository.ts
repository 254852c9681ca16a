/** Kysely queries on `organisation`; every read is scoped to the actor through scopeWhere. */
import type { OrganisationListQuery } from '@ohp/contracts';
import type { Kysely, Selectable } from 'kysely';
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
