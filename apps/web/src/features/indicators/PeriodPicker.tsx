/** 统计期: year, quarter or month (Segmented) and the period itself (DatePicker of that grain). */
import type { PeriodGrain } from '@ohp/contracts';
import { DatePicker, Segmented, Space } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { changeGrain, chinaToday, grainOf, periodParam, periodStart } from './format';

export const PeriodPicker = ({ value, onChange }: { value: string; onChange: (period: string) => void }) => {
  const { t } = useTranslation();
  const grain = grainOf(value);
  const { year, month } = periodStart(value);
  const today = dayjs(chinaToday());
  return (
    <Space size={8} wrap>
      <Segmented<PeriodGrain>
        size="middle"
        value={grain}
        data-testid="dashboard-grain"
        options={(['year', 'quarter', 'month'] as const).map((g) => ({
          value: g,
          label: t(`indicators.grain.${g}`),
        }))}
        onChange={(g) => onChange(changeGrain(value, g))}
      />
      <DatePicker
        picker={grain}
        allowClear={false}
        data-testid="dashboard-period"
        aria-label={t('indicators.period')}
        value={dayjs(new Date(year, month - 1, 1))}
        format={() => value}
        disabledDate={(d) => d.isAfter(today, 'month')}
        style={{ width: 120 }}
        onChange={(d) => d && onChange(periodParam(d.year(), d.month() + 1, grain))}
      />
    </Space>
  );
};
