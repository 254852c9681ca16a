/**
 * 现场核查详情 — the checklist (sections, items, key items marked; 符合 / 不符合 / 不适用 per item with a
 * note), each filed hazard factor capable or not, the clock, and the QC centre's actions as the server
 * allows them (`abilities`): 安排核查 (date, assessors), 保存核查结果, 完成核查 (with a confirmation that
 * names the result and the items that become 不具备能力的服务项目). The institution reads it (read-only).
 */
import { PageContainer } from '@ant-design/pro-components';
import type { VerificationDetail, VerificationItemResult } from '@ohp/contracts';
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
  Modal,
  Radio,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { reportError } from '../../shared/errors';
import {
  VERIFICATIONS_KEY,
  completeVerification,
  evidenceUrl,
  getVerification,
  recordVerification,
  scheduleVerification,
  uploadEvidence,
} from './api';
import { DueTag, StatusTag } from './VerificationsPage';

type ItemEdit = { result: VerificationItemResult | null; note: string };
type FactorEdit = { capable: boolean | null; note: string };

const ScheduleModal = ({
  v,
  onClose,
  onDone,
}: {
  v: VerificationDetail;
  onClose: () => void;
  onDone: () => Promise<void>;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ scheduledOn: dayjs.Dayjs; assessors: string[] }>();
  return (
    <Modal
      open
      title={t('verifications.scheduleTitle')}
      okText={t('verifications.schedule')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={async () => {
        const f = await form.validateFields();
        try {
          await scheduleVerification(v.id, {
            scheduledOn: f.scheduledOn.format('YYYY-MM-DD'),
            assessors: f.assessors,
          });
          message.success(t('verifications.scheduled'));
          await onDone();
          onClose();
        } catch (e) {
          reportError(message, e, form, ['scheduledOn', 'assessors']);
        }
      }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          scheduledOn: v.scheduledOn ? dayjs(v.scheduledOn) : undefined,
          assessors: v.assessors,
        }}
      >
        <Form.Item name="scheduledOn" label={t('verifications.scheduledOn')} rules={[{ required: true }]}>
          <DatePicker data-testid="verification-date" />
        </Form.Item>
        <Form.Item
          name="assessors"
          label={t('verifications.assessors')}
          extra={t('verifications.assessorsHint')}
          rules={[{ required: true }]}
        >
          <Select mode="tags" open={false} data-testid="verification-assessors" />
        </Form.Item>
      </Form>
    </Modal>
  );
};

