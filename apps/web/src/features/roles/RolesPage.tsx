/**
 * 角色管理: built-in roles (三权分立) are read-only; the security administrator adds, edits and deletes
 * custom business roles from the permission keys. Buttons follow each row's abilities.
 */
import {
  ModalForm,
  PageContainer,
  ProFormCheckbox,
  ProFormText,
  ProTable,
  type ActionType,
  type ProColumns,
} from '@ant-design/pro-components';
import { adminDutyPermissions, permissionKeys, permissionLabel } from '@ohp/contracts';
import { Alert, App, Button, Popconfirm, Space, Tag, Tooltip, type FormInstance } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { api } from '../../shared/api';
import { reportError } from '../../shared/errors';
import { roleName } from '../../shared/format';
import { currentLang } from '../../shared/i18n';
import type { Role } from '../../shared/types';

const dutyColor: Record<string, string> = {
  business: 'blue',
  system_admin: 'purple',
  security_admin: 'orange',
  audit_admin: 'cyan',
};

// The server refuses administrator-duty permissions in a business role, so the form does not offer them.
const GRANTABLE = permissionKeys.filter((k) => !adminDutyPermissions.has(k));

type Values = { key: string; nameZh: string; nameEn: string; permissions: string[] };
const FIELDS = ['key', 'nameZh', 'nameEn', 'permissions'];

export const RolesPage = () => {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const action = useRef<ActionType>();
  const formRef = useRef<FormInstance<Values>>();
  const [editing, setEditing] = useState<Role | null>(null);
  const [open, setOpen] = useState(false);
  const manage = can('roles:manage');

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
    { title: t('roles.userCount'), dataIndex: 'userCount', width: 80 },
    {
      title: t('roles.permissions'),
      dataIndex: 'permissions',
      render: (_, r) => (
        <Space size={[4, 4]} wrap>
          {r.permissions.map((p) => (
            // The name people read; the key (for integrators) on hover.
            <Tooltip key={p} title={p}>
              <Tag data-permission={p}>{permissionLabel(p, currentLang())}</Tag>
            </Tooltip>
          ))}
        </Space>
      ),
    },
    ...(manage
      ? [
          {
            title: t('common.actions'),
            valueType: 'option' as const,
            width: 120,
            render: (_: unknown, r: Role) => [
              r.abilities.update ? (
                <a
                  key="edit"
                  onClick={() => {
                    setEditing(r);
                    setOpen(true);
                  }}
                >
                  {t('roles.edit')}
                </a>
              ) : null,
              r.abilities.delete ? (
                <Popconfirm
                  key="delete"
                  title={t('roles.deleteConfirm', { name: roleName(r) })}
                  onConfirm={async () => {
                    try {
                      await api.delete(`/roles/${r.key}`);
                      void message.success(t('roles.deleted'));
                      void action.current?.reload();
                    } catch (e) {
                      reportError(message, e);
                    }
                  }}
                >
                  <a style={{ color: '#ff4d4f' }}>{t('roles.delete')}</a>
                </Popconfirm>
              ) : null,
            ],
          },
        ]
      : []),
  ];

  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <Alert
        type="info"
        showIcon
        message={t(manage ? 'roles.manageHint' : 'roles.readOnlyHint')}
        style={{ marginBottom: 16 }}
      />
      <ProTable<Role>
        key={i18n.language}
        actionRef={action}
        rowKey="key"
        headerTitle={t('roles.title')}
        search={false}
        columns={columns}
        pagination={false}
        toolBarRender={() =>
          manage
            ? [
                <Button
                  key="add"
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => {
                    setEditing(null);
                    setOpen(true);
                  }}
                >
                  {t('roles.create')}
                </Button>,
              ]
            : []
        }
        request={async () => {
          const res = await api.get<{ data: Role[] }>('/roles');
          return { data: res.data, success: true, total: res.data.length };
        }}
      />
      <ModalForm<Values>
        title={editing ? t('roles.edit') : t('roles.create')}
        open={open}
        onOpenChange={setOpen}
        formRef={formRef}
        modalProps={{ destroyOnClose: true }}
        initialValues={
          editing
            ? {
                key: editing.key,
                nameZh: editing.nameZh,
                nameEn: editing.nameEn,
                permissions: editing.permissions,
              }
            : { permissions: ['catalogues:read'] }
        }
        onFinish={async (v) => {
          try {
            if (editing)
              await api.patch(`/roles/${editing.key}`, {
                nameZh: v.nameZh,
                nameEn: v.nameEn,
                permissions: v.permissions,
              });
            else await api.post('/roles', v);
            void message.success(t('common.saved'));
            void action.current?.reload();
            return true;
          } catch (e) {
            reportError(message, e, formRef.current, FIELDS);
            return false;
          }
        }}
      >
        <ProFormText
          name="key"
          label={t('roles.key')}
          disabled={Boolean(editing)}
          tooltip={t('roles.keyHint')}
          rules={[{ required: true }, { pattern: /^[a-z][a-z0-9_]{1,63}$/, message: t('roles.keyHint') }]}
        />
        <ProFormText
          name="nameZh"
          label={t('roles.nameZh')}
          rules={[{ required: true }]}
          fieldProps={{ maxLength: 50 }}
        />
        <ProFormText
          name="nameEn"
          label={t('roles.nameEn')}
          rules={[{ required: true }]}
          fieldProps={{ maxLength: 80 }}
        />
        <ProFormCheckbox.Group
          name="permissions"
          label={t('roles.permissions')}
          options={GRANTABLE.map((k) => ({
            label: (
              <span title={k} data-permission={k}>
                {permissionLabel(k, currentLang())}
              </span>
            ),
            value: k,
          }))}
        />
      </ModalForm>
    </PageContainer>
  );
};
