/**
 * The worker registry's queries (worker, migration 0010). A worker exists for the caller when one of
 * their exam cards is in the caller's card scope (exam-reports.policy.ts cardScopeOf): every read here
 * starts from the scoped cards, so a worker examined only outside the scope is not found (404), and a
 * worker's history lists only the cards in scope. Key rotation re-encrypts the ciphertexts in chunks.
 */
import { sql, type Expression, type Kysely, type Transaction } from 'kysely';
import { scopeWhere } from '../../platform/authz/scope.js';
import type { DB } from '../../platform/db-types.js';
import { countMatches, type TotalOptions } from '../../platform/list-total.js';
import type { CardScope } from '../exam-reports/index.js';

type Db = Kysely<DB> | Transaction<DB>;

export type WorkerFilters = {
  /** Workers with one of these ids (an ID-number search: the workers its keyed hashes name). */
  workerIds?: number[];
  employerCreditCode?: string;
  institutionId?: number;
  hasSuspected?: boolean;
  hasContraindication?: boolean;
  /** The latest exam in scope within [from, to]. */
  from?: string;
  to?: string;
};

/** The cards in scope (the one scope helper, as the card search applies it). */
const scopedCards = (db: Db, { scope, owner }: CardScope, alias: 'c' | 'l' = 'c') =>
  db.selectFrom(`exam_card as ${alias}`).where((eb) =>
    scopeWhere(eb, scope, {
      region: eb.ref(`${alias}.region_code`),
      organisation: eb.ref(
        owner === 'employer' ? `${alias}.employer_id` : `${alias}.institution_id`,
      ) as Expression<number>,
    }),
  );

/** One row per worker with a card in scope, filtered: the query under the list and its count. */
const scopedWorkers = (db: Db, cs: CardScope, f: WorkerFilters) => {
  let q = scopedCards(db, cs);
  if (f.workerIds) q = q.where('c.worker_id', 'in', f.workerIds.length ? f.workerIds : [-1]);
  let g = q.groupBy('c.worker_id');
  // Filters on the worker's exams in scope: any exam naming the employer / by the institution.
  if (f.employerCreditCode)
    g = g.having(sql<boolean>`bool_or(c.employer_credit_code = ${f.employerCreditCode})`);
  if (f.institutionId) g = g.having(sql<boolean>`bool_or(c.institution_id = ${f.institutionId})`);
  if (f.hasSuspected !== undefined) g = g.having(sql<boolean>`bool_or(c.has_suspected) = ${f.hasSuspected}`);
  if (f.hasContraindication !== undefined)
    g = g.having(sql<boolean>`bool_or(c.has_contraindication) = ${f.hasContraindication}`);
  if (f.from) g = g.having(sql<boolean>`max(c.exam_date) >= ${f.from}::date`);
  if (f.to) g = g.having(sql<boolean>`max(c.exam_date) <= ${f.to}::date`);
  return g;
};

export type WorkerListRow = {
  worker_id: number;
  id_type_code: string;
  id_masked: string;
  name_masked: string;
  gender_code: string;
  birth_date: string;
  exam_count: number;
  any_suspected: boolean;
  any_contraindication: boolean;
  latest_card_id: number;
  latest_exam_date: string;
  latest_exam_type_code: string;
  employer_name: string;
  employer_credit_code: string;
  institution_name: string;
  latest_conclusion_codes: string[];
};

