/**
 * Demo publications (信息公开) of the demo province, through the service, so the public pages have data
 * from a fresh start: the filed institutions (publication 1) and the institutions or items lacking
 * capability (2), then the QC-qualified and refusing-rectification lists when their modules have rows.
 * Seeded after every module whose facts the lists print (filings, verifications, QC, rectifications).
 */
import { publicListKinds } from '@ohp/contracts';
import type { Kysely } from 'kysely';
import type { AuditContext } from '../../platform/audit.js';
import { loadActor } from '../../platform/authz/session.js';
import type { DB } from '../../platform/db-types.js';
import { userIdByUsername } from '../users/index.js';
import { anyPublication } from './public-lists.repository.js';
import { previewPublicList, publishPublicList } from './public-lists.service.js';

const NOTES = {
  filed_institutions:
    '根据《职业健康检查管理办法》第四条，现将本省已备案的职业健康检查机构和职业病诊断机构名单予以公布，请用人单位选择备案机构开展职业健康检查。',
  qc_qualified:
    '根据2024年度职业健康检查质量考核和职业病诊断质量控制评估结果，现将考核合格的机构名单予以公布。',
  lacking_capability:
    '经备案后现场核查，下列机构不具备规定条件或部分服务项目不具备能力，所列项目在整改核实前不得开展。',
  refusing_rectification: '下列机构经督促仍拒不整改或整改不到位，现将名单及存在的主要问题予以公布。',
} as const;

/** Seeds the demo publications; returns the start-up log line (null when absent or already seeded). */
export const seedDemoPublicLists = async (db: Kysely<DB>, today: string): Promise<string | null> => {
  if (await anyPublication(db)) return null;
  const id = await userIdByUsername(db, 'demo-province');
  const actor = id === undefined ? null : ((await loadActor(db, id))?.actor ?? null);
  if (!actor) return null;
  const ctx: AuditContext = {
    userId: actor.userId,
    username: actor.username,
    organisationId: actor.organisationId,
    ip: null,
    requestId: 'demo-seed',
  };
  const done: string[] = [];
  // Fixed order: the OpenAPI withdraw example acts on publication 1 (DEMO_PUBLIC_LIST_IDS).
  for (const kind of ['filed_institutions', 'lacking_capability', ...publicListKinds] as const) {
    if (done.some((d) => d.startsWith(kind))) continue;
    const preview = await previewPublicList(db, actor, kind, undefined);
    if (!preview.available || !preview.total) continue;
    const p = await publishPublicList(db, ctx, actor, { kind, note: NOTES[kind] }, today);
    done.push(`${kind} ${p.rowCount}`);
  }
  return done.length ? `信息公开: ${done.length} 份名单已公布（${done.join('，')}）` : null;
};
