/**
 * The calculator forms in Debian Chromium against the real server (issue 12, item 3): a GBZ 2.1 judgement
 * with the substance picked by pinyin initials (一氧化碳 offers its three sub-rows) and two exposure
 * segments, L_EX,8h from two noise segments, and the GBZ 188 examination cycle with hazards picked from
 * the catalogue and a date picker. Each verdict is read as its one sentence; a value the server refuses
 * and a value out of the schema's range show their message on the field itself. Then every calculator's
 * page is read in zh-CN for English beyond units, formula symbols and standard designations.
 * Run after `npm run build`: `node --test e2e/standards-forms.test.mjs`; screenshots go to e2e/screenshots/.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { journeys, shot, SELECT_OPTION } from './helpers.mjs';

/** The message antd shows under the form item that holds the input `#id`. */
const fieldError = (page, id) =>
  page
    .locator('.ant-form-item')
    .filter({ has: page.locator(`#${id}`) })
    .last()
    .locator('.ant-form-item-explain-error');

/** Picks the option whose text contains `text` from the open select dropdown. */
const pickOption = async (page, text) => {
  const option = page.locator(SELECT_OPTION).filter({ hasText: text });
  await option.first().click();
};

/** Opens the select whose input is `#id` (the input itself sits under the selected value). */
const openSelect = (page, id) =>
  page
    .locator('.ant-select')
    .filter({ has: page.locator(`#${id}`) })
    .first()
    .click();

/** Moves the pointer off the menu and the fields, so no tooltip or flyout covers a screenshot. */
const still = async (page, top = true) => {
  await page.mouse.move(1430, 890);
  if (top) await page.evaluate(() => globalThis.scrollTo(0, 0));
};

/**
 * What may appear in Latin letters on a zh-CN calculator page: units, formula symbols, standard
 * designations, CAS and row ids. Everything else in Latin letters is English that should not be there.
 */
const ALLOWED = [
  /GBZ(\/T)?\s*[\d.]+([—-]\d{4})?/g,
  /GB\/T\s*[\d.]+([—-]\d{4})?/g,
  /\bT[12]-\d+(-\d+)?\b/g,
  /\b(CAS|PC-TWA|PC-STEL|MAC|RF|SiO2|C_TWA|C_STE|C_PE|C_M|L_EX,8h|L_EX,W|L_Aeq,Te|L_Aeq,T|Te|lg)\b/g,
  /\b(mg\/m³|mg·h\/m³|dB\(A\)|dB HL|dB|Hz|min|mm)(?![A-Za-z])/g,
  /μPa/g,
];
const englishIn = (text) => {
  let rest = text;
  for (const re of ALLOWED) rest = rest.replace(re, ' ');
  return [...new Set(rest.match(/[A-Za-z]{2,}/g) ?? [])];
};

