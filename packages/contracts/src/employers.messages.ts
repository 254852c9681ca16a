/** Error reasons of 用人单位库 (employer base database) and self-registration, in zh-CN and en; merged into reasonMessages (messages.ts). */
export const employerMessages: Record<string, { 'zh-CN': string; en: string }> = {};
