/**
 * 审计日志 — search the trail by action and object type (dropdowns with their names, from the audit
 * catalogue in @ohp/contracts), actor (a picker) and date; expand a row for before/after; export the
 * filtered trail (the file records the filter); verify the hash chain.
 */
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import {
  auditActionGroupLabel,
  auditActionLabel,
  auditActions,
  auditEntityTypeLabel,
  auditEntityTypes,
} from '@ohp/contracts';
import { App, Button, Col, Row, Select, Tooltip, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { api, type PageResult, type Query } from '../../shared/api';
import { reportError } from '../../shared/errors';
import { fmtDateTime } from '../../shared/format';
import { currentLang } from '../../shared/i18n';
import { useListTotal } from '../../shared/ListTotal';
import type { AuditEntry, AuditVerify } from '../../shared/types';
import { ActorPicker } from './ActorPicker';
import { cutCell } from '../../shared/Ellipsis';

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

/** The action dropdown: actions grouped by what they act on, searchable by name or code. */
const actionOptions = (lang: string) => {
  const groups = new Map<string, Array<{ value: string; label: string }>>();
  for (const a of auditActions) {
    const g = auditActionGroupLabel(a, lang);
    groups.set(g, [...(groups.get(g) ?? []), { value: a, label: auditActionLabel(a, lang) }]);
  }
  return [...groups].map(([label, options]) => ({ label, options }));
};

export const AuditPage = () => {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const [verifying, setVerifying] = useState(false);
  const [exporting, setExporting] = useState(false);
  const filters = useRef<Query>({});
  const action = useRef<ActionType>();
  const listTotal = useListTotal(action);
  const lang = currentLang();
  const actionOpts = useMemo(() => actionOptions(lang), [lang]);
  const entityOpts = useMemo(
    () => auditEntityTypes.map((e) => ({ value: e, label: auditEntityTypeLabel(e, lang) })),
    [lang],
  );

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

  const exportFiltered = async () => {
    setExporting(true);
    try {
      await api.download('/audit/export', filters.current, t('files.auditExport'));
      void message.success(t('common.exportStarted'));
    } catch (e) {
      reportError(message, e);
    } finally {
      setExporting(false);
    }
  };

  const columns: ProColumns<AuditEntry>[] = [
    // Time and action first: on a phone they are what fits beside the expand button.
    { title: t('audit.at'), dataIndex: 'at', width: 170, search: false, render: (_, r) => fmtDateTime(r.at) },
    { title: t('audit.dateRange'), dataIndex: 'at', valueType: 'dateRange', hideInTable: true },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 170,
      // A plain Select (not ProTable's search select): grouped options, found by name or by code.
      renderFormItem: () => (
        <Select
          showSearch
          allowClear
          options={actionOpts}
          filterOption={(input, o) => {
            const opt = o as { label?: string; value?: string } | undefined;
            return `${opt?.label ?? ''} ${opt?.value ?? ''}`.toLowerCase().includes(input.toLowerCase());
          }}
          placeholder={t('audit.actionPlaceholder')}
          popupMatchSelectWidth={false}
          data-testid="audit-filter-action"
        />
      ),
      render: (_, r) => (
        <Tooltip title={r.action}>
          <span data-action={r.action}>{auditActionLabel(r.action, lang)}</span>
        </Tooltip>
      ),
    },
    {
      title: t('audit.actor'),
      dataIndex: 'actorUsername',
      width: 150,
      renderFormItem: () => <ActorPicker />,
    },
    {
      title: t('audit.entityType'),
      dataIndex: 'entityType',
      width: 110,
      valueType: 'select',
      fieldProps: {
        options: entityOpts,
        placeholder: t('audit.entityTypePlaceholder'),
        'data-testid': 'audit-filter-entity',
      },
      render: (_, r) => (r.entityType ? auditEntityTypeLabel(r.entityType, lang) : '-'),
    },
    { title: t('audit.entityId'), dataIndex: 'entityId', width: 100 },
    { title: t('audit.ip'), dataIndex: 'ip', width: 130, search: false },
    { title: t('audit.id'), dataIndex: 'id', width: 80, search: false },
    {
      title: t('audit.hash'),
      dataIndex: 'hash',
      search: false,
      ...cutCell('hash'),
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
        actionRef={action}
        headerTitle={t('audit.title')}
        columns={columns}
        scroll={{ x: 1100 }}
        search={{ labelWidth: 'auto', defaultCollapsed: false }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: listTotal.showTotal }}
        expandable={{
          expandedRowRender: (r) => (
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Typography.Text strong>{t('audit.before')}</Typography.Text>
                <Json value={r.before} none={t('audit.none')} />
              </Col>
              <Col xs={24} md={12}>
                <Typography.Text strong>{t('audit.after')}</Typography.Text>
                <Json value={r.after} none={t('audit.none')} />
              </Col>
              <Col span={24} style={{ marginTop: 8 }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('audit.action')}: {r.action} · {t('audit.requestId')}: {r.requestId ?? '-'} ·{' '}
                  {t('audit.hash')}: {r.hash}
                </Typography.Text>
              </Col>
            </Row>
          ),
        }}
        request={async (p) => {
          const q: Query = {
            action: p.action,
            entityType: p.entityType,
            entityId: p.entityId?.trim(),
            actor: p.actorUsername,
            from: p.at?.[0]?.slice(0, 10),
            to: p.at?.[1]?.slice(0, 10),
          };
          filters.current = q;
          try {
            const res = await api.get<PageResult<AuditEntry>>('/audit', {
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
            title={t('audit.exportHint')}
            data-testid="audit-export"
          >
            {t('audit.export')}
          </Button>,
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
