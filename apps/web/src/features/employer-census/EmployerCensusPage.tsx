/**
 * 用人单位数据库 (issue 17 item 4): one page with five tabs — 名单导入 (upload with a source label, dry
 * run, report, error workbook; the uploaded lists with their counts), 匹配复核 (listed name and the
 * registered candidate side by side, differing characters highlighted, confirm / not it / new; paged),
 * 数据库 (every entry with its status and sources, filters, status marks, bulk assignment of door-to-door
 * guidance, merging two records of one unit and splitting them again, unlinking a wrong match, the
 * merged records as their own view linking to the survivor, export), 入户指导 (my tasks / all / overdue, record the outcome) and 半年报送 (snapshots).
 */
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import {
  censusFollowUpOutcomes,
  censusMatchStates,
  censusSources,
  censusStatuses,
  type CensusEntrySummary,
  type CensusFollowUpSummary,
  type CensusListSummary,
  type CensusSource,
} from '@ohp/contracts';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
  Pagination,
  Radio,
  Row,
  Segmented,
  Select,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { applyFormErrors, reportError } from '../../shared/errors';
import { ExportButton } from '../../shared/ExportButton';
import { fmtDate, fmtDateTime } from '../../shared/format';
import { ImportModal } from '../organisations/ImportModal';
import {
  assignFollowUps,
  downloadCensusErrors,
  downloadCensusTemplate,
  downloadSnapshot,
  exportCensusEntries,
  exportCensusLists,
  exportFollowUps,
  importCensusList,
  listAssignees,
  listCensusEntries,
  listCensusLists,
  listFollowUps,
  listSnapshots,
  matchLabel,
  mergeCensusEntry,
  nameDiff,
  outcomeLabel,
  recordFollowUp,
  reviewCensusEntry,
  setCensusStatus,
  sourceLabel,
  statusLabel,
  takeSnapshot,
  unlinkCensusEntry,
  unmergeCensusEntry,
} from './api';
import { cutCell } from '../../shared/Ellipsis';

const STATUS_COLOR: Record<string, string> = {
  declared: 'green',
  not_declared: 'orange',
  not_applicable: 'default',
  closed: 'default',
  relocated: 'default',
};

const Diff = ({ runs }: { runs: Array<{ text: string; same: boolean }> }) => (
  <span style={{ fontSize: 16 }}>
    {runs.map((r, i) =>
      r.same ? (
        <span key={i}>{r.text}</span>
      ) : (
        <mark key={i} style={{ background: '#fff1f0', color: '#cf1322', padding: 0 }}>
          {r.text}
        </mark>
      ),
    )}
  </span>
);

// ---------------------------------------------------------------------------------------------------
// 名单导入
// ---------------------------------------------------------------------------------------------------

const ListsTab = () => {
  const { t } = useTranslation();
  const ref = useRef<ActionType>(null);
  const [source, setSource] = useState<CensusSource | undefined>();
  const [title, setTitle] = useState('');
  const [open, setOpen] = useState(false);
  const columns: ProColumns<CensusListSummary>[] = [
    { title: t('census.title'), dataIndex: 'title', ...cutCell('title'), width: 260 },
    {
      title: t('census.source'),
      dataIndex: 'source',
      width: 120,
      render: (_, r) => <Tag>{sourceLabel(r.source)}</Tag>,
    },
    { title: t('census.rows'), dataIndex: 'rows', width: 80 },
    { title: t('census.matched'), dataIndex: 'matched', width: 80 },
    {
      title: t('census.uncertain'),
      dataIndex: 'uncertain',
      width: 80,
      render: (_, r) => (r.uncertain ? <Tag color="gold">{r.uncertain}</Tag> : 0),
    },
    { title: t('census.unmatched'), dataIndex: 'unmatched', width: 90 },
    {
      title: t('census.errors'),
      dataIndex: 'errors',
      width: 120,
      render: (_, r) =>
        r.errors ? (
          <Button size="small" type="link" danger onClick={() => void downloadCensusErrors(r.batchId)}>
            {r.errors} · {t('census.errorFile')}
          </Button>
        ) : (
          0
        ),
    },
    { title: t('census.uploadedBy'), dataIndex: 'uploadedBy', width: 120 },
    {
      title: t('census.uploadedAt'),
      dataIndex: 'uploadedAt',
      width: 160,
      render: (_, r) => fmtDateTime(r.uploadedAt),
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small">
        <Space wrap>
          <Select
            style={{ minWidth: 200 }}
            placeholder={t('census.sourcePick')}
            value={source}
            onChange={setSource}
            options={censusSources.map((s) => ({ value: s, label: sourceLabel(s) }))}
            data-testid="census-source"
          />
          <Input
            style={{ minWidth: 260 }}
            placeholder={t('census.titleHint')}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            maxLength={200}
          />
          <Button type="primary" icon={<UploadOutlined />} disabled={!source} onClick={() => setOpen(true)}>
            {t('census.importButton')}
          </Button>
          {!source && <Typography.Text type="secondary">{t('census.needSource')}</Typography.Text>}
          <ExportButton testId="census-lists-export" onExport={exportCensusLists} />
        </Space>
      </Card>
      <ProTable<CensusListSummary>
        rowKey="id"
        actionRef={ref}
        search={false}
        columns={columns}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('census.listsEmpty')} /> }}
        request={async (p) => {
          const r = await listCensusLists({ page: p.current, pageSize: p.pageSize });
          return { data: r.data, total: r.total, success: true };
        }}
        pagination={{ pageSize: 10 }}
      />
      {source && (
        <ImportModal
          open={open}
          onClose={() => setOpen(false)}
          onImported={() => void ref.current?.reload()}
          door={{
            title: `${t('census.importTitle')} · ${sourceLabel(source)}`,
            hint: t('census.importHint'),
            downloadTemplate: downloadCensusTemplate,
            upload: (file, dryRun) => importCensusList(file, dryRun, source, title.trim() || undefined),
            downloadErrors: downloadCensusErrors,
          }}
        />
      )}
    </Space>
  );
};

