import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueDisplay } from './catalogue-display';
import { catalogues } from './catalogues';
import { diseasesByEdition } from './diseases';
import {
  exchangeCodesMeta,
  exchangeDeathCauses,
  exchangeDiseaseCodeFor,
  exchangeDiseases,
  exchangeHazardCodesFor,
  exchangeHazardFactors,
  exchangeHealthIndicators,
  exchangeLabelsEn,
  exchangeTables,
  exchangeWorkTypes,
  findExchangeCode,
  getExchangeTable,
  type ExchangeMapping,
  type ExchangeSmallTableId,
  type ExchangeTableId,
} from './exchange-codes';
import { hazardFactors } from './hazard-factors';
import { dataDir } from './test-helpers';

const sha256 = (file: string) =>
  createHash('sha256')
    .update(readFileSync(join(dataDir, file)))
    .digest('hex');
const SOURCE = 'source/cdc-exchange-spec-2021/spec-text-pdftotext-layout.txt';
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
/** The squashed lines of each PDF page of the shipped text layer (index 0 = page 1). */
const pages = readFileSync(join(dataDir, SOURCE), 'utf8')
  .split('\f')
  .map((p) => new Set(p.split('\n').map(squash)));
const code = (id: ExchangeTableId, c: string) => findExchangeCode(id, c)?.name;

/**
 * Rows per table, each read from the PDF (pages given). The generator checks the same figures; this is the
 * second place they are written down, so that a changed generator or data file cannot pass silently.
 */
const expectedRows: Record<ExchangeTableId, number> = {
  'chest-film-results': 4, // 附录1 表2, p. 51
  'audit-statuses': 13, // 表3, pp. 51–52
  'exam-conclusions': 5, // 表4, p. 52
  complications: 5, // 表5, p. 52
  outcomes: 6, // 表6, pp. 52–53
  'concentration-types': 4, // 表7, p. 53
  'pesticide-poisoning-causes': 4, // 表8, p. 53
  'enterprise-sizes': 5, // 表9, p. 53
  'exam-types': 5, // 表10, p. 53
  'pneumoconiosis-case-types': 5, // 表11, p. 54
  pesticides: 31, // 表12, p. 54 (1–32 without 24)
  'health-indicators': 1398, // 表13, pp. 55–83
  'hazard-factors': 602, // 表14, pp. 83–95: 7 categories + 595 codes
  'work-types': 4684, // 表15, pp. 95–189, including 99-9999
  sexes: 4, // 附录2 表1, p. 190
  'id-document-types': 8, // 附录2 表2, p. 190
  diseases: 145, // 附录2 表3, pp. 190–194: 0, 10 categories, 2 sub-groups, 132 diseases
  'death-causes': 369, // 附录2 表4, pp. 194–202
  'monitoring-types': 3, // chapter 1, p. 9 (JC_TYPE)
  'exam-result-types': 3, // chapter 1, p. 11 (EXAM_RESULT_TYPE)
  'abnormal-flags': 3, // chapter 1, p. 11 (ABNORMAL)
};

