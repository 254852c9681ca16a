import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkPeakExcursions,
  computeSte,
  computeTwa,
  judgeAirExposure,
  judgeMixture,
  longShiftReductionFactor,
  LONG_SHIFT_CONVENTION,
} from './air';
import { importLimitRows, resolveLimit, limitRowsFor } from './oel-data';
import { err, ok, text, texts } from './test-helpers';
import { renderMsg } from './messages';

const D = '2024-06-01';

describe('C_TWA', () => {
  it.each([
    // 4 mg/m³ × 2 h + 1 × 4 h = 8 + 4 = 12 mg·h/m³; 12 / 8 = 1.5; unexposed 8 − 6 = 2 h
    {
      segments: [
        { concentration: 4, hours: 2 },
        { concentration: 1, hours: 4 },
      ],
      shiftHours: 8,
      cTwa8h: 1.5,
      unexposed: 2,
    },
    // 3 × 6 h = 18; 18 / 8 = 2.25 (a 6 h shift: the other 2 h of the 8 count as 0)
    { segments: [{ concentration: 3, hours: 6 }], shiftHours: 6, cTwa8h: 2.25, unexposed: 2 },
    // 10 × 12 h = 120; 120 / 8 = 15 (literal formula), shift average 120 / 12 = 10
    { segments: [{ concentration: 10, hours: 12 }], shiftHours: 12, cTwa8h: 15, unexposed: 0 },
    // 0.5 × 8 = 4; 4 / 8 = 0.5
    { segments: [{ concentration: 0.5, hours: 8 }], shiftHours: 8, cTwa8h: 0.5, unexposed: 0 },
  ])(
    'does compute C_TWA $cTwa8h when the segments are $segments over $shiftHours h',
    ({ segments, shiftHours, cTwa8h, unexposed }) => {
      const r = ok(computeTwa({ segments, shiftHours }));
      expect(r.cTwa8h).toBeCloseTo(cTwa8h, 12);
      expect(r.unexposedHours).toBeCloseTo(unexposed, 12);
      expect(r.edition).toBe('GBZ 2.1-2019');
    },
  );

  it('does report the shift average when the shift is longer than 8 h', () => {
    const r = ok(computeTwa({ segments: [{ concentration: 10, hours: 12 }], shiftHours: 12 }));
    expect(r.cTwaShift).toBe(10);
    expect(r.reasons.map((m) => m.code)).toContain('air.twa.longShift');
    expect(text(r)).toContain('Σ CᵢTᵢ / 12 = 10 mg/m³ with RF × PC-TWA');
    expect(text(r, 'zh-CN')).toContain('班次平均浓度 Σ CᵢTᵢ / 12 = 10 mg/m³');
  });

  it('does return invalid_input when the segments exceed the shift', () => {
    expect(err(computeTwa({ segments: [{ concentration: 1, hours: 9 }], shiftHours: 8 })).error).toBe(
      'invalid_input',
    );
  });

  it('does return invalid_input when a concentration is negative or not a number', () => {
    expect(err(computeTwa({ segments: [{ concentration: -1, hours: 1 }], shiftHours: 8 })).error).toBe(
      'invalid_input',
    );
    expect(
      err(computeTwa({ segments: [{ concentration: 'x' as unknown as number, hours: 1 }], shiftHours: 8 }))
        .error,
    ).toBe('invalid_input');
  });

  it('does give C_TWA equal to the concentration when it is constant over an 8 h shift', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
        (c, weights) => {
          // split 8 h into parts proportional to the weights
          const total = weights.reduce((s, w) => s + w, 0);
          const segments = weights.map((w) => ({ concentration: c, hours: (8 * w) / total }));
          const r = ok(computeTwa({ segments, shiftHours: 8 }));
          expect(r.cTwa8h).toBeCloseTo(c, 6);
        },
      ),
    );
  });

  it('does never raise C_TWA when unexposed time is added', () => {
    fc.assert(
      fc.property(
        fc
          .array(
            fc.record({
              concentration: fc.double({ min: 0, max: 100, noNaN: true }),
              hours: fc.double({ min: 0, max: 1.5, noNaN: true }),
            }),
            { minLength: 1, maxLength: 4 },
          )
          // Segments covering 0 h in all are refused (no exposure time to average over).
          .filter((segs) => segs.some((x) => x.hours > 0)),
        fc.double({ min: 0, max: 2, noNaN: true }),
        (segments, extra) => {
          const base = ok(computeTwa({ segments, shiftHours: 8 }));
          const withIdle = ok(
            computeTwa({ segments: [...segments, { concentration: 0, hours: extra }], shiftHours: 8 }),
          );
          expect(withIdle.cTwa8h).toBeLessThanOrEqual(base.cTwa8h);
        },
      ),
    );
  });
});

