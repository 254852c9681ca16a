/**
 * Test factories (outline's buildUser()): real rows inserted through the same repository code the
 * application writes with, so a fixture can never hold a row the application could not have written.
 * Every factory takes overrides and returns the new row's id.
 */
import {
  diagnosisReportExample,
  examCardExample,
  declarationFormExample,
  filingContentExample,
  type DiagnosisReportInput,
  type ExamCardInput,
  type OrganisationKind,
} from '@ohp/contracts';
import { regionLevelOfCode } from '@ohp/reference';
import { creditCodeCheckChar } from '@ohp/standards';
import { hashPassword } from '../src/modules/auth/index.js';
import { storeCards } from '../src/modules/exam-reports/index.js';
import { storeReport } from '../src/modules/diagnosis-reports/index.js';
import { ensureEmployers } from '../src/modules/employers/index.js';
import { insertOrganisationIfAbsent } from '../src/modules/organisations/organisations.repository.js';
import { insertUserWithRoles } from '../src/modules/users/users.repository.js';
import { insertToken } from '../src/modules/api-tokens/api-tokens.repository.js';
import { insertSample } from '../src/modules/exam-sampling/exam-sampling.repository.js';
import { issueDocument } from '../src/modules/documents/index.js';
import { openVerificationTask } from '../src/modules/verifications/index.js';
import { raiseFindings } from '../src/modules/rectifications/index.js';
import { insertNotifications } from '../src/modules/deadlines/notifications.repository.js';
import { insertPublication, insertRows } from '../src/modules/public-lists/public-lists.repository.js';
import {
  insertInspectionDraw,
  insertSampling as insertDeclarationSampling,
} from '../src/modules/declaration-oversight/declaration-oversight.repository.js';
import { newApiTokenSecret } from '../src/platform/authz/api-token.js';
import { createSession } from '../src/platform/authz/session.js';
import type { Deps } from '../src/platform/http/types.js';
import { DEMO_PASSWORD } from './helpers.js';
import { makeIdNumber } from '../src/demo/exam-cards.js';
import { ensureProfilesOf } from '../src/modules/employers/employers.core.js';

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
  // As 单位管理 does (the organisations module's event): an employer has its base record from the start.
  if (row.kind === 'employer')
    await deps.db.transaction().execute((trx) => ensureProfilesOf(trx, [row.organisation_id]));
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

/**
 * A notification addressed to an organisation (and optionally one of its users), unread, written through
 * the notification repository's insert. Returns its id.
 */
export const buildNotification = async (
  deps: Deps,
  o: { organisationId: number; userId?: number | null; kind?: string },
): Promise<number> => {
  await insertNotifications(deps.db, [
    {
      organisation_id: o.organisationId,
      user_id: o.userId ?? null,
      kind: o.kind ?? 'deadline_overdue',
      params: { ruleZh: '测试期限', ruleEn: 'Test clock', subject: `factory-${next()}`, dueOn: '2026-01-01' },
      link: '/todos',
      deadline_id: null,
    },
  ]);
  const row = await deps.db
    .selectFrom('notification')
    .select('notification_id')
    .where('organisation_id', '=', o.organisationId)
    .orderBy('notification_id', 'desc')
    .executeTakeFirstOrThrow();
  return row.notification_id;
};

/**
 * An issued document (文书, migration 0026) about `organisationId`, issued by `issuerOrganisationId`
 * (default: the same organisation), through the documents service (stored, hashed, audited). Returns
 * its id and verification code.
 */
export const buildDocument = async (
  deps: Deps,
  o: { organisationId: number; issuerOrganisationId?: number; userId?: number | null; kind?: string },
): Promise<{ id: number; code: string }> => {
  const ref = await deps.db.transaction().execute((trx) =>
    issueDocument(
      trx,
      { userId: o.userId ?? null, username: null, organisationId: null, ip: null, requestId: 'factory' },
      {
        kind: o.kind ?? 'filing_receipt',
        organisationId: o.organisationId,
        issuerOrganisationId: o.issuerOrganisationId ?? o.organisationId,
        subjectType: 'organisation',
        subjectId: o.organisationId,
        title: { zh: '职业健康检查机构备案回执', en: 'Filing receipt' },
        number: `测试备〔2026〕${next()}号`,
        fields: [{ label: { zh: '备案类别', en: 'Filed categories' }, value: '接触粉尘类' }],
      },
    ),
  );
  return { id: ref.documentId, code: ref.code };
};

