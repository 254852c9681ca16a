/**
 * 用人单位基础信息 — one employer's record: base fields, the computed flags and size, the risk class with
 * the catalogue rows that decided it, and 版本记录 (each version with what changed, the whole record on
 * demand). A regulator in scope corrects the record (更正信息) and marks its status (标记状态).
 */
import { PageContainer } from '@ant-design/pro-components';
import {
  employerAffiliations,
  employerProgrammeStatuses,
  type EmployerDetail,
  type EmployerVersionSummary,
} from '@ohp/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
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
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { reportError } from '../../shared/errors';
import { ExportButton } from '../../shared/ExportButton';
import {
  PROGRAMME_COLOURS,
  exportEmployerVersions,
  getEmployer,
  getEmployerVersion,
  setEmployerStatus,
  updateEmployer,
} from './api';
import { EmployerFlags, RiskTag } from './EmployersPage';

const display = (v: unknown): string => {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.length ? v.join('、') : '—';
  if (typeof v === 'boolean') return v ? '✓' : '✗';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return JSON.stringify(v);
};

/** A version's value for display; 隶属关系 by its label. */
const fieldValue = (t: (k: string) => string, field: string, v: unknown): string =>
  field === 'affiliation' && typeof v === 'string' ? t(`employers.affiliations.${v}`) : display(v);

const VersionReason = ({ v }: { v: EmployerVersionSummary }) => {
  const { t } = useTranslation();
  const r = v.reason;
  if (!r) return <>{v.version === 1 ? t('employers.reasons.system') : '—'}</>;
  if (r.startsWith('created:'))
    return <>{t('employers.reasons.created', { source: t(`employers.sources.${r.slice(8)}`) })}</>;
  if (r === 'organisations:update' || r === 'organisations:import')
    return <>{t(`employers.reasons.${r === 'organisations:update' ? 'orgUpdate' : 'orgImport'}`)}</>;
  if (r.startsWith('status:'))
    return <>{t('employers.reasons.status', { status: t(`employers.statuses.${r.slice(7)}`) })}</>;
  if (/^declaration:\d+$/.test(r))
    return (
      <Link to={`/declarations/${r.slice(12)}`}>
        {t('employers.reasons.declaration', { id: r.slice(12) })}
      </Link>
    );
  return <>{r}</>;
};

