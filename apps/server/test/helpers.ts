/**
 * Test harness: a real database per test file — in-memory PGlite by default, or a fresh database on
 * the PostgreSQL server that scripts/with-postgres.sh started when OHP_TEST_DB=postgresql — migrated,
 * optionally seeded with the demo province at test scale, and the real HTTP app driven with inject().
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/platform/db.js';
import type { DB } from '../src/platform/db-types.js';
import pg from 'pg';
import { inject } from 'vitest';
import { seedDemoProvince } from '../src/demo/seed.js';
import { seedDemoExamCards } from '../src/demo/exam-cards.js';
import { seedDemoModules } from '../src/demo/modules.js';
import { attachAuditTrail, auditCheckpointFile, auditKeyFrom } from '../src/platform/audit.js';
import { loadConfig, type Config } from '../src/platform/config.js';
import { createCrypto } from '../src/platform/crypto.js';
import { openPglite, openPostgres } from '../src/platform/db.js';
import type { RouteRecord } from '../src/platform/http/app.js';
import type { SessionCache } from '../src/platform/authz/session.js';
import type { LazyCompiles } from '../src/platform/http/validation.js';
import type { AppInstance, Deps } from '../src/platform/http/types.js';
import { migrate } from '../src/platform/migrate.js';
import { JobRunner } from '../src/platform/jobs/runner.js';
import { openReadReplica } from '../src/platform/read-replica.js';
import { appVersion, createHttpApp, syncBuiltInRoles } from '../src/server.js';
import { syncShippedCalendar } from '../src/modules/calendar/index.js';

export const DEMO_PASSWORD = 'Test@Demo2026';

export const testDbKind = (): 'pglite' | 'postgresql' =>
  process.env.OHP_TEST_DB === 'postgresql' ? 'postgresql' : 'pglite';

export const testConfig = (overrides: Record<string, string> = {}): Config =>
  loadConfig(
    {
      OHP_DEMO_PASSWORD: DEMO_PASSWORD,
      OHP_DATA_KEY: randomBytes(32).toString('base64'),
      OHP_API_RATE_LIMIT: '100000',
      OHP_LOGIN_RATE_LIMIT: '100000',
      // Uploads answer with their report, not 202, unless a test sets a shorter wait (a loaded CI
      // machine must not turn a small import into a 202).
      OHP_IMPORT_WAIT_SECONDS: '120',
      ...overrides,
    },
    { dotenv: false },
  );

/** A test database, with its name on the PostgreSQL server (null on PGlite). */
type OpenedDatabase = { database: Database; drop: () => Promise<void>; name: string | null };

export const openTestDatabase = async (): Promise<OpenedDatabase> => {
  if (testDbKind() === 'pglite') {
    const database = await openPglite(null);
    return { database, drop: async () => {}, name: null };
  }
  const name = `ohp_test_${randomBytes(6).toString('hex')}`;
  const database = await createPostgresDatabase(name);
  return { database, drop: () => dropPostgresDatabase(name), name };
};

/**
 * The URL of a test database's copy on the streaming-replication standby that `OHP_PG_STANDBY=1
 * scripts/with-postgres.sh` starts (OHP_TEST_DATABASE_READ_URL, the same superuser): a database
 * created on the primary replicates under the same name. Null without a standby or on PGlite.
 */
export const standbyUrlOf = (databaseName: string | null): string | null => {
  const base = process.env.OHP_TEST_DATABASE_READ_URL;
  if (!base || !databaseName || testDbKind() !== 'postgresql') return null;
  const url = new URL(base);
  url.pathname = `/${databaseName}`;
  return url.toString();
};

/** One statement on the PostgreSQL server scripts/with-postgres.sh started (CREATE/DROP DATABASE …). */
export const adminQuery = async (statement: string): Promise<void> => {
  const c = new pg.Client({ connectionString: process.env.OHP_TEST_DATABASE_URL });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
};

const dropPostgresDatabase = (name: string): Promise<void> =>
  adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);

