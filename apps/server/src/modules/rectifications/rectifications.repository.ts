/**
 * Queries of 整改台账 and 对口帮扶 (migration 0032): items in scope with their rounds, history and evidence;
 * the 拒不整改 marks; the figures of the rectification rate; pairings with activities and reports.
 */
import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import { regionPrefixWhere, scopeWhere, type Scope } from '../../platform/authz/scope.js';
import type { DB } from '../../platform/db-types.js';
import { countMatches, type TotalOptions } from '../../platform/list-total.js';
import { likeContains } from '../../platform/sql-text.js';

type Db = Kysely<DB> | Transaction<DB>;

export type ItemFilters = {
  source?: string;
  status?: string;
  severity?: string;
  regionCode?: string;
  institutionId?: number;
  overdueOn?: string;
  q?: string;
};

const scopedItems = (db: Db, scope: Scope, f: ItemFilters) => {
  let q = db
    .selectFrom('rectification_item as i')
    .innerJoin('organisation as o', 'o.organisation_id', 'i.institution_id')
    .leftJoin('organisation as rb', 'rb.organisation_id', 'i.raised_by_organisation_id')
    .where((eb) =>
      scopeWhere(eb, scope, { region: eb.ref('i.region_code'), organisation: eb.ref('i.institution_id') }),
    );
  if (f.source) q = q.where('i.source', '=', f.source as 'qc');
  if (f.status) q = q.where('i.status', '=', f.status as 'open');
  if (f.severity) q = q.where('i.severity', '=', f.severity as 'major');
  if (f.institutionId) q = q.where('i.institution_id', '=', f.institutionId);
  if (f.overdueOn) q = q.where('i.status', '<>', 'closed').where('i.due_on', '<', f.overdueOn);
  if (f.regionCode) q = q.where((eb) => regionPrefixWhere(eb, eb.ref('i.region_code'), f.regionCode!));
  if (f.q) {
    const like = likeContains(f.q);
    q = q.where((eb) => eb.or([eb('o.name', 'like', like), eb('i.title', 'like', like)]));
  }
  return q;
};

const itemColumns = [
  'i.rectification_item_id',
  'i.source',
  'i.source_ref',
  'i.institution_id',
  'i.region_code',
  'i.title',
  'i.detail',
  'i.severity',
  'i.status',
  'i.raised_on',
  'i.due_on',
  'i.round_no',
  'i.responsible_person',
  'i.closed_on',
  'o.name as institution_name',
  'rb.name as raised_by_name',
] as const;

export const listItems = (db: Db, scope: Scope, f: ItemFilters, page: { offset: number; limit: number }) =>
  scopedItems(db, scope, f)
    .select(itemColumns)
    // Open and waiting first, the most pressing due date first; closed ones last, the latest first.
    .orderBy(sql`i.status = 'closed'`)
    .orderBy(sql`CASE WHEN i.status = 'closed' THEN NULL ELSE i.due_on END`, 'asc')
    .orderBy('i.closed_on', 'desc')
    .orderBy('i.rectification_item_id', 'desc')
    .offset(page.offset)
    .limit(page.limit)
    .execute();

export type ItemRow = Awaited<ReturnType<typeof listItems>>[number];

export const countItems = (db: Kysely<DB>, scope: Scope, f: ItemFilters, opts: TotalOptions) =>
  countMatches(db, scopedItems(db, scope, f).select('i.rectification_item_id'), opts);

export const itemInScope = (db: Db, scope: Scope, id: number) =>
  scopedItems(db, scope, {}).select(itemColumns).where('i.rectification_item_id', '=', id).executeTakeFirst();

/** The item a round belongs to (the to-do inbox links a clock's round), in scope. */
export const itemIdOfRound = async (db: Db, scope: Scope, roundId: number): Promise<number | undefined> =>
  (
    await scopedItems(db, scope, {})
      .innerJoin('rectification_round as r', 'r.rectification_item_id', 'i.rectification_item_id')
      .select('i.rectification_item_id')
      .where('r.rectification_round_id', '=', roundId)
      .executeTakeFirst()
  )?.rectification_item_id;

