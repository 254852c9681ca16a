/**
 * 个案卡抽查 (issue 15 item 8): draw N cards per exam institution at random with a recorded seed, then
 * record for each whether the online card matches the paper report. Published audits found a quarter
 * of online conclusions disagreeing with the paper reports; the per-institution mismatch rate is the
 * QC figure this produces.
 *
 * The draw is reproducible (method sha256-v1, exam-sampling.draw.ts): the seed — given or generated —
 * is stored with the parameters, the candidate set's size and digest, and each drawn card's key, so a
 * replay later shows whether the same cards come out and, if not, whether the candidate set changed
 * (cards reported or corrected after the draw).
 */
import {
  sampleCheckFieldLabels,
  sampleMethod,
  sampleReviewedStatuses,
  type ExamSampleCandidates,
  type ExamSampleCandidatesQuery,
  type ExamSampleCard,
  type ExamSampleCheckInput,
  type ExamSampleCheckResult,
  type ExamSampleDetail,
  type ExamSampleDrawInput,
  type ExamSampleInstitution,
  type ExamSampleListQuery,
  type ExamSampleReplay,
  type ExamSampleSummary,
  type Lang,
  type SampleCheckField,
} from '@ohp/contracts';
import type { Kysely } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { DB } from '../../platform/db-types.js';
import { forbidden, invalid, notFound } from '../../platform/errors.js';
import { chinaDateTime } from '../../platform/http/download.js';
import { buildWorkbook, type CellOut } from '../../platform/imports/sheet-write.js';
import { raiseFindings } from '../rectifications/index.js';
import { DRAW_METHOD, newSeed } from './exam-sampling.draw.js';
import { canRecordChecks, drawRegionOf, sampleAbilities, sampleScopeOf } from './exam-sampling.policy.js';
import {
  candidatesPerInstitution,
  drawCards,
  examInstitutionIds,
  findSample,
  findSampleCard,
  insertSample,
  listSamples,
  lockSample,
  organisationNames,
  recordCheck,
  recordIdsOf,
  sampleCards,
  sampleProgress,
  type SampleCardRow,
  type SampleRow,
} from './exam-sampling.repository.js';

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());
const rate = (mismatched: number, checked: number) =>
  checked === 0 ? null : Math.round((mismatched / checked) * 10_000) / 10_000;

