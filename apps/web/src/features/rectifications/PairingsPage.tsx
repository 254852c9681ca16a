/**
 * 对口帮扶 — pairings in the user's area (lead and assisted institution, kind, period, focus, activities,
 * the years reported), with a drawer per pairing: its activities and yearly reports (due by 15
 * November), and for the QC centre and the regulators: record a pairing, an activity, a report, end it.
 */
import {
  ModalForm,
  PageContainer,
  ProFormDatePicker,
  ProFormDigit,
  ProFormSelect,
  ProFormTextArea,
  ProTable,
  type ProColumns,
} from '@ant-design/pro-components';
import { assistanceFocuses, pairingKinds, type PairingSummary } from '@ohp/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Drawer, Form, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { reportError } from '../../shared/errors';
import { InstitutionSelect } from './RectificationsPage';
import {
  RECTIFICATIONS_KEY,
  addPairingActivity,
  createPairing,
  getPairing,
  listPairings,
  submitPairingReport,
  updatePairing,
} from './api';

const ASSISTED_KIND: Record<string, string> = {
  diagnosis: 'diagnosis_institution',
  exam: 'exam_institution',
  rehab: 'rehab_station',
};
const day = (v: unknown): string => (typeof v === 'string' ? v : (v as Dayjs).format('YYYY-MM-DD'));

