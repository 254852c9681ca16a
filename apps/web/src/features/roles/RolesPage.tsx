/** 角色管理 — read-only: roles, their duty (三权分立) and permission keys. */
import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { Alert, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { roleName } from '../../shared/format';
import type { Role } from '../../shared/types';

const dutyColor: Record<string, string> = {
  business: 'blue',
  system_admin: 'purple',
  security_admin: 'orange',
  audit_admin: 'cyan',
};

export const RolesPage = () => {
  const { t, i18n } = useTranslation();
  const columns: ProColumns<Role>[] = [
    { title: t('roles.name'), dataIndex: 'nameZh', width: 180, render: (_, r) => roleName(r) },
    { title: t('roles.key'), dataIndex: 'key', width: 160, copyable: true },
    {
      title: t('roles.duty'),
      dataIndex: 'duty',
      width: 110,
      render: (_, r) => (
        <Tag color={dutyColor[r.duty] ?? 'default'}>
          {t(`roles.duties.${r.duty}`, { defaultValue: r.duty })}
        </Tag>
      ),
    },
    {
      title: t('roles.builtIn'),
      dataIndex: 'builtIn',
      width: 70,
      render: (_, r) => (r.builtIn ? t('common.yes') : t('common.no')),
    },
    {
      title: t('roles.permissions'),
      dataIndex: 'permissions',
      render: (_, r) => (
        <Space size={[4, 4]} wrap>
          {r.permissions.map((p) => (
            <Tag key={p} style={{ fontFamily: 'monospace' }}>
              {p}
            </Tag>
          ))}
        </Space>
      ),
    },
  ];
  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <Alert type="info" showIcon message={t('roles.readOnlyHint')} style={{ marginBottom: 16 }} />
      <ProTable<Role>
        key={i18n.language}
        rowKey="key"
        headerTitle={t('roles.title')}
        search={false}
        columns={columns}
        pagination={false}
        request={async () => {
          const res = await api.get<{ data: Role[] }>('/roles');
          return { data: res.data, success: true, total: res.data.length };
        }}
      />
    </PageContainer>
  );
};
