/** Error reasons of 工作日历 (working-day calendar), in zh-CN and en; merged into reasonMessages (messages.ts). */
export const calendarMessages: Record<string, { 'zh-CN': string; en: string }> = {
  calendar_day_exists: {
    'zh-CN': '该日期已在工作日历中，请修改原有记录',
    en: 'This date is already in the calendar; change the existing entry instead',
  },
  calendar_day_already_holiday: {
    'zh-CN': '该日期已登记为放假日，不能重复登记',
    en: 'This date is already entered as a holiday',
  },
  calendar_workday_not_weekend: {
    'zh-CN': '调休上班日应为周六或周日（周一至周五本就是工作日）',
    en: 'A make-up workday falls on a Saturday or Sunday (Monday to Friday are working days anyway)',
  },
  calendar_date_out_of_range: {
    'zh-CN': '日期应在 2000 年至 2100 年之间',
    en: 'The date must lie between 2000 and 2100',
  },
  calendar_kind_unknown: {
    'zh-CN': '类型应为“放假”或“调休上班”',
    en: 'The kind must be 放假 (holiday) or 调休上班 (make-up workday)',
  },
  calendar_date_repeated: {
    'zh-CN': '同一日期在文件中出现多次',
    en: 'The same date appears more than once in the file',
  },
  calendar_text_too_long: {
    'zh-CN': '内容过长（名称不超过 50 字，依据和备注不超过 500 字）',
    en: 'Too long (a name has at most 50 characters, a source or note at most 500)',
  },
};
