/**
 * 机构备案 (issue 16 item 2, R43): the filing of an exam or diagnosis institution with the provincial
 * health commission, and the qualification record of a technical-service institution. The content is
 * filled in steps — institution, personnel, equipment and vehicles, venues, filed categories with the
 * national hazard-factor codes (cdc2021-hazard-factors) — plus attachments; it moves draft → submitted →
 * returned (with the commission's opinion) ↔ submitted → filed (filing number and receipt), then changes
 * (变更: a new version reviewed the same way) and cancellation (注销).
 */
import { Type, type Static } from 'typebox';
import { ListTotalQuery, Paging, RegionCode } from './schemas.js';

const Text = (maxLength: number, description: string) =>
  Type.String({ minLength: 1, maxLength, description });
const OptText = (maxLength: number, description: string) =>
  Type.Optional(Type.Union([Type.String({ maxLength, description }), Type.Null()]));
const OptDate = (description: string) =>
  Type.Optional(Type.Union([Type.String({ format: 'date', description }), Type.Null()]));

export const filingKinds = ['exam', 'diagnosis', 'service'] as const;
export type FilingKind = (typeof filingKinds)[number];
export const filingStatuses = ['draft', 'submitted', 'returned', 'filed', 'cancelled'] as const;
export type FilingStatus = (typeof filingStatuses)[number];
export const filingChangeStatuses = ['draft', 'submitted', 'returned'] as const;

/**
 * The six 检查类别 of 《职业健康检查管理办法》 (../shared/NATIONAL-DATA-SETS.md §4.1) and the first digit
 * of the national hazard codes they hold (1 粉尘, 2 化学, 3 物理, 4 生物, 5 放射, 6/9 特殊作业 and 其他).
 */
export const filingCategories = ['dust', 'chemical', 'physical', 'biological', 'radiation', 'other'] as const;
export type FilingCategory = (typeof filingCategories)[number];
export const filingCategoryCodePrefixes: Record<FilingCategory, readonly string[]> = {
  dust: ['1'],
  chemical: ['2'],
  physical: ['3'],
  biological: ['4'],
  radiation: ['5'],
  other: ['6', '9'],
};
export const filingCategoryLabels: Record<FilingCategory, { zh: string; en: string }> = {
  dust: { zh: '接触粉尘类', en: 'Dust' },
  chemical: { zh: '接触化学因素类', en: 'Chemical factors' },
  physical: { zh: '接触物理因素类', en: 'Physical factors' },
  biological: { zh: '接触生物因素类', en: 'Biological factors' },
  radiation: { zh: '接触放射因素类', en: 'Radiation' },
  other: { zh: '其他类（特殊作业等）', en: 'Other (special operations …)' },
};

export const filingPersonRoles = [
  'chief_examiner',
  'diagnosis_physician',
  'physician',
  'nurse',
  'technician',
  'other',
] as const;
export const filingAttachmentKinds = [
  'practice_licence',
  'radiation_licence',
  'qualification',
  'training',
  'floor_plan',
  'quality_manual',
  'equipment_list',
  'other',
] as const;
export type FilingAttachmentKind = (typeof filingAttachmentKinds)[number];
/** Largest attachment accepted (bytes). */
export const FILING_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/** A closed set of strings, typed as its union (Type.Unsafe keeps the literal types). */
const lit = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      description ? { description } : {},
    ),
  );

export const FilingInstitutionInfo = Type.Object(
  {
    name: Text(100, '机构名称'),
    creditCode: OptText(18, '统一社会信用代码'),
    legalRepresentative: OptText(50, '法定代表人'),
    address: OptText(200, '地址'),
    contactName: OptText(50, '联系人'),
    contactPhone: OptText(30, '联系电话'),
    practiceLicenceNo: OptText(64, '医疗机构执业许可证号（技术服务机构：资质证书编号）'),
    radiationLicenceNo: OptText(64, '放射诊疗许可证号（放射因素类必填）'),
    isPublic: Type.Optional(Type.Boolean({ description: '公立医疗卫生机构' })),
  },
  { additionalProperties: false },
);

