/**
 * 职业病诊断报告 (issue 15 items 2 and 7) in Chromium, on the demo province: the diagnosis institution
 * (demo-diag) opens its reports, files a new one from a suspected case referred to it (worker, employer
 * and exposure prefilled; the stage fields shown for a pneumoconiosis only), and sees it with the case it
 * resolved; the province regulator finds the case closed in the tracker and opens the report from there.
 * Run after `npm run build`: `node --test --test-concurrency=1 e2e/diagnosis-reports.test.mjs`.
 * Screenshots: e2e/screenshots/diagnosis-*.png.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SELECT_OPTION, journeys, shot } from './helpers.mjs';

const apiJson = async (page, path) =>
  page.evaluate(async (path) => {
    const res = await fetch(path, { headers: { Accept: 'application/json' } });
    return { status: res.status, body: await res.json() };
  }, path);

const rows = (page) => page.locator('.ant-table-tbody .ant-table-row');
/** China dates, as the platform's (UTC+8). */
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** Picks the first option of an open antd Select dropdown. */
// Options of the open dropdown once it has finished opening (a click during antd's slide-in can miss).
const pickFirst = async (page) => {
  const option = page.locator(SELECT_OPTION).first();
  await option.waitFor();
  await option.click();
};
const pickText = async (page, text) => {
  const option = page.locator(SELECT_OPTION).filter({ hasText: text }).first();
  await option.waitFor();
  await option.click();
};
/** Opens a Select and picks the option with this text, until the Select shows it (layout may shift). */
const chooseIn = async (page, select, text) => {
  for (let i = 0; i < 3; i++) {
    await select.click();
    await pickText(page, text);
    if ((await select.innerText()).includes(text)) return;
  }
  assert.fail(`could not choose ${text}`);
};
const fillDate = async (page, label, value) => {
  const input = page.getByTestId('report-form').getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
};

journeys('diagnosis reports', (env) => {
  let resolvedCase = null;

  test('the diagnosis institution files a report resolving a referred suspected case', async () => {
    const { context, page, errors } = await env.signIn('demo-diag');
    const referrals = await apiJson(page, '/api/v1/diagnosis-reports/referrals');
    assert.equal(referrals.status, 200);
    assert.ok(referrals.body.length > 0, 'the demo refers suspected cases to demo-diag that still wait');

    const listed = page.waitForResponse((r) => r.url().includes('/api/v1/diagnosis-reports?'));
    await page.getByTestId('menu-diagnosis-reports').click();
    await page.waitForURL('**/diagnosis-reports');
    const first = await (await listed).json();
    assert.ok(first.total > 1, 'the demo reports of demo-diag are listed');
    await rows(page).first().getByTestId('report-worker').waitFor();
    assert.ok(
      (await page.locator('[data-conclusion="diagnosed"]').count()) > 0,
      'some demo reports are diagnoses',
    );
    await shot(page, 'diagnosis-list-institution');

    // A report from the first referral.
    await page.getByTestId('report-add').click();
    const form = page.getByTestId('report-form');
    await form.waitFor();
    await form.getByTestId('report-referral').click();
    await pickFirst(page);
    await form.getByTestId('report-prefill').waitFor();
    const chosen = referrals.body[0];
    const pneumo = /^11\d\d$/.test(chosen.diseaseCode);
    // The stage fields are there for a pneumoconiosis only.
    assert.equal(await form.getByTestId('report-stage-fields').count(), pneumo ? 1 : 0);
    if (pneumo) {
      await chooseIn(page, form.getByTestId('report-case-type'), '新病例');
      await chooseIn(page, form.getByTestId('report-stage-input'), '壹期');
      await fillDate(page, '壹期诊断日期', today());
    }
    // A pre-employment card has no exposure start: the physician enters it.
    const start = form.getByLabel('开始接害日期', { exact: true });
    if (!(await start.inputValue())) await fillDate(page, '开始接害日期', '2015-03-01');
    const physicians = form.getByTestId('report-physicians').locator('input');
    for (const name of ['王立新', '刘晓梅', '赵国强']) {
      await physicians.fill(name);
      await physicians.press('Enter');
    }
    await form.getByLabel('单位负责人').fill('陈建华');
    await form.getByLabel('报告人', { exact: true }).fill('孙丽');
    await form.getByLabel('报告人电话').fill('0431-85550123');
    await shot(page, 'diagnosis-form');

    const saved = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/diagnosis-reports'),
    );
    await page.getByTestId('report-submit').click();
    const invalid = await form
      .locator('.ant-form-item-explain-error')
      .first()
      .waitFor({ timeout: 3000 })
      .then(async () => form.locator('.ant-form-item-explain-error').allInnerTexts())
      .catch(() => null);
    assert.equal(invalid, null, `the form refused: ${invalid}`);
    const res = await saved;
    const body = await res.json();
    assert.equal(res.status(), 200, JSON.stringify(body));
    assert.equal(body.outcome, 'accepted');
    assert.equal(body.suspectedCaseId, chosen.suspectedCaseId);
    resolvedCase = chosen.suspectedCaseId;

    // The report opens in the drawer with the case it resolved.
    const drawer = page.getByTestId('report-detail');
    await drawer.getByTestId('report-suspected').waitFor();
    assert.ok((await drawer.getByTestId('report-suspected').innerText()).includes(`#${resolvedCase}`));
    if (pneumo) assert.equal(await drawer.getByTestId('report-stage').innerText(), '壹期');
    await shot(page, 'diagnosis-detail');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the province regulator finds the case closed and opens the report from the tracker', async () => {
    assert.ok(resolvedCase, 'the first journey resolved a case');
    const { context, page, errors } = await env.signIn('demo-province');
    const cases = await apiJson(page, '/api/v1/suspected-cases?pageSize=200&status=diagnosed');
    const excluded = await apiJson(page, '/api/v1/suspected-cases?pageSize=200&status=excluded');
    const closed = [...cases.body.data, ...excluded.body.data].find((c) => c.id === resolvedCase);
    assert.ok(closed, 'the case is closed for the regulator');
    assert.ok(
      closed.clocks.every((k) => k.done),
      'its clocks are closed',
    );

    // The regulator's list: the diagnoses of the province, with the filter by stage.
    const listed = page.waitForResponse((r) => r.url().includes('/api/v1/diagnosis-reports?'));
    await page.getByTestId('menu-diagnosis-reports').click();
    await page.waitForURL('**/diagnosis-reports');
    const all = await (await listed).json();
    assert.ok(all.total > 1);
    await rows(page).first().getByTestId('report-worker').waitFor();
    await shot(page, 'diagnosis-list-regulator');

    // The tracker: the case's row links its report.
    const tracked = page.waitForResponse((r) => r.url().includes('/api/v1/suspected-cases?'));
    await page.getByTestId('menu-suspected-cases').click();
    await page.waitForURL('**/suspected-cases');
    await tracked;
    await rows(page).first().waitFor();
    const link = page.getByTestId('case-report').first();
    await link.waitFor({ timeout: 30_000 });
    await link.click();
    await page.getByTestId('report-detail').getByTestId('report-conclusion').first().waitFor();
    await shot(page, 'diagnosis-from-tracker');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
