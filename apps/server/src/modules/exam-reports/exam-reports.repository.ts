/**
 * The card store's queries (migration 0010). Every write takes a whole chunk of cards in a few
 * statements — workers upserted by their keyed hash, cards locked by their natural keys, inserted or
 * updated, replaced versions and conclusions written as sets — never one statement per card.
 */
import { sql, type Expression, type Insertable, type Kysely, type Transaction } from 'kysely';
import { regionPrefixWhere, scopeWhere } from '../../platform/authz/scope.js';
import type {
  DB,
  ExamCardReviewTable,
  ExamCardTable,
  ExamConclusionTable,
  WorkerTable,
} from '../../platform/db-types.js';
import { countMatches, type TotalOptions } from '../../platform/list-total.js';
import { likeContains } from '../../platform/sql-text.js';
import type { CardScope } from './exam-reports.policy.js';

export type Db = Kysely<DB> | Transaction<DB>;

export type WorkerValues = Omit<Insertable<WorkerTable>, 'worker_id' | 'created_at' | 'updated_at'>;

/** An institution's filed and blocked hazard factors (institution_capability, migration 0021). */
export const capabilityRows = (db: Db, institutionId: number) =>
  db
    .selectFrom('institution_capability')
    .select(['hazard_code', 'status'])
    .where('institution_id', '=', institutionId)
    .execute();

/** A registered worker as a chunk needs it: its id and the hash of its details as stored. */
export type WorkerKeyRow = {
  worker_id: number;
  id_type_code: string;
  id_hash: string;
  details_hash: string | null;
};

/** The workers with these keys (`id_type_code` + `id_hash`), read without a lock. */
export const findWorkers = async (
  db: Db,
  keys: Array<{ id_type_code: string; id_hash: string }>,
): Promise<WorkerKeyRow[]> => {
  if (!keys.length) return [];
  // The keyed hash is unique per document type in practice; one IN list, then the type is checked.
  const rows = await db
    .selectFrom('worker')
    .select(['worker_id', 'id_type_code', 'id_hash', 'details_hash'])
    .where(
      'id_hash',
      'in',
      keys.map((k) => k.id_hash),
    )
    .execute();
  const wanted = new Set(keys.map((k) => `${k.id_type_code}:${k.id_hash}`));
  return rows.filter((r) => wanted.has(`${r.id_type_code}:${r.id_hash}`));
};

/**
 * Registers new workers (in key order, so that two chunks meeting on the same new workers wait for
 * each other instead of deadlocking); a worker another transaction registered meanwhile is skipped —
 * the caller reads it back. Returns the ids of the rows this statement inserted.
 */
export const insertWorkers = async (db: Db, workers: WorkerValues[]): Promise<WorkerKeyRow[]> =>
  workers.length
    ? db
        .insertInto('worker')
        .values(workers)
        .onConflict((oc) => oc.columns(['id_type_code', 'id_hash']).doNothing())
        .returning(['worker_id', 'id_type_code', 'id_hash', 'details_hash'])
        .execute()
    : [];

/** Refreshes the details of known workers whose name, phone, sex or birth date changed (one statement). */
export const updateWorkerDetails = async (
  db: Db,
  rows: Array<
    { worker_id: number } & Pick<
      WorkerValues,
      'name_enc' | 'phone_enc' | 'name_masked' | 'gender_code' | 'birth_date' | 'details_hash'
    >
  >,
): Promise<void> => {
  if (!rows.length) return;
  const values = sql.join(
    rows.map(
      (r) =>
        sql`(${r.worker_id}::bigint, ${r.name_enc}, ${r.phone_enc ?? null}, ${r.name_masked}, ${r.gender_code}, ${r.birth_date}::date, ${r.details_hash ?? null})`,
    ),
  );
  await sql`
    UPDATE worker w SET name_enc = v.name_enc, phone_enc = v.phone_enc, name_masked = v.name_masked,
      gender_code = v.gender_code, birth_date = v.birth_date, details_hash = v.details_hash, updated_at = now()
    FROM (VALUES ${values}) AS v(worker_id, name_enc, phone_enc, name_masked, gender_code, birth_date, details_hash)
    WHERE w.worker_id = v.worker_id`.execute(db);
};

