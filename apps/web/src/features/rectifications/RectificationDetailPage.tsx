/**
 * 整改问题详情 — the finding (source, severity, institution, due date with its clock), the history
 * (raised, answers with their evidence, rejections with the opinion, 销号, re-checks, reopening), the
 * evidence files, and the actions the server allows (`abilities`): the institution uploads evidence and
 * submits (提交整改); the QC centre or a regulator verifies and closes (核验销号) or rejects (核验不通过),
 * reopens a closed item or records a 回头看. Reached from the ledger (/rectifications/:id) or from a
 * to-do clock (/rectifications/rounds/:id).
 */
import { PaperClipOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import type { RectificationDetail } from '@ohp/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Radio,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { reportError } from '../../shared/errors';
import {
  RECTIFICATIONS_KEY,
  followUpRectification,
  getRectification,
  getRectificationOfRound,
  rectificationEvidenceUrl,
  rejectRectification,
  reopenRectification,
  respondRectification,
  uploadRectificationEvidence,
  verifyRectification,
} from './api';
import { DueTag, RectStatusTag } from './RectificationsPage';

type Action = 'verify' | 'reject' | 'reopen' | 'followUp' | null;

const EVENT_COLOURS: Record<string, string> = {
  raised: 'blue',
  responded: 'orange',
  rejected: 'red',
  closed: 'green',
  reopened: 'red',
  follow_up: 'gray',
};

const ActionModal = ({
  r,
  action,
  onClose,
  onDone,
}: {
  r: RectificationDetail;
  action: Exclude<Action, null>;
  onClose: () => void;
  onDone: () => Promise<void>;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const result = Form.useWatch('result', form) as string | undefined;
  const titles = {
    verify: t('rectifications.verifyTitle'),
    reject: t('rectifications.rejectTitle'),
    reopen: t('rectifications.reopenTitle'),
    followUp: t('rectifications.followUpTitle'),
  };
  const day = (v: unknown) => (v ? (v as dayjs.Dayjs).format('YYYY-MM-DD') : null);
  return (
    <Modal
      open
      title={titles[action]}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'rect-action-ok' }}
      onCancel={onClose}
      onOk={async () => {
        const v = (await form.validateFields()) as Record<string, unknown>;
        try {
          if (action === 'verify')
            await verifyRectification(r.id, { opinion: (v.opinion as string) || null });
          if (action === 'reject') await rejectRectification(r.id, { opinion: v.opinion as string });
          if (action === 'reopen')
            await reopenRectification(r.id, { reason: v.reason as string, dueOn: day(v.dueOn) });
          if (action === 'followUp')
            await followUpRectification(r.id, {
              checkedOn: day(v.checkedOn)!,
              checkers: v.checkers as string,
              result: v.result as 'ok',
              note: (v.note as string) || null,
              dueOn: day(v.dueOn),
            });
          message.success(
            t(
              {
                verify: 'rectifications.verified',
                reject: 'rectifications.rejected',
                reopen: 'rectifications.reopened',
                followUp: 'rectifications.followedUp',
              }[action],
            ),
          );
          await onDone();
          onClose();
        } catch (e) {
          reportError(message, e, form, ['opinion', 'reason', 'dueOn', 'checkedOn', 'checkers']);
        }
      }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ result: 'ok', checkedOn: dayjs() }}>
        {(action === 'verify' || action === 'reject') && (
          <Form.Item
            name="opinion"
            label={t('rectifications.opinion')}
            rules={action === 'reject' ? [{ required: true }] : []}
          >
            <Input.TextArea rows={3} maxLength={2000} data-testid="rect-opinion" />
          </Form.Item>
        )}
        {action === 'reopen' && (
          <>
            <Form.Item name="reason" label={t('rectifications.reason')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Form.Item name="dueOn" label={t('rectifications.newDue')} extra={t('rectifications.dueHint')}>
              <DatePicker />
            </Form.Item>
          </>
        )}
        {action === 'followUp' && (
          <>
            <Form.Item name="checkedOn" label={t('rectifications.checkedOn')} rules={[{ required: true }]}>
              <DatePicker data-testid="rect-checked-on" />
            </Form.Item>
            <Form.Item name="checkers" label={t('rectifications.checkers')} rules={[{ required: true }]}>
              <Input maxLength={200} data-testid="rect-checkers" />
            </Form.Item>
            <Form.Item
              name="result"
              label={t('rectifications.result')}
              extra={t('rectifications.followUpHint')}
            >
              <Radio.Group data-testid="rect-result">
                <Radio value="ok">{t('rectifications.followUpResults.ok')}</Radio>
                <Radio value="relapse" data-testid="rect-relapse">
                  {t('rectifications.followUpResults.relapse')}
                </Radio>
              </Radio.Group>
            </Form.Item>
            <Form.Item name="note" label={t('rectifications.summary')}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="rect-follow-note" />
            </Form.Item>
            {result === 'relapse' && (
              <Form.Item name="dueOn" label={t('rectifications.newDue')} extra={t('rectifications.dueHint')}>
                <DatePicker />
              </Form.Item>
            )}
          </>
        )}
      </Form>
    </Modal>
  );
};

