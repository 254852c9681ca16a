/**
 * The labelled name pairs the matcher is measured on (fixtures/name-pairs.json is this generator's
 * output; employer-census.matcher.test.ts checks they agree). SYNTHETIC: no real list was available.
 * Names are built the way the demo province builds its employers (county short name + a trade word +
 * a GB/T 4754-2017 industry name + a legal form, sometimes a serial number), then varied the way lists
 * from other departments differ in practice (seed 002: 市场监管, 应急管理, 人社, 税务, 园区, 乡镇 lists):
 *
 *  positives (same company): half/full-width brackets, digits and spaces; another legal form
 *  (有限公司 ↔ 有限责任公司, 厂 → 有限公司); a leading province / city / county; a bracketed place;
 *  a one-character typo (a homophone or look-alike); an abbreviation (a word of the industry dropped);
 *  two variations combined;
 *  negatives (different companies of the same county): another serial number; another trade word with
 *  the same industry; a trade word one character off; a branch of the company; the same trade word in
 *  another industry; an unrelated company.
 *
 * Deterministic (a fixed-seed generator), so the fixture and the figures in docs/PERFORMANCE.md can be
 * rebuilt: `npx tsx apps/server/src/modules/employer-census/employer-census.pairs.ts > …/name-pairs.json`.
 */
import { childrenOf, industries } from '@ohp/reference';

export type NamePair = {
  id: number;
  regionCode: string;
  a: string;
  b: string;
  same: boolean;
  variation: string;
};

const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const WORDS = [
  '宏远',
  '吉盛',
  '长白',
  '松江',
  '北方',
  '华丰',
  '鑫源',
  '东升',
  '恒达',
  '瑞丰',
  '金鼎',
  '天泰',
  '永兴',
  '富民',
  '安泰',
  '旭日',
  '广通',
  '汇丰',
  '兴隆',
  '昌盛',
];
/** One-character-off neighbours of trade words (different companies that look alike). */
const NEAR: Record<string, string> = {
  宏远: '宏达',
  吉盛: '吉昌',
  长白: '长青',
  松江: '松原',
  北方: '北辰',
  华丰: '华泰',
  鑫源: '鑫达',
  东升: '东方',
  恒达: '恒通',
  瑞丰: '瑞祥',
  金鼎: '金源',
  天泰: '天宝',
  永兴: '永盛',
  富民: '富达',
  安泰: '安达',
  旭日: '旭升',
  广通: '广达',
  汇丰: '汇通',
  兴隆: '兴达',
  昌盛: '昌达',
};
/** Homophones and look-alikes a typist swaps (same company, one character wrong). */
const TYPO: Record<string, string> = {
  宏: '洪',
  远: '源',
  盛: '胜',
  丰: '峰',
  源: '元',
  升: '生',
  达: '大',
  鼎: '顶',
  泰: '太',
  兴: '星',
  富: '福',
  安: '按',
  旭: '绪',
  通: '同',
  隆: '龙',
  昌: '常',
  北: '百',
  华: '化',
  江: '疆',
  金: '今',
};
const FORMS = ['有限公司', '股份有限公司', '厂', '有限责任公司'];
const OTHER_FORM: Record<string, string> = {
  有限公司: '有限责任公司',
  有限责任公司: '有限公司',
  股份有限公司: '有限公司',
  厂: '有限公司',
};

const shortOf = (n: string) => n.replace(/(市|县|区|自治县)$/, '');
const toFullWidth = (s: string) =>
  s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

