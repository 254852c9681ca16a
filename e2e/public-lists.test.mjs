/**
 * 信息公开 (issue 16 item 8) in Chromium, on the demo province: anyone reaches the public pages from the
 * login page on a phone-sized screen and sees the demo lists with their publication dates; the provincial
 * commission previews the filed-institutions list (same as the current publication), publishes it with a
 * note; on the phone the public list shows the new publication with today's date and the note, the
 * earlier one in the history, and a search narrows it; a county department is told only the province
 * publishes; the commission withdraws the new publication and the public page falls back to the earlier.
 * Run after `npm run build`: `node --test --test-concurrency=1 e2e/public-lists.test.mjs`.
 * Screenshots: e2e/screenshots/public-lists-*.png.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { journeys, newPage, shot, chooseLanguage } from './helpers.mjs';

const PHONE = { width: 390, height: 844 };
const NOTE = '2026年第二期（端到端测试）：根据《职业健康检查管理办法》第四条公布。';
/** China dates, as the platform's (UTC+8). */
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

const phonePage = async (env) => {
  const s = await newPage(env.browser, env.server.baseUrl);
  await s.page.setViewportSize(PHONE);
  return s;
};

journeys('public lists: publish, then read on a phone without login', (env) => {
  test('the login page links to the public pages, which show the demo lists with their dates', async () => {
    const { context, page, errors } = await phonePage(env);
    await page.goto('/login');
    await page.getByTestId('login-public-lists').click();
    await page.waitForURL('**/public');
    await page.getByTestId('public-heading').waitFor();
    const date = await page.getByTestId('public-date-filed_institutions').innerText();
    assert.match(date, /\d{4}-\d{2}-\d{2}/);
    await page.getByTestId('public-date-lacking_capability').waitFor();
    // The page fits the phone: no horizontal scrolling.
    const overflow = await page.evaluate(
      () => globalThis.document.documentElement.scrollWidth - globalThis.innerWidth,
    );
    assert.ok(overflow <= 1, `horizontal overflow ${overflow}px`);
    await shot(page, 'public-lists-phone-index');
    await page.getByTestId('public-open-lacking_capability').click();
    await page.getByTestId('public-published-on').waitFor();
    await page.getByTestId('public-entry').first().waitFor();
    assert.ok((await page.getByTestId('public-entry').first().innerText()).includes('接触放射因素类'));
    await shot(page, 'public-lists-phone-lacking');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the commission previews the filed list and publishes it with a note', async () => {
    const { context, page, errors } = await env.signIn('demo-province', undefined, { at: '/public-lists' });
    await page.getByTestId('public-lists-kind-filed_institutions').waitFor();
    await page.getByTestId('public-lists-current-filed_institutions').waitFor();
    await shot(page, 'public-lists-admin');
    await page.getByTestId('public-lists-preview-filed_institutions').click();
    await page.getByTestId('public-list-changes').waitFor();
    assert.ok((await page.getByTestId('public-list-changes').innerText()).includes('与现行公布相同'));
    await page.locator('[data-testid="public-list-preview"] tbody tr.ant-table-row').first().waitFor();
    await shot(page, 'public-lists-preview');
    await page.getByTestId('public-list-publish').click();
    await page.getByTestId('public-list-note').fill(NOTE);
    await shot(page, 'public-lists-publish-dialog');
    await page
      .getByRole('button', { name: '发 布' })
      .or(page.getByRole('button', { name: '发布' }))
      .last()
      .click();
    await page.getByText(`已发布，公布日期 ${today()}`).waitFor();
    // The history shows it as the one the public pages show.
    await page.getByText('公开页面显示中').first().waitFor();
    await page.getByText(NOTE).first().waitFor();
    await shot(page, 'public-lists-published');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('on a phone, without login, the filed list shows the new publication with its date, and search narrows it', async () => {
    const { context, page, errors } = await phonePage(env);
    await page.goto('/public');
    await page.getByTestId('public-date-filed_institutions').waitFor();
    assert.ok((await page.getByTestId('public-date-filed_institutions').innerText()).includes(today()));
    await page.getByTestId('public-open-filed_institutions').click();
    await page.getByTestId('public-published-on').waitFor();
    assert.ok((await page.getByTestId('public-published-on').innerText()).includes(today()));
    assert.equal(await page.getByTestId('public-note').innerText(), NOTE);
    await page.getByTestId('public-history').waitFor();
    const totalText = await page.getByTestId('public-total').innerText();
    const total = Number(totalText.match(/\d+/)?.[0]);
    assert.ok(total >= 2, totalText);
    const overflow = await page.evaluate(
      () => globalThis.document.documentElement.scrollWidth - globalThis.innerWidth,
    );
    assert.ok(overflow <= 1, `horizontal overflow ${overflow}px`);
    await shot(page, 'public-lists-phone-filed');
    // Search by the last entry's region (its own name, the county where there is one).
    const entries = await page.getByTestId('public-entry').allInnerTexts();
    const lines = entries[entries.length - 1].split('\n').map((l) => l.trim());
    const region = lines[lines.indexOf('所在地区') + 1].split(' ').pop();
    assert.ok(region, entries.at(-1));
    await page.getByTestId('public-search').fill(region);
    await page.getByTestId('public-search').press('Enter');
    await page.waitForURL(`**q=${encodeURIComponent(region)}**`);
    await page.waitForFunction(
      (before) => globalThis.document.querySelector('[data-testid="public-total"]')?.textContent !== before,
      totalText,
    );
    const narrowed = Number((await page.getByTestId('public-total').innerText()).match(/\d+/)?.[0]);
    assert.ok(narrowed >= 1 && narrowed < total, `${narrowed} of ${total}`);
    for (const e of await page.getByTestId('public-entry').allInnerTexts()) assert.ok(e.includes(region), e);
    await shot(page, 'public-lists-phone-search');
    // English.
    await chooseLanguage(page, 'en');
    await page.getByText('Published on').first().waitFor();
    await shot(page, 'public-lists-phone-en');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a county department is told that only the province publishes', async () => {
    const { context, page, errors } = await env.signIn('demo-county', undefined, { at: '/public-lists' });
    await page.getByTestId('public-lists-province-only').waitFor();
    await shot(page, 'public-lists-county');
    assert.deepEqual(
      errors.filter((e) => !e.includes('403')),
      [],
    );
    await context.close();
  });

  test('the commission withdraws the new publication and the public page falls back to the earlier one', async () => {
    const { context, page } = await env.signIn('demo-province', undefined, { at: '/public-lists' });
    const row = page.locator('tr', { hasText: NOTE }).first();
    await row.waitFor();
    await row.getByText('撤回').click();
    await page.getByTestId('public-list-withdraw-reason').fill('端到端测试：撤回本期');
    await page.getByTestId('public-list-withdraw-ok').click();
    await page.getByText('已撤回').first().waitFor();
    await shot(page, 'public-lists-withdrawn');
    await context.close();
    const phone = await phonePage(env);
    await phone.page.goto('/public/filed_institutions?province=22');
    await phone.page.getByTestId('public-published-on').waitFor();
    assert.equal(await phone.page.getByTestId('public-note').count(), 1);
    assert.notEqual(await phone.page.getByTestId('public-note').innerText(), NOTE);
    await phone.context.close();
  });
});
