/**
 * A form for each calculator that runs on the server (the three used most compute live in the browser,
 * ./LiveForms). Each form is pre-filled with the calculator's example, reads units and ranges from its input
 * schema, offers pickers for substances (GBZ 2.1 rows) and catalogue entries (hazard factors, diseases,
 * industries), date pickers and repeatable rows, and sends exactly the calculator's input: the server
 * applies the administrator data in force and puts each refused field's message on the field.
 */
import { chemicalLimitRows, dustLimitRows, LUNG_ZONES, PROFUSION_SUBCATEGORIES } from '@ohp/standards';
import { Checkbox, Form, Radio, Select, Switch, Typography, type FormListFieldData } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalculatorInfo, LimitRowHit } from './api';
import {
  arr,
  CataloguePicker,
  clean,
  DateField,
  dayOf,
  dayText,
  diseaseEditionOn,
  diseasesOn,
  HAZARDS,
  INDUSTRIES,
  NumberField,
  numOrNull,
  rec,
  rowItem,
  Rows,
  Section,
  ServerForm,
  strOr,
  SubstancePicker,
  type FormResult,
  type Path,
} from './formkit';

export type CalcFormProps = { calc: CalculatorInfo; onResult: FormResult };

type Num = number | null;

/** The row id a reference of an example names (row id, CAS number or printed name). */
const rowIdOf = (ref: unknown): string | null => {
  const r = rec(ref);
  if (typeof r.rowId === 'string') return r.rowId;
  const rows = [...chemicalLimitRows, ...dustLimitRows];
  const cas = r.cas;
  if (typeof cas === 'string') return rows.find((x) => x.cas.includes(cas))?.id ?? null;
  if (typeof r.nameZh === 'string') return rows.find((x) => x.nameZh === r.nameZh)?.id ?? null;
  return null;
};

const useT = () => useTranslation().t;
const Hint = ({ children }: { children: ReactNode }) => (
  <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '-4px 0 12px' }}>
    {children}
  </Typography.Paragraph>
);

// ---- shared pieces --------------------------------------------------------------------------------------

type SegV = { concentration: Num; hours: Num };
type SampleV = { concentration: Num; minutes: Num };

/** Concentration × hours rows and the shift length (C_TWA input), under `base` of the form and schema. */
const TwaFields = ({ base, live = false }: { base: Path; live?: boolean }) => {
  const t = useT();
  return (
    <>
      <Rows
        name={[...base, 'segments']}
        label={t('standards.form.segments')}
        addText={t('standards.form.addSegment')}
        newRow={() => ({ concentration: null, hours: null })}
        testId="rows-segments"
      >
        {(f) => (
          <>
            <NumberField
              compact
              live={live}
              name={[f.name, 'concentration']}
              path={[...base, 'segments', '*', 'concentration']}
              placeholder={t('standards.form.concentration')}
              width={180}
            />
            <NumberField
              compact
              live={live}
              name={[f.name, 'hours']}
              path={[...base, 'segments', '*', 'hours']}
              placeholder={t('standards.form.hours')}
              width={130}
            />
          </>
        )}
      </Rows>
      <NumberField
        live={live}
        name={[...base, 'shiftHours']}
        path={[...base, 'shiftHours']}
        label={t('standards.form.shiftHours')}
        width={140}
      />
    </>
  );
};

const SampleRows = ({ name, path }: { name: Path; path: Path }) => {
  const t = useT();
  return (
    <Rows
      name={name}
      label={t('standards.form.steSamples')}
      addText={t('standards.form.addSample')}
      newRow={() => ({ concentration: null, minutes: null })}
      max={15}
      testId="rows-samples"
    >
      {(f) => (
        <>
          <NumberField
            compact
            name={[f.name, 'concentration']}
            path={[...path, '*', 'concentration']}
            placeholder={t('standards.form.concentration')}
            width={180}
          />
          <NumberField
            compact
            name={[f.name, 'minutes']}
            path={[...path, '*', 'minutes']}
            placeholder={t('standards.form.minutes')}
            width={130}
          />
        </>
      )}
    </Rows>
  );
};

/** The daily L_EX,8h of the working days (L_EX,W). */
const DailyLevels = ({ name, path }: { name: Path; path: Path }) => {
  const t = useT();
  return (
    <Rows
      name={name}
      label={t('standards.form.dailyLex8h')}
      addText={t('standards.form.addDay')}
      newRow={() => null}
      max={7}
      testId="rows-days"
    >
      {(f) => (
        <NumberField
          compact
          name={f.name}
          path={[...path, '*']}
          placeholder={t('standards.form.dayN', { n: f.name + 1 })}
          width={170}
        />
      )}
    </Rows>
  );
};

export type NoiseKind = 'segments' | 'laeq' | 'lex8h' | 'weekly';
export type NoiseV = {
  kind: NoiseKind;
  segments: { laeq: Num; hours: Num }[];
  laeqTe: Num;
  teHours: Num;
  lex8h: Num;
  dailyLex8h: Num[];
};

/** Form values of a noise exposure from the example's `exposure`. */
export const noiseValues = (x: unknown): NoiseV => {
  const e = rec(x);
  const kind = (['segments', 'laeq', 'lex8h', 'weekly'] as const).find((k) => k === e.kind) ?? 'segments';
  const segments = arr(e.segments).map((s) => ({
    laeq: numOrNull(rec(s).laeq),
    hours: numOrNull(rec(s).hours),
  }));
  return {
    kind,
    segments: segments.length ? segments : [{ laeq: null, hours: null }],
    laeqTe: numOrNull(e.laeqTe),
    teHours: numOrNull(e.teHours),
    lex8h: numOrNull(e.lex8h),
    dailyLex8h: arr(e.dailyLex8h).length ? arr(e.dailyLex8h).map(numOrNull) : [null],
  };
};

