/**
 * Queries of the working-day calendar (migration 0024). The calendar is national: no region scope
 * applies; who may write is decided by the route permission (calendar:manage).
 */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, WorkingCalendarDayTable } from '../../platform/db-types.js';

type Db = Kysely<DB> | Transaction<DB>;

export type CalendarDayRow = Selectable<WorkingCalendarDayTable> & {
  created_by_name: string | null;
  updated_by_name: string | null;
};

export type CalendarDayValues = {
  kind: string;
  name: string;
  name_en: string | null;
  source: string;
  note: string | null;
};

const withNames = (db: Db) =>
  db
    .selectFrom('working_calendar_day as d')
    .leftJoin('app_user as c', 'c.user_id', 'd.created_by')
    .leftJoin('app_user as u', 'u.user_id', 'd.updated_by')
    .selectAll('d')
    .select(['c.display_name as created_by_name', 'u.display_name as updated_by_name']);

/** Every day the calendar is built from (a few hundred rows at most: ~30 a year). */
export const allCalendarDays = (db: Db) =>
  db.selectFrom('working_calendar_day').select(['day', 'kind', 'name', 'source']).orderBy('day').execute();

export const calendarDaysOfYear = (db: Db, year: number): Promise<CalendarDayRow[]> =>
  withNames(db)
    .where('d.day', '>=', `${year}-01-01`)
    .where('d.day', '<=', `${year}-12-31`)
    .orderBy('d.day')
    .execute();

export const findCalendarDay = (db: Db, date: string): Promise<CalendarDayRow | undefined> =>
  withNames(db).where('d.day', '=', date).executeTakeFirst();

/** The day's row, locked until the transaction ends (a concurrent change waits). */
export const lockCalendarDay = (trx: Transaction<DB>, date: string) =>
  trx.selectFrom('working_calendar_day').selectAll().where('day', '=', date).forUpdate().executeTakeFirst();

/** Inserts a day; false when the date is already taken (the primary key decides, not a read before). */
export const insertCalendarDay = async (
  trx: Db,
  date: string,
  v: CalendarDayValues,
  by: { userId: number; importBatchId?: number | null },
): Promise<boolean> => {
  const r = await trx
    .insertInto('working_calendar_day')
    .values({
      day: date,
      ...v,
      origin: 'admin',
      import_batch_id: by.importBatchId ?? null,
      created_by: by.userId,
      updated_by: by.userId,
    })
    .onConflict((oc) => oc.column('day').doNothing())
    .returning('day')
    .executeTakeFirst();
  return r !== undefined;
};

/** A changed day is the administrator's from then on (origin admin), whatever it was shipped as. */
export const updateCalendarDay = (
  trx: Db,
  date: string,
  v: CalendarDayValues,
  by: { userId: number; importBatchId?: number | null },
) =>
  trx
    .updateTable('working_calendar_day')
    .set({
      ...v,
      origin: 'admin',
      ...(by.importBatchId !== undefined && { import_batch_id: by.importBatchId }),
      updated_by: by.userId,
      updated_at: sql`now()`,
    })
    .where('day', '=', date)
    .execute();

export const deleteCalendarDay = (trx: Db, date: string) =>
  trx.deleteFrom('working_calendar_day').where('day', '=', date).execute();

/** The days of these dates, locked in date order (an import chunk). */
export const lockCalendarDays = (trx: Transaction<DB>, dates: string[]) =>
  dates.length
    ? trx
        .selectFrom('working_calendar_day')
        .selectAll()
        .where('day', 'in', dates)
        .orderBy('day')
        .forUpdate()
        .execute()
    : Promise.resolve([]);

export type YearCounts = {
  year: number;
  holidays: number;
  makeup_workdays: number;
  shipped_days: number;
  admin_days: number;
  last_changed_at: Date | null;
};

/** Per year that has rows: its holidays, make-up workdays, origins and last change. */
export const calendarYearCounts = async (db: Db, year?: number): Promise<YearCounts[]> => {
  let q = db
    .selectFrom('working_calendar_day')
    .select([
      sql<number>`extract(year from day)::int`.as('year'),
      sql<number>`count(*) filter (where kind = 'holiday')::int`.as('holidays'),
      sql<number>`count(*) filter (where kind = 'workday')::int`.as('makeup_workdays'),
      sql<number>`count(*) filter (where origin = 'shipped')::int`.as('shipped_days'),
      sql<number>`count(*) filter (where origin = 'admin')::int`.as('admin_days'),
      sql<Date | null>`max(updated_at)`.as('last_changed_at'),
    ])
    .groupBy(sql`extract(year from day)`)
    .orderBy(sql`extract(year from day)`);
  if (year !== undefined) q = q.where('day', '>=', `${year}-01-01`).where('day', '<=', `${year}-12-31`);
  return q.execute();
};

/** Years whose shipped arrangement was copied in already. */
export const shippedYearsLoaded = (db: Db) =>
  db
    .selectFrom('working_calendar_shipped_year')
    .select('year')
    .execute()
    .then((rows) => new Set(rows.map((r) => r.year)));

/**
 * Copies one shipped year: its days (a date an administrator already entered keeps the administrator's
 * entry) and the mark that the year was copied, so a later start never copies it again.
 */
export const insertShippedYear = async (
  trx: Transaction<DB>,
  year: number,
  source: string,
  days: Array<{ date: string; kind: string; name: string; nameEn: string | null; source: string }>,
): Promise<boolean> => {
  const marked = await trx
    .insertInto('working_calendar_shipped_year')
    .values({ year, source })
    .onConflict((oc) => oc.column('year').doNothing())
    .returning('year')
    .executeTakeFirst();
  if (!marked) return false;
  if (days.length)
    await trx
      .insertInto('working_calendar_day')
      .values(
        days.map((d) => ({
          day: d.date,
          kind: d.kind,
          name: d.name,
          name_en: d.nameEn,
          source: d.source,
          origin: 'shipped',
        })),
      )
      .onConflict((oc) => oc.column('day').doNothing())
      .execute();
  return true;
};
