/**
 * 接口令牌 — the tokens with which the organisation's own software (an exam institution's exam system, a
 * diagnosis institution's) calls the API without a browser session. The list shows each token's prefix
 * (never the secret), scopes in words, creator, last use and status; 新建令牌 asks for a name, scopes (only
 * those the server says the user may give) and an expiry, then shows the secret once with a copy button
 * and curl examples; 吊销 asks for confirmation and stops the token at once.
 */
import { ExclamationCircleOutlined, KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import {
  examCardExample,
  permissionLabel,
  type ApiToken,
  type ApiTokenCreated,
  type ApiTokenCreateInput,
  type ApiTokenList,
} from '@ohp/contracts';
import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFormErrors, reportError } from '../../shared/errors';
import { fmtDate, fmtDateTime } from '../../shared/format';
import { currentLang } from '../../shared/i18n';
import { createApiToken, curlExamples, listApiTokens, revokeApiToken } from './api';

const STATUS_COLOURS: Record<ApiToken['status'], string | undefined> = {
  active: 'green',
  expired: undefined,
  revoked: 'red',
  suspended: 'orange',
};

const Scopes = ({ scopes }: { scopes: readonly string[] }) => (
  <Space size={[0, 4]} wrap>
    {scopes.map((s) => (
      <Tag key={s} data-scope={s}>
        {permissionLabel(s, currentLang())}
      </Tag>
    ))}
  </Space>
);

type Options = Omit<ApiTokenList, 'data'>;

