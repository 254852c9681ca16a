/**
 * One declaration. The employer fills it as steps — 基本信息 → 主要产品 → 危害因素 → 作业场所分布 → 检测 →
 * 培训与体检 → 核对提交 — with the totals computed live from the rows and the same cross-checks the server
 * runs (computeDeclaration from the contracts) shown before the submission; a returned declaration shows
 * the county's opinion on top. The county reads it (read-only) and returns it with an opinion or accepts
 * it, which issues the 申报回执 (printable, verifiable). Everyone sees the submissions and the receipt.
 */
import { PageContainer } from '@ant-design/pro-components';
import {
  annualLockedFields,
  computeDeclaration,
  declarationCategories,
  declarationKeyFactors,
  type DeclarationDetail,
  type DeclarationForm,
  type DeclarationTotals,
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
  Divider,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Radio,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Statistic,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { reportError } from '../../shared/errors';
import { fmtDate, fmtDateTime } from '../../shared/format';
import { reasonText } from '../../shared/messages';
import { CATALOGUE, useCodeNames } from '../exam-cards/api';
import {
  DECLARATIONS_KEY,
  acceptDeclaration,
  deleteDeclaration,
  getDeclaration,
  returnDeclaration,
  saveDeclaration,
  submitDeclaration,
} from './api';
import { StatusTag } from './DeclarationsPage';

const STEPS = ['basic', 'products', 'hazards', 'workplaces', 'detection', 'training', 'review'] as const;
const KEY_CODES: string[] = declarationKeyFactors.map((k) => k.code);

/** The label of a field path the checks name (form.basic.employees → 在册职工总数). */
const usePathLabel = () => {
  const { t } = useTranslation();
  return (path: string): string => {
    const p = path.replace(/^form\./, '').split('.');
    if (p[0] === 'basic') return t(`declarations.basic.${p[1]}`);
    if (p[0] === 'hazards')
      return `${t('declarations.steps.hazards')} · ${t(`declarations.categories.${p[1]}`)}`;
    if (p[0] === 'workplaces')
      return `${t('declarations.steps.workplaces')} #${Number(p[1] ?? 0) + 1}${p[2] === 'factors' ? ` · ${t('declarations.workplace.factor')} #${Number(p[3] ?? 0) + 1}` : ''}`;
    return t(`declarations.steps.${p[0] === 'surveillance' ? 'training' : p[0]}`, { defaultValue: path });
  };
};

/** The totals computed from the form as it is edited, or given (the server's, e.g. a legacy declaration's). */
const Totals = ({ form, given }: { form: DeclarationForm; given?: DeclarationTotals }) => {
  const { t } = useTranslation();
  const totals = given ?? computeDeclaration(form).totals;
  return (
    <Card size="small" title={t('declarations.totals.title')} data-testid="declaration-totals">
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <Statistic title={t('declarations.totals.employees')} value={totals.employees ?? '-'} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('declarations.totals.exposedDistinct')}
            value={totals.exposedDistinct}
            valueStyle={{ color: '#1677ff' }}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('declarations.totals.exposedRepeated')} value={totals.exposedRepeated} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={`${t('declarations.totals.points')} / ${t('declarations.totals.exceeding')}`}
            value={`${totals.detectionPoints} / ${totals.detectionExceeding}`}
          />
        </Col>
      </Row>
      <Space wrap style={{ marginTop: 8 }}>
        {declarationCategories
          .filter((c) => totals.categories[c]?.present || (totals.categories[c]?.exposed ?? 0) > 0)
          .map((c) => (
            <Tag key={c}>
              {t(`declarations.categories.${c}`)} {totals.categories[c]!.exposed}
            </Tag>
          ))}
        {declarationKeyFactors
          .filter((k) => (totals.keyFactors[k.code] ?? 0) > 0)
          .map((k) => (
            <Tag key={k.code} color="blue">
              {k.zh} {totals.keyFactors[k.code]}
            </Tag>
          ))}
      </Space>
    </Card>
  );
};

const Issues = ({ issues }: { issues: Array<{ path: string; reason: string }> }) => {
  const { t } = useTranslation();
  const label = usePathLabel();
  if (!issues.length) return <Alert type="success" showIcon message={t('declarations.checksOk')} />;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="declaration-issues"
      message={t('declarations.checksTitle')}
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {issues.map((i) => (
            <li key={`${i.path}|${i.reason}`}>
              <b>{label(i.path)}</b>：{reasonText(i.reason)}
            </li>
          ))}
        </ul>
      }
    />
  );
};