/** The institution's answer: upload evidence, then the statement and the responsible person. */
const RespondCard = ({ r, onDone }: { r: RectificationDetail; onDone: () => Promise<void> }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ statement: string; responsiblePerson: string }>();
  const pending = r.evidence.filter((e) => !e.submitted);
  return (
    <Card title={t('rectifications.respond')} style={{ marginBottom: 12 }} data-testid="rect-respond-card">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Upload
          accept=".pdf,.jpg,.jpeg,.png"
          showUploadList={false}
          customRequest={async ({ file, onSuccess, onError }) => {
            try {
              await uploadRectificationEvidence(r.id, file as File);
              message.success(t('rectifications.uploaded'));
              onSuccess?.({});
              await onDone();
            } catch (e) {
              reportError(message, e);
              onError?.(e as Error);
            }
          }}
        >
          <Button data-testid="rect-upload">{t('rectifications.upload')}</Button>
        </Upload>
        {pending.length === 0 && (
          <Typography.Text type="secondary">{t('rectifications.needEvidence')}</Typography.Text>
        )}
        <Form form={form} layout="vertical" initialValues={{ responsiblePerson: r.responsiblePerson ?? '' }}>
          <Form.Item name="statement" label={t('rectifications.statement')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="rect-statement" />
          </Form.Item>
          <Form.Item name="responsiblePerson" label={t('rectifications.responsible')}>
            <Input maxLength={50} style={{ maxWidth: 240 }} />
          </Form.Item>
          <Button
            type="primary"
            disabled={pending.length === 0}
            data-testid="rect-submit"
            onClick={async () => {
              const v = await form.validateFields();
              try {
                await respondRectification(r.id, {
                  statement: v.statement,
                  responsiblePerson: v.responsiblePerson?.trim() || null,
                });
                message.success(t('rectifications.responded'));
                form.resetFields(['statement']);
                await onDone();
              } catch (e) {
                reportError(message, e, form, ['statement', 'responsiblePerson']);
              }
            }}
          >
            {t('rectifications.respond')}
          </Button>
        </Form>
      </Space>
    </Card>
  );
};

