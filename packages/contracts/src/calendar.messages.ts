/** Error reasons of 工作日历 (working-day calendar), in zh-CN and en; merged into reasonMessages (messages.ts). */
export const calendarMessages: Record<string, { 'zh-CN': string; en: string }> = {};
