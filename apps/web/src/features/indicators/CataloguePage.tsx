/**
 * 指标目录 (issue 18 item 3): every indicator definition — numerator and denominator, period kind,
 * levels, data status with its caveat, rule confidence, requirement ids — and, in the expanded row,
 * every target known for it with its document, year and quoted sentence.
 */
import { PageContainer } from '@ant-design/pro-components';
import {
  indicatorGroupLabels,
  indicatorGroups,
  type IndicatorDefinition,
  type IndicatorTarget,
} from '@ohp/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Empty, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pickText } from '../equipment/api';
import { INDICATORS_KEY, getCatalogue } from './api';
import { comparatorSymbol, fmtTargetValue } from './format';

/** On a phone the expanded row stays within the screen (its tables scroll inside it). */
const EXPANDED_CSS = `
@media (max-width: 767px) {
  .indicator-expanded { max-width: calc(100vw - 112px); }
  .indicator-expanded .ant-descriptions-view table { table-layout: fixed; }
  .indicator-expanded .ant-descriptions-item-label { width: 84px; }
  .indicator-expanded .ant-descriptions-item-content { white-space: normal; word-break: break-word; }
}
`;

const statusColor = { data: 'success', partial: 'warning', no_data: 'default' } as const;
const confidenceColor = { verified: 'success', reported: 'processing', uncertain: 'warning' } as const;

const Targets = ({ def }: { def: IndicatorDefinition }) => {
  const { t } = useTranslation();
  const k = (s: string) => t(`indicators.catalogue.${s}`);
  if (!def.targets.length) return <Typography.Text type="secondary">{k('noTargets')}</Typography.Text>;
  const columns: ColumnsType<IndicatorTarget> = [
    {
      title: k('province'),
      dataIndex: 'provinceCode',
      width: 90,
      render: (c: string) => (c === '00' ? k('national') : c),
    },
    {
      title: k('targetValue'),
      key: 'value',
      width: 100,
      render: (_: unknown, x) => `${comparatorSymbol(x.comparator)} ${fmtTargetValue(x, def)}`,
    },
    { title: k('dueOn'), dataIndex: 'dueOn', width: 110 },
    {
      title: k('document'),
      key: 'document',
      render: (_: unknown, x) =>
        t('indicators.targetDocument', { doc: pickText(x.document), year: x.documentYear }),
    },
    {
      title: k('quote'),
      dataIndex: 'quote',
      render: (q: string) => <Typography.Text style={{ fontSize: 12 }}>{`“${q}”`}</Typography.Text>,
    },
    {
      title: k('targetConfidence'),
      dataIndex: 'confidence',
      width: 100,
      render: (c: IndicatorTarget['confidence']) => (
        <Tag color={c === 'stated' ? 'success' : 'warning'}>{k(`targetConfidences.${c}`)}</Tag>
      ),
    },
  ];
  return (
    <Table<IndicatorTarget>
      rowKey={(x) => `${x.provinceCode}-${x.dueOn}-${x.value}`}
      size="small"
      columns={columns}
      dataSource={def.targets}
      pagination={false}
      scroll={{ x: 760 }}
    />
  );
};

const Expanded = ({ def }: { def: IndicatorDefinition }) => {
  const { t } = useTranslation();
  const k = (s: string) => t(`indicators.catalogue.${s}`);
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} className="indicator-expanded">
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label={k('numerator')}>{pickText(def.numerator)}</Descriptions.Item>
        <Descriptions.Item label={k('denominator')}>{pickText(def.denominator)}</Descriptions.Item>
        <Descriptions.Item label={k('unit')}>{k(`units.${def.unit}`)}</Descriptions.Item>
        <Descriptions.Item label={k('direction')}>{k(`directions.${def.direction}`)}</Descriptions.Item>
        <Descriptions.Item label={k('listPath')}>
          {def.listPath ? <Typography.Text code>{def.listPath}</Typography.Text> : k('noList')}
        </Descriptions.Item>
        <Descriptions.Item label={k('requirements')}>{def.requirements.join('、') || '—'}</Descriptions.Item>
      </Descriptions>
      {def.caveat && (
        <Alert type="warning" showIcon message={k('caveat')} description={pickText(def.caveat)} />
      )}
      <div>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {k('targets')}
        </Typography.Title>
        <Targets def={def} />
      </div>
    </Space>
  );
};

