/**
 * Diagnosis reports (职业病诊断报告, issue 15 items 2 and 7): a diagnosis institution reports its
 * diagnoses one at a time (a correction is a new version); the report may resolve a suspected case — named,
 * or found by the worker when the case was referred to this institution — and then records the case's
 * diagnosed / excluded step through the suspected-cases module in the same transaction, closing its
 * clocks. Each report opens and closes its own clock (diagnosis → report to the regulator, deadline_rule
 * diagnosis_report_due), so lateness is kept. Lists and details see the actor's scope, personal data
 * masked.
 */
import { chinaToday } from '@ohp/reference';
import {
  messageFor,
  type DiagnosisReferral,
  type DiagnosisReportDetail,
  type DiagnosisReportInput,
  type DiagnosisReportListQuery,
  type DiagnosisReportNotice,
  type DiagnosisReportResult,
  type DiagnosisReportSummary,
  type ExamCardInput,
  type Lang,
} from '@ohp/contracts';
import type { Kysely, Transaction } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { Crypto } from '../../platform/crypto.js';
import type { DB } from '../../platform/db-types.js';
import { AppError, invalid } from '../../platform/errors.js';
import { closeDeadlines, openDeadlines } from '../deadlines/index.js';
import { ensureEmployers } from '../employers/index.js';
import { registerWorkers, workerKeyOf } from '../exam-reports/index.js';
import { recordDiagnosisOutcome } from '../suspected-cases/index.js';
import {
  canSubmitReports,
  canUpdateReport,
  reportAbilities,
  reportScopeOf,
} from './diagnosis-reports.policy.js';
import {
  caseWithCard,
  countReports,
  findReport,
  findRequest,
  insertReport,
  insertRequest,
  listReports,
  lockReport,
  lockReportByKey,
  organisationName,
  referredCaseOfWorker,
  referredCases,
  replaceReport,
  reportOfCase,
  reportVersions,
  workerOfId,
  type CaseWithCard,
  type ReportSummaryRow,
  type StoredReport,
} from './diagnosis-reports.repository.js';
import {
  checkDiagnosisReport,
  elementOf,
  type ReportIssue,
  type ResolvedReport,
} from './diagnosis-reports.validate.js';

export const REPORT_CLOCK = 'diagnosis_report_due';

const today = () => chinaToday();
const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());
const day = (d: string | Date | null): string | null =>
  d === null ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/** JSON with its keys sorted at every level: the same report always hashes the same. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );

const refusal = (issues: ReportIssue[]) => invalid(issues.map((i) => ({ path: i.path, reason: i.reason })));
const refuse = (path: string, reason: string) => refusal([{ path, element: elementOf(path), reason }]);

const notices = (issues: ReportIssue[], lang: Lang): DiagnosisReportNotice[] =>
  issues.map((i) => ({
    path: i.path,
    element: i.element,
    reason: i.reason,
    message: messageFor(i.reason, lang),
  }));

export type StoreReportOptions = {
  source: 'api' | 'web' | 'batch' | 'demo';
  lang: Lang;
  /** A correction through PUT /:id: the report in scope, already locked. */
  correcting?: StoredReport;
  /** The day the rules check against (tests and the demo may set it; default today). */
  today?: string;
};

/** The worker and employer of a suspected case's exam card, for a report that leaves them out. */
const fromCase = async (trx: Transaction<DB>, crypto: Crypto, k: CaseWithCard) => {
  const w = (await workerOfId(trx, k.worker_id))!;
  const card = k.card as ExamCardInput;
  return {
    worker: {
      name: crypto.decrypt(w.name_enc),
      idTypeCode: w.id_type_code,
      idNumber: crypto.decrypt(w.id_number_enc),
      genderCode: w.gender_code,
      birthDate: day(w.birth_date)!,
      phone: w.phone_enc ? crypto.decrypt(w.phone_enc) : '',
    },
    employer: card.employer,
    employingUnit: { name: card.employingUnit.name, creditCode: card.employingUnit.creditCode },
  };
};

/**
 * Stores one report in the caller's transaction (every door and the demo come here): resolves the
 * suspected case, the worker and the employer, checks the rules, registers the worker by keyed hash,
 * inserts or versions the report, records the case's step and the report's clock, audits.
 */
