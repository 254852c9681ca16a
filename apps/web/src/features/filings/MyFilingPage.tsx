/**
 * 机构备案 — the institution's own filing as steps: 机构信息, 人员 (主检医师 / 诊断医师 / 技师 with their
 * certificate numbers), 设备与车辆, 场所, 备案类别与项目 (national hazard codes grouped by category), 附件
 * (PDF / JPG / PNG). Each step saves on its own; 提交 sends the whole to the provincial commission. The
 * state, the commission's opinion when returned, what is still missing, the review history and the
 * receipt (备案回执) sit above the steps. A filed institution applies for a change (变更) or cancels (注销).
 */
import { PageContainer } from '@ant-design/pro-components';
import {
  filingAttachmentKinds,
  filingCategories,
  filingCategoryCodePrefixes,
  filingCategoryLabels,
  filingPersonRoles,
  type FilingContent,
  type FilingDetail,
} from '@ohp/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Result,
  Select,
  Space,
  Spin,
  Steps,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { reportError } from '../../shared/errors';
import { fmtDate } from '../../shared/format';
import { reasonText } from '../../shared/messages';
import { CATALOGUE, useCodeNames } from '../exam-cards/api';
import {
  FILINGS_KEY,
  cancelFiling,
  changeFiling,
  createFiling,
  getFiling,
  keyed,
  listFilings,
  removeAttachment,
  saveFilingSteps,
  submitFiling,
  uploadAttachment,
} from './api';
import { AttachmentsView, DueTag, HistoryView, StatusTags } from './FilingView';

type FieldDef = {
  name: string;
  label: string;
  kind?: 'text' | 'number' | 'date' | 'bool' | 'role';
  required?: boolean;
  width?: number;
};

/** A list step: a table of rows with add / edit / remove through a small form. */
const RowsEditor = <T extends Record<string, unknown>>({
  rows,
  fields,
  disabled,
  onChange,
  testId,
}: {
  rows: T[];
  fields: FieldDef[];
  disabled: boolean;
  onChange: (rows: T[]) => void;
  testId: string;
}) => {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<number | null>(null);
  const [form] = Form.useForm();
  const open = (i: number) => {
    setEditing(i);
    const r = (rows[i] ?? {}) as Record<string, unknown>;
    form.setFieldsValue(
      Object.fromEntries(
        fields.map((f) => [f.name, f.kind === 'date' && r[f.name] ? dayjs(String(r[f.name])) : r[f.name]]),
      ),
    );
  };
  const save = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    const row = Object.fromEntries(
      fields
        .map((f) => {
          const x = v[f.name];
          if (f.kind === 'date') return [f.name, x ? (x as dayjs.Dayjs).format('YYYY-MM-DD') : null];
          if (f.kind === 'bool') return [f.name, Boolean(x)];
          if (typeof x === 'string') return [f.name, x.trim() || null];
          return [f.name, x ?? null];
        })
        .filter(([, x]) => x !== null),
    ) as T;
    const next = [...rows];
    if (editing !== null && editing < rows.length) next[editing] = row;
    else next.push(row);
    onChange(next);
    setEditing(null);
    form.resetFields();
  };
  return (
    <div data-testid={testId}>
      <Table<T & { key: number }>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={keyed(rows)}
        columns={[
          ...fields.map((f) => ({
            title: f.label,
            dataIndex: f.name,
            width: f.width,
            render: (x: unknown) =>
              f.kind === 'bool'
                ? x
                  ? t('filings.yes')
                  : ''
                : f.kind === 'role'
                  ? t(`filings.roles.${String(x)}`)
                  : typeof x === 'string' || typeof x === 'number'
                    ? String(x)
                    : '',
          })),
          ...(disabled
            ? []
            : [
                {
                  title: '',
                  key: 'actions',
                  width: 120,
                  render: (_: unknown, _r: T & { key: number }, i: number) => (
                    <Space size={4}>
                      <Button size="small" type="link" onClick={() => open(i)}>
                        {t('filings.editRow')}
                      </Button>
                      <Button
                        size="small"
                        type="link"
                        danger
                        onClick={() => onChange(rows.filter((_x, j) => j !== i))}
                      >
                        {t('filings.removeRow')}
                      </Button>
                    </Space>
                  ),
                },
              ]),
        ]}
      />
      {!disabled && (
        <Button style={{ marginTop: 8 }} onClick={() => open(rows.length)} data-testid={`${testId}-add`}>
          {t('filings.addRow')}
        </Button>
      )}
      <Modal
        open={editing !== null}
        title={editing !== null && editing < rows.length ? t('filings.editRow') : t('filings.addRow')}
        onCancel={() => setEditing(null)}
        onOk={() => void save()}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {fields.map((f) => (
            <Form.Item
              key={f.name}
              name={f.name}
              label={f.kind === 'bool' ? undefined : f.label}
              valuePropName={f.kind === 'bool' ? 'checked' : 'value'}
              rules={f.required ? [{ required: true, message: reasonText('value_required') }] : []}
            >
              {f.kind === 'number' ? (
                <InputNumber min={0} style={{ width: '100%' }} />
              ) : f.kind === 'date' ? (
                <DatePicker style={{ width: '100%' }} />
              ) : f.kind === 'bool' ? (
                <Checkbox>{f.label}</Checkbox>
              ) : f.kind === 'role' ? (
                <Select
                  options={filingPersonRoles.map((r) => ({ value: r, label: t(`filings.roles.${r}`) }))}
                />
              ) : (
                <Input maxLength={200} />
              )}
            </Form.Item>
          ))}
        </Form>
      </Modal>
    </div>
  );
};

