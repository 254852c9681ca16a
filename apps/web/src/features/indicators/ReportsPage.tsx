/**
 * 调度与评估报告 (issue 18 item 5): 季调度 (a quarter), 年评估 (a year) and the November progress report
 * (January–October) of the user's region or a sub-region: each indicator against its target, the change
 * from the previous period, the lagging sub-regions, what is not collected, open clocks. Printable, and
 * downloadable as xlsx or PDF (rendered by the server).
 */
import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { indicatorReportKinds, type IndicatorReportKind, type IndicatorReportRow } from '@ohp/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Segmented, Space, Spin, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { stateTagColor } from '../../shared/charts/states';
import { ExportButton } from '../../shared/ExportButton';
import { pickText } from '../equipment/api';
import { INDICATORS_KEY, downloadReport, getReport } from './api';
import { chinaToday } from './format';

const PRINT_CSS = `
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  body * { visibility: hidden; }
  #report-print, #report-print * { visibility: visible; }
  #report-print { position: absolute; left: 0; top: 0; width: 100%; }
  #report-print .no-print { display: none !important; }
}
`;

const defaultPeriod = (kind: IndicatorReportKind): string => {
  const today = chinaToday();
  const y = today.slice(0, 4);
  return kind === 'quarterly' ? `${y}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}` : y;
};

const fmt = (r: IndicatorReportRow, v: number | null) =>
  v === null ? '—' : r.unit === 'count' ? v.toLocaleString() : `${v.toFixed(1)}%`;

export const ReportsPage = () => {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('kind');
  const kind: IndicatorReportKind = (indicatorReportKinds as readonly string[]).includes(kindParam ?? '')
    ? (kindParam as IndicatorReportKind)
    : 'quarterly';
  const period = params.get('period') ?? defaultPeriod(kind);
  const region = params.get('region') ?? undefined;
  const q = { kind, period, region };
  const report = useQuery({
    queryKey: [INDICATORS_KEY, 'report', kind, period, region ?? ''],
    queryFn: () => getReport(q),
    placeholderData: keepPreviousData,
  });
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  };
  const r = report.data;
  const quarterValue = dayjs(
    `${period.slice(0, 4)}-${String((Number(period.slice(6) || 1) - 1) * 3 + 1).padStart(2, '0')}-01`,
  );
  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <style>{PRINT_CSS}</style>
      <Card className="no-print" style={{ marginBottom: 16 }}>
        <Space wrap size={12}>
          <Segmented
            data-testid="report-kind"
            value={kind}
            options={indicatorReportKinds.map((k) => ({
              value: k,
              label: t(`indicators.reports.kind.${k}`),
            }))}
            onChange={(v) => set({ kind: String(v), period: defaultPeriod(v) })}
          />
          {kind === 'quarterly' ? (
            <DatePicker
              picker="quarter"
              allowClear={false}
              value={quarterValue}
              onChange={(d) => d && set({ period: `${d.year()}-Q${Math.floor(d.month() / 3) + 1}` })}
              data-testid="report-period"
            />
          ) : (
            <DatePicker
              picker="year"
              allowClear={false}
              value={dayjs(`${period.slice(0, 4)}-01-01`)}
              onChange={(d) => d && set({ period: String(d.year()) })}
              data-testid="report-period"
            />
          )}
          <ExportButton
            testId="report-xlsx"
            label={t('indicators.reports.xlsx')}
            onExport={() => downloadReport(q, 'xlsx')}
          />
          <Button
            icon={<FilePdfOutlined />}
            data-testid="report-pdf"
            onClick={() => void downloadReport(q, 'pdf')}
          >
            {t('indicators.reports.pdf')}
          </Button>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('indicators.print')}
          </Button>
        </Space>
        {kind === 'progress' && (
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
            {t('indicators.reports.progressSpan')}
          </Typography.Paragraph>
        )}
      </Card>
      {!r ? (
        <div style={{ display: 'flex', justifyContent: 'center', padding: 48 }}>
          {report.isError ? <Alert type="error" message={report.error.message} /> : <Spin />}
        </div>
      ) : (
        <div id="report-print" data-testid="report">
          <Card>
            <Typography.Title
              level={3}
              style={{ textAlign: 'center', marginBottom: 4 }}
              data-testid="report-title"
            >
              {`${r.region.name}${pickText(r.title)}`}
            </Typography.Title>
            <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
              {t('indicators.reports.subtitle', {
                period: pickText(r.period.label),
                from: r.period.from,
                to: r.period.to,
                previous: pickText(r.previousPeriod.label),
              })}
            </Typography.Paragraph>
            <Table<IndicatorReportRow>
              rowKey="code"
              size="small"
              pagination={false}
              scroll={{ x: 900 }}
              dataSource={r.rows}
              columns={[
                {
                  title: t('indicators.reports.col.indicator'),
                  render: (_, row) => (
                    <>
                      <div>{pickText(row.name)}</div>
                      {row.caveat && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {pickText(row.caveat)}
                        </Typography.Text>
                      )}
                    </>
                  ),
                  width: 300,
                },
                {
                  title: t('indicators.reports.col.value'),
                  align: 'right',
                  render: (_, row) =>
                    row.figure.suppressed
                      ? '<5'
                      : row.figure.value === null && row.figure.numerator !== null
                        ? t('indicators.countOnly', { numerator: row.figure.numerator.toLocaleString() })
                        : fmt(row, row.figure.value),
                },
                {
                  title: t('indicators.reports.col.target'),
                  render: (_, row) =>
                    row.target
                      ? `${row.target.comparator === 'le' ? '≤' : '≥'}${row.target.value}${row.unit === 'count' ? '' : '%'}${row.target.reference ? t('indicators.reports.reference') : ''}`
                      : '—',
                },
                {
                  title: t('indicators.reports.col.state'),
                  render: (_, row) => (
                    <Tag color={stateTagColor(row.figure.state)}>
                      {t(`indicators.state.${row.figure.state}`)}
                    </Tag>
                  ),
                },
                {
                  title: t('indicators.reports.col.previous'),
                  align: 'right',
                  render: (_, row) => fmt(row, row.previous),
                },
                {
                  title: t('indicators.reports.col.change'),
                  align: 'right',
                  render: (_, row) =>
                    row.change === null ? '—' : `${row.change > 0 ? '+' : ''}${row.change}`,
                },
                {
                  title: t('indicators.reports.col.lagging'),
                  render: (_, row) =>
                    row.lagging.length
                      ? row.lagging.map((l) => `${l.regionName} ${fmt(row, l.value)}`).join('；')
                      : '—',
                },
              ]}
            />
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {t('indicators.reports.clocks')}
            </Typography.Title>
            <Typography.Paragraph data-testid="report-clocks">
              {t('indicators.reports.clocksText', r.clocks)}
            </Typography.Paragraph>
            <Typography.Title level={5}>{t('indicators.reports.notCollected')}</Typography.Title>
            <ul style={{ paddingInlineStart: 20 }}>
              {r.notCollected.map((n) => (
                <li key={n.code}>
                  {pickText(n.name)}
                  {n.caveat ? `：${pickText(n.caveat)}` : ''}
                </li>
              ))}
            </ul>
          </Card>
        </div>
      )}
    </PageContainer>
  );
};
