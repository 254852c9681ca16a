/**
 * 现场核查 (issue 16 item 3) in Chromium, on the demo province: the QC centre lists the verifications
 * (open ones first, one overdue), opens a scheduled one, records the checklist (符合 / 不符合 with a note,
 * key items marked, the provisional form flagged) and each filed hazard factor (one not capable), and
 * completes it after the confirmation that names the factor to be blocked; the factor then shows
 * 已限制上报. The demo diagnosis institution reads its own completed verification, read-only.
 * Run after `npm run build`: `node --test --test-concurrency=1 e2e/verifications.test.mjs`.
 * Screenshots: e2e/screenshots/verifications-*.png.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { journeys, shot } from './helpers.mjs';

/** The demo verification scheduled with nothing recorded (DEMO_VERIFICATION_IDS.scheduled). */
const SCHEDULED = 5;
const OVERDUE = 4;
const PASSED = 1;

const openList = async (page, q = '') => {
  const listed = page.waitForResponse(
    (r) => r.request().method() === 'GET' && r.url().includes('/api/v1/verifications?'),
  );
  await page.goto(`/verifications${q}`);
  const body = await (await listed).json();
  await page.locator('.ant-table-tbody .ant-table-row').first().waitFor();
  return body;
};

const openDetail = async (page, id) => {
  const loaded = page.waitForResponse(
    (r) => r.request().method() === 'GET' && new URL(r.url()).pathname === `/api/v1/verifications/${id}`,
  );
  await page.goto(`/verifications/${id}`);
  const body = await (await loaded).json();
  await page.getByTestId('verification-provisional').waitFor();
  return body;
};

journeys('on-site verification: list, checklist, factors, complete, read-only', (env) => {
  test('the QC centre lists the verifications with the overdue one in red', async () => {
    const { context, page, errors } = await env.signIn('demo-qc');
    assert.equal(await page.locator('a[data-menu-path="/verifications"]').count(), 1, 'menu entry');
    const list = await openList(page);
    assert.ok(list.total >= 5, `demo verifications: ${list.total}`);
    const overdue = list.data.find((v) => v.id === OVERDUE);
    assert.ok(overdue && overdue.overdueDays > 0, 'the overdue one');
    await page.getByText(`超期 ${overdue.overdueDays} 天`).first().waitFor();
    await shot(page, 'verifications-list');
    const filtered = page.waitForResponse(
      (r) => r.url().includes('/api/v1/verifications?') && r.url().includes('overdue=true'),
    );
    await page.getByTestId('verification-overdue').click();
    const only = await (await filtered).json();
    assert.ok(only.data.every((v) => v.overdueDays > 0 && v.status !== 'completed'));
    await page.getByTestId(`verification-open-${OVERDUE}`).waitFor();
    await shot(page, 'verifications-overdue');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the QC centre records the checklist and the factors, and completes it', async () => {
    const { context, page, errors } = await env.signIn('demo-qc');
    const v = await openDetail(page, SCHEDULED);
    assert.equal(v.status, 'scheduled');
    assert.equal(v.template.confidence, 'uncertain');
    await page.getByText('关键项').first().waitFor();
    for (const item of v.items) {
      const result = item.code === 'E2' ? '不符合' : '符合';
      await page.getByTestId(`verification-item-${item.code}`).getByText(result, { exact: true }).click();
    }
    await page.getByTestId('verification-note-E2').fill('肺功能仪校准证书已过期');
    const blocked = v.factors[0];
    for (const f of v.factors) {
      const choice = f.hazardCode === blocked.hazardCode ? '不具备能力' : '具备能力';
      await page
        .getByTestId(`verification-factor-${f.hazardCode}`)
        .getByText(choice, { exact: true })
        .click();
    }
    await page.getByTestId(`verification-factor-note-${blocked.hazardCode}`).fill('未配备相应检查设备');
    await shot(page, 'verifications-checklist');
    const saved = page.waitForResponse((r) => r.url().includes(`/api/v1/verifications/${SCHEDULED}/results`));
    await page.getByTestId('verification-save').click();
    assert.equal((await saved).status(), 200);

    await page.getByTestId('verification-complete').click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.getByText('核查结论：合格').waitFor();
    await confirm.getByText(blocked.hazardCode, { exact: false }).first().waitFor();
    await page.getByTestId('verification-conclusion').fill('除一项危害因素外与备案一致');
    await shot(page, 'verifications-complete-confirm');
    const completed = page.waitForResponse((r) =>
      r.url().includes(`/api/v1/verifications/${SCHEDULED}/complete`),
    );
    await confirm.getByRole('button', { name: '完成核查' }).click();
    const res = await completed;
    assert.equal(res.status(), 200);
    const body = await res.json();
    assert.equal(body.result, 'passed');
    assert.deepEqual(body.blocked, [blocked.hazardCode]);
    await page.getByText('已限制上报').first().waitFor();
    await page.getByText('已完成').first().waitFor();
    await shot(page, 'verifications-completed');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the diagnosis institution reads its own verification, read-only', async () => {
    const { context, page, errors } = await env.signIn('demo-diag');
    const list = await openList(page);
    assert.deepEqual(
      list.data.map((v) => v.id),
      [PASSED],
    );
    await page.getByTestId(`verification-open-${PASSED}`).click();
    await page.getByTestId('verification-provisional').waitFor();
    await page.getByText('只读').first().waitFor();
    assert.equal(await page.getByTestId('verification-save').count(), 0);
    assert.equal(await page.getByTestId('verification-complete').count(), 0);
    await shot(page, 'verifications-institution-readonly');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
