/**
 * Issue 13, items 1 and 2 in Chromium: an employer keeps its own organisation's information (本单位信息)
 * on a desktop (1440 × 900) and on a phone (390 × 844); a regulator sorts the organisation list by name,
 * sees the key columns without scrolling, resets the region tree and opens 查看 with the history.
 * Run after `npm run build`: `node --test e2e/organisations-self.test.mjs`. Screenshots: e2e/screenshots/.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { journeys, shot } from './helpers.mjs';

/** The form item (label and control) of a field of the 本单位信息 form. */
const item = (page, id) => page.locator('.ant-form-item').filter({ has: page.locator(`#${id}`) });

journeys(
  '本单位信息 and the organisation detail',
  (env) => {
    const { signIn } = env;
    const saveAndWait = async (page) => {
      const saved = page.waitForResponse(
        (r) => r.url().endsWith('/api/v1/my-organisation') && r.request().method() === 'PATCH',
      );
      await page.getByTestId('my-org-save').click();
      return saved;
    };

    test('an employer edits its own information at 1440 × 900', async () => {
      const { context, page, errors } = await signIn('demo-employer');
      // The workbench offers 本单位信息, and no card promises what an employer may not do.
      await page.getByTestId('shortcut-my-organisation').waitFor();
      const cards = await page.locator('.ohp-shortcut').allInnerTexts();
      assert.ok(
        cards.every((c) => !c.includes('导入') && !c.includes('维护单位')),
        `no shortcut offers import or maintenance: ${cards.join(' | ')}`,
      );
      await shot(page, 'self-workbench-employer');

      await page.getByTestId('menu-my-organisation').click();
      await page.waitForURL('**/my-organisation');
      await page.getByTestId('my-org-form').waitFor();
      const body = await page.locator('body').innerText();
      for (const s of [
        '本单位信息',
        '联系人',
        '联系电话',
        '职工人数',
        '接害人数',
        '统一社会信用代码',
        '监管部门',
      ])
        assert.ok(body.includes(s), `the page shows ${s}`);
      // Name, credit code, region and type are shown, not editable.
      assert.equal(await page.locator('#name, #creditCode, #regionCode, #kind').count(), 0);
      await shot(page, 'self-my-organisation');

      // Client-side rules say what a valid value is, in the contracts' words.
      await page.locator('#contactPhone').fill('12345');
      await page.locator('#employees').fill('40');
      await page.locator('#exposedEmployees').fill('41');
      await page.getByTestId('my-org-save').click();
      await item(page, 'contactPhone').getByText('请输入手机号码或带区号的固定电话').waitFor();
      await item(page, 'exposedEmployees').getByText('接害人数不能多于职工人数').waitFor();
      await shot(page, 'self-my-organisation-invalid');

      await page.locator('#contactName').fill('周晓梅');
      await page.locator('#contactPhone').fill('0431-85550000');
      await page.locator('#address').fill('长春市南关区自强街 18 号');
      await page.locator('#employees').fill('260');
      await page.locator('#exposedEmployees').fill('75');
      const res = await saveAndWait(page);
      assert.equal(res.status(), 200);
      await page.getByText('本单位信息已保存').waitFor();
      // The change is in the history at once, phone as the audit keeps it (masked).
      await page.getByTestId('org-history').getByText('修改本单位信息').first().waitFor();
      await shot(page, 'self-my-organisation-saved');

      // Stored: a reload shows the saved values.
      await page.reload();
      await page.getByTestId('my-org-form').waitFor();
      assert.equal(await page.locator('#contactName').inputValue(), '周晓梅');
      assert.equal(await page.locator('#exposedEmployees').inputValue(), '75');
      const history = await page.getByTestId('org-history').innerText();
      assert.ok(history.includes('043****0000'), 'the history shows the phone masked');
      assert.ok(!history.includes('0431-85550000'), 'never the phone in full');
      assert.deepEqual(errors, []);
      await context.close();
    });

    test('an employer edits its own information at 390 × 844', async () => {
      const { context, page, errors } = await signIn(
        'demo-employer',
        { width: 390, height: 844 },
        { at: '/my-organisation' },
      );
      await page.getByTestId('my-org-form').waitFor();
      await shot(page, 'self-my-organisation-phone');
      // Nothing wider than the phone.
      const overflow = await page.evaluate(() => globalThis.document.documentElement.scrollWidth);
      assert.ok(overflow <= 390, `the page fits the phone (${overflow} px)`);
      await page.locator('#contactPhone').fill('13900001234');
      await page.locator('#exposedEmployees').fill('999999');
      await page.getByTestId('my-org-save').click();
      await item(page, 'exposedEmployees').getByText('接害人数不能多于职工人数').waitFor();
      await page.locator('#exposedEmployees').fill('60');
      const res = await saveAndWait(page);
      assert.equal(res.status(), 200);
      await page.getByText('本单位信息已保存').waitFor();
      await page.getByTestId('my-org-basic').scrollIntoViewIfNeeded();
      await shot(page, 'self-my-organisation-phone-saved');
      assert.deepEqual(errors, []);
      await context.close();
    });

    test('a regulator sorts the list, resets the region tree and opens 查看 with the history', async () => {
      const { context, page, errors } = await signIn('demo-county');
      await page.getByTestId('menu-organisations').click();
      await page.waitForURL('**/organisations');
      await page.locator('.ant-table-row').first().waitFor();
      // A regulator without batch actions gets no selection checkboxes.
      assert.equal(await page.locator('.ant-table-selection-column').count(), 0);
      // The key columns fit at 1440 px: no horizontal scrolling.
      const table = page.locator('.ant-table-content, .ant-table-body').first();
      const [scrollWidth, clientWidth] = await table.evaluate((el) => [el.scrollWidth, el.clientWidth]);
      assert.ok(scrollWidth <= clientWidth + 1, `no horizontal scroll (${scrollWidth} > ${clientWidth})`);
      const headers = await page.locator('.ant-table-thead').innerText();
      for (const h of [
        '单位名称',
        '统一社会信用代码',
        '所属区划',
        '单位类别',
        '所属行业',
        '职工人数',
        '状态',
      ])
        assert.ok(headers.includes(h), `column ${h} shown`);
      // Industry names, not codes.
      const firstRows = await page.locator('.ant-table-tbody').innerText();
      assert.ok(!/\bC\d{4}\b/.test(firstRows), 'no industry codes in the table');

      // Names sorted by pinyin (the server's key): descending flips the order.
      const names = async () =>
        page.locator('.ant-table-tbody tr.ant-table-row td:nth-child(1)').allInnerTexts();
      const asc = await names();
      const sorted = page.waitForResponse((r) => r.url().includes('sort=-name'));
      await page.locator('.ant-table-thead th').filter({ hasText: '单位名称' }).click();
      await sorted;
      await page.waitForTimeout(300);
      const desc = await names();
      assert.notDeepEqual(desc, asc);
      await shot(page, 'self-organisations-sorted');

      // 重置 clears the region tree's choice as well.
      const town = page.getByTestId('region-tree').locator('.ant-tree-treenode').nth(1);
      const filtered = page.waitForResponse(
        (r) => r.url().includes('/api/v1/organisations?') && r.url().includes('regionCode='),
      );
      await town.locator('.ant-tree-node-content-wrapper').click();
      await filtered;
      assert.equal(await page.locator('.ant-tree-node-selected').count(), 1);
      const reset = page.waitForResponse(
        (r) => r.url().includes('/api/v1/organisations?') && !r.url().includes('regionCode='),
      );
      await page.getByRole('button', { name: /重\s*置/ }).click();
      await reset;
      assert.equal(await page.locator('.ant-tree-node-selected').count(), 0);

      // 查看 the demo employer: every field, names for codes, and the changes made to it.
      const employer = await page.evaluate(async () => {
        const res = await fetch(`/api/v1/organisations?kind=employer&q=${encodeURIComponent('（1）')}`);
        return (await res.json()).data[0];
      });
      await page.locator('input#name').fill(employer.name);
      const searched = page.waitForResponse(
        (r) => r.url().includes('/api/v1/organisations?') && r.url().includes('q='),
      );
      await page.getByRole('button', { name: /查\s*询/ }).click();
      await searched;
      await page.getByTestId('org-view').first().click();
      const drawer = page.getByTestId('org-detail');
      await drawer.getByTestId('org-history').waitFor();
      const text = await drawer.innerText();
      for (const s of [
        employer.name,
        employer.industryName,
        '接害人数',
        '企业规模',
        '监管单位',
        '变更记录',
        '修改本单位信息',
        '修改单位',
        'demo-employer',
        'demo-province',
      ])
        assert.ok(text.includes(s), `the drawer shows ${s}`);
      assert.ok(text.includes('139****1234'), 'personal data masked as the audit stores it');
      await shot(page, 'self-organisation-detail');
      await drawer.locator('.ant-drawer-body').evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await shot(page, 'self-organisation-detail-history');
      assert.deepEqual(errors, []);
      await context.close();
    });

    test('the province sees its batch actions and still no horizontal scroll at 1440 px', async () => {
      const { context, page, errors } = await signIn('demo-province');
      await page.getByTestId('menu-organisations').click();
      await page.locator('.ant-table-row').first().waitFor();
      assert.ok(
        (await page.locator('.ant-table-selection-column').count()) > 0,
        'checkboxes for batch delete',
      );
      const table = page.locator('.ant-table-content, .ant-table-body').first();
      const [scrollWidth, clientWidth] = await table.evaluate((el) => [el.scrollWidth, el.clientWidth]);
      assert.ok(scrollWidth <= clientWidth + 1, `no horizontal scroll (${scrollWidth} > ${clientWidth})`);
      const actions = await page.locator('.ant-table-tbody tr.ant-table-row').first().innerText();
      for (const a of ['查看', '修改', '删除']) assert.ok(actions.includes(a), `row action ${a}`);
      await shot(page, 'self-organisations-province');
      assert.deepEqual(errors, []);
      await context.close();
    });
  },
  { timeout: 600_000 },
);
