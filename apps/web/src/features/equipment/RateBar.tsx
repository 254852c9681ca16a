/** A compliance rate as a bar with its target line (95 % / 85 %), green when met, red when below. */
import type { DomainRate } from '@ohp/contracts';
import { Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { pct } from './api';

export const RateBar = ({ r, width = 150 }: { r: DomainRate | undefined; width?: number }) => {
  const { t } = useTranslation();
  if (!r) return <Typography.Text type="secondary">—</Typography.Text>;
  const colour = r.meets === false ? '#cf1322' : r.meets === true ? '#389e0d' : '#1677ff';
  const fill = Math.max(0, Math.min(1, r.rate ?? 0)) * 100;
  return (
    <Tooltip
      title={`${t('equipment.satisfiedOf', { satisfied: r.satisfied, required: r.required })}${
        r.target !== null ? ` · ${t('equipment.target', { rate: pct(r.target) })}` : ''
      }`}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 8 }} data-testid={`rate-${r.domain}`}>
        <div style={{ position: 'relative', width, height: 10, background: '#f0f0f0', borderRadius: 5 }}>
          <div style={{ width: `${fill}%`, height: '100%', background: colour, borderRadius: 5 }} />
          {r.target !== null && (
            <div
              title={t('equipment.targetLine')}
              style={{
                position: 'absolute',
                left: `${r.target * 100}%`,
                top: -3,
                width: 2,
                height: 16,
                background: '#262626',
              }}
            />
          )}
        </div>
        <Typography.Text style={{ color: colour, minWidth: 52 }}>{pct(r.rate)}</Typography.Text>
      </div>
    </Tooltip>
  );
};
