/**
 * 劳动者档案 (issue 15 item 6) in Chromium, on the demo province: the county regulator of 南关区 finds a
 * demo worker by ID number, opens the history (exams across employers and institutions), is refused a
 * reveal without a reason, reveals with one and exports the masked record; the audit administrator
 * finds the reveal with its reason in the audit log; the demo employer sees 本单位劳动者 and a worker's
 * exams at its own site, masked, with no reveal.
 * Run after `npm run build`: `node --test --test-concurrency=1 e2e/workers.test.mjs`.
 * Screenshots: e2e/screenshots/workers-*.png.
 */
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { journeys, shot, SELECT_OPTION } from './helpers.mjs';

/** A JSON request from the page (its session cookie; the CSRF token on writes). */
const apiJson = async (page, path, { method = 'GET', body } = {}) =>
  page.evaluate(
    async ([path, method, body]) => {
      const headers = { Accept: 'application/json' };
      if (method !== 'GET') {
        const me = await (await fetch('/api/v1/auth/me')).json();
        headers['X-CSRF-Token'] = me.csrfToken;
        headers['Content-Type'] = 'application/json';
      }
      const res = await fetch(path, { method, headers, body: body ? JSON.stringify(body) : undefined });
      return { status: res.status, body: await res.json() };
    },
    [path, method, body],
  );

const rows = (page) => page.locator('.ant-table-tbody .ant-table-row');
const nextWorkers = (page, part = '') =>
  page.waitForResponse(
    (r) => r.request().method() === 'GET' && r.url().includes('/api/v1/workers?') && r.url().includes(part),
  );

/** Opens 劳动者档案 from the menu; the first answer of the list, rendered. */
const openWorkers = async (page) => {
  const listed = nextWorkers(page);
  await page.getByTestId('menu-workers').click();
  await page.waitForURL('**/workers');
  const body = await (await listed).json();
  if (body.data.length) await rows(page).first().getByTestId('worker-row-name').waitFor();
  await page.locator('.ant-pagination-total-text').waitFor();
  return body;
};

const saveDownload = async (page, click) => {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const dir = await mkdtemp(join(tmpdir(), 'ohp-dl-'));
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  return { path, name: download.suggestedFilename() };
};

const workbookText = async (path) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const cells = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => cells.push(cell.text))));
  return cells.join('|');
};

const REASON = '核实疑似职业病报告';

