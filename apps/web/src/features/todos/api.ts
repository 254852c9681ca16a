/** 待办事项 and 通知: the to-do inbox, its counts, the notifications and marking them read. */
import type {
  NotificationPage,
  NotificationReadResult,
  TodoPage,
  TodoSummary,
  UnreadCount,
} from '@ohp/contracts';
import { api, type Query } from '../../shared/api';

export const listTodos = (q: Query) => api.get<TodoPage>('/todos', q);
export const todoSummary = (q: Query = {}) => api.get<TodoSummary>('/todos/summary', q);
export const listNotifications = (q: Query) => api.get<NotificationPage>('/notifications', q);
export const unreadCount = () =>
  api.get<UnreadCount>('/notifications/unread-count', undefined, { quiet: true });
export const markRead = (id: number) => api.post<NotificationReadResult>(`/notifications/${id}/read`);
export const markAllRead = () => api.post<NotificationReadResult>('/notifications/read', { all: true });

/** The react-query key prefixes of this feature. */
export const TODOS_KEY = 'todos';
export const NOTIFICATIONS_KEY = 'notifications';

/** The to-do page filtered (workbench cards, notification links). */
export const todosPath = (f: { state?: string; kind?: string; relation?: string } = {}): string => {
  const qs = new URLSearchParams(Object.entries(f).filter((e): e is [string, string] => Boolean(e[1])));
  const s = qs.toString();
  return `/todos${s ? `?${s}` : ''}`;
};
