/**
 * 外出体检设置 — the province's outbound-exam notice period (working days, the counting convention in
 * plain words with an example, the legal basis and whether the reading is confirmed) and the counties
 * whose supervision is delegated to their city (notices go to the city). The provincial health commission
 * changes them (`canConfigure` from the server); everyone else who reads notices sees them read-only.
 */
import { PageContainer } from '@ant-design/pro-components';
import type { OutboundDelegation, OutboundSetting, OutboundSettingInput } from '@ohp/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { reportError } from '../../shared/errors';
import { fmtDateTime } from '../../shared/format';
import { RegionPicker } from '../../shared/RegionPicker';
import {
  OUTBOUND_KEY,
  addDelegation,
  getSetting,
  listDelegations,
  putSetting,
  removeDelegation,
} from './api';

const KEY = [OUTBOUND_KEY, 'settings'] as const;

/**
 * The earliest start for a notice given on a Monday with no holidays: days after that Monday (0 = the
 * Monday itself). Mirrors the server's rule (outbound.rules.ts noticeTiming) on a plain Mon–Fri week.
 */
export const exampleOffset = (n: number, convention: string): number => {
  let counted = convention === 'notice_day_counts' ? 1 : 0;
  let d = 0;
  while (counted < n) {
    d += 1;
    if (d % 7 < 5) counted += 1;
  }
  return d + 1;
};

const useWhen = () => {
  const { t } = useTranslation();
  return (n: number, convention: string) => {
    const d = exampleOffset(n, convention);
    const day = t('outbound.settings.weekdays').split(',')[d % 7];
    const weeks = Math.floor(d / 7);
    return weeks === 0
      ? t('outbound.settings.when.same', { day })
      : weeks === 1
        ? t('outbound.settings.when.next', { day })
        : t('outbound.settings.when.later', { day, weeks });
  };
};

const ConventionText = ({ n, convention }: { n: number; convention: string }) => {
  const { t } = useTranslation();
  const when = useWhen();
  return (
    <Space direction="vertical" size={2}>
      <span>{t(`outbound.settings.conventionPlain.${convention}`, { n })}</span>
      <Typography.Text type="secondary">
        {t('outbound.settings.example', { when: when(n, convention) })}
      </Typography.Text>
    </Space>
  );
};

