/**
 * 个案卡查询 and 逐级审核 (issue 15 items 5 and 8) in Chromium, on the demo province's 3,000 cards: the
 * county reviewer of 长春市南关区 opens a card from 待我审核 and approves it, returns a card of
 * 长春市人民医院 with an opinion, approves two in bulk and meets a card someone else decided meanwhile
 * (409); the city finds the approved card in its own 待我审核; the exam institution finds the returned
 * card under 退回待修改 with the opinion in its review trail; the employer sees its workers' cards,
 * masked, without review buttons; the list's headers in English.
 * Run after `npm run build`: `node --test --test-concurrency=1 e2e/exam-cards.test.mjs`.
 * Screenshots: e2e/screenshots/exam-cards-*.png.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { journeys, shot, chooseLanguage, SELECT_OPTION } from './helpers.mjs';

const OPINION = '接害工龄与开始接害日期不一致，请核对后重新上报';
const EXAM_INSTITUTION = '长春市人民医院';

/** A JSON request from the page (its session cookie; the CSRF token on writes). */
const apiJson = async (page, path, { method = 'GET', body } = {}) =>
  page.evaluate(
    async ([path, method, body]) => {
      const headers = { Accept: 'application/json' };
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

/** The next page of the table (pageSize=20; the tabs' counts ask with pageSize=1). */
const nextList = (page, part = '') =>
  page.waitForResponse(
    (r) =>
      r.request().method() === 'GET' &&
      r.url().includes('/api/v1/exam-cards?') &&
      r.url().includes('pageSize=20') &&
      r.url().includes(part),
  );

const rows = (page) => page.locator('.ant-table-tbody .ant-table-row');

/** Waits until the table shows this answer of the list (its first card on top). */
const rendered = async (page, body) => {
  if (body.data.length)
    await rows(page)
      .first()
      .getByTestId('card-record-link')
      .getByText(body.data[0].recordId, { exact: true })
      .waitFor();
  return body;
};

/** Types into 关键字 and presses 查询; the answer of the list. */
const search = async (page, text) => {
  const listed = nextList(page);
  await page.getByTestId('cards-q').fill(text);
  await page.locator('.ant-pro-table-search button.ant-btn-primary').click();
  return rendered(page, await (await listed).json());
};

const openCards = async (page) => {
  const listed = nextList(page);
  await page.getByTestId('menu-exam-cards').click();
  await page.waitForURL('**/exam-cards');
  return rendered(page, await (await listed).json());
};

const switchTab = async (page, key) => {
  const listed = nextList(page, `queue=${key}`);
  await page.getByTestId(`cards-tab-${key}`).click();
  return rendered(page, await (await listed).json());
};

const recordIdsShown = async (page) => rows(page).getByTestId('card-record-link').allInnerTexts();

const count = (page, key) => page.getByTestId(`cards-count-${key}`).innerText();

journeys('health-exam cards and the level-by-level review', (env) => {
  /** What the county decided, for the city, the institution and the employer to find. */
  const decided = { approved: [], returned: null };

  test('the county reviewer approves, returns and bulk-approves from 待我审核', async () => {
    const { context, page, errors } = await env.signIn('demo-county');
    const shortcut = await page.getByTestId('shortcut-exam-cards').innerText();
    assert.ok(shortcut.includes('个案卡查询') && shortcut.includes('待审核个案卡'), shortcut);

    const all = await openCards(page);
    assert.equal((await page.getByTestId('page-title').innerText()).trim(), '个案卡查询');
    assert.ok(all.total > 100, `the county sees its cards: ${all.total}`);
    assert.ok(
      all.data.every((c) => c.regionCode.startsWith('220102')),
      'only 南关区 cards',
    );
    assert.deepEqual(
      await recordIdsShown(page),
      all.data.map((c) => c.recordId),
    );
    const firstRow = await rows(page).first().innerText();
    assert.match(firstRow, /\*/, 'the worker is masked');
    assert.ok(firstRow.includes('南关区'), `the region by name: ${firstRow}`);
    const header = await page.locator('.ant-table-thead').innerText();
    for (const s of [
      '记录编号',
      '劳动者',
      '用人单位',
      '体检机构',
      '体检日期',
      '接触危害因素',
      '体检结论',
      '审核状态',
    ])
      assert.ok(header.includes(s), `the header shows ${s}`);
    await page.locator('.ant-pagination-total-text').waitFor();
    assert.match(await page.locator('.ant-pagination-total-text').innerText(), /^(共|约) [\d,]+ 条/);
    await shot(page, 'exam-cards-county-list');

    // Filters: a conclusion and a hazard factor picked by name, then 重置.
    const filters = page.locator('.ant-pro-table-search');
    await filters.locator('.ant-form-item').filter({ hasText: '体检结论' }).locator('.ant-select').click();
    await page.locator(`${SELECT_OPTION}[title="疑似职业病"]`).click();
    await page.getByTestId('cards-factor').click();
    await page.getByTestId('cards-factor').locator('input').fill('矽尘');
    await page.locator(`${SELECT_OPTION}[title="1038 矽尘"]`).click();
    let listed = nextList(page, 'factorCode=1038');
    await filters.locator('button.ant-btn-primary').click();
    const suspected = await rendered(page, await (await listed).json());
    assert.ok(new URL((await listed).url()).searchParams.get('conclusionCode') === '03');
    assert.ok(suspected.total > 0, 'the demo has suspected silicosis cards');
    assert.ok(
      suspected.data.every((c) => c.conclusionCodes.includes('03') && c.contactFactorCodes.includes('1038')),
    );
    const tags = await rows(page).first().getByTestId('card-conclusions-cell').innerText();
    assert.ok(tags.includes('疑似职业病'), tags);
    // The first factor by name; the others counted, all of them named on hover.
    assert.ok((await rows(page).first().getByTestId('card-factors').innerHTML()).includes('矽尘'));
    await shot(page, 'exam-cards-county-filtered');
    listed = nextList(page);
    await filters.getByRole('button', { name: /重\s*置/ }).click();
    assert.equal((await rendered(page, await (await listed).json())).total, all.total);

    // 待我审核: the cards at 02 (区县待审核), oldest exam first, the count on the tab.
    const before = (await apiJson(page, '/api/v1/exam-cards?queue=awaiting&pageSize=1')).body.total;
    const queue = await switchTab(page, 'awaiting');
    assert.equal(queue.total, before);
    assert.equal(await count(page, 'awaiting'), before.toLocaleString('zh-CN'));
    assert.ok(queue.data.every((c) => c.auditStatus === '02' && c.abilities.review));
    const dates = queue.data.map((c) => c.examDate);
    assert.deepEqual(dates, [...dates].sort(), 'oldest exam first');
    assert.deepEqual(
      await recordIdsShown(page),
      queue.data.map((c) => c.recordId),
    );
    assert.equal(await page.getByTestId('cards-bulk-approve').isDisabled(), true, 'nothing selected yet');
    await shot(page, 'exam-cards-county-awaiting');

    // The oldest card's details, approved from the drawer.
    const first = queue.data[0];
    await rows(page).first().getByTestId('card-view').click();
    const drawer = page.getByTestId('card-detail');
    await drawer.getByTestId('card-detail-body').waitFor();
    await drawer.getByTestId('card-items').waitFor();
    const detail = await drawer.innerText();
    for (const s of [
      `个案卡 ${first.recordId}`,
      '区县待审核',
      '劳动者',
      '个人信息已脱敏显示',
      first.workerName,
      first.workerIdNumber,
      '用人单位',
      first.employerName,
      '用工单位',
      '体检信息',
      '体检结论',
      '检查项目',
      '报告',
      '主检医师',
      '审核记录',
      '版本',
      '吉林省 长春市 南关区',
    ])
      assert.ok(detail.includes(s), `the detail shows ${s}`);
    await shot(page, 'exam-cards-detail');

    let posted = page.waitForResponse((r) => r.url().endsWith('/api/v1/exam-cards/reviews'));
    await drawer.getByTestId('card-approve').click();
    const modal = page.getByTestId('review-modal');
    await modal.getByText(`确认个案卡 ${first.recordId} 审核通过。`).waitFor();
    await modal.getByTestId('review-opinion').fill('资料完整');
    await page.getByTestId('review-submit').click();
    assert.deepEqual((await posted).status(), 200);
    await page.locator('.ant-message').getByText('已审核通过 1 张个案卡').waitFor();
    // The drawer follows: now 区县审核通过, no more buttons, the decision in the trail.
    await drawer.locator('.ant-drawer-title').getByText('区县审核通过').waitFor();
    assert.equal(await drawer.getByTestId('card-approve').count(), 0);
    const trail = await drawer.getByTestId('card-reviews').innerText();
    assert.ok(trail.includes('区县级') && trail.includes('审核通过') && trail.includes('资料完整'), trail);
    const approved = (await apiJson(page, `/api/v1/exam-cards/${first.id}`)).body;
    assert.equal(approved.auditStatus, '03');
    assert.equal(approved.reviews.at(-1).opinion, '资料完整');
    decided.approved.push(approved);
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });

    // A card of 长春市人民医院, found by its record ID, returned: the opinion is required.
    const awaitingAll = (await apiJson(page, '/api/v1/exam-cards?queue=awaiting&pageSize=200')).body.data;
    const ofInstitution = awaitingAll.find(
      (c) => c.institutionName === EXAM_INSTITUTION && c.id !== first.id,
    );
    assert.ok(ofInstitution, `a card of ${EXAM_INSTITUTION} awaits the county`);
    const found = await search(page, ofInstitution.recordId);
    assert.deepEqual(
      found.data.map((c) => c.id),
      [ofInstitution.id],
    );
    await rows(page).first().getByTestId('card-record-link').click();
    await drawer.getByTestId('card-detail-body').waitFor();
    await drawer.getByTestId('card-return').click();
    await modal.getByText(`将个案卡 ${ofInstitution.recordId} 退回体检机构修改。`).waitFor();
    await page.getByTestId('review-submit').click();
    await modal.getByText('退回时须填写审核意见，说明退回原因').waitFor();
    await modal.getByTestId('review-opinion').fill(OPINION);
    await shot(page, 'exam-cards-return-modal');
    posted = page.waitForResponse((r) => r.url().endsWith('/api/v1/exam-cards/reviews'));
    await page.getByTestId('review-submit').click();
    const res = await posted;
    assert.equal(res.status(), 200);
    assert.deepEqual(await res.json(), { reviewed: 1, level: 'county', auditStatus: '04' });
    await page.locator('.ant-message').getByText('已退回 1 张个案卡').waitFor();
    await drawer.getByTestId('card-returned-alert').getByText(`区县级退回：${OPINION}`).waitFor();
    decided.returned = (await apiJson(page, `/api/v1/exam-cards/${ofInstitution.id}`)).body;
    assert.equal(decided.returned.auditStatus, '04');
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });

    // Bulk: the two oldest of the queue.
    const cleared = nextList(page);
    await page
      .locator('.ant-pro-table-search')
      .getByRole('button', { name: /重\s*置/ })
      .click();
    const page1 = await rendered(page, await (await cleared).json());
    assert.equal(page1.total, before - 2);
    assert.equal(await count(page, 'awaiting'), (before - 2).toLocaleString('zh-CN'));
    const two = page1.data.slice(0, 2);
    for (const i of [0, 1]) await rows(page).nth(i).locator('.ant-checkbox-input').check();
    assert.equal(await page.getByTestId('cards-selected').innerText(), '已选 2 张');
    await page.getByTestId('cards-bulk-approve').click();
    await modal.getByText('确认选中的 2 张个案卡审核通过。').waitFor();
    await shot(page, 'exam-cards-bulk-approve');
    posted = page.waitForResponse((r) => r.url().endsWith('/api/v1/exam-cards/reviews'));
    let reloaded = nextList(page);
    await page.getByTestId('review-submit').click();
    assert.deepEqual(await (await posted).json(), { reviewed: 2, level: 'county', auditStatus: '03' });
    await page.locator('.ant-message').getByText('已审核通过 2 张个案卡').waitFor();
    const after = await rendered(page, await (await reloaded).json());
    assert.equal(after.total, before - 4);
    for (const c of two) {
      const now = (await apiJson(page, `/api/v1/exam-cards/${c.id}`)).body;
      assert.equal(now.auditStatus, '03', `${c.recordId} approved`);
      decided.approved.push(now);
    }
    await page
      .getByTestId('cards-count-awaiting')
      .getByText((before - 4).toLocaleString('zh-CN'))
      .waitFor();
    assert.equal(await page.getByTestId('cards-selected').innerText(), '已选 0 张');

    // Someone else decides a selected card meanwhile: all or nothing, the card named, the list refreshed.
    const [mine, taken] = after.data.slice(0, 2);
    await rows(page).nth(0).locator('.ant-checkbox-input').check();
    await rows(page).nth(1).locator('.ant-checkbox-input').check();
    const behind = await apiJson(page, '/api/v1/exam-cards/reviews', {
      method: 'POST',
      body: { cardIds: [taken.id], decision: 'approved', opinion: null },
    });
    assert.equal(behind.status, 200);
    await page.getByTestId('cards-bulk-return').click();
    await modal.getByTestId('review-opinion').fill(OPINION);
    posted = page.waitForResponse((r) => r.url().endsWith('/api/v1/exam-cards/reviews'));
    reloaded = nextList(page);
    await page.getByTestId('review-submit').click();
    const conflict = await posted;
    assert.equal(conflict.status(), 409);
    assert.equal((await conflict.json()).error.reason, 'review_not_awaiting');
    const notice = page.locator('.ant-message').getByText('以下个案卡当前不在您这一级的待审核状态');
    await notice.waitFor();
    assert.ok((await notice.innerText()).includes(taken.recordId));
    assert.ok(!(await notice.innerText()).includes(mine.recordId), 'only the card decided elsewhere');
    const refreshed = await rendered(page, await (await reloaded).json());
    assert.ok(!refreshed.data.some((c) => c.id === taken.id), 'the decided card left the queue');
    assert.equal(
      (await apiJson(page, `/api/v1/exam-cards/${mine.id}`)).body.auditStatus,
      '02',
      'nothing was returned: all or nothing',
    );
    await rows(page).first().waitFor();
    await shot(page, 'exam-cards-conflict');

    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the city finds the county-approved card in its own 待我审核', async () => {
    const { context, page, errors } = await env.signIn('demo-city');
    await openCards(page);

    // The region picker offers the city's districts; with an exam-date range.
    const filters = page.locator('.ant-pro-table-search');
    await filters.getByTestId('region-search').click();
    await filters.getByTestId('region-search').locator('input').fill('朝阳');
    await page.locator(SELECT_OPTION).first().click();
    const range = filters.locator('.ant-picker-range');
    await range.click();
    await range.locator('input').first().fill('2026-01-01');
    await range.locator('input').nth(1).fill('2026-03-31');
    await range.locator('input').nth(1).press('Enter');
    let listed = nextList(page, 'regionCode=220104');
    await filters.locator('button.ant-btn-primary').click();
    const chaoyang = await rendered(page, await (await listed).json());
    assert.ok(chaoyang.total > 0);
    assert.ok(
      chaoyang.data.every(
        (c) => c.regionCode === '220104' && c.examDate >= '2026-01-01' && c.examDate <= '2026-03-31',
      ),
    );
    assert.ok((await rows(page).first().getByTestId('card-region').innerText()).includes('朝阳区'));
    listed = nextList(page);
    await filters.getByRole('button', { name: /重\s*置/ }).click();
    await rendered(page, await (await listed).json());
    const queue = await switchTab(page, 'awaiting');
    assert.ok(queue.data.every((c) => ['03', '11'].includes(c.auditStatus) && c.abilities.review));
    assert.equal(await count(page, 'awaiting'), queue.total.toLocaleString('zh-CN'));
    await rows(page).first().waitFor();
    await shot(page, 'exam-cards-city-awaiting');
    const card = decided.approved[0];
    const found = await search(page, card.recordId);
    assert.deepEqual(
      found.data.map((c) => [c.id, c.auditStatus, c.abilities.review]),
      [[card.id, '03', true]],
    );
    assert.deepEqual(await recordIdsShown(page), [card.recordId]);
    await rows(page).first().getByTestId('card-view').click();
    const drawer = page.getByTestId('card-detail');
    await drawer.getByTestId('card-reviews').waitFor();
    assert.ok((await drawer.getByTestId('card-reviews').innerText()).includes('长春市南关区卫生健康局'));
    await drawer.getByTestId('card-approve').waitFor();
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });
    await shot(page, 'exam-cards-city-found');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the exam institution finds the returned card under 退回待修改 with the opinion', async () => {
    const { context, page, errors } = await env.signIn('demo-exam');
    const shortcut = await page.getByTestId('shortcut-exam-cards').innerText();
    assert.ok(shortcut.includes('本机构上报的个案卡'), shortcut);
    await openCards(page);
    assert.equal(await page.getByTestId('cards-tab-awaiting').count(), 0, 'an institution reviews nothing');
    assert.equal(
      await page
        .getByTestId('cards-tab-returned')
        .innerText()
        .then((s) => s.includes('退回待修改')),
      true,
    );
    const returned = await switchTab(page, 'returned');
    assert.ok(returned.data.every((c) => ['04', '06', '08'].includes(c.auditStatus)));
    assert.ok(returned.data.every((c) => c.institutionName === EXAM_INSTITUTION));
    const card = decided.returned;
    const found = await search(page, card.recordId);
    assert.deepEqual(
      found.data.map((c) => c.id),
      [card.id],
    );
    assert.ok((await rows(page).first().innerText()).includes('区县审核未通过'));
    await rows(page).first().getByTestId('card-view').click();
    const drawer = page.getByTestId('card-detail');
    await drawer.getByTestId('card-returned-alert').waitFor();
    assert.ok((await drawer.getByTestId('card-returned-alert').innerText()).includes(OPINION));
    const trail = await drawer.getByTestId('card-reviews').innerText();
    assert.ok(trail.includes('区县级') && trail.includes('退回') && trail.includes(OPINION), trail);
    assert.equal(await drawer.getByTestId('card-approve').count(), 0);
    await shot(page, 'exam-cards-institution-returned');
    await drawer.getByTestId('card-reviews').scrollIntoViewIfNeeded();
    await shot(page, 'exam-cards-institution-trail');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("the employer sees its workers' cards, masked, without review; the list in English", async () => {
    const { context, page, errors } = await env.signIn('demo-employer');
    const shortcut = await page.getByTestId('shortcut-exam-cards').innerText();
    assert.ok(shortcut.includes('本单位劳动者体检情况'), shortcut);
    const list = await openCards(page);
    assert.ok(list.total > 0);
    const employers = new Set(list.data.map((c) => c.employerCreditCode));
    assert.equal(employers.size, 1, 'one employer: its own');
    assert.ok(list.data.every((c) => !c.abilities.review));
    assert.ok(list.data.every((c) => /\*/.test(c.workerName) && /\*{4,}/.test(c.workerIdNumber)));
    assert.equal(await page.getByTestId('cards-tab-awaiting').count(), 0);
    assert.equal(await page.getByTestId('cards-bulk-approve').count(), 0);
    assert.equal(await page.locator('.ant-table-selection-column').count(), 0, 'no checkboxes');
    const worker = await rows(page).first().getByTestId('card-worker').innerText();
    assert.ok(worker.includes(list.data[0].workerName) && worker.includes(list.data[0].workerIdNumber));
    await rows(page).first().getByTestId('card-view').click();
    const drawer = page.getByTestId('card-detail');
    await drawer.getByTestId('card-detail-body').waitFor();
    assert.equal(await drawer.getByTestId('card-approve').count(), 0);
    assert.equal(await drawer.getByTestId('card-return').count(), 0);
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });
    await shot(page, 'exam-cards-employer');

    await chooseLanguage(page, 'en');
    await page.getByTestId('page-title').getByText('Exam cards').waitFor();
    await rows(page).first().waitFor();
    const header = await page.locator('.ant-table-thead').innerText();
    for (const s of [
      'Record ID',
      'Worker',
      'Exam institution',
      'Exam date',
      'Hazard factors',
      'Conclusions',
      'Review status',
      'Actions',
    ])
      assert.ok(header.includes(s), `English header ${s}: ${header}`);
    const tabs = await page.locator('.ant-pro-table-list-toolbar').innerText();
    assert.ok(tabs.includes('All') && tabs.includes('Returned'), tabs);
    const form = await page.locator('.ant-pro-table-search').innerText();
    for (const s of ['Keyword', 'Exam date', 'Review status', 'Conclusion', 'Hazard factor', 'Exam type'])
      assert.ok(form.includes(s), `English filter ${s}`);
    assert.ok(!/examCards\./.test(await page.locator('body').innerText()), 'no untranslated keys');
    await shot(page, 'exam-cards-english');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
