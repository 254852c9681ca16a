/**
 * 设备配置 (equipment compliance, issue 16 item 7; R21, R2). Three things:
 *  - the required-equipment catalogue (设备配置标准) as data, kept by equipment:manage holders — entered,
 *    edited, deleted or imported. The building standards of seed 000's annexes (《吉林省加强职业病防治技术
 *    支撑体系建设实施意见》附件1–3) and the national notices' equipment lists are NOT in the project's
 *    sources: the platform ships an EMPTY catalogue; the demo province seeds rows whose source is
 *    `演示数据` (EQUIPMENT_DEMO_SOURCE), which every screen labels as demo data;
 *  - the institution's ledger (设备台账): name, model, quantity, domain, the requirement an item satisfies,
 *    calibration due date, in / out of service;
 *  - compliance (设备配置达标率) per institution and domain, aggregated per region, against the targets of
 *    seed 002 一(一): 职业卫生 95 %, 放射卫生 85 %. The formula of the national notices is not in the sources;
 *    the platform's formula is stated with every answer and marked uncertain.
 */
import { Type, type Static } from 'typebox';
import type { OrganisationKind } from './permissions.js';

const lit = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      description ? { description } : {},
    ),
  );
const Nullable = <T extends ReturnType<typeof Type.String>>(s: T) => Type.Union([s, Type.Null()]);

/**
 * 领域. hygiene and radiation are the two rates of seed 002 一(一) (职业卫生、放射卫生检测设备配置达标率);
 * diagnosis (职业健康检查与诊断救治) and engineering (工程防护) are the other two kinds of technical support
 * that seed 000 四 and its annexes 2–3 name; they carry no target in the sources.
 */
export const equipmentDomains = ['hygiene', 'radiation', 'diagnosis', 'engineering'] as const;
export type EquipmentDomain = (typeof equipmentDomains)[number];
export const equipmentDomainLabels: Record<EquipmentDomain, { zh: string; en: string }> = {
  hygiene: { zh: '职业卫生检测', en: 'Occupational-hygiene detection' },
  radiation: { zh: '放射卫生检测', en: 'Radiation-hygiene detection' },
  diagnosis: { zh: '职业健康检查与诊断救治', en: 'Health exams, diagnosis and treatment' },
  engineering: { zh: '工程防护', en: 'Engineering protection' },
};

/** The institutions a catalogue row can apply to and that keep a ledger (organisation kinds). */
export const equipmentInstitutionKinds = [
  'support_institution',
  'qc_centre',
  'service_institution',
  'exam_institution',
  'diagnosis_institution',
] as const satisfies readonly OrganisationKind[];
export type EquipmentInstitutionKind = (typeof equipmentInstitutionKinds)[number];

/** The level a catalogue row applies to (the institution's region level); null: every level. */
export const equipmentLevels = ['province', 'city', 'county'] as const;
export type EquipmentLevel = (typeof equipmentLevels)[number];
export const equipmentLevelLabels: Record<EquipmentLevel, { zh: string; en: string }> = {
  province: { zh: '省级', en: 'Province' },
  city: { zh: '市级', en: 'City' },
  county: { zh: '县级', en: 'County' },
};

export const equipmentItemStatuses = ['in_service', 'out_of_service'] as const;
export type EquipmentItemStatus = (typeof equipmentItemStatuses)[number];

/** The `source` of every demo catalogue row: not from any standard. */
export const EQUIPMENT_DEMO_SOURCE = '演示数据';

/**
 * The targets (seed 002 一(一), Heilongjiang 2024, citing 《关于2021年全国职业病防治技术支撑机构能力建设调查评估
 * 情况的通报》 and 《关于2022年全国职业卫生放射卫生检测能力及技术服务质量监测评估情况的通报》): 职业卫生、放射卫生
 * 检测设备配置达标率分别提升到95%、85% (city CDCs, by the end of 2025).
 */
export const equipmentTargets: Partial<Record<EquipmentDomain, { rate: number; source: string }>> = {
  hygiene: {
    rate: 0.95,
    source:
      '黑龙江省职业病防治机构提质合规行动（2024-2025年）工作方案 一(一)：职业卫生检测设备配置达标率提升到95%',
  },
  radiation: {
    rate: 0.85,
    source:
      '黑龙江省职业病防治机构提质合规行动（2024-2025年）工作方案 一(一)：放射卫生检测设备配置达标率提升到85%',
  },
};

