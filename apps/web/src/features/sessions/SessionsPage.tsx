/** 在线用户 — open sessions; the security administrator may force one to log out. */
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Popconfirm, Tag, Typography } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { api } from '../../shared/api';
import { reportError } from '../../shared/errors';
import { fmtDateTime } from '../../shared/format';
import type { SessionInfo } from '../../shared/types';
import { UserAgentText } from '../../shared/UserAgent';

export const SessionsPage = () => {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const action = useRef<ActionType>();
  const columns: ProColumns<SessionInfo>[] = [
    {
      title: t('sessions.username'),
      dataIndex: 'username',
      width: 160,
      render: (_, s) => (
        <>
          {s.username} {s.current ? <Tag color="blue">{t('sessions.self')}</Tag> : null}
        </>
      ),
    },
    {
      title: t('sessions.id'),
      dataIndex: 'id',
      width: 130,
      render: (_, s) => <Typography.Text code>{s.id.slice(0, 8)}…</Typography.Text>,
    },
    { title: t('sessions.ip'), dataIndex: 'ip', width: 140 },
    {
      title: t('sessions.userAgent'),
      dataIndex: 'userAgent',
      width: 190,
      render: (_, s) => <UserAgentText ua={s.userAgent} part="browser" />,
    },
    {
      title: t('sessions.os'),
      dataIndex: 'userAgent',
      key: 'os',
      width: 140,
      render: (_, s) => <UserAgentText ua={s.userAgent} part="os" />,
    },
    {
      title: t('sessions.createdAt'),
      dataIndex: 'createdAt',
      width: 170,
      render: (_, s) => fmtDateTime(s.createdAt),
    },
    {
      title: t('sessions.lastSeenAt'),
      dataIndex: 'lastSeenAt',
      width: 170,
      render: (_, s) => fmtDateTime(s.lastSeenAt),
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: 110,
      render: (_, s) =>
        can('sessions:revoke')
          ? [
              <Popconfirm
                key="kick"
                title={t('sessions.forceConfirm', { name: s.username })}
                onConfirm={async () => {
                  try {
                    await api.delete(`/sessions/${encodeURIComponent(s.id)}`);
                    void message.success(t('sessions.forced'));
                    void action.current?.reload();
                  } catch (e) {
                    reportError(message, e);
                  }
                }}
              >
                <a style={{ color: '#ff4d4f' }}>{t('sessions.forceLogout')}</a>
              </Popconfirm>,
            ]
          : [],
    },
  ];
  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <ProTable<SessionInfo>
        key={i18n.language}
        rowKey="id"
        actionRef={action}
        headerTitle={t('sessions.title')}
        search={false}
        columns={columns}
        pagination={{ defaultPageSize: 20 }}
        request={async () => {
          const res = await api.get<{ data: SessionInfo[] }>('/sessions');
          return { data: res.data, success: true, total: res.data.length };
        }}
      />
    </PageContainer>
  );
};
