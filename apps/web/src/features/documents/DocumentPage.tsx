/**
 * 文书 (signed-in): one document with what it says, its status, the printable version, the PDF, the
 * public verification page and — for its issuer — revoking it with a reason. Modules link here
 * (e.g. a filing's 备案回执) as /documents/:id.
 */
import { FilePdfOutlined, LinkOutlined, PrinterOutlined, StopOutlined } from '@ant-design/icons';
import type { DocumentDetail } from '@ohp/contracts';
import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Result,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, API_BASE, ApiError } from '../../shared/api';
import { errorMessage } from '../../shared/errors';
import { fmtDate, fmtDateTime } from '../../shared/format';
import { currentLang } from '../../shared/i18n';
import { formatCode } from './VerifyDocumentPage';

export const DocumentPage = () => {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const { message } = App.useApp();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const [revoking, setRevoking] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const q = useQuery({
    queryKey: ['document', id],
    queryFn: () => api.get<DocumentDetail>(`/documents/${id}`),
    enabled: id > 0,
    retry: false,
  });
  const revoke = useMutation({
    mutationFn: (reason: string) => api.post(`/documents/${id}/revoke`, { reason }),
    onSuccess: () => {
      void message.success(t('documents.revokedOk'));
      setRevoking(false);
      void qc.invalidateQueries({ queryKey: ['document', id] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  if (q.isLoading) return <Spin style={{ display: 'block', margin: 64 }} />;
  if (q.error instanceof ApiError && q.error.status === 404)
    return <Result status="404" title="404" subTitle={t('common.notFound')} />;
  if (!q.data) return <Result status="error" title={errorMessage(q.error)} />;
  const d = q.data;
  const lang = currentLang();
  return (
    <PageContainer title={en ? d.title.en : d.title.zh} subTitle={d.number ?? undefined}>
      <Card>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          {d.status === 'revoked' && (
            <Alert
              type="error"
              showIcon
              message={t('documents.revoked')}
              description={t('documents.revokedSub', {
                date: fmtDate(d.revokedAt),
                reason: d.revokeReason ?? '',
              })}
            />
          )}
          <Space wrap>
            <Button
              icon={<PrinterOutlined />}
              href={`${API_BASE}/documents/${id}/print?lang=${lang}`}
              target="_blank"
              data-testid="document-print"
            >
              {t('documents.print')}
            </Button>
            <Button
              icon={<FilePdfOutlined />}
              disabled={!d.pdfAvailable}
              title={d.pdfAvailable ? undefined : t('documents.pdfUnavailable')}
              onClick={() =>
                void api
                  .download(`/documents/${id}/pdf`, { lang }, `${d.code}.pdf`)
                  .catch((e) => message.error(errorMessage(e)))
              }
              data-testid="document-pdf"
            >
              {t('documents.pdf')}
            </Button>
            <Button icon={<LinkOutlined />} href={d.verifyPath} target="_blank">
              {t('documents.verifyPage')}
            </Button>
            {d.abilities.revoke && (
              <Button
                danger
                icon={<StopOutlined />}
                onClick={() => setRevoking(true)}
                data-testid="document-revoke"
              >
                {t('documents.revoke')}
              </Button>
            )}
          </Space>
          <Descriptions bordered column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label={t('documents.organisation')}>{d.organisationName}</Descriptions.Item>
            <Descriptions.Item label={t('documents.issuer')}>{d.issuerName}</Descriptions.Item>
            <Descriptions.Item label={t('documents.issuedOn')}>{fmtDateTime(d.issuedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('documents.status')}>
              {d.status === 'revoked' ? (
                <Tag color="red">{t('documents.statusRevoked')}</Tag>
              ) : (
                <Tag color="green">{t('documents.statusValid')}</Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('documents.code')}>
              <Typography.Text code copyable={{ text: d.code }}>
                {formatCode(d.code)}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('documents.contentHash')}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {d.contentHash.slice(0, 16)}…
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Descriptions
            title={t('documents.content')}
            bordered
            column={1}
            size="small"
            styles={{ label: { width: 200 } }}
          >
            {d.fields.map((f, i) => (
              <Descriptions.Item key={i} label={en ? f.label.en : f.label.zh}>
                <span style={{ whiteSpace: 'pre-wrap' }}>{f.value}</span>
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Space>
      </Card>
      <Modal
        open={revoking}
        title={t('documents.revokeTitle')}
        okButtonProps={{ danger: true, loading: revoke.isPending }}
        okText={t('documents.revoke')}
        onCancel={() => setRevoking(false)}
        onOk={() => void form.validateFields().then((v) => revoke.mutate(v.reason))}
        destroyOnHidden
      >
        <Typography.Paragraph type="warning">{t('documents.revokeConfirm')}</Typography.Paragraph>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="reason"
            label={t('documents.revokeReason')}
            rules={[{ required: true, whitespace: true, message: t('documents.revokeReasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
};
