/**
 * Demo data of the modules built on the exam cards (diagnosis reports, samples, API tokens …), seeded
 * after the demo year of cards, through each module's service. One line per module; each returns what
 * it seeded as a sentence for the start-up log.
 */
import { chinaToday } from '@ohp/reference';
import type { Deps } from '../platform/http/types.js';
import type { DemoScale } from './seed.js';
import { seedDemoSamples } from '../modules/exam-sampling/index.js';
import { seedDemoNotifications } from '../modules/deadlines/index.js';
import { seedDemoDocuments } from '../modules/documents/index.js';
import { seedDemoEarlierFilings, seedDemoFilings } from '../modules/filings/index.js';
import { seedDemoVerifications } from '../modules/verifications/index.js';
import { seedDemoOutbound } from '../modules/outbound/index.js';
import { seedDemoRectificationProgress, seedDemoRectifications } from '../modules/rectifications/index.js';
import { seedDemoPublicLists } from '../modules/public-lists/index.js';
import {
  seedDemoDeclarationOversight,
  seedDemoInspectionDraws,
} from '../modules/declaration-oversight/index.js';
import { seedDemoEquipment } from '../modules/equipment/index.js';
import { seedDemoCoverage } from '../modules/coverage/index.js';
import { seedDemoIndicators } from '../modules/indicators/index.js';
import { ensureExamCardPartitions } from '../modules/exam-reports/index.js';
import { seedDemoQc } from '../modules/qc/index.js';
import { seedDemoEmployers } from '../modules/employers/index.js';
import { seedDemoDeclarationImport, seedDemoDeclarations } from '../modules/declarations/index.js';
import { seedDemoEmployerCensus } from '../modules/employer-census/index.js';
import { seedDemoApiTokens } from './api-tokens.js';
import { seedDemoPeriodicExams } from './periodic-exams.js';
import { seedDemoDiagnosisReports } from './diagnosis-reports.js';
import { seedDemoWorkerHistories } from './worker-histories.js';

export const seedDemoModules = async (
  deps: Deps,
  opts: { scale: DemoScale; today?: string },
): Promise<string[]> => {
  const lines: string[] = [];
  // First, so the demo receipt is document 1 (the revoke route's OpenAPI example).
  const documents = await seedDemoDocuments(deps.db);
  if (documents) lines.push(documents);
  // 用人单位库: every demo employer's profile (classified) before the modules that read it seed theirs.
  const employers = await seedDemoEmployers(deps);
  if (employers) lines.push(employers);
  const histories = await seedDemoWorkerHistories(deps, opts);
  if (histories) lines.push(histories);
  const tokens = await seedDemoApiTokens(deps);
  if (tokens) lines.push(tokens);
  const today = opts.today ?? chinaToday();
  const periodic = await seedDemoPeriodicExams(deps, today);
  if (periodic) lines.push(periodic);
  // 整改台账 before the samples and verifications raise their findings, so the example items keep ids 1–6.
  const rectifications = await seedDemoRectifications(deps.db, today);
  if (rectifications) lines.push(rectifications);
  const samples = await seedDemoSamples(deps.db, today);
  if (samples) lines.push(samples);
  const diagnoses = await seedDemoDiagnosisReports(deps, opts);
  if (diagnoses) lines.push(diagnoses);
  const filings = await seedDemoFilings(deps.db);
  if (filings) lines.push(filings);
  const verifications = await seedDemoVerifications(deps.db, today);
  if (verifications) lines.push(verifications);
  const outbound = await seedDemoOutbound(deps.db, today);
  if (outbound) lines.push(outbound);
  // The card-sampling findings the samples above raised: answered and closed.
  const rectified = await seedDemoRectificationProgress(deps.db, today);
  if (rectified) lines.push(rectified);
  // 设备配置 (demo catalogue, labelled 演示数据; ledgers) and 规划目标 (filings 9–16, DEMO_FILING_IDS).
  const equipment = await seedDemoEquipment(deps.db, today);
  if (equipment) lines.push(equipment);
  const coverage = await seedDemoCoverage(deps.db);
  if (coverage) lines.push(coverage);
  // 历史备案导入: earlier city filings (17–19), after the coverage demo chose its institutions.
  const earlier = await seedDemoEarlierFilings(deps.db);
  if (earlier) lines.push(earlier);
  // 质控评估: the plan covers the institutions filed above; its findings go to the rectification ledger.
  const qc = await seedDemoQc(deps.db, today);
  if (qc) lines.push(qc);
  // 信息公开: publishes what the modules above hold (filings, verifications, QC, rectifications), so it
  // stays after them all.
  const publicLists = await seedDemoPublicLists(deps.db, today);
  if (publicLists) lines.push(publicLists);
  // 职业病危害项目申报 (after the employers' demo, when it is registered: it reads their profiles).
  const declarations = await seedDemoDeclarations(deps.db, today);
  if (declarations) lines.push(declarations);
  // 历史申报导入: the province's upload of the old system's declarations, through the import job.
  const legacy = await seedDemoDeclarationImport(deps, today);
  if (legacy) lines.push(legacy);
  // 用人单位数据库: lists matched against the employers above, statuses, follow-ups, a snapshot.
  const census = await seedDemoEmployerCensus(deps, today);
  if (census) lines.push(census);
  // 申报调度: after the employers', declarations' and census demos (its figures and lists read them).
  const oversight = await seedDemoDeclarationOversight(deps.db, today);
  if (oversight) lines.push(oversight);
  // 双随机抽查: after the lists' decisions (each employer drawn with its list's weight).
  const draws = await seedDemoInspectionDraws(deps.db, today);
  if (draws) lines.push(draws);
  // 指标驾驶舱: the demo cards' arrival spread over their year (timeliness).
  const indicators = await seedDemoIndicators(deps.db, today);
  if (indicators) lines.push(indicators);
  // The demo cards of years before this one wait in the default partition: their years' partitions now
  // (what the daily job does at the server's start).
  const years = await ensureExamCardPartitions(deps.db, today);
  if (years.length) lines.push(`exam-card partitions created: ${years.join(', ')}`);
  // Last: the overdue warnings of every clock the modules above opened (the hourly sweep, run once).
  const warnings = await seedDemoNotifications(deps, today);
  if (warnings) lines.push(warnings);
  void deps;
  void opts;
  return lines;
};
