/** Error reasons of 文书 (printable documents), in zh-CN and en; merged into reasonMessages (messages.ts). */
export const documentMessages: Record<string, { 'zh-CN': string; en: string }> = {};
