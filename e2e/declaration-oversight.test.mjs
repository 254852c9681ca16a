/**
 * 申报调度 (issue 17 item 5) in Chromium, on the demo province: the provincial commission sees the two
 * rates against their targets and drills down from the province to a city; the quarterly dispatch table
 * with its print and download buttons; the demo's sampling check with the per-city assessment, verified
 * by a re-draw; the white/black lists with the provisional rules. A city commission sees the sampling but
 * cannot draw; a county clerk's rates page fits a phone. A county draws employers to inspect (双随机抽查),
 * weighted by the lists, verifies the draw, and reads its city's draw with only its own employers listed.
 * Run after `npm run build`: `node --test --test-concurrency=1 e2e/declaration-oversight.test.mjs`.
 * Screenshots: e2e/screenshots/oversight-*.png.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { journeys, shot } from './helpers.mjs';

const api = (page, path) =>
  page.waitForResponse(
    (r) => r.request().method() === 'GET' && new URL(r.url()).pathname === `/api/v1${path}`,
  );

journeys('declaration oversight', (env) => {
  test('the province: rates with both denominators, drill-down, dispatch, sampling, lists', async () => {
    const { page, errors } = await env.signIn('demo-province');
    for (const p of [
      '/declaration-oversight',
      '/declaration-oversight/dispatch',
      '/declaration-oversight/sampling',
      '/declaration-oversight/lists',
    ])
      assert.equal(await page.locator(`a[data-menu-path="${p}"]`).count(), 1, `menu ${p}`);
    const rates = api(page, '/declaration-oversight/rates');
    await page.goto('/declaration-oversight');
    const r = await (await rates).json();
    await page.getByTestId('oversight-rate-a').waitFor();
    await page.getByTestId('oversight-rate-b').waitFor();
    if (r.total.figures.a.denominator > 0)
      assert.ok(
        (await page.getByTestId('oversight-declared-a').innerText()).includes(
          `${r.total.figures.a.denominator}`,
        ),
      );
    await page.getByTestId('oversight-regions').waitFor();
    await shot(page, 'oversight-rates');
    const city = r.children[0];
    const drilled = api(page, '/declaration-oversight/rates');
    await page.getByTestId('oversight-regions').getByText(city.regionName, { exact: true }).click();
    assert.equal((await (await drilled).json()).regionCode, city.regionCode);
    await page.getByTestId('oversight-gap-table').waitFor();
    await shot(page, 'oversight-rates-city');

    const dispatch = api(page, '/declaration-oversight/dispatch');
    await page.goto('/declaration-oversight/dispatch');
    const d = await (await dispatch).json();
    await page.getByTestId('dispatch-table').waitFor();
    assert.ok(
      (await page.locator('#dispatch-print h4').innerText()).includes('职业病危害项目申报进展季调度表'),
    );
    assert.equal(d.rows.length, r.children.length);
    await shot(page, 'oversight-dispatch');
    await page.emulateMedia({ media: 'print' });
    await shot(page, 'oversight-dispatch-print');
    await page.emulateMedia({ media: 'screen' });

    const samplings = api(page, '/declaration-oversight/samplings');
    await page.goto('/declaration-oversight/sampling');
    const s = await (await samplings).json();
    assert.ok(s.data.length >= 1, 'the demo sampling');
    await page.getByTestId('sampling-cities').waitFor();
    await page.getByTestId('sampling-units').waitFor();
    const verify = api(page, `/declaration-oversight/samplings/${s.data[0].id}/verify`);
    await page.getByTestId('sampling-verify').click();
    const v = await (await verify).json();
    assert.equal(v.sameDraw, true);
    assert.equal(v.populationIntact, true);
    await shot(page, 'oversight-sampling');

    const lists = api(page, '/declaration-oversight/lists');
    await page.goto('/declaration-oversight/lists');
    const l = await (await lists).json();
    await page.getByTestId('oversight-lists').waitFor();
    assert.ok(l.counts.black >= 1, 'black entries from the demo sampling');
    await page.locator('.ant-table-tbody').getByText('已确认').first().waitFor();
    await shot(page, 'oversight-lists');
    assert.deepEqual(errors, []);
  });

  test('a city sees the sampling but cannot draw; a county clerk on a phone sees its rates', async () => {
    const { page } = await env.signIn('demo-city', undefined, { at: '/declaration-oversight/sampling' });
    await page.getByTestId('sampling-cities').waitFor();
    assert.equal(await page.getByTestId('sampling-draw').count(), 0);
    await shot(page, 'oversight-sampling-city');
    const phone = await env.signIn('demo-county', { width: 390, height: 844 }, { at: null });
    const rates = api(phone.page, '/declaration-oversight/rates');
    await phone.page.goto('/declaration-oversight');
    await rates;
    await phone.page.getByTestId('oversight-rate-a').waitFor();
    const overflow = await phone.page.evaluate(
      () => globalThis.document.documentElement.scrollWidth > globalThis.innerWidth + 1,
    );
    assert.equal(overflow, false, 'no horizontal overflow on a phone');
    await shot(phone.page, 'oversight-rates-phone');
  });

  test('a county draws employers to inspect, weighted by the lists, and verifies the draw', async () => {
    const { page, errors } = await env.signIn('demo-county', undefined, { at: null });
    const listed = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/declaration-oversight/inspection-draws',
    );
    await page.goto('/declaration-oversight/inspections');
    const demo = await (await listed).json();
    // The demo's draws of this year: the county's own and its city's.
    assert.equal(demo.data.length, 2, JSON.stringify(demo.data.map((d) => d.regionCode)));
    await page.getByTestId('inspection-lists').waitFor();
    await page.getByTestId('inspection-units').locator('.ant-table-row').first().waitFor();
    // The city's draw: the county sees its own employers and a count of the others.
    const cityDraw = demo.data.find((d) => d.regionCode.length === 4);
    await page.getByTestId('inspection-draws').getByText(cityDraw.title).click();
    await page.getByText(/另有 \d+ 家抽中单位在本部门管辖范围以外/).waitFor();

    // A new draw of 4, with a seed.
    await page.getByTestId('inspection-draw').click();
    const form = page.getByTestId('inspection-draw-form');
    await form.locator('#planned').fill('4');
    await form.locator('#seed').fill('E2E-SSJ-1');
    await form.locator('#title').fill('端到端测试双随机抽查');
    const created = page.waitForResponse(
      (r) =>
        r.request().method() === 'POST' &&
        new URL(r.url()).pathname === '/api/v1/declaration-oversight/inspection-draws',
    );
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    const res = await created;
    assert.equal(res.status(), 201);
    const d = await res.json();
    assert.equal(d.units.length, Math.min(4, d.populationCount));
    assert.deepEqual(
      d.lists.map((l) => [l.list, l.weight]),
      [
        ['white', 0.5],
        ['black', 2],
        ['none', 1],
      ],
    );
    await page.getByTestId('inspection-detail').getByText('E2E-SSJ-1').waitFor();
    assert.equal(
      await page.getByTestId('inspection-units').locator('.ant-table-row').count(),
      d.units.length,
    );
    await page.getByTestId('inspection-verify').click();
    await page.getByText('核验一致').waitFor();
    await shot(page, 'oversight-inspections');
    assert.deepEqual(errors, []);
  });
});
