/**
 * Human messages for error reasons, in zh-CN and en. The server picks one by Accept-Language; the web
 * app may use the same table. Clients switch on `code`/`reason`, never on the text.
 */
import { apiTokenMessages } from './api-tokens.messages.js';
import { diagnosisReportMessages } from './diagnosis-reports.messages.js';
import { samplingMessages } from './sampling.messages.js';
import { workerMessages } from './workers.messages.js';
import { calendarMessages } from './calendar.messages.js';
import { todoMessages } from './todos.messages.js';
import { documentMessages } from './documents.messages.js';
import { filingMessages } from './filings.messages.js';
import { verificationMessages } from './verifications.messages.js';
import { outboundMessages } from './outbound.messages.js';
import { qcMessages } from './qc.messages.js';
import { rectificationMessages } from './rectifications.messages.js';
import { equipmentMessages } from './equipment.messages.js';
import { indicatorsMessages } from './indicators.messages.js';
import { publicListMessages } from './public-lists.messages.js';
import { employerMessages } from './employers.messages.js';
import { declarationMessages } from './declarations.messages.js';
import { employerCensusMessages } from './employer-census.messages.js';
import { declarationOversightMessages } from './declaration-oversight.messages.js';
import { geoMessages } from './geo.messages.js';

export type Lang = 'zh-CN' | 'en';

