/** All SQL of printable documents (文书, migration 0026). */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB, IssuedDocumentTable } from '../../platform/db-types.js';
import { scopeWhere, type Scope } from '../../platform/authz/scope.js';

type Db = Kysely<DB> | Transaction<DB>;
export type DocumentRow = Selectable<IssuedDocumentTable>;

export const organisationForDocument = (db: Db, organisationId: number) =>
  db
    .selectFrom('organisation')
    .select(['organisation_id', 'name', 'region_code', 'kind'])
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();

export const codeExists = async (db: Db, code: string): Promise<boolean> =>
  (await db
    .selectFrom('issued_document')
    .select('document_id')
    .where('verification_code', '=', code)
    .executeTakeFirst()) !== undefined;

export const insertDocument = (
  db: Db,
  row: Omit<
    DocumentRow,
    'document_id' | 'fields' | 'revoked_at' | 'revoked_by' | 'revoke_reason' | 'issued_at'
  > & {
    fields: string;
    issued_at: Date;
  },
) =>
  db
    .insertInto('issued_document')
    .values(row)
    .returning(['document_id', 'verification_code'])
    .executeTakeFirstOrThrow();

export const documentByCode = (db: Db, code: string) =>
  db.selectFrom('issued_document').selectAll().where('verification_code', '=', code).executeTakeFirst();

/**
 * A document the actor may see: it is about the actor's organisation, issued by it, or (regulators,
 * the QC centre) about an organisation inside the actor's business scope.
 */
export const documentInScope = (db: Db, scope: Scope, organisationId: number, id: number) =>
  db
    .selectFrom('issued_document')
    .selectAll()
    .where('document_id', '=', id)
    .where((eb) =>
      eb.or([
        eb('issuer_organisation_id', '=', organisationId),
        scopeWhere(eb, scope, { region: eb.ref('region_code'), organisation: eb.ref('organisation_id') }),
      ]),
    )
    .executeTakeFirst();

export const lockDocument = (trx: Transaction<DB>, id: number) =>
  trx.selectFrom('issued_document').selectAll().where('document_id', '=', id).forUpdate().executeTakeFirst();

export const markRevoked = (trx: Transaction<DB>, id: number, by: number | null, reason: string, at: Date) =>
  trx
    .updateTable('issued_document')
    .set({ revoked_at: at, revoked_by: by, revoke_reason: reason })
    .where('document_id', '=', id)
    .execute();

/** The documents issued about one subject (e.g. the receipts of a filing), newest first. */
export const documentsOfSubject = (db: Db, subjectType: string, subjectId: number) =>
  db
    .selectFrom('issued_document')
    .selectAll()
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .orderBy('issued_at', 'desc')
    .orderBy('document_id', 'desc')
    .execute();

/** The organisation a demo receipt is about (demo seeding). */
export const organisationForReceipt = (db: Db, organisationId: number) =>
  db
    .selectFrom('organisation')
    .select(['organisation_id', 'name', 'credit_code', 'address'])
    .where('organisation_id', '=', organisationId)
    .executeTakeFirstOrThrow();
