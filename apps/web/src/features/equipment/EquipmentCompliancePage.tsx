/**
 * 设备配置达标: compliance of the user's region against 95 % (职业卫生) / 85 % (放射卫生) — the region's
 * pooled rates with their target lines, its sub-regions (click to drill down: province → city → county,
 * with a path back up), and its institutions (those below target first, a switch for below target only)
 * with a link to each ledger. The formula is shown and marked as still to be confirmed; a demo catalogue
 * is said to be one.
 */
import { PageContainer } from '@ant-design/pro-components';
import type { DomainRate, InstitutionCompliance, RegionCompliance } from '@ohp/contracts';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Breadcrumb,
  Card,
  Col,
  DatePicker,
  Row,
  Space,
  Statistic,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { kindLabel } from '../../shared/format';
import { EQUIPMENT_KEY, domainLabel, getCompliance, pct, pickText } from './api';
import { RateBar } from './RateBar';

const TARGETED = ['hygiene', 'radiation'] as const;
const rateOf = (domains: DomainRate[], d: string) => domains.find((x) => x.domain === d);

export const EquipmentCompliancePage = () => {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? undefined;
  const [date, setDate] = useState<string | undefined>(undefined);
  const [belowOnly, setBelowOnly] = useState(false);
  const q = useQuery({
    queryKey: [EQUIPMENT_KEY, 'compliance', region, date],
    queryFn: () => getCompliance({ region, date }),
  });
  const r = q.data;
  const go = (code: string) => setParams({ region: code });
  const institutions = (r?.institutions ?? [])
    .filter((i) => !belowOnly || i.belowTarget)
    .sort((a, b) => Number(b.belowTarget) - Number(a.belowTarget));

  return (
    <PageContainer title={false} breadcrumbRender={false} loading={q.isLoading}>
      <Alert type="info" showIcon message={t('equipment.complianceIntro')} style={{ marginBottom: 12 }} />
      {r && (
        <>
          {r.catalogueRows === 0 && (
            <Alert
              type="warning"
              showIcon
              message={t('equipment.emptyCatalogue')}
              style={{ marginBottom: 12 }}
            />
          )}
          {r.demoRows > 0 && (
            <Alert
              type="warning"
              showIcon
              message={t('equipment.demoCatalogue', { n: r.demoRows })}
              style={{ marginBottom: 12 }}
              data-testid="compliance-demo"
            />
          )}
          <Card size="small" style={{ marginBottom: 12 }}>
            <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
              <Breadcrumb
                data-testid="compliance-path"
                items={r.path.map((p, i) => ({
                  key: p.code,
                  title:
                    i < r.path.length - 1 ? (
                      <a onClick={() => go(p.code)}>{p.name}</a>
                    ) : (
                      <Typography.Text strong>{p.name}</Typography.Text>
                    ),
                }))}
              />
              <Space>
                {t('equipment.date')}
                <DatePicker
                  allowClear
                  value={date ? dayjs(date) : null}
                  onChange={(d) => setDate(d ? d.format('YYYY-MM-DD') : undefined)}
                />
                <Tag>{r.date}</Tag>
              </Space>
            </Space>
          </Card>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            {TARGETED.map((d) => {
              const x = rateOf(r.total.domains, d);
              return (
                <Col xs={24} md={12} key={d}>
                  <Card size="small" title={domainLabel(d)} data-testid={`total-${d}`}>
                    <Space direction="vertical" style={{ width: '100%' }}>
                      <Space wrap size="large">
                        <Statistic
                          title={t('equipment.rate')}
                          value={pct(x?.rate ?? null)}
                          valueStyle={{
                            color: x?.meets === false ? '#cf1322' : x?.meets ? '#389e0d' : undefined,
                          }}
                        />
                        <Statistic title={t('equipment.targetLine')} value={pct(x?.target ?? null)} />
                        <Statistic title={t('equipment.institutions')} value={x?.institutions ?? 0} />
                        <Statistic title={t('equipment.below')} value={x?.institutionsBelow ?? 0} />
                      </Space>
                      <RateBar r={x} width={320} />
                    </Space>
                  </Card>
                </Col>
              );
            })}
          </Row>
          <Alert
            type="warning"
            style={{ marginBottom: 12 }}
            message={
              <Space wrap>
                <Typography.Text strong>{t('equipment.formulaTitle')}</Typography.Text>
                <Tag color="orange">{t('equipment.uncertain')}</Tag>
                {pickText(r.formula)}
              </Space>
            }
            description={r.targets.map((x) => (
              <div key={x.domain}>
                {domainLabel(x.domain)} {pct(x.rate)}：{x.source}
              </div>
            ))}
          />
          {r.children.length > 0 && (
            <Card size="small" title={t('equipment.byRegion')} style={{ marginBottom: 12 }}>
              <Table<RegionCompliance>
                rowKey={(x) => `${x.regionCode}-${x.own}`}
                size="small"
                pagination={false}
                dataSource={r.children}
                scroll={{ x: 900 }}
                data-testid="compliance-regions"
                columns={[
                  {
                    title: t('equipment.region'),
                    width: 200,
                    render: (_, x) =>
                      x.own ? (
                        t('equipment.ownRegion', { name: x.regionName })
                      ) : x.hasChildren && x.institutions > 0 ? (
                        <a onClick={() => go(x.regionCode)} data-testid={`drill-${x.regionCode}`}>
                          {x.regionName}
                        </a>
                      ) : (
                        x.regionName
                      ),
                  },
                  { title: t('equipment.institutions'), dataIndex: 'institutions', width: 80 },
                  ...TARGETED.map((d) => ({
                    title: `${domainLabel(d)}（${t('equipment.target', { rate: pct(rateOf(r.total.domains, d)?.target ?? null) })}）`,
                    width: 260,
                    render: (_: unknown, x: RegionCompliance) => {
                      const y = rateOf(x.domains, d);
                      return y ? (
                        <Space>
                          <RateBar r={y} />
                          {y.institutionsBelow ? (
                            <Tag color="red">{`${t('equipment.below')} ${y.institutionsBelow}`}</Tag>
                          ) : null}
                        </Space>
                      ) : (
                        <Typography.Text type="secondary">{t('equipment.noData')}</Typography.Text>
                      );
                    },
                  })),
                ]}
              />
            </Card>
          )}
          <Card
            size="small"
            title={t('equipment.byInstitution')}
            extra={
              <Space>
                <Switch checked={belowOnly} onChange={setBelowOnly} data-testid="compliance-below-only" />
                {t('equipment.belowOnly')}
              </Space>
            }
          >
            <Table<InstitutionCompliance>
              rowKey="institutionId"
              size="small"
              dataSource={institutions}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              scroll={{ x: 1000 }}
              data-testid="compliance-institutions"
              columns={[
                {
                  title: t('equipment.institution'),
                  dataIndex: 'name',
                  width: 240,
                  render: (_, x) => (
                    <Space size={4} wrap>
                      {x.name}
                      {x.belowTarget && <Tag color="red">{t('equipment.notMeets')}</Tag>}
                    </Space>
                  ),
                },
                {
                  title: t('equipment.kind'),
                  dataIndex: 'kind',
                  width: 150,
                  render: (k: string) => kindLabel(k),
                },
                { title: t('equipment.region'), dataIndex: 'regionName', width: 120 },
                ...TARGETED.map((d) => ({
                  title: domainLabel(d),
                  width: 230,
                  render: (_: unknown, x: InstitutionCompliance) => <RateBar r={rateOf(x.domains, d)} />,
                })),
                { title: t('equipment.items'), dataIndex: 'items', width: 70 },
                {
                  title: t('common.actions'),
                  width: 80,
                  render: (_, x) => (
                    <Link
                      to={`/equipment/ledger?institution=${x.institutionId}`}
                      data-testid={`ledger-${x.institutionId}`}
                    >
                      {t('equipment.openLedger')}
                    </Link>
                  ),
                },
              ]}
            />
          </Card>
        </>
      )}
    </PageContainer>
  );
};
