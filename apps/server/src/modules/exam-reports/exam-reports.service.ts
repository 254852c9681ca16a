/**
 * Reading stored exam cards and the level-by-level review (issue 15 items 5 and 8). Lists and details
 * see what the actor's card scope covers (exam-reports.policy.ts); personal fields are masked (the
 * worker registry reveals them, with a reason, audited). A review decides on a set of cards at once,
 * all or nothing: every card must be in scope (else 404) and awaiting the reviewer's level (else 409,
 * naming each card), and one audit entry records the batch.
 */
import {
  returnedStatuses,
  reviewSteps,
  type ExamCardDetail,
  type ExamCardExportQuery,
  type ExamCardInput,
  type ExamCardListQuery,
  type ExamCardReviewInput,
  type ExamCardReviewResult,
  type ExamCardSummary,
} from '@ohp/contracts';
import type { Kysely } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { Crypto } from '../../platform/crypto.js';
import type { DB } from '../../platform/db-types.js';
import { AppError } from '../../platform/errors.js';
import {
  cardReviews,
  cardsForExport,
  organisationCodeOf,
  cardVersions,
  countCards,
  findCard,
  listCards,
  lockCardsForReview,
  recordIdOf,
  recordReviews,
  type CardFilters,
  type CardSummaryRow,
} from './exam-reports.repository.js';
import { cardScopeOf, examCardAbilities, reviewLevelOf } from './exam-reports.policy.js';
import { workerIdHash } from './exam-reports.store.js';
import { examCardDocumentId, writeExamCardXml, XML_MAX_RECORDS } from './exam-reports.xml.js';

/** Conclusions most serious first, as lists show them. */
const SEVERITY = ['03', '04', '05', '02', '01'];
const bySeverity = (codes: string[]) =>
  [...new Set(codes)].sort((a, b) => SEVERITY.indexOf(a) - SEVERITY.indexOf(b));

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

const presentSummary = (actor: Actor, r: CardSummaryRow): ExamCardSummary => ({
  id: r.exam_card_id,
  recordId: r.record_id,
  examNo: r.exam_no,
  version: r.version,
  auditStatus: r.audit_status,
  institutionId: r.institution_id,
  institutionName: r.institution_name,
  workerName: r.name_masked,
  workerIdNumber: r.id_masked,
  genderCode: r.gender_code,
  employerName: r.employer_name,
  employerCreditCode: r.employer_credit_code,
  regionCode: r.region_code,
  examDate: r.exam_date,
  examTypeCode: r.exam_type_code,
  contactFactorCodes: r.contact_factor_codes,
  conclusionCodes: bySeverity(r.conclusion_codes),
  hasSuspected: r.has_suspected,
  hasContraindication: r.has_contraindication,
  reportDate: r.report_date,
  source: r.source,
  updatedAt: iso(r.updated_at),
  abilities: examCardAbilities(actor, r),
});

/** A text that is an ID number (15 or 18 characters, digits and a final X) is searched by its hash. */
const ID_LIKE = /^\d{15}$|^\d{17}[\dXx]$/;

const filtersOf = (actor: Actor, crypto: Crypto, q: ExamCardListQuery): CardFilters => {
  const text = q.q?.trim() || undefined;
  const byId = text !== undefined && ID_LIKE.test(text);
  let auditStatuses: readonly string[] | undefined = q.auditStatus ? [q.auditStatus] : undefined;
  const queue =
    q.queue === 'awaiting'
      ? // A user who reviews at no level has nothing awaiting them.
        (() => {
          const level = reviewLevelOf(actor);
          return level ? reviewSteps[level].awaiting : [];
        })()
      : q.queue === 'returned'
        ? returnedStatuses
        : undefined;
  // A queue and a status together: only the statuses both allow.
  if (queue) auditStatuses = auditStatuses ? auditStatuses.filter((s) => queue.includes(s)) : queue;
  return {
    regionCode: q.regionCode,
    institutionId: q.institutionId,
    employerCreditCode: q.employerCreditCode?.trim().toUpperCase() || undefined,
    from: q.from,
    to: q.to,
    auditStatuses,
    conclusionCode: q.conclusionCode,
    factorCode: q.factorCode,
    examTypeCode: q.examTypeCode,
    text: byId ? undefined : text,
    workerIdHash: byId ? workerIdHash(crypto, '01', text) : undefined,
  };
};

export const listCardsFor = async (
  db: Kysely<DB>,
  crypto: Crypto,
  actor: Actor,
  q: ExamCardListQuery,
  exactCountLimit: number,
) => {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const cs = cardScopeOf(actor);
  const f = filtersOf(actor, crypto, q);
  if (f.auditStatuses?.length === 0) return { data: [], total: 0, totalExact: true, page, pageSize };
  const [rows, { total, totalExact }] = await Promise.all([
    listCards(db, cs, f, {
      offset: (page - 1) * pageSize,
      limit: pageSize,
      oldestFirst: q.queue === 'awaiting',
    }),
    countCards(db, cs, f, { limit: exactCountLimit, exact: q.exactTotal === true }),
  ]);
  return { data: rows.map((r) => presentSummary(actor, r)), total, totalExact, page, pageSize };
};

const notFound = () => new AppError('not_found', 'not_found');

/**
 * The stored card with the worker's masked name and ID number put back (the stored card keeps no
 * personal field; the phone is shown only through the worker registry's audited reveal).
 */
const maskedCard = (card: unknown, row: CardSummaryRow): unknown => {
  const c = card as { worker?: Record<string, unknown> };
  return { ...c, worker: { ...c.worker, name: row.name_masked, idNumber: row.id_masked, phone: null } };
};

