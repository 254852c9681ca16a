/**
 * 文书核验 (public, no login): /verify/:code shows what the document with that verification code says —
 * title, number, organisation, issuer, date, its fields — and whether it is valid or revoked; /verify
 * asks for a code. Readable on a phone; zh-CN first with the language switch.
 */
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { PublicDocument } from '@ohp/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Result, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { LanguageSwitch } from '../../app/layout';
import { api, ApiError } from '../../shared/api';
import { fmtDate } from '../../shared/format';

const ALPHABET = /^[2-9A-HJKMNP-Z]{12}$/;
export const normaliseCode = (s: string): string => s.toUpperCase().replace(/[\s-]/g, '');
export const formatCode = (c: string): string => c.match(/.{1,4}/g)?.join('-') ?? c;

const CodeForm = ({ initial }: { initial?: string }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Form
      layout="vertical"
      initialValues={{ code: initial ?? '' }}
      onFinish={(v: { code: string }) => navigate(`/verify/${normaliseCode(v.code)}`)}
    >
      <Form.Item
        name="code"
        label={t('documents.code')}
        rules={[
          {
            validator: async (_r, v: string) => {
              if (!ALPHABET.test(normaliseCode(v ?? ''))) throw new Error(t('documents.codeInvalid'));
            },
          },
        ]}
      >
        <Input
          size="large"
          data-testid="verify-code-input"
          placeholder={t('documents.codePlaceholder')}
          autoComplete="off"
          autoCapitalize="characters"
          maxLength={20}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" size="large" block data-testid="verify-submit">
        {t('documents.check')}
      </Button>
    </Form>
  );
};

const DocumentResult = ({ code }: { code: string }) => {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const q = useQuery({
    queryKey: ['public-document', code],
    queryFn: () =>
      api.get<PublicDocument>(`/public/documents/${encodeURIComponent(code)}`, undefined, { quiet: true }),
    retry: false,
  });
  if (q.isLoading)
    return (
      <div style={{ textAlign: 'center', padding: 48 }}>
        <Spin />
      </div>
    );
  if (q.error instanceof ApiError && q.error.status === 404)
    return (
      <Result
        status="404"
        title={<span data-testid="verify-not-found">{t('documents.notFound')}</span>}
        subTitle={t('documents.notFoundSub', { code: formatCode(normaliseCode(code)) })}
      />
    );
  if (q.error || !q.data) return <Result status="error" title={t('documents.loadFailed')} />;
  const d = q.data;
  const revoked = d.status === 'revoked';
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {!d.intact ? (
        <Alert
          type="error"
          showIcon
          message={t('documents.tampered')}
          description={t('documents.tamperedSub')}
        />
      ) : revoked ? (
        <Alert
          type="error"
          showIcon
          data-testid="verify-revoked"
          message={t('documents.revoked')}
          description={t('documents.revokedSub', {
            date: fmtDate(d.revokedAt),
            reason: d.revokeReason ?? '',
          })}
        />
      ) : (
        <Alert
          type="success"
          showIcon
          data-testid="verify-valid"
          message={t('documents.valid')}
          description={t('documents.validSub')}
        />
      )}
      <Descriptions bordered column={1} size="small" styles={{ label: { width: '34%', minWidth: 96 } }}>
        <Descriptions.Item label={t('documents.title')}>
          <Typography.Text strong data-testid="verify-title">
            {en ? d.title.en : d.title.zh}
          </Typography.Text>
        </Descriptions.Item>
        {d.number && <Descriptions.Item label={t('documents.number')}>{d.number}</Descriptions.Item>}
        <Descriptions.Item label={t('documents.organisation')}>{d.organisationName}</Descriptions.Item>
        <Descriptions.Item label={t('documents.issuer')}>{d.issuerName}</Descriptions.Item>
        <Descriptions.Item label={t('documents.issuedOn')}>{fmtDate(d.issuedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('documents.code')}>
          <Typography.Text code>{formatCode(d.code)}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('documents.status')}>
          {revoked ? (
            <Tag color="red">{t('documents.statusRevoked')}</Tag>
          ) : (
            <Tag color="green">{t('documents.statusValid')}</Tag>
          )}
        </Descriptions.Item>
      </Descriptions>
      {d.fields.length > 0 && (
        <Descriptions
          title={t('documents.content')}
          bordered
          column={1}
          size="small"
          styles={{ label: { width: '34%', minWidth: 96 } }}
        >
          {d.fields.map((f, i) => (
            <Descriptions.Item key={i} label={en ? f.label.en : f.label.zh}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{f.value}</span>
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
      <Typography.Text type="secondary">{t('documents.privacy')}</Typography.Text>
    </Space>
  );
};

export const VerifyDocumentPage = () => {
  const { t } = useTranslation();
  const { code } = useParams();
  return (
    <div style={{ minHeight: '100vh', background: '#f0f2f5', padding: '16px 12px 32px' }}>
      <div style={{ maxWidth: 720, margin: '0 auto' }}>
        <div
          style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', marginBottom: 12 }}
        >
          <Space>
            <SafetyCertificateOutlined style={{ fontSize: 22, color: '#1677ff' }} />
            <Typography.Text strong style={{ fontSize: 16 }}>
              {t('app.title')}
            </Typography.Text>
          </Space>
          <LanguageSwitch />
        </div>
        <Card title={<span data-testid="verify-heading">{t('documents.verifyTitle')}</span>}>
          {code ? (
            <Space direction="vertical" size="large" style={{ width: '100%' }}>
              <DocumentResult code={code} />
              <Link to="/verify">{t('documents.checkAnother')}</Link>
            </Space>
          ) : (
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              <Typography.Paragraph>{t('documents.verifyIntro')}</Typography.Paragraph>
              <CodeForm />
            </Space>
          )}
        </Card>
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Link to="/login">{t('documents.toLogin')}</Link>
        </div>
      </div>
    </div>
  );
};
