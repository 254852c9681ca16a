/**
 * The bell in the header: the unread count (polled every minute), and a drawer listing the
 * notifications, newest first; opening one marks it read and goes to its link.
 */
import { BellOutlined } from '@ant-design/icons';
import type { Notification } from '@ohp/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Drawer, Empty, Grid, List, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { reportError } from '../../shared/errors';
import { fmtDateTime } from '../../shared/format';
import { listNotifications, markAllRead, markRead, NOTIFICATIONS_KEY, todosPath, unreadCount } from './api';

const PAGE = 30;

export const NotificationBell = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [open, setOpen] = useState(false);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [size, setSize] = useState(PAGE);
  // When the drawer was last opened: the list it had cached before is not shown again meanwhile (a
  // notification read elsewhere would show unread for a moment), only what is fetched after.
  const [openedAt, setOpenedAt] = useState(0);
  const count = useQuery({
    queryKey: [NOTIFICATIONS_KEY, 'unread'],
    queryFn: () => unreadCount().then((r) => r.unread),
    refetchInterval: 60_000,
    retry: false,
  });
  const list = useQuery({
    queryKey: [NOTIFICATIONS_KEY, 'list', unreadOnly, size],
    queryFn: () => listNotifications({ pageSize: size, unread: unreadOnly || undefined }),
    enabled: open,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: [NOTIFICATIONS_KEY] });
  const current = list.dataUpdatedAt >= openedAt;
  const openDrawer = () => {
    setOpenedAt(Date.now());
    setOpen(true);
    refresh();
  };
  const readOne = useMutation({ mutationFn: markRead, onSuccess: refresh });
  const readAll = useMutation({
    mutationFn: markAllRead,
    onSuccess: () => {
      void message.success(t('todos.bell.allRead'));
      refresh();
    },
    onError: (e) => reportError(message, e),
  });
  const unread = count.data ?? 0;

  const openItem = (n: Notification) => {
    if (!n.readAt) readOne.mutate(n.id);
    if (n.link) {
      setOpen(false);
      navigate(n.link);
    }
  };

  return (
    <>
      <span
        style={{
          display: 'inline-flex',
          alignItems: 'center',
          height: 56,
          paddingInline: 8,
          cursor: 'pointer',
        }}
        onClick={openDrawer}
        title={t('todos.bell.title')}
        data-testid="notification-bell"
        data-unread={unread}
      >
        <Badge count={unread} size="small" overflowCount={99} data-testid="notification-count">
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </span>
      <Drawer
        title={t('todos.bell.title')}
        open={open}
        onClose={() => setOpen(false)}
        width={screens.md === false ? '100%' : 440}
        data-testid="notification-drawer"
        extra={
          <Button
            size="small"
            disabled={unread === 0}
            loading={readAll.isPending}
            onClick={() => readAll.mutate()}
            data-testid="notification-read-all"
          >
            {t('todos.bell.markAllRead')}
          </Button>
        }
        footer={
          <Space style={{ width: '100%', justifyContent: 'space-between' }}>
            <Space size={6}>
              <Switch size="small" checked={unreadOnly} onChange={setUnreadOnly} />
              <Typography.Text>{t('todos.bell.unreadOnly')}</Typography.Text>
            </Space>
            <Button
              type="link"
              onClick={() => {
                setOpen(false);
                navigate(todosPath());
              }}
            >
              {t('todos.bell.viewTodos')}
            </Button>
          </Space>
        }
      >
        <List<Notification>
          loading={list.isLoading || (list.isFetching && !current)}
          dataSource={current || !list.isFetching ? (list.data?.data ?? []) : []}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('todos.bell.empty')} />,
          }}
          loadMore={
            list.data && list.data.total > list.data.data.length ? (
              <div style={{ textAlign: 'center', marginTop: 8 }}>
                <Button size="small" onClick={() => setSize((s) => s + PAGE)}>
                  {t('todos.bell.more')}
                </Button>
              </div>
            ) : null
          }
          renderItem={(n) => (
            <List.Item
              key={n.id}
              data-testid="notification-item"
              data-read={n.readAt ? 'true' : 'false'}
              style={{ cursor: n.link ? 'pointer' : undefined, alignItems: 'flex-start' }}
              onClick={() => openItem(n)}
              actions={
                n.readAt
                  ? []
                  : [
                      <a
                        key="read"
                        onClick={(e) => {
                          e.stopPropagation();
                          readOne.mutate(n.id);
                        }}
                      >
                        {t('todos.bell.markRead')}
                      </a>,
                    ]
              }
            >
              <List.Item.Meta
                avatar={<Badge status={n.readAt ? 'default' : 'error'} />}
                title={
                  <Typography.Text strong={!n.readAt} style={{ fontSize: 13 }}>
                    {n.title}
                  </Typography.Text>
                }
                description={<span style={{ fontSize: 12 }}>{fmtDateTime(n.createdAt)}</span>}
              />
            </List.Item>
          )}
        />
      </Drawer>
    </>
  );
};
