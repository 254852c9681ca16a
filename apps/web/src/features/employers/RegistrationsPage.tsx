/**
 * 用人单位注册审核 — the county's queue of employer self-registrations (pending first): approve (the
 * employer record is created, or the existing one with the credit code linked, and the account opened)
 * or return with an opinion the applicant sees.
 */
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { registrationStatuses, type RegistrationSummary } from '@ohp/contracts';
import { Alert, App, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { reportError } from '../../shared/errors';
import { approveRegistration, exportRegistrations, listRegistrations, rejectRegistration } from './api';
import { cutCell } from '../../shared/Ellipsis';
import { ExportButton } from '../../shared/ExportButton';
import type { Query } from '../../shared/api';

const COLOURS: Record<string, string> = { pending: 'blue', approved: 'green', rejected: 'red' };

export const RegistrationsPage = () => {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const ref = useRef<ActionType>(null);
  const [rejecting, setRejecting] = useState<RegistrationSummary | null>(null);
  // The filter of the rows shown, for the export (the same rows).
  const [last, setLast] = useState<Query>({});
  const [form] = Form.useForm();

  const columns: ProColumns<RegistrationSummary>[] = [
    { title: t('employers.q'), dataIndex: 'q', hideInTable: true },
    {
      title: t('employers.name'),
      dataIndex: 'name',
      hideInSearch: true,
      width: 260,
      render: (_, r) => (
        <>
          <div>{r.name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.creditCode} · {r.regionName}
          </Typography.Text>
          {r.existingEmployerId && r.status === 'pending' && (
            <div>
              <Tag color="orange" title={t('employers.existingLink', { name: r.existingEmployerName })}>
                {t('employers.existing')}
              </Tag>
            </div>
          )}
        </>
      ),
    },
    {
      title: t('employers.industry'),
      dataIndex: 'industryName',
      hideInSearch: true,
      width: 160,
      ...cutCell('industryName'),
      render: (_, r) => `${r.industryCode} ${r.industryName ?? ''}`,
    },
    {
      title: t('employers.contactName'),
      dataIndex: 'contactName',
      hideInSearch: true,
      width: 150,
      render: (_, r) => (
        <>
          <div>{r.contactName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.contactPhone} · {r.username}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('employers.statusFilter'),
      dataIndex: 'status',
      width: 110,
      valueType: 'select',
      valueEnum: Object.fromEntries(
        registrationStatuses.map((s) => [s, { text: t(`employers.regStatuses.${s}`) }]),
      ),
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <Tag color={COLOURS[r.status]}>{t(`employers.regStatuses.${r.status}`)}</Tag>
          {r.linkedExisting && <Typography.Text type="secondary">{t('employers.linked')}</Typography.Text>}
          {r.opinion && <Typography.Text type="secondary">{r.opinion}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t('employers.submittedAt'),
      dataIndex: 'submittedAt',
      hideInSearch: true,
      width: 160,
      render: (_, r) => new Date(r.submittedAt).toLocaleString(),
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: 150,
      render: (_, r) =>
        r.abilities.review
          ? [
              <a
                key="a"
                data-testid={`registration-approve-${r.id}`}
                onClick={() =>
                  modal.confirm({
                    title: t('employers.approveConfirm', { username: r.username }),
                    content: r.existingEmployerId
                      ? t('employers.existingLink', { name: r.existingEmployerName })
                      : null,
                    onOk: async () => {
                      try {
                        await approveRegistration(r.id);
                        void message.success(t('employers.approved'));
                        void ref.current?.reload();
                      } catch (e) {
                        reportError(message, e);
                      }
                    },
                  })
                }
              >
                {t('employers.approve')}
              </a>,
              <a key="r" data-testid={`registration-reject-${r.id}`} onClick={() => setRejecting(r)}>
                {t('employers.reject')}
              </a>,
            ]
          : r.organisationId
            ? [
                <Link key="o" to={`/employers/${r.organisationId}`}>
                  {t('employers.open')}
                </Link>,
              ]
            : [],
    },
  ];

  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <Alert type="info" showIcon message={t('employers.queueIntro')} style={{ marginBottom: 16 }} />
      <ProTable<RegistrationSummary>
        rowKey="id"
        actionRef={ref}
        columns={columns}
        search={{ labelWidth: 'auto' }}
        toolBarRender={() => [
          <ExportButton key="x" testId="registrations-export" onExport={() => exportRegistrations(last)} />,
        ]}
        request={async (params) => {
          const filters: Query = {
            status: params.status as string | undefined,
            q: (params.q as string | undefined)?.trim() || undefined,
          };
          setLast(filters);
          const r = await listRegistrations({ ...filters, page: params.current, pageSize: params.pageSize });
          return { data: r.data, total: r.total, success: true };
        }}
        pagination={{ defaultPageSize: 20 }}
        scroll={{ x: 1000 }}
        locale={{ emptyText: t('employers.queueNone') }}
      />
      <Modal
        open={rejecting !== null}
        title={t('employers.rejectTitle')}
        onCancel={() => setRejecting(null)}
        destroyOnHidden
        onOk={async () => {
          const v = (await form.validateFields()) as { opinion: string };
          try {
            await rejectRegistration(rejecting!.id, v.opinion.trim());
            void message.success(t('employers.rejected'));
            setRejecting(null);
            void ref.current?.reload();
          } catch (e) {
            reportError(message, e, form, ['opinion']);
          }
        }}
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="opinion"
            label={t('employers.opinion')}
            rules={[{ required: true, whitespace: true, max: 500 }]}
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="registration-opinion" />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
};