const SettingForm = ({
  province,
  setting,
  onClose,
}: {
  province: string;
  setting: OutboundSetting;
  onClose: () => void;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<OutboundSettingInput>();
  const [saving, setSaving] = useState(false);
  const n = Form.useWatch('noticeWorkingDays', form) ?? setting.noticeWorkingDays;
  const convention = Form.useWatch('convention', form) ?? setting.convention;
  return (
    <Modal
      open
      width={720}
      title={t('outbound.settings.editTitle')}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ id: 'outbound-setting-save' }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          noticeWorkingDays: setting.noticeWorkingDays,
          convention: setting.convention,
          legalBasis: setting.legalBasis,
          confidence: setting.confidence,
          note: setting.note ?? '',
        }}
        onFinish={async (v) => {
          setSaving(true);
          try {
            await putSetting(province, { ...v, note: v.note?.trim() || null });
            message.success(t('outbound.settings.saved'));
            await qc.invalidateQueries({ queryKey: [OUTBOUND_KEY] });
            onClose();
          } catch (e) {
            reportError(message, e, form, [
              'noticeWorkingDays',
              'convention',
              'legalBasis',
              'confidence',
              'note',
            ]);
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form.Item
          name="noticeWorkingDays"
          label={t('outbound.settings.days')}
          extra={t('outbound.settings.daysHint')}
          rules={[{ required: true }, { type: 'integer', min: 1, max: 30 }]}
        >
          <InputNumber
            min={1}
            max={30}
            precision={0}
            addonAfter={t('outbound.settings.daysUnit')}
            id="outbound-setting-days"
          />
        </Form.Item>
        <Form.Item name="convention" label={t('outbound.settings.convention')} rules={[{ required: true }]}>
          <Radio.Group>
            <Space direction="vertical">
              {(['clear_days', 'notice_day_counts'] as const).map((c) => (
                <Radio key={c} value={c}>
                  <strong>{t(`outbound.conventions.${c}`)}</strong>
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={<ConventionText n={n || 1} convention={convention} />}
        />
        <Form.Item
          name="legalBasis"
          label={t('outbound.settings.legalBasis')}
          extra={t('outbound.settings.legalBasisHint')}
          rules={[{ required: true, whitespace: true }, { max: 1000 }]}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <Form.Item name="confidence" label={t('outbound.settings.confidence')} rules={[{ required: true }]}>
          <Radio.Group
            options={(['verified', 'uncertain'] as const).map((c) => ({
              value: c,
              label: t(`outbound.settings.confidences.${c}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('outbound.settings.note')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
};

const DelegationForm = ({ province, onClose }: { province: string; onClose: () => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ countyCode: string; note?: string }>();
  const [saving, setSaving] = useState(false);
  return (
    <Modal
      open
      title={t('outbound.settings.addTitle')}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ id: 'outbound-delegation-save' }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          setSaving(true);
          try {
            await addDelegation(province, { countyCode: v.countyCode, note: v.note?.trim() || null });
            message.success(t('outbound.settings.added'));
            await qc.invalidateQueries({ queryKey: KEY });
            onClose();
          } catch (e) {
            reportError(message, e, form, ['countyCode', 'note']);
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form.Item
          name="countyCode"
          label={t('outbound.settings.county')}
          extra={t('outbound.settings.countyHint')}
          rules={[{ required: true }]}
        >
          <RegionPicker
            rootCode={province}
            placeholder={t('outbound.settings.countyPick')}
            id="outbound-delegation-county"
          />
        </Form.Item>
        <Form.Item name="note" label={t('outbound.settings.delegationNote')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} placeholder={t('outbound.settings.notePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
};

export const OutboundSettingsPage = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useAuth();
  const qc = useQueryClient();
  const province = (me?.organisation.regionCode ?? '').slice(0, 2);
  const setting = useQuery({
    queryKey: [...KEY, province],
    queryFn: () => getSetting(province),
    enabled: !!province,
  });
  const list = useQuery({
    queryKey: [...KEY, province, 'delegations'],
    queryFn: () => listDelegations(province),
    enabled: !!province,
  });
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const s = setting.data;
  const canConfigure = !!s?.canConfigure;

  const remove = async (d: OutboundDelegation) => {
    try {
      await removeDelegation(province, d.countyCode);
      message.success(t('outbound.settings.removed'));
      await qc.invalidateQueries({ queryKey: KEY });
    } catch (e) {
      reportError(message, e);
    }
  };

  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Alert
          type="info"
          showIcon
          message={s ? `${s.provinceName} · ${t('outbound.settings.title')}` : t('outbound.settings.title')}
          description={t('outbound.settings.intro')}
        />
        {s && !canConfigure && <Alert type="warning" showIcon message={t('outbound.settings.readOnly')} />}
        <Card
          title={t('outbound.settings.periodTitle')}
          loading={setting.isLoading}
          extra={
            canConfigure && (
              <Button type="primary" onClick={() => setEditing(true)} id="outbound-setting-edit">
                {t('outbound.settings.edit')}
              </Button>
            )
          }
        >
          {s && (
            <Descriptions
              column={1}
              bordered
              size="middle"
              labelStyle={{ width: 180 }}
              data-testid="outbound-setting"
            >
              <Descriptions.Item label={t('outbound.settings.days')}>
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {t('outbound.settings.daysValue', { n: s.noticeWorkingDays })}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('outbound.settings.convention')}>
                <Space direction="vertical" size={4}>
                  <Tag color="blue">{t(`outbound.conventions.${s.convention}`)}</Tag>
                  <ConventionText n={s.noticeWorkingDays} convention={s.convention} />
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('outbound.settings.legalBasis')}>{s.legalBasis}</Descriptions.Item>
              <Descriptions.Item label={t('outbound.settings.confidence')}>
                <Space direction="vertical" size={4}>
                  <Tag color={s.confidence === 'verified' ? 'success' : 'warning'}>
                    {t(`outbound.settings.confidences.${s.confidence}`)}
                  </Tag>
                  {s.confidence === 'uncertain' && s.convention === 'clear_days' && (
                    <Typography.Text type="secondary">{t('outbound.settings.uncertainHint')}</Typography.Text>
                  )}
                </Space>
              </Descriptions.Item>
              {s.note && <Descriptions.Item label={t('outbound.settings.note')}>{s.note}</Descriptions.Item>}
              <Descriptions.Item label={t('outbound.settings.updatedAt')}>
                {s.isDefault ? t('outbound.settings.isDefault') : fmtDateTime(s.updatedAt)}
              </Descriptions.Item>
            </Descriptions>
          )}
        </Card>
        <Card
          title={t('outbound.settings.delegationsTitle')}
          extra={
            canConfigure && (
              <Button type="primary" onClick={() => setAdding(true)} id="outbound-delegation-add">
                {t('outbound.settings.add')}
              </Button>
            )
          }
        >
          <Typography.Paragraph type="secondary">
            {t('outbound.settings.delegationsIntro')}
          </Typography.Paragraph>
          <Table<OutboundDelegation>
            rowKey="countyCode"
            loading={list.isLoading}
            dataSource={list.data ?? []}
            pagination={false}
            locale={{ emptyText: t('outbound.settings.none') }}
            data-testid="outbound-delegations"
            columns={[
              {
                title: t('outbound.settings.county'),
                dataIndex: 'countyName',
                render: (_v, d) => (
                  <Space direction="vertical" size={0}>
                    <span>{d.countyName}</span>
                    <Typography.Text type="secondary">{d.countyCode}</Typography.Text>
                  </Space>
                ),
              },
              { title: t('outbound.settings.city'), dataIndex: 'cityName' },
              {
                title: t('outbound.settings.receiver'),
                dataIndex: 'cityDepartment',
                render: (_v, d) =>
                  d.cityDepartment ?? (
                    <Typography.Text type="danger">{t('outbound.settings.noReceiver')}</Typography.Text>
                  ),
              },
              { title: t('outbound.settings.since'), dataIndex: 'since', width: 120 },
              {
                title: t('outbound.settings.delegationNote'),
                dataIndex: 'note',
                render: (_v, d) => d.note ?? '-',
              },
              ...(canConfigure
                ? [
                    {
                      title: t('outbound.settings.actions'),
                      key: 'actions',
                      width: 120,
                      render: (_v: unknown, d: OutboundDelegation) => (
                        <Popconfirm
                          title={t('outbound.settings.removeConfirm', { county: d.countyName })}
                          onConfirm={() => remove(d)}
                        >
                          <Button type="link" danger>
                            {t('outbound.settings.remove')}
                          </Button>
                        </Popconfirm>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      </Space>
      {editing && s && <SettingForm province={province} setting={s} onClose={() => setEditing(false)} />}
      {adding && <DelegationForm province={province} onClose={() => setAdding(false)} />}
    </PageContainer>
  );
};
