/**
 * Indicator summaries (issue 18 item 2): the figures of the high-volume facts per measure, county,
 * month, institution and dimension, kept by the triggers of migration 0045 in the facts' own
 * transactions, folded by the merge job, and checked against the facts by the verifier.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import {
  openClockCounts as openClockCountsSql,
  openClocksFromFacts as openClocksFromFactsSql,
  type OpenClockQuery,
  type OpenClockRow,
  dropZeroCounts,
  driftRows,
  factCounts as factCountsSql,
  insertVerification,
  latestVerifications,
  MEASURES,
  mergeDeltaRows,
  rebuildMeasures,
  summaryCounts as summaryCountsSql,
  type CountQuery,
  type CountRow,
  type Db,
  type DriftRow,
} from './indicator-summaries.repository.js';

export type {
  CountQuery,
  CountRow,
  DriftRow,
  GroupBy,
  OpenClockQuery,
  OpenClockRow,
} from './indicator-summaries.repository.js';
export { MEASURES };
export type Measure = (typeof MEASURES)[number];

/**
 * Rule placeholders (docs/STANDARDS.md § Indicator summaries). The day counts live in the SQL functions
 * of migration 0045 (indicator_exam_on_time, indicator_suspected_in_time, indicator_diagnosis_on_time),
 * the one place the triggers and the recount read them; these constants document them and a test
 * checks that the SQL agrees.
 */
export const SUMMARY_RULES = {
  /** No national day count exists: received (China day of created_at) ≤ 15 days after report_date. */
  examOnTimeDays: { days: 15, placeholder: true, source: null },
  /** deadline_rule suspected_case_diagnosis (placeholder there too): outcome_on − found_on ≤ 90. */
  suspectedResolvedDays: { days: 90, placeholder: true, source: 'deadline_rule suspected_case_diagnosis' },
  /** deadline_rule diagnosis_report_due: report_date − diagnosis_date ≤ 15. */
  diagnosisOnTimeDays: { days: 15, placeholder: true, source: 'deadline_rule diagnosis_report_due' },
} as const;

/**
 * Figures from the summaries for a region (prefix '' national, 2/4/6 digits) and a month range
 * [fromMonth, toMonth), grouped by total (key ''), child region (the next level; a county groups to
 * itself), institution (its id) or month ('YYYY-MM'). One statement over the merged totals and the
 * deltas not yet merged: exact and fresh at the writers' commit. Keys whose sum is 0 are left out.
 */
export const summaryCounts = (db: Db, q: CountQuery): Promise<CountRow[]> => summaryCountsSql(db, q);

/** The same answer recounted from the fact tables by GROUP BY (verification, tests, bench baseline). */
export const factCounts = (db: Db, q: CountQuery): Promise<CountRow[]> => factCountsSql(db, q);

/**
 * Open clocks (deadline, done_at null) per child region of the regulator or in total, and kind: open,
 * overdue (due before asOf) and due soon (asOf … asOf + soonDays), from the measure deadline.open of
 * the summaries (month = the due day; kept by the triggers of migration 0045). The caller scopes the region and passes the deadlines module's
 * due-soon days.
 */
export const openClockCounts = (db: Db, q: OpenClockQuery): Promise<OpenClockRow[]> =>
  openClockCountsSql(db, q);

/** The same recounted from the deadline table (tests, verification). */
export const openClocksFromFacts = (db: Db, q: OpenClockQuery): Promise<OpenClockRow[]> =>
  openClocksFromFactsSql(db, q);

/** Folds the committed deltas into the totals (one transaction); totals back at zero are dropped. */
export const mergeDeltas = async (db: Kysely<DB>): Promise<{ deltas: number; keys: number }> =>
  db.transaction().execute(async (trx) => {
    const r = await mergeDeltaRows(trx);
    if (r.keys) await dropZeroCounts(trx);
    return r;
  });

export type VerificationResult = {
  checkedMeasures: string[];
  driftRows: DriftRow[];
  totalAbsDrift: number;
  repaired: boolean;
};

/**
 * Recounts every measure (deadline.open: region = the regulator region, month = the due day, dim = the
 * kind) from the facts and compares it, key by key, with what the summaries keep
 * (totals + deltas), in one REPEATABLE READ READ ONLY transaction (one snapshot of facts and
 * summaries). With `repair`, when there is drift, the measures are rebuilt from the facts while their
 * writers are held off (a maintenance action), and checked again.
 */
export const verifySummaries = async (
  db: Kysely<DB>,
  opts: { repair?: boolean; measures?: readonly string[] } = {},
): Promise<VerificationResult> => {
  const measures = [...(opts.measures ?? MEASURES)];
  const rows = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute((trx) => driftRows(trx, measures));
  const totalAbsDrift = rows.reduce((s, r) => s + Math.abs(r.expected - r.kept), 0);
  if (!opts.repair || !rows.length)
    return { checkedMeasures: measures, driftRows: rows, totalAbsDrift, repaired: false };
  const drifted = [...new Set(rows.map((r) => r.measure))];
  await db.transaction().execute((trx) => rebuildMeasures(trx, drifted));
  return { checkedMeasures: measures, driftRows: rows, totalAbsDrift, repaired: true };
};

/** At most this many drift rows are stored with a run (the total is always stored). */
const STORED_DRIFT_ROWS = 100;

/** Runs the verifier, stores the run and audits it (the route and the CLI). */
export const runVerification = async (
  db: Kysely<DB>,
  audit: AuditContext,
  opts: { repair?: boolean } = {},
): Promise<VerificationResult & { id: number; at: string }> => {
  const result = await verifySummaries(db, opts);
  const stored = {
    checkedMeasures: result.checkedMeasures,
    driftRows: result.driftRows.slice(0, STORED_DRIFT_ROWS),
    driftRowCount: result.driftRows.length,
    totalAbsDrift: result.totalAbsDrift,
    repaired: result.repaired,
  };
  const run = await db.transaction().execute(async (trx) => {
    const row = await insertVerification(trx, {
      repaired: result.repaired,
      totalAbsDrift: result.totalAbsDrift,
      result: stored,
    });
    await writeAudit(trx, audit, {
      action: 'indicator_summaries.verify',
      entityType: 'indicator_verification',
      entityId: row.id,
      after: {
        checkedMeasures: result.checkedMeasures.length,
        driftRows: result.driftRows.length,
        totalAbsDrift: result.totalAbsDrift,
        repaired: result.repaired,
      },
    });
    return row;
  });
  return { ...result, id: run.id, at: run.at.toISOString() };
};

export type StoredVerification = {
  id: number;
  at: string;
  repaired: boolean;
  totalAbsDrift: number;
  checkedMeasures: string[];
  driftRowCount: number;
  driftRows: DriftRow[];
};

export const listVerifications = async (db: Db, limit = 20): Promise<StoredVerification[]> => {
  const rows = await latestVerifications(db, limit);
  return rows.map((r) => {
    const result = (typeof r.result === 'string' ? JSON.parse(r.result) : r.result) as {
      checkedMeasures?: string[];
      driftRows?: DriftRow[];
      driftRowCount?: number;
    };
    return {
      id: Number(r.indicator_verification_id),
      at: new Date(r.at).toISOString(),
      repaired: r.repaired,
      totalAbsDrift: Number(r.total_abs_drift),
      checkedMeasures: result.checkedMeasures ?? [],
      driftRowCount: result.driftRowCount ?? result.driftRows?.length ?? 0,
      driftRows: result.driftRows ?? [],
    };
  });
};
