/**
 * 整改台账 (issue 16 item 6) in Chromium, on the demo province: the city commission raises an inspection
 * finding against the demo exam institution from the ledger; the institution finds it in 我的整改, uploads
 * evidence and submits; the QC centre rejects it with an opinion; the institution uploads again and
 * submits; the QC centre verifies and closes it (销号) and records a 回头看 that finds a relapse, which
 * reopens it (round 2). Then the rates page drills from the province to a city, and the 拒不整改 tab and
 * the 对口帮扶 page show the demo mark and pairings.
 * Run after `npm run build`: `node --test --test-concurrency=1 e2e/rectifications.test.mjs`.
 * Screenshots: e2e/screenshots/rectifications-*.png.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { journeys, shot } from './helpers.mjs';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n%%EOF\n', 'latin1');
const TITLE = '候检区未设置职业健康检查须知（e2e）';

const openItem = async (page, id) => {
  const loaded = page.waitForResponse(
    (r) =>
      r.request().method() === 'GET' && new URL(r.url()).pathname === `/api/v1/rectifications/items/${id}`,
  );
  await page.goto(`/rectifications/${id}`);
  const body = await (await loaded).json();
  await page.getByTestId('rect-history').waitFor();
  return body;
};

const uploadAndSubmit = async (page, id, fileName, statement) => {
  const uploaded = page.waitForResponse((r) =>
    r.url().includes(`/api/v1/rectifications/items/${id}/evidence`),
  );
  await page
    .getByTestId('rect-respond-card')
    .locator('input[type=file]')
    .setInputFiles({ name: fileName, mimeType: 'application/pdf', buffer: PDF });
  assert.equal((await uploaded).status(), 201);
  await page.getByText(fileName).first().waitFor();
  await page.getByTestId('rect-statement').fill(statement);
  const submitted = page.waitForResponse((r) =>
    r.url().includes(`/api/v1/rectifications/items/${id}/respond`),
  );
  await page.getByTestId('rect-submit').click();
  assert.equal((await submitted).status(), 200);
  await page.getByTestId('rect-status').getByText('待核验').waitFor();
};

journeys('rectification ledger: raise, evidence, reject, close, 回头看, rates, marks, pairings', (env) => {
  let itemId = 0;

  test('the city commission raises a finding from the ledger', async () => {
    const { context, page, errors } = await env.signIn('demo-city', undefined, { at: null });
    const listed = page.waitForResponse((r) => r.url().includes('/api/v1/rectifications/items?'));
    await page.goto('/rectifications');
    const list = await (await listed).json();
    await page.locator('a[data-menu-path="/rectifications"]').first().waitFor();
    assert.equal(await page.locator('a[data-menu-path="/rectifications"]').count(), 1, 'ledger menu entry');
    assert.ok(list.total >= 8, `demo items in the city: ${list.total}`);
    await page.locator('.ant-table-tbody .ant-table-row').first().waitFor();
    await shot(page, 'rectifications-ledger');

    await page.getByTestId('rect-raise').click();
    const modal = page.locator('.ant-modal').filter({ hasText: '登记监督检查发现的问题' });
    await modal.locator('.ant-select').first().click();
    await page.keyboard.type('长春市人民医院');
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: /^长春市人民医院$/ })
      .first()
      .click();
    await page.getByTestId('rect-title').fill(TITLE);
    await shot(page, 'rectifications-raise');
    const created = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/rectifications/items',
    );
    await modal.getByRole('button', { name: /确\s*定/ }).click();
    const res = await created;
    assert.equal(res.status(), 201);
    itemId = (await res.json()).id;
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the institution answers with evidence from 我的整改', async () => {
    const { context, page, errors } = await env.signIn('demo-exam');
    assert.equal(
      await page.locator('a[data-menu-path="/rectifications/mine"]').count(),
      1,
      'mine menu entry',
    );
    assert.equal(await page.locator('a[data-menu-path="/rectifications"]').count(), 0, 'no ledger entry');
    await page.goto('/rectifications/mine');
    await page.getByTestId(`rect-open-${itemId}`).click();
    await page.getByTestId('rect-respond-card').waitFor();
    await uploadAndSubmit(page, itemId, '整改照片说明.pdf', '已在候检区张贴职业健康检查须知。');
    await shot(page, 'rectifications-submitted');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the QC centre rejects the answer with an opinion', async () => {
    const { context, page, errors } = await env.signIn('demo-qc');
    await openItem(page, itemId);
    await page.getByTestId('rect-reject').click();
    await page.getByTestId('rect-opinion').fill('须知内容未包含禁忌证告知，请补充后重新提交。');
    const rejected = page.waitForResponse((r) =>
      r.url().includes(`/api/v1/rectifications/items/${itemId}/reject`),
    );
    await page.getByTestId('rect-action-ok').click();
    assert.equal((await rejected).status(), 200);
    await page.getByTestId('rect-status').getByText('整改中').waitFor();
    await page.getByText('须知内容未包含禁忌证告知').first().waitFor();
    await shot(page, 'rectifications-rejected');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the institution answers again', async () => {
    const { context, page, errors } = await env.signIn('demo-exam');
    const d = await openItem(page, itemId);
    assert.equal(d.status, 'open');
    await uploadAndSubmit(page, itemId, '补充须知.pdf', '已补充禁忌证告知内容。');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the QC centre closes it and a 回头看 finds a relapse: reopened, round 2', async () => {
    const { context, page, errors } = await env.signIn('demo-qc');
    await openItem(page, itemId);
    await page.getByTestId('rect-verify').click();
    await page.getByTestId('rect-opinion').fill('材料齐全，予以销号。');
    const verified = page.waitForResponse((r) =>
      r.url().includes(`/api/v1/rectifications/items/${itemId}/verify`),
    );
    await page.getByTestId('rect-action-ok').click();
    assert.equal((await verified).status(), 200);
    await page.getByTestId('rect-status').getByText('已销号').waitFor();
    await shot(page, 'rectifications-closed');

    await page.getByTestId('rect-follow-up').click();
    await page.getByTestId('rect-checkers').fill('张伟、李娜');
    await page.getByTestId('rect-relapse').click();
    await page.getByTestId('rect-follow-note').fill('回头看发现须知已被撤下。');
    await shot(page, 'rectifications-follow-up');
    const followed = page.waitForResponse((r) =>
      r.url().includes(`/api/v1/rectifications/items/${itemId}/follow-ups`),
    );
    await page.getByTestId('rect-action-ok').click();
    const res = await followed;
    assert.equal(res.status(), 200);
    assert.deepEqual((await res.json()).roundNo, 2);
    await page.getByTestId('rect-status').getByText('第 2 轮').waitFor();
    await page.getByText('问题反弹').first().waitFor();
    await shot(page, 'rectifications-reopened');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the province reads the rates, the 拒不整改 marks and the pairings', async () => {
    const { context, page, errors } = await env.signIn('demo-province', undefined, { at: null });
    const rates = page.waitForResponse((r) => r.url().includes('/api/v1/rectifications/rates'));
    await page.goto('/rectifications/rates');
    const body = await (await rates).json();
    assert.equal(body.confidence, 'uncertain');
    assert.ok(body.regions.length >= 3, `cities: ${body.regions.length}`);
    await page.getByTestId('rates-totals').waitFor();
    await page.getByText('暂定口径').first().waitFor();
    await shot(page, 'rectifications-rates');
    const city = body.regions[0].regionCode;
    const drilled = page.waitForResponse((r) => r.url().includes(`regionCode=${city}`));
    await page.getByTestId(`rates-region-${city}`).click();
    assert.equal((await drilled).status(), 200);
    await page.getByTestId('rates-up').waitFor();
    await shot(page, 'rectifications-rates-city');

    await page.goto('/rectifications');
    await page.getByRole('tab', { name: '拒不整改 / 整改不到位' }).click();
    await page.getByText('疑似职业病报告和放射防护问题逾期未整改').first().waitFor();
    await shot(page, 'rectifications-refusals');

    await page.goto('/rectifications/pairings');
    await page.locator('.ant-table-tbody .ant-table-row').first().waitFor();
    await page.getByTestId('pairing-open-2').click();
    await page.getByText('报送年度报告').first().waitFor();
    await shot(page, 'rectifications-pairing');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
