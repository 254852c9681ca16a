/**
 * 规划目标: the coverage targets of the user's region, computed by the server now — how many cities and
 * counties meet them, the rules with their sources and what is still uncertain, the R46 caveat, and one
 * table per target: each region's status, the institutions that count and the others with why not.
 */
import { PageContainer } from '@ant-design/pro-components';
import type { CoverageInstitution, CoverageRegion } from '@ohp/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Row, Select, Space, Statistic, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDashboardFilter } from '../../shared/dashboard-filter';
import { fmtDateTime } from '../../shared/format';
import { useRegionNames } from '../exam-cards/api';
import { pickText } from '../equipment/api';
import { COVERAGE_KEY, getCoverage } from './api';

const Institutions = ({ list, showDust }: { list: CoverageInstitution[]; showDust: boolean }) => {
  const { t } = useTranslation();
  if (!list.length) return <Typography.Text type="secondary">{t('coverage.none')}</Typography.Text>;
  return (
    <Space direction="vertical" size={2}>
      {list.map((i) => (
        <Space key={i.institutionId} size={4} wrap>
          <Typography.Text>{i.name}</Typography.Text>
          {i.filingNo && <Tag>{`${t('coverage.filingNo')} ${i.filingNo}`}</Tag>}
          {showDust && i.dustCodes.length > 0 && (
            <Tag color="blue">{`${t('coverage.dust')} ${i.dustCodes.join(', ')}`}</Tag>
          )}
          {i.reasons.map((r) => (
            <Tag key={r} color="orange">
              {t(`coverage.reasons.${r}`)}
            </Tag>
          ))}
        </Space>
      ))}
    </Space>
  );
};

const MetTag = ({ met }: { met: boolean }) => {
  const { t } = useTranslation();
  if (met) return <Tag color="green">{t('coverage.met')}</Tag>;
  return <Tag color="red">{t('coverage.gap')}</Tag>;
};

const RegionTable = ({
  rows,
  showCity,
  showDust,
  testId,
}: {
  rows: CoverageRegion[];
  showCity: boolean;
  showDust: boolean;
  testId: string;
}) => {
  const { t } = useTranslation();
  return (
    <Table<CoverageRegion>
      rowKey="regionCode"
      size="small"
      dataSource={rows}
      pagination={{ pageSize: 30, hideOnSinglePage: true }}
      scroll={{ x: 1000 }}
      data-testid={testId}
      columns={[
        { title: t('coverage.region'), dataIndex: 'regionName', width: 140 },
        ...(showCity
          ? [
              {
                title: t('coverage.city'),
                dataIndex: 'parentName',
                width: 140,
                render: (v: string | null) => v ?? '—',
              },
            ]
          : []),
        {
          title: t('coverage.status'),
          dataIndex: 'met',
          width: 80,
          render: (_: boolean, r: CoverageRegion) => <MetTag met={r.met} />,
        },
        {
          title: t('coverage.counting'),
          width: 320,
          render: (_, r) => <Institutions list={r.counting} showDust={showDust} />,
        },
        {
          title: t('coverage.notCounting'),
          width: 420,
          render: (_, r) => <Institutions list={r.notCounting} showDust={false} />,
        },
      ]}
    />
  );
};

