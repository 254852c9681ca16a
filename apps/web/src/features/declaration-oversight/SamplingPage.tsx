/**
 * 申报抽查 (issue 17 item 5, seed 002 三(三)2): the province's sampling checks; the provincial commission
 * draws (recorded seed) and records each drawn employer's check; everyone in the province sees the
 * per-city assessment (provisional formula) and a city or county its own drawn employers.
 */
import { PageContainer } from '@ant-design/pro-components';
import {
  samplingAssessment,
  samplingMethod,
  type DeclarationMeasure,
  type DeclarationSamplingCity,
  type DeclarationSamplingUnit,
} from '@ohp/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { reportError } from '../../shared/errors';
import { ExportButton } from '../../shared/ExportButton';
import { fmtDateTime } from '../../shared/format';
import { pickText } from '../equipment/api';
import {
  OVERSIGHT_KEY,
  drawSampling,
  exportSamplings,
  exportSamplingUnits,
  getSampling,
  listSamplings,
  pct,
  recordSamplingCheck,
  verifySampling,
} from './api';
import { VerifyDrawButton } from './VerifyDrawButton';

type DrawValues = {
  year: number;
  perCity: number;
  seed?: string;
  measure: DeclarationMeasure;
  title?: string;
};
type RecordValues = {
  declared: boolean;
  industryAccurate?: boolean;
  sizeAccurate?: boolean;
  factorsAccurate?: boolean;
  note?: string;
};