/** Locks the item row for a write (scope applied). */
export const lockItem = async (trx: Transaction<DB>, scope: Scope, id: number) => {
  const r = await itemInScope(trx, scope, id);
  if (!r) return undefined;
  await trx
    .selectFrom('rectification_item')
    .select('rectification_item_id')
    .where('rectification_item_id', '=', id)
    .forUpdate()
    .execute();
  return r;
};

/** The institutions findings are raised against: kind, name and region (unscoped: the caller decides). */
export const institutionsById = (db: Db, ids: number[]) =>
  ids.length
    ? db
        .selectFrom('organisation')
        .select(['organisation_id', 'name', 'kind', 'region_code'])
        .where('organisation_id', 'in', ids)
        .execute()
    : Promise.resolve([]);

/** An institution in scope (a raise by hand, a mark, a pairing), or undefined. */
export const institutionInScope = (db: Db, scope: Scope, id: number) =>
  db
    .selectFrom('organisation as o')
    .select(['o.organisation_id', 'o.name', 'o.kind', 'o.region_code'])
    .where('o.organisation_id', '=', id)
    .where((eb) =>
      scopeWhere(eb, scope, { region: eb.ref('o.region_code'), organisation: eb.ref('o.organisation_id') }),
    )
    .executeTakeFirst();

export type NewItem = {
  source: 'qc' | 'verification' | 'card_sampling' | 'inspection';
  source_ref: string;
  institution_id: number;
  region_code: string;
  title: string;
  detail: string | null;
  severity: 'major' | 'general';
  raised_on: string;
  raised_by: number | null;
  raised_by_organisation_id: number | null;
  due_on: string;
};

/** Inserts the items not raised yet; returns the new ones' ids by source_ref. */
export const insertItems = async (trx: Transaction<DB>, rows: NewItem[]) => {
  if (!rows.length) return [];
  return trx
    .insertInto('rectification_item')
    .values(rows)
    .onConflict((oc) => oc.columns(['source', 'source_ref']).doNothing())
    .returning(['rectification_item_id', 'source', 'source_ref', 'due_on', 'raised_on', 'institution_id'])
    .execute();
};

/** The ids of items already raised, by (source, source_ref). */
export const itemIdsByRef = async (db: Db, refs: Array<{ source: string; sourceRef: string }>) => {
  const out = new Map<string, number>();
  if (!refs.length) return out;
  const rows = await db
    .selectFrom('rectification_item')
    .select(['rectification_item_id', 'source', 'source_ref'])
    .where((eb) =>
      eb.or(
        refs.map((r) => eb.and([eb('source', '=', r.source as 'qc'), eb('source_ref', '=', r.sourceRef)])),
      ),
    )
    .execute();
  for (const r of rows) out.set(`${r.source}\u0000${r.source_ref}`, r.rectification_item_id);
  return out;
};

export const insertRounds = async (
  trx: Transaction<DB>,
  rows: Array<{ rectification_item_id: number; round_no: number; opened_on: string; due_on: string }>,
) =>
  rows.length
    ? trx
        .insertInto('rectification_round')
        .values(rows)
        .returning(['rectification_round_id', 'rectification_item_id', 'round_no'])
        .execute()
    : [];

export const currentRound = (db: Db, itemId: number, roundNo: number) =>
  db
    .selectFrom('rectification_round')
    .selectAll()
    .where('rectification_item_id', '=', itemId)
    .where('round_no', '=', roundNo)
    .executeTakeFirstOrThrow();

export const closeRound = (trx: Transaction<DB>, roundId: number, on: string) =>
  trx
    .updateTable('rectification_round')
    .set({ closed_on: on })
    .where('rectification_round_id', '=', roundId)
    .execute();

export type NewEvent = {
  rectification_item_id: number;
  round_no: number;
  kind: 'raised' | 'responded' | 'rejected' | 'closed' | 'reopened' | 'follow_up';
  note?: string | null;
  checked_on?: string | null;
  checkers?: string | null;
  result?: 'ok' | 'relapse' | null;
  due_on?: string | null;
  user_id: number | null;
  organisation_id: number | null;
};

