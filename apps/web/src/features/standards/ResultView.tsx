/** One calculator result: verdict tag (with the raw value), reasons, edition and clause, limit applied, raw JSON. */
import { Alert, Collapse, Descriptions, Empty, List, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalcResult } from './api';

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
      {label !== verdict ? (
        <Typography.Text code type="secondary" style={{ fontSize: 12 }}>
          {verdict}
        </Typography.Text>
      ) : null}
    </Space>
  );
};

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** Numbers as the engine gives them (never rounded), trimmed to 6 significant digits for reading. */
export const num = (n: number): string =>
  Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(6)));

const show = (v: unknown): ReactNode => {
  if (v === null || v === undefined || v === '') return <Typography.Text type="secondary">-</Typography.Text>;
  if (typeof v === 'number') return num(v);
  if (typeof v === 'boolean') return v ? '✓' : '✗';
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) return v.join('、');
  return <Typography.Text code>{JSON.stringify(v)}</Typography.Text>;
};

/** Top-level fields shown elsewhere or too big for the summary. */
const SKIP = new Set(['verdict', 'reasons', 'error', 'edition', 'clause', 'limitApplied', 'rule', 'rules']);

/** The limit row a verdict applied (air judgement); plain limits such as `limitDb` are shown as figures. */
const LimitApplied = ({ value }: { value: Record<string, unknown> }) => {
  const { t } = useTranslation();
  const fields: [string, unknown][] = [
    ['name', [value.nameZh, value.nameEn].filter(Boolean).join(' / ') || undefined],
    ['rowId', value.rowId],
    ['type', value.type],
    ['origin', value.origin ?? value.source],
    ['edition', value.edition],
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
        .filter(([, v]) => v !== undefined && v !== null)
        .map(([k, v]) => ({
          key: k,
          label: t(`standards.limit.${k}`),
          children: show(v),
        }))}
    />
  );
};

export const ResultView = ({ result, source }: { result: CalcResult | null; source: 'live' | 'server' }) => {
  const { t } = useTranslation();
  if (!result) return <Empty description={t('standards.noResult')} />;
  const reasons = Array.isArray(result.reasons) ? result.reasons : [];
  // Every calculator gives the edition as text (structured edition data has its own field).
  const edition = typeof result.edition === 'string' && result.edition !== '' ? result.edition : null;
  const figures = Object.entries(result).filter(
    ([k, v]) =>
      !SKIP.has(k) &&
      (typeof v !== 'object' || v === null || (Array.isArray(v) && v.every((x) => typeof x !== 'object'))),
  );
  return (
    <div data-testid="calc-result">
      <Space wrap style={{ marginBottom: 12 }}>
        <VerdictTag verdict={result.verdict} />
        {result.error ? (
          <Tag color="magenta" data-testid="result-error">
            {t(`standards.errors.${result.error}`, { defaultValue: result.error })} ({result.error})
          </Tag>
        ) : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {source === 'live' ? t('standards.sourceLive') : t('standards.sourceServer')}
        </Typography.Text>
      </Space>
      {edition || result.clause ? (
        <Descriptions
          size="small"
          column={1}
          style={{ marginBottom: 12 }}
          data-testid="result-citation"
          items={[
            ...(edition ? [{ key: 'edition', label: t('standards.edition'), children: edition }] : []),
            ...(result.clause
              ? [{ key: 'clause', label: t('standards.clause'), children: result.clause }]
              : []),
          ]}
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
              <LimitApplied value={result.limitApplied} />
            )}
          </div>
        </div>
      ) : null}
      {figures.length ? (
        <Descriptions
          size="small"
          column={2}
          style={{ marginBottom: 12 }}
          title={<span style={{ fontSize: 14 }}>{t('standards.figures')}</span>}
          items={figures.map(([k, v]) => ({
            key: k,
            label: t(`standards.fields.${k}`, { defaultValue: k }),
            children: show(v),
            // Sentences (a correction note) take the whole line.
            span: typeof v === 'string' && v.length > 24 ? 2 : 1,
          }))}
        />
      ) : null}
      <Collapse
        size="small"
        style={{ marginTop: 12 }}
        items={[
          {
            key: 'raw',
            label: t('standards.rawJson'),
            children: <pre className="ohp-json">{JSON.stringify(result, null, 2)}</pre>,
          },
        ]}
      />
    </div>
  );
};
