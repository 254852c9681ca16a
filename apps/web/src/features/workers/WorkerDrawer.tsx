/**
 * 个人职业健康档案: one worker (masked), their employers, suspected cases and every exam in the user's
 * scope as a timeline. 查看完整信息 asks for a reason and shows the values returned (never kept past
 * the drawer); 导出档案 downloads the history masked, or — for those who may reveal — with full data
 * after a reason. Both are audited by the server.
 */
import { DownloadOutlined, EyeOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { WorkerExam, WorkerRevealResult } from '@ohp/contracts';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Dropdown,
  Empty,
  Grid,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, reportError } from '../../shared/errors';
import { fmtDate } from '../../shared/format';
import { CATALOGUE, useCodeEntry, useCodeNames, entryName } from '../exam-cards/api';
import { AuditStatusTag, ConclusionTag, useCardCodes, type CardCodes } from '../exam-cards/codes';
import { downloadWorkerHistory, getWorker, revealWorker, WORKERS_KEY } from './api';
import { ReasonModal } from './ReasonModal';

const WorkType = ({ code, other }: { code: string; other: string | null }) => {
  const e = useCodeEntry(CATALOGUE.workTypes, other ? null : code);
  return <>{other ? `${code} ${other}` : `${entryName(e) ?? code}`}</>;
};

const Exam = ({
  e,
  codes,
  diseases,
}: {
  e: WorkerExam;
  codes: CardCodes;
  diseases: (c: string) => string;
}) => {
  const { t } = useTranslation();
  const suspected = e.conclusions.filter((k) => k.suspectedDiseaseCode);
  const contra = e.conclusions.filter((k) => k.contraindication);
  const other = e.conclusions.filter((k) => k.otherAbnormality);
  return (
    <div data-testid="worker-exam" data-card={e.cardId}>
      <Space wrap size={[8, 4]}>
        <Typography.Text strong>{fmtDate(e.examDate)}</Typography.Text>
        <Tag color="blue" style={{ marginInlineEnd: 0 }}>
          {codes.examTypes.name(e.examTypeCode)}
        </Tag>
        {e.isReexam ? <Tag>{t('workers.reexam')}</Tag> : null}
        {[...new Set(e.conclusions.map((k) => k.conclusionCode))]
          .sort(
            (a, b) => ['03', '04', '05', '02', '01'].indexOf(a) - ['03', '04', '05', '02', '01'].indexOf(b),
          )
          .map((c) => (
            <ConclusionTag key={c} code={c} names={codes.conclusions} />
          ))}
        <AuditStatusTag code={e.auditStatus} names={codes.auditStatuses} />
      </Space>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        style={{ marginTop: 6 }}
        items={[
          { key: 'inst', label: t('workers.examInstitution'), children: e.institutionName },
          {
            key: 'emp',
            label: t('workers.employer'),
            children:
              e.employingName && e.employingName !== e.employerName
                ? `${e.employerName}（${t('workers.employingUnit')}：${e.employingName}）`
                : e.employerName,
          },
          {
            key: 'work',
            label: t('workers.workType'),
            children: <WorkType code={e.workTypeCode} other={e.workTypeOther} />,
          },
          {
            key: 'factors',
            label: t('workers.factors'),
            children: e.contactFactorCodes.map((c) => codes.factors.name(c)).join('、'),
          },
          ...(suspected.length
            ? [
                {
                  key: 'susp',
                  label: t('workers.suspectedDisease'),
                  children: (
                    <Typography.Text type="danger">
                      {suspected.map((k) => diseases(k.suspectedDiseaseCode!)).join('、')}
                    </Typography.Text>
                  ),
                },
              ]
            : []),
          ...(contra.length
            ? [
                {
                  key: 'contra',
                  label: t('workers.contraindication'),
                  children: (
                    <Typography.Text type="warning">
                      {contra.map((k) => k.contraindication).join('、')}
                    </Typography.Text>
                  ),
                },
              ]
            : []),
          ...(other.length
            ? [
                {
                  key: 'other',
                  label: t('workers.otherAbnormality'),
                  children: other.map((k) => k.otherAbnormality).join('、'),
                },
              ]
            : []),
          { key: 'rec', label: t('workers.recordId'), children: e.recordId },
          ...(e.chiefPhysician
            ? [{ key: 'doc', label: t('workers.chiefPhysician'), children: e.chiefPhysician }]
            : []),
        ]}
      />
    </div>
  );
};

