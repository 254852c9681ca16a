/** 审计日志 — search the trail, expand a row for before/after, verify the hash chain. */
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Col, Row, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { api, type PageResult } from '../../shared/api';
import { reportError } from '../../shared/errors';
import { fmtDateTime } from '../../shared/format';
import type { AuditEntry, AuditVerify } from '../../shared/types';

type Filters = {
  action?: string;
  entityType?: string;
  entityId?: string;
  actorUsername?: string;
  at?: [string, string];
};

const Json = ({ value, none }: { value: unknown; none: string }) =>
  value === null || value === undefined ? (
    <Typography.Text type="secondary">{none}</Typography.Text>
  ) : (
    <pre className="ohp-json">{JSON.stringify(value, null, 2)}</pre>
  );

export const AuditPage = () => {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const [verifying, setVerifying] = useState(false);

  const verify = async () => {
    setVerifying(true);
    try {
      const r = await api.post<AuditVerify>('/audit/verify');
      const text = r.ok
        ? t('audit.verifyOk', { checked: r.checked })
        : t('audit.verifyBroken', { checked: r.checked, id: r.firstBrokenId ?? '?' });
      (r.ok ? modal.success : modal.error)({
        title: t('audit.verifyTitle'),
        content: <span data-testid="audit-verify-result">{text}</span>,
      });
    } catch (e) {
      reportError(message, e);
    } finally {
      setVerifying(false);
    }
  };

  const columns: ProColumns<AuditEntry>[] = [
    { title: t('audit.id'), dataIndex: 'id', width: 80, search: false },
    { title: t('audit.at'), dataIndex: 'at', width: 170, search: false, render: (_, r) => fmtDateTime(r.at) },
    { title: t('audit.dateRange'), dataIndex: 'at', valueType: 'dateRange', hideInTable: true },
    { title: t('audit.actor'), dataIndex: 'actorUsername', width: 140 },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 210,
      render: (_, r) => (
        <span title={r.action}>
          {t(`audit.actions.${r.action.replace(/\./g, '_')}`, { defaultValue: r.action })}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.action}
          </Typography.Text>
        </span>
      ),
    },
    { title: t('audit.entityType'), dataIndex: 'entityType', width: 130 },
    { title: t('audit.entityId'), dataIndex: 'entityId', width: 100 },
    { title: t('audit.ip'), dataIndex: 'ip', width: 130, search: false },
    {
      title: t('audit.hash'),
      dataIndex: 'hash',
      search: false,
      ellipsis: true,
      render: (_, r) => (
        <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
          {r.hash.slice(0, 16)}…
        </Typography.Text>
      ),
    },
  ];

  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <ProTable<AuditEntry, Filters>
        key={i18n.language}
        rowKey="id"
        headerTitle={t('audit.title')}
        columns={columns}
        scroll={{ x: 1100 }}
        search={{ labelWidth: 'auto', defaultCollapsed: false }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        expandable={{
          expandedRowRender: (r) => (
            <Row gutter={16}>
              <Col span={12}>
                <Typography.Text strong>{t('audit.before')}</Typography.Text>
                <Json value={r.before} none={t('audit.none')} />
              </Col>
              <Col span={12}>
                <Typography.Text strong>{t('audit.after')}</Typography.Text>
                <Json value={r.after} none={t('audit.none')} />
              </Col>
              <Col span={24} style={{ marginTop: 8 }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('audit.requestId')}: {r.requestId ?? '-'} · {t('audit.hash')}: {r.hash}
                </Typography.Text>
              </Col>
            </Row>
          ),
        }}
        request={async (p) => {
          try {
            const res = await api.get<PageResult<AuditEntry>>('/audit', {
              action: p.action,
              entityType: p.entityType,
              entityId: p.entityId,
              actor: p.actorUsername,
              from: p.at?.[0]?.slice(0, 10),
              to: p.at?.[1]?.slice(0, 10),
              page: p.current ?? 1,
              pageSize: p.pageSize ?? 20,
            });
            return { data: res.data, total: res.total, success: true };
          } catch (e) {
            reportError(message, e);
            return { data: [], total: 0, success: false };
          }
        }}
        toolBarRender={() => [
          can('audit:verify') ? (
            <Button
              key="verify"
              type="primary"
              icon={<SafetyCertificateOutlined />}
              loading={verifying}
              onClick={() => void verify()}
              data-testid="audit-verify"
            >
              {t('audit.verify')}
            </Button>
          ) : null,
        ]}
      />
    </PageContainer>
  );
};
