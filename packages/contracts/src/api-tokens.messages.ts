/** Error reasons of 接口令牌 (api-tokens), in zh-CN and en; merged into reasonMessages (messages.ts). */
export const apiTokenMessages: Record<string, { 'zh-CN': string; en: string }> = {};
