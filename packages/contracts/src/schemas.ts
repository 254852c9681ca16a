/**
 * Request and response schemas (TypeBox → JSON Schema). The server validates with them and publishes
 * them as OpenAPI; the web app imports the static types. One pair per endpoint.
 */
import { Type, type Static, type TSchema } from 'typebox';
import { organisationKinds, permissionKeys } from './permissions.js';

export const ErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      reason: Type.Optional(Type.String()),
      message: Type.String(),
      details: Type.Optional(
        Type.Array(Type.Object({ path: Type.String(), reason: Type.String(), message: Type.String() })),
      ),
      requestId: Type.String(),
    }),
  },
  { $id: 'Error' },
);

export const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
export const IdParams = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,9}$' }) });
export type IdParams = Static<typeof IdParams>;

/** GB/T 2260-style region code: 2 (province), 4 (city), 6 (county) or 9 (township) digits. */
export const RegionCode = Type.String({ pattern: '^(\\d{2}|\\d{4}|\\d{6}|\\d{9})$' });

export const Paging = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
};

/**
 * Lists that can be long (organisations, users, login log, audit trail) count their matches exactly only
 * up to a limit (OHP_LIST_EXACT_COUNT_LIMIT); above it `total` is an estimate and `totalExact` false.
 * `exactTotal=true` asks for the exact count, however long it takes.
 */
export const ListTotalQuery = {
  exactTotal: Type.Optional(
    Type.Boolean({ description: 'Count every match exactly (slower on long lists)' }),
  ),
};

/** The file format of a list export: xlsx (default; a second sheet records the filter) or csv. */
export const exportFormats = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof exportFormats)[number];
export const ExportFormatQuery = {
  format: Type.Optional(
    Type.Union([Type.Literal('xlsx'), Type.Literal('csv')], {
      description: 'xlsx (default, with a sheet recording the filter) or csv (UTF-8 with BOM)',
    }),
  ),
};

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    data: Type.Array(item),
    total: Type.Integer(),
    /** false: `total` is an estimate (more matches than the exact-count limit); absent or true: exact. */
    totalExact: Type.Optional(Type.Boolean()),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });

export const Data = <T extends TSchema>(item: T) => Type.Object({ data: item });

// ---------- health ----------
export const HealthResponse = Type.Object({
  status: Type.Literal('ok'),
  db: Type.Union([Type.Literal('pglite'), Type.Literal('postgresql')]),
  version: Type.String(),
  /** When the database last answered (reused for OHP_HEALTH_CHECK_MS). */
  checkedAt: Type.String({ format: 'date-time' }),
});

// ---------- auth ----------
export const LoginRequest = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
    captchaId: Type.Optional(Type.String({ maxLength: 64 })),
    captchaAnswer: Type.Optional(Type.String({ maxLength: 16 })),
    totp: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
  },
  {
    additionalProperties: false,
    // Works as is on the demo province (test/openapi-examples.test.ts posts it).
    examples: [{ username: 'demo-city', password: 'Demo@2026!' }],
  },
);
export type LoginRequest = Static<typeof LoginRequest>;

export const Abilities = Type.Record(Type.String(), Type.Boolean());

export const MeResponse = Type.Object({
  user: Type.Object({
    id: Type.Integer(),
    username: Type.String(),
    displayName: Type.String(),
    mustChangePassword: Type.Boolean(),
    totpEnabled: Type.Boolean(),
    totpRequired: Type.Boolean(),
    passwordExpiresAt: Type.Union([Type.String(), Type.Null()]),
  }),
  organisation: Type.Object({
    id: Type.Integer(),
    name: Type.String(),
    kind: Type.String(),
    regionCode: Type.String(),
    regionName: Type.String(),
    level: Type.String(),
  }),
  roles: Type.Array(Type.Object({ key: Type.String(), nameZh: Type.String(), nameEn: Type.String() })),
  permissions: Type.Array(Type.String()),
  csrfToken: Type.String(),
});
export type MeResponse = Static<typeof MeResponse>;

