/** GBZ 2.1 amendments (修改单): effective date and confirmation, kept by holders of standards:manage. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportError } from '../../shared/errors';
import { listAmendments, saveAmendment, type AmendmentInfo } from './api';
import { cutCell } from '../../shared/Ellipsis';

type Draft = { effectiveFrom: string | null; confirmed: boolean };

export const AmendmentsPanel = () => {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const { message } = App.useApp();
  const qc = useQueryClient();
  const query = useQuery({ queryKey: ['standards', 'amendments'], queryFn: listAmendments });
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const save = useMutation({
    mutationFn: (body: Draft & { id: string }) => saveAmendment(body),
    onSuccess: async (_r, body) => {
      void message.success(t('common.saved'));
      setDrafts(({ [body.id]: _done, ...rest }) => rest);
      await qc.invalidateQueries({ queryKey: ['standards'] });
    },
    onError: (e) => reportError(message, e),
  });

  const current = (a: AmendmentInfo): Draft =>
    drafts[a.id] ?? { effectiveFrom: a.effectiveFrom, confirmed: a.confirmed };
  const edit = (a: AmendmentInfo, patch: Partial<Draft>) =>
    setDrafts((d) => ({ ...d, [a.id]: { ...current(a), ...patch } }));

  const columns: ColumnsType<AmendmentInfo> = [
    {
      title: t('standards.amendments.id'),
      dataIndex: 'id',
      width: 200,
      render: (v: string, a) => (
        <>
          <div>{v}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {en ? a.titleEn : a.titleZh}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('standards.amendments.reported'),
      dataIndex: 'reportedDate',
      ...cutCell('reportedDate'),
      render: (v: unknown) => (typeof v === 'string' ? v : '-'),
    },
    {
      title: t('standards.amendments.effectiveFrom'),
      key: 'effectiveFrom',
      width: 170,
      render: (_: unknown, a) => {
        const v = current(a).effectiveFrom;
        return (
          <DatePicker
            size="small"
            value={v ? dayjs(v) : null}
            placeholder={t('standards.amendments.unset')}
            onChange={(d) => edit(a, { effectiveFrom: d ? d.format('YYYY-MM-DD') : null })}
            data-testid={`amendment-date-${a.id}`}
          />
        );
      },
    },
    {
      title: t('standards.amendments.confirmed'),
      key: 'confirmed',
      width: 90,
      render: (_: unknown, a) => (
        <Switch size="small" checked={current(a).confirmed} onChange={(c) => edit(a, { confirmed: c })} />
      ),
    },
    {
      title: t('standards.amendments.state'),
      key: 'state',
      width: 100,
      render: (_: unknown, a) =>
        !a.effectiveFrom ? (
          <Tag color="orange">{t('standards.amendments.unset')}</Tag>
        ) : a.confirmed ? (
          <Tag color="green">{t('standards.amendments.isConfirmed')}</Tag>
        ) : (
          <Tag color="gold">{t('standards.amendments.unconfirmed')}</Tag>
        ),
    },
    {
      title: t('common.actions'),
      key: 'save',
      width: 80,
      render: (_: unknown, a) => (
        <Button
          size="small"
          type="primary"
          disabled={!drafts[a.id]}
          loading={save.isPending && save.variables?.id === a.id}
          onClick={() => save.mutate({ id: a.id, ...current(a) })}
        >
          {t('common.save')}
        </Button>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title={t('standards.amendments.title')}
      style={{ marginTop: 16 }}
      data-testid="amendments-panel"
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('standards.amendments.hint')}
      </Typography.Paragraph>
      <Table<AmendmentInfo>
        size="small"
        rowKey="id"
        loading={query.isFetching}
        dataSource={query.data?.data ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
};
