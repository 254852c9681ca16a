/**
 * 申报率 (issue 17 item 5): the two policy rates of the user's region against their targets, a table of
 * the cities or counties below (click to drill down), the rates by risk class, and the list of employers
 * behind a figure (not declared by default), exportable. The e2e journey reads
 * `[data-testid="oversight-declared-a"]` (“已申报 X / Y 家”), which moves when a declaration is accepted.
 */
import { PageContainer } from '@ant-design/pro-components';
import type {
  DeclarationMeasure,
  DeclarationRateEmployer,
  DeclarationRateRow,
  DeclarationTarget,
  MeasureFigures,
  RateEmployerStatus,
} from '@ohp/contracts';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  DatePicker,
  Progress,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { useDashboardFilter } from '../../shared/dashboard-filter';
import { useRegionNames } from '../exam-cards/api';
import { reportError } from '../../shared/errors';
import { fmtDateTime } from '../../shared/format';
import { pickText } from '../equipment/api';
import { OVERSIGHT_KEY, exportRateEmployers, getRateEmployers, getRates, pct } from './api';

const MEASURES: DeclarationMeasure[] = ['a', 'b', 'industrial', 'all'];

const RateCard = ({
  measure,
  f,
  target,
}: {
  measure: 'a' | 'b';
  f: MeasureFigures;
  target: DeclarationTarget | undefined;
}) => {
  const { t } = useTranslation();
  const missing =
    target && f.denominator > 0 ? Math.max(0, Math.ceil(target.targetRate * f.denominator - f.declared)) : 0;
  return (
    <Card size="small" data-testid={`oversight-rate-${measure}`} style={{ height: '100%' }}>
      <Statistic
        title={t(measure === 'a' ? 'declarationOversight.cardA' : 'declarationOversight.cardB')}
        value={pct(f.rate)}
      />
      {f.denominator === 0 ? (
        <Typography.Text type="secondary">{t('declarationOversight.noDenominator')}</Typography.Text>
      ) : (
        <>
          <Progress percent={Math.round((f.rate ?? 0) * 1000) / 10} showInfo={false} />
          <Typography.Text data-testid={`oversight-declared-${measure}`}>
            {t('declarationOversight.declaredOf', { declared: f.declared, denominator: f.denominator })}
          </Typography.Text>
        </>
      )}
      {target && (
        <div style={{ marginTop: 4 }}>
          <Space size={4} wrap>
            <Typography.Text type="secondary">
              {t('declarationOversight.target', { rate: pct(target.targetRate), due: target.dueOn })}
            </Typography.Text>
            {f.denominator > 0 &&
              (missing === 0 ? (
                <Tag color="green">{t('declarationOversight.targetMet')}</Tag>
              ) : (
                <Tag color="red">{t('declarationOversight.targetGap', { n: missing })}</Tag>
              ))}
          </Space>
          <div>
            <Tooltip
              title={t('declarationOversight.sourceOf', {
                source: pickText({ zh: target.sourceZh, en: target.sourceEn }),
              })}
            >
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {target.own
                  ? t('declarationOversight.sourceOf', {
                      source: pickText({ zh: target.sourceZh, en: target.sourceEn }).slice(0, 40),
                    })
                  : t('declarationOversight.nationalTarget')}
              </Typography.Text>
            </Tooltip>
          </div>
        </div>
      )}
    </Card>
  );
};

