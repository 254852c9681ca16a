/**
 * 待办事项 and 通知 (issue 16 item 1) in Chromium, on the demo province: the demo exam institution —
 * whose suspected cases have overdue notify clocks, warned about when the demo was seeded — sees the
 * bell's unread count and the workbench's to-do cards, opens the overdue to-dos from a card, opens a
 * notification from the bell (marked read, the count goes down), and marks the rest read; the county
 * regulator sees the overdue clocks of its county. Run after `npm run build`:
 * `node --test --test-concurrency=1 e2e/todos.test.mjs`. Screenshots: e2e/screenshots/todos-*.png.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { journeys, shot, chooseLanguage } from './helpers.mjs';

const apiJson = async (page, path) =>
  page.evaluate(async (path) => {
    const res = await fetch(path, { headers: { Accept: 'application/json' } });
    return { status: res.status, body: await res.json() };
  }, path);

/** Waits until the element with this test id has the attribute at this value. */
const attrIs = (page, testId, attr, value) =>
  page.locator(`[data-testid="${testId}"][${attr}="${value}"]`).first().waitFor({ timeout: 30_000 });

const bellCount = async (page) =>
  Number(await page.getByTestId('notification-bell').getAttribute('data-unread'));

journeys('to-dos and notifications', (env) => {
  test('an institution with overdue clocks sees the bell, the cards and its overdue to-dos', async () => {
    const { context, page, errors } = await env.signIn('demo-exam');
    const summary = await apiJson(page, '/api/v1/todos/summary');
    assert.equal(summary.status, 200);
    assert.ok(summary.body.totals.overdue > 0, 'the demo exam institution has overdue clocks');
    const unread = await apiJson(page, '/api/v1/notifications/unread-count');
    assert.ok(unread.body.unread > 0, 'the demo sweep warned the institution');

    // The bell shows the unread count; the workbench cards the counts by state.
    await attrIs(page, 'notification-bell', 'data-unread', unread.body.unread);
    const overdueCard = page.getByTestId('todo-card-overdue');
    await overdueCard.waitFor();
    await attrIs(page, 'todo-card-overdue', 'data-count', summary.body.totals.overdue);
    await shot(page, 'todos-workbench');

    // The card opens the overdue to-dos.
    const listed = page.waitForResponse(
      (r) => r.url().includes('/api/v1/todos?') && r.url().includes('state=overdue'),
    );
    await overdueCard.click();
    await page.waitForURL('**/todos?state=overdue');
    const list = await (await listed).json();
    assert.equal(list.total, summary.body.totals.overdue);
    await page.getByTestId('todo-state').first().waitFor();
    const states = await page
      .getByTestId('todo-state')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
    assert.ok(states.length > 0 && states.every((s) => s === 'overdue'), states.join());
    const body = await page.locator('.ant-table-tbody').innerText();
    assert.match(body, /逾期 \d+ 天/);
    assert.ok(body.includes('期限待定'), 'the placeholder day counts are marked uncertain');
    await shot(page, 'todos-overdue');

    // The exam card behind the first one opens in place.
    await page.getByTestId('todo-open').first().click();
    await page.locator('.ant-drawer-open').first().waitFor();
    await shot(page, 'todos-card');
    await page.keyboard.press('Escape');
    await page
      .locator('.ant-drawer-open')
      .first()
      .waitFor({ state: 'detached' })
      .catch(() => undefined);

    // The bell: the drawer lists the notifications; opening one marks it read.
    const before = await bellCount(page);
    await page.getByTestId('notification-bell').click();
    const item = page.getByTestId('notification-item').first();
    await item.waitFor();
    assert.equal(await item.getAttribute('data-read'), 'false');
    assert.match(await item.innerText(), /【逾期】/);
    await shot(page, 'todos-notifications');
    await item.click();
    await page.waitForURL('**/todos?state=overdue&kind=*');
    await attrIs(page, 'notification-bell', 'data-unread', before - 1);
    // Reopened, the drawer shows the list as it is now, not the one it cached before: the notification
    // just opened is read from the first item shown.
    await page.getByTestId('notification-bell').click();
    await item.waitFor();
    assert.equal(await item.getAttribute('data-read'), 'true');
    // Mark all read (when any is left): the count goes to zero and the button is disabled.
    if (before - 1 > 0) await page.getByTestId('notification-read-all').click();
    await attrIs(page, 'notification-bell', 'data-unread', 0);
    assert.ok(await page.getByTestId('notification-read-all').isDisabled());
    // The open drawer's list follows once it is fetched again.
    await page
      .locator('[data-testid="notification-item"][data-read="false"]')
      .first()
      .waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('notification-item').first().getAttribute('data-read'), 'true');
    assert.equal((await apiJson(page, '/api/v1/notifications/unread-count')).body.unread, 0);
    await shot(page, 'todos-all-read');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the county regulator sees the overdue clocks of its county, in English too', async () => {
    const { context, page, errors } = await env.signIn('demo-county');
    const region = await apiJson(page, '/api/v1/todos?relation=region&pageSize=50');
    assert.equal(region.status, 200);
    assert.ok(region.body.total > 0, 'the county has overdue clocks');
    assert.ok(region.body.data.every((r) => r.relation === 'region' && r.state === 'overdue'));
    await page.getByTestId('todo-card-region').click();
    await page.waitForURL('**/todos?state=overdue&relation=region');
    await page.getByTestId('todo-state').first().waitFor();
    await shot(page, 'todos-region');
    await chooseLanguage(page, 'en');
    await page.getByText('Overdue in my area').first().waitFor();
    await page.getByTestId('todo-state').first().waitFor();
    assert.match(await page.locator('.ant-table-tbody').innerText(), /days overdue/);
    await shot(page, 'todos-region-en');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
