/**
 * A fresh PostgreSQL database for a bench run (under scripts/with-postgres.sh, which sets
 * OHP_TEST_DATABASE_URL): created empty, its URL returned with the function that drops it.
 */
import pg from 'pg';

const run = async (adminUrl: string, statement: string) => {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
};

export const freshDatabase = async (
  adminUrl: string | null,
  name: string,
): Promise<{ url: string; drop: () => Promise<void> }> => {
  if (!adminUrl)
    throw new Error('postgresql needs OHP_TEST_DATABASE_URL (run under scripts/with-postgres.sh)');
  await run(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await run(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
};
