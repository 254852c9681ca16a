/**
 * 现场核查 — the list: the QC centre and the commissions see their region's verifications (open ones
 * first, by due date, 超期 in red), an institution its own (read-only). 核查 / 查看 opens the detail page
 * with the checklist.
 */
import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { verificationStatuses, type VerificationSummary } from '@ohp/contracts';
import { Alert, Space, Switch, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import type { Query } from '../../shared/api';
import { useRegionNames } from '../exam-cards/api';
import { STATUS_COLOURS, listVerifications } from './api';

export const DueTag = ({ dueOn, overdueDays }: { dueOn: string; overdueDays: number }) => {
  const { t } = useTranslation();
  return (
    <Tag color={overdueDays > 0 ? 'red' : 'blue'}>
      {dueOn}
      {overdueDays > 0 ? ` · ${t('verifications.overdue', { n: overdueDays })}` : ''}
    </Tag>
  );
};

export const StatusTag = ({ v }: { v: Pick<VerificationSummary, 'status' | 'result'> }) => {
  const { t } = useTranslation();
  return (
    <Space size={4}>
      <Tag color={STATUS_COLOURS[v.status]}>{t(`verifications.statuses.${v.status}`)}</Tag>
      {v.result && (
        <Tag color={v.result === 'passed' ? 'green' : 'red'}>{t(`verifications.results.${v.result}`)}</Tag>
      )}
    </Space>
  );
};

export const VerificationsPage = () => {
  const { t } = useTranslation();
  const { can } = useAuth();
  const manager = can('verifications:manage');
  const [overdue, setOverdue] = useState(false);
  const [regions, setRegions] = useState<string[]>([]);
  const regionNames = useRegionNames(regions);
  const columns: ProColumns<VerificationSummary>[] = [
    { title: t('verifications.institution'), dataIndex: 'institutionName', hideInSearch: true, width: 240 },
    { title: t('verifications.qPlaceholder'), dataIndex: 'q', hideInTable: true },
    {
      title: t('verifications.filingKind'),
      dataIndex: 'filingKind',
      hideInSearch: true,
      width: 130,
      render: (_, r) => t(`verifications.kinds.${r.filingKind}`),
    },
    {
      title: t('verifications.region'),
      dataIndex: 'regionCode',
      hideInSearch: true,
      width: 170,
      render: (_, r) => regionNames.path(r.regionCode),
    },
    { title: t('verifications.filingNo'), dataIndex: 'filingNo', hideInSearch: true, width: 140 },
    { title: t('verifications.filedOn'), dataIndex: 'filedOn', hideInSearch: true, width: 105 },
    {
      title: t('verifications.dueOn'),
      dataIndex: 'dueOn',
      hideInSearch: true,
      width: 170,
      render: (_, r) =>
        r.status === 'completed' ? r.dueOn : <DueTag dueOn={r.dueOn} overdueDays={r.overdueDays} />,
    },
    {
      title: t('verifications.scheduledOn'),
      dataIndex: 'scheduledOn',
      hideInSearch: true,
      width: 105,
      render: (_, r) => r.scheduledOn ?? '—',
    },
    {
      title: t('verifications.status'),
      dataIndex: 'status',
      width: 150,
      valueType: 'select',
      valueEnum: Object.fromEntries(
        verificationStatuses.map((s) => [s, { text: t(`verifications.statuses.${s}`) }]),
      ),
      render: (_, r) => <StatusTag v={r} />,
    },
    {
      title: t('verifications.failedFactors'),
      dataIndex: 'failedFactors',
      hideInSearch: true,
      width: 110,
      render: (_, r) => (r.failedFactors ? <Tag color="red">{r.failedFactors}</Tag> : '—'),
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: 80,
      render: (_, r) => [
        <Link key="d" to={`/verifications/${r.id}`} data-testid={`verification-open-${r.id}`}>
          {r.abilities.record ? t('verifications.open') : t('verifications.view')}
        </Link>,
      ],
    },
  ];
  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <Alert
        type="info"
        showIcon
        message={manager ? t('verifications.intro') : t('verifications.institutionIntro')}
        style={{ marginBottom: 12 }}
      />
      <ProTable<VerificationSummary>
        rowKey="id"
        columns={columns}
        search={{ labelWidth: 'auto' }}
        params={{ overdue }}
        toolBarRender={() => [
          <Space key="o">
            <Switch checked={overdue} onChange={setOverdue} data-testid="verification-overdue" />
            {t('verifications.overdueOnly')}
          </Space>,
        ]}
        request={async (params) => {
          const q: Query = {
            page: params.current,
            pageSize: params.pageSize,
            status: params.status as string | undefined,
            q: params.q as string | undefined,
            overdue: overdue || undefined,
          };
          const r = await listVerifications(q);
          setRegions([...new Set(r.data.map((x) => x.regionCode))]);
          return { data: r.data, total: r.total, success: true };
        }}
        pagination={{ defaultPageSize: 20 }}
        locale={{ emptyText: t('verifications.none') }}
      />
    </PageContainer>
  );
};