export const FilingPerson = Type.Object(
  {
    name: Text(50, '姓名'),
    role: lit(filingPersonRoles, '主检医师 / 诊断医师 / 医师 / 护士 / 技师 / 其他'),
    title: OptText(50, '职称'),
    qualificationNo: OptText(64, '资格证书编号（职业病诊断医师资格等）'),
    trainingCertificateNo: OptText(64, '培训合格证书编号'),
    practiceCertificateNo: OptText(64, '执业证书编号'),
  },
  { additionalProperties: false },
);

export const FilingEquipment = Type.Object(
  {
    name: Text(100, '设备名称'),
    model: OptText(100, '型号'),
    quantity: Type.Integer({ minimum: 1, maximum: 10000, description: '数量' }),
    calibrationDue: OptDate('检定/校准有效期至'),
    radiation: Type.Optional(Type.Boolean({ description: '放射设备' })),
  },
  { additionalProperties: false },
);

export const FilingVehicle = Type.Object(
  {
    plateNo: Text(20, '车牌号'),
    purpose: OptText(100, '用途（如 DR 体检车）'),
    equipment: OptText(200, '车载设备'),
  },
  { additionalProperties: false },
);

export const FilingVenue = Type.Object(
  {
    name: Text(100, '场所名称'),
    address: OptText(200, '地址'),
    areaM2: Type.Number({ minimum: 0, maximum: 1_000_000, description: '面积（平方米）' }),
    purpose: OptText(100, '用途（检查室、候检区、实验室…）'),
  },
  { additionalProperties: false },
);

export const FilingCategoryItem = Type.Object(
  {
    category: lit(filingCategories, '检查类别'),
    hazardCodes: Type.Array(Type.String({ pattern: '^\\d{4}$' }), {
      maxItems: 600,
      description: '该类别内的危害因素（国家代码 cdc2021-hazard-factors）',
    }),
  },
  { additionalProperties: false },
);

/** The steps; each may be saved on its own while drafting (missing ones are kept). */
export const FilingContent = Type.Object(
  {
    institution: Type.Optional(FilingInstitutionInfo),
    personnel: Type.Optional(Type.Array(FilingPerson, { maxItems: 500 })),
    equipment: Type.Optional(Type.Array(FilingEquipment, { maxItems: 500 })),
    vehicles: Type.Optional(Type.Array(FilingVehicle, { maxItems: 50 })),
    venues: Type.Optional(Type.Array(FilingVenue, { maxItems: 100 })),
    categories: Type.Optional(Type.Array(FilingCategoryItem, { maxItems: 6 })),
  },
  { additionalProperties: false },
);
export type FilingContent = Static<typeof FilingContent>;

/** A complete content that works as a demo and OpenAPI example (the demo exam institution's). */
export const filingContentExample: FilingContent = {
  institution: {
    name: '演示职业健康检查机构',
    creditCode: '12220100MB1234567X',
    legalRepresentative: '王建国',
    address: '长春市朝阳区演示路 1 号',
    contactName: '李明',
    contactPhone: '0431-88880000',
    practiceLicenceNo: 'PDY00001422010215A1001',
    radiationLicenceNo: '吉放〔2024〕第 0012 号',
    isPublic: true,
  },
  personnel: [
    {
      name: '王立新',
      role: 'chief_examiner',
      title: '主任医师',
      qualificationNo: 'ZYB-2022-0101',
      trainingCertificateNo: 'JL-ZJ-2024-015',
    },
    { name: '刘晓梅', role: 'diagnosis_physician', title: '副主任医师', qualificationNo: 'ZYB-2021-0333' },
    { name: '赵国强', role: 'technician', title: '主管技师', trainingCertificateNo: 'JL-JS-2024-102' },
  ],
  equipment: [
    {
      name: '数字化 X 射线摄影系统（DR）',
      model: 'DR-5000',
      quantity: 1,
      calibrationDue: '2027-06-30',
      radiation: true,
    },
    { name: '纯音听力计', model: 'AD629', quantity: 2, calibrationDue: '2027-03-31' },
    { name: '肺功能仪', model: 'MasterScreen', quantity: 1, calibrationDue: '2027-01-31' },
  ],
  vehicles: [{ plateNo: '吉A·D1234', purpose: 'DR 体检车', equipment: '车载 DR 1 台' }],
  venues: [
    { name: '职业健康检查中心', address: '长春市朝阳区演示路 1 号', areaM2: 460, purpose: '检查室、候检区' },
    { name: '检验科', areaM2: 120, purpose: '实验室' },
  ],
  categories: [
    { category: 'dust', hazardCodes: ['1038', '1021', '1006', '1032'] },
    { category: 'chemical', hazardCodes: ['2013', '2237', '2158'] },
    { category: 'physical', hazardCodes: ['3008', '3007'] },
    { category: 'radiation', hazardCodes: ['5001'] },
  ],
};

