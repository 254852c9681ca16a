/**
 * 信息公开 (issue 16 item 8; R45, R51, R52). The provincial health commission previews a list computed
 * live from the owning modules (public-lists.sources.ts), then publishes it: the rows are frozen with
 * the publication date, the publisher, the province and an optional note (later changes of filings,
 * verifications, QC or rectifications never alter a publication; the tables refuse it too). A withdrawal
 * (with its reason) keeps the publication as history; the public pages show, per province and kind, the
 * latest publication not withdrawn, the earlier ones reachable, searchable and paginated. Every write is
 * audited (public_list.publish, public_list.withdraw).
 */
import {
  publicListKinds,
  type PublicListDetail,
  type PublicListDetailQuery,
  type PublicListEntry,
  type PublicListIndex,
  type PublicListKind,
  type PublicListListQuery,
  type PublicListOverview,
  type PublicListPage,
  type PublicListPageQuery,
  type PublicListPreview,
  type PublicListPublishInput,
  type PublicListRow,
  type PublicListSummary,
  type PublicPublication,
} from '@ohp/contracts';
import { chinaToday, getRegion } from '@ohp/reference';
import type { Kysely } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { DB } from '../../platform/db-types.js';
import { AppError, invalid } from '../../platform/errors.js';
import { isPublisher, provinceOfActor, publicationAbilities } from './public-lists.policy.js';
import {
  allRowsOf,
  countPublications,
  countRows,
  currentPublicationIds,
  insertPublication,
  insertRows,
  listPublications,
  lockKind,
  lockPublication,
  publicationCounts,
  publicationOf,
  publishedPublications,
  rowsOf,
  withdrawPublication,
  type PublicationRow,
  type PublishedRow,
  type StoredRow,
} from './public-lists.repository.js';
import { rowSources } from './public-lists.sources.js';

type Db = Kysely<DB>;
const today = () => chinaToday();
const day = (d: string | Date | null): string | null =>
  d === null ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);
const iso = (d: Date | string | null): string | null =>
  d === null ? null : typeof d === 'string' ? d : d.toISOString();
const userOf = (a: Actor): number | null => (a.userId > 0 ? a.userId : null);
const provinceName = (code: string): string => getRegion(code)?.name ?? code;
const asItems = (v: unknown): string[] =>
  ((typeof v === 'string' ? (JSON.parse(v) as unknown) : v) as string[] | null) ?? [];

const pageOf = (q: { page?: number; pageSize?: number }, fallback = 20) => {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? fallback;
  return { page, pageSize, offset: (page - 1) * pageSize, limit: pageSize };
};

/** The province whose lists the actor manages; 403 with the reason for a city or county commission. */
const publisherProvince = (actor: Actor): string => {
  if (!isPublisher(actor)) throw new AppError('forbidden', 'public_list_province_only');
  return provinceOfActor(actor);
};

/**
 * A publication of the actor's province: 404 when it is another province's (or unknown) — looked up
 * before the province-level check, so a city or county commission gets 403 for its own province's and
 * 404 for another's.
 */
const findPublication = async (db: Db, actor: Actor, id: number) => {
  const p = await publicationOf(db, provinceOfActor(actor), id);
  if (!p) throw new AppError('not_found', 'not_found');
  publisherProvince(actor);
  return p;
};

const storedToRow = (r: StoredRow): PublicListRow => ({
  institutionId: r.institution_id ?? 0,
  institutionName: r.institution_name,
  regionCode: r.region_code,
  regionName: r.region_name,
  ...(r.reference !== null ? { reference: r.reference } : {}),
  items: asItems(r.items),
  ...(r.detail !== null ? { detail: r.detail } : {}),
  ...(r.since !== null ? { since: day(r.since)! } : {}),
});

/** A frozen row as the public sees it: what the list prints, no internal ids. */
const entryOf = (r: StoredRow): PublicListEntry => ({
  institutionName: r.institution_name,
  regionCode: r.region_code,
  regionName: r.region_name,
  reference: r.reference,
  items: asItems(r.items),
  detail: r.detail,
  since: day(r.since),
});

const summaryOf = (actor: Actor, p: PublicationRow, currentIds: Map<string, number>): PublicListSummary => ({
  id: p.public_list_id,
  kind: p.kind,
  provinceCode: p.province_code,
  publishedOn: day(p.published_on)!,
  publishedAt: iso(p.published_at)!,
  publisherName: p.publisher_name,
  publishedByName: p.published_by_name,
  note: p.note,
  rowCount: p.row_count,
  status: p.status,
  current: currentIds.get(p.kind) === p.public_list_id,
  withdrawnAt: iso(p.withdrawn_at),
  withdrawnByName: p.withdrawn_by_name,
  withdrawReason: p.withdraw_reason,
  abilities: publicationAbilities(actor, p),
});

