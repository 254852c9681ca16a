/**
 * Demo on-site verifications (现场核查) of the demo province, through the service, so every screen has
 * data. The demo filings filed earlier opened one task each (filings 1, 5, 6, 7, 8 → verifications 1–5):
 * 1 (the demo diagnosis institution) completed and passed; 2 completed with the radiation factor found
 * not capable (blocked); 3 scheduled with every result recorded (the complete example); 4 pending and
 * overdue (filed four months ago: the sweep warns the provincial commission); 5 scheduled. The demo exam
 * institution (长春市人民医院) is not filed in the demo, so nothing here restricts its demo cards.
 */
import type { Kysely } from 'kysely';
import type { AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { loadActor } from '../../platform/authz/session.js';
import type { DB } from '../../platform/db-types.js';
import { userIdByUsername } from '../users/index.js';
import { DEMO_VERIFICATION_IDS } from './verifications.routes.js';
import {
  completeVerification,
  recordResults,
  scheduleVerification,
  verificationDetail,
} from './verifications.service.js';
import { unsafeBackdateForDemo, verificationStatuses } from './verifications.repository.js';

const addDays = (iso: string, n: number): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const ctxOf = (a: Actor): AuditContext => ({
  userId: a.userId,
  username: a.username,
  organisationId: a.organisationId,
  ip: null,
  requestId: 'demo-seed',
});

/** Every item conforms (or does not apply), every factor capable — except what `change` says. */
const allResults = async (
  db: Kysely<DB>,
  qc: Actor,
  id: number,
  change: {
    items?: Record<string, { result: 'nonconform' | 'not_applicable'; note: string }>;
    incapable?: Record<string, string>;
  } = {},
) => {
  const d = await verificationDetail(db, qc, id, 'zh-CN');
  await recordResults(db, ctxOf(qc), qc, id, {
    items: d.items.map((i) => ({
      code: i.code,
      result: change.items?.[i.code]?.result ?? 'conform',
      note: change.items?.[i.code]?.note ?? null,
    })),
    factors: d.factors.map((f) => ({
      hazardCode: f.hazardCode,
      capable: !change.incapable?.[f.hazardCode],
      note: change.incapable?.[f.hazardCode] ?? null,
    })),
  });
};

/** Seeds the demo verifications; returns the start-up log line (null when absent or already seeded). */
export const seedDemoVerifications = async (db: Kysely<DB>, today: string): Promise<string | null> => {
  const qcId = await userIdByUsername(db, 'demo-qc');
  const qc = qcId === undefined ? null : ((await loadActor(db, qcId))?.actor ?? null);
  if (!qc) return null;
  const ids = (await verificationStatuses(db)).map((r) => ({ id: r.verification_id, status: r.status }));
  if (ids.length < DEMO_VERIFICATION_IDS.scheduled || ids.some((r) => r.status !== 'pending')) return null;
  const D = DEMO_VERIFICATION_IDS;
  const ctx = ctxOf(qc);
  const visit = addDays(today, -20);
  // The demo filings were all filed today: the visits happened "later" — move the completed ones'
  // filing date back so the visit is within the 3 months.
  for (const id of [D.passed, D.blocked, D.readyToComplete])
    await db
      .transaction()
      .execute((trx) => unsafeBackdateForDemo(trx, id, addDays(today, -45), addDays(today, 45)));
  await db
    .transaction()
    .execute((trx) => unsafeBackdateForDemo(trx, D.overdue, addDays(today, -120), addDays(today, -30)));

  await scheduleVerification(db, ctx, qc, D.passed, { scheduledOn: visit, assessors: ['张伟', '李娜'] });
  await allResults(db, qc, D.passed, {
    items: { P1: { result: 'not_applicable', note: '诊断机构，不设主检医师' } },
  });
  await completeVerification(
    db,
    ctx,
    qc,
    D.passed,
    { conclusion: '人员、设备、场所与备案一致，核查合格' },
    visit,
  );

  await scheduleVerification(db, ctx, qc, D.blocked, { scheduledOn: visit, assessors: ['王强', '赵敏'] });
  await allResults(db, qc, D.blocked, {
    items: { E3: { result: 'nonconform', note: '放射诊疗许可证已过期，未完成校验' } },
    incapable: { '5001': '放射诊疗许可证过期，暂不具备放射因素类检查能力' },
  });
  await completeVerification(
    db,
    ctx,
    qc,
    D.blocked,
    { conclusion: '除放射因素类外与备案一致；放射因素类项目不具备能力，予以公布' },
    visit,
  );

  await scheduleVerification(db, ctx, qc, D.readyToComplete, {
    scheduledOn: addDays(today, -3),
    assessors: ['张伟', '周丽'],
  });
  await allResults(db, qc, D.readyToComplete, {
    items: { E2: { result: 'nonconform', note: '2 台纯音听力计中 1 台校准证书过期' } },
  });

  await scheduleVerification(db, ctx, qc, D.scheduled, {
    scheduledOn: addDays(today, 14),
    assessors: ['李娜', '孙浩'],
  });
  return `现场核查: 5 个（1 合格、1 含不具备能力项目、2 已安排、1 逾期未核查）`;
};