export type TestContext = {
  deps: Deps;
  app: AppInstance;
  routes: RouteRecord[];
  /** The app's session cache (session-cache.test.ts). */
  sessions: SessionCache;
  /** The app's route schemas, compiled on first use (platform/http/validation.ts LazyCompiles). */
  schemas: LazyCompiles;
  /** This context's database on the PostgreSQL server (null on PGlite): see standbyUrlOf. */
  databaseName: string | null;
  login: (username: string, password?: string) => Promise<Client>;
  anonymous: () => Client;
  close: () => Promise<void>;
};

/** What a context's database starts from: migrated only, the demo province, or that plus a year of cards. */
type Variant = { seed: boolean; examCards: boolean; demoPassword: string };

/** The state every context shares before it diverges: migrations, built-in roles, holidays, demo data. */
const populate = async (deps: Deps, v: Variant): Promise<void> => {
  if (v.seed) await seedDemoProvince(deps.db, { scale: 'test', password: v.demoPassword });
  if (v.seed && v.examCards) {
    await seedDemoExamCards(deps, { scale: 'test' });
    await seedDemoModules(deps, { scale: 'test' });
  }
};

const prepareSchema = async (database: Database): Promise<void> => {
  await migrate(database);
  await syncBuiltInRoles(database);
  // As at start-up (server.ts): the shipped holidays and make-up workdays into the calendar table.
  await syncShippedCalendar(database.db);
};

const openDeps = async (database: Database, config: Config, auditDir: string): Promise<Deps> => {
  await attachAuditTrail(database, {
    key: auditKeyFrom(Buffer.from(config.dataKey!, 'base64'), config.audit.key),
    checkpointFile: auditCheckpointFile(auditDir),
    checkpointEvery: config.audit.checkpointEvery,
    checkpointMinutes: config.audit.checkpointMinutes,
  });
  return {
    config,
    database,
    db: database.db,
    crypto: createCrypto(Buffer.from(config.dataKey!, 'base64')),
    version: appVersion(),
    jobs: new JobRunner(database.db, { pollMs: 50 }),
    reads: openReadReplica(config, database),
  };
};

/**
 * A template: the database of a variant, built once per test run and copied for each context that
 * asks for it — migrating and seeding took 5–10 s of every test file (≈ 100 files, twice: PGlite and
 * PostgreSQL). On PGlite a tarball of the data directory (`dumpDataDir`, opened with `loadDataDir`);
 * on PostgreSQL a database that each file's is created from (`CREATE DATABASE … TEMPLATE`). The data
 * key travels with it (personal data in the seed is encrypted under it) and so does the audit trail's
 * checkpoint file, so a context from a template is the same as a server restarted on that database.
 * The run directory comes from the global setup (test/global-setup.ts); without one (a package's own
 * vitest config), or with an env that sets the keys, each context is built from scratch as before.
 */