/** The input of the chosen kind only (the other kinds' fields are kept in the form, not sent). */
export const noiseInput = (v: Partial<NoiseV> | undefined): unknown => {
  const x = v ?? {};
  switch (x.kind ?? 'segments') {
    case 'laeq':
      return clean({ kind: 'laeq', laeqTe: x.laeqTe, teHours: x.teHours });
    case 'lex8h':
      return clean({ kind: 'lex8h', lex8h: x.lex8h });
    case 'weekly':
      return { kind: 'weekly', dailyLex8h: clean(x.dailyLex8h ?? []) };
    default:
      return { kind: 'segments', segments: clean(x.segments ?? []) };
  }
};

/**
 * A noise exposure under `exposure`: L_Aeq,T × duration segments, one L_Aeq,Te with its Te, a known
 * L_EX,8h, or (where the calculator takes it) a week of daily L_EX,8h.
 */
export const NoiseExposureFields = ({ kinds, live = false }: { kinds: NoiseKind[]; live?: boolean }) => {
  const t = useT();
  const form = Form.useFormInstance();
  const kind = (Form.useWatch(['exposure', 'kind'], form) as NoiseKind | undefined) ?? 'segments';
  return (
    <>
      <Form.Item
        name={['exposure', 'kind']}
        label={t('standards.form.noiseKind')}
        style={{ marginBottom: 12 }}
      >
        <Radio.Group
          optionType="button"
          size="small"
          options={kinds.map((k) => ({ value: k, label: t(`standards.form.noiseKinds.${k}`) }))}
          data-testid="noise-kind"
        />
      </Form.Item>
      {kind === 'segments' ? (
        <Rows
          name={['exposure', 'segments']}
          label={t('standards.form.noiseSegments')}
          addText={t('standards.form.addSegment')}
          newRow={() => ({ laeq: null, hours: null })}
          testId="rows-noise"
        >
          {(f) => (
            <>
              <NumberField
                compact
                live={live}
                name={[f.name, 'laeq']}
                path={['exposure', 'segments', '*', 'laeq']}
                placeholder="L_Aeq,T"
                width={170}
              />
              <NumberField
                compact
                live={live}
                name={[f.name, 'hours']}
                path={['exposure', 'segments', '*', 'hours']}
                placeholder={t('standards.form.hours')}
                width={130}
              />
            </>
          )}
        </Rows>
      ) : null}
      {kind === 'laeq' ? (
        <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
          <NumberField
            live={live}
            name={['exposure', 'laeqTe']}
            path={['exposure', 'laeqTe']}
            label="L_Aeq,Te"
            width={170}
          />
          <NumberField
            live={live}
            name={['exposure', 'teHours']}
            path={['exposure', 'teHours']}
            label={t('standards.form.teHours')}
            width={140}
          />
        </div>
      ) : null}
      {kind === 'lex8h' ? (
        <NumberField
          live={live}
          name={['exposure', 'lex8h']}
          path={['exposure', 'lex8h']}
          label="L_EX,8h"
          width={170}
        />
      ) : null}
      {kind === 'weekly' ? (
        <DailyLevels name={['exposure', 'dailyLex8h']} path={['exposure', 'dailyLex8h']} />
      ) : null}
    </>
  );
};

// ---- C_STE ------------------------------------------------------------------------------------------------

type SteV = { samples: SampleV[] };
const SteForm = ({ calc, onResult }: CalcFormProps) => {
  const [form] = Form.useForm<SteV>();
  const initial = useMemo<SteV>(
    () => ({
      samples: arr(rec(calc.example).samples).map((s) => ({
        concentration: numOrNull(rec(s).concentration),
        minutes: numOrNull(rec(s).minutes),
      })),
    }),
    [calc.example],
  );
  return (
    <ServerForm calc={calc} form={form} initialValues={initial} toInput={clean} onResult={onResult}>
      <SampleRows name={['samples']} path={['samples']} />
    </ServerForm>
  );
};

// ---- GBZ 2.1 judgement --------------------------------------------------------------------------------

type LimitType = 'MAC' | 'PC-TWA+PC-STEL' | 'PC-TWA';
const limitTypeOf = (h: LimitRowHit | null): LimitType | null =>
  !h || !h.loaded
    ? null
    : h.table === 2
      ? 'PC-TWA'
      : h.mac !== null
        ? 'MAC'
        : h.pcStel !== null
          ? 'PC-TWA+PC-STEL'
          : 'PC-TWA';

type ExcV = { startMinute: Num; minutes: Num; concentration: Num };
type AirV = {
  eventDate: Dayjs | null;
  substance: string | null;
  dustFraction: 'total' | 'respirable' | null;
  twaMode: 'segments' | 'value' | 'none';
  exposure: { segments: SegV[]; shiftHours: Num };
  cTwa: Num;
  steMode: 'samples' | 'value' | 'none';
  steSamples: SampleV[];
  cSte: Num;
  maxConcentration: Num;
  excursions: ExcV[];
  longShift: { form: 'daily' | 'weekly' | 'none'; hoursPerWeek: Num };
};

const segOf = (s: unknown): SegV => ({
  concentration: numOrNull(rec(s).concentration),
  hours: numOrNull(rec(s).hours),
});
const sampleOf = (s: unknown): SampleV => ({
  concentration: numOrNull(rec(s).concentration),
  minutes: numOrNull(rec(s).minutes),
});

