/** 用户管理 — organisation list on the left, users on the right; actions follow each row's abilities. */
import { PlusOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { organisationKinds } from '@ohp/contracts';
import { App, Button, Dropdown, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { reportError } from '../../shared/errors';
import { fmtDateTime, kindLabel, roleName } from '../../shared/format';
import { OneTimePasswordModal } from '../../shared/OneTimePasswordModal';
import { useListTotal } from '../../shared/ListTotal';
import { SidePanelLayout } from '../../shared/SidePanelLayout';
import type { User } from '../../shared/types';
import { listUsers, resetPassword, resetTotp, searchOrganisations, unlockUser, updateUser } from './api';
import { AssignRolesForm, CreateUserForm, EditUserForm, useRoleOptions } from './UserForms';
import { cutCell } from '../../shared/Ellipsis';

type Filters = { q?: string; status?: 'active' | 'disabled' };
type OrgPick = { id: number; name: string };

const OrgList = ({
  selected,
  onSelect,
}: {
  selected: OrgPick | undefined;
  onSelect: (o: OrgPick | undefined) => void;
}) => {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  // Accounts are mostly managed for regulators and institutions; employers are thousands, so filter by kind.
  const [kind, setKind] = useState<string>('health_commission');
  const orgs = useQuery({
    queryKey: ['orgs-side', q, kind],
    queryFn: () => searchOrganisations(q, kind || undefined),
  });
  return (
    <div data-testid="org-list">
      <Select
        style={{ width: '100%', marginBottom: 8 }}
        value={kind}
        onChange={setKind}
        options={[
          { value: '', label: t('common.all') },
          ...organisationKinds.map((k) => ({ value: k, label: kindLabel(k) })),
        ]}
      />
      <Input.Search
        allowClear
        placeholder={t('users.orgSearch')}
        onSearch={setQ}
        style={{ marginBottom: 8 }}
      />
      <div className="ohp-tree-scroll">
        <List
          size="small"
          loading={orgs.isPending}
          dataSource={[{ id: 0, name: t('users.allOrgs'), regionName: '' }, ...(orgs.data?.data ?? [])]}
          renderItem={(o) => {
            const active = o.id === 0 ? !selected : selected?.id === o.id;
            return (
              <List.Item
                style={{
                  cursor: 'pointer',
                  padding: '6px 8px',
                  background: active ? '#e6f4ff' : undefined,
                  borderRadius: 4,
                }}
                onClick={() => onSelect(o.id === 0 ? undefined : { id: o.id, name: o.name })}
              >
                <Typography.Text
                  ellipsis
                  style={{ maxWidth: 220, color: active ? '#1677ff' : undefined }}
                  title={o.name}
                >
                  {o.name}
                </Typography.Text>
              </List.Item>
            );
          }}
        />
      </div>
    </div>
  );
};

export const UsersPage = () => {
  const { t, i18n } = useTranslation();
  const { can, me } = useAuth();
  const { message, modal } = App.useApp();
  const action = useRef<ActionType>();
  const listTotal = useListTotal(action);
  const roles = useRoleOptions();
  const [org, setOrg] = useState<OrgPick | undefined>();
  const [createOpen, setCreateOpen] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [assigning, setAssigning] = useState<User | null>(null);
  const [oneTime, setOneTime] = useState<{ name: string; password: string } | null>(null);
  const roleLabel = (key: string) => {
    const r = roles.find((x) => x.key === key);
    return r ? roleName(r) : key;
  };
  const reload = () => void action.current?.reload();

  const run = async (fn: () => Promise<unknown>, ok?: string) => {
    try {
      await fn();
      if (ok) void message.success(ok);
      reload();
    } catch (e) {
      reportError(message, e);
    }
  };

  const rowActions = (u: User) => {
    const items: { key: string; label: ReactNode; danger?: boolean; onClick: () => void }[] = [];
    if (u.abilities.resetPassword)
      items.push({
        key: 'reset',
        label: t('users.resetPassword'),
        onClick: () =>
          modal.confirm({
            title: t('users.resetConfirm', { name: u.displayName }),
            onOk: async () => {
              try {
                const r = await resetPassword(u.id);
                setOneTime({ name: u.displayName, password: r.initialPassword });
              } catch (e) {
                reportError(message, e);
              }
            },
          }),
      });
    if (u.abilities.unlock && u.locked)
      items.push({
        key: 'unlock',
        label: t('users.unlock'),
        onClick: () => void run(() => unlockUser(u.id), t('users.unlocked')),
      });
    // Lost authenticator: the security administrator removes it (never their own: account page).
    if (u.totpEnabled && can('users:unlock') && u.id !== me?.user.id)
      items.push({
        key: 'reset-totp',
        label: t('users.resetTotp'),
        onClick: () =>
          modal.confirm({
            title: t('users.resetTotpConfirm', { name: u.displayName }),
            onOk: () => run(() => resetTotp(u.id), t('users.totpReset')),
          }),
      });
    if (u.abilities.assignRoles)
      items.push({ key: 'roles', label: t('users.assignRoles'), onClick: () => setAssigning(u) });
    if (u.abilities.update)
      items.push(
        u.status === 'active'
          ? {
              key: 'disable',
              danger: true,
              label: t('users.disable'),
              onClick: () =>
                modal.confirm({
                  title: t('users.disableConfirm', { name: u.displayName }),
                  onOk: () => run(() => updateUser(u.id, { status: 'disabled' }), t('common.success')),
                }),
            }
          : {
              key: 'enable',
              label: t('users.enable'),
              onClick: () =>
                modal.confirm({
                  title: t('users.enableConfirm', { name: u.displayName }),
                  onOk: () => run(() => updateUser(u.id, { status: 'active' }), t('common.success')),
                }),
            },
      );
    return items;
  };

  const columns: ProColumns<User>[] = [
    { title: t('users.username'), dataIndex: 'username', width: 140, search: false },
    { title: t('users.displayName'), dataIndex: 'displayName', width: 140, search: false },
    {
      title: t('common.keyword'),
      dataIndex: 'q',
      hideInTable: true,
      fieldProps: { placeholder: `${t('users.username')} / ${t('users.displayName')}` },
    },
    {
      title: t('users.organisation'),
      dataIndex: 'organisationName',
      ...cutCell('organisationName'),
      search: false,
    },
    {
      title: t('users.roles'),
      dataIndex: 'roleKeys',
      search: false,
      width: 200,
      render: (_, u) => (
        <Space size={[4, 4]} wrap>
          {u.roleKeys.map((k) => (
            <Tag key={k} color="blue">
              {roleLabel(k)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('users.status'),
      dataIndex: 'status',
      width: 110,
      valueType: 'select',
      valueEnum: {
        active: { text: t('users.statusActive'), status: 'Success' },
        disabled: { text: t('users.statusDisabled'), status: 'Default' },
      },
      render: (_, u) => (
        <Space size={4}>
          {u.status === 'active' ? (
            <Tag color="green">{t('users.statusActive')}</Tag>
          ) : (
            <Tag>{t('users.statusDisabled')}</Tag>
          )}
          {u.locked ? <Tag color="red">{t('users.lockedYes')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('users.phone'), dataIndex: 'phone', width: 120, search: false },
    {
      title: t('users.lastLoginAt'),
      dataIndex: 'lastLoginAt',
      width: 160,
      search: false,
      render: (_, u) => fmtDateTime(u.lastLoginAt),
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: 150,
      fixed: 'right',
      render: (_, u) => {
        const more = rowActions(u);
        return [
          u.abilities.update ? (
            <a key="edit" onClick={() => setEditing(u)}>
              {t('common.edit')}
            </a>
          ) : null,
          more.length ? (
            <Dropdown key="more" menu={{ items: more.map(({ onClick, ...i }) => ({ ...i, onClick })) }}>
              <a>{t('common.actions')} ▾</a>
            </Dropdown>
          ) : null,
        ];
      },
    },
  ];

  const table = (
    <ProTable<User, Filters & { organisationId?: number }>
      key={i18n.language}
      rowKey="id"
      actionRef={action}
      columns={columns}
      params={{ organisationId: org?.id }}
      headerTitle={org ? `${t('users.title')} — ${org.name}` : t('users.title')}
      scroll={{ x: 1200 }}
      search={{ labelWidth: 'auto', defaultCollapsed: false }}
      pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: listTotal.showTotal }}
      request={async (p) => {
        const filters = { q: p.q, status: p.status, organisationId: p.organisationId };
        try {
          const res = await listUsers({
            ...filters,
            ...listTotal.param(filters),
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
        can('users:create') ? (
          <Button
            key="add"
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreateOpen(true)}
            data-testid="user-add"
          >
            {t('common.add')}
          </Button>
        ) : null,
      ]}
    />
  );

  return (
    <PageContainer title={false} breadcrumbRender={false}>
      {can('organisations:read') ? (
        <SidePanelLayout sideTitle={t('users.orgList')} side={<OrgList selected={org} onSelect={setOrg} />}>
          {table}
        </SidePanelLayout>
      ) : (
        table
      )}
      <CreateUserForm
        open={createOpen}
        onOpenChange={setCreateOpen}
        defaultOrg={org}
        onCreated={(c) => {
          setCreateOpen(false);
          setOneTime({ name: c.user.displayName, password: c.initialPassword });
          reload();
        }}
      />
      <EditUserForm
        user={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          reload();
        }}
      />
      <AssignRolesForm
        user={assigning}
        onClose={() => setAssigning(null)}
        onSaved={() => {
          setAssigning(null);
          reload();
        }}
      />
      <OneTimePasswordModal value={oneTime} onClose={() => setOneTime(null)} />
    </PageContainer>
  );
};
