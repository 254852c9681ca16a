/**
 * 外出体检告知 (issue 16 item 4; R44, R47) in Chromium on the demo province: the filed demo institution's
 * user (demo-outbound) drafts a notice whose start is 4 working days ahead — the form shows the earliest
 * allowed start as the dates are picked — submits it and is refused with the earliest date; moves the
 * start to 5 working days ahead and submits it: accepted, routed, printable. The county department
 * acknowledges a notice in its queue. The provincial commission opens 外出体检设置 from its menu: the
 * period with its convention in plain words, the legal basis, the delegated counties of the demo; it
 * changes the period in the form (and the institution's earliest start moves), then sets it back.
 *
 * "Across a holiday": the journey runs on today's real date, and the shipped calendar has no holiday in
 * the next week of most days, so the calendar administrator first enters a one-day holiday on the second
 * working day ahead (marked as e2e test data in its source): the 5 working days are counted around it.
 * The 国庆 2026 arithmetic on the shipped calendar is tested in apps/server/src/modules/outbound/outbound.test.ts.
 * Run after `npm run build`: `node --test --test-concurrency=1 e2e/outbound.test.mjs`.
 * Screenshots: e2e/screenshots/outbound-*.png.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { journeys, menuPaths, shot, chooseLanguage } from './helpers.mjs';

/** A JSON request from the page (its session cookie; the CSRF token on writes). */
const apiJson = async (page, path, { method = 'GET', body } = {}) =>
  page.evaluate(
    async ([path, method, body]) => {
      const headers = { Accept: 'application/json', 'Accept-Language': 'zh-CN' };
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

const addDays = (iso, n) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

journeys(
  'outbound-exam notices: the notice period on the working calendar, routing, acknowledgement',
  (env) => {
    test('4 working days ahead is refused with the earliest date; 5 across a holiday is accepted', async () => {
      // The calendar administrator enters a one-day holiday on the second working day ahead.
      const admin = await env.signIn('demo-sysadmin');
      const exam = await env.signIn('demo-outbound');
      const before = (await apiJson(exam.page, '/api/v1/outbound-notices/timing')).body;
      const today = before.noticeDate;
      let day = today;
      let working = 0;
      let holiday = null;
      while (!holiday) {
        day = addDays(day, 1);
        const info = (await apiJson(exam.page, `/api/v1/calendar/days/${day}`)).body;
        if (info.working && ++working === 2) holiday = day;
      }
      const added = await apiJson(admin.page, '/api/v1/calendar/days', {
        method: 'POST',
        body: {
          date: holiday,
          kind: 'holiday',
          name: '端到端测试休假日',
          source: 'e2e 测试数据（非国务院办公厅通知）',
        },
      });
      assert.equal(added.status, 201, JSON.stringify(added.body));
      await admin.context.close();

      const timing = (await apiJson(exam.page, '/api/v1/outbound-notices/timing')).body;
      const earliest = timing.earliestStartDate;
      assert.ok(
        earliest > before.earliestStartDate,
        'the holiday moves the earliest start a working day later',
      );
      const fourAhead = addDays(earliest, -1);
      const check4 = (await apiJson(exam.page, `/api/v1/outbound-notices/timing?startDate=${fourAhead}`))
        .body;
      assert.equal(check4.workingDaysCounted, 4);
      assert.equal(check4.allowed, false);

      // The list, with the rule and today's earliest start.
      const { page, errors } = exam;
      await page.goto('/outbound');
      await page.getByTestId('outbound-earliest-today').waitFor();
      assert.ok((await page.getByTestId('outbound-earliest-today').innerText()).includes(earliest));
      await page.locator('.ant-table-tbody .ant-table-row').first().waitFor();
      await shot(page, 'outbound-1-list');

      // The form shows the earliest allowed date as the dates are picked.
      await page.getByTestId('outbound-create').click();
      await page.getByTestId('outbound-form').waitFor();
      const inputs = page.locator('.ant-picker-range input');
      await inputs.nth(0).click();
      await inputs.nth(0).fill(fourAhead);
      await inputs.nth(0).press('Enter');
      await inputs.nth(1).fill(fourAhead);
      await inputs.nth(1).press('Enter');
      const hint = page.getByTestId('outbound-earliest');
      await page.getByTestId('outbound-earliest').filter({ hasText: earliest }).waitFor();
      assert.ok((await hint.innerText()).includes(earliest));
      await shot(page, 'outbound-2-form-late');
      // Escape closes the date panel, then the drawer.
      await page.keyboard.press('Escape');
      if (await page.getByTestId('outbound-form').isVisible()) await page.keyboard.press('Escape');
      await page.getByTestId('outbound-form').waitFor({ state: 'hidden' });

      // The draft (its content from the filing through the options route), then submit in the UI.
      const options = (await apiJson(page, '/api/v1/outbound-notices/options')).body;
      assert.equal(options.eligible, true);
      const created = await apiJson(page, '/api/v1/outbound-notices', {
        method: 'POST',
        body: {
          employerName: '南关区端到端测试机械厂',
          employerRegionCode: '220102',
          siteAddress: '长春市南关区测试路 8 号 职工活动中心',
          startDate: fourAhead,
          endDate: fourAhead,
          hazardCodes: options.hazards.slice(0, 2).map((h) => h.code),
          staff: options.staff.slice(0, 2).map((s) => ({ name: s.name })),
          vehicles: options.vehicles.slice(0, 1).map((v) => ({ plateNo: v.plateNo })),
          equipment: options.equipment.slice(0, 1).map((e) => ({ name: e.name, quantity: 1 })),
          expectedCount: 80,
        },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const id = created.body.id;
      await page.reload();
      await page.getByTestId(`outbound-open-${id}`).click();
      await page.getByTestId('outbound-submit').click();
      await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
      const late = page.getByTestId('outbound-late');
      await late.waitFor();
      const lateText = await late.innerText();
      assert.ok(lateText.includes(earliest), lateText);
      await shot(page, 'outbound-3-refused');
      await page.locator('.ant-drawer-close').first().click();

      // Five working days ahead, across the holiday: accepted, routed to 南关区, printable.
      const moved = await apiJson(page, `/api/v1/outbound-notices/${id}`, {
        method: 'PUT',
        body: { startDate: earliest, endDate: addDays(earliest, 1) },
      });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      assert.ok(holiday > today && holiday < earliest, 'the holiday lies inside the notice period');
      await page.getByTestId(`outbound-open-${id}`).click();
      await page.getByTestId('outbound-submit').click();
      await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
      await page.getByTestId('outbound-status-submitted').waitFor();
      await page.getByTestId('outbound-print').waitFor();
      await shot(page, 'outbound-4-accepted');
      const detail = (await apiJson(page, `/api/v1/outbound-notices/${id}`)).body;
      assert.equal(detail.status, 'submitted');
      assert.equal(detail.receivingRegionCode, '220102');
      await page.getByTestId('outbound-print').click();
      await page.waitForURL(`**/documents/${detail.document.documentId}`);
      await page.waitForTimeout(1500);
      await shot(page, 'outbound-5-printable');
      assert.deepEqual(errors, []);
      await exam.context.close();

      // The county department acknowledges it from its queue.
      const county = await env.signIn('demo-county', undefined, { at: '/outbound/queue' });
      await county.page.getByTestId(`outbound-open-${id}`).click();
      await county.page.getByTestId('outbound-acknowledge').click();
      await county.page.locator('#outbound-acknowledge-ok').click();
      await county.page.getByTestId('outbound-status-acknowledged').first().waitFor();
      await shot(county.page, 'outbound-6-acknowledged');
      assert.equal(
        (await apiJson(county.page, `/api/v1/outbound-notices/${id}`)).body.status,
        'acknowledged',
      );
      assert.deepEqual(county.errors, []);
      await county.context.close();
    });
    test('the provincial commission keeps the notice period and the delegated counties (外出体检设置)', async () => {
      const province = await env.signIn('demo-province');
      const { page, errors } = province;
      assert.ok((await menuPaths(page)).includes('/outbound/settings'));
      await page.locator('a[data-menu-path="/outbound/settings"]').first().click();
      await page.waitForURL('**/outbound/settings');
      const setting = page.getByTestId('outbound-setting');
      await setting.waitFor();
      const text = await setting.innerText();
      assert.ok(text.includes('5 个工作日'), text);
      assert.ok(text.includes('告知当天和开始当天都不算'), text);
      assert.ok(text.includes('吉卫规〔2024〕2号'), text);
      // The demo's delegated county (a second county of 长春市, recorded through the service).
      const rows = page.getByTestId('outbound-delegations').locator('.ant-table-tbody .ant-table-row');
      await rows.first().waitFor();
      assert.ok((await rows.first().innerText()).includes('长春市'));
      await shot(page, 'outbound-7-settings');
      await page.getByTestId('outbound-delegations').scrollIntoViewIfNeeded();
      await shot(page, 'outbound-7b-delegations');

      // Change the period to 6 working days in the form: the earliest start of a new notice moves.
      const exam = await env.signIn('demo-outbound');
      const before = (await apiJson(exam.page, '/api/v1/outbound-notices/timing')).body;
      await page.locator('#outbound-setting-edit').click();
      const days = page.locator('#outbound-setting-days');
      await days.fill('6');
      await page.locator('#outbound-setting-save').click();
      await setting.filter({ hasText: '6 个工作日' }).waitFor();
      await shot(page, 'outbound-8-settings-changed');
      const after = (await apiJson(exam.page, '/api/v1/outbound-notices/timing')).body;
      assert.equal(after.noticeWorkingDays, 6);
      assert.ok(
        after.earliestStartDate > before.earliestStartDate,
        `${before.earliestStartDate} → ${after.earliestStartDate}`,
      );
      await exam.context.close();
      // Set back (the other journeys read 5).
      const current = (await apiJson(page, '/api/v1/outbound-settings/22')).body;
      const reset = await apiJson(page, '/api/v1/outbound-settings/22', {
        method: 'PUT',
        body: {
          noticeWorkingDays: 5,
          convention: current.convention,
          legalBasis: current.legalBasis,
          confidence: current.confidence,
          note: current.note,
        },
      });
      assert.equal(reset.status, 200, JSON.stringify(reset.body));
      assert.deepEqual(errors, []);
      await province.context.close();

      // A county department reads it (no menu entry, no buttons).
      const county = await env.signIn('demo-county');
      assert.ok(!(await menuPaths(county.page)).includes('/outbound/settings'));
      await county.page.goto('/outbound/settings');
      await county.page.getByTestId('outbound-setting').waitFor();
      assert.equal(await county.page.locator('#outbound-setting-edit').count(), 0);
      await shot(county.page, 'outbound-9-settings-read-only');
      // The English toggle.
      await chooseLanguage(county.page, 'en');
      await county.page.getByTestId('outbound-setting').filter({ hasText: '5 working days' }).waitFor();
      assert.ok(
        (await county.page.getByTestId('outbound-setting').innerText()).includes('Neither the notice day'),
      );
      await shot(county.page, 'outbound-10-settings-en');
      assert.deepEqual(county.errors, []);
      await county.context.close();
    });
  },
);
