/**
 * 职业病危害项目申报 (issue 17 items 2, 3, 7) in Chromium, on the demo province: an employer registers on
 * /register and the demo county approves it; the employer declares (初次申报) through the steps, seeing
 * the totals computed and a failing cross-check inline; the county returns it with an opinion; the
 * employer reads the opinion, corrects and resubmits; the county accepts it; the receipt (申报回执)
 * prints as a one-page PDF with Chinese text (page 1 as a picture) and verifies on the public /verify
 * page; the county's count of accepted declarations moves (its declarations page) and so does its
 * declaration coverage (申报调度: declared employers of all in the programme).
 * Run after `npm run build`: `node --test --test-concurrency=1 e2e/declarations.test.mjs`.
 * Screenshots: e2e/screenshots/declarations-*.png.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SHOTS, journeys, login, newPage, shot } from './helpers.mjs';

const OPINION = '作业场所分布中粉碎车间接触人数与检测报告不一致，请核实后重新提交。';
const PASSWORD = 'Kq7#mWx2026p';
const USERNAME = `decl.e2e.${process.pid}`;
const NAME = `申报旅程演示建材有限公司${process.pid % 1000}`;

/** A valid unified social credit code (GB 32100 check character) for the county. */
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const creditCode = (county) => {
  const body = String(8_000_000 + (process.pid % 1_000_000)).padStart(8, '0');
  const w = [3, 7, 9, 10, 5, 8, 4, 2];
  const orgSum = [...body].reduce((s, ch, i) => s + CHARS.indexOf(ch) * w[i], 0);
  const orgCheck = 11 - (orgSum % 11);
  const orgChar = orgCheck === 11 ? '0' : orgCheck === 10 ? 'X' : String(orgCheck);
  const first17 = `91${county}${body}${orgChar}`;
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...first17].reduce((s, ch, i) => s + CHARS.indexOf(ch) * weights[i], 0);
  return first17 + CHARS[(31 - (sum % 31)) % 31];
};

const countyCount = async (page) => {
  const listed = page.waitForResponse(
    (r) => r.url().includes('/api/v1/declarations?') && r.url().includes('status=accepted'),
  );
  await page.goto('/declarations');
  const body = await (await listed).json();
  await page.getByTestId('declarations-accepted-count').waitFor();
  return body.total;
};

/** The county's declared employers (all in the programme) as 申报调度 shows them. */
const coverageFigure = async (page) => {
  const rates = page.waitForResponse((r) => /\/api\/v1\/declaration-oversight\/rates(\?|$)/.test(r.url()));
  await page.goto('/declaration-oversight');
  const body = await (await rates).json();
  await page.getByTestId('oversight-declared-all').waitFor();
  return body.total.figures.all.declared;
};

/** Waits until no save is running (the steps form is disabled while it saves). */
const settle = (page) =>
  page.waitForFunction(() => !globalThis.document.querySelector('.ant-btn-loading, fieldset[disabled]'));

/** Fills an antd InputNumber / Input found by test id. */
const fill = async (page, testId, value) => {
  const el = page.getByTestId(testId);
  const input = (await el.evaluate((n) => n.tagName)) === 'INPUT' ? el : el.locator('input').first();
  await input.fill(String(value));
};