export const CataloguePage = () => {
  const { t } = useTranslation();
  const k = (s: string) => t(`indicators.catalogue.${s}`);
  const q = useQuery({
    queryKey: [INDICATORS_KEY, 'catalogue'],
    queryFn: getCatalogue,
    staleTime: 5 * 60_000,
  });
  const [text, setText] = useState('');
  const [group, setGroup] = useState<string | undefined>();
  const rows = useMemo(() => {
    const s = text.trim().toLowerCase();
    return (q.data?.definitions ?? []).filter(
      (d) =>
        (!group || d.group === group) &&
        (!s ||
          d.code.toLowerCase().includes(s) ||
          d.name.zh.includes(s) ||
          d.name.en.toLowerCase().includes(s)),
    );
  }, [q.data, text, group]);

  const columns: ColumnsType<IndicatorDefinition> = [
    {
      title: k('name'),
      key: 'name',
      render: (_: unknown, d) => (
        <div style={{ minWidth: 160 }}>
          <div>{pickText(d.name)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {d.code}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: k('group'),
      dataIndex: 'group',
      width: 120,
      responsive: ['md'],
      render: (g: IndicatorDefinition['group']) => pickText(indicatorGroupLabels[g]),
    },
    {
      title: `${k('numerator')} / ${k('denominator')}`,
      key: 'fraction',
      responsive: ['lg'],
      render: (_: unknown, d) => (
        <div style={{ fontSize: 12, minWidth: 200 }}>
          <div>{pickText(d.numerator)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {`÷ ${pickText(d.denominator)}`}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: k('periodKind'),
      dataIndex: 'periodKind',
      width: 130,
      responsive: ['md'],
      render: (p: IndicatorDefinition['periodKind']) => k(`periodKinds.${p}`),
    },
    {
      title: k('levels'),
      dataIndex: 'levels',
      width: 120,
      responsive: ['lg'],
      render: (ls: number[]) => ls.map((l) => t(`indicators.regionLevel.${l}`)).join(' · '),
    },
    {
      title: k('dataStatus'),
      dataIndex: 'dataStatus',
      width: 110,
      render: (s: IndicatorDefinition['dataStatus']) => (
        <Tag color={statusColor[s]}>{k(`dataStatuses.${s}`)}</Tag>
      ),
    },
    {
      title: k('confidence'),
      dataIndex: 'confidence',
      width: 100,
      responsive: ['sm'],
      render: (c: IndicatorDefinition['confidence']) => (
        <Tag color={confidenceColor[c]}>{k(`confidences.${c}`)}</Tag>
      ),
    },
    {
      title: k('requirements'),
      dataIndex: 'requirements',
      width: 110,
      responsive: ['xl'],
      render: (rs: string[]) => rs.join(' '),
    },
    {
      title: k('targets'),
      key: 'targets',
      width: 90,
      responsive: ['sm'],
      render: (_: unknown, d) =>
        d.targets.length ? t('indicators.catalogue.targetsCount', { n: d.targets.length }) : '—',
    },
  ];

  return (
    <PageContainer title={false} breadcrumbRender={false} loading={q.isLoading}>
      <style>{EXPANDED_CSS}</style>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {k('title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{k('intro')}</Typography.Paragraph>
        {q.data && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {`${t('indicators.catalogue.nearMargin', { margin: q.data.nearMargin })} ${t('indicators.catalogue.smallCount', { n: q.data.smallCountMin })}`}
          </Typography.Paragraph>
        )}
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder={k('search')}
            style={{ width: 240, maxWidth: '100%' }}
            onChange={(e) => setText(e.target.value)}
            data-testid="catalogue-search"
          />
          <Select
            allowClear
            placeholder={k('group')}
            style={{ width: 180 }}
            value={group}
            onChange={setGroup}
            options={indicatorGroups.map((g) => ({ value: g, label: pickText(indicatorGroupLabels[g]) }))}
          />
        </Space>
        <Table<IndicatorDefinition>
          rowKey="code"
          size="middle"
          data-testid="catalogue-table"
          columns={columns}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: <Empty description={k('empty')} /> }}
          expandable={{ expandedRowRender: (d) => <Expanded def={d} />, expandRowByClick: true }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
    </PageContainer>
  );
};
