/**
 * Printable documents (文书, issue 16 item 1): receipts (回执), notices (告知书) and forms that one
 * organisation issues about another. Other modules issue them with `issueDocument` inside their own
 * transaction (e.g. the filing receipt when a commission files an institution); each gets a verification
 * code, printed on the page with the verify URL, that anyone can check at /verify/<code> without login.
 * What the document says is frozen at issue (fields with their labels) and hashed; a document is never
 * edited, only revoked (作废) by its issuer with a reason.
 */
import { randomInt } from 'node:crypto';
import type { PermissionKey } from '@ohp/contracts';
import type { Kysely, Transaction } from 'kysely';
import { canonicalJson, writeAudit, type AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { scopeOf } from '../../platform/authz/scope.js';
import { sha256 } from '../../platform/crypto.js';
import type { DB } from '../../platform/db-types.js';
import { AppError, invalid } from '../../platform/errors.js';
import {
  codeExists,
  documentByCode,
  documentInScope,
  documentsOfSubject,
  insertDocument,
  lockDocument,
  markRevoked,
  organisationForDocument,
  type DocumentRow,
} from './documents.repository.js';

export type Bilingual = { zh: string; en: string };
export type DocumentField = { label: Bilingual; value: string };
export type IssueDocument = {
  /** Template key: 'filing_receipt', 'outbound_notice', 'declaration_receipt', … (lower snake case). */
  kind: 'filing_receipt' | 'outbound_notice' | 'declaration_receipt' | (string & {});
  /** The organisation the document is about / addressed to. */
  organisationId: number;
  /** Who issues it (e.g. the health commission). */
  issuerOrganisationId: number;
  /** What it is issued for, e.g. 'filing', 42. */
  subjectType: string;
  subjectId: number;
  /** e.g. 职业健康检查机构备案回执 */
  title: Bilingual;
  /** e.g. the filing number. */
  number?: string | null;
  /** What the document says (shown on the public verification page too: no personal data beyond it). */
  fields: DocumentField[];
};
export type IssuedDocumentRef = { documentId: number; code: string; verifyPath: string };

/** Verification-code alphabet: digits and capitals without look-alikes (0/O, 1/I/L). 31 symbols. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 12;

export const newVerificationCode = (): string => {
  let s = '';
  for (let i = 0; i < CODE_LENGTH; i += 1) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
};

/** The code as typed from paper: case, spaces and hyphens ignored. Null when it cannot be a code. */
export const normaliseCode = (input: string): string | null => {
  const s = input.toUpperCase().replace(/[\s-]/g, '');
  return s.length === CODE_LENGTH && [...s].every((c) => CODE_ALPHABET.includes(c)) ? s : null;
};

/** The code as printed: three groups of four (ABCD-EFGH-JKMN). */
export const formatCode = (code: string): string => code.match(/.{1,4}/g)!.join('-');

export const verifyPathOf = (code: string): string => `/verify/${code}`;

/**
 * Who may revoke a document of each kind (besides belonging to its issuer). A kind not listed here
 * needs filings:review, the permission of the commission that files and returns.
 */
const REVOKE_PERMISSION: Record<string, PermissionKey> = {
  filing_receipt: 'filings:review',
};
export const revokePermissionOf = (kind: string): PermissionKey =>
  REVOKE_PERMISSION[kind] ?? 'filings:review';

const MAX_FIELDS = 60;
const MAX_TEXT = 2000;

const checkInput = (doc: IssueDocument): void => {
  const details: Array<{ path: string; reason: string }> = [];
  if (!/^[a-z][a-z0-9_]{1,63}$/.test(doc.kind))
    details.push({ path: 'kind', reason: 'document_kind_invalid' });
  if (!doc.title.zh.trim()) details.push({ path: 'title.zh', reason: 'value_required' });
  if (!doc.title.en.trim()) details.push({ path: 'title.en', reason: 'value_required' });
  if (doc.fields.length > MAX_FIELDS) details.push({ path: 'fields', reason: 'document_too_many_fields' });
  doc.fields.forEach((f, i) => {
    if (!f.label.zh.trim() || !f.label.en.trim())
      details.push({ path: `fields.${i}.label`, reason: 'value_required' });
    if (f.value.length > MAX_TEXT)
      details.push({ path: `fields.${i}.value`, reason: 'document_field_too_long' });
  });
  if ((doc.number ?? '').length > 100) details.push({ path: 'number', reason: 'document_field_too_long' });
  if (details.length) throw invalid(details);
};

/** SHA-256 of the canonical JSON of everything the document prints (migration 0026). */
export const contentHashOf = (d: {
  code: string;
  kind: string;
  title: Bilingual;
  number: string | null;
  organisationName: string;
  issuerName: string;
  issuedAt: string;
  fields: DocumentField[];
}): string => sha256(canonicalJson(d));

const hashOfRow = (r: DocumentRow): string =>
  contentHashOf({
    code: r.verification_code,
    kind: r.kind,
    title: { zh: r.title_zh, en: r.title_en },
    number: r.number,
    organisationName: r.organisation_name,
    issuerName: r.issuer_name,
    issuedAt: r.issued_at.toISOString(),
    fields: fieldsOf(r),
  });

export const fieldsOf = (r: DocumentRow): DocumentField[] =>
  (Array.isArray(r.fields) ? r.fields : []) as DocumentField[];

/**
 * Issues a document inside the caller's transaction: stores what it says with a fresh verification
 * code and its content hash, audited as document.issue. The caller decides whether the actor may
 * issue it (e.g. the filing module when a commission files an institution).
 */
export const issueDocument = async (
  trx: Transaction<DB>,
  ctx: AuditContext,
  doc: IssueDocument,
): Promise<IssuedDocumentRef> => {
  checkInput(doc);
  const [org, issuer] = await Promise.all([
    organisationForDocument(trx, doc.organisationId),
    organisationForDocument(trx, doc.issuerOrganisationId),
  ]);
  if (!org) throw invalid([{ path: 'organisationId', reason: 'organisation_unknown' }]);
  if (!issuer) throw invalid([{ path: 'issuerOrganisationId', reason: 'organisation_unknown' }]);
  let code = newVerificationCode();
  // 31^12 ≈ 7.9e17 codes: a collision is practically impossible, but checked (and the column is unique).
  while (await codeExists(trx, code)) code = newVerificationCode();
  // Millisecond precision survives the timestamptz round trip, so the hash can be recomputed.
  const issuedAt = new Date(Math.floor(Date.now()));
  const fields = doc.fields.map((f) => ({
    label: { zh: f.label.zh.trim(), en: f.label.en.trim() },
    value: f.value.trim(),
  }));
  const title = { zh: doc.title.zh.trim(), en: doc.title.en.trim() };
  const number = doc.number?.trim() || null;
  const contentHash = contentHashOf({
    code,
    kind: doc.kind,
    title,
    number,
    organisationName: org.name,
    issuerName: issuer.name,
    issuedAt: issuedAt.toISOString(),
    fields,
  });
  const row = await insertDocument(trx, {
    verification_code: code,
    kind: doc.kind,
    title_zh: title.zh,
    title_en: title.en,
    number,
    organisation_id: org.organisation_id,
    organisation_name: org.name,
    region_code: org.region_code,
    issuer_organisation_id: issuer.organisation_id,
    issuer_name: issuer.name,
    subject_type: doc.subjectType,
    subject_id: doc.subjectId,
    fields: JSON.stringify(fields),
    content_hash: contentHash,
    issued_by: ctx.userId,
    issued_at: issuedAt,
  });
  await writeAudit(trx, ctx, {
    action: 'document.issue',
    entityType: 'document',
    entityId: row.document_id,
    after: {
      kind: doc.kind,
      title: title.zh,
      number,
      organisationId: org.organisation_id,
      issuerOrganisationId: issuer.organisation_id,
      subjectType: doc.subjectType,
      subjectId: doc.subjectId,
      contentHash,
    },
  });
  return { documentId: row.document_id, code, verifyPath: verifyPathOf(code) };
};

/** The documents issued about one subject (e.g. a filing's receipts), newest first; no scope check. */
export const documentsAbout = async (
  db: Kysely<DB> | Transaction<DB>,
  subjectType: string,
  subjectId: number,
): Promise<Array<IssuedDocumentRef & { kind: string; issuedAt: string; revoked: boolean }>> =>
  (await documentsOfSubject(db, subjectType, subjectId)).map((r) => ({
    documentId: r.document_id,
    code: r.verification_code,
    verifyPath: verifyPathOf(r.verification_code),
    kind: r.kind,
    issuedAt: r.issued_at.toISOString(),
    revoked: r.revoked_at !== null,
  }));

/** A document the actor may see (its organisation's, its issuer's, or in a regulator's region), or 404. */
export const documentFor = async (db: Kysely<DB>, actor: Actor, id: number): Promise<DocumentRow> => {
  const row = await documentInScope(db, scopeOf(actor, 'business'), actor.organisationId, id);
  if (!row) throw new AppError('not_found', 'not_found');
  return row;
};

export const canRevoke = (actor: Actor, r: DocumentRow): boolean =>
  r.revoked_at === null &&
  actor.organisationId === r.issuer_organisation_id &&
  actor.permissions.has(revokePermissionOf(r.kind));

/** Revokes (作废) a document: its issuer only, with a reason; audited as document.revoke. */
export const revokeDocument = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  reason: string,
): Promise<{ id: number; revokedAt: string }> => {
  const why = reason.trim();
  if (!why) throw invalid([{ path: 'reason', reason: 'value_required' }]);
  await documentFor(db, actor, id);
  return db.transaction().execute(async (trx) => {
    const r = await lockDocument(trx, id);
    if (!r) throw new AppError('not_found', 'not_found');
    if (r.revoked_at !== null) throw new AppError('conflict', 'document_already_revoked');
    if (
      actor.organisationId !== r.issuer_organisation_id ||
      !actor.permissions.has(revokePermissionOf(r.kind))
    )
      throw new AppError('forbidden', 'document_revoke_issuer_only');
    const at = new Date();
    await markRevoked(trx, id, actor.userId, why, at);
    await writeAudit(trx, ctx, {
      action: 'document.revoke',
      entityType: 'document',
      entityId: id,
      before: { revokedAt: null },
      after: { revokedAt: at.toISOString(), reason: why, code: r.verification_code },
    });
    return { id, revokedAt: at.toISOString() };
  });
};

