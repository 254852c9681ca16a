/**
 * Where each list's rows come from: the module that owns the facts, through its index. A kind without a
 * source (null) is shown as not available yet in the preview and refused when published.
 */
import type { PublicListKind, PublicListRow } from '@ohp/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import { filedInstitutionRows } from '../filings/index.js';
import { qcQualifiedRows } from '../qc/index.js';
import { refusingRectificationRows } from '../rectifications/index.js';
import { lackingCapabilityRows } from '../verifications/index.js';

export type RowSource = (db: Kysely<DB> | Transaction<DB>, provinceCode: string) => Promise<PublicListRow[]>;

export const rowSources: Record<PublicListKind, RowSource | null> = {
  // 备案机构名单: modules/filings (《职业健康检查管理办法》第四条).
  filed_institutions: filedInstitutionRows,
  // 质控合格机构名单: modules/qc, the latest completed assessment graded 合格 or 基本合格.
  qc_qualified: qcQualifiedRows,
  // 不具备条件的机构或不具备能力的服务项目: modules/verifications (on-site verification).
  lacking_capability: lackingCapabilityRows,
  // 拒不整改或整改不到位名单: modules/rectifications, with the main problems.
  refusing_rectification: refusingRectificationRows,
};
