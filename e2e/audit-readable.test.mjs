/**
 * Audit and logs people can read, forms that explain themselves (issue 13 items 3 and 4), in Chromium
 * at 1440 × 900 and on a phone (390 × 844): the audit administrator filters the trail by a Chinese
 * action name and a user picked by name, exports it and finds exactly that in the workbook (with the
 * filter recorded); the login log and online users show browser and system; the roles page shows
 * permission names; catalogue provenance reads as a sentence; the user form says what a valid phone and
 * e-mail are and refuses a name of spaces. Screenshots go to e2e/screenshots/.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import {
  DEMO_PASSWORD,
  launchBrowser,
  missingPrerequisite,
  shot,
  signedInPage,
  startServer,
  SELECT_OPTION,
} from './helpers.mjs';

const missing = missingPrerequisite();
const optional = process.env.OHP_E2E_OPTIONAL === '1';

const VIEWPORTS = [
  { name: 'desktop', viewport: { width: 1440, height: 900 } },
  {
    name: 'phone',
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
  },
];

/** Signs in over the API (for setting up data) and returns a tiny client with cookie and CSRF token. */
const apiClient = async (baseUrl, username) => {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'e2e-setup' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  assert.equal(res.status, 200, `${username} signs in`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = await res.json();
  const call = async (method, path, body) => {
    const r = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, body: await r.json().catch(() => null) };
  };
  return { get: (p) => call('GET', p), post: (p, b) => call('POST', p, b ?? {}) };
};

const readXlsx = async (path) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb.worksheets.map((ws) => {
    const rows = [];
    ws.eachRow((row) => rows.push(row.values.slice(1)));
    return { name: ws.name, rows };
  });
};

/** Picks an option of the open antd Select dropdown by its visible text. */
const pickOption = async (page, text) => {
  const option = page.locator(SELECT_OPTION).filter({ hasText: text });
  await option.first().waitFor();
  await option.first().click();
};

