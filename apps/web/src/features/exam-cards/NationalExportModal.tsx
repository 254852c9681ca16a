/**
 * 导出国家交换文件: the cards the province approved (07) with an exam date in a period, as the national
 * exchange XML. Last month by default; the file carries the workers' full personal data and the export
 * is audited, which the dialog says before the download.
 */
import { Alert, App, DatePicker, Form, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportError } from '../../shared/errors';
import { downloadNationalXml } from './api';

const lastMonth = (): [Dayjs, Dayjs] => {
  const m = dayjs().subtract(1, 'month');
  return [m.startOf('month'), m.endOf('month')];
};

export const NationalExportModal = ({ open, onClose }: { open: boolean; onClose: () => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ period: [Dayjs, Dayjs] }>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    let period: [Dayjs, Dayjs];
    try {
      ({ period } = await form.validateFields());
    } catch {
      return;
    }
    setBusy(true);
    try {
      await downloadNationalXml(period[0].format('YYYY-MM-DD'), period[1].format('YYYY-MM-DD'));
      void message.success(t('examCards.nationalDone'));
      onClose();
    } catch (e) {
      reportError(message, e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('examCards.nationalTitle')}
      okText={t('examCards.nationalDownload')}
      okButtonProps={{ 'data-testid': 'national-submit' }}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      data-testid="national-modal"
    >
      <Typography.Paragraph type="secondary">{t('examCards.nationalHelp')}</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ period: lastMonth() }}>
        <Form.Item
          name="period"
          label={t('examCards.nationalPeriod')}
          rules={[{ required: true, message: t('examCards.nationalPeriod') }]}
        >
          <DatePicker.RangePicker
            allowClear={false}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            style={{ width: '100%' }}
            data-testid="national-period"
          />
        </Form.Item>
      </Form>
      <Alert type="warning" showIcon message={t('examCards.nationalWarning')} />
    </Modal>
  );
};
