/**
 * Read replica (issue 18 item 6, platform/read-replica.ts). Without a standby — PGlite, or no
 * DATABASE_READ_URL — every read is the primary's, with no reason given; a standby that cannot be
 * reached, or a "standby" that is a primary, is never read. With the real standby that
 * `OHP_PG_STANDBY=1 OHP_TEST_DB=postgresql scripts/with-postgres.sh` starts (pg_basebackup over
 * loopback, streaming): the declaration rates and a list export are served from the standby with the
 * primary's figures once it has replayed the primary's WAL; with its replay paused it answers the old
 * figures, and over a small OHP_READ_MAX_LAG_SECONDS the primary answers instead, saying why.
 */
import type { IndicatorOverview, DeclarationRatesReport, ReadSourceResponse } from '@ohp/contracts';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/platform/db.js';
import type { DB } from '../src/platform/db-types.js';
import { openReadReplica, writeHeartbeat, type ReadReplica } from '../src/platform/read-replica.js';
import { buildDeclaration, buildEmployer } from './factories.js';
import {
  createTestContext,
  standbyUrlOf,
  testConfig,
  testDbKind,
  type Client,
  type TestContext,
} from './helpers.js';

const RATES = '/api/v1/declaration-oversight/rates';
const WHITE_CSV = '/api/v1/declaration-oversight/lists/export?list=white&format=csv';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A primary that is never queried (the pick only hands its `db` back). */
const fakePrimary = (kind: Database['kind']): Database => ({
  db: { fake: 'primary' } as unknown as Kysely<DB>,
  kind,
  execScript: async () => {},
  close: async () => {},
});

describe('the read source without a standby', () => {
  it('is always the primary on PGlite, even with DATABASE_READ_URL set, and opens nothing', async () => {
    const primary = fakePrimary('pglite');
    const reads = openReadReplica(
      testConfig({ DATABASE_READ_URL: 'postgres://ohp@127.0.0.1:1/nowhere' }),
      primary,
    );
    expect(reads.configured).toBe(false);
    const pick = await reads.pick();
    expect(pick).toEqual({ db: primary.db, source: 'primary', lagSeconds: null, fallbackReason: null });
    expect(pick.db).toBe(primary.db);
    await reads.close();
  });

  it('is always the primary on PostgreSQL without DATABASE_READ_URL', async () => {
    const config = testConfig();
    expect(config.databaseReadUrl).toBeNull();
    expect(config.readMaxLagSeconds).toBe(30);
    const primary = fakePrimary('postgresql');
    const reads = openReadReplica(config, primary);
    expect(reads.configured).toBe(false);
    expect(await reads.pick()).toMatchObject({ source: 'primary', lagSeconds: null, fallbackReason: null });
  });

  it('falls back to the primary when the standby cannot be reached, one probe for parallel picks', async () => {
    const primary = fakePrimary('postgresql');
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const reads = openReadReplica(
      testConfig({ DATABASE_READ_URL: 'postgres://ohp@127.0.0.1:1/nowhere', OHP_READ_MAX_LAG_SECONDS: '5' }),
      primary,
      { connectTimeoutMs: 2_000 },
    );
    expect(reads.configured).toBe(true);
    const [a, b] = await Promise.all([reads.pick(), reads.pick()]);
    expect(a).toEqual({ db: primary.db, source: 'primary', lagSeconds: null, fallbackReason: 'unreachable' });
    // Both callers got the one probe's answer, and the next pick reuses it.
    expect(b).toBe(a);
    expect(await reads.pick()).toBe(a);
    await reads.close();
  });
});

describe('the read source of an app without a standby', () => {
  let t: TestContext;
  let province: Client;
  beforeAll(async () => {
    t = await createTestContext();
    province = await t.login('demo-province');
  });
  afterAll(async () => t.close());

  it('answers /read-source and the reports from the primary, and says so', async () => {
    const res = await province.get('/api/v1/read-source');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ source: 'primary', lagSeconds: null, fallbackReason: null });
    const rates = await province.get(RATES);
    expect(rates.status).toBe(200);
    expect(rates.raw.headers['x-read-source']).toBe('primary');
    const csv = await province.get(WHITE_CSV);
    expect(csv.status).toBe(200);
    expect(csv.raw.headers['x-read-source']).toBe('primary');
  });

  it('needs a signed-in user', async () => {
    expect((await t.anonymous().get('/api/v1/read-source')).status).toBe(401);
  });

  // A "standby" that is a primary (a promoted copy, a wrong URL) diverges and is never read.
  it.skipIf(testDbKind() !== 'postgresql')(
    'never reads a server that is not in recovery (PostgreSQL only)',
    async () => {
      const url = new URL(process.env.OHP_TEST_DATABASE_URL!);
      url.pathname = `/${t.databaseName}`;
      const reads = openReadReplica(t.deps.config, t.deps.database, { url: url.toString(), cacheMs: 0 });
      try {
        await writeHeartbeat(t.deps.db);
        const pick = await reads.pick();
        expect(pick).toMatchObject({ source: 'primary', fallbackReason: 'not_in_recovery' });
        expect(pick.db).toBe(t.deps.db);
      } finally {
        await reads.close();
      }
    },
  );
});

