/**
 * 工作日历 (issue 16 item 1) in Chromium on the demo province: the system administrator opens the
 * calendar from the menu (2026 with its 国庆 holidays and make-up days marked), switches to 2027 (not
 * entered: the banner says Monday–Friday count), enters 2027-10-01 as a holiday by clicking it, is told
 * that entering it twice is refused, uses the calculator across it, and imports a file with a bad row.
 * Run after `npm run build`: `node --test --test-concurrency=1 e2e/calendar.test.mjs`.
 * Screenshots: e2e/screenshots/calendar-*.png.
 */
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { journeys, shot } from './helpers.mjs';

const cell = (page, date) => page.locator(`[data-testid="calendar-grid"] [data-date="${date}"]`);

/** The open dialog with this title. */
const modalTitled = (page, title) =>
  page.locator('.ant-modal-content').filter({ has: page.locator('.ant-modal-title', { hasText: title }) });

const chooseYear = async (page, year) => {
  if ((await page.getByTestId('calendar-year').innerText()).includes(`${year} 年`)) return;
  const loaded = page.waitForResponse((r) => r.url().endsWith(`/api/v1/calendar/years/${year}`));
  await page.getByTestId('calendar-year').click();
  await page
    .locator('.ant-select-item-option', { hasText: `${year} 年` })
    .first()
    .click();
  await loaded;
};

journeys('the working calendar', (env) => {
  test('an administrator enters a 2027 holiday, and the calendar and calculator follow', async () => {
    const { context, page, errors } = await env.signIn('demo-sysadmin');
    if (!(await page.getByTestId('menu-calendar').isVisible())) await page.getByTestId('menu-system').click();
    const years = page.waitForResponse((r) => r.url().endsWith('/api/v1/calendar/years'));
    await page.getByTestId('menu-calendar').click();
    await page.waitForURL('**/calendar');
    await years;
    await page.getByTestId('calendar-grid').waitFor();

    // 2026: 国庆 holidays and the make-up Saturday 10-10 (the 2026 notice).
    await chooseYear(page, 2026);
    assert.equal(await cell(page, '2026-10-01').getAttribute('data-kind'), 'holiday');
    assert.equal(await cell(page, '2026-10-10').getAttribute('data-kind'), 'workday');
    assert.equal(await cell(page, '2026-10-11').getAttribute('data-kind'), 'weekend');
    assert.equal(await page.getByTestId('calendar-provisional').count(), 0);
    await cell(page, '2026-10-01').hover();
    await page.locator('.ant-tooltip', { hasText: '国庆节' }).waitFor();
    await shot(page, 'calendar-2026');

    // 2027: nothing entered yet.
    await chooseYear(page, 2027);
    const banner = page.getByTestId('calendar-provisional');
    await banner.waitFor();
    assert.ok(
      (await banner.innerText()).includes('2027 年尚未录入放假安排，按周一至周五计算'),
      await banner.innerText(),
    );
    assert.equal(await cell(page, '2027-10-01').getAttribute('data-kind'), 'weekday');
    await shot(page, 'calendar-2027-provisional');

    // Click the day: the add dialog opens with the date filled in.
    await cell(page, '2027-10-01').click();
    const add = modalTitled(page, '新增放假日或调休上班日');
    await add.waitFor();
    assert.equal(await add.locator('.ant-picker input').inputValue(), '2027-10-01');
    await page.getByTestId('calendar-day-name').fill('国庆节');
    await page
      .getByTestId('calendar-day-source')
      .fill('国务院办公厅关于2027年部分节假日安排的通知（端到端测试）');
    await shot(page, 'calendar-2027-add');
    const reloaded = page.waitForResponse((r) => r.url().endsWith('/api/v1/calendar/years/2027'));
    await page.getByTestId('calendar-day-save').click();
    await reloaded;
    await add.waitFor({ state: 'hidden' });
    await page
      .locator('[data-testid="calendar-grid"] [data-date="2027-10-01"][data-kind="holiday"]')
      .waitFor();
    // One holiday entered: the year counts as entered.
    await banner.waitFor({ state: 'detached' });
    assert.ok((await page.getByTestId('calendar-coverage').innerText()).includes('放假 1 天'));
    await shot(page, 'calendar-2027-entered');

    // The same date again as a holiday: refused, the reason on the date field.
    await page.getByTestId('calendar-add').click();
    await add.waitFor();
    const picker = add.locator('.ant-picker input');
    await picker.click();
    await picker.fill('2027-10-01');
    await picker.press('Enter');
    await page.getByTestId('calendar-day-name').fill('国庆节');
    await page.getByTestId('calendar-day-source').fill('重复录入');
    await page.getByTestId('calendar-day-save').click();
    await add.locator('.ant-form-item-explain-error', { hasText: '该日期已登记为放假日' }).waitFor();
    await shot(page, 'calendar-2027-duplicate');
    await add.locator('.ant-modal-close').click();
    await add.waitFor({ state: 'hidden' });

    // The calculator: Thu 2027-09-30 + 1 working day skips the holiday and the weekend.
    const calc = page.getByTestId('calendar-calculator');
    const from = calc.locator('.ant-picker input');
    await from.click();
    await from.fill('2027-09-30');
    await from.press('Enter');
    await calc.locator('.ant-input-number input').fill('1');
    await page.getByTestId('calendar-calc-go').click();
    const result = page.getByTestId('calendar-calc-result');
    await result.waitFor();
    const text = await result.innerText();
    assert.ok(text.includes('2027-10-04'), text);
    assert.ok(text.includes('10-01 国庆节'), text);
    await result.scrollIntoViewIfNeeded();
    await shot(page, 'calendar-calculator');

    // Import a later year with one bad row (a make-up day on a Wednesday).
    const dir = await mkdtemp(join(tmpdir(), 'ohp-cal-'));
    const file = join(dir, 'calendar-2028.csv');
    await writeFile(
      file,
      [
        '日期,类型,名称,英文名称,依据,备注',
        '2028-01-01,放假,元旦,,端到端测试通知,',
        '2028-01-29,调休上班,春节,,端到端测试通知,',
        '2028-01-26,调休上班,春节,,端到端测试通知,',
      ].join('\n'),
    );
    await page.getByTestId('calendar-import').click();
    const imp = modalTitled(page, '导入工作日历');
    await imp.waitFor();
    await imp.locator('input[type=file]').setInputFiles(file);
    // Dry run is ticked by default: untick it to import for real.
    await page.getByTestId('import-dryrun').click();
    await page.getByTestId('import-start').click();
    const report = page.getByTestId('import-report');
    await report.waitFor();
    assert.equal(await report.locator('[data-count="accepted"]').innerText(), '2');
    assert.equal(await report.locator('[data-count="rejected"]').innerText(), '1');
    assert.ok((await report.innerText()).includes('调休上班日应为周六或周日'));
    await shot(page, 'calendar-import-report');
    await imp.locator('.ant-modal-close').click();

    await chooseYear(page, 2028);
    assert.equal(await cell(page, '2028-01-29').getAttribute('data-kind'), 'workday');
    assert.equal(await page.getByTestId('calendar-provisional').count(), 0);
    await shot(page, 'calendar-2028-imported');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a county clerk reads the calendar without the administrator buttons', async () => {
    const { context, page, errors } = await env.signIn('demo-county', undefined, { at: '/calendar' });
    await page.getByTestId('calendar-grid').waitFor();
    assert.equal(await page.getByTestId('calendar-add').count(), 0);
    assert.equal(await page.getByTestId('calendar-import').count(), 0);
    await shot(page, 'calendar-county');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
