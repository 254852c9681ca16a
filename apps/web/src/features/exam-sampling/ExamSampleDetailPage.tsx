/**
 * One draw of 个案卡抽查: its parameters (seed, method, candidate set and its digest), the drawn cards
 * with 一致 / 不一致 — 不一致 asks which fields differ from the paper report and a note — and the
 * per-institution summary (checked, matching, mismatch rate, which fields differed). 重新抽取核验 draws
 * again with the recorded seed and says whether the same cards come out; 导出结果 is the workbook.
 * Only the organisation that drew the sample records its checks (`abilities.record`); others read.
 */
import { ArrowLeftOutlined, DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import {
  sampleCheckFieldLabels,
  sampleCheckFields,
  type ExamSampleCard,
  type ExamSampleInstitution,
  type ExamSampleReplay,
  type SampleCheckField,
} from '@ohp/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Form,
  Input,
  Modal,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Statistic,
  Switch,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { currentLang } from '../../shared/i18n';
import { reportError } from '../../shared/errors';
import { fmtDate, fmtDateTime } from '../../shared/format';
import { CARDS_KEY, useRegionNames } from '../exam-cards/api';
import { ConclusionTag, useCardCodes } from '../exam-cards/codes';
import { ExamCardDetail } from '../exam-cards/ExamCardDetail';
import { ReviewModal, type ReviewTarget } from '../exam-cards/ReviewModal';
import { exportSample, getSample, pct, recordCheck, replaySample, SAMPLES_KEY } from './api';
import { sampleTitle } from './ExamSamplingPage';
import { cutCell, Ellipsis } from '../../shared/Ellipsis';

const fieldLabel = (f: string) => {
  const l = sampleCheckFieldLabels[f as SampleCheckField];
  return l ? (currentLang() === 'en' ? l.en : l.zh) : f;
};

/** 不一致: the fields that differ and a note; the earlier answer when changing a recorded check. */
const MismatchModal = ({
  card,
  onClose,
  onSave,
}: {
  card: ExamSampleCard | null;
  onClose: () => void;
  onSave: (fields: SampleCheckField[], note: string | null) => Promise<void>;
}) => {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ fields: SampleCheckField[]; note?: string }>();
  const [saving, setSaving] = useState(false);
  return (
    <Modal
      open={!!card}
      title={card ? t('sampling.mismatchTitle', { record: card.recordId }) : ''}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={{ danger: true, ...({ 'data-testid': 'mismatch-save' } as Record<string, string>) }}
      okText={t('sampling.mismatch')}
      afterOpenChange={(o) => {
        // The earlier answer, once the dialog has opened — unless the user already ticked or typed
        // (on a slow machine the opening ends after the first clicks, which this used to wipe).
        if (o && card && !form.isFieldsTouched())
          form.setFieldsValue({
            fields: (card.check && !card.check.matches
              ? card.check.differingFields
              : []) as SampleCheckField[],
            note: card.check?.note ?? undefined,
          });
      }}
      onOk={async () => {
        let v: { fields: SampleCheckField[]; note?: string };
        try {
          v = await form.validateFields();
        } catch {
          return;
        }
        setSaving(true);
        try {
          await onSave(v.fields, v.note?.trim() || null);
        } finally {
          setSaving(false);
        }
      }}
    >
      <Typography.Paragraph type="secondary">{t('sampling.mismatchIntro')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="fields"
          label={t('sampling.differingFields')}
          rules={[{ required: true, type: 'array', min: 1, message: t('sampling.fieldsRequired') }]}
        >
          <Checkbox.Group data-testid="mismatch-fields">
            <Row gutter={[8, 8]}>
              {sampleCheckFields.map((f) => (
                <Col span={8} key={f}>
                  <Checkbox value={f} data-field={f}>
                    {fieldLabel(f)}
                  </Checkbox>
                </Col>
              ))}
            </Row>
          </Checkbox.Group>
        </Form.Item>
        <Form.Item name="note" label={t('sampling.note')}>
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={t('sampling.notePlaceholder')}
            data-testid="mismatch-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
};

const CheckView = ({ c }: { c: ExamSampleCard }) => {
  const { t } = useTranslation();
  if (!c.check)
    return (
      <Tag bordered={false} data-testid="check-status" data-status="unchecked">
        {t('sampling.unchecked')}
      </Tag>
    );
  const by = (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {t('sampling.checkedBy', { name: c.check.checkedBy, at: fmtDateTime(c.check.checkedAt) })}
    </Typography.Text>
  );
  if (c.check.matches)
    return (
      <div style={{ lineHeight: '20px' }}>
        <Tag color="green" data-testid="check-status" data-status="match">
          {t('sampling.match')}
        </Tag>
        <div>{by}</div>
      </div>
    );
  return (
    <div style={{ lineHeight: '20px' }}>
      <Tag color="red" data-testid="check-status" data-status="mismatch">
        {t('sampling.mismatch')}
      </Tag>
      {c.check.differingFields.map((f) => (
        <Tag key={f} bordered={false} color="volcano" style={{ marginBlock: 2 }}>
          {fieldLabel(f)}
        </Tag>
      ))}
      {c.check.note ? (
        <div>
          <Typography.Text style={{ fontSize: 12 }}>{c.check.note}</Typography.Text>
        </div>
      ) : null}
      <div>{by}</div>
    </div>
  );
};

export const ExamSampleDetailPage = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: [SAMPLES_KEY, id], queryFn: () => getSample(id), enabled: id > 0 });
  const codes = useCardCodes();
  const s = q.data;
  const regions = useRegionNames(s ? [s.scopeRegionCode] : []);
  const [onlyUnchecked, setOnlyUnchecked] = useState(false);
  const [institution, setInstitution] = useState<number | undefined>();
  const [mismatch, setMismatch] = useState<ExamSampleCard | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const [viewing, setViewing] = useState<number | null>(null);
  const [review, setReview] = useState<ReviewTarget | null>(null);
  const [replay, setReplay] = useState<ExamSampleReplay | null>(null);
  const [replaying, setReplaying] = useState(false);

  if (q.isLoading) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (!s)
    return (
      <Result
        status="404"
        title={t('sampling.title')}
        extra={<Link to="/exam-samples">{t('sampling.back')}</Link>}
      />
    );

  const save = async (
    c: ExamSampleCard,
    matches: boolean,
    fields: SampleCheckField[] = [],
    note: string | null = null,
  ) => {
    setBusy(c.cardId);
    try {
      await recordCheck(s.id, { cardId: c.cardId, matches, differingFields: fields, note });
      void message.success(t('sampling.recorded'));
      setMismatch(null);
      await qc.invalidateQueries({ queryKey: [SAMPLES_KEY] });
    } catch (e) {
      reportError(message, e);
    } finally {
      setBusy(null);
    }
  };

  const cards = s.cards.filter(
    (c) => (!onlyUnchecked || !c.check) && (institution === undefined || c.institutionId === institution),
  );
  const canRecord = s.abilities.record;

  const cardColumns = [
    {
      title: t('sampling.institution'),
      key: 'institution',
      width: 150,
      render: (_: unknown, c: ExamSampleCard) => <Ellipsis tip={c.institutionName} width={134} />,
    },
    { title: t('sampling.rank'), dataIndex: 'rank', width: 50 },
    {
      title: t('sampling.record'),
      key: 'record',
      width: 200,
      render: (_: unknown, c: ExamSampleCard) => (
        <div style={{ lineHeight: '20px' }}>
          <a onClick={() => setViewing(c.cardId)} data-testid="sample-card-open">
            {c.recordId}
          </a>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.examNo ?? '-'} · {fmtDate(c.examDate)} {codes.examTypes.name(c.examTypeCode)}
            </Typography.Text>
          </div>
          {c.currentVersion !== c.cardVersion ? (
            <Tag color="gold" bordered={false} style={{ fontSize: 11 }}>
              {t('sampling.changedSince', { from: c.cardVersion, to: c.currentVersion })}
            </Tag>
          ) : null}
        </div>
      ),
    },
    {
      title: t('sampling.worker'),
      key: 'worker',
      width: 140,
      render: (_: unknown, c: ExamSampleCard) => (
        <div style={{ lineHeight: '20px', whiteSpace: 'nowrap' }}>
          <div>{c.workerName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
            {c.workerIdNumber}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('sampling.employer'),
      dataIndex: 'employerName',
      width: 150,
      ...cutCell('employerName'),
    },
    {
      title: t('sampling.conclusion'),
      key: 'conclusion',
      width: 110,
      render: (_: unknown, c: ExamSampleCard) => (
        <>
          {[...new Set(c.conclusionCodes)].map((k) => (
            <ConclusionTag key={k} code={k} names={codes.conclusions} />
          ))}
        </>
      ),
    },
    {
      title: t('sampling.check'),
      key: 'check',
      width: 250,
      render: (_: unknown, c: ExamSampleCard) => <CheckView c={c} />,
    },
    ...(canRecord
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 136,
            fixed: 'right' as const,
            render: (_: unknown, c: ExamSampleCard) => (
              <Space size={6}>
                <Button
                  size="small"
                  type={c.check?.matches ? 'primary' : 'default'}
                  loading={busy === c.cardId}
                  onClick={() => void save(c, true)}
                  data-testid="check-match"
                >
                  {t('sampling.match')}
                </Button>
                <Button
                  size="small"
                  danger
                  type={c.check && !c.check.matches ? 'primary' : 'default'}
                  onClick={() => setMismatch(c)}
                  data-testid="check-mismatch"
                >
                  {t('sampling.mismatch')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const totals = s.institutions.reduce(
    (a, i) => ({
      candidates: a.candidates + i.candidates,
      drawn: a.drawn + i.drawn,
      checked: a.checked + i.checked,
      matching: a.matching + i.matching,
      mismatched: a.mismatched + i.mismatched,
    }),
    { candidates: 0, drawn: 0, checked: 0, matching: 0, mismatched: 0 },
  );
  const summaryColumns = [
    { title: t('sampling.institution'), dataIndex: 'institutionName', ...cutCell('institutionName') },
    { title: t('sampling.candidatesCol'), dataIndex: 'candidates', width: 90, align: 'right' as const },
    { title: t('sampling.drawnCol'), dataIndex: 'drawn', width: 90, align: 'right' as const },
    { title: t('sampling.checked'), dataIndex: 'checked', width: 90, align: 'right' as const },
    { title: t('sampling.matching'), dataIndex: 'matching', width: 80, align: 'right' as const },
    {
      title: t('sampling.mismatched'),
      dataIndex: 'mismatched',
      width: 80,
      align: 'right' as const,
      render: (n: number) => <Typography.Text type={n ? 'danger' : undefined}>{n}</Typography.Text>,
    },
    {
      title: t('sampling.rate'),
      key: 'rate',
      width: 110,
      align: 'right' as const,
      sorter: (a: ExamSampleInstitution, b: ExamSampleInstitution) =>
        (a.mismatchRate ?? -1) - (b.mismatchRate ?? -1),
      render: (_: unknown, i: ExamSampleInstitution) => (
        <Typography.Text
          type={i.mismatched ? 'danger' : undefined}
          strong={!!i.mismatched}
          data-testid="summary-rate"
        >
          {pct(i.mismatchRate)}
        </Typography.Text>
      ),
    },
    {
      title: t('sampling.fieldsCol'),
      key: 'fields',
      width: 260,
      render: (_: unknown, i: ExamSampleInstitution) =>
        Object.entries(i.fieldCounts).map(([f, n]) => (
          <Tag key={f} bordered={false} color="volcano" style={{ marginBlock: 2 }}>
            {fieldLabel(f)} {n}
          </Tag>
        )),
    },
  ];

  return (
    <PageContainer
      title={
        <Space>
          <Link to="/exam-samples" aria-label={t('sampling.back')}>
            <ArrowLeftOutlined />
          </Link>
          <span data-testid="sample-title">{sampleTitle(t, s)}</span>
          <Tag color={s.status === 'completed' ? 'green' : 'processing'}>
            {t(`sampling.statuses.${s.status}`)}
          </Tag>
        </Space>
      }
      breadcrumbRender={false}
      extra={[
        <Button
          key="replay"
          icon={<ReloadOutlined />}
          loading={replaying}
          onClick={async () => {
            setReplaying(true);
            try {
              setReplay(await replaySample(s.id));
            } catch (e) {
              reportError(message, e);
            } finally {
              setReplaying(false);
            }
          }}
          data-testid="sample-replay"
        >
          {t('sampling.replay')}
        </Button>,
        <Button
          key="export"
          icon={<DownloadOutlined />}
          onClick={() => void exportSample(s.id).catch((e) => reportError(message, e))}
        >
          {t('sampling.export')}
        </Button>,
      ]}
    >
      {replay ? (
        <Alert
          style={{ marginBottom: 16 }}
          closable
          onClose={() => setReplay(null)}
          showIcon
          type={replay.sameCards && replay.sameCandidates ? 'success' : 'warning'}
          data-testid="replay-result"
          message={
            replay.sameCandidates
              ? t('sampling.replaySame')
              : replay.sameCards
                ? t('sampling.replaySameCards')
                : t('sampling.replayChanged', { added: replay.added.length, missing: replay.missing.length })
          }
        />
      ) : null}
      {!canRecord ? (
        <Alert
          style={{ marginBottom: 16 }}
          type="info"
          showIcon
          message={t('sampling.readOnly', { org: s.organisationName })}
        />
      ) : null}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={12} md={4}>
            <Statistic title={t('sampling.candidates')} value={s.candidateCount} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('sampling.drawnCol')} value={s.drawn} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('sampling.checked')} value={s.checked} suffix={`/ ${s.drawn}`} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('sampling.matching')} value={s.matching} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic
              title={t('sampling.mismatched')}
              value={s.mismatched}
              valueStyle={s.mismatched ? { color: '#cf1322' } : undefined}
            />
          </Col>
          <Col xs={12} md={4}>
            <Statistic
              title={t('sampling.rate')}
              value={pct(s.mismatchRate)}
              valueStyle={s.mismatched ? { color: '#cf1322' } : undefined}
            />
          </Col>
        </Row>
      </Card>
      <Card size="small" title={t('sampling.params')} style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('sampling.period')}>
            {fmtDate(s.from)} ~ {fmtDate(s.to)}
          </Descriptions.Item>
          <Descriptions.Item label={t('sampling.fields.perInstitution')}>
            {t('sampling.perInstitutionShort', { n: s.perInstitution })}
            {s.reviewedOnly ? (
              <Tag bordered={false} color="blue" style={{ marginInlineStart: 8 }}>
                {t('sampling.reviewedOnlyTag')}
              </Tag>
            ) : null}
          </Descriptions.Item>
          <Descriptions.Item label={t('sampling.area')}>{regions.path(s.scopeRegionCode)}</Descriptions.Item>
          <Descriptions.Item label={t('sampling.institutionsAsked')}>
            {s.institutionIds.length
              ? s.institutions.map((i) => i.institutionName).join('、')
              : t('sampling.allInstitutions', { count: s.institutionCount })}
          </Descriptions.Item>
          <Descriptions.Item label={t('sampling.drawnBy')}>
            {s.organisationName} · {s.drawnBy} · {fmtDateTime(s.drawnAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('sampling.seed')}>
            <Typography.Text code copyable data-testid="sample-seed">
              {s.seed}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('sampling.method')}>
            <Tooltip title={s.methodDescription} overlayStyle={{ maxWidth: 480 }}>
              <Typography.Text underline style={{ cursor: 'help' }}>
                {s.method}
              </Typography.Text>
            </Tooltip>
          </Descriptions.Item>
          <Descriptions.Item label={t('sampling.digest')} span={2}>
            <Typography.Text code copyable={{ text: s.candidateDigest }} style={{ fontSize: 12 }}>
              {s.candidateDigest.slice(0, 16)}…
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small">
        <Tabs
          items={[
            {
              key: 'cards',
              label: t('sampling.tabs.cards', { count: s.cards.length }),
              children: (
                <>
                  <Space style={{ marginBottom: 12 }} wrap>
                    <Select
                      allowClear
                      style={{ width: 280 }}
                      placeholder={t('sampling.institution')}
                      value={institution}
                      onChange={setInstitution}
                      options={s.institutions.map((i) => ({
                        value: i.institutionId,
                        label: i.institutionName,
                      }))}
                    />
                    <Space size={6}>
                      <Switch
                        checked={onlyUnchecked}
                        onChange={setOnlyUnchecked}
                        data-testid="only-unchecked"
                      />
                      <Typography.Text>{t('sampling.onlyUnchecked')}</Typography.Text>
                    </Space>
                  </Space>
                  <Table<ExamSampleCard>
                    rowKey="cardId"
                    size="small"
                    columns={cardColumns}
                    dataSource={cards}
                    scroll={{ x: 1170 }}
                    pagination={{ defaultPageSize: 20, showSizeChanger: true }}
                    data-testid="sample-cards"
                  />
                </>
              ),
            },
            {
              key: 'summary',
              label: t('sampling.tabs.summary'),
              children: (
                <Table<ExamSampleInstitution>
                  rowKey="institutionId"
                  size="small"
                  columns={summaryColumns}
                  dataSource={s.institutions}
                  pagination={false}
                  data-testid="sample-summary"
                  summary={() => (
                    <Table.Summary.Row>
                      <Table.Summary.Cell index={0}>
                        <Typography.Text strong>{t('sampling.total')}</Typography.Text>
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={1} align="right">
                        {totals.candidates}
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={2} align="right">
                        {totals.drawn}
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={3} align="right">
                        {totals.checked}
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={4} align="right">
                        {totals.matching}
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={5} align="right">
                        {totals.mismatched}
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={6} align="right">
                        <Typography.Text strong>{pct(s.mismatchRate)}</Typography.Text>
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={7} />
                    </Table.Summary.Row>
                  )}
                />
              ),
            },
          ]}
        />
      </Card>
      <MismatchModal
        card={mismatch}
        onClose={() => setMismatch(null)}
        onSave={(fields, note) => save(mismatch!, false, fields, note)}
      />
      <ExamCardDetail
        id={viewing}
        onClose={() => setViewing(null)}
        onOpen={setViewing}
        onReview={setReview}
      />
      <ReviewModal
        target={review}
        onClose={() => setReview(null)}
        onReviewed={() => {
          void qc.invalidateQueries({ queryKey: [CARDS_KEY] });
          void qc.invalidateQueries({ queryKey: [SAMPLES_KEY] });
        }}
      />
    </PageContainer>
  );
};
