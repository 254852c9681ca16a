/** New / edit organisation in a drawer; server validation details land on the fields. */
import {
  DrawerForm,
  ProForm,
  ProFormDigit,
  ProFormSelect,
  ProFormSwitch,
  ProFormText,
} from '@ant-design/pro-components';
import { organisationKinds } from '@ohp/contracts';
import { App, type FormInstance, type FormRule } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { reportError } from '../../shared/errors';
import { kindLabel } from '../../shared/format';
import { reasonText } from '../../shared/messages';
import { RegionPicker } from '../../shared/RegionPicker';
import type { Organisation, OrganisationInput } from '../../shared/types';
import { createOrganisation, getOrganisation, listOrganisations, updateOrganisation } from './api';

type Values = {
  name: string;
  kind: OrganisationInput['kind'];
  regionCode: string;
  creditCode?: string;
  industryCode?: string;
  employees?: number | null;
  exposedEmployees?: number | null;
  revenueWanYuan?: number | null;
  address?: string;
  contactName?: string;
  contactPhone?: string;
  isPublic?: boolean;
  parentId?: number | null;
  supervisorId?: number | null;
};

const FIELDS = [
  'name',
  'kind',
  'regionCode',
  'creditCode',
  'industryCode',
  'employees',
  'exposedEmployees',
  'revenueWanYuan',
  'address',
  'contactName',
  'contactPhone',
  'isPublic',
  'parentId',
  'supervisorId',
];

/** A searchable organisation picker (上级单位 / 监管单位) over the scoped list. */
const OrganisationSelect = ({
  name,
  label,
  current,
  exclude,
  kinds,
}: {
  name: string;
  label: string;
  current: number | null;
  exclude?: number | undefined;
  kinds?: OrganisationInput['kind'][];
}) => {
  const { t } = useTranslation();
  return (
    <ProFormSelect
      name={name}
      label={label}
      placeholder={t('org.searchOrganisation')}
      showSearch
      debounceTime={300}
      fieldProps={{ allowClear: true, filterOption: false }}
      request={async ({ keyWords }: { keyWords?: string }) => {
        const found = kinds
          ? (
              await Promise.all(kinds.map((kind) => listOrganisations({ q: keyWords, kind, pageSize: 20 })))
            ).flatMap((p) => p.data)
          : (await listOrganisations({ q: keyWords, pageSize: 20 })).data;
        // Keep the saved value visible by name even when the first page does not hold it.
        if (current && !keyWords && !found.some((o) => o.id === current)) {
          try {
            found.unshift(await getOrganisation(current));
          } catch {
            // out of scope or deleted: show nothing rather than fail the form
          }
        }
        return found
          .filter((o) => o.id !== exclude)
          .map((o) => ({ value: o.id, label: `${o.name}（${o.regionName}）` }));
      }}
    />
  );
};

const blankToNull = (v: string | undefined | null) =>
  v === undefined || v === null || v.trim() === '' ? null : v.trim();

