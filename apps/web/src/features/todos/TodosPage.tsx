/**
 * 待办事项: the statutory clocks my organisation must meet — and for regulators and the QC centre the
 * overdue ones of their region — by state (overdue, due soon, not due yet, done) with counts, by kind,
 * each with its subject (opened in place: the exam card behind a suspected case or a contraindication, a
 * diagnosis report), its due date, days left or overdue and the rule's legal basis and confidence.
 * The filters live in the address (?state=&kind=&relation=), so the workbench cards and the
 * notifications link to a filtered list.
 */
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { todoStates, type Todo, type TodoState, type TodoSummary } from '@ohp/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Segmented, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { reportError } from '../../shared/errors';
import { fmtDate, fmtDateTime } from '../../shared/format';
import { DiagnosisReportDetail } from '../diagnosis-reports/DiagnosisReportDetail';
import { CARDS_KEY } from '../exam-cards/api';
import { ExamCardDetail } from '../exam-cards/ExamCardDetail';
import { ReviewModal, type ReviewTarget } from '../exam-cards/ReviewModal';
import { listTodos, todoSummary, TODOS_KEY } from './api';
import { Ellipsis } from '../../shared/Ellipsis';

type Tab = 'pending' | TodoState;
type Relation = 'all' | 'own' | 'region';

const STATE_COLOURS: Record<TodoState, string> = {
  overdue: 'red',
  due_soon: 'orange',
  open: 'blue',
  done: 'green',
};
const BADGE_COLOURS: Record<Tab, string> = {
  pending: '#8c8c8c',
  overdue: '#cf1322',
  due_soon: '#fa8c16',
  open: '#1677ff',
  done: '#52c41a',
};

/** Organisation kinds that also watch their region's overdue clocks (as the server's inbox scope). */
const WATCHERS = ['health_commission', 'disease_control_bureau', 'qc_centre'];

const isTab = (v: string | null): v is Tab => v === 'pending' || todoStates.includes(v as TodoState);
const isRelation = (v: string | null): v is Relation => v === 'all' || v === 'own' || v === 'region';

const countOf = (s: TodoSummary | undefined, tab: Tab, kind: string | undefined): number => {
  if (!s) return 0;
  const c = kind ? s.kinds.find((k) => k.kind === kind)?.counts : s.totals;
  if (!c) return 0;
  return tab === 'pending' ? c.overdue + c.due_soon + c.open : c[tab];
};