const NewPairing = ({ onDone }: { onDone: () => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const kind = (Form.useWatch('kind', form) as string | undefined) ?? 'exam';
  return (
    <ModalForm
      form={form}
      title={t('rectifications.newPairing')}
      trigger={<Button type="primary">{t('rectifications.newPairing')}</Button>}
      initialValues={{ kind: 'exam', focus: ['qms', 'qc_rectification'] }}
      modalProps={{ destroyOnHidden: true }}
      onFinish={async (v: Record<string, unknown>) => {
        try {
          await createPairing({
            kind: v.kind as 'exam',
            leadInstitutionId: v.leadInstitutionId as number,
            assistedInstitutionId: v.assistedInstitutionId as number,
            startsOn: day(v.startsOn),
            endsOn: v.endsOn ? day(v.endsOn) : null,
            focus: v.focus as never,
            note: (v.note as string) || null,
          });
          message.success(t('rectifications.pairingSaved'));
          onDone();
          return true;
        } catch (e) {
          reportError(message, e, form, ['leadInstitutionId', 'assistedInstitutionId', 'endsOn']);
          return false;
        }
      }}
    >
      <ProFormSelect
        name="kind"
        label={t('rectifications.pairingKind')}
        options={pairingKinds.map((k) => ({ value: k, label: t(`rectifications.pairingKinds.${k}`) }))}
      />
      <InstitutionSelect
        name="leadInstitutionId"
        label={t('rectifications.lead')}
        kinds={['exam_institution', 'diagnosis_institution', 'support_institution']}
      />
      <InstitutionSelect
        name="assistedInstitutionId"
        label={t('rectifications.assisted')}
        kinds={[ASSISTED_KIND[kind]!]}
      />
      <ProFormDatePicker name="startsOn" label={t('rectifications.startsOn')} rules={[{ required: true }]} />
      <ProFormDatePicker name="endsOn" label={t('rectifications.endsOn')} />
      <ProFormSelect
        name="focus"
        mode="multiple"
        label={t('rectifications.focus')}
        rules={[{ required: true }]}
        options={assistanceFocuses.map((f) => ({ value: f, label: t(`rectifications.focuses.${f}`) }))}
      />
      <ProFormTextArea name="note" label={t('rectifications.note')} />
    </ModalForm>
  );
};

const PairingDrawer = ({
  id,
  onClose,
  onChanged,
}: {
  id: number;
  onClose: () => void;
  onChanged: () => void;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const q = useQuery({ queryKey: [RECTIFICATIONS_KEY, 'pairing', id], queryFn: () => getPairing(id) });
  const p = q.data;
  const done = async () => {
    await q.refetch();
    onChanged();
  };
  return (
    <Drawer
      open
      width={760}
      onClose={onClose}
      title={p ? `${p.leadInstitutionName} → ${p.assistedInstitutionName}` : ''}
    >
      {p && (
        <Space direction="vertical" style={{ width: '100%' }} size="large">
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={t('rectifications.pairingKind')}>
              {t(`rectifications.pairingKinds.${p.kind}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('rectifications.status')}>
              {t(`rectifications.pairingStatus.${p.status}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('rectifications.lead')}>{p.leadInstitutionName}</Descriptions.Item>
            <Descriptions.Item label={t('rectifications.assisted')}>
              {p.assistedInstitutionName}
            </Descriptions.Item>
            <Descriptions.Item label={t('rectifications.startsOn')}>{p.startsOn}</Descriptions.Item>
            <Descriptions.Item label={t('rectifications.endsOn')}>{p.endsOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('rectifications.focus')} span={2}>
              {p.focus.map((f) => (
                <Tag key={f}>{t(`rectifications.focuses.${f}`)}</Tag>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label={t('rectifications.note')} span={2}>
              {p.note ?? '—'}
            </Descriptions.Item>
          </Descriptions>
          <div>
            <Space style={{ marginBottom: 8 }}>
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t('rectifications.activities')}
              </Typography.Title>
              {p.abilities.manage && (
                <ModalForm
                  title={t('rectifications.addActivity')}
                  trigger={<Button size="small">{t('rectifications.addActivity')}</Button>}
                  initialValues={{ kind: 'guidance' }}
                  modalProps={{ destroyOnHidden: true }}
                  onFinish={async (v: Record<string, unknown>) => {
                    try {
                      await addPairingActivity(p.id, {
                        activityOn: day(v.activityOn),
                        kind: v.kind as 'qms',
                        summary: v.summary as string,
                      });
                      await done();
                      return true;
                    } catch (e) {
                      reportError(message, e);
                      return false;
                    }
                  }}
                >
                  <ProFormDatePicker
                    name="activityOn"
                    label={t('rectifications.activityOn')}
                    rules={[{ required: true }]}
                  />
                  <ProFormSelect
                    name="kind"
                    label={t('rectifications.activityKind')}
                    options={assistanceFocuses.map((f) => ({
                      value: f,
                      label: t(`rectifications.focuses.${f}`),
                    }))}
                  />
                  <ProFormTextArea
                    name="summary"
                    label={t('rectifications.summary')}
                    rules={[{ required: true }]}
                  />
                </ModalForm>
              )}
            </Space>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={p.activityList}
              columns={[
                { title: t('rectifications.activityOn'), dataIndex: 'activityOn', width: 110 },
                {
                  title: t('rectifications.activityKind'),
                  dataIndex: 'kind',
                  width: 150,
                  render: (k: string) => t(`rectifications.focuses.${k}`),
                },
                { title: t('rectifications.summary'), dataIndex: 'summary' },
              ]}
            />
          </div>
          <div>
            <Space style={{ marginBottom: 8 }}>
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t('rectifications.reports')}
              </Typography.Title>
              <Typography.Text type="secondary">
                {t('rectifications.reportDue', { date: p.reportDueOn })}
              </Typography.Text>
              {p.abilities.manage && (
                <ModalForm
                  title={t('rectifications.submitReport')}
                  trigger={<Button size="small">{t('rectifications.submitReport')}</Button>}
                  initialValues={{ year: Number(p.reportDueOn.slice(0, 4)) }}
                  modalProps={{ destroyOnHidden: true }}
                  onFinish={async (v: Record<string, unknown>) => {
                    try {
                      await submitPairingReport(p.id, {
                        year: v.year as number,
                        summary: v.summary as string,
                        submittedOn: null,
                      });
                      await done();
                      return true;
                    } catch (e) {
                      reportError(message, e);
                      return false;
                    }
                  }}
                >
                  <ProFormDigit
                    name="year"
                    label={t('rectifications.year')}
                    min={2000}
                    max={2100}
                    fieldProps={{ precision: 0 }}
                  />
                  <ProFormTextArea
                    name="summary"
                    label={t('rectifications.summary')}
                    rules={[{ required: true }]}
                  />
                </ModalForm>
              )}
              {p.abilities.manage && p.status === 'active' && (
                <Button
                  size="small"
                  danger
                  onClick={async () => {
                    try {
                      await updatePairing(p.id, { status: 'ended' });
                      await done();
                    } catch (e) {
                      reportError(message, e);
                    }
                  }}
                >
                  {t('rectifications.endPairing')}
                </Button>
              )}
            </Space>
            <Table
              rowKey="year"
              size="small"
              pagination={false}
              dataSource={p.reports}
              columns={[
                { title: t('rectifications.year'), dataIndex: 'year', width: 80 },
                { title: t('rectifications.submittedOn'), dataIndex: 'submittedOn', width: 110 },
                { title: t('rectifications.summary'), dataIndex: 'summary' },
              ]}
            />
          </div>
        </Space>
      )}
    </Drawer>
  );
};

export const PairingsPage = () => {
  const { t } = useTranslation();
  const { can } = useAuth();
  const ref = useRef<{ reload: () => void }>(null);
  const [open, setOpen] = useState<number | null>(null);
  const columns: ProColumns<PairingSummary>[] = [
    {
      title: t('rectifications.pairingKind'),
      dataIndex: 'kind',
      width: 130,
      valueType: 'select',
      valueEnum: Object.fromEntries(
        pairingKinds.map((k) => [k, { text: t(`rectifications.pairingKinds.${k}`) }]),
      ),
    },
    { title: t('rectifications.lead'), dataIndex: 'leadInstitutionName', hideInSearch: true, width: 200 },
    {
      title: t('rectifications.assisted'),
      dataIndex: 'assistedInstitutionName',
      hideInSearch: true,
      width: 200,
    },
    { title: t('rectifications.region'), dataIndex: 'regionName', hideInSearch: true, width: 170 },
    {
      title: t('rectifications.period'),
      dataIndex: 'startsOn',
      hideInSearch: true,
      width: 190,
      render: (_, p) => `${p.startsOn} ~ ${p.endsOn ?? ''}`,
    },
    {
      title: t('rectifications.status'),
      dataIndex: 'status',
      hideInSearch: true,
      width: 90,
      render: (_, p) => (
        <Tag color={p.status === 'active' ? 'green' : 'default'}>
          {t(`rectifications.pairingStatus.${p.status}`)}
        </Tag>
      ),
    },
    {
      title: t('rectifications.focus'),
      dataIndex: 'focus',
      hideInSearch: true,
      width: 260,
      render: (_, p) => p.focus.map((f) => <Tag key={f}>{t(`rectifications.focuses.${f}`)}</Tag>),
    },
    { title: t('rectifications.activities'), dataIndex: 'activities', hideInSearch: true, width: 90 },
    {
      title: t('rectifications.reportYears'),
      dataIndex: 'reportYears',
      hideInSearch: true,
      width: 120,
      render: (_, p) => (p.reportYears.length ? p.reportYears.join('、') : '—'),
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: 70,
      render: (_, p) => [
        <a key="v" onClick={() => setOpen(p.id)} data-testid={`pairing-open-${p.id}`}>
          {t('rectifications.view')}
        </a>,
      ],
    },
  ];
  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <Alert type="info" showIcon message={t('rectifications.pairingsIntro')} style={{ marginBottom: 12 }} />
      <ProTable<PairingSummary>
        rowKey="id"
        actionRef={ref as never}
        columns={columns}
        search={{ labelWidth: 'auto' }}
        toolBarRender={() =>
          can('rectifications:manage') ? [<NewPairing key="n" onDone={() => ref.current?.reload()} />] : []
        }
        request={async (params) => {
          const r = await listPairings({
            page: params.current,
            pageSize: params.pageSize,
            kind: params.kind as string | undefined,
          });
          return { data: r.data, total: r.total, success: true };
        }}
        pagination={{ defaultPageSize: 20 }}
        scroll={{ x: 1500 }}
        locale={{ emptyText: t('rectifications.noPairings') }}
      />
      {open !== null && (
        <PairingDrawer id={open} onClose={() => setOpen(null)} onChanged={() => ref.current?.reload()} />
      )}
    </PageContainer>
  );
};