const YesNo = ({ v }: { v: boolean | null }) => {
  const { t } = useTranslation();
  if (v === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return v ? (
    <Tag color="green">{t('declarationOversight.yes')}</Tag>
  ) : (
    <Tag color="red">{t('declarationOversight.no')}</Tag>
  );
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
  const [form] = Form.useForm();
  const k = (s: string) => t(`declarationOversight.sampling.${s}`);
  const m = useMutation({
    mutationFn: (v: {
      year: number;
      perCity: number;
      seed?: string;
      measure: DeclarationMeasure;
      title?: string;
    }) => drawSampling({ ...v, seed: v.seed?.trim() || undefined, title: v.title?.trim() || undefined }),
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
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ year: new Date().getFullYear(), perCity: 5, measure: 'b' }}
        onFinish={(v: DrawValues) => m.mutate(v)}
      >
        <Form.Item name="year" label={k('year')} rules={[{ required: true }]}>
          <InputNumber min={2020} max={2100} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="perCity" label={k('perCity')} rules={[{ required: true }]}>
          <InputNumber min={1} max={500} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="measure" label={k('list')}>
          <Select
            options={(['b', 'a', 'industrial', 'all'] as const).map((x) => ({
              value: x,
              label: t(`declarationOversight.measures.${x}`),
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

const RecordModal = ({
  samplingId,
  unit,
  onClose,
}: {
  samplingId: number;
  unit: DeclarationSamplingUnit | null;
  onClose: () => void;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const declared = Form.useWatch('declared', form) as boolean | undefined;
  const k = (s: string) => t(`declarationOversight.sampling.${s}`);
  const m = useMutation({
    mutationFn: (v: {
      declared: boolean;
      industryAccurate?: boolean;
      sizeAccurate?: boolean;
      factorsAccurate?: boolean;
      note?: string;
    }) =>
      recordSamplingCheck(samplingId, {
        employerId: unit!.employerId,
        declared: v.declared,
        industryAccurate: v.declared ? (v.industryAccurate ?? null) : null,
        sizeAccurate: v.declared ? (v.sizeAccurate ?? null) : null,
        factorsAccurate: v.declared ? (v.factorsAccurate ?? null) : null,
        note: v.note?.trim() || null,
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: [OVERSIGHT_KEY] });
      onClose();
    },
    onError: (e) => reportError(message, e, form),
  });
  const yn = [
    { value: true, label: t('declarationOversight.yes') },
    { value: false, label: t('declarationOversight.no') },
  ];
  return (
    <Modal
      open={unit !== null}
      destroyOnHidden
      title={unit ? t('declarationOversight.sampling.recordTitle', { name: unit.name }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={k('save')}
      confirmLoading={m.isPending}
    >
      {unit && (
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{
            declared: unit.declared ?? undefined,
            industryAccurate: unit.industryAccurate ?? undefined,
            sizeAccurate: unit.sizeAccurate ?? undefined,
            factorsAccurate: unit.factorsAccurate ?? undefined,
            note: unit.note ?? undefined,
          }}
          onFinish={(v: RecordValues) => m.mutate(v)}
        >
          <Form.Item name="declared" label={k('declared')} rules={[{ required: true }]}>
            <Radio.Group options={yn} />
          </Form.Item>
          {declared === false && (
            <Typography.Paragraph type="secondary">{k('notApplicable')}</Typography.Paragraph>
          )}
          {declared === true &&
            (['industryAccurate', 'sizeAccurate', 'factorsAccurate'] as const).map((f) => (
              <Form.Item key={f} name={f} label={k(f)} rules={[{ required: true }]}>
                <Radio.Group options={yn} />
              </Form.Item>
            ))}
          <Form.Item name="note" label={k('note')}>
            <Input.TextArea maxLength={500} rows={2} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
};

export const SamplingPage = () => {
  const { t } = useTranslation();
  const { me, can } = useAuth();
  const qc = useQueryClient();
  const k = (s: string) => t(`declarationOversight.sampling.${s}`);
  const [selected, setSelected] = useState<number | null>(null);
  const [drawing, setDrawing] = useState(false);
  const [recording, setRecording] = useState<DeclarationSamplingUnit | null>(null);
  const list = useQuery({ queryKey: [OVERSIGHT_KEY, 'samplings'], queryFn: listSamplings });
  const id = selected ?? list.data?.data[0]?.id ?? null;
  const detail = useQuery({
    queryKey: [OVERSIGHT_KEY, 'sampling', id],
    queryFn: () => getSampling(id!),
    enabled: id !== null,
  });
  const isProvince =
    me?.organisation.kind === 'health_commission' &&
    me.organisation.regionCode.length === 2 &&
    can('declaration_oversight:manage');
  const d = detail.data;
  return (
    <PageContainer title={false} breadcrumbRender={false} loading={list.isLoading}>
      <Alert type="info" showIcon message={k('intro')} style={{ marginBottom: 12 }} />
      <Space style={{ marginBottom: 12 }} wrap>
        {isProvince ? (
          <Button type="primary" onClick={() => setDrawing(true)} data-testid="sampling-draw">
            {k('draw')}
          </Button>
        ) : (
          <Typography.Text type="secondary">{k('provinceOnly')}</Typography.Text>
        )}
      </Space>
      <Card
        size="small"
        title={k('list_')}
        style={{ marginBottom: 12 }}
        extra={
          list.data?.data.length ? (
            <ExportButton size="small" testId="samplings-export" onExport={exportSamplings} />
          ) : null
        }
      >
        {list.data && list.data.data.length === 0 ? (
          <Typography.Text type="secondary">{k('none')}</Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={list.data?.data ?? []}
            renderItem={(s) => (
              <List.Item
                onClick={() => setSelected(s.id)}
                style={{ cursor: 'pointer', background: s.id === id ? 'rgba(22,119,255,0.06)' : undefined }}
              >
                <Space wrap>
                  <Typography.Text strong>{s.title ?? `${s.year}`}</Typography.Text>
                  <Tag color={s.status === 'completed' ? 'green' : 'blue'}>{k(`status.${s.status}`)}</Tag>
                  <Typography.Text type="secondary">
                    {t('declarationOversight.sampling.drawnChecked', { drawn: s.drawn, checked: s.checked })}
                  </Typography.Text>
                  <Typography.Text type="secondary">{fmtDateTime(s.drawnAt)}</Typography.Text>
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
            title={d.title ?? d.year}
            style={{ marginBottom: 12 }}
            extra={
              <VerifyDrawButton
                verify={() => verifySampling(d.id)}
                label={k('verify')}
                ok={k('verifyOk')}
                bad={k('verifyBad')}
                testId="sampling-verify"
              />
            }
          >
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={k('year')}>{d.year}</Descriptions.Item>
              <Descriptions.Item label={k('list')}>
                {t(`declarationOversight.measures.${d.measure}`)}
              </Descriptions.Item>
              <Descriptions.Item label={k('perCity')}>{d.perCity}</Descriptions.Item>
              <Descriptions.Item label={k('population')}>{d.populationCount}</Descriptions.Item>
              <Descriptions.Item label={k('seed').replace(/（.*）|\(.*\)/, '')}>{d.seed}</Descriptions.Item>
              <Descriptions.Item label={k('method')}>{pickText(samplingMethod)}</Descriptions.Item>
              <Descriptions.Item label={k('digest')}>
                <Typography.Text code style={{ wordBreak: 'break-all', fontSize: 11 }}>
                  {d.populationDigest}
                </Typography.Text>
              </Descriptions.Item>
            </Descriptions>
            <Alert
              type="warning"
              showIcon
              message={k('formulaTitle')}
              description={pickText(samplingAssessment)}
            />
          </Card>
          <Card size="small" title={k('cities')} style={{ marginBottom: 12 }}>
            <Table<DeclarationSamplingCity>
              rowKey="cityCode"
              size="small"
              pagination={false}
              scroll={{ x: 700 }}
              dataSource={d.cities}
              data-testid="sampling-cities"
              columns={[
                { title: k('city'), dataIndex: 'cityName', width: 120 },
                { title: k('population'), dataIndex: 'population', width: 90 },
                { title: k('drawn'), dataIndex: 'drawn', width: 70 },
                { title: k('checked'), dataIndex: 'checked', width: 70 },
                {
                  title: k('systemRate'),
                  dataIndex: 'systemRate',
                  width: 120,
                  render: (v: number | null) => pct(v),
                },
                {
                  title: k('verifiedRate'),
                  dataIndex: 'verifiedRate',
                  width: 120,
                  render: (v: number | null) => pct(v),
                },
              ]}
            />
          </Card>
          <Card
            size="small"
            title={k('units')}
            extra={
              <ExportButton
                size="small"
                testId="sampling-units-export"
                onExport={() => exportSamplingUnits(d.id)}
              />
            }
          >
            <Table<DeclarationSamplingUnit>
              rowKey="employerId"
              size="small"
              pagination={{ pageSize: 30, hideOnSinglePage: true }}
              scroll={{ x: 1100 }}
              dataSource={d.units}
              data-testid="sampling-units"
              columns={[
                { title: k('city'), dataIndex: 'cityName', width: 90 },
                { title: k('rank'), dataIndex: 'rank', width: 50 },
                { title: t('declarationOversight.name'), dataIndex: 'name', width: 220 },
                {
                  title: k('declaredInSystem'),
                  dataIndex: 'declaredInSystem',
                  width: 90,
                  render: (v: boolean) => <YesNo v={v} />,
                },
                {
                  title: k('declared'),
                  dataIndex: 'declared',
                  width: 90,
                  render: (v: boolean | null, u) =>
                    u.checkedAt ? <YesNo v={v} /> : <Tag>{k('notChecked')}</Tag>,
                },
                {
                  title: k('industryAccurate'),
                  dataIndex: 'industryAccurate',
                  width: 80,
                  render: (v: boolean | null) => <YesNo v={v} />,
                },
                {
                  title: k('sizeAccurate'),
                  dataIndex: 'sizeAccurate',
                  width: 80,
                  render: (v: boolean | null) => <YesNo v={v} />,
                },
                {
                  title: k('factorsAccurate'),
                  dataIndex: 'factorsAccurate',
                  width: 90,
                  render: (v: boolean | null) => <YesNo v={v} />,
                },
                { title: k('note'), dataIndex: 'note', width: 200 },
                ...(d.abilities.record
                  ? [
                      {
                        title: '',
                        key: 'record',
                        width: 80,
                        fixed: 'right' as const,
                        render: (_: unknown, u: DeclarationSamplingUnit) => (
                          <Button size="small" onClick={() => setRecording(u)}>
                            {k('record')}
                          </Button>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
          <RecordModal samplingId={d.id} unit={recording} onClose={() => setRecording(null)} />
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