/**
 * A filing (机构备案, migration 0027) of an institution, in a state: a complete draft with its licences
 * attached, submitted (an open review), filed (with its receipt) or cancelled after being filed (the
 * receipt kept). An institution has one live filing: building a live one cancels its previous one.
 */
export const buildFiling = async (
  deps: Deps,
  o: { institutionId: number; status: 'draft' | 'submitted' | 'filed' | 'cancelled' },
): Promise<{ id: number; attachmentId: number }> =>
  deps.db.transaction().execute(async (trx) => {
    const org = await trx
      .selectFrom('organisation')
      .select(['kind', 'region_code'])
      .where('organisation_id', '=', o.institutionId)
      .executeTakeFirstOrThrow();
    if (o.status !== 'cancelled')
      await trx
        .updateTable('filing')
        .set({ status: 'cancelled', change_status: null, working_version_id: null })
        .where('institution_id', '=', o.institutionId)
        .where('status', '<>', 'cancelled')
        .execute();
    const kind =
      org.kind === 'diagnosis_institution'
        ? 'diagnosis'
        : org.kind === 'service_institution'
          ? 'service'
          : 'exam';
    const { filing_id: id } = await trx
      .insertInto('filing')
      .values({
        institution_id: o.institutionId,
        kind,
        region_code: org.region_code,
        authority_region_code: org.region_code.slice(0, 2),
        // A cancelled one is never live (the one live filing per institution stays as it is).
        status: o.status === 'cancelled' ? 'cancelled' : 'draft',
      })
      .returning('filing_id')
      .executeTakeFirstOrThrow();
    const filed = o.status === 'filed' || o.status === 'cancelled';
    const { filing_version_id: versionId } = await trx
      .insertInto('filing_version')
      .values({
        filing_id: id,
        version_no: 1,
        purpose: 'initial',
        status: filed ? 'filed' : (o.status as 'draft' | 'submitted'),
        content: JSON.stringify(filingContentExample),
      })
      .returning('filing_version_id')
      .executeTakeFirstOrThrow();
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');
    let attachmentId = 0;
    for (const k of ['practice_licence', 'radiation_licence']) {
      const a = await trx
        .insertInto('filing_attachment')
        .values({
          filing_version_id: versionId,
          kind: k,
          file_name: `${k}.pdf`,
          media_type: 'application/pdf',
          size_bytes: pdf.length,
          sha256: 'factory',
          content: pdf,
        })
        .returning('filing_attachment_id')
        .executeTakeFirstOrThrow();
      attachmentId ||= a.filing_attachment_id;
    }
    if (o.status === 'submitted')
      await trx
        .insertInto('filing_review')
        .values({ filing_version_id: versionId, submitted_by: null })
        .execute();
    await trx
      .updateTable('filing')
      .set(
        filed
          ? {
              status: o.status === 'cancelled' ? 'cancelled' : 'filed',
              filing_no: `F-${id}`,
              filed_on: '2026-01-05',
              filed_version_id: versionId,
              ...(o.status === 'cancelled' && { cancelled_on: '2026-02-01', cancel_reason: 'factory' }),
            }
          : { status: o.status, working_version_id: versionId },
      )
      .where('filing_id', '=', id)
      .execute();
    if (filed) {
      await issueDocument(
        trx,
        { userId: null, username: null, organisationId: null, ip: null, requestId: 'factory' },
        {
          kind: 'filing_receipt',
          organisationId: o.institutionId,
          issuerOrganisationId: o.institutionId,
          subjectType: 'filing',
          subjectId: id,
          title: { zh: '职业健康检查机构备案回执', en: 'Filing receipt' },
          number: `F-${id}`,
          fields: [{ label: { zh: '备案编号', en: 'Filing number' }, value: `F-${id}` }],
        },
      );
    }
    return { id, attachmentId };
  });

/**
 * An on-site verification (现场核查) of a filed filing of the institution, opened as filing it opens one
 * (the checklist, the filed factors, the clock); `scheduled` also sets a date and assessors.
 */