export const CoveragePage = () => {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: [COVERAGE_KEY], queryFn: () => getCoverage() });
  const [gapsOnly, setGapsOnly] = useState(false);
  const [city, setCity] = useState<string | null>(null);
  // Opened from a figure of the dashboard (市/县 机构覆盖): the figure's region, until the user clears it.
  const fromDashboard = useDashboardFilter();
  const [regionPrefix, setRegionPrefix] = useState<string | null>(
    fromDashboard.regionCode && fromDashboard.regionCode.length > 2 ? fromDashboard.regionCode : null,
  );
  const regionNames = useRegionNames(regionPrefix ? [regionPrefix] : []);
  const inRegion = (code: string) =>
    !regionPrefix || code.startsWith(regionPrefix) || regionPrefix.startsWith(code);
  const r = q.data;
  const cities = (r?.cities ?? []).filter((c) => (!gapsOnly || !c.met) && inRegion(c.regionCode));
  const counties = (r?.counties ?? []).filter(
    (k) => (!gapsOnly || !k.met) && (!city || k.parentCode === city) && inRegion(k.regionCode),
  );
  const cityOptions = [...new Map((r?.counties ?? []).map((k) => [k.parentCode, k.parentName])).entries()]
    .filter(([code]) => code)
    .map(([code, name]) => ({ value: code!, label: name ?? code! }));

  return (
    <PageContainer title={false} breadcrumbRender={false} loading={q.isLoading}>
      <Alert type="info" showIcon message={t('coverage.intro')} style={{ marginBottom: 12 }} />
      {r && (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            {r.cities.length > 0 && (
              <Col xs={12} md={6}>
                <Card size="small" data-testid="coverage-cities-met">
                  <Statistic
                    title={t('coverage.citiesMet')}
                    value={r.summary.citiesMet}
                    suffix={`/ ${r.summary.cities}`}
                  />
                </Card>
              </Col>
            )}
            <Col xs={12} md={6}>
              <Card size="small" data-testid="coverage-counties-met">
                <Statistic
                  title={t('coverage.countiesMet')}
                  value={r.summary.countiesMet}
                  suffix={`/ ${r.summary.counties}`}
                />
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <Typography.Text type="secondary">
                {t('coverage.computedAt', { at: fmtDateTime(r.computedAt) })}
              </Typography.Text>
            </Col>
          </Row>
          {r.caveats.map((c) => (
            <Alert
              key={c.en}
              type="warning"
              showIcon
              message={pickText(c)}
              style={{ marginBottom: 12 }}
              data-testid="coverage-caveat"
            />
          ))}
          <Card size="small" title={t('coverage.rulesTitle')} style={{ marginBottom: 12 }}>
            {r.rules.map((rule) => (
              <div key={rule.kind} style={{ marginBottom: 8 }}>
                <Typography.Paragraph style={{ marginBottom: 2 }}>{pickText(rule)}</Typography.Paragraph>
                <Typography.Text type="secondary">{`${t('coverage.source')}: ${rule.source}`}</Typography.Text>
                {rule.uncertain.map((u) => (
                  <div key={u.en}>
                    <Tag color="orange">{t('coverage.uncertain')}</Tag>
                    <Typography.Text type="secondary">{pickText(u)}</Typography.Text>
                  </div>
                ))}
              </div>
            ))}
          </Card>
          <Space style={{ marginBottom: 12 }} wrap>
            {regionPrefix && (
              <Tag closable onClose={() => setRegionPrefix(null)} data-testid="coverage-region">
                {t('coverage.regionFilter', { region: regionNames.path(regionPrefix) })}
              </Tag>
            )}
            <Switch checked={gapsOnly} onChange={setGapsOnly} data-testid="coverage-gaps-only" />
            {t('coverage.gapsOnly')}
            {cityOptions.length > 1 && (
              <Select
                allowClear
                style={{ width: 220 }}
                placeholder={t('coverage.allCities')}
                value={city}
                onChange={(v: string | undefined) => setCity(v ?? null)}
                options={cityOptions}
              />
            )}
          </Space>
          {r.cities.length > 0 && (
            <Card size="small" title={t('coverage.cities')} style={{ marginBottom: 12 }}>
              <RegionTable rows={cities} showCity={false} showDust={false} testId="coverage-cities" />
            </Card>
          )}
          <Card size="small" title={t('coverage.counties')}>
            {r.counties.length === 0 ? (
              <Typography.Text type="secondary">{t('coverage.noCounties')}</Typography.Text>
            ) : (
              <RegionTable rows={counties} showCity showDust testId="coverage-counties" />
            )}
          </Card>
        </>
      )}
    </PageContainer>
  );
};
