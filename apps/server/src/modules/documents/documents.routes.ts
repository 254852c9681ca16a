/** HTTP wiring of printable documents (文书, issue 16 item 1). */
import {
  DocumentCodeParams,
  DocumentDetail,
  DocumentLangQuery,
  DocumentRevokeInput,
  IdParams,
  PublicDocument,
  type Lang,
} from '@ohp/contracts';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { sendDownload } from '../../platform/http/download.js';
import { actorOf, auditContext, type AppInstance, type Deps } from '../../platform/http/types.js';
import { AppError } from '../../platform/errors.js';
import type { DocumentRow } from './documents.repository.js';
import { renderDocumentHtml } from './documents.render.js';
import { useCjkFont } from './documents.fonts.js';
import { PdfRenderer, PdfUnavailable, pdfAvailability } from './documents.pdf.js';
import {
  canRevoke,
  contentIntact,
  documentByVerificationCode,
  documentFor,
  fieldsOf,
  revokeDocument,
  verifyPathOf,
} from './documents.service.js';

const tags = ['documents'];

/** What the document says (the same on paper, in the signed-in view and on the public page). */
const contentOf = (r: DocumentRow) => ({
  code: r.verification_code,
  kind: r.kind,
  title: { zh: r.title_zh, en: r.title_en },
  number: r.number,
  organisationName: r.organisation_name,
  issuerName: r.issuer_name,
  issuedAt: r.issued_at.toISOString(),
  fields: fieldsOf(r),
  status: r.revoked_at ? ('revoked' as const) : ('valid' as const),
  revokedAt: r.revoked_at ? r.revoked_at.toISOString() : null,
  revokeReason: r.revoke_reason,
  intact: contentIntact(r),
  verifyPath: verifyPathOf(r.verification_code),
});

/** The scheme and host the verify URL is printed with: the one the user reached the server by. */
const originOf = (req: FastifyRequest): string => `${req.protocol}://${req.host}`;

const langOf = (req: FastifyRequest, q: { lang?: Lang }): Lang => q.lang ?? req.lang;

const fileNames = (r: DocumentRow) => {
  const n = r.number ? `-${r.number}` : '';
  return { zh: `${r.title_zh}${n}.pdf`, en: `${r.kind}${n}-${r.verification_code}.pdf` };
};

export const registerDocumentRoutes = (app: AppInstance, deps: Deps) => {
  const renderer = new PdfRenderer(deps.config.documents.chromiumPath);
  useCjkFont(deps.config.documents.cjkFont);
  app.addHook('onClose', async () => renderer.close());

  app.get('/api/v1/documents/:id', {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary: '文书 A document: what it says, its status and what the actor may do',
      description:
        'Seen by the users of the organisation it is about, of its issuer, and by regulators (and the provincial QC centre) whose region covers that organisation; anyone else gets 404.',
      params: IdParams,
      response: { 200: DocumentDetail },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      const r = await documentFor(deps.db, actor, Number(req.params.id));
      return {
        ...contentOf(r),
        id: r.document_id,
        organisationId: r.organisation_id,
        issuerOrganisationId: r.issuer_organisation_id,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        contentHash: r.content_hash,
        pdfAvailable: pdfAvailability(deps.config.documents.chromiumPath).available,
        abilities: { revoke: canRevoke(actor, r) },
      };
    },
  });

  app.get('/api/v1/documents/:id/print', {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary: '打印版 The printable HTML page of a document',
      description:
        'The official layout with the verification code, the verify URL and its QR code; the browser prints it or saves it as PDF (works without Chromium on the server). `lang=en` prints the English labels.',
      params: IdParams,
      querystring: DocumentLangQuery,
      produces: ['text/html'],
    },
    handler: async (req, reply) => {
      const r = await documentFor(deps.db, actorOf(req), Number(req.params.id));
      const html = await renderDocumentHtml(r, {
        lang: langOf(req, req.query),
        origin: originOf(req),
        printHint: true,
      });
      return reply.type('text/html; charset=utf-8').send(html);
    },
  });

  app.get('/api/v1/documents/:id/pdf', {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary: 'PDF The document as a PDF (A4, CJK font embedded)',
      description:
        'Rendered by the server’s Chromium (playwright-core) with a CJK font embedded, so it shows Chinese on any reader. 503 `document_pdf_unavailable` when the server has no Chromium (use the printable HTML instead).',
      params: IdParams,
      querystring: DocumentLangQuery,
      produces: ['application/pdf'],
    },
    handler: async (req, reply) => {
      const r = await documentFor(deps.db, actorOf(req), Number(req.params.id));
      const lang = langOf(req, req.query);
      const a = pdfAvailability(deps.config.documents.chromiumPath);
      if (!a.available) {
        req.log.warn({ reason: a.reason }, 'document PDF unavailable');
        throw new AppError('unavailable', 'document_pdf_unavailable');
      }
      const html = await renderDocumentHtml(r, {
        lang,
        origin: originOf(req),
        printHint: false,
        forPdf: true,
      });
      let pdf: Buffer;
      try {
        pdf = await renderer.render(html);
      } catch (err) {
        req.log.error({ err }, 'document PDF failed');
        throw new AppError(
          'unavailable',
          err instanceof PdfUnavailable ? 'document_pdf_unavailable' : 'document_pdf_failed',
        );
      }
      return sendDownload(reply, lang, { body: pdf, type: 'application/pdf', names: fileNames(r) });
    },
  });

  app.post('/api/v1/documents/:id/revoke', {
    config: { access: 'authenticated', example: { as: 'demo-province', params: { id: '1' } } },
    schema: {
      tags,
      summary: '作废文书 Revoke a document',
      description:
        'Only users of the issuing organisation with the permission of the document’s kind (filing receipts: filings:review) may revoke it, with a reason. The public verification page then shows it as revoked. Audited (document.revoke); 409 when already revoked.',
      params: IdParams,
      body: { ...DocumentRevokeInput, examples: [{ reason: '备案信息有误，已重新出具回执' }] },
      response: { 200: Type.Object({ id: Type.Integer(), revokedAt: Type.String() }) },
    },
    handler: async (req) =>
      revokeDocument(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body.reason),
  });

  app.get('/api/v1/public/documents/:code', {
    // A code typed from paper is guessed as a password would be: the login's limit per IP.
    config: {
      access: 'public',
      rateLimit: { max: deps.config.security.loginRateLimitPerMinute, timeWindow: '1 minute' },
    },
    schema: {
      tags,
      summary: '文书核验 Verify a document by its code (no login)',
      description:
        'What the document with this verification code says — title, number, organisation, issuer, issue date, its fields — and whether it is valid or revoked. Nothing beyond what is printed on the document. Case, spaces and hyphens in the code are ignored; an unknown code is 404 `document_code_unknown`. Rate-limited.',
      params: DocumentCodeParams,
      response: { 200: PublicDocument },
    },
    handler: async (req) => contentOf(await documentByVerificationCode(deps.db, req.params.code)),
  });
};
