/**
 * Contracts of 用人单位库 (employer base database) and employer self-registration (issue 17 items 1 and 3).
 * An employer is an organisation of kind employer; its profile adds the national 用人单位信息 record's
 * economic type, the risk class from the 2021 catalogue with its basis, the industrial flag and whether
 * it is still in the declaration programme. Every change is kept as a version.
 */
import { Type, type Static, type TSchema } from 'typebox';
import { ExportFormatQuery, Paging, RegionCode } from './schemas.js';

const lit = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      description ? { description } : {},
    ),
  );
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const NullableInt = Type.Union([Type.Integer(), Type.Null()]);

export const employerRiskClasses = ['严重', '一般', '待评价'] as const;
export type EmployerRiskClass = (typeof employerRiskClasses)[number];
export const employerProgrammeStatuses = ['active', 'not_applicable', 'closed', 'relocated'] as const;
export type EmployerProgrammeStatus = (typeof employerProgrammeStatuses)[number];
export const employerSources = [
  'organisation',
  'exam_card',
  'diagnosis_report',
  'declaration',
  'registration',
  'census',
  'import',
] as const;
export const enterpriseSizes = ['large', 'medium', 'small', 'micro', 'unknown'] as const;

export const employerProgrammeStatusLabels: Record<EmployerProgrammeStatus, { zh: string; en: string }> = {
  active: { zh: '正常', en: 'Active' },
  not_applicable: { zh: '不适用', en: 'Not applicable' },
  closed: { zh: '停产停业', en: 'Closed' },
  relocated: { zh: '迁出本辖区', en: 'Relocated' },
};
export const employerSourceLabels: Record<(typeof employerSources)[number], { zh: string; en: string }> = {
  organisation: { zh: '单位管理', en: 'Organisation register' },
  exam_card: { zh: '体检个案卡', en: 'Exam card' },
  diagnosis_report: { zh: '诊断报告', en: 'Diagnosis report' },
  declaration: { zh: '危害项目申报', en: 'Declaration' },
  registration: { zh: '单位自主注册', en: 'Self-registration' },
  census: { zh: '部门名单', en: 'Department list' },
  import: { zh: '导入', en: 'Import' },
};
export const enterpriseSizeLabels: Record<(typeof enterpriseSizes)[number], { zh: string; en: string }> = {
  large: { zh: '大型', en: 'Large' },
  medium: { zh: '中型', en: 'Medium' },
  small: { zh: '小型', en: 'Small' },
  micro: { zh: '微型', en: 'Micro' },
  unknown: { zh: '不详', en: 'Unknown' },
};

export const EmployerListQuery = Type.Object(
  {
    ...Paging,
    regionCode: Type.Optional(RegionCode),
    riskClass: Type.Optional(lit(employerRiskClasses, '风险类别')),
    /** 严重危害行业 (risk class 严重). */
    severe: Type.Optional(Type.Boolean()),
    /** 职工人数 ≥ 10. */
    tenPlus: Type.Optional(Type.Boolean()),
    /** 工业领域 (GB/T 4754 门类 B/C/D). */
    industrial: Type.Optional(Type.Boolean()),
    programmeStatus: Type.Optional(lit(employerProgrammeStatuses)),
    enterpriseSize: Type.Optional(lit(enterpriseSizes)),
    q: Type.Optional(Type.String({ maxLength: 100, description: '单位名称或统一社会信用代码' })),
  },
  { additionalProperties: false },
);
export type EmployerListQuery = Static<typeof EmployerListQuery>;

export const EmployerAbilities = Type.Object({
  /** Correct the base record (employers:manage, in scope). */
  update: Type.Boolean(),
  /** Mark not applicable / closed / relocated, or back to active (employers:manage, in scope). */
  setStatus: Type.Boolean(),
});
export type EmployerAbilities = Static<typeof EmployerAbilities>;