const addYears = (date: string, years: number) => `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;

const presentSummary = (actor: Actor, s: SampleRow): ExamSampleSummary => {
  const drawn = Number(s.drawn);
  const checked = Number(s.checked);
  const matching = Number(s.matching);
  const institutions = s.institutions as Array<{ institutionId: number }>;
  return {
    id: s.exam_sample_id,
    title: s.title,
    method: s.method,
    seed: s.seed,
    from: s.period_from,
    to: s.period_to,
    perInstitution: s.per_institution,
    reviewedOnly: s.reviewed_only,
    institutionIds: s.institution_ids,
    scopeRegionCode: s.scope_region_code,
    organisationId: s.organisation_id,
    organisationName: s.organisation_name,
    drawnBy: s.drawn_by_name,
    drawnAt: iso(s.drawn_at),
    candidateCount: s.candidate_count,
    candidateDigest: s.candidate_digest,
    institutionCount: institutions.length,
    drawn,
    checked,
    matching,
    mismatched: checked - matching,
    mismatchRate: rate(checked - matching, checked),
    status: drawn > 0 && checked === drawn ? 'completed' : 'in_progress',
    abilities: sampleAbilities(actor, s),
  };
};

const presentCard = (c: SampleCardRow): ExamSampleCard => ({
  cardId: c.exam_card_id,
  institutionId: c.institution_id,
  institutionName: c.institution_name,
  rank: c.draw_rank,
  drawKey: c.draw_key,
  recordId: c.record_id,
  examNo: c.exam_no,
  cardVersion: c.card_version,
  currentVersion: c.current_version,
  workerName: c.name_masked,
  workerIdNumber: c.id_masked,
  employerName: c.employer_name,
  regionCode: c.region_code,
  examDate: c.exam_date,
  examTypeCode: c.exam_type_code,
  factorCodes: c.factor_codes,
  conclusionCodes: c.conclusion_codes,
  suspectedDiseaseCodes: c.suspected_disease_codes,
  auditStatus: c.audit_status,
  check:
    c.matches === null
      ? null
      : {
          matches: c.matches,
          differingFields: c.differing_fields,
          note: c.note,
          checkedBy: c.checked_by_name ?? '',
          checkedAt: iso(c.checked_at!),
        },
});

/** Per institution: candidates and drawn as recorded, checks as they stand. */
const institutionSummaries = (s: SampleRow, cards: ExamSampleCard[]): ExamSampleInstitution[] => {
  const recorded = s.institutions as Array<{ institutionId: number; candidates: number; drawn: number }>;
  return recorded
    .map((r) => {
      const own = cards.filter((c) => c.institutionId === r.institutionId);
      const checked = own.filter((c) => c.check);
      const matching = checked.filter((c) => c.check!.matches).length;
      const fieldCounts: Record<string, number> = {};
      for (const c of checked)
        for (const f of c.check!.differingFields) fieldCounts[f] = (fieldCounts[f] ?? 0) + 1;
      return {
        institutionId: r.institutionId,
        institutionName: own[0]?.institutionName ?? String(r.institutionId),
        candidates: r.candidates,
        drawn: own.length,
        checked: checked.length,
        matching,
        mismatched: checked.length - matching,
        mismatchRate: rate(checked.length - matching, checked.length),
        fieldCounts,
      };
    })
    .sort((a, b) => a.institutionName.localeCompare(b.institutionName, 'zh-CN'));
};

const detailOf = async (
  db: Kysely<DB>,
  actor: Actor,
  s: SampleRow,
  lang: Lang,
): Promise<ExamSampleDetail> => {
  const cards = (await sampleCards(db, s.exam_sample_id)).map(presentCard);
  return {
    ...presentSummary(actor, s),
    methodDescription: lang === 'en' ? sampleMethod.en : sampleMethod.zh,
    institutions: institutionSummaries(s, cards),
    cards,
  };
};

export const drawSampleFor = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  input: ExamSampleDrawInput,
  lang: Lang,
): Promise<ExamSampleDetail> => {
  const region = drawRegionOf(actor);
  if (region === null) throw forbidden('sample_scope_region_only');
  if (input.from > input.to) throw invalid([{ path: 'from', reason: 'sample_period_reversed' }]);
  if (input.to >= addYears(input.from, 3)) throw invalid([{ path: 'to', reason: 'sample_period_too_long' }]);
  const institutionIds = [...new Set(input.institutionIds ?? [])];
  const known = await examInstitutionIds(db, institutionIds);
  const unknown = institutionIds.flatMap((id, i) =>
    known.has(id) ? [] : [{ path: `institutionIds.${i}`, reason: 'sample_not_exam_institution' }],
  );
  if (unknown.length) throw invalid(unknown);
  const seed = input.seed ?? newSeed();
  const reviewedOnly = input.reviewedOnly === true;
  const id = await db.transaction().execute(async (trx) => {
    const result = await drawCards(trx, {
      scope: sampleScopeOf(actor),
      seed,
      from: input.from,
      to: input.to,
      institutionIds,
      perInstitution: input.perInstitution,
      statuses: reviewedOnly ? sampleReviewedStatuses : null,
    });
    if (result.candidateCount === 0) throw invalid([{ path: 'from', reason: 'sample_no_candidates' }]);
    const perInstitution = new Map<number, { institutionId: number; candidates: number; drawn: number }>();
    for (const d of result.drawn) {
      const e = perInstitution.get(d.institution_id) ?? {
        institutionId: d.institution_id,
        candidates: d.institution_candidates,
        drawn: 0,
      };
      e.drawn++;
      perInstitution.set(d.institution_id, e);
    }
    const institutions = [...perInstitution.values()];
    const sampleId = await insertSample(
      trx,
      {
        seed,
        period_from: input.from,
        period_to: input.to,
        per_institution: input.perInstitution,
        reviewed_only: reviewedOnly,
        institution_ids: institutionIds,
        scope_region_code: region,
        organisation_id: actor.organisationId,
        drawn_by: actor.userId,
        title: input.title?.trim() || null,
        candidate_count: result.candidateCount,
        candidate_digest: result.candidateDigest,
        institutions,
      },
      result.drawn,
    );
    await writeAudit(trx, ctx, {
      action: 'exam_sample.draw',
      entityType: 'exam_sample',
      entityId: sampleId,
      after: {
        method: DRAW_METHOD,
        seed,
        seedGiven: input.seed !== undefined,
        from: input.from,
        to: input.to,
        perInstitution: input.perInstitution,
        reviewedOnly,
        institutionIds,
        scopeRegionCode: region,
        candidates: result.candidateCount,
        candidateDigest: result.candidateDigest,
        drawn: result.drawn.length,
        institutions: institutions.length,
      },
    });
    return sampleId;
  });
  return getSampleFor(db, actor, id, lang);
};

/** What a draw over this period would choose from, per institution, in the caller's area. */
export const candidatesFor = async (
  db: Kysely<DB>,
  actor: Actor,
  q: ExamSampleCandidatesQuery,
): Promise<ExamSampleCandidates> => {
  if (drawRegionOf(actor) === null) throw forbidden('sample_scope_region_only');
  if (q.from > q.to) throw invalid([{ path: 'from', reason: 'sample_period_reversed' }]);
  const rows = await candidatesPerInstitution(db, {
    scope: sampleScopeOf(actor),
    from: q.from,
    to: q.to,
    statuses: q.reviewedOnly ? sampleReviewedStatuses : null,
  });
  const institutions = rows.map((r) => ({
    institutionId: r.institution_id,
    institutionName: r.name,
    candidates: Number(r.n),
  }));
  return { total: institutions.reduce((a, i) => a + i.candidates, 0), institutions };
};

export const listSamplesFor = async (
  db: Kysely<DB>,
  actor: Actor,
  q: ExamSampleListQuery,
): Promise<{ data: ExamSampleSummary[]; total: number; page: number; pageSize: number }> => {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const { rows, total } = await listSamples(
    db,
    sampleScopeOf(actor),
    { status: q.status },
    { offset: (page - 1) * pageSize, limit: pageSize },
  );
  return { data: rows.map((r) => presentSummary(actor, r)), total, page, pageSize };
};

export const getSampleFor = async (
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  lang: Lang,
): Promise<ExamSampleDetail> => {
  const s = await findSample(db, sampleScopeOf(actor), id);
  if (!s) throw notFound();
  return detailOf(db, actor, s, lang);
};

export const recordSampleCheck = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: ExamSampleCheckInput,
): Promise<ExamSampleCheckResult> => {
  const fields = [...new Set(input.differingFields ?? [])] as SampleCheckField[];
  return db.transaction().execute(async (trx) => {
    const s = await lockSample(trx, sampleScopeOf(actor), id);
    if (!s) throw notFound();
    if (!canRecordChecks(actor, s)) throw forbidden('sample_not_yours');
    const card = await findSampleCard(trx, id, input.cardId);
    if (!card) throw invalid([{ path: 'cardId', reason: 'sample_card_unknown' }]);
    if (!input.matches && fields.length === 0)
      throw invalid([{ path: 'differingFields', reason: 'sample_fields_required' }]);
    if (input.matches && fields.length > 0)
      throw invalid([{ path: 'differingFields', reason: 'sample_fields_with_match' }]);
    const note = input.note?.trim() || null;
    await recordCheck(trx, id, input.cardId, {
      matches: input.matches,
      differing_fields: fields,
      note,
      checked_by: actor.userId,
    });
    await writeAudit(trx, ctx, {
      action: 'exam_sample.record',
      entityType: 'exam_sample',
      entityId: id,
      before:
        card.matches === null
          ? null
          : {
              cardId: input.cardId,
              matches: card.matches,
              differingFields: card.differing_fields,
              note: card.note,
            },
      after: {
        cardId: input.cardId,
        recordId: card.record_id,
        matches: input.matches,
        differingFields: fields,
        note,
      },
    });
    // 问题清单和整改台账 (吉卫规〔2024〕2号 五): a card that does not match its paper report is a finding
    // for the card's institution (once per sample and card; a later "matches" leaves the item to be closed).
    if (!input.matches)
      await raiseFindings(trx, ctx, [
        {
          source: 'card_sampling',
          sourceRef: `sample:${id}:card:${input.cardId}`,
          institutionId: card.institution_id,
          title: `个案卡与纸质报告不一致（${card.record_id}）：${fields
            .map((f) => sampleCheckFieldLabels[f]?.zh ?? f)
            .join('、')}`,
          detail: note ?? undefined,
          severity: 'general',
        },
      ]);
    const progress = await sampleProgress(trx, id);
    return {
      cardId: input.cardId,
      matches: input.matches,
      differingFields: fields,
      ...progress,
      status: progress.checked === progress.drawn ? 'completed' : 'in_progress',
    };
  });
};

/** The draw done again now, with the recorded seed, parameters and area, compared with the record. */
export const replaySampleFor = async (
  db: Kysely<DB>,
  actor: Actor,
  id: number,
): Promise<ExamSampleReplay> => {
  const s = await findSample(db, sampleScopeOf(actor), id);
  if (!s) throw notFound();
  const again = await drawCards(db, {
    scope: { kind: 'region', prefix: s.scope_region_code },
    seed: s.seed,
    from: s.period_from,
    to: s.period_to,
    institutionIds: s.institution_ids,
    perInstitution: s.per_institution,
    statuses: s.reviewed_only ? sampleReviewedStatuses : null,
  });
  const recorded = await sampleCards(db, id);
  const then = new Set(recorded.map((c) => c.exam_card_id));
  const now = new Set(again.drawn.map((c) => c.exam_card_id));
  const addedIds = [...now].filter((c) => !then.has(c));
  const missingIds = [...then].filter((c) => !now.has(c));
  const records = await recordIdsOf(db, [...addedIds, ...missingIds]);
  const named = (ids: number[]) => ids.map((cardId) => ({ cardId, recordId: records.get(cardId) ?? '' }));
  return {
    sameCandidates: again.candidateDigest === s.candidate_digest,
    sameCards: addedIds.length === 0 && missingIds.length === 0,
    candidateCount: again.candidateCount,
    candidateDigest: again.candidateDigest,
    added: named(addedIds),
    missing: named(missingIds),
  };
};

/** The sample's results as a workbook: drawn cards with their checks, per-institution summary, parameters. */
export const sampleWorkbook = async (
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  lang: Lang,
): Promise<{ body: Buffer; names: { zh: string; en: string } }> => {
  const d = await getSampleFor(db, actor, id, lang);
  const en = lang === 'en';
  const yes = en ? 'Yes' : '一致';
  const no = en ? 'No' : '不一致';
  const fieldName = (f: string) => sampleCheckFieldLabels[f as SampleCheckField]?.[en ? 'en' : 'zh'] ?? f;
  const names = await organisationNames(db, [d.organisationId]);
  const rows: CellOut[][] = d.cards.map((c) => [
    c.institutionName,
    c.rank,
    c.recordId,
    c.examNo,
    c.workerName,
    c.workerIdNumber,
    c.employerName,
    c.examDate,
    c.examTypeCode,
    c.factorCodes.join(' '),
    c.conclusionCodes.join(' '),
    c.suspectedDiseaseCodes.join(' '),
    c.auditStatus,
    c.check ? (c.check.matches ? yes : no) : en ? 'Not checked' : '未核对',
    c.check ? c.check.differingFields.map(fieldName).join('、') : null,
    c.check?.note ?? null,
    c.check?.checkedBy ?? null,
    c.check ? chinaDateTime(new Date(c.check.checkedAt)) : null,
    c.drawKey,
  ]);
  const summary: CellOut[][] = d.institutions.map((i) => [
    i.institutionName,
    i.candidates,
    i.drawn,
    i.checked,
    i.matching,
    i.mismatched,
    i.mismatchRate === null ? null : `${(i.mismatchRate * 100).toFixed(1)}%`,
    Object.entries(i.fieldCounts)
      .map(([f, n]) => `${fieldName(f)} ${n}`)
      .join('、'),
  ]);
  const params: Array<[string, string | number]> = [
    [en ? 'Sample' : '抽样编号', d.id],
    [en ? 'Title' : '名称', d.title ?? ''],
    [en ? 'Drawn by' : '抽样单位', `${names.get(d.organisationId) ?? d.organisationName}（${d.drawnBy}）`],
    [en ? 'Drawn at' : '抽样时间', chinaDateTime(new Date(d.drawnAt))],
    [en ? 'Area' : '抽样范围（行政区划）', d.scopeRegionCode],
    [en ? 'Exam dates' : '体检日期', `${d.from} ~ ${d.to}`],
    [en ? 'Cards per institution' : '每机构抽取张数', d.perInstitution],
    [
      en ? 'Reviewed cards only' : '仅抽取已审核个案卡',
      d.reviewedOnly ? (en ? 'Yes' : '是') : en ? 'No' : '否',
    ],
    [
      en ? 'Institutions asked' : '指定机构',
      d.institutionIds.length ? d.institutionIds.join(', ') : en ? 'All in the area' : '辖区内全部',
    ],
    [en ? 'Seed' : '随机种子', d.seed],
    [en ? 'Method' : '抽样方法', `${d.method}: ${d.methodDescription}`],
    [en ? 'Candidate cards' : '候选个案卡数', d.candidateCount],
    [en ? 'Candidate set digest (SHA-256)' : '候选集摘要（SHA-256）', d.candidateDigest],
    [
      en ? 'Drawn / checked / mismatched' : '抽取 / 已核对 / 不一致',
      `${d.drawn} / ${d.checked} / ${d.mismatched}`,
    ],
  ];
  const body = await buildWorkbook(
    en ? 'Checks' : '抽查结果',
    en
      ? [
          'Institution',
          'Rank',
          'Record ID',
          'Exam no.',
          'Worker',
          'ID number',
          'Employer',
          'Exam date',
          'Exam type',
          'Factors',
          'Conclusions',
          'Suspected disease',
          'Audit status',
          'Matches paper',
          'Fields that differ',
          'Note',
          'Checked by',
          'Checked at',
          'Draw key',
        ]
      : [
          '体检机构',
          '序号',
          '记录编号',
          '体检编号',
          '劳动者',
          '身份证号',
          '用人单位',
          '体检日期',
          '体检类型',
          '危害因素',
          '体检结论',
          '疑似职业病',
          '审核状态',
          '与纸质报告',
          '不一致项目',
          '说明',
          '核对人',
          '核对时间',
          '抽样键',
        ],
    rows,
    {
      widths: [28, 6, 22, 14, 10, 20, 28, 12, 8, 14, 12, 10, 8, 10, 24, 30, 10, 20, 66],
      extra: [
        {
          name: en ? 'By institution' : '机构汇总',
          headers: en
            ? [
                'Institution',
                'Candidates',
                'Drawn',
                'Checked',
                'Matching',
                'Mismatched',
                'Mismatch rate',
                'Fields that differed',
              ]
            : ['体检机构', '候选数', '抽取数', '已核对', '一致', '不一致', '不一致率', '不一致项目'],
          rows: summary,
          widths: [32, 10, 10, 10, 10, 10, 12, 40],
        },
        {
          name: en ? 'Parameters' : '抽样参数',
          headers: en ? ['Item', 'Value'] : ['项目', '值'],
          rows: params,
          widths: [28, 100],
        },
      ],
    },
  );
  return { body, names: { zh: `个案卡抽查-${d.id}.xlsx`, en: `card-sample-${d.id}.xlsx` } };
};
