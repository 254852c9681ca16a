/** Error reasons of 劳动者档案 (workers), in zh-CN and en; merged into reasonMessages (messages.ts). */
export const workerMessages: Record<string, { 'zh-CN': string; en: string }> = {};
