/** Error reasons of 职业病诊断报告 (diagnosis-reports), in zh-CN and en; merged into reasonMessages (messages.ts). */
export const diagnosisReportMessages: Record<string, { 'zh-CN': string; en: string }> = {};
