/**
 * Demo data of the modules built on the exam cards (diagnosis reports, samples, API tokens …), seeded
 * after the demo year of cards, through each module's service. One line per module; each returns what
 * it seeded as a sentence for the start-up log.
 */
import type { Deps } from '../platform/http/types.js';
import type { DemoScale } from './seed.js';
import { seedDemoSamples } from '../modules/exam-sampling/index.js';
import { seedDemoNotifications } from '../modules/deadlines/index.js';
import { seedDemoDocuments } from '../modules/documents/index.js';
import { seedDemoFilings } from '../modules/filings/index.js';
import { seedDemoVerifications } from '../modules/verifications/index.js';
import { seedDemoOutbound } from '../modules/outbound/index.js';
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
  const histories = await seedDemoWorkerHistories(deps, opts);
  if (histories) lines.push(histories);
  const tokens = await seedDemoApiTokens(deps);
  if (tokens) lines.push(tokens);
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  const periodic = await seedDemoPeriodicExams(deps, today);
  if (periodic) lines.push(periodic);
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
  // Last: the overdue warnings of every clock the modules above opened (the hourly sweep, run once).
  const warnings = await seedDemoNotifications(deps, today);
  if (warnings) lines.push(warnings);
  void deps;
  void opts;
  return lines;
};