export const OrganisationForm = ({
  open,
  record,
  onOpenChange,
  onSaved,
}: {
  open: boolean;
  record: Organisation | null;
  onOpenChange: (open: boolean) => void;
  onSaved: () => void;
}) => {
  const { t } = useTranslation();
  const { me } = useAuth();
  const { message } = App.useApp();
  const formRef = useRef<FormInstance<Values>>();

  return (
    <DrawerForm<Values>
      title={record ? t('org.editTitle') : t('org.createTitle')}
      open={open}
      onOpenChange={onOpenChange}
      formRef={formRef}
      width={640}
      layout="horizontal"
      labelCol={{ span: 7 }}
      wrapperCol={{ span: 17 }}
      drawerProps={{ destroyOnClose: true, maskClosable: false }}
      initialValues={
        record
          ? {
              name: record.name,
              kind: record.kind as Values['kind'],
              regionCode: record.regionCode,
              creditCode: record.creditCode ?? undefined,
              industryCode: record.industryCode ?? undefined,
              employees: record.employees,
              exposedEmployees: record.exposedEmployees,
              revenueWanYuan: record.revenueWanYuan,
              address: record.address ?? undefined,
              contactName: record.contactName ?? undefined,
              contactPhone: record.contactPhone ?? undefined,
              isPublic: record.isPublic,
              parentId: record.parentId,
              supervisorId: record.supervisorId,
            }
          : { isPublic: false }
      }
      data-testid="org-form"
      onFinish={async (v) => {
        const body: OrganisationInput = {
          name: v.name.trim(),
          kind: v.kind,
          regionCode: v.regionCode,
          creditCode: blankToNull(v.creditCode)?.toUpperCase() ?? null,
          industryCode: blankToNull(v.industryCode)?.toUpperCase() ?? null,
          employees: v.employees ?? null,
          exposedEmployees: v.exposedEmployees ?? null,
          revenueWanYuan: v.revenueWanYuan ?? null,
          address: blankToNull(v.address),
          contactName: blankToNull(v.contactName),
          contactPhone: blankToNull(v.contactPhone),
          isPublic: Boolean(v.isPublic),
          parentId: v.parentId ?? null,
          supervisorId: v.supervisorId ?? null,
        };
        try {
          if (record) await updateOrganisation(record.id, body);
          else await createOrganisation(body);
          void message.success(t('common.saved'));
          onSaved();
          return true;
        } catch (e) {
          reportError(message, e, formRef.current, FIELDS);
          return false;
        }
      }}
    >
      <ProFormText
        name="name"
        label={t('org.name')}
        placeholder={t('org.namePlaceholder')}
        rules={[{ required: true, message: t('org.nameRequired') }]}
      />
      <ProFormSelect
        name="kind"
        label={t('org.kind')}
        rules={[{ required: true, message: t('org.kindRequired') }]}
        // platform_operator is never assigned; qc_centre only by the platform operator (server rule).
        options={organisationKinds
          .filter(
            (k) =>
              k !== 'platform_operator' &&
              (k !== 'qc_centre' || me?.organisation.kind === 'platform_operator'),
          )
          .map((k) => ({ value: k, label: kindLabel(k) }))}
      />
      <ProForm.Item
        name="regionCode"
        label={t('org.regionName')}
        rules={[{ required: true, message: t('org.regionRequired') }]}
      >
        <RegionPicker rootCode={me?.organisation.regionCode ?? null} allowClear={false} />
      </ProForm.Item>
      <ProFormText
        name="creditCode"
        label={t('org.creditCode')}
        placeholder={t('org.creditPlaceholder')}
        fieldProps={{ maxLength: 18, showCount: true }}
      />
      <ProFormText
        name="industryCode"
        label={t('org.industryCode')}
        placeholder={t('org.industryPlaceholder')}
        fieldProps={{ maxLength: 5 }}
      />
      <ProFormDigit
        name="employees"
        label={t('org.employees')}
        min={0}
        max={10000000}
        fieldProps={{ precision: 0, style: { width: '100%' } }}
      />
      <ProFormDigit
        name="exposedEmployees"
        label={t('org.exposedEmployees')}
        tooltip={t('org.exposedEmployeesHint')}
        min={0}
        max={10000000}
        dependencies={['employees']}
        fieldProps={{ precision: 0, style: { width: '100%' } }}
        rules={[
          ({ getFieldValue }: FormInstance<Values>): FormRule => ({
            validator: async (_: unknown, v: number | null | undefined) => {
              const staff = getFieldValue('employees') as number | null | undefined;
              if (v != null && staff != null && v > staff)
                throw new Error(reasonText('exposed_exceeds_employees'));
            },
          }),
        ]}
      />
      <ProFormDigit
        name="revenueWanYuan"
        label={t('org.revenue')}
        min={0}
        fieldProps={{ precision: 2, style: { width: '100%' } }}
      />
      <ProFormText name="address" label={t('org.address')} fieldProps={{ maxLength: 300 }} />
      <ProFormText name="contactName" label={t('org.contactName')} fieldProps={{ maxLength: 50 }} />
      <ProFormText name="contactPhone" label={t('org.contactPhone')} fieldProps={{ maxLength: 30 }} />
      <ProFormSwitch name="isPublic" label={t('org.isPublic')} />
      <OrganisationSelect
        name="parentId"
        label={t('org.parent')}
        current={record?.parentId ?? null}
        exclude={record?.id}
      />
      <OrganisationSelect
        name="supervisorId"
        label={t('org.supervisor')}
        current={record?.supervisorId ?? null}
        exclude={record?.id}
        kinds={['health_commission', 'disease_control_bureau']}
      />
    </DrawerForm>
  );
};
