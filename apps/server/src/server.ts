/**
 * Composition: config → database → migrations → built-in roles → (demo seed) → HTTP app. Used by
 * main.ts, the CLI and the tests, so all three run the same start-up.
 */
import { readFileSync } from 'node:fs';
import { builtInRoles } from '@ohp/contracts';
import { sql } from 'kysely';
import { buildApp } from './platform/http/app.js';
import type { Config } from './platform/config.js';
import { createCrypto, loadKeyring, rootKeyOf, type Keyring } from './platform/crypto.js';
import { openDatabase, type Database } from './platform/db.js';
import { analyzeStale, analyzeTables } from './platform/statistics.js';
import { migrate } from './platform/migrate.js';
import { JobRunner } from './platform/jobs/runner.js';
import { attachAuditTrail, auditCheckpointFile, auditKeyFrom } from './platform/audit.js';
import { migrateAsOwner } from './platform/db-roles.js';
import { openReadReplica } from './platform/read-replica.js';
import type { Deps } from './platform/http/types.js';
import { registerModules } from './modules/index.js';
import { syncShippedCalendar } from './modules/calendar/index.js';
import { classifyEmployers } from './modules/employers/index.js';
import { backfillOrganisationSortKeys } from './modules/organisations/index.js';

export const appVersion = (): string => {
  // From src/ (tsx) or dist/ (bundle): the root package.json is two or three levels up.
  for (const rel of ['../../../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as {
        name?: string;
        version: string;
      };
      if (pkg.name === 'occupational-health-platform') return pkg.version;
    } catch {
      // try the next candidate
    }
  }
  return '0.0.0';
};

/** Built-in roles are data kept in step with the contracts at every start; custom roles are left alone. */
export const syncBuiltInRoles = async (database: Database): Promise<void> => {
  for (const r of builtInRoles) {
    await database.db
      .insertInto('role')
      .values({
        role_key: r.key,
        name_zh: r.nameZh,
        name_en: r.nameEn,
        duty: r.duty,
        built_in: true,
        permissions: [...r.permissions],
      })
      .onConflict((oc) =>
        oc.column('role_key').doUpdateSet({
          name_zh: r.nameZh,
          name_en: r.nameEn,
          duty: r.duty,
          built_in: true,
          permissions: [...r.permissions],
          updated_at: sql`now()`,
        }),
      )
      .execute();
  }
};

export const openAndPrepare = async (
  config: Config,
  opts: { dataDir?: string | null; thread?: 'inline' | 'worker' } = {},
): Promise<Deps> => {
  const dataDir = opts.dataDir === undefined ? config.dataDir : opts.dataDir;
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: dataDir ? `${dataDir}/pglite` : null,
    thread: opts.thread ?? 'inline',
  });
  let keys: Keyring;
  let applied: string[] = [];
  try {
    // With an owner role configured, migrations and grants run as the owner; requests as DATABASE_URL.
    if (config.databaseUrl && config.databaseOwnerUrl)
      await migrateAsOwner(config.databaseOwnerUrl, database);
    else applied = await migrate(database);
    await syncBuiltInRoles(database);
    // Data the migrations cannot compute in SQL (the organisations' pinyin sort keys, 0006), before
    // the first request; a no-op once every row has its key.
    await backfillOrganisationSortKeys(database.db);
    // Every employer organisation has its base-database profile, classified by industry risk, with its
    // first version (modules/employers); a no-op once every profile is classified.
    await classifyEmployers(database.db);
    // The shipped holidays and make-up workdays into the calendar table, a year once (modules/calendar).
    await syncShippedCalendar(database.db);
    // Fresh tables and columns have no planner statistics until analysed (PGlite never does it itself:
    // at start it analyses the tables never analysed or grown since).
    if (applied.length) await analyzeTables(database.db);
    else if (database.kind === 'pglite') await analyzeStale(database.db);
    keys = loadKeyring(config, dataDir ?? config.dataDir);
    await attachAuditTrail(database, {
      // Key 1's, whatever the newest key: the chain is verified with one key (crypto.ts, rotation).
      key: auditKeyFrom(rootKeyOf(keys), config.audit.key),
      // An in-memory database has no data directory to keep its checkpoints in.
      checkpointFile: dataDir || config.databaseUrl ? auditCheckpointFile(dataDir ?? config.dataDir) : null,
      checkpointEvery: config.audit.checkpointEvery,
      checkpointMinutes: config.audit.checkpointMinutes,
    });
  } catch (err) {
    await database.close();
    throw err;
  }
  if (config.databaseReadUrl && database.kind === 'pglite')
    console.warn('DATABASE_READ_URL is ignored: the database is PGlite (no DATABASE_URL)');
  // Two jobs at a time: a long import does not hold back a small one (the machine has two cores).
  const jobs = new JobRunner(database.db, {
    concurrency: 2,
    // PGlite's data directory is held by this one process: what it finds running at start died with
    // the previous one and resumes at once.
    exclusive: database.kind === 'pglite',
    staleMs: config.jobs.staleSeconds * 1000,
    onError: (job, err) => console.error(`job ${job.job_id ?? '?'} (${job.kind ?? 'poll'}) failed:`, err),
  });
  return {
    config,
    database,
    db: database.db,
    crypto: createCrypto(keys),
    version: appVersion(),
    jobs,
    // The standby's pool opens at the first pick (never in the CLI); closed with the app (app.ts).
    reads: openReadReplica(config, database),
  };
};

export const createHttpApp = (
  deps: Deps,
  opts: { webDist?: string | null; logger?: boolean | { stream: NodeJS.WritableStream } } = {},
) => buildApp({ deps, registerModules, webDist: opts.webDist ?? null, logger: opts.logger ?? false });