// ---------------------------------------------------------------------------------------------------
// 匹配复核
// ---------------------------------------------------------------------------------------------------

/** Review cards per page (each card holds up to three candidates side by side). */
const REVIEW_PAGE = 10;

const ReviewTab = ({ onChanged }: { onChanged: () => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [rows, setRows] = useState<CensusEntrySummary[] | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const [page, setPage] = useState(1);
  const [total, setTotal] = useState(0);
  const load = async (p: number): Promise<void> => {
    const r = await listCensusEntries({ matchState: 'uncertain', page: p, pageSize: REVIEW_PAGE });
    // The last card of the last page resolved: show the page before.
    if (!r.data.length && p > 1) return load(p - 1);
    setRows(r.data);
    setTotal(r.total);
    setPage(p);
  };
  useEffect(() => {
    void load(1).catch((e) => reportError(message, e));
  }, []);
  const act = async (id: number, body: Parameters<typeof reviewCensusEntry>[1]) => {
    setBusy(id);
    try {
      await reviewCensusEntry(id, body);
      void message.success(t('census.done'));
      await load(page);
      onChanged();
    } catch (e) {
      reportError(message, e);
    } finally {
      setBusy(null);
    }
  };
  if (!rows) return <Spin />;
  if (!rows.length) return <Empty description={t('census.reviewEmpty')} />;
  const pager = (
    <Pagination
      size="small"
      current={page}
      pageSize={REVIEW_PAGE}
      total={total}
      showSizeChanger={false}
      showTotal={(n) => t('census.pageTotal', { n })}
      onChange={(p) => void load(p).catch((e) => reportError(message, e))}
    />
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert
        type="info"
        showIcon
        message={t('census.reviewIntro')}
        action={
          <ExportButton
            size="small"
            testId="census-review-export"
            onExport={() => exportCensusEntries({ matchState: 'uncertain' })}
          />
        }
      />
      <div data-testid="census-review-pager">{pager}</div>
      {rows.map((e) => (
        <Card key={e.id} size="small" data-testid="census-review-card" loading={busy === e.id}>
          {e.candidates.map((c) => {
            const d = nameDiff(e.name, c.name);
            return (
              <Row key={c.employerId} gutter={[16, 8]} style={{ marginBottom: 8 }}>
                <Col xs={24} md={10}>
                  <Typography.Text type="secondary">{t('census.listed')}</Typography.Text>
                  <div>
                    <Diff runs={d.a} />
                  </div>
                  <div>
                    {e.creditCode ?? t('census.noCreditCode')} · {e.regionName}{' '}
                    {e.address ? `· ${e.address}` : ''}
                  </div>
                  <Space size={4} wrap>
                    {e.sources.map((s) => (
                      <Tag key={s}>{sourceLabel(s)}</Tag>
                    ))}
                  </Space>
                </Col>
                <Col xs={24} md={10}>
                  <Typography.Text type="secondary">{t('census.candidate')}</Typography.Text>
                  <div>
                    <Diff runs={d.b} />
                  </div>
                  <div>
                    {c.creditCode ?? '-'} {c.address ? `· ${c.address}` : ''}
                  </div>
                  <Typography.Text type="secondary">
                    {t('census.similarity')} {Math.round(c.score * 100)}% · {t('census.editDistance')}{' '}
                    {c.editDistance} · {t('census.diffHint')}
                  </Typography.Text>
                </Col>
                <Col xs={24} md={4}>
                  <Space direction="vertical" style={{ width: '100%' }}>
                    <Button
                      block
                      type="primary"
                      onClick={() => void act(e.id, { decision: 'confirm', employerId: c.employerId })}
                    >
                      {t('census.confirm')}
                    </Button>
                    <Button
                      block
                      onClick={() => void act(e.id, { decision: 'reject', employerId: c.employerId })}
                    >
                      {t('census.reject')}
                    </Button>
                  </Space>
                </Col>
              </Row>
            );
          })}
          {!e.candidates.length && (
            <div>
              <Typography.Text strong>{e.name}</Typography.Text> · {e.regionName}
            </div>
          )}
          <Space wrap>
            {e.candidates.length > 1 && (
              <Button size="small" onClick={() => void act(e.id, { decision: 'reject' })}>
                {t('census.rejectAll')}
              </Button>
            )}
            <Button
              size="small"
              disabled={!e.abilities.confirmNew}
              title={e.abilities.confirmNew ? undefined : t('census.asNewNeedsCode')}
              onClick={() => void act(e.id, { decision: 'new' })}
            >
              {t('census.asNew')}
            </Button>
            {!e.creditCode && (
              <Typography.Text type="secondary">{t('census.asNewNeedsCode')}</Typography.Text>
            )}
          </Space>
        </Card>
      ))}
      {pager}
    </Space>
  );
};

// ---------------------------------------------------------------------------------------------------
// 数据库
// ---------------------------------------------------------------------------------------------------

const StatusModal = ({
  entry,
  onClose,
}: {
  entry: CensusEntrySummary | null;
  onClose: (saved: boolean) => void;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = (await form.validateFields()) as {
      status: 'open' | 'not_applicable' | 'closed' | 'relocated';
      reason?: string;
      on?: dayjs.Dayjs;
    };
    setBusy(true);
    try {
      await setCensusStatus(entry!.id, {
        status: v.status,
        ...(v.reason ? { reason: v.reason } : {}),
        ...(v.on ? { on: v.on.format('YYYY-MM-DD') } : {}),
      });
      void message.success(t('census.saved'));
      onClose(true);
    } catch (e) {
      if (!applyFormErrors(form, e)) reportError(message, e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={entry !== null}
      title={`${t('census.setStatusTitle')} · ${entry?.name ?? ''}`}
      onCancel={() => onClose(false)}
      onOk={() => void submit()}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ status: 'not_applicable' }}>
        <Form.Item name="status" label={t('census.status')} rules={[{ required: true }]}>
          <Select
            options={[
              { value: 'not_applicable', label: statusLabel('not_applicable') },
              { value: 'closed', label: statusLabel('closed') },
              { value: 'relocated', label: statusLabel('relocated') },
              { value: 'open', label: t('census.backToOpen') },
            ]}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('census.reason')}>
          <Input.TextArea rows={3} maxLength={500} placeholder={t('census.reasonHint')} />
        </Form.Item>
        <Form.Item name="on" label={t('census.statusOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
};

const AssignModal = ({ ids, onClose }: { ids: number[] | null; onClose: (saved: boolean) => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [people, setPeople] = useState<Array<{ value: number; label: string }>>([]);
  useEffect(() => {
    if (ids)
      void listAssignees()
        .then((r) =>
          setPeople(r.data.map((u) => ({ value: u.userId, label: `${u.name} · ${u.organisation}` }))),
        )
        .catch((e) => reportError(message, e));
  }, [ids]);
  const submit = async () => {
    const v = (await form.validateFields()) as { assigneeUserId?: number; dueOn: dayjs.Dayjs };
    setBusy(true);
    try {
      const r = await assignFollowUps({
        entryIds: ids!,
        dueOn: v.dueOn.format('YYYY-MM-DD'),
        ...(v.assigneeUserId ? { assigneeUserId: v.assigneeUserId } : {}),
      });
      void message.success(t('census.assigned', { n: r.assigned }));
      onClose(true);
    } catch (e) {
      if (!applyFormErrors(form, e)) reportError(message, e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={ids !== null}
      title={t('census.assign')}
      onCancel={() => onClose(false)}
      onOk={() => void submit()}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Alert type="info" showIcon message={t('census.assignHint')} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" initialValues={{ dueOn: dayjs().add(14, 'day') }}>
        <Form.Item name="assigneeUserId" label={t('census.assignee')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('census.assigneeMe')}
            options={people}
          />
        </Form.Item>
        <Form.Item name="dueOn" label={t('census.dueOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
};

/** The record a merge keeps by default: linked, else with a credit code, else named by more lists, else older. */
const defaultSurvivor = (a: CensusEntrySummary, b: CensusEntrySummary) => {
  const rank = (e: CensusEntrySummary) => [
    e.matchState === 'matched' ? 1 : 0,
    e.creditCode ? 1 : 0,
    e.sources.length,
    -e.id,
  ];
  const [x, y] = [rank(a), rank(b)];
  const i = x.findIndex((v, k) => v !== y[k]);
  return i < 0 || x[i]! > y[i]! ? a : b;
};

const EntryCard = ({ e, keep }: { e: CensusEntrySummary; keep: boolean }) => {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      style={{ borderColor: keep ? '#1677ff' : undefined }}
      title={
        <Tag color={keep ? 'blue' : 'default'} style={{ marginRight: 0 }}>
          {keep ? t('census.mergeKeep') : t('census.mergeGone')}
        </Tag>
      }
    >
      <Typography.Text strong style={{ fontSize: 15 }}>
        {e.name}
      </Typography.Text>
      <div>
        #{e.id} · {e.creditCode ?? t('census.noCreditCode')}
      </div>
      <div>
        {e.regionName}
        {e.address ? ` · ${e.address}` : ''}
      </div>
      <Space size={2} wrap style={{ marginTop: 4 }}>
        {e.sources.map((s) => (
          <Tag key={s}>{sourceLabel(s)}</Tag>
        ))}
        <Tag color={e.matchState === 'matched' ? 'blue' : 'default'}>{matchLabel(e.matchState)}</Tag>
        <Tag color={STATUS_COLOR[e.status]}>{statusLabel(e.status)}</Tag>
      </Space>
      {e.employerName && (
        <div>
          <Typography.Text type="secondary">{t('census.employer')}: </Typography.Text>
          {e.employerName}
        </div>
      )}
    </Card>
  );
};

const MergeModal = ({
  pair,
  onClose,
}: {
  pair: [CensusEntrySummary, CensusEntrySummary] | null;
  onClose: (saved: boolean) => void;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [keepId, setKeepId] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setKeepId(pair ? defaultSurvivor(pair[0], pair[1]).id : null);
    setReason('');
  }, [pair]);
  const keep = pair?.find((e) => e.id === keepId) ?? null;
  const gone = pair?.find((e) => e.id !== keepId) ?? null;
  const submit = async () => {
    if (!keep || !gone) return;
    setBusy(true);
    try {
      await mergeCensusEntry(gone.id, { into: keep.id, ...(reason.trim() ? { reason: reason.trim() } : {}) });
      void message.success(t('census.done'));
      onClose(true);
    } catch (e) {
      reportError(message, e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={pair !== null}
      title={t('census.mergeTitle')}
      onCancel={() => onClose(false)}
      onOk={() => void submit()}
      okText={t('census.mergeOk')}
      confirmLoading={busy}
      width={760}
      destroyOnHidden
    >
      <Alert type="info" showIcon message={t('census.mergeIntro')} style={{ marginBottom: 12 }} />
      <Radio.Group
        value={keepId}
        onChange={(e) => setKeepId(e.target.value as number)}
        style={{ width: '100%', display: 'block' }}
        data-testid="census-merge-keep"
      >
        <Row gutter={[12, 12]}>
          {pair?.map((e) => (
            <Col xs={24} md={12} key={e.id}>
              <Radio value={e.id} style={{ marginBottom: 6 }}>
                {t('census.mergeKeep')}
              </Radio>
              <EntryCard e={e} keep={e.id === keepId} />
            </Col>
          ))}
        </Row>
      </Radio.Group>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('census.mergeRules')}
      </Typography.Paragraph>
      <Typography.Text>{t('census.mergeReason')}</Typography.Text>
      <Input.TextArea
        rows={2}
        maxLength={500}
        value={reason}
        placeholder={t('census.mergeReasonHint')}
        onChange={(e) => setReason(e.target.value)}
      />
    </Modal>
  );
};

/** 拆分 / 取消关联: a confirmation with the consequences and a required reason. */
const ReasonModal = ({
  action,
  onClose,
}: {
  action: { kind: 'unmerge' | 'unlink'; entry: CensusEntrySummary } | null;
  onClose: (saved: boolean) => void;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = (await form.validateFields()) as { reason: string };
    setBusy(true);
    try {
      if (action!.kind === 'unmerge') await unmergeCensusEntry(action!.entry.id, v.reason);
      else await unlinkCensusEntry(action!.entry.id, v.reason);
      void message.success(t('census.done'));
      onClose(true);
    } catch (e) {
      if (!applyFormErrors(form, e)) reportError(message, e);
    } finally {
      setBusy(false);
    }
  };
  const kind = action?.kind ?? 'unlink';
  return (
    <Modal
      open={action !== null}
      title={`${t(kind === 'unmerge' ? 'census.unmergeTitle' : 'census.unlinkTitle')} · ${action?.entry.name ?? ''}`}
      onCancel={() => onClose(false)}
      onOk={() => void submit()}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        message={t(kind === 'unmerge' ? 'census.unmergeIntro' : 'census.unlinkIntro')}
        style={{ marginBottom: 12 }}
      />
      {kind === 'unmerge' && action?.entry.mergedInto && (
        <Typography.Paragraph>
          {t('census.mergedInto', { name: action.entry.mergedInto.name })}
        </Typography.Paragraph>
      )}
      {kind === 'unlink' && action?.entry.employerName && (
        <Typography.Paragraph>
          {t('census.employer')}: {action.entry.employerName}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('census.reason')}
          rules={[{ required: true, whitespace: true, message: t('census.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
};

const EntriesTab = ({ reloadKey }: { reloadKey: number }) => {
  const { t } = useTranslation();
  const ref = useRef<ActionType>(null);
  const [filters, setFilters] = useState<Record<string, string | undefined>>({});
  const [selected, setSelected] = useState<CensusEntrySummary[]>([]);
  const [statusOf, setStatusOf] = useState<CensusEntrySummary | null>(null);
  const [assigning, setAssigning] = useState<number[] | null>(null);
  const [merging, setMerging] = useState<[CensusEntrySummary, CensusEntrySummary] | null>(null);
  const [reasonAction, setReasonAction] = useState<{
    kind: 'unmerge' | 'unlink';
    entry: CensusEntrySummary;
  } | null>(null);
  useEffect(() => void ref.current?.reload(), [reloadKey]);
  const canAssign = selected.length > 0 && selected.every((r) => r.abilities.assign);
  const canMerge =
    selected.length === 2 &&
    selected.every((r) => r.mergedInto === null) &&
    selected.some((r) => r.abilities.merge);
  const columns: ProColumns<CensusEntrySummary>[] = [
    {
      title: t('census.name'),
      dataIndex: 'name',
      width: 240,
      fixed: 'left',
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <span>{r.name}</span>
          {r.mergedInto && (
            <Space size={4} wrap>
              <Tag color="purple">{t('census.merged')}</Tag>
              <Button
                type="link"
                size="small"
                style={{ padding: 0, height: 'auto' }}
                onClick={() => setFilters({ id: String(r.mergedInto!.id) })}
                data-testid="census-merged-into"
              >
                {t('census.mergedInto', { name: r.mergedInto.name })}
              </Button>
            </Space>
          )}
          {r.mergedFrom.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('census.mergedFrom', { names: r.mergedFrom.map((m) => m.name).join(t('census.listSep')) })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('census.creditCode'),
      dataIndex: 'creditCode',
      width: 180,
      render: (_, r) => r.creditCode ?? '-',
    },
    { title: t('census.region'), dataIndex: 'regionName', width: 140 },
    {
      title: t('census.sources'),
      dataIndex: 'sources',
      width: 180,
      render: (_, r) => (
        <Space size={2} wrap>
          {r.sources.map((s) => (
            <Tag key={s}>{sourceLabel(s)}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('census.matchState'),
      dataIndex: 'matchState',
      width: 140,
      render: (_, r) => (
        <Tag color={r.matchState === 'matched' ? 'blue' : r.matchState === 'uncertain' ? 'gold' : 'default'}>
          {matchLabel(r.matchState)}
        </Tag>
      ),
    },
    { title: t('census.riskClass'), dataIndex: 'riskClass', width: 90, render: (_, r) => r.riskClass ?? '-' },
    {
      title: t('census.status'),
      dataIndex: 'status',
      width: 120,
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <Tag color={STATUS_COLOR[r.status]}>{statusLabel(r.status)}</Tag>
          {r.statusReason && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.statusReason}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('census.followUp'),
      dataIndex: 'followUp',
      width: 160,
      render: (_, r) =>
        r.followUp ? (
          <Space size={2} wrap>
            <span>{r.followUp.assignee}</span>
            <span>{fmtDate(r.followUp.dueOn)}</span>
            {r.followUp.outcome ? (
              <Tag>{outcomeLabel(r.followUp.outcome)}</Tag>
            ) : r.followUp.overdue ? (
              <Tag color="red">{t('census.overdueTag')}</Tag>
            ) : null}
          </Space>
        ) : (
          '-'
        ),
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: 130,
      render: (_, r) => (
        <Space size={4} wrap>
          {r.abilities.setStatus && (
            <Button size="small" onClick={() => setStatusOf(r)}>
              {t('census.setStatus')}
            </Button>
          )}
          {r.abilities.unlink && (
            <Button size="small" onClick={() => setReasonAction({ kind: 'unlink', entry: r })}>
              {t('census.unlink')}
            </Button>
          )}
          {r.abilities.unmerge && (
            <Button
              size="small"
              onClick={() => setReasonAction({ kind: 'unmerge', entry: r })}
              data-testid="census-unmerge"
            >
              {t('census.unmerge')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  const q = Object.fromEntries(Object.entries(filters).filter(([, v]) => v));
  return (
    <>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t('census.q')}
            style={{ width: 220 }}
            onSearch={(v) => setFilters((f) => ({ ...f, q: v || undefined }))}
          />
          <Select
            allowClear
            placeholder={t('census.status')}
            style={{ width: 140 }}
            value={filters.status}
            onChange={(v) => setFilters((f) => ({ ...f, status: v }))}
            options={censusStatuses.map((s) => ({ value: s, label: statusLabel(s) }))}
            data-testid="census-status-filter"
          />
          <Select
            allowClear
            placeholder={t('census.source')}
            style={{ width: 150 }}
            value={filters.source}
            onChange={(v) => setFilters((f) => ({ ...f, source: v }))}
            options={censusSources.map((s) => ({ value: s, label: sourceLabel(s) }))}
          />
          <Select
            allowClear
            placeholder={t('census.matchState')}
            style={{ width: 170 }}
            value={filters.matchState}
            onChange={(v) => setFilters((f) => ({ ...f, matchState: v }))}
            options={censusMatchStates.map((s) => ({ value: s, label: matchLabel(s) }))}
          />
          <Select
            style={{ width: 150 }}
            value={filters.merged ? 'merged' : 'live'}
            onChange={(v) => {
              setSelected([]);
              setFilters((f) => ({ ...f, id: undefined, merged: v === 'merged' ? 'true' : undefined }));
            }}
            options={[
              { value: 'live', label: t('census.viewLive') },
              { value: 'merged', label: t('census.viewMerged') },
            ]}
            aria-label={t('census.mergedView')}
            data-testid="census-merged-filter"
          />
          <Button icon={<DownloadOutlined />} onClick={() => void exportCensusEntries(q)}>
            {t('census.export')}
          </Button>
          <Button
            type="primary"
            disabled={!canAssign}
            onClick={() => setAssigning(selected.map((r) => r.id))}
          >
            {t('census.assignSelected', { n: selected.filter((r) => r.abilities.assign).length })}
          </Button>
          <Button
            disabled={!canMerge}
            title={canMerge ? undefined : t('census.mergeNeedsTwo')}
            onClick={() => setMerging([selected[0]!, selected[1]!])}
            data-testid="census-merge"
          >
            {t('census.merge')}
          </Button>
        </Space>
        {filters.id && (
          <div style={{ marginTop: 8 }}>
            <Tag closable onClose={() => setFilters((f) => ({ ...f, id: undefined }))} color="blue">
              {t('census.showing', { id: filters.id })}
            </Tag>
          </div>
        )}
        {!selected.length && (
          <div>
            <Typography.Text type="secondary">{t('census.selectUndeclared')}</Typography.Text>
          </div>
        )}
      </Card>
      <ProTable<CensusEntrySummary>
        rowKey="id"
        actionRef={ref}
        search={false}
        columns={columns}
        params={q}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('census.entriesEmpty')} /> }}
        rowSelection={{
          selectedRowKeys: selected.map((r) => r.id),
          onChange: (_keys, rows) => setSelected(rows.filter(Boolean)),
          getCheckboxProps: (r) => ({ disabled: !r.abilities.assign && !r.abilities.merge }),
        }}
        request={async (p) => {
          const r = await listCensusEntries({ ...q, page: p.current, pageSize: p.pageSize });
          return { data: r.data, total: r.total, success: true };
        }}
        pagination={{ pageSize: 20 }}
      />
      <StatusModal
        entry={statusOf}
        onClose={(saved) => {
          setStatusOf(null);
          if (saved) void ref.current?.reload();
        }}
      />
      <AssignModal
        ids={assigning}
        onClose={(saved) => {
          setAssigning(null);
          if (saved) {
            setSelected([]);
            void ref.current?.reload();
          }
        }}
      />
      <MergeModal
        pair={merging}
        onClose={(saved) => {
          setMerging(null);
          if (saved) {
            setSelected([]);
            void ref.current?.reload();
          }
        }}
      />
      <ReasonModal
        action={reasonAction}
        onClose={(saved) => {
          setReasonAction(null);
          if (saved) void ref.current?.reload();
        }}
      />
    </>
  );
};

// ---------------------------------------------------------------------------------------------------
// 入户指导
// ---------------------------------------------------------------------------------------------------

const OutcomeModal = ({
  task,
  onClose,
}: {
  task: CensusFollowUpSummary | null;
  onClose: (saved: boolean) => void;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const outcome = Form.useWatch('outcome', form) as string | undefined;
  const submit = async () => {
    const v = (await form.validateFields()) as {
      outcome: (typeof censusFollowUpOutcomes)[number];
      visitedOn?: dayjs.Dayjs;
      willDeclareBy?: dayjs.Dayjs;
      note?: string;
    };
    setBusy(true);
    try {
      await recordFollowUp(task!.id, {
        outcome: v.outcome,
        ...(v.visitedOn ? { visitedOn: v.visitedOn.format('YYYY-MM-DD') } : {}),
        ...(v.willDeclareBy ? { willDeclareBy: v.willDeclareBy.format('YYYY-MM-DD') } : {}),
        ...(v.note ? { note: v.note } : {}),
      });
      void message.success(t('census.saved'));
      onClose(true);
    } catch (e) {
      if (!applyFormErrors(form, e)) reportError(message, e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={task !== null}
      title={`${t('census.recordTitle')} · ${task?.entryName ?? ''}`}
      onCancel={() => onClose(false)}
      onOk={() => void submit()}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ visitedOn: dayjs() }}>
        <Form.Item name="outcome" label={t('census.outcome')} rules={[{ required: true }]}>
          <Select
            options={censusFollowUpOutcomes.map((o) => ({ value: o, label: outcomeLabel(o) }))}
            data-testid="census-outcome"
          />
        </Form.Item>
        <Form.Item name="visitedOn" label={t('census.visitedOn')}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        {outcome === 'will_declare' && (
          <Form.Item name="willDeclareBy" label={t('census.willDeclareBy')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item
          name="note"
          label={t('census.note')}
          extra={t('census.noteRequired')}
          rules={[{ required: outcome === 'not_applicable' || outcome === 'closed' }]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
};

const FollowUpsTab = ({ reloadKey }: { reloadKey: number }) => {
  const { t } = useTranslation();
  const ref = useRef<ActionType>(null);
  const [view, setView] = useState<'mine' | 'all' | 'overdue' | 'done'>('mine');
  const [task, setTask] = useState<CensusFollowUpSummary | null>(null);
  useEffect(() => void ref.current?.reload(), [reloadKey, view]);
  const columns: ProColumns<CensusFollowUpSummary>[] = [
    { title: t('census.name'), dataIndex: 'entryName', width: 220, fixed: 'left' },
    { title: t('census.region'), dataIndex: 'regionName', width: 140 },
    { title: t('census.address'), dataIndex: 'address', width: 180, render: (_, r) => r.address ?? '-' },
    { title: t('census.assignee'), dataIndex: 'assignee', width: 120 },
    {
      title: t('census.dueOn'),
      dataIndex: 'dueOn',
      width: 130,
      render: (_, r) => (
        <Space size={4}>
          {fmtDate(r.dueOn)}
          {r.overdue && <Tag color="red">{t('census.overdueTag')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('census.outcome'),
      dataIndex: 'outcome',
      width: 200,
      render: (_, r) =>
        r.outcome ? (
          <Space direction="vertical" size={0}>
            <Tag color="green">{outcomeLabel(r.outcome)}</Tag>
            {r.willDeclareBy && <span>{`${t('census.willDeclareBy')} ${fmtDate(r.willDeclareBy)}`}</span>}
            {r.outcomeNote && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.outcomeNote}
              </Typography.Text>
            )}
          </Space>
        ) : (
          <Tag color="processing">{t('census.open')}</Tag>
        ),
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: 110,
      render: (_, r) =>
        r.canRecord ? (
          <Button size="small" type="primary" onClick={() => setTask(r)}>
            {t('census.record')}
          </Button>
        ) : null,
    },
  ];
  const query =
    view === 'mine'
      ? { mine: true }
      : view === 'overdue'
        ? { status: 'overdue' }
        : view === 'done'
          ? { status: 'done' }
          : {};
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={view}
          onChange={(v) => setView(v as typeof view)}
          options={[
            { value: 'mine', label: t('census.mine') },
            { value: 'all', label: t('census.all') },
            { value: 'overdue', label: t('census.overdue') },
            { value: 'done', label: t('census.finished') },
          ]}
        />
        <ExportButton testId="census-follow-ups-export" onExport={() => exportFollowUps(query)} />
      </Space>
      <ProTable<CensusFollowUpSummary>
        rowKey="id"
        actionRef={ref}
        search={false}
        columns={columns}
        params={query}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('census.followUpsEmpty')} /> }}
        request={async (p) => {
          const r = await listFollowUps({ ...query, page: p.current, pageSize: p.pageSize });
          return { data: r.data, total: r.total, success: true };
        }}
        pagination={{ pageSize: 20 }}
      />
      <OutcomeModal
        task={task}
        onClose={(saved) => {
          setTask(null);
          if (saved) void ref.current?.reload();
        }}
      />
    </>
  );
};

// ---------------------------------------------------------------------------------------------------
// 半年报送
// ---------------------------------------------------------------------------------------------------

const SnapshotsTab = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useAuth();
  const [rows, setRows] = useState<Awaited<ReturnType<typeof listSnapshots>>['data'] | null>(null);
  const year = dayjs().year();
  const periods = [`${year}-H1`, `${year}-H2`, `${year - 1}-H2`, `${year - 1}-H1`];
  const [period, setPeriod] = useState(dayjs().month() < 6 ? `${year - 1}-H2` : `${year}-H1`);
  const label = (p: string) =>
    t(p.endsWith('H1') ? 'census.periodH1' : 'census.periodH2', { y: p.slice(0, 4) });
  const load = () => listSnapshots().then((r) => setRows(r.data));
  useEffect(() => {
    void load().catch((e) => reportError(message, e));
  }, []);
  const canTake = (me?.organisation.regionCode.length ?? 9) <= 4;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert type="info" showIcon message={t('census.snapshotIntro')} />
      {canTake ? (
        <Space wrap>
          <Select
            value={period}
            onChange={setPeriod}
            style={{ width: 160 }}
            options={periods.map((p) => ({ value: p, label: label(p) }))}
          />
          <Button
            type="primary"
            onClick={() =>
              void takeSnapshot(period)
                .then(() => load())
                .then(() => message.success(t('census.saved')))
                .catch((e) => reportError(message, e))
            }
          >
            {t('census.snapshotTake')}
          </Button>
        </Space>
      ) : (
        <Typography.Text type="secondary">{t('census.snapshotCountyHint')}</Typography.Text>
      )}
      <Table
        rowKey="id"
        loading={rows === null}
        dataSource={rows ?? []}
        scroll={{ x: 'max-content' }}
        pagination={false}
        locale={{ emptyText: <Empty description={t('census.snapshotsEmpty')} /> }}
        columns={[
          { title: t('census.region'), dataIndex: 'regionName' },
          { title: t('census.period'), dataIndex: 'period', render: (p: string) => label(p) },
          { title: t('census.takenOn'), dataIndex: 'takenOn', render: (d: string) => fmtDate(d) },
          { title: t('census.total'), render: (_: unknown, r) => r.counts.total },
          { title: statusLabel('declared'), render: (_: unknown, r) => r.counts.declared },
          { title: statusLabel('not_declared'), render: (_: unknown, r) => r.counts.not_declared },
          { title: statusLabel('not_applicable'), render: (_: unknown, r) => r.counts.not_applicable },
          {
            title: `${statusLabel('closed')}/${statusLabel('relocated')}`,
            render: (_: unknown, r) => r.counts.closed + r.counts.relocated,
          },
          {
            title: t('common.actions'),
            render: (_: unknown, r) => (
              <Button
                size="small"
                icon={<DownloadOutlined />}
                onClick={() => void downloadSnapshot(r.id, r.period)}
              >
                {t('census.download')}
              </Button>
            ),
          },
        ]}
      />
    </Space>
  );
};

export const EmployerCensusPage = () => {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [reloadKey, setReloadKey] = useState(0);
  const tab = params.get('tab') ?? 'entries';
  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <Typography.Paragraph type="secondary">{t('census.intro')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'lists', label: t('census.tabs.lists'), children: <ListsTab /> },
          {
            key: 'review',
            label: t('census.tabs.review'),
            children: <ReviewTab onChanged={() => setReloadKey((k) => k + 1)} />,
          },
          { key: 'entries', label: t('census.tabs.entries'), children: <EntriesTab reloadKey={reloadKey} /> },
          {
            key: 'followUps',
            label: t('census.tabs.followUps'),
            children: <FollowUpsTab reloadKey={reloadKey} />,
          },
          { key: 'snapshots', label: t('census.tabs.snapshots'), children: <SnapshotsTab /> },
        ]}
      />
    </PageContainer>
  );
};
