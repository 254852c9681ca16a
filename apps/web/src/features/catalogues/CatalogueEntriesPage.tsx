/** Entries of one catalogue: search, paging, and for regions/industries drill-down through `parent`. */
import { ArrowLeftOutlined, RightOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { App, Breadcrumb, Button, Card, Descriptions, Input, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { errorMessage } from '../../shared/errors';
import { i18n } from '../../shared/i18n';
import { catalogueEntries, hierarchical, mayHaveChildren, type Entry } from './api';
import {
  catalogueEdition,
  catalogueName,
  catalogueProvenance,
  EffectiveTag,
  VerifiedTag,
} from './CataloguesPage';

const FIRST = ['code', 'id', 'date', 'name', 'nameZh', 'nameEn'];
/** Keys the server adds for the interface itself (drill-down), not data to show as a column. */
const HIDDEN = new Set(['hasChildren']);

/** Region levels are words, industry levels numbers 1–4 (门类/大类/中类/小类). */
const levelLabel = (catalogue: string, v: unknown): unknown => {
  if (catalogue === 'regions' && typeof v === 'string')
    return i18n.t(`catalogues.regionLevels.${v}`, { defaultValue: v });
  if (catalogue === 'industries' && typeof v === 'number')
    return i18n.t(`catalogues.industryLevels.l${v}`, { defaultValue: String(v) });
  return v;
};

/** Row kinds (risk-class rows: section/division/item; calendar days: holiday/workday) by name. */
const kindLabel = (v: unknown): unknown =>
  typeof v === 'string' && i18n.exists(`catalogues.kinds.${v}`) ? i18n.t(`catalogues.kinds.${v}`) : v;

const renderValue = (v: unknown, yes: string, no: string) => {
  if (v === null || v === undefined || v === '') return <Typography.Text type="secondary">-</Typography.Text>;
  if (typeof v === 'boolean') return v ? yes : no;
  if (Array.isArray(v))
    return v.length ? v.map(String).join('、') : <Typography.Text type="secondary">-</Typography.Text>;
  if (typeof v === 'object') return <Typography.Text code>{JSON.stringify(v)}</Typography.Text>;
  const s = typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v);
  return /^https?:\/\//.test(s) ? (
    <a href={s} target="_blank" rel="noreferrer noopener">
      {s}
    </a>
  ) : (
    s
  );
};

export const CatalogueEntriesPage = () => {
  const { id = '' } = useParams();
  const { t, i18n: inst } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const tree = hierarchical.has(id);
  const [trail, setTrail] = useState<{ code: string; name: string }[]>([]);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const parent = tree && !q ? (trail[trail.length - 1]?.code ?? '') : undefined;

  const query = useQuery({
    queryKey: ['catalogue', id, parent, q, page, pageSize],
    queryFn: () => catalogueEntries(id, { parent, q: q || undefined, page, pageSize }),
    placeholderData: (prev) => prev,
  });
  useEffect(() => {
    if (query.error) void message.error(errorMessage(query.error));
  }, [query.error, message]);

  const meta = query.data?.meta;
  const rows = useMemo(() => query.data?.data ?? [], [query.data]);

  const drill = (e: Entry) => {
    setTrail((tr) => [...tr, { code: String(e.code), name: String(e.name ?? e.code) }]);
    setQ('');
    setPage(1);
  };

  const columns = useMemo<ColumnsType<Entry>>(() => {
    const keys: string[] = [];
    for (const r of rows.slice(0, 50))
      for (const k of Object.keys(r)) if (!keys.includes(k) && !HIDDEN.has(k)) keys.push(k);
    keys.sort((a, b) => {
      const ia = FIRST.indexOf(a);
      const ib = FIRST.indexOf(b);
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
    });
    const yes = t('common.yes');
    const no = t('common.no');
    const cols: ColumnsType<Entry> = keys.map((k) => ({
      key: k,
      dataIndex: k,
      title: t(`fields.${k}`, { defaultValue: k }),
      ellipsis: k === 'source' || k === 'scopeNote',
      width: k === 'name' || k === 'nameZh' ? 260 : k === 'code' ? 110 : undefined,
      render: (v: unknown, e: Entry) => {
        const shown = k === 'level' ? levelLabel(id, v) : k === 'kind' ? kindLabel(v) : v;
        return tree && k === 'name' && mayHaveChildren(id, e) ? (
          <a onClick={() => drill(e)}>{renderValue(shown, yes, no)}</a>
        ) : (
          renderValue(shown, yes, no)
        );
      },
    }));
    if (tree)
      cols.push({
        key: '_drill',
        title: t('common.actions'),
        width: 100,
        render: (_: unknown, e: Entry) =>
          mayHaveChildren(id, e) ? (
            <a onClick={() => drill(e)} data-testid={`drill-${String(e.code)}`}>
              {t('catalogues.drill')} <RightOutlined />
            </a>
          ) : null,
      });
    return cols;
  }, [rows, tree, id, inst.language]);

  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <Card style={{ marginBottom: 16 }} size="small">
        <Space style={{ marginBottom: 8 }}>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/catalogues')}>
            {t('common.back')}
          </Button>
          <Typography.Title level={5} style={{ margin: 0 }} data-testid="catalogue-title">
            {meta ? catalogueName(meta) : id}
          </Typography.Title>
          {meta ? <VerifiedTag value={meta.verified} /> : null}
          {meta ? <EffectiveTag from={meta.effectiveFrom} to={meta.effectiveTo} /> : null}
        </Space>
        {meta ? (
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('catalogues.edition')}>{catalogueEdition(meta)}</Descriptions.Item>
            <Descriptions.Item label={t('catalogues.effectiveFrom')}>
              {meta.effectiveFrom ?? '-'}
              {meta.effectiveTo ? ` ~ ${meta.effectiveTo}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('catalogues.count')}>{meta.count}</Descriptions.Item>
            <Descriptions.Item label={t('catalogues.provenance')} span={3}>
              <span data-testid="catalogue-provenance">{catalogueProvenance(meta)}</span>
            </Descriptions.Item>
          </Descriptions>
        ) : null}
      </Card>
      <Card size="small">
        <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }} wrap>
          {tree ? (
            <Breadcrumb
              data-testid="catalogue-trail"
              items={[
                {
                  title: (
                    <a
                      onClick={() => {
                        setTrail([]);
                        setPage(1);
                      }}
                    >
                      {t('catalogues.topLevel')}
                    </a>
                  ),
                },
                ...trail.map((tr, i) => ({
                  title:
                    i === trail.length - 1 ? (
                      <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                        {tr.name}
                      </Tag>
                    ) : (
                      <a
                        onClick={() => {
                          setTrail(trail.slice(0, i + 1));
                          setPage(1);
                        }}
                      >
                        {tr.name}
                      </a>
                    ),
                })),
              ]}
            />
          ) : (
            <span />
          )}
          <Input.Search
            allowClear
            placeholder={t('catalogues.searchPlaceholder')}
            style={{ width: 320 }}
            onSearch={(v) => {
              setQ(v.trim());
              setPage(1);
            }}
            data-testid="catalogue-search"
          />
        </Space>
        <Table<Entry>
          size="middle"
          rowKey={(e, i) => JSON.stringify(e.code ?? e.id ?? e.date ?? e.rowNo ?? i)}
          loading={query.isFetching}
          dataSource={rows}
          columns={columns}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize,
            total: query.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => t('common.total', { total: n }),
            onChange: (p, s) => {
              setPage(p);
              setPageSize(s);
            },
          }}
        />
      </Card>
    </PageContainer>
  );
};