journeys('the worker registry', (env) => {
  let idNumber = '';
  let name = '';

  test('the county regulator finds a demo worker by ID number, opens the history and reveals with a reason', async () => {
    const { context, page, errors } = await env.signIn('demo-county');
    const first = await openWorkers(page);
    assert.ok(first.total > 0, 'the county has workers');
    const header = await page.locator('.ant-table-thead').innerText();
    for (const s of ['劳动者', '证件号码', '最近体检', '最近体检结论', '用人单位', '体检机构', '体检次数'])
      assert.ok(header.includes(s), `the header shows ${s}`);
    const table = await page.locator('.ant-table-tbody').innerText();
    assert.ok(/\d{6}\*{8}\d{3}[\dX]/.test(table), 'ID numbers are masked');
    await shot(page, 'workers-county-list');

    // A worker with earlier exams (the demo's past years): the ID number as the county would have it
    // from a paper report — read here through the API's own audited reveal.
    const many = (await apiJson(page, '/api/v1/workers?pageSize=200')).body.data.find((w) => w.examCount > 1);
    assert.ok(many, 'a demo worker of the county has several exams');
    const paper = await apiJson(page, `/api/v1/workers/${many.id}/reveal`, {
      method: 'POST',
      body: { reason: '准备演示：核对纸质报告', fields: ['idNumber', 'name'] },
    });
    assert.equal(paper.status, 200);
    idNumber = paper.body.idNumber;
    name = paper.body.name;

    // Search by the full ID number.
    await page.getByTestId('workers-id').fill(idNumber);
    const found = nextWorkers(page, `idNumber=${idNumber}`);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    const hit = await (await found).json();
    assert.equal(hit.total, 1);
    await rows(page).first().waitFor();
    assert.equal(await rows(page).count(), 1);
    assert.ok(
      !(await page.locator('.ant-table-tbody').innerText()).includes(idNumber),
      'the row stays masked',
    );
    await shot(page, 'workers-county-found');

    // The history: every exam in the county, newest first, across employers and institutions.
    await rows(page).first().getByTestId('worker-view').click();
    const drawer = page.getByTestId('worker-drawer');
    await drawer.getByTestId('worker-detail-body').waitFor();
    await drawer.getByTestId('worker-exam').first().waitFor();
    const exams = await drawer.getByTestId('worker-exam').count();
    assert.equal(exams, hit.data[0].examCount);
    assert.ok(exams > 1);
    const body = await drawer.innerText();
    assert.ok(body.includes('体检记录'));
    assert.ok(body.includes('用人单位履历'));
    assert.ok(!body.includes(idNumber), 'the history is masked');
    await shot(page, 'workers-county-history');

    // 查看完整信息: refused without a reason, shown with one.
    await drawer.getByTestId('worker-reveal').click();
    const modal = page.getByTestId('reason-modal');
    await modal.getByTestId('reason-input').waitFor();
    await page.getByTestId('reason-ok').click();
    await modal.getByText('请说明理由（至少 4 个字）').waitFor();
    await shot(page, 'workers-reveal-reason-required');
    await modal.getByTestId('reason-quick-verify').click();
    const revealed = page.waitForResponse((r) => r.url().includes(`/api/v1/workers/${many.id}/reveal`));
    await page.getByTestId('reason-ok').click();
    assert.equal((await revealed).status(), 200);
    await drawer.getByTestId('worker-revealed-idNumber').waitFor();
    assert.equal(await drawer.getByTestId('worker-revealed-idNumber').innerText(), idNumber);
    assert.equal(await drawer.getByTestId('worker-revealed-name').innerText(), name);
    await drawer.getByTestId('worker-revealed-alert').waitFor();
    await shot(page, 'workers-county-revealed');

    // 导出档案 (masked): the workbook holds the exams and no full ID number.
    await drawer.getByTestId('worker-export').hover();
    const item = page.locator('.ant-dropdown-menu-item').filter({ hasText: '导出档案（脱敏）' });
    await item.waitFor();
    const file = await saveDownload(page, () => item.click());
    assert.ok(file.name.startsWith('职业健康档案'), file.name);
    const text = await workbookText(file.path);
    assert.ok(text.includes('体检记录') || text.includes('体检日期'));
    assert.ok(!text.includes(idNumber), 'the masked export holds no full ID number');
    assert.ok(text.includes('已屏蔽'));
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the audit administrator finds the reveal and its reason in the audit log', async () => {
    const { context, page, errors } = await env.signIn('demo-auditor', undefined, { at: '/audit' });
    await page.locator('.ant-table-row').first().waitFor();
    await page.getByTestId('audit-filter-action').click();
    await page.keyboard.type('查看劳动者完整身份信息');
    const option = page.locator(SELECT_OPTION).filter({ hasText: '查看劳动者完整身份信息' });
    await option.first().waitFor();
    await option.first().click();
    const answered = page.waitForResponse(
      (r) => r.url().includes('/api/v1/audit?') && r.url().includes('action=worker.reveal'),
    );
    await page.getByRole('button', { name: /查\s*询/ }).click();
    const listed = await (await answered).json();
    assert.ok(listed.total >= 2, 'both reveals are audited');
    const entries = JSON.stringify(listed.data);
    assert.ok(entries.includes(REASON), 'the reason is in the trail');
    assert.ok(!entries.includes(idNumber), 'the value is not');
    assert.ok(!entries.includes(name), 'nor the name');
    const first = page.locator('.ant-table-row').filter({ hasText: '查看劳动者完整身份信息' }).first();
    await first.waitFor();
    // The entry opened: the fields shown and the reason, not the values.
    await first.locator('.ant-table-row-expand-icon').click();
    await page.locator('.ant-table-expanded-row').getByText(REASON, { exact: false }).first().waitFor();
    const expanded = await page.locator('.ant-table-expanded-row').first().innerText();
    assert.ok(!expanded.includes(idNumber), 'the opened entry holds no ID number');
    await shot(page, 'workers-audit-reveal');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the employer sees 本单位劳动者: its workers, their exams with it, masked, no reveal', async () => {
    const { context, page, errors } = await env.signIn('demo-employer');
    const mine = await openWorkers(page);
    assert.ok(mine.total > 0, 'the demo employer has workers');
    await page.getByTestId('workers-title').getByText('本单位劳动者', { exact: true }).waitFor();
    const header = await page.locator('.ant-table-thead').innerText();
    assert.ok(!header.includes('用人单位'), 'no employer column: all are its own');
    const creditCodes = new Set(mine.data.map((w) => w.employerCreditCode));
    assert.equal(creditCodes.size, 1, 'every worker’s latest exam names the employer');
    await shot(page, 'workers-employer-list');
    await rows(page).first().getByTestId('worker-view').click();
    const drawer = page.getByTestId('worker-drawer');
    await drawer.getByTestId('worker-exam').first().waitFor();
    assert.equal(await drawer.getByTestId('worker-reveal').count(), 0, 'no reveal for an employer');
    await drawer.getByTestId('worker-export').waitFor();
    await shot(page, 'workers-employer-history');
    const refused = await apiJson(page, `/api/v1/workers/${mine.data[0].id}/reveal`, {
      method: 'POST',
      body: { reason: REASON },
    });
    assert.equal(refused.status, 403);
    assert.deepEqual(
      errors.filter((e) => !e.includes('403')),
      [],
    );
    await context.close();
  });
});