const Versions = ({ e }: { e: EmployerDetail }) => {
  const { t } = useTranslation();
  const [open, setOpen] = useState<number | null>(null);
  const version = useQuery({
    queryKey: ['employers', e.id, 'version', open],
    queryFn: () => getEmployerVersion(e.id, open!),
    enabled: open !== null,
  });
  return (
    <Card
      title={t('employers.versions')}
      data-testid="employer-versions"
      extra={
        <ExportButton
          size="small"
          testId="employer-versions-export"
          onExport={() => exportEmployerVersions(e.id)}
        />
      }
    >
      <Timeline
        items={e.versions.map((v) => ({
          color: v.version === e.version ? 'blue' : 'gray',
          children: (
            <div data-testid={`employer-version-${v.version}`}>
              <Space wrap>
                <Tag>
                  {t('employers.version')} {v.version}
                </Tag>
                <Typography.Text type="secondary">{new Date(v.changedAt).toLocaleString()}</Typography.Text>
                {v.changedByName && <Typography.Text type="secondary">{v.changedByName}</Typography.Text>}
                <Button size="small" type="link" onClick={() => setOpen(v.version)}>
                  {t('employers.versionView')}
                </Button>
              </Space>
              <div>
                <VersionReason v={v} />
              </div>
              {v.changes.length > 0 && (
                <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
                  {v.changes.map((c) => (
                    <li key={c.field}>
                      {t(`employers.fields.${c.field}`, { defaultValue: c.field })}：
                      {fieldValue(t, c.field, c.before)} → <b>{fieldValue(t, c.field, c.after)}</b>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ),
        }))}
      />
      <Modal
        open={open !== null}
        onCancel={() => setOpen(null)}
        footer={null}
        title={t('employers.versionRecord', { n: open })}
        width={640}
      >
        {version.isLoading ? (
          <Spin />
        ) : (
          <Descriptions column={1} size="small" bordered>
            {Object.entries(version.data?.record ?? {}).map(([k, v]) => (
              <Descriptions.Item key={k} label={t(`employers.fields.${k}`, { defaultValue: k })}>
                {fieldValue(t, k, v)}
              </Descriptions.Item>
            ))}
          </Descriptions>
        )}
      </Modal>
    </Card>
  );
};

const EditModal = ({ e, onDone }: { e: EmployerDetail; onDone: () => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [open, setOpen] = useState(false);
  const fields = [
    'name',
    'address',
    'industryCode',
    'economicTypeCode',
    'employees',
    'exposedEmployees',
    'revenueWanYuan',
    'legalRepresentative',
    'contactName',
    'affiliation',
  ] as const;
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="employer-edit">
        {t('employers.edit')}
      </Button>
      <Modal
        open={open}
        title={t('employers.editTitle')}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        onOk={async () => {
          const v = (await form.validateFields()) as Record<string, unknown>;
          const body: Record<string, unknown> = { reason: v.reason };
          for (const f of fields) {
            const now = v[f] === '' ? null : (v[f] ?? null);
            if (now !== ((e as Record<string, unknown>)[f] ?? null)) body[f] = now;
          }
          try {
            await updateEmployer(e.id, body as never);
            void message.success(t('employers.saved'));
            setOpen(false);
            onDone();
          } catch (err) {
            reportError(message, err, form, ['reason', ...fields]);
          }
        }}
      >
        <Typography.Paragraph type="secondary">{t('employers.editHint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" initialValues={e} preserve={false}>
          <Form.Item name="name" label={t('employers.name')} rules={[{ required: true, min: 2, max: 200 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="address" label={t('employers.address')}>
            <Input maxLength={200} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="industryCode" label={t('employers.industry')}>
              <Input maxLength={5} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="economicTypeCode" label={t('employers.economicType')}>
              <Input maxLength={3} style={{ width: 100 }} />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="employees" label={t('employers.employees')}>
              <InputNumber min={0} precision={0} />
            </Form.Item>
            <Form.Item name="exposedEmployees" label={t('employers.exposedEmployees')}>
              <InputNumber min={0} precision={0} />
            </Form.Item>
            <Form.Item name="revenueWanYuan" label={t('employers.revenue')}>
              <InputNumber min={0} />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="legalRepresentative" label={t('employers.legalRepresentative')}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="contactName" label={t('employers.contactName')}>
              <Input maxLength={50} />
            </Form.Item>
          </Space>
          <Form.Item
            name="affiliation"
            label={t('employers.affiliation')}
            extra={t('employers.affiliationHint')}
          >
            <Select
              data-testid="employer-edit-affiliation"
              style={{ width: 280 }}
              options={employerAffiliations.map((a) => ({
                value: a,
                label: t(`employers.affiliations.${a}`),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('employers.editReason')}
            rules={[{ required: true, whitespace: true, max: 200 }]}
          >
            <Input data-testid="employer-edit-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
};

const StatusModal = ({ e, onDone }: { e: EmployerDetail; onDone: () => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [open, setOpen] = useState(false);
  const status = Form.useWatch('status', form) as string | undefined;
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="employer-status">
        {t('employers.setStatus')}
      </Button>
      <Modal
        open={open}
        title={t('employers.statusTitle')}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        onOk={async () => {
          const v = (await form.validateFields()) as { status: string; reason?: string; on?: Dayjs };
          try {
            await setEmployerStatus(e.id, {
              status: v.status as never,
              reason: v.reason?.trim() || null,
              on: v.on ? v.on.format('YYYY-MM-DD') : null,
            });
            void message.success(t('employers.statusSaved'));
            setOpen(false);
            onDone();
          } catch (err) {
            reportError(message, err, form, ['status', 'reason', 'on']);
          }
        }}
      >
        <Typography.Paragraph type="secondary">{t('employers.statusHint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" initialValues={{ status: e.programmeStatus }} preserve={false}>
          <Form.Item name="status" label={t('employers.programmeStatus')} rules={[{ required: true }]}>
            <Select
              options={employerProgrammeStatuses.map((s) => ({
                value: s,
                label: t(`employers.statuses.${s}`),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('employers.statusReason')}
            rules={[{ required: status !== 'active', whitespace: true, max: 500 }]}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          {status !== 'active' && (
            <Form.Item name="on" label={t('employers.statusOn')}>
              <DatePicker />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
};

export const EmployerDetailPage = () => {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['employers', id], queryFn: () => getEmployer(id), retry: false });
  const reload = () => void qc.invalidateQueries({ queryKey: ['employers', id] });
  if (q.isLoading) return <Spin style={{ margin: 48 }} />;
  if (!q.data) return <Result status="404" title={t('employers.notFound')} />;
  const e = q.data;
  return (
    <PageContainer
      title={e.name}
      subTitle={e.creditCode ?? undefined}
      extra={[
        ...(e.abilities.update ? [<EditModal key="e" e={e} onDone={reload} />] : []),
        ...(e.abilities.setStatus ? [<StatusModal key="s" e={e} onDone={reload} />] : []),
      ]}
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {e.programmeStatus !== 'active' && (
          <Alert
            type="warning"
            showIcon
            message={`${t(`employers.statuses.${e.programmeStatus}`)}${e.programmeStatusOn ? `（${e.programmeStatusOn}）` : ''}`}
            description={e.programmeStatusReason}
          />
        )}
        <Card title={t('employers.basic')}>
          <Descriptions column={{ xs: 1, sm: 1, md: 2, lg: 3 }} size="small">
            <Descriptions.Item label={t('employers.creditCode')}>{e.creditCode ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('employers.region')}>
              {e.regionName}（{e.regionCode}）
            </Descriptions.Item>
            <Descriptions.Item label={t('employers.address')}>{e.address ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('employers.industry')}>
              {e.industryCode ? `${e.industryCode} ${e.industryName ?? ''}` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('employers.extraIndustries')}>
              {display(e.extraIndustryCodes)}
            </Descriptions.Item>
            <Descriptions.Item label={t('employers.economicType')}>
              {e.economicTypeCode ? `${e.economicTypeCode} ${e.economicTypeName ?? ''}` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('employers.employees')}>{display(e.employees)}</Descriptions.Item>
            <Descriptions.Item label={t('employers.exposedEmployees')}>
              {display(e.exposedEmployees)}
            </Descriptions.Item>
            <Descriptions.Item label={t('employers.revenue')}>{display(e.revenueWanYuan)}</Descriptions.Item>
            <Descriptions.Item label={t('employers.size')}>
              {e.enterpriseSize ? t(`employers.sizes.${e.enterpriseSize}`) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('employers.computedSize')}>
              <span title={e.computedSizeReasons.join('；')}>{t(`employers.sizes.${e.computedSize}`)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('employers.legalRepresentative')}>
              {display(e.legalRepresentative)}
            </Descriptions.Item>
            <Descriptions.Item label={t('employers.affiliation')}>
              <span data-testid="employer-affiliation" title={t('employers.affiliationHint')}>
                {t(`employers.affiliations.${e.affiliation}`)}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('employers.contactName')}>{display(e.contactName)}</Descriptions.Item>
            <Descriptions.Item label={t('employers.contactPhone')}>
              {display(e.contactPhone)}
            </Descriptions.Item>
            <Descriptions.Item label={t('employers.programmeStatus')}>
              <Tag color={PROGRAMME_COLOURS[e.programmeStatus]}>
                {t(`employers.statuses.${e.programmeStatus}`)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('employers.source')}>
              {t(`employers.sources.${e.source}`, { defaultValue: e.source })}
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <Card
          title={
            <Space wrap>
              {t('employers.riskClass')}
              <RiskTag riskClass={e.riskClass} />
              <EmployerFlags e={e} />
            </Space>
          }
        >
          {e.riskBasis.length === 0 ? (
            <Typography.Text type="secondary">{t('employers.riskBasisNone')}</Typography.Text>
          ) : (
            <Table
              size="small"
              rowKey={(r) => `${r.industryCode}-${r.printedNo ?? 'x'}-${r.name ?? ''}`}
              pagination={false}
              dataSource={e.riskBasis}
              scroll={{ x: 560 }}
              columns={[
                {
                  title: t('employers.industry'),
                  render: (_, r) => `${r.industryCode} ${r.industryName ?? ''}`,
                },
                {
                  title: t('employers.riskBasis'),
                  render: (_, r) =>
                    r.name
                      ? `${r.printedNo ?? ''} ${r.matchedCode ?? ''} ${r.name}${r.starred ? ' *' : ''}`
                      : t('employers.unlisted'),
                },
                {
                  title: t('employers.riskClass'),
                  width: 100,
                  render: (_, r) => <RiskTag riskClass={r.riskClass} />,
                },
              ]}
            />
          )}
          {e.riskBasis.some((r) => r.starred) && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              * {t('employers.starred')}
            </Typography.Paragraph>
          )}
        </Card>
        <Versions e={e} />
      </Space>
    </PageContainer>
  );
};
