/**
 * 导入任务: an upload runs as a job. The upload doors answer 200 with the report when the job finished
 * within the server's wait, else 202 with the batch; the batch is followed here until it is done or failed.
 */
import { importKindLabels, type ImportKind } from '@ohp/contracts';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, type PageResult } from '../../shared/api';
import { currentLang, i18n } from '../../shared/i18n';
import type { ImportBatch } from '../../shared/types';

export const listImports = (q: { kind?: string; page?: number; pageSize?: number }) =>
  api.get<PageResult<ImportBatch>>('/imports', q);
export const getImport = (batchId: number) => api.get<ImportBatch>(`/imports/${batchId}`);
/** The rejected rows of one of the user's uploads (xlsx; 404 when none were rejected). */
export const downloadBatchErrors = (batchId: number) =>
  api.download(`/imports/${batchId}/errors`, undefined, i18n.t('files.importErrors', { batch: batchId }));

/** A 202 answer of an upload door (the batch to follow), as opposed to a 200 report. */
export const isImportBatch = (x: unknown): x is ImportBatch =>
  typeof x === 'object' && x !== null && 'progress' in x && 'status' in x && 'createdAt' in x;

export const batchSettled = (b: ImportBatch): boolean => b.status === 'done' || b.status === 'failed';

export const importKindLabel = (kind: string): string => {
  const l = importKindLabels[kind as ImportKind] as { zh: string; en: string } | undefined;
  if (!l) return kind;
  return currentLang() === 'en' ? l.en : l.zh;
};

/** Asks for the batch about once a second until it is done or failed (or the server refuses to say). */
export const useFollowImport = (started: ImportBatch | null) => {
  const id = started?.batchId ?? null;
  const query = useQuery({
    queryKey: ['imports', id],
    queryFn: () => getImport(id as number),
    enabled: id !== null && started !== null && !batchSettled(started),
    refetchInterval: (q) => {
      const data = q.state.data;
      if (data && batchSettled(data)) return false;
      const err = q.state.error;
      if (err instanceof ApiError && err.status >= 400 && err.status < 500) return false;
      return 1000;
    },
  });
  // The answer to this upload's own batch; the 202 body until the first poll comes back.
  const batch = id === null ? null : query.data && query.data.batchId === id ? query.data : started;
  return { batch, error: query.error };
};