export const storeReport = async (
  trx: Transaction<DB>,
  crypto: Crypto,
  ctx: AuditContext,
  actor: Actor,
  input: DiagnosisReportInput,
  opts: StoreReportOptions,
): Promise<DiagnosisReportResult> => {
  const now = opts.today ?? today();
  const institutionId = actor.organisationId;
  const institutionName = await organisationName(trx, institutionId);
  const stored = opts.correcting ?? (await lockReportByKey(trx, institutionId, input.recordId));

  // ---------- the suspected case it resolves ----------
  const caseId = input.suspectedCaseId ?? (opts.correcting ? stored?.suspected_case_id : null) ?? null;
  let linked: CaseWithCard | null = null;
  if (caseId !== null) {
    linked = (await caseWithCard(trx, caseId)) ?? null;
    if (!linked) throw refuse('suspectedCaseId', 'referenced_missing');
  }
  const fallback = linked ? await fromCase(trx, crypto, linked) : null;
  const worker = input.worker ?? fallback?.worker;
  const employer = input.employer ?? fallback?.employer;
  if (!worker || !employer)
    throw refusal([
      ...(worker ? [] : [{ path: 'worker', element: null, reason: 'value_required' }]),
      ...(employer ? [] : [{ path: 'employer', element: null, reason: 'value_required' }]),
    ]);
  const resolved: ResolvedReport = {
    ...input,
    worker,
    employer,
    employingUnit: input.employingUnit ??
      fallback?.employingUnit ?? { name: employer.name, creditCode: employer.creditCode },
  };
  const check = checkDiagnosisReport(resolved, now, { suspectedDiseaseCode: linked?.disease_code ?? null });
  if (!check.ok) throw refusal(check.issues);

  // ---------- the worker (registry: keyed hash) ----------
  const workerId = (await registerWorkers(trx, crypto, [worker])).get(workerKeyOf(crypto, worker))!;

  // ---------- may this report resolve the case? ----------
  const referredHere = (k: { referred_to: string | null }) =>
    k.referred_to?.trim() === institutionName.trim();
  if (linked) {
    // A case referred here may be resolved with its own worker; any other only by an institution that
    // has the worker at hand (the report names them, and they are the case's).
    if (input.worker && linked.worker_id !== workerId)
      throw refuse('worker.idNumber', 'suspected_case_worker_mismatch');
    if (!input.worker && !referredHere(linked))
      throw refuse('suspectedCaseId', 'suspected_case_not_referred_here');
    const resolvedBy = await reportOfCase(trx, linked.suspected_case_id);
    const mine = stored && resolvedBy?.diagnosis_report_id === stored.diagnosis_report_id;
    if (resolvedBy && !mine) throw refuse('suspectedCaseId', 'suspected_case_taken');
    if (!mine && !['open', 'employer_notified', 'referred'].includes(linked.status))
      throw refuse('suspectedCaseId', 'suspected_case_closed');
    if (resolved.diagnosisDate < linked.found_on) throw refuse('diagnosisDate', 'case_step_before_found');
  } else if (!stored?.suspected_case_id) {
    // Not named: the worker's case referred to this institution, the same suspected disease preferred.
    const found = await referredCaseOfWorker(trx, workerId, institutionName, resolved.diseaseCode ?? null);
    if (found) {
      const k = (await caseWithCard(trx, found.suspected_case_id))!;
      if (resolved.diagnosisDate >= k.found_on) linked = k;
    }
  }
  if (linked && resolved.conclusion === 'diagnosed' && resolved.diseaseCode !== linked.disease_code) {
    if (!check.warnings.some((w) => w.reason === 'diagnosis_differs_from_suspected'))
      check.warnings.push({
        path: 'diseaseCode',
        element: elementOf('diseaseCode'),
        reason: 'diagnosis_differs_from_suspected',
        detail: linked.disease_code,
      });
  }

  // ---------- the report ----------
  const { name: _n, idNumber: _i, phone: _p, ...workerRest } = worker;
  const content = { ...resolved, worker: workerRest, suspectedCaseId: linked?.suspected_case_id ?? null };
  const contentHash = crypto.keyedHash(canonical({ ...content, workerId }));
  // The employer lands in the base database (modules/employers) when its credit code is new.
  const employers = await ensureEmployers(
    trx,
    [
      {
        creditCode: employer.creditCode,
        name: employer.name,
        regionCode: employer.regionCode,
        industryCode: employer.industryCode,
        address: employer.address,
        economicTypeCode: employer.economicTypeCode ?? null,
      },
    ],
    'diagnosis_report',
  );
  const isDiagnosed = resolved.conclusion === 'diagnosed';
  const values = {
    institution_id: institutionId,
    record_id: input.recordId,
    content_hash: contentHash,
    worker_id: workerId,
    employer_id: employers.get(employer.creditCode) ?? null,
    employer_credit_code: employer.creditCode,
    employer_name: employer.name,
    employing_credit_code: resolved.employingUnit!.creditCode,
    employing_name: resolved.employingUnit!.name,
    region_code: employer.regionCode.slice(0, 6),
    conclusion: resolved.conclusion,
    disease_code: isDiagnosed ? (resolved.diseaseCode ?? null) : null,
    disease_edition: check.edition,
    case_type_code: resolved.caseTypeCode ?? null,
    stage: resolved.stage ?? null,
    stage_one_date: resolved.stageOneDate ?? null,
    stage_two_date: resolved.stageTwoDate ?? null,
    stage_three_date: resolved.stageThreeDate ?? null,
    complication_codes: resolved.complicationCodes ?? [],
    apply_date: resolved.applyDate,
    diagnosis_date: resolved.diagnosisDate,
    report_date: resolved.reporter.date,
    physicians: resolved.physicians.map((p) => p.name),
    factor_codes: resolved.exposure.factorCodes,
    suspected_case_id: linked?.suspected_case_id ?? null,
    // Only a diagnosis has a disease to compare; an exclusion leaves it empty.
    matches_suspected: linked && isDiagnosed ? resolved.diseaseCode === linked.disease_code : null,
    report: JSON.stringify({ ...content, warnings: check.warnings }),
    import_batch_id: null,
    source: opts.source,
    created_by: actor.userId,
  };

  let id: number;
  let version = 1;
  let outcome: DiagnosisReportResult['outcome'];
  if (stored && stored.content_hash === contentHash) {
    id = stored.diagnosis_report_id;
    version = stored.version;
    outcome = 'unchanged';
  } else if (stored) {
    id = stored.diagnosis_report_id;
    version = await replaceReport(trx, stored, values, actor.userId);
    outcome = 'updated';
  } else {
    id = await insertReport(trx, values);
    outcome = 'accepted';
  }

  if (outcome !== 'unchanged') {
    // The case's step: diagnosed / excluded, by this report (a correction rewrites the outcome).
    if (linked) {
      const step = await recordDiagnosisOutcome(trx, ctx, actor, linked.suspected_case_id, {
        outcome: resolved.conclusion,
        date: resolved.diagnosisDate,
        diseaseCode: isDiagnosed ? (resolved.diseaseCode ?? null) : null,
        stage: resolved.stage ?? null,
        note: `职业病诊断报告 ${input.recordId}（${institutionName}）`,
        amend: stored?.suspected_case_id === linked.suspected_case_id,
      });
      if (!step) throw refuse('suspectedCaseId', 'suspected_case_closed');
    }
    // The report's own clock: due the rule's days after the diagnosis; done now that it arrived.
    if (outcome === 'accepted') {
      await openDeadlines(trx, [
        {
          kind: REPORT_CLOCK,
          subject_type: 'diagnosis_report',
          subject_id: id,
          starts_on: resolved.diagnosisDate,
          responsible_organisation_id: institutionId,
          regulator_region_code: values.region_code,
        },
      ]);
      await closeDeadlines(trx, [REPORT_CLOCK], 'diagnosis_report', [id], {
        userId: actor.userId,
        note: `报告日期 ${resolved.reporter.date}`,
      });
    }
    await writeAudit(trx, ctx, {
      // (Both actions written as literals: the audit catalogue test reads them from the source.)
      ...(outcome === 'accepted'
        ? { action: 'diagnosis_report.create' as const }
        : { action: 'diagnosis_report.update' as const }),
      entityType: 'diagnosis_report',
      entityId: id,
      before: stored
        ? {
            version: stored.version,
            conclusion: stored.conclusion,
            diseaseCode: stored.disease_code,
            stage: stored.stage,
            diagnosisDate: day(stored.diagnosis_date),
          }
        : null,
      after: {
        recordId: input.recordId,
        version,
        conclusion: resolved.conclusion,
        diseaseCode: values.disease_code,
        stage: values.stage,
        diagnosisDate: resolved.diagnosisDate,
        suspectedCaseId: values.suspected_case_id,
        source: opts.source,
      },
    });
  }
  return {
    id,
    recordId: input.recordId,
    version,
    outcome,
    suspectedCaseId: linked?.suspected_case_id ?? null,
    warnings: notices(check.warnings, opts.lang),
  };
};