/** Rows the same for the public (the institution, what is printed about it). */
const rowKey = (r: PublicListRow) =>
  JSON.stringify([
    r.institutionName,
    r.regionName,
    r.reference ?? null,
    r.items,
    r.detail ?? null,
    r.since ?? null,
  ]);

const matches = (r: PublicListRow, q: string | undefined): boolean => {
  const needle = q?.trim().toLowerCase();
  if (!needle) return true;
  return [r.institutionName, r.regionName, r.reference ?? '', ...r.items, r.detail ?? '']
    .join(' ')
    .toLowerCase()
    .includes(needle);
};

// ---------------------------------------------------------------------------------------------------
// The commission's side
// ---------------------------------------------------------------------------------------------------

/** Per kind, whether its source exists, the current publication and how many there were. */
export const publicListOverview = async (db: Db, actor: Actor): Promise<PublicListOverview> => {
  const province = publisherProvince(actor);
  const currentIds = await currentPublicationIds(db, province);
  const counts = await publicationCounts(db, province);
  const kinds = [];
  for (const kind of publicListKinds) {
    const id = currentIds.get(kind);
    const p = id === undefined ? undefined : await publicationOf(db, province, id);
    kinds.push({
      kind,
      available: rowSources[kind] !== null,
      current: p ? summaryOf(actor, p, currentIds) : null,
      publications: counts.get(kind) ?? 0,
    });
  }
  return { provinceCode: province, provinceName: provinceName(province), kinds };
};

/** What publishing the kind now would freeze, and how it differs from the current publication. */
export const previewPublicList = async (
  db: Db,
  actor: Actor,
  kind: PublicListKind,
  q: string | undefined,
): Promise<PublicListPreview> => {
  const province = publisherProvince(actor);
  const source = rowSources[kind];
  const rows = source ? await source(db, province) : [];
  const currentId = (await currentPublicationIds(db, province)).get(kind);
  let current: PublicListPreview['current'] = null;
  let changes: PublicListPreview['changes'] = null;
  if (currentId !== undefined) {
    const p = (await publicationOf(db, province, currentId))!;
    current = { id: p.public_list_id, publishedOn: day(p.published_on)!, rowCount: p.row_count };
    const before = new Map(
      (await allRowsOf(db, currentId)).map((r) => [r.institution_id ?? 0, storedToRow(r)]),
    );
    const now = new Map(rows.map((r) => [r.institutionId, r]));
    changes = {
      added: [...now.keys()].filter((k) => !before.has(k)).length,
      removed: [...before.keys()].filter((k) => !now.has(k)).length,
      changed: [...now].filter(([k, r]) => before.has(k) && rowKey(before.get(k)!) !== rowKey(r)).length,
    };
  }
  return {
    kind,
    provinceCode: province,
    provinceName: provinceName(province),
    rows: rows.filter((r) => matches(r, q)),
    total: rows.length,
    available: source !== null,
    current,
    changes,
  };
};

/**
 * Publishes the kind for the actor's province: the rows computed now inside the transaction are frozen
 * (an empty list or a kind with no source is refused), dated `publishedOn` (today when left out, never
 * in the future), with the note. Audited (public_list.publish).
 */
export const publishPublicList = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  input: PublicListPublishInput,
  now: string = today(),
): Promise<{ id: number; kind: PublicListKind; publishedOn: string; rowCount: number }> => {
  const province = publisherProvince(actor);
  const publishedOn = input.publishedOn ?? now;
  if (publishedOn > now) throw invalid([{ path: 'publishedOn', reason: 'public_list_date_future' }]);
  if (publishedOn < '2000-01-01') throw invalid([{ path: 'publishedOn', reason: 'public_list_date_range' }]);
  const source = rowSources[input.kind];
  if (!source) throw new AppError('unprocessable', 'public_list_unavailable');
  const note = input.note?.trim() || null;
  return db.transaction().execute(async (trx) => {
    await lockKind(trx, province, input.kind);
    const rows = await source(trx, province);
    if (!rows.length) throw new AppError('unprocessable', 'public_list_empty');
    const id = await insertPublication(trx, {
      kind: input.kind,
      province_code: province,
      published_on: publishedOn,
      published_by: userOf(actor),
      publisher_organisation_id: actor.organisationId,
      note,
      row_count: rows.length,
    });
    await insertRows(trx, id, rows);
    await writeAudit(trx, ctx, {
      action: 'public_list.publish',
      entityType: 'public_list',
      entityId: id,
      after: { kind: input.kind, provinceCode: province, publishedOn, rowCount: rows.length, note },
    });
    return { id, kind: input.kind, publishedOn, rowCount: rows.length };
  });
};

