/**
 * Friendly forms for the three calculators used most (C_TWA, L_EX,8h, GBZ 49 audiogram). They compute in the
 * browser with the same @ohp/standards code the server runs, so the verdict follows every keystroke. None of
 * the three depends on administrator data (amendments, imported rows), so the browser result is the server's.
 */
import {
  ProForm,
  ProFormDatePicker,
  ProFormDigit,
  ProFormGroup,
  ProFormList,
  ProFormRadio,
} from '@ant-design/pro-components';
import {
  assessNoiseDeafness,
  atMost,
  computeLex8h,
  computeTwa,
  FREQUENCIES,
  roundForDisplay,
} from '@ohp/standards';
import type { Audiogram, HearingInput, NoiseExposure, TwaInput } from '@ohp/standards';
import { Alert, Form, InputNumber, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalcResult } from './api';

/** Calculators that have a friendly form. */
export const LIVE_FORMS = new Set(['air-twa', 'noise-lex8h', 'hearing-gbz49']);

type Props = { example: unknown; onResult: (r: CalcResult) => void };

const rec = (x: unknown): Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {};
const arr = (x: unknown): Record<string, unknown>[] => (Array.isArray(x) ? x.map(rec) : []);
/** Empty InputNumber fields give null; the engine then explains what is missing. */
const n = (x: unknown): number => (typeof x === 'number' ? x : Number.NaN);
const asResult = (r: unknown) => r as CalcResult;

const Headline = ({ children }: { children: ReactNode }) => (
  <Alert type="info" showIcon style={{ marginBottom: 12 }} message={children} data-testid="live-headline" />
);

// ---- C_TWA ----------------------------------------------------------------------------------------------

type TwaForm = {
  segments?: { concentration?: number | null; hours?: number | null }[];
  shiftHours?: number | null;
};
const twaInput = (v: TwaForm): TwaInput => ({
  segments: (v.segments ?? []).map((s) => ({ concentration: n(s?.concentration), hours: n(s?.hours) })),
  shiftHours: n(v.shiftHours),
});

const TwaLive = ({ example, onResult }: Props) => {
  const { t } = useTranslation();
  const initial = useMemo<TwaForm>(() => {
    const e = rec(example);
    return {
      segments: arr(e.segments).map((s) => ({ concentration: n(s.concentration), hours: n(s.hours) })),
      shiftHours: n(e.shiftHours),
    };
  }, [example]);
  const [form] = Form.useForm<TwaForm>();
  const values = Form.useWatch([], form) as TwaForm | undefined;
  const result = useMemo(() => computeTwa(twaInput(values ?? initial)), [values, initial]);
  useEffect(() => onResult(asResult(result)), [result, onResult]);
  return (
    <ProForm<TwaForm>
      form={form}
      initialValues={initial}
      submitter={false}
      layout="vertical"
      data-testid="live-form-air-twa"
    >
      {result.verdict === 'computed' ? (
        <Headline>
          C_TWA = <b>{roundForDisplay(result.cTwa8h, 'concentration').text}</b> mg/m³
          {result.shiftHours > 8
            ? ` · ${t('standards.form.shiftAverage')} ${roundForDisplay(result.cTwaShift, 'concentration').text} mg/m³`
            : ''}
        </Headline>
      ) : null}
      <ProFormDigit
        name="shiftHours"
        label={t('standards.form.shiftHours')}
        min={0.1}
        max={24}
        fieldProps={{ addonAfter: 'h', style: { width: 140 } }}
      />
      <ProFormList
        name="segments"
        label={t('standards.form.segments')}
        creatorButtonProps={{ creatorButtonText: t('standards.form.addSegment') }}
        creatorRecord={{ concentration: null, hours: null }}
        copyIconProps={false}
      >
        <ProFormGroup>
          <ProFormDigit
            name="concentration"
            placeholder={t('standards.form.concentration')}
            min={0}
            fieldProps={{ addonAfter: 'mg/m³', style: { width: 170 } }}
          />
          <ProFormDigit
            name="hours"
            placeholder={t('standards.form.hours')}
            min={0}
            fieldProps={{ addonAfter: 'h', style: { width: 130 } }}
          />
        </ProFormGroup>
      </ProFormList>
    </ProForm>
  );
};