const AirJudgementForm = ({ calc, onResult }: CalcFormProps) => {
  const t = useT();
  const [form] = Form.useForm<AirV>();
  const [hit, setHit] = useState<LimitRowHit | null>(null);
  const initial = useMemo<AirV>(() => {
    const e = rec(calc.example);
    const exposure = rec(e.exposure);
    const ls = rec(e.longShift);
    const segments = arr(exposure.segments).map(segOf);
    const samples = arr(e.steSamples).map(sampleOf);
    return {
      eventDate: dayOf(e.eventDate),
      substance: rowIdOf(e.substance),
      dustFraction:
        e.dustFraction === 'respirable' ? 'respirable' : e.dustFraction === 'total' ? 'total' : null,
      twaMode: e.exposure ? 'segments' : typeof e.cTwa === 'number' ? 'value' : 'none',
      exposure: {
        segments: segments.length ? segments : [{ concentration: null, hours: null }],
        shiftHours: numOrNull(exposure.shiftHours) ?? 8,
      },
      cTwa: numOrNull(e.cTwa),
      steMode: e.steSamples ? 'samples' : typeof e.cSte === 'number' ? 'value' : 'none',
      steSamples: samples.length ? samples : [{ concentration: null, minutes: 15 }],
      cSte: numOrNull(e.cSte),
      maxConcentration: numOrNull(e.maxConcentration),
      excursions: arr(e.excursions).map((x) => ({
        startMinute: numOrNull(rec(x).startMinute),
        minutes: numOrNull(rec(x).minutes),
        concentration: numOrNull(rec(x).concentration),
      })),
      longShift: {
        form: ls.form === 'weekly' ? 'weekly' : ls.form === 'none' ? 'none' : 'daily',
        hoursPerWeek: numOrNull(ls.hoursPerWeek),
      },
    };
  }, [calc.example]);
  const date = dayText(Form.useWatch('eventDate', form));
  const twaMode = (Form.useWatch('twaMode', form) as AirV['twaMode'] | undefined) ?? initial.twaMode;
  const steMode = (Form.useWatch('steMode', form) as AirV['steMode'] | undefined) ?? initial.steMode;
  const lsForm =
    (Form.useWatch(['longShift', 'form'], form) as AirV['longShift']['form'] | undefined) ??
    initial.longShift.form;
  const type = limitTypeOf(hit);
  const dust = hit?.table === 2;
  const showTwa = type !== 'MAC';
  const showSte = type === null || type === 'PC-TWA+PC-STEL';
  const showMax = type === null || type === 'MAC' || type === 'PC-TWA';
  const showExc = type === null || type === 'PC-TWA';
  // A dust is judged against its total or respirable limit: offer the one the row has.
  useEffect(() => {
    if (dust && !form.getFieldValue('dustFraction'))
      form.setFieldValue('dustFraction', hit?.pcTwaTotal !== null ? 'total' : 'respirable');
  }, [dust, hit, form]);

  const toInput = (v: AirV) =>
    clean({
      eventDate: v.eventDate,
      substance: v.substance ? { rowId: v.substance } : undefined,
      dustFraction: dust ? v.dustFraction : undefined,
      ...(showTwa && v.twaMode === 'segments'
        ? {
            exposure: v.exposure,
            longShift:
              v.longShift.form === 'weekly'
                ? { form: 'weekly', hoursPerWeek: v.longShift.hoursPerWeek }
                : { form: v.longShift.form },
          }
        : {}),
      ...(showTwa && v.twaMode === 'value' ? { cTwa: v.cTwa } : {}),
      ...(showSte && v.steMode === 'samples' ? { steSamples: v.steSamples } : {}),
      ...(showSte && v.steMode === 'value' ? { cSte: v.cSte } : {}),
      ...(showMax ? { maxConcentration: v.maxConcentration } : {}),
      ...(showExc && v.excursions.length ? { excursions: v.excursions } : {}),
    });

  const modeRadio = (name: string, modes: string[], testId: string) => (
    <Form.Item name={name} noStyle>
      <Radio.Group
        optionType="button"
        size="small"
        options={modes.map((m) => ({ value: m, label: t(`standards.form.modes.${m}`) }))}
        data-testid={testId}
      />
    </Form.Item>
  );

  return (
    <ServerForm calc={calc} form={form} initialValues={initial} toInput={toInput} onResult={onResult}>
      <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
        <DateField name="eventDate" label={t('standards.form.sampleDate')} testId="field-eventDate" />
        <Form.Item
          name="substance"
          label={t('standards.form.substance')}
          tooltip={t('standards.form.substanceTip')}
          style={{ flex: 1, minWidth: 280, marginBottom: 12 }}
        >
          <SubstancePicker eventDate={date} onHit={setHit} testId="substance-picker" />
        </Form.Item>
      </div>
      {dust ? (
        <Form.Item name="dustFraction" label={t('standards.form.dustFraction')} style={{ marginBottom: 12 }}>
          <Radio.Group
            optionType="button"
            size="small"
            options={[
              { value: 'total', label: t('standards.form.total'), disabled: hit?.pcTwaTotal === null },
              {
                value: 'respirable',
                label: t('standards.form.respirable'),
                disabled: hit?.pcTwaRespirable === null,
              },
            ]}
          />
        </Form.Item>
      ) : null}
      {type ? <Hint>{t(`standards.form.limitTypeHint.${type}`)}</Hint> : null}
      {showTwa ? (
        <>
          <Section extra={modeRadio('twaMode', ['segments', 'value', 'none'], 'twa-mode')}>
            {t('standards.form.twaSection')}
          </Section>
          {twaMode === 'segments' ? (
            <>
              <TwaFields base={['exposure']} />
              <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
                <Form.Item
                  name={['longShift', 'form']}
                  label={t('standards.form.longShift')}
                  tooltip={t('standards.form.longShiftTip')}
                  style={{ marginBottom: 12 }}
                >
                  <Select
                    style={{ width: 220 }}
                    options={(['daily', 'weekly', 'none'] as const).map((k) => ({
                      value: k,
                      label: t(`standards.form.longShiftForms.${k}`),
                    }))}
                  />
                </Form.Item>
                {lsForm === 'weekly' ? (
                  <NumberField
                    name={['longShift', 'hoursPerWeek']}
                    path={['longShift', 'hoursPerWeek']}
                    label={t('standards.form.hoursPerWeek')}
                    width={150}
                  />
                ) : null}
              </div>
            </>
          ) : null}
          {twaMode === 'value' ? <NumberField name="cTwa" path={['cTwa']} label="C_TWA" width={190} /> : null}
        </>
      ) : null}
      {showSte ? (
        <>
          <Section extra={modeRadio('steMode', ['samples', 'value', 'none'], 'ste-mode')}>
            {t('standards.form.steSection')}
          </Section>
          {steMode === 'samples' ? <SampleRows name={['steSamples']} path={['steSamples']} /> : null}
          {steMode === 'value' ? <NumberField name="cSte" path={['cSte']} label="C_STE" width={190} /> : null}
        </>
      ) : null}
      {showMax ? (
        <>
          <Section>{t(type === 'MAC' ? 'standards.form.macSection' : 'standards.form.peakSection')}</Section>
          <NumberField
            name="maxConcentration"
            path={['maxConcentration']}
            label={type === 'MAC' ? t('standards.form.cm') : t('standards.form.cpe')}
            width={190}
          />
        </>
      ) : null}
      {showExc ? (
        <Rows
          name="excursions"
          label={t('standards.form.excursions')}
          addText={t('standards.form.addExcursion')}
          newRow={() => ({ startMinute: null, minutes: null, concentration: null })}
          min={0}
          testId="rows-excursions"
        >
          {(f) => (
            <>
              <NumberField
                compact
                name={[f.name, 'startMinute']}
                path={['excursions', '*', 'startMinute']}
                placeholder={t('standards.form.startMinute')}
                width={150}
              />
              <NumberField
                compact
                name={[f.name, 'minutes']}
                path={['excursions', '*', 'minutes']}
                placeholder={t('standards.form.minutes')}
                width={130}
              />
              <NumberField
                compact
                name={[f.name, 'concentration']}
                path={['excursions', '*', 'concentration']}
                placeholder={t('standards.form.concentration')}
                width={180}
              />
            </>
          )}
        </Rows>
      ) : null}
    </ServerForm>
  );
};

