/**
 * 质控模板 — every version of every QC form: status (草稿 / 已发布 / 已停用), the provisional flag, items and
 * key items, grade lines. The QC centre opens a draft to edit, creates the next version of a form (a
 * copy of its latest) or a new form.
 */
import { PageContainer } from '@ant-design/pro-components';
import { qcTemplateKinds, type QcTemplateKind, type QcTemplateSummary } from '@ohp/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { reportError } from '../../shared/errors';
import { QC_KEY, createTemplate, listTemplates } from './api';

export const TemplateStatusTag = ({ t: tpl }: { t: Pick<QcTemplateSummary, 'status' | 'provisional'> }) => {
  const { t } = useTranslation();
  return (
    <Space size={4}>
      <Tag color={tpl.status === 'published' ? 'green' : tpl.status === 'draft' ? 'blue' : 'default'}>
        {t(`qc.templateStatuses.${tpl.status}`)}
      </Tag>
      {tpl.provisional && <Tag color="orange">{t('qc.provisional')}</Tag>}
    </Space>
  );
};

export const QcTemplatesPage = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: [QC_KEY, 'templates'], queryFn: () => listTemplates() });
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ code: string; kind: QcTemplateKind; nameZh: string }>();
  const manager = can('qc:manage');

  const newVersion = async (code: string) => {
    try {
      const r = await createTemplate({ code });
      message.success(t('qc.newVersionDone', { version: r.version }));
      await qc.invalidateQueries({ queryKey: [QC_KEY] });
      navigate(`/qc/templates/${r.id}`);
    } catch (e) {
      reportError(message, e);
    }
  };

  return (
    <PageContainer
      title={false}
      breadcrumbRender={false}
      extra={
        manager && (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="qc-template-new">
            {t('qc.newTemplate')}
          </Button>
        )
      }
    >
      <Alert type="info" showIcon message={t('qc.templatesIntro')} style={{ marginBottom: 12 }} />
      <Table<QcTemplateSummary>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data ?? []}
        pagination={false}
        columns={[
          { title: t('qc.code'), dataIndex: 'code', width: 170 },
          { title: t('qc.version'), dataIndex: 'version', width: 70, render: (v: number) => `v${v}` },
          {
            title: t('qc.name'),
            dataIndex: 'name',
            render: (_, r) => <Link to={`/qc/templates/${r.id}`}>{r.name}</Link>,
          },
          {
            title: t('qc.kind'),
            dataIndex: 'kind',
            width: 140,
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                {t(`qc.kinds.${r.kind}`)}
                <span style={{ color: '#888', fontSize: 12 }}>{t(`qc.modes.${r.mode}`)}</span>
              </Space>
            ),
          },
          {
            title: t('qc.status'),
            dataIndex: 'status',
            width: 150,
            render: (_, r) => <TemplateStatusTag t={r} />,
          },
          {
            title: t('qc.items'),
            dataIndex: 'items',
            width: 110,
            render: (_, r) => `${r.items} / ${t('qc.keyItems')} ${r.keyItems}`,
          },
          {
            title: t('qc.thresholds'),
            width: 220,
            render: (_, r) => t('qc.thresholdsValue', { pass: r.passPercent, basic: r.basicPercent }),
          },
          {
            title: t('common.actions'),
            width: 150,
            render: (_, r) => (
              <Space>
                <Link to={`/qc/templates/${r.id}`} data-testid={`qc-template-open-${r.id}`}>
                  {r.abilities.edit ? t('qc.edit') : t('qc.view')}
                </Link>
                {r.abilities.newVersion && r.status === 'published' && (
                  <a onClick={() => void newVersion(r.code)} data-testid={`qc-template-version-${r.id}`}>
                    {t('qc.newVersion')}
                  </a>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={creating}
        title={t('qc.newTemplateTitle')}
        onCancel={() => setCreating(false)}
        okText={t('qc.save')}
        cancelText={t('common.cancel')}
        destroyOnHidden
        onOk={async () => {
          const f = await form.validateFields();
          try {
            const r = await createTemplate(f);
            await qc.invalidateQueries({ queryKey: [QC_KEY] });
            setCreating(false);
            navigate(`/qc/templates/${r.id}`);
          } catch (e) {
            reportError(message, e, form, ['code', 'kind', 'nameZh']);
          }
        }}
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="code"
            label={t('qc.code')}
            rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,39}$/ }]}
          >
            <Input placeholder="rehab_nine_jl" />
          </Form.Item>
          <Form.Item name="kind" label={t('qc.kind')} rules={[{ required: true }]}>
            <Select options={qcTemplateKinds.map((k) => ({ value: k, label: t(`qc.kinds.${k}`) }))} />
          </Form.Item>
          <Form.Item name="nameZh" label={t('qc.nameZh')} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
};
