/**
 * 劳动者档案 — the workers in the user's scope (a regulator its region's, an exam institution those it
 * examined; for an employer 本单位劳动者, its own), masked, each with their latest exam. Search by the
 * full ID number (matched by keyed hash on the server), filter by employer, institution, suspected
 * disease / contraindication and the latest exam's date; 档案 opens the worker's history.
 */
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import type { WorkerSummary } from '@ohp/contracts';
import { useQuery } from '@tanstack/react-query';
import { App, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import type { Query } from '../../shared/api';
import { reportError } from '../../shared/errors';
import { fmtDate } from '../../shared/format';
import { useListTotal } from '../../shared/ListTotal';
import { ConclusionTag, useCardCodes } from '../exam-cards/codes';
import { listOrganisations } from '../organisations/api';
import { listWorkers } from './api';
import { WorkerDrawer } from './WorkerDrawer';
import { cutCell } from '../../shared/Ellipsis';

type Filters = {
  idNumber?: string;
  employerCreditCode?: string;
  institutionId?: number;
  hasSuspected?: 'true' | 'false';
  hasContraindication?: 'true' | 'false';
  latestExam?: [string, string];
};

const WIDTH = {
  worker: 150,
  id: 170,
  exam: 110,
  conclusions: 130,
  employer: 200,
  institution: 150,
  count: 76,
  flags: 120,
  actions: 64,
};

export const WorkersPage = () => {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const { message } = App.useApp();
  const action = useRef<ActionType>();
  const listTotal = useListTotal(action);
  const codes = useCardCodes();
  const [viewing, setViewing] = useState<number | null>(null);
  const kind = me?.organisation.kind;
  const employer = kind === 'employer';
  const institution = kind === 'exam_institution';
  const institutions = useQuery({
    queryKey: ['organisations', 'exam_institution', 'options'],
    queryFn: () => listOrganisations({ kind: 'exam_institution', pageSize: 200 }),
    enabled: !institution,
    staleTime: 5 * 60_000,
  });
  const yesNo = [
    { value: 'true', label: t('workers.yes') },
    { value: 'false', label: t('workers.no') },
  ];

  const columns: ProColumns<WorkerSummary>[] = [
    // ---- the query form ----
    {
      title: t('workers.idNumber'),
      dataIndex: 'idNumber',
      hideInTable: true,
      fieldProps: {
        placeholder: t('workers.idNumberPlaceholder'),
        'data-testid': 'workers-id',
        allowClear: true,
      },
    },
    {
      title: t('workers.employerCreditCode'),
      dataIndex: 'employerCreditCode',
      hideInTable: true,
      hideInSearch: employer,
      fieldProps: { placeholder: t('workers.employerCreditCodePlaceholder'), maxLength: 18 },
    },
    {
      title: t('workers.institution'),
      dataIndex: 'institutionId',
      valueType: 'select',
      hideInTable: true,
      hideInSearch: institution,
      fieldProps: {
        showSearch: true,
        optionFilterProp: 'label',
        options: (institutions.data?.data ?? []).map((o) => ({ value: o.id, label: o.name })),
      },
    },
    {
      title: t('workers.hasSuspected'),
      dataIndex: 'hasSuspected',
      valueType: 'select',
      hideInTable: true,
      fieldProps: { options: yesNo },
    },
    {
      title: t('workers.hasContraindication'),
      dataIndex: 'hasContraindication',
      valueType: 'select',
      hideInTable: true,
      fieldProps: { options: yesNo },
    },
    { title: t('workers.latestExam'), dataIndex: 'latestExam', valueType: 'dateRange', hideInTable: true },
    // ---- the table ----
    {
      title: t('workers.worker'),
      dataIndex: 'name',
      key: 'col-name',
      width: WIDTH.worker,
      search: false,
      render: (_, r) => (
        <div style={{ lineHeight: '20px', whiteSpace: 'nowrap' }} data-testid="worker-row-name">
          <a onClick={() => setViewing(r.id)}>{r.name}</a>{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {codes.sexes.name(r.genderCode)}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('workers.birthYear', { year: r.birthYear })}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('workers.idNumber'),
      dataIndex: 'idNumber',
      key: 'col-id',
      width: WIDTH.id,
      search: false,
      render: (_, r) => (
        <span style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }} data-testid="worker-row-id">
          {r.idNumber}
        </span>
      ),
    },
    {
      title: t('workers.latestExamCol'),
      dataIndex: 'latestExamDate',
      key: 'col-exam',
      width: WIDTH.exam,
      search: false,
      render: (_, r) => (
        <div style={{ lineHeight: '20px', whiteSpace: 'nowrap' }}>
          <div>{fmtDate(r.latestExamDate)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {codes.examTypes.name(r.latestExamTypeCode)}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('workers.latestConclusion'),
      dataIndex: 'latestConclusionCodes',
      key: 'col-conclusions',
      width: WIDTH.conclusions,
      search: false,
      render: (_, r) => (
        <div>
          {r.latestConclusionCodes.map((c) => (
            <ConclusionTag key={c} code={c} names={codes.conclusions} />
          ))}
        </div>
      ),
    },
    {
      title: t('workers.employer'),
      dataIndex: 'employerName',
      key: 'col-employer',
      width: WIDTH.employer,
      search: false,
      hideInTable: employer,
      ...cutCell('employerName'),
    },
    {
      title: t('workers.institution'),
      dataIndex: 'institutionName',
      key: 'col-institution',
      width: WIDTH.institution,
      search: false,
      hideInTable: institution,
      ...cutCell('institutionName'),
    },
    {
      title: t('workers.examCount'),
      dataIndex: 'examCount',
      key: 'col-count',
      width: WIDTH.count,
      search: false,
      align: 'right',
      render: (_, r) => t('workers.examCountValue', { count: r.examCount }),
    },
    {
      title: t('workers.flags'),
      key: 'col-flags',
      width: WIDTH.flags,
      search: false,
      render: (_, r) => (
        <>
          {r.hasSuspected ? <Tag color="red">{t('workers.hasSuspected')}</Tag> : null}
          {r.hasContraindication ? <Tag color="orange">{t('workers.hasContraindication')}</Tag> : null}
        </>
      ),
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: WIDTH.actions,
      fixed: 'right',
      render: (_, r) => [
        <a key="view" onClick={() => setViewing(r.id)} data-testid="worker-view">
          {t('workers.view')}
        </a>,
      ],
    },
  ];

  const tableWidth =
    Object.values(WIDTH).reduce((a, b) => a + b, 0) -
    (employer ? WIDTH.employer : 0) -
    (institution ? WIDTH.institution : 0);

  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <ProTable<WorkerSummary, Filters>
        key={i18n.language}
        rowKey="id"
        actionRef={action}
        columns={columns}
        headerTitle={
          // The page's title is the menu's (劳动者档案); an employer reads its list as 本单位劳动者.
          <div data-testid="workers-title">
            {employer ? (
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t('workers.titleEmployer')}
              </Typography.Title>
            ) : null}
            <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }}>
              {t(employer ? 'workers.subtitleEmployer' : 'workers.subtitle')}
            </Typography.Text>
          </div>
        }
        scroll={{ x: tableWidth }}
        search={{
          labelWidth: 'auto',
          defaultCollapsed: false,
          span: { xs: 24, sm: 24, md: 12, lg: 12, xl: 8, xxl: 6 },
        }}
        form={{ syncToUrl: false }}
        locale={{ emptyText: t('workers.empty') }}
        pagination={{
          defaultPageSize: 20,
          showSizeChanger: true,
          showQuickJumper: true,
          showTotal: listTotal.showTotal,
        }}
        request={async (p) => {
          const query: Query = {
            idNumber: p.idNumber?.trim(),
            employerCreditCode: p.employerCreditCode?.trim(),
            institutionId: p.institutionId,
            hasSuspected: p.hasSuspected,
            hasContraindication: p.hasContraindication,
            from: p.latestExam?.[0]?.slice(0, 10),
            to: p.latestExam?.[1]?.slice(0, 10),
          };
          try {
            const res = await listWorkers({
              ...query,
              ...listTotal.param(query),
              page: p.current ?? 1,
              pageSize: p.pageSize ?? 20,
            });
            listTotal.seen(res);
            return { data: res.data, total: res.total, success: true };
          } catch (e) {
            reportError(message, e);
            return { data: [], total: 0, success: false };
          }
        }}
      />
      <WorkerDrawer id={viewing} onClose={() => setViewing(null)} />
    </PageContainer>
  );
};