export const ApiTokensPage = () => {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const action = useRef<ActionType>();
  const [options, setOptions] = useState<Options | null>(null);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);

  const revoke = async (tok: ApiToken) => {
    try {
      await revokeApiToken(tok.id);
      void message.success(t('apiTokens.revoked'));
      await action.current?.reload();
    } catch (e) {
      reportError(message, e);
    }
  };

  const columns: ProColumns<ApiToken>[] = [
    {
      title: t('apiTokens.name'),
      dataIndex: 'name',
      width: 210,
      render: (_, r) => (
        <div style={{ lineHeight: '20px' }}>
          <div>{r.name}</div>
          <Typography.Text code type="secondary" style={{ fontSize: 12 }} data-testid="api-token-prefix">
            {`${r.prefix}…`}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('apiTokens.scopes'),
      dataIndex: 'scopes',
      width: 250,
      render: (_, r) => <Scopes scopes={r.scopes} />,
    },
    {
      title: t('apiTokens.status'),
      dataIndex: 'status',
      width: 110,
      render: (_, r) => {
        const partial = r.status === 'active' && r.effectiveScopes.length < r.scopes.length;
        const tag = (
          <Tag color={STATUS_COLOURS[r.status]} data-testid="api-token-status" data-status={r.status}>
            {t(`apiTokens.statuses.${r.status}`)}
            {partial || r.status === 'suspended' ? (
              <ExclamationCircleOutlined style={{ marginLeft: 4 }} />
            ) : null}
          </Tag>
        );
        const hint =
          r.status === 'suspended'
            ? t('apiTokens.suspendedHint')
            : partial
              ? t('apiTokens.partialHint', {
                  scopes: r.effectiveScopes.map((s) => permissionLabel(s, currentLang())).join('、'),
                })
              : r.status === 'revoked' && r.revokedBy && r.revokedAt
                ? t('apiTokens.revokedInfo', { name: r.revokedBy.displayName, at: fmtDateTime(r.revokedAt) })
                : null;
        return hint ? <Tooltip title={hint}>{tag}</Tooltip> : tag;
      },
    },
    {
      title: t('apiTokens.createdBy'),
      dataIndex: 'createdBy',
      width: 170,
      render: (_, r) => (
        <div style={{ lineHeight: '20px' }}>
          <div>{r.createdBy.displayName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {fmtDateTime(r.createdAt)}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('apiTokens.lastUsed'),
      dataIndex: 'lastUsedAt',
      width: 170,
      render: (_, r) =>
        r.lastUsedAt ? (
          <div style={{ lineHeight: '20px' }}>
            <div>{fmtDateTime(r.lastUsedAt)}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.lastUsedIp ?? ''}
            </Typography.Text>
          </div>
        ) : (
          <Typography.Text type="secondary">{t('apiTokens.neverUsed')}</Typography.Text>
        ),
    },
    {
      title: t('apiTokens.expires'),
      dataIndex: 'expiresAt',
      width: 120,
      // The stored instant is the end of the chosen day (Beijing time): the day before it is the one chosen.
      render: (_, r) => fmtDate(dayjs(r.expiresAt).subtract(1, 'second').toISOString()),
    },
    {
      title: t('apiTokens.actions'),
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_, r) =>
        r.abilities.revoke ? (
          <Popconfirm
            title={t('apiTokens.revokeConfirmTitle', { name: r.name })}
            description={<div style={{ maxWidth: 300 }}>{t('apiTokens.revokeConfirm')}</div>}
            okText={t('apiTokens.revoke')}
            okButtonProps={{ danger: true, 'data-testid': 'api-token-revoke-ok' }}
            cancelText={t('apiTokens.cancel')}
            onConfirm={() => revoke(r)}
          >
            <Button type="link" danger size="small" data-testid={`api-token-revoke-${r.id}`}>
              {t('apiTokens.revoke')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  const canCreate = (options?.grantableScopes.length ?? 0) > 0;

  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <Alert
        type="info"
        showIcon
        icon={<KeyOutlined />}
        message={t('apiTokens.intro')}
        style={{ marginBottom: 16 }}
      />
      <ProTable<ApiToken>
        key={i18n.language}
        rowKey="id"
        actionRef={action}
        headerTitle={t('apiTokens.title')}
        columns={columns}
        search={false}
        scroll={{ x: 1100 }}
        pagination={false}
        locale={{ emptyText: t('apiTokens.empty') }}
        rowClassName={(r) => (r.status === 'active' ? '' : 'api-token-inactive')}
        request={async () => {
          try {
            const res = await listApiTokens();
            const { data, ...rest } = res;
            setOptions(rest);
            return { data, total: data.length, success: true };
          } catch (e) {
            reportError(message, e);
            return { data: [], total: 0, success: false };
          }
        }}
        toolBarRender={() => [
          <Tooltip key="create" title={options && !canCreate ? t('apiTokens.noScopes') : undefined}>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={!canCreate}
              onClick={() => setCreating(true)}
              data-testid="api-token-create"
            >
              {t('apiTokens.create')}
            </Button>
          </Tooltip>,
        ]}
      />
      {creating && options ? (
        <CreateTokenModal
          options={options}
          onClose={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            setCreated(c);
            void action.current?.reload();
          }}
        />
      ) : null}
      {created ? <SecretModal created={created} onClose={() => setCreated(null)} /> : null}
    </PageContainer>
  );
};

type FormValues = { name: string; scopes: string[]; expiresOn: Dayjs };

const CreateTokenModal = ({
  options,
  onClose,
  onCreated,
}: {
  options: Options;
  onClose: () => void;
  onCreated: (c: ApiTokenCreated) => void;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const today = dayjs().startOf('day');
  const max = dayjs(options.maxExpiresOn);

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const res = await createApiToken({
        name: v.name.trim(),
        scopes: v.scopes as ApiTokenCreateInput['scopes'],
        expiresOn: v.expiresOn.format('YYYY-MM-DD'),
      });
      onCreated(res);
    } catch (e) {
      if (!applyFormErrors(form, e, ['name', 'scopes', 'expiresOn'])) reportError(message, e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('apiTokens.create')}
      okText={t('apiTokens.submit')}
      cancelText={t('apiTokens.cancel')}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'api-token-create-ok' }}
      destroyOnHidden
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{
          scopes: options.grantableScopes,
          expiresOn: dayjs(options.defaultExpiresOn),
        }}
      >
        <Form.Item
          name="name"
          label={t('apiTokens.name')}
          rules={[{ required: true, whitespace: true, message: t('apiTokens.nameRequired') }]}
        >
          <Input maxLength={60} placeholder={t('apiTokens.namePlaceholder')} data-testid="api-token-name" />
        </Form.Item>
        <Form.Item
          name="scopes"
          label={t('apiTokens.scopes')}
          extra={t('apiTokens.scopesHint')}
          rules={[{ required: true, type: 'array', min: 1, message: t('apiTokens.scopesRequired') }]}
        >
          <Checkbox.Group data-testid="api-token-scopes">
            <Space direction="vertical">
              {options.grantableScopes.map((s) => (
                <Checkbox key={s} value={s} data-scope={s}>
                  {permissionLabel(s, currentLang())}
                  <Typography.Text type="secondary" code style={{ marginLeft: 8, fontSize: 12 }}>
                    {s}
                  </Typography.Text>
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
        </Form.Item>
        <Form.Item
          name="expiresOn"
          label={t('apiTokens.expiresOn')}
          extra={t('apiTokens.expiresHint')}
          rules={[{ required: true }]}
        >
          <DatePicker
            allowClear={false}
            disabledDate={(d) => d.isBefore(today) || d.isAfter(max)}
            data-testid="api-token-expires"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
};

const SecretModal = ({ created, onClose }: { created: ApiTokenCreated; onClose: () => void }) => {
  const { t } = useTranslation();
  const examples = curlExamples(
    window.location.origin,
    created.secret,
    created.token.scopes,
    examCardExample,
  );
  const hint = { submit: 'curlSubmitHint', read: 'curlReadHint', diagnosis: 'curlDiagnosisHint' } as const;
  const copyable = { tooltips: [t('apiTokens.copy'), t('apiTokens.copied')] };
  return (
    <Modal
      open
      width={760}
      title={t('apiTokens.createdTitle')}
      closable={false}
      maskClosable={false}
      keyboard={false}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose} data-testid="api-token-secret-done">
          {t('apiTokens.done')}
        </Button>
      }
    >
      <Alert type="warning" showIcon message={t('apiTokens.secretOnce')} style={{ marginBottom: 16 }} />
      <Typography.Text strong>{`${created.token.name} · `}</Typography.Text>
      <Scopes scopes={created.token.scopes} />
      <Typography.Paragraph
        copyable={{ ...copyable, text: created.secret }}
        code
        style={{ fontSize: 15, marginTop: 12, wordBreak: 'break-all' }}
        data-testid="api-token-secret"
      >
        {created.secret}
      </Typography.Paragraph>
      <Typography.Title level={5}>{t('apiTokens.curlTitle')}</Typography.Title>
      {examples.map((ex) => (
        <div key={ex.kind} style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">{t(`apiTokens.${hint[ex.kind]}`)}</Typography.Text>
          <Typography.Paragraph copyable={{ ...copyable, text: ex.command }} style={{ marginBottom: 0 }}>
            <pre
              style={{
                maxHeight: 160,
                overflow: 'auto',
                whiteSpace: 'pre-wrap',
                wordBreak: 'break-all',
                margin: 0,
              }}
              data-testid={`api-token-curl-${ex.kind}`}
            >
              {ex.command}
            </pre>
          </Typography.Paragraph>
        </div>
      ))}
      <Typography.Text type="secondary">{t('apiTokens.docsHint')}</Typography.Text>
    </Modal>
  );
};
