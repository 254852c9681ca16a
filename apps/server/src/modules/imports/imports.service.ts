/**
 * The uploader's view of their imports: a batch is visible only to the user who uploaded it (its rows
 * may hold data the user's scope allows and no one else's does), whatever their role.
 */
import type { ImportBatch } from '@ohp/contracts';
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/authz/actor.js';
import type { DB } from '../../platform/db-types.js';
import { notFound } from '../../platform/errors.js';
import { presentBatch } from '../../platform/imports/pipeline.js';
import {
  countOwnBatches,
  findOwnBatch,
  findOwnErrorFile,
  listOwnBatches,
} from '../../platform/imports/imports.repository.js';

export const listMyImports = async (
  db: Kysely<DB>,
  actor: Actor,
  q: { kind?: string; page: number; pageSize: number },
): Promise<{ data: ImportBatch[]; total: number; page: number; pageSize: number }> => {
  const [rows, total] = await Promise.all([
    listOwnBatches(db, actor.userId, {
      kind: q.kind,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    }),
    countOwnBatches(db, actor.userId, q.kind),
  ]);
  return { data: rows.map(presentBatch), total, page: q.page, pageSize: q.pageSize };
};

export const getMyImport = async (db: Kysely<DB>, actor: Actor, batchId: number): Promise<ImportBatch> => {
  const row = await findOwnBatch(db, batchId, actor.userId);
  if (!row) throw notFound();
  return presentBatch(row);
};

/** The rejected rows of one of the user's batches (of `kind`, when a module's own route asks). */
export const myImportErrorFile = async (
  db: Kysely<DB>,
  actor: Actor,
  batchId: number,
  kind?: string,
): Promise<Buffer> => {
  const row = await findOwnErrorFile(db, batchId, actor.userId);
  if (!row?.error_file || (kind !== undefined && row.kind !== kind)) throw notFound();
  return row.error_file;
};
