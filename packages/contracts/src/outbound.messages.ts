/** Error reasons of 外出体检告知 (outbound-exam notices), in zh-CN and en; merged into reasonMessages (messages.ts). */
export const outboundMessages: Record<string, { 'zh-CN': string; en: string }> = {};
