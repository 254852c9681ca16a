/**
 * The institution lifecycle (issue 16 item 10) in Chromium, on ONE institution in ONE server run: the demo
 * exam institution (demo-exam, 长春市人民医院), whose demo filing is returned, submits it again; the
 * provincial commission returns it with an opinion; the institution resubmits; the commission files it
 * (number, receipt; the receipt printed and its PDF page 1 turned into a picture, Chinese must show);
 * the on-site verification task opened by the filing is scheduled, recorded and completed (合格) by the
 * QC centre; the institution, now filed and verified, gives an outbound-exam notice 4 working days ahead
 * (refused with the earliest date) and 5 working days ahead across a holiday the calendar administrator
 * enters (accepted); the QC centre adds the institution to the year's plan, schedules an assessment, scores
 * it with a failed key item and completes it (不合格); the rectification items it raised (source 质控评估)
 * are answered with evidence by the institution and closed (已销号) by the QC centre; the commission
 * publishes the filed-institutions list, and the public page on a phone, without login, now lists
 * 长春市人民医院 with the publication date, where the earlier (demo) publication did not.
 * Run after `npm run build`: `node --test --test-concurrency=1 e2e/institution-lifecycle.test.mjs`.
 * Screenshots: e2e/screenshots/lifecycle-*.png (and lifecycle-receipt-pdf-page1.png).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { journeys, newPage, shot, SHOTS } from './helpers.mjs';

const NAME = '长春市人民医院';
const OPINION = '请补充质量管理文件，并核对 DR 设备检定有效期。（全流程测试）';
const PHONE = { width: 390, height: 844 };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n%%EOF\n', 'latin1');
// A 1×1 PNG (a photo of the rectified site, as far as the server can tell).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

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

/** Types today's date (the browser's, the server's machine) into the date picker of the open modal. */
const pickToday = async (page) => {
  const today = await page.evaluate(() => {
    const d = new Date();
    const p = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  });
  const input = page.locator('.ant-modal .ant-picker input');
  await input.click();
  await input.fill(today);
  await input.press('Enter');
  await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').waitFor({ state: 'hidden' });
  assert.equal(await input.inputValue(), today);
  return today;
};

/** Lets the success messages of earlier actions fade, so they do not cover what the picture is of. */
const quiet = (page) =>
  page
    .locator('.ant-message-notice')
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => undefined);

/** The ledger is wider than a 1440 px screen: scroll it sideways so the status column shows. */
const tableToRight = (page) =>
  page.evaluate(() => {
    for (const el of globalThis.document.querySelectorAll('.ant-table-content, .ant-table-body'))
      el.scrollLeft = el.scrollWidth;
  });

const getOf = (page, pathname) =>
  page.waitForResponse(
    (r) => r.request().method() === 'GET' && new URL(r.url()).pathname === pathname && r.ok(),
  );

