import { Type, type Static } from 'typebox';
import { Paging } from './schemas.js';

/**
 * 信息公开 (issue 16 item 8; R45, R51, R52): the lists the provincial commission publishes without login.
 * Each kind's rows come from the module that owns the facts (filings, verifications, qc, rectifications)
 * as `PublicListRow`s; a publication freezes them with its date.
 */
export const publicListKinds = [
  'filed_institutions', // 备案机构名单: filed exam / diagnosis institutions, their items and the regions they serve
  'qc_qualified', // 质控合格机构名单: the latest completed QC assessment graded 合格 (or 基本合格, shown as such)
  'lacking_capability', // 不具备条件的机构或不具备能力的服务项目 (on-site verification, R45)
  'refusing_rectification', // 拒不整改或整改不到位的机构名单及主要问题 (R25, seed 004 六)
] as const;
export type PublicListKind = (typeof publicListKinds)[number];

export const PublicListRow = Type.Object({
  institutionId: Type.Integer(),
  institutionName: Type.String(),
  /** The institution's region code and its full name (省 市 县). */
  regionCode: Type.String(),
  regionName: Type.String(),
  /** Filing number, grade, … — what identifies the entry on the list. */
  reference: Type.Optional(Type.String()),
  /** The items the entry is about: filed categories / factors, items lacking capability, main problems. */
  items: Type.Array(Type.String()),
  /** Regions served (filed institutions) or further detail, as printed. */
  detail: Type.Optional(Type.String()),
  /** The date the fact took effect (filed on, assessed on, verified on, marked on). */
  since: Type.Optional(Type.String({ format: 'date' })),
});
export type PublicListRow = Static<typeof PublicListRow>;

type Label = { zh: string; en: string };

/**
 * How each list is titled and printed: its title, the legal basis of publishing it, the column headings
 * of `reference`, `items`, `detail` and `since`, and a footnote printed under the list.
 */
export const publicListKindInfo: Record<
  PublicListKind,
  {
    title: Label;
    description: Label;
    basis: string;
    reference: Label;
    items: Label;
    detail: Label;
    since: Label;
    footnote?: Label;
  }
> = {
  filed_institutions: {
    title: { zh: '职业健康检查机构和职业病诊断机构备案名单', en: 'Filed exam and diagnosis institutions' },
    description: {
      zh: '已在省级卫生健康行政部门备案的职业健康检查机构、职业病诊断机构，及其备案的检查类别和项目、服务地区。',
      en: 'Occupational-health exam and diagnosis institutions filed with the provincial health commission, with the categories and items they filed and the regions they serve.',
    },
    basis:
      '《职业健康检查管理办法》第四条（省级卫生健康主管部门公布备案的职业健康检查机构名单：名称、地址、检查类别和项目）；《职业病诊断与鉴定管理办法》（诊断机构备案）',
    reference: { zh: '备案编号', en: 'Filing number' },
    items: { zh: '备案的检查类别和项目', en: 'Filed categories and items' },
    detail: { zh: '地址及服务地区', en: 'Address and regions served' },
    since: { zh: '备案日期', en: 'Filed on' },
    footnote: {
      zh: '服务地区：备案信息未单独登记服务地区，按机构所在地列示；外出职业健康检查按告知书另行告知。',
      en: 'Regions served: filings do not record a service area, so the institution’s own region is shown; outbound exams are notified separately.',
    },
  },
  qc_qualified: {
    title: {
      zh: '职业健康检查和职业病诊断质量控制考核合格机构名单',
      en: 'Institutions that passed quality control',
    },
    description: {
      zh: '最近一次质量控制考核（评估）结果为合格或基本合格的职业健康检查机构、职业病诊断机构。',
      en: 'Exam and diagnosis institutions whose latest completed quality-control assessment was graded pass or basic pass.',
    },
    basis: '吉卫规〔2024〕2号 五（及时向社会公布相关质量考核或质量控制评估的结果、整改要求及整改落实情况）',
    reference: { zh: '考核结果', en: 'Grade' },
    items: { zh: '考核内容', en: 'Assessed' },
    detail: { zh: '说明', en: 'Notes' },
    since: { zh: '考核日期', en: 'Assessed on' },
  },
  lacking_capability: {
    title: {
      zh: '不具备规定条件的职业健康检查机构名单及不具备能力的服务项目',
      en: 'Institutions not meeting the conditions, and items they lack capability for',
    },
    description: {
      zh: '备案后现场核查发现不具备《职业健康检查管理办法》规定条件的机构，或机构不具备能力的服务项目（危害因素）。所列项目不得开展。',
      en: 'Institutions found on the on-site verification after filing not to meet the conditions of the Measures, or the service items (hazard factors) they lack capability for. The listed items may not be performed.',
    },
    basis:
      '国卫办职健函〔2023〕241号（备案后3个月内现场核查，公布不具备条件的机构或不具备能力的服务项目）；吉卫规〔2024〕2号 一(三)',
    reference: { zh: '核查结论', en: 'Verification finding' },
    items: { zh: '不具备能力的服务项目', en: 'Items lacking capability' },
    detail: { zh: '主要问题', en: 'Main problems' },
    since: { zh: '核查日期', en: 'Verified on' },
  },
  refusing_rectification: {
    title: {
      zh: '拒不整改或整改不到位的职业健康检查机构和职业病诊断机构名单',
      en: 'Institutions refusing or failing rectification',
    },
    description: {
      zh: '经督促仍拒不整改或整改不到位的职业健康检查机构、职业病诊断机构，以及存在的主要问题。',
      en: 'Exam and diagnosis institutions that refused or failed to rectify after being urged to, with their main problems.',
    },
    basis:
      '吉卫规〔2024〕2号 六（省卫生健康委将及时向社会公布拒不整改或整改不到位的机构名单以及存在的主要问题）',
    reference: { zh: '认定情形', en: 'Finding' },
    items: { zh: '存在的主要问题', en: 'Main problems' },
    detail: { zh: '说明', en: 'Notes' },
    since: { zh: '认定日期', en: 'Found on' },
  },
};