export type StoredCardKey = {
  exam_card_id: number;
  record_id: string;
  version: number;
  content_hash: string;
};

/** The institution's cards with these record IDs, locked for the chunk's transaction (key order). */
export const lockCards = (db: Db, institutionId: number, recordIds: string[]): Promise<StoredCardKey[]> =>
  recordIds.length
    ? db
        .selectFrom('exam_card')
        .select(['exam_card_id', 'record_id', 'version', 'content_hash'])
        .where('institution_id', '=', institutionId)
        .where('record_id', 'in', recordIds)
        .orderBy('record_id')
        .forUpdate()
        .execute()
    : Promise.resolve([]);

export type CardValues = Omit<
  Insertable<ExamCardTable>,
  'exam_card_id' | 'version' | 'audit_status' | 'created_at' | 'updated_at'
>;

/**
 * Inserts new cards; a record another transaction inserted meanwhile is skipped and comes back as not
 * inserted, for the caller to treat as an update. exam_card is partitioned by exam year (migration
 * 0048), so the record's identity (institution, record ID) is unique on exam_card_key: the keys go in
 * first (ON CONFLICT DO NOTHING: a concurrent writer's key makes this one wait, then skip), then the
 * cards of the keys obtained, with their ids.
 */
export const insertCards = async (
  db: Db,
  cards: CardValues[],
): Promise<Array<{ exam_card_id: number; record_id: string }>> => {
  if (!cards.length) return [];
  const keys = await db
    .insertInto('exam_card_key')
    .values(
      cards.map((c) => ({
        exam_card_id: sql<number>`nextval('exam_card_exam_card_id_seq')`,
        institution_id: c.institution_id,
        record_id: c.record_id,
      })),
    )
    .onConflict((oc) => oc.columns(['institution_id', 'record_id']).doNothing())
    .returning(['exam_card_id', 'institution_id', 'record_id'])
    .execute();
  if (!keys.length) return [];
  const idOf = new Map(keys.map((k) => [`${k.institution_id}\u0000${k.record_id}`, Number(k.exam_card_id)]));
  const fresh = cards.flatMap((c) => {
    const id = idOf.get(`${c.institution_id}\u0000${c.record_id}`);
    return id === undefined ? [] : [{ ...c, exam_card_id: id }];
  });
  return db.insertInto('exam_card').values(fresh).returning(['exam_card_id', 'record_id']).execute();
};

/** Keeps the replaced content of changed cards (their version before the update). */
export const saveCardVersions = async (
  db: Db,
  cardIds: number[],
  importBatchId: number | null,
): Promise<void> => {
  if (!cardIds.length) return;
  await db
    .insertInto('exam_card_version')
    .columns(['exam_card_id', 'version', 'content_hash', 'card', 'import_batch_id'])
    .expression((eb) =>
      eb
        .selectFrom('exam_card')
        .select([
          'exam_card_id',
          'version',
          'content_hash',
          'card',
          sql<number | null>`${importBatchId}::int`.as('import_batch_id'),
        ])
        .where('exam_card_id', 'in', cardIds),
    )
    .execute();
};

