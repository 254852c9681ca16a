/** Error reasons of 职业病危害项目申报 (hazard-project declarations), in zh-CN and en; merged into reasonMessages (messages.ts). */
export const declarationMessages: Record<string, { 'zh-CN': string; en: string }> = {};
