/**
 * Read-only pieces of a filing shared by the institution's page and the commission's review: the
 * status tags, the content step by step, the attachments, the review history with opinions, the diff
 * of a change against the filed version, and the commission's clock.
 */
import { filingCategoryLabels, type FilingContent, type FilingDetail } from '@ohp/contracts';
import type { ReactNode } from 'react';
import { Descriptions, Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fmtDate } from '../../shared/format';
import { CATALOGUE, useCodeNames } from '../exam-cards/api';
import { attachmentUrl, keyed, STATUS_COLOURS } from './api';

export const StatusTags = ({
  f,
}: {
  f: Pick<FilingDetail, 'status' | 'changeStatus'> & { imported?: boolean };
}) => {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <Tag color={STATUS_COLOURS[f.status]} data-testid="filing-status">
        {t(`filings.statuses.${f.status}`)}
      </Tag>
      {f.changeStatus && <Tag color="purple">{t(`filings.changeStatuses.${f.changeStatus}`)}</Tag>}
      {f.imported && (
        <Tooltip title={t('filings.importedHint')}>
          <Tag color="gold" data-testid="filing-imported">
            {t('filings.imported')}
          </Tag>
        </Tooltip>
      )}
    </Space>
  );
};

export const DueTag = ({ dueOn, overdueDays }: { dueOn: string | null; overdueDays: number }) => {
  const { t } = useTranslation();
  if (!dueOn) return null;
  return (
    <Tooltip title={t('filings.uncertainClock')}>
      <Tag color={overdueDays > 0 ? 'red' : 'blue'}>
        {dueOn}
        {overdueDays > 0 ? ` · ${t('filings.overdue', { n: overdueDays })}` : ''}
      </Tag>
    </Tooltip>
  );
};

const yesNo = (v: boolean | undefined, t: (k: string) => string) => (v ? t('filings.yes') : t('filings.no'));

export const ContentView = ({ content }: { content: FilingContent }) => {
  const { t, i18n } = useTranslation();
  const hazards = useCodeNames(CATALOGUE.hazardFactors);
  const en = i18n.language === 'en';
  const inst = content.institution;
  const area = (content.venues ?? []).reduce((s, v) => s + v.areaM2, 0);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions size="small" bordered column={2} title={t('filings.steps.institution')}>
        {(
          [
            'name',
            'creditCode',
            'legalRepresentative',
            'address',
            'contactName',
            'contactPhone',
            'practiceLicenceNo',
            'radiationLicenceNo',
          ] as const
        ).map((k) => (
          <Descriptions.Item key={k} label={t(`filings.fields.${k}`)}>
            {inst?.[k] ?? '—'}
          </Descriptions.Item>
        ))}
        <Descriptions.Item label={t('filings.fields.isPublic')}>{yesNo(inst?.isPublic, t)}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>{t('filings.steps.personnel')}</Typography.Title>
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={keyed(content.personnel ?? [])}
        columns={[
          { title: t('filings.fields.personName'), dataIndex: 'name' },
          {
            title: t('filings.fields.role'),
            dataIndex: 'role',
            render: (v: string) => t(`filings.roles.${v}`),
          },
          { title: t('filings.fields.title'), dataIndex: 'title' },
          { title: t('filings.fields.qualificationNo'), dataIndex: 'qualificationNo' },
          { title: t('filings.fields.trainingCertificateNo'), dataIndex: 'trainingCertificateNo' },
        ]}
      />
      <Typography.Title level={5}>{t('filings.equipmentList')}</Typography.Title>
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={keyed(content.equipment ?? [])}
        columns={[
          { title: t('filings.fields.equipmentName'), dataIndex: 'name' },
          { title: t('filings.fields.model'), dataIndex: 'model' },
          { title: t('filings.fields.quantity'), dataIndex: 'quantity', width: 80 },
          { title: t('filings.fields.calibrationDue'), dataIndex: 'calibrationDue', width: 150 },
          {
            title: t('filings.fields.radiation'),
            dataIndex: 'radiation',
            width: 100,
            render: (v: boolean) => (v ? <Tag color="orange">{t('filings.yes')}</Tag> : t('filings.no')),
          },
        ]}
      />
      <Typography.Title level={5}>{t('filings.vehicles')}</Typography.Title>
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={keyed(content.vehicles ?? [])}
        columns={[
          { title: t('filings.fields.plateNo'), dataIndex: 'plateNo' },
          { title: t('filings.fields.purpose'), dataIndex: 'purpose' },
          { title: t('filings.fields.vehicleEquipment'), dataIndex: 'equipment' },
        ]}
      />
      <Typography.Title level={5}>
        {t('filings.steps.venues')}{' '}
        <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }}>
          {t('filings.fields.totalArea', { n: area })}
        </Typography.Text>
      </Typography.Title>
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={keyed(content.venues ?? [])}
        columns={[
          { title: t('filings.fields.venueName'), dataIndex: 'name' },
          { title: t('filings.fields.address'), dataIndex: 'address' },
          { title: t('filings.fields.areaM2'), dataIndex: 'areaM2', width: 110 },
          { title: t('filings.fields.purpose'), dataIndex: 'purpose' },
        ]}
      />
      <Descriptions size="small" bordered column={1} title={t('filings.steps.categories')}>
        {(content.categories ?? [])
          .filter((c) => c.hazardCodes.length)
          .map((c) => (
            <Descriptions.Item key={c.category} label={filingCategoryLabels[c.category][en ? 'en' : 'zh']}>
              <Space size={[4, 4]} wrap>
                {c.hazardCodes.map((code) => (
                  <Tag key={code}>
                    {code} {hazards.name(code)}
                  </Tag>
                ))}
              </Space>
            </Descriptions.Item>
          ))}
      </Descriptions>
    </Space>
  );
};