// ---- mixtures ---------------------------------------------------------------------------------------------

type MixV = {
  eventDate: Dayjs | null;
  additive: boolean;
  components: {
    substance: string | null;
    concentration: Num;
    limitType: 'PC-TWA' | 'PC-STEL' | 'MAC';
    dustFraction: 'total' | 'respirable' | null;
  }[];
};

const MixtureRow = ({ f, date }: { f: FormListFieldData; date: string | undefined }) => {
  const t = useT();
  const form = Form.useFormInstance();
  const [hit, setHit] = useState<LimitRowHit | null>(null);
  useEffect(() => {
    if (hit && hit.table === 1) form.setFieldValue(['components', f.name, 'dustFraction'], null);
  }, [hit, form, f.name]);
  return (
    <>
      <Form.Item name={[f.name, 'substance']} style={{ ...rowItem, width: 280 }}>
        <SubstancePicker eventDate={date} onHit={setHit} width={280} testId={`mixture-substance-${f.name}`} />
      </Form.Item>
      <NumberField
        compact
        name={[f.name, 'concentration']}
        path={['components', '*', 'concentration']}
        placeholder={t('standards.form.concentration')}
        width={170}
      />
      <Form.Item name={[f.name, 'limitType']} style={rowItem}>
        <Select
          style={{ width: 110 }}
          options={['PC-TWA', 'PC-STEL', 'MAC'].map((v) => ({ value: v, label: v }))}
          aria-label={t('standards.form.limitType')}
        />
      </Form.Item>
      {hit?.table === 2 ? (
        <Form.Item name={[f.name, 'dustFraction']} style={rowItem}>
          <Select
            style={{ width: 100 }}
            placeholder={t('standards.form.dustFraction')}
            options={[
              { value: 'total', label: t('standards.form.total') },
              { value: 'respirable', label: t('standards.form.respirable') },
            ]}
          />
        </Form.Item>
      ) : null}
    </>
  );
};