/** The steps form of an editable declaration (the employer's). */
const StepsForm = ({ d }: { d: DeclarationDetail }) => {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<DeclarationForm>();
  const [step, setStep] = useState(0);
  const [busy, setBusy] = useState(false);
  const values = (Form.useWatch([], form) as DeclarationForm | undefined) ?? d.form;
  const hazards = useCodeNames(CATALOGUE.hazardFactors);
  const economic = useCodeNames(CATALOGUE.economicTypes);
  // The form is loaded once per declaration: a refetch after a save must not overwrite what the user is
  // typing (or a row just added).
  useEffect(() => form.setFieldsValue(d.form), [d.id, form]);
  const factorOptions = useMemo(
    () =>
      hazards.entries
        .filter((e) => String(e.code).length === 4)
        .map((e) => ({ value: String(e.code), label: `${String(e.code)} ${hazards.name(String(e.code))}` })),
    [hazards],
  );
  const locked = (k: string) => d.type === 'annual' && (annualLockedFields as readonly string[]).includes(k);
  const current = { ...d.form, ...values };
  const check = computeDeclaration(current);

  const save = async (): Promise<boolean> => {
    setBusy(true);
    try {
      const v = form.getFieldsValue(true) as DeclarationForm;
      await saveDeclaration(d.id, clean(v));
      await qc.invalidateQueries({ queryKey: [DECLARATIONS_KEY] });
      return true;
    } catch (e) {
      reportError(message, e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const go = async (to: number) => {
    if (await save()) setStep(to);
  };
  const submit = async () => {
    if (!(await save())) return;
    setBusy(true);
    try {
      const r = await submitDeclaration(d.id);
      message.success(r.late ? t('declarations.submittedLate') : t('declarations.submitted'));
      await qc.invalidateQueries({ queryKey: [DECLARATIONS_KEY] });
    } catch (e) {
      reportError(message, e);
    } finally {
      setBusy(false);
    }
  };
  const remove = () =>
    modal.confirm({
      title: t('declarations.deleteConfirm'),
      onOk: async () => {
        try {
          await deleteDeclaration(d.id);
          message.success(t('declarations.deleted'));
          await qc.invalidateQueries({ queryKey: [DECLARATIONS_KEY] });
          navigate('/declarations');
        } catch (e) {
          reportError(message, e);
        }
      },
    });
  const num = (name: Array<string | number>, label: string, extra?: object) => (
    <Form.Item name={name} label={label} {...extra}>
      <InputNumber min={0} precision={0} style={{ width: '100%' }} />
    </Form.Item>
  );
  const name = STEPS[step]!;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Steps
        size="small"
        current={step}
        onChange={(s) => void go(s)}
        items={STEPS.map((s) => ({ title: t(`declarations.steps.${s}`) }))}
        responsive
        data-testid="declaration-steps"
      />
      <Totals form={current} />
      <Card>
        <Form form={form} layout="vertical" initialValues={d.form} disabled={busy}>
          <div style={{ display: name === 'basic' ? undefined : 'none' }}>
            <Row gutter={16}>
              {(['name', 'creditCode', 'registeredAddress', 'workplaceAddress', 'industryCode'] as const).map(
                (k) => (
                  <Col xs={24} md={12} key={k}>
                    <Form.Item
                      name={['basic', k]}
                      label={t(`declarations.basic.${k}`)}
                      extra={locked(k) ? t('declarations.basic.locked') : undefined}
                    >
                      <Input disabled={locked(k)} data-testid={`basic-${k}`} />
                    </Form.Item>
                  </Col>
                ),
              )}
              <Col xs={24} md={12}>
                <Form.Item
                  name={['basic', 'economicTypeCode']}
                  label={t('declarations.basic.economicTypeCode')}
                  extra={locked('economicTypeCode') ? t('declarations.basic.locked') : undefined}
                >
                  <Select
                    showSearch
                    optionFilterProp="label"
                    disabled={locked('economicTypeCode')}
                    data-testid="basic-economicTypeCode"
                    options={economic.entries.map((e) => ({
                      value: String(e.code),
                      label: economic.name(String(e.code)),
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name={['basic', 'legalRepresentative']}
                  label={t('declarations.basic.legalRepresentative')}
                >
                  <Input data-testid="basic-legalRepresentative" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name={['basic', 'legalRepresentativePhone']}
                  label={t('declarations.basic.legalRepresentativePhone')}
                >
                  <Input data-testid="basic-legalRepresentativePhone" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name={['basic', 'ohBody']} label={t('declarations.basic.ohBody')}>
                  <Radio.Group data-testid="basic-ohBody">
                    <Radio value={true}>{t('declarations.basic.have')}</Radio>
                    <Radio value={false}>{t('declarations.basic.haveNot')}</Radio>
                  </Radio.Group>
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                {num(['basic', 'ohManagersFullTime'], t('declarations.basic.ohManagersFullTime'))}
              </Col>
              <Col xs={12} md={6}>
                {num(['basic', 'ohManagersPartTime'], t('declarations.basic.ohManagersPartTime'))}
              </Col>
              <Col xs={12} md={6}>
                {num(['basic', 'employees'], t('declarations.basic.employees'))}
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name={['basic', 'revenueWanYuan']} label={t('declarations.basic.revenueWanYuan')}>
                  <InputNumber min={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                {num(
                  ['basic', 'occupationalDiseaseCumulative'],
                  t('declarations.basic.occupationalDiseaseCumulative'),
                )}
              </Col>
              <Col xs={12} md={6}>
                <Form.Item label={t('declarations.basic.enterpriseSize')}>
                  <Typography.Text>
                    {d.form.basic?.enterpriseSize
                      ? t(`declarations.sizes.${d.form.basic.enterpriseSize}`)
                      : '-'}
                  </Typography.Text>
                </Form.Item>
              </Col>
            </Row>
          </div>

          <div style={{ display: name === 'products' ? undefined : 'none' }}>
            <Typography.Paragraph type="secondary">{t('declarations.product.empty')}</Typography.Paragraph>
            <Form.List name="products">
              {(fields, { add, remove: drop }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} wrap align="start">
                      <Form.Item
                        name={[f.name, 'name']}
                        label={t('declarations.product.name')}
                        rules={[{ required: true }]}
                      >
                        <Input style={{ width: 200 }} />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'annualOutput']}
                        label={t('declarations.product.annualOutput')}
                        rules={[{ required: true }]}
                      >
                        <InputNumber min={0} style={{ width: 140 }} />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'unit']}
                        label={t('declarations.product.unit')}
                        rules={[{ required: true }]}
                      >
                        <Input style={{ width: 90 }} />
                      </Form.Item>
                      <Button type="link" danger onClick={() => drop(f.name)} style={{ marginTop: 30 }}>
                        {t('declarations.workplace.remove')}
                      </Button>
                    </Space>
                  ))}
                  <Button
                    onClick={() =>
                      add({ name: '', annualOutput: 0, unit: t('declarations.product.defaultUnit') })
                    }
                  >
                    {t('declarations.product.add')}
                  </Button>
                </>
              )}
            </Form.List>
          </div>

          <div style={{ display: name === 'hazards' ? undefined : 'none' }}>
            <Alert
              type="info"
              showIcon
              message={t('declarations.hazards.hint')}
              style={{ marginBottom: 12 }}
            />
            <Row gutter={16}>
              {declarationCategories.map((c) => (
                <Col xs={24} md={8} key={c}>
                  <Form.Item
                    name={['hazards', c, 'exposed']}
                    label={`${t(`declarations.categories.${c}`)} · ${t('declarations.hazards.exposed')}`}
                    extra={t('declarations.hazards.rows', { n: check.totals.categories[c]?.repeated ?? 0 })}
                  >
                    <InputNumber
                      min={0}
                      precision={0}
                      style={{ width: '100%' }}
                      data-testid={`hazard-${c}`}
                    />
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </div>

          <div style={{ display: name === 'workplaces' ? undefined : 'none' }}>
            <Alert
              type="info"
              showIcon
              message={t('declarations.workplace.hint')}
              style={{ marginBottom: 12 }}
            />
            <Form.List name="workplaces">
              {(fields, { add, remove: drop }) => (
                <Space direction="vertical" style={{ width: '100%' }}>
                  {fields.map((f) => (
                    <Card
                      key={f.key}
                      size="small"
                      data-testid={`workplace-${f.name}`}
                      extra={
                        <Button type="link" danger onClick={() => drop(f.name)}>
                          {t('declarations.workplace.remove')}
                        </Button>
                      }
                    >
                      <Space wrap align="start">
                        <Form.Item
                          name={[f.name, 'name']}
                          label={t('declarations.workplace.name')}
                          rules={[{ required: true }]}
                        >
                          <Input style={{ width: 200 }} data-testid={`workplace-${f.name}-name`} />
                        </Form.Item>
                        <Form.Item
                          name={[f.name, 'distinctExposed']}
                          label={t('declarations.workplace.distinct')}
                        >
                          <InputNumber min={0} precision={0} data-testid={`workplace-${f.name}-distinct`} />
                        </Form.Item>
                      </Space>
                      <Form.List name={[f.name, 'factors']}>
                        {(ff, { add: addF, remove: dropF }) => (
                          <>
                            {ff.map((x) => (
                              <Space key={x.key} wrap align="start">
                                <Form.Item name={[x.name, 'code']} label={t('declarations.workplace.factor')}>
                                  <Select
                                    showSearch
                                    optionFilterProp="label"
                                    style={{ width: 260 }}
                                    options={factorOptions}
                                    data-testid={`workplace-${f.name}-factor-${x.name}`}
                                  />
                                </Form.Item>
                                <Form.Item
                                  name={[x.name, 'exposed']}
                                  label={t('declarations.workplace.factorExposed')}
                                >
                                  <InputNumber
                                    min={0}
                                    precision={0}
                                    data-testid={`workplace-${f.name}-exposed-${x.name}`}
                                  />
                                </Form.Item>
                                <Button
                                  type="link"
                                  danger
                                  onClick={() => dropF(x.name)}
                                  style={{ marginTop: 30 }}
                                >
                                  {t('declarations.workplace.remove')}
                                </Button>
                              </Space>
                            ))}
                            <Button size="small" onClick={() => addF({ code: undefined, exposed: 0 })}>
                              {t('declarations.workplace.addFactor')}
                            </Button>
                          </>
                        )}
                      </Form.List>
                    </Card>
                  ))}
                  <Button
                    type="dashed"
                    data-testid="workplace-add"
                    onClick={() =>
                      add({ name: '', distinctExposed: 0, factors: [{ code: undefined, exposed: 0 }] })
                    }
                  >
                    {t('declarations.workplace.add')}
                  </Button>
                </Space>
              )}
            </Form.List>
          </div>

          <div style={{ display: name === 'detection' ? undefined : 'none' }}>
            <Form.Item name={['detection', 'done']} valuePropName="checked">
              <Checkbox>{t('declarations.detection.done')}</Checkbox>
            </Form.Item>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item
                  name={['detection', 'institution']}
                  label={t('declarations.detection.institution')}
                >
                  <Input />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name={['detection', 'reportNos']} label={t('declarations.detection.reportNos')}>
                  <Select mode="tags" tokenSeparators={[',', '，', '/', ' ']} />
                </Form.Item>
              </Col>
            </Row>
            <Table
              size="small"
              pagination={false}
              rowKey="c"
              scroll={{ x: 420 }}
              dataSource={declarationCategories.map((c) => ({ c }))}
              columns={[
                { title: '', dataIndex: 'c', render: (c: string) => t(`declarations.categories.${c}`) },
                {
                  title: t('declarations.detection.points'),
                  render: (_: unknown, r: { c: string }) => (
                    <Form.Item name={['detection', 'categories', r.c, 'points']} style={{ margin: 0 }}>
                      <InputNumber min={0} precision={0} />
                    </Form.Item>
                  ),
                },
                {
                  title: t('declarations.detection.exceeding'),
                  render: (_: unknown, r: { c: string }) => (
                    <Form.Item name={['detection', 'categories', r.c, 'exceeding']} style={{ margin: 0 }}>
                      <InputNumber min={0} precision={0} />
                    </Form.Item>
                  ),
                },
              ]}
            />
            <Divider orientation="left" plain>
              {t('declarations.detection.keyFactors')}
            </Divider>
            <Form.List name={['detection', 'keyFactors']}>
              {(fields, { add, remove: drop }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} wrap>
                      <Form.Item name={[f.name, 'code']}>
                        <Select
                          style={{ width: 140 }}
                          options={declarationKeyFactors.map((k) => ({ value: k.code, label: k.zh }))}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'points']} label={t('declarations.detection.points')}>
                        <InputNumber min={0} precision={0} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'exceeding']} label={t('declarations.detection.exceeding')}>
                        <InputNumber min={0} precision={0} />
                      </Form.Item>
                      <Button type="link" danger onClick={() => drop(f.name)}>
                        {t('declarations.workplace.remove')}
                      </Button>
                    </Space>
                  ))}
                  <Button size="small" onClick={() => add({ code: KEY_CODES[0], points: 0, exceeding: 0 })}>
                    {t('declarations.detection.addKey')}
                  </Button>
                </>
              )}
            </Form.List>
          </div>

          <div style={{ display: name === 'training' ? undefined : 'none' }}>
            <Typography.Title level={5}>{t('declarations.training.title')}</Typography.Title>
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item name={['training', 'principalTrained']} valuePropName="checked">
                  <Checkbox>{t('declarations.training.principalTrained')}</Checkbox>
                </Form.Item>
              </Col>
              <Col xs={12} md={8}>
                {num(['training', 'managersTrained'], t('declarations.training.managersTrained'))}
              </Col>
              <Col xs={12} md={8}>
                {num(['training', 'workersTrained'], t('declarations.training.workersTrained'))}
              </Col>
            </Row>
            <Typography.Title level={5}>{t('declarations.surveillance.title')}</Typography.Title>
            <Row gutter={16}>
              {(['preEmployment', 'onDuty', 'leaving'] as const).map((k) => (
                <Col xs={24} md={8} key={k}>
                  <Typography.Text strong>{t(`declarations.surveillance.${k}`)}</Typography.Text>
                  <Space>
                    {num(['surveillance', k, 'due'], t('declarations.surveillance.due'))}
                    {num(['surveillance', k, 'done'], t('declarations.surveillance.done'))}
                  </Space>
                </Col>
              ))}
            </Row>
          </div>

          <div style={{ display: name === 'review' ? undefined : 'none' }}>
            <Issues issues={check.issues} />
            {d.missing.length > 0 && (
              <Alert
                style={{ marginTop: 12 }}
                type="error"
                showIcon
                message={t('declarations.checksTitle')}
                description={<MissingList items={d.missing} />}
              />
            )}
          </div>
        </Form>
      </Card>
      {name !== 'review' && check.issues.length > 0 && <Issues issues={check.issues} />}
      <Space wrap>
        {step > 0 && (
          <Button disabled={busy} onClick={() => void go(step - 1)}>
            {t('declarations.prev')}
          </Button>
        )}
        <Button onClick={() => void save().then((ok) => ok && message.success(t('declarations.saved')))}>
          {t('declarations.save')}
        </Button>
        {step < STEPS.length - 1 ? (
          <Button
            type="primary"
            data-testid="declaration-next"
            loading={busy}
            onClick={() => void go(step + 1)}
          >
            {t('declarations.next')}
          </Button>
        ) : (
          <Button
            type="primary"
            size="large"
            data-testid="declaration-submit"
            loading={busy}
            onClick={() => void submit()}
          >
            {t('declarations.submit')}
          </Button>
        )}
        {d.status === 'draft' && d.versions.length === 0 && (
          <Button danger type="text" onClick={remove}>
            {t('declarations.deleteDraft')}
          </Button>
        )}
      </Space>
    </Space>
  );
};

