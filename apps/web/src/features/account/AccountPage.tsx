/** 个人中心 — profile, change password (policy hint), bind/unbind TOTP; also the forced first-login steps. */
import { PageContainer, ProForm, ProFormText } from '@ant-design/pro-components';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Input,
  Row,
  Space,
  Tag,
  Typography,
  type FormInstance,
} from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { api } from '../../shared/api';
import { reportError } from '../../shared/errors';
import { fmtDate, kindLabel, roleName } from '../../shared/format';
import type { TotpSetup } from '../../shared/types';

type PwdValues = { currentPassword: string; newPassword: string; confirm: string };

const PasswordCard = ({ forced }: { forced: boolean }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { refresh } = useAuth();
  const formRef = useRef<FormInstance<PwdValues>>();
  return (
    <Card
      title={t('account.changePassword')}
      style={{ marginBottom: 16, borderColor: forced ? '#faad14' : undefined }}
      data-testid="password-card"
    >
      {forced ? (
        <Alert type="warning" showIcon message={t('account.mustChange')} style={{ marginBottom: 16 }} />
      ) : null}
      <Alert type="info" message={t('account.policy')} style={{ marginBottom: 16 }} />
      <ProForm<PwdValues>
        formRef={formRef}
        layout="horizontal"
        labelCol={{ span: 6 }}
        wrapperCol={{ span: 14 }}
        submitter={{
          searchConfig: { submitText: t('common.save') },
          render: (_, dom) => (
            <Row>
              <Col offset={6}>
                <Space>{dom}</Space>
              </Col>
            </Row>
          ),
        }}
        onFinish={async (v) => {
          try {
            await api.post('/auth/password', {
              currentPassword: v.currentPassword,
              newPassword: v.newPassword,
            });
            void message.success(t('account.passwordChanged'));
            formRef.current?.resetFields();
            await refresh();
            return true;
          } catch (e) {
            reportError(message, e, formRef.current, ['currentPassword', 'newPassword']);
            return false;
          }
        }}
      >
        <ProFormText.Password
          name="currentPassword"
          label={t('account.currentPassword')}
          rules={[{ required: true }]}
          fieldProps={{ autoComplete: 'current-password' }}
        />
        <ProFormText.Password
          name="newPassword"
          label={t('account.newPassword')}
          rules={[{ required: true }, { min: 8, message: t('account.policy') }]}
          fieldProps={{ autoComplete: 'new-password' }}
        />
        <ProFormText.Password
          name="confirm"
          label={t('account.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                !v || v === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('account.passwordMismatch'))),
            }),
          ]}
          fieldProps={{ autoComplete: 'new-password' }}
        />
      </ProForm>
    </Card>
  );
};

type ReauthValues = { currentPassword: string; code: string };

/**
 * Removing or moving a bound authenticator: the current password and the code it shows now (the
 * server refuses the session alone). On success `onDone` gets the server's answer.
 */
