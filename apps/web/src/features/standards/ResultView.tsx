/**
 * One calculator result: the verdict tag and the verdict as one sentence (standard, clause or limit row,
 * the figures; ./sentence), then the working (the engine's reasons in the page's language), the limit
 * applied with the row it is cited from, the figures, and — behind the 来源说明 (provenance) toggle — the
 * calculator's id and English name, the edition and clause notes, the data file, lines and confidence tag
 * of the limit, the rules and conventions, and the raw JSON. Reasons are message codes rendered here with
 * the UI language, so a live (browser) result and a server result read the same.
 */
import { Alert, Collapse, Descriptions, Empty, List, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isMsg, langOf, renderMsg, type Lang } from '@ohp/standards';
import type { CalcResult, CalculatorInfo } from './api';
import { verdictSentence } from './sentence';

/** Verdict values the engine returns (packages/standards/src), with a tag colour each. */
const VERDICT_COLOURS: Record<string, string> = {
  compliant: 'green',
  exceeds: 'red',
  incomplete: 'gold',
  limit_not_loaded: 'orange',
  computed: 'blue',
  limit_only: 'blue',
  meets_criteria: 'volcano',
  does_not_meet: 'green',
  due: 'blue',
  partial: 'gold',
  not_covered: 'orange',
  not_applicable: 'default',
  graded: 'purple',
  below_grading: 'green',
  staged: 'volcano',
  no_pneumoconiosis_by_imaging: 'green',
  mapped: 'blue',
  yes: 'green',
  unknown: 'default',
  severe: 'red',
  general: 'blue',
  needs_evaluation: 'gold',
  error: 'magenta',
};

export const VerdictTag = ({ verdict }: { verdict: string }) => {
  const { t } = useTranslation();
  const label = t(`standards.verdicts.${verdict}`, { defaultValue: verdict });
  return (
    <Space size={4} data-testid="verdict" data-verdict={verdict}>
      <Tag color={VERDICT_COLOURS[verdict] ?? 'default'} style={{ fontSize: 14, padding: '2px 10px' }}>
        {label}
      </Tag>
    </Space>
  );
};

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** A reason (message code and parameters) in the page's language; plain text as it is. */
export const reasonText = (r: unknown, lang: Lang): string => {
  if (isMsg(r)) return renderMsg(r, lang);
  if (isRecord(r) && typeof r.text === 'string') return r.text;
  return typeof r === 'string' ? r : JSON.stringify(r);
};

/** Numbers as the engine gives them (never rounded), trimmed to 6 significant digits for reading. */
export const num = (n: number): string =>
  Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(6)));

const show = (v: unknown, lang: Lang): ReactNode => {
  if (v === null || v === undefined || v === '') return <Typography.Text type="secondary">-</Typography.Text>;
  if (typeof v === 'number') return num(v);
  if (typeof v === 'boolean') return v ? '✓' : '✗';
  if (typeof v === 'string') return v;
  if (isMsg(v)) return renderMsg(v, lang);
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) return v.join('、');
  return <Typography.Text code>{JSON.stringify(v)}</Typography.Text>;
};

/**
 * The figures shown under the working, in display order: the top-level numbers, dates and short texts
 * each calculator returns. Anything else (nested objects, notes in English) stays in the raw JSON.
 */
const FIGURES = [
  'cTwa8h',
  'cTwaShift',
  'exposedHours',
  'unexposedHours',
  'shiftHours',
  'cSte',
  'sampledMinutes',
  'sum',
  'form',
  'hours',
  'rf',
  'applies',
  'quantity',
  'value',
  'limitDb',
  'noiseWork',
  'band',
  'limit',
  'level',
  'grade',
  'correctionApplied',
  'correctionNote',
  'weightedLeft',
  'weightedRight',
  'betterEar',
  'betterEarWeighted',
  'binauralHighFrequencyAverage',
  'highFrequencyPreconditionMet',
  'exposureConditionMet',
  'cycleMonths',
  'nextDueDate',
  'governingHazardId',
  'riskClass',
  'testingIntervalMonths',
  'statusEvaluationIntervalMonths',
  'nextTestDue',
  'nextEvaluationDue',
  'stage',
  'overallProfusion',
  'zonesWithCategoryAtLeast1',
  'diseaseId',
  'diseaseName',
  'matchedHazardIds',
] as const;