export const RectificationDetailPage = () => {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const param = Number(useParams().id);
  const byRound = useLocation().pathname.includes('/rounds/');
  const q = useQuery({
    queryKey: [RECTIFICATIONS_KEY, byRound ? 'round' : 'detail', param],
    queryFn: () => (byRound ? getRectificationOfRound(param) : getRectification(param)),
  });
  const [action, setAction] = useState<Action>(null);
  const r = q.data;
  if (!r) return <Spin />;
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: [RECTIFICATIONS_KEY] });
    await q.refetch();
  };
  const evidenceName = new Map(r.evidence.map((e) => [e.id, e]));
  return (
    <PageContainer
      title={r.title}
      onBack={() => history.back()}
      extra={
        <Space>
          {r.abilities.verify && (
            <>
              <Button type="primary" onClick={() => setAction('verify')} data-testid="rect-verify">
                {t('rectifications.verify')}
              </Button>
              <Button danger onClick={() => setAction('reject')} data-testid="rect-reject">
                {t('rectifications.reject')}
              </Button>
            </>
          )}
          {r.abilities.followUp && (
            <Button onClick={() => setAction('followUp')} data-testid="rect-follow-up">
              {t('rectifications.followUp')}
            </Button>
          )}
          {r.abilities.reopen && (
            <Button danger onClick={() => setAction('reopen')} data-testid="rect-reopen">
              {t('rectifications.reopen')}
            </Button>
          )}
          <Link to="/rectifications">{t('rectifications.back')}</Link>
        </Space>
      }
    >
      {r.refusal && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('rectifications.refusalBanner', {
            kind: t(`rectifications.refusalKinds.${r.refusal.kind}`),
            date: r.refusal.markedOn,
            reason: r.refusal.reason,
          })}
        />
      )}
      <Card style={{ marginBottom: 12 }}>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('rectifications.institution')}>{r.institutionName}</Descriptions.Item>
          <Descriptions.Item label={t('rectifications.region')}>{r.regionName}</Descriptions.Item>
          <Descriptions.Item label={t('rectifications.status')}>
            <span data-testid="rect-status">
              <RectStatusTag r={r} />
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('rectifications.source')}>
            {t(`rectifications.sources.${r.source}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('rectifications.severity')}>
            <Tag color={r.severity === 'major' ? 'red' : 'default'}>
              {t(`rectifications.severities.${r.severity}`)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('rectifications.raisedOn')}>
            {r.raisedOn}
            {r.raisedByName ? `（${r.raisedByName}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('rectifications.dueOn')}>
            {r.status === 'closed' ? r.dueOn : <DueTag dueOn={r.dueOn} overdueDays={r.overdueDays} />}
          </Descriptions.Item>
          <Descriptions.Item label={t('rectifications.responsible')}>
            {r.responsiblePerson ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('rectifications.closedOn')}>{r.closedOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('rectifications.detail')} span={3}>
            {r.detail ?? '—'}
          </Descriptions.Item>
          {r.clock && (
            <Descriptions.Item label={t('rectifications.clock')} span={3}>
              <Space direction="vertical" size={0}>
                <span>
                  {r.clock.startsOn} → {r.clock.dueOn}
                  {r.clock.confidence === 'uncertain' && (
                    <Tag color="gold" style={{ marginLeft: 8 }}>
                      {t('rectifications.uncertainDays')}
                    </Tag>
                  )}
                </span>
                <Typography.Text type="secondary">
                  {t('rectifications.legalBasis')}：{r.clock.legalBasis}
                </Typography.Text>
              </Space>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {r.abilities.respond && <RespondCard r={r} onDone={refresh} />}
      <Card title={t('rectifications.history')} style={{ marginBottom: 12 }}>
        <Timeline
          data-testid="rect-history"
          items={r.events.map((e) => ({
            color: EVENT_COLOURS[e.kind],
            children: (
              <Space direction="vertical" size={0}>
                <span>
                  <b>{t(`rectifications.events.${e.kind}`)}</b>
                  {e.result && (
                    <Tag color={e.result === 'ok' ? 'green' : 'red'} style={{ marginLeft: 8 }}>
                      {t(`rectifications.followUpResults.${e.result}`)}
                    </Tag>
                  )}
                  {e.roundNo > 1 && (
                    <Tag style={{ marginLeft: 8 }}>{t('rectifications.round', { n: e.roundNo })}</Tag>
                  )}
                  <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                    {dayjs(e.at).format('YYYY-MM-DD HH:mm')} · {e.organisationName ?? ''} {e.userName ?? ''}
                  </Typography.Text>
                </span>
                {e.checkedOn && (
                  <span>
                    {t('rectifications.checkedOn')}：{e.checkedOn} · {t('rectifications.checkers')}：
                    {e.checkers}
                  </span>
                )}
                {e.dueOn && (
                  <span>
                    {t('rectifications.dueOn')}：{e.dueOn}
                  </span>
                )}
                {e.note && <span>{e.note}</span>}
                {e.evidenceIds.map((id) => (
                  <a key={id} href={rectificationEvidenceUrl(r.id, id)} target="_blank" rel="noreferrer">
                    <PaperClipOutlined /> {evidenceName.get(id)?.fileName}
                  </a>
                ))}
              </Space>
            ),
          }))}
        />
      </Card>
      <Card title={t('rectifications.evidence')}>
        {r.evidence.length === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Space direction="vertical" data-testid="rect-evidence">
            {r.evidence.map((e) => (
              <span key={e.id}>
                <a href={rectificationEvidenceUrl(r.id, e.id)} target="_blank" rel="noreferrer">
                  {e.fileName}
                </a>{' '}
                <Tag>{t('rectifications.round', { n: e.roundNo })}</Tag>
                <Tag color={e.submitted ? 'green' : 'orange'}>
                  {e.submitted ? t('rectifications.evidenceSubmitted') : t('rectifications.evidencePending')}
                </Tag>
                <Typography.Text type="secondary">
                  {dayjs(e.uploadedAt).format('YYYY-MM-DD HH:mm')}
                </Typography.Text>
              </span>
            ))}
          </Space>
        )}
      </Card>
      {action && <ActionModal r={r} action={action} onClose={() => setAction(null)} onDone={refresh} />}
    </PageContainer>
  );
};
