/**
 * 体检到期提醒 (issue 15 item 7): who is due for a periodic exam. Per worker and hazard factor the
 * latest 上岗前 / 在岗期间 exam, the cycle the standards engine gives for the factor under the GBZ 188
 * edition in force on that exam's date, the next due date and its status (overdue, due within 30 days,
 * in date). Where the engine cannot give one cycle the row is “undetermined” with a caveat — the level
 * it needs (noise, work grade) and the due date each level would give, or that the edition has no row
 * for the factor — rather than a guessed date.
 *
 * Who sees whom: the exam cards' scope (cardScopeOf) — an employer its workers, a regulator its region,
 * an exam institution the workers it examined.
 */
import { chinaToday } from '@ohp/reference';
import {
  PERIODIC_DUE_SOON_DAYS,
  type Lang,
  type PeriodicDueExport,
  type PeriodicDuePage,
  type PeriodicDueQuery,
  type PeriodicDueRow,
} from '@ohp/contracts';
import { addMonths, designation, surveillanceCycle, type SurveillanceRow } from '@ohp/standards';
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/authz/actor.js';
import type { DB } from '../../platform/db-types.js';
import { chinaDateTime } from '../../platform/http/download.js';
import { buildWorkbook, type CellOut } from '../../platform/imports/sheet-write.js';
import { cardScopeOf } from '../exam-reports/index.js';
import { loadContext } from '../standards/index.js';
import {
  caveatText,
  cycleTable,
  editionOn,
  factorCycle,
  factorName,
  reasonText,
  type FactorCycle,
} from './periodic-exams.cycles.js';
import {
  countDue,
  listDue,
  type CycleValue,
  type DueFilters,
  type DueRow,
} from './periodic-exams.repository.js';

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The engine's cycles with the administrator's imported rows, as the query's VALUES list. */
const cyclesNow = async (db: Kysely<DB>) => {
  const imported = (await loadContext(db)).importedSurveillanceRows ?? [];
  const table = cycleTable(imported);
  const values: CycleValue[] = table.map((c) => ({
    code: c.code,
    from: c.effectiveFrom,
    to: c.effectiveTo,
    months: c.months,
    minMonths: c.alternatives.length ? Math.min(...c.alternatives.map((a) => a.months)) : null,
  }));
  return { imported, values };
};

const filtersOf = (q: PeriodicDueExport): DueFilters => ({
  regionCode: q.regionCode,
  factorCode: q.factorCode,
  text: q.q?.trim() || undefined,
  status: q.status,
});

/** One row as the list shows it: the engine's basis, edition, confidence, and the caveat where there is one. */
const presentRow = (
  r: DueRow,
  imported: SurveillanceRow[],
  lang: Lang,
  today: string,
  memo: Map<string, FactorCycle>,
): PeriodicDueRow => {
  const edition = editionOn(r.exam_date);
  const key = `${r.factor_code}|${edition?.edition ?? ''}`;
  let fc = memo.get(key);
  if (!fc && edition) {
    fc = factorCycle(r.factor_code, edition, imported);
    memo.set(key, fc);
  }
  const en = lang === 'en';
  const caveatKind = !edition ? 'edition_not_covered' : (fc?.caveat ?? null);
  const alternatives = (fc?.alternatives ?? []).map((a) => {
    // Each alternative's due date is the engine's for this exam date and that level.
    const res = surveillanceCycle({ examDate: r.exam_date, hazards: [a.exposure], importedRows: imported });
    const dueOn = res.verdict === 'error' ? addMonths(r.exam_date, a.months) : (res.nextDueDate ?? '');
    return { condition: en ? a.condition.en : a.condition.zh, months: a.months, dueOn };
  });
  return {
    workerId: r.worker_id,
    workerName: r.name_masked,
    workerIdNumber: r.id_masked,
    employerName: r.employer_name,
    employerCreditCode: r.employer_credit_code,
    regionCode: r.region_code,
    factorCode: r.factor_code,
    factorName: factorName(r.factor_code),
    hazardId: fc?.hazardId ?? null,
    lastExam: {
      cardId: r.exam_card_id,
      recordId: r.record_id,
      examDate: r.exam_date,
      examTypeCode: r.exam_type_code,
      conclusionCode: r.conclusion_code,
      institutionName: r.institution_name,
    },
    edition: edition?.edition ?? null,
    section: fc?.cycle?.section ?? null,
    cycleMonths: r.months,
    dueOn: r.due_on,
    daysOverdue: r.due_on ? daysBetween(r.due_on, today) : null,
    status: r.status,
    confidence: fc?.cycle?.confidence ?? null,
    verified: fc?.cycle?.verified ?? false,
    basis: reasonText(fc?.cycle ?? null, lang),
    caveat:
      r.due_on === null && caveatKind
        ? {
            kind: caveatKind,
            message: caveatText(caveatKind, lang, {
              edition: edition?.edition,
              code: r.factor_code,
              date: r.exam_date,
            }),
            alternatives,
            earliestDueOn: r.earliest_due_on,
          }
        : null,
  };
};