export const EmployerSummary = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  creditCode: Nullable(Type.String()),
  regionCode: Type.String(),
  regionName: Type.String(),
  industryCode: Nullable(Type.String()),
  industryName: Nullable(Type.String()),
  employees: NullableInt,
  exposedEmployees: NullableInt,
  enterpriseSize: Nullable(Type.String()),
  economicTypeCode: Nullable(Type.String()),
  economicTypeName: Nullable(Type.String()),
  riskClass: Nullable(lit(employerRiskClasses)),
  /** 严重危害行业: the risk class is 严重. */
  severeIndustry: Type.Boolean(),
  /** 职工人数 ≥ 10 (null staff: false). */
  tenPlus: Type.Boolean(),
  industrial: Type.Boolean(),
  programmeStatus: lit(employerProgrammeStatuses),
  source: Type.String(),
  version: Type.Integer(),
  abilities: EmployerAbilities,
});
export type EmployerSummary = Static<typeof EmployerSummary>;

export const EmployerRiskBasisRow = Type.Object({
  industryCode: Type.String(),
  industryName: Nullable(Type.String()),
  /** null: the catalogue does not list this industry (→ 待评价 unless another is 严重). */
  riskClass: Nullable(Type.String()),
  matchedCode: Nullable(Type.String()),
  printedNo: Nullable(Type.String()),
  name: Nullable(Type.String()),
  starred: Type.Boolean(),
});

export const EmployerVersionChange = Type.Object({
  field: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
});

export const EmployerVersionSummary = Type.Object({
  version: Type.Integer(),
  /** A person's reason, or `created:<source>` / `status:<status>` written by the platform. */
  reason: Nullable(Type.String()),
  changedAt: Type.String(),
  changedByName: Nullable(Type.String()),
  /** The fields that differ from the version before (empty for the first). */
  changes: Type.Array(EmployerVersionChange),
});
export type EmployerVersionSummary = Static<typeof EmployerVersionSummary>;

/**
 * 隶属关系 for declarations: 《职业病危害项目申报办法》(国家安监总局令第48号) 第四条 — 中央企业, 省属企业 and their
 * units declare to the 设区的市 health department, the others to the county's.
 */
export const employerAffiliations = ['central', 'provincial', 'local'] as const;
export type EmployerAffiliation = (typeof employerAffiliations)[number];
export const employerAffiliationLabels: Record<EmployerAffiliation, { zh: string; en: string }> = {
  central: { zh: '中央企业（含所属单位）', en: 'Central state-owned enterprise (or its unit)' },
  provincial: { zh: '省属企业（含所属单位）', en: 'Provincial state-owned enterprise (or its unit)' },
  local: { zh: '属地管理', en: 'Local' },
};

export const EmployerDetail = Type.Object({
  ...EmployerSummary.properties,
  /** Declares to the city (central, provincial) or the county (local). */
  affiliation: lit(employerAffiliations),
  address: Nullable(Type.String()),
  contactName: Nullable(Type.String()),
  /** Masked. */
  contactPhone: Nullable(Type.String()),
  revenueWanYuan: Type.Union([Type.Number(), Type.Null()]),
  extraIndustryCodes: Type.Array(Type.String()),
  legalRepresentative: Nullable(Type.String()),
  programmeStatusReason: Nullable(Type.String()),
  programmeStatusOn: Nullable(Type.String()),
  /** The size the standards engine computes from industry, staff and revenue now (统计上大中小微型企业划分办法 2017). */
  computedSize: Type.String(),
  computedSizeReasons: Type.Array(Type.String()),
  riskBasis: Type.Array(EmployerRiskBasisRow),
  versions: Type.Array(EmployerVersionSummary),
});
export type EmployerDetail = Static<typeof EmployerDetail>;

