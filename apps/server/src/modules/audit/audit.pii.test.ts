/**
 * No personal data in the audit trail (issue 11, item 6). Every write route that carries a phone
 * number runs, then the whole database is scanned for the numbers in plain text: on PostgreSQL in the
 * output of the real pg_dump, on both databases by reading every column of every table as text.
 *
 * The one exclusion is organisation.contact_phone: an organisation's business contact number, stored
 * plain by design (docs/SECURITY.md § Personal data). Users' phones are encrypted in app_user, and the
 * audit trail must never hold any of them, nor a user's e-mail address.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sanitiseAuditValue } from '../../platform/audit.js';
import {
  createTestContext,
  orgId,
  testDbKind,
  type Client,
  type TestContext,
} from '../../../test/helpers.js';

const PHONES = {
  userCreate: '13911110001',
  userPatch: '13911110002',
  orgCreate: '13911110003',
  orgPatch: '13911110004',
  orgImport: '13911110005',
  orgImportRejected: '13911110006',
};
const EMAILS = ['pii.create@example.com', 'pii.patch@example.com'];
const EXCLUDED = { table: 'organisation', column: 'contact_phone' };

let t: TestContext;
let sys: Client;
let province: Client;
beforeAll(async () => {
  t = await createTestContext();
  sys = await t.login('demo-sysadmin');
  province = await t.login('demo-province');
});
afterAll(async () => t.close());

const uploadCsv = (c: Client, csv: string) => {
  const boundary = '----ohp-pii-boundary';
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/organisations/import',
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="pii.csv"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      Buffer.from(csv, 'utf8'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-csrf-token': c.csrfToken! },
    cookies: { ohp_sid: c.sessionToken! },
  });
};

/** Every row of every table as text, organisation.contact_phone left out. */
const tableText = async (): Promise<Map<string, string>> => {
  const cols = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
    order by c.table_name, c.ordinal_position`.execute(t.deps.db);
  const byTable = new Map<string, string[]>();
  for (const c of cols.rows)
    if (!(c.table_name === EXCLUDED.table && c.column_name === EXCLUDED.column))
      byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c.column_name]);
  const out = new Map<string, string>();
  for (const [table, columns] of byTable) {
    const list = columns.map((c) => `coalesce(${JSON.stringify(c)}::text, '')`).join(` || '|' || `);
    const rows = await sql<{
      line: string;
    }>`select ${sql.raw(list)} as line from ${sql.table(table)}`.execute(t.deps.db);
    out.set(table, rows.rows.map((r) => r.line).join('\n'));
  }
  return out;
};

/** pg_dump found the way scripts/with-postgres.sh finds initdb: OHP_PG_DUMP, PATH, /usr/lib/postgresql. */
const pgDumpBinary = (): string => {
  if (process.env.OHP_PG_DUMP) return process.env.OHP_PG_DUMP;
  try {
    return execFileSync('sh', ['-c', 'command -v pg_dump'], { encoding: 'utf8' }).trim();
  } catch {
    const base = '/usr/lib/postgresql';
    const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(a) - Number(b)) : [];
    const found = versions.map((v) => `${base}/${v}/bin/pg_dump`).filter((p) => existsSync(p));
    if (!found.length) throw new Error('pg_dump not found (install postgresql)');
    return found.at(-1)!;
  }
};

/** The plain-format dump with the excluded column blanked in its COPY block. */
const pgDump = async (): Promise<{ raw: string; scanned: string }> => {
  const name = (await sql<{ db: string }>`select current_database() as db`.execute(t.deps.db)).rows[0]!.db;
  const url = new URL(process.env.OHP_TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  const dump = execFileSync(pgDumpBinary(), ['--no-owner', '--dbname', url.toString()], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  const out: string[] = [];
  let blank = -1;
  for (const line of dump.split('\n')) {
    const copy = /^COPY public\.(\w+) \((.*)\) FROM stdin;$/.exec(line);
    if (copy) blank = copy[1] === EXCLUDED.table ? copy[2]!.split(', ').indexOf(EXCLUDED.column) : -1;
    else if (line === '\\.') blank = -1;
    else if (blank >= 0) {
      const cells = line.split('\t');
      cells[blank] = '';
      out.push(cells.join('\t'));
      continue;
    }
    out.push(line);
  }
  return { raw: dump, scanned: out.join('\n') };
};

describe('personal data in the audit trail', () => {
  it('masks phones, e-mail addresses and ID numbers by field name and by content', () => {
    expect(
      sanitiseAuditValue({
        phone: '13812345678',
        contact_phone: '13812345678',
        contactPhone: '0431-88881234',
        email: 'zhang.san@example.com',
        idNumber: '11010519491231002X',
        phone_enc: 'v1.abc',
        password: 'secret',
        must_change_password: true,
        credit_code: '911100001000012345',
        note: '联系 13812345678 或 zhang@example.com，身份证 11010519491231002X',
        nested: [{ mobile: 13812345678 }],
      }),
    ).toEqual({
      phone: '138****5678',
      contact_phone: '138****5678',
      contactPhone: '043****1234',
      email: 'z***@example.com',
      idNumber: '110105********002X',
      phone_enc: expect.stringMatching(/^\[encrypted:[0-9a-f]{16}\]$/) as unknown,
      password: '[redacted]',
      must_change_password: true,
      credit_code: '911100001000012345',
      note: '联系 138****5678 或 z***@example.com，身份证 110105********002X',
      nested: [{ mobile: '138****5678' }],
    });
  });

  it('leaves no phone number in plain text anywhere in the database after every route that carries one', async () => {
    const employer = await orgId(t.deps, { kind: 'employer', region: '220102' });
    const created = await sys.post('/api/v1/users', {
      username: 'pii.user',
      displayName: '隐私测试',
      organisationId: employer,
      roleKeys: ['employer_staff'],
      phone: PHONES.userCreate,
      email: EMAILS[0],
    });
    expect(created.status).toBe(201);
    const userId = (created.body.user as { id: number }).id;
    expect(
      (await sys.patch(`/api/v1/users/${userId}`, { phone: PHONES.userPatch, email: EMAILS[1] })).status,
    ).toBe(200);
    const revealed = await sys.post(`/api/v1/users/${userId}/reveal-phone`);
    expect(revealed.body).toEqual({ phone: PHONES.userPatch });

    const org = await province.post('/api/v1/organisations', {
      name: '隐私测试有限公司',
      kind: 'employer',
      regionCode: '220102',
      contactName: '李四',
      contactPhone: PHONES.orgCreate,
    });
    expect(org.status).toBe(201);
    const orgIdCreated = Number(org.body.id);
    expect(
      (await province.patch(`/api/v1/organisations/${orgIdCreated}`, { contactPhone: PHONES.orgPatch }))
        .status,
    ).toBe(200);
    const imported = await uploadCsv(
      province,
      '单位名称,单位类型,行政区划代码,联系人,联系电话\r\n' +
        `隐私导入测试单位,用人单位,220102,王五,${PHONES.orgImport}\r\n` +
        `坏行,不存在的类型,220102,赵六,${PHONES.orgImportRejected}\r\n`,
    );
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ accepted: 1, rejected: 1 });

    // The audit entries say what changed, masked.
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('entity_id', 'in', [String(userId), String(orgIdCreated)])
      .execute();
    const text = JSON.stringify(audit);
    expect(text).toContain('139****0002');
    expect(text).toContain('139****0004');
    for (const e of EMAILS) expect(text).not.toContain(e);

    // The scan sees the data: the excluded column does hold the organisation's number.
    const contact = await t.deps.db
      .selectFrom('organisation')
      .select('contact_phone')
      .where('organisation_id', '=', orgIdCreated)
      .executeTakeFirstOrThrow();
    expect(contact.contact_phone).toBe(PHONES.orgPatch);

    const tables = await tableText();
    expect(tables.get('app_user')).toContain(EMAILS[1]);
    const found: string[] = [];
    for (const [table, content] of tables)
      for (const p of Object.values(PHONES)) if (content.includes(p)) found.push(`${table}: ${p}`);
    for (const e of EMAILS) if (tables.get('audit_log')!.includes(e)) found.push(`audit_log: ${e}`);
    expect(found).toEqual([]);

    if (testDbKind() === 'postgresql') {
      const { raw, scanned } = await pgDump();
      expect(raw).toContain(PHONES.orgPatch);
      expect(scanned).toContain('COPY public.audit_log');
      expect(Object.values(PHONES).filter((p) => scanned.includes(p))).toEqual([]);
      const audit = scanned.slice(scanned.indexOf('COPY public.audit_log'));
      expect(EMAILS.filter((e) => audit.slice(0, audit.indexOf('\n\\.\n')).includes(e))).toEqual([]);
    }
  });
});