export const ChangePasswordRequest = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
    newPassword: Type.String({ minLength: 1, maxLength: 256 }),
  },
  {
    additionalProperties: false,
    // Works as is on the demo province (test/openapi-examples.test.ts posts it).
    examples: [{ currentPassword: 'Demo@2026!', newPassword: 'Harbour#Kite7*' }],
  },
);
export type ChangePasswordRequest = Static<typeof ChangePasswordRequest>;

export const CaptchaResponse = Type.Object({ captchaId: Type.String(), svg: Type.String() });

export const TotpSetupResponse = Type.Object({ secret: Type.String(), otpauthUrl: Type.String() });
export const TotpConfirmRequest = Type.Object(
  { code: Type.String({ pattern: '^\\d{6}$' }) },
  {
    additionalProperties: false,
    // Works as is on the demo province (test/openapi-examples.test.ts posts it).
    examples: [{ code: '123456' }],
  },
);
export type TotpConfirmRequest = Static<typeof TotpConfirmRequest>;
/**
 * Re-authentication for the second factor: starting a (re)binding while one is bound, and removing it,
 * need the current password and a current code from the bound authenticator (the code only when bound).
 */
export const TotpReauthRequest = Type.Object(
  {
    currentPassword: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    code: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
  },
  {
    additionalProperties: false,
    // Works as is on the demo province (test/openapi-examples.test.ts posts it).
    examples: [{}],
  },
);
export type TotpReauthRequest = Static<typeof TotpReauthRequest>;
export const TotpRemoveRequest = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
    code: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
  },
  {
    additionalProperties: false,
    // Works as is on the demo province (test/openapi-examples.test.ts posts it).
    examples: [{ currentPassword: 'Demo@2026!', code: '123456' }],
  },
);
export type TotpRemoveRequest = Static<typeof TotpRemoveRequest>;

// ---------- organisations ----------
export const OrganisationKindSchema = Type.Enum(organisationKinds);
export const OrgLevel = Type.Union([
  Type.Literal('province'),
  Type.Literal('city'),
  Type.Literal('county'),
  Type.Literal('township'),
]);

export const OrganisationInput = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 200 }),
    kind: OrganisationKindSchema,
    regionCode: RegionCode,
    creditCode: Type.Optional(Type.Union([Type.String({ maxLength: 18 }), Type.Null()])),
    isPublic: Type.Optional(Type.Boolean()),
    parentId: Type.Optional(Type.Union([Id, Type.Null()])),
    supervisorId: Type.Optional(Type.Union([Id, Type.Null()])),
    industryCode: Type.Optional(Type.Union([Type.String({ pattern: '^[A-T]?\\d{2,4}$' }), Type.Null()])),
    employees: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 10000000 }), Type.Null()])),
    /** Staff exposed to occupational-disease hazards (接害人数); never more than employees. */
    exposedEmployees: Type.Optional(
      Type.Union([Type.Integer({ minimum: 0, maximum: 10000000 }), Type.Null()]),
    ),
    // 万元; 1e9 万元 = 10 万亿元, above any enterprise's revenue.
    revenueWanYuan: Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: 1e9 }), Type.Null()])),
    address: Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()])),
    contactName: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Null()])),
    contactPhone: Type.Optional(Type.Union([Type.String({ maxLength: 30 }), Type.Null()])),
  },
  {
    additionalProperties: false,
    // Works as is on the demo province (test/openapi-examples.test.ts posts it).
    examples: [
      {
        name: '长春示例机械制造有限公司',
        kind: 'employer',
        regionCode: '220102',
        isPublic: false,
        industryCode: '3421',
        employees: 120,
        revenueWanYuan: 8000,
        address: '长春市南关区示例路 1 号',
        contactName: '王明',
        contactPhone: '0431-88886666',
      },
    ],
  },
);
export type OrganisationInput = Static<typeof OrganisationInput>;
export const OrganisationPatch = Type.Partial(OrganisationInput, {
  additionalProperties: false,
  // Works as is on the demo province (test/openapi-examples.test.ts posts it).
  examples: [{ contactName: '李华', contactPhone: '0431-88887777', address: '长春市南关区人民大街 1 号' }],
});
export type OrganisationPatch = Static<typeof OrganisationPatch>;

