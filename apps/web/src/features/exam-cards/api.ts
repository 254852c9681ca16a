/**
 * 个案卡查询 and 逐级审核: the cards API, and the national code tables and region names the screens show
 * (from the catalogues and regions APIs, cached for the session: they do not change while it runs).
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, type PageResult, type Query } from '../../shared/api';
import { currentLang, i18n } from '../../shared/i18n';
import type {
  ExamCardDetail,
  ExamCardReviewInput,
  ExamCardReviewResult,
  ExamCardSummary,
  ImportBatch,
  ImportReport,
  Region,
} from '../../shared/types';
import { catalogueEntries, type Entry } from '../catalogues/api';

export const listExamCards = (q: Query) => api.get<PageResult<ExamCardSummary>>('/exam-cards', q);
export const getExamCard = (id: number) => api.get<ExamCardDetail>(`/exam-cards/${id}`);
export const reviewExamCards = (body: ExamCardReviewInput) =>
  api.post<ExamCardReviewResult>('/exam-cards/reviews', body);

/** The react-query keys of this feature: one prefix, so a review refreshes every card query at once. */
export const CARDS_KEY = 'exam-cards';

/** The catalogues the screens name codes from (GET /api/v1/catalogues lists them). */
export const CATALOGUE = {
  auditStatuses: 'cdc2021-audit-statuses',
  conclusions: 'cdc2021-exam-conclusions',
  examTypes: 'cdc2021-exam-types',
  monitoringTypes: 'cdc2021-monitoring-types',
  hazardFactors: 'cdc2021-hazard-factors',
  workTypes: 'cdc2021-work-types',
  diseases: 'cdc2021-diseases',
  sexes: 'cdc2021-sexes',
  idTypes: 'cdc2021-id-document-types',
  abnormalFlags: 'cdc2021-abnormal-flags',
  enterpriseSizes: 'cdc2021-enterprise-sizes',
  economicTypes: 'economic-types',
  industries: 'industries',
} as const;

const PAGE = 200;

/** Every entry of a catalogue (a few pages of 200 at most: hazard factors have 602). */
const allEntries = async (id: string): Promise<Entry[]> => {
  const first = await catalogueEntries(id, { page: 1, pageSize: PAGE });
  const pages = Math.ceil(first.total / PAGE);
  const rest = await Promise.all(
    Array.from({ length: Math.max(pages - 1, 0) }, (_, i) =>
      catalogueEntries(id, { page: i + 2, pageSize: PAGE }).then((r) => r.data),
    ),
  );
  return [first.data, ...rest].flat();
};

/** An entry's name in the UI language; the national tables without English names keep the Chinese one. */
export const entryName = (e: Entry | undefined): string | undefined => {
  if (!e) return undefined;
  const zh = typeof e.name === 'string' ? e.name : typeof e.nameZh === 'string' ? e.nameZh : undefined;
  const en = typeof e.nameEn === 'string' && e.nameEn ? e.nameEn : undefined;
  return currentLang() === 'en' ? (en ?? zh) : zh;
};

export type CodeNames = {
  /** The entries in the catalogue's order. */
  entries: Entry[];
  /** The language the names are in. */
  lang: string;
  /** The code's name in the UI language, or the code itself while loading or when unknown. */
  name: (code: string | null | undefined) => string;
  /** Whether the catalogue knows the code (else the screens show the bare code). */
  has: (code: string) => boolean;
};

/** A whole (small or medium) catalogue, code → name. */
export const useCodeNames = (id: string, enabled = true): CodeNames => {
  const q = useQuery({
    queryKey: ['catalogue-all', id],
    queryFn: () => allEntries(id),
    staleTime: Infinity,
    gcTime: Infinity,
    enabled,
  });
  // The names follow the UI language (entryName reads it).
  const lang = currentLang();
  return useMemo(() => {
    const entries = q.data ?? [];
    const byCode = new Map(entries.map((e) => [String(e.code), e]));
    return {
      entries,
      lang,
      name: (code) => (code ? (entryName(byCode.get(code)) ?? code) : ''),
      has: (code) => byCode.has(code),
    };
  }, [q.data, lang]);
};

/**
 * One entry of a large catalogue (4,684 work types, 1,971 industries), looked up by its code through the
 * catalogue's search; undefined while loading or when the code is not in the catalogue.
 */
export const useCodeEntry = (id: string, code: string | null | undefined) => {
  const q = useQuery({
    queryKey: ['catalogue-code', id, code],
    queryFn: async () => {
      const res = await catalogueEntries(id, { q: code!, pageSize: PAGE });
      return res.data.find((e) => String(e.code) === code) ?? null;
    },
    staleTime: Infinity,
    gcTime: Infinity,
    enabled: !!code,
  });
  return q.data ?? undefined;
};

/** Region names by code (the cards name their employer's county), each asked once per session. */
export const useRegionNames = (codes: readonly string[]) => {
  const unique = [...new Set(codes.filter(Boolean))].sort();
  const results = useQueries({
    queries: unique.map((code) => ({
      queryKey: ['region', code],
      queryFn: () => api.get<{ data: Region; path: Region[] }>(`/regions/${code}`),
      staleTime: Infinity,
      gcTime: Infinity,
    })),
  });
  const byCode = new Map<string, Region>();
  results.forEach((r, i) => {
    if (r.data) byCode.set(unique[i]!, r.data.data);
  });
  return {
    /** The region's own name (南关区), or the code until it is known. */
    name: (code: string) => byCode.get(code)?.name ?? code,
    /** From the province down (吉林省 长春市 南关区). */
    path: (code: string) => byCode.get(code)?.pathName ?? code,
  };
};

// ---- 上报个案卡: an exam institution's spreadsheet upload (exam_reports:submit) ----

/** The template (xlsx with the national code tables as dropdowns and an example card). */
export const downloadCardTemplate = () =>
  api.download('/exam-reports/import/template', undefined, i18n.t('files.examCardTemplate'));
/** The rows of the cards an upload rejected, with the reason column. */
export const downloadCardImportErrors = (batchId: string | number) =>
  api.download(
    `/exam-reports/import/${batchId}/errors`,
    undefined,
    i18n.t('files.examCardErrors', { batch: batchId }),
  );
/** The report when done within the server's wait (200), else the batch to follow (202). */
export const importExamCards = (file: File, dryRun: boolean) => {
  const fd = new FormData();
  fd.append('file', file);
  return api.upload<ImportReport | ImportBatch>('/exam-reports/import', fd, { dryRun });
};

// ---- 导出国家交换文件: the province-approved (07) cards of a period (exam_reports:export) ----

export const downloadNationalXml = (from: string, to: string) =>
  api.download('/exam-cards/national-xml', { from, to }, i18n.t('files.nationalXml', { from, to }));
