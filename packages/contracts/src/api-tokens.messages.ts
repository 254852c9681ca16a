/** Error reasons of 接口令牌 (api-tokens), in zh-CN and en; merged into reasonMessages (messages.ts). */
export const apiTokenMessages: Record<string, { 'zh-CN': string; en: string }> = {
  api_token_invalid: {
    'zh-CN': '接口令牌无效：令牌不存在、已吊销或已过期',
    en: 'The API token is invalid: unknown, revoked or expired',
  },
  api_token_route_not_allowed: {
    'zh-CN':
      '接口令牌不能调用此接口（令牌仅用于上报和查询业务数据，不能用于登录、账号、角色、审计等管理接口）',
    en: 'API tokens cannot call this route (only data-reporting routes; never sign-in, accounts, roles, audit or other administration)',
  },
  api_token_scope_missing: {
    'zh-CN': '此接口令牌没有调用该接口所需的权限范围',
    en: 'This API token does not hold the scope this route needs',
  },
  api_token_scope_not_held: {
    'zh-CN': '不能授予本人没有的权限',
    en: 'You cannot grant a permission you do not hold',
  },
  api_token_scope_not_for_kind: {
    'zh-CN': '本单位类型不能持有此权限范围',
    en: 'Organisations of this kind cannot hold this scope',
  },
  api_token_kind_not_allowed: {
    'zh-CN': '本单位类型不能创建接口令牌（仅职业健康检查机构和职业病诊断机构）',
    en: 'Organisations of this kind cannot create API tokens (exam and diagnosis institutions only)',
  },
  api_token_expiry_past: {
    'zh-CN': '有效期不能早于今天',
    en: 'The expiry date cannot be before today',
  },
  api_token_expiry_too_far: {
    'zh-CN': '有效期最长两年',
    en: 'A token can be valid for at most two years',
  },
  api_token_revoked: {
    'zh-CN': '该接口令牌已吊销',
    en: 'This API token has already been revoked',
  },
  api_token_too_many: {
    'zh-CN': '本单位有效的接口令牌已达上限（20 个），请先吊销不用的令牌',
    en: 'The organisation already has 20 live API tokens; revoke unused ones first',
  },
};
