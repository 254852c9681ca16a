/**
 * Test factories (outline's buildUser()): real rows inserted through the same repository code the
 * application writes with, so a fixture can never hold a row the application could not have written.
 * Every factory takes overrides and returns the new row's id.
 */
import {
  diagnosisReportExample,
  examCardExample,
  type DiagnosisReportInput,
  type ExamCardInput,
  type OrganisationKind,
} from '@ohp/contracts';
import { regionLevelOfCode } from '@ohp/reference';
import { hashPassword } from '../src/modules/auth/index.js';
import { storeCards } from '../src/modules/exam-reports/index.js';
import { storeReport } from '../src/modules/diagnosis-reports/index.js';
import { insertOrganisationIfAbsent } from '../src/modules/organisations/organisations.repository.js';
import { insertUserWithRoles } from '../src/modules/users/users.repository.js';
import { insertToken } from '../src/modules/api-tokens/api-tokens.repository.js';
import { insertSample } from '../src/modules/exam-sampling/exam-sampling.repository.js';
import { newApiTokenSecret } from '../src/platform/authz/api-token.js';
import { createSession } from '../src/platform/authz/session.js';
import type { Deps } from '../src/platform/http/types.js';
import { DEMO_PASSWORD } from './helpers.js';
import { makeIdNumber } from '../src/demo/exam-cards.js';

let n = 0;
const next = () => `${process.pid}-${++n}`;

export const buildOrganisation = async (
  deps: Deps,
  o: { kind?: OrganisationKind; regionCode?: string; name?: string; parentId?: number | null } = {},
): Promise<number> => {
  const region = o.regionCode ?? '220102';
  const row = await insertOrganisationIfAbsent(deps.db, {
    name: o.name ?? `测试单位${next()}`,
    kind: o.kind ?? 'employer',
    level: regionLevelOfCode(region) ?? 'township',
    region_code: region,
    parent_id: o.parentId ?? null,
  });
  if (!row) throw new Error('buildOrganisation: the natural key is taken');
  return row.organisation_id;
};

let passwordHash: Promise<string> | null = null;
/** An account with roles; its password is the demo password unless `passwordHash` is given. */
export const buildUser = async (
  deps: Deps,
  o: {
    organisationId: number;
    roleKeys?: string[];
    username?: string;
    passwordHash?: string;
    phone?: string;
  },
): Promise<{ id: number; username: string }> => {
  const username = o.username ?? `test.user.${next()}`;
  passwordHash ??= hashPassword(DEMO_PASSWORD);
  const id = await insertUserWithRoles(
    deps.db,
    {
      username,
      display_name: '测试用户',
      organisation_id: o.organisationId,
      password_hash: o.passwordHash ?? (await passwordHash),
      must_change_password: false,
      phone_enc: o.phone ? deps.crypto.encrypt(o.phone) : null,
    },
    o.roleKeys ?? [],
  );
  return { id, username };
};

/** A live session of the user; returns the id prefix the sessions routes show. */
export const buildSession = async (deps: Deps, userId: number): Promise<string> =>
  (await createSession(deps.db, userId, { ip: null, userAgent: null })).sessionId.slice(0, 16);

/**
 * An exam card as a door receives it: the valid example card under another record ID, changed by
 * `patch` (a deep copy; the example is shared).
 */
export const examCard = (recordId: string, patch?: (c: ExamCardInput) => void): ExamCardInput => {
  const c = structuredClone(examCardExample);
  c.recordId = recordId;
  patch?.(c);
  return c;
};

let cardSerial = 0;
/**
 * A stored card (through storeCards, as a door stores it) of `institutionId`, for an employer in
 * `regionCode` (the credit code of a registered employer links the card to it), left at
 * `auditStatus` (the review's state; set as the review would leave it). Returns the card's id.
 */
export const buildStoredCard = async (
  deps: Deps,
  o: {
    institutionId: number;
    regionCode?: string;
    employerCreditCode?: string;
    auditStatus?: string;
    /** A worker of the card's own (buildWorker()); the example card's worker otherwise. */
    worker?: ExamCardInput['worker'];
  },
): Promise<number> => {
  const region = o.regionCode ?? '220102';
  const card = examCard(`factory-${next()}-${++cardSerial}`, (c) => {
    if (o.worker) c.worker = o.worker;
    c.employer.regionCode = region;
    c.employingUnit.regionCode = region;
    if (o.employerCreditCode) {
      c.employer.creditCode = o.employerCreditCode;
      c.employingUnit.creditCode = o.employerCreditCode;
    }
  });
  const [out] = await deps.db
    .transaction()
    .execute((trx) =>
      storeCards(trx, deps.crypto, { institutionId: o.institutionId, importBatchId: null, source: 'api' }, [
        { rowNo: 1, card },
      ]),
    );
  const id = out!.examCardId!;
  if (o.auditStatus)
    await deps.db
      .updateTable('exam_card')
      .set({ audit_status: o.auditStatus })
      .where('exam_card_id', '=', id)
      .execute();
  return id;
};

/**
 * An API token of `organisationId` made by `createdBy` (as the api-tokens service stores one: the
 * secret's SHA-256 and prefix only); returns its id and the secret, for bearer requests in tests.
 */