describe('exchange specification code tables — counts and codes', () => {
  it('does ship each table with the row count read from the PDF when loaded', () => {
    expect(exchangeTables.map((t) => t.id).sort()).toEqual(Object.keys(expectedRows).sort());
    for (const t of exchangeTables) expect(t.rows.length, t.id).toBe(expectedRows[t.id]);
    expect(exchangeHazardFactors.rows.filter((r) => r.level === 'factor')).toHaveLength(595);
    expect(exchangeDiseases.rows.filter((r) => r.level === 'disease')).toHaveLength(132);
  });

  it('does keep codes unique within a table except the repeats the death-cause table prints', () => {
    for (const t of exchangeTables) {
      const seen = new Map<string, number>();
      for (const r of t.rows) seen.set(r.code, (seen.get(r.code) ?? 0) + 1);
      const repeated = Object.fromEntries([...seen].filter(([, n]) => n > 1));
      if (t.id === 'death-causes') {
        // pp. 196–202: C48 腹膜癌 NOS / 腹膜后和腹膜癌 … X69 three times.
        expect(repeated).toEqual({ C48: 2, F03: 2, 'I25.9': 2, R96: 2, 'W17.6': 2, X69: 3 });
        expect(seen.size).toBe(362);
      } else {
        expect(repeated, t.id).toEqual({});
      }
    }
  });

  it('does store every code as a string with its code system and version when loaded', () => {
    for (const t of exchangeTables) {
      for (const r of t.rows) {
        expect(typeof r.code, `${t.id} ${r.code}`).toBe('string');
        expect(r.codeSystem).toBe(t.codeSystem);
        expect(r.version).toBe('1.0 (2021-05)');
        expect(r.name.length, `${t.id} ${r.code}`).toBeGreaterThan(0);
      }
    }
    expect(getExchangeTable('sexes').codeSystem).toBe('GB/T 2261.1-2003');
    expect(getExchangeTable('id-document-types').codeSystem).toBe('WS 364.3 CV02.01.101');
    expect(getExchangeTable('hazard-factors').codeSystem).toBe('cdc2021.hazard');
  });

  it('does hold the first and last code of each table as printed', () => {
    // Quoted from the text layer (PDF page in brackets).
    const firstLast: Record<ExchangeTableId, [string, string, string, string]> = {
      'chest-film-results': ['0', '未见异常', '3', '未检查'], // [51] "0 未见异常" … "3 未检查"
      'audit-statuses': ['01', '待上报', '13', '国家级待审核'], // [51] "01 待上报" … [52] "13 国家级待审核"
      'exam-conclusions': ['01', '目前未见异常', '05', '其他疾病或异常'], // [52]
      complications: ['01', '肺结核', '05', '肺癌'], // [52]
      outcomes: ['01', '治愈', '99', '其他'], // [52] "01 治愈" … [53] "99 其他"
      'concentration-types': ['01', 'CTWA', '99', '其他'], // [53]
      'pesticide-poisoning-causes': ['01', '生产性自用', '04', '生活性自服'], // [53]
      'enterprise-sizes': ['01', '大型', '99', '不详'], // [53]
      'exam-types': ['01', '上岗前', '05', '离岗后'], // [53]
      'pneumoconiosis-case-types': ['01', '新病例', '05', '死亡病例'], // [54]
      pesticides: ['1', '杀虫剂', '32', '抗凝血杀鼠剂'], // [54]
      'health-indicators': ['1000000', '症状询问', '4996000', '发砷'], // [55] "1000000 症状询问" … [83] "4996000 发砷"
      'hazard-factors': ['1', '粉尘', '9003', '金属烟'], // [83] "1 粉尘" … [95] "9003 金属烟"
      'work-types': ['00-10', '煤矿混合工', '99-9999', '其他'], // [95] "00-10 煤矿混合工" … [189] "99-9999 其他"
      sexes: ['0', '未知的性别', '9', '未说明的性别'], // [190]
      'id-document-types': ['01', '居民身份证', '88', '暂未获取'], // [190]
      diseases: [
        '0',
        '无职业病',
        '10003',
        '股静脉血栓综合征、股动脉闭塞症或淋巴管闭塞症（限于刮研作业人员）',
      ], // [190] … [194]
      'death-causes': ['A08.4', '（胃）肠炎 NOS', 'X69', '硫酸自杀（强酸、碱自杀）'], // [194] … [202]
      'monitoring-types': ['01', '常规监测', '03', '其他监测'], // [9] "01 常规监测、02 主动监测、03 其他监测"
      'exam-result-types': ['01', '数值型', '03', '枚举型'], // [11] "01 数值型 、02 字符 型、 03 枚举型"
      'abnormal-flags': ['0', '正常', '3', '未检查'], // [11] "0 正常、1 异常、3 未检查"
    };
    for (const t of exchangeTables) {
      const [fc, fn, lc, ln] = firstLast[t.id];
      expect([t.rows[0]?.code, t.rows[0]?.name], t.id).toEqual([fc, fn]);
      expect([t.rows.at(-1)?.code, t.rows.at(-1)?.name], t.id).toEqual([lc, ln]);
    }
  });

  it('does find each unwrapped row as a line on its page of the text layer', () => {
    // An independent re-reading of the source: "code name" (plus the 备注 of the disease table) must be a line
    // of the page the row cites. Rows the generator joined from wrapped lines are counted instead.
    let checked = 0;
    let joined = 0;
    for (const t of exchangeTables) {
      if (['monitoring-types', 'exam-result-types', 'abnormal-flags'].includes(t.id)) continue;
      for (const r of t.rows) {
        if (r.note?.startsWith('text layer wraps')) {
          joined++;
          continue;
        }
        const line =
          t.id === 'diseases' ? `${r.code} ${r.name} 参照《职业病分类目录》` : `${r.code} ${r.name}`;
        expect(pages[r.page - 1]?.has(line), `${t.id} p. ${r.page}: ${line}`).toBe(true);
        checked++;
      }
    }
    // One wrapped indicator (3082200, p. 64) and nine wrapped diseases (1113 … 10003).
    expect(joined).toBe(10);
    const total = Object.values(expectedRows).reduce((a, b) => a + b, 0);
    expect(checked).toBe(total - 9 - 10); // less the nine chapter-1 values and the ten joined rows
  });

  it('does read the chapter-1 value sets from their field rows when loaded', () => {
    // p. 9: "30 |--|--|--|--JC_TYPE 1..1 监测类型代码 N2 是 01 常规监测、/02 主动监测、/03 其他监测"
    expect(getExchangeTable('monitoring-types').rows.map((r) => `${r.code}${r.name}`)).toEqual([
      '01常规监测',
      '02主动监测',
      '03其他监测',
    ]);
    expect(getExchangeTable('exam-result-types').rows.map((r) => `${r.code}${r.name}`)).toEqual([
      '01数值型',
      '02字符型',
      '03枚举型',
    ]);
    // p. 11: "0 正常、1 异常、3 未检查；当检查项目是胸片时，参见…胸片检查结果代码表" — there is no 2.
    expect(getExchangeTable('abnormal-flags').rows.map((r) => r.code)).toEqual(['0', '1', '3']);
  });

  it('does hold the spot-checked codes of the small tables as printed', () => {
    // p. 53: "04 应急", "05 离岗后" — the opposite order to the older 个案卡 table C_ZYB_1.3.
    expect(code('exam-types', '04')).toBe('应急');
    expect(code('exam-types', '05')).toBe('离岗后');
    expect(code('audit-statuses', '07')).toBe('省级审核通过'); // p. 52
    expect(code('enterprise-sizes', '04')).toBe('微型'); // p. 53
    expect(code('chest-film-results', '1')).toBe('尘肺样改变'); // p. 51
    // p. 190: CV02.01.101 as printed has 88 暂未获取 and no 99.
    expect(getExchangeTable('id-document-types').rows.map((r) => r.code)).toEqual([
      '01',
      '02',
      '03',
      '04',
      '05',
      '06',
      '07',
      '88',
    ]);
    expect(code('pesticides', '24')).toBeUndefined(); // p. 54: 23 除草剂 is followed by 25 其他
    expect(code('pesticides', '4')).toBe('对硫磷(1605),含甲基对硫磷');
  });

  it('does give every small enumeration an English label for each code and no other', () => {
    for (const [id, labels] of Object.entries(exchangeLabelsEn)) {
      const t = getExchangeTable(id as ExchangeSmallTableId);
      expect(Object.keys(labels).sort(), id).toEqual(t.rows.map((r) => r.code).sort());
      for (const r of t.rows)
        expect((r as { nameEn?: string }).nameEn, `${id} ${r.code}`).toBe(labels[r.code]);
    }
    // Pesticides carry no English label (names of products, not translated here).
    expect(getExchangeTable('pesticides').rows.some((r) => 'nameEn' in r)).toBe(false);
  });
});

