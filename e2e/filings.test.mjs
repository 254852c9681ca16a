/**
 * 机构备案 (issue 16 item 2) in Chromium, on the demo province: the demo exam institution finds its
 * filing returned with the commission's opinion, walks through the steps and submits it again; the
 * provincial commission opens it from the 备案审核 queue and returns it with a new opinion; the
 * institution reads the opinion and resubmits; the commission files it (number, receipt); the
 * institution sees 已备案 with its number and opens the receipt (备案回执).
 * Run after `npm run build`: `node --test --test-concurrency=1 e2e/filings.test.mjs`.
 * Screenshots: e2e/screenshots/filings-*.png.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { journeys, shot } from './helpers.mjs';

const OPINION = '请补充质量管理文件，并核对 DR 设备检定有效期。';

/** The filing page of the signed-in institution, its detail answered and rendered. */
const openMine = async (page) => {
  const detail = page.waitForResponse(
    (r) => r.request().method() === 'GET' && /\/api\/v1\/filings\/\d+$/.test(new URL(r.url()).pathname),
  );
  await page.goto('/filings/mine');
  const body = await (await detail).json();
  await page.getByTestId('filing-status').first().waitFor();
  return body;
};

/** The review queue; returns the row of the institution. */
const openQueue = async (page) => {
  const listed = page.waitForResponse(
    (r) =>
      r.request().method() === 'GET' &&
      r.url().includes('/api/v1/filings?') &&
      r.url().includes('awaitingReview=true'),
  );
  await page.goto('/filings');
  const body = await (await listed).json();
  await page.locator('.ant-table-tbody .ant-table-row').first().waitFor();
  return body;
};

