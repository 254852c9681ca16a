/**
 * 驾驶舱 (issue 18 item 3) in Chromium, on the demo province, against the real indicators server
 * (packages/contracts/src/indicators.ts). The provincial commission opens on its own region and the
 * current year, drills province → city → county through the ranking, walks back with the back button and
 * the breadcrumb, opens the list behind a figure (region and period passed on), and exports what is shown
 * (xlsx). The county clerk's dashboard and the catalogue fit a phone (390 px). Without a boundary file
 * installed (OHP_GEOJSON_DIR unset) the map is a tile grid.
 * Run after `npm run build`: `node --test --test-concurrency=1 e2e/dashboard.test.mjs`.
 * Screenshots: e2e/screenshots/dashboard-*.png.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { journeys, shot } from './helpers.mjs';

const PHONE = { width: 390, height: 844 };

/** The next GET of `path` (optionally with `region`), answered. */
const api = (page, path, region) =>
  page.waitForResponse((r) => {
    const u = new URL(r.url());
    return (
      r.request().method() === 'GET' &&
      u.pathname === `/api/v1${path}` &&
      (region === undefined || u.searchParams.get('region') === region)
    );
  });

const noOverflow = async (page, what) =>
  assert.equal(
    await page.evaluate(() => globalThis.document.documentElement.scrollWidth - globalThis.innerWidth),
    0,
    `${what} overflows the phone`,
  );