export const insertEvents = async (trx: Transaction<DB>, rows: NewEvent[]): Promise<number[]> =>
  rows.length
    ? (
        await trx.insertInto('rectification_event').values(rows).returning('rectification_event_id').execute()
      ).map((r) => r.rectification_event_id)
    : [];

export const updateItem = (
  trx: Transaction<DB>,
  id: number,
  patch: {
    status?: 'open' | 'submitted' | 'closed';
    due_on?: string;
    round_no?: number;
    responsible_person?: string | null;
    submitted_at?: Date | string | null;
    closed_on?: string | null;
    closed_by?: number | null;
  },
) =>
  trx
    .updateTable('rectification_item')
    .set({ ...patch, updated_at: sql`now()` })
    .where('rectification_item_id', '=', id)
    .execute();

export const eventsOf = (db: Db, itemId: number) =>
  db
    .selectFrom('rectification_event as e')
    .leftJoin('app_user as u', 'u.user_id', 'e.user_id')
    .leftJoin('organisation as o', 'o.organisation_id', 'e.organisation_id')
    .select([
      'e.rectification_event_id',
      'e.kind',
      'e.round_no',
      'e.note',
      'e.checked_on',
      'e.checkers',
      'e.result',
      'e.due_on',
      'e.at',
      'u.display_name as user_name',
      'o.name as organisation_name',
    ])
    .where('e.rectification_item_id', '=', itemId)
    .orderBy('e.rectification_event_id')
    .execute();

// ---------- evidence ----------

export const evidenceOf = (db: Db, itemId: number) =>
  db
    .selectFrom('rectification_evidence')
    .select([
      'rectification_evidence_id',
      'round_no',
      'rectification_event_id',
      'file_name',
      'media_type',
      'size_bytes',
      'uploaded_at',
    ])
    .where('rectification_item_id', '=', itemId)
    .orderBy('rectification_evidence_id')
    .execute();

export const insertEvidence = async (
  trx: Transaction<DB>,
  row: {
    rectification_item_id: number;
    round_no: number;
    file_name: string;
    media_type: 'application/pdf' | 'image/jpeg' | 'image/png';
    size_bytes: number;
    sha256: string;
    content: Buffer;
    uploaded_by: number | null;
  },
): Promise<number> =>
  (
    await trx
      .insertInto('rectification_evidence')
      .values(row)
      .returning('rectification_evidence_id')
      .executeTakeFirstOrThrow()
  ).rectification_evidence_id;

/** Attaches the evidence uploaded but not yet submitted to the answer that submits it; returns its ids. */
export const attachPendingEvidence = async (trx: Transaction<DB>, itemId: number, eventId: number) =>
  (
    await trx
      .updateTable('rectification_evidence')
      .set({ rectification_event_id: eventId })
      .where('rectification_item_id', '=', itemId)
      .where('rectification_event_id', 'is', null)
      .returning('rectification_evidence_id')
      .execute()
  ).map((r) => r.rectification_evidence_id);

export const pendingEvidenceCount = async (db: Db, itemId: number): Promise<number> =>
  Number(
    (
      await db
        .selectFrom('rectification_evidence')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('rectification_item_id', '=', itemId)
        .where('rectification_event_id', 'is', null)
        .executeTakeFirstOrThrow()
    ).n,
  );

export const evidenceFileOf = (db: Db, itemId: number, evidenceId: number) =>
  db
    .selectFrom('rectification_evidence')
    .select(['file_name', 'media_type', 'content'])
    .where('rectification_item_id', '=', itemId)
    .where('rectification_evidence_id', '=', evidenceId)
    .executeTakeFirst();

// ---------- late items (risk input) ----------

/** Per institution: items still waiting for the institution (open) past their due date on `today`. */
export const lateCounts = async (db: Db, institutionIds: number[], today: string) => {
  if (!institutionIds.length) return [];
  return db
    .selectFrom('rectification_item')
    .select(['institution_id', sql<number>`count(*)::int`.as('n')])
    .where('institution_id', 'in', institutionIds)
    .where('status', '=', 'open')
    .where('due_on', '<', today)
    .groupBy('institution_id')
    .execute();
};

// ---------- rates ----------

/**
 * Per institution of the region: items (raised or due in the period), closed, closed on time, not
 * closed, not closed and past due on `today`.
 */
