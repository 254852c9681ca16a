/**
 * 信息公开管理 — the provincial commission's page: the four lists with their current publication; 预览
 * opens the rows computed live now (with what changed against the current publication) and 发布 freezes
 * them with the date and the note; the history of publications with 查看 (the frozen rows, searchable)
 * and 撤回 (with the reason). A city or county department sees why it cannot act and a link to the public
 * pages.
 */
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import {
  publicListKinds,
  publicListStatuses,
  type PublicListKind,
  type PublicListRow,
  type PublicListSummary,
} from '@ohp/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Drawer,
  Form,
  Input,
  Modal,
  Result,
  Row,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError, type Query } from '../../shared/api';
import { reportError } from '../../shared/errors';
import { fmtDateTime } from '../../shared/format';
import {
  KIND_COLOURS,
  PUBLIC_LISTS_KEY,
  getOverview,
  getPreview,
  getPublication,
  kindBasis,
  kindFootnote,
  kindText,
  listPublications,
  publishList,
  withdrawList,
} from './api';
import { cutCell } from '../../shared/Ellipsis';

/** The columns of a list's rows, headed as the kind prints them. */
const useRowColumns = (kind: PublicListKind): ColumnsType<PublicListRow> => {
  const { t } = useTranslation();
  return [
    { title: t('publicLists.institution'), dataIndex: 'institutionName', width: 220 },
    { title: t('publicLists.region'), dataIndex: 'regionName', width: 180 },
    {
      title: kindText(kind, 'reference'),
      dataIndex: 'reference',
      width: 150,
      render: (v: string | undefined) => v ?? '—',
    },
    {
      title: kindText(kind, 'items'),
      dataIndex: 'items',
      render: (v: string[]) => (v.length ? v.map((i, k) => <div key={k}>{i}</div>) : '—'),
    },
    {
      title: kindText(kind, 'detail'),
      dataIndex: 'detail',
      width: 240,
      render: (v: string | undefined) => v ?? '—',
    },
    {
      title: kindText(kind, 'since'),
      dataIndex: 'since',
      width: 110,
      render: (v: string | undefined) => v ?? '—',
    },
  ];
};