export const EmployerVersionParams = Type.Object({
  id: Type.String({ pattern: '^[1-9][0-9]{0,9}$' }),
  version: Type.String({ pattern: '^[1-9][0-9]{0,5}$' }),
});
export const EmployerVersionDetail = Type.Object({
  version: Type.Integer(),
  reason: Nullable(Type.String()),
  changedAt: Type.String(),
  changedByName: Nullable(Type.String()),
  record: Type.Record(Type.String(), Type.Unknown()),
});
export type EmployerVersionDetail = Static<typeof EmployerVersionDetail>;

export const EmployerPatch = Type.Object(
  {
    /** Why the record is corrected (kept with the version). */
    reason: Type.String({ minLength: 1, maxLength: 200 }),
    name: Type.Optional(Type.String({ minLength: 2, maxLength: 200 })),
    regionCode: Type.Optional(Type.String({ pattern: '^(\\d{6}|\\d{9})$' })),
    address: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    industryCode: Type.Optional(Type.Union([Type.String({ maxLength: 5 }), Type.Null()])),
    extraIndustryCodes: Type.Optional(Type.Array(Type.String({ maxLength: 5 }), { maxItems: 10 })),
    economicTypeCode: Type.Optional(Type.Union([Type.String({ pattern: '^\\d{2,3}$' }), Type.Null()])),
    employees: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 10_000_000 }), Type.Null()])),
    exposedEmployees: Type.Optional(
      Type.Union([Type.Integer({ minimum: 0, maximum: 10_000_000 }), Type.Null()]),
    ),
    revenueWanYuan: Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: 1e12 }), Type.Null()])),
    legalRepresentative: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Null()])),
    contactName: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Null()])),
    affiliation: Type.Optional(lit(employerAffiliations)),
  },
  { additionalProperties: false },
);
export type EmployerPatch = Static<typeof EmployerPatch>;

