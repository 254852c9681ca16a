/**
 * 文书 (printable documents, issue 16 item 1): receipts (回执), notices (告知书) and forms issued by one
 * organisation about another, each with a verification code printed on the page. The signed-in routes
 * show the document, its printable HTML and its PDF to those who may see it; the public route confirms
 * what a document says to anyone holding its code (/verify/<code>), without login.
 */
import { Type, type Static } from 'typebox';

const Bilingual = Type.Object({ zh: Type.String(), en: Type.String() });

export const DocumentFieldSchema = Type.Object({ label: Bilingual, value: Type.String() });

/** What a document says: the same on the paper, in the signed-in view and on the public page. */
export const DocumentContent = Type.Object({
  code: Type.String({ description: 'verification code, 12 characters (printed as XXXX-XXXX-XXXX)' }),
  kind: Type.String({ description: "template key: 'filing_receipt', 'outbound_notice', …" }),
  title: Bilingual,
  number: Type.Union([Type.String(), Type.Null()]),
  organisationName: Type.String({ description: 'the organisation the document is about, as printed' }),
  issuerName: Type.String({ description: 'the issuing organisation, as printed' }),
  issuedAt: Type.String({ format: 'date-time' }),
  fields: Type.Array(DocumentFieldSchema),
  status: Type.Union([Type.Literal('valid'), Type.Literal('revoked')]),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  revokeReason: Type.Union([Type.String(), Type.Null()]),
  /** The stored text still matches the hash taken when it was issued. */
  intact: Type.Boolean(),
  verifyPath: Type.String({ description: '/verify/<code>' }),
});
export type DocumentContent = Static<typeof DocumentContent>;

/** The public verification answer: only what the document itself says. */
export const PublicDocument = DocumentContent;
export type PublicDocument = Static<typeof PublicDocument>;

/** The signed-in view: the content plus where it belongs and what the actor may do. */
export const DocumentDetail = Type.Object({
  ...DocumentContent.properties,
  id: Type.Integer(),
  organisationId: Type.Integer(),
  issuerOrganisationId: Type.Integer(),
  subjectType: Type.String(),
  subjectId: Type.Integer(),
  contentHash: Type.String(),
  pdfAvailable: Type.Boolean({ description: 'whether the server can render the PDF (chromium found)' }),
  abilities: Type.Object({ revoke: Type.Boolean() }),
});
export type DocumentDetail = Static<typeof DocumentDetail>;

export const DocumentCodeParams = Type.Object({
  code: Type.String({
    minLength: 1,
    maxLength: 40,
    description: 'the verification code (case, spaces and hyphens ignored)',
  }),
});
export type DocumentCodeParams = Static<typeof DocumentCodeParams>;

export const DocumentRevokeInput = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500, description: '作废原因' }) },
  { additionalProperties: false },
);
export type DocumentRevokeInput = Static<typeof DocumentRevokeInput>;

export const DocumentLangQuery = Type.Object({
  lang: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')])),
});
export type DocumentLangQuery = Static<typeof DocumentLangQuery>;
