/** Queries of the shared clocks (migration 0013): the rules, opening clocks as a set, closing them. */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, DeadlineRuleTable } from '../../platform/db-types.js';

type Db = Kysely<DB> | Transaction<DB>;

export type DeadlineRule = Selectable<DeadlineRuleTable>;

export const deadlineRules = (db: Db): Promise<DeadlineRule[]> =>
  db.selectFrom('deadline_rule').selectAll().orderBy('kind').execute();

export type NewDeadline = {
  kind: string;
  subject_type: string;
  subject_id: number;
  starts_on: string;
  due_on: string;
  responsible_organisation_id: number | null;
  regulator_region_code: string;
};

/** Opens clocks; one already open for the same kind and subject is left as it is. */
export const insertDeadlines = async (db: Db, rows: NewDeadline[]): Promise<void> => {
  if (!rows.length) return;
  await db
    .insertInto('deadline')
    .values(rows)
    .onConflict((oc) => oc.columns(['kind', 'subject_type', 'subject_id']).doNothing())
    .execute();
};

/** Closes the open clocks of these kinds and subjects (the duty was done). */
export const closeDeadlines = async (
  db: Db,
  kinds: string[],
  subjectType: string,
  subjectIds: number[],
  by: { userId: number | null; note: string | null },
): Promise<number> => {
  if (!subjectIds.length || !kinds.length) return 0;
  const r = await db
    .updateTable('deadline')
    .set({ done_at: sql`now()`, done_by: by.userId, done_note: by.note })
    .where('kind', 'in', kinds)
    .where('subject_type', '=', subjectType)
    .where('subject_id', 'in', subjectIds)
    .where('done_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
};

/** Removes clocks that no longer apply (their subject was corrected away or deleted). */
export const dropDeadlines = async (db: Db, kinds: string[], subjectType: string, subjectIds: number[]) => {
  if (!subjectIds.length) return;
  await db
    .deleteFrom('deadline')
    .where('kind', 'in', kinds)
    .where('subject_type', '=', subjectType)
    .where('subject_id', 'in', subjectIds)
    .where('done_at', 'is', null)
    .execute();
};

export const deadlinesOf = (db: Db, subjectType: string, subjectIds: number[]) =>
  subjectIds.length
    ? db
        .selectFrom('deadline as d')
        .innerJoin('deadline_rule as r', 'r.kind', 'd.kind')
        .select([
          'd.deadline_id',
          'd.kind',
          'd.subject_id',
          'd.starts_on',
          'd.due_on',
          'd.done_at',
          'd.done_note',
          'r.name_zh',
          'r.name_en',
          'r.confidence',
          'r.legal_basis',
        ])
        .where('d.subject_type', '=', subjectType)
        .where('d.subject_id', 'in', subjectIds)
        .orderBy('d.due_on')
        .execute()
    : Promise.resolve([]);