/** A closed set of strings, typed as its union. */
const lit = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      description ? { description } : {},
    ),
  );
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const publicListStatuses = ['published', 'withdrawn'] as const;
export type PublicListStatus = (typeof publicListStatuses)[number];

export const PublicListKindParams = Type.Object(
  { kind: lit(publicListKinds, '名单类别') },
  { additionalProperties: false },
);
export type PublicListKindParams = Static<typeof PublicListKindParams>;

const Search = Type.Optional(
  Type.String({ maxLength: 100, description: '机构名称、地区、编号或项目中的文字（不分大小写）' }),
);

// ---------- the commission's side (public_lists:publish, provincial commission only) ----------

export const PublicListPreviewQuery = Type.Object({ q: Search }, { additionalProperties: false });
export type PublicListPreviewQuery = Static<typeof PublicListPreviewQuery>;

/** What publishing now would freeze: the rows computed live, and how they differ from the current publication. */
export const PublicListPreview = Type.Object({
  kind: lit(publicListKinds),
  provinceCode: Type.String(),
  provinceName: Type.String(),
  /** Rows that match `q` (all rows without it), in print order. */
  rows: Type.Array(PublicListRow),
  /** Every row (the count a publication would freeze), whatever `q` says. */
  total: Type.Integer(),
  /** Whether the kind's rows can be computed yet (false until the owning module exists). */
  available: Type.Boolean(),
  current: Type.Union([
    Type.Object({ id: Type.Integer(), publishedOn: Type.String(), rowCount: Type.Integer() }),
    Type.Null(),
  ]),
  /** Against the current publication, by institution: rows added, removed, and present in both but changed. */
  changes: Type.Union([
    Type.Object({ added: Type.Integer(), removed: Type.Integer(), changed: Type.Integer() }),
    Type.Null(),
  ]),
});
export type PublicListPreview = Static<typeof PublicListPreview>;

export const PublicListPublishInput = Type.Object(
  {
    kind: lit(publicListKinds, '名单类别'),
    /** The publication date printed with the list; today when left out; never in the future. */
    publishedOn: Type.Optional(
      Type.String({ format: 'date', description: '公布日期（默认今天，不得晚于今天）' }),
    ),
    note: Type.Optional(Type.String({ maxLength: 500, description: '公布说明（随名单公开）' })),
  },
  { additionalProperties: false },
);
export type PublicListPublishInput = Static<typeof PublicListPublishInput>;
export const publicListPublishExample: PublicListPublishInput = {
  kind: 'filed_institutions',
  note: '根据《职业健康检查管理办法》第四条，现将本省已备案的职业健康检查机构和职业病诊断机构名单予以公布。',
};

export const PublicListWithdrawInput = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500, description: '撤回原因' }) },
  { additionalProperties: false },
);
export type PublicListWithdrawInput = Static<typeof PublicListWithdrawInput>;

export const PublicListListQuery = Type.Object(
  {
    ...Paging,
    kind: Type.Optional(lit(publicListKinds)),
    status: Type.Optional(lit(publicListStatuses)),
  },
  { additionalProperties: false },
);
export type PublicListListQuery = Static<typeof PublicListListQuery>;