export const getCardFor = async (db: Kysely<DB>, actor: Actor, id: number): Promise<ExamCardDetail> => {
  const row = await findCard(db, cardScopeOf(actor), id);
  if (!row) throw notFound();
  const [reviews, versions, reexamRecord] = await Promise.all([
    cardReviews(db, id),
    cardVersions(db, id),
    row.reexam_of_card_id ? recordIdOf(db, row.reexam_of_card_id) : Promise.resolve(undefined),
  ]);
  return {
    ...presentSummary(actor, row),
    card: maskedCard(row.card, row),
    reviews: reviews.map((r) => ({
      level: r.level,
      decision: r.decision,
      opinion: r.opinion,
      cardVersion: r.card_version,
      reviewerName: r.display_name,
      organisationName: r.organisation_name,
      reviewedAt: iso(r.reviewed_at),
    })),
    reexamOf:
      row.reexam_of_card_id && reexamRecord ? { id: row.reexam_of_card_id, recordId: reexamRecord } : null,
    versions: versions.map((v) => ({ version: v.version, replacedAt: iso(v.replaced_at) })),
  };
};

export const reviewCards = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  input: ExamCardReviewInput,
): Promise<ExamCardReviewResult> => {
  const level = reviewLevelOf(actor);
  if (!level) throw new AppError('forbidden', 'review_level_unknown');
  const opinion = input.opinion?.trim() || null;
  if (input.decision === 'returned' && !opinion)
    throw new AppError('validation_failed', 'validation_failed', [
      { path: 'opinion', reason: 'review_opinion_required', message: '' },
    ]);
  const step = reviewSteps[level];
  const status = input.decision === 'approved' ? step.approved : step.returned;
  const cs = cardScopeOf(actor);
  return db.transaction().execute(async (trx) => {
    const cards = await lockCardsForReview(
      trx,
      cs,
      [...input.cardIds].sort((a, b) => a - b),
    );
    if (cards.length !== input.cardIds.length) throw notFound();
    const notAwaiting = cards.filter((c) => !examCardAbilities(actor, c).review);
    if (notAwaiting.length)
      throw new AppError(
        'conflict',
        'review_not_awaiting',
        notAwaiting.map((c) => ({
          path: `cardIds.${input.cardIds.indexOf(c.exam_card_id)}`,
          reason: 'review_not_awaiting',
          message: '',
        })),
      );
    await recordReviews(
      trx,
      cards,
      {
        level,
        decision: input.decision,
        opinion,
        reviewer_id: actor.userId,
        organisation_id: actor.organisationId,
      },
      status,
    );
    await writeAudit(trx, ctx, {
      action: 'exam_card.review',
      entityType: 'exam_card',
      entityId: cards.length === 1 ? String(cards[0]!.exam_card_id) : null,
      after: { level, decision: input.decision, auditStatus: status, opinion, cardIds: input.cardIds },
    });
    return { reviewed: cards.length, level, auditStatus: status };
  });
};

/**
 * The province-approved cards (07) of a period in scope as the national exchange XML, with the worker's
 * personal data in full (the national system needs it): refused above XML_MAX_RECORDS (narrow the
 * period), audited with the count and the filter.
 */
export const exportNationalXml = async (
  db: Kysely<DB>,
  crypto: Crypto,
  ctx: AuditContext,
  actor: Actor,
  q: ExamCardExportQuery,
): Promise<{ xml: string; count: number }> => {
  if (q.from > q.to)
    throw new AppError('validation_failed', 'validation_failed', [
      { path: 'to', reason: 'range_inverted', message: '' },
    ]);
  const f: CardFilters = {
    from: q.from,
    to: q.to,
    regionCode: q.regionCode,
    institutionId: q.institutionId,
    auditStatuses: [reviewSteps.province.approved],
  };
  const rows = await cardsForExport(db, cardScopeOf(actor), f, XML_MAX_RECORDS + 1);
  if (rows.length > XML_MAX_RECORDS)
    throw new AppError('validation_failed', 'validation_failed', [
      { path: 'to', reason: 'export_too_many', message: '' },
    ]);
  if (!rows.length) throw new AppError('not_found', 'export_nothing_approved');
  const org = await organisationCodeOf(db, actor.organisationId);
  const records = rows.map((r) => {
    const stored = r.card as ExamCardInput;
    const card: ExamCardInput = {
      ...stored,
      worker: {
        ...stored.worker,
        name: crypto.decrypt(r.name_enc),
        idNumber: crypto.decrypt(r.id_number_enc),
        phone: r.phone_enc ? crypto.decrypt(r.phone_enc) : '',
      },
    };
    const a = r.approval;
    return {
      operateType: 'Add' as const,
      card,
      audit: a
        ? {
            statusCode: r.audit_status,
            opinion: a.opinion ?? '',
            date: new Date(a.at).toISOString().slice(0, 10),
            auditorName: a.reviewer,
            organisation: a.organisation,
          }
        : null,
    };
  });
  const zone = actor.regionCode.padEnd(6, '0');
  const xml = writeExamCardXml(records, {
    documentId: examCardDocumentId(
      org ?? zone,
      new Date(),
      String(Math.floor(Math.random() * 1e5)).padStart(5, '0'),
    ),
    reportOrgCode: org ?? zone,
    reportZoneCode: zone,
    // The province's national credential is added by its exchange client, never stored here.
    license: '',
  });
  await writeAudit(db, ctx, {
    action: 'exam_card.export',
    entityType: 'exam_card',
    after: { count: rows.length, filter: q, format: 'national-xml' },
  });
  return { xml, count: rows.length };
};