describe('exchange specification code tables — text-layer issues', () => {
  it('does keep the oddities of the print as printed and say so on the row', () => {
    // p. 76: the group 生殖系统激素检查 is printed 43700000 (eight digits); its children hang below it.
    const odd = exchangeHealthIndicators.rows.find((r) => r.code === '43700000');
    expect(odd).toMatchObject({ name: '生殖系统激素检查', parentCode: '4000000', level: 2 });
    expect(odd?.note).toMatch(/eight digits/);
    expect(exchangeHealthIndicators.rows.find((r) => r.code === '4370100')?.parentCode).toBe('43700000');
    // p. 199: "k73.9 慢性肝炎" (lower case).
    expect(findExchangeCode('death-causes', 'k73.9')?.name).toBe('慢性肝炎');
    expect(findExchangeCode('death-causes', 'K73.9')).toBeUndefined();
    // p. 200: the repeated header row "ICD-10 死因" is not a row.
    expect(exchangeDeathCauses.rows.some((r) => r.code.startsWith('ICD'))).toBe(false);
  });

  it('does join the wrapped names by the listed overrides only', () => {
    // p. 64: "长骨、大关节 X 线数字化摄影（DR）（双肩、双肘、双膝、双髋" / "3082200 关节）"
    expect(code('health-indicators', '3082200')).toBe(
      '长骨、大关节 X 线数字化摄影（DR）（双肩、双肘、双膝、双髋关节）',
    );
    // pp. 192–193: "5041 苯的氨基及硝基化合物(不包括三硝基甲" / "苯)中毒"
    expect(code('diseases', '5041')).toBe('苯的氨基及硝基化合物(不包括三硝基甲苯)中毒');
    // p. 191: "根据《尘肺病诊断标准》和《尘肺病理" / "1113" / "诊断标准》可以诊断的其他尘肺病"
    expect(code('diseases', '1113')).toBe('根据《尘肺病诊断标准》和《尘肺病理诊断标准》可以诊断的其他尘肺病');
    const overrides = [
      ...exchangeCodesMeta.healthIndicators.overrides.joins,
      ...exchangeCodesMeta.diseases.overrides.joins,
    ];
    expect(overrides.map((o) => o.code)).toEqual([
      '3082200',
      '1113',
      '1204',
      '2009',
      '5041',
      '5060',
      '6006',
      '7011',
      '9010',
      '10003',
    ]);
    for (const o of overrides) {
      const t = o.code.length === 7 ? 'health-indicators' : 'diseases';
      expect(code(t, o.code)).toBe(o.fragments.join(''));
    }
    expect(exchangeCodesMeta.hazardFactors.overrides.joins).toEqual([]);
    expect(exchangeCodesMeta.workTypes.overrides.joins).toEqual([]);
  });

  it('does link every hierarchical row to a printed parent', () => {
    for (const t of [exchangeHealthIndicators, exchangeHazardFactors, exchangeDiseases]) {
      const codes = new Set(t.rows.map((r) => r.code));
      for (const r of t.rows)
        if (r.parentCode !== null) expect(codes.has(r.parentCode), `${t.id} ${r.code}`).toBe(true);
    }
    const levels = [1, 2, 3, 4].map((l) => exchangeHealthIndicators.rows.filter((r) => r.level === l).length);
    expect(levels).toEqual([4, 153, 983, 258]);
    // Five rows whose structural parent is not printed hang below the nearest printed ancestor.
    expect(
      exchangeHealthIndicators.rows.filter((r) => r.note?.includes('is not printed')).map((r) => r.code),
    ).toEqual(['3110100', '4240300', '4200700', '4200800', '4200900']);
    expect(exchangeHazardFactors.rows.filter((r) => r.level === 'category').map((r) => r.code)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '9',
    ]);
    const perCategory = (c: string) => exchangeHazardFactors.rows.filter((r) => r.parentCode === c).length;
    // pp. 83–95: 粉尘 58, 化学 492, 物理 15, 生物 9, 放射 8, 特殊作业 10, 其他 3.
    expect(['1', '2', '3', '4', '5', '6', '9'].map(perCategory)).toEqual([58, 492, 15, 9, 8, 10, 3]);
  });

  it('does hold the work types as a flat list with their printed shapes', () => {
    // p. 95: "00-3 支柱工" (one digit after the dash); p. 184: "41-098 矿车修理工".
    expect(code('work-types', '00-3')).toBe('支柱工');
    expect(code('work-types', '41-098')).toBe('矿车修理工');
    expect(exchangeWorkTypes.rows.every((r) => /^\d{2}-\d{1,4}$/.test(r.code))).toBe(true);
  });
});