export const buildVerification = async (
  deps: Deps,
  o: {
    institutionId: number;
    scheduled?: boolean;
    /** 'cancelled' (filed, then 注销) leaves the institution's live filing as it is. */
    filing?: 'filed' | 'cancelled';
    /** Scheduled with every item 符合 and every factor capable: ready to complete. */
    recorded?: boolean;
  },
): Promise<{ id: number; filingId: number; evidenceId: number }> => {
  const { id: filingId } = await buildFiling(deps, {
    institutionId: o.institutionId,
    status: o.filing ?? 'filed',
  });
  return deps.db.transaction().execute(async (trx) => {
    const org = await trx
      .selectFrom('organisation')
      .select('region_code')
      .where('organisation_id', '=', o.institutionId)
      .executeTakeFirstOrThrow();
    const id = await openVerificationTask(
      trx,
      { userId: null, username: 'factory', organisationId: null, ip: null, requestId: 'factory' },
      {
        filingId,
        institutionId: o.institutionId,
        regionCode: org.region_code,
        filedOn: '2026-01-05',
        hazardCodes: (filingContentExample.categories ?? []).flatMap((c) => c.hazardCodes),
      },
    );
    if (id === null) throw new Error('buildVerification: the filing has one');
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');
    const { verification_evidence_id: evidenceId } = await trx
      .insertInto('verification_evidence')
      .values({
        verification_id: id,
        item_code: 'P1',
        file_name: 'evidence.pdf',
        media_type: 'application/pdf',
        size_bytes: pdf.length,
        sha256: 'factory',
        content: pdf,
      })
      .returning('verification_evidence_id')
      .executeTakeFirstOrThrow();
    if (o.recorded) {
      await trx
        .insertInto('verification_item_result')
        .columns(['verification_id', 'verification_template_item_id', 'result'])
        .expression((eb) =>
          eb
            .selectFrom('verification_template_item as i')
            .innerJoin('verification as v', 'v.verification_template_id', 'i.verification_template_id')
            .select((e) => [
              e.val(id).as('verification_id'),
              'i.verification_template_item_id',
              e.val('conform').as('result'),
            ])
            .where('v.verification_id', '=', id),
        )
        .execute();
      await trx
        .updateTable('verification_factor')
        .set({ capable: true })
        .where('verification_id', '=', id)
        .execute();
    }
    if (o.scheduled || o.recorded)
      await trx
        .updateTable('verification')
        .set({ status: 'scheduled', scheduled_on: '2026-02-01', assessors: JSON.stringify(['测试核查员']) })
        .where('verification_id', '=', id)
        .execute();
    return { id, filingId, evidenceId };
  });
};

/**
 * An outbound-exam notice (外出体检告知书, migration 0030) of `institutionId` for an employer in
 * `employerRegionCode`; 'submitted' (default) routed to `receivingOrganisationId`, or a 'draft'.
 * Inserted as a row (the service needs a filed, verified institution; the service tests cover that).
 */
export const buildOutboundNotice = async (
  deps: Deps,
  o: {
    institutionId: number;
    employerRegionCode: string;
    status?: 'draft' | 'submitted';
    receivingOrganisationId?: number | null;
  },
): Promise<number> => {
  const submitted = (o.status ?? 'submitted') === 'submitted';
  const row = await deps.db
    .insertInto('outbound_notice')
    .values({
      institution_id: o.institutionId,
      status: o.status ?? 'submitted',
      employer_name: `外出体检测试单位${next()}`,
      employer_region_code: o.employerRegionCode,
      site_address: '测试路 1 号',
      start_date: '2027-03-15',
      end_date: '2027-03-16',
      hazard_codes: JSON.stringify(['1038']),
      staff: JSON.stringify([{ name: '王立新', role: 'chief_examiner', qualificationNo: null }]),
      vehicles: JSON.stringify([]),
      equipment: JSON.stringify([]),
      expected_count: 10,
      receiving_region_code: submitted ? o.employerRegionCode.slice(0, 6) : null,
      receiving_organisation_id: submitted ? (o.receivingOrganisationId ?? null) : null,
      submitted_at: submitted ? new Date() : null,
      submitted_on: submitted ? '2027-03-01' : null,
    })
    .returning('outbound_notice_id')
    .executeTakeFirstOrThrow();
  return row.outbound_notice_id;
};

/**
 * A publication (信息公开, migration 0034) of `provinceCode` with one frozen row, published by
 * `publisherOrganisationId`; written through the public-lists repository.
 */
