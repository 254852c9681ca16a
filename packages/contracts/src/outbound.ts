/**
 * 外出职业健康检查告知书 (outbound-exam notices, issue 16 item 4; R44, R47 — Jilin 吉卫规〔2024〕2号 一(二),
 * 三): a filed exam institution notifies the health department of the employer's county (or of the city
 * where that county's supervision is delegated) at least N working days before it examines outside its
 * site: employer, site, dates, the hazard factors examined (from its filed, not blocked capability), the
 * staff, vehicles and equipment (from its filing) and the number expected. Draft → submitted →
 * acknowledged by the department, or withdrawn.
 */
import { Type, type Static } from 'typebox';
import { Paging } from './schemas.js';

const Text = (maxLength: number, description: string) =>
  Type.String({ minLength: 1, maxLength, description });
const OptText = (maxLength: number, description: string) =>
  Type.Optional(Type.Union([Type.String({ maxLength, description }), Type.Null()]));
const lit = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      description ? { description } : {},
    ),
  );

export const outboundStatuses = ['draft', 'submitted', 'acknowledged', 'withdrawn'] as const;
export type OutboundStatus = (typeof outboundStatuses)[number];
export const outboundConventions = ['clear_days', 'notice_day_counts'] as const;

export const OutboundStaff = Type.Object(
  {
    name: Text(50, '姓名（取自备案人员）'),
    role: Type.Optional(Type.String({ maxLength: 40, description: '备案中的岗位' })),
    qualificationNo: OptText(64, '资格证书编号'),
  },
  { additionalProperties: false },
);
export const OutboundVehicle = Type.Object(
  {
    plateNo: Text(20, '车牌号（取自备案车辆）'),
    purpose: OptText(100, '用途'),
    equipment: OptText(200, '车载设备'),
  },
  { additionalProperties: false },
);
export const OutboundEquipment = Type.Object(
  {
    name: Text(100, '设备名称（取自备案设备）'),
    model: OptText(100, '型号'),
    quantity: Type.Integer({ minimum: 1, maximum: 10000, description: '携带数量' }),
  },
  { additionalProperties: false },
);

/** The notice's content; on create every field below `employer…` is required, on update any subset. */
const fields = {
  employerId: Type.Optional(
    Type.Union([
      Type.Integer({ minimum: 1, description: '已登记的用人单位（organisation id）' }),
      Type.Null(),
    ]),
  ),
  employerName: Type.Optional(Text(200, '用人单位名称（未登记时必填）')),
  employerCreditCode: OptText(18, '统一社会信用代码'),
  employerRegionCode: Type.Optional(
    Type.String({
      pattern: '^[0-9]{6}([0-9]{3})?$',
      description: '用人单位所在县（市、区）代码（未登记时必填）',
    }),
  ),
  siteAddress: Text(300, '体检地点（外出检查的详细地址）'),
  startDate: Type.String({ format: 'date', description: '开始日期' }),
  endDate: Type.String({ format: 'date', description: '结束日期' }),
  hazardCodes: Type.Array(Type.String({ pattern: '^\\d{4}$' }), {
    minItems: 1,
    maxItems: 200,
    description: '检查的危害因素（国家代码；须为本机构已备案且未被限制的因素）',
  }),
  examItems: OptText(2000, '检查项目说明（如 DR 胸片、纯音听阈测试、血常规）'),
  staff: Type.Array(OutboundStaff, { minItems: 1, maxItems: 100, description: '外出人员（取自备案人员）' }),
  vehicles: Type.Array(OutboundVehicle, { maxItems: 20, description: '车辆（取自备案车辆）' }),
  equipment: Type.Array(OutboundEquipment, { maxItems: 100, description: '仪器设备（取自备案设备）' }),
  expectedCount: Type.Integer({ minimum: 1, maximum: 100000, description: '预计体检人数' }),
  contactName: OptText(50, '现场联系人'),
  contactPhone: OptText(30, '联系电话'),
  note: OptText(2000, '备注'),
};

export const OutboundNoticeInput = Type.Object(fields, { additionalProperties: false });
export type OutboundNoticeInput = Static<typeof OutboundNoticeInput>;
export const OutboundNoticePatch = Type.Partial(Type.Object(fields), { additionalProperties: false });
export type OutboundNoticePatch = Static<typeof OutboundNoticePatch>;

/** The example the OpenAPI documents (the demo filed institution's content; the demo county). */
export const outboundNoticeExample: OutboundNoticeInput = {
  employerName: '南关区示例机械制造有限公司',
  employerCreditCode: null,
  employerRegionCode: '220102',
  siteAddress: '长春市南关区示例路 88 号 厂区职工活动中心一楼',
  startDate: '2027-03-15',
  endDate: '2027-03-17',
  hazardCodes: ['1038', '3008'],
  examItems: '高千伏/DR 胸片、肺功能、纯音听阈测试、血常规、尿常规、心电图',
  staff: [
    { name: '王立新', role: 'chief_examiner', qualificationNo: 'ZYB-2022-0101' },
    { name: '赵国强', role: 'technician', qualificationNo: null },
  ],
  vehicles: [{ plateNo: '吉A·D1234', purpose: 'DR 体检车', equipment: '车载 DR 1 台' }],
  equipment: [{ name: '纯音听力计', model: 'AD629', quantity: 1 }],
  expectedCount: 120,
  contactName: '李经理',
  contactPhone: '0431-88886666',
  note: null,
};