const MixtureForm = ({ calc, onResult }: CalcFormProps) => {
  const t = useT();
  const [form] = Form.useForm<MixV>();
  const initial = useMemo<MixV>(() => {
    const e = rec(calc.example);
    return {
      eventDate: dayOf(e.eventDate),
      additive: e.additive !== false,
      components: arr(e.components).map((c) => {
        const x = rec(c);
        return {
          substance: rowIdOf(x.substance),
          concentration: numOrNull(x.concentration),
          limitType: x.limitType === 'MAC' ? 'MAC' : x.limitType === 'PC-STEL' ? 'PC-STEL' : 'PC-TWA',
          dustFraction:
            x.dustFraction === 'respirable' ? 'respirable' : x.dustFraction === 'total' ? 'total' : null,
        };
      }),
    };
  }, [calc.example]);
  const date = dayText(Form.useWatch('eventDate', form));
  const toInput = (v: MixV) =>
    clean({
      eventDate: v.eventDate,
      additive: v.additive,
      components: v.components.map((c) => ({
        substance: c.substance ? { rowId: c.substance } : null,
        concentration: c.concentration,
        limitType: c.limitType,
        dustFraction: c.dustFraction,
      })),
    });
  return (
    <ServerForm calc={calc} form={form} initialValues={initial} toInput={toInput} onResult={onResult}>
      <div style={{ display: 'flex', gap: 24, flexWrap: 'wrap' }}>
        <DateField name="eventDate" label={t('standards.form.sampleDate')} />
        <Form.Item
          name="additive"
          label={t('standards.form.additive')}
          valuePropName="checked"
          tooltip={t('standards.form.additiveTip')}
          style={{ marginBottom: 12 }}
        >
          <Switch />
        </Form.Item>
      </div>
      <Rows
        name="components"
        label={t('standards.form.components')}
        addText={t('standards.form.addComponent')}
        newRow={() => ({ substance: null, concentration: null, limitType: 'PC-TWA', dustFraction: null })}
        min={2}
        max={50}
        testId="rows-components"
      >
        {(f) => <MixtureRow f={f} date={date} />}
      </Rows>
    </ServerForm>
  );
};

// ---- reduction factor -----------------------------------------------------------------------------------

type RfV = { form: 'daily' | 'weekly'; hoursPerDay: Num; hoursPerWeek: Num };
const RfForm = ({ calc, onResult }: CalcFormProps) => {
  const t = useT();
  const [form] = Form.useForm<RfV>();
  const initial = useMemo<RfV>(() => {
    const e = rec(calc.example);
    return {
      form: e.form === 'weekly' ? 'weekly' : 'daily',
      hoursPerDay: numOrNull(e.hoursPerDay),
      hoursPerWeek: numOrNull(e.hoursPerWeek) ?? 50,
    };
  }, [calc.example]);
  const kind = (Form.useWatch('form', form) as RfV['form'] | undefined) ?? initial.form;
  const toInput = (v: RfV) =>
    clean(
      v.form === 'weekly'
        ? { form: 'weekly', hoursPerWeek: v.hoursPerWeek }
        : { form: 'daily', hoursPerDay: v.hoursPerDay },
    );
  return (
    <ServerForm calc={calc} form={form} initialValues={initial} toInput={toInput} onResult={onResult}>
      <Form.Item name="form" label={t('standards.form.rfForm')} style={{ marginBottom: 12 }}>
        <Radio.Group
          optionType="button"
          size="small"
          options={[
            { value: 'daily', label: t('standards.form.rfDaily') },
            { value: 'weekly', label: t('standards.form.rfWeekly') },
          ]}
        />
      </Form.Item>
      {kind === 'daily' ? (
        <NumberField name="hoursPerDay" path={['hoursPerDay']} label={t('standards.form.hoursPerDay')} />
      ) : (
        <NumberField name="hoursPerWeek" path={['hoursPerWeek']} label={t('standards.form.hoursPerWeek')} />
      )}
    </ServerForm>
  );
};

// ---- noise ------------------------------------------------------------------------------------------------

type LexWV = { dailyLex8h: Num[] };
const LexWForm = ({ calc, onResult }: CalcFormProps) => {
  const [form] = Form.useForm<LexWV>();
  const initial = useMemo<LexWV>(() => {
    const days = arr(rec(calc.example).dailyLex8h).map(numOrNull);
    return { dailyLex8h: days.length ? days : [null] };
  }, [calc.example]);
  return (
    <ServerForm
      calc={calc}
      form={form}
      initialValues={initial}
      toInput={(v) => ({ dailyLex8h: clean(v.dailyLex8h) })}
      onResult={onResult}
    >
      <DailyLevels name={['dailyLex8h']} path={['dailyLex8h']} />
    </ServerForm>
  );
};

type NoiseJudgementV = { eventDate: Dayjs | null; exposure: NoiseV };
const NoiseJudgementForm = ({ calc, onResult }: CalcFormProps) => {
  const t = useT();
  const [form] = Form.useForm<NoiseJudgementV>();
  const initial = useMemo<NoiseJudgementV>(() => {
    const e = rec(calc.example);
    return { eventDate: dayOf(e.eventDate), exposure: noiseValues(e.exposure) };
  }, [calc.example]);
  return (
    <ServerForm
      calc={calc}
      form={form}
      initialValues={initial}
      toInput={(v) => ({
        ...(clean({ eventDate: v.eventDate }) as object),
        exposure: noiseInput(v.exposure),
      })}
      onResult={onResult}
    >
      <DateField name="eventDate" label={t('standards.form.measureDate')} />
      <NoiseExposureFields kinds={['segments', 'laeq', 'lex8h', 'weekly']} />
    </ServerForm>
  );
};