journeys(
  'standards calculator forms',
  (env) => {
    const { signIn } = env;
    test('three calculator forms: GBZ 2.1 judgement, L_EX,8h and the GBZ 188 cycle, with field errors', async () => {
      const { context, page, errors } = await signIn('demo-exam');
      page.setDefaultTimeout(30_000);
      await page.getByTestId('menu-standards').click();
      await page.waitForURL('**/standards');
      const verdict = page.getByTestId('verdict');
      const sentence = page.getByTestId('verdict-sentence');

      // ---- GBZ 2.1 judgement: 一氧化碳 by its pinyin initials, two segments and one 15-minute sample.
      await page.getByTestId('calc-air-judgement').click();
      await page.waitForURL('**/standards?calc=air-judgement');
      await page.getByTestId('form-air-judgement').waitFor();
      // The header keeps the Chinese name and the standard; the English name and the id are gone from it.
      const header = await page.getByTestId('calc-header').innerText();
      assert.ok(!header.includes('air-judgement') && !/Air sample judgement/.test(header), header);
      await page.locator('#substance').fill('yyht');
      const group = page.getByTestId('substance-group-一氧化碳');
      await group.waitFor();
      assert.match(await group.innerText(), /3 行/);
      for (const id of ['T1-313-1', 'T1-313-2', 'T1-313-3'])
        await page.getByTestId(`substance-option-${id}`).waitFor();
      await shot(page, 'standards-forms-substance-picker');
      await page.getByTestId('substance-option-T1-313-1').click();
      // The picked row: its place in the standard and its limits, and the fields its limit type needs.
      await page.getByText('GBZ 2.1—2019 表1 第313行 · PC-TWA 20 · PC-STEL 30 mg/m³').waitFor();
      await page.getByTestId('ste-mode').waitFor();
      assert.equal(await page.locator('#maxConcentration').count(), 0, 'no C_M/C_PE for a PC-STEL substance');
      await page.locator('#exposure_segments_0_concentration').fill('25');
      await page.locator('#exposure_segments_0_hours').fill('4');
      await page.locator('#exposure_segments_1_concentration').fill('10');
      await page.locator('#exposure_segments_1_hours').fill('4');
      await page.locator('#steSamples_0_concentration').fill('28');

      // A week shorter than the shift: the server refuses the field, and its message is on that field.
      await openSelect(page, 'longShift_form');
      await pickOption(page, '按每周工时');
      await page.locator('#longShift_hoursPerWeek').fill('5');
      let ran = page.waitForResponse((r) => r.url().endsWith('/api/v1/standards/air-judgement'));
      await page.getByTestId('form-run').click();
      assert.equal((await ran).status(), 400);
      const weekError = fieldError(page, 'longShift_hoursPerWeek');
      await weekError.waitFor();
      assert.match(await weekError.innerText(), /每周工作 5 h 少于一个班次 8 h/);
      await page.locator('#longShift_hoursPerWeek').scrollIntoViewIfNeeded();
      await still(page, false);
      await shot(page, 'standards-forms-field-error');
      // Corrected: the daily rule again; the message goes with the change.
      await openSelect(page, 'longShift_form');
      await pickOption(page, '按每日工时');
      await weekError.waitFor({ state: 'detached' });
      ran = page.waitForResponse((r) => r.url().endsWith('/api/v1/standards/air-judgement'));
      await page.getByTestId('form-run').click();
      const judged = await ran;
      assert.equal(judged.status(), 200);
      assert.deepEqual(JSON.parse(judged.request().postData()), {
        eventDate: '2024-06-01',
        substance: { rowId: 'T1-313-1' },
        exposure: {
          segments: [
            { concentration: 25, hours: 4 },
            { concentration: 10, hours: 4 },
          ],
          shiftHours: 8,
        },
        longShift: { form: 'daily' },
        steSamples: [{ concentration: 28, minutes: 15 }],
      });
      await verdict.waitFor();
      assert.equal(await verdict.getAttribute('data-verdict'), 'compliant');
      // (25 × 4 + 10 × 4) / 8 = 17.5 mg/m³ ≤ 20; 28 ≤ 30.
      assert.equal(
        await sentence.innerText(),
        '一氧化碳：非高原，按 GBZ 2.1—2019 表1 第313行（PC-TWA 20 mg/m³、PC-STEL 30 mg/m³）判定为合格：C_TWA 17.5 mg/m³ ≤ PC-TWA 20 mg/m³；C_STE 28 mg/m³ ≤ PC-STEL 30 mg/m³。',
      );
      assert.match(await page.getByTestId('result-reasons').innerText(), /Σ CᵢTᵢ = 140 mg·h\/m³/);
      await still(page);
      await shot(page, 'standards-forms-air-judgement');

      // ---- L_EX,8h from two noise segments, computed as it is typed.
      await page.getByTestId('calc-noise-lex8h').click();
      await page.getByTestId('live-form-noise-lex8h').waitFor();
      await page.locator('#exposure_segments_0_laeq').fill('95');
      await page.locator('#exposure_segments_0_hours').fill('2');
      await page.locator('#exposure_segments_1_laeq').fill('80');
      await page.locator('#exposure_segments_1_hours').fill('6');
      // 10·lg[(2 × 10^9.5 + 6 × 10^8) / 8] = 89.37 dB(A)
      await page.getByTestId('live-headline').getByText('89.4').waitFor();
      assert.equal(
        await sentence.innerText(),
        '按 GBZ/T 189.8—2007 的计算式，8 h 等效声级 L_EX,8h 为 89.4 dB(A)。',
      );
      await still(page);
      await shot(page, 'standards-forms-noise');
      // A level outside the schema's range is marked on its field with the range and its basis.
      await page.locator('#exposure_segments_0_laeq').fill('400');
      const levelError = fieldError(page, 'exposure_segments_0_laeq');
      await levelError.waitFor();
      assert.match(await levelError.innerText(), /\[0, 140\] dB\(A\)/);
      assert.equal(await verdict.getAttribute('data-verdict'), 'error');
      // The result names no field path: the messages only, the field is marked in the form.
      assert.match(await sentence.innerText(), /输入有误/);
      assert.deepEqual(englishIn(await page.getByTestId('calc-output').innerText()), []);
      await still(page);
      await shot(page, 'standards-forms-noise-range-error');
      await page.locator('#exposure_segments_0_laeq').fill('95');
      await page.getByTestId('live-headline').getByText('89.4').waitFor();
      // The message leaves with the corrected value (after antd's fade-out).
      await levelError.waitFor({ state: 'detached' });

      // ---- GBZ 188: hazards from the catalogue (矽尘 with its work grade, noise with its level), a date.
      await page.getByTestId('calc-surveillance-cycle').click();
      await page.getByTestId('form-surveillance-cycle').waitFor();
      const date = page.locator('#examDate');
      await date.click();
      await date.fill('2024-09-01');
      await date.press('Enter');
      await page.locator('#hazards_0_noiseLevel').fill('88');
      await page.locator('#hazards_1_hazardId').fill('矽尘');
      await page.getByTestId('option-1-1').click();
      await openSelect(page, 'hazards_1_workGrade');
      await pickOption(page, 'Ⅱ 级');
      ran = page.waitForResponse((r) => r.url().endsWith('/api/v1/standards/surveillance-cycle'));
      await page.getByTestId('form-run').click();
      const cycle = await ran;
      assert.equal(cycle.status(), 200);
      assert.deepEqual(JSON.parse(cycle.request().postData()), {
        examDate: '2024-09-01',
        hazards: [
          { hazardId: '3-1', noiseLevel: 88 },
          { hazardId: '1-1', workGrade: 'II' },
        ],
      });
      await verdict.waitFor();
      assert.equal(await verdict.getAttribute('data-verdict'), 'due');
      // Noise at 88 dB(A) (§7.1) and 矽尘 of grade Ⅱ (§6.1) both ask for 12 months; the first listed governs.
      assert.equal(
        await sentence.innerText(),
        '按 GBZ 188—2014 §7.1，在岗期间职业健康检查周期为 12 个月（由噪声决定），下次检查应不晚于 2025-09-01。',
      );
      await still(page);
      await shot(page, 'standards-forms-surveillance');
      assert.deepEqual(errors, []);
      await context.close();
    });

    test('every calculator has a form, runs its example, and shows no English in zh-CN', async () => {
      const { context, page, errors } = await signIn('demo-exam', undefined, { at: null });
      page.setDefaultTimeout(30_000);
      await page.goto('/standards');
      await page.getByTestId('calc-air-twa').waitFor();
      const ids = await page
        .getByTestId('calc-list')
        .locator('[data-testid^="calc-"][title]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid').slice('calc-'.length)));
      assert.equal(ids.length, 17);
      const found = {};
      for (const id of ids) {
        await page.getByTestId(`calc-${id}`).click();
        await page.waitForURL(`**/standards?calc=${id}`);
        await page.locator(`[data-testid="form-${id}"], [data-testid="live-form-${id}"]`).first().waitFor();
        if (await page.getByTestId('form-run').count()) {
          const ran = page.waitForResponse((r) => r.url().endsWith(`/api/v1/standards/${id}`));
          await page.getByTestId('form-run').click();
          assert.equal((await ran).status(), 200, `${id}: the example runs`);
        }
        await page.getByTestId('verdict-sentence').waitFor();
        const text = [
          await page.getByTestId('calc-list').innerText(),
          await page.getByTestId('calc-header').innerText(),
          await page.getByTestId('calc-input').innerText(),
          await page.getByTestId('calc-output').innerText(),
        ].join('\n');
        const english = englishIn(text);
        if (english.length) found[id] = english;
      }
      assert.deepEqual(found, {}, 'English words on the zh-CN calculator pages');
      assert.deepEqual(errors, []);
      await context.close();
    });
  },
  { timeout: 900_000 },
);