export const OutboundAcknowledgeInput = Type.Object(
  { note: OptText(2000, '签收意见（可选，如现场监督安排）') },
  { additionalProperties: false },
);
export type OutboundAcknowledgeInput = Static<typeof OutboundAcknowledgeInput>;

export const OutboundWithdrawInput = Type.Object(
  { reason: Type.String({ minLength: 2, maxLength: 500, description: '撤回原因' }) },
  { additionalProperties: false },
);
export type OutboundWithdrawInput = Static<typeof OutboundWithdrawInput>;

export const OutboundListQuery = Type.Object(
  {
    ...Paging,
    status: Type.Optional(lit(outboundStatuses)),
    /** The receiving department's queue: notices routed to the caller's organisation. */
    queue: Type.Optional(Type.Boolean({ description: '本部门待签收/已签收的告知书' })),
    q: Type.Optional(Type.String({ maxLength: 100, description: '用人单位或机构名称' })),
  },
  { additionalProperties: false },
);
export type OutboundListQuery = Static<typeof OutboundListQuery>;

export const OutboundTimingQuery = Type.Object(
  {
    startDate: Type.Optional(Type.String({ format: 'date', description: '拟定开始日期' })),
    /** Defaults to today (Asia/Shanghai). */
    noticeDate: Type.Optional(Type.String({ format: 'date', description: '告知日期（默认今天）' })),
  },
  { additionalProperties: false },
);
export type OutboundTimingQuery = Static<typeof OutboundTimingQuery>;

/** The timing rule as applied on the working calendar. */
export const OutboundTiming = Type.Object({
  provinceCode: Type.String(),
  noticeWorkingDays: Type.Integer(),
  convention: lit(outboundConventions),
  /** The rule's source and whether its reading is settled ('uncertain': docs/STANDARDS.md). */
  legalBasis: Type.String(),
  confidence: Type.String(),
  noticeDate: Type.String(),
  /** The earliest start date a notice given on noticeDate allows. */
  earliestStartDate: Type.String(),
  /** For startDate: the working days counted under the convention, and whether it is allowed. */
  startDate: Type.Union([Type.String(), Type.Null()]),
  workingDaysCounted: Type.Union([Type.Integer(), Type.Null()]),
  allowed: Type.Union([Type.Boolean(), Type.Null()]),
  /** The latest working day on which a notice for startDate can still be given. */
  latestNoticeDate: Type.Union([Type.String(), Type.Null()]),
  /** A year of the range is not on the calendar yet (Mon–Fri used). */
  provisional: Type.Boolean(),
});
export type OutboundTiming = Static<typeof OutboundTiming>;

export const OutboundAbilities = Type.Object({
  edit: Type.Boolean(),
  submit: Type.Boolean(),
  withdraw: Type.Boolean(),
  acknowledge: Type.Boolean(),
});

export const OutboundNoticeSummary = Type.Object({
  id: Type.Integer(),
  status: lit(outboundStatuses),
  institutionId: Type.Integer(),
  institutionName: Type.String(),
  employerId: Type.Union([Type.Integer(), Type.Null()]),
  employerName: Type.String(),
  employerRegionCode: Type.String(),
  siteAddress: Type.String(),
  startDate: Type.String(),
  endDate: Type.String(),
  expectedCount: Type.Integer(),
  receivingRegionCode: Type.Union([Type.String(), Type.Null()]),
  receivingOrganisationName: Type.Union([Type.String(), Type.Null()]),
  delegated: Type.Boolean(),
  submittedAt: Type.Union([Type.String(), Type.Null()]),
  acknowledgedAt: Type.Union([Type.String(), Type.Null()]),
  abilities: OutboundAbilities,
});
export type OutboundNoticeSummary = Static<typeof OutboundNoticeSummary>;

export const OutboundNoticeDetail = Type.Object({
  ...OutboundNoticeSummary.properties,
  employerCreditCode: Type.Union([Type.String(), Type.Null()]),
  hazards: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  examItems: Type.Union([Type.String(), Type.Null()]),
  staff: Type.Array(OutboundStaff),
  vehicles: Type.Array(OutboundVehicle),
  equipment: Type.Array(OutboundEquipment),
  contactName: Type.Union([Type.String(), Type.Null()]),
  contactPhone: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  filingNo: Type.Union([Type.String(), Type.Null()]),
  noticeWorkingDays: Type.Union([Type.Integer(), Type.Null()]),
  convention: Type.Union([Type.String(), Type.Null()]),
  calendarProvisional: Type.Boolean(),
  acknowledgeNote: Type.Union([Type.String(), Type.Null()]),
  withdrawnAt: Type.Union([Type.String(), Type.Null()]),
  withdrawReason: Type.Union([Type.String(), Type.Null()]),
  /** The printable notice (issued at submission): verification code and public page. */
  document: Type.Union([
    Type.Object({ documentId: Type.Integer(), code: Type.String(), verifyPath: Type.String() }),
    Type.Null(),
  ]),
});
export type OutboundNoticeDetail = Static<typeof OutboundNoticeDetail>;

