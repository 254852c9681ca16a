/**
 * 白名单/黑名单 (issue 17 item 5, seed 002 三(三)3): the lists computed from the stated, provisional
 * rules (declarationListRules), each entry with the rules it meets and its effect on the random-inspection
 * probability; a commission confirms or removes an entry with a reason (audited).
 */
import { PageContainer } from '@ant-design/pro-components';
import { declarationListRules, type OversightListEntry } from '@ohp/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { reportError } from '../../shared/errors';
import { ExportButton } from '../../shared/ExportButton';
import { fmtDateTime } from '../../shared/format';
import { pickText } from '../equipment/api';
import { OVERSIGHT_KEY, decideList, exportLists, getLists } from './api';

type Decide = { entry: OversightListEntry; action: 'confirm' | 'remove' } | null;

const ruleText = (id: string) =>
  [...declarationListRules.white, ...declarationListRules.black].find((r) => r.id === id);

export const ListsPage = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const k = (s: string) => t(`declarationOversight.lists.${s}`);
  const [list, setList] = useState<'white' | 'black'>('black');
  const [state, setState] = useState<'pending' | 'confirmed' | 'removed' | undefined>();
  const [page, setPage] = useState(1);
  const [deciding, setDeciding] = useState<Decide>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const query = { list, state, page, pageSize: 20 };
  const q = useQuery({ queryKey: [OVERSIGHT_KEY, 'lists', query], queryFn: () => getLists(query) });
  const m = useMutation({
    mutationFn: (reason: string) =>
      decideList({
        employerId: deciding!.entry.employerId,
        list: deciding!.entry.list,
        action: deciding!.action,
        reason,
      }),
    onSuccess: () => {
      setDeciding(null);
      void qc.invalidateQueries({ queryKey: [OVERSIGHT_KEY] });
    },
    onError: (e) => reportError(message, e, form),
  });
  const r = q.data;
  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <Alert type="info" showIcon message={k('intro')} style={{ marginBottom: 12 }} />
      <Card size="small" title={k('rulesTitle')} style={{ marginBottom: 12 }}>
        <Space direction="vertical" size={2}>
          <div>
            <Tag color="orange">{k('uncertain')}</Tag>
            <Typography.Text type="secondary">{pickText(declarationListRules.source)}</Typography.Text>
          </div>
          <Typography.Text
            strong
          >{`${k('white')}（×${declarationListRules.inspectionMultiplier.white}）`}</Typography.Text>
          {declarationListRules.white.map((x) => (
            <Typography.Text key={x.id}>{`${x.id} ${pickText(x)}`}</Typography.Text>
          ))}
          <Typography.Text
            strong
          >{`${k('black')}（×${declarationListRules.inspectionMultiplier.black}）`}</Typography.Text>
          {declarationListRules.black.map((x) => (
            <Typography.Text key={x.id}>{`${x.id} ${pickText(x)}`}</Typography.Text>
          ))}
          <Typography.Text type="secondary">{pickText(declarationListRules.notes)}</Typography.Text>
          <Link to="/declaration-oversight/inspections" data-testid="lists-inspections-link">
            {k('effect')}
          </Link>
        </Space>
      </Card>
      <Card size="small">
        <Space wrap style={{ marginBottom: 8 }}>
          <Segmented
            value={list}
            onChange={(v) => {
              setList(v as 'white' | 'black');
              setPage(1);
            }}
            options={[
              { value: 'black', label: k('black') },
              { value: 'white', label: k('white') },
            ]}
          />
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={k('state')}
            value={state}
            onChange={(v) => {
              setState(v);
              setPage(1);
            }}
            options={(['pending', 'confirmed', 'removed'] as const).map((s) => ({
              value: s,
              label: k(`states.${s}`),
            }))}
          />
          {r && (
            <Typography.Text type="secondary">
              {t('declarationOversight.lists.counts', r.counts)}
            </Typography.Text>
          )}
          <ExportButton testId="employer-lists-export" onExport={() => exportLists({ list, state })} />
        </Space>
        <Table<OversightListEntry>
          rowKey={(e) => `${e.employerId}:${e.list}`}
          size="small"
          loading={q.isLoading}
          data-testid="oversight-lists"
          dataSource={r?.data ?? []}
          locale={{ emptyText: k('empty') }}
          scroll={{ x: 900 }}
          pagination={{ current: page, pageSize: 20, total: r?.total ?? 0, onChange: setPage }}
          columns={[
            { title: t('declarationOversight.name'), dataIndex: 'name', width: 240, fixed: 'left' },
            { title: t('declarationOversight.region'), dataIndex: 'regionName', width: 100 },
            {
              title: k('rules'),
              dataIndex: 'rules',
              width: 160,
              render: (rules: string[]) => (
                <Space size={2} wrap>
                  {rules.map((id) => (
                    <Tooltip key={id} title={ruleText(id) ? pickText(ruleText(id)!) : id}>
                      <Tag>{id}</Tag>
                    </Tooltip>
                  ))}
                </Space>
              ),
            },
            {
              title: k('multiplier'),
              dataIndex: 'inspectionMultiplier',
              width: 110,
              render: (v: number) => `×${v}`,
            },
            {
              title: k('state'),
              dataIndex: 'state',
              width: 200,
              render: (s: OversightListEntry['state'], e) => (
                <Space direction="vertical" size={0}>
                  <Tag color={s === 'confirmed' ? 'green' : s === 'removed' ? 'default' : 'blue'}>
                    {k(`states.${s}`)}
                  </Tag>
                  {e.reason && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('declarationOversight.lists.decided', {
                        at: fmtDateTime(e.decidedAt),
                        reason: e.reason,
                      })}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            ...(r?.abilities.decide
              ? [
                  {
                    title: '',
                    key: 'actions',
                    width: 150,
                    render: (_: unknown, e: OversightListEntry) => (
                      <Space>
                        {e.state !== 'confirmed' && (
                          <Button size="small" onClick={() => setDeciding({ entry: e, action: 'confirm' })}>
                            {k('confirm')}
                          </Button>
                        )}
                        {e.state !== 'removed' && (
                          <Button
                            size="small"
                            danger
                            onClick={() => setDeciding({ entry: e, action: 'remove' })}
                          >
                            {k('remove')}
                          </Button>
                        )}
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Modal
        open={deciding !== null}
        destroyOnHidden
        title={
          deciding
            ? t('declarationOversight.lists.decideTitle', {
                action: k(deciding.action),
                name: deciding.entry.name,
              })
            : ''
        }
        onCancel={() => setDeciding(null)}
        onOk={() => form.submit()}
        confirmLoading={m.isPending}
      >
        <Form form={form} layout="vertical" preserve={false} onFinish={(v) => m.mutate(v.reason)}>
          <Form.Item
            name="reason"
            label={k('reason')}
            rules={[{ required: true, whitespace: true, message: k('reasonRequired') }]}
          >
            <Input.TextArea maxLength={500} rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
};