/** Updates changed cards in place (version + 1, back to the start of the review), in one statement. */
export const updateCards = async (db: Db, rows: Array<{ id: number; values: CardValues }>): Promise<void> => {
  if (!rows.length) return;
  const json = JSON.stringify(
    rows.map(({ id, values }) => ({ ...values, id, card: JSON.parse(values.card) as unknown })),
  );
  await sql`
    UPDATE exam_card AS c
       SET exam_no = v.exam_no, content_hash = v.content_hash, worker_id = v.worker_id,
           employer_id = v.employer_id, employer_credit_code = v.employer_credit_code,
           employer_name = v.employer_name, employing_credit_code = v.employing_credit_code,
           employing_name = v.employing_name, region_code = v.region_code, exam_date = v.exam_date,
           exam_type_code = v.exam_type_code, monitoring_type_code = v.monitoring_type_code,
           is_reexam = v.is_reexam, reexam_of_card_id = v.reexam_of_card_id,
           work_type_code = v.work_type_code, contact_factor_codes = v.contact_factor_codes,
           has_suspected = v.has_suspected, has_contraindication = v.has_contraindication,
           report_date = v.report_date, chief_physician = v.chief_physician, card = v.card,
           import_batch_id = v.import_batch_id, source = v.source,
           version = c.version + 1, audit_status = '02', updated_at = now()
      FROM jsonb_to_recordset(${json}::jsonb) AS v(
           id bigint, exam_no text, content_hash text, worker_id bigint, employer_id integer,
           employer_credit_code text, employer_name text, employing_credit_code text,
           employing_name text, region_code text, exam_date date, exam_type_code text,
           monitoring_type_code text, is_reexam boolean, reexam_of_card_id bigint, work_type_code text,
           contact_factor_codes text[], has_suspected boolean, has_contraindication boolean,
           report_date date, chief_physician text, card jsonb, import_batch_id integer, source text)
     WHERE c.exam_card_id = v.id`.execute(db);
};

/** Writes the given conclusions, replacing those of `replacedCardIds` (cards stored before). */
export const replaceConclusions = async (
  db: Db,
  replacedCardIds: number[],
  conclusions: Array<Insertable<ExamConclusionTable>>,
): Promise<void> => {
  if (replacedCardIds.length)
    await db.deleteFrom('exam_conclusion').where('exam_card_id', 'in', replacedCardIds).execute();
  if (conclusions.length) await db.insertInto('exam_conclusion').values(conclusions).execute();
};

/**
 * Links re-exams to the exam they repeat (the institution's record ID they name), in one statement; a
 * record the institution never sent leaves the link empty.
 */
export const linkReexams = async (
  db: Db,
  institutionId: number,
  pairs: Array<{ cardId: number; ofRecordId: string }>,
): Promise<void> => {
  if (!pairs.length) return;
  await sql`
    UPDATE exam_card AS c
       SET reexam_of_card_id = o.exam_card_id
      FROM jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) AS v("cardId" bigint, "ofRecordId" text)
      JOIN exam_card AS o ON o.institution_id = ${institutionId} AND o.record_id = v."ofRecordId"
     WHERE c.exam_card_id = v."cardId" AND o.exam_card_id <> c.exam_card_id`.execute(db);
};

/** Registered organisations by credit code (the employer a card names, when it is registered). */
export const organisationsByCreditCode = async (db: Db, codes: string[]): Promise<Map<string, number>> => {
  if (!codes.length) return new Map();
  const rows = await db
    .selectFrom('organisation')
    .select(['organisation_id', 'credit_code'])
    .where('credit_code', 'in', codes)
    .where('status', '=', 'active')
    .execute();
  return new Map(rows.map((r) => [r.credit_code!, r.organisation_id]));
};

// ---------- reading and reviewing (items 5 and 8) ----------

export type CardFilters = {
  regionCode?: string;
  institutionId?: number;
  employerCreditCode?: string;
  from?: string;
  to?: string;
  /** One status, or the set a review queue shows. */
  auditStatuses?: readonly string[];
  conclusionCode?: string;
  factorCode?: string;
  examTypeCode?: string;
  /** Record ID, exam number or employer name (contains). */
  text?: string;
  /** Cards of the worker with this keyed ID hash (a search by ID number). */
  workerIdHash?: string;
};

