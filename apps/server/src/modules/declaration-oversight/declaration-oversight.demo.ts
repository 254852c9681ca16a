/**
 * Demo of 申报调度 (issue 17 item 5), through the service: the provincial commission's sampling check of
 * last year (3 employers per city from every employer in the programme — the demo's risk classes may not
 * be set yet — with a fixed seed), every drawn employer checked; this year's check under way (2 per city
 * of measure b, part of the results recorded: the verified rate the rates show is this year's); and list
 * decisions by the province, the demo city and the demo county, the other entries left pending. Runs after the
 * employers' and declarations' demos (demo/modules.ts) so the figures include their declarations.
 * Deterministic: the same demo database gives the same draw and the same results.
 */
import type { DeclarationSamplingCheckInput, InspectionDrawInput } from '@ohp/contracts';
import type { Kysely } from 'kysely';
import type { AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { loadActor } from '../../platform/authz/session.js';
import type { DB } from '../../platform/db-types.js';
import { AppError } from '../../platform/errors.js';
import { userIdByUsername } from '../users/index.js';
import { drawInspectionsFor } from './declaration-oversight.inspections.js';
import { anyInspectionDraw, anySampling } from './declaration-oversight.repository.js';
import {
  decideListEntry,
  drawSamplingFor,
  employerListFor,
  recordSamplingCheck,
} from './declaration-oversight.service.js';

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

/**
 * What the inspectors found at the employers the system counts as declared, in turn (null: accurate);
 * an employer the system does not count as declared is found undeclared.
 */
const FINDINGS: Array<{ wrong: 'industry' | 'size' | 'factors'; note: string } | null> = [
  null,
  { wrong: 'size', note: '申报在册职工数与现场核实不符' },
  null,
  { wrong: 'factors', note: '漏报噪声危害因素' },
  null,
  { wrong: 'industry', note: '申报行业类别与营业执照主营业务不符' },
];
const UNDECLARED_NOTES = [
  '现场核实存在粉尘、噪声危害，未进行职业病危害项目申报，已现场告知',
  '企业称不知道需要申报，已发放告知单',
];

export const seedDemoDeclarationOversight = async (db: Kysely<DB>, today: string): Promise<string | null> => {
  const province = await actorOf(db, 'demo-province');
  if (!province) return null;
  if (await anySampling(db, province.regionCode.slice(0, 2))) return null;
  const year = Number(today.slice(0, 4)) - 1;
  let drawn;
  try {
    drawn = await drawSamplingFor(
      db,
      ctxOf(province),
      province,
      {
        year,
        perCity: 3,
        seed: 'DEMO-SB-1',
        measure: 'all',
        title: `${year}年度职业病危害项目申报扩面行动抽查`,
      },
      today,
    );
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return `declaration oversight: no sampling (${e.reason})`;
  }
  let wrong = 0;
  let undeclared = 0;
  let declaredSeen = 0;
  for (const u of drawn.units) {
    const declared = u.declaredInSystem;
    const f = declared ? (FINDINGS[declaredSeen++ % FINDINGS.length] ?? null) : null;
    if (f) wrong++;
    if (!declared) undeclared++;
    await recordSamplingCheck(db, ctxOf(province), province, drawn.id, {
      employerId: u.employerId,
      declared,
      industryAccurate: declared ? f?.wrong !== 'industry' : null,
      sizeAccurate: declared ? f?.wrong !== 'size' : null,
      factorsAccurate: declared ? f?.wrong !== 'factors' : null,
      note: declared ? (f?.note ?? null) : UNDECLARED_NOTES[undeclared % UNDECLARED_NOTES.length]!,
    });
  }
  // Decisions: the first two black entries confirmed, the first white one confirmed and the second
  // removed (when the declarations' demo has put any employer on the white list).
  const decisions: string[] = [];
  const black = await employerListFor(db, province, { list: 'black', pageSize: 2 }, today);
  for (const e of black.data) {
    await decideListEntry(
      db,
      ctxOf(province),
      province,
      {
        employerId: e.employerId,
        list: 'black',
        action: 'confirm',
        reason: '省级抽查发现问题，已通报所在市卫生健康委',
      },
      today,
    );
    decisions.push(`black ${e.employerId}`);
  }
  const white = await employerListFor(db, province, { list: 'white', pageSize: 2 }, today);
  for (const [i, e] of white.data.entries()) {
    await decideListEntry(
      db,
      ctxOf(province),
      province,
      {
        employerId: e.employerId,
        list: 'white',
        action: i === 0 ? 'confirm' : 'remove',
        reason: i === 0 ? '申报及时、信息准确，适当降低监督检查频次' : '近期有投诉举报，暂不列入白名单',
      },
      today,
    );
    decisions.push(`white ${e.employerId} ${i === 0 ? 'confirmed' : 'removed'}`);
  }
  // This year's check, under way: 2 employers per city from policy measure b (all in the programme when
  // b is empty), the first results recorded — every unit of the first four cities, the first of the
  // others — so the rates show this year's verified rate (the latest check with results).
  const current = year + 1;
  let now: Awaited<ReturnType<typeof drawSamplingFor>> | null = null;
  for (const measure of ['b', 'all'] as const) {
    try {
      now = await drawSamplingFor(
        db,
        ctxOf(province),
        province,
        {
          year: current,
          perCity: 2,
          seed: 'DEMO-SB-2',
          measure,
          title: `${current}年度职业病危害项目申报情况抽查`,
        },
        today,
      );
      break;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
    }
  }
  // What the inspectors found at employers the system does not count as declared, in turn: a paper
  // receipt of the old declaration system (declared, accurate or not — the verified rate counts it),
  // or no declaration at all.
  const OFFLINE: Array<Omit<DeclarationSamplingCheckInput, 'employerId'>> = [
    {
      declared: true,
      industryAccurate: true,
      sizeAccurate: true,
      factorsAccurate: true,
      note: '现场核实已在原申报系统申报（有纸质回执），本系统尚无记录，已督促补录',
    },
    { declared: false, industryAccurate: null, sizeAccurate: null, factorsAccurate: null, note: null },
    {
      declared: true,
      industryAccurate: true,
      sizeAccurate: false,
      factorsAccurate: true,
      note: '持有原申报系统回执，但在册职工数与申报不符，本系统尚无记录',
    },
  ];
  let recorded = 0;
  if (now) {
    const cities = [...new Set(now.units.map((u) => u.cityCode))];
    let seen = 0;
    let offline = 0;
    for (const u of now.units) {
      if (cities.indexOf(u.cityCode) >= 4 && u.rank > 1) continue;
      const f = u.declaredInSystem ? (FINDINGS[(seen++ + 3) % FINDINGS.length] ?? null) : null;
      const found: Omit<DeclarationSamplingCheckInput, 'employerId'> = u.declaredInSystem
        ? {
            declared: true,
            industryAccurate: f?.wrong !== 'industry',
            sizeAccurate: f?.wrong !== 'size',
            factorsAccurate: f?.wrong !== 'factors',
            note: f?.note ?? '现场核实申报信息与实际一致',
          }
        : OFFLINE[offline++ % OFFLINE.length]!;
      await recordSamplingCheck(db, ctxOf(province), province, now.id, {
        employerId: u.employerId,
        ...found,
        note: found.note ?? UNDECLARED_NOTES[recorded % UNDECLARED_NOTES.length]!,
      });
      recorded++;
    }
  }
  // Decisions across the regions, the rest left pending: the demo county confirms one white and one
  // black entry of its own, the demo city one black entry of another of its counties and removes a white
  // one, the province confirms one of each in another city.
  const county = await actorOf(db, 'demo-county');
  const city = await actorOf(db, 'demo-city');
  const pendingOf = async (list: 'white' | 'black') =>
    (await employerListFor(db, province, { list, state: 'pending', pageSize: 100 }, today)).data;
  const pending = { white: await pendingOf('white'), black: await pendingOf('black') };
  const decide = async (
    who: Actor | null,
    list: 'white' | 'black',
    where: (regionCode: string) => boolean,
    action: 'confirm' | 'remove',
    reason: string,
  ) => {
    const e = who && pending[list].find((x) => where(x.regionCode));
    if (!who || !e) return;
    pending[list] = pending[list].filter((x) => x !== e);
    await decideListEntry(db, ctxOf(who), who, { employerId: e.employerId, list, action, reason }, today);
    decisions.push(`${list} ${e.employerId} ${action} (${who.regionCode})`);
  };
  const inCounty = (r: string) => !!county && r.startsWith(county.regionCode);
  const inCityElsewhere = (r: string) =>
    !!city && !!county && r.startsWith(city.regionCode) && !r.startsWith(county.regionCode);
  const outsideCity = (r: string) => !!city && !r.startsWith(city.regionCode);
  await decide(county, 'white', inCounty, 'confirm', '近两年申报及时、信息准确，年度更新按时完成');
  await decide(
    county,
    'black',
    inCounty,
    'confirm',
    '经核实未按规定申报或申报信息不实，已约谈企业负责人并督促整改',
  );
  await decide(
    city,
    'black',
    inCityElsewhere,
    'confirm',
    '抽查发现问题，已通报所在县（区）卫生健康局跟踪整改',
  );
  await decide(city, 'white', inCityElsewhere, 'remove', '企业近期发生职业健康投诉，暂不列入白名单');
  await decide(province, 'black', outsideCity, 'confirm', '省级抽查发现问题，已通报所在市卫生健康委');
  await decide(province, 'white', outsideCity, 'confirm', '申报及时、信息准确，适当降低监督检查频次');
  return `declaration oversight (申报调度): sampling ${drawn.id} of ${year}, ${drawn.units.length} employers drawn and checked, ${undeclared} found undeclared, ${wrong} inaccurate; sampling ${now?.id ?? '-'} of ${current}, ${now?.units.length ?? 0} drawn, ${recorded} checked so far; list decisions: ${decisions.join(', ') || 'none'}`;
};

/**
 * 双随机抽查 of this year, after the lists' decisions above: the demo county draws 6 employers of its
 * county, the demo city 12 of its 严重 employers (the county reads the city's draw and sees its own
 * units). Fixed seeds, so the same demo database gives the same draws.
 */
export const seedDemoInspectionDraws = async (db: Kysely<DB>, today: string): Promise<string | null> => {
  if (await anyInspectionDraw(db)) return null;
  const year = Number(today.slice(0, 4));
  const done: string[] = [];
  const draws: Array<[string, InspectionDrawInput]> = [
    ['demo-county', { year, planned: 6, seed: 'DEMO-SSJ-COUNTY', title: `${year}年第一批双随机监督检查` }],
    [
      'demo-city',
      {
        year,
        planned: 12,
        riskClasses: ['严重'],
        seed: 'DEMO-SSJ-CITY',
        title: `${year}年严重危害用人单位双随机抽查`,
      },
    ],
  ];
  for (const [username, input] of draws) {
    const actor = await actorOf(db, username);
    if (!actor) continue;
    try {
      const d = await drawInspectionsFor(db, ctxOf(actor), actor, input, today);
      done.push(`${username} ${d.drawn} of ${d.populationCount}`);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      done.push(`${username} none (${e.reason})`);
    }
  }
  return done.length ? `inspection draws (双随机抽查): ${done.join('; ')}` : null;
};
