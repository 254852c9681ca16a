/**
 * 质控评估 — the list: the QC centre and the commissions see their region's assessments and
 * self-assessments (open first), an institution its own results. With `self`: 机构自评, the institution's
 * own self-assessments and the button to start one against a published form for its kind.
 */
import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { qcAssessmentStatuses, qcGrades, type QcAssessmentSummary } from '@ohp/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Form, InputNumber, Modal, Select, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import type { Query } from '../../shared/api';
import { reportError } from '../../shared/errors';
import { useRegionNames } from '../exam-cards/api';
import { GRADE_COLOURS, QC_KEY, STATUS_COLOURS, createSelf, listAssessments, listTemplates } from './api';

export const GradeTag = ({ a }: { a: Pick<QcAssessmentSummary, 'grade' | 'percent'> }) => {
  const { t } = useTranslation();
  if (!a.grade) return <>—</>;
  return (
    <Tag color={GRADE_COLOURS[a.grade]} data-testid="qc-grade">
      {t(`qc.grades.${a.grade}`)}
      {a.percent !== null ? ` ${a.percent}%` : ''}
    </Tag>
  );
};

export const QcAssessmentsPage = ({ self = false }: { self?: boolean }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [regions, setRegions] = useState<string[]>([]);
  const regionNames = useRegionNames(regions);
  const [starting, setStarting] = useState(false);
  const [form] = Form.useForm<{ templateCode: string; year: number }>();
  const forms = useQuery({
    queryKey: [QC_KEY, 'templates', 'self'],
    queryFn: () => listTemplates({ forSelf: true }),
    enabled: self,
  });

  const columns: ProColumns<QcAssessmentSummary>[] = [
    { title: t('qc.qPlaceholder'), dataIndex: 'q', hideInTable: true },
    {
      title: t('qc.institution'),
      dataIndex: 'institutionName',
      hideInSearch: true,
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <Link to={`/qc/assessments/${r.id}`}>{r.institutionName}</Link>
          <span style={{ color: '#888', fontSize: 12 }}>{regionNames.path(r.regionCode)}</span>
        </Space>
      ),
    },
    {
      title: t('qc.mode'),
      dataIndex: 'mode',
      width: 120,
      hideInSearch: self,
      valueType: 'select',
      valueEnum: { assessment: { text: t('qc.modes.assessment') }, self: { text: t('qc.modes.self') } },
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          {t(`qc.modes.${r.mode}`)}
          {r.planEntryKind === 'extra' && <Tag color="volcano">{t('qc.entryKinds.extra')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('qc.template'),
      dataIndex: 'template',
      hideInSearch: true,
      width: 260,
      render: (_, r) => (
        <Space size={4} wrap>
          <span>{`${r.template.name} v${r.template.version}`}</span>
          {r.template.provisional && <Tag color="orange">{t('qc.provisional')}</Tag>}
        </Space>
      ),
    },
    { title: t('qc.year'), dataIndex: 'year', width: 80, valueType: 'digit' },
    {
      title: t('qc.scheduledOn'),
      dataIndex: 'scheduledOn',
      hideInSearch: true,
      width: 170,
      render: (_, r) =>
        r.mode === 'self' ? (
          r.submittedAt ? (
            dayjs(r.submittedAt).format('YYYY-MM-DD')
          ) : (
            '—'
          )
        ) : (
          <Space direction="vertical" size={0}>
            {r.scheduledOn}
            <span style={{ color: '#888', fontSize: 12 }}>{r.assessors.join('、')}</span>
          </Space>
        ),
    },
    {
      title: t('qc.status'),
      dataIndex: 'status',
      width: 110,
      valueType: 'select',
      valueEnum: Object.fromEntries(qcAssessmentStatuses.map((s) => [s, { text: t(`qc.statuses.${s}`) }])),
      render: (_, r) => <Tag color={STATUS_COLOURS[r.status]}>{t(`qc.statuses.${r.status}`)}</Tag>,
    },
    {
      title: t('qc.grade'),
      dataIndex: 'grade',
      width: 150,
      valueType: 'select',
      valueEnum: Object.fromEntries(qcGrades.map((g) => [g, { text: t(`qc.grades.${g}`) }])),
      render: (_, r) => (
        <Space size={4}>
          <GradeTag a={r} />
          {r.majorProblem && <Tag color="magenta">{t('qc.major')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: 80,
      render: (_, r) => [
        <Link key="d" to={`/qc/assessments/${r.id}`} data-testid={`qc-assessment-open-${r.id}`}>
          {r.abilities.score || r.abilities.review ? t('qc.open') : t('qc.view')}
        </Link>,
      ],
    },
  ];

  return (
    <PageContainer
      title={false}
      breadcrumbRender={false}
      extra={
        self && (
          <Button type="primary" onClick={() => setStarting(true)} data-testid="qc-self-start">
            {t('qc.startSelf')}
          </Button>
        )
      }
    >
      <Alert
        type="info"
        showIcon
        message={
          self
            ? t('qc.selfIntro')
            : can('qc:self_assess')
              ? t('qc.institutionAssessmentsIntro')
              : t('qc.assessmentsIntro')
        }
        style={{ marginBottom: 12 }}
      />
      <ProTable<QcAssessmentSummary>
        rowKey="id"
        columns={columns}
        search={{ labelWidth: 'auto' }}
        params={{ self }}
        request={async (params) => {
          const q: Query = {
            page: params.current,
            pageSize: params.pageSize,
            mode: self ? 'self' : (params.mode as string | undefined),
            status: params.status as string | undefined,
            grade: params.grade as string | undefined,
            year: params.year as number | undefined,
            q: params.q as string | undefined,
          };
          const r = await listAssessments(q);
          setRegions([...new Set(r.data.map((x) => x.regionCode))]);
          return { data: r.data, total: r.total, success: true };
        }}
        pagination={{ defaultPageSize: 20 }}
        locale={{ emptyText: t('qc.none') }}
      />
      <Modal
        open={starting}
        title={t('qc.startSelfTitle')}
        okText={t('qc.startSelf')}
        cancelText={t('common.cancel')}
        onCancel={() => setStarting(false)}
        destroyOnHidden
        onOk={async () => {
          const f = await form.validateFields();
          try {
            const r = await createSelf(f);
            message.success(t('qc.selfStarted'));
            setStarting(false);
            navigate(`/qc/assessments/${r.id}`);
          } catch (e) {
            reportError(message, e, form, ['templateCode', 'year']);
          }
        }}
      >
        <Form form={form} layout="vertical" initialValues={{ year: dayjs().year() }}>
          <Form.Item name="templateCode" label={t('qc.selfTemplate')} rules={[{ required: true }]}>
            <Select
              data-testid="qc-self-template"
              options={(forms.data ?? []).map((f) => ({
                value: f.code,
                label: `${f.name} v${f.version}${f.provisional ? ` (${t('qc.provisional')})` : ''}`,
              }))}
            />
          </Form.Item>
          <Form.Item name="year" label={t('qc.year')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
};