/** What the institution may put in a notice: its filing's factors (filed, not blocked), staff, vehicles, equipment. */
export const OutboundOptions = Type.Object({
  eligible: Type.Boolean(),
  /** Why not (a reason key of outbound.messages.ts), when not eligible. */
  reason: Type.Union([Type.String(), Type.Null()]),
  filingNo: Type.Union([Type.String(), Type.Null()]),
  hazards: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  blocked: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  staff: Type.Array(OutboundStaff),
  vehicles: Type.Array(OutboundVehicle),
  equipment: Type.Array(OutboundEquipment),
});
export type OutboundOptions = Static<typeof OutboundOptions>;

// -------------------------------------------------------------------------------------------------
// 外出体检设置 (issue 16 item 4: "configurable per province / per county"): the province's notice period
// and the counties whose supervision is delegated to their city (代管). The provincial health commission
// keeps both (outbound:configure); whoever reads notices reads them.

export const outboundConfidences = ['verified', 'uncertain'] as const;

export const OutboundProvinceParams = Type.Object(
  { province: Type.String({ pattern: '^[0-9]{2}$', description: '省级行政区划代码（2 位）' }) },
  { additionalProperties: false },
);
export const OutboundDelegationParams = Type.Object(
  {
    province: Type.String({ pattern: '^[0-9]{2}$', description: '省级行政区划代码（2 位）' }),
    county: Type.String({ pattern: '^[0-9]{6}$', description: '县（市、区）行政区划代码（6 位）' }),
  },
  { additionalProperties: false },
);

/** The province's notice period as it applies now (a province without a row gets the Jilin default). */
export const OutboundSetting = Type.Object({
  provinceCode: Type.String(),
  provinceName: Type.String(),
  noticeWorkingDays: Type.Integer(),
  convention: lit(outboundConventions),
  legalBasis: Type.String(),
  confidence: lit(outboundConfidences),
  note: Type.Union([Type.String(), Type.Null()]),
  /** When it was last set (null: no row yet, the default applies). */
  updatedAt: Type.Union([Type.String(), Type.Null()]),
  isDefault: Type.Boolean(),
  /** The caller may change the setting and the delegations (the provincial commission with outbound:configure). */
  canConfigure: Type.Boolean(),
});
export type OutboundSetting = Static<typeof OutboundSetting>;

export const OutboundSettingInput = Type.Object(
  {
    noticeWorkingDays: Type.Integer({
      minimum: 1,
      maximum: 30,
      description: '提前告知的工作日数（1–30；吉林省 5）',
    }),
    convention: lit(
      outboundConventions,
      '计算口径：clear_days 告知日与开始日均不计；notice_day_counts 告知日（为工作日时）计入',
    ),
    legalBasis: Type.String({ minLength: 1, maxLength: 1000, description: '依据（文件名称、文号及条款）' }),
    confidence: lit(outboundConfidences, '口径是否已确认：verified 已确认；uncertain 待确认'),
    note: OptText(2000, '说明'),
  },
  { additionalProperties: false },
);
export type OutboundSettingInput = Static<typeof OutboundSettingInput>;

/** The example the OpenAPI documents: the Jilin rule, its reading confirmed. */
export const outboundSettingExample: OutboundSettingInput = {
  noticeWorkingDays: 5,
  convention: 'clear_days',
  legalBasis:
    '吉卫规〔2024〕2号 三：“在开展工作前5个工作日内以书面形式告知用人单位所在地的县(市、区)级卫生健康行政部门”',
  confidence: 'verified',
  note: '告知日与开始日均不计入，二者之间须有 5 个完整工作日（省卫生健康委确认）。',
};

export const OutboundDelegation = Type.Object({
  countyCode: Type.String(),
  countyName: Type.String(),
  cityCode: Type.String(),
  cityName: Type.String(),
  /** The city's health commission the notices go to (null: none registered — notices cannot be routed). */
  cityDepartment: Type.Union([Type.String(), Type.Null()]),
  /** The day the delegation was recorded (Asia/Shanghai). */
  since: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
});
export type OutboundDelegation = Static<typeof OutboundDelegation>;

export const OutboundDelegationInput = Type.Object(
  {
    countyCode: Type.String({
      pattern: '^[0-9]{6}$',
      description: '职业卫生监督由市（州）代管的县（市、区）代码；须为本省的县级区划',
    }),
    note: OptText(500, '说明（如代管依据）'),
  },
  { additionalProperties: false },
);
export type OutboundDelegationInput = Static<typeof OutboundDelegationInput>;

/** The example the OpenAPI documents (a county of 吉林市, not delegated in the demo). */
export const outboundDelegationExample: OutboundDelegationInput = {
  countyCode: '220271',
  note: '示例：该区职业卫生监督工作由吉林市卫生健康委员会代管',
};
