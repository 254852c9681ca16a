/**
 * 查看: an organisation's details (every field, parent and supervising organisation by name, industry
 * name, size) and its 变更记录 from the audit trail (who, when, which field from what to what).
 */
import { auditActionLabel } from '@ohp/contracts';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Grid,
  Skeleton,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shared/errors';
import { fmtDateTime, kindLabel } from '../../shared/format';
import { currentLang } from '../../shared/i18n';
import type { Organisation, OrganisationHistoryEntry } from '../../shared/types';
import { getOrganisation, getOrganisationHistory } from './api';

type Change = OrganisationHistoryEntry['changes'][number];

const dash = <Typography.Text type="secondary">-</Typography.Text>;
const orDash = (v: ReactNode) => (v === null || v === undefined || v === '' ? dash : v);

/** A stored scalar as text (the history's values are strings, numbers, booleans or null). */
const scalar = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);

/** A stored value as people read it: names for codes, labels for enumerations, yes/no for flags. */
export const useFieldText = () => {
  const { t } = useTranslation();
  return (field: string, value: unknown, label: string | null): ReactNode => {
    if (value === null || value === undefined || value === '') return dash;
    const s = scalar(value);
    switch (field) {
      case 'kind':
        return kindLabel(s);
      case 'enterpriseSize':
        return t(`org.sizes.${s}`, { defaultValue: s });
      case 'isPublic':
        return value ? t('common.yes') : t('common.no');
      case 'status':
        return value === 'active' ? t('org.statusActive') : t('org.statusDeleted');
      case 'regionCode':
      case 'industryCode':
        return label ? `${label}（${s}）` : s;
      case 'parentId':
      case 'supervisorId':
        return label ?? `#${s} ${t('org.outOfScope')}`;
      default:
        return s;
    }
  };
};

/** The API field → its label in the forms and the table. */
export const fieldLabelKey: Record<string, string> = {
  name: 'org.name',
  kind: 'org.kind',
  regionCode: 'org.regionName',
  creditCode: 'org.creditCode',
  isPublic: 'org.isPublic',
  parentId: 'org.parent',
  supervisorId: 'org.supervisor',
  industryCode: 'org.industry',
  employees: 'org.employees',
  exposedEmployees: 'org.exposedEmployees',
  revenueWanYuan: 'org.revenue',
  enterpriseSize: 'org.enterpriseSize',
  address: 'org.address',
  contactName: 'org.contactName',
  contactPhone: 'org.contactPhone',
  status: 'org.status',
};

/** Every field of an organisation, in the order of the form. */
export const OrganisationDescriptions = ({
  org,
  only,
  column = 2,
}: {
  org: Organisation;
  /** Show these fields only (by API name), in this order. */
  only?: readonly string[];
  /** Fields a row on a desktop (one on a phone). */
  column?: 1 | 2;
}) => {
  const { t } = useTranslation();
  const text = useFieldText();
  const screens = Grid.useBreakpoint();
  const items: Array<{ key: string; label: string; children: ReactNode; span?: number }> = [
    { key: 'name', label: t('org.name'), children: org.name, span: 2 },
    { key: 'creditCode', label: t('org.creditCode'), children: orDash(org.creditCode) },
    { key: 'kind', label: t('org.kind'), children: kindLabel(org.kind) },
    {
      key: 'regionCode',
      label: t('org.regionName'),
      children: `${org.regionName}（${org.regionCode}）`,
    },
    {
      key: 'level',
      label: t('org.level'),
      children: t(`org.levels.${org.level}`, { defaultValue: org.level }),
    },
    {
      key: 'parentId',
      label: t('org.parent'),
      children: text('parentId', org.parentId, org.parentName ?? null),
    },
    {
      key: 'supervisorId',
      label: t('org.supervisor'),
      children: text('supervisorId', org.supervisorId, org.supervisorName ?? null),
    },
    {
      key: 'industryCode',
      label: t('org.industry'),
      children: text('industryCode', org.industryCode, org.industryName),
      span: 2,
    },
    { key: 'employees', label: t('org.employees'), children: orDash(org.employees) },
    { key: 'exposedEmployees', label: t('org.exposedEmployees'), children: orDash(org.exposedEmployees) },
    { key: 'revenueWanYuan', label: t('org.revenue'), children: orDash(org.revenueWanYuan) },
    {
      key: 'enterpriseSize',
      label: t('org.enterpriseSize'),
      children: text('enterpriseSize', org.enterpriseSize, null),
    },
    { key: 'isPublic', label: t('org.isPublic'), children: text('isPublic', org.isPublic, null) },
    {
      key: 'status',
      label: t('org.status'),
      children:
        org.status === 'active' ? (
          <Tag color="green">{t('org.statusActive')}</Tag>
        ) : (
          <Tag>{t('org.statusDeleted')}</Tag>
        ),
    },
    { key: 'address', label: t('org.address'), children: orDash(org.address), span: 2 },
    { key: 'contactName', label: t('org.contactName'), children: orDash(org.contactName) },
    { key: 'contactPhone', label: t('org.contactPhone'), children: orDash(org.contactPhone) },
    { key: 'createdAt', label: t('common.createdAt'), children: fmtDateTime(org.createdAt) },
    { key: 'updatedAt', label: t('org.updatedAt'), children: fmtDateTime(org.updatedAt) },
  ];
  const shown = only ? only.flatMap((k) => items.filter((i) => i.key === k)) : items;
  const columns = screens.sm === false ? 1 : column;
  return (
    <Descriptions
      bordered
      size="small"
      column={columns}
      styles={{ label: { width: screens.sm === false ? 96 : 136, whiteSpace: 'nowrap' } }}
      items={shown.map((i) => ({ ...i, span: Math.min(i.span ?? 1, columns) }))}
    />
  );
};