export const rateRows = (
  db: Db,
  scope: Scope,
  f: { regionCode: string; from?: string; to?: string; basis: 'raised' | 'due'; today: string },
) => {
  const col = f.basis === 'raised' ? 'i.raised_on' : 'i.due_on';
  let q = db
    .selectFrom('rectification_item as i')
    .innerJoin('organisation as o', 'o.organisation_id', 'i.institution_id')
    .where((eb) =>
      eb.and([
        scopeWhere(eb, scope, { region: eb.ref('i.region_code'), organisation: eb.ref('i.institution_id') }),
        regionPrefixWhere(eb, eb.ref('i.region_code'), f.regionCode),
      ]),
    );
  if (f.from) q = q.where(col, '>=', f.from);
  if (f.to) q = q.where(col, '<=', f.to);
  return q
    .select([
      'i.institution_id',
      'i.region_code',
      'o.name as institution_name',
      sql<number>`count(*)::int`.as('total'),
      sql<number>`count(*) FILTER (WHERE i.status = 'closed')::int`.as('closed'),
      sql<number>`count(*) FILTER (WHERE i.status = 'closed' AND i.closed_on <= i.due_on)::int`.as(
        'closed_on_time',
      ),
      sql<number>`count(*) FILTER (WHERE i.status <> 'closed')::int`.as('open'),
      sql<number>`count(*) FILTER (WHERE i.status <> 'closed' AND i.due_on < ${f.today})::int`.as('overdue'),
    ])
    .groupBy(['i.institution_id', 'i.region_code', 'o.name'])
    .execute();
};

// ---------- 拒不整改 / 整改不到位 ----------

const scopedRefusals = (db: Db, scope: Scope) =>
  db
    .selectFrom('rectification_refusal as r')
    .innerJoin('organisation as o', 'o.organisation_id', 'r.institution_id')
    .leftJoin('organisation as m', 'm.organisation_id', 'r.marked_by_organisation_id')
    .where((eb) =>
      scopeWhere(eb, scope, { region: eb.ref('r.region_code'), organisation: eb.ref('r.institution_id') }),
    );

const refusalColumns = [
  'r.rectification_refusal_id',
  'r.institution_id',
  'r.region_code',
  'r.kind',
  'r.reason',
  'r.marked_on',
  'r.lifted_on',
  'r.lift_note',
  'o.name as institution_name',
  'm.name as marked_by_name',
] as const;

export const listRefusals = (db: Db, scope: Scope, all: boolean, page: { offset: number; limit: number }) => {
  let q = scopedRefusals(db, scope).select(refusalColumns);
  if (!all) q = q.where('r.lifted_on', 'is', null);
  return q
    .orderBy(sql`r.lifted_on IS NOT NULL`)
    .orderBy('r.marked_on', 'desc')
    .orderBy('r.rectification_refusal_id', 'desc')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
};
export type RefusalRow = Awaited<ReturnType<typeof listRefusals>>[number];

export const countRefusals = async (db: Db, scope: Scope, all: boolean): Promise<number> => {
  let q = scopedRefusals(db, scope).select(sql<number>`count(*)::int`.as('n'));
  if (!all) q = q.where('r.lifted_on', 'is', null);
  return Number((await q.executeTakeFirstOrThrow()).n);
};

export const refusalInScope = (db: Db, scope: Scope, id: number) =>
  scopedRefusals(db, scope)
    .select(refusalColumns)
    .where('r.rectification_refusal_id', '=', id)
    .executeTakeFirst();

export const lockRefusal = async (trx: Transaction<DB>, scope: Scope, id: number) => {
  const r = await refusalInScope(trx, scope, id);
  if (!r) return undefined;
  await trx
    .selectFrom('rectification_refusal')
    .select('rectification_refusal_id')
    .where('rectification_refusal_id', '=', id)
    .forUpdate()
    .execute();
  return r;
};