// ---- L_EX,8h --------------------------------------------------------------------------------------------

type LexForm = { segments?: { laeq?: number | null; hours?: number | null }[] };
const lexInput = (v: LexForm): { exposure: NoiseExposure } => ({
  exposure: {
    kind: 'segments',
    segments: (v.segments ?? []).map((s) => ({ laeq: n(s?.laeq), hours: n(s?.hours) })),
  },
});

const LexLive = ({ example, onResult }: Props) => {
  const { t } = useTranslation();
  const initial = useMemo<LexForm>(() => {
    const ex = rec(rec(example).exposure);
    return { segments: arr(ex.segments).map((s) => ({ laeq: n(s.laeq), hours: n(s.hours) })) };
  }, [example]);
  const [form] = Form.useForm<LexForm>();
  const values = Form.useWatch([], form) as LexForm | undefined;
  const result = useMemo(() => computeLex8h(lexInput(values ?? initial)), [values, initial]);
  useEffect(() => onResult(asResult(result)), [result, onResult]);
  return (
    <ProForm<LexForm>
      form={form}
      initialValues={initial}
      submitter={false}
      layout="vertical"
      data-testid="live-form-noise-lex8h"
    >
      {result.verdict === 'computed' ? (
        <Headline>
          L_EX,8h = <b>{roundForDisplay(result.value, 'soundLevel').text}</b> dB(A)
          {' · '}
          {/* The engine's inclusive, float-tolerant comparison: 10·lg(10^8.5) = 85.00000000000001 is not above. */}
          {atMost(result.value, 85) ? t('standards.form.notAbove85') : t('standards.form.above85')}
        </Headline>
      ) : null}
      <ProFormList
        name="segments"
        label={t('standards.form.noiseSegments')}
        creatorButtonProps={{ creatorButtonText: t('standards.form.addSegment') }}
        creatorRecord={{ laeq: null, hours: null }}
        copyIconProps={false}
      >
        <ProFormGroup>
          <ProFormDigit
            name="laeq"
            placeholder="L_Aeq,T"
            min={0}
            max={200}
            fieldProps={{ addonAfter: 'dB(A)', style: { width: 160 } }}
          />
          <ProFormDigit
            name="hours"
            placeholder={t('standards.form.hours')}
            min={0}
            fieldProps={{ addonAfter: 'h', style: { width: 130 } }}
          />
        </ProFormGroup>
      </ProFormList>
    </ProForm>
  );
};

// ---- GBZ 49 -------------------------------------------------------------------------------------------

type HearingForm = {
  eventDate?: Dayjs | string | null;
  correction?: 'gbt7582' | 'already_corrected';
  sex?: 'M' | 'F';
  age?: number | null;
  noiseExposureYears?: number | null;
  left?: Partial<Record<string, number | null>>;
  right?: Partial<Record<string, number | null>>;
};
const audiogramOf = (x: HearingForm['left']): Audiogram => {
  const out = {} as Audiogram;
  for (const f of FREQUENCIES) out[`${f}`] = n(x?.[`${f}`]);
  return out;
};
const dateText = (d: HearingForm['eventDate']): string =>
  d === null || d === undefined ? '' : typeof d === 'string' ? d : d.format('YYYY-MM-DD');
const hearingInput = (v: HearingForm): HearingInput => ({
  eventDate: dateText(v.eventDate),
  left: audiogramOf(v.left),
  right: audiogramOf(v.right),
  correction: v.correction ?? 'gbt7582',
  ...(v.sex ? { sex: v.sex } : {}),
  ...(typeof v.age === 'number' ? { age: v.age } : {}),
  noiseExposureYears: n(v.noiseExposureYears),
});

