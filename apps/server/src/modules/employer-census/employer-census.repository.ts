/**
 * All SQL of 用人单位数据库 (migration 0039). Reads the known employers (organisation kind 'employer') to
 * match against, the employer profile's risk class and the declarations (read-only: an entry counts as
 * declared when its employer's latest accepted declaration is not a 注销) — both tables belong to other
 * modules (employers, declarations) and are never written here.
 */
import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import { regionPrefixWhere, scopeWhere, type Scope } from '../../platform/authz/scope.js';
import type { DB } from '../../platform/db-types.js';
import { countMatches, type TotalOptions } from '../../platform/list-total.js';
import { likeContains } from '../../platform/sql-text.js';

type Db = Kysely<DB> | Transaction<DB>;

// ---------------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------------

export const batchOptions = async (db: Db, batchId: number) => {
  const r = await db
    .selectFrom('import_batch')
    .select(['options', 'file_name', 'user_id'])
    .where('import_batch_id', '=', batchId)
    .executeTakeFirst();
  return r ? { options: (r.options ?? {}) as Record<string, unknown>, fileName: r.file_name } : null;
};

/** The list of an import batch, created by its first chunk. */
export const ensureList = async (
  trx: Transaction<DB>,
  v: { batchId: number; regionCode: string; source: string; title: string; userId: number },
): Promise<number> => {
  await trx
    .insertInto('census_list')
    .values({
      import_batch_id: v.batchId,
      region_code: v.regionCode,
      source: v.source,
      title: v.title,
      uploaded_by: v.userId,
    })
    .onConflict((oc) => oc.column('import_batch_id').doNothing())
    .execute();
  const r = await trx
    .selectFrom('census_list')
    .select('census_list_id')
    .where('import_batch_id', '=', v.batchId)
    .executeTakeFirstOrThrow();
  return r.census_list_id;
};

/** Live employers of the counties (what a chunk's names are matched against). */
export const employersOfCounties = (db: Db, counties: string[]) =>
  counties.length
    ? db
        .selectFrom('organisation')
        .select(['organisation_id', 'name', 'region_code', 'credit_code'])
        .where('kind', '=', 'employer')
        .where('status', '<>', 'deleted')
        .where(sql<string>`left(region_code, 6)`, 'in', counties)
        .execute()
    : Promise.resolve([]);

/** Live employers with these credit codes, wherever they are (the caller keeps those in scope). */
export const employersByCreditCodes = (db: Db, codes: string[]) =>
  codes.length
    ? db
        .selectFrom('organisation')
        .select(['organisation_id', 'name', 'region_code', 'credit_code'])
        .where('kind', '=', 'employer')
        .where('status', '<>', 'deleted')
        .where('credit_code', 'in', codes)
        .execute()
    : Promise.resolve([]);

/** Entries already in the database with one of these credit codes or county + name keys. */
export const entriesByKeys = async (db: Db, codes: string[], countyKeys: Array<[string, string]>) => {
  if (!codes.length && !countyKeys.length) return [];
  return db
    .selectFrom('census_entry')
    .select([
      'census_entry_id',
      'credit_code',
      'county_code',
      'name_key',
      'match_state',
      'employer_id',
      'rejected_employer_ids',
      'merged_into_id',
    ])
    .where((eb) => {
      const ors: Expression<SqlBool>[] = [];
      if (codes.length) ors.push(eb('credit_code', 'in', codes));
      if (countyKeys.length)
        ors.push(
          sql<SqlBool>`(county_code, name_key) IN (SELECT x.c, x.k FROM jsonb_to_recordset(${JSON.stringify(
            countyKeys.map(([c, k]) => ({ c, k })),
          )}::jsonb) AS x(c text, k text))`,
        );
      return eb.or(ors);
    })
    .execute();
};

/** The survivors of merged entries a list names again (its rows are linked to the survivor). */
export const entriesForImportByIds = (db: Db, ids: number[]) =>
  ids.length
    ? db
        .selectFrom('census_entry')
        .select([
          'census_entry_id',
          'credit_code',
          'county_code',
          'name_key',
          'match_state',
          'employer_id',
          'rejected_employer_ids',
          'merged_into_id',
        ])
        .where('census_entry_id', 'in', ids)
        .execute()
    : Promise.resolve([]);

