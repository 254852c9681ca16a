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
import { anyFiling, examInstitutionsIn, organisationSummary } from './filings.repository.js';
import { filingContentExample, type FilingContent } from '@ohp/contracts';
import type { Kysely } from 'kysely';
import type { AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { loadActor } from '../../platform/authz/session.js';
import type { DB } from '../../platform/db-types.js';
import { userIdByUsername } from '../users/index.js';
import { DEMO_FILING_IDS } from './filings.routes.js';
import {
  addAttachment,
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
  org: { name: string; credit_code: string | null; address: string | null },
  i: number,
  kind: 'exam' | 'diagnosis',
): FilingContent => ({
  ...filingContentExample,
  institution: {
    ...filingContentExample.institution!,
    name: org.name,
    creditCode: org.credit_code ?? filingContentExample.institution!.creditCode,
    address: org.address ?? filingContentExample.institution!.address,
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
