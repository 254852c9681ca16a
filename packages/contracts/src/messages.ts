/**
 * Human messages for error reasons, in zh-CN and en. The server picks one by Accept-Language; the web
 * app may use the same table. Clients switch on `code`/`reason`, never on the text.
 */
export type Lang = 'zh-CN' | 'en';

export const reasonMessages: Record<string, { 'zh-CN': string; en: string }> = {
  // generic
  validation_failed: { 'zh-CN': '提交的数据有误，请检查标出的字段', en: 'The request has invalid fields' },
  unauthenticated: { 'zh-CN': '请先登录', en: 'Please sign in' },
  session_expired: {
    'zh-CN': '登录已超时，请重新登录',
    en: 'Your session has expired; please sign in again',
  },
  forbidden: { 'zh-CN': '没有权限执行此操作', en: 'You are not allowed to do this' },
  not_found: { 'zh-CN': '记录不存在', en: 'Not found' },
  route_not_found: { 'zh-CN': '接口不存在', en: 'No such endpoint' },
  conflict: { 'zh-CN': '数据冲突', en: 'Conflict' },
  rate_limited: { 'zh-CN': '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  internal: { 'zh-CN': '服务器内部错误', en: 'Internal server error' },
  csrf_failed: {
    'zh-CN': '请求校验失败，请刷新页面后重试',
    en: 'CSRF check failed; reload the page and retry',
  },
  body_too_large: { 'zh-CN': '提交的数据过大', en: 'Request body too large' },
  bad_json: { 'zh-CN': '请求体不是合法的 JSON', en: 'The request body is not valid JSON' },
  unsupported_media_type: { 'zh-CN': '不支持的内容类型', en: 'Unsupported content type' },
  duplicate: { 'zh-CN': '记录已存在', en: 'A record with this key already exists' },
  referenced_missing: { 'zh-CN': '引用的记录不存在', en: 'A referenced record does not exist' },
  // auth
  bad_credentials: { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  account_locked: {
    'zh-CN': '账号已锁定，请稍后再试或联系安全管理员',
    en: 'The account is locked; try later or ask the security administrator',
  },
  account_disabled: { 'zh-CN': '账号已停用', en: 'The account is disabled' },
  captcha_required: { 'zh-CN': '请输入验证码', en: 'Please enter the captcha' },
  captcha_wrong: { 'zh-CN': '验证码错误', en: 'Wrong captcha' },
  totp_required: { 'zh-CN': '请输入动态口令', en: 'Enter the code from your authenticator app' },
  totp_wrong: { 'zh-CN': '动态口令错误', en: 'Wrong authenticator code' },
  totp_setup_required: {
    'zh-CN': '您的角色要求绑定动态口令',
    en: 'Your role requires a second factor; bind an authenticator',
  },
  password_change_required: {
    'zh-CN': '首次登录或密码过期，请先修改密码',
    en: 'You must change your password first',
  },
  password_too_short: { 'zh-CN': '密码至少 8 位', en: 'The password must have at least 8 characters' },
  password_too_simple: {
    'zh-CN': '密码须包含大写字母、小写字母、数字、特殊字符中的至少三类',
    en: 'The password must mix at least 3 of: upper case, lower case, digits, symbols',
  },
  password_reused: { 'zh-CN': '不能使用最近 5 次用过的密码', en: 'The password was used recently' },
  password_contains_username: {
    'zh-CN': '密码不能包含用户名',
    en: 'The password must not contain the username',
  },
  current_password_wrong: { 'zh-CN': '当前密码错误', en: 'The current password is wrong' },
  // codes and fields
  credit_code_invalid: {
    'zh-CN': '统一社会信用代码校验位错误',
    en: 'The Unified Social Credit Code check character is wrong',
  },
  credit_code_format: {
    'zh-CN': '统一社会信用代码格式错误（18 位，不含 I、O、S、V、Z）',
    en: 'A Unified Social Credit Code has 18 characters from the GB 32100 set',
  },
  region_unknown: { 'zh-CN': '行政区划代码不存在', en: 'Unknown region code' },
  region_out_of_scope: {
    'zh-CN': '行政区划不在您的管辖范围内',
    en: 'The region is outside your jurisdiction',
  },
  industry_unknown: {
    'zh-CN': '行业代码不存在（GB/T 4754-2017）',
    en: 'Unknown industry code (GB/T 4754-2017)',
  },
  role_unknown: { 'zh-CN': '角色不存在', en: 'Unknown role' },
  role_duty_conflict: {
    'zh-CN': '系统、安全、审计管理员角色不能兼任',
    en: 'System, security and audit administration cannot be combined',
  },
  organisation_unknown: { 'zh-CN': '单位不存在', en: 'Unknown organisation' },
  organisation_has_users: { 'zh-CN': '单位下仍有用户，不能删除', en: 'The organisation still has users' },
  organisation_has_children: {
    'zh-CN': '单位下仍有下级单位，不能删除',
    en: 'The organisation still has subordinate organisations',
  },
  cannot_disable_self: { 'zh-CN': '不能停用自己的账号', en: 'You cannot disable your own account' },
  role_built_in: { 'zh-CN': '内置角色不能修改或删除', en: 'Built-in roles cannot be changed or deleted' },
  role_in_use: { 'zh-CN': '角色仍有用户使用，不能删除', en: 'The role is still assigned to users' },
  amendment_unknown: { 'zh-CN': '修改单不存在', en: 'Unknown amendment' },
  // imports
  column_missing: { 'zh-CN': '缺少必需的列', en: 'A required column is missing' },
  value_required: { 'zh-CN': '必填', en: 'is required' },
  kind_unknown: { 'zh-CN': '单位类型不存在', en: 'Unknown organisation kind' },
  code_stored_as_number: {
    'zh-CN': '代码被 Excel 存成了数字，末位可能已丢失；请将该列设为文本后重新填写',
    en: 'Excel stored the code as a number and may have lost digits; format the column as text and re-enter it',
  },
  boolean_invalid: { 'zh-CN': '请填写“是”或“否”', en: 'Use 是 (yes) or 否 (no)' },
  number_invalid: { 'zh-CN': '应为非负数', en: 'must be a non-negative number' },
  unsupported_file_type: {
    'zh-CN': '只支持 .xlsx 或 .csv 文件',
    en: 'Only .xlsx and .csv files are accepted',
  },
  unreadable_file: {
    'zh-CN': '文件无法读取，请确认是有效的 Excel 文件',
    en: 'The file could not be read as a workbook',
  },
  // ajv keywords
  required: { 'zh-CN': '必填', en: 'is required' },
  type: { 'zh-CN': '类型错误', en: 'has the wrong type' },
  minLength: { 'zh-CN': '长度过短', en: 'is too short' },
  maxLength: { 'zh-CN': '长度过长', en: 'is too long' },
  pattern: { 'zh-CN': '格式错误', en: 'has the wrong format' },
  format: { 'zh-CN': '格式错误', en: 'has the wrong format' },
  minimum: { 'zh-CN': '数值过小', en: 'is too small' },
  maximum: { 'zh-CN': '数值过大', en: 'is too large' },
  enum: { 'zh-CN': '取值不在允许范围内', en: 'is not an allowed value' },
  const: { 'zh-CN': '取值不在允许范围内', en: 'is not an allowed value' },
  anyOf: { 'zh-CN': '取值不在允许范围内', en: 'is not an allowed value' },
  additionalProperties: { 'zh-CN': '不允许的字段', en: 'is not an allowed field' },
  minItems: { 'zh-CN': '项数过少', en: 'has too few items' },
  maxItems: { 'zh-CN': '项数过多', en: 'has too many items' },
};

export const pickLang = (acceptLanguage: string | undefined): Lang =>
  acceptLanguage && /^\s*en\b/i.test(acceptLanguage) ? 'en' : 'zh-CN';

export const messageFor = (reason: string, lang: Lang): string =>
  reasonMessages[reason]?.[lang] ?? reasonMessages[reason]?.en ?? reason;