export type NewEntry = {
  region_code: string;
  county_code: string;
  name: string;
  name_key: string;
  credit_code: string | null;
  address: string | null;
  industry_code: string | null;
  industry_text: string | null;
  staff: number | null;
  contact_name: string | null;
  contact_phone_enc: string | null;
  contact_phone_masked: string | null;
  employer_id: number | null;
  match_state: 'matched' | 'uncertain' | 'unmatched';
  match_method: 'credit_code' | 'name' | null;
  candidates: string;
  first_list_id: number;
};

/** Inserts new entries (a key another job inserted meanwhile is skipped); returns the inserted ones. */
export const insertEntries = (trx: Transaction<DB>, rows: NewEntry[]) =>
  rows.length
    ? trx
        .insertInto('census_entry')
        .values(rows)
        .onConflict((oc) => oc.doNothing())
        .returning(['census_entry_id', 'county_code', 'name_key', 'credit_code'])
        .execute()
    : Promise.resolve([]);

/**
 * Existing entries a list names again: a credit code the entry lacked is filled in, and an entry not
 * yet matched that now matches by credit code is linked. One statement.
 */
export const refreshEntries = async (
  trx: Transaction<DB>,
  rows: Array<{ id: number; credit_code: string | null; employer_id: number | null }>,
) => {
  if (!rows.length) return;
  await sql`
    UPDATE census_entry e
       SET credit_code = coalesce(e.credit_code, x.credit_code),
           employer_id = CASE WHEN e.match_state <> 'matched' AND x.employer_id IS NOT NULL
                              THEN x.employer_id ELSE e.employer_id END,
           match_method = CASE WHEN e.match_state <> 'matched' AND x.employer_id IS NOT NULL
                               THEN 'credit_code' ELSE e.match_method END,
           candidates = CASE WHEN e.match_state <> 'matched' AND x.employer_id IS NOT NULL
                             THEN '[]'::jsonb ELSE e.candidates END,
           match_state = CASE WHEN x.employer_id IS NOT NULL THEN 'matched' ELSE e.match_state END,
           version = e.version + 1,
           updated_at = now()
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(id integer, credit_code text, employer_id integer)
     WHERE e.census_entry_id = x.id
       AND ((e.credit_code IS NULL AND x.credit_code IS NOT NULL) OR (e.match_state <> 'matched' AND x.employer_id IS NOT NULL))`.execute(
    trx,
  );
};

/** Links entries to a list; returns the entries newly linked (a retried chunk links none). */
export const linkSources = async (
  trx: Transaction<DB>,
  rows: Array<{
    census_entry_id: number;
    census_list_id: number;
    row_no: number;
    listed_name: string;
    merged_from_id?: number | null;
  }>,
) =>
  rows.length
    ? (
        await trx
          .insertInto('census_entry_source')
          .values(rows)
          .onConflict((oc) => oc.columns(['census_entry_id', 'census_list_id']).doNothing())
          .returning('census_entry_id')
          .execute()
      ).map((r) => r.census_entry_id)
    : [];

// ---------------------------------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------------------------------

const listSelect = (db: Db, scope: Scope) =>
  db
    .selectFrom('census_list as l')
    .innerJoin('import_batch as b', 'b.import_batch_id', 'l.import_batch_id')
    .leftJoin('app_user as u', 'u.user_id', 'l.uploaded_by')
    .where((eb) => scopeWhere(eb, scope, { region: eb.ref('l.region_code'), organisation: sql.lit(-1) }))
    .select((eb) => [
      'l.census_list_id',
      'l.import_batch_id',
      'l.source',
      'l.title',
      'l.region_code',
      'l.uploaded_at',
      'u.display_name as uploaded_by',
      'b.report',
      eb
        .selectFrom('census_entry_source as s')
        .innerJoin('census_entry as e', 'e.census_entry_id', 's.census_entry_id')
        .whereRef('s.census_list_id', '=', 'l.census_list_id')
        .select(
          sql<string>`json_build_object('rows', count(*), 'matched', count(*) FILTER (WHERE e.match_state = 'matched'), 'uncertain', count(*) FILTER (WHERE e.match_state = 'uncertain'), 'unmatched', count(*) FILTER (WHERE e.match_state = 'unmatched'))::text`.as(
            'c',
          ),
        )
        .as('counts'),
    ]);