export const FilingCreateInput = Type.Object(
  {
    content: Type.Optional(FilingContent),
  },
  { additionalProperties: false },
);
export type FilingCreateInput = Static<typeof FilingCreateInput>;

export const FilingSubmitInput = Type.Object(
  { note: OptText(500, '提交说明') },
  { additionalProperties: false },
);
export type FilingSubmitInput = Static<typeof FilingSubmitInput>;

export const FilingChangeInput = Type.Object(
  { reason: Text(500, '变更原因（名称、法定代表人、地址、备案项目等）') },
  { additionalProperties: false },
);
export type FilingChangeInput = Static<typeof FilingChangeInput>;

export const FilingCancelInput = Type.Object(
  { reason: Text(500, '注销原因') },
  { additionalProperties: false },
);
export type FilingCancelInput = Static<typeof FilingCancelInput>;

export const FilingReturnInput = Type.Object(
  { opinion: Type.String({ minLength: 2, maxLength: 2000, description: '审核意见（退回原因）' }) },
  { additionalProperties: false },
);
export type FilingReturnInput = Static<typeof FilingReturnInput>;

export const FilingFileInput = Type.Object(
  { opinion: OptText(2000, '审核意见（可选）') },
  { additionalProperties: false },
);
export type FilingFileInput = Static<typeof FilingFileInput>;

export const FilingListQuery = Type.Object(
  {
    ...Paging,
    ...ListTotalQuery,
    status: Type.Optional(lit(filingStatuses)),
    /** Filings awaiting the commission: a first filing or a change submitted. */
    awaitingReview: Type.Optional(Type.Boolean()),
    kind: Type.Optional(lit(filingKinds)),
    regionCode: Type.Optional(RegionCode),
    q: Type.Optional(Type.String({ maxLength: 100, description: '机构名称或备案编号' })),
  },
  { additionalProperties: false },
);
export type FilingListQuery = Static<typeof FilingListQuery>;

export const FilingAbilities = Type.Object({
  edit: Type.Boolean(),
  submit: Type.Boolean(),
  change: Type.Boolean(),
  cancel: Type.Boolean(),
  review: Type.Boolean(),
});
export type FilingAbilities = Static<typeof FilingAbilities>;

export const FilingSummary = Type.Object({
  id: Type.Integer(),
  institutionId: Type.Integer(),
  institutionName: Type.String(),
  kind: lit(filingKinds),
  regionCode: Type.String(),
  authorityRegionCode: Type.String(),
  status: lit(filingStatuses),
  changeStatus: Type.Union([lit(filingChangeStatuses), Type.Null()]),
  filingNo: Type.Union([Type.String(), Type.Null()]),
  filedOn: Type.Union([Type.String(), Type.Null()]),
  submittedAt: Type.Union([Type.String(), Type.Null()]),
  dueOn: Type.Union([Type.String(), Type.Null()]),
  overdueDays: Type.Integer(),
  imported: Type.Boolean(),
  abilities: FilingAbilities,
});
export type FilingSummary = Static<typeof FilingSummary>;

