/**
 * 年度质控计划 — the plan of a year: the two-year coverage against 100 % (a bar), the entries (every filed
 * exam and diagnosis institution, plus extra visits) ranked by risk with its parts shown, and the QC
 * centre's actions: make the plan, add the newly filed, schedule an assessment, add an extra visit,
 * record complaints.
 */
import { PageContainer } from '@ant-design/pro-components';
import type { QcPlanEntry } from '@ohp/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useDashboardFilter } from '../../shared/dashboard-filter';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { reportError } from '../../shared/errors';
import { useRegionNames } from '../exam-cards/api';
import {
  GRADE_COLOURS,
  QC_KEY,
  STATUS_COLOURS,
  addExtraVisit,
  createPlan,
  getPlan,
  listPlans,
  recordComplaints,
  refreshPlan,
  scheduleAssessment,
} from './api';

type Action = { kind: 'schedule' | 'extra' | 'complaints'; entry: QcPlanEntry } | null;

const RiskParts = ({ e }: { e: QcPlanEntry }) => {
  const { t } = useTranslation();
  const r = e.risk;
  return (
    <Space size={4} wrap style={{ fontSize: 12 }}>
      <Tag>{`${t('qc.volume')} ${r.volume} → ${r.volumePoints}`}</Tag>
      <Tag
        color={r.complaints ? 'orange' : undefined}
      >{`${t('qc.complaints')} ${r.complaints} → ${r.complaintPoints}`}</Tag>
      <Tag
        color={r.pastFailures ? 'red' : undefined}
      >{`${t('qc.pastFailures')} ${r.pastFailures} → ${r.failurePoints}`}</Tag>
      <Tag
        color={r.lateRectifications ? 'red' : undefined}
      >{`${t('qc.late')} ${r.lateRectifications} → ${r.latePoints}`}</Tag>
    </Space>
  );
};

