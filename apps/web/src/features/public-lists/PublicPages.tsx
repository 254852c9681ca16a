/**
 * 信息公开 — the public pages (no login, outside the shell, readable on a phone): /public lists the four
 * lists of each province with the date of their latest publication; /public/:kind shows one list
 * (?province=, ?publication= for an earlier one, ?q= to search, ?page=) as cards, with its publication
 * date, publisher, note, legal basis and footnote. zh-CN first with the language switch.
 */
import { FileSearchOutlined, NotificationOutlined } from '@ant-design/icons';
import { publicListKinds, type PublicListEntry, type PublicListKind } from '@ohp/contracts';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Input,
  Pagination,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { LanguageSwitch } from '../../app/layout';
import { ApiError } from '../../shared/api';
import { KIND_COLOURS, getPublicIndex, getPublicList, kindBasis, kindFootnote, kindText } from './api';

const PAGE_SIZE = 20;

const PublicShell = ({ children }: { children: ReactNode }) => {
  const { t } = useTranslation();
  return (
    <div style={{ minHeight: '100vh', background: '#f0f2f5', padding: '16px 12px 32px' }}>
      <div style={{ maxWidth: 960, margin: '0 auto' }}>
        <div
          style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', marginBottom: 12 }}
        >
          <Link to="/public">
            <Space>
              <NotificationOutlined style={{ fontSize: 20, color: '#1677ff' }} />
              <Typography.Text strong style={{ fontSize: 16 }}>
                {t('app.title')}
              </Typography.Text>
            </Space>
          </Link>
          <LanguageSwitch />
        </div>
        {children}
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Space direction="vertical" size={4}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('publicLists.privacy')}
            </Typography.Text>
            <Link to="/login">{t('publicLists.toLogin')}</Link>
          </Space>
        </div>
      </div>
    </div>
  );
};

const Loading = () => (
  <div style={{ textAlign: 'center', padding: 48 }}>
    <Spin />
  </div>
);

/** /public: per province, the four lists with the date of their latest publication. */
export const PublicIndexPage = () => {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = useQuery({ queryKey: ['public-lists', 'index'], queryFn: () => getPublicIndex(), retry: false });
  const provinces = q.data?.provinces ?? [];
  const chosen = provinces.find((p) => p.code === params.get('province')) ?? provinces[0];
  return (
    <PublicShell>
      <Card
        title={<span data-testid="public-heading">{t('publicLists.publicTitle')}</span>}
        extra={
          provinces.length > 1 && chosen ? (
            <Select
              size="small"
              value={chosen.code}
              options={provinces.map((p) => ({ value: p.code, label: p.name }))}
              onChange={(v) => setParams({ province: v })}
              style={{ minWidth: 120 }}
              aria-label={t('publicLists.province')}
            />
          ) : chosen ? (
            <Tag color="blue">{chosen.name}</Tag>
          ) : null
        }
      >
        <Typography.Paragraph type="secondary">{t('publicLists.publicIntro')}</Typography.Paragraph>
        {q.isLoading ? (
          <Loading />
        ) : q.error ? (
          <Result status="error" title={t('publicLists.loadFailed')} />
        ) : !chosen ? (
          <Empty description={t('publicLists.noProvinces')} />
        ) : (
          <Row gutter={[12, 12]}>
            {chosen.lists.map((l) => (
              <Col xs={24} md={12} key={l.kind}>
                <Card
                  size="small"
                  data-testid={`public-kind-${l.kind}`}
                  style={{ borderTop: `3px solid ${KIND_COLOURS[l.kind]}`, height: '100%' }}
                  title={<span style={{ whiteSpace: 'normal' }}>{kindText(l.kind, 'title')}</span>}
                >
                  <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                    {kindText(l.kind, 'description')}
                  </Typography.Paragraph>
                  {l.latest ? (
                    <Space direction="vertical" size={8} style={{ width: '100%' }}>
                      <Space wrap>
                        <Tag color="blue" data-testid={`public-date-${l.kind}`}>
                          {t('publicLists.publishedOn')} {l.latest.publishedOn}
                        </Tag>
                        <Tag>{t('publicLists.total', { n: l.latest.rowCount })}</Tag>
                        {l.earlier > 0 && <Tag>{t('publicLists.earlier', { n: l.earlier })}</Tag>}
                      </Space>
                      <Link
                        to={`/public/${l.kind}?province=${chosen.code}`}
                        data-testid={`public-open-${l.kind}`}
                      >
                        <Button type="primary" block icon={<FileSearchOutlined />}>
                          {t('publicLists.open')}
                        </Button>
                      </Link>
                    </Space>
                  ) : (
                    <Tag>{t('publicLists.noneYet')}</Tag>
                  )}
                </Card>
              </Col>
            ))}
          </Row>
        )}
      </Card>
    </PublicShell>
  );
};

const Field = ({ label, children }: { label: string; children: ReactNode }) => (
  <div style={{ display: 'flex', gap: 8, fontSize: 14, lineHeight: 1.7 }}>
    <Typography.Text type="secondary" style={{ flex: '0 0 auto', minWidth: 72, maxWidth: '38%' }}>
      {label}
    </Typography.Text>
    <div style={{ flex: 1, minWidth: 0, wordBreak: 'break-word' }}>{children}</div>
  </div>
);