const CategoriesEditor = ({
  value,
  disabled,
  onChange,
}: {
  value: NonNullable<FilingContent['categories']>;
  disabled: boolean;
  onChange: (v: NonNullable<FilingContent['categories']>) => void;
}) => {
  const { t, i18n } = useTranslation();
  const hazards = useCodeNames(CATALOGUE.hazardFactors);
  const en = i18n.language === 'en';
  const byCategory = useMemo(() => {
    const m = new Map<string, Array<{ value: string; label: string }>>();
    for (const c of filingCategories)
      m.set(
        c,
        hazards.entries
          .filter(
            (e) => String(e.code).length === 4 && filingCategoryCodePrefixes[c].includes(String(e.code)[0]!),
          )
          .map((e) => ({
            value: String(e.code),
            label: `${String(e.code)} ${hazards.name(String(e.code))}`,
          })),
      );
    return m;
  }, [hazards]);
  const codesOf = (c: string) => value.find((x) => x.category === c)?.hazardCodes ?? [];
  const set = (c: (typeof filingCategories)[number], codes: string[]) =>
    onChange([
      ...value.filter((x) => x.category !== c),
      ...(codes.length ? [{ category: c, hazardCodes: codes }] : []),
    ]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {filingCategories.map((c) => (
        <div key={c} data-testid={`filing-category-${c}`}>
          <Typography.Text strong>{filingCategoryLabels[c][en ? 'en' : 'zh']}</Typography.Text>{' '}
          <Typography.Text type="secondary">
            {t('filings.factorsCount', { n: codesOf(c).length })}
          </Typography.Text>
          <Select
            mode="multiple"
            allowClear
            showSearch
            disabled={disabled}
            style={{ width: '100%', marginTop: 4 }}
            placeholder={t('filings.categoryPlaceholder')}
            optionFilterProp="label"
            value={codesOf(c)}
            options={byCategory.get(c)}
            onChange={(codes: string[]) => set(c, codes)}
            maxTagCount={40}
          />
        </div>
      ))}
    </Space>
  );
};

const STEP_KEYS = ['institution', 'personnel', 'equipment', 'venues', 'categories', 'attachments'] as const;

