/**
 * The database: PGlite (embedded PostgreSQL in WASM, persisted in a data directory) or a PostgreSQL
 * server from DATABASE_URL. Both run the same SQL and migrations through Kysely, and both return the
 * same JavaScript types: int8 and numeric as number, date as 'YYYY-MM-DD', timestamptz as Date.
 */
import { mkdirSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { DB } from './db-types.js';
import { parsers } from './pglite-parsers.js';

export type DbKind = 'pglite' | 'postgresql';

export type Database = {
  db: Kysely<DB>;
  kind: DbKind;
  /** Runs a multi-statement SQL script outside Kysely (migrations). */
  execScript: (sql: string) => Promise<void>;
  close: () => Promise<void>;
  /**
   * In-process PGlite only: the data directory as a tarball, which `openPglite(null, { load })` opens
   * again (the test harness builds the migrated, seeded database once per run and starts each test
   * file from a copy of it).
   */
  dump?: () => Promise<Blob>;
};

const commandOf = (sql: string): 'INSERT' | 'UPDATE' | 'DELETE' | 'MERGE' | 'SELECT' => {
  const m = /\b(insert|update|delete|merge)\b/i.exec(sql.slice(0, 400));
  const head = /^\s*(\w+)/.exec(sql)?.[1]?.toLowerCase();
  if (head === 'select') return 'SELECT';
  return (m?.[1]?.toUpperCase() as 'INSERT' | 'UPDATE' | 'DELETE' | 'MERGE' | undefined) ?? 'SELECT';
};

/** What the pool needs from PGlite, in-process or in a worker. */
type PgliteExecutor = {
  query: (sql: string, params: unknown[]) => Promise<{ rows: unknown[]; affectedRows: number }>;
  exec: (sql: string) => Promise<void>;
  close: () => Promise<void>;
  dump?: () => Promise<Blob>;
};

/**
 * PGlite has one connection. This pool hands it out to one Kysely connection at a time (a transaction
 * holds it until commit), queueing the others.
 */
const pglitePool = (
  pglite: PgliteExecutor,
): PostgresPool & { run: <T>(fn: () => Promise<T>) => Promise<T> } => {
  let busy: Promise<void> = Promise.resolve();
  const acquire = async () => {
    let release!: () => void;
    const previous = busy;
    busy = new Promise<void>((r) => (release = r));
    await previous;
    return release;
  };
  return {
    connect: async () => {
      const release = await acquire();
      const client: PostgresPoolClient = {
        query: (async (sql: string, parameters: readonly unknown[]) => {
          const res = await pglite.query(sql, parameters as unknown[]);
          return { command: commandOf(sql), rowCount: res.affectedRows || res.rows.length, rows: res.rows };
        }) as PostgresPoolClient['query'],
        release: () => release(),
      };
      return client;
    },
    end: async () => {
      await busy;
    },
    run: async (fn) => {
      const release = await acquire();
      try {
        return await fn();
      } finally {
        release();
      }
    },
  };
};

/**
 * bytea as hex text both ways on PGlite (mirrored in pglite-worker.mjs): PGlite's own conversion goes
 * byte by byte through a temporary array (a 17 MB upload took 5–6 s to store, 1.7 s to read back).
 */
const byteaToHex = (v: unknown): string => {
  const u = v as Uint8Array;
  return `\\x${Buffer.from(u.buffer, u.byteOffset, u.byteLength).toString('hex')}`;
};
const byteaFromHex = (v: string): Buffer => Buffer.from(v.slice(2), 'hex');

/** PGlite and structured clone give bytea as Uint8Array; node-postgres gives Buffers: so do we. */
const reviveRow = (row: Record<string, unknown>): Record<string, unknown> => {
  for (const k of Object.keys(row)) {
    const v = row[k];
    if (v instanceof Uint8Array && !Buffer.isBuffer(v))
      row[k] = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  }
  return row;
};

const inlineExecutor = async (dataDir: string | null, load?: Blob): Promise<PgliteExecutor> => {
  const pglite = await PGlite.create(dataDir ?? undefined, {
    parsers: { ...parsers, 17: byteaFromHex },
    serializers: { 17: byteaToHex },
    ...(load && { loadDataDir: load }),
  });
  return {
    query: async (sql, params) => {
      const res = await pglite.query<Record<string, unknown>>(sql, params);
      return { rows: res.rows.map(reviveRow), affectedRows: res.affectedRows ?? 0 };
    },
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    close: () => pglite.close(),
    // A checkpoint first: a data directory copied without one is opened with crash recovery, which
    // moves every sequence up to 32 values on (ids would differ from the database it was taken of).
    dump: async () => {
      await pglite.exec('CHECKPOINT');
      return pglite.dumpDataDir('none');
    },
  };
};

const workerExecutor = async (dataDir: string | null): Promise<PgliteExecutor> => {
  // Beside this file in the source tree, and copied beside dist/main.js by the build.
  const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), { workerData: { dataDir } });
  worker.unref();
  let next = 0;
  const pending = new Map<number, { resolve: (v: WorkerReply) => void; reject: (e: Error) => void }>();
  type WorkerReply = {
    id: number;
    ok: boolean;
    rows?: Array<Record<string, unknown>>;
    affectedRows?: number;
    error?: Record<string, unknown>;
  };
  worker.on('message', (m: WorkerReply) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.ok) p.resolve(m);
    else p.reject(Object.assign(new Error(String(m.error?.message)), m.error));
  });
  worker.on('error', (e) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  });
  const call = (msg: { kind: 'query' | 'exec' | 'close'; sql?: string; params?: unknown[] }) =>
    new Promise<WorkerReply>((resolve, reject) => {
      const id = ++next;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...msg });
    });
  // Surface a failed start (bad data directory) here rather than at the first query.
  await call({ kind: 'exec', sql: 'select 1' });
  return {
    query: async (sql, params) => {
      const r = await call({ kind: 'query', sql, params });
      return { rows: (r.rows ?? []).map(reviveRow), affectedRows: r.affectedRows ?? 0 };
    },
    exec: async (sql) => {
      await call({ kind: 'exec', sql });
    },
    close: async () => {
      await call({ kind: 'close' });
      await worker.terminate();
    },
  };
};