describe('C_STE', () => {
  it.each([
    // 12 × 10 + 6 × 5 = 150; 150 / 15 = 10
    {
      samples: [
        { concentration: 12, minutes: 10 },
        { concentration: 6, minutes: 5 },
      ],
      cSte: 10,
    },
    // exposure of 5 min only: 30 × 5 = 150; 150 / 15 = 10 (the other 10 min count as 0)
    { samples: [{ concentration: 30, minutes: 5 }], cSte: 10 },
  ])('does compute C_STE $cSte when the samples are $samples', ({ samples, cSte }) => {
    expect(ok(computeSte({ samples })).cSte).toBeCloseTo(cSte, 12);
  });

  it('does return invalid_input when the samples cover more than 15 minutes', () => {
    expect(err(computeSte({ samples: [{ concentration: 1, minutes: 16 }] })).error).toBe('invalid_input');
  });
});

describe('long-shift reduction factor', () => {
  it.each([
    // (8/12)·(24−12)/16 = 0.6667 × 0.75 = 0.5
    { input: { form: 'daily' as const, hoursPerDay: 12 }, rf: 0.5 },
    // (8/10)·(14/16) = 0.8 × 0.875 = 0.7
    { input: { form: 'daily' as const, hoursPerDay: 10 }, rf: 0.7 },
    // (40/50)·(168−50)/128 = 0.8 × 0.921875 = 0.7375
    { input: { form: 'weekly' as const, hoursPerWeek: 50 }, rf: 0.7375 },
    // 8 h/day: no reduction, never a raise
    { input: { form: 'daily' as const, hoursPerDay: 8 }, rf: 1 },
    { input: { form: 'daily' as const, hoursPerDay: 6 }, rf: 1 },
    { input: { form: 'weekly' as const, hoursPerWeek: 40 }, rf: 1 },
  ])('does give RF $rf when the schedule is $input', ({ input, rf }) => {
    expect(ok(longShiftReductionFactor(input)).rf).toBeCloseTo(rf, 12);
  });

  it('does never give an RF above 1 or below 0 when hours are within a day', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 23.9, noNaN: true }), (h) => {
        const r = ok(longShiftReductionFactor({ form: 'daily', hoursPerDay: h }));
        expect(r.rf).toBeLessThanOrEqual(1);
        expect(r.rf).toBeGreaterThan(0);
      }),
    );
  });
});