export const buildPublicList = async (
  deps: Deps,
  o: {
    provinceCode: string;
    publisherOrganisationId: number;
    kind?: 'filed_institutions' | 'lacking_capability';
  },
): Promise<number> =>
  deps.db.transaction().execute(async (trx) => {
    const id = await insertPublication(trx, {
      kind: o.kind ?? 'filed_institutions',
      province_code: o.provinceCode,
      published_on: '2026-01-05',
      published_by: null,
      publisher_organisation_id: o.publisherOrganisationId,
      note: null,
      row_count: 1,
    });
    await insertRows(trx, id, [
      {
        institutionId: o.publisherOrganisationId,
        institutionName: `公开名单测试机构${next()}`,
        regionCode: `${o.provinceCode}0102`,
        regionName: '测试地区',
        reference: `F-${id}`,
        items: ['接触粉尘类：矽尘'],
        since: '2026-01-05',
      },
    ]);
    return id;
  });

/**
 * A rectification item (整改台账, migration 0032) of `institutionId`, raised through raiseFindings (its
 * round and clock opened), then moved to `status`: 'open' with one evidence file uploaded and not yet
 * submitted, 'submitted' (answered with it), or 'closed' on 2026-01-10. Returns the item, its evidence
 * and its round.
 */
export const buildRectification = async (
  deps: Deps,
  o: { institutionId: number; status?: 'open' | 'submitted' | 'closed'; severity?: 'major' | 'general' },
): Promise<{ id: number; evidenceId: number; roundId: number }> =>
  deps.db.transaction().execute(async (trx) => {
    const ctx = { userId: null, username: 'factory', organisationId: null, ip: null, requestId: 'factory' };
    const [id] = await raiseFindings(trx, ctx, [
      {
        source: 'inspection',
        sourceRef: `factory:${next()}`,
        institutionId: o.institutionId,
        title: `测试整改问题${next()}`,
        severity: o.severity ?? 'general',
      },
    ]);
    const status = o.status ?? 'open';
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');
    const { rectification_evidence_id: evidenceId } = await trx
      .insertInto('rectification_evidence')
      .values({
        rectification_item_id: id!,
        round_no: 1,
        file_name: 'evidence.pdf',
        media_type: 'application/pdf',
        size_bytes: pdf.length,
        sha256: 'factory',
        content: pdf,
      })
      .returning('rectification_evidence_id')
      .executeTakeFirstOrThrow();
    if (status !== 'open') {
      const { rectification_event_id } = await trx
        .insertInto('rectification_event')
        .values({ rectification_item_id: id!, round_no: 1, kind: 'responded', note: '已整改' })
        .returning('rectification_event_id')
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('rectification_evidence')
        .set({ rectification_event_id })
        .where('rectification_evidence_id', '=', evidenceId)
        .execute();
    }
    if (status === 'closed')
      await trx
        .insertInto('rectification_event')
        .values({ rectification_item_id: id!, round_no: 1, kind: 'closed', note: '销号' })
        .execute();
    await trx
      .updateTable('rectification_item')
      .set({ status, closed_on: status === 'closed' ? '2026-01-10' : null })
      .where('rectification_item_id', '=', id!)
      .execute();
    const { rectification_round_id: roundId } = await trx
      .selectFrom('rectification_round')
      .select('rectification_round_id')
      .where('rectification_item_id', '=', id!)
      .executeTakeFirstOrThrow();
    return { id: id!, evidenceId, roundId };
  });

