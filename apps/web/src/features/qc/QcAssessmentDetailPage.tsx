/**
 * 质控评估详情 — the scoring screen: the form version's applicable sections (per-hazard sheets by filed
 * category), each item scored 符合 / 不符合 / 不适用 with points, a note, a major-problem flag and evidence;
 * the filing-consistency check (filed vs found, each mismatch listed); the grade preview (a failed key
 * item ⇒ 不合格) and completing it; reporting a major problem at once; the rectification items it raises.
 * A self-assessment is filled and submitted by the institution, reviewed by the QC centre. Everyone
 * else reads it (the institution its own result).
 */
import { PageContainer } from '@ant-design/pro-components';
import type { QcAssessmentDetail, QcConsistencyInput, QcItemResult } from '@ohp/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Input,
  InputNumber,
  List,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Spin,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { reportError } from '../../shared/errors';
import {
  GRADE_COLOURS,
  QC_KEY,
  STATUS_COLOURS,
  completeAssessment,
  evidenceUrl,
  getAssessment,
  reportMajor,
  reviewSelf,
  saveConsistency,
  saveScores,
  submitSelf,
  uploadEvidence,
} from './api';

type ItemEdit = { result: QcItemResult | null; points: number | null; note: string; major: boolean };
type Item = QcAssessmentDetail['sections'][number]['items'][number];