/** One row of a list as a card: name, region, then the kind's own columns. */
export const EntryCard = ({ kind, e, n }: { kind: PublicListKind; e: PublicListEntry; n: number }) => {
  const { t } = useTranslation();
  return (
    <Card size="small" data-testid="public-entry">
      <Typography.Text strong style={{ fontSize: 15 }}>
        {n}. {e.institutionName}
      </Typography.Text>
      <div style={{ marginTop: 6 }}>
        <Field label={t('publicLists.region')}>{e.regionName}</Field>
        {e.reference && <Field label={kindText(kind, 'reference')}>{e.reference}</Field>}
        {e.items.length > 0 && (
          <Field label={kindText(kind, 'items')}>
            {e.items.map((i, k) => (
              <div key={k}>{i}</div>
            ))}
          </Field>
        )}
        {e.detail && <Field label={kindText(kind, 'detail')}>{e.detail}</Field>}
        {e.since && <Field label={kindText(kind, 'since')}>{e.since}</Field>}
      </div>
    </Card>
  );
};

/** /public/:kind — one list of a province, searchable, one page at a time. */
export const PublicListPage = () => {
  const { t } = useTranslation();
  const { kind: kindParam } = useParams();
  const [params, setParams] = useSearchParams();
  const kind = publicListKinds.find((k) => k === kindParam);
  const index = useQuery({
    queryKey: ['public-lists', 'index'],
    queryFn: () => getPublicIndex(),
    retry: false,
    enabled: !params.get('province'),
  });
  const province = params.get('province') ?? index.data?.provinces[0]?.code ?? null;
  const publication = params.get('publication');
  const search = params.get('q') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    if (province) next.set('province', province);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  };
  const q = useQuery({
    queryKey: ['public-lists', 'list', province, kind, publication, search, page],
    queryFn: () =>
      getPublicList(province!, kind!, {
        publication: publication ?? undefined,
        q: search || undefined,
        page,
        pageSize: PAGE_SIZE,
      }),
    enabled: Boolean(province && kind),
    retry: false,
    placeholderData: (prev) => prev,
  });
  const notFound =
    !kind ||
    (index.data && !province) ||
    (q.error instanceof ApiError && [400, 404].includes(q.error.status));
  const d = q.data;
  return (
    <PublicShell>
      <div style={{ marginBottom: 8 }}>
        <Link to={province ? `/public?province=${province}` : '/public'}>← {t('publicLists.back')}</Link>
      </div>
      {notFound ? (
        <Card>
          <Result
            status="404"
            title={<span data-testid="public-not-published">{t('publicLists.notPublished')}</span>}
            subTitle={t('publicLists.notPublishedSub')}
          />
        </Card>
      ) : !d ? (
        q.error ? (
          <Result status="error" title={t('publicLists.loadFailed')} />
        ) : (
          <Loading />
        )
      ) : (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Card
            style={{ borderTop: `3px solid ${KIND_COLOURS[d.kind]}` }}
            title={
              <span style={{ whiteSpace: 'normal' }} data-testid="public-list-title">
                {d.provinceName} · {kindText(d.kind, 'title')}
              </span>
            }
          >
            <Space direction="vertical" size={8} style={{ width: '100%' }}>
              <Space wrap>
                <Tag
                  color="blue"
                  style={{ fontSize: 14, padding: '2px 8px' }}
                  data-testid="public-published-on"
                >
                  {t('publicLists.publishedOn')} {d.publication.publishedOn}
                </Tag>
                {d.history[0]?.id === d.publication.id && (
                  <Tag color="green">{t('publicLists.latestTag')}</Tag>
                )}
                <Typography.Text type="secondary">
                  {t('publicLists.publishedBy2', { name: d.publication.publisherName })}
                </Typography.Text>
              </Space>
              {d.publication.note && (
                <Typography.Paragraph style={{ marginBottom: 0 }} data-testid="public-note">
                  {d.publication.note}
                </Typography.Paragraph>
              )}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('publicLists.basis')}：{kindBasis(d.kind)}
              </Typography.Text>
              {d.history.length > 1 && (
                <Space wrap>
                  <Typography.Text type="secondary">{t('publicLists.issue')}</Typography.Text>
                  <Select
                    size="small"
                    value={d.publication.id}
                    data-testid="public-history"
                    style={{ minWidth: 180 }}
                    options={d.history.map((h, i) => ({
                      value: h.id,
                      label: `${t('publicLists.publicationOf', { date: h.publishedOn })}${i === 0 ? ` · ${t('publicLists.latestTag')}` : ''}`,
                    }))}
                    onChange={(v) =>
                      set({ publication: v === d.history[0]?.id ? null : String(v), page: null })
                    }
                  />
                </Space>
              )}
            </Space>
          </Card>
          <Input.Search
            allowClear
            size="large"
            enterButton
            defaultValue={search}
            key={`${d.publication.id}-${search}`}
            placeholder={t('publicLists.search')}
            data-testid="public-search"
            onSearch={(v) => set({ q: v.trim() || null, page: null })}
          />
          <Typography.Text type="secondary" data-testid="public-total">
            {t('publicLists.total', { n: d.total })}
          </Typography.Text>
          {d.data.length === 0 ? (
            <Card>
              <Empty description={search ? t('publicLists.noMatch') : t('publicLists.empty')} />
            </Card>
          ) : (
            d.data.map((e, i) => (
              <EntryCard key={`${d.page}-${i}`} kind={d.kind} e={e} n={(d.page - 1) * d.pageSize + i + 1} />
            ))
          )}
          {d.total > d.pageSize && (
            <div style={{ textAlign: 'center' }}>
              <Pagination
                simple
                current={d.page}
                pageSize={d.pageSize}
                total={d.total}
                onChange={(p) => set({ page: p === 1 ? null : String(p) })}
              />
            </div>
          )}
          {kindFootnote(d.kind) && <Alert type="info" showIcon message={kindFootnote(d.kind)} />}
        </Space>
      )}
    </PublicShell>
  );
};
