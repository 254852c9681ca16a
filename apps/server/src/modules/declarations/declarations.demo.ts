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
 * then a 省属企业 unit of the demo county whose declaration awaits the demo city (第四条, 47);
 * then depth across the counties (48–58, each through the service as an employer and its commission
 * would act, back-dated): three 变更 accepted on top of 初次 → 年度更新 histories (one in the demo county,
 * one late), two 注销 accepted (the employer leaves the programme; one late), a 变更 and a 注销 awaiting
 * review, a 变更 and an 初次 returned with the commission's opinion, a 变更 and an 初次 left as drafts.
 * The legacy import (seedDemoDeclarationImport, the job pipeline) follows in demo/modules.ts (59–75).
 * The order is fixed: the OpenAPI examples act on 1–4 and the next id (DEMO_DECLARATION_IDS).
 */
import {
  declarationFormExample,
  declarationImportColumns,
  type DeclarationCreateInput,
  type DeclarationForm,
  type DeclarationType,
} from '@ohp/contracts';
import type { Kysely } from 'kysely';
import type { AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { loadActor } from '../../platform/authz/session.js';
import type { DB } from '../../platform/db-types.js';
import type { Deps } from '../../platform/http/types.js';
import { awaitBatch, registerRowImport, startImport } from '../../platform/imports/pipeline.js';
import { JobRunner } from '../../platform/jobs/runner.js';
import { getRegion } from '@ohp/reference';
import { creditCodeCheckChar, orgCodeCheckChar } from '@ohp/standards';
import { ensureEmployers, updateEmployer } from '../employers/index.js';
import { userIdByUsername } from '../users/index.js';
import { addDays, addMonths } from './declarations.rules.js';
import { declarationImportSpec } from './declarations.import.js';
import {
  anyDeclaration,
  countyCommissionsOf,
  demoEmployersOf,
  demoUndeclaredEmployersOf,
  existingImportKeys,
} from './declarations.repository.js';
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
  /** What the depth below added, by type and outcome (for the start-up line). */
  const added: string[] = [];
  /**
   * One declaration through the service: created, then (unless left a draft) submitted, then accepted,
   * returned with the reviewer's opinion or left waiting. 变更 and 注销 need their 变更/注销 date and
   * reason; their form is prefilled by the service from the last accepted one (`form` patches it).
   */
  const declare = async (
    e: Employer,
    k: number,
    o: {
      type: DeclarationType;
      createdOn: string;
      submittedOn?: string;
      decidedOn?: string;
      trigger?: string;
      reason?: string;
      form?: DeclarationForm;
      opinion?: string;
      outcome: 'accept' | 'return' | 'wait' | 'draft';
    },
  ) => {
    const emp = employerActor(e);
    const input: DeclarationCreateInput =
      o.type === 'initial'
        ? { type: 'initial', ...(o.trigger && { triggerDate: o.trigger }), form: o.form ?? demoForm(e, k) }
        : o.type === 'annual'
          ? { type: 'annual' }
          : {
              type: o.type,
              triggerDate: o.trigger!,
              changeReason: o.reason!,
              ...(o.form && { form: o.form }),
            };
    const { id } = await createDeclaration(db, ctxOf(emp), emp, input, o.createdOn);
    if (o.outcome === 'draft') return id;
    await submitDeclaration(db, ctxOf(emp), emp, id, o.submittedOn ?? o.createdOn);
    const reviewer = reviewerFor(e.region_code);
    if (!reviewer || o.outcome === 'wait') return id;
    if (o.outcome === 'return')
      await returnDeclaration(
        db,
        ctxOf(reviewer),
        reviewer,
        id,
        {
          opinion:
            o.opinion ??
            '作业场所分布中噪声接触人数与检测报告不一致，请核实检测报告编号及接触人数后重新提交。',
        },
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
  // Depth, after the fixed declarations above (their ids stay; DEMO_DECLARATION_IDS): 变更 and 注销 on
  // top of the histories seeded above (初次 → 年度更新 → 变更), declarations awaiting review, returned
  // and left as drafts, across the counties — the demo county's and others.
  const history = picked.map((e, i) => ({ e, k: i + 4, p: (i + 4) % 5 }));
  // The demo county's newest employers are the 用人单位数据库 demo's list entries
  // (employer-census.demo.ts): their declared state stays as the code above left it.
  const newest = new Set((await employersOf(db, county.regionCode)).slice(-8).map((e) => e.organisation_id));
  const taken = new Set<number>();
  const countiesUsed = new Set<string>();
  const free = (e: Employer) => !taken.has(e.organisation_id) && !newest.has(e.organisation_id);
  /**
   * The first free employer of the pool, in the demo county or elsewhere — outside the demo city, whose
   * first employers the 用人单位数据库 demo lists as found undeclared; a county not used yet first.
   */
  const choose = <T extends { e: Employer }>(pool: T[], where: 'county' | 'elsewhere'): T | undefined => {
    const ok = pool.filter((x) => free(x.e));
    const inCounty = ok.filter((x) => ofCounty(x.e));
    const outside = ok.filter((x) => !x.e.region_code.startsWith(county.regionCode.slice(0, 4)));
    const spread = outside.find((x) => !countiesUsed.has(x.e.region_code.slice(0, 6))) ?? outside[0];
    const got = where === 'county' ? (inCounty[0] ?? spread) : (spread ?? inCounty[0]);
    if (got) {
      taken.add(got.e.organisation_id);
      countiesUsed.add(got.e.region_code.slice(0, 6));
    }
    return got;
  };
  /** The employers seeded above with these histories (p, in this order of preference). */
  const withHistory = (ps: number[]) => ps.flatMap((p) => history.filter((h) => h.p === p));
  const CHANGE_REASONS = [
    '新增一条生产线，接触粉尘、噪声的人数增加',
    '生产车间搬迁至新厂区，作业场所地址变更',
    '更换法定代表人',
  ];
  /** What a 变更 changes of the last accepted form (the service prefills the rest). */
  const changed = (e: Employer, k: number, r: number): DeclarationForm => {
    if (r === 1)
      return { basic: { workplaceAddress: `${e.name.replace(/（\d+）$/, '')}新厂区（演示工业园区${k}号）` } };
    if (r === 2) return { basic: { legalRepresentative: '赵立新', legalRepresentativePhone: '13904317788' } };
    // Two more exposed workers, within the staff the last form declared (the base record's, or 2).
    const staff = Math.max(2, e.employees ?? 2);
    const x = Math.max(1, Math.min(staff, e.exposed_employees || Math.ceil(staff / 3)));
    const more = Math.max(1, Math.min(e.employees ?? 2, x + 2));
    const { basic: _basic, ...steps } = demoForm({ ...e, exposed_employees: more }, k);
    return steps;
  };
  const CANCEL_REASONS = [
    '企业已停产关闭，生产设备已拆除，申请注销职业病危害项目申报',
    '企业整体搬迁至外省，本地厂区已关闭',
    '企业被兼并，生产线已停用并拆除',
  ];
  const track = (label: string, id: number | undefined) => id !== undefined && added.push(label);
  // 变更, accepted: one in the demo county, one late (declared 26 days after the change: 15 days).
  const changes: Array<[where: 'county' | 'elsewhere', trigger: number, delay: number]> = [
    ['county', 100, 8],
    ['elsewhere', 75, 26],
    ['elsewhere', 40, 5],
  ];
  for (const [i, [where, ago, delay]] of changes.entries()) {
    const h = choose(withHistory([0, 4]), where);
    if (!h) continue;
    const trigger = addDays(today, -ago);
    const on = addDays(trigger, delay);
    track(
      '变更(受理)',
      await declare(h.e, h.k, {
        type: 'change',
        trigger,
        reason: CHANGE_REASONS[i]!,
        form: changed(h.e, h.k, i),
        createdOn: on,
        submittedOn: on,
        decidedOn: addDays(on, 3),
        outcome: 'accept',
      }),
    );
  }
  // 注销, accepted (the employer leaves the programme): one in the demo county, one late elsewhere.
  const cancels: Array<[where: 'county' | 'elsewhere', trigger: number, delay: number]> = [
    ['county', 60, 10],
    ['elsewhere', 30, 20],
  ];
  for (const [i, [where, ago, delay]] of cancels.entries()) {
    const h = choose(withHistory([1, 2, 3]), where);
    if (!h) continue;
    const trigger = addDays(today, -ago);
    const on = addDays(trigger, delay);
    track(
      '注销(受理)',
      await declare(h.e, h.k, {
        type: 'cancel',
        trigger,
        reason: CANCEL_REASONS[i]!,
        createdOn: on,
        submittedOn: on,
        decidedOn: addDays(on, 2),
        outcome: 'accept',
      }),
    );
  }
  // Awaiting review elsewhere: a 变更 past its 回执 clock and a 注销 submitted this week.
  const waitingChange = choose(withHistory([3, 2]), 'elsewhere');
  if (waitingChange)
    track(
      '变更(待受理)',
      await declare(waitingChange.e, waitingChange.k, {
        type: 'change',
        trigger: addDays(today, -20),
        reason: CHANGE_REASONS[0]!,
        form: changed(waitingChange.e, waitingChange.k, 0),
        createdOn: addDays(today, -12),
        submittedOn: addDays(today, -12),
        outcome: 'wait',
      }),
    );
  const waitingCancel = choose(withHistory([1, 3, 2]), 'elsewhere');
  if (waitingCancel)
    track(
      '注销(待受理)',
      await declare(waitingCancel.e, waitingCancel.k, {
        type: 'cancel',
        trigger: addDays(today, -9),
        reason: CANCEL_REASONS[2]!,
        createdOn: addDays(today, -6),
        submittedOn: addDays(today, -6),
        outcome: 'wait',
      }),
    );
  // Returned elsewhere: a 变更 whose reason says too little (its 15-day resubmission clock overdue).
  const returnedChange = choose(withHistory([3, 2]), 'elsewhere');
  if (returnedChange)
    track(
      '变更(退回)',
      await declare(returnedChange.e, returnedChange.k, {
        type: 'change',
        trigger: addDays(today, -30),
        reason: '生产工艺调整',
        form: changed(returnedChange.e, returnedChange.k, 0),
        createdOn: addDays(today, -25),
        submittedOn: addDays(today, -25),
        decidedOn: addDays(today, -22),
        opinion: '变更原因未写明工艺调整的具体内容，新增接害岗位缺少检测报告，请补充后重新提交。',
        outcome: 'return',
      }),
    );
  // A 变更 the employer started and has not submitted (its 15-day clock overdue): in the demo county.
  const draftChange = choose(withHistory([2, 3, 0]), 'county');
  if (draftChange)
    track(
      '变更(草稿)',
      await declare(draftChange.e, draftChange.k, {
        type: 'change',
        trigger: addDays(today, -20),
        reason: '新增喷漆工序，接触苯系物',
        createdOn: addDays(today, -18),
        outcome: 'draft',
      }),
    );
  // Employers that never declared, elsewhere: an 初次申报 draft with 基本信息 only, and one returned.
  const neverDeclared = rest.filter((e) => !picked.includes(e)).map((e, i) => ({ e, k: 100 + i }));
  const draftInitial = choose(neverDeclared, 'elsewhere');
  if (draftInitial)
    track(
      '初次(草稿)',
      await declare(draftInitial.e, draftInitial.k, {
        type: 'initial',
        form: { basic: demoForm(draftInitial.e, draftInitial.k).basic },
        createdOn: addDays(today, -3),
        outcome: 'draft',
      }),
    );
  const returnedInitial = choose(neverDeclared, 'elsewhere');
  if (returnedInitial)
    track(
      '初次(退回)',
      await declare(returnedInitial.e, returnedInitial.k, {
        type: 'initial',
        createdOn: addDays(today, -30),
        submittedOn: addDays(today, -30),
        decidedOn: addDays(today, -26),
        opinion: '职业病危害因素检测报告编号与检测机构出具的报告不符，请核实后重新提交。',
        outcome: 'return',
      }),
    );
  for (const id of taken) used.add(id);
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
  const tally = [...new Set(added)].map((l) => `${l} ${added.filter((x) => x === l).length}`).join('、');
  return `职业病危害项目申报: ${accepted} accepted, 2 awaiting the demo county and 1 (a 省属企业) the demo city, 1 returned; ${tally}; ${never.length} never-declared employers of the demo county due`;
};

/**
 * 历史申报导入 of the demo: the provincial commission's upload of declarations kept in the old declaration
 * system (a CSV with the template's columns), run as a job through the real import pipeline — staged,
 * validated, committed per chunk, one audit entry, the report and the error workbook stored with the
 * batch — by a runner of its own that runs this one import kind (the server's runner starts later, with
 * the routes). Rows: multi-year histories of employers the base database knows (one of the demo county,
 * the others across the cities outside the demo city, whose first employers the 用人单位数据库 demo lists
 * as found undeclared), three employers it does not know yet (created by the import), and four rows the
 * checks refuse (a credit code's check character, more exposed workers than staff, an unknown industry, a
 * 受理日期 before the 申报日期). Dates are relative to the demo's today. Returns the start-up line, or null
 * when the demo accounts are absent or the batch is already in.
 */
export const seedDemoDeclarationImport = async (deps: Deps, today: string): Promise<string | null> => {
  const { db } = deps;
  const province = await actorOf(db, 'demo-province');
  const county = await actorOf(db, 'demo-county');
  if (!province || !county) return null;
  const y = Number(today.slice(0, 4));
  const key = (n: number) => `JL-SB-${String(n).padStart(5, '0')}`;
  if ((await existingImportKeys(db, [key(1)])).size) return null;

  const cc = county.regionCode;
  const undeclared = await demoUndeclaredEmployersOf(db, province.regionCode);
  // The demo county's newest employers are the 用人单位数据库 demo's list entries: left as they are.
  const newest = new Set((await demoEmployersOf(db, cc)).slice(-8).map((e) => e.organisation_id));
  const ofCounty = undeclared.find((e) => e.region_code.slice(0, 6) === cc && !newest.has(e.organisation_id));
  const elsewhere: typeof undeclared = [];
  const counties = new Set<string>();
  for (const e of undeclared) {
    const c = e.region_code.slice(0, 6);
    if (c.startsWith(cc.slice(0, 4)) || counties.has(c)) continue;
    counties.add(c);
    elsewhere.push(e);
    if (elsewhere.length === 6) break;
  }
  // Six of them whatever the scale (the demo county's when it has one), so the ids after them stay put.
  const known = [...(ofCounty ? [ofCounty] : []), ...elsewhere].slice(0, 6);

  const H = declarationImportColumns;
  type Line = Partial<Record<(typeof H)[number], string | number>>;
  const lines: Line[] = [];
  let n = 0;
  /** Counts consistent with the checks: dust on half the exposed (矽尘), noise on all of them. */
  const counts = (staff: number, exposed: number): Line => {
    const dust = Math.ceil(exposed / 2);
    return {
      在册职工总数: staff,
      接害总人数: exposed,
      粉尘接触人数: dust,
      化学物质接触人数: 0,
      物理因素接触人数: exposed,
      矽尘: dust,
      噪声: exposed,
    };
  };
  const row = (
    e: { credit_code: string; name: string; region_code: string; industry_code: string | null },
    type: string,
    submitted: string,
    accepted: string,
    staff: number,
    exposed: number,
  ) =>
    lines.push({
      原申报编号: key(++n),
      统一社会信用代码: e.credit_code,
      单位名称: e.name,
      所在地区编码: e.region_code.slice(0, 6),
      行业代码: e.industry_code ?? '',
      申报类型: type,
      申报日期: submitted,
      受理日期: accepted,
      ...counts(staff, exposed),
    });
  /** The way the old system wrote a date: 2023-05-20, 2023/5/20 or 2023年5月20日. */
  const written = (iso: string, style: number) => {
    const [yy, mm, dd] = iso.split('-');
    return style % 3 === 0
      ? iso
      : style % 3 === 1
        ? `${yy}/${Number(mm)}/${Number(dd)}`
        : `${yy}年${Number(mm)}月${Number(dd)}日`;
  };
  const declared = (on: string, after: number, style: number) => [
    written(on, style),
    written(addDays(on, after), style),
  ];
  for (const [i, e] of known.entries()) {
    const staff = Math.max(2, e.employees ?? 20);
    const exposed = Math.max(1, Math.min(staff, e.exposed_employees || Math.ceil(staff / 3)));
    const emp = { ...e, credit_code: e.credit_code! };
    if (i % 2 === 0) {
      // 初次 four years ago, one 年度更新, then nothing: the update long overdue (the black list's B3).
      const i0 = `${y - 4}-0${3 + (i % 6)}-1${i % 9}`;
      row(emp, '初次申报', ...(declared(i0, 3, i) as [string, string]), staff, exposed);
      const a0 = addDays(addMonths(i0, 12), 5);
      row(emp, '年度更新', ...(declared(a0, 4, i + 1) as [string, string]), staff, exposed);
    } else {
      // 初次 two years ago, the 年度更新 ten months ago in the old system: the next one is not due yet.
      const i0 = addDays(addMonths(today, -23), -7 * i);
      row(emp, '初次申报', ...(declared(i0, 2, i) as [string, string]), staff, exposed);
      const a0 = addDays(addMonths(today, -10), -3 * i);
      row(emp, '年度更新', ...(declared(a0, 3, i + 1) as [string, string]), staff, exposed);
    }
  }
  // Employers the base database does not know yet (the import creates them), in three other counties.
  const others = [...counties].slice(0, 3);
  const unknown = others.map((c, i) => ({
    credit_code: demoCreditCode(c, 900 + i),
    name: `${getRegion(c)?.name ?? ''}${['恒信砖瓦', '永固水泥制品', '金石铸造'][i]}有限公司`,
    region_code: c,
    industry_code: ['3031', '3021', '3391'][i]!,
  }));
  const [u0, u1, u2] = unknown;
  if (u0) {
    // 初次 → 年度更新 → 变更 in the old system, then nothing since.
    const i0 = `${y - 4}-04-08`;
    row(u0, '初次申报', written(i0, 0), written(addDays(i0, 3), 0), 86, 30);
    const a0 = `${y - 3}-04-20`;
    row(u0, '年度更新', written(a0, 0), written(addDays(a0, 2), 0), 90, 32);
    const c0 = `${y - 3}-09-11`;
    row(u0, '变更申报', written(c0, 0), written(addDays(c0, 4), 0), 96, 38);
  }
  if (u1) {
    const i0 = addDays(addMonths(today, -11), -12);
    row(u1, '初次', written(i0, 1), written(addDays(i0, 2), 1), 45, 12);
  }
  if (u2) {
    const i0 = addDays(addMonths(today, -14), -20);
    row(u2, '初次申报', written(i0, 2), written(addDays(i0, 5), 2), 130, 48);
  }
  // Four rows the checks refuse, among the others as a clerk's export has them.
  const bad = elsewhere[0] ?? ofCounty;
  if (bad) {
    const code = demoCreditCode(bad.region_code.slice(0, 6), 910);
    const wrongCheck = `${code.slice(0, 17)}${code.endsWith('0') ? '1' : '0'}`;
    const on = `${y - 2}-06-15`;
    const base = {
      name: `${getRegion(bad.region_code.slice(0, 6))?.name ?? ''}宏达石材加工厂`,
      region_code: bad.region_code,
    };
    row({ ...base, credit_code: wrongCheck, industry_code: '3032' }, '初次申报', on, addDays(on, 3), 40, 12);
    row(
      {
        ...base,
        credit_code: demoCreditCode(bad.region_code.slice(0, 6), 911),
        name: '演示鑫源机械加工厂',
        industry_code: '3311',
      },
      '初次申报',
      on,
      addDays(on, 2),
      25,
      31,
    );
    row(
      {
        ...base,
        credit_code: demoCreditCode(bad.region_code.slice(0, 6), 912),
        name: '演示广通化工有限公司',
        industry_code: '9999',
      },
      '年度更新',
      on,
      addDays(on, 2),
      60,
      20,
    );
    row(
      {
        ...base,
        credit_code: demoCreditCode(bad.region_code.slice(0, 6), 913),
        name: '演示天泰建材有限公司',
        industry_code: '3021',
      },
      '变更申报',
      addDays(on, 10),
      on,
      55,
      18,
    );
  }
  // The bad rows in the middle of the file, as an export from the old system has them.
  const order = [...lines.slice(0, 4), ...lines.slice(-4), ...lines.slice(4, -4)];
  const csv = [H.join(','), ...order.map((l) => H.map((h) => String(l[h] ?? '')).join(','))].join('\r\n');

  const runner = new JobRunner(db, { pollMs: 20 });
  const own: Deps = { ...deps, jobs: runner };
  registerRowImport(own, declarationImportSpec);
  await runner.start();
  try {
    const batch = await startImport(own, ctxOf(province), province, {
      kind: 'declaration',
      fileName: `原申报系统历史申报数据（${y - 4}—${y - 1}年）.csv`,
      buffer: Buffer.from(`${csv}\r\n`, 'utf8'),
      dryRun: false,
      lang: 'zh-CN',
    });
    // Waited for in short steps: where the server's runner is already started (a test's), it may be the
    // one that takes the job, and only its own runner hears when a job settles.
    let done = await awaitBatch(own, batch, province.userId, 1);
    for (let i = 0; i < 240 && done.status !== 'done' && done.status !== 'failed'; i++)
      done = await awaitBatch(own, batch, province.userId, 0.5);
    const report = (done.report ?? {}) as { accepted?: number; rejected?: number };
    return `历史申报导入: batch ${done.import_batch_id} ${done.status}, ${order.length} rows, ${report.accepted ?? 0} accepted, ${report.rejected ?? 0} rejected (error workbook)`;
  } finally {
    await runner.stop();
  }
};
