/**
 * One indicator's card: its value against its target with a traffic light, numerator and denominator,
 * the target with its source on hover, the caveat of a partial or uncollected indicator (never a silent
 * zero), "<N" for suppressed small counts; the value links to the list behind it.
 */
import { InfoCircleOutlined, WarningOutlined } from '@ant-design/icons';
import type { IndicatorDefinition, IndicatorPanel, IndicatorTarget } from '@ohp/contracts';
import { Card, Space, Tag, Tooltip, Typography, theme as antdTheme } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { stateColors, stateTagColor } from '../../shared/charts/states';
import { pickText } from '../equipment/api';
import { comparatorSymbol, fmtFraction, fmtTargetValue, fmtValue, listHref } from './format';

/** The target's source: document, year, the quoted sentence, and whether it is another province's. */
export const TargetSource = ({ target }: { target: IndicatorTarget }) => {
  const { t } = useTranslation();
  return (
    <div style={{ maxWidth: 360 }}>
      <div style={{ fontWeight: 600 }}>{t('indicators.targetSource')}</div>
      <div>
        {t('indicators.targetDocument', { doc: pickText(target.document), year: target.documentYear })}
      </div>
      <div style={{ marginTop: 4, opacity: 0.85 }}>{`“${target.quote}”`}</div>
      {target.provinceCode === '00' && <div style={{ marginTop: 4 }}>{t('indicators.targetNational')}</div>}
      {target.reference && <div style={{ marginTop: 4 }}>{t('indicators.targetReferenceHint')}</div>}
      {target.confidence === 'uncertain' && (
        <div style={{ marginTop: 4 }}>{t('indicators.targetUncertain')}</div>
      )}
    </div>
  );
};

export const TargetLine = ({ target, def }: { target: IndicatorTarget | null; def: IndicatorDefinition }) => {
  const { t } = useTranslation();
  if (!target)
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('indicators.noTarget')}
      </Typography.Text>
    );
  return (
    <Space size={4} wrap style={{ fontSize: 12 }}>
      <Tooltip title={<TargetSource target={target} />}>
        <Typography.Text type="secondary" style={{ fontSize: 12, cursor: 'help' }} data-testid="kpi-target">
          {t('indicators.target', {
            cmp: comparatorSymbol(target.comparator),
            value: fmtTargetValue(target, def),
          })}
          {t('indicators.targetDue', { date: target.dueOn })} <InfoCircleOutlined />
        </Typography.Text>
      </Tooltip>
      {target.reference && (
        <Tag color="purple" style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '18px' }}>
          {t('indicators.targetReference')}
        </Tag>
      )}
      {target.confidence === 'uncertain' && (
        <Tag style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '18px' }}>
          {t('indicators.targetUncertain')}
        </Tag>
      )}
    </Space>
  );
};

export const KpiCard = ({
  def,
  panel,
  region,
  period,
  smallCountMin,
  selected,
  onSelect,
}: {
  def: IndicatorDefinition;
  panel: IndicatorPanel;
  region: string;
  period: string;
  smallCountMin: number;
  selected: boolean;
  onSelect: () => void;
}) => {
  const { t } = useTranslation();
  const { token } = antdTheme.useToken();
  const f = panel.figure;
  const colors = stateColors(f.state, token);
  const href = listHref(def.listPath, region, period);
  const value = fmtValue(f, def, smallCountMin);
  const fraction = fmtFraction(f);
  const showCaveat = def.dataStatus !== 'data' && def.caveat;
  const valueNode =
    f.state === 'no_denominator' ? (
      <span style={{ fontSize: 18, color: token.colorTextSecondary }}>
        {t('indicators.state.no_denominator')}
      </span>
    ) : (
      <span style={{ fontSize: 26, fontWeight: 600, lineHeight: 1.1, fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </span>
    );
  return (
    <Card
      size="small"
      hoverable
      data-testid={`kpi-${def.code}`}
      data-state={f.state}
      onClick={onSelect}
      tabIndex={0}
      aria-current={selected ? 'true' : undefined}
      onKeyDown={(e) => {
        if (e.target === e.currentTarget && (e.key === 'Enter' || e.key === ' ')) {
          e.preventDefault();
          onSelect();
        }
      }}
      styles={{ body: { padding: 12 } }}
      style={{
        height: '100%',
        borderLeft: `4px solid ${colors.solid}`,
        outline: selected ? `2px solid ${token.colorPrimary}` : undefined,
        outlineOffset: -1,
      }}
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'flex-start' }}>
        <Typography.Paragraph
          strong
          ellipsis={{ rows: 2, tooltip: pickText(def.name) }}
          style={{ minWidth: 0, margin: 0, lineHeight: 1.4 }}
        >
          {pickText(def.name)}
        </Typography.Paragraph>
        <Tag
          color={stateTagColor(f.state)}
          style={{ marginInlineEnd: 0, flex: 'none' }}
          data-testid="kpi-state"
        >
          {t(`indicators.state.${f.state}`)}
        </Tag>
      </div>
      <div style={{ margin: '6px 0 2px' }}>
        {f.suppressed ? (
          <Tooltip title={t('indicators.suppressedHint', { n: smallCountMin })}>
            <span data-testid="kpi-value">{valueNode}</span>
          </Tooltip>
        ) : href && f.state !== 'no_data' ? (
          <Link
            to={href}
            onClick={(e) => e.stopPropagation()}
            data-testid="kpi-value"
            title={t('indicators.openList')}
            style={{ color: 'inherit' }}
          >
            {valueNode}
          </Link>
        ) : (
          <span data-testid="kpi-value">{valueNode}</span>
        )}
        {fraction && (
          <Typography.Text
            type="secondary"
            style={{ marginInlineStart: 8, fontSize: 12 }}
            data-testid="kpi-fraction"
          >
            {fraction}
          </Typography.Text>
        )}
      </div>
      <TargetLine target={panel.target} def={def} />
      {showCaveat && (
        <Typography.Paragraph
          type="warning"
          data-testid="kpi-caveat"
          style={{ fontSize: 12, margin: '4px 0 0' }}
          ellipsis={{ rows: 2, tooltip: pickText(def.caveat!) }}
        >
          <WarningOutlined /> {pickText(def.caveat!)}
        </Typography.Paragraph>
      )}
      {panel.note && (
        <Typography.Paragraph
          type="secondary"
          style={{ fontSize: 12, margin: '4px 0 0' }}
          ellipsis={{ rows: 2 }}
        >
          {pickText(panel.note)}
        </Typography.Paragraph>
      )}
    </Card>
  );
};