export const refusalItems = (db: Db, refusalIds: number[]) =>
  refusalIds.length
    ? db
        .selectFrom('rectification_refusal_item as ri')
        .innerJoin('rectification_item as i', 'i.rectification_item_id', 'ri.rectification_item_id')
        .select(['ri.rectification_refusal_id', 'i.rectification_item_id', 'i.title', 'i.status'])
        .where('ri.rectification_refusal_id', 'in', refusalIds)
        .orderBy('i.rectification_item_id')
        .execute()
    : Promise.resolve([]);

export const activeRefusalOf = (db: Db, institutionId: number) =>
  db
    .selectFrom('rectification_refusal')
    .select(['rectification_refusal_id', 'kind', 'reason', 'marked_on'])
    .where('institution_id', '=', institutionId)
    .where('lifted_on', 'is', null)
    .executeTakeFirst();

/** Items of the institution among `ids` (the items a mark names must be the institution's). */
export const itemsOfInstitution = (db: Db, institutionId: number, ids: number[]) =>
  ids.length
    ? db
        .selectFrom('rectification_item')
        .select(['rectification_item_id', 'title', 'status'])
        .where('institution_id', '=', institutionId)
        .where('rectification_item_id', 'in', ids)
        .execute()
    : Promise.resolve([]);

export const insertRefusal = async (
  trx: Transaction<DB>,
  row: {
    institution_id: number;
    region_code: string;
    kind: 'refusing' | 'inadequate';
    reason: string;
    marked_on: string;
    marked_by: number | null;
    marked_by_organisation_id: number | null;
  },
  itemIds: number[],
): Promise<number | null> => {
  const r = await trx
    .insertInto('rectification_refusal')
    .values(row)
    .onConflict((oc) => oc.column('institution_id').where('lifted_on', 'is', null).doNothing())
    .returning('rectification_refusal_id')
    .executeTakeFirst();
  if (!r) return null;
  await trx
    .insertInto('rectification_refusal_item')
    .values(
      itemIds.map((id) => ({
        rectification_refusal_id: r.rectification_refusal_id,
        rectification_item_id: id,
      })),
    )
    .execute();
  return r.rectification_refusal_id;
};

export const liftRefusal = (
  trx: Transaction<DB>,
  id: number,
  patch: { lifted_on: string; lifted_by: number | null; lift_note: string },
) => trx.updateTable('rectification_refusal').set(patch).where('rectification_refusal_id', '=', id).execute();

/** The standing marks of a province, with the items concerned (public list; unscoped: it is public). */
export const standingRefusalsOfProvince = (db: Db, provinceCode: string) =>
  db
    .selectFrom('rectification_refusal as r')
    .innerJoin('organisation as o', 'o.organisation_id', 'r.institution_id')
    .select([
      'r.rectification_refusal_id',
      'r.institution_id',
      'r.region_code',
      'r.kind',
      'r.reason',
      'r.marked_on',
      'o.name as institution_name',
    ])
    .where('r.lifted_on', 'is', null)
    .where((eb) => regionPrefixWhere(eb, eb.ref('r.region_code'), provinceCode))
    .orderBy('r.region_code')
    .orderBy('o.name')
    .execute();

// ---------- 对口帮扶 ----------

/** Pairings in scope: by the assisted institution's region, or an institution's own (lead or assisted). */
const scopedPairings = (db: Db, scope: Scope) =>
  db
    .selectFrom('assistance_pairing as p')
    .innerJoin('organisation as l', 'l.organisation_id', 'p.lead_institution_id')
    .innerJoin('organisation as a', 'a.organisation_id', 'p.assisted_institution_id')
    .where((eb) =>
      eb.or([
        scopeWhere(eb, scope, {
          region: eb.ref('p.region_code'),
          organisation: eb.ref('p.assisted_institution_id'),
        }),
        scope.kind === 'organisation'
          ? eb('p.lead_institution_id', '=', scope.organisationId)
          : (sql<boolean>`false` as Expression<SqlBool>),
      ]),
    );

const pairingColumns = [
  'p.assistance_pairing_id',
  'p.kind',
  'p.lead_institution_id',
  'p.assisted_institution_id',
  'p.region_code',
  'p.starts_on',
  'p.ends_on',
  'p.focus',
  'p.note',
  'p.status',
  'l.name as lead_name',
  'a.name as assisted_name',
] as const;

