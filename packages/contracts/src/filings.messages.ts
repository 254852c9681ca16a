/** Error reasons of 机构备案 (institution filings), in zh-CN and en; merged into reasonMessages (messages.ts). */
export const filingMessages: Record<string, { 'zh-CN': string; en: string }> = {};
