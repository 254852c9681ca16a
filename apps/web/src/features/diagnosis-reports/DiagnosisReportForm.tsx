/**
 * 新增诊断报告 (diagnosis institution): start from a suspected case referred to the institution — its
 * worker (masked: the server takes the case's), employer, work type, exposure and suspected disease fill
 * the report — or enter the worker and employer. The conclusion is 职业病 (a disease of the national
 * table; for a pneumoconiosis its case type, stage, stage dates and complications, shown only then; for a
 * chemical poisoning 急性/慢性) or 排除. Refusals land on their fields (worker.idNumber → the ID field);
 * notes the server keeps (fewer than three physicians, another disease than suspected) are shown after.
 */
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Divider,
  Drawer,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pneumoconiosisStages } from '../../shared/i18n-exam-cards';
import { OTHER_DISEASE_MARK } from '../../shared/i18n-diagnosis-reports';
import { ApiError } from '../../shared/api';
import { errorMessage } from '../../shared/errors';
import { fmtDate } from '../../shared/format';
import { CATALOGUE, useCodeNames } from '../exam-cards/api';
import { stageName } from '../suspected-cases/CaseEventModal';
import {
  isPneumoconiosis,
  isPoisoning,
  listReferrals,
  REPORTS_KEY,
  submitDiagnosisReport,
  type DiagnosisReferral,
  type DiagnosisReportInput,
} from './api';

type D = Dayjs | null | undefined;
type Values = {
  source: 'referral' | 'manual';
  suspectedCaseId?: number;
  recordId: string;
  worker?: {
    name: string;
    idTypeCode: string;
    idNumber: string;
    genderCode: string;
    birthDate: D;
    phone: string;
  };
  employer?: {
    name: string;
    creditCode: string;
    industryCode: string;
    economicTypeCode?: string;
    scaleCode?: string;
    regionCode: string;
    address: string;
    contact: string;
    phone: string;
  };
  workTypeCode: string;
  exposure: { factorCodes: string[]; startDate: D; years: number; months: number };
  applyDate: D;
  conclusion: 'diagnosed' | 'excluded';
  diseaseCode?: string;
  diseaseOther?: string;
  poisoningTypeCode?: '01' | '02';
  caseTypeCode?: string;
  stage?: (typeof pneumoconiosisStages)[number];
  stageOneDate?: D;
  stageTwoDate?: D;
  stageThreeDate?: D;
  complicationCodes?: string[];
  deathDate?: D;
  diagnosisDate: D;
  physicians: string[];
  unitHead: string;
  reporter: { name: string; phone: string; date: D };
  remark?: string;
};

const iso = (d: D) => (d ? d.format('YYYY-MM-DD') : null);
const newRecordId = () =>
  `ZD${dayjs().format('YYYYMMDD')}-${String(Math.floor(Math.random() * 9000) + 1000)}`;

/** The server's paths (worker.idNumber, exposure.factorCodes.0, physicians) as the form's field names. */
const fieldName = (path: string): (string | number)[] => {
  const parts = path.split('.');
  if (parts[0] === 'exposure' && parts[1] === 'factorCodes') return ['exposure', 'factorCodes'];
  if (parts[0] === 'complicationCodes' || parts[0] === 'physicians') return [parts[0]];
  return parts;
};