export const generateNamePairs = (): NamePair[] => {
  const random = rng(17_2026);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const cities = childrenOf('22');
  const counties = cities.flatMap((c) => childrenOf(c.code)).filter((c) => !c.statisticalOnly);
  const inds = industries.filter((x) => x.level === 4 && ['B', 'C', 'D'].includes(x.section));
  const pairs: NamePair[] = [];
  const add = (regionCode: string, a: string, b: string, same: boolean, variation: string) =>
    pairs.push({ id: pairs.length + 1, regionCode, a, b, same, variation });

  type Parts = {
    county: (typeof counties)[number];
    word: string;
    ind: string;
    form: string;
    serial: number | null;
  };
  const nameOf = (p: Parts, o: Partial<Parts> & { bracket?: 'full' | 'half' } = {}) => {
    const q = { ...p, ...o };
    const serial = q.serial === null ? '' : o.bracket === 'half' ? `(${q.serial})` : `（${q.serial}）`;
    return `${shortOf(q.county.name)}${q.word}${q.ind}${q.form}${serial}`;
  };
  const parts = (): Parts => ({
    county: pick(counties),
    word: pick(WORDS),
    ind: pick(inds)
      .name.replace(/[，、（）()]/g, '')
      .slice(0, 8),
    form: pick(FORMS),
    serial: random() < 0.4 ? 1 + Math.floor(random() * 300) : null,
  });
  const cityOf = (p: Parts) => cities.find((c) => c.code === p.county.parentCode)!;

  const positives: Array<[string, (p: Parts) => string]> = [
    [
      'width_brackets_spaces',
      (p) => toFullWidth(nameOf(p, { bracket: 'half' })).replace(p.word, `${p.word} `),
    ],
    ['legal_form', (p) => nameOf(p, { form: OTHER_FORM[p.form]! })],
    [
      'leading_region',
      (p) => `吉林省${cityOf(p).name}${p.county.name}${nameOf(p).slice(shortOf(p.county.name).length)}`,
    ],
    ['county_dropped', (p) => nameOf(p).slice(shortOf(p.county.name).length)],
    ['bracket_place', (p) => `${nameOf(p)}（${pick([cityOf(p).name, '吉林', shortOf(cityOf(p).name)])}）`],
    [
      'typo',
      (p) => {
        const i = [...p.word].findIndex((c) => TYPO[c]);
        const w = i < 0 ? p.word : [...p.word].map((c, j) => (j === i ? TYPO[c]! : c)).join('');
        return nameOf(p, { word: w });
      },
    ],
    [
      'abbreviation',
      (p) => nameOf(p, { ind: p.ind.length > 4 ? p.ind.slice(0, p.ind.length - 2) : p.ind.slice(0, 2) }),
    ],
    ['region_and_form', (p) => `${cityOf(p).name}${nameOf(p, { form: OTHER_FORM[p.form]! })}`],
  ];
  const negatives: Array<[string, (p: Parts) => string | null]> = [
    ['other_serial', (p) => nameOf(p, { serial: (p.serial ?? 7) + 1 + Math.floor(random() * 20) })],
    ['other_word_same_industry', (p) => nameOf(p, { word: pick(WORDS.filter((w) => w !== p.word)) })],
    ['near_word', (p) => nameOf(p, { word: NEAR[p.word]! })],
    ['branch', (p) => `${nameOf(p)}${pick(['长春', '吉林', '四平', '延边', '第一'])}分公司`],
    [
      'same_word_other_industry',
      (p) =>
        nameOf(p, {
          ind: pick(inds)
            .name.replace(/[，、（）()]/g, '')
            .slice(0, 8),
        }),
    ],
    ['unrelated', () => nameOf(parts())],
  ];
  for (let i = 0; i < 320; i++) {
    const p = parts();
    const [variation, vary] = positives[i % positives.length]!;
    add(p.county.code, nameOf(p), vary(p), true, variation);
  }
  for (let i = 0; i < 300; i++) {
    const p = parts();
    const [variation, vary] = negatives[i % negatives.length]!;
    const b = vary(p);
    if (b === null || b === nameOf(p)) continue;
    add(p.county.code, nameOf(p), b, false, variation);
  }
  return pairs;
};

if (process.argv[1]?.endsWith('employer-census.pairs.ts'))
  process.stdout.write(
    `${JSON.stringify(
      {
        provenance:
          'SYNTHETIC. Generated deterministically by apps/server/src/modules/employer-census/employer-census.pairs.ts (fixed seed): demo-style names of 吉林省 counties with realistic list variations as positives and near-miss different companies of the same county as negatives. Not drawn from real lists.',
        pairs: generateNamePairs(),
      },
      null,
      1,
    )}\n`,
  );
