/**
 * Demo data of the employer base database (deterministic, through the service): every demo employer's
 * profile classified, an economic type (GB/T 12402 / 登记注册类型 codes of the exchange spec's table, the
 * verified ones) and a legal representative for each; in the demo county a few employers placed in a
 * township, corrections kept as versions (the demo employer's among them), two marked not applicable,
 * one closed and one relocated with their reasons; three pending registrations (one for a credit code the
 * base database already holds, so approving links it) and one returned with an opinion.
 */
import { childrenOf, economicTypes } from '@ohp/reference';
import { creditCodeCheckChar } from '@ohp/standards';
import type { Kysely } from 'kysely';
import type { AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { loadActor } from '../../platform/authz/session.js';
import type { Crypto } from '../../platform/crypto.js';
import type { DB } from '../../platform/db-types.js';
import { classifyEmployers, ensureEmployers } from './employers.core.js';
import { rejectRegistration, submitRegistration } from './employers.registrations.js';
import {
  anyRegistration,
  demoCountyEmployers,
  demoUserId,
  registrationIdByUsername,
  setDemoProfileDetails,
} from './employers.repository.js';
import { setEmployerStatus, updateEmployer } from './employers.service.js';

const ctxOf = (a: Actor): AuditContext => ({
  userId: a.userId,
  username: a.username,
  organisationId: a.organisationId,
  ip: null,
  requestId: 'demo-seed',
});

const actorOf = async (db: Kysely<DB>, username: string): Promise<Actor | null> => {
  const id = await demoUserId(db, username);
  return id !== undefined ? ((await loadActor(db, id))?.actor ?? null) : null;
};

/** The verified 登记注册类型 codes (110–210), weighted towards private companies as in the registers. */
const ECONOMIC = ['173', '173', '173', '159', '171', '160', '110', '120', '151', '174', '190', '210'].filter(
  (c) => economicTypes.some((e) => e.code === c),
);
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙'];
const GIVEN = [
  '建国',
  '志强',
  '海燕',
  '丽华',
  '国庆',
  '德明',
  '春梅',
  '振华',
  '玉兰',
  '永刚',
  '晓东',
  '桂芳',
];

const demoCreditCode = (region: string, serial: number): string => {
  const first17 = `91${region}${String(serial).padStart(9, '0')}`.replace(/O/g, '0');
  return first17 + creditCodeCheckChar(first17);
};

export const seedDemoEmployers = async (deps: { db: Kysely<DB>; crypto: Crypto }): Promise<string | null> => {
  const { db } = deps;
  await classifyEmployers(db);
  const county = await actorOf(db, 'demo-county');
  const employer = await actorOf(db, 'demo-employer');
  if (!county || !employer) return null;
  if (await anyRegistration(db)) return null;

  const ctx = ctxOf(county);
  const countyCode = county.regionCode;
  // Employers the demo county's departments listed (the import door), so the county's screens have
  // every risk class, flag and status whatever the demo scale: 严重 (coal, steel), 一般, 待评价.
  const listed: Array<[string, string, number]> = [
    ['长春示例煤业有限公司', '0610', 320],
    ['长春示例钢铁铸造厂', '3120', 145],
    ['长春示例木业加工厂', '2021', 28],
    ['长春示例印刷有限公司', '2319', 12],
    ['长春示例汽车配件有限公司', '3670', 210],
    ['长春示例谷物种植合作社', '0111', 9],
    ['长春示例便利超市', '5261', 6],
    ['长春示例家具制造有限公司', '2110', 55],
    ['长春示例热力有限公司', '4430', 38],
    ['长春示例服装加工厂', '1811', 8],
    ['长春示例水泥制品有限公司', '3021', 64],
    ['长春示例电子装配有限公司', '3982', 150],
  ];
  await db.transaction().execute((trx) =>
    ensureEmployers(
      trx,
      listed.map(([name, industryCode, employees], i) => ({
        creditCode: demoCreditCode(countyCode, 870001 + i),
        name,
        regionCode: countyCode,
        industryCode,
        employees,
        address: `${name.slice(0, 2)}示例大街 ${100 + i} 号`,
      })),
      'import',
    ),
  );

  // Economic type and legal representative for every employer, from its id (set-based).
  await setDemoProfileDetails(db, ECONOMIC, SURNAMES, GIVEN);

  const others = await demoCountyEmployers(db, countyCode, employer.organisationId, 12);

  // The demo employer: two corrections.
  await updateEmployer(db, ctx, county, employer.organisationId, {
    reason: '核对营业执照，更正法定代表人',
    legalRepresentative: '赵立新',
  });
  await updateEmployer(db, ctx, county, employer.organisationId, {
    reason: '年度核实职工人数',
    employees: 86,
    exposedEmployees: 23,
  });
  // A few placed in a township (乡镇/街道) of the county.
  const towns = childrenOf(countyCode).map((r) => r.code);
  let moved = 0;
  for (const [i, o] of others.slice(0, 4).entries()) {
    const town = towns[i % Math.max(1, towns.length)];
    if (!town) break;
    await updateEmployer(db, ctx, county, o.organisation_id, {
      reason: '入户核实，补充所在乡镇（街道）',
      regionCode: town,
    });
    moved++;
  }
  // Programme statuses with their reasons.
  const statuses: Array<[number, 'not_applicable' | 'closed' | 'relocated', string]> = [
    [4, 'not_applicable', '现场核查无职业病危害因素（仅办公场所）'],
    [5, 'not_applicable', '已转为纯贸易经营，无生产作业'],
    [6, 'closed', '2025 年 12 月起停产停业，营业执照已注销'],
    [7, 'relocated', '整体搬迁至外县，已告知迁入地卫生健康部门'],
  ];
  for (const [i, status, reason] of statuses) {
    const o = others[i];
    if (o) await setEmployerStatus(db, ctx, county, o.organisation_id, { status, reason, on: '2026-01-15' });
  }

  // Registrations: 1 and 2 new employers (the approve and reject examples), 3 an employer the base
  // database already holds (approving links it), 4 returned with an opinion.
  const anon: AuditContext = {
    userId: null,
    username: null,
    organisationId: null,
    ip: '127.0.0.1',
    requestId: 'demo-seed',
  };
  const linked = others[8];
  const regs = [
    {
      creditCode: demoCreditCode(countyCode, 880001),
      name: '长春示例新材料科技有限公司',
      industryCode: '2927',
      contactName: '孙晓梅',
      username: 'reg-xincailiao',
    },
    {
      creditCode: demoCreditCode(countyCode, 880002),
      name: '长春示例木制家具加工厂',
      industryCode: '2110',
      contactName: '钱志远',
      username: 'reg-jiaju',
    },
    {
      creditCode: linked?.credit_code ?? demoCreditCode(countyCode, 880003),
      name: linked?.name ?? '长春示例铸造有限公司',
      industryCode: '3391',
      contactName: '周国平',
      username: 'reg-linked',
    },
    {
      creditCode: demoCreditCode(countyCode, 880004),
      name: '长春示例汽车零部件有限公司',
      industryCode: '3670',
      contactName: '吴海涛',
      username: 'reg-returned',
    },
  ];
  for (const [i, r] of regs.entries())
    await submitRegistration(deps, anon, {
      ...r,
      regionCode: i === 1 && towns[0] ? towns[0] : countyCode,
      address: `${r.name.slice(0, 2)}示例路 ${10 + i} 号`,
      contactPhone: `1390000${String(1000 + i).padStart(4, '0')}`,
      password: `Demo#Employer-${2026 + i}x`,
    });
  const returned = await registrationIdByUsername(db, 'reg-returned');
  await rejectRegistration(
    deps,
    ctx,
    county,
    returned,
    '营业执照上的单位名称与填写的名称不一致，请核对后重新申请。',
  );

  return `用人单位库: profiles classified; ${moved} moved to a township, 2 corrections of the demo employer, ${statuses.length} marked not applicable / closed / relocated; 4 registrations (3 pending, 1 returned)`;
};
