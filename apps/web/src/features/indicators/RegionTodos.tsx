/**
 * 预警与待办 by region (issue 18 item 4): the deadlines engine's open clocks of the dashboard's region
 * per sub-region — overdue, due within 3 days, open — each number linking to the to-do list.
 */
import type { IndicatorTodoRow } from '@ohp/contracts';
import { useQuery } from '@tanstack/react-query';
import { Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { INDICATORS_KEY, getRegionTodos } from './api';

const cell = (n: number, state: string, danger = false) =>
  n === 0 ? (
    <Typography.Text type="secondary">0</Typography.Text>
  ) : (
    <Link to={`/todos?relation=region${state ? `&state=${state}` : ''}`}>
      <Typography.Text type={danger ? 'danger' : undefined} strong={danger}>
        {n}
      </Typography.Text>
    </Link>
  );

export const RegionTodos = ({ region, onDrill }: { region: string; onDrill: (code: string) => void }) => {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: [INDICATORS_KEY, 'todos', region], queryFn: () => getRegionTodos(region) });
  const d = q.data;
  const rows = d ? (d.rows.length ? [...d.rows] : [d.total]) : [];
  return (
    <Card
      title={t('indicators.todos.title')}
      size="small"
      style={{ marginTop: 16 }}
      data-testid="region-todos"
      loading={q.isLoading}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('indicators.todos.hint')}
      </Typography.Paragraph>
      {d && d.total.total.open === 0 ? (
        <Typography.Text type="secondary">{t('indicators.todos.none')}</Typography.Text>
      ) : (
        <Table<IndicatorTodoRow>
          rowKey={(r) => `${r.regionCode}-${r.own}`}
          size="small"
          pagination={false}
          scroll={{ x: 480 }}
          dataSource={rows}
          summary={() =>
            d && d.rows.length ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>{d.region.name}</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {d.total.total.overdue}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {d.total.total.dueSoon}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {d.total.total.open}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  {d.total.total.warned}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
          columns={[
            {
              title: t('indicators.todos.region'),
              render: (_, r) =>
                r.own ? (
                  `${r.regionName}（${t('indicators.todos.own')}）`
                ) : r.regionCode.length < 6 && r.regionCode !== region ? (
                  <a onClick={() => onDrill(r.regionCode)} data-testid={`todos-drill-${r.regionCode}`}>
                    {r.regionName}
                  </a>
                ) : (
                  r.regionName
                ),
            },
            {
              title: t('indicators.todos.overdue'),
              align: 'right',
              sorter: (a, b) => a.total.overdue - b.total.overdue,
              defaultSortOrder: 'descend',
              render: (_, r) => cell(r.total.overdue, 'overdue', true),
            },
            {
              title: t('indicators.todos.dueSoon'),
              align: 'right',
              render: (_, r) => cell(r.total.dueSoon, 'due_soon'),
            },
            { title: t('indicators.todos.open'), align: 'right', render: (_, r) => cell(r.total.open, '') },
            { title: t('indicators.todos.warned'), align: 'right', render: (_, r) => r.total.warned },
          ]}
        />
      )}
    </Card>
  );
};