/** One page of workers, the most recently examined first; each with their latest exam in scope. */
export const listWorkers = async (
  db: Db,
  cs: CardScope,
  f: WorkerFilters,
  page: { offset: number; limit: number },
): Promise<WorkerListRow[]> => {
  const groups = scopedWorkers(db, cs, f)
    .select([
      'c.worker_id',
      sql<number>`count(*)::int`.as('exam_count'),
      sql<string>`max(c.exam_date)`.as('latest'),
      sql<boolean>`bool_or(c.has_suspected)`.as('any_suspected'),
      sql<boolean>`bool_or(c.has_contraindication)`.as('any_contraindication'),
    ])
    .orderBy(sql`max(c.exam_date)`, 'desc')
    .orderBy('c.worker_id', 'desc')
    .offset(page.offset)
    .limit(page.limit);
  const rows = await db
    .selectFrom(groups.as('g'))
    .innerJoin('worker as w', 'w.worker_id', 'g.worker_id')
    .innerJoinLateral(
      () =>
        scopedCards(db, cs, 'l')
          .innerJoin('organisation as i', 'i.organisation_id', 'l.institution_id')
          .select([
            'l.exam_card_id as latest_card_id',
            'l.exam_date as latest_exam_date',
            'l.exam_type_code as latest_exam_type_code',
            'l.employer_name',
            'l.employer_credit_code',
            'i.name as institution_name',
          ])
          .where(sql<boolean>`l.worker_id = g.worker_id`)
          .orderBy('l.exam_date', 'desc')
          .orderBy('l.exam_card_id', 'desc')
          .limit(1)
          .as('l'),
      (join) => join.onTrue(),
    )
    .select([
      'w.worker_id',
      'w.id_type_code',
      'w.id_masked',
      'w.name_masked',
      'w.gender_code',
      'w.birth_date',
      'g.exam_count',
      'g.any_suspected',
      'g.any_contraindication',
      'l.latest_card_id',
      'l.latest_exam_date',
      'l.latest_exam_type_code',
      'l.employer_name',
      'l.employer_credit_code',
      'l.institution_name',
    ])
    .select(
      sql<
        string[]
      >`ARRAY(SELECT k.conclusion_code FROM exam_conclusion k WHERE k.exam_card_id = l.latest_card_id ORDER BY k.seq)`.as(
        'latest_conclusion_codes',
      ),
    )
    .orderBy('l.latest_exam_date', 'desc')
    .orderBy('w.worker_id', 'desc')
    .execute();
  return rows;
};

export const countWorkers = (db: Kysely<DB>, cs: CardScope, f: WorkerFilters, opts: TotalOptions) =>
  countMatches(db, scopedWorkers(db, cs, f).select('c.worker_id'), opts);

/** The workers with one of these keyed ID hashes (any document type); scope is applied by the caller's list. */
export const workerIdsByHash = async (db: Db, hashes: Array<{ type: string; hash: string }>) =>
  hashes.length
    ? (
        await db
          .selectFrom('worker')
          .select('worker_id')
          .where((eb) =>
            eb.or(hashes.map((h) => eb.and([eb('id_type_code', '=', h.type), eb('id_hash', '=', h.hash)]))),
          )
          .execute()
      ).map((r) => r.worker_id)
    : [];

/** The document types the registry holds (an ID-number search hashes the number under each). */
export const workerIdTypes = async (db: Db): Promise<string[]> =>
  (await db.selectFrom('worker').select('id_type_code').distinct().execute()).map((r) => r.id_type_code);

export type WorkerRow = {
  worker_id: number;
  id_type_code: string;
  id_masked: string;
  name_masked: string;
  gender_code: string;
  birth_date: string;
  id_number_enc: string;
  name_enc: string;
  phone_enc: string | null;
};

/** The worker, when one of their cards is in scope (else undefined: the caller answers 404). */
export const findWorkerInScope = (db: Db, cs: CardScope, id: number): Promise<WorkerRow | undefined> =>
  db
    .selectFrom('worker as w')
    .select([
      'w.worker_id',
      'w.id_type_code',
      'w.id_masked',
      'w.name_masked',
      'w.gender_code',
      'w.birth_date',
      'w.id_number_enc',
      'w.name_enc',
      'w.phone_enc',
    ])
    .where('w.worker_id', '=', id)
    .where((eb) =>
      eb.exists(
        scopedCards(db, cs)
          .select(sql`1`.as('one'))
          .where(sql<boolean>`c.worker_id = w.worker_id`),
      ),
    )
    .executeTakeFirst();

export type WorkerCardRow = {
  exam_card_id: number;
  record_id: string;
  exam_no: string | null;
  exam_date: string;
  exam_type_code: string;
  is_reexam: boolean;
  institution_id: number;
  institution_name: string;
  employer_name: string;
  employer_credit_code: string;
  employing_name: string;
  region_code: string;
  work_type_code: string;
  work_type_other: string | null;
  contact_factor_codes: string[];
  has_suspected: boolean;
  has_contraindication: boolean;
  audit_status: string;
  report_date: string;
  chief_physician: string | null;
};

