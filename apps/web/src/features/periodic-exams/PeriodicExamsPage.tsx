/**
 * 体检到期提醒 — for an employer its workers (for a regulator its region, for an exam institution the
 * workers it examined): per worker and hazard factor the last 上岗前 / 在岗期间 exam, the GBZ 188 cycle
 * of the edition in force on that date (the standards engine's, flagged 未核实 where its row is an
 * unverified transcription), the due date and its status, overdue first. 周期待定 rows say why — the
 * noise level or work grade the card lacks, with the due date each would give, or no cycle in that
 * edition — rather than showing a guessed date.
 */
import { DownloadOutlined, WarningOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { periodicDueStatuses, type PeriodicDueRow, type PeriodicDueStatus } from '@ohp/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Segmented, Space, Tag, Tooltip, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useDashboardFilter } from '../../shared/dashboard-filter';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import type { Query } from '../../shared/api';
import { reportError } from '../../shared/errors';
import { fmtDate } from '../../shared/format';
import { RegionPicker } from '../../shared/RegionPicker';
import { CARDS_KEY, CATALOGUE, useCodeNames, useRegionNames } from '../exam-cards/api';
import { ExamCardDetail } from '../exam-cards/ExamCardDetail';
import { regionRootOf } from '../exam-cards/ExamCardsPage';
import { ReviewModal, type ReviewTarget } from '../exam-cards/ReviewModal';
import { exportDue, listDue } from './api';
import { Ellipsis } from '../../shared/Ellipsis';

type Filters = { factorCode?: string; regionCode?: string; q?: string; tab?: Tab };
type Tab = 'all' | PeriodicDueStatus;

const STATUS_COLOURS: Record<PeriodicDueStatus, string> = {
  overdue: 'red',
  due_soon: 'orange',
  undetermined: 'default',
  in_date: 'green',
};

const WIDTH = { status: 120, worker: 150, employer: 200, factor: 170, lastExam: 190, cycle: 190, due: 300 };

const TwoLines = ({ main, sub }: { main: string; sub: string }) => (
  <div style={{ lineHeight: '18px' }}>
    <div>{main}</div>
    <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
      {sub}
    </Typography.Text>
  </div>
);

/** The due date, or why there is none: the caveat and each level's cycle and date. */
const Due = ({ r, asOf }: { r: PeriodicDueRow; asOf: string }) => {
  const { t } = useTranslation();
  if (r.dueOn)
    return (
      <div style={{ lineHeight: '20px' }} data-testid="due-date">
        <Typography.Text strong={r.status === 'overdue'} type={r.status === 'overdue' ? 'danger' : undefined}>
          {fmtDate(r.dueOn)}
        </Typography.Text>
        {r.daysOverdue !== null ? (
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.daysOverdue > 0
                ? t('periodic.overdueDays', { days: r.daysOverdue })
                : t('periodic.daysLeft', { days: -r.daysOverdue })}
            </Typography.Text>
          </div>
        ) : null}
      </div>
    );
  const c = r.caveat;
  if (!c) return <span>-</span>;
  const passed = c.earliestDueOn !== null && c.earliestDueOn < asOf;
  return (
    <div style={{ lineHeight: '18px', fontSize: 12 }} data-testid="due-caveat" data-kind={c.kind}>
      <Typography.Text type="warning" style={{ fontSize: 12 }}>
        <WarningOutlined style={{ marginInlineEnd: 4 }} />
        {c.message}
      </Typography.Text>
      {c.alternatives.map((a) => (
        <div key={a.condition}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('periodic.alternative', { condition: a.condition, months: a.months, date: a.dueOn })}
          </Typography.Text>
        </div>
      ))}
      {passed ? (
        <Tag color="red" bordered={false} style={{ marginTop: 2 }}>
          {t('periodic.earliestPassed')}
        </Tag>
      ) : null}
    </div>
  );
};

