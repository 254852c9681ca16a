/** Error reasons of 劳动者档案 (workers), in zh-CN and en; merged into reasonMessages (messages.ts). */
export const workerMessages: Record<string, { 'zh-CN': string; en: string }> = {
  reveal_reason_required: {
    'zh-CN': '请说明查看完整信息的理由（至少 4 个字）',
    en: 'State why the full data is needed (at least 4 characters)',
  },
  worker_reveal_forbidden: {
    'zh-CN': '您没有查看劳动者完整身份信息的权限',
    en: "You may not see workers' full personal data",
  },
  worker_history_scope: {
    'zh-CN': '本单位（本辖区）权限范围内该劳动者的全部体检记录，按体检日期由新到旧排列',
    en: "The worker's exams within your scope, newest first",
  },
};