export const Organisation = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  kind: Type.String(),
  level: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  creditCode: Type.Union([Type.String(), Type.Null()]),
  isPublic: Type.Boolean(),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  supervisorId: Type.Union([Type.Integer(), Type.Null()]),
  industryCode: Type.Union([Type.String(), Type.Null()]),
  /** The GB/T 4754 name of industryCode. */
  industryName: Type.Union([Type.String(), Type.Null()]),
  employees: Type.Union([Type.Integer(), Type.Null()]),
  exposedEmployees: Type.Union([Type.Integer(), Type.Null()]),
  revenueWanYuan: Type.Union([Type.Number(), Type.Null()]),
  enterpriseSize: Type.Union([Type.String(), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]),
  contactName: Type.Union([Type.String(), Type.Null()]),
  contactPhone: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  /**
   * Names of the parent and supervising organisation, in the detail (GET /organisations/:id and
   * /my-organisation) only; null when there is none or it lies outside the caller's scope.
   */
  parentName: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  supervisorName: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  abilities: Abilities,
});
export type Organisation = Static<typeof Organisation>;

/** The columns the list sorts by; a leading '-' sorts descending. Names sort by pinyin. */
export const organisationSortKeys = ['name', 'creditCode', 'regionCode', 'employees', 'createdAt'] as const;
export type OrganisationSortKey = (typeof organisationSortKeys)[number];

export const OrganisationListQuery = Type.Object(
  {
    ...Paging,
    ...ListTotalQuery,
    q: Type.Optional(Type.String({ maxLength: 100 })),
    kind: Type.Optional(OrganisationKindSchema),
    regionCode: Type.Optional(RegionCode),
    creditCode: Type.Optional(Type.String({ maxLength: 18 })),
    // Unsafe states the static type, which TypeBox cannot infer from a union built from an array.
    sort: Type.Optional(
      Type.Unsafe<OrganisationSortKey | `-${OrganisationSortKey}`>(
        Type.Union(organisationSortKeys.flatMap((k) => [Type.Literal(k), Type.Literal(`-${k}`)])),
      ),
    ),
  },
  { additionalProperties: false },
);
export type OrganisationListQuery = Static<typeof OrganisationListQuery>;

/**
 * 本单位信息: what an organisation's own users may change (PATCH /my-organisation). Name, credit code,
 * region and type are accepted only unchanged (so a client may send back what it read); a different
 * value is refused, field by field, with `organisation_field_regulator_only`: the regulator changes them.
 */
export const MyOrganisationPatch = Type.Object(
  {
    contactName: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Null()])),
    contactPhone: Type.Optional(Type.Union([Type.String({ maxLength: 30 }), Type.Null()])),
    address: Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()])),
    employees: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 10000000 }), Type.Null()])),
    exposedEmployees: Type.Optional(
      Type.Union([Type.Integer({ minimum: 0, maximum: 10000000 }), Type.Null()]),
    ),
    name: Type.Optional(Type.String({ maxLength: 200, description: 'Refused unless unchanged' })),
    creditCode: Type.Optional(
      Type.Union([Type.String({ maxLength: 18 }), Type.Null()], { description: 'Refused unless unchanged' }),
    ),
    regionCode: Type.Optional(Type.String({ maxLength: 9, description: 'Refused unless unchanged' })),
    kind: Type.Optional(Type.String({ maxLength: 40, description: 'Refused unless unchanged' })),
  },
  {
    additionalProperties: false,
    // Works as is for any business user of the demo province (test/openapi-examples.test.ts posts it).
    examples: [
      {
        contactName: '王经理',
        contactPhone: '0431-88886666',
        address: '长春市南关区人民大街 1000 号',
        employees: 120,
        exposedEmployees: 35,
      },
    ],
  },
);
export type MyOrganisationPatch = Static<typeof MyOrganisationPatch>;

/** One field an audited change touched, as the audit trail stored it (personal data masked). */
export const OrganisationFieldChange = Type.Object({
  /** The API field name (name, regionCode, contactPhone …). */
  field: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
  /** Names for code values: the region, industry, parent or supervising organisation (in scope). */
  beforeLabel: Type.Union([Type.String(), Type.Null()]),
  afterLabel: Type.Union([Type.String(), Type.Null()]),
});

