/**
 * The database: PGlite (embedded PostgreSQL in WASM, persisted in a data directory) or a PostgreSQL
 * server from DATABASE_URL. Both run the same SQL and migrations through Kysely, and both return the
 * same JavaScript types: int8 and numeric as number, date as 'YYYY-MM-DD', timestamptz as Date.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { DB } from './db-types.js';

export type DbKind = 'pglite' | 'postgresql';

export type Database = {
  db: Kysely<DB>;
  kind: DbKind;
  /** Runs a multi-statement SQL script outside Kysely (migrations). */
  execScript: (sql: string) => Promise<void>;
  close: () => Promise<void>;
};

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

const toNumber = (v: string): number => Number(v);
const identity = (v: string): string => v;

/** Type parsers shared by both drivers so that results look the same. */
const parsers: Record<number, (v: string) => unknown> = {
  [INT8]: toNumber,
  [NUMERIC]: toNumber,
  [DATE]: identity,
};

const commandOf = (sql: string): 'INSERT' | 'UPDATE' | 'DELETE' | 'MERGE' | 'SELECT' => {
  const m = /\b(insert|update|delete|merge)\b/i.exec(sql.slice(0, 400));
  const head = /^\s*(\w+)/.exec(sql)?.[1]?.toLowerCase();
  if (head === 'select') return 'SELECT';
  return (m?.[1]?.toUpperCase() as 'INSERT' | 'UPDATE' | 'DELETE' | 'MERGE' | undefined) ?? 'SELECT';
};

/**
 * PGlite has one connection. This pool hands it out to one Kysely connection at a time (a transaction
 * holds it until commit), queueing the others.
 */
const pglitePool = (pglite: PGlite): PostgresPool => {
  let busy: Promise<void> = Promise.resolve();
  return {
    connect: async () => {
      let release!: () => void;
      const previous = busy;
      busy = new Promise<void>((r) => (release = r));
      await previous;
      const client: PostgresPoolClient = {
        query: (async (sql: string, parameters: readonly unknown[]) => {
          const res = await pglite.query(sql, parameters as unknown[]);
          return { command: commandOf(sql), rowCount: res.affectedRows ?? res.rows.length, rows: res.rows };
        }) as PostgresPoolClient['query'],
        release: () => release(),
      };
      return client;
    },
    end: async () => {
      await busy;
    },
  };
};

export const openPglite = async (dataDir: string | null): Promise<Database> => {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir ?? undefined, { parsers });
  const pool = pglitePool(pglite);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'pglite',
    execScript: async (sql) => {
      // Share the queue with Kysely so a script never interleaves with a transaction.
      const c = await pool.connect();
      try {
        await pglite.exec(sql);
      } finally {
        c.release();
      }
    },
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
};

export const openPostgres = async (url: string, max = 10): Promise<Database> => {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        parsers[oid] ??
        (pg.types.getTypeParser as (o: number, f?: string) => (v: string) => unknown)(
          oid,
          format,
        )) as typeof pg.types.getTypeParser,
    },
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgresql',
    execScript: async (sql) => {
      await pool.query(sql);
    },
    close: async () => {
      await db.destroy();
    },
  };
};

export const openDatabase = async (opts: {
  databaseUrl: string | null;
  dataDir: string | null;
}): Promise<Database> => (opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(opts.dataDir));