const HearingLive = ({ example, onResult }: Props) => {
  const { t } = useTranslation();
  const initial = useMemo<HearingForm>(() => {
    const e = rec(example);
    const ear = (x: unknown) => Object.fromEntries(FREQUENCIES.map((f) => [`${f}`, n(rec(x)[`${f}`])]));
    return {
      eventDate: typeof e.eventDate === 'string' ? dayjs(e.eventDate) : dayjs(),
      correction: e.correction === 'already_corrected' ? 'already_corrected' : 'gbt7582',
      sex: e.sex === 'F' ? 'F' : 'M',
      age: typeof e.age === 'number' ? e.age : null,
      noiseExposureYears: n(e.noiseExposureYears),
      left: ear(e.left),
      right: ear(e.right),
    };
  }, [example]);
  const [form] = Form.useForm<HearingForm>();
  const values = Form.useWatch([], form) as HearingForm | undefined;
  const correction = Form.useWatch('correction', form) ?? initial.correction;
  const result = useMemo(() => assessNoiseDeafness(hearingInput(values ?? initial)), [values, initial]);
  useEffect(() => onResult(asResult(result)), [result, onResult]);
  const cell = { padding: '3px 2px', textAlign: 'center' as const };
  return (
    <ProForm<HearingForm>
      form={form}
      initialValues={initial}
      submitter={false}
      layout="vertical"
      data-testid="live-form-hearing-gbz49"
    >
      {result.verdict !== 'error' ? (
        <Headline>
          {t('standards.form.betterEar')}{' '}
          <b>{roundForDisplay(result.betterEarWeighted, 'hearingThreshold').text}</b> dB HL ·{' '}
          {t('standards.form.hfAverage')}{' '}
          <b>{roundForDisplay(result.binauralHighFrequencyAverage, 'hearingThreshold').text}</b> dB HL
          {result.grade ? (
            <>
              {' · '}
              <b>{result.grade}</b>
            </>
          ) : null}
        </Headline>
      ) : null}
      <ProFormGroup>
        <ProFormDatePicker
          name="eventDate"
          label={t('standards.form.examDate')}
          fieldProps={{ format: 'YYYY-MM-DD', allowClear: false }}
        />
        <ProFormDigit
          name="noiseExposureYears"
          label={t('standards.form.exposureYears')}
          min={0}
          fieldProps={{ addonAfter: t('standards.form.years'), style: { width: 130 } }}
        />
      </ProFormGroup>
      <ProFormGroup>
        <ProFormRadio.Group
          name="correction"
          label={t('standards.form.correction')}
          radioType="button"
          options={[
            { value: 'gbt7582', label: t('standards.form.correctGbt7582') },
            { value: 'already_corrected', label: t('standards.form.alreadyCorrected') },
          ]}
        />
        {correction === 'gbt7582' ? (
          <>
            <ProFormRadio.Group
              name="sex"
              label={t('standards.form.sex')}
              radioType="button"
              options={[
                { value: 'M', label: t('standards.form.male') },
                { value: 'F', label: t('standards.form.female') },
              ]}
            />
            <ProFormDigit name="age" label={t('standards.form.age')} min={0} max={120} width={90} />
          </>
        ) : null}
      </ProFormGroup>
      <Typography.Text strong>{t('standards.form.audiogram')}</Typography.Text>
      <div style={{ overflowX: 'auto' }}>
        <table style={{ borderCollapse: 'collapse', marginTop: 6 }} data-testid="audiogram">
          <thead>
            <tr>
              <th style={{ ...cell, fontWeight: 500, color: '#666' }}>Hz</th>
              {FREQUENCIES.map((f) => (
                <th key={f} style={{ ...cell, fontWeight: 500, color: '#666' }}>
                  {f >= 1000 ? `${f / 1000}k` : f}
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
                        style={{ width: 50 }}
                        aria-label={`${ear} ${f} Hz`}
                      />
                    </Form.Item>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 6, marginBottom: 0 }}>
        {t('standards.form.audiogramHint')}
      </Typography.Paragraph>
    </ProForm>
  );
};

export const LiveForm = ({ id, ...props }: Props & { id: string }) => {
  if (id === 'air-twa') return <TwaLive {...props} />;
  if (id === 'noise-lex8h') return <LexLive {...props} />;
  if (id === 'hearing-gbz49') return <HearingLive {...props} />;
  return null;
};