/**
 * Revokes, inside the caller's transaction, the documents of one kind still valid about a subject —
 * a filing's receipt when a change is filed (the new receipt replaces it) or the filing is cancelled —
 * so the public page no longer confirms what stopped being true. Each is audited. Returns the codes.
 */
export const revokeDocumentsAbout = async (
  trx: Transaction<DB>,
  ctx: AuditContext,
  about: { subjectType: string; subjectId: number; kind: string; reason: string; userId: number | null },
): Promise<string[]> => {
  const valid = (await documentsOfSubject(trx, about.subjectType, about.subjectId)).filter(
    (d) => d.kind === about.kind && d.revoked_at === null,
  );
  const at = new Date();
  for (const d of valid) {
    await markRevoked(trx, d.document_id, about.userId, about.reason, at);
    await writeAudit(trx, ctx, {
      action: 'document.revoke',
      entityType: 'document',
      entityId: d.document_id,
      before: { revokedAt: null },
      after: { revokedAt: at.toISOString(), reason: about.reason, code: d.verification_code },
    });
  }
  return valid.map((d) => d.verification_code);
};

/** The public verification: what the document says, by its code (404 for an unknown code). */
export const documentByVerificationCode = async (db: Kysely<DB>, input: string): Promise<DocumentRow> => {
  const code = normaliseCode(input);
  const row = code ? await documentByCode(db, code) : undefined;
  if (!row) throw new AppError('not_found', 'document_code_unknown');
  return row;
};

/** Whether the stored text still matches its content hash (tampering in the database shows). */
export const contentIntact = (r: DocumentRow): boolean => hashOfRow(r) === r.content_hash;