const Editor = ({ f, refresh }: { f: FilingDetail; refresh: () => Promise<void> }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [step, setStep] = useState(0);
  const content = f.working?.content ?? f.filed?.content ?? {};
  const editable = f.abilities.edit;
  const [draft, setDraft] = useState<FilingContent>(content);
  const [instForm] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [kind, setKind] = useState<string>('practice_licence');
  const save = async (patch: FilingContent) => {
    setBusy(true);
    try {
      await saveFilingSteps(f.id, patch);
      message.success(t('filings.saved'));
      await refresh();
    } catch (e) {
      reportError(message, e);
    } finally {
      setBusy(false);
    }
  };
  const saveStep = async () => {
    const key = STEP_KEYS[step];
    if (key === 'institution') {
      const v = (await instForm.validateFields()) as unknown as Record<string, unknown>;
      const inst = Object.fromEntries(
        Object.entries(v).map(([k, x]) => [k, typeof x === 'string' ? x.trim() || null : (x ?? null)]),
      );
      const name = typeof inst.name === 'string' ? inst.name : '';
      const institution: FilingContent['institution'] = { ...inst, name };
      await save({ institution });
    } else if (key === 'personnel') await save({ personnel: draft.personnel ?? [] });
    else if (key === 'equipment')
      await save({ equipment: draft.equipment ?? [], vehicles: draft.vehicles ?? [] });
    else if (key === 'venues') await save({ venues: draft.venues ?? [] });
    else if (key === 'categories') await save({ categories: draft.categories ?? [] });
  };
  const area = (draft.venues ?? []).reduce((s, v) => s + (v.areaM2 ?? 0), 0);
  const body = () => {
    switch (STEP_KEYS[step] ?? 'institution') {
      case 'institution':
        return (
          <Form
            form={instForm}
            layout="vertical"
            disabled={!editable}
            initialValues={content.institution}
            data-testid="filing-institution-form"
            style={{ maxWidth: 720 }}
          >
            <Form.Item
              name="name"
              label={t('filings.fields.name')}
              rules={[{ required: true, message: reasonText('value_required') }]}
            >
              <Input maxLength={100} />
            </Form.Item>
            <Space.Compact block>
              <Form.Item name="creditCode" label={t('filings.fields.creditCode')} style={{ flex: 1 }}>
                <Input maxLength={18} />
              </Form.Item>
              <Form.Item
                name="legalRepresentative"
                label={t('filings.fields.legalRepresentative')}
                style={{ flex: 1 }}
              >
                <Input maxLength={50} />
              </Form.Item>
            </Space.Compact>
            <Form.Item name="address" label={t('filings.fields.address')}>
              <Input maxLength={200} />
            </Form.Item>
            <Space.Compact block>
              <Form.Item name="contactName" label={t('filings.fields.contactName')} style={{ flex: 1 }}>
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item name="contactPhone" label={t('filings.fields.contactPhone')} style={{ flex: 1 }}>
                <Input maxLength={30} />
              </Form.Item>
            </Space.Compact>
            <Space.Compact block>
              <Form.Item
                name="practiceLicenceNo"
                label={t('filings.fields.practiceLicenceNo')}
                style={{ flex: 1 }}
              >
                <Input maxLength={64} />
              </Form.Item>
              <Form.Item
                name="radiationLicenceNo"
                label={t('filings.fields.radiationLicenceNo')}
                style={{ flex: 1 }}
              >
                <Input maxLength={64} />
              </Form.Item>
            </Space.Compact>
            <Form.Item name="isPublic" valuePropName="checked">
              <Checkbox>{t('filings.fields.isPublic')}</Checkbox>
            </Form.Item>
          </Form>
        );
      case 'personnel':
        return (
          <RowsEditor
            testId="filing-personnel"
            disabled={!editable}
            rows={draft.personnel ?? []}
            onChange={(rows) => setDraft({ ...draft, personnel: rows })}
            fields={[
              { name: 'name', label: t('filings.fields.personName'), required: true, width: 110 },
              { name: 'role', label: t('filings.fields.role'), kind: 'role', required: true, width: 110 },
              { name: 'title', label: t('filings.fields.title'), width: 110 },
              { name: 'qualificationNo', label: t('filings.fields.qualificationNo') },
              { name: 'trainingCertificateNo', label: t('filings.fields.trainingCertificateNo') },
              { name: 'practiceCertificateNo', label: t('filings.fields.practiceCertificateNo') },
            ]}
          />
        );
      case 'equipment':
        return (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Title level={5}>{t('filings.equipmentList')}</Typography.Title>
            <RowsEditor
              testId="filing-equipment"
              disabled={!editable}
              rows={draft.equipment ?? []}
              onChange={(rows) => setDraft({ ...draft, equipment: rows })}
              fields={[
                { name: 'name', label: t('filings.fields.equipmentName'), required: true },
                { name: 'model', label: t('filings.fields.model') },
                {
                  name: 'quantity',
                  label: t('filings.fields.quantity'),
                  kind: 'number',
                  required: true,
                  width: 80,
                },
                {
                  name: 'calibrationDue',
                  label: t('filings.fields.calibrationDue'),
                  kind: 'date',
                  width: 150,
                },
                { name: 'radiation', label: t('filings.fields.radiation'), kind: 'bool', width: 90 },
              ]}
            />
            <Typography.Title level={5}>{t('filings.vehicles')}</Typography.Title>
            <RowsEditor
              testId="filing-vehicles"
              disabled={!editable}
              rows={draft.vehicles ?? []}
              onChange={(rows) => setDraft({ ...draft, vehicles: rows })}
              fields={[
                { name: 'plateNo', label: t('filings.fields.plateNo'), required: true, width: 130 },
                { name: 'purpose', label: t('filings.fields.purpose') },
                { name: 'equipment', label: t('filings.fields.vehicleEquipment') },
              ]}
            />
          </Space>
        );
      case 'venues':
        return (
          <>
            <RowsEditor
              testId="filing-venues"
              disabled={!editable}
              rows={draft.venues ?? []}
              onChange={(rows) => setDraft({ ...draft, venues: rows })}
              fields={[
                { name: 'name', label: t('filings.fields.venueName'), required: true },
                { name: 'address', label: t('filings.fields.address') },
                {
                  name: 'areaM2',
                  label: t('filings.fields.areaM2'),
                  kind: 'number',
                  required: true,
                  width: 110,
                },
                { name: 'purpose', label: t('filings.fields.purpose') },
              ]}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {t('filings.fields.totalArea', { n: area })}
            </Typography.Paragraph>
          </>
        );
      case 'categories':
        return (
          <CategoriesEditor
            disabled={!editable}
            value={draft.categories ?? []}
            onChange={(categories) => setDraft({ ...draft, categories })}
          />
        );
      case 'attachments':
        return (
          <Space direction="vertical" style={{ width: '100%' }}>
            {editable && (
              <Space wrap>
                <Select
                  style={{ width: 260 }}
                  value={kind}
                  onChange={setKind}
                  options={filingAttachmentKinds.map((k) => ({
                    value: k,
                    label: t(`filings.attachmentKinds.${k}`),
                  }))}
                />
                <Upload
                  accept=".pdf,.jpg,.jpeg,.png"
                  showUploadList={false}
                  customRequest={({ file, onSuccess, onError }) => {
                    uploadAttachment(f.id, kind, file as File)
                      .then(async (r) => {
                        message.success(t('filings.uploaded'));
                        onSuccess?.(r);
                        await refresh();
                      })
                      .catch((e: unknown) => {
                        reportError(message, e);
                        onError?.(e as Error);
                      });
                  }}
                >
                  <Button type="primary" data-testid="filing-upload">
                    {t('filings.upload')}
                  </Button>
                </Upload>
                <Typography.Text type="secondary">{t('filings.uploadHint')}</Typography.Text>
              </Space>
            )}
            <AttachmentsView
              f={f}
              extra={
                editable
                  ? (id) => (
                      <Button
                        size="small"
                        type="link"
                        danger
                        onClick={() =>
                          void removeAttachment(f.id, id)
                            .then(refresh)
                            .catch((e: unknown) => reportError(message, e))
                        }
                      >
                        {t('filings.removeRow')}
                      </Button>
                    )
                  : undefined
              }
            />
          </Space>
        );
    }
  };
  return (
    <Card>
      <div data-testid="filing-steps">
        <Steps
          size="small"
          current={step}
          onChange={setStep}
          items={STEP_KEYS.map((k) => ({
            title: t(`filings.steps.${k}`),
            status: f.missing.some((m) => m.path.startsWith(k)) ? 'error' : undefined,
          }))}
          style={{ marginBottom: 24 }}
        />
      </div>
      {!editable && (
        <Alert type="info" showIcon message={t('filings.readOnly')} style={{ marginBottom: 16 }} />
      )}
      {body()}
      <Space style={{ marginTop: 16 }}>
        {step > 0 && <Button onClick={() => setStep(step - 1)}>←</Button>}
        {editable && STEP_KEYS[step] !== 'attachments' && (
          <Button
            type="primary"
            loading={busy}
            onClick={() => void saveStep()}
            data-testid="filing-save-step"
          >
            {t('filings.save')}
          </Button>
        )}
        {step < STEP_KEYS.length - 1 && <Button onClick={() => setStep(step + 1)}>→</Button>}
      </Space>
    </Card>
  );
};

