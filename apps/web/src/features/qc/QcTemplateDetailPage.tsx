/**
 * 质控模板详情 — a version's sections (a per-hazard score sheet names its filing category), items with
 * points, key items (关键项) and evidence required, and the grade lines. A draft is edited in place by the
 * QC centre and published (frozen from then on); a published version can be retired.
 */
import { PageContainer } from '@ant-design/pro-components';
import { qcHazardCategories, type QcTemplateDetail, type QcTemplateUpdateInput } from '@ohp/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Input,
  InputNumber,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { reportError } from '../../shared/errors';
import { QC_KEY, getTemplate, publishTemplate, retireTemplate, updateTemplate } from './api';
import { TemplateStatusTag } from './QcTemplatesPage';

type Draft = QcTemplateUpdateInput;
type DraftSection = Draft['sections'][number];
type DraftItem = DraftSection['items'][number];

const toDraft = (d: QcTemplateDetail): Draft => ({
  nameZh: d.nameZh,
  nameEn: d.nameEn,
  source: d.source,
  note: d.note,
  provisional: d.provisional,
  passPercent: d.passPercent,
  basicPercent: d.basicPercent,
  sections: d.sections.map((s) => ({
    code: s.code,
    titleZh: s.titleZh,
    titleEn: s.titleEn,
    hazardCategory: s.hazardCategory,
    items: s.items.map((i) => ({
      code: i.code,
      textZh: i.textZh,
      textEn: i.textEn,
      points: i.points,
      keyItem: i.keyItem,
      evidenceRequired: i.evidenceRequired,
      basis: i.basis,
    })),
  })),
});

const ItemTags = ({ keyItem, evidence }: { keyItem: boolean; evidence: boolean }) => {
  const { t } = useTranslation();
  return (
    <>
      {keyItem && (
        <Tooltip title={t('qc.keyItemHint')}>
          <Tag color="red">{t('qc.keyItem')}</Tag>
        </Tooltip>
      )}
      {evidence && <Tag color="purple">{t('qc.evidenceRequired')}</Tag>}
    </>
  );
};