journeys('institution filing: submit, return, resubmit, file, receipt', (env) => {
  let filingId;
  let institutionName;

  test('the institution reads the returned opinion, walks the steps and submits again', async () => {
    const { context, page, errors } = await env.signIn('demo-exam');
    const menu = await page.locator('a[data-menu-path="/filings/mine"]').count();
    assert.equal(menu, 1, 'the 机构备案 menu entry is there');
    const f = await openMine(page);
    filingId = f.id;
    institutionName = f.institutionName;
    assert.equal(f.status, 'returned');
    const opinion = await page.getByTestId('filing-opinion').innerText();
    assert.ok(opinion.includes('培训合格证书'), opinion);
    await shot(page, 'filings-returned');
    // The steps: personnel and the hazard factors by category.
    await page.getByTestId('filing-steps').getByText('人员').click();
    await page.getByTestId('filing-personnel').getByText('主检医师').first().waitFor();
    await shot(page, 'filings-step-personnel');
    await page.getByTestId('filing-steps').getByText('备案类别与项目').click();
    await page.getByTestId('filing-category-dust').waitFor();
    await page.getByTestId('filing-category-dust').getByText('矽尘').first().waitFor();
    await shot(page, 'filings-step-categories');
    await page.getByTestId('filing-steps').getByText('附件').click();
    await page.getByText('医疗机构执业许可证.pdf').first().waitFor();
    await shot(page, 'filings-step-attachments');

    const submitted = page.waitForResponse((r) => r.url().includes(`/api/v1/filings/${filingId}/submit`));
    await page.getByTestId('filing-submit').click();
    assert.equal((await submitted).status(), 200);
    await page.getByTestId('filing-status').getByText('待审核').waitFor();
    await shot(page, 'filings-submitted');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the provincial commission returns it from the queue with an opinion', async () => {
    const { context, page, errors } = await env.signIn('demo-province');
    const queue = await openQueue(page);
    assert.ok(
      queue.data.some((x) => x.id === filingId),
      'the filing is in the queue',
    );
    await shot(page, 'filings-queue');
    await page.getByTestId(`filing-open-${filingId}`).click();
    await page.locator('.ant-drawer').getByText(institutionName).first().waitFor();
    await page.locator('.ant-drawer').getByText('矽尘').first().waitFor();
    await shot(page, 'filings-review-drawer');
    await page.getByTestId('filing-return').click();
    await page.getByTestId('filing-opinion-input').fill(OPINION);
    const returned = page.waitForResponse((r) => r.url().includes(`/api/v1/filings/${filingId}/return`));
    await page
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /退\s*回/ })
      .click();
    assert.equal((await returned).status(), 200);
    await page.locator('.ant-drawer').getByText('已退回').first().waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the institution reads the new opinion and resubmits', async () => {
    const { context, page, errors } = await env.signIn('demo-exam');
    const f = await openMine(page);
    assert.equal(f.status, 'returned');
    const opinion = await page.getByTestId('filing-opinion').innerText();
    assert.ok(opinion.includes('质量管理文件'), opinion);
    await page.getByTestId('filing-history').getByText(OPINION).waitFor();
    await shot(page, 'filings-returned-again');
    const submitted = page.waitForResponse((r) => r.url().includes(`/api/v1/filings/${filingId}/submit`));
    await page.getByTestId('filing-submit').click();
    assert.equal((await submitted).status(), 200);
    await page.getByTestId('filing-status').getByText('待审核').waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the commission files it: number and receipt', async () => {
    const { context, page, errors } = await env.signIn('demo-province');
    await openQueue(page);
    await page.getByTestId(`filing-open-${filingId}`).click();
    await page.getByTestId('filing-file').click();
    const filed = page.waitForResponse((r) => r.url().includes(`/api/v1/filings/${filingId}/file`));
    await page.locator('.ant-modal-confirm-btns').getByRole('button', { name: '予以备案' }).click();
    const res = await filed;
    assert.equal(res.status(), 200);
    const body = await res.json();
    assert.match(body.filingNo, /^22-ZJ-\d{4}-\d{4}$/);
    await page.getByText(`已备案，编号 ${body.filingNo}`).waitFor();
    await shot(page, 'filings-filed-by-commission');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the institution sees 已备案 with its number and opens the receipt', async () => {
    const { context, page, errors } = await env.signIn('demo-exam');
    const f = await openMine(page);
    assert.equal(f.status, 'filed');
    assert.equal(await page.getByTestId('filing-no').innerText(), f.filingNo);
    await shot(page, 'filings-filed');
    await page.getByTestId('filing-receipt').first().click();
    await page.waitForURL('**/documents/*');
    await page.getByText('职业健康检查机构备案回执').first().waitFor({ timeout: 30_000 });
    await page.getByText(f.filingNo).first().waitFor();
    await shot(page, 'filings-receipt');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the commission sees the imported earlier filings and opens the import with its dry run', async () => {
    const { context, page, errors } = await env.signIn('demo-province');
    await openQueue(page);
    await page.getByTestId('filing-awaiting').click();
    await page.getByTestId('filing-imported').first().waitFor();
    await shot(page, 'filings-imported-listed');
    await page.getByTestId('filing-import').click();
    await page.getByText('导入历史备案', { exact: false }).first().waitFor();
    // A file with one row naming an unregistered institution: the dry run reports it with its reason.
    const csv =
      '机构统一社会信用代码,机构名称,备案类型,原备案编号,备案日期,原备案机关,备案危害因素编码,备注\n' +
      '91220000MA00000000,未登记的机构,职业健康检查,长卫职检备〔2020〕9号,2020-06-18,长春市卫生健康委员会,1038,\n';
    await page
      .locator('.ant-modal input[type=file]')
      .setInputFiles({ name: 'earlier.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    const answered = page.waitForResponse((r) => r.url().includes('/api/v1/filings/import'));
    await page.getByTestId('import-start').click();
    assert.equal((await answered).status(), 200);
    await page.getByTestId('import-report').waitFor();
    await page.getByText('平台上没有该统一社会信用代码的机构', { exact: false }).first().waitFor();
    await shot(page, 'filings-import-dry-run');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