type ImpulseV = { eventDate: Dayjs | null; impulsesPerShift: Num; peakDb: Num };
const ImpulseForm = ({ calc, onResult }: CalcFormProps) => {
  const t = useT();
  const [form] = Form.useForm<ImpulseV>();
  const initial = useMemo<ImpulseV>(() => {
    const e = rec(calc.example);
    return {
      eventDate: dayOf(e.eventDate),
      impulsesPerShift: numOrNull(e.impulsesPerShift),
      peakDb: numOrNull(e.peakDb),
    };
  }, [calc.example]);
  return (
    <ServerForm calc={calc} form={form} initialValues={initial} toInput={clean} onResult={onResult}>
      <DateField name="eventDate" label={t('standards.form.measureDate')} />
      <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
        <NumberField
          name="impulsesPerShift"
          path={['impulsesPerShift']}
          label={t('standards.form.impulses')}
          unit={t('standards.form.times')}
          width={170}
        />
        <NumberField name="peakDb" path={['peakDb']} label={t('standards.form.peakDb')} width={150} />
      </div>
      <Hint>{t('standards.form.peakOptional')}</Hint>
    </ServerForm>
  );
};

type HoursV = { eventDate: Dayjs | null; hours: Num };
const EquivalentLimitForm = ({ calc, onResult }: CalcFormProps) => {
  const t = useT();
  const [form] = Form.useForm<HoursV>();
  const initial = useMemo<HoursV>(() => {
    const e = rec(calc.example);
    return { eventDate: dayOf(e.eventDate), hours: numOrNull(e.hours) };
  }, [calc.example]);
  return (
    <ServerForm calc={calc} form={form} initialValues={initial} toInput={clean} onResult={onResult}>
      <DateField name="eventDate" label={t('standards.form.measureDate')} />
      <NumberField name="hours" path={['hours']} label={t('standards.form.dailyHours')} width={140} />
    </ServerForm>
  );
};

type LevelV = { eventDate: Dayjs | null; level: Num };
const GradeForm = ({ calc, onResult }: CalcFormProps) => {
  const t = useT();
  const [form] = Form.useForm<LevelV>();
  const initial = useMemo<LevelV>(() => {
    const e = rec(calc.example);
    return { eventDate: dayOf(e.eventDate), level: numOrNull(e.level) };
  }, [calc.example]);
  return (
    <ServerForm calc={calc} form={form} initialValues={initial} toInput={clean} onResult={onResult}>
      <DateField name="eventDate" label={t('standards.form.measureDate')} />
      <NumberField name="level" path={['level']} label={t('standards.form.gradeLevel')} width={170} />
    </ServerForm>
  );
};

// ---- GBZ 188 and testing intervals -----------------------------------------------------------------------

const WORK_GRADES = ['0', 'I', 'II', 'III', 'IV'] as const;
const GRADE_LABEL: Record<(typeof WORK_GRADES)[number], string> = {
  '0': '0',
  I: 'Ⅰ',
  II: 'Ⅱ',
  III: 'Ⅲ',
  IV: 'Ⅳ',
};
const NOISE = '3-1';

type HazardV = { hazardId: string | null; noiseLevel: Num; workGrade: string | null };
type SurveillanceV = { examDate: Dayjs | null; hazards: HazardV[] };

const HazardRow = ({ f }: { f: FormListFieldData }) => {
  const t = useT();
  const form = Form.useFormInstance();
  const id = Form.useWatch(['hazards', f.name, 'hazardId'], form) as string | null | undefined;
  return (
    <>
      <Form.Item name={[f.name, 'hazardId']} style={rowItem}>
        <CataloguePicker
          kind={HAZARDS}
          width={250}
          placeholder={t('standards.form.hazardPlaceholder')}
          testId={`hazard-picker-${f.name}`}
        />
      </Form.Item>
      {id === NOISE ? (
        <NumberField
          compact
          name={[f.name, 'noiseLevel']}
          path={['hazards', '*', 'noiseLevel']}
          placeholder="L_EX,8h"
          width={170}
        />
      ) : null}
      {id?.startsWith('1-') ? (
        <Form.Item name={[f.name, 'workGrade']} style={rowItem}>
          <Select
            allowClear
            style={{ width: 150 }}
            placeholder={t('standards.form.workGrade')}
            options={WORK_GRADES.map((g) => ({
              value: g,
              label: t('standards.form.workGradeN', { grade: GRADE_LABEL[g] }),
            }))}
          />
        </Form.Item>
      ) : null}
    </>
  );
};

const SurveillanceForm = ({ calc, onResult }: CalcFormProps) => {
  const t = useT();
  const [form] = Form.useForm<SurveillanceV>();
  const initial = useMemo<SurveillanceV>(() => {
    const e = rec(calc.example);
    return {
      examDate: dayOf(e.examDate),
      hazards: arr(e.hazards).map((h) => ({
        hazardId: strOr(rec(h).hazardId, '') || null,
        noiseLevel: numOrNull(rec(h).noiseLevel),
        workGrade: typeof rec(h).workGrade === 'string' ? (rec(h).workGrade as string) : null,
      })),
    };
  }, [calc.example]);
  const toInput = (v: SurveillanceV) =>
    clean({
      examDate: v.examDate,
      hazards: v.hazards.map((h) => ({
        hazardId: h.hazardId,
        noiseLevel: h.hazardId === NOISE ? h.noiseLevel : null,
        workGrade: h.hazardId?.startsWith('1-') ? h.workGrade : null,
      })),
    });
  return (
    <ServerForm calc={calc} form={form} initialValues={initial} toInput={toInput} onResult={onResult}>
      <DateField name="examDate" label={t('standards.form.examDate')} testId="field-examDate" />
      <Rows
        name="hazards"
        label={t('standards.form.hazards')}
        addText={t('standards.form.addHazard')}
        newRow={() => ({ hazardId: null, noiseLevel: null, workGrade: null })}
        testId="rows-hazards"
      >
        {(f) => <HazardRow f={f} />}
      </Rows>
      <Hint>{t('standards.form.hazardsHint')}</Hint>
    </ServerForm>
  );
};