export const listPairings = (
  db: Db,
  scope: Scope,
  f: { kind?: string; year?: number },
  page: { offset: number; limit: number },
) => {
  let q = scopedPairings(db, scope).select(pairingColumns);
  if (f.kind) q = q.where('p.kind', '=', f.kind as 'exam');
  if (f.year)
    q = q
      .where('p.starts_on', '<=', `${f.year}-12-31`)
      .where((eb) => eb.or([eb('p.ends_on', 'is', null), eb('p.ends_on', '>=', `${f.year}-01-01`)]));
  return q
    .orderBy('p.status')
    .orderBy('p.starts_on', 'desc')
    .orderBy('p.assistance_pairing_id', 'desc')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
};
export type PairingRow = Awaited<ReturnType<typeof listPairings>>[number];

export const countPairings = async (db: Db, scope: Scope, f: { kind?: string; year?: number }) => {
  let q = scopedPairings(db, scope).select(sql<number>`count(*)::int`.as('n'));
  if (f.kind) q = q.where('p.kind', '=', f.kind as 'exam');
  if (f.year)
    q = q
      .where('p.starts_on', '<=', `${f.year}-12-31`)
      .where((eb) => eb.or([eb('p.ends_on', 'is', null), eb('p.ends_on', '>=', `${f.year}-01-01`)]));
  return Number((await q.executeTakeFirstOrThrow()).n);
};

export const pairingInScope = (db: Db, scope: Scope, id: number) =>
  scopedPairings(db, scope)
    .select(pairingColumns)
    .where('p.assistance_pairing_id', '=', id)
    .executeTakeFirst();

export const lockPairing = async (trx: Transaction<DB>, scope: Scope, id: number) => {
  const r = await pairingInScope(trx, scope, id);
  if (!r) return undefined;
  await trx
    .selectFrom('assistance_pairing')
    .select('assistance_pairing_id')
    .where('assistance_pairing_id', '=', id)
    .forUpdate()
    .execute();
  return r;
};

export const pairingCounts = async (db: Db, ids: number[]) => {
  if (!ids.length) return { activities: new Map<number, number>(), years: new Map<number, number[]>() };
  const [acts, reps] = await Promise.all([
    db
      .selectFrom('assistance_activity')
      .select(['assistance_pairing_id', sql<number>`count(*)::int`.as('n')])
      .where('assistance_pairing_id', 'in', ids)
      .groupBy('assistance_pairing_id')
      .execute(),
    db
      .selectFrom('assistance_report')
      .select(['assistance_pairing_id', 'year'])
      .where('assistance_pairing_id', 'in', ids)
      .orderBy('year')
      .execute(),
  ]);
  const years = new Map<number, number[]>();
  for (const r of reps)
    years.set(r.assistance_pairing_id, [...(years.get(r.assistance_pairing_id) ?? []), r.year]);
  return { activities: new Map(acts.map((a) => [a.assistance_pairing_id, Number(a.n)])), years };
};

export const activitiesOf = (db: Db, pairingId: number) =>
  db
    .selectFrom('assistance_activity')
    .select(['assistance_activity_id', 'activity_on', 'kind', 'summary'])
    .where('assistance_pairing_id', '=', pairingId)
    .orderBy('activity_on', 'desc')
    .orderBy('assistance_activity_id', 'desc')
    .execute();

export const reportsOf = (db: Db, pairingId: number) =>
  db
    .selectFrom('assistance_report')
    .select(['year', 'summary', 'submitted_on'])
    .where('assistance_pairing_id', '=', pairingId)
    .orderBy('year', 'desc')
    .execute();

export const insertPairing = async (
  trx: Transaction<DB>,
  row: {
    lead_institution_id: number;
    assisted_institution_id: number;
    region_code: string;
    kind: 'diagnosis' | 'exam' | 'rehab';
    starts_on: string;
    ends_on: string | null;
    focus: string[];
    note: string | null;
    created_by: number | null;
    created_by_organisation_id: number | null;
  },
): Promise<number> =>
  (
    await trx
      .insertInto('assistance_pairing')
      .values(row)
      .returning('assistance_pairing_id')
      .executeTakeFirstOrThrow()
  ).assistance_pairing_id;

