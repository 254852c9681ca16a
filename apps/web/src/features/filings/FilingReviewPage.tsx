/**
 * 备案审核 — the provincial commission's queue of submitted filings (first filings and changes) in its
 * region, with the clock's due date (超期 in red); 详情 opens the filing: the content under review, what
 * a change alters against the filed version, the attachments, the history of submissions and opinions;
 * 退回 (with the opinion the institution will read) and 予以备案 (number, receipt, capability) when the
 * server allows it (`abilities.review`). City and county departments and the QC centre read the same list.
 */
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { filingKinds, filingStatuses, type FilingSummary } from '@ohp/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Form, Input, Modal, Space, Spin, Switch, Tabs, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Query } from '../../shared/api';
import { reportError } from '../../shared/errors';
import { fmtDate } from '../../shared/format';
import { reasonText } from '../../shared/messages';
import { useRegionNames } from '../exam-cards/api';
import { useAuth } from '../../app/auth';
import { ImportModal, type ImportDoor } from '../organisations/ImportModal';
import {
  FILINGS_KEY,
  downloadFilingImportErrors,
  downloadFilingImportTemplate,
  fileFiling,
  getFiling,
  importFilings,
  listFilings,
  returnFiling,
} from './api';
import { AttachmentsView, ContentView, DiffView, DueTag, HistoryView, StatusTags } from './FilingView';

