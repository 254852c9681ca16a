/** Queries of 信息公开 (migration 0034): publications, their frozen rows, the public pages' reads. */
import type { PublicListKind, PublicListRow } from '@ohp/contracts';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import { likeContains } from '../../platform/sql-text.js';

type Db = Kysely<DB> | Transaction<DB>;

const summaryColumns = [
  'p.public_list_id',
  'p.kind',
  'p.province_code',
  'p.published_on',
  'p.published_at',
  'p.note',
  'p.row_count',
  'p.status',
  'p.withdrawn_at',
  'p.withdraw_reason',
  'o.name as publisher_name',
  'pu.display_name as published_by_name',
  'wu.display_name as withdrawn_by_name',
] as const;

const publications = (db: Db, provinceCode: string) =>
  db
    .selectFrom('public_list as p')
    .innerJoin('organisation as o', 'o.organisation_id', 'p.publisher_organisation_id')
    .leftJoin('app_user as pu', 'pu.user_id', 'p.published_by')
    .leftJoin('app_user as wu', 'wu.user_id', 'p.withdrawn_by')
    .where('p.province_code', '=', provinceCode);

export type PublicationFilters = { kind?: PublicListKind; status?: 'published' | 'withdrawn' };

const filtered = (db: Db, provinceCode: string, f: PublicationFilters) => {
  let q = publications(db, provinceCode);
  if (f.kind) q = q.where('p.kind', '=', f.kind);
  if (f.status) q = q.where('p.status', '=', f.status);
  return q;
};

export const listPublications = (
  db: Db,
  provinceCode: string,
  f: PublicationFilters,
  page: { offset: number; limit: number },
) =>
  filtered(db, provinceCode, f)
    .select(summaryColumns)
    .orderBy('p.published_on', 'desc')
    .orderBy('p.public_list_id', 'desc')
    .offset(page.offset)
    .limit(page.limit)
    .execute();

export type PublicationRow = Awaited<ReturnType<typeof listPublications>>[number];

export const countPublications = async (db: Db, provinceCode: string, f: PublicationFilters) =>
  Number(
    (
      await filtered(db, provinceCode, f)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst()
    )?.n ?? 0,
  );

/** Publications per kind in a province (all statuses). */
export const publicationCounts = async (db: Db, provinceCode: string) =>
  new Map(
    (
      await db
        .selectFrom('public_list')
        .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
        .where('province_code', '=', provinceCode)
        .groupBy('kind')
        .execute()
    ).map((r) => [r.kind, Number(r.n)]),
  );

/** A publication of the province (null when it belongs to another province or does not exist). */
export const publicationOf = (db: Db, provinceCode: string, id: number) =>
  publications(db, provinceCode).select(summaryColumns).where('p.public_list_id', '=', id).executeTakeFirst();

export const lockPublication = (trx: Transaction<DB>, provinceCode: string, id: number) =>
  trx
    .selectFrom('public_list')
    .select(['public_list_id', 'kind', 'status', 'published_on', 'row_count'])
    .where('province_code', '=', provinceCode)
    .where('public_list_id', '=', id)
    .forUpdate()
    .executeTakeFirst();

/**
 * The current publication of each kind in the province: the latest (by date, then id) not withdrawn —
 * what the public pages show.
 */
export const currentPublicationIds = async (db: Db, provinceCode: string) =>
  new Map(
    (
      await db
        .selectFrom('public_list')
        .select(['kind', 'public_list_id', 'published_on'])
        .distinctOn('kind')
        .where('province_code', '=', provinceCode)
        .where('status', '=', 'published')
        .orderBy('kind')
        .orderBy('published_on', 'desc')
        .orderBy('public_list_id', 'desc')
        .execute()
    ).map((r) => [r.kind, r.public_list_id]),
  );

/** Serialises publishing per province and kind (two clicks on 发布 make one publication after the other). */
export const lockKind = async (trx: Transaction<DB>, provinceCode: string, kind: PublicListKind) => {
  await sql`SELECT pg_advisory_xact_lock(74034, hashtext(${`${provinceCode}:${kind}`}))`.execute(trx);
};

export const insertPublication = async (
  trx: Transaction<DB>,
  v: {
    kind: PublicListKind;
    province_code: string;
    published_on: string;
    published_by: number | null;
    publisher_organisation_id: number;
    note: string | null;
    row_count: number;
  },
): Promise<number> =>
  (await trx.insertInto('public_list').values(v).returning('public_list_id').executeTakeFirstOrThrow())
    .public_list_id;