/** The worker's cards in scope, newest exam first. */
export const workerCards = async (db: Db, cs: CardScope, workerId: number): Promise<WorkerCardRow[]> =>
  await scopedCards(db, cs)
    .innerJoin('organisation as i', 'i.organisation_id', 'c.institution_id')
    .select([
      'c.exam_card_id',
      'c.record_id',
      'c.exam_no',
      'c.exam_date',
      'c.exam_type_code',
      'c.is_reexam',
      'c.institution_id',
      'i.name as institution_name',
      'c.employer_name',
      'c.employer_credit_code',
      'c.employing_name',
      'c.region_code',
      'c.work_type_code',
      sql<string | null>`c.card->>'workTypeOther'`.as('work_type_other'),
      'c.contact_factor_codes',
      'c.has_suspected',
      'c.has_contraindication',
      'c.audit_status',
      'c.report_date',
      'c.chief_physician',
    ])
    .where('c.worker_id', '=', workerId)
    .orderBy('c.exam_date', 'desc')
    .orderBy('c.exam_card_id', 'desc')
    .execute();

export const conclusionsOfCards = (db: Db, cardIds: number[]) =>
  cardIds.length
    ? db
        .selectFrom('exam_conclusion')
        .select([
          'exam_card_id',
          'factor_codes',
          'factor_other',
          'conclusion_code',
          'suspected_disease_code',
          'contraindication',
          'other_abnormality',
        ])
        .where('exam_card_id', 'in', cardIds)
        .orderBy('exam_card_id')
        .orderBy('seq')
        .execute()
    : Promise.resolve([]);

export const suspectedCasesOfCards = (db: Db, cardIds: number[]) =>
  cardIds.length
    ? db
        .selectFrom('suspected_case')
        .select([
          'suspected_case_id',
          'exam_card_id',
          'disease_code',
          'found_on',
          'status',
          'outcome_on',
          'diagnosed_disease_code',
          'stage',
        ])
        .where('exam_card_id', 'in', cardIds)
        .orderBy('found_on', 'desc')
        .orderBy('suspected_case_id', 'desc')
        .execute()
    : Promise.resolve([]);

// ---------- key rotation: the workers' ciphertexts, chunk by chunk ----------

export type WorkerCiphertexts = {
  worker_id: number;
  id_number_enc: string;
  name_enc: string;
  phone_enc: string | null;
};

/**
 * The next chunk of workers (after `afterId`) with a ciphertext not yet under the key `prefix` names,
 * locked for the chunk's transaction. Rows already moved are never selected again, so a rotation that
 * stopped half-way resumes where it stopped.
 */
export const workersToRotate = (
  trx: Transaction<DB>,
  prefix: string,
  afterId: number,
  limit: number,
): Promise<WorkerCiphertexts[]> =>
  trx
    .selectFrom('worker')
    .select(['worker_id', 'id_number_enc', 'name_enc', 'phone_enc'])
    .where('worker_id', '>', afterId)
    .where((eb) =>
      eb.or([
        eb(eb.fn('left', ['id_number_enc', sql.lit(prefix.length)]), '<>', prefix),
        eb(eb.fn('left', ['name_enc', sql.lit(prefix.length)]), '<>', prefix),
        eb(eb.fn('left', ['phone_enc', sql.lit(prefix.length)]), '<>', prefix),
      ]),
    )
    .orderBy('worker_id')
    .limit(limit)
    .forUpdate()
    .execute();

/** Writes a chunk's new ciphertexts in one statement (updated_at untouched: the data did not change). */
export const writeWorkerCiphertexts = async (trx: Transaction<DB>, rows: WorkerCiphertexts[]) => {
  if (!rows.length) return;
  await sql`
    UPDATE worker AS w
       SET id_number_enc = v.id_number_enc, name_enc = v.name_enc, phone_enc = v.phone_enc
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
           AS v(worker_id bigint, id_number_enc text, name_enc text, phone_enc text)
     WHERE w.worker_id = v.worker_id`.execute(trx);
};

/** How many workers' ciphertexts are under each key id (the prefix before the first dot). */
export const workerCiphertextCounts = async (db: Db) => {
  const r = await sql<{ key: string; n: number }>`
    SELECT split_part(t, '.', 1) AS key, count(*)::int AS n
      FROM (SELECT id_number_enc AS t FROM worker
            UNION ALL SELECT name_enc FROM worker
            UNION ALL SELECT phone_enc FROM worker WHERE phone_enc IS NOT NULL) AS x
     GROUP BY 1 ORDER BY 1`.execute(db);
  return r.rows;
};