export const QcPlansPage = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const plans = useQuery({ queryKey: [QC_KEY, 'plans'], queryFn: listPlans });
  // Opened from a figure of the dashboard (质控覆盖率): the plan of the figure's year, its region's entries.
  const fromDashboard = useDashboardFilter();
  const wantedYear = fromDashboard.range ? Number(fromDashboard.range[0].slice(0, 4)) : null;
  const [regionPrefix, setRegionPrefix] = useState<string | null>(fromDashboard.regionCode ?? null);
  const [planId, setPlanId] = useState<number | null>(null);
  useEffect(() => {
    if (planId === null && plans.data?.[0])
      setPlanId(plans.data.find((x) => x.year === wantedYear)?.id ?? plans.data[0].id);
  }, [plans.data, planId, wantedYear]);
  const plan = useQuery({
    queryKey: [QC_KEY, 'plan', planId],
    queryFn: () => getPlan(planId!),
    enabled: planId !== null,
  });
  const p = plan.data;
  const regionNames = useRegionNames([...(p?.entries.map((e) => e.regionCode) ?? []), regionPrefix ?? '']);
  const [creating, setCreating] = useState(false);
  const [action, setAction] = useState<Action>(null);
  const [createForm] = Form.useForm<{ year: number; note?: string }>();
  const [form] = Form.useForm<{
    scheduledOn?: dayjs.Dayjs;
    assessors?: string[];
    reason?: string;
    complaints?: number;
    note?: string;
  }>();
  const manager = can('qc:manage');
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: [QC_KEY] });
  };

  const act = async () => {
    if (!action || !p) return;
    const f = await form.validateFields();
    try {
      if (action.kind === 'schedule') {
        const r = await scheduleAssessment({
          planEntryId: action.entry.id,
          scheduledOn: f.scheduledOn!.format('YYYY-MM-DD'),
          assessors: f.assessors ?? [],
        });
        message.success(t('qc.scheduled'));
        setAction(null);
        await refresh();
        navigate(`/qc/assessments/${r.id}`);
        return;
      }
      if (action.kind === 'extra') {
        await addExtraVisit(p.id, { entryId: action.entry.id, reason: f.reason ?? '' });
        message.success(t('qc.extraAdded'));
      } else {
        await recordComplaints(p.id, {
          entryId: action.entry.id,
          complaints: f.complaints ?? 0,
          note: f.note ?? null,
        });
        message.success(t('qc.complaintsSaved'));
      }
      setAction(null);
      await refresh();
    } catch (e) {
      reportError(message, e, form, ['scheduledOn', 'assessors', 'reason', 'complaints']);
    }
  };

  const entries = [...(p?.entries ?? [])]
    .filter((e) => !regionPrefix || e.regionCode.startsWith(regionPrefix))
    .sort((a, b) => b.risk.score - a.risk.score || a.id - b.id);

  return (
    <PageContainer
      title={false}
      breadcrumbRender={false}
      extra={
        <Space>
          {(plans.data?.length ?? 0) > 0 && (
            <Select
              style={{ width: 140 }}
              value={planId}
              onChange={setPlanId}
              options={(plans.data ?? []).map((x) => ({ value: x.id, label: `${x.year} ${t('qc.year')}` }))}
              data-testid="qc-plan-year"
            />
          )}
          {manager && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="qc-plan-create">
              {t('qc.createPlan')}
            </Button>
          )}
        </Space>
      }
    >
      <Alert
        type="info"
        showIcon
        message={manager || !p || p.entries.length > 2 ? t('qc.plansIntro') : t('qc.institutionPlanIntro')}
        style={{ marginBottom: 12 }}
      />
      {!p && !plans.isLoading && <Empty description={t('qc.noPlan')} />}
      {p && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Card size="small" title={`${p.year} ${t('qc.menuPlans')}`} extra={p.note}>
            <Row gutter={24} align="middle">
              <Col xs={24} md={10}>
                <Typography.Text strong>{t('qc.coverage')}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('qc.coverageHint', { year1: p.year - 1, year: p.year })}
                </Typography.Text>
                <Progress
                  percent={p.coveragePercent}
                  success={{ percent: p.coveragePercent >= p.coverageTarget ? p.coveragePercent : 0 }}
                  status={p.coveragePercent >= p.coverageTarget ? 'success' : 'active'}
                  format={(v) => `${v}% / ${p.coverageTarget}%`}
                  data-testid="qc-coverage"
                />
              </Col>
              <Col xs={12} md={3}>
                <Statistic title={t('qc.due')} value={p.due} />
              </Col>
              <Col xs={12} md={3}>
                <Statistic title={t('qc.covered')} value={p.coveredInCycle} />
              </Col>
              <Col xs={12} md={4}>
                <Statistic title={t('qc.assessedThisYear')} value={p.assessedThisYear} />
              </Col>
              <Col xs={12} md={4}>
                <Statistic title={t('qc.extraVisits')} value={p.extraVisits} />
              </Col>
            </Row>
            {p.missing > 0 && (
              <Alert
                style={{ marginTop: 12 }}
                type="warning"
                showIcon
                message={t('qc.missing', { n: p.missing })}
                action={
                  p.abilities.manage && (
                    <Button
                      size="small"
                      onClick={async () => {
                        try {
                          const r = await refreshPlan(p.id);
                          message.success(t('qc.refreshed', { n: r.added }));
                          await refresh();
                        } catch (e) {
                          reportError(message, e);
                        }
                      }}
                    >
                      {t('qc.refresh')}
                    </Button>
                  )
                }
              />
            )}
          </Card>
          <Card size="small" title={t('qc.ranking')}>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('qc.rankingHint', {
                volumeMax: p.weights.volumeMax,
                perComplaint: p.weights.perComplaint,
                perPastFailure: p.weights.perPastFailure,
                perLate: p.weights.perLateRectification,
                proposeAt: p.weights.proposeAt,
              })}
            </Typography.Paragraph>
            {regionPrefix && (
              <Tag
                closable
                onClose={() => setRegionPrefix(null)}
                style={{ marginBottom: 8 }}
                data-testid="qc-plan-region"
              >
                {t('qc.regionFilter', { region: regionNames.path(regionPrefix), n: entries.length })}
              </Tag>
            )}
            <Table<QcPlanEntry>
              rowKey="id"
              size="small"
              dataSource={entries}
              pagination={{ defaultPageSize: 20 }}
              columns={[
                {
                  title: t('qc.institution'),
                  render: (_, e) => (
                    <Space direction="vertical" size={0}>
                      <span>{e.institutionName}</span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t(`qc.kinds.${e.institutionKind}`)} · {regionNames.path(e.regionCode)}
                      </Typography.Text>
                    </Space>
                  ),
                },
                {
                  title: t('qc.entryKind'),
                  width: 110,
                  render: (_, e) => (
                    <Tooltip title={e.reason}>
                      <Tag color={e.kind === 'extra' ? 'volcano' : undefined}>
                        {t(`qc.entryKinds.${e.kind}`)}
                      </Tag>
                    </Tooltip>
                  ),
                },
                {
                  title: t('qc.risk'),
                  width: 90,
                  sorter: (a, b) => a.risk.score - b.risk.score,
                  render: (_, e) => (
                    <Space direction="vertical" size={0}>
                      <Typography.Text strong>{e.risk.score}</Typography.Text>
                      {e.proposeExtra && <Tag color="red">{t('qc.proposeExtra')}</Tag>}
                    </Space>
                  ),
                },
                { title: t('qc.riskParts'), width: 330, render: (_, e) => <RiskParts e={e} /> },
                {
                  title: t('qc.assessment'),
                  width: 190,
                  render: (_, e) =>
                    e.assessmentId ? (
                      <Link to={`/qc/assessments/${e.assessmentId}`}>
                        <Space size={4}>
                          <Tag color={STATUS_COLOURS[e.assessmentStatus ?? '']}>
                            {t(`qc.statuses.${e.assessmentStatus}`)}
                          </Tag>
                          {e.grade && <Tag color={GRADE_COLOURS[e.grade]}>{t(`qc.grades.${e.grade}`)}</Tag>}
                          {!e.grade && e.scheduledOn}
                        </Space>
                      </Link>
                    ) : (
                      <Typography.Text type="secondary">{t('qc.notScheduled')}</Typography.Text>
                    ),
                },
                ...(p.abilities.manage
                  ? [
                      {
                        title: t('common.actions'),
                        width: 220,
                        render: (_: unknown, e: QcPlanEntry) => (
                          <Space size={8} wrap>
                            {!e.assessmentId && (
                              <a
                                data-testid={`qc-plan-schedule-${e.id}`}
                                onClick={() => {
                                  form.resetFields();
                                  setAction({ kind: 'schedule', entry: e });
                                }}
                              >
                                {t('qc.schedule')}
                              </a>
                            )}
                            {e.kind === 'routine' && (
                              <a
                                data-testid={`qc-plan-extra-${e.id}`}
                                onClick={() => {
                                  form.resetFields();
                                  setAction({ kind: 'extra', entry: e });
                                }}
                              >
                                {t('qc.addExtra')}
                              </a>
                            )}
                            {e.kind === 'routine' && (
                              <a
                                onClick={() => {
                                  form.resetFields();
                                  form.setFieldsValue({ complaints: e.risk.complaints });
                                  setAction({ kind: 'complaints', entry: e });
                                }}
                              >
                                {t('qc.recordComplaints')}
                              </a>
                            )}
                          </Space>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </Space>
      )}
      <Modal
        open={creating}
        title={t('qc.createPlanTitle')}
        okText={t('qc.createPlan')}
        cancelText={t('common.cancel')}
        onCancel={() => setCreating(false)}
        destroyOnHidden
        onOk={async () => {
          const f = await createForm.validateFields();
          try {
            const r = await createPlan({ year: f.year, note: f.note ?? null });
            message.success(t('qc.planCreated', { year: r.year, n: r.entries }));
            setCreating(false);
            setPlanId(r.id);
            await refresh();
          } catch (e) {
            reportError(message, e, createForm, ['year']);
          }
        }}
      >
        <Form form={createForm} layout="vertical" initialValues={{ year: dayjs().year() }}>
          <Form.Item name="year" label={t('qc.year')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="note" label={t('qc.planNote')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={action !== null}
        title={
          action &&
          `${action.kind === 'schedule' ? t('qc.scheduleTitle') : action.kind === 'extra' ? t('qc.addExtraTitle') : t('qc.complaintsTitle')}：${action.entry.institutionName}`
        }
        okText={t('qc.save')}
        cancelText={t('common.cancel')}
        onCancel={() => setAction(null)}
        onOk={() => void act()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          {action?.kind === 'schedule' && (
            <>
              <Form.Item name="scheduledOn" label={t('qc.scheduledOn')} rules={[{ required: true }]}>
                <DatePicker data-testid="qc-schedule-date" />
              </Form.Item>
              <Form.Item
                name="assessors"
                label={t('qc.assessors')}
                extra={t('qc.assessorsHint')}
                rules={[{ required: true }]}
              >
                <Select mode="tags" open={false} data-testid="qc-schedule-assessors" />
              </Form.Item>
            </>
          )}
          {action?.kind === 'extra' && (
            <>
              <RiskParts e={action.entry} />
              <Form.Item
                name="reason"
                label={t('qc.reason')}
                rules={[{ required: true }]}
                style={{ marginTop: 12 }}
              >
                <Input.TextArea rows={2} maxLength={500} data-testid="qc-extra-reason" />
              </Form.Item>
            </>
          )}
          {action?.kind === 'complaints' && (
            <>
              <Form.Item name="complaints" label={t('qc.complaints')} rules={[{ required: true }]}>
                <InputNumber min={0} max={100000} />
              </Form.Item>
              <Form.Item name="note" label={t('qc.note')}>
                <Input maxLength={500} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </PageContainer>
  );
};
