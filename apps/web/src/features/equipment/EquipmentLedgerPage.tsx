/**
 * 设备台账: an institution's equipment ledger. An institution opens its own; a regulator, the QC centre or
 * a support institution picks one of its region (?institution=id). The page shows the rate per domain
 * against its target, each applicable requirement checked (counted / needed), and the items — out of
 * service or with an expired calibration marked as not counting — with record / edit / delete for those
 * who may keep the ledger.
 */
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import {
  equipmentDomains,
  type EquipmentItemInput,
  type EquipmentItemRecord,
  type EquipmentLedger,
  type RequirementCheck,
} from '@ohp/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { applyFormErrors, reportError } from '../../shared/errors';
import { kindLabel } from '../../shared/format';
import {
  EQUIPMENT_KEY,
  createItem,
  deleteItem,
  domainLabel,
  getLedger,
  listEquipmentInstitutions,
  pickText,
  updateItem,
} from './api';
import { RateBar } from './RateBar';

const LEDGER_KINDS = [
  'support_institution',
  'qc_centre',
  'service_institution',
  'exam_institution',
  'diagnosis_institution',
];

type Editing = { mode: 'add' } | { mode: 'edit'; item: EquipmentItemRecord } | null;

const ItemForm = ({
  ledger,
  editing,
  onClose,
  onSaved,
}: {
  ledger: EquipmentLedger;
  editing: Editing;
  onClose: () => void;
  onSaved: () => void;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const item = editing?.mode === 'edit' ? editing.item : null;
  const domain = Form.useWatch('domain', form) as string | undefined;
  const submit = async () => {
    const v = (await form.validateFields()) as Omit<EquipmentItemInput, 'calibrationDueOn'> & {
      calibrationDueOn?: dayjs.Dayjs | null;
    };
    const body = {
      ...v,
      requirementId: v.requirementId ?? null,
      calibrationDueOn: v.calibrationDueOn ? v.calibrationDueOn.format('YYYY-MM-DD') : null,
    };
    setBusy(true);
    try {
      if (item) await updateItem(item.id, body);
      else await createItem({ ...body, institutionId: ledger.institution.institutionId });
      void message.success(t('equipment.saved'));
      onSaved();
      onClose();
    } catch (e) {
      if (!applyFormErrors(form, e)) reportError(message, e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={editing !== null}
      title={item ? t('equipment.editItem') : t('equipment.addItem')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'item-save' }}
      destroyOnHidden
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        data-testid="item-form"
        initialValues={
          item
            ? { ...item, calibrationDueOn: item.calibrationDueOn ? dayjs(item.calibrationDueOn) : null }
            : { domain: 'hygiene', quantity: 1, status: 'in_service' }
        }
      >
        <Space wrap>
          <Form.Item name="name" label={t('equipment.item.name')} rules={[{ required: true, max: 100 }]}>
            <Input style={{ width: 240 }} data-testid="item-name" />
          </Form.Item>
          <Form.Item name="model" label={t('equipment.item.model')} rules={[{ max: 100 }]}>
            <Input style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="serialNo" label={t('equipment.item.serialNo')} rules={[{ max: 100 }]}>
            <Input style={{ width: 150 }} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="domain" label={t('equipment.item.domain')} rules={[{ required: true }]}>
            <Select
              style={{ width: 200 }}
              options={equipmentDomains.map((d) => ({ value: d, label: domainLabel(d) }))}
              onChange={() => form.setFieldValue('requirementId', null)}
            />
          </Form.Item>
          <Form.Item name="quantity" label={t('equipment.item.quantity')} rules={[{ required: true }]}>
            <InputNumber min={1} max={10000} precision={0} data-testid="item-quantity" />
          </Form.Item>
          <Form.Item name="status" label={t('equipment.item.status')} rules={[{ required: true }]}>
            <Select
              style={{ width: 120 }}
              options={(['in_service', 'out_of_service'] as const).map((s) => ({
                value: s,
                label: t(`equipment.statuses.${s}`),
              }))}
              data-testid="item-status"
            />
          </Form.Item>
        </Space>
        <Form.Item name="requirementId" label={t('equipment.item.requirement')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('equipment.item.requirementNone')}
            data-testid="item-requirement"
            options={ledger.linkable
              .filter((r) => !domain || r.domain === domain)
              .map((r) => ({
                value: r.id,
                label: `${r.itemName}（≥ ${r.minQuantity}）${r.demo ? ` · ${t('equipment.demoTag')}` : ''}`,
              }))}
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="calibrationDueOn" label={t('equipment.item.calibrationDueOn')}>
            <DatePicker placeholder={t('equipment.item.calibrationNone')} data-testid="item-calibration" />
          </Form.Item>
          <Form.Item name="note" label={t('equipment.item.note')} rules={[{ max: 500 }]}>
            <Input style={{ width: 320 }} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
};

const CheckTable = ({ rows }: { rows: RequirementCheck[] }) => {
  const { t } = useTranslation();
  return (
    <Table<RequirementCheck>
      rowKey="requirementId"
      size="small"
      // The unmet requirements first: what the institution still lacks.
      dataSource={[...rows].sort((a, b) => Number(a.satisfied) - Number(b.satisfied))}
      pagination={false}
      scroll={{ x: 760 }}
      locale={{ emptyText: t('equipment.noRequirements') }}
      data-testid="requirement-checks"
      columns={[
        {
          title: t('equipment.fields.domain'),
          dataIndex: 'domain',
          width: 160,
          render: (d: string) => domainLabel(d),
        },
        {
          title: t('equipment.fields.itemName'),
          dataIndex: 'itemName',
          width: 240,
          render: (_, r) => (
            <Space size={4} wrap>
              {r.itemName}
              {r.demo && <Tag color="orange">{t('equipment.demoTag')}</Tag>}
            </Space>
          ),
        },
        {
          title: t('equipment.counts'),
          width: 220,
          render: (_, r) => (
            <Space size={4} wrap>
              {t('equipment.counted', { n: r.counted, min: r.minQuantity })}
              {r.notCounted > 0 && (
                <Typography.Text type="warning">
                  {t('equipment.notCounted', { n: r.notCounted })}
                </Typography.Text>
              )}
            </Space>
          ),
        },
        {
          title: t('coverage.status'),
          width: 100,
          render: (_, r) =>
            r.satisfied ? (
              <Tag color="green">{t('equipment.satisfied')}</Tag>
            ) : (
              <Tag color="red">{t('equipment.notSatisfied')}</Tag>
            ),
        },
      ]}
    />
  );
};

export const EquipmentLedgerPage = () => {
  const { t } = useTranslation();
  const { me } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const ownIsInstitution = me ? LEDGER_KINDS.includes(me.organisation.kind) : false;
  const picked = Number(params.get('institution')) || null;
  const institutionId = picked ?? (ownIsInstitution ? (me?.organisation.id ?? null) : null);
  const [date, setDate] = useState<string | undefined>(undefined);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Editing>(null);
  const choices = useQuery({
    queryKey: [EQUIPMENT_KEY, 'institutions', search],
    queryFn: () => listEquipmentInstitutions({ q: search || undefined }),
  });
  const ledger = useQuery({
    queryKey: [EQUIPMENT_KEY, 'ledger', institutionId, date],
    queryFn: () => getLedger(institutionId!, date),
    enabled: institutionId !== null,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: [EQUIPMENT_KEY] });
  const l = ledger.data;
  const options = useMemo(
    () =>
      (choices.data?.data ?? []).map((i) => ({
        value: i.institutionId,
        label: `${i.name}（${kindLabel(i.kind)}）`,
      })),
    [choices.data],
  );
  const remove = async (i: EquipmentItemRecord) => {
    try {
      await deleteItem(i.id);
      void message.success(t('equipment.deleted'));
      refresh();
    } catch (e) {
      reportError(message, e);
    }
  };

  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <Alert type="info" showIcon message={t('equipment.ledgerIntro')} style={{ marginBottom: 12 }} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          {(choices.data?.data.length ?? 0) > 1 || !ownIsInstitution ? (
            <Space>
              {t('equipment.pickInstitution')}
              <Select
                style={{ width: 360 }}
                showSearch
                filterOption={false}
                onSearch={setSearch}
                placeholder={t('equipment.pickPlaceholder')}
                value={institutionId ?? undefined}
                options={options}
                onChange={(v: number) => setParams({ institution: String(v) })}
                data-testid="ledger-institution"
              />
            </Space>
          ) : null}
          <Space>
            {t('equipment.date')}
            <DatePicker
              allowClear
              value={date ? dayjs(date) : null}
              onChange={(d) => setDate(d ? d.format('YYYY-MM-DD') : undefined)}
            />
          </Space>
        </Space>
      </Card>
      {institutionId === null && <Empty description={t('equipment.noInstitution')} />}
      {l && (
        <>
          <Card
            size="small"
            style={{ marginBottom: 12 }}
            title={l.institution.name}
            data-testid="ledger-summary"
            extra={
              <Space>
                <Tag>{kindLabel(l.institution.kind)}</Tag>
                <Tag>{l.institution.regionName}</Tag>
                <Tag>{l.date}</Tag>
              </Space>
            }
          >
            {l.institution.domains.length === 0 ? (
              <Typography.Text type="secondary">{t('equipment.noRequirements')}</Typography.Text>
            ) : (
              <Descriptions size="small" column={{ xs: 1, md: 2 }}>
                {l.institution.domains.map((d) => (
                  <Descriptions.Item key={d.domain} label={domainLabel(d.domain)}>
                    <Space wrap>
                      <RateBar r={d} />
                      {t('equipment.satisfiedOf', { satisfied: d.satisfied, required: d.required })}
                      {d.meets === true && <Tag color="green">{t('equipment.meets')}</Tag>}
                      {d.meets === false && <Tag color="red">{t('equipment.notMeets')}</Tag>}
                    </Space>
                  </Descriptions.Item>
                ))}
              </Descriptions>
            )}
            <Alert
              type="warning"
              style={{ marginTop: 8 }}
              message={
                <Space wrap>
                  <Tag color="orange">{t('equipment.uncertain')}</Tag>
                  {pickText(l.formula)}
                </Space>
              }
            />
          </Card>
          <Card size="small" title={t('equipment.requirementsTitle')} style={{ marginBottom: 12 }}>
            <CheckTable rows={l.requirements} />
          </Card>
          <Card
            size="small"
            title={t('equipment.itemsTitle')}
            extra={
              l.abilities.record && (
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setEditing({ mode: 'add' })}
                  data-testid="item-add"
                >
                  {t('equipment.addItem')}
                </Button>
              )
            }
          >
            <Table<EquipmentItemRecord>
              rowKey="id"
              size="small"
              dataSource={l.items}
              pagination={{ pageSize: 100, hideOnSinglePage: true }}
              scroll={{ x: 1100 }}
              locale={{ emptyText: t('equipment.noItems') }}
              data-testid="ledger-items"
              columns={[
                { title: t('equipment.item.name'), dataIndex: 'name', width: 200 },
                {
                  title: t('equipment.item.model'),
                  dataIndex: 'model',
                  width: 120,
                  render: (v: string | null) => v ?? '—',
                },
                { title: t('equipment.item.quantity'), dataIndex: 'quantity', width: 70 },
                {
                  title: t('equipment.item.domain'),
                  dataIndex: 'domain',
                  width: 150,
                  render: (d: string) => domainLabel(d),
                },
                {
                  title: t('equipment.item.requirement'),
                  dataIndex: 'requirementName',
                  width: 180,
                  render: (v: string | null) => v ?? '—',
                },
                {
                  title: t('equipment.item.calibrationDueOn'),
                  dataIndex: 'calibrationDueOn',
                  width: 150,
                  render: (v: string | null, r) =>
                    v === null ? (
                      <Typography.Text type="secondary">
                        {t('equipment.item.calibrationNone')}
                      </Typography.Text>
                    ) : r.notCountingReason === 'calibration_expired' ? (
                      <Typography.Text type="danger">{v}</Typography.Text>
                    ) : (
                      v
                    ),
                },
                {
                  title: t('equipment.item.status'),
                  dataIndex: 'status',
                  width: 90,
                  render: (s: 'in_service' | 'out_of_service') => (
                    <Tag color={s === 'in_service' ? 'blue' : 'default'}>{t(`equipment.statuses.${s}`)}</Tag>
                  ),
                },
                {
                  title: t('equipment.item.counts'),
                  width: 200,
                  render: (_, r) =>
                    r.counts ? (
                      <Tag color="green">{t('equipment.counts')}</Tag>
                    ) : (
                      <Tag color={r.notCountingReason === 'not_linked' ? 'default' : 'red'}>
                        {t(`equipment.reasons.${r.notCountingReason ?? 'not_linked'}`)}
                      </Tag>
                    ),
                },
                {
                  title: t('common.actions'),
                  width: 150,
                  render: (_, r) =>
                    r.abilities.update && (
                      <Space size={0}>
                        <Button
                          type="link"
                          size="small"
                          icon={<EditOutlined />}
                          onClick={() => setEditing({ mode: 'edit', item: r })}
                        >
                          {t('equipment.edit')}
                        </Button>
                        <Popconfirm
                          title={t('equipment.deleteItemConfirm', { name: r.name })}
                          onConfirm={() => void remove(r)}
                        >
                          <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                            {t('equipment.delete')}
                          </Button>
                        </Popconfirm>
                      </Space>
                    ),
                },
              ]}
            />
          </Card>
          <ItemForm
            key={editing === null ? 'closed' : editing.mode === 'edit' ? `edit-${editing.item.id}` : 'add'}
            ledger={l}
            editing={editing}
            onClose={() => setEditing(null)}
            onSaved={refresh}
          />
        </>
      )}
    </PageContainer>
  );
};