/** The cards a scope sees, filtered: the one query under the list, its count and the review locks. */
const scopedCards = (db: Db, { scope, owner }: CardScope, f: CardFilters) => {
  let q = db.selectFrom('exam_card as c').where((eb) =>
    scopeWhere(eb, scope, {
      region: eb.ref('c.region_code'),
      organisation: eb.ref(owner === 'employer' ? 'c.employer_id' : 'c.institution_id') as Expression<number>,
    }),
  );
  if (f.regionCode) q = q.where((eb) => regionPrefixWhere(eb, eb.ref('c.region_code'), f.regionCode!));
  if (f.institutionId) q = q.where('c.institution_id', '=', f.institutionId);
  if (f.employerCreditCode) q = q.where('c.employer_credit_code', '=', f.employerCreditCode);
  if (f.from) q = q.where('c.exam_date', '>=', f.from);
  if (f.to) q = q.where('c.exam_date', '<=', f.to);
  if (f.auditStatuses) q = q.where('c.audit_status', 'in', [...f.auditStatuses]);
  if (f.examTypeCode) q = q.where('c.exam_type_code', '=', f.examTypeCode);
  if (f.factorCode) q = q.where(sql<boolean>`${f.factorCode} = ANY(c.contact_factor_codes)`);
  if (f.conclusionCode)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('exam_conclusion as k')
          .select(sql`1`.as('one'))
          .whereRef('k.exam_card_id', '=', 'c.exam_card_id')
          .where('k.conclusion_code', '=', f.conclusionCode!),
      ),
    );
  if (f.workerIdHash)
    q = q.where('c.worker_id', 'in', (eb) =>
      eb.selectFrom('worker').select('worker_id').where('id_hash', '=', f.workerIdHash!),
    );
  if (f.text) {
    const like = likeContains(f.text);
    q = q.where((eb) =>
      eb.or([
        eb('c.record_id', '=', f.text!),
        eb('c.exam_no', '=', f.text!),
        eb('c.employer_name', 'like', like),
      ]),
    );
  }
  return q;
};

const summaryColumns = [
  'c.exam_card_id',
  'c.record_id',
  'c.exam_no',
  'c.version',
  'c.audit_status',
  'c.institution_id',
  'i.name as institution_name',
  'w.name_masked',
  'w.id_masked',
  'w.gender_code',
  'c.employer_name',
  'c.employer_credit_code',
  'c.region_code',
  'c.exam_date',
  'c.exam_type_code',
  'c.contact_factor_codes',
  'c.has_suspected',
  'c.has_contraindication',
  'c.report_date',
  'c.source',
  'c.updated_at',
] as const;

export type CardSummaryRow = {
  exam_card_id: number;
  record_id: string;
  exam_no: string | null;
  version: number;
  audit_status: string;
  institution_id: number;
  institution_name: string;
  name_masked: string;
  id_masked: string;
  gender_code: string;
  employer_name: string;
  employer_credit_code: string;
  region_code: string;
  exam_date: string;
  exam_type_code: string;
  contact_factor_codes: string[];
  has_suspected: boolean;
  has_contraindication: boolean;
  report_date: string;
  source: string;
  updated_at: Date;
  conclusion_codes: string[];
};

/** One page of cards, newest exam first (a review queue: oldest first, as it is worked through). */
export const listCards = async (
  db: Db,
  cs: CardScope,
  f: CardFilters,
  page: { offset: number; limit: number; oldestFirst?: boolean },
): Promise<CardSummaryRow[]> => {
  const dir = page.oldestFirst ? 'asc' : 'desc';
  const rows = await scopedCards(db, cs, f)
    .innerJoin('worker as w', 'w.worker_id', 'c.worker_id')
    .innerJoin('organisation as i', 'i.organisation_id', 'c.institution_id')
    .select(summaryColumns)
    .select(
      sql<
        string[]
      >`ARRAY(SELECT k.conclusion_code FROM exam_conclusion k WHERE k.exam_card_id = c.exam_card_id ORDER BY k.seq)`.as(
        'conclusion_codes',
      ),
    )
    .orderBy('c.exam_date', dir)
    .orderBy('c.exam_card_id', dir)
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  return rows;
};

export const countCards = (db: Kysely<DB>, cs: CardScope, f: CardFilters, opts: TotalOptions) =>
  countMatches(db, scopedCards(db, cs, f).select('c.exam_card_id'), opts);

export type CardDetailRow = CardSummaryRow & { card: unknown; reexam_of_card_id: number | null };