/** The row's printed text in lower case: what the search looks in (name, region, reference, items, detail). */
export const searchTextOf = (r: PublicListRow): string =>
  [r.institutionName, r.regionName, r.reference ?? '', ...r.items, r.detail ?? ''].join(' ').toLowerCase();

const CHUNK = 500;

export const insertRows = async (trx: Transaction<DB>, id: number, rows: PublicListRow[]): Promise<void> => {
  for (let i = 0; i < rows.length; i += CHUNK)
    await trx
      .insertInto('public_list_row')
      .values(
        rows.slice(i, i + CHUNK).map((r, j) => ({
          public_list_id: id,
          position: i + j + 1,
          institution_id: r.institutionId,
          institution_name: r.institutionName,
          region_code: r.regionCode,
          region_name: r.regionName,
          reference: r.reference ?? null,
          items: JSON.stringify(r.items),
          detail: r.detail ?? null,
          since: r.since ?? null,
          search_text: searchTextOf(r),
        })),
      )
      .execute();
};

export const withdrawPublication = async (
  trx: Transaction<DB>,
  id: number,
  v: { withdrawn_by: number | null; withdraw_reason: string },
): Promise<void> => {
  await trx
    .updateTable('public_list')
    .set({ status: 'withdrawn', withdrawn_at: sql<Date>`now()`, ...v })
    .where('public_list_id', '=', id)
    .execute();
};

const rowsMatching = (db: Db, id: number, q: string | undefined) => {
  let query = db.selectFrom('public_list_row').where('public_list_id', '=', id);
  if (q?.trim()) query = query.where('search_text', 'like', likeContains(q.trim().toLowerCase()));
  return query;
};

const rowColumns = [
  'institution_id',
  'institution_name',
  'region_code',
  'region_name',
  'reference',
  'items',
  'detail',
  'since',
] as const;

export const rowsOf = (db: Db, id: number, q: string | undefined, page: { offset: number; limit: number }) =>
  rowsMatching(db, id, q)
    .select(rowColumns)
    .orderBy('position')
    .offset(page.offset)
    .limit(page.limit)
    .execute();

export type StoredRow = Awaited<ReturnType<typeof rowsOf>>[number];

export const countRows = async (db: Db, id: number, q: string | undefined): Promise<number> =>
  Number(
    (
      await rowsMatching(db, id, q)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst()
    )?.n ?? 0,
  );

export const allRowsOf = (db: Db, id: number) =>
  db
    .selectFrom('public_list_row')
    .select(rowColumns)
    .where('public_list_id', '=', id)
    .orderBy('position')
    .execute();

// ---------- the public pages (no login): published publications only ----------

const publicColumns = [
  'p.public_list_id',
  'p.kind',
  'p.province_code',
  'p.published_on',
  'p.note',
  'p.row_count',
  'o.name as publisher_name',
] as const;

/** Every publication still published, of one province or of all, newest first per province and kind. */
export const publishedPublications = (db: Db, provinceCode?: string, kind?: PublicListKind) => {
  let q = db
    .selectFrom('public_list as p')
    .innerJoin('organisation as o', 'o.organisation_id', 'p.publisher_organisation_id')
    .select(publicColumns)
    .where('p.status', '=', 'published');
  if (provinceCode) q = q.where('p.province_code', '=', provinceCode);
  if (kind) q = q.where('p.kind', '=', kind);
  return q
    .orderBy('p.province_code')
    .orderBy('p.kind')
    .orderBy('p.published_on', 'desc')
    .orderBy('p.public_list_id', 'desc')
    .execute();
};

export type PublishedRow = Awaited<ReturnType<typeof publishedPublications>>[number];

/** The provincial health commission that publishes (the demo seeding's publisher). */
export const provincialCommission = (db: Db, provinceCode: string) =>
  db
    .selectFrom('organisation')
    .select(['organisation_id', 'name'])
    .where('kind', '=', 'health_commission')
    .where('region_code', '=', provinceCode)
    .orderBy('organisation_id')
    .executeTakeFirst();

/** Whether any publication exists (demo seeding runs once). */
export const anyPublication = async (db: Db): Promise<boolean> =>
  (await db.selectFrom('public_list').select('public_list_id').limit(1).executeTakeFirst()) !== undefined;