export const listLists = (db: Db, scope: Scope, page: { offset: number; limit: number }) =>
  listSelect(db, scope).orderBy('l.census_list_id', 'desc').offset(page.offset).limit(page.limit).execute();
export type ListRow = Awaited<ReturnType<typeof listLists>>[number];

/** One page of the lists export, in the list's order (newest first), before the last list written. */
export const listExportPage = (db: Db, scope: Scope, beforeId: number | null, limit: number) =>
  listSelect(db, scope)
    .$if(beforeId !== null, (q) => q.where('l.census_list_id', '<', beforeId!))
    .orderBy('l.census_list_id', 'desc')
    .limit(limit)
    .execute();

export const countLists = async (db: Db, scope: Scope) =>
  Number(
    (
      await db
        .selectFrom('census_list as l')
        .where((eb) => scopeWhere(eb, scope, { region: eb.ref('l.region_code'), organisation: sql.lit(-1) }))
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

// ---------------------------------------------------------------------------------------------------
// Entries
// ---------------------------------------------------------------------------------------------------

/** Declared: the employer's latest accepted declaration exists and is not a 注销 (declarations, read-only). */
const declaredExpr = sql<boolean>`coalesce((SELECT d.declaration_type <> 'cancel' FROM declaration d
  WHERE d.employer_id = e.employer_id AND d.status = 'accepted'
  ORDER BY d.accepted_at DESC, d.declaration_id DESC LIMIT 1), false)`;

/** The status shown (censusStatuses). */
export const statusExpr = sql<string>`CASE WHEN e.status <> 'open' THEN e.status
  WHEN e.employer_id IS NOT NULL AND ${declaredExpr} THEN 'declared' ELSE 'not_declared' END`;

export type EntryFilters = {
  source?: string;
  matchState?: string;
  status?: string;
  regionCode?: string;
  riskClass?: string;
  listId?: number;
  q?: string;
  ids?: number[];
  id?: number;
  /** true: merged entries only; false: live entries only; undefined: live, or any when `ids` is given. */
  merged?: boolean;
};

const scopedEntries = (db: Db, scope: Scope, f: EntryFilters) => {
  let q = db
    .selectFrom('census_entry as e')
    .leftJoin('organisation as o', 'o.organisation_id', 'e.employer_id')
    .leftJoin('employer_profile as p', 'p.organisation_id', 'e.employer_id')
    .where((eb) => scopeWhere(eb, scope, { region: eb.ref('e.region_code'), organisation: sql.lit(-1) }));
  if (f.ids) q = q.where('e.census_entry_id', 'in', f.ids.length ? f.ids : [-1]);
  if (f.id) q = q.where('e.census_entry_id', '=', f.id);
  if (f.merged === true) q = q.where('e.merged_into_id', 'is not', null);
  else if (f.merged === false || !f.ids) q = q.where('e.merged_into_id', 'is', null);
  if (f.matchState) q = q.where('e.match_state', '=', f.matchState as 'matched');
  if (f.regionCode) q = q.where((eb) => regionPrefixWhere(eb, eb.ref('e.region_code'), f.regionCode!));
  if (f.riskClass) q = q.where('p.risk_class', '=', f.riskClass as '严重');
  if (f.status) q = q.where(sql<string>`${statusExpr}`, '=', f.status);
  if (f.source || f.listId)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('census_entry_source as s')
          .innerJoin('census_list as l', 'l.census_list_id', 's.census_list_id')
          .whereRef('s.census_entry_id', '=', 'e.census_entry_id')
          .$if(Boolean(f.source), (w) => w.where('l.source', '=', f.source!))
          .$if(Boolean(f.listId), (w) => w.where('l.census_list_id', '=', f.listId!))
          .select(sql.lit(1).as('one')),
      ),
    );
  if (f.q) {
    const like = likeContains(f.q);
    q = q.where((eb) => eb.or([eb('e.name', 'like', like), eb('e.credit_code', 'like', like)]));
  }
  return q;
};

