/**
 * Forward-only SQL migrations from apps/server/migrations (NNNN_name.sql), each applied once in its own
 * transaction and recorded in schema_migration. Never edit a merged migration: add a new one.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './db.js';

/** Finds the migrations folder from the source tree (src/platform) or the bundle (dist/). */
export const migrationsDir = (): string => {
  const candidates = [
    process.env.OHP_MIGRATIONS_DIR,
    fileURLToPath(new URL('../../migrations/', import.meta.url)),
    fileURLToPath(new URL('../migrations/', import.meta.url)),
  ].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`migrations folder not found (looked in ${candidates.join(', ')})`);
  return found;
};

export const migrate = async (database: Database): Promise<string[]> => {
  await database.execScript(
    'CREATE TABLE IF NOT EXISTS schema_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const dir = migrationsDir();
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort();
  const applied = new Set(
    (await database.db.selectFrom('schema_migration').select('name').execute()).map((r) => r.name),
  );
  const done: string[] = [];
  for (const file of files) {
    if (applied.has(file)) continue;
    const body = readFileSync(`${dir}/${file}`, 'utf8');
    // One transaction per file; a lock stops two app servers migrating at once.
    await database.execScript(
      `BEGIN;\nSELECT pg_advisory_xact_lock(72201);\n${body}\nINSERT INTO schema_migration (name) VALUES ('${file}');\nCOMMIT;`,
    );
    done.push(file);
  }
  await sql`select 1`.execute(database.db);
  return done;
};