journeys(
  'institution lifecycle: file, verify, outbound notice, QC, rectification, public list',
  (env) => {
    /** What the steps hand on to the next ones. */
    const s = {
      filingId: 0,
      filingNo: '',
      receiptId: 0,
      verificationId: 0,
      assessmentId: 0,
      items: [],
      earlierPublication: null,
    };
    /** One step of the journey; once a step fails the later ones stop at once, naming it. */
    let failed = null;
    const step = (name, body) =>
      test(name, async () => {
        if (failed) assert.fail(`an earlier step failed: ${failed}`);
        try {
          await body();
        } catch (e) {
          failed = name;
          throw e;
        }
      });
    const signIn = async (username, viewport, opts) => {
      const x = await env.signIn(username, viewport, opts);
      x.page.setDefaultTimeout(60_000);
      return x;
    };
    const phone = async () => {
      const x = await newPage(env.browser, env.server.baseUrl);
      await x.page.setViewportSize(PHONE);
      x.page.setDefaultTimeout(60_000);
      return x;
    };
    /** The public filed-institutions list of the demo province, searched for the institution. */
    const publicSearch = async (page, publication) => {
      const listed = page.waitForResponse(
        (r) =>
          r.url().includes('/api/v1/public/lists/22/filed_institutions') &&
          r.url().includes(`q=${encodeURIComponent(NAME)}`),
      );
      const extra = publication ? `&publication=${publication}` : '';
      await page.goto(`/public/filed_institutions?province=22&q=${encodeURIComponent(NAME)}${extra}`);
      const body = await (await listed).json();
      await page.getByTestId('public-total').waitFor();
      return body;
    };

    step('before: the public filed-institutions list does not name the institution', async () => {
      const { context, page, errors } = await phone();
      const body = await publicSearch(page);
      s.earlierPublication = body.publication;
      assert.equal(body.total, 0, JSON.stringify(body.data));
      await page.getByText('没有符合搜索条件的记录').waitFor();
      await shot(page, 'lifecycle-00-public-before');
      assert.deepEqual(errors, []);
      await context.close();
    });

    step('the institution finds its filing returned and submits it', async () => {
      const { context, page, errors } = await signIn('demo-exam', undefined, { at: null });
      const detail = page.waitForResponse(
        (r) => r.request().method() === 'GET' && /\/api\/v1\/filings\/\d+$/.test(new URL(r.url()).pathname),
      );
      await page.goto('/filings/mine');
      const f = await (await detail).json();
      s.filingId = f.id;
      assert.equal(f.status, 'returned');
      assert.equal(f.institutionName, NAME);
      await page.getByTestId('filing-status').getByText('已退回').waitFor();
      await page.getByTestId('filing-opinion').waitFor();
      await shot(page, 'lifecycle-01-filing-returned');
      const submitted = page.waitForResponse((r) => r.url().includes(`/api/v1/filings/${f.id}/submit`));
      await page.getByTestId('filing-submit').click();
      assert.equal((await submitted).status(), 200);
      await page.getByTestId('filing-status').getByText('待审核').waitFor();
      await shot(page, 'lifecycle-02-filing-submitted');
      assert.deepEqual(errors, []);
      await context.close();
    });

    const openInQueue = async (page) => {
      const listed = page.waitForResponse(
        (r) => r.url().includes('/api/v1/filings?') && r.url().includes('awaitingReview=true'),
      );
      await page.goto('/filings');
      const queue = await (await listed).json();
      assert.ok(
        queue.data.some((x) => x.id === s.filingId),
        'the filing waits in the review queue',
      );
      await page.getByTestId(`filing-open-${s.filingId}`).click();
      await page.locator('.ant-drawer').getByText(NAME).first().waitFor();
    };

    step('the provincial commission returns it with an opinion', async () => {
      const { context, page, errors } = await signIn('demo-province');
      await openInQueue(page);
      await page.getByTestId('filing-return').click();
      await page.getByTestId('filing-opinion-input').fill(OPINION);
      await shot(page, 'lifecycle-03-commission-returns');
      const returned = page.waitForResponse((r) => r.url().includes(`/api/v1/filings/${s.filingId}/return`));
      await page
        .locator('.ant-modal-footer')
        .getByRole('button', { name: /退\s*回/ })
        .click();
      assert.equal((await returned).status(), 200);
      await page.locator('.ant-drawer').getByText('已退回').first().waitFor();
      assert.deepEqual(errors, []);
      await context.close();
    });

    step('the institution reads the opinion and resubmits', async () => {
      const { context, page, errors } = await signIn('demo-exam', undefined, { at: '/filings/mine' });
      await page.getByTestId('filing-history').getByText(OPINION).waitFor();
      assert.ok((await page.getByTestId('filing-opinion').innerText()).includes('质量管理文件'));
      await shot(page, 'lifecycle-04-opinion-read');
      const submitted = page.waitForResponse((r) => r.url().includes(`/api/v1/filings/${s.filingId}/submit`));
      await page.getByTestId('filing-submit').click();
      assert.equal((await submitted).status(), 200);
      await page.getByTestId('filing-status').getByText('待审核').waitFor();
      assert.deepEqual(errors, []);
      await context.close();
    });

    step('the commission files it: number, receipt; the verification task opens', async () => {
      const { context, page, errors } = await signIn('demo-province');
      await openInQueue(page);
      await page.getByTestId('filing-file').click();
      const filed = page.waitForResponse((r) => r.url().includes(`/api/v1/filings/${s.filingId}/file`));
      await page.locator('.ant-modal-confirm-btns').getByRole('button', { name: '予以备案' }).click();
      const res = await filed;
      assert.equal(res.status(), 200);
      const body = await res.json();
      assert.match(body.filingNo, /^22-ZJ-\d{4}-\d{4}$/);
      s.filingNo = body.filingNo;
      s.receiptId = body.receipt.documentId;
      await page.getByText(`已备案，编号 ${body.filingNo}`).waitFor();
      await shot(page, 'lifecycle-05-filed-by-commission');
      assert.deepEqual(errors, []);
      await context.close();
    });

    step(
      'the institution sees 已备案 and its receipt; the printed receipt and its PDF show Chinese',
      async () => {
        const { context, page, errors } = await signIn('demo-exam', undefined, { at: '/filings/mine' });
        await page.getByTestId('filing-status').getByText('已备案').waitFor();
        assert.equal(await page.getByTestId('filing-no').innerText(), s.filingNo);
        await shot(page, 'lifecycle-06-filed');
        await page.getByTestId('filing-receipt').first().click();
        await page.waitForURL(`**/documents/${s.receiptId}`);
        await page.getByText('职业健康检查机构备案回执').first().waitFor();
        await page.getByText(s.filingNo).first().waitFor();
        await page.getByText(NAME).first().waitFor();
        await shot(page, 'lifecycle-07-receipt');

        // The printable page as the browser prints it.
        const print = await context.newPage();
        await print.goto(`/api/v1/documents/${s.receiptId}/print`);
        await print.getByRole('heading', { name: '职业健康检查机构备案回执' }).waitFor();
        await print.emulateMedia({ media: 'print' });
        const printed = await print.locator('body').innerText();
        assert.ok(printed.includes(s.filingNo) && printed.includes(NAME), printed);
        mkdirSync(SHOTS, { recursive: true });
        await print.screenshot({ path: join(SHOTS, 'lifecycle-08-receipt-printed.png'), fullPage: true });
        await print.close();

        // The server's PDF: its text, and page 1 as a picture (the Chinese glyphs must be embedded).
        const pdf = await page.evaluate(async (id) => {
          const res = await fetch(`/api/v1/documents/${id}/pdf`);
          const buf = new Uint8Array(await res.arrayBuffer());
          let b = '';
          for (const x of buf) b += String.fromCharCode(x);
          return { status: res.status, type: res.headers.get('content-type'), b64: btoa(b) };
        }, s.receiptId);
        assert.equal(pdf.status, 200);
        assert.equal(pdf.type, 'application/pdf');
        const file = join(SHOTS, 'lifecycle-receipt.pdf');
        writeFileSync(file, Buffer.from(pdf.b64, 'base64'));
        const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
        for (const want of ['职业健康检查机构备案回执', s.filingNo, NAME])
          assert.ok(text.includes(want), text);
        // Every font the PDF uses is embedded (a reader without Chinese fonts shows the same glyphs).
        const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n');
        const emb = fonts[0].indexOf(' emb ') + 1;
        const rows = fonts.slice(2).filter((l) => l.trim());
        assert.ok(emb > 0 && rows.length > 0, fonts.join('\n'));
        for (const l of rows) assert.equal(l.slice(emb, emb + 3), 'yes', `not embedded: ${l}`);
        execFileSync('pdftoppm', [
          '-f',
          '1',
          '-l',
          '1',
          '-r',
          '80',
          '-png',
          '-singlefile',
          file,
          join(SHOTS, 'lifecycle-receipt-pdf-page1'),
        ]);
        assert.deepEqual(errors, []);
        await context.close();
      },
    );

    step(
      'the QC centre schedules the on-site verification, records it all conforming and completes it',
      async () => {
        const { context, page, errors } = await signIn('demo-qc', undefined, { at: null });
        const listed = page.waitForResponse(
          (r) => r.request().method() === 'GET' && r.url().includes('/api/v1/verifications?'),
        );
        await page.goto('/verifications');
        const list = await (await listed).json();
        const v = list.data.find((x) => x.filingId === s.filingId);
        assert.ok(v, 'the verification task opened by the filing is listed');
        assert.equal(v.status, 'pending');
        s.verificationId = v.id;
        await page.getByTestId(`verification-open-${v.id}`).waitFor();
        const searched = page.waitForResponse(
          (r) =>
            r.url().includes('/api/v1/verifications?') && r.url().includes(`q=${encodeURIComponent(NAME)}`),
        );
        await page.locator('.ant-pro-query-filter input#q').fill(NAME);
        await page
          .locator('.ant-pro-query-filter')
          .getByRole('button', { name: /查\s*询/ })
          .click();
        assert.ok((await (await searched).json()).data.some((x) => x.id === v.id));
        await page.locator('.ant-table-row', { hasText: NAME }).first().waitFor();
        await page.locator('.ant-table-row', { hasText: '待安排' }).first().waitFor();
        await shot(page, 'lifecycle-09-verification-listed');

        const loaded = getOf(page, `/api/v1/verifications/${v.id}`);
        await page.getByTestId(`verification-open-${v.id}`).click();
        const d = await (await loaded).json();
        await page.getByTestId('verification-provisional').waitFor();
        await page.getByTestId('verification-schedule').click();
        await pickToday(page);
        const tags = page.getByTestId('verification-assessors').locator('input');
        await tags.fill('张伟');
        await tags.press('Enter');
        await tags.fill('孙浩');
        await tags.press('Enter');
        await shot(page, 'lifecycle-10-verification-schedule');
        const scheduled = page.waitForResponse(
          (r) => r.request().method() === 'PATCH' && r.url().includes(`/api/v1/verifications/${v.id}`),
        );
        await page.locator('.ant-modal .ant-btn-primary').click();
        assert.equal((await scheduled).status(), 200);
        await page.getByTestId('verification-save').waitFor();

        for (const item of d.items)
          await page.getByTestId(`verification-item-${item.code}`).getByText('符合', { exact: true }).click();
        for (const f of d.factors)
          await page
            .getByTestId(`verification-factor-${f.hazardCode}`)
            .getByText('具备能力', { exact: true })
            .click();
        await shot(page, 'lifecycle-11-verification-recorded');
        await page.getByTestId('verification-complete').click();
        const confirm = page.locator('.ant-modal-confirm');
        await confirm.getByText('核查结论：合格').waitFor();
        await page
          .getByTestId('verification-conclusion')
          .fill('人员、设备、场所与备案一致，具备备案项目的检查能力');
        const completed = page.waitForResponse((r) =>
          r.url().includes(`/api/v1/verifications/${v.id}/complete`),
        );
        await confirm.getByRole('button', { name: '完成核查' }).click();
        const res = await completed;
        assert.equal(res.status(), 200);
        const body = await res.json();
        assert.equal(body.result, 'passed');
        assert.deepEqual(body.blocked, []);
        await page.getByText('已完成').first().waitFor();
        await shot(page, 'lifecycle-12-verification-completed');
        assert.deepEqual(errors, []);
        await context.close();
      },
    );

    step(
      'outbound notice: 4 working days ahead refused with the earliest date, 5 across a holiday accepted',
      async () => {
        const admin = await signIn('demo-sysadmin');
        const exam = await signIn('demo-exam');
        const { page, errors } = exam;
        const options = (await apiJson(page, '/api/v1/outbound-notices/options')).body;
        assert.equal(options.eligible, true, JSON.stringify(options));
        const before = (await apiJson(page, '/api/v1/outbound-notices/timing')).body;
        const today = before.noticeDate;
        // The calendar administrator enters a one-day holiday on the second working day ahead.
        let day = today;
        let working = 0;
        let holiday = null;
        while (!holiday) {
          day = addDays(day, 1);
          const info = (await apiJson(page, `/api/v1/calendar/days/${day}`)).body;
          if (info.working && ++working === 2) holiday = day;
        }
        const added = await apiJson(admin.page, '/api/v1/calendar/days', {
          method: 'POST',
          body: {
            date: holiday,
            kind: 'holiday',
            name: '全流程测试休假日',
            source: 'e2e 测试数据（非国务院办公厅通知）',
          },
        });
        assert.equal(added.status, 201, JSON.stringify(added.body));
        await admin.context.close();

        const timing = (await apiJson(page, '/api/v1/outbound-notices/timing')).body;
        const earliest = timing.earliestStartDate;
        assert.ok(earliest > before.earliestStartDate, 'the holiday moves the earliest start a day later');
        assert.ok(holiday > today && holiday < earliest, 'the holiday lies inside the notice period');
        const fourAhead = addDays(earliest, -1);
        const check4 = (await apiJson(page, `/api/v1/outbound-notices/timing?startDate=${fourAhead}`)).body;
        assert.equal(check4.workingDaysCounted, 4);
        assert.equal(check4.allowed, false);

        await page.goto('/outbound');
        await page.getByTestId('outbound-earliest-today').waitFor();
        assert.ok((await page.getByTestId('outbound-earliest-today').innerText()).includes(earliest));
        await shot(page, 'lifecycle-13-outbound-list');

        // The draft 4 working days ahead (its content from the filing through the options route).
        const created = await apiJson(page, '/api/v1/outbound-notices', {
          method: 'POST',
          body: {
            employerName: '南关区全流程测试机械厂',
            employerRegionCode: '220102',
            siteAddress: '长春市南关区测试路 18 号 职工活动中心',
            startDate: fourAhead,
            endDate: fourAhead,
            hazardCodes: options.hazards.slice(0, 2).map((h) => h.code),
            staff: options.staff.slice(0, 2).map((x) => ({ name: x.name })),
            vehicles: options.vehicles.slice(0, 1).map((x) => ({ plateNo: x.plateNo })),
            equipment: options.equipment.slice(0, 1).map((x) => ({ name: x.name, quantity: 1 })),
            expectedCount: 120,
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
        assert.ok((await late.innerText()).includes(earliest), await late.innerText());
        await shot(page, 'lifecycle-14-outbound-refused');
        assert.equal((await apiJson(page, `/api/v1/outbound-notices/${id}`)).body.status, 'draft');
        await page.locator('.ant-drawer-close').first().click();

        // Five working days ahead, across the holiday: accepted and printable.
        const moved = await apiJson(page, `/api/v1/outbound-notices/${id}`, {
          method: 'PUT',
          body: { startDate: earliest, endDate: addDays(earliest, 1) },
        });
        assert.equal(moved.status, 200, JSON.stringify(moved.body));
        await page.getByTestId(`outbound-open-${id}`).click();
        await page.getByTestId('outbound-submit').click();
        await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
        await page.getByTestId('outbound-detail').getByTestId('outbound-status-submitted').waitFor();
        await page.getByTestId('outbound-print').waitFor();
        await shot(page, 'lifecycle-15-outbound-accepted');
        const detail = (await apiJson(page, `/api/v1/outbound-notices/${id}`)).body;
        assert.equal(detail.status, 'submitted');
        assert.equal(detail.startDate, earliest);
        assert.deepEqual(errors, []);
        await exam.context.close();
      },
    );

    step('QC: the plan takes the institution in, an assessment fails a key item: 不合格', async () => {
      const { context, page, errors } = await signIn('demo-qc', undefined, { at: null });
      const planLoaded = getOf(page, '/api/v1/qc/plans/1');
      await page.goto('/qc/plans');
      const plan = await (await planLoaded).json();
      assert.equal(plan.year, Number(s.filingNo.slice(6, 10)), 'the plan of the filing year');
      assert.ok(!plan.entries.some((e) => e.institutionName === NAME), 'not in the plan yet');
      const refreshButton = page.getByRole('button', { name: '补充列入' });
      await refreshButton.waitFor();
      await shot(page, 'lifecycle-16-qc-plan-missing');
      const refreshed = page.waitForResponse((r) => r.url().endsWith('/api/v1/qc/plans/1/refresh'));
      const reloaded = getOf(page, '/api/v1/qc/plans/1');
      await refreshButton.click();
      const r = await refreshed;
      assert.equal(r.status(), 200);
      assert.ok((await r.json()).added >= 1);
      const after = await (await reloaded).json();
      const entry = after.entries.find((e) => e.institutionName === NAME && e.kind === 'routine');
      assert.ok(entry, 'the institution is in the plan now');
      assert.equal(entry.assessmentId, null);

      await page.getByTestId(`qc-plan-schedule-${entry.id}`).click();
      await pickToday(page);
      const tags = page.getByTestId('qc-schedule-assessors').locator('input');
      await tags.fill('张伟');
      await tags.press('Enter');
      await tags.fill('李娜');
      await tags.press('Enter');
      await shot(page, 'lifecycle-17-qc-schedule');
      const scheduled = page.waitForResponse(
        (x) => x.request().method() === 'POST' && x.url().endsWith('/api/v1/qc/assessments'),
      );
      await page.locator('.ant-modal .ant-btn-primary').click();
      const res = await scheduled;
      assert.equal(res.status(), 201);
      s.assessmentId = (await res.json()).id;
      await page.waitForURL(`**/qc/assessments/${s.assessmentId}`);
      await page.getByTestId('qc-provisional').waitFor();
      const a = (await apiJson(page, `/api/v1/qc/assessments/${s.assessmentId}`)).body;
      assert.equal(a.institutionName, NAME);
      assert.equal(a.template.code, 'exam');

      // Every item 符合 at full points, except one key item 不符合 and one item with a deduction.
      const items = a.sections.flatMap((x) => x.items);
      const key = items.find((i) => i.keyItem);
      const deducted = items.find((i) => !i.keyItem && i.points >= 2);
      assert.ok(key && deducted, 'the form has a key item and a scored item');
      for (const i of items)
        await page
          .getByTestId(`qc-item-${i.code}`)
          .getByText(i.code === key.code ? '不符合' : '符合', { exact: true })
          .click();
      await page
        .getByTestId(`qc-note-${key.code}`)
        .fill('抽查 20 份报告，2 例职业禁忌证未告知劳动者及用人单位');
      await page
        .locator(
          `input[data-testid="qc-points-${deducted.code}"], [data-testid="qc-points-${deducted.code}"] input`,
        )
        .first()
        .fill(String(deducted.points - 1));
      await page.getByTestId(`qc-note-${deducted.code}`).fill('内部质控记录个别月份缺失');
      const saved = page.waitForResponse((x) =>
        x.url().includes(`/api/v1/qc/assessments/${s.assessmentId}/scores`),
      );
      await page.getByTestId('qc-save').click();
      assert.equal((await saved).status(), 200);
      await page.getByTestId('qc-preview-grade').getByText('不合格').waitFor();
      await page.getByText(`关键项不符合：${key.code}`).first().waitFor();
      for (const code of items.filter((i) => i.evidenceRequired).map((i) => i.code)) {
        const up = page.waitForResponse((x) => x.url().includes(`/evidence?item=${code}`));
        await page
          .locator(`.ant-upload:has([data-testid="qc-evidence-${code}"]) input[type=file]`)
          .setInputFiles({ name: `${code}-佐证.pdf`, mimeType: 'application/pdf', buffer: PDF });
        assert.equal((await up).status(), 201);
        await page.getByText(`${code}-佐证.pdf`).first().waitFor();
      }
      const checked = page.waitForResponse((x) =>
        x.url().includes(`/api/v1/qc/assessments/${s.assessmentId}/consistency`),
      );
      await page.getByTestId('qc-consistency-save').click();
      assert.equal((await checked).status(), 200);
      await page.getByText('与备案一致', { exact: true }).waitFor();
      await page.getByTestId(`qc-item-${key.code}`).scrollIntoViewIfNeeded();
      await quiet(page);
      await shot(page, 'lifecycle-18-qc-key-item-failed');

      await page.getByTestId('qc-complete').click();
      const confirm = page.locator('.ant-modal-confirm');
      await confirm.getByText('评定等级：不合格', { exact: false }).waitFor();
      await page.getByTestId('qc-conclusion').fill('关键项不符合，评定为不合格；责令限期整改');
      await quiet(page);
      await shot(page, 'lifecycle-19-qc-complete-confirm');
      const completed = page.waitForResponse((x) =>
        x.url().includes(`/api/v1/qc/assessments/${s.assessmentId}/complete`),
      );
      await confirm.getByRole('button', { name: '完成评估' }).click();
      const done = await completed;
      assert.equal(done.status(), 200);
      const body = await done.json();
      assert.equal(body.grade, 'failed');
      assert.equal(body.rectificationItems.length, 2, 'the failed key item and the deducted item');
      s.items = body.rectificationItems;
      await page.getByTestId('qc-detail-grade').getByText('不合格').waitFor();
      await page.getByText('已完成').first().waitFor();
      await page.getByText('抽查 20 份报告').first().waitFor();
      await page.evaluate(() => globalThis.scrollTo(0, 0));
      await quiet(page);
      await shot(page, 'lifecycle-20-qc-failed');
      // The items the assessment raised, as the form lists them.
      const findings = page.locator('.ant-card', { hasText: '完成评估时，以下问题进入整改台账' });
      await findings.getByText(`质控不符合：${key.code}`, { exact: false }).first().waitFor();
      await findings.scrollIntoViewIfNeeded();
      await shot(page, 'lifecycle-21-qc-findings');
      assert.deepEqual(errors, []);
      await context.close();
    });

    step('the ledger shows the items raised from the assessment (source 质控评估)', async () => {
      const { context, page, errors } = await signIn('demo-qc', undefined, { at: '/rectifications' });
      await page.locator('.ant-table-tbody .ant-table-row').first().waitFor();
      const searched = page.waitForResponse(
        (r) =>
          r.url().includes('/api/v1/rectifications/items?') &&
          r.url().includes(`q=${encodeURIComponent(NAME)}`),
      );
      await page.locator('.ant-pro-query-filter input#q').fill(NAME);
      await page
        .locator('.ant-pro-query-filter')
        .getByRole('button', { name: /查\s*询/ })
        .click();
      const all = await (await searched).json();
      assert.ok(
        all.data.some((x) => x.source !== 'qc'),
        'the institution has items from other sources too (demo)',
      );
      // Only what the QC assessments raised.
      const filtered = page.waitForResponse(
        (r) => r.url().includes('/api/v1/rectifications/items?') && r.url().includes('source=qc'),
      );
      await page
        .locator('.ant-pro-query-filter .ant-form-item')
        .filter({ hasText: '来源' })
        .locator('.ant-select')
        .click();
      await page.locator('.ant-select-dropdown .ant-select-item-option', { hasText: '质控评估' }).click();
      await page
        .locator('.ant-pro-query-filter')
        .getByRole('button', { name: /查\s*询/ })
        .click();
      const list = await (await filtered).json();
      assert.ok(list.data.every((x) => x.source === 'qc' && x.institutionName === NAME));
      const raised = list.data.filter((x) => s.items.includes(x.id));
      assert.equal(raised.length, 2, JSON.stringify(list.data.map((x) => [x.id, x.source])));
      for (const x of raised) {
        assert.equal(x.source, 'qc');
        assert.ok(x.sourceRef.startsWith(`qc:${s.assessmentId}:`), x.sourceRef);
        assert.equal(x.status, 'open');
        assert.equal(x.institutionName, NAME);
        await page.getByTestId(`rect-open-${x.id}`).waitFor();
      }
      assert.ok(
        raised.some((x) => x.severity === 'major'),
        'the failed key item is a major one',
      );
      await tableToRight(page);
      await shot(page, 'lifecycle-22-ledger-qc-items');
      assert.deepEqual(errors, []);
      await context.close();
    });

    step('the institution answers each item with evidence', async () => {
      const { context, page, errors } = await signIn('demo-exam', undefined, { at: '/rectifications/mine' });
      for (const id of s.items) await page.getByTestId(`rect-open-${id}`).waitFor();
      await shot(page, 'lifecycle-23-mine-items');
      let n = 0;
      for (const id of s.items) {
        n += 1;
        await page.goto('/rectifications/mine');
        const loaded = getOf(page, `/api/v1/rectifications/items/${id}`);
        await page.getByTestId(`rect-open-${id}`).click();
        const item = await (await loaded).json();
        assert.equal(item.status, 'open');
        await page.getByTestId('rect-respond-card').waitFor();
        const fileName = n === 1 ? '整改照片.png' : '整改报告.pdf';
        const uploaded = page.waitForResponse((r) =>
          r.url().includes(`/api/v1/rectifications/items/${id}/evidence`),
        );
        await page
          .getByTestId('rect-respond-card')
          .locator('input[type=file]')
          .setInputFiles(
            n === 1
              ? { name: fileName, mimeType: 'image/png', buffer: PNG }
              : { name: fileName, mimeType: 'application/pdf', buffer: PDF },
          );
        assert.equal((await uploaded).status(), 201);
        await page.getByText(fileName).first().waitFor();
        await page
          .getByTestId('rect-statement')
          .fill(
            item.severity === 'major'
              ? '已修订职业禁忌证告知流程，对 2 例劳动者及其用人单位补发告知书，主检医师已培训。'
              : '已补齐内部质控记录，明确质量负责人和技术负责人，每月召开质控例会。',
          );
        if (n === 1) {
          // The uploaded file is listed under 整改佐证, below the answer.
          await page.getByTestId('rect-evidence').getByText(fileName).waitFor();
          await page.getByTestId('rect-evidence').scrollIntoViewIfNeeded();
          await shot(page, 'lifecycle-24-evidence');
        }
        const submitted = page.waitForResponse((r) =>
          r.url().includes(`/api/v1/rectifications/items/${id}/respond`),
        );
        await page.getByTestId('rect-submit').click();
        assert.equal((await submitted).status(), 200);
        await page.getByTestId('rect-status').getByText('待核验').waitFor();
      }
      await shot(page, 'lifecycle-25-submitted');
      assert.deepEqual(errors, []);
      await context.close();
    });

    step('the QC centre verifies and closes each item: 已销号', async () => {
      const { context, page, errors } = await signIn('demo-qc', undefined, { at: null });
      for (const id of s.items) {
        const loaded = getOf(page, `/api/v1/rectifications/items/${id}`);
        await page.goto(`/rectifications/${id}`);
        const d = await (await loaded).json();
        assert.equal(d.status, 'submitted');
        await page.getByTestId('rect-history').waitFor();
        await page.getByTestId('rect-verify').click();
        await page.getByTestId('rect-opinion').fill('整改材料齐全，予以销号。');
        const verified = page.waitForResponse((r) =>
          r.url().includes(`/api/v1/rectifications/items/${id}/verify`),
        );
        await page.getByTestId('rect-action-ok').click();
        assert.equal((await verified).status(), 200);
        await page.getByTestId('rect-status').getByText('已销号').waitFor();
      }
      await shot(page, 'lifecycle-26-closed');
      for (const id of s.items)
        assert.equal((await apiJson(page, `/api/v1/rectifications/items/${id}`)).body.status, 'closed');
      // The ledger: both items of the assessment 已销号.
      await page.goto('/rectifications');
      const filtered = page.waitForResponse(
        (r) => r.url().includes('/api/v1/rectifications/items?') && r.url().includes('source=qc'),
      );
      await page.locator('.ant-pro-query-filter input#q').fill(NAME);
      await page
        .locator('.ant-pro-query-filter .ant-form-item')
        .filter({ hasText: '来源' })
        .locator('.ant-select')
        .click();
      await page.locator('.ant-select-dropdown .ant-select-item-option', { hasText: '质控评估' }).click();
      await page
        .locator('.ant-pro-query-filter')
        .getByRole('button', { name: /查\s*询/ })
        .click();
      const list = await (await filtered).json();
      assert.deepEqual(
        list.data.filter((x) => s.items.includes(x.id)).map((x) => x.status),
        ['closed', 'closed'],
      );
      for (const id of s.items)
        await page
          .locator('.ant-table-row', { has: page.getByTestId(`rect-open-${id}`) })
          .getByText('已销号')
          .waitFor();
      await quiet(page);
      await tableToRight(page);
      await shot(page, 'lifecycle-27-ledger-closed');
      assert.deepEqual(errors, []);
      await context.close();
    });

    step('the commission publishes the filed-institutions list: the institution is added', async () => {
      const { context, page, errors } = await signIn('demo-province', undefined, { at: '/public-lists' });
      await page.getByTestId('public-lists-preview-filed_institutions').click();
      await page.getByTestId('public-list-changes').waitFor();
      const changes = await page.getByTestId('public-list-changes').innerText();
      assert.ok(changes.includes('新增 1 家'), changes);
      await page
        .locator('[data-testid="public-list-preview"] tbody tr.ant-table-row', { hasText: NAME })
        .first()
        .waitFor()
        .catch(async () => {
          // The preview pages by 20: search it.
          await page
            .locator('.ant-drawer input[type=search], .ant-drawer .ant-input-search input')
            .first()
            .fill(NAME);
          await page.locator('.ant-drawer .ant-input-search input').first().press('Enter');
          await page
            .locator('[data-testid="public-list-preview"] tbody tr.ant-table-row', { hasText: NAME })
            .first()
            .waitFor();
        });
      await shot(page, 'lifecycle-28-public-list-preview');
      await page.getByTestId('public-list-publish').click();
      await page.getByTestId('public-list-note').fill('新增长春市人民医院（全流程测试）。');
      const published = page.waitForResponse(
        (r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/public-lists/publications'),
      );
      await page
        .getByRole('button', { name: '发 布' })
        .or(page.getByRole('button', { name: '发布' }))
        .last()
        .click();
      const res = await published;
      assert.equal(res.status(), 201);
      const p = await res.json();
      await page.getByText(`已发布，公布日期 ${p.publishedOn}`).waitFor();
      await shot(page, 'lifecycle-29-published');
      assert.deepEqual(errors, []);
      await context.close();
    });

    step(
      'on a phone without login the public list now names the institution; the earlier one did not',
      async () => {
        const { context, page, errors } = await phone();
        const now = await publicSearch(page);
        assert.notEqual(now.publication.id, s.earlierPublication.id, 'a new publication is shown');
        assert.equal(now.total, 1, JSON.stringify(now.data));
        assert.equal(now.data[0].institutionName, NAME);
        await page.getByTestId('public-entry').filter({ hasText: NAME }).waitFor();
        const on = await page.getByTestId('public-published-on').innerText();
        assert.ok(on.includes(now.publication.publishedOn), on);
        const entry = await page.getByTestId('public-entry').first().innerText();
        assert.ok(entry.includes(s.filingNo) && entry.includes(NAME), entry);
        const overflow = await page.evaluate(
          () => globalThis.document.documentElement.scrollWidth - globalThis.innerWidth,
        );
        assert.ok(overflow <= 1, `horizontal overflow ${overflow}px`);
        await shot(page, 'lifecycle-30-public-after');

        // The earlier publication, still readable in the history, does not name it.
        const earlier = await publicSearch(page, s.earlierPublication.id);
        assert.equal(earlier.publication.id, s.earlierPublication.id);
        assert.equal(earlier.total, 0, JSON.stringify(earlier.data));
        await page.getByText('没有符合搜索条件的记录').waitFor();
        await shot(page, 'lifecycle-31-public-earlier');
        assert.deepEqual(errors, []);
        await context.close();
      },
    );
  },
  { timeout: 1_800_000 },
);
