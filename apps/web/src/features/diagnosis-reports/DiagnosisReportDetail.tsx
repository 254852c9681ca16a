/**
 * 诊断报告详情: the report as stored (the worker masked), the diagnosis with its stage and stage dates,
 * the exposure, the physicians, the notes kept with it, the suspected case it resolved with the exam
 * card that raised it, and the versions.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Drawer, Empty, Grid, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shared/errors';
import { fmtDate, fmtDateTime } from '../../shared/format';
import { CATALOGUE, useCodeNames, useRegionNames } from '../exam-cards/api';
import { stageName } from '../suspected-cases/CaseEventModal';
import { getDiagnosisReport, REPORTS_KEY } from './api';

const dash = <Typography.Text type="secondary">-</Typography.Text>;
const orDash = (v: ReactNode) => (v === null || v === undefined || v === '' ? dash : v);

type StoredReport = {
  applyDate?: string;
  workTypeCode?: string;
  workTypeOther?: string | null;
  exposure?: { factorCodes: string[]; startDate: string; years: number; months: number };
  worker?: { name?: string; idNumber?: string; genderCode?: string; birthDate?: string };
  employer?: { name: string; creditCode: string; address?: string; contact?: string; phone?: string };
  employingUnit?: { name: string; creditCode: string };
  unitHead?: string;
  reporter?: { name: string; phone: string; date: string };
  remark?: string | null;
  poisoningTypeCode?: string | null;
  diseaseOther?: string | null;
  deathDate?: string | null;
};

export const ConclusionTag = ({
  conclusion,
  disease,
  stage,
}: {
  conclusion: string;
  disease: string | null;
  stage: string | null;
}) => {
  const { t } = useTranslation();
  return conclusion === 'excluded' ? (
    <Tag color="green" data-testid="report-conclusion" data-conclusion="excluded">
      {t('diagnosis.conclusions.excluded')}
    </Tag>
  ) : (
    <Tag
      color="red"
      data-testid="report-conclusion"
      data-conclusion="diagnosed"
      style={{ whiteSpace: 'normal', maxWidth: '100%' }}
    >
      {disease}
      {stage ? ` ${stageName(stage)}` : ''}
    </Tag>
  );
};

export const LateTag = ({ lateDays }: { lateDays: number }) => {
  const { t } = useTranslation();
  return lateDays > 0 ? (
    <Tag color="red" data-testid="report-late">
      {t('diagnosis.late', { days: lateDays })}
    </Tag>
  ) : null;
};

export const DiagnosisReportDetail = ({ id, onClose }: { id: number | null; onClose: () => void }) => {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const diseases = useCodeNames(CATALOGUE.diseases);
  const factors = useCodeNames(CATALOGUE.hazardFactors);
  const workTypes = useCodeNames(CATALOGUE.workTypes);
  const sexes = useCodeNames(CATALOGUE.sexes);
  const q = useQuery({
    queryKey: [REPORTS_KEY, 'detail', id],
    queryFn: () => getDiagnosisReport(id!),
    enabled: id !== null,
  });
  const r = q.data;
  const regions = useRegionNames(r ? [r.regionCode] : []);
  const stored = (r?.report ?? {}) as StoredReport;
  const column = screens.md ? 2 : 1;

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width={screens.lg ? 860 : '100%'}
      title={r ? `${t('diagnosis.detail')} · ${r.recordId}` : t('diagnosis.detail')}
      destroyOnClose
      data-testid="report-detail"
    >
      {q.isPending ? (
        <Skeleton active />
      ) : q.isError ? (
        <Alert type="error" message={errorMessage(q.error)} />
      ) : !r ? (
        <Empty />
      ) : (
        <Space direction="vertical" size={20} style={{ width: '100%' }}>
          <Space wrap>
            <ConclusionTag
              conclusion={r.conclusion}
              disease={r.diseaseCode ? diseases.name(r.diseaseCode) : null}
              stage={r.stage}
            />
            <Tag>{t('diagnosis.current', { version: r.version })}</Tag>
            <LateTag lateDays={r.lateDays} />
          </Space>
          {r.warnings.length ? (
            <Alert
              type="warning"
              showIcon
              message={t('diagnosis.warnings')}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {r.warnings.map((w) => (
                    <li key={`${w.path}-${w.reason}`}>{w.message}</li>
                  ))}
                </ul>
              }
              data-testid="report-warnings"
            />
          ) : null}
          <Descriptions title={t('diagnosis.sectionDiagnosis')} bordered size="small" column={column}>
            <Descriptions.Item label={t('diagnosis.conclusion')}>
              {t(`diagnosis.conclusions.${r.conclusion}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('diagnosis.disease')}>
              {r.diseaseCode ? `${diseases.name(r.diseaseCode)}（${r.diseaseCode}）` : dash}
              {stored.diseaseOther ? ` ${stored.diseaseOther}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('diagnosis.edition')}>
              {r.diseaseEdition ? t('diagnosis.editionName', { edition: r.diseaseEdition }) : dash}
            </Descriptions.Item>
            <Descriptions.Item label={t('diagnosis.diagnosisDate')}>
              {fmtDate(r.diagnosisDate)}
            </Descriptions.Item>
            {r.stage ? (
              <>
                <Descriptions.Item label={t('diagnosis.stage')}>
                  <span data-testid="report-stage">{stageName(r.stage)}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('diagnosis.caseType')}>
                  {r.caseTypeCode ? t(`diagnosis.caseTypes.${r.caseTypeCode}`) : dash}
                </Descriptions.Item>
                <Descriptions.Item label={t('diagnosis.stageOneDate')}>
                  {fmtDate(r.stageOneDate)}
                </Descriptions.Item>
                <Descriptions.Item label={t('diagnosis.stageTwoDate')}>
                  {fmtDate(r.stageTwoDate)}
                </Descriptions.Item>
                <Descriptions.Item label={t('diagnosis.stageThreeDate')}>
                  {fmtDate(r.stageThreeDate)}
                </Descriptions.Item>
                <Descriptions.Item label={t('diagnosis.complications')}>
                  {r.complicationCodes.length
                    ? r.complicationCodes.map((c) => t(`diagnosis.complicationNames.${c}`)).join('、')
                    : dash}
                </Descriptions.Item>
              </>
            ) : null}
            {stored.poisoningTypeCode ? (
              <Descriptions.Item label={t('diagnosis.poisoningType')}>
                {t(`diagnosis.poisoningTypes.${stored.poisoningTypeCode}`)}
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label={t('diagnosis.applyDate')}>
              {fmtDate(stored.applyDate)}
            </Descriptions.Item>
            <Descriptions.Item label={t('diagnosis.physicians')} span={column}>
              {r.physicians.join('、')}
            </Descriptions.Item>
          </Descriptions>

          <Descriptions title={t('diagnosis.sectionWorker')} bordered size="small" column={column}>
            <Descriptions.Item label={t('diagnosis.workerName')}>{r.workerName}</Descriptions.Item>
            <Descriptions.Item label={t('diagnosis.idNumber')}>
              <span style={{ fontFamily: 'monospace' }}>{r.workerIdNumber}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('diagnosis.gender')}>{sexes.name(r.genderCode)}</Descriptions.Item>
            <Descriptions.Item label={t('diagnosis.birthDate')}>
              {fmtDate(stored.worker?.birthDate)}
            </Descriptions.Item>
            <Descriptions.Item label={t('diagnosis.workType')}>
              {stored.workTypeCode
                ? `${workTypes.name(stored.workTypeCode)}（${stored.workTypeCode}）`
                : dash}
            </Descriptions.Item>
            <Descriptions.Item label={t('diagnosis.factors')}>
              {r.factorCodes.map((f) => factors.name(f)).join('、')}
            </Descriptions.Item>
            <Descriptions.Item label={t('diagnosis.exposureStart')}>
              {fmtDate(stored.exposure?.startDate)}
            </Descriptions.Item>
            <Descriptions.Item label={t('diagnosis.exposure')}>
              {stored.exposure
                ? t('examCards.yearsMonths', { years: stored.exposure.years, months: stored.exposure.months })
                : dash}
            </Descriptions.Item>
          </Descriptions>

          <Descriptions title={t('diagnosis.sectionEmployer')} bordered size="small" column={column}>
            <Descriptions.Item label={t('diagnosis.employer')}>{r.employerName}</Descriptions.Item>
            <Descriptions.Item label={t('diagnosis.creditCode')}>{r.employerCreditCode}</Descriptions.Item>
            <Descriptions.Item label={t('diagnosis.region')}>{regions.path(r.regionCode)}</Descriptions.Item>
            <Descriptions.Item label={t('diagnosis.employingUnit')}>
              {orDash(stored.employingUnit?.name)}
            </Descriptions.Item>
          </Descriptions>

          <Descriptions title={t('diagnosis.sectionReport')} bordered size="small" column={column}>
            <Descriptions.Item label={t('diagnosis.recordId')}>{r.recordId}</Descriptions.Item>
            <Descriptions.Item label={t('diagnosis.institution')}>{r.institutionName}</Descriptions.Item>
            <Descriptions.Item label={t('diagnosis.reportDate')}>
              <Space size={6} wrap>
                {fmtDate(r.reportDate)}
                {r.dueOn ? (
                  <Typography.Text type="secondary">
                    {t('diagnosis.dueOn', { date: fmtDate(r.dueOn) })}
                  </Typography.Text>
                ) : null}
                {r.lateDays > 0 ? (
                  <LateTag lateDays={r.lateDays} />
                ) : (
                  <Tag color="green">{t('diagnosis.onTime')}</Tag>
                )}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('diagnosis.reporter')}>
              {stored.reporter ? `${stored.reporter.name} ${stored.reporter.phone}` : dash}
            </Descriptions.Item>
            <Descriptions.Item label={t('diagnosis.unitHead')}>{orDash(stored.unitHead)}</Descriptions.Item>
            <Descriptions.Item label={t('diagnosis.remark')}>{orDash(stored.remark)}</Descriptions.Item>
          </Descriptions>

          <Descriptions title={t('diagnosis.suspectedCase')} bordered size="small" column={column}>
            {r.suspectedCase ? (
              <>
                <Descriptions.Item label={t('diagnosis.suspectedDisease')}>
                  <span data-testid="report-suspected">
                    #{r.suspectedCase.id} {diseases.name(r.suspectedCase.diseaseCode)}
                  </span>{' '}
                  {r.matchesSuspected === false ? <Tag color="orange">{t('diagnosis.differs')}</Tag> : null}
                </Descriptions.Item>
                <Descriptions.Item label={t('diagnosis.caseStatus')}>
                  {t(`suspected.statuses.${r.suspectedCase.status}`, {
                    defaultValue: r.suspectedCase.status,
                  })}
                  {r.suspectedCase.outcomeOn ? ` · ${fmtDate(r.suspectedCase.outcomeOn)}` : ''}
                </Descriptions.Item>
                <Descriptions.Item label={t('diagnosis.examCard')}>
                  {r.suspectedCase.examRecordId}
                </Descriptions.Item>
                <Descriptions.Item label={t('diagnosis.examInstitution')}>
                  {r.suspectedCase.examInstitutionName} · {fmtDate(r.suspectedCase.examDate)}
                </Descriptions.Item>
              </>
            ) : (
              <Descriptions.Item label={t('diagnosis.suspectedCase')}>{dash}</Descriptions.Item>
            )}
          </Descriptions>

          {r.versions.length ? (
            <div>
              <Typography.Title level={5}>{t('diagnosis.versions')}</Typography.Title>
              <Timeline
                items={r.versions.map((v) => ({
                  children: `${t('diagnosis.version', { version: v.version })} · ${t('diagnosis.replacedAt', {
                    at: fmtDateTime(v.replacedAt),
                  })}`,
                }))}
              />
            </div>
          ) : null}
        </Space>
      )}
    </Drawer>
  );
};
