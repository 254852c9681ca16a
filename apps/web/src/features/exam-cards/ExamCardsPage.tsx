/**
 * 个案卡查询 — the health-exam cards in the user's scope (a regulator its region, an exam institution
 * the cards it reported, an employer its workers' cards), the worker masked. Tabs: 全部; 待我审核 for
 * reviewers (the cards awaiting their level, oldest exam first, with bulk 通过 / 退回); 已退回 (for an
 * exam institution 退回待修改). 详情 opens the card in a drawer. An exam institution uploads cards from
 * the spreadsheet template (上报个案卡); the province exports its approved cards as the national XML.
 */
import { CheckOutlined, CloudUploadOutlined, ExportOutlined, RollbackOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { examCardAuditStatuses } from '@ohp/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Typography } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDashboardFilter } from '../../shared/dashboard-filter';
import { useAuth } from '../../app/auth';
import type { Query } from '../../shared/api';
import { reportError } from '../../shared/errors';
import { fmtDate } from '../../shared/format';
import { useListTotal } from '../../shared/ListTotal';
import { RegionPicker } from '../../shared/RegionPicker';
import type { ExamCardSummary, ImportReport } from '../../shared/types';
import { ImportModal, type ImportDoor } from '../organisations/ImportModal';
import {
  CARDS_KEY,
  downloadCardImportErrors,
  downloadCardTemplate,
  importExamCards,
  listExamCards,
  useRegionNames,
} from './api';
import { AuditStatusTag, ConclusionTag, useCardCodes } from './codes';
import { ExamCardDetail } from './ExamCardDetail';
import { NationalExportModal } from './NationalExportModal';
import { ReviewModal, type ReviewDecision, type ReviewTarget } from './ReviewModal';
import { cutCell, Ellipsis } from '../../shared/Ellipsis';

type Queue = 'all' | 'awaiting' | 'returned';

type Filters = {
  q?: string;
  regionCode?: string;
  examDate?: [string, string];
  auditStatus?: string;
  conclusionCode?: string;
  factorCode?: string;
  examTypeCode?: string;
  queue?: Queue;
};

/**
 * Column widths (px). Beside the 216 px menu at 1440 px the table has about 1,150 px: these, the
 * actions and the checkboxes of the review queue fit without scrolling.
 */
const WIDTH = {
  record: 140,
  worker: 158,
  employer: 184,
  institution: 132,
  exam: 100,
  factors: 124,
  conclusions: 112,
  status: 112,
  actions: 56,
};

/** A header of two lines for a cell of two: the main value, and below it the smaller one. */
const TwoLines = ({ main, sub }: { main: string; sub: string }) => (
  <div style={{ lineHeight: '18px' }}>
    <div>{main}</div>
    <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
      {sub}
    </Typography.Text>
  </div>
);

/** The region a user's filter starts from: a regulator's own, the province for the others. */
export const regionRootOf = (kind: string | undefined, regionCode: string | undefined): string | null => {
  if (!regionCode) return null;
  switch (kind) {
    case 'health_commission':
    case 'disease_control_bureau':
    case 'support_institution':
      return regionCode;
    default:
      return regionCode.slice(0, 2);
  }
};

/** The number of cards in a queue, for its tab (approximate above the server's exact count limit). */
const useQueueCount = (queue: Exclude<Queue, 'all'>, enabled: boolean) =>
  useQuery({
    queryKey: [CARDS_KEY, 'count', queue],
    queryFn: () => listExamCards({ queue, page: 1, pageSize: 1 }),
    enabled,
    select: (r) => ({ total: r.total, exact: r.totalExact !== false }),
  });

export const ExamCardsPage = () => {
  const { t, i18n } = useTranslation();
  const { me, can } = useAuth();
  const { message } = App.useApp();
  // Opened from the dashboard (驾驶舱): the figure's region and period as the first filter.
  const fromDashboard = useDashboardFilter();
  const action = useRef<ActionType>();
  const listTotal = useListTotal(action);
  const codes = useCardCodes();
  const [queue, setQueue] = useState<Queue>('all');
  const [rows, setRows] = useState<ExamCardSummary[]>([]);
  const [selected, setSelected] = useState<ExamCardSummary[]>([]);
  const [viewing, setViewing] = useState<number | null>(null);
  const [review, setReview] = useState<ReviewTarget | null>(null);
  const [uploading, setUploading] = useState(false);
  const [exporting, setExporting] = useState(false);
  const qc = useQueryClient();
  const regions = useRegionNames(rows.map((r) => r.regionCode));

  const reviewer = can('exam_reports:review');
  const kind = me?.organisation.kind;
  const institution = kind === 'exam_institution';
  const employer = kind === 'employer';
  const awaiting = useQueueCount('awaiting', reviewer);
  const returned = useQueueCount('returned', true);
  const bulk = reviewer && queue === 'awaiting';
  const submitter = can('exam_reports:submit');
  const exporter = can('exam_reports:export');

  // 上报个案卡: the organisations' import dialog with the cards' door, texts and counts.
  const cardDoor: ImportDoor = {
    title: t('examCards.uploadTitle'),
    hint: t('examCards.uploadHint'),
    downloadTemplate: downloadCardTemplate,
    upload: importExamCards,
    downloadErrors: downloadCardImportErrors,
    counts: (r: ImportReport) => [
      { key: 'valid', label: t('examCards.uploadValid'), value: r.total - r.rejected },
      { key: 'accepted', label: t('examCards.uploadAdded'), value: r.accepted },
      { key: 'updated', label: t('examCards.uploadUpdated'), value: r.updated },
      { key: 'unchanged', label: t('examCards.uploadUnchanged'), value: r.unchanged },
      { key: 'rejected', label: t('examCards.uploadRejected'), value: r.rejected, danger: true },
    ],
  };
  const imported = useCallback(() => {
    void qc.invalidateQueries({ queryKey: [CARDS_KEY] });
    void action.current?.reload();
  }, [qc]);

  const switchQueue = (q: Queue) => {
    setQueue(q);
    setSelected([]);
    action.current?.setPageInfo?.({ current: 1 });
  };

  const openReview = (decision: ReviewDecision) =>
    setReview({ decision, cards: selected.map((s) => ({ id: s.id, recordId: s.recordId })) });

  const count = (c: { total: number; exact: boolean } | undefined) =>
    c === undefined
      ? undefined
      : c.exact
        ? c.total.toLocaleString(i18n.language)
        : t('examCards.countApprox', { n: c.total.toLocaleString(i18n.language) });

  const tab = (key: Queue, label: string, n?: string, colour?: string) => ({
    key,
    label: (
      <span data-testid={`cards-tab-${key}`}>
        {label}
        {n !== undefined ? (
          <span
            style={{
              marginInlineStart: 6,
              padding: '0 7px',
              borderRadius: 10,
              fontSize: 12,
              lineHeight: '20px',
              display: 'inline-block',
              color: '#fff',
              background: colour ?? '#ff4d4f',
            }}
            data-testid={`cards-count-${key}`}
          >
            {n}
          </span>
        ) : null}
      </span>
    ),
  });

  const statusOptions = examCardAuditStatuses.map((c) => ({
    value: c,
    label: codes.auditStatuses.name(c),
  }));
  const optionsOf = (names: typeof codes.conclusions) =>
    names.entries.map((e) => ({ value: String(e.code), label: names.name(String(e.code)) }));
  const factorOptions = codes.factors.entries
    .filter((e) => e.level === 'factor')
    .map((e) => ({
      value: String(e.code),
      label: `${String(e.code)} ${codes.factors.name(String(e.code))}`,
    }));

  const columns: ProColumns<ExamCardSummary>[] = [
    // ---- the query form (in this order; a field is named by its dataIndex, the table's columns by key) ----
    {
      title: t('examCards.keyword'),
      dataIndex: 'q',
      hideInTable: true,
      fieldProps: { placeholder: t('examCards.keywordPlaceholder'), 'data-testid': 'cards-q' },
    },
    {
      title: t('examCards.region'),
      dataIndex: 'regionCode',
      hideInTable: true,
      // An employer's cards are all of its own region.
      hideInSearch: employer,
      renderFormItem: () => <RegionPicker rootCode={regionRootOf(kind, me?.organisation.regionCode)} />,
    },
    {
      title: t('examCards.examDate'),
      dataIndex: 'examDate',
      valueType: 'dateRange',
      hideInTable: true,
    },
    {
      title: t('examCards.auditStatus'),
      dataIndex: 'auditStatus',
      valueType: 'select',
      hideInTable: true,
      // A queue tab is a set of statuses already.
      hideInSearch: queue !== 'all',
      fieldProps: { options: statusOptions },
    },
    {
      title: t('examCards.conclusion'),
      dataIndex: 'conclusionCode',
      valueType: 'select',
      hideInTable: true,
      fieldProps: { options: optionsOf(codes.conclusions) },
    },
    {
      title: t('examCards.factor'),
      dataIndex: 'factorCode',
      valueType: 'select',
      hideInTable: true,
      fieldProps: {
        options: factorOptions,
        showSearch: true,
        optionFilterProp: 'label',
        placeholder: t('examCards.factorPlaceholder'),
        popupMatchSelectWidth: 360,
        'data-testid': 'cards-factor',
      },
    },
    {
      title: t('examCards.examType'),
      dataIndex: 'examTypeCode',
      valueType: 'select',
      hideInTable: true,
      fieldProps: { options: optionsOf(codes.examTypes) },
    },
    // ---- the table ----
    {
      title: <TwoLines main={t('examCards.recordId')} sub={t('examCards.examNo')} />,
      dataIndex: 'recordId',
      key: 'col-recordId',
      width: WIDTH.record,
      search: false,
      render: (_, r) => (
        <div style={{ lineHeight: '20px' }}>
          <a
            onClick={() => setViewing(r.id)}
            data-testid="card-record-link"
            style={{ wordBreak: 'break-all' }}
          >
            {r.recordId}
          </a>
          {r.examNo ? (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.examNo}
              </Typography.Text>
            </div>
          ) : null}
        </div>
      ),
    },
    {
      title: t('examCards.worker'),
      dataIndex: 'workerName',
      key: 'col-workerName',
      width: WIDTH.worker,
      search: false,
      render: (_, r) => (
        <div style={{ lineHeight: '20px', whiteSpace: 'nowrap' }} data-testid="card-worker">
          <span>{r.workerName}</span>{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {codes.sexes.name(r.genderCode)}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
              {r.workerIdNumber}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      // An employer sees only its own workers' cards: the column would repeat its name.
      title: <TwoLines main={t('examCards.employer')} sub={t('examCards.region')} />,
      dataIndex: 'employerName',
      key: 'col-employerName',
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
              data-testid="card-region"
            >
              {regions.name(r.regionCode)}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      // An exam institution sees only the cards it reported.
      title: t('examCards.institution'),
      dataIndex: 'institutionName',
      key: 'col-institutionName',
      width: WIDTH.institution,
      search: false,
      hideInTable: institution,
      ...cutCell('institutionName'),
    },
    {
      title: <TwoLines main={t('examCards.examDate')} sub={t('examCards.examType')} />,
      dataIndex: 'examDate',
      key: 'col-examDate',
      width: WIDTH.exam,
      search: false,
      render: (_, r) => (
        <div style={{ lineHeight: '20px', whiteSpace: 'nowrap' }}>
          <div>{fmtDate(r.examDate)}</div>
          <Ellipsis
            tip={codes.examTypes.name(r.examTypeCode)}
            type="secondary"
            width={WIDTH.exam - 16}
            style={{ fontSize: 12 }}
          />
        </div>
      ),
    },
    {
      title: t('examCards.factors'),
      dataIndex: 'contactFactorCodes',
      key: 'col-contactFactorCodes',
      width: WIDTH.factors,
      search: false,
      render: (_, r) => {
        const names = r.contactFactorCodes.map((c) => codes.factors.name(c));
        const [first, ...more] = names;
        return (
          <div style={{ lineHeight: '20px' }} data-testid="card-factors">
            <Ellipsis tip={names.join('、')} width={WIDTH.factors - 16}>
              {first}
            </Ellipsis>
            {more.length ? (
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }} title={names.join('、')}>
                  {t('examCards.moreFactors', { count: names.length })}
                </Typography.Text>
              </div>
            ) : null}
          </div>
        );
      },
    },
    {
      title: t('examCards.conclusions'),
      dataIndex: 'conclusionCodes',
      key: 'col-conclusionCodes',
      width: WIDTH.conclusions,
      search: false,
      render: (_, r) => (
        <div data-testid="card-conclusions-cell">
          {r.conclusionCodes.map((c) => (
            <ConclusionTag key={c} code={c} names={codes.conclusions} />
          ))}
        </div>
      ),
    },
    {
      title: t('examCards.auditStatus'),
      dataIndex: 'auditStatus',
      key: 'col-auditStatus',
      width: WIDTH.status,
      search: false,
      // The review queue holds the cards awaiting the user's level: the status says nothing there.
      hideInTable: bulk,
      render: (_, r) => <AuditStatusTag code={r.auditStatus} names={codes.auditStatuses} />,
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: WIDTH.actions,
      fixed: 'right',
      render: (_, r) => [
        <a key="view" onClick={() => setViewing(r.id)} data-testid="card-view">
          {t('examCards.view')}
        </a>,
      ],
    },
  ];

  const tableWidth =
    Object.values(WIDTH).reduce((a, b) => a + b, 0) -
    (employer ? WIDTH.employer : 0) -
    (institution ? WIDTH.institution : 0) +
    (bulk ? 32 - WIDTH.status : 0);

  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <ProTable<ExamCardSummary, Filters>
        key={i18n.language}
        rowKey="id"
        actionRef={action}
        columns={columns}
        params={{ queue }}
        scroll={{ x: tableWidth }}
        search={{
          labelWidth: 'auto',
          defaultCollapsed: false,
          span: { xs: 24, sm: 24, md: 12, lg: 12, xl: 8, xxl: 6 },
        }}
        form={{
          syncToUrl: false,
          initialValues: { regionCode: fromDashboard.regionCode, examDate: fromDashboard.range },
        }}
        pagination={{
          defaultPageSize: 20,
          showSizeChanger: true,
          showQuickJumper: true,
          showTotal: listTotal.showTotal,
        }}
        rowSelection={
          bulk
            ? {
                selectedRowKeys: selected.map((s) => s.id),
                onChange: (_, picked) => setSelected(picked),
                getCheckboxProps: (r) => ({ disabled: !r.abilities.review }),
              }
            : false
        }
        tableAlertRender={false}
        toolbar={{
          menu: {
            type: 'tab',
            activeKey: queue,
            onChange: (key) => switchQueue((key as Queue | undefined) ?? 'all'),
            items: [
              tab('all', t('examCards.tabs.all')),
              ...(reviewer ? [tab('awaiting', t('examCards.tabs.awaiting'), count(awaiting.data))] : []),
              tab(
                'returned',
                t(institution ? 'examCards.tabs.returnedInstitution' : 'examCards.tabs.returned'),
                count(returned.data),
                institution ? '#fa8c16' : '#8c8c8c',
              ),
            ],
          },
        }}
        toolBarRender={() =>
          bulk
            ? [
                <Typography.Text key="n" type="secondary" data-testid="cards-selected">
                  {t('examCards.selected', { count: selected.length })}
                </Typography.Text>,
                <Button
                  key="approve"
                  type="primary"
                  icon={<CheckOutlined />}
                  disabled={selected.length === 0}
                  onClick={() => openReview('approved')}
                  data-testid="cards-bulk-approve"
                >
                  {t('examCards.bulkApprove')}
                </Button>,
                <Button
                  key="return"
                  danger
                  icon={<RollbackOutlined />}
                  disabled={selected.length === 0}
                  onClick={() => openReview('returned')}
                  data-testid="cards-bulk-return"
                >
                  {t('examCards.bulkReturn')}
                </Button>,
              ]
            : [
                submitter ? (
                  <Button
                    key="upload"
                    icon={<CloudUploadOutlined />}
                    onClick={() => setUploading(true)}
                    data-testid="cards-upload"
                  >
                    {t('examCards.upload')}
                  </Button>
                ) : null,
                exporter ? (
                  <Button
                    key="national"
                    icon={<ExportOutlined />}
                    onClick={() => setExporting(true)}
                    data-testid="cards-national-xml"
                  >
                    {t('examCards.nationalExport')}
                  </Button>
                ) : null,
              ]
        }
        request={async (p) => {
          const query: Query = {
            q: p.q?.trim(),
            regionCode: p.regionCode,
            from: p.examDate?.[0]?.slice(0, 10),
            to: p.examDate?.[1]?.slice(0, 10),
            auditStatus: queue === 'all' ? p.auditStatus : undefined,
            conclusionCode: p.conclusionCode,
            factorCode: p.factorCode,
            examTypeCode: p.examTypeCode,
            queue: queue === 'all' ? undefined : queue,
          };
          try {
            const res = await listExamCards({
              ...query,
              ...listTotal.param(query),
              page: p.current ?? 1,
              pageSize: p.pageSize ?? 20,
            });
            listTotal.seen(res);
            setRows(res.data);
            setSelected([]);
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
      {submitter ? (
        <ImportModal
          open={uploading}
          onClose={() => setUploading(false)}
          onImported={imported}
          door={cardDoor}
        />
      ) : null}
      {exporter ? <NationalExportModal open={exporting} onClose={() => setExporting(false)} /> : null}
      <ReviewModal
        target={review}
        onClose={() => setReview(null)}
        onReviewed={() => void action.current?.reload()}
      />
    </PageContainer>
  );
};