const withEntryColumns = (q: ReturnType<typeof scopedEntries>) =>
  q.select((eb) => [
    'e.census_entry_id',
    'e.name',
    'e.credit_code',
    'e.region_code',
    'e.address',
    'e.industry_code',
    'e.industry_text',
    'e.staff',
    'e.contact_name',
    'e.contact_phone_masked',
    'e.match_state',
    'e.employer_id',
    'e.candidates',
    'e.status as set_status',
    'e.status_reason',
    'e.version',
    'e.merged_into_id',
    'o.name as employer_name',
    'p.risk_class',
    statusExpr.as('status'),
    eb
      .selectFrom('census_entry_source as s')
      .innerJoin('census_list as l', 'l.census_list_id', 's.census_list_id')
      .whereRef('s.census_entry_id', '=', 'e.census_entry_id')
      .select(sql<string[]>`array_agg(DISTINCT l.source ORDER BY l.source)`.as('x'))
      .as('sources'),
    // The survivor of a merged entry, and the entries merged into this one (as JSON text).
    sql<string | null>`(SELECT json_build_object('id', s.census_entry_id, 'name', s.name, 'mergedAt',
              (SELECT max(m.merged_at) FROM census_merge m
                WHERE m.merged_entry_id = e.census_entry_id AND m.unmerged_at IS NULL))::text
        FROM census_entry s WHERE s.census_entry_id = e.merged_into_id)`.as('merged_into'),
    sql<
      string | null
    >`(SELECT json_agg(json_build_object('id', x.census_entry_id, 'name', x.name) ORDER BY x.census_entry_id)::text
        FROM census_entry x WHERE x.merged_into_id = e.census_entry_id)`.as('merged_from'),
  ]);

export const listEntries = (db: Db, scope: Scope, f: EntryFilters, page: { offset: number; limit: number }) =>
  withEntryColumns(scopedEntries(db, scope, f))
    .orderBy('e.region_code')
    .orderBy('e.census_entry_id')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
export type EntryRow = Awaited<ReturnType<typeof listEntries>>[number];

/** One page of the export, in the list's order (region, then id), after the last row written. */
export const entryExportPage = (
  db: Db,
  scope: Scope,
  f: EntryFilters,
  after: { region_code: string; census_entry_id: number } | null,
  limit: number,
) => {
  let q = withEntryColumns(scopedEntries(db, scope, f));
  if (after)
    q = q.where((eb) =>
      eb(
        eb.refTuple('e.region_code', 'e.census_entry_id'),
        '>',
        eb.tuple(after.region_code, after.census_entry_id),
      ),
    );
  return q.orderBy('e.region_code').orderBy('e.census_entry_id').limit(limit).execute();
};

export const countEntries = (db: Kysely<DB>, scope: Scope, f: EntryFilters, opts: TotalOptions) =>
  countMatches(db, scopedEntries(db, scope, f).select('e.census_entry_id'), opts);

export const entriesByIds = (db: Db, scope: Scope, ids: number[]) =>
  withEntryColumns(scopedEntries(db, scope, { ids })).execute();

/** Locks an entry in scope for a change. */
export const lockEntry = (trx: Transaction<DB>, scope: Scope, id: number) =>
  trx
    .selectFrom('census_entry as e')
    .selectAll('e')
    .where('e.census_entry_id', '=', id)
    .where((eb) => scopeWhere(eb, scope, { region: eb.ref('e.region_code'), organisation: sql.lit(-1) }))
    .forUpdate()
    .executeTakeFirst();
export type LockedEntry = NonNullable<Awaited<ReturnType<typeof lockEntry>>>;

export const updateEntry = (
  trx: Transaction<DB>,
  id: number,
  v: Partial<{
    employer_id: number | null;
    match_state: 'matched' | 'uncertain' | 'unmatched';
    match_method: 'credit_code' | 'name' | 'review' | 'confirmed_new' | null;
    candidates: string;
    rejected_employer_ids: number[];
    status: 'open' | 'not_applicable' | 'closed' | 'relocated';
    status_reason: string | null;
    status_on: string | null;
    credit_code: string | null;
    merged_into_id: number | null;
  }>,
) =>
  trx
    .updateTable('census_entry')
    .set({ ...v, version: sql`version + 1`, updated_at: sql`now()` })
    .where('census_entry_id', '=', id)
    .execute();

export const employersByIds = (db: Db, ids: number[]) =>
  ids.length
    ? db
        .selectFrom('organisation')
        .select(['organisation_id', 'name', 'credit_code', 'region_code', 'address', 'status', 'kind'])
        .where('organisation_id', 'in', ids)
        .execute()
    : Promise.resolve([]);

