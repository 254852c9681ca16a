/**
 * 用人单位注册 (public, no login): an employer applies for an account with its credit code, region to
 * county or township, industry and contact, choosing its username and password; the lookup code shown
 * afterwards opens the review status (also at /register/status). Readable on a phone.
 */
import type { RegistrationPublicStatus } from '@ohp/contracts';
import {
  Alert,
  App,
  Button,
  Card,
  Cascader,
  Descriptions,
  Form,
  Input,
  Result,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../shared/api';
import { errorMessage, reportError } from '../../shared/errors';
import { registrationStatus, submitRegistration } from './api';

type Opt = { value: string; label: string; isLeaf: boolean; children?: Opt[] };

const loadRegions = async (parent?: string): Promise<Opt[]> => {
  const r = await api.get<{ data: Array<{ code: string; name: string; hasChildren: boolean }> }>(
    '/employer-registrations/regions',
    parent ? { parent } : undefined,
  );
  return r.data.map((x) => ({ value: x.code, label: x.name, isLeaf: !x.hasChildren }));
};

/** Province → city → county → township, loaded level by level from the public list. */
const PublicRegionCascader = ({
  value,
  onChange,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
}) => {
  const [options, setOptions] = useState<Opt[]>([]);
  const [path, setPath] = useState<string[]>([]);
  useEffect(() => {
    void loadRegions().then(setOptions);
  }, []);
  return (
    <Cascader
      data-testid="register-region"
      options={options}
      value={path.length ? path : value ? [value] : []}
      changeOnSelect
      showSearch={false}
      style={{ width: '100%' }}
      loadData={async (selected) => {
        const target = selected[selected.length - 1] as Opt;
        target.children = await loadRegions(target.value);
        setOptions((o) => [...o]);
      }}
      onChange={(v) => {
        const codes: string[] = v ?? [];
        setPath(codes);
        const last = codes[codes.length - 1];
        onChange?.(last && last.length >= 6 ? last : undefined);
      }}
    />
  );
};

const StatusCard = ({ s }: { s: RegistrationPublicStatus }) => {
  const { t } = useTranslation();
  const colour = s.status === 'approved' ? 'green' : s.status === 'rejected' ? 'red' : 'blue';
  return (
    <Card data-testid="register-status">
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('employers.name')}>{s.name}</Descriptions.Item>
        <Descriptions.Item label={t('employers.programmeStatus')}>
          <Tag color={colour}>{t(`employers.regStatuses.${s.status}`)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('employers.submittedAt')}>
          {new Date(s.submittedAt).toLocaleString()}
        </Descriptions.Item>
        {s.reviewedAt && (
          <Descriptions.Item label={t('employers.reviewedAt')}>
            {new Date(s.reviewedAt).toLocaleString()}
          </Descriptions.Item>
        )}
        {s.opinion && <Descriptions.Item label={t('employers.opinion')}>{s.opinion}</Descriptions.Item>}
      </Descriptions>
      <Alert
        style={{ marginTop: 12 }}
        type={s.status === 'approved' ? 'success' : s.status === 'rejected' ? 'warning' : 'info'}
        message={
          s.status === 'approved'
            ? t('employers.approvedHint', { username: s.username })
            : s.status === 'rejected'
              ? t('employers.rejectedHint')
              : t('employers.pendingHint')
        }
      />
    </Card>
  );
};

export const RegistrationStatusCheck = ({ initial }: { initial?: string }) => {
  const { t } = useTranslation();
  const [code, setCode] = useState(initial ?? '');
  const [status, setStatus] = useState<RegistrationPublicStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const check = async (c: string) => {
    setError(null);
    try {
      setStatus(await registrationStatus(c.trim()));
    } catch (e) {
      setStatus(null);
      setError(errorMessage(e));
    }
  };
  useEffect(() => {
    if (initial) void check(initial);
  }, [initial]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          value={code}
          onChange={(e) => setCode(e.target.value)}
          placeholder={t('employers.lookupCode')}
          data-testid="register-lookup"
        />
        <Button type="primary" onClick={() => void check(code)} data-testid="register-check">
          {t('employers.check')}
        </Button>
      </Space.Compact>
      {error && <Alert type="error" message={error} />}
      {status && <StatusCard s={status} />}
    </Space>
  );
};