/**
 * Opens PGlite in `dataDir` (null = in memory). `thread: 'worker'` (what `npm start` uses) runs it off
 * the HTTP thread; 'inline' runs it in-process (tests, CLI).
 */
export const openPglite = async (
  dataDir: string | null,
  opts: { thread?: 'inline' | 'worker'; load?: Blob } = {},
): Promise<Database> => {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const executor =
    opts.thread === 'worker' ? await workerExecutor(dataDir) : await inlineExecutor(dataDir, opts.load);
  const pool = pglitePool(executor);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'pglite',
    // Shares the queue with Kysely so a script never interleaves with a transaction.
    execScript: (sql) => pool.run(() => executor.exec(sql)),
    close: async () => {
      await db.destroy();
      await executor.close();
    },
    ...(executor.dump && { dump: () => pool.run(executor.dump!) }),
  };
};

/**
 * A pool on a PostgreSQL server with the shared type parsers. `options` adds pool settings (the read
 * replica's connection timeout, platform/read-replica.ts).
 */
export const openPostgres = async (
  url: string,
  max = 10,
  options: Pick<pg.PoolConfig, 'connectionTimeoutMillis' | 'idleTimeoutMillis'> = {},
): Promise<Database> => {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    ...options,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        parsers[oid] ??
        (pg.types.getTypeParser as (o: number, f?: string) => (v: string) => unknown)(
          oid,
          format,
        )) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server ends (restart, pg_terminate_backend, DROP DATABASE … FORCE) is
  // reported on the pool and dropped from it; unhandled, that event would end the process.
  pool.on('error', () => {});
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
  thread?: 'inline' | 'worker';
}): Promise<Database> =>
  opts.databaseUrl
    ? openPostgres(opts.databaseUrl)
    : openPglite(opts.dataDir, { thread: opts.thread ?? 'inline' });
