/** HTTP wiring for users, roles, online sessions and the login log. */
import {
  AssignRolesRequest,
  CreatedUser,
  IdParams,
  LoginLogEntry,
  LoginLogQuery,
  Page,
  Role,
  RoleInput,
  RolePatch,
  SessionInfo,
  User,
  UserInput,
  UserListQuery,
  UserPatch,
} from '@ohp/contracts';
import { Type } from 'typebox';
import { createRole, deleteRole, listRoles, updateRole } from './roles.service.js';
import { sendDownload, XLSX_TYPE } from '../../platform/http/download.js';
import { exportLoginLog } from './login-log.export.js';
import { actorOf, auditContext, type AppInstance, type Deps } from '../../platform/http/types.js';
import {
  assignRoles,
  createUser,
  getUser,
  listLoginLog,
  listSessions,
  listUsers,
  resetPassword,
  revealPhone,
  revokeSessionById,
  unlockUser,
  updateUser,
} from './users.service.js';

const tags = ['users'];
const LoginLogExportQuery = Type.Omit(LoginLogQuery, ['page', 'pageSize', 'exactTotal'], {
  additionalProperties: false,
});
const Ok = Type.Object({ ok: Type.Literal(true) });

export const registerUserRoutes = (app: AppInstance, deps: Deps) => {
  app.get('/api/v1/users', {
    config: { access: 'users:read' },
    schema: {
      tags,
      summary: '用户列表 List users in scope',
      querystring: UserListQuery,
      response: { 200: Page(User) },
    },
    handler: async (req) => listUsers(deps, actorOf(req), req.query),
  });
  app.get('/api/v1/users/:id', {
    config: { access: 'users:read' },
    schema: { tags, summary: '用户详情 Get one user', params: IdParams, response: { 200: User } },
    handler: async (req) => getUser(deps, actorOf(req), Number(req.params.id)),
  });
  app.post('/api/v1/users', {
    config: { access: 'users:create', example: { as: 'demo-sysadmin' } },
    schema: {
      tags,
      summary: '新增用户 Create a user (returns a one-time initial password; change forced at first login)',
      body: UserInput,
      response: { 201: CreatedUser },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await createUser(deps, auditContext(req), actorOf(req), req.body)),
  });
  app.patch('/api/v1/users/:id', {
    // User 9 is demo-employer, a business account the system administrator manages.
    config: { access: 'users:update', example: { as: 'demo-sysadmin', params: { id: 9 } } },
    schema: {
      tags,
      summary: '修改用户 Update or disable a user',
      params: IdParams,
      body: UserPatch,
      response: { 200: User },
    },
    handler: async (req) =>
      updateUser(deps, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });
  app.post('/api/v1/users/:id/reset-password', {
    config: { access: 'users:reset_password' },
    schema: {
      tags,
      summary: '重置密码 Reset a password (one-time initial password)',
      params: IdParams,
      response: { 200: Type.Object({ initialPassword: Type.String() }) },
    },
    handler: async (req) => resetPassword(deps, auditContext(req), actorOf(req), Number(req.params.id)),
  });
  app.post('/api/v1/users/:id/reveal-phone', {
    config: { access: 'pii:reveal', sessionNeutral: true },
    schema: {
      tags,
      summary: '查看完整手机号 Reveal a masked phone number (audited)',
      params: IdParams,
      response: { 200: Type.Object({ phone: Type.Union([Type.String(), Type.Null()]) }) },
    },
    handler: async (req) => revealPhone(deps, auditContext(req), actorOf(req), Number(req.params.id)),
  });
  app.post('/api/v1/users/:id/unlock', {
    config: { access: 'users:unlock' },
    schema: { tags, summary: '解锁账号 Unlock after failed logins', params: IdParams, response: { 200: Ok } },
    handler: async (req) => {
      await unlockUser(deps, auditContext(req), actorOf(req), Number(req.params.id));
      return { ok: true as const };
    },
  });
  app.put('/api/v1/users/:id/roles', {
    config: { access: 'users:assign_roles', example: { as: 'demo-secadmin', params: { id: 9 } } },
    schema: {
      tags,
      summary: '分配角色 Assign roles',
      params: IdParams,
      body: AssignRolesRequest,
      response: { 200: User },
    },
    handler: async (req) =>
      assignRoles(deps, auditContext(req), actorOf(req), Number(req.params.id), req.body.roleKeys),
  });
  app.get('/api/v1/roles', {
    config: { access: 'roles:read' },
    schema: {
      tags: ['roles'],
      summary: '角色列表 Roles and their permission keys',
      response: { 200: Type.Object({ data: Type.Array(Role) }) },
    },
    handler: async (req) => ({ data: await listRoles(deps.db, actorOf(req)) }),
  });
  const RoleKeyParams = Type.Object({ key: Type.String({ pattern: '^[a-z][a-z0-9_]{1,63}$' }) });
  app.post('/api/v1/roles', {
    config: { access: 'roles:manage', example: { as: 'demo-secadmin' } },
    schema: {
      tags: ['roles'],
      summary: '新增角色 Create a custom business role',
      body: RoleInput,
      response: { 201: Role },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await createRole(deps.db, auditContext(req), actorOf(req), req.body)),
  });
  app.patch('/api/v1/roles/:key', {
    config: { access: 'roles:manage', example: { as: 'demo-secadmin', params: { key: 'county_inspector' } } },
    schema: {
      tags: ['roles'],
      summary: '修改角色 Rename a custom role or change its permissions',
      params: RoleKeyParams,
      body: RolePatch,
      response: { 200: Role },
    },
    handler: async (req) => updateRole(deps.db, auditContext(req), actorOf(req), req.params.key, req.body),
  });
  app.delete('/api/v1/roles/:key', {
    config: { access: 'roles:manage' },
    schema: {
      tags: ['roles'],
      summary: '删除角色 Delete a custom role no user holds',
      params: RoleKeyParams,
      response: { 204: Type.Null() },
    },
    handler: async (req, reply) => {
      await deleteRole(deps.db, auditContext(req), req.params.key);
      return reply.status(204).send(null);
    },
  });
  app.get('/api/v1/sessions', {
    config: { access: 'sessions:read' },
    schema: {
      tags: ['sessions'],
      summary: '在线用户 Online sessions',
      response: { 200: Type.Object({ data: Type.Array(SessionInfo) }) },
    },
    handler: async (req) => ({
      data: await listSessions(deps.db, actorOf(req), {
        activeSince: new Date(Date.now() - deps.config.security.sessionIdleMinutes * 60_000),
        currentSessionId: req.session?.sessionId,
      }),
    }),
  });
  app.delete('/api/v1/sessions/:sessionId', {
    config: { access: 'sessions:revoke' },
    schema: {
      tags: ['sessions'],
      summary: '强制下线 Force a session to log out',
      params: Type.Object({ sessionId: Type.String({ maxLength: 64 }) }),
      response: { 200: Ok },
    },
    handler: async (req) => {
      await revokeSessionById(deps.db, auditContext(req), actorOf(req), req.params.sessionId);
      return { ok: true as const };
    },
  });
  app.get('/api/v1/login-logs', {
    config: { access: 'login_logs:read' },
    schema: {
      tags: ['sessions'],
      summary: '登录日志 Login log (successes and failures)',
      querystring: LoginLogQuery,
      response: { 200: Page(LoginLogEntry) },
    },
    handler: async (req) => listLoginLog(deps, actorOf(req), req.query),
  });
  app.get('/api/v1/login-logs/export', {
    config: { access: 'login_logs:read' },
    schema: {
      tags: ['sessions'],
      summary:
        '导出登录日志 Export the filtered login log in scope as xlsx (newest first, at most 50,000 rows; a second sheet records the filter; audited)',
      querystring: LoginLogExportQuery,
    },
    handler: async (req, reply) => {
      const file = await exportLoginLog(deps.db, auditContext(req), actorOf(req), req.lang, req.query);
      return sendDownload(reply, req.lang, { body: file.body, type: XLSX_TYPE, names: file.names });
    },
  });
};