export const RegisterPage = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [done, setDone] = useState<string | null>(null);
  const [params] = useSearchParams();
  const [checking, setChecking] = useState(params.has('code'));

  const shell = (children: ReactNode) => (
    <div style={{ minHeight: '100vh', background: '#f0f2f5', padding: '24px 12px' }}>
      <div style={{ maxWidth: 720, margin: '0 auto' }}>
        <Typography.Title level={3}>{t('employers.registerTitle')}</Typography.Title>
        {children}
        <div style={{ marginTop: 16 }}>
          <Link to="/login">{t('employers.backToLogin')}</Link>
        </div>
      </div>
    </div>
  );

  if (done)
    return shell(
      <Result
        status="success"
        title={t('employers.submitted')}
        subTitle={t('employers.lookupHint')}
        extra={[
          <Typography.Title
            key="c"
            level={2}
            copyable
            data-testid="register-code"
            style={{ letterSpacing: 2 }}
          >
            {done}
          </Typography.Title>,
          <RegistrationStatusCheck key="s" initial={done} />,
        ]}
      />,
    );
  if (checking)
    return shell(
      <Card title={t('employers.checkTitle')}>
        <RegistrationStatusCheck initial={params.get('code') ?? undefined} />
        <Button type="link" onClick={() => setChecking(false)} style={{ paddingLeft: 0, marginTop: 8 }}>
          {t('employers.registerTitle')}
        </Button>
      </Card>,
    );

  return shell(
    <>
      <Alert type="info" showIcon message={t('employers.registerIntro')} style={{ marginBottom: 16 }} />
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v: Record<string, string>) => {
          try {
            const r = await submitRegistration({
              creditCode: v.creditCode!.trim(),
              name: v.name!.trim(),
              regionCode: v.regionCode!,
              address: v.address!.trim(),
              industryCode: v.industryCode!.trim(),
              contactName: v.contactName!.trim(),
              contactPhone: v.contactPhone!.trim(),
              username: v.username!.trim(),
              password: v.password!,
            });
            setDone(r.lookupCode);
          } catch (e) {
            reportError(message, e, form, [
              'creditCode',
              'name',
              'regionCode',
              'address',
              'industryCode',
              'contactName',
              'contactPhone',
              'username',
              'password',
            ]);
          }
        }}
      >
        <Card title={t('employers.registerUnit')} style={{ marginBottom: 16 }}>
          <Form.Item
            name="creditCode"
            label={t('employers.creditCode')}
            rules={[{ required: true, len: 18 }]}
          >
            <Input maxLength={18} data-testid="register-credit-code" style={{ textTransform: 'uppercase' }} />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('employers.name')}
            rules={[{ required: true, whitespace: true, min: 2, max: 200 }]}
          >
            <Input data-testid="register-name" />
          </Form.Item>
          <Form.Item name="regionCode" label={t('employers.regionPick')} rules={[{ required: true }]}>
            <PublicRegionCascader />
          </Form.Item>
          <Form.Item
            name="address"
            label={t('employers.address')}
            rules={[{ required: true, whitespace: true, min: 2, max: 200 }]}
          >
            <Input data-testid="register-address" />
          </Form.Item>
          <Form.Item
            name="industryCode"
            label={t('employers.industryCode')}
            rules={[{ required: true, max: 5 }]}
          >
            <Input data-testid="register-industry" style={{ maxWidth: 200 }} />
          </Form.Item>
          <Space wrap style={{ width: '100%' }}>
            <Form.Item
              name="contactName"
              label={t('employers.contactName')}
              rules={[{ required: true, whitespace: true, max: 50 }]}
            >
              <Input data-testid="register-contact" />
            </Form.Item>
            <Form.Item
              name="contactPhone"
              label={t('employers.contactPhone')}
              rules={[{ required: true, pattern: /^[0-9+\- ]{7,20}$/ }]}
            >
              <Input data-testid="register-phone" />
            </Form.Item>
          </Space>
        </Card>
        <Card title={t('employers.registerAccount')} style={{ marginBottom: 16 }}>
          <Form.Item
            name="username"
            label={t('employers.username')}
            rules={[{ required: true, pattern: /^[a-zA-Z0-9_.-]{3,64}$/ }]}
          >
            <Input autoComplete="username" data-testid="register-username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('employers.password')}
            extra={t('employers.passwordHint')}
            rules={[{ required: true }]}
          >
            <Input.Password autoComplete="new-password" data-testid="register-password" />
          </Form.Item>
          <Form.Item
            name="passwordAgain"
            label={t('employers.passwordAgain')}
            dependencies={['password']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, v) =>
                  !v || v === getFieldValue('password')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('employers.passwordMismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="register-password-again" />
          </Form.Item>
        </Card>
        <Space wrap>
          <Button type="primary" htmlType="submit" size="large" data-testid="register-submit">
            {t('employers.submit')}
          </Button>
          <Button onClick={() => setChecking(true)} data-testid="register-open-check">
            {t('employers.checkStatus')}
          </Button>
        </Space>
      </Form>
    </>,
  );
};
