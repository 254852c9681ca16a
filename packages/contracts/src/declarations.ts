/**
 * 职业病危害项目申报 (hazard-project declarations, issue 17 item 2). Legal basis: 《职业病危害项目申报办法》
 * (国家安监总局令第48号, 2012-06-01, still in force; receiving body now the health department). The form follows
 * the 2012 申报表 (国家安全监管总局 notice of 2012-05-31, attachment 1) and the current online form as a
 * technical-service vendor's 2023 template mirrors it (基本信息, 主要产品, 危害因素种类 with the key sub-factors,
 * 检测情况), plus the 培训 and 体检 sections the Tianjin 静海 FAQ (2022-06-30) names. Hazard factors carry the
 * national codes of the CDC exchange spec 2021 (附录1 表14, code system cdc2021.hazard; packages/reference
 * `cdc2021-hazard-factors`), whose first digit is the category (1 粉尘, 2 化学, 3 物理, 4 生物, 5 放射, 6/9 其他).
 *
 * Totals are computed from the rows (`computeDeclaration`, used by the server on every save and submit and by
 * the web form for the live totals) and cross-checked; nothing typed by the client as a total is trusted.
 */
import { Type, type Static } from 'typebox';
import { ListTotalQuery, Paging, RegionCode } from './schemas.js';

export const declarationTypes = ['initial', 'change', 'annual', 'cancel'] as const;
export type DeclarationType = (typeof declarationTypes)[number];
export const declarationStatuses = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type DeclarationStatus = (typeof declarationStatuses)[number];

export const declarationTypeLabels: Record<DeclarationType, { zh: string; en: string }> = {
  initial: { zh: '初次申报', en: 'Initial declaration' },
  change: { zh: '变更申报', en: 'Change declaration' },
  annual: { zh: '年度更新', en: 'Annual update' },
  cancel: { zh: '注销申报', en: 'Cancellation' },
};
export const declarationStatusLabels: Record<DeclarationStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '待受理', en: 'Awaiting acceptance' },
  returned: { zh: '已退回', en: 'Returned' },
  accepted: { zh: '已受理', en: 'Accepted' },
};

/** The hazard categories of the form (2012 申报表 + the online form's 生物), with their national code prefixes. */
export const declarationCategories = [
  'dust',
  'chemical',
  'physical',
  'radiation',
  'biological',
  'other',
] as const;
export type DeclarationCategory = (typeof declarationCategories)[number];
export const declarationCategoryPrefixes: Record<DeclarationCategory, readonly string[]> = {
  dust: ['1'],
  chemical: ['2'],
  physical: ['3'],
  biological: ['4'],
  radiation: ['5'],
  other: ['6', '9'],
};
export const declarationCategoryLabels: Record<DeclarationCategory, { zh: string; en: string }> = {
  dust: { zh: '粉尘', en: 'Dust' },
  chemical: { zh: '化学物质', en: 'Chemical agents' },
  physical: { zh: '物理因素', en: 'Physical agents' },
  radiation: { zh: '放射性物质', en: 'Radioactive agents' },
  biological: { zh: '生物因素', en: 'Biological agents' },
  other: { zh: '其他', en: 'Other' },
};

/**
 * The key sub-factors of the online form (矽尘/煤尘/石棉, 铅/苯, 噪声) with their cdc2021.hazard codes
 * (附录1 表14: 1038 矽尘; 1021 煤尘（游离 SiO2 含量＜10%）; 1032 石棉（石棉含量＞10%）粉尘纤维;
 * 2237 铅及其无机化合物; 2013 苯; 3008 噪声).
 */
export const declarationKeyFactors = [
  { code: '1038', category: 'dust', zh: '矽尘', en: 'Silica dust' },
  { code: '1021', category: 'dust', zh: '煤尘', en: 'Coal dust' },
  { code: '1032', category: 'dust', zh: '石棉', en: 'Asbestos' },
  { code: '2237', category: 'chemical', zh: '铅', en: 'Lead' },
  { code: '2013', category: 'chemical', zh: '苯', en: 'Benzene' },
  { code: '3008', category: 'physical', zh: '噪声', en: 'Noise' },
] as const satisfies ReadonlyArray<{ code: string; category: DeclarationCategory; zh: string; en: string }>;