/** Values that are codes: shown as words of the page's language. */
const CODED: Partial<Record<(typeof FIGURES)[number], string>> = {
  form: 'standards.values.form',
  betterEar: 'standards.values.ear',
  correctionApplied: 'standards.values.correction',
  grade: 'standards.hearingGrades',
  stage: 'standards.stages',
  riskClass: 'standards.values.riskClass',
};

/** The limit row a verdict applied (air judgement); plain limits such as `limitDb` are shown as figures. */
const LimitApplied = ({ value, lang }: { value: Record<string, unknown>; lang: Lang }) => {
  const { t } = useTranslation();
  const name = lang === 'en' ? value.nameEn || value.nameZh : value.nameZh;
  const fields: [string, unknown][] = [
    ['name', name],
    ['citation', value.citation],
    ['type', value.type],
    ['mac', value.mac],
    ['pcTwa', value.pcTwa],
    ['pcStel', value.pcStel],
    ['reductionFactor', value.reductionFactor],
    ['pcTwaApplied', value.pcTwaApplied],
  ];
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      data-testid="limit-applied"
      items={fields
        .filter(([, v]) => v !== undefined && v !== null && v !== '')
        .map(([k, v]) => ({ key: k, label: t(`standards.limit.${k}`), children: show(v, lang) }))}
    />
  );
};

/** 来源说明: edition, clause, the limit row's file, lines and confidence, the rules and conventions. */
const Provenance = ({ result, lang, calc }: { result: CalcResult; lang: Lang; calc?: CalculatorInfo }) => {
  const { t } = useTranslation();
  const limit = isRecord(result.limitApplied) ? result.limitApplied : null;
  const p = limit && isRecord(limit.provenance) ? limit.provenance : null;
  const amends = p && isRecord(p.amends) ? `${String(p.amends.file)} : ${String(p.amends.line)}` : null;
  const items: [string, string, unknown][] = [
    ['calculator', t('standards.calculatorId'), calc ? `${calc.id} — ${calc.nameEn}` : undefined],
    ['edition', t('standards.edition'), result.edition],
    ['clause', t('standards.clause'), result.clause],
    ['rowId', t('standards.limit.rowId'), limit?.rowId],
    ['origin', t('standards.limit.origin'), limit?.origin],
    ['file', t('standards.limit.file'), p?.file],
    ['lines', t('standards.limit.lines'), Array.isArray(p?.lines) ? p.lines.join(', ') : undefined],
    ['confidence', t('standards.limit.confidence'), p?.confidence],
    ['verified', t('standards.limit.verified'), p?.verified],
    ['amends', t('standards.limit.amends'), amends],
    ['source', t('standards.fields.source'), typeof result.source === 'string' ? result.source : undefined],
  ];
  const conventions = Array.isArray(result.conventions) ? result.conventions : [];
  const rules = [
    ...(Array.isArray(result.rules) ? (result.rules as unknown[]) : []),
    ...(isRecord(result.rule) ? [result.rule] : []),
  ].filter(isRecord);
  return (
    <div data-testid="result-provenance">
      <Descriptions
        size="small"
        column={1}
        items={items
          .filter(([, , v]) => v !== undefined && v !== null && v !== '')
          .map(([key, label, v]) => ({ key, label, children: show(v, lang) }))}
      />
      {rules.length ? (
        <>
          <Typography.Text strong>{t('standards.rules')}</Typography.Text>
          <List
            size="small"
            dataSource={rules}
            renderItem={(r) => (
              <List.Item style={{ paddingInline: 0 }}>
                {String(r.edition)} — {String(r.clause)} [{String(r.confidence)}
                {r.verified ? '' : ', ✗'}]
              </List.Item>
            )}
          />
        </>
      ) : null}
      {conventions.length ? (
        <>
          <Typography.Text strong>{t('standards.conventions')}</Typography.Text>
          <List
            size="small"
            dataSource={conventions}
            renderItem={(c) => <List.Item style={{ paddingInline: 0 }}>{reasonText(c, lang)}</List.Item>}
          />
        </>
      ) : null}
      <Typography.Text strong>{t('standards.rawJson')}</Typography.Text>
      <pre className="ohp-json">{JSON.stringify(result, null, 2)}</pre>
    </div>
  );
};

