/**
 * 规划目标 (coverage targets, issue 16 item 9; R40, R46). Seed 004 二 (Jilin 吉卫规〔2024〕2号, citing
 * 《国家职业病防治规划（2021-2025年）》 and 《吉林省职业病防治规划（2021-2025年）》): by the end of 2024
 * “市（州）至少确定1家公立医疗卫生机构承担职业病诊断工作；县区至少确定1家公立医疗卫生机构承担职业健康检查
 * 工作” (and “市（州）设立职业病院或防治院（所）”); R40 adds that the county's exam institution is able to
 * screen pneumoconiosis. Computed live per request from organisations (`is_public`, kind, region) and
 * filings (the live filed filing and its filed, not blocked, hazard codes), within the user's region.
 */
import { Type, type Static } from 'typebox';

export const coverageTargetKinds = ['city_diagnosis', 'county_exam'] as const;
export type CoverageTargetKind = (typeof coverageTargetKinds)[number];

/** Why an exam or diagnosis institution of the region does not count. */
export const coverageExclusionReasons = [
  'not_public',
  'not_filed',
  'filing_cancelled',
  'filing_pending',
  'no_dust_capability',
  'filed_other_kind',
] as const;
export type CoverageExclusionReason = (typeof coverageExclusionReasons)[number];

export const CoverageInstitution = Type.Object({
  institutionId: Type.Integer(),
  name: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  isPublic: Type.Boolean(),
  filingId: Type.Union([Type.Integer(), Type.Null()]),
  filingNo: Type.Union([Type.String(), Type.Null()]),
  filingStatus: Type.Union([Type.String(), Type.Null()]),
  filedOn: Type.Union([Type.String(), Type.Null()]),
  /** Filed (not blocked) dust-category hazard codes (county target only). */
  dustCodes: Type.Array(Type.String()),
  counts: Type.Boolean(),
  reasons: Type.Array(
    Type.Unsafe<CoverageExclusionReason>(Type.Union(coverageExclusionReasons.map((r) => Type.Literal(r)))),
  ),
});
export type CoverageInstitution = Static<typeof CoverageInstitution>;

export const CoverageRegion = Type.Object({
  regionCode: Type.String(),
  regionName: Type.String(),
  /** The city a county belongs to (county rows). */
  parentCode: Type.Union([Type.String(), Type.Null()]),
  parentName: Type.Union([Type.String(), Type.Null()]),
  met: Type.Boolean(),
  /** Institutions that count, then the others of the kind in the region with why they do not. */
  counting: Type.Array(CoverageInstitution),
  notCounting: Type.Array(CoverageInstitution),
});
export type CoverageRegion = Static<typeof CoverageRegion>;

export const CoverageRule = Type.Object({
  kind: Type.Unsafe<CoverageTargetKind>(Type.Union(coverageTargetKinds.map((k) => Type.Literal(k)))),
  zh: Type.String(),
  en: Type.String(),
  source: Type.String(),
  uncertain: Type.Array(Type.Object({ zh: Type.String(), en: Type.String() })),
});
export type CoverageRule = Static<typeof CoverageRule>;

export const CoverageQuery = Type.Object(
  {
    region: Type.Optional(
      Type.String({ pattern: '^(\\d{2}|\\d{4}|\\d{6})$', description: '地区代码（缺省为本辖区）' }),
    ),
  },
  { additionalProperties: false },
);
export type CoverageQuery = Static<typeof CoverageQuery>;

export const CoverageReport = Type.Object({
  regionCode: Type.String(),
  regionName: Type.String(),
  computedAt: Type.String(),
  cities: Type.Array(CoverageRegion),
  counties: Type.Array(CoverageRegion),
  summary: Type.Object({
    cities: Type.Integer(),
    citiesMet: Type.Integer(),
    counties: Type.Integer(),
    countiesMet: Type.Integer(),
  }),
  rules: Type.Array(CoverageRule),
  /** Targets the data cannot show (R46: 市（州）设立职业病院或防治院（所）). */
  caveats: Type.Array(Type.Object({ zh: Type.String(), en: Type.String() })),
});
export type CoverageReport = Static<typeof CoverageReport>;

const SEED_004 =
  '吉卫规〔2024〕2号 二（依照《国家职业病防治规划（2021-2025年）》《吉林省职业病防治规划（2021-2025年）》，2024年底完成）';

/** The two rules as the page states them, with what is uncertain. */
export const coverageRules: CoverageRule[] = [
  {
    kind: 'city_diagnosis',
    zh: '每个市（州）至少有 1 家公立医疗卫生机构承担职业病诊断：辖区内（含所属县区）公立（is_public）、备案类型为职业病诊断且备案状态为“已备案”的机构。',
    en: 'Each city has at least one public institution doing occupational-disease diagnosis: a public organisation in the city (its counties included) whose live filing is a diagnosis filing in state filed.',
    source: SEED_004,
    uncertain: [
      {
        zh: '“确定”在资料中指卫生健康行政部门指定；平台以“已在平台备案”代替指定，指定文件未入库。',
        en: 'The source says the department designates (确定) one; the platform counts a filed filing instead — designations are not recorded.',
      },
    ],
  },
  {
    kind: 'county_exam',
    zh: '每个县（市、区）至少有 1 家能开展尘肺病筛查的公立职业健康检查机构：位于该县区、公立、备案类型为职业健康检查且“已备案”，且备案的危害因素中至少有 1 项粉尘类（国家代码第 1 类 粉尘，1001–1099）未被现场核查限制。',
    en: 'Each county has at least one public exam institution able to screen pneumoconiosis: located in the county, public, with a live exam filing in state filed whose filed hazard factors include at least one dust-category code (national code category 1, 1001–1099) not blocked by on-site verification.',
    source: SEED_004,
    uncertain: [
      {
        zh: '“能开展尘肺病筛查”的认定口径未见于资料：平台以备案了任一粉尘类危害因素为准（包括棉尘、有机粉尘等不以尘肺病为目标疾病的粉尘），待核实；更严格的口径可改为仅计矽尘、煤尘、石棉等致尘肺病粉尘。',
        en: 'What counts as “able to screen pneumoconiosis” is not in the sources: the platform takes any filed dust-category factor (including dusts whose target disease is not pneumoconiosis, such as cotton or organic dust), to be confirmed; a stricter rule would count only pneumoconiosis-causing dusts.',
      },
      {
        zh: '位于市本级（区划代码为市级）的机构不计入任何县区。',
        en: 'An institution registered at city level (a 4-digit region code) counts for no county.',
      },
    ],
  },
];

export const coverageCaveats = [
  {
    zh: '“市（州）设立职业病院或防治院（所）”（R46）无法计算：平台的机构类型中没有职业病医院 / 职业病防治院（所）这一类别，本页不判断该目标。',
    en: '“Each city sets up an occupational-disease hospital or institute” (R46) cannot be computed: the platform has no organisation kind for such hospitals, so this page does not judge that target.',
  },
];