/** One card in scope, or undefined (the caller answers 404). */
export const findCard = async (db: Db, cs: CardScope, id: number): Promise<CardDetailRow | undefined> => {
  const row = await scopedCards(db, cs, {})
    .innerJoin('worker as w', 'w.worker_id', 'c.worker_id')
    .innerJoin('organisation as i', 'i.organisation_id', 'c.institution_id')
    .select(summaryColumns)
    .select(['c.card', 'c.reexam_of_card_id'])
    .select(
      sql<
        string[]
      >`ARRAY(SELECT k.conclusion_code FROM exam_conclusion k WHERE k.exam_card_id = c.exam_card_id ORDER BY k.seq)`.as(
        'conclusion_codes',
      ),
    )
    .where('c.exam_card_id', '=', id)
    .executeTakeFirst();
  return row;
};

/** The review trail of a card, oldest first, with reviewer and organisation names. */
export const cardReviews = (db: Db, id: number) =>
  db
    .selectFrom('exam_card_review as r')
    .innerJoin('app_user as u', 'u.user_id', 'r.reviewer_id')
    .innerJoin('organisation as o', 'o.organisation_id', 'r.organisation_id')
    .select([
      'r.level',
      'r.decision',
      'r.opinion',
      'r.card_version',
      'u.display_name',
      'o.name as organisation_name',
      'r.reviewed_at',
    ])
    .where('r.exam_card_id', '=', id)
    .orderBy('r.reviewed_at')
    .orderBy('r.exam_card_review_id')
    .execute();

export const cardVersions = (db: Db, id: number) =>
  db
    .selectFrom('exam_card_version')
    .select(['version', 'replaced_at'])
    .where('exam_card_id', '=', id)
    .orderBy('version')
    .execute();

export const recordIdOf = async (db: Db, id: number): Promise<string | undefined> =>
  (await db.selectFrom('exam_card').select('record_id').where('exam_card_id', '=', id).executeTakeFirst())
    ?.record_id;

/** The cards among `ids` in scope, locked for the review's transaction (id order). */
export const lockCardsForReview = (trx: Transaction<DB>, cs: CardScope, ids: number[]) =>
  scopedCards(trx, cs, {})
    .select(['c.exam_card_id', 'c.audit_status', 'c.region_code', 'c.institution_id', 'c.version'])
    .where('c.exam_card_id', 'in', ids)
    .orderBy('c.exam_card_id')
    .forUpdate()
    .execute();

/** Moves the cards to a status and records one review entry per card, in two statements. */
export const recordReviews = async (
  trx: Transaction<DB>,
  cards: Array<{ exam_card_id: number; version: number }>,
  review: Omit<Insertable<ExamCardReviewTable>, 'exam_card_id' | 'card_version'>,
  status: string,
): Promise<void> => {
  if (!cards.length) return;
  await trx
    .updateTable('exam_card')
    .set({ audit_status: status, updated_at: sql`now()` })
    .where(
      'exam_card_id',
      'in',
      cards.map((c) => c.exam_card_id),
    )
    .execute();
  await trx
    .insertInto('exam_card_review')
    .values(cards.map((c) => ({ ...review, exam_card_id: c.exam_card_id, card_version: c.version })))
    .execute();
};

/**
 * Deletes the institution's cards with these record IDs (the national XML's Delete), except those
 * approved by the province (07: already with the national system). Returns, per record ID, what
 * happened: 'deleted', 'locked' (07) or absent (no such card).
 */