/** An audit entry about one organisation, for its 变更记录 (GET /organisations/:id/history). */
export const OrganisationHistoryEntry = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actorUsername: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  changes: Type.Array(OrganisationFieldChange),
});
export type OrganisationHistoryEntry = Static<typeof OrganisationHistoryEntry>;
export const OrganisationHistoryQuery = Type.Object({ ...Paging }, { additionalProperties: false });

export const ImportReport = Type.Object({
  /** The import batch; its rejected rows download from /import/:batchId/errors when errorFileId is set. */
  batchId: Type.Integer(),
  dryRun: Type.Boolean(),
  total: Type.Integer(),
  accepted: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  rejected: Type.Integer(),
  errors: Type.Array(
    Type.Object({
      row: Type.Integer(),
      column: Type.String(),
      reason: Type.String(),
      message: Type.String(),
    }),
  ),
  errorFileId: Type.Union([Type.String(), Type.Null()]),
  /** Records a door deleted (the national XML's Delete operation); absent when none. */
  deleted: Type.Optional(Type.Integer()),
  /**
   * Every record's outcome, in order, for the doors of other systems (the JSON batch, the national
   * XML): `key` is the record's own ID (the card's record ID).
   */
  results: Type.Optional(
    Type.Array(
      Type.Object({
        row: Type.Integer(),
        key: Type.Union([Type.String(), Type.Null()]),
        outcome: Type.Union([
          Type.Literal('accepted'),
          Type.Literal('updated'),
          Type.Literal('unchanged'),
          Type.Literal('deleted'),
          Type.Literal('valid'),
          Type.Literal('rejected'),
        ]),
      }),
    ),
  ),
  /** Rows taken with a remark to check (e.g. a suspected disease the hazard map cannot confirm). */
  warnings: Type.Optional(
    Type.Array(
      Type.Object({
        row: Type.Integer(),
        column: Type.String(),
        reason: Type.String(),
        message: Type.String(),
      }),
    ),
  ),
});
export type ImportReport = Static<typeof ImportReport>;

export const importBatchStatuses = ['queued', 'running', 'done', 'failed'] as const;
export type ImportBatchStatus = (typeof importBatchStatuses)[number];

/**
 * An upload as a job (issue 15 item 0): queued, then read and staged (`stage`), validated and committed
 * chunk by chunk (`process`), then reported (`report`). `report` is set once it is done; `error` when the
 * whole file was refused (too many rows, unreadable, …) or the job failed.
 */
export const ImportBatch = Type.Object({
  batchId: Type.Integer(),
  kind: Type.String(),
  fileName: Type.Union([Type.String(), Type.Null()]),
  dryRun: Type.Boolean(),
  status: Type.Union([
    Type.Literal('queued'),
    Type.Literal('running'),
    Type.Literal('done'),
    Type.Literal('failed'),
  ]),
  progress: Type.Object({
    phase: Type.String(),
    done: Type.Integer(),
    total: Type.Union([Type.Integer(), Type.Null()]),
  }),
  createdAt: Type.String({ format: 'date-time' }),
  finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  report: Type.Union([ImportReport, Type.Null()]),
  error: Type.Union([Type.Object({ reason: Type.String(), message: Type.String() }), Type.Null()]),
});
export type ImportBatch = Static<typeof ImportBatch>;

// ---------- users ----------
export const UserInput = Type.Object(
  {
    username: Type.String({ pattern: '^[a-zA-Z0-9_.-]{3,64}$' }),
    displayName: Type.String({ minLength: 1, maxLength: 64 }),
    organisationId: Id,
    roleKeys: Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: 20 }),
    phone: Type.Optional(Type.Union([Type.String({ pattern: '^1\\d{10}$' }), Type.Null()])),
    email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 200 }), Type.Null()])),
  },
  {
    additionalProperties: false,
    // Works as is on the demo province (test/openapi-examples.test.ts posts it).
    examples: [
      {
        username: 'zhang.wei',
        displayName: '张伟',
        organisationId: 2,
        roleKeys: ['regulator'],
        phone: '13800138000',
        email: 'zhang.wei@example.cn',
      },
    ],
  },
);
export type UserInput = Static<typeof UserInput>;
export const UserPatch = Type.Partial(
  Type.Object({
    displayName: Type.String({ minLength: 1, maxLength: 64 }),
    phone: Type.Union([Type.String({ pattern: '^1\\d{10}$' }), Type.Null()]),
    email: Type.Union([Type.String({ format: 'email', maxLength: 200 }), Type.Null()]),
    status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  }),
  {
    additionalProperties: false,
    // Works as is on the demo province (test/openapi-examples.test.ts posts it).
    examples: [{ displayName: '用人单位联系人', email: 'contact@example.cn' }],
  },
);
export type UserPatch = Static<typeof UserPatch>;
export const AssignRolesRequest = Type.Object(
  { roleKeys: Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: 20 }) },
  {
    additionalProperties: false,
    // Works as is on the demo province (test/openapi-examples.test.ts posts it).
    examples: [{ roleKeys: ['employer_staff'] }],
  },
);