export const VerificationDetailPage = () => {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: [VERIFICATIONS_KEY, 'detail', id], queryFn: () => getVerification(id) });
  const v = q.data;
  const [items, setItems] = useState<Record<string, ItemEdit>>({});
  const [factors, setFactors] = useState<Record<string, FactorEdit>>({});
  const [scheduling, setScheduling] = useState(false);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!v) return;
    setItems(Object.fromEntries(v.items.map((i) => [i.code, { result: i.result, note: i.note ?? '' }])));
    setFactors(
      Object.fromEntries(v.factors.map((f) => [f.hazardCode, { capable: f.capable, note: f.note ?? '' }])),
    );
  }, [v]);
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: [VERIFICATIONS_KEY] });
    return (await q.refetch()).data;
  };
  if (!v) return <Spin />;
  const editable = v.abilities.record && v.status === 'scheduled';

  const save = async (): Promise<boolean> => {
    setSaving(true);
    try {
      await recordVerification(v.id, {
        items: Object.entries(items)
          .filter(([, e]) => e.result !== null)
          .map(([code, e]) => ({ code, result: e.result!, note: e.note.trim() || null })),
        factors: Object.entries(factors)
          .filter(([, e]) => e.capable !== null)
          .map(([hazardCode, e]) => ({ hazardCode, capable: e.capable!, note: e.note.trim() || null })),
      });
      return true;
    } catch (e) {
      reportError(message, e);
      return false;
    } finally {
      setSaving(false);
    }
  };

  const complete = async () => {
    if (!(await save())) return;
    const d = await refresh();
    if (!d) return;
    const p = d.preview;
    if (p.result === null) {
      message.error(t('verifications.missing', { n: p.missingItems.length + p.missingFactors.length }));
      return;
    }
    let conclusion = '';
    modal.confirm({
      title: t('verifications.completeTitle'),
      width: 560,
      content: (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph>
            {t('verifications.completeConfirm', { result: t(`verifications.results.${p.result}`) })}
          </Typography.Paragraph>
          {p.failedKeyItems.length > 0 && (
            <Alert
              type="error"
              message={t('verifications.completeKeyFailed', { codes: p.failedKeyItems.join('、') })}
            />
          )}
          {p.failedFactors.length > 0 && (
            <Alert
              type="warning"
              message={t('verifications.completeBlocked', {
                codes: d.factors
                  .filter((f) => p.failedFactors.includes(f.hazardCode))
                  .map((f) => `${f.hazardCode} ${f.hazardName}`)
                  .join('、'),
              })}
            />
          )}
          <Input.TextArea
            rows={3}
            maxLength={2000}
            placeholder={t('verifications.conclusion')}
            data-testid="verification-conclusion"
            onChange={(e) => (conclusion = e.target.value)}
          />
        </Space>
      ),
      okText: t('verifications.complete'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const r = await completeVerification(v.id, { conclusion: conclusion.trim() || null });
          message.success(t('verifications.completed', { result: t(`verifications.results.${r.result}`) }));
          await refresh();
        } catch (e) {
          reportError(message, e);
        }
      },
    });
  };

  return (
    <PageContainer
      title={
        <Space>
          {v.institutionName}
          <StatusTag v={v} />
          {!v.abilities.record && <Tag>{t('verifications.readOnly')}</Tag>}
        </Space>
      }
      breadcrumbRender={false}
      extra={
        <Space>
          <Link to="/verifications">{t('verifications.back')}</Link>
          {v.abilities.schedule && (
            <Button onClick={() => setScheduling(true)} data-testid="verification-schedule">
              {t('verifications.schedule')}
            </Button>
          )}
          {editable && (
            <Button
              loading={saving}
              data-testid="verification-save"
              onClick={async () => {
                if (await save()) {
                  message.success(t('verifications.saved'));
                  await refresh();
                }
              }}
            >
              {t('verifications.save')}
            </Button>
          )}
          {v.abilities.complete && (
            <Button type="primary" onClick={() => void complete()} data-testid="verification-complete">
              {t('verifications.complete')}
            </Button>
          )}
        </Space>
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card size="small">
          <Descriptions size="small" column={3}>
            <Descriptions.Item label={t('verifications.filingNo')}>{v.filingNo ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('verifications.filingKind')}>
              {t(`verifications.kinds.${v.filingKind}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('verifications.filedOn')}>{v.filedOn}</Descriptions.Item>
            <Descriptions.Item label={t('verifications.dueOn')}>
              {v.status === 'completed' ? (
                v.dueOn
              ) : (
                <Tooltip title={v.clock?.legalBasis}>
                  <span>
                    <DueTag dueOn={v.dueOn} overdueDays={v.overdueDays} />
                  </span>
                </Tooltip>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('verifications.scheduledOn')}>
              {v.scheduledOn ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('verifications.assessors')}>
              {v.assessors.join('、') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('verifications.responsible')}>
              {v.responsibleOrganisationName ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('verifications.completedOn')}>
              {v.completedOn ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('verifications.result')}>
              {v.result ? t(`verifications.results.${v.result}`) : '—'}
            </Descriptions.Item>
            {v.conclusion && (
              <Descriptions.Item label={t('verifications.conclusion')} span={3}>
                {v.conclusion}
              </Descriptions.Item>
            )}
            {v.clock && (
              <Descriptions.Item label={t('verifications.legalBasis')} span={3}>
                <Typography.Text type="secondary">{v.clock.legalBasis}</Typography.Text>
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>
        <Card
          size="small"
          title={`${t('verifications.checklist')}：${v.template.name}（v${v.template.version}）`}
        >
          {v.template.confidence === 'uncertain' && (
            <Alert
              type="warning"
              showIcon
              message={t('verifications.provisional')}
              style={{ marginBottom: 12 }}
              data-testid="verification-provisional"
            />
          )}
          <Table
            rowKey="code"
            size="small"
            pagination={false}
            dataSource={v.items}
            columns={[
              { title: t('verifications.section'), dataIndex: 'section', width: 150 },
              {
                title: t('verifications.item'),
                dataIndex: 'text',
                render: (_, i) => (
                  <Space direction="vertical" size={0}>
                    <span>
                      <Typography.Text strong>{i.code}</Typography.Text> {i.text}{' '}
                      {i.keyItem && (
                        <Tooltip title={t('verifications.keyItemHint')}>
                          <Tag color="red">{t('verifications.keyItem')}</Tag>
                        </Tooltip>
                      )}
                    </span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('verifications.basis')}：{i.basis}
                    </Typography.Text>
                  </Space>
                ),
              },
              {
                title: t('verifications.result'),
                width: 240,
                render: (_, i) => (
                  <Radio.Group
                    disabled={!editable}
                    value={items[i.code]?.result ?? null}
                    data-testid={`verification-item-${i.code}`}
                    onChange={(e) =>
                      setItems((s) => ({
                        ...s,
                        [i.code]: {
                          note: s[i.code]?.note ?? '',
                          result: e.target.value as VerificationItemResult,
                        },
                      }))
                    }
                    options={(['conform', 'nonconform', 'not_applicable'] as const).map((r) => ({
                      value: r,
                      label: t(`verifications.itemResults.${r}`),
                    }))}
                  />
                ),
              },
              {
                title: t('verifications.note'),
                width: 240,
                render: (_, i) =>
                  editable ? (
                    <Input
                      value={items[i.code]?.note ?? ''}
                      maxLength={1000}
                      status={
                        items[i.code]?.result === 'nonconform' && !items[i.code]?.note.trim() ? 'warning' : ''
                      }
                      placeholder={t('verifications.notePlaceholder')}
                      data-testid={`verification-note-${i.code}`}
                      onChange={(e) =>
                        setItems((s) => ({
                          ...s,
                          [i.code]: { result: s[i.code]?.result ?? null, note: e.target.value },
                        }))
                      }
                    />
                  ) : (
                    (i.note ?? '—')
                  ),
              },
              {
                title: t('verifications.evidence'),
                width: 200,
                render: (_, i) => (
                  <Space direction="vertical" size={2}>
                    {i.evidence.map((e) => (
                      <a key={e.id} href={evidenceUrl(v.id, e.id)} target="_blank" rel="noreferrer">
                        {e.fileName}
                      </a>
                    ))}
                    {editable && (
                      <Upload
                        accept=".pdf,.jpg,.jpeg,.png"
                        showUploadList={false}
                        customRequest={({ file, onSuccess, onError }) => {
                          uploadEvidence(v.id, i.code, file as File)
                            .then(async (r) => {
                              message.success(t('verifications.uploaded'));
                              onSuccess?.(r);
                              await refresh();
                            })
                            .catch((e: unknown) => {
                              reportError(message, e);
                              onError?.(e as Error);
                            });
                        }}
                      >
                        <Button size="small" data-testid={`verification-evidence-${i.code}`}>
                          {t('verifications.upload')}
                        </Button>
                      </Upload>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
        <Card size="small" title={t('verifications.factors')}>
          <Typography.Paragraph type="secondary">{t('verifications.factorsHint')}</Typography.Paragraph>
          <Table
            rowKey="hazardCode"
            size="small"
            pagination={false}
            dataSource={v.factors}
            columns={[
              { title: t('verifications.category'), dataIndex: 'category', width: 150 },
              {
                title: t('verifications.hazard'),
                render: (_, f) => (
                  <Space>
                    {`${f.hazardCode} ${f.hazardName}`}
                    {f.capabilityStatus === 'blocked' && <Tag color="red">{t('verifications.blocked')}</Tag>}
                  </Space>
                ),
              },
              {
                title: t('verifications.result'),
                width: 240,
                render: (_, f) => (
                  <Radio.Group
                    disabled={!editable}
                    value={factors[f.hazardCode]?.capable ?? null}
                    data-testid={`verification-factor-${f.hazardCode}`}
                    onChange={(e) =>
                      setFactors((s) => ({
                        ...s,
                        [f.hazardCode]: {
                          note: s[f.hazardCode]?.note ?? '',
                          capable: e.target.value as boolean,
                        },
                      }))
                    }
                    options={[
                      { value: true, label: t('verifications.capable') },
                      { value: false, label: t('verifications.notCapable') },
                    ]}
                  />
                ),
              },
              {
                title: t('verifications.note'),
                width: 240,
                render: (_, f) =>
                  editable ? (
                    <Input
                      value={factors[f.hazardCode]?.note ?? ''}
                      maxLength={1000}
                      placeholder={t('verifications.notePlaceholder')}
                      data-testid={`verification-factor-note-${f.hazardCode}`}
                      onChange={(e) =>
                        setFactors((s) => ({
                          ...s,
                          [f.hazardCode]: { capable: s[f.hazardCode]?.capable ?? null, note: e.target.value },
                        }))
                      }
                    />
                  ) : (
                    (f.note ?? '—')
                  ),
              },
            ]}
          />
        </Card>
      </Space>
      {scheduling && (
        <ScheduleModal
          v={v}
          onClose={() => setScheduling(false)}
          onDone={async () => void (await refresh())}
        />
      )}
    </PageContainer>
  );
};
