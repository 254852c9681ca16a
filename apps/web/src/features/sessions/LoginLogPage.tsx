/**
 * 登录日志 — successes and failures, searchable by username, outcome and date; the browser and system
 * read from the User-Agent; export of the filtered log (the file records the filter).
 */
import { DownloadOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { loginOutcomeLabel, loginOutcomes } from '@ohp/contracts';
import { App, Button, Tag } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type PageResult, type Query } from '../../shared/api';
import { reportError } from '../../shared/errors';
import { fmtDateTime } from '../../shared/format';
import { currentLang } from '../../shared/i18n';
import { useListTotal } from '../../shared/ListTotal';
import type { LoginLogEntry } from '../../shared/types';
import { UserAgentText } from '../../shared/UserAgent';

const color = (o: string) =>
  o === 'success' ? 'green' : o === 'logout' || o === 'unlocked' ? 'default' : 'red';

type Filters = { username?: string; outcome?: string; createdAt?: [string, string] };

export const LoginLogPage = () => {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const filters = useRef<Query>({});
  const action = useRef<ActionType>();
  const listTotal = useListTotal(action);
  const [exporting, setExporting] = useState(false);
  const lang = currentLang();

  const exportFiltered = async () => {
    setExporting(true);
    try {
      await api.download('/login-logs/export', filters.current, t('files.loginLogExport'));
      void message.success(t('common.exportStarted'));
    } catch (e) {
      reportError(message, e);
    } finally {
      setExporting(false);
    }
  };

  const columns: ProColumns<LoginLogEntry>[] = [
    {
      title: t('loginLogs.createdAt'),
      dataIndex: 'createdAt',
      width: 170,
      search: false,
      render: (_, r) => fmtDateTime(r.createdAt),
    },
    {
      title: t('loginLogs.dateRange'),
      dataIndex: 'createdAt',
      key: 'dateRange',
      valueType: 'dateRange',
      hideInTable: true,
    },
    {
      title: t('loginLogs.username'),
      dataIndex: 'username',
      width: 160,
      fieldProps: { placeholder: t('loginLogs.usernamePlaceholder'), 'data-testid': 'loginlog-username' },
    },
    {
      title: t('loginLogs.outcome'),
      dataIndex: 'outcome',
      width: 130,
      valueType: 'select',
      valueEnum: Object.fromEntries(loginOutcomes.map((o) => [o, { text: loginOutcomeLabel(o, lang) }])),
      render: (_, r) => <Tag color={color(r.outcome)}>{loginOutcomeLabel(r.outcome, lang)}</Tag>,
    },
    { title: t('loginLogs.ip'), dataIndex: 'ip', width: 140, search: false },
    {
      title: t('loginLogs.userAgent'),
      dataIndex: 'userAgent',
      width: 190,
      search: false,
      render: (_, r) => <UserAgentText ua={r.userAgent} part="browser" />,
    },
    {
      title: t('loginLogs.os'),
      dataIndex: 'userAgent',
      key: 'os',
      width: 150,
      search: false,
      render: (_, r) => <UserAgentText ua={r.userAgent} part="os" />,
    },
  ];
  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <ProTable<LoginLogEntry, Filters>
        key={i18n.language}
        rowKey="id"
        actionRef={action}
        headerTitle={t('loginLogs.title')}
        columns={columns}
        scroll={{ x: 900 }}
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: listTotal.showTotal }}
        request={async (p) => {
          const q: Query = {
            username: p.username?.trim(),
            outcome: p.outcome,
            from: p.createdAt?.[0]?.slice(0, 10),
            to: p.createdAt?.[1]?.slice(0, 10),
          };
          filters.current = q;
          try {
            const res = await api.get<PageResult<LoginLogEntry>>('/login-logs', {
              ...q,
              ...listTotal.param(q),
              page: p.current ?? 1,
              pageSize: p.pageSize ?? 20,
            });
            listTotal.seen(res);
            return { data: res.data, total: res.total, success: true };
          } catch (e) {
            reportError(message, e);
            return { data: [], total: 0, success: false };
          }
        }}
        toolBarRender={() => [
          // The hint as a native title: shown on hover, never left open by a tap on a phone.
          <Button
            key="export"
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={() => void exportFiltered()}
            title={t('loginLogs.exportHint')}
            data-testid="loginlog-export"
          >
            {t('loginLogs.export')}
          </Button>,
        ]}
      />
    </PageContainer>
  );
};
