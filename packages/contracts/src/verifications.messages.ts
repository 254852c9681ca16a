/** Error reasons of 现场核查 (on-site verification), in zh-CN and en; merged into reasonMessages (messages.ts). */
export const verificationMessages: Record<string, { 'zh-CN': string; en: string }> = {};
