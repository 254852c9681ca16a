/**
 * 外出体检告知 — the exam institution's outbound-exam notices: the list (newest first, awaiting ones on
 * top), a drawer to draft or edit one from the filing (employer picker or typed employer with its county;
 * dates with the earliest allowed start date shown as they are picked, computed on the working
 * calendar; factor, staff, vehicle and equipment pickers from the filing), submit (refused with the
 * reason and the earliest date when late), withdraw, and the printable notice once submitted.
 */
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { outboundStatuses, type OutboundNoticeInput, type OutboundNoticeSummary } from '@ohp/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Spin,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Query } from '../../shared/api';
import { ApiError } from '../../shared/api';
import { RegionPicker } from '../../shared/RegionPicker';
import { reportError } from '../../shared/errors';
import { fmtDateTime } from '../../shared/format';
import { reasonText } from '../../shared/messages';
import {
  OUTBOUND_KEY,
  createNotice,
  getNotice,
  getOptions,
  getTiming,
  listNotices,
  searchEmployers,
  submitNotice,
  updateNotice,
  withdrawNotice,
  type EmployerChoice,
} from './api';
import { NoticeView, StatusTag } from './NoticeView';
import { cutCell } from '../../shared/Ellipsis';

type FormValues = {
  employerId?: number | null;
  employerName?: string;
  employerCreditCode?: string | null;
  employerRegionCode?: string;
  siteAddress: string;
  dates: [Dayjs, Dayjs];
  hazardCodes: string[];
  examItems?: string | null;
  staff: string[];
  vehicles: string[];
  equipment: string[];
  expectedCount: number;
  contactName?: string | null;
  contactPhone?: string | null;
  note?: string | null;
};

const D = 'YYYY-MM-DD';

/** The timing line under the dates: the earliest allowed start, and whether the picked start meets it. */
const TimingHint = ({ start }: { start?: string }) => {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: [OUTBOUND_KEY, 'timing', start ?? ''], queryFn: () => getTiming(start) });
  const r = q.data;
  if (!r) return null;
  const provisional = r.provisional ? t('outbound.earliestProvisional') : '';
  if (r.allowed === null)
    return (
      <Typography.Text type="secondary" data-testid="outbound-earliest">
        {t('outbound.earliest', { date: r.earliestStartDate })}
        {provisional}
      </Typography.Text>
    );
  return r.allowed ? (
    <Typography.Text type="success" data-testid="outbound-earliest">
      {t('outbound.startOk', { n: r.noticeWorkingDays, counted: r.workingDaysCounted })}
      {' · '}
      {t('outbound.earliest', { date: r.earliestStartDate })}
      {provisional}
    </Typography.Text>
  ) : (
    <Typography.Text type="danger" data-testid="outbound-earliest">
      {t('outbound.startLate', { counted: r.workingDaysCounted, date: r.earliestStartDate })}
      {provisional}
    </Typography.Text>
  );
};

