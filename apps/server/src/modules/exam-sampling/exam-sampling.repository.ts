/**
 * Queries of 个案卡抽查 (migration 0018). The draw runs in SQL so that a province-wide period never
 * travels to the server: the same keys as exam-sampling.draw.ts (sha256 over `seed|natural key`,
 * bytewise order), ranked per institution, with the candidate set's count and digest in one statement.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { scopeWhere, type Scope } from '../../platform/authz/scope.js';
import type { DB } from '../../platform/db-types.js';

type Db = Kysely<DB> | Transaction<DB>;

export type DrawParams = {
  scope: Scope;
  seed: string;
  from: string;
  to: string;
  institutionIds: number[];
  perInstitution: number;
  /** Only these audit statuses (reviewed cards), or any. */
  statuses: readonly string[] | null;
};

export type DrawnRow = {
  exam_card_id: number;
  institution_id: number;
  record_id: string;
  version: number;
  draw_key: string;
  draw_rank: number;
  /** Candidates of the institution. */
  institution_candidates: number;
};

export type DrawResult = { candidateCount: number; candidateDigest: string; drawn: DrawnRow[] };

/** The natural key `<credit code | org:id>|<record ID>` of card `c` at institution `o`, as SQL. */
const naturalKeySql = sql<string>`coalesce(o.credit_code, 'org:' || o.organisation_id::text) || '|' || c.record_id`;

/** Candidates in scope, ranked per institution by draw key; the whole set's count and digest alongside. */
export const drawCards = async (db: Db, p: DrawParams): Promise<DrawResult> => {
  const candidates = db
    .selectFrom('exam_card as c')
    .innerJoin('organisation as o', 'o.organisation_id', 'c.institution_id')
    .where((eb) =>
      scopeWhere(eb, p.scope, {
        region: eb.ref('c.region_code'),
        organisation: eb.ref('c.institution_id'),
      }),
    )
    .where('c.exam_date', '>=', p.from)
    .where('c.exam_date', '<=', p.to)
    .$if(p.institutionIds.length > 0, (q) => q.where('c.institution_id', 'in', p.institutionIds))
    .$if(p.statuses !== null, (q) => q.where('c.audit_status', 'in', [...(p.statuses ?? [])]))
    .select(['c.exam_card_id', 'c.institution_id', 'c.record_id', 'c.version'])
    .select(naturalKeySql.as('nk'))
    .select(
      sql<string>`encode(sha256(convert_to(${p.seed} || '|' || ${naturalKeySql}, 'UTF8')), 'hex')`.as(
        'draw_key',
      ),
    );
  const { rows } = await sql<DrawnRow & { candidate_count: number | string; candidate_digest: string }>`
    WITH cand AS (${candidates}),
    ranked AS (
      SELECT cand.*,
             row_number() OVER (PARTITION BY institution_id ORDER BY draw_key COLLATE "C", nk COLLATE "C") AS draw_rank,
             count(*) OVER (PARTITION BY institution_id) AS institution_candidates
      FROM cand
    ),
    agg AS (
      SELECT count(*) AS candidate_count,
             encode(sha256(convert_to(coalesce(string_agg(nk, E'\n' ORDER BY nk COLLATE "C"), ''), 'UTF8')), 'hex') AS candidate_digest
      FROM cand
    )
    SELECT agg.candidate_count, agg.candidate_digest,
           r.exam_card_id, r.institution_id, r.record_id, r.version, r.draw_key, r.draw_rank, r.institution_candidates
    FROM agg LEFT JOIN ranked r ON r.draw_rank <= ${p.perInstitution}
    ORDER BY r.institution_id, r.draw_rank`.execute(db);
  const first = rows[0]!;
  return {
    candidateCount: Number(first.candidate_count),
    candidateDigest: first.candidate_digest,
    drawn: rows
      .filter((r) => r.exam_card_id !== null)
      .map((r) => ({
        exam_card_id: Number(r.exam_card_id),
        institution_id: Number(r.institution_id),
        record_id: r.record_id,
        version: Number(r.version),
        draw_key: r.draw_key,
        draw_rank: Number(r.draw_rank),
        institution_candidates: Number(r.institution_candidates),
      })),
  };
};

/** Candidate cards per institution in scope for a period (the draw dialog's preview). */
export const candidatesPerInstitution = (
  db: Db,
  p: { scope: Scope; from: string; to: string; statuses: readonly string[] | null },
) =>
  db
    .selectFrom('exam_card as c')
    .innerJoin('organisation as o', 'o.organisation_id', 'c.institution_id')
    .where((eb) =>
      scopeWhere(eb, p.scope, {
        region: eb.ref('c.region_code'),
        organisation: eb.ref('c.institution_id'),
      }),
    )
    .where('c.exam_date', '>=', p.from)
    .where('c.exam_date', '<=', p.to)
    .$if(p.statuses !== null, (q) => q.where('c.audit_status', 'in', [...(p.statuses ?? [])]))
    .groupBy(['c.institution_id', 'o.name'])
    .select(['c.institution_id', 'o.name'])
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .orderBy('o.name')
    .execute();