const PreviewDrawer = ({
  kind,
  onClose,
  onPublished,
}: {
  kind: PublicListKind;
  onClose: () => void;
  onPublished: () => void;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [search, setSearch] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ note?: string; publishedOn?: Dayjs }>();
  const q = useQuery({ queryKey: [PUBLIC_LISTS_KEY, 'preview', kind], queryFn: () => getPreview(kind) });
  const columns = useRowColumns(kind);
  const p = q.data;
  const needle = search.trim().toLowerCase();
  const rows = (p?.rows ?? []).filter(
    (r) =>
      !needle ||
      [r.institutionName, r.regionName, r.reference ?? '', ...r.items, r.detail ?? '']
        .join(' ')
        .toLowerCase()
        .includes(needle),
  );
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const r = await publishList({
        kind,
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        ...(v.publishedOn ? { publishedOn: v.publishedOn.format('YYYY-MM-DD') } : {}),
      });
      void message.success(t('publicLists.publishedOk', { date: r.publishedOn }));
      setConfirming(false);
      onPublished();
    } catch (e) {
      reportError(message, e, form, ['note', 'publishedOn']);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer
      open
      width={Math.min(1100, window.innerWidth)}
      onClose={onClose}
      title={t('publicLists.publishTitle', { title: kindText(kind, 'title') })}
      extra={
        <Button
          type="primary"
          disabled={!p?.available || !p.total}
          onClick={() => setConfirming(true)}
          data-testid="public-list-publish"
        >
          {t('publicLists.publish')}
        </Button>
      }
    >
      {q.isLoading || !p ? (
        <Spin />
      ) : (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            {t('publicLists.basis')}：{kindBasis(kind)}
          </Typography.Text>
          {!p.available ? (
            <Alert type="warning" showIcon message={t('publicLists.unavailable')} />
          ) : p.changes ? (
            <Alert
              type={p.changes.added + p.changes.removed + p.changes.changed ? 'warning' : 'success'}
              showIcon
              data-testid="public-list-changes"
              message={
                p.changes.added + p.changes.removed + p.changes.changed
                  ? t('publicLists.changes', p.changes)
                  : t('publicLists.noChanges')
              }
              description={`${t('publicLists.current')}：${p.current?.publishedOn ?? ''}（${t('publicLists.total', { n: p.current?.rowCount ?? 0 })}）`}
            />
          ) : (
            <Alert type="info" showIcon message={t('publicLists.firstTime')} />
          )}
          <Space wrap>
            <Typography.Text strong>{t('publicLists.liveRows', { n: p.total })}</Typography.Text>
            <Input.Search
              allowClear
              placeholder={t('publicLists.search')}
              onSearch={setSearch}
              onChange={(e) => !e.target.value && setSearch('')}
              style={{ width: 300 }}
            />
          </Space>
          <Table<PublicListRow>
            rowKey={(r) => `${r.institutionId}-${r.reference ?? ''}`}
            size="small"
            columns={columns}
            dataSource={rows}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 1000 }}
            locale={{ emptyText: t('publicLists.empty') }}
            data-testid="public-list-preview"
          />
          {kindFootnote(kind) && <Alert type="info" message={kindFootnote(kind)} />}
        </Space>
      )}
      <Modal
        open={confirming}
        title={t('publicLists.publishTitle', { title: kindText(kind, 'title') })}
        okText={t('publicLists.publish')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onOk={() => void submit()}
        onCancel={() => setConfirming(false)}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('publicLists.publishConfirm', { n: p?.total ?? 0 })}</Typography.Paragraph>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="publishedOn"
            label={t('publicLists.publishedOn')}
            extra={t('publicLists.dateHint')}
          >
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              data-testid="public-list-date"
            />
          </Form.Item>
          <Form.Item name="note" label={t('publicLists.note')}>
            <Input.TextArea
              rows={3}
              maxLength={500}
              showCount
              placeholder={t('publicLists.notePlaceholder')}
              data-testid="public-list-note"
            />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
};

const PublicationDrawer = ({ id, onClose }: { id: number; onClose: () => void }) => {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: [PUBLIC_LISTS_KEY, 'publication', id, search, page],
    queryFn: () => getPublication(id, { q: search || undefined, page, pageSize: 20 }),
    placeholderData: (prev) => prev,
  });
  const d = q.data;
  const columns = useRowColumns(d?.publication.kind ?? 'filed_institutions');
  return (
    <Drawer
      open
      width={Math.min(1100, window.innerWidth)}
      onClose={onClose}
      title={d ? kindText(d.publication.kind, 'title') : ''}
    >
      {!d ? (
        <Spin />
      ) : (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap>
            <Tag color="blue">
              {t('publicLists.publishedOn')} {d.publication.publishedOn}
            </Tag>
            <StatusTags p={d.publication} />
            <Typography.Text type="secondary">
              {t('publicLists.publishedBy')}：{d.publication.publishedByName ?? '—'} ·{' '}
              {fmtDateTime(d.publication.publishedAt)}
            </Typography.Text>
          </Space>
          {d.publication.note && <Typography.Paragraph>{d.publication.note}</Typography.Paragraph>}
          {d.publication.status === 'withdrawn' && (
            <Alert
              type="error"
              showIcon
              message={t('publicLists.withdrawnInfo', {
                date: fmtDateTime(d.publication.withdrawnAt),
                who: d.publication.withdrawnByName ?? '—',
                reason: d.publication.withdrawReason ?? '',
              })}
            />
          )}
          <Input.Search
            allowClear
            placeholder={t('publicLists.search')}
            onSearch={(v) => {
              setSearch(v.trim());
              setPage(1);
            }}
            style={{ maxWidth: 360 }}
          />
          <Table<PublicListRow>
            rowKey={(r) => `${r.institutionId}-${r.reference ?? ''}-${r.institutionName}`}
            size="small"
            columns={columns}
            dataSource={d.data}
            loading={q.isFetching}
            scroll={{ x: 1000 }}
            pagination={{
              current: d.page,
              pageSize: d.pageSize,
              total: d.total,
              onChange: setPage,
              showSizeChanger: false,
            }}
          />
        </Space>
      )}
    </Drawer>
  );
};