/** How the platform computes the rate; the notices' own formula is not in the sources (uncertain). */
export const equipmentFormula = {
  zh: '机构达标率 = 已满足的配置要求项数 ÷ 适用的配置要求项数（按领域分别计算）。一项要求“已满足”指：关联该要求、在用、且检定/校准未过期（未登记有效期的视为无需检定）的设备数量合计 ≥ 最低数量。地区达标率 = 地区内各机构已满足项数之和 ÷ 适用项数之和。国家通报的计算口径未见于资料，本公式为平台口径，待核实。',
  en: 'Institution rate = requirements satisfied ÷ requirements applicable, per domain. A requirement is satisfied when the items linked to it that are in service and whose calibration has not expired (no due date recorded: no calibration needed) add up to at least its minimum quantity. Region rate = the sum of satisfied requirements of its institutions ÷ the sum of applicable ones. The national notices’ formula is not in the sources; this is the platform’s own, to be confirmed.',
} as const;

// ---------------------------------------------------------------------------------------------------
// The catalogue.

const InstitutionKind = lit(equipmentInstitutionKinds, '适用机构类型（organisation kind）');
const Level = Type.Union([lit(equipmentLevels), Type.Null()], {
  description: '适用级别：province / city / county；null 为各级通用',
});
const Domain = lit(equipmentDomains, '领域');
const ItemName = Type.String({ minLength: 1, maxLength: 100, description: '设备名称' });
const MinQuantity = Type.Integer({ minimum: 1, maximum: 1000, description: '最低配置数量' });
const Source = Type.String({
  minLength: 1,
  maxLength: 500,
  description: '依据（标准或文件名称及条款）；演示数据填“演示数据”',
});
const EffectiveYear = Type.Integer({ minimum: 2000, maximum: 2100, description: '起始年份（自该年起适用）' });
const Note = Nullable(Type.String({ maxLength: 500 }));

export const EquipmentRequirementInput = Type.Object(
  {
    institutionKind: InstitutionKind,
    level: Level,
    domain: Domain,
    itemName: ItemName,
    minQuantity: MinQuantity,
    source: Source,
    effectiveYear: EffectiveYear,
    note: Type.Optional(Note),
  },
  {
    additionalProperties: false,
    examples: [
      {
        institutionKind: 'support_institution',
        level: 'county',
        domain: 'hygiene',
        itemName: '个体噪声剂量计',
        minQuantity: 2,
        source: '某省职业病监测评估技术支撑机构建设标准（示例，请填写实际文件及条款）',
        effectiveYear: 2026,
        note: null,
      },
    ],
  },
);
export type EquipmentRequirementInput = Static<typeof EquipmentRequirementInput>;

export const EquipmentRequirementPatch = Type.Object(
  {
    institutionKind: Type.Optional(InstitutionKind),
    level: Type.Optional(Level),
    domain: Type.Optional(Domain),
    itemName: Type.Optional(ItemName),
    minQuantity: Type.Optional(MinQuantity),
    source: Type.Optional(Source),
    effectiveYear: Type.Optional(EffectiveYear),
    note: Type.Optional(Note),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ minQuantity: 3 }] },
);
export type EquipmentRequirementPatch = Static<typeof EquipmentRequirementPatch>;

export const EquipmentRequirementRecord = Type.Object({
  id: Type.Integer(),
  institutionKind: InstitutionKind,
  level: Type.Union([lit(equipmentLevels), Type.Null()]),
  domain: Domain,
  itemName: Type.String(),
  minQuantity: Type.Integer(),
  source: Type.String(),
  effectiveYear: Type.Integer(),
  note: Type.Union([Type.String(), Type.Null()]),
  /** The source is 演示数据: a demo row, not from any standard. */
  demo: Type.Boolean(),
  /** Ledger items linked to it (a delete unlinks them). */
  linkedItems: Type.Integer(),
  importBatchId: Type.Union([Type.Integer(), Type.Null()]),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.String(),
  abilities: Type.Object({ update: Type.Boolean(), delete: Type.Boolean() }),
});
export type EquipmentRequirementRecord = Static<typeof EquipmentRequirementRecord>;