export const listDueFor = async (
  db: Kysely<DB>,
  actor: Actor,
  q: PeriodicDueQuery,
  lang: Lang,
  today = chinaToday(),
): Promise<PeriodicDuePage> => {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const cs = cardScopeOf(actor);
  const f = filtersOf(q);
  const { imported, values } = await cyclesNow(db);
  const [rows, counts] = await Promise.all([
    listDue(db, cs, f, values, today, { offset: (page - 1) * pageSize, limit: pageSize }),
    countDue(db, cs, f, values, today),
  ]);
  const memo = new Map<string, FactorCycle>();
  const total = f.status ? counts[f.status] : Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    data: rows.map((r) => presentRow(r, imported, lang, today, memo)),
    total,
    totalExact: true,
    page,
    pageSize,
    asOf: today,
    counts,
  };
};

/** Rows an export holds at most. */
export const DUE_EXPORT_MAX_ROWS = 50_000;

const STATUS_TEXT = {
  overdue: { zh: '已逾期', en: 'Overdue' },
  due_soon: { zh: `${PERIODIC_DUE_SOON_DAYS} 天内到期`, en: `Due within ${PERIODIC_DUE_SOON_DAYS} days` },
  undetermined: { zh: '周期待定', en: 'Cycle undetermined' },
  in_date: { zh: '未到期', en: 'In date' },
} as const;

export const dueWorkbook = async (
  db: Kysely<DB>,
  actor: Actor,
  q: PeriodicDueExport,
  lang: Lang,
  today = chinaToday(),
): Promise<Buffer> => {
  const cs = cardScopeOf(actor);
  const f = filtersOf(q);
  const { imported, values } = await cyclesNow(db);
  const rows = await listDue(db, cs, f, values, today, { offset: 0, limit: DUE_EXPORT_MAX_ROWS });
  const counts = await countDue(db, cs, f, values, today);
  const memo = new Map<string, FactorCycle>();
  const en = lang === 'en';
  const data: CellOut[][] = rows.map((row) => {
    const r = presentRow(row, imported, lang, today, memo);
    return [
      en ? STATUS_TEXT[r.status].en : STATUS_TEXT[r.status].zh,
      r.workerName,
      r.workerIdNumber,
      r.employerName,
      r.employerCreditCode,
      r.regionCode,
      `${r.factorName}（${r.factorCode}）`,
      r.lastExam.examDate,
      r.lastExam.examTypeCode,
      r.lastExam.institutionName,
      r.lastExam.recordId,
      r.edition ? designation(r.edition) : null,
      r.cycleMonths,
      r.dueOn,
      r.daysOverdue,
      r.caveat
        ? [
            r.caveat.message,
            ...r.caveat.alternatives.map(
              (a) => `${a.condition}: ${a.months} ${en ? 'months' : '个月'} → ${a.dueOn}`,
            ),
          ].join('；')
        : null,
      r.basis,
    ];
  });
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return buildWorkbook(
    en ? 'Periodic exams due' : '体检到期提醒',
    en
      ? [
          'Status',
          'Worker',
          'ID number',
          'Employer',
          'Credit code',
          'Region',
          'Hazard factor',
          'Last exam',
          'Exam type',
          'Institution',
          'Record ID',
          'GBZ 188 edition',
          'Cycle (months)',
          'Due on',
          'Days overdue',
          'Caveat',
          'Basis (standards engine)',
        ]
      : [
          '状态',
          '劳动者',
          '身份证号',
          '用人单位',
          '统一社会信用代码',
          '所属区划',
          '危害因素',
          '上次体检日期',
          '体检类型',
          '体检机构',
          '记录编号',
          'GBZ 188 版本',
          '周期（月）',
          '应检日期',
          '逾期天数',
          '说明',
          '依据（标准引擎）',
        ],
    data,
    {
      widths: [12, 10, 20, 28, 20, 10, 24, 12, 8, 28, 22, 14, 10, 12, 10, 60, 60],
      extra: [
        {
          name: en ? 'Filter' : '筛选条件',
          headers: en ? ['Item', 'Value'] : ['项目', '值'],
          rows: [
            [en ? 'As of' : '计算日期', today],
            [
              en ? 'Status' : '状态',
              q.status ? STATUS_TEXT[q.status][en ? 'en' : 'zh'] : en ? 'All' : '全部',
            ],
            [en ? 'Hazard factor' : '危害因素', q.factorCode ?? ''],
            [en ? 'Region' : '所属区划', q.regionCode ?? ''],
            [en ? 'Employer' : '用人单位', q.q ?? ''],
            [en ? 'Exported by' : '导出人', actor.username],
            [en ? 'Exported at' : '导出时间', chinaDateTime(new Date())],
            [en ? 'Matching rows' : '符合条件的记录数', f.status ? counts[f.status] : total],
            [en ? 'Rows exported' : '导出记录数', rows.length],
          ],
          widths: [24, 60],
        },
      ],
    },
  );
};
