/**
 * Demo documents (issue 16 item 1), issued through the service so the verification page has data:
 * the provincial commission's filing receipt (备案回执) for the demo exam institution, and an earlier
 * receipt it revoked when the filing was corrected. The institution-filing module issues real receipts
 * when a commission files an institution; these stand for a filing made before the platform.
 */
import { organisationForReceipt } from './documents.repository.js';
import type { Kysely } from 'kysely';
import type { AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { loadActor } from '../../platform/authz/session.js';
import type { DB } from '../../platform/db-types.js';
import { userIdByUsername } from '../users/index.js';
import { issueDocument, revokeDocument, type IssueDocument } from './documents.service.js';

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

const receipt = (
  org: { organisation_id: number; name: string; credit_code: string | null; address: string | null },
  issuerId: number,
  number: string,
  categories: string,
): IssueDocument => ({
  kind: 'filing_receipt',
  organisationId: org.organisation_id,
  issuerOrganisationId: issuerId,
  subjectType: 'organisation',
  subjectId: org.organisation_id,
  title: {
    zh: '职业健康检查机构备案回执',
    en: 'Receipt of filing of an occupational health examination institution',
  },
  number,
  fields: [
    { label: { zh: '统一社会信用代码', en: 'Unified social credit code' }, value: org.credit_code ?? '—' },
    ...(org.address ? [{ label: { zh: '机构地址', en: 'Address' }, value: org.address }] : []),
    { label: { zh: '备案类别', en: 'Filed categories' }, value: categories },
    {
      label: { zh: '备案依据', en: 'Legal basis' },
      value: '《职业健康检查管理办法》（国家卫生健康委令第2号，2019年修订）第五条、第六条',
    },
    {
      label: { zh: '备注', en: 'Note' },
      value: '本回执仅证明该机构已按规定向卫生健康主管部门备案，不代表对其检查能力的认定。',
    },
  ],
});

/** Seeds the demo receipts; returns the start-up log line (or null when the demo users are absent). */
export const seedDemoDocuments = async (db: Kysely<DB>): Promise<string | null> => {
  const province = await actorOf(db, 'demo-province');
  const exam = await actorOf(db, 'demo-exam');
  if (!province || !exam) return null;
  const org = await organisationForReceipt(db, exam.organisationId);
  const year = new Date().getFullYear();
  const ctx = ctxOf(province);
  const valid = await db
    .transaction()
    .execute((trx) =>
      issueDocument(
        trx,
        ctx,
        receipt(
          org,
          province.organisationId,
          `吉卫职检备〔${year}〕第001号`,
          '接触粉尘类；接触化学因素类；接触物理因素类',
        ),
      ),
    );
  const old = await db
    .transaction()
    .execute((trx) =>
      issueDocument(
        trx,
        ctx,
        receipt(org, province.organisationId, `吉卫职检备〔${year - 1}〕第017号`, '接触粉尘类'),
      ),
    );
  await revokeDocument(db, ctx, province, old.documentId, '备案类别变更，已重新出具回执');
  return `documents: 2 filing receipts (verify at ${valid.verifyPath}; one revoked)`;
};