export const AttachmentsView = ({ f, extra }: { f: FilingDetail; extra?: (id: number) => ReactNode }) => {
  const { t } = useTranslation();
  return (
    <Table
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={f.attachments}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
      columns={[
        {
          title: t('filings.fields.attachmentKind'),
          dataIndex: 'kind',
          render: (v: string) => t(`filings.attachmentKinds.${v}`),
        },
        {
          title: t('filings.fields.fileName'),
          dataIndex: 'fileName',
          render: (v: string, r) => (
            <a href={attachmentUrl(f.id, r.id)} target="_blank" rel="noreferrer">
              {v}
            </a>
          ),
        },
        {
          title: t('filings.fields.size'),
          dataIndex: 'sizeBytes',
          width: 100,
          render: (v: number) => `${Math.ceil(v / 1024)} KB`,
        },
        {
          title: t('filings.fields.uploadedAt'),
          dataIndex: 'uploadedAt',
          width: 120,
          render: (v: string) => fmtDate(v),
        },
        ...(extra
          ? [{ title: '', key: 'x', width: 80, render: (_: unknown, r: { id: number }) => extra(r.id) }]
          : []),
      ]}
    />
  );
};

export const HistoryView = ({ f }: { f: FilingDetail }) => {
  const { t } = useTranslation();
  return (
    <div data-testid="filing-history">
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={f.reviews}
        columns={[
          {
            title: t('filings.versions'),
            dataIndex: 'versionNo',
            width: 120,
            render: (v: number, r) =>
              `${t('filings.versionNo', { n: v })} · ${t(`filings.purposes.${r.purpose}`)}`,
          },
          {
            title: t('filings.submittedAt'),
            dataIndex: 'submittedAt',
            width: 110,
            render: (v: string) => fmtDate(v),
          },
          {
            title: t('filings.submittedBy'),
            dataIndex: 'submittedBy',
            width: 120,
            render: (v: string | null) => v ?? '—',
          },
          {
            title: t('filings.decision'),
            dataIndex: 'decision',
            width: 100,
            render: (v: string | null) => (
              <Tag color={v === 'filed' ? 'success' : v === 'returned' ? 'warning' : 'processing'}>
                {t(`filings.decisions.${v ?? 'pending'}`)}
              </Tag>
            ),
          },
          { title: t('filings.opinion'), dataIndex: 'opinion', render: (v: string | null) => v ?? '' },
          {
            title: t('filings.decidedBy'),
            dataIndex: 'decidedBy',
            width: 120,
            render: (v: string | null, r) => (v ? `${v} ${fmtDate(r.decidedAt)}` : ''),
          },
        ]}
      />
    </div>
  );
};

export const DiffView = ({ f }: { f: FilingDetail }) => {
  const { t } = useTranslation();
  if (!f.diff.length) return null;
  return (
    <Table
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={keyed(f.diff)}
      title={() => <Typography.Text strong>{t('filings.diff')}</Typography.Text>}
      columns={[
        {
          title: t('filings.diffStep'),
          dataIndex: 'step',
          width: 140,
          render: (v: string) => t(`filings.steps.${v === 'vehicles' ? 'equipment' : v}`),
        },
        {
          title: t('filings.before'),
          dataIndex: 'before',
          render: (v: string | null) => (v ? <Typography.Text delete>{v}</Typography.Text> : ''),
        },
        {
          title: t('filings.after'),
          dataIndex: 'after',
          render: (v: string | null) => (v ? <Typography.Text mark>{v}</Typography.Text> : ''),
        },
      ]}
    />
  );
};
