import { sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite, type Database } from './db.js';
import { migrate } from './migrate.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const exercise = async (database: Database) => {
  await migrate(database);
  const db = database.db;
  const org = await db
    .insertInto('organisation')
    .values({
      name: '线程测试单位',
      kind: 'employer',
      level: 'county',
      region_code: '220102',
      revenue_wan_yuan: 12.5,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  // Same result types as node-postgres with our parsers: numeric → number, timestamptz → Date.
  expect(org.revenue_wan_yuan).toBe(12.5);
  expect(org.created_at).toBeInstanceOf(Date);
  const count = await db
    .selectFrom('organisation')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  expect(count.n).toBe(1);
  const day = await sql<{ d: string }>`select date '2026-08-01' as d`.execute(db);
  expect(day.rows[0]?.d).toBe('2026-08-01');
  // bytea comes back as a Buffer.
  const batch = await db
    .insertInto('import_batch')
    .values({
      kind: 'x',
      idempotency_key: 'k',
      status: 'done',
      report: '{}',
      error_file: Buffer.from('数据'),
    })
    .returning('error_file')
    .executeTakeFirstOrThrow();
  expect(Buffer.isBuffer(batch.error_file)).toBe(true);
  expect(batch.error_file?.toString()).toBe('数据');
  // Errors keep their SQLSTATE so the HTTP layer maps them.
  await expect(
    db
      .insertInto('organisation')
      .values({ name: 'x', kind: 'employer', level: 'county', region_code: '220102' })
      .execute(),
  ).rejects.toMatchObject({ code: '23514' });
  // A failed transaction leaves nothing behind, and the connection is usable afterwards.
  await expect(
    db.transaction().execute(async (trx) => {
      await trx
        .insertInto('organisation')
        .values({ name: '回滚测试单位', kind: 'employer', level: 'county', region_code: '220102' })
        .execute();
      throw new Error('boom');
    }),
  ).rejects.toThrow('boom');
  expect(
    await db.selectFrom('organisation').select('name').where('name', '=', '回滚测试单位').executeTakeFirst(),
  ).toBeUndefined();
  // Concurrent statements queue on the single connection without interleaving a transaction.
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) => sql<{ v: number }>`select ${i}::int as v`.execute(db)),
  );
  expect(results.map((r) => r.rows[0]?.v)).toEqual(Array.from({ length: 20 }, (_, i) => i));
};

describe('PGlite', () => {
  it('behaves like PostgreSQL in-process', async () => {
    const database = await openPglite(null);
    try {
      await exercise(database);
    } finally {
      await database.close();
    }
  });

  it('behaves the same in a worker thread, persisted in a data directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ohp-pglite-'));
    dirs.push(dir);
    const database = await openPglite(join(dir, 'db'), { thread: 'worker' });
    try {
      await exercise(database);
    } finally {
      await database.close();
    }
    // Reopened, the data is still there and the migrations are not applied twice.
    const again = await openPglite(join(dir, 'db'), { thread: 'worker' });
    try {
      expect(await migrate(again)).toEqual([]);
      const row = await again.db.selectFrom('organisation').select('name').executeTakeFirstOrThrow();
      expect(row.name).toBe('线程测试单位');
    } finally {
      await again.close();
    }
  });
});
