/**
 * 审核通过 / 退回 one card or many (逐级审核): the opinion is required for a return (the institution
 * reads it) and optional for an approval. The server decides all or nothing; when some card is no
 * longer awaiting the user's level (409 review_not_awaiting) the dialog names those cards and the
 * caller refreshes what it shows.
 */
import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api';
import { reportError } from '../../shared/errors';
import { CARDS_KEY, reviewExamCards } from './api';

export type ReviewDecision = 'approved' | 'returned';
export type ReviewTarget = { decision: ReviewDecision; cards: Array<{ id: number; recordId: string }> };

const OPINION_MAX = 500;

/** The record IDs of the cards a 409 names (`cardIds.<index>`), else all of them. */
const conflictRecords = (err: ApiError, cards: ReviewTarget['cards']): string[] => {
  const named = err.details
    .map((d) => /^\/?cardIds[./](\d+)$/.exec(d.path)?.[1])
    .filter((i): i is string => i !== undefined)
    .map((i) => cards[Number(i)]?.recordId)
    .filter((r): r is string => !!r);
  return named.length ? named : cards.map((c) => c.recordId);
};

export const ReviewModal = ({
  target,
  onClose,
  onReviewed,
}: {
  target: ReviewTarget | null;
  onClose: () => void;
  /** After a decision or a conflict: what the caller shows has changed. */
  onReviewed: () => void;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ opinion?: string }>();
  const [saving, setSaving] = useState(false);
  const returning = target?.decision === 'returned';
  const count = target?.cards.length ?? 0;
  const one = count === 1 ? target?.cards[0] : undefined;

  useEffect(() => {
    if (target) form.resetFields();
  }, [target, form]);

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: [CARDS_KEY] });
    onReviewed();
  };

  const submit = async () => {
    if (!target) return;
    let opinion: string | undefined;
    try {
      ({ opinion } = await form.validateFields());
    } catch {
      return; // the form shows what is missing
    }
    setSaving(true);
    try {
      const res = await reviewExamCards({
        cardIds: target.cards.map((c) => c.id),
        decision: target.decision,
        opinion: opinion?.trim() || null,
      });
      void message.success(
        t(returning ? 'examCards.returned' : 'examCards.approved', { count: res.reviewed }),
      );
      onClose();
      refresh();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.reason === 'review_not_awaiting') {
        void message.error({
          content: t('examCards.notAwaiting', { records: conflictRecords(e, target.cards).join('、') }),
          duration: 8,
        });
        onClose();
        refresh();
      } else reportError(message, e, form, ['opinion']);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={target !== null}
      title={t(returning ? 'examCards.returnTitle' : 'examCards.approveTitle')}
      okText={t(returning ? 'examCards.return' : 'examCards.approve')}
      okButtonProps={{ danger: returning, 'data-testid': 'review-submit' }}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      data-testid="review-modal"
    >
      <Typography.Paragraph>
        {one
          ? t(returning ? 'examCards.returnOne' : 'examCards.approveOne', { record: one.recordId })
          : t(returning ? 'examCards.returnMany' : 'examCards.approveMany', { count })}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="opinion"
          label={t('examCards.opinion')}
          rules={
            returning
              ? [{ required: true, whitespace: true, message: t('examCards.opinionRequired') }]
              : undefined
          }
        >
          <Input.TextArea
            rows={4}
            maxLength={OPINION_MAX}
            showCount
            placeholder={t(
              returning ? 'examCards.opinionReturnPlaceholder' : 'examCards.opinionApprovePlaceholder',
            )}
            data-testid="review-opinion"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
};
