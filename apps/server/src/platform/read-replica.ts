/**
 * Read replica (issue 18 item 6, docs/ARCHITECTURE.md "Read replica"): with DATABASE_READ_URL set, the
 * read-heavy answers that never write in the same transaction — reports, dashboards, list exports —
 * read from a PostgreSQL streaming-replication standby, while every write (their audit entries
 * included: a standby refuses writes) stays on the primary (`deps.db`).
 *
 * `pick()` answers which one to read: the standby when it is configured, reachable, still a standby
 * (`pg_is_in_recovery()`; a promoted copy diverges and is never read) and no further behind than
 * OHP_READ_MAX_LAG_SECONDS; otherwise the primary, with the reason. On PGlite and without a read URL it
 * is always the primary, with no extra connection. The answer is reused for a second or two (longer
 * after a failed connection) and concurrent callers share one probe, so a dashboard's parallel
 * requests do not each ask the standby.
 *
 * Lag: a server with a read URL upserts `replication_heartbeat (id = 1, at = now())` on the primary
 * every HEARTBEAT_MS (`startHeartbeat`, main.ts); the standby's `now() - at` is an upper bound of its
 * replay lag (within one heartbeat interval of the true figure) that stays meaningful when the primary
 * is idle. It assumes the two servers' clocks agree (NTP), like any lag read off timestamps.
 */
import type { ReadFallbackReason, ReadSourceKind } from '@ohp/contracts';
import { sql, type Kysely } from 'kysely';
import type { Config } from './config.js';
import { openPostgres, type Database } from './db.js';
import type { DB } from './db-types.js';

/** The response header naming where an answer was read: `standby` or `primary`. */
export const READ_SOURCE_HEADER = 'x-read-source';

/** How often the primary's heartbeat row is written. */
export const HEARTBEAT_MS = 5_000;

export type ReadPick = {
  /** The database to read (never to write) for this answer. */
  db: Kysely<DB>;
  source: ReadSourceKind;
  /**
   * The standby's lag in seconds (one decimal) when it was asked: with `source: 'standby'`, how old
   * the data may be; with a fallback for lag, how far behind it was. Null when no standby answered.
   */
  lagSeconds: number | null;
  /** Why the primary answers although a standby is configured; null when it is not configured. */
  fallbackReason: ReadFallbackReason | null;
};

export type ReadReplica = {
  /** A standby is configured (PostgreSQL with DATABASE_READ_URL). */
  readonly configured: boolean;
  pick: () => Promise<ReadPick>;
  /**
   * Writes the heartbeat on the primary now and every `everyMs` until the returned stop (or close);
   * a no-op without a standby. Only the server process calls it (main.ts), not the CLI.
   */
  startHeartbeat: (everyMs?: number) => () => void;
  /** Stops the heartbeat and ends the standby's connections (a later pick opens them again). */
  close: () => Promise<void>;
};

/** The heartbeat on the primary (exported for the tests, which drive it by hand). */
export const writeHeartbeat = async (db: Kysely<DB>): Promise<void> => {
  await db
    .insertInto('replication_heartbeat')
    .values({ id: 1, at: sql<Date>`now()` })
    .onConflict((oc) => oc.column('id').doUpdateSet({ at: sql<Date>`now()` }))
    .execute();
};

/** One statement on the standby: is it still replaying, and how old is the newest heartbeat it has. */
const probe = async (db: Kysely<DB>): Promise<{ recovery: boolean; lag: number | null }> => {
  const { rows } = await sql<{ recovery: boolean; lag: number | null }>`
    select pg_is_in_recovery() as recovery,
      extract(epoch from clock_timestamp() - (select at from replication_heartbeat where id = 1))::float8 as lag
  `.execute(db);
  const r = rows[0]!;
  return { recovery: r.recovery, lag: r.lag === null ? null : Math.max(0, Math.round(r.lag * 10) / 10) };
};

export type ReadReplicaOptions = {
  /** How long a pick is reused (ms); 1,500 by default, 0 = probe on every pick (tests). */
  cacheMs?: number;
  /** How long a failed connection's fallback is reused before the standby is tried again (ms). */
  failureCacheMs?: number;
  /** How long a connection to the standby may take before it counts as unreachable (ms). */
  connectTimeoutMs?: number;
  /** Overrides config.databaseReadUrl (the tests point one app at the standby's copy of its database). */
  url?: string | null;
};

export const openReadReplica = (
  config: Config,
  primary: Database,
  opts: ReadReplicaOptions = {},
): ReadReplica => {
  const url = opts.url === undefined ? config.databaseReadUrl : opts.url;
  const primaryPick = (
    fallbackReason: ReadFallbackReason | null,
    lagSeconds: number | null = null,
  ): ReadPick => ({ db: primary.db, source: 'primary', lagSeconds, fallbackReason });
  if (!url || primary.kind !== 'postgresql') {
    const always = primaryPick(null);
    return {
      configured: false,
      pick: async () => always,
      startHeartbeat: () => () => {},
      close: async () => {},
    };
  }
  const cacheMs = opts.cacheMs ?? 1_500;
  const failureCacheMs = opts.failureCacheMs ?? 10_000;
  let standby: Promise<Database> | null = null;
  let cached: { until: number; pick: ReadPick } | null = null;
  let inFlight: Promise<ReadPick> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let lastReason: ReadFallbackReason | null | undefined;

  const standbyDb = () =>
    (standby ??= openPostgres(url, 10, {
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 3_000,
      idleTimeoutMillis: 30_000,
    }));

  const decide = async (): Promise<{ pick: ReadPick; ttl: number }> => {
    let r: { recovery: boolean; lag: number | null };
    let db: Kysely<DB>;
    try {
      db = (await standbyDb()).db;
      r = await probe(db);
    } catch (err) {
      if (lastReason !== 'unreachable')
        // The message only (never the URL, which may carry a password).
        console.warn(`read replica unreachable, reading the primary: ${(err as Error).message}`);
      return { pick: primaryPick('unreachable'), ttl: failureCacheMs };
    }
    if (!r.recovery) return { pick: primaryPick('not_in_recovery'), ttl: cacheMs };
    if (r.lag === null) return { pick: primaryPick('no_heartbeat'), ttl: cacheMs };
    if (r.lag > config.readMaxLagSeconds) return { pick: primaryPick('lag_exceeded', r.lag), ttl: cacheMs };
    return { pick: { db, source: 'standby', lagSeconds: r.lag, fallbackReason: null }, ttl: cacheMs };
  };

  return {
    configured: true,
    pick: async () => {
      if (cached && Date.now() < cached.until) return cached.pick;
      inFlight ??= decide()
        .then(({ pick, ttl }) => {
          lastReason = pick.fallbackReason;
          cached = ttl > 0 ? { until: Date.now() + ttl, pick } : null;
          return pick;
        })
        .finally(() => {
          inFlight = null;
        });
      return inFlight;
    },
    startHeartbeat: (everyMs = HEARTBEAT_MS) => {
      const beat = () =>
        writeHeartbeat(primary.db).catch((err: unknown) =>
          console.error('replication heartbeat not written:', (err as Error).message),
        );
      void beat();
      if (timer) clearInterval(timer);
      const own = setInterval(() => void beat(), everyMs);
      own.unref();
      timer = own;
      return () => {
        clearInterval(own);
        if (timer === own) timer = null;
      };
    },
    close: async () => {
      if (timer) clearInterval(timer);
      timer = null;
      cached = null;
      const s = standby;
      standby = null;
      if (s) await (await s.catch(() => null))?.close();
    },
  };
};