export const TodosPage = () => {
  const { t, i18n } = useTranslation();
  const { me, can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const action = useRef<ActionType>();
  const [params, setParams] = useSearchParams();
  const watcher = WATCHERS.includes(me?.organisation.kind ?? '');
  const tab: Tab = isTab(params.get('state')) ? (params.get('state') as Tab) : 'pending';
  const relation: Relation =
    watcher && isRelation(params.get('relation')) ? (params.get('relation') as Relation) : 'all';
  const kind = params.get('kind') ?? undefined;
  const [asOf, setAsOf] = useState('');
  const [card, setCard] = useState<number | null>(null);
  const [report, setReport] = useState<number | null>(null);
  const [review, setReview] = useState<ReviewTarget | null>(null);
  const summary = useQuery({
    queryKey: [TODOS_KEY, 'summary', relation, i18n.language],
    queryFn: () => todoSummary({ relation: relation === 'all' ? undefined : relation }),
  });

  const setFilter = (key: 'state' | 'kind' | 'relation', value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  // A new filter starts again on page 1.
  useEffect(() => {
    action.current?.setPageInfo?.({ current: 1 });
  }, [tab, relation, kind]);

  const openSubject = (r: Todo) => {
    if (r.subject.examCardId !== null && can('exam_reports:read')) setCard(r.subject.examCardId);
    else if (r.subject.type === 'diagnosis_report' && can('diagnosis_reports:read')) setReport(r.subject.id);
    else if (r.link) navigate(r.link);
    else void message.info(t('todos.noLink'));
  };

  const columns: ProColumns<Todo>[] = [
    {
      title: t('todos.state'),
      dataIndex: 'state',
      width: 130,
      render: (_, r) => (
        <Space direction="vertical" size={2}>
          <Tag color={STATE_COLOURS[r.state]} data-testid="todo-state" data-state={r.state}>
            {t(`todos.states.${r.state}`)}
          </Tag>
          {watcher ? (
            <Tag bordered={false} style={{ fontSize: 11 }}>
              {t(`todos.relationTag.${r.relation}`)}
            </Tag>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('todos.name'),
      dataIndex: 'name',
      width: 220,
      render: (_, r) => (
        <div style={{ lineHeight: '20px' }}>
          <Typography.Text strong>{r.name}</Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('todos.rule', {
                days: r.days,
                dayType: t(`todos.dayTypes.${r.dayType}`, { defaultValue: r.dayType }),
              })}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('todos.subject'),
      dataIndex: ['subject', 'label'],
      width: 280,
      render: (_, r) => (
        <div style={{ lineHeight: '20px' }}>
          <a onClick={() => openSubject(r)} data-testid="todo-subject">
            {r.subject.label}
          </a>
          {r.relation === 'region' && r.responsibleOrganisationName ? (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('todos.responsible', { name: r.responsibleOrganisationName })}
              </Typography.Text>
            </div>
          ) : null}
        </div>
      ),
    },
    {
      title: t('todos.dueOn'),
      dataIndex: 'dueOn',
      width: 160,
      render: (_, r) => (
        <div style={{ lineHeight: '20px' }} data-testid="todo-due">
          <Typography.Text strong={r.state === 'overdue'} type={r.state === 'overdue' ? 'danger' : undefined}>
            {fmtDate(r.dueOn)}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.doneAt
                ? t('todos.doneAt', { date: fmtDate(r.doneAt) })
                : r.overdueDays > 0
                  ? t('todos.overdueDays', { days: r.overdueDays })
                  : r.daysLeft === 0
                    ? t('todos.dueToday')
                    : t('todos.daysLeft', { days: r.daysLeft ?? 0 })}
            </Typography.Text>
          </div>
          {r.warnedAt ? (
            <Tooltip title={fmtDateTime(r.warnedAt)}>
              <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                {t('todos.warned')}
              </Typography.Text>
            </Tooltip>
          ) : null}
        </div>
      ),
    },
    {
      title: t('todos.basis'),
      dataIndex: 'legalBasis',
      render: (_, r) => (
        <div style={{ lineHeight: '18px' }}>
          <Tooltip title={t(`todos.confidenceTip.${r.confidence}`, { defaultValue: r.confidence })}>
            <Tag
              color={r.confidence === 'verified' ? 'green' : r.confidence === 'reported' ? 'blue' : 'gold'}
              bordered={false}
              style={{ cursor: 'help' }}
              data-testid="todo-confidence"
            >
              {t(`todos.confidence.${r.confidence}`, { defaultValue: r.confidence })}
            </Tag>
          </Tooltip>
          <Ellipsis
            tip={r.legalBasis}
            rows={2}
            type="secondary"
            style={{ fontSize: 12, margin: '4px 0 0' }}
          />
        </div>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      fixed: 'right',
      render: (_, r) => (
        <a onClick={() => openSubject(r)} data-testid="todo-open">
          {t('todos.open')}
        </a>
      ),
    },
  ];

  const tabs: Tab[] = ['pending', ...todoStates];
  const kindOptions = (summary.data?.kinds ?? []).map((k) => ({
    value: k.kind,
    label: `${k.name}（${k.counts.overdue + k.counts.due_soon + k.counts.open}）`,
  }));

  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 1000 }}>
        {t('todos.intro')}
      </Typography.Paragraph>
      <ProTable<Todo>
        key={i18n.language}
        rowKey="id"
        actionRef={action}
        columns={columns}
        params={{ tab, relation, kind }}
        search={false}
        scroll={{ x: 1100 }}
        options={{ reload: true, density: false, setting: false }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showQuickJumper: true }}
        headerTitle={
          <Space size={12} wrap>
            <span>{t('todos.title')}</span>
            {asOf ? (
              <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                {t('todos.asOf', { date: asOf })}
              </Typography.Text>
            ) : null}
          </Space>
        }
        toolBarRender={() => [
          <Space key="filters" wrap>
            {watcher ? (
              <Segmented<Relation>
                value={relation}
                onChange={(v) => setFilter('relation', v === 'all' ? undefined : v)}
                options={(['all', 'own', 'region'] as Relation[]).map((v) => ({
                  value: v,
                  label: <span data-testid={`todo-relation-${v}`}>{t(`todos.relations.${v}`)}</span>,
                }))}
              />
            ) : null}
            <Segmented<Tab>
              value={tab}
              onChange={(v) => setFilter('state', v === 'pending' ? undefined : v)}
              options={tabs.map((s) => ({
                value: s,
                label: (
                  <span data-testid={`todo-tab-${s}`}>
                    {t(`todos.states.${s}`)}{' '}
                    <Badge
                      count={countOf(summary.data, s, kind)}
                      showZero
                      overflowCount={99999}
                      color={BADGE_COLOURS[s]}
                    />
                  </span>
                ),
              }))}
            />
            <Select
              allowClear
              style={{ minWidth: 240 }}
              placeholder={t('todos.kindPlaceholder')}
              value={kind}
              onChange={(v?: string) => setFilter('kind', v)}
              options={kindOptions}
              data-testid="todo-kind"
            />
          </Space>,
        ]}
        request={async (p) => {
          try {
            const res = await listTodos({
              state: tab === 'pending' ? undefined : tab,
              kind,
              relation: relation === 'all' ? undefined : relation,
              page: p.current ?? 1,
              pageSize: p.pageSize ?? 20,
            });
            setAsOf(res.asOf);
            return { data: res.data, total: res.total, success: true };
          } catch (e) {
            reportError(message, e);
            return { data: [], total: 0, success: false };
          }
        }}
      />
      <ExamCardDetail id={card} onClose={() => setCard(null)} onOpen={setCard} onReview={setReview} />
      <DiagnosisReportDetail id={report} onClose={() => setReport(null)} />
      <ReviewModal
        target={review}
        onClose={() => setReview(null)}
        onReviewed={() => {
          void qc.invalidateQueries({ queryKey: [CARDS_KEY] });
          void qc.invalidateQueries({ queryKey: [TODOS_KEY] });
          void action.current?.reload();
        }}
      />
    </PageContainer>
  );
};
