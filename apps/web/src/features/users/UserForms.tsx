/** Create / edit user and assign-roles forms. */
import { ModalForm, ProFormSelect, ProFormText } from '@ant-design/pro-components';
import { builtInRoles } from '@ohp/contracts';
import { App, type FormInstance } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../shared/i18n';
import { useAuth } from '../../app/auth';
import { reportError } from '../../shared/errors';
import { roleName } from '../../shared/format';
import { reasonText } from '../../shared/messages';
import type { CreatedUser, User } from '../../shared/types';
import { assignRoles, createUser, listRoles, searchOrganisations, updateUser } from './api';

/** Roles from GET /roles when allowed, else the built-in list from the contracts (names only). */
export const useRoleOptions = () => {
  const { can } = useAuth();
  const q = useQuery({
    queryKey: ['roles'],
    queryFn: listRoles,
    enabled: can('roles:read'),
    staleTime: 300_000,
  });
  const roles =
    q.data?.data ?? builtInRoles.map((r) => ({ ...r, builtIn: true, permissions: [...r.permissions] }));
  return roles;
};

/**
 * The rules of the user form, with the messages of the server's reason table, so each field says once
 * what a valid value is (the hint is the placeholder, the rule's message the explanation).
 */
const nameRules = () => [
  { required: true, message: i18n.t('users.displayNameRequired') },
  { whitespace: true, message: reasonText('value_blank') },
];
const phoneRules = () => [{ pattern: /^1\d{10}$/, message: reasonText('phone_format') }];
const emailRules = () => [{ type: 'email' as const, message: reasonText('email_format') }];
/** Validated when the field is left, so a half-typed number is not called wrong. */
const onBlur = { validateTrigger: 'onBlur', validateFirst: true } as const;

type CreateValues = {
  username: string;
  displayName: string;
  organisationId: number;
  roleKeys: string[];
  phone?: string;
  email?: string;
};
const CREATE_FIELDS = ['username', 'displayName', 'organisationId', 'roleKeys', 'phone', 'email'];