const ConsistencyCard = ({ a, onSaved }: { a: QcAssessmentDetail; onSaved: () => Promise<void> }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const f = a.filing!;
  const editable = a.abilities.check;
  const [found, setFound] = useState<QcConsistencyInput>(
    a.consistency?.found ?? {
      staffCount: f.staffCount,
      equipment: f.equipment,
      hazardCodes: f.hazardCodes,
      venueAreaM2: f.venueAreaM2,
      note: null,
    },
  );
  const setQty = (name: string, quantity: number) =>
    setFound({
      ...found,
      equipment: found.equipment.some((e) => e.name === name)
        ? found.equipment.map((e) => (e.name === name ? { ...e, quantity } : e))
        : [...found.equipment, { name, quantity }],
    });
  const names = [...new Set([...f.equipment.map((e) => e.name), ...found.equipment.map((e) => e.name)])];
  const findings = a.consistency?.findings ?? [];
  return (
    <Card
      size="small"
      title={t('qc.consistency')}
      extra={
        a.consistency ? (
          findings.length ? (
            <Tag color="red">{t('qc.mismatches', { n: findings.length })}</Tag>
          ) : (
            <Tag color="green">{t('qc.consistent')}</Tag>
          )
        ) : (
          <Tag>{t('qc.notChecked')}</Tag>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('qc.consistencyHint')}</Typography.Paragraph>
      <Table
        size="small"
        pagination={false}
        rowKey="k"
        dataSource={[
          { k: 'staff', label: t('qc.staffCount'), filed: String(f.staffCount) },
          ...names.map((n) => ({
            k: `eq:${n}`,
            label: `${t('qc.equipment')}：${n}`,
            filed: String(f.equipment.find((e) => e.name === n)?.quantity ?? 0),
          })),
          { k: 'hazards', label: t('qc.hazardCodes'), filed: f.hazardCodes.join('、') },
          { k: 'area', label: t('qc.venueArea'), filed: String(f.venueAreaM2) },
        ]}
        columns={[
          { title: '', dataIndex: 'label', width: 260 },
          { title: t('qc.filed'), dataIndex: 'filed', width: 260 },
          {
            title: t('qc.found'),
            render: (_, r) => {
              if (r.k === 'staff')
                return (
                  <InputNumber
                    disabled={!editable}
                    min={0}
                    value={found.staffCount}
                    onChange={(v) => setFound({ ...found, staffCount: Number(v ?? 0) })}
                    data-testid="qc-found-staff"
                  />
                );
              if (r.k === 'area')
                return (
                  <InputNumber
                    disabled={!editable}
                    min={0}
                    value={found.venueAreaM2}
                    onChange={(v) => setFound({ ...found, venueAreaM2: Number(v ?? 0) })}
                    data-testid="qc-found-area"
                  />
                );
              if (r.k === 'hazards')
                return (
                  <Select
                    disabled={!editable}
                    mode="tags"
                    style={{ width: '100%' }}
                    value={found.hazardCodes}
                    onChange={(v: string[]) => setFound({ ...found, hazardCodes: v })}
                    data-testid="qc-found-hazards"
                  />
                );
              const name = r.k.slice(3);
              return (
                <InputNumber
                  disabled={!editable}
                  min={0}
                  value={found.equipment.find((e) => e.name === name)?.quantity ?? 0}
                  onChange={(v) => setQty(name, Number(v ?? 0))}
                />
              );
            },
          },
        ]}
      />
      {editable && (
        <Button
          style={{ marginTop: 12 }}
          data-testid="qc-consistency-save"
          onClick={async () => {
            try {
              await saveConsistency(a.id, found);
              message.success(t('qc.consistencySaved'));
              await onSaved();
            } catch (e) {
              reportError(message, e);
            }
          }}
        >
          {t('qc.saveConsistency')}
        </Button>
      )}
      {findings.length > 0 && (
        <List
          size="small"
          style={{ marginTop: 12 }}
          dataSource={findings}
          renderItem={(x) => (
            <List.Item>
              <Typography.Text type="danger">{x.text}</Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
};

export const QcAssessmentDetailPage = () => {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: [QC_KEY, 'assessment', id], queryFn: () => getAssessment(id) });
  const a = q.data;
  const [items, setItems] = useState<Record<string, ItemEdit>>({});
  const [saving, setSaving] = useState(false);
  const [majorOpen, setMajorOpen] = useState(false);
  const [majorNote, setMajorNote] = useState('');
  useEffect(() => {
    if (!a) return;
    setItems(
      Object.fromEntries(
        a.sections
          .flatMap((s) => s.items)
          .map((i) => [i.code, { result: i.result, points: i.awarded, note: i.note ?? '', major: i.major }]),
      ),
    );
  }, [a]);
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: [QC_KEY] });
    return (await q.refetch()).data;
  };
  if (!a) return <Spin />;
  const self = a.mode === 'self';
  const editable = a.abilities.score;
  const setItem = (code: string, patch: Partial<ItemEdit>) =>
    setItems((s) => ({
      ...s,
      [code]: { result: null, points: null, note: '', major: false, ...s[code], ...patch },
    }));

  const save = async (): Promise<boolean> => {
    setSaving(true);
    try {
      await saveScores(a.id, self, {
        items: Object.entries(items)
          .filter(([, e]) => e.result !== null)
          .map(([code, e]) => ({
            code,
            result: e.result!,
            points: e.result === 'not_applicable' ? null : e.points,
            note: e.note.trim() || null,
            ...(self ? {} : { major: e.major }),
          })),
      });
      return true;
    } catch (e) {
      reportError(message, e);
      return false;
    } finally {
      setSaving(false);
    }
  };

  const complete = async () => {
    if (!(await save())) return;
    const d = await refresh();
    if (!d) return;
    const p = d.preview;
    if (p.grade === null || p.missingEvidence.length || p.consistencyMissing) {
      message.error(
        [
          p.missingItems.length ? t('qc.missingItems', { codes: p.missingItems.join('、') }) : '',
          p.missingEvidence.length ? t('qc.missingEvidence', { codes: p.missingEvidence.join('、') }) : '',
          p.consistencyMissing ? t('qc.consistencyMissing') : '',
        ]
          .filter(Boolean)
          .join('；'),
      );
      return;
    }
    let conclusion = '';
    let major = false;
    let note = '';
    modal.confirm({
      title: t('qc.completeTitle'),
      width: 600,
      content: (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph>
            {t('qc.completeConfirm', { grade: t(`qc.grades.${p.grade}`), percent: p.percent ?? '—' })}
          </Typography.Paragraph>
          {p.failedKeyItems.length > 0 && (
            <Alert type="error" message={t('qc.failedKeyItems', { codes: p.failedKeyItems.join('、') })} />
          )}
          <Input.TextArea
            rows={3}
            maxLength={2000}
            placeholder={t('qc.conclusion')}
            data-testid="qc-conclusion"
            onChange={(e) => (conclusion = e.target.value)}
          />
          <Checkbox onChange={(e) => (major = e.target.checked)}>{t('qc.majorProblem')}</Checkbox>
          <Input placeholder={t('qc.majorNote')} maxLength={1000} onChange={(e) => (note = e.target.value)} />
        </Space>
      ),
      okText: t('qc.complete'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const r = await completeAssessment(a.id, {
            conclusion: conclusion.trim() || null,
            majorProblem: major,
            majorNote: note.trim() || null,
          });
          message.success(t('qc.completed', { grade: t(`qc.grades.${r.grade}`) }));
          await refresh();
        } catch (e) {
          reportError(message, e);
        }
      },
    });
  };

  const itemColumns = [
    {
      title: t('qc.item'),
      render: (_: unknown, i: Item) => (
        <Space direction="vertical" size={0}>
          <span>
            <Typography.Text strong>{i.code}</Typography.Text> {i.text}{' '}
            {i.keyItem && (
              <Tooltip title={t('qc.keyItemHint')}>
                <Tag color="red">{t('qc.keyItem')}</Tag>
              </Tooltip>
            )}
            {i.evidenceRequired && <Tag color="purple">{t('qc.evidenceRequired')}</Tag>}
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('qc.basis')}：{i.basis}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('qc.result'),
      width: 230,
      render: (_: unknown, i: Item) => (
        <Radio.Group
          disabled={!editable}
          value={items[i.code]?.result ?? null}
          data-testid={`qc-item-${i.code}`}
          onChange={(e) => {
            const result = e.target.value as QcItemResult;
            setItem(i.code, {
              result,
              points: result === 'passed' ? i.points : result === 'failed' ? 0 : null,
            });
          }}
          options={(['passed', 'failed', 'not_applicable'] as const).map((r) => ({
            value: r,
            label: t(`qc.itemResults.${r}`),
          }))}
        />
      ),
    },
    {
      title: t('qc.awarded'),
      width: 120,
      render: (_: unknown, i: Item) =>
        editable ? (
          <InputNumber
            size="small"
            min={0}
            max={i.points}
            disabled={items[i.code]?.result === 'not_applicable' || !items[i.code]?.result}
            value={items[i.code]?.points ?? null}
            onChange={(v) => setItem(i.code, { points: v === null ? null : Number(v) })}
            addonAfter={`/${i.points}`}
            data-testid={`qc-points-${i.code}`}
          />
        ) : (
          `${i.awarded ?? '—'} / ${i.points}`
        ),
    },
    {
      title: t('qc.itemNote'),
      width: 240,
      render: (_: unknown, i: Item) => {
        const e = items[i.code];
        const needsNote =
          e && (e.result === 'failed' || (e.result === 'passed' && (e.points ?? 0) < i.points));
        return editable ? (
          <Space direction="vertical" size={2} style={{ width: '100%' }}>
            <Input
              size="small"
              value={e?.note ?? ''}
              maxLength={1000}
              status={needsNote && !e.note.trim() ? 'warning' : ''}
              placeholder={t('qc.notePlaceholder')}
              onChange={(ev) => setItem(i.code, { note: ev.target.value })}
              data-testid={`qc-note-${i.code}`}
            />
            {!self && (
              <Checkbox
                checked={e?.major ?? false}
                onChange={(ev) => setItem(i.code, { major: ev.target.checked })}
              >
                {t('qc.major')}
              </Checkbox>
            )}
          </Space>
        ) : (
          <Space direction="vertical" size={0}>
            {i.note ?? '—'}
            {i.major && <Tag color="magenta">{t('qc.major')}</Tag>}
          </Space>
        );
      },
    },
    {
      title: t('qc.evidence'),
      width: 170,
      render: (_: unknown, i: Item) => (
        <Space direction="vertical" size={2}>
          {i.evidence.map((e) => (
            <a key={e.id} href={evidenceUrl(a.id, e.id)} target="_blank" rel="noreferrer">
              {e.fileName}
            </a>
          ))}
          {editable && (
            <Upload
              accept=".pdf,.jpg,.jpeg,.png"
              showUploadList={false}
              customRequest={({ file, onSuccess, onError }) => {
                uploadEvidence(a.id, self, i.code, file as File)
                  .then(async (r) => {
                    message.success(t('qc.uploaded'));
                    onSuccess?.(r);
                    await refresh();
                  })
                  .catch((e: unknown) => {
                    reportError(message, e);
                    onError?.(e as Error);
                  });
              }}
            >
              <Button size="small" data-testid={`qc-evidence-${i.code}`}>
                {t('qc.upload')}
              </Button>
            </Upload>
          )}
        </Space>
      ),
    },
  ];

  const p = a.preview;
  const final = a.status === 'completed' || a.status === 'submitted' || a.status === 'reviewed';
  return (
    <PageContainer
      title={
        <Space wrap>
          {a.institutionName}
          <Tag color={STATUS_COLOURS[a.status]}>{t(`qc.statuses.${a.status}`)}</Tag>
          {a.grade && (
            <Tag color={GRADE_COLOURS[a.grade]} data-testid="qc-detail-grade">
              {t(`qc.grades.${a.grade}`)}
            </Tag>
          )}
          {!editable && !a.abilities.complete && !a.abilities.review && <Tag>{t('qc.readOnly')}</Tag>}
        </Space>
      }
      breadcrumbRender={false}
      extra={
        <Space wrap>
          <Link to={self ? '/qc/self' : '/qc/assessments'}>{t('qc.back')}</Link>
          {editable && (
            <Button
              loading={saving}
              data-testid="qc-save"
              onClick={async () => {
                if (await save()) {
                  message.success(t('qc.scoresSaved'));
                  await refresh();
                }
              }}
            >
              {t('qc.saveScores')}
            </Button>
          )}
          {a.abilities.reportMajor && (
            <Button danger onClick={() => setMajorOpen(true)} data-testid="qc-report-major">
              {t('qc.reportMajor')}
            </Button>
          )}
          {a.abilities.complete && (
            <Button type="primary" onClick={() => void complete()} data-testid="qc-complete">
              {t('qc.complete')}
            </Button>
          )}
          {a.abilities.submit && (
            <Button
              type="primary"
              data-testid="qc-submit"
              onClick={() =>
                modal.confirm({
                  title: t('qc.submit'),
                  content: t('qc.submitConfirm'),
                  okText: t('qc.submit'),
                  cancelText: t('common.cancel'),
                  onOk: async () => {
                    if (!(await save())) return;
                    try {
                      await submitSelf(a.id);
                      message.success(t('qc.submitted'));
                      await refresh();
                    } catch (e) {
                      reportError(message, e);
                    }
                  },
                })
              }
            >
              {t('qc.submit')}
            </Button>
          )}
          {a.abilities.review && (
            <Button
              type="primary"
              onClick={() => {
                let note = '';
                modal.confirm({
                  title: t('qc.reviewTitle'),
                  content: (
                    <Input.TextArea
                      rows={3}
                      placeholder={t('qc.reviewNote')}
                      onChange={(e) => (note = e.target.value)}
                    />
                  ),
                  okText: t('qc.review'),
                  cancelText: t('common.cancel'),
                  onOk: async () => {
                    try {
                      await reviewSelf(a.id, note.trim() || null);
                      message.success(t('qc.reviewed'));
                      await refresh();
                    } catch (e) {
                      reportError(message, e);
                    }
                  },
                });
              }}
            >
              {t('qc.review')}
            </Button>
          )}
        </Space>
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {a.template.provisional && (
          <Alert
            type="warning"
            showIcon
            message={
              a.template.kind === 'exam' || a.template.kind === 'diagnosis'
                ? t('qc.provisionalHint')
                : t('qc.provisionalSelfHint')
            }
            description={a.templateDetail.note}
            data-testid="qc-provisional"
          />
        )}
        {a.majorReportedAt && (
          <Alert
            type="error"
            showIcon
            message={`${t('qc.reported')} · ${t('qc.majorReportedAt', { at: dayjs(a.majorReportedAt).format('YYYY-MM-DD HH:mm') })}`}
            description={a.majorNote}
          />
        )}
        <Row gutter={16}>
          <Col xs={24} lg={16}>
            <Card size="small" title={t('qc.info')} style={{ height: '100%' }}>
              <Descriptions size="small" column={2}>
                <Descriptions.Item label={t('qc.template')}>
                  <Link
                    to={`/qc/templates/${a.template.id}`}
                  >{`${a.template.name} v${a.template.version}`}</Link>
                </Descriptions.Item>
                <Descriptions.Item label={t('qc.year')}>{a.year}</Descriptions.Item>
                {!self && (
                  <>
                    <Descriptions.Item label={t('qc.scheduledOn')}>{a.scheduledOn ?? '—'}</Descriptions.Item>
                    <Descriptions.Item label={t('qc.assessors')}>
                      {a.assessors.join('、') || '—'}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('qc.filingVersion')}>
                      {a.filing ? `${a.filing.filingNo ?? a.filing.filingId}（#${a.filing.versionId}）` : '—'}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('qc.completedOn')}>{a.completedOn ?? '—'}</Descriptions.Item>
                  </>
                )}
                {(a.hazardCategories.length > 0 || a.skippedSections.length > 0) && (
                  <Descriptions.Item label={t('qc.hazardCategories')} span={2}>
                    <Space size={4} wrap>
                      {a.hazardCategories.map((h) => (
                        <Tag key={h} color="cyan">
                          {t(`qc.hazards.${h}`)}
                        </Tag>
                      ))}
                      {a.skippedSections.length > 0 && (
                        <Typography.Text type="secondary">{`${t('qc.skipped')}：${a.skippedSections.join('、')}`}</Typography.Text>
                      )}
                    </Space>
                  </Descriptions.Item>
                )}
                <Descriptions.Item label={t('qc.thresholds')} span={2}>
                  {t('qc.thresholdsValue', {
                    pass: a.templateDetail.passPercent,
                    basic: a.templateDetail.basicPercent,
                  })}
                </Descriptions.Item>
                {a.conclusion && (
                  <Descriptions.Item label={t('qc.conclusion')} span={2}>
                    {a.conclusion}
                  </Descriptions.Item>
                )}
                {a.reviewNote && (
                  <Descriptions.Item label={t('qc.reviewNote')} span={2}>
                    {a.reviewNote}
                  </Descriptions.Item>
                )}
              </Descriptions>
            </Card>
          </Col>
          <Col xs={24} lg={8}>
            <Card
              size="small"
              title={final ? (self ? t('qc.selfGrade') : t('qc.grade')) : t('qc.preview')}
              style={{ height: '100%' }}
            >
              <Row gutter={8}>
                <Col span={12}>
                  <Statistic title={t('qc.score')} value={p.score} suffix={`/ ${p.maxScore}`} />
                </Col>
                <Col span={12}>
                  <Statistic
                    title={t('qc.percent')}
                    value={p.percent ?? '—'}
                    suffix={p.percent !== null ? '%' : ''}
                  />
                </Col>
              </Row>
              <div style={{ marginTop: 8 }} data-testid="qc-preview-grade">
                {p.grade ? (
                  <Tag color={GRADE_COLOURS[p.grade]} style={{ fontSize: 16, padding: '4px 12px' }}>
                    {t(`qc.grades.${p.grade}`)}
                  </Tag>
                ) : (
                  '—'
                )}
              </div>
              {!final && (
                <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
                  {t('qc.previewHint')}
                </Typography.Paragraph>
              )}
              {p.failedKeyItems.length > 0 && (
                <Alert
                  style={{ marginTop: 8 }}
                  type="error"
                  message={t('qc.failedKeyItems', { codes: p.failedKeyItems.join('、') })}
                />
              )}
              {!final && p.missingItems.length > 0 && (
                <Typography.Paragraph type="warning" style={{ marginTop: 8 }}>
                  {t('qc.missingItems', { codes: p.missingItems.join('、') })}
                </Typography.Paragraph>
              )}
              {!final && p.missingEvidence.length > 0 && (
                <Typography.Paragraph type="warning">
                  {t('qc.missingEvidence', { codes: p.missingEvidence.join('、') })}
                </Typography.Paragraph>
              )}
              {!final && p.consistencyMissing && (
                <Typography.Paragraph type="warning">{t('qc.consistencyMissing')}</Typography.Paragraph>
              )}
            </Card>
          </Col>
        </Row>
        {a.sections.map((s) => (
          <Card
            key={s.code}
            size="small"
            title={
              <Space>
                {`${s.code} ${s.title}`}
                {s.hazardCategory && <Tag color="cyan">{t(`qc.hazards.${s.hazardCategory}`)}</Tag>}
              </Space>
            }
          >
            <Table<Item>
              rowKey="code"
              size="small"
              pagination={false}
              dataSource={s.items}
              columns={itemColumns}
            />
          </Card>
        ))}
        {a.filing && (
          <ConsistencyCard
            key={a.consistency?.checkedAt ?? 'new'}
            a={a}
            onSaved={async () => void (await refresh())}
          />
        )}
        {!self && a.findings.length > 0 && (
          <Card size="small" title={t('qc.findings')}>
            <Typography.Paragraph type="secondary">{t('qc.findingsHint')}</Typography.Paragraph>
            <List
              size="small"
              dataSource={a.findings}
              renderItem={(f) => (
                <List.Item>
                  <Space>
                    <Tag color={f.severity === 'major' ? 'red' : 'orange'}>
                      {t(`qc.severity.${f.severity}`)}
                    </Tag>
                    {f.title}
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        )}
      </Space>
      <Modal
        open={majorOpen}
        title={t('qc.reportMajorTitle')}
        okText={t('qc.reportMajor')}
        okButtonProps={{ danger: true }}
        cancelText={t('common.cancel')}
        onCancel={() => setMajorOpen(false)}
        onOk={async () => {
          try {
            await reportMajor(a.id, majorNote);
            message.success(t('qc.reported'));
            setMajorOpen(false);
            await refresh();
          } catch (e) {
            reportError(message, e);
          }
        }}
      >
        <Typography.Paragraph>{t('qc.reportMajorHint')}</Typography.Paragraph>
        <Input.TextArea
          rows={3}
          maxLength={1000}
          value={majorNote}
          onChange={(e) => setMajorNote(e.target.value)}
        />
      </Modal>
    </PageContainer>
  );
};