export const DiagnosisReportForm = ({
  open,
  onClose,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  onSaved: (id: number) => void;
}) => {
  const { t } = useTranslation();
  const { message, notification } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const diseases = useCodeNames(CATALOGUE.diseases);
  const idTypes = useCodeNames(CATALOGUE.idTypes);
  const sexes = useCodeNames(CATALOGUE.sexes);
  const factors = useCodeNames(CATALOGUE.hazardFactors);
  const workTypes = useCodeNames(CATALOGUE.workTypes);
  const referrals = useQuery({ queryKey: [REPORTS_KEY, 'referrals'], queryFn: listReferrals, enabled: open });
  const source = Form.useWatch('source', form);
  const caseId = Form.useWatch('suspectedCaseId', form);
  const conclusion = Form.useWatch('conclusion', form);
  const disease = Form.useWatch('diseaseCode', form);
  const caseType = Form.useWatch('caseTypeCode', form);
  const referral: DiagnosisReferral | undefined = referrals.data?.find((r) => r.suspectedCaseId === caseId);
  const pneumo = conclusion === 'diagnosed' && isPneumoconiosis(disease);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
    form.setFieldsValue({
      source: 'referral',
      recordId: newRecordId(),
      conclusion: 'diagnosed',
      applyDate: dayjs().subtract(20, 'day'),
      diagnosisDate: dayjs(),
      reporter: { date: dayjs() },
      physicians: [],
      exposure: { factorCodes: [], startDate: null, years: 0, months: 0 },
      worker: { idTypeCode: '01', genderCode: '1' },
    });
  }, [open, form]);

  // A chosen case prefills the exposure, the work type and the disease from its exam card.
  useEffect(() => {
    if (!referral) return;
    form.setFieldsValue({
      workTypeCode: referral.workTypeCode,
      diseaseCode: referral.diseaseCode,
      exposure: {
        factorCodes: referral.exposure.factorCodes,
        startDate: referral.exposure.startDate ? dayjs(referral.exposure.startDate) : null,
        years: referral.exposure.years ?? 0,
        months: referral.exposure.months ?? 0,
      },
    });
  }, [referral, form]);

  const diseaseOptions = useMemo(
    () =>
      diseases.entries
        .filter((e) => e.level === 'disease')
        .map((e) => ({ value: String(e.code), label: `${String(e.code)} ${diseases.name(String(e.code))}` })),
    [diseases],
  );
  const factorOptions = useMemo(
    () =>
      factors.entries
        .filter((e) => e.level === 'factor')
        .map((e) => ({ value: String(e.code), label: `${String(e.code)} ${factors.name(String(e.code))}` })),
    [factors],
  );
  const workTypeOptions = useMemo(
    () =>
      workTypes.entries.map((e) => ({
        value: String(e.code),
        label: `${String(e.code)} ${workTypes.name(String(e.code))}`,
      })),
    [workTypes],
  );

  const submit = async () => {
    const v = await form.validateFields();
    const diagnosed = v.conclusion === 'diagnosed';
    const staged = diagnosed && isPneumoconiosis(v.diseaseCode);
    const body: DiagnosisReportInput = {
      recordId: v.recordId.trim(),
      suspectedCaseId: v.source === 'referral' ? (v.suspectedCaseId ?? null) : null,
      worker:
        v.source === 'manual' && v.worker
          ? {
              ...v.worker,
              idNumber: v.worker.idNumber.trim().toUpperCase(),
              birthDate: iso(v.worker.birthDate)!,
            }
          : null,
      employer: v.source === 'manual' && v.employer ? { ...v.employer } : null,
      workTypeCode: v.workTypeCode,
      exposure: { ...v.exposure, startDate: iso(v.exposure.startDate)! },
      applyDate: iso(v.applyDate)!,
      conclusion: v.conclusion,
      diseaseCode: diagnosed ? (v.diseaseCode ?? null) : null,
      diseaseOther: diagnosed ? v.diseaseOther || null : null,
      poisoningTypeCode: diagnosed && isPoisoning(v.diseaseCode) ? (v.poisoningTypeCode ?? null) : null,
      caseTypeCode: staged ? (v.caseTypeCode ?? null) : null,
      stage: staged ? (v.stage ?? null) : null,
      stageOneDate: staged ? iso(v.stageOneDate) : null,
      stageTwoDate: staged ? iso(v.stageTwoDate) : null,
      stageThreeDate: staged ? iso(v.stageThreeDate) : null,
      complicationCodes: staged ? (v.complicationCodes ?? []) : [],
      deathDate: staged ? iso(v.deathDate) : null,
      diagnosisDate: iso(v.diagnosisDate)!,
      physicians: v.physicians.map((name) => ({ name })),
      unitHead: v.unitHead,
      reporter: { ...v.reporter, date: iso(v.reporter.date)! },
      remark: v.remark || null,
    };
    setSaving(true);
    setError(null);
    try {
      const res = await submitDiagnosisReport(body);
      void message.success(
        res.outcome === 'unchanged'
          ? t('diagnosis.unchanged')
          : t('diagnosis.submitted', { version: res.version }),
      );
      if (res.suspectedCaseId) void message.info(t('diagnosis.resolved', { id: res.suspectedCaseId }));
      if (res.warnings.length)
        notification.warning({
          message: t('diagnosis.warnings'),
          description: res.warnings.map((w) => w.message).join('；'),
        });
      onSaved(res.id);
    } catch (e) {
      if (e instanceof ApiError && e.details.length) {
        form.setFields(e.details.map((d) => ({ name: fieldName(d.path) as never, errors: [d.message] })));
        setError(e.details.map((d) => d.message).join('；'));
      } else setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const req = [{ required: true, message: t('diagnosis.required') }];
  const date = (name: string | (string | number)[], label: string, required = true) => (
    <Form.Item name={name} label={label} rules={required ? req : undefined}>
      <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
    </Form.Item>
  );

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={880}
      title={t('diagnosis.add')}
      destroyOnClose
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="report-submit">
            {t('diagnosis.submit')}
          </Button>
        </Space>
      }
      data-testid="report-form"
    >
      <Form form={form} layout="vertical" requiredMark scrollToFirstError>
        {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} /> : null}
        <Form.Item name="source" label={t('diagnosis.source')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'referral', label: t('diagnosis.sourceReferral') },
              { value: 'manual', label: t('diagnosis.sourceManual') },
            ]}
            data-testid="report-source"
          />
        </Form.Item>
        {source === 'referral' ? (
          <>
            <Form.Item name="suspectedCaseId" label={t('diagnosis.pickReferral')} rules={req}>
              <Select
                loading={referrals.isPending}
                notFoundContent={t('diagnosis.noReferrals')}
                data-testid="report-referral"
                options={(referrals.data ?? []).map((r) => ({
                  value: r.suspectedCaseId,
                  label: t('diagnosis.referralLabel', {
                    worker: `${r.workerName}（${r.workerIdNumber}）`,
                    disease: diseases.name(r.diseaseCode),
                    institution: r.examInstitutionName,
                    date: fmtDate(r.foundOn),
                  }),
                }))}
              />
            </Form.Item>
            {referral ? (
              <Descriptions
                size="small"
                bordered
                column={2}
                style={{ marginBottom: 16 }}
                data-testid="report-prefill"
              >
                <Descriptions.Item label={t('diagnosis.worker')}>
                  {referral.workerName}（{referral.workerIdNumber}）
                </Descriptions.Item>
                <Descriptions.Item label={t('diagnosis.suspectedDisease')}>
                  {diseases.name(referral.diseaseCode)}
                </Descriptions.Item>
                <Descriptions.Item label={t('diagnosis.employer')}>
                  {(referral.employer as { name: string }).name}
                </Descriptions.Item>
                <Descriptions.Item label={t('diagnosis.examCard')}>
                  {referral.examRecordId} · {fmtDate(referral.examDate)}
                </Descriptions.Item>
              </Descriptions>
            ) : null}
            {referral ? (
              <Typography.Paragraph type="secondary">{t('diagnosis.prefilled')}</Typography.Paragraph>
            ) : null}
          </>
        ) : (
          <>
            <Divider orientation="left">{t('diagnosis.sectionWorker')}</Divider>
            <Row gutter={16}>
              <Col span={8}>
                <Form.Item name={['worker', 'name']} label={t('diagnosis.workerName')} rules={req}>
                  <Input maxLength={50} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name={['worker', 'idTypeCode']} label={t('diagnosis.idType')} rules={req}>
                  <Select
                    options={idTypes.entries.map((e) => ({
                      value: String(e.code),
                      label: idTypes.name(String(e.code)),
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name={['worker', 'idNumber']} label={t('diagnosis.idNumber')} rules={req}>
                  <Input maxLength={18} data-testid="report-id-number" />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name={['worker', 'genderCode']} label={t('diagnosis.gender')} rules={req}>
                  <Radio.Group
                    options={sexes.entries.map((e) => ({
                      value: String(e.code),
                      label: sexes.name(String(e.code)),
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col span={8}>{date(['worker', 'birthDate'], t('diagnosis.birthDate'))}</Col>
              <Col span={8}>
                <Form.Item name={['worker', 'phone']} label={t('diagnosis.phone')} rules={req}>
                  <Input maxLength={20} />
                </Form.Item>
              </Col>
            </Row>
            <Divider orientation="left">{t('diagnosis.sectionEmployer')}</Divider>
            <Row gutter={16}>
              <Col span={12}>
                <Form.Item name={['employer', 'name']} label={t('diagnosis.employer')} rules={req}>
                  <Input maxLength={70} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name={['employer', 'creditCode']} label={t('diagnosis.creditCode')} rules={req}>
                  <Input maxLength={18} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name={['employer', 'industryCode']} label={t('diagnosis.industry')} rules={req}>
                  <Input maxLength={4} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name={['employer', 'economicTypeCode']} label={t('diagnosis.economicType')}>
                  <Input maxLength={3} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name={['employer', 'scaleCode']} label={t('diagnosis.scale')}>
                  <Input maxLength={2} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name={['employer', 'regionCode']} label={t('diagnosis.regionCode')} rules={req}>
                  <Input maxLength={9} />
                </Form.Item>
              </Col>
              <Col span={16}>
                <Form.Item name={['employer', 'address']} label={t('diagnosis.address')} rules={req}>
                  <Input maxLength={70} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name={['employer', 'contact']} label={t('diagnosis.contact')} rules={req}>
                  <Input maxLength={50} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name={['employer', 'phone']} label={t('diagnosis.contactPhone')} rules={req}>
                  <Input maxLength={20} />
                </Form.Item>
              </Col>
            </Row>
          </>
        )}

        <Divider orientation="left">{t('diagnosis.exposure')}</Divider>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="workTypeCode" label={t('diagnosis.workType')} rules={req}>
              <Select
                showSearch
                optionFilterProp="label"
                options={workTypeOptions}
                loading={!workTypes.entries.length}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name={['exposure', 'factorCodes']} label={t('diagnosis.factors')} rules={req}>
              <Select mode="multiple" showSearch optionFilterProp="label" options={factorOptions} />
            </Form.Item>
          </Col>
          <Col span={8}>{date(['exposure', 'startDate'], t('diagnosis.exposureStart'))}</Col>
          <Col span={8}>
            <Form.Item name={['exposure', 'years']} label={t('diagnosis.exposureYears')} rules={req}>
              <InputNumber min={0} max={70} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name={['exposure', 'months']} label={t('diagnosis.exposureMonths')} rules={req}>
              <InputNumber min={0} max={11} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>

        <Divider orientation="left">{t('diagnosis.sectionDiagnosis')}</Divider>
        <Row gutter={16}>
          <Col span={8}>{date('applyDate', t('diagnosis.applyDate'))}</Col>
          <Col span={8}>{date('diagnosisDate', t('diagnosis.diagnosisDate'))}</Col>
          <Col span={8}>
            <Form.Item name="conclusion" label={t('diagnosis.conclusion')} rules={req}>
              <Radio.Group
                options={[
                  { value: 'diagnosed', label: t('diagnosis.conclusions.diagnosed') },
                  { value: 'excluded', label: t('diagnosis.conclusions.excluded') },
                ]}
                data-testid="report-conclusion-input"
              />
            </Form.Item>
          </Col>
          {conclusion === 'diagnosed' ? (
            <Col span={16}>
              <Form.Item name="diseaseCode" label={t('diagnosis.disease')} rules={req}>
                <Select
                  showSearch
                  optionFilterProp="label"
                  options={diseaseOptions}
                  data-testid="report-disease"
                />
              </Form.Item>
            </Col>
          ) : null}
          {conclusion === 'diagnosed' && disease && diseases.name(disease).includes(OTHER_DISEASE_MARK) ? (
            <Col span={8}>
              <Form.Item name="diseaseOther" label={t('diagnosis.diseaseOther')} rules={req}>
                <Input maxLength={70} />
              </Form.Item>
            </Col>
          ) : null}
          {conclusion === 'diagnosed' && isPoisoning(disease) ? (
            <Col span={8}>
              <Form.Item name="poisoningTypeCode" label={t('diagnosis.poisoningType')} rules={req}>
                <Radio.Group
                  options={(['01', '02'] as const).map((c) => ({
                    value: c,
                    label: t(`diagnosis.poisoningTypes.${c}`),
                  }))}
                />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
        {pneumo ? (
          <Row gutter={16} data-testid="report-stage-fields">
            <Col span={8}>
              <Form.Item name="caseTypeCode" label={t('diagnosis.caseType')} rules={req}>
                <Select
                  options={['01', '02', '03', '04', '05'].map((c) => ({
                    value: c,
                    label: t(`diagnosis.caseTypes.${c}`),
                  }))}
                  data-testid="report-case-type"
                />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="stage" label={t('diagnosis.stage')} rules={req}>
                <Select
                  options={pneumoconiosisStages.map((s) => ({
                    value: s,
                    label: stageName(s),
                  }))}
                  data-testid="report-stage-input"
                />
              </Form.Item>
            </Col>
            <Col span={8}>{caseType === '05' ? date('deathDate', t('diagnosis.deathDate')) : null}</Col>
            <Col span={8}>{date('stageOneDate', t('diagnosis.stageOneDate'), false)}</Col>
            <Col span={8}>{date('stageTwoDate', t('diagnosis.stageTwoDate'), false)}</Col>
            <Col span={8}>{date('stageThreeDate', t('diagnosis.stageThreeDate'), false)}</Col>
            <Col span={24}>
              <Form.Item name="complicationCodes" label={t('diagnosis.complications')}>
                <Checkbox.Group
                  options={['01', '02', '03', '04', '05'].map((c) => ({
                    value: c,
                    label: t(`diagnosis.complicationNames.${c}`),
                  }))}
                />
              </Form.Item>
            </Col>
          </Row>
        ) : null}

        <Divider orientation="left">{t('diagnosis.sectionPeople')}</Divider>
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item
              name="physicians"
              label={t('diagnosis.physicians')}
              extra={t('diagnosis.physiciansHint')}
              rules={[{ required: true, type: 'array', min: 1, message: t('diagnosis.required') }]}
            >
              <Select
                mode="tags"
                open={false}
                tokenSeparators={[',', '，', '、', ' ']}
                data-testid="report-physicians"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="unitHead" label={t('diagnosis.unitHead')} rules={req}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name={['reporter', 'name']} label={t('diagnosis.reporter')} rules={req}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name={['reporter', 'phone']} label={t('diagnosis.reporterPhone')} rules={req}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col span={8}>{date(['reporter', 'date'], t('diagnosis.reportDate'))}</Col>
          <Col span={12}>
            <Form.Item name="recordId" label={t('diagnosis.recordId')} rules={req}>
              <Input maxLength={64} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="remark" label={t('diagnosis.remark')}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
};
