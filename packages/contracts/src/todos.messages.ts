/** Error reasons of 待办与通知 (to-dos and notifications), in zh-CN and en; merged into reasonMessages (messages.ts). */
export const todoMessages: Record<string, { 'zh-CN': string; en: string }> = {};
