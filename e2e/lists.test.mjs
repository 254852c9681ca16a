/**
 * Issue 14 item 3 in Chromium: above the exact-count limit a list shows its total as an estimate
 * ("约 N 条") with a link that asks for the exact count. The server of this file counts exactly only up
 * to 200 matches (OHP_LIST_EXACT_COUNT_LIMIT), so a name search on the demo province goes over it.
 * Run after `npm run build`: `node --test e2e/lists.test.mjs`. Screenshots: e2e/screenshots/.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { journeys, shot } from './helpers.mjs';

process.env.OHP_LIST_EXACT_COUNT_LIMIT = '200';

journeys('list totals', (env) => {
  test('a regulator sees “约 N 条” above the limit and gets the exact count on request', async () => {
    const { context, page, errors } = await env.signIn('demo-province', undefined, { at: '/organisations' });
    await page.locator('.ant-table-row').first().waitFor();
    // Unfiltered, the total comes from the per-region counts: exact.
    await page.locator('.ant-pagination-total-text').waitFor();
    assert.match(await page.locator('.ant-pagination-total-text').innerText(), /^共 [\d,]+ 条$/);

    const searched = page.waitForResponse(
      (r) =>
        r.url().includes('/api/v1/organisations?') &&
        r.url().includes('q=') &&
        !r.url().includes('exactTotal'),
    );
    await page.getByPlaceholder('输入单位名称').fill('有限');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    const estimate = await (await searched).json();
    assert.equal(estimate.totalExact, false, 'a search over the limit answers an estimate');
    const approx = page.getByTestId('list-total-approximate');
    await approx.waitFor();
    assert.match(await approx.innerText(), /^约 [\d,]+ 条 精确计数$/);
    await approx.scrollIntoViewIfNeeded();
    await shot(page, 'list-total-approximate');

    const exactAnswer = page.waitForResponse(
      (r) => r.url().includes('/api/v1/organisations?') && r.url().includes('exactTotal=true'),
    );
    await page.getByTestId('list-total-exact').click();
    const exact = await (await exactAnswer).json();
    assert.notEqual(exact.totalExact, false);
    assert.ok(exact.total > 200, `the exact count (${exact.total}) is above the limit`);
    await page.getByTestId('list-total-approximate').waitFor({ state: 'detached' });
    assert.equal(
      await page.locator('.ant-pagination-total-text').innerText(),
      `共 ${exact.total.toLocaleString('zh-CN')} 条`,
    );
    await shot(page, 'list-total-exact');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
