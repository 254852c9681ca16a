/**
 * Demo of 申报调度 (issue 17 item 5), through the service: the provincial commission's sampling check of
 * last year (3 employers per city from every employer in the programme — the demo's risk classes may not
 * be set yet — with a fixed seed), every drawn employer checked, and a few list decisions. Runs after the
 * employers' and declarations' demos (demo/modules.ts) so the figures include their declarations.
 * Deterministic: the same demo database gives the same draw and the same results.
 */
import type { InspectionDrawInput } from '@ohp/contracts';
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
  return `declaration oversight (申报调度): sampling ${drawn.id} of ${year}, ${drawn.units.length} employers drawn and checked, ${undeclared} found undeclared, ${wrong} inaccurate; list decisions: ${decisions.join(', ') || 'none'}`;
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