/** Withdraws a publication (kept as history with the reason); 409 when already withdrawn. Audited. */
export const withdrawPublicList = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  reason: string,
): Promise<{ id: number; status: 'withdrawn' }> => {
  const trimmed = reason.trim();
  return db.transaction().execute(async (trx) => {
    const p = await lockPublication(trx, provinceOfActor(actor), id);
    if (!p) throw new AppError('not_found', 'not_found');
    publisherProvince(actor);
    if (p.status === 'withdrawn') throw new AppError('conflict', 'public_list_withdrawn');
    if (!trimmed) throw invalid([{ path: 'reason', reason: 'public_list_reason_blank' }]);
    await withdrawPublication(trx, id, { withdrawn_by: userOf(actor), withdraw_reason: trimmed });
    await writeAudit(trx, ctx, {
      action: 'public_list.withdraw',
      entityType: 'public_list',
      entityId: id,
      before: { status: 'published', kind: p.kind, publishedOn: day(p.published_on), rowCount: p.row_count },
      after: { status: 'withdrawn', reason: trimmed },
    });
    return { id, status: 'withdrawn' as const };
  });
};

/** The province's publications (history), newest first, each with whether it is the current one. */
export const listPublicLists = async (
  db: Db,
  actor: Actor,
  query: PublicListListQuery,
): Promise<{ data: PublicListSummary[]; total: number; page: number; pageSize: number }> => {
  const province = publisherProvince(actor);
  const { page, pageSize, offset, limit } = pageOf(query);
  const f = { kind: query.kind, status: query.status };
  const [rows, total, currentIds] = [
    await listPublications(db, province, f, { offset, limit }),
    await countPublications(db, province, f),
    await currentPublicationIds(db, province),
  ];
  return { data: rows.map((r) => summaryOf(actor, r, currentIds)), total, page, pageSize };
};

/** One publication with a page of its frozen rows (withdrawn ones too: the commission's history). */
export const publicListDetail = async (
  db: Db,
  actor: Actor,
  id: number,
  query: PublicListDetailQuery,
): Promise<PublicListDetail> => {
  const p = await findPublication(db, actor, id);
  const { page, pageSize, offset, limit } = pageOf(query, 50);
  const currentIds = await currentPublicationIds(db, p.province_code);
  return {
    publication: summaryOf(actor, p, currentIds),
    data: (await rowsOf(db, id, query.q, { offset, limit })).map(storedToRow),
    total: await countRows(db, id, query.q),
    page,
    pageSize,
  };
};

// ---------------------------------------------------------------------------------------------------
// The public pages (no login): published publications only, and only what the list prints
// ---------------------------------------------------------------------------------------------------

const publicOf = (p: PublishedRow): PublicPublication => ({
  id: p.public_list_id,
  kind: p.kind,
  publishedOn: day(p.published_on)!,
  publisherName: p.publisher_name,
  note: p.note,
  rowCount: p.row_count,
});

/**
 * The index: per province (one, or every province that has published), the latest publication of each
 * kind and how many earlier ones are still published.
 */
export const publicIndex = async (db: Db, province?: string): Promise<PublicListIndex> => {
  const rows = await publishedPublications(db, province);
  const codes = province ? [province] : [...new Set(rows.map((r) => r.province_code))];
  return {
    provinces: codes.map((code) => ({
      code,
      name: provinceName(code),
      lists: publicListKinds.map((kind) => {
        const mine = rows.filter((r) => r.province_code === code && r.kind === kind);
        return { kind, latest: mine[0] ? publicOf(mine[0]) : null, earlier: Math.max(0, mine.length - 1) };
      }),
    })),
  };
};

/** One list of a province: the chosen (default: the latest) publication, its history, a page of rows. */
export const publicListPage = async (
  db: Db,
  province: string,
  kind: PublicListKind,
  query: PublicListPageQuery,
): Promise<PublicListPage> => {
  const history = await publishedPublications(db, province, kind);
  const shown =
    query.publication === undefined
      ? history[0]
      : history.find((h) => h.public_list_id === query.publication);
  if (!shown) throw new AppError('not_found', 'public_list_not_published');
  const { page, pageSize, offset, limit } = pageOf(query);
  return {
    provinceCode: province,
    provinceName: provinceName(province),
    kind,
    publication: publicOf(shown),
    history: history.map(publicOf),
    data: (await rowsOf(db, shown.public_list_id, query.q, { offset, limit })).map(entryOf),
    total: await countRows(db, shown.public_list_id, query.q),
    page,
    pageSize,
  };
};