type Template = { dataKey: string; checkpointFile: string; dump?: string; pgDatabase?: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const templateName = (v: Variant) =>
  `${testDbKind()}-${v.seed ? (v.examCards ? 'cards' : 'seed') : 'bare'}-${createHash('sha256').update(v.demoPassword).digest('hex').slice(0, 8)}`;

const buildTemplate = async (dir: string, name: string, v: Variant): Promise<Template> => {
  const config = testConfig();
  const auditDir = join(dir, `${name}.audit`);
  mkdirSync(auditDir, { recursive: true });
  let database: Database;
  let pgDatabase: string | undefined;
  if (testDbKind() === 'pglite') database = await openPglite(null);
  else {
    pgDatabase = `ohp_tpl_${randomBytes(6).toString('hex')}`;
    database = await createPostgresDatabase(pgDatabase);
  }
  await prepareSchema(database);
  const deps = await openDeps(database, config, auditDir);
  await populate(deps, v);
  let dump: string | undefined;
  if (database.dump) {
    dump = join(dir, `${name}.tar`);
    writeFileSync(dump, Buffer.from(await (await database.dump()).arrayBuffer()));
  }
  // Closing ends every connection (a PostgreSQL template must have none) and writes the trail's
  // shutdown checkpoint, as a server stopping would. No connections after that (autovacuum included,
  // which would make a CREATE DATABASE … TEMPLATE wait).
  await database.close();
  if (pgDatabase) await adminQuery(`ALTER DATABASE ${pgDatabase} WITH ALLOW_CONNECTIONS false`);
  return {
    dataKey: config.dataKey!,
    checkpointFile: auditCheckpointFile(auditDir),
    ...(dump && { dump }),
    ...(pgDatabase && { pgDatabase }),
  };
};

/** The run's template of the variant: built by the first file that asks, waited for by the others. */
const templateOf = async (v: Variant): Promise<Template | null> => {
  const dir = inject('ohpTestRunDir');
  if (!dir) return null;
  const name = templateName(v);
  const metaFile = join(dir, `${name}.json`);
  const failedFile = join(dir, `${name}.failed`);
  const read = () => JSON.parse(readFileSync(metaFile, 'utf8')) as Template;
  if (existsSync(metaFile)) return read();
  try {
    mkdirSync(join(dir, `${name}.lock`));
  } catch {
    // Another test file is building it.
    for (let i = 0; i < 1200; i++) {
      if (existsSync(metaFile)) return read();
      if (existsSync(failedFile)) return null;
      await sleep(250);
    }
    return null;
  }
  try {
    const t = await buildTemplate(dir, name, v);
    writeFileSync(`${metaFile}.tmp`, JSON.stringify(t));
    renameSync(`${metaFile}.tmp`, metaFile);
    return t;
  } catch (err) {
    writeFileSync(failedFile, String(err));
    throw err;
  }
};

const createPostgresDatabase = async (name: string, template?: string): Promise<Database> => {
  const adminUrl = process.env.OHP_TEST_DATABASE_URL;
  if (!adminUrl)
    throw new Error(
      'OHP_TEST_DB=postgresql needs OHP_TEST_DATABASE_URL (run through scripts/with-postgres.sh)',
    );
  await adminQuery(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return openPostgres(url.toString(), 5);
};

const openFromTemplate = async (tpl: Template): Promise<OpenedDatabase> => {
  if (tpl.dump) {
    const database = await openPglite(null, { load: new Blob([readFileSync(tpl.dump)]) });
    return { database, drop: async () => {}, name: null };
  }
  const name = `ohp_test_${randomBytes(6).toString('hex')}`;
  const database = await createPostgresDatabase(name, tpl.pgDatabase);
  return { database, drop: () => dropPostgresDatabase(name), name };
};

export const createTestContext = async (
  opts: {
    seed?: boolean;
    env?: Record<string, string>;
    demoPassword?: string;
    /**
     * Also the demo year of exam cards (test scale), reviewed by the demo regulators, and the demo data
     * of the modules built on them (demo/modules.ts).
     */
    examCards?: boolean;
  } = {},
): Promise<TestContext> => {
  const demoPassword = opts.demoPassword ?? DEMO_PASSWORD;
  const variant: Variant = { seed: opts.seed !== false, examCards: Boolean(opts.examCards), demoPassword };
  const ownKeys = Object.keys(opts.env ?? {}).some((k) => /^OHP_(DATA_KEYS?|AUDIT_KEY)$/.test(k));
  const tpl = ownKeys ? null : await templateOf(variant);
  const config = testConfig({ ...(tpl && { OHP_DATA_KEY: tpl.dataKey }), ...opts.env });
  // The audit trail's checkpoints go to a directory of this context's own (never ./data).
  const auditDir = mkdtempSync(join(tmpdir(), 'ohp-audit-'));
  let opened: OpenedDatabase;
  if (tpl) {
    opened = await openFromTemplate(tpl);
    copyFileSync(tpl.checkpointFile, auditCheckpointFile(auditDir));
  } else {
    opened = await openTestDatabase();
    await prepareSchema(opened.database);
  }
  const { database, drop } = opened;
  const deps = await openDeps(database, config, auditDir);
  if (!tpl) await populate(deps, variant);
  const { app, routes, sessions, schemas } = await createHttpApp(deps);
  await deps.jobs.start();
  const anonymous = () => new Client(app, null, null);
  return {
    deps,
    app,
    routes,
    sessions,
    schemas,
    databaseName: opened.name,
    anonymous,
    login: async (username, password = demoPassword) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'ohp_sid');
      return new Client(app, cookie?.value ?? null, res.json<{ csrfToken: string }>().csrfToken);
    },
    close: async () => {
      await deps.jobs.stop();
      await app.close();
      await database.close();
      await drop();
      rmSync(auditDir, { recursive: true, force: true });
    },
  };
};

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A signed-in (or anonymous) API client over app.inject, sending the session cookie and CSRF token. */
export class Client {
  constructor(
    readonly app: AppInstance,
    readonly sessionToken: string | null,
    readonly csrfToken: string | null,
  ) {}

