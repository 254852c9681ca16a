/** Error reasons of 申报调度 (declaration rates, dispatch, sampling check, white/black lists), in zh-CN and en; merged into reasonMessages (messages.ts). */
export const declarationOversightMessages: Record<string, { 'zh-CN': string; en: string }> = {};
