/** Error reasons of 指标与驾驶舱 (indicators, issue 18), in zh-CN and en; merged into reasonMessages (messages.ts). */
export const indicatorsMessages: Record<string, { 'zh-CN': string; en: string }> = {
  indicator_report_quarter: {
    'zh-CN': '季调度报告的期间应为季度，例如 2026-Q3',
    en: 'A quarterly dispatch report needs a quarter, e.g. 2026-Q3',
  },
  indicator_report_year: {
    'zh-CN': '年度评估和进展报告的期间应为年份，例如 2026',
    en: 'A yearly evaluation or progress report needs a year, e.g. 2026',
  },
  indicator_report_pdf_unavailable: {
    'zh-CN': '服务器暂不能生成 PDF，请使用打印页面或导出 Excel',
    en: 'The server cannot render PDF now; print the page or export the workbook instead',
  },
};