/** A standing 拒不整改 mark (migration 0032) of the institution naming one of its items. */
export const buildRefusal = async (
  deps: Deps,
  o: { institutionId: number; itemId: number },
): Promise<number> =>
  deps.db.transaction().execute(async (trx) => {
    const org = await trx
      .selectFrom('organisation')
      .select('region_code')
      .where('organisation_id', '=', o.institutionId)
      .executeTakeFirstOrThrow();
    const { rectification_refusal_id: id } = await trx
      .insertInto('rectification_refusal')
      .values({
        institution_id: o.institutionId,
        region_code: org.region_code,
        kind: 'refusing',
        reason: '测试认定',
        marked_on: '2026-01-20',
      })
      .returning('rectification_refusal_id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('rectification_refusal_item')
      .values({ rectification_refusal_id: id, rectification_item_id: o.itemId })
      .execute();
    return id;
  });

/** A pairing (对口帮扶, migration 0032) of two exam institutions, scoped by the assisted one's region. */
export const buildPairing = async (
  deps: Deps,
  o: { leadInstitutionId: number; assistedInstitutionId: number },
): Promise<number> => {
  const org = await deps.db
    .selectFrom('organisation')
    .select('region_code')
    .where('organisation_id', '=', o.assistedInstitutionId)
    .executeTakeFirstOrThrow();
  return (
    await deps.db
      .insertInto('assistance_pairing')
      .values({
        lead_institution_id: o.leadInstitutionId,
        assisted_institution_id: o.assistedInstitutionId,
        region_code: org.region_code,
        kind: 'exam',
        starts_on: '2026-01-01',
        focus: ['qms'],
      })
      .returning('assistance_pairing_id')
      .executeTakeFirstOrThrow()
  ).assistance_pairing_id;
};

/**
 * 质控评估 (migration 0031): the factory plan of a province (one, year 2000, made on first use: the plan
 * years are bounded), with an entry per institution given — kind 'extra' (with a reason), so the same
 * institution may have several and each can be scheduled.
 */
export const buildQcPlan = async (
  deps: Deps,
  o: { provinceCode: string; institutionIds?: number[] },
): Promise<{ id: number; entryIds: number[] }> =>
  deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('qc_plan')
      .values({ province_code: o.provinceCode, year: 2000, note: 'factory' })
      .onConflict((oc) => oc.columns(['province_code', 'year']).doNothing())
      .execute();
    const { qc_plan_id: id } = await trx
      .selectFrom('qc_plan')
      .select('qc_plan_id')
      .where('province_code', '=', o.provinceCode)
      .where('year', '=', 2000)
      .executeTakeFirstOrThrow();
    const entryIds: number[] = [];
    for (const institutionId of o.institutionIds ?? []) {
      const org = await trx
        .selectFrom('organisation')
        .select(['region_code', 'kind'])
        .where('organisation_id', '=', institutionId)
        .executeTakeFirstOrThrow();
      const e = await trx
        .insertInto('qc_plan_entry')
        .values({
          qc_plan_id: id,
          institution_id: institutionId,
          region_code: org.region_code,
          institution_kind: org.kind === 'diagnosis_institution' ? 'diagnosis' : 'exam',
          kind: 'extra',
          reason: 'factory',
        })
        .returning('qc_plan_entry_id')
        .executeTakeFirstOrThrow();
      entryIds.push(e.qc_plan_entry_id);
    }
    return { id, entryIds };
  });

/**
 * A QC assessment of the institution against the published exam form (a plan entry of a factory plan;
 * the filed version of a filed-then-cancelled filing, so the institution's live filing stays):
 * 'scheduled', or 'ready' (every common item passed with full points, the evidence the form requires,
 * the consistency check done and consistent); or a self-assessment ('draft' / 'submitted') against the
 * published support_monitoring form. Each has one evidence file (item Q1 / G1).
 */