export const updatePairing = (
  trx: Transaction<DB>,
  id: number,
  patch: { ends_on?: string | null; status?: 'active' | 'ended'; focus?: string[]; note?: string | null },
) =>
  trx
    .updateTable('assistance_pairing')
    .set({ ...patch, updated_at: sql`now()` })
    .where('assistance_pairing_id', '=', id)
    .execute();

export const insertActivity = async (
  trx: Transaction<DB>,
  row: {
    assistance_pairing_id: number;
    activity_on: string;
    kind: 'guidance' | 'qms' | 'reporting' | 'qc_rectification' | 'training' | 'other';
    summary: string;
    created_by: number | null;
  },
): Promise<number> =>
  (
    await trx
      .insertInto('assistance_activity')
      .values(row)
      .returning('assistance_activity_id')
      .executeTakeFirstOrThrow()
  ).assistance_activity_id;

/** Inserts the year's report, or replaces it (a corrected report); returns the one it replaced. */
export const upsertReport = async (
  trx: Transaction<DB>,
  row: {
    assistance_pairing_id: number;
    year: number;
    summary: string;
    submitted_on: string;
    submitted_by: number | null;
  },
) => {
  const before = await trx
    .selectFrom('assistance_report')
    .select(['summary', 'submitted_on'])
    .where('assistance_pairing_id', '=', row.assistance_pairing_id)
    .where('year', '=', row.year)
    .executeTakeFirst();
  await trx
    .insertInto('assistance_report')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['assistance_pairing_id', 'year']).doUpdateSet({
        summary: row.summary,
        submitted_on: row.submitted_on,
        submitted_by: row.submitted_by,
      }),
    )
    .execute();
  return before ?? null;
};

// ---------- demo ----------

/** How many items the ledger holds (demo seeding checks it runs once). */
export const itemCount = async (db: Db): Promise<number> =>
  Number(
    (
      await db
        .selectFrom('rectification_item')
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Demo only: an item raised `raisedOn` and due `dueOn`, its current round and clock moved the same way. */
export const unsafeBackdateForDemo = async (
  trx: Transaction<DB>,
  id: number,
  raisedOn: string,
  dueOn: string,
) => {
  const item = await trx
    .updateTable('rectification_item')
    .set({ raised_on: raisedOn, due_on: dueOn })
    .where('rectification_item_id', '=', id)
    .returning('round_no')
    .executeTakeFirstOrThrow();
  const round = await trx
    .updateTable('rectification_round')
    .set({ opened_on: raisedOn, due_on: dueOn })
    .where('rectification_item_id', '=', id)
    .where('round_no', '=', item.round_no)
    .returning('rectification_round_id')
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('rectification_event')
    .set({ due_on: dueOn })
    .where('rectification_item_id', '=', id)
    .where('round_no', '=', item.round_no)
    .where('kind', 'in', ['raised', 'reopened'])
    .execute();
  await trx
    .updateTable('deadline')
    .set({ starts_on: raisedOn, due_on: dueOn })
    .where('kind', 'in', ['rectification_major', 'rectification_general'])
    .where('subject_type', '=', 'rectification_round')
    .where('subject_id', '=', round.rectification_round_id)
    .execute();
};

/** Demo only: the service institutions of a province, in id order (the demo picks some across its cities). */
export const demoInstitutions = (db: Db, provinceCode: string) =>
  db
    .selectFrom('organisation')
    .select(['organisation_id', 'name', 'kind', 'region_code'])
    .where('kind', 'in', [
      'exam_institution',
      'diagnosis_institution',
      'service_institution',
      'rehab_station',
    ])
    .where((eb) => regionPrefixWhere(eb, eb.ref('region_code'), provinceCode))
    .orderBy('organisation_id')
    .execute();

/** Demo only: open items of a source and institution, oldest first. */
export const demoItemsOf = (db: Db, source: string, institutionId: number) =>
  db
    .selectFrom('rectification_item')
    .select(['rectification_item_id', 'status'])
    .where('source', '=', source as 'qc')
    .where('institution_id', '=', institutionId)
    .orderBy('rectification_item_id')
    .execute();