const withStandby = testDbKind() === 'postgresql' && Boolean(process.env.OHP_TEST_DATABASE_READ_URL);

describe.skipIf(!withStandby)(
  withStandby
    ? 'reads from a real streaming-replication standby'
    : 'reads from a real standby — skipped: needs OHP_PG_STANDBY=1 OHP_TEST_DB=postgresql scripts/with-postgres.sh (OHP_TEST_DATABASE_READ_URL)',
  () => {
    let t: TestContext;
    let province: Client;
    /** The standby's `postgres` database as the test cluster's superuser (replay pause and position). */
    let standbyAdmin: pg.Client;
    let standbyUrl: string;
    let primaryOnly: ReadReplica;
    const opened: ReadReplica[] = [];

    /** Heartbeat on the primary, then wait until the standby has replayed all the primary's WAL. */
    const caughtUp = async () => {
      await writeHeartbeat(t.deps.db);
      const { rows } = await sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(
        t.deps.db,
      );
      const lsn = rows[0]!.lsn;
      for (let i = 0; i < 600; i++) {
        const r = await standbyAdmin.query<{ ok: boolean }>(
          'select coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) as ok',
          [lsn],
        );
        if (r.rows[0]!.ok) return;
        await sleep(50);
      }
      throw new Error(`the standby did not replay ${lsn} within 30 s`);
    };
    const replica = (maxLag: number) => {
      const r = openReadReplica({ ...t.deps.config, readMaxLagSeconds: maxLag }, t.deps.database, {
        url: standbyUrl,
        cacheMs: 0,
      });
      opened.push(r);
      return r;
    };
    /** An employer of 长春市朝阳区 in the programme, declared (white list) or not. */
    const employer = async (declared: boolean) => {
      const id = await buildEmployer(t.deps, { regionCode: '220104', employees: 30 });
      if (declared) await buildDeclaration(t.deps, { employerId: id, status: 'accepted' });
      const { name } = await t.deps.db
        .selectFrom('organisation')
        .select('name')
        .where('organisation_id', '=', id)
        .executeTakeFirstOrThrow();
      return name;
    };
    const rates = async () => {
      const res = await province.get(RATES);
      expect(res.status).toBe(200);
      return {
        source: res.raw.headers['x-read-source'],
        body: res.body as unknown as DeclarationRatesReport,
      };
    };
    const whiteCsv = async () => {
      const res = await province.get(WHITE_CSV);
      expect(res.status).toBe(200);
      return { source: res.raw.headers['x-read-source'], text: res.raw.body };
    };
    const readSource = async () => (await province.get('/api/v1/read-source')).body as ReadSourceResponse;

    beforeAll(async () => {
      t = await createTestContext();
      province = await t.login('demo-province');
      standbyUrl = standbyUrlOf(t.databaseName)!;
      standbyAdmin = new pg.Client({ connectionString: process.env.OHP_TEST_DATABASE_READ_URL });
      await standbyAdmin.connect();
      primaryOnly = t.deps.reads;
    });
    afterAll(async () => {
      await standbyAdmin?.query('select pg_wal_replay_resume()').catch(() => {});
      await standbyAdmin?.end();
      for (const r of opened) await r.close();
      if (primaryOnly) t.deps.reads = primaryOnly;
      await t?.close();
    });

    it('serves the rates and the list export from the standby with the primary figures', async () => {
      const white = await employer(true);
      await employer(false);
      await caughtUp();
      const reads = replica(30);
      t.deps.reads = reads;
      // The pick reads a server in recovery: the standby, not the primary.
      const pick = await reads.pick();
      expect(pick.source).toBe('standby');
      expect(pick.db).not.toBe(t.deps.db);
      const { rows } = await sql<{ r: boolean }>`select pg_is_in_recovery() as r`.execute(pick.db);
      expect(rows[0]!.r).toBe(true);
      const source = await readSource();
      expect(source.source).toBe('standby');
      expect(source.fallbackReason).toBeNull();
      expect(source.lagSeconds).toBeGreaterThanOrEqual(0);
      expect(source.lagSeconds).toBeLessThanOrEqual(30);

      const fromStandby = await rates();
      const csvStandby = await whiteCsv();
      expect(fromStandby.source).toBe('standby');
      expect(csvStandby.source).toBe('standby');
      expect(fromStandby.body.total.employers).toBeGreaterThan(0);
      expect(csvStandby.text).toContain(white);

      t.deps.reads = primaryOnly;
      const fromPrimary = await rates();
      const csvPrimary = await whiteCsv();
      expect(fromPrimary.source).toBe('primary');
      expect(fromStandby.body).toEqual(fromPrimary.body);
      expect(csvStandby.text).toBe(csvPrimary.text);
    });

    it('serves the indicators dashboard from the standby with the primary figures (issue 18)', async () => {
      await employer(true);
      await caughtUp();
      t.deps.reads = replica(30);
      const dashboard = async () => {
        const res = await province.get('/api/v1/indicators/overview?region=2201');
        expect(res.status).toBe(200);
        const body = res.body as unknown as IndicatorOverview;
        return { source: res.raw.headers['x-read-source'], panels: body.panels, region: body.region };
      };
      const fromStandby = await dashboard();
      expect(fromStandby.source).toBe('standby');
      t.deps.reads = primaryOnly;
      const fromPrimary = await dashboard();
      expect(fromPrimary.source).toBe('primary');
      expect(fromStandby.panels).toEqual(fromPrimary.panels);
      const b = fromStandby.panels.find((p) => p.code === 'declaration_rate_industrial')!;
      expect(b.figure.denominator).toBeGreaterThan(0);
    });

    it('answers stale figures while replay is paused, and falls back to the primary over the lag limit', async () => {
      await caughtUp();
      const before = await rates();
      await standbyAdmin.query('select pg_wal_replay_pause()');
      for (let i = 0; i < 100; i++) {
        const r = await standbyAdmin.query<{ s: string }>('select pg_get_wal_replay_pause_state() as s');
        if (r.rows[0]!.s === 'paused') break;
        await sleep(50);
      }
      const pausedAt = Date.now();
      try {
        const added = await employer(true);
        await writeHeartbeat(t.deps.db);
        const fresh = await rates();
        expect(fresh.source).toBe('primary');
        expect(fresh.body.total.employers).toBe(before.body.total.employers + 1);
        expect((await whiteCsv()).text).toContain(added);

        // Within the 30 s limit the standby still answers — the figures of before the pause.
        t.deps.reads = replica(30);
        const stale = await rates();
        expect(stale.source).toBe('standby');
        expect(stale.body.total.employers).toBe(before.body.total.employers);
        const staleCsv = await whiteCsv();
        expect(staleCsv.source).toBe('standby');
        expect(staleCsv.text).not.toContain(added);

        // Over a 1 s limit the primary answers, and says why.
        const strict = replica(1);
        t.deps.reads = strict;
        await sleep(Math.max(0, 1_300 - (Date.now() - pausedAt)));
        let pick = await strict.pick();
        for (let i = 0; i < 50 && pick.fallbackReason !== 'lag_exceeded'; i++) {
          await sleep(100);
          pick = await strict.pick();
        }
        expect(pick).toMatchObject({ source: 'primary', fallbackReason: 'lag_exceeded' });
        expect(pick.db).toBe(t.deps.db);
        const source = await readSource();
        expect(source).toMatchObject({ source: 'primary', fallbackReason: 'lag_exceeded' });
        expect(source.lagSeconds).toBeGreaterThan(1);
        const fallback = await rates();
        expect(fallback.source).toBe('primary');
        expect(fallback.body).toEqual(fresh.body);
        const fallbackCsv = await whiteCsv();
        expect(fallbackCsv.source).toBe('primary');
        expect(fallbackCsv.text).toContain(added);
      } finally {
        await standbyAdmin.query('select pg_wal_replay_resume()');
      }
      // Replay resumed: the standby catches up and answers the new figures.
      await caughtUp();
      t.deps.reads = replica(30);
      const after = await rates();
      expect(after.source).toBe('standby');
      expect(after.body.total.employers).toBe(before.body.total.employers + 1);
    });
  },
);
