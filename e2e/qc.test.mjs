/**
 * 质控评估 (issue 16 item 5) in Chromium, on the demo province: the QC centre sees the provisional forms
 * and the yearly plan (two-year coverage bar, risk ranking with its parts), adds an extra visit for the
 * demo diagnosis institution and schedules it, scores the form (a failed key item previews 不合格; then
 * passed with a deduction), uploads the evidence the form requires, checks the filing's consistency and
 * completes it (合格, computed); the diagnosis institution then reads its result, read-only; the
 * rehabilitation station fills and submits its self-assessment.
 * Run after `npm run build`: `node --test --test-concurrency=1 e2e/qc.test.mjs`.
 * Screenshots: e2e/screenshots/qc-*.png.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { journeys, shot } from './helpers.mjs';

/** DEMO_QC_IDS: the demo diagnosis institution's completed assessment (合格), the station's draft. */
const QUALIFIED = 1;
const SELF_DRAFT = 7;
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');

const waitGet = (page, path) =>
  page.waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname === path);

journeys('QC assessments: forms, plan, schedule, score, complete, the institution’s result', (env) => {
  let assessmentId = null;

  test('the QC centre sees the provisional forms and the plan with coverage and risk ranking', async () => {
    const { context, page, errors } = await env.signIn('demo-qc');
    for (const path of ['/qc/templates', '/qc/plans', '/qc/assessments'])
      assert.equal(await page.locator(`a[data-menu-path="${path}"]`).count(), 1, `menu ${path}`);
    await page.goto('/qc/templates');
    await page.getByText('暂定').first().waitFor();
    await shot(page, 'qc-templates');
    const loaded = waitGet(page, '/api/v1/qc/templates/1');
    await page.getByTestId('qc-template-open-1').click();
    const tpl = await (await loaded).json();
    assert.equal(tpl.code, 'exam');
    await page.getByTestId('qc-template-provisional').waitFor();
    await page.getByText('放射因素类').first().waitFor();
    await shot(page, 'qc-template-exam');

    const planLoaded = waitGet(page, '/api/v1/qc/plans/1');
    await page.goto('/qc/plans');
    const plan = await (await planLoaded).json();
    assert.ok(plan.due >= 5, `due ${plan.due}`);
    await page.getByTestId('qc-coverage').waitFor();
    await page.getByText(`${plan.coveragePercent}% / 100%`).waitFor();
    await page.getByText('建议加密').first().waitFor();
    await shot(page, 'qc-plan');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the QC centre adds an extra visit for the diagnosis institution, schedules and scores it', async () => {
    const { context, page, errors } = await env.signIn('demo-qc', undefined, { at: null });
    const planLoaded = waitGet(page, '/api/v1/qc/plans/1');
    await page.goto('/qc/plans');
    const plan = await (await planLoaded).json();
    const entry = plan.entries.find((e) => e.assessmentId === QUALIFIED);
    assert.ok(entry, 'the demo diagnosis institution’s entry');
    await page.getByTestId(`qc-plan-extra-${entry.id}`).click();
    await page.getByTestId('qc-extra-reason').fill('年度复查：诊断报告及时性专项');
    const added = page.waitForResponse((r) => r.url().endsWith('/api/v1/qc/plans/1/extra-visits'));
    await page.locator('.ant-modal .ant-btn-primary').click();
    const { entryId } = await (await added).json();
    await page.getByTestId(`qc-plan-schedule-${entryId}`).click();
    const date = page.locator('.ant-modal .ant-picker input');
    await date.click();
    await date.fill('2026-12-20');
    await date.press('Enter');
    const tags = page.getByTestId('qc-schedule-assessors').locator('input');
    await tags.fill('张伟');
    await tags.press('Enter');
    await tags.fill('李娜');
    await tags.press('Enter');
    await shot(page, 'qc-schedule');
    const scheduled = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/qc/assessments'),
    );
    await page.locator('.ant-modal .ant-btn-primary').click();
    const res = await scheduled;
    assert.equal(res.status(), 201);
    assessmentId = (await res.json()).id;
    await page.waitForURL(`**/qc/assessments/${assessmentId}`);
    const a = await (await page.request.get(`/api/v1/qc/assessments/${assessmentId}`)).json();
    assert.equal(a.template.code, 'diagnosis');
    await page.getByTestId('qc-provisional').waitFor();

    // Every item 符合, but the key item K1 不符合: the preview says 不合格 whatever the score.
    const items = a.sections.flatMap((s) => s.items);
    for (const i of items)
      await page
        .getByTestId(`qc-item-${i.code}`)
        .getByText(i.code === 'K1' ? '不符合' : '符合', { exact: true })
        .click();
    await page.getByTestId('qc-note-K1').fill('抽查 10 例，1 例诊断结论错误');
    let saved = page.waitForResponse((r) =>
      r.url().includes(`/api/v1/qc/assessments/${assessmentId}/scores`),
    );
    await page.getByTestId('qc-save').click();
    assert.equal((await saved).status(), 200);
    await page.getByTestId('qc-preview-grade').getByText('不合格').waitFor();
    await page.getByText('关键项不符合：K1').first().waitFor();
    await shot(page, 'qc-preview-key-item-failed');

    // On review the case was right: K1 符合; Q2 passed with a deduction and its note.
    await page.getByTestId('qc-item-K1').getByText('符合', { exact: true }).click();
    await page.getByTestId('qc-item-Q2').getByText('符合', { exact: true }).click();
    const q2 = page.locator('input[data-testid="qc-points-Q2"], [data-testid="qc-points-Q2"] input').first();
    await q2.fill('8');
    await page.getByTestId('qc-note-Q2').fill('质控例会记录不全');
    saved = page.waitForResponse((r) => r.url().includes(`/api/v1/qc/assessments/${assessmentId}/scores`));
    await page.getByTestId('qc-save').click();
    assert.equal((await saved).status(), 200);
    await page.getByTestId('qc-preview-grade').getByText('合格').waitFor();
    for (const code of items.filter((i) => i.evidenceRequired).map((i) => i.code)) {
      const up = page.waitForResponse((r) => r.url().includes(`/evidence?item=${code}`));
      await page
        .locator(`.ant-upload:has([data-testid="qc-evidence-${code}"]) input[type=file]`)
        .setInputFiles({ name: `${code}-佐证.pdf`, mimeType: 'application/pdf', buffer: PDF });
      assert.equal((await up).status(), 201);
      await page.getByText(`${code}-佐证.pdf`).waitFor();
    }
    // The filing-consistency check, as found: consistent.
    const checked = page.waitForResponse((r) =>
      r.url().includes(`/api/v1/qc/assessments/${assessmentId}/consistency`),
    );
    await page.getByTestId('qc-consistency-save').click();
    assert.equal((await checked).status(), 200);
    await page.getByText('与备案一致', { exact: true }).first().waitFor();
    await shot(page, 'qc-scoring');

    await page.getByTestId('qc-complete').click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.getByText('评定等级：合格', { exact: false }).waitFor();
    await page.getByTestId('qc-conclusion').fill('质量管理体系健全，关键指标符合要求');
    await shot(page, 'qc-complete-confirm');
    const completed = page.waitForResponse((r) =>
      r.url().includes(`/api/v1/qc/assessments/${assessmentId}/complete`),
    );
    await confirm.getByRole('button', { name: '完成评估' }).click();
    const done = await completed;
    assert.equal(done.status(), 200);
    const body = await done.json();
    assert.equal(body.grade, 'qualified');
    assert.equal(body.rectificationItems.length, 1, 'the deducted item Q2');
    await page.getByTestId('qc-detail-grade').getByText('合格').waitFor();
    await page.getByText('已完成').first().waitFor();
    await shot(page, 'qc-completed');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the diagnosis institution reads its results, read-only', async () => {
    assert.ok(assessmentId, 'scheduled above');
    const { context, page, errors } = await env.signIn('demo-diag', undefined, { at: null });
    const listed = page.waitForResponse((r) => r.url().includes('/api/v1/qc/assessments?'));
    await page.goto('/qc/assessments');
    const list = await (await listed).json();
    await page.locator('a[data-menu-path="/qc/assessments"]').waitFor();
    assert.equal(await page.locator('a[data-menu-path="/qc/templates"]').count(), 0, 'no forms menu');
    assert.deepEqual(
      list.data.map((a) => a.id).sort((x, y) => x - y),
      [QUALIFIED, assessmentId],
    );
    await page.getByTestId(`qc-assessment-open-${assessmentId}`).waitFor();
    await shot(page, 'qc-institution-list');
    await page.getByTestId(`qc-assessment-open-${assessmentId}`).click();
    await page.getByTestId('qc-detail-grade').getByText('合格').waitFor();
    await page.getByText('只读').first().waitFor();
    await page.getByText('质控例会记录不全').waitFor();
    assert.equal(await page.getByTestId('qc-save').count(), 0);
    assert.equal(await page.getByTestId('qc-complete').count(), 0);
    await shot(page, 'qc-institution-result');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the rehabilitation station fills and submits its self-assessment', async () => {
    const { context, page, errors } = await env.signIn('demo-rehab', undefined, { at: '/qc/self' });
    await page.getByTestId(`qc-assessment-open-${SELF_DRAFT}`).click();
    await page.getByTestId('qc-provisional').waitFor();
    for (const code of ['G3', 'G4'])
      await page.getByTestId(`qc-item-${code}`).getByText('符合', { exact: true }).click();
    await shot(page, 'qc-self-assessment');
    await page.getByTestId('qc-submit').click();
    const submitted = page.waitForResponse((r) =>
      r.url().includes(`/api/v1/qc/self-assessments/${SELF_DRAFT}/submit`),
    );
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '提交自评' }).click();
    assert.equal((await submitted).status(), 200);
    await page.getByText('已提交').first().waitFor();
    await shot(page, 'qc-self-submitted');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
