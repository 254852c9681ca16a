/** Error reasons of 用人单位数据库 (potential-employer database: lists, matching, follow-ups), in zh-CN and en; merged into reasonMessages (messages.ts). */
export const employerCensusMessages: Record<string, { 'zh-CN': string; en: string }> = {};