describe('judgement of one substance (甲苯 T1-136: PC-TWA 50, PC-STEL 100)', () => {
  const toluene = { nameZh: '甲苯' };
  it('does find compliance when C_TWA 40 and C_STE 90 are under the limits', () => {
    // 60 × 4 + 20 × 4 = 320; 320 / 8 = 40 ≤ 50; C_STE 90 × 15 / 15 = 90 ≤ 100
    const r = ok(
      judgeAirExposure({
        eventDate: D,
        substance: toluene,
        exposure: {
          segments: [
            { concentration: 60, hours: 4 },
            { concentration: 20, hours: 4 },
          ],
          shiftHours: 8,
        },
        steSamples: [{ concentration: 90, minutes: 15 }],
      }),
    );
    expect(r.verdict).toBe('compliant');
    if (r.verdict === 'limit_not_loaded') return expect.fail();
    expect(r.limitApplied).toMatchObject({
      rowId: 'T1-136',
      pcTwa: 50,
      pcStel: 100,
      type: 'PC-TWA+PC-STEL',
      edition: 'GBZ 2.1-2019',
    });
    expect(r.limitApplied.origin).toContain('oel-chemicals-gbz2.1-2019.csv line');
    expect(r.actionLevel).toMatchObject({ value: 25, measured: 40, reached: true });
  });

  it.each([
    { cTwa: 50, cSte: 100, verdict: 'compliant' },
    { cTwa: 50.0001, cSte: 100, verdict: 'exceeds' },
    { cTwa: 50, cSte: 100.0001, verdict: 'exceeds' },
  ])(
    'does treat the limit as inclusive when C_TWA is $cTwa and C_STE is $cSte',
    ({ cTwa, cSte, verdict }) => {
      expect(judgeAirExposure({ eventDate: D, substance: toluene, cTwa, cSte }).verdict).toBe(verdict);
    },
  );

  it('does say incomplete when C_STE is missing for a PC-STEL substance', () => {
    const r = judgeAirExposure({ eventDate: D, substance: toluene, cTwa: 10 });
    expect(r.verdict).toBe('incomplete');
    expect(text(r)).toContain('no 15-minute exposure');
    expect(text(r, 'zh-CN')).toContain('未给出 15 min 短时间接触浓度');
  });

  it('does compare the shift average with RF × PC-TWA when the shift is 12 h', () => {
    // Σ CT = 30 × 12 = 360; shift average 360 / 12 = 30; RF 0.5 → limit 25; 30 > 25 → exceeds.
    // (The literal formula 360 / 8 = 45 ≤ 50 would pass without reduction.)
    const r = judgeAirExposure({
      eventDate: D,
      substance: toluene,
      exposure: { segments: [{ concentration: 30, hours: 12 }], shiftHours: 12 },
      cSte: 50,
    });
    expect(r.verdict).toBe('exceeds');
    if (r.verdict !== 'exceeds') return;
    expect(r.limitApplied.pcTwaApplied).toBeCloseTo(25, 12);
    expect(r.longShiftConvention).toBe(LONG_SHIFT_CONVENTION);
    const none = judgeAirExposure({
      eventDate: D,
      substance: toluene,
      exposure: { segments: [{ concentration: 30, hours: 12 }], shiftHours: 12 },
      cSte: 50,
      longShift: { form: 'none' },
    });
    expect(none.verdict).toBe('compliant');
  });

  it('does refuse a long-shift reduction when only a precomputed C_TWA is given', () => {
    expect(
      err(
        judgeAirExposure({
          eventDate: D,
          substance: toluene,
          cTwa: 10,
          cSte: 1,
          longShift: { form: 'daily' },
        }),
      ).error,
    ).toBe('invalid_input');
  });
});

describe('MAC substances (甲醛 T1-149: MAC 0.5)', () => {
  it.each([
    { max: 0.5, verdict: 'compliant' },
    { max: 0.50001, verdict: 'exceeds' },
    { max: 0.2, verdict: 'compliant' },
  ])('does judge C_M $max against MAC 0.5 inclusively when it is given', ({ max, verdict }) => {
    expect(
      judgeAirExposure({ eventDate: D, substance: { nameZh: '甲醛' }, maxConcentration: max }).verdict,
    ).toBe(verdict);
  });

  it('does say incomplete when no C_M is given for a MAC substance', () => {
    expect(judgeAirExposure({ eventDate: D, substance: { cas: '50-00-0' } }).verdict).toBe('incomplete');
  });
});

describe('peak excursions (PC-TWA-only substances and dusts)', () => {
  // 安妥 T1-1: PC-TWA 0.3 → 3× = 0.9, 5× = 1.5
  const antu = { rowId: 'T1-1' };
  it('does pass at exactly 3 × PC-TWA without an excursion log', () => {
    const r = judgeAirExposure({ eventDate: D, substance: antu, cTwa: 0.3, maxConcentration: 0.9 });
    expect(r.verdict).toBe('compliant');
  });

  it('does fail above 3 × PC-TWA when no excursion log is given', () => {
    const r = judgeAirExposure({ eventDate: D, substance: antu, cTwa: 0.3, maxConcentration: 0.91 });
    expect(r.verdict).toBe('exceeds');
    expect(text(r)).toContain('no excursion log');
  });

  it.each([
    { max: 1.5, verdict: 'compliant' },
    { max: 1.5001, verdict: 'exceeds' },
  ])('does apply the 5 × PC-TWA ceiling inclusively when C_PE is $max', ({ max, verdict }) => {
    const r = judgeAirExposure({
      eventDate: D,
      substance: antu,
      cTwa: 0.2,
      maxConcentration: max,
      excursions: [{ startMinute: 60, minutes: 15, concentration: max }],
    });
    expect(r.verdict).toBe(verdict);
  });

  it.each([
    {
      name: '4 excursions of 15 min, 60 min apart',
      ex: [0, 75, 150, 225].map((s) => ({ startMinute: s, minutes: 15, concentration: 1 })),
      pass: true,
    },
    {
      name: '5 excursions',
      ex: [0, 75, 150, 225, 300].map((s) => ({ startMinute: s, minutes: 15, concentration: 1 })),
      pass: false,
    },
    { name: 'an excursion of 16 min', ex: [{ startMinute: 0, minutes: 16, concentration: 1 }], pass: false },
    {
      name: 'two excursions 59 min apart',
      ex: [
        { startMinute: 0, minutes: 15, concentration: 1 },
        { startMinute: 74, minutes: 10, concentration: 1 },
      ],
      pass: false,
    },
  ])('does judge the excursion log when it has $name', ({ ex, pass }) => {
    const checks = checkPeakExcursions(0.3, 1, ex);
    expect(checks.find((c) => c.id === 'PE-excursions')?.pass).toBe(pass);
  });

  it('does apply the peak rule to a dust when the fraction is given (矽尘 >80%: 总尘 0.5, 呼尘 0.2)', () => {
    // respirable: PC-TWA 0.2, 5× = 1.0; C_PE 1.2 > 1.0 → exceeds
    const r = judgeAirExposure({
      eventDate: D,
      substance: { rowId: 'T2-40-3' },
      dustFraction: 'respirable',
      cTwa: 0.1,
      maxConcentration: 1.2,
    });
    expect(r.verdict).toBe('exceeds');
    if (r.verdict !== 'exceeds') return;
    expect(r.limitApplied).toMatchObject({ pcTwa: 0.2, dustFraction: 'respirable', table: 2 });
  });

  it('does return invalid_input when a dust is judged without its fraction', () => {
    expect(err(judgeAirExposure({ eventDate: D, substance: { rowId: 'T2-40-3' }, cTwa: 0.1 })).error).toBe(
      'invalid_input',
    );
  });
});

