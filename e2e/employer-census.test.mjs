/**
 * 用人单位数据库 (issue 17 item 4) in Chromium, on the demo province: the county clerk uploads a market-
 * regulation list (a dry run with a bad row, then for real), reviews an uncertain match side by side and
 * decides, assigns door-to-door guidance to an undeclared entry from the database tab, sees the
 * follow-ups (the demo's overdue one among them), merges two records of one factory (the confirmation
 * shows both and which is kept) and finds the merged one in the merged view, linking to the survivor;
 * the page does not overflow on a phone.
 * Run after `npm run build`: `node --test --test-concurrency=1 e2e/employer-census.test.mjs`.
 * Screenshots: e2e/screenshots/census-*.png.
 */
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { journeys, shot } from './helpers.mjs';

journeys('employer census', (env) => {
  test('a county uploads a list, reviews an uncertain match and assigns a follow-up', async () => {
    const { context, page, errors } = await env.signIn('demo-county', undefined, {
      at: '/employer-census?tab=lists',
    });
    assert.equal(await page.locator('a[data-menu-path="/employer-census"]').count(), 1, 'menu');

    // 名单导入: choose the source, dry run (one bad row), then import.
    await page.getByTestId('census-source').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '市场监管' }).click();
    const dir = await mkdtemp(join(tmpdir(), 'ohp-census-'));
    const file = join(dir, 'market.csv');
    await writeFile(
      file,
      [
        '单位名称,统一社会信用代码,所在地区,地址,行业,职工人数,联系人,联系电话',
        '南关区端到端石材加工厂,,南关区,南关区端到端路1号,石材加工,25,王经理,13900000001',
        '南关区端到端铸造有限公司,,220102,南关区端到端路2号,3391,40,,',
        '端到端越界单位,,绿园区,,,,,',
      ].join('\n'),
    );
    await page.getByRole('button', { name: '导入名单' }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '导入潜在用人单位名单' });
    await modal.waitFor();
    await modal.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('import-start').click();
    let report = page.getByTestId('import-report');
    await report.waitFor();
    assert.equal(await report.locator('[data-count="accepted"]').innerText(), '2');
    assert.equal(await report.locator('[data-count="rejected"]').innerText(), '1');
    assert.ok((await report.innerText()).includes('不在本单位管辖范围内'));
    await shot(page, 'census-import-dry-run');
    await page.getByTestId('import-dryrun').click();
    const uploaded = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().includes('/employer-census/lists/import'),
    );
    await page.getByTestId('import-start').click();
    assert.equal((await uploaded).status(), 200);
    await page.getByTestId('import-report').waitFor();
    await shot(page, 'census-import-done');
    await page.keyboard.press('Escape');
    await page.locator('.ant-table-tbody').getByText('market.csv').first().waitFor();
    await shot(page, 'census-lists');

    // 匹配复核: the demo's uncertain entry, side by side.
    await page.goto('/employer-census?tab=review');
    const card = page.getByTestId('census-review-card').first();
    await card.waitFor();
    assert.ok((await card.innerText()).includes('相似度'));
    assert.ok((await card.locator('mark').count()) > 0, 'differences highlighted');
    await shot(page, 'census-review');
    const reviewed = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().includes('/review'),
    );
    await card
      .getByRole('button', { name: /^不\s?是$/ })
      .first()
      .click();
    assert.equal((await reviewed).status(), 200);

    // 数据库: search the new entry (the demo county's database holds more than a page), filter
    // undeclared, tick it, assign to myself.
    await page.goto('/employer-census?tab=entries');
    await page.getByPlaceholder('单位名称或信用代码').fill('端到端');
    await page.getByPlaceholder('单位名称或信用代码').press('Enter');
    await page.getByTestId('census-status-filter').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '未申报' }).click();
    const row = page.locator('.ant-table-tbody tr').filter({ hasText: '南关区端到端铸造' });
    await row.waitFor();
    await row.locator('input[type=checkbox]').check();
    await shot(page, 'census-database');
    await page.getByRole('button', { name: /派发所选/ }).click();
    const assign = page.locator('.ant-modal').filter({ hasText: '派发入户指导' });
    await assign.waitFor();
    const assigned = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith('/employer-census/follow-ups'),
    );
    await assign.locator('.ant-btn-primary').click();
    assert.equal((await assigned).status(), 201);

    // 入户指导: my tasks include the new one; the overdue view shows the demo's overdue task.
    await page.goto('/employer-census?tab=followUps');
    await page.locator('.ant-table-tbody').getByText('南关区端到端铸造有限公司').waitFor();
    await shot(page, 'census-follow-ups');
    await page.locator('.ant-segmented-item').filter({ hasText: '已逾期' }).click();
    await page.locator('.ant-table-tbody').getByText('逾期').first().waitFor();
    await shot(page, 'census-overdue');

    // 数据库: two records of one factory (the demo's 金鼎机械厂 and 金鼎机械制造有限公司) → 合并, with a
    // confirmation showing both and which one is kept.
    await page.goto('/employer-census?tab=entries');
    const search = page.getByPlaceholder('单位名称或信用代码');
    await search.fill('金鼎');
    await search.press('Enter');
    const rowNamed = (name) =>
      page
        .locator('.ant-table-tbody tr.ant-table-row')
        .filter({ has: page.getByText(name, { exact: true }) });
    for (const name of ['南关区金鼎机械厂', '南关区金鼎机械制造有限公司']) {
      await rowNamed(name).waitFor();
      await rowNamed(name).locator('input[type=checkbox]').check();
    }
    await page.getByTestId('census-merge').click();
    const merge = page.locator('.ant-modal').filter({ hasText: '合并为同一单位' });
    await merge.waitFor();
    const text = await merge.innerText();
    assert.ok(text.includes('南关区金鼎机械厂') && text.includes('南关区金鼎机械制造有限公司'), text);
    assert.ok(text.includes('保留这一条') && text.includes('并入保留的记录'), text);
    await shot(page, 'census-merge');
    const mergedRes = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().includes('/merge'),
    );
    await merge.locator('.ant-btn-primary').click();
    assert.equal((await mergedRes).status(), 200);
    // 已合并的记录: the merged one, linking to the record kept.
    await page.getByTestId('census-merged-filter').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '已合并的记录' }).click();
    const gone = page
      .locator('.ant-table-tbody tr.ant-table-row')
      .filter({ hasText: '南关区金鼎机械厂' })
      .filter({ hasText: '已合并' });
    await gone.waitFor();
    await shot(page, 'census-merged-view');
    await gone.getByTestId('census-merged-into').click();
    const kept = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: '合并了' });
    await kept.waitFor();
    const keptText = await kept.innerText();
    assert.ok(
      keptText.includes('南关区金鼎机械制造有限公司') && keptText.includes('南关区金鼎机械厂'),
      keptText,
    );
    assert.equal(await page.locator('.ant-table-tbody tr.ant-table-row').count(), 1);
    await shot(page, 'census-survivor');

    // A phone: the page fits.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/employer-census?tab=entries');
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    const overflow = await page.evaluate(
      () => globalThis.document.documentElement.scrollWidth - globalThis.innerWidth,
    );
    assert.ok(overflow <= 1, `overflow ${overflow}`);
    await shot(page, 'census-phone');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