const StatusTags = ({ p }: { p: PublicListSummary }) => {
  const { t } = useTranslation();
  return (
    <Space size={4}>
      <Tag color={p.status === 'published' ? 'green' : 'default'}>
        {t(`publicLists.statuses.${p.status}`)}
      </Tag>
      {p.current && <Tag color="blue">{t('publicLists.currentTag')}</Tag>}
    </Space>
  );
};

export const PublicListsAdminPage = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const actionRef = useRef<ActionType>(null);
  const [previewing, setPreviewing] = useState<PublicListKind | null>(null);
  const [viewing, setViewing] = useState<number | null>(null);
  const [withdrawing, setWithdrawing] = useState<PublicListSummary | null>(null);
  const [reasonForm] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const overview = useQuery({ queryKey: [PUBLIC_LISTS_KEY, 'overview'], queryFn: getOverview, retry: false });
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: [PUBLIC_LISTS_KEY] });
    await actionRef.current?.reload();
  };
  if (overview.error instanceof ApiError && overview.error.status === 403)
    return (
      <PageContainer title={false} breadcrumbRender={false}>
        <Result
          status="403"
          title={<span data-testid="public-lists-province-only">{t('publicLists.provinceOnly')}</span>}
          subTitle={t('publicLists.provinceOnlySub')}
          extra={
            <Link to="/public" target="_blank">
              <Button type="primary">{t('publicLists.openPublic')}</Button>
            </Link>
          }
        />
      </PageContainer>
    );
  const withdraw = async () => {
    if (!withdrawing) return;
    const v = await reasonForm.validateFields();
    setBusy(true);
    try {
      await withdrawList(withdrawing.id, v.reason);
      void message.success(t('publicLists.withdrawnOk'));
      setWithdrawing(null);
      await refresh();
    } catch (e) {
      reportError(message, e, reasonForm, ['reason']);
    } finally {
      setBusy(false);
    }
  };
  const columns: ProColumns<PublicListSummary>[] = [
    {
      title: t('publicLists.kind'),
      dataIndex: 'kind',
      valueType: 'select',
      valueEnum: Object.fromEntries(publicListKinds.map((k) => [k, { text: kindText(k, 'title') }])),
      render: (_, r) => kindText(r.kind, 'title'),
      width: 280,
    },
    { title: t('publicLists.publishedOn'), dataIndex: 'publishedOn', hideInSearch: true, width: 110 },
    { title: t('publicLists.rowCount'), dataIndex: 'rowCount', hideInSearch: true, width: 80 },
    {
      title: t('publicLists.status'),
      dataIndex: 'status',
      valueType: 'select',
      valueEnum: Object.fromEntries(
        publicListStatuses.map((s) => [s, { text: t(`publicLists.statuses.${s}`) }]),
      ),
      render: (_, r) => <StatusTags p={r} />,
      width: 170,
    },
    {
      title: t('publicLists.publishedBy'),
      dataIndex: 'publishedByName',
      hideInSearch: true,
      width: 140,
      render: (_, r) => r.publishedByName ?? '—',
    },
    {
      title: t('publicLists.note'),
      dataIndex: 'note',
      hideInSearch: true,
      ...cutCell('note'),
      render: (_, r) =>
        r.status === 'withdrawn'
          ? t('publicLists.withdrawnInfo', {
              date: fmtDateTime(r.withdrawnAt),
              who: r.withdrawnByName ?? '—',
              reason: r.withdrawReason ?? '',
            })
          : (r.note ?? '—'),
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: 120,
      render: (_, r) => [
        <a key="v" onClick={() => setViewing(r.id)} data-testid={`public-list-view-${r.id}`}>
          {t('publicLists.view')}
        </a>,
        r.abilities.withdraw && (
          <a
            key="w"
            style={{ color: '#ff4d4f' }}
            onClick={() => {
              reasonForm.resetFields();
              setWithdrawing(r);
            }}
            data-testid={`public-list-withdraw-${r.id}`}
          >
            {t('publicLists.withdraw')}
          </a>
        ),
      ],
    },
  ];
  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <Alert
        type="info"
        showIcon
        message={t('publicLists.intro')}
        style={{ marginBottom: 12 }}
        action={
          <Link to="/public" target="_blank" data-testid="public-lists-open-public">
            <Button size="small">{t('publicLists.openPublic')}</Button>
          </Link>
        }
      />
      {overview.isLoading ? (
        <Spin />
      ) : (
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
          {(overview.data?.kinds ?? []).map((k) => (
            <Col xs={24} md={12} xl={6} key={k.kind}>
              <Card
                size="small"
                style={{ borderTop: `3px solid ${KIND_COLOURS[k.kind]}`, height: '100%' }}
                title={<span style={{ whiteSpace: 'normal' }}>{kindText(k.kind, 'title')}</span>}
                data-testid={`public-lists-kind-${k.kind}`}
                actions={[
                  <Button
                    key="p"
                    type="link"
                    disabled={!k.available}
                    onClick={() => setPreviewing(k.kind)}
                    data-testid={`public-lists-preview-${k.kind}`}
                  >
                    {t('publicLists.preview')} / {t('publicLists.publish')}
                  </Button>,
                ]}
              >
                {!k.available ? (
                  <Typography.Text type="secondary">{t('publicLists.unavailable')}</Typography.Text>
                ) : k.current ? (
                  <Space direction="vertical" size={4}>
                    <Typography.Text>
                      {t('publicLists.current')}：
                      <Typography.Text strong data-testid={`public-lists-current-${k.kind}`}>
                        {k.current.publishedOn}
                      </Typography.Text>
                    </Typography.Text>
                    <Typography.Text type="secondary">
                      {t('publicLists.total', { n: k.current.rowCount })} ·{' '}
                      {t('publicLists.publications', { n: k.publications })}
                    </Typography.Text>
                  </Space>
                ) : (
                  <Typography.Text type="secondary">{t('publicLists.currentNone')}</Typography.Text>
                )}
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <ProTable<PublicListSummary>
        headerTitle={t('publicLists.history')}
        rowKey="id"
        actionRef={actionRef}
        columns={columns}
        search={{ labelWidth: 'auto' }}
        request={async (params) => {
          const q: Query = {
            page: params.current,
            pageSize: params.pageSize,
            kind: params.kind as string | undefined,
            status: params.status as string | undefined,
          };
          const r = await listPublications(q);
          return { data: r.data, total: r.total, success: true };
        }}
        pagination={{ defaultPageSize: 20 }}
      />
      {previewing && (
        <PreviewDrawer
          kind={previewing}
          onClose={() => setPreviewing(null)}
          onPublished={() => {
            setPreviewing(null);
            void refresh();
          }}
        />
      )}
      {viewing !== null && <PublicationDrawer id={viewing} onClose={() => setViewing(null)} />}
      <Modal
        open={withdrawing !== null}
        title={t('publicLists.withdrawTitle')}
        okText={t('publicLists.withdraw')}
        okButtonProps={{ danger: true, 'data-testid': 'public-list-withdraw-ok' }}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onOk={() => void withdraw()}
        onCancel={() => setWithdrawing(null)}
      >
        <Typography.Paragraph>{t('publicLists.withdrawConfirm')}</Typography.Paragraph>
        <Form form={reasonForm} layout="vertical">
          <Form.Item
            name="reason"
            label={t('publicLists.withdrawReason')}
            rules={[{ required: true, whitespace: true, message: t('publicLists.withdrawReasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="public-list-withdraw-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
};
