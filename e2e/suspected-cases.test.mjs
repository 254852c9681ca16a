/**
 * 疑似职业病追踪, 上报个案卡 and 导出国家交换文件 (issue 15 items 7, 3 and 4) in Chromium, on the demo
 * province: the county regulator of 南关区 opens the tracker, keeps the overdue cases and records an
 * exclusion and a diagnosis; the exam institution tells the employer of one of its open cases, downloads
 * the card template, uploads it as a dry run then for real, uploads a copy with a bad ID number and
 * downloads the error workbook; the province exports the approved cards of a period as the national XML.
 * Run after `npm run build`: `node --test --test-concurrency=1 e2e/suspected-cases.test.mjs`.
 * Screenshots: e2e/screenshots/suspected-*.png, exam-cards-upload-*.png, exam-cards-national-*.png.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
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

const nextCases = (page, part = '') =>
  page.waitForResponse(
    (r) =>
      r.request().method() === 'GET' &&
      r.url().includes('/api/v1/suspected-cases?') &&
      r.url().includes('pageSize=20') &&
      r.url().includes(part),
  );

const rows = (page) => page.locator('.ant-table-tbody .ant-table-row');

/** Opens 疑似职业病追踪 from the menu; the first answer of the list, rendered. */
const openCases = async (page) => {
  const listed = nextCases(page);
  await page.getByTestId('menu-suspected-cases').click();
  await page.waitForURL('**/suspected-cases');
  const body = await (await listed).json();
  if (body.data.length) await rows(page).first().getByTestId('case-worker').waitFor();
  await page.locator('.ant-pagination-total-text').waitFor();
  return body;
};

/** The table row of a case (the worker's masked ID number and found date single it out). */
const rowOf = (page, c) =>
  rows(page).filter({ hasText: c.workerIdNumber }).filter({ hasText: c.foundOn }).first();

/** The open dialog with this title. */
const modalTitled = (page, title) =>
  page.locator('.ant-modal-content').filter({ has: page.locator('.ant-modal-title', { hasText: title }) });

const saveDownload = async (page, click) => {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const dir = await mkdtemp(join(tmpdir(), 'ohp-dl-'));
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  return { path, name: download.suggestedFilename() };
};

