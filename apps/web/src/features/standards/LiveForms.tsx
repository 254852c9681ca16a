/**
 * Forms for the three calculators used most (C_TWA, L_EX,8h, GBZ 49 audiogram). They run the calculator
 * in the browser — the same registry entry (`getCalculator(id).run`) the server runs, validation included —
 * so the verdict follows every keystroke and a refused value is marked on its field as it is typed. None of
 * the three depends on administrator data (amendments, imported rows), so the browser result is the server's.
 */
import { atMost, FREQUENCIES, getCalculator, langOf, roundForDisplay, type Issue } from '@ohp/standards';
import { Alert, Form, InputNumber, Radio, Typography, type FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalcResult, CalculatorInfo } from './api';
import { NoiseExposureFields, noiseInput, noiseValues, type NoiseV } from './CalcForms';
import {
  arr,
  clean,
  DateField,
  dayOf,
  engineIssues,
  issuesToFields,
  LooseIssues,
  NumberField,
  numOrNull,
  rec,
  Rows,
  SchemaProvider,
  type FieldIssue,
  type FormResult,
  type Path,
} from './formkit';

/** Calculators that have a live (browser) form. */
export const LIVE_FORMS = new Set(['air-twa', 'noise-lex8h', 'hearing-gbz49']);

type Props = { calc: CalculatorInfo; onResult: FormResult };

/** Runs the calculator in the browser; an input it refuses comes back as an error result with issues. */
const runLocal = (id: string, input: unknown): CalcResult & { issues?: Issue[] } =>
  getCalculator(id)?.run(input) ?? { verdict: 'error', reasons: [] };

