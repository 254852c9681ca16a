/**
 * Demo data of 用人单位数据库 (deterministic, after the employers' demo). In the demo county (长春市南关区):
 * lists of 市场监管, 应急管理, 乡镇, 税务 and the city's 监督检查发现, committed through the import's own
 * validate and commit (one import batch each, marked done), so the database holds certain matches, an
 * uncertain one waiting in the review queue, new potential employers, an employer named by two lists,
 * statuses (not applicable, closed), follow-ups (one open for demo-county, one done, one overdue, one
 * visited last quarter), a pair a clerk would merge (entries 10 → 11), a pair already merged (12 → 13,
 * its open follow-up moved to the survivor) and an entry linked by name to the wrong employer (14).
 * In every other county of the city: city-wide lists of 税务, 人社, 园区 and 乡镇 (several sources per
 * county), similar names waiting for review, not applicable / closed / relocated entries, a pair to merge
 * in the first of them, and follow-ups (open, overdue, done) of a county staff member in two of them.
 * Last, one past half-yearly snapshot of the city. Entry ids 1–5, 10–14 and follow-up 1 are the OpenAPI
 * examples' (DEMO_CENSUS).
 */
import { creditCodeCheckChar, orgCodeCheckChar } from '@ohp/standards';
import { censusListColumns, type CensusSource } from '@ohp/contracts';
import { childrenOf } from '@ohp/reference';
import type { Kysely } from 'kysely';
import type { AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { loadActor } from '../../platform/authz/session.js';
import type { Crypto } from '../../platform/crypto.js';
import type { DB } from '../../platform/db-types.js';
import type { Deps } from '../../platform/http/types.js';
import { finishBatch, insertBatch } from '../../platform/imports/imports.repository.js';
import type { SheetRow } from '../../platform/imports/sheet.js';
import { ensureEmployers } from '../employers/index.js';
import { createUser, userIdByUsername } from '../users/index.js';
import { commitCensusRows, validateCensusRows } from './employer-census.import.js';
import {
  anyCensusList,
  countCensusEntries,
  demoCityEmployersOutside,
  demoCountyCommission,
  demoEntryIdByName,
  demoNewestEmployersOf,
  demoRehabStationRegions,
} from './employer-census.repository.js';
import {
  assignFollowUps,
  mergeEntries,
  recordOutcome,
  setEntryStatus,
  takeSnapshot,
} from './employer-census.service.js';

const actorOf = async (db: Kysely<DB>, username: string): Promise<Actor | null> => {
  const id = await userIdByUsername(db, username);
  return id === undefined ? null : ((await loadActor(db, id))?.actor ?? null);
};
const ctxOf = (a: Actor): AuditContext => ({
  userId: a.userId,
  username: a.username,
  organisationId: a.organisationId,
  ip: null,
  requestId: 'demo-seed',
});

/** A valid credit code of the region (GB 32100 check characters), serial-numbered. */
const code = (region: string, serial: number) => {
  const body = String(serial).padStart(8, '0');
  const first17 = `91${region.slice(0, 6)}${body}${orgCodeCheckChar(body)}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
};

const [NAME, CREDIT, REGION, ADDRESS, INDUSTRY, STAFF, CONTACT, PHONE] = censusListColumns;
type Row = [
  name: string,
  credit: string,
  region: string,
  address?: string,
  industry?: string,
  staff?: string,
  contact?: string,
  phone?: string,
];

const addDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const importList = async (
  db: Kysely<DB>,
  crypto: Crypto,
  actor: Actor,
  source: CensusSource,
  title: string,
  rows: Row[],
): Promise<void> => {
  const sheet: SheetRow[] = rows.map((r, i) => ({
    rowNo: i + 2,
    values: {
      [NAME]: r[0],
      [CREDIT]: r[1],
      [REGION]: r[2],
      [ADDRESS]: r[3] ?? '',
      [INDUSTRY]: r[4] ?? '',
      [STAFF]: r[5] ?? '',
      [CONTACT]: r[6] ?? '',
      [PHONE]: r[7] ?? '',
    },
    numericColumns: new Set(),
    undecodableColumns: new Set(),
  }));
  await db.transaction().execute(async (trx) => {
    const batch = await insertBatch(trx, {
      kind: 'census_list',
      key: `demo:census:${title}`,
      organisationId: actor.organisationId,
      userId: actor.userId,
      fileName: `${title}.xlsx`,
      sha256: null,
      dryRun: false,
      lang: 'zh-CN',
      options: { source, title },
      apiToken: null,
    } as never);
    if (!batch) return;
    const checked = await validateCensusRows(trx, sheet, actor);
    const good = checked.flatMap((o, i) => (o.ok ? [{ rowNo: sheet[i]!.rowNo, record: o.record }] : []));
    const results = await commitCensusRows({ crypto }, trx, good, actor, batch.import_batch_id);
    const count = (o: string) => results.filter((r) => r.outcome === o).length;
    await finishBatch(
      trx,
      batch.import_batch_id,
      {
        dryRun: false,
        total: rows.length,
        accepted: count('accepted'),
        updated: count('updated'),
        unchanged: count('unchanged'),
        rejected: rows.length - good.length + count('rejected'),
        errors: [],
        errorFileId: null,
      },
      null,
    );
  });
};

/** Typos a clerk makes when copying a name (a homophone for the first character that has one). */
const TYPO: Record<string, string> = {
  宏: '洪',
  盛: '胜',
  丰: '峰',
  源: '元',
  达: '大',
  泰: '太',
  兴: '星',
  富: '福',
  通: '同',
  隆: '龙',
  昌: '常',
  华: '化',
  金: '今',
  远: '源',
  升: '生',
  鼎: '顶',
  安: '按',
  旭: '绪',
  北: '百',
  江: '疆',
  方: '芳',
  白: '百',
  长: '常',
  吉: '及',
  松: '嵩',
  东: '冬',
  恒: '衡',
  瑞: '锐',
  天: '添',
  永: '勇',
  广: '光',
  汇: '会',
};
const typo = (name: string) => {
  const chars = [...name];
  const i = chars.findIndex((c, j) => j >= 2 && TYPO[c]);
  if (i >= 0) chars[i] = TYPO[chars[i]!]!;
  return chars.join('').replace(/（\d+）$/, '');
};

export const seedDemoEmployerCensus = async (deps: Deps, today: string): Promise<string | null> => {
  const { db, crypto } = deps;
  const county = await actorOf(db, 'demo-county');
  const city = await actorOf(db, 'demo-city');
  if (!county || !city) return null;
  if (await anyCensusList(db)) return null;
  const cc = county.regionCode;
  const employers = await demoNewestEmployersOf(db, cc, 6);
  const e0 = employers[0];
  const town = (await demoRehabStationRegions(db)).find((c) => c.startsWith(cc));
  // The base database also holds 南关区宏远机械配件有限公司 (registered as the census' 'new' decision does):
  // the township workshop 宏远机械配件厂 (entry 14) is linked to it by name — wrongly (DEMO_CENSUS.unlinkEntry).
  await ensureEmployers(
    db,
    [
      {
        creditCode: code(cc, 77_0040),
        name: '南关区宏远机械配件有限公司',
        regionCode: cc,
        address: '南关区机械路40号',
        industryCode: null,
        employees: 120,
      },
    ],
    'census',
  );

  // 1. 市场监管: entries 1–9 in this order (the examples' ids).
  const market: Row[] = [
    e0
      ? [e0.name, e0.credit_code!, cc, '', '', '', '', '']
      : ['南关区示例机械加工有限公司', code(cc, 77_0001), cc],
    e0 ? [typo(e0.name), '', cc, '', '', '', '', ''] : ['南关区示例机械加工厂', '', cc],
    [
      '南关区鑫达石材加工厂',
      code(cc, 77_0003),
      cc,
      '南关区幸福乡石材路3号',
      '3032 建筑用石加工',
      '28',
      '刘经理',
      '13904310003',
    ],
    ['南关区北辰商贸有限公司', '', cc, '南关区人民大街88号', '批发业', '9', '陈女士', ''],
    [
      '南关区恒通木器加工厂',
      code(cc, 77_0005),
      cc,
      '南关区建设街15号',
      '2110 木质家具制造',
      '35',
      '王厂长',
      '13904310005',
    ],
    [
      '南关区永盛铸造有限公司',
      code(cc, 77_0006),
      cc,
      '南关区工业路6号',
      '3391 黑色金属铸造',
      '64',
      '赵经理',
      '13904310006',
    ],
    ['南关区安达建材有限公司', code(cc, 77_0007), cc, '南关区东环路7号', '3021 水泥制品制造', '22', '', ''],
    [
      '南关区华泰化工有限公司',
      code(cc, 77_0008),
      cc,
      '南关区化工园区8号',
      '2614 有机化学原料制造',
      '47',
      '孙主任',
      '',
    ],
    ['南关区瑞祥印刷厂', code(cc, 77_0009), cc, '南关区印刷路9号', '2319 包装装潢及其他印刷', '15', '', ''],
    // 10–11: the same factory twice (an old registration without a code): the merge example.
    ['南关区金鼎机械厂', '', cc, '南关区永吉街31号', '机械加工', '40', '周厂长', ''],
    [
      '南关区金鼎机械制造有限公司',
      code(cc, 77_0031),
      cc,
      '南关区永吉街31号',
      '3411 锅炉及辅助设备制造',
      '42',
      '周经理',
      '13904310031',
    ],
    // 12–13: another such pair, merged below (the merged view has data; the unmerge example).
    ['南关区顺达彩印包装厂', '', cc, '南关区印刷路33号', '包装印刷', '16', '', ''],
    ['南关区顺达包装制品有限公司', code(cc, 77_0033), cc, '南关区印刷路33号', '2231 纸和纸板容器制造', '18'],
    // 14: a workshop linked by name to the registered company of a similar name (the unlink example).
    ['南关区宏远机械配件厂', '', cc, '南关区幸福乡机修路2号', '机械修理', '6'],
    ...employers.slice(1, 4).map((e): Row => [e.name, e.credit_code!, cc]),
  ];
  await importList(db, crypto, county, 'market_regulation', '2026年南关区市场监管部门企业名单', market);

  // 2. 应急管理: an employer already listed (a second source), a name variant of a listed one, new ones.
  const emergency: Row[] = [
    e0 ? [`吉林省长春市${e0.name}`, '', cc] : ['长春市南关区示例机械加工有限公司', '', cc],
    ['南关区鑫达石材加工有限公司', '', cc, '南关区幸福乡石材路3号', '建筑用石加工', '30'],
    ['南关区天宝矿山机械厂', code(cc, 77_0011), cc, '南关区矿机路11号', '3511 矿山机械制造', '58'],
    ...employers.slice(4, 6).map((e): Row => [e.name, '', cc]),
  ];
  await importList(db, crypto, county, 'emergency_management', '2026年应急管理部门工贸企业名单', emergency);

  // 3. 乡镇（街道）: two small workshops found by the township.
  if (town)
    await importList(db, crypto, county, 'township', '乡镇（街道）摸排名单', [
      ['南关区金源砂石料场', '', town, '村东砂石场', '1019 粘土及其他土砂石开采', '12'],
      ['南关区兴达家具作坊', '', town, '村西', '木质家具制造', '8'],
    ]);

  // 4. 监督检查发现 (the city's list: other counties of the city too).
  const cityEmployers = await demoCityEmployersOutside(db, city.regionCode, cc, 3);
  await importList(db, crypto, city, 'inspection', '2026年第一季度监督检查发现未申报单位', [
    ...cityEmployers.map((e): Row => [e.name, e.credit_code ?? '', e.region_code.slice(0, 6)]),
    ['南关区东方电镀厂', code(cc, 77_0021), cc, '南关区电镀路21号', '3360 金属表面处理及热处理加工', '18'],
  ]);

  // Statuses and follow-ups.
  const cctx = ctxOf(county);
  // Follow-up 1: open, assigned to demo-county (the outcome example).
  await assignFollowUps(db, cctx, county, { entryIds: [3], dueOn: addDays(today, 14) }, today);
  // Follow-ups 2–3: one done (will declare), one overdue (assigned 40 days ago, due 10 days ago).
  await assignFollowUps(db, cctx, county, { entryIds: [6], dueOn: addDays(today, 7) }, today);
  await recordOutcome(
    db,
    cctx,
    county,
    2,
    { outcome: 'will_declare', willDeclareBy: addDays(today, 20), note: '负责人承诺本月内完成网上申报' },
    today,
  );
  await assignFollowUps(db, cctx, county, { entryIds: [7], dueOn: addDays(today, -10) }, addDays(today, -40));
  // Follow-up 4: done, closed (the entry's status follows).
  await assignFollowUps(db, cctx, county, { entryIds: [8], dueOn: addDays(today, 5) }, today);
  await recordOutcome(db, cctx, county, 4, { outcome: 'closed', note: '现场核实已停产，设备已搬空' }, today);
  // Follow-up 5: visited in the middle of the previous quarter, found not applicable (the entry's status
  // follows) — the quarterly dispatch (季调度), which shows the previous quarter, counts it.
  const quarterStart = `${today.slice(0, 5)}${String(Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
  const visited = addDays(quarterStart, -45);
  await assignFollowUps(
    db,
    cctx,
    county,
    { entryIds: [9], dueOn: addDays(visited, 10) },
    addDays(visited, -5),
  );
  await recordOutcome(
    db,
    cctx,
    county,
    5,
    { outcome: 'not_applicable', note: '现场核实：仅承接数码快印，无职业病危害因素', visitedOn: visited },
    visited,
  );

  // 税务 of the county: names the old registrations 10 and 12 again (a second source each) and one more.
  await importList(db, crypto, county, 'tax', '2026年南关区税务登记单位名单', [
    ['南关区金鼎机械厂', '', cc, '南关区永吉街31号'],
    ['南关区顺达彩印包装厂', '', cc, '南关区印刷路33号'],
    ['南关区德隆五金加工厂', code(cc, 77_0035), cc, '南关区五金路35号', '3311 金属结构制造', '21'],
  ]);
  // Follow-up 6 on entry 12, then 12 merged into 13: the open task moves to the survivor.
  await assignFollowUps(db, cctx, county, { entryIds: [12], dueOn: addDays(today, 21) }, today);
  await mergeEntries(db, cctx, county, 12, {
    into: 13,
    reason: '同一地址同一负责人：顺达彩印包装厂为个体登记时的名称，现为顺达包装制品有限公司',
  });

  // Every other county of the city: city-wide lists by source, statuses, a pair to merge, follow-ups.
  const others = childrenOf(city.regionCode).filter((c) => !c.statisticalOnly && c.code !== cc);
  const known = new Map<string, Array<{ name: string; credit_code: string | null }>>();
  for (const c of others) known.set(c.code, await demoNewestEmployersOf(db, c.code, 2));
  const rows = (f: (c: { code: string; name: string }, k: number) => Row[]): Row[] =>
    others.flatMap((c, k) => f(c, k));
  await importList(
    db,
    crypto,
    city,
    'tax',
    '2026年长春市税务部门纳税单位名单（制造业、采矿业）',
    rows((c) => [
      ...known.get(c.code)!.map((e): Row => [e.name, e.credit_code ?? '', c.code]),
      [
        `${c.name}华兴建材有限公司`,
        code(c.code, 88_0001),
        c.code,
        `${c.name}建材路1号`,
        '3021 水泥制品制造',
        '36',
      ],
      [`${c.name}利民砖厂`, '', c.code, `${c.name}利民村`, '3031 粘土砖瓦及建筑砌块制造', '25'],
    ]),
  );
  await importList(
    db,
    crypto,
    city,
    'human_resources',
    '2026年长春市人社部门参保单位名单（工伤保险）',
    rows((c) => {
      const [a, b] = known.get(c.code)!;
      return [
        ...(a ? [[a.name, '', c.code] as Row] : []),
        // A clerk's copy of a registered name: waits in the review queue.
        ...((b ?? a) ? [[typo((b ?? a)!.name), '', c.code] as Row] : []),
        [
          `${c.name}永固铸件厂`,
          code(c.code, 88_0002),
          c.code,
          `${c.name}铸造园区2号`,
          '3391 黑色金属铸造',
          '48',
        ],
        [`${c.name}万家福超市`, '', c.code, `${c.name}中心街`, '5212 超级市场零售', '15'],
      ];
    }),
  );
  await importList(
    db,
    crypto,
    city,
    'industrial_park',
    '长春市各开发区（工业园区）入驻企业名单',
    rows((c) => [
      [
        `${c.name}新兴木器加工厂`,
        code(c.code, 88_0003),
        c.code,
        `${c.name}工业园区3号`,
        '2110 木质家具制造',
        '30',
      ],
      [`${c.name}永固铸件厂`, code(c.code, 88_0002), c.code, `${c.name}铸造园区2号`],
    ]),
  );
  await importList(
    db,
    crypto,
    city,
    'township',
    '各区县乡镇（街道）摸排名单',
    rows((c, k) => [
      [`${c.name}利民砖厂`, '', c.code, `${c.name}利民村`],
      [`${c.name}富源石料场`, '', c.code, `${c.name}北山`, '1019 粘土及其他土砂石开采', '9'],
      // The first other county: the township lists the tax bureau's 华兴建材 under another name.
      ...(k === 0
        ? [[`${c.name}华兴新型建材厂`, '', c.code, `${c.name}建材路1号`, '建材', '35'] as Row]
        : []),
    ]),
  );
  const ctx = ctxOf(city);
  const idOf = async (c: string, name: string) => (await demoEntryIdByName(db, c, name))!;
  for (const [k, c] of others.entries()) {
    await setEntryStatus(db, ctx, city, await idOf(c.code, `${c.name}万家福超市`), {
      status: 'not_applicable',
      reason: '现场核实：仅从事商品零售，无生产作业，不存在职业病危害因素',
    });
    await setEntryStatus(db, ctx, city, await idOf(c.code, `${c.name}富源石料场`), {
      status: 'closed',
      reason: '乡镇核实：已停产，采场已复垦',
      on: addDays(today, -60),
    });
    if (k % 2 === 0)
      await setEntryStatus(db, ctx, city, await idOf(c.code, `${c.name}新兴木器加工厂`), {
        status: 'relocated',
        reason: '已整体搬迁至外市，原址为仓库',
        on: addDays(today, -30),
      });
  }
  // Follow-ups in two other counties, by a staff member of each county's health commission (an account
  // created through the users service by the demo's system administrator).
  const admin = await actorOf(db, 'demo-sysadmin');
  let tasks = 6;
  for (const c of admin ? others.slice(0, 2) : []) {
    const commission = await demoCountyCommission(db, c.code);
    if (!commission) continue;
    const username = `census.${c.code}`;
    if ((await userIdByUsername(db, username)) === undefined)
      await createUser(deps, ctxOf(admin!), admin!, {
        username,
        displayName: `${c.name}入户指导员`,
        organisationId: commission,
        roleKeys: ['regulator'],
      });
    const staff = (await actorOf(db, username))!;
    const sctx = ctxOf(staff);
    const open = await assignFollowUps(
      db,
      ctx,
      city,
      {
        entryIds: [await idOf(c.code, `${c.name}华兴建材有限公司`)],
        assigneeUserId: staff.userId,
        dueOn: addDays(today, 10),
      },
      today,
    );
    const late = await assignFollowUps(
      db,
      ctx,
      city,
      {
        entryIds: [await idOf(c.code, `${c.name}利民砖厂`)],
        assigneeUserId: staff.userId,
        dueOn: addDays(today, -5),
      },
      addDays(today, -30),
    );
    const done = await assignFollowUps(
      db,
      ctx,
      city,
      {
        entryIds: [await idOf(c.code, `${c.name}永固铸件厂`)],
        assigneeUserId: staff.userId,
        dueOn: addDays(today, 3),
      },
      addDays(today, -7),
    );
    await recordOutcome(
      db,
      sctx,
      staff,
      done.ids[0]!,
      { outcome: 'will_declare', willDeclareBy: addDays(today, 30), note: '企业负责人承诺一个月内完成申报' },
      today,
    );
    tasks += open.assigned + late.assigned + done.assigned;
  }

  // One past snapshot: the half-year before today's.
  const y = Number(today.slice(0, 4));
  const period = Number(today.slice(5, 7)) <= 6 ? `${y - 1}-H2` : `${y}-H1`;
  await takeSnapshot(db, ctxOf(city), city, { period });
  return `用人单位数据库: ${await countCensusEntries(db)} 家单位（${others.length + 1} 个区县）, 入户指导 ${tasks} 条, 半年报送 ${period}`;
};
