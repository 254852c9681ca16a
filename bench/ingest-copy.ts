/**
 * The raw-COPY baseline of `npm run bench:ingest` (bench/ingest.ts): the rows the pipeline stored for
 * the cards (worker, exam_card, exam_card_version, exam_conclusion) are copied out, then COPYed into
 * empty copies of those tables — `CREATE TABLE bench_x (LIKE x INCLUDING ALL)`: the same columns,
 * defaults, CHECK constraints and every index — with the same foreign keys (pointing at the copies where
 * the original points at a card table). Only the COPY … FROM is timed, table by table in foreign-key
 * order, each statement committing on its own.
 *
 * PostgreSQL: `psql \copy` (COPY … TO STDOUT into a file, then COPY … FROM STDIN from it: what a bulk
 * loader sends over the wire). PGlite: its `/dev/blob` device (COPY … TO '/dev/blob' hands the rows back
 * as a Blob, COPY … FROM '/dev/blob' reads the Blob given with the query), in this process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** The card tables, in the order their foreign keys need. */
export const CARD_TABLES = ['worker', 'exam_card', 'exam_card_version', 'exam_conclusion'] as const;
const COPY_PREFIX = 'bench_';

export type CopyTable = { table: string; rows: number; bytes: number; seconds: number };
export type CopyResult = { tables: CopyTable[]; seconds: number };

/**
 * What a baseline copies: the tables in foreign-key order, each optionally limited to some of its rows
 * (`where`, the benchmark's own SQL text), and whether a copy's foreign keys to another table of the set
 * point at that table's copy (`retarget`, the default) or stay on the original (rows that reference
 * rows outside the copied set, such as an organisation's supervising commission).
 */
export type CopySet = { tables: ReadonlyArray<{ table: string; where?: string }>; retarget?: boolean };
const CARD_SET: CopySet = { tables: CARD_TABLES.map((table) => ({ table })) };

/** Runs SQL and returns its rows, whichever engine. */
type Query = (sql: string) => Promise<Array<Record<string, unknown>>>;

/**
 * The columns a COPY writes: every stored column (a generated column is computed again on the way in,
 * as it was for the original row, and COPY … FROM refuses a value for it).
 */
const storedColumns = async (query: Query, table: string): Promise<string> =>
  (
    await query(
      `SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) AS cols
         FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = '${table}' AND is_generated = 'NEVER'`,
    )
  )[0]!.cols as string;

/** The rows a table gives the baseline: its stored columns, of every row or of those `where` keeps. */
const source = (t: CopySet['tables'][number], cols: string) =>
  `(SELECT ${cols} FROM ${t.table}${t.where ? ` WHERE ${t.where}` : ''})`;

/** DDL of the empty copies: LIKE … INCLUDING ALL, then the originals' foreign keys, retargeted. */
const createCopies = async (query: Query, set: CopySet): Promise<void> => {
  const names = set.tables.map((t) => t.table);
  for (const t of names) {
    await query(`DROP TABLE IF EXISTS ${COPY_PREFIX}${t} CASCADE`);
  }
  for (const t of names) {
    await query(`CREATE TABLE ${COPY_PREFIX}${t} (LIKE ${t} INCLUDING ALL)`);
  }
  for (const t of names) {
    const fks = await query(
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE conrelid = '${t}'::regclass AND contype = 'f' ORDER BY conname`,
    );
    for (const { def } of fks as Array<{ def: string }>) {
      const retargeted = def.replace(/REFERENCES (\w+)\(/, (m, target: string) =>
        set.retarget !== false && names.includes(target) ? `REFERENCES ${COPY_PREFIX}${target}(` : m,
      );
      await query(`ALTER TABLE ${COPY_PREFIX}${t} ADD ${retargeted}`);
    }
  }
};

const dropCopies = async (query: Query, set: CopySet): Promise<void> => {
  for (const { table } of [...set.tables].reverse())
    await query(`DROP TABLE IF EXISTS ${COPY_PREFIX}${table} CASCADE`);
};

const countOf = async (query: Query, table: string) =>
  Number((await query(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n);

// ---------------------------------------------------------------------------------------------------

const psqlBinary = (): string => {
  const dump = process.env.OHP_PG_DUMP;
  const beside = dump ? join(dirname(dump), 'psql') : null;
  if (beside && existsSync(beside)) return beside;
  return 'psql';
};

const psql = (url: string, command: string) => {
  const r = spawnSync(psqlBinary(), [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', command], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`psql ${command}: ${r.stderr || r.error?.message || r.status}`);
};

/** PostgreSQL: out with psql \copy into files under `dir`, the copies created, then in, timed. */
export const copyBaselinePostgres = async (
  url: string,
  dir: string,
  set: CopySet = CARD_SET,
): Promise<CopyResult> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const query: Query = async (sql) => (await client.query(sql)).rows as Array<Record<string, unknown>>;
  try {
    const files = new Map<string, string>();
    const columns = new Map<string, string>();
    for (const t of set.tables) {
      const file = join(dir, `${t.table}.copy`);
      columns.set(t.table, await storedColumns(query, t.table));
      psql(url, `\\copy ${source(t, columns.get(t.table)!)} TO '${file}'`);
      files.set(t.table, file);
    }
    await createCopies(query, set);
    await query('CHECKPOINT');
    const tables: CopyTable[] = [];
    for (const { table: t } of set.tables) {
      const file = files.get(t)!;
      const t0 = performance.now();
      psql(url, `\\copy ${COPY_PREFIX}${t} (${columns.get(t)!}) FROM '${file}'`);
      const seconds = (performance.now() - t0) / 1000;
      tables.push({
        table: t,
        rows: await countOf(query, `${COPY_PREFIX}${t}`),
        bytes: statSync(file).size,
        seconds,
      });
    }
    await dropCopies(query, set);
    return { tables, seconds: tables.reduce((s, t) => s + t.seconds, 0) };
  } finally {
    await client.end();
  }
};

/** PGlite: the data directory opened in this process (the server has stopped), /dev/blob both ways. */
export const copyBaselinePglite = async (dataDir: string, set: CopySet = CARD_SET): Promise<CopyResult> => {
  const db = await PGlite.create(dataDir);
  const query: Query = async (sql) => (await db.query<Record<string, unknown>>(sql)).rows;
  try {
    const blobs = new Map<string, Blob>();
    const columns = new Map<string, string>();
    for (const t of set.tables) {
      columns.set(t.table, await storedColumns(query, t.table));
      const r = await db.query(`COPY ${source(t, columns.get(t.table)!)} TO '/dev/blob'`);
      // An empty table gives no blob.
      blobs.set(t.table, r.blob ?? new Blob([]));
    }
    await createCopies(query, set);
    await query('CHECKPOINT');
    const tables: CopyTable[] = [];
    for (const { table: t } of set.tables) {
      const blob = blobs.get(t)!;
      const t0 = performance.now();
      await db.query(`COPY ${COPY_PREFIX}${t} (${columns.get(t)!}) FROM '/dev/blob'`, [], { blob });
      const seconds = (performance.now() - t0) / 1000;
      tables.push({ table: t, rows: await countOf(query, `${COPY_PREFIX}${t}`), bytes: blob.size, seconds });
    }
    await dropCopies(query, set);
    return { tables, seconds: tables.reduce((s, t) => s + t.seconds, 0) };
  } finally {
    await db.close();
  }
};
