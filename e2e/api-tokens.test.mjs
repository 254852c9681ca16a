/**
 * 接口令牌 (issue 15 items 4 and 8) in Chromium, on the demo province: the exam institution opens
 * 系统 → 接口令牌 (the demo tokens listed), creates a token in the dialog, reads its secret once with
 * the curl example, posts a batch of exam cards with it from Node's fetch — no cookie, no CSRF token —
 * (accepted), revokes it with the confirmation, and the same call then gets 401 api_token_invalid.
 * Run after `npm run build`: `node --test --test-concurrency=1 e2e/api-tokens.test.mjs`.
 * Screenshots: e2e/screenshots/api-tokens-*.png.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { journeys, shot } from './helpers.mjs';

const rows = (page) => page.locator('.ant-table-tbody .ant-table-row');

journeys('API tokens', (env) => {
  test('the exam institution creates a token, its system posts cards with it, revoking it stops it', async () => {
    const { context, page, errors } = await env.signIn('demo-exam');
    const base = env.server.baseUrl;
    const shortcut = await page.getByTestId('shortcut-api-tokens').innerText();
    assert.ok(shortcut.includes('接口令牌'), shortcut);

    // 系统 → 接口令牌: the demo tokens (one in use, one revoked), prefixes only.
    const listed = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/api-tokens') && r.request().method() === 'GET',
    );
    await page.goto('/api-tokens');
    const demo = await (await listed).json();
    assert.ok(demo.data.length >= 2, 'the demo institution has tokens');
    assert.deepEqual(demo.grantableScopes, ['exam_reports:submit', 'exam_reports:read']);
    await rows(page).first().waitFor();
    const text = await page.locator('.ant-table-tbody').innerText();
    assert.ok(text.includes('体检管理系统对接'), text);
    assert.ok(text.includes('上报职业健康检查个案卡'), 'scopes in words');
    assert.ok(text.includes('已吊销') && text.includes('有效'), 'statuses');
    assert.ok(text.includes('10.12.0.8'), 'last use with its address');
    assert.ok(!/ohp_[0-9A-Za-z]{43}/.test(text), 'no secret on the page');
    await shot(page, 'api-tokens-list');

    // 新建令牌: name, scopes (both offered and ticked), expiry (a year ahead by default).
    await page.getByTestId('api-token-create').click();
    await page.getByTestId('api-token-name').fill('体检系统（演练）');
    // Only the reporting scope: untick 查看.
    await page.locator('.ant-modal .ant-checkbox-wrapper', { hasText: '查看职业健康检查个案卡' }).click();
    const expires = await page.getByTestId('api-token-expires').inputValue();
    assert.equal(expires, demo.defaultExpiresOn);
    await shot(page, 'api-tokens-create');
    const createdAnswer = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/api-tokens') && r.request().method() === 'POST',
    );
    await page.getByTestId('api-token-create-ok').click();
    const created = await (await createdAnswer).json();
    assert.deepEqual(created.token.scopes, ['exam_reports:submit']);

    // The secret, once, with the curl example posting the example card to the batches door.
    const secret = (await page.getByTestId('api-token-secret').innerText()).trim();
    assert.match(secret, /^ohp_[0-9A-Za-z]{43}$/);
    assert.equal(secret, created.secret);
    const curl = await page.getByTestId('api-token-curl-submit').innerText();
    assert.ok(curl.includes(`${base}/api/v1/exam-reports/batches`), curl);
    assert.ok(curl.includes(`Authorization: Bearer ${secret}`), curl);
    assert.ok(curl.includes('Idempotency-Key'), curl);
    assert.ok(curl.includes('"recordId"'), 'the example card is in the command');
    await shot(page, 'api-tokens-secret');

    // The institution's system: the example card from the curl command, posted with the token alone.
    const body = curl.slice(curl.indexOf("-d '") + 4, curl.lastIndexOf("'"));
    const cards = JSON.parse(body).cards;
    cards[0].recordId = 'E2E-TOKEN-0001';
    const post = (key) =>
      fetch(`${base}/api/v1/exam-reports/batches`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${secret}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': key,
        },
        body: JSON.stringify({ cards }),
      });
    const accepted = await post('e2e-token-batch-0001');
    const report = await accepted.json();
    assert.equal(accepted.status, 200, JSON.stringify(report));
    assert.equal(report.total, 1);
    assert.equal(report.accepted, 1, JSON.stringify(report));

    // Close the dialog: the list now shows the new token, used just now.
    await page.getByTestId('api-token-secret-done').click();
    const relisted = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/api-tokens') && r.request().method() === 'GET',
    );
    await page.reload();
    const after = await (await relisted).json();
    const mine = after.data.find((x) => x.id === created.token.id);
    assert.ok(mine.lastUsedAt, 'last use recorded');
    assert.equal(mine.status, 'active');
    const row = rows(page).filter({ hasText: '体检系统（演练）' });
    await row.waitFor();
    assert.ok(
      !(await page.locator('.ant-table-tbody').innerText()).includes(secret),
      'the secret is never listed',
    );

    // 吊销 with the confirmation; the same call now gets 401 with the reason.
    await page.getByTestId(`api-token-revoke-${created.token.id}`).click();
    await page.locator('.ant-popconfirm').waitFor();
    await shot(page, 'api-tokens-revoke-confirm');
    const revoked = page.waitForResponse((r) =>
      r.url().endsWith(`/api/v1/api-tokens/${created.token.id}/revoke`),
    );
    await page.getByTestId('api-token-revoke-ok').click();
    assert.equal((await revoked).status(), 200);
    await row.locator('[data-status="revoked"]').waitFor();
    await shot(page, 'api-tokens-revoked');

    const refused = await post('e2e-token-batch-0002');
    assert.equal(refused.status, 401);
    const err = await refused.json();
    assert.equal(err.error.reason, 'api_token_invalid');
    assert.ok(err.error.message.includes('接口令牌无效'), err.error.message);
    const card = await fetch(`${base}/api/v1/exam-cards?q=E2E-TOKEN-0001`, {
      headers: { Authorization: `Bearer ${secret}` },
    });
    assert.equal(card.status, 401);

    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a regulator has no 接口令牌 page', async () => {
    const { context, page } = await env.signIn('demo-province');
    const paths = await page.$$eval('a[data-menu-path]', (els) =>
      els.map((e) => e.getAttribute('data-menu-path')),
    );
    assert.ok(!paths.includes('/api-tokens'), paths.join(','));
    await context.close();
  });
});
