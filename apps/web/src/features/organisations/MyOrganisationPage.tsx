/**
 * 本单位信息: the signed-in user's own organisation. Its registration (name, credit code, region, type
 * …) is shown read-only — the regulator keeps it; contact person, phone, address, staff and exposed
 * staff are edited here, with the rules the server applies (messages from the contracts' table).
 */
import { PageContainer, ProForm, ProFormDigit, ProFormText } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Grid,
  Row,
  Skeleton,
  Space,
  type FormInstance,
  type FormRule,
} from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, reportError } from '../../shared/errors';
import { reasonText } from '../../shared/messages';
import type { MyOrganisationPatch, Organisation } from '../../shared/types';
import { getMyOrganisation, updateMyOrganisation } from './api';
import { OrganisationDescriptions, OrganisationHistory } from './OrganisationDetail';

type Values = {
  contactName?: string;
  contactPhone?: string;
  address?: string;
  employees?: number | null;
  exposedEmployees?: number | null;
};
const FIELDS = ['contactName', 'contactPhone', 'address', 'employees', 'exposedEmployees'] as const;
/** The same rule as the server (organisations.profile.ts): mobile, landline with area code, 400/800. */
const CONTACT_PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|[48]00-?\d{3}-?\d{4})$/;
const MY_KEY = ['my-organisation'] as const;

const blankToNull = (v: string | undefined | null) =>
  v === undefined || v === null || v.trim() === '' ? null : v.trim();
const valuesOf = (o: Organisation): Values => ({
  contactName: o.contactName ?? undefined,
  contactPhone: o.contactPhone ?? undefined,
  address: o.address ?? undefined,
  employees: o.employees,
  exposedEmployees: o.exposedEmployees,
});

const ProfileForm = ({ org }: { org: Organisation }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const formRef = useRef<FormInstance<Values>>();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const staffRule = { type: 'integer' as const, min: 0, max: 10_000_000, message: t('org.staffInteger') };
  return (
    <ProForm<Values>
      formRef={formRef}
      layout={phone ? 'vertical' : 'horizontal'}
      labelCol={phone ? undefined : { span: 6 }}
      wrapperCol={phone ? undefined : { span: 18 }}
      style={{ maxWidth: 640 }}
      initialValues={valuesOf(org)}
      data-testid="my-org-form"
      submitter={{
        render: (props) => (
          <Space style={{ marginInlineStart: phone ? 0 : '25%' }}>
            <Button type="primary" onClick={() => props.form?.submit()} data-testid="my-org-save">
              {t('org.mySave')}
            </Button>
            <Button onClick={() => props.form?.resetFields()}>{t('org.myReset')}</Button>
          </Space>
        ),
      }}
      onFinish={async (v) => {
        const body: MyOrganisationPatch = {
          contactName: blankToNull(v.contactName),
          contactPhone: blankToNull(v.contactPhone),
          address: blankToNull(v.address),
          employees: v.employees ?? null,
          exposedEmployees: v.exposedEmployees ?? null,
        };
        try {
          const saved = await updateMyOrganisation(body);
          qc.setQueryData(MY_KEY, saved);
          void qc.invalidateQueries({ queryKey: ['organisation-history', saved.id] });
          formRef.current?.setFieldsValue(valuesOf(saved));
          void message.success(t('org.mySaved'));
          return true;
        } catch (e) {
          reportError(message, e, formRef.current, FIELDS);
          return false;
        }
      }}
    >
      <ProFormText
        name="contactName"
        label={t('org.contactName')}
        placeholder={t('org.contactNamePlaceholder')}
        fieldProps={{ maxLength: 50 }}
        rules={[{ max: 50, message: t('org.maxChars', { max: 50 }) }]}
      />
      <ProFormText
        name="contactPhone"
        label={t('org.contactPhone')}
        placeholder={t('org.contactPhonePlaceholder')}
        fieldProps={{ maxLength: 30, inputMode: 'tel' }}
        rules={[
          {
            validator: async (_, v: string | undefined) => {
              const s = (v ?? '').replace(/\s+/g, '');
              if (s && !CONTACT_PHONE.test(s)) throw new Error(reasonText('contact_phone_format'));
            },
          },
        ]}
      />
      <ProFormText
        name="address"
        label={t('org.address')}
        placeholder={t('org.addressPlaceholder')}
        fieldProps={{ maxLength: 300 }}
        rules={[{ max: 300, message: t('org.maxChars', { max: 300 }) }]}
      />
      <ProFormDigit
        name="employees"
        label={t('org.employees')}
        min={0}
        max={10_000_000}
        fieldProps={{ precision: 0, style: { width: '100%' } }}
        rules={[staffRule]}
      />
      <ProFormDigit
        name="exposedEmployees"
        label={t('org.exposedEmployees')}
        tooltip={t('org.exposedEmployeesHint')}
        min={0}
        max={10_000_000}
        dependencies={['employees']}
        fieldProps={{ precision: 0, style: { width: '100%' } }}
        rules={[
          staffRule,
          ({ getFieldValue }: FormInstance<Values>): FormRule => ({
            validator: async (_: unknown, v: number | null | undefined) => {
              const staff = getFieldValue('employees') as number | null | undefined;
              if (v != null && staff != null && v > staff)
                throw new Error(reasonText('exposed_exceeds_employees'));
            },
          }),
        ]}
      />
    </ProForm>
  );
};

export const MyOrganisationPage = () => {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: MY_KEY, queryFn: getMyOrganisation });
  const org = q.data;
  return (
    <PageContainer title={false} breadcrumbRender={false}>
      {q.isError ? (
        <Alert type="error" showIcon message={errorMessage(q.error)} />
      ) : !org ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Card title={t('org.myEditable')} data-testid="my-org-edit">
              <ProfileForm org={org} />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title={t('org.myBasic')} data-testid="my-org-basic">
              <Alert
                type="info"
                showIcon
                message={t('org.myRegulatorManaged')}
                style={{ marginBottom: 12 }}
              />
              <OrganisationDescriptions
                org={org}
                column={1}
                only={[
                  'name',
                  'creditCode',
                  'kind',
                  'regionCode',
                  'industryCode',
                  'enterpriseSize',
                  'parentId',
                  'supervisorId',
                  'updatedAt',
                ]}
              />
            </Card>
          </Col>
          <Col span={24}>
            <Card title={t('org.history')}>
              <OrganisationHistory id={org.id} />
            </Card>
          </Col>
        </Row>
      )}
    </PageContainer>
  );
};