type TestingV = {
  eventDate: Dayjs | null;
  industryCodes: string[];
  lastTestDate: Dayjs | null;
  lastEvaluationDate: Dayjs | null;
};
const TestingIntervalForm = ({ calc, onResult }: CalcFormProps) => {
  const t = useT();
  const [form] = Form.useForm<TestingV>();
  const initial = useMemo<TestingV>(() => {
    const e = rec(calc.example);
    return {
      eventDate: dayOf(e.eventDate),
      industryCodes: arr(e.industryCodes).filter((x): x is string => typeof x === 'string'),
      lastTestDate: typeof e.lastTestDate === 'string' ? dayOf(e.lastTestDate) : null,
      lastEvaluationDate: typeof e.lastEvaluationDate === 'string' ? dayOf(e.lastEvaluationDate) : null,
    };
  }, [calc.example]);
  return (
    <ServerForm calc={calc} form={form} initialValues={initial} toInput={clean} onResult={onResult}>
      <DateField name="eventDate" label={t('standards.form.judgeDate')} />
      <Form.Item
        name="industryCodes"
        label={t('standards.form.industries')}
        tooltip={t('standards.form.industriesTip')}
        style={{ marginBottom: 12 }}
      >
        <CataloguePicker
          kind={INDUSTRIES}
          multiple
          width="100%"
          placeholder={t('standards.form.industryPlaceholder')}
          testId="industry-picker"
        />
      </Form.Item>
      <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
        <DateField name="lastTestDate" label={t('standards.form.lastTestDate')} />
        <DateField name="lastEvaluationDate" label={t('standards.form.lastEvaluationDate')} />
      </div>
    </ServerForm>
  );
};

// ---- GBZ 70 -----------------------------------------------------------------------------------------------

type Zone = (typeof LUNG_ZONES)[number];
type StagingV = {
  eventDate: Dayjs | null;
  zones: Record<Zone, string>;
  smallOpacityAggregation: boolean;
  largeOpacities: { longAxisMm: Num; shortAxisMm: Num }[];
  asbestosOn: boolean;
  asbestos: {
    pleuralPlaques: boolean;
    plaquesInvolveHeartBorderOrDiaphragm: boolean;
    plaqueLengthOverHalfChestWall: boolean;
    shaggyHeartBorder: boolean;
  };
};
const ASBESTOS = [
  'pleuralPlaques',
  'plaquesInvolveHeartBorderOrDiaphragm',
  'plaqueLengthOverHalfChestWall',
  'shaggyHeartBorder',
] as const;

