/**
 * 职业病诊断报告 — the reports in the user's scope: a regulator its region's (by the employer's county),
 * a diagnosis institution its own, an employer its workers'. Filters: conclusion, disease category and
 * disease, stage, diagnosis period, region, report number / employer. Each row shows the diagnosis with
 * its stage, the report date with 迟报 N 天 when it came after the due date, and the suspected case it
 * resolved; 详情 opens the drawer. A diagnosis institution files reports here (新增诊断报告).
 */
import { PlusOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDashboardFilter } from '../../shared/dashboard-filter';
import { pneumoconiosisStages } from '../../shared/i18n-exam-cards';
import { useAuth } from '../../app/auth';
import type { Query } from '../../shared/api';
import { reportError } from '../../shared/errors';
import { fmtDate } from '../../shared/format';
import { useListTotal } from '../../shared/ListTotal';
import { RegionPicker } from '../../shared/RegionPicker';
import { CATALOGUE, useCodeNames, useRegionNames } from '../exam-cards/api';
import { regionRootOf } from '../exam-cards/ExamCardsPage';
import { stageName } from '../suspected-cases/CaseEventModal';
import { listDiagnosisReports, REPORTS_KEY, type DiagnosisReportSummary } from './api';
import { ConclusionTag, DiagnosisReportDetail, LateTag } from './DiagnosisReportDetail';
import { DiagnosisReportForm } from './DiagnosisReportForm';
import { cutCell, Ellipsis } from '../../shared/Ellipsis';

type Filters = {
  q?: string;
  conclusion?: string;
  diseaseCategory?: string;
  diseaseCode?: string;
  stage?: string;
  period?: [string, string];
  regionCode?: string;
};

const WIDTH = {
  record: 150,
  worker: 140,
  employer: 170,
  institution: 150,
  diagnosis: 170,
  report: 140,
  actions: 80,
};

const TwoLines = ({ main, sub }: { main: string; sub: string }) => (
  <div style={{ lineHeight: '18px' }}>
    <div>{main}</div>
    <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
      {sub}
    </Typography.Text>
  </div>
);

