/**
 * Demo 整改台账 of the demo province, through the service, so every screen has data. Seeded in two steps:
 * `seedDemoRectifications` first (before the card samples and verifications raise theirs, so the
 * example items have stable ids: DEMO_RECTIFICATION_IDS) — inspection findings of the QC centre and the
 * regulators across the demo cities and counties, open, submitted (one after a rejection), closed on
 * time and late, overdue (the sweep warns), one reopened after a 回头看, one institution marked 拒不整改,
 * two pairings with activities and yearly reports; then `seedDemoRectificationProgress` after them —
 * the demo exam institution answers one card-sampling finding and the QC centre closes another.
 */
import type { Kysely } from 'kysely';
import type { AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { loadActor } from '../../platform/authz/session.js';
import type { DB } from '../../platform/db-types.js';
import { userIdByUsername } from '../users/index.js';
import { addPairingActivity, createPairing, submitPairingReport } from './rectifications.pairings.js';
import {
  demoInstitutions,
  demoItemsOf,
  itemCount,
  unsafeBackdateForDemo,
} from './rectifications.repository.js';
import {
  addEvidence,
  followUpItem,
  markRefusing,
  raiseByHand,
  rejectItem,
  respondToItem,
  verifyItem,
} from './rectifications.service.js';

const addDays = (iso: string, n: number): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const ctxOf = (a: Actor): AuditContext => ({
  userId: a.userId > 0 ? a.userId : null,
  username: a.username,
  organisationId: a.organisationId,
  ip: null,
  requestId: 'demo-seed',
});

const actorOf = async (db: Kysely<DB>, username: string): Promise<Actor | null> => {
  const id = await userIdByUsername(db, username);
  return id === undefined ? null : ((await loadActor(db, id))?.actor ?? null);
};

/** A one-page PDF stand-in (the evidence checks read the header). */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n%%EOF\n', 'latin1');
/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * An actor standing for an institution that has no demo account (its answers in the demo come from its
 * own staff; the audit trail names the demo seed).
 */
const institutionActor = (base: Actor, organisationId: number, regionCode: string, kind: string): Actor => ({
  ...base,
  userId: 0,
  username: 'demo-seed',
  displayName: '机构填报人',
  organisationId,
  regionCode,
  organisationKind: kind as Actor['organisationKind'],
});

export const seedDemoRectifications = async (db: Kysely<DB>, today: string): Promise<string | null> => {
  const [qc, province, city, county, exam] = await Promise.all(
    ['demo-qc', 'demo-province', 'demo-city', 'demo-county', 'demo-exam'].map((u) => actorOf(db, u)),
  );
  if (!qc || !province || !city || !county || !exam) return null;
  if ((await itemCount(db)) > 0) return null;
  const all = await demoInstitutions(db, province.regionCode);
  const own = (id: number) => all.find((o) => o.organisation_id === id);
  const E0 = own(exam.organisationId);
  if (!E0) return null;
  const firstCity = city.regionCode;
  const pick = (kind: string, where: (o: (typeof all)[number]) => boolean) =>
    all.find((o) => o.kind === kind && o.organisation_id !== E0.organisation_id && where(o));
  const inCity = (o: { region_code: string }) => o.region_code.startsWith(firstCity);
  const otherCity = (o: { region_code: string }) => !o.region_code.startsWith(firstCity);
  const diag = pick('diagnosis_institution', () => true);
  const service = pick('service_institution', () => true);
  const examCity = pick('exam_institution', (o) => inCity(o) && o.region_code !== E0.region_code);
  const examOther = pick('exam_institution', otherCity);
  const examOther2 = pick(
    'exam_institution',
    (o) => otherCity(o) && o.region_code.slice(0, 4) !== examOther?.region_code.slice(0, 4),
  );
  const rehab = pick('rehab_station', () => true);
  const diag2 = pick('diagnosis_institution', (o) => o.organisation_id !== diag?.organisation_id);
  if (!diag || !service || !examCity || !examOther || !examOther2 || !rehab || !diag2) return null;
  /** The nearest demo regulator whose area holds the institution. */
  const regulatorFor = (o: { region_code: string }): Actor =>
    o.region_code.startsWith(county.regionCode)
      ? county
      : o.region_code.startsWith(city.regionCode)
        ? city
        : province;
  const as = (o: (typeof all)[number]) =>
    o.organisation_id === E0.organisation_id
      ? exam
      : institutionActor(exam, o.organisation_id, o.region_code, o.kind);

  const raise = async (
    by: Actor,
    o: (typeof all)[number],
    title: string,
    detail: string,
    severity: 'major' | 'general',
    raisedOn: number,
    dueOn: number,
  ) => {
    const r = await raiseByHand(db, ctxOf(by), by, {
      institutionId: o.organisation_id,
      title,
      detail,
      severity,
      dueOn: null,
      reference: null,
    });
    await db
      .transaction()
      .execute((trx) => unsafeBackdateForDemo(trx, r.id, addDays(today, raisedOn), addDays(today, dueOn)));
    return r.id;
  };
  const answer = async (
    o: (typeof all)[number],
    id: number,
    statement: string,
    file: 'pdf' | 'png' = 'pdf',
  ) => {
    const a = as(o);
    await addEvidence(db, ctxOf(a), a, id, {
      fileName: file === 'pdf' ? '整改报告.pdf' : '现场整改照片.png',
      buffer: file === 'pdf' ? PDF : PNG,
    });
    await respondToItem(db, ctxOf(a), a, id, { statement, responsiblePerson: '王质量' });
  };
  const close = (
    by: Actor,
    id: number,
    on: number | string,
    opinion = '整改材料齐全，复核属实，予以销号。',
  ) => verifyItem(db, ctxOf(by), by, id, { opinion }, typeof on === 'number' ? addDays(today, on) : on);

  // 1: submitted by the demo exam institution (the verify example).
  const i1 = await raise(
    regulatorFor(E0),
    E0,
    '个案卡报告不及时',
    '抽查发现 12 张个案卡超过 15 日报告时限。要求：完善报告流程，按时报告。',
    'general',
    -40,
    20,
  );
  await answer(E0, i1, '已指定专人每日核对个案卡报送情况，修订报告流程。');
  // 2: submitted (the reject example).
  const i2 = await raise(
    qc,
    E0,
    '主检医师未参加年度培训考核',
    '2 名主检医师未取得本年度培训合格证明。',
    'major',
    -50,
    10,
  );
  await answer(E0, i2, '已组织 2 名主检医师参加省级培训，附合格证明。');
  // 3: open with evidence uploaded, not submitted yet (the respond example).
  const i3 = await raise(
    qc,
    E0,
    '质量管理制度未按要求开展内部审核',
    '本年度未开展质量管理体系内部审核。',
    'general',
    -20,
    40,
  );
  await addEvidence(db, ctxOf(exam), exam, i3, { fileName: '内部审核记录.pdf', buffer: PDF });
  // 4: closed on time (the reopen example).
  const i4 = await raise(
    qc,
    diag,
    '职业病诊断档案归档不全',
    '抽查 10 份诊断档案，3 份缺少职业史证明材料。',
    'general',
    -60,
    -5,
  );
  await answer(diag, i4, '已补齐 3 份档案并建立归档核对清单。');
  await close(qc, i4, -10);
  // 5: closed in 2025 (the follow-up example: its date is fixed so the example's date stays valid).
  const i5 = await raise(
    regulatorFor(service),
    service,
    '检测报告未按规定签发',
    '2 份检测报告缺少技术负责人签字。',
    'general',
    -400,
    -340,
  );
  await db.transaction().execute((trx) => unsafeBackdateForDemo(trx, i5, '2025-05-06', '2025-07-05'));
  await answer(service, i5, '已重新签发并修订报告审核流程。', 'png');
  await close(regulatorFor(service), i5, '2025-06-30');
  // 6: closed, then a 回头看 found a relapse: reopened (round 2).
  const i6 = await raise(
    qc,
    examOther,
    '听力测试室本底噪声超标',
    '纯音听阈测试室本底噪声实测 38 dB(A)。',
    'major',
    -120,
    -90,
  );
  await answer(examOther, i6, '已更换隔声门并复测合格。', 'png');
  await close(qc, i6, -95);
  await followUpItem(
    db,
    ctxOf(qc),
    qc,
    i6,
    {
      checkedOn: addDays(today, -7),
      checkers: '张伟、李娜',
      result: 'relapse',
      note: '复测本底噪声 36 dB(A)，隔声门密封条老化。',
      dueOn: null,
    },
    today,
  );
  // 7, 8: overdue and open at the same institution (marked 拒不整改 below).
  const i7 = await raise(
    qc,
    examOther2,
    '未按规定报告疑似职业病',
    '2 例疑似尘肺病未按规定报告。',
    'major',
    -90,
    -30,
  );
  const i8 = await raise(
    regulatorFor(examOther2),
    examOther2,
    '放射防护设施检测不合格',
    'DR 机房防护门铅当量不足。',
    'major',
    -100,
    -40,
  );
  // 9: overdue at a rehabilitation station.
  await raise(
    regulatorFor(rehab),
    rehab,
    '康复档案建立不规范',
    '“九个一”中康复档案项未达标。',
    'general',
    -70,
    -10,
  );
  // 10: closed late; 11: closed on time (same institution, for the rate).
  const i10 = await raise(qc, examCity, '肺功能仪未按期校准', '校准证书已于上月过期。', 'general', -80, -50);
  await answer(examCity, i10, '已送检校准，附校准证书。');
  await close(qc, i10, -45);
  const i11 = await raise(
    regulatorFor(examCity),
    examCity,
    '候检区域未设置职业病危害告知',
    '候检区未张贴告知卡。',
    'general',
    -60,
    0,
  );
  await answer(examCity, i11, '已张贴告知卡并拍照留存。', 'png');
  await close(regulatorFor(examCity), i11, -20);
  // 12: open, not yet due.
  await raise(
    qc,
    diag2,
    '诊断质量控制评估发现诊断依据记录不完整',
    '3 份诊断书未记录诊断依据标准条款。',
    'general',
    -5,
    55,
  );
  // 13: rejected once, answered again: submitted.
  const i13 = await raise(
    qc,
    examCity,
    '体检报告未在规定时限内送达用人单位',
    '抽查 5 家用人单位，2 家超过 30 个工作日。',
    'general',
    -30,
    30,
  );
  await answer(examCity, i13, '已送达。');
  await rejectItem(db, ctxOf(qc), qc, i13, { opinion: '未提供送达回执，请补充。' });
  await answer(examCity, i13, '补充 2 家用人单位签收回执。');
  // 14: closed at another diagnosis institution.
  const i14 = await raise(
    qc,
    diag2,
    '未建立诊断质量管理制度',
    '缺少诊断质量控制制度文件。',
    'general',
    -150,
    -90,
  );
  await answer(diag2, i14, '已制定诊断质量管理制度并发文执行。');
  await close(qc, i14, -100);

  await markRefusing(
    db,
    ctxOf(province),
    province,
    {
      institutionId: examOther2.organisation_id,
      kind: 'refusing',
      reason: '疑似职业病报告和放射防护问题逾期未整改，经两次书面督促仍未整改。',
      markedOn: addDays(today, -3),
      itemIds: [i7, i8],
    },
    today,
  );

  // 对口帮扶: the demo city's exam pairing (id 1, the examples'), the province's diagnosis pairing.
  const p1 = await createPairing(db, ctxOf(city), city, {
    kind: 'exam',
    leadInstitutionId: E0.organisation_id,
    assistedInstitutionId: examCity.organisation_id,
    startsOn: '2024-04-01',
    endsOn: null,
    focus: ['qms', 'qc_rectification', 'training'],
    note: '市卫生健康委根据上年质控结果选取的支援医院',
  });
  for (const [on, kind, summary] of [
    ['2024-05-16', 'qms', '协助受援机构修订质量管理手册和程序文件'],
    ['2024-09-10', 'qc_rectification', '对照质控评估问题清单逐项指导整改'],
    ['2025-04-22', 'training', '主检医师业务培训，8 人参加'],
  ] as const)
    await addPairingActivity(db, ctxOf(city), city, p1.id, { activityOn: on, kind, summary }, today);
  await submitPairingReport(
    db,
    ctxOf(city),
    city,
    p1.id,
    {
      year: 2024,
      summary: '全年开展帮扶 2 次，受援机构建立质量管理体系并完成质控问题整改。',
      submittedOn: '2024-11-12',
    },
    today,
  );
  const p2 = await createPairing(db, ctxOf(province), province, {
    kind: 'diagnosis',
    leadInstitutionId: diag.organisation_id,
    assistedInstitutionId: diag2.organisation_id,
    startsOn: '2024-03-01',
    endsOn: null,
    focus: ['guidance', 'qms', 'reporting', 'qc_rectification'],
    note: '省职业病防治院和省级职业病诊断鉴定专家帮扶',
  });
  for (const [on, kind, summary] of [
    ['2024-06-05', 'guidance', '指导受援机构设置职业病诊断科室和岗位'],
    ['2024-10-18', 'reporting', '培训职业病诊断报告网络直报'],
  ] as const)
    await addPairingActivity(db, ctxOf(province), province, p2.id, { activityOn: on, kind, summary }, today);
  await submitPairingReport(
    db,
    ctxOf(province),
    province,
    p2.id,
    {
      year: 2024,
      summary: '指导建立诊断组织架构和质量管理制度，诊断报告及时率提升至 100%。',
      submittedOn: '2024-11-08',
    },
    today,
  );
  return '整改台账: 14 个问题（整改中、待核验、已销号、逾期、回头看重新打开各有），1 家机构被认定拒不整改，对口帮扶 2 对';
};

/**
 * After the card samples and verifications raised theirs: the demo exam institution answers its first
 * card-sampling finding, and the QC centre closes the next one after its answer.
 */
export const seedDemoRectificationProgress = async (
  db: Kysely<DB>,
  today: string,
): Promise<string | null> => {
  const [qc, exam] = await Promise.all(['demo-qc', 'demo-exam'].map((u) => actorOf(db, u)));
  if (!qc || !exam) return null;
  const items = (await demoItemsOf(db, 'card_sampling', exam.organisationId)).filter(
    (i) => i.status === 'open',
  );
  const [first, second] = items;
  if (!first) return null;
  const respond = async (id: number, statement: string) => {
    await addEvidence(db, ctxOf(exam), exam, id, { fileName: '个案卡更正记录.pdf', buffer: PDF });
    await respondToItem(db, ctxOf(exam), exam, id, { statement, responsiblePerson: '刘信息' });
  };
  await respond(first.rectification_item_id, '已按纸质报告更正网络直报个案卡，并核对同批次其余个案卡。');
  if (second) {
    await respond(second.rectification_item_id, '已更正个案卡并对录入人员进行培训。');
    await verifyItem(
      db,
      ctxOf(qc),
      qc,
      second.rectification_item_id,
      { opinion: '已核对更正后的个案卡，予以销号。' },
      today,
    );
  }
  return `整改台账: 个案卡抽查问题 ${second ? 2 : 1} 个已处理`;
};
