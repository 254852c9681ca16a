/**
 * 整改率 — closed ÷ all items of the period by the institution's region, one level at a time (province →
 * cities → counties: click a region to drill down), and by institution, with the definition on the page
 * (the policies set the 100% target without a formula: the platform's definition, marked provisional).
 */
import { PageContainer } from '@ant-design/pro-components';
import { rectificationRateBases, type RectificationCounts } from '@ohp/contracts';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Progress,
  Segmented,
  Space,
  Spin,
  Statistic,
  Table,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { useDashboardFilter } from '../../shared/dashboard-filter';
import { RECTIFICATIONS_KEY, getRectificationRates } from './api';

const Rate = ({ rate }: { rate: number | null }) =>
  rate === null ? (
    <span>—</span>
  ) : (
    <Progress
      percent={Math.round(rate * 1000) / 10}
      size="small"
      status={rate >= 1 ? 'success' : rate < 0.6 ? 'exception' : 'normal'}
      style={{ width: 140, margin: 0 }}
    />
  );

export const RectificationRatesPage = () => {
  const { t } = useTranslation();
  // Opened from the dashboard (驾驶舱): drilled down to the figure's region (its city, then its county)
  // over the figure's period.
  const fromDashboard = useDashboardFilter();
  const { me } = useAuth();
  const [trail, setTrail] = useState<string[]>(() => {
    const r = fromDashboard.regionCode ?? '';
    const own = me?.organisation.regionCode.length ?? 2; // the levels below the user's own region
    return [4, 6].filter((n) => n > own && r.length >= n).map((n) => r.slice(0, n));
  });
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(() =>
    fromDashboard.range ? [dayjs(fromDashboard.range[0]), dayjs(fromDashboard.range[1])] : null,
  );
  const [basis, setBasis] = useState<'raised' | 'due'>('raised');
  const regionCode = trail[trail.length - 1];
  const from = range?.[0]?.format('YYYY-MM-DD');
  const to = range?.[1]?.format('YYYY-MM-DD');
  const q = useQuery({
    queryKey: [RECTIFICATIONS_KEY, 'rates', regionCode, from, to, basis],
    queryFn: () => getRectificationRates({ regionCode, from, to, basis }),
  });
  const r = q.data;
  const countColumns = [
    { title: t('rectifications.total'), dataIndex: 'total', width: 90 },
    { title: t('rectifications.closed'), dataIndex: 'closed', width: 90 },
    { title: t('rectifications.closedOnTime'), dataIndex: 'closedOnTime', width: 100 },
    { title: t('rectifications.openCount'), dataIndex: 'open', width: 90 },
    {
      title: t('rectifications.overdueCount'),
      dataIndex: 'overdue',
      width: 100,
      render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : 0),
    },
    {
      title: t('rectifications.rate'),
      dataIndex: 'rate',
      width: 170,
      render: (rate: number | null) => <Rate rate={rate} />,
    },
  ];
  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <Alert type="info" showIcon message={t('rectifications.ratesIntro')} style={{ marginBottom: 12 }} />
      <Card style={{ marginBottom: 12 }}>
        <Space wrap>
          <span>{t('rectifications.period')}</span>
          <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} />
          <Segmented
            value={basis}
            onChange={(v) => setBasis(v)}
            options={rectificationRateBases.map((b) => ({ value: b, label: t(`rectifications.bases.${b}`) }))}
          />
          {trail.length > 0 && (
            <Button onClick={() => setTrail(trail.slice(0, -1))} data-testid="rates-up">
              {t('rectifications.drillUp')}
            </Button>
          )}
        </Space>
      </Card>
      {!r ? (
        <Spin />
      ) : (
        <>
          <Card title={r.regionName} style={{ marginBottom: 12 }} data-testid="rates-totals">
            <Space size={48} wrap>
              <Statistic title={t('rectifications.total')} value={r.totals.total} />
              <Statistic title={t('rectifications.closed')} value={r.totals.closed} />
              <Statistic title={t('rectifications.closedOnTime')} value={r.totals.closedOnTime} />
              <Statistic
                title={t('rectifications.overdueCount')}
                value={r.totals.overdue}
                valueStyle={{ color: r.totals.overdue ? '#cf1322' : undefined }}
              />
              <Statistic
                title={`${t('rectifications.rate')}（${t('rectifications.target')}）`}
                value={r.totals.rate === null ? '—' : (r.totals.rate * 100).toFixed(1)}
                suffix={r.totals.rate === null ? '' : '%'}
              />
            </Space>
            <Alert
              type="warning"
              style={{ marginTop: 12 }}
              message={
                <span>
                  <Tag color="gold">{t('rectifications.uncertain')}</Tag>
                  {t('rectifications.definition')}：{r.definition}
                </span>
              }
            />
          </Card>
          {r.regions.length > 0 && (
            <Card title={t('rectifications.byRegion')} style={{ marginBottom: 12 }}>
              <Table<RectificationCounts & { regionCode: string; regionName: string }>
                rowKey="regionCode"
                size="small"
                pagination={false}
                dataSource={r.regions}
                data-testid="rates-regions"
                columns={[
                  {
                    title: t('rectifications.region'),
                    dataIndex: 'regionName',
                    render: (name: string, row) => (
                      <a
                        onClick={() => setTrail([...trail, row.regionCode])}
                        data-testid={`rates-region-${row.regionCode}`}
                      >
                        {name}
                      </a>
                    ),
                  },
                  ...countColumns,
                ]}
              />
            </Card>
          )}
          <Card title={t('rectifications.byInstitution')}>
            <Table
              rowKey="institutionId"
              size="small"
              dataSource={r.institutions}
              locale={{ emptyText: t('rectifications.noData') }}
              pagination={{ pageSize: 20 }}
              columns={[
                { title: t('rectifications.institution'), dataIndex: 'institutionName' },
                { title: t('rectifications.region'), dataIndex: 'regionName', width: 200 },
                ...countColumns,
              ]}
            />
          </Card>
        </>
      )}
    </PageContainer>
  );
};