/** The organisations among `ids` that are exam institutions. */
export const examInstitutionIds = async (db: Db, ids: number[]): Promise<Set<number>> => {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom('organisation')
    .select('organisation_id')
    .where('organisation_id', 'in', ids)
    .where('kind', '=', 'exam_institution')
    .execute();
  return new Set(rows.map((r) => r.organisation_id));
};

export type SampleValues = {
  seed: string;
  period_from: string;
  period_to: string;
  per_institution: number;
  reviewed_only: boolean;
  institution_ids: number[];
  scope_region_code: string;
  organisation_id: number;
  drawn_by: number;
  title: string | null;
  candidate_count: number;
  candidate_digest: string;
  institutions: Array<{ institutionId: number; candidates: number; drawn: number }>;
};

export const insertSample = async (
  trx: Transaction<DB>,
  v: SampleValues,
  cards: DrawnRow[],
): Promise<number> => {
  const { exam_sample_id: id } = await trx
    .insertInto('exam_sample')
    .values({ ...v, institutions: JSON.stringify(v.institutions) })
    .returning('exam_sample_id')
    .executeTakeFirstOrThrow();
  for (let i = 0; i < cards.length; i += 1000)
    await trx
      .insertInto('exam_sample_card')
      .values(
        cards.slice(i, i + 1000).map((c) => ({
          exam_sample_id: id,
          exam_card_id: c.exam_card_id,
          institution_id: c.institution_id,
          draw_rank: c.draw_rank,
          draw_key: c.draw_key,
          card_version: c.version,
        })),
      )
      .execute();
  return id;
};

/** Samples the scope sees: drawn in its region subtree (a region scope reaches the samples below it). */
const scopedSamples = (db: Db, scope: Scope) =>
  db.selectFrom('exam_sample as s').where((eb) =>
    scopeWhere(eb, scope, {
      region: eb.ref('s.scope_region_code'),
      organisation: eb.ref('s.organisation_id'),
    }),
  );

const countsSql = {
  drawn: sql<number>`(SELECT count(*) FROM exam_sample_card x WHERE x.exam_sample_id = s.exam_sample_id)`,
  checked: sql<number>`(SELECT count(*) FROM exam_sample_card x WHERE x.exam_sample_id = s.exam_sample_id AND x.matches IS NOT NULL)`,
  matching: sql<number>`(SELECT count(*) FROM exam_sample_card x WHERE x.exam_sample_id = s.exam_sample_id AND x.matches)`,
};

export type SampleRow = {
  exam_sample_id: number;
  method: string;
  seed: string;
  period_from: string;
  period_to: string;
  per_institution: number;
  reviewed_only: boolean;
  institution_ids: number[];
  scope_region_code: string;
  organisation_id: number;
  organisation_name: string;
  drawn_by_name: string;
  drawn_at: Date;
  title: string | null;
  candidate_count: number;
  candidate_digest: string;
  institutions: unknown;
  drawn: number | string;
  checked: number | string;
  matching: number | string;
};

const sampleColumns = (q: ReturnType<typeof scopedSamples>) =>
  q
    .innerJoin('organisation as o', 'o.organisation_id', 's.organisation_id')
    .innerJoin('app_user as u', 'u.user_id', 's.drawn_by')
    .selectAll('s')
    .select(['o.name as organisation_name', 'u.display_name as drawn_by_name'])
    .select([
      countsSql.drawn.as('drawn'),
      countsSql.checked.as('checked'),
      countsSql.matching.as('matching'),
    ]);

const completeSql = sql<boolean>`NOT EXISTS (SELECT 1 FROM exam_sample_card x WHERE x.exam_sample_id = s.exam_sample_id AND x.matches IS NULL)`;

