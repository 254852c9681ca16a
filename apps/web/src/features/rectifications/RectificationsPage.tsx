/**
 * 整改台账 — the ledger of the QC centre and the regulators (filters: source, status, severity, region,
 * institution or finding, overdue; 登记问题 for an inspection finding; the 拒不整改 / 整改不到位 marks
 * on a second tab) and 我的整改, the institution's own items to answer. 查看 / 处理 opens the item.
 */
import {
  ModalForm,
  PageContainer,
  ProFormDatePicker,
  ProFormSelect,
  ProFormText,
  ProFormTextArea,
  ProTable,
  type ProColumns,
} from '@ant-design/pro-components';
import {
  rectificationSeverities,
  rectificationSources,
  rectificationStatuses,
  refusalKinds,
  type RectificationSummary,
  type RefusalSummary,
} from '@ohp/contracts';
import { Alert, App, Button, Form, Input, Modal, Space, Switch, Tabs, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import type { Query } from '../../shared/api';
import { reportError } from '../../shared/errors';
import { RegionPicker } from '../../shared/RegionPicker';
import {
  STATUS_COLOURS,
  liftRefusal,
  listRectifications,
  listRefusals,
  markRefusal,
  raiseRectification,
  searchInstitutions,
} from './api';
import { cutCell } from '../../shared/Ellipsis';

const INSTITUTION_KINDS = [
  'exam_institution',
  'diagnosis_institution',
  'service_institution',
  'rehab_station',
];

export const DueTag = ({ dueOn, overdueDays }: { dueOn: string; overdueDays: number }) => {
  const { t } = useTranslation();
  return (
    <Tag color={overdueDays > 0 ? 'red' : 'blue'}>
      {dueOn}
      {overdueDays > 0 ? ` · ${t('rectifications.overdue', { n: overdueDays })}` : ''}
    </Tag>
  );
};

export const RectStatusTag = ({ r }: { r: Pick<RectificationSummary, 'status' | 'roundNo'> }) => {
  const { t } = useTranslation();
  return (
    <Space size={4}>
      <Tag color={STATUS_COLOURS[r.status]}>{t(`rectifications.statuses.${r.status}`)}</Tag>
      {r.roundNo > 1 && <Tag color="orange">{t('rectifications.round', { n: r.roundNo })}</Tag>}
    </Space>
  );
};

/** Picks an institution in the user's area by name (the organisations list). */
export const InstitutionSelect = ({
  name,
  label,
  kinds,
}: {
  name: string;
  label: string;
  kinds?: string[];
}) => {
  const { t } = useTranslation();
  return (
    <ProFormSelect
      name={name}
      label={label}
      rules={[{ required: true }]}
      showSearch
      debounceTime={300}
      placeholder={t('rectifications.pickInstitution')}
      request={async ({ keyWords }: { keyWords?: string }) => {
        const all = await Promise.all(
          (kinds ?? INSTITUTION_KINDS).map((k) => searchInstitutions(keyWords ?? '', k)),
        );
        return all.flat().map((o) => ({ value: o.id, label: o.name }));
      }}
      fieldProps={{ filterOption: false, 'data-testid': `rect-${name}` } as never}
    />
  );
};

const RaiseModal = ({ onDone }: { onDone: () => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  return (
    <ModalForm
      form={form}
      title={t('rectifications.raiseTitle')}
      trigger={
        <Button type="primary" data-testid="rect-raise">
          {t('rectifications.raise')}
        </Button>
      }
      modalProps={{ destroyOnHidden: true }}
      onFinish={async (v: Record<string, unknown>) => {
        try {
          await raiseRectification({
            institutionId: v.institutionId as number,
            title: v.title as string,
            detail: (v.detail as string | undefined) ?? null,
            severity: v.severity as 'major' | 'general',
            dueOn: v.dueOn ? ((v.dueOn as Dayjs).format?.('YYYY-MM-DD') ?? (v.dueOn as string)) : null,
            reference: (v.reference as string | undefined) || null,
          });
          message.success(t('rectifications.raised'));
          onDone();
          return true;
        } catch (e) {
          reportError(message, e, form, ['institutionId', 'title', 'dueOn', 'severity']);
          return false;
        }
      }}
      initialValues={{ severity: 'general' }}
    >
      <InstitutionSelect name="institutionId" label={t('rectifications.institution')} />
      <ProFormText
        name="title"
        label={t('rectifications.title')}
        rules={[{ required: true, max: 200 }]}
        fieldProps={{ 'data-testid': 'rect-title' }}
      />
      <ProFormTextArea name="detail" label={t('rectifications.detail')} fieldProps={{ maxLength: 2000 }} />
      <ProFormSelect
        name="severity"
        label={t('rectifications.severity')}
        options={rectificationSeverities.map((s) => ({
          value: s,
          label: t(`rectifications.severities.${s}`),
        }))}
        rules={[{ required: true }]}
      />
      <ProFormDatePicker name="dueOn" label={t('rectifications.dueOn')} extra={t('rectifications.dueHint')} />
      <ProFormText
        name="reference"
        label={t('rectifications.reference')}
        extra={t('rectifications.referenceHint')}
      />
    </ModalForm>
  );
};

const ItemsTable = ({ mine }: { mine: boolean }) => {
  const { t } = useTranslation();
  const { can } = useAuth();
  const ref = useRef<{ reload: () => void }>(null);
  const [overdue, setOverdue] = useState(false);
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const columns: ProColumns<RectificationSummary>[] = [
    { title: t('rectifications.qPlaceholder'), dataIndex: 'q', hideInTable: true },
    ...(mine
      ? []
      : [
          {
            // The region under the name: the ledger fits a laptop screen without scrolling sideways.
            title: t('rectifications.institution'),
            dataIndex: 'institutionName',
            hideInSearch: true,
            width: 220,
            render: (_, r) => (
              <>
                <div>{r.institutionName}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.regionName}
                </Typography.Text>
              </>
            ),
          } as ProColumns<RectificationSummary>,
        ]),
    {
      title: t('rectifications.title'),
      dataIndex: 'title',
      hideInSearch: true,
      ...cutCell('title'),
      width: 240,
      render: (_, r) => (
        <Link to={`/rectifications/${r.id}`} data-testid={`rect-open-${r.id}`}>
          {r.title}
        </Link>
      ),
    },
    {
      title: t('rectifications.source'),
      dataIndex: 'source',
      width: 100,
      valueType: 'select',
      valueEnum: Object.fromEntries(
        rectificationSources.map((s) => [s, { text: t(`rectifications.sources.${s}`) }]),
      ),
    },
    {
      title: t('rectifications.status'),
      dataIndex: 'status',
      width: 130,
      valueType: 'select',
      valueEnum: Object.fromEntries(
        rectificationStatuses.map((s) => [s, { text: t(`rectifications.statuses.${s}`) }]),
      ),
      render: (_, r) => <RectStatusTag r={r} />,
    },
    {
      title: t('rectifications.severity'),
      dataIndex: 'severity',
      width: 100,
      valueType: 'select',
      valueEnum: Object.fromEntries(
        rectificationSeverities.map((s) => [s, { text: t(`rectifications.severities.${s}`) }]),
      ),
      render: (_, r) => (
        <Tag color={r.severity === 'major' ? 'red' : 'default'}>
          {t(`rectifications.severities.${r.severity}`)}
        </Tag>
      ),
    },
    { title: t('rectifications.raisedOn'), dataIndex: 'raisedOn', hideInSearch: true, width: 105 },
    {
      title: t('rectifications.dueOn'),
      dataIndex: 'dueOn',
      hideInSearch: true,
      width: 170,
      render: (_, r) =>
        r.status === 'closed' ? r.dueOn : <DueTag dueOn={r.dueOn} overdueDays={r.overdueDays} />,
    },
    {
      title: t('rectifications.closedOn'),
      dataIndex: 'closedOn',
      hideInSearch: true,
      width: 105,
      render: (_, r) => r.closedOn ?? '—',
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: 70,
      render: (_, r) => [
        <Link key="d" to={`/rectifications/${r.id}`}>
          {r.abilities.respond || r.abilities.verify ? t('rectifications.handle') : t('rectifications.view')}
        </Link>,
      ],
    },
  ];
  return (
    <ProTable<RectificationSummary>
      rowKey="id"
      actionRef={ref as never}
      columns={columns}
      search={{ labelWidth: 'auto' }}
      params={{ overdue, regionCode }}
      toolBarRender={() => [
        ...(mine
          ? []
          : [
              <RegionPicker
                key="r"
                value={regionCode}
                onChange={setRegionCode}
                placeholder={t('rectifications.region')}
                style={{ width: 220 }}
              />,
            ]),
        <Space key="o">
          <Switch checked={overdue} onChange={setOverdue} data-testid="rect-overdue" />
          {t('rectifications.overdueOnly')}
        </Space>,
        ...(!mine && can('rectifications:manage')
          ? [<RaiseModal key="n" onDone={() => ref.current?.reload()} />]
          : []),
      ]}
      request={async (params) => {
        const q: Query = {
          page: params.current,
          pageSize: params.pageSize,
          status: params.status as string | undefined,
          source: params.source as string | undefined,
          severity: params.severity as string | undefined,
          q: params.q as string | undefined,
          regionCode,
          overdue: overdue || undefined,
        };
        const r = await listRectifications(q);
        return { data: r.data, total: r.total, success: true };
      }}
      pagination={{ defaultPageSize: 20 }}
      scroll={{ x: mine ? 1000 : 1230 }}
      locale={{ emptyText: t('rectifications.none') }}
    />
  );
};

const MarkModal = ({ onDone }: { onDone: () => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const institutionId = Form.useWatch('institutionId', form) as number | undefined;
  return (
    <ModalForm
      form={form}
      title={t('rectifications.markTitle')}
      trigger={
        <Button type="primary" danger data-testid="rect-mark">
          {t('rectifications.mark')}
        </Button>
      }
      modalProps={{ destroyOnHidden: true }}
      initialValues={{ kind: 'refusing' }}
      onFinish={async (v: Record<string, unknown>) => {
        try {
          await markRefusal({
            institutionId: v.institutionId as number,
            kind: v.kind as 'refusing',
            reason: v.reason as string,
            markedOn: null,
            itemIds: v.itemIds as number[],
          });
          message.success(t('rectifications.marked'));
          onDone();
          return true;
        } catch (e) {
          reportError(message, e, form, ['institutionId', 'reason', 'itemIds']);
          return false;
        }
      }}
    >
      <InstitutionSelect name="institutionId" label={t('rectifications.institution')} />
      <ProFormSelect
        name="kind"
        label={t('rectifications.markKind')}
        options={refusalKinds.map((k) => ({ value: k, label: t(`rectifications.refusalKinds.${k}`) }))}
      />
      <ProFormSelect
        name="itemIds"
        label={t('rectifications.markItems')}
        mode="multiple"
        rules={[{ required: true }]}
        dependencies={['institutionId']}
        params={{ institutionId }}
        request={async () =>
          institutionId
            ? (await listRectifications({ institutionId, pageSize: 200 })).data.map((i) => ({
                value: i.id,
                label: `${i.title}（${t(`rectifications.statuses.${i.status}`)}）`,
              }))
            : []
        }
      />
      <ProFormTextArea
        name="reason"
        label={t('rectifications.markReason')}
        // The reason is published with the list (信息公开): say so where it is typed.
        extra={t('rectifications.markReasonPublic')}
        rules={[{ required: true, max: 2000 }]}
      />
    </ModalForm>
  );
};

const RefusalsTable = () => {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const ref = useRef<{ reload: () => void }>(null);
  const [all, setAll] = useState(false);
  const [lifting, setLifting] = useState<RefusalSummary | null>(null);
  const [note, setNote] = useState('');
  const columns: ProColumns<RefusalSummary>[] = [
    { title: t('rectifications.institution'), dataIndex: 'institutionName', width: 200 },
    { title: t('rectifications.region'), dataIndex: 'regionName', width: 160 },
    {
      title: t('rectifications.markKind'),
      dataIndex: 'kind',
      width: 110,
      render: (_, r) => <Tag color="red">{t(`rectifications.refusalKinds.${r.kind}`)}</Tag>,
    },
    {
      title: t('rectifications.items'),
      dataIndex: 'items',
      width: 280,
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          {r.items.map((i) => (
            <Link key={i.id} to={`/rectifications/${i.id}`}>
              {i.title}
            </Link>
          ))}
        </Space>
      ),
    },
    { title: t('rectifications.markReason'), dataIndex: 'reason', ...cutCell('reason'), width: 260 },
    { title: t('rectifications.markedOn'), dataIndex: 'markedOn', width: 105 },
    { title: t('rectifications.markedBy'), dataIndex: 'markedByName', width: 160 },
    {
      title: t('rectifications.liftedOn'),
      dataIndex: 'liftedOn',
      width: 105,
      render: (_, r) => r.liftedOn ?? '—',
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: 90,
      render: (_, r) =>
        r.abilities.lift
          ? [
              <a key="l" onClick={() => (setLifting(r), setNote(''))} data-testid={`rect-lift-${r.id}`}>
                {t('rectifications.lift')}
              </a>,
            ]
          : [],
    },
  ];
  return (
    <>
      <Alert
        type="warning"
        showIcon
        message={t('rectifications.refusalIntro')}
        style={{ marginBottom: 12 }}
      />
      <ProTable<RefusalSummary>
        rowKey="id"
        actionRef={ref as never}
        columns={columns}
        search={false}
        params={{ all }}
        toolBarRender={() => [
          <Space key="a">
            <Switch checked={all} onChange={setAll} />
            {t('rectifications.showLifted')}
          </Space>,
          ...(can('rectifications:manage')
            ? [<MarkModal key="m" onDone={() => ref.current?.reload()} />]
            : []),
        ]}
        request={async (params) => {
          const r = await listRefusals({
            page: params.current,
            pageSize: params.pageSize,
            all: all || undefined,
          });
          return { data: r.data, total: r.total, success: true };
        }}
        pagination={{ defaultPageSize: 20 }}
      />
      <Modal
        open={lifting !== null}
        title={t('rectifications.liftTitle')}
        onCancel={() => setLifting(null)}
        onOk={async () => {
          try {
            await liftRefusal(lifting!.id, { note });
            message.success(t('rectifications.lifted'));
            setLifting(null);
            ref.current?.reload();
          } catch (e) {
            reportError(message, e);
          }
        }}
        destroyOnHidden
      >
        <Typography.Paragraph>{lifting?.institutionName}</Typography.Paragraph>
        <Input.TextArea
          rows={3}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('rectifications.liftNote')}
        />
      </Modal>
    </>
  );
};

export const RectificationsPage = ({ mine = false }: { mine?: boolean }) => {
  const { t } = useTranslation();
  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <Alert
        type="info"
        showIcon
        message={mine ? t('rectifications.mineIntro') : t('rectifications.ledgerIntro')}
        style={{ marginBottom: 12 }}
      />
      {mine ? (
        <ItemsTable mine />
      ) : (
        <Tabs
          items={[
            { key: 'items', label: t('rectifications.tabItems'), children: <ItemsTable mine={false} /> },
            { key: 'refusals', label: t('rectifications.tabRefusals'), children: <RefusalsTable /> },
          ]}
        />
      )}
    </PageContainer>
  );
};