export const EquipmentRequirementQuery = Type.Object(
  {
    institutionKind: Type.Optional(InstitutionKind),
    level: Type.Optional(lit(equipmentLevels)),
    domain: Type.Optional(Domain),
    q: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type EquipmentRequirementQuery = Static<typeof EquipmentRequirementQuery>;

export const EquipmentRequirementList = Type.Object({
  data: Type.Array(EquipmentRequirementRecord),
  total: Type.Integer(),
  /** Rows in the whole catalogue, and how many of them are demo rows. */
  catalogueSize: Type.Integer(),
  demoRows: Type.Integer(),
  abilities: Type.Object({ manage: Type.Boolean() }),
});
export type EquipmentRequirementList = Static<typeof EquipmentRequirementList>;

/** Columns of the catalogue import template, in order. */
export const equipmentRequirementImportColumns = [
  '机构类型',
  '级别',
  '领域',
  '设备名称',
  '最低数量',
  '依据',
  '起始年份',
  '备注',
] as const;

// ---------------------------------------------------------------------------------------------------
// The ledger.

const ItemStatus = lit(equipmentItemStatuses, 'in_service 在用；out_of_service 停用（不计入达标）');
const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

const itemFields = {
  name: Type.String({ minLength: 1, maxLength: 100, description: '设备名称' }),
  model: Type.Optional(Nullable(Type.String({ maxLength: 100, description: '型号' }))),
  serialNo: Type.Optional(Nullable(Type.String({ maxLength: 100, description: '出厂编号 / 资产编号' }))),
  quantity: Type.Integer({ minimum: 1, maximum: 10000, description: '数量' }),
  domain: Domain,
  requirementId: Type.Optional(
    Type.Union([
      Type.Integer({ minimum: 1, description: '满足的配置要求（设备配置标准的条目）' }),
      Type.Null(),
    ]),
  ),
  calibrationDueOn: Type.Optional(
    Type.Union([IsoDate, Type.Null()], {
      description: '检定/校准有效期至；过期的设备不计入达标；不需检定的设备留空',
    }),
  ),
  status: ItemStatus,
  note: Type.Optional(Note),
};

export const EquipmentItemInput = Type.Object(
  {
    institutionId: Type.Optional(
      Type.Integer({ minimum: 1, description: '机构（缺省为本机构；监管部门为辖区内机构登记时必填）' }),
    ),
    ...itemFields,
  },
  {
    additionalProperties: false,
    examples: [
      {
        name: '个体噪声剂量计',
        model: 'AWA5610D',
        serialNo: 'ZS-2024-018',
        quantity: 2,
        domain: 'hygiene',
        requirementId: null,
        calibrationDueOn: '2027-06-30',
        status: 'in_service',
        note: null,
      },
    ],
  },
);
export type EquipmentItemInput = Static<typeof EquipmentItemInput>;

export const EquipmentItemPatch = Type.Object(
  {
    name: Type.Optional(itemFields.name),
    model: itemFields.model,
    serialNo: itemFields.serialNo,
    quantity: Type.Optional(itemFields.quantity),
    domain: Type.Optional(Domain),
    requirementId: itemFields.requirementId,
    calibrationDueOn: itemFields.calibrationDueOn,
    status: Type.Optional(ItemStatus),
    note: itemFields.note,
  },
  {
    additionalProperties: false,
    minProperties: 1,
    examples: [{ calibrationDueOn: '2027-12-31', status: 'in_service' }],
  },
);
export type EquipmentItemPatch = Static<typeof EquipmentItemPatch>;

/** Why an item does not count on the evaluation date. */
export const equipmentNotCountingReasons = ['out_of_service', 'calibration_expired', 'not_linked'] as const;
export type EquipmentNotCountingReason = (typeof equipmentNotCountingReasons)[number];

export const EquipmentItemRecord = Type.Object({
  id: Type.Integer(),
  institutionId: Type.Integer(),
  name: Type.String(),
  model: Type.Union([Type.String(), Type.Null()]),
  serialNo: Type.Union([Type.String(), Type.Null()]),
  quantity: Type.Integer(),
  domain: Domain,
  requirementId: Type.Union([Type.Integer(), Type.Null()]),
  requirementName: Type.Union([Type.String(), Type.Null()]),
  calibrationDueOn: Type.Union([Type.String(), Type.Null()]),
  status: ItemStatus,
  note: Type.Union([Type.String(), Type.Null()]),
  /** Counts towards its requirement on the evaluation date; else why not. */
  counts: Type.Boolean(),
  notCountingReason: Type.Union([lit(equipmentNotCountingReasons), Type.Null()]),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.String(),
  abilities: Type.Object({ update: Type.Boolean(), delete: Type.Boolean() }),
});
export type EquipmentItemRecord = Static<typeof EquipmentItemRecord>;

// ---------------------------------------------------------------------------------------------------
// Compliance.

export const DomainRate = Type.Object({
  domain: Domain,
  /** Applicable requirements (for a region: summed over its institutions). */
  required: Type.Integer(),
  satisfied: Type.Integer(),
  /** satisfied / required; null when nothing is required. */
  rate: Type.Union([Type.Number(), Type.Null()]),
  /** The target of seed 002 for hygiene and radiation; null for the other domains. */
  target: Type.Union([Type.Number(), Type.Null()]),
  meets: Type.Union([Type.Boolean(), Type.Null()]),
  /** Institutions evaluated in this domain, and those below the target (regions only). */
  institutions: Type.Optional(Type.Integer()),
  institutionsBelow: Type.Optional(Type.Integer()),
});
export type DomainRate = Static<typeof DomainRate>;

export const RequirementCheck = Type.Object({
  requirementId: Type.Integer(),
  domain: Domain,
  itemName: Type.String(),
  minQuantity: Type.Integer(),
  source: Type.String(),
  demo: Type.Boolean(),
  /** Quantity of linked items that count. */
  counted: Type.Integer(),
  /** Quantity linked but not counting (out of service, calibration expired). */
  notCounted: Type.Integer(),
  satisfied: Type.Boolean(),
});
export type RequirementCheck = Static<typeof RequirementCheck>;

export const InstitutionCompliance = Type.Object({
  institutionId: Type.Integer(),
  name: Type.String(),
  kind: Type.String(),
  level: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  items: Type.Integer(),
  domains: Type.Array(DomainRate),
  /** Below the target in any domain that has one. */
  belowTarget: Type.Boolean(),
});
export type InstitutionCompliance = Static<typeof InstitutionCompliance>;

export const RegionCompliance = Type.Object({
  regionCode: Type.String(),
  regionName: Type.String(),
  /** true: the institutions located at this region itself (省本级 / 市本级), not in a sub-region. */
  own: Type.Boolean(),
  institutions: Type.Integer(),
  domains: Type.Array(DomainRate),
  /** A further level below (drill-down possible). */
  hasChildren: Type.Boolean(),
});
export type RegionCompliance = Static<typeof RegionCompliance>;

const Formula = Type.Object({ zh: Type.String(), en: Type.String() });
const Target = Type.Object({ domain: Domain, rate: Type.Number(), source: Type.String() });

export const ComplianceQuery = Type.Object(
  {
    region: Type.Optional(
      Type.String({ pattern: '^(\\d{2}|\\d{4}|\\d{6})$', description: '地区代码（缺省为本辖区）' }),
    ),
    date: Type.Optional(Type.String({ format: 'date', description: '评价日期（缺省为今天）' })),
  },
  { additionalProperties: false },
);
export type ComplianceQuery = Static<typeof ComplianceQuery>;

export const ComplianceReport = Type.Object({
  date: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  /** The region's parents up to the user's scope (breadcrumb of the drill-down). */
  path: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  formula: Formula,
  uncertain: Type.Literal(true),
  targets: Type.Array(Target),
  total: RegionCompliance,
  children: Type.Array(RegionCompliance),
  institutions: Type.Array(InstitutionCompliance),
  /** Catalogue rows applicable on the date, and how many are demo rows. */
  catalogueRows: Type.Integer(),
  demoRows: Type.Integer(),
});
export type ComplianceReport = Static<typeof ComplianceReport>;

export const EquipmentInstitutionQuery = Type.Object(
  {
    region: ComplianceQuery.properties.region,
    q: Type.Optional(Type.String({ maxLength: 100 })),
    kind: Type.Optional(InstitutionKind),
    belowTarget: Type.Optional(Type.Boolean()),
    date: ComplianceQuery.properties.date,
  },
  { additionalProperties: false },
);
export type EquipmentInstitutionQuery = Static<typeof EquipmentInstitutionQuery>;

export const EquipmentInstitutionList = Type.Object({
  date: Type.String(),
  data: Type.Array(InstitutionCompliance),
  total: Type.Integer(),
  abilities: Type.Object({ record: Type.Boolean() }),
});
export type EquipmentInstitutionList = Static<typeof EquipmentInstitutionList>;

export const EquipmentLedgerQuery = Type.Object(
  { date: ComplianceQuery.properties.date },
  { additionalProperties: false },
);
export type EquipmentLedgerQuery = Static<typeof EquipmentLedgerQuery>;

export const EquipmentLedger = Type.Object({
  date: Type.String(),
  institution: InstitutionCompliance,
  items: Type.Array(EquipmentItemRecord),
  requirements: Type.Array(RequirementCheck),
  /** Catalogue rows that can be linked from this institution's items (its kind and level, in force). */
  linkable: Type.Array(
    Type.Object({
      id: Type.Integer(),
      domain: Domain,
      itemName: Type.String(),
      minQuantity: Type.Integer(),
      demo: Type.Boolean(),
    }),
  ),
  formula: Formula,
  targets: Type.Array(Target),
  abilities: Type.Object({ record: Type.Boolean() }),
});
export type EquipmentLedger = Static<typeof EquipmentLedger>;