/**
 * POST /api/v1/diagnosis-reports: one report of the caller's institution, in one transaction. With an
 * Idempotency-Key: the same key and body answer the first result; the same key with another body 422; a
 * concurrent duplicate waits for the first and then meets the taken key (409).
 */
export const submitReport = async (
  db: Kysely<DB>,
  crypto: Crypto,
  ctx: AuditContext,
  actor: Actor,
  input: DiagnosisReportInput,
  opts: { lang: Lang; idempotencyKey?: string; source?: 'api' | 'web' },
): Promise<DiagnosisReportResult> => {
  if (!canSubmitReports(actor)) throw new AppError('forbidden', 'forbidden');
  const bodyHash = crypto.keyedHash(canonical(input));
  const key = opts.idempotencyKey;
  if (key) {
    const earlier = await findRequest(db, actor.organisationId, key);
    if (earlier) {
      if (earlier.body_hash !== bodyHash)
        throw new AppError('unprocessable', 'idempotency_key_reused', [
          { path: 'idempotency-key', reason: 'idempotency_key_reused', message: '' },
        ]);
      const r = await findReport(db, reportScopeOf(actor), earlier.diagnosis_report_id);
      return {
        id: earlier.diagnosis_report_id,
        recordId: r?.record_id ?? input.recordId,
        version: r?.version ?? 1,
        outcome: earlier.outcome as DiagnosisReportResult['outcome'],
        suspectedCaseId: r?.suspected_case_id ?? null,
        warnings: notices((r?.report as { warnings?: ReportIssue[] })?.warnings ?? [], opts.lang),
      };
    }
  }
  return db.transaction().execute(async (trx) => {
    const result = await storeReport(trx, crypto, ctx, actor, input, {
      source: opts.source ?? 'api',
      lang: opts.lang,
    });
    if (key)
      await insertRequest(trx, {
        institution_id: actor.organisationId,
        idempotency_key: key,
        body_hash: bodyHash,
        diagnosis_report_id: result.id,
        outcome: result.outcome,
      });
    return result;
  });
};

