/**
 * How an upload that runs as a job is shown: its status tag, its progress (phase, rows done of total),
 * the note that it goes on in the background, and why it failed.
 */
import { reasonMessages } from '@ohp/contracts';
import { Alert, Progress, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../shared/api';
import { errorMessage } from '../../shared/errors';
import { reasonText } from '../../shared/messages';
import type { ImportBatch, ImportBatchStatus } from '../../shared/types';

const PHASES = ['queued', 'stage', 'process', 'done'] as const;
const STATUS_COLOR: Record<ImportBatchStatus, string> = {
  queued: 'default',
  running: 'processing',
  done: 'success',
  failed: 'error',
};

export const ImportStatusTag = ({ status }: { status: ImportBatchStatus }) => {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status]} data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`imports.statuses.${status}`)}
    </Tag>
  );
};

/** Why a batch failed, in the UI language when the reason is a known one. */
export const batchErrorText = (b: ImportBatch): string => {
  if (!b.error) return '';
  return b.error.reason in reasonMessages ? reasonText(b.error.reason) : b.error.message;
};

/** The phase (读取文件 / 校验并写入 / 完成) with rows done of total, and a bar. */
export const ImportProgress = ({ batch, compact = false }: { batch: ImportBatch; compact?: boolean }) => {
  const { t, i18n } = useTranslation();
  const n = (v: number) => v.toLocaleString(i18n.language);
  const { phase, done, total } = batch.progress;
  const finished = batch.status === 'done';
  const label = (PHASES as readonly string[]).includes(phase)
    ? t(`imports.phases.${phase}`)
    : t(`imports.statuses.${batch.status}`);
  const count =
    total !== null
      ? t('imports.rowsOf', { done: n(done), total: n(total) })
      : phase === 'stage'
        ? t('imports.rowsRead', { done: n(done) })
        : null;
  const percent = finished ? 100 : total ? Math.min(100, Math.floor((done * 100) / total)) : 0;
  return (
    <div data-testid="import-progress" data-phase={phase} style={compact ? { minWidth: 180 } : undefined}>
      <Space size={8} wrap>
        <Typography.Text strong={!compact} style={compact ? { fontSize: 12 } : undefined}>
          {label}
        </Typography.Text>
        {count ? (
          <Typography.Text type="secondary" style={compact ? { fontSize: 12 } : undefined}>
            {count}
          </Typography.Text>
        ) : null}
      </Space>
      <Progress
        percent={percent}
        size={compact ? 'small' : 'default'}
        status={batch.status === 'failed' ? 'exception' : finished ? 'success' : 'active'}
        style={{ marginBottom: 0 }}
      />
    </div>
  );
};

/**
 * An upload the server is still working on: its progress, and that closing the dialog does not stop it
 * (the 导入任务 page follows it). `pollError`: the last attempt to ask for the progress failed.
 */
export const ImportRunning = ({ batch, pollError }: { batch: ImportBatch; pollError: unknown }) => {
  const { t } = useTranslation();
  // A 4xx is final (the polling has stopped); anything else is retried.
  const final = pollError instanceof ApiError && pollError.status >= 400 && pollError.status < 500;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="import-running">
      <ImportProgress batch={batch} />
      {pollError ? (
        <Alert
          type={final ? 'error' : 'warning'}
          showIcon
          message={final ? errorMessage(pollError) : t('imports.pollFailed')}
        />
      ) : null}
      <Alert
        type="info"
        showIcon
        message={t('imports.uploaded')}
        description={
          <>
            {t('imports.background')}{' '}
            <Link to="/imports" data-testid="import-goto-list">
              {t('imports.goToList')}
            </Link>
          </>
        }
      />
    </Space>
  );
};

export const ImportFailed = ({ batch }: { batch: ImportBatch }) => {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      message={t('imports.failed')}
      description={batchErrorText(batch)}
      data-testid="import-failed"
    />
  );
};