export const FilingReviewEntry = Type.Object({
  id: Type.Integer(),
  versionNo: Type.Integer(),
  purpose: Type.String(),
  submittedAt: Type.String(),
  submittedBy: Type.Union([Type.String(), Type.Null()]),
  decision: Type.Union([Type.Literal('returned'), Type.Literal('filed'), Type.Null()]),
  opinion: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
  decidedBy: Type.Union([Type.String(), Type.Null()]),
});

export const FilingVersionEntry = Type.Object({
  id: Type.Integer(),
  versionNo: Type.Integer(),
  purpose: Type.String(),
  status: Type.String(),
  changeReason: Type.Union([Type.String(), Type.Null()]),
  filedOn: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});

export const FilingAttachmentEntry = Type.Object({
  id: Type.Integer(),
  kind: lit(filingAttachmentKinds),
  fileName: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
  uploadedAt: Type.String(),
});
export type FilingAttachmentEntry = Static<typeof FilingAttachmentEntry>;

/** One difference of the working version against the filed one (a change under review). */
export const FilingDiffEntry = Type.Object({
  step: Type.String(),
  path: Type.String(),
  before: Type.Union([Type.String(), Type.Null()]),
  after: Type.Union([Type.String(), Type.Null()]),
});
export type FilingDiffEntry = Static<typeof FilingDiffEntry>;

export const FilingClock = Type.Object({
  kind: Type.String(),
  name: Type.String(),
  startsOn: Type.String(),
  dueOn: Type.String(),
  done: Type.Boolean(),
  overdueDays: Type.Integer(),
  confidence: Type.String(),
  legalBasis: Type.String(),
});

export const FilingReceipt = Type.Object({
  documentId: Type.Integer(),
  code: Type.String(),
  verifyPath: Type.String(),
  issuedAt: Type.String(),
  revoked: Type.Boolean(),
});

export const FilingDetail = Type.Object({
  ...FilingSummary.properties,
  cancelledOn: Type.Union([Type.String(), Type.Null()]),
  cancelReason: Type.Union([Type.String(), Type.Null()]),
  /** The version being drafted or reviewed (null when none is). */
  working: Type.Union([
    Type.Object({
      id: Type.Integer(),
      versionNo: Type.Integer(),
      purpose: Type.String(),
      status: Type.String(),
      changeReason: Type.Union([Type.String(), Type.Null()]),
      content: FilingContent,
    }),
    Type.Null(),
  ]),
  /** The version on file (null before the first filing). */
  filed: Type.Union([
    Type.Object({ id: Type.Integer(), versionNo: Type.Integer(), content: FilingContent }),
    Type.Null(),
  ]),
  /** The last opinion when the filing (or its change) was returned. */
  lastOpinion: Type.Union([Type.String(), Type.Null()]),
  attachments: Type.Array(FilingAttachmentEntry),
  versions: Type.Array(FilingVersionEntry),
  reviews: Type.Array(FilingReviewEntry),
  diff: Type.Array(FilingDiffEntry),
  clocks: Type.Array(FilingClock),
  receipts: Type.Array(FilingReceipt),
  /** What is still missing before it can be submitted (field reasons). */
  missing: Type.Array(Type.Object({ path: Type.String(), reason: Type.String() })),
});
export type FilingDetail = Static<typeof FilingDetail>;

export const FilingAttachmentQuery = Type.Object(
  { kind: lit(filingAttachmentKinds) },
  { additionalProperties: false },
);
export const FilingAttachmentParams = Type.Object({
  id: Type.String({ pattern: '^[1-9][0-9]{0,9}$' }),
  attachmentId: Type.String({ pattern: '^[1-9][0-9]{0,9}$' }),
});

/**
 * 历史备案导入 (issue 16 item 2): the columns of the import of filings the cities made before the
 * provincial platform; an imported filing counts as filed (institution_capability from its factors).
 */
export const filingImportColumns = [
  '机构统一社会信用代码',
  '机构名称',
  '备案类型',
  '原备案编号',
  '备案日期',
  '原备案机关',
  '备案危害因素编码',
  '备注',
] as const;