/** PUT /api/v1/diagnosis-reports/:id: a correction of the caller's own report (a new version). */
export const correctReport = async (
  db: Kysely<DB>,
  crypto: Crypto,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: DiagnosisReportInput,
  lang: Lang,
): Promise<DiagnosisReportResult> =>
  db.transaction().execute(async (trx) => {
    const stored = await lockReport(trx, reportScopeOf(actor), id);
    if (!stored) throw new AppError('not_found', 'not_found');
    if (!canUpdateReport(actor, stored)) throw new AppError('forbidden', 'forbidden');
    if (input.recordId !== stored.record_id) throw refuse('recordId', 'record_id_immutable');
    return storeReport(trx, crypto, ctx, actor, input, { source: 'api', lang, correcting: stored });
  });

// ---------- reading ----------

const lateDays = (dueOn: string | null, reportDate: string) =>
  dueOn && reportDate > dueOn ? daysBetween(dueOn, reportDate) : 0;

const presentSummary = (actor: Actor, r: ReportSummaryRow): DiagnosisReportSummary => ({
  id: r.diagnosis_report_id,
  recordId: r.record_id,
  version: r.version,
  institutionId: r.institution_id,
  institutionName: r.institution_name,
  workerName: r.name_masked,
  workerIdNumber: r.id_masked,
  genderCode: r.gender_code,
  employerName: r.employer_name,
  employerCreditCode: r.employer_credit_code,
  regionCode: r.region_code,
  conclusion: r.conclusion,
  diseaseCode: r.disease_code,
  diseaseEdition: r.disease_edition,
  stage: r.stage,
  caseTypeCode: r.case_type_code,
  diagnosisDate: day(r.diagnosis_date)!,
  reportDate: day(r.report_date)!,
  dueOn: day(r.due_on),
  lateDays: lateDays(day(r.due_on), day(r.report_date)!),
  suspectedCaseId: r.suspected_case_id,
  matchesSuspected: r.matches_suspected,
  source: r.source,
  updatedAt: iso(r.updated_at),
  abilities: reportAbilities(actor, r),
});