export const categoryOfHazardCode = (code: string | undefined | null): DeclarationCategory | null => {
  if (typeof code !== 'string' || !code) return null;
  for (const c of declarationCategories)
    if (declarationCategoryPrefixes[c].some((p) => code.startsWith(p))) return c;
  return null;
};

const TypeLiteral = Type.Union([
  Type.Literal('initial'),
  Type.Literal('change'),
  Type.Literal('annual'),
  Type.Literal('cancel'),
]);
const StatusLiteral = Type.Union([
  Type.Literal('draft'),
  Type.Literal('submitted'),
  Type.Literal('returned'),
  Type.Literal('accepted'),
]);

const Count = (description: string) => Type.Integer({ minimum: 0, maximum: 10_000_000, description });
const OptCount = (description: string) => Type.Optional(Count(description));
const Str = (maxLength: number, description: string) =>
  Type.Optional(Type.String({ maxLength, description }));
const HazardCode = Type.String({ pattern: '^[0-9]{1,6}$', description: 'cdc2021.hazard code (附录1 表14)' });

export const DeclarationBasic = Type.Object(
  {
    name: Str(200, '单位名称'),
    creditCode: Str(18, '统一社会信用代码'),
    registeredAddress: Str(300, '注册地址'),
    workplaceAddress: Str(300, '作业场所地址'),
    industryCode: Str(8, '行业分类 (GB/T 4754-2017 code)'),
    economicTypeCode: Str(3, '经济类型 (登记注册类型 code)'),
    /** 企业规模: computed by the server from staff and revenue (the standards engine's rule); ignored if sent. */
    enterpriseSize: Str(20, '企业规模 (computed; 大/中/小/微型)'),
    revenueWanYuan: Type.Optional(
      Type.Number({ minimum: 0, maximum: 1e9, description: '营业收入 (万元), for the size' }),
    ),
    legalRepresentative: Str(50, '法定代表人 (or 单位负责人)'),
    legalRepresentativePhone: Str(30, '法定代表人联系电话'),
    ohBody: Type.Optional(Type.Boolean({ description: '职业卫生管理机构 有/无' })),
    ohManagersFullTime: OptCount('职业卫生管理人员 专职'),
    ohManagersPartTime: OptCount('职业卫生管理人员 兼职'),
    employees: OptCount('在册职工总数 (劳动者总人数)'),
    occupationalDiseaseCumulative: OptCount('职业病累计人数'),
  },
  { additionalProperties: false },
);

export const DeclarationProduct = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, description: '产品名称' }),
    annualOutput: Type.Number({ minimum: 0, maximum: 1e12, description: '年产量' }),
    unit: Type.String({ minLength: 1, maxLength: 20, description: '单位 (吨, 件 …)' }),
  },
  { additionalProperties: false },
);

/** 危害因素种类: per category the exposed workers (不重复, typed as on the 2012 form; checked against the rows). */
export const DeclarationCategoryCount = Type.Object(
  { exposed: Count('接触人数 (不重复) in this category') },
  { additionalProperties: false },
);

export const DeclarationWorkplace = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, description: '作业场所名称 (车间/岗位)' }),
    /** 接触人数(不重复) of the workplace: one worker exposed to several factors counts once. */
    distinctExposed: Count('接触人数(不重复)'),
    factors: Type.Array(
      Type.Object(
        { code: HazardCode, exposed: Count('接触人数 for this factor') },
        { additionalProperties: false },
      ),
      { maxItems: 60 },
    ),
  },
  { additionalProperties: false },
);

const Points = Type.Object(
  { points: Count('检测点数'), exceeding: Count('超标点数') },
  { additionalProperties: false },
);

