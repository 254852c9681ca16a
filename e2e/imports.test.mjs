/**
 * Uploads as jobs (issue 15) in Chromium: a regulator imports a CSV of organisations with two bad rows;
 * the server of this file answers every upload with 202 (OHP_IMPORT_WAIT_SECONDS=0), so the dialog
 * follows the batch — its progress, then the same report a 200 shows — and 导入任务 lists the batch
 * with its counts and the rejected rows to download. While a screenshot of the progress is taken, the
 * batch's answers are held at "running" (the real job of 30 rows is done within a second).
 * Run after `npm run build`: `node --test --test-concurrency=1 e2e/imports.test.mjs`.
 * Screenshots: e2e/screenshots/imports-*.png.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { journeys, shot, chooseLanguage } from './helpers.mjs';

process.env.OHP_IMPORT_WAIT_SECONDS = '0';

// GB 32100 (统一社会信用代码) and GB 11714 check characters, as packages/standards/src/codes computes them.
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const orgCheck = (body) => {
  const sum = [...body].reduce(
    (s, ch, i) => s + (/\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55) * ORG_WEIGHTS[i],
    0,
  );
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
};
const creditCode = (n) => {
  const org = `E2${String(n).padStart(6, '0')}`;
  const first17 = `91220102${org}${orgCheck(org)}`;
  const sum = [...first17].reduce((s, ch, i) => s + CHARSET.indexOf(ch) * WEIGHTS[i], 0);
  return first17 + CHARSET[(31 - (sum % 31)) % 31];
};

/** 30 rows for 长春市南关区 (220102): 28 valid, one with a wrong check character, one of an unknown type. */
const csv = () => {
  const lines = ['单位名称,单位类型,行政区划代码,统一社会信用代码,是否公立'];
  for (let i = 1; i <= 30; i++) {
    const name = `南关区导入测试第${i}机械厂`;
    if (i === 7) {
      const good = creditCode(i);
      const wrong = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
      lines.push(`${name},用人单位,220102,${wrong},否`);
    } else if (i === 19) lines.push(`${name},外星单位,220102,${creditCode(i)},否`);
    else lines.push(`${name},用人单位,220102,${creditCode(i)},否`);
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
};

const FILE = { name: '南关区单位导入.csv', mimeType: 'text/csv', buffer: csv() };

/** GET /api/v1/imports/:id, or the list GET /api/v1/imports. */
const isBatchUrl = (url) => /\/api\/v1\/imports\/\d+$/.test(url.pathname);
const isListUrl = (url) => url.pathname === '/api/v1/imports';

/** Answers as the server does, but with the batch shown still running at `progress`. */
const holdRunning = (progress) => async (route) => {
  try {
    const res = await route.fetch();
    const held = (b) => ({ ...b, status: 'running', progress, finishedAt: null, report: null, error: null });
    const body = await res.json();
    const json = Array.isArray(body.data)
      ? { ...body, data: body.data.map((b, i) => (i === 0 ? held(b) : b)) }
      : held(body);
    await route.fulfill({ response: res, json });
  } catch {
    // The journey moved on (route removed, page closed) while this poll was in flight: nothing to
    // answer any more — the page's own assertions already ran on what it showed.
  }
};

journeys('imports as jobs', (env) => {
  test('a regulator imports organisations, follows the batch and finds it under 导入任务', async () => {
    const { context, page, errors } = await env.signIn('demo-province');

    // The menu entry leads to the province's uploads: the demo's (its 历史申报 upload) before this one's.
    const listedFirst = page.waitForResponse((r) => isListUrl(new URL(r.url())));
    await page.getByTestId('menu-imports').click();
    await page.waitForURL('**/imports');
    const before = (await (await listedFirst).json()).total;
    if (before === 0) await page.getByTestId('imports-empty').waitFor();
    else await page.locator('.ant-table-row').first().waitFor();
    assert.equal((await page.getByTestId('page-title').innerText()).trim(), '导入任务');
    await shot(page, 'imports-before');

    // The real import (not a dry run): 202, progress, then the report.
    await page.goto('/organisations');
    await page.locator('.ant-table-row').first().waitFor();
    await page.getByTestId('org-import').click();
    const modal = page.locator('.ant-modal-content');
    await modal.getByText('下载导入模板').waitFor();
    await modal.locator('input[type=file]').setInputFiles(FILE);
    await modal.getByText('仅校验，不写入（试导入）').click();
    assert.equal(await modal.locator('.ant-checkbox-input').isChecked(), false);

    await page.route(isBatchUrl, holdRunning({ phase: 'process', done: 12, total: 30 }));
    const posted = page.waitForResponse(
      (r) => r.url().includes('/api/v1/organisations/import') && r.request().method() === 'POST',
    );
    await modal.getByTestId('import-start').click();
    const answer = await posted;
    assert.equal(answer.status(), 202, 'with no wait the upload answers with the batch');
    const accepted = await answer.json();
    assert.equal(accepted.kind, 'organisation');
    assert.equal(accepted.fileName, FILE.name);
    assert.equal(accepted.dryRun, false);

    const running = modal.getByTestId('import-running');
    await running.waitFor();
    await modal.getByText('12 / 30 行').waitFor();
    const runningText = await running.innerText();
    for (const s of ['校验并写入', '40%', '文件已上传，正在后台导入', '前往导入任务'])
      assert.ok(runningText.includes(s), `the progress shows ${s}: ${runningText}`);
    await shot(page, 'imports-organisation-progress');

    // Released: the next poll brings the finished batch and its report.
    await page.unroute(isBatchUrl);
    const report = modal.getByTestId('import-report');
    await report.waitFor({ timeout: 30_000 });
    await running.waitFor({ state: 'detached' });
    const batch = await page.evaluate(
      async (id) => (await fetch(`/api/v1/imports/${id}`)).json(),
      accepted.batchId,
    );
    assert.equal(batch.status, 'done');
    assert.deepEqual(
      [batch.report.total, batch.report.accepted, batch.report.rejected],
      [30, 28, 2],
      JSON.stringify(batch.report),
    );
    assert.ok(batch.report.errorFileId, 'the rejected rows have an error file');
    const reportText = await report.innerText();
    for (const s of ['导入结果', '总行数', '新增', '拒绝', '错误明细', '下载错误文件', '30', '28'])
      assert.ok(reportText.includes(s), `the report shows ${s}`);
    assert.deepEqual(
      (await report.locator('.ant-table-row td:first-child').allInnerTexts()).map(Number),
      [8, 20],
      'the two bad rows, by their row number in the sheet',
    );
    await shot(page, 'imports-organisation-report');

    // A dry run of the same file, closed while it runs: the import goes on, 导入任务 has it.
    await modal.locator('input[type=file]').setInputFiles(FILE);
    await modal.getByText('仅校验，不写入（试导入）').click();
    assert.equal(await modal.locator('.ant-checkbox-input').isChecked(), true);
    await page.route(isBatchUrl, holdRunning({ phase: 'stage', done: 15, total: null }));
    const posted2 = page.waitForResponse(
      (r) => r.url().includes('/api/v1/organisations/import?dryRun=true') && r.request().method() === 'POST',
    );
    await modal.getByTestId('import-start').click();
    assert.equal((await posted2).status(), 202);
    await modal.getByText('已读取 15 行').waitFor();
    assert.ok((await running.innerText()).includes('读取文件'));
    await page.locator('.ant-modal-close').click();
    await page.locator('.ant-message').getByText('导入仍在后台进行').waitFor();
    await modal.waitFor({ state: 'hidden' });
    await page.unroute(isBatchUrl);

    // 导入任务: the newest (the dry run) shown running first, then as it is: the list asks again.
    await page.route(isListUrl, holdRunning({ phase: 'process', done: 12, total: 30 }));
    await page.getByTestId('menu-imports').click();
    await page.waitForURL('**/imports');
    const rows = page.locator('.ant-table-row');
    await rows.nth(1).waitFor();
    assert.equal(await rows.count(), Math.min(before + 2, 20));
    const newest = rows.nth(0);
    await newest.locator('[data-status="running"]').waitFor();
    assert.ok((await newest.innerText()).includes('12 / 30 行'));
    await shot(page, 'imports-list-running');
    await page.unroute(isListUrl);
    // Polled within 2 s (plus the request): the same row, now done.
    await newest.locator('[data-status="done"]').waitFor({ timeout: 10_000 });

    const dry = await newest.innerText();
    for (const s of ['南关区单位导入.csv', '单位', '试导入', '已完成', '下载被拒绝的行'])
      assert.ok(dry.includes(s), `the dry run's row shows ${s}: ${dry}`);
    const countsOf = async (row) =>
      Object.fromEntries(
        await row
          .locator('[data-count]')
          .evaluateAll((els) => els.map((e) => [e.getAttribute('data-count'), e.innerText])),
      );
    // A dry run counts the rows that would be written as 新增 (the server's `valid`).
    const dryCounts = await countsOf(newest);
    assert.equal(dryCounts.total, '总行数 30');
    assert.equal(dryCounts.rejected, '拒绝 2');
    const real = rows.nth(1);
    const realText = await real.innerText();
    assert.ok(!realText.includes('试导入'), 'the real import carries no dry-run tag');
    assert.deepEqual(await countsOf(real), {
      total: '总行数 30',
      accepted: '新增 28',
      updated: '更新 0',
      unchanged: '未变化 0',
      rejected: '拒绝 2',
    });
    assert.ok(realText.includes(String(accepted.batchId)), 'the batch number');
    assert.match(realText, /上传 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
    assert.match(realText, /完成 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
    await page.locator('.ant-pagination-total-text').waitFor();
    assert.equal(await page.locator('.ant-pagination-total-text').innerText(), `共 ${before + 2} 条`);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      real.getByTestId('import-error-file').click(),
    ]);
    assert.equal(download.suggestedFilename(), `导入错误-批次${accepted.batchId}.xlsx`);
    assert.equal(download.url().startsWith('blob:'), true);
    await shot(page, 'imports-list');

    // The same page in English.
    await chooseLanguage(page, 'en');
    await page.getByTestId('page-title').getByText('My imports').waitFor();
    await rows.nth(1).waitFor();
    const en = await rows.nth(1).innerText();
    for (const s of ['Organisations', 'Done', 'Rows 30', 'Added 28', 'Rejected 2', 'Rejected rows'])
      assert.ok(en.includes(s), `English: ${s} in ${en}`);
    await shot(page, 'imports-list-english');

    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the standards panel follows its 202 batch to the report; 导入任务 shows only the own uploads', async () => {
    const { context, page, errors } = await env.signIn('demo-qc', undefined, { at: '/standards' });
    const imp = page.getByTestId('import-panel');
    await imp.waitFor();
    await imp.scrollIntoViewIfNeeded();
    await imp.locator('input[type=file]').setInputFiles({
      name: 'bad-header.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('foo,bar\n1,2\n'),
    });
    await imp.getByText('bad-header.csv').waitFor();
    await page.route(isBatchUrl, holdRunning({ phase: 'queued', done: 0, total: null }));
    const posted = page.waitForResponse(
      (r) => r.url().includes('/api/v1/standards/imports?') && r.request().method() === 'POST',
    );
    await imp.getByTestId('import-start').click();
    const answer = await posted;
    assert.equal(answer.status(), 202);
    const accepted = await answer.json();
    assert.equal(accepted.kind, 'standards');
    const running = imp.getByTestId('import-running');
    await running.waitFor();
    assert.ok((await running.innerText()).includes('排队等待'));
    await page.unroute(isBatchUrl);
    const report = imp.getByTestId('import-report');
    await report.waitFor({ timeout: 30_000 });
    assert.match(await imp.getByTestId('import-rejected').innerText(), /拒绝行\s*1/);
    assert.match(await imp.getByTestId('import-accepted').innerText(), /有效行\s*0/);
    assert.match(await report.innerText(), /GBZ 2\.1 表1 化学有害因素限值/);
    assert.match(await report.innerText(), /试运行，未写入/);
    assert.match(await report.locator('.ant-table-row').first().innerText(), /header must be/);
    await report.scrollIntoViewIfNeeded();
    await shot(page, 'imports-standards-report');

    await page.getByTestId('menu-imports').click();
    const rows = page.locator('.ant-table-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 1, "the province's uploads are not the QC centre's");
    const row = await rows.first().innerText();
    for (const s of ['bad-header.csv', '标准数据', '试导入', '已完成', '有效行 0', '拒绝 1'])
      assert.ok(row.includes(s), `the standards row shows ${s}: ${row}`);
    assert.ok(!row.includes('更新'), 'standards data has no updates to count');
    assert.equal(await rows.first().getByTestId('import-error-file').count(), 0, 'no error file');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
