/**
 * Two database roles on PostgreSQL (issue 11, item 5): an owner role runs the migrations and grants;
 * the runtime role the server uses can read and append to audit_log and nothing else — no UPDATE,
 * DELETE, TRUNCATE, and no ALTER TABLE … DISABLE TRIGGER. Runs only on the PostgreSQL server that
 * scripts/with-postgres.sh starts (OHP_TEST_DB=postgresql).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain, writeAudit } from '../../platform/audit.js';
import type { Deps } from '../../platform/http/types.js';
import { openAndPrepare } from '../../server.js';
import { ensureExamCardPartitions, examCardPartitions } from '../exam-reports/index.js';
import { testConfig, testDbKind } from '../../../test/helpers.js';

const onPg = testDbKind() === 'postgresql';
const suffix = randomBytes(4).toString('hex');
const names = { db: `ohp_roles_${suffix}`, owner: `ohp_owner_${suffix}`, runtime: `ohp_app_${suffix}` };
const dir = mkdtempSync(join(tmpdir(), 'ohp-roles-'));
const ctx = { userId: null, username: 'roles-test', organisationId: null, ip: null, requestId: null };

const admin = async (text: string) => {
  const c = new pg.Client({ connectionString: process.env.OHP_TEST_DATABASE_URL });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
};
const urlAs = (role: string) => {
  const u = new URL(process.env.OHP_TEST_DATABASE_URL!);
  u.username = role;
  u.pathname = `/${names.db}`;
  return u.toString();
};

let deps: Deps;
beforeAll(async () => {
  if (!onPg) return;
  await admin(`CREATE ROLE ${names.owner} LOGIN`);
  await admin(`CREATE ROLE ${names.runtime} LOGIN`);
  await admin(`CREATE DATABASE ${names.db} OWNER ${names.owner}`);
  deps = await openAndPrepare(
    testConfig({
      DATABASE_URL: urlAs(names.runtime),
      OHP_DATABASE_OWNER_URL: urlAs(names.owner),
      OHP_DATA_DIR: dir,
    }),
  );
});
afterAll(async () => {
  if (onPg) {
    await deps?.database.close();
    await admin(`DROP DATABASE IF EXISTS ${names.db} WITH (FORCE)`);
    await admin(`DROP ROLE IF EXISTS ${names.runtime}`);
    await admin(`DROP ROLE IF EXISTS ${names.owner}`);
  }
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!onPg)('database roles on PostgreSQL', () => {
  it('migrates as the owner and serves as the runtime role, which owns nothing', async () => {
    const who = await sql<{ role: string }>`select current_user as role`.execute(deps.db);
    expect(who.rows[0]!.role).toBe(names.runtime);
    const owners = await sql<{ owner: string }>`
      select distinct tableowner as owner from pg_tables where schemaname = 'public'`.execute(deps.db);
    expect(owners.rows.map((r) => r.owner)).toEqual([names.owner]);
    // The runtime role does the application's work: seeding roles ran as it; it reads and appends.
    const roles = await deps.db.selectFrom('role').select('role_key').execute();
    expect(roles.length).toBeGreaterThan(5);
    await writeAudit(deps.db, ctx, { action: 'roles.test', after: { n: 1 } });
    await deps.db
      .transaction()
      .execute((trx) => writeAudit(trx, ctx, { action: 'roles.test', after: { n: 2 } }));
    expect(await verifyAuditChain(deps.db)).toMatchObject({ ok: true });
  });

  it('refuses UPDATE, DELETE, TRUNCATE and DISABLE TRIGGER on audit_log to the runtime role', async () => {
    await expect(sql`update audit_log set action = 'x'`.execute(deps.db)).rejects.toMatchObject({
      code: '42501',
      message: expect.stringMatching(/permission denied/) as unknown,
    });
    await expect(sql`delete from audit_log`.execute(deps.db)).rejects.toThrow(/permission denied/);
    await expect(sql`truncate audit_log`.execute(deps.db)).rejects.toThrow(/permission denied/);
    await expect(
      sql`alter table audit_log disable trigger audit_log_no_update`.execute(deps.db),
    ).rejects.toThrow(/must be owner/);
    await expect(sql`alter table audit_log disable trigger all`.execute(deps.db)).rejects.toThrow(
      /must be owner/,
    );
    await expect(sql`drop table audit_log`.execute(deps.db)).rejects.toThrow(/must be owner/);
    // Nor can it move the serial sequence, or touch the migration record.
    await expect(sql`select setval('audit_log_audit_log_id_seq', 1)`.execute(deps.db)).rejects.toThrow(
      /permission denied/,
    );
    await expect(sql`delete from schema_migration`.execute(deps.db)).rejects.toThrow(/permission denied/);
    expect(await verifyAuditChain(deps.db)).toMatchObject({ ok: true, checked: 2 });
  });

  it('runs the exam-card partitions job as the runtime role: the owner creates the years (migration 0050)', async () => {
    // The job's function runs with its owner's rights: the runtime role cannot create a table itself.
    await expect(sql`create table exam_card_y2090 (like exam_card)`.execute(deps.db)).rejects.toThrow(
      /permission denied/,
    );
    expect(await ensureExamCardPartitions(deps.db, '2040-06-01')).toEqual([2040, 2041]);
    expect(await ensureExamCardPartitions(deps.db, '2040-06-01')).toEqual([]);
    const parts = await examCardPartitions(deps.db);
    expect(parts.map((p) => p.name)).toEqual(expect.arrayContaining(['exam_card_y2040', 'exam_card_y2041']));
    const owner = await sql<{ owner: string }>`
      select tableowner as owner from pg_tables where tablename = 'exam_card_y2040'`.execute(deps.db);
    expect(owner.rows).toEqual([{ owner: names.owner }]);
    // Through the parent the runtime role reads the new year as any other.
    const n = await sql<{ n: string }>`
      select count(*) as n from exam_card where exam_date >= '2040-01-01' and exam_date < '2041-01-01'`.execute(
      deps.db,
    );
    expect(Number(n.rows[0]!.n)).toBe(0);
  });

  it('refuses to start when the runtime role is the owner', async () => {
    await expect(
      openAndPrepare(
        testConfig({
          DATABASE_URL: urlAs(names.owner),
          OHP_DATABASE_OWNER_URL: urlAs(names.owner),
          OHP_DATA_DIR: dir,
        }),
      ),
    ).rejects.toThrow(/same role/);
  });
});