export const buildQcAssessment = async (
  deps: Deps,
  o: { institutionId: number; state: 'scheduled' | 'ready' | 'draft' | 'submitted' },
): Promise<{ id: number; evidenceId: number }> => {
  const self = o.state === 'draft' || o.state === 'submitted';
  const org = await deps.db
    .selectFrom('organisation')
    .select('region_code')
    .where('organisation_id', '=', o.institutionId)
    .executeTakeFirstOrThrow();
  const filing = self
    ? null
    : await buildFiling(deps, { institutionId: o.institutionId, status: 'cancelled' });
  const plan = self
    ? null
    : await buildQcPlan(deps, {
        provinceCode: org.region_code.slice(0, 2),
        institutionIds: [o.institutionId],
      });
  return deps.db.transaction().execute(async (trx) => {
    const template = await trx
      .selectFrom('qc_template')
      .select('qc_template_id')
      .where('code', '=', self ? 'support_monitoring' : 'exam')
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow();
    const version = filing
      ? await trx
          .selectFrom('filing')
          .select(['filed_version_id'])
          .where('filing_id', '=', filing.id)
          .executeTakeFirstOrThrow()
      : null;
    // Self-assessments are one per institution, form version and year: the first year from 2000 free.
    const years = new Set(
      (
        await trx
          .selectFrom('qc_assessment')
          .select('year')
          .where('institution_id', '=', o.institutionId)
          .where('qc_template_id', '=', template.qc_template_id)
          .execute()
      ).map((r) => r.year),
    );
    let year = 2000;
    while (years.has(year)) year++;
    const { qc_assessment_id: id } = await trx
      .insertInto('qc_assessment')
      .values({
        mode: self ? 'self' : 'assessment',
        qc_template_id: template.qc_template_id,
        institution_id: o.institutionId,
        region_code: org.region_code,
        year,
        qc_plan_entry_id: plan?.entryIds[0] ?? null,
        filing_id: filing?.id ?? null,
        filing_version_id: version?.filed_version_id ?? null,
        hazard_categories: '[]',
        status: self ? (o.state === 'draft' ? 'draft' : 'submitted') : 'scheduled',
        scheduled_on: self ? null : '2026-06-01',
        assessors: JSON.stringify(self ? [] : ['矩阵专家']),
        ...(o.state === 'ready' && {
          consistency_found: '{}',
          consistency_findings: '[]',
          consistency_checked_at: new Date(),
        }),
        ...(o.state === 'submitted' && { submitted_at: new Date() }),
      } as never)
      .returning('qc_assessment_id')
      .executeTakeFirstOrThrow();
    if (o.state === 'ready' || o.state === 'submitted') {
      const items = await trx
        .selectFrom('qc_template_item as i')
        .innerJoin('qc_template_section as s', (j) =>
          j.onRef('s.qc_template_id', '=', 'i.qc_template_id').onRef('s.section_code', '=', 'i.section_code'),
        )
        .select(['i.qc_template_item_id', 'i.points', 'i.item_code', 'i.evidence_required'])
        .where('i.qc_template_id', '=', template.qc_template_id)
        .where('s.hazard_category', 'is', null)
        .execute();
      await trx
        .insertInto('qc_item_score')
        .values(
          items.map((i) => ({
            qc_assessment_id: id,
            qc_template_item_id: i.qc_template_item_id,
            result: 'passed' as const,
            points: i.points,
          })),
        )
        .execute();
    }
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');
    const codes = self ? ['G1'] : ['Q1', 'P1'];
    let evidenceId = 0;
    for (const item_code of codes) {
      const e = await trx
        .insertInto('qc_evidence')
        .values({
          qc_assessment_id: id,
          item_code,
          file_name: 'evidence.pdf',
          media_type: 'application/pdf',
          size_bytes: pdf.length,
          sha256: 'factory',
          content: pdf,
        })
        .returning('qc_evidence_id')
        .executeTakeFirstOrThrow();
      evidenceId ||= e.qc_evidence_id;
    }
    return { id, evidenceId };
  });
};