export const QcTemplateDetailPage = () => {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: [QC_KEY, 'template', id], queryFn: () => getTemplate(id) });
  const d = q.data;
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (d) setDraft(toDraft(d));
  }, [d]);
  if (!d || !draft) return <Spin />;
  const editable = d.abilities.edit;
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: [QC_KEY] });
    await q.refetch();
  };
  const setSection = (i: number, patch: Partial<DraftSection>) =>
    setDraft({ ...draft, sections: draft.sections.map((s, k) => (k === i ? { ...s, ...patch } : s)) });
  const setItem = (i: number, j: number, patch: Partial<DraftItem>) =>
    setSection(i, { items: draft.sections[i]!.items.map((x, k) => (k === j ? { ...x, ...patch } : x)) });

  const save = async (): Promise<boolean> => {
    setSaving(true);
    try {
      await updateTemplate(id, draft);
      message.success(t('qc.saved'));
      await refresh();
      return true;
    } catch (e) {
      reportError(message, e);
      return false;
    } finally {
      setSaving(false);
    }
  };

  return (
    <PageContainer
      title={
        <Space>
          {d.name}
          <Tag>v{d.version}</Tag>
          <TemplateStatusTag t={d} />
        </Space>
      }
      breadcrumbRender={false}
      extra={
        <Space>
          <Link to="/qc/templates">{t('qc.back')}</Link>
          {editable && (
            <Button loading={saving} onClick={() => void save()} data-testid="qc-template-save">
              {t('qc.save')}
            </Button>
          )}
          {d.abilities.publish && (
            <Button
              type="primary"
              data-testid="qc-template-publish"
              onClick={() =>
                modal.confirm({
                  title: t('qc.publish'),
                  content: t('qc.publishConfirm'),
                  okText: t('qc.publish'),
                  cancelText: t('common.cancel'),
                  onOk: async () => {
                    if (!(await save())) return;
                    try {
                      await publishTemplate(id);
                      message.success(t('qc.published'));
                      await refresh();
                    } catch (e) {
                      reportError(message, e);
                    }
                  },
                })
              }
            >
              {t('qc.publish')}
            </Button>
          )}
          {d.abilities.retire && (
            <Button
              danger
              onClick={() =>
                modal.confirm({
                  title: t('qc.retire'),
                  content: t('qc.retireConfirm'),
                  okText: t('qc.retire'),
                  cancelText: t('common.cancel'),
                  onOk: async () => {
                    try {
                      await retireTemplate(id);
                      message.success(t('qc.retired'));
                      await refresh();
                    } catch (e) {
                      reportError(message, e);
                    }
                  },
                })
              }
            >
              {t('qc.retire')}
            </Button>
          )}
        </Space>
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {d.provisional && (
          <Alert
            type="warning"
            showIcon
            message={
              d.kind === 'exam' || d.kind === 'diagnosis'
                ? t('qc.provisionalHint')
                : t('qc.provisionalSelfHint')
            }
            description={d.note}
            data-testid="qc-template-provisional"
          />
        )}
        <Card size="small">
          <Descriptions size="small" column={2}>
            <Descriptions.Item label={t('qc.code')}>{d.code}</Descriptions.Item>
            <Descriptions.Item label={t('qc.kind')}>
              {t(`qc.kinds.${d.kind}`)} · {t(`qc.modes.${d.mode}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('qc.versions')}>
              <Space size={4} wrap>
                {d.versions.map((v) => (
                  <Link key={v.id} to={`/qc/templates/${v.id}`}>
                    <Tag color={v.id === d.id ? 'blue' : undefined}>
                      v{v.version} {t(`qc.templateStatuses.${v.status}`)}
                    </Tag>
                  </Link>
                ))}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('qc.totalPoints')}>{d.totalPoints}</Descriptions.Item>
            {editable ? (
              <>
                <Descriptions.Item label={t('qc.nameZh')} span={2}>
                  <Input
                    value={draft.nameZh}
                    onChange={(e) => setDraft({ ...draft, nameZh: e.target.value })}
                  />
                </Descriptions.Item>
                <Descriptions.Item label={t('qc.source')} span={2}>
                  <Input.TextArea
                    rows={2}
                    value={draft.source}
                    onChange={(e) => setDraft({ ...draft, source: e.target.value })}
                  />
                </Descriptions.Item>
                <Descriptions.Item label={t('qc.note')} span={2}>
                  <Input.TextArea
                    rows={2}
                    value={draft.note ?? ''}
                    onChange={(e) => setDraft({ ...draft, note: e.target.value })}
                  />
                </Descriptions.Item>
                <Descriptions.Item label={t('qc.thresholds')} span={2}>
                  <Space wrap>
                    {t('qc.passPercent')}
                    <InputNumber
                      min={1}
                      max={100}
                      value={draft.passPercent}
                      onChange={(v) => setDraft({ ...draft, passPercent: Number(v ?? 0) })}
                      data-testid="qc-template-pass"
                    />
                    {t('qc.basicPercent')}
                    <InputNumber
                      min={1}
                      max={100}
                      value={draft.basicPercent}
                      onChange={(v) => setDraft({ ...draft, basicPercent: Number(v ?? 0) })}
                    />
                    <Checkbox
                      checked={draft.provisional}
                      onChange={(e) => setDraft({ ...draft, provisional: e.target.checked })}
                    >
                      {t('qc.provisionalFlag')}
                    </Checkbox>
                  </Space>
                </Descriptions.Item>
              </>
            ) : (
              <>
                <Descriptions.Item label={t('qc.thresholds')} span={2}>
                  {t('qc.thresholdsValue', { pass: d.passPercent, basic: d.basicPercent })}
                </Descriptions.Item>
                <Descriptions.Item label={t('qc.source')} span={2}>
                  <Typography.Text type="secondary">{d.source}</Typography.Text>
                </Descriptions.Item>
              </>
            )}
          </Descriptions>
        </Card>
        {draft.sections.map((s, i) => (
          <Card
            key={i}
            size="small"
            title={
              editable ? (
                <Space wrap>
                  <Input
                    style={{ width: 70 }}
                    value={s.code}
                    onChange={(e) => setSection(i, { code: e.target.value.toUpperCase() })}
                  />
                  <Input
                    style={{ width: 260 }}
                    value={s.titleZh}
                    onChange={(e) => setSection(i, { titleZh: e.target.value })}
                  />
                  {d.kind === 'exam' && (
                    <Select
                      style={{ width: 180 }}
                      value={s.hazardCategory ?? ''}
                      onChange={(v) =>
                        setSection(i, {
                          hazardCategory: v === '' ? null : (v as DraftSection['hazardCategory']),
                        })
                      }
                      options={[
                        { value: '', label: t('qc.hazardSheetNone') },
                        ...qcHazardCategories.map((h) => ({ value: h, label: t(`qc.hazards.${h}`) })),
                      ]}
                    />
                  )}
                </Space>
              ) : (
                <Space>
                  {`${s.code} ${s.titleZh}`}
                  {s.hazardCategory && <Tag color="cyan">{t(`qc.hazards.${s.hazardCategory}`)}</Tag>}
                </Space>
              )
            }
            extra={
              editable && (
                <Button
                  size="small"
                  danger
                  onClick={() => setDraft({ ...draft, sections: draft.sections.filter((_, k) => k !== i) })}
                >
                  {t('qc.remove')}
                </Button>
              )
            }
          >
            <Table<DraftItem>
              rowKey={(_, j) => String(j)}
              size="small"
              pagination={false}
              dataSource={s.items}
              columns={[
                {
                  title: t('qc.itemCode'),
                  width: 90,
                  render: (_, it, j) =>
                    editable ? (
                      <Input
                        value={it.code}
                        onChange={(e) => setItem(i, j, { code: e.target.value.toUpperCase() })}
                      />
                    ) : (
                      <Typography.Text strong>{it.code}</Typography.Text>
                    ),
                },
                {
                  title: t('qc.itemText'),
                  render: (_, it, j) =>
                    editable ? (
                      <Input.TextArea
                        autoSize
                        value={it.textZh}
                        onChange={(e) => setItem(i, j, { textZh: e.target.value })}
                      />
                    ) : (
                      <Space wrap size={4}>
                        {it.textZh}
                        <ItemTags keyItem={it.keyItem} evidence={it.evidenceRequired} />
                      </Space>
                    ),
                },
                {
                  title: t('qc.points'),
                  width: 90,
                  render: (_, it, j) =>
                    editable ? (
                      <InputNumber
                        min={0.5}
                        max={1000}
                        value={it.points}
                        onChange={(v) => setItem(i, j, { points: Number(v ?? 0) })}
                      />
                    ) : (
                      it.points
                    ),
                },
                ...(editable
                  ? [
                      {
                        title: t('qc.keyItem'),
                        width: 80,
                        render: (_: unknown, it: DraftItem, j: number) => (
                          <Checkbox
                            checked={it.keyItem}
                            onChange={(e) => setItem(i, j, { keyItem: e.target.checked })}
                          />
                        ),
                      },
                      {
                        title: t('qc.evidenceRequired'),
                        width: 80,
                        render: (_: unknown, it: DraftItem, j: number) => (
                          <Checkbox
                            checked={it.evidenceRequired}
                            onChange={(e) => setItem(i, j, { evidenceRequired: e.target.checked })}
                          />
                        ),
                      },
                    ]
                  : []),
                {
                  title: t('qc.basis'),
                  width: 280,
                  render: (_, it, j) =>
                    editable ? (
                      <Input value={it.basis} onChange={(e) => setItem(i, j, { basis: e.target.value })} />
                    ) : (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {it.basis}
                      </Typography.Text>
                    ),
                },
                ...(editable
                  ? [
                      {
                        title: '',
                        width: 70,
                        render: (_: unknown, _it: DraftItem, j: number) => (
                          <a onClick={() => setSection(i, { items: s.items.filter((_x, k) => k !== j) })}>
                            {t('qc.remove')}
                          </a>
                        ),
                      },
                    ]
                  : []),
              ]}
              footer={
                editable
                  ? () => (
                      <Button
                        size="small"
                        onClick={() =>
                          setSection(i, {
                            items: [
                              ...s.items,
                              {
                                code: '',
                                textZh: '',
                                points: 10,
                                keyItem: false,
                                evidenceRequired: false,
                                basis: '',
                              },
                            ],
                          })
                        }
                      >
                        {t('qc.addItem')}
                      </Button>
                    )
                  : undefined
              }
            />
          </Card>
        ))}
        {editable && (
          <Button
            onClick={() =>
              setDraft({
                ...draft,
                sections: [...draft.sections, { code: '', titleZh: '', hazardCategory: null, items: [] }],
              })
            }
          >
            {t('qc.addSection')}
          </Button>
        )}
      </Space>
    </PageContainer>
  );
};
