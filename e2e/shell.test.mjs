/**
 * The shell as a user meets it (issue 13 item 5): the login page loads without a failing request,
 * every page has its title and breadcrumb, and on a phone (390 × 844) the menu, the language switch
 * and logout are reachable and lists scroll sideways with the name column in view.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { journeys, login, menuPaths, newPage, shot, chooseLanguage } from './helpers.mjs';

journeys(
  'shell',
  (env) => {
    test('the login page makes no failing request', async () => {
      const { context, page } = await newPage(env.browser, env.server.baseUrl);
      const failed = [];
      page.on('response', (r) => {
        if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
      });
      await page.goto('/login');
      await page.getByTestId('login-username').waitFor();
      await page.waitForLoadState('networkidle');
      assert.deepEqual(failed, []);
      // Signed in and out again: still none.
      await login(page, 'demo-city');
      await page.waitForURL('**/workbench');
      await page.evaluate(() =>
        fetch('/api/v1/auth/logout', { method: 'POST', headers: { 'x-csrf-token': 'x' } }),
      );
      await page.goto('/login');
      await page.waitForLoadState('networkidle');
      assert.deepEqual(
        failed.filter((f) => !f.includes('/auth/logout')),
        [],
      );
      await context.close();
    });

    test('every page has a title and a breadcrumb from the menu', async () => {
      const { context, page, errors } = await newPage(env.browser, env.server.baseUrl);
      await login(page, 'demo-province');
      await page.waitForURL('**/workbench');
      // Page to page inside the app, as the menu goes (a full load of each page would parse the whole
      // bundle again: ~2 s of Chromium CPU each, and deep links are loaded by the other journeys).
      for (const path of await menuPaths(page)) {
        const menuLabel = (await page.locator(`a[data-menu-path="${path}"]`).first().innerText()).trim();
        await page.evaluate((p) => {
          globalThis.history.pushState(null, '', p);
          globalThis.dispatchEvent(new globalThis.PopStateEvent('popstate'));
        }, path);
        await page.waitForURL(`**${path}`);
        const title = page.getByTestId('page-title');
        await page
          .waitForFunction(
            (label) =>
              globalThis.document.querySelector('[data-testid="page-title"]')?.innerText.trim() === label,
            menuLabel,
            { timeout: 30_000 },
          )
          .catch(() => undefined); // the assertion below says what is shown instead
        const text = (await title.innerText()).trim();
        assert.ok(text.length > 0, `${path}: a page title`);
        assert.equal(text, menuLabel, `${path}: title is the menu label`);
        assert.ok(
          (await page.getByTestId('breadcrumb').innerText()).includes('工作台'),
          `${path}: breadcrumb`,
        );
        assert.equal(await page.title(), `${text} - 职业健康管理信息平台`);
      }
      await page.goto('/organisations');
      await page.getByTestId('page-title').waitFor();
      await shot(page, 'shell-title-breadcrumb');
      assert.deepEqual(errors, []);
      await context.close();
    });

    test('on a phone the menu, the language switch and logout are reachable; lists scroll', async () => {
      const context = await env.browser.newContext({
        baseURL: env.server.baseUrl,
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
        // A clerk's browser is on China time, as the server's dates are China dates.
        timezoneId: 'Asia/Shanghai',
        // As every journey's context (helpers.mjs newPage): antd's animations off.
        reducedMotion: 'reduce',
      });
      const page = await context.newPage();
      await login(page, 'demo-province');
      await page.waitForURL('**/workbench');
      await page.getByTestId('page-title').waitFor();
      await shot(page, 'phone-workbench');
      // The sider is a drawer behind the header's menu button.
      await page.locator('.ant-pro-global-header-collapsed-button').click();
      const drawerLink = page.locator('.ant-drawer a[data-menu-path="/organisations"]');
      await drawerLink.waitFor();
      await shot(page, 'phone-menu');
      await drawerLink.click();
      await page.waitForURL('**/organisations');
      await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
      // The table scrolls inside its wrapper instead of widening the page.
      // (A phone widens its layout viewport to fit wide content, so compare with the device width.)
      const widths = await page.evaluate(() => ({
        page: Math.max(globalThis.document.documentElement.scrollWidth, globalThis.innerWidth),
        view: 390,
      }));
      assert.ok(
        widths.page <= widths.view + 1,
        `page does not scroll sideways (${widths.page} > ${widths.view})`,
      );
      await page.locator('.ant-table-tbody tr.ant-table-row').first().scrollIntoViewIfNeeded();
      await shot(page, 'phone-organisations');
      // Language switch and logout in the header.
      await chooseLanguage(page, 'en');
      await page.getByTestId('page-title').filter({ hasText: 'Organisations' }).waitFor();
      await chooseLanguage(page, 'zh-CN');
      await page.getByTestId('page-title').filter({ hasText: '单位管理' }).waitFor();
      await page.getByTestId('user-menu').click();
      await page.getByTestId('logout').click();
      await page.waitForURL('**/login');
      await shot(page, 'phone-login');
      await context.close();
    });
  },
  { timeout: 300_000 },
);