export const User = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  organisationId: Type.Integer(),
  organisationName: Type.String(),
  roleKeys: Type.Array(Type.String()),
  phone: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
  locked: Type.Boolean(),
  totpEnabled: Type.Boolean(),
  lastLoginAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  abilities: Abilities,
});
export type User = Static<typeof User>;

export const UserListQuery = Type.Object(
  {
    ...Paging,
    ...ListTotalQuery,
    q: Type.Optional(Type.String({ maxLength: 100 })),
    organisationId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
  },
  { additionalProperties: false },
);
export type UserListQuery = Static<typeof UserListQuery>;

export const CreatedUser = Type.Object({ user: User, initialPassword: Type.String() });

export const Role = Type.Object({
  key: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  duty: Type.String(),
  builtIn: Type.Boolean(),
  permissions: Type.Array(Type.String()),
  userCount: Type.Integer(),
  abilities: Abilities,
});

/** A custom role: always a business role (administrative duties are the three built-in ones). */
export const RoleInput = Type.Object(
  {
    key: Type.String({ pattern: '^[a-z][a-z0-9_]{1,63}$' }),
    nameZh: Type.String({ minLength: 1, maxLength: 50 }),
    nameEn: Type.String({ minLength: 1, maxLength: 80 }),
    permissions: Type.Array(Type.Enum(permissionKeys), { maxItems: 100, uniqueItems: true }),
  },
  {
    additionalProperties: false,
    // Works as is on the demo province (test/openapi-examples.test.ts posts it).
    examples: [
      {
        key: 'district_inspector',
        nameZh: '区级监督员',
        nameEn: 'District inspector',
        permissions: ['catalogues:read', 'organisations:read', 'organisations:export'],
      },
    ],
  },
);
export type RoleInput = Static<typeof RoleInput>;
export const RolePatch = Type.Partial(Type.Omit(RoleInput, ['key']), {
  additionalProperties: false,
  // Works as is on the demo province (test/openapi-examples.test.ts posts it).
  examples: [{ nameZh: '县级职业卫生监督员', permissions: ['catalogues:read', 'organisations:read'] }],
});
export type RolePatch = Static<typeof RolePatch>;

// ---------- sessions, logs, audit ----------
export const SessionInfo = Type.Object({
  id: Type.String(),
  userId: Type.Integer(),
  username: Type.String(),
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  lastSeenAt: Type.String(),
  /** The caller's own session. */
  current: Type.Boolean(),
});