/** A draft QC form of its own code (one section, one item), or a published one. */
export const buildQcTemplate = async (deps: Deps, o: { published?: boolean } = {}): Promise<number> =>
  deps.db.transaction().execute(async (trx) => {
    const { qc_template_id: id } = await trx
      .insertInto('qc_template')
      .values({
        code: `factory_${++n}`,
        version: 1,
        kind: 'exam',
        mode: 'assessment',
        name_zh: '工厂模板',
        name_en: 'Factory form',
        source: 'factory',
        note: null,
        pass_percent: 85,
        basic_percent: 70,
      })
      .returning('qc_template_id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('qc_template_section')
      .values({
        qc_template_id: id,
        section_code: 'Q',
        title_zh: '质量',
        title_en: 'Quality',
        hazard_category: null,
        sort: 1,
      })
      .execute();
    await trx
      .insertInto('qc_template_item')
      .values({
        qc_template_id: id,
        section_code: 'Q',
        item_code: 'Q1',
        text_zh: '项目',
        text_en: 'Item',
        points: 10,
        basis: 'factory',
        sort: 1,
      })
      .execute();
    if (o.published)
      await trx
        .updateTable('qc_template')
        .set({ status: 'published', published_at: new Date() })
        .where('qc_template_id', '=', id)
        .execute();
    return id;
  });

/**
 * 申报扩面抽查 (declaration oversight): a sampling of a province drawn by `organisationId`/`userId` with
 * one drawn employer (not yet checked), written through the module's repository.
 */
export const buildDeclarationSampling = async (
  deps: Deps,
  o: { provinceCode: string; organisationId: number; userId: number; employerId: number; cityCode: string },
): Promise<number> =>
  deps.db.transaction().execute((trx) =>
    insertDeclarationSampling(
      trx,
      {
        province_code: o.provinceCode,
        year: 2025,
        title: 'factory',
        measure: 'all',
        per_city: 1,
        seed: 'FACTORY',
        method: 'sha256-v1',
        population: [[o.employerId, o.cityCode, `org:${o.employerId}`]],
        population_count: 1,
        population_digest: 'factory',
        organisation_id: o.organisationId,
        drawn_by: o.userId,
      },
      [
        {
          employer_id: o.employerId,
          city_code: o.cityCode,
          rank: 1,
          draw_key: 'factory',
          declared_in_system: false,
        },
      ],
    ),
  );

/** 双随机抽查: a draw of `regionCode` by a commission's user, with one drawn employer. */
export const buildInspectionDraw = async (
  deps: Deps,
  o: { regionCode: string; organisationId: number; userId: number; employerId: number },
): Promise<number> =>
  deps.db.transaction().execute((trx) =>
    insertInspectionDraw(
      trx,
      {
        region_code: o.regionCode,
        year: 2026,
        title: 'factory',
        planned: 1,
        risk_classes: [],
        seed: 'FACTORY',
        method: 'sha256-weighted-v1',
        weights: { white: 0.5, black: 2, none: 1 },
        population: [[o.employerId, o.regionCode, `org:${o.employerId}`, 'none']],
        population_count: 1,
        population_digest: 'factory',
        organisation_id: o.organisationId,
        drawn_by: o.userId,
      },
      [{ employer_id: o.employerId, rank: 1, list: 'none', weight: 1, score: -1 }],
    ),
  );

let censusSeq = 0;
/**
 * 用人单位数据库: an entry of a list in `regionCode` (county or township), waiting for review (an
 * uncertain match without candidates) and not declared. Its list hangs on an import batch of `userId`.
 */
export const buildCensusEntry = async (
  deps: Deps,
  o: { regionCode: string; userId: number },
): Promise<number> => {
  const n = ++censusSeq;
  const batch = await deps.db
    .insertInto('import_batch')
    .values({
      kind: 'census_list',
      idempotency_key: `factory-census-${n}-${Date.now()}`,
      user_id: o.userId,
      status: 'done',
      report: '{}',
    })
    .returning('import_batch_id')
    .executeTakeFirstOrThrow();
  const list = await deps.db
    .insertInto('census_list')
    .values({
      import_batch_id: batch.import_batch_id,
      region_code: o.regionCode,
      source: 'other',
      title: `工厂名单${n}`,
      uploaded_by: o.userId,
    })
    .returning('census_list_id')
    .executeTakeFirstOrThrow();
  const entry = await deps.db
    .insertInto('census_entry')
    .values({
      region_code: o.regionCode,
      county_code: o.regionCode.slice(0, 6),
      name: `工厂潜在单位${n}`,
      name_key: `工厂潜在单位${n}`,
      match_state: 'uncertain',
      candidates: '[]',
      first_list_id: list.census_list_id,
    })
    .returning('census_entry_id')
    .executeTakeFirstOrThrow();
  await deps.db
    .insertInto('census_entry_source')
    .values({
      census_entry_id: entry.census_entry_id,
      census_list_id: list.census_list_id,
      row_no: 2,
      listed_name: `工厂潜在单位${n}`,
    })
    .execute();
  return entry.census_entry_id;
};

/** An open 入户指导 task of the entry, assigned to `assigneeUserId`. */
export const buildCensusFollowUp = async (
  deps: Deps,
  o: { entryId: number; regionCode: string; assigneeUserId: number },
): Promise<number> =>
  (
    await deps.db
      .insertInto('census_follow_up')
      .values({
        census_entry_id: o.entryId,
        region_code: o.regionCode,
        assignee_user_id: o.assigneeUserId,
        due_on: '2099-01-01',
      })
      .returning('census_follow_up_id')
      .executeTakeFirstOrThrow()
  ).census_follow_up_id;

/** A half-yearly snapshot of a city (no rows). */
export const buildCensusSnapshot = async (deps: Deps, o: { cityCode: string }): Promise<number> =>
  (
    await deps.db
      .insertInto('census_snapshot')
      .values({
        region_code: o.cityCode,
        period: `${1000 + (++censusSeq % 9000)}-H1`,
        taken_on: '2026-01-01',
        counts: JSON.stringify({ total: 0 }),
      })
      .returning('census_snapshot_id')
      .executeTakeFirstOrThrow()
  ).census_snapshot_id;

/**
 * A declaration (职业病危害项目申报, migration 0038) of an employer: a draft (the example form), submitted
 * (one open submission) or accepted (with its receipt, a verifiable document). An employer has at most
 * one declaration in progress: building a draft or a submitted one removes its other open ones.
 */
export const buildDeclaration = async (
  deps: Deps,
  o: { employerId: number; status: 'draft' | 'submitted' | 'accepted' },
): Promise<number> =>
  deps.db.transaction().execute(async (trx) => {
    const org = await trx
      .selectFrom('organisation')
      .select(['region_code'])
      .where('organisation_id', '=', o.employerId)
      .executeTakeFirstOrThrow();
    if (o.status !== 'accepted')
      await trx
        .deleteFrom('declaration')
        .where('employer_id', '=', o.employerId)
        .where('status', 'in', ['draft', 'submitted', 'returned'])
        .execute();
    const now = new Date();
    const { declaration_id: id } = await trx
      .insertInto('declaration')
      .values({
        employer_id: o.employerId,
        region_code: org.region_code,
        declaration_type: 'initial',
        status: o.status,
        form: JSON.stringify(declarationFormExample),
        employees: 120,
        exposed_distinct: 35,
        exposed_repeated: 55,
        due_on: now.toISOString().slice(0, 10),
        submitted_at: o.status === 'draft' ? null : now,
        accepted_at: o.status === 'accepted' ? now : null,
      })
      .returning('declaration_id')
      .executeTakeFirstOrThrow();
    if (o.status !== 'draft')
      await trx
        .insertInto('declaration_version')
        .values({
          declaration_id: id,
          version_no: 1,
          form: JSON.stringify(declarationFormExample),
          totals: JSON.stringify({}),
          ...(o.status === 'accepted' && { decision: 'accepted', decided_at: now }),
        })
        .execute();
    if (o.status === 'accepted') {
      const ref = await issueDocument(
        trx,
        { userId: null, username: null, organisationId: null, ip: null, requestId: 'factory' },
        {
          kind: 'declaration_receipt',
          organisationId: o.employerId,
          issuerOrganisationId: o.employerId,
          subjectType: 'declaration',
          subjectId: id,
          title: { zh: '职业病危害项目申报回执', en: 'Hazard-project declaration: receipt' },
          number: `SB-TEST-${next()}`,
          fields: [{ label: { zh: '申报类别', en: 'Type' }, value: '初次申报' }],
        },
      );
      await trx
        .updateTable('declaration')
        .set({ receipt_document_id: ref.documentId })
        .where('declaration_id', '=', id)
        .execute();
    }
    return id;
  });

let employerSeq = 0;
/** A valid credit code (GB 32100 check character) unique in this process, in `region`. */
export const factoryCreditCode = (region = '220102'): string => {
  const first17 = `92${region.slice(0, 6)}${String(700_000_000 + (process.pid % 1000) * 100_000 + ++employerSeq).slice(-9)}`;
  return first17 + creditCodeCheckChar(first17);
};

/** 用人单位库: an employer organisation in `region` with its classified profile and first version. */
export const buildEmployer = async (
  deps: Deps,
  o: { regionCode?: string; industryCode?: string; employees?: number; name?: string } = {},
): Promise<number> => {
  const creditCode = factoryCreditCode(o.regionCode);
  const ids = await deps.db.transaction().execute((trx) =>
    ensureEmployers(
      trx,
      [
        {
          creditCode,
          name: o.name ?? `测试用人单位${next()}`,
          regionCode: o.regionCode ?? '220102',
          industryCode: o.industryCode ?? '3311',
          employees: o.employees ?? 20,
        },
      ],
      'import',
    ),
  );
  return ids.get(creditCode)!;
};

/** 用人单位注册: a pending application in `region` (a county or township code), unique credit code and username. */
export const buildEmployerRegistration = async (deps: Deps, o: { regionCode: string }): Promise<number> => {
  const n = ++employerSeq;
  const row = await deps.db
    .insertInto('employer_registration')
    .values({
      lookup_code: `F${String(process.pid % 100000).padStart(5, '0')}${String(n % 1e6).padStart(6, '0')}`,
      credit_code: factoryCreditCode(o.regionCode),
      name: `注册测试单位${next()}`,
      region_code: o.regionCode,
      address: '测试路 1 号',
      industry_code: '3311',
      contact_name: '测试',
      contact_phone_enc: deps.crypto.encrypt('13900000000'),
      username: `reg.factory.${next()}`.replace(/[^a-zA-Z0-9_.-]/g, '.'),
      password_hash: 'x',
    })
    .returning('registration_id')
    .executeTakeFirstOrThrow();
  return row.registration_id;
};