export const DeclarationDetection = Type.Object(
  {
    done: Type.Optional(Type.Boolean({ description: '本年度是否检测' })),
    institution: Str(200, '检测机构名称'),
    reportNos: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 20 })),
    categories: Type.Optional(
      Type.Partial(
        Type.Object({
          dust: Points,
          chemical: Points,
          physical: Points,
          radiation: Points,
          biological: Points,
          other: Points,
        }),
        { additionalProperties: false },
      ),
    ),
    keyFactors: Type.Optional(
      Type.Array(
        Type.Object(
          { code: HazardCode, points: Count('检测点数'), exceeding: Count('超标点数') },
          { additionalProperties: false },
        ),
        { maxItems: 6 },
      ),
    ),
  },
  { additionalProperties: false },
);

export const DeclarationTraining = Type.Object(
  {
    principalTrained: Type.Optional(Type.Boolean({ description: '主要负责人是否培训' })),
    managersTrained: OptCount('职业卫生管理人员培训人数'),
    workersTrained: OptCount('接害劳动者培训人数'),
  },
  { additionalProperties: false },
);

const DueDone = Type.Object(
  { due: Count('应检人数'), done: Count('实检人数') },
  { additionalProperties: false },
);
export const DeclarationSurveillance = Type.Object(
  {
    preEmployment: Type.Optional(DueDone),
    onDuty: Type.Optional(DueDone),
    leaving: Type.Optional(DueDone),
  },
  { additionalProperties: false },
);

