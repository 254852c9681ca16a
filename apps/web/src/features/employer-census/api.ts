/** 用人单位数据库: lists (import with a source label), entries, review, status, follow-ups, snapshots. */
import {
  censusFollowUpClosureLabels,
  censusMatchStateLabels,
  censusSourceLabels,
  censusStatusLabels,
  type CensusAssignInput,
  type CensusEntrySummary,
  type CensusFollowUpSummary,
  type CensusListSummary,
  type CensusMergeInput,
  type CensusMergeResult,
  type CensusOutcomeInput,
  type CensusReviewInput,
  type CensusSnapshotSummary,
  type CensusSource,
  type CensusStatusInput,
} from '@ohp/contracts';
import { api, type Query } from '../../shared/api';
import { currentLang, i18n } from '../../shared/i18n';
import type { ImportBatch, ImportReport } from '../../shared/types';

export const CENSUS_KEY = 'employer-census';
type PageOf<T> = { data: T[]; total: number; totalExact?: boolean; page: number; pageSize: number };
const P = '/employer-census';

export const listCensusLists = (q: Query) => api.get<PageOf<CensusListSummary>>(`${P}/lists`, q);
export const exportCensusLists = () =>
  api.download(`${P}/lists/export`, undefined, i18n.t('census.files.lists'));
export const importCensusList = (file: File, dryRun: boolean, source: CensusSource, title?: string) => {
  const fd = new FormData();
  fd.append('file', file);
  return api.upload<ImportReport | ImportBatch>(`${P}/lists/import`, fd, {
    dryRun,
    source,
    ...(title ? { title } : {}),
  });
};
export const downloadCensusTemplate = () =>
  api.download(`${P}/lists/import/template`, undefined, i18n.t('census.files.template'));
export const downloadCensusErrors = (batchId: string | number) =>
  api.download(
    `${P}/lists/import/${batchId}/errors`,
    undefined,
    i18n.t('census.files.errors', { batch: batchId }),
  );

export const listCensusEntries = (q: Query) => api.get<PageOf<CensusEntrySummary>>(`${P}/entries`, q);
export const exportCensusEntries = (q: Query) =>
  api.download(`${P}/entries/export`, q, i18n.t('census.files.export'));
export const reviewCensusEntry = (id: number, body: CensusReviewInput) =>
  api.post<{ id: number }>(`${P}/entries/${id}/review`, body);
export const setCensusStatus = (id: number, body: CensusStatusInput) =>
  api.post<{ id: number }>(`${P}/entries/${id}/status`, body);
export const mergeCensusEntry = (id: number, body: CensusMergeInput) =>
  api.post<CensusMergeResult>(`${P}/entries/${id}/merge`, body);
export const unmergeCensusEntry = (id: number, reason: string) =>
  api.post<{ id: number }>(`${P}/entries/${id}/unmerge`, { reason });
export const unlinkCensusEntry = (id: number, reason: string) =>
  api.post<{ id: number }>(`${P}/entries/${id}/unlink`, { reason });

export const listFollowUps = (q: Query) => api.get<PageOf<CensusFollowUpSummary>>(`${P}/follow-ups`, q);
export const exportFollowUps = (q: Query) =>
  api.download(`${P}/follow-ups/export`, q, i18n.t('census.files.followUps'));
export const listAssignees = (regionCode?: string) =>
  api.get<{ data: Array<{ userId: number; name: string; organisation: string; regionCode: string }> }>(
    `${P}/follow-ups/assignees`,
    regionCode ? { regionCode } : undefined,
  );
export const assignFollowUps = (body: CensusAssignInput) =>
  api.post<{ assigned: number }>(`${P}/follow-ups`, body);
export const recordFollowUp = (id: number, body: CensusOutcomeInput) =>
  api.post<{ id: number }>(`${P}/follow-ups/${id}/outcome`, body);

export const listSnapshots = () => api.get<{ data: CensusSnapshotSummary[] }>(`${P}/snapshots`);
export const takeSnapshot = (period: string) => api.post<{ created: number }>(`${P}/snapshots`, { period });
export const downloadSnapshot = (id: number, period: string) =>
  api.download(`${P}/snapshots/${id}/download`, undefined, i18n.t('census.files.snapshot', { period }));

const pickLabel = (l: { zh: string; en: string } | undefined, fallback: string) =>
  l ? (currentLang() === 'en' ? l.en : l.zh) : fallback;
export const sourceLabel = (s: string) => pickLabel(censusSourceLabels[s as CensusSource], s);
export const statusLabel = (s: string) =>
  pickLabel(censusStatusLabels[s as keyof typeof censusStatusLabels], s);
export const matchLabel = (s: string) =>
  pickLabel(censusMatchStateLabels[s as keyof typeof censusMatchStateLabels], s);
export const outcomeLabel = (s: string) =>
  pickLabel(censusFollowUpClosureLabels[s as keyof typeof censusFollowUpClosureLabels], s);

/** Splits two names into runs the other shares (true) or not, by their longest common subsequence. */
export const nameDiff = (a: string, b: string) => {
  const x = [...a];
  const y = [...b];
  const dp: number[][] = Array.from({ length: x.length + 1 }, () =>
    Array.from({ length: y.length + 1 }, () => 0),
  );
  for (let i = x.length - 1; i >= 0; i--)
    for (let j = y.length - 1; j >= 0; j--)
      dp[i]![j] = x[i] === y[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
  const inA: boolean[] = x.map(() => false);
  const inB: boolean[] = y.map(() => false);
  for (let i = 0, j = 0; i < x.length && j < y.length;) {
    if (x[i] === y[j]) {
      inA[i++] = true;
      inB[j++] = true;
    } else if (dp[i + 1]![j]! >= dp[i]![j + 1]!) i++;
    else j++;
  }
  const runs = (cs: string[], same: boolean[]) => {
    const out: Array<{ text: string; same: boolean }> = [];
    cs.forEach((c, i) => {
      const last = out.at(-1);
      if (last && last.same === same[i]) last.text += c;
      else out.push({ text: c, same: same[i]! });
    });
    return out;
  };
  return { a: runs(x, inA), b: runs(y, inB) };
};
