/**
 * 新建抽查: the period, the institutions (all in the user's area, or some — each shown with how many
 * candidate cards it has in the period), N per institution, reviewed cards only, and the seed (left
 * empty: the server generates and records one). The preview counts the candidates as the draw will.
 */
import type { ExamSampleDetail } from '@ohp/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportError } from '../../shared/errors';
import { drawSample, sampleCandidates, SAMPLES_KEY } from './api';

type Values = {
  title?: string;
  period: [Dayjs, Dayjs];
  institutionIds?: number[];
  perInstitution: number;
  seed?: string;
  reviewedOnly?: boolean;
};

const SEED = /^[A-Za-z0-9_-]{1,64}$/;

export const DrawModal = ({
  open,
  onClose,
  onDrawn,
}: {
  open: boolean;
  onClose: () => void;
  onDrawn: (s: ExamSampleDetail) => void;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const period = Form.useWatch('period', form);
  const reviewedOnly = Form.useWatch('reviewedOnly', form);
  const from = period?.[0]?.format('YYYY-MM-DD');
  const to = period?.[1]?.format('YYYY-MM-DD');

  useEffect(() => {
    if (open)
      form.setFieldsValue({
        title: undefined,
        period: [dayjs().subtract(3, 'month').startOf('month'), dayjs()],
        institutionIds: [],
        perInstitution: 5,
        seed: undefined,
        reviewedOnly: false,
      });
  }, [open, form]);

  const preview = useQuery({
    queryKey: [SAMPLES_KEY, 'candidates', from, to, !!reviewedOnly],
    queryFn: () => sampleCandidates({ from: from, to: to, reviewedOnly: !!reviewedOnly }),
    enabled: open && !!from && !!to,
  });

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      const s = await drawSample({
        from: v.period[0].format('YYYY-MM-DD'),
        to: v.period[1].format('YYYY-MM-DD'),
        perInstitution: v.perInstitution,
        institutionIds: v.institutionIds?.length ? v.institutionIds : undefined,
        seed: v.seed?.trim() || undefined,
        reviewedOnly: !!v.reviewedOnly,
        title: v.title?.trim() || null,
      });
      void message.success(t('sampling.drawn', { count: s.drawn }));
      onDrawn(s);
    } catch (e) {
      reportError(message, e, form);
    } finally {
      setSaving(false);
    }
  };

  const institutions = preview.data?.institutions ?? [];
  return (
    <Modal
      open={open}
      title={t('sampling.drawTitle')}
      okText={t('sampling.drawSubmit')}
      onOk={submit}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
      width={640}
      okButtonProps={{ 'data-testid': 'draw-submit' }}
    >
      <Form form={form} layout="vertical" requiredMark="optional">
        <Form.Item name="title" label={t('sampling.fields.title')}>
          <Input
            maxLength={100}
            placeholder={t('sampling.fields.titlePlaceholder')}
            data-testid="draw-title"
          />
        </Form.Item>
        <Form.Item name="period" label={t('sampling.fields.period')} rules={[{ required: true }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} allowClear={false} data-testid="draw-period" />
        </Form.Item>
        <Form.Item
          name="reviewedOnly"
          label={t('sampling.fields.reviewedOnly')}
          valuePropName="checked"
          extra={t('sampling.fields.reviewedOnlyHelp')}
        >
          <Switch data-testid="draw-reviewed" />
        </Form.Item>
        {preview.data ? (
          <Alert
            style={{ marginBottom: 16 }}
            type={preview.data.total ? 'info' : 'warning'}
            showIcon
            message={
              preview.data.total
                ? t('sampling.preview', { total: preview.data.total, count: institutions.length })
                : t('sampling.previewNone')
            }
            data-testid="draw-preview"
          />
        ) : null}
        <Form.Item
          name="institutionIds"
          label={t('sampling.fields.institutions')}
          extra={t('sampling.fields.institutionsAll')}
        >
          <Select
            mode="multiple"
            allowClear
            optionFilterProp="label"
            loading={preview.isFetching}
            options={institutions.map((i) => ({
              value: i.institutionId,
              label: `${i.institutionName}（${t('sampling.candidatesOf', { count: i.candidates })}）`,
            }))}
            data-testid="draw-institutions"
          />
        </Form.Item>
        <Form.Item
          name="perInstitution"
          label={t('sampling.fields.perInstitution')}
          rules={[{ required: true }]}
        >
          <InputNumber
            min={1}
            max={100}
            precision={0}
            addonAfter={t('sampling.fields.perInstitutionUnit')}
            data-testid="draw-n"
          />
        </Form.Item>
        <Form.Item
          name="seed"
          label={t('sampling.fields.seed')}
          extra={t('sampling.fields.seedHelp')}
          rules={[{ pattern: SEED, message: t('sampling.fields.seedHelp') }]}
        >
          <Input maxLength={64} placeholder={t('sampling.fields.seedPlaceholder')} data-testid="draw-seed" />
        </Form.Item>
      </Form>
    </Modal>
  );
};