export const PublicListSummary = Type.Object({
  id: Type.Integer(),
  kind: lit(publicListKinds),
  provinceCode: Type.String(),
  publishedOn: Type.String(),
  publishedAt: Type.String(),
  publisherName: Type.String(),
  publishedByName: Nullable(Type.String()),
  note: Nullable(Type.String()),
  rowCount: Type.Integer(),
  status: lit(publicListStatuses),
  /** The publication the public pages show for its kind now (the latest one not withdrawn). */
  current: Type.Boolean(),
  withdrawnAt: Nullable(Type.String()),
  withdrawnByName: Nullable(Type.String()),
  withdrawReason: Nullable(Type.String()),
  abilities: Type.Object({ withdraw: Type.Boolean() }),
});
export type PublicListSummary = Static<typeof PublicListSummary>;

export const PublicListDetailQuery = Type.Object({ ...Paging, q: Search }, { additionalProperties: false });
export type PublicListDetailQuery = Static<typeof PublicListDetailQuery>;

/** One publication with its frozen rows (a page of them, filtered by `q`). */
export const PublicListDetail = Type.Object({
  publication: PublicListSummary,
  data: Type.Array(PublicListRow),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type PublicListDetail = Static<typeof PublicListDetail>;

/** Per kind, the current publication of the actor's province (the management overview). */
export const PublicListOverview = Type.Object({
  provinceCode: Type.String(),
  provinceName: Type.String(),
  kinds: Type.Array(
    Type.Object({
      kind: lit(publicListKinds),
      available: Type.Boolean(),
      current: Type.Union([PublicListSummary, Type.Null()]),
      publications: Type.Integer(),
    }),
  ),
});
export type PublicListOverview = Static<typeof PublicListOverview>;

// ---------- public (no login): only what the list prints ----------

/** A row as printed: no internal ids, no personal data. */
export const PublicListEntry = Type.Object(
  {
    institutionName: Type.String(),
    regionCode: Type.String(),
    regionName: Type.String(),
    reference: Nullable(Type.String()),
    items: Type.Array(Type.String()),
    detail: Nullable(Type.String()),
    since: Nullable(Type.String()),
  },
  { additionalProperties: false },
);
export type PublicListEntry = Static<typeof PublicListEntry>;

/** A publication as the public sees it: its date, who published it (the commission), the note. */
export const PublicPublication = Type.Object(
  {
    id: Type.Integer(),
    kind: lit(publicListKinds),
    publishedOn: Type.String(),
    publisherName: Type.String(),
    note: Nullable(Type.String()),
    rowCount: Type.Integer(),
  },
  { additionalProperties: false },
);
export type PublicPublication = Static<typeof PublicPublication>;

export const PublicListIndexQuery = Type.Object(
  { province: Type.Optional(Type.String({ pattern: '^\\d{2}$', description: '省级行政区划代码（2 位）' })) },
  { additionalProperties: false },
);
export type PublicListIndexQuery = Static<typeof PublicListIndexQuery>;

export const PublicListIndex = Type.Object(
  {
    provinces: Type.Array(
      Type.Object(
        {
          code: Type.String(),
          name: Type.String(),
          lists: Type.Array(
            Type.Object(
              {
                kind: lit(publicListKinds),
                latest: Type.Union([PublicPublication, Type.Null()]),
                /** Earlier publications of the kind still published (reachable from the list page). */
                earlier: Type.Integer(),
              },
              { additionalProperties: false },
            ),
          ),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type PublicListIndex = Static<typeof PublicListIndex>;

export const PublicListPageParams = Type.Object(
  {
    province: Type.String({ pattern: '^\\d{2}$', description: '省级行政区划代码（2 位）' }),
    kind: lit(publicListKinds, '名单类别'),
  },
  { additionalProperties: false },
);
export type PublicListPageParams = Static<typeof PublicListPageParams>;

export const PublicListPageQuery = Type.Object(
  {
    ...Paging,
    /** An earlier publication of the same list (default: the latest). */
    publication: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
    q: Search,
  },
  { additionalProperties: false },
);
export type PublicListPageQuery = Static<typeof PublicListPageQuery>;

export const PublicListPage = Type.Object(
  {
    provinceCode: Type.String(),
    provinceName: Type.String(),
    kind: lit(publicListKinds),
    publication: PublicPublication,
    /** Every publication of the list still published, newest first (the one shown included). */
    history: Type.Array(PublicPublication),
    data: Type.Array(PublicListEntry),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  },
  { additionalProperties: false },
);
export type PublicListPage = Static<typeof PublicListPage>;