export const listReportsFor = async (
  db: Kysely<DB>,
  actor: Actor,
  q: DiagnosisReportListQuery,
  exactCountLimit: number,
) => {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const rs = reportScopeOf(actor);
  const f = {
    text: q.q?.trim() || undefined,
    regionCode: q.regionCode,
    institutionId: q.institutionId,
    conclusion: q.conclusion,
    diseaseCode: q.diseaseCode,
    diseaseCategory: q.diseaseCategory,
    stage: q.stage,
    from: q.from,
    to: q.to,
    suspectedCaseId: q.suspectedCaseId,
  };
  const [rows, { total, totalExact }] = await Promise.all([
    listReports(db, rs, f, { offset: (page - 1) * pageSize, limit: pageSize }),
    countReports(db, rs, f, { limit: exactCountLimit, exact: q.exactTotal === true }),
  ]);
  return { data: rows.map((r) => presentSummary(actor, r)), total, totalExact, page, pageSize };
};

export const getReportFor = async (
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  lang: Lang,
): Promise<DiagnosisReportDetail> => {
  const r = await findReport(db, reportScopeOf(actor), id);
  if (!r) throw new AppError('not_found', 'not_found');
  const [versions, k] = await Promise.all([
    reportVersions(db, id),
    r.suspected_case_id ? caseWithCard(db, r.suspected_case_id) : Promise.resolve(undefined),
  ]);
  const report = r.report as { worker?: Record<string, unknown>; warnings?: ReportIssue[] };
  return {
    ...presentSummary(actor, r),
    // The stored report keeps no personal field of the worker: the masked copies are put back.
    report: { ...report, worker: { ...report.worker, name: r.name_masked, idNumber: r.id_masked } },
    physicians: r.physicians,
    complicationCodes: r.complication_codes,
    factorCodes: r.factor_codes,
    stageOneDate: day(r.stage_one_date),
    stageTwoDate: day(r.stage_two_date),
    stageThreeDate: day(r.stage_three_date),
    versions: versions.map((v) => ({ version: v.version, replacedAt: iso(v.replaced_at) })),
    suspectedCase: k
      ? {
          id: k.suspected_case_id,
          status: k.status,
          diseaseCode: k.disease_code,
          foundOn: day(k.found_on)!,
          outcomeOn: day(k.outcome_on),
          examCardId: k.exam_card_id,
          examRecordId: k.record_id,
          examDate: day(k.exam_date)!,
          examInstitutionName: k.institution_name,
        }
      : null,
    warnings: notices(report.warnings ?? [], lang),
  };
};

/** The suspected cases referred to the caller's institution and not yet resolved, to prefill a report. */
export const listReferralsFor = async (db: Kysely<DB>, actor: Actor): Promise<DiagnosisReferral[]> => {
  if (!canSubmitReports(actor)) return [];
  const rows = await referredCases(db, await organisationName(db, actor.organisationId), 200);
  return rows.map((r) => {
    const card = r.card as ExamCardInput;
    const suspected = card.conclusions.find((c) => c.conclusionCode === '03') ?? card.conclusions[0]!;
    return {
      suspectedCaseId: r.suspected_case_id,
      status: r.status,
      foundOn: day(r.found_on)!,
      referredOn: day(r.referred_on),
      diseaseCode: r.disease_code,
      workerName: r.name_masked,
      workerIdNumber: r.id_masked,
      genderCode: r.gender_code,
      birthDate: day(r.birth_date)!,
      examCardId: r.exam_card_id,
      examRecordId: r.record_id,
      examDate: day(r.exam_date)!,
      examInstitutionName: r.institution_name,
      employer: card.employer,
      employingUnit: { name: card.employingUnit.name, creditCode: card.employingUnit.creditCode },
      workTypeCode: r.work_type_code,
      exposure: {
        factorCodes: suspected.factorCodes,
        startDate: suspected.harmStartDate ?? null,
        years: suspected.harmYears ?? null,
        months: suspected.harmMonths ?? null,
      },
    };
  });
};