export const WorkerDrawer = ({ id, onClose }: { id: number | null; onClose: () => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const codes = useCardCodes();
  const diseases = useCodeNames(CATALOGUE.diseases);
  const idTypes = useCodeNames(CATALOGUE.idTypes);
  const [revealed, setRevealed] = useState<WorkerRevealResult | null>(null);
  const [asking, setAsking] = useState<'reveal' | 'export' | null>(null);
  const q = useQuery({
    queryKey: [WORKERS_KEY, 'detail', id],
    queryFn: () => getWorker(id!),
    enabled: id !== null,
  });
  const d = q.data && q.data.id === id ? q.data : undefined;
  // Revealed values belong to the worker they were asked for, and only while the drawer is open.
  useEffect(() => setRevealed(null), [id]);

  const exportMasked = async () => {
    try {
      await downloadWorkerHistory(id!);
      void message.success(t('workers.exported'));
    } catch (e) {
      reportError(message, e);
    }
  };

  const shown = (field: 'idNumber' | 'name' | 'phone', masked: string | null) =>
    revealed && field in revealed ? (
      <Typography.Text strong data-testid={`worker-revealed-${field}`}>
        {revealed[field] ?? '-'}
      </Typography.Text>
    ) : (
      <Space size={4}>
        <span data-testid={`worker-masked-${field}`}>{masked ?? '-'}</span>
        {masked ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            （{t('workers.masked')}）
          </Typography.Text>
        ) : null}
      </Space>
    );

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width={screens.lg === false ? '100%' : 920}
      destroyOnHidden
      data-testid="worker-drawer"
      title={d ? `${t('workers.detailTitle')} · ${revealed?.name ?? d.name}` : t('workers.detailTitle')}
      extra={
        d ? (
          <Space>
            {d.abilities.reveal ? (
              <Button icon={<EyeOutlined />} onClick={() => setAsking('reveal')} data-testid="worker-reveal">
                {t('workers.reveal')}
              </Button>
            ) : null}
            {d.abilities.reveal ? (
              <Dropdown
                menu={{
                  items: [
                    { key: 'masked', label: t('workers.exportMasked') },
                    { key: 'full', label: t('workers.exportFull') },
                  ],
                  onClick: ({ key }) => (key === 'full' ? setAsking('export') : void exportMasked()),
                }}
              >
                <Button icon={<DownloadOutlined />} data-testid="worker-export">
                  {t('workers.export')}
                </Button>
              </Dropdown>
            ) : (
              <Button
                icon={<DownloadOutlined />}
                onClick={() => void exportMasked()}
                data-testid="worker-export"
              >
                {t('workers.exportMasked')}
              </Button>
            )}
          </Space>
        ) : null
      }
    >
      {q.isError ? (
        <Alert type="error" showIcon message={errorMessage(q.error)} />
      ) : d ? (
        <div data-testid="worker-detail-body">
          {revealed ? (
            <Alert
              type="info"
              showIcon
              icon={<SafetyCertificateOutlined />}
              style={{ marginBottom: 12 }}
              message={t('workers.revealedTag')}
              data-testid="worker-revealed-alert"
            />
          ) : null}
          <Card size="small" title={t('workers.personal')} style={{ marginBottom: 12 }}>
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2, md: 3 }}
              items={[
                { key: 'name', label: t('workers.name'), children: shown('name', d.name) },
                { key: 'sex', label: t('workers.sex'), children: codes.sexes.name(d.genderCode) },
                { key: 'birth', label: t('workers.birthDate'), children: d.birthDate },
                { key: 'idType', label: t('workers.idType'), children: idTypes.name(d.idTypeCode) },
                { key: 'id', label: t('workers.idNumber'), children: shown('idNumber', d.idNumber) },
                { key: 'phone', label: t('workers.phone'), children: shown('phone', d.phone) },
              ]}
            />
          </Card>
          <Card size="small" title={t('workers.employersTitle')} style={{ marginBottom: 12 }}>
            <Space direction="vertical" size={4} style={{ width: '100%' }} data-testid="worker-employers">
              {d.employers.map((e) => (
                <div key={e.creditCode} style={{ display: 'flex', justifyContent: 'space-between', gap: 12 }}>
                  <span>
                    {e.name}{' '}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {e.creditCode}
                    </Typography.Text>
                  </span>
                  <Typography.Text type="secondary">
                    {e.firstExam === e.lastExam
                      ? t('workers.employerOnce', { date: fmtDate(e.lastExam) })
                      : t('workers.employerPeriod', { from: fmtDate(e.firstExam), to: fmtDate(e.lastExam) })}
                  </Typography.Text>
                </div>
              ))}
            </Space>
          </Card>
          <Card size="small" title={t('workers.suspectedCases')} style={{ marginBottom: 12 }}>
            {d.suspectedCases.length ? (
              <Space direction="vertical" size={4} data-testid="worker-cases">
                {d.suspectedCases.map((s) => (
                  <Space key={s.id} wrap>
                    <Typography.Text type="danger">{diseases.name(s.diseaseCode)}</Typography.Text>
                    <Typography.Text type="secondary">
                      {t('workers.caseFound', { date: fmtDate(s.foundOn) })}
                    </Typography.Text>
                    <Tag
                      color={s.status === 'diagnosed' ? 'red' : s.status === 'excluded' ? 'green' : 'orange'}
                    >
                      {t(`workers.caseStatus.${s.status}`, { defaultValue: s.status })}
                    </Tag>
                    {s.stage ? <Tag>{s.stage}</Tag> : null}
                  </Space>
                ))}
              </Space>
            ) : (
              <Typography.Text type="secondary">{t('workers.noSuspected')}</Typography.Text>
            )}
          </Card>
          <Card
            size="small"
            title={`${t('workers.timeline')}（${d.exams.length}）`}
            extra={
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('workers.timelineHint')}
              </Typography.Text>
            }
          >
            {d.exams.length ? (
              <Timeline
                style={{ marginTop: 8 }}
                data-testid="worker-timeline"
                items={d.exams.map((e) => ({
                  key: e.cardId,
                  color: e.hasSuspected ? 'red' : e.hasContraindication ? 'orange' : 'blue',
                  children: <Exam e={e} codes={codes} diseases={(c) => diseases.name(c)} />,
                }))}
              />
            ) : (
              <Empty />
            )}
          </Card>
        </div>
      ) : (
        <Skeleton active />
      )}
      <ReasonModal
        open={asking !== null}
        mode={asking ?? 'reveal'}
        onClose={() => setAsking(null)}
        onConfirm={async (v) => {
          if (asking === 'export') {
            await downloadWorkerHistory(id!, v.reason);
            void message.success(t('workers.exported'));
          } else setRevealed(await revealWorker(id!, { reason: v.reason, fields: v.fields }));
        }}
      />
    </Drawer>
  );
};
