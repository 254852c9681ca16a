/**
 * 双随机抽查 (issue 17 item 5: the white and black lists' effect on inspection frequency): a health
 * commission draws the employers of its region to inspect, each weighted by its list (provisional
 * weights), from a recorded seed; every reader in the region sees the draws of its region and of the
 * regions containing it, with the drawn employers in its own scope, the figures per list and a replay.
 */
import { PageContainer } from '@ant-design/pro-components';
import {
  employerRiskClasses,
  inspectionDrawMethod,
  type InspectionDrawListFigures,
  type InspectionDrawUnit,
  type InspectionList,
} from '@ohp/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { reportError } from '../../shared/errors';
import { fmtDateTime } from '../../shared/format';
import { RegionPicker } from '../../shared/RegionPicker';
import { riskKeyOf } from '../employers/api';
import { pickText } from '../equipment/api';
import {
  OVERSIGHT_KEY,
  drawInspections,
  getInspectionDraw,
  listInspectionDraws,
  pct,
  verifyInspectionDraw,
} from './api';
import { VerifyDrawButton } from './VerifyDrawButton';

const LIST_COLOURS: Record<InspectionList, string | undefined> = {
  white: 'green',
  black: 'red',
  none: undefined,
};

type DrawValues = {
  year: number;
  planned: number;
  region?: string;
  riskClasses?: Array<(typeof employerRiskClasses)[number]>;
  seed?: string;
  title?: string;
};