const StagingForm = ({ calc, onResult }: CalcFormProps) => {
  const t = useT();
  const [form] = Form.useForm<StagingV>();
  const initial = useMemo<StagingV>(() => {
    const e = rec(calc.example);
    const z = rec(e.zones);
    const a = rec(e.asbestos);
    return {
      eventDate: dayOf(e.eventDate),
      zones: Object.fromEntries(LUNG_ZONES.map((k) => [k, strOr(z[k], '0/0')])) as Record<Zone, string>,
      smallOpacityAggregation: e.smallOpacityAggregation === true,
      largeOpacities: arr(e.largeOpacities).map((l) => ({
        longAxisMm: numOrNull(rec(l).longAxisMm),
        shortAxisMm: numOrNull(rec(l).shortAxisMm),
      })),
      asbestosOn: Boolean(e.asbestos),
      asbestos: {
        pleuralPlaques: a.pleuralPlaques === true,
        plaquesInvolveHeartBorderOrDiaphragm: a.plaquesInvolveHeartBorderOrDiaphragm === true,
        plaqueLengthOverHalfChestWall: a.plaqueLengthOverHalfChestWall === true,
        shaggyHeartBorder: a.shaggyHeartBorder === true,
      },
    };
  }, [calc.example]);
  const asbestosOn = (Form.useWatch('asbestosOn', form) as boolean | undefined) ?? initial.asbestosOn;
  const toInput = (v: StagingV) => ({
    ...(clean({
      eventDate: v.eventDate,
      zones: v.zones,
      largeOpacities: v.largeOpacities,
    }) as object),
    smallOpacityAggregation: v.smallOpacityAggregation === true,
    ...(v.asbestosOn
      ? { asbestos: Object.fromEntries(ASBESTOS.map((k) => [k, v.asbestos?.[k] === true])) }
      : {}),
  });
  const zone = (k: Zone) => (
    <Form.Item name={['zones', k]} style={{ marginBottom: 0 }}>
      <Select
        style={{ width: 96 }}
        options={PROFUSION_SUBCATEGORIES.map((p) => ({ value: p, label: p }))}
        aria-label={t(`standards.form.zones.${k}`)}
        data-testid={`zone-${k}`}
      />
    </Form.Item>
  );
  const cell = { padding: '4px 8px', textAlign: 'center' as const };
  return (
    <ServerForm calc={calc} form={form} initialValues={initial} toInput={toInput} onResult={onResult}>
      <DateField name="eventDate" label={t('standards.form.filmDate')} />
      <Typography.Text strong>{t('standards.form.profusion')}</Typography.Text>
      <table style={{ borderCollapse: 'collapse', margin: '6px 0 12px' }}>
        <thead>
          <tr>
            <th style={cell} />
            <th style={{ ...cell, fontWeight: 500 }}>{t('standards.form.rightLung')}</th>
            <th style={{ ...cell, fontWeight: 500 }}>{t('standards.form.leftLung')}</th>
          </tr>
        </thead>
        <tbody>
          {(['Upper', 'Middle', 'Lower'] as const).map((level) => (
            <tr key={level}>
              <td style={{ ...cell, whiteSpace: 'nowrap' }}>{t(`standards.form.zoneLevels.${level}`)}</td>
              <td style={cell}>{zone(`right${level}`)}</td>
              <td style={cell}>{zone(`left${level}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Form.Item
        name="smallOpacityAggregation"
        label={t('standards.form.aggregation')}
        valuePropName="checked"
        style={{ marginBottom: 12 }}
      >
        <Switch />
      </Form.Item>
      <Rows
        name="largeOpacities"
        label={t('standards.form.largeOpacities')}
        addText={t('standards.form.addOpacity')}
        newRow={() => ({ longAxisMm: null, shortAxisMm: null })}
        min={0}
        max={50}
        testId="rows-opacities"
      >
        {(f) => (
          <>
            <NumberField
              compact
              name={[f.name, 'longAxisMm']}
              path={['largeOpacities', '*', 'longAxisMm']}
              placeholder={t('standards.form.longAxis')}
              width={160}
            />
            <NumberField
              compact
              name={[f.name, 'shortAxisMm']}
              path={['largeOpacities', '*', 'shortAxisMm']}
              placeholder={t('standards.form.shortAxis')}
              width={160}
            />
          </>
        )}
      </Rows>
      <Form.Item name="asbestosOn" valuePropName="checked" style={{ marginBottom: 8 }}>
        <Checkbox>{t('standards.form.asbestos')}</Checkbox>
      </Form.Item>
      {asbestosOn ? (
        <div style={{ paddingInlineStart: 24, marginBottom: 12 }}>
          {ASBESTOS.map((k) => (
            <Form.Item key={k} name={['asbestos', k]} valuePropName="checked" style={{ marginBottom: 4 }}>
              <Checkbox>{t(`standards.form.asbestosFindings.${k}`)}</Checkbox>
            </Form.Item>
          ))}
        </div>
      ) : null}
    </ServerForm>
  );
};

// ---- catalogues ---------------------------------------------------------------------------------------------

type HazardDiseasesV = { hazardId: string | null; eventDate: Dayjs | null };
const HazardDiseasesForm = ({ calc, onResult }: CalcFormProps) => {
  const t = useT();
  const [form] = Form.useForm<HazardDiseasesV>();
  const initial = useMemo<HazardDiseasesV>(() => {
    const e = rec(calc.example);
    return { hazardId: strOr(e.hazardId, '') || null, eventDate: dayOf(e.eventDate) };
  }, [calc.example]);
  return (
    <ServerForm calc={calc} form={form} initialValues={initial} toInput={clean} onResult={onResult}>
      <Form.Item name="hazardId" label={t('standards.form.hazard')} style={{ marginBottom: 12 }}>
        <CataloguePicker
          kind={HAZARDS}
          placeholder={t('standards.form.hazardPlaceholder')}
          testId="hazard-picker"
        />
      </Form.Item>
      <DateField name="eventDate" label={t('standards.form.judgeDate')} />
      <Hint>{t('standards.form.catalogueByDate')}</Hint>
    </ServerForm>
  );
};

type CanCauseV = { hazardIds: string[]; diseaseId: string | null; eventDate: Dayjs | null };
const CanCauseForm = ({ calc, onResult }: CalcFormProps) => {
  const t = useT();
  const [form] = Form.useForm<CanCauseV>();
  const initial = useMemo<CanCauseV>(() => {
    const e = rec(calc.example);
    return {
      hazardIds: arr(e.hazardIds).filter((x): x is string => typeof x === 'string'),
      diseaseId: strOr(e.diseaseId, '') || null,
      eventDate: dayOf(e.eventDate),
    };
  }, [calc.example]);
  const date = dayText(Form.useWatch('eventDate', form));
  const edition = diseaseEditionOn(date);
  return (
    <ServerForm calc={calc} form={form} initialValues={initial} toInput={clean} onResult={onResult}>
      <DateField name="eventDate" label={t('standards.form.judgeDate')} />
      <Form.Item name="diseaseId" label={t('standards.form.disease')} style={{ marginBottom: 12 }}>
        <CataloguePicker
          kind={diseasesOn(edition)}
          width={360}
          placeholder={t('standards.form.diseasePlaceholder', { edition })}
          testId="disease-picker"
        />
      </Form.Item>
      <Form.Item name="hazardIds" label={t('standards.form.exposedHazards')} style={{ marginBottom: 12 }}>
        <CataloguePicker
          kind={HAZARDS}
          multiple
          width="100%"
          placeholder={t('standards.form.hazardPlaceholder')}
          testId="hazards-picker"
        />
      </Form.Item>
      <Hint>{t('standards.form.catalogueByDate')}</Hint>
    </ServerForm>
  );
};

/** The server-run form of each calculator (the live ones are in ./LiveForms). */
export const SERVER_FORMS: Record<string, (p: CalcFormProps) => ReactNode> = {
  'air-ste': SteForm,
  'air-judgement': AirJudgementForm,
  'air-mixture': MixtureForm,
  'air-long-shift-rf': RfForm,
  'noise-lexw': LexWForm,
  'noise-judgement': NoiseJudgementForm,
  'noise-impulse': ImpulseForm,
  'noise-equivalent-limit': EquivalentLimitForm,
  'noise-grade': GradeForm,
  'surveillance-cycle': SurveillanceForm,
  'workplace-testing-interval': TestingIntervalForm,
  'pneumoconiosis-stage': StagingForm,
  'hazard-diseases': HazardDiseasesForm,
  'hazard-can-cause': CanCauseForm,
};