const TotpReauthForm = ({
  action,
  onDone,
  onCancel,
}: {
  action: 'remove' | 'rebind';
  onDone: (setup: TotpSetup | null) => Promise<void> | void;
  onCancel: () => void;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const formRef = useRef<FormInstance<ReauthValues>>();
  return (
    <ProForm<ReauthValues>
      formRef={formRef}
      layout="horizontal"
      labelCol={{ span: 6 }}
      wrapperCol={{ span: 14 }}
      data-testid={`totp-${action}-form`}
      submitter={{
        searchConfig: {
          submitText: action === 'remove' ? t('account.totpUnbind') : t('account.totpRebindContinue'),
        },
        submitButtonProps: { danger: action === 'remove' },
        render: (_, dom) => (
          <Row>
            <Col offset={6}>
              <Space>
                {dom[1]}
                <Button onClick={onCancel}>{t('common.cancel')}</Button>
              </Space>
            </Col>
          </Row>
        ),
      }}
      onFinish={async (v) => {
        try {
          const body = { currentPassword: v.currentPassword, code: v.code };
          if (action === 'remove') {
            await api.delete('/auth/totp', body);
            await onDone(null);
          } else {
            await onDone(await api.post<TotpSetup>('/auth/totp/setup', body));
          }
          return true;
        } catch (e) {
          reportError(message, e, formRef.current, ['currentPassword', 'code']);
          return false;
        }
      }}
    >
      <Alert type="info" showIcon message={t('account.totpReauthHint')} style={{ marginBottom: 16 }} />
      <ProFormText.Password
        name="currentPassword"
        label={t('account.currentPassword')}
        rules={[{ required: true }]}
        fieldProps={{ autoComplete: 'current-password' }}
      />
      <ProFormText
        name="code"
        label={t('account.totpCurrentCode')}
        rules={[{ required: true }, { pattern: /^\d{6}$/, message: t('account.totpCode') }]}
        fieldProps={{
          maxLength: 6,
          inputMode: 'numeric',
          autoComplete: 'one-time-code',
          style: { width: 160 },
        }}
      />
    </ProForm>
  );
};

const TotpCard = ({
  forced,
  enabled,
  required,
}: {
  forced: boolean;
  enabled: boolean;
  required: boolean;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { refresh } = useAuth();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [reauth, setReauth] = useState<'remove' | 'rebind' | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);

  const begin = async () => {
    setBusy(true);
    try {
      setSetup(await api.post<TotpSetup>('/auth/totp/setup', {}));
    } catch (e) {
      reportError(message, e);
    } finally {
      setBusy(false);
    }
  };
  const confirm = async () => {
    setBusy(true);
    try {
      await api.post('/auth/totp/confirm', { code });
      void message.success(t('account.totpBound'));
      setSetup(null);
      setCode('');
      await refresh();
    } catch (e) {
      reportError(message, e);
    } finally {
      setBusy(false);
    }
  };
  const reauthDone = async (next: TotpSetup | null) => {
    if (reauth === 'remove') {
      void message.success(t('account.totpUnbound'));
      await refresh();
    } else {
      // The bound authenticator stays in force until the new one is confirmed below.
      setSetup(next);
    }
    setReauth(null);
  };

  return (
    <Card
      title={t('account.totp')}
      extra={enabled ? <Tag color="green">{t('account.totpOn')}</Tag> : <Tag>{t('account.totpOff')}</Tag>}
      style={{ borderColor: forced ? '#faad14' : undefined }}
      data-testid="totp-card"
    >
      {forced || (required && !enabled) ? (
        <Alert type="warning" showIcon message={t('account.totpRequiredHint')} style={{ marginBottom: 16 }} />
      ) : null}
      {setup ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>{t('account.totpStep1')}</Typography.Text>
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label={t('account.totpSecret')}>
              <Typography.Text
                code
                copyable
                style={{ fontSize: 16, letterSpacing: 2 }}
                data-testid="totp-secret"
              >
                {setup.secret}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('account.totpUrl')}>
              <Typography.Text copyable style={{ wordBreak: 'break-all', fontSize: 12 }}>
                {setup.otpauthUrl}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Typography.Text>{t('account.totpStep2')}</Typography.Text>
          <Space>
            <Input
              value={code}
              onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
              placeholder={t('account.totpCode')}
              maxLength={6}
              style={{ width: 160 }}
              inputMode="numeric"
            />
            <Button type="primary" disabled={code.length !== 6} loading={busy} onClick={() => void confirm()}>
              {t('account.totpConfirm')}
            </Button>
            <Button onClick={() => setSetup(null)}>{t('common.cancel')}</Button>
          </Space>
        </Space>
      ) : reauth ? (
        <TotpReauthForm action={reauth} onDone={reauthDone} onCancel={() => setReauth(null)} />
      ) : enabled ? (
        <Space>
          <Button onClick={() => setReauth('rebind')} data-testid="totp-rebind">
            {t('account.totpRebind')}
          </Button>
          {required ? null : (
            <Button danger onClick={() => setReauth('remove')} data-testid="totp-unbind">
              {t('account.totpUnbind')}
            </Button>
          )}
        </Space>
      ) : (
        <Button type="primary" loading={busy} onClick={() => void begin()} data-testid="totp-bind">
          {t('account.totpBind')}
        </Button>
      )}
    </Card>
  );
};

export const AccountPage = () => {
  const { t } = useTranslation();
  const { me, forced } = useAuth();
  if (!me) return null;
  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <Row gutter={16}>
        <Col xs={24} xl={9}>
          <Card title={t('account.profile')} style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('account.username')}>{me.user.username}</Descriptions.Item>
              <Descriptions.Item label={t('account.displayName')}>{me.user.displayName}</Descriptions.Item>
              <Descriptions.Item label={t('account.organisation')}>
                {me.organisation.name}
                <br />
                <Typography.Text type="secondary">
                  {kindLabel(me.organisation.kind)} · {me.organisation.regionName}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('account.roles')}>
                <Space size={4} wrap>
                  {me.roles.map((r) => (
                    <Tag key={r.key} color="blue">
                      {roleName(r)}
                    </Tag>
                  ))}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('account.passwordExpiresAt')}>
                {fmtDate(me.user.passwordExpiresAt)}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={15}>
          {forced !== 'totp' ? <PasswordCard forced={forced === 'password'} /> : null}
          {forced !== 'password' ? (
            <TotpCard
              forced={forced === 'totp'}
              enabled={me.user.totpEnabled}
              required={me.user.totpRequired}
            />
          ) : null}
        </Col>
      </Row>
    </PageContainer>
  );
};
