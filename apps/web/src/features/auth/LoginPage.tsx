/** Sign-in: username and password; a captcha and a TOTP code appear when the server asks for them. */
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { LanguageSwitch } from '../../app/layout';
import { api, ApiError } from '../../shared/api';
import { errorMessage } from '../../shared/errors';
import type { Captcha, Me } from '../../shared/types';

type Values = { username: string; password: string; captchaAnswer?: string; totp?: string };

export const LoginPage = () => {
  const { t } = useTranslation();
  const { signedIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<Values>();
  const [captcha, setCaptcha] = useState<Captcha | null>(null);
  const [needTotp, setNeedTotp] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const loadCaptcha = useCallback(async () => {
    try {
      setCaptcha(await api.get<Captcha>('/auth/captcha'));
      form.setFieldValue('captchaAnswer', '');
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [form]);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const me = await api.post<Me>(
        '/auth/login',
        {
          username: v.username.trim(),
          password: v.password,
          ...(captcha ? { captchaId: captcha.captchaId, captchaAnswer: v.captchaAnswer ?? '' } : {}),
          ...(needTotp && v.totp ? { totp: v.totp } : {}),
        },
        { quiet: true },
      );
      signedIn(me);
      const from = (location.state as { from?: string } | null)?.from;
      navigate(from && from !== '/login' ? from : '/workbench', { replace: true });
    } catch (e) {
      setError(errorMessage(e));
      const reason = e instanceof ApiError ? e.reason : undefined;
      switch (reason) {
        case 'captcha_required':
        case 'captcha_wrong':
          await loadCaptcha();
          break;
        case 'totp_required':
        case 'totp_wrong':
        case 'totp_replayed':
          setNeedTotp(true);
          form.setFieldValue('totp', '');
          if (captcha) await loadCaptcha();
          break;
        default:
          // A captcha is single-use: after any failure the old one is spent.
          if (captcha) await loadCaptcha();
          form.setFieldValue('password', '');
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        background: 'linear-gradient(135deg, #0b4fa8 0%, #1677ff 55%, #3ca0ff 100%)',
      }}
    >
      <div
        style={{
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'center',
          padding: '16px 32px',
        }}
      >
        <Space>
          <img src="/favicon.svg" alt="" style={{ height: 32 }} />
          <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>
            {t('app.title')}
          </Typography.Title>
        </Space>
        <LanguageSwitch dark />
      </div>
      <div
        style={{
          flex: 1,
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          gap: 64,
          padding: 24,
          flexWrap: 'wrap',
        }}
      >
        <div style={{ maxWidth: 460, color: '#fff' }}>
          <Typography.Title style={{ color: '#fff', fontSize: 34, marginBottom: 16 }}>
            {t('app.title')}
          </Typography.Title>
          <Typography.Paragraph style={{ color: 'rgba(255,255,255,.9)', fontSize: 18 }}>
            {t('login.welcome')}
          </Typography.Paragraph>
          <Typography.Paragraph style={{ color: 'rgba(255,255,255,.75)', fontSize: 14, lineHeight: 1.9 }}>
            {t('login.intro')}
          </Typography.Paragraph>
          <Link
            to="/public"
            data-testid="login-public-lists"
            style={{ color: '#fff', textDecoration: 'underline' }}
          >
            {t('publicLists.loginLink')}
          </Link>
          <br />
          <Link
            to="/register"
            data-testid="login-register"
            style={{ color: '#fff', textDecoration: 'underline', display: 'inline-block', marginTop: 8 }}
          >
            {t('employers.registerLink')}
          </Link>
        </div>
        <Card
          style={{ width: 380, boxShadow: '0 8px 24px rgba(0,0,0,.15)' }}
          styles={{ body: { padding: 32 } }}
        >
          <Typography.Title level={4} style={{ textAlign: 'center', marginTop: 0, marginBottom: 24 }}>
            {t('login.title')}
          </Typography.Title>
          {error ? (
            <Alert
              data-testid="login-error"
              type="error"
              showIcon
              message={error}
              style={{ marginBottom: 16 }}
            />
          ) : null}
          <Form
            form={form}
            onFinish={(v) => void submit(v)}
            size="large"
            autoComplete="off"
            data-testid="login-form"
          >
            <Form.Item name="username" rules={[{ required: true, message: t('login.usernameRequired') }]}>
              <Input
                prefix={<UserOutlined />}
                placeholder={t('login.username')}
                autoComplete="username"
                data-testid="login-username"
              />
            </Form.Item>
            <Form.Item name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password
                prefix={<LockOutlined />}
                placeholder={t('login.password')}
                autoComplete="current-password"
                data-testid="login-password"
              />
            </Form.Item>
            {captcha ? (
              <Form.Item required>
                <Space.Compact style={{ width: '100%' }}>
                  <Form.Item
                    name="captchaAnswer"
                    noStyle
                    rules={[{ required: true, message: t('login.captchaRequired') }]}
                  >
                    <Input placeholder={t('login.captcha')} data-testid="login-captcha" style={{ flex: 1 }} />
                  </Form.Item>
                  <div
                    role="button"
                    tabIndex={0}
                    className="ohp-captcha"
                    title={t('login.captchaRefresh')}
                    onClick={() => void loadCaptcha()}
                    onKeyDown={(e) => e.key === 'Enter' && void loadCaptcha()}
                    style={{
                      width: 120,
                      height: 40,
                      border: '1px solid #d9d9d9',
                      borderLeft: 0,
                      cursor: 'pointer',
                      background: '#fff',
                      overflow: 'hidden',
                    }}
                    // The SVG is generated by our own server (offline captcha), never user input.
                    dangerouslySetInnerHTML={{ __html: captcha.svg }}
                  />
                </Space.Compact>
              </Form.Item>
            ) : null}
            {needTotp ? (
              <Form.Item
                name="totp"
                extra={t('login.totpHint')}
                rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.totpRequired') }]}
              >
                <Input
                  prefix={<SafetyOutlined />}
                  placeholder={t('login.totp')}
                  maxLength={6}
                  inputMode="numeric"
                  data-testid="login-totp"
                />
              </Form.Item>
            ) : null}
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 20, marginBottom: 0 }}>
            {t('login.security')}
          </Typography.Paragraph>
        </Card>
      </div>
      <div style={{ textAlign: 'center', color: 'rgba(255,255,255,.7)', padding: 16, fontSize: 12 }}>
        {t('app.footer')}
      </div>
    </div>
  );
};