const FilingDrawer = ({
  id,
  onClose,
  onChanged,
}: {
  id: number;
  onClose: () => void;
  onChanged: () => void;
}) => {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [returning, setReturning] = useState(false);
  const [form] = Form.useForm<{ opinion: string }>();
  const q = useQuery({ queryKey: [FILINGS_KEY, 'detail', id], queryFn: () => getFiling(id) });
  const f = q.data;
  const done = async () => {
    await qc.invalidateQueries({ queryKey: [FILINGS_KEY] });
    onChanged();
  };
  const file = () => {
    let opinion = '';
    modal.confirm({
      title: t('filings.fileAction'),
      content: (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph>{t('filings.fileConfirm')}</Typography.Paragraph>
          <Input.TextArea
            rows={2}
            maxLength={2000}
            placeholder={t('filings.fileOpinion')}
            onChange={(e) => (opinion = e.target.value)}
          />
        </Space>
      ),
      okText: t('filings.fileAction'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const r = await fileFiling(id, opinion);
          message.success(t('filings.filedDone', { no: r.filingNo }));
          await done();
        } catch (e) {
          reportError(message, e);
        }
      },
    });
  };
  return (
    <Drawer
      open
      width={1000}
      onClose={onClose}
      title={
        f ? (
          <Space>
            {f.institutionName}
            <StatusTags f={f} />
          </Space>
        ) : (
          t('filings.detail')
        )
      }
      extra={
        f?.abilities.review && (
          <Space>
            <Button danger data-testid="filing-return" onClick={() => setReturning(true)}>
              {t('filings.returnAction')}
            </Button>
            <Button type="primary" data-testid="filing-file" onClick={file}>
              {t('filings.fileAction')}
            </Button>
          </Space>
        )
      }
    >
      {!f ? (
        <Spin />
      ) : (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap>
            <span>
              {t('filings.kind')}：{t(`filings.kinds.${f.kind}`)}
            </span>
            <span>
              {t('filings.filingNo')}：{f.filingNo ?? '—'}
            </span>
            <span>
              {t('filings.dueOn')}：<DueTag dueOn={f.dueOn} overdueDays={f.overdueDays} />
            </span>
            {f.receipts
              .filter((r) => !r.revoked)
              .map((r) => (
                <Link key={r.documentId} to={`/documents/${r.documentId}`}>
                  {t('filings.receipt')} {fmtDate(r.issuedAt)}
                </Link>
              ))}
          </Space>
          {f.working?.changeReason && (
            <Alert type="info" showIcon message={`${t('filings.changeReason')}：${f.working.changeReason}`} />
          )}
          <DiffView f={f} />
          <Tabs
            items={[
              ...(f.working
                ? [
                    {
                      key: 'working',
                      label: t('filings.workingContent'),
                      children: <ContentView content={f.working.content} />,
                    },
                  ]
                : []),
              ...(f.filed
                ? [
                    {
                      key: 'filed',
                      label: t('filings.filedContent'),
                      children: <ContentView content={f.filed.content} />,
                    },
                  ]
                : []),
              {
                key: 'attachments',
                label: t('filings.steps.attachments'),
                children: <AttachmentsView f={f} />,
              },
              { key: 'history', label: t('filings.history'), children: <HistoryView f={f} /> },
            ]}
          />
        </Space>
      )}
      <Modal
        open={returning}
        title={t('filings.returnTitle')}
        okText={t('filings.returnAction')}
        okButtonProps={{ danger: true }}
        cancelText={t('common.cancel')}
        onCancel={() => setReturning(false)}
        onOk={async () => {
          const { opinion } = await form.validateFields();
          try {
            await returnFiling(id, opinion.trim());
            message.success(t('filings.returned'));
            setReturning(false);
            form.resetFields();
            await done();
          } catch (e) {
            reportError(message, e, form, ['opinion']);
          }
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="opinion"
            label={t('filings.opinion')}
            extra={t('filings.returnOpinionHint')}
            rules={[
              { required: true, whitespace: true, min: 2, message: reasonText('review_opinion_required') },
            ]}
          >
            <Input.TextArea rows={4} maxLength={2000} data-testid="filing-opinion-input" />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
};

export const FilingReviewPage = () => {
  const { t } = useTranslation();
  const action = useRef<ActionType>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [awaiting, setAwaiting] = useState(true);
  const [regions, setRegions] = useState<string[]>([]);
  const regionNames = useRegionNames(regions);
  const { me, can } = useAuth();
  // 历史备案导入: the provincial commission (the server refuses anyone else with the reason).
  const mayImport =
    can('filings:review') &&
    me?.organisation.kind === 'health_commission' &&
    me.organisation.level === 'province';
  const [importing, setImporting] = useState(false);
  const door: ImportDoor = {
    title: t('filings.importTitle'),
    hint: t('filings.importHint'),
    downloadTemplate: downloadFilingImportTemplate,
    upload: importFilings,
    downloadErrors: downloadFilingImportErrors,
  };
  const columns: ProColumns<FilingSummary>[] = [
    { title: t('filings.institution'), dataIndex: 'institutionName', hideInSearch: true, width: 260 },
    { title: t('filings.qPlaceholder'), dataIndex: 'q', hideInTable: true },
    {
      title: t('filings.kind'),
      dataIndex: 'kind',
      width: 150,
      valueType: 'select',
      valueEnum: Object.fromEntries(filingKinds.map((k) => [k, { text: t(`filings.kinds.${k}`) }])),
    },
    {
      title: t('filings.region'),
      dataIndex: 'regionCode',
      hideInSearch: true,
      width: 160,
      render: (_, r) => regionNames.path(r.regionCode),
    },
    {
      title: t('filings.status'),
      dataIndex: 'status',
      width: 160,
      valueType: 'select',
      valueEnum: Object.fromEntries(filingStatuses.map((s) => [s, { text: t(`filings.statuses.${s}`) }])),
      render: (_, r) => <StatusTags f={r} />,
    },
    { title: t('filings.filingNo'), dataIndex: 'filingNo', hideInSearch: true, width: 150 },
    {
      title: t('filings.submittedAt'),
      dataIndex: 'submittedAt',
      hideInSearch: true,
      width: 110,
      render: (_, r) => fmtDate(r.submittedAt),
    },
    {
      title: t('filings.dueOn'),
      dataIndex: 'dueOn',
      hideInSearch: true,
      width: 170,
      render: (_, r) => <DueTag dueOn={r.dueOn} overdueDays={r.overdueDays} />,
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: 90,
      render: (_, r) => [
        <a key="d" onClick={() => setOpen(r.id)} data-testid={`filing-open-${r.id}`}>
          {r.abilities.review ? t('filings.review') : t('filings.detail')}
        </a>,
      ],
    },
  ];
  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <Alert type="info" showIcon message={t('filings.authorityNote')} style={{ marginBottom: 12 }} />
      <ProTable<FilingSummary>
        rowKey="id"
        actionRef={action}
        columns={columns}
        search={{ labelWidth: 'auto' }}
        params={{ awaiting }}
        toolBarRender={() => [
          <Space key="a">
            <Switch checked={awaiting} onChange={setAwaiting} data-testid="filing-awaiting" />
            {t('filings.awaitingOnly')}
          </Space>,
          mayImport ? (
            <Button key="i" onClick={() => setImporting(true)} data-testid="filing-import">
              {t('filings.importAction')}
            </Button>
          ) : null,
        ]}
        request={async (params) => {
          const q: Query = {
            page: params.current,
            pageSize: params.pageSize,
            kind: params.kind as string | undefined,
            status: params.status as string | undefined,
            q: params.q as string | undefined,
            awaitingReview: awaiting || undefined,
          };
          const r = await listFilings(q);
          setRegions([...new Set(r.data.map((x) => x.regionCode))]);
          return { data: r.data, total: r.total, success: true };
        }}
        pagination={{ defaultPageSize: 20 }}
      />
      {importing ? (
        <ImportModal
          open={importing}
          onClose={() => setImporting(false)}
          onImported={() => void action.current?.reload()}
          door={door}
        />
      ) : null}
      {open !== null && (
        <FilingDrawer
          id={open}
          onClose={() => setOpen(null)}
          onChanged={() => void action.current?.reload()}
        />
      )}
    </PageContainer>
  );
};