const ChangeTable = ({ changes }: { changes: Change[] }) => {
  const { t } = useTranslation();
  const text = useFieldText();
  if (!changes.length) return <Typography.Text type="secondary">{t('org.historyNoFields')}</Typography.Text>;
  return (
    <Table<Change>
      size="small"
      pagination={false}
      rowKey="field"
      tableLayout="fixed"
      dataSource={changes}
      style={{ marginTop: 6 }}
      columns={[
        {
          title: t('org.historyField'),
          dataIndex: 'field',
          width: 120,
          render: (f: string) => (fieldLabelKey[f] ? t(fieldLabelKey[f]) : f),
        },
        {
          title: t('org.historyBefore'),
          render: (_, c) => text(c.field, c.before, c.beforeLabel),
        },
        {
          title: t('org.historyAfter'),
          render: (_, c) => text(c.field, c.after, c.afterLabel),
        },
      ]}
    />
  );
};

const PAGE = 10;

/** 变更记录: the newest entries first, more on request. */
export const OrganisationHistory = ({ id }: { id: number }) => {
  const { t } = useTranslation();
  const [pages, setPages] = useState(1);
  const q = useQuery({
    queryKey: ['organisation-history', id, pages],
    queryFn: () => getOrganisationHistory(id, { page: 1, pageSize: PAGE * pages }),
    placeholderData: (prev) => prev,
  });
  if (q.isError) return <Alert type="error" showIcon message={errorMessage(q.error)} />;
  if (!q.data) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (!q.data.data.length)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.historyEmpty')} />;
  const lang = currentLang();
  return (
    <div data-testid="org-history">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('org.historyMasked')}
      </Typography.Paragraph>
      <Timeline
        items={q.data.data.map((e) => ({
          key: e.id,
          children: (
            <div>
              <Space wrap size={[8, 0]}>
                <Typography.Text strong>{auditActionLabel(e.action, lang)}</Typography.Text>
                <Typography.Text type="secondary">{fmtDateTime(e.at)}</Typography.Text>
                <Typography.Text type="secondary">
                  {t('org.historyBy')}: {e.actorUsername ?? '-'}
                </Typography.Text>
              </Space>
              <ChangeTable changes={e.changes} />
            </div>
          ),
        }))}
      />
      {q.data.total > q.data.data.length ? (
        <Button size="small" loading={q.isFetching} onClick={() => setPages((p) => p + 1)}>
          {t('org.historyMore')}
        </Button>
      ) : null}
    </div>
  );
};

/** The 查看 drawer of the organisation list. */
export const OrganisationDetail = ({ id, onClose }: { id: number | null; onClose: () => void }) => {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const q = useQuery({
    queryKey: ['organisation', id],
    queryFn: () => getOrganisation(id!),
    enabled: id !== null,
  });
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      title={q.data?.name ?? t('org.detailTitle')}
      width={screens.md === false ? '100%' : 760}
      destroyOnHidden
      data-testid="org-detail"
    >
      {q.isError ? (
        <Alert type="error" showIcon message={errorMessage(q.error)} />
      ) : q.data ? (
        <>
          <OrganisationDescriptions org={q.data} />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('org.history')}
          </Typography.Title>
          <OrganisationHistory id={q.data.id} />
        </>
      ) : (
        <Skeleton active />
      )}
    </Drawer>
  );
};
