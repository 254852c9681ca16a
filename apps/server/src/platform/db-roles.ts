/**
 * Two database roles on PostgreSQL (README § PostgreSQL, docs/SECURITY.md § Audit):
 * - the owner role (OHP_DATABASE_OWNER_URL) owns the schema and runs the migrations;
 * - the runtime role (DATABASE_URL) is what the server uses for requests. After every migration run
 *   the owner grants it SELECT, INSERT, UPDATE, DELETE on the application tables, but only SELECT and
 *   INSERT on audit_log and only SELECT on schema_migration. It owns nothing, so it cannot ALTER TABLE
 *   audit_log DISABLE TRIGGER, UPDATE, DELETE or TRUNCATE the audit trail.
 */
import { sql } from 'kysely';
import { openPostgres, type Database } from './db.js';
import { migrate } from './migrate.js';

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The GRANT script the owner runs for the runtime role (idempotent; new tables are picked up). */
export const runtimeGrantsSql = (role: string): string => {
  const r = ident(role);
  return [
    `GRANT USAGE ON SCHEMA public TO ${r};`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r};`,
    `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log FROM ${r};`,
    `REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON schema_migration FROM ${r};`,
    // nextval() for serial keys needs USAGE; setval() would need UPDATE, which it does not get.
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r};`,
  ].join('\n');
};

/**
 * Migrates through the owner connection and grants the runtime role (the user of `runtime`) its
 * privileges; refuses to start when the runtime role could still tamper with audit_log.
 */
export const migrateAsOwner = async (ownerUrl: string, runtime: Database): Promise<void> => {
  const who = await sql<{ role: string; superuser: boolean }>`
    select current_user as role, rolsuper as superuser from pg_roles where rolname = current_user`.execute(
    runtime.db,
  );
  const { role, superuser } = who.rows[0]!;
  const owner = await openPostgres(ownerUrl, 1);
  try {
    const ownerRole = (await sql<{ role: string }>`select current_user as role`.execute(owner.db)).rows[0]!
      .role;
    if (ownerRole === role)
      throw new Error('OHP_DATABASE_OWNER_URL and DATABASE_URL connect as the same role; use two roles');
    if (superuser)
      throw new Error(`the runtime role "${role}" (DATABASE_URL) is a superuser; use a plain role`);
    await migrate(owner);
    await owner.execScript(`BEGIN;\n${runtimeGrantsSql(role)}\nCOMMIT;`);
    // What the runtime role can still do to the audit trail, after the grants: nothing but read and add.
    const check = await sql<{ can_change: boolean; owns: boolean }>`
      select has_table_privilege(${role}, 'audit_log', 'UPDATE')
               or has_table_privilege(${role}, 'audit_log', 'DELETE')
               or has_table_privilege(${role}, 'audit_log', 'TRUNCATE') as can_change,
             pg_has_role(${role}, c.relowner, 'USAGE') as owns
      from pg_class c where c.oid = 'audit_log'::regclass`.execute(owner.db);
    const c = check.rows[0]!;
    if (c.can_change || c.owns)
      throw new Error(
        `the runtime role "${role}" can still change audit_log (${c.owns ? 'it owns it or is a member of its owner' : 'UPDATE/DELETE/TRUNCATE granted'}); see README § PostgreSQL`,
      );
  } finally {
    await owner.close();
  }
};
