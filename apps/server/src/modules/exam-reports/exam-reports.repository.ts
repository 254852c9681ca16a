/**
 * The card store's queries (migration 0010). Every write takes a whole chunk of cards in a few
 * statements — workers upserted by their keyed hash, cards locked by their natural keys, inserted or
 * updated, replaced versions and conclusions written as sets — never one statement per card.
 */
import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { DB, ExamCardTable, ExamConclusionTable, WorkerTable } from '../../platform/db-types.js';

type Db = Kysely<DB> | Transaction<DB>;

export type WorkerValues = Omit<Insertable<WorkerTable>, 'worker_id' | 'created_at' | 'updated_at'>;

/**
 * Inserts the workers not yet registered and refreshes the others' details (the latest card wins);
 * returns each worker's id by `id_type_code:id_hash`. The caller passes each worker once.
 */
export const upsertWorkers = async (db: Db, workers: WorkerValues[]): Promise<Map<string, number>> => {
  if (!workers.length) return new Map();
  const rows = await db
    .insertInto('worker')
    .values(workers)
    .onConflict((oc) =>
      oc.columns(['id_type_code', 'id_hash']).doUpdateSet((eb) => ({
        name_enc: eb.ref('excluded.name_enc'),
        phone_enc: eb.ref('excluded.phone_enc'),
        name_masked: eb.ref('excluded.name_masked'),
        gender_code: eb.ref('excluded.gender_code'),
        birth_date: eb.ref('excluded.birth_date'),
        updated_at: sql`now()`,
      })),
    )
    .returning(['worker_id', 'id_type_code', 'id_hash'])
    .execute();
  return new Map(rows.map((r) => [`${r.id_type_code}:${r.id_hash}`, r.worker_id]));
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
 * Inserts new cards; a record another transaction inserted meanwhile is skipped (ON CONFLICT) and
 * comes back as not inserted, for the caller to treat as an update.
 */
export const insertCards = async (
  db: Db,
  cards: CardValues[],
): Promise<Array<{ exam_card_id: number; record_id: string }>> =>
  cards.length
    ? db
        .insertInto('exam_card')
        .values(cards)
        .onConflict((oc) => oc.columns(['institution_id', 'record_id']).doNothing())
        .returning(['exam_card_id', 'record_id'])
        .execute()
    : [];

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

/** Replaces the conclusions of these cards with the given ones. */
export const replaceConclusions = async (
  db: Db,
  cardIds: number[],
  conclusions: Array<Insertable<ExamConclusionTable>>,
): Promise<void> => {
  if (cardIds.length) await db.deleteFrom('exam_conclusion').where('exam_card_id', 'in', cardIds).execute();
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