describe('exchange specification code tables — mappings', () => {
  const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
  const factors = exchangeHazardFactors.rows.filter((r) => r.level === 'factor');
  const byId2015 = new Map(hazardFactors.map((h) => [h.id, h]));

  it('does map the hazard-factor codes to the 2015 catalogue with these counts', () => {
    const count = (m: ExchangeMapping['match']) => factors.filter((r) => r.mapped?.match === m).length;
    expect({
      exact: count('exact'),
      normalised: count('normalised'),
      manual: count('manual'),
      unmapped: factors.filter((r) => r.mapped === null).length,
    }).toEqual({ exact: 355, normalised: 21, manual: 99, unmapped: 120 });
    const relation = (rel: string) => factors.filter((r) => r.mapped?.relation === rel).length;
    expect([relation('same'), relation('narrower'), relation('broader')]).toEqual([432, 37, 6]);
    // Unmapped: 5 radiation types, 10 special operations, 105 others; each says why.
    for (const r of factors.filter((f) => f.mapped === null)) expect(r.mappingNote, r.code).toBeTruthy();
    expect(factors.filter((r) => r.mapped === null && r.parentCode === '5').map((r) => r.code)).toEqual([
      '5001',
      '5002',
      '5003',
      '5004',
      '5005',
    ]);
    expect(factors.filter((r) => r.mapped === null && r.parentCode === '6')).toHaveLength(10);
  });

  it('does only claim a name match where the names match', () => {
    for (const r of factors) {
      if (!r.mapped) continue;
      const target = byId2015.get(r.mapped.id);
      expect(target?.name, r.code).toBe(r.mapped.name);
      if (r.mapped.match === 'exact') expect(r.name).toBe(target?.name);
      if (r.mapped.match === 'normalised') {
        const basis = (x: string) => norm(x).replace(/\(按[^()]*计\)/g, '');
        expect(basis(r.name), r.code).toBe(basis(target!.name));
        expect(r.mapped.relation).toBe('same');
      }
      if (r.mapped.match === 'manual') expect(r.mappingNote, r.code).toBeTruthy();
    }
  });

  it('does map within corresponding categories (national 4 生物 = 2015 5, national 5 放射 = 2015 4)', () => {
    const category = { '1': 1, '2': 2, '3': 3, '4': 5, '5': 4, '9': 6 } as Record<string, number>;
    for (const r of factors)
      if (r.mapped) expect(byId2015.get(r.mapped.id)?.category, r.code).toBe(category[r.parentCode!]);
    // Spot checks (p. 89 "2237 铅及其无机化合物（按 Pb 计，不包括四乙基铅）"; p. 84 "1038 矽尘"; p. 94 "3008 噪声").
    expect(findExchangeCode('hazard-factors', '2237')).toMatchObject({
      mapped: { id: '2-1', match: 'manual', relation: 'narrower' },
    });
    expect(findExchangeCode('hazard-factors', '1038')).toMatchObject({
      mapped: { id: '1-1', relation: 'same' },
    });
    expect(findExchangeCode('hazard-factors', '3008')).toMatchObject({
      mapped: { match: 'exact', name: '噪声' },
    });
    expect(exchangeHazardCodesFor('2-22').map((r) => r.code)).toEqual(['2181', '2531', '2532']);
  });

  it('does map every national disease code to the 2013 catalogue, and to 2024 where it lists the disease', () => {
    const leaves = exchangeDiseases.rows.filter((r) => r.level === 'disease');
    const tally = (key: 'mapped2013' | 'mapped2024') => ({
      exact: leaves.filter((r) => r[key]?.match === 'exact').length,
      normalised: leaves.filter((r) => r[key]?.match === 'normalised').length,
      manual: leaves.filter((r) => r[key]?.match === 'manual').length,
      unmapped: leaves.filter((r) => r[key] === null).length,
    });
    expect(tally('mapped2013')).toEqual({ exact: 127, normalised: 4, manual: 1, unmapped: 0 });
    expect(tally('mapped2024')).toEqual({ exact: 127, normalised: 4, manual: 1, unmapped: 0 });
    // Every 2013 entry is reached exactly once (132 ↔ 132).
    expect(new Set(leaves.map((r) => r.mapped2013?.id)).size).toBe(132);
    expect(diseasesByEdition['2013']).toHaveLength(132);
    for (const edition of ['2013', '2024'] as const) {
      const byId = new Map(diseasesByEdition[edition].map((d) => [d.id, d]));
      for (const r of leaves) {
        const m = edition === '2013' ? r.mapped2013 : r.mapped2024;
        expect(byId.get(m!.id)?.name, `${edition} ${r.code}`).toBe(m!.name);
      }
    }
    // The code's digits give the 2013 position: 5028 苯中毒 = 五 28; 1101 矽肺 = 一 尘肺病 1.
    expect(findExchangeCode('diseases', '5028')).toMatchObject({
      name: '苯中毒',
      mapped2013: { id: '2013/5/28' },
    });
    expect(exchangeDiseaseCodeFor('2013/1/1/1')?.code).toBe('1101');
    // 10003 moved to category 十二 in 2024.
    expect(findExchangeCode('diseases', '10003')).toMatchObject({ mapped2024: { id: '2024/12/2' } });
    // The one conflict (p. 191 "3003 白内障（不含放射性白内障）" vs 2013 "白内障（含放射性白内障、三硝基甲苯白内障）").
    expect(findExchangeCode('diseases', '3003')).toMatchObject({
      mapped2013: { id: '2013/3/3', match: 'manual', relation: 'narrower' },
      mapped2024: { id: '2024/3/3', match: 'manual', relation: 'same' },
    });
    // 2024 entries no national code reaches: 放射性白内障, 腕管综合征, 创伤后应激障碍 (and 2024/3/3 by hand only).
    const reached = new Set(leaves.map((r) => r.mapped2024?.id));
    expect(diseasesByEdition['2024'].filter((d) => !reached.has(d.id)).map((d) => d.id)).toEqual([
      '2024/7/11',
      '2024/10/1',
      '2024/11/1',
    ]);
  });
});