journeys('hazard-project declaration: register, declare, return, resubmit, accept, receipt', (env) => {
  let county = { code: '', name: '' };
  let before = 0;
  let coveredBefore = 0;
  let declarationId;
  let receipt;

  test('the county notes its count of accepted declarations', async () => {
    const { context, page, errors } = await env.signIn('demo-county');
    const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).json());
    county = { code: me.organisation.regionCode, name: me.organisation.regionName };
    coveredBefore = await coverageFigure(page);
    before = await countyCount(page);
    await page.getByRole('tab', { name: '待受理' }).waitFor();
    await page.getByTestId('receipt-overdue').first().waitFor();
    await shot(page, 'declarations-county-queue');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('an employer registers on /register and the county approves it', async () => {
    const { context, page, errors } = await newPage(env.browser, env.server.baseUrl);
    await page.goto('/register');
    await page.getByTestId('register-credit-code').fill(creditCode(county.code));
    await page.getByTestId('register-name').fill(NAME);
    await page.getByTestId('register-region').click();
    await page.locator('.ant-cascader-menu-item').filter({ hasText: '吉林省' }).first().click();
    const city = await page.evaluate(async (c) => {
      const r = await fetch(`/api/v1/employer-registrations/regions?parent=22`);
      return r.ok ? (await r.json()).data.find((x) => c.startsWith(x.code))?.name : null;
    }, county.code);
    await page
      .locator('.ant-cascader-menu')
      .nth(1)
      .locator('.ant-cascader-menu-item')
      .filter({ hasText: city ?? '长春市' })
      .first()
      .click();
    await page
      .locator('.ant-cascader-menu')
      .nth(2)
      .locator('.ant-cascader-menu-item')
      .filter({ hasText: county.name.replace(/^.*市/, '') })
      .first()
      .click();
    await page.keyboard.press('Escape');
    await page.getByTestId('register-address').fill(`${county.name}演示工业园 9 号`);
    await page.getByTestId('register-industry').fill('3021');
    await page.getByTestId('register-contact').fill('赵申报');
    await page.getByTestId('register-phone').fill('13904318888');
    await page.getByTestId('register-username').fill(USERNAME);
    await page.getByTestId('register-password').fill(PASSWORD);
    await page.getByTestId('register-password-again').fill(PASSWORD);
    await shot(page, 'declarations-register');
    const sent = page.waitForResponse(
      (r) => r.url().includes('/api/v1/employer-registrations') && r.request().method() === 'POST',
    );
    await page.getByTestId('register-submit').click();
    const res = await sent;
    assert.equal(res.status(), 201, await res.text());
    await page.getByTestId('register-code').waitFor();
    assert.deepEqual(errors, []);
    await context.close();

    const c = await env.signIn('demo-county', undefined, { at: null });
    const listed = c.page.waitForResponse((r) => r.url().includes('/api/v1/employer-registrations?'));
    await c.page.goto('/employer-registrations');
    const list = await (await listed).json();
    const mine = list.data.find((r) => r.name === NAME);
    assert.ok(mine, 'the registration is in the county queue');
    await c.page.getByTestId(`registration-approve-${mine.id}`).click();
    const approved = c.page.waitForResponse((r) =>
      r.url().includes(`/employer-registrations/${mine.id}/approve`),
    );
    await c.page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    assert.equal((await approved).status(), 200);
    assert.deepEqual(c.errors, []);
    await c.context.close();
  });

  test('the employer declares through the steps, the totals computed and checked', async () => {
    const { context, page, errors } = await newPage(env.browser, env.server.baseUrl);
    await login(page, USERNAME, PASSWORD);
    await page.getByTestId('greeting').waitFor();
    await page.goto('/declarations');
    await page.getByTestId('employer-todos').getByText('请立即进行初次申报').waitFor();
    await shot(page, 'declarations-employer-empty');
    await page.getByTestId('declaration-new').click();
    await page.getByTestId('declaration-type-initial').locator('input[type=radio]').check();
    await shot(page, 'declarations-new-types');
    const created = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/declarations') && r.request().method() === 'POST',
    );
    await page.getByTestId('declaration-create').click();
    const c = await created;
    assert.equal(c.status(), 201, await c.text());
    declarationId = (await c.json()).id;
    await page.waitForURL(`**/declarations/${declarationId}`);
    await page.getByTestId('declaration-steps').waitFor();

    // 基本信息 (name, credit code, address and industry prefilled from the registration).
    assert.equal(await page.getByTestId('basic-name').inputValue(), NAME);
    await page.getByTestId('basic-legalRepresentative').fill('赵申报');
    await page.getByTestId('basic-legalRepresentativePhone').fill('13904318888');
    await page.getByTestId('basic-ohBody').getByText('有', { exact: true }).click();
    await page.getByTestId('basic-economicTypeCode').click();
    await page.keyboard.type('私营有限');
    await page.locator('.ant-select-item-option').filter({ hasText: '私营有限责任公司' }).first().click();
    await page.getByLabel('在册职工总数').fill('8');
    await shot(page, 'declarations-step-basic');
    await page.getByTestId('declaration-next').click();
    await page.getByText('没有产品可不填').waitFor();
    await settle(page);
    await page.getByTestId('declaration-next').click();
    // 危害因素: the dust category.
    await page.getByTestId('hazard-dust').waitFor();
    await settle(page);
    await fill(page, 'hazard-dust', 12);
    await page.getByTestId('declaration-next').click();
    // 作业场所分布: one workplace with 矽尘.
    await page.getByTestId('workplace-add').waitFor();
    await settle(page);
    await shot(page, 'declarations-step-hazards');
    await page.getByTestId('workplace-add').click();
    await page.waitForTimeout(1500);
    await shot(page, 'declarations-after-add');
    assert.equal(
      await page.getByTestId('workplace-0-name').count(),
      1,
      `no workplace row: ${errors.join(' | ')}`,
    );
    await page.getByTestId('workplace-0-name').fill('粉碎车间');
    await fill(page, 'workplace-0-distinct', 12);
    await page.getByTestId('workplace-0-factor-0').click();
    await page.keyboard.type('矽尘');
    await page.locator('.ant-select-item-option').filter({ hasText: '1038' }).first().click();
    await fill(page, 'workplace-0-exposed-0', 12);
    // Live totals, and the cross-check: 12 exposed but 8 staff.
    await page.getByTestId('declaration-totals').getByText('12').first().waitFor();
    await page
      .locator('[data-testid="declaration-issues"]:visible')
      .getByText('接害总人数（不重复）不能超过在册职工总数')
      .waitFor();
    await shot(page, 'declarations-step-workplaces-check');
    await page.getByTestId('declaration-steps').getByText('基本信息').click();
    await page.getByTestId('basic-name').waitFor();
    await settle(page);
    await page.getByLabel('在册职工总数').fill('60');
    await page.getByTestId('declaration-steps').getByText('核对提交').click();
    await settle(page);
    await page.getByText('数据核对通过，可以提交').waitFor();
    await shot(page, 'declarations-step-review');
    const submitted = page.waitForResponse((r) =>
      r.url().includes(`/api/v1/declarations/${declarationId}/submit`),
    );
    await page.getByTestId('declaration-submit').click();
    const s = await submitted;
    assert.equal(s.status(), 200, await s.text());
    await page.getByText('待受理').first().waitFor();
    await shot(page, 'declarations-submitted');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the county returns it with an opinion', async () => {
    const { context, page, errors } = await env.signIn('demo-county', undefined, { at: '/declarations' });
    await page.getByTestId(`declaration-open-${declarationId}`).click();
    await page.getByText(NAME).first().waitFor();
    await shot(page, 'declarations-review');
    await page.getByTestId('declaration-return').click();
    await page.getByTestId('declaration-return-opinion').fill(OPINION);
    const returned = page.waitForResponse((r) =>
      r.url().includes(`/api/v1/declarations/${declarationId}/return`),
    );
    await page.getByTestId('declaration-return-ok').click();
    assert.equal((await returned).status(), 200);
    await page.getByText('已退回').first().waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the employer reads the opinion, corrects and resubmits', async () => {
    const { context, page, errors } = await newPage(env.browser, env.server.baseUrl);
    await login(page, USERNAME, PASSWORD);
    await page.getByTestId('greeting').waitFor();
    await page.goto('/declarations');
    await page.getByTestId('employer-todos').getByText('申报被退回').waitFor();
    await page.goto(`/declarations/${declarationId}`);
    const opinion = await page.getByTestId('declaration-opinion').innerText();
    assert.ok(opinion.includes('粉碎车间'), opinion);
    await shot(page, 'declarations-returned');
    await page.getByTestId('declaration-steps').getByText('作业场所分布').click();
    await page.getByTestId('workplace-0-name').waitFor();
    await settle(page);
    await fill(page, 'workplace-0-distinct', 10);
    await fill(page, 'workplace-0-exposed-0', 10);
    await page.getByTestId('declaration-steps').getByText('危害因素').click();
    await page.getByTestId('hazard-dust').waitFor();
    await settle(page);
    await fill(page, 'hazard-dust', 10);
    await page.getByTestId('declaration-steps').getByText('核对提交').click();
    await settle(page);
    await page.getByText('数据核对通过，可以提交').waitFor();
    const submitted = page.waitForResponse((r) =>
      r.url().includes(`/api/v1/declarations/${declarationId}/submit`),
    );
    await page.getByTestId('declaration-submit').click();
    assert.equal((await submitted).status(), 200);
    await page.getByText('待受理').first().waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the county accepts it; the receipt prints on one A4 page in Chinese and the count moves', async () => {
    const { context, page, errors } = await env.signIn('demo-county', undefined, {
      at: `/declarations/${declarationId}`,
    });
    await page.getByTestId('declaration-accept').click();
    const accepted = page.waitForResponse((r) =>
      r.url().includes(`/api/v1/declarations/${declarationId}/accept`),
    );
    await page.getByTestId('declaration-accept-ok').click();
    const a = await accepted;
    assert.equal(a.status(), 200);
    receipt = (await a.json()).receipt;
    await page.getByText('已受理').first().waitFor();
    await page.getByTestId('declaration-receipt').click();
    await page.waitForURL('**/documents/*');
    await page.getByText('职业病危害项目申报回执').first().waitFor({ timeout: 30_000 });
    await shot(page, 'declarations-receipt');

    const after = await countyCount(page);
    assert.equal(after, before + 1, 'one more accepted declaration in the county');
    await page.getByTestId('declarations-accepted-count').getByText(String(after)).waitFor();
    await shot(page, 'declarations-county-after');
    const covered = await coverageFigure(page);
    assert.equal(covered, coveredBefore + 1, 'one more declared employer in the county’s coverage');
    await page.getByTestId('oversight-declared-all').getByText(`${covered}/`, { exact: false }).waitFor();
    await shot(page, 'declarations-coverage-after');
    const pdf = await page.evaluate(async (id) => {
      const res = await fetch(`/api/v1/documents/${id}/pdf`);
      const buf = new Uint8Array(await res.arrayBuffer());
      let s = '';
      for (const b of buf) s += String.fromCharCode(b);
      return { status: res.status, type: res.headers.get('content-type'), b64: btoa(s) };
    }, receipt.documentId);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.type, 'application/pdf');
    mkdirSync(SHOTS, { recursive: true });
    const file = join(SHOTS, 'declarations-receipt.pdf');
    writeFileSync(file, Buffer.from(pdf.b64, 'base64'));
    // Poppler reads the PDF where it is installed (CI: poppler-utils); without it the PDF is only saved.
    const poppler = spawnSync('pdftotext', ['-v']).error === undefined;
    if (!poppler) return void (await context.close());
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    assert.ok(text.includes('职业病危害项目申报回执'), text);
    assert.ok(text.includes(NAME), text);
    assert.ok(text.includes('接触职业病危害总人数'), text);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    assert.match(info, /Pages:\s+1\n/);
    assert.match(info, /Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
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
      join(SHOTS, 'declarations-receipt-pdf-page1'),
    ]);

    assert.deepEqual(errors, []);
    await context.close();
  });

  test('anyone verifies the receipt on /verify without login', async () => {
    const { context, page, errors } = await newPage(env.browser, env.server.baseUrl);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/verify/${receipt.code}`);
    await page.getByTestId('verify-valid').waitFor();
    const body = await page.locator('body').innerText();
    assert.ok(body.includes('职业病危害项目申报回执'), body);
    assert.ok(body.includes(NAME), body);
    await shot(page, 'declarations-verify-phone');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the employer page fits a phone', async () => {
    const { context, page, errors } = await env.signIn(
      'demo-employer',
      { width: 390, height: 844 },
      { at: '/declarations' },
    );
    await page.getByTestId('declaration-new').waitFor();
    // Its to-dos name the periodic examinations its workers are due for (the exam-report module's
    // clocks), as counted for it by the server, and lead to the list of them.
    const due = (await (await context.request.get('/api/v1/periodic-exams/due?pageSize=1')).json()).counts;
    assert.ok(due.overdue > 0, `the demo employer has overdue periodic exams: ${JSON.stringify(due)}`);
    const exams = page.getByTestId('employer-todos').getByRole('link', {
      name: `职业健康检查到期：已超期 ${due.overdue} 人，即将到期 ${due.due_soon ?? 0} 人`,
    });
    await exams.waitFor();
    assert.equal(await exams.getAttribute('href'), '/periodic-exams');
    const overflow = await page.evaluate(
      () => globalThis.document.documentElement.scrollWidth - globalThis.innerWidth,
    );
    assert.ok(overflow <= 1, `page wider than the phone by ${overflow}px`);
    await shot(page, 'declarations-employer-phone');
    assert.deepEqual(errors, []);
    await context.close();
  });
  test('a 省属企业 of the county declares to the city (第四条): the city decides, the county only reads', async () => {
    const county = await env.signIn('demo-county', undefined, { at: null });
    const res = await county.context.request.get('/api/v1/declarations?status=submitted&pageSize=100');
    const forCity = (await res.json()).data.find((d) => d.receivingLevel === 'city');
    assert.ok(forCity, 'the demo 省属企业 declaration awaiting the city');
    assert.equal(forCity.abilities.review, false);
    await county.page.goto(`/declarations/${forCity.id}`);
    await county.page.getByTestId('declaration-receiving').getByText('设区的市级卫生健康部门').waitFor();
    assert.equal(await county.page.getByTestId('declaration-accept').count(), 0);
    assert.deepEqual(county.errors, []);
    await county.context.close();

    const city = await env.signIn('demo-city', undefined, { at: `/declarations/${forCity.id}` });
    await city.page.getByTestId('declaration-receiving').getByText('设区的市级卫生健康部门').waitFor();
    await city.page.getByTestId('declaration-accept').waitFor();
    await shot(city.page, 'declarations-city-receives');
    // The employer's 隶属关系 in the base database, where the county corrects it.
    await city.page.goto(`/employers/${forCity.employerId}`);
    await city.page.getByTestId('employer-affiliation').getByText('省属企业').waitFor();
    assert.deepEqual(city.errors, []);
    await city.context.close();
  });
});
