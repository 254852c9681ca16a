/**
 * Printable documents (文书, issue 16 item 1): receipts, notices and forms with a verification code,
 * rendered from HTML templates to PDF, verified publicly at /verify/<code>. Other modules issue them
 * with `issueDocument(trx, auditContext, doc)` inside their own transaction.
 */
export {
  issueDocument,
  documentsAbout,
  formatCode,
  revokeDocumentsAbout,
  verifyPathOf,
  type DocumentField,
  type IssueDocument,
  type IssuedDocumentRef,
} from './documents.service.js';
export { registerDocumentRoutes } from './documents.routes.js';
export { seedDemoDocuments } from './documents.demo.js';
export { PdfRenderer, PdfUnavailable, pdfAvailability } from './documents.pdf.js';
export { fontFaceCss, useCjkFont } from './documents.fonts.js';
