/** 数据字典 — the national catalogues with edition, effective dates, source and verification. */
import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { currentLang } from '../../shared/i18n';
import type { CatalogueMeta } from '../../shared/types';
import { listCatalogues } from './api';
import { cutCell } from '../../shared/Ellipsis';

const verifiedColor: Record<string, string> = {
  yes: 'green',
  verified: 'green',
  partial: 'gold',
  unverified: 'red',
  no: 'red',
};

export const EffectiveTag = ({ from, to }: { from: string | null; to: string | null }) => {
  const { t } = useTranslation();
  const today = dayjs().format('YYYY-MM-DD');
  if (to && to < today) return <Tag>{t('catalogues.expired')}</Tag>;
  if (from && from > today) return <Tag color="orange">{t('catalogues.notYet')}</Tag>;
  return <Tag color="green">{t('catalogues.inForce')}</Tag>;
};

export const VerifiedTag = ({ value }: { value: string }) => {
  const { t } = useTranslation();
  return (
    <Tag color={verifiedColor[value] ?? 'default'}>
      {t(`catalogues.verifiedStates.${value}`, { defaultValue: value })}
    </Tag>
  );
};

export const catalogueName = (c: CatalogueMeta) => (currentLang() === 'en' ? c.nameEn : c.nameZh);
export const catalogueEdition = (c: CatalogueMeta) => (currentLang() === 'en' ? c.editionEn : c.editionZh);
/** Where the catalogue comes from, as a sentence (the working notes stay in docs/DATA-SOURCES.md). */
export const catalogueProvenance = (c: CatalogueMeta) =>
  currentLang() === 'en' ? c.provenanceEn : c.provenanceZh;

export const CataloguesPage = () => {
  const { t, i18n } = useTranslation();
  const columns: ProColumns<CatalogueMeta>[] = [
    {
      title: t('catalogues.name'),
      dataIndex: 'nameZh',
      width: 230,
      render: (_, c) => (
        <Link to={`/catalogues/${c.id}`} data-testid={`catalogue-${c.id}`}>
          {catalogueName(c)}
        </Link>
      ),
    },
    {
      title: t('catalogues.edition'),
      dataIndex: 'editionZh',
      ...cutCell('editionZh'),
      width: 200,
      render: (_, c) => catalogueEdition(c),
    },
    {
      title: t('catalogues.effectiveFrom'),
      dataIndex: 'effectiveFrom',
      width: 180,
      render: (_, c) => (
        <span>
          {c.effectiveFrom ?? '-'}
          {c.effectiveTo ? ` ~ ${c.effectiveTo}` : ''}{' '}
          <EffectiveTag from={c.effectiveFrom} to={c.effectiveTo} />
        </span>
      ),
    },
    {
      title: t('catalogues.provenance'),
      dataIndex: 'provenanceZh',
      width: 380,
      ellipsis: { showTitle: false },
      render: (_, c) => (
        <Tooltip title={catalogueProvenance(c)} placement="topLeft">
          <span>{catalogueProvenance(c)}</span>
        </Tooltip>
      ),
    },
    {
      title: t('catalogues.verified'),
      dataIndex: 'verified',
      width: 100,
      render: (_, c) => <VerifiedTag value={c.verified} />,
    },
    { title: t('catalogues.count'), dataIndex: 'count', width: 80, align: 'right' },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: 100,
      render: (_, c) => [
        <Link key="view" to={`/catalogues/${c.id}`}>
          {t('catalogues.view')}
        </Link>,
      ],
    },
  ];
  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <ProTable<CatalogueMeta>
        key={i18n.language}
        rowKey="id"
        headerTitle={t('catalogues.title')}
        search={false}
        columns={columns}
        pagination={false}
        scroll={{ x: 1320 }}
        expandable={{
          expandedRowRender: (c) => (
            <Typography.Paragraph style={{ margin: 0 }}>
              <Typography.Text strong>{t('catalogues.provenance')}</Typography.Text>
              <br />
              {catalogueProvenance(c)}
            </Typography.Paragraph>
          ),
        }}
        request={async () => {
          const res = await listCatalogues();
          return { data: res.data, success: true, total: res.data.length };
        }}
      />
    </PageContainer>
  );
};