  async request(method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}) {
    const res = await this.app.inject({
      method,
      url,
      ...(payload !== undefined && { payload: payload as Record<string, unknown> }),
      headers: {
        ...(this.csrfToken && { 'x-csrf-token': this.csrfToken }),
        ...headers,
      },
      ...(this.sessionToken && { cookies: { ohp_sid: this.sessionToken } }),
    });
    return {
      status: res.statusCode,
      body: res.body ? (safeJson(res.body) as Record<string, unknown>) : {},
      raw: res,
    };
  }
  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, payload?: unknown, headers?: Record<string, string>) =>
    this.request('POST', url, payload ?? {}, headers);
  patch = (url: string, payload?: unknown) => this.request('PATCH', url, payload ?? {});
  put = (url: string, payload?: unknown) => this.request('PUT', url, payload ?? {});
  delete = (url: string) => this.request('DELETE', url);
}

const safeJson = (s: string): unknown => {
  try {
    return JSON.parse(s);
  } catch {
    return { text: s };
  }
};

/** Looks up an organisation id by name fragment and kind (test convenience, unscoped). */
export const orgId = async (
  deps: Deps,
  where: { kind: string; region?: string; name?: string },
): Promise<number> => {
  let q = deps.db
    .selectFrom('organisation')
    .select('organisation_id')
    .where('kind', '=', where.kind)
    .where('status', '=', 'active');
  if (where.region) q = q.where('region_code', 'like', `${where.region}%`);
  if (where.name) q = q.where('name', 'like', `%${where.name}%`);
  const r = await q.orderBy('organisation_id').limit(1).executeTakeFirstOrThrow();
  return r.organisation_id;
};

/** A multipart/form-data body carrying one file in the field `file` (uploads in route tests). */
export const multipartFile = (buf: Buffer, filename: string): { payload: Buffer; contentType: string } => {
  const boundary = '----ohp-test-boundary';
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      buf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
};

/**
 * A trigger refusing inserts into `table` of the rows matching `when` (SQL about NEW) with "refused by
 * the test" until `allow()`: a chunk that fails on its first attempt and passes on the retry. `drop()`
 * removes it (call it in `finally`).
 */
export const refuseInserts = async (
  db: Kysely<DB>,
  table: string,
  when: string,
): Promise<{ allow: () => Promise<void>; drop: () => Promise<void> }> => {
  await sql`CREATE TABLE test_refusal_switch (on_ boolean)`.execute(db);
  await sql`INSERT INTO test_refusal_switch VALUES (true)`.execute(db);
  await sql`
    CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF (${sql.raw(when)}) AND (SELECT on_ FROM test_refusal_switch) THEN
        RAISE EXCEPTION 'refused by the test';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`CREATE TRIGGER test_refuse BEFORE INSERT ON ${sql.table(table)}
    FOR EACH ROW EXECUTE FUNCTION test_refuse()`.execute(db);
  return {
    allow: async () => {
      await sql`UPDATE test_refusal_switch SET on_ = false`.execute(db);
    },
    drop: async () => {
      await sql`DROP TRIGGER test_refuse ON ${sql.table(table)}`.execute(db);
      await sql`DROP FUNCTION test_refuse()`.execute(db);
      await sql`DROP TABLE test_refusal_switch`.execute(db);
    },
  };
};
