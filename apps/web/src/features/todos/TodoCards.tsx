/**
 * The workbench's to-do cards: how many of my organisation's duties are overdue, due within three days
 * or not due yet (and, for regulators and the QC centre, overdue in their region), each card opening
 * the to-do list filtered; the overdue kinds listed underneath.
 */
import { AlertOutlined, ClockCircleOutlined, EnvironmentOutlined, ScheduleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Space, Statistic, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { todoSummary, todosPath, TODOS_KEY } from './api';

const WATCHERS = ['health_commission', 'disease_control_bureau', 'qc_centre'];

export const TodoCards = () => {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const navigate = useNavigate();
  const watcher = WATCHERS.includes(me?.organisation.kind ?? '');
  const own = useQuery({
    queryKey: [TODOS_KEY, 'summary', 'own', i18n.language],
    queryFn: () => todoSummary({ relation: 'own' }),
  });
  const region = useQuery({
    queryKey: [TODOS_KEY, 'summary', 'region', i18n.language],
    queryFn: () => todoSummary({ relation: 'region' }),
    enabled: watcher,
  });
  const cards: Array<{
    key: string;
    label: string;
    value: number;
    colour: string;
    icon: ReactNode;
    to: string;
  }> = [
    {
      key: 'overdue',
      label: t('todos.cards.overdue'),
      value: own.data?.totals.overdue ?? 0,
      colour: '#cf1322',
      icon: <AlertOutlined />,
      to: todosPath({ state: 'overdue', relation: watcher ? 'own' : undefined }),
    },
    {
      key: 'due_soon',
      label: t('todos.cards.dueSoon'),
      value: own.data?.totals.due_soon ?? 0,
      colour: '#fa8c16',
      icon: <ClockCircleOutlined />,
      to: todosPath({ state: 'due_soon', relation: watcher ? 'own' : undefined }),
    },
    {
      key: 'open',
      label: t('todos.cards.open'),
      value: own.data?.totals.open ?? 0,
      colour: '#1677ff',
      icon: <ScheduleOutlined />,
      to: todosPath({ state: 'open', relation: watcher ? 'own' : undefined }),
    },
    ...(watcher
      ? [
          {
            key: 'region',
            label: t('todos.cards.region'),
            value: region.data?.totals.overdue ?? 0,
            colour: '#722ed1',
            icon: <EnvironmentOutlined />,
            to: todosPath({ state: 'overdue', relation: 'region' }),
          },
        ]
      : []),
  ];
  const overdueKinds = [
    ...(own.data?.kinds ?? []).map((k) => ({ ...k, relation: 'own' as const })),
    ...(region.data?.kinds ?? []).map((k) => ({ ...k, relation: 'region' as const })),
  ].filter((k) => k.counts.overdue > 0);

  return (
    <Card
      title={t('todos.cards.title')}
      style={{ marginBottom: 16 }}
      extra={<a onClick={() => navigate(todosPath())}>{t('todos.cards.viewAll')}</a>}
      data-testid="todo-cards"
    >
      <Row gutter={[16, 16]}>
        {cards.map((c) => (
          <Col xs={12} md={watcher ? 6 : 8} key={c.key}>
            <Card
              size="small"
              hoverable
              onClick={() => navigate(c.to)}
              data-testid={`todo-card-${c.key}`}
              data-count={c.value}
            >
              <Statistic
                title={
                  <Space size={6}>
                    <span style={{ color: c.colour }}>{c.icon}</span>
                    {c.label}
                  </Space>
                }
                value={c.value}
                valueStyle={{ color: c.value > 0 ? c.colour : undefined }}
              />
            </Card>
          </Col>
        ))}
      </Row>
      {overdueKinds.length ? (
        <Space size={[4, 8]} wrap style={{ marginTop: 12 }}>
          {overdueKinds.map((k) => (
            <Tag
              key={`${k.relation}-${k.kind}`}
              color={k.relation === 'own' ? 'red' : 'purple'}
              style={{ cursor: 'pointer' }}
              onClick={() =>
                navigate(
                  todosPath({ state: 'overdue', kind: k.kind, relation: watcher ? k.relation : undefined }),
                )
              }
            >
              {k.name} <Typography.Text strong>{k.counts.overdue}</Typography.Text>
            </Tag>
          ))}
        </Space>
      ) : null}
    </Card>
  );
};