describe('limit rows, editions and amendments', () => {
  it('does say limit_not_loaded when the substance has no loaded row', () => {
    const r = judgeAirExposure({
      eventDate: D,
      substance: { nameZh: '煤尘' },
      dustFraction: 'total',
      cTwa: 1,
    });
    expect(r.verdict).toBe('limit_not_loaded');
    expect(texts(r)[0]).toContain('administrator can import');
    expect(texts(r, 'zh-CN')[0]).toContain('导入缺失的行');
  });

  it.each([
    [{ nameZh: '煤尘' }, 'Table 2, row 23 煤尘', '表2 第23行 煤尘'],
    [{ nameZh: '煤尘（游离SiO2含量＜10%）' }, 'Table 2, row 23 煤尘', '表2 第23行 煤尘'],
    [{ rowId: 'T2-36' }, 'Table 2, row 36 水泥粉尘', '表2 第36行 水泥粉尘'],
    [{ nameZh: '电焊烟尘' }, 'Table 2, row 6 电焊烟尘', '表2 第6行 电焊烟尘'],
    [{ nameZh: '二噁英类化合物' }, 'pgTEQ/m³', 'pgTEQ/m³'],
  ] as const)('does name the missing row and who can import it when asked for %j', (ref, named, namedZh) => {
    const r = resolveLimit(ref, D);
    if (!('kind' in r) || r.kind !== 'not_loaded') return expect.fail('expected not_loaded');
    const [en, zh] = [renderMsg(r.reasons[0]!, 'en'), renderMsg(r.reasons[0]!, 'zh-CN')];
    expect(en).toContain(named);
    expect(en).toContain('standards:manage');
    expect(en).toContain('导入标准数据');
    expect(zh).toContain(namedZh);
    expect(zh).toContain('省级质控中心');
    expect(zh).toContain('“导入标准数据”面板');
  });

  it('does give the general reason when the name is not a listed missing row', () => {
    const r = resolveLimit({ nameZh: '不存在的粉尘' }, D);
    if (!('kind' in r) || r.kind !== 'not_loaded') return expect.fail('expected not_loaded');
    expect(renderMsg(r.reasons[0]!, 'en')).toMatch(
      /^no GBZ 2\.1—2019 limit row for "不存在的粉尘" is loaded \(Table 1 has 353 of 358 rows, Table 2 has 24 of 49\)/,
    );
    expect(renderMsg(r.reasons[0]!, 'zh-CN')).toMatch(
      /^未载入“不存在的粉尘”的 GBZ 2\.1—2019 限值行（表1 已载入 353\/358 行，表2 已载入 24\/49 行）/,
    );
  });

  it('does return invalid_input when the substance names no row id, CAS or name', () => {
    const r = err(judgeAirExposure({ eventDate: D, substance: {} as { cas: string }, cTwa: 1 }));
    expect(r.error).toBe('invalid_input');
  });

  it('does say ambiguous_substance when a CAS number matches several rows', () => {
    const r = err(judgeAirExposure({ eventDate: D, substance: { cas: '630-08-0' }, cTwa: 1 }));
    expect(r.error).toBe('ambiguous_substance');
    expect(text(r)).toContain('T1-313-1');
    // a question back to the user about the field: which row?
    expect(r.issues).toEqual([
      expect.objectContaining({ path: 'substance.cas', reason: 'ambiguous_substance' }),
    ]);
  });

  it.each([
    ['2020-03-31', 'error'],
    ['2020-04-01', 'compliant'],
  ])('does pick the edition by the sampling date when it is %s', (date, verdict) => {
    const r = judgeAirExposure({ eventDate: date, substance: { nameZh: '甲醛' }, maxConcentration: 0.1 });
    expect(r.verdict).toBe(verdict);
    if (r.verdict === 'error') expect(r.error).toBe('date_not_covered');
  });

  it('does refuse to judge benzene when the amendment date is not set', () => {
    const r = err(judgeAirExposure({ eventDate: D, substance: { nameZh: '苯' }, cTwa: 4, cSte: 5 }));
    expect(r.error).toBe('amendment_date_unset');
    expect(r.issues).toBeUndefined();
    const [en, zh] = [texts(r)[0], texts(r, 'zh-CN')[0]];
    expect(en).toContain('Amendment No. 1');
    expect(zh).toContain('第1号修改单');
    // who can set the date, and where
    expect(en).toContain('standards:manage');
    expect(en).toContain('标准计算器');
    expect(en).toContain('GBZ 2.1 修改单生效日期');
    expect(zh).toContain('省级质控中心人员');
    expect(zh).toContain('“标准计算器”页面的“GBZ 2.1 修改单生效日期”面板');
  });

  it.each([
    // amendment set to 2023-01-01: before it 6/10 apply (C_TWA 4 ≤ 6), from it 3/6 (4 > 3)
    { date: '2022-12-31', verdict: 'compliant', pcTwa: 6, edition: 'GBZ 2.1-2019' },
    { date: '2023-01-01', verdict: 'exceeds', pcTwa: 3, edition: 'GBZ 2.1-2019 + GBZ 2.1—2019 第1号修改单' },
  ])(
    'does apply the benzene amendment by its administrator-set date when sampled $date',
    ({ date, verdict, pcTwa, edition }) => {
      const r = judgeAirExposure({
        eventDate: date,
        substance: { cas: '71-43-2' },
        cTwa: 4,
        cSte: 5,
        amendments: [{ id: 'GBZ 2.1—2019 第1号修改单', effectiveFrom: '2023-01-01' }],
      });
      expect(r.verdict).toBe(verdict);
      if (r.verdict !== 'compliant' && r.verdict !== 'exceeds') return;
      expect(r.limitApplied.pcTwa).toBe(pcTwa);
      expect(r.limitApplied.edition).toBe(edition);
    },
  );

  it('does add 乙草胺 only from the date amendment No. 2 is set to take effect', () => {
    const amendments = [{ id: 'GBZ 2.1—2019 第2号修改单', effectiveFrom: '2025-05-01' }];
    const before = resolveLimit({ cas: '34256-82-1' }, '2025-04-30', { amendments });
    expect('kind' in before && before.kind).toBe('not_loaded');
    const found = resolveLimit({ cas: '34256-82-1' }, '2025-05-01', { amendments });
    if (!('kind' in found) || found.kind !== 'found') return expect.fail('乙草胺 not found');
    expect(found.row).toMatchObject({ id: 'T1-359', pcTwa: 0.12 });
    expect(err(resolveLimit({ nameZh: '乙草胺' }, '2025-05-01') as { verdict: string }).error).toBe(
      'amendment_date_unset',
    );
  });

  it('does leave the loaded rows unchanged when an amendment is applied to a copy', () => {
    const set = limitRowsFor('2024-01-01', {
      amendments: [{ id: 'GBZ 2.1—2019 第1号修改单', effectiveFrom: '2023-01-01' }],
    });
    if ('verdict' in set) return expect.fail();
    expect(set.rows.find((r) => r.id === 'T1-12')).toMatchObject({ pcTwa: 3 });
    const again = limitRowsFor('2022-01-01', {
      amendments: [{ id: 'GBZ 2.1—2019 第1号修改单', effectiveFrom: '2023-01-01' }],
    });
    if ('verdict' in again) return expect.fail();
    expect(again.rows.find((r) => r.id === 'T1-12')).toMatchObject({ pcTwa: 6 });
  });
});