/** Whether the employer's latest accepted declaration is a live one. */
export const isDeclared = async (db: Db, employerId: number) =>
  Boolean(
    (
      await sql<{ d: boolean }>`SELECT ${sql.raw(
        "coalesce((SELECT d.declaration_type <> 'cancel' FROM declaration d WHERE d.employer_id = e.employer_id AND d.status = 'accepted' ORDER BY d.accepted_at DESC, d.declaration_id DESC LIMIT 1), false)",
      )} AS d FROM (SELECT ${employerId}::integer AS employer_id) e`.execute(db)
    ).rows[0]?.d,
  );

// ---------------------------------------------------------------------------------------------------
// Follow-ups
// ---------------------------------------------------------------------------------------------------

/** Users of county health commissions / disease-control bureaus in scope who may take follow-ups. */
export const assignableUsers = (db: Db, scope: Scope, regionCode?: string) =>
  db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.organisation_id', 'u.organisation_id')
    .select([
      'u.user_id',
      'u.display_name',
      'u.username',
      'u.organisation_id',
      'o.name as organisation_name',
      'o.region_code',
    ])
    .where('u.status', '=', 'active')
    .where('o.kind', 'in', ['health_commission', 'disease_control_bureau'])
    .where(sql<number>`length(o.region_code)`, '=', 6)
    .where((eb) => scopeWhere(eb, scope, { region: eb.ref('o.region_code'), organisation: sql.lit(-1) }))
    .$if(Boolean(regionCode), (q) => q.where('o.region_code', '=', regionCode!.slice(0, 6)))
    .orderBy('o.region_code')
    .orderBy('u.user_id')
    .limit(500)
    .execute();

export const openFollowUpsOf = (db: Db, entryIds: number[]) =>
  entryIds.length
    ? db
        .selectFrom('census_follow_up')
        .select(['census_entry_id', 'census_follow_up_id'])
        .where('census_entry_id', 'in', entryIds)
        .where('status', '=', 'open')
        .execute()
    : Promise.resolve([]);

export const insertFollowUps = (
  trx: Transaction<DB>,
  rows: Array<{
    census_entry_id: number;
    region_code: string;
    assignee_user_id: number;
    assigned_by: number;
    due_on: string;
  }>,
) =>
  trx
    .insertInto('census_follow_up')
    .values(rows)
    .returning(['census_follow_up_id', 'census_entry_id'])
    .execute();

const scopedFollowUps = (db: Db, scope: Scope) =>
  db
    .selectFrom('census_follow_up as f')
    .innerJoin('census_entry as e', 'e.census_entry_id', 'f.census_entry_id')
    .innerJoin('app_user as u', 'u.user_id', 'f.assignee_user_id')
    .where((eb) => scopeWhere(eb, scope, { region: eb.ref('f.region_code'), organisation: sql.lit(-1) }));

export type FollowUpFilters = {
  assignee?: number;
  status?: 'open' | 'done' | 'overdue';
  today: string;
  entryIds?: number[];
};

const filteredFollowUps = (db: Db, scope: Scope, f: FollowUpFilters) =>
  scopedFollowUps(db, scope)
    .$if(f.assignee !== undefined, (q) => q.where('f.assignee_user_id', '=', f.assignee!))
    .$if(f.status === 'open', (q) => q.where('f.status', '=', 'open'))
    .$if(f.status === 'done', (q) => q.where('f.status', '=', 'done'))
    .$if(f.status === 'overdue', (q) => q.where('f.status', '=', 'open').where('f.due_on', '<', f.today))
    .$if(Boolean(f.entryIds), (q) =>
      q.where('f.census_entry_id', 'in', f.entryIds!.length ? f.entryIds! : [-1]),
    );

const FOLLOW_UP_COLUMNS = [
  'f.census_follow_up_id',
  'f.census_entry_id',
  'f.region_code',
  'f.assignee_user_id',
  'u.display_name as assignee',
  'f.due_on',
  'f.status',
  'f.outcome',
  'f.outcome_note',
  'f.will_declare_by',
  'f.visited_on',
  'e.name as entry_name',
  'e.address',
] as const;

export const listFollowUps = (
  db: Db,
  scope: Scope,
  f: FollowUpFilters,
  page: { offset: number; limit: number },
) =>
  filteredFollowUps(db, scope, f)
    .select(FOLLOW_UP_COLUMNS)
    .orderBy(sql`f.status = 'done'`)
    .orderBy('f.due_on')
    .orderBy('f.census_follow_up_id')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
