/**
 * API tokens (issue 15 items 4 and 8): the management routes (list, create with the secret once,
 * revoke; own organisation only; audited without the secret) and bearer authentication (the token's
 * organisation and scopes, no CSRF, 401 api_token_invalid for revoked / expired / unknown, 403 on a route
 * outside its scopes or outside the integration routes, last use written at most once a minute), with
 * the cookie path left as it was.
 */
import { apiTokenScopes, examCardExample } from '@ohp/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiToken, buildStoredCard, buildUser, examCard } from '../../../test/factories.js';
import { createTestContext, orgId, type Client, type TestContext } from '../../../test/helpers.js';
import { writeAudit } from '../../platform/audit.js';
import { sha256 } from '../../platform/crypto.js';
import { buildApp } from '../../platform/http/app.js';
import { actorOf, auditContext } from '../../platform/http/types.js';

let t: TestContext;
let exam: Client;
let examUserId: number;
let examOrg: number;

const userId = async (username: string) =>
  (
    await t.deps.db
      .selectFrom('app_user')
      .select(['user_id', 'organisation_id'])
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
  ).user_id;

beforeAll(async () => {
  t = await createTestContext();
  exam = await t.login('demo-exam');
  examUserId = await userId('demo-exam');
  examOrg = (
    await t.deps.db
      .selectFrom('app_user')
      .select('organisation_id')
      .where('user_id', '=', examUserId)
      .executeTakeFirstOrThrow()
  ).organisation_id;
});
afterAll(async () => t.close());

type Created = { token: Record<string, unknown> & { id: number; prefix: string }; secret: string };

const create = async (body: Record<string, unknown>, c: Client = exam) =>
  c.post('/api/v1/api-tokens', { name: '体检系统', scopes: ['exam_reports:submit'], ...body });

