/**
 * 导入任务 — the signed-in user's own uploads (organisations, standards data), newest first: status,
 * progress while the job runs, the counts once done, the reason when it failed, and the rejected rows
 * to download. The list asks again every 2 s while any upload is queued or running.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { importKinds } from '@ohp/contracts';
import { App, Button, Empty, Space, Tag, Typography } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportError } from '../../shared/errors';
import { fmtDateTime } from '../../shared/format';
import type { ImportBatch } from '../../shared/types';
import { batchSettled, downloadBatchErrors, importKindLabel, listImports } from './api';
import { batchErrorText, ImportProgress, ImportStatusTag } from './ImportProgress';
import { cutCell } from '../../shared/Ellipsis';

const POLL_MS = 2000;

/** The counts of a finished upload; standards data has neither updates nor unchanged rows. */
const Counts = ({ batch }: { batch: ImportBatch }) => {
  const { t, i18n } = useTranslation();
  const r = batch.report;
  if (!r) return <Typography.Text type="secondary">-</Typography.Text>;
  const rows: Array<[string, string, number]> = [
    ['total', t('imports.total'), r.total],
    [
      'accepted',
      // A dry run writes nothing: its valid rows are what an import would take, new or not.
      batch.kind === 'standards' || batch.dryRun ? t('imports.acceptedStandards') : t('imports.accepted'),
      r.accepted,
    ],
    ...(batch.kind === 'standards'
      ? []
      : ([
          ['updated', t('imports.updated'), r.updated],
          ['unchanged', t('imports.unchanged'), r.unchanged],
        ] as Array<[string, string, number]>)),
    ['rejected', t('imports.rejected'), r.rejected],
  ];
  return (
    <Space size={[14, 0]} wrap data-testid="import-counts">
      {rows.map(([key, label, n]) => (
        <span key={key} data-count={key} style={{ whiteSpace: 'nowrap' }}>
          <Typography.Text type="secondary">{label}</Typography.Text>{' '}
          <Typography.Text strong type={key === 'rejected' && n > 0 ? 'danger' : undefined}>
            {n.toLocaleString(i18n.language)}
          </Typography.Text>
        </span>
      ))}
    </Space>
  );
};

const Outcome = ({ batch }: { batch: ImportBatch }) => {
  switch (batch.status) {
    case 'queued':
    case 'running':
      return <ImportProgress batch={batch} compact />;
    case 'done':
      return <Counts batch={batch} />;
    case 'failed':
      return (
        <Typography.Text type="danger" data-testid="import-error-reason">
          {batchErrorText(batch)}
        </Typography.Text>
      );
  }
};

export const ImportsPage = () => {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const action = useRef<ActionType>();
  const [downloading, setDownloading] = useState<number | null>(null);
  // Stable: ProTable restarts its timer whenever this prop changes.
  const polling = useCallback(
    (data: ImportBatch[]) => (data.some((b) => !batchSettled(b)) ? POLL_MS : 0),
    [],
  );

  const download = async (batchId: number) => {
    setDownloading(batchId);
    try {
      await downloadBatchErrors(batchId);
    } catch (e) {
      reportError(message, e);
    } finally {
      setDownloading(null);
    }
  };

  const columns: ProColumns<ImportBatch>[] = [
    { title: t('imports.batch'), dataIndex: 'batchId', width: 64 },
    {
      title: t('imports.fileName'),
      dataIndex: 'fileName',
      width: 180,
      ...cutCell('fileName'),
      render: (_, r) => r.fileName ?? '-',
    },
    {
      title: t('imports.kind'),
      dataIndex: 'kind',
      width: 140,
      filters: importKinds.map((k) => ({ text: importKindLabel(k), value: k })),
      filterMultiple: false,
      render: (_, r) => (
        <Space size={4} wrap>
          <span>{importKindLabel(r.kind)}</span>
          {r.dryRun ? (
            <Tag color="purple" data-testid="import-dryrun-tag">
              {t('imports.dryRun')}
            </Tag>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('imports.status'),
      dataIndex: 'status',
      width: 84,
      render: (_, r) => <ImportStatusTag status={r.status} />,
    },
    {
      title: t('imports.result'),
      key: 'result',
      width: 320,
      render: (_, r) => <Outcome batch={r} />,
    },
    {
      // Uploaded and finished, one above the other: the list fits a 1440 px screen without scrolling.
      title: t('imports.times'),
      dataIndex: 'createdAt',
      width: 210,
      render: (_, r) => (
        <div style={{ whiteSpace: 'nowrap', fontSize: 12, lineHeight: '20px' }}>
          <div>
            <Typography.Text type="secondary">{t('imports.createdAt')}</Typography.Text>{' '}
            {fmtDateTime(r.createdAt)}
          </div>
          <div>
            <Typography.Text type="secondary">{t('imports.finishedAt')}</Typography.Text>{' '}
            {fmtDateTime(r.finishedAt)}
          </div>
        </div>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 140,
      fixed: 'right',
      render: (_, r) =>
        r.report?.errorFileId ? (
          <Button
            type="link"
            size="small"
            icon={<DownloadOutlined />}
            loading={downloading === r.batchId}
            onClick={() => void download(r.batchId)}
            title={t('imports.errorFileHint')}
            style={{ paddingInline: 0 }}
            data-testid="import-error-file"
          >
            {t('imports.errorFile')}
          </Button>
        ) : null,
    },
  ];

  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <ProTable<ImportBatch>
        key={i18n.language}
        rowKey="batchId"
        actionRef={action}
        headerTitle={t('imports.title')}
        tooltip={t('imports.hint')}
        columns={columns}
        search={false}
        scroll={{ x: 1138 }}
        polling={polling}
        pagination={{
          defaultPageSize: 20,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total: total.toLocaleString(i18n.language) }),
        }}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={
                <span data-testid="imports-empty">
                  {t('imports.empty')}
                  <br />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('imports.emptyHint')}
                  </Typography.Text>
                </span>
              }
            />
          ),
        }}
        request={async (p, _sort, filter) => {
          const kind = filter.kind?.[0];
          try {
            const res = await listImports({
              kind: typeof kind === 'string' ? kind : undefined,
              page: p.current ?? 1,
              pageSize: p.pageSize ?? 20,
            });
            return { data: res.data, total: res.total, success: true };
          } catch (e) {
            reportError(message, e);
            return { data: [], total: 0, success: false };
          }
        }}
      />
    </PageContainer>
  );
};