journeys('dashboard', (env) => {
  test('the province: own region, drill-down to a county and back, the list behind a figure, export', async () => {
    const s = await env.signIn('demo-province');
    const p = s.page;
    for (const path of ['/dashboard', '/indicators/catalogue'])
      assert.equal(await p.locator(`a[data-menu-path="${path}"]`).count(), 1, `menu ${path}`);

    const first = api(p, '/indicators/overview');
    const cat = api(p, '/indicators/catalogue');
    await p.goto('/dashboard');
    const o = await (await first).json();
    const catalogue = await (await cat).json();
    assert.equal(o.region.code, '22', 'opens on the user’s own region');
    assert.equal(o.period.grain, 'year', 'opens on the current year');
    await p.getByTestId('dashboard').waitFor();
    assert.ok((await p.getByTestId('dashboard-title').innerText()).includes(o.region.name));
    const shown = o.panels.filter((x) => catalogue.definitions.some((d) => d.code === x.code));
    assert.equal(await p.locator('[data-testid^="kpi-"][data-state]').count(), shown.length);
    // A partial or uncollected indicator says why, never a bare 0.
    for (const d of catalogue.definitions.filter((x) => x.dataStatus !== 'data' && x.caveat))
      if (shown.some((x) => x.code === d.code))
        await p.getByTestId(`kpi-${d.code}`).getByTestId('kpi-caveat').waitFor();
    await shot(p, 'dashboard-province');

    // Drill province → city through the ranking of the selected indicator.
    await p.getByTestId('indicator-detail').waitFor();
    const city = o.children[0];
    assert.ok(city, 'the province has cities');
    const toCity = api(p, '/indicators/overview', city.code);
    await p.getByTestId(`ranking-drill-${city.code}`).click();
    const oc = await (await toCity).json();
    assert.deepEqual(
      oc.breadcrumb.map((r) => r.code),
      ['22', city.code],
    );
    await p.getByTestId(`dashboard-crumb-${city.code}`).waitFor();
    assert.equal(new URL(p.url()).searchParams.get('region'), city.code);
    await shot(p, 'dashboard-city');

    // City → county.
    const county = oc.children[0];
    assert.ok(county, 'the city has counties');
    const toCounty = api(p, '/indicators/overview', county.code);
    await p.getByTestId(`ranking-drill-${county.code}`).click();
    const ok = await (await toCounty).json();
    assert.equal(ok.children.length, 0, 'a county has no sub-regions');
    await p.getByTestId(`dashboard-crumb-${county.code}`).waitFor();
    await shot(p, 'dashboard-county');

    // The back button goes up one level; the breadcrumb goes to the province.
    await p.goBack();
    await p.getByTestId(`ranking-drill-${county.code}`).waitFor();
    assert.equal(new URL(p.url()).searchParams.get('region'), city.code);
    await p.getByTestId('dashboard-crumb-22').click();
    await p.waitForFunction(() => new URL(globalThis.location.href).searchParams.get('region') === '22');

    // Export what is shown: one xlsx (a zip), named by the server.
    const download = p.waitForEvent('download');
    await p.getByTestId('dashboard-export').click();
    const file = await download;
    assert.match(file.suggestedFilename(), /\.xlsx$/);

    // 预警与待办 by region: the province's open clocks per city, the overdue ones linking to the to-dos.
    const todos = p.getByTestId('region-todos');
    await todos.scrollIntoViewIfNeeded();
    await todos.locator('.ant-table-row').first().waitFor();
    assert.ok((await todos.locator('.ant-table-row').count()) >= 1);
    await shot(p, 'dashboard-todos');

    // 调度报告: the quarterly dispatch of the province, its figures against targets; then the year's.
    const rep = api(p, '/indicators/reports');
    await p.getByTestId('dashboard-reports').click();
    const report = await (await rep).json();
    assert.equal(report.kind, 'quarterly');
    await p.getByTestId('report-title').waitFor();
    assert.ok((await p.getByTestId('report-title').innerText()).includes('季调度'));
    assert.ok(report.rows.length > 5 && report.notCollected.length > 5);
    const annual = api(p, '/indicators/reports');
    await p.getByTestId('report-kind').getByText('年评估').click();
    assert.equal((await (await annual).json()).kind, 'annual');
    await p.getByTestId('report').getByText('年度评估报告').waitFor();
    await shot(p, 'dashboard-report');
    const xlsx = p.waitForEvent('download');
    await p.getByTestId('report-xlsx').click();
    assert.match((await xlsx).suggestedFilename(), /\.xlsx$/);
    await p.goBack();
    await p.goBack();
    await p.getByTestId('dashboard').waitFor();

    // The list behind a figure, filtered as the figure is.
    // The exam-card figures open the card list filtered to the region and the period's exam dates.
    assert.equal(
      catalogue.definitions.find((y) => y.code === 'exam_card_timeliness').listPath,
      '/exam-cards',
    );
    const cards = p.waitForRequest((r) => {
      const u = new URL(r.url());
      return u.pathname === '/api/v1/exam-cards' && u.searchParams.get('from') !== null;
    });
    await p.getByTestId('kpi-exam_card_timeliness').getByTestId('kpi-value').click();
    await p.waitForURL((u) => u.pathname === '/exam-cards');
    const q = new URL(p.url()).searchParams;
    assert.equal(q.get('region'), '22');
    assert.equal(q.get('period'), o.period.param);
    const listed = new URL((await cards).url()).searchParams;
    assert.equal(listed.get('regionCode'), '22');
    assert.equal(listed.get('from'), `${o.period.param}-01-01`);
    assert.equal(listed.get('to'), `${o.period.param}-12-31`);
    await shot(p, 'dashboard-list-behind');

    // The other lists behind figures take the figure's region (and period where they have one).
    assert.equal(
      catalogue.definitions.find((y) => y.code === 'qc_rectification_rate').listPath,
      '/rectifications/rates',
    );
    const behind = async (path, apiPath, expected) => {
      const req = p.waitForRequest((r) => new URL(r.url()).pathname === `/api/v1${apiPath}`);
      await p.goto(`${path}?region=2201&period=${o.period.param}`);
      const got = new URL((await req).url()).searchParams;
      for (const [k, v] of Object.entries(expected)) assert.equal(got.get(k), v, `${path}: ${k}`);
    };
    await behind('/rectifications/rates', '/rectifications/rates', {
      regionCode: '2201',
      from: `${o.period.param}-01-01`,
      to: `${o.period.param}-12-31`,
    });
    await p.getByTestId('rates-up').waitFor();
    await shot(p, 'dashboard-behind-rectification-rates');
    await behind('/declaration-oversight', '/declaration-oversight/rates', { region: '2201' });
    await behind('/periodic-exams', '/periodic-exams/due', { regionCode: '2201' });
    // QC coverage (质控覆盖率) opens the plan of the figure's year on the region's institutions.
    assert.equal(catalogue.definitions.find((y) => y.code === 'qc_coverage_2y').listPath, '/qc/plans');
    await p.goto(`/qc/plans?region=2201&period=${o.period.param}`);
    await p
      .getByTestId('qc-plan-region')
      .getByText(/长春市/)
      .waitFor();
    assert.equal(
      await p.getByTestId('qc-plan-year').locator('.ant-select-selection-item').innerText(),
      `${o.period.param} 年度`,
    );
    const planRows = p.locator('.ant-table-row');
    await planRows
      .first()
      .getByText(/吉林省 长春市/)
      .waitFor();
    const planTexts = await planRows.allInnerTexts();
    assert.ok(planTexts.length >= 1);
    for (const text of planTexts) assert.match(text, /长春市/);
    await shot(p, 'dashboard-behind-qc-plan');
    // The public-institution coverage targets (市/县 机构覆盖) open on the region's cities and counties.
    assert.equal(catalogue.definitions.find((y) => y.code === 'county_public_exam').listPath, '/coverage');
    await p.goto('/coverage?region=2201');
    await p
      .getByTestId('coverage-region')
      .getByText(/长春市/)
      .waitFor();
    const counties = p.getByTestId('coverage-counties').locator('.ant-table-row');
    await counties.first().waitFor();
    for (const text of await counties.allInnerTexts()) assert.match(text, /长春市/);
    await shot(p, 'dashboard-behind-coverage');
    assert.deepEqual(s.errors, []);
  });

  test('a county clerk on a phone: the dashboard and the catalogue fit 390 px', async () => {
    const { page, errors } = await env.signIn('demo-county', PHONE, { at: null });
    const first = api(page, '/indicators/overview');
    await page.goto('/dashboard');
    const o = await (await first).json();
    assert.equal(o.region.level, 6, 'opens on the clerk’s county');
    await page.getByTestId('dashboard').waitFor();
    await noOverflow(page, 'the dashboard');
    await shot(page, 'dashboard-county-phone');
    await page.goto('/indicators/catalogue');
    await page.getByTestId('catalogue-table').waitFor();
    await noOverflow(page, 'the catalogue');
    await shot(page, 'dashboard-catalogue-phone');
    assert.deepEqual(errors, []);
  });
});
