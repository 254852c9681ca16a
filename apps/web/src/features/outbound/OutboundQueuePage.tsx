/**
 * 告知书签收 — the health department's queue of outbound-exam notices: by default the ones routed to it
 * (its county's employers, or a delegated county's for a city), awaiting acknowledgement first; the
 * switch shows every submitted notice for employers in its region (the QC centre reads the province's).
 * 详情 shows the notice and its printable copy; 签收 when the server allows it (`abilities.acknowledge`).
 */
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { outboundStatuses, type OutboundNoticeSummary } from '@ohp/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Input, Modal, Space, Spin, Switch } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Query } from '../../shared/api';
import { reportError } from '../../shared/errors';
import { fmtDateTime } from '../../shared/format';
import { useAuth } from '../../app/auth';
import { useRegionNames } from '../exam-cards/api';
import { OUTBOUND_KEY, acknowledgeNotice, getNotice, listNotices } from './api';
import { NoticeView, StatusTag } from './NoticeView';

const AckDrawer = ({
  id,
  onClose,
  onChanged,
}: {
  id: number;
  onClose: () => void;
  onChanged: () => void;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: [OUTBOUND_KEY, 'detail', id], queryFn: () => getNotice(id) });
  const [acking, setAcking] = useState(false);
  const [note, setNote] = useState('');
  const n = q.data;
  return (
    <Drawer
      open
      width={900}
      onClose={onClose}
      title={n ? `${n.institutionName} → ${n.employerName}` : t('outbound.detail')}
      extra={
        n?.abilities.acknowledge && (
          <Button type="primary" onClick={() => setAcking(true)} data-testid="outbound-acknowledge">
            {t('outbound.acknowledge')}
          </Button>
        )
      }
    >
      {!n ? <Spin /> : <NoticeView n={n} />}
      <Modal
        open={acking}
        title={t('outbound.acknowledge')}
        onCancel={() => setAcking(false)}
        okButtonProps={{ id: 'outbound-acknowledge-ok' }}
        onOk={async () => {
          try {
            await acknowledgeNotice(id, note);
            message.success(t('outbound.acknowledged'));
            setAcking(false);
            await qc.invalidateQueries({ queryKey: [OUTBOUND_KEY] });
            onChanged();
          } catch (e) {
            reportError(message, e);
          }
        }}
        destroyOnHidden
      >
        <Input.TextArea
          rows={3}
          maxLength={2000}
          placeholder={t('outbound.acknowledgeNote')}
          onChange={(e) => setNote(e.target.value)}
        />
      </Modal>
    </Drawer>
  );
};

export const OutboundQueuePage = () => {
  const { t } = useTranslation();
  const { can } = useAuth();
  const action = useRef<ActionType>(null);
  const [open, setOpen] = useState<number | null>(null);
  const receiver = can('outbound:acknowledge');
  const [queue, setQueue] = useState(receiver);
  const [regions, setRegions] = useState<string[]>([]);
  const names = useRegionNames(regions);
  const columns: ProColumns<OutboundNoticeSummary>[] = [
    { title: t('outbound.institution'), dataIndex: 'institutionName', hideInSearch: true, width: 220 },
    { title: t('outbound.employer'), dataIndex: 'employerName', hideInSearch: true, width: 220 },
    { title: t('outbound.employerName'), dataIndex: 'q', hideInTable: true },
    {
      title: t('outbound.employerRegion'),
      dataIndex: 'employerRegionCode',
      hideInSearch: true,
      width: 160,
      render: (_, r) => names.path(r.employerRegionCode),
    },
    {
      title: t('outbound.dates'),
      dataIndex: 'startDate',
      hideInSearch: true,
      width: 200,
      render: (_, r) => `${r.startDate} ~ ${r.endDate}`,
    },
    { title: t('outbound.expectedCount'), dataIndex: 'expectedCount', hideInSearch: true, width: 100 },
    {
      title: t('outbound.status'),
      dataIndex: 'status',
      width: 170,
      valueType: 'select',
      valueEnum: Object.fromEntries(
        outboundStatuses.filter((s) => s !== 'draft').map((s) => [s, { text: t(`outbound.statuses.${s}`) }]),
      ),
      render: (_, r) => <StatusTag status={r.status} delegated={r.delegated} />,
    },
    {
      title: t('outbound.receiving'),
      dataIndex: 'receivingOrganisationName',
      hideInSearch: true,
      width: 170,
    },
    {
      title: t('outbound.submittedAt'),
      dataIndex: 'submittedAt',
      hideInSearch: true,
      width: 150,
      render: (_, r) => fmtDateTime(r.submittedAt),
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: 90,
      render: (_, r) => [
        <a key="d" onClick={() => setOpen(r.id)} data-testid={`outbound-open-${r.id}`}>
          {r.abilities.acknowledge ? t('outbound.acknowledge') : t('outbound.detail')}
        </a>,
      ],
    },
  ];
  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <Alert type="info" showIcon message={t('outbound.queueIntro')} style={{ marginBottom: 12 }} />
      <ProTable<OutboundNoticeSummary>
        rowKey="id"
        actionRef={action}
        columns={columns}
        search={{ labelWidth: 'auto' }}
        params={{ queue }}
        locale={{ emptyText: t('outbound.none') }}
        toolBarRender={() =>
          receiver
            ? [
                <Space key="q">
                  <Switch checked={queue} onChange={setQueue} data-testid="outbound-queue-only" />
                  {t('outbound.queueOnly')}
                </Space>,
              ]
            : []
        }
        request={async (params) => {
          const q: Query = {
            page: params.current,
            pageSize: params.pageSize,
            status: params.status as string | undefined,
            q: params.q as string | undefined,
            queue: queue || undefined,
          };
          const r = await listNotices(q);
          setRegions([...new Set(r.data.map((x) => x.employerRegionCode))]);
          return { data: r.data, total: r.total, success: true };
        }}
        pagination={{ defaultPageSize: 20 }}
      />
      {open !== null && (
        <AckDrawer id={open} onClose={() => setOpen(null)} onChanged={() => void action.current?.reload()} />
      )}
    </PageContainer>
  );
};