export type FollowUpRow = Awaited<ReturnType<typeof listFollowUps>>[number];

/** One page of the follow-ups export in the list's order (open first, by due date), after a row. */
export const followUpExportPage = (
  db: Db,
  scope: Scope,
  f: FollowUpFilters,
  after: { status: string; due_on: string; census_follow_up_id: number } | null,
  limit: number,
) =>
  filteredFollowUps(db, scope, f)
    .select(FOLLOW_UP_COLUMNS)
    .$if(after !== null, (q) =>
      q.where(
        sql<boolean>`(f.status = 'done', f.due_on, f.census_follow_up_id) > (${after!.status === 'done'}::boolean, ${after!.due_on}::date, ${after!.census_follow_up_id}::integer)`,
      ),
    )
    .orderBy(sql`f.status = 'done'`)
    .orderBy('f.due_on')
    .orderBy('f.census_follow_up_id')
    .limit(limit)
    .execute();

export const countFollowUps = async (db: Db, scope: Scope, f: FollowUpFilters) =>
  Number(
    (
      await filteredFollowUps(db, scope, f)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

export const lockFollowUp = (trx: Transaction<DB>, scope: Scope, id: number) =>
  trx
    .selectFrom('census_follow_up as f')
    .selectAll('f')
    .where('f.census_follow_up_id', '=', id)
    .where((eb) => scopeWhere(eb, scope, { region: eb.ref('f.region_code'), organisation: sql.lit(-1) }))
    .forUpdate()
    .executeTakeFirst();

export const closeFollowUp = (
  trx: Transaction<DB>,
  id: number,
  v: {
    outcome: 'declared' | 'will_declare' | 'not_applicable' | 'closed' | 'not_found' | 'merged';
    outcome_note: string | null;
    will_declare_by: string | null;
    visited_on: string;
    recorded_by: number;
  },
) =>
  trx
    .updateTable('census_follow_up')
    .set({ ...v, status: 'done', recorded_at: sql`now()` })
    .where('census_follow_up_id', '=', id)
    .execute();

// ---------------------------------------------------------------------------------------------------
// Merge, unmerge (migration 0042)
// ---------------------------------------------------------------------------------------------------

/** Whether any entry is merged into this one. */
export const hasMergedInto = async (db: Db, id: number) =>
  !!(await db
    .selectFrom('census_entry')
    .select('census_entry_id')
    .where('merged_into_id', '=', id)
    .limit(1)
    .executeTakeFirst());

/** The lists naming an entry. */
export const sourceListsOf = async (db: Db, id: number) =>
  (
    await db
      .selectFrom('census_entry_source')
      .select('census_list_id')
      .where('census_entry_id', '=', id)
      .execute()
  ).map((r) => r.census_list_id);

/** Moves the merged entry's rows of these lists to the survivor, recording where they came from. */
export const moveSourcesToSurvivor = async (
  trx: Transaction<DB>,
  mergedId: number,
  survivorId: number,
  listIds: number[],
) => {
  if (!listIds.length) return 0;
  const r = await trx
    .updateTable('census_entry_source')
    .set({ census_entry_id: survivorId, merged_from_id: mergedId })
    .where('census_entry_id', '=', mergedId)
    .where('census_list_id', 'in', listIds)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
};

/** Moves back every row the survivor holds from the merged entry (moved, or linked by a later list). */
export const moveSourcesBack = async (trx: Transaction<DB>, mergedId: number, survivorId: number) => {
  const r = await trx
    .updateTable('census_entry_source')
    .set({ census_entry_id: mergedId, merged_from_id: null })
    .where('census_entry_id', '=', survivorId)
    .where('merged_from_id', '=', mergedId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
};

export const insertMerge = async (
  trx: Transaction<DB>,
  v: {
    merged_entry_id: number;
    survivor_entry_id: number;
    reason: string | null;
    survivor_before: unknown;
    survivor_after: unknown;
    moved_list_ids: number[];
    moved_follow_up_ids: number[];
    closed_follow_up_ids: number[];
    merged_by: number;
  },
) =>
  (
    await trx
      .insertInto('census_merge')
      .values({
        ...v,
        survivor_before: JSON.stringify(v.survivor_before),
        survivor_after: JSON.stringify(v.survivor_after),
      })
      .returning('census_merge_id')
      .executeTakeFirstOrThrow()
  ).census_merge_id;

/** The merge in force of a merged entry. */
export const openMergeOf = (trx: Transaction<DB>, mergedId: number) =>
  trx
    .selectFrom('census_merge')
    .selectAll()
    .where('merged_entry_id', '=', mergedId)
    .where('unmerged_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();

export const closeMerge = (trx: Transaction<DB>, id: number, v: { userId: number; reason: string }) =>
  trx
    .updateTable('census_merge')
    .set({ unmerged_at: sql`now()`, unmerged_by: v.userId, unmerge_reason: v.reason })
    .where('census_merge_id', '=', id)
    .execute();

/** Open follow-ups of an entry (locked). */
export const lockOpenFollowUpsOf = (trx: Transaction<DB>, entryId: number) =>
  trx
    .selectFrom('census_follow_up')
    .select(['census_follow_up_id', 'census_entry_id', 'assignee_user_id'])
    .where('census_entry_id', '=', entryId)
    .where('status', '=', 'open')
    .orderBy('census_follow_up_id')
    .forUpdate()
    .execute();

/** Hands open follow-ups to another entry (the visit is to the same unit). */
export const moveFollowUps = async (
  trx: Transaction<DB>,
  ids: number[],
  to: { entryId: number; regionCode: string },
  onlyFromEntry?: number,
) => {
  if (!ids.length) return [];
  return (
    await trx
      .updateTable('census_follow_up')
      .set({ census_entry_id: to.entryId, region_code: to.regionCode })
      .where('census_follow_up_id', 'in', ids)
      .where('status', '=', 'open')
      .$if(onlyFromEntry !== undefined, (q) => q.where('census_entry_id', '=', onlyFromEntry!))
      .returning('census_follow_up_id')
      .execute()
  ).map((r) => r.census_follow_up_id);
};

/** Closes open follow-ups as duplicates of the survivor's (outcome 'merged', no visit). */
export const closeFollowUpsAsMerged = async (
  trx: Transaction<DB>,
  ids: number[],
  v: { note: string; userId: number },
) => {
  if (!ids.length) return;
  await trx
    .updateTable('census_follow_up')
    .set({
      status: 'done',
      outcome: 'merged',
      outcome_note: v.note,
      recorded_by: v.userId,
      recorded_at: sql`now()`,
    })
    .where('census_follow_up_id', 'in', ids)
    .where('status', '=', 'open')
    .execute();
};

// ---------------------------------------------------------------------------------------------------
// Snapshots
// ---------------------------------------------------------------------------------------------------

export const snapshotCounts = async (db: Db, city: string) =>
  (
    await sql<Record<string, number>>`
      SELECT count(*)::int AS total,
             count(*) FILTER (WHERE st = 'declared')::int AS declared,
             count(*) FILTER (WHERE st = 'not_declared')::int AS not_declared,
             count(*) FILTER (WHERE st = 'not_applicable')::int AS not_applicable,
             count(*) FILTER (WHERE st = 'closed')::int AS closed,
             count(*) FILTER (WHERE st = 'relocated')::int AS relocated,
             count(*) FILTER (WHERE match_state = 'matched')::int AS matched,
             count(*) FILTER (WHERE match_state = 'uncertain')::int AS uncertain,
             count(*) FILTER (WHERE match_state = 'unmatched')::int AS unmatched
        FROM (SELECT e.match_state, ${statusExpr} AS st FROM census_entry e
               WHERE left(e.region_code, 4) = ${city} AND e.merged_into_id IS NULL) x`.execute(db)
  ).rows[0]!;

export const insertSnapshot = async (
  trx: Transaction<DB>,
  v: { city: string; period: string; takenOn: string; counts: unknown; userId: number },
) => {
  const s = await trx
    .insertInto('census_snapshot')
    .values({
      region_code: v.city,
      period: v.period,
      taken_on: v.takenOn,
      counts: JSON.stringify(v.counts),
      taken_by: v.userId,
    })
    .onConflict((oc) => oc.columns(['region_code', 'period']).doNothing())
    .returning('census_snapshot_id')
    .executeTakeFirst();
  if (!s) return null;
  await sql`
    INSERT INTO census_snapshot_row (census_snapshot_id, census_entry_id, region_code, name, credit_code,
                                     employer_id, status, status_reason, sources, risk_class)
    SELECT ${s.census_snapshot_id}, e.census_entry_id, e.region_code, e.name, e.credit_code, e.employer_id,
           ${statusExpr}, e.status_reason,
           coalesce((SELECT array_agg(DISTINCT l.source ORDER BY l.source) FROM census_entry_source s
                       JOIN census_list l ON l.census_list_id = s.census_list_id
                      WHERE s.census_entry_id = e.census_entry_id), '{}'),
           p.risk_class
      FROM census_entry e LEFT JOIN employer_profile p ON p.organisation_id = e.employer_id
     WHERE left(e.region_code, 4) = ${v.city} AND e.merged_into_id IS NULL`.execute(trx);
  return s.census_snapshot_id;
};

export const listSnapshots = (db: Db, scope: Scope) =>
  db
    .selectFrom('census_snapshot as s')
    .select(['s.census_snapshot_id', 's.region_code', 's.period', 's.taken_on', 's.counts'])
    // A city's submission: its city and the province see it (a county has none of its own).
    .where((eb) => scopeWhere(eb, scope, { region: eb.ref('s.region_code'), organisation: sql.lit(-1) }))
    .orderBy('s.period', 'desc')
    .orderBy('s.region_code')
    .limit(500)
    .execute();

export const snapshotRows = (db: Db, snapshotId: number, scope: Scope) =>
  db
    .selectFrom('census_snapshot_row as r')
    .selectAll('r')
    .where('r.census_snapshot_id', '=', snapshotId)
    .where((eb) => scopeWhere(eb, scope, { region: eb.ref('r.region_code'), organisation: sql.lit(-1) }))
    .orderBy('r.region_code')
    .orderBy('r.census_entry_id')
    .execute();

/** Demo: whether any list exists (the demo seeds once). */
export const anyCensusList = async (db: Kysely<DB>) =>
  !!(await db.selectFrom('census_list').select('census_list_id').limit(1).executeTakeFirst());

/** Demo: the newest active employers with a credit code in a county. */
export const demoNewestEmployersOf = (db: Kysely<DB>, countyCode: string, limit: number) =>
  db
    .selectFrom('organisation')
    .select(['organisation_id', 'name', 'credit_code', 'region_code'])
    .where('kind', '=', 'employer')
    .where('status', '=', 'active')
    .where('region_code', '=', countyCode)
    .where('credit_code', 'is not', null)
    .orderBy('organisation_id', 'desc')
    .limit(limit)
    .execute();

/** Demo: the regions of the rehabilitation stations (townships the demo lists name). */
export const demoRehabStationRegions = async (db: Kysely<DB>) =>
  (
    await db.selectFrom('organisation').select('region_code').where('kind', '=', 'rehab_station').execute()
  ).map((o) => o.region_code);

/** Demo: the first active employers of a city outside one of its counties. */
export const demoCityEmployersOutside = (
  db: Kysely<DB>,
  cityCode: string,
  countyCode: string,
  limit: number,
) =>
  db
    .selectFrom('organisation')
    .select(['name', 'credit_code', 'region_code'])
    .where('kind', '=', 'employer')
    .where('status', '=', 'active')
    .where(({ fn }) => fn<string>('left', ['region_code', sql.lit(4)]), '=', cityCode)
    .where('region_code', '<>', countyCode)
    .orderBy('organisation_id')
    .limit(limit)
    .execute();

/** Demo: how many entries the database holds. */
export const countCensusEntries = async (db: Kysely<DB>) =>
  Number(
    (
      await db
        .selectFrom('census_entry')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst()
    )?.n ?? 0,
  );

/** Demo: the health commission of a county. */
export const demoCountyCommission = async (db: Kysely<DB>, countyCode: string) =>
  (
    await db
      .selectFrom('organisation')
      .select('organisation_id')
      .where('kind', '=', 'health_commission')
      .where('region_code', '=', countyCode)
      .orderBy('organisation_id')
      .executeTakeFirst()
  )?.organisation_id;

/** Demo: an entry of a county by its name. */
export const demoEntryIdByName = async (db: Kysely<DB>, countyCode: string, name: string) =>
  (
    await db
      .selectFrom('census_entry')
      .select('census_entry_id')
      .where('county_code', '=', countyCode)
      .where('name', '=', name)
      .executeTakeFirst()
  )?.census_entry_id;
