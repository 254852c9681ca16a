/** HTTP wiring of the to-do inbox (待办事项) and the notification centre (通知), issue 16 item 1. */
import {
  IdParams,
  NotificationListQuery,
  NotificationPage,
  NotificationReadInput,
  NotificationReadResult,
  TodoListQuery,
  TodoPage,
  TodoSummary,
  TodoSummaryQuery,
  UnreadCount,
} from '@ohp/contracts';
import { actorOf, auditContext, type AppInstance, type Deps } from '../../platform/http/types.js';
import { listTodosFor, summariseTodosFor } from './deadlines.inbox.js';
import {
  listNotificationsFor,
  markNotificationsReadFor,
  registerDeadlineJobs,
  unreadCountFor,
} from './notifications.service.js';

const todoTags = ['todos'];
const notificationTags = ['notifications'];

export const registerDeadlineRoutes = (app: AppInstance, deps: Deps) => {
  registerDeadlineJobs(deps);

  app.get('/api/v1/todos', {
    config: { access: 'authenticated' },
    schema: {
      tags: todoTags,
      summary: '待办事项 My to-dos: the clocks my organisation must meet',
      description:
        'The statutory clocks (deadline, deadline_rule) whose responsible organisation is the caller’s own; for health commissions, disease-control bureaus and the QC centre also the overdue clocks of their region (relation=region). state: overdue (due before today), due_soon (due within 3 days), open (later), done; omitted: every clock not done. Each row carries its subject and a link the web opens, the due date, days left or overdue, and the rule’s legal basis and confidence (uncertain: a placeholder day count the province should set).',
      querystring: TodoListQuery,
      response: { 200: TodoPage },
    },
    handler: async (req) =>
      listTodosFor(deps.db, actorOf(req), req.query, req.lang, deps.config.listExactCountLimit),
  });

  app.get('/api/v1/todos/summary', {
    config: { access: 'authenticated' },
    schema: {
      tags: todoTags,
      summary: '待办统计 Counts of my to-dos by kind and state (badges, workbench)',
      querystring: TodoSummaryQuery,
      response: { 200: TodoSummary },
    },
    handler: async (req) => summariseTodosFor(deps.db, actorOf(req), req.query, req.lang),
  });

  app.get('/api/v1/notifications', {
    config: { access: 'authenticated' },
    schema: {
      tags: notificationTags,
      summary: '通知 My notifications, newest first',
      description:
        'Notifications addressed to the caller’s organisation (or to the caller): overdue warnings of the clocks the organisation must meet (deadline_overdue) and, for regulators, of the clocks of their region (deadline_overdue_region). The title is rendered in the request language.',
      querystring: NotificationListQuery,
      response: { 200: NotificationPage },
    },
    handler: async (req) =>
      listNotificationsFor(deps.db, actorOf(req), req.query, req.lang, deps.config.listExactCountLimit),
  });

  app.get('/api/v1/notifications/unread-count', {
    config: { access: 'authenticated' },
    schema: {
      tags: notificationTags,
      summary: '未读通知数 The bell’s count',
      response: { 200: UnreadCount },
    },
    handler: async (req) => unreadCountFor(deps.db, actorOf(req)),
  });

  app.post('/api/v1/notifications/:id/read', {
    config: { access: 'authenticated', sessionNeutral: true },
    schema: {
      tags: notificationTags,
      summary: '标记已读 Mark one notification read',
      description: 'A notification that is not the caller’s answers 404. Audited (notification.read).',
      params: IdParams,
      response: { 200: NotificationReadResult },
    },
    handler: async (req) =>
      markNotificationsReadFor(deps.db, auditContext(req), actorOf(req), { id: Number(req.params.id) }),
  });

  app.post('/api/v1/notifications/read', {
    config: { access: 'authenticated', sessionNeutral: true, example: { as: 'demo-employer' } },
    schema: {
      tags: notificationTags,
      summary: '批量标记已读 Mark several or all notifications read',
      description:
        'ids: these notifications (all must be the caller’s, else 404 and nothing is marked); all: true: every unread one. Exactly one of the two (400 notification_ids_or_all). Audited (notification.read).',
      body: NotificationReadInput,
      response: { 200: NotificationReadResult },
    },
    handler: async (req) => markNotificationsReadFor(deps.db, auditContext(req), actorOf(req), req.body),
  });
};