describe('administrator import of missing rows', () => {
  it('does return validated rows when the CSV follows the template', () => {
    const csv =
      'seq,name_zh,name_en,cas,pc_twa_total,pc_twa_respirable,critical_effect,notes\n23,煤尘（游离SiO2含量＜10%）,Coal dust,,4,2.5,煤工尘肺,\n';
    const r = importLimitRows(csv, { table: 'dusts' });
    expect(r.errors).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.rows[0]).toMatchObject({ id: 'T2-23', pcTwaTotal: 4, pcTwaRespirable: 2.5, line: 0 });
    // and the judgement uses it: 3 ≤ 4 total dust, no peak above 3 × 4
    const j = judgeAirExposure({
      eventDate: D,
      substance: { rowId: 'T2-23' },
      dustFraction: 'total',
      cTwa: 3,
      maxConcentration: 5,
      importedRows: r.rows,
    });
    expect(j.verdict).toBe('compliant');
    if (j.verdict === 'compliant') expect(j.limitApplied.origin).toBe('administrator import');
  });

  it('does report row, column and reason when a row is invalid', () => {
    const csv = [
      'seq,name_zh,name_en,cas,mac,pc_twa,pc_stel,critical_effect,notes',
      '12,苯,Benzene,71-43-2,,6,10,,', // already loaded
      '66,二噁英类化合物,Dioxins,,,abc,,,', // not a number
      '95,氮氧化物,Nitrogen oxides,10102-44-1,,5,3,,', // STEL below TWA, bad CAS check digit
      '89,二硼烷,Diborane,19287-45-7,0.1,0.1,,,', // MAC with TWA
    ].join('\n');
    const r = importLimitRows(csv, { table: 'chemicals' });
    expect(r.ok).toBe(false);
    expect(r.rows).toEqual([]);
    expect(r.errors).toEqual(
      expect.arrayContaining([
        { row: 2, column: 'seq', reason: 'row 12 is already loaded from the reference file' },
        { row: 3, column: 'pc_twa', reason: 'must be a positive number in mg/m³, got "abc"' },
        { row: 4, column: 'pc_stel', reason: 'PC-STEL must not be below PC-TWA' },
        { row: 4, column: 'cas', reason: '10102-44-1 is not a CAS number with a valid check digit' },
        { row: 5, column: 'mac', reason: 'a MAC row has no PC-TWA or PC-STEL' },
      ]),
    );
  });

  it('does reject a file when its header is not the template or its edition is not loaded', () => {
    expect(importLimitRows('a,b\n1,2\n', { table: 'chemicals' }).errors[0]?.row).toBe(1);
    expect(importLimitRows('', { table: 'chemicals', edition: 'GBZ 2.1-2007' }).errors[0]?.reason).toContain(
      'GBZ 2.1-2019',
    );
  });
});

