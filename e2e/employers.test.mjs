/**
 * 用人单位库 and 用人单位注册 (issue 17 items 1 and 3) in Chromium, on the demo province: the county
 * commission opens the base database, filters 严重危害行业, opens a record and sees its versions; an
 * applicant registers at /register (reached from the login page), gets a lookup code, the county
 * approves the application in its queue, and the new account signs in and sees its own record.
 * Run after `npm run build`: `node --test --test-concurrency=1 e2e/employers.test.mjs`.
 * Screenshots: e2e/screenshots/employers-*.png.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_PASSWORD, journeys, login, newPage, shot } from './helpers.mjs';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** A credit code with its GB 32100 check character. */
const creditCode = (first17) => {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]) * WEIGHTS[i];
  return first17 + CHARSET[(31 - (sum % 31)) % 31];
};
const CODE = creditCode('91220102MA0E2E0A1');
const PASSWORD = 'Kiln#Furnace-2026';

journeys('employer base database and self-registration', (env) => {
  test('the county opens the base database, filters 严重, opens a record and its versions', async () => {
    const { context, page, errors } = await env.signIn('demo-county', undefined, { at: null });
    const listed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/employers');
    await page.goto('/employers');
    const list = await (await listed).json();
    await page.locator('a[data-menu-path="/employers"]').first().waitFor();
    assert.equal(await page.locator('a[data-menu-path="/employers"]').count(), 1, 'base database menu entry');
    assert.ok(list.total >= 12, `demo employers in the county: ${list.total}`);
    await page.locator('.ant-table-tbody .ant-table-row').first().waitFor();
    await shot(page, 'employers-list');

    const filtered = page.waitForResponse(
      (r) => r.url().includes('/api/v1/employers?') && r.url().includes('severe=true'),
    );
    await page.getByTestId('employers-severe').click();
    await page.locator('.ant-select-item-option').filter({ hasText: /^是$/ }).click();
    const severe = await (await filtered).json();
    assert.ok(severe.total > 0, 'severe employers');
    assert.ok(severe.data.every((e) => e.riskClass === '严重'));
    await page.locator('.ant-table-tbody .ant-tag').filter({ hasText: '严重危害行业' }).first().waitFor();

    // The demo employer has corrections: open it and read its versions.
    const employer = list.data.find((e) => e.version >= 3) ?? severe.data[0];
    const opened = page.waitForResponse(
      (r) => new URL(r.url()).pathname === `/api/v1/employers/${employer.id}`,
    );
    await page.goto(`/employers/${employer.id}`);
    const detail = await (await opened).json();
    await page.getByTestId('employer-versions').waitFor();
    assert.ok(detail.versions.length >= 1);
    await page.getByTestId(`employer-version-${detail.version}`).waitFor();
    await page.getByTestId('employer-edit').waitFor();
    await shot(page, 'employers-detail');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('an applicant registers from the login page; the county approves; the account signs in', async () => {
    const anon = await newPage(env.browser, env.server.baseUrl);
    const { page } = anon;
    await page.goto('/login');
    await page.getByTestId('login-register').click();
    await page.waitForURL('**/register');
    await page.getByTestId('register-credit-code').fill(CODE);
    await page.getByTestId('register-name').fill('长春端到端测试窑业有限公司');
    // Region: 吉林省 → 长春市 → 南关区.
    await page.getByTestId('register-region').click();
    for (const name of ['吉林省', '长春市', '南关区']) {
      await page
        .locator('.ant-cascader-menu-item')
        .filter({ hasText: new RegExp(`^${name}$`) })
        .click();
    }
    await page.keyboard.press('Escape');
    await page.getByTestId('register-address').fill('长春市南关区测试路 9 号');
    await page.getByTestId('register-industry').fill('3089');
    await page.getByTestId('register-contact').fill('钱测试');
    await page.getByTestId('register-phone').fill('13911112222');
    await page.getByTestId('register-username').fill('e2e-applicant');
    await page.getByTestId('register-password').fill(PASSWORD);
    await page.getByTestId('register-password-again').fill(PASSWORD);
    await shot(page, 'employers-register');
    const submitted = page.waitForResponse(
      (r) =>
        r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/employer-registrations',
    );
    await page.getByTestId('register-submit').click();
    const res = await submitted;
    assert.equal(res.status(), 201, await res.text());
    const { lookupCode } = await res.json();
    await page.getByTestId('register-code').getByText(lookupCode).waitFor();
    await page.getByTestId('register-status').getByText('待审核', { exact: true }).waitFor();
    await shot(page, 'employers-registered');

    const { context, page: county, errors } = await env.signIn('demo-county', undefined, { at: null });
    const queued = county.waitForResponse((r) => r.url().includes('/api/v1/employer-registrations?'));
    await county.goto('/employer-registrations');
    const queue = await (await queued).json();
    const mine = queue.data.find((r) => r.creditCode === CODE);
    assert.ok(mine, 'the application is in the county queue');
    await county.getByTestId(`registration-approve-${mine.id}`).waitFor();
    await shot(county, 'employers-queue');
    const approved = county.waitForResponse((r) =>
      r.url().includes(`/api/v1/employer-registrations/${mine.id}/approve`),
    );
    await county.getByTestId(`registration-approve-${mine.id}`).click();
    await county
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    assert.equal((await approved).status(), 200);
    // 导出: the queue as the list shows it, named in the UI language.
    const download = county.waitForEvent('download');
    await county.getByTestId('registrations-export').click();
    assert.match((await download).suggestedFilename(), /^用人单位注册申请-\d{8}\.xlsx$/);
    await shot(county, 'employers-queue-exported');
    assert.deepEqual(errors, []);
    await context.close();

    // The applicant sees the approval, then signs in with the password chosen.
    await page.getByTestId('register-check').click();
    await page.getByTestId('register-status').getByText('已通过', { exact: true }).waitFor();
    await anon.context.close();
    const applicant = await newPage(env.browser, env.server.baseUrl);
    await login(applicant.page, 'e2e-applicant', PASSWORD);
    await applicant.page.waitForURL('**/workbench', { timeout: 60_000 });
    await applicant.page.goto('/employers/mine');
    await applicant.page.getByText('长春端到端测试窑业有限公司').first().waitFor();
    await applicant.page.getByTestId('employer-versions').waitFor();
    await shot(applicant.page, 'employers-own-record');
    assert.equal(await applicant.page.getByTestId('employer-edit').count(), 0, 'an employer cannot correct');
    await applicant.context.close();
    assert.ok(DEMO_PASSWORD);
  });
});