export const CreateUserForm = ({
  open,
  onOpenChange,
  defaultOrg,
  onCreated,
}: {
  open: boolean;
  onOpenChange: (o: boolean) => void;
  defaultOrg?: { id: number; name: string } | undefined;
  onCreated: (c: CreatedUser) => void;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  // 三权分立: the security administrator creates administrator accounts only, everyone else business
  // accounts only (the server enforces it; the form offers only what will be accepted).
  const adminCreator = can('users:assign_roles');
  const roles = useRoleOptions().filter((r) => (r.duty !== 'business') === adminCreator);
  const formRef = useRef<FormInstance<CreateValues>>();
  return (
    <ModalForm<CreateValues>
      title={t('users.createTitle')}
      open={open}
      onOpenChange={onOpenChange}
      formRef={formRef}
      width={560}
      layout="horizontal"
      labelCol={{ span: 6 }}
      modalProps={{ destroyOnClose: true, maskClosable: false }}
      initialValues={defaultOrg ? { organisationId: defaultOrg.id } : {}}
      onFinish={async (v) => {
        try {
          const created = await createUser({
            username: v.username.trim(),
            displayName: v.displayName.trim(),
            organisationId: v.organisationId,
            roleKeys: v.roleKeys,
            phone: v.phone?.trim() || null,
            email: v.email?.trim() || null,
          });
          onCreated(created);
          return true;
        } catch (e) {
          reportError(message, e, formRef.current, CREATE_FIELDS);
          return false;
        }
      }}
    >
      <ProFormText
        name="username"
        label={t('users.username')}
        placeholder={t('users.usernameHint')}
        validateFirst
        rules={[
          { required: true, message: t('login.usernameRequired') },
          { pattern: /^[a-zA-Z0-9_.-]{3,64}$/, message: reasonText('username_format') },
        ]}
        fieldProps={{ 'data-testid': 'user-username' }}
      />
      <ProFormText
        name="displayName"
        label={t('users.displayName')}
        validateFirst
        rules={nameRules()}
        fieldProps={{ maxLength: 64, 'data-testid': 'user-displayname' }}
      />
      <ProFormSelect
        name="organisationId"
        label={t('users.organisation')}
        rules={[{ required: true, message: t('users.organisationRequired') }]}
        showSearch
        debounceTime={300}
        request={async ({ keyWords }: { keyWords?: string }) => {
          const res = await searchOrganisations(keyWords ?? '');
          const opts = res.data.map((o) => ({ value: o.id, label: `${o.name}（${o.regionName}）` }));
          if (defaultOrg && !opts.some((o) => o.value === defaultOrg.id))
            opts.unshift({ value: defaultOrg.id, label: defaultOrg.name });
          return opts;
        }}
        fieldProps={{ filterOption: false, 'data-testid': 'user-org' } as object}
      />
      <ProFormSelect
        name="roleKeys"
        label={t('users.roles')}
        mode="multiple"
        rules={[{ required: true, message: t('users.rolesRequired') }]}
        options={roles.map((r) => ({ value: r.key, label: roleName(r) }))}
        fieldProps={{ 'data-testid': 'user-roles' } as object}
      />
      <ProFormText
        name="phone"
        label={t('users.phone')}
        placeholder={t('users.phonePlaceholder')}
        {...onBlur}
        rules={phoneRules()}
        fieldProps={{ maxLength: 11, 'data-testid': 'user-phone' }}
      />
      <ProFormText
        name="email"
        label={t('users.email')}
        placeholder={t('users.emailPlaceholder')}
        {...onBlur}
        rules={emailRules()}
        fieldProps={{ 'data-testid': 'user-email' }}
      />
    </ModalForm>
  );
};

type EditValues = { displayName: string; phone?: string; email?: string };
export const EditUserForm = ({
  user,
  onClose,
  onSaved,
}: {
  user: User | null;
  onClose: () => void;
  onSaved: () => void;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const formRef = useRef<FormInstance<EditValues>>();
  return (
    <ModalForm<EditValues>
      title={t('users.editTitle')}
      open={Boolean(user)}
      onOpenChange={(o) => !o && onClose()}
      formRef={formRef}
      width={520}
      layout="horizontal"
      labelCol={{ span: 6 }}
      modalProps={{ destroyOnClose: true }}
      initialValues={
        user ? { displayName: user.displayName, phone: user.phone ?? '', email: user.email ?? '' } : {}
      }
      onFinish={async (v) => {
        if (!user) return true;
        try {
          await updateUser(user.id, {
            displayName: v.displayName.trim(),
            phone: v.phone?.trim() || null,
            email: v.email?.trim() || null,
          });
          void message.success(t('common.saved'));
          onSaved();
          return true;
        } catch (e) {
          reportError(message, e, formRef.current, ['displayName', 'phone', 'email']);
          return false;
        }
      }}
    >
      <ProFormText
        name="displayName"
        label={t('users.displayName')}
        validateFirst
        rules={nameRules()}
        fieldProps={{ maxLength: 64 }}
      />
      <ProFormText
        name="phone"
        label={t('users.phone')}
        placeholder={t('users.phonePlaceholder')}
        {...onBlur}
        rules={phoneRules()}
        fieldProps={{ maxLength: 11 }}
      />
      <ProFormText
        name="email"
        label={t('users.email')}
        placeholder={t('users.emailPlaceholder')}
        {...onBlur}
        rules={emailRules()}
      />
    </ModalForm>
  );
};

export const AssignRolesForm = ({
  user,
  onClose,
  onSaved,
}: {
  user: User | null;
  onClose: () => void;
  onSaved: () => void;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const roles = useRoleOptions();
  const formRef = useRef<FormInstance<{ roleKeys: string[] }>>();
  return (
    <ModalForm<{ roleKeys: string[] }>
      title={`${t('users.assignRoles')} — ${user?.displayName ?? ''}`}
      open={Boolean(user)}
      onOpenChange={(o) => !o && onClose()}
      formRef={formRef}
      width={520}
      modalProps={{ destroyOnClose: true }}
      initialValues={{ roleKeys: user?.roleKeys ?? [] }}
      onFinish={async (v) => {
        if (!user) return true;
        try {
          await assignRoles(user.id, v.roleKeys);
          void message.success(t('common.saved'));
          onSaved();
          return true;
        } catch (e) {
          reportError(message, e, formRef.current, ['roleKeys']);
          return false;
        }
      }}
    >
      <ProFormSelect
        name="roleKeys"
        label={t('users.roles')}
        mode="multiple"
        rules={[{ required: true, message: t('users.rolesRequired') }]}
        options={roles.map((r) => ({ value: r.key, label: roleName(r) }))}
      />
    </ModalForm>
  );
};