/** The engine's refusals of the current input on their fields; the rest returned for a list. */
const useLiveIssues = (form: FormInstance, result: CalcResult): FieldIssue[] => {
  const { i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const placed = useRef<Path[]>([]);
  const [loose, setLoose] = useState<FieldIssue[]>([]);
  useEffect(() => {
    const issues =
      result.verdict === 'error' && Array.isArray(result.issues)
        ? engineIssues(result.issues as Issue[], lang)
        : [];
    if (placed.current.length) form.setFields(placed.current.map((name) => ({ name, errors: [] })));
    const out = issuesToFields(form, issues);
    placed.current = out.placed;
    setLoose(out.rest);
  }, [result, lang, form]);
  return loose;
};

const Headline = ({ children }: { children: ReactNode }) => (
  <Alert type="info" showIcon style={{ marginBottom: 12 }} message={children} data-testid="live-headline" />
);

/** The live form shell: the calculator's schema for ranges and units, the form, the loose issues. */
const LiveShell = <V extends object>({
  calc,
  form,
  initial,
  loose,
  children,
}: {
  calc: CalculatorInfo;
  form: FormInstance<V>;
  initial: V;
  loose: FieldIssue[];
  children: ReactNode;
}) => (
  <SchemaProvider value={calc.inputSchema}>
    <Form<V>
      form={form}
      initialValues={initial}
      layout="vertical"
      requiredMark={false}
      data-testid={`live-form-${calc.id}`}
    >
      {children}
      <LooseIssues issues={loose} />
    </Form>
  </SchemaProvider>
);

// ---- C_TWA ----------------------------------------------------------------------------------------------

type TwaForm = {
  segments: { concentration: number | null; hours: number | null }[];
  shiftHours: number | null;
};

const TwaLive = ({ calc, onResult }: Props) => {
  const { t } = useTranslation();
  const initial = useMemo<TwaForm>(() => {
    const e = rec(calc.example);
    return {
      segments: arr(e.segments).map((s) => ({
        concentration: numOrNull(rec(s).concentration),
        hours: numOrNull(rec(s).hours),
      })),
      shiftHours: numOrNull(e.shiftHours),
    };
  }, [calc.example]);
  const [form] = Form.useForm<TwaForm>();
  const values = Form.useWatch([], form) as TwaForm | undefined;
  const input = useMemo(() => clean(values ?? initial), [values, initial]);
  const result = useMemo(() => runLocal(calc.id, input), [calc.id, input]);
  useEffect(() => onResult(result, input), [result, input, onResult]);
  const loose = useLiveIssues(form, result);
  const shift = typeof result.shiftHours === 'number' ? result.shiftHours : 8;
  return (
    <LiveShell calc={calc} form={form} initial={initial} loose={loose}>
      {result.verdict === 'computed' && typeof result.cTwa8h === 'number' ? (
        <Headline>
          C_TWA = <b>{roundForDisplay(result.cTwa8h, 'concentration').text}</b> mg/m³
          {shift > 8 && typeof result.cTwaShift === 'number'
            ? ` · ${t('standards.form.shiftAverage')} ${roundForDisplay(result.cTwaShift, 'concentration').text} mg/m³`
            : ''}
        </Headline>
      ) : null}
      <Rows
        name="segments"
        label={t('standards.form.segments')}
        addText={t('standards.form.addSegment')}
        newRow={() => ({ concentration: null, hours: null })}
        testId="rows-segments"
      >
        {(f) => (
          <>
            <NumberField
              compact
              live
              name={[f.name, 'concentration']}
              path={['segments', '*', 'concentration']}
              placeholder={t('standards.form.concentration')}
              width={180}
            />
            <NumberField
              compact
              live
              name={[f.name, 'hours']}
              path={['segments', '*', 'hours']}
              placeholder={t('standards.form.hours')}
              width={130}
            />
          </>
        )}
      </Rows>
      <NumberField
        live
        name="shiftHours"
        path={['shiftHours']}
        label={t('standards.form.shiftHours')}
        width={140}
      />
    </LiveShell>
  );
};

// ---- L_EX,8h --------------------------------------------------------------------------------------------

type LexForm = { exposure: NoiseV };

const LexLive = ({ calc, onResult }: Props) => {
  const { t } = useTranslation();
  const initial = useMemo<LexForm>(
    () => ({ exposure: noiseValues(rec(calc.example).exposure) }),
    [calc.example],
  );
  const [form] = Form.useForm<LexForm>();
  const values = Form.useWatch([], form) as LexForm | undefined;
  const input = useMemo(() => ({ exposure: noiseInput((values ?? initial).exposure) }), [values, initial]);
  const result = useMemo(() => runLocal(calc.id, input), [calc.id, input]);
  useEffect(() => onResult(result, input), [result, input, onResult]);
  const loose = useLiveIssues(form, result);
  return (
    <LiveShell calc={calc} form={form} initial={initial} loose={loose}>
      {result.verdict === 'computed' && typeof result.value === 'number' ? (
        <Headline>
          L_EX,8h = <b>{roundForDisplay(result.value, 'soundLevel').text}</b> dB(A)
          {' · '}
          {/* The engine's inclusive, float-tolerant comparison: 10·lg(10^8.5) = 85.00000000000001 is not above. */}
          {atMost(result.value, 85) ? t('standards.form.notAbove85') : t('standards.form.above85')}
        </Headline>
      ) : null}
      <NoiseExposureFields kinds={['segments', 'laeq', 'lex8h']} live />
    </LiveShell>
  );
};

// ---- GBZ 49 -------------------------------------------------------------------------------------------

type Ear = Record<string, number | null>;
type HearingForm = {
  eventDate: Dayjs | null;
  correction: 'gbt7582' | 'already_corrected';
  sex: 'M' | 'F';
  age: number | null;
  noiseExposureYears: number | null;
  left: Ear;
  right: Ear;
};

const HearingLive = ({ calc, onResult }: Props) => {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const initial = useMemo<HearingForm>(() => {
    const e = rec(calc.example);
    const ear = (x: unknown): Ear =>
      Object.fromEntries(FREQUENCIES.map((f) => [`${f}`, numOrNull(rec(x)[`${f}`])]));
    return {
      eventDate: dayOf(e.eventDate),
      correction: e.correction === 'already_corrected' ? 'already_corrected' : 'gbt7582',
      sex: e.sex === 'F' ? 'F' : 'M',
      age: numOrNull(e.age),
      noiseExposureYears: numOrNull(e.noiseExposureYears),
      left: ear(e.left),
      right: ear(e.right),
    };
  }, [calc.example]);
  const [form] = Form.useForm<HearingForm>();
  const values = Form.useWatch([], form) as HearingForm | undefined;
  const correction =
    (Form.useWatch('correction', form) as HearingForm['correction'] | undefined) ?? initial.correction;
  const input = useMemo(() => {
    const v = values ?? initial;
    // Sex and age are only asked for (and only sent) when the correction is applied here.
    const corrected = v.correction === 'already_corrected';
    return clean({ ...v, sex: corrected ? null : v.sex, age: corrected ? null : v.age });
  }, [values, initial]);
  const result = useMemo(() => runLocal(calc.id, input), [calc.id, input]);
  useEffect(() => onResult(result, input), [result, input, onResult]);
  const loose = useLiveIssues(form, result);
  // Audiogram cells carry no message of their own: their refusals are listed under the table.
  const cellIssues = engineIssues(
    result.verdict === 'error' && Array.isArray(result.issues) ? result.issues : [],
    lang,
  ).filter((i) => /^(left|right)\.\d+$/.test(i.path));
  const badCells = new Set(cellIssues.map((i) => i.path));
  const cell = { padding: '3px 2px', textAlign: 'center' as const };
  const num = (x: unknown) => (typeof x === 'number' ? x : null);
  const better = num(result.betterEarWeighted);
  const hf = num(result.binauralHighFrequencyAverage);
  return (
    <LiveShell calc={calc} form={form} initial={initial} loose={loose}>
      {result.verdict !== 'error' && better !== null && hf !== null ? (
        <Headline>
          {t('standards.form.betterEar')} <b>{roundForDisplay(better, 'hearingThreshold').text}</b> dB HL ·{' '}
          {t('standards.form.hfAverage')} <b>{roundForDisplay(hf, 'hearingThreshold').text}</b> dB HL
          {typeof result.grade === 'string' ? (
            <>
              {' · '}
              <b>{t(`standards.hearingGrades.${result.grade}`, { defaultValue: result.grade })}</b>
            </>
          ) : null}
        </Headline>
      ) : null}
      <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
        <DateField name="eventDate" label={t('standards.form.examDate')} />
        <NumberField
          live
          name="noiseExposureYears"
          path={['noiseExposureYears']}
          label={t('standards.form.exposureYears')}
          unit={t('standards.form.years')}
          width={140}
        />
      </div>
      <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
        <Form.Item name="correction" label={t('standards.form.correction')} style={{ marginBottom: 12 }}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'gbt7582', label: t('standards.form.correctGbt7582') },
              { value: 'already_corrected', label: t('standards.form.alreadyCorrected') },
            ]}
          />
        </Form.Item>
        {correction === 'gbt7582' ? (
          <>
            <Form.Item name="sex" label={t('standards.form.sex')} style={{ marginBottom: 12 }}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'M', label: t('standards.form.male') },
                  { value: 'F', label: t('standards.form.female') },
                ]}
              />
            </Form.Item>
            <NumberField
              live
              name="age"
              path={['age']}
              label={t('standards.form.age')}
              unit={t('standards.form.yearsOld')}
              width={120}
            />
          </>
        ) : null}
      </div>
      <Typography.Text strong>{t('standards.form.audiogram')}</Typography.Text>
      <div style={{ overflowX: 'auto' }}>
        <table style={{ borderCollapse: 'collapse', marginTop: 6 }} data-testid="audiogram">
          <thead>
            <tr>
              <th style={{ ...cell, fontWeight: 500, color: '#666' }}>Hz</th>
              {FREQUENCIES.map((f) => (
                <th key={f} style={{ ...cell, fontWeight: 500, color: '#666' }}>
                  {f}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(['left', 'right'] as const).map((ear) => (
              <tr key={ear}>
                <td style={{ ...cell, whiteSpace: 'nowrap' }}>{t(`standards.form.${ear}`)}</td>
                {FREQUENCIES.map((f) => (
                  <td key={f} style={cell}>
                    <Form.Item name={[ear, `${f}`]} noStyle>
                      <InputNumber
                        size="small"
                        controls={false}
                        style={{ width: 54 }}
                        status={badCells.has(`${ear}.${f}`) ? 'error' : undefined}
                        aria-label={`${t(`standards.form.${ear}`)} ${f} Hz`}
                      />
                    </Form.Item>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {cellIssues.length ? (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          data-testid="audiogram-issues"
          message={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {cellIssues.map((i) => {
                const [ear, f] = i.path.split('.');
                return (
                  <li key={i.path}>
                    {t(`standards.form.${ear === 'left' ? 'left' : 'right'}`)} {f} Hz
                    {t('standards.form.colon')}
                    {i.message}
                  </li>
                );
              })}
            </ul>
          }
        />
      ) : null}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 6, marginBottom: 0 }}>
        {t('standards.form.audiogramHint')}
      </Typography.Paragraph>
    </LiveShell>
  );
};

export const LiveForm = ({ calc, onResult }: Props) => {
  if (calc.id === 'air-twa') return <TwaLive calc={calc} onResult={onResult} />;
  if (calc.id === 'noise-lex8h') return <LexLive calc={calc} onResult={onResult} />;
  if (calc.id === 'hearing-gbz49') return <HearingLive calc={calc} onResult={onResult} />;
  return null;
};
