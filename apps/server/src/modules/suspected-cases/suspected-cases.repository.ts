/** Queries of the suspected-case chain (migration 0013), set-based over a chunk of cards. */
import { sql, type Expression, type Kysely, type Transaction } from 'kysely';
import { regionPrefixWhere, scopeWhere } from '../../platform/authz/scope.js';
import type { DB } from '../../platform/db-types.js';
import { countMatches, type TotalOptions } from '../../platform/list-total.js';
import type { CardScope } from '../exam-reports/index.js';

type Db = Kysely<DB> | Transaction<DB>;

/** What the chain needs of each card: who, where, when, and its suspected disease (first 03 conclusion). */
export const chainFacts = (db: Db, cardIds: number[]) =>
  cardIds.length
    ? db
        .selectFrom('exam_card as c')
        .select([
          'c.exam_card_id',
          'c.worker_id',
          'c.institution_id',
          'c.employer_id',
          'c.employer_name',
          'c.region_code',
          'c.report_date',
          'c.has_suspected',
          'c.has_contraindication',
        ])
        .select(
          sql<
            string | null
          >`(SELECT k.suspected_disease_code FROM exam_conclusion k WHERE k.exam_card_id = c.exam_card_id AND k.conclusion_code = '03' ORDER BY k.seq LIMIT 1)`.as(
            'disease_code',
          ),
        )
        .where('c.exam_card_id', 'in', cardIds)
        .execute()
    : Promise.resolve([]);

export type CaseValues = {
  exam_card_id: number;
  worker_id: number;
  institution_id: number;
  employer_id: number | null;
  employer_name: string;
  region_code: string;
  disease_code: string;
  found_on: string;
};

/**
 * Opens a case per suspected card; a card sent again keeps its case (its disease refreshed while the
 * case is still open; a withdrawn case opens again).
 */
export const upsertCases = async (db: Db, rows: CaseValues[]): Promise<void> => {
  if (!rows.length) return;
  await db
    .insertInto('suspected_case')
    .values(rows)
    .onConflict((oc) =>
      oc
        .column('exam_card_id')
        .doUpdateSet((eb) => ({
          disease_code: eb.ref('excluded.disease_code'),
          employer_id: eb.ref('excluded.employer_id'),
          employer_name: eb.ref('excluded.employer_name'),
          region_code: eb.ref('excluded.region_code'),
          status: sql`CASE WHEN suspected_case.status = 'withdrawn' THEN 'open' ELSE suspected_case.status END`,
          updated_at: sql`now()`,
        }))
        .where('suspected_case.status', 'in', ['open', 'withdrawn']),
    )
    .execute();
};

/** Withdraws the open cases of cards no longer suspected (the institution corrected them). */
export const withdrawCases = async (db: Db, cardIds: number[]): Promise<number[]> => {
  if (!cardIds.length) return [];
  const rows = await db
    .updateTable('suspected_case')
    .set({ status: 'withdrawn', updated_at: sql`now()` })
    .where('exam_card_id', 'in', cardIds)
    .where('status', 'in', ['open', 'employer_notified'])
    .returning('suspected_case_id')
    .execute();
  return rows.map((r) => r.suspected_case_id);
};

export const caseIdsOfCards = async (db: Db, cardIds: number[]): Promise<Map<number, number>> => {
  if (!cardIds.length) return new Map();
  const rows = await db
    .selectFrom('suspected_case')
    .select(['suspected_case_id', 'exam_card_id'])
    .where('exam_card_id', 'in', cardIds)
    .execute();
  return new Map(rows.map((r) => [r.exam_card_id, r.suspected_case_id]));
};

export type CaseFilters = {
  status?: string;
  regionCode?: string;
  overdueOn?: string;
  foundFrom?: string;
  foundTo?: string;
};

const scopedCases = (db: Db, { scope, owner }: CardScope, f: CaseFilters) => {
  let q = db.selectFrom('suspected_case as s').where((eb) =>
    scopeWhere(eb, scope, {
      region: eb.ref('s.region_code'),
      organisation: eb.ref(owner === 'employer' ? 's.employer_id' : 's.institution_id') as Expression<number>,
    }),
  );
  if (f.status) q = q.where('s.status', '=', f.status as 'open');
  if (f.regionCode) q = q.where((eb) => regionPrefixWhere(eb, eb.ref('s.region_code'), f.regionCode!));
  if (f.foundFrom) q = q.where('s.found_on', '>=', f.foundFrom);
  if (f.foundTo) q = q.where('s.found_on', '<=', f.foundTo);
  if (f.overdueOn)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('deadline as d')
          .select(sql`1`.as('one'))
          .where('d.subject_type', '=', 'suspected_case')
          .whereRef('d.subject_id', '=', 's.suspected_case_id')
          .where('d.done_at', 'is', null)
          .where('d.due_on', '<', f.overdueOn!),
      ),
    );
  return q;
};

export const listCases = (db: Db, cs: CardScope, f: CaseFilters, page: { offset: number; limit: number }) =>
  scopedCases(db, cs, f)
    .innerJoin('worker as w', 'w.worker_id', 's.worker_id')
    .innerJoin('organisation as i', 'i.organisation_id', 's.institution_id')
    .innerJoin('exam_card as c', 'c.exam_card_id', 's.exam_card_id')
    .selectAll('s')
    .select(['w.name_masked', 'w.id_masked', 'i.name as institution_name', 'c.record_id', 'c.exam_date'])
    .orderBy('s.found_on', 'desc')
    .orderBy('s.suspected_case_id', 'desc')
    .offset(page.offset)
    .limit(page.limit)
    .execute();

export const countCases = (db: Kysely<DB>, cs: CardScope, f: CaseFilters, opts: TotalOptions) =>
  countMatches(db, scopedCases(db, cs, f).select('s.suspected_case_id'), opts);

/** One case in scope, locked for the transaction that records a step. */
export const lockCase = (trx: Transaction<DB>, cs: CardScope, id: number) =>
  scopedCases(trx, cs, {})
    .selectAll('s')
    .where('s.suspected_case_id', '=', id)
    .forUpdate()
    .executeTakeFirst();

/**
 * One case locked by its id alone, for a diagnosis report that resolves it: the diagnosis institution is
 * outside the case's card scope; the diagnosis-reports service decides whether it may (the case was
 * referred to it, or the report's worker is the case's).
 */
export const unsafeLockCaseForDiagnosis = (trx: Transaction<DB>, id: number) =>
  trx
    .selectFrom('suspected_case')
    .selectAll()
    .where('suspected_case_id', '=', id)
    .forUpdate()
    .executeTakeFirst();

export const updateCase = async (
  trx: Transaction<DB>,
  id: number,
  patch: Partial<{
    status: 'employer_notified' | 'referred' | 'diagnosed' | 'excluded';
    employer_notified_on: string;
    referred_on: string;
    referred_to: string | null;
    outcome_on: string;
    diagnosed_disease_code: string | null;
    stage: string | null;
    note: string | null;
  }>,
): Promise<void> => {
  await trx
    .updateTable('suspected_case')
    .set({ ...patch, updated_at: sql`now()` })
    .where('suspected_case_id', '=', id)
    .execute();
};
