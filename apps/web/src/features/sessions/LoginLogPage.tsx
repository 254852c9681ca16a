/** 登录日志 — successes and failures, searchable by username and outcome. */
import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { App, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, type PageResult } from '../../shared/api';
import { reportError } from '../../shared/errors';
import { fmtDateTime } from '../../shared/format';
import type { LoginLogEntry } from '../../shared/types';

const OUTCOMES = [
  'success',
  'fail_password',
  'fail_captcha',
  'fail_totp',
  'locked',
  'disabled',
  'unlocked',
  'logout',
];
const color = (o: string) =>
  o === 'success' ? 'green' : o === 'logout' || o === 'unlocked' ? 'default' : 'red';

export const LoginLogPage = () => {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const columns: ProColumns<LoginLogEntry>[] = [
    { title: t('loginLogs.username'), dataIndex: 'username', width: 160 },
    {
      title: t('loginLogs.outcome'),
      dataIndex: 'outcome',
      width: 130,
      valueType: 'select',
      valueEnum: Object.fromEntries(OUTCOMES.map((o) => [o, { text: t(`loginLogs.outcomes.${o}`) }])),
      render: (_, r) => (
        <Tag color={color(r.outcome)}>
          {t(`loginLogs.outcomes.${r.outcome}`, { defaultValue: r.outcome })}
        </Tag>
      ),
    },
    { title: t('loginLogs.ip'), dataIndex: 'ip', width: 140, search: false },
    { title: t('loginLogs.userAgent'), dataIndex: 'userAgent', ellipsis: true, search: false },
    {
      title: t('loginLogs.createdAt'),
      dataIndex: 'createdAt',
      width: 170,
      search: false,
      render: (_, r) => fmtDateTime(r.createdAt),
    },
  ];
  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <ProTable<LoginLogEntry, { username?: string; outcome?: string }>
        key={i18n.language}
        rowKey="id"
        headerTitle={t('loginLogs.title')}
        columns={columns}
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        request={async (p) => {
          try {
            const res = await api.get<PageResult<LoginLogEntry>>('/login-logs', {
              username: p.username,
              outcome: p.outcome,
              page: p.current ?? 1,
              pageSize: p.pageSize ?? 20,
            });
            return { data: res.data, total: res.total, success: true };
          } catch (e) {
            reportError(message, e);
            return { data: [], total: 0, success: false };
          }
        }}
      />
    </PageContainer>
  );
};