export const deleteCards = async (
  trx: Transaction<DB>,
  institutionId: number,
  recordIds: string[],
): Promise<Map<string, { what: 'deleted' | 'locked'; id: number }>> => {
  const found = await lockCards(trx, institutionId, recordIds);
  if (!found.length) return new Map();
  const statuses = await trx
    .selectFrom('exam_card')
    .select(['exam_card_id', 'record_id', 'audit_status'])
    .where(
      'exam_card_id',
      'in',
      found.map((f) => f.exam_card_id),
    )
    .execute();
  const out = new Map<string, { what: 'deleted' | 'locked'; id: number }>();
  const removable: number[] = [];
  for (const r of statuses) {
    out.set(r.record_id, { what: r.audit_status === '07' ? 'locked' : 'deleted', id: r.exam_card_id });
    if (r.audit_status !== '07') removable.push(r.exam_card_id);
  }
  if (removable.length) {
    // Re-exams that named a deleted card lose the link (the card they repeat is gone).
    await trx
      .updateTable('exam_card')
      .set({ reexam_of_card_id: null })
      .where('reexam_of_card_id', 'in', removable)
      .execute();
    await trx.deleteFrom('exam_card').where('exam_card_id', 'in', removable).execute();
  }
  return out;
};

/**
 * The cards to export (in scope, filtered), with the worker's encrypted fields and the province's
 * latest approval, in exam-date order; at most `limit`.
 */
export const cardsForExport = (db: Db, cs: CardScope, f: CardFilters, limit: number) =>
  scopedCards(db, cs, f)
    .innerJoin('worker as w', 'w.worker_id', 'c.worker_id')
    .select(['c.exam_card_id', 'c.card', 'c.audit_status', 'w.name_enc', 'w.id_number_enc', 'w.phone_enc'])
    .select((eb) =>
      eb
        .selectFrom('exam_card_review as r')
        .innerJoin('app_user as u', 'u.user_id', 'r.reviewer_id')
        .innerJoin('organisation as o', 'o.organisation_id', 'r.organisation_id')
        .select(
          sql<{
            opinion: string | null;
            at: string;
            reviewer: string;
            organisation: string;
          } | null>`json_build_object('opinion', r.opinion, 'at', r.reviewed_at, 'reviewer', u.display_name, 'organisation', o.name)`.as(
            'approval',
          ),
        )
        .whereRef('r.exam_card_id', '=', 'c.exam_card_id')
        .where('r.level', '=', 'province')
        .where('r.decision', '=', 'approved')
        .orderBy('r.reviewed_at', 'desc')
        .limit(1)
        .as('approval'),
    )
    .orderBy('c.exam_date')
    .orderBy('c.exam_card_id')
    .limit(limit)
    .execute();

/** An organisation's credit code (the exchange document's reporting organisation code). */
export const organisationCodeOf = async (db: Db, id: number): Promise<string | null> =>
  (
    await db
      .selectFrom('organisation')
      .select('credit_code')
      .where('organisation_id', '=', id)
      .executeTakeFirst()
  )?.credit_code ?? null;

// ---------- partitions by exam year (migration 0048) ----------

/** Creates the partition of `year` if missing (moving that year's cards out of the default). */
export const ensureExamCardYear = async (db: Db, year: number): Promise<boolean> => {
  const r = await sql<{ created: boolean }>`SELECT exam_card_ensure_year(${year}::int) AS created`.execute(
    db,
  );
  return r.rows[0]!.created;
};

/** The years of the cards waiting in the default partition (a year without its partition yet). */
export const yearsInDefaultPartition = async (db: Db): Promise<number[]> => {
  const r = await sql<{ y: number }>`
    SELECT DISTINCT extract(year FROM exam_date)::int AS y FROM exam_card_default ORDER BY 1`.execute(db);
  return r.rows.map((x) => Number(x.y));
};

export type ExamCardPartition = { name: string; bounds: string; cards: number };

/** The partitions of exam_card with their bounds and exact card counts (maintenance view; small). */
export const examCardPartitions = async (db: Db): Promise<ExamCardPartition[]> => {
  const parts = await sql<{ name: string; bounds: string }>`
    SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bounds
      FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'exam_card'::regclass
     ORDER BY c.relname`.execute(db);
  const counts = await sql<{ name: string; n: string }>`
    SELECT tableoid::regclass::text AS name, count(*) AS n FROM exam_card GROUP BY 1`.execute(db);
  const n = new Map(counts.rows.map((r) => [r.name, Number(r.n)]));
  return parts.rows.map((p) => ({ name: p.name, bounds: p.bounds, cards: n.get(p.name) ?? 0 }));
};