journeys('suspected cases, the institution upload and the national XML export', (env) => {
  test('the county regulator keeps the overdue cases and records an exclusion and a diagnosis', async () => {
    const { context, page, errors } = await env.signIn('demo-county');
    const shortcut = await page.getByTestId('shortcut-suspected-cases').innerText();
    assert.ok(shortcut.includes('疑似职业病追踪（超期提醒）'), shortcut);

    const all = await openCases(page);
    assert.ok(all.total > 0, 'the county has suspected cases');
    assert.ok(
      all.data.every((c) => c.regionCode.startsWith('220102')),
      'only 南关区 cases',
    );
    const header = await page.locator('.ant-table-thead').innerText();
    for (const s of [
      '劳动者',
      '用人单位',
      '体检机构',
      '疑似职业病',
      '发现日期',
      '追踪状态',
      '追踪进展',
      '办理期限',
    ])
      assert.ok(header.includes(s), `the header shows ${s}`);
    await shot(page, 'suspected-county-all');

    // 只看超期
    const overdueListed = nextCases(page, 'overdue=true');
    await page.getByTestId('cases-overdue').click();
    const overdue = await (await overdueListed).json();
    assert.ok(overdue.total > 0, 'some cases are overdue');
    assert.ok(
      overdue.data.every((c) => c.clocks.some((k) => !k.done && k.overdueDays > 0)),
      'each has a clock past due',
    );
    await rows(page).first().getByTestId('case-overdue').first().waitFor();
    const first = await rows(page).first().innerText();
    assert.match(first, /超期 \d+ 天/);
    assert.ok(first.includes('待定期限'), 'the placeholder day counts are marked');
    assert.ok(first.includes('南关区'), `the region by name: ${first}`);
    assert.ok(!/suspected\.|examCards\./.test(await page.locator('.ant-table').innerText()), 'no raw keys');
    await shot(page, 'suspected-county-overdue');

    // 排除 on one case, 诊断 on another: the regulator of the employer's region records the outcome.
    const recordable = overdue.data.filter((c) => c.abilities.events.includes('excluded'));
    assert.ok(recordable.length >= 2, 'the county may record outcomes');
    const [toExclude, toDiagnose] = recordable;

    await rowOf(page, toExclude).getByTestId('case-event-excluded').click();
    await modalTitled(page, '登记排除职业病').waitFor();
    await page.getByTestId('case-event-note').fill('职业病诊断机构出具诊断证明书，排除职业病');
    await shot(page, 'suspected-county-exclude-modal');
    const posted = page.waitForResponse((r) => r.url().includes(`/suspected-cases/${toExclude.id}/events`));
    const relisted = nextCases(page);
    await page.getByTestId('case-event-submit').click();
    assert.equal((await posted).status(), 200);
    await relisted;

    await rowOf(page, toDiagnose).getByTestId('case-event-diagnosed').click();
    await modalTitled(page, '登记诊断结果').waitFor();
    // The suspected disease is the default; a pneumoconiosis asks for its stage.
    const disease = await page
      .locator('[data-testid="case-event-modal"] .ant-select-selection-item')
      .first()
      .innerText();
    assert.ok(disease.includes(toDiagnose.diseaseCode), `the suspected disease by default: ${disease}`);
    if (toDiagnose.diseaseCode.startsWith('11')) {
      await page.getByTestId('case-event-stage').click();
      await page.locator(SELECT_OPTION).first().click();
    }
    await shot(page, 'suspected-county-diagnose-modal');
    const diagnosed = page.waitForResponse((r) =>
      r.url().includes(`/suspected-cases/${toDiagnose.id}/events`),
    );
    await page.getByTestId('case-event-submit').click();
    assert.equal((await diagnosed).status(), 200);

    const after = await apiJson(page, '/api/v1/suspected-cases?pageSize=100&status=excluded');
    const excluded = after.body.data.find((c) => c.id === toExclude.id);
    assert.ok(excluded, 'the case is excluded');
    assert.ok(excluded.outcomeOn && excluded.clocks.every((k) => k.done), 'its clocks are closed');
    const dx = (await apiJson(page, '/api/v1/suspected-cases?pageSize=100&status=diagnosed')).body.data.find(
      (c) => c.id === toDiagnose.id,
    );
    assert.equal(dx?.diagnosedDiseaseCode, toDiagnose.diseaseCode);
    // The step cannot be recorded twice (409).
    const again = await apiJson(page, `/api/v1/suspected-cases/${toExclude.id}/events`, {
      method: 'POST',
      body: { event: 'excluded' },
    });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.reason, 'case_step_not_allowed');
    await page.getByText('已登记：诊断').waitFor();
    await shot(page, 'suspected-county-after');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the exam institution tells the employer and uploads cards from the template', async () => {
    const { context, page, errors } = await env.signIn('demo-exam');
    assert.ok(
      (await page.getByTestId('shortcut-suspected-cases').innerText()).includes('本机构发现的疑似职业病'),
    );

    await openCases(page);
    const statusListed = nextCases(page, 'status=open');
    await page.getByTestId('cases-status').click();
    await page.locator('.ant-select-dropdown:visible').getByText('待告知', { exact: true }).click();
    await page.locator('.ant-pro-table-search button.ant-btn-primary').click();
    const open = await (await statusListed).json();
    const mine = open.data.find((c) => c.abilities.events.includes('employer_notified'));
    assert.ok(mine, 'an open case of its own');
    await rowOf(page, mine).getByTestId('case-event-employer_notified').waitFor();
    await rowOf(page, mine).getByTestId('case-event-employer_notified').click();
    await modalTitled(page, '登记已告知用人单位').waitFor();
    await page.getByTestId('case-event-note').fill('已电话并书面通知用人单位');
    await shot(page, 'suspected-exam-notify-modal');
    const posted = page.waitForResponse((r) => r.url().includes(`/suspected-cases/${mine.id}/events`));
    await page.getByTestId('case-event-submit').click();
    assert.equal((await posted).status(), 200);
    const notified = await apiJson(page, '/api/v1/suspected-cases?pageSize=100&status=employer_notified');
    const c = notified.body.data.find((x) => x.id === mine.id);
    assert.ok(c?.employerNotifiedOn, 'the employer is notified');
    assert.ok(c.clocks.find((k) => k.kind === 'suspected_case_notify')?.done, 'the notify clock is closed');

    // 上报个案卡: the template, a dry run, the real upload.
    await page.getByTestId('menu-exam-cards').click();
    await page.waitForURL('**/exam-cards');
    await page.getByTestId('cards-upload').click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '上报个案卡（Excel 导入）' });
    await dialog.waitFor();
    const tpl = await saveDownload(page, () => page.getByTestId('import-template').click());
    assert.match(tpl.name, /\.xlsx$/);

    await dialog.locator('input[type=file]').setInputFiles(tpl.path);
    await page.getByTestId('import-start').click();
    await dialog.getByText('试导入结果（未写入）').waitFor();
    const dryValid = await dialog.locator('[data-count="valid"]').innerText();
    assert.equal(dryValid, '1', 'the example card is valid');
    await shot(page, 'exam-cards-upload-dryrun');

    const listRefreshed = page.waitForResponse(
      (r) => r.url().includes('/api/v1/exam-cards?') && r.url().includes('pageSize=20'),
    );
    await page.getByTestId('import-dryrun').click();
    await page.getByTestId('import-start').click();
    await dialog.getByText('导入结果', { exact: true }).waitFor();
    assert.equal(await dialog.locator('[data-count="rejected"]').innerText(), '0');
    await listRefreshed;
    await shot(page, 'exam-cards-upload-report');

    // A bad ID number: the card is returned, the error workbook names the reason.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(tpl.path);
    const ws = wb.getWorksheet('个案卡');
    const idCol = ws.getRow(1).values.findIndex((v) => typeof v === 'string' && v.startsWith('证件号码'));
    assert.ok(idCol > 0, 'the template has the ID number column');
    ws.getRow(2).getCell(idCol).value = '220102198503151230';
    const bad = join(await mkdtemp(join(tmpdir(), 'ohp-bad-')), 'bad-id.xlsx');
    await wb.xlsx.writeFile(bad);
    await dialog.locator('input[type=file]').setInputFiles(bad);
    await page.getByTestId('import-start').click();
    await dialog
      .locator('[data-count="rejected"]')
      .filter({ hasText: /^[1-9]/ })
      .waitFor();
    await shot(page, 'exam-cards-upload-rejected');
    const errFile = await saveDownload(page, () => page.getByTestId('import-error-file').click());
    const ewb = new ExcelJS.Workbook();
    await ewb.xlsx.load(await readFile(errFile.path));
    const headers = ewb.worksheets[0].getRow(1).values.filter(Boolean);
    assert.ok(
      headers.some((h) => String(h).includes('错误原因')),
      `the reason column: ${headers.join(',')}`,
    );
    const lastCell = ewb.worksheets[0].getRow(2).values.at(-1);
    assert.ok(String(lastCell).length > 0, 'a reason is given');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the province exports the approved cards as the national XML', async () => {
    const { context, page, errors } = await env.signIn('demo-province');
    await page.getByTestId('menu-exam-cards').click();
    await page.waitForURL('**/exam-cards');
    await page.getByTestId('cards-national-xml').click();
    await modalTitled(page, '导出国家交换文件（XML）').waitFor();
    // A period with approved cards: the demo's exams run over the last months.
    const approved = await apiJson(page, '/api/v1/exam-cards?auditStatus=07&pageSize=1');
    assert.ok(approved.body.total > 0, 'the province approved cards');
    const day = approved.body.data[0].examDate;
    const from = `${day.slice(0, 7)}-01`;
    const picker = modalTitled(page, '导出国家交换文件（XML）').locator('.ant-picker-range');
    await picker.locator('input').first().click();
    await picker.locator('input').first().fill(from);
    await picker.locator('input').nth(1).click();
    await picker.locator('input').nth(1).fill(day);
    await page.keyboard.press('Enter');
    await modalTitled(page, '导出国家交换文件（XML）').locator('.ant-modal-title').click();
    await shot(page, 'exam-cards-national-modal');
    const xml = await saveDownload(page, () => page.getByTestId('national-submit').click());
    const text = await readFile(xml.path, 'utf8');
    assert.ok(text.startsWith('<?xml'), text.slice(0, 80));
    assert.ok(text.includes('<AUDITSTATUS>07</AUDITSTATUS>'));
    assert.match(xml.name, /\.xml$/);
    // Nothing approved in a period without exams: 404 export_nothing_approved, said in the dialog's toast.
    assert.deepEqual(errors, []);
    await context.close();
  });
});