export const MyFilingPage = () => {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [reasonOf, setReasonOf] = useState<'change' | 'cancel' | null>(null);
  const [reasonForm] = Form.useForm<{ reason: string }>();
  const list = useQuery({ queryKey: [FILINGS_KEY, 'mine'], queryFn: () => listFilings({ pageSize: 20 }) });
  const current = list.data?.data.find((x) => x.status !== 'cancelled') ?? list.data?.data[0];
  const detail = useQuery({
    queryKey: [FILINGS_KEY, 'detail', current?.id],
    queryFn: () => getFiling(current!.id),
    enabled: current !== undefined,
  });
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: [FILINGS_KEY] });
  };
  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      message.success(done);
      await refresh();
    } catch (e) {
      reportError(message, e);
    }
  };
  if (list.isLoading || (current && detail.isLoading)) return <Spin style={{ margin: 64 }} />;
  const f = detail.data;
  const startable = !current || current.status === 'cancelled';
  return (
    <PageContainer title={false} breadcrumbRender={false}>
      {startable && (
        <Result
          status="info"
          title={current ? t('filings.cancelled') : t('filings.none')}
          subTitle={t('filings.noneHint')}
          extra={
            <Button
              type="primary"
              data-testid="filing-start"
              onClick={() => void act(createFiling, t('filings.started'))}
            >
              {t('filings.start')}
            </Button>
          }
        />
      )}
      {f && !startable && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Card>
            <Descriptions
              size="small"
              column={3}
              title={
                <Space>
                  {f.institutionName}
                  <StatusTags f={f} />
                </Space>
              }
              extra={
                <Space wrap>
                  {f.abilities.submit && (
                    <Button
                      type="primary"
                      data-testid="filing-submit"
                      onClick={() => void act(() => submitFiling(f.id), t('filings.submitted'))}
                    >
                      {f.status === 'returned' || f.changeStatus === 'returned'
                        ? t('filings.resubmit')
                        : t('filings.submit')}
                    </Button>
                  )}
                  {f.abilities.change && (
                    <Button data-testid="filing-change" onClick={() => setReasonOf('change')}>
                      {t('filings.change')}
                    </Button>
                  )}
                  {f.abilities.cancel && (
                    <Button danger onClick={() => setReasonOf('cancel')}>
                      {f.status === 'filed' ? t('filings.cancel') : t('filings.cancelDraft')}
                    </Button>
                  )}
                </Space>
              }
            >
              <Descriptions.Item label={t('filings.kind')}>{t(`filings.kinds.${f.kind}`)}</Descriptions.Item>
              <Descriptions.Item label={t('filings.filingNo')}>
                <span data-testid="filing-no">{f.filingNo ?? '—'}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('filings.filedOn')}>{f.filedOn ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('filings.submittedAt')}>{fmtDate(f.submittedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('filings.dueOn')}>
                <DueTag dueOn={f.dueOn} overdueDays={f.overdueDays} />
              </Descriptions.Item>
              <Descriptions.Item label={t('filings.receipt')}>
                {f.receipts.filter((r) => !r.revoked).length ? (
                  <Space wrap>
                    {f.receipts
                      .filter((r) => !r.revoked)
                      .map((r) => (
                        <Link
                          key={r.documentId}
                          to={`/documents/${r.documentId}`}
                          data-testid="filing-receipt"
                        >
                          {t('filings.receipt')} {fmtDate(r.issuedAt)}
                        </Link>
                      ))}
                  </Space>
                ) : (
                  t('filings.noReceipt')
                )}
              </Descriptions.Item>
            </Descriptions>
            {f.lastOpinion && (
              <Alert
                type="warning"
                showIcon
                style={{ marginTop: 12 }}
                data-testid="filing-opinion"
                message={t('filings.returnedAlert')}
                description={
                  <>
                    <Typography.Text strong>{t('filings.opinion')}：</Typography.Text>
                    {f.lastOpinion}
                  </>
                }
              />
            )}
            {f.missing.length > 0 && (
              <Alert
                type="info"
                showIcon
                style={{ marginTop: 12 }}
                message={t('filings.missingTitle')}
                description={
                  <ul style={{ margin: 0, paddingLeft: 20 }}>
                    {f.missing.map((m) => (
                      <li key={`${m.path}-${m.reason}`}>
                        <Tag>{m.path}</Tag>
                        {reasonText(m.reason)}
                      </li>
                    ))}
                  </ul>
                }
              />
            )}
          </Card>
          <Editor
            key={`${f.id}-${f.working?.id ?? 'filed'}-${f.working?.status ?? ''}`}
            f={f}
            refresh={refresh}
          />
          <Card title={t('filings.history')}>
            <HistoryView f={f} />
          </Card>
        </Space>
      )}
      <Modal
        open={reasonOf !== null}
        title={reasonOf === 'change' ? t('filings.change') : t('filings.cancel')}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: reasonOf === 'cancel' }}
        onCancel={() => setReasonOf(null)}
        onOk={async () => {
          const { reason } = await reasonForm.validateFields();
          const id = f!.id;
          const kind = reasonOf;
          const run = () =>
            act(
              () => (kind === 'change' ? changeFiling(id, reason.trim()) : cancelFiling(id, reason.trim())),
              kind === 'change' ? t('filings.changeStarted') : t('filings.cancelled'),
            ).then(() => {
              setReasonOf(null);
              reasonForm.resetFields();
            });
          if (kind === 'cancel' && f!.status === 'filed')
            modal.confirm({ title: t('filings.cancel'), content: t('filings.cancelConfirm'), onOk: run });
          else await run();
        }}
        destroyOnHidden
      >
        <Form form={reasonForm} layout="vertical">
          <Form.Item
            name="reason"
            label={reasonOf === 'change' ? t('filings.changeReason') : t('filings.cancelReason')}
            rules={[{ required: true, whitespace: true, message: reasonText('value_required') }]}
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="filing-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
};
