/**
 * 个案卡抽查 — the draws made in the user's area (a regulator's region, the QC centre's province),
 * newest first, with their parameters, seed and progress; 新建抽查 opens the draw dialog and then the
 * new draw. A draw's page lists its cards with 一致 / 不一致 and the per-institution summary.
 */
import { PlusOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import type { ExamSampleSummary } from '@ohp/contracts';
import { App, Button, Progress, Segmented, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { reportError } from '../../shared/errors';
import { fmtDate, fmtDateTime } from '../../shared/format';
import { listSamples, pct } from './api';
import { DrawModal } from './DrawModal';
import { Ellipsis } from '../../shared/Ellipsis';

type Status = 'all' | 'in_progress' | 'completed';

export const sampleTitle = (
  t: (k: string, o?: Record<string, unknown>) => string,
  s: { id: number; title: string | null },
) => s.title ?? t('sampling.untitled', { id: s.id });

export const ExamSamplingPage = () => {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const action = useRef<ActionType>();
  const [status, setStatus] = useState<Status>('all');
  const [drawing, setDrawing] = useState(false);

  const columns: ProColumns<ExamSampleSummary>[] = [
    { title: t('sampling.id'), dataIndex: 'id', width: 56 },
    {
      title: t('sampling.name'),
      dataIndex: 'title',
      width: 250,
      render: (_, s) => (
        <div style={{ lineHeight: '20px' }}>
          <Link to={`/exam-samples/${s.id}`} data-testid="sample-link">
            {sampleTitle(t, s)}
          </Link>
          <div>
            <Tag bordered={false} style={{ marginTop: 4 }}>
              {t('sampling.perInstitutionShort', { n: s.perInstitution })}
            </Tag>
            {s.reviewedOnly ? (
              <Tag bordered={false} color="blue">
                {t('sampling.reviewedOnlyTag')}
              </Tag>
            ) : null}
          </div>
        </div>
      ),
    },
    {
      title: t('sampling.period'),
      key: 'period',
      width: 180,
      render: (_, s) => `${fmtDate(s.from)} ~ ${fmtDate(s.to)}`,
    },
    {
      title: t('sampling.drawnBy'),
      key: 'drawnBy',
      width: 190,
      render: (_, s) => (
        <div style={{ lineHeight: '20px' }}>
          <Ellipsis tip={s.organisationName} width={174} />
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {s.drawnBy} · {fmtDateTime(s.drawnAt)}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('sampling.seed'),
      dataIndex: 'seed',
      width: 150,
      render: (_, s) => (
        <Typography.Text code copyable={{ text: s.seed }} style={{ fontSize: 12 }}>
          {s.seed}
        </Typography.Text>
      ),
    },
    {
      title: t('sampling.progress'),
      key: 'progress',
      width: 140,
      render: (_, s) => (
        <div data-testid="sample-progress">
          <Progress
            percent={s.drawn ? Math.round((s.checked / s.drawn) * 100) : 0}
            size="small"
            format={() => `${s.checked}/${s.drawn}`}
            status={s.status === 'completed' ? 'success' : 'active'}
          />
        </div>
      ),
    },
    {
      title: t('sampling.mismatchRate'),
      key: 'rate',
      width: 90,
      render: (_, s) => (
        <Typography.Text type={s.mismatched ? 'danger' : undefined} strong={!!s.mismatched}>
          {pct(s.mismatchRate)}
        </Typography.Text>
      ),
    },
    {
      title: t('sampling.status'),
      dataIndex: 'status',
      width: 84,
      render: (_, s) => (
        <Tag color={s.status === 'completed' ? 'green' : 'processing'} data-testid="sample-status">
          {t(`sampling.statuses.${s.status}`)}
        </Tag>
      ),
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: 64,
      fixed: 'right',
      render: (_, s) => <Link to={`/exam-samples/${s.id}`}>{t('sampling.open')}</Link>,
    },
  ];

  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 960 }}>
        {t('sampling.intro')}
      </Typography.Paragraph>
      <ProTable<ExamSampleSummary>
        key={i18n.language}
        rowKey="id"
        actionRef={action}
        columns={columns}
        search={false}
        params={{ status }}
        scroll={{ x: 1204 }}
        headerTitle={t('sampling.title')}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        toolBarRender={() => [
          <Segmented<Status>
            key="status"
            value={status}
            onChange={(v) => setStatus(v)}
            options={[
              { value: 'all', label: t('common.all') },
              { value: 'in_progress', label: t('sampling.statuses.in_progress') },
              { value: 'completed', label: t('sampling.statuses.completed') },
            ]}
          />,
          <Button
            key="new"
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDrawing(true)}
            data-testid="sample-new"
          >
            {t('sampling.newDraw')}
          </Button>,
        ]}
        request={async (p) => {
          try {
            const res = await listSamples({
              status: status === 'all' ? undefined : status,
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
      <DrawModal
        open={drawing}
        onClose={() => setDrawing(false)}
        onDrawn={(s) => {
          setDrawing(false);
          navigate(`/exam-samples/${s.id}`);
        }}
      />
    </PageContainer>
  );
};
