/**
 * Demo data of 用人单位数据库 (deterministic, after the employers' demo): four lists from different
 * departments in the demo county (长春市南关区) and city — 市场监管, 应急管理, 乡镇, 监督检查发现 — committed
 * through the import's own validate and commit (one import batch each, marked done), so the database
 * holds certain matches, an uncertain one waiting in the review queue, new potential employers, an
 * employer named by two lists; statuses (not applicable, closed); follow-ups (one open for demo-county,
 * one done, one overdue, one visited last quarter) and one past half-yearly snapshot of the city. Entry ids 1–5 and follow-up 1
 * are the OpenAPI examples' (DEMO_CENSUS).
 */
import { creditCodeCheckChar, orgCodeCheckChar } from '@ohp/standards';
import { censusListColumns, type CensusSource } from '@ohp/contracts';
import type { Kysely } from 'kysely';
import type { AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { loadActor } from '../../platform/authz/session.js';
import type { Crypto } from '../../platform/crypto.js';
import type { DB } from '../../platform/db-types.js';
import { finishBatch, insertBatch } from '../../platform/imports/imports.repository.js';
import type { SheetRow } from '../../platform/imports/sheet.js';
import { userIdByUsername } from '../users/index.js';
import { commitCensusRows, validateCensusRows } from './employer-census.import.js';
import {
  anyCensusList,
  countCensusEntries,
  demoCityEmployersOutside,
  demoNewestEmployersOf,
  demoRehabStationRegions,
} from './employer-census.repository.js';
import { assignFollowUps, recordOutcome, takeSnapshot } from './employer-census.service.js';

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

export const seedDemoEmployerCensus = async (
  deps: { db: Kysely<DB>; crypto: Crypto },
  today: string,
): Promise<string | null> => {
  const { db, crypto } = deps;
  const county = await actorOf(db, 'demo-county');
  const city = await actorOf(db, 'demo-city');
  if (!county || !city) return null;
  if (await anyCensusList(db)) return null;
  const cc = county.regionCode;
  const employers = await demoNewestEmployersOf(db, cc, 6);
  const e0 = employers[0];
  const town = (await demoRehabStationRegions(db)).find((c) => c.startsWith(cc));

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

  // One past snapshot: the half-year before today's.
  const y = Number(today.slice(0, 4));
  const period = Number(today.slice(5, 7)) <= 6 ? `${y - 1}-H2` : `${y}-H1`;
  await takeSnapshot(db, ctxOf(city), city, { period });
  return `用人单位数据库: 4 份名单, ${await countCensusEntries(db)} 家单位, 入户指导 5 条, 半年报送 ${period}`;
};