describe('additive mixtures', () => {
  it.each([
    // 甲苯 25/50 + 二甲苯 25/50 = 0.5 + 0.5 = 1 ≤ 1 → compliant (inclusive)
    { c1: 25, c2: 25, verdict: 'compliant', sum: 1 },
    // 30/50 + 25/50 = 0.6 + 0.5 = 1.1 > 1 → exceeds, though each passes alone
    { c1: 30, c2: 25, verdict: 'exceeds', sum: 1.1 },
  ])('does sum C/L to $sum when toluene is $c1 and xylene $c2', ({ c1, c2, verdict, sum }) => {
    const r = judgeMixture({
      eventDate: D,
      additive: true,
      components: [
        { substance: { nameZh: '甲苯' }, concentration: c1, limitType: 'PC-TWA' },
        { substance: { nameZh: '二甲苯' }, concentration: c2, limitType: 'PC-TWA' },
      ],
    });
    expect(r.verdict).toBe(verdict);
    if (r.verdict === 'compliant' || r.verdict === 'exceeds') expect(r.sum).toBeCloseTo(sum, 12);
  });

  it('does not apply Σ C/L when the components are not declared additive', () => {
    const r = judgeMixture({
      eventDate: D,
      additive: false,
      components: [
        { substance: { nameZh: '甲苯' }, concentration: 40, limitType: 'PC-TWA' },
        { substance: { nameZh: '二甲苯' }, concentration: 40, limitType: 'PC-TWA' },
      ],
    });
    expect(r.verdict).toBe('not_applicable');
  });
});