const bearer = async (
  secret: string,
  method: 'GET' | 'POST' | 'DELETE' | 'PATCH',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) => {
  const res = await t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${secret}`, ...headers },
    ...(payload !== undefined && { payload: payload as Record<string, unknown> }),
  });
  return { status: res.statusCode, body: res.json<Record<string, unknown>>(), raw: res };
};
const reasonOf = (b: Record<string, unknown>) => (b.error as { reason?: string } | undefined)?.reason;

const postBatch = (secret: string, key: string, cards: unknown[]) =>
  bearer(secret, 'POST', '/api/v1/exam-reports/batches', { cards }, { 'idempotency-key': key });

const dayAfter = (days: number) =>
  new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

describe('managing tokens', () => {
  it('creates a token: the secret once, only its hash stored, the prefix shown, audited without the secret', async () => {
    const res = await create({
      name: '  体检管理系统  ',
      scopes: ['exam_reports:read', 'exam_reports:submit'],
    });
    expect(res.status).toBe(201);
    const { token, secret } = res.body as unknown as Created;
    expect(secret).toMatch(/^ohp_[0-9A-Za-z]{43}$/);
    expect(token).toMatchObject({
      name: '体检管理系统',
      scopes: ['exam_reports:submit', 'exam_reports:read'],
      effectiveScopes: ['exam_reports:submit', 'exam_reports:read'],
      prefix: secret.slice(0, 12),
      status: 'active',
      createdBy: { username: 'demo-exam' },
      lastUsedAt: null,
      revokedAt: null,
      abilities: { revoke: true },
    });
    // Default expiry: the end of the same day next year (Beijing time).
    expect(String(token.expiresAt).slice(0, 10)).toBe(dayAfter(365));
    const row = await t.deps.db
      .selectFrom('api_token')
      .selectAll()
      .where('api_token_id', '=', token.id)
      .executeTakeFirstOrThrow();
    expect(row.secret_sha256).toBe(sha256(secret));
    expect(row.organisation_id).toBe(examOrg);
    expect(JSON.stringify(row)).not.toContain(secret);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'api_token.create')
      .where('entity_id', '=', String(token.id))
      .executeTakeFirstOrThrow();
    expect(audit.actor_username).toBe('demo-exam');
    expect(audit.after).toMatchObject({ name: '体检管理系统', prefix: token.prefix });
    expect(JSON.stringify(audit)).not.toContain(secret);
    expect(JSON.stringify(audit)).not.toContain(sha256(secret));
    // The list never carries the secret either.
    const list = await exam.get('/api/v1/api-tokens');
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect(list.body).toMatchObject({ grantableScopes: ['exam_reports:submit', 'exam_reports:read'] });
    expect((list.body.data as Array<{ id: number }>).some((x) => x.id === token.id)).toBe(true);
  });

  it('refuses scopes of another kind, an expiry in the past or beyond two years, an empty name', async () => {
    const wrongKind = await create({ scopes: ['diagnosis_reports:submit'] });
    expect(wrongKind.status).toBe(400);
    expect(reasonOf(wrongKind.body)).toBe('api_token_scope_not_for_kind');
    const past = await create({ expiresOn: dayAfter(-1) });
    expect(past.status).toBe(400);
    expect(reasonOf(past.body)).toBe('api_token_expiry_past');
    const far = await create({ expiresOn: dayAfter(731) });
    expect(far.status).toBe(400);
    expect(reasonOf(far.body)).toBe('api_token_expiry_too_far');
    const max = await create({ expiresOn: dayAfter(730) });
    expect(max.status).toBe(201);
    const blank = await create({ name: '   ' });
    expect(blank.status).toBe(400);
    const admin = await create({ scopes: ['users:read'] });
    expect(admin.status).toBe(400);
    const none = await create({ scopes: [] });
    expect(none.status).toBe(400);
  });

  it('gives only scopes the creating user holds', async () => {
    await t.deps.db
      .insertInto('role')
      .values({
        role_key: 'exam_reader_tokens',
        name_zh: '体检查询与令牌（测试）',
        name_en: 'Exam reader with tokens (test)',
        duty: 'business',
        built_in: false,
        permissions: ['exam_reports:read', 'api_tokens:manage'],
      })
      .execute();
    const u = await buildUser(t.deps, { organisationId: examOrg, roleKeys: ['exam_reader_tokens'] });
    const c = await t.login(u.username);
    const list = await c.get('/api/v1/api-tokens');
    expect(list.body.grantableScopes).toEqual(['exam_reports:read']);
    const res = await create({ scopes: ['exam_reports:submit'] }, c);
    expect(res.status).toBe(403);
    expect(reasonOf(res.body)).toBe('api_token_scope_not_held');
    expect((await create({ scopes: ['exam_reports:read'] }, c)).status).toBe(201);
  });

  it('is refused to organisations that cannot hold tokens and to users without the permission', async () => {
    await t.deps.db
      .insertInto('role')
      .values({
        role_key: 'regulator_tokens',
        name_zh: '监管与令牌（测试）',
        name_en: 'Regulator with tokens (test)',
        duty: 'business',
        built_in: false,
        permissions: ['exam_reports:read', 'exam_reports:submit', 'api_tokens:manage'],
      })
      .execute();
    const regulatorOrg = await orgId(t.deps, { kind: 'health_commission', region: '22' });
    const u = await buildUser(t.deps, { organisationId: regulatorOrg, roleKeys: ['regulator_tokens'] });
    const c = await t.login(u.username);
    const res = await create({}, c);
    expect(res.status).toBe(403);
    expect(reasonOf(res.body)).toBe('api_token_kind_not_allowed');
    // Its list is its own organisation's (none), never the institutions' in its region.
    const list = await c.get('/api/v1/api-tokens');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ data: [], grantableScopes: [] });
    const province = await t.login('demo-province');
    expect((await province.get('/api/v1/api-tokens')).status).toBe(403);
  });

  it('revokes own tokens only, once, audited', async () => {
    const made = (await create({ name: '将吊销' })).body as unknown as Created;
    const diag = await t.login('demo-diag');
    const other = (
      (await diag.post('/api/v1/api-tokens', { name: '诊断', scopes: ['diagnosis_reports:submit'] }))
        .body as unknown as Created
    ).token;
    expect((await exam.post(`/api/v1/api-tokens/${other.id}/revoke`)).status).toBe(404);
    expect(
      ((await exam.get('/api/v1/api-tokens')).body.data as Array<{ id: number }>).some(
        (x) => x.id === other.id,
      ),
    ).toBe(false);
    const res = await exam.post(`/api/v1/api-tokens/${made.token.id}/revoke`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'revoked',
      effectiveScopes: [],
      revokedBy: { username: 'demo-exam' },
      abilities: { revoke: false },
    });
    const again = await exam.post(`/api/v1/api-tokens/${made.token.id}/revoke`);
    expect(again.status).toBe(409);
    expect(reasonOf(again.body)).toBe('api_token_revoked');
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['actor_username', 'before', 'after'])
      .where('action', '=', 'api_token.revoke')
      .where('entity_id', '=', String(made.token.id))
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(made.secret);
  });

  it('caps the live tokens of an organisation at 20', async () => {
    const orgs = await t.deps.db
      .selectFrom('organisation')
      .select('organisation_id')
      .where('kind', '=', 'exam_institution')
      .where('organisation_id', '<>', examOrg)
      .orderBy('organisation_id')
      .executeTakeFirstOrThrow();
    const u = await buildUser(t.deps, { organisationId: orgs.organisation_id, roleKeys: ['exam_staff'] });
    const c = await t.login(u.username);
    for (let i = 0; i < 20; i++) expect((await create({ name: `令牌${i}` }, c)).status).toBe(201);
    const res = await create({ name: '第二十一个' }, c);
    expect(res.status).toBe(409);
    expect(reasonOf(res.body)).toBe('api_token_too_many');
  });
});

describe('bearer authentication', () => {
  it('posts a batch with the token: no cookie, no CSRF token; the batch is the creator’s, idempotent', async () => {
    const { secret, token } = (await create({ name: '批次', scopes: ['exam_reports:submit'] }))
      .body as unknown as Created;
    const cards = [examCard('TOKEN-1'), examCard('TOKEN-2')];
    const first = await postBatch(secret, 'token-batch-0001', cards);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: 2, accepted: 2, rejected: 0 });
    const stored = await t.deps.db
      .selectFrom('exam_card')
      .select(['institution_id', 'source'])
      .where('record_id', 'in', ['TOKEN-1', 'TOKEN-2'])
      .execute();
    expect(stored).toEqual([
      { institution_id: examOrg, source: 'api' },
      { institution_id: examOrg, source: 'api' },
    ]);
    // A retry with the same key answers the first result; the same key with another body is 422.
    const retry = await postBatch(secret, 'token-batch-0001', cards);
    expect(retry.status).toBe(200);
    expect(retry.body.batchId).toBe(first.body.batchId);
    const other = await postBatch(secret, 'token-batch-0001', [examCard('TOKEN-3')]);
    expect(other.status).toBe(422);
    const batch = await t.deps.db
      .selectFrom('import_batch')
      .select(['user_id', 'api_token_id'])
      .where('import_batch_id', '=', Number(first.body.batchId))
      .executeTakeFirstOrThrow();
    expect(batch).toEqual({ user_id: examUserId, api_token_id: token.id });
    // The batch's audit entry, written by its job outside the request, names the token too.
    const entry = await t.deps.db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'actor_username'])
      .where('action', '=', 'exam_card.import')
      .where('entity_id', '=', String(first.body.batchId))
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({
      actor_user_id: examUserId,
      actor_username: `api-token:${token.id} 批次 (demo-exam)`,
    });
  });

  it('answers 401 api_token_invalid in zh-CN and en for unknown, malformed, revoked and expired tokens', async () => {
    const made = (await create({ name: '失效' })).body as unknown as Created;
    const expired = await buildApiToken(t.deps, {
      organisationId: examOrg,
      createdBy: examUserId,
      expiresAt: new Date(Date.now() - 1000),
    });
    await exam.post(`/api/v1/api-tokens/${made.token.id}/revoke`);
    const unknown = `ohp_${'A'.repeat(43)}`;
    for (const secret of [made.secret, expired.secret, unknown, 'ohp_short', '', 'not-a-token']) {
      const res = await bearer(secret, 'GET', '/api/v1/exam-cards?pageSize=1');
      expect(res.status, secret).toBe(401);
      expect(reasonOf(res.body)).toBe('api_token_invalid');
      expect(res.raw.headers['www-authenticate']).toContain('invalid_token');
      expect((res.body.error as { message: string }).message).toContain('接口令牌无效');
    }
    const en = await bearer(
      made.secret,
      'POST',
      '/api/v1/exam-reports/batches',
      { cards: [examCardExample] },
      {
        'idempotency-key': 'revoked-0001',
        'accept-language': 'en',
      },
    );
    expect(en.status).toBe(401);
    expect((en.body.error as { message: string }).message).toContain('API token is invalid');
  });

  it('refuses a route outside the token’s scopes (403) and every non-integration route, whatever the creator holds', async () => {
    const { secret } = (await create({ name: '只读', scopes: ['exam_reports:read'] }))
      .body as unknown as Created;
    expect((await bearer(secret, 'GET', '/api/v1/exam-cards?pageSize=1')).status).toBe(200);
    const submit = await postBatch(secret, 'read-only-0001', [examCard('READONLY-1')]);
    expect(submit.status).toBe(403);
    expect(reasonOf(submit.body)).toBe('api_token_scope_missing');
    for (const [method, url, body] of [
      ['GET', '/api/v1/auth/me', undefined],
      ['POST', '/api/v1/auth/logout', {}],
      ['POST', '/api/v1/auth/login', { username: 'demo-exam', password: 'x' }],
      ['GET', '/api/v1/users?pageSize=1', undefined],
      ['GET', '/api/v1/roles', undefined],
      ['GET', '/api/v1/audit?pageSize=1', undefined],
      ['GET', '/api/v1/sessions', undefined],
      ['GET', '/api/v1/api-tokens', undefined],
      ['POST', '/api/v1/api-tokens', { name: 'x', scopes: ['exam_reports:read'] }],
      ['GET', '/api/v1/imports', undefined],
      ['GET', '/api/v1/organisations?pageSize=1', undefined],
      ['PATCH', '/api/v1/my-organisation', { contactName: '令牌' }],
      ['GET', '/api/health', undefined],
    ] as const) {
      const res = await bearer(secret, method, url, body);
      expect(res.status, `${method} ${url}`).toBe(403);
      expect(reasonOf(res.body), `${method} ${url}`).toBe('api_token_route_not_allowed');
    }
    // Nothing was written on the way: no session, no new token.
    const tokens = await t.deps.db
      .selectFrom('api_token')
      .select('api_token_id')
      .where('name', '=', 'x')
      .execute();
    expect(tokens).toEqual([]);
  });

  it('acts as the token’s organisation: another institution’s card is not found', async () => {
    const { secret } = (await create({ name: '范围', scopes: ['exam_reports:read'] }))
      .body as unknown as Created;
    const other = await t.deps.db
      .selectFrom('organisation')
      .select('organisation_id')
      .where('kind', '=', 'exam_institution')
      .where('organisation_id', '<>', examOrg)
      .orderBy('organisation_id')
      .executeTakeFirstOrThrow();
    const mine = await buildStoredCard(t.deps, { institutionId: examOrg });
    const theirs = await buildStoredCard(t.deps, { institutionId: other.organisation_id });
    expect((await bearer(secret, 'GET', `/api/v1/exam-cards/${mine}`)).status).toBe(200);
    expect((await bearer(secret, 'GET', `/api/v1/exam-cards/${theirs}`)).status).toBe(404);
  });

  it('takes the creator’s rights away with the creator: a lost permission → 403; disabled → 401', async () => {
    const u = await buildUser(t.deps, { organisationId: examOrg, roleKeys: ['exam_staff'] });
    const c = await t.login(u.username);
    const { secret, token } = (
      await create({ name: '随创建人', scopes: ['exam_reports:read', 'exam_reports:submit'] }, c)
    ).body as unknown as Created;
    expect((await bearer(secret, 'GET', '/api/v1/exam-cards?pageSize=1')).status).toBe(200);
    // The creator loses exam_reports:submit (another role): the token keeps only read.
    await t.deps.db
      .updateTable('user_role')
      .set({ role_key: 'employer_staff' })
      .where('user_id', '=', u.id)
      .execute();
    const lost = await postBatch(secret, 'lost-0001', [examCard('LOST-1')]);
    expect(lost.status).toBe(403);
    expect(reasonOf(lost.body)).toBe('api_token_scope_missing');
    const listed = ((await exam.get('/api/v1/api-tokens')).body.data as Array<Record<string, unknown>>).find(
      (x) => x.id === token.id,
    );
    expect(listed).toMatchObject({ status: 'active', effectiveScopes: ['exam_reports:read'] });
    await t.deps.db.updateTable('app_user').set({ status: 'disabled' }).where('user_id', '=', u.id).execute();
    const res = await bearer(secret, 'GET', '/api/v1/exam-cards?pageSize=1');
    expect(res.status).toBe(401);
    expect(reasonOf(res.body)).toBe('api_token_invalid');
    const suspended = (
      (await exam.get('/api/v1/api-tokens')).body.data as Array<Record<string, unknown>>
    ).find((x) => x.id === token.id);
    expect(suspended).toMatchObject({ status: 'suspended', effectiveScopes: [] });
  });

  it('holds only the scopes its organisation’s kind may hold, whatever is stored', async () => {
    const t2 = await buildApiToken(t.deps, {
      organisationId: examOrg,
      createdBy: examUserId,
      scopes: ['exam_reports:read', 'diagnosis_reports:read', 'users:read'],
    });
    expect((await bearer(t2.secret, 'GET', '/api/v1/exam-cards?pageSize=1')).status).toBe(200);
    expect((await bearer(t2.secret, 'GET', '/api/v1/users?pageSize=1')).status).toBe(403);
  });

  it('writes the last use at most once a minute', async () => {
    const { secret, token } = (await create({ name: '最近使用', scopes: ['exam_reports:read'] }))
      .body as unknown as Created;
    const lastUse = async () =>
      t.deps.db
        .selectFrom('api_token')
        .select(['last_used_at', 'last_used_ip'])
        .where('api_token_id', '=', token.id)
        .executeTakeFirstOrThrow();
    expect((await lastUse()).last_used_at).toBeNull();
    await bearer(secret, 'GET', '/api/v1/exam-cards?pageSize=1');
    const first = await lastUse();
    expect(first.last_used_at).not.toBeNull();
    expect(first.last_used_ip).toBe('127.0.0.1');
    for (let i = 0; i < 3; i++) await bearer(secret, 'GET', '/api/v1/exam-cards?pageSize=1');
    expect((await lastUse()).last_used_at).toEqual(first.last_used_at);
    const earlier = new Date(Date.now() - 61_000);
    await t.deps.db
      .updateTable('api_token')
      .set({ last_used_at: earlier })
      .where('api_token_id', '=', token.id)
      .execute();
    await bearer(secret, 'GET', '/api/v1/exam-cards?pageSize=1');
    expect((await lastUse()).last_used_at!.getTime()).toBeGreaterThan(earlier.getTime());
  });

  it('names the token and its creator in the audit entries written in its requests', async () => {
    // A route of an integration scope that writes in the request (the app's own hook and helpers).
    const { app } = await buildApp({
      deps: t.deps,
      registerModules: (a) => {
        a.post('/api/v1/test/audited', {
          config: { access: 'exam_reports:submit' },
          handler: async (req) => {
            await writeAudit(t.deps.db, auditContext(req), {
              action: 'exam_card.import',
              after: { test: true },
            });
            return { userId: actorOf(req).userId };
          },
        });
      },
    });
    const { secret, token } = (await create({ name: 'HIS 对接' })).body as unknown as Created;
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/test/audited',
      headers: { authorization: `Bearer ${secret}`, 'x-request-id': 'token-audit-0001' },
    });
    expect(res.statusCode).toBe(200);
    const entry = await t.deps.db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'actor_username', 'actor_organisation_id'])
      .where('request_id', '=', 'token-audit-0001')
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({
      actor_user_id: examUserId,
      actor_username: `api-token:${token.id} HIS 对接 (demo-exam)`,
      actor_organisation_id: examOrg,
    });
    await app.close();
  });

  it('leaves the cookie path as it was: a session write still needs its CSRF token', async () => {
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      payload: { name: '无CSRF', scopes: ['exam_reports:read'] },
      cookies: { ohp_sid: exam.sessionToken! },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(reasonOf(noCsrf.json())).toBe('csrf_failed');
    expect((await exam.get('/api/v1/auth/me')).status).toBe(200);
    // A bearer header next to the cookie: the cookie is not read (no session routes through a token).
    const { secret } = (await create({ name: '混合', scopes: ['exam_reports:read'] }))
      .body as unknown as Created;
    const both = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${secret}` },
      cookies: { ohp_sid: exam.sessionToken! },
    });
    expect(both.statusCode).toBe(403);
    // Another scheme (a proxy's Basic credentials) is not a token: the cookie decides as before.
    const basic = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
      cookies: { ohp_sid: exam.sessionToken! },
    });
    expect(basic.statusCode).toBe(200);
  });

  it('keeps every integration scope in the token catalogue and no other', () => {
    expect([...apiTokenScopes].sort()).toEqual([
      'diagnosis_reports:read',
      'diagnosis_reports:submit',
      'exam_reports:read',
      'exam_reports:submit',
    ]);
  });
});

