/**
 * 导出: a list's export button. It downloads the file the server makes with the page's current filter
 * (the same rows as the list), says so, and shows a refusal or a failure as a message.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportError } from './errors';

export const ExportButton = ({
  onExport,
  testId,
  label,
  size,
}: {
  /** Downloads the file (api.download with the page's filter). */
  onExport: () => Promise<void>;
  testId?: string;
  /** Defaults to 导出 / Export. */
  label?: string;
  size?: 'small' | 'middle';
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      size={size}
      data-testid={testId}
      onClick={async () => {
        setBusy(true);
        try {
          await onExport();
          void message.success(t('common.exportStarted'));
        } catch (e) {
          reportError(message, e);
        } finally {
          setBusy(false);
        }
      }}
    >
      {label ?? t('common.export')}
    </Button>
  );
};
