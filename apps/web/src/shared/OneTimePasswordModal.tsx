/** Shows a one-time initial password once, with a copy button. */
import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

const copyText = async (text: string): Promise<boolean> => {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API needs a secure context; fall back to a hidden textarea.
    const ta = document.createElement('textarea');
    ta.value = text;
    ta.style.position = 'fixed';
    ta.style.opacity = '0';
    document.body.appendChild(ta);
    ta.select();
    const ok = document.execCommand('copy');
    ta.remove();
    return ok;
  }
};

export const OneTimePasswordModal = ({
  value,
  onClose,
}: {
  value: { name: string; password: string } | null;
  onClose: () => void;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <Modal
      open={Boolean(value)}
      title={t('users.initialPasswordTitle')}
      onCancel={onClose}
      maskClosable={false}
      footer={[
        <Button key="ok" type="primary" onClick={onClose}>
          {t('common.ok')}
        </Button>,
      ]}
    >
      {value ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="warning" showIcon message={t('users.initialPasswordHint', { name: value.name })} />
          <Space style={{ marginTop: 8 }}>
            <Typography.Text code style={{ fontSize: 20, letterSpacing: 1 }} data-testid="initial-password">
              {value.password}
            </Typography.Text>
            <Button
              icon={<CopyOutlined />}
              onClick={() =>
                void copyText(value.password).then((ok) =>
                  ok ? message.success(t('common.copied')) : undefined,
                )
              }
              data-testid="copy-password"
            >
              {t('common.copy')}
            </Button>
          </Space>
        </Space>
      ) : null}
    </Modal>
  );
};
