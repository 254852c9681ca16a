/**
 * Deterministic demo province (吉林省, code 22): regulators at every level, the QC centre, CDCs, exam,
 * diagnosis and technical-service institutions, rehabilitation stations, employers with real GB/T
 * 4754 industries and computed sizes, and one demo account per role. The same scale and seed always
 * give the same rows.
 */
import { childrenOf, getRegion, industries } from '@ohp/reference';
import { computeEnterpriseSize, creditCodeCheckChar, orgCodeCheckChar } from '@ohp/standards';
import type { Kysely, Transaction } from 'kysely';
import { analyzeTables } from '../platform/statistics.js';
import { writeAudit, type AuditContext } from '../platform/audit.js';
import { loadActor } from '../platform/authz/session.js';
import type { DB } from '../platform/db-types.js';
import { hashPassword } from '../modules/auth/index.js';
import {
  levelOf,
  organisationSortKey,
  updateMyOrganisationIn,
  updateOrganisationIn,
} from '../modules/organisations/index.js';

export type DemoScale = 'test' | 'small' | 'province';
const EMPLOYERS: Record<DemoScale, number> = { test: 60, small: 3000, province: 100_000 };

export const DEMO_PROVINCE = '22';

/** mulberry32: a tiny deterministic PRNG so the demo is the same on every machine. */
const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

type OrgSeed = {
  key: string;
  name: string;
  kind: string;
  region_code: string;
  is_public: boolean;
  parent?: string;
  credit_code?: string | null;
  industry_code?: string | null;
  employees?: number | null;
  exposed_employees?: number | null;
  revenue_wan_yuan?: number | null;
  enterprise_size?: string | null;
  address?: string | null;
};

/** A structurally valid credit code: 9 1 (enterprise) + county code + org code with its GB 11714 check. */
export const makeCreditCode = (
  countyCode: string,
  serial: number,
  kindDigit = '1',
  authority = '9',
): string => {
  // Digits-only organisation-code bodies: a unique serial gives a unique code.
  const body = String(serial % 100_000_000).padStart(8, '0');
  const first17 = `${authority}${kindDigit}${countyCode}${body}${orgCodeCheckChar(body)}`;
  return first17 + creditCodeCheckChar(first17);
};

export type DemoAccount = { username: string; role: string; organisation: string };

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗';
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

/** Seeds in one transaction: a failure leaves the database empty, never half a province. */
export const seedDemoProvince = (
  db: Kysely<DB>,
  opts: { scale: DemoScale; password: string },
): Promise<{ accounts: DemoAccount[]; organisations: number }> =>
  db.transaction().execute((trx) => seedInto(trx, opts));

