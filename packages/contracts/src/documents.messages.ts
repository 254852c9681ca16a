/** Error reasons of 文书 (printable documents), in zh-CN and en; merged into reasonMessages (messages.ts). */
export const documentMessages: Record<string, { 'zh-CN': string; en: string }> = {
  document_code_unknown: {
    'zh-CN': '未找到该验证码对应的文书，请核对验证码',
    en: 'No document has this verification code; please check the code',
  },
  document_already_revoked: { 'zh-CN': '该文书已作废', en: 'This document has already been revoked' },
  document_revoke_issuer_only: {
    'zh-CN': '只有出具机构有权作废该文书',
    en: 'Only the issuing organisation may revoke this document',
  },
  document_kind_invalid: {
    'zh-CN': '文书类型须为小写字母、数字和下划线',
    en: 'The document kind must be lower-case letters, digits and underscores',
  },
  document_too_many_fields: { 'zh-CN': '文书栏目过多（最多 60 项）', en: 'Too many fields (at most 60)' },
  document_field_too_long: { 'zh-CN': '文书内容过长', en: 'This text is too long for a document' },
  document_pdf_unavailable: {
    'zh-CN': '服务器未安装 Chromium，暂不能生成 PDF；请打开打印版并用浏览器打印或另存为 PDF',
    en: 'The server has no Chromium, so it cannot make the PDF; open the printable version and print it or save it as PDF from the browser',
  },
  document_pdf_failed: {
    'zh-CN': '生成 PDF 失败或超时，请稍后重试，或打开打印版用浏览器打印',
    en: 'Making the PDF failed or timed out; try again later, or print the printable version from the browser',
  },
};
