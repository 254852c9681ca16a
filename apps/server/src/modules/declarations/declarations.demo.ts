/**
 * Demo declarations (职业病危害项目申报) of the demo province, seeded through the service (deterministic):
 *  1 demo-employer's initial declaration, accepted 350 days ago (its annual update is due: the window
 *    opened after 11 months; the OpenAPI example of POST creates it);
 *  2, 3 two employers of the demo county submitted and awaiting acceptance (3 past its 5-working-day
 *    回执 clock);
 *  4 an employer of the demo county whose declaration was returned with the county's opinion;
 * then 30 employers — up to 18 of the demo county, the rest across the province (about 60 % of the
 * severe-industry ones first, fewer of the others)
 * with accepted declarations over the last two years: on time, late, annual updates made and overdue;
 * last, a 省属企业 unit of the demo county whose declaration awaits the demo city (第四条).
 * The order is fixed: the OpenAPI examples act on 1–4 and the next id (DEMO_DECLARATION_IDS).
 */
import { declarationFormExample, type DeclarationForm } from '@ohp/contracts';
import type { Kysely } from 'kysely';
import type { AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { loadActor } from '../../platform/authz/session.js';
import type { DB } from '../../platform/db-types.js';
import { creditCodeCheckChar, orgCodeCheckChar } from '@ohp/standards';
import { ensureEmployers, updateEmployer } from '../employers/index.js';
import { userIdByUsername } from '../users/index.js';
import { addDays, addMonths } from './declarations.rules.js';
import { anyDeclaration, countyCommissionsOf, demoEmployersOf } from './declarations.repository.js';
import {
  acceptDeclaration,
  createDeclaration,
  openNeverDeclaredClocks,
  returnDeclaration,
  submitDeclaration,
} from './declarations.service.js';

const actorOf = async (db: Kysely<DB>, username: string): Promise<Actor | null> => {
  const id = await userIdByUsername(db, username);
  return id === undefined ? null : ((await loadActor(db, id))?.actor ?? null);
};

const ctxOf = (a: Actor): AuditContext => ({
  userId: a.userId > 0 ? a.userId : null,
  username: a.userId > 0 ? a.username : 'demo-seed',
  organisationId: a.organisationId,
  ip: null,
  requestId: 'demo-seed',
});

/** An organisation acting without a user (the seed), with the permissions of a demo account like it. */
const as = (like: Actor, org: { organisation_id: number; region_code: string }): Actor => ({
  ...like,
  userId: 0,
  username: 'demo-seed',
  organisationId: org.organisation_id,
  regionCode: org.region_code,
});

const BULK = 30;
const COUNTY_SHARE = 18;

/** A valid credit code of the county (GB 32100 check characters), from a serial of this demo's own range. */
export const demoCreditCode = (county: string, serial: number): string => {
  const body = String(7_000_000 + serial).padStart(8, '0');
  const first17 = `91${county}${body}${orgCodeCheckChar(body)}`;
  return first17 + creditCodeCheckChar(first17);
};

/**
 * Employers of a county registered through the declaration door (the employers module creates them,
 * matched by credit code): the demo county has too few seeded employers at the test scale.
 */
export const registerDemoEmployers = async (db: Kysely<DB>, county: string, serials: number[]) => {
  const names = ['兴业铸造', '恒达石材加工', '华源化工', '金鼎家具制造', '宏远水泥制品', '鑫盛五金'];
  const industries = ['3391', '3032', '2614', '2110', '3021', '3389'];
  const rows = serials.map((n) => ({
    creditCode: demoCreditCode(county, n),
    name: `演示${names[n % names.length]}有限公司（${n}）`,
    regionCode: county,
    industryCode: industries[n % industries.length]!,
    employees: 40 + ((n * 37) % 200),
    address: `演示工业园区${n}号`,
    economicTypeCode: '173',
  }));
  const ids = await db.transaction().execute((trx) => ensureEmployers(trx, rows, 'declaration'));
  return rows.map((r) => ids.get(r.creditCode)!);
};

type Employer = {
  organisation_id: number;
  region_code: string;
  name: string;
  employees: number | null;
  exposed_employees: number | null;
  risk_class: string | null;
};

/** A complete, consistent form for an employer (two workplaces: dust + noise, noise). */
export const demoForm = (e: Employer, k: number): DeclarationForm => {
  const staff = Math.max(2, e.employees ?? 2);
  const x = Math.max(1, Math.min(staff, e.exposed_employees || Math.ceil(staff / 3)));
  const w1 = Math.ceil(x / 2);
  const w2 = x - w1;
  const dust = ['1038', '1021', '1032', '1006'][k % 4]!;
  return {
    basic: {
      ...(e.employees === null && { employees: staff }),
      workplaceAddress: `${e.name.replace(/（\d+）$/, '')}生产厂区`,
      economicTypeCode: ['173', '159', '160', '171'][k % 4]!,
      legalRepresentative: ['王建国', '李明', '张伟', '刘洋', '陈静'][k % 5]!,
      legalRepresentativePhone: `1390431${String(1000 + k).slice(-4)}`,
      ohBody: k % 3 !== 2,
      ohManagersFullTime: staff >= 100 ? 1 : 0,
      ohManagersPartTime: 1,
      occupationalDiseaseCumulative: k % 7 === 0 ? 1 : 0,
    },
    products: [
      {
        name: ['铸件', '水泥', '钢材', '纸制品', '化工原料'][k % 5]!,
        annualOutput: 100 + k * 37,
        unit: '吨',
      },
    ],
    hazards: { dust: { exposed: w1 }, physical: { exposed: x } },
    workplaces: [
      {
        name: ['生产车间', '铸造车间', '粉碎车间', '破碎工段'][k % 4]!,
        distinctExposed: w1,
        factors: [
          { code: dust, exposed: w1 },
          { code: '3008', exposed: w1 },
        ],
      },
      ...(w2 > 0
        ? [{ name: '机加工车间', distinctExposed: w2, factors: [{ code: '3008', exposed: w2 }] }]
        : []),
    ],
    detection: {
      done: k % 4 !== 3,
      institution: declarationFormExample.detection!.institution!,
      reportNos: [`JC-${2025 + (k % 2)}-${String(100 + k).padStart(3, '0')}`],
      categories: {
        dust: { points: 2 + (k % 3), exceeding: k % 5 === 0 ? 1 : 0 },
        physical: { points: 4, exceeding: 0 },
      },
    },
    training: {
      principalTrained: k % 4 !== 1,
      managersTrained: 1,
      workersTrained: Math.min(x, Math.ceil(x * 0.8)),
    },
    surveillance: { onDuty: { due: x, done: Math.max(0, x - (k % 3)) } },
  };
};

const employersOf = demoEmployersOf;

export const seedDemoDeclarations = async (db: Kysely<DB>, today: string): Promise<string | null> => {
  if (await anyDeclaration(db)) return null;
  const employerUser = await actorOf(db, 'demo-employer');
  const county = await actorOf(db, 'demo-county');
  if (!employerUser || !county) return null;
  const all = await employersOf(db, '22');
  const demoEmployer = all.find((e) => e.organisation_id === employerUser.organisationId);
  if (!demoEmployer) return null;
  const countyActor = (regionCode: string): Actor | null => {
    const countyCode = regionCode.slice(0, 6);
    return countyCode === county.regionCode ? county : null;
  };
  const commissions = new Map((await countyCommissionsOf(db, '22')).map((o) => [o.region_code, o]));
  const reviewerFor = (regionCode: string): Actor | null => {
    const own = countyActor(regionCode);
    if (own) return own;
    const c = commissions.get(regionCode.slice(0, 6));
    return c ? as(county, c) : null;
  };
  const employerActor = (e: Employer) =>
    e.organisation_id === employerUser.organisationId ? employerUser : as(employerUser, e);

  let accepted = 0;
  /** One declaration through the service: created, submitted, then accepted / returned / left waiting. */
  const declare = async (
    e: Employer,
    k: number,
    o: {
      type: 'initial' | 'annual';
      createdOn: string;
      submittedOn: string;
      decidedOn?: string;
      trigger?: string;
      outcome: 'accept' | 'return' | 'wait';
    },
  ) => {
    const emp = employerActor(e);
    const { id } = await createDeclaration(
      db,
      ctxOf(emp),
      emp,
      o.type === 'initial'
        ? { type: 'initial', ...(o.trigger && { triggerDate: o.trigger }), form: demoForm(e, k) }
        : { type: 'annual' },
      o.createdOn,
    );
    await submitDeclaration(db, ctxOf(emp), emp, id, o.submittedOn);
    const reviewer = reviewerFor(e.region_code);
    if (!reviewer || o.outcome === 'wait') return id;
    if (o.outcome === 'return')
      await returnDeclaration(
        db,
        ctxOf(reviewer),
        reviewer,
        id,
        { opinion: '作业场所分布中噪声接触人数与检测报告不一致，请核实检测报告编号及接触人数后重新提交。' },
        o.decidedOn,
      );
    else {
      await acceptDeclaration(
        db,
        ctxOf(reviewer),
        reviewer,
        id,
        { opinion: '材料齐全，予以受理' },
        o.decidedOn,
      );
      accepted++;
    }
    return id;
  };

  // 1–4: the examples' declarations (fixed order).
  const fresh = new Set(await registerDemoEmployers(db, county.regionCode, [1, 2, 3]));
  const inCounty = (await employersOf(db, county.regionCode)).filter((e) => fresh.has(e.organisation_id));
  const [a, b, c] = inCounty;
  if (!a || !b || !c) return null;
  const d1 = addDays(today, -350);
  await declare(demoEmployer, 0, {
    type: 'initial',
    createdOn: d1,
    submittedOn: d1,
    decidedOn: addDays(d1, 2),
    outcome: 'accept',
  });
  await declare(a, 1, {
    type: 'initial',
    createdOn: addDays(today, -1),
    submittedOn: addDays(today, -1),
    outcome: 'wait',
  });
  await declare(b, 2, {
    type: 'initial',
    createdOn: addDays(today, -12),
    submittedOn: addDays(today, -12),
    outcome: 'wait',
  });
  await declare(c, 3, {
    type: 'initial',
    createdOn: addDays(today, -8),
    submittedOn: addDays(today, -8),
    decidedOn: addDays(today, -5),
    outcome: 'return',
  });

  // The province: about 60 % of the severe-industry employers, 20 % of the others, 30 in all.
  const used = new Set([
    demoEmployer.organisation_id,
    a.organisation_id,
    b.organisation_id,
    c.organisation_id,
  ]);
  // The demo county's employers first (up to COUNTY_SHARE of the 30), so the county a clerk signs in to
  // shows a coverage with gaps rather than an empty one; then the rest of the province.
  const ofCounty = (e: Employer) => e.region_code.slice(0, 6) === county.regionCode;
  const rest = all.filter((e) => !used.has(e.organisation_id));
  const picked: Employer[] = [];
  const take = (pool: Employer[], limit: number) =>
    pool.forEach((e, i) => {
      if (picked.length < limit && (e.risk_class === '严重' ? i % 5 < 3 : i % 5 === 0)) picked.push(e);
    });
  take(rest.filter(ofCounty), COUNTY_SHARE);
  take(
    rest.filter((e) => !ofCounty(e)),
    BULK,
  );
  for (const e of rest) if (picked.length < BULK && !picked.includes(e)) picked.push(e);
  let k = 4;
  for (const e of picked) {
    const p = k % 5;
    const spread = (k * 13) % 40;
    if (p === 0) {
      // Initial ~22 months ago, the annual update on time 12 months later.
      const i0 = addDays(addMonths(today, -22), -spread);
      await declare(e, k, {
        type: 'initial',
        createdOn: i0,
        submittedOn: i0,
        decidedOn: addDays(i0, 3),
        outcome: 'accept',
      });
      const a0 = addMonths(addDays(i0, 3), 12);
      await declare(e, k, {
        type: 'annual',
        createdOn: a0,
        submittedOn: a0,
        decidedOn: addDays(a0, 4),
        outcome: 'accept',
      });
    } else if (p === 1) {
      // Accepted ~15 months ago, no update since: the annual update is overdue.
      const i0 = addDays(addMonths(today, -15), -spread);
      await declare(e, k, {
        type: 'initial',
        createdOn: i0,
        submittedOn: i0,
        decidedOn: addDays(i0, 2),
        outcome: 'accept',
      });
    } else if (p === 2) {
      // A new project: 竣工验收 ~8 months ago, declared 40 days later (late: 30 days).
      const t0 = addDays(addMonths(today, -8), -spread);
      const s0 = addDays(t0, 40);
      await declare(e, k, {
        type: 'initial',
        trigger: t0,
        createdOn: s0,
        submittedOn: s0,
        decidedOn: addDays(s0, 3),
        outcome: 'accept',
      });
    } else if (p === 3) {
      const i0 = addDays(addMonths(today, -5), -spread);
      await declare(e, k, {
        type: 'initial',
        createdOn: i0,
        submittedOn: i0,
        decidedOn: addDays(i0, 1),
        outcome: 'accept',
      });
    } else {
      // Initial ~24 months ago; the annual update 13.5 months later (late).
      const i0 = addDays(addMonths(today, -24), -(spread % 10));
      await declare(e, k, {
        type: 'initial',
        createdOn: i0,
        submittedOn: i0,
        decidedOn: addDays(i0, 2),
        outcome: 'accept',
      });
      const a0 = addDays(addMonths(addDays(i0, 2), 13), 15);
      await declare(e, k, {
        type: 'annual',
        createdOn: a0,
        submittedOn: a0,
        decidedOn: addDays(a0, 3),
        outcome: 'accept',
      });
    }
    k++;
  }
  // A 省属企业 unit of the demo county (48号令 第四条): it declares to the city, whose commission has its
  // 回执 to give (the demo city's to-do; the county reads it).
  const [provincialId] = await registerDemoEmployers(db, county.regionCode, [4]);
  const provincial = (await employersOf(db, county.regionCode)).find(
    (e) => e.organisation_id === provincialId,
  );
  if (provincial) {
    await updateEmployer(db, ctxOf(county), county, provincial.organisation_id, {
      reason: '核实为省属企业所属单位',
      affiliation: 'provincial',
    });
    await declare(provincial, k, {
      type: 'initial',
      createdOn: addDays(today, -2),
      submittedOn: addDays(today, -2),
      outcome: 'wait',
    });
    used.add(provincial.organisation_id);
  }
  // The employers of the demo county that never declared: their 初次申报 is due at once (to-dos).
  const never = all.filter(
    (e) =>
      e.region_code.slice(0, 6) === county.regionCode && !used.has(e.organisation_id) && !picked.includes(e),
  );
  await db.transaction().execute((trx) =>
    openNeverDeclaredClocks(
      trx,
      never.map((e) => ({ organisationId: e.organisation_id, regionCode: e.region_code })),
      today,
    ),
  );
  return `职业病危害项目申报: ${accepted} accepted, 2 awaiting the demo county and 1 (a 省属企业) the demo city, 1 returned; ${never.length} never-declared employers of the demo county due`;
};