export const buildApiToken = async (
  deps: Deps,
  o: {
    organisationId: number;
    createdBy: number;
    scopes?: string[];
    name?: string;
    expiresAt?: Date;
  },
): Promise<{ id: number; secret: string }> => {
  const s = newApiTokenSecret();
  const id = await insertToken(deps.db, {
    organisationId: o.organisationId,
    name: o.name ?? `测试令牌${next()}`,
    scopes: o.scopes ?? ['exam_reports:submit', 'exam_reports:read'],
    prefix: s.prefix,
    sha256: s.sha256,
    createdBy: o.createdBy,
    createdAt: new Date(Date.now() - 60_000),
    expiresAt: o.expiresAt ?? new Date(Date.now() + 86_400_000),
  });
  return { id, secret: s.secret };
};

/**
 * A diagnosis report (through storeReport, as the doors store one) of the diagnosis institution
 * `institutionId`, for an employer in `regionCode` (a registered employer's credit code links it), the
 * example report under a new number changed by `patch`. Returns the report's id.
 */
export const buildDiagnosisReport = async (
  deps: Deps,
  o: {
    institutionId: number;
    regionCode?: string;
    employerCreditCode?: string;
    patch?: (r: DiagnosisReportInput) => void;
  },
): Promise<number> => {
  const r = structuredClone(diagnosisReportExample);
  r.recordId = `factory-zd-${next()}`;
  r.employer!.regionCode = o.regionCode ?? '220102';
  if (o.employerCreditCode) {
    r.employer!.creditCode = o.employerCreditCode;
    r.employingUnit = { name: r.employer!.name, creditCode: o.employerCreditCode };
  }
  o.patch?.(r);
  const user = await deps.db
    .selectFrom('app_user')
    .select(['user_id', 'username'])
    .orderBy('user_id')
    .limit(1)
    .executeTakeFirstOrThrow();
  const actor = {
    userId: user.user_id,
    username: user.username,
    displayName: 'factory',
    organisationId: o.institutionId,
    organisationKind: 'diagnosis_institution' as const,
    regionCode: '22',
    roleKeys: ['diagnosis_staff'],
    permissions: new Set(['diagnosis_reports:submit', 'diagnosis_reports:read'] as const),
    duties: new Set(['business'] as const),
  };
  const ctx = {
    userId: user.user_id,
    username: user.username,
    organisationId: o.institutionId,
    ip: null,
    requestId: 'factory',
  };
  const out = await deps.db
    .transaction()
    .execute((trx) => storeReport(trx, deps.crypto, ctx, actor, r, { source: 'api', lang: 'zh-CN' }));
  return out.id;
};

let workerSerial = 0;
/**
 * A worker no other card of this process names (a valid resident ID of a county of the demo city, a
 * birth date that the ID carries), for a card of `buildStoredCard({ worker })`.
 */
export const buildWorker = (): ExamCardInput['worker'] => {
  const n = ++workerSerial;
  const birthDate = new Date(Date.UTC(1970, 0, 1) + (n % 9000) * 86_400_000).toISOString().slice(0, 10);
  return {
    ...examCardExample.worker,
    name: `测试${'甲乙丙丁戊己庚辛壬癸'[n % 10]}${'明华强'[n % 3]}`,
    idNumber: makeIdNumber('220103', birthDate, Math.floor(n / 9000), true),
    genderCode: '1',
    birthDate,
    phone: `137${String(10_000_000 + n).slice(-8)}`,
  };
};

/**
 * A card sample (个案卡抽查) drawn by `organisationId` in the region `regionCode`, holding the given cards
 * (unchecked), written through the sampling repository's insert.
 */
export const buildSample = async (
  deps: Deps,
  o: { organisationId: number; userId: number; regionCode: string; cardIds: number[] },
): Promise<number> => {
  const cards = await deps.db
    .selectFrom('exam_card')
    .select(['exam_card_id', 'institution_id', 'record_id', 'version'])
    .where('exam_card_id', 'in', o.cardIds)
    .execute();
  return deps.db.transaction().execute((trx) =>
    insertSample(
      trx,
      {
        seed: `factory-${next()}`.replace(/[^A-Za-z0-9_-]/g, '-'),
        period_from: '2026-01-01',
        period_to: '2026-12-31',
        per_institution: 1,
        reviewed_only: false,
        institution_ids: [],
        scope_region_code: o.regionCode,
        organisation_id: o.organisationId,
        drawn_by: o.userId,
        title: null,
        candidate_count: cards.length,
        candidate_digest: '0'.repeat(64),
        institutions: [...new Set(cards.map((c) => c.institution_id))].map((institutionId) => ({
          institutionId,
          candidates: 1,
          drawn: 1,
        })),
      },
      cards.map((c, i) => ({
        exam_card_id: c.exam_card_id,
        institution_id: c.institution_id,
        record_id: c.record_id,
        version: c.version,
        draw_key: String(i).padStart(64, '0'),
        draw_rank: 1 + cards.slice(0, i).filter((x) => x.institution_id === c.institution_id).length,
        institution_candidates: 1,
      })),
    ),
  );
};
