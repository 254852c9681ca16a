/**
 * Earlier exams of some demo workers (劳动者档案, issue 15 item 6), so that the worker registry's
 * history (个人职业健康档案) reads as one: periodic exams in the years before the demo year, some at the
 * worker's previous employer and by another institution. The workers are the demo county's, examined
 * periodically in the demo year; their earlier cards are built from that card (the same worker — read
 * back from the registry — factors and items; the exposure counted back), checked by the upload rules,
 * stored through the real store and reviewed up to the province by the demo regulators through the
 * review service, as cards of past years would have been.
 *
 * Not seeded at the test scale: the service tests build their own histories, and the other modules'
 * tests count the demo year of cards.
 */
import type { ExamCardInput } from '@ohp/contracts';
import { loadActor } from '../platform/authz/session.js';
import type { Actor } from '../platform/authz/actor.js';
import type { Deps } from '../platform/http/types.js';
import { checkExamCard, storeCards } from '../modules/exam-reports/index.js';
import { reviewCards } from '../modules/exam-reports/exam-reports.service.js';
import type { DemoScale } from './seed.js';

const WORKERS: Record<DemoScale, number> = { test: 0, small: 120, province: 800 };

const day = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (iso: string, n: number) => day(new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000));
const yearsBetween = (from: string, to: string) =>
  Math.floor((Date.parse(to) - Date.parse(from)) / (365.25 * 86_400_000));

const asUser = async (deps: Deps, username: string): Promise<Actor | null> => {
  const u = await deps.db
    .selectFrom('app_user')
    .select('user_id')
    .where('username', '=', username)
    .executeTakeFirst();
  return u ? ((await loadActor(deps.db, u.user_id))?.actor ?? null) : null;
};

export const seedDemoWorkerHistories = async (
  deps: Deps,
  opts: { scale: DemoScale; today?: string },
): Promise<string | null> => {
  const want = WORKERS[opts.scale];
  const today = opts.today ?? day(new Date());
  const [county, city, province, exam] = await Promise.all(
    ['demo-county', 'demo-city', 'demo-province', 'demo-exam'].map((u) => asUser(deps, u)),
  );
  if (!want || !county || !exam) return null;
  // The demo county's periodic exams of the demo year, one per worker, oldest card first.
  const current = await deps.db
    .selectFrom('exam_card as c')
    .innerJoin('worker as w', 'w.worker_id', 'c.worker_id')
    .select([
      'c.exam_card_id',
      'c.worker_id',
      'c.institution_id',
      'c.card',
      'c.exam_date',
      'w.id_number_enc',
      'w.name_enc',
      'w.phone_enc',
    ])
    .where('c.region_code', 'like', `${county.regionCode}%`)
    .where('c.exam_type_code', '=', '02')
    .where('c.record_id', 'like', 'DEMO-%')
    .orderBy('c.exam_card_id')
    .limit(want * 2)
    .execute();
  if (!current.length) return null;
  const institutions = [...new Set(current.map((c) => c.institution_id))];
  const planned: Array<{ institutionId: number; card: ExamCardInput }> = [];
  let workers = 0;
  for (const [i, row] of current.entries()) {
    if (workers >= want) break;
    const base = row.card as ExamCardInput;
    const harmStart = base.conclusions.find((k) => k.harmStartDate)?.harmStartDate;
    if (!harmStart) continue;
    // The employer before the current one (every other worker): another card's employer of the county.
    const previous = i % 2 === 0 ? (current[(i + 7) % current.length]!.card as ExamCardInput) : null;
    const worker = {
      ...base.worker,
      name: deps.crypto.decrypt(row.name_enc),
      idNumber: deps.crypto.decrypt(row.id_number_enc),
      phone: row.phone_enc ? deps.crypto.decrypt(row.phone_enc) : base.worker.phone,
    };
    let added = 0;
    // One to three earlier periodic exams, a year apart, while the exposure had begun a year before.
    for (let j = 1; j <= 1 + (i % 3); j++) {
      const examDate = addDays(day(new Date(String(row.exam_date))), -365 * j - ((i * 7 + j * 11) % 40));
      if (yearsBetween(harmStart, examDate) < 1) break;
      const reportDate = addDays(examDate, 4 + (j % 4));
      if (reportDate > today) continue;
      const atPrevious = previous !== null && j === 1 + (i % 3);
      const institutionId = institutions[(i + j) % institutions.length]!;
      const harmYears = yearsBetween(harmStart, examDate);
      const card: ExamCardInput = {
        ...base,
        recordId: `HIST-${row.worker_id}-${j}`,
        examNo: `${examDate.slice(0, 4)}-H${String(row.worker_id).padStart(5, '0')}${j}`,
        worker,
        ...(atPrevious ? { employer: previous.employer, employingUnit: previous.employingUnit } : {}),
        examDate,
        examTypeCode: '02',
        isReexam: false,
        reexamOf: undefined,
        conclusions: base.conclusions.map((k) => ({
          ...k,
          conclusionCode: (i + j) % 9 === 0 ? '05' : '01',
          suspectedDiseaseCode: null,
          contraindication: null,
          otherAbnormality: (i + j) % 9 === 0 ? '血压偏高' : null,
          harmYears,
          harmMonths: 0,
        })),
        serviceYears: Math.max(harmYears, (base.serviceYears ?? 0) - j),
        serviceMonths: 0,
        remark: undefined,
        writer: { ...base.writer, date: reportDate },
        reporter: { ...base.reporter, date: reportDate },
      };
      if (checkExamCard(card, today).ok) {
        planned.push({ institutionId, card });
        added++;
      }
    }
    if (added) workers++;
  }
  const byInstitution = new Map<number, ExamCardInput[]>();
  for (const p of planned)
    byInstitution.set(p.institutionId, [...(byInstitution.get(p.institutionId) ?? []), p.card]);
  const stored: number[] = [];
  for (const [institutionId, cards] of byInstitution) {
    const out = await deps.db.transaction().execute((trx) =>
      storeCards(
        trx,
        deps.crypto,
        { institutionId, importBatchId: null, source: 'demo' },
        cards.map((card, k) => ({ rowNo: k + 1, card })),
      ),
    );
    for (const o of out) if (o.examCardId && o.outcome === 'accepted') stored.push(o.examCardId);
  }
  // Past years' cards went through the whole review: county, city, province.
  const ctx = (a: Actor) => ({
    userId: a.userId,
    username: a.username,
    organisationId: a.organisationId,
    ip: null,
    requestId: 'demo-seed',
  });
  for (const a of [county, city, province])
    if (a)
      for (let k = 0; k < stored.length; k += 500)
        await reviewCards(deps.db, ctx(a), a, {
          cardIds: stored.slice(k, k + 500),
          decision: 'approved',
          opinion: null,
        });
  return `worker histories: ${stored.length} earlier exams of ${workers} workers of the demo county (past years, reviewed)`;
};
