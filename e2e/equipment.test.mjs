/**
 * 设备配置 and 规划目标 (issue 16 items 7 and 9) in Chromium, on the demo province: the provincial
 * commission sees the demo catalogue labelled 演示数据, adds a requirement and dry-runs an import with a bad
 * row; the compliance page shows the province against 95 % / 85 % with the formula marked uncertain, drills
 * down to a city and opens a city CDC's ledger below target; the provincial CDC records an item in its own
 * ledger and sees it counted, then marks it out of service and sees it not counted; the coverage page
 * shows cities and counties met and with gaps (and why), and a county regulator sees its county only.
 * Run after `npm run build`: `node --test --test-concurrency=1 e2e/equipment.test.mjs`.
 * Screenshots: e2e/screenshots/equipment-*.png, coverage-*.png.
 */
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { journeys, shot, SELECT_OPTION } from './helpers.mjs';

const api = (page, path) =>
  page.waitForResponse(
    (r) => r.request().method() === 'GET' && new URL(r.url()).pathname === `/api/v1${path}`,
  );

journeys('equipment compliance and coverage targets', (env) => {
  test('the commission keeps the catalogue: demo rows labelled, a row added, an import dry-run', async () => {
    const { context, page, errors } = await env.signIn('demo-province', undefined, { at: null });
    const listed = api(page, '/equipment/requirements');
    await page.goto('/equipment/requirements');
    const list = await (await listed).json();
    await page.locator('a[data-menu-path="/coverage"]').first().waitFor();
    for (const p of ['/equipment/requirements', '/equipment/ledger', '/equipment/compliance', '/coverage'])
      assert.equal(await page.locator(`a[data-menu-path="${p}"]`).count(), 1, `menu ${p}`);
    assert.ok(list.demoRows > 0, 'demo rows');
    await page.getByTestId('equipment-demo-banner').waitFor();
    assert.ok((await page.getByTestId('equipment-demo-banner').innerText()).includes('不是建设标准原文'));
    await page.locator('.ant-table-tbody').getByText('演示数据').first().waitFor();
    await shot(page, 'equipment-catalogue');

    await page.getByTestId('requirement-add').click();
    const form = page.getByTestId('requirement-form');
    await form.waitFor();
    await page.getByTestId('requirement-item').fill('端到端测试设备');
    await page.getByTestId('requirement-source').fill('端到端测试依据 第三条');
    await shot(page, 'equipment-requirement-form');
    const saved = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/equipment/requirements'),
    );
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    assert.equal((await saved).status(), 201);

    const dir = await mkdtemp(join(tmpdir(), 'ohp-eq-'));
    const file = join(dir, 'equipment.csv');
    await writeFile(
      file,
      [
        '机构类型,级别,领域,设备名称,最低数量,依据,起始年份,备注',
        '技术支撑机构,县级,职业卫生检测,端到端导入设备,2,端到端测试依据,2026,',
        '用人单位,县级,职业卫生检测,端到端错误行,1,端到端测试依据,2026,',
      ].join('\n'),
    );
    await page.getByTestId('equipment-import').click();
    const modal = page.locator('.ant-modal').filter({ hasText: '导入设备配置标准' });
    await modal.waitFor();
    await modal.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('import-start').click();
    const report = page.getByTestId('import-report');
    await report.waitFor();
    assert.equal(await report.locator('[data-count="accepted"]').innerText(), '1');
    assert.equal(await report.locator('[data-count="rejected"]').innerText(), '1');
    assert.ok((await report.innerText()).includes('机构类型应为'));
    await shot(page, 'equipment-import-dry-run');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('compliance by region against 95 % / 85 %, drill-down, a city CDC below target', async () => {
    const { context, page, errors } = await env.signIn('demo-province', undefined, { at: null });
    const loaded = api(page, '/equipment/compliance');
    await page.goto('/equipment/compliance');
    const r = await (await loaded).json();
    assert.equal(r.uncertain, true);
    assert.deepEqual(
      r.targets.map((x) => [x.domain, x.rate]),
      [
        ['hygiene', 0.95],
        ['radiation', 0.85],
      ],
    );
    await page.getByTestId('compliance-demo').waitFor();
    await page.getByText('口径待核实').first().waitFor();
    await page.getByTestId('compliance-regions').waitFor();
    await shot(page, 'equipment-compliance-province');

    const drilled = api(page, '/equipment/compliance');
    await page.getByTestId('drill-2202').click();
    const city = await (await drilled).json();
    assert.equal(city.regionCode, '2202');
    const below = city.institutions.find((i) => i.belowTarget && i.kind === 'support_institution');
    assert.ok(below, 'the 吉林市 CDC is below target in the demo');
    await page.getByTestId('compliance-path').getByText('吉林省').waitFor();
    await page.getByTestId('compliance-below-only').click();
    await shot(page, 'equipment-compliance-city');

    const ledger = api(page, `/equipment/institutions/${below.institutionId}`);
    await page.getByTestId(`ledger-${below.institutionId}`).click();
    const l = await (await ledger).json();
    assert.ok(l.requirements.some((c) => !c.satisfied));
    await page.getByTestId('ledger-summary').waitFor();
    await page.getByTestId('requirement-checks').getByText('未满足').first().waitFor();
    await page.getByTestId('ledger-items').getByText('检定/校准已过期，不计入').first().waitFor();
    await shot(page, 'equipment-ledger-city-cdc');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the provincial CDC records its own equipment; out of service stops it counting', async () => {
    const { context, page, errors } = await env.signIn('demo-cdc');
    const loaded = api(
      page,
      '/equipment/institutions/' +
        (await page.evaluate(async () => (await (await fetch('/api/v1/auth/me')).json()).organisation.id)),
    );
    await page.goto('/equipment/ledger');
    const l = await (await loaded).json();
    assert.equal(l.abilities.record, true);
    await page.getByTestId('item-add').click();
    await page.getByTestId('item-form').waitFor();
    await page.getByTestId('item-name').fill('端到端个体噪声剂量计');
    await page.getByTestId('item-requirement').click();
    await page.locator(SELECT_OPTION).filter({ hasText: '个体噪声剂量计' }).first().click();
    await shot(page, 'equipment-item-form');
    const created = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/equipment/items'),
    );
    await page.getByTestId('item-save').click();
    const item = await (await created).json();
    assert.equal(item.counts, true);
    const row = page.getByTestId('ledger-items').locator('tr').filter({ hasText: '端到端个体噪声剂量计' });
    await row.getByText('计入', { exact: true }).waitFor();
    await shot(page, 'equipment-ledger-own');

    await row.getByText('修改').click();
    await page.getByTestId('item-status').click();
    await page.locator(SELECT_OPTION).filter({ hasText: '停用' }).click();
    await shot(page, 'equipment-item-edit');
    const patched = page.waitForResponse(
      (r) => r.request().method() === 'PATCH' && r.url().includes('/api/v1/equipment/items/'),
    );
    await page.getByTestId('item-save').click();
    assert.equal((await patched).status(), 200);
    await row.getByText('停用，不计入').waitFor();
    await shot(page, 'equipment-ledger-out-of-service');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('coverage: cities and counties met and with gaps, and why; a county regulator sees its county', async () => {
    const { context, page, errors } = await env.signIn('demo-province', undefined, { at: null });
    const loaded = api(page, '/coverage');
    await page.goto('/coverage');
    const r = await (await loaded).json();
    assert.ok(r.summary.countiesMet > 0 && r.summary.countiesMet < r.summary.counties);
    assert.ok(r.summary.citiesMet > 0 && r.summary.citiesMet < r.summary.cities);
    await page.getByTestId('coverage-caveat').waitFor();
    await page
      .getByTestId('coverage-counties')
      .getByText('未备案粉尘类因素（不能开展尘肺病筛查）')
      .first()
      .waitFor();
    await page.getByTestId('coverage-counties').getByText('备案已注销').first().waitFor();
    await page.getByTestId('coverage-cities').getByText('非公立').first().waitFor();
    await shot(page, 'coverage-province');
    await page.getByTestId('coverage-gaps-only').click();
    await shot(page, 'coverage-gaps');
    await context.close();

    const county = await env.signIn('demo-county', undefined, { at: null });
    const mine = api(county.page, '/coverage');
    await county.page.goto('/coverage');
    const c = await (await mine).json();
    assert.equal(c.regionCode, '220102');
    assert.deepEqual(c.cities, []);
    assert.deepEqual(
      c.counties.map((k) => k.regionCode),
      ['220102'],
    );
    await county.page.getByTestId('coverage-counties').getByText('缺口').waitFor();
    await shot(county.page, 'coverage-county');
    assert.deepEqual(errors, []);
    assert.deepEqual(county.errors, []);
    await county.context.close();
  });
});
