/** Error reasons of 个案卡抽查 (sampling), in zh-CN and en; merged into reasonMessages (messages.ts). */
export const samplingMessages: Record<string, { 'zh-CN': string; en: string }> = {};
