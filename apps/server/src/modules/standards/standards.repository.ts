/** Kysely queries on the standards' administrator data (amendment dates, imported rows). */
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DB, StandardImportTable } from '../../platform/db-types.js';

type Db = Kysely<DB> | Transaction<DB>;

export const findAmendmentSettings = (db: Db) => db.selectFrom('standard_amendment').selectAll().execute();

export const findAmendmentSetting = (db: Db, key: string) =>
  db.selectFrom('standard_amendment').selectAll().where('amendment_key', '=', key).executeTakeFirst();

export const upsertAmendmentSetting = (
  db: Db,
  a: { id: string; effectiveFrom: string | null; confirmed: boolean; userId: number },
) =>
  db
    .insertInto('standard_amendment')
    .values({
      amendment_key: a.id,
      effective_from: a.effectiveFrom,
      confirmed: a.confirmed,
      updated_by: a.userId,
    })
    .onConflict((oc) =>
      oc.column('amendment_key').doUpdateSet({
        effective_from: a.effectiveFrom,
        confirmed: a.confirmed,
        updated_by: a.userId,
        updated_at: new Date(),
      }),
    )
    .execute();

/** The rows of every active import (what the calculators use). */
export const findActiveImports = (db: Db) =>
  db.selectFrom('standard_import').select(['kind', 'rows']).where('active', '=', true).execute();

export const findActiveImport = (db: Db, kind: string, edition: string) =>
  db
    .selectFrom('standard_import')
    .select(['standard_import_id', 'file_sha256'])
    .where('kind', '=', kind)
    .where('edition', '=', edition)
    .where('active', '=', true)
    .executeTakeFirst();

/** Deactivates the active import of the same kind and edition and inserts the new one as active. */
export const replaceActiveImport = async (db: Db, values: Insertable<StandardImportTable>) => {
  await db
    .updateTable('standard_import')
    .set({ active: false })
    .where('kind', '=', values.kind)
    .where('edition', '=', values.edition)
    .where('active', '=', true)
    .execute();
  return db
    .insertInto('standard_import')
    .values(values)
    .returning('standard_import_id')
    .executeTakeFirstOrThrow();
};