export const DeclarationRatesPage = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  // Opened from the dashboard (驾驶舱): the figure's region, one step below the user's own (whose
  // name the breadcrumb shows, to go back up). The rates are as of a day, not over a period.
  const { me } = useAuth();
  const fromDashboard = useDashboardFilter();
  const own = me?.organisation.regionCode;
  const opened =
    fromDashboard.regionCode && own && fromDashboard.regionCode.length > own.length
      ? fromDashboard.regionCode
      : undefined;
  const [region, setRegion] = useState<string | undefined>(opened);
  const [trail, setTrail] = useState<Array<{ code: string; name: string }>>(
    opened && own ? [{ code: own, name: '' }] : [],
  );
  const trailNames = useRegionNames(trail.map((x) => x.code));
  const [asOf, setAsOf] = useState<Dayjs | null>(null);
  const [measure, setMeasure] = useState<DeclarationMeasure>('a');
  const [status, setStatus] = useState<RateEmployerStatus>('undeclared');
  const [listRegion, setListRegion] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const asOfText = asOf ? asOf.format('YYYY-MM-DD') : undefined;
  const q = useQuery({
    queryKey: [OVERSIGHT_KEY, 'rates', region, asOfText],
    queryFn: () => getRates({ region, asOf: asOfText }),
  });
  const gapQuery = { region: listRegion ?? region, asOf: asOfText, measure, status, page, pageSize };
  const gaps = useQuery({
    queryKey: [OVERSIGHT_KEY, 'employers', gapQuery],
    queryFn: () => getRateEmployers(gapQuery),
  });
  const r = q.data;
  const target = (m: DeclarationMeasure) => r?.targets.find((x) => x.measure === m);

  const drill = (row: DeclarationRateRow) => {
    if (!row.hasChildren || !r) return;
    setTrail([...trail, { code: r.regionCode, name: r.regionName }]);
    setRegion(row.regionCode);
    setListRegion(undefined);
    setPage(1);
  };
  const up = (i: number) => {
    setRegion(trail[i]!.code);
    setTrail(trail.slice(0, i));
    setListRegion(undefined);
    setPage(1);
  };
  const showGaps = (code: string, m: DeclarationMeasure, s: RateEmployerStatus) => {
    setListRegion(code);
    setMeasure(m);
    setStatus(s);
    setPage(1);
    document.getElementById('oversight-gap-list')?.scrollIntoView({ behavior: 'smooth' });
  };

  const rateCell = (row: DeclarationRateRow, m: DeclarationMeasure) => {
    const f = row.figures[m];
    return (
      <Space direction="vertical" size={0}>
        <Typography.Text strong>{pct(f.rate)}</Typography.Text>
        <Typography.Text
          type="secondary"
          style={{ fontSize: 12 }}
        >{`${f.declared}/${f.denominator}`}</Typography.Text>
        {f.gap > 0 && (
          <Typography.Link style={{ fontSize: 12 }} onClick={() => showGaps(row.regionCode, m, 'undeclared')}>
            {`${t('declarationOversight.gap')} ${f.gap}`}
          </Typography.Link>
        )}
      </Space>
    );
  };

  return (
    <PageContainer title={false} breadcrumbRender={false} loading={q.isLoading}>
      <Alert type="info" showIcon message={t('declarationOversight.intro')} style={{ marginBottom: 12 }} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Breadcrumb
          items={[
            ...trail.map((x, i) => ({
              title: <a onClick={() => up(i)}>{x.name || trailNames.name(x.code)}</a>,
            })),
            { title: r?.regionName ?? '' },
          ]}
        />
        <DatePicker
          value={asOf}
          onChange={(v) => setAsOf(v)}
          placeholder={t('declarationOversight.asOf')}
          disabledDate={(d) => d.isAfter(dayjs())}
        />
        <Link to="/declaration-oversight/dispatch">{t('declarationOversight.menuDispatch')}</Link>
        <Link to="/declaration-oversight/sampling">{t('declarationOversight.menuSampling')}</Link>
        <Link to="/declaration-oversight/lists">{t('declarationOversight.menuLists')}</Link>
      </Space>
      {r && (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={24} md={8}>
              <RateCard measure="a" f={r.total.figures.a} target={target('a')} />
            </Col>
            <Col xs={24} md={8}>
              <RateCard measure="b" f={r.total.figures.b} target={target('b')} />
            </Col>
            <Col xs={24} md={8}>
              <Card size="small" style={{ height: '100%' }}>
                <Space direction="vertical" size={2}>
                  <Typography.Text>{`${t('declarationOversight.employers')}：${r.total.employers}`}</Typography.Text>
                  <Typography.Text data-testid="oversight-declared-all">{`${t('declarationOversight.measures.all')}：${pct(r.total.figures.all.rate)}（${r.total.figures.all.declared}/${r.total.figures.all.denominator}）`}</Typography.Text>
                  <Typography.Link onClick={() => showGaps(r.regionCode, 'all', 'overdue')}>
                    {`${t('declarationOversight.overdue')}：${r.total.figures.all.annualOverdue}`}
                  </Typography.Link>
                  <Typography.Link onClick={() => showGaps(r.regionCode, 'all', 'late')}>
                    {`${t('declarationOversight.late')}：${r.total.figures.all.late}`}
                  </Typography.Link>
                  {r.total.verified && (
                    <Tooltip title={t('declarationOversight.verifiedHint')}>
                      <Typography.Text data-testid="oversight-verified">
                        {`${t('declarationOversight.verified')}：${pct(r.total.verified.rate)}（${r.total.verified.year}）`}
                      </Typography.Text>
                    </Tooltip>
                  )}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {`${t('declarationOversight.asOf')}：${r.asOf}`}
                  </Typography.Text>
                </Space>
              </Card>
            </Col>
          </Row>
          {r.children.length > 0 && (
            <Card
              size="small"
              title={t('declarationOversight.regions')}
              extra={<Typography.Text type="secondary">{t('declarationOversight.drill')}</Typography.Text>}
              style={{ marginBottom: 12 }}
            >
              <Table<DeclarationRateRow>
                rowKey="regionCode"
                size="small"
                data-testid="oversight-regions"
                dataSource={r.children}
                pagination={false}
                scroll={{ x: 900 }}
                columns={[
                  {
                    title: t('declarationOversight.region'),
                    dataIndex: 'regionName',
                    fixed: 'left',
                    width: 130,
                    render: (v: string, row) => (row.hasChildren ? <a onClick={() => drill(row)}>{v}</a> : v),
                  },
                  { title: t('declarationOversight.employers'), dataIndex: 'employers', width: 80 },
                  ...MEASURES.map((m) => ({
                    title: t(`declarationOversight.measures.${m}`),
                    key: m,
                    width: 110,
                    render: (_: unknown, row: DeclarationRateRow) => rateCell(row, m),
                  })),
                  {
                    title: t('declarationOversight.overdue'),
                    key: 'overdue',
                    width: 90,
                    render: (_: unknown, row: DeclarationRateRow) => row.figures.all.annualOverdue,
                  },
                  {
                    title: (
                      <Tooltip title={t('declarationOversight.verifiedHint')}>
                        {t('declarationOversight.verified')}
                      </Tooltip>
                    ),
                    key: 'verified',
                    width: 120,
                    render: (_: unknown, row: DeclarationRateRow) =>
                      row.verified
                        ? `${pct(row.verified.rate)}（${row.verified.declaredAndAccurate}/${row.verified.checked}）`
                        : '—',
                  },
                ]}
              />
            </Card>
          )}
          <Card size="small" title={t('declarationOversight.byRisk')} style={{ marginBottom: 12 }}>
            <Table
              rowKey="riskClass"
              size="small"
              pagination={false}
              scroll={{ x: 600 }}
              dataSource={r.byRiskClass}
              columns={[
                { title: t('declarationOversight.riskClass'), dataIndex: 'riskClass', width: 90 },
                ...MEASURES.map((m) => ({
                  title: t(`declarationOversight.measures.${m}`),
                  key: m,
                  width: 110,
                  render: (_: unknown, row: (typeof r.byRiskClass)[number]) =>
                    `${pct(row.figures[m].rate)}（${row.figures[m].declared}/${row.figures[m].denominator}）`,
                })),
              ]}
            />
          </Card>
        </>
      )}
      <Card
        id="oversight-gap-list"
        size="small"
        title={t('declarationOversight.gapList')}
        extra={
          <Button
            onClick={() => {
              const { page: _p, pageSize: _s, ...rest } = gapQuery;
              void exportRateEmployers(rest).catch((e: unknown) => reportError(message, e));
            }}
          >
            {t('declarationOversight.export')}
          </Button>
        }
      >
        <Space wrap style={{ marginBottom: 8 }}>
          <Segmented
            value={measure}
            onChange={(v) => {
              setMeasure(v);
              setPage(1);
            }}
            options={MEASURES.map((m) => ({ value: m, label: t(`declarationOversight.measures.${m}`) }))}
          />
          <Select
            style={{ width: 160 }}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={(['undeclared', 'declared', 'overdue', 'late'] as const).map((s) => ({
              value: s,
              label: t(`declarationOversight.statuses.${s}`),
            }))}
          />
          {listRegion && listRegion !== region && (
            <Tag closable onClose={() => setListRegion(undefined)}>
              {r?.children.find((c) => c.regionCode === listRegion)?.regionName ?? listRegion}
            </Tag>
          )}
        </Space>
        <Table<DeclarationRateEmployer>
          rowKey="employerId"
          size="small"
          data-testid="oversight-gap-table"
          loading={gaps.isLoading}
          dataSource={gaps.data?.data ?? []}
          locale={{ emptyText: t('declarationOversight.emptyGaps') }}
          scroll={{ x: 900 }}
          pagination={{
            current: page,
            pageSize,
            total: gaps.data?.total ?? 0,
            showSizeChanger: true,
            onChange: (p, s) => {
              setPage(p);
              setPageSize(s);
            },
          }}
          columns={[
            { title: t('declarationOversight.name'), dataIndex: 'name', width: 240, fixed: 'left' },
            { title: t('declarationOversight.creditCode'), dataIndex: 'creditCode', width: 180 },
            { title: t('declarationOversight.region'), dataIndex: 'regionName', width: 100 },
            { title: t('declarationOversight.industry'), dataIndex: 'industryCode', width: 80 },
            { title: t('declarationOversight.staff'), dataIndex: 'employees', width: 70 },
            { title: t('declarationOversight.riskClass'), dataIndex: 'riskClass', width: 80 },
            {
              title: t('declarationOversight.lastAccepted'),
              dataIndex: 'lastAcceptedAt',
              width: 150,
              render: (v: string | null, row) =>
                v
                  ? `${fmtDateTime(v)} ${row.lastType ? t(`declarationOversight.types.${row.lastType}`) : ''}`
                  : '—',
            },
            {
              title: t('declarationOversight.overdue'),
              dataIndex: 'annualOverdue',
              width: 90,
              render: (overdue: boolean) => (
                <Tag color={overdue ? 'orange' : 'default'}>
                  {t(overdue ? 'declarationOversight.yes' : 'declarationOversight.no')}
                </Tag>
              ),
            },
          ]}
        />
      </Card>
    </PageContainer>
  );
};