const foundationMessages: Record<string, { 'zh-CN': string; en: string }> = {
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
  unprocessable: { 'zh-CN': '请求无法按原样处理', en: 'The request cannot be processed as it is' },
  idempotency_key_reused: {
    'zh-CN': '该幂等键已用于另一批内容不同的数据，请为新批次使用新的幂等键',
    en: 'This Idempotency-Key was used for another payload; use a new key for a new batch',
  },
  idempotency_in_progress: {
    'zh-CN': '使用该幂等键的同一批数据仍在处理中，请稍后查询结果',
    en: 'The batch with this Idempotency-Key is still being processed; ask for its result later',
  },
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
  // scope-deciding fields and separation of admin duties (issue 11)
  scope_field_forbidden: {
    'zh-CN': '无权修改决定数据范围的字段（单位类型、行政区划、上级单位、主管单位）',
    en: 'You may not change the fields that decide scope (type, region, parent, supervisor)',
  },
  own_organisation_field: {
    'zh-CN': '不能修改本单位的类型、行政区划、上级单位或主管单位，请联系上级监管部门',
    en: 'An organisation cannot change its own type, region, parent or supervisor; ask its regulator',
  },
  kind_reserved: {
    'zh-CN': '该单位类型只能由平台运维单位设定',
    en: 'Only the platform operator may assign this organisation type',
  },
  scope_escalation: {
    'zh-CN': '修改后的单位将超出您的管辖范围',
    en: 'The change would reach beyond your own jurisdiction',
  },
  parent_cycle: {
    'zh-CN': '上级单位不能是本单位或其下级单位',
    en: 'The parent cannot be the organisation itself or one of its subordinates',
  },
  account_managed_by_security_admin: {
    'zh-CN': '管理员账号只能由安全管理员管理',
    en: 'Administrator accounts are managed only by the security administrator',
  },
  account_managed_by_system_admin: {
    'zh-CN': '业务账号由系统管理员管理，安全管理员和审计管理员不能管理',
    en: 'Business accounts are managed by the system administrator, not by the security or audit administrator',
  },
  own_account: {
    'zh-CN': '不能对自己的账号执行此操作',
    en: 'You cannot do this to your own account',
  },
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
  // audit (issue 11)
  audit_hash_mismatch: {
    'zh-CN': '审计记录的内容或链哈希不符：该记录被改写或伪造',
    en: 'An audit row does not match its keyed hash: it was rewritten or forged',
  },
  audit_seq_gap: {
    'zh-CN': '审计记录序号不连续：有记录被删除',
    en: 'The audit sequence has a gap: rows were removed',
  },
  audit_legacy_after_keyed: {
    'zh-CN': '旧格式（无密钥）的审计记录出现在密钥链之后',
    en: 'An unkeyed legacy audit row appears after the switch to the keyed chain',
  },
  audit_checkpoint_invalid: {
    'zh-CN': '审计检查点签名无效：检查点文件被修改',
    en: 'An audit checkpoint has an invalid signature: the checkpoint file was altered',
  },
  audit_checkpoint_mismatch: {
    'zh-CN': '审计检查点与审计表不符：记录被改写或重算',
    en: 'An audit checkpoint does not match the table: rows were rewritten or re-hashed',
  },
  audit_checkpoint_ahead: {
    'zh-CN': '审计检查点记录的条数多于审计表：末尾记录被删除',
    en: 'An audit checkpoint counts more rows than the table holds: the tail was removed',
  },
  // auth and input hardening (issue 11)
  password_mostly_whitespace: {
    'zh-CN': '密码不能主要由空格组成（至少 8 个非空白字符）',
    en: 'The password must not be mostly spaces (at least 8 other characters)',
  },
  password_common: {
    'zh-CN': '密码过于常见（常用密码、常见单词加数字或年份），请换一个',
    en: 'The password is too common (a common password, or a common word with digits or a year)',
  },
  password_keyboard_pattern: {
    'zh-CN': '密码主要由键盘连续键、连续或重复字符组成',
    en: 'The password is mostly a keyboard walk, a sequence or repeated characters',
  },
  password_contains_name: {
    'zh-CN': '密码不能包含姓名或姓名拼音',
    en: 'The password must not contain your name or its pinyin',
  },
  login_throttled: {
    'zh-CN': '该账号近期登录失败次数过多，请稍后再试或联系安全管理员',
    en: 'Too many failed sign-ins for this account; try again later or ask the security administrator',
  },
  totp_replayed: {
    'zh-CN': '该动态口令已使用过，请等待身份验证器显示下一个口令',
    en: 'This code was already used; wait for the next code in your authenticator',
  },
  totp_setup_not_started: {
    'zh-CN': '请先开始绑定动态口令',
    en: 'Start the authenticator binding first',
  },
  totp_reset_self: {
    'zh-CN': '不能重置自己的动态口令，请在个人中心解绑，或由另一位安全管理员重置',
    en: 'You cannot reset your own authenticator; remove it on your account page or ask another security administrator',
  },
  nul_character: {
    'zh-CN': '不能包含空字符（\\u0000）',
    en: 'must not contain a NUL character (\\u0000)',
  },
  body_not_allowed: {
    'zh-CN': '此接口不接受请求体',
    en: 'This endpoint takes no request body',
  },
  // imports (issue 11)
  import_too_many_rows: {
    'zh-CN': '文件的数据行数超过单次导入上限，请拆分后分批导入',
    en: 'The file has more data rows than one upload may hold; split it',
  },
  import_too_many_cells: {
    'zh-CN': '文件的单元格数超过单次导入上限，请删除多余的列或拆分后分批导入',
    en: 'The file has more cells than one upload may hold; remove extra columns or split it',
  },
  import_too_complex: {
    'zh-CN': '文件过大或过于复杂，无法在限定的时间和内存内读取，请拆分后分批导入',
    en: 'The file is too large or complex to read within the time and memory limits; split it',
  },
  import_permission_lost: {
    'zh-CN': '上传者已无导入权限或账号已停用，导入未执行',
    en: 'The uploader no longer holds the import permission or the account is disabled; nothing was imported',
  },
  import_failed: {
    'zh-CN': '导入因系统错误中止，已导入的部分保留，请重新上传同一文件以继续',
    en: 'The import stopped on a system error; what was committed stays, upload the same file again to go on',
  },
  // exam cards (issue 15)
  // the suspected-case chain (issue 15 item 7)
  case_step_not_allowed: {
    'zh-CN': '您不能登记这一步（不是该环节的责任单位，或病例已处于之后的环节）',
    en: 'You cannot record this step (not the party responsible for it, or the case is already past it)',
  },
  case_step_before_found: {
    'zh-CN': '日期早于发现疑似职业病的日期',
    en: 'is before the date the case was found',
  },
  // the national exchange XML (issue 15 item 4)
  malformed_xml: {
    'zh-CN': 'XML 格式错误，无法解析（请检查标签是否成对、字符是否转义）',
    en: 'The XML is malformed and cannot be read (check that tags are closed and characters escaped)',
  },
  xml_doctype_forbidden: {
    'zh-CN': 'XML 中不允许出现 DOCTYPE 或实体声明（安全原因），请去掉后重新上报',
    en: 'A DOCTYPE or entity declaration is not allowed in the document (security); remove it and send again',
  },
  xml_content_type_required: {
    'zh-CN': '请以 Content-Type: application/xml 提交国家交换 XML 文档',
    en: 'Post the national exchange document with Content-Type: application/xml',
  },
  xml_too_deep: { 'zh-CN': 'XML 嵌套层级过深', en: 'The XML is nested too deeply' },
  xml_not_exchange_document: {
    'zh-CN': '不是国家数据交换文档（根元素应为 DataExchange）',
    en: 'Not a national exchange document (the root element must be DataExchange)',
  },
  xml_not_exam_card_document: {
    'zh-CN': '文档中没有职业健康检查个案卡（HEALTH_EXAM_RECORD）',
    en: 'The document holds no health-exam case card (HEALTH_EXAM_RECORD)',
  },
  xml_unexpected_element: {
    'zh-CN': '文档结构不符合国家交换规范（出现了不应有的元素）',
    en: 'The document does not follow the exchange specification (an element is out of place)',
  },
  xml_unexpected_text: {
    'zh-CN': '文档结构不符合国家交换规范（元素之间出现了文本）',
    en: 'The document does not follow the exchange specification (text between elements)',
  },
  xml_header_missing: {
    'zh-CN': '文档缺少 Header 或其中的必填项（DocumentId、OperateType 等）',
    en: 'The document lacks its Header or a required header element (DocumentId, OperateType, …)',
  },
  xml_operate_type_invalid: {
    'zh-CN': '操作类型（OperateType）只能是 Add、Update 或 Delete',
    en: 'The operate type (OperateType) must be Add, Update or Delete',
  },
  xml_encoding_unsupported: {
    'zh-CN': '不支持该字符编码，请使用 UTF-8（或 GBK）',
    en: 'This character encoding is not supported; use UTF-8 (or GBK)',
  },
  xml_encoding_invalid: {
    'zh-CN': '文档内容与声明的字符编码不符',
    en: 'The content does not match the declared character encoding',
  },
  invalid_date: { 'zh-CN': '日期格式应为 YYYYMMDD 且为真实日期', en: 'must be a real date written YYYYMMDD' },
  invalid_number: { 'zh-CN': '应为数字', en: 'must be a number' },
  invalid_flag: { 'zh-CN': '只能填写 0（否）或 1（是）', en: 'must be 0 (no) or 1 (yes)' },
  unknown_element: {
    'zh-CN': '国家交换规范中没有这个元素',
    en: 'is not an element of the exchange specification',
  },
  duplicate_element: { 'zh-CN': '该元素重复出现', en: 'appears more than once' },
  unexpected_text: { 'zh-CN': '此处不应有文本', en: 'holds text where none belongs' },
  card_approved_locked: {
    'zh-CN': '该个案卡已经省级审核通过并报送国家系统，不能删除',
    en: 'The card was approved by the province and sent to the national system; it cannot be deleted',
  },
  export_too_many: {
    'zh-CN': '该时间段内的个案卡超过 10,000 份，请缩短时间段分批导出',
    en: 'More than 10,000 cards in this period; export a shorter period at a time',
  },
  export_nothing_approved: {
    'zh-CN': '该时间段内没有省级审核通过的个案卡',
    en: 'No card of this period has been approved by the province',
  },
  review_not_awaiting: {
    'zh-CN': '该个案卡当前不在您这一级的待审核状态（可能已被审核或退回）',
    en: 'This card is not awaiting review at your level (it may have been reviewed or returned already)',
  },
  review_level_unknown: {
    'zh-CN': '您的单位不是区县、市或省级监管单位，不能审核个案卡',
    en: 'Your organisation is not a county, city or provincial regulator; it cannot review cards',
  },
  review_opinion_required: {
    'zh-CN': '退回时须填写审核意见，说明退回原因',
    en: 'Returning a card needs an opinion stating why',
  },
  code_unknown: {
    'zh-CN': '不是国家交换规范代码表中的代码',
    en: 'is not a code of the national exchange specification’s table',
  },
  date_in_future: { 'zh-CN': '日期不能晚于今天', en: 'must not be later than today' },
  before_birth: { 'zh-CN': '日期早于劳动者出生日期', en: 'is before the worker’s date of birth' },
  after_exam: { 'zh-CN': '日期晚于体检日期', en: 'is after the exam date' },
  id_number_invalid: {
    'zh-CN': '身份证号码不符合 GB 11643 规则（长度、出生日期或校验码有误）',
    en: 'is not a valid GB 11643 ID number (length, date of birth or check digit)',
  },
  id_birth_mismatch: {
    'zh-CN': '出生日期与身份证号码中的出生日期不一致',
    en: 'differs from the date of birth in the ID number',
  },
  id_sex_mismatch: {
    'zh-CN': '性别与身份证号码（第 17 位）不一致',
    en: 'differs from the sex in the ID number (17th digit)',
  },
  dispatch_same_unit: {
    'zh-CN': '用人单位属人力资源服务业（726，含劳务派遣）时，用工单位不能与用人单位相同',
    en: 'When the employer is a human-resources service (726, dispatch included), the employing unit must be another unit',
  },
  dusts_share_conclusion: {
    'zh-CN': '多种粉尘须合并填写一条体检结论',
    en: 'All dusts of a card share one conclusion',
  },
  factor_not_filed: {
    'zh-CN': '本机构未备案该危害因素的职业健康检查类别，不能上报该因素的检查结论',
    en: 'The institution has not filed the exam category of this hazard factor and cannot report on it',
  },
  factor_capability_blocked: {
    'zh-CN': '该危害因素的检查项目经现场核查不具备能力，暂停上报',
    en: 'On-site verification found the institution without capability for this hazard factor: reporting is suspended',
  },
  suspected_disease_required: {
    'zh-CN': '体检结论为疑似职业病时须填写疑似职业病代码',
    en: 'A suspected occupational disease conclusion needs the disease code',
  },
  disease_edition_unknown: {
    'zh-CN': '体检日期早于《职业病分类和目录》（2013 版，2013-12-23 起施行），无法核对疑似职业病',
    en: 'The exam date is before the occupational-disease catalogue of 2013 (in force from 2013-12-23); the suspected disease cannot be checked',
  },
  disease_not_in_edition: {
    'zh-CN': '该职业病不在体检日期适用的《职业病分类和目录》中',
    en: 'is not in the occupational-disease catalogue in force on the exam date',
  },
  suspected_disease_unconfirmed: {
    'zh-CN': '未能确认所检危害因素可导致该疑似职业病（危害因素—职业病对照表未收录此组合），请核实',
    en: 'The examined hazards are not confirmed to cause this disease (the hazard–disease map does not list the pair); please check',
  },
  contraindication_required: {
    'zh-CN': '体检结论为职业禁忌证时须写明禁忌证名称',
    en: 'A contraindication conclusion needs the contraindication named',
  },
  exposure_exceeds_service: {
    'zh-CN': '接害工龄超过总工龄',
    en: 'exposure time exceeds the years of service',
  },
  range_inverted: { 'zh-CN': '参考值下限大于上限', en: 'the lower reference value exceeds the upper one' },
  report_before_exam: {
    'zh-CN': '报告日期早于体检日期',
    en: 'is before the exam date',
  },
  // exam cards from a spreadsheet (issue 15 item 4: web upload and CLI)
  exam_card_rows_not_consecutive: {
    'zh-CN': '同一记录ID的行须连续排列：该记录ID在表中出现在不相连的几处，整张个案卡未导入',
    en: 'The rows of one record ID must be consecutive: this record ID appears in separate places of the sheet, so the card was not imported',
  },
  exam_card_value_differs: {
    'zh-CN': '与本卡前面行填写的值不一致（个案卡基本信息填在首行，后续行可留空，重复填写须相同）',
    en: 'differs from the value an earlier row of this card gives (card columns go on the first row; later rows may leave them empty, or repeat them unchanged)',
  },
  exam_card_other_row: {
    'zh-CN': '本卡其他行有错误，整张个案卡未导入',
    en: 'Another row of this card has errors; the whole card was not imported',
  },
  code_name_mismatch: {
    'zh-CN': '名称与代码表中该代码的名称不一致（以代码为准，可只填代码）',
    en: 'the name is not the code table’s name for this code (the code alone is enough)',
  },
  whole_number_invalid: { 'zh-CN': '应为 0 或正整数', en: 'must be a whole number, 0 or more' },
  not_a_number: { 'zh-CN': '应为数字', en: 'must be a number' },
  formula_cell: {
    'zh-CN': '单元格是公式，不能导入公式；请粘贴为数值（选择性粘贴 → 数值）后重新上传',
    en: 'The cell holds a formula, which is not imported; paste it as a value (Paste Special → Values) and upload again',
  },
  text_undecodable: {
    'zh-CN':
      '含有无法识别的字符（文件不是 UTF-8 或 GB18030 编码，或内容已损坏），请另存为 UTF-8 CSV 或 Excel 文件',
    en: 'contains bytes that are not UTF-8 or GB18030 text; save the file as UTF-8 CSV or xlsx',
  },
  // standards input (issue 12): reasons of refused calculator input; the server sends each with a message
  // of @ohp/standards that states the field's range and its source, these are the generic texts.
  contradictory: {
    'zh-CN': '与其他输入相互矛盾',
    en: 'contradicts another field of the input',
  },
  not_applicable: {
    'zh-CN': '不适用于所选的物质或危害因素',
    en: 'does not apply to the substance or hazard chosen',
  },
  sum_out_of_range: { 'zh-CN': '各项之和超出范围', en: 'the items add up to a value out of range' },
  hazard_unknown: {
    'zh-CN': '不是《职业病危害因素分类目录》中的编号',
    en: 'is not a hazard-factor id of the catalogue',
  },
  disease_unknown: { 'zh-CN': '不是职业病目录中的编号', en: 'is not a disease id of the catalogues' },
  cas_invalid: { 'zh-CN': 'CAS 号校验位不正确', en: 'is not a CAS number with a valid check digit' },
  ambiguous_substance: {
    'zh-CN': '对应多个限值行，请按行号指定其一',
    en: 'matches several limit rows; name one by its row id',
  },
  duplicate_entry: { 'zh-CN': '与前面的项重复', en: 'repeats an earlier item' },
  exclusiveMinimum: { 'zh-CN': '数值过小', en: 'is too small' },
  exclusiveMaximum: { 'zh-CN': '数值过大', en: 'is too large' },
  // audit and forms (issue 13)
  phone_format: {
    'zh-CN': '请输入以 1 开头的 11 位手机号码，如 13812345678',
    en: 'Enter an 11-digit mobile number starting with 1, e.g. 13812345678',
  },
  email_format: {
    'zh-CN': '电子邮箱格式不正确，应如 name@example.com',
    en: 'Not an e-mail address; it should look like name@example.com',
  },
  username_format: {
    'zh-CN': '用户名为 3–64 位字母、数字、下划线、点或短横线',
    en: 'A username has 3–64 letters, digits, underscores, dots or hyphens',
  },
  date_format: { 'zh-CN': '日期格式应为 YYYY-MM-DD', en: 'Must be a date as YYYY-MM-DD' },
  value_blank: { 'zh-CN': '不能为空，也不能只有空格', en: 'Must not be empty or only spaces' },
  export_truncated: {
    'zh-CN': '符合条件的记录超过单次导出上限，只导出了最新的部分，请缩小筛选范围后分批导出',
    en: 'More records match than one export may hold; only the newest were exported. Narrow the filter and export in parts',
  },
  // organisations self-service (issue 13)
  organisation_field_regulator_only: {
    'zh-CN': '单位名称、统一社会信用代码、行政区划和单位类别由所属监管部门修改，本单位不能修改',
    en: "An organisation's name, credit code, region and type are changed by its regulator, not by the organisation",
  },
  exposed_exceeds_employees: {
    'zh-CN': '接害人数不能多于职工人数',
    en: 'The exposed staff cannot outnumber the staff',
  },
  employees_below_exposed: {
    'zh-CN': '职工人数不能少于已填报的接害人数',
    en: 'The staff cannot be fewer than the exposed staff on record',
  },
  contact_phone_format: {
    'zh-CN': '请输入手机号码或带区号的固定电话，如 13812345678、0431-88888888',
    en: 'Enter a mobile number or a landline with its area code, e.g. 13812345678 or 0431-88888888',
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

/** Every reason: the foundation's above, then each module's own file (a duplicate key is a test failure). */
export const reasonMessages: Record<string, { 'zh-CN': string; en: string }> = {
  ...foundationMessages,
  ...workerMessages,
  ...apiTokenMessages,
  ...diagnosisReportMessages,
  ...samplingMessages,
  ...calendarMessages,
  ...todoMessages,
  ...documentMessages,
  ...filingMessages,
  ...verificationMessages,
  ...outboundMessages,
  ...qcMessages,
  ...rectificationMessages,
  ...equipmentMessages,
  ...indicatorsMessages,
  ...publicListMessages,
  ...employerMessages,
  ...declarationMessages,
  ...employerCensusMessages,
  ...declarationOversightMessages,
  ...geoMessages,
};

export const pickLang = (acceptLanguage: string | undefined): Lang =>
  acceptLanguage && /^\s*en\b/i.test(acceptLanguage) ? 'en' : 'zh-CN';

export const messageFor = (reason: string, lang: Lang): string =>
  reasonMessages[reason]?.[lang] ?? reasonMessages[reason]?.en ?? reason;
