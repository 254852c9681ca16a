/**
 * 用人单位库 — the employer base database in the user's scope: filters (region, risk class, flags,
 * status, size, name or credit code), the export, risk class tags and flags; 查看 opens the record. An
 * employer opening the list is taken to its own record.
 */
import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import {
  employerProgrammeStatuses,
  employerRiskClasses,
  enterpriseSizes,
  type EmployerSummary,
} from '@ohp/contracts';
import { Alert, App, Button, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import type { Query } from '../../shared/api';
import { reportError } from '../../shared/errors';
import { RegionPicker } from '../../shared/RegionPicker';
import { PROGRAMME_COLOURS, RISK_COLOURS, exportEmployers, listEmployers, riskKeyOf } from './api';
import { cutCell } from '../../shared/Ellipsis';

export const RiskTag = ({ riskClass }: { riskClass: string | null }) => {
  const { t } = useTranslation();
  return riskClass ? (
    <Tag color={RISK_COLOURS[riskClass]}>{t(`employers.risk.${riskKeyOf(riskClass)}`)}</Tag>
  ) : (
    <Tag>{t('employers.unlisted')}</Tag>
  );
};

export const EmployerFlags = ({
  e,
}: {
  e: Pick<EmployerSummary, 'severeIndustry' | 'tenPlus' | 'industrial'>;
}) => {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap>
      {e.severeIndustry && <Tag color="red">{t('employers.severe')}</Tag>}
      {e.tenPlus && <Tag color="blue">{t('employers.tenPlus')}</Tag>}
      {e.industrial && <Tag color="geekblue">{t('employers.industrial')}</Tag>}
    </Space>
  );
};

type Flag = 'yes' | 'no' | undefined;
const flagValue = (f: Flag) => (f === undefined ? undefined : f === 'yes');

export const EmployersPage = () => {
  const { t } = useTranslation();
  const { me } = useAuth();
  const { message } = App.useApp();
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [severe, setSevere] = useState<Flag>();
  const [tenPlus, setTenPlus] = useState<Flag>();
  const [industrial, setIndustrial] = useState<Flag>();
  const [last, setLast] = useState<Query>({});
  if (me?.organisation?.kind === 'employer')
    return <Navigate to={`/employers/${me.organisation.id}`} replace />;

  const flagSelect = (label: string, value: Flag, onChange: (f: Flag) => void, testId: string) => (
    <Space size={4}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <Select<Flag>
        value={value}
        onChange={onChange}
        allowClear
        placeholder={t('employers.flagAny')}
        style={{ width: 90 }}
        data-testid={testId}
        options={[
          { value: 'yes', label: t('employers.yes') },
          { value: 'no', label: t('employers.no') },
        ]}
      />
    </Space>
  );

  const columns: ProColumns<EmployerSummary>[] = [
    { title: t('employers.q'), dataIndex: 'q', hideInTable: true },
    {
      title: t('employers.name'),
      dataIndex: 'name',
      hideInSearch: true,
      width: 260,
      render: (_, r) => (
        <>
          <Link to={`/employers/${r.id}`} data-testid={`employer-open-${r.id}`}>
            {r.name}
          </Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.creditCode ?? '—'} · {r.regionName}
            </Typography.Text>
          </div>
        </>
      ),
    },
    {
      title: t('employers.industry'),
      dataIndex: 'industryName',
      hideInSearch: true,
      width: 180,
      ...cutCell('industryName'),
      render: (_, r) => (r.industryCode ? `${r.industryCode} ${r.industryName ?? ''}` : '—'),
    },
    {
      title: t('employers.riskClass'),
      dataIndex: 'riskClass',
      width: 100,
      valueType: 'select',
      valueEnum: Object.fromEntries(
        employerRiskClasses.map((c) => [c, { text: t(`employers.risk.${riskKeyOf(c)}`) }]),
      ),
      render: (_, r) => <RiskTag riskClass={r.riskClass} />,
    },
    {
      title: t('employers.flags'),
      dataIndex: 'flags',
      hideInSearch: true,
      width: 200,
      render: (_, r) => <EmployerFlags e={r} />,
    },
    {
      title: t('employers.employees'),
      dataIndex: 'employees',
      hideInSearch: true,
      width: 90,
      render: (_, r) => r.employees ?? '—',
    },
    {
      title: t('employers.size'),
      dataIndex: 'enterpriseSize',
      width: 90,
      valueType: 'select',
      valueEnum: Object.fromEntries(enterpriseSizes.map((s) => [s, { text: t(`employers.sizes.${s}`) }])),
      render: (_, r) => (r.enterpriseSize ? t(`employers.sizes.${r.enterpriseSize}`) : '—'),
    },
    {
      title: t('employers.programmeStatus'),
      dataIndex: 'programmeStatus',
      width: 110,
      valueType: 'select',
      valueEnum: Object.fromEntries(
        employerProgrammeStatuses.map((s) => [s, { text: t(`employers.statuses.${s}`) }]),
      ),
      render: (_, r) => (
        <Tag color={PROGRAMME_COLOURS[r.programmeStatus]}>{t(`employers.statuses.${r.programmeStatus}`)}</Tag>
      ),
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: 70,
      render: (_, r) => [
        <Link key="o" to={`/employers/${r.id}`}>
          {t('employers.open')}
        </Link>,
      ],
    },
  ];

  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <Alert type="info" showIcon message={t('employers.listIntro')} style={{ marginBottom: 16 }} />
      <ProTable<EmployerSummary>
        rowKey="id"
        columns={columns}
        search={{ labelWidth: 'auto' }}
        params={{ regionCode, severe, tenPlus, industrial }}
        toolBarRender={() => [
          <RegionPicker
            key="r"
            value={regionCode}
            onChange={setRegionCode}
            placeholder={t('employers.region')}
            style={{ width: 220 }}
          />,
          <Space key="f" wrap>
            {flagSelect(t('employers.severe'), severe, setSevere, 'employers-severe')}
            {flagSelect(t('employers.tenPlus'), tenPlus, setTenPlus, 'employers-ten-plus')}
            {flagSelect(t('employers.industrial'), industrial, setIndustrial, 'employers-industrial')}
          </Space>,
          <Button
            key="x"
            data-testid="employers-export"
            onClick={async () => {
              try {
                await exportEmployers(last);
                void message.success(t('employers.exported'));
              } catch (e) {
                reportError(message, e);
              }
            }}
          >
            {t('employers.export')}
          </Button>,
        ]}
        request={async (params) => {
          const filters: Query = {
            regionCode,
            riskClass: params.riskClass as string | undefined,
            severe: flagValue(severe),
            tenPlus: flagValue(tenPlus),
            industrial: flagValue(industrial),
            programmeStatus: params.programmeStatus as string | undefined,
            enterpriseSize: params.enterpriseSize as string | undefined,
            q: (params.q as string | undefined)?.trim() || undefined,
          };
          setLast(filters);
          const r = await listEmployers({ ...filters, page: params.current, pageSize: params.pageSize });
          return { data: r.data, total: r.total, success: true };
        }}
        pagination={{ defaultPageSize: 20 }}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t('employers.none') }}
      />
    </PageContainer>
  );
};

/** 本单位基础信息: the employer's own record. */
export const MyEmployerRedirect = () => {
  const { me } = useAuth();
  return me?.organisation ? <Navigate to={`/employers/${me.organisation.id}`} replace /> : null;
};
