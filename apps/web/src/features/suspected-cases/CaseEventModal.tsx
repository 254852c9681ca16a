/**
 * 登记追踪进展: one step of a suspected case — 告知用人单位, 转诊 (the diagnosis institution), 诊断 (the
 * disease of the national table and, for a pneumoconiosis, its stage) or 排除 — with its date (today by
 * default, not before the case was found nor in the future) and a note. A step someone else recorded
 * meanwhile (409 case_step_not_allowed) closes the dialog and refreshes the list.
 */
import type { SuspectedCaseEvent } from '@ohp/contracts';
import { App, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api';
import { reportError } from '../../shared/errors';
import { fmtDate } from '../../shared/format';
import { currentLang } from '../../shared/i18n';
import { pneumoconiosisStages, stageNamesEn } from '../../shared/i18n-exam-cards';
import type { SuspectedCase } from '../../shared/types';
import type { CodeNames } from '../exam-cards/api';
import { recordCaseEvent } from './api';

export type CaseEventTarget = { event: SuspectedCaseEvent; row: SuspectedCase };

type Values = {
  date: Dayjs;
  referredTo?: string;
  diseaseCode?: string;
  stage?: (typeof pneumoconiosisStages)[number];
  note?: string;
};

/** The pneumoconioses (尘肺病, 11xx) are staged. */
const staged = (code: string | undefined) => !!code && code.startsWith('11');

export const stageName = (stage: string) =>
  currentLang() === 'en' ? (stageNamesEn[stage as keyof typeof stageNamesEn] ?? stage) : stage;

export const CaseEventModal = ({
  target,
  diseases,
  onClose,
  onRecorded,
}: {
  target: CaseEventTarget | null;
  diseases: CodeNames;
  onClose: () => void;
  /** After a step or a conflict: the list has changed. */
  onRecorded: () => void;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const event = target?.event;
  const row = target?.row;
  const diseaseCode = Form.useWatch('diseaseCode', form);

  useEffect(() => {
    if (target)
      form.setFieldsValue({
        date: dayjs(),
        diseaseCode: target.event === 'diagnosed' ? target.row.diseaseCode : undefined,
        referredTo: undefined,
        stage: undefined,
        note: undefined,
      });
  }, [target, form]);

  const diseaseOptions = diseases.entries
    .filter((e) => e.level === 'disease')
    .map((e) => ({ value: String(e.code), label: `${String(e.code)} ${diseases.name(String(e.code))}` }));

  const submit = async () => {
    if (!target) return;
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      await recordCaseEvent(target.row.id, {
        event: target.event,
        date: v.date.format('YYYY-MM-DD'),
        note: v.note?.trim() || null,
        ...(target.event === 'referred' ? { referredTo: v.referredTo?.trim() || null } : {}),
        ...(target.event === 'diagnosed'
          ? { diseaseCode: v.diseaseCode ?? null, stage: staged(v.diseaseCode) ? (v.stage ?? null) : null }
          : {}),
      });
      void message.success(t('suspected.recorded', { event: t(`suspected.events.${target.event}`) }));
      onClose();
      onRecorded();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        void message.error(t('suspected.notAllowed'));
        onClose();
        onRecorded();
      } else reportError(message, e, form, ['date', 'referredTo', 'diseaseCode', 'stage', 'note']);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={target !== null}
      title={event ? t(`suspected.eventTitles.${event}`) : ''}
      okText={event ? t(`suspected.events.${event}`) : ''}
      okButtonProps={{ danger: event === 'excluded', 'data-testid': 'case-event-submit' }}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      forceRender
      data-testid="case-event-modal"
    >
      {row ? (
        <Typography.Paragraph type="secondary">
          {t('suspected.eventIntro', {
            worker: row.workerName,
            employer: row.employerName,
            disease: diseases.name(row.diseaseCode),
            found: fmtDate(row.foundOn),
          })}
        </Typography.Paragraph>
      ) : null}
      <Form form={form} layout="vertical">
        <Form.Item
          name="date"
          label={t('suspected.date')}
          rules={[{ required: true, message: t('suspected.dateRequired') }]}
        >
          <DatePicker
            allowClear={false}
            style={{ width: 200 }}
            disabledDate={(d) =>
              d.isAfter(dayjs(), 'day') || (row ? d.isBefore(dayjs(row.foundOn), 'day') : false)
            }
            data-testid="case-event-date"
          />
        </Form.Item>
        {event === 'referred' ? (
          <Form.Item
            name="referredTo"
            label={t('suspected.referredToLabel')}
            rules={[{ required: true, whitespace: true, message: t('suspected.referredToRequired') }]}
          >
            <Input
              maxLength={100}
              placeholder={t('suspected.referredToPlaceholder')}
              data-testid="case-event-referred-to"
            />
          </Form.Item>
        ) : null}
        {event === 'diagnosed' ? (
          <>
            <Form.Item
              name="diseaseCode"
              label={t('suspected.diagnosedDisease')}
              rules={[{ required: true, message: t('suspected.diagnosedDiseaseRequired') }]}
            >
              <Select
                showSearch
                optionFilterProp="label"
                options={diseaseOptions}
                loading={diseases.entries.length === 0}
                data-testid="case-event-disease"
              />
            </Form.Item>
            {staged(diseaseCode) ? (
              <Form.Item name="stage" label={t('suspected.stage')}>
                <Select
                  allowClear
                  placeholder={t('suspected.stagePlaceholder')}
                  options={pneumoconiosisStages.map((s) => ({ value: s, label: stageName(s) }))}
                  style={{ width: 200 }}
                  data-testid="case-event-stage"
                />
              </Form.Item>
            ) : null}
          </>
        ) : null}
        <Form.Item name="note" label={t('suspected.note')}>
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={t('suspected.notePlaceholder')}
            data-testid="case-event-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
};