export const ResultView = ({
  result,
  source,
  calc,
  input,
}: {
  result: CalcResult | null;
  source: 'live' | 'server';
  calc?: CalculatorInfo;
  input?: unknown;
}) => {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  if (!result) return <Empty description={t('standards.noResult')} />;
  // A refused input (a live form's engine result): each refusal is marked on its field; here the messages
  // only, without the field paths the engine's reasons carry.
  const issues: unknown[] = result.verdict === 'error' && Array.isArray(result.issues) ? result.issues : [];
  const reasons = issues.length
    ? issues.map((i) => reasonText(isRecord(i) ? i.message : i, lang))
    : Array.isArray(result.reasons)
      ? result.reasons.map((r) => reasonText(r, lang))
      : [];
  // Every calculator gives the edition as text (a designation); the clause notes are under 来源说明.
  const edition = typeof result.edition === 'string' && result.edition !== '' ? result.edition : null;
  const sentence = issues.length
    ? t('standards.sentence.refused')
    : calc
      ? verdictSentence(calc.id, result, input, lang, t)
      : null;
  const hazardName = (id: unknown) => {
    const list: unknown[] = Array.isArray(result.hazards) ? result.hazards : [];
    const h = list.find((x) => isRecord(x) && x.hazardId === id);
    return isRecord(h) && typeof h.hazardName === 'string' ? `${String(id)} ${h.hazardName}` : id;
  };
  const figures = FIGURES.filter((k) => k in result)
    .map((k) => [k, result[k]] as const)
    .filter(
      ([, v]) =>
        typeof v !== 'object' ||
        v === null ||
        isMsg(v) ||
        (Array.isArray(v) && v.every((x) => typeof x !== 'object')),
    )
    .map(([k, v]): [string, unknown] => {
      const coded = CODED[k];
      if (coded && typeof v === 'string') return [k, t(`${coded}.${v}`, { defaultValue: v })];
      if (k === 'governingHazardId') return [k, hazardName(v)];
      return [k, v];
    });
  return (
    <div data-testid="calc-result">
      <Space wrap style={{ marginBottom: 8 }}>
        <VerdictTag verdict={result.verdict} />
        {result.error ? (
          <Tag color="magenta" data-testid="result-error">
            {t(`standards.errors.${result.error}`, { defaultValue: result.error })}
          </Tag>
        ) : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {source === 'live' ? t('standards.sourceLive') : t('standards.sourceServer')}
        </Typography.Text>
      </Space>
      {sentence ? (
        <Typography.Paragraph
          strong
          style={{ fontSize: 15, marginBottom: 12, wordBreak: 'break-word' }}
          data-testid="verdict-sentence"
        >
          {sentence}
        </Typography.Paragraph>
      ) : null}
      {edition ? (
        <Descriptions
          size="small"
          column={1}
          style={{ marginBottom: 12 }}
          data-testid="result-citation"
          items={[{ key: 'edition', label: t('standards.edition'), children: edition }]}
        />
      ) : null}
      <div style={{ marginBottom: 12 }}>
        <Typography.Text strong>{t('standards.reasons')}</Typography.Text>
        {reasons.length ? (
          <List
            size="small"
            data-testid="result-reasons"
            dataSource={reasons}
            renderItem={(r) => (
              <List.Item style={{ paddingInline: 0, wordBreak: 'break-word' }}>{r}</List.Item>
            )}
          />
        ) : (
          <Alert type="info" showIcon message={t('standards.noReasons')} style={{ marginTop: 4 }} />
        )}
      </div>
      {result.limitApplied === null || isRecord(result.limitApplied) ? (
        <div style={{ marginBottom: 12 }}>
          <Typography.Text strong>{t('standards.limitApplied')}</Typography.Text>
          <div style={{ marginTop: 4 }}>
            {result.limitApplied === null ? (
              <Typography.Text type="secondary">{t('standards.noLimit')}</Typography.Text>
            ) : (
              <LimitApplied value={result.limitApplied} lang={lang} />
            )}
          </div>
        </div>
      ) : null}
      {figures.length ? (
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, md: 2, lg: 1, xl: 1, xxl: 2 }}
          style={{ marginBottom: 12 }}
          title={<span style={{ fontSize: 14 }}>{t('standards.figures')}</span>}
          data-testid="result-figures"
          items={figures.map(([k, v]) => ({
            key: k,
            label: t(`standards.fields.${k}`),
            children: show(v, lang),
            // Sentences (a correction note) take the whole line.
            span: isMsg(v) || (typeof v === 'string' && v.length > 24) ? ('filled' as const) : 1,
          }))}
        />
      ) : null}
      <Collapse
        size="small"
        style={{ marginTop: 12 }}
        items={[
          {
            key: 'provenance',
            label: <span data-testid="provenance-toggle">{t('standards.provenance')}</span>,
            children: <Provenance result={result} lang={lang} calc={calc} />,
          },
        ]}
      />
    </div>
  );
};
