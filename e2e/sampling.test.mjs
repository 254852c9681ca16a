/**
 * 个案卡抽查 and 体检到期提醒 (issue 15 items 8 and 7) in Chromium, on the demo province: the county
 * regulator of 南关区 draws three cards per exam institution with a seed of its own, records a
 * mismatch (conclusion and items differ from the paper report) and a match, reads the per-institution
 * summary and replays the draw; the employer opens 体检到期提醒 and finds its overdue workers first, and
 * the rows whose cycle needs a noise level or work grade the card lacks explained instead of dated.
 * Run after `npm run build`: `node --test --test-concurrency=1 e2e/sampling.test.mjs`.
 * Screenshots: e2e/screenshots/sampling-*.png, periodic-*.png.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { journeys, shot } from './helpers.mjs';

const apiJson = async (page, path) =>
  page.evaluate(async (path) => {
    const res = await fetch(path, { headers: { Accept: 'application/json' } });
    return { status: res.status, body: await res.json() };
  }, path);

const modalTitled = (page, title) =>
  page.locator('.ant-modal-content').filter({ has: page.locator('.ant-modal-title', { hasText: title }) });

journeys('card sampling and periodic exams due', (env) => {
  test('the county regulator draws cards, records a mismatch and a match, and replays the draw', async () => {
    const { context, page, errors } = await env.signIn('demo-county');
    // The demo draws: the county's follow-up check (in progress) holds the API documentation's example card.
    const demo = await apiJson(page, '/api/v1/exam-samples/2');
    assert.equal(demo.status, 200);
    assert.ok(
      demo.body.cards.some((c) => c.cardId === 1),
      'the example card is in the demo draw',
    );
    assert.equal(demo.body.status, 'in_progress');

    const listed = page.waitForResponse((r) => r.url().includes('/api/v1/exam-samples?'));
    await page.getByTestId('menu-exam-samples').click();
    await page.waitForURL('**/exam-samples');
    const list = await (await listed).json();
    assert.ok(list.total >= 1);
    await page.getByTestId('sample-status').first().waitFor();
    await shot(page, 'sampling-list');

    await page.getByTestId('sample-new').click();
    const dialog = modalTitled(page, '新建个案卡抽查');
    await dialog.waitFor();
    await dialog.getByTestId('draw-title').fill('E2E 个案卡与纸质报告一致性抽查');
    await dialog.getByTestId('draw-n').fill('3');
    await dialog.getByTestId('draw-seed').fill('E2E-SEED-2026');
    await dialog.getByTestId('draw-preview').waitFor();
    const preview = await dialog.getByTestId('draw-preview').innerText();
    assert.match(preview, /候选个案卡/);
    await shot(page, 'sampling-draw-dialog');
    const drawn = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/exam-samples'),
    );
    await dialog.getByTestId('draw-submit').click();
    const res = await drawn;
    assert.equal(res.status(), 201);
    const sample = await res.json();
    assert.equal(sample.seed, 'E2E-SEED-2026');
    assert.ok(sample.cards.length >= 2, 'at least two cards drawn');
    await page.waitForURL(`**/exam-samples/${sample.id}`);
    await page.getByTestId('sample-seed').waitFor();
    assert.equal(await page.getByTestId('sample-title').innerText(), 'E2E 个案卡与纸质报告一致性抽查');

    // 不一致: the conclusion and the items differ from the paper report.
    const rows = page.locator('[data-testid="sample-cards"] .ant-table-tbody .ant-table-row');
    const first = rows.filter({ hasText: sample.cards[0].recordId }).first();
    await first.getByTestId('check-mismatch').click();
    const mismatch = modalTitled(page, `登记不一致：${sample.cards[0].recordId}`);
    await mismatch.waitFor();
    // The note first: once it takes text the dialog's form is set up (a box clicked while the dialog was
    // still opening was lost, or toggled back, in CI runs on a loaded machine: 25f9688, 2026-12-06).
    await mismatch
      .getByTestId('mismatch-note')
      .fill('纸质报告结论为“复查”，网络直报为“目前未见异常”；肺功能结果缺失');
    // Ticked until they show ticked, then checked again after a pause (a late click must not untick one).
    const tickAll = async () => {
      for (const field of ['conclusion', 'items']) {
        const box = mismatch.locator(`[data-field="${field}"]`);
        for (let i = 0; i < 10 && !(await box.isChecked()); i++) {
          await box.click();
          await page.waitForTimeout(150);
        }
      }
    };
    await tickAll();
    await page.waitForTimeout(300);
    await tickAll();
    for (const field of ['conclusion', 'items'])
      assert.ok(await mismatch.locator(`[data-field="${field}"]`).isChecked(), `${field} is ticked`);
    await shot(page, 'sampling-mismatch-dialog');
    const saved = page.waitForResponse((r) => r.url().includes(`/exam-samples/${sample.id}/checks`));
    await mismatch.getByTestId('mismatch-save').click();
    assert.equal((await saved).status(), 200);
    await first.locator('[data-testid="check-status"][data-status="mismatch"]').waitFor();
    assert.match(await first.innerText(), /检查项目及结果/);

    // 一致 on the second card.
    const second = rows.filter({ hasText: sample.cards[1].recordId }).first();
    const saved2 = page.waitForResponse((r) => r.url().includes(`/exam-samples/${sample.id}/checks`));
    await second.getByTestId('check-match').click();
    assert.equal((await saved2).status(), 200);
    await second.locator('[data-testid="check-status"][data-status="match"]').waitFor();
    await shot(page, 'sampling-detail');

    // The recorded checks, as the server keeps them.
    const after = await apiJson(page, `/api/v1/exam-samples/${sample.id}`);
    const byId = new Map(after.body.cards.map((c) => [c.cardId, c]));
    assert.deepEqual(byId.get(sample.cards[0].cardId).check.differingFields, ['conclusion', 'items']);
    assert.equal(byId.get(sample.cards[1].cardId).check.matches, true);
    assert.equal(after.body.checked, 2);
    assert.equal(after.body.mismatched, 1);

    await page.getByRole('tab', { name: '机构汇总' }).click();
    await page.getByTestId('summary-rate').first().waitFor();
    await shot(page, 'sampling-summary');

    await page.getByTestId('sample-replay').click();
    await page.getByTestId('replay-result').waitFor();
    assert.match(await page.getByTestId('replay-result').innerText(), /重新抽取结果一致/);
    await shot(page, 'sampling-replay');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the employer opens 体检到期提醒 with the overdue workers first', async () => {
    const { context, page, errors } = await env.signIn('demo-employer');
    const shortcut = await page.getByTestId('shortcut-periodic-exams').innerText();
    assert.match(shortcut, /体检到期提醒/);
    const listed = page.waitForResponse((r) => r.url().includes('/api/v1/periodic-exams/due?'));
    await page.getByTestId('menu-periodic-exams').click();
    await page.waitForURL('**/periodic-exams');
    const body = await (await listed).json();
    assert.ok(body.counts.overdue > 0, 'the demo employer has overdue workers');
    assert.equal(body.data[0].status, 'overdue');
    const rows = page.locator('.ant-table-tbody .ant-table-row');
    await rows.first().getByTestId('due-status').waitFor();
    assert.equal(await rows.first().getByTestId('due-status').getAttribute('data-status'), 'overdue');
    assert.match(await rows.first().innerText(), /逾期 \d+ 天/);
    await shot(page, 'periodic-employer');

    // 周期待定: why, and what each level would give — no guessed date.
    const undetermined = page.waitForResponse(
      (r) => r.url().includes('/api/v1/periodic-exams/due?') && r.url().includes('status=undetermined'),
    );
    await page.getByTestId('due-tab-undetermined').click();
    const u = await (await undetermined).json();
    assert.ok(u.total > 0);
    assert.ok(u.data.every((r) => r.dueOn === null && r.caveat));
    await page.getByTestId('due-caveat').first().waitFor();
    const kinds = await page
      .getByTestId('due-caveat')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    assert.ok(
      kinds.some((k) => k === 'noise_level_required' || k === 'work_grade_required'),
      kinds.join(),
    );
    await shot(page, 'periodic-undetermined');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a regulator reads 体检到期提醒 for its region', async () => {
    const { context, page, errors } = await env.signIn('demo-county');
    const listed = page.waitForResponse((r) => r.url().includes('/api/v1/periodic-exams/due?'));
    await page.getByTestId('menu-periodic-exams').click();
    const body = await (await listed).json();
    assert.ok(body.total > 0);
    assert.ok(body.data.every((r) => r.regionCode.startsWith('220102')));
    await page.locator('.ant-table-tbody .ant-table-row').first().getByTestId('due-status').waitFor();
    await shot(page, 'periodic-regulator');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