export const DiagnosisReportsPage = () => {
  const { t, i18n } = useTranslation();
  const { me, can } = useAuth();
  const { message } = App.useApp();
  // Opened from the dashboard (驾驶舱): the figure's region and period as the first filter.
  const fromDashboard = useDashboardFilter();
  const qc = useQueryClient();
  const action = useRef<ActionType>();
  const listTotal = useListTotal(action);
  const diseases = useCodeNames(CATALOGUE.diseases);
  const [rows, setRows] = useState<DiagnosisReportSummary[]>([]);
  const [viewing, setViewing] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  const regions = useRegionNames(rows.map((r) => r.regionCode));
  const kind = me?.organisation.kind;
  const employer = kind === 'employer';
  const institution = kind === 'diagnosis_institution';
  const canSubmit = can('diagnosis_reports:submit');

  const categories = diseases.entries
    .filter((e) => e.level === 'category' || e.level === 'subcategory')
    .map((e) => ({ value: String(e.code), label: `${String(e.code)} ${diseases.name(String(e.code))}` }));
  const diseaseOptions = diseases.entries
    .filter((e) => e.level === 'disease')
    .map((e) => ({ value: String(e.code), label: `${String(e.code)} ${diseases.name(String(e.code))}` }));

  const columns: ProColumns<DiagnosisReportSummary>[] = [
    {
      title: t('diagnosis.recordId'),
      dataIndex: 'q',
      hideInTable: true,
      fieldProps: { placeholder: t('diagnosis.qPlaceholder') },
    },
    {
      title: t('diagnosis.conclusion'),
      dataIndex: 'conclusion',
      valueType: 'select',
      hideInTable: true,
      fieldProps: {
        options: (['diagnosed', 'excluded'] as const).map((c) => ({
          value: c,
          label: t(`diagnosis.conclusions.${c}`),
        })),
        'data-testid': 'reports-conclusion',
      },
    },
    {
      title: t('diagnosis.diseaseCategory'),
      dataIndex: 'diseaseCategory',
      valueType: 'select',
      hideInTable: true,
      fieldProps: { options: categories, showSearch: true, optionFilterProp: 'label' },
    },
    {
      title: t('diagnosis.disease'),
      dataIndex: 'diseaseCode',
      valueType: 'select',
      hideInTable: true,
      fieldProps: { options: diseaseOptions, showSearch: true, optionFilterProp: 'label' },
    },
    {
      title: t('diagnosis.stage'),
      dataIndex: 'stage',
      valueType: 'select',
      hideInTable: true,
      fieldProps: {
        options: pneumoconiosisStages.map((s) => ({ value: s, label: stageName(s) })),
        'data-testid': 'reports-stage',
      },
    },
    {
      title: t('diagnosis.period'),
      dataIndex: 'period',
      valueType: 'dateRange',
      hideInTable: true,
    },
    {
      title: t('diagnosis.region'),
      dataIndex: 'regionCode',
      hideInTable: true,
      hideInSearch: employer || institution,
      renderFormItem: () => <RegionPicker rootCode={regionRootOf(kind, me?.organisation.regionCode)} />,
    },
    {
      title: <TwoLines main={t('diagnosis.recordId')} sub={t('diagnosis.diagnosisDate')} />,
      key: 'col-record',
      width: WIDTH.record,
      search: false,
      render: (_, r) => (
        <div style={{ lineHeight: '20px' }}>
          <a onClick={() => setViewing(r.id)} data-testid="report-record">
            {r.recordId}
          </a>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {fmtDate(r.diagnosisDate)}
              {r.version > 1 ? ` · v${r.version}` : ''}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('diagnosis.worker'),
      key: 'col-worker',
      width: WIDTH.worker,
      search: false,
      render: (_, r) => (
        <div style={{ lineHeight: '20px', whiteSpace: 'nowrap' }} data-testid="report-worker">
          <div>{r.workerName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
            {r.workerIdNumber}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: <TwoLines main={t('diagnosis.employer')} sub={t('diagnosis.region')} />,
      key: 'col-employer',
      width: WIDTH.employer,
      search: false,
      hideInTable: employer,
      render: (_, r) => (
        <div style={{ lineHeight: '20px', minWidth: 0 }}>
          <Ellipsis tip={r.employerName} width={WIDTH.employer - 16} />
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} title={regions.path(r.regionCode)}>
              {regions.name(r.regionCode)}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('diagnosis.institution'),
      dataIndex: 'institutionName',
      key: 'col-institution',
      width: WIDTH.institution,
      search: false,
      hideInTable: institution,
      ...cutCell('institutionName'),
    },
    {
      title: t('diagnosis.conclusion'),
      key: 'col-diagnosis',
      width: WIDTH.diagnosis,
      search: false,
      render: (_, r) => (
        <div style={{ lineHeight: '20px' }}>
          <ConclusionTag
            conclusion={r.conclusion}
            disease={r.diseaseCode ? diseases.name(r.diseaseCode) : null}
            stage={r.stage}
          />
          {r.suspectedCaseId ? (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="report-case">
                {t('diagnosis.suspectedLink', { id: r.suspectedCaseId })}
              </Typography.Text>
              {r.matchesSuspected === false ? (
                <Tag color="orange" style={{ marginInlineStart: 4, fontSize: 11 }}>
                  {t('diagnosis.differs')}
                </Tag>
              ) : null}
            </div>
          ) : null}
        </div>
      ),
    },
    {
      title: t('diagnosis.reportDate'),
      key: 'col-report',
      width: WIDTH.report,
      search: false,
      render: (_, r) => (
        <div style={{ lineHeight: '20px' }}>
          <div>{fmtDate(r.reportDate)}</div>
          <LateTag lateDays={r.lateDays} />
        </div>
      ),
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      key: 'col-actions',
      width: WIDTH.actions,
      fixed: 'right',
      render: (_, r) => (
        <a onClick={() => setViewing(r.id)} data-testid="report-view">
          {t('diagnosis.view')}
        </a>
      ),
    },
  ];

  const tableWidth =
    Object.values(WIDTH).reduce((a, b) => a + b, 0) -
    (employer ? WIDTH.employer : 0) -
    (institution ? WIDTH.institution : 0);

  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <ProTable<DiagnosisReportSummary, Filters>
        key={i18n.language}
        rowKey="id"
        actionRef={action}
        columns={columns}
        scroll={{ x: tableWidth }}
        search={{
          labelWidth: 'auto',
          defaultCollapsed: true,
          span: { xs: 24, sm: 24, md: 12, lg: 12, xl: 8, xxl: 6 },
        }}
        form={{
          syncToUrl: false,
          initialValues: { regionCode: fromDashboard.regionCode, period: fromDashboard.range },
        }}
        pagination={{
          defaultPageSize: 20,
          showSizeChanger: true,
          showQuickJumper: true,
          showTotal: listTotal.showTotal,
        }}
        headerTitle={t('diagnosis.title')}
        toolBarRender={() =>
          canSubmit
            ? [
                <Button
                  key="add"
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setAdding(true)}
                  data-testid="report-add"
                >
                  {t('diagnosis.add')}
                </Button>,
              ]
            : []
        }
        request={async (p) => {
          const query: Query = {
            q: p.q?.trim() || undefined,
            conclusion: p.conclusion,
            diseaseCategory: p.diseaseCategory,
            diseaseCode: p.diseaseCode,
            stage: p.stage,
            from: p.period?.[0]?.slice(0, 10),
            to: p.period?.[1]?.slice(0, 10),
            regionCode: p.regionCode,
          };
          try {
            const res = await listDiagnosisReports({
              ...query,
              ...listTotal.param(query),
              page: p.current ?? 1,
              pageSize: p.pageSize ?? 20,
            });
            listTotal.seen(res);
            setRows(res.data);
            return { data: res.data, total: res.total, success: true };
          } catch (e) {
            reportError(message, e);
            return { data: [], total: 0, success: false };
          }
        }}
      />
      <DiagnosisReportDetail id={viewing} onClose={() => setViewing(null)} />
      <DiagnosisReportForm
        open={adding}
        onClose={() => setAdding(false)}
        onSaved={(id) => {
          setAdding(false);
          void qc.invalidateQueries({ queryKey: [REPORTS_KEY] });
          void action.current?.reload();
          setViewing(id);
        }}
      />
    </PageContainer>
  );
};