const MissingList = ({ items }: { items: Array<{ path: string; reason: string }> }) => {
  const label = usePathLabel();
  return (
    <ul style={{ margin: 0, paddingLeft: 18 }}>
      {items.map((i) => (
        <li key={i.path}>
          <b>{label(i.path)}</b>：{reasonText(i.reason)}
        </li>
      ))}
    </ul>
  );
};

/** Drops empty rows and undefined fields the form keeps (the server refuses unknown or empty values). */
const clean = (v: DeclarationForm): DeclarationForm => {
  const strip = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(strip).filter((y) => y !== undefined);
    if (x && typeof x === 'object') {
      const o = Object.fromEntries(
        Object.entries(x as Record<string, unknown>)
          .map(([k, y]): [string, unknown] => [k, strip(y)])
          .filter(([, y]) => y !== undefined && y !== null && y !== ''),
      );
      return Object.keys(o).length ? o : undefined;
    }
    return x;
  };
  const out = (strip(v) ?? {}) as DeclarationForm;
  // Rows without their required parts are left out rather than refused.
  if (out.workplaces)
    out.workplaces = out.workplaces
      .filter((w) => w.name)
      .map((w) => ({
        ...w,
        distinctExposed: w.distinctExposed ?? 0,
        factors: (w.factors ?? [])
          .filter((f) => f.code)
          .map((f) => ({ code: f.code, exposed: f.exposed ?? 0 })),
      }));
  if (out.products)
    out.products = out.products.filter((p) => p.name && p.unit && p.annualOutput !== undefined);
  if (out.detection?.keyFactors)
    out.detection.keyFactors = out.detection.keyFactors
      .filter((k) => k.code)
      .map((k) => ({ code: k.code, points: k.points ?? 0, exceeding: k.exceeding ?? 0 }));
  if (out.detection?.categories)
    for (const c of Object.keys(out.detection.categories) as Array<keyof typeof out.detection.categories>) {
      const p = out.detection.categories[c]!;
      out.detection.categories[c] = { points: p.points ?? 0, exceeding: p.exceeding ?? 0 };
    }
  if (out.surveillance)
    for (const k of Object.keys(out.surveillance) as Array<keyof typeof out.surveillance>) {
      const p = out.surveillance[k]!;
      out.surveillance[k] = { due: p.due ?? 0, done: p.done ?? 0 };
    }
  if (out.hazards)
    for (const c of Object.keys(out.hazards) as Array<keyof typeof out.hazards>)
      if (out.hazards[c]?.exposed === undefined) delete out.hazards[c];
  return out;
};