const seedInto = async (
  db: Transaction<DB>,
  opts: { scale: DemoScale; password: string },
): Promise<{ accounts: DemoAccount[]; organisations: number }> => {
  const random = rng(20260101);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const province = getRegion(DEMO_PROVINCE);
  if (!province) throw new Error('demo province 22 missing from the region catalogue');
  const cities = childrenOf(DEMO_PROVINCE);
  const counties = cities.flatMap((c) => childrenOf(c.code)).filter((c) => !c.statisticalOnly);
  const orgs: OrgSeed[] = [];
  const add = (o: OrgSeed) => orgs.push(o);

  add({
    key: 'operator',
    name: '吉林省职业健康信息平台运维中心',
    kind: 'platform_operator',
    region_code: '22',
    is_public: true,
  });
  add({
    key: 'hc-22',
    name: '吉林省卫生健康委员会',
    kind: 'health_commission',
    region_code: '22',
    is_public: true,
  });
  add({
    key: 'dcb-22',
    name: '吉林省疾病预防控制局',
    kind: 'disease_control_bureau',
    region_code: '22',
    is_public: true,
    parent: 'hc-22',
  });
  add({
    key: 'qc',
    name: '吉林省职业病防治院（省职业健康质量控制中心）',
    kind: 'qc_centre',
    region_code: '22',
    is_public: true,
    parent: 'hc-22',
  });
  add({
    key: 'cdc-22',
    name: '吉林省疾病预防控制中心',
    kind: 'support_institution',
    region_code: '22',
    is_public: true,
    parent: 'dcb-22',
  });
  for (const c of cities) {
    add({
      key: `hc-${c.code}`,
      name: `${c.name}卫生健康委员会`,
      kind: 'health_commission',
      region_code: c.code,
      is_public: true,
      parent: 'hc-22',
    });
    add({
      key: `dcb-${c.code}`,
      name: `${c.name}疾病预防控制局`,
      kind: 'disease_control_bureau',
      region_code: c.code,
      is_public: true,
      parent: 'dcb-22',
    });
    add({
      key: `cdc-${c.code}`,
      name: `${c.name}疾病预防控制中心`,
      kind: 'support_institution',
      region_code: c.code,
      is_public: true,
      parent: `dcb-${c.code}`,
    });
  }
  for (const k of counties) {
    const city = k.parentCode!;
    add({
      key: `hc-${k.code}`,
      name: `${getRegion(city)?.name ?? ''}${k.name}卫生健康局`,
      kind: 'health_commission',
      region_code: k.code,
      is_public: true,
      parent: `hc-${city}`,
    });
  }
  // Service institutions, spread over the cities and counties.
  const places = [...cities.map((c) => c.code), ...counties.map((c) => c.code)];
  const institution = (kind: string, n: number, label: (i: number, place: string) => string) => {
    for (let i = 0; i < n; i++) {
      const place = i < cities.length ? cities[i]!.code : pick(places);
      const county = place.length === 6 ? place : `${place}02`;
      add({
        key: `${kind}-${i}`,
        name: label(i, place),
        kind,
        region_code: place,
        is_public: random() < 0.6,
        credit_code: makeCreditCode(
          county,
          100_000 + orgs.length,
          random() < 0.6 ? '2' : '1',
          random() < 0.6 ? '1' : '9',
        ),
      });
    }
  };
  const placeName = (code: string) =>
    code.length === 6
      ? `${getRegion(code.slice(0, 4))?.name ?? ''}${getRegion(code)?.name ?? ''}`
      : (getRegion(code)?.name ?? '');
  institution(
    'exam_institution',
    40,
    (i, p) =>
      `${placeName(p)}${['人民医院', '中心医院', '职业病防治所', '第二医院', '中医院'][i % 5]}${i >= 5 ? `（${i}）` : ''}`,
  );
  institution(
    'diagnosis_institution',
    10,
    (i, p) => `${placeName(p)}职业病诊断中心${i >= 1 ? `（${i}）` : ''}`,
  );
  institution(
    'service_institution',
    30,
    (i, p) => `${placeName(p)}${pick(WORDS)}职业卫生技术服务有限公司（${i + 1}）`,
  );
  for (let i = 0; i < 10; i++) {
    const county = counties[(i * 7) % counties.length]!;
    const towns = childrenOf(county.code);
    const town = towns.length ? towns[i % towns.length]! : county;
    add({
      key: `rehab-${i}`,
      name: `${county.name}${town.name}尘肺病康复站`,
      kind: 'rehab_station',
      region_code: town.code,
      is_public: true,
    });
  }
  // Employers: industries mostly from mining, manufacturing and utilities, as in the declaration base.
  const industrial = industries.filter((x) => x.level === 4 && ['B', 'C', 'D'].includes(x.section));
  const others = industries.filter((x) => x.level === 4 && !['B', 'C', 'D'].includes(x.section));
  for (let i = 0; i < EMPLOYERS[opts.scale]; i++) {
    const county = counties[i % counties.length]!;
    const ind = random() < 0.8 ? pick(industrial) : pick(others);
    const employees = Math.max(1, Math.round(Math.exp(random() * 7.5)));
    const revenue = Math.round(employees * (20 + random() * 200));
    const size = computeEnterpriseSize({ industryCode: ind.code, employees, revenueWanYuan: revenue }).size;
    add({
      key: `emp-${i}`,
      name: `${county.name.replace(/(市|县|区|自治县)$/, '')}${pick(WORDS)}${ind.name.slice(0, 8)}${['有限公司', '股份有限公司', '厂', '有限责任公司'][i % 4]}（${i + 1}）`,
      kind: 'employer',
      region_code: county.code,
      is_public: false,
      credit_code: makeCreditCode(county.code, 1_000_000 + i),
      industry_code: ind.code,
      employees,
      // 接害人数: 5–64 % of the staff, from the index (no draw from the generator, so every other
      // demo value stays as it was).
      exposed_employees: Math.floor((employees * (5 + ((i * 37) % 60))) / 100),
      revenue_wan_yuan: revenue,
      enterprise_size: size,
      address: `${county.name}${pick(WORDS)}路${1 + Math.floor(random() * 300)}号`,
    });
  }

  // Insert parents before children: everything without a parent first, then the rest, in chunks.
  const ids = new Map<string, number>();
  const insert = async (batch: OrgSeed[]) => {
    for (let i = 0; i < batch.length; i += 1000) {
      const chunk = batch.slice(i, i + 1000);
      const rows = await db
        .insertInto('organisation')
        .values(
          chunk.map((o) => ({
            name: o.name,
            name_sort: organisationSortKey(o.name),
            kind: o.kind,
            level: levelOf(o.region_code),
            region_code: o.region_code,
            is_public: o.is_public,
            parent_id: o.parent ? (ids.get(o.parent) ?? null) : null,
            credit_code: o.credit_code ?? null,
            industry_code: o.industry_code ?? null,
            employees: o.employees ?? null,
            exposed_employees: o.exposed_employees ?? null,
            revenue_wan_yuan: o.revenue_wan_yuan ?? null,
            enterprise_size: o.enterprise_size ?? null,
            address: o.address ?? null,
            contact_name: o.kind === 'employer' ? `${pick([...SURNAMES])}经理` : null,
          })),
        )
        .returning('organisation_id')
        .execute();
      rows.forEach((r, j) => ids.set(chunk[j]!.key, r.organisation_id));
    }
  };
  for (let depth = 0; depth < 4; depth++) {
    await insert(orgs.filter((o) => !ids.has(o.key) && (!o.parent || ids.has(o.parent))));
  }

  const firstCity = cities[0]!;
  const firstCounty = counties.find((k) => k.parentCode === firstCity.code)!;
  const accounts: Array<DemoAccount & { orgKey: string; displayName: string }> = [
    {
      username: 'demo-province',
      role: 'regulator_admin',
      orgKey: 'hc-22',
      organisation: '',
      displayName: '省卫健委演示用户',
    },
    {
      username: 'demo-city',
      role: 'regulator',
      orgKey: `hc-${firstCity.code}`,
      organisation: '',
      displayName: '市卫健委演示用户',
    },
    {
      username: 'demo-county',
      role: 'regulator',
      orgKey: `hc-${firstCounty.code}`,
      organisation: '',
      displayName: '区县卫健局演示用户',
    },
    {
      username: 'demo-qc',
      role: 'qc_staff',
      orgKey: 'qc',
      organisation: '',
      displayName: '质控中心演示用户',
    },
    {
      username: 'demo-cdc',
      role: 'support_staff',
      orgKey: 'cdc-22',
      organisation: '',
      displayName: '疾控中心演示用户',
    },
    {
      username: 'demo-exam',
      role: 'exam_staff',
      orgKey: 'exam_institution-0',
      organisation: '',
      displayName: '体检机构演示用户',
    },
    {
      username: 'demo-diag',
      role: 'diagnosis_staff',
      orgKey: 'diagnosis_institution-0',
      organisation: '',
      displayName: '诊断机构演示用户',
    },
    {
      username: 'demo-service',
      role: 'service_staff',
      orgKey: 'service_institution-0',
      organisation: '',
      displayName: '技术服务机构演示用户',
    },
    {
      username: 'demo-employer',
      role: 'employer_staff',
      orgKey: 'emp-0',
      organisation: '',
      displayName: '用人单位演示用户',
    },
    {
      username: 'demo-rehab',
      role: 'rehab_staff',
      orgKey: 'rehab-0',
      organisation: '',
      displayName: '康复站演示用户',
    },
    {
      username: 'demo-sysadmin',
      role: 'system_admin',
      orgKey: 'operator',
      organisation: '',
      displayName: '系统管理员',
    },
    {
      username: 'demo-secadmin',
      role: 'security_admin',
      orgKey: 'operator',
      organisation: '',
      displayName: '安全管理员',
    },
    {
      username: 'demo-auditor',
      role: 'audit_admin',
      orgKey: 'operator',
      organisation: '',
      displayName: '审计管理员',
    },
  ];
  // One hash for all demo accounts: they share the configured demo password.
  const hash = await hashPassword(opts.password);
  for (const a of accounts) {
    const orgId = ids.get(a.orgKey)!;
    a.organisation = orgs.find((o) => o.key === a.orgKey)!.name;
    const u = await db
      .insertInto('app_user')
      .values({
        username: a.username,
        display_name: a.displayName,
        organisation_id: orgId,
        password_hash: hash,
        must_change_password: false,
      })
      .returning('user_id')
      .executeTakeFirstOrThrow();
    await db.insertInto('user_role').values({ user_id: u.user_id, role_key: a.role }).execute();
  }
  // A custom business role of the kind a security administrator builds (角色管理 shows one; the OpenAPI
  // example of PATCH /roles/:key edits it).
  await db
    .insertInto('role')
    .values({
      role_key: 'county_inspector',
      name_zh: '县级监督员',
      name_en: 'County inspector',
      duty: 'business',
      built_in: false,
      permissions: ['catalogues:read', 'organisations:read', 'organisations:export'],
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await seedHistory(db, ids);
  await writeAudit(
    db,
    { userId: null, username: 'system', organisationId: null, ip: null, requestId: null },
    {
      action: 'demo.seed',
      after: { scale: opts.scale, organisations: orgs.length, accounts: accounts.map((a) => a.username) },
    },
  );
  // Thousands of fresh rows: give the planner their statistics now (PGlite has no autovacuum).
  await analyzeTables(db);
  return {
    accounts: accounts.map(({ username, role, organisation }) => ({ username, role, organisation })),
    organisations: orgs.length,
  };
};

export const isEmpty = async (db: Kysely<DB>): Promise<boolean> =>
  !(await db.selectFrom('organisation').select('organisation_id').limit(1).executeTakeFirst());

/**
 * A few changes made through the same use-cases as the web app, so that 查看 shows a 变更记录: the
 * province corrects the demo employer's address and phone and the city's first exam institution's
 * contact, then the employer updates its own contact and exposed staff (本单位信息).
 */
const seedHistory = async (db: Transaction<DB>, ids: Map<string, number>) => {
  const as = async (username: string) => {
    const user = await db
      .selectFrom('app_user')
      .select('user_id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    const { actor } = (await loadActor(db, user.user_id))!;
    const ctx: AuditContext = {
      userId: actor.userId,
      username: actor.username,
      organisationId: actor.organisationId,
      ip: null,
      requestId: null,
    };
    return { actor, ctx };
  };
  const province = await as('demo-province');
  await updateOrganisationIn(db, province.ctx, province.actor, ids.get('emp-0')!, {
    address: '长春市南关区人民大街 1688 号',
    contactPhone: '0431-85561234',
  });
  await updateOrganisationIn(db, province.ctx, province.actor, ids.get('exam_institution-0')!, {
    contactName: '刘主任',
    contactPhone: '0431-88761200',
  });
  const employer = await as('demo-employer');
  const own = await db
    .selectFrom('organisation')
    .select('employees')
    .where('organisation_id', '=', ids.get('emp-0')!)
    .executeTakeFirstOrThrow();
  await updateMyOrganisationIn(db, employer.ctx, employer.actor, {
    contactName: '李娜',
    contactPhone: '13904311234',
    exposedEmployees: Math.floor((own.employees ?? 0) / 3),
  });
};