export const listSamples = async (
  db: Db,
  scope: Scope,
  f: { status?: 'in_progress' | 'completed' },
  page: { offset: number; limit: number },
): Promise<{ rows: SampleRow[]; total: number }> => {
  let q = scopedSamples(db, scope);
  if (f.status === 'completed') q = q.where(completeSql);
  if (f.status === 'in_progress') q = q.where(sql<boolean>`NOT ${completeSql}`);
  const [rows, total] = await Promise.all([
    sampleColumns(q)
      .orderBy('s.drawn_at', 'desc')
      .orderBy('s.exam_sample_id', 'desc')
      .offset(page.offset)
      .limit(page.limit)
      .execute() as Promise<SampleRow[]>,
    q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
};

export const findSample = (db: Db, scope: Scope, id: number): Promise<SampleRow | undefined> =>
  sampleColumns(scopedSamples(db, scope)).where('s.exam_sample_id', '=', id).executeTakeFirst();

/** The sample in scope, locked for the transaction that records a check. */
export const lockSample = (trx: Transaction<DB>, scope: Scope, id: number) =>
  scopedSamples(trx, scope)
    .select(['s.exam_sample_id', 's.organisation_id', 's.scope_region_code'])
    .where('s.exam_sample_id', '=', id)
    .forUpdate()
    .executeTakeFirst();

export type SampleCardRow = {
  exam_card_id: number;
  institution_id: number;
  institution_name: string;
  draw_rank: number;
  draw_key: string;
  card_version: number;
  current_version: number;
  record_id: string;
  exam_no: string | null;
  name_masked: string;
  id_masked: string;
  employer_name: string;
  region_code: string;
  exam_date: string;
  exam_type_code: string;
  audit_status: string;
  factor_codes: string[];
  conclusion_codes: string[];
  suspected_disease_codes: string[];
  matches: boolean | null;
  differing_fields: string[];
  note: string | null;
  checked_by_name: string | null;
  checked_at: Date | null;
};

/** The drawn cards of a sample (its scope already checked), by institution and rank. */
export const sampleCards = (db: Db, sampleId: number): Promise<SampleCardRow[]> =>
  db
    .selectFrom('exam_sample_card as x')
    .innerJoin('exam_card as c', 'c.exam_card_id', 'x.exam_card_id')
    .innerJoin('worker as w', 'w.worker_id', 'c.worker_id')
    .innerJoin('organisation as i', 'i.organisation_id', 'x.institution_id')
    .leftJoin('app_user as u', 'u.user_id', 'x.checked_by')
    .select([
      'x.exam_card_id',
      'x.institution_id',
      'i.name as institution_name',
      'x.draw_rank',
      'x.draw_key',
      'x.card_version',
      'c.version as current_version',
      'c.record_id',
      'c.exam_no',
      'w.name_masked',
      'w.id_masked',
      'c.employer_name',
      'c.region_code',
      'c.exam_date',
      'c.exam_type_code',
      'c.audit_status',
      'x.matches',
      'x.differing_fields',
      'x.note',
      'u.display_name as checked_by_name',
      'x.checked_at',
    ])
    .select(
      sql<
        string[]
      >`ARRAY(SELECT DISTINCT f FROM exam_conclusion k, unnest(k.factor_codes) f WHERE k.exam_card_id = c.exam_card_id ORDER BY f)`.as(
        'factor_codes',
      ),
    )
    .select(
      sql<
        string[]
      >`ARRAY(SELECT k.conclusion_code FROM exam_conclusion k WHERE k.exam_card_id = c.exam_card_id ORDER BY k.seq)`.as(
        'conclusion_codes',
      ),
    )
    .select(
      sql<
        string[]
      >`ARRAY(SELECT k.suspected_disease_code FROM exam_conclusion k WHERE k.exam_card_id = c.exam_card_id AND k.suspected_disease_code IS NOT NULL ORDER BY k.seq)`.as(
        'suspected_disease_codes',
      ),
    )
    .where('x.exam_sample_id', '=', sampleId)
    .orderBy('i.name')
    .orderBy('x.institution_id')
    .orderBy('x.draw_rank')
    .execute();

/** One drawn card of the sample, for the check about to be recorded. */
export const findSampleCard = (trx: Transaction<DB>, sampleId: number, cardId: number) =>
  trx
    .selectFrom('exam_sample_card as x')
    .innerJoin('exam_card as c', 'c.exam_card_id', 'x.exam_card_id')
    .select([
      'x.exam_card_id',
      'c.record_id',
      'c.institution_id',
      'x.matches',
      'x.differing_fields',
      'x.note',
    ])
    .where('x.exam_sample_id', '=', sampleId)
    .where('x.exam_card_id', '=', cardId)
    .executeTakeFirst();

export const recordCheck = async (
  trx: Transaction<DB>,
  sampleId: number,
  cardId: number,
  v: { matches: boolean; differing_fields: string[]; note: string | null; checked_by: number },
): Promise<void> => {
  await trx
    .updateTable('exam_sample_card')
    .set({ ...v, checked_at: sql`now()` })
    .where('exam_sample_id', '=', sampleId)
    .where('exam_card_id', '=', cardId)
    .execute();
};

/** Drawn and checked counts of one sample (after a check). */
export const sampleProgress = async (db: Db, sampleId: number) => {
  const r = await db
    .selectFrom('exam_sample_card')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('drawn'),
      eb.fn.count<number | string>('matches').as('checked'),
    ])
    .where('exam_sample_id', '=', sampleId)
    .executeTakeFirstOrThrow();
  return { drawn: Number(r.drawn), checked: Number(r.checked) };
};

/** Names of organisations, for the per-institution summary. */
export const organisationNames = async (db: Db, ids: number[]): Promise<Map<number, string>> => {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('organisation')
    .select(['organisation_id', 'name'])
    .where('organisation_id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.organisation_id, r.name]));
};

/** The cards drawn, by card id → record ID (for a replay's comparison). */
export const recordIdsOf = async (db: Db, ids: number[]): Promise<Map<number, string>> => {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('exam_card')
    .select(['exam_card_id', 'record_id'])
    .where('exam_card_id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.exam_card_id, r.record_id]));
};
