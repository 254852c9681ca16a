/**
 * Demo filings (机构备案) of the demo province, seeded through the service so that every screen has data:
 * the demo diagnosis institution filed (with its receipt), the demo exam institution's filing returned
 * with the commission's opinion (its user sees the opinion and resubmits), two exam institutions
 * submitted and awaiting the provincial commission (the review queue, their clocks running), and four
 * more filed with receipts and capability rows. The demo exam institution is not filed on purpose: its
 * demo cards and the API examples post factors that a filing would otherwise restrict.
 *
 * The order is fixed: the OpenAPI examples act on filings 1–4 and the next id (DEMO_FILING_IDS).
 */
import {
  anyFiling,
  examInstitutionsIn,
  organisationSummary,
  unfiledInstitutionsIn,
} from './filings.repository.js';
import { filingContentExample, filingImportColumns, type FilingContent } from '@ohp/contracts';
import type { Kysely } from 'kysely';
import type { AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { loadActor } from '../../platform/authz/session.js';
import type { DB } from '../../platform/db-types.js';
import { userIdByUsername } from '../users/index.js';
import { DEMO_FILING_IDS } from './filings.routes.js';
import { filingImportSpec, validateFilingRows } from './filings.import.js';
import { regionFullName } from './filings.rules.js';
import type { SheetRow } from '../../platform/imports/sheet.js';
import {
  addAttachment,
  cancelFiling,
  createFiling,
  fileFiling,
  returnFiling,
  saveContent,
  submitFiling,
} from './filings.service.js';

/** A minimal valid PDF (its bytes start with %PDF-), standing for a scanned licence. */
export const DEMO_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

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

/** The institution acting without a user (the seed): its organisation, the exam staff's permissions. */
const institutionActor = (like: Actor, org: { organisation_id: number; region_code: string }): Actor => ({
  ...like,
  userId: 0,
  username: 'demo-seed',
  organisationId: org.organisation_id,
  regionCode: org.region_code,
});

const VARIANTS: Array<FilingContent['categories']> = [
  [
    { category: 'dust', hazardCodes: ['1038', '1021', '1006'] },
    { category: 'physical', hazardCodes: ['3008', '3007'] },
  ],
  [
    { category: 'dust', hazardCodes: ['1038', '1032'] },
    { category: 'chemical', hazardCodes: ['2013', '2237', '2158'] },
    { category: 'physical', hazardCodes: ['3008'] },
    { category: 'radiation', hazardCodes: ['5001'] },
  ],
  [
    { category: 'chemical', hazardCodes: ['2013', '2237'] },
    { category: 'biological', hazardCodes: ['4004'] },
    { category: 'other', hazardCodes: ['6001', '6002'] },
  ],
];

const contentFor = (
  org: { name: string; credit_code: string | null; address: string | null; region_code: string },
  i: number,
  kind: 'exam' | 'diagnosis',
): FilingContent => ({
  ...filingContentExample,
  institution: {
    ...filingContentExample.institution!,
    name: org.name,
    creditCode: org.credit_code ?? filingContentExample.institution!.creditCode,
    // The demo organisations have no street address: the region's name, marked as a demo address.
    address: org.address ?? `${regionFullName(org.region_code)}（演示地址）`,
  },
  personnel:
    kind === 'diagnosis'
      ? [
          {
            name: '刘晓梅',
            role: 'diagnosis_physician',
            title: '主任医师',
            qualificationNo: `ZYB-2021-${300 + i}`,
          },
          {
            name: '陈静',
            role: 'diagnosis_physician',
            title: '副主任医师',
            qualificationNo: `ZYB-2022-${410 + i}`,
          },
          {
            name: '周明',
            role: 'technician',
            title: '主管技师',
            trainingCertificateNo: `JL-JS-2024-${120 + i}`,
          },
        ]
      : filingContentExample.personnel,
  categories: VARIANTS[i % VARIANTS.length],
});

const attachAll = async (db: Kysely<DB>, a: Actor, id: number, c: FilingContent) => {
  await addAttachment(db, ctxOf(a), a, id, 'practice_licence', {
    fileName: '医疗机构执业许可证.pdf',
    buffer: DEMO_PDF,
  });
  if ((c.categories ?? []).some((x) => x.category === 'radiation'))
    await addAttachment(db, ctxOf(a), a, id, 'radiation_licence', {
      fileName: '放射诊疗许可证.pdf',
      buffer: DEMO_PDF,
    });
};

/** Seeds the demo filings; returns the start-up log line (null when the demo users are absent). */
export const seedDemoFilings = async (db: Kysely<DB>): Promise<string | null> => {
  const province = await actorOf(db, 'demo-province');
  const exam = await actorOf(db, 'demo-exam');
  const diag = await actorOf(db, 'demo-diag');
  if (!province || !exam || !diag) return null;
  if (await anyFiling(db)) return null;
  const others = await examInstitutionsIn(db, province.regionCode, exam.organisationId, 6);
  const pctx = ctxOf(province);
  const orgOf = (id: number) => organisationSummary(db, id);
  const start = async (a: Actor, content: FilingContent) => {
    const { id } = await createFiling(db, ctxOf(a), a, {});
    await saveContent(db, ctxOf(a), a, id, content);
    await attachAll(db, a, id, content);
    await submitFiling(db, ctxOf(a), a, id, {});
    return id;
  };
  const ids: number[] = [];
  // 1: the demo diagnosis institution, filed.
  const d = await start(diag, contentFor(await orgOf(diag.organisationId), 0, 'diagnosis'));
  await fileFiling(db, pctx, province, d, { opinion: '材料齐全，予以备案' });
  ids.push(d);
  // 2: the demo exam institution, returned with the commission's opinion.
  const e = await start(exam, contentFor(await orgOf(exam.organisationId), 1, 'exam'));
  await returnFiling(db, pctx, province, e, {
    opinion: '请补充主检医师职业健康检查培训合格证书编号，并核对放射诊疗许可证有效期。',
  });
  ids.push(e);
  // 3, 4: submitted, awaiting the provincial commission; 5–8: filed.
  for (const [i, org] of others.entries()) {
    const a = institutionActor(exam, org);
    const id = await start(a, contentFor(org, i + 2, 'exam'));
    if (i >= 2) await fileFiling(db, pctx, province, id, { opinion: '予以备案' });
    ids.push(id);
  }
  if (ids.length !== DEMO_FILING_IDS.seeded || ids[0] !== DEMO_FILING_IDS.diagFiled)
    throw new Error(`demo filings: expected ids 1–${DEMO_FILING_IDS.seeded}, got ${ids.join(',')}`);
  return `机构备案: ${ids.length} 个（${others.length - 2 + 1} 已备案、2 待审核、1 退回）`;
};

/**
 * Earlier filings made by the cities (历史备案), imported by the province through the import's own
 * checks and commit: two exam institutions and a diagnosis institution still unfiled after the other
 * demos (the last ones registered, so the first ones stay free for tests). Filings 17–19
 * (DEMO_FILING_IDS.earlierImports). Returns the start-up log line (null when absent or done).
 */
export const seedDemoEarlierFilings = async (db: Kysely<DB>): Promise<string | null> => {
  const province = await actorOf(db, 'demo-province');
  if (!province) return null;
  const exams = await unfiledInstitutionsIn(db, province.regionCode, 'exam_institution', 2);
  const diags = await unfiledInstitutionsIn(db, province.regionCode, 'diagnosis_institution', 1);
  const [CREDIT, NAME, KIND, NUMBER, DATE, AUTHORITY, CODES] = filingImportColumns;
  const row = (
    rowNo: number,
    o: { name: string; credit_code: string | null },
    kind: string,
    no: string,
    on: string,
    codes: string,
  ): SheetRow => ({
    rowNo,
    values: {
      [CREDIT]: o.credit_code ?? '',
      [NAME]: o.name,
      [KIND]: kind,
      [NUMBER]: no,
      [DATE]: on,
      [AUTHORITY]: '市卫生健康委员会',
      [CODES]: codes,
    },
    numericColumns: new Set(),
    undecodableColumns: new Set(),
  });
  const rows = [
    ...exams.map((o, i) =>
      row(i + 2, o, '职业健康检查', `市卫职检备〔2019〕${i + 11}号`, `2019-0${i + 4}-15`, '1038;1021;3008'),
    ),
    ...diags.map((o, i) => row(i + 10, o, '职业病诊断', `市卫职诊备〔2018〕${i + 5}号`, '2018-09-20', '')),
  ];
  return db.transaction().execute(async (trx) => {
    const checked = await validateFilingRows(trx, rows, province);
    const good = checked.flatMap((o, i) => (o.ok ? [{ rowNo: rows[i]!.rowNo, record: o.record }] : []));
    await filingImportSpec.commit(trx, good, province, 0, undefined);
    return good.length ? `历史备案导入: ${good.length} 个（视为已备案）` : null;
  });
};

/** One institution filed for another module's demo: what it files, and whether it cancels afterwards. */
export type DemoFilingPlan = {
  institutionId: number;
  kind: 'exam' | 'diagnosis';
  categories: FilingContent['categories'];
  /** Cancelled (注销) after filing, with this reason. */
  cancelReason?: string;
};

/**
 * Files institutions for the coverage-target demo (规划目标, modules/coverage) through the service, as
 * above: the institution files, the provincial commission files it (receipt, capability, verification
 * task), and a planned cancellation follows. Runs after seedDemoFilings; DEMO_FILING_IDS.coverageDemo
 * counts these filings (the POST example makes the next id). Returns the filing ids ([] when the demo
 * users are absent or an institution already has a filing).
 */
export const fileDemoInstitutions = async (db: Kysely<DB>, plan: DemoFilingPlan[]): Promise<number[]> => {
  const province = await actorOf(db, 'demo-province');
  const exam = await actorOf(db, 'demo-exam');
  const diag = await actorOf(db, 'demo-diag');
  if (!province || !exam || !diag) return [];
  const ids: number[] = [];
  for (const [i, p] of plan.entries()) {
    const org = await organisationSummary(db, p.institutionId);
    const a = institutionActor(p.kind === 'exam' ? exam : diag, org);
    const content = { ...contentFor(org, i, p.kind), categories: p.categories };
    const { id } = await createFiling(db, ctxOf(a), a, {});
    await saveContent(db, ctxOf(a), a, id, content);
    await attachAll(db, a, id, content);
    await submitFiling(db, ctxOf(a), a, id, {});
    await fileFiling(db, ctxOf(province), province, id, { opinion: '予以备案' });
    if (p.cancelReason) await cancelFiling(db, ctxOf(a), a, id, { reason: p.cancelReason });
    ids.push(id);
  }
  return ids;
};