export const LoginLogEntry = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  userId: Type.Union([Type.Integer(), Type.Null()]),
  outcome: Type.String(),
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});
export const LoginLogQuery = Type.Object(
  {
    ...Paging,
    ...ListTotalQuery,
    username: Type.Optional(Type.String({ maxLength: 64 })),
    outcome: Type.Optional(Type.String({ maxLength: 32 })),
    /** Days in China (UTC+8), both included. */
    from: Type.Optional(Type.String({ format: 'date' })),
    to: Type.Optional(Type.String({ format: 'date' })),
  },
  { additionalProperties: false },
);
export type LoginLogQuery = Static<typeof LoginLogQuery>;

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actorUserId: Type.Union([Type.Integer(), Type.Null()]),
  actorUsername: Type.Union([Type.String(), Type.Null()]),
  actorOrganisationId: Type.Union([Type.Integer(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  entityType: Type.Union([Type.String(), Type.Null()]),
  entityId: Type.Union([Type.String(), Type.Null()]),
  before: Type.Unknown(),
  after: Type.Unknown(),
  hash: Type.String(),
});
export const AuditQuery = Type.Object(
  {
    ...Paging,
    ...ListTotalQuery,
    action: Type.Optional(Type.String({ maxLength: 64 })),
    entityType: Type.Optional(Type.String({ maxLength: 64 })),
    entityId: Type.Optional(Type.String({ maxLength: 64 })),
    actor: Type.Optional(Type.String({ maxLength: 64 })),
    from: Type.Optional(Type.String({ format: 'date' })),
    to: Type.Optional(Type.String({ format: 'date' })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;
export const AuditVerifyResponse = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  firstBrokenId: Type.Union([Type.Integer(), Type.Null()]),
  /** Position (seq) of the first break; for a removed tail, the first missing one. */
  firstBrokenSeq: Type.Union([Type.Integer(), Type.Null()]),
  /** Why the trail is broken (audit_* reason with a zh-CN/en message), null when intact. */
  reason: Type.Union([Type.String(), Type.Null()]),
  /** Rows verified with the unkeyed rule of before migration 0004. */
  legacyRows: Type.Integer(),
  /** Signed checkpoints (outside the database) checked against the table. */
  checkpoints: Type.Integer(),
  lastCheckpointAt: Type.Union([Type.String(), Type.Null()]),
});

// ---------- catalogues and regions ----------
export const CatalogueMeta = Type.Object({
  id: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  edition: Type.String(),
  effectiveFrom: Type.Union([Type.String(), Type.Null()]),
  effectiveTo: Type.Union([Type.String(), Type.Null()]),
  source: Type.String(),
  verified: Type.String(),
  notes: Type.String(),
  /** What the interface shows: the edition and where the catalogue comes from, as a sentence. */
  editionZh: Type.String(),
  editionEn: Type.String(),
  provenanceZh: Type.String(),
  provenanceEn: Type.String(),
  count: Type.Integer(),
});
export const CatalogueEntriesQuery = Type.Object(
  {
    ...Paging,
    q: Type.Optional(Type.String({ maxLength: 100 })),
    parent: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);
export const CatalogueEntry = Type.Record(Type.String(), Type.Unknown());

export const Region = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.String(),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  statisticalOnly: Type.Boolean(),
  hasChildren: Type.Boolean(),
  /** Names from the province down, e.g. '吉林省 长春市 南关区', to tell apart equal names. */
  pathName: Type.String(),
});
export const RegionQuery = Type.Object(
  {
    parent: Type.Optional(RegionCode),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);

// ---------- standards ----------
/**
 * A GBZ 2.1 limit row as the substance picker lists it (GET /standards/limit-rows): sub-rows of one substance
 * (一氧化碳：非高原 …) share `group`; `loaded: false` marks a numbered row that is not shipped (its `note`
 * says why), `citation` is the row's place in the standard in the request's language.
 */
export type LimitRowHit = {
  rowId: string;
  table: 1 | 2;
  seq: number;
  nameZh: string;
  nameEn: string;
  /** The substance as the picker groups it: the name before "：" (一氧化碳), or the whole name. */
  group: string;
  /** The sub-row's qualifier after "：" (非高原), or null for a row of its own. */
  variant: string | null;
  cas: string[];
  /** 表1 limits, mg/m³ (null where the row has none). */
  mac: number | null;
  pcTwa: number | null;
  pcStel: number | null;
  /** 表2 limits, mg/m³: total and respirable dust. */
  pcTwaTotal: number | null;
  pcTwaRespirable: number | null;
  /** false for a numbered row that is not shipped (no public copy found): judging it says who can import it. */
  loaded: boolean;
  /** table: the 2019 tables; amendment: changed or added by an amendment in force; import: an administrator's row. */
  origin: 'table' | 'amendment' | 'import' | 'missing';
  /** "GBZ 2.1—2019 表1 第136行" in the request's language. */
  citation: string;
  /** Why a row is not loaded, in the request's language. */
  note: string | null;
};