export const PeriodicExamsPage = () => {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const action = useRef<ActionType>();
  const factors = useCodeNames(CATALOGUE.hazardFactors);
  const examTypes = useCodeNames(CATALOGUE.examTypes);
  const [tab, setTab] = useState<Tab>('all');
  const [counts, setCounts] = useState<Record<PeriodicDueStatus, number> | null>(null);
  const [asOf, setAsOf] = useState('');
  const [rows, setRows] = useState<PeriodicDueRow[]>([]);
  const fromDashboard = useDashboardFilter();
  const [filters, setFilters] = useState<Filters>({});
  const [viewing, setViewing] = useState<number | null>(null);
  const [review, setReview] = useState<ReviewTarget | null>(null);
  const regions = useRegionNames(rows.map((r) => r.regionCode));
  const kind = me?.organisation.kind;
  const employer = kind === 'employer';

  const factorOptions = factors.entries
    .filter((e) => e.level === 'factor')
    .map((e) => ({ value: String(e.code), label: `${String(e.code)} ${factors.name(String(e.code))}` }));

  const columns: ProColumns<PeriodicDueRow>[] = [
    {
      title: t('periodic.factor'),
      dataIndex: 'factorCode',
      valueType: 'select',
      hideInTable: true,
      fieldProps: {
        options: factorOptions,
        showSearch: true,
        optionFilterProp: 'label',
        placeholder: t('periodic.factorPlaceholder'),
        popupMatchSelectWidth: 360,
      },
    },
    {
      title: t('periodic.region'),
      dataIndex: 'regionCode',
      hideInTable: true,
      hideInSearch: employer,
      renderFormItem: () => <RegionPicker rootCode={regionRootOf(kind, me?.organisation.regionCode)} />,
    },
    {
      title: t('periodic.q'),
      dataIndex: 'q',
      hideInTable: true,
      hideInSearch: employer,
      fieldProps: { placeholder: t('periodic.qPlaceholder') },
    },
    {
      title: t('periodic.status'),
      dataIndex: 'status',
      key: 'col-status',
      width: WIDTH.status,
      search: false,
      render: (_, r) => (
        <Tag color={STATUS_COLOURS[r.status]} data-testid="due-status" data-status={r.status}>
          {t(`periodic.statuses.${r.status}`)}
        </Tag>
      ),
    },
    {
      title: t('periodic.worker'),
      dataIndex: 'workerName',
      key: 'col-worker',
      width: WIDTH.worker,
      search: false,
      render: (_, r) => (
        <div style={{ lineHeight: '20px', whiteSpace: 'nowrap' }}>
          <div>{r.workerName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
            {r.workerIdNumber}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: <TwoLines main={t('periodic.employer')} sub={t('periodic.region')} />,
      dataIndex: 'employerName',
      key: 'col-employer',
      width: WIDTH.employer,
      search: false,
      hideInTable: employer,
      render: (_, r) => (
        <div style={{ lineHeight: '20px' }}>
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
      title: t('periodic.factor'),
      key: 'col-factor',
      width: WIDTH.factor,
      search: false,
      render: (_, r) => (
        <div style={{ lineHeight: '20px' }}>
          <Ellipsis tip={r.factorName} width={WIDTH.factor - 16} />
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.factorCode}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('periodic.lastExam'),
      key: 'col-last',
      width: WIDTH.lastExam,
      search: false,
      render: (_, r) => (
        <div style={{ lineHeight: '20px' }}>
          <a onClick={() => setViewing(r.lastExam.cardId)} data-testid="due-card">
            {fmtDate(r.lastExam.examDate)}
          </a>
          <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
            {examTypes.name(r.lastExam.examTypeCode)}
          </Typography.Text>
          <div>
            <Ellipsis
              tip={r.lastExam.institutionName}
              type="secondary"
              width={WIDTH.lastExam - 16}
              style={{ fontSize: 12 }}
            />
          </div>
        </div>
      ),
    },
    {
      title: t('periodic.cycle'),
      key: 'col-cycle',
      width: WIDTH.cycle,
      search: false,
      render: (_, r) => (
        <div style={{ lineHeight: '20px' }} data-testid="due-cycle">
          <div>{r.cycleMonths ? t('periodic.months', { months: r.cycleMonths }) : '-'}</div>
          <Space size={4} wrap>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.edition ?? '-'}
              {r.section ? ` §${r.section}` : ''}
            </Typography.Text>
            {r.edition && !r.verified && r.confidence ? (
              <Tooltip
                title={t('periodic.unverifiedTip', { confidence: r.confidence, basis: r.basis })}
                overlayStyle={{ maxWidth: 420 }}
              >
                <Tag bordered={false} style={{ fontSize: 11, lineHeight: '18px', cursor: 'help' }}>
                  {t('periodic.unverified')}
                </Tag>
              </Tooltip>
            ) : null}
          </Space>
        </div>
      ),
    },
    {
      title: t('periodic.dueOn'),
      key: 'col-due',
      width: WIDTH.due,
      search: false,
      render: (_, r) => <Due r={r} asOf={asOf} />,
    },
  ];

  const tabs: Tab[] = ['all', ...periodicDueStatuses];
  const total = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : null;
  const tableWidth = Object.values(WIDTH).reduce((a, b) => a + b, 0) - (employer ? WIDTH.employer : 0);

  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 1000 }}>
        {t('periodic.intro')}
      </Typography.Paragraph>
      <ProTable<PeriodicDueRow, Filters>
        key={i18n.language}
        rowKey={(r) => `${r.workerId}-${r.employerCreditCode}-${r.factorCode}`}
        actionRef={action}
        columns={columns}
        params={{ tab }}
        scroll={{ x: tableWidth }}
        search={{
          labelWidth: 'auto',
          defaultCollapsed: false,
          span: { xs: 24, sm: 24, md: 12, lg: 8, xl: 8, xxl: 6 },
        }}
        // Opened from the dashboard (驾驶舱): the figure's region as the first filter (the list is as of
        // today, so the figure's period does not apply).
        form={{ syncToUrl: false, initialValues: { regionCode: fromDashboard.regionCode } }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showQuickJumper: true }}
        headerTitle={
          <Space size={12}>
            <span>{t('periodic.title')}</span>
            {asOf ? (
              <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                {t('periodic.asOf', { date: asOf })}
              </Typography.Text>
            ) : null}
          </Space>
        }
        toolBarRender={() => [
          <Segmented<Tab>
            key="tabs"
            value={tab}
            onChange={(v) => {
              setTab(v);
              action.current?.setPageInfo?.({ current: 1 });
            }}
            options={tabs.map((s) => ({
              value: s,
              label: (
                <span data-testid={`due-tab-${s}`}>
                  {t(`periodic.statuses.${s}`)}{' '}
                  <Badge
                    count={s === 'all' ? (total ?? 0) : (counts?.[s] ?? 0)}
                    showZero
                    overflowCount={99999}
                    color={s === 'overdue' ? '#cf1322' : s === 'due_soon' ? '#fa8c16' : '#bfbfbf'}
                  />
                </span>
              ),
            }))}
          />,
          <Button
            key="export"
            icon={<DownloadOutlined />}
            onClick={() =>
              void exportDue({ ...filters, status: tab === 'all' ? undefined : tab }).catch((e) =>
                reportError(message, e),
              )
            }
          >
            {t('periodic.export')}
          </Button>,
        ]}
        request={async (p) => {
          const query: Query = {
            status: tab === 'all' ? undefined : tab,
            factorCode: p.factorCode,
            regionCode: p.regionCode,
            q: p.q,
          };
          setFilters({ factorCode: p.factorCode, regionCode: p.regionCode, q: p.q });
          try {
            const res = await listDue({ ...query, page: p.current ?? 1, pageSize: p.pageSize ?? 20 });
            setCounts(res.counts);
            setAsOf(res.asOf);
            setRows(res.data);
            return { data: res.data, total: res.total, success: true };
          } catch (e) {
            reportError(message, e);
            return { data: [], total: 0, success: false };
          }
        }}
      />
      <ExamCardDetail
        id={viewing}
        onClose={() => setViewing(null)}
        onOpen={setViewing}
        onReview={setReview}
      />
      <ReviewModal
        target={review}
        onClose={() => setReview(null)}
        onReviewed={() => {
          void qc.invalidateQueries({ queryKey: [CARDS_KEY] });
          void action.current?.reload();
        }}
      />
    </PageContainer>
  );
};