if (missing && optional) {
  test(`audit journeys skipped: ${missing}`, { skip: missing }, () => {});
} else {
  describe('audit and logs people can read', { timeout: 600_000 }, () => {
    let server;
    let browser;
    let downloads;
    /** The accounts demo-sysadmin has created: the demo's and the two below. */
    let created;

    before(async () => {
      if (missing) throw new Error(`${missing}. Set OHP_E2E_OPTIONAL=1 to skip instead.`);
      server = await startServer();
      browser = await launchBrowser();
      downloads = await mkdtemp(join(tmpdir(), 'ohp-e2e-downloads-'));
      // Something to find: the system administrator creates two accounts, the province an organisation.
      // (The demo has its own accounts created by the system administrator: counted first.)
      const auditor = await apiClient(server.baseUrl, 'demo-auditor');
      created =
        (await auditor.get('/audit?action=user.create&actor=demo-sysadmin&pageSize=1')).body.total + 2;
      const sys = await apiClient(server.baseUrl, 'demo-sysadmin');
      const orgs = await sys.get('/organisations?kind=employer&pageSize=1');
      for (const [username, displayName] of [
        ['e2e.audit.a', '审计演示甲'],
        ['e2e.audit.b', '审计演示乙'],
      ]) {
        const res = await sys.post('/users', {
          username,
          displayName,
          organisationId: orgs.body.data[0].id,
          roleKeys: ['employer_staff'],
        });
        assert.equal(res.status, 201, `${username} created`);
      }
      const province = await apiClient(server.baseUrl, 'demo-province');
      assert.equal(
        (
          await province.post('/organisations', {
            name: '审计演示单位',
            kind: 'employer',
            regionCode: '220102',
          })
        ).status,
        201,
      );
    });

    after(async () => {
      await browser?.close();
      await server?.stop();
      if (downloads) await rm(downloads, { recursive: true, force: true });
    });

    const signIn = (username, vp, { at } = {}) =>
      signedInPage(browser, server.baseUrl, username, { acceptDownloads: true, ...vp, at });

    for (const { name, ...vp } of VIEWPORTS) {
      test(`${name}: the auditor filters by 新增用户 and a user, and exports exactly that`, async () => {
        const { context, page, errors } = await signIn('demo-auditor', vp, { at: '/audit' });
        await page.locator('.ant-table-row').first().waitFor();

        // The action dropdown speaks Chinese: find 新增用户 by typing its name.
        const action = page.getByTestId('audit-filter-action');
        await action.click();
        await page.keyboard.type('新增用户');
        await pickOption(page, '新增用户');
        // The user picker: type part of the name, pick the account.
        await page.getByTestId('audit-filter-actor').click();
        await page.keyboard.type('sysadmin');
        await pickOption(page, 'demo-sysadmin');

        const answered = page.waitForResponse(
          (r) =>
            r.url().includes('/api/v1/audit?') &&
            r.url().includes('action=user.create') &&
            r.url().includes('actor=demo-sysadmin'),
        );
        await page.getByRole('button', { name: /查\s*询/ }).click();
        const res = await answered;
        const listed = await res.json();
        assert.equal(listed.total, created, 'the accounts created by demo-sysadmin');
        await page.locator('.ant-table-row').filter({ hasText: '新增用户' }).first().waitFor();
        const rows = page.locator('.ant-table-row');
        assert.equal(await rows.count(), Math.min(created, 20));
        const table = await page.locator('.ant-table-tbody').innerText();
        assert.ok(table.includes('新增用户'), 'the action is shown by its Chinese name');
        assert.ok(!table.includes('user.create'), 'not by its code');
        assert.ok(table.includes('用户'), 'the object type by its name');
        await shot(page, `audit-filter-${name}`);
        if (vp.isMobile) {
          // On a phone the filter fills the first screen; the results are below it.
          await page.locator('.ant-table').scrollIntoViewIfNeeded();
          await shot(page, `audit-results-${name}`);
        }

        const download = page.waitForEvent('download');
        await page.getByTestId('audit-export').click();
        const file = await download;
        assert.match(file.suggestedFilename(), /^审计日志-\d{8}\.xlsx$/, 'the file is named in Chinese');
        const saved = join(downloads, `${name}-${file.suggestedFilename()}`);
        await file.saveAs(saved);
        const [data, filter] = await readXlsx(saved);
        assert.equal(data.name, '审计日志');
        assert.equal(filter.name, '筛选条件');
        const body = data.rows.slice(1);
        assert.equal(body.length, created, 'the workbook holds exactly the filtered entries');
        for (const r of body) {
          assert.equal(r[2], 'demo-sysadmin');
          assert.equal(r[5], '新增用户');
          assert.equal(r[6], 'user.create');
        }
        const recorded = new Map(filter.rows.slice(1).map((r) => [r[0], r[1]]));
        assert.equal(recorded.get('操作'), '新增用户（user.create）');
        assert.equal(recorded.get('操作人'), 'demo-sysadmin');
        assert.equal(recorded.get('导出人'), 'demo-auditor');
        await page.getByText('已按当前筛选条件导出').waitFor();
        await shot(page, `audit-export-${name}`);

        // The export is itself in the trail, by name (the export button's tooltip moved out of the way).
        await page.mouse.move(0, 0);
        await page.getByRole('button', { name: /重\s*置/ }).click();
        await page.locator('.ant-table-row').filter({ hasText: '导出审计日志' }).first().waitFor();
        assert.deepEqual(errors, []);
        await context.close();
      });
    }

    test('login log and online users show browser and system; the login log exports', async () => {
      const { context, page, errors } = await signIn('demo-secadmin', VIEWPORTS[0], { at: '/login-logs' });
      await page.locator('.ant-table-row').first().waitFor();
      const text = await page.locator('.ant-table-tbody').innerText();
      assert.match(text, /Headless Chrome \d+|Chrome \d+/, 'the browser is read from the User-Agent');
      assert.ok(text.includes('Linux'), 'the system too');
      assert.ok(!text.includes('Mozilla/5.0'), 'the raw string is not shown');
      await shot(page, 'login-log-browser');
      const download = page.waitForEvent('download');
      await page.getByTestId('loginlog-export').click();
      assert.match((await download).suggestedFilename(), /^登录日志-\d{8}\.xlsx$/);
      await page.goto('/sessions');
      await page.locator('.ant-table-row').first().waitFor();
      assert.match(await page.locator('.ant-table-tbody').innerText(), /Chrome \d+/);
      await shot(page, 'sessions-browser');
      assert.deepEqual(errors, []);
      await context.close();
    });

    test('the roles page names permissions, the catalogues tell where they come from', async () => {
      const { context, page, errors } = await signIn('demo-secadmin', VIEWPORTS[0], { at: '/roles' });
      await page.locator('.ant-table-row').first().waitFor();
      const roles = await page.locator('.ant-table-tbody').innerText();
      for (const s of ['查看单位', '查看、导出审计日志', '分配角色'])
        assert.ok(roles.includes(s), `roles page shows ${s}`);
      assert.ok(!/[a-z_]+:[a-z_]+/.test(roles), 'no permission codes');
      await shot(page, 'roles-permission-names');
      await page.goto('/catalogues');
      await page.getByTestId('catalogue-regions').waitFor();
      const list = await page.locator('.ant-table-tbody').innerText();
      assert.ok(!/scrape|third-party|probably|npm/i.test(list), 'no working notes');
      assert.ok(list.includes('依据国家统计局'), 'provenance as a sentence');
      await shot(page, 'catalogues-provenance');
      await page.getByTestId('catalogue-regions').click();
      await page.getByTestId('catalogue-provenance').waitFor();
      await page.getByRole('main').getByText('吉林省', { exact: true }).waitFor();
      const detail = await page.locator('body').innerText();
      assert.ok(!detail.includes('hasChildren'), 'no raw field names');
      assert.ok(!/scrape|Third-party/i.test(detail));
      await shot(page, 'catalogue-regions-provenance');
      assert.deepEqual(errors, []);
      await context.close();
    });

    for (const { name, ...vp } of VIEWPORTS) {
      test(`${name}: the user form says what a valid phone and e-mail are and refuses a blank name`, async () => {
        const { context, page, errors } = await signIn('demo-sysadmin', vp, { at: '/users' });
        await page.locator('.ant-table-row').first().waitFor();
        await page.getByTestId('user-add').click();
        const dialog = page.locator('.ant-modal-content').filter({ hasText: '新增用户' });
        await dialog.waitFor();
        await dialog.getByTestId('user-username').fill(`e2e.form.${name}`);
        await dialog.getByTestId('user-displayname').fill('   ');
        await dialog.getByTestId('user-phone').fill('1381234567');
        await dialog.getByTestId('user-email').fill('zhang.example.com');
        await dialog.getByTestId('user-username').click();
        await dialog.getByRole('button', { name: /确\s*定/ }).click();
        await dialog.getByText('请输入以 1 开头的 11 位手机号码').waitFor();
        const text = await dialog.innerText();
        const count = (s) => text.split(s).length - 1;
        assert.equal(count('请输入以 1 开头的 11 位手机号码'), 1, 'the phone hint once');
        assert.equal(count('电子邮箱格式不正确'), 1, 'the e-mail hint once, in Chinese');
        assert.equal(count('不能为空，也不能只有空格'), 1, 'a name of spaces is refused, once');
        assert.ok(!/email|is not a valid/i.test(text.replace(/name@example\.com/g, '')), 'no English');
        await shot(page, `users-form-hints-${name}`);
        assert.deepEqual(errors, []);
        await context.close();
      });
    }
  });
}