const NoticeForm = ({
  id,
  onClose,
  onSaved,
}: {
  id: number | null;
  onClose: () => void;
  onSaved: () => void;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const options = useQuery({ queryKey: [OUTBOUND_KEY, 'options'], queryFn: getOptions });
  const existing = useQuery({
    queryKey: [OUTBOUND_KEY, 'detail', id],
    queryFn: () => getNotice(id!),
    enabled: id !== null,
  });
  const [employers, setEmployers] = useState<EmployerChoice[]>([]);
  const [saving, setSaving] = useState(false);
  const dates = Form.useWatch('dates', form);
  const employerId = Form.useWatch('employerId', form);
  const o = options.data;

  useEffect(() => {
    const n = existing.data;
    if (!n) return;
    form.setFieldsValue({
      employerId: n.employerId,
      employerName: n.employerName,
      employerCreditCode: n.employerCreditCode,
      employerRegionCode: n.employerRegionCode,
      siteAddress: n.siteAddress,
      dates: [dayjs(n.startDate), dayjs(n.endDate)],
      hazardCodes: n.hazards.map((h) => h.code),
      examItems: n.examItems,
      staff: n.staff.map((s) => s.name),
      vehicles: n.vehicles.map((v) => v.plateNo),
      equipment: n.equipment.map((e) => e.name),
      expectedCount: n.expectedCount,
      contactName: n.contactName,
      contactPhone: n.contactPhone,
      note: n.note,
    });
  }, [existing.data, form]);

  const save = async () => {
    const v = await form.validateFields();
    const body: OutboundNoticeInput = {
      employerId: v.employerId ?? null,
      employerName: v.employerName?.trim(),
      employerCreditCode: v.employerCreditCode?.trim() || null,
      employerRegionCode: v.employerRegionCode,
      siteAddress: v.siteAddress.trim(),
      startDate: v.dates[0].format(D),
      endDate: v.dates[1].format(D),
      hazardCodes: v.hazardCodes,
      examItems: v.examItems?.trim() || null,
      staff: v.staff.map((name) => ({ name })),
      vehicles: (v.vehicles ?? []).map((plateNo) => ({ plateNo })),
      equipment: (v.equipment ?? []).map((name) => ({ name, quantity: 1 })),
      expectedCount: v.expectedCount,
      contactName: v.contactName?.trim() || null,
      contactPhone: v.contactPhone?.trim() || null,
      note: v.note?.trim() || null,
    };
    setSaving(true);
    try {
      if (id === null) await createNotice(body);
      else await updateNotice(id, body);
      message.success(t('outbound.saved'));
      onSaved();
    } catch (e) {
      reportError(message, e, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open
      width={860}
      title={id === null ? t('outbound.create') : t('outbound.edit')}
      onClose={onClose}
      extra={
        <Button type="primary" loading={saving} onClick={() => void save()} data-testid="outbound-save">
          {t('common.save')}
        </Button>
      }
    >
      {!o || (id !== null && !existing.data) ? (
        <Spin />
      ) : (
        <Form form={form} layout="vertical" data-testid="outbound-form">
          {!o.eligible && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              message={t('outbound.notEligible')}
              description={o.reason ? reasonText(o.reason) : undefined}
            />
          )}
          <Form.Item label={t('outbound.employerPick')} extra={t('outbound.employerPickHint')}>
            <AutoComplete
              data-testid="outbound-employer-search"
              options={employers.map((e) => ({
                value: String(e.id),
                label: `${e.name}（${e.creditCode ?? '—'}）`,
              }))}
              onSearch={async (q) => setEmployers(q.trim().length >= 2 ? await searchEmployers(q) : [])}
              onSelect={(value: string) => {
                const e = employers.find((x) => String(x.id) === value);
                if (e)
                  form.setFieldsValue({
                    employerId: e.id,
                    employerName: e.name,
                    employerCreditCode: e.creditCode,
                    employerRegionCode: e.regionCode,
                    siteAddress: (form.getFieldValue('siteAddress') as string | undefined) || e.address || '',
                  });
              }}
            />
          </Form.Item>
          <Form.Item name="employerId" hidden>
            <Input />
          </Form.Item>
          <Space.Compact block>
            <Form.Item
              name="employerName"
              label={t('outbound.employerName')}
              rules={[{ required: true, whitespace: true }]}
              style={{ flex: 2 }}
            >
              <Input
                maxLength={200}
                data-testid="outbound-employer-name"
                onChange={() => form.setFieldValue('employerId', null)}
              />
            </Form.Item>
            <Form.Item name="employerCreditCode" label={t('outbound.creditCode')} style={{ flex: 1 }}>
              <Input maxLength={18} disabled={!!employerId} />
            </Form.Item>
          </Space.Compact>
          <Form.Item
            name="employerRegionCode"
            label={t('outbound.employerRegion')}
            rules={[{ required: true }]}
          >
            <RegionPicker disabled={!!employerId} id="outbound-employer-region" />
          </Form.Item>
          <Form.Item
            name="siteAddress"
            label={t('outbound.siteAddress')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={300} data-testid="outbound-site" />
          </Form.Item>
          <Form.Item
            name="dates"
            label={t('outbound.dates')}
            rules={[{ required: true }]}
            extra={<TimingHint start={dates?.[0]?.format(D)} />}
          >
            <DatePicker.RangePicker data-testid="outbound-dates" />
          </Form.Item>
          <Form.Item
            name="hazardCodes"
            label={t('outbound.hazards')}
            extra={
              <>
                {t('outbound.hazardsHint')}
                {o.blocked.length > 0 &&
                  ` · ${t('outbound.blocked')}：${o.blocked.map((b) => `${b.code} ${b.name}`).join('、')}`}
              </>
            }
            rules={[{ required: true }]}
          >
            <Select
              mode="multiple"
              data-testid="outbound-hazards"
              options={o.hazards.map((h) => ({ value: h.code, label: `${h.code} ${h.name}` }))}
            />
          </Form.Item>
          <Form.Item name="examItems" label={t('outbound.examItems')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item name="staff" label={t('outbound.staff')} rules={[{ required: true }]}>
            <Select
              mode="multiple"
              data-testid="outbound-staff"
              options={o.staff.map((s) => ({
                value: s.name,
                label: `${s.name}${s.role ? `（${t(`filings.roles.${s.role}`, { defaultValue: s.role })}）` : ''}`,
              }))}
            />
          </Form.Item>
          <Space.Compact block>
            <Form.Item name="vehicles" label={t('outbound.vehicles')} style={{ flex: 1 }}>
              <Select
                mode="multiple"
                data-testid="outbound-vehicles"
                options={o.vehicles.map((v) => ({
                  value: v.plateNo,
                  label: `${v.plateNo} ${v.purpose ?? ''}`,
                }))}
              />
            </Form.Item>
            <Form.Item name="equipment" label={t('outbound.equipment')} style={{ flex: 1 }}>
              <Select
                mode="multiple"
                data-testid="outbound-equipment"
                options={o.equipment.map((e) => ({ value: e.name, label: `${e.name} ${e.model ?? ''}` }))}
              />
            </Form.Item>
          </Space.Compact>
          <Space.Compact block>
            <Form.Item
              name="expectedCount"
              label={t('outbound.expectedCount')}
              rules={[{ required: true }]}
              style={{ flex: 1 }}
            >
              <InputNumber min={1} max={100000} style={{ width: '100%' }} data-testid="outbound-count" />
            </Form.Item>
            <Form.Item name="contactName" label={t('outbound.contact')} style={{ flex: 1 }}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="contactPhone" label={t('outbound.contactPhone')} style={{ flex: 1 }}>
              <Input maxLength={30} />
            </Form.Item>
          </Space.Compact>
          <Form.Item name="note" label={t('outbound.note')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      )}
    </Drawer>
  );
};

const DetailDrawer = ({
  id,
  onClose,
  onChanged,
}: {
  id: number;
  onClose: () => void;
  onChanged: () => void;
}) => {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: [OUTBOUND_KEY, 'detail', id], queryFn: () => getNotice(id) });
  const [late, setLate] = useState<{ reason: string; earliest: string } | null>(null);
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const n = q.data;
  const done = async () => {
    await qc.invalidateQueries({ queryKey: [OUTBOUND_KEY] });
    onChanged();
  };
  const submit = () =>
    modal.confirm({
      title: t('outbound.submit'),
      content: t('outbound.submitConfirm'),
      okText: t('outbound.submit'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await submitNotice(id);
          setLate(null);
          message.success(t('outbound.submitted'));
          await done();
        } catch (e) {
          if (e instanceof ApiError && e.status === 422) {
            const earliest = e.details.find((d) => d.path === 'earliestStartDate')?.message ?? '';
            setLate({ reason: e.message, earliest });
          } else reportError(message, e);
        }
      },
    });
  return (
    <Drawer
      open
      width={900}
      onClose={onClose}
      title={n ? `${n.employerName} · ${n.startDate}` : t('outbound.detail')}
      extra={
        n && (
          <Space>
            {n.abilities.submit && (
              <Button type="primary" onClick={submit} data-testid="outbound-submit">
                {t('outbound.submit')}
              </Button>
            )}
            {n.abilities.withdraw && (
              <Button danger onClick={() => setWithdrawing(true)} data-testid="outbound-withdraw">
                {t('outbound.withdraw')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {!n ? (
        <Spin />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          {late && (
            <Alert
              type="error"
              showIcon
              data-testid="outbound-late"
              message={t('outbound.lateTitle')}
              description={
                <>
                  <div>{late.reason}</div>
                  <div>
                    <b>{late.earliest}</b>
                  </div>
                </>
              }
            />
          )}
          <NoticeView n={n} />
        </Space>
      )}
      <Modal
        open={withdrawing}
        title={t('outbound.withdraw')}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}
        onCancel={() => setWithdrawing(false)}
        onOk={async () => {
          try {
            await withdrawNotice(id, reason.trim());
            message.success(t('outbound.withdrawn'));
            setWithdrawing(false);
            await done();
          } catch (e) {
            reportError(message, e);
          }
        }}
        destroyOnHidden
      >
        <Input.TextArea
          rows={3}
          maxLength={500}
          placeholder={t('outbound.withdrawReason')}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Drawer>
  );
};

export const OutboundNoticesPage = () => {
  const { t } = useTranslation();
  const action = useRef<ActionType>(null);
  const [editing, setEditing] = useState<number | null | undefined>(undefined);
  const [open, setOpen] = useState<number | null>(null);
  const timing = useQuery({ queryKey: [OUTBOUND_KEY, 'timing', ''], queryFn: () => getTiming() });
  const options = useQuery({ queryKey: [OUTBOUND_KEY, 'options'], queryFn: getOptions });
  const columns: ProColumns<OutboundNoticeSummary>[] = [
    { title: t('outbound.employer'), dataIndex: 'employerName', width: 240, hideInSearch: true },
    { title: t('outbound.employerName'), dataIndex: 'q', hideInTable: true },
    {
      title: t('outbound.siteAddress'),
      dataIndex: 'siteAddress',
      hideInSearch: true,
      ...cutCell('siteAddress'),
    },
    {
      title: t('outbound.dates'),
      dataIndex: 'startDate',
      hideInSearch: true,
      width: 200,
      render: (_, r) => `${r.startDate} ~ ${r.endDate}`,
    },
    { title: t('outbound.expectedCount'), dataIndex: 'expectedCount', hideInSearch: true, width: 110 },
    {
      title: t('outbound.status'),
      dataIndex: 'status',
      width: 160,
      valueType: 'select',
      valueEnum: Object.fromEntries(outboundStatuses.map((s) => [s, { text: t(`outbound.statuses.${s}`) }])),
      render: (_, r) => <StatusTag status={r.status} delegated={r.delegated} />,
    },
    {
      title: t('outbound.receiving'),
      dataIndex: 'receivingOrganisationName',
      hideInSearch: true,
      width: 180,
      render: (_, r) => r.receivingOrganisationName ?? '—',
    },
    {
      title: t('outbound.submittedAt'),
      dataIndex: 'submittedAt',
      hideInSearch: true,
      width: 150,
      render: (_, r) => fmtDateTime(r.submittedAt),
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: 120,
      render: (_, r) => [
        <a key="d" onClick={() => setOpen(r.id)} data-testid={`outbound-open-${r.id}`}>
          {t('outbound.detail')}
        </a>,
        r.abilities.edit && (
          <a key="e" onClick={() => setEditing(r.id)} data-testid={`outbound-edit-${r.id}`}>
            {t('outbound.edit')}
          </a>
        ),
      ],
    },
  ];
  const n = timing.data?.noticeWorkingDays ?? 5;
  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        message={t('outbound.intro', { n })}
        description={
          <>
            {/* The province's convention as set on 外出体检设置 (the default text until the timing loads). */}
            <div>
              {timing.data
                ? `${t(`outbound.settings.conventionPlain.${timing.data.convention}`, { n })}${
                    timing.data.confidence === 'uncertain' ? t('outbound.settings.uncertainHint') : ''
                  }`
                : t('outbound.conventionNote', { n })}
            </div>
            {timing.data && (
              <div data-testid="outbound-earliest-today">
                {t('outbound.earliest', { date: timing.data.earliestStartDate })}
              </div>
            )}
          </>
        }
      />
      {options.data && !options.data.eligible && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('outbound.notEligible')}
          description={options.data.reason ? reasonText(options.data.reason) : undefined}
        />
      )}
      <ProTable<OutboundNoticeSummary>
        rowKey="id"
        actionRef={action}
        columns={columns}
        search={{ labelWidth: 'auto' }}
        locale={{ emptyText: t('outbound.none') }}
        toolBarRender={() => [
          <Button key="n" type="primary" onClick={() => setEditing(null)} data-testid="outbound-create">
            {t('outbound.create')}
          </Button>,
        ]}
        request={async (params) => {
          const q: Query = {
            page: params.current,
            pageSize: params.pageSize,
            status: params.status as string | undefined,
            q: params.q as string | undefined,
          };
          const r = await listNotices(q);
          return { data: r.data, total: r.total, success: true };
        }}
        pagination={{ defaultPageSize: 20 }}
      />
      {editing !== undefined && (
        <NoticeForm
          id={editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            void action.current?.reload();
          }}
        />
      )}
      {open !== null && (
        <DetailDrawer
          id={open}
          onClose={() => setOpen(null)}
          onChanged={() => void action.current?.reload()}
        />
      )}
    </PageContainer>
  );
};