export const EmployerStatusInput = Type.Object(
  {
    status: lit(employerProgrammeStatuses),
    reason: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
    on: Type.Optional(Type.Union([Type.String({ format: 'date' }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type EmployerStatusInput = Static<typeof EmployerStatusInput>;

// ---------- self-registration ----------

export const registrationStatuses = ['pending', 'approved', 'rejected'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];
export const registrationStatusLabels: Record<RegistrationStatus, { zh: string; en: string }> = {
  pending: { zh: '待审核', en: 'Pending' },
  approved: { zh: '已通过', en: 'Approved' },
  rejected: { zh: '已退回', en: 'Returned' },
};

export const EmployerRegistrationInput = Type.Object(
  {
    creditCode: Type.String({
      minLength: 1,
      maxLength: 30,
      description: '统一社会信用代码 (GB 32100, with its check character)',
    }),
    name: Type.String({ minLength: 2, maxLength: 200 }),
    regionCode: Type.String({ pattern: '^(\\d{6}|\\d{9})$', description: '所在县（区）或乡镇（街道）' }),
    address: Type.String({ minLength: 2, maxLength: 200 }),
    industryCode: Type.String({ minLength: 1, maxLength: 5, description: '行业 GB/T 4754-2017' }),
    contactName: Type.String({ minLength: 1, maxLength: 50 }),
    contactPhone: Type.String({ pattern: '^[0-9+\\- ]{7,20}$' }),
    username: Type.String({ pattern: '^[a-zA-Z0-9_.-]{3,64}$' }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);
export type EmployerRegistrationInput = Static<typeof EmployerRegistrationInput>;

export const EmployerRegistrationSubmitted = Type.Object({
  /** Keep it: the status page asks for it. */
  lookupCode: Type.String(),
  status: lit(registrationStatuses),
});

export const RegistrationStatusQuery = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 20 }) },
  { additionalProperties: false },
);
export const RegistrationPublicStatus = Type.Object({
  status: lit(registrationStatuses),
  name: Type.String(),
  submittedAt: Type.String(),
  reviewedAt: Nullable(Type.String()),
  opinion: Nullable(Type.String()),
  /** The account to sign in with once approved. */
  username: Type.String(),
});
export type RegistrationPublicStatus = Static<typeof RegistrationPublicStatus>;

export const RegistrationListQuery = Type.Object(
  {
    ...Paging,
    status: Type.Optional(lit(registrationStatuses)),
    q: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type RegistrationListQuery = Static<typeof RegistrationListQuery>;

/** The registrations export: the list's filters and the file format. */
export const RegistrationExportQuery = Type.Object(
  {
    status: Type.Optional(lit(registrationStatuses)),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    ...ExportFormatQuery,
  },
  { additionalProperties: false },
);
export type RegistrationExportQuery = Static<typeof RegistrationExportQuery>;

/** The fields of a version's record (employer_version.record), as the version history names them. */
export const employerRecordFieldLabels: Record<string, { zh: string; en: string }> = {
  name: { zh: '单位名称', en: 'Name' },
  creditCode: { zh: '统一社会信用代码', en: 'Credit code' },
  regionCode: { zh: '地区代码', en: 'Region code' },
  address: { zh: '地址', en: 'Address' },
  industryCode: { zh: '行业代码', en: 'Industry code' },
  extraIndustryCodes: { zh: '其他行业', en: 'Other industries' },
  economicTypeCode: { zh: '经济类型', en: 'Economic type' },
  employees: { zh: '职工人数', en: 'Employees' },
  exposedEmployees: { zh: '接害人数', en: 'Exposed' },
  revenueWanYuan: { zh: '营业收入（万元）', en: 'Revenue (10k yuan)' },
  enterpriseSize: { zh: '企业规模', en: 'Size' },
  contactName: { zh: '联系人', en: 'Contact' },
  legalRepresentative: { zh: '法定代表人', en: 'Legal representative' },
  affiliation: { zh: '隶属关系', en: 'Affiliation' },
  riskClass: { zh: '风险类别', en: 'Risk class' },
  industrial: { zh: '工业领域', en: 'Industrial' },
  programmeStatus: { zh: '状态', en: 'Status' },
  programmeStatusReason: { zh: '状态原因', en: 'Status reason' },
  programmeStatusOn: { zh: '状态日期', en: 'Status date' },
  status: { zh: '记录状态', en: 'Record status' },
};

/** An employer's version history as a file. */
export const EmployerVersionsExportQuery = Type.Object(
  { ...ExportFormatQuery },
  { additionalProperties: false },
);
export type EmployerVersionsExportQuery = Static<typeof EmployerVersionsExportQuery>;

export const RegistrationSummary = Type.Object({
  id: Type.Integer(),
  creditCode: Type.String(),
  name: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  address: Type.String(),
  industryCode: Type.String(),
  industryName: Nullable(Type.String()),
  contactName: Type.String(),
  /** Masked. */
  contactPhone: Type.String(),
  username: Type.String(),
  status: lit(registrationStatuses),
  opinion: Nullable(Type.String()),
  submittedAt: Type.String(),
  reviewedAt: Nullable(Type.String()),
  reviewedByName: Nullable(Type.String()),
  organisationId: NullableInt,
  /** The base database already holds this credit code: approving links that record. */
  existingEmployerId: NullableInt,
  existingEmployerName: Nullable(Type.String()),
  linkedExisting: Type.Union([Type.Boolean(), Type.Null()]),
  abilities: Type.Object({ review: Type.Boolean() }),
});
export type RegistrationSummary = Static<typeof RegistrationSummary>;

export const RegistrationRejectInput = Type.Object(
  { opinion: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);
export type RegistrationRejectInput = Static<typeof RegistrationRejectInput>;

export const RegistrationDecision = Type.Object({
  id: Type.Integer(),
  status: lit(registrationStatuses),
  organisationId: NullableInt,
  userId: NullableInt,
  linkedExisting: Type.Union([Type.Boolean(), Type.Null()]),
});
