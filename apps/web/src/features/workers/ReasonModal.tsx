/**
 * The stated reason before a worker's full data is shown or exported (查看完整信息 / 导出完整档案): a
 * reason of at least four characters (common ones one click away) and, for a reveal, the fields to show.
 * The server refuses a missing reason too (400 on the field `reason`), and records the reason.
 */
import { EyeOutlined } from '@ant-design/icons';
import { REVEAL_REASON_MIN, type WorkerRevealField } from '@ohp/contracts';
import { Alert, App, Checkbox, Form, Input, Modal, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportError } from '../../shared/errors';

const QUICK = ['verify', 'diagnosis', 'request', 'inspection'] as const;

type Values = { reason: string; fields: WorkerRevealField[] };

export const ReasonModal = ({
  open,
  mode,
  onClose,
  onConfirm,
}: {
  open: boolean;
  mode: 'reveal' | 'export';
  onClose: () => void;
  /** Runs the reveal or the export; an error keeps the dialog open and lands on its field. */
  onConfirm: (v: Values) => Promise<void>;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    // A field that fails its rule shows its message on the form; nothing else to do.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      await onConfirm({ ...v, reason: v.reason.trim() });
      form.resetFields();
      onClose();
    } catch (e) {
      reportError(message, e, form, ['reason', 'fields']);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t(mode === 'reveal' ? 'workers.revealTitle' : 'workers.exportFullTitle')}
      okText={t(mode === 'reveal' ? 'workers.confirmReveal' : 'workers.confirmExport')}
      okButtonProps={{ icon: mode === 'reveal' ? <EyeOutlined /> : undefined, 'data-testid': 'reason-ok' }}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      data-testid="reason-modal"
    >
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('workers.revealNotice')} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ reason: '', fields: ['idNumber', 'name', 'phone'] }}
        requiredMark={false}
      >
        <Form.Item
          name="reason"
          label={t('workers.reason')}
          rules={[
            {
              validator: async (_r, v: string | undefined) => {
                if ([...(v ?? '').trim()].length < REVEAL_REASON_MIN)
                  throw new Error(t('workers.reasonRequired'));
              },
            },
          ]}
          extra={
            <Space size={[4, 4]} wrap style={{ marginTop: 6, marginBottom: 8 }}>
              <span>{t('workers.quickReasons')}：</span>
              {QUICK.map((k) => (
                <Tag
                  key={k}
                  style={{ cursor: 'pointer' }}
                  onClick={() => {
                    form.setFieldValue('reason', t(`workers.quick.${k}`));
                    void form.validateFields(['reason']);
                  }}
                  data-testid={`reason-quick-${k}`}
                >
                  {t(`workers.quick.${k}`)}
                </Tag>
              ))}
            </Space>
          }
        >
          <Input.TextArea
            rows={3}
            maxLength={200}
            showCount
            placeholder={t('workers.reasonPlaceholder')}
            data-testid="reason-input"
          />
        </Form.Item>
        {mode === 'reveal' ? (
          <Form.Item
            name="fields"
            label={t('workers.fields')}
            rules={[{ required: true, type: 'array', min: 1, message: t('workers.fields') }]}
          >
            <Checkbox.Group
              options={(['idNumber', 'name', 'phone'] as const).map((f) => ({
                value: f,
                label: t(`workers.fieldNames.${f}`),
              }))}
            />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
};