const DrawModal = ({
  open,
  onClose,
  onDone,
}: {
  open: boolean;
  onClose: () => void;
  onDone: (id: number) => void;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useAuth();
  const [form] = Form.useForm<DrawValues>();
  const k = (s: string) => t(`declarationOversight.inspections.${s}`);
  const own = me?.organisation.regionCode.slice(0, 6) ?? '';
  const m = useMutation({
    mutationFn: (v: DrawValues) =>
      drawInspections({
        year: v.year,
        planned: v.planned,
        region: v.region ? v.region.slice(0, 6) : undefined,
        riskClasses: v.riskClasses?.length ? v.riskClasses : undefined,
        seed: v.seed?.trim() || undefined,
        title: v.title?.trim() || undefined,
      }),
    onSuccess: (d) => onDone(d.id),
    onError: (e) => reportError(message, e, form),
  });
  return (
    <Modal
      open={open}
      title={k('draw')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={m.isPending}
      okText={k('submitDraw')}
      destroyOnHidden
    >
      <Form<DrawValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ year: new Date().getFullYear(), planned: 10, region: own }}
        onFinish={(v) => m.mutate(v)}
        data-testid="inspection-draw-form"
      >
        <Form.Item name="year" label={k('year')} rules={[{ required: true }]}>
          <InputNumber min={2020} max={2100} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="planned" label={k('planned')} rules={[{ required: true }]}>
          <InputNumber min={1} max={2000} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="region" label={k('region')}>
          <RegionPicker rootCode={own} allowClear={false} />
        </Form.Item>
        <Form.Item name="riskClasses" label={k('riskClasses')}>
          <Checkbox.Group
            options={employerRiskClasses.map((r) => ({
              value: r,
              label: t(`employers.risk.${riskKeyOf(r)}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="seed" label={k('seed')}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="title" label={k('title')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
};

export const InspectionDrawsPage = () => {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const k = (s: string, o?: Record<string, unknown>) => t(`declarationOversight.inspections.${s}`, o);
  const listName = (l: InspectionList) => k(`listNames.${l}`);
  const [selected, setSelected] = useState<number | null>(null);
  const [drawing, setDrawing] = useState(false);
  const list = useQuery({
    queryKey: [OVERSIGHT_KEY, 'inspection-draws'],
    queryFn: () => listInspectionDraws({ pageSize: 50 }),
  });
  const id = selected ?? list.data?.data[0]?.id ?? null;
  const detail = useQuery({
    queryKey: [OVERSIGHT_KEY, 'inspection-draw', id],
    queryFn: () => getInspectionDraw(id!),
    enabled: id !== null,
  });
  const d = detail.data;
  return (
    <PageContainer title={false} breadcrumbRender={false} loading={list.isLoading}>
      <Alert type="info" showIcon message={k('intro')} style={{ marginBottom: 12 }} />
      <Space style={{ marginBottom: 12 }} wrap>
        {list.data?.abilities.draw ? (
          <Button type="primary" onClick={() => setDrawing(true)} data-testid="inspection-draw">
            {k('draw')}
          </Button>
        ) : (
          <Typography.Text type="secondary">{k('readOnly')}</Typography.Text>
        )}
      </Space>
      <Card size="small" title={k('records')} style={{ marginBottom: 12 }}>
        {list.data && list.data.data.length === 0 ? (
          <Typography.Text type="secondary">{k('none')}</Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={list.data?.data ?? []}
            data-testid="inspection-draws"
            renderItem={(s) => (
              <List.Item
                onClick={() => setSelected(s.id)}
                style={{ cursor: 'pointer', background: s.id === id ? 'rgba(22,119,255,0.06)' : undefined }}
              >
                <Space wrap>
                  <Typography.Text strong>{s.title ?? `${s.regionName} ${s.year}`}</Typography.Text>
                  <Tag>{s.regionName}</Tag>
                  <Typography.Text type="secondary">
                    {k('drawnOf', { drawn: s.drawn, population: s.populationCount })}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {k('by', { organisation: s.organisation, user: s.drawnBy })} · {fmtDateTime(s.drawnAt)}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        )}
      </Card>
      {d && (
        <>
          <Card
            size="small"
            title={d.title ?? `${d.regionName} ${d.year}`}
            style={{ marginBottom: 12 }}
            extra={
              <VerifyDrawButton
                verify={() => verifyInspectionDraw(d.id)}
                label={k('verify')}
                ok={k('verifyOk')}
                bad={k('verifyBad')}
                testId="inspection-verify"
              />
            }
          >
            <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="inspection-detail">
              <Descriptions.Item label={k('year')}>{d.year}</Descriptions.Item>
              <Descriptions.Item label={k('region')}>{d.regionName}</Descriptions.Item>
              <Descriptions.Item label={k('riskClass')}>
                {d.riskClasses.length
                  ? d.riskClasses.map((r) => t(`employers.risk.${riskKeyOf(r)}`)).join(' / ')
                  : k('allClasses')}
              </Descriptions.Item>
              <Descriptions.Item label={k('population')}>
                {k('drawnOf', { drawn: d.drawn, population: d.populationCount })}
              </Descriptions.Item>
              <Descriptions.Item label={k('weights')}>
                <Space size={4} wrap>
                  {k('weightsText', d.weights)}
                  {d.weightsProvisional && (
                    <Tag color="orange">{t('declarationOversight.lists.uncertain')}</Tag>
                  )}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={k('seed').replace(/（.*）|\(.*\)/, '')}>{d.seed}</Descriptions.Item>
              <Descriptions.Item label={k('method')}>{pickText(inspectionDrawMethod)}</Descriptions.Item>
              <Descriptions.Item label={k('digest')}>
                <Typography.Text code style={{ wordBreak: 'break-all', fontSize: 11 }}>
                  {d.populationDigest}
                </Typography.Text>
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={k('byList')} style={{ marginBottom: 12 }}>
            <Table<InspectionDrawListFigures>
              rowKey="list"
              size="small"
              pagination={false}
              scroll={{ x: 520 }}
              dataSource={d.lists}
              data-testid="inspection-lists"
              columns={[
                {
                  title: k('list'),
                  dataIndex: 'list',
                  width: 120,
                  render: (l: InspectionList) => <Tag color={LIST_COLOURS[l]}>{listName(l)}</Tag>,
                },
                { title: k('weight'), dataIndex: 'weight', width: 80, render: (w: number) => `×${w}` },
                { title: k('population'), dataIndex: 'population', width: 110 },
                { title: k('drawn'), dataIndex: 'drawn', width: 80 },
                { title: k('rate'), dataIndex: 'rate', width: 100, render: (r: number | null) => pct(r) },
              ]}
            />
          </Card>
          <Card size="small" title={k('units')}>
            {d.unitsElsewhere > 0 && (
              <Typography.Paragraph type="secondary">
                {k('elsewhere', { n: d.unitsElsewhere })}
              </Typography.Paragraph>
            )}
            <Table<InspectionDrawUnit>
              rowKey="employerId"
              size="small"
              pagination={{ pageSize: 30, hideOnSinglePage: true }}
              scroll={{ x: 760 }}
              dataSource={d.units}
              data-testid="inspection-units"
              columns={[
                { title: k('rank'), dataIndex: 'rank', width: 60 },
                { title: t('declarationOversight.name'), dataIndex: 'name', width: 240 },
                { title: k('region_'), dataIndex: 'regionName', width: 120 },
                {
                  title: k('riskClass'),
                  dataIndex: 'riskClass',
                  width: 90,
                  render: (r: string) => t(`employers.risk.${riskKeyOf(r)}`),
                },
                {
                  title: k('list'),
                  dataIndex: 'list',
                  width: 130,
                  render: (l: InspectionList, u) => (
                    <Tag color={LIST_COLOURS[l]}>
                      {listName(l)} ×{u.weight}
                    </Tag>
                  ),
                },
              ]}
            />
          </Card>
        </>
      )}
      <DrawModal
        open={drawing}
        onClose={() => setDrawing(false)}
        onDone={(newId) => {
          setDrawing(false);
          setSelected(newId);
          void qc.invalidateQueries({ queryKey: [OVERSIGHT_KEY] });
        }}
      />
    </PageContainer>
  );
};