export const DeclarationForm = Type.Object(
  {
    basic: Type.Optional(DeclarationBasic),
    products: Type.Optional(Type.Array(DeclarationProduct, { maxItems: 50 })),
    hazards: Type.Optional(
      Type.Partial(
        Type.Object({
          dust: DeclarationCategoryCount,
          chemical: DeclarationCategoryCount,
          physical: DeclarationCategoryCount,
          radiation: DeclarationCategoryCount,
          biological: DeclarationCategoryCount,
          other: DeclarationCategoryCount,
        }),
        { additionalProperties: false },
      ),
    ),
    workplaces: Type.Optional(Type.Array(DeclarationWorkplace, { maxItems: 200 })),
    detection: Type.Optional(DeclarationDetection),
    training: Type.Optional(DeclarationTraining),
    surveillance: Type.Optional(DeclarationSurveillance),
    /** Legacy declarations (import): the key sub-factor counts as the old system kept them (no workplace rows). */
    legacy: Type.Optional(
      Type.Object(
        {
          keyFactors: Type.Record(Type.String(), Type.Integer({ minimum: 0 })),
          note: Type.Optional(Type.String({ maxLength: 500 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type DeclarationForm = Static<typeof DeclarationForm>;

export const DeclarationTotals = Type.Object({
  employees: Type.Union([Type.Integer(), Type.Null()]),
  /** 接害总人数 (不重复, 含外委): Σ of the workplaces' distinct counts. */
  exposedDistinct: Type.Integer(),
  /** 接害人次 (可重复): Σ of every workplace × factor count. */
  exposedRepeated: Type.Integer(),
  /** Per category: present (a row with the category), the exposed (typed, checked), repeated (Σ rows). */
  categories: Type.Record(
    Type.String(),
    Type.Object({ present: Type.Boolean(), exposed: Type.Integer(), repeated: Type.Integer() }),
  ),
  /** The key sub-factors (矽尘 …): Σ over the workplaces of the factor's count. */
  keyFactors: Type.Record(Type.String(), Type.Integer()),
  detectionPoints: Type.Integer(),
  detectionExceeding: Type.Integer(),
});
export type DeclarationTotals = Static<typeof DeclarationTotals>;

export type DeclarationIssue = { path: string; reason: string };

const n0 = (v: number | undefined | null) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/**
 * The totals of a legacy declaration (imported from an earlier system: `form.legacy`), which has no
 * workplace rows to sum: the figures the old system kept — staff and distinct exposed workers as stored
 * with the declaration, each category's exposed count as typed (its 人次 unknown, so its count again),
 * the key sub-factors as imported. No cross-check: the import checked what the old system held.
 */
export const legacyTotals = (
  form: DeclarationForm,
  stored: { employees: number | null; exposedDistinct: number | null; exposedRepeated: number | null },
): DeclarationTotals => {
  const categories: DeclarationTotals['categories'] = {};
  for (const c of declarationCategories) {
    const exposed = n0(form.hazards?.[c]?.exposed);
    categories[c] = { present: exposed > 0, exposed, repeated: exposed };
  }
  return {
    employees: stored.employees,
    exposedDistinct: n0(stored.exposedDistinct),
    exposedRepeated: n0(stored.exposedRepeated),
    categories,
    keyFactors: { ...(form.legacy?.keyFactors ?? {}) },
    detectionPoints: 0,
    detectionExceeding: 0,
  };
};

/**
 * The totals of a form, computed from its rows, and the cross-checks (each failing one a field-level
 * reason; messages in declarations.messages.ts). Pure: the server and the web form run the same code.
 */
export const computeDeclaration = (
  form: DeclarationForm,
): { totals: DeclarationTotals; issues: DeclarationIssue[] } => {
  const issues: DeclarationIssue[] = [];
  const workplaces = form.workplaces ?? [];
  const categories: DeclarationTotals['categories'] = {};
  const perCategoryMaxFactor: Record<string, number> = {};
  for (const c of declarationCategories) {
    categories[c] = { present: false, exposed: n0(form.hazards?.[c]?.exposed), repeated: 0 };
    perCategoryMaxFactor[c] = 0;
  }
  const factorTotals = new Map<string, number>();
  let exposedDistinct = 0;
  let exposedRepeated = 0;
  // The web form runs this on partial rows (a row just added has no code yet): missing parts count as empty.
  workplaces.forEach((w, i) => {
    const factors = Array.isArray(w.factors) ? w.factors : [];
    exposedDistinct += n0(w.distinctExposed);
    let sum = 0;
    let max = 0;
    const seen = new Set<string>();
    factors.forEach((f, j) => {
      const cat = categoryOfHazardCode(f.code);
      if (!cat)
        issues.push({ path: `workplaces.${i}.factors.${j}.code`, reason: 'declaration_hazard_code_unknown' });
      if (seen.has(f.code))
        issues.push({ path: `workplaces.${i}.factors.${j}.code`, reason: 'declaration_factor_duplicate' });
      seen.add(f.code);
      sum += n0(f.exposed);
      max = Math.max(max, n0(f.exposed));
      factorTotals.set(f.code, (factorTotals.get(f.code) ?? 0) + n0(f.exposed));
      if (cat) {
        categories[cat]!.present = true;
        categories[cat]!.repeated += n0(f.exposed);
      }
    });
    exposedRepeated += sum;
    if (!factors.length)
      issues.push({ path: `workplaces.${i}.factors`, reason: 'declaration_workplace_no_factor' });
    if (n0(w.distinctExposed) < max)
      issues.push({
        path: `workplaces.${i}.distinctExposed`,
        reason: 'declaration_workplace_distinct_below_factor',
      });
    if (n0(w.distinctExposed) > sum)
      issues.push({
        path: `workplaces.${i}.distinctExposed`,
        reason: 'declaration_workplace_distinct_above_sum',
      });
  });
  for (const [code, total] of factorTotals) {
    const cat = categoryOfHazardCode(code);
    if (cat) perCategoryMaxFactor[cat] = Math.max(perCategoryMaxFactor[cat]!, total);
  }
  const employees = typeof form.basic?.employees === 'number' ? form.basic.employees : null;
  if (employees !== null && exposedDistinct > employees)
    issues.push({ path: 'basic.employees', reason: 'declaration_exposed_exceeds_staff' });
  for (const c of declarationCategories) {
    const cat = categories[c]!;
    const path = `hazards.${c}.exposed`;
    if (cat.exposed > exposedDistinct) issues.push({ path, reason: 'declaration_category_exceeds_total' });
    if (cat.present && cat.exposed === 0) issues.push({ path, reason: 'declaration_category_missing' });
    if (!cat.present && cat.exposed > 0) issues.push({ path, reason: 'declaration_category_without_rows' });
    if (cat.exposed > cat.repeated && cat.present)
      issues.push({ path, reason: 'declaration_category_above_rows' });
    if (cat.present && cat.exposed > 0 && perCategoryMaxFactor[c]! > cat.exposed)
      issues.push({ path, reason: 'declaration_subfactor_exceeds_category' });
  }
  const keyFactors: Record<string, number> = {};
  for (const k of declarationKeyFactors) keyFactors[k.code] = factorTotals.get(k.code) ?? 0;

  let detectionPoints = 0;
  let detectionExceeding = 0;
  const d = form.detection;
  if (d) {
    for (const c of declarationCategories) {
      const p = d.categories?.[c];
      if (!p) continue;
      detectionPoints += n0(p.points);
      detectionExceeding += n0(p.exceeding);
      if (n0(p.exceeding) > n0(p.points))
        issues.push({
          path: `detection.categories.${c}.exceeding`,
          reason: 'declaration_exceeding_above_points',
        });
    }
    (d.keyFactors ?? []).forEach((k, i) => {
      if (n0(k.exceeding) > n0(k.points))
        issues.push({
          path: `detection.keyFactors.${i}.exceeding`,
          reason: 'declaration_exceeding_above_points',
        });
      const cat = declarationKeyFactors.find((x) => x.code === k.code)?.category;
      if (!cat)
        issues.push({ path: `detection.keyFactors.${i}.code`, reason: 'declaration_key_factor_unknown' });
      else if (n0(k.points) > n0(d.categories?.[cat]?.points))
        issues.push({
          path: `detection.keyFactors.${i}.points`,
          reason: 'declaration_key_points_above_category',
        });
    });
  }
  const t = form.training;
  const managers = n0(form.basic?.ohManagersFullTime) + n0(form.basic?.ohManagersPartTime);
  if (t?.managersTrained !== undefined && t.managersTrained > managers)
    issues.push({ path: 'training.managersTrained', reason: 'declaration_trained_above_managers' });
  if (t?.workersTrained !== undefined && t.workersTrained > exposedDistinct)
    issues.push({ path: 'training.workersTrained', reason: 'declaration_trained_above_exposed' });
  const s = form.surveillance;
  for (const k of ['preEmployment', 'onDuty', 'leaving'] as const)
    if (s?.[k] && n0(s[k].done) > n0(s[k].due))
      issues.push({ path: `surveillance.${k}.done`, reason: 'declaration_exams_done_above_due' });
  if (s?.onDuty && n0(s.onDuty.due) > exposedDistinct)
    issues.push({ path: 'surveillance.onDuty.due', reason: 'declaration_exams_due_above_exposed' });
  return {
    totals: {
      employees,
      exposedDistinct,
      exposedRepeated,
      categories,
      keyFactors,
      detectionPoints,
      detectionExceeding,
    },
    issues,
  };
};

/** The fields a submitted declaration must have (the 2012 form's required boxes); each missing one a reason. */
export const missingForSubmit = (type: DeclarationType, form: DeclarationForm): DeclarationIssue[] => {
  const out: DeclarationIssue[] = [];
  const b = form.basic ?? {};
  const req = (v: unknown, path: string) => {
    if (v === undefined || v === null || (typeof v === 'string' && !v.trim()))
      out.push({ path, reason: 'value_required' });
  };
  req(b.name, 'basic.name');
  req(b.creditCode, 'basic.creditCode');
  req(b.workplaceAddress, 'basic.workplaceAddress');
  req(b.industryCode, 'basic.industryCode');
  req(b.economicTypeCode, 'basic.economicTypeCode');
  req(b.legalRepresentative, 'basic.legalRepresentative');
  req(b.employees, 'basic.employees');
  req(b.ohBody, 'basic.ohBody');
  if (type !== 'cancel' && !(form.workplaces ?? []).length)
    out.push({ path: 'workplaces', reason: 'declaration_no_workplace' });
  return out;
};

/** 年度更新 may not change these (Tianjin 静海 FAQ 2022-06-30: updates everything except 规模, 经济类型, 行业). */
export const annualLockedFields = ['industryCode', 'economicTypeCode', 'enterpriseSize'] as const;

export const declarationFormExample: DeclarationForm = {
  basic: {
    name: '长春市演示机械制造有限公司',
    workplaceAddress: '长春市南关区演示路 8 号',
    legalRepresentative: '王建国',
    legalRepresentativePhone: '0431-88886666',
    ohBody: true,
    ohManagersFullTime: 1,
    ohManagersPartTime: 2,
    employees: 120,
    occupationalDiseaseCumulative: 0,
  },
  products: [{ name: '齿轮箱壳体', annualOutput: 1200, unit: '吨' }],
  hazards: { dust: { exposed: 20 }, physical: { exposed: 35 } },
  workplaces: [
    {
      name: '铸造车间',
      distinctExposed: 20,
      factors: [
        { code: '1038', exposed: 20 },
        { code: '3008', exposed: 20 },
      ],
    },
    { name: '机加工车间', distinctExposed: 15, factors: [{ code: '3008', exposed: 15 }] },
  ],
  detection: {
    done: true,
    institution: '吉林省演示职业卫生技术服务有限公司',
    reportNos: ['JC-2026-018'],
    categories: { dust: { points: 4, exceeding: 1 }, physical: { points: 8, exceeding: 0 } },
    keyFactors: [
      { code: '1038', points: 4, exceeding: 1 },
      { code: '3008', points: 8, exceeding: 0 },
    ],
  },
  training: { principalTrained: true, managersTrained: 3, workersTrained: 35 },
  surveillance: {
    preEmployment: { due: 4, done: 4 },
    onDuty: { due: 35, done: 33 },
    leaving: { due: 1, done: 1 },
  },
};

export const DeclarationCreateInput = Type.Object(
  {
    type: TypeLiteral,
    /** 竣工验收 (initial, new project), the change, the termination; absent for a never-declared employer. */
    triggerDate: Type.Optional(Type.Union([Type.String({ format: 'date' }), Type.Null()])),
    changeReason: Type.Optional(Type.String({ maxLength: 500 })),
    form: Type.Optional(DeclarationForm),
  },
  { additionalProperties: false },
);
export type DeclarationCreateInput = Static<typeof DeclarationCreateInput>;

export const DeclarationUpdateInput = Type.Object(
  {
    form: DeclarationForm,
    triggerDate: Type.Optional(Type.Union([Type.String({ format: 'date' }), Type.Null()])),
    changeReason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type DeclarationUpdateInput = Static<typeof DeclarationUpdateInput>;

export const DeclarationReturnInput = Type.Object(
  { opinion: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);
export type DeclarationReturnInput = Static<typeof DeclarationReturnInput>;
export const DeclarationAcceptInput = Type.Object(
  { opinion: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export type DeclarationAcceptInput = Static<typeof DeclarationAcceptInput>;

export const DeclarationListQuery = Type.Object(
  {
    type: Type.Optional(TypeLiteral),
    status: Type.Optional(StatusLiteral),
    late: Type.Optional(Type.Boolean()),
    regionCode: Type.Optional(RegionCode),
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    /** `me`: only those the caller's commission receives (its 待受理 queue; 48号令 第四条). */
    receivedBy: Type.Optional(Type.Literal('me')),
    ...Paging,
    ...ListTotalQuery,
  },
  { additionalProperties: false },
);
export type DeclarationListQuery = Static<typeof DeclarationListQuery>;
export const DeclarationExportQuery = Type.Omit(DeclarationListQuery, ['page', 'pageSize', 'exactTotal']);
export type DeclarationExportQuery = Static<typeof DeclarationExportQuery>;

const DateOrNull = Type.Union([Type.String(), Type.Null()]);
export const DeclarationSummary = Type.Object({
  id: Type.Integer(),
  employerId: Type.Integer(),
  employerName: Type.String(),
  creditCode: Type.Union([Type.String(), Type.Null()]),
  regionCode: Type.String(),
  type: Type.String(),
  status: Type.String(),
  triggerDate: DateOrNull,
  dueOn: DateOrNull,
  late: Type.Boolean(),
  submittedAt: DateOrNull,
  receiptDueOn: DateOrNull,
  /** Days the 回执 clock (5 working days) is overdue while awaiting acceptance. */
  receiptOverdueDays: Type.Integer(),
  acceptedAt: DateOrNull,
  employees: Type.Union([Type.Integer(), Type.Null()]),
  exposedDistinct: Type.Union([Type.Integer(), Type.Null()]),
  source: Type.String(),
  version: Type.Integer(),
  /** The receiving department (48号令 第四条): the county's, or the city's for 中央企业 / 省属企业. */
  receivingLevel: Type.Union([Type.Literal('county'), Type.Literal('city')]),
  abilities: Type.Object({ edit: Type.Boolean(), submit: Type.Boolean(), review: Type.Boolean() }),
});
export type DeclarationSummary = Static<typeof DeclarationSummary>;

export const DeclarationDetail = Type.Object({
  ...DeclarationSummary.properties,
  ...{
    changeReason: Type.Union([Type.String(), Type.Null()]),
    form: DeclarationForm,
    totals: DeclarationTotals,
    issues: Type.Array(Type.Object({ path: Type.String(), reason: Type.String() })),
    missing: Type.Array(Type.Object({ path: Type.String(), reason: Type.String() })),
    /** The reviewer's opinion when the declaration is returned (shown on top of the form). */
    returnedOpinion: Type.Union([Type.String(), Type.Null()]),
    previousId: Type.Union([Type.Integer(), Type.Null()]),
    versions: Type.Array(
      Type.Object({
        versionNo: Type.Integer(),
        submittedAt: Type.String(),
        decision: Type.Union([Type.String(), Type.Null()]),
        opinion: Type.Union([Type.String(), Type.Null()]),
        decidedAt: DateOrNull,
      }),
    ),
    receipt: Type.Union([
      Type.Object({
        documentId: Type.Integer(),
        code: Type.String(),
        verifyPath: Type.String(),
        revoked: Type.Boolean(),
      }),
      Type.Null(),
    ]),
  },
});
export type DeclarationDetail = Static<typeof DeclarationDetail>;

/** What the employer should declare next (the 新建申报 dialog): allowed types with their due dates. */
export const DeclarationOptions = Type.Object({
  lastAcceptedId: Type.Union([Type.Integer(), Type.Null()]),
  lastAcceptedOn: DateOrNull,
  openId: Type.Union([Type.Integer(), Type.Null()]),
  types: Type.Array(
    Type.Object({
      type: Type.String(),
      allowed: Type.Boolean(),
      reason: Type.Union([Type.String(), Type.Null()]),
      /** For the annual update: the window (opens > 11 months, late after 13 months). */
      windowOpensOn: DateOrNull,
      dueOn: DateOrNull,
    }),
  ),
});
export type DeclarationOptions = Static<typeof DeclarationOptions>;

export const DeclarationMoved = Type.Object({
  id: Type.Integer(),
  status: Type.String(),
  late: Type.Optional(Type.Boolean()),
  receipt: Type.Optional(
    Type.Object({ documentId: Type.Integer(), code: Type.String(), verifyPath: Type.String() }),
  ),
});

/** Columns of the legacy-declaration import (one row per declaration; 原申报编号 is the import key). */
export const declarationImportColumns = [
  '原申报编号',
  '统一社会信用代码',
  '单位名称',
  '所在地区编码',
  '行业代码',
  '申报类型',
  '申报日期',
  '受理日期',
  '在册职工总数',
  '接害总人数',
  '粉尘接触人数',
  '化学物质接触人数',
  '物理因素接触人数',
  '放射性物质接触人数',
  '生物因素接触人数',
  '其他因素接触人数',
  '矽尘',
  '煤尘',
  '石棉',
  '铅',
  '苯',
  '噪声',
] as const;
