/**
 * 疑似职业病追踪 — every 疑似职业病 conclusion of a card in the user's scope opens a case: the exam
 * institution tells the employer (告知), the worker is referred to diagnosis (转诊), and the regulator of
 * the employer's region records the diagnosis or its exclusion. Each row shows the chain with its dates
 * and the clocks (due date, 超期 N 天, 待定期限 where the day count is a placeholder); 只看超期 keeps the
 * cases with a clock past due. The buttons are the steps the server allows the user now
 * (`abilities.events`); 个案卡 opens the card in the exam-cards drawer.
 */
import { ClockCircleOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { suspectedCaseStatuses, type SuspectedCaseEvent } from '@ohp/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Steps, Switch, Tag, Tooltip, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDashboardFilter } from '../../shared/dashboard-filter';
import { useAuth } from '../../app/auth';
import type { Query } from '../../shared/api';
import { reportError } from '../../shared/errors';
import { fmtDate } from '../../shared/format';
import { useListTotal } from '../../shared/ListTotal';
import { RegionPicker } from '../../shared/RegionPicker';
import type { DeadlineView, SuspectedCase } from '../../shared/types';
import { CARDS_KEY, CATALOGUE, useCodeNames, useRegionNames } from '../exam-cards/api';
import { ExamCardDetail } from '../exam-cards/ExamCardDetail';
import { regionRootOf } from '../exam-cards/ExamCardsPage';
import { ReviewModal, type ReviewTarget } from '../exam-cards/ReviewModal';
import { DiagnosisReportDetail } from '../diagnosis-reports/DiagnosisReportDetail';
import { LinkedReport } from '../diagnosis-reports/LinkedReport';
import { CASES_KEY, isCaseEvent, listSuspectedCases } from './api';
import { CaseEventModal, stageName, type CaseEventTarget } from './CaseEventModal';
import { cutCell, Ellipsis } from '../../shared/Ellipsis';

type Filters = { status?: string; regionCode?: string; overdue?: boolean; foundRange?: [string, string] };

const STATUS_COLOURS: Record<string, string | undefined> = {
  open: 'orange',
  employer_notified: 'gold',
  referred: 'blue',
  diagnosed: 'red',
  excluded: 'green',
  withdrawn: undefined,
};

/**
 * Column widths (px): beside the 216 px menu at 1440 px the table has about 1,150 px. The status tag
 * heads the chain's column (it names the step the chain has reached).
 */
const WIDTH = {
  worker: 150,
  employer: 150,
  institution: 120,
  disease: 120,
  chain: 250,
  clocks: 220,
  actions: 128,
};

const TwoLines = ({ main, sub }: { main: string; sub: string }) => (
  <div style={{ lineHeight: '18px' }}>
    <div>{main}</div>
    <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
      {sub}
    </Typography.Text>
  </div>
);

/** The legal basis as people read it (the server's text may end with a pointer into the docs). */
const basisText = (basis: string) => basis.replace(/[（(][^（()）]*\.md[^（()）]*[)）]\s*$/, '').trim();

/** 发现 → 告知 → 转诊 → 诊断/排除, each with its date; a step skipped on the way stays grey. */
const Chain = ({ c }: { c: SuspectedCase }) => {
  const { t } = useTranslation();
  const closed = c.status === 'diagnosed' || c.status === 'excluded';
  const withdrawn = c.status === 'withdrawn';
  const step = (on: string | null, next: boolean) =>
    on ? ('finish' as const) : next && !closed && !withdrawn ? ('process' as const) : ('wait' as const);
  const date = (on: string | null) => (on ? fmtDate(on).slice(5) : undefined);
  const notifiedNext = c.status === 'open';
  const referredNext = c.status === 'employer_notified';
  const outcomeNext = c.status === 'referred';
  const items = [
    { label: t('suspected.steps.found'), status: 'finish' as const, on: c.foundOn },
    {
      label: t('suspected.steps.notified'),
      status: step(c.employerNotifiedOn, notifiedNext),
      on: c.employerNotifiedOn,
    },
    { label: t('suspected.steps.referred'), status: step(c.referredOn, referredNext), on: c.referredOn },
    {
      label:
        c.status === 'diagnosed'
          ? t('suspected.steps.diagnosed')
          : c.status === 'excluded'
            ? t('suspected.steps.excluded')
            : t('suspected.steps.outcome'),
      status: withdrawn ? ('error' as const) : step(c.outcomeOn, outcomeNext),
      on: c.outcomeOn,
    },
  ].map((i) => ({
    status: i.status,
    title: (
      <span
        style={{ display: 'inline-block', lineHeight: '16px', whiteSpace: 'nowrap', textAlign: 'center' }}
      >
        {i.label}
        <br />
        <span style={{ color: '#8c8c8c' }}>{date(i.on) ?? '-'}</span>
      </span>
    ),
  }));
  return (
    <div data-testid="case-chain">
      <Tag
        color={STATUS_COLOURS[c.status]}
        style={{ marginInlineEnd: 0, marginBottom: 4 }}
        data-status={c.status}
        data-testid="case-status"
      >
        {t(`suspected.statuses.${c.status}`, { defaultValue: c.status })}
      </Tag>
      <Steps size="small" type="inline" items={items} />
      {c.referredTo ? (
        <Ellipsis tip={c.referredTo} type="secondary" style={{ fontSize: 12 }}>
          {t('suspected.referredTo', { name: c.referredTo })}
        </Ellipsis>
      ) : null}
    </div>
  );
};

/** One clock: its due date; 超期 N 天 in red when past due; 待定期限 where the day count is a placeholder. */
const Clock = ({ k }: { k: DeadlineView }) => {
  const { t } = useTranslation();
  const basis = t('suspected.legalBasis', { basis: basisText(k.legalBasis) });
  return (
    <div style={{ lineHeight: '20px' }} data-testid="case-clock" data-kind={k.kind}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 6, minWidth: 0 }}>
        <Typography.Text style={{ fontSize: 12, flex: '0 1 auto', minWidth: 0 }} type="secondary" ellipsis>
          {k.name}
        </Typography.Text>
        {k.confidence === 'uncertain' ? (
          <Tooltip
            title={
              <>
                <div>{t('suspected.uncertainTip')}</div>
                <div style={{ marginTop: 4 }}>{basis}</div>
              </>
            }
          >
            <Tag
              bordered={false}
              icon={<ClockCircleOutlined />}
              style={{ fontSize: 11, lineHeight: '18px', marginInlineEnd: 0, cursor: 'help', flex: 'none' }}
              data-testid="case-uncertain"
            >
              {t('suspected.uncertain')}
            </Tag>
          </Tooltip>
        ) : (
          <Tooltip title={basis}>
            <ClockCircleOutlined style={{ color: '#8c8c8c', cursor: 'help', flex: 'none' }} />
          </Tooltip>
        )}
      </div>
      <div style={{ whiteSpace: 'nowrap' }}>
        <Typography.Text style={{ fontSize: 12, marginInlineEnd: 6 }} type={k.done ? 'secondary' : undefined}>
          {t('suspected.due', { date: fmtDate(k.dueOn) })}
        </Typography.Text>
        {k.done ? (
          <Tag color="green" style={{ marginInlineEnd: 0 }}>
            {t('suspected.done')}
          </Tag>
        ) : k.overdueDays > 0 ? (
          <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="case-overdue">
            {t('suspected.overdue', { days: k.overdueDays })}
          </Tag>
        ) : null}
      </div>
    </div>
  );
};