describe('exchange specification code tables — files and catalogues', () => {
  const files = [
    'cdc2021-code-tables.json',
    'cdc2021-health-indicators.json',
    'cdc2021-hazard-factors.json',
    'cdc2021-work-types.json',
    'cdc2021-diseases.json',
    'cdc2021-death-causes.json',
  ];

  it('does record the checksum of the text layer and of the mapping inputs when generated', () => {
    // The copy in datasets/source is the research copy byte for byte (sha256 of spec-text-pdftotext-layout.txt).
    expect(sha256(SOURCE)).toBe('23d285a6759ce39dfe4df4403dda0560353f50a8dc8c487111fd13d1a9c83d21');
    for (const f of files) {
      const meta = (
        JSON.parse(readFileSync(join(dataDir, f), 'utf8')) as { meta: { source: { sha256: string } } }
      ).meta;
      expect(meta.source.sha256, f).toBe(sha256(SOURCE));
    }
    // Regenerate after a change to the 2015 / 2013 / 2024 catalogues (the mappings are computed from them).
    expect(exchangeCodesMeta.hazardFactors.mappingInput.sha256).toBe(sha256('hazard-factors-2015.json'));
    expect(exchangeCodesMeta.diseases.mappingInput['2013'].sha256).toBe(sha256('diseases-2013.json'));
    expect(exchangeCodesMeta.diseases.mappingInput['2024'].sha256).toBe(sha256('diseases-2024.json'));
  });

  it('does list every table as a catalogue with its source and a partial verification', () => {
    const listed = catalogues.filter((c) => c.id.startsWith('cdc2021-'));
    expect(listed.map((c) => c.id)).toEqual(exchangeTables.map((t) => `cdc2021-${t.id}`));
    expect(listed).toHaveLength(21);
    for (const c of listed) {
      expect(c.verified, c.id).toBe('partial');
      expect(c.effectiveFrom, c.id).toBeNull();
      expect(c.source, c.id).toMatch(/数据交换文档规范》试行版 1\.0 \(2021-05\).*pp\. \d+–\d+; code system /);
      expect(c.notes, c.id).toMatch(/confidence V3/);
      expect(catalogueDisplay[c.id].provenanceZh, c.id).toMatch(/尚未与中国疾病预防控制中心发布的文本核对/);
    }
    expect(listed.find((c) => c.id === 'cdc2021-hazard-factors')?.notes).toMatch(
      /376 by name, 99 read by hand .*120 without a counterpart/,
    );
  });
});
