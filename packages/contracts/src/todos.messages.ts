/** Error reasons of 待办与通知 (to-dos and notifications), in zh-CN and en; merged into reasonMessages (messages.ts). */
export const todoMessages: Record<string, { 'zh-CN': string; en: string }> = {
  notification_ids_or_all: {
    'zh-CN': '请指定要标记已读的通知（ids），或选择全部（all），二者只能选其一',
    en: 'Name the notifications to mark read (ids) or choose all of them (all), not both',
  },
};
