/**
 * Demo samples (issue 15 item 8), drawn and checked through the service so the 个案卡抽查 screens have
 * data: the demo city's completed quarterly check of reviewed cards (3 per institution, about one in
 * five found to differ from the paper report), and the demo county's follow-up check of one exam
 * institution's recent cards, in progress. Fixed seeds: the same demo database gives the same draws.
 */
import type { SampleCheckField } from '@ohp/contracts';
import type { Kysely } from 'kysely';
import type { AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { loadActor } from '../../platform/authz/session.js';
import type { DB } from '../../platform/db-types.js';
import { AppError } from '../../platform/errors.js';
import { userIdByUsername } from '../users/index.js';
import { drawSampleFor, recordSampleCheck } from './exam-sampling.service.js';

const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

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

/** What a checker finds on the paper report, in turn: mostly agreement, now and then a difference. */
const FINDINGS: Array<{ fields: SampleCheckField[]; note: string } | null> = [
  null,
  null,
  null,
  null,
  { fields: ['conclusion'], note: '纸质报告结论为“复查”，网络直报为“目前未见异常”' },
  null,
  null,
  { fields: ['items'], note: '纸质报告有肺功能结果，网络直报缺失' },
  null,
  null,
  { fields: ['personal', 'exam_date'], note: '出生日期与体检日期录入错误' },
  null,
  null,
  { fields: ['suspected_disease', 'conclusion'], note: '纸质报告为疑似职业病，网络直报为其他疾病或异常' },
  null,
];

/** Seeds the two demo samples; returns the start-up log line (or null when the demo users are absent). */
export const seedDemoSamples = async (db: Kysely<DB>, today: string): Promise<string | null> => {
  const city = await actorOf(db, 'demo-city');
  const county = await actorOf(db, 'demo-county');
  const exam = await actorOf(db, 'demo-exam');
  if (!city || !county || !exam) return null;
  const lines: string[] = [];
  const check = async (a: Actor, sampleId: number, cardIds: number[], offset: number) => {
    let mismatches = 0;
    for (const [i, cardId] of cardIds.entries()) {
      const f = FINDINGS[(i + offset) % FINDINGS.length] ?? null;
      if (f) mismatches++;
      await recordSampleCheck(db, ctxOf(a), a, sampleId, {
        cardId,
        matches: f === null,
        differingFields: f?.fields ?? [],
        note: f?.note ?? null,
      });
    }
    return mismatches;
  };
  try {
    const done = await drawSampleFor(
      db,
      ctxOf(city),
      city,
      {
        from: addDays(today, -240),
        to: addDays(today, -30),
        perInstitution: 3,
        seed: 'DEMO-CITY-QC-1',
        reviewedOnly: true,
        title: '个案卡与纸质报告一致性抽查（已审核个案卡，每机构 3 张）',
      },
      'zh-CN',
    );
    const m = await check(
      city,
      done.id,
      done.cards.map((c) => c.cardId),
      0,
    );
    lines.push(`sample ${done.id}: ${done.cards.length} cards checked, ${m} differ (completed)`);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    lines.push(`city sample not drawn (${e.reason})`);
  }
  try {
    const open = await drawSampleFor(
      db,
      ctxOf(county),
      county,
      {
        from: addDays(today, -21),
        to: today,
        institutionIds: [exam.organisationId],
        perInstitution: 30,
        seed: 'DEMO-COUNTY-QC-1',
        reviewedOnly: false,
        title: '体检机构近三周新报个案卡核查',
      },
      'zh-CN',
    );
    // About a third checked so far, the example card (the API documentation's) left for the example.
    const todo = open.cards
      .filter((c) => !c.recordId.endsWith('-EXAMPLE'))
      .slice(0, Math.max(1, Math.floor(open.cards.length / 3)));
    const m = await check(
      county,
      open.id,
      todo.map((c) => c.cardId),
      4,
    );
    lines.push(
      `sample ${open.id}: ${open.cards.length} cards drawn, ${todo.length} checked, ${m} differ (in progress)`,
    );
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    lines.push(`county sample not drawn (${e.reason})`);
  }
  return `card samples (个案卡抽查): ${lines.join('; ')}`;
};