/** The declaration as it reads (the county's view, and everyone's once submitted). */
const ReadOnly = ({ d }: { d: DeclarationDetail }) => {
  const { t } = useTranslation();
  const hazards = useCodeNames(CATALOGUE.hazardFactors);
  const economic = useCodeNames(CATALOGUE.economicTypes);
  const b = d.form.basic ?? {};
  const yn = (v: boolean | undefined) =>
    v === undefined ? '-' : v ? t('declarations.yes') : t('declarations.no');
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Totals form={d.form} given={d.totals} />
      <Card size="small" title={t('declarations.steps.basic')}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label={t('declarations.basic.name')}>{b.name}</Descriptions.Item>
          <Descriptions.Item label={t('declarations.basic.creditCode')}>{b.creditCode}</Descriptions.Item>
          <Descriptions.Item label={t('declarations.basic.registeredAddress')}>
            {b.registeredAddress}
          </Descriptions.Item>
          <Descriptions.Item label={t('declarations.basic.workplaceAddress')}>
            {b.workplaceAddress}
          </Descriptions.Item>
          <Descriptions.Item label={t('declarations.basic.industryCode')}>{b.industryCode}</Descriptions.Item>
          <Descriptions.Item label={t('declarations.basic.economicTypeCode')}>
            {b.economicTypeCode ? economic.name(b.economicTypeCode) : '-'}
          </Descriptions.Item>
          <Descriptions.Item label={t('declarations.basic.enterpriseSize')}>
            {b.enterpriseSize ? t(`declarations.sizes.${b.enterpriseSize}`) : '-'}
          </Descriptions.Item>
          <Descriptions.Item label={t('declarations.basic.legalRepresentative')}>
            {b.legalRepresentative} {b.legalRepresentativePhone}
          </Descriptions.Item>
          <Descriptions.Item label={t('declarations.basic.ohBody')}>{yn(b.ohBody)}</Descriptions.Item>
          <Descriptions.Item
            label={`${t('declarations.basic.ohManagersFullTime')} / ${t('declarations.basic.ohManagersPartTime')}`}
          >
            {b.ohManagersFullTime ?? 0} / {b.ohManagersPartTime ?? 0}
          </Descriptions.Item>
          <Descriptions.Item label={t('declarations.basic.occupationalDiseaseCumulative')}>
            {b.occupationalDiseaseCumulative ?? 0}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {(d.form.products ?? []).length > 0 && (
        <Card size="small" title={t('declarations.steps.products')}>
          {(d.form.products ?? []).map((p) => `${p.name} ${p.annualOutput}${p.unit}`).join('；')}
        </Card>
      )}
      <Card size="small" title={t('declarations.steps.workplaces')}>
        <Table
          size="small"
          pagination={false}
          scroll={{ x: 520 }}
          rowKey={(r) => `${r.w}-${r.code}`}
          dataSource={(d.form.workplaces ?? []).flatMap((w) =>
            w.factors.map((f, i) => ({
              w: w.name,
              distinct: i === 0 ? w.distinctExposed : null,
              code: f.code,
              exposed: f.exposed,
            })),
          )}
          columns={[
            { title: t('declarations.workplace.name'), dataIndex: 'w' },
            {
              title: t('declarations.workplace.factor'),
              dataIndex: 'code',
              render: (c: string) => `${c} ${hazards.name(c)}`,
            },
            { title: t('declarations.workplace.factorExposed'), dataIndex: 'exposed', width: 100 },
            { title: t('declarations.workplace.distinct'), dataIndex: 'distinct', width: 130 },
          ]}
        />
      </Card>
      <Card size="small" title={`${t('declarations.steps.detection')} · ${t('declarations.steps.training')}`}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('declarations.detection.institution')}>
            {d.form.detection?.institution ?? '-'}
          </Descriptions.Item>
          <Descriptions.Item label={t('declarations.detection.reportNos')}>
            {(d.form.detection?.reportNos ?? []).join(' / ') || '-'}
          </Descriptions.Item>
          <Descriptions.Item label={t('declarations.training.principalTrained')}>
            {yn(d.form.training?.principalTrained)}
          </Descriptions.Item>
          <Descriptions.Item
            label={`${t('declarations.training.managersTrained')} / ${t('declarations.training.workersTrained')}`}
          >
            {d.form.training?.managersTrained ?? 0} / {d.form.training?.workersTrained ?? 0}
          </Descriptions.Item>
          {(['preEmployment', 'onDuty', 'leaving'] as const).map((k) => (
            <Descriptions.Item
              key={k}
              label={`${t(`declarations.surveillance.${k}`)} ${t('declarations.surveillance.due')}/${t('declarations.surveillance.done')}`}
            >
              {d.form.surveillance?.[k]
                ? `${d.form.surveillance[k].due} / ${d.form.surveillance[k].done}`
                : '-'}
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Card>
      {d.form.legacy && (
        <Alert
          type="info"
          message={d.form.legacy.note}
          description={Object.entries(d.form.legacy.keyFactors)
            .map(([k, n]) => `${declarationKeyFactors.find((x) => x.code === k)?.zh ?? k} ${n}`)
            .join('，')}
        />
      )}
    </Space>
  );
};

export const DeclarationPage = () => {
  const { t } = useTranslation();
  const { id: raw } = useParams();
  const id = Number(raw);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [returning, setReturning] = useState(false);
  const [accepting, setAccepting] = useState(false);
  const [opinion, setOpinion] = useState('');
  const q = useQuery({ queryKey: [DECLARATIONS_KEY, 'detail', id], queryFn: () => getDeclaration(id) });
  const d = q.data;
  if (q.isError)
    return (
      <Result
        status="404"
        title={reasonText('not_found')}
        extra={<Link to="/declarations">{t('declarations.back')}</Link>}
      />
    );
  if (!d) return <Spin style={{ display: 'block', margin: 48 }} />;
  const refresh = () => qc.invalidateQueries({ queryKey: [DECLARATIONS_KEY] });
  const doReturn = async () => {
    try {
      await returnDeclaration(id, opinion);
      message.success(t('declarations.returnDone'));
      setReturning(false);
      setOpinion('');
      await refresh();
    } catch (e) {
      reportError(message, e);
    }
  };
  const doAccept = async () => {
    try {
      await acceptDeclaration(id, opinion);
      message.success(t('declarations.acceptDone'));
      setAccepting(false);
      setOpinion('');
      await refresh();
    } catch (e) {
      reportError(message, e);
    }
  };
  return (
    <PageContainer
      title={`${t(`declarations.types.${d.type}`)} · ${d.employerName}`}
      onBack={() => history.back()}
      subTitle={<StatusTag d={d} />}
      extra={
        <Space wrap>
          {d.abilities.review && (
            <>
              <Button danger data-testid="declaration-return" onClick={() => setReturning(true)}>
                {t('declarations.returnAction')}
              </Button>
              <Button type="primary" data-testid="declaration-accept" onClick={() => setAccepting(true)}>
                {t('declarations.acceptAction')}
              </Button>
            </>
          )}
          {d.receipt && !d.receipt.revoked && (
            <Link to={`/documents/${d.receipt.documentId}`} data-testid="declaration-receipt">
              <Button>{t('declarations.printReceipt')}</Button>
            </Link>
          )}
        </Space>
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {d.returnedOpinion && (
          <Alert
            type="error"
            showIcon
            data-testid="declaration-opinion"
            message={t('declarations.returnedAlert')}
            description={
              <Typography.Text strong>
                {t('declarations.opinion')}：{d.returnedOpinion}
              </Typography.Text>
            }
          />
        )}
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }}>
          <Descriptions.Item label={t('declarations.dueOn')}>{fmtDate(d.dueOn)}</Descriptions.Item>
          <Descriptions.Item label={t('declarations.submittedAt')}>
            {fmtDateTime(d.submittedAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('declarations.receiptDue')}>
            {d.status === 'submitted' ? (
              d.receiptOverdueDays > 0 ? (
                <Tag color="red">{t('declarations.receiptOverdue', { n: d.receiptOverdueDays })}</Tag>
              ) : (
                `${fmtDate(d.receiptDueOn)}（${t('declarations.receiptClock')}）`
              )
            ) : (
              '-'
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('declarations.acceptedAt')}>{fmtDate(d.acceptedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('declarations.receivingLevel')}>
            <span data-testid="declaration-receiving" title={t('declarations.receivingHint')}>
              {t(`declarations.receiving.${d.receivingLevel}`)}
            </span>
          </Descriptions.Item>
          {d.changeReason && (
            <Descriptions.Item
              label={t(`declarations.changeReason.${d.type === 'cancel' ? 'cancel' : 'change'}`)}
            >
              {d.changeReason}
            </Descriptions.Item>
          )}
        </Descriptions>
        {d.abilities.edit ? <StepsForm d={d} /> : <ReadOnly d={d} />}
        {d.versions.length > 0 && (
          <Card size="small" title={t('declarations.versions')}>
            <List
              size="small"
              dataSource={d.versions}
              renderItem={(v) => (
                <List.Item>
                  <Space wrap>
                    <span>{t('declarations.version', { n: v.versionNo })}</span>
                    <span>{fmtDateTime(v.submittedAt)}</span>
                    {v.decision && (
                      <Tag color={v.decision === 'accepted' ? 'success' : 'warning'}>
                        {t(`declarations.decisions.${v.decision}`)} {fmtDate(v.decidedAt)}
                      </Tag>
                    )}
                    {v.opinion && <Typography.Text type="secondary">{v.opinion}</Typography.Text>}
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        )}
      </Space>
      <Modal
        open={returning}
        title={t('declarations.returnTitle')}
        onCancel={() => setReturning(false)}
        okButtonProps={{
          danger: true,
          disabled: opinion.trim().length < 2,
          'data-testid': 'declaration-return-ok',
        }}
        okText={t('declarations.returnAction')}
        onOk={() => void doReturn()}
      >
        <Typography.Paragraph>{t('declarations.returnOpinion')}</Typography.Paragraph>
        <Input.TextArea
          rows={4}
          maxLength={2000}
          value={opinion}
          data-testid="declaration-return-opinion"
          onChange={(e) => setOpinion(e.target.value)}
        />
      </Modal>
      <Modal
        open={accepting}
        title={t('declarations.acceptConfirm')}
        onCancel={() => setAccepting(false)}
        okText={t('declarations.acceptAction')}
        okButtonProps={{ 'data-testid': 'declaration-accept-ok' }}
        onOk={() => void doAccept()}
      >
        <Input.TextArea
          rows={2}
          maxLength={2000}
          placeholder={t('declarations.opinion')}
          value={opinion}
          onChange={(e) => setOpinion(e.target.value)}
        />
      </Modal>
    </PageContainer>
  );
};
