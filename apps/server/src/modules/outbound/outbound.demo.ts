/**
 * Demo outbound-exam notices (外出体检告知) of the demo province, through the service: the first filed
 * exam institution whose on-site verification passed gets a demo account (`demo-outbound`, exam staff;
 * the demo exam institution 长春市人民医院 is not filed in the demo, on purpose) and gives three notices:
 * 1 for an employer in a county whose supervision is delegated to its city (a second county of the
 * demo city, delegated here by demo-province through the settings service), submitted and acknowledged by the city; 2 for an employer in the demo
 * county, submitted and awaiting the county (demo-county's queue); 3 a draft. The order is fixed: the
 * OpenAPI examples act on them (DEMO_OUTBOUND_IDS).
 */
import { outboundNoticeExample, type OutboundNoticeInput } from '@ohp/contracts';
import { addDays } from '@ohp/reference';
import type { Kysely } from 'kysely';
import type { AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { loadActor } from '../../platform/authz/session.js';
import type { DB } from '../../platform/db-types.js';
import { userIdByUsername } from '../users/index.js';
import { workingCalendar } from '../calendar/index.js';
import { DEMO_OUTBOUND_IDS, DEMO_OUTBOUND_USER } from './outbound.routes.js';
import {
  anyNotice,
  countiesOfCity,
  employersOfRegion,
  delegationOf,
  filedExamInstitutions,
  insertDemoUser,
} from './outbound.repository.js';
import {
  acknowledgeNotice,
  createNotice,
  createOutboundDelegation,
  eligibilityOf,
  optionsFor,
  settingFor,
  submitNotice,
} from './outbound.service.js';
import { noticeTiming } from './outbound.rules.js';

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

/** Seeds the demo notices; returns the start-up log line (null when there is nothing to seed on). */
export const seedDemoOutbound = async (db: Kysely<DB>, today: string): Promise<string | null> => {
  const county = await actorOf(db, 'demo-county');
  const city = await actorOf(db, 'demo-city');
  if (!county || !city || (await anyNotice(db))) return null;
  const province = county.regionCode.slice(0, 2);
  let institution: { organisation_id: number; name: string } | undefined;
  for (const f of await filedExamInstitutions(db, province))
    if ((await eligibilityOf(db, f.organisation_id)).eligible) {
      institution = f;
      break;
    }
  if (!institution) return null;
  await insertDemoUser(db, {
    username: DEMO_OUTBOUND_USER,
    displayName: '外出体检演示用户',
    organisationId: institution.organisation_id,
    role: 'exam_staff',
    likeUsername: 'demo-exam',
  });
  const exam = await actorOf(db, DEMO_OUTBOUND_USER);
  if (!exam) return null;

  // A second county of the demo city (one with registered employers), its supervision delegated to
  // the city (代管).
  let delegated: string | undefined;
  let delegatedEmployer: { organisation_id: number; address: string | null } | undefined;
  for (const { region_code } of await countiesOfCity(db, city.regionCode)) {
    if (region_code === county.regionCode) continue;
    [delegatedEmployer] = await employersOfRegion(db, region_code, 1);
    if (delegatedEmployer) {
      delegated = region_code;
      break;
    }
  }
  // Recorded through the settings service by the provincial commission (the migration seeds no
  // delegation: which counties are delegated is the province's to say).
  const commission = await actorOf(db, 'demo-province');
  if (delegated && commission && !(await delegationOf(db, delegated)))
    await createOutboundDelegation(db, ctxOf(commission), commission, province, {
      countyCode: delegated,
      note: '演示：该区职业卫生监督工作由市卫生健康委代管',
    });

  const options = await optionsFor(db, exam);
  const s = await settingFor(db, province);
  const earliest = noticeTiming(
    await workingCalendar(db),
    s.notice_working_days,
    s.convention,
    today,
  ).earliestStartDate;
  const base = (
    employer: { organisation_id: number; address: string | null } | undefined,
    start: string,
    days: number,
  ): OutboundNoticeInput => ({
    ...outboundNoticeExample,
    ...(employer
      ? { employerId: employer.organisation_id, employerName: undefined, employerRegionCode: undefined }
      : {}),
    siteAddress: employer?.address
      ? `${employer.address} 厂区职工活动中心`
      : outboundNoticeExample.siteAddress,
    startDate: start,
    endDate: addDays(start, days),
    hazardCodes: options.hazards.slice(0, 3).map((h) => h.code),
    staff: options.staff.slice(0, 2).map((p) => ({ name: p.name })),
    vehicles: options.vehicles.slice(0, 1).map((v) => ({ plateNo: v.plateNo })),
    equipment: options.equipment.slice(0, 2).map((e) => ({ name: e.name, quantity: 1 })),
  });
  const ctx = ctxOf(exam);
  const [countyEmployer, draftEmployer] = await employersOfRegion(db, county.regionCode, 2);

  const ids: number[] = [];
  // 1: delegated county → the city acknowledges.
  const a = await createNotice(db, ctx, exam, {
    ...base(delegatedEmployer ?? countyEmployer, addDays(earliest, 2), 2),
    expectedCount: 86,
  });
  await submitNotice(db, ctx, exam, a.id, 'zh-CN', today);
  const receiver = delegatedEmployer ? city : county;
  await acknowledgeNotice(db, ctxOf(receiver), receiver, a.id, { note: '已收悉，将安排现场监督' });
  ids.push(a.id);
  // 2: the demo county, awaiting acknowledgement.
  const b = await createNotice(db, ctx, exam, {
    ...base(countyEmployer, addDays(earliest, 9), 3),
    expectedCount: 240,
  });
  await submitNotice(db, ctx, exam, b.id, 'zh-CN', today);
  ids.push(b.id);
  // 3: a draft.
  const c = await createNotice(db, ctx, exam, {
    ...base(draftEmployer ?? countyEmployer, addDays(earliest, 30), 1),
    expectedCount: 60,
  });
  ids.push(c.id);
  if (
    ids.join() !==
    [DEMO_OUTBOUND_IDS.acknowledged, DEMO_OUTBOUND_IDS.submitted, DEMO_OUTBOUND_IDS.draft].join()
  )
    throw new Error(`demo outbound notices: expected ids 1–3, got ${ids.join(',')}`);
  return `外出体检告知: 3 份（${institution.name}：1 已签收、1 待签收、1 草稿；代管县 ${delegated ?? '无'}）`;
};