describe('rate limiting and sign-in with tokens about', () => {
  it('counts bearer requests against the per-IP API limit, and a token never reaches the login', async () => {
    const small = await createTestContext({ env: { OHP_API_RATE_LIMIT: '5' } });
    try {
      const id = await small.deps.db
        .selectFrom('app_user')
        .select(['user_id', 'organisation_id'])
        .where('username', '=', 'demo-exam')
        .executeTakeFirstOrThrow();
      const tok = await buildApiToken(small.deps, {
        organisationId: id.organisation_id,
        createdBy: id.user_id,
      });
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++)
        statuses.push(
          (
            await small.app.inject({
              method: 'GET',
              url: '/api/v1/exam-cards?pageSize=1',
              headers: { authorization: `Bearer ${tok.secret}` },
            })
          ).statusCode,
        );
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(statuses.slice(5)).toEqual([429, 429]);
    } finally {
      await small.close();
    }
    // A login carrying a token is refused before the handler: no failure is counted against the account.
    const tok = await buildApiToken(t.deps, { organisationId: examOrg, createdBy: examUserId });
    const before = await t.deps.db
      .selectFrom('login_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await bearer(tok.secret, 'POST', '/api/v1/auth/login', {
      username: 'demo-exam',
      password: 'wrong',
    });
    expect(res.status).toBe(403);
    const after = await t.deps.db
      .selectFrom('login_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect((await t.login('demo-exam')).sessionToken).toBeTruthy();
  });
});