export const SuspectedCasesPage = () => {
  const { t, i18n } = useTranslation();
  const { me, can } = useAuth();
  const { message } = App.useApp();
  // Opened from the dashboard (驾驶舱): the figure's region and period as the first filter.
  const fromDashboard = useDashboardFilter();
  const [report, setReport] = useState<number | null>(null);
  const readsReports = can('diagnosis_reports:read');
  const qc = useQueryClient();
  const action = useRef<ActionType>();
  const listTotal = useListTotal(action);
  const diseases = useCodeNames(CATALOGUE.diseases);
  const [overdue, setOverdue] = useState(false);
  const [rows, setRows] = useState<SuspectedCase[]>([]);
  const [viewing, setViewing] = useState<number | null>(null);
  const [review, setReview] = useState<ReviewTarget | null>(null);
  const [recording, setRecording] = useState<CaseEventTarget | null>(null);
  const regions = useRegionNames(rows.map((r) => r.regionCode));
  const kind = me?.organisation.kind;
  const employer = kind === 'employer';
  const institution = kind === 'exam_institution';

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: [CASES_KEY] });
    void action.current?.reload();
  };

  const columns: ProColumns<SuspectedCase>[] = [
    {
      title: t('suspected.status'),
      dataIndex: 'status',
      valueType: 'select',
      hideInTable: true,
      fieldProps: {
        options: suspectedCaseStatuses.map((s) => ({ value: s, label: t(`suspected.statuses.${s}`) })),
        'data-testid': 'cases-status',
      },
    },
    {
      title: t('suspected.region'),
      dataIndex: 'regionCode',
      hideInTable: true,
      hideInSearch: employer,
      renderFormItem: () => <RegionPicker rootCode={regionRootOf(kind, me?.organisation.regionCode)} />,
    },
    {
      title: t('suspected.foundOn'),
      dataIndex: 'foundRange',
      valueType: 'dateRange',
      hideInTable: true,
    },
    {
      title: t('suspected.worker'),
      dataIndex: 'workerName',
      key: 'col-worker',
      width: WIDTH.worker,
      search: false,
      render: (_, r) => (
        <div style={{ lineHeight: '20px', whiteSpace: 'nowrap' }} data-testid="case-worker">
          <div>{r.workerName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
            {r.workerIdNumber}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: <TwoLines main={t('suspected.employer')} sub={t('suspected.region')} />,
      dataIndex: 'employerName',
      key: 'col-employer',
      width: WIDTH.employer,
      search: false,
      hideInTable: employer,
      render: (_, r) => (
        <div style={{ lineHeight: '20px', minWidth: 0 }}>
          <Ellipsis tip={r.employerName} width={WIDTH.employer - 16} />
          <div>
            <Typography.Text
              type="secondary"
              style={{ fontSize: 12 }}
              title={`${regions.path(r.regionCode)}（${r.regionCode}）`}
              data-testid="case-region"
            >
              {regions.name(r.regionCode)}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('suspected.institution'),
      dataIndex: 'institutionName',
      key: 'col-institution',
      width: WIDTH.institution,
      search: false,
      hideInTable: institution,
      ...cutCell('institutionName'),
    },
    {
      title: <TwoLines main={t('suspected.disease')} sub={t('suspected.foundOn')} />,
      dataIndex: 'diseaseCode',
      key: 'col-disease',
      width: WIDTH.disease,
      search: false,
      render: (_, r) => {
        const diagnosed = r.diagnosedDiseaseCode
          ? `${diseases.name(r.diagnosedDiseaseCode)}${r.stage ? ` ${stageName(r.stage)}` : ''}`
          : null;
        return (
          <div style={{ lineHeight: '20px' }} data-testid="case-disease">
            <Ellipsis tip={`${diseases.name(r.diseaseCode)}（${r.diseaseCode}）`} width={WIDTH.disease - 16}>
              {diseases.name(r.diseaseCode)}
            </Ellipsis>
            {diagnosed ? (
              <div>
                <Typography.Text type="danger" style={{ fontSize: 12 }} title={diagnosed}>
                  {diagnosed}
                </Typography.Text>
              </div>
            ) : null}
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {fmtDate(r.foundOn)}
              </Typography.Text>
            </div>
          </div>
        );
      },
    },
    {
      title: <TwoLines main={t('suspected.status')} sub={t('suspected.chain')} />,
      key: 'col-chain',
      width: WIDTH.chain,
      search: false,
      render: (_, r) => <Chain c={r} />,
    },
    {
      title: t('suspected.clocks'),
      key: 'col-clocks',
      width: WIDTH.clocks,
      search: false,
      render: (_, r) =>
        r.clocks.length ? (
          <Space direction="vertical" size={4}>
            {r.clocks.map((k) => (
              <Clock key={k.kind} k={k} />
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('suspected.none')}</Typography.Text>
        ),
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      key: 'col-actions',
      width: WIDTH.actions,
      fixed: 'right',
      render: (_, r) => (
        <Space size={[8, 4]} wrap>
          {r.abilities.events.filter(isCaseEvent).map((e: SuspectedCaseEvent) => (
            <Button
              key={e}
              size="small"
              type={e === 'excluded' ? 'default' : 'primary'}
              ghost={e !== 'excluded'}
              onClick={() => setRecording({ event: e, row: r })}
              data-testid={`case-event-${e}`}
            >
              {t(`suspected.events.${e}`)}
            </Button>
          ))}
          <a onClick={() => setViewing(r.examCardId)} data-testid="case-card">
            {t('suspected.card')}
          </a>
          {/* The diagnosis report that resolved the case (职业病诊断报告). */}
          {readsReports && (r.status === 'diagnosed' || r.status === 'excluded') ? (
            <LinkedReport caseId={r.id} onOpen={setReport} />
          ) : null}
        </Space>
      ),
    },
  ];

  const tableWidth =
    Object.values(WIDTH).reduce((a, b) => a + b, 0) -
    (employer ? WIDTH.employer : 0) -
    (institution ? WIDTH.institution : 0);

  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <ProTable<SuspectedCase, Filters>
        key={i18n.language}
        rowKey="id"
        actionRef={action}
        columns={columns}
        params={{ overdue }}
        scroll={{ x: tableWidth }}
        search={{
          labelWidth: 'auto',
          defaultCollapsed: false,
          span: { xs: 24, sm: 24, md: 12, lg: 12, xl: 8, xxl: 6 },
        }}
        form={{
          syncToUrl: false,
          initialValues: { regionCode: fromDashboard.regionCode, foundRange: fromDashboard.range },
        }}
        pagination={{
          defaultPageSize: 20,
          showSizeChanger: true,
          showQuickJumper: true,
          showTotal: listTotal.showTotal,
        }}
        headerTitle={t('suspected.title')}
        toolBarRender={() => [
          <Space key="overdue" size={6}>
            <Switch
              checked={overdue}
              onChange={(v) => {
                setOverdue(v);
                action.current?.setPageInfo?.({ current: 1 });
              }}
              data-testid="cases-overdue"
            />
            <Typography.Text>{t('suspected.overdueOnly')}</Typography.Text>
          </Space>,
        ]}
        request={async (p) => {
          const query: Query = {
            status: p.status,
            regionCode: p.regionCode,
            from: p.foundRange?.[0]?.slice(0, 10),
            to: p.foundRange?.[1]?.slice(0, 10),
            overdue: overdue ? true : undefined,
          };
          try {
            const res = await listSuspectedCases({
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
      <CaseEventModal
        target={recording}
        diseases={diseases}
        onClose={() => setRecording(null)}
        onRecorded={refresh}
      />
      <ExamCardDetail
        id={viewing}
        onClose={() => setViewing(null)}
        onOpen={setViewing}
        onReview={setReview}
      />
      <DiagnosisReportDetail id={report} onClose={() => setReport(null)} />
      <ReviewModal
        target={review}
        onClose={() => setReview(null)}
        onReviewed={() => {
          void qc.invalidateQueries({ queryKey: [CARDS_KEY] });
          refresh();
        }}
      />
    </PageContainer>
  );
};
